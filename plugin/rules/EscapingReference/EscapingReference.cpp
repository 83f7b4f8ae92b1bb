// meshwa-escaping-reference: references, views and iterators that outlive
// the call that made them, because they escape the function:
//   - captured by reference in a lambda that escapes: returned, stored in a
//     member, converted to std::function for someone who may keep it,
//     handed to std::thread / std::jthread / std::async, or kept in a static;
//   - a view into a parameter or local (std::string_view, std::span, ...)
//     captured by value in a lambda that escapes the same ways;
//   - stored in a member of reference or view type (T&, std::string_view,
//     std::span, an iterator, std::reference_wrapper, or a container of
//     those) from a parameter or a local. What a value refers into is
//     followed (class Referents): a local reference (a range-for variable,
//     a structured binding) to what it is bound to, a local view or
//     iterator that is copied to what it views; through a call, only the
//     object of a method and the arguments its result can refer to (not an
//     index passed by value, not the key or value handed to a std
//     container's find/insert/emplace, not the value std::find compares);
//     a method of the program with a visible body by its returns (only the
//     parameters a return refers into). A local view holder (a class of
//     views and numbers: a cursor `Cur c{in};`) is followed like a pair of
//     handles, through its methods whose returns copy its own views.
//     An insertion is judged per element part (a map's key and mapped
//     value, the parts of a pair built in place or piecewise). A copy of a
//     local container of views (views_ = local, a range insert, std::copy
//     into std::back_inserter(views_)) is judged by what was put into the
//     local (Referents::of_elements), when every use of it is followed.
//   - a lambda capturing `this` ([this], or [&]/[=] in a member function)
//     that escapes the object: kept anywhere but in the object's own
//     members (a global, a static, another object, a std::function for a
//     callee that may keep it, returned, a detached thread), unless it also
//     holds a shared_ptr/weak_ptr to the object or the call names `this` as
//     the owner.
// A callee whose body is visible (a template on the callable, a function
// with a std::function parameter) is read to see what it does with the
// callable (class Fate): only calls it, stores it, returns it, keeps it in
// its own object; forwarding to further templates is followed a few calls
// deep.
// A lambda whose by-reference captures stay in the function is fine: called
// right away, passed to an algorithm or any template that only calls the
// callable (std::sort, std::for_each, ...), kept in a local that is used only
// locally. Undecidable cases (a std::function parameter might be stored by
// the callee) are rejected: the diagnostic says how to capture by value, or
// to make the callee a template on the callable.
// meshwa::Context& is exempt: the runtime keeps a service's context alive for
// the service's whole life.
// Returned references to locals and temporaries are meshwa-dangling's;
// interface methods returning references are meshwa-boundary-type's.
#include <algorithm>
#include <iterator>
#include <map>
#include <optional>
#include <set>
#include <tuple>
#include <vector>

#include "Flow.h"

#include "Rule.h"
#include "TypeUtil.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMap.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/StmtCXX.h"

namespace meshwa::rules {

namespace {

constexpr llvm::StringLiteral kName = "escaping-reference";
// passed_to's answer for a callee that only calls what it is given.
constexpr llvm::StringLiteral kStays = "\x01stays";

/// std::vector<std::string_view>, std::map<std::string_view, int>, ...
bool holds_reference_like(clang::QualType type) {
  const auto* spec =
      llvm::dyn_cast_or_null<clang::ClassTemplateSpecializationDecl>(type.getNonReferenceType()->getAsCXXRecordDecl());
  if (spec == nullptr || !spec->isInStdNamespace()) return false;
  for (const clang::TemplateArgument& arg : spec->getTemplateArgs().asArray()) {
    if (arg.getKind() == clang::TemplateArgument::Type && is_reference_like(arg.getAsType())) return true;
  }
  return false;
}

bool is_std_function(clang::QualType type) {
  const auto* record = type.getNonReferenceType()->getAsCXXRecordDecl();
  return is_std_class(record, {"function", "move_only_function", "copyable_function"});
}

/// The one object of a known type that a result refers to: a reference's
/// referee, the element of a std::reference_wrapper, std::span or
/// std::basic_string_view, a pointer's pointee. Null for anything else
/// (iterators walk ranges, they do not point at a lone scalar handed in).
clang::QualType referee_of(const clang::Expr* result) {
  const clang::QualType type = result->getType();
  if (result->isGLValue()) return type;
  if (type->isPointerType()) return type->getPointeeType();
  const auto* spec = llvm::dyn_cast_or_null<clang::ClassTemplateSpecializationDecl>(type->getAsCXXRecordDecl());
  if (spec != nullptr && is_std_class(spec, {"reference_wrapper", "span", "basic_string_view"}) &&
      spec->getTemplateArgs().size() > 0 && spec->getTemplateArgs()[0].getKind() == clang::TemplateArgument::Type) {
    return spec->getTemplateArgs()[0].getAsType();
  }
  return {};
}

/// A standard container or string: what its methods return (an iterator from
/// find/insert/emplace, a reference from at/operator[]/front, *this from
/// append) refers into the container, never into the arguments, which are
/// keys looked up, positions, or values copied or moved into it.
bool is_std_container(clang::QualType type) {
  return is_std_class(type.getNonReferenceType()->getAsCXXRecordDecl(),
                      {"vector", "deque", "list", "forward_list", "array", "basic_string", "map", "multimap", "set",
                       "multiset", "unordered_map", "unordered_multimap", "unordered_set", "unordered_multiset"});
}

/// Does keeping a value of `type` keep a reference to a view object itself
/// (std::string_view&, std::reference_wrapper<std::string_view>, a
/// container of those) rather than a copy of a view? Then a local view
/// handed to it counts as itself, not as what it views.
bool keeps_view_object(clang::QualType type, unsigned depth = 0) {
  if (type.isNull() || depth > 4) return false;
  if (type->isReferenceType()) return is_reference_like(type.getNonReferenceType());
  const auto* spec = llvm::dyn_cast_or_null<clang::ClassTemplateSpecializationDecl>(type->getAsCXXRecordDecl());
  if (spec == nullptr || !spec->isInStdNamespace()) return false;
  for (const clang::TemplateArgument& arg : spec->getTemplateArgs().asArray()) {
    if (arg.getKind() != clang::TemplateArgument::Type) continue;
    if (is_std_class(spec, {"reference_wrapper"}) && is_reference_like(arg.getAsType())) return true;
    if (keeps_view_object(arg.getAsType(), depth + 1)) return true;
  }
  return false;
}

/// Does `e` name `var`, or a structured binding of it (through parentheses
/// and implicit conversions)?
bool names_var(const clang::Expr* e, const clang::VarDecl* var) {
  const auto* ref = e != nullptr ? llvm::dyn_cast<clang::DeclRefExpr>(e->IgnoreParenImpCasts()) : nullptr;
  if (ref == nullptr) return false;
  if (const auto* binding = llvm::dyn_cast<clang::BindingDecl>(ref->getDecl())) {
    return binding->getDecomposedDecl() == var;
  }
  return ref->getDecl() == var;
}

/// Does `e` name `var` or a part of it (r.first, r.first.second)?
bool names_var_or_part(const clang::Expr* e, const clang::VarDecl* var) {
  while (e != nullptr) {
    e = e->IgnoreParenImpCasts();
    const auto* member = llvm::dyn_cast<clang::MemberExpr>(e);
    if (member == nullptr || member->isArrow()) break;
    e = member->getBase();
  }
  return names_var(e, var);
}

/// A parameter of a standard library function declared as a forwarding
/// reference (emplace(Args&&...), insert_or_assign(K&&, M&&)): it copies
/// or moves from what it is given, and leaves an lvalue alone.
bool is_std_forwarding(const clang::FunctionDecl* callee, unsigned index) {
  const auto* method = llvm::dyn_cast<clang::CXXMethodDecl>(callee);
  const bool std_library = callee->isInStdNamespace() || (method != nullptr && method->getParent()->isInStdNamespace());
  const clang::FunctionDecl* pattern = callee->getTemplateInstantiationPattern();
  if (!std_library || pattern == nullptr) return false;
  const clang::ParmVarDecl* param = nullptr;
  if (index < pattern->getNumParams()) {
    param = pattern->getParamDecl(index);
  } else if (pattern->getNumParams() > 0 && pattern->getParamDecl(pattern->getNumParams() - 1)->isParameterPack()) {
    param = pattern->getParamDecl(pattern->getNumParams() - 1);
  }
  if (param == nullptr) return false;
  clang::QualType type = param->getType();
  if (const auto* expansion = type->getAs<clang::PackExpansionType>()) type = expansion->getPattern();
  const auto* rvalue = type->getAs<clang::RValueReferenceType>();
  return rvalue != nullptr && !rvalue->getPointeeType().hasQualifiers() &&
         rvalue->getPointeeType()->getAs<clang::TemplateTypeParmType>() != nullptr;
}

bool is_mutable_lvalue_reference(clang::QualType type) {
  return type->isLValueReferenceType() && !type.getNonReferenceType().isConstQualified();
}

/// The value_type of a standard container type (std::vector<T>, std::map<K, V>,
/// std::array<T, N>), or null.
clang::QualType container_value_type(clang::QualType type) {
  if (type.isNull() || !is_std_container(type)) return {};
  const auto* record = type.getNonReferenceType()->getAsCXXRecordDecl();
  if (record == nullptr) return {};
  for (const clang::Decl* d : record->decls()) {
    const auto* alias = llvm::dyn_cast<clang::TypedefNameDecl>(d);
    if (alias != nullptr && alias->getIdentifier() != nullptr && alias->getName() == "value_type") {
      return alias->getUnderlyingType().getCanonicalType();
    }
  }
  return {};
}

/// A standard container whose elements are handles (std::vector<std::string_view>,
/// std::map<std::string_view, int>, std::vector<std::pair<std::string_view, int>>),
/// or containers of handles (std::vector<std::vector<std::string_view>>): a
/// copy of an element refers to what the element refers to.
bool holds_handles(clang::QualType type, unsigned depth = 0) {
  const clang::QualType element = container_value_type(type);
  return !element.isNull() && !element->isReferenceType() &&
         (is_reference_like(element) || element->isPointerType() || holds_only_handles(element) ||
          (depth < 2 && holds_handles(element, depth + 1)));
}

/// A call of a standard algorithm (a function in std, or a std::ranges
/// niebloid called through its operator()): its name and its arguments.
bool std_algorithm(const clang::CallExpr& call, llvm::StringRef& name, llvm::ArrayRef<const clang::Expr*>& args) {
  if (llvm::isa<clang::CXXMemberCallExpr>(call)) return false;
  args = llvm::ArrayRef<const clang::Expr*>(call.getArgs(), call.getNumArgs());
  const clang::NamedDecl* named = call.getDirectCallee();
  if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(&call)) {
    if (op->getOperator() != clang::OO_Call || args.empty()) return false;
    const auto* object = llvm::dyn_cast<clang::DeclRefExpr>(args.front()->IgnoreParenImpCasts());
    named = object != nullptr ? object->getDecl() : nullptr;
    args = args.drop_front();
  }
  if (named == nullptr || named->getIdentifier() == nullptr || !declared_in_std(named)) return false;
  name = named->getName();
  return true;
}

/// Algorithms that copy a range into an output iterator (std::copy(first,
/// last, out), std::ranges::copy(r, out), std::copy_n(first, n, out)).
bool is_copy_algorithm(llvm::StringRef name) {
  return llvm::is_contained({"copy", "copy_if", "copy_n", "copy_backward", "move", "move_backward", "unique_copy",
                             "reverse_copy", "remove_copy", "remove_copy_if"},
                            name);
}

/// The index of a copy algorithm's output iterator: after a range, or
/// after two iterators (first, last; first, n).
unsigned copy_output_index(llvm::ArrayRef<const clang::Expr*> args) {
  if (args.empty()) return 0;
  const clang::QualType first = args.front()->getType().getNonReferenceType();
  const bool range = !first->isPointerType() && !is_iterator_class(first->getAsCXXRecordDecl());
  return range ? 1 : 2;
}

/// Parentheses, implicit conversions, temporaries and std::move around an
/// expression naming a container or an iterator; a written cast ends it.
/// Not nullptr unless `e` is.
const clang::Expr* strip_handle(const clang::Expr* e) {
  return flow::skip_carriers(e, {}, flow::AtOtherCast::stop, flow::WrittenCasts::by_kind,
                             flow::Also::implicit_casts | flow::Also::constants | flow::Also::std_move_calls |
                                 flow::Also::no_step_limit);
}

bool is_range_end_name(llvm::StringRef name) {
  return llvm::is_contained({"begin", "end", "cbegin", "cend", "rbegin", "rend", "crbegin", "crend"}, name);
}

/// The container an iterator expression walks when it is one of its ends
/// (c.begin(), std::end(c), c.begin() + n, std::next(c.begin()), a
/// std::make_move_iterator of one); null otherwise.
const clang::Expr* range_of_iterator(const clang::Expr* it, unsigned depth = 0) {
  it = strip_handle(it);
  if (it == nullptr || depth > 8) return nullptr;
  if (const auto* call = llvm::dyn_cast<clang::CXXMemberCallExpr>(it)) {
    const clang::CXXMethodDecl* method = call->getMethodDecl();
    if (method != nullptr && method->getIdentifier() != nullptr && is_range_end_name(method->getName()) &&
        call->getNumArgs() == 0 && is_std_container(call->getImplicitObjectArgument()->getType())) {
      return call->getImplicitObjectArgument();
    }
    return nullptr;
  }
  if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(it)) {
    if ((op->getOperator() == clang::OO_Plus || op->getOperator() == clang::OO_Minus) && op->getNumArgs() == 2) {
      return range_of_iterator(op->getArg(0), depth + 1);
    }
    return nullptr;
  }
  if (const auto* binary = llvm::dyn_cast<clang::BinaryOperator>(it)) {
    if (binary->getOpcode() == clang::BO_Add || binary->getOpcode() == clang::BO_Sub) {
      return range_of_iterator(binary->getLHS(), depth + 1);
    }
    return nullptr;
  }
  if (const auto* call = llvm::dyn_cast<clang::CallExpr>(it)) {
    const clang::FunctionDecl* callee = call->getDirectCallee();
    if (callee == nullptr || !callee->isInStdNamespace() || callee->getIdentifier() == nullptr || call->getNumArgs() == 0) {
      return nullptr;
    }
    const llvm::StringRef name = callee->getName();
    if (is_range_end_name(name) && is_std_container(call->getArg(0)->getType())) return call->getArg(0);
    if (name == "next" || name == "prev" || name == "make_move_iterator" || name == "make_reverse_iterator") {
      return range_of_iterator(call->getArg(0), depth + 1);
    }
    return nullptr;
  }
  // A copy or a conversion (iterator to const_iterator, a move_iterator
  // built from one).
  if (const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(it); construct != nullptr && construct->getNumArgs() == 1) {
    return range_of_iterator(construct->getArg(0), depth + 1);
  }
  return nullptr;
}

/// A view made of a temporary that owns its data (a std::string returned
/// by a call or built here): push_back(std::string("x")) into a container
/// of std::string_view.
bool views_temporary(const clang::Expr* e) {
  e = e->IgnoreImplicit()->IgnoreParens();
  const clang::Expr* owner = nullptr;
  if (const auto* call = llvm::dyn_cast<clang::CXXMemberCallExpr>(e);
      call != nullptr && llvm::isa_and_nonnull<clang::CXXConversionDecl>(call->getMethodDecl())) {
    owner = call->getImplicitObjectArgument();
  } else if (const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(e);
             construct != nullptr && construct->getNumArgs() >= 1 && is_reference_like(construct->getType()) &&
             !construct->getConstructor()->isCopyOrMoveConstructor()) {
    owner = construct->getArg(0);
  } else if (const auto* cast = llvm::dyn_cast<clang::ExplicitCastExpr>(e)) {
    return is_reference_like(cast->getType()) && views_temporary(cast->getSubExpr());
  }
  while (owner != nullptr) {
    if (const auto* cast = llvm::dyn_cast<clang::ImplicitCastExpr>(owner)) {
      owner = cast->getSubExpr();
    } else if (const auto* paren = llvm::dyn_cast<clang::ParenExpr>(owner)) {
      owner = paren->getSubExpr();
    } else {
      break;
    }
  }
  const auto* temporary = llvm::dyn_cast_or_null<clang::MaterializeTemporaryExpr>(owner);
  if (temporary == nullptr) return false;
  const clang::QualType type = temporary->getType().getNonReferenceType();
  return type->isRecordType() && !is_reference_like(type) && !holds_only_handles(type) && !holds_handles(type);
}

/// What a reference, view or iterator value refers into: the parameter or
/// local whose storage it may point into, or nullptr (a member, a static, a
/// literal, a fresh value). Local references (range-for variables,
/// structured bindings of them included) are followed to what they are bound
/// to, and local views and iterators that are copied (`cursor_ = it;`) to
/// what they view: their initialiser and every value assigned to them.
class Referents {
 public:
  /// `copies_views`: what is kept is a copy of a view, so a local view
  /// counts for what it views; false when a reference to the view object
  /// itself is kept (std::reference_wrapper<std::string_view>, [&v = view]).
  const clang::VarDecl* of(const clang::Expr* e, bool copies_views) { return of_expr(e, copies_views, 0); }

  /// What the view variable `var` views (a parameter: itself).
  const clang::VarDecl* of_view_variable(const clang::VarDecl* var) { return of_var(var, true, 0); }

  /// What the elements of the container `range` names refer into once
  /// copied out of it (views_ = local; views_.assign(...)): for a local
  /// container of views filled only in ways followed here (its initialiser,
  /// push_back/insert/emplace/assign, `local[i] = v`, a copy into a
  /// std::back_inserter(local)), what the values put into it refer into; a
  /// local container used any other way (handed out by non-const
  /// reference, written through an iterator, swapped), or one that owns its
  /// elements, counts as itself.
  const clang::VarDecl* of_elements(const clang::Expr* range) { return elements_expr(range, 0); }

  /// One end of an iterator range whose elements are copied (first or last
  /// of insert(pos, first, last)): what the elements refer into when the
  /// range is known (c.begin(), std::end(c)), else what the iterator does.
  const clang::VarDecl* of_range_end(const clang::Expr* it) {
    if (const clang::Expr* range = range_of_iterator(it)) return elements_expr(range, 0);
    return of_expr(it, true, 0);
  }

  /// What `arg`, building or copied into a container of views of type
  /// `container` (an element or a mapped value that is itself one:
  /// groups_.push_back(inner), by_name_.try_emplace(key, first, last)),
  /// leaves that container's elements referring into.
  const clang::VarDecl* of_container_argument(const clang::Expr* arg, clang::QualType container) {
    Elements built;
    add_argument(arg, container_value_type(container), built);
    return evaluate(built, nullptr, 0);
  }

 private:
  static constexpr unsigned kMaxDepth = 32;

  struct Origins {
    std::vector<const clang::Expr*> values;  // the initialiser and every value assigned
    bool unknown = false;                    // swapped, or handed out by non-const reference
  };

  const clang::VarDecl* of_var(const clang::VarDecl* var, bool copies_views, unsigned depth) {
    if (!var->isInitCapture() && !var->hasLocalStorage()) return nullptr;  // a global or static
    if (is_meshwa_context(var->getType())) return nullptr;
    if (llvm::isa<clang::ParmVarDecl>(var)) return var;
    if (depth > kMaxDepth) return var;
    const clang::QualType type = var->getType();
    if (type->isReferenceType()) {
      // A reference is another name for what it is bound to (a range-for
      // variable for an element of the range), unless it is bound to a
      // temporary that lives as long as it does: then it is local storage.
      const clang::Expr* init = var->getInit();
      if (init == nullptr) return var;
      const clang::Expr* bound = init;
      for (;;) {
        if (const auto* cleanups = llvm::dyn_cast<clang::ExprWithCleanups>(bound)) {
          bound = cleanups->getSubExpr();
        } else if (const auto* constant = llvm::dyn_cast<clang::ConstantExpr>(bound)) {
          bound = constant->getSubExpr();
        } else if (const auto* cast = llvm::dyn_cast<clang::ImplicitCastExpr>(bound);
                   cast != nullptr && (cast->getCastKind() == clang::CK_NoOp ||
                                       cast->getCastKind() == clang::CK_DerivedToBase ||
                                       cast->getCastKind() == clang::CK_UncheckedDerivedToBase)) {
          bound = cast->getSubExpr();
        } else {
          break;
        }
      }
      if (const auto* temporary = llvm::dyn_cast<clang::MaterializeTemporaryExpr>(bound)) {
        // const std::string_view& v = std::string_view(text_): a copy of v
        // views what the temporary views.
        if (copies_views && is_reference_like(temporary->getType())) {
          return of_expr(temporary->getSubExpr(), true, depth + 1);
        }
        return var;
      }
      return of_expr(init, copies_views, depth + 1);
    }
    if (!copies_views ||
        (!is_reference_like(type) && !type->isPointerType() && !holds_only_handles(type) && !is_view_holder(type))) {
      return var;
    }
    // A local view or iterator (a range-for's hidden iterator too), or a
    // pair of them (auto [it, inserted] = set_.emplace(s)), copied: what any
    // value it ever holds refers into.
    if (!visiting_.insert(var).second) return nullptr;  // a cycle (it = std::next(it)): the other values decide
    const Origins& origins = origins_of(var);
    const clang::VarDecl* found = origins.unknown ? var : nullptr;
    for (size_t k = 0; found == nullptr && k < origins.values.size(); ++k) {
      found = of_expr(origins.values[k], true, depth + 1);
    }
    visiting_.erase(var);
    return found;
  }

  const Origins& origins_of(const clang::VarDecl* var) {
    auto [it, fresh] = origins_.try_emplace(var);
    Origins& origins = it->second;
    if (!fresh) return origins;
    if (var->getInit() != nullptr) origins.values.push_back(var->getInit());
    const auto* fn = llvm::dyn_cast_or_null<clang::FunctionDecl>(var->getParentFunctionOrMethod());
    const clang::Stmt* body = fn != nullptr ? fn->getBody() : nullptr;
    if (body == nullptr) {
      origins.unknown = true;
      return origins;
    }
    const auto passed_mutably = [var](const clang::FunctionDecl* callee, llvm::ArrayRef<const clang::Expr*> args,
                                      unsigned offset) {
      for (unsigned k = offset; k < args.size(); ++k) {
        if (!names_var(args[k], var)) continue;
        const unsigned index = k - offset;
        if (callee == nullptr || index >= callee->getNumParams()) return true;
        if (is_mutable_lvalue_reference(callee->getParamDecl(index)->getType()) &&
            !is_std_forwarding(callee, index)) {
          return true;
        }
      }
      return false;
    };
    flow::contains(body, [&](const clang::Stmt& s) {
      if (const auto* binary = llvm::dyn_cast<clang::BinaryOperator>(&s)) {
        if (binary->getOpcode() == clang::BO_Assign && names_var_or_part(binary->getLHS(), var)) {
          origins.values.push_back(binary->getRHS());
        }
      } else if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(&s)) {
        if (op->getOperator() == clang::OO_Equal && op->getNumArgs() == 2 && names_var_or_part(op->getArg(0), var)) {
          origins.values.push_back(op->getArg(1));
        } else {
          const auto* callee = op->getDirectCallee();
          const unsigned offset = llvm::isa_and_nonnull<clang::CXXMethodDecl>(callee) ? 1 : 0;
          llvm::SmallVector<const clang::Expr*, 4> args(op->arg_begin(), op->arg_end());
          if (passed_mutably(callee, args, offset)) origins.unknown = true;
        }
      } else if (const auto* call = llvm::dyn_cast<clang::CallExpr>(&s)) {
        if (const auto* member_call = llvm::dyn_cast<clang::CXXMemberCallExpr>(call)) {
          const clang::CXXMethodDecl* method = member_call->getMethodDecl();
          if (names_var(member_call->getImplicitObjectArgument(), var) && method != nullptr &&
              method->getIdentifier() != nullptr && method->getName() == "swap") {
            origins.unknown = true;
          }
          // c.reset(other) on a local cursor: only a method that keeps its
          // handles within what they view leaves the origins as they are.
          if (names_var(member_call->getImplicitObjectArgument(), var) && method != nullptr &&
              is_view_holder(var->getType()) && !method->isConst() && !keeps_own_views(method, 0)) {
            origins.unknown = true;
          }
        }
        llvm::SmallVector<const clang::Expr*, 4> args(call->arg_begin(), call->arg_end());
        if (passed_mutably(call->getDirectCallee(), args, 0)) origins.unknown = true;
      } else if (const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(&s)) {
        llvm::SmallVector<const clang::Expr*, 4> args(construct->arg_begin(), construct->arg_end());
        if (passed_mutably(construct->getConstructor(), args, 0)) origins.unknown = true;
      } else if (const auto* decl_stmt = llvm::dyn_cast<clang::DeclStmt>(&s)) {
        // auto& alias = it; alias = other.begin();
        for (const clang::Decl* d : decl_stmt->decls()) {
          const auto* alias = llvm::dyn_cast<clang::VarDecl>(d);
          if (alias != nullptr && is_mutable_lvalue_reference(alias->getType()) && names_var(alias->getInit(), var)) {
            origins.unknown = true;
          }
        }
      } else if (const auto* lambda = llvm::dyn_cast<clang::LambdaExpr>(&s)) {
        // [&alias = it] { alias = other.begin(); }
        for (const clang::LambdaCapture& capture : lambda->captures()) {
          const auto* alias = llvm::dyn_cast_or_null<clang::VarDecl>(
              capture.capturesVariable() ? capture.getCapturedVar() : nullptr);
          if (alias != nullptr && alias->isInitCapture() && is_mutable_lvalue_reference(alias->getType()) &&
              names_var(alias->getInit(), var)) {
            origins.unknown = true;
          }
        }
      }
      return origins.unknown;
    });
    return origins;
  }

  const clang::VarDecl* of_expr(const clang::Expr* e, bool copies_views, unsigned depth) {
    if (e == nullptr || depth > kMaxDepth) return nullptr;
    if (llvm::isa<clang::LambdaExpr>(e)) return nullptr;
    // An index, a count, an enum read by value refers to nothing.
    if (e->isPRValue() && is_plain_scalar(e->getType())) return nullptr;
    if (const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(e)) {
      const auto* var = llvm::dyn_cast<clang::VarDecl>(ref->getDecl());
      // A structured binding is a part of its hidden decomposition variable.
      if (const auto* binding = llvm::dyn_cast<clang::BindingDecl>(ref->getDecl())) {
        var = llvm::dyn_cast_or_null<clang::VarDecl>(binding->getDecomposedDecl());
        // `inserted` of auto [it, inserted] = ...: a reference to it is a
        // reference into the local pair itself, not to what `it` views.
        if (var != nullptr && !is_handle_part(var->getType(), binding->getType())) copies_views = false;
      }
      return var != nullptr ? of_var(var, copies_views, depth + 1) : nullptr;
    }
    if (llvm::isa<clang::CallExpr, clang::CXXConstructExpr>(e) && e->isPRValue() && !is_reference_like(e->getType()) &&
        !e->getType()->isPointerType() && !holds_only_handles(e->getType()) && !is_view_holder(e->getType())) {
      return nullptr;  // a fresh value, not a reference into its arguments
    }
    if (const auto* conditional = llvm::dyn_cast<clang::AbstractConditionalOperator>(e)) {
      if (const auto* var = of_expr(conditional->getTrueExpr(), copies_views, depth + 1)) return var;
      return of_expr(conditional->getFalseExpr(), copies_views, depth + 1);
    }
    if (const auto* call = llvm::dyn_cast<clang::CallExpr>(e); call != nullptr && call->getDirectCallee() != nullptr) {
      return of_call(*call, copies_views, depth);
    }
    if (const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(e)) {
      return of_arguments(e, construct->getConstructor(), llvm::ArrayRef(construct->getArgs(), construct->getNumArgs()),
                          copies_views, depth);
    }
    // *p, p[i], p->x: what the pointer points at.
    if (const auto* unary = llvm::dyn_cast<clang::UnaryOperator>(e); unary != nullptr && unary->getOpcode() == clang::UO_Deref) {
      return of_expr(unary->getSubExpr(), true, depth + 1);
    }
    if (const auto* subscript = llvm::dyn_cast<clang::ArraySubscriptExpr>(e)) {
      return of_expr(subscript->getBase(), true, depth + 1);
    }
    if (const auto* member = llvm::dyn_cast<clang::MemberExpr>(e)) {
      // r.first of a local std::pair<iterator, bool> is a handle copied out;
      // r.second is a part of the local pair itself.
      if (!member->isArrow() && !is_handle_part(member->getBase()->getType(), member->getType())) {
        copies_views = false;
      }
      return of_expr(member->getBase(), copies_views || member->isArrow(), depth + 1);
    }
    for (const clang::Stmt* child : e->children()) {
      if (const auto* sub = llvm::dyn_cast_or_null<clang::Expr>(child)) {
        if (const auto* var = of_expr(sub, copies_views, depth + 1)) return var;
      }
    }
    return nullptr;
  }

  /// A call returning a reference, view, iterator or pointer: it may refer
  /// into the object of a method, and into the arguments that a result of its
  /// type can refer to.
  const clang::VarDecl* of_call(const clang::CallExpr& call, bool copies_views, unsigned depth) {
    const clang::FunctionDecl* callee = call.getDirectCallee();
    const auto* method = llvm::dyn_cast<clang::CXXMethodDecl>(callee);
    const clang::Expr* object = nullptr;
    unsigned first = 0;
    if (const auto* member_call = llvm::dyn_cast<clang::CXXMemberCallExpr>(&call)) {
      object = member_call->getImplicitObjectArgument();
    } else if (llvm::isa<clang::CXXOperatorCallExpr>(call) && method != nullptr && !method->isStatic() &&
               call.getNumArgs() > 0) {
      object = call.getArg(0);
      first = 1;
    }
    if (object != nullptr) {
      // Through a view or an iterator (*it, it->second, sv.substr(1),
      // s.first(2), v.begin()): what it views. ++it, it = x return the
      // iterator itself.
      bool through = copies_views;
      // A method of a cursor (c.take(3), with `Cur c{in};`) whose every
      // return copies what the object's handles view: what `c` was made
      // from. Any other method may return a handle into the object itself.
      if (is_view_holder(object->getType().getNonReferenceType().getUnqualifiedType())) {
        through = method != nullptr && returns_own_views(method);
      }
      if (is_reference_like(object->getType()) || object->getType()->isPointerType()) {
        const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(&call);
        through = through || call.isPRValue() ||
                  (op != nullptr && (op->getOperator() == clang::OO_Star || op->getOperator() == clang::OO_Arrow ||
                                     op->getOperator() == clang::OO_Subscript));
      }
      if (const auto* var = of_expr(object, through, depth + 1)) return var;
      // find/insert/emplace/at/operator[] of a std container: a handle
      // into the container, whatever the key or the value handed in.
      if (is_std_container(object->getType())) return nullptr;
    }
    llvm::ArrayRef<const clang::Expr*> args(call.getArgs() + first, call.getNumArgs() - first);
    // A method of the program whose body is visible is judged by its
    // returns: only the parameters some return refers into count
    // (names_.Intern(h.user) returning `*pool_.emplace(s).first` refers
    // into the object's member, not into `h`).
    if (object != nullptr && method != nullptr && !declared_in_std(method)) {
      if (const std::optional<std::set<unsigned>> returned = returned_parameters(method)) {
        for (unsigned k = 0; k < args.size(); ++k) {
          if (!returned->count(k)) continue;
          if (const auto* var = of_arguments(&call, callee, args.slice(k, 1), copies_views, depth, k)) return var;
        }
        return nullptr;
      }
    }
    // std::find(first, last, x), std::next(it, n): a std algorithm returning
    // an iterator returns one of the iterators it is given (or one derived
    // from them), not something in the value it compares with.
    if (method == nullptr && callee->isInStdNamespace() && call.isPRValue() &&
        is_iterator_class(call.getType()->getAsCXXRecordDecl())) {
      const clang::QualType result = call.getType().getUnqualifiedType().getCanonicalType();
      llvm::SmallVector<const clang::Expr*, 4> iterators;
      for (const clang::Expr* arg : args) {
        if (arg->getType().getUnqualifiedType().getCanonicalType() == result) iterators.push_back(arg);
      }
      if (!iterators.empty()) {
        for (const clang::Expr* arg : iterators) {
          if (const auto* var = of_expr(arg, true, depth + 1)) return var;
        }
        return nullptr;
      }
    }
    return of_arguments(&call, callee, args, copies_views, depth);
  }

  /// The arguments `args` of `callee` (a function or constructor) whose
  /// type the result `result` can refer to: not a scalar passed by value (an
  /// index, a count: the callee has its own copy), nor a scalar passed by
  /// reference unless the result refers to one scalar of that type
  /// (std::min(a, b), std::ref(n)).
  const clang::VarDecl* of_arguments(const clang::Expr* result, const clang::FunctionDecl* callee,
                                     llvm::ArrayRef<const clang::Expr*> args, bool copies_views, unsigned depth,
                                     unsigned offset = 0) {
    for (unsigned k = 0; k < args.size(); ++k) {
      const clang::Expr* arg = args[k];
      const unsigned index = k + offset;  // the parameter args[k] is handed to
      const clang::QualType param = callee != nullptr && index < callee->getNumParams()
                                        ? callee->getParamDecl(index)->getType()
                                        : clang::QualType();
      const bool by_reference = param.isNull() ? arg->isGLValue() : param->isReferenceType();
      const clang::QualType type = param.isNull() ? arg->getType() : param.getNonReferenceType();
      if (is_plain_scalar(type)) {
        if (!by_reference) continue;
        const clang::QualType referee = referee_of(result);
        if (referee.isNull() ||
            referee.getUnqualifiedType().getCanonicalType() != type.getUnqualifiedType().getCanonicalType()) {
          continue;
        }
      }
      // A view passed by value (trim(std::string_view)): the callee has a
      // copy of the view, so what counts is what it views.
      const bool copies = copies_views || (!by_reference && (is_reference_like(type) || type->isPointerType()));
      if (const auto* var = of_expr(arg, copies, depth + 1)) return var;
    }
    return nullptr;
  }

  /// The definition of `method` when its body is visible and it is the code
  /// a call runs (not a virtual function an override may replace).
  static const clang::CXXMethodDecl* definition_surely_called(const clang::CXXMethodDecl* method) {
    if (method == nullptr || method->isStatic()) return nullptr;
    if (method->isVirtual() && !method->hasAttr<clang::FinalAttr>() &&
        !method->getParent()->hasAttr<clang::FinalAttr>()) {
      return nullptr;
    }
    const clang::FunctionDecl* definition = definition_with_body(method);
    if (definition == nullptr) return nullptr;
    return llvm::dyn_cast<clang::CXXMethodDecl>(definition);
  }

  /// Calls `visit` with the value of every return statement of `body`, not
  /// those of lambdas or local classes inside it.
  template <class Visit>
  static void for_each_return(const clang::Stmt* body, Visit&& visit) {
    llvm::SmallVector<const clang::Stmt*, 64> stack{body};
    while (!stack.empty()) {
      const clang::Stmt* s = stack.pop_back_val();
      if (s == nullptr || llvm::isa<clang::LambdaExpr>(s)) continue;
      if (const auto* ret = llvm::dyn_cast<clang::ReturnStmt>(s)) visit(ret->getRetValue());
      for (const clang::Stmt* child : s->children()) stack.push_back(child);
    }
  }

  /// Which parameters of a method of the program (body visible) its result
  /// may refer into: those some return statement refers into. Nullopt when
  /// not known: no visible body, a virtual function, or a return that
  /// refers into one of its locals (meshwa-dangling's) or is not followed.
  std::optional<std::set<unsigned>> returned_parameters(const clang::CXXMethodDecl* method) {
    const clang::CXXMethodDecl* definition = definition_surely_called(method);
    if (definition == nullptr) return std::nullopt;
    if (auto it = returned_.find(definition); it != returned_.end()) return it->second;
    returned_[definition] = std::nullopt;  // a recursive call: not known
    const clang::QualType result = definition->getReturnType();
    if (result.isNull() || result->isDependentType()) return std::nullopt;
    const bool copies = !result->isReferenceType();
    std::optional<std::set<unsigned>> params{std::in_place};
    for_each_return(definition->getBody(), [&](const clang::Expr* value) {
      if (!params || value == nullptr) return;
      const clang::VarDecl* var = of_expr(value, copies, 1);
      if (var == nullptr) return;  // a member, a static, a literal, a fresh value
      const auto* param = llvm::dyn_cast<clang::ParmVarDecl>(var);
      if (param == nullptr || param->getDeclContext() != definition) {
        params.reset();
        return;
      }
      params->insert(param->getFunctionScopeIndex());
    });
    returned_[definition] = params;
    return params;
  }

  /// A method of a view holder whose every return is a copy of what the
  /// object's own handles view (`return buf.substr(pos, n);`, `return
  /// buf;`, a local copied from one), by value: its result refers to what
  /// the object was made from, never to the object.
  bool returns_own_views(const clang::CXXMethodDecl* method) {
    const clang::CXXMethodDecl* definition = definition_surely_called(method);
    if (definition == nullptr) return false;
    const clang::QualType result = definition->getReturnType();
    if (result.isNull() || result->isReferenceType() ||
        !(is_reference_like(result) || result->isPointerType() || holds_only_handles(result))) {
      return false;
    }
    if (auto it = own_returns_.find(definition); it != own_returns_.end()) return it->second;
    own_returns_[definition] = false;  // recursion: not known
    bool own = true;
    bool any = false;
    std::set<const clang::VarDecl*> outer;
    std::swap(outer, own_locals_);
    for_each_return(definition->getBody(), [&](const clang::Expr* value) {
      any = true;
      own_locals_.clear();
      own = own && value != nullptr && own_view(value, definition, 0);
    });
    std::swap(outer, own_locals_);
    own_returns_[definition] = own && any;
    return own && any;
  }

  /// Does a non-const method of a view holder keep its handles within what
  /// they view (`buf.remove_prefix(n)`, `buf = buf.substr(n)`, `pos += n`),
  /// rather than re-point them at something else?
  bool keeps_own_views(const clang::CXXMethodDecl* method, unsigned depth) {
    const clang::CXXMethodDecl* definition = definition_surely_called(method);
    if (definition == nullptr || depth > 4) return false;
    const auto own_handle = [](const clang::Expr* e) {
      const auto* member = e != nullptr ? llvm::dyn_cast<clang::MemberExpr>(e->IgnoreParenImpCasts()) : nullptr;
      return member != nullptr && llvm::isa<clang::CXXThisExpr>(member->getBase()->IgnoreParenImpCasts()) &&
             !is_plain_scalar(member->getType());
    };
    bool keeps = true;
    std::set<const clang::VarDecl*> outer;
    std::swap(outer, own_locals_);
    flow::contains(definition->getBody(), [&](const clang::Stmt& s) {
      own_locals_.clear();
      if (const auto* binary = llvm::dyn_cast<clang::BinaryOperator>(&s)) {
        if (binary->isAssignmentOp() && own_handle(binary->getLHS())) {
          keeps = own_view(binary->getRHS(), definition, 0);
        }
      } else if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(&s)) {
        if (op->isAssignmentOp() && op->getNumArgs() == 2 && own_handle(op->getArg(0))) {
          keeps = own_view(op->getArg(1), definition, 0);
        }
      } else if (const auto* call = llvm::dyn_cast<clang::CallExpr>(&s)) {
        const clang::FunctionDecl* callee = call->getDirectCallee();
        if (const auto* member_call = llvm::dyn_cast<clang::CXXMemberCallExpr>(call)) {
          const clang::Expr* object = member_call->getImplicitObjectArgument();
          const clang::CXXMethodDecl* called = member_call->getMethodDecl();
          if (object != nullptr && llvm::isa<clang::CXXThisExpr>(object->IgnoreParenImpCasts()) && called != nullptr &&
              !called->isConst() && called != definition) {
            keeps = keeps_own_views(called, depth + 1);
          } else if (own_handle(object) && called != nullptr && called->getIdentifier() != nullptr &&
                     called->getName() == "swap") {
            keeps = false;
          }
        }
        for (unsigned k = 0; keeps && k < call->getNumArgs(); ++k) {
          if (!own_handle(call->getArg(k))) continue;
          if (callee == nullptr || k >= callee->getNumParams() ||
              is_mutable_lvalue_reference(callee->getParamDecl(k)->getType())) {
            keeps = false;  // std::swap(buf, other), or handed out to be re-pointed
          }
        }
      }
      return !keeps;
    });
    std::swap(outer, own_locals_);
    return keeps;
  }

  /// Is `e`, in `fn` (a method of a view holder), made only of what the
  /// object's own handles view, plain numbers, literals and statics?
  bool own_view(const clang::Expr* e, const clang::FunctionDecl* fn, unsigned depth) {
    if (e == nullptr || depth > kMaxDepth) return false;
    if (e->isPRValue() && is_plain_scalar(e->getType())) return true;
    e = flow::skip_carriers(e, {}, flow::AtOtherCast::stop, flow::WrittenCasts::all,
                            flow::Also::implicit_casts | flow::Also::constants | flow::Also::no_step_limit);
    if (e->isPRValue() && is_plain_scalar(e->getType())) return true;
    if (llvm::isa<clang::StringLiteral, clang::CXXNullPtrLiteralExpr, clang::GNUNullExpr, clang::CXXDefaultArgExpr,
                  clang::CXXDefaultInitExpr, clang::CXXScalarValueInitExpr, clang::ImplicitValueInitExpr>(e)) {
      return true;
    }
    const auto all = [&](auto range) {
      for (const clang::Expr* part : range) {
        if (!own_view(part, fn, depth + 1)) return false;
      }
      return true;
    };
    if (const auto* member = llvm::dyn_cast<clang::MemberExpr>(e)) {
      const clang::QualType type = member->getType().getNonReferenceType().getUnqualifiedType();
      if (!(is_reference_like(member->getType()) || type->isPointerType() || holds_only_handles(type) ||
            is_view_holder(type))) {
        return false;  // a number or other storage of the object itself
      }
      const clang::Expr* base = member->getBase()->IgnoreParenImpCasts();
      return llvm::isa<clang::CXXThisExpr>(base) || own_view(base, fn, depth + 1);
    }
    if (const auto* unary = llvm::dyn_cast<clang::UnaryOperator>(e)) {
      return unary->getOpcode() == clang::UO_Deref && own_view(unary->getSubExpr(), fn, depth + 1);
    }
    if (const auto* binary = llvm::dyn_cast<clang::BinaryOperator>(e)) {
      if (binary->isAdditiveOp()) return own_view(binary->getLHS(), fn, depth + 1) && own_view(binary->getRHS(), fn, depth + 1);
      if (binary->getOpcode() == clang::BO_Comma) return own_view(binary->getRHS(), fn, depth + 1);
      return false;
    }
    if (const auto* conditional = llvm::dyn_cast<clang::AbstractConditionalOperator>(e)) {
      return own_view(conditional->getTrueExpr(), fn, depth + 1) && own_view(conditional->getFalseExpr(), fn, depth + 1);
    }
    if (const auto* member_call = llvm::dyn_cast<clang::CXXMemberCallExpr>(e)) {
      const clang::Expr* object = member_call->getImplicitObjectArgument();
      if (object != nullptr && llvm::isa<clang::CXXThisExpr>(object->IgnoreParenImpCasts())) {
        // Another method of the object: its own returns decide.
        return member_call->getMethodDecl() != nullptr && returns_own_views(member_call->getMethodDecl());
      }
      return own_view(object, fn, depth + 1) &&
             all(llvm::ArrayRef(member_call->getArgs(), member_call->getNumArgs()));
    }
    if (const auto* call = llvm::dyn_cast<clang::CallExpr>(e)) {
      // buf[i], *it, std::next(it, n): operators and std functions over own
      // views; any other function may return what it likes.
      const clang::FunctionDecl* callee = call->getDirectCallee();
      if (!llvm::isa<clang::CXXOperatorCallExpr>(call) && (callee == nullptr || !declared_in_std(callee))) return false;
      if (call->getNumArgs() == 0) return false;
      return all(llvm::ArrayRef(call->getArgs(), call->getNumArgs()));
    }
    if (const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(e)) {
      return all(llvm::ArrayRef(construct->getArgs(), construct->getNumArgs()));
    }
    if (const auto* list = llvm::dyn_cast<clang::InitListExpr>(e)) {
      return all(list->inits());
    }
    if (const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(e)) {
      const auto* var = llvm::dyn_cast<clang::VarDecl>(ref->getDecl());
      if (var == nullptr || llvm::isa<clang::ParmVarDecl>(var)) return false;
      if (!var->hasLocalStorage()) return true;  // a static or a global: not the caller's nor a local's
      if (var->getDeclContext() != fn || llvm::isa<clang::DecompositionDecl>(var)) return false;
      if (!own_locals_.insert(var).second) return true;  // a cycle (r = r.substr(1)): the other values decide
      if (var->getType()->isReferenceType()) return own_view(var->getInit(), fn, depth + 1);
      const clang::QualType type = var->getType();
      if (!(is_reference_like(type) || type->isPointerType() || holds_only_handles(type))) return false;
      if (!own_view(var->getInit(), fn, depth + 1)) return false;
      // Every value assigned to it; handed out by non-const reference: not followed.
      bool own = true;
      flow::contains(fn->getBody(), [&](const clang::Stmt& s) {
        if (const auto* binary = llvm::dyn_cast<clang::BinaryOperator>(&s)) {
          if (binary->isAssignmentOp() && names_var_or_part(binary->getLHS(), var)) {
            own = own_view(binary->getRHS(), fn, depth + 1);
          }
        } else if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(&s)) {
          if (op->isAssignmentOp() && op->getNumArgs() == 2 && names_var_or_part(op->getArg(0), var)) {
            own = own_view(op->getArg(1), fn, depth + 1);
          }
        } else if (const auto* call = llvm::dyn_cast<clang::CallExpr>(&s)) {
          const clang::FunctionDecl* callee = call->getDirectCallee();
          for (unsigned k = 0; own && k < call->getNumArgs(); ++k) {
            if (!names_var(call->getArg(k), var)) continue;
            if (callee == nullptr || k >= callee->getNumParams() ||
                (is_mutable_lvalue_reference(callee->getParamDecl(k)->getType()) && !is_std_forwarding(callee, k))) {
              own = false;
            }
          }
        }
        return !own;
      });
      return own;
    }
    return false;
  }

  /// Is `part` (of an object of type `whole`) a handle whose copy refers to
  /// what it views, or storage of the whole? Only a holder of handles
  /// (holds_only_handles) has parts of the first kind besides views.
  static bool is_handle_part(clang::QualType whole, clang::QualType part) {
    whole = whole.getNonReferenceType();
    if (!holds_only_handles(whole.getUnqualifiedType()) && !is_view_holder(whole.getUnqualifiedType())) {
      return true;  // judged as before
    }
    part = part.getNonReferenceType();
    return is_reference_like(part) || part->isPointerType() || holds_only_handles(part.getUnqualifiedType()) ||
           is_view_holder(part.getUnqualifiedType());
  }

  /// What went into a local container of views.
  struct Elements {
    std::vector<const clang::Expr*> values;   // each put into an element
    std::vector<const clang::Expr*> sources;  // containers or range ends whose elements are copied in
    bool unknown = false;                     // used in a way not followed
  };

  const clang::VarDecl* elements_expr(const clang::Expr* range, unsigned depth) {
    if (range == nullptr || depth > kMaxDepth) return nullptr;
    const clang::Expr* e = strip_handle(range);
    if (const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(e)) {
      const auto* var = llvm::dyn_cast<clang::VarDecl>(ref->getDecl());
      // A parameter, a global, a structured binding: as before.
      if (var == nullptr || llvm::isa<clang::ParmVarDecl>(var) || !var->hasLocalStorage()) {
        return of_expr(range, true, depth + 1);
      }
      if (var->getType()->isReferenceType()) {
        return var->getInit() != nullptr ? elements_expr(var->getInit(), depth + 1) : var;
      }
      // A container owning its elements: copies of them refer into it.
      if (!holds_handles(var->getType())) return var;
      if (!elements_visiting_.insert(var).second) return nullptr;  // local.insert(local.end(), ...)
      const Elements& elements = elements_of(var);
      const clang::VarDecl* found = elements.unknown ? var : evaluate(elements, var, depth);
      elements_visiting_.erase(var);
      return found;
    }
    if (e->isPRValue() && holds_handles(e->getType())) {
      // A container of views returned by a call (split(line)): what the
      // call's result may refer into; one made here
      // (std::vector<std::string_view>(first, last), {a, b}): what went in.
      if (const auto* call = llvm::dyn_cast<clang::CallExpr>(e)) {
        return call->getDirectCallee() != nullptr ? of_call(*call, true, depth + 1) : nullptr;
      }
      Elements built;
      add_built(e, built);
      return built.unknown ? nullptr : evaluate(built, nullptr, depth);
    }
    return of_expr(range, true, depth + 1);
  }

  /// What the values and sources that went into a container refer into;
  /// `self` (the container, or null for a temporary one) for a view of a
  /// temporary.
  const clang::VarDecl* evaluate(const Elements& elements, const clang::VarDecl* self, unsigned depth) {
    for (const clang::Expr* value : elements.values) {
      if (views_temporary(value)) {
        if (self != nullptr) return self;
        continue;
      }
      // An inner container of views (local.push_back(inner)): what its
      // elements view.
      const bool inner = holds_handles(value->getType().getNonReferenceType());
      if (const auto* var = inner ? elements_expr(value, depth + 1) : of_expr(value, true, depth + 1)) return var;
    }
    for (const clang::Expr* source : elements.sources) {
      const clang::QualType type = source->getType().getNonReferenceType();
      const clang::VarDecl* var = nullptr;
      if (is_std_container(type)) {
        var = elements_expr(source, depth + 1);
      } else if (const clang::Expr* range = range_of_iterator(source)) {
        var = elements_expr(range, depth + 1);
      } else {
        var = of_expr(source, true, depth + 1);
      }
      if (var != nullptr) return var;
    }
    return nullptr;
  }

  /// An argument that becomes elements of a container whose value_type is
  /// `element` (null: not known): a value, a range (a container, an end of
  /// an iterator range), the items of a braced list; a count or a position
  /// index adds nothing that refers.
  static void add_argument(const clang::Expr* arg, clang::QualType element, Elements& el) {
    if (arg == nullptr || llvm::isa<clang::CXXDefaultArgExpr>(arg)) return;
    const clang::QualType type = arg->getType().getNonReferenceType();
    if (is_plain_scalar(type)) return;
    const clang::Expr* e = strip_handle(arg);
    if (const auto* list = llvm::dyn_cast<clang::CXXStdInitializerListExpr>(e)) {
      const auto* items = llvm::dyn_cast_or_null<clang::InitListExpr>(strip_handle(list->getSubExpr()));
      if (items == nullptr) {
        el.unknown = true;
        return;
      }
      for (const clang::Expr* item : items->inits()) add_argument(item, element, el);
      return;
    }
    if (!element.isNull() && type.getUnqualifiedType().getCanonicalType() == element.getUnqualifiedType()) {
      el.values.push_back(arg);
    } else if (is_std_container(type) || is_iterator_class(type->getAsCXXRecordDecl())) {
      el.sources.push_back(arg);
    } else {
      el.values.push_back(arg);
    }
  }

  /// What a container's initialiser puts into it.
  static void add_built(const clang::Expr* init, Elements& el) {
    const clang::Expr* e = strip_handle(init);
    const clang::QualType element = container_value_type(e->getType());
    if (const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(e)) {
      for (const clang::Expr* arg : construct->arguments()) add_argument(arg, element, el);
    } else if (const auto* list = llvm::dyn_cast<clang::InitListExpr>(e)) {
      for (const clang::Expr* item : list->inits()) add_argument(item, element, el);
    } else {
      el.sources.push_back(init);  // a copy of another container, a call
    }
  }

  const Elements& elements_of(const clang::VarDecl* var) {
    auto [it, fresh] = elements_.try_emplace(var);
    Elements& el = it->second;
    if (!fresh) return el;
    if (var->getInit() != nullptr) add_built(var->getInit(), el);
    const auto* fn = llvm::dyn_cast_or_null<clang::FunctionDecl>(var->getParentFunctionOrMethod());
    const clang::Stmt* body = fn != nullptr ? fn->getBody() : nullptr;
    if (body == nullptr) {
      el.unknown = true;
      return el;
    }
    auto& parents = parent_maps_[body];
    if (!parents) {
      flow::with_stack_for(*fn, [&] { parents = std::make_unique<clang::ParentMap>(const_cast<clang::Stmt*>(body)); });
    }
    flow::contains(body, [&](const clang::Stmt& s) {
      const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(&s);
      if (ref != nullptr && ref->getDecl() == var && !use_followed(*parents, ref, el)) el.unknown = true;
      return el.unknown;
    });
    return el;
  }

  /// Is `e`, through parentheses, implicit conversions and temporaries,
  /// `inner`?
  static bool wraps(const clang::Expr* e, const clang::Stmt* inner) {
    while (e != nullptr && e != inner) {
      if (const auto* cast = llvm::dyn_cast<clang::ImplicitCastExpr>(e)) {
        e = cast->getSubExpr();
      } else if (const auto* paren = llvm::dyn_cast<clang::ParenExpr>(e)) {
        e = paren->getSubExpr();
      } else if (const auto* temporary = llvm::dyn_cast<clang::MaterializeTemporaryExpr>(e)) {
        e = temporary->getSubExpr();
      } else if (const auto* bind = llvm::dyn_cast<clang::CXXBindTemporaryExpr>(e)) {
        e = bind->getSubExpr();
      } else if (const auto* full = llvm::dyn_cast<clang::FullExpr>(e)) {
        e = full->getSubExpr();
      } else {
        return false;
      }
    }
    return e == inner;
  }

  /// A use of the local container (`ref` names it) that adds what is
  /// recorded in `el`, or only reads, reorders or removes elements.
  bool use_followed(const clang::ParentMap& parents, const clang::Expr* ref, Elements& el) {
    const clang::Stmt* child = ref;
    const clang::Stmt* parent = flow::semantic_parent(parents, child);
    while (flow::is_std_move_call(parent)) {
      child = parent;
      parent = flow::semantic_parent(parents, parent);
    }
    if (parent == nullptr) return false;
    const clang::QualType element = container_value_type(ref->getType());
    if (const auto* member = llvm::dyn_cast<clang::MemberExpr>(parent)) {
      const auto* call = llvm::dyn_cast_or_null<clang::CXXMemberCallExpr>(parents.getParent(member));
      if (call == nullptr || call->getCallee()->IgnoreParens() != member) return false;
      return method_followed(parents, *call, element, el);
    }
    if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(parent);
        op != nullptr && op->getNumArgs() >= 1 && wraps(op->getArg(0), child) &&
        llvm::isa_and_nonnull<clang::CXXMethodDecl>(op->getDirectCallee())) {
      if (op->getOperator() == clang::OO_Subscript && op->getNumArgs() == 2) {
        add_argument(op->getArg(1), clang::QualType(), el);  // a map's key
        return access_followed(parents, op, el, 0);
      }
      if (op->getOperator() == clang::OO_Equal && op->getNumArgs() == 2) {
        add_argument(op->getArg(1), element, el);
        return true;
      }
      return false;
    }
    if (const auto* decl = llvm::dyn_cast<clang::DeclStmt>(parent)) {
      // for (const auto& v : local), for (auto v : local): read.
      const auto* loop = llvm::dyn_cast_or_null<clang::CXXForRangeStmt>(parents.getParent(decl));
      if (loop != nullptr && loop->getRangeStmt() == decl) {
        const clang::QualType type = loop->getLoopVariable()->getType();
        return !type->isReferenceType() || type.getNonReferenceType().isConstQualified();
      }
      for (const clang::Decl* d : decl->decls()) {
        const auto* alias = llvm::dyn_cast<clang::VarDecl>(d);
        if (alias == nullptr || !wraps(alias->getInit(), child)) continue;
        return !alias->getType()->isReferenceType() || alias->getType().getNonReferenceType().isConstQualified();
      }
      return false;
    }
    if (llvm::isa<clang::ReturnStmt>(parent)) return true;
    if (const auto* call = llvm::dyn_cast<clang::CallExpr>(parent)) {
      const clang::FunctionDecl* callee = call->getDirectCallee();
      const unsigned offset =
          llvm::isa<clang::CXXOperatorCallExpr>(call) && llvm::isa_and_nonnull<clang::CXXMethodDecl>(callee) ? 1 : 0;
      for (unsigned k = offset; k < call->getNumArgs(); ++k) {
        if (!wraps(call->getArg(k), child)) continue;
        if (k == 0 && callee != nullptr && callee->isInStdNamespace() && callee->getIdentifier() != nullptr &&
            (callee->getName() == "back_inserter" || callee->getName() == "front_inserter" ||
             callee->getName() == "inserter")) {
          return inserter_followed(parents, *call, el);
        }
        llvm::StringRef name;
        llvm::ArrayRef<const clang::Expr*> args;
        if (std_algorithm(*call, name, args) && algorithm_reads(name, args, k - offset)) return true;
        return reads_parameter(callee, k - offset);
      }
      return false;
    }
    if (const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(parent)) {
      for (unsigned k = 0; k < construct->getNumArgs(); ++k) {
        if (wraps(construct->getArg(k), child)) return reads_parameter(construct->getConstructor(), k);
      }
    }
    return false;
  }

  /// A method called on the local container.
  bool method_followed(const clang::ParentMap& parents, const clang::CXXMemberCallExpr& call, clang::QualType element,
                       Elements& el) {
    const clang::CXXMethodDecl* method = call.getMethodDecl();
    if (method == nullptr || method->getIdentifier() == nullptr) return false;
    const llvm::StringRef name = method->getName();
    if (llvm::is_contained({"push_back", "emplace_back", "push_front", "emplace_front", "insert", "emplace",
                            "emplace_hint", "try_emplace", "insert_or_assign", "assign", "push", "resize"},
                           name)) {
      for (const clang::Expr* arg : call.arguments()) add_argument(arg, element, el);
      // auto& v = local.emplace_back(); v = s;
      return !method->getReturnType()->isLValueReferenceType() || access_followed(parents, &call, el, 0);
    }
    if (method->isConst() ||
        llvm::is_contained({"size", "empty", "capacity", "reserve", "clear", "pop_back", "pop_front", "erase",
                            "shrink_to_fit", "max_size", "count", "contains", "length", "sort", "unique", "reverse",
                            "remove", "remove_if", "cbegin", "cend", "crbegin", "crend"},
                           name)) {
      return true;
    }
    if (llvm::is_contained({"begin", "end", "rbegin", "rend", "front", "back", "at", "data", "find", "lower_bound",
                            "upper_bound"},
                           name)) {
      return access_followed(parents, &call, el, 0);
    }
    return false;
  }

  /// A reference to an element of the local container, or an iterator
  /// into it, used only to read (copied out, compared, a source range),
  /// or assigned a value (recorded in `el`).
  bool access_followed(const clang::ParentMap& parents, const clang::Expr* access, Elements& el, unsigned depth) {
    if (depth > 8) return false;
    if (access->isGLValue() && access->getType().isConstQualified()) return true;
    const clang::Stmt* parent = flow::semantic_parent(parents, access);
    if (parent == nullptr) return false;
    if (const auto* decl = llvm::dyn_cast<clang::DeclStmt>(parent)) {
      for (const clang::Decl* d : decl->decls()) {
        const auto* var = llvm::dyn_cast<clang::VarDecl>(d);
        if (var == nullptr || !wraps(var->getInit(), access)) continue;
        const clang::QualType type = var->getType();
        if (type->isReferenceType()) return type.getNonReferenceType().isConstQualified();
        return !type->isPointerType() && !is_iterator_class(type->getAsCXXRecordDecl());  // a copy of the element
      }
      return false;
    }
    if (!llvm::isa<clang::Expr>(parent)) return true;  // discarded, returned
    if (const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(parent)) {
      for (unsigned k = 0; k < construct->getNumArgs(); ++k) {
        if (!wraps(construct->getArg(k), access)) continue;
        const clang::CXXRecordDecl* made = construct->getType()->getAsCXXRecordDecl();
        if (is_iterator_class(made)) return access_followed(parents, construct, el, depth + 1);
        if (construct->getConstructor()->isCopyOrMoveConstructor() || is_std_container(construct->getType())) return true;
        return reads_parameter(construct->getConstructor(), k);
      }
      return false;
    }
    if (const auto* binary = llvm::dyn_cast<clang::BinaryOperator>(parent)) {
      if (binary->getOpcode() == clang::BO_Assign && wraps(binary->getLHS(), access)) {
        el.values.push_back(binary->getRHS());
        return true;
      }
      if (binary->isComparisonOp()) return true;
      if (binary->isAdditiveOp() && wraps(binary->getLHS(), access)) return access_followed(parents, binary, el, depth + 1);
      return false;
    }
    if (const auto* unary = llvm::dyn_cast<clang::UnaryOperator>(parent)) {
      return unary->getOpcode() == clang::UO_Deref && access_followed(parents, unary, el, depth + 1);
    }
    if (const auto* member = llvm::dyn_cast<clang::MemberExpr>(parent)) {
      // local[0].size(); local[0].first = v
      if (member->isArrow()) return false;
      if (llvm::isa<clang::FieldDecl>(member->getMemberDecl())) return access_followed(parents, member, el, depth + 1);
      const auto* method = llvm::dyn_cast<clang::CXXMethodDecl>(member->getMemberDecl());
      return method != nullptr && method->isConst();
    }
    if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(parent)) {
      const clang::OverloadedOperatorKind kind = op->getOperator();
      const bool object = op->getNumArgs() >= 1 && wraps(op->getArg(0), access);
      if (kind == clang::OO_Equal && object && op->getNumArgs() == 2) {
        el.values.push_back(op->getArg(1));
        return true;
      }
      if (kind == clang::OO_EqualEqual || kind == clang::OO_ExclaimEqual || kind == clang::OO_Less ||
          kind == clang::OO_Greater || kind == clang::OO_LessEqual || kind == clang::OO_GreaterEqual ||
          kind == clang::OO_Spaceship) {
        return true;
      }
      if (object && (kind == clang::OO_Star || kind == clang::OO_Plus || kind == clang::OO_Minus)) {
        return access_followed(parents, op, el, depth + 1);
      }
    }
    if (const auto* call = llvm::dyn_cast<clang::CallExpr>(parent)) {
      const clang::FunctionDecl* callee = call->getDirectCallee();
      const auto* method = llvm::dyn_cast_or_null<clang::CXXMethodDecl>(callee);
      const unsigned offset = llvm::isa<clang::CXXOperatorCallExpr>(call) && method != nullptr ? 1 : 0;
      for (unsigned k = offset; k < call->getNumArgs(); ++k) {
        if (!wraps(call->getArg(k), access)) continue;
        if (k == 0 && callee != nullptr && callee->isInStdNamespace() && callee->getIdentifier() != nullptr &&
            (callee->getName() == "next" || callee->getName() == "prev")) {
          return access_followed(parents, call, el, depth + 1);
        }
        // A position or a source range handed to a container's own
        // method (views_.insert(views_.end(), local.begin(), local.end()),
        // local.erase(it)).
        if (method != nullptr && call->getNumArgs() > 0 && llvm::isa<clang::CXXMemberCallExpr>(call) &&
            is_std_container(llvm::cast<clang::CXXMemberCallExpr>(call)->getImplicitObjectArgument()->getType())) {
          return true;
        }
        llvm::StringRef name;
        llvm::ArrayRef<const clang::Expr*> args;
        if (std_algorithm(*call, name, args) && algorithm_reads(name, args, k - offset)) return true;
        const clang::QualType type = call->getArg(k)->getType();
        return !type->isPointerType() && !is_iterator_class(type->getAsCXXRecordDecl()) &&
               reads_parameter(callee, k - offset);
      }
    }
    return false;
  }

  /// std::back_inserter(local) (or std::inserter, std::front_inserter) as
  /// the output of a copy algorithm: its sources go into the container.
  bool inserter_followed(const clang::ParentMap& parents, const clang::CallExpr& inserter, Elements& el) {
    const clang::Stmt* at = &inserter;
    const clang::Stmt* parent = flow::semantic_parent(parents, at);
    while (const auto* construct = llvm::dyn_cast_or_null<clang::CXXConstructExpr>(parent)) {
      if (construct->getNumArgs() != 1) break;
      at = parent;
      parent = flow::semantic_parent(parents, parent);
    }
    const auto* call = llvm::dyn_cast_or_null<clang::CallExpr>(parent);
    llvm::StringRef name;
    llvm::ArrayRef<const clang::Expr*> args;
    if (call == nullptr || !std_algorithm(*call, name, args) || !is_copy_algorithm(name)) return false;
    const unsigned out = copy_output_index(args);
    if (out >= args.size() || !wraps(args[out], at)) return false;
    for (unsigned k = 0; k < out; ++k) {
      if (!is_plain_scalar(args[k]->getType())) el.sources.push_back(args[k]);
    }
    return true;
  }

  /// Does an algorithm only read, reorder or remove the elements of its
  /// argument at `position`?
  static bool algorithm_reads(llvm::StringRef name, llvm::ArrayRef<const clang::Expr*> args, unsigned position) {
    if (is_copy_algorithm(name)) return position < copy_output_index(args);
    return llvm::is_contained(
        {"find", "find_if", "find_if_not", "count", "count_if", "any_of", "all_of", "none_of", "distance",
         "lower_bound", "upper_bound", "equal_range", "binary_search", "min_element", "max_element",
         "minmax_element", "equal", "is_sorted", "mismatch", "search", "accumulate", "includes", "sort",
         "stable_sort", "unique", "reverse", "rotate", "shuffle", "partition", "stable_partition", "remove",
         "remove_if", "nth_element", "partial_sort", "adjacent_find", "is_permutation", "size", "ssize", "empty",
         "erase", "erase_if", "contains"},
        name);
  }

  /// Does a parameter only read what it is given: a copy, a const
  /// reference, a std function's rvalue reference (a move out of it)?
  static bool reads_parameter(const clang::FunctionDecl* callee, unsigned index) {
    if (callee == nullptr || index >= callee->getNumParams()) return false;
    const clang::QualType type = callee->getParamDecl(index)->getType();
    if (type->isLValueReferenceType()) return type.getNonReferenceType().isConstQualified();
    if (type->isRValueReferenceType()) return declared_in_std(callee);
    return !type->isPointerType() && !is_iterator_class(type->getAsCXXRecordDecl());
  }

  std::map<const clang::VarDecl*, Origins> origins_;
  std::set<const clang::VarDecl*> visiting_;
  std::map<const clang::FunctionDecl*, std::optional<std::set<unsigned>>> returned_;
  std::map<const clang::FunctionDecl*, bool> own_returns_;
  std::set<const clang::VarDecl*> own_locals_;
  std::map<const clang::VarDecl*, Elements> elements_;
  std::set<const clang::VarDecl*> elements_visiting_;
  std::map<const clang::Stmt*, std::unique_ptr<clang::ParentMap>> parent_maps_;
};

bool is_wrapper(const clang::Stmt* s) {
  if (llvm::isa<clang::ImplicitCastExpr, clang::ParenExpr, clang::MaterializeTemporaryExpr, clang::CXXBindTemporaryExpr,
                clang::ExprWithCleanups, clang::ConstantExpr, clang::CXXFunctionalCastExpr, clang::CXXStaticCastExpr>(s)) {
    return true;
  }
  // std::move(f), std::forward<F>(f)
  if (const auto* call = llvm::dyn_cast<clang::CallExpr>(s)) {
    const clang::FunctionDecl* callee = call->getDirectCallee();
    return callee != nullptr && call->getNumArgs() == 1 && callee->isInStdNamespace() &&
           callee->getIdentifier() != nullptr && (callee->getName() == "move" || callee->getName() == "forward");
  }
  return false;
}

/// A local variable (not a reference, not static) named by `e`.
bool is_plain_local(const clang::Expr* e) {
  if (e == nullptr) return false;
  const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(e->IgnoreParenImpCasts());
  const auto* var = ref != nullptr ? llvm::dyn_cast<clang::VarDecl>(ref->getDecl()) : nullptr;
  return var != nullptr && var->hasLocalStorage() && !var->getType()->isReferenceType() &&
         !llvm::isa<clang::ParmVarDecl>(var);
}

/// Can a value of `type` be copied, or at least moved, into a lambda's
/// capture ([x], [x = std::move(x)])? std::atomic, std::mutex, std::latch,
/// std::barrier, and classes holding one, cannot: a remedy must not offer it.
struct Copyable {
  bool copy = true;
  bool move = true;
};
Copyable copyability(clang::QualType type, unsigned depth = 0) {
  if (type.isNull() || type->isDependentType() || depth > 8) return {};
  const clang::CXXRecordDecl* record = type.getNonReferenceType()->getBaseElementTypeUnsafe()->getAsCXXRecordDecl();
  if (record == nullptr || (record = record->getDefinition()) == nullptr) return {};
  std::optional<bool> copy;
  std::optional<bool> move;
  for (const clang::CXXConstructorDecl* ctor : record->ctors()) {
    if (ctor->isCopyConstructor()) copy = copy.value_or(false) || !ctor->isDeleted();
    if (ctor->isMoveConstructor()) move = move.value_or(false) || !ctor->isDeleted();
  }
  if (copy && move) return {*copy, *move || *copy};
  // Constructors not declared yet: implicit ones, defined as deleted when a
  // base or member cannot be copied (moved).
  bool parts_copy = true;
  bool parts_move = true;
  const auto add = [&](clang::QualType part) {
    if (part->isRValueReferenceType()) parts_copy = false;
    if (part->isReferenceType()) return;
    const Copyable c = copyability(part, depth + 1);
    parts_copy = parts_copy && c.copy;
    parts_move = parts_move && c.move;
  };
  for (const clang::CXXBaseSpecifier& base : record->bases()) add(base.getType());
  for (const clang::FieldDecl* field : record->fields()) add(field->getType());
  if (!copy) copy = !record->hasUserDeclaredMoveConstructor() && !record->hasUserDeclaredMoveAssignment() && parts_copy;
  if (!move) {
    // A deleted implicit move constructor is ignored: the copy is used.
    const bool implicit_move = !record->hasUserDeclaredCopyConstructor() && !record->hasUserDeclaredCopyAssignment() &&
                               !record->hasUserDeclaredDestructor();
    move = (implicit_move && parts_move) || *copy;
  }
  return {*copy, *move || *copy};
}

/// The field an lvalue names when it is this->field (or field).
const clang::FieldDecl* member_of_this(const clang::Expr* e) {
  if (e == nullptr) return nullptr;
  const auto* member = llvm::dyn_cast<clang::MemberExpr>(e->IgnoreParenImpCasts());
  if (member == nullptr) return nullptr;
  if (!llvm::isa<clang::CXXThisExpr>(member->getBase()->IgnoreParenImpCasts())) return nullptr;
  return llvm::dyn_cast<clang::FieldDecl>(member->getMemberDecl());
}

/// The member of this whose element `e` is (views_[i], by_name_[key],
/// groups_.at(i), groups_.back()), for a standard container member.
const clang::FieldDecl* member_element_of_this(const clang::Expr* e) {
  if (e == nullptr) return nullptr;
  e = e->IgnoreParenImpCasts();
  if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(e)) {
    if (op->getOperator() != clang::OO_Subscript || op->getNumArgs() != 2) return nullptr;
    return is_std_container(op->getArg(0)->getType()) ? member_of_this(op->getArg(0)) : nullptr;
  }
  if (const auto* call = llvm::dyn_cast<clang::CXXMemberCallExpr>(e)) {
    const clang::CXXMethodDecl* method = call->getMethodDecl();
    if (method == nullptr || method->getIdentifier() == nullptr ||
        !llvm::is_contained({"at", "front", "back"}, method->getName())) {
      return nullptr;
    }
    const clang::Expr* object = call->getImplicitObjectArgument();
    return is_std_container(object->getType()) ? member_of_this(object) : nullptr;
  }
  return nullptr;
}

/// A container whose elements (or mapped values) are containers of views:
/// std::vector<std::vector<std::string_view>>, std::map<std::string,
/// std::vector<std::string_view>>.
bool holds_view_containers(clang::QualType type) {
  const auto* record = type.getNonReferenceType()->getAsCXXRecordDecl();
  if (record == nullptr || !is_std_container(type)) return false;
  if (holds_handles(container_value_type(type))) return true;
  for (const clang::Decl* d : record->decls()) {
    const auto* alias = llvm::dyn_cast<clang::TypedefNameDecl>(d);
    if (alias != nullptr && alias->getIdentifier() != nullptr && alias->getName() == "mapped_type") {
      return holds_handles(alias->getUnderlyingType().getCanonicalType());
    }
  }
  return false;
}

class EscapingReference final : public Rule {
 public:
  llvm::StringRef name() const override { return kName; }

  void check_decl(const clang::Decl& decl, RuleContext& ctx) override {
    if (const auto* record = llvm::dyn_cast<clang::CXXRecordDecl>(&decl)) {
      check_thread_members(*record, ctx);
      return;
    }
    const auto* ctor = llvm::dyn_cast<clang::CXXConstructorDecl>(&decl);
    if (ctor == nullptr || !ctor->doesThisDeclarationHaveABody() || replaying_) return;
    for (const clang::CXXCtorInitializer* init : ctor->inits()) {
      if (!init->isWritten() || !init->isMemberInitializer()) continue;
      const clang::FieldDecl* field = init->getMember();
      if (field == nullptr) continue;
      const clang::Expr* value = init->getInit();
      // In a class template, an initialiser that does not depend on the
      // template parameters is resolved in the pattern (`s_(s)` with a
      // std::string_view member and parameter) and judged there; one that
      // does is left to the instantiation, as documented.
      if (value == nullptr || field->getType()->isDependentType() || value->isInstantiationDependent()) continue;
      if (is_reference_like(field->getType()) || holds_reference_like(field->getType()) ||
          is_view_holder(field->getType())) {
        if (const clang::VarDecl* source = referents_.of(value, !keeps_view_object(field->getType()))) {
          report_member(init->getSourceLocation(), field, source, ctx);
        }
      }
    }
  }

  void check_stmt(const clang::Stmt& stmt, RuleContext& ctx) override {
    source_manager_ = &ctx.sources();
    // Replaying an instantiation: only lambdas and the locals holding them
    // (see replay_instantiations).
    if (replaying_ && !llvm::isa<clang::LambdaExpr, clang::DeclRefExpr>(stmt)) return;
    if (const auto* call = llvm::dyn_cast<clang::CallExpr>(&stmt)) check_copy_into_member(*call, stmt, ctx);
    if (const auto* lambda = llvm::dyn_cast<clang::LambdaExpr>(&stmt)) {
      check_lambda(*lambda, ctx);
    } else if (const auto* call = llvm::dyn_cast<clang::CallExpr>(&stmt); call != nullptr && is_ref_argument(*call, ctx)) {
      check_ref_argument(*call, ctx);
    } else if (const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(&stmt)) {
      const auto* var = llvm::dyn_cast<clang::VarDecl>(ref->getDecl());
      auto it = var != nullptr ? callables_.find(var) : callables_.end();
      if (it != callables_.end()) {
        // Calling it, or copying it into another local, keeps it here.
        current_ = &it->second;
        auto how = escape_of(stmt, ctx);
        current_ = nullptr;
        if (how) {
          report_lambda(it->second, *how, ref->getLocation(), ctx);
        } else if (replay_candidate_) {
          remember_for_replay(ref->getLocation(), ctx);
        } else if (own_member_ && it->second.this_capture) {
          remember_own_store(it->second, ref->getLocation());
        } else if (const auto* copy = llvm::dyn_cast_or_null<clang::VarDecl>(held_by_); copy != nullptr && copy != var) {
          const Capture capture = it->second;
          callables_.emplace(copy, capture);  // std::function<void()> g = f;
        }
      }
    } else if (const auto* binary = llvm::dyn_cast<clang::BinaryOperator>(&stmt)) {
      if (binary->getOpcode() == clang::BO_Assign) check_member_store(binary->getLHS(), binary->getRHS(), stmt, ctx);
    } else if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(&stmt)) {
      if (op->getOperator() == clang::OO_Equal && op->getNumArgs() == 2) {
        check_member_store(op->getArg(0), op->getArg(1), stmt, ctx);
      } else if (op->getOperator() == clang::OO_Subscript && op->getNumArgs() == 2) {
        // views_[key]: only a key of view type (std::map<std::string_view, T>)
        // is kept; an int64_t or std::string key is a copy.
        const auto* method = llvm::dyn_cast_or_null<clang::CXXMethodDecl>(op->getDirectCallee());
        if (method != nullptr && method->getNumParams() == 1 &&
            is_reference_like(method->getParamDecl(0)->getType().getNonReferenceType().getUnqualifiedType())) {
          check_member_insert(op->getArg(0), {op->getArg(1)}, {method->getParamDecl(0)->getType().getNonReferenceType()},
                              stmt, ctx);
        }
      }
    } else if (const auto* call = llvm::dyn_cast<clang::CXXMemberCallExpr>(&stmt)) {
      const clang::CXXMethodDecl* method = call->getMethodDecl();
      if (method != nullptr && method->getIdentifier() != nullptr) {
        static const llvm::StringRef kInserts[] = {"push_back", "emplace_back", "push_front", "emplace_front", "insert",
                                                   "emplace", "try_emplace", "insert_or_assign", "assign", "push",
                                                   "emplace_hint"};
        for (llvm::StringRef name : kInserts) {
          if (method->getName() == name) {
            llvm::SmallVector<const clang::Expr*, 4> args(call->arg_begin(), call->arg_end());
            const llvm::SmallVector<clang::QualType, 4> parts =
                element_parts(call->getImplicitObjectArgument()->getType(), *method, args);
            check_member_insert(call->getImplicitObjectArgument(), args, parts, stmt, ctx, method);
            break;
          }
        }
      }
    }
  }

 private:
  struct Capture {
    const clang::LambdaExpr* lambda;
    const clang::ValueDecl* var;
    clang::SourceLocation where;
    // Every variable captured by reference (init-captures of references
    // included): what a holder of the lambda must not outlive.
    std::vector<const clang::VarDecl*> refs;
    // `var` is a view captured by value: the lambda holds a copy of the view,
    // which still refers to the caller's data.
    bool view = false;
    // Not a lambda: std::ref(var) / std::cref(var) handed to a thread or
    // std::async (lambda is null).
    bool wrapper = false;
    // A lambda capturing `this` (explicitly, or implicitly through [&] or
    // [=]) and nothing by reference: var is null; it must not outlive the
    // object, so the object's own members are fine holders.
    bool this_capture = false;
    // For this_capture: the class whose `this` it is (null when unknown).
    const clang::CXXRecordDecl* self = nullptr;
  };

  /// A thread/future holder that only joins, but that a variable the lambda
  /// captures by reference does not outlive (see holder_stays).
  struct OrderProblem {
    const clang::VarDecl* holder;
    const clang::VarDecl* captured;
    const clang::VarDecl* root;  // the local `captured` names (itself, or a reference's referent)
    bool same_block;
  };

  /// What a view variable (std::string_view, std::span, an iterator, or a
  /// container of them) refers into: a parameter view, the caller's data
  /// (the parameter itself); a local or init-capture, the parameter or local
  /// its initialiser borrows from. nullptr for anything else, or for a view
  /// of a literal, a static or a member (accepted, as for view members).
  const clang::VarDecl* view_origin(const clang::VarDecl* var) {
    const clang::QualType type = var->getType();
    if (type->isReferenceType() || (!is_reference_like(type) && !holds_reference_like(type))) return nullptr;
    if (llvm::isa<clang::ParmVarDecl>(var)) return var;
    if (!var->isInitCapture() && !var->hasLocalStorage()) return nullptr;
    if (is_reference_like(type)) return referents_.of_view_variable(var);
    return var->getInit() != nullptr ? referents_.of(var->getInit(), true) : nullptr;
  }

  void check_lambda(const clang::LambdaExpr& lambda, RuleContext& ctx) {
    std::optional<Capture> by_ref;
    for (const clang::LambdaCapture& capture : lambda.captures()) {
      if (!capture.capturesVariable()) continue;
      // A structured binding ([&k] of `for (const auto& [k, v] : m)`) is a
      // part of its hidden decomposition variable: judged as that variable,
      // named as the binding.
      const clang::ValueDecl* named = capture.getCapturedVar();
      const auto* var = llvm::dyn_cast_or_null<clang::VarDecl>(named);
      if (const auto* binding = llvm::dyn_cast_or_null<clang::BindingDecl>(named)) {
        var = llvm::dyn_cast_or_null<clang::VarDecl>(binding->getDecomposedDecl());
      }
      if (var == nullptr) continue;
      const clang::SourceLocation where = capture.isImplicit() ? lambda.getCaptureDefaultLoc() : capture.getLocation();
      const bool reference = capture.getCaptureKind() == clang::LCK_ByRef ||
                             (var->isInitCapture() && var->getType()->isReferenceType());
      if (!reference) {
        // A view copied into the lambda escapes with it, but does not tie a
        // local holder's life to anything here (its referent is older than
        // the view), so it is not added to `refs`.
        if (capture.getCaptureKind() == clang::LCK_ByCopy && !by_ref && named == var && view_origin(var) != nullptr) {
          by_ref = Capture{&lambda, var, where, {}, true};
        }
        continue;
      }
      if (is_meshwa_context(var->getType())) continue;
      if (!var->isInitCapture() && !var->hasLocalStorage()) continue;  // a global: not captured at all
      // [&c = member_]: a reference into this object, which lives as long as
      // a [this] capture does; only references into parameters and locals
      // can be outlived.
      if (var->isInitCapture() && var->getInit() != nullptr && referents_.of(var->getInit(), false) == nullptr) continue;
      if (!by_ref || by_ref->view) {
        std::vector<const clang::VarDecl*> refs = by_ref ? by_ref->refs : std::vector<const clang::VarDecl*>{};
        by_ref = Capture{&lambda, named, where, std::move(refs)};
      }
      by_ref->refs.push_back(var);
    }
    if (!by_ref) by_ref = this_capture_of(lambda, ctx);
    if (!by_ref) return;
    current_ = &*by_ref;
    auto how = escape_of(lambda, ctx);
    current_ = nullptr;
    if (how) {
      report_lambda(*by_ref, *how, lambda.getBeginLoc(), ctx);
      return;
    }
    if (replay_candidate_) {
      remember_for_replay(lambda.getBeginLoc(), ctx);
      return;
    }
    if (own_member_ && by_ref->this_capture) remember_own_store(*by_ref, lambda.getBeginLoc());
    // Kept in a local: follow the local.
    if (const auto* var = llvm::dyn_cast_or_null<clang::VarDecl>(held_by_)) callables_.emplace(var, *by_ref);
  }

  /// A lambda that captures `this` by reference (not [*this]) and keeps no
  /// std::shared_ptr / std::weak_ptr to the object.
  static std::optional<Capture> this_capture_of(const clang::LambdaExpr& lambda, RuleContext& ctx) {
    for (const clang::LambdaCapture& capture : lambda.captures()) {
      if (!capture.capturesThis() || capture.getCaptureKind() != clang::LCK_This) continue;
      // The class whose `this` it is: the innermost method that is not a
      // lambda's call operator.
      const clang::CXXRecordDecl* self = nullptr;
      for (auto it = ctx.decl_parents().rbegin(); it != ctx.decl_parents().rend() && self == nullptr; ++it) {
        const auto* method = llvm::dyn_cast<clang::CXXMethodDecl>(*it);
        if (method != nullptr && !method->getParent()->isLambda()) self = method->getParent();
        // A default member initialiser: the class of the field.
        if (const auto* field = llvm::dyn_cast<clang::FieldDecl>(*it); field != nullptr && !field->getParent()->isLambda()) {
          self = llvm::dyn_cast<clang::CXXRecordDecl>(field->getParent());
        }
      }
      if (keeps_object_alive(lambda, self)) return std::nullopt;
      const clang::SourceLocation where = capture.isImplicit() ? lambda.getCaptureDefaultLoc() : capture.getLocation();
      Capture result{&lambda, nullptr, where, {}};
      result.this_capture = true;
      result.self = self;
      return result;
    }
    return std::nullopt;
  }

  /// std::ref(x) / std::cref(x) handed straight to a std::thread /
  /// std::jthread constructor or to std::async: the task holds a reference
  /// to x, like a [&x] capture.
  static bool is_ref_argument(const clang::CallExpr& call, RuleContext& ctx) {
    const clang::FunctionDecl* callee = call.getDirectCallee();
    if (callee == nullptr || !callee->isInStdNamespace() || callee->getIdentifier() == nullptr ||
        (callee->getName() != "ref" && callee->getName() != "cref") || call.getNumArgs() != 1) {
      return false;
    }
    llvm::ArrayRef<const clang::Stmt*> parents = ctx.stmt_parents();
    size_t i = parents.size();
    while (i > 0 && is_wrapper(parents[i - 1])) --i;
    const clang::Stmt* parent = i > 0 ? parents[i - 1] : nullptr;
    if (const auto* construct = llvm::dyn_cast_or_null<clang::CXXConstructExpr>(parent)) {
      return joined_kind(construct->getType()) == Joined::thread;
    }
    const auto* outer = llvm::dyn_cast_or_null<clang::CallExpr>(parent);
    const clang::FunctionDecl* outer_callee = outer != nullptr ? outer->getDirectCallee() : nullptr;
    return outer_callee != nullptr && outer_callee->isInStdNamespace() && outer_callee->getIdentifier() != nullptr &&
           outer_callee->getName() == "async";
  }

  void check_ref_argument(const clang::CallExpr& call, RuleContext& ctx) {
    const clang::Expr* arg = call.getArg(0)->IgnoreParenImpCasts();
    const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(arg);
    const clang::ValueDecl* named = ref != nullptr ? ref->getDecl() : nullptr;
    const auto* var = llvm::dyn_cast_or_null<clang::VarDecl>(named);
    if (const auto* binding = llvm::dyn_cast_or_null<clang::BindingDecl>(named)) {
      var = llvm::dyn_cast_or_null<clang::VarDecl>(binding->getDecomposedDecl());  // std::ref(k) of [k, v]
    }
    if (var == nullptr || !var->hasLocalStorage() || is_meshwa_context(var->getType())) return;
    Capture capture{nullptr, named, call.getBeginLoc(), {var}};
    capture.wrapper = true;
    current_ = &capture;
    auto how = escape_of(call, ctx);
    current_ = nullptr;
    if (how) report_lambda(capture, *how, call.getBeginLoc(), ctx);
  }

  /// How the value of `e` (a lambda, or a local holding one) leaves the
  /// function, or nullopt when it stays. Sets held_by_ when it initialises
  /// a local variable.
  std::optional<std::string> escape_of(const clang::Stmt& e, RuleContext& ctx) {
    held_by_ = nullptr;
    template_callee_.clear();
    template_callee_virtual_ = false;
    order_problem_.reset();
    replay_candidate_ = false;
    own_member_ = false;
    own_field_ = nullptr;
    return escape_at(&e, ctx.stmt_parents().size(), ctx, 0);
  }

  /// escape_of for `child`, whose parent is stmt_parents()[i - 1] (a call
  /// whose result holds the lambda, after a callee returned it).
  std::optional<std::string> escape_at(const clang::Stmt* child, size_t i, RuleContext& ctx, unsigned depth) {
    llvm::ArrayRef<const clang::Stmt*> parents = ctx.stmt_parents();
    const bool this_mode = current_ != nullptr && current_->this_capture;
    while (i > 0 && is_wrapper(parents[i - 1])) child = parents[--i];
    // Copies and conversions: a closure copied or converted into std::function.
    const clang::Stmt* parent = i > 0 ? parents[i - 1] : nullptr;
    while (llvm::isa_and_nonnull<clang::CXXConstructExpr, clang::InitListExpr>(parent)) {
      // {1, [&x] {...}} of an aggregate or a std::pair: the value holds it.
      if (const auto* list = llvm::dyn_cast<clang::InitListExpr>(parent)) {
        // (Only a returned or declared value: one handed to a call is that
        // call's to judge, as before.)
        size_t above = i - 1;
        while (above > 0 && is_wrapper(parents[above - 1])) --above;
        const clang::Stmt* next = above > 0 ? parents[above - 1] : nullptr;
        if (!list->getType()->isRecordType() || !llvm::isa_and_nonnull<clang::ReturnStmt, clang::DeclStmt>(next)) break;
        child = parent;
        --i;
        while (i > 0 && is_wrapper(parents[i - 1])) child = parents[--i];
        parent = i > 0 ? parents[i - 1] : nullptr;
        continue;
      }
      const auto* construct = llvm::cast<clang::CXXConstructExpr>(parent);
      if (joined_kind(construct->getType()) == Joined::thread) {
        // A local std::thread only ever joined here finishes the lambda
        // before this function's locals die (or std::terminate()s).
        if (owner_stays(parents, i - 1, /*is_async=*/false, ctx)) return std::nullopt;
        const std::string thread =
            construct->getType()->getAsCXXRecordDecl()->getName() == "thread" ? "std::thread" : "std::jthread";
        if (this_mode) {
          // worker_ = std::thread([this] {...}): the object keeps (and joins)
          // its thread.
          if (kept_by_this(parents, i - 1, ctx)) return std::nullopt;
          return "passed to " + thread + ", which may run it after the object is gone; join the thread in this "
                 "function or keep it in a member that the destructor joins";
        }
        return "passed to " + thread +
               ", which may run it after this function returns; keep the thread in a local that this function "
               "only joins";
      }
      // Climb through copies of the closure and its conversion to
      // std::function; any other constructor is what receives it.
      const bool copy = construct->getConstructor() != nullptr && construct->getConstructor()->isCopyOrMoveConstructor();
      // std::optional / std::pair / std::tuple made from it hold it as a value.
      const bool holder = is_std_class(construct->getType()->getAsCXXRecordDecl(), {"optional", "pair", "tuple"});
      if (!copy && !holder && !is_std_function(construct->getType())) break;
      child = parent;
      --i;
      while (i > 0 && is_wrapper(parents[i - 1])) child = parents[--i];
      parent = i > 0 ? parents[i - 1] : nullptr;
    }
    const bool as_function = llvm::isa<clang::Expr>(child) && is_std_function(llvm::cast<clang::Expr>(child)->getType());

    if (!replaying_ && resolved_on_instantiation(parent, child, ctx)) {
      replay_candidate_ = true;
      return std::nullopt;
    }
    if (parent == nullptr) {
      // No enclosing statement: a member initialiser of a constructor, a
      // default member initialiser, or a variable's initialiser.
      const clang::Decl* decl = ctx.decl_parents().empty() ? nullptr : ctx.decl_parents().back();
      if (llvm::isa_and_nonnull<clang::CXXConstructorDecl, clang::FieldDecl>(decl)) {
        if (this_mode) {
          // The object's own member (or base).
          own_member_ = true;
          own_field_ = llvm::dyn_cast<clang::FieldDecl>(decl);
          if (const auto* ctor = llvm::dyn_cast<clang::CXXConstructorDecl>(decl)) {
            for (const clang::CXXCtorInitializer* init : ctor->inits()) {
              if (init->getInit() == child) own_field_ = init->getMember();
            }
          }
          return std::nullopt;
        }
        return "stored in a member";
      }
      if (const auto* var = llvm::dyn_cast_or_null<clang::VarDecl>(decl)) return held_in(var);
      return std::nullopt;
    }
    if (llvm::isa<clang::ReturnStmt>(parent)) return "returned";
    if (llvm::isa<clang::DeclStmt>(parent)) {
      // The walk is inside the variable being initialised.
      const clang::Decl* decl = ctx.decl_parents().empty() ? nullptr : ctx.decl_parents().back();
      if (const auto* var = llvm::dyn_cast_or_null<clang::VarDecl>(decl)) return held_in(var);
      return std::nullopt;
    }
    if (const auto* binary = llvm::dyn_cast<clang::BinaryOperator>(parent)) {
      if (binary->getOpcode() == clang::BO_Assign && binary->getRHS()->IgnoreParenImpCasts() == child) {
        return assigned_to(binary->getLHS());
      }
      return std::nullopt;
    }
    if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(parent)) {
      if (op->getOperator() == clang::OO_Equal && op->getNumArgs() == 2 && op->getArg(1) == child) {
        return assigned_to(op->getArg(0));
      }
      // chain = [next = std::move(chain)] {...}: the std::function holding
      // the lambda is assigned over, which destroys what it held.
      if (const auto* target = llvm::dyn_cast<clang::Expr>(child);
          target != nullptr && op->getOperator() == clang::OO_Equal && op->getNumArgs() == 2 &&
          op->getArg(0)->IgnoreParenImpCasts() == target->IgnoreParenImpCasts()) {
        return std::nullopt;
      }
      if (op->getOperator() == clang::OO_Call) return std::nullopt;  // called right here
    }
    if (const auto* call = llvm::dyn_cast<clang::CallExpr>(parent)) {
      const clang::FunctionDecl* callee = call->getDirectCallee();
      if (callee != nullptr && callee->isInStdNamespace() && callee->getIdentifier() != nullptr &&
          callee->getName() == "async") {
        // The future std::async returns waits for the task when destroyed:
        // a local future (or a local vector of them) that is only waited on
        // here keeps the lambda inside the function.
        if (owner_stays(parents, i - 1, /*is_async=*/true, ctx)) return std::nullopt;
        if (this_mode) {
          if (kept_by_this(parents, i - 1, ctx)) return std::nullopt;  // pending_ = std::async(...)
          return std::string("passed to std::async, whose future may outlive the object; wait for it in this "
                             "function or keep the std::future in a member");
        }
        return std::string("passed to std::async, which may run it after this function returns; keep the "
                           "std::future in a local that this function only waits on");
      }
      if (as_function && callee != nullptr && callee->getIdentifier() != nullptr && callee->getName() == "swap") {
        // cb_.swap(f), std::swap(cb_, f): the other side now holds it.
        if (const auto* member_call = llvm::dyn_cast<clang::CXXMemberCallExpr>(call);
            member_call != nullptr && is_std_function(member_call->getImplicitObjectArgument()->getType())) {
          return assigned_to(member_call->getImplicitObjectArgument());
        }
        if (callee->isInStdNamespace() && call->getNumArgs() == 2 && !llvm::isa<clang::CXXMemberCallExpr>(call)) {
          return assigned_to(call->getArg(0) == child ? call->getArg(1) : call->getArg(0));
        }
      }
      if (const auto* member_call = llvm::dyn_cast<clang::CXXMemberCallExpr>(call)) {
        const clang::Expr* object = member_call->getImplicitObjectArgument();
        const bool as_argument = std::find(call->arg_begin(), call->arg_end(), child) != call->arg_end();
        if (as_argument && is_insertion(member_call->getMethodDecl())) {
          // threads.emplace_back([&] {...}): the container holds a thread.
          if (element_joined_kind(object->getType()) == Joined::thread) {
            if (is_plain_local(object) && holder_stays(local_named(object), ctx)) return std::nullopt;
            // A std::jthread in a std::optional, a std::thread in a container.
            const clang::CXXRecordDecl* element = std_element_type(object->getType())->getAsCXXRecordDecl();
            const clang::CXXRecordDecl* holder = object->getType().getNonReferenceType()->getAsCXXRecordDecl();
            const std::string in = "passed to a std::" + element->getNameAsString() + " in " +
                                   (is_std_class(holder, {"optional"}) ? "a std::optional" : "a container");
            if (this_mode) {
              if (owned_by_this(object)) return std::nullopt;  // workers_.emplace_back([this] {...})
              return in + ", which may run it after the object is gone; join the threads in this function or keep "
                          "them in a member that the destructor joins";
            }
            return in + ", which may run it after this function returns; keep the threads in a local that this "
                        "function only joins";
          }
          // handlers_.emplace_back([&] {...}): the element keeps the lambda.
          return assigned_to(object);
        }
        // Into a local object: tasks.push_back(...) on a local vector of
        // std::function stays in the function.
        if (is_plain_local(object)) return std::nullopt;
      }
      // A callee whose body is visible: what it does with the callable.
      if (auto how = passed_to(*call, child, i - 1, ctx, depth)) return *how == kStays ? std::nullopt : how;
      if (as_function && is_template_parameter(call, child)) {
        // std::for_each(b, e, local_function): a template taking whatever
        // callable it is given, like a lambda passed to it directly.
        return std::nullopt;
      }
      if (as_function) {
        if (this_mode && (calls_on_this(*call) || names_this_elsewhere(*call, child))) return std::nullopt;
        if (is_gmock_mock_method(callee)) return std::nullopt;
        std::string callee_name = callee != nullptr ? callee->getQualifiedNameAsString() : std::string("a function");
        if (callee != nullptr) template_callee_ = callee_name;
        // A virtual function cannot be a template: the remedy must not say so.
        const auto* method = llvm::dyn_cast_or_null<clang::CXXMethodDecl>(callee);
        template_callee_virtual_ = method != nullptr && method->isVirtual();
        return "converted to std::function for '" + callee_name + "', which may keep it";
      }
      if (llvm::isa<clang::CXXMemberCallExpr>(call) && call->getCallee() == child) return std::nullopt;  // f.operator()
      return std::nullopt;
    }
    if (const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(parent); construct != nullptr && as_function) {
      // ScopeGuard guard([&] {...}): the object keeping it is a local.
      const clang::Decl* decl = ctx.decl_parents().empty() ? nullptr : ctx.decl_parents().back();
      const auto* var = llvm::dyn_cast_or_null<clang::VarDecl>(decl);
      if (var != nullptr && var->hasLocalStorage() && !var->getType()->isReferenceType() && var->getInit() != nullptr &&
          var->getInit()->IgnoreImplicit() == construct) {
        return std::nullopt;
      }
      if (this_mode && (kept_by_this(parents, i - 1, ctx) || names_this_elsewhere(*construct, child))) {
        return std::nullopt;
      }
      return std::string("converted to std::function for a constructor, which may keep it");
    }
    return std::nullopt;
  }

  std::optional<std::string> held_in(const clang::VarDecl* var) {
    if (var->isStaticLocal() || !var->hasLocalStorage()) return "kept in static variable '" + var->getNameAsString() + "'";
    held_by_ = var;
    return std::nullopt;
  }

  std::optional<std::string> assigned_to(const clang::Expr* lhs) {
    if (current_ != nullptr && current_->this_capture) return this_assigned_to(lhs);
    // The object the target is part of: handlers[k], slot.callback, ...
    const clang::Expr* target = lhs;
    for (int depth = 0; depth < 16 && target != nullptr; ++depth) {
      if (const clang::FieldDecl* field = member_of_this(target)) {
        return "stored in member '" + field->getNameAsString() + "'";
      }
      target = target->IgnoreParenImpCasts();
      if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(target);
          op != nullptr && op->getOperator() == clang::OO_Subscript && op->getNumArgs() > 0) {
        target = op->getArg(0);
      } else if (const auto* member = llvm::dyn_cast<clang::MemberExpr>(target); member != nullptr && !member->isArrow()) {
        target = member->getBase();
      } else if (const auto* call = llvm::dyn_cast<clang::CXXMemberCallExpr>(target);
                 call != nullptr && call->isGLValue()) {
        target = call->getImplicitObjectArgument();  // v.back() = ..., m.at(k) = ...
      } else {
        break;
      }
    }
    if (is_plain_local(target)) {
      // A local declared before a variable the lambda captures outlives it:
      // std::vector<std::function<void()>> tasks; { int n; tasks.push_back([&] {...}); }
      // That matters when the local is used after the variable's block
      // ends (or in a later iteration of a loop around it): filled and run
      // within the block, it is accepted.
      const clang::VarDecl* holder = local_named(target);
      for (const auto& [captured, root] : outlived_captures(holder)) {
        if (root == nullptr || used_after_scope(holder, root)) {
          return "stored in '" + holder->getNameAsString() + "', which outlives '" + display_name(captured) + "'";
        }
      }
      // `f = [&] {...};`: follow the local as for an initialiser (returned,
      // stored in a member, ... later).
      if (lhs->IgnoreParenImpCasts() == target) held_by_ = holder;
      return std::nullopt;
    }
    return std::string("stored outside this function");
  }

  // --- [this] captures: what the object itself owns ------------------------

  /// std::unique_ptr and std::optional members own what they point to: the
  /// pointee dies with the object.
  static bool is_owning_handle(clang::QualType type) {
    return is_std_class(type.getNonReferenceType()->getAsCXXRecordDecl(), {"unique_ptr", "optional"});
  }

  /// Is `e` (an object, or a pointer to one) this object or a part of it: a
  /// member (not a reference member, not what a raw or shared pointer member
  /// points to), an element of a member container, what a std::unique_ptr or
  /// std::optional member holds, `*this`?
  static bool owned_by_this(const clang::Expr* e) {
    for (int depth = 0; depth < 16 && e != nullptr; ++depth) {
      e = e->IgnoreParenImpCasts();
      if (llvm::isa<clang::CXXThisExpr>(e)) return true;
      if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(e)) {
        const bool through_handle = (op->getOperator() == clang::OO_Arrow || op->getOperator() == clang::OO_Star) &&
                                    op->getNumArgs() >= 1 && is_owning_handle(op->getArg(0)->getType());
        if (through_handle || (op->getOperator() == clang::OO_Subscript && op->getNumArgs() == 2 &&
                               !op->getArg(0)->getType()->isPointerType())) {
          e = op->getArg(0);
          continue;
        }
        // it->second, *it: an element of the container the iterator was found in.
        const clang::Expr* container = (op->getOperator() == clang::OO_Arrow || op->getOperator() == clang::OO_Star) &&
                                               op->getNumArgs() >= 1
                                           ? container_of_iterator(op->getArg(0))
                                           : nullptr;
        if (container != nullptr) {
          e = container;
          continue;
        }
        return false;
      }
      if (e->getType()->isPointerType()) {
        // child_.get()
        if (const auto* call = llvm::dyn_cast<clang::CXXMemberCallExpr>(e);
            call != nullptr && is_owning_handle(call->getImplicitObjectArgument()->getType())) {
          e = call->getImplicitObjectArgument();
          continue;
        }
        return false;  // a raw pointer: to another object
      }
      if (const auto* member = llvm::dyn_cast<clang::MemberExpr>(e)) {
        if (member->getMemberDecl()->getType()->isReferenceType()) return false;  // Bus& bus_: another object
        if (is_std_class(member->getType()->getAsCXXRecordDecl(), {"reference_wrapper"})) return false;
        e = member->getBase();
        continue;
      }
      if (const auto* unary = llvm::dyn_cast<clang::UnaryOperator>(e); unary != nullptr && unary->getOpcode() == clang::UO_Deref) {
        e = unary->getSubExpr();
        continue;
      }
      if (const auto* call = llvm::dyn_cast<clang::CXXMemberCallExpr>(e); call != nullptr && call->isGLValue()) {
        e = call->getImplicitObjectArgument();  // handlers_.back(), slots_.at(k)
        continue;
      }
      // for (auto& [name, b] : buttons_): the element the binding is a part of.
      if (const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(e)) {
        if (const auto* binding = llvm::dyn_cast<clang::BindingDecl>(ref->getDecl()); binding && binding->getBinding()) {
          if (const clang::Expr* whole = tuple_element_source(binding->getBinding()->IgnoreParenImpCasts())) {
            e = whole;
            continue;
          }
          return false;
        }
      }
      // auto& b = buttons_.emplace_back(...), for (auto& b : buttons_): a
      // local reference is bound once, to what its initialiser names.
      if (const clang::Expr* init = local_reference_init(e)) {
        e = init;
        continue;
      }
      return false;
    }
    return false;
  }

  /// The object a structured binding's expression takes its part from:
  /// `__d.first` (a class's member), `std::get<1>(__d)` / `__d.get<1>()`
  /// through the hidden variable a tuple-like binding holds it in.
  static const clang::Expr* tuple_element_source(const clang::Expr* bound) {
    if (bound == nullptr) return nullptr;
    if (const auto* holder_ref = llvm::dyn_cast<clang::DeclRefExpr>(bound)) {
      const auto* holder = llvm::dyn_cast<clang::VarDecl>(holder_ref->getDecl());
      if (holder == nullptr || holder->getInit() == nullptr) return nullptr;
      bound = holder->getInit()->IgnoreImplicit()->IgnoreParenImpCasts();
    }
    if (const auto* member = llvm::dyn_cast<clang::MemberExpr>(bound)) return member->getBase();
    if (const auto* member_call = llvm::dyn_cast<clang::CXXMemberCallExpr>(bound)) {
      return member_call->getImplicitObjectArgument();
    }
    if (const auto* call = llvm::dyn_cast<clang::CallExpr>(bound); call != nullptr && call->getNumArgs() == 1) {
      const clang::FunctionDecl* callee = call->getDirectCallee();
      if (callee != nullptr && callee->getIdentifier() != nullptr && callee->getName() == "get") return call->getArg(0);
    }
    return nullptr;
  }

  /// The container whose method made the local iterator `e` names: `auto it
  /// = buttons_.find(k)` (buttons_), `auto [it, inserted] =
  /// buttons_.try_emplace(k)` (the binding of the pair's iterator). Null for
  /// anything else (a parameter, an iterator from a free function).
  static const clang::Expr* container_of_iterator(const clang::Expr* e) {
    const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(e->IgnoreParenImpCasts());
    if (ref == nullptr) return nullptr;
    const clang::VarDecl* var = llvm::dyn_cast<clang::VarDecl>(ref->getDecl());
    if (const auto* binding = llvm::dyn_cast<clang::BindingDecl>(ref->getDecl())) {
      // The pair's first: `__d.first` (or get<0>(__d)) of the hidden variable.
      const clang::Expr* bound = binding->getBinding() != nullptr ? binding->getBinding()->IgnoreParenImpCasts() : nullptr;
      const clang::Expr* whole = tuple_element_source(bound);
      const auto* whole_ref = whole != nullptr ? llvm::dyn_cast<clang::DeclRefExpr>(whole->IgnoreParenImpCasts()) : nullptr;
      var = whole_ref != nullptr ? llvm::dyn_cast<clang::VarDecl>(whole_ref->getDecl()) : nullptr;
    } else if (var == nullptr || !is_iterator_class(var->getType()->getAsCXXRecordDecl())) {
      return nullptr;
    }
    if (var == nullptr || !var->hasLocalStorage() || llvm::isa<clang::ParmVarDecl>(var) ||
        var->getType()->isReferenceType() || var->getInit() == nullptr) {
      return nullptr;
    }
    const auto* call = llvm::dyn_cast<clang::CXXMemberCallExpr>(var->getInit()->IgnoreImplicit()->IgnoreParenImpCasts());
    return call != nullptr ? call->getImplicitObjectArgument() : nullptr;
  }

  /// What the local reference (not a parameter) that `e` names was bound
  /// to; for the element variable of a range-for loop (`*__begin`), the
  /// range it walks (`__range = buttons_`).
  static const clang::Expr* local_reference_init(const clang::Expr* e) {
    const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(e);
    const auto* var = ref != nullptr ? llvm::dyn_cast<clang::VarDecl>(ref->getDecl()) : nullptr;
    if (var == nullptr || !var->getType()->isReferenceType() || !var->hasLocalStorage() ||
        llvm::isa<clang::ParmVarDecl>(var) || var->getInit() == nullptr) {
      return nullptr;
    }
    const clang::Expr* init = var->getInit()->IgnoreParenImpCasts();
    if (!var->isCXXForRangeDecl()) return init;
    // *__begin (an iterator's operator*, or a pointer's for an array).
    const clang::Expr* iterator = nullptr;
    if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(init);
        op != nullptr && op->getOperator() == clang::OO_Star && op->getNumArgs() == 1) {
      iterator = op->getArg(0);
    } else if (const auto* unary = llvm::dyn_cast<clang::UnaryOperator>(init);
               unary != nullptr && unary->getOpcode() == clang::UO_Deref) {
      iterator = unary->getSubExpr();
    }
    const auto* begin_ref = iterator != nullptr ? llvm::dyn_cast<clang::DeclRefExpr>(iterator->IgnoreParenImpCasts()) : nullptr;
    const auto* begin = begin_ref != nullptr ? llvm::dyn_cast<clang::VarDecl>(begin_ref->getDecl()) : nullptr;
    if (begin == nullptr || !begin->isImplicit() || begin->getInit() == nullptr) return nullptr;
    // __range.begin(), begin(__range), or __range itself (an array).
    const clang::Expr* start = begin->getInit()->IgnoreParenImpCasts();
    if (const auto* member_call = llvm::dyn_cast<clang::CXXMemberCallExpr>(start)) {
      start = member_call->getImplicitObjectArgument();
    } else if (const auto* call = llvm::dyn_cast<clang::CallExpr>(start); call != nullptr && call->getNumArgs() == 1) {
      start = call->getArg(0);
    }
    const auto* range_ref = llvm::dyn_cast<clang::DeclRefExpr>(start->IgnoreParenImpCasts());
    const auto* range = range_ref != nullptr ? llvm::dyn_cast<clang::VarDecl>(range_ref->getDecl()) : nullptr;
    if (range == nullptr || !range->isImplicit() || range->getInit() == nullptr) return nullptr;
    return range->getInit();
  }

  /// A call of a method of this object or of a part of it: timer_.on_tick(f),
  /// on_event(f) (an inherited registration), button_->on_click(f).
  static bool calls_on_this(const clang::Expr& call) {
    if (const auto* member_call = llvm::dyn_cast<clang::CXXMemberCallExpr>(&call)) {
      return owned_by_this(member_call->getImplicitObjectArgument());
    }
    if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(&call)) {
      return llvm::isa_and_nonnull<clang::CXXMethodDecl>(op->getDirectCallee()) && op->getNumArgs() > 0 &&
             owned_by_this(op->getArg(0));
    }
    return false;
  }

  /// Another argument of the same call names the object as the callback's
  /// owner: bus.subscribe(this, [this] {...}), connect(src, sig, this, ...),
  /// add_restart(this, hook), or hands a shared_from_this()/weak_from_this():
  /// the callee can drop the callback when the owner goes.
  template <class CallLike>
  static bool names_this_elsewhere(const CallLike& call, const clang::Stmt* child) {
    for (const clang::Expr* arg : call.arguments()) {
      if (arg == child) continue;
      const clang::Expr* bare = arg->IgnoreImplicit()->IgnoreParenImpCasts();
      if (llvm::isa<clang::CXXThisExpr>(bare)) return true;
      if (const auto* inner = llvm::dyn_cast<clang::CallExpr>(bare)) {
        const clang::FunctionDecl* callee = inner->getDirectCallee();
        if (callee != nullptr && callee->getIdentifier() != nullptr &&
            (callee->getName() == "shared_from_this" || callee->getName() == "weak_from_this")) {
          return true;
        }
      }
    }
    return false;
  }

  /// A method that gMock's MOCK_METHOD defines (it comes with its
  /// `gmock_<name>` expectation builder): its body hands the arguments to the
  /// actions of this call and keeps none of them. An action that saves one
  /// (SaveArg<0>(&cb)) writes it where the test says; that is not followed
  /// (tests rarely keep a callback past the locals it refers to).
  static bool is_gmock_mock_method(const clang::FunctionDecl* callee) {
    const auto* method = llvm::dyn_cast_or_null<clang::CXXMethodDecl>(callee);
    if (method == nullptr || method->getIdentifier() == nullptr) return false;
    const clang::CXXRecordDecl* record = method->getParent();
    const std::string builder = "gmock_" + method->getName().str();
    for (const clang::Decl* member : record->decls()) {
      const auto* named = llvm::dyn_cast<clang::NamedDecl>(member);
      if (named != nullptr && named->getIdentifier() != nullptr && named->getName() == builder) return true;
    }
    return false;
  }

  // --- unsubscribing in the destructor ------------------------------------

  /// id_ = bus_->subscribe([this] {...}) and ~Session() { bus_->unsubscribe(id_); }:
  /// the registration's result (its token) is kept in a member, and the
  /// class's destructor hands that member back to the same object the
  /// lambda was given to, so the callback goes before the object does.
  /// Both receivers must be spelled as the same path from `this`
  /// (model_->changed, bus_); a token only kept, or handed to another
  /// object, does not count.
  bool unsubscribed_in_destructor(const clang::CallExpr& call, size_t index, RuleContext& ctx) const {
    const clang::Expr* receiver = object_of(call);
    const clang::CXXRecordDecl* record = receiver != nullptr ? class_of_this_path(receiver) : nullptr;
    if (record == nullptr) return false;
    const clang::FieldDecl* token = field_keeping(ctx.stmt_parents(), index, ctx);
    if (token == nullptr || token->getParent()->getCanonicalDecl() != record->getCanonicalDecl()) return false;
    const clang::FunctionDecl* dtor = definition_with_body(record->getDestructor());
    if (dtor == nullptr) return false;
    return flow::contains(dtor->getBody(), [&](const clang::Stmt& s) {
      const auto* back = llvm::dyn_cast<clang::CallExpr>(&s);
      const clang::Expr* back_receiver = back != nullptr ? object_of(*back) : nullptr;
      if (back_receiver == nullptr || !same_path_from_this(back_receiver, receiver)) return false;
      for (const clang::Expr* arg : back->arguments()) {
        if (is_member_of_this(arg, token)) return true;
      }
      return false;
    });
  }

  /// The class whose `this` roots `e` (`bus_`, `model_->changed`), or nullptr.
  static const clang::CXXRecordDecl* class_of_this_path(const clang::Expr* e) {
    for (int depth = 0; depth < 16 && e != nullptr; ++depth) {
      e = e->IgnoreParenImpCasts();
      if (const auto* self = llvm::dyn_cast<clang::CXXThisExpr>(e)) return self->getType()->getPointeeCXXRecordDecl();
      if (const auto* member = llvm::dyn_cast<clang::MemberExpr>(e)) {
        e = member->getBase();
      } else if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(e);
                 op != nullptr && (op->getOperator() == clang::OO_Arrow || op->getOperator() == clang::OO_Star) &&
                 op->getNumArgs() == 1) {
        e = op->getArg(0);
      } else if (const auto* unary = llvm::dyn_cast<clang::UnaryOperator>(e);
                 unary != nullptr && unary->getOpcode() == clang::UO_Deref) {
        e = unary->getSubExpr();
      } else {
        return nullptr;
      }
    }
    return nullptr;
  }

  /// `a` and `b` name the same object by the same members from `this`, in
  /// two member functions of one class (through smart-pointer `->` / `*`).
  static bool same_path_from_this(const clang::Expr* a, const clang::Expr* b) {
    for (int depth = 0; depth < 16 && a != nullptr && b != nullptr; ++depth) {
      a = a->IgnoreParenImpCasts();
      b = b->IgnoreParenImpCasts();
      if (llvm::isa<clang::CXXThisExpr>(a) && llvm::isa<clang::CXXThisExpr>(b)) return true;
      const auto* ma = llvm::dyn_cast<clang::MemberExpr>(a);
      const auto* mb = llvm::dyn_cast<clang::MemberExpr>(b);
      if (ma != nullptr && mb != nullptr) {
        if (ma->getMemberDecl() != mb->getMemberDecl()) return false;
        a = ma->getBase();
        b = mb->getBase();
        continue;
      }
      const auto* oa = llvm::dyn_cast<clang::CXXOperatorCallExpr>(a);
      const auto* ob = llvm::dyn_cast<clang::CXXOperatorCallExpr>(b);
      if (oa != nullptr && ob != nullptr && oa->getOperator() == ob->getOperator() &&
          (oa->getOperator() == clang::OO_Arrow || oa->getOperator() == clang::OO_Star) && oa->getNumArgs() == 1 &&
          ob->getNumArgs() == 1) {
        a = oa->getArg(0);
        b = ob->getArg(0);
        continue;
      }
      const auto* ua = llvm::dyn_cast<clang::UnaryOperator>(a);
      const auto* ub = llvm::dyn_cast<clang::UnaryOperator>(b);
      if (ua != nullptr && ub != nullptr && ua->getOpcode() == clang::UO_Deref && ub->getOpcode() == clang::UO_Deref) {
        a = ua->getSubExpr();
        b = ub->getSubExpr();
        continue;
      }
      return false;
    }
    return false;
  }

  /// `e` is `field` of this object (`id_`, `this->id_`), read as it is.
  static bool is_member_of_this(const clang::Expr* e, const clang::FieldDecl* field) {
    e = e->IgnoreImplicit()->IgnoreParenImpCasts();
    if (const auto* copy = llvm::dyn_cast<clang::CXXConstructExpr>(e);
        copy != nullptr && copy->getNumArgs() == 1 && copy->getConstructor()->isCopyOrMoveConstructor()) {
      e = copy->getArg(0)->IgnoreImplicit()->IgnoreParenImpCasts();
    }
    const auto* member = llvm::dyn_cast<clang::MemberExpr>(e);
    return member != nullptr && member->getMemberDecl() == field &&
           llvm::isa<clang::CXXThisExpr>(member->getBase()->IgnoreParenImpCasts());
  }

  /// The member of this object that keeps the value made at parents[index]:
  /// `id_ = <call>`, `conn_ = <call>` (a class token), a member initialiser
  /// `conn_(<call>)`; nullptr otherwise.
  static const clang::FieldDecl* field_keeping(llvm::ArrayRef<const clang::Stmt*> parents, size_t index,
                                               RuleContext& ctx) {
    size_t j = index;
    while (j > 0 && is_wrapper(parents[j - 1])) --j;
    const clang::Stmt* child = parents[j];
    const clang::Stmt* parent = j > 0 ? parents[j - 1] : nullptr;
    const auto* value = llvm::dyn_cast<clang::Expr>(child);
    if (value == nullptr) return nullptr;
    const auto field_of = [](const clang::Expr* e) -> const clang::FieldDecl* {
      const auto* member = llvm::dyn_cast<clang::MemberExpr>(e->IgnoreParenImpCasts());
      if (member == nullptr || !llvm::isa<clang::CXXThisExpr>(member->getBase()->IgnoreParenImpCasts())) return nullptr;
      return llvm::dyn_cast<clang::FieldDecl>(member->getMemberDecl());
    };
    const auto same = [value](const clang::Expr* e) {
      return e != nullptr && e->IgnoreImplicit() == value->IgnoreImplicit();
    };
    if (parent == nullptr) {
      const auto* ctor = llvm::dyn_cast_or_null<clang::CXXConstructorDecl>(
          ctx.decl_parents().empty() ? nullptr : ctx.decl_parents().back());
      if (ctor == nullptr) return nullptr;
      for (const clang::CXXCtorInitializer* init : ctor->inits()) {
        if (!init->isMemberInitializer() || init->getInit() == nullptr) continue;
        const bool holds = flow::contains(init->getInit(), [&](const clang::Stmt& s) { return &s == value; });
        if (holds) return init->getMember();
      }
      return nullptr;
    }
    const std::optional<Assignment> assignment = as_assignment(llvm::dyn_cast<clang::Expr>(parent));
    return assignment && same(assignment->rhs) ? field_of(assignment->lhs) : nullptr;
  }

  /// The value made at parents[index] (a std::thread, a std::async future,
  /// a closure converted for a constructor) ends up in this object: a
  /// member initialiser, an assignment to a member, an insertion into a
  /// member container.
  bool kept_by_this(llvm::ArrayRef<const clang::Stmt*> parents, size_t index, RuleContext& ctx) const {
    size_t j = index;
    while (j > 0 && is_wrapper(parents[j - 1])) --j;
    const clang::Stmt* child = parents[j];
    const clang::Stmt* parent = j > 0 ? parents[j - 1] : nullptr;
    const auto same = [child](const clang::Expr* e) {
      return e != nullptr && e->IgnoreImplicit() == llvm::cast<clang::Expr>(child)->IgnoreImplicit();
    };
    if (parent == nullptr) {
      const clang::Decl* decl = ctx.decl_parents().empty() ? nullptr : ctx.decl_parents().back();
      return llvm::isa_and_nonnull<clang::CXXConstructorDecl, clang::FieldDecl>(decl);
    }
    if (!llvm::isa<clang::Expr>(child)) return false;
    if (const auto* binary = llvm::dyn_cast<clang::BinaryOperator>(parent)) {
      return binary->getOpcode() == clang::BO_Assign && same(binary->getRHS()) && owned_by_this(binary->getLHS());
    }
    if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(parent)) {
      return op->getOperator() == clang::OO_Equal && op->getNumArgs() == 2 && same(op->getArg(1)) &&
             owned_by_this(op->getArg(0));
    }
    if (const auto* call = llvm::dyn_cast<clang::CXXMemberCallExpr>(parent)) {
      return is_insertion(call->getMethodDecl()) && owned_by_this(call->getImplicitObjectArgument());
    }
    return false;
  }

  /// A captured std::shared_ptr / std::weak_ptr to this object's class (or a
  /// base or derived class): [this, self = shared_from_this()] keeps the
  /// object alive, [this, weak = weak_from_this()] can check it.
  static bool keeps_object_alive(const clang::LambdaExpr& lambda, const clang::CXXRecordDecl* self) {
    if (self == nullptr) return false;
    self = self->getDefinition();
    for (const clang::LambdaCapture& capture : lambda.captures()) {
      if (!capture.capturesVariable() || capture.getCaptureKind() != clang::LCK_ByCopy) continue;
      const auto* var = llvm::dyn_cast_or_null<clang::VarDecl>(capture.getCapturedVar());
      if (var == nullptr) continue;
      const auto* spec = llvm::dyn_cast_or_null<clang::ClassTemplateSpecializationDecl>(
          var->getType().getNonReferenceType()->getAsCXXRecordDecl());
      if (spec == nullptr || !is_std_class(spec, {"shared_ptr", "weak_ptr"}) || spec->getTemplateArgs().size() == 0 ||
          spec->getTemplateArgs()[0].getKind() != clang::TemplateArgument::Type) {
        continue;
      }
      const auto* pointee = spec->getTemplateArgs()[0].getAsType()->getAsCXXRecordDecl();
      if (pointee == nullptr || (pointee = pointee->getDefinition()) == nullptr || self == nullptr) continue;
      if (pointee == self || self->isDerivedFrom(pointee) || pointee->isDerivedFrom(self)) return true;
    }
    return false;
  }

  // --- what a callee does with a callable it is given ---------------------

  /// What a function body does with a callable: only calls it (or hands it
  /// to something that only calls it), stores it, returns it (the call's
  /// result holds it), keeps it in its own object (a member of the object
  /// the method runs on, or that the constructor builds), or unknown.
  struct Fate {
    enum Kind { calls, unknown, into_result, into_object, stores } kind = calls;
    std::string how;  // for stores: "stores it in global 'g_queue'"
  };
  static constexpr unsigned kMaxCalleeDepth = 4;

  static Fate worse(const Fate& a, const Fate& b) { return b.kind > a.kind ? b : a; }

  /// Is `param`, a parameter type, the callable's own type (a template
  /// parameter deduced as the closure) or a std::function?
  static bool takes_callable(clang::QualType param, clang::QualType arg) {
    param = param.getNonReferenceType();
    if (is_std_function(param)) return true;
    const auto* a = arg.getNonReferenceType()->getAsCXXRecordDecl();
    const auto* p = param->getAsCXXRecordDecl();
    return a != nullptr && p != nullptr && a->getCanonicalDecl() == p->getCanonicalDecl();
  }

  /// The index of the parameter of `call`'s callee that argument `arg` is
  /// bound to (a member operator's object, argument 0, is no parameter);
  /// nullopt when `arg` is no argument or falls in a C variadic part.
  static std::optional<unsigned> parameter_of(const clang::CallExpr& call, const clang::Stmt* arg) {
    const clang::FunctionDecl* callee = call.getDirectCallee();
    if (callee == nullptr) return std::nullopt;
    const unsigned offset = llvm::isa<clang::CXXOperatorCallExpr>(call) && llvm::isa<clang::CXXMethodDecl>(callee) ? 1 : 0;
    for (unsigned k = offset; k < call.getNumArgs(); ++k) {
      if (call.getArg(k) != arg) continue;
      if (k - offset >= callee->getNumParams()) return std::nullopt;
      return k - offset;
    }
    return std::nullopt;
  }

  /// The object a method is called on: `obj` of obj.f(x), of obj(x) or
  /// obj += x (a member operator: argument 0). nullptr for a free function.
  static const clang::Expr* object_of(const clang::CallExpr& call) {
    if (const auto* member_call = llvm::dyn_cast<clang::CXXMemberCallExpr>(&call)) {
      return member_call->getImplicitObjectArgument();
    }
    if (llvm::isa<clang::CXXOperatorCallExpr>(call) && llvm::isa_and_nonnull<clang::CXXMethodDecl>(call.getDirectCallee()) &&
        call.getNumArgs() > 0) {
      return call.getArg(0);
    }
    return nullptr;
  }

  /// A callable handed to argument `child` of `call`, whose callee's body is
  /// visible: kStays when the callee only calls it, an escape when it keeps
  /// it, nullopt when unknown (the caller decides as before: a template is
  /// taken to call it, a std::function parameter to keep it).
  std::optional<std::string> passed_to(const clang::CallExpr& call, const clang::Stmt* child, size_t index,
                                       RuleContext& ctx, unsigned depth) {
    const clang::FunctionDecl* callee = call.getDirectCallee();
    if (callee == nullptr || depth > kMaxCalleeDepth || !llvm::isa<clang::Expr>(child)) return std::nullopt;
    const auto* method = llvm::dyn_cast<clang::CXXMethodDecl>(callee);
    if (callee->isInStdNamespace() || (method != nullptr && method->getParent()->isInStdNamespace())) {
      return std::nullopt;  // std algorithms call it; std::function, threads, containers are handled apart
    }
    const std::optional<unsigned> param = parameter_of(call, child);
    if (!param) return std::nullopt;
    if (!takes_callable(callee->getParamDecl(*param)->getType(), llvm::cast<clang::Expr>(child)->getType())) {
      return std::nullopt;
    }
    if (current_ != nullptr && current_->this_capture && (calls_on_this(call) || names_this_elsewhere(call, child))) {
      return std::string(kStays);
    }
    if (current_ != nullptr && current_->this_capture && depth == 0 && unsubscribed_in_destructor(call, index, ctx)) {
      return std::string(kStays);
    }
    const clang::FunctionDecl* definition = definition_with_body(callee);
    if (definition == nullptr) return std::nullopt;
    const Fate fate = fate_of_parameter(definition, *param, 1);
    const std::string name = callee->getQualifiedNameAsString();
    switch (fate.kind) {
      case Fate::calls:
        return std::string(kStays);
      case Fate::unknown:
        return std::nullopt;
      case Fate::into_result: {
        // auto guard = make_guard([&] {...}): where the result goes.
        auto how = escape_at(&call, index, ctx, depth + 1);
        if (!how) return std::string(kStays);
        return "passed to '" + name + "', which returns it: " + *how;
      }
      case Fate::into_object: {
        const clang::Expr* object = object_of(call);
        if (object == nullptr) return std::nullopt;
        if (is_plain_local(object)) return std::string(kStays);
        if (current_ != nullptr && current_->this_capture && owned_by_this(object)) return std::string(kStays);
        auto how = object->getType()->isPointerType() ? std::optional<std::string>("stored outside this function")
                                                      : assigned_to(object);
        if (!how) return std::string(kStays);
        return "passed to '" + name + "', which keeps it in its object: " + *how;
      }
      case Fate::stores:
        return "passed to '" + name + "', which " + fate.how;
    }
    return std::nullopt;
  }

  const clang::ParentMap& parent_map(const clang::FunctionDecl& fn, const clang::Stmt* root) {
    auto& slot = parent_maps_[root];
    if (!slot) {
      flow::with_stack_for(fn, [&] { slot = std::make_unique<clang::ParentMap>(const_cast<clang::Stmt*>(root)); });
    }
    return *slot;
  }

  Fate fate_of_parameter(const clang::FunctionDecl* definition, unsigned index, unsigned depth) {
    if (depth > kMaxCalleeDepth || index >= definition->getNumParams() || definition->getBody() == nullptr) {
      return {Fate::unknown, {}};
    }
    // Memoised: a callee handed many lambdas (or reached through several
    // forwarding paths) is read once per depth.
    const auto key = std::make_tuple(definition, index, depth);
    if (auto it = parameter_fates_.find(key); it != parameter_fates_.end()) return it->second;
    const unsigned cuts = cycle_cuts_;
    Fate fate = fate_of_var(*definition, definition->getParamDecl(index), depth);
    if (cuts == cycle_cuts_) parameter_fates_.emplace(key, fate);  // not cut short by a recursion
    return fate;
  }

  /// Every use of `var` (a parameter or a local holding the callable) in
  /// `fn`'s body (and constructor initialisers): the worst.
  Fate fate_of_var(const clang::FunctionDecl& fn, const clang::VarDecl* var, unsigned depth) {
    if (!fate_visiting_.insert(var).second) {
      ++cycle_cuts_;
      return {};
    }
    Fate result;
    const auto visit = [&](const clang::Stmt* root, Fate::Kind top) {
      if (root == nullptr) return;
      const clang::ParentMap& parents = parent_map(fn, root);
      flow::contains(root, [&](const clang::Stmt& s) {
        const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(&s);
        if (ref != nullptr && ref->getDecl() == var) result = worse(result, fate_of_value(fn, parents, ref, top, depth));
        return result.kind == Fate::stores;
      });
    };
    visit(fn.getBody(), Fate::unknown);
    if (const auto* ctor = llvm::dyn_cast<clang::CXXConstructorDecl>(&fn)) {
      // Worker(F f) : f_(std::move(f)) {}: kept in the object built.
      for (const clang::CXXCtorInitializer* init : ctor->inits()) {
        if (result.kind != Fate::stores) visit(init->getInit(), Fate::into_object);
      }
    }
    fate_visiting_.erase(var);
    return result;
  }

  /// Where the value `e` (the callable, or something holding it) goes.
  /// `top`: what reaching the root means (a constructor's initialiser: the
  /// object built).
  Fate fate_of_value(const clang::FunctionDecl& fn, const clang::ParentMap& parents, const clang::Stmt* e,
                     Fate::Kind top, unsigned depth) {
    const clang::Stmt* cur = e;
    const clang::Stmt* parent = parents.getParent(cur);
    for (int steps = 0; parent != nullptr && steps < 64; ++steps) {
      const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(parent);
      const bool copy = construct != nullptr && construct->getNumArgs() >= 1 &&
                        ((construct->getConstructor() != nullptr &&
                          construct->getConstructor()->isCopyOrMoveConstructor()) ||
                         is_std_function(construct->getType()));
      if (!is_wrapper(parent) && !copy) break;
      cur = parent;
      parent = parents.getParent(cur);
    }
    if (parent == nullptr) return {top, {}};
    const auto same = [cur](const clang::Expr* x) { return x == cur; };
    // Called: f(), f.operator()(), std::invoke(f) below, if (f).
    if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(parent)) {
      if (op->getOperator() == clang::OO_Call && op->getNumArgs() > 0 && same(op->getArg(0))) return {};
      if (op->getOperator() == clang::OO_Equal && op->getNumArgs() == 2 && same(op->getArg(1))) {
        return fate_of_target(fn, parents, op->getArg(0), depth);
      }
    }
    if (const auto* call = llvm::dyn_cast<clang::CallExpr>(parent)) {
      if (call->getCallee() == cur) return {};
      return fate_of_argument(fn, parents, *call, cur, top, depth);
    }
    if (const auto* member = llvm::dyn_cast<clang::MemberExpr>(parent); member != nullptr && member->getBase() == cur) {
      const auto* call = llvm::dyn_cast_or_null<clang::CXXMemberCallExpr>(parents.getParent(member));
      const clang::CXXMethodDecl* method = call != nullptr ? call->getMethodDecl() : nullptr;
      if (method == nullptr) return {Fate::unknown, {}};
      if (llvm::isa<clang::CXXConversionDecl>(method) ||
          method->getOverloadedOperator() == clang::OO_Call) {
        return {};  // if (f), f.operator()()
      }
      if (method->getIdentifier() != nullptr && method->getName() == "swap" && call->getNumArgs() == 1) {
        return fate_of_target(fn, parents, call->getArg(0), depth);
      }
      return {Fate::unknown, {}};
    }
    if (const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(parent)) {
      if (joined_kind(construct->getType()) != Joined::none) {
        // std::thread t(std::move(f)); t.join(); in the callee.
        const auto* decl_stmt = llvm::dyn_cast_or_null<clang::DeclStmt>(parents.getParent(construct));
        if (decl_stmt != nullptr && fn.getBody() != nullptr && only_joined_in(fn.getBody())) return {};
        return {Fate::stores, "hands it to a std::thread that may outlive the call"};
      }
      const clang::CXXConstructorDecl* ctor = construct->getConstructor();
      for (unsigned k = 0; ctor != nullptr && k < construct->getNumArgs() && k < ctor->getNumParams(); ++k) {
        if (construct->getArg(k) != cur) continue;
        const clang::FunctionDecl* definition = definition_with_body(ctor);
        if (!takes_callable(ctor->getParamDecl(k)->getType(), llvm::cast<clang::Expr>(cur)->getType()) ||
            definition == nullptr) {
          break;  // an object built from it: where the object goes
        }
        const Fate inner = fate_of_parameter(definition, k, depth + 1);
        if (inner.kind == Fate::calls || inner.kind == Fate::unknown) return inner;
        if (inner.kind == Fate::stores) {
          return {Fate::stores, "passes it to '" + ctor->getParent()->getNameAsString() + "', which " + inner.how};
        }
        break;
      }
      return fate_of_value(fn, parents, construct, top, depth);
    }
    if (llvm::isa<clang::InitListExpr, clang::CXXParenListInitExpr, clang::LambdaExpr, clang::ConditionalOperator>(parent)) {
      return fate_of_value(fn, parents, parent, top, depth);  // a part of a bigger value, or captured
    }
    if (const auto* binary = llvm::dyn_cast<clang::BinaryOperator>(parent)) {
      if (binary->getOpcode() == clang::BO_Assign && same(binary->getRHS())) {
        return fate_of_target(fn, parents, binary->getLHS(), depth);
      }
      return {Fate::unknown, {}};
    }
    if (llvm::isa<clang::ReturnStmt>(parent)) {
      // Returned from `fn`, not from a lambda inside it.
      for (const clang::Stmt* up = parents.getParent(parent); up != nullptr; up = parents.getParent(up)) {
        if (llvm::isa<clang::LambdaExpr>(up)) return {Fate::unknown, {}};
      }
      return {Fate::into_result, {}};
    }
    if (const auto* decl_stmt = llvm::dyn_cast<clang::DeclStmt>(parent)) {
      for (const clang::Decl* d : decl_stmt->decls()) {
        const auto* var = llvm::dyn_cast<clang::VarDecl>(d);
        if (var == nullptr || var->getInit() == nullptr ||
            !flow::contains(var->getInit(), [cur](const clang::Stmt& s) { return &s == cur; })) {
          continue;
        }
        if (!var->hasLocalStorage()) return {Fate::stores, "keeps it in static variable '" + var->getNameAsString() + "'"};
        return fate_of_var(fn, var, depth);
      }
    }
    return {Fate::unknown, {}};
  }

  /// The callable (or a value holding it) is an argument of `call` in `fn`.
  Fate fate_of_argument(const clang::FunctionDecl& fn, const clang::ParentMap& parents, const clang::CallExpr& call,
                        const clang::Stmt* cur, Fate::Kind top, unsigned depth) {
    const clang::FunctionDecl* callee = call.getDirectCallee();
    if (callee == nullptr) return {Fate::unknown, {}};
    const auto* method = llvm::dyn_cast<clang::CXXMethodDecl>(callee);
    const llvm::StringRef name = callee->getIdentifier() != nullptr ? callee->getName() : llvm::StringRef();
    const auto* member_call = llvm::dyn_cast<clang::CXXMemberCallExpr>(&call);
    if (callee->isInStdNamespace() || (method != nullptr && method->getParent()->isInStdNamespace())) {
      if (member_call != nullptr && is_insertion(method)) {
        return fate_of_target(fn, parents, member_call->getImplicitObjectArgument(), depth);  // queue_.push_back(f)
      }
      if ((name == "swap" || name == "exchange") && call.getNumArgs() == 2) {
        return fate_of_target(fn, parents, call.getArg(0) == cur ? call.getArg(1) : call.getArg(0), depth);
      }
      static const llvm::StringRef kWrapping[] = {"bind", "bind_front", "bind_back", "make_pair", "make_tuple",
                                                  "make_optional", "make_shared", "make_unique", "ref", "cref",
                                                  "forward_as_tuple"};
      if (std::find(std::begin(kWrapping), std::end(kWrapping), name) != std::end(kWrapping)) {
        return fate_of_value(fn, parents, &call, top, depth);
      }
      if (name == "async") return {Fate::unknown, {}};
      return {};  // std::invoke, std::for_each, std::sort, ...: call it
    }
    const std::optional<unsigned> param = parameter_of(call, cur);
    if (!param) return {Fate::unknown, {}};
    const clang::QualType type = callee->getParamDecl(*param)->getType();
    if (!takes_callable(type, llvm::cast<clang::Expr>(cur)->getType())) return {Fate::unknown, {}};
    const std::string callee_name = callee->getQualifiedNameAsString();
    const clang::FunctionDecl* definition = definition_with_body(callee);
    if (definition == nullptr) {
      if (is_std_function(type.getNonReferenceType())) {
        return {Fate::stores, "passes it to '" + callee_name + "' as a std::function, which may keep it"};
      }
      return {Fate::unknown, {}};
    }
    const Fate inner = fate_of_parameter(definition, *param, depth + 1);
    switch (inner.kind) {
      case Fate::calls:
      case Fate::unknown:
        return inner;
      case Fate::into_result:
        return fate_of_value(fn, parents, &call, top, depth);
      case Fate::into_object: {
        const clang::Expr* object = object_of(call);
        if (object == nullptr) return {Fate::unknown, {}};
        return fate_of_target(fn, parents, object, depth);
      }
      case Fate::stores:
        return {Fate::stores, "passes it to '" + callee_name + "', which " + inner.how};
    }
    return {Fate::unknown, {}};
  }

  /// The callable is assigned to, or inserted into, `target` in `fn`.
  Fate fate_of_target(const clang::FunctionDecl& fn, const clang::ParentMap& /*parents*/, const clang::Expr* target,
                      unsigned depth) {
    for (int k = 0; k < 16 && target != nullptr; ++k) {
      if (const clang::FieldDecl* field = member_of_this(target)) {
        (void)field;
        return {Fate::into_object, {}};
      }
      target = target->IgnoreParenImpCasts();
      if (llvm::isa<clang::CXXThisExpr>(target)) return {Fate::into_object, {}};
      const clang::Expr* holder = holder_of(target);
      if (holder == nullptr) break;
      target = holder;
    }
    const auto* ref = target != nullptr ? llvm::dyn_cast<clang::DeclRefExpr>(target) : nullptr;
    const auto* var = ref != nullptr ? llvm::dyn_cast<clang::VarDecl>(ref->getDecl()) : nullptr;
    if (var == nullptr) return {Fate::stores, "stores it in another object"};
    const std::string name = var->getNameAsString();
    if (!var->hasLocalStorage()) {
      return {Fate::stores, std::string("stores it in ") +
                                (var->isStaticLocal() || var->isStaticDataMember() ? "static variable '" : "global '") +
                                name + "'"};
    }
    if (var->getType()->isReferenceType() || var->getType()->isPointerType()) {
      return {Fate::stores, "stores it in '" + name + "', which refers to an object outside the call"};
    }
    return fate_of_var(fn, var, depth);  // a local holder: where it goes
  }

  /// The object that holds `e` as a part: `c` of `c[i]`, `c.m` and
  /// `c.front()` (an lvalue from a member call); nullptr when `e` is no part.
  static const clang::Expr* holder_of(const clang::Expr* e) {
    if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(e);
        op != nullptr && op->getOperator() == clang::OO_Subscript && op->getNumArgs() > 0) {
      return op->getArg(0);
    }
    if (const auto* member = llvm::dyn_cast<clang::MemberExpr>(e); member != nullptr && !member->isArrow()) {
      return member->getBase();
    }
    if (const auto* call = llvm::dyn_cast<clang::CXXMemberCallExpr>(e); call != nullptr && call->isGLValue()) {
      return call->getImplicitObjectArgument();
    }
    return nullptr;
  }

  /// A [this] lambda assigned to (or inserted into) `lhs`: fine in this
  /// object's own members and in locals; anywhere else it can outlive the
  /// object.
  std::optional<std::string> this_assigned_to(const clang::Expr* lhs) const {
    if (owned_by_this(lhs)) {
      own_member_ = true;
      own_field_ = field_of_this(lhs);
      return std::nullopt;
    }
    const clang::Expr* target = lhs;
    for (int depth = 0; depth < 16 && target != nullptr; ++depth) {
      target = target->IgnoreParenImpCasts();
      const clang::Expr* holder = holder_of(target);
      if (holder == nullptr) break;
      target = holder;
    }
    if (is_plain_local(target)) return std::nullopt;
    if (const clang::VarDecl* var = local_named(target); var != nullptr && !var->hasLocalStorage()) {
      return std::string(var->isStaticLocal() || var->isStaticDataMember() ? "stored in static variable '"
                                                                            : "stored in global '") +
             var->getNameAsString() + "'";
    }
    return std::string("stored in another object");
  }

  // --- holders that finish the lambda before the function returns ---------

  enum class Joined { none, thread, future };

  /// std::thread / std::jthread (destroyed joinable: std::terminate; jthread
  /// joins) and std::future (std::async's waits for its task when destroyed).
  static Joined joined_kind(clang::QualType type) {
    if (type.isNull()) return Joined::none;
    const auto* record = type.getNonReferenceType()->getAsCXXRecordDecl();
    if (is_std_class(record, {"thread", "jthread"})) return Joined::thread;
    if (is_std_class(record, {"future"})) return Joined::future;
    return Joined::none;
  }

  /// The element type of a std container (its first template argument), or
  /// a null type.
  static clang::QualType std_element_type(clang::QualType type) {
    if (type.isNull()) return {};
    const auto* spec =
        llvm::dyn_cast_or_null<clang::ClassTemplateSpecializationDecl>(type.getNonReferenceType()->getAsCXXRecordDecl());
    if (spec == nullptr || !spec->isInStdNamespace() || spec->getTemplateArgs().size() == 0) return {};
    const clang::TemplateArgument& arg = spec->getTemplateArgs()[0];
    return arg.getKind() == clang::TemplateArgument::Type ? arg.getAsType() : clang::QualType();
  }

  /// std::vector<std::thread>, std::deque<std::future<int>>, ...
  static Joined element_joined_kind(clang::QualType type) { return joined_kind(std_element_type(type)); }

  static bool is_insertion(const clang::CXXMethodDecl* method) {
    if (method == nullptr || method->getIdentifier() == nullptr || !method->getParent()->isInStdNamespace()) return false;
    static const llvm::StringRef kInserts[] = {"push_back", "emplace_back", "push_front", "emplace_front", "insert",
                                               "emplace", "try_emplace", "insert_or_assign", "push", "emplace_hint"};
    return std::find(std::begin(kInserts), std::end(kInserts), method->getName()) != std::end(kInserts);
  }

  static const clang::VarDecl* local_named(const clang::Expr* e) {
    const auto* ref = e != nullptr ? llvm::dyn_cast<clang::DeclRefExpr>(e->IgnoreParenImpCasts()) : nullptr;
    return ref != nullptr ? llvm::dyn_cast<clang::VarDecl>(ref->getDecl()) : nullptr;
  }

  /// Is `child`, an argument of `call`, bound to a parameter whose type is a
  /// template parameter in the callee's pattern (template <class F> f(F))?
  static bool is_template_parameter(const clang::CallExpr* call, const clang::Stmt* child) {
    const clang::FunctionDecl* callee = call->getDirectCallee();
    if (callee == nullptr) return false;
    const clang::FunctionDecl* pattern = callee->getTemplateInstantiationPattern();
    if (pattern == nullptr) return false;
    const unsigned offset = llvm::isa<clang::CXXOperatorCallExpr>(call) && llvm::isa<clang::CXXMethodDecl>(callee) ? 1 : 0;
    for (unsigned k = offset; k < call->getNumArgs(); ++k) {
      if (call->getArg(k) != child) continue;
      const unsigned index = k - offset;
      if (index >= pattern->getNumParams()) return pattern->isVariadic() || pattern->getNumParams() > 0;
      return pattern->getParamDecl(index)->getType()->isDependentType();
    }
    return false;
  }

  /// The first variable captured by reference that `holder` (a local that
  /// keeps the lambda) outlives: declared before it in source order, the
  /// holder lives at least as long (scopes nest). Init-captures of references
  /// are not followed: they count as outlived.
  const clang::VarDecl* outlived_capture(const clang::VarDecl* holder) const {
    auto outlived = outlived_captures(holder);
    return outlived.empty() ? nullptr : outlived.front().first;
  }

  /// Every such variable, with the local it refers to (itself, or a
  /// reference's referent; nullptr when unknown: an init-capture, a
  /// reference bound to something not followed).
  std::vector<std::pair<const clang::VarDecl*, const clang::VarDecl*>> outlived_captures(
      const clang::VarDecl* holder) const {
    std::vector<std::pair<const clang::VarDecl*, const clang::VarDecl*>> out;
    if (current_ == nullptr || holder == nullptr) return out;
    for (const clang::VarDecl* var : current_->refs) {
      if (var->isInitCapture()) {
        out.emplace_back(var, nullptr);
        continue;
      }
      // A reference captured by reference refers to its referent: what it
      // was bound to (for (const auto& job : jobs) -> jobs).
      std::optional<const clang::VarDecl*> root = owner_of(var, 0);
      if (!root) {
        out.emplace_back(var, nullptr);
        continue;
      }
      if (*root == nullptr || llvm::isa<clang::ParmVarDecl>(*root) || !(*root)->hasLocalStorage()) continue;
      if (!source_manager_->isBeforeInTranslationUnit((*root)->getLocation(), holder->getLocation())) {
        out.emplace_back(var, *root);
      }
    }
    return out;
  }

  /// The local variable whose storage `var` names: itself, or for a
  /// reference (and the implicit variables of a range-for) what its
  /// initialiser refers into. nullptr: storage that outlives the function
  /// (a member through `this`, a global); nullopt: unknown.
  static std::optional<const clang::VarDecl*> owner_of(const clang::VarDecl* var, unsigned depth) {
    if (depth > 8) return std::nullopt;
    if (!var->hasLocalStorage()) return nullptr;
    if (llvm::isa<clang::ParmVarDecl>(var)) return var;
    if (!var->getType()->isReferenceType() && !var->isImplicit()) return var;
    if (var->getInit() == nullptr) return std::nullopt;
    return owner_of(var->getInit(), depth + 1);
  }

  static std::optional<const clang::VarDecl*> owner_of(const clang::Expr* e, unsigned depth) {
    if (e == nullptr || depth > 16) return std::nullopt;
    e = e->IgnoreImplicit()->IgnoreParenImpCasts();
    if (const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(e)) {
      const auto* var = llvm::dyn_cast<clang::VarDecl>(ref->getDecl());
      if (var == nullptr) return std::nullopt;
      return owner_of(var, depth + 1);
    }
    if (llvm::isa<clang::CXXThisExpr>(e)) return nullptr;
    if (const auto* member = llvm::dyn_cast<clang::MemberExpr>(e)) {
      if (member->isArrow() && !llvm::isa<clang::CXXThisExpr>(member->getBase()->IgnoreParenImpCasts())) {
        return std::nullopt;
      }
      return owner_of(member->getBase(), depth + 1);
    }
    if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(e); op != nullptr && op->getNumArgs() > 0) {
      return owner_of(op->getArg(0), depth + 1);  // *it, v[i]
    }
    if (const auto* deref = llvm::dyn_cast<clang::UnaryOperator>(e); deref != nullptr && deref->getOpcode() == clang::UO_Deref) {
      // *__begin of a range-for over a std::array (whose iterator is a
      // pointer): an element of the range. Other pointers: not followed.
      const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(deref->getSubExpr()->IgnoreParenImpCasts());
      const auto* var = ref != nullptr ? llvm::dyn_cast<clang::VarDecl>(ref->getDecl()) : nullptr;
      if (var != nullptr && var->isImplicit() && var->getInit() != nullptr) return owner_of(var->getInit(), depth + 1);
      return std::nullopt;
    }
    if (const auto* call = llvm::dyn_cast<clang::CXXMemberCallExpr>(e)) {
      return owner_of(call->getImplicitObjectArgument(), depth + 1);  // range.begin(), v.front()
    }
    return std::nullopt;
  }

  /// The thread/future made at parents[index] (a std::thread construction or
  /// a std::async call) ends up in a holder that finishes it in this
  /// function: a local variable, or a local container filled with
  /// push_back/emplace_back; for std::async also a temporary that is waited
  /// on (std::async(...).get()) or discarded (its destructor waits).
  bool owner_stays(llvm::ArrayRef<const clang::Stmt*> parents, size_t index, bool is_async, RuleContext& ctx) {
    size_t j = index;
    while (j > 0 && is_wrapper(parents[j - 1])) --j;
    const clang::Stmt* parent = j > 0 ? parents[j - 1] : nullptr;
    // std::array<std::jthread, 2> ts{std::jthread(...), ...}: an element of
    // the variable initialised (its type decides whether it is a holder).
    size_t k = j;
    while (k > 0 && llvm::isa<clang::InitListExpr>(parents[k - 1])) {
      --k;
      while (k > 0 && is_wrapper(parents[k - 1])) --k;
    }
    if (k != j && (k == 0 || llvm::isa<clang::DeclStmt>(parents[k - 1]))) parent = k > 0 ? parents[k - 1] : nullptr;
    if (parent == nullptr || llvm::isa<clang::DeclStmt>(parent)) {
      const clang::Decl* decl = ctx.decl_parents().empty() ? nullptr : ctx.decl_parents().back();
      const auto* var = llvm::dyn_cast_or_null<clang::VarDecl>(decl);
      return var != nullptr && holder_stays(var, ctx);
    }
    if (const auto* member = llvm::dyn_cast<clang::MemberExpr>(parent); member != nullptr && is_async && j >= 2) {
      // std::async(...).get(): the temporary future waits.
      const auto* call = llvm::dyn_cast<clang::CXXMemberCallExpr>(parents[j - 2]);
      const clang::CXXMethodDecl* method = call != nullptr ? call->getMethodDecl() : nullptr;
      return method != nullptr && method->getIdentifier() != nullptr &&
             (method->getName() == "get" || method->getName() == "wait");
    }
    if (const auto* call = llvm::dyn_cast<clang::CXXMemberCallExpr>(parent)) {
      const clang::Expr* object = call->getImplicitObjectArgument();
      if (is_insertion(call->getMethodDecl()) && is_plain_local(object)) return holder_stays(local_named(object), ctx);
      return false;
    }
    if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(parent);
        op != nullptr && op->getOperator() == clang::OO_Equal && op->getNumArgs() == 2 &&
        op->getArg(1)->IgnoreImplicit() == llvm::cast<clang::Expr>(parents[j])->IgnoreImplicit()) {
      // t = std::jthread(...), ts[i] = ..., for (auto& t : ts) t = ...: a
      // local holder, or a part of one, receives the thread.
      std::optional<const clang::VarDecl*> holder = owner_of(op->getArg(0), 0);
      return holder && *holder != nullptr && !llvm::isa<clang::ParmVarDecl>(*holder) && holder_stays(*holder, ctx);
    }
    return is_async && is_statement(parent, parents[j]);
  }

  /// Is `e` a statement of its own under `parent` (its value unused): in a
  /// block, or the whole body of a loop or branch without braces
  /// (`for (...) threads.emplace_back(...);`).
  static bool is_statement(const clang::Stmt* parent, const clang::Stmt* e) {
    if (llvm::isa<clang::CompoundStmt>(parent)) return true;
    const auto same = [](const clang::Stmt* a, const clang::Stmt* b) {
      const auto strip = [](const clang::Stmt* x) -> const clang::Stmt* {
        const auto* expr = llvm::dyn_cast_or_null<clang::Expr>(x);
        return expr != nullptr ? expr->IgnoreImplicit() : x;
      };
      return a != nullptr && strip(a) == strip(b);
    };
    const clang::Stmt* body = nullptr;
    if (const auto* s = llvm::dyn_cast<clang::ForStmt>(parent)) body = s->getBody();
    else if (const auto* s = llvm::dyn_cast<clang::WhileStmt>(parent)) body = s->getBody();
    else if (const auto* s = llvm::dyn_cast<clang::DoStmt>(parent)) body = s->getBody();
    else if (const auto* s = llvm::dyn_cast<clang::CXXForRangeStmt>(parent)) body = s->getBody();
    else if (const auto* s = llvm::dyn_cast<clang::IfStmt>(parent)) {
      return same(s->getThen(), e) || same(s->getElse(), e);
    }
    return same(body, e);
  }

  /// `holder` is a plain local std::thread/jthread/future (or a std
  /// container of them) declared after everything the lambda captures by
  /// reference, and this function does nothing with any such local but join
  /// or wait on it, look at it, or fill the container: no detach(), no
  /// share(), no std::move, no return, no passing it to another function.
  ///
  /// One exception to "declared after": a std::thread holder (not jthread,
  /// not a future) and a captured variable declared after it in the same
  /// block whose destructor does nothing (int, std::atomic<int>, std::mutex).
  /// If the function leaves that block before the joins (an exception, an
  /// early return), the variable's lifetime ends first, but its storage is
  /// untouched, and the very next destructor, ~thread of a joinable thread,
  /// calls std::terminate; on the normal path the threads are joined before
  /// the block ends. A variable with a real destructor (std::vector,
  /// std::string) would be freed under the running thread: still rejected,
  /// with the order to fix named (order_problem_).
  bool holder_stays(const clang::VarDecl* holder, RuleContext& ctx) {
    if (holder == nullptr || !holder->hasLocalStorage() || holder->isStaticLocal() ||
        holder->getType()->isReferenceType() || llvm::isa<clang::ParmVarDecl>(holder)) {
      return false;
    }
    if (joined_kind(holder->getType()) == Joined::none && element_joined_kind(holder->getType()) == Joined::none) {
      return false;
    }
    const clang::FunctionDecl* fn = ctx.enclosing_function();
    const clang::Stmt* body = fn != nullptr ? fn->getBody() : nullptr;
    if (body == nullptr) return false;
    // The ParentMap recurses as deep as the body nests.
    bool stays = false;
    flow::with_stack_for(*fn, [&] { stays = only_joined_in(body); });
    if (!stays) return false;
    const auto outlived = outlived_captures(holder);
    const clang::Stmt* holder_block = outlived.empty() ? nullptr : declaring_block(body, holder);
    for (const auto& [captured, root] : outlived) {
      const bool same_block = root != nullptr && holder_block != nullptr && declaring_block(body, root) == holder_block;
      if (same_block && holds_std_thread(holder->getType()) && !root->getType()->isReferenceType() &&
          root->getType().isDestructedType() == clang::QualType::DK_none) {
        continue;
      }
      order_problem_ = OrderProblem{holder, captured, root, same_block};
      return false;
    }
    return true;
  }

  /// A std::thread, or a std container of them: destroyed while joinable,
  /// it calls std::terminate at once (a jthread or a future waits instead).
  static bool holds_std_thread(clang::QualType type) {
    const auto is_thread = [](clang::QualType t) {
      return !t.isNull() && is_std_class(t.getNonReferenceType()->getAsCXXRecordDecl(), {"thread"});
    };
    return is_thread(type) || is_thread(std_element_type(type));
  }

  /// Is `holder` used after the block that declares `root` ends, or may it
  /// be used in a later iteration of a loop around that block (that does not
  /// also hold `holder`'s declaration)? A block not found counts as used.
  bool used_after_scope(const clang::VarDecl* holder, const clang::VarDecl* root) const {
    const auto* fn = llvm::dyn_cast_or_null<clang::FunctionDecl>(root->getParentFunctionOrMethod());
    const clang::Stmt* body = fn != nullptr ? fn->getBody() : nullptr;
    const clang::Stmt* block = body != nullptr ? declaring_block(body, root) : nullptr;
    if (block == nullptr || source_manager_ == nullptr) return true;
    const clang::SourceManager& sm = *source_manager_;
    auto within = [&](const clang::Stmt& s, clang::SourceLocation loc) {
      return !sm.isBeforeInTranslationUnit(loc, s.getBeginLoc()) && !sm.isBeforeInTranslationUnit(s.getEndLoc(), loc);
    };
    const bool looped = flow::contains(body, [&](const clang::Stmt& s) {
      return llvm::isa<clang::ForStmt, clang::WhileStmt, clang::DoStmt, clang::CXXForRangeStmt>(s) &&
             within(s, block->getBeginLoc()) && !within(s, holder->getLocation());
    });
    if (looped) return true;
    // The first mention of the holder after the block decides: a read
    // (a call, a copy, handing it on) uses the dangling capture; an
    // assignment (`f = nullptr;`, `f = [&kept] {...};`) drops it first.
    const clang::SourceLocation end = block->getEndLoc();
    const clang::DeclRefExpr* first = nullptr;
    std::set<const clang::Expr*> assigned;
    flow::contains(body, [&](const clang::Stmt& s) {
      if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(&s);
          op != nullptr && op->getOperator() == clang::OO_Equal && op->getNumArgs() == 2) {
        assigned.insert(op->getArg(0)->IgnoreParenImpCasts());
      }
      const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(&s);
      if (ref != nullptr && ref->getDecl() == holder && sm.isBeforeInTranslationUnit(end, ref->getLocation()) &&
          (first == nullptr || sm.isBeforeInTranslationUnit(ref->getLocation(), first->getLocation()))) {
        first = ref;
      }
      return false;
    });
    return first != nullptr && assigned.count(first) == 0;
  }

  /// The block (compound statement) whose own statement declares `var`, or
  /// nullptr (a for-init, a condition, a parameter, not in `body`).
  static const clang::Stmt* declaring_block(const clang::Stmt* body, const clang::VarDecl* var) {
    const clang::Stmt* found = nullptr;
    flow::contains(body, [&](const clang::Stmt& s) {
      if (!llvm::isa<clang::CompoundStmt>(s)) return false;
      for (const clang::Stmt* child : s.children()) {
        const auto* decl_stmt = llvm::dyn_cast_or_null<clang::DeclStmt>(child);
        if (decl_stmt == nullptr) continue;
        for (const clang::Decl* d : decl_stmt->decls()) {
          if (d == var) {
            found = &s;
            return true;
          }
        }
      }
      return false;
    });
    return found;
  }

  static bool only_joined_in(const clang::Stmt* body) {
    clang::ParentMap parents(const_cast<clang::Stmt*>(body));
    const bool misused = flow::contains(body, [&](const clang::Stmt& s) {
      const auto* e = llvm::dyn_cast<clang::Expr>(&s);
      if (e == nullptr || !e->isGLValue()) return false;
      const clang::QualType type = e->getType();
      if (joined_kind(type) == Joined::none && element_joined_kind(type) == Joined::none) return false;
      if (const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(e)) {
        const auto* var = llvm::dyn_cast<clang::VarDecl>(ref->getDecl());
        if (var == nullptr || !var->hasLocalStorage()) return false;  // members: not what is checked here
      } else if (!llvm::isa<clang::CallExpr>(e)) {
        return false;  // threads[i], *it, t.front(): calls; wrappers are looked through below
      }
      return !joined_use(parents, e);
    });
    return !misused;
  }

  /// join()/get() and friends, element access, a reference alias (range-for),
  /// emptying or refilling the holder (clear(), erase(), reset(), emplace(),
  /// `t = std::jthread(...)`: a std::jthread or a std::async future waits for
  /// its task when destroyed, a joinable std::thread std::terminate()s), a
  /// std algorithm that only applies join() to each element.
  static bool joined_use(const clang::ParentMap& parents, const clang::Expr* e) {
    const clang::Stmt* parent = flow::semantic_parent(parents, e);
    if (parent == nullptr) return false;
    if (const auto* member = llvm::dyn_cast<clang::MemberExpr>(parent)) return joined_call(parents, member);
    if (flow::is_assigned_to(parents, e)) return true;  // ts[i] = std::jthread(...), t = {}
    if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(parent)) {
      const bool first = op->getNumArgs() > 0 && op->getArg(0)->IgnoreParenImpCasts() == e->IgnoreParenImpCasts();
      if (first && (op->getOperator() == clang::OO_Subscript || op->getOperator() == clang::OO_Star)) return true;
      if (first && op->getOperator() == clang::OO_Arrow) {
        // opt->join(): judged by the method called through it.
        const auto* member = llvm::dyn_cast_or_null<clang::MemberExpr>(flow::semantic_parent(parents, op));
        return member != nullptr && joined_call(parents, member);
      }
    }
    if (const auto* call = llvm::dyn_cast<clang::CallExpr>(parent)) return joining_algorithm(*call, e);
    if (is_statement(parent, e)) return true;  // threads.emplace_back(...)'s unused result
    if (const auto* decl_stmt = llvm::dyn_cast<clang::DeclStmt>(parent)) {
      // auto& t = threads[0]; for (auto& t : threads): another name, whose
      // uses are checked in turn.
      for (const clang::Decl* d : decl_stmt->decls()) {
        const auto* var = llvm::dyn_cast<clang::VarDecl>(d);
        if (var == nullptr || !var->getType()->isReferenceType()) return false;
      }
      return true;
    }
    return false;
  }

  /// The methods of a thread, a future, and of a std container or
  /// std::optional holding them, that neither detach nor hand out the task.
  static bool joining_method(const clang::CXXMethodDecl* method) {
    if (method == nullptr) return false;
    if (const auto* conversion = llvm::dyn_cast<clang::CXXConversionDecl>(method)) {
      return conversion->getConversionType()->isBooleanType();  // if (opt)
    }
    if (method->getIdentifier() == nullptr) return false;
    // A smart pointer's get() hands out the thread itself, unwatched.
    if (method->getName() == "get" && is_std_class(method->getParent(), {"unique_ptr", "shared_ptr"})) return false;
    static const llvm::StringRef kAllowed[] = {
        "join", "joinable", "get_id", "request_stop", "get_stop_token", "get_stop_source",  // thread
        "get", "wait", "wait_for", "wait_until", "valid",                                    // future
        // container: filling, looking, emptying (destroying a jthread or a
        // future waits; a joinable std::thread std::terminate()s)
        "push_back", "emplace_back", "push_front", "emplace_front", "emplace", "insert", "reserve", "size", "empty",
        "capacity", "begin", "end", "cbegin", "cend", "rbegin", "rend", "front", "back", "at", "clear", "pop_back",
        "pop_front", "erase", "resize",
        "has_value", "value", "reset"};  // std::optional
    return std::find(std::begin(kAllowed), std::end(kAllowed), method->getName()) != std::end(kAllowed);
  }

  /// `member` (t.join, opt->join) is called, and the method only joins.
  static bool joined_call(const clang::ParentMap& parents, const clang::MemberExpr* member) {
    const auto* call = llvm::dyn_cast_or_null<clang::CXXMemberCallExpr>(flow::semantic_parent(parents, member));
    return call != nullptr && call->getCallee()->IgnoreParens() == member && joining_method(call->getMethodDecl());
  }

  /// std::ranges::for_each(threads, &std::thread::join), std::for_each_n
  /// with a lambda (whose body is checked like this function's: its thread
  /// parameter is a local), std::mem_fn(&std::jthread::request_stop): the
  /// holder `e` is the range, and every callable handed along only joins.
  static bool joining_algorithm(const clang::CallExpr& call, const clang::Expr* e) {
    const clang::FunctionDecl* callee = call.getDirectCallee();
    llvm::ArrayRef<const clang::Expr*> args(call.getArgs(), call.getNumArgs());
    const clang::NamedDecl* named = callee;
    if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(&call)) {
      // A niebloid: std::ranges::for_each is an object whose operator() runs.
      if (op->getOperator() != clang::OO_Call || args.empty()) return false;
      const auto* object = llvm::dyn_cast<clang::DeclRefExpr>(args.front()->IgnoreParenImpCasts());
      named = object != nullptr ? object->getDecl() : nullptr;
      args = args.drop_front();
    }
    if (named == nullptr || named->getIdentifier() == nullptr || !declared_in_std(named) ||
        (named->getName() != "for_each" && named->getName() != "for_each_n")) {
      return false;
    }
    if (args.empty() || args.front()->IgnoreParenImpCasts() != e->IgnoreParenImpCasts()) return false;
    for (const clang::Expr* arg : args.drop_front()) {
      if (!joining_callable(arg)) return false;
    }
    return true;
  }

  /// A callable that only joins a thread it is given: a lambda (its body is
  /// walked by only_joined_in), a pointer to a joining method, std::mem_fn
  /// of one; a number (for_each_n's count) is no callable.
  static bool joining_callable(const clang::Expr* arg) {
    arg = arg->IgnoreImplicit()->IgnoreParenImpCasts();
    // for_each_n's count; the default projection (std::identity).
    if (arg->getType()->isIntegralOrEnumerationType() || llvm::isa<clang::CXXDefaultArgExpr>(arg)) return true;
    if (is_std_class(arg->getType()->getAsCXXRecordDecl(), {"identity"})) return true;
    if (const auto* lambda = llvm::dyn_cast<clang::LambdaExpr>(arg)) {
      // A generic lambda's body is a pattern where `t.detach()` is not
      // resolved: its instantiations are checked instead.
      const clang::FunctionTemplateDecl* generic = lambda->getCallOperator()->getDescribedFunctionTemplate();
      if (generic == nullptr) return true;
      for (const clang::FunctionDecl* instance : generic->specializations()) {
        if (instance->getBody() == nullptr || !only_joined_in(instance->getBody())) return false;
      }
      return true;
    }
    if (const auto* address = llvm::dyn_cast<clang::UnaryOperator>(arg); address != nullptr && address->getOpcode() == clang::UO_AddrOf) {
      const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(address->getSubExpr()->IgnoreParenImpCasts());
      return ref != nullptr && joining_method(llvm::dyn_cast<clang::CXXMethodDecl>(ref->getDecl()));
    }
    if (const auto* call = llvm::dyn_cast<clang::CallExpr>(arg)) {
      const clang::FunctionDecl* callee = call->getDirectCallee();
      return callee != nullptr && callee->isInStdNamespace() && callee->getIdentifier() != nullptr &&
             callee->getName() == "mem_fn" && call->getNumArgs() == 1 && joining_callable(call->getArg(0));
    }
    return false;
  }

  void check_member_store(const clang::Expr* lhs, const clang::Expr* rhs, const clang::Stmt& at, RuleContext& ctx) {
    const clang::FieldDecl* field = member_of_this(lhs);
    clang::QualType stored = field != nullptr ? field->getType() : clang::QualType();
    if (field == nullptr) {
      // views_[i] = v; by_name_[key] = inner: an element of a member.
      field = member_element_of_this(lhs);
      if (field == nullptr) return;
      stored = lhs->getType().getNonReferenceType();
    }
    if (!is_reference_like(stored) && !holds_reference_like(stored) && !holds_view_containers(stored) &&
        !is_view_holder(stored)) {
      return;
    }
    // views_ = local; views_ = std::move(local): the elements are copied,
    // so what they refer into counts, not the local container.
    const bool elements = !keeps_view_object(stored) && holds_handles(stored) && is_std_container(rhs->getType());
    if (const clang::VarDecl* source =
            elements ? referents_.of_elements(rhs) : referents_.of(rhs, !keeps_view_object(stored))) {
      report_member(at.getBeginLoc(), field, source, ctx);
    }
  }

  /// std::copy(first, last, std::back_inserter(views_)),
  /// std::ranges::copy(local, std::back_inserter(views_)), or into
  /// views_.begin(): the copied elements are kept in the member.
  void check_copy_into_member(const clang::CallExpr& call, const clang::Stmt& at, RuleContext& ctx) {
    llvm::StringRef name;
    llvm::ArrayRef<const clang::Expr*> args;
    if (!std_algorithm(call, name, args) || !is_copy_algorithm(name)) return;
    const unsigned out = copy_output_index(args);
    if (out >= args.size()) return;
    const clang::Expr* target = strip_handle(args[out]);
    while (const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(target)) {
      if (construct->getNumArgs() != 1) break;
      target = strip_handle(construct->getArg(0));
    }
    const clang::Expr* container = nullptr;
    if (const auto* inserter = llvm::dyn_cast<clang::CallExpr>(target);
        inserter != nullptr && inserter->getNumArgs() >= 1 && inserter->getDirectCallee() != nullptr &&
        inserter->getDirectCallee()->isInStdNamespace() && inserter->getDirectCallee()->getIdentifier() != nullptr &&
        llvm::is_contained({"back_inserter", "front_inserter", "inserter"}, inserter->getDirectCallee()->getName())) {
      container = inserter->getArg(0);
    } else {
      container = range_of_iterator(target);
    }
    const clang::FieldDecl* field = member_of_this(container);
    if (field == nullptr || keeps_view_object(field->getType()) || !holds_handles(field->getType())) return;
    for (unsigned k = 0; k < out; ++k) {
      const clang::Expr* source = args[k];
      if (is_plain_scalar(source->getType())) continue;  // copy_n's count
      const clang::VarDecl* var = is_std_container(source->getType()) ? referents_.of_elements(source)
                                                                      : referents_.of_range_end(source);
      if (var != nullptr) {
        report_member(at.getBeginLoc(), field, var, ctx);
        return;
      }
    }
  }

  /// Each argument of an insertion into `container` checked against the
  /// part of the element it initialises (null: the whole element, or not
  /// known).
  void check_member_insert(const clang::Expr* object, llvm::ArrayRef<const clang::Expr*> args,
                           llvm::ArrayRef<clang::QualType> parts, const clang::Stmt& at, RuleContext& ctx,
                           const clang::CXXMethodDecl* method = nullptr) {
    const clang::FieldDecl* field = member_of_this(object);
    clang::QualType container = field != nullptr ? field->getType() : clang::QualType();
    if (field == nullptr) {
      // by_name_[key].push_back(s), groups_.back().push_back(s): a
      // container that is an element of a member.
      field = member_element_of_this(object);
      if (field == nullptr) return;
      container = object->getType().getNonReferenceType();
    }
    // std::vector<std::string_view>, or of pairs of views and numbers
    // (entries_.emplace_back(name, n)), or of containers of views
    // (groups_.push_back(inner)).
    if (!holds_reference_like(container) && !holds_only_handles(element_of(container)) &&
        !holds_view_containers(container)) {
      return;
    }
    const bool copies_views = !keeps_view_object(container);
    for (unsigned k = 0; k < args.size(); ++k) {
      const clang::QualType part = k < parts.size() ? parts[k] : clang::QualType();
      const clang::VarDecl* source = nullptr;
      if (method != nullptr && copies_views && is_range_end_parameter(*method, k)) {
        // insert(pos, first, last), assign(first, last): the elements of
        // the range are copied in; what they refer into counts.
        source = referents_.of_range_end(args[k]);
      } else if (k > 0 && is_piecewise(args[k - 1]) && k + 1 < args.size()) {
        // emplace(std::piecewise_construct, std::forward_as_tuple(key...),
        // std::forward_as_tuple(value...)): each tuple builds one part.
        source = piecewise_source(args[k], part, copies_views);
      } else if (k > 1 && is_piecewise(args[k - 2])) {
        source = piecewise_source(args[k], part, copies_views);
      } else {
        source = inserted_source(args[k], part, copies_views, 0);
      }
      if (source != nullptr) {
        report_member(at.getBeginLoc(), field, source, ctx);
        return;
      }
    }
  }

  /// A tuple of the arguments that build the element part `part` (null: not
  /// known), handed after std::piecewise_construct: each argument judged by
  /// that part (std::forward_as_tuple(42) into a number keeps nothing).
  const clang::VarDecl* piecewise_source(const clang::Expr* tuple, clang::QualType part, bool copies_views) {
    if (!part.isNull() && !may_refer(part)) return nullptr;
    if (std::optional<std::vector<const clang::Expr*>> pieces = tuple_arguments(tuple)) {
      for (const clang::Expr* piece : *pieces) {
        // std::string_view(p, n) built from a pointer into a local.
        const clang::VarDecl* source = piece->getType()->isPointerType() && !part.isNull()
                                           ? referents_.of(piece, copies_views)
                                           : inserted_source(piece, part, copies_views, 1);
        if (source != nullptr) return source;
      }
      return nullptr;
    }
    return inserted_source(tuple, clang::QualType(), copies_views, 0);
  }

  /// The arguments a tuple is made of here: std::forward_as_tuple(a, b),
  /// std::make_tuple(a), std::tie(a), std::tuple<K>(a), {a}; nullopt
  /// otherwise.
  static std::optional<std::vector<const clang::Expr*>> tuple_arguments(const clang::Expr* tuple) {
    const clang::Expr* e = strip_handle(tuple);
    if (const auto* functional = llvm::dyn_cast<clang::CXXFunctionalCastExpr>(e)) e = strip_handle(functional->getSubExpr());
    if (const auto* call = llvm::dyn_cast<clang::CallExpr>(e)) {
      const clang::FunctionDecl* callee = call->getDirectCallee();
      if (callee != nullptr && callee->isInStdNamespace() && callee->getIdentifier() != nullptr &&
          llvm::is_contained({"forward_as_tuple", "make_tuple", "tie"}, callee->getName())) {
        return std::vector<const clang::Expr*>(call->arg_begin(), call->arg_end());
      }
      return std::nullopt;
    }
    return built_pieces(tuple);
  }

  /// Is parameter `index` of the std container method `method` one end of
  /// an iterator range (insert(pos, first, last), assign(first, last),
  /// insert(first, last)): a template parameter taken by value?
  static bool is_range_end_parameter(const clang::CXXMethodDecl& method, unsigned index) {
    const clang::FunctionDecl* pattern = method.getTemplateInstantiationPattern();
    if (pattern == nullptr || index >= pattern->getNumParams()) return false;
    const clang::QualType type = pattern->getParamDecl(index)->getType();
    return !type->isReferenceType() && type->getAs<clang::TemplateTypeParmType>() != nullptr;
  }

  /// What `arg`, initialising the element part `part` (null: not known),
  /// leaves the element referring into.
  const clang::VarDecl* inserted_source(const clang::Expr* arg, clang::QualType part, bool copies_views,
                                        unsigned depth) {
    // A part that is itself a container of views (the inner vector of a
    // std::vector<std::vector<std::string_view>>): what its elements view.
    if (!part.isNull() && copies_views && holds_handles(part)) return referents_.of_container_argument(arg, part);
    if (!part.isNull()) {
      // Copied into a part that owns its value (the std::uint32_t of a
      // std::map<std::string_view, std::uint32_t>, a std::string): whatever
      // the argument is, the element keeps no reference to it.
      if (!may_refer(part)) return nullptr;
      // A number or an enum only stays referred to by a part bound to it
      // (std::reference_wrapper<int>, int&), never by a view or an iterator.
      if (is_plain_scalar(arg->getType()) && !binds_reference(part)) return nullptr;
      // insert({key, value}), push_back({view, n}): a pair or tuple built
      // in place, each of its arguments judged by the part it initialises.
      if (depth < 4) {
        if (std::optional<std::vector<const clang::Expr*>> pieces = built_pieces(arg)) {
          const std::vector<clang::QualType> subparts = tuple_parts(part);
          if (pieces->size() == subparts.size()) {
            for (size_t k = 0; k < pieces->size(); ++k) {
              if (const clang::VarDecl* source = inserted_source((*pieces)[k], subparts[k], copies_views, depth + 1)) {
                return source;
              }
            }
            return nullptr;
          }
          // std::pair<K, V>{k, v} converted to the element's pair.
          if (pieces->size() == 1 && !tuple_parts(arg->getType().getNonReferenceType()).empty() &&
              !tuple_parts((*pieces)[0]->getType().getNonReferenceType()).empty()) {
            return inserted_source((*pieces)[0], part, copies_views, depth + 1);
          }
        }
      }
    }
    // Only what becomes an element: a view or reference argument.
    if (!is_reference_like(arg->getType()) && !arg->isGLValue()) return nullptr;
    return referents_.of(arg, copies_views);
  }

  /// Can a value of `type` refer to memory it does not own: a view, an
  /// iterator, a reference, a pointer, or a std template holding one?
  static bool may_refer(clang::QualType type, unsigned depth = 0) {
    if (type.isNull() || type->isDependentType() || depth > 4) return true;
    if (type->isReferenceType() || type->isPointerType() || is_reference_like(type)) return true;
    const auto* spec = llvm::dyn_cast_or_null<clang::ClassTemplateSpecializationDecl>(type->getAsCXXRecordDecl());
    if (spec == nullptr || !spec->isInStdNamespace()) return false;
    for (const clang::TemplateArgument& arg : spec->getTemplateArgs().asArray()) {
      if (arg.getKind() == clang::TemplateArgument::Type && may_refer(arg.getAsType(), depth + 1)) return true;
      if (arg.getKind() == clang::TemplateArgument::Pack) {
        for (const clang::TemplateArgument& element : arg.pack_elements()) {
          if (element.getKind() == clang::TemplateArgument::Type && may_refer(element.getAsType(), depth + 1)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /// Is a value of `type` bound to an object (T&, std::reference_wrapper<T>,
  /// or a std template holding one), so that a lone scalar handed to it
  /// stays referred to?
  static bool binds_reference(clang::QualType type, unsigned depth = 0) {
    if (type.isNull() || type->isDependentType() || depth > 4) return true;
    if (type->isReferenceType()) return true;
    const auto* spec = llvm::dyn_cast_or_null<clang::ClassTemplateSpecializationDecl>(type->getAsCXXRecordDecl());
    if (spec == nullptr || !spec->isInStdNamespace()) return false;
    if (is_std_class(spec, {"reference_wrapper"})) return true;
    for (const clang::TemplateArgument& arg : spec->getTemplateArgs().asArray()) {
      if (arg.getKind() == clang::TemplateArgument::Type && binds_reference(arg.getAsType(), depth + 1)) return true;
      if (arg.getKind() == clang::TemplateArgument::Pack) {
        for (const clang::TemplateArgument& element : arg.pack_elements()) {
          if (element.getKind() == clang::TemplateArgument::Type && binds_reference(element.getAsType(), depth + 1)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /// The parts of a std::pair or std::tuple type, in order; empty for
  /// anything else.
  static std::vector<clang::QualType> tuple_parts(clang::QualType type) {
    std::vector<clang::QualType> parts;
    const auto* spec = llvm::dyn_cast_or_null<clang::ClassTemplateSpecializationDecl>(type->getAsCXXRecordDecl());
    if (spec == nullptr || !is_std_class(spec, {"pair", "tuple"})) return parts;
    for (const clang::TemplateArgument& arg : spec->getTemplateArgs().asArray()) {
      if (arg.getKind() == clang::TemplateArgument::Type) {
        parts.push_back(arg.getAsType());
      } else if (arg.getKind() == clang::TemplateArgument::Pack) {
        for (const clang::TemplateArgument& element : arg.pack_elements()) {
          if (element.getKind() != clang::TemplateArgument::Type) return {};
          parts.push_back(element.getAsType());
        }
      } else {
        return {};
      }
    }
    return parts;
  }

  /// The arguments a pair or tuple argument is built from in place
  /// ({k, v}, std::pair<K, V>(k, v)); nullopt when it is not built here.
  static std::optional<std::vector<const clang::Expr*>> built_pieces(const clang::Expr* arg) {
    const clang::Expr* e =
        flow::skip_carriers(arg, {clang::CK_NoOp}, flow::AtOtherCast::stop, flow::WrittenCasts::functional_only);
    if (e == nullptr) return std::nullopt;
    if (tuple_parts(e->getType().getNonReferenceType()).empty()) return std::nullopt;
    if (const auto* list = llvm::dyn_cast<clang::InitListExpr>(e)) {
      return std::vector<const clang::Expr*>(list->inits().begin(), list->inits().end());
    }
    if (const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(e);
        construct != nullptr && !construct->getConstructor()->isCopyOrMoveConstructor()) {
      return std::vector<const clang::Expr*>(construct->arg_begin(), construct->arg_end());
    }
    return std::nullopt;
  }

  /// The element part each argument of `method` (an insertion into a std
  /// container or optional of type `container`) initialises: for a map, the
  /// key and the mapped value (emplace(k, v), try_emplace(k, args...),
  /// insert_or_assign(k, v), after a hint); for an element that is a pair
  /// or tuple built in place (emplace_back(a, b)), its parts; otherwise
  /// the element. Null where it is not known.
  static llvm::SmallVector<clang::QualType, 4> element_parts(clang::QualType container, const clang::CXXMethodDecl& method,
                                                             llvm::ArrayRef<const clang::Expr*> args) {
    llvm::SmallVector<clang::QualType, 4> parts(args.size());
    const auto* spec = llvm::dyn_cast_or_null<clang::ClassTemplateSpecializationDecl>(
        container.getNonReferenceType()->getAsCXXRecordDecl());
    if (spec == nullptr || !spec->isInStdNamespace() || spec->getIdentifier() == nullptr) return parts;
    const clang::QualType element = member_type(spec, "value_type");
    if (element.isNull()) return parts;
    // A hint or a position first: judged as the element, as before (an
    // iterator into this container refers to nothing else).
    unsigned first = 0;
    if (method.getNumParams() > 0 && !args.empty()) {
      const clang::QualType param = method.getParamDecl(0)->getType().getNonReferenceType().getUnqualifiedType();
      const clang::QualType position = param.getCanonicalType();
      if (!param->isDependentType() &&
          (position == member_type(spec, "const_iterator") || position == member_type(spec, "iterator"))) {
        parts[0] = element;
        first = 1;
      }
    }
    const llvm::StringRef name = method.getName();
    const bool map = is_std_class(spec, {"map", "multimap", "unordered_map", "unordered_multimap"});
    const clang::QualType key = member_type(spec, "key_type");
    const clang::QualType mapped = member_type(spec, "mapped_type");
    const unsigned rest = args.size() - first;
    if (map && !key.isNull() && !mapped.isNull() && rest >= 1 &&
        (name == "try_emplace" || name == "insert_or_assign" ||
         ((name == "emplace" || name == "emplace_hint") && rest == 2 && !is_piecewise(args[first])))) {
      parts[first] = key;
      for (unsigned k = first + 1; k < args.size(); ++k) parts[k] = mapped;
      return parts;
    }
    const std::vector<clang::QualType> pieces = tuple_parts(element.getCanonicalType());
    // emplace(std::piecewise_construct, key_args, value_args): the tuples
    // build the first and the second part of the pair.
    if (name.starts_with("emplace") && rest == 3 && pieces.size() == 2 && is_piecewise(args[first])) {
      parts[first] = element;
      parts[first + 1] = pieces[0];
      parts[first + 2] = pieces[1];
      return parts;
    }
    const bool in_place = name.starts_with("emplace") && rest >= 2;
    if (in_place && pieces.size() == rest && !is_piecewise(args[first])) {
      for (unsigned k = 0; k < rest; ++k) parts[first + k] = pieces[k];
      return parts;
    }
    // Anything else (an element copied, moved or built from several
    // arguments, insert(first, last), assign(n, value)): the element.
    for (unsigned k = first; k < args.size(); ++k) parts[k] = in_place && !pieces.empty() ? clang::QualType() : element;
    return parts;
  }

  /// The value_type of a std container type, or null.
  static clang::QualType element_of(clang::QualType container) {
    const auto* spec = llvm::dyn_cast_or_null<clang::ClassTemplateSpecializationDecl>(
        container.getNonReferenceType()->getAsCXXRecordDecl());
    if (spec == nullptr || !spec->isInStdNamespace()) return {};
    return member_type(spec, "value_type");
  }

  static bool is_piecewise(const clang::Expr* arg) {
    const auto* record = arg->getType().getNonReferenceType()->getAsCXXRecordDecl();
    return is_std_class(record, {"piecewise_construct_t"});
  }

  /// A member typedef of a std class (value_type, key_type), or null.
  static clang::QualType member_type(const clang::CXXRecordDecl* record, llvm::StringRef name) {
    for (const clang::Decl* d : record->decls()) {
      const auto* type = llvm::dyn_cast<clang::TypedefNameDecl>(d);
      if (type != nullptr && type->getIdentifier() != nullptr && type->getName() == name) {
        return type->getUnderlyingType().getCanonicalType();
      }
    }
    return {};
  }

  void report_member(clang::SourceLocation loc, const clang::FieldDecl* field, const clang::VarDecl* source,
                     RuleContext& ctx) {
    // `Conn& c = *p; conns_.push_back(std::move(p)); by_id_.emplace(id, c);`:
    // the object lives on in its new owner, not with the local `p`.
    if (flow::hands_on_ownership(*source)) return;
    if (!reported_.insert(loc).second) return;
    const char* kind = llvm::isa<clang::ParmVarDecl>(source)            ? "parameter"
                       : llvm::isa<clang::DecompositionDecl>(source) ? "structured binding"
                                                                      : "local variable";
    // The hidden `auto&& __range = <temporary>` of a range-for loop.
    const std::string what = source->isImplicit() ? std::string("the temporary range of a for loop")
                                                  : std::string(kind) + " '" + display_name(source) + "'";
    // A reference member (or std::reference_wrapper) bound to an object the
    // caller hands in is usually a collaborator (a logger, a registry): a
    // copy would change what it does, so the ways to share it come first.
    const clang::QualType type = field->getType();
    const bool collaborator = llvm::isa<clang::ParmVarDecl>(source) &&
                              (type->isReferenceType() || is_std_class(type->getAsCXXRecordDecl(), {"reference_wrapper"}));
    const std::string remedy =
        collaborator
            ? "hold it through a std::shared_ptr<T> that the caller shares with this object (a meshwa::Ref<I> for "
              "another service), or pass it to each call that uses it instead of keeping it; if a copy will do, "
              "store a copy"
            : "store a copy instead (std::string, std::vector, a value member), or share it as meshwa::Shared<T> or a "
              "meshwa::Ref<I>";
    ctx.report.error(loc, kName,
                     "member '" + field->getNameAsString() + "' keeps a reference into " + what +
                         " beyond this call, which dangles once the caller's object is gone; " + remedy);
    ctx.report.note(field->getLocation(), "'" + field->getNameAsString() + "' is declared here with a reference or view type");
  }

  void report_lambda(const Capture& capture, const std::string& how, clang::SourceLocation loc, RuleContext& ctx) {
    // Replaying an instantiation: only what the pattern could not resolve.
    if (replaying_ && replay_locations_.count(loc) == 0) return;
    if (!reported_.insert(loc).second) return;
    if (order_problem_ && order_problem_->root != nullptr) {
      report_order(capture, *order_problem_, loc, ctx);
      return;
    }
    const std::string var = capture.var != nullptr ? capture.var->getNameAsString() : std::string("this");
    const Copyable copyable = capture.var != nullptr ? copyability(capture.var->getType()) : Copyable{};
    if (capture.wrapper) {
      ctx.report.error(loc, kName,
                       "std::ref/std::cref hands '" + var + "' by reference to a task that escapes this function (" +
                           how + "), so the reference can outlive '" + var + "'; " +
                           (copyable.move ? "pass '" + var + "' by value (without std::ref) or keep the data in a member"
                                          : not_copyable_remedy(var)));
      return;
    }
    // Handed to a function's std::function parameter: if that function only
    // calls it, taking the callable as a template parameter keeps it here.
    // A virtual function cannot be a template: calling it on a final class
    // whose override is visible lets the rule read what it does.
    const bool is_virtual = !template_callee_.empty() && template_callee_virtual_;
    const std::string as_template =
        template_callee_.empty() ? std::string()
        : is_virtual ? "'" + template_callee_ +
                           "' is virtual, so it cannot be made a template on the callable; if what you call it on is a "
                           "final class whose override is defined in this file, call it through that class (the "
                           "override is then read); otherwise "
                     : "if '" + template_callee_ + "' only calls it, make '" + template_callee_ +
                           "' a template on the callable (template <class F> ... F&& f); otherwise ";
    if (capture.this_capture) {
      ctx.report.error(loc, kName,
                       "a lambda that captures 'this' escapes the object (" + how +
                           "), so it can outlive the object; " + as_template +
                           "capture what it needs by value, or a std::weak_ptr (weak_from_this()) or "
                           "std::shared_ptr (shared_from_this()) instead of 'this', or keep the lambda in a member "
                           "of this object");
      ctx.report.note(capture.where, capture.lambda != nullptr && capture.where == capture.lambda->getCaptureDefaultLoc()
                                         ? "'this' is captured implicitly here"
                                         : "'this' is captured here");
      return;
    }
    if (capture.view) {
      ctx.report.error(loc, kName,
                       "a lambda that holds the view '" + var + "' escapes this function (" + how +
                           "), so it can outlive the data '" + var + "' refers to; " + as_template +
                           "capture an owning copy ([" + var + " = std::string(" + var + ")] or [" + var +
                           " = std::vector(" + var + ".begin(), " + var + ".end())]) or keep the data in a member");
      ctx.report.note(capture.where, "'" + var + "' is a view captured by value here; the copy refers to the same data");
      return;
    }
    // For a virtual callee, a copy changes what a visitor that accumulates
    // does (`total += u.age` into the copy): the shared data comes first.
    const std::string shared =
        is_virtual && capture.var != nullptr
            ? "hold the data in a std::shared_ptr that the lambda captures by value (auto " + var +
                  " = std::make_shared<" +
                  capture.var->getType().getNonReferenceType().getUnqualifiedType().getAsString(
                      capture.var->getASTContext().getPrintingPolicy()) +
                  ">(...); [" + var + "] ... *" + var + "), "
            : std::string();
    // A lambda that writes into the variable (a parallel loop filling
    // `out`): a copy would take its writes with it, so the results have to
    // come back another way.
    if (capture.var != nullptr && capture.lambda != nullptr && (copyable.copy || copyable.move) &&
        writes_into(*capture.lambda, *capture.var) && written_for_later(*capture.lambda, *capture.var)) {
      const std::string type = capture.var->getType().getNonReferenceType().getUnqualifiedType().getAsString(
          capture.var->getASTContext().getPrintingPolicy());
      ctx.report.error(loc, kName,
                       "a lambda that captures '" + var + "' by reference escapes this function (" + how +
                           "), so the reference can outlive '" + var + "'; " + as_template + "the lambda writes into '" +
                           var + "', so a copy would lose what it writes: return the results from the task (a "
                           "std::future<T> this function waits on) and store them here, or hold the data in a "
                           "std::shared_ptr that the lambda captures by value (auto " +
                           var + " = std::make_shared<" + type + ">(...); [" + var + "] ... *" + var + ")");
      ctx.report.note(capture.where, "'" + var + "' is captured by reference here");
      return;
    }
    const std::string by_value =
        copyable.copy   ? shared + "capture by value ([" + var + "] or [" + var + " = std::move(" + var + ")]) or keep the data in a member"
        : copyable.move ? shared + "capture by move ([" + var + " = std::move(" + var + ")]) or keep the data in a member"
                        : not_copyable_remedy(var);
    ctx.report.error(loc, kName,
                     "a lambda that captures '" + var + "' by reference escapes this function (" + how +
                         "), so the reference can outlive '" + var + "'; " + as_template + by_value);
    ctx.report.note(capture.where, "'" + var + "' is captured by reference here");
  }

  /// Does the lambda's body write into `var` (or into what it holds):
  /// assign to it or to an element or member of it (`out[i] = x`,
  /// `out.at(i) = x`, `++n`), call a mutating member function on it
  /// (`out.push_back(x)`: a non-const one that is no accessor), or hand it to
  /// a non-const reference parameter?
  static bool writes_into(const clang::LambdaExpr& lambda, const clang::ValueDecl& var) {
    const auto is_var = [&](const clang::Expr* e) {
      for (int depth = 0; e != nullptr && depth < 16; ++depth) {
        e = e->IgnoreParenImpCasts();
        if (const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(e)) return ref->getDecl() == &var;
        if (const auto* member = llvm::dyn_cast<clang::MemberExpr>(e)) {
          e = member->getBase();
        } else if (const auto* subscript = llvm::dyn_cast<clang::ArraySubscriptExpr>(e)) {
          e = subscript->getBase();
        } else if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(e)) {
          if (op->getNumArgs() == 0) return false;
          e = op->getArg(0);  // out[i], *it
        } else if (const auto* call = llvm::dyn_cast<clang::CXXMemberCallExpr>(e)) {
          e = call->getImplicitObjectArgument();  // out.at(i), out.back()
        } else {
          return false;
        }
      }
      return false;
    };
    // Named accessors (operators have no identifier: `out[i] = x` is the
    // assignment above, `out[i]` alone a read).
    static const llvm::StringRef kAccessors[] = {"at", "front", "back", "data", "begin", "end", "rbegin", "rend",
                                                 "find", "get", "value"};
    return flow::contains(lambda.getBody(), [&](const clang::Stmt& s) {
      if (const auto* binary = llvm::dyn_cast<clang::BinaryOperator>(&s)) {
        return binary->isAssignmentOp() && is_var(binary->getLHS());
      }
      if (const auto* unary = llvm::dyn_cast<clang::UnaryOperator>(&s)) {
        return unary->isIncrementDecrementOp() && is_var(unary->getSubExpr());
      }
      const auto* call = llvm::dyn_cast<clang::CallExpr>(&s);
      if (call == nullptr) return false;
      const auto* method = llvm::dyn_cast_or_null<clang::CXXMethodDecl>(call->getDirectCallee());
      if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(call)) {
        if (op->isAssignmentOp() && op->getNumArgs() > 0) return is_var(op->getArg(0));
      }
      if (method != nullptr && !method->isStatic() && !method->isConst() && !llvm::isa<clang::CXXOperatorCallExpr>(call)) {
        const auto* member_call = llvm::dyn_cast<clang::CXXMemberCallExpr>(call);
        const bool accessor = method->getIdentifier() != nullptr && llvm::is_contained(kAccessors, method->getName());
        if (member_call != nullptr && !accessor && is_var(member_call->getImplicitObjectArgument())) return true;
      }
      const clang::FunctionDecl* callee = call->getDirectCallee();
      if (callee == nullptr) return false;
      const unsigned shift = llvm::isa<clang::CXXOperatorCallExpr>(call) && method != nullptr ? 1 : 0;
      for (unsigned i = shift; i < call->getNumArgs() && i - shift < callee->getNumParams(); ++i) {
        if (is_mutable_lvalue_reference(callee->getParamDecl(i - shift)->getType()) && is_var(call->getArg(i))) {
          return true;
        }
      }
      return false;
    });
  }

  /// Is what the lambda writes into `var` wanted after it: `var` refers to
  /// data of the caller (a reference parameter or variable), or the function
  /// uses `var` after the lambda? (A counter captured by a lambda that is
  /// returned is not: a copy of it, `[count]() mutable`, does the same.)
  static bool written_for_later(const clang::LambdaExpr& lambda, const clang::ValueDecl& var) {
    if (var.getType()->isReferenceType()) return true;
    const auto* fn = llvm::dyn_cast<clang::FunctionDecl>(var.getDeclContext());
    if (fn == nullptr || fn->getBody() == nullptr) return false;
    const clang::SourceManager& sources = var.getASTContext().getSourceManager();
    const clang::SourceLocation end = lambda.getEndLoc();
    if (end.isInvalid()) return false;
    // Uses by the function itself: other lambdas capturing `var` are
    // escapes of their own, not readers of what this one wrote.
    llvm::SmallVector<const clang::Stmt*, 64> stack{fn->getBody()};
    while (!stack.empty()) {
      const clang::Stmt* s = stack.pop_back_val();
      if (s == nullptr || llvm::isa<clang::LambdaExpr>(s)) continue;
      if (const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(s)) {
        if (ref->getDecl() == &var && ref->getBeginLoc().isValid() &&
            sources.isBeforeInTranslationUnit(end, ref->getBeginLoc())) {
          return true;
        }
      }
      for (const clang::Stmt* child : s->children()) stack.push_back(child);
    }
    return false;
  }

  /// The remedy for a variable that can be neither copied nor moved into
  /// the lambda (a std::barrier, a std::atomic, a std::mutex).
  static std::string not_copyable_remedy(const std::string& var) {
    return "'" + var + "' cannot be copied or moved, so make the task finish before '" + var +
           "' dies (a local thread or future declared after '" + var + "' and joined or waited on here), or hold '" +
           var + "' in a std::shared_ptr that the lambda captures by value (a meshwa::Shared<T> for data it only reads)";
  }

  /// A thread (or future) holder that does only join, but that a variable
  /// the lambda captures by reference does not outlive: the captured
  /// variable dies first on some path while the thread may still run.
  void report_order(const Capture& capture, const OrderProblem& problem, clang::SourceLocation loc, RuleContext& ctx) {
    const std::string var = display_name(problem.captured);
    const std::string root = display_name(problem.root);
    const std::string holder = problem.holder->getNameAsString();
    const bool future = joined_kind(problem.holder->getType()) == Joined::future ||
                        element_joined_kind(problem.holder->getType()) == Joined::future;
    const std::string runs = future ? "runs in a std::async task whose future is kept in '" + holder + "'"
                                    : "runs on a thread kept in '" + holder + "'";
    const std::string thread = future ? "the task" : "the thread";
    std::string message = (capture.wrapper ? "std::ref/std::cref passes '" + var + "' by reference to a task that "
                                           : "a lambda that captures '" + var + "' by reference ") +
                          runs + ", ";
    if (problem.same_block) {
      message += "which is declared before '" + root + "': if this function leaves before " +
                 (future ? "waiting" : "joining") + " (an exception, an early return), '" + root +
                 "' is destroyed first, while " + thread + " may still use it; declare '" + holder + "' after '" +
                 root + "'";
    } else {
      const Copyable copyable = copyability(problem.captured->getType());
      message += "which outlives '" + root + "': '" + root + "' is destroyed at the end of its block while " + thread +
                 " may still use it; " + (future ? "wait for the future" : "join the thread") + " before that block ends" +
                 (copyable.copy   ? ", or capture '" + var + "' by value ([" + var + "])"
                  : copyable.move ? ", or capture '" + var + "' by move ([" + var + " = std::move(" + var + ")])"
                                  : std::string());
    }
    ctx.report.error(loc, kName, message);
    if (capture.wrapper) {
      ctx.report.note(capture.where, "'" + var + "' is passed by reference here");
    } else if (problem.captured == problem.root) {
      ctx.report.note(capture_location(capture, problem.captured), "'" + var + "' is captured by reference here");
    } else {
      ctx.report.note(capture_location(capture, problem.captured),
                      "'" + var + "' is captured by reference here; it refers to '" + root + "'");
    }
    ctx.report.note(problem.holder->getLocation(), "'" + holder + "' is declared here");
  }

  /// A variable's name; for the hidden variable of a structured binding,
  /// its bindings: [a, b].
  static std::string display_name(const clang::VarDecl* var) {
    const auto* decomposition = llvm::dyn_cast<clang::DecompositionDecl>(var);
    if (decomposition == nullptr) return var->getNameAsString();
    std::string name = "[";
    for (const clang::BindingDecl* binding : decomposition->bindings()) {
      if (binding != decomposition->bindings().front()) name += ", ";
      name += binding->getNameAsString();
    }
    return name + "]";
  }

  static clang::SourceLocation capture_location(const Capture& capture, const clang::VarDecl* var) {
    if (capture.lambda == nullptr) return capture.where;
    for (const clang::LambdaCapture& c : capture.lambda->captures()) {
      if (!c.capturesVariable()) continue;
      const clang::ValueDecl* captured = c.getCapturedVar();
      if (const auto* binding = llvm::dyn_cast_or_null<clang::BindingDecl>(captured)) captured = binding->getDecomposedDecl();
      if (captured == var) {
        return c.isImplicit() ? capture.lambda->getCaptureDefaultLoc() : c.getLocation();
      }
    }
    return capture.where;
  }

  // --- [this] lambdas kept in members of a copyable or movable class ------

  /// The member of this object that `e` (a member, an element of one) is or
  /// is part of: handlers_ for handlers_[k], slot_.cb; null if none.
  static const clang::FieldDecl* field_of_this(const clang::Expr* e) {
    for (int depth = 0; depth < 16 && e != nullptr; ++depth) {
      e = e->IgnoreParenImpCasts();
      if (const auto* member = llvm::dyn_cast<clang::MemberExpr>(e)) {
        if (llvm::isa<clang::CXXThisExpr>(member->getBase()->IgnoreParenImpCasts())) {
          return llvm::dyn_cast<clang::FieldDecl>(member->getMemberDecl());
        }
        e = member->getBase();
      } else if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(e); op != nullptr && op->getNumArgs() > 0) {
        e = op->getArg(0);
      } else if (const auto* call = llvm::dyn_cast<clang::CXXMemberCallExpr>(e)) {
        e = call->getImplicitObjectArgument();
      } else if (const auto* unary = llvm::dyn_cast<clang::UnaryOperator>(e)) {
        e = unary->getSubExpr();
      } else {
        return nullptr;
      }
    }
    return nullptr;
  }

  /// A lambda capturing `this` kept in a member of the same object.
  struct OwnStore {
    const clang::CXXRecordDecl* self;
    const clang::FieldDecl* field;  // null when not known
    clang::SourceLocation at;       // the lambda, or the local holding it where it is stored
    clang::SourceLocation capture;  // where `this` is captured
    bool implicit;                  // captured implicitly ([&], [=])
  };

  void remember_own_store(const Capture& capture, clang::SourceLocation at) {
    if (capture.self == nullptr || capture.lambda == nullptr) return;
    own_stores_.push_back(OwnStore{capture.self, own_field_, at, capture.where,
                                   capture.where == capture.lambda->getCaptureDefaultLoc()});
  }

  /// Which of the class's implicit (or defaulted) copy and move operations
  /// this file uses; for a class template, any of its instantiations'.
  static std::pair<bool, bool> copies_and_moves(const clang::CXXRecordDecl& record) {
    bool copies = false;
    bool moves = false;
    const auto add = [&](const clang::CXXRecordDecl& r) {
      copies = copies || defaulted_and_used(r, CopyMove::copy_constructor) ||
               defaulted_and_used(r, CopyMove::copy_assignment);
      moves = moves || defaulted_and_used(r, CopyMove::move_constructor) ||
              defaulted_and_used(r, CopyMove::move_assignment);
    };
    if (const clang::ClassTemplateDecl* tmpl = record.getDescribedClassTemplate()) {
      for (const clang::ClassTemplateSpecializationDecl* spec : tmpl->specializations()) {
        if (spec->isThisDeclarationADefinition()) add(*spec);
      }
    } else if (!record.isDependentContext()) {
      add(record);
    }
    return {copies, moves};
  }

  /// The class's implicit copy and move operations copy a `[this]` lambda
  /// kept in a member as is: the copy's callback still refers to the
  /// original object (moved from, or destroyed when a std::vector of the
  /// class grows). Reported when this file copies or moves the class through
  /// those operations; a class never copied, or with its own (or deleted)
  /// copy and move operations, is fine.
  void check_own_stores(RuleContext& ctx) {
    for (const OwnStore& store : own_stores_) {
      const clang::CXXRecordDecl* record = store.self->getDefinition();
      if (record == nullptr) continue;
      const auto [copies, moves] = copies_and_moves(*record);
      if (!copies && !moves) continue;
      if (!own_reported_.insert(store.at).second) continue;
      const std::string cls = record->getNameAsString();
      const std::string member = store.field != nullptr ? "member '" + store.field->getNameAsString() + "'" : "a member";
      const std::string ops = copies && moves ? "copy and move" : copies ? "copy" : "move";
      const std::string copy = copies && moves ? "a copy (or moved-to object)" : copies ? "a copy" : "a moved-to object";
      ctx.report.error(store.at, kName,
                       "a lambda that captures 'this' is kept in " + member + ", but '" + cls +
                           "' is copied or moved in this file by its implicit (or defaulted) " + ops +
                           " operations, which copy the lambda as is: " + copy +
                           " calls back into the original object, which may be gone (a std::vector<" + cls +
                           "> moves its elements when it grows); delete the copy and move operations of '" + cls +
                           "' ('" + cls + "(const " + cls + "&) = delete;' and 'operator='), or write them to rebuild " +
                           (store.field != nullptr ? "'" + store.field->getNameAsString() + "'" : "the lambda") +
                           " for the new object");
      ctx.report.note(store.capture, store.implicit ? "'this' is captured implicitly here" : "'this' is captured here");
    }
    own_stores_.clear();
  }

  std::vector<OwnStore> own_stores_;
  std::set<clang::SourceLocation> own_reported_;
  mutable bool own_member_ = false;  // the last escape_of kept a [this] lambda in this object's member
  mutable const clang::FieldDecl* own_field_ = nullptr;  // ... that member, if known

  // --- thread members started before the members their thread uses ------

  /// How a thread member gets its thread.
  enum class ThreadStart {
    member_init,  ///< in a constructor's member initialiser or the default member initialiser
    assigned,     ///< `worker_ = std::jthread(...)` in a constructor body or a method
  };

  /// Members are constructed in declaration order and destroyed in reverse:
  /// a std::thread / std::jthread member initialised with a thread that
  /// uses (through `this`) members declared after it runs before they are
  /// constructed, and a std::jthread (which joins in its destructor) is
  /// joined only after they are destroyed. A class template is judged in its
  /// instantiations (reported once, where it is written).
  void check_thread_members(const clang::CXXRecordDecl& record, RuleContext& ctx) {
    if (!record.isThisDeclarationADefinition() || record.isLambda() || replaying_) return;
    if (!record.isDependentContext()) {
      thread_members_of(record, ctx);
      return;
    }
    const clang::ClassTemplateDecl* tmpl = record.getDescribedClassTemplate();
    if (tmpl == nullptr) return;
    unsigned count = 0;
    for (const clang::ClassTemplateSpecializationDecl* spec : tmpl->specializations()) {
      if (!spec->isThisDeclarationADefinition() || ++count > 8) continue;
      thread_members_of(*spec, ctx);
    }
  }

  void thread_members_of(const clang::CXXRecordDecl& record, RuleContext& ctx) {
    for (const clang::FieldDecl* field : record.fields()) {
      if (field->getType()->isReferenceType() || joined_kind(field->getType()) != Joined::thread) continue;
      const bool jthread = is_std_class(field->getType()->getAsCXXRecordDecl(), {"jthread"});
      // A std::jthread joins in its own destructor, after the members
      // declared after it are gone, unless the class's destructor joins it.
      const bool joined_late = jthread && !destructor_joins(record, field);
      if (const clang::Expr* init = field->getInClassInitializer()) {
        check_thread_start(record, *field, init, init->getBeginLoc(), ThreadStart::member_init, joined_late, ctx);
      }
      for (const clang::CXXMethodDecl* declared : record.methods()) {
        const clang::FunctionDecl* definition = definition_with_body(declared);
        if (definition == nullptr) continue;
        if (const auto* ctor = llvm::dyn_cast<clang::CXXConstructorDecl>(definition)) {
          for (const clang::CXXCtorInitializer* init : ctor->inits()) {
            if (!init->isWritten() || init->getMember() != field || init->getInit() == nullptr) continue;
            check_thread_start(record, *field, init->getInit(), init->getSourceLocation(), ThreadStart::member_init,
                               joined_late, ctx);
          }
        }
        // std::thread assigned later: the class's destructor must join it
        // (a joinable std::thread destroyed calls std::terminate), before
        // any member is destroyed.
        if (!joined_late || llvm::isa<clang::CXXDestructorDecl>(definition)) continue;
        llvm::SmallVector<const clang::Stmt*, 64> stack{definition->getBody()};
        while (!stack.empty()) {
          const clang::Stmt* s = stack.pop_back_val();
          if (s == nullptr) continue;
          for (const clang::Stmt* child : s->children()) stack.push_back(child);
          const auto* assign = llvm::dyn_cast<clang::CXXOperatorCallExpr>(s);
          if (assign == nullptr || assign->getOperator() != clang::OO_Equal || assign->getNumArgs() != 2) continue;
          const auto* member = llvm::dyn_cast<clang::MemberExpr>(assign->getArg(0)->IgnoreParenImpCasts());
          if (member == nullptr || member->getMemberDecl() != field ||
              !llvm::isa<clang::CXXThisExpr>(member->getBase()->IgnoreParenImpCasts())) {
            continue;
          }
          check_thread_start(record, *field, assign->getArg(1), assign->getBeginLoc(), ThreadStart::assigned,
                             joined_late, ctx);
        }
      }
    }
  }

  /// Does the class's own destructor join `field` (`worker_.join()`)?
  static bool destructor_joins(const clang::CXXRecordDecl& record, const clang::FieldDecl* field) {
    const clang::CXXDestructorDecl* dtor = record.getDestructor();
    const clang::FunctionDecl* definition = definition_with_body(dtor);
    if (definition == nullptr) return false;
    return flow::contains(definition->getBody(), [&](const clang::Stmt& s) {
      const auto* call = llvm::dyn_cast<clang::CXXMemberCallExpr>(&s);
      const clang::CXXMethodDecl* method = call != nullptr ? call->getMethodDecl() : nullptr;
      if (method == nullptr || method->getIdentifier() == nullptr || method->getName() != "join") return false;
      const auto* member = llvm::dyn_cast<clang::MemberExpr>(call->getImplicitObjectArgument()->IgnoreParenImpCasts());
      return member != nullptr && member->getMemberDecl() == field;
    });
  }

  /// The thread made by `value` (a std::thread / std::jthread construction,
  /// through copies and temporaries), or nullptr.
  static const clang::CXXConstructExpr* thread_construction(const clang::Expr* value) {
    for (int depth = 0; depth < 16 && value != nullptr; ++depth) {
      value = value->IgnoreImplicit()->IgnoreParenImpCasts();
      if (const auto* cast = llvm::dyn_cast<clang::CXXFunctionalCastExpr>(value)) {
        value = cast->getSubExpr();
        continue;
      }
      const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(value);
      if (construct == nullptr || joined_kind(construct->getType()) != Joined::thread) return nullptr;
      const clang::CXXConstructorDecl* ctor = construct->getConstructor();
      if (ctor != nullptr && ctor->isCopyOrMoveConstructor() && construct->getNumArgs() == 1) {
        value = construct->getArg(0);
        continue;
      }
      return construct->getNumArgs() > 0 ? construct : nullptr;
    }
    return nullptr;
  }

  /// What the thread runs on this object: the body of a lambda capturing
  /// `this` (`[this]`, or `[&]`/`[=]` naming a member), or of a method of the
  /// class started as `std::jthread(&Pump::run, this)`. nullptr otherwise.
  static const clang::Stmt* thread_body(const clang::CXXConstructExpr& thread, const clang::CXXRecordDecl& record) {
    const clang::Expr* first = thread.getArg(0)->IgnoreImplicit()->IgnoreParenImpCasts();
    while (const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(first)) {
      if (construct->getNumArgs() != 1) break;  // a copy of the closure
      first = construct->getArg(0)->IgnoreImplicit()->IgnoreParenImpCasts();
    }
    if (const auto* lambda = llvm::dyn_cast<clang::LambdaExpr>(first)) {
      const bool captures_this = std::any_of(lambda->capture_begin(), lambda->capture_end(),
                                             [](const clang::LambdaCapture& c) { return c.capturesThis(); });
      return captures_this ? lambda->getBody() : nullptr;
    }
    const auto* address = llvm::dyn_cast<clang::UnaryOperator>(first);
    if (address == nullptr || address->getOpcode() != clang::UO_AddrOf || thread.getNumArgs() < 2 ||
        !llvm::isa<clang::CXXThisExpr>(thread.getArg(1)->IgnoreImplicit()->IgnoreParenImpCasts())) {
      return nullptr;
    }
    const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(address->getSubExpr()->IgnoreParenImpCasts());
    const auto* method = ref != nullptr ? llvm::dyn_cast<clang::CXXMethodDecl>(ref->getDecl()) : nullptr;
    const clang::FunctionDecl* definition = definition_with_body(method);
    if (method == nullptr || method->getParent()->getCanonicalDecl() != record.getCanonicalDecl() ||
        definition == nullptr) {
      return nullptr;
    }
    return definition->getBody();
  }

  /// The members of `record` that `root` uses through `this`, with the
  /// first use of each; methods of the class called on `this` are followed
  /// (4 calls deep).
  static void members_used(const clang::Stmt* root, const clang::CXXRecordDecl& record,
                           std::map<const clang::FieldDecl*, const clang::Expr*>& used,
                           std::set<const clang::FunctionDecl*>& seen, unsigned depth) {
    llvm::SmallVector<const clang::Stmt*, 64> stack{root};
    while (!stack.empty()) {
      const clang::Stmt* s = stack.pop_back_val();
      if (s == nullptr) continue;
      for (const clang::Stmt* child : s->children()) stack.push_back(child);
      if (const auto* member = llvm::dyn_cast<clang::MemberExpr>(s)) {
        const auto* field = llvm::dyn_cast<clang::FieldDecl>(member->getMemberDecl());
        if (field != nullptr && field->getParent()->getCanonicalDecl() == record.getCanonicalDecl() &&
            llvm::isa<clang::CXXThisExpr>(member->getBase()->IgnoreParenImpCasts())) {
          auto [it, fresh] = used.emplace(field, member);
          if (!fresh && source_before(member->getBeginLoc(), it->second->getBeginLoc(), record)) it->second = member;
        }
      }
      const auto* call = llvm::dyn_cast<clang::CXXMemberCallExpr>(s);
      if (call == nullptr || depth >= 4 || call->getImplicitObjectArgument() == nullptr ||
          !llvm::isa<clang::CXXThisExpr>(call->getImplicitObjectArgument()->IgnoreParenImpCasts())) {
        continue;
      }
      const clang::CXXMethodDecl* method = call->getMethodDecl();
      const clang::FunctionDecl* definition = definition_with_body(method);
      if (method == nullptr || method->getParent()->getCanonicalDecl() != record.getCanonicalDecl() ||
          definition == nullptr || !seen.insert(definition).second) {
        continue;
      }
      members_used(definition->getBody(), record, used, seen, depth + 1);
    }
  }

  static bool source_before(clang::SourceLocation a, clang::SourceLocation b, const clang::CXXRecordDecl& record) {
    return record.getASTContext().getSourceManager().isBeforeInTranslationUnit(a, b);
  }

  void check_thread_start(const clang::CXXRecordDecl& record, const clang::FieldDecl& field, const clang::Expr* value,
                          clang::SourceLocation at, ThreadStart start, bool joined_late, RuleContext& ctx) {
    const clang::CXXConstructExpr* thread = thread_construction(value);
    const clang::Stmt* body = thread != nullptr ? thread_body(*thread, record) : nullptr;
    if (body == nullptr) return;
    std::map<const clang::FieldDecl*, const clang::Expr*> used;
    std::set<const clang::FunctionDecl*> seen;
    members_used(body, record, used, seen, 0);
    std::vector<const clang::FieldDecl*> later;
    for (const auto& [member, use] : used) {
      if (member->getFieldIndex() > field.getFieldIndex()) later.push_back(member);
    }
    if (later.empty()) return;
    std::sort(later.begin(), later.end(),
              [](const clang::FieldDecl* a, const clang::FieldDecl* b) { return a->getFieldIndex() < b->getFieldIndex(); });
    if (!thread_orders_.insert(at).second) return;  // another instantiation
    std::string names;
    for (size_t k = 0; k < later.size() && k < 3; ++k) {
      names += (k == 0 ? "" : k + 1 == later.size() ? " and " : ", ") + ("'" + later[k]->getNameAsString() + "'");
    }
    if (later.size() > 3) names += " and " + std::to_string(later.size() - 3) + " more";
    const bool one = later.size() == 1;
    const std::string thread_name = "'" + field.getNameAsString() + "'";
    const std::string what =
        start == ThreadStart::member_init
            ? std::string(one ? "it is" : "they are") + " constructed only after the thread has started" +
                  (joined_late ? " and destroyed before the std::jthread's destructor joins it" : "")
            : std::string(one ? "it is" : "they are") + " destroyed before the std::jthread's destructor joins the thread";
    ctx.report.error(at, kName,
                     "the thread of member " + thread_name + " uses " + names + ", declared after " + thread_name +
                         ": " + what + "; declare " + thread_name + " after the members its thread uses (last)" +
                         (start == ThreadStart::assigned ? ", or join it in the destructor" : ""));
    ctx.report.note(later.front()->getLocation(),
                    "'" + later.front()->getNameAsString() + "' is declared here, after " + thread_name);
    ctx.report.note(used[later.front()]->getExprLoc(), "the thread uses it here");
  }

  std::set<clang::SourceLocation> thread_orders_;  // thread starts reported (across instantiations)

  // --- template patterns: calls resolved only in the instantiations -------

  /// In a template pattern, `parent` receives `child` (a lambda, or a local
  /// holding one) in a call or construction that clang leaves unresolved
  /// only because an argument's type is dependent — a lambda written in a
  /// template has a dependent closure type even when nothing in it depends
  /// on the template parameters — while what is called does not depend on
  /// them: `out.push_back([this] {...})` on a
  /// `std::vector<std::function<void()>>&`, `register_callback([&n] {...})`,
  /// `std::thread([this] {...})`, `std::jthread t([&] {...});`. The
  /// instantiations resolve the same call (see replay_instantiations). A
  /// call whose object, callee or other arguments depend on the template
  /// parameters (`sink.add(...)` with a `Sink&`, `T::subscribe(...)`) is
  /// the generic code's business and stays unjudged.
  static bool resolved_on_instantiation(const clang::Stmt* parent, const clang::Stmt* child, RuleContext& ctx) {
    if (parent == nullptr) return false;
    const auto others_independent = [&](llvm::ArrayRef<const clang::Expr*> args) {
      for (const clang::Expr* arg : args) {
        if (arg == nullptr || arg == child) continue;
        const clang::Expr* bare = arg->IgnoreImplicit()->IgnoreParenImpCasts();
        if (llvm::isa<clang::LambdaExpr>(bare)) continue;  // dependent only as a closure
        if (arg->isTypeDependent()) return false;
      }
      return true;
    };
    const auto explicit_args_independent = [](const clang::OverloadExpr& e) {
      for (const clang::TemplateArgumentLoc& arg : e.template_arguments()) {
        if (arg.getArgument().isDependent()) return false;
      }
      return true;
    };
    if (const auto* call = llvm::dyn_cast<clang::CallExpr>(parent)) {
      if (call->getDirectCallee() != nullptr || !call->isTypeDependent()) return false;
      if (std::find(call->arg_begin(), call->arg_end(), child) == call->arg_end()) return false;
      llvm::SmallVector<const clang::Expr*, 4> args(call->arg_begin(), call->arg_end());
      if (!others_independent(args)) return false;
      const clang::Expr* callee = call->getCallee()->IgnoreParenImpCasts();
      if (const auto* member = llvm::dyn_cast<clang::UnresolvedMemberExpr>(callee)) {
        if (!explicit_args_independent(*member)) return false;
        if (member->isImplicitAccess()) return true;  // a method of this class
        const clang::Expr* base = member->getBase()->IgnoreParenImpCasts();
        return llvm::isa<clang::CXXThisExpr>(base) || !base->isTypeDependent();
      }
      if (const auto* lookup = llvm::dyn_cast<clang::UnresolvedLookupExpr>(callee)) {
        return explicit_args_independent(*lookup);
      }
      return false;
    }
    if (const auto* construct = llvm::dyn_cast<clang::CXXUnresolvedConstructExpr>(parent)) {
      if (construct->getTypeAsWritten()->isDependentType()) return false;
      llvm::SmallVector<const clang::Expr*, 4> args(construct->arg_begin(), construct->arg_end());
      return std::find(args.begin(), args.end(), child) != args.end() && others_independent(args);
    }
    if (const auto* list = llvm::dyn_cast<clang::ParenListExpr>(parent)) {
      // std::jthread t([&] {...}); worker_([this] {...}) in a constructor.
      llvm::SmallVector<const clang::Expr*, 4> args;
      for (unsigned k = 0; k < list->getNumExprs(); ++k) args.push_back(list->getExpr(k));
      if (std::find(args.begin(), args.end(), child) == args.end()) return false;
      if (!others_independent(args)) return false;
      const clang::Decl* decl = ctx.decl_parents().empty() ? nullptr : ctx.decl_parents().back();
      if (const auto* var = llvm::dyn_cast_or_null<clang::VarDecl>(decl)) {
        return var->getInit() == list && !var->getType()->isDependentType();
      }
      if (const auto* ctor = llvm::dyn_cast_or_null<clang::CXXConstructorDecl>(decl)) {
        for (const clang::CXXCtorInitializer* init : ctor->inits()) {
          if (init->getInit() != list) continue;
          const clang::FieldDecl* field = init->getMember();
          return field != nullptr && !field->getType()->isDependentType();
        }
      }
    }
    return false;
  }

  /// A lambda (or a local holding one) at `loc` whose escape only the
  /// instantiations of the enclosing template can decide.
  void remember_for_replay(clang::SourceLocation loc, RuleContext& ctx) {
    llvm::ArrayRef<const clang::Decl*> decls = ctx.decl_parents();
    for (size_t k = 0; k < decls.size(); ++k) {
      const auto* fn = llvm::dyn_cast<clang::FunctionDecl>(decls[k]);
      if (fn == nullptr || !fn->isDependentContext() || !fn->doesThisDeclarationHaveABody()) continue;
      replay_locations_.insert(loc);
      // The outermost dependent function: its instantiations hold the rest.
      if (replay_functions_.find(fn) == replay_functions_.end()) {
        replay_functions_.emplace(fn, std::vector<const clang::Decl*>(decls.begin(), decls.begin() + k));
        replay_order_.push_back(fn);
      }
      return;
    }
  }

  void check_end_of_translation_unit(RuleContext& ctx) override {
    replay_instantiations(ctx);
    check_own_stores(ctx);
  }

  /// Walks the instantiations of the template functions remembered above
  /// (up to flow::bodies_to_analyse's limit each) like the checker walks the
  /// pattern, running the lambda checks there, and reports only the lambdas
  /// the pattern left undecided, at their written location (once, however
  /// many instantiations agree). An uninstantiated template is not judged.
  void replay_instantiations(RuleContext& ctx) {
    replaying_ = true;
    for (const clang::FunctionDecl* pattern : replay_order_) {
      for (const clang::FunctionDecl* instance : flow::bodies_to_analyse(*pattern)) {
        RuleContext replay(ctx.ast, ctx.report, ctx.service_code);
        replay.stacks().decls = replay_functions_[pattern];
        flow::with_stack_for(*instance, [&] {
          Replay walk(*this, replay);
          walk.TraverseDecl(const_cast<clang::FunctionDecl*>(instance));
        });
        callables_.clear();
      }
    }
    replaying_ = false;
  }

  /// The checker's walk (Checker.cpp) over one instantiated function: the
  /// same statement and declaration stacks, check_stmt on every statement.
  class Replay : public clang::RecursiveASTVisitor<Replay> {
    using Base = clang::RecursiveASTVisitor<Replay>;

   public:
    Replay(EscapingReference& rule, RuleContext& ctx) : rule_(rule), ctx_(ctx) {}
    bool shouldVisitTemplateInstantiations() const { return false; }
    bool shouldVisitImplicitCode() const { return false; }

    bool TraverseDecl(clang::Decl* decl) {
      if (decl == nullptr) return true;
      ctx_.stacks().decls.push_back(decl);
      const bool result = Base::TraverseDecl(decl);
      ctx_.stacks().decls.pop_back();
      return result;
    }
    bool TraverseStmt(clang::Stmt* stmt, DataRecursionQueue* /*queue*/ = nullptr) {
      if (stmt == nullptr) return true;
      rule_.check_stmt(*stmt, ctx_);
      ctx_.stacks().push_stmt(stmt);
      const bool result = Base::TraverseStmt(stmt, nullptr);
      ctx_.stacks().pop_stmt();
      return result;
    }
    bool TraverseLambdaExpr(clang::LambdaExpr* lambda) {
      ctx_.stacks().decls.push_back(lambda->getCallOperator());
      const bool result = Base::TraverseLambdaExpr(lambda);
      ctx_.stacks().decls.pop_back();
      return result;
    }
    // Unevaluated operands: never made, not walked.
    bool TraverseUnaryExprOrTypeTraitExpr(clang::UnaryExprOrTypeTraitExpr*, DataRecursionQueue* = nullptr) {
      return true;
    }
    bool TraverseDecltypeTypeLoc(clang::DecltypeTypeLoc) { return true; }

   private:
    EscapingReference& rule_;
    RuleContext& ctx_;
  };

  bool replaying_ = false;         // walking an instantiation (replay_instantiations)
  bool replay_candidate_ = false;  // the last escape_of met a call resolved only on instantiation
  std::set<clang::SourceLocation> replay_locations_;
  std::map<const clang::FunctionDecl*, std::vector<const clang::Decl*>> replay_functions_;  // with the decls around
  std::vector<const clang::FunctionDecl*> replay_order_;

  std::optional<OrderProblem> order_problem_;
  // The function whose std::function parameter the lambda was converted to,
  // by the last escape_of: making it a template on the callable is a fix.
  std::string template_callee_;
  bool template_callee_virtual_ = false;  // ... and it is a virtual function

  const clang::Decl* held_by_ = nullptr;
  const Capture* current_ = nullptr;  // the lambda whose escape is being decided
  const clang::SourceManager* source_manager_ = nullptr;
  std::map<const clang::VarDecl*, Capture> callables_;
  std::map<const clang::Stmt*, std::unique_ptr<clang::ParentMap>> parent_maps_;
  std::set<const clang::VarDecl*> fate_visiting_;
  std::map<std::tuple<const clang::FunctionDecl*, unsigned, unsigned>, Fate> parameter_fates_;
  unsigned cycle_cuts_ = 0;
  std::set<clang::SourceLocation> reported_;
  Referents referents_;
};

}  // namespace

std::unique_ptr<Rule> make_EscapingReference() { return std::make_unique<EscapingReference>(); }

}  // namespace meshwa::rules
