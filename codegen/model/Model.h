// The generator's model: what `meshwa gen` learned from the sources, as plain
// structs with no clang types. Clang only builds it (codegen/clang/); every
// emitter (codegen/emit/) works from the model alone, so emitters are tested
// with hand-made models and `meshwa gen --dump-model` prints exactly what the
// emitters see.
#pragma once

#include <string>
#include <vector>

namespace meshwa::gen {

/// Where a declaration is, for diagnostics ("file:line:col").
struct Location {
  std::string file;  // absolute path, or a #line directive's file name as written (as clang reports it)
  unsigned line = 0;
  unsigned column = 0;

  [[nodiscard]] std::string str() const;
  friend bool operator==(const Location&, const Location&) = default;
};

/// How a parameter crosses the boundary (DESIGN.md's table).
enum class ParamKind {
  value,      // T, moved into the callee
  const_ref,  // const T&, a borrow for the duration of the call
  owned,      // meshwa::Owned<T>
  shared,     // meshwa::Shared<T>
  ref,        // meshwa::Ref<I>
};

const char* to_string(ParamKind kind);
bool param_kind_from_string(const std::string& name, ParamKind& out);

struct Param {
  std::string name;        // as declared; "arg<N>" when unnamed
  std::string type;        // fully qualified spelling, as written in generated code ("const ns::Money &")
  std::string value_type;  // the type without reference and cv ("ns::Money"), for generated inputs and JSON
  /// The type with every alias resolved ("long" for an `Id` that is int64_t;
  /// "" in models written before it was recorded): what the lock compares,
  /// since an alias that names another type changes the type but not `type`.
  std::string canonical;
  ParamKind kind = ParamKind::value;
  friend bool operator==(const Param&, const Param&) = default;
};

struct Method {
  std::string name;
  std::vector<Param> params;
  std::string result;        // fully qualified result type ("meshwa::Result<ns::Money>", "void")
  bool returns_result = false;  // result is meshwa::Result<T>
  std::string result_value;  // T of Result<T> ("void" for Result<void>); == result otherwise
  std::string result_canonical;  // the result with every alias resolved (Param::canonical)
  bool is_const = false;     // a const member function
  bool is_noexcept = false;
  /// For a method inherited from a base interface, that base's qualified
  /// name ("" when the interface declares it): generated code calls it
  /// through the base, since an overload in the derived interface hides it.
  std::string declared_in;
  Location location;
  friend bool operator==(const Method&, const Method&) = default;

  /// The parameter types as written, joined by ", ".
  [[nodiscard]] std::string param_types() const;
  /// "name(param types) const": names one method of an interface, overloads
  /// apart (DirectCall::method).
  [[nodiscard]] std::string signature() const;
};

struct Interface {
  std::string name;            // "Currency"
  std::string qualified_name;  // "shop::Currency"
  /// The enclosing namespace ("" for the global one), where its mock goes:
  /// an interface may be nested in a class ("ns::Group::Api" has scope "ns").
  std::string scope;
  std::string header;          // absolute path of the header declaring it
  std::vector<Method> methods;  // declaration order (pure virtual methods only)
  Location location;
  friend bool operator==(const Interface&, const Interface&) = default;

  /// The name inside `scope` ("Group::Api").
  [[nodiscard]] std::string local_name() const;

  /// How contracts, property tests and the lock name a method: its name, or
  /// for an overloaded name "name(param types)" so that overloads stay apart
  /// ("name(param types) const" for the const one of two that differ only so).
  [[nodiscard]] std::string method_key(const Method& m) const;
  /// For an overloaded name, the key with every parameter type's alias
  /// resolved ("put(long)" for a put(Key) whose Key is int64_t): recorded
  /// next to method_key in contracts, so a contract still finds its method
  /// once an alias is spelled otherwise. "" for a name that is not
  /// overloaded, where a type was not resolved (older models), or where it
  /// is method_key itself (no alias in the parameter types).
  [[nodiscard]] std::string resolved_method_key(const Method& m) const;
};

struct Field {
  std::string name;
  std::string type;  // fully qualified
  Location location;  // the member's name (none in older models)
  std::string canonical;  // with every alias resolved (Param::canonical)
  friend bool operator==(const Field&, const Field&) = default;
};

struct Message {
  std::string name;
  std::string qualified_name;
  /// The enclosing namespace ("" for the global one), where the generated
  /// operators go: not always qualified_name's prefix, a message may be
  /// nested in another ("ns::Item::Lot" has scope "ns").
  std::string scope;
  std::string header;
  std::vector<Field> fields;  // declaration order
  bool has_equality = false;  // operator== already declared by the user: not emitted
  bool has_printing = false;  // operator<< already declared by the user: not emitted
  bool has_to_json = false;    // to_json already declared by the user: not emitted
  bool has_from_json = false;  // from_json already declared by the user: not emitted
  Location location;
  friend bool operator==(const Message&, const Message&) = default;

  /// The name inside `scope` ("Item::Lot").
  [[nodiscard]] std::string local_name() const;
};

/// An enum that crosses (in a message or a parameter): property tests pick
/// its enumerators, since its zero value need not be one of them.
struct Enum {
  std::string qualified_name;
  std::string header;
  std::vector<std::string> enumerators;  // names, declaration order
  std::vector<std::string> values;       // their values in decimal, same order ("" when not known: older models)
  Location location;                     // the enum's name (none in older models)
  friend bool operator==(const Enum&, const Enum&) = default;
};

/// A MESHWA_UNSAFE the service depends on (from the rules library's verdict).
struct UnsafeMark {
  std::string reason;
  std::string declaration;  // qualified name of the annotated declaration
  Location location;
  friend bool operator==(const UnsafeMark&, const UnsafeMark&) = default;
};

/// Where a service gets a Ref<I> from.
struct Dependency {
  std::string interface;  // qualified name
  std::string via;        // "constructor" (a ctx.ref<I>() call there: a start dependency), "member <name>"
                          // (a Ref<I> member) or "method <name>" (a ctx.ref<I>() call in a method)
  /// The ctx.ref<I>() call or the Ref<I> member that `via` names, where
  /// meshwa deploy reports a missing provider (none in older models: the
  /// service class is used).
  Location location;
  friend bool operator==(const Dependency&, const Dependency&) = default;
};

/// The function that implements one interface method in a service class,
/// named by its linker symbol. The service's stubs call it with the argument
/// objects their caller made, where the ABI passes them by address,
/// instead of moving them into new ones: no copy and no move on the hot path
/// (meshwa/gen/stub.hpp, hand_on). Only recorded for the Itanium C++ ABI and
/// an externally visible function; without it the stub makes the qualified
/// call (docs/generator.md, "Stubs").
struct DirectCall {
  std::string interface;  // qualified name of the interface
  std::string method;     // Method::signature() of the interface method
  std::string owner;      // the class declaring the implementing function, spelled for generated code
  std::string symbol;     // its mangled name
  friend bool operator==(const DirectCall&, const DirectCall&) = default;
};

struct Service {
  std::string name;            // MESHWA_SERVICE("name")
  std::string class_name;      // "CurrencyService"
  std::string qualified_name;  // "shop::CurrencyService"
  std::string header;          // where the class is defined
  std::vector<std::string> interfaces;  // qualified names, base-class order
  std::vector<Dependency> dependencies;  // unique by interface, sorted by it (deterministic across sources)
  bool safe = true;            // proven safe: no MESHWA_UNSAFE anywhere it depends on
  // No constructor taking meshwa::Context&, but a public default one: a
  // service that asks for no dependency and no setting is made with S().
  bool default_constructed = false;
  std::vector<UnsafeMark> unsafe;  // why it needs an MPK domain (empty when safe)
  std::vector<DirectCall> direct_calls;  // sorted by (interface, method)
  Location location;
  friend bool operator==(const Service&, const Service&) = default;

  /// The distinct reasons joined ("wraps zlib; uses memcpy"), "" for a safe service.
  [[nodiscard]] std::string unsafe_reason() const;
  /// What --list and --graph show: each reason, and for a mark on another
  /// declaration than the service class, which one and where ("legacy table
  /// walk, via poke at /src/legacy.cpp:7"), joined by "; "; "" when safe.
  /// Marks sharing a reason are one entry that names the first three and
  /// counts the others with their files ("..., via a at f.c:1, b at f.c:9,
  /// c at f.c:12 and 11 more in f.c, f.h"): one line, however many marks.
  [[nodiscard]] std::string unsafe_description() const;
  /// The direct call for a method of one of its interfaces, or null.
  [[nodiscard]] const DirectCall* direct_call(const std::string& interface, const Method& m) const;
};

/// Everything one `meshwa gen` run found. Sorted by qualified name (services
/// by name) so that output does not depend on the order of the sources.
struct Model {
  std::string unit;  // the name of what was generated (the CMake target); file names derive from it
  std::vector<Interface> interfaces;
  std::vector<Message> messages;
  std::vector<Enum> enums;
  std::vector<Service> services;
  /// Headers the generated code includes (headers declaring the above), sorted.
  std::vector<std::string> headers;
  friend bool operator==(const Model&, const Model&) = default;

  [[nodiscard]] const Interface* find_interface(const std::string& qualified_name) const;
  [[nodiscard]] const Message* find_message(const std::string& qualified_name) const;
  /// The interfaces of the meshwa::Ref<I> that the methods `service`
  /// provides take as arguments (a hub's subscribers handing it a Ref to
  /// their listener), also inside containers and in the fields of messages
  /// this model declares; in order of appearance, each once. The service may
  /// call back through them: --list and --graph draw those calls, which no
  /// ctx.ref<I>() shows.
  [[nodiscard]] std::vector<std::string> refs_received(const Service& service) const;
  /// The interfaces of the meshwa::Ref<I> (or Ref<const I>) that a value of
  /// `type` (a canonical spelling) may hold, at any depth, in messages this
  /// model declares too; in order of appearance, each once.
  [[nodiscard]] std::vector<std::string> refs_in(const std::string& type) const;
  /// The interfaces of the meshwa::Ref<I> that calls the service makes may
  /// return to it (a directory's `Result<Ref<Listener>> find_listener()`):
  /// in the results of the methods of the interfaces it asks for and of
  /// those refs_received names, and so on through the Refs those results
  /// bring; also inside containers and messages. In order of appearance,
  /// each once, none it asks for or receives as an argument already. It may
  /// call them too: --list and --graph draw those calls as well.
  [[nodiscard]] std::vector<std::string> refs_returned(const Service& service) const;
  /// Sorts every list and removes duplicates (same qualified name).
  void normalize();
  /// Merges another model (a deployment is the union of its services' models).
  void merge(const Model& other);
};

}  // namespace meshwa::gen
