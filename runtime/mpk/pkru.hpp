// Internal: reading and writing PKRU. The only WRPKRU instruction of meshwa
// is in meshwa_mpk_wrpkru (pkru.cpp), which lives in the `meshwa_gate`
// section so `meshwa inspect` can tell it from a stray one.
#pragma once

#include <cstdint>

#include "meshwa/runtime/gate.hpp"  // detail::read_pkru


namespace meshwa::mpk::detail {

/// The PKRU bits that deny all access to `key`.
constexpr std::uint32_t deny_bits(int key) noexcept { return std::uint32_t{3} << (2 * key); }

}  // namespace meshwa::mpk::detail
