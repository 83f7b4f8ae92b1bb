// Referents for the elements of a container (Referents::of_elements,
// of_range_end, of_container_argument): what was put into a local container
// of views (its initialiser, push_back/insert/emplace/assign, `local[i] = v`,
// a copy into std::back_inserter(local)), when every use of it is followed;
// one used any other way counts as itself.
#include <memory>

#include "EscapingReference.h"
#include "Flow.h"
#include "TypeUtil.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMap.h"
#include "clang/AST/StmtCXX.h"

namespace meshwa::rules::escaping_reference {

namespace {

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

}  // namespace

/// One end of an iterator range whose elements are copied (first or last
/// of insert(pos, first, last)): what the elements refer into when the
/// range is known (c.begin(), std::end(c)), else what the iterator does.
const clang::VarDecl* Referents::of_range_end(const clang::Expr* it) {
  if (const clang::Expr* range = range_of_iterator(it)) return elements_expr(range, 0);
  return of_expr(it, true, 0);
}

/// What `arg`, building or copied into a container of views of type
/// `container` (an element or a mapped value that is itself one:
/// groups_.push_back(inner), by_name_.try_emplace(key, first, last)),
/// leaves that container's elements referring into.
const clang::VarDecl* Referents::of_container_argument(const clang::Expr* arg, clang::QualType container) {
  Elements built;
  add_argument(arg, container_value_type(container), built);
  return evaluate(built, nullptr, 0);
}

const clang::VarDecl* Referents::elements_expr(const clang::Expr* range, unsigned depth) {
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
const clang::VarDecl* Referents::evaluate(const Elements& elements, const clang::VarDecl* self, unsigned depth) {
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
void Referents::add_argument(const clang::Expr* arg, clang::QualType element, Elements& el) {
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
void Referents::add_built(const clang::Expr* init, Elements& el) {
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

const Referents::Elements& Referents::elements_of(const clang::VarDecl* var) {
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
  const clang::ParentMap& parents = parent_maps_.of(*fn, body);
  flow::contains(body, [&](const clang::Stmt& s) {
    const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(&s);
    if (ref != nullptr && ref->getDecl() == var && !use_followed(parents, ref, el)) el.unknown = true;
    return el.unknown;
  });
  return el;
}

/// Is `e`, through parentheses, implicit conversions and temporaries,
/// `inner`?
bool Referents::wraps(const clang::Expr* e, const clang::Stmt* inner) {
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
bool Referents::use_followed(const clang::ParentMap& parents, const clang::Expr* ref, Elements& el) {
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
    const unsigned offset = flow::object_arguments(*call);
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
bool Referents::method_followed(const clang::ParentMap& parents, const clang::CXXMemberCallExpr& call,
                                clang::QualType element, Elements& el) {
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
bool Referents::access_followed(const clang::ParentMap& parents, const clang::Expr* access, Elements& el,
                                unsigned depth) {
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
    const unsigned offset = flow::object_arguments(*call);
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
bool Referents::inserter_followed(const clang::ParentMap& parents, const clang::CallExpr& inserter, Elements& el) {
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
bool Referents::algorithm_reads(llvm::StringRef name, llvm::ArrayRef<const clang::Expr*> args, unsigned position) {
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
bool Referents::reads_parameter(const clang::FunctionDecl* callee, unsigned index) {
  if (callee == nullptr || index >= callee->getNumParams()) return false;
  const clang::QualType type = callee->getParamDecl(index)->getType();
  if (type->isLValueReferenceType()) return type.getNonReferenceType().isConstQualified();
  if (type->isRValueReferenceType()) return declared_in_std(callee);
  return !type->isPointerType() && !is_iterator_class(type->getAsCXXRecordDecl());
}

}  // namespace meshwa::rules::escaping_reference
