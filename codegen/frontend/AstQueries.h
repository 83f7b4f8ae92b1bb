// Questions about clang's AST that the model builder asks and that need no
// state of the walk: which meshwa template a type is, what an interface's
// methods look like, what generated code can call.
#pragma once

#include <string>
#include <vector>

#include "clang/AST/CXXInheritance.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/TypeLoc.h"

namespace meshwa::gen::frontend {

using namespace clang;

/// The declaration where MESHWA_UNSAFE is written (clang copies it onto
/// the later redeclarations, marked inherited): one report per mark.
bool writes_unsafe_mark(const Decl& d);

/// The meshwa::<name> specialization `t` is (meshwa_template(t, "Ref")), or null.
const ClassTemplateSpecializationDecl* meshwa_template(QualType t, llvm::StringRef name);

/// The meshwa::Ref<T> inside `type` (through references, pointers and
/// template arguments) whose T is no MESHWA_INTERFACE, or null.
const ClassTemplateSpecializationDecl* ref_to_no_interface(QualType type);

/// Where `written` (a declaration's type as written) spells the argument
/// of the specialization `ref`, or an invalid TypeLoc (an alias hides it).
TypeLoc ref_argument_in(TypeLoc written, const ClassTemplateSpecializationDecl* ref);

TypeLoc type_loc(const DeclaratorDecl* d);

/// The first of `d` and the classes around it that is a private or
/// protected member of its class, or null: generated code, which is
/// outside every class, cannot name `d` through it.
const NamedDecl* non_public_member(const NamedDecl& d);

/// How `d` is hidden by `hidden` (non_public_member(d)), with the remedy:
/// "a protected member of pv::Store, ...; make it public".
std::string non_public_text(const NamedDecl& d, const NamedDecl& hidden);

/// A class or enum in `t` (through references and template arguments)
/// that generated code cannot name (non_public_member), other than a
/// MESHWA_* class (reported at its own declaration); null when there is none.
const TagDecl* non_public_type(QualType t);

/// An enum in `t` (through references and template arguments) declared in
/// an anonymous namespace: each file that includes its header has its own
/// type, so the generated files cannot name the one the service uses.
const EnumDecl* anonymous_namespace_enum(QualType t);

/// Why a type or marked class in an anonymous namespace cannot be used by
/// the generated files, with the remedy ("in an anonymous namespace, ...").
std::string anonymous_namespace_text();

/// A std::variant<> (no alternatives) in `t`, through template arguments
/// (Result, vector, optional, ...); nullptr when there is none.
const ClassTemplateSpecializationDecl* empty_variant(QualType t);

// A member function of an interface that callers may reach through Ref<I>
// (the non-virtual ones among them are reported).
bool is_interface_method_candidate(const CXXMethodDecl& m);

/// Why a virtual method cannot be a call between services, or null.
const char* unsupported_method_shape(const CXXMethodDecl& m);

/// An overload of `m` among `others` that a call of the name would find as
/// good a match as `m`: declared in the same class, with the same
/// constness, whose parameters differ from m's only in being taken by value
/// or by const reference (`put(Leaf)`, `put(const Leaf&)`), or in further
/// parameters with default arguments (`f(int)`, `f(int, int = 0)`). Null
/// when there is none.
const CXXMethodDecl* ambiguous_overload(const CXXMethodDecl& m, const std::vector<const CXXMethodDecl*>& others);

// The parameters' names in generated code and JSON: as declared, and for
// an unnamed one "arg<N>" (N its position), with "_" appended while that
// is the name of another parameter (`f(int, int arg0)` gets arg0_ and
// arg0), so the names are unique and the same in every run.
std::vector<std::string> param_names(const CXXMethodDecl& m);

/// `int twice() { return next() + next(); }` in an interface: a public,
/// non-virtual method defined in the class body (the non-virtual
/// interface idiom). A call of it through Ref<I> runs in the caller, on
/// the stub, and reaches the service only through the virtual methods it
/// calls; its body is compiled, and checked by the plugin, in each unit
/// that includes the interface, as the caller's own code. One defined
/// elsewhere (maybe in an unsafe unit) or marked MESHWA_UNSAFE is not.
bool is_caller_side_helper(const CXXMethodDecl& m);

bool declares_interface_methods(const CXXRecordDecl& rd);

/// "through a::Reader and through a::Writer": the direct bases the paths start at.
std::string direct_bases_on(const CXXBasePaths& paths);

bool default_constructible(const CXXRecordDecl& rd);

// Qualified names leave inline namespaces out ("demo::Entry" for
// demo::v2::Entry), so the scope does too: the emitted code reopens the
// nearest namespace that is not inline and names the class through it.
std::string enclosing_namespace_name(const CXXRecordDecl& rd);

/// Why generated code (std::make_unique<S>(ctx), std::unique_ptr<S>)
/// cannot call a service's constructor or destructor: "deleted",
/// "private" or "protected"; empty when it can.
std::string unusable_by_generated_code(const CXXMethodDecl& fn);

// A member function declared in the class without a body that some
// source must define (not pure, defaulted or deleted, not implicit; not a
// copy or move declared only to be left undefined, the pre-C++11
// non-copyable idiom).
bool needs_out_of_line_definition(const CXXMethodDecl& m);

// The MESHWA_INTERFACE classes among the bases of `rd`, at any depth, each
// once, in base order.
void collect_interfaces(const CXXRecordDecl& rd, std::vector<const CXXRecordDecl*>& out);

// meshwa::Context&, however it is spelled (a using-declaration, an alias).
bool is_context(QualType t);

}  // namespace meshwa::gen::frontend
