#pragma once
#include <cstdint>

#include <meshwa/meshwa.hpp>

namespace bad {

class MESHWA_INTERFACE Echo {
 public:
  virtual ~Echo() = default;
  virtual std::int32_t echo(std::int32_t x) = 0;
};

inline constexpr const char kName[] = "echo";

// A name that is not a string literal.
class [[clang::annotate("meshwa::service", kName)]] Named final : public Echo {
 public:
  explicit Named(meshwa::Context&) {}
  std::int32_t echo(std::int32_t x) override { return x; }
};

// Two names.
class MESHWA_SERVICE("twice") MESHWA_SERVICE("again") Twice final : public Echo {
 public:
  explicit Twice(meshwa::Context&) {}
  std::int32_t echo(std::int32_t x) override { return x; }
};

// A line break in the name: it would end the comments generated code
// writes the name into.
class MESHWA_SERVICE("line\nbreak") Broken final : public Echo {
 public:
  explicit Broken(meshwa::Context&) {}
  std::int32_t echo(std::int32_t x) override { return x; }
};

}  // namespace bad
