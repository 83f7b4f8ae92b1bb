// meshwa-use-after-move: a meshwa::Owned<T> that was moved from is empty;
// using it again is a compile error (DESIGN.md), not a run-time
// meshwa::EmptyHandle.
//
// Flow-sensitive over the function's CFG (Flow.h), in the manner of
// clang-tidy's bugprone-use-after-move but written for Owned: a local or
// parameter of type meshwa::Owned<T> becomes "moved" at std::move(x) (or
// static_cast<Owned<T>&&>(x)), whatever receives it, and "fine" again when
// it is assigned (x = ...) or declared anew (a loop iteration's fresh local).
// Any read in between on some path is an error: a later statement, a later
// loop iteration, or another argument of the same call (argument evaluation
// order is unspecified). Asking the handle whether it is empty (has_value(),
// `if (x)`) is allowed, and from there on the code is taken to handle the
// empty case itself (the analysis does not follow branches of the test).
//
// Also tracked: an Owned field of a local struct (b.inner: moved by
// std::move(b.inner) or std::move(b), fresh again when b is assigned or
// handed to a function as a whole); std::swap / std::ranges::swap with an
// empty handle (moved from, or declared `Owned<T> y;`), which empties the
// other; a call of a lambda held in a local that captures the handle by
// reference and reads it (a use) or assigns it (a new value); in a member
// function, the Owned members of its own object (`doc_`); and a call of a
// member function on such an object whose visible body moves, reads or
// assigns one of its Owned fields (summarise_fields, one call deep).
//
// A local std::unique_ptr / std::shared_ptr is checked only for a
// dereference where it is empty on every path (moved into another smart
// pointer, reset(), = nullptr, declared empty): a null dereference. Other
// uses of it are fine (its moved-from state is specified). Template
// patterns are not analysed (their instantiations are).
#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>

#include "Flow.h"
#include "Rule.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/Builtins.h"
#include "clang/Basic/SourceManager.h"

namespace meshwa::rules {

namespace {

constexpr llvm::StringLiteral kName = "use-after-move";

bool in_meshwa_namespace(const clang::Decl* d) {
  const clang::DeclContext* dc = d->getDeclContext();
  while (dc != nullptr && dc->isInlineNamespace()) dc = dc->getParent();
  const auto* ns = llvm::dyn_cast_or_null<clang::NamespaceDecl>(dc);
  return ns != nullptr && ns->getName() == "meshwa" && ns->getParent()->getRedeclContext()->isTranslationUnit();
}

bool is_owned(clang::QualType type) {
  if (type.isNull()) return false;
  const auto* record = type.getNonReferenceType()->getAsCXXRecordDecl();
  const auto* spec = llvm::dyn_cast_or_null<clang::ClassTemplateSpecializationDecl>(record);
  return spec != nullptr && spec->getName() == "Owned" && in_meshwa_namespace(spec);
}

/// A local variable or parameter of type meshwa::Owned<T> (or a reference to one).
const clang::VarDecl* owned_var(const clang::Expr* e) {
  if (e == nullptr) return nullptr;
  const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(e->IgnoreParenImpCasts());
  if (ref == nullptr) return nullptr;
  const auto* var = llvm::dyn_cast<clang::VarDecl>(ref->getDecl());
  if (var == nullptr || !var->hasLocalStorage() || !is_owned(var->getType())) return nullptr;
  // `auto& alias = o;`: moving through the alias moves o (one handle, two
  // names), so both names are the variable they refer to.
  for (int depth = 0; depth < 8 && var->getType()->isReferenceType() && !llvm::isa<clang::ParmVarDecl>(var); ++depth) {
    const auto* init = var->getInit() != nullptr
                           ? llvm::dyn_cast<clang::DeclRefExpr>(var->getInit()->IgnoreParenImpCasts())
                           : nullptr;
    const auto* referent = init != nullptr ? llvm::dyn_cast<clang::VarDecl>(init->getDecl()) : nullptr;
    if (referent == nullptr || !referent->hasLocalStorage() || !is_owned(referent->getType())) break;
    var = referent;
  }
  return var;
}

/// std::exchange(o, {}) or std::exchange(o, Owned<T>()): o is left empty.
bool leaves_empty(const clang::Expr* replacement) {
  const clang::Expr* e = replacement->IgnoreImplicit();
  if (const auto* list = llvm::dyn_cast<clang::InitListExpr>(e)) return list->getNumInits() == 0;
  if (const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(e)) {
    return construct->getNumArgs() == 0 || construct->getConstructor()->isDefaultConstructor();
  }
  return llvm::isa<clang::CXXScalarValueInitExpr>(e);
}

/// std::move(x) or static_cast<Owned<T>&&>(x): the moved expression, else nullptr.
const clang::Expr* moved_operand(const clang::Stmt& s) {
  if (const auto* call = llvm::dyn_cast<clang::CallExpr>(&s)) {
    const clang::FunctionDecl* callee = call->getDirectCallee();
    if (callee == nullptr) return nullptr;
    const bool in_std = callee->isInStdNamespace() && callee->getIdentifier() != nullptr;
    if (in_std && callee->getName() == "exchange" && call->getNumArgs() == 2) {
      return leaves_empty(call->getArg(1)) ? call->getArg(0) : nullptr;
    }
    if (call->getNumArgs() != 1) return nullptr;
    const unsigned builtin = callee->getBuiltinID();
    // std::forward<Owned<T>>(o) casts to an rvalue like std::move.
    const bool is_move = builtin == clang::Builtin::BImove || builtin == clang::Builtin::BIforward ||
                         (in_std && (callee->getName() == "move" || callee->getName() == "forward"));
    if (is_move && callee->getName() == "forward" && call->getType()->isLValueReferenceType()) return nullptr;
    return is_move ? call->getArg(0) : nullptr;
  }
  if (const auto* cast = llvm::dyn_cast<clang::CXXStaticCastExpr>(&s)) {
    if (cast->getTypeAsWritten()->isRValueReferenceType()) return cast->getSubExpr();
  }
  return nullptr;
}

/// Reads that are fine on an empty handle: x.has_value(), `if (x)`, `!x`.
bool is_emptiness_test(const clang::ParentMap& parents, const clang::Expr* ref) {
  const clang::Stmt* parent = flow::semantic_parent(parents, ref);
  const auto* member = llvm::dyn_cast_or_null<clang::MemberExpr>(parent);
  if (member == nullptr) return false;
  const clang::ValueDecl* decl = member->getMemberDecl();
  if (llvm::isa<clang::CXXConversionDecl>(decl)) return true;  // explicit operator bool
  return decl->getIdentifier() != nullptr && decl->getName() == "has_value";
}

/// A tracked handle: a local variable or parameter of type meshwa::Owned<T>,
/// or an Owned field (through `.`, not `->`) of a local struct: b.inner.
struct Place {
  const clang::VarDecl* root = nullptr;
  llvm::SmallVector<const clang::FieldDecl*, 2> fields;
  bool operator==(const Place& o) const { return root == o.root && fields == o.fields; }
  /// `this` names `other` or something inside it (b is a prefix of b.inner).
  bool is_prefix_of(const Place& other) const {
    if (root != other.root || fields.size() > other.fields.size()) return false;
    return std::equal(fields.begin(), fields.end(), other.fields.begin());
  }
  std::string name() const {
    // (No root: a member of the object a member function runs on, `doc_`.)
    std::string text = root != nullptr ? root->getNameAsString() : "";
    for (const clang::FieldDecl* f : fields) text += (text.empty() ? "" : ".") + f->getNameAsString();
    return text;
  }
};

/// A local variable (or parameter) and the fields named after it with `.`:
/// b, b.inner, b.box.inner. Reference aliases of an Owned are resolved as
/// owned_var does.
std::optional<Place> local_path(const clang::Expr* e, unsigned depth = 0) {
  if (e == nullptr || depth > 8) return std::nullopt;
  e = e->IgnoreParenImpCasts();
  if (const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(e)) {
    if (const clang::VarDecl* var = owned_var(ref)) return Place{var, {}};
    const auto* var = llvm::dyn_cast<clang::VarDecl>(ref->getDecl());
    if (var == nullptr || !var->hasLocalStorage()) return std::nullopt;
    return Place{var, {}};
  }
  // `this` of a member function: its fields (`doc_`, `this->box_.inner`)
  // are named from it, with no root variable.
  if (llvm::isa<clang::CXXThisExpr>(e)) return Place{nullptr, {}};
  if (const auto* member = llvm::dyn_cast<clang::MemberExpr>(e)) {
    const auto* field = llvm::dyn_cast<clang::FieldDecl>(member->getMemberDecl());
    if (field == nullptr) return std::nullopt;
    if (member->isArrow() && !llvm::isa<clang::CXXThisExpr>(member->getBase()->IgnoreParenImpCasts())) return std::nullopt;
    std::optional<Place> base = local_path(member->getBase(), depth + 1);
    if (!base) return std::nullopt;
    base->fields.push_back(field);
    return base;
  }
  return std::nullopt;
}

/// The tracked handle `e` names: an Owned local, or an Owned field of a local.
std::optional<Place> owned_place(const clang::Expr* e) {
  if (e == nullptr) return std::nullopt;
  if (const clang::VarDecl* var = owned_var(e)) return Place{var, {}};
  const auto* member = llvm::dyn_cast<clang::MemberExpr>(e->IgnoreParenImpCasts());
  if (member == nullptr || !is_owned(member->getType())) return std::nullopt;
  std::optional<Place> place = local_path(member);
  if (place && place->fields.empty()) return std::nullopt;
  return place;
}

/// What a member function's visible body does to the meshwa::Owned fields
/// of its own object: `p.move_doc()` with `return std::move(doc);` empties
/// `p.doc`, `p.access()` with `return doc->n;` reads it, `p.reload()` with
/// `doc = meshwa::make_owned<Doc>();` gives it a new value. Followed one
/// call deep, for a non-virtual member of a class of the program.
struct FieldEffects {
  llvm::SmallVector<const clang::FieldDecl*, 2> reads;    // used (not only tested, moved or assigned)
  llvm::SmallVector<const clang::FieldDecl*, 2> moves;    // moved away and not given a new value
  llvm::SmallVector<const clang::FieldDecl*, 2> refills;  // given a new value
};

/// `doc` / `this->doc`: an Owned field of the object the method runs on.
const clang::FieldDecl* own_owned_field(const clang::Expr* e) {
  const auto* member = e != nullptr ? llvm::dyn_cast<clang::MemberExpr>(e->IgnoreParenImpCasts()) : nullptr;
  if (member == nullptr || !llvm::isa<clang::CXXThisExpr>(member->getBase()->IgnoreParenImpCasts())) return nullptr;
  const auto* field = llvm::dyn_cast<clang::FieldDecl>(member->getMemberDecl());
  return field != nullptr && is_owned(field->getType()) ? field : nullptr;
}

/// Does `s` run only on some paths through `body`: under an if, a loop, a
/// switch, a `?:`, the right of `&&`/`||`, or after an early return? A
/// member function may test its object's state before reading a field
/// (`if (!loaded_) return 0; return doc->n;`), which the caller's flow does
/// not see.
/// `first_return`: per block, its first statement holding a `return`
/// (nullptr for none; filled as blocks are met, so each is walked once).
bool runs_on_a_condition(const clang::ParentMap& parents, const clang::Stmt* s, const clang::Stmt* body,
                         const clang::SourceManager& sm,
                         std::map<const clang::CompoundStmt*, const clang::Stmt*>& first_return) {
  for (const clang::Stmt* child = s, *parent = parents.getParent(s); parent != nullptr && child != body;
       child = parent, parent = parents.getParent(parent)) {
    if (llvm::isa<clang::IfStmt, clang::SwitchStmt, clang::ForStmt, clang::WhileStmt, clang::DoStmt,
                  clang::CXXForRangeStmt, clang::AbstractConditionalOperator, clang::CXXTryStmt>(parent)) {
      return true;
    }
    if (const auto* logical = llvm::dyn_cast<clang::BinaryOperator>(parent);
        logical != nullptr && logical->isLogicalOp() && logical->getRHS() == child) {
      return true;
    }
    // An earlier statement of the block that may return.
    if (const auto* block = llvm::dyn_cast<clang::CompoundStmt>(parent)) {
      auto [at, fresh] = first_return.try_emplace(block, nullptr);
      if (fresh) {
        for (const clang::Stmt* statement : block->body()) {
          if (flow::contains(statement, [](const clang::Stmt& n) { return llvm::isa<clang::ReturnStmt>(n); })) {
            at->second = statement;
            break;
          }
        }
      }
      if (at->second != nullptr && at->second != child &&
          sm.isBeforeInTranslationUnit(at->second->getBeginLoc(), child->getBeginLoc())) {
        return true;
      }
    }
  }
  return false;
}

/// `refill(doc)`, `std::swap(doc, other)`: the field handed by non-const
/// reference to a call, which may give it a new value (taken as a refill:
/// what the call does is not followed).
bool handed_on_mutably(const clang::ParentMap& parents, const clang::Expr* field) {
  const clang::Stmt* parent = parents.getParent(field);
  while (llvm::isa_and_nonnull<clang::ParenExpr>(parent)) parent = parents.getParent(parent);
  if (const auto* op = llvm::dyn_cast_or_null<clang::CXXOperatorCallExpr>(parent)) {
    return op->getOperator() != clang::OO_Arrow && op->getOperator() != clang::OO_Star;
  }
  return llvm::isa_and_nonnull<clang::CallExpr, clang::CXXConstructExpr>(parent);
}

/// A class of the program with an Owned field, directly or in a field of
/// such a class (`struct Box { meshwa::Owned<Doc> inner; };`).
/// Each class is looked at once per translation unit (cleared with the
/// summaries): nested fields are shared by many classes.
std::map<const clang::CXXRecordDecl*, bool>& holds_owned_cache() {
  static std::map<const clang::CXXRecordDecl*, bool> cache;
  return cache;
}

bool holds_owned_field(const clang::CXXRecordDecl* record, unsigned depth = 0) {
  if (record == nullptr || depth > 4 || !record->hasDefinition() || record->isInStdNamespace()) return false;
  record = record->getDefinition();
  if (auto it = holds_owned_cache().find(record); it != holds_owned_cache().end()) return it->second;
  bool holds = false;
  for (const clang::FieldDecl* field : record->fields()) {
    if (is_owned(field->getType()) || holds_owned_field(field->getType()->getAsCXXRecordDecl(), depth + 1)) {
      holds = true;
      break;
    }
  }
  holds_owned_cache()[record] = holds;
  return holds;
}

/// Are all the Owned fields of `record` its own (`doc`), none in a struct
/// field (`box.inner`, which the summary does not follow)?
bool owned_fields_are_direct(const clang::CXXRecordDecl* record) {
  for (const clang::FieldDecl* field : record->getDefinition()->fields()) {
    if (!is_owned(field->getType()) && holds_owned_field(field->getType()->getAsCXXRecordDecl())) return false;
  }
  return true;
}

/// nullopt when the body is not followed: not visible, virtual, a class
/// with an Owned inside a struct field, a lambda in it (which may run later), `this` used other than to name a field
/// (another member function called, `*this` handed on), which may do
/// anything to the fields, or a reference or pointer returned (`Owned<T>&
/// get() { return doc; }`: the caller may give the field a new value
/// through it).
std::optional<FieldEffects> summarise_fields(const clang::CXXMethodDecl& method) {
  const clang::CXXRecordDecl* record = method.getParent();
  if (method.getReturnType()->isReferenceType() || method.getReturnType()->isPointerType()) return std::nullopt;
  if (method.isVirtual() || method.isStatic() || record == nullptr || record->isLambda() ||
      in_meshwa_namespace(record) || record->isInStdNamespace() || !record->hasDefinition() ||
      !owned_fields_are_direct(record)) {
    return std::nullopt;
  }
  const clang::FunctionDecl* definition = nullptr;
  if (!method.hasBody(definition) || definition == nullptr || definition->getBody() == nullptr) return std::nullopt;
  const clang::Stmt* body = definition->getBody();
  // First, without a ParentMap: is `this` used only to name fields, and
  // does the body name an Owned field at all?
  bool opaque = false;
  bool names_owned = false;
  llvm::SmallVector<std::pair<const clang::Stmt*, const clang::Stmt*>, 64> stack{{body, nullptr}};
  while (!stack.empty() && !opaque) {
    auto [s, parent] = stack.pop_back_val();
    if (s == nullptr) continue;
    if (llvm::isa<clang::LambdaExpr>(s)) opaque = true;
    if (llvm::isa<clang::CXXThisExpr>(s)) {
      const auto* member = llvm::dyn_cast_or_null<clang::MemberExpr>(parent);
      if (member == nullptr || !llvm::isa<clang::FieldDecl>(member->getMemberDecl())) opaque = true;
    }
    if (const auto* member = llvm::dyn_cast<clang::MemberExpr>(s); member != nullptr && own_owned_field(member)) {
      names_owned = true;
    }
    for (const clang::Stmt* child : s->children()) stack.push_back({child, s});
  }
  if (opaque) return std::nullopt;
  if (!names_owned) return FieldEffects{};
  std::set<const clang::FieldDecl*> reads, moves, refills, tests;
  // The ParentMap recurses as deep as the body nests.
  flow::with_stack_for(*definition, [&] {
    const clang::ParentMap parents(const_cast<clang::Stmt*>(body));
    std::map<const clang::CompoundStmt*, const clang::Stmt*> first_return;
    const clang::SourceManager& sm = definition->getASTContext().getSourceManager();
    flow::contains(body, [&](const clang::Stmt& s) {
      const auto* member = llvm::dyn_cast<clang::MemberExpr>(&s);
      const clang::FieldDecl* field = own_owned_field(member);
      if (field == nullptr) return false;
      const clang::Stmt* parent = flow::semantic_parent(parents, member);
      if (parent != nullptr && moved_operand(*parent) != nullptr) {
        moves.insert(field);
      } else if (flow::is_assigned_to(parents, member) || handed_on_mutably(parents, member)) {
        refills.insert(field);
      } else if (is_emptiness_test(parents, member)) {
        tests.insert(field);
      } else if (!runs_on_a_condition(parents, member, body, sm, first_return)) {
        reads.insert(field);
      } else {
        tests.insert(field);  // read under a test of the object's state (`if (!loaded_) return 0;`)
      }
      return false;
    });
  });
  FieldEffects effects;
  // A method that tests a field handles its empty case itself; one that
  // moves a field and assigns it again (a take-and-replace) leaves a value.
  for (const clang::FieldDecl* f : reads) {
    if (tests.count(f) == 0) effects.reads.push_back(f);
  }
  for (const clang::FieldDecl* f : moves) {
    if (refills.count(f) == 0) effects.moves.push_back(f);
  }
  effects.refills.assign(refills.begin(), refills.end());
  return effects;
}

/// summarise_fields of each method seen in this translation unit (a member
/// function is called from many places); keyed by its declarations, so
/// cleared at its end.
std::map<const clang::CXXMethodDecl*, std::optional<FieldEffects>>& field_effects_cache() {
  static std::map<const clang::CXXMethodDecl*, std::optional<FieldEffects>> cache;
  return cache;
}

const FieldEffects* field_effects(const clang::CXXMethodDecl* method) {
  auto& cache = field_effects_cache();
  if (method == nullptr) return nullptr;
  method = method->getCanonicalDecl();
  auto it = cache.find(method);
  if (it == cache.end()) it = cache.emplace(method, summarise_fields(*method)).first;
  return it->second ? &*it->second : nullptr;
}

/// `p.move_doc()` on a local struct `p` (or a field of one) whose method's
/// effects are followed: the object's place and those effects.
std::optional<std::pair<Place, const FieldEffects*>> followed_member_call(const clang::Stmt& s) {
  const auto* call = llvm::dyn_cast<clang::CXXMemberCallExpr>(&s);
  if (call == nullptr) return std::nullopt;
  const auto* callee = llvm::dyn_cast<clang::MemberExpr>(call->getCallee()->IgnoreParens());
  if (callee == nullptr ||
      (callee->isArrow() && !llvm::isa<clang::CXXThisExpr>(callee->getBase()->IgnoreParenImpCasts()))) {
    return std::nullopt;
  }
  const FieldEffects* effects = field_effects(call->getMethodDecl());
  if (effects == nullptr) return std::nullopt;
  std::optional<Place> object = local_path(call->getImplicitObjectArgument());
  if (!object) return std::nullopt;
  return std::make_pair(*object, effects);
}

/// `object` + `field`: p.doc.
Place field_of(const Place& object, const clang::FieldDecl* field) {
  Place place = object;
  place.fields.push_back(field);
  return place;
}

bool in_std_ranges(const clang::Decl* d) {
  const clang::DeclContext* dc = d->getDeclContext();
  while (dc != nullptr && dc->isInlineNamespace()) dc = dc->getParent();
  const auto* ns = llvm::dyn_cast_or_null<clang::NamespaceDecl>(dc);
  return ns != nullptr && ns->getIdentifier() != nullptr && ns->getName() == "ranges" &&
         ns->getParent()->getRedeclContext()->isStdNamespace();
}

/// std::swap(a, b) (also found through `using std::swap;`) or
/// std::ranges::swap(a, b): its two operands, else {nullptr, nullptr}.
std::pair<const clang::Expr*, const clang::Expr*> swap_operands(const clang::Stmt& s) {
  if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(&s)) {
    if (op->getOperator() != clang::OO_Call || op->getNumArgs() != 3) return {nullptr, nullptr};
    const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(op->getArg(0)->IgnoreParenImpCasts());
    if (ref == nullptr || ref->getDecl()->getIdentifier() == nullptr || ref->getDecl()->getName() != "swap" ||
        !in_std_ranges(ref->getDecl())) {
      return {nullptr, nullptr};
    }
    return {op->getArg(1), op->getArg(2)};
  }
  const auto* call = llvm::dyn_cast<clang::CallExpr>(&s);
  if (call == nullptr || llvm::isa<clang::CXXMemberCallExpr>(call) || call->getNumArgs() != 2) return {nullptr, nullptr};
  const clang::FunctionDecl* callee = call->getDirectCallee();
  if (callee == nullptr || !callee->isInStdNamespace() || callee->getIdentifier() == nullptr ||
      callee->getName() != "swap") {
    return {nullptr, nullptr};
  }
  return {call->getArg(0), call->getArg(1)};
}

/// `auto f = [&in] { ... };`: the lambda a local variable holds, else null.
const clang::LambdaExpr* lambda_of(const clang::VarDecl* var) {
  if (var == nullptr || var->getInit() == nullptr || var->getType()->isReferenceType()) return nullptr;
  const clang::Expr* init = var->getInit()->IgnoreImplicit();
  if (const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(init); construct != nullptr && construct->getNumArgs() == 1) {
    init = construct->getArg(0)->IgnoreImplicit();
  }
  return llvm::dyn_cast<clang::LambdaExpr>(init);
}

struct Finding {
  clang::SourceLocation use;
  Place place;
  const clang::Stmt* move;
  bool again;       // the use is a second move
  bool unsequenced; // the use is another argument of the call that moves
  const clang::VarDecl* lambda = nullptr;  // the use is a call of a lambda that captures it by reference
  const clang::CXXMethodDecl* method = nullptr;  // the use is a call of a member function that reads it
};

class UseAfterMove final : public Rule {
 public:
  llvm::StringRef name() const override { return kName; }

  void check_end_of_translation_unit(RuleContext& /*ctx*/) override {
    field_effects_cache().clear();
    holds_owned_cache().clear();
  }

  void check_function(const clang::FunctionDecl& pattern, RuleContext& ctx) override {
    for (const clang::FunctionDecl* fn : flow::bodies_to_analyse(pattern)) {
      analyse(*fn, ctx);
      analyse_smart_pointers(*fn, ctx);
    }
  }

 private:
  void analyse(const clang::FunctionDecl& fn, RuleContext& ctx) {
    if (fn.getBody() == nullptr) return;
    const auto* ctor = llvm::dyn_cast<clang::CXXConstructorDecl>(&fn);
    auto each_root = [&](auto&& visit) {
      visit(fn.getBody());
      if (ctor != nullptr) {
        for (const clang::CXXCtorInitializer* init : ctor->inits()) visit(init->getInit());
      }
    };
    // Pre-filter: most functions never touch an Owned; build no CFG for them.
    std::vector<Place> places;
    each_root([&](const clang::Stmt* root) {
      flow::contains(root, [&](const clang::Stmt& s) {
        auto add = [&](const Place& place) {
          if (std::find(places.begin(), places.end(), place) == places.end()) places.push_back(place);
        };
        if (const auto* e = llvm::dyn_cast<clang::Expr>(&s)) {
          if (std::optional<Place> place = owned_place(e)) add(*place);
        }
        // p.move_doc(), p.access(): the Owned fields of p the body touches.
        if (auto followed = followed_member_call(s)) {
          const auto& [object, effects] = *followed;
          for (const auto* list : {&effects->reads, &effects->moves, &effects->refills}) {
            for (const clang::FieldDecl* field : *list) add(field_of(object, field));
          }
        }
        return false;
      });
    });
    // The fields of `this` are followed in a member function (not a
    // constructor or destructor) without lambdas, which could give them
    // new values when called later.
    const auto* method = llvm::dyn_cast<clang::CXXMethodDecl>(&fn);
    const bool own_fields = method != nullptr && method->isInstance() && !llvm::isa<clang::CXXConstructorDecl>(method) &&
                            !llvm::isa<clang::CXXDestructorDecl>(method) &&
                            !flow::contains(fn.getBody(), [](const clang::Stmt& s) { return llvm::isa<clang::LambdaExpr>(s); });
    if (!own_fields) {
      places.erase(std::remove_if(places.begin(), places.end(), [](const Place& p) { return p.root == nullptr; }), places.end());
    }
    if (places.empty()) return;
    auto tracked = [&](const clang::Expr* e) {
      std::optional<Place> path = local_path(e);
      if (!path) return false;
      // std::move(b) moves b.inner with it.
      return std::any_of(places.begin(), places.end(), [&](const Place& p) { return path->is_prefix_of(p); });
    };
    bool has_move = false;
    each_root([&](const clang::Stmt* root) {
      has_move = has_move || flow::contains(root, [&](const clang::Stmt& s) {
                   if (tracked(moved_operand(s))) return true;
                   if (auto followed = followed_member_call(s); followed && !followed->second->moves.empty()) return true;
                   auto [a, b] = swap_operands(s);
                   return (a != nullptr && owned_place(a)) || (b != nullptr && owned_place(b));
                 });
    });
    if (!has_move) return;
    // The CFG and the ParentMap recurse as deep as the body nests.
    flow::with_stack_for(fn, [&] { analyse_flow(fn, places, ctx); });
  }

  /// The places a lambda captures by reference and reads (anything but an
  /// emptiness test) as `reads`, with those it assigns in `assigns` (a place
  /// both read and assigned is only assigned: the order is not followed), and
  /// those it moves away (`[&] { take(std::move(in)); }`) in `moves`.
  static std::vector<int> lambda_reads(const clang::LambdaExpr& lambda, const std::vector<Place>& places,
                                       const clang::ParentMap& parents, std::vector<int>& assigns,
                                       std::vector<int>& moves) {
    std::vector<int> reads;
    for (const clang::LambdaCapture& capture : lambda.captures()) {
      if (!capture.capturesVariable() || capture.getCaptureKind() != clang::LCK_ByRef) continue;
      const auto* var = llvm::dyn_cast<clang::VarDecl>(capture.getCapturedVar());
      if (var == nullptr || !is_owned(var->getType())) continue;
      auto it = std::find(places.begin(), places.end(), Place{var, {}});
      if (it == places.end()) continue;
      bool read = false;
      bool assigned = false;
      bool moved = false;
      flow::contains(lambda.getBody(), [&](const clang::Stmt& s) {
        const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(&s);
        if (ref == nullptr || owned_var(ref) != var) return false;
        if (flow::is_assigned_to(parents, ref)) {
          assigned = true;
        } else if (!is_emptiness_test(parents, ref)) {
          read = true;
          const clang::Stmt* parent = flow::semantic_parent(parents, ref);
          if (parent != nullptr && moved_operand(*parent) != nullptr) moved = true;
        }
        return false;
      });
      if (assigned) {
        assigns.push_back(static_cast<int>(it - places.begin()));
      } else if (read) {
        reads.push_back(static_cast<int>(it - places.begin()));
        if (moved) moves.push_back(static_cast<int>(it - places.begin()));
      }
    }
    return reads;
  }

  void analyse_flow(const clang::FunctionDecl& fn, const std::vector<Place>& places, RuleContext& ctx) {
    const auto* ctor = llvm::dyn_cast<clang::CXXConstructorDecl>(&fn);
    // `try { take(std::move(x)); } catch (...) { x->name; }`: the handler
    // runs after the move when the call throws. Exception edges only for a
    // body with a try (they split every block at each call).
    const bool has_try = flow::contains(fn.getBody(), [](const clang::Stmt& s) { return llvm::isa<clang::CXXTryStmt>(s); });
    std::unique_ptr<clang::CFG> cfg = flow::build_cfg(fn, ctx.ast, /*lifetimes=*/false, /*exception_edges=*/has_try);
    if (cfg == nullptr) return;
    clang::ParentMap parents(fn.getBody());
    if (ctor != nullptr) {
      for (const clang::CXXCtorInitializer* init : ctor->inits()) {
        if (init->getInit() != nullptr) parents.addStmt(init->getInit());
      }
    }
    const size_t n = places.size();
    auto index_of = [&](const std::optional<Place>& place) -> int {
      if (!place) return -1;
      auto it = std::find(places.begin(), places.end(), *place);
      return it == places.end() ? -1 : static_cast<int>(it - places.begin());
    };
    // Slots [0, n): moved from (or emptied) at the statement. Slots [n, 2n):
    // declared empty (`meshwa::Owned<T> other;`) and not touched since; only
    // std::swap turns that into a reportable state.
    std::map<const clang::VarDecl*, std::vector<int>> lambdas;  // lambda variable -> places it reads
    std::map<const clang::VarDecl*, std::vector<int>> refills;  // lambda variable -> places it assigns
    std::map<const clang::VarDecl*, std::vector<int>> empties;  // lambda variable -> places it moves away
    std::set<const clang::LambdaExpr*> stored_lambdas;          // lambdas held in a local variable
    flow::contains(fn.getBody(), [&](const clang::Stmt& s) {
      if (const auto* decl_stmt = llvm::dyn_cast<clang::DeclStmt>(&s)) {
        for (const clang::Decl* d : decl_stmt->decls()) {
          const auto* var = llvm::dyn_cast<clang::VarDecl>(d);
          if (const clang::LambdaExpr* lambda = lambda_of(var)) {
            stored_lambdas.insert(lambda);
            std::vector<int> assigns;
            std::vector<int> moves;
            std::vector<int> reads = lambda_reads(*lambda, places, parents, assigns, moves);
            if (!reads.empty()) lambdas[var] = std::move(reads);
            if (!assigns.empty()) refills[var] = std::move(assigns);
            if (!moves.empty()) empties[var] = std::move(moves);
          }
        }
      }
      return false;
    });

    std::vector<Finding> findings;
    flow::run_forward(*cfg, 2 * n, [&](const clang::Stmt& s, flow::State& state, bool report) {
      // A fresh declaration (each loop iteration's local) is a fresh handle.
      if (const auto* decl_stmt = llvm::dyn_cast<clang::DeclStmt>(&s)) {
        for (const clang::Decl* d : decl_stmt->decls()) {
          const auto* var = llvm::dyn_cast<clang::VarDecl>(d);
          if (var == nullptr) continue;
          for (size_t i = 0; i < n; ++i) {
            if (places[i].root != var) continue;
            state[i] = nullptr;
            const bool empty = places[i].fields.empty() && var->getInit() != nullptr && leaves_empty(var->getInit());
            state[n + i] = empty ? &s : nullptr;
          }
        }
        return;
      }
      if (auto [a, b] = swap_operands(s); a != nullptr) {
        // std::swap(x, y): each takes the other's state; an empty one
        // (moved from, or declared empty) empties the other.
        const int ia = index_of(owned_place(a));
        const int ib = index_of(owned_place(b));
        // Swapping structs (std::swap(b, c)): their fields are taken as fresh.
        for (const clang::Expr* operand : {a, b}) {
          std::optional<Place> path = local_path(operand);
          if (!path || index_of(path) >= 0) continue;
          for (size_t k = 0; k < n; ++k) {
            if (path->is_prefix_of(places[k])) state[k] = state[n + k] = nullptr;
          }
        }
        if (ia < 0 && ib < 0) return;
        auto empty = [&](int i) { return i >= 0 && (state[i] != nullptr || state[n + i] != nullptr); };
        const bool a_empty = empty(ia);
        const bool b_empty = empty(ib);
        if (ia >= 0) {
          state[ia] = b_empty ? &s : nullptr;
          state[n + ia] = nullptr;
        }
        if (ib >= 0) {
          state[ib] = a_empty ? &s : nullptr;
          state[n + ib] = nullptr;
        }
        return;
      }
      // A move bound to a reference parameter empties the handle when the
      // call runs, after all its arguments (receiver_of).
      for (const clang::Expr* move : moved_into_call(s, parents)) {
        std::optional<Place> moved = local_path(moved_operand(*move));
        if (!moved) continue;
        for (size_t i = 0; i < n; ++i) {
          if (!moved->is_prefix_of(places[i])) continue;
          state[i] = move;
          state[n + i] = nullptr;
        }
      }
      if (const clang::Expr* operand = moved_operand(s)) {
        std::optional<Place> moved = local_path(operand);
        if (!moved) return;
        if (!receiver_of(s, parents).emptied_here) {
          // Emptied when the receiving call runs (above); only its siblings
          // in the calls around it are unsequenced with it.
          for (size_t i = 0; i < n; ++i) {
            if (report && *moved == places[i]) find_unsequenced(s, places[i], parents, findings);
          }
          return;
        }
        for (size_t i = 0; i < n; ++i) {
          if (!moved->is_prefix_of(places[i])) continue;
          if (report && *moved == places[i]) find_unsequenced(s, places[i], parents, findings);
          state[i] = &s;
          state[n + i] = nullptr;
        }
        return;
      }
      if (const auto* call = llvm::dyn_cast<clang::CXXOperatorCallExpr>(&s)) {
        if (call->getOperator() == clang::OO_Equal && call->getNumArgs() == 2) {
          // x = ..., or b = ... (a new b.inner).
          if (std::optional<Place> assigned = local_path(call->getArg(0))) {
            for (size_t i = 0; i < n; ++i) {
              if (assigned->is_prefix_of(places[i])) state[i] = state[n + i] = nullptr;
            }
          }
          return;
        }
        if (call->getOperator() == clang::OO_Call && call->getNumArgs() >= 1) {
          // `[&] { take(std::move(in)); }()`: a lambda called where it is
          // made empties what it moves (its captures were read above).
          if (const auto* lambda = llvm::dyn_cast<clang::LambdaExpr>(call->getArg(0)->IgnoreImplicit()->IgnoreParens())) {
            std::vector<int> assigns;
            std::vector<int> moves;
            (void)lambda_reads(*lambda, places, parents, assigns, moves);
            for (int i : moves) {
              state[i] = call;
              state[n + i] = nullptr;
            }
            for (int i : assigns) state[i] = state[n + i] = nullptr;
            return;
          }
          // name(): the call of a lambda that reads a captured handle.
          const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(call->getArg(0)->IgnoreParenImpCasts());
          const auto* var = ref != nullptr ? llvm::dyn_cast<clang::VarDecl>(ref->getDecl()) : nullptr;
          if (var == nullptr) return;
          auto it = lambdas.find(var);
          if (it != lambdas.end() && report) {
            for (int i : it->second) {
              if (state[i] != nullptr) findings.push_back({ref->getLocation(), places[i], state[i], false, false, var});
            }
          }
          if (auto refill = refills.find(var); refill != refills.end()) {
            for (int i : refill->second) state[i] = state[n + i] = nullptr;
          }
          if (auto moved = empties.find(var); moved != empties.end()) {
            for (int i : moved->second) {
              state[i] = call;
              state[n + i] = nullptr;
            }
          }
        }
        return;
      }
      if (const auto* self = llvm::dyn_cast<clang::CXXThisExpr>(&s)) {
        // `this` handed on (`*this`, `notify(this)`) or a member function
        // called on it whose body is not followed may give its fields new
        // values: taken as fresh.
        const auto* member = llvm::dyn_cast_or_null<clang::MemberExpr>(flow::semantic_parent(parents, self));
        if (member != nullptr && llvm::isa<clang::FieldDecl>(member->getMemberDecl())) return;
        const clang::Stmt* call = member != nullptr ? parents.getParent(member) : nullptr;
        if (call != nullptr && followed_member_call(*call)) return;
        for (size_t k = 0; k < n; ++k) {
          if (places[k].root == nullptr) state[k] = state[n + k] = nullptr;
        }
        return;
      }
      if (auto followed = followed_member_call(s)) {
        // p.access() reads p.doc; p.move_doc() empties it; p.reload() refills it.
        const auto& [object, effects] = *followed;
        const auto* call = llvm::cast<clang::CXXMemberCallExpr>(&s);
        for (const clang::FieldDecl* field : effects->reads) {
          const int i = index_of(field_of(object, field));
          if (i < 0) continue;
          state[n + i] = nullptr;
          if (report && state[i] != nullptr) {
            findings.push_back({call->getExprLoc(), places[i], state[i], false, false, nullptr, call->getMethodDecl()});
          }
        }
        for (const clang::FieldDecl* field : effects->refills) {
          if (const int i = index_of(field_of(object, field)); i >= 0) state[i] = state[n + i] = nullptr;
        }
        for (const clang::FieldDecl* field : effects->moves) {
          if (const int i = index_of(field_of(object, field)); i >= 0) {
            state[i] = &s;
            state[n + i] = nullptr;
          }
        }
        return;
      }
      const auto* e = llvm::dyn_cast<clang::Expr>(&s);
      if (e == nullptr || (!llvm::isa<clang::DeclRefExpr>(e) && !llvm::isa<clang::MemberExpr>(e))) return;
      std::optional<Place> path = local_path(e);
      if (!path) return;
      const clang::Stmt* parent = flow::semantic_parent(parents, e);
      // The operands of std::swap are handled at the swap.
      if (parent != nullptr) {
        auto [a, b] = swap_operands(*parent);
        if (a != nullptr && (a->IgnoreParenImpCasts() == e || b->IgnoreParenImpCasts() == e)) return;
      }
      const int i = index_of(path);
      // Capturing a handle by reference into a lambda held in a local reads
      // nothing: calling that lambda does (above).
      if (i >= 0 && llvm::isa_and_nonnull<clang::LambdaExpr>(parent) &&
          stored_lambdas.count(llvm::cast<clang::LambdaExpr>(parent)) != 0) {
        return;
      }
      if (i < 0) {
        // b handed on or changed as a whole (refill(b), b.reset_all()) may
        // give b.inner a new value: not followed, taken as fresh. Reading a
        // field of it (b.inner, b.count) is not.
        const auto* member = llvm::dyn_cast_or_null<clang::MemberExpr>(parent);
        if (member != nullptr && llvm::isa<clang::FieldDecl>(member->getMemberDecl())) return;
        // A member function whose body is followed is judged at its call.
        const clang::Stmt* call = member != nullptr ? parents.getParent(member) : nullptr;
        if (call != nullptr && followed_member_call(*call)) return;
        if (parent != nullptr && moved_operand(*parent) != nullptr) return;
        for (size_t k = 0; k < n; ++k) {
          if (path->is_prefix_of(places[k])) state[k] = state[n + k] = nullptr;
        }
        return;
      }
      // A declared-empty handle touched in any way is no longer known empty.
      state[n + i] = nullptr;
      if (state[i] == nullptr) return;
      // Code that tests the handle handles the empty case itself (the
      // analysis does not follow which branch of the test is taken).
      if (is_emptiness_test(parents, e)) {
        state[i] = nullptr;
        return;
      }
      if (!report || flow::is_assigned_to(parents, e)) return;
      const bool again = parent != nullptr && moved_operand(*parent) != nullptr;
      const clang::SourceLocation where =
          llvm::isa<clang::MemberExpr>(e) ? llvm::cast<clang::MemberExpr>(e)->getMemberLoc() : e->getExprLoc();
      findings.push_back({where, places[i], state[i], again, false});
    });
    emit(findings, ctx);
  }

  /// Where a move empties the handle: the call or construction that
  /// receives it, the argument it is there, and whether it is emptied on the
  /// spot. std::exchange empties the handle where it is called; std::move
  /// and friends only cast, and the handle is emptied where a new object is
  /// built from the cast: at the call for a by-value parameter, inside the
  /// callee for a reference parameter (`take(std::move(x), x->n)` with
  /// `Owned<T>&&`, `m.emplace(x->n, std::move(x))`, `v[x->n] =
  /// std::move(x)`), after every argument has been evaluated.
  struct Receiver {
    const clang::Stmt* call = nullptr;      // CallExpr or CXXConstructExpr, else the parent
    const clang::Stmt* argument = nullptr;  // the move with its wrappers
    bool emptied_here = true;
  };
  static Receiver receiver_of(const clang::Stmt& move, const clang::ParentMap& parents) {
    Receiver r;
    r.argument = &move;
    const bool exchange = llvm::isa<clang::CallExpr>(move) && llvm::cast<clang::CallExpr>(move).getNumArgs() == 2;
    bool constructed = false;
    r.call = outside_wrappers(r.argument, parents, &constructed);
    constructed = constructed || exchange;
    r.emptied_here = constructed || !is_argument_of(r.call, r.argument);
    return r;
  }

  static bool is_argument_of(const clang::Stmt* call, const clang::Stmt* argument) {
    auto among = [&](auto args) { return llvm::is_contained(args, argument); };
    if (const auto* c = llvm::dyn_cast_or_null<clang::CallExpr>(call)) return among(c->arguments());
    if (const auto* c = llvm::dyn_cast_or_null<clang::CXXConstructExpr>(call)) return among(c->arguments());
    return false;
  }

  /// The moves a call carries out when it runs: its arguments that are a
  /// std::move (or std::forward, static_cast) bound to a reference parameter.
  static llvm::SmallVector<const clang::Expr*, 2> moved_into_call(const clang::Stmt& s, const clang::ParentMap& parents) {
    llvm::SmallVector<const clang::Expr*, 2> moves;
    auto visit = [&](auto args) {
      for (const clang::Expr* arg : args) {
        const clang::Expr* inner = arg->IgnoreParenImpCasts();
        if (moved_operand(*inner) != nullptr && !receiver_of(*inner, parents).emptied_here) moves.push_back(inner);
      }
    };
    if (const auto* c = llvm::dyn_cast<clang::CallExpr>(&s)) visit(c->arguments());
    if (const auto* c = llvm::dyn_cast<clang::CXXConstructExpr>(&s)) visit(c->arguments());
    return moves;
  }

  /// f(x->size(), std::move(x)): the other arguments of the call that
  /// receives the move may be evaluated after it, and so may the other
  /// arguments of every call around that one (`f(x->size(), g(std::move(x)))`).
  static void find_unsequenced(const clang::Stmt& move, const Place& place, const clang::ParentMap& parents,
                               std::vector<Finding>& findings) {
    const Receiver receiver = receiver_of(move, parents);
    // Emptied on the spot: from the argument that empties it; emptied by the
    // callee: from the call itself.
    const clang::Stmt* child = receiver.emptied_here ? receiver.argument : receiver.call;
    const clang::Stmt* parent = receiver.emptied_here ? receiver.call : outside_wrappers(child, parents);
    for (int depth = 0; depth < 8 && parent != nullptr; ++depth) {
      llvm::SmallVector<const clang::Expr*, 8> arg_list = unsequenced_arguments(*parent);
      if (!llvm::is_contained(arg_list, child)) return;
      for (const clang::Expr* arg : arg_list) {
        if (arg == child) continue;
        clang::SourceLocation where;
        flow::contains(arg, [&](const clang::Stmt& s) {
          const auto* e = llvm::dyn_cast<clang::Expr>(&s);
          if (e == nullptr || (!llvm::isa<clang::DeclRefExpr>(e) && !llvm::isa<clang::MemberExpr>(e))) return false;
          std::optional<Place> path = local_path(e);
          if (path && *path == place && where.isInvalid()) where = e->getExprLoc();
          return where.isValid();
        });
        if (where.isValid()) findings.push_back({where, place, &move, false, true});
      }
      child = parent;
      parent = outside_wrappers(child, parents);
    }
  }

  /// The parent of `e` once past the implicit nodes around an argument
  /// (parentheses, conversions, temporaries, the copy into a parameter);
  /// `e` is moved up to the node just below it.
  static const clang::Stmt* outside_wrappers(const clang::Stmt*& e, const clang::ParentMap& parents,
                                             bool* constructed = nullptr) {
    const clang::Stmt* parent = parents.getParent(e);
    while (parent != nullptr &&
           llvm::isa<clang::ParenExpr, clang::ImplicitCastExpr, clang::MaterializeTemporaryExpr,
                     clang::CXXBindTemporaryExpr, clang::CXXConstructExpr>(parent) &&
           !llvm::isa<clang::CXXTemporaryObjectExpr>(parent)) {
      const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(parent);
      if (construct != nullptr && construct->getNumArgs() != 1) break;
      if (construct != nullptr && constructed != nullptr) *constructed = true;
      e = parent;
      parent = parents.getParent(e);
    }
    return parent;
  }

  /// The arguments of a call, construction or built-in operator whose
  /// evaluation order is unspecified. None for a braced initialiser (left to right) and for the
  /// operators C++17 sequences (`<<`, `>>`, assignments, `&&`, `||`, `,`,
  /// `[]`); the callee of `obj(args)` is evaluated before its arguments.
  static llvm::SmallVector<const clang::Expr*, 8> unsequenced_arguments(const clang::Stmt& s) {
    llvm::SmallVector<const clang::Expr*, 8> args;
    if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(&s)) {
      switch (op->getOperator()) {
        case clang::OO_LessLess:
        case clang::OO_GreaterGreater:
        case clang::OO_AmpAmp:
        case clang::OO_PipePipe:
        case clang::OO_Comma:
        case clang::OO_Subscript:
        case clang::OO_ArrowStar:
        case clang::OO_Arrow:
          return args;
        case clang::OO_Call:
          for (unsigned i = 1; i < op->getNumArgs(); ++i) args.push_back(op->getArg(i));
          return args;
        default:
          if (op->isAssignmentOp()) return args;
          for (const clang::Expr* arg : op->arguments()) args.push_back(arg);
          return args;
      }
    }
    if (const auto* op = llvm::dyn_cast<clang::BinaryOperator>(&s)) {
      const bool sequenced = op->isAssignmentOp() || op->isLogicalOp() || op->isShiftOp() || op->isCommaOp() ||
                             op->isPtrMemOp();
      if (!sequenced) args.append({op->getLHS(), op->getRHS()});
      return args;
    }
    if (const auto* call = llvm::dyn_cast<clang::CallExpr>(&s)) {
      // The object of a member call is not among the arguments:
      // `x->f(std::move(x))` evaluates x first (C++17).
      for (const clang::Expr* arg : call->arguments()) args.push_back(arg);
    } else if (const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(&s);
               construct != nullptr && !construct->isListInitialization()) {
      for (const clang::Expr* arg : construct->arguments()) args.push_back(arg);
    }
    return args;
  }


  /// A local std::unique_ptr<T> / std::shared_ptr<T> dereferenced (`p->m`,
  /// `*p`) where it is empty on every path that reaches the dereference:
  /// moved from into another smart pointer, reset(), released, assigned
  /// nullptr, or declared empty, and given no value since. A null pointer
  /// dereference (CWE-476); libstdc++ does not even assert in operator->.
  /// "Every path" (not "some path", as for Owned) keeps correlated
  /// branches accepted: `if (c) p = make(); ... if (c) p->run();`.
  void analyse_smart_pointers(const clang::FunctionDecl& fn, RuleContext& ctx) {
    if (fn.getBody() == nullptr) return;
    std::vector<const clang::VarDecl*> vars;
    flow::contains(fn.getBody(), [&](const clang::Stmt& s) {
      if (const auto* decl_stmt = llvm::dyn_cast<clang::DeclStmt>(&s)) {
        for (const clang::Decl* d : decl_stmt->decls()) {
          const auto* var = llvm::dyn_cast<clang::VarDecl>(d);
          if (var != nullptr && var->hasLocalStorage() && !llvm::isa<clang::ParmVarDecl>(var) &&
              is_std_smart_pointer(var->getType())) {
            vars.push_back(var);
          }
        }
      }
      return false;
    });
    if (vars.empty() || vars.size() > 64) return;
    const Aliases aliases = local_aliases(fn, vars);
    // Pre-filter: no CFG unless one of them can be left empty at all.
    auto tracked = [&](const clang::Expr* e) {
      const auto* ref = e != nullptr ? llvm::dyn_cast<clang::DeclRefExpr>(e->IgnoreParenImpCasts()) : nullptr;
      return ref != nullptr && aliased(aliases, ref->getDecl()) != nullptr;
    };
    const bool may_empty = std::any_of(vars.begin(), vars.end(), [&](const clang::VarDecl* var) {
      return var->getInit() == nullptr || is_null_argument(var->getInit(), ctx.ast);
    }) || flow::contains(fn.getBody(), [&](const clang::Stmt& s) {
      if (tracked(moved_operand(s))) return true;
      if (const auto* call = llvm::dyn_cast<clang::CXXMemberCallExpr>(&s)) {
        const clang::CXXMethodDecl* method = call->getMethodDecl();
        return method != nullptr && method->getIdentifier() != nullptr &&
               (method->getName() == "reset" || method->getName() == "release") &&
               tracked(call->getImplicitObjectArgument());
      }
      const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(&s);
      return op != nullptr && op->getOperator() == clang::OO_Equal && op->getNumArgs() == 2 &&
             tracked(op->getArg(0)) && is_null_argument(op->getArg(1), ctx.ast);
    });
    if (!may_empty) return;
    flow::with_stack_for(fn, [&] { analyse_smart_pointer_flow(fn, vars, aliases, ctx); });
  }

  /// A local reference bound to one of the tracked smart pointers, or to
  /// another such reference (`std::unique_ptr<T>& copy = data;`, Juliet's
  /// data-flow variants 31/32): whatever is done through it is done to the
  /// local itself.
  using Aliases = std::map<const clang::ValueDecl*, const clang::VarDecl*>;

  static Aliases local_aliases(const clang::FunctionDecl& fn, const std::vector<const clang::VarDecl*>& vars) {
    Aliases aliases;
    for (const clang::VarDecl* var : vars) aliases.emplace(var, var);
    std::vector<std::pair<const clang::VarDecl*, const clang::ValueDecl*>> references;  // (reference, bound to)
    flow::contains(fn.getBody(), [&](const clang::Stmt& s) {
      const auto* decl_stmt = llvm::dyn_cast<clang::DeclStmt>(&s);
      if (decl_stmt == nullptr) return false;
      for (const clang::Decl* d : decl_stmt->decls()) {
        const auto* var = llvm::dyn_cast<clang::VarDecl>(d);
        if (var == nullptr || !var->hasLocalStorage() || !var->getType()->isLValueReferenceType() ||
            var->getInit() == nullptr) {
          continue;
        }
        const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(var->getInit()->IgnoreParenImpCasts());
        if (ref != nullptr) references.emplace_back(var, ref->getDecl());
      }
      return false;
    });
    // A reference to a reference: a few rounds, whatever order they were found in.
    for (int round = 0; round < 4; ++round) {
      bool grew = false;
      for (const auto& [reference, bound] : references) {
        const clang::VarDecl* target = aliased(aliases, bound);
        if (target != nullptr) grew |= aliases.emplace(reference, target).second;
      }
      if (!grew) break;
    }
    return aliases;
  }

  /// The tracked local that `d` is, or is a reference to; nullptr if none.
  static const clang::VarDecl* aliased(const Aliases& aliases, const clang::ValueDecl* d) {
    auto it = aliases.find(d);
    return it == aliases.end() ? nullptr : it->second;
  }

  /// `auto copy = data;`, `std::shared_ptr<T> copy(data);`: a copy of a
  /// tracked smart pointer, which is as empty as the original.
  static const clang::DeclRefExpr* copied_from(const clang::VarDecl& var) {
    const clang::Expr* init = var.getInit();
    if (init == nullptr) return nullptr;
    const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(init->IgnoreImplicit()->IgnoreParens());
    if (construct == nullptr || construct->getNumArgs() != 1 || !construct->getConstructor()->isCopyConstructor()) {
      return nullptr;
    }
    return llvm::dyn_cast<clang::DeclRefExpr>(construct->getArg(0)->IgnoreParenImpCasts());
  }

  /// std::unique_ptr<T> or std::shared_ptr<T> of a single object (not a
  /// reference to one: what it refers to may be refilled elsewhere).
  static bool is_std_smart_pointer(clang::QualType type) {
    if (type.isNull() || type->isReferenceType()) return false;
    const auto* spec = llvm::dyn_cast_or_null<clang::ClassTemplateSpecializationDecl>(type->getAsCXXRecordDecl());
    if (spec == nullptr || !spec->isInStdNamespace() || spec->getTemplateArgs().size() < 1 ||
        (spec->getName() != "unique_ptr" && spec->getName() != "shared_ptr")) {
      return false;
    }
    const clang::TemplateArgument& element = spec->getTemplateArgs()[0];
    return element.getKind() == clang::TemplateArgument::Type && !element.getAsType()->isArrayType();
  }

  /// `nullptr` (or `NULL`, `0`) as an argument: an empty smart pointer.
  static bool is_null_argument(const clang::Expr* e, clang::ASTContext& ast) {
    e = e->IgnoreImplicit()->IgnoreParens();
    if (const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(e)) {
      if (construct->getNumArgs() == 0) return true;
      if (construct->getNumArgs() != 1) return false;
      e = construct->getArg(0)->IgnoreImplicit()->IgnoreParens();
    }
    return e->isNullPointerConstant(ast, clang::Expr::NPC_ValueDependentIsNotNull) != clang::Expr::NPCK_NotNull;
  }

  void analyse_smart_pointer_flow(const clang::FunctionDecl& fn, const std::vector<const clang::VarDecl*>& vars,
                                  const Aliases& aliases, RuleContext& ctx) {
    std::unique_ptr<clang::CFG> cfg = flow::build_cfg(fn, ctx.ast);
    if (cfg == nullptr) return;
    clang::ParentMap parents(fn.getBody());
    const size_t n = vars.size();
    const clang::Stmt* body = fn.getBody();
    auto index_of = [&](const clang::Expr* e) -> int {
      const auto* ref = e != nullptr ? llvm::dyn_cast<clang::DeclRefExpr>(e->IgnoreParenImpCasts()) : nullptr;
      if (ref == nullptr) return -1;
      auto it = std::find(vars.begin(), vars.end(), aliased(aliases, ref->getDecl()));
      return it == vars.end() ? -1 : static_cast<int>(it - vars.begin());
    };
    // Slots [0, n): may hold a value (non-null on some path). Slots [n, 2n):
    // where it was last emptied, for the note.
    auto empty = [&](flow::State& state, int i, const clang::Stmt& at) {
      state[i] = nullptr;
      state[n + i] = &at;
    };
    auto filled = [&](flow::State& state, int i) { state[i] = body; };
    struct Deref {
      clang::SourceLocation at;
      int var;
      const clang::Stmt* emptied;
      const clang::ValueDecl* named;  // the local, or a reference to it
    };
    std::vector<Deref> derefs;
    // `copy = data;` between two tracked pointers, a copy assignment (not a
    // move): the index of `data`, else -1.
    auto copy_assigned_from = [&](const clang::CXXOperatorCallExpr& op) -> int {
      const auto* method = llvm::dyn_cast_or_null<clang::CXXMethodDecl>(op.getDirectCallee());
      if (op.getOperator() != clang::OO_Equal || op.getNumArgs() != 2 || method == nullptr ||
          !method->isCopyAssignmentOperator() || index_of(op.getArg(0)) < 0) {
        return -1;
      }
      return index_of(op.getArg(1));
    };
    flow::run_forward(*cfg, 2 * n, [&](const clang::Stmt& s, flow::State& state, bool report) {
      if (const auto* decl_stmt = llvm::dyn_cast<clang::DeclStmt>(&s)) {
        for (const clang::Decl* d : decl_stmt->decls()) {
          auto it = std::find(vars.begin(), vars.end(), d);
          if (it == vars.end()) continue;
          const auto* var = *it;
          const int i = static_cast<int>(it - vars.begin());
          if (var->getInit() == nullptr || is_null_argument(var->getInit(), ctx.ast)) {
            empty(state, i, s);
          } else if (const int from = index_of(copied_from(*var)); from >= 0) {
            state[i] = state[from];  // a copy is empty where the original is
            state[n + i] = state[from] == nullptr ? &s : nullptr;
          } else {
            filled(state, i);
          }
        }
        return;
      }
      if (const auto* lambda = llvm::dyn_cast<clang::LambdaExpr>(&s)) {
        // Whatever a lambda does with a captured pointer is not followed.
        for (const clang::LambdaCapture& capture : lambda->captures()) {
          if (!capture.capturesVariable()) continue;
          auto it = std::find(vars.begin(), vars.end(), aliased(aliases, capture.getCapturedVar()));
          if (it != vars.end()) filled(state, static_cast<int>(it - vars.begin()));
        }
        return;
      }
      if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(&s);
          op != nullptr && op->getOperator() == clang::OO_Equal && op->getNumArgs() == 2) {
        if (const int i = index_of(op->getArg(0)); i >= 0) {
          if (is_null_argument(op->getArg(1), ctx.ast)) {
            empty(state, i, s);
          } else if (const int from = copy_assigned_from(*op); from >= 0 && from != i) {
            state[n + i] = state[from] == nullptr ? &s : nullptr;  // `copy = data;`: as empty as data
            state[i] = state[from];
          } else {
            filled(state, i);
          }
        }
        return;
      }
      if (const auto* call = llvm::dyn_cast<clang::CXXMemberCallExpr>(&s)) {
        const int i = index_of(call->getImplicitObjectArgument());
        const clang::CXXMethodDecl* method = call->getMethodDecl();
        if (i < 0 || method == nullptr) return;
        const bool named = method->getIdentifier() != nullptr;
        if (named && method->getName() == "release") {
          empty(state, i, s);
        } else if (named && method->getName() == "reset") {
          // unique_ptr::reset(pointer p = pointer()): the default is null.
          if (call->getNumArgs() == 0 || llvm::isa<clang::CXXDefaultArgExpr>(call->getArg(0)) ||
              is_null_argument(call->getArg(0), ctx.ast)) {
            empty(state, i, s);
          } else {
            filled(state, i);
          }
        } else {
          filled(state, i);  // operator bool, get() (tests: the code handles empty), swap, ...
        }
        return;
      }
      const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(&s);
      const int i = index_of(ref);
      if (i < 0) return;
      const clang::Stmt* parent = flow::semantic_parent(parents, ref);
      if (parent == nullptr) {
        filled(state, i);
        return;
      }
      if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(parent)) {
        const clang::OverloadedOperatorKind kind = op->getOperator();
        if ((kind == clang::OO_Arrow || kind == clang::OO_Star) && op->getNumArgs() == 1) {
          if (report && state[i] == nullptr && state[n + i] != nullptr) {
            derefs.push_back({ref->getLocation(), i, state[n + i], ref->getDecl()});
          }
          return;
        }
        if (kind == clang::OO_Equal && op->getNumArgs() == 2 && op->getArg(0)->IgnoreParenImpCasts() == ref) {
          return;  // judged at the assignment, after its right-hand side
        }
        if (copy_assigned_from(*op) == i) return;  // copied from: unchanged
      }
      if (llvm::isa<clang::MemberExpr>(parent)) return;  // judged at the member call
      // Copied into a new local, or bound to a local reference: the
      // declaration is judged at its DeclStmt, and the original is unchanged.
      if (const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(parent);
          construct != nullptr && construct->getNumArgs() == 1 && construct->getConstructor()->isCopyConstructor() &&
          is_std_smart_pointer(construct->getType())) {
        return;
      }
      if (const auto* decl_stmt = llvm::dyn_cast<clang::DeclStmt>(parent);
          decl_stmt != nullptr && std::all_of(decl_stmt->decl_begin(), decl_stmt->decl_end(), [&](const clang::Decl* d) {
            return aliased(aliases, llvm::dyn_cast<clang::ValueDecl>(d)) != nullptr;
          })) {
        return;
      }
      // std::move(p) into another smart pointer (a move constructor or
      // assignment), or into a standard library call (v.push_back(std::move(p)),
      // m.emplace(k, std::move(p)), which store it), leaves p empty. Handed
      // to an rvalue reference parameter of the user's it may or may not be
      // taken: not followed.
      if (moved_operand(*parent) != nullptr) {
        const clang::Stmt* taker = flow::semantic_parent(parents, parent);
        const auto* construct = llvm::dyn_cast_or_null<clang::CXXConstructExpr>(taker);
        const auto* assign = llvm::dyn_cast_or_null<clang::CXXOperatorCallExpr>(taker);
        const auto* library_call = llvm::dyn_cast_or_null<clang::CallExpr>(taker);
        const clang::FunctionDecl* library = library_call != nullptr ? library_call->getDirectCallee() : nullptr;
        const auto* method = llvm::dyn_cast_or_null<clang::CXXMethodDecl>(library);
        // (std::forward_as_tuple keeps a reference and takes nothing.)
        const bool stored_by_library =
            library != nullptr && assign == nullptr &&
            (method != nullptr ? method->getParent()->isInStdNamespace() : library->isInStdNamespace()) &&
            !(library->getIdentifier() != nullptr && library->getName() == "forward_as_tuple");
        if ((construct != nullptr && construct->getNumArgs() == 1 &&
             is_std_smart_pointer(construct->getType())) ||
            (assign != nullptr && assign->getOperator() == clang::OO_Equal && assign->getNumArgs() == 2 &&
             is_std_smart_pointer(assign->getArg(0)->getType().getNonReferenceType())) ||
            stored_by_library) {
          empty(state, i, *parent);
          return;
        }
      }
      filled(state, i);  // handed on, compared, copied from: not followed
    });
    std::set<clang::SourceLocation> seen;
    for (const Deref& d : derefs) {
      if (!seen.insert(d.at).second || !reported_.insert(d.at).second) continue;
      const std::string name = vars[d.var]->getNameAsString();
      const std::string used = d.named == vars[d.var]
                                   ? "'" + name + "'"
                                   : "'" + d.named->getNameAsString() + "' (a reference to '" + name + "')";
      ctx.report.error(d.at, kName,
                       used + " is dereferenced while it is empty on every path that reaches here, a null "
                       "pointer dereference; give it a value first (" + name + " = std::make_unique<T>(...)), or "
                       "test it (if (" + name + ")) before using it");
      std::string why = "'" + name + "' was left empty here";
      if (moved_operand(*d.emptied) != nullptr) why = "'" + name + "' was moved from here";
      if (llvm::isa<clang::DeclStmt>(d.emptied)) why = "'" + name + "' is declared empty here";
      if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(d.emptied);
          op != nullptr && op->getOperator() == clang::OO_Equal && op->getNumArgs() == 2 &&
          !is_null_argument(op->getArg(1), ctx.ast)) {
        why = "'" + name + "' is assigned a copy of an empty pointer here";
      }
      if (const clang::DeclRefExpr* from = copied_from(*vars[d.var]);
          from != nullptr && llvm::isa<clang::DeclStmt>(d.emptied)) {
        why = "'" + name + "' is declared here as a copy of '" + from->getDecl()->getNameAsString() +
              "', which is empty";
      }
      ctx.report.note(d.emptied->getBeginLoc(), why);
    }
  }

  void emit(std::vector<Finding>& findings, RuleContext& ctx) {
    const clang::SourceManager& sm = ctx.sources();
    std::sort(findings.begin(), findings.end(), [&](const Finding& a, const Finding& b) {
      return sm.isBeforeInTranslationUnit(a.use, b.use);
    });
    // The first use after each move is the one to fix; later ones follow.
    std::set<std::pair<std::string, const clang::Stmt*>> seen;
    std::set<clang::SourceLocation> at;
    for (const Finding& f : findings) {
      const std::string name = f.place.name();
      if (!seen.insert({name, f.move}).second || !at.insert(f.use).second) continue;
      if (!reported_.insert(f.use).second) continue;  // the same finding in another instantiation
      std::string message;
      if (f.method != nullptr) {
        message = "'" + name + "' is used by '" + f.method->getNameAsString() +
                  "' after it was moved from; a moved-from meshwa::Owned is empty (using it throws "
                  "meshwa::EmptyHandle): give it a new value first, or move it only at its last use";
      } else if (f.lambda != nullptr) {
        message = "'" + name + "' is used after it was moved from, by the lambda '" + f.lambda->getNameAsString() +
                  "' that captures it by reference; a moved-from meshwa::Owned is empty (using it throws "
                  "meshwa::EmptyHandle): call the lambda before the move, or capture what it needs by value";
      } else if (f.again) {
        message = "'" + name + "' is moved again after it was already moved from; a moved-from meshwa::Owned is "
                  "empty, so this passes on nothing: move it once, or give it a new value first (" + name +
                  " = meshwa::make_owned<T>(...))";
      } else if (f.unsequenced) {
        message = "'" + name + "' is used in the same call that moves it, and the order in which arguments are "
                  "evaluated is unspecified, so it may already be empty; read what you need into a local "
                  "before the call";
      } else {
        message = "'" + name + "' is used after it was moved from; a moved-from meshwa::Owned is empty "
                  "(using it throws meshwa::EmptyHandle): give it a new value first (" + name +
                  " = meshwa::make_owned<T>(...)), or move it only at its last use";
      }
      ctx.report.error(f.use, kName, message);
      const bool later_in_loop = !f.unsequenced && f.move != nullptr &&
                                 sm.isBeforeInTranslationUnit(f.use, f.move->getBeginLoc());
      const bool swapped = swap_operands(*f.move).first != nullptr;
      std::string note;
      if (swapped) {
        note = "'" + name + "' was swapped with an empty handle here";
      } else {
        std::optional<Place> moved = local_path(moved_operand(*f.move));
        const std::string what = moved ? moved->name() : name;
        note = what == name ? "'" + name + "' was moved from here" : "'" + name + "' was moved from here, with '" + what + "'";
        if (const auto* mover = llvm::dyn_cast<clang::CXXMemberCallExpr>(f.move); mover != nullptr && mover->getMethodDecl() != nullptr) {
          note = "'" + name + "' was moved from here, by '" + mover->getMethodDecl()->getNameAsString() + "'";
        }
      }
      if (later_in_loop) note += ", in an earlier iteration of the loop";
      ctx.report.note(f.move->getBeginLoc(), note);
    }
  }

  std::set<clang::SourceLocation> reported_;  // across instantiations of one template
};

}  // namespace

std::unique_ptr<Rule> make_UseAfterMove() { return std::make_unique<UseAfterMove>(); }

}  // namespace meshwa::rules
