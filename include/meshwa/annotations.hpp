// The markers of meshwa's source API. Each expands to [[clang::annotate]], so
// annotated code stays plain C++ that any clang parses; the plugin and the
// generator read the annotation strings below from the AST. The strings are
// part of the contract between these headers, the rules library and the
// generator: change them in one place only (plugin/rules/Annotations.h mirrors
// them).
#pragma once

/// A value type whose members may cross a service boundary.
#define MESHWA_MESSAGE [[clang::annotate("meshwa::message")]]

/// An abstract class: all that callers of a service ever see.
#define MESHWA_INTERFACE [[clang::annotate("meshwa::interface")]]

/// A service implementation, registered under `name` in a deployment.
#define MESHWA_SERVICE(name) [[clang::annotate("meshwa::service", name)]]

/// Switches the safe-subset rules off for the marked declaration and moves
/// the service it belongs to into an MPK protection domain. The reason is
/// mandatory and shows up in `meshwa gen --dump-model` and `--list`.
/// Variadic only so that a forgotten reason, `MESHWA_UNSAFE()`, reaches
/// [meshwa-unsafe-reason] ("needs a reason") instead of clang's bare
/// "expected expression"; more than one argument is an error there too.
#define MESHWA_UNSAFE(...) [[clang::annotate("meshwa::unsafe" __VA_OPT__(, ) __VA_ARGS__)]]
