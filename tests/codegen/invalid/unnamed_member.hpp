// Message members the generated code cannot name: an anonymous union or
// struct (no member name) and a member whose type is an unnamed union or
// struct. gen names each as a reader sees it ("the anonymous union at
// unnamed_member.hpp:17:3 in message anon::Value", not "member ''"), with a
// remedy that applies (a named std::variant, a named MESHWA_MESSAGE
// struct), once, and not again for the parameter that takes the message.
#pragma once
#include <cstdint>
#include <string>

#include <meshwa/meshwa.hpp>

namespace anon {

struct MESHWA_MESSAGE Value {
  int32_t id = 0;
  union {
    int32_t number;
    float ratio;
  };
};

struct MESHWA_MESSAGE Pair {
  struct {
    int32_t left;
    int32_t right;
  };
};

struct MESHWA_MESSAGE Point {
  struct {
    int32_t x{};
    int32_t y{};
  } at;
  union {
    int64_t i;
    double d;
  } raw;
};

class MESHWA_INTERFACE Use {
 public:
  virtual ~Use() = default;
  virtual void value(Value v) = 0;
  virtual void pair(Pair p) = 0;
  virtual Point point() = 0;
};

}  // namespace anon
