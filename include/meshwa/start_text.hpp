// What meshwa says about a start order that cannot exist. One cause, one
// text, whoever finds it: meshwa gen at the ctx.ref<I>() call, meshwa deploy
// in the deployment's model, or the registry at start when both could not
// see it (a ctx.ref<I>() in a helper of another file, a hand-written
// registration). Each adds where it found it; the reason and the remedy are
// these.
#pragma once

#include <string>
#include <string_view>

namespace meshwa::detail {

/// A service's constructor asks for an interface the service provides
/// itself (to subscribe itself to a hub, say): why that cannot start, and
/// what works instead. Follows "... asks for its own interface I ...".
inline std::string self_ref_reason_and_remedy(std::string_view iface) {
  const std::string i(iface);
  return "but it provides " + i +
         " only once it has started, after the constructor returns; keep the Context (a member "
         "`meshwa::Context& ctx_;`) and call ctx_.ref<" +
         i + ">() from a method instead (methods run once the service has started)";
}

/// Two or more services whose constructors ask for each other.
inline constexpr std::string_view kCycleRemedy =
    "break it by having one side receive a meshwa::Ref<I> in a method call instead of its constructor";

}  // namespace meshwa::detail
