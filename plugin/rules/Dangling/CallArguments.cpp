// Roots through calls: a function returning a reference or view may return
// (a part of) an argument of the matching type (std::max, a trim() helper, a
// lambda or function object, a std::ranges algorithm over its range). What
// the function's visible body can return is worked out here, per parameter.
#include "Dangling.h"

#include <functional>

#include "TypeUtil.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/StmtCXX.h"

namespace meshwa::rules::dangling {

namespace {

/// The types a reference tuple's references refer to (unqualified, canonical).
llvm::SmallVector<clang::QualType, 4> reference_tuple_referees(clang::QualType type) {
  llvm::SmallVector<clang::QualType, 4> out;
  const auto* spec =
      llvm::dyn_cast_or_null<clang::ClassTemplateSpecializationDecl>(type.getNonReferenceType()->getAsCXXRecordDecl());
  if (spec == nullptr) return out;
  for (const clang::TemplateArgument& arg : flat_template_arguments(*spec)) {
    if (arg.getKind() == clang::TemplateArgument::Type && arg.getAsType()->isReferenceType()) {
      out.push_back(arg.getAsType().getNonReferenceType().getUnqualifiedType().getCanonicalType());
    }
  }
  return out;
}

}  // namespace

/// std::max(a, std::string("b")), trim(std::string(...)): a free function
/// returning a reference or view may return (into) an argument of the
/// matching type; when that argument is a temporary, reject. When a
/// return is checked (`locals`), a reference result (or a pair/tuple of
/// references) may equally be a local or by-value parameter handed in by
/// reference: `return id(local);`. std::ref(x) / std::cref(x) view x,
/// whatever x is.
std::optional<Root> Roots::of_matching_argument(const clang::CallExpr* call, unsigned depth) const {
  const clang::FunctionDecl* callee = call->getDirectCallee();
  if (callee == nullptr) return std::nullopt;
  // A member function (called on an object, whose own data it may return
  // as well) is judged by its body: only a parameter it returns counts.
  const bool member = llvm::isa<clang::CXXMemberCallExpr>(call);
  if (llvm::isa<clang::CXXMethodDecl>(callee) && !member) return of_range_algorithm(call, depth);
  if (is_std_ref_call(call)) {
    const clang::Expr* arg = call->getArg(0);
    return is_view(arg->getType()) ? of_view(arg, depth + 1) : of_object(arg, depth + 1);
  }
  const clang::QualType result = call->getType();
  const bool result_is_view = is_view(result);
  if (!call->isGLValue() && !result_is_view) return std::nullopt;  // a fresh value
  const clang::QualType referee = result.getNonReferenceType().getUnqualifiedType().getCanonicalType();
  const bool tuple = !call->isGLValue() && is_reference_tuple(result);
  const llvm::SmallVector<clang::QualType, 4> tuple_referees =
      tuple ? reference_tuple_referees(result) : llvm::SmallVector<clang::QualType, 4>{};
  // std::get<I>(tuple / pair / variant / array): the result is a part of
  // its argument, whatever the types.
  const bool part_of_argument = callee->isInStdNamespace() && callee->getIdentifier() != nullptr &&
                                callee->getName() == "get" && call->getNumArgs() == 1;
  // A std algorithm returning an iterator (std::find, std::next,
  // std::max_element) returns one derived from its iterator arguments:
  // its value, predicate or comparator arguments are not sources.
  const bool std_iterator_result = result_is_view && !tuple && callee->isInStdNamespace() &&
                                   is_iterator_class(result->getAsCXXRecordDecl());
  std::optional<Root> local_root;
  bool local_returned_by_name = false;  // the helper's body returns that very parameter (`return fallback;`)
  bool other_source = false;  // a reference or view argument of another type: the result may be in it
  for (unsigned i = 0; i < call->getNumArgs() && i < callee->getNumParams(); ++i) {
    const clang::QualType param = callee->getParamDecl(i)->getType();
    const clang::Expr* arg = call->getArg(i);
    bool matches = false;
    if (param->isReferenceType()) {
      // Same type as the result (std::max), or the owner a string_view or
      // span result can view (trim(const std::string&)).
      const clang::QualType param_referee = param.getNonReferenceType().getUnqualifiedType().getCanonicalType();
      if (tuple) {
        matches = part_of_argument || llvm::is_contained(tuple_referees, param_referee);
      } else {
        matches = part_of_argument || (!result_is_view && param_referee == referee) ||
                  (result_is_view && !is_iterator_class(result->getAsCXXRecordDecl()) &&
                   is_std_class(param_referee->getAsCXXRecordDecl(), {"basic_string", "vector", "array"}));
      }
    } else if (result_is_view && !tuple && is_view(param)) {
      matches = true;  // trim(std::string_view) handed a temporary string
    }
    if (matches && !tuple && !result_is_view && writable_from_read_only(call, param)) matches = false;
    if (matches && member) matches = returns_parameter(*callee, i);
    // A helper of the program whose body is visible: only a parameter
    // whose value can reach a `return` counts (`pick(m, "k")` returning
    // `m.find(k)->second` or a literal never returns its key).
    if (matches && !member && !declared_in_std(callee) && !may_return_parameter(*callee, i)) matches = false;
    // An accessor of the program returning a part of a reference
    // parameter of another type: `const std::string& name_of(const User&
    // u) { return u.name; }`.
    if (!matches && !member && !tuple && param->isReferenceType() && (call->isGLValue() || result_is_view) &&
        !declared_in_std(callee) && returns_part_of_parameter(*callee, i)) {
      matches = true;
    }
    if (!matches) {
      if ((param->isReferenceType() || is_view(param)) && !(std_iterator_result && !is_view(param)) && !member) {
        other_source = true;
      }
      continue;
    }
    std::optional<Root> root = is_view(arg->getType()) ? of_view(arg, depth + 1) : of_object(arg, depth + 1);
    if (root && root->kind == Root::temporary) {
      root->conservative = true;
      return root;
    }
    // (A reference to a view, std::get<0>(tuple<string_view>&), is a copy
    // of what the view views, not a view of the argument.)
    // A view handed by value to a function returning the same view type
    // (an iterator to std::find or std::next, a std::string_view to a
    // trim()) may come back, moved along what it views.
    const bool same_view = result_is_view && !tuple && !param->isReferenceType() &&
                           param.getUnqualifiedType().getCanonicalType() == result.getUnqualifiedType().getCanonicalType();
    if (root && !local_root && ((call->isGLValue() && !result_is_view) || tuple || same_view)) {
      local_root = root;
      local_returned_by_name = !member && !declared_in_std(callee) && returns_parameter(*callee, i);
    }
  }
  // A local handed to a function that could return something else it is
  // given (lookup(table_, key)) is not decided here, unless the helper's
  // visible body returns that parameter itself on some path (`const V&
  // get_or(const Map& m, const K& k, const V& fallback)` returning
  // `fallback` when the key is missing).
  if (local_root && (part_of_argument || !other_source || local_returned_by_name)) {
    local_root->conservative = true;
    return local_root;
  }
  return std::nullopt;
}

/// Can the value of parameter `index` of `fn` (a free function of the
/// program with a visible body) reach one of its `return`s? It can when a
/// return mentions it or a local whose initialiser or assignment does, at
/// any depth, except as the key or argument of a std container's method
/// (`m.find(k)`, `v.at(i)`: the result is in the container). True when the
/// body is not visible. One pass over the body, cached per definition.
bool Roots::may_return_parameter(const clang::FunctionDecl& fn, unsigned index) const {
  const clang::FunctionDecl* definition = definition_with_body(&fn);
  if (definition == nullptr ||
      index >= definition->getNumParams()) {
    return true;
  }
  std::map<const clang::FunctionDecl*, std::set<const clang::ParmVarDecl*>>& cache = caches_->returned;
  auto it = cache.find(definition);
  if (it == cache.end()) it = cache.emplace(definition, returned_parameters(*definition)).first;
  return it->second.count(definition->getParamDecl(index)) != 0;
}

/// The parameters of `definition` whose values may reach a `return`
/// (see may_return_parameter).
std::set<const clang::ParmVarDecl*> Roots::returned_parameters(const clang::FunctionDecl& definition) {
  // What each local is given (initialiser, assignments), and what the
  // returns are: one pass over the body, lambdas' own returns excluded.
  std::map<const clang::VarDecl*, std::vector<const clang::Expr*>> given;
  std::vector<const clang::Expr*> returned;
  llvm::SmallVector<std::pair<const clang::Stmt*, bool>, 64> stack{{definition.getBody(), false}};
  while (!stack.empty()) {
    auto [s, in_lambda] = stack.pop_back_val();
    if (s == nullptr) continue;
    if (const auto* decl = llvm::dyn_cast<clang::DeclStmt>(s)) {
      for (const clang::Decl* d : decl->decls()) {
        if (const auto* var = llvm::dyn_cast<clang::VarDecl>(d); var != nullptr && var->getInit() != nullptr) {
          given[var].push_back(var->getInit());
        }
      }
    } else if (const auto* ret = llvm::dyn_cast<clang::ReturnStmt>(s); ret != nullptr && !in_lambda) {
      if (ret->getRetValue() != nullptr) returned.push_back(ret->getRetValue());
    } else if (const auto* binary = llvm::dyn_cast<clang::BinaryOperator>(s); binary != nullptr && binary->isAssignmentOp()) {
      if (const auto* var = assigned_local(binary->getLHS())) given[var].push_back(binary->getRHS());
    } else if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(s);
               op != nullptr && op->isAssignmentOp() && op->getNumArgs() == 2) {
      if (const auto* var = assigned_local(op->getArg(0))) given[var].push_back(op->getArg(1));
    } else if (const auto* range = llvm::dyn_cast<clang::CXXForRangeStmt>(s)) {
      if (range->getLoopVariable() != nullptr) given[range->getLoopVariable()].push_back(range->getRangeInit());
    } else if (const auto* call = llvm::dyn_cast<clang::CallExpr>(s)) {
      // A local handed to a call (`parse(s, out)`, `out.assign(s)`) may be
      // given any other argument.
      llvm::SmallVector<const clang::Expr*, 8> parts(call->arguments());
      if (const auto* member_call = llvm::dyn_cast<clang::CXXMemberCallExpr>(call)) {
        parts.push_back(member_call->getImplicitObjectArgument());
      }
      for (const clang::Expr* part : parts) {
        const auto* ref = part != nullptr ? llvm::dyn_cast<clang::DeclRefExpr>(part->IgnoreParenImpCasts()) : nullptr;
        const auto* var = ref != nullptr ? llvm::dyn_cast<clang::VarDecl>(ref->getDecl()) : nullptr;
        if (var == nullptr || llvm::isa<clang::ParmVarDecl>(var)) continue;
        for (const clang::Expr* other : parts) {
          if (other != part) given[var].push_back(other);
        }
      }
    }
    const bool lambda = in_lambda || llvm::isa<clang::LambdaExpr>(s);
    for (const clang::Stmt* child : s->children()) stack.push_back({child, lambda});
  }
  // Walk from the returns through what they mention.
  std::set<const clang::ParmVarDecl*> params;
  std::set<const clang::VarDecl*> seen;
  llvm::SmallVector<const clang::Stmt*, 64> work(returned.begin(), returned.end());
  while (!work.empty()) {
    const clang::Stmt* s = work.pop_back_val();
    if (s == nullptr) continue;
    if (const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(s)) {
      const auto* var = llvm::dyn_cast<clang::VarDecl>(ref->getDecl());
      if (const auto* binding = llvm::dyn_cast<clang::BindingDecl>(ref->getDecl())) {
        var = llvm::dyn_cast_or_null<clang::VarDecl>(binding->getDecomposedDecl());  // `auto [a, b] = split(s);`
      }
      if (var == nullptr || !seen.insert(var).second) continue;
      if (const auto* param = llvm::dyn_cast<clang::ParmVarDecl>(var)) params.insert(param);
      if (auto found = given.find(var); found != given.end()) work.append(found->second.begin(), found->second.end());
      continue;
    }
    if (const auto* call = llvm::dyn_cast<clang::CXXMemberCallExpr>(s)) {
      const clang::Expr* object = call->getImplicitObjectArgument();
      if (object != nullptr && is_std_class(object->getType().getNonReferenceType()->getAsCXXRecordDecl(),
                                            {"vector", "deque", "array", "list", "map", "multimap", "set",
                                             "multiset", "unordered_map", "unordered_multimap", "unordered_set",
                                             "unordered_multiset"})) {
        work.push_back(object);  // m.find(k), v.at(i): into the container, not the key
        continue;
      }
    }
    if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(s);
        op != nullptr && op->getOperator() == clang::OO_Subscript && op->getNumArgs() == 2 &&
        is_std_class(op->getArg(0)->getType().getNonReferenceType()->getAsCXXRecordDecl(),
                     {"vector", "deque", "array", "map", "unordered_map"})) {
      work.push_back(op->getArg(0));  // m[k]
      continue;
    }
    for (const clang::Stmt* child : s->children()) work.push_back(child);
  }
  return params;
}

/// `x` or `x.member` on the left of an assignment, `x` a variable.
const clang::VarDecl* Roots::assigned_local(const clang::Expr* lhs) {
  const clang::Expr* e = lhs->IgnoreParenImpCasts();
  while (const auto* member = llvm::dyn_cast<clang::MemberExpr>(e)) e = member->getBase()->IgnoreParenImpCasts();
  const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(e);
  return ref != nullptr ? llvm::dyn_cast<clang::VarDecl>(ref->getDecl()) : nullptr;
}

/// Does a `return` of `fn` (its body visible, lambdas' returns excluded)
/// give a field of its reference parameter `index`, or what a std
/// container or string field returns by reference or view (`u.name`,
/// `u.addr.city`, `u.tags.front()`, `u.tags[0]`, a std::string_view of
/// `u.name`)? A reference or view into that parameter's object.
bool Roots::returns_part_of_parameter(const clang::FunctionDecl& fn, unsigned index) const {
  const clang::FunctionDecl* definition = definition_with_body(&fn);
  if (definition == nullptr || index >= definition->getNumParams()) return false;
  std::map<const clang::FunctionDecl*, std::set<const clang::ParmVarDecl*>>& cache = caches_->parts_returned;
  auto it = cache.find(definition);
  if (it == cache.end()) {
    std::set<const clang::ParmVarDecl*> params;
    flow::for_each_own_return(definition->getBody(),
                              [&](const clang::ReturnStmt& ret) { parameter_parts(ret.getRetValue(), params, 0); });
    it = cache.emplace(definition, std::move(params)).first;
  }
  const clang::ParmVarDecl* param = definition->getParamDecl(index);
  return param->getType()->isReferenceType() && it->second.count(param) != 0;
}

/// The parameters `e` designates, or a part of (either branch of `?:`).
void Roots::parameter_parts(const clang::Expr* e, std::set<const clang::ParmVarDecl*>& params, unsigned depth) const {
  if (e == nullptr || depth > 8) return;
  e = e->IgnoreImplicit()->IgnoreParens();
  if (const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(e)) {
    if (const auto* param = llvm::dyn_cast<clang::ParmVarDecl>(ref->getDecl())) params.insert(param);
    return;
  }
  if (const auto* member = llvm::dyn_cast<clang::MemberExpr>(e)) {
    if (!member->isArrow() && llvm::isa<clang::FieldDecl>(member->getMemberDecl())) {
      parameter_parts(member->getBase(), params, depth + 1);
    }
    return;
  }
  if (const auto* conditional = llvm::dyn_cast<clang::AbstractConditionalOperator>(e)) {
    // The arms that can run: `kDebug ? a.name : b.name` with a constant
    // kDebug returns a part of one parameter only.
    for (const clang::Expr* arm : arms_that_can_run(*conditional)) parameter_parts(arm, params, depth + 1);
    return;
  }
  if (const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(e)) {
    // std::string_view(u.name)
    if (construct->getNumArgs() == 1 && is_view(construct->getType())) {
      parameter_parts(construct->getArg(0), params, depth + 1);
    }
    return;
  }
  if (const auto* cast = llvm::dyn_cast<clang::CastExpr>(e)) {
    parameter_parts(cast->getSubExpr(), params, depth + 1);
    return;
  }
  // u.tags.front(), u.tags[0], u.name's conversion to std::string_view:
  // a std class's reference or view into a field.
  const clang::Expr* object = nullptr;
  if (const auto* call = llvm::dyn_cast<clang::CXXMemberCallExpr>(e)) {
    object = call->getImplicitObjectArgument();
  } else if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(e);
             op != nullptr && op->getNumArgs() >= 1 &&
             (op->getOperator() == clang::OO_Subscript || op->getOperator() == clang::OO_Star)) {
    object = op->getArg(0);
  }
  const auto* call = llvm::dyn_cast<clang::CallExpr>(e);
  if (object == nullptr || call == nullptr || !declared_in_std(call->getDirectCallee())) return;
  if (!call->isGLValue() && !is_view(call->getType())) return;
  if (object->getType()->isPointerType() || is_view(object->getType())) return;
  parameter_parts(object, params, depth + 1);
}

/// Does a return statement of `fn`'s visible body return its parameter
/// `index` (by name, through the arms of ?: that can run, or a copy of a view): `return v.empty() ?
/// fallback : v;`.
bool Roots::returns_parameter(const clang::FunctionDecl& fn, unsigned index) {
  const clang::FunctionDecl* definition = definition_with_body(&fn);
  if (definition == nullptr ||
      index >= definition->getNumParams()) {
    return false;
  }
  const clang::ParmVarDecl* param = definition->getParamDecl(index);
  std::function<bool(const clang::Expr*, unsigned)> names = [&](const clang::Expr* e, unsigned depth) {
    if (e == nullptr || depth > 8) return false;
    e = e->IgnoreImplicit()->IgnoreParens();
    if (const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(e)) return ref->getDecl() == param;
    if (const auto* conditional = llvm::dyn_cast<clang::AbstractConditionalOperator>(e)) {
      // Only the arms that can run: `kFirst ? a : b` with a constant
      // kFirst never returns the other parameter.
      return llvm::any_of(flow::arms_that_can_run(*conditional, definition->getASTContext()),
                          [&](const clang::Expr* arm) { return names(arm, depth + 1); });
    }
    if (const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(e)) {
      return construct->getNumArgs() == 1 && names(construct->getArg(0), depth + 1);
    }
    if (const auto* cast = llvm::dyn_cast<clang::CastExpr>(e)) return names(cast->getSubExpr(), depth + 1);
    // `return node_->value_or(fallback);` of a cursor: the method of the
    // object pointed to may hand the parameter back.
    if (calls_through_pointer_member(e)) {
      const auto* call = llvm::cast<clang::CXXMemberCallExpr>(e);
      return llvm::any_of(call->arguments(), [&](const clang::Expr* arg) { return names(arg, depth + 1); });
    }
    return false;
  };
  return flow::contains(definition->getBody(), [&](const clang::Stmt& s) {
    const auto* ret = llvm::dyn_cast<clang::ReturnStmt>(&s);
    return ret != nullptr && names(ret->getRetValue(), 0);
  });
}

/// A call whose result is a modifiable lvalue or xvalue (`int& ref(const
/// int&)`) cannot hand back (a part of) what a parameter of type `const
/// T&` refers to without a const_cast: that argument is not where the
/// result refers.
bool Roots::writable_from_read_only(const clang::Expr* call, clang::QualType param) {
  return call->isGLValue() && !call->getType().isConstQualified() && param->isReferenceType() &&
         param.getNonReferenceType().isConstQualified();
}

/// `closure(args)` of a lambda or a function object of the program whose
/// visible body returns one of its reference (or view) parameters, or a
/// part of one (`[](const std::vector<int>& x) -> const int& { return
/// x[0]; }`, `const int& operator()(const S& s) const { return s.i; }`),
/// handed a temporary: the result is in the temporary, as for a free
/// function (of_matching_argument). Only what the body shows is followed.
std::optional<Root> Roots::of_closure_argument(const clang::CXXOperatorCallExpr* op, unsigned depth) const {
  const auto* method = llvm::dyn_cast_or_null<clang::CXXMethodDecl>(op->getDirectCallee());
  if (depth > kMaxDepth || method == nullptr || declared_in_std(method) ||
      op->getOperator() != clang::OO_Call || (!op->isGLValue() && !is_view(op->getType()))) {
    return std::nullopt;
  }
  // `[x]() -> const int& { return x; }()`: the lambda returns a reference
  // into its own copy, a member of the closure, here a temporary.
  if (method->getParent()->isLambda() && op->getNumArgs() > 0 && returns_own_copy(*method)) {
    std::optional<Root> root = of_object(op->getArg(0), depth + 1);
    if (root && root->kind == Root::temporary) return root;
  }
  // Argument 0 is the object, a static operator()'s too (flow::object_arguments).
  for (unsigned i = 0; i + 1 < op->getNumArgs() && i < method->getNumParams(); ++i) {
    const clang::QualType param = method->getParamDecl(i)->getType();
    if (!param->isReferenceType() && !is_view(param)) continue;
    if (writable_from_read_only(op, param)) continue;
    if (!returns_parameter(*method, i) && !returns_part_of_parameter(*method, i)) continue;
    const clang::Expr* arg = op->getArg(i + 1);
    std::optional<Root> root = is_view(arg->getType()) ? of_view(arg, depth + 1) : of_object(arg, depth + 1);
    if (root && root->kind == Root::temporary) {
      root->conservative = true;
      return root;
    }
  }
  return std::nullopt;
}

/// A lambda's call operator every return of which is a reference or view
/// to one of its own by-copy or init captures (or a part of one: `v[0]`,
/// `s.name`): what it returns lives in the closure object.
bool Roots::returns_own_copy(const clang::CXXMethodDecl& call_operator) {
  const clang::CXXRecordDecl* closure = call_operator.getParent();
  const clang::FunctionDecl* definition = definition_with_body(&call_operator);
  if (definition == nullptr || !(call_operator.getReturnType()->isReferenceType() ||
                                 is_view(call_operator.getReturnType()))) {
    return false;
  }
  const auto own_copy = [&](const clang::Expr* e) {
    for (int depth = 0; depth < 8 && e != nullptr; ++depth) {
      e = e->IgnoreImplicit()->IgnoreParens();
      if (const auto* member = llvm::dyn_cast<clang::MemberExpr>(e); member != nullptr && !member->isArrow()) {
        e = member->getBase();
      } else if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(e);
                 op != nullptr && op->getOperator() == clang::OO_Subscript && op->getNumArgs() == 2 &&
                 !op->getArg(0)->getType()->isPointerType()) {
        e = op->getArg(0);
      } else if (const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(e);
                 construct != nullptr && construct->getNumArgs() == 1) {
        e = construct->getArg(0);  // a view made from it
      } else {
        break;
      }
    }
    const auto* ref = llvm::dyn_cast_or_null<clang::DeclRefExpr>(e);
    const auto* var = ref != nullptr ? llvm::dyn_cast<clang::VarDecl>(ref->getDecl()) : nullptr;
    if (var == nullptr || var->getType()->isReferenceType()) return false;
    if (var->isInitCapture()) return true;
    for (const clang::LambdaCapture& capture : closure->captures()) {
      if (capture.capturesVariable() && capture.getCapturedVar() == var) {
        return capture.getCaptureKind() == clang::LCK_ByCopy;
      }
    }
    return false;
  };
  bool any = false;
  bool all = true;
  flow::for_each_own_return(definition->getBody(), [&](const clang::ReturnStmt& ret) {
    any = true;
    all = all && own_copy(ret.getRetValue());
  });
  return any && all;
}

/// std::ranges::find(v, x), std::ranges::max_element(first, last), ...:
/// a call of a std function object (a niebloid) returning an iterator or
/// a subrange derives it from its first argument, the range (a
/// std::ranges::dangling for an rvalue range, which is not a view), or
/// from its iterator arguments of the result's type. Decided for returns
/// of locals only: a temporary range yields no iterator.
std::optional<Root> Roots::of_range_algorithm(const clang::CallExpr* call, unsigned depth) const {
  const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(call);
  const auto* method = llvm::dyn_cast_or_null<clang::CXXMethodDecl>(call->getDirectCallee());
  if (!locals || op == nullptr || method == nullptr || op->getOperator() != clang::OO_Call || op->getNumArgs() < 2) {
    return std::nullopt;
  }
  const clang::QualType result = call->getType();
  const clang::CXXRecordDecl* result_record = result->getAsCXXRecordDecl();
  if (call->isGLValue() || !is_view(result) || is_reference_tuple(result) ||
      !(is_iterator_class(result_record) || is_ranges_subrange(result_record))) {
    return std::nullopt;
  }
  bool in_ranges = false;
  for (const clang::DeclContext* dc = method->getParent(); dc != nullptr; dc = dc->getParent()) {
    const auto* ns = llvm::dyn_cast<clang::NamespaceDecl>(dc);
    if (ns != nullptr && ns->getIdentifier() != nullptr && ns->getName() == "ranges" && ns->isInStdNamespace()) {
      in_ranges = true;
    }
  }
  if (!in_ranges) return std::nullopt;
  std::optional<Root> root;
  const clang::Expr* first = op->getArg(1);
  if (is_view(first->getType())) {
    // (first, last, ...): the iterators of the result's type.
    for (unsigned i = 1; i < op->getNumArgs() && !root; ++i) {
      const clang::Expr* arg = op->getArg(i);
      if (is_iterator_class(arg->getType()->getAsCXXRecordDecl())) root = of_view(arg, depth + 1);
    }
  } else if (first->isGLValue() && first->getType()->isRecordType()) {
    root = of_object(first, depth + 1);  // (range, ...)
  }
  if (root && root->kind == Root::local) {
    root->conservative = true;
    return root;
  }
  return std::nullopt;
}

}  // namespace meshwa::rules::dangling
