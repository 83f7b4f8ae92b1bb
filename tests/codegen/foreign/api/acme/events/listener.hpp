// A callback interface: services hand each other a meshwa::Ref<Listener>.
#pragma once

#include <cstdint>
#include <string>
#include <variant>

#include <meshwa/meshwa.hpp>

namespace acme::events {

struct MESHWA_MESSAGE Event {
  std::string topic;
  std::variant<std::monostate, std::string, double> payload;
  std::uint64_t seq = 0;
};

class MESHWA_INTERFACE Listener {
 public:
  virtual ~Listener() = default;
  virtual void notify(const Event& event) = 0;
  virtual std::uint64_t seen() const = 0;
};

}  // namespace acme::events
