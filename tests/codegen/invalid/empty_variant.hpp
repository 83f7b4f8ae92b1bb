// std::variant<> (no alternatives) in a boundary type: no value of it
// exists and the generated code cannot instantiate it (libstdc++'s
// static_assert in a generated file). gen says so where the type is used:
// a result, a parameter, inside a Result or a vector, a message member.
// std::variant<std::monostate> is fine.
#pragma once
#include <cstdint>
#include <variant>
#include <vector>

#include <meshwa/meshwa.hpp>

namespace none {

struct MESHWA_MESSAGE Holder {
  int32_t id = 0;
  std::vector<std::variant<>> nothing;
};

class MESHWA_INTERFACE Api {
 public:
  virtual ~Api() = default;
  virtual std::variant<> get() = 0;
  virtual void put(std::vector<std::variant<>> v) = 0;
  virtual meshwa::Result<std::variant<>> maybe() = 0;
  virtual void keep(Holder h) = 0;
  virtual std::variant<std::monostate> fine() = 0;
};

}  // namespace none
