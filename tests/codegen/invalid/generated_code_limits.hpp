// Declarations the plugin accepts but whose generated code could not
// compile: meshwa gen must reject each at the declaration, with the remedy,
// instead of leaving the error to a generated file (probe api3 #6, #7, #9).
#pragma once
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <meshwa/meshwa.hpp>

namespace lim {

struct MESHWA_MESSAGE Part {
  std::int32_t x = 0;
};
struct MESHWA_MESSAGE Holder {
  meshwa::Owned<Part> part;  // move-only, as Owned is
};
struct MESHWA_MESSAGE Deep {
  std::optional<Holder> holder;
};
struct MESHWA_MESSAGE Copyable {
  meshwa::Shared<Part> part;  // Shared copies
  std::vector<std::string> names;
};

class MESHWA_INTERFACE Api {
 public:
  virtual ~Api() = default;
  // The gate copies a borrowed argument across an MPK domain.
  virtual std::int32_t peek(const Holder& h) = 0;
  virtual std::int32_t count(const std::vector<meshwa::Owned<Part>>& v) = 0;
  virtual std::int32_t deep(const std::map<std::string, Deep>& d) = 0;
  // Accepted: copyable borrows, and move-only values taken by value.
  virtual std::int32_t fine(const Copyable& c, const std::string& s, const meshwa::Owned<Part>& p, Holder h) = 0;
  // GoogleMock's MOCK_METHOD takes at most 15 parameters.
  virtual std::int32_t sixteen(std::int32_t a1, std::int32_t a2, std::int32_t a3, std::int32_t a4, std::int32_t a5,
                               std::int32_t a6, std::int32_t a7, std::int32_t a8, std::int32_t a9, std::int32_t a10,
                               std::int32_t a11, std::int32_t a12, std::int32_t a13, std::int32_t a14,
                               std::int32_t a15, std::int32_t a16) = 0;
  virtual std::int32_t fifteen(std::int32_t a1, std::int32_t a2, std::int32_t a3, std::int32_t a4, std::int32_t a5,
                               std::int32_t a6, std::int32_t a7, std::int32_t a8, std::int32_t a9, std::int32_t a10,
                               std::int32_t a11, std::int32_t a12, std::int32_t a13, std::int32_t a14,
                               std::int32_t a15) = 0;
};

class MESHWA_INTERFACE Clock {
 public:
  virtual ~Clock() = default;
  virtual std::int64_t now() = 0;
};

// The team's own test double has the generated mock's name.
class MockClock final : public Clock {
 public:
  std::int64_t t = 0;
  std::int64_t now() override { return t; }
};

}  // namespace lim
