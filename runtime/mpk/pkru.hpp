// Internal: PKRU bits. Reading and writing PKRU is meshwa/runtime/pkru.hpp.
#pragma once

#include <cstdint>

#include "meshwa/runtime/pkru.hpp"

namespace meshwa::mpk::detail {

/// The PKRU bits that deny all access to `key`.
constexpr std::uint32_t deny_bits(int key) noexcept { return std::uint32_t{3} << (2 * key); }

}  // namespace meshwa::mpk::detail
