#include "recording/services.hpp"

#include "recording/careless.hpp"

#include <utility>

namespace recording {

StoreService::StoreService(meshwa::Context& ctx) : ctx_(ctx) {}

std::int32_t StoreService::get(std::string key) {
  if (endless()) return ctx_.ref<Hub>()->read(ctx_.ref<Store>()) + 1;  // a stack overflow, on purpose
  return static_cast<std::int32_t>(key.size());
}

HubService::HubService(meshwa::Context&) {}

std::int32_t HubService::notify(meshwa::Ref<Listener> listener) { return listener->heard(1); }

std::int32_t HubService::maybe(std::optional<meshwa::Ref<Listener>> listener, std::vector<meshwa::Ref<Listener>> all) {
  std::int32_t n = 0;
  if (listener) n += (*listener)->heard(1);
  for (meshwa::Ref<Listener>& l : all) n += l->heard(2);
  return n;
}

std::int32_t HubService::read(meshwa::Ref<Store> store) { return store->get("k"); }

std::int32_t HubService::confirmed(meshwa::Ref<Listener> listener) {
  meshwa::Result<std::int32_t> answer = listener->next()->confirm("k");
  if (careless()) return answer.value();  // throws when the listener answered an error
  return answer.value_or(-1);
}

std::int32_t HubService::subscribe(meshwa::Ref<Listener> listener) {
  std::lock_guard lock(mutex_);
  subscribers_.push_back(std::move(listener));
  return static_cast<std::int32_t>(subscribers_.size());
}

NamedService::NamedService(meshwa::Context& ctx) : ctx_(ctx) {}

std::int32_t NamedService::bump(std::int32_t ref) { return ref + 1; }

std::int32_t NamedService::open(Link link) { return static_cast<std::int32_t>(link.ref.size()); }

std::int32_t NamedService::hold(Holder h, std::int32_t k) { return static_cast<std::int32_t>(h.link.ref.size()) + h.n + k; }

std::int32_t NamedService::tags(std::map<std::string, std::string> tags) { return static_cast<std::int32_t>(tags.size()); }

std::int32_t NamedService::wrapped(Wrapper w) {
  if (!w.store) return -1;
  return (*w.store)->get(std::move(w.ref));
}

Wrapper NamedService::lend() { return Wrapper{ctx_.ref<Store>(), "lent"}; }

ClientService::ClientService(meshwa::Context& ctx) : store_(ctx.ref<Store>()) {}

std::int32_t ClientService::sum(std::string a, std::string b) { return store_->get(std::move(a)) + store_->get(std::move(b)); }

}  // namespace recording
