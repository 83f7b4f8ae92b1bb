// meshwa::Ref<I>: a capability, a handle on another service's interface.
// It is what Context::ref<I>() hands out; calls go `ref->method(...)` into the
// generated stub of I, which routes them to the implementation (directly, or
// through the gate of an MPK domain). Copyable and cheap: a Ref is a pointer
// to an object that lives as long as the deployment. When its service stops,
// the runtime constructs the stub's "stopped" twin in the same place (it
// answers Error(unavailable)); std::launder below says so to the compiler
// and costs no instruction.
#pragma once

#include "meshwa/requirements.hpp"

#include <new>
#include <string>
#include <type_traits>

#include "meshwa/owned.hpp"  // EmptyHandle
#include "meshwa/type_name.hpp"

namespace meshwa {

template <class I>
class Ref {
 public:
  using interface_type = I;

  /// An empty capability; calling through it throws meshwa::EmptyHandle.
  Ref() noexcept = default;
  /// Made by the runtime from the exit (stub) of the providing service.
  explicit Ref(I& exit) noexcept : exit_(&exit) {}

  /// A capability on a derived interface is one on each of its public
  /// bases: `Ref<Reader> r = ctx.ref<Store>();` for
  /// `class MESHWA_INTERFACE Store : public Reader`. Calls go through the
  /// same exit (the derived interface's stub implements the base's methods).
  /// Only a non-virtual base: the runtime replaces a stopped service's exit
  /// by its "stopped" twin in the same place, and a non-virtual base sits at
  /// the same offset in both, while a virtual base's place depends on the
  /// most derived class (ask for it instead: ctx.ref<Base>()).
  template <class Derived>
    requires(!std::is_same_v<Derived, I> && std::is_convertible_v<Derived*, I*>)
  Ref(const Ref<Derived>& other) noexcept  // NOLINT(google-explicit-constructor): an upcast, like Derived* to I*
      : exit_(other.exit_) {
    static_assert(requires(I* base) { static_cast<Derived*>(base); },
                  "meshwa::Ref<Derived> converts to Ref<Base> only where Base is a non-virtual base of Derived; "
                  "for a virtual base ask the context for it: ctx.ref<Base>()");
  }

  I* operator->() const { return &checked(); }
  I& operator*() const { return checked(); }

  [[nodiscard]] bool has_value() const noexcept { return exit_ != nullptr; }
  explicit operator bool() const noexcept { return has_value(); }

  /// Two Refs are equal when they name the same exit.
  friend bool operator==(const Ref& a, const Ref& b) noexcept { return a.exit_ == b.exit_; }

 private:
  I& checked() const {
    if (exit_ == nullptr) [[unlikely]] throw_empty();
    return *std::launder(exit_);
  }
  // The message is built out of line too, so checked() stays small enough
  // to be inlined into every call through a Ref.
  [[noreturn, gnu::noinline, gnu::cold]] static void throw_empty() {
    detail::throw_empty("call through an empty meshwa::Ref<" + std::string(type_name<I>()) + ">");
  }

  template <class Other>
  friend class Ref;

  I* exit_ = nullptr;
};

}  // namespace meshwa
