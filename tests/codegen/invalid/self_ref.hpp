// A service whose constructor asks for its own interface (to subscribe
// itself to a hub): it provides the interface only once it has started, so
// no start order exists. gen says so at the ctx.ref<I>() call, directly and
// through a helper the constructor calls (with a note at the constructor).
// HubService asks for its own Hub only from a method, after start: fine.
// RouterService asks for its own Listener in lambdas its constructor
// stores in std::functions, which run later: fine too.
#pragma once
#include <functional>
#include <map>
#include <string>

#include <meshwa/meshwa.hpp>

namespace self {

class MESHWA_INTERFACE Listener {
 public:
  virtual ~Listener() = default;
  virtual void on_event(std::string what) = 0;
};

class MESHWA_INTERFACE Hub {
 public:
  virtual ~Hub() = default;
  virtual void subscribe(meshwa::Ref<Listener> l) = 0;
};

class MESHWA_INTERFACE Store {
 public:
  virtual ~Store() = default;
  virtual void put(std::string s) = 0;
};

class MESHWA_SERVICE("app") AppService final : public Listener {
 public:
  explicit AppService(meshwa::Context& ctx) { ctx.ref<Hub>()->subscribe(ctx.ref<Listener>()); }
  void on_event(std::string) override {}
};

class MESHWA_SERVICE("store") StoreService final : public Store, public Listener {
 public:
  explicit StoreService(meshwa::Context& ctx);
  void put(std::string) override {}
  void on_event(std::string) override {}

 private:
  meshwa::Ref<Store> self_;
};

class MESHWA_SERVICE("hub") HubService final : public Hub {
 public:
  explicit HubService(meshwa::Context& ctx) : ctx_(ctx) {}
  void subscribe(meshwa::Ref<Listener>) override { ctx_.ref<Hub>(); }

 private:
  meshwa::Context& ctx_;
};

// A route table set up in the constructor (api22's nginx-like front): the
// lambdas are stored, not run, so their ctx_.ref<Listener>() is no ask of
// the constructor.
class MESHWA_SERVICE("router") RouterService final : public Listener {
 public:
  explicit RouterService(meshwa::Context& ctx)
      : ctx_(ctx), later_([this] { ctx_.ref<Hub>()->subscribe(ctx_.ref<Listener>()); }) {
    routes_["subscribe"] = [this] { ctx_.ref<Hub>()->subscribe(ctx_.ref<Listener>()); };
    std::function<void()> kept = [this] { ctx_.ref<Listener>(); };
    kept_ = kept;
  }
  void on_event(std::string) override { routes_["subscribe"](); }

 private:
  meshwa::Context& ctx_;
  std::function<void()> later_;
  std::function<void()> kept_;
  std::map<std::string, std::function<void()>> routes_;
};

}  // namespace self
