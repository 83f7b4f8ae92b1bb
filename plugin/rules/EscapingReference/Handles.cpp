// Helpers several files of the rule share: what a type holds (references,
// views, containers of them, std::function), the std algorithms that copy
// ranges, the container an iterator walks, and the wrappers and locals an
// expression may be.
#include "EscapingReference.h"
#include "Flow.h"
#include "TypeUtil.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"

namespace meshwa::rules::escaping_reference {

namespace {

bool is_range_end_name(llvm::StringRef name) {
  return llvm::is_contained({"begin", "end", "cbegin", "cend", "rbegin", "rend", "crbegin", "crend"}, name);
}

}  // namespace

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
/// container of those; a pointer object alike: int*&,
/// std::reference_wrapper<int*>) rather than a copy of a view? Then a local
/// view or a pointer parameter handed to it counts as itself, not as what
/// it views.
bool keeps_view_object(clang::QualType type, unsigned depth) {
  if (type.isNull() || depth > 4) return false;
  const auto view_object = [](clang::QualType object) { return is_reference_like(object) || object->isPointerType(); };
  if (type->isReferenceType()) return view_object(type.getNonReferenceType());
  const auto* spec = llvm::dyn_cast_or_null<clang::ClassTemplateSpecializationDecl>(type->getAsCXXRecordDecl());
  if (spec == nullptr || !spec->isInStdNamespace()) return false;
  for (const clang::TemplateArgument& arg : spec->getTemplateArgs().asArray()) {
    if (arg.getKind() != clang::TemplateArgument::Type) continue;
    if (is_std_class(spec, {"reference_wrapper"}) && view_object(arg.getAsType())) return true;
    if (keeps_view_object(arg.getAsType(), depth + 1)) return true;
  }
  return false;
}

bool is_mutable_lvalue_reference(clang::QualType type) {
  return type->isLValueReferenceType() && !type.getNonReferenceType().isConstQualified();
}

/// The value_type of a standard container type (std::vector<T>, std::map<K, V>,
/// std::array<T, N>), or null.
clang::QualType container_value_type(clang::QualType type) {
  if (type.isNull() || !is_std_container(type)) return {};
  return member_typedef(type.getNonReferenceType()->getAsCXXRecordDecl(), "value_type");
}

/// A standard container whose elements are handles (std::vector<std::string_view>,
/// std::map<std::string_view, int>, std::vector<std::pair<std::string_view, int>>),
/// or containers of handles (std::vector<std::vector<std::string_view>>): a
/// copy of an element refers to what the element refers to.
bool holds_handles(clang::QualType type, unsigned depth) {
  const clang::QualType element = container_value_type(type);
  return !element.isNull() && !element->isReferenceType() &&
         (is_reference_like(element) || element->isPointerType() || holds_only_handles(element) ||
          (depth < 2 && holds_handles(element, depth + 1)));
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

/// The container an iterator expression walks when it is one of its ends
/// (c.begin(), std::end(c), c.begin() + n, std::next(c.begin()), a
/// std::make_move_iterator of one); null otherwise.
const clang::Expr* range_of_iterator(const clang::Expr* it, unsigned depth) {
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

bool passes_value_on(const clang::Stmt* parent, const clang::Stmt* child) {
  if (is_wrapper(parent)) return true;
  // Which arm runs is decided at run time, so the value may be either; an
  // arm that can never run is no statement a rule looks at (see
  // RuleContext::in_never_run_part), so it never gets here.
  if (const auto* choice = llvm::dyn_cast<clang::ConditionalOperator>(parent)) return choice->getCond() != child;
  // std::bind(f, args...), std::bind_front, std::bind_back: the callable
  // made holds f and a copy of every argument (of std::ref(x), a reference
  // to x), wherever it goes (`std::thread(std::bind(work, std::ref(n)))`).
  if (const auto* call = llvm::dyn_cast<clang::CallExpr>(parent)) {
    const clang::FunctionDecl* callee = call->getDirectCallee();
    return callee != nullptr && callee->isInStdNamespace() && callee->getIdentifier() != nullptr &&
           llvm::is_contained({"bind", "bind_front", "bind_back"}, callee->getName()) &&
           llvm::any_of(call->arguments(), [&](const clang::Expr* arg) { return arg == child; });
  }
  const auto* comma = llvm::dyn_cast<clang::BinaryOperator>(parent);
  return comma != nullptr && comma->getOpcode() == clang::BO_Comma && comma->getRHS() == child;
}

/// A local variable (not a reference, not a pointer, not static) named by
/// `e`: an object that dies with the function. A local pointer is no such
/// object: `Bus* b = g_bus; b->on(...)` is a call on whatever `b` points
/// to, like a call through a reference.
bool is_plain_local(const clang::Expr* e) {
  if (e == nullptr) return false;
  const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(e->IgnoreParenImpCasts());
  const auto* var = ref != nullptr ? llvm::dyn_cast<clang::VarDecl>(ref->getDecl()) : nullptr;
  return var != nullptr && var->hasLocalStorage() && !var->getType()->isReferenceType() &&
         !var->getType()->isPointerType() && !llvm::isa<clang::ParmVarDecl>(var);
}

/// The field an lvalue names when it is this->field (or field).
const clang::FieldDecl* member_of_this(const clang::Expr* e) {
  if (e == nullptr) return nullptr;
  const auto* member = llvm::dyn_cast<clang::MemberExpr>(e->IgnoreParenImpCasts());
  if (member == nullptr) return nullptr;
  if (!llvm::isa<clang::CXXThisExpr>(member->getBase()->IgnoreParenImpCasts())) return nullptr;
  return llvm::dyn_cast<clang::FieldDecl>(member->getMemberDecl());
}

}  // namespace meshwa::rules::escaping_reference
