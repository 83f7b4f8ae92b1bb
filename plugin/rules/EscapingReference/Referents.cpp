// class Referents: what a reference, view or iterator value refers into
// (the parameter or local whose storage it may point into), following local
// references, local views and view holders (through their methods that
// return their own views), and calls (the object and the arguments a
// result can refer to). The elements of local containers: ContainerElements.cpp.
#include <optional>
#include <set>
#include <utility>

#include "EscapingReference.h"
#include "Flow.h"
#include "TypeUtil.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"

namespace meshwa::rules::escaping_reference {

namespace {

/// The one object of a known type that a result refers to: a reference's
/// referee, the element of a std::reference_wrapper, std::span or
/// std::basic_string_view, a pointer's pointee. Null for anything else
/// (iterators walk ranges, they do not point at a lone scalar handed in).
clang::QualType referee_of(const clang::Expr* result) {
  const clang::QualType type = result->getType();
  if (result->isGLValue()) return type;
  if (type->isPointerType()) return type->getPointeeType();
  const clang::CXXRecordDecl* record = type->getAsCXXRecordDecl();
  if (is_std_class(record, {"reference_wrapper", "span", "basic_string_view"})) return first_type_argument(record);
  return {};
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

}  // namespace

const clang::VarDecl* Referents::of_var(const clang::VarDecl* var, bool copies_views, unsigned depth) {
  if (!var->isInitCapture() && !var->hasLocalStorage()) return nullptr;  // a global or static
  if (is_meshwa_context(var->getType())) return nullptr;
  // A copy of a pointer parameter taken by value (a function pointer, a
  // `void* user_data` copied into a view holder) points where the caller's
  // pointer pointed: it keeps no reference to the parameter itself, and a
  // raw pointer member is meshwa-raw-pointer's to report. Binding a
  // reference to the parameter (copies_views false) still counts.
  if (copies_views && llvm::isa<clang::ParmVarDecl>(var) && var->getType()->isPointerType()) return nullptr;
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

const Referents::Origins& Referents::origins_of(const clang::VarDecl* var) {
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
        const unsigned offset = flow::object_arguments(*op);
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

const clang::VarDecl* Referents::of_expr(const clang::Expr* e, bool copies_views, unsigned depth) {
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
  // Holder{p} of an aggregate: a part that is a reference binds to the
  // object it is given (`int*& r` to the pointer itself), a part that is a
  // value copies it. Not `Logger& log_{log}`: a transparent list around the
  // object a reference binds to.
  if (const auto* list = llvm::dyn_cast<clang::InitListExpr>(e); list != nullptr && !list->isTransparent()) {
    const clang::CXXRecordDecl* record = list->getType()->getAsCXXRecordDecl();
    if (record != nullptr && record->hasDefinition() && record->isAggregate() && !record->isUnion() &&
        record->getNumBases() == 0) {
      unsigned k = 0;
      for (const clang::FieldDecl* field : record->fields()) {
        if (field->isUnnamedBitField()) continue;
        if (k >= list->getNumInits()) break;
        const bool part_copies = copies_views && !keeps_view_object(field->getType());
        if (const auto* var = of_expr(list->getInit(k++), part_copies, depth + 1)) return var;
      }
      return nullptr;
    }
  }
  // *p, p[i], p->x: what the pointer points at.
  if (const auto* unary = llvm::dyn_cast<clang::UnaryOperator>(e); unary != nullptr && unary->getOpcode() == clang::UO_Deref) {
    return of_expr(unary->getSubExpr(), true, depth + 1);
  }
  // &x: the object x itself, not what x points at or views.
  if (const auto* unary = llvm::dyn_cast<clang::UnaryOperator>(e); unary != nullptr && unary->getOpcode() == clang::UO_AddrOf) {
    return of_expr(unary->getSubExpr(), false, depth + 1);
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
const clang::VarDecl* Referents::of_call(const clang::CallExpr& call, bool copies_views, unsigned depth) {
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
const clang::VarDecl* Referents::of_arguments(const clang::Expr* result, const clang::FunctionDecl* callee,
                                              llvm::ArrayRef<const clang::Expr*> args, bool copies_views,
                                              unsigned depth, unsigned offset) {
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
    // copy of the view, so what counts is what it views. A pointer bound to
    // a parameter `T*&` of the program's (a holder's constructor keeping
    // `int*& p_`): the pointer object itself.
    const bool binds_pointer = by_reference && type->isPointerType() && is_mutable_lvalue_reference(param) &&
                               callee != nullptr && !is_std_forwarding(callee, index);
    const bool copies =
        !binds_pointer && (copies_views || (!by_reference && (is_reference_like(type) || type->isPointerType())));
    if (const auto* var = of_expr(arg, copies, depth + 1)) return var;
  }
  return nullptr;
}

/// The definition of `method` when its body is visible and it is the code
/// a call runs (not a virtual function an override may replace).
const clang::CXXMethodDecl* Referents::definition_surely_called(const clang::CXXMethodDecl* method) {
  if (method == nullptr || method->isStatic()) return nullptr;
  if (method->isVirtual() && !method->hasAttr<clang::FinalAttr>() &&
      !method->getParent()->hasAttr<clang::FinalAttr>()) {
    return nullptr;
  }
  const clang::FunctionDecl* definition = definition_with_body(method);
  if (definition == nullptr) return nullptr;
  return llvm::dyn_cast<clang::CXXMethodDecl>(definition);
}

/// Which parameters of a method of the program (body visible) its result
/// may refer into: those some return statement refers into. Nullopt when
/// not known: no visible body, a virtual function, or a return that
/// refers into one of its locals (meshwa-dangling's) or is not followed.
std::optional<std::set<unsigned>> Referents::returned_parameters(const clang::CXXMethodDecl* method) {
  const clang::CXXMethodDecl* definition = definition_surely_called(method);
  if (definition == nullptr) return std::nullopt;
  if (auto it = returned_.find(definition); it != returned_.end()) return it->second;
  returned_[definition] = std::nullopt;  // a recursive call: not known
  const clang::QualType result = definition->getReturnType();
  if (result.isNull() || result->isDependentType()) return std::nullopt;
  const bool copies = !result->isReferenceType();
  std::optional<std::set<unsigned>> params{std::in_place};
  flow::for_each_own_return(definition->getBody(), [&](const clang::ReturnStmt& ret) {
    const clang::Expr* value = ret.getRetValue();
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
bool Referents::returns_own_views(const clang::CXXMethodDecl* method) {
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
  flow::for_each_own_return(definition->getBody(), [&](const clang::ReturnStmt& ret) {
    const clang::Expr* value = ret.getRetValue();
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
bool Referents::keeps_own_views(const clang::CXXMethodDecl* method, unsigned depth) {
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
bool Referents::own_view(const clang::Expr* e, const clang::FunctionDecl* fn, unsigned depth) {
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
bool Referents::is_handle_part(clang::QualType whole, clang::QualType part) {
  whole = whole.getNonReferenceType();
  if (!holds_only_handles(whole.getUnqualifiedType()) && !is_view_holder(whole.getUnqualifiedType())) {
    return true;  // judged as before
  }
  part = part.getNonReferenceType();
  return is_reference_like(part) || part->isPointerType() || holds_only_handles(part.getUnqualifiedType()) ||
         is_view_holder(part.getUnqualifiedType());
}

}  // namespace meshwa::rules::escaping_reference
