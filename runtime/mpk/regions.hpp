// Internal: creating, tagging and retiring heap regions (runtime/mpk only).
#pragma once

#include <cstddef>

#include "meshwa/runtime/heap.hpp"

namespace meshwa::mpk::heap {

/// Reserves the virtual range all regions come from. Once per process;
/// false (with errno) when the kernel refuses the reservation.
bool reserve(std::size_t region_bytes, std::size_t max_regions);

/// Makes a fresh region, tagged with `pkey` (or untagged for pkey < 0);
/// nullptr when every slot of the reservation has been used.
Region* create_region(Owner::Kind kind, int domain_index, int pkey) noexcept;

/// Marks a region as left behind by a restart: it stays mapped and tagged
/// (values that escaped it stay readable and can still be freed) but is
/// never handed out again.
void retire(Region* r) noexcept;

/// Number of region slots still free.
std::size_t free_slots() noexcept;

/// The safe services' heap (the default outside domains once set).
void set_default(Region* r) noexcept;
Region* default_region() noexcept;

/// operator new's path: the current heap of this thread, or malloc.
void* route_allocate(std::size_t size, std::size_t align) noexcept;
void route_deallocate(void* p) noexcept;

}  // namespace meshwa::mpk::heap
