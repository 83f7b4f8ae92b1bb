// Another team's API package: an interface, a message and an enum, in a
// header its consumers reach through -isystem (CMake SYSTEM, as for the
// include directories of an imported target). The markers are explicit:
// meshwa gen models them although the header is a system header.
#pragma once
#include <cstdint>
#include <string>

#include <meshwa/meshwa.hpp>

namespace sysapi {

enum class Tone : uint8_t { plain, loud };

struct MESHWA_MESSAGE Note {
  std::string text;
  Tone tone = Tone::plain;
  int32_t count = 0;
};

class MESHWA_INTERFACE Greeter {
 public:
  virtual ~Greeter() = default;
  virtual Note greet(Note note) = 0;
};

}  // namespace sysapi
