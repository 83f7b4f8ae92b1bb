// Growth within reserved capacity (growth_within_capacity, asked once per
// analysed body by Analysis::run):
// `v.reserve(v.size() + 2); auto it = v.begin(); v.push_back(x);` keeps `it`
// valid: the standard promises no reallocation while the size stays within
// the capacity reserve asked for. Only what the function proves is accepted:
// a constant headroom, straight-line code in one block from the reserve to
// each growth call, and no other name growing the vector meanwhile: a local
// vector that nothing else can reach, or one the function reaches by a
// reference or as a member of its object (`items_`), which another name may
// reach too, with no call in between that could (only reads of the vector
// and const members of standard classes).

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <utility>

#include "IteratorInvalidation.h"
#include "Flow.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/STLExtras.h"

namespace meshwa::rules::iterator_invalidation {

namespace {

bool is_std_vector(clang::QualType type) {
  const clang::CXXRecordDecl* record = type.getNonReferenceType()->getAsCXXRecordDecl();
  return record != nullptr && record->isInStdNamespace() && record->getIdentifier() != nullptr &&
         record->getName() == "vector";
}

/// The std::vector `e` names: a local or parameter, a reference one (`v` of
/// `std::vector<int>& v`), or a member of this object (`items_`,
/// `this->items_`); null for anything else. Not a std::string: the standard
/// lets any non-const member of basic_string but a few accessors
/// invalidate, whatever the capacity ([string.require]).
const clang::ValueDecl* named_vector(const clang::Expr* e) {
  e = e != nullptr ? e->IgnoreParenImpCasts() : nullptr;
  const clang::ValueDecl* named = nullptr;
  if (const auto* ref = llvm::dyn_cast_or_null<clang::DeclRefExpr>(e)) {
    const auto* var = llvm::dyn_cast<clang::VarDecl>(ref->getDecl());
    if (var != nullptr && var->hasLocalStorage()) named = var;
  } else if (const auto* member = llvm::dyn_cast_or_null<clang::MemberExpr>(e);
             member != nullptr && llvm::isa<clang::CXXThisExpr>(member->getBase()->IgnoreParenImpCasts())) {
    named = llvm::dyn_cast<clang::FieldDecl>(member->getMemberDecl());
  }
  return named != nullptr && is_std_vector(named->getType()) ? named : nullptr;
}

/// A local (non-reference) vector: no name but its own reaches it unless
/// the function hands it out.
bool owned_here(const clang::ValueDecl& vector) {
  const auto* var = llvm::dyn_cast<clang::VarDecl>(&vector);
  return var != nullptr && !var->getType()->isReferenceType();
}

/// `var` named directly: the DeclRefExpr of a variable, the MemberExpr
/// `this->field` of a member.
bool is_mention(const clang::Stmt& s, const clang::ValueDecl& var) {
  if (const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(&s)) return ref->getDecl() == &var;
  const auto* member = llvm::dyn_cast<clang::MemberExpr>(&s);
  return member != nullptr && member->getMemberDecl() == &var &&
         llvm::isa<clang::CXXThisExpr>(member->getBase()->IgnoreParenImpCasts());
}

/// The member call `e` is, through cleanups and implicit casts, when it is
/// `method` called on `var`.
const clang::CXXMemberCallExpr* call_on(const clang::Stmt* s, const clang::ValueDecl& var) {
  const auto* e = llvm::dyn_cast_or_null<clang::Expr>(s);
  const auto* call = e != nullptr ? llvm::dyn_cast<clang::CXXMemberCallExpr>(e->IgnoreImplicit()) : nullptr;
  if (call == nullptr || call->getMethodDecl() == nullptr || call->getMethodDecl()->getIdentifier() == nullptr) {
    return nullptr;
  }
  return named_vector(call->getImplicitObjectArgument()) == &var ? call : nullptr;
}

bool is_size_of(const clang::Expr* e, const clang::ValueDecl& var) {
  const clang::CXXMemberCallExpr* call = call_on(e, var);
  return call != nullptr && call->getMethodDecl()->getName() == "size";
}

/// Does `previous` (the statement before the reserve) declare `var` empty:
/// `std::vector<int> v;`, `std::vector<int> v{};`?
bool declares_empty(const clang::Stmt* previous, const clang::ValueDecl& vector) {
  const auto* decl = llvm::dyn_cast_or_null<clang::DeclStmt>(previous);
  const auto* var = llvm::dyn_cast<clang::VarDecl>(&vector);
  if (decl == nullptr || var == nullptr || !decl->isSingleDecl() || decl->getSingleDecl() != var ||
      var->getType()->isReferenceType()) {
    return false;
  }
  const clang::Expr* init = var->getInit();
  if (init == nullptr) return true;
  const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(init->IgnoreImplicit());
  return construct != nullptr && construct->getNumArgs() == 0;
}

/// `v.reserve(v.size() + K)` (or `K + v.size()`), K a positive constant, or
/// `v.reserve(K)` right after `v` is declared empty: K.
std::optional<uint64_t> reserved_headroom(const clang::CXXMemberCallExpr& reserve, const clang::ValueDecl& var,
                                          const clang::Stmt* previous, const clang::ASTContext& ast) {
  if (reserve.getMethodDecl()->getName() != "reserve" || reserve.getNumArgs() != 1) return std::nullopt;
  const clang::Expr* constant = nullptr;
  if (const auto* sum = llvm::dyn_cast<clang::BinaryOperator>(reserve.getArg(0)->IgnoreParenImpCasts());
      sum != nullptr && sum->getOpcode() == clang::BO_Add) {
    constant = is_size_of(sum->getLHS(), var) ? sum->getRHS() : is_size_of(sum->getRHS(), var) ? sum->getLHS() : nullptr;
  } else if (declares_empty(previous, var)) {
    constant = reserve.getArg(0);
  }
  clang::Expr::EvalResult k;
  if (constant == nullptr || constant->isValueDependent() || !constant->EvaluateAsInt(k, ast) ||
      !k.Val.getInt().isStrictlyPositive()) {
    return std::nullopt;
  }
  return k.Val.getInt().getLimitedValue(1u << 20);
}

/// Every mention of `var` in the function can neither grow it nor let
/// another name do so: a member call or operator on it (what the block walk
/// judges), a const reference to it (a const argument, a copy), a range-for
/// over it, `return v;`. Not captured by a lambda, bound to a non-const
/// reference or pointer, moved.
bool only_named_directly(const clang::Stmt* body, const clang::ValueDecl& var, const clang::ParentMap& parents) {
  return !flow::contains(body, [&](const clang::Stmt& s) {
    if (llvm::isa<clang::LambdaExpr>(&s)) {
      return flow::contains(&s, [&](const clang::Stmt& n) { return is_mention(n, var); });
    }
    if (!is_mention(s, var)) return false;
    const auto* ref = llvm::cast<clang::Expr>(&s);
    const clang::Stmt* child = ref;
    const clang::Stmt* parent = parents.getParent(ref);
    while (llvm::isa_and_nonnull<clang::ParenExpr>(parent)) parent = parents.getParent(child = parent);
    if (const auto* member = llvm::dyn_cast_or_null<clang::MemberExpr>(parent)) {
      return !llvm::isa_and_nonnull<clang::CXXMemberCallExpr>(parents.getParent(member));
    }
    if (const auto* op = llvm::dyn_cast_or_null<clang::CXXOperatorCallExpr>(parent)) {
      return op->getNumArgs() == 0 || op->getArg(0)->IgnoreParens() != child || op->isAssignmentOp();
    }
    if (const auto* cast = llvm::dyn_cast_or_null<clang::ImplicitCastExpr>(parent)) {
      return cast->getCastKind() != clang::CK_NoOp || !cast->getType().isConstQualified();
    }
    if (llvm::isa_and_nonnull<clang::ReturnStmt>(parent)) return false;
    if (const auto* decl = llvm::dyn_cast_or_null<clang::DeclStmt>(parent)) {
      const auto* range = decl->isSingleDecl() ? llvm::dyn_cast<clang::VarDecl>(decl->getSingleDecl()) : nullptr;
      return range == nullptr || !range->isImplicit();
    }
    return true;
  });
}

/// `e` (through implicit conversions, also iterator to const_iterator) is
/// `var.end()` or `var.cend()`.
const clang::CXXMemberCallExpr* end_of(const clang::Expr* e, const clang::ValueDecl& var) {
  while (e != nullptr) {
    e = e->IgnoreImplicit();
    const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(e);
    if (construct == nullptr || construct->getNumArgs() != 1) break;
    e = construct->getArg(0);
  }
  const clang::CXXMemberCallExpr* call = call_on(e, var);
  return call != nullptr && (call->getMethodDecl()->getName() == "end" || call->getMethodDecl()->getName() == "cend")
             ? call
             : nullptr;
}

bool is_positive_constant(const clang::Expr* e, const clang::ASTContext& ast) {
  clang::Expr::EvalResult k;
  return e != nullptr && !e->isValueDependent() && e->EvaluateAsInt(k, ast) && k.Val.getInt().isStrictlyPositive();
}

/// The `var.end()` calls in `s` stepped back by a positive constant
/// (`v.end() - 1`, `std::prev(v.end())`, `std::prev(v.end(), 2)`): they name
/// an element, which growth within capacity leaves where it is, not the end
/// that every growth moves.
std::set<const clang::Stmt*> ends_stepped_back(const clang::Stmt* s, const clang::ValueDecl& var,
                                               const clang::ASTContext& ast) {
  std::set<const clang::Stmt*> out;
  flow::contains(s, [&](const clang::Stmt& n) {
    const clang::Expr* from = nullptr;
    const clang::Expr* step = nullptr;
    bool default_step = false;
    if (const auto* minus = llvm::dyn_cast<clang::BinaryOperator>(&n); minus != nullptr && minus->getOpcode() == clang::BO_Sub) {
      from = minus->getLHS();
      step = minus->getRHS();
    } else if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(&n);
               op != nullptr && op->getOperator() == clang::OO_Minus && op->getNumArgs() == 2) {
      from = op->getArg(0);
      step = op->getArg(1);
    } else if (const auto* call = llvm::dyn_cast<clang::CallExpr>(&n);
               call != nullptr && call->getNumArgs() >= 1 && call->getDirectCallee() != nullptr &&
               call->getDirectCallee()->isInStdNamespace() && call->getDirectCallee()->getIdentifier() != nullptr &&
               call->getDirectCallee()->getName() == "prev") {
      from = call->getArg(0);
      step = call->getNumArgs() > 1 && !llvm::isa<clang::CXXDefaultArgExpr>(call->getArg(1)) ? call->getArg(1) : nullptr;
      default_step = step == nullptr;
    }
    if (const clang::CXXMemberCallExpr* end = end_of(from, var);
        end != nullptr && (default_step || is_positive_constant(step, ast))) {
      out.insert(end);
    }
    return false;
  });
  return out;
}

/// What a statement between the reserve and a growth call may do with `var`
/// without growing it: read it, take iterators and references (not end():
/// any growth moves the end; but an element counted back from it).
bool leaves_size_alone(const clang::Stmt* s, const clang::ValueDecl& var, const clang::ASTContext& ast) {
  static constexpr llvm::StringLiteral kReads[] = {"begin", "cbegin", "rbegin", "crbegin", "data", "front", "back",
                                                  "at", "size", "empty", "capacity", "operator[]"};
  const std::set<const clang::Stmt*> stepped_back = ends_stepped_back(s, var, ast);
  unsigned mentions = 0;
  unsigned reads = 0;
  flow::contains(s, [&](const clang::Stmt& n) {
    if (is_mention(n, var)) ++mentions;
    if (stepped_back.count(&n) != 0) {
      ++reads;
      return false;
    }
    const clang::CXXMethodDecl* method = nullptr;
    if (const auto* call = llvm::dyn_cast<clang::CXXMemberCallExpr>(&n);
        call != nullptr && named_vector(call->getImplicitObjectArgument()) == &var) {
      method = call->getMethodDecl();
    } else if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(&n);
               op != nullptr && op->getOperator() == clang::OO_Subscript && named_vector(op->getArg(0)) == &var) {
      method = llvm::dyn_cast_or_null<clang::CXXMethodDecl>(op->getCalleeDecl());
    }
    if (method != nullptr && (method->isConst() || llvm::is_contained(kReads, method->getNameAsString()))) ++reads;
    return false;
  });
  return mentions == reads;
}

bool in_std(const clang::Decl* d) {
  for (const clang::DeclContext* dc = d != nullptr ? d->getDeclContext() : nullptr; dc != nullptr; dc = dc->getParent()) {
    const auto* ns = llvm::dyn_cast<clang::NamespaceDecl>(dc);
    if (ns != nullptr && ns->getIdentifier() != nullptr && (ns->getName() == "std" || ns->getName() == "__gnu_cxx") &&
        ns->getParent()->getRedeclContext()->isTranslationUnit()) {
      return true;
    }
  }
  return false;
}

/// A free function of the standard library that only computes a value from
/// its arguments (`name + "x"`, std::to_string(n), std::min(a, b)): no
/// parameter it could change a container through (a non-const reference),
/// no argument that could run code of the program (a callable).
bool computes_a_value(const clang::CallExpr& call, const clang::FunctionDecl& callee) {
  for (unsigned k = 0; k < callee.getNumParams() && k < call.getNumArgs(); ++k) {
    const clang::QualType type = callee.getParamDecl(k)->getType();
    if (!type->isReferenceType() || type.getNonReferenceType().isConstQualified()) continue;
    // A non-const reference may change what it names; an rvalue one bound
    // to a temporary (`(name + "-") + s`) changes only that temporary.
    if (type->isLValueReferenceType() ||
        !llvm::isa<clang::MaterializeTemporaryExpr>(call.getArg(k)->IgnoreParens())) {
      return false;
    }
  }
  for (const clang::Expr* arg : call.arguments()) {
    const clang::QualType type = arg->getType();
    if (type->isFunctionPointerType() || type->isFunctionType()) return false;
    const clang::CXXRecordDecl* record = type->getAsCXXRecordDecl();
    if (record == nullptr) continue;
    if (!in_std(record) || (record->getIdentifier() != nullptr &&
                            (record->getName().contains("function") || record->getName() == "reference_wrapper"))) {
      return false;
    }
  }
  return true;
}

/// What a call appends to `var` at its end: how many elements, and the
/// arguments that say what (judged like a statement in between).
struct Growth {
  uint64_t count;
  llvm::ArrayRef<const clang::Expr*> values;
};

/// push_back / emplace_back: one; insert / emplace at `var.end()`: one,
/// `insert(v.end(), n, x)` n (a constant), `insert(v.end(), {a, b})` as
/// many as listed. Inserting there moves no element, so handles before it
/// stay valid as for push_back ([vector.modifiers]). Anything else
/// (another position, an iterator range): none known.
std::optional<Growth> growth_at_end(const clang::CXXMemberCallExpr& call, const clang::ValueDecl& var,
                                    const clang::ASTContext& ast) {
  const llvm::StringRef name = call.getMethodDecl()->getName();
  const llvm::ArrayRef<const clang::Expr*> args(call.getArgs(), call.getNumArgs());
  if (name == "push_back" || name == "emplace_back") return Growth{1, args};
  if ((name != "insert" && name != "emplace") || args.empty() || end_of(args.front(), var) == nullptr) {
    return std::nullopt;
  }
  const llvm::ArrayRef<const clang::Expr*> values = args.drop_front();
  if (name == "emplace") return Growth{1, values};
  if (values.size() == 1) {
    if (const auto* list = llvm::dyn_cast<clang::CXXStdInitializerListExpr>(values.front()->IgnoreImplicit())) {
      const auto* inits = llvm::dyn_cast<clang::InitListExpr>(list->getSubExpr()->IgnoreImplicit());
      if (inits == nullptr || inits->getNumInits() == 0) return std::nullopt;
      return Growth{inits->getNumInits(), values};
    }
    return Growth{1, values};
  }
  const clang::CXXMethodDecl* method = call.getMethodDecl();
  clang::Expr::EvalResult n;
  if (values.size() == 2 && method->getNumParams() == 3 && method->getParamDecl(1)->getType()->isIntegerType() &&
      !values.front()->isValueDependent() && values.front()->EvaluateAsInt(n, ast) &&
      n.Val.getInt().isStrictlyPositive()) {
    return Growth{n.Val.getInt().getLimitedValue(1u << 20), values};
  }
  return std::nullopt;
}

/// The expression a statement grows the vector by: the statement itself,
/// or the initialiser of the one variable it declares (`auto& e =
/// v.emplace_back();`, `auto it = v.emplace(v.end(), x);`: the C++17
/// emplace_back that hands back the new element, kept by name).
const clang::Stmt* grown_by(const clang::Stmt* statement) {
  const auto* decl = llvm::dyn_cast<clang::DeclStmt>(statement);
  const auto* var = decl != nullptr && decl->isSingleDecl() ? llvm::dyn_cast<clang::VarDecl>(decl->getSingleDecl())
                                                            : nullptr;
  return var != nullptr && var->getInit() != nullptr ? var->getInit() : statement;
}

/// For a vector another name may reach (a reference, a member): does `s`
/// run nothing that could grow it through that name? Allowed: reads of the
/// vector itself, members of standard classes that are const or work on an
/// iterator (`*it`, `++it`), std::move / std::forward, constructors of
/// standard or trivial classes. Any other call, `new` or `delete` may.
bool calls_nothing_else(const clang::Stmt* s, const clang::ValueDecl& var) {
  return !flow::contains(s, [&](const clang::Stmt& n) {
    if (llvm::isa<clang::CXXNewExpr, clang::CXXDeleteExpr, clang::LambdaExpr>(n)) return true;
    if (const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(&n)) {
      const clang::CXXConstructorDecl* ctor = construct->getConstructor();
      return ctor == nullptr || !(ctor->isTrivial() || in_std(ctor->getParent()));
    }
    const auto* call = llvm::dyn_cast<clang::CallExpr>(&n);
    if (call == nullptr) return false;
    const clang::FunctionDecl* callee = call->getDirectCallee();
    if (callee == nullptr) return true;
    if (const auto* member = llvm::dyn_cast<clang::CXXMemberCallExpr>(call);
        member != nullptr && named_vector(member->getImplicitObjectArgument()) == &var) {
      return false;  // judged by leaves_size_alone
    }
    if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(call);
        op != nullptr && op->getOperator() == clang::OO_Subscript && named_vector(op->getArg(0)) == &var) {
      return false;
    }
    if (!in_std(callee)) return true;
    const auto* method = llvm::dyn_cast<clang::CXXMethodDecl>(callee);
    if (method != nullptr) {
      return !(method->isConst() || handle_kind(clang::QualType(method->getParent()->getTypeForDecl(), 0)) ==
                                        Handle::iterator);
    }
    if (callee->getIdentifier() != nullptr && (callee->getName() == "move" || callee->getName() == "forward")) {
      return false;
    }
    return !computes_a_value(*call, *callee);
  });
}

}  // namespace

/// The push_back/emplace_back calls on vectors that stay within the
/// capacity a reserve in the same block made room for, and
/// `v.resize(v.size())`, which changes nothing.
std::set<const clang::Stmt*> growth_within_capacity(const clang::Stmt* body, const clang::ParentMap& parents,
                                                    const clang::ASTContext& ast) {
  std::set<const clang::Stmt*> out;
  std::map<const clang::ValueDecl*, bool> reachable_only_by_name;
  const auto guarded = [&](const clang::ValueDecl& var) {
    auto [it, fresh] = reachable_only_by_name.try_emplace(&var, false);
    if (fresh) it->second = only_named_directly(body, var, parents);
    return it->second;
  };
  // Between the reserve and a growth: for a vector another name may reach,
  // nothing that could grow it through that name either.
  const auto quiet = [](const clang::Stmt* s, const clang::ValueDecl& var) {
    return owned_here(var) || calls_nothing_else(s, var);
  };
  flow::contains(body, [&](const clang::Stmt& s) {
    if (const auto* call = llvm::dyn_cast<clang::CXXMemberCallExpr>(&s)) {
      const clang::ValueDecl* var = named_vector(call->getImplicitObjectArgument());
      if (var != nullptr && call->getMethodDecl() != nullptr && call->getMethodDecl()->getIdentifier() != nullptr &&
          call->getMethodDecl()->getName() == "resize" && call->getNumArgs() == 1 && is_size_of(call->getArg(0), *var)) {
        out.insert(call);  // one call: no other name acts in between
      }
    }
    const auto* block = llvm::dyn_cast<clang::CompoundStmt>(&s);
    if (block == nullptr) return false;
    std::map<const clang::ValueDecl*, uint64_t> headroom;
    const clang::Stmt* previous = nullptr;
    for (const clang::Stmt* statement : block->body()) {
      const clang::Stmt* before = std::exchange(previous, statement);
      for (auto it = headroom.begin(); it != headroom.end();) {
        const clang::ValueDecl& var = *it->first;
        const clang::CXXMemberCallExpr* call = call_on(grown_by(statement), var);
        const std::optional<Growth> growth = call != nullptr ? growth_at_end(*call, var, ast) : std::nullopt;
        const bool values_read_only = growth && llvm::all_of(growth->values, [&](const clang::Expr* value) {
                                        return leaves_size_alone(value, var, ast) && quiet(value, var);
                                      });
        if (growth && values_read_only && growth->count <= it->second) {
          out.insert(call);
          it->second -= growth->count;
          ++it;
        } else if (!growth && leaves_size_alone(statement, var, ast) && quiet(statement, var)) {
          ++it;
        } else {
          it = headroom.erase(it);
        }
      }
      const auto* e = llvm::dyn_cast<clang::Expr>(statement);
      const auto* reserve = e != nullptr ? llvm::dyn_cast<clang::CXXMemberCallExpr>(e->IgnoreImplicit()) : nullptr;
      const clang::ValueDecl* var = reserve != nullptr ? named_vector(reserve->getImplicitObjectArgument()) : nullptr;
      if (var == nullptr || reserve->getMethodDecl() == nullptr || reserve->getMethodDecl()->getIdentifier() == nullptr) {
        continue;
      }
      if (const std::optional<uint64_t> k = reserved_headroom(*reserve, *var, before, ast); k && guarded(*var)) {
        headroom[var] = *k;
      }
    }
    return false;
  });
  return out;
}

}  // namespace meshwa::rules::iterator_invalidation
