// DomainContext: Context calls from inside a domain, made through the gate
// into trusted(). A StartError from the registry (no provider, a cycle)
// comes back as an error and is thrown again inside the domain, so the
// service's constructor fails the way it would outside.
#include "meshwa/runtime/domain_context.hpp"

#include <utility>

#include "meshwa/registry.hpp"
#include "meshwa/runtime/gate.hpp"

namespace meshwa::mpk {

namespace {

// Context::resolve is protected; a member pointer named through a derived
// class is the standard way for a wrapper to call it on another Context.
struct ResolveAccess : Context {
  static void* resolve_on(Context& c, std::type_index iface, std::string_view name) {
    return (c.*(&ResolveAccess::resolve))(iface, name);
  }
};

constexpr CallSite kResolve{"registry", "Context::ref"};
constexpr CallSite kConfig{"registry", "Context::config"};

}  // namespace

DomainContext::DomainContext(Context& outer, Domain& domain)
    : outer_(outer), domain_(domain), name_(outer.service_name()) {}

std::string DomainContext::config(std::string_view key, std::string_view fallback) const {
  if (!in_domain()) return outer_.config(key, fallback);
  Result<std::string> r = call<Result<std::string>>(
      trusted(), kConfig,
      [this](const std::string& k, const std::string& f) -> Result<std::string> { return outer_.config(k, f); },
      std::string(key), std::string(fallback));
  if (!r.has_value()) throw StartError(r.error().message());
  return std::move(r).value();
}

void* DomainContext::resolve(std::type_index iface, std::string_view iface_name) {
  if (!in_domain()) return ResolveAccess::resolve_on(outer_, iface, iface_name);
  Result<void*> r = call<Result<void*>>(
      trusted(), kResolve,
      [this, iface](const std::string& name) -> Result<void*> {
        try {
          return ResolveAccess::resolve_on(outer_, iface, name);
        } catch (const StartError& e) {
          start_error_ = e.what();
          return Error(Code::not_found, e.what());
        }
      },
      std::string(iface_name));
  if (!r.has_value()) throw StartError(r.error().message());
  return *r;
}

std::string DomainContext::take_start_error() { return std::exchange(start_error_, std::string()); }

}  // namespace meshwa::mpk
