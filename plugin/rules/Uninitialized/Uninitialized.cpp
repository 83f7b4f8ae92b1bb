// meshwa-uninitialized: reads of indeterminate values. Rather than proving
// every read happens after a write, the rule requires initialisation where
// the storage is declared:
//   - local variables whose default-initialisation leaves bytes
//     indeterminate (scalars, pointers, enums, C arrays of them, aggregates
//     and std::array of them): `int n;` -> `int n{};` (fix-it)
//   - fields of such types without a default member initialiser, in classes
//     with a user-provided constructor that does not initialise them:
//     `int64_t units;` -> `int64_t units{};` (fix-it); bases likewise.
//     In a class template: non-dependent fields and bases at the template,
//     dependent ones in each instantiation (reported once, at the template).
//     A class without constructors of its own (an aggregate such as
//     `struct Point { int x; int y; };`) is judged where objects of it are
//     default-initialised (`Point p;`), not at its fields: `Point{1, 2}` and
//     `Point{}` are fine.
//   - std::make_unique_for_overwrite / make_shared_for_overwrite /
//     allocate_shared_for_overwrite of such a type (they default-initialise,
//     on purpose): use std::make_unique / std::make_shared, which
//     value-initialise.
//   - an initialiser that reads what it initialises or what is initialised
//     after it: `int n = n + 1;`, `std::string s = s + "x";`, a default
//     member initialiser or a mem-initialiser reading its own member or one
//     declared later (`int a = b + 1; int b = 2;`, `S() : a(b), b(1) {}`),
//     a base initialiser reading any member; also through a member
//     function of the class called there (`a_(compute())`, body in the
//     file) or a constructor of the user's whose body reads the reference
//     parameter it is given (`Base(own)` with `Base(const int& x) : v_(x)`).
//     Not reads: unevaluated operands, &x / std::addressof(x), lambda bodies
//     and by-reference captures, a reference a constructor of the user's
//     own class only keeps (or that is defined in another file).
// Accepted: a local the next statements of its block give a value on every
// path before any read (`int data; data = 5;`, an if/else assigning on
// both branches, a loop or std::fill / memset writing a whole array, every
// field of a struct assigned), or read only where a standard stream
// extraction into it succeeded (`while (in >> v) use(v);`) or where a flag
// set right after its assignment is true, or handed to a function or a
// lambda whose body (walked the same way, a few calls deep) writes it
// (`if (!parse(s, v)) return false;`, `[&] { v = f(); }();`); any
// initialiser (`= 0`, `{}`, `(x)`), class types whose constructor
// initialises them (std::string, std::vector, ...), globals and statics
// (zero-initialised), catch parameters.
#include "Annotations.h"
#include "ConstructorBodyWrites.h"
#include "Flow.h"
#include "Rule.h"
#include "TypeUtil.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/Builtins.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallPtrSet.h"

#include <map>
#include <set>
#include <tuple>

namespace meshwa::rules {

namespace {

constexpr llvm::StringLiteral kName = "uninitialized";

/// Does the variable's initialiser (if any) leave storage indeterminate?
bool leaves_garbage(const clang::VarDecl& var, clang::ASTContext& ctx) {
  const clang::Expr* init = var.getInit();
  if (init == nullptr) return default_init_leaves_garbage(var.getType(), ctx);
  // `T x;` for a class type: an implicit call of a trivial default constructor.
  if (const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(init->IgnoreImplicit())) {
    // (No parentheses or braces written: `T x;`, recorded as call-init.)
    if (var.getInitStyle() != clang::VarDecl::ListInit && construct->getParenOrBraceRange().isInvalid() &&
        construct->getNumArgs() == 0 && !construct->requiresZeroInitialization()) {
      return default_init_leaves_garbage(var.getType(), ctx);
    }
  }
  return false;
}

/// Insert `{}` right after the declarator (`int n` -> `int n{}`,
/// `int a[4]` -> `int a[4]{}`), unless macros are involved.
std::optional<clang::FixItHint> brace_fix(const clang::DeclaratorDecl& decl, RuleContext& ctx) {
  const clang::SourceLocation end = decl.getEndLoc();
  if (end.isInvalid() || end.isMacroID()) return std::nullopt;
  const clang::SourceLocation after = clang::Lexer::getLocForEndOfToken(end, 0, ctx.sources(), ctx.lang());
  if (after.isInvalid()) return std::nullopt;
  return clang::FixItHint::CreateInsertion(after, "{}");
}

/// Locals the rule judges at all (whatever their type): not parameters,
/// structured bindings, catch parameters or range-for variables.
bool judged_local(const clang::VarDecl& var) {
  return !llvm::isa<clang::ParmVarDecl, clang::DecompositionDecl>(var) && var.hasLocalStorage() &&
         !var.isExceptionVariable() && !var.isCXXForRangeDecl();
}

/// User-provided constructors other than copy/move: the ones that decide
/// what a default-initialised object holds.
bool is_own_constructor(const clang::CXXConstructorDecl& ctor) {
  return ctor.isUserProvided() && !ctor.isCopyOrMoveConstructor() && !ctor.isDeleted();
}

bool has_own_constructor(const clang::CXXRecordDecl& record) {
  for (const clang::CXXConstructorDecl* ctor : record.ctors()) {
    if (is_own_constructor(*ctor)) return true;
  }
  return false;
}

/// The first own constructor of `record` that neither delegates, nor has
/// a written mem-initialiser for which `initialises` holds, nor is one for
/// which `body_sets` holds (`P() { x = 0; }`); nullptr when there is none.
/// A constructor defined in another file is trusted.
/// A copy or move constructor of the user's (`Fred(const Fred& o) : a(o.a)
/// {}`) whose body is empty: only its mem-initialisers give values, so a
/// member it leaves out is indeterminate in every copy. One with statements
/// in its body (`{ *this = o; }`, `{ copy_from(o); }`) is trusted.
bool is_empty_copy_constructor(const clang::CXXConstructorDecl& def) {
  if (!def.isUserProvided() || !def.isCopyOrMoveConstructor() || def.isDeleted()) return false;
  const auto* body = llvm::dyn_cast_or_null<clang::CompoundStmt>(def.getBody());
  return body != nullptr && body->body_empty();
}

/// `S() : S(0) {}`: the constructor called initialises everything. In a
/// class template the call is written as an initialiser of the class's own
/// (injected) type, which clang keeps as a base initialiser until the
/// template is instantiated.
bool is_own_type_initialiser(const clang::CXXCtorInitializer& init, const clang::CXXRecordDecl& own) {
  if (!init.isBaseInitializer() || init.getBaseClass() == nullptr) return false;
  const clang::CXXRecordDecl* base = init.getBaseClass()->getAsCXXRecordDecl();
  return base != nullptr && base->getCanonicalDecl() == own.getCanonicalDecl();
}

bool delegates(const clang::CXXConstructorDecl& def) {
  if (def.isDelegatingConstructor()) return true;
  return llvm::any_of(def.inits(), [&](const clang::CXXCtorInitializer* init) {
    return is_own_type_initialiser(*init, *def.getParent());
  });
}

template <class Pred, class BodyPred>
const clang::CXXConstructorDecl* constructor_leaving(const clang::CXXRecordDecl& record, Pred initialises,
                                                     BodyPred body_sets) {
  for (const clang::CXXConstructorDecl* ctor : record.ctors()) {
    const bool copy = ctor->isUserProvided() && ctor->isCopyOrMoveConstructor() && !ctor->isDeleted();
    if (!is_own_constructor(*ctor) && !copy) continue;
    const auto* def = llvm::cast_or_null<clang::CXXConstructorDecl>(definition_with_body(ctor));
    if (def == nullptr) continue;  // defined elsewhere: trusted
    if (delegates(*def)) continue;
    if (copy && !is_empty_copy_constructor(*def)) continue;
    bool found = false;
    for (const clang::CXXCtorInitializer* init : def->inits()) found = found || (init->isWritten() && initialises(*init));
    if (!found && (copy || !body_sets(*def))) return def;
  }
  return nullptr;
}

/// What an initialiser must not read: the variable being initialised, or
/// the members of `record` from field index `first_field` on (those not
/// initialised yet when this initialiser runs).
struct NotYetInitialised {
  const clang::VarDecl* var = nullptr;
  const clang::RecordDecl* record = nullptr;
  unsigned first_field = 0;

  /// The variable or member `e` names, if it is one of those.
  [[nodiscard]] const clang::ValueDecl* named(const clang::Expr* e) const {
    e = e->IgnoreParenImpCasts();
    if (const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(e)) {
      return var != nullptr && ref->getDecl() == var ? var : nullptr;
    }
    const auto* member = llvm::dyn_cast<clang::MemberExpr>(e);
    if (member == nullptr || record == nullptr) return nullptr;
    const auto* field = llvm::dyn_cast<clang::FieldDecl>(member->getMemberDecl());
    if (field == nullptr || field->getParent() != record || field->getFieldIndex() < first_field) return nullptr;
    return llvm::isa<clang::CXXThisExpr>(member->getBase()->IgnoreParenImpCasts()) ? field : nullptr;
  }

  /// `&x`, `&x.part`, `&this->b_.part`: names the storage, reads nothing
  /// (whether the address may be taken is meshwa-raw-pointer's business).
  [[nodiscard]] bool is_path_to(const clang::Expr* e) const {
    for (int depth = 0; e != nullptr && depth < 16; ++depth) {
      e = e->IgnoreParens();
      if (named(e) != nullptr) return true;
      const auto* member = llvm::dyn_cast<clang::MemberExpr>(e);
      if (member == nullptr || member->isArrow()) return false;
      e = member->getBase();
    }
    return false;
  }
};

/// One read of not-yet-initialised storage in an initialiser: `at` is the
/// expression of the initialiser that reads (the member itself, or the call
/// or argument through which a function reads it), `member` the member (or
/// variable) read, and for a read inside a called function, `via` that
/// function and `inner` the read in its body.
struct Read {
  const clang::Expr* at = nullptr;
  const clang::Expr* member = nullptr;
  const clang::FunctionDecl* via = nullptr;
  const clang::Expr* inner = nullptr;
  const clang::FunctionDecl* inner_fn = nullptr;  // the function `inner` is in (via, or one it calls)
};

/// How deep calls are followed (a member function calling another, a
/// constructor handing its reference parameter to another constructor).
constexpr int kMaxDepth = 4;

std::vector<Read> reads_of(const clang::Expr* init, const NotYetInitialised& target, RuleContext& ctx, int depth = 0);

/// `std::reference_wrapper`, or Boost's (`boost::reference_wrapper`, what
/// `boost::ref` makes, the pre-C++11 original that Boost's own classes
/// keep references in): holds the address of what it is built from.
bool is_reference_wrapper(const clang::CXXRecordDecl* record) {
  if (record == nullptr || record->getIdentifier() == nullptr || record->getName() != "reference_wrapper") {
    return false;
  }
  if (is_std_class(record, {"reference_wrapper"})) return true;
  const auto* ns = llvm::dyn_cast<clang::NamespaceDecl>(record->getDeclContext()->getRedeclContext());
  return ns != nullptr && ns->getIdentifier() != nullptr && ns->getName() == "boost" &&
         ns->getDeclContext()->getRedeclContext()->isTranslationUnit();
}

/// Whether `s` names a member of the object under construction (`ref_`,
/// `this->ref_`).
bool mentions_own_member(const clang::Stmt* s) {
  return flow::contains(s, [](const clang::Stmt& e) {
    const auto* member = llvm::dyn_cast<clang::MemberExpr>(&e);
    return member != nullptr && llvm::isa<clang::CXXThisExpr>(member->getBase()->IgnoreParenImpCasts());
  });
}

/// The definition of a library constructor (outside service code) that can
/// be looked into: visible (instantiated from a header), with an empty
/// body and mem-initialisers that use no member of the object, so that a
/// reference it keeps is not used through that member either
/// (`std::lock_guard<std::mutex>(m) : _M_device(m) { _M_device.lock(); }`
/// keeps `m` and locks it: not this). Else nullptr.
const clang::CXXConstructorDecl* library_constructor_definition(const clang::FunctionDecl* fn) {
  const auto* def = llvm::dyn_cast_or_null<clang::CXXConstructorDecl>(definition_with_body(fn));
  if (def == nullptr || def->isDeleted() || def->isDefaulted()) return nullptr;
  const auto* body = llvm::dyn_cast_or_null<clang::CompoundStmt>(def->getBody());
  if (body == nullptr || !body->body_empty()) return nullptr;
  for (const clang::CXXCtorInitializer* init : def->inits()) {
    if (init->isWritten() && init->getInit() != nullptr && mentions_own_member(init->getInit())) return nullptr;
  }
  return def;
}

/// The definition of `fn` when it is written in service code, else nullptr.
const clang::FunctionDecl* service_definition(const clang::FunctionDecl* fn, RuleContext& ctx) {
  if (fn == nullptr) return nullptr;
  const clang::FunctionDecl* def = definition_with_body(fn);
  if (def == nullptr || def->isDeleted() || def->isDefaulted()) return nullptr;
  if (!ctx.service_code.contains(def->getLocation())) return nullptr;
  return def;
}

/// The reads in a function body: reads_of on each expression of its
/// statements (declarations' initialisers included).
std::vector<Read> reads_in_body(const clang::Stmt* body, const NotYetInitialised& target, RuleContext& ctx,
                                int depth) {
  std::vector<Read> reads;
  std::vector<const clang::Stmt*> pending{body};
  while (!pending.empty()) {
    const clang::Stmt* s = pending.back();
    pending.pop_back();
    if (s == nullptr) continue;
    if (const auto* e = llvm::dyn_cast<clang::Expr>(s)) {
      std::vector<Read> more = reads_of(e, target, ctx, depth);
      reads.insert(reads.end(), more.begin(), more.end());
      continue;
    }
    for (const clang::Stmt* child : s->children()) pending.push_back(child);
  }
  return reads;
}

/// Where a read found in the body of `fn` really happens: in `fn`, or in
/// a function it calls. (`inner` and `inner_fn` of the result.)
Read innermost(const Read& read, const clang::FunctionDecl& fn) {
  Read result;
  result.inner = read.inner != nullptr ? read.inner : read.at;
  result.inner_fn = read.inner_fn != nullptr ? read.inner_fn : &fn;
  return result;
}

/// `text_(text)`, `int& r = v;`: a reference member bound to the object
/// itself (or a part of it) names it without reading it. A conversion that
/// makes a temporary (`const long& r = an_int;`) reads it.
bool binds_reference_member(const clang::ValueDecl* member, const clang::Expr* init,
                            const NotYetInitialised& target) {
  if (member == nullptr || init == nullptr || !member->getType()->isReferenceType()) return false;
  const clang::Expr* bound = init->IgnoreParens();
  if (!bound->isGLValue() || llvm::isa<clang::MaterializeTemporaryExpr>(bound)) return false;
  // Casts left on a glvalue only adjust its type (const, a base): no read.
  bound = bound->IgnoreParenImpCasts();
  // Through a reference member not bound yet (`r1(r2)` before `r2`), the
  // binding reads what that reference refers to: there is nothing yet.
  for (const clang::Expr* e = bound; const auto* part = llvm::dyn_cast<clang::MemberExpr>(e);
       e = part->getBase()->IgnoreParenImpCasts()) {
    if (part->getMemberDecl()->getType()->isReferenceType()) return false;
  }
  return target.is_path_to(bound);
}

/// The first read of the reference parameter `param` in the constructor
/// `def` (its mem-initialisers and body), or nullptr when it only keeps it:
/// binds a reference member to it (`text_(text)`), takes its address, hands
/// it on to a constructor that keeps it, or captures it by reference.
Read reads_parameter(const clang::CXXConstructorDecl& def, const clang::ParmVarDecl& param, RuleContext& ctx,
                     int depth) {
  NotYetInitialised target;
  target.var = &param;
  for (const clang::CXXCtorInitializer* init : def.inits()) {
    if (!init->isWritten() || init->getInit() == nullptr) continue;
    const clang::FieldDecl* member = init->getMember();
    if (binds_reference_member(member, init->getInit(), target)) continue;
    const std::vector<Read> reads = reads_of(init->getInit(), target, ctx, depth + 1);
    if (!reads.empty()) return innermost(reads.front(), def);
  }
  const std::vector<Read> reads = reads_in_body(def.getBody(), target, ctx, depth + 1);
  if (!reads.empty()) return innermost(reads.front(), def);
  return {};
}

/// A reference parameter or reference member bound to the object itself:
/// `Parser parser_{buffer_};` with `Parser(std::string& buffer)` declared in
/// service code, an aggregate with a `Node& self` member. The object is
/// named, not read: a class of the user's that keeps a reference to a
/// member declared after it is the usual way to wire parts together. When
/// the constructor's definition is in the file, it is looked into: one
/// that reads the parameter (`Base(const int& x) : v_(x) {}`) reads the
/// object, and `read_in`/`reader` are set to the read and the constructor.
/// A standard library constructor or any other function taking a reference
/// (the copy constructor, operator+) reads through it and is not excused.
bool binds_reference_for_later(const clang::Stmt& parent, const clang::Expr& arg, RuleContext& ctx, int depth,
                               Read& read_in, const clang::FunctionDecl*& reader) {
  read_in = {};
  reader = nullptr;
  const clang::FunctionDecl* callee = nullptr;
  unsigned index = 0;
  bool found = false;
  // std::ref(x), std::cref(x), std::reference_wrapper<T>(x): kept, not read.
  if (const auto* call = llvm::dyn_cast<clang::CallExpr>(&parent)) {
    const clang::FunctionDecl* fn = call->getDirectCallee();
    return fn != nullptr && fn->isInStdNamespace() && fn->getIdentifier() != nullptr &&
           (fn->getName() == "ref" || fn->getName() == "cref");
  }
  if (const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(&parent)) {
    callee = construct->getConstructor();
    if (callee != nullptr && is_reference_wrapper(construct->getConstructor()->getParent()) &&
        !llvm::cast<clang::CXXConstructorDecl>(callee)->isCopyOrMoveConstructor()) {
      return true;
    }
    for (unsigned i = 0; i < construct->getNumArgs() && !found; ++i) {
      if (construct->getArg(i) == &arg) index = i, found = true;
    }
    if (callee != nullptr && llvm::cast<clang::CXXConstructorDecl>(callee)->isCopyOrMoveConstructor()) return false;
  } else if (const auto* list = llvm::dyn_cast<clang::InitListExpr>(&parent)) {
    // An aggregate's reference member.
    const clang::RecordDecl* record = list->getType()->getAsRecordDecl();
    if (record == nullptr || list->getType()->isDependentType()) return false;
    unsigned i = 0;
    for (const clang::FieldDecl* field : record->fields()) {
      if (i < list->getNumInits() && list->getInit(i) == &arg) return field->getType()->isReferenceType();
      ++i;
    }
    return false;
  }
  if (!found || callee == nullptr) return false;
  if (index >= callee->getNumParams() || !callee->getParamDecl(index)->getType()->isReferenceType()) return false;
  // A library constructor is trusted only as far as its visible body shows
  // that it keeps the reference and reads nothing through it
  // (`qi::grammar<It, Sig>(start_rule)` of a Spirit grammar keeps its start
  // rule in a reference_wrapper); one it cannot see into, or deeper than
  // kMaxDepth, reads. A service constructor defined in another file is
  // trusted, as before.
  const bool library = !ctx.service_code.contains(callee->getLocation());
  if (depth >= kMaxDepth) return !library;
  const clang::CXXConstructorDecl* def =
      library ? library_constructor_definition(callee)
              : llvm::dyn_cast_or_null<clang::CXXConstructorDecl>(service_definition(callee, ctx));
  if (def == nullptr || index >= def->getNumParams()) return !library;  // defined elsewhere
  read_in = reads_parameter(*def, *def->getParamDecl(index), ctx, depth);
  if (read_in.inner == nullptr) return true;
  if (library) {
    read_in = {};  // reported as a read of the argument: the library's body is no place for a note
    return false;
  }
  reader = def;
  return false;
}

/// `compute()`, `this->compute()`: a call of a member function of `record`
/// on the object under construction, whose definition is in the file. While
/// the object is being built, even a virtual call runs this class's own
/// function.
const clang::FunctionDecl* own_member_call(const clang::Stmt& s, const clang::RecordDecl* record, RuleContext& ctx) {
  const auto* call = llvm::dyn_cast<clang::CXXMemberCallExpr>(&s);
  if (call == nullptr || record == nullptr) return nullptr;
  const clang::CXXMethodDecl* method = call->getMethodDecl();
  if (method == nullptr || method->isStatic() || method->getParent() != record) return nullptr;
  const clang::Expr* object = call->getImplicitObjectArgument();
  if (object == nullptr || !llvm::isa<clang::CXXThisExpr>(object->IgnoreParenImpCasts())) return nullptr;
  return service_definition(method, ctx);
}

/// `a.zero()`, `a.kLimit`, `a.ONE` for a static member function, a static
/// data member or an enumerator: the object is named, not read.
bool names_static_member(const clang::MemberExpr& member) {
  const clang::ValueDecl* decl = member.getMemberDecl();
  if (const auto* method = llvm::dyn_cast<clang::CXXMethodDecl>(decl)) return method->isStatic();
  if (const auto* var = llvm::dyn_cast<clang::VarDecl>(decl)) return var->isStaticDataMember();
  return llvm::isa<clang::EnumConstantDecl>(decl);
}

/// The reads of not-yet-initialised storage in `init`, outside unevaluated
/// operands (sizeof, decltype, noexcept, a non-polymorphic typeid), the
/// operand of & or std::addressof, lambda bodies and by-reference captures
/// (they run, or read, later), the left side of a plain assignment to a
/// scalar (a write), and references a user's constructor keeps without
/// reading them. Member functions of the class called on the object under
/// construction are looked into (`a_(compute())` where compute() reads
/// `b_`), as are constructors of the user's taking a reference to it.
/// Iterative: initialisers can be deeper than the stack.
std::vector<Read> reads_of(const clang::Expr* init, const NotYetInitialised& target, RuleContext& ctx, int depth) {
  std::vector<Read> reads;
  std::vector<const clang::Stmt*> pending{init};
  std::set<const clang::FunctionDecl*> followed;
  while (!pending.empty()) {
    const clang::Stmt* s = pending.back();
    pending.pop_back();
    if (s == nullptr) continue;
    if (llvm::isa<clang::UnaryExprOrTypeTraitExpr, clang::CXXNoexceptExpr>(s)) continue;
    if (const auto* type_id = llvm::dyn_cast<clang::CXXTypeidExpr>(s); type_id && !type_id->isPotentiallyEvaluated()) {
      continue;
    }
    if (const auto* op = llvm::dyn_cast<clang::UnaryOperator>(s);
        op != nullptr && op->getOpcode() == clang::UO_AddrOf && target.is_path_to(op->getSubExpr())) {
      continue;
    }
    if (const clang::CallExpr* call = address_of_call(*s); call != nullptr && target.is_path_to(call->getArg(0))) {
      continue;
    }
    if (const auto* assign = llvm::dyn_cast<clang::BinaryOperator>(s);
        assign != nullptr && assign->getOpcode() == clang::BO_Assign && target.named(assign->getLHS()) != nullptr) {
      pending.push_back(assign->getRHS());  // a write of a scalar
      continue;
    }
    if (const auto* member = llvm::dyn_cast<clang::MemberExpr>(s);
        member != nullptr && names_static_member(*member) && target.is_path_to(member->getBase())) {
      continue;
    }
    if (const auto* lambda = llvm::dyn_cast<clang::LambdaExpr>(s)) {
      // The body runs later; a by-copy capture (or init-capture) reads now.
      auto init_it = lambda->capture_init_begin();
      for (const clang::LambdaCapture& capture : lambda->captures()) {
        const clang::Expr* capture_init = *init_it++;
        if (capture.getCaptureKind() == clang::LCK_ByRef) continue;
        pending.push_back(capture_init);
      }
      continue;
    }
    if (const auto* e = llvm::dyn_cast<clang::Expr>(s); e != nullptr && target.named(e) != nullptr) {
      reads.push_back({e, e, nullptr, nullptr});
      continue;
    }
    if (depth < kMaxDepth) {
      if (const clang::FunctionDecl* method = own_member_call(*s, target.record, ctx);
          method != nullptr && followed.insert(method).second) {
        for (const Read& r : reads_in_body(method->getBody(), target, ctx, depth + 1)) {
          const Read where = innermost(r, *method);
          reads.push_back({llvm::cast<clang::Expr>(s), r.member, method, where.inner, where.inner_fn});
        }
      }
    }
    for (const clang::Stmt* child : s->children()) {
      const auto* arg = llvm::dyn_cast_or_null<clang::Expr>(child);
      if (arg != nullptr && target.named(arg) != nullptr) {
        Read read_in;
        const clang::FunctionDecl* reader = nullptr;
        if (binds_reference_for_later(*s, *arg, ctx, depth, read_in, reader)) continue;
        if (reader != nullptr) {
          reads.push_back({arg, arg, reader, read_in.inner, read_in.inner_fn});
          continue;
        }
      }
      pending.push_back(child);
    }
  }
  return reads;
}

/// What a statement after `T x;` does with x, for the walk that accepts a
/// local given a value before anything reads it (`int data; data = 5;`).
enum class FirstUse {
  none,      // does not touch x: keep walking
  assigned,  // gives x a value on every path that continues
  leaves,    // leaves x's scope without touching it (return, throw, break)
  confined,  // every use of x in the function is in this statement, and each
             // comes after a write (`while (in >> x) use(x);`): nothing after it reads x
  stop,      // reads x, may read it, or jumps: report as usual
};

bool mentions(const clang::Stmt* s, const clang::VarDecl& var) {
  return flow::contains(s, [&](const clang::Stmt& sub) {
    const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(&sub);
    return ref != nullptr && ref->getDecl() == &var;
  });
}

/// How many times `var` is named under `s` (lambda bodies included).
unsigned uses_in(const clang::Stmt* s, const clang::VarDecl& var) {
  unsigned count = 0;
  flow::contains(s, [&](const clang::Stmt& sub) {
    const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(&sub);
    if (ref != nullptr && ref->getDecl() == &var) ++count;
    return false;
  });
  return count;
}

/// How many times each local is named in a function body: counted once per
/// function, so that "every use of x is in this statement" costs a walk of
/// the statement, not of the rest of the function.
using UseCounts = llvm::DenseMap<const clang::VarDecl*, unsigned>;
UseCounts count_uses(const clang::Stmt* body) {
  UseCounts counts;
  flow::contains(body, [&](const clang::Stmt& sub) {
    const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(&sub);
    if (const auto* var = ref != nullptr ? llvm::dyn_cast<clang::VarDecl>(ref->getDecl()) : nullptr) ++counts[var];
    return false;
  });
  return counts;
}

class CallLookInto;

/// What the walk after `T x;` knows of the function it is in.
struct Walk {
  clang::ASTContext& ast;
  const UseCounts& uses;
  // Looks into the functions and lambdas x is handed to (`parse(s, x)`,
  // `[&] { x = f(); }()`); null: such a call stops the walk.
  CallLookInto* calls = nullptr;
  int call_depth = 0;  // how many calls deep this walk is (0: the local's own function)

  /// Is every use of `var` in the function under `s`? Never in a callee's
  /// body: its caller may read the variable once it returns.
  [[nodiscard]] bool all_uses_in(const clang::Stmt* s, const clang::VarDecl& var) const {
    return call_depth == 0 && uses_in(s, var) == uses.lookup(&var);
  }
};

/// Does `s` end by leaving the block the walk is in, whatever path it
/// takes: a return, a throw, a break or continue (the walk does not enter
/// loops), a call of a [[noreturn]] function, an if whose branches both do.
/// Sixteen levels deep at most (an `else if` chain thousands long).
bool always_leaves(const clang::Stmt* s, int depth = 0) {
  for (; s != nullptr && depth < 16; ++depth) {
    if (llvm::isa<clang::ReturnStmt, clang::BreakStmt, clang::ContinueStmt>(s)) return true;
    if (const auto* e = llvm::dyn_cast<clang::Expr>(s)) {
      e = e->IgnoreImplicit()->IgnoreParens();
      if (llvm::isa<clang::CXXThrowExpr>(e)) return true;
      const auto* call = llvm::dyn_cast<clang::CallExpr>(e);
      const clang::FunctionDecl* callee = call != nullptr ? call->getDirectCallee() : nullptr;
      return callee != nullptr && callee->isNoReturn();
    }
    if (const auto* branch = llvm::dyn_cast<clang::IfStmt>(s)) {
      return branch->getElse() != nullptr && always_leaves(branch->getThen(), depth + 1) &&
             always_leaves(branch->getElse(), depth + 1);
    }
    const auto* block = llvm::dyn_cast<clang::CompoundStmt>(s);
    if (block == nullptr || block->body_empty()) return false;
    s = block->body_back();
  }
  return false;
}

/// `switch (k) { case 4: return 5; default: return -1; }`: a switch with a
/// `default:` whose body has no break (at any depth, conservatively) nor
/// goto or label, and whose last statement always leaves: every label
/// falls through to it, so every way into the switch leaves.
bool switch_always_leaves(const clang::SwitchStmt& choice) {
  const auto* body = llvm::dyn_cast_or_null<clang::CompoundStmt>(choice.getBody());
  if (body == nullptr || body->body_empty()) return false;
  bool has_default = false;
  for (const clang::SwitchCase* c = choice.getSwitchCaseList(); c != nullptr; c = c->getNextSwitchCase()) {
    has_default = has_default || llvm::isa<clang::DefaultStmt>(c);
  }
  if (!has_default || flow::contains(body, [](const clang::Stmt& sub) {
        return llvm::isa<clang::BreakStmt, clang::GotoStmt, clang::IndirectGotoStmt, clang::LabelStmt>(sub);
      })) {
    return false;
  }
  const clang::Stmt* last = body->body_back();
  while (const auto* label = llvm::dyn_cast_or_null<clang::SwitchCase>(last)) last = label->getSubStmt();
  return always_leaves(last);
}

/// Can a jump from outside `s` land inside it, past its start: a label (a
/// goto's target), or a case label of a switch that is not itself in `s`
/// (`switch (k) { case 0: if (in >> v) { case 1: use(v); } }`)?
bool has_label_reached_from_outside(const clang::Stmt* s) {
  size_t cases = 0;
  size_t cases_of_inner_switches = 0;
  const bool label = flow::contains(s, [&](const clang::Stmt& sub) {
    if (llvm::isa<clang::SwitchCase>(sub)) ++cases;
    if (const auto* inner = llvm::dyn_cast<clang::SwitchStmt>(&sub)) {
      for (const clang::SwitchCase* c = inner->getSwitchCaseList(); c != nullptr; c = c->getNextSwitchCase()) {
        ++cases_of_inner_switches;
      }
    }
    return llvm::isa<clang::LabelStmt>(sub);
  });
  return label || cases != cases_of_inner_switches;
}

bool has_goto(const clang::Stmt* s) {
  return flow::contains(s, [](const clang::Stmt& sub) { return llvm::isa<clang::GotoStmt, clang::IndirectGotoStmt>(sub); });
}

/// `goto source; source: data = 5;` (Juliet's flow variant 18): a label
/// whose only way in, besides falling into it, is the goto right before it
/// (`previous`), with no computed goto or label address in its function.
/// Jumping there is the same as going on: the pair changes nothing.
bool is_fallthrough_label(const clang::Stmt* s, const clang::Stmt* previous) {
  const auto* label = llvm::dyn_cast_or_null<clang::LabelStmt>(s);
  const auto* jump = llvm::dyn_cast_or_null<clang::GotoStmt>(previous);
  if (label == nullptr || jump == nullptr || jump->getLabel() != label->getDecl()) return false;
  const auto* fn = llvm::dyn_cast_or_null<clang::FunctionDecl>(label->getDecl()->getDeclContext());
  if (fn == nullptr || fn->getBody() == nullptr) return false;
  unsigned gotos = 0;
  const bool computed = flow::contains(fn->getBody(), [&](const clang::Stmt& sub) {
    if (const auto* other = llvm::dyn_cast<clang::GotoStmt>(&sub); other != nullptr && other->getLabel() == label->getDecl()) {
      ++gotos;
    }
    return llvm::isa<clang::IndirectGotoStmt, clang::AddrLabelExpr>(sub);
  });
  // A label inside the labelled statement (`source: if (c) { again: ... }`)
  // is not this one's business: it stays a label.
  return !computed && gotos == 1 && !has_label_reached_from_outside(label->getSubStmt());
}

bool has_jump_or_label(const clang::Stmt* s) {
  return flow::contains(s, [](const clang::Stmt& sub) {
    return llvm::isa<clang::GotoStmt, clang::IndirectGotoStmt, clang::LabelStmt, clang::SwitchCase>(sub);
  });
}

/// Does `s` name `var` only as `var.field`, each field one that holds a
/// value already: built by its own constructor (`s.names.push_back(n)`,
/// `p.key.assign(k)`: a std::string or std::vector field) or in `ready`
/// (assigned earlier)? Such a statement reads nothing indeterminate of var.
bool reads_only_ready_fields(const clang::Stmt* s, const clang::VarDecl& var,
                             const llvm::SmallPtrSetImpl<const clang::FieldDecl*>& ready) {
  unsigned through_fields = 0;
  bool all_ready = true;
  flow::contains(s, [&](const clang::Stmt& sub) {
    const auto* member = llvm::dyn_cast<clang::MemberExpr>(&sub);
    if (member == nullptr || member->isArrow()) return false;
    const auto* base = llvm::dyn_cast<clang::DeclRefExpr>(member->getBase()->IgnoreParenImpCasts());
    if (base == nullptr || base->getDecl() != &var) return false;
    ++through_fields;
    const auto* field = llvm::dyn_cast<clang::FieldDecl>(member->getMemberDecl());
    if (field == nullptr ||
        (ready.count(field) == 0 && default_init_leaves_garbage(field->getType(), var.getASTContext()))) {
      all_ready = false;
    }
    return false;
  });
  return all_ready && through_fields == uses_in(s, var);
}

/// `std::tie(a, x) = f();`, f() not mentioning x: a tuple of references,
/// assigned member by member.
bool assigns_through_tie(const Assignment& assignment, const clang::VarDecl& var) {
  const auto* tie = llvm::dyn_cast<clang::CallExpr>(assignment.lhs->IgnoreImplicit()->IgnoreParens());
  const clang::FunctionDecl* fn = tie != nullptr ? tie->getDirectCallee() : nullptr;
  if (fn == nullptr || fn->getIdentifier() == nullptr || fn->getName() != "tie" || !declared_in_std(fn) ||
      mentions(assignment.rhs, var)) {
    return false;
  }
  return llvm::any_of(tie->arguments(), [&](const clang::Expr* arg) {
    const auto* named = llvm::dyn_cast<clang::DeclRefExpr>(arg->IgnoreParenImpCasts());
    return named != nullptr && named->getDecl() == &var;
  });
}

/// `x = e;` of the whole variable, e not mentioning x: a scalar's built-in
/// assignment or a class's defaulted one (an aggregate, a std::array of
/// ints); or `std::tie(..., x, ...) = e;`.
bool assigns_whole(const clang::Stmt* s, const clang::VarDecl& var) {
  const auto* e = llvm::dyn_cast<clang::Expr>(s);
  if (e == nullptr) return false;
  e = e->IgnoreImplicit()->IgnoreParens();  // also the ExprWithCleanups of `p = Point{1, 2};`
  const std::optional<Assignment> assignment = as_assignment(e);
  if (!assignment) return false;
  if (assigns_through_tie(*assignment, var)) return true;
  if (assignment->overloaded != nullptr) {
    const auto* method = llvm::dyn_cast_or_null<clang::CXXMethodDecl>(assignment->overloaded->getDirectCallee());
    // A defaulted operator= assigns member by member and reads nothing of
    // the old value; one of the user's might.
    if (method == nullptr || !(method->isTrivial() || method->isDefaulted())) return false;
  }
  const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(assignment->lhs->IgnoreParenImpCasts());
  if (ref != nullptr && ref->getDecl() == &var) return !mentions(assignment->rhs, var);
  // `a = b = next();`: the right side is evaluated first, and assigns b.
  return !mentions(assignment->lhs, var) && assigns_whole(assignment->rhs, var);
}

FirstUse first_use(const clang::Stmt* s, const clang::VarDecl& var, const Walk& walk);

/// What a fill must write whole: `var` (the array, or a range-for's
/// reference to an element), subscripted by each index in turn: `a[i][j]`.
struct FillTarget {
  const clang::VarDecl* var = nullptr;
  llvm::SmallVector<const clang::VarDecl*, 4> indices;

  /// Is `e` the target (a C array's subscript, or std::array's operator[])?
  [[nodiscard]] bool is(const clang::Expr* e) const { return names(e, indices); }

  [[nodiscard]] FillTarget element(const clang::VarDecl& index) const {
    FillTarget result = *this;
    result.indices.push_back(&index);
    return result;
  }

 private:
  [[nodiscard]] bool names(const clang::Expr* e, llvm::ArrayRef<const clang::VarDecl*> path) const {
    if (e == nullptr) return false;
    e = e->IgnoreParenImpCasts();
    if (path.empty()) {
      const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(e);
      return ref != nullptr && ref->getDecl() == var;
    }
    // A C array's subscript, or std::array's operator[].
    const std::optional<Subscript> sub = as_subscript(e);
    if (!sub || (sub->overloaded != nullptr && !is_std_class(sub->base->getType()->getAsCXXRecordDecl(), {"array"}))) {
      return false;
    }
    const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(sub->index->IgnoreParenImpCasts());
    return ref != nullptr && ref->getDecl() == path.back() && names(sub->base, path.drop_back());
  }
};

bool fills(const clang::Stmt* s, const FillTarget& target, clang::QualType type, const Walk& walk, int depth = 0);

/// `p.x = 1;` of a field of the target (`ps[i].x = 1;`, x not named on the
/// right): that field.
const clang::FieldDecl* assigned_field(const clang::Stmt* s, const FillTarget& target,
                                      const llvm::SmallPtrSetImpl<const clang::FieldDecl*>* ready = nullptr) {
  const auto* e = llvm::dyn_cast<clang::Expr>(s);
  if (e == nullptr) return nullptr;
  const std::optional<Assignment> assignment = as_assignment(e->IgnoreImplicit()->IgnoreParens());
  if (!assignment) return nullptr;
  // `s.mean = s.count > 0 ? ... : 0.0;` after `s.count = n;`: the right side
  // reads a field that holds a value already.
  if (mentions(assignment->rhs, *target.var) &&
      (ready == nullptr || !target.indices.empty() || !reads_only_ready_fields(assignment->rhs, *target.var, *ready))) {
    return nullptr;
  }
  const auto* member = llvm::dyn_cast<clang::MemberExpr>(assignment->lhs->IgnoreParenImpCasts());
  if (member == nullptr || member->isArrow() || !target.is(member->getBase())) return nullptr;
  const auto* field = llvm::dyn_cast<clang::FieldDecl>(member->getMemberDecl());
  if (field == nullptr) return nullptr;
  if (assignment->overloaded != nullptr) {
    const auto* method = llvm::dyn_cast_or_null<clang::CXXMethodDecl>(assignment->overloaded->getDirectCallee());
    const bool plain = method != nullptr && (method->isTrivial() || method->isDefaulted());
    // `p.name = text.substr(0, n);`: std::string's operator= reads the
    // field it writes, which its own constructor built; it reads no other
    // field of p. A user operator= of a type with indeterminate fields
    // might read them: not counted.
    if (!plain && default_init_leaves_garbage(field->getType(), member->getMemberDecl()->getASTContext())) {
      return nullptr;
    }
  }
  return field;
}

/// Are all the fields of `type` (a class) that default-initialisation
/// leaves indeterminate among `assigned` (Juliet's `twoints data; data.a =
/// 1; data.b = 2;`)? A class without bases, not a union.
bool every_field_assigned(clang::QualType type, const llvm::SmallPtrSetImpl<const clang::FieldDecl*>& assigned,
                          clang::ASTContext& ast) {
  const clang::CXXRecordDecl* record = type->getAsCXXRecordDecl();
  if (record == nullptr || !record->hasDefinition() || record->isUnion() || record->getNumBases() != 0) return false;
  for (const clang::FieldDecl* field : record->fields()) {
    if (field->hasInClassInitializer() || !default_init_leaves_garbage(field->getType(), ast)) continue;
    if (field->isUnnamedBitField()) continue;
    if (assigned.count(field) == 0) return false;
  }
  return true;
}


/// Does `e` evaluate to `count`?
bool evaluates_to(const clang::Expr* e, uint64_t count, clang::ASTContext& ast) {
  clang::Expr::EvalResult value;
  if (e == nullptr || e->isValueDependent() || !e->EvaluateAsInt(value, ast)) return false;
  const llvm::APSInt& n = value.Val.getInt();
  return !n.isNegative() && n.getZExtValue() == count;
}

/// `f(target)` or `target.f()` for one of `names` (std::begin(a), a.end(),
/// std::size(a), a.data()): a std function or a member of std::array.
bool is_call_on_target(const clang::Expr* e, const FillTarget& target, std::initializer_list<llvm::StringRef> names) {
  e = e->IgnoreParenImpCasts();
  const auto* call = llvm::dyn_cast<clang::CallExpr>(e);
  const auto* fn = call != nullptr ? call->getDirectCallee() : nullptr;
  if (fn == nullptr || fn->getIdentifier() == nullptr || !declared_in_std(fn)) return false;
  if (llvm::find(names, fn->getName()) == names.end()) return false;
  if (const auto* member = llvm::dyn_cast<clang::CXXMemberCallExpr>(call)) {
    return member->getNumArgs() == 0 && target.is(member->getImplicitObjectArgument());
  }
  return call->getNumArgs() == 1 && target.is(call->getArg(0));
}

/// The first element of the target: `a` (decayed), std::begin(a),
/// a.begin(), a.data().
bool is_begin_of(const clang::Expr* e, const FillTarget& target) {
  return target.is(e) || is_call_on_target(e, target, {"begin", "data"});
}

/// Past its last element: std::end(a), a.end(), `a + N`, `a.data() + N`.
bool is_end_of(const clang::Expr* e, const FillTarget& target, uint64_t count, clang::ASTContext& ast) {
  if (is_call_on_target(e, target, {"end"})) return true;
  const auto* add = llvm::dyn_cast<clang::BinaryOperator>(e->IgnoreParenImpCasts());
  return add != nullptr && add->getOpcode() == clang::BO_Add && is_begin_of(add->getLHS(), target) &&
         evaluates_to(add->getRHS(), count, ast);
}

/// The start of the target's storage, as handed to a C function: `a`
/// (decayed), `&x`, `a.data()`.
bool is_start_of(const clang::Expr* e, const FillTarget& target) {
  e = e->IgnoreParenImpCasts();
  if (const auto* addr = llvm::dyn_cast<clang::UnaryOperator>(e); addr != nullptr && addr->getOpcode() == clang::UO_AddrOf) {
    e = addr->getSubExpr();
  }
  return target.is(e) || is_call_on_target(e, target, {"data"});
}

/// A C function that writes the object its argument `index` points to:
/// all `size_index`'s bytes of it (memset, memcpy, snprintf's terminated
/// text), or all of it whatever it returns (va_start, clock_gettime,
/// sigemptyset: `size_index` empty).
struct OutArgument {
  unsigned index = 0;
  std::optional<unsigned> size_index;
};
std::optional<OutArgument> c_out_argument(const clang::FunctionDecl& fn, unsigned args) {
  switch (fn.getBuiltinID()) {
    case clang::Builtin::BI__builtin_va_start:
    case clang::Builtin::BI__va_start:
    case clang::Builtin::BI__builtin_va_copy:
      return OutArgument{0, std::nullopt};
    default:
      break;
  }
  if (fn.getIdentifier() == nullptr || !(is_c_library_function(fn) || declared_in_std(&fn))) return std::nullopt;
  const llvm::StringRef name = fn.getName();
  struct Known {
    llvm::StringRef name;
    unsigned args;
    OutArgument out;
  };
  static const Known known[] = {
      {"memset", 3, {0, 2}},          {"memcpy", 3, {0, 2}},         {"memmove", 3, {0, 2}},
      {"snprintf", 0, {0, 1}},        {"vsnprintf", 4, {0, 1}},      {"clock_gettime", 2, {1, std::nullopt}},
      {"gettimeofday", 2, {0, std::nullopt}}, {"timespec_get", 2, {0, std::nullopt}},
      {"sigemptyset", 1, {0, std::nullopt}},  {"sigfillset", 1, {0, std::nullopt}},
  };
  for (const Known& k : known) {
    // snprintf is variadic: at least the format.
    if (name == k.name && (k.args == 0 ? args >= 3 : args == k.args)) return k.out;
  }
  return std::nullopt;
}

/// `src.begin(), src.end()` (or cbegin/cend, std::begin/std::end) of one
/// variable other than `target` whose element count is fixed by its type
/// (a std::array, a C array): that count.
std::optional<uint64_t> whole_range_size(const clang::Expr* first, const clang::Expr* last, const clang::VarDecl& target,
                                         clang::ASTContext& ast) {
  const auto* call = llvm::dyn_cast<clang::CallExpr>(first->IgnoreParenImpCasts());
  if (call == nullptr) return std::nullopt;
  const clang::Expr* object = nullptr;
  if (const auto* member = llvm::dyn_cast<clang::CXXMemberCallExpr>(call)) {
    object = member->getImplicitObjectArgument();
  } else if (call->getNumArgs() == 1) {
    object = call->getArg(0);
  }
  const auto* ref = object != nullptr ? llvm::dyn_cast<clang::DeclRefExpr>(object->IgnoreParenImpCasts()) : nullptr;
  const auto* source = ref != nullptr ? llvm::dyn_cast<clang::VarDecl>(ref->getDecl()) : nullptr;
  // A local reference may be bound to the target itself (`auto& alias =
  // dst;`): copying its garbage onto itself. A parameter cannot be.
  if (source == nullptr || source == &target ||
      (source->getType()->isReferenceType() && !llvm::isa<clang::ParmVarDecl>(source))) {
    return std::nullopt;
  }
  const FillTarget whole{source, {}};
  if (!is_call_on_target(first, whole, {"begin", "cbegin"}) || !is_call_on_target(last, whole, {"end", "cend"})) {
    return std::nullopt;
  }
  const std::optional<std::pair<uint64_t, clang::QualType>> elements =
      elements_of(source->getType().getNonReferenceType(), ast);
  if (!elements) return std::nullopt;
  return elements->first;
}

/// std::fill, std::iota, std::generate over [begin, end) of the whole
/// target, std::fill_n / std::generate_n of all its elements,
/// `a.fill(v)` of a std::array, memset of all its bytes; the value (or the
/// generator) not naming the target.
bool fills_by_call(const clang::Expr* e, const FillTarget& target, clang::QualType type, clang::ASTContext& ast) {
  const auto* call = llvm::dyn_cast<clang::CallExpr>(e->IgnoreImplicit()->IgnoreParens());
  const clang::FunctionDecl* fn = call != nullptr ? call->getDirectCallee() : nullptr;
  if (fn == nullptr || fn->getIdentifier() == nullptr) return false;
  const llvm::StringRef name = fn->getName();
  auto value_free = [&](unsigned i) { return i < call->getNumArgs() && !mentions(call->getArg(i), *target.var); };
  if (const auto* member = llvm::dyn_cast<clang::CXXMemberCallExpr>(call)) {
    return name == "fill" && is_std_class(member->getRecordDecl(), {"array"}) &&
           target.is(member->getImplicitObjectArgument()) && value_free(0);
  }
  if (const std::optional<OutArgument> out = c_out_argument(*fn, call->getNumArgs())) {
    if (!is_start_of(call->getArg(out->index), target)) return false;
    for (unsigned i = 0; i < call->getNumArgs(); ++i) {
      if (i != out->index && i != out->size_index && !value_free(i)) return false;  // `sizeof x` reads nothing
    }
    if (!out->size_index) return true;
    // Its whole size (for snprintf, a char array: the text is terminated).
    if (!type->isConstantSizeType() || type->isIncompleteType() || (name.ends_with("snprintf") && !type->isArrayType())) return false;
    const int64_t bytes = ast.getTypeSizeInChars(type).getQuantity();
    return bytes > 0 && evaluates_to(call->getArg(*out->size_index), static_cast<uint64_t>(bytes), ast);
  }
  if (!declared_in_std(fn)) return false;
  const std::optional<std::pair<uint64_t, clang::QualType>> elements = elements_of(type, ast);
  if (!elements) return false;
  if (name == "fill" || name == "iota" || name == "generate") {
    return call->getNumArgs() == 3 && is_begin_of(call->getArg(0), target) &&
           is_end_of(call->getArg(1), target, elements->first, ast) && value_free(2);
  }
  if (name == "fill_n" || name == "generate_n") {
    return call->getNumArgs() == 3 && is_begin_of(call->getArg(0), target) &&
           evaluates_to(call->getArg(1), elements->first, ast) && value_free(2);
  }
  // `std::copy(src.begin(), src.end(), dst.begin())` from another array of
  // as many elements (`std::transform` with a function not naming the
  // target), `std::copy_n(src.begin(), N, dst.begin())`: every element
  // written.
  if ((name == "copy" && call->getNumArgs() == 3) || (name == "transform" && call->getNumArgs() == 4)) {
    return is_begin_of(call->getArg(2), target) &&
           whole_range_size(call->getArg(0), call->getArg(1), *target.var, ast) == elements->first &&
           value_free(0) && value_free(1) && (call->getNumArgs() == 3 || value_free(3));
  }
  if (name == "copy_n" && call->getNumArgs() == 3) {
    return is_begin_of(call->getArg(2), target) && evaluates_to(call->getArg(1), elements->first, ast) &&
           value_free(0);
  }
  return false;
}

/// Is `index` only read under `s` (not assigned, incremented, or bound to a
/// reference or an address that could change it)?
bool only_read(const clang::Stmt* s, const clang::VarDecl& index) {
  unsigned reads = 0;
  flow::contains(s, [&](const clang::Stmt& sub) {
    const auto* cast = llvm::dyn_cast<clang::ImplicitCastExpr>(&sub);
    if (cast == nullptr || cast->getCastKind() != clang::CK_LValueToRValue) return false;
    const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(cast->getSubExpr()->IgnoreParens());
    if (ref != nullptr && ref->getDecl() == &index) ++reads;
    return false;
  });
  return reads == uses_in(s, index);
}

/// `for (int i = 0; i < N; ++i)` (also `i != N`, `i++`, `i += 1`, an
/// unsigned or size_t index, `i < a.size()`, `i < std::size(a)`) over every
/// element of the target, the index not changed in the body: the index.
const clang::VarDecl* index_over_all(const clang::ForStmt& loop, const FillTarget& target, uint64_t count,
                                     clang::ASTContext& ast) {
  const auto* init = llvm::dyn_cast_or_null<clang::DeclStmt>(loop.getInit());
  const auto* index = init != nullptr && init->isSingleDecl() ? llvm::dyn_cast<clang::VarDecl>(init->getSingleDecl())
                                                              : nullptr;
  if (index == nullptr || !index->getType()->isIntegerType() || !evaluates_to(index->getInit(), 0, ast)) return nullptr;
  auto is_index = [&](const clang::Expr* e) {
    const auto* ref = e != nullptr ? llvm::dyn_cast<clang::DeclRefExpr>(e->IgnoreParenImpCasts()) : nullptr;
    return ref != nullptr && ref->getDecl() == index;
  };
  const auto* cond = llvm::dyn_cast_or_null<clang::BinaryOperator>(loop.getCond());
  if (cond == nullptr || (cond->getOpcode() != clang::BO_LT && cond->getOpcode() != clang::BO_NE) ||
      !is_index(cond->getLHS())) {
    return nullptr;
  }
  if (!evaluates_to(cond->getRHS(), count, ast) && !is_call_on_target(cond->getRHS(), target, {"size"})) return nullptr;
  const clang::Expr* inc = loop.getInc();
  const auto* step = inc != nullptr ? llvm::dyn_cast<clang::UnaryOperator>(inc->IgnoreParens()) : nullptr;
  const auto* add = inc != nullptr ? llvm::dyn_cast<clang::CompoundAssignOperator>(inc->IgnoreParens()) : nullptr;
  const bool by_one = (step != nullptr && step->isIncrementOp() && is_index(step->getSubExpr())) ||
                      (add != nullptr && add->getOpcode() == clang::BO_AddAssign && is_index(add->getLHS()) &&
                       evaluates_to(add->getRHS(), 1, ast));
  if (!by_one || !only_read(loop.getBody(), *index)) return nullptr;
  return index;
}

/// A loop body that writes the element whole before it reads the target,
/// and cannot skip that (no break, continue or goto before it; a return or
/// a throw leaves the function, which is fine); no break at all (it would
/// leave the later elements unwritten).
bool body_fills(const clang::Stmt* body, const FillTarget& element, clang::QualType type, const Walk& walk,
                int depth) {
  if (body == nullptr || flow::contains(body, [](const clang::Stmt& sub) {
        return llvm::isa<clang::BreakStmt, clang::GotoStmt, clang::IndirectGotoStmt, clang::LabelStmt,
                         clang::SwitchCase>(sub);
      })) {
    return false;
  }
  return fills(body, element, type, walk, depth);
}

/// Does `s`, when it completes, leave every element of the target written,
/// without reading any of the target's storage first? `a[i] = f(i);` for
/// the element, a block doing so before any other use, an index loop or a
/// range-for by reference over all the elements doing so in its body, the
/// std algorithms of fills_by_call.
bool fills(const clang::Stmt* s, const FillTarget& target, clang::QualType type, const Walk& walk, int depth) {
  // Loops nested deeper than arrays of arrays usually are: not followed
  // (each level walks its body again).
  constexpr int kMaxNesting = 8;
  if (s == nullptr || depth > kMaxNesting) return false;
  if (const auto* block = llvm::dyn_cast<clang::CompoundStmt>(s)) {
    llvm::SmallPtrSet<const clang::FieldDecl*, 8> fields;  // `p.x = 0; p.y = 0;`: the fields written so far
    for (const clang::Stmt* part : block->body()) {
      if (fills(part, target, type, walk, depth + 1)) return true;
      if (const clang::FieldDecl* field = assigned_field(part, target)) {
        fields.insert(field);
        if (every_field_assigned(type, fields, walk.ast)) return true;
        continue;
      }
      if (mentions(part, *target.var) || flow::contains(part, [](const clang::Stmt& sub) {
            return llvm::isa<clang::ContinueStmt>(sub);
          })) {
        return false;
      }
    }
    return false;
  }
  if (const auto* e = llvm::dyn_cast<clang::Expr>(s)) {
    if (const std::optional<Assignment> assignment = as_assignment(e->IgnoreImplicit()->IgnoreParens())) {
      if (assignment->overloaded != nullptr) {
        const auto* method = llvm::dyn_cast_or_null<clang::CXXMethodDecl>(assignment->overloaded->getDirectCallee());
        if (method == nullptr || !(method->isTrivial() || method->isDefaulted())) return false;
      }
      return target.is(assignment->lhs) && !mentions(assignment->rhs, *target.var);
    }
    return fills_by_call(e, target, type, walk.ast);
  }
  const std::optional<std::pair<uint64_t, clang::QualType>> elements = elements_of(type, walk.ast);
  if (!elements) return false;
  if (const auto* loop = llvm::dyn_cast<clang::ForStmt>(s)) {
    const clang::VarDecl* index = index_over_all(*loop, target, elements->first, walk.ast);
    return index != nullptr && body_fills(loop->getBody(), target.element(*index), elements->second, walk, depth + 1);
  }
  if (const auto* loop = llvm::dyn_cast<clang::CXXForRangeStmt>(s)) {
    // `for (auto& x : a) x = 0;`: a reference to each element in turn.
    const clang::VarDecl* element = loop->getLoopVariable();
    const clang::QualType ref = element->getType();
    if (loop->getInit() != nullptr || !ref->isLValueReferenceType() || ref->getPointeeType().isConstQualified() ||
        !target.is(loop->getRangeInit())) {
      return false;
    }
    FillTarget each;
    each.var = element;
    return body_fills(loop->getBody(), each, elements->second, walk, depth + 1) && !mentions(loop->getBody(), *target.var);
  }
  return false;
}


/// A std::to_chars / std::from_chars call declared as one local, `auto
/// [p, ec] = std::<name>(...);` or `auto r = std::<name>(...);`: the call,
/// and the part of its result a check reads (the structured binding at
/// `part`, or the whole result, read as `r.ptr` / `r.ec`).
struct Charconv {
  const clang::CallExpr* call = nullptr;
  const clang::ValueDecl* binding = nullptr;  // the structured binding
  const clang::VarDecl* result = nullptr;     // or the whole result
};
std::optional<Charconv> charconv_call(const clang::Stmt* s, llvm::StringRef name, unsigned part) {
  const auto* decl_stmt = llvm::dyn_cast_or_null<clang::DeclStmt>(s);
  if (decl_stmt == nullptr || !decl_stmt->isSingleDecl()) return std::nullopt;
  const auto* result = llvm::dyn_cast<clang::VarDecl>(decl_stmt->getSingleDecl());
  if (result == nullptr || result->getInit() == nullptr || result->getType()->isReferenceType()) return std::nullopt;
  const auto* call = llvm::dyn_cast<clang::CallExpr>(result->getInit()->IgnoreImplicit()->IgnoreParens());
  const clang::FunctionDecl* fn = call != nullptr ? call->getDirectCallee() : nullptr;
  if (fn == nullptr || fn->getIdentifier() == nullptr || fn->getName() != name || !declared_in_std(fn) ||
      call->getNumArgs() < 3) {
    return std::nullopt;
  }
  if (const auto* bindings = llvm::dyn_cast<clang::DecompositionDecl>(result)) {
    if (bindings->bindings().size() != 2) return std::nullopt;
    return Charconv{call, bindings->bindings()[part], nullptr};
  }
  return Charconv{call, nullptr, result};
}

/// `auto [ptr, ec] = std::from_chars(first, last, x);` (or `auto r =
/// std::from_chars(...);` and then `r.ec`): from_chars writes x only when
/// it succeeds, which `ec` tells.
std::optional<Charconv> from_chars_into(const clang::Stmt* s, const clang::VarDecl& var) {
  const std::optional<Charconv> parse = charconv_call(s, "from_chars", 1);
  if (!parse) return std::nullopt;
  const clang::CallExpr* call = parse->call;
  const auto* out = llvm::dyn_cast<clang::DeclRefExpr>(call->getArg(2)->IgnoreParenImpCasts());
  if (out == nullptr || out->getDecl() != &var) return std::nullopt;
  for (unsigned i = 0; i < call->getNumArgs(); ++i) {
    if (i != 2 && mentions(call->getArg(i), var)) return std::nullopt;
  }
  return parse;
}

/// The most characters std::to_chars can write for an integer of `type` in
/// `base` (a sign and the digits of the largest magnitude).
unsigned most_to_chars_characters(clang::QualType type, unsigned base, clang::ASTContext& ast) {
  const unsigned width = static_cast<unsigned>(ast.getTypeSize(type));
  const bool is_signed = type->isSignedIntegerType();
  // The largest magnitude: 2^(width-1) for a signed type, 2^width - 1 for an unsigned one.
  llvm::APInt magnitude = is_signed ? llvm::APInt::getOneBitSet(width + 1, width - 1)
                                    : llvm::APInt::getMaxValue(width).zext(width + 1);
  unsigned digits = 0;
  for (; !magnitude.isZero(); ++digits) magnitude = magnitude.udiv(base);
  return digits + (is_signed ? 1 : 0);
}

/// `auto [p, ec] = std::to_chars(buf.data(), buf.data() + buf.size(), n);`
/// (or `auto r = ...;` and `r.ptr`) of an integer into the whole of a local
/// char array (C or std::array) big enough for any value of its type in
/// that base: it cannot fail, and it writes [buf, p). What it returns.
std::optional<Charconv> to_chars_into_whole(const clang::Stmt* s, const clang::VarDecl& var, clang::ASTContext& ast) {
  const std::optional<Charconv> written = charconv_call(s, "to_chars", 0);
  if (!written || written->call->getNumArgs() > 4) return std::nullopt;
  const clang::CallExpr* call = written->call;
  const std::optional<std::pair<uint64_t, clang::QualType>> elements =
      elements_of(var.getType().getNonReferenceType(), ast);
  if (!elements || !elements->second->isCharType()) return std::nullopt;
  const FillTarget whole{&var, {}};
  const clang::Expr* last = call->getArg(1)->IgnoreParenImpCasts();
  const auto* add = llvm::dyn_cast<clang::BinaryOperator>(last);
  const bool to_the_end = is_end_of(last, whole, elements->first, ast) ||
                          (add != nullptr && add->getOpcode() == clang::BO_Add && is_begin_of(add->getLHS(), whole) &&
                           is_call_on_target(add->getRHS(), whole, {"size"}));
  if (!is_begin_of(call->getArg(0), whole) || !to_the_end) return std::nullopt;
  // An integer (a floating-point number's text has no such small bound).
  const clang::QualType value = call->getArg(2)->IgnoreParenImpCasts()->getType();
  if (!value->isIntegerType() || value->isBooleanType() || value->isEnumeralType() || mentions(call->getArg(2), var)) {
    return std::nullopt;
  }
  unsigned base = 10;
  if (call->getNumArgs() == 4) {
    clang::Expr::EvalResult constant;
    if (mentions(call->getArg(3), var) || !call->getArg(3)->EvaluateAsInt(constant, ast)) return std::nullopt;
    const llvm::APSInt& b = constant.Val.getInt();
    if (b.isNegative() || b.getZExtValue() < 2 || b.getZExtValue() > 36) return std::nullopt;
    base = static_cast<unsigned>(b.getZExtValue());
  }
  if (elements->first < most_to_chars_characters(value, base, ast)) return std::nullopt;
  return written;
}

/// A part of a std::to_chars / std::from_chars result: the structured
/// binding `binding` (`p`, `ec`), or `result.<field>` (`r.ptr`, `r.ec`).
bool names_result_part(const clang::Expr* e, const clang::ValueDecl* binding, const clang::VarDecl* result,
                       llvm::StringRef field) {
  if (const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(e)) return binding != nullptr && ref->getDecl() == binding;
  const auto* member = llvm::dyn_cast<clang::MemberExpr>(e);
  if (member == nullptr || member->isArrow() || result == nullptr) return false;
  const auto* base = llvm::dyn_cast<clang::DeclRefExpr>(member->getBase()->IgnoreParenImpCasts());
  const clang::ValueDecl* named = member->getMemberDecl();
  return base != nullptr && base->getDecl() == result && named->getIdentifier() != nullptr && named->getName() == field;
}

/// `p`, `r.ptr`.
bool names_written_end(const clang::Expr* e, const Charconv& written) {
  return names_result_part(e->IgnoreParenCasts(), written.binding, written.result, "ptr");
}

/// How many arguments were written: not the defaulted ones at the end
/// (`std::string(first, last)` passes an allocator too).
template <class Range>
unsigned written_arguments(const Range& args) {
  unsigned count = 0;
  for (const clang::Expr* arg : args) {
    if (llvm::isa<clang::CXXDefaultArgExpr>(arg)) break;
    ++count;
  }
  return count;
}

/// Only what to_chars wrote is read: every other mention of `var` in its
/// function is the start of a std::string or std::string_view built from
/// [buf, p) (`std::string(buf.data(), p)`, `std::string_view(buf.data(), p
/// - buf.data())`) or appended or assigned from it (`out.append(buf.data(),
/// p)`), and nothing gives `p` another value.
bool reads_only_written_prefix(const clang::VarDecl& var, const clang::Stmt& parse, const Charconv& written) {
  const auto* fn = llvm::dyn_cast_or_null<clang::FunctionDecl>(var.getParentFunctionOrMethod());
  if (fn == nullptr || fn->getBody() == nullptr) return false;
  const FillTarget whole{&var, {}};
  auto is_prefix = [&](const clang::Expr* first, const clang::Expr* second) {
    if (!is_begin_of(first, whole) && !is_start_of(first, whole)) return false;
    if (names_written_end(second, written)) return true;
    const auto* length = llvm::dyn_cast<clang::BinaryOperator>(second->IgnoreParenCasts());
    return length != nullptr && length->getOpcode() == clang::BO_Sub && names_written_end(length->getLHS(), written) &&
           (is_begin_of(length->getRHS(), whole) || is_start_of(length->getRHS(), whole));
  };
  unsigned accounted = uses_in(&parse, var);
  bool moved = false;
  flow::contains(fn->getBody(), [&](const clang::Stmt& sub) {
    if (const auto* op = llvm::dyn_cast<clang::BinaryOperator>(&sub); op != nullptr && op->isAssignmentOp()) {
      moved = moved || names_written_end(op->getLHS(), written);
    } else if (const auto* step = llvm::dyn_cast<clang::UnaryOperator>(&sub); step && step->isIncrementDecrementOp()) {
      moved = moved || names_written_end(step->getSubExpr(), written);
    }
    const clang::Expr* first = nullptr;
    const clang::Expr* second = nullptr;
    if (const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(&sub);
        construct != nullptr && written_arguments(construct->arguments()) == 2 &&
        is_std_class(construct->getConstructor()->getParent(), {"basic_string", "basic_string_view"})) {
      first = construct->getArg(0);
      second = construct->getArg(1);
    } else if (const auto* member = llvm::dyn_cast<clang::CXXMemberCallExpr>(&sub);
               member != nullptr && member->getNumArgs() == 2 && member->getMethodDecl() != nullptr &&
               member->getMethodDecl()->getIdentifier() != nullptr &&
               llvm::is_contained({"append", "assign"}, member->getMethodDecl()->getName()) &&
               is_std_class(member->getRecordDecl(), {"basic_string"})) {
      first = member->getArg(0);
      second = member->getArg(1);
    }
    if (first != nullptr && is_prefix(first, second)) accounted += uses_in(&sub, var);
    return false;
  });
  return !moved && accounted == uses_in(fn->getBody(), var);
}

/// `ec`, `r.ec`.
bool names_error_code(const clang::Expr* e, const Charconv& parse) {
  return names_result_part(e->IgnoreParenImpCasts(), parse.binding, parse.result, "ec");
}

/// Does `cond` having the value `when` mean the parse succeeded (`ec ==
/// std::errc{}`)? `ec != std::errc{}` false, `ec == std::errc()` true,
/// `ec != std::errc{} || ptr != end` false.
bool parse_succeeded_when(const clang::Expr* cond, const Charconv& parse, bool when, clang::ASTContext& ast,
                          int depth = 0) {
  if (cond == nullptr || depth > 16) return false;
  cond = cond->IgnoreParenImpCasts();
  if (const auto* op = llvm::dyn_cast<clang::UnaryOperator>(cond); op != nullptr && op->getOpcode() == clang::UO_LNot) {
    return parse_succeeded_when(op->getSubExpr(), parse, !when, ast, depth + 1);
  }
  const auto* op = llvm::dyn_cast<clang::BinaryOperator>(cond);
  if (op == nullptr) return false;
  if ((op->getOpcode() == clang::BO_LAnd && when) || (op->getOpcode() == clang::BO_LOr && !when)) {
    return parse_succeeded_when(op->getLHS(), parse, when, ast, depth + 1) ||
           parse_succeeded_when(op->getRHS(), parse, when, ast, depth + 1);
  }
  if (op->getOpcode() != clang::BO_EQ && op->getOpcode() != clang::BO_NE) return false;
  const bool compares = (names_error_code(op->getLHS(), parse) && evaluates_to(op->getRHS(), 0, ast)) ||
                        (names_error_code(op->getRHS(), parse) && evaluates_to(op->getLHS(), 0, ast));
  return compares && when == (op->getOpcode() == clang::BO_EQ);
}

/// `if (ec != std::errc{}) return ...;` (not reading x): past it, x holds
/// what was parsed. `check` may be the if the parse is the init of.
bool leaves_unless_parsed(const clang::Stmt* s, const Charconv& parse, const clang::VarDecl& var,
                          clang::ASTContext& ast) {
  const auto* check = llvm::dyn_cast_or_null<clang::IfStmt>(s);
  return check != nullptr && check->getConditionVariable() == nullptr && check->getElse() == nullptr &&
         !check->isConsteval() && parse_succeeded_when(check->getCond(), parse, false, ast) &&
         always_leaves(check->getThen()) && !mentions(check->getCond(), var) && !mentions(check->getThen(), var);
}

const clang::FieldDecl* field_given_by_call(const clang::Stmt* s, const clang::VarDecl& var, const Walk& walk);
std::optional<FirstUse> first_use_with_stored_result(const clang::Stmt* s, const clang::Stmt* next,
                                                     const clang::VarDecl& var, const Walk& walk);

/// `a[2] = e;` of a local C array or std::array of scalars `var`, at a
/// constant index within it, e not mentioning var: the index written.
std::optional<uint64_t> assigned_element(const clang::Stmt* s, const clang::VarDecl& var, uint64_t count) {
  const auto* e = llvm::dyn_cast<clang::Expr>(s);
  if (e == nullptr) return std::nullopt;
  const std::optional<Assignment> assignment = as_assignment(e->IgnoreImplicit()->IgnoreParens());
  if (!assignment || assignment->overloaded != nullptr || mentions(assignment->rhs, var)) return std::nullopt;
  const std::optional<Subscript> sub = as_subscript(assignment->lhs->IgnoreParenImpCasts());
  if (!sub) return std::nullopt;
  const auto* base = llvm::dyn_cast<clang::DeclRefExpr>(sub->base->IgnoreParenImpCasts());
  clang::Expr::EvalResult index;
  if (base == nullptr || base->getDecl() != &var || sub->index->isValueDependent() ||
      !sub->index->EvaluateAsInt(index, var.getASTContext()) || index.Val.getInt().isNegative() ||
      index.Val.getInt().getZExtValue() >= count) {
    return std::nullopt;
  }
  return index.Val.getInt().getZExtValue();
}

/// The statements of a block, in order, up to the first that decides.
template <class Range>
FirstUse first_use_in_sequence(const Range& stmts, const clang::VarDecl& var, const Walk& walk) {
  llvm::SmallPtrSet<const clang::FieldDecl*, 8> fields;  // `p.x = 1; p.y = 2;`: the fields given a value so far
  // `int a[3]; a[0] = 1; a[1] = 2; a[2] = 3;`: the elements given a value so
  // far, for an array of scalars of at most 64 elements.
  const auto elements = elements_of(var.getType().getNonReferenceType(), walk.ast);
  const bool by_element = elements && elements->first > 0 && elements->first <= 64 && elements->second->isScalarType();
  uint64_t written_elements = 0;
  const clang::Stmt* previous = nullptr;
  for (auto it = stmts.begin(); it != stmts.end(); previous = *it, ++it) {
    const clang::Stmt* s = *it;
    // `goto source; source: data = 5;`: the goto goes where the walk goes on.
    if (const auto next = std::next(it); next != stmts.end() && is_fallthrough_label(*next, s)) continue;
    if (is_fallthrough_label(s, previous)) s = llvm::cast<clang::LabelStmt>(s)->getSubStmt();
    if (by_element) {
      if (const std::optional<uint64_t> index = assigned_element(s, var, elements->first)) {
        written_elements |= uint64_t{1} << *index;
        const uint64_t all = elements->first == 64 ? ~uint64_t{0} : (uint64_t{1} << elements->first) - 1;
        if (written_elements == all) return FirstUse::assigned;
        continue;
      }
    }
    if (const std::optional<Charconv> parse = from_chars_into(s, var)) {
      const auto next = std::next(it);
      if (next != stmts.end() && llvm::isa<clang::IfStmt>(*next) &&
          llvm::cast<clang::IfStmt>(*next)->getInit() == nullptr &&
          leaves_unless_parsed(*next, *parse, var, walk.ast)) {
        return FirstUse::assigned;
      }
    }
    // `auto [p, ec] = std::to_chars(buf.data(), buf.data() + buf.size(),
    // n);` into a buffer big enough for any n, and only [buf, p) read.
    if (const std::optional<Charconv> written = to_chars_into_whole(s, var, walk.ast);
        written && walk.call_depth == 0 && reads_only_written_prefix(var, *s, *written)) {
      return FirstUse::assigned;
    }
    // `bool ok = parse(s, x); if (!ok) return false;`: the if decides.
    if (const auto next = std::next(it); next != stmts.end()) {
      if (const std::optional<FirstUse> use = first_use_with_stored_result(s, *next, var, walk)) {
        if (*use != FirstUse::none) return *use;
        ++it;  // the if, passed
        continue;
      }
    }
    if (const clang::FieldDecl* field = assigned_field(s, FillTarget{&var, {}}, &fields)) {
      fields.insert(field);
      if (every_field_assigned(var.getType().getNonReferenceType(), fields, walk.ast)) return FirstUse::assigned;
      continue;
    }
    // `read_u32(in, h.magic);`: a callee that gives the field a value.
    if (const clang::FieldDecl* field = field_given_by_call(s, var, walk)) {
      fields.insert(field);
      if (every_field_assigned(var.getType().getNonReferenceType(), fields, walk.ast)) return FirstUse::assigned;
      continue;
    }
    // `s.names.reserve(n); for (...) s.names.push_back(x);` before `s.count =
    // n;`: work on fields that hold a value reads nothing indeterminate.
    if (mentions(s, var) && !has_jump_or_label(s) && reads_only_ready_fields(s, var, fields)) continue;
    const FirstUse use = first_use(s, var, walk);
    if (use != FirstUse::none) return use;
  }
  return FirstUse::none;
}

/// Two branches joined: a value on both (or one leaves), else undecided.
FirstUse join_branches(FirstUse a, FirstUse b) {
  if (a == FirstUse::stop || b == FirstUse::stop) return FirstUse::stop;
  // Every use is in the confined branch: the other one has none.
  if (a == FirstUse::confined || b == FirstUse::confined) {
    const FirstUse other = a == FirstUse::confined ? b : a;
    return other == FirstUse::none || other == FirstUse::leaves || other == FirstUse::confined ? FirstUse::confined
                                                                                               : FirstUse::stop;
  }
  if (a == FirstUse::leaves) return b;
  if (b == FirstUse::leaves) return a;
  return a == b ? a : FirstUse::stop;  // a value on one path only
}

/// The statements a `switch` with a constant value or a `while (true)` runs
/// first, up to its top-level `break` (after which the code after it runs:
/// `none`). A break or continue deeper in (`if (c) break;`) could skip the
/// assignment: stop.
FirstUse first_use_until_break(llvm::ArrayRef<const clang::Stmt*> stmts, const clang::VarDecl& var,
                               const Walk& walk, bool off_the_end_leaves = false) {
  for (const clang::Stmt* s : stmts) {
    while (const auto* label = llvm::dyn_cast_or_null<clang::SwitchCase>(s)) s = label->getSubStmt();  // fallthrough
    if (llvm::isa_and_nonnull<clang::BreakStmt>(s)) return FirstUse::none;
    const bool jumps_out =
        flow::contains(s, [](const clang::Stmt& sub) { return llvm::isa<clang::BreakStmt, clang::ContinueStmt>(sub); });
    if (jumps_out) {
      return FirstUse::stop;
    }
    const FirstUse use = first_use(s, var, walk);
    if (use != FirstUse::none) return use;
  }
  // A switch falling off its end is fine, a loop runs again: not followed,
  // unless the caller knows nothing after the switch names x.
  return off_the_end_leaves ? FirstUse::none : FirstUse::stop;
}

/// `switch (kind) { case 'b': w = 1; break; ... default: w = 8; break; }`:
/// a switch on a run-time value with a `default:` (or a label for every
/// enumerator of the enum it switches on) runs one of its labels;
/// the value is given when every label's way through, up to its top-level
/// break (falling through the labels below it), gives it or leaves. Labels
/// only at the top level of the body (not Duff's device), and a body of at
/// most 64 statements, which bounds the walk from each label.
FirstUse first_use_in_every_case(const clang::SwitchStmt& choice, llvm::ArrayRef<const clang::Stmt*> stmts,
                                 const clang::VarDecl& var, const Walk& walk) {
  constexpr size_t kMaxStatements = 64;
  if (stmts.size() > kMaxStatements) return FirstUse::stop;
  size_t labels = 0;
  for (const clang::SwitchCase* c = choice.getSwitchCaseList(); c != nullptr; c = c->getNextSwitchCase()) ++labels;
  size_t top_level = 0;
  bool has_default = false;
  // `int x; switch (k) { case 1: x = f(); use(x); break; default: break; }`:
  // every use in the switch, and each label's way through gives x a value
  // before reading it, or does not name it.
  const bool confining = walk.all_uses_in(&choice, var);
  std::optional<FirstUse> joined;
  for (size_t i = 0; i < stmts.size(); ++i) {
    if (!llvm::isa<clang::SwitchCase>(stmts[i])) continue;
    for (const clang::Stmt* label = stmts[i]; const auto* c = llvm::dyn_cast_or_null<clang::SwitchCase>(label);
         label = c->getSubStmt()) {
      ++top_level;
      has_default = has_default || llvm::isa<clang::DefaultStmt>(c);
    }
    FirstUse use = first_use_until_break(stmts.drop_front(i), var, walk, confining);
    if (confining && use == FirstUse::assigned) use = FirstUse::confined;
    joined = joined ? join_branches(*joined, use) : use;
  }
  if (top_level != labels || !joined) return FirstUse::stop;
  if (confining && *joined == FirstUse::confined) return FirstUse::confined;
  // Without a default, one label per enumerator of the enum switched on
  // (as clang's -Wswitch judges it): the value is one of them unless it
  // was made by a cast, which the rule trusts, as clang's -Wuninitialized does.
  if (!(has_default || choice.isAllEnumCasesCovered())) return FirstUse::stop;
  return *joined;
}

/// Juliet's `switch (6) { case 6: data = 5; break; default: ...; }` and
/// `while (1) { data = 5; break; }`: the one way through that a constant
/// condition leaves. Otherwise `stop` (a switch or loop mentioning x).
/// Every `break` under `s` that leaves the loop `s` is the body of (not one
/// of a nested loop or switch) comes right after a statement of its block
/// that assigns x whole (`if (found) { x = v; break; }`). `inner` counts
/// the loops and switches around the statement being looked at.
bool every_exit_assigns(const clang::Stmt* s, const clang::VarDecl& var, int inner = 0, int depth = 0) {
  if (s == nullptr) return true;
  if (depth > 64) return false;
  if (inner == 0 && llvm::isa<clang::BreakStmt>(s)) return false;  // a break that is not right after a write
  if (const auto* block = llvm::dyn_cast<clang::CompoundStmt>(s)) {
    const clang::Stmt* previous = nullptr;
    for (const clang::Stmt* child : block->body()) {
      const bool leaves_here = inner == 0 && llvm::isa<clang::BreakStmt>(child);
      if (leaves_here && (previous == nullptr || !assigns_whole(previous, var))) return false;
      if (!leaves_here && !every_exit_assigns(child, var, inner, depth + 1)) return false;
      previous = child;
    }
    return true;
  }
  const bool nests = llvm::isa<clang::ForStmt, clang::WhileStmt, clang::DoStmt, clang::CXXForRangeStmt,
                               clang::SwitchStmt>(s);
  for (const clang::Stmt* child : s->children()) {
    if (!every_exit_assigns(child, var, inner + (nests ? 1 : 0), depth + 1)) return false;
  }
  return true;
}

/// `while (true) { if (n > 2) { x = n; break; } ++n; } return x;` (also
/// `for (;;)`): a loop that ends only by a break, whose every break comes
/// right after an assignment of x, and that names x nowhere else than as
/// the target of such assignments (`x = e`, e not naming x): past the loop
/// x holds a value. A return in the loop leaves; no goto or label.
bool search_loop_assigns(const clang::Stmt* s, const clang::VarDecl& var, const Walk& walk) {
  const clang::Stmt* body = nullptr;
  const clang::Expr* cond = nullptr;
  if (const auto* loop = llvm::dyn_cast<clang::WhileStmt>(s); loop != nullptr && loop->getConditionVariable() == nullptr) {
    body = loop->getBody();
    cond = loop->getCond();
  } else if (const auto* loop = llvm::dyn_cast<clang::ForStmt>(s);
             loop != nullptr && loop->getConditionVariable() == nullptr && !mentions(loop->getInit(), var) &&
             !mentions(loop->getInc(), var)) {
    body = loop->getBody();
    cond = loop->getCond();  // none: endless
  } else {
    return false;
  }
  bool runs = true;
  if (cond != nullptr && (cond->isValueDependent() || !cond->EvaluateAsBooleanCondition(runs, walk.ast) || !runs)) {
    return false;
  }
  if (body == nullptr || !mentions(body, var) || has_goto(body) ||
      flow::contains(body, [](const clang::Stmt& sub) { return llvm::isa<clang::LabelStmt>(sub); })) {
    return false;
  }
  // Every mention of x is the target of a whole assignment.
  unsigned targets = 0;
  flow::contains(body, [&](const clang::Stmt& sub) {
    // The assignment itself (not the ExprWithCleanups around it: counted once).
    if (const auto* e = llvm::dyn_cast<clang::Expr>(&sub);
        e != nullptr && llvm::isa<clang::BinaryOperator, clang::CXXOperatorCallExpr>(e) && assigns_whole(e, var)) {
      const std::optional<Assignment> assignment = as_assignment(e->IgnoreImplicit()->IgnoreParens());
      if (assignment && !mentions(assignment->rhs, var)) ++targets;
    }
    return false;
  });
  return targets == uses_in(body, var) && every_exit_assigns(body, var);
}

FirstUse first_use_in_constant_jump(const clang::Stmt* s, const clang::VarDecl& var, const Walk& walk) {
  if (search_loop_assigns(s, var, walk)) return FirstUse::assigned;
  const clang::Expr* cond = nullptr;
  const clang::Stmt* body = nullptr;
  const auto* choice = llvm::dyn_cast<clang::SwitchStmt>(s);
  const auto* loop = llvm::dyn_cast<clang::WhileStmt>(s);
  if (choice != nullptr && choice->getInit() == nullptr && choice->getConditionVariable() == nullptr) {
    cond = choice->getCond();
    body = choice->getBody();
  } else if (loop != nullptr && loop->getConditionVariable() == nullptr) {
    cond = loop->getCond();
    body = loop->getBody();
  }
  const auto* block = llvm::dyn_cast_or_null<clang::CompoundStmt>(body);
  if (cond == nullptr || block == nullptr || cond->isValueDependent() || mentions(cond, var) ||
      flow::contains(block, [](const clang::Stmt& sub) {
        return llvm::isa<clang::GotoStmt, clang::IndirectGotoStmt, clang::LabelStmt>(sub);
      })) {
    return FirstUse::stop;
  }
  const llvm::SmallVector<const clang::Stmt*, 16> stmts(block->body_begin(), block->body_end());
  clang::Expr::EvalResult value;
  if (loop != nullptr) {
    bool runs = false;
    if (!cond->EvaluateAsBooleanCondition(runs, walk.ast) || !runs) return FirstUse::stop;
    return first_use_until_break(stmts, var, walk);
  }
  if (!cond->EvaluateAsInt(value, walk.ast)) return first_use_in_every_case(*choice, stmts, var, walk);
  // The case with that value, else `default:`, among the top-level labels.
  std::optional<size_t> start;
  std::optional<size_t> fallback;
  for (size_t i = 0; i < stmts.size(); ++i) {
    for (const clang::Stmt* label = stmts[i]; const auto* c = llvm::dyn_cast_or_null<clang::SwitchCase>(label);
         label = c->getSubStmt()) {
      if (llvm::isa<clang::DefaultStmt>(c) && !fallback) fallback = i;
      const auto* one = llvm::dyn_cast<clang::CaseStmt>(c);
      clang::Expr::EvalResult key;
      if (one != nullptr && !one->caseStmtIsGNURange() && one->getLHS()->EvaluateAsInt(key, walk.ast) &&
          llvm::APSInt::isSameValue(key.Val.getInt(), value.Val.getInt()) && !start) {
        start = i;
      }
    }
  }
  if (!start) start = fallback;
  if (!start) return FirstUse::none;  // no case runs
  return first_use_until_break(llvm::ArrayRef(stmts).drop_front(*start), var, walk);
}

/// `in >> x`, `in >> a >> x`: a standard operator>> (of a std stream, into
/// a number) that writes x when the stream is still good after it. (A
/// class's operator>> of the user's may write nothing, even through the
/// standard one for rvalue streams.)
bool extracts_into(const clang::Expr* e, const clang::VarDecl& var) {
  if (!var.getType().getNonReferenceType()->isArithmeticType()) return false;
  for (int depth = 0; e != nullptr && depth < 16; ++depth) {
    // `in.get(c)`: reads one character into c.
    if (const auto* get = llvm::dyn_cast<clang::CXXMemberCallExpr>(e->IgnoreParenImpCasts());
        get != nullptr && get->getNumArgs() == 1 && get->getMethodDecl() != nullptr &&
        get->getMethodDecl()->getIdentifier() != nullptr && get->getMethodDecl()->getName() == "get" &&
        is_std_class(get->getRecordDecl(), {"basic_istream"})) {
      const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(get->getArg(0)->IgnoreParenImpCasts());
      return ref != nullptr && ref->getDecl() == &var && !mentions(get->getImplicitObjectArgument(), var);
    }
    const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(e->IgnoreParenImpCasts());
    if (op == nullptr || op->getOperator() != clang::OO_GreaterGreater || op->getNumArgs() != 2) return false;
    const clang::FunctionDecl* callee = op->getDirectCallee();
    if (callee == nullptr) return false;
    const auto* method = llvm::dyn_cast<clang::CXXMethodDecl>(callee);  // istream::operator>>(int&)
    if (!(method != nullptr ? method->getParent()->isInStdNamespace() : callee->isInStdNamespace())) return false;
    const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(op->getArg(1)->IgnoreParenImpCasts());
    if (ref != nullptr && ref->getDecl() == &var) return !mentions(op->getArg(0), var);
    e = op->getArg(0);
  }
  return false;
}

/// `in >> x` tested as a condition: the stream's `operator bool` called on
/// the extraction; the extraction itself.
const clang::Expr* without_stream_test(const clang::Expr* e) {
  for (int depth = 0; e != nullptr && depth < 16; ++depth) {
    e = e->IgnoreParenImpCasts();
    const auto* call = llvm::dyn_cast<clang::CXXMemberCallExpr>(e);
    if (call == nullptr || !llvm::isa_and_nonnull<clang::CXXConversionDecl>(call->getMethodDecl())) return e;
    e = call->getImplicitObjectArgument();
  }
  return e;
}

bool call_writes_when(const clang::Expr* cond, const clang::VarDecl& var, bool when, const Walk& walk);

/// Does `cond` having the value `when` mean the standard extraction into x
/// succeeded (so x holds a value there)? `in >> x` true, `!(in >> x)`
/// false, `(in >> x) && x > 0` true, `!(in >> x) || x < 0` false. In each
/// of these forms x is read in the condition only after the extraction
/// succeeded (the right operand of && or || runs only then). With `walk`,
/// a call x is handed to by reference counts too where its body shows it
/// writes x when it returns that (`!parse(s, x)` false, `get(k, x) == 0`).
bool extracted_when(const clang::Expr* cond, const clang::VarDecl& var, bool when, const Walk* walk = nullptr,
                    int depth = 0) {
  if (cond == nullptr || depth > 16) return false;
  cond = without_stream_test(cond);
  if (extracts_into(cond, var)) return when;
  if (walk != nullptr && call_writes_when(cond, var, when, *walk)) return true;
  if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(cond);
      op != nullptr && op->getOperator() == clang::OO_Exclaim && op->getNumArgs() == 1) {
    return extracted_when(op->getArg(0), var, !when, walk, depth + 1);  // the stream's operator!
  }
  if (const auto* op = llvm::dyn_cast<clang::UnaryOperator>(cond); op != nullptr && op->getOpcode() == clang::UO_LNot) {
    return extracted_when(op->getSubExpr(), var, !when, walk, depth + 1);
  }
  // `a && b` true, `a || b` false: both operands had that value.
  if (const auto* op = llvm::dyn_cast<clang::BinaryOperator>(cond);
      op != nullptr && ((op->getOpcode() == clang::BO_LAnd && when) || (op->getOpcode() == clang::BO_LOr && !when))) {
    return extracted_when(op->getLHS(), var, when, walk, depth + 1) ||
           (!mentions(op->getLHS(), var) && extracted_when(op->getRHS(), var, when, walk, depth + 1));
  }
  return false;
}

/// `if (in >> x) A else B` (or `if (!(in >> x)) B else A`): A runs with x
/// written, whatever it does with it; B may run without. Past the if, x
/// holds a value when B gives it one or leaves (`if (!(in >> n)) return
/// std::nullopt;`), and when A leaves the walk goes on as before. An if
/// whose branches hold every use of x (`if (ls >> key >> value) kv[key] =
/// value;`) needs nothing after it.
FirstUse first_use_after_extraction(const clang::IfStmt& branch, bool written_when, const clang::VarDecl& var,
                                    const Walk& walk) {
  const clang::Stmt* written = written_when ? branch.getThen() : branch.getElse();
  const clang::Stmt* other = written_when ? branch.getElse() : branch.getThen();
  const FirstUse with_value = written != nullptr && always_leaves(written) ? FirstUse::leaves : FirstUse::assigned;
  const FirstUse without = first_use(other, var, walk);
  const FirstUse joined = join_branches(with_value, without);
  if (joined == FirstUse::assigned || joined == FirstUse::leaves || joined == FirstUse::confined) return joined;
  const bool other_reads_nothing =
      without == FirstUse::none || without == FirstUse::leaves || without == FirstUse::confined;
  if (other_reads_nothing && walk.all_uses_in(&branch, var)) return FirstUse::confined;
  return joined == FirstUse::none ? FirstUse::none : FirstUse::stop;
}

/// `for (int i = 0; i < 10; ++i)`: a counter declared with a constant and
/// tested against a constant, so that the condition holds when the loop is
/// entered and the body runs at least once.
bool first_iteration_runs(const clang::ForStmt& loop, clang::ASTContext& ast) {
  // `for (int i = 0; ...)`, or `for (h = 0; ...)` of a local declared
  // earlier (Juliet's flow variant 17): either way it starts at the constant.
  const clang::VarDecl* counter = nullptr;
  const clang::Expr* first = nullptr;
  if (const auto* init = llvm::dyn_cast_or_null<clang::DeclStmt>(loop.getInit()); init != nullptr && init->isSingleDecl()) {
    counter = llvm::dyn_cast<clang::VarDecl>(init->getSingleDecl());
    first = counter != nullptr ? counter->getInit() : nullptr;
  } else if (const auto* init = llvm::dyn_cast_or_null<clang::BinaryOperator>(loop.getInit());
             init != nullptr && init->getOpcode() == clang::BO_Assign) {
    const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(init->getLHS()->IgnoreParens());
    counter = ref != nullptr ? llvm::dyn_cast<clang::VarDecl>(ref->getDecl()) : nullptr;
    first = init->getRHS();
  }
  const auto* cond = llvm::dyn_cast_or_null<clang::BinaryOperator>(loop.getCond());
  // A static counter keeps its value from the last call: not a fresh start.
  if (counter == nullptr || cond == nullptr || !cond->isComparisonOp() || !counter->getType()->isIntegerType() ||
      !counter->hasLocalStorage() || counter->getType().isVolatileQualified() ||
      loop.getConditionVariable() != nullptr) {
    return false;
  }
  const auto constant_value = [&](const clang::Expr* e) -> std::optional<int64_t> {
    clang::Expr::EvalResult value;
    if (e == nullptr || e->isValueDependent() || !e->EvaluateAsInt(value, ast)) return std::nullopt;
    const llvm::APSInt& v = value.Val.getInt();
    // An unsigned value is read as one (65535 of an unsigned short, not -1).
    if (v.isUnsigned()) {
      if (v.getActiveBits() > 63) return std::nullopt;
      return static_cast<int64_t>(v.getZExtValue());
    }
    return v.trySExtValue();
  };
  // The initialiser and an assignment's right side are converted to the
  // counter's type already: the value it holds.
  const std::optional<int64_t> start = constant_value(first);
  const auto names_counter = [&](const clang::Expr* e) {
    const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(e->IgnoreParenImpCasts());
    return ref != nullptr && ref->getDecl() == counter;
  };
  clang::BinaryOperatorKind op = cond->getOpcode();
  const clang::Expr* bound = cond->getRHS();
  if (!names_counter(cond->getLHS())) {
    if (!names_counter(cond->getRHS())) return false;
    bound = cond->getLHS();  // `10 > i`: the same test with the sides swapped
    op = clang::BinaryOperator::reverseComparisonOp(op);
  }
  const std::optional<int64_t> limit = constant_value(bound);
  if (!start || !limit) return false;
  // The comparison is done in its operands' converted type: in an unsigned
  // one a negative value is a huge one (`int i = -1; i < 5u` is false), so
  // negative values are compared only in a signed type.
  if ((*start < 0 || *limit < 0) && !cond->getLHS()->getType()->isSignedIntegerType()) return false;
  switch (op) {
    case clang::BO_LT: return *start < *limit;
    case clang::BO_LE: return *start <= *limit;
    case clang::BO_GT: return *start > *limit;
    case clang::BO_GE: return *start >= *limit;
    case clang::BO_NE: return *start != *limit;
    default: return false;
  }
}

/// `int x; for (int i = 0; i < 10; ++i) x = i; return x;`: a loop whose
/// body certainly runs (first_iteration_runs) and gives x a value on every
/// path through it before reading it, with nothing that can leave the body
/// early (break, continue) and a header that does not name x. Past the loop
/// x holds the last iteration's value.
bool first_iteration_assigns(const clang::ForStmt& loop, const clang::VarDecl& var, const Walk& walk) {
  if (!first_iteration_runs(loop, walk.ast) || mentions(loop.getInit(), var) || mentions(loop.getCond(), var) ||
      mentions(loop.getInc(), var) || !mentions(loop.getBody(), var) ||
      flow::contains(loop.getBody(), [](const clang::Stmt& sub) {
        return llvm::isa<clang::BreakStmt, clang::ContinueStmt>(sub);
      })) {
    return false;
  }
  return first_use(loop.getBody(), var, walk) == FirstUse::assigned;
}

/// `for (;;) { c = next(); if (c != ' ') break; }`: like `while (1)`, the
/// body runs up to its first top-level `break`.
FirstUse first_use_in_endless_for(const clang::ForStmt& loop, const clang::VarDecl& var, const Walk& walk) {
  if (!mentions(&loop, var)) return FirstUse::none;
  bool runs = true;
  const clang::Expr* cond = loop.getCond();
  if (cond != nullptr && (cond->isValueDependent() || !cond->EvaluateAsBooleanCondition(runs, walk.ast) || !runs)) {
    return FirstUse::none;
  }
  const auto* block = llvm::dyn_cast_or_null<clang::CompoundStmt>(loop.getBody());
  if (block == nullptr || loop.getConditionVariable() != nullptr || mentions(loop.getInit(), var) ||
      flow::contains(block, [](const clang::Stmt& sub) {
        return llvm::isa<clang::GotoStmt, clang::IndirectGotoStmt, clang::LabelStmt, clang::SwitchCase>(sub);
      })) {
    return FirstUse::none;
  }
  const llvm::SmallVector<const clang::Stmt*, 16> stmts(block->body_begin(), block->body_end());
  const FirstUse use = first_use_until_break(stmts, var, walk);
  return use == FirstUse::none ? FirstUse::stop : use;  // a loop that mentions x and is not decided: stop
}

/// What runs first in a loop, every time: the init of `for (i = 0; i < n;
/// ++i)`, the body of `do { x = next(); } while (x < 0);` (when nothing in
/// it can skip to the condition: no break or continue). `none` when the
/// loop does not start so; the caller goes on as before.
FirstUse first_use_in_loop_start(const clang::Stmt* s, const clang::VarDecl& var, const Walk& walk) {
  if (const auto* loop = llvm::dyn_cast<clang::ForStmt>(s)) {
    if (loop->getInit() != nullptr && assigns_whole(loop->getInit(), var)) return FirstUse::assigned;
    if (first_iteration_assigns(*loop, var, walk)) return FirstUse::assigned;
    if (search_loop_assigns(loop, var, walk)) return FirstUse::assigned;
    return first_use_in_endless_for(*loop, var, walk);
  }
  const auto* loop = llvm::dyn_cast<clang::DoStmt>(s);
  if (loop == nullptr || flow::contains(loop->getBody(), [](const clang::Stmt& sub) {
        return llvm::isa<clang::BreakStmt, clang::ContinueStmt>(sub);
      })) {
    return FirstUse::none;
  }
  return first_use(loop->getBody(), var, walk) == FirstUse::assigned ? FirstUse::assigned : FirstUse::none;
}

/// A loop's body and the parts of its header (init, condition, increment,
/// condition variable; a range-for's init and range), or nullopt for any
/// other statement.
struct LoopParts {
  const clang::Stmt* body = nullptr;
  llvm::SmallVector<const clang::Stmt*, 4> header;
};
std::optional<LoopParts> loop_parts(const clang::Stmt* s) {
  if (const auto* loop = llvm::dyn_cast<clang::ForStmt>(s)) {
    return LoopParts{loop->getBody(),
                     {loop->getInit(), loop->getCond(), loop->getInc(), loop->getConditionVariableDeclStmt()}};
  }
  if (const auto* loop = llvm::dyn_cast<clang::WhileStmt>(s)) {
    return LoopParts{loop->getBody(), {loop->getCond(), loop->getConditionVariableDeclStmt()}};
  }
  if (const auto* loop = llvm::dyn_cast<clang::CXXForRangeStmt>(s)) {
    return LoopParts{loop->getBody(), {loop->getInit(), loop->getRangeInit()}};
  }
  if (const auto* loop = llvm::dyn_cast<clang::DoStmt>(s)) return LoopParts{loop->getBody(), {loop->getCond()}};
  return std::nullopt;
}

/// `int x; for (...) { x = next(); use(x); }`, `while (c) { x = f(); ... }`:
/// a loop that holds every use of x, whose header does not name it, and
/// whose body gives x a value before reading it on every path through an
/// iteration (a `continue` or `break` before the write reads nothing).
/// Nothing after the loop reads x: confined. Else none (not decided here).
FirstUse first_use_in_confining_loop(const clang::Stmt* s, const clang::VarDecl& var, const Walk& walk) {
  const std::optional<LoopParts> parts = loop_parts(s);
  if (!parts) return FirstUse::none;
  const clang::Stmt* body = parts->body;
  const llvm::SmallVector<const clang::Stmt*, 4>& header = parts->header;
  if (!mentions(body, var) || !walk.all_uses_in(s, var)) return FirstUse::none;
  if (llvm::any_of(header, [&](const clang::Stmt* part) { return mentions(part, var); })) return FirstUse::none;
  const FirstUse use = first_use(body, var, walk);
  return use == FirstUse::assigned || use == FirstUse::confined ? FirstUse::confined : FirstUse::none;
}

/// `try { v = parse(); } catch (const Error&) { v = -1; }`: a value past the
/// try when the block gives one and every handler gives one or leaves (an
/// exception thrown before the write lands in a handler; one no handler
/// catches leaves).
FirstUse first_use_in_try(const clang::CXXTryStmt& guarded, const clang::VarDecl& var, const Walk& walk) {
  // `int n; try { n = parse(); use(n); } catch (...) { log(); }`: every use
  // in the try statement, each part giving a value before its reads.
  const bool confining = walk.all_uses_in(&guarded, var);
  auto part_use = [&](const clang::Stmt* part) {
    const FirstUse use = first_use(part, var, walk);
    return confining && use == FirstUse::assigned ? FirstUse::confined : use;
  };
  FirstUse joined = part_use(guarded.getTryBlock());
  for (unsigned i = 0; i < guarded.getNumHandlers(); ++i) {
    joined = join_branches(joined, part_use(guarded.getHandler(i)->getHandlerBlock()));
  }
  return joined;
}

/// `while (in >> x) use(x);`, `while (std::cin >> a >> b && a != 0)`: the
/// body runs only after an extraction that wrote x. After the loop the last
/// one failed, and may have written nothing: accepted when nothing after
/// the loop uses x.
FirstUse first_use_in_extraction_loop(const clang::WhileStmt& loop, const clang::VarDecl& var, const Walk& walk) {
  return walk.all_uses_in(&loop, var) ? FirstUse::confined : FirstUse::stop;
}

// --- Out-parameters and lambdas called at once ------------------------------
// `int v; if (!parse(text, v)) return false;`, `double d; get_ratio(d);`,
// `int v; [&] { v = compute(); }();`, `auto init = [&](int k) { v = k; };
// init(3);`. The body of the function (or lambda) is walked with the same
// first_use as the local's own block, for its reference parameter (a
// ParmVarDecl is a VarDecl) or, for a lambda, for the captured local itself,
// a few calls deep, and summed up as a CallEffect.

/// What a call does with the variable it is handed, as its body shows.
struct CallEffect {
  enum class Kind {
    writes,         // gives it a value on every path that returns
    writes_unless,  // on every path but those returning one of `unwritten` (constants)
    may_read,       // may read it before giving it a value (or the walk cannot tell)
    may_skip,       // may return without giving it a value, what it returns not telling
    opaque,         // a library function whose body is not visible
    not_followed,   // holding a goto, or more than kMaxDepth calls deep (a recursive one gets there)
  };
  Kind kind = Kind::may_read;
  llvm::SmallVector<int64_t, 2> unwritten;  // writes_unless: the values returned without a write
  const clang::FunctionDecl* fn = nullptr;  // the function looked into (a lambda's call operator)
  const clang::VarDecl* as = nullptr;       // the variable in its body: the parameter, or the captured local
  clang::SourceLocation where;              // the read, or a return without a write
};

/// A call that hands `var` over to be written: `parse(s, var)`,
/// `obj.read(var)` (a non-const lvalue reference parameter of var's own
/// type; `param` its index), or a lambda capturing var by reference called
/// (`[&] { var = f(); }()`, `init(3)`). Nothing else in the call names var.
struct OutCall {
  const clang::CallExpr* call = nullptr;
  const clang::FunctionDecl* callee = nullptr;
  std::optional<unsigned> param;  // none: a lambda, writing the captured var itself
};

/// Parentheses, implicit casts and full-expression wrappers around `e`.
const clang::Expr* bare(const clang::Expr* e) {
  for (int i = 0; e != nullptr && i < 8; ++i) {
    const clang::Expr* next = e->IgnoreImplicit()->IgnoreParens();
    if (next == e) break;
    e = next;
  }
  return e;
}

/// Does the lambda class `closure` capture `var` by reference (`[&]`, `[&var]`)?
bool captures_by_reference(const clang::CXXRecordDecl* closure, const clang::VarDecl& var) {
  if (closure == nullptr || !closure->isLambda()) return false;
  for (const clang::LambdaCapture& capture : closure->captures()) {
    if (capture.capturesVariable() && capture.getCapturedVar() == &var) {
      return capture.getCaptureKind() == clang::LCK_ByRef;
    }
  }
  return false;
}

std::optional<OutCall> out_call(const clang::Expr* e, const clang::VarDecl& var, clang::ASTContext& ast) {
  const auto* call = llvm::dyn_cast_or_null<clang::CallExpr>(bare(e));
  const clang::FunctionDecl* fn = call != nullptr ? call->getDirectCallee() : nullptr;
  if (fn == nullptr) return std::nullopt;
  if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(call)) {
    // `[&] { var = f(); }()`, `init(3)`: the lambda itself, or a local holding it.
    const auto* method = llvm::dyn_cast<clang::CXXMethodDecl>(fn);
    if (op->getOperator() != clang::OO_Call || op->getNumArgs() == 0 || method == nullptr ||
        !captures_by_reference(method->getParent(), var)) {
      return std::nullopt;
    }
    // A static one was made (capturing that variable) in the first call of
    // the function only.
    const clang::Expr* object = bare(op->getArg(0));
    const auto* holder = llvm::dyn_cast<clang::DeclRefExpr>(object);
    const auto* holder_var = holder != nullptr ? llvm::dyn_cast<clang::VarDecl>(holder->getDecl()) : nullptr;
    const bool local_holder = holder_var != nullptr && holder_var != &var && holder_var->hasLocalStorage() &&
                              !llvm::isa<clang::ParmVarDecl>(holder_var);
    if (!llvm::isa<clang::LambdaExpr>(object) && !local_holder) return std::nullopt;
    for (unsigned i = 1; i < op->getNumArgs(); ++i) {
      if (mentions(op->getArg(i), var)) return std::nullopt;
    }
    return OutCall{call, fn, std::nullopt};
  }
  if (mentions(call->getCallee(), var)) return std::nullopt;  // `var.f()`, `fns[var](x)`
  std::optional<unsigned> index;
  for (unsigned i = 0; i < call->getNumArgs(); ++i) {
    const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(call->getArg(i)->IgnoreParens());
    if (ref != nullptr && ref->getDecl() == &var && !index) {
      index = i;
    } else if (mentions(call->getArg(i), var)) {
      return std::nullopt;
    }
  }
  if (!index || *index >= fn->getNumParams()) return std::nullopt;
  const clang::QualType type = fn->getParamDecl(*index)->getType();
  if (!type->isLValueReferenceType() || type->getPointeeType().isConstQualified() ||
      !ast.hasSameUnqualifiedType(type->getPointeeType(), var.getType().getNonReferenceType())) {
    return std::nullopt;
  }
  return OutCall{call, fn, index};
}

/// A call (or, under `var`, a local lambda) that `first_use` found did not
/// give the local a value: kept for the note at the local's error.
struct Blame {
  const clang::CallExpr* call = nullptr;
  CallEffect effect;
};

/// Looks into the functions and lambdas a local is handed to; each
/// (function, variable) once per translation unit.
class CallLookInto {
 public:
  explicit CallLookInto(const ServiceCode& code) : code_(code) {}

  /// What `call` does with `var` (the variable handed over at the call).
  CallEffect effect(const OutCall& call, const clang::VarDecl& var, const Walk& walk);

  /// The effect of `lambda`'s body on `var` (captured by
  /// reference), whenever it is called.
  CallEffect lambda_effect(const clang::LambdaExpr& lambda, const clang::VarDecl& var, const Walk& walk);

  /// Remembers why the walk of the local `var` stopped at `call` (the
  /// first such call only; none for a walk inside a callee).
  void blame(const clang::VarDecl& var, const clang::CallExpr* call, const CallEffect& effect, const Walk& walk) {
    if (walk.call_depth == 0) blames_.try_emplace(&var, Blame{call, effect});
  }
  [[nodiscard]] const Blame* blame_of(const clang::VarDecl& var) const {
    auto it = blames_.find(&var);
    return it != blames_.end() ? &it->second : nullptr;
  }

 private:
  CallEffect body_effect(const clang::FunctionDecl& def, const clang::VarDecl& as, const Walk& walk);

  const ServiceCode& code_;
  std::map<std::tuple<const clang::FunctionDecl*, const clang::VarDecl*, int>, CallEffect> effects_;
  std::map<const clang::Stmt*, UseCounts> uses_;  // of each body looked into
  std::map<const clang::VarDecl*, Blame> blames_;
};

namespace out_param {

/// The paths through a statement that start with the variable holding no
/// value (paths on which it has one are done: whatever follows may read it).
struct Paths {
  bool read = false;   // may read it first (or the walk cannot tell)
  bool falls = false;  // may complete without giving it a value
  bool other = false;  // may return without giving it a value, a value that is no constant
  llvm::SmallVector<int64_t, 2> unwritten;  // constants returned without giving it a value
  clang::SourceLocation where;               // the read, or the first return without a value

  void add_exits(const Paths& more) {
    read = read || more.read;
    other = other || more.other;
    unwritten.append(more.unwritten.begin(), more.unwritten.end());
    if (where.isInvalid()) where = more.where;
  }
};

Paths written() { return {}; }
Paths falls_through() {
  Paths p;
  p.falls = true;
  return p;
}

/// The first place `var` is named under `s`, in the order of the source.
clang::SourceLocation first_mention(const clang::Stmt* s, const clang::VarDecl& var) {
  clang::SourceLocation first;
  const clang::SourceManager& sources = var.getASTContext().getSourceManager();
  flow::contains(s, [&](const clang::Stmt& sub) {
    const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(&sub);
    if (ref != nullptr && ref->getDecl() == &var &&
        (first.isInvalid() || sources.isBeforeInTranslationUnit(ref->getExprLoc(), first))) {
      first = ref->getExprLoc();
    }
    return false;
  });
  return first.isValid() ? first : s->getBeginLoc();
}

Paths reads(const clang::Stmt* s, const clang::VarDecl& var) {
  Paths p;
  p.read = true;
  p.where = first_mention(s, var);
  return p;
}

/// `return 0;`, `return false;`: the constant, else nullopt.
std::optional<int64_t> constant_value(const clang::Expr* e, clang::ASTContext& ast) {
  clang::Expr::EvalResult value;
  if (e == nullptr || e->isValueDependent() || !e->EvaluateAsInt(value, ast)) return std::nullopt;
  return value.Val.getInt().tryExtValue();
}

/// A return reached without a value given: what it returns.
Paths returns_unwritten(const clang::ReturnStmt& ret, clang::ASTContext& ast) {
  Paths p;
  if (const std::optional<int64_t> value = constant_value(ret.getRetValue(), ast)) {
    p.unwritten.push_back(*value);
  } else {
    p.other = true;
  }
  p.where = ret.getBeginLoc();
  return p;
}

/// The returns under `s` (not those of lambdas in it), each reached
/// without a value given; one naming var may read it.
Paths returns_in(const clang::Stmt* s, const clang::VarDecl& var, clang::ASTContext& ast) {
  Paths p;
  llvm::SmallVector<const clang::Stmt*, 32> pending{s};
  while (!pending.empty()) {
    const clang::Stmt* sub = pending.pop_back_val();
    if (sub == nullptr || llvm::isa<clang::LambdaExpr>(sub)) continue;
    if (const auto* ret = llvm::dyn_cast<clang::ReturnStmt>(sub)) {
      p.add_exits(mentions(ret, var) ? reads(ret, var) : returns_unwritten(*ret, ast));
      continue;
    }
    for (const clang::Stmt* child : sub->children()) pending.push_back(child);
  }
  return p;
}

/// `throw e;`, a call of a [[noreturn]] function: the caller does not go on.
bool ends_abruptly(const clang::Stmt* s) {
  const auto* e = llvm::dyn_cast<clang::Expr>(s);
  return e != nullptr && always_leaves(e);
}

Paths paths(const clang::Stmt* s, const clang::VarDecl& var, const Walk& walk, int depth);

/// `return parse_digits(s, out);`, `return static_cast<bool>(in >> out);`
/// (written when it is true), `return ec == std::errc{};` after a
/// from_chars: the value returned tells whether var was written.
Paths returned(const clang::ReturnStmt& ret, const clang::VarDecl& var, const Walk& walk) {
  const clang::Expr* value = ret.getRetValue();
  if (value == nullptr || !mentions(value, var)) return returns_unwritten(ret, walk.ast);
  // `return parse_status(s, out);` returning what that returns: its values.
  if (const std::optional<OutCall> call = out_call(value, var, walk.ast);
      call && walk.calls != nullptr && walk.ast.hasSameUnqualifiedType(value->getType(), call->call->getType())) {
    const CallEffect effect = walk.calls->effect(*call, var, walk);
    if (effect.kind == CallEffect::Kind::writes) return written();
    if (effect.kind == CallEffect::Kind::writes_unless) {
      Paths p;
      p.unwritten = effect.unwritten;
      p.where = ret.getBeginLoc();
      return p;
    }
  }
  const bool when_true = extracted_when(value, var, true, &walk);
  const bool when_false = extracted_when(value, var, false, &walk);
  if (when_true && when_false) return written();
  Paths p;
  p.where = ret.getBeginLoc();
  if (when_true && value->getType()->isIntegralOrEnumerationType()) {
    p.unwritten.push_back(0);  // written unless it returns false (0)
  } else if (when_false && value->getType()->isBooleanType()) {
    p.unwritten.push_back(1);
  } else {
    return reads(&ret, var);
  }
  return p;
}

/// `if (c) { out = x; return true; }`: each branch from here; a condition
/// that writes var (`if (!parse_digits(s, out)) return false;`) leaves only
/// the branch taken when it did not to walk.
Paths through_if(const clang::IfStmt& branch, const clang::VarDecl& var, const Walk& walk, int depth) {
  const clang::Expr* cond = branch.getCond();
  if (mentions(cond, var)) {
    const bool when_true = branch.getConditionVariable() == nullptr && extracted_when(cond, var, true, &walk);
    const bool when_false = branch.getConditionVariable() == nullptr && extracted_when(cond, var, false, &walk);
    if (when_true && when_false) return written();
    if (!when_true && !when_false) return reads(&branch, var);
    return paths(when_true ? branch.getElse() : branch.getThen(), var, walk, depth + 1);
  }
  bool value = false;
  if (!cond->isValueDependent() && cond->EvaluateAsBooleanCondition(value, walk.ast) && !branch.isConsteval()) {
    return paths(value ? branch.getThen() : branch.getElse(), var, walk, depth + 1);
  }
  Paths then_paths = paths(branch.getThen(), var, walk, depth + 1);
  const Paths else_paths = paths(branch.getElse(), var, walk, depth + 1);
  then_paths.add_exits(else_paths);
  then_paths.falls = then_paths.falls || else_paths.falls;
  return then_paths;
}

/// `auto [p, ec] = std::from_chars(b, e, out);` followed by `if (ec !=
/// std::errc{}) return false;` or `return ec == std::errc{};`.
std::optional<Paths> after_from_chars(const Charconv& parse, const clang::Stmt* next, const clang::VarDecl& var,
                                      const Walk& walk) {
  if (const auto* check = llvm::dyn_cast_or_null<clang::IfStmt>(next);
      check != nullptr && check->getInit() == nullptr && leaves_unless_parsed(check, parse, var, walk.ast)) {
    Paths p = returns_in(check->getThen(), var, walk.ast);
    return p;
  }
  const auto* ret = llvm::dyn_cast_or_null<clang::ReturnStmt>(next);
  if (ret != nullptr && ret->getRetValue() != nullptr && !mentions(ret->getRetValue(), var) &&
      parse_succeeded_when(ret->getRetValue(), parse, true, walk.ast)) {
    Paths p;
    p.unwritten.push_back(0);
    p.where = ret->getBeginLoc();
    return p;
  }
  return std::nullopt;
}

/// A block: each statement in turn, as long as a path without a value goes
/// on; fields given one by one count as in first_use_in_sequence.
Paths through_block(const clang::CompoundStmt& block, const clang::VarDecl& var, const Walk& walk, int depth) {
  Paths result;
  llvm::SmallPtrSet<const clang::FieldDecl*, 8> fields;
  const clang::QualType type = var.getType().getNonReferenceType();
  for (auto it = block.body_begin(); it != block.body_end(); ++it) {
    const clang::Stmt* part = *it;
    if (const std::optional<Charconv> parse = from_chars_into(part, var)) {
      const clang::Stmt* next = std::next(it) != block.body_end() ? *std::next(it) : nullptr;
      if (const std::optional<Paths> after = after_from_chars(*parse, next, var, walk)) {
        result.add_exits(*after);
        return result;
      }
    }
    const clang::FieldDecl* field = assigned_field(part, FillTarget{&var, {}}, &fields);
    if (field == nullptr) field = field_given_by_call(part, var, walk);
    if (field != nullptr) {
      fields.insert(field);
      if (every_field_assigned(type, fields, walk.ast)) return result;
      continue;
    }
    // Work on fields that hold a value (returns there leave without one).
    if (mentions(part, var) && !has_jump_or_label(part) && reads_only_ready_fields(part, var, fields)) {
      result.add_exits(returns_in(part, var, walk.ast));
      if (result.read) return result;
      continue;
    }
    const Paths step = paths(part, var, walk, depth + 1);
    result.add_exits(step);
    if (result.read || !step.falls) return result;
  }
  result.falls = true;
  return result;
}

/// A loop: the body is walked once from the start without a value (a later
/// iteration starts with one or without, and without is the same walk);
/// the loop may end without one. One that writes var whole before any
/// read, as first_use judges it (`for (int i = 0; i < N; ++i) out[i] =
/// 0;`), with no return inside, writes it.
std::optional<Paths> through_loop(const clang::Stmt* s, const clang::VarDecl& var, const Walk& walk, int depth) {
  const std::optional<LoopParts> parts = loop_parts(s);
  if (!parts) return std::nullopt;
  const clang::Stmt* body = parts->body;
  const llvm::SmallVector<const clang::Stmt*, 4>& header = parts->header;
  if (llvm::any_of(header, [&](const clang::Stmt* part) { return mentions(part, var); })) return std::nullopt;
  Paths p = paths(body, var, walk, depth + 1);
  p.falls = !p.read;
  return p;
}

/// Any other statement: one that does not name var lets a path go on (its
/// returns, `exits`, leave without a value); one that does is judged by
/// first_use (`use`).
Paths through_statement(const clang::Stmt* s, const clang::VarDecl& var, bool named, FirstUse use, Paths exits) {
  if (exits.read) return exits;
  if (!named) {
    exits.falls = !ends_abruptly(s);
    return exits;
  }
  switch (use) {
    case FirstUse::assigned:
      return exits;
    case FirstUse::confined:
    case FirstUse::none:
    case FirstUse::leaves:  // a break may leave a loop around it without a value
      exits.falls = true;
      return exits;
    case FirstUse::stop:
      break;
  }
  return reads(s, var);
}

Paths paths(const clang::Stmt* s, const clang::VarDecl& var, const Walk& walk, int depth) {
  if (s == nullptr || llvm::isa<clang::NullStmt>(s)) return falls_through();
  constexpr int kMaxNesting = 16;
  if (depth > kMaxNesting) return reads(s, var);
  if (const auto* block = llvm::dyn_cast<clang::CompoundStmt>(s)) return through_block(*block, var, walk, depth);
  if (const auto* ret = llvm::dyn_cast<clang::ReturnStmt>(s)) return returned(*ret, var, walk);
  // A break or continue goes on without a value past the loop, or into its
  // next iteration: the loop's walk counts both.
  if (llvm::isa<clang::BreakStmt, clang::ContinueStmt>(s)) return falls_through();
  if (const auto* branch = llvm::dyn_cast<clang::IfStmt>(s)) {
    // `if (auto it = m.find(k); it != m.end())`: the init first.
    const bool plain_head = !mentions(branch->getInit(), var) && !mentions(branch->getConditionVariableDeclStmt(), var);
    if (plain_head && !branch->isConsteval()) {
      Paths p = returns_in(branch->getInit(), var, walk.ast);
      if (p.read) return p;
      const Paths rest = through_if(*branch, var, walk, depth);
      p.add_exits(rest);
      p.falls = rest.falls;
      return p;
    }
  }
  const bool named = mentions(s, var);
  const FirstUse use = named ? first_use(s, var, walk) : FirstUse::none;
  Paths exits = returns_in(s, var, walk.ast);
  // `for (int i = 0; i < N; ++i) out[i] = 0;`: written whole, as first_use
  // judges it, with no return on the way.
  if (use == FirstUse::assigned && !exits.read && !exits.other && exits.unwritten.empty()) return written();
  if (const std::optional<Paths> p = through_loop(s, var, walk, depth)) return *p;
  return through_statement(s, var, named, use, std::move(exits));
}

/// What a body does with `as` from its start, summed up.
CallEffect summarise(const clang::FunctionDecl& def, const clang::VarDecl& as, const Walk& walk) {
  CallEffect effect;
  effect.fn = &def;
  effect.as = &as;
  const auto* body = llvm::dyn_cast_or_null<clang::CompoundStmt>(def.getBody());
  // A goto could jump past a write the walk counted.
  if (body == nullptr || flow::contains(body, [](const clang::Stmt& sub) {
        return llvm::isa<clang::GotoStmt, clang::IndirectGotoStmt, clang::LabelStmt>(sub);
      })) {
    effect.kind = CallEffect::Kind::not_followed;
    return effect;
  }
  Paths p = paths(body, as, walk, 0);
  effect.where = p.where;
  if (p.read) {
    effect.kind = CallEffect::Kind::may_read;
    return effect;
  }
  if (p.falls) {  // off the end
    p.other = true;
    if (effect.where.isInvalid()) effect.where = body->getRBracLoc();
  }
  if (p.other) {
    effect.kind = CallEffect::Kind::may_skip;
  } else if (p.unwritten.empty()) {
    effect.kind = CallEffect::Kind::writes;
  } else {
    effect.kind = CallEffect::Kind::writes_unless;
    effect.unwritten = p.unwritten;
  }
  return effect;
}

}  // namespace out_param

CallEffect CallLookInto::body_effect(const clang::FunctionDecl& def, const clang::VarDecl& as, const Walk& walk) {
  CallEffect deep;
  deep.kind = CallEffect::Kind::not_followed;
  deep.fn = &def;
  deep.as = &as;
  if (walk.call_depth >= kMaxDepth) return deep;
  // By depth too: what is found deeper down sees fewer calls below it.
  const auto key = std::make_tuple(&def, &as, walk.call_depth);
  if (auto it = effects_.find(key); it != effects_.end()) return it->second;
  // A recursive call is one deeper each time: kMaxDepth ends it.
  const UseCounts& uses = uses_.try_emplace(def.getBody(), count_uses(def.getBody())).first->second;
  const Walk inner{walk.ast, uses, this, walk.call_depth + 1};
  CallEffect effect = out_param::summarise(def, as, inner);
  effects_[key] = effect;
  return effect;
}

CallEffect CallLookInto::effect(const OutCall& call, const clang::VarDecl& var, const Walk& walk) {
  const clang::FunctionDecl* def = definition_with_body(call.callee);
  if (def == nullptr || def->isDeleted() || def->isDefaulted() || def->getBody() == nullptr) {
    CallEffect effect;
    effect.fn = call.callee;
    effect.where = call.call->getExprLoc();
    // Defined in another file (a user's function, or a pure virtual one),
    // trusted as constructors defined elsewhere are: clang's
    // -Wuninitialized takes such a call for a write too. A library's
    // function whose body is not visible is not: the standard's own
    // reference out-parameters of numbers (std::from_chars of a double,
    // istream::get(char&)) write only on success.
    effect.kind = code_.contains(call.callee->getLocation()) ? CallEffect::Kind::writes : CallEffect::Kind::opaque;
    return effect;
  }
  const clang::VarDecl& as = call.param ? *def->getParamDecl(*call.param) : var;
  return body_effect(*def, as, walk);
}

CallEffect CallLookInto::lambda_effect(const clang::LambdaExpr& lambda, const clang::VarDecl& var, const Walk& walk) {
  const clang::FunctionDecl* def = definition_with_body(lambda.getCallOperator());
  if (def == nullptr) return {};
  return body_effect(*def, var, walk);
}

/// Is `value`, what the call returned, compared by `cond` (`f(v)`, `f(v) ==
/// 0`, `0 != f(v)`, `f(v) < 0`) so that `cond` has the value `when`?
/// nullopt when `cond` is no such test of `call`.
std::optional<bool> test_holds(const clang::Expr* cond, const clang::Expr* call, int64_t value, bool when,
                               clang::ASTContext& ast) {
  cond = bare(cond);
  if (cond == bare(call)) return (value != 0) == when;
  const auto* cmp = llvm::dyn_cast<clang::BinaryOperator>(cond);
  if (cmp == nullptr || !cmp->isComparisonOp()) return std::nullopt;
  clang::BinaryOperatorKind op = cmp->getOpcode();
  std::optional<int64_t> constant;
  if (bare(cmp->getLHS()) == bare(call)) {
    constant = out_param::constant_value(cmp->getRHS(), ast);
  } else if (bare(cmp->getRHS()) == bare(call)) {
    constant = out_param::constant_value(cmp->getLHS(), ast);
    op = clang::BinaryOperator::reverseComparisonOp(op);
  }
  if (!constant) return std::nullopt;
  bool holds = false;
  switch (op) {
    case clang::BO_EQ: holds = value == *constant; break;
    case clang::BO_NE: holds = value != *constant; break;
    case clang::BO_LT: holds = value < *constant; break;
    case clang::BO_LE: holds = value <= *constant; break;
    case clang::BO_GT: holds = value > *constant; break;
    case clang::BO_GE: holds = value >= *constant; break;
    default: return std::nullopt;
  }
  return holds == when;
}

/// The call `cond` tests (`f(v)`, `f(v) == 0`), if it is one.
const clang::Expr* tested_call(const clang::Expr* cond) {
  cond = bare(cond);
  if (const auto* cmp = llvm::dyn_cast<clang::BinaryOperator>(cond); cmp != nullptr && cmp->isComparisonOp()) {
    return llvm::isa<clang::CallExpr>(bare(cmp->getLHS())) ? cmp->getLHS() : cmp->getRHS();
  }
  return cond;
}

bool call_writes_when(const clang::Expr* cond, const clang::VarDecl& var, bool when, const Walk& walk) {
  if (walk.calls == nullptr) return false;
  const clang::Expr* tested = tested_call(cond);
  // `get(v) == v` may read v before the call: the operands are unsequenced.
  if (uses_in(cond, var) != uses_in(tested, var)) return false;
  const std::optional<OutCall> call = out_call(tested, var, walk.ast);
  if (!call) return false;
  const CallEffect effect = walk.calls->effect(*call, var, walk);
  if (effect.kind == CallEffect::Kind::writes) return true;
  if (effect.kind != CallEffect::Kind::writes_unless) {
    walk.calls->blame(var, call->call, effect, walk);
    return false;
  }
  // Where the test has the value `when`, it returned none of the values it
  // returns without writing.
  return llvm::all_of(effect.unwritten, [&](int64_t value) {
    const std::optional<bool> holds = test_holds(cond, tested, value, when, walk.ast);
    return holds && !*holds;
  });
}

/// The call a statement makes whose result is dropped or stored: `f(x);`,
/// `(void)f(x);`, `ok = f(x);` (ok not being `var`).
const clang::Expr* called_in_statement(const clang::Expr* e, const clang::VarDecl& var) {
  e = bare(e);
  if (const auto* cast = llvm::dyn_cast<clang::ExplicitCastExpr>(e); cast != nullptr && cast->getCastKind() == clang::CK_ToVoid) {
    return cast->getSubExpr();
  }
  if (const auto* assign = llvm::dyn_cast<clang::BinaryOperator>(e);
      assign != nullptr && assign->getOpcode() == clang::BO_Assign && !mentions(assign->getLHS(), var)) {
    return assign->getRHS();
  }
  return e;
}

/// `read_u32(in, h.magic);`: a call handing a field of var to a non-const
/// reference parameter of the field's type, nothing else in it naming var,
/// whose body gives the parameter a value on every path: that field.
const clang::FieldDecl* field_given_by_call(const clang::Stmt* s, const clang::VarDecl& var, const Walk& walk) {
  const auto* statement = llvm::dyn_cast<clang::Expr>(s);
  if (walk.calls == nullptr || statement == nullptr) return nullptr;
  const auto* call = llvm::dyn_cast_or_null<clang::CallExpr>(bare(called_in_statement(statement, var)));
  const clang::FunctionDecl* fn = call != nullptr ? call->getDirectCallee() : nullptr;
  if (fn == nullptr || llvm::isa<clang::CXXOperatorCallExpr>(call) || mentions(call->getCallee(), var)) return nullptr;
  const clang::FieldDecl* field = nullptr;
  std::optional<unsigned> index;
  for (unsigned i = 0; i < call->getNumArgs(); ++i) {
    const auto* member = llvm::dyn_cast<clang::MemberExpr>(call->getArg(i)->IgnoreParens());
    const auto* base = member != nullptr && !member->isArrow()
                           ? llvm::dyn_cast<clang::DeclRefExpr>(member->getBase()->IgnoreParenImpCasts())
                           : nullptr;
    if (base != nullptr && base->getDecl() == &var && !index) {
      field = llvm::dyn_cast<clang::FieldDecl>(member->getMemberDecl());
      index = i;
    } else if (mentions(call->getArg(i), var)) {
      return nullptr;
    }
  }
  if (field == nullptr || !index || *index >= fn->getNumParams()) return nullptr;
  const clang::QualType type = fn->getParamDecl(*index)->getType();
  if (!type->isLValueReferenceType() || type->getPointeeType().isConstQualified() ||
      !walk.ast.hasSameUnqualifiedType(type->getPointeeType(), field->getType())) {
    return nullptr;
  }
  const CallEffect effect = walk.calls->effect(OutCall{call, fn, index}, var, walk);
  if (effect.kind == CallEffect::Kind::writes) return field;
  walk.calls->blame(var, call, effect, walk);
  return nullptr;
}

/// The side of `cond` (`ok`, `rc != 0`) that names `holder`, if it is such a
/// test.
const clang::Expr* holder_tested(const clang::Expr* cond, const clang::VarDecl& holder) {
  auto names_holder = [&](const clang::Expr* e) {
    const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(bare(e));
    return ref != nullptr && ref->getDecl() == &holder ? ref : nullptr;
  };
  cond = bare(cond);
  if (const auto* ref = names_holder(cond)) return ref;
  const auto* cmp = llvm::dyn_cast<clang::BinaryOperator>(cond);
  if (cmp == nullptr || !cmp->isComparisonOp()) return nullptr;
  if (const auto* ref = names_holder(cmp->getLHS())) return ref;
  return names_holder(cmp->getRHS());
}

/// Does `cond` having the value `when` mean the call whose value `holder`
/// keeps wrote x (`!ok` false, `rc == 0` true, `!ok || x < 0` false)? As
/// extracted_when, x read in the condition only past that test.
bool stored_result_written_when(const clang::Expr* cond, const clang::VarDecl& holder, const CallEffect& effect,
                                const clang::VarDecl& var, bool when, clang::ASTContext& ast, int depth = 0) {
  if (cond == nullptr || depth > 16) return false;
  cond = bare(cond);
  if (const clang::Expr* tested = holder_tested(cond, holder); tested != nullptr && !mentions(cond, var)) {
    return llvm::all_of(effect.unwritten, [&](int64_t value) {
      const std::optional<bool> holds = test_holds(cond, tested, value, when, ast);
      return holds && !*holds;
    });
  }
  if (const auto* op = llvm::dyn_cast<clang::UnaryOperator>(cond); op != nullptr && op->getOpcode() == clang::UO_LNot) {
    return stored_result_written_when(op->getSubExpr(), holder, effect, var, !when, ast, depth + 1);
  }
  if (const auto* op = llvm::dyn_cast<clang::BinaryOperator>(cond);
      op != nullptr && ((op->getOpcode() == clang::BO_LAnd && when) || (op->getOpcode() == clang::BO_LOr && !when))) {
    return stored_result_written_when(op->getLHS(), holder, effect, var, when, ast, depth + 1) ||
           (!mentions(op->getLHS(), var) &&
            stored_result_written_when(op->getRHS(), holder, effect, var, when, ast, depth + 1));
  }
  return false;
}

/// `bool ok = parse(s, x);` (or `const int rc = status(x);`, the local of
/// the call's own type) whose callee writes x unless it returns some
/// constants, followed by an `if` testing that local as the call itself
/// could be tested (`if (!ok) return false;`): what the if does with x, as
/// for `if (!parse(s, x)) return false;`. nullopt: no such pair.
std::optional<FirstUse> first_use_with_stored_result(const clang::Stmt* s, const clang::Stmt* next,
                                                     const clang::VarDecl& var, const Walk& walk) {
  const auto* decl = llvm::dyn_cast<clang::DeclStmt>(s);
  const auto* branch = llvm::dyn_cast_or_null<clang::IfStmt>(next);
  if (walk.calls == nullptr || decl == nullptr || !decl->isSingleDecl() || branch == nullptr ||
      branch->getInit() != nullptr || branch->getConditionVariable() != nullptr || branch->isConsteval()) {
    return std::nullopt;
  }
  const auto* holder = llvm::dyn_cast<clang::VarDecl>(decl->getSingleDecl());
  if (holder == nullptr || holder->getInit() == nullptr || holder->getType()->isReferenceType()) return std::nullopt;
  const std::optional<OutCall> call = out_call(holder->getInit(), var, walk.ast);
  if (!call || !walk.ast.hasSameUnqualifiedType(holder->getType(), call->call->getType())) return std::nullopt;
  const CallEffect effect = walk.calls->effect(*call, var, walk);
  if (effect.kind != CallEffect::Kind::writes_unless || has_label_reached_from_outside(branch)) return std::nullopt;
  for (const bool when : {true, false}) {
    if (stored_result_written_when(branch->getCond(), *holder, effect, var, when, walk.ast)) {
      return first_use_after_extraction(*branch, when, var, walk);
    }
  }
  return std::nullopt;
}

/// `parse(s, x);`, `ok = parse(s, x);`, `bool ok = parse(s, x);`,
/// `(void)parse(s, x);`, `[&] { x = f(); }();`: assigned when the callee
/// gives x a value on every path. `auto init = [&](int k) { x = k; };`: a
/// lambda that never reads x before giving it a value reads nothing where
/// it is made, wherever it is called (none, and the walk goes on).
/// nullopt: not decided here (no such statement, or a callee that may
/// leave x without a value: the rest of first_use judges it).
std::optional<FirstUse> first_use_by_call(const clang::Stmt* s, const clang::VarDecl& var, const Walk& walk) {
  if (walk.calls == nullptr) return std::nullopt;
  const clang::Expr* e = nullptr;
  if (const auto* decl = llvm::dyn_cast<clang::DeclStmt>(s)) {
    const auto* holder = decl->isSingleDecl() ? llvm::dyn_cast<clang::VarDecl>(decl->getSingleDecl()) : nullptr;
    if (holder == nullptr || holder->getInit() == nullptr) return std::nullopt;
    if (const auto* lambda = llvm::dyn_cast<clang::LambdaExpr>(bare(holder->getInit()))) {
      if (!captures_by_reference(lambda->getLambdaClass(), var)) return std::nullopt;
      const CallEffect effect = walk.calls->lambda_effect(*lambda, var, walk);
      if (effect.kind == CallEffect::Kind::may_read || effect.kind == CallEffect::Kind::not_followed) {
        walk.calls->blame(var, nullptr, effect, walk);
        return std::nullopt;
      }
      return FirstUse::none;
    }
    e = holder->getInit();
  } else if (const auto* statement = llvm::dyn_cast<clang::Expr>(s)) {
    e = called_in_statement(statement, var);
  } else if (const auto* ret = llvm::dyn_cast<clang::ReturnStmt>(s)) {
    e = ret->getRetValue();
  }
  const std::optional<OutCall> call = out_call(e, var, walk.ast);
  if (!call) return std::nullopt;
  const CallEffect effect = walk.calls->effect(*call, var, walk);
  if (effect.kind == CallEffect::Kind::writes) return FirstUse::assigned;
  // `bool ok = parse(s, x);` and x named nowhere else: nothing reads it.
  const bool reads_nothing = effect.kind == CallEffect::Kind::writes_unless || effect.kind == CallEffect::Kind::may_skip;
  if (reads_nothing && walk.all_uses_in(s, var)) return FirstUse::confined;
  // `if (c) return parse(s, x);`: the function ends with the call, so a
  // callee that reads nothing leaves nothing for the caller to read there.
  if (reads_nothing && llvm::isa<clang::ReturnStmt>(s)) return FirstUse::leaves;
  // Not decided here: first_use goes on (`va_start(args, fmt)` is a fill).
  walk.calls->blame(var, call->call, effect, walk);
  return std::nullopt;
}

FirstUse first_use(const clang::Stmt* s, const clang::VarDecl& var, const Walk& walk) {
  if (s == nullptr || llvm::isa<clang::NullStmt>(s)) return FirstUse::none;
  // Nesting bound: a generated `else if` chain thousands deep would make the
  // walk deep and (scanning each level's subtree) quadratic. Past it: stop.
  static thread_local int depth = 0;
  if (depth >= 16) return FirstUse::stop;
  struct Nest {
    Nest() { ++depth; }
    ~Nest() { --depth; }
  } nest;
  if (const auto* block = llvm::dyn_cast<clang::CompoundStmt>(s)) return first_use_in_sequence(block->body(), var, walk);
  // `parse(s, x);`, `[&] { x = f(); }();`: the callee's body decides.
  if (const std::optional<FirstUse> use = first_use_by_call(s, var, walk)) return *use;
  // A read from a standard stream tested by the condition: what runs where
  // it succeeded may use x however it likes (gotos and labels included).
  // Likewise a call that writes x when it returns what the condition tests
  // (`if (try_get(k, x)) use(x);`), and past a call that always writes it
  // (`if (!parse(s, x)) return false;`) x holds a value whatever the branch.
  const bool extraction_tested = (llvm::isa<clang::WhileStmt>(s) || llvm::isa<clang::IfStmt>(s)) && mentions(s, var);
  if (extraction_tested && has_label_reached_from_outside(s)) return FirstUse::stop;
  if (const auto* loop = llvm::dyn_cast<clang::WhileStmt>(s); loop != nullptr && loop->getConditionVariable() == nullptr) {
    const bool when_true = extracted_when(loop->getCond(), var, true, &walk);
    if (when_true && extracted_when(loop->getCond(), var, false, &walk)) return FirstUse::assigned;
    if (when_true) return first_use_in_extraction_loop(*loop, var, walk);
  }
  if (const auto* branch = llvm::dyn_cast<clang::IfStmt>(s);
      branch != nullptr && branch->getInit() == nullptr && branch->getConditionVariable() == nullptr &&
      !branch->isConsteval()) {
    const bool when_true = extracted_when(branch->getCond(), var, true, &walk);
    const bool when_false = extracted_when(branch->getCond(), var, false, &walk);
    if (when_true && when_false) return FirstUse::assigned;
    if (when_true || when_false) return first_use_after_extraction(*branch, when_true, var, walk);
  }
  // `if (bool ok = parse(s, x); !ok) return false;`: the init runs first.
  if (const auto* branch = llvm::dyn_cast<clang::IfStmt>(s);
      branch != nullptr && branch->getInit() != nullptr && first_use(branch->getInit(), var, walk) == FirstUse::assigned) {
    return FirstUse::assigned;
  }
  // `if (auto [p, ec] = std::from_chars(b, e, x); ec != std::errc{}) return;`
  if (const auto* check = llvm::dyn_cast<clang::IfStmt>(s); check != nullptr && check->getInit() != nullptr) {
    if (const std::optional<Charconv> parse = from_chars_into(check->getInit(), var);
        parse && leaves_unless_parsed(check, *parse, var, walk.ast)) {
      return FirstUse::assigned;
    }
  }
  if (const FirstUse use = first_use_in_confining_loop(s, var, walk); use != FirstUse::none) return use;
  if (llvm::isa<clang::SwitchStmt, clang::WhileStmt>(s) && mentions(s, var)) {
    return first_use_in_constant_jump(s, var, walk);
  }
  if (const auto* choice = llvm::dyn_cast<clang::SwitchStmt>(s);
      choice != nullptr && !mentions(s, var) && switch_always_leaves(*choice)) {
    return FirstUse::leaves;
  }
  // A switch wholly inside `s` (`if (k == 0) { switch (slot) { ... } }`)
  // is judged where the walk meets it; a goto, or a label or case reached
  // from outside, is not followed.
  if (has_goto(s) || has_label_reached_from_outside(s)) return FirstUse::stop;
  if (assigns_whole(s, var)) return FirstUse::assigned;
  // `int slow = fast = h();`: another declaration's initialiser assigns it.
  if (const auto* decl = llvm::dyn_cast<clang::DeclStmt>(s); decl != nullptr && decl->isSingleDecl()) {
    const auto* other = llvm::dyn_cast<clang::VarDecl>(decl->getSingleDecl());
    if (other != nullptr && other->getInit() != nullptr && assigns_whole(other->getInit(), var)) {
      return FirstUse::assigned;
    }
  }
  // `for (int i = 0; i < N; ++i) a[i] = f(i);`, `std::fill(...)`, memset.
  if (fills(s, FillTarget{&var, {}}, var.getType().getNonReferenceType(), walk)) return FirstUse::assigned;
  if (const FirstUse use = first_use_in_loop_start(s, var, walk); use != FirstUse::none) return use;
  if (const auto* guarded = llvm::dyn_cast<clang::CXXTryStmt>(s)) return first_use_in_try(*guarded, var, walk);
  if (const auto* branch = llvm::dyn_cast<clang::IfStmt>(s)) {
    if (branch->getInit() != nullptr || branch->getConditionVariable() != nullptr || branch->isConsteval() ||
        mentions(branch->getCond(), var)) {
      return mentions(s, var) ? FirstUse::stop : FirstUse::none;
    }
    // Juliet's `if (1)`, `if (STATIC_CONST_TRUE)`: only one branch runs.
    bool value = false;
    const clang::Expr* cond = branch->getCond();
    if (!cond->isValueDependent() && cond->EvaluateAsBooleanCondition(value, walk.ast)) {
      return value ? first_use(branch->getThen(), var, walk) : first_use(branch->getElse(), var, walk);
    }
    // `int x; if (c) { x = f(); use(x); }`: a branch that gives x a value
    // before any read, and no use of x outside the if.
    const bool confining = walk.all_uses_in(s, var);
    auto branch_use = [&](const clang::Stmt* part) {
      const FirstUse use = first_use(part, var, walk);
      return confining && use == FirstUse::assigned ? FirstUse::confined : use;
    };
    return join_branches(branch_use(branch->getThen()), branch_use(branch->getElse()));
  }
  if (mentions(s, var)) return FirstUse::stop;
  // Out of the variable's scope: the walk never enters loops or switches,
  // so a break or continue seen here leaves the block x lives in.
  if (llvm::isa<clang::ReturnStmt, clang::BreakStmt, clang::ContinueStmt>(s)) return FirstUse::leaves;
  if (const auto* e = llvm::dyn_cast<clang::Expr>(s);
      e != nullptr && llvm::isa<clang::CXXThrowExpr>(e->IgnoreParenImpCasts())) {
    return FirstUse::leaves;
  }
  return FirstUse::none;  // a loop, a declaration, a call: x untouched
}

/// `bool have = false; int v; ... if (c) { v = x; have = true; } ... if (have)
/// use(v);` (or `bool first = true; ... { v = x; first = false; } ... if
/// (!first)`): a flag that is only ever set (given the value it was not
/// declared with) right after a write of x (an earlier statement of the same
/// block assigns x whole), and every read of x is where the flag is known to
/// be set. Sound as long as the flag lives exactly as long as x: declared
/// with a constant in the same block.
namespace flag_guard {

/// A bool local and the value that means "x was written".
struct Flag {
  const clang::VarDecl* var = nullptr;
  bool set = true;
  // Instead of a bool variable, a test nothing in the function can change
  // (`n > 0` of a parameter never written), compared by its structure.
  const clang::Expr* test = nullptr;
  const clang::ASTContext* ast = nullptr;
  // Or the values of a variable for which the value was given: `n` in
  // [1, max] after `for (int i = 0; i < n; ++i) last = i;`.
  const clang::ValueDecl* bound = nullptr;
  int64_t low = 0;
};

/// Are `a` and `b` the same test of the same variables, whatever the
/// parentheses (`n > 0 && m` and `(n > 0) && m`)? Only the kinds of
/// expression fixed_test allows.
bool same_test(const clang::Expr* a, const clang::Expr* b, int depth = 0) {
  a = a->IgnoreParenImpCasts();
  b = b->IgnoreParenImpCasts();
  if (depth > 32 || a->getStmtClass() != b->getStmtClass()) return false;
  if (const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(a)) {
    return ref->getDecl() == llvm::cast<clang::DeclRefExpr>(b)->getDecl();
  }
  if (const auto* literal = llvm::dyn_cast<clang::IntegerLiteral>(a)) {
    return llvm::APInt::isSameValue(literal->getValue(), llvm::cast<clang::IntegerLiteral>(b)->getValue());
  }
  if (const auto* literal = llvm::dyn_cast<clang::CharacterLiteral>(a)) {
    return literal->getValue() == llvm::cast<clang::CharacterLiteral>(b)->getValue();
  }
  if (const auto* literal = llvm::dyn_cast<clang::CXXBoolLiteralExpr>(a)) {
    return literal->getValue() == llvm::cast<clang::CXXBoolLiteralExpr>(b)->getValue();
  }
  if (const auto* op = llvm::dyn_cast<clang::UnaryOperator>(a);
      op != nullptr && op->getOpcode() != llvm::cast<clang::UnaryOperator>(b)->getOpcode()) {
    return false;
  }
  if (const auto* op = llvm::dyn_cast<clang::BinaryOperator>(a);
      op != nullptr && op->getOpcode() != llvm::cast<clang::BinaryOperator>(b)->getOpcode()) {
    return false;
  }
  if (const auto* cast = llvm::dyn_cast<clang::ExplicitCastExpr>(a);
      cast != nullptr && cast->getType().getCanonicalType() != b->getType().getCanonicalType()) {
    return false;
  }
  auto left = a->children();
  auto right = b->children();
  auto l = left.begin();
  auto r = right.begin();
  for (; l != left.end() && r != right.end(); ++l, ++r) {
    const auto* le = llvm::dyn_cast_or_null<clang::Expr>(*l);
    const auto* re = llvm::dyn_cast_or_null<clang::Expr>(*r);
    if (le == nullptr || re == nullptr || !same_test(le, re, depth + 1)) return false;
  }
  return l == left.end() && r == right.end();
}

bool is_bool_constant(const clang::Expr* e, bool& value, clang::ASTContext& ast) {
  return e != nullptr && !e->isValueDependent() && e->EvaluateAsBooleanCondition(value, ast);
}

/// `flag = <constant>`: the constant, else nullopt.
std::optional<bool> assigned_constant(const clang::Stmt* s, const clang::VarDecl& flag, clang::ASTContext& ast) {
  const auto* e = llvm::dyn_cast_or_null<clang::Expr>(s);
  const auto* assign = e != nullptr ? llvm::dyn_cast<clang::BinaryOperator>(e->IgnoreImplicit()->IgnoreParens()) : nullptr;
  if (assign == nullptr || assign->getOpcode() != clang::BO_Assign) return std::nullopt;
  const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(assign->getLHS()->IgnoreParens());
  bool value = false;
  if (ref == nullptr || ref->getDecl() != &flag || !is_bool_constant(assign->getRHS(), value, ast)) return std::nullopt;
  return value;
}

/// Every use of the flag is a read or an assignment of a constant, and each
/// `flag = <set>;` follows, in its block, a statement that assigns `var`
/// whole (with no label in between that could jump past it).
bool set_only_after_write(const clang::Stmt* scope, const Flag& guard, const clang::VarDecl& var, const Walk& walk) {
  const clang::VarDecl& flag = *guard.var;
  unsigned reads = 0;
  unsigned assigns = 0;
  unsigned set_true = 0;
  unsigned after_write = 0;
  flow::contains(scope, [&](const clang::Stmt& sub) {
    if (const auto* cast = llvm::dyn_cast<clang::ImplicitCastExpr>(&sub);
        cast != nullptr && cast->getCastKind() == clang::CK_LValueToRValue) {
      const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(cast->getSubExpr()->IgnoreParens());
      if (ref != nullptr && ref->getDecl() == &flag) ++reads;
    } else if (const std::optional<bool> value = assigned_constant(&sub, flag, walk.ast)) {
      ++assigns;
      if (*value == guard.set) ++set_true;
    } else if (const auto* block = llvm::dyn_cast<clang::CompoundStmt>(&sub)) {
      bool written = false;
      for (const clang::Stmt* part : block->body()) {
        if (llvm::isa<clang::SwitchCase, clang::LabelStmt>(part)) written = false;
        if (assigns_whole(part, var)) written = true;
        const std::optional<bool> value = assigned_constant(part, flag, walk.ast);
        if (value && *value == guard.set && written) ++after_write;
      }
    }
    return false;
  });
  return reads + assigns == walk.uses.lookup(&flag) && set_true == after_write;
}

/// The values of one integer variable for which a comparison of it with a
/// constant has the value `when` (`n > 10` true: [11, max]), as a closed
/// interval; nothing for other tests, for `!=` true or `==` false (two
/// intervals), or for constants past 64 bits.
struct Range {
  const clang::ValueDecl* var = nullptr;
  int64_t low = std::numeric_limits<int64_t>::min();
  int64_t high = std::numeric_limits<int64_t>::max();
};
std::optional<Range> compared_range(const clang::Expr* e, bool when, const clang::ASTContext& ast) {
  const auto* op = llvm::dyn_cast<clang::BinaryOperator>(e->IgnoreParenImpCasts());
  if (op == nullptr || !op->isComparisonOp()) return std::nullopt;
  clang::BinaryOperatorKind kind = op->getOpcode();
  const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(op->getLHS()->IgnoreParenImpCasts());
  const clang::Expr* constant = op->getRHS();
  if (ref == nullptr) {  // `10 < n`: turned round
    ref = llvm::dyn_cast<clang::DeclRefExpr>(op->getRHS()->IgnoreParenImpCasts());
    constant = op->getLHS();
    kind = clang::BinaryOperator::reverseComparisonOp(kind);
  }
  if (ref == nullptr || !ref->getType()->isIntegerType()) return std::nullopt;
  clang::Expr::EvalResult value;
  if (constant->isValueDependent() || !constant->EvaluateAsInt(value, ast)) return std::nullopt;
  const llvm::APSInt& c = value.Val.getInt();
  if (c.getSignificantBits() > 63) return std::nullopt;
  const int64_t k = c.getExtValue();
  // Compared as the variable's own kind of number (not an int turned
  // unsigned by `n < 5u`, where -1 is not below 5), and no negative
  // constant turned unsigned.
  const bool unsigned_compare = op->getLHS()->getType()->isUnsignedIntegerType();
  if (unsigned_compare != ref->getType()->isUnsignedIntegerType() || (unsigned_compare && k < 0)) return std::nullopt;
  if (!when) kind = clang::BinaryOperator::negateComparisonOp(kind);
  Range range{ref->getDecl()};
  switch (kind) {
    case clang::BO_LT: range.high = k - 1; break;
    case clang::BO_LE: range.high = k; break;
    case clang::BO_GT: range.low = k + 1; break;
    case clang::BO_GE: range.low = k; break;
    case clang::BO_EQ: range.low = range.high = k; break;
    case clang::BO_NE:
      // `n != 0` of an unsigned n: [1, max].
      if (!unsigned_compare || k != 0) return std::nullopt;
      range.low = 1;
      break;
    default: return std::nullopt;
  }
  return range;
}

/// `n > 20` true implies `n > 10` true: every value the first allows, the
/// second does (GCC's uninit-pred cases, `if (n > 10) x = 1; ... if (n >
/// 20) use(x);`).
bool comparison_implies(const clang::Expr* cond, bool when, const clang::Expr* test, bool set,
                        const clang::ASTContext& ast) {
  const std::optional<Range> given = compared_range(cond, when, ast);
  const std::optional<Range> needed = compared_range(test, set, ast);
  return given && needed && given->var == needed->var && given->low <= given->high && needed->low <= given->low &&
         given->high <= needed->high;
}

/// Does `cond` having the value `when` mean the flag is set? For `have`
/// (set to true): `have` true, `!have` false, `have && c` true, `!have ||
/// c` false; for `first` (set to false): `first` false, `first || c` false.
bool implies_flag(const clang::Expr* cond, const Flag& flag, bool when, int depth = 0) {
  if (cond == nullptr || depth > 16) return false;
  cond = cond->IgnoreParenImpCasts();
  if (flag.test != nullptr && same_test(cond, flag.test)) return when == flag.set;
  if (flag.test != nullptr && flag.ast != nullptr && comparison_implies(cond, when, flag.test, flag.set, *flag.ast)) {
    return true;
  }
  if (flag.bound != nullptr && flag.ast != nullptr) {
    const std::optional<Range> given = compared_range(cond, when, *flag.ast);
    if (given && given->var == flag.bound && given->low <= given->high && given->low >= flag.low) return true;
  }
  if (const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(cond)) return ref->getDecl() == flag.var && when == flag.set;
  if (const auto* op = llvm::dyn_cast<clang::UnaryOperator>(cond); op != nullptr && op->getOpcode() == clang::UO_LNot) {
    return implies_flag(op->getSubExpr(), flag, !when, depth + 1);
  }
  if (const auto* op = llvm::dyn_cast<clang::BinaryOperator>(cond);
      op != nullptr && ((op->getOpcode() == clang::BO_LAnd && when) || (op->getOpcode() == clang::BO_LOr && !when))) {
    return implies_flag(op->getLHS(), flag, when, depth + 1) || implies_flag(op->getRHS(), flag, when, depth + 1);
  }
  return false;
}

/// Is every read of `var` under `scope` where the flag is true: the branch
/// of an if or ?: its condition selects when the flag is, the right operand
/// of `have && ...` or `!have || ...`, or the statements of a block after
/// `if (!have) return ...;`? The left side of `var = e` is a write.
bool every_read_guarded(const clang::Stmt* scope, const clang::VarDecl& var, const Flag& flag) {
  llvm::SmallVector<const clang::Stmt*, 64> pending{scope};
  while (!pending.empty()) {
    const clang::Stmt* s = pending.pop_back_val();
    if (s == nullptr) continue;
    if (const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(s); ref != nullptr && ref->getDecl() == &var) return false;
    // A region a jump can enter past its guard (`case 1:` inside `if
    // (have) { ... }`) is not guarded.
    auto guarded_by = [&](const clang::Stmt* region, const clang::Expr* cond, bool when) {
      return implies_flag(cond, flag, when) && !has_label_reached_from_outside(region);
    };
    if (const auto* branch = llvm::dyn_cast<clang::IfStmt>(s)) {
      pending.append({branch->getInit(), branch->getConditionVariableDeclStmt(), branch->getCond()});
      if (!guarded_by(branch->getThen(), branch->getCond(), true)) pending.push_back(branch->getThen());
      if (!guarded_by(branch->getElse(), branch->getCond(), false)) pending.push_back(branch->getElse());
      continue;
    }
    if (const auto* choice = llvm::dyn_cast<clang::ConditionalOperator>(s)) {
      pending.push_back(choice->getCond());
      if (!implies_flag(choice->getCond(), flag, true)) pending.push_back(choice->getTrueExpr());
      if (!implies_flag(choice->getCond(), flag, false)) pending.push_back(choice->getFalseExpr());
      continue;
    }
    if (const auto* op = llvm::dyn_cast<clang::BinaryOperator>(s)) {
      if (op->getOpcode() == clang::BO_LAnd || op->getOpcode() == clang::BO_LOr) {
        pending.push_back(op->getLHS());
        if (!implies_flag(op->getLHS(), flag, op->getOpcode() == clang::BO_LAnd)) pending.push_back(op->getRHS());
        continue;
      }
      const auto* lhs = llvm::dyn_cast<clang::DeclRefExpr>(op->getLHS()->IgnoreParens());
      if (op->getOpcode() == clang::BO_Assign && lhs != nullptr && lhs->getDecl() == &var) {
        pending.push_back(op->getRHS());  // a write
        continue;
      }
    }
    if (const auto* block = llvm::dyn_cast<clang::CompoundStmt>(s)) {
      for (const clang::Stmt* part : block->body()) {
        pending.push_back(part);
        const auto* check = llvm::dyn_cast<clang::IfStmt>(part);
        // `if (!have) return -1;`: past it, the flag is true.
        if (check != nullptr && check->getInit() == nullptr && check->getConditionVariable() == nullptr &&
            check->getElse() == nullptr && implies_flag(check->getCond(), flag, false) &&
            always_leaves(check->getThen()) && !has_label_reached_from_outside(block)) {
          break;
        }
      }
      continue;
    }
    for (const clang::Stmt* child : s->children()) pending.push_back(child);
  }
  return true;
}

/// The flags that may guard the locals of `block`: bools declared in it
/// with a constant, then ints used as one (`int found = 0; ... found =
/// 1;`, C's habit). At most a few (each is tried on every local that is
/// otherwise reported).
llvm::SmallVector<Flag, 4> candidates(const clang::CompoundStmt& block, clang::ASTContext& ast) {
  llvm::SmallVector<Flag, 4> flags;
  for (const bool boolean : {true, false}) {
    for (const clang::Stmt* part : block.body()) {
      const auto* decl_stmt = llvm::dyn_cast<clang::DeclStmt>(part);
      if (decl_stmt == nullptr) continue;
      for (const clang::Decl* d : decl_stmt->decls()) {
        const auto* var = llvm::dyn_cast<clang::VarDecl>(d);
        bool value = true;
        if (var == nullptr || !var->hasLocalStorage() || !var->getType()->isIntegerType() ||
            var->getType()->isBooleanType() != boolean || var->getType().isVolatileQualified() ||
            !is_bool_constant(var->getInit(), value, ast)) {
          continue;
        }
        if (flags.size() == 4) return flags;
        flags.push_back(Flag{var, !value});
      }
    }
  }
  return flags;
}

/// Is `var`, declared in `block`, read only where one of its flags is set?
bool guarded(const clang::CompoundStmt& block, const clang::VarDecl& var, llvm::ArrayRef<Flag> flags,
             const Walk& walk) {
  // A jump into the block past a guard (a goto, a case label of a switch
  // around the block) would read it unguarded.
  if (has_label_reached_from_outside(&block)) return false;
  for (const Flag& flag : flags) {
    if (set_only_after_write(&block, flag, var, walk) && every_read_guarded(&block, var, flag)) return true;
  }
  return false;
}

/// Nothing in `body` writes the local or parameter `v`: every use of it in
/// the function is a read of its value (no assignment, reference, address
/// or capture by reference).
bool never_written(const clang::VarDecl& v, const clang::Stmt& body, const Walk& walk) {
  unsigned reads = 0;
  flow::contains(&body, [&](const clang::Stmt& sub) {
    const auto* cast = llvm::dyn_cast<clang::ImplicitCastExpr>(&sub);
    if (cast != nullptr && cast->getCastKind() == clang::CK_LValueToRValue) {
      const auto* read = llvm::dyn_cast<clang::DeclRefExpr>(cast->getSubExpr()->IgnoreParens());
      if (read != nullptr && read->getDecl() == &v) ++reads;
    }
    return false;
  });
  return reads == walk.uses.lookup(&v);
}

/// A test whose value cannot change within the function: literals,
/// enumerators, and scalar locals or parameters that nothing writes,
/// combined by arithmetic, comparisons, logical operators and casts, with
/// no call, member, element or dereference (which other code may change).
bool fixed_test(const clang::Expr* cond, const clang::Stmt& body, const Walk& walk) {
  if (cond->HasSideEffects(walk.ast) || cond->isValueDependent() || cond->getType()->isDependentType()) return false;
  bool names_variable = false;
  bool fixed = true;
  llvm::SmallVector<const clang::Stmt*, 16> pending{cond};
  while (fixed && !pending.empty()) {
    const clang::Stmt* s = pending.pop_back_val();
    if (s == nullptr) continue;
    if (const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(s)) {
      if (llvm::isa<clang::EnumConstantDecl>(ref->getDecl())) continue;
      const auto* v = llvm::dyn_cast<clang::VarDecl>(ref->getDecl());
      fixed = v != nullptr && v->hasLocalStorage() && !v->getType()->isReferenceType() &&
              v->getType()->isScalarType() && !v->getType().isVolatileQualified() && never_written(*v, body, walk);
      names_variable = true;
      continue;
    }
    if (const auto* op = llvm::dyn_cast<clang::UnaryOperator>(s)) {
      const clang::UnaryOperatorKind kind = op->getOpcode();
      fixed = kind == clang::UO_LNot || kind == clang::UO_Minus || kind == clang::UO_Plus || kind == clang::UO_Not;
    } else if (const auto* op = llvm::dyn_cast<clang::BinaryOperator>(s)) {
      fixed = !op->isAssignmentOp() && op->getOpcode() != clang::BO_Comma && !op->isPtrMemOp();
    } else {
      fixed = llvm::isa<clang::ParenExpr, clang::ImplicitCastExpr, clang::CStyleCastExpr, clang::CXXStaticCastExpr,
                        clang::IntegerLiteral, clang::CharacterLiteral, clang::CXXBoolLiteralExpr,
                        clang::CXXNullPtrLiteralExpr, clang::ConditionalOperator>(s);
    }
    for (const clang::Stmt* child : s->children()) pending.push_back(child);
  }
  return fixed && names_variable;
}

/// Is every read of `var` in [from, to), statements of one block, where
/// `guard` holds? Past `if (n <= 0) return -1;` (a test that, false, says
/// the guard holds, and a branch that leaves) it holds for the rest.
template <class Iterator>
bool later_reads_guarded(Iterator from, Iterator to, const clang::VarDecl& var, const Flag& guard) {
  for (Iterator it = from; it != to; ++it) {
    if (!every_read_guarded(*it, var, guard)) return false;
    const auto* check = llvm::dyn_cast<clang::IfStmt>(*it);
    if (check != nullptr && check->getInit() == nullptr && check->getConditionVariable() == nullptr &&
        check->getElse() == nullptr && implies_flag(check->getCond(), guard, false) &&
        always_leaves(check->getThen())) {
      return true;
    }
  }
  return true;
}

/// `for (int i = 0; i < n; ++i) { last = f(i); use(last); }` with `n`
/// a variable nothing writes: the body runs at least once, and gives `var`
/// its value, exactly when `n` is above the counter's first value. The
/// guard that says so (`n > 0` after that loop), or nothing: a counter not
/// declared in the init with a constant, a condition other than `i < n` /
/// `i <= n`, a header naming `var`, or a body that does not give it a
/// value before reading it or that may leave early (break, continue, goto).
std::optional<Flag> first_iteration_writes(const clang::ForStmt& loop, const clang::VarDecl& var,
                                           const clang::Stmt& body, const Walk& walk) {
  const auto* init = llvm::dyn_cast_or_null<clang::DeclStmt>(loop.getInit());
  const auto* counter = init != nullptr && init->isSingleDecl() ? llvm::dyn_cast<clang::VarDecl>(init->getSingleDecl())
                                                                : nullptr;
  const auto* cond = llvm::dyn_cast_or_null<clang::BinaryOperator>(loop.getCond());
  if (counter == nullptr || counter->getInit() == nullptr || cond == nullptr || mentions(loop.getInit(), var) ||
      mentions(loop.getCond(), var) || mentions(loop.getInc(), var)) {
    return std::nullopt;
  }
  clang::Expr::EvalResult start;
  if (counter->getInit()->isValueDependent() || !counter->getInit()->EvaluateAsInt(start, walk.ast)) {
    return std::nullopt;
  }
  const llvm::APSInt& first = start.Val.getInt();
  if (first.getSignificantBits() > 62) return std::nullopt;
  // `i < n` (or `n > i`), `i <= n`, with `n` an integer local or parameter nothing writes.
  clang::BinaryOperatorKind kind = cond->getOpcode();
  const clang::Expr* lhs = cond->getLHS()->IgnoreParenImpCasts();
  const clang::Expr* rhs = cond->getRHS()->IgnoreParenImpCasts();
  if (kind == clang::BO_GT || kind == clang::BO_GE) {
    std::swap(lhs, rhs);
    kind = clang::BinaryOperator::reverseComparisonOp(kind);
  }
  const auto* i = llvm::dyn_cast<clang::DeclRefExpr>(lhs);
  const auto* n = llvm::dyn_cast<clang::DeclRefExpr>(rhs);
  const auto* limit = n != nullptr ? llvm::dyn_cast<clang::VarDecl>(n->getDecl()) : nullptr;
  if ((kind != clang::BO_LT && kind != clang::BO_LE) || i == nullptr || i->getDecl() != counter || limit == nullptr ||
      !limit->hasLocalStorage() || !limit->getType()->isIntegerType() || limit->getType()->isReferenceType() ||
      limit->getType().isVolatileQualified() || !never_written(*limit, body, walk)) {
    return std::nullopt;
  }
  // Compared unsigned, a negative first value would wrap.
  if (cond->getLHS()->getType()->isUnsignedIntegerType() && first.isNegative()) return std::nullopt;
  if (flow::contains(loop.getBody(), [](const clang::Stmt& sub) {
        return llvm::isa<clang::BreakStmt, clang::ContinueStmt, clang::GotoStmt, clang::IndirectGotoStmt,
                         clang::LabelStmt, clang::SwitchCase>(sub);
      })) {
    return std::nullopt;
  }
  if (first_use(loop.getBody(), var, walk) != FirstUse::assigned) return std::nullopt;
  Flag ran;
  ran.ast = &walk.ast;
  ran.bound = limit;
  ran.low = first.getExtValue() + (kind == clang::BO_LT ? 1 : 0);
  return ran;
}

/// `double t; if (verbose) t = 1; ... if (verbose) use(12 - t);`: the
/// first statement after the declaration that names x is `if (flag)` (or
/// `if (!flag)`) whose branch gives x a value before any read, with an
/// else that does not name x, where `flag` is a bool local or parameter
/// that nothing in the function writes (every use a read: no assignment,
/// reference, address or capture by reference), and every later read of x
/// is where the same test holds. The test cannot change in between, so
/// where it holds the branch ran. `rest`: the statements after x's
/// declaration in `block`.
template <class Range>
bool guarded_by_fixed_test(const clang::CompoundStmt& block, const Range& rest, const clang::VarDecl& var,
                           const clang::Stmt& body, const Walk& walk, int depth = 0) {
  if (depth > 16 || has_label_reached_from_outside(&block)) return false;
  auto it = rest.begin();
  while (it != rest.end() && !mentions(*it, var)) ++it;
  if (it == rest.end()) return false;
  // `if (b) { if (verbose) t = 1; if (verbose) use(t); }` holding every use
  // of t: the same question, asked of the inner block.
  if (const auto* outer = llvm::dyn_cast<clang::IfStmt>(*it);
      outer != nullptr && outer->getInit() == nullptr && outer->getConditionVariable() == nullptr &&
      !mentions(outer->getCond(), var) && !mentions(outer->getElse(), var) && walk.all_uses_in(outer, var)) {
    const auto* inner = llvm::dyn_cast<clang::CompoundStmt>(outer->getThen());
    return inner != nullptr && guarded_by_fixed_test(*inner, inner->body(), var, body, walk, depth + 1);
  }
  if (const auto* loop = llvm::dyn_cast<clang::ForStmt>(*it)) {
    const std::optional<Flag> ran = first_iteration_writes(*loop, var, body, walk);
    if (!ran) return false;
    return later_reads_guarded(std::next(it), rest.end(), var, *ran);
  }
  const auto* write = llvm::dyn_cast<clang::IfStmt>(*it);
  if (write == nullptr || write->getInit() != nullptr || write->getConditionVariable() != nullptr ||
      write->isConsteval() || mentions(write->getCond(), var) || mentions(write->getElse(), var)) {
    return false;
  }
  const clang::Expr* cond = write->getCond()->IgnoreParenImpCasts();
  bool set = true;
  if (const auto* negated = llvm::dyn_cast<clang::UnaryOperator>(cond);
      negated != nullptr && negated->getOpcode() == clang::UO_LNot) {
    cond = negated->getSubExpr()->IgnoreParenImpCasts();
    set = false;
  }
  const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(cond);
  const auto* flag = ref != nullptr ? llvm::dyn_cast<clang::VarDecl>(ref->getDecl()) : nullptr;
  Flag guard{flag, set};
  if (flag == nullptr || !flag->getType()->isBooleanType()) {
    // `if (n > 0) x = f(); ... if (n > 0) use(x);`: a test of variables
    // nothing writes, the same each time it is evaluated.
    if (!fixed_test(cond, body, walk)) return false;
    guard = Flag{nullptr, set, cond, &walk.ast};
  } else if (!flag->hasLocalStorage() || !flag->getType()->isBooleanType() || flag->getType().isVolatileQualified() ||
             flag == &var || !never_written(*flag, body, walk)) {
    return false;
  }
  if (first_use(write->getThen(), var, walk) != FirstUse::assigned) return false;
  return later_reads_guarded(std::next(it), rest.end(), var, guard);
}

}  // namespace flag_guard

class Uninitialized final : public Rule {
 public:
  llvm::StringRef name() const override { return kName; }

  void check_stmt(const clang::Stmt& stmt, RuleContext& ctx) override {
    const auto* call = llvm::dyn_cast<clang::CallExpr>(&stmt);
    if (call == nullptr) return;
    const auto* fn = llvm::dyn_cast_or_null<clang::FunctionDecl>(call->getCalleeDecl());
    if (fn == nullptr || !fn->isInStdNamespace() || fn->getIdentifier() == nullptr) return;
    const llvm::StringRef name = fn->getName();
    if (name != "make_unique_for_overwrite" && name != "make_shared_for_overwrite" &&
        name != "allocate_shared_for_overwrite") {
      return;
    }
    const clang::TemplateArgumentList* args = fn->getTemplateSpecializationArgs();
    if (args == nullptr || args->size() == 0 || args->get(0).getKind() != clang::TemplateArgument::Type) return;
    clang::QualType object = args->get(0).getAsType();
    if (const clang::ArrayType* array = ctx.ast.getAsArrayType(object)) object = array->getElementType();
    if (object->isDependentType() || !default_init_leaves_garbage(object, ctx.ast)) return;
    const llvm::StringRef plain = name.drop_back(llvm::StringRef("_for_overwrite").size());
    ctx.report.error(call->getBeginLoc(), kName,
                     "std::" + name.str() + " leaves the new " + object.getAsString(ctx.ast.getPrintingPolicy()) +
                         " indeterminate, and reading it before a write is undefined behaviour; use std::" +
                         plain.str() + ", which value-initialises it")
        << call->getSourceRange();
  }

  /// `T value;` in a template is dependent in the pattern (check_local
  /// skips it) and only leaves garbage for some T: judge it in each
  /// instantiation, and report it once, at the template's line.
  void check_function(const clang::FunctionDecl& pattern, RuleContext& ctx) override {
    find_assigned_before_read(pattern, ctx);
    if (!pattern.isDependentContext() || pattern.getBody() == nullptr) return;
    std::set<clang::SourceLocation> dependent;  // locals of the pattern whose type depends on a parameter
    flow::contains(pattern.getBody(), [&](const clang::Stmt& s) {
      if (const auto* ds = llvm::dyn_cast<clang::DeclStmt>(&s)) {
        for (const clang::Decl* d : ds->decls()) {
          const auto* var = llvm::dyn_cast<clang::VarDecl>(d);
          if (var != nullptr && var->getType()->isDependentType()) dependent.insert(var->getLocation());
        }
      }
      return false;
    });
    if (dependent.empty()) return;
    for (const clang::FunctionDecl* instance : flow::bodies_to_analyse(pattern)) {
      // `T v; v = f();`, `T a[N]; for (...) a[i] = T{};`: given a value
      // before any read, in this instantiation.
      find_assigned_before_read(*instance, ctx);
      flow::contains(instance->getBody(), [&](const clang::Stmt& s) {
        const auto* ds = llvm::dyn_cast<clang::DeclStmt>(&s);
        if (ds == nullptr) return false;
        for (const clang::Decl* d : ds->decls()) {
          const auto* var = llvm::dyn_cast<clang::VarDecl>(d);
          if (var == nullptr || !dependent.count(var->getLocation())) continue;
          if (reported_.count(var->getLocation()) || !judged_local(*var) || !leaves_garbage(*var, ctx.ast) ||
              assigned_before_read_.count(var) != 0) {
            continue;
          }
          reported_.insert(var->getLocation());
          ctx.report.error(var->getLocation(), kName,
                           "'" + var->getName().str() + "' is declared without a value and is left indeterminate when " +
                               "the template is instantiated with " +
                               var->getType().getAsString(ctx.ast.getPrintingPolicy()) +
                               "; initialise it where it is declared, e.g. with {} (value-initialisation works for "
                               "every type)")
              << var->getSourceRange();
        }
        return false;
      });
    }
  }

  void check_decl(const clang::Decl& decl, RuleContext& ctx) override {
    if (decl.isImplicit()) return;
    if (const auto* var = llvm::dyn_cast<clang::VarDecl>(&decl)) {
      check_local(*var, ctx);
      check_self_initialisation(*var, ctx);
    } else if (const auto* field = llvm::dyn_cast<clang::FieldDecl>(&decl)) {
      check_field(*field, ctx);
      check_default_member_initialiser(*field, ctx);
    } else if (const auto* record = llvm::dyn_cast<clang::CXXRecordDecl>(&decl)) {
      check_bases(*record, ctx);
    }
    if (const auto* ctor = llvm::dyn_cast<clang::CXXConstructorDecl>(&decl)) check_mem_initialisers(*ctor, ctx);
  }

 private:
  /// `int n = n + 1;`, `std::string s = s + "x";`: the variable is read in
  /// its own initialiser, before it holds a value (for a class type, before
  /// it is even constructed).
  static void check_self_initialisation(const clang::VarDecl& var, RuleContext& ctx) {
    const clang::Expr* init = var.getInit();
    if (init == nullptr || llvm::isa<clang::ParmVarDecl>(var)) return;
    NotYetInitialised target;
    target.var = &var;
    const std::vector<Read> reads = reads_of(init, target, ctx);
    if (reads.empty()) return;
    // A variable of static storage of scalar type holds zero before its
    // initialiser runs (static storage is zeroed first): defined, but
    // surely not what was meant. Anything else holds nothing yet.
    const bool zeroed = !var.hasLocalStorage() && var.getType()->isScalarType();
    ctx.report.error(reads.front().at->getExprLoc(), kName,
                     "'" + var.getName().str() + "' is read in its own initialiser, " +
                         (zeroed ? "where it still holds the zero static storage starts with"
                                 : "before it holds a value (undefined behaviour)") +
                         "; initialise it from other values")
        << reads.front().at->getSourceRange();
    note_reader(reads.front(), "'" + var.getName().str() + "'", ctx);
  }

  /// For a read inside a called function: a note at that read.
  static void note_reader(const Read& read, const std::string& name, RuleContext& ctx) {
    if (read.via == nullptr || read.inner == nullptr) return;
    const clang::FunctionDecl& fn = read.inner_fn != nullptr ? *read.inner_fn : *read.via;
    ctx.report.note(read.inner->getExprLoc(), reader_name(fn) + " reads " + name + " here");
  }

  static std::string reader_name(const clang::FunctionDecl& fn) {
    if (const auto* ctor = llvm::dyn_cast<clang::CXXConstructorDecl>(&fn)) {
      return "the constructor of '" + ctor->getParent()->getNameAsString() + "'";
    }
    return "'" + fn.getNameAsString() + "'";
  }

  /// `struct S { int a = b + 1; int b = 2; };`: members are initialised in
  /// declaration order, so `b` holds nothing yet when `a`'s initialiser runs
  /// (and `std::string head = tail;` copies a string not yet constructed).
  static void check_default_member_initialiser(const clang::FieldDecl& field, RuleContext& ctx) {
    const clang::Expr* init = field.getInClassInitializer();
    if (init == nullptr) return;
    NotYetInitialised target;
    target.record = field.getParent();
    target.first_field = field.getFieldIndex();
    if (binds_reference_member(&field, init, target)) return;
    report_member_reads(reads_of(init, target, ctx), "'" + field.getName().str() + "'", &field, ctx);
  }

  /// `S() : a(b), b(1) {}`: the order of the mem-initialisers is not the
  /// order of initialisation; declaration order is. A base initialiser runs
  /// before every member.
  static void check_mem_initialisers(const clang::CXXConstructorDecl& ctor, RuleContext& ctx) {
    if (!ctor.doesThisDeclarationHaveABody()) return;
    const clang::CXXRecordDecl* record = ctor.getParent();
    for (const clang::CXXCtorInitializer* init : ctor.inits()) {
      if (!init->isWritten() || init->getInit() == nullptr) continue;
      NotYetInitialised target;
      target.record = record;
      std::string what;
      const clang::FieldDecl* member = init->getMember();
      if (member != nullptr) {
        if (member->getParent() != record) continue;  // a member of an anonymous struct or union
        target.first_field = member->getFieldIndex();
        what = "'" + member->getName().str() + "'";
      } else if (init->isDelegatingInitializer() || is_own_type_initialiser(*init, *record)) {
        // `S() : S(x_) {}`: the target constructor initialises everything,
        // after its arguments are evaluated, with no member initialised yet.
        target.first_field = 0;
        report_member_reads(reads_of(init->getInit(), target, ctx), "the delegating constructor call", nullptr, ctx,
                            false, /*delegated=*/true);
        continue;
      } else if (init->isBaseInitializer()) {
        target.first_field = 0;
        what = "base '" + clang::QualType(init->getBaseClass(), 0).getAsString(ctx.ast.getPrintingPolicy()) + "'";
        if (init->getBaseClass()->isDependentType()) {
          check_dependent_base_initialiser(ctor, *init, what, ctx);
          continue;
        }
      } else {
        continue;
      }
      if (binds_reference_member(member, init->getInit(), target)) continue;
      report_member_reads(reads_of(init->getInit(), target, ctx), what, member, ctx, init->isBaseInitializer());
    }
  }

  /// `template <class It> struct G : qi::grammar<It, Sig> { G() :
  /// G::base_type(start) {} Rule start; };`: which constructor of a
  /// dependent base runs, and whether it reads the member it is handed or
  /// only keeps a reference to it, is known only in an instantiation of the
  /// class. Judged in each instantiation that defines this constructor,
  /// reported once, at the template; a constructor no instantiation uses
  /// never runs.
  static void check_dependent_base_initialiser(const clang::CXXConstructorDecl& ctor,
                                               const clang::CXXCtorInitializer& init, const std::string& what,
                                               RuleContext& ctx) {
    for (const clang::ClassTemplateSpecializationDecl* spec : instantiations(*ctor.getParent())) {
      for (const clang::CXXConstructorDecl* made : spec->ctors()) {
        const clang::FunctionDecl* pattern = made->getTemplateInstantiationPattern();
        if (pattern == nullptr || pattern->getCanonicalDecl() != ctor.getCanonicalDecl() ||
            !made->doesThisDeclarationHaveABody()) {
          continue;
        }
        for (const clang::CXXCtorInitializer* made_init : made->inits()) {
          if (!made_init->isWritten() || !made_init->isBaseInitializer() || made_init->getInit() == nullptr ||
              made_init->getSourceLocation() != init.getSourceLocation()) {
            continue;
          }
          NotYetInitialised target;
          target.record = spec;
          target.first_field = 0;
          const std::vector<Read> reads = reads_of(made_init->getInit(), target, ctx);
          if (reads.empty()) continue;
          report_member_reads(reads, what, nullptr, ctx, true);
          return;
        }
      }
    }
  }

  static void report_member_reads(const std::vector<Read>& reads, const std::string& what,
                                  const clang::FieldDecl* initialised, RuleContext& ctx, bool base = false,
                                  bool delegated = false) {
    std::set<const clang::Decl*> seen;
    for (const Read& read : reads) {
      const auto* member = llvm::dyn_cast<clang::MemberExpr>(read.member->IgnoreParenImpCasts());
      const clang::ValueDecl* field = member != nullptr ? member->getMemberDecl() : nullptr;
      if (field == nullptr || !seen.insert(field).second) continue;
      const std::string name = "'" + field->getName().str() + "'";
      const bool self = field == initialised;
      // `compute()` reading it, or a constructor of the user's reading
      // its reference parameter.
      std::string how = "is read in ";
      if (read.via != nullptr) {
        how = "is read by " + reader_name(*read.via) +
              (llvm::isa<clang::CXXConstructorDecl>(read.via) ? " through a reference parameter, in "
                                                               : ", called in ");
      }
      std::string message;
      if (self) {
        message = "member " + name + " " + how + "its own initialiser, before it holds a value (undefined "
                  "behaviour); initialise it from other values";
      } else if (delegated) {
        message = "member " + name + " " + how + "the arguments of " + what + ", which run before any member is "
                  "initialised (the constructor called initialises them all); pass a value from this "
                  "constructor's parameters or a constant instead";
      } else if (base) {
        // Bases are built before every member: the members' order does
        // not matter.
        message = "member " + name + " " + how + "the initialiser of " + what + ", which runs before " + name +
                  " is initialised (bases are initialised before every member, whatever the order of the members "
                  "or of the initialiser list, so declaring " + name + " first does not help); pass the value " +
                  name + " would be given instead (from the constructor's parameters or a constant), or move " +
                  name + " into a base listed before " + what.substr(std::string("base ").size()) +
                  " (the base-from-member idiom)";
      } else {
        message = "member " + name + " " + how + "the initialiser of " + what + ", which runs before " + name +
                  " is initialised (members are initialised in the order they are declared, after the bases); "
                  "declare " + name + " first, or compute the value from the constructor's parameters";
      }
      ctx.report.error(read.at->getExprLoc(), kName, message) << read.at->getSourceRange();
      note_reader(read, name, ctx);
      if (!self) ctx.report.note(field->getLocation(), name + " is declared here");
    }
  }

  /// `int data; data = 5; use(data);`, `T x; if (c) x = a; else x = b;`:
  /// a local left without a value at its declaration but given one by the
  /// statements right after it, on every path, before anything reads it
  /// (an `if` with a constant condition takes its one branch). Only the
  /// block the local is declared in is walked, up to the first statement
  /// that mentions it; a loop, a switch, a goto or a label there that
  /// touches it ends the walk, and so does any label after the declaration
  /// (a goto from before the declaration could land past the assignment).
  void find_assigned_before_read(const clang::FunctionDecl& fn, RuleContext& ctx) {
    if (fn.getBody() == nullptr) return;
    if (!calls_) calls_.emplace(ctx.service_code);
    std::optional<UseCounts> uses;  // counted at the first local the walk judges
    unsigned flag_tries = 0;
    flow::contains(fn.getBody(), [&](const clang::Stmt& s) {
      const auto* block = llvm::dyn_cast<clang::CompoundStmt>(&s);
      if (block == nullptr) return false;
      std::optional<llvm::SmallVector<flag_guard::Flag, 4>> flags;  // flag_guard::candidates, when needed
      // Past the last statement holding a label, once per block: a goto's
      // target, or a case label of a switch around the block (`switch (k)
      // { case 0: g(); int v; v = 1; case 1: use(v); }` skips the write).
      auto after_labels = block->body_begin();
      for (auto it = block->body_begin(); it != block->body_end(); ++it) {
        const clang::Stmt* previous = it == block->body_begin() ? nullptr : *std::prev(it);
        if (is_fallthrough_label(*it, previous)) continue;  // `goto source; source: ...`
        if (has_label_reached_from_outside(*it)) after_labels = std::next(it);
      }
      for (auto it = after_labels; it != block->body_end(); ++it) {
        const auto* decl_stmt = llvm::dyn_cast<clang::DeclStmt>(*it);
        if (decl_stmt == nullptr) continue;
        // `int x, y;`: each declarator on its own.
        for (auto d = decl_stmt->decl_begin(); d != decl_stmt->decl_end(); ++d) {
          const auto* var = llvm::dyn_cast<clang::VarDecl>(*d);
          if (var == nullptr || !judged_local(*var) || var->getType()->isDependentType() ||
              !leaves_garbage(*var, ctx.ast) || read_by_later_declarator(*var, std::next(d), decl_stmt->decl_end())) {
            continue;
          }
          // The next few statements only: a value is given right away or the
          // declaration is reported as before (and the walk stays linear).
          constexpr long kLookahead = 16;
          const auto end = std::distance(std::next(it), block->body_end()) > kLookahead
                               ? std::next(it, kLookahead + 1)
                               : block->body_end();
          const auto rest = llvm::make_range(std::next(it), end);
          if (!uses) uses = count_uses(fn.getBody());
          const FirstUse use = first_use_in_sequence(rest, *var, Walk{ctx.ast, *uses, &*calls_});
          if (use == FirstUse::assigned || use == FirstUse::confined) {
            assigned_before_read_.insert(var);
            continue;
          }
          // Each try walks the block once per flag: a few per function.
          constexpr unsigned kMaxFlagTries = 32;
          if (!flags) flags = flag_guard::candidates(*block, ctx.ast);
          if (!flags->empty() && flag_tries++ < kMaxFlagTries &&
              flag_guard::guarded(*block, *var, *flags, Walk{ctx.ast, *uses, &*calls_})) {
            assigned_before_read_.insert(var);
            continue;
          }
          if (flag_tries++ < kMaxFlagTries &&
              flag_guard::guarded_by_fixed_test(*block, llvm::make_range(std::next(it), block->body_end()), *var,
                                                *fn.getBody(), Walk{ctx.ast, *uses, &*calls_})) {
            assigned_before_read_.insert(var);
          }
        }
      }
      return false;
    });
  }

  /// `int m, n = m;`: a declarator after `var` in the same declaration
  /// whose initialiser names it reads it before any statement can write it.
  static bool read_by_later_declarator(const clang::VarDecl& var, clang::DeclStmt::const_decl_iterator from,
                                       clang::DeclStmt::const_decl_iterator to) {
    for (; from != to; ++from) {
      const auto* later = llvm::dyn_cast<clang::VarDecl>(*from);
      if (later != nullptr && later->getInit() != nullptr && mentions(later->getInit(), var)) return true;
    }
    return false;
  }

  std::set<const clang::VarDecl*> assigned_before_read_;  // locals given a value before any read
  std::optional<CallLookInto> calls_;                     // what calls do with the locals handed to them

  void check_local(const clang::VarDecl& var, RuleContext& ctx) {
    if (!judged_local(var) || var.getType()->isDependentType()) return;
    if (!leaves_garbage(var, ctx.ast)) return;
    if (assigned_before_read_.count(&var) != 0) return;
    {
      auto diag = ctx.report.error(var.getLocation(), kName,
                                   "'" + var.getName().str() +
                                       "' is declared without a value, and reading it before a write is undefined "
                                       "behaviour; initialise it where it is declared, e.g. with {}")
                  << var.getSourceRange();
      if (auto fix = brace_fix(var, ctx)) diag << *fix;
    }
    if (const Blame* blame = calls_ ? calls_->blame_of(var) : nullptr) note_call(var, *blame, ctx);
  }

  /// Why the call the local is handed to (or the lambda capturing it) was
  /// not taken for a write: a note in the callee's body where it is in
  /// service code, else at the call.
  static void note_call(const clang::VarDecl& var, const Blame& blame, RuleContext& ctx) {
    const CallEffect& effect = blame.effect;
    const std::string local = "'" + var.getName().str() + "'";
    const bool lambda = effect.fn != nullptr && llvm::isa<clang::CXXMethodDecl>(effect.fn) &&
                        llvm::cast<clang::CXXMethodDecl>(effect.fn)->getParent()->isLambda();
    const std::string callee = lambda ? std::string("the lambda")
                               : effect.fn != nullptr ? "'" + effect.fn->getNameAsString() + "'"
                                                      : std::string("the function");
    const clang::SourceLocation at = effect.where;
    const clang::SourceLocation call = blame.call != nullptr ? blame.call->getExprLoc() : var.getLocation();
    const bool inside = at.isValid() && ctx.service_code.contains(at);
    // In the callee's body, by the name it has there.
    const std::string as = inside && effect.as != nullptr && effect.as != &var && !effect.as->getName().empty()
                               ? "'" + effect.as->getName().str() + "'"
                               : local;
    switch (effect.kind) {
      case CallEffect::Kind::may_read:
        ctx.report.note(inside ? at : call, callee + " uses " + as + " here before giving it a value");
        return;
      case CallEffect::Kind::may_skip:
      case CallEffect::Kind::writes_unless:
        if (effect.kind == CallEffect::Kind::writes_unless && blame.call != nullptr) {
          ctx.report.note(call, callee + " may return without giving " + local +
                                    " a value; test what it returns before reading " + local);
        }
        if (inside) ctx.report.note(at, callee + " can return here without giving " + as + " a value");
        if (!inside && effect.kind == CallEffect::Kind::may_skip) {
          ctx.report.note(call, callee + " may return without giving " + local + " a value");
        }
        return;
      case CallEffect::Kind::opaque:
        ctx.report.note(call, callee + " is a library function whose body is not visible, so it is not taken to "
                              "give " + local + " a value");
        return;
      case CallEffect::Kind::not_followed:
        // (Only a goto stops the look-into of the call itself; deeper
        // down, a call not followed is a use of the callee's parameter.)
        ctx.report.note(call, callee + " holds a goto, which the rule does not follow, so it is not taken to give " +
                                  local + " a value");
        return;
      case CallEffect::Kind::writes:
        return;
    }
  }

  void check_field(const clang::FieldDecl& field, RuleContext& ctx) {
    if (field.hasInClassInitializer() || field.isUnnamedBitField()) return;
    const auto* record = llvm::dyn_cast<clang::CXXRecordDecl>(field.getParent());
    if (record == nullptr || record->isUnion() || record->isLambda()) return;
    // A class template's field of a dependent type (`T v;`) is judged in
    // each instantiation; a non-dependent one (`int x;` of a template) at
    // the template, like any other field (the pattern's constructors are the
    // ones written).
    const clang::CXXRecordDecl* instance = nullptr;
    clang::QualType type = field.getType();
    if (type->isDependentType()) {
      const clang::FieldDecl* instantiated = garbage_instantiation(field, *record, ctx, instance);
      if (instantiated == nullptr) return;
      type = instantiated->getType();
    } else if (!default_init_leaves_garbage(type, ctx.ast)) {
      return;
    }
    // An aggregate-like class (no constructor of its own: `struct Point {
    // int x; int y; };`) is only ever default-initialised where an object of
    // it is declared without a value, and each such place is reported: a
    // local (`Point p;`), a field of a class with a constructor, a base of
    // one (check_bases). Aggregate initialisation (`Point{1, 2}`) and
    // value-initialisation (`Point{}`, std::vector<Point>(n)) are fine.
    if (!has_own_constructor(*record)) return;
    const clang::CXXConstructorDecl* leaving = constructor_leaving(
        *record, [&](const clang::CXXCtorInitializer& init) { return init.getMember() == &field; },
        [&](const clang::CXXConstructorDecl& ctor) { return constructor_body_sets(ctor, field, ctx.ast); });
    if (leaving == nullptr) return;
    if (instance != nullptr) {
      const clang::PrintingPolicy& policy = ctx.ast.getPrintingPolicy();
      {
        auto diag = ctx.report.error(field.getLocation(), kName,
                                     "member '" + field.getName().str() +
                                         "' has no default member initialiser, so an object built without setting "
                                         "it holds an indeterminate value when the template is instantiated with " +
                                         type.getAsString(policy) +
                                         "; write one, e.g. {} (value-initialisation works for every type)")
                    << field.getSourceRange();
        if (auto fix = brace_fix(field, ctx)) diag << *fix;
      }
      note_leaving(*leaving, "'" + field.getName().str() + "'", ctx);
      note_instantiation(*instance, ctx);
      return;
    }
    {
      auto diag = ctx.report.error(field.getLocation(), kName,
                                   "member '" + field.getName().str() +
                                       "' has no default member initialiser, so an object built without setting it "
                                       "holds an indeterminate value; write one, e.g. {} or = 0")
                  << field.getSourceRange();
      if (auto fix = brace_fix(field, ctx)) diag << *fix;
    }
    note_leaving(*leaving, "'" + field.getName().str() + "'", ctx);
  }

  /// The constructor that leaves a field or base indeterminate: it neither
  /// initialises it nor (for a field) assigns it before the object is used.
  static void note_leaving(const clang::CXXConstructorDecl& ctor, const std::string& what, RuleContext& ctx) {
    ctx.report.note(ctor.getLocation(), "this constructor leaves " + what + " without a value");
  }

  /// The implicit instantiations (and explicit instantiation definitions)
  /// of the class template `pattern` describes, in the order clang made
  /// them; empty for a class that is no template pattern (a class nested in
  /// a template, a partial specialisation: their dependent fields are not
  /// judged).
  static std::vector<const clang::ClassTemplateSpecializationDecl*> instantiations(
      const clang::CXXRecordDecl& pattern) {
    std::vector<const clang::ClassTemplateSpecializationDecl*> result;
    const clang::ClassTemplateDecl* tmpl = pattern.getDescribedClassTemplate();
    if (tmpl == nullptr) return result;
    for (const clang::ClassTemplateSpecializationDecl* spec : tmpl->specializations()) {
      const clang::TemplateSpecializationKind kind = spec->getSpecializationKind();
      if (kind != clang::TSK_ImplicitInstantiation && kind != clang::TSK_ExplicitInstantiationDefinition) continue;
      if (!spec->isThisDeclarationADefinition() || spec->isInvalidDecl()) continue;
      // From the primary template, not from a partial specialisation.
      if (!spec->getSpecializedTemplateOrPartial().is<clang::ClassTemplateDecl*>()) continue;
      result.push_back(spec);
    }
    return result;
  }

  /// The first instantiation of `pattern` in which the dependent `field`
  /// leaves garbage when default-initialised: that instantiation's field,
  /// with `instance` set to it; else nullptr.
  static const clang::FieldDecl* garbage_instantiation(const clang::FieldDecl& field,
                                                       const clang::CXXRecordDecl& pattern, RuleContext& ctx,
                                                       const clang::CXXRecordDecl*& instance) {
    for (const clang::ClassTemplateSpecializationDecl* spec : instantiations(pattern)) {
      const clang::FieldDecl* same = nullptr;
      for (const clang::FieldDecl* f : spec->fields()) {
        if (f->getFieldIndex() == field.getFieldIndex()) same = f;
      }
      if (same == nullptr || same->getType()->isDependentType() || same->getName() != field.getName()) continue;
      if (!default_init_leaves_garbage(same->getType(), ctx.ast)) continue;
      instance = spec;
      return same;
    }
    return nullptr;
  }

  static void note_instantiation(const clang::CXXRecordDecl& instance, RuleContext& ctx) {
    const auto* spec = llvm::dyn_cast<clang::ClassTemplateSpecializationDecl>(&instance);
    if (spec == nullptr) return;
    clang::SourceLocation where = spec->getPointOfInstantiation();
    if (where.isInvalid()) where = spec->getLocation();
    const std::string name = clang::QualType(ctx.ast.getRecordType(spec)).getAsString(ctx.ast.getPrintingPolicy());
    ctx.report.note(where, "in the instantiation '" + name + "' here");
  }

  /// `struct Labelled : Point { Labelled() {} };`: a constructor that does
  /// not initialise a base whose default-initialisation leaves garbage.
  void check_bases(const clang::CXXRecordDecl& record, RuleContext& ctx) {
    if (!record.isThisDeclarationADefinition() || record.isUnion()) return;
    if (!has_own_constructor(record)) return;  // judged where it is default-initialised
    unsigned index = 0;
    for (const clang::CXXBaseSpecifier& base : record.bases()) {
      const unsigned this_index = index++;
      // A dependent base of a class template (`template <class T> struct
      // D : T`): judged in each instantiation, reported once at the template.
      clang::QualType judged = base.getType();
      const clang::CXXRecordDecl* instance = nullptr;
      if (judged->isDependentType()) {
        for (const clang::ClassTemplateSpecializationDecl* spec : instantiations(record)) {
          if (spec->getNumBases() != record.getNumBases()) continue;
          const clang::QualType made = (spec->bases_begin() + this_index)->getType();
          if (made->isDependentType() || !default_init_leaves_garbage(made, ctx.ast)) continue;
          judged = made;
          instance = spec;
          break;
        }
        if (instance == nullptr) continue;
      } else if (!default_init_leaves_garbage(judged, ctx.ast)) {
        continue;
      }
      const clang::QualType base_type = base.getType().getCanonicalType();
      const clang::CXXConstructorDecl* leaving = constructor_leaving(
          record,
          [&](const clang::CXXCtorInitializer& init) {
            return init.isBaseInitializer() && clang::QualType(init.getBaseClass(), 0).getCanonicalType() == base_type;
          },
          [](const clang::CXXConstructorDecl&) { return false; });
      if (leaving == nullptr) continue;
      const std::string written = base.getType().getAsString(ctx.ast.getPrintingPolicy());
      const std::string shown =
          instance != nullptr ? written + "' (" + judged.getAsString(ctx.ast.getPrintingPolicy()) + ")" : written + "'";
      ctx.report.error(base.getBeginLoc(), kName,
                       "base '" + shown +
                           " is left with indeterminate members by a constructor that does not initialise it; give "
                           "its members default member initialisers, or initialise it in every constructor, e.g. "
                           "with " + written + "{}")
          << base.getSourceRange();
      note_leaving(*leaving, "base '" + written + "'", ctx);
      if (instance != nullptr) note_instantiation(*instance, ctx);
    }
  }

  std::set<clang::SourceLocation> reported_;  // template locals, across instantiations
};

}  // namespace

std::unique_ptr<Rule> make_Uninitialized() { return std::make_unique<Uninitialized>(); }

}  // namespace meshwa::rules
