// An enum in an anonymous namespace of a header is a different type in
// every file that includes it, so the generated stubs, registration and
// tests (other files) cannot name the one the service uses (the same as a
// message there, anonymous_namespace.cpp). gen says so at each use (a
// member, a result, a parameter, inside a template argument), with a note
// at the enum; an enum of a named namespace is fine.
#pragma once
#include <cstdint>
#include <optional>
#include <vector>

#include <meshwa/meshwa.hpp>

namespace {
enum class Mode { fast, slow };
enum Level : std::int32_t { low = 1, high = 2 };
}  // namespace

namespace bad {
enum class Named { a, b };

struct MESHWA_MESSAGE Setting {
  Mode mode = Mode::fast;
  std::optional<Level> level;
  Named named = Named::a;
};

class MESHWA_INTERFACE Tuner {
 public:
  virtual ~Tuner() = default;
  virtual Mode current() = 0;
  virtual void set(Mode mode) = 0;
  virtual void levels(std::vector<Level> levels) = 0;
  virtual void apply(Setting setting) = 0;
  virtual Named named(Named named) = 0;
};
}  // namespace bad
