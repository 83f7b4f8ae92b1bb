// The interface of service_in_source.cpp, declared in a header as it must be.
#pragma once

#include <string>

#include <meshwa/meshwa.hpp>

namespace bad {
class MESHWA_INTERFACE Users {
 public:
  virtual ~Users() = default;
  virtual std::string name(int id) = 0;
};
}  // namespace bad
