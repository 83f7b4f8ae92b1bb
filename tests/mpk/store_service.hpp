// A deliberately misbehaving unsafe service and its gated stub, written by
// hand in exactly the shape docs/gate-protocol.md prescribes for generated
// code. `peek` and `poke` read and write any address they are given: the
// tests hand them other services' memory and check that MPK stops them.
#pragma once

#include <atomic>
#include <cstdint>
#include <cstdio>
#include <map>
#include <mutex>
#include <stdexcept>
#include <string>

#include "meshwa/meshwa.hpp"
#include "meshwa/registry.hpp"
#include "meshwa/runtime/domain_context.hpp"
#include "meshwa/runtime/gate.hpp"

namespace mpktest {

class MESHWA_INTERFACE Callback {
 public:
  virtual ~Callback() = default;
  virtual meshwa::Result<std::string> ping(std::string from) = 0;
};

class MESHWA_INTERFACE Store {
 public:
  virtual ~Store() = default;
  virtual meshwa::Result<void> put(std::string key, std::string value) = 0;
  virtual meshwa::Result<std::string> get(const std::string& key) = 0;
  /// Address of the stored value's characters (so a test can aim at it).
  virtual meshwa::Result<std::int64_t> address_of(std::string key) = 0;
  virtual meshwa::Result<int> peek(std::int64_t address) = 0;
  virtual meshwa::Result<void> poke(std::int64_t address, int value) = 0;
  virtual meshwa::Result<int> fail(std::string what) = 0;
  /// PKRU as seen inside the service.
  virtual meshwa::Result<std::int64_t> pkru() = 0;
  /// Address of a fresh allocation made inside the service.
  virtual meshwa::Result<std::int64_t> allocate(std::int64_t bytes) = 0;
  /// Calls `cb` (a service of the caller's side) and returns its answer.
  virtual meshwa::Result<std::string> call_back(meshwa::Ref<Callback> cb) = 0;
  /// Calls another Store (nested gate) and returns the PKRU it saw, then its own.
  virtual meshwa::Result<std::string> nested(meshwa::Ref<Store> other) = 0;
  virtual meshwa::Result<meshwa::Owned<std::string>> upper(meshwa::Owned<std::string> text) = 0;
  virtual int size() = 0;  // a plain result: failures terminate
};

inline std::int64_t read_pkru_now() {
  return meshwa::mpk::hardware() ? static_cast<std::int64_t>(meshwa::mpk::detail::read_pkru()) : -1;
}

class MESHWA_SERVICE("store") MESHWA_UNSAFE("test: reads and writes raw addresses") StoreService final
    : public Store {
 public:
  explicit StoreService(meshwa::Context& ctx) : name_(ctx.service_name()) { constructed.fetch_add(1); }
  ~StoreService() override {
    destroyed.fetch_add(1);
    pkru_in_destructor.store(read_pkru_now());
  }

  // Globals are key 0, readable and writable from every domain: the tests
  // count objects made and destroyed, and see the rights a destructor ran with.
  static inline std::atomic<int> constructed{0};
  static inline std::atomic<int> destroyed{0};
  static inline std::atomic<std::int64_t> pkru_in_destructor{-2};

  // Services are called from many threads at once (Gate.ManyThreadsKeepTheirOwnPkru).
  meshwa::Result<void> put(std::string key, std::string value) override {
    std::lock_guard lock(mutex_);
    data_[std::move(key)] = std::move(value);
    return meshwa::ok();
  }
  meshwa::Result<std::string> get(const std::string& key) override {
    std::lock_guard lock(mutex_);
    auto it = data_.find(key);
    if (it == data_.end()) return meshwa::Error(meshwa::Code::not_found, name_ + ": no " + key);
    return it->second;
  }
  meshwa::Result<std::int64_t> address_of(std::string key) override {
    std::lock_guard lock(mutex_);
    auto it = data_.find(key);
    if (it == data_.end()) return meshwa::Error(meshwa::Code::not_found, key);
    return reinterpret_cast<std::int64_t>(it->second.data());
  }
  meshwa::Result<int> peek(std::int64_t address) override {
    return *reinterpret_cast<volatile const unsigned char*>(address);
  }
  meshwa::Result<void> poke(std::int64_t address, int value) override {
    *reinterpret_cast<volatile unsigned char*>(address) = static_cast<unsigned char>(value);
    return meshwa::ok();
  }
  meshwa::Result<int> fail(std::string what) override { throw std::runtime_error(what); }
  meshwa::Result<std::int64_t> pkru() override { return read_pkru_now(); }
  meshwa::Result<std::int64_t> allocate(std::int64_t bytes) override {
    kept_.push_back(std::string(static_cast<std::size_t>(bytes), 'x'));
    return reinterpret_cast<std::int64_t>(kept_.back().data());
  }
  meshwa::Result<std::string> call_back(meshwa::Ref<Callback> cb) override {
    auto r = cb->ping(name_);
    if (!r.has_value()) return r.error();
    return name_ + " got " + *r;
  }
  meshwa::Result<std::string> nested(meshwa::Ref<Store> other) override {
    auto inner = other->pkru();
    if (!inner.has_value()) return inner.error();
    return std::to_string(*inner) + "/" + std::to_string(read_pkru_now());
  }
  meshwa::Result<meshwa::Owned<std::string>> upper(meshwa::Owned<std::string> text) override {
    std::string out = *text;
    for (char& c : out) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 32 : c);
    return meshwa::make_owned<std::string>(std::move(out));
  }
  int size() override {
    std::lock_guard lock(mutex_);
    if (data_.count("throw-in-size")) throw std::runtime_error("size is broken");
    return static_cast<int>(data_.size());
  }

 private:
  std::string name_;
  std::mutex mutex_;
  std::map<std::string, std::string> data_;
  std::vector<std::string> kept_;
};

// ---- What meshwa gen emits for an unsafe service (docs/gate-protocol.md) ----

class StoreGatedStub final : public Store {
 public:
  explicit StoreGatedStub(meshwa::mpk::Domain& domain) : domain_(domain) {}

  meshwa::Result<void> put(std::string key, std::string value) override {
    static constexpr meshwa::mpk::CallSite site{"store", "put"};
    return meshwa::mpk::call<meshwa::Result<void>>(
        domain_, site, [this](std::string k, std::string v) { return impl()->put(std::move(k), std::move(v)); },
        std::move(key), std::move(value));
  }
  meshwa::Result<std::string> get(const std::string& key) override {
    static constexpr meshwa::mpk::CallSite site{"store", "get"};
    return meshwa::mpk::call<meshwa::Result<std::string>>(
        domain_, site, [this](const std::string& k) { return impl()->get(k); }, key);
  }
  meshwa::Result<std::int64_t> address_of(std::string key) override {
    static constexpr meshwa::mpk::CallSite site{"store", "address_of"};
    return meshwa::mpk::call<meshwa::Result<std::int64_t>>(
        domain_, site, [this](std::string k) { return impl()->address_of(std::move(k)); }, std::move(key));
  }
  meshwa::Result<int> peek(std::int64_t address) override {
    static constexpr meshwa::mpk::CallSite site{"store", "peek"};
    return meshwa::mpk::call<meshwa::Result<int>>(
        domain_, site, [this](std::int64_t a) { return impl()->peek(a); }, address);
  }
  meshwa::Result<void> poke(std::int64_t address, int value) override {
    static constexpr meshwa::mpk::CallSite site{"store", "poke"};
    return meshwa::mpk::call<meshwa::Result<void>>(
        domain_, site, [this](std::int64_t a, int v) { return impl()->poke(a, v); }, address, value);
  }
  meshwa::Result<int> fail(std::string what) override {
    static constexpr meshwa::mpk::CallSite site{"store", "fail"};
    return meshwa::mpk::call<meshwa::Result<int>>(
        domain_, site, [this](std::string w) { return impl()->fail(std::move(w)); }, std::move(what));
  }
  meshwa::Result<std::int64_t> pkru() override {
    static constexpr meshwa::mpk::CallSite site{"store", "pkru"};
    return meshwa::mpk::call<meshwa::Result<std::int64_t>>(domain_, site, [this] { return impl()->pkru(); });
  }
  meshwa::Result<std::int64_t> allocate(std::int64_t bytes) override {
    static constexpr meshwa::mpk::CallSite site{"store", "allocate"};
    return meshwa::mpk::call<meshwa::Result<std::int64_t>>(
        domain_, site, [this](std::int64_t b) { return impl()->allocate(b); }, bytes);
  }
  meshwa::Result<std::string> call_back(meshwa::Ref<Callback> cb) override {
    static constexpr meshwa::mpk::CallSite site{"store", "call_back"};
    return meshwa::mpk::call<meshwa::Result<std::string>>(
        domain_, site, [this](meshwa::Ref<Callback> c) { return impl()->call_back(c); }, cb);
  }
  meshwa::Result<std::string> nested(meshwa::Ref<Store> other) override {
    static constexpr meshwa::mpk::CallSite site{"store", "nested"};
    return meshwa::mpk::call<meshwa::Result<std::string>>(
        domain_, site, [this](meshwa::Ref<Store> o) { return impl()->nested(o); }, other);
  }
  meshwa::Result<meshwa::Owned<std::string>> upper(meshwa::Owned<std::string> text) override {
    static constexpr meshwa::mpk::CallSite site{"store", "upper"};
    return meshwa::mpk::call<meshwa::Result<meshwa::Owned<std::string>>>(
        domain_, site, [this](meshwa::Owned<std::string> t) { return impl()->upper(std::move(t)); },
        std::move(text));
  }
  int size() override {
    static constexpr meshwa::mpk::CallSite site{"store", "size"};
    return meshwa::mpk::call<int>(domain_, site, [this] { return impl()->size(); });
  }

  void publish(StoreService* impl) noexcept { impl_.store(impl, std::memory_order_release); }

 private:
  StoreService* impl() const noexcept { return impl_.load(std::memory_order_acquire); }

  meshwa::mpk::Domain& domain_;
  std::atomic<StoreService*> impl_{nullptr};
};

/// The generated ServiceInstance of an unsafe service: the domain, the
/// Context the service sees, the stub, and the restart hook.
class StoreInstance final : public meshwa::ServiceInstance {
 public:
  StoreInstance(meshwa::Context& ctx, meshwa::mpk::Domain& domain)
      : domain_(domain), context_(ctx, domain), stub_(domain) {
    make();
    domain_.add_restart(this, [this] { make(); });
  }
  ~StoreInstance() override {
    domain_.remove_restart(this);
    static constexpr meshwa::mpk::CallSite site{"store", "StoreService::~StoreService"};
    meshwa::Result<void> gone = meshwa::mpk::destroy(domain_, site, object_);
    if (!gone.has_value()) std::fprintf(stderr, "store: stopping faulted: %s\n", gone.error().message().c_str());
  }
  void* exit(std::type_index iface) noexcept override {
    return iface == std::type_index(typeid(Store)) ? static_cast<Store*>(&stub_) : nullptr;
  }
  StoreGatedStub& stub() noexcept { return stub_; }
  meshwa::mpk::Domain& domain() noexcept { return domain_; }

 private:
  void make() {
    static constexpr meshwa::mpk::CallSite site{"store", "StoreService::StoreService"};
    meshwa::Result<StoreService*> made = meshwa::mpk::construct<StoreService>(domain_, site, context_);
    if (!made.has_value()) throw meshwa::StartError(made.error().message());
    object_ = *made;
    stub_.publish(*made);
  }

  meshwa::mpk::Domain& domain_;
  meshwa::mpk::DomainContext context_;
  StoreService* object_ = nullptr;
  StoreGatedStub stub_;
};

/// A Context for tests without a registry.
class TestContext final : public meshwa::Context {
 public:
  explicit TestContext(std::string name) : name_(std::move(name)) {}
  const std::string& service_name() const noexcept override { return name_; }
  std::string config(std::string_view, std::string_view fallback) const override { return std::string(fallback); }

 protected:
  void* resolve(std::type_index, std::string_view name) override {
    throw meshwa::StartError("no provider of " + std::string(name));
  }

 private:
  std::string name_;
};

/// One store in its own domain, made the way generated code makes it
/// (untagged, so code in other domains can call through its stub).
inline StoreInstance* make_store(const std::string& name, std::string_view group = {}) {
  meshwa::mpk::UntaggedScope untagged;
  auto* ctx = new TestContext(name);
  return new StoreInstance(*ctx, meshwa::mpk::create_domain(name, group));
}

// ---- A safe service on the caller's side, and its stub -------------------

class Recorder final : public Callback {
 public:
  meshwa::Result<std::string> ping(std::string from) override {
    seen_.push_back(from);  // touches the safe heap: needs the safe side's rights
    return "pong #" + std::to_string(seen_.size()) + " for " + from;
  }
  std::vector<std::string> seen_;
};

/// The generated stub of a safe service: a direct call, except from inside
/// a domain, where it leaves through the gate into trusted().
class CallbackStub final : public Callback {
 public:
  explicit CallbackStub(Callback& impl) : impl_(impl) {}
  meshwa::Result<std::string> ping(std::string from) override {
    static constexpr meshwa::mpk::CallSite site{"recorder", "ping"};
    auto direct = [this](std::string f) { return impl_.ping(std::move(f)); };
    if (meshwa::mpk::in_domain()) {
      return meshwa::mpk::call<meshwa::Result<std::string>>(meshwa::mpk::trusted(), site, direct, std::move(from));
    }
    return direct(std::move(from));
  }

 private:
  Callback& impl_;
};

}  // namespace mpktest
