// meshwa::detail::is_instance_v<T, Tmpl>: whether T is Tmpl<Args...> (a
// class template taking only types: std::vector, std::optional, Owned, ...).
// Shared by the crossable check and the gate's copy_compiles.
#pragma once

#include <type_traits>

namespace meshwa::detail {

template <class T, template <class...> class Tmpl>
struct is_instance : std::false_type {};
template <template <class...> class Tmpl, class... Args>
struct is_instance<Tmpl<Args...>, Tmpl> : std::true_type {};
template <class T, template <class...> class Tmpl>
inline constexpr bool is_instance_v = is_instance<T, Tmpl>::value;

}  // namespace meshwa::detail
