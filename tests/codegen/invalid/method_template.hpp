// meshwa gen must reject: a member function template in an interface, its
// own or a base's. A template is never virtual, so a call through
// Ref<Store> would run it in the caller, past the stub. A static member
// template (no service instance) and a service class's own member template
// (callers never see it) are fine.
#pragma once
#include <cstdint>
#include <string>

#include <meshwa/meshwa.hpp>

namespace bad {

struct Convertible {
  template <class T>
  T as() const { return T{}; }
};

class MESHWA_INTERFACE Store : public Convertible {
 public:
  virtual ~Store() = default;
  virtual std::int32_t size() = 0;
  template <class T>
  T get(const std::string& key) { return T{}; }
  template <class... Args>
  std::int32_t put_all(Args... args) { return static_cast<std::int32_t>(sizeof...(args)); }
  template <class T>
  static T make() { return T{}; }
};

class MESHWA_SERVICE("store") StoreService final : public Store {
 public:
  explicit StoreService(meshwa::Context&) {}
  std::int32_t size() override { return 0; }
  template <class T>
  T cached() { return T{}; }
};

}  // namespace bad
