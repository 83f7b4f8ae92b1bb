// A parameter type nested ten levels deep, each level naming the one below
// eight times (std::variant<L8, L8, ...>): the generator's walks over
// template arguments (a Ref to no interface, an empty std::variant, the
// enums to collect) look at each type once; they followed every mention,
// 8^10 of them, and never finished. The raw pointer at the bottom is still
// found.
#pragma once

#include <meshwa/meshwa.hpp>

#include <cstdint>
#include <variant>

namespace deep {

using L0 = std::variant<std::int32_t, std::int32_t*>;
#define LEVEL(name, below) using name = std::variant<below, below, below, below, below, below, below, below>
LEVEL(L1, L0);
LEVEL(L2, L1);
LEVEL(L3, L2);
LEVEL(L4, L3);
LEVEL(L5, L4);
LEVEL(L6, L5);
LEVEL(L7, L6);
LEVEL(L8, L7);
LEVEL(L9, L8);
LEVEL(L10, L9);

class MESHWA_INTERFACE Sink {
 public:
  virtual ~Sink() = default;
  virtual std::int32_t put(L10 value) = 0;
};

}  // namespace deep
