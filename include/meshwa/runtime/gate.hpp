// The call gate: how a generated stub enters an MPK domain (and how code in a
// domain calls out to a safe service). docs/gate-protocol.md shows the exact
// code a stub emits; docs/mpk.md explains the steps.
//
//   meshwa::mpk::call<R>(domain, site, fn, args...)
//
// 1. If the domain faulted earlier, restart it first (or return
//    Error(unavailable) when it has failed for good).
// 2. Save PKRU. Copy the arguments into the callee's heap (values are deep
//    copied; Ref is a capability and is passed as is), with the callee's heap
//    opened to the caller for the copy.
// 3. Write the callee's PKRU (its key, the exchange heap's, key 0), make the
//    callee's heap the one operator new uses, call fn(args...).
// 4. Copy the result into the caller's heap, free the callee-side copies,
//    restore PKRU and the caller's heap — on return, on an exception (it
//    becomes Error(Code::internal, what())) and on a fault (the SIGSEGV
//    handler jumps back here; Error(Code::domain_fault, ...), and the domain
//    is marked for restart).
//
// R is the interface method's result type. For meshwa::Result<T> failures
// are returned as errors. A plain T (or void) cannot carry an error, and
// exceptions never cross a boundary, so a failure there calls
// std::abort after printing the service, the method and the error —
// unless a test harness installed a plain-failure hook (below).
#pragma once

#include "meshwa/requirements.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>

#include "meshwa/copy_compiles.hpp"
#include "meshwa/error.hpp"
#include "meshwa/owned.hpp"
#include "meshwa/ref.hpp"
#include "meshwa/result.hpp"
#include "meshwa/runtime/domain.hpp"
#include "meshwa/runtime/heap.hpp"
#include "meshwa/runtime/mpk.hpp"
#include "meshwa/runtime/pkru.hpp"
#include "meshwa/shared.hpp"

namespace meshwa::mpk {

/// Where a call goes: the callee service and method, for error messages and
/// fault reports. Generated stubs keep one static constexpr per method.
struct CallSite {
  const char* service;
  const char* method;
};

/// Called by a gate when a method whose result cannot carry an error (a plain
/// T or void) failed: it threw, it faulted, or its domain cannot restart. The
/// caller's PKRU, heap and gate frame are already back when it runs. A
/// deployment sets none: the gate prints the failure and stops the process.
/// Test harnesses set one that throws, to report the failure as a test
/// failure instead (codegen/support's set_escape_handler does, so that an
/// unsafe service's escape is reported like a safe one's). If the hook
/// returns, the process stops as without it.
using PlainFailureHook = void (*)(const CallSite& site, const Error& error);
/// Installs `hook` (nullptr: none) and returns the previous one.
PlainFailureHook set_plain_failure_hook(PlainFailureHook hook) noexcept;

namespace detail {

/// One active gate of this thread, on the caller's stack. The SIGSEGV
/// handler reads the innermost one and jumps back into its gate.
struct Frame {
  void* jmp[5];  // __builtin_setjmp buffer
  Frame* prev;
  Domain* domain;
  const CallSite* site;
  heap::Region* caller_heap;
  std::uint32_t caller_pkru;
  // Filled by the SIGSEGV handler.
  void* fault_addr;
  int fault_code;
  int fault_pkey;
  unsigned long fault_err;  // page-fault error code: bit 1 set for a write

  // Derived when needed rather than stored on entry: every store before the
  // entry WRPKRU adds to the gated call (docs/mpk.md, "Cost").
  /// A fault here is the callee's: it runs in an unsafe domain.
  bool contained() const noexcept { return domain->unsafe(); }
  /// The caller's rights plus the callee's heap (a cleared bit grants access).
  std::uint32_t marshal_pkru() const noexcept { return caller_pkru & domain->pkru(); }
};

// initial-exec: one %fs-relative access, also in position-independent code
// (a safe stub reads it on every call, for in_domain()).
extern __thread Frame* tl_top [[gnu::tls_model("initial-exec")]];
extern bool g_hardware;  // set once by mpk::start()

/// Slow path when the domain is not ready: restarts it, or explains why not.
bool prepare(Domain& d, const CallSite& site, Error& why);
/// After the SIGSEGV handler jumped back: restores the caller's PKRU, heap
/// and frame, records the fault and returns the error for the caller.
Error recover(Frame& fr) noexcept;
/// The error for the exception being handled.
Error exception_error() noexcept;
[[noreturn]] void terminate_plain(const CallSite& site, const Error& e) noexcept;
/// A plain result's failure: the plain-failure hook (which may throw), then
/// terminate_plain. Called only after the gate restored the caller's state.
[[noreturn]] void fail_plain(const CallSite& site, const Error& e);

template <class T>
struct is_handle : std::false_type {};
template <class T>
struct is_handle<Owned<T>> : std::true_type {};
template <class T>
struct is_handle<Shared<T>> : std::true_type {};
template <class T>
struct is_std_shared : std::false_type {};
template <class T>
struct is_std_shared<std::shared_ptr<T>> : std::true_type {};
template <class T>
struct is_owned : std::false_type {};
template <class T>
struct is_owned<Owned<T>> : std::true_type {};

/// A copy of `v` made in the heap operator new currently uses.
template <class T>
std::decay_t<T> transfer(T&& v) {
  using D = std::decay_t<T>;
  if constexpr (std::is_trivially_copyable_v<D>) {
    return v;
  } else if constexpr (is_result_v<D>) {
    using V = typename D::value_type;
    if (!v.has_value()) return D(Error(v.error().code(), std::string(v.error().message())));
    if constexpr (std::is_void_v<V>) {
      return D();
    } else {
      return D(transfer(std::forward<T>(v).value()));
    }
  } else if constexpr (is_handle<D>::value) {
    // The handle's block is in the exchange heap, but what the value owns
    // (a string's buffer, a vector's elements) was allocated by whoever made
    // it. Values whose parts live elsewhere are rebuilt here; trivially
    // copyable ones cross as they are (docs/mpk.md, "Owned and Shared").
    using E = std::remove_const_t<typename D::element_type>;
    if constexpr (std::is_trivially_copyable_v<E> || !::meshwa::detail::copy_compiles<E>()) {
      return D(std::forward<T>(v));
    } else if constexpr (is_owned<D>::value) {
      if (!v.has_value()) return D();
      return make_owned<E>(static_cast<const E&>(*v));
    } else {
      if (!v.has_value()) return D();
      return meshwa::make_shared<typename D::value_type>(static_cast<const E&>(*v));
    }
  } else if constexpr (is_std_shared<D>::value) {
    // A std::shared_ptr<const T> points wherever its maker allocated (the safe
    // heap is closed to every domain): the value is rebuilt here, like a
    // Shared's. Null stays null.
    using E = std::remove_const_t<typename D::element_type>;
    if constexpr (::meshwa::detail::copy_compiles<E>()) {
      if (!v) return D();
      return std::make_shared<typename D::element_type>(static_cast<const E&>(*v));
    } else {
      return D(std::forward<T>(v));
    }
  } else if constexpr (::meshwa::detail::copy_compiles<D>()) {
    return D(static_cast<const D&>(v));
  } else {
    return D(std::forward<T>(v));  // move-only and not a handle: crosses shallow (docs/mpk.md)
  }
}

template <class R>
R on_error(const CallSite& site, Error e) {
  if constexpr (is_result_v<R>) {
    return R(std::move(e));
  } else {
    fail_plain(site, e);
  }
}

struct Unit {};

/// A type whose values own no heap memory (a Result's error message aside):
/// it crosses as is, without a copy into the other heap.
template <class T>
constexpr bool flat_v = std::is_void_v<T> || std::is_trivially_copyable_v<T>;
template <class T>
constexpr bool flat_result_v = flat_v<T>;
template <class T>
constexpr bool flat_result_v<Result<T>> = flat_v<T>;

// The ways out of a callee's domain. Thread-local bookkeeping (key 0) is
// restored before a WRPKRU wherever the order allows: WRPKRU drains the
// pipeline, and work placed after it waits for that.

/// Straight back to the caller: nothing of the callee's heap is read any more.
inline void leave(Frame& fr, bool hw) noexcept {
  heap::tl_current = fr.caller_heap;
  tl_top = fr.prev;
  if (hw) write_pkru(fr.caller_pkru);
}
/// The caller's heap and rights plus read access to the callee's heap, to
/// copy results and error messages across (the frame stays active: a fault
/// while reading the callee's data is the callee's).
inline void to_marshal(Frame& fr, bool hw) noexcept {
  if (hw) write_pkru(fr.marshal_pkru());
  heap::tl_current = fr.caller_heap;
}
/// From marshalling rights back to the caller's.
inline void leave_marshal(Frame& fr, bool hw) noexcept {
  tl_top = fr.prev;
  if (hw && fr.marshal_pkru() != fr.caller_pkru) write_pkru(fr.caller_pkru);
}

/// The fast path of run(): no argument needs copying and the result needs a
/// copy only when it carries an error.
template <class R, class F, class... Args>
[[gnu::always_inline]] inline R run_flat(Frame& fr, Domain& d, bool hw, F& f, Args... args) {
  heap::tl_current = d.heap();
  tl_top = &fr;
  try {
    if (hw) write_pkru(d.pkru());
    if constexpr (std::is_void_v<R>) {
      f(args...);
      leave(fr, hw);
      return;
    } else {
      R raw = f(args...);
      if constexpr (is_result_v<R>) {
        if (!raw.has_value()) [[unlikely]] {
          to_marshal(fr, hw);  // the error's message is in the callee's heap
          raw = transfer(raw);
          leave_marshal(fr, hw);
          return raw;
        }
      }
      // A flat value is in registers or on the (key 0) stack: one WRPKRU,
      // as the bare pair does.
      leave(fr, hw);
      return raw;
    }
  } catch (...) {
    to_marshal(fr, hw);
    Error e = exception_error();
    leave_marshal(fr, hw);
    return on_error<R>(*fr.site, std::move(e));
  }
}

template <class R, class F, class... Args>
R run(Frame& fr, Domain& d, bool hw, F& f, Args&&... args) {
  using Tuple = std::tuple<std::decay_t<Args>...>;
  using Raw = decltype(std::apply(f, std::declval<Tuple&&>()));
  using RawBox = std::conditional_t<std::is_void_v<Raw>, Unit, Raw>;
  using Out = std::conditional_t<std::is_void_v<R>, Unit, R>;
  std::optional<Out> out;
  std::optional<Error> failure;
  if (hw && fr.marshal_pkru() != fr.caller_pkru) write_pkru(fr.marshal_pkru());
  {
    std::optional<Tuple> in;
    std::optional<RawBox> raw;
    heap::tl_current = d.heap();
    try {
      in.emplace(transfer(std::forward<Args>(args))...);
    } catch (...) {
      heap::tl_current = fr.caller_heap;
      failure = exception_error();
    }
    if (!failure) {
      tl_top = &fr;
      try {
        if (hw) write_pkru(d.pkru());
        if constexpr (std::is_void_v<Raw>) {
          std::apply(f, std::move(*in));
          raw.emplace();
        } else {
          raw.emplace(std::apply(f, std::move(*in)));
        }
        to_marshal(fr, hw);
      } catch (...) {
        to_marshal(fr, hw);
        failure = exception_error();
      }
      if (!failure) {
        // Still inside the frame: a fault while reading the callee's result
        // is the callee's.
        try {
          if constexpr (std::is_void_v<R>) {
            out.emplace();
          } else if constexpr (std::is_void_v<Raw>) {
            out.emplace(R());  // Result<void> from a void function
          } else {
            out.emplace(transfer(std::move(*raw)));
          }
        } catch (...) {
          failure = exception_error();
        }
      }
    }
    // `in` and `raw` are freed here, into the callee's heap (marshal rights).
  }
  leave_marshal(fr, hw);
  if (failure) return on_error<R>(*fr.site, std::move(*failure));
  if constexpr (!std::is_void_v<R>) return std::move(*out);
}

template <class R, bool kCheckState, class F, class... Args>
[[gnu::always_inline]] inline R gate(Domain& d, const CallSite& site, F& f, Args&&... args) {
  if constexpr (kCheckState) {
    if (d.state() != Domain::State::ready) [[unlikely]] {
      Error why;
      if (!prepare(d, site, why)) return on_error<R>(site, std::move(why));
    }
  }
  Frame fr;
  fr.prev = tl_top;
  fr.domain = &d;
  fr.site = &site;
  fr.caller_heap = heap::tl_current;
  const bool hw = g_hardware;
  fr.caller_pkru = hw ? read_pkru() : 0;
  // fault_* are written by the SIGSEGV handler before it jumps back.
  if (__builtin_setjmp(fr.jmp) != 0) [[unlikely]] {
    Frame& faulted = *static_cast<Frame* volatile>(&fr);
    return on_error<R>(*faulted.site, recover(faulted));
  }
  if constexpr (flat_result_v<R> && std::is_same_v<R, std::invoke_result_t<F&, std::decay_t<Args>...>> &&
                (flat_v<std::decay_t<Args>> && ...)) {
    return run_flat<R>(fr, d, hw, f, args...);
  } else {
    return run<R>(fr, d, hw, f, std::forward<Args>(args)...);
  }
}

}  // namespace detail

/// Calls `fn(args...)` inside domain `d` (see the top of this file). `fn`
/// is the stub's lambda that calls the implementation; R is the interface
/// method's declared result type.
///
/// Always inlined into the stub: the whole gate then sits between the
/// caller's virtual call and the implementation's direct call. Left to the
/// inliner's cost model, a stub with external linkage got the gate as two
/// further out-of-line calls, and every call between the two WRPKRUs adds
/// to the gated call (1.62x the bare pair instead of 1.36x, docs/mpk.md).
template <class R, class F, class... Args>
[[gnu::always_inline]] inline R call(Domain& d, const CallSite& site, F&& fn, Args&&... args) {
  return detail::gate<R, true>(d, site, fn, std::forward<Args>(args)...);
}

/// call(), kept out of line: for a safe service's stub reached from inside a
/// domain (its rare path). Inlined there, the gate's frame and the register
/// spills its setjmp forces would be paid on the stub's direct path too.
template <class R, class F, class... Args>
[[gnu::noinline, gnu::cold]] R call_out(Domain& d, const CallSite& site, F&& fn, Args&&... args) {
  return detail::gate<R, true>(d, site, fn, std::forward<Args>(args)...);
}

/// True while this thread runs code of an unsafe domain. A safe service's
/// stub checks it and, when true, goes out through call(trusted(), ...).
inline bool in_domain() noexcept {
  const detail::Frame* top = detail::tl_top;
  return top != nullptr && top->contained();
}

/// The domain whose code this thread runs, or nullptr.
inline Domain* current_domain() noexcept {
  const detail::Frame* top = detail::tl_top;
  return top != nullptr && top->contained() ? top->domain : nullptr;
}

/// Constructs a T inside domain `d`: in its heap, with its rights. Used to
/// make the service object at start-up and again in the restart hook; the
/// arguments are passed by reference (the Context a service is built from
/// must be a DomainContext, meshwa/runtime/domain_context.hpp).
template <class T, class... Args>
Result<T*> construct(Domain& d, const CallSite& site, Args&... args) {
  auto make = [&]() -> T* { return new T(args...); };
  return detail::gate<Result<T*>, false>(d, site, make);
}

/// Destroys an object made with construct(): runs `delete object` inside
/// domain `d`, so the service's destructor releases what it holds (files,
/// library handles, its heap blocks) with its own rights. An object of a
/// domain that faulted since is not touched: its heap was retired and may be
/// corrupt (docs/mpk.md, "Faults"). Returns the error of a destructor that
/// threw or faulted; the object counts as gone either way.
template <class T>
Result<void> destroy(Domain& d, const CallSite& site, T* object) {
  if (object == nullptr || d.state() != Domain::State::ready) return {};
  auto drop = [object]() { delete object; };
  return detail::gate<Result<void>, false>(d, site, drop);
}

}  // namespace meshwa::mpk
