// A consumer (Client) that records contracts of Store in its unit tests, and
// a Hub whose methods take capabilities of an interface (Listener) that no
// service of the deployment provides, so that its property tests call it
// with a generated stand-in (docs/contracts.md §1 and §3).
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <meshwa/meshwa.hpp>

namespace recording {

class MESHWA_INTERFACE Store {
 public:
  virtual ~Store() = default;
  virtual std::int32_t get(std::string key) = 0;
};

// Nobody in the deployment provides it: property tests of Hub get a stand-in.
class MESHWA_INTERFACE Listener {
 public:
  virtual ~Listener() = default;
  virtual std::int32_t heard(std::int32_t n) = 0;
  virtual meshwa::Result<std::int32_t> confirm(std::string what) = 0;
  virtual meshwa::Ref<Listener> next() = 0;
};

class MESHWA_INTERFACE Hub {
 public:
  virtual ~Hub() = default;
  // Needs a Listener: no caller of this deployment can pass one.
  virtual std::int32_t notify(meshwa::Ref<Listener> listener) = 0;
  // A caller can pass none (nullopt, an empty vector).
  virtual std::int32_t maybe(std::optional<meshwa::Ref<Listener>> listener, std::vector<meshwa::Ref<Listener>> all) = 0;
  // Store has a provider: a real capability.
  virtual std::int32_t read(meshwa::Ref<Store> store) = 0;
  // Asks the listener the next one points to; trusts its answer when
  // RECORDING_CARELESS is set (recording::careless()).
  virtual std::int32_t confirmed(meshwa::Ref<Listener> listener) = 0;
  // Keeps the listener and answers how many it keeps, without calling it:
  // a contract's replay compares that answer (docs/contracts.md §2).
  virtual std::int32_t subscribe(meshwa::Ref<Listener> listener) = 0;
};

// docs/contracts.md §2: only an argument whose type can hold a Ref is
// "a Ref argument" for the replay; a parameter, field or map key named
// "ref" is data and is replayed (ref_contracts/).
struct MESHWA_MESSAGE Link {
  std::string ref;
};
struct MESHWA_MESSAGE Holder {
  Link link;
  std::int32_t n = 0;
};
struct MESHWA_MESSAGE Wrapper {
  std::optional<meshwa::Ref<Store>> store;
  std::string ref;
};

class MESHWA_INTERFACE Named {
 public:
  virtual ~Named() = default;
  virtual std::int32_t bump(std::int32_t ref) = 0;
  virtual std::int32_t open(Link link) = 0;
  virtual std::int32_t hold(Holder h, std::int32_t k) = 0;
  virtual std::int32_t tags(std::map<std::string, std::string> tags) = 0;
  virtual std::int32_t wrapped(Wrapper w) = 0;
  // A result message holding a live Ref: its property test reads it back
  // from its JSON as a contract holds it (probe api5 #1).
  virtual Wrapper lend() = 0;
};

class MESHWA_INTERFACE Front {
 public:
  virtual ~Front() = default;
  virtual std::int32_t sum(std::string a, std::string b) = 0;
};

class MESHWA_SERVICE("recording_store") StoreService final : public Store {
 public:
  explicit StoreService(meshwa::Context& ctx);
  // With RECORDING_ENDLESS (recording::endless()): Hub::read(this store),
  // which calls get again, without end.
  std::int32_t get(std::string key) override;

 private:
  meshwa::Context& ctx_;
};

class MESHWA_SERVICE("recording_hub") HubService final : public Hub {
 public:
  explicit HubService(meshwa::Context& ctx);
  std::int32_t notify(meshwa::Ref<Listener> listener) override;
  std::int32_t maybe(std::optional<meshwa::Ref<Listener>> listener, std::vector<meshwa::Ref<Listener>> all) override;
  std::int32_t read(meshwa::Ref<Store> store) override;
  std::int32_t confirmed(meshwa::Ref<Listener> listener) override;
  std::int32_t subscribe(meshwa::Ref<Listener> listener) override;

 private:
  std::mutex mutex_;
  std::vector<meshwa::Ref<Listener>> subscribers_;
};

class MESHWA_SERVICE("recording_named") NamedService final : public Named {
 public:
  explicit NamedService(meshwa::Context& ctx);
  std::int32_t bump(std::int32_t ref) override;
  std::int32_t open(Link link) override;
  std::int32_t hold(Holder h, std::int32_t k) override;
  std::int32_t tags(std::map<std::string, std::string> tags) override;
  std::int32_t wrapped(Wrapper w) override;
  Wrapper lend() override;

 private:
  meshwa::Context& ctx_;
};

class MESHWA_SERVICE("recording_client") ClientService final : public Front {
 public:
  explicit ClientService(meshwa::Context& ctx);
  std::int32_t sum(std::string a, std::string b) override;

 private:
  meshwa::Ref<Store> store_;
};

}  // namespace recording
