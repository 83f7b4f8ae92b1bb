// Internal: the process-wide state of the MPK runtime (runtime/mpk only).
#pragma once

#include <cstdint>

#include "meshwa/runtime/domain.hpp"
#include "meshwa/runtime/mpk.hpp"

namespace meshwa::mpk::detail {

struct Keys {
  int safe = -1;      // the safe services' heap
  int exchange = -1;  // the exchange heap (Owned / Shared)
};

const Keys& keys() noexcept;
heap::Region* exchange_heap() noexcept;

/// PKRU that denies every key except key 0 and the given ones.
std::uint32_t pkru_allowing(int key_a, int key_b) noexcept;

/// Installs the SIGSEGV handler that turns faults inside a gate into errors.
void install_fault_handler();

/// Records a fault of `d` (restart policy) and returns the restart note for
/// the error message.
const char* note_fault(Domain& d, const char* message) noexcept;

/// Who owns the memory at `addr`, in words: "the safe services' heap (key 1)".
void describe_owner(const void* addr, char* out, std::size_t size) noexcept;

}  // namespace meshwa::mpk::detail
