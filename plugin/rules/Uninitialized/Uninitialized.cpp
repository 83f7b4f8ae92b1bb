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
#include "Uninitialized.h"
#include "Annotations.h"
#include "Flow.h"
#include "TypeUtil.h"
#include "clang/Lex/Lexer.h"

#include <iterator>

namespace meshwa::rules::uninitialized {

namespace {

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

}  // namespace

/// Insert `{}` right after the declarator (`int n` -> `int n{}`,
/// `int a[4]` -> `int a[4]{}`), unless macros are involved.
std::optional<clang::FixItHint> brace_fix(const clang::DeclaratorDecl& decl, RuleContext& ctx) {
  const clang::SourceLocation end = decl.getEndLoc();
  if (end.isInvalid() || end.isMacroID()) return std::nullopt;
  const clang::SourceLocation after = clang::Lexer::getLocForEndOfToken(end, 0, ctx.sources(), ctx.lang());
  if (after.isInvalid()) return std::nullopt;
  return clang::FixItHint::CreateInsertion(after, "{}");
}

namespace {

/// Locals the rule judges at all (whatever their type): not parameters,
/// structured bindings, catch parameters or range-for variables.
bool judged_local(const clang::VarDecl& var) {
  return !llvm::isa<clang::ParmVarDecl, clang::DecompositionDecl>(var) && var.hasLocalStorage() &&
         !var.isExceptionVariable() && !var.isCXXForRangeDecl();
}

}  // namespace

void Uninitialized::check_stmt(const clang::Stmt& stmt, RuleContext& ctx) {
  const auto* call = llvm::dyn_cast<clang::CallExpr>(&stmt);
  if (call == nullptr || ctx.in_never_run_part(&stmt)) return;  // a call never made makes nothing
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
void Uninitialized::check_function(const clang::FunctionDecl& pattern, RuleContext& ctx) {
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
      if (ds == nullptr || ctx.never_runs(*ds, *instance)) return false;
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
                             "the template is instantiated with " + instantiated_type(*var, ctx) +
                             "; initialise it where it is declared, e.g. with {} (value-initialisation works for "
                             "every type)")
            << var->getSourceRange();
        note_first_use(*var, ctx);
      }
      return false;
    });
  }
}

/// The type a local of a template has in one instantiation, as a reader
/// knows it: the type itself (`int`), not the alias the template names it by
/// (fplus' `using f_rettype = std::decay_t<...>; f_rettype v_trans;` read
/// "instantiated with f_rettype"); `int (as f_rettype)` when the alias is a
/// plain name of its own.
std::string Uninitialized::instantiated_type(const clang::VarDecl& var, RuleContext& ctx) {
  const clang::PrintingPolicy& policy = ctx.ast.getPrintingPolicy();
  const std::string written = var.getType().getAsString(policy);
  const std::string real = var.getType().getCanonicalType().getAsString(policy);
  if (written == real) return written;
  if (written.find(real) != std::string::npos) return written;  // `unsigned long[4]` sugared as `size_t[4]`: keep it
  // The alias only when it is a plain name (`f_rettype`, `shape_type`):
  // one with template arguments is as long as the type and says less.
  if (written.find_first_of("<:") != std::string::npos) return real;
  return real + " (as " + written + ")";
}

void Uninitialized::check_decl(const clang::Decl& decl, RuleContext& ctx) {
  // What is declared where the function never runs is never made, nor read.
  if (decl.isImplicit() || ctx.in_never_run_part(nullptr)) return;
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

/// `int data; data = 5; use(data);`, `T x; if (c) x = a; else x = b;`:
/// a local left without a value at its declaration but given one by the
/// statements right after it, on every path, before anything reads it
/// (an `if` with a constant condition takes its one branch). Only the
/// block the local is declared in is walked, up to the first statement
/// that mentions it; a loop, a switch, a goto or a label there that
/// touches it ends the walk, and so does any label after the declaration
/// (a goto from before the declaration could land past the assignment).
void Uninitialized::find_assigned_before_read(const clang::FunctionDecl& fn, RuleContext& ctx) {
  if (fn.getBody() == nullptr) return;
  if (!calls_) calls_.emplace(ctx.service_code);
  std::optional<UseCounts> uses;  // counted at the first local the walk judges
  std::optional<std::vector<Instance>> instances;  // a template's, found at the first local they judge
  unsigned flag_tries = 0;
  flow::contains(fn.getBody(), [&](const clang::Stmt& s) {
    if (const auto* branch = llvm::dyn_cast<clang::IfStmt>(&s);
        branch != nullptr && llvm::isa_and_nonnull<clang::DeclStmt>(branch->getInit())) {
      if (!uses) uses = count_uses(fn.getBody());
      find_parsed_in_own_if(*branch, Walk{ctx.ast, *uses, &*calls_}, ctx);
      return false;
    }
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
          continue;
        }
        // `std::array<char, 32> buf; auto [p, ec] = std::to_chars(buf.data(),
        // ..., v);` with `T v`: what a dependent call does with the local
        // is known in each instantiation, where the same walk runs.
        const bool dependent_rest = llvm::any_of(rest, [](const clang::Stmt* later) {
          return flow::contains(later, [](const clang::Stmt& node) {
            const auto* e = llvm::dyn_cast<clang::Expr>(&node);
            return e != nullptr && e->isInstantiationDependent();
          });
        });
        if (!fn.isDependentContext() || !dependent_rest) continue;
        if (!instances) instances = instances_of(fn);
        if (assigned_in_every_instance(*var, *instances, ctx)) assigned_before_read_.insert(var);
      }
    }
    return false;
  });
}

/// `if (int v; std::from_chars(b, e, v).ec == std::errc{}) return v;`: a
/// local declared as the if's init lives only in the if, so its condition
/// and branches are all that can read it. Given a value by a parse in the
/// condition and read only where the test says the parse succeeded, it
/// never holds an indeterminate value when read.
void Uninitialized::find_parsed_in_own_if(const clang::IfStmt& branch, const Walk& walk, RuleContext& ctx) {
  const auto* decl_stmt = llvm::cast<clang::DeclStmt>(branch.getInit());
  if (branch.getConditionVariable() != nullptr || branch.isConsteval()) return;
  for (auto d = decl_stmt->decl_begin(); d != decl_stmt->decl_end(); ++d) {
    const auto* var = llvm::dyn_cast<clang::VarDecl>(*d);
    if (var == nullptr || !judged_local(*var) || var->getType()->isDependentType() ||
        !leaves_garbage(*var, ctx.ast) || read_by_later_declarator(*var, std::next(d), decl_stmt->decl_end())) {
      continue;
    }
    const std::optional<FirstUse> use = first_use_after_parse_in_condition(branch, *var, walk);
    if (use && *use != FirstUse::stop) assigned_before_read_.insert(var);  // nothing after the if sees it
  }
}

/// The instantiations of the template `pattern` (a few: bodies_to_analyse)
/// with their locals' declarations, each body walked once.
std::vector<Uninitialized::Instance> Uninitialized::instances_of(const clang::FunctionDecl& pattern) {
  std::vector<Instance> found;
  for (const clang::FunctionDecl* fn : flow::bodies_to_analyse(pattern)) {
    if (fn == &pattern || fn->getBody() == nullptr) continue;
    Instance instance;
    instance.fn = fn;
    instance.uses = count_uses(fn->getBody());
    flow::contains(fn->getBody(), [&](const clang::Stmt& s) {
      const auto* block = llvm::dyn_cast<clang::CompoundStmt>(&s);
      if (block == nullptr) return false;
      unsigned index = 0;
      for (const clang::Stmt* child : block->body()) {
        if (const auto* decl_stmt = llvm::dyn_cast<clang::DeclStmt>(child)) {
          for (const clang::Decl* d : decl_stmt->decls()) {
            if (const auto* var = llvm::dyn_cast<clang::VarDecl>(d)) {
              instance.locals[var->getLocation().getRawEncoding()] = InstanceLocal{var, block, index};
            }
          }
        }
        ++index;
      }
      return false;
    });
    found.push_back(std::move(instance));
  }
  return found;
}

/// Does the walk after the local give it a value before any read in each
/// instantiation of its template (at least one)? The same look-ahead of 16
/// statements as in the template itself.
bool Uninitialized::assigned_in_every_instance(const clang::VarDecl& var, const std::vector<Instance>& instances,
                                               RuleContext& ctx) {
  if (instances.empty()) return false;
  for (const Instance& instance : instances) {
    const auto local = instance.locals.find(var.getLocation().getRawEncoding());
    if (local == instance.locals.end() || local->second.var->getType()->isDependentType() ||
        local->second.var->getName() != var.getName()) {
      return false;
    }
    const clang::CompoundStmt& block = *local->second.block;
    const auto from = std::next(block.body_begin(), local->second.index + 1);
    constexpr long kLookahead = 16;
    const auto end =
        std::distance(from, block.body_end()) > kLookahead ? std::next(from, kLookahead) : block.body_end();
    const FirstUse use = first_use_in_sequence(llvm::make_range(from, end), *local->second.var,
                                               Walk{ctx.ast, instance.uses, &*calls_});
    if (use != FirstUse::assigned && use != FirstUse::confined) return false;
  }
  return true;
}

/// `int m, n = m;`: a declarator after `var` in the same declaration
/// whose initialiser names it reads it before any statement can write it.
bool Uninitialized::read_by_later_declarator(const clang::VarDecl& var, clang::DeclStmt::const_decl_iterator from,
                                             clang::DeclStmt::const_decl_iterator to) {
  for (; from != to; ++from) {
    const auto* later = llvm::dyn_cast<clang::VarDecl>(*from);
    if (later != nullptr && later->getInit() != nullptr && mentions(later->getInit(), var)) return true;
  }
  return false;
}

void Uninitialized::check_local(const clang::VarDecl& var, RuleContext& ctx) {
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
  if (const Blame* blame = calls_ ? calls_->blame_of(var) : nullptr) {
    note_call(var, *blame, ctx);
  } else {
    note_first_use(var, ctx);
  }
}

/// The note of a report without a call to blame: at the first use of the
/// local after its declaration (in source order), where the walk found no
/// write before a read. Said as what that use is: a member function called
/// on it (which may read it: xtensor's `args.fill_args(...)`), an
/// assignment that does not reach every read, or a use.
void Uninitialized::note_first_use(const clang::VarDecl& var, RuleContext& ctx) {
  const auto* fn = llvm::dyn_cast_or_null<clang::FunctionDecl>(var.getParentFunctionOrMethod());
  const clang::Stmt* body = fn != nullptr ? fn->getBody() : nullptr;
  if (body == nullptr) return;
  const clang::SourceManager& sm = ctx.ast.getSourceManager();
  const clang::SourceLocation after = var.getEndLoc();
  std::vector<const clang::DeclRefExpr*> uses;
  std::map<const clang::DeclRefExpr*, std::string> how;  // uses that are member calls or assignments
  std::set<const clang::DeclRefExpr*> skipped;             // written by an assignment that reads it first
  flow::contains(body, [&](const clang::Stmt& s) {
    if (const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(&s)) {
      if (ref->getDecl() == &var && ref->getLocation().isValid() && sm.isBeforeInTranslationUnit(after, ref->getLocation())) {
        uses.push_back(ref);
      }
      return false;
    }
    const clang::Expr* object = nullptr;
    std::string member;
    if (const auto* call = llvm::dyn_cast<clang::MemberExpr>(&s);
        call != nullptr && !call->isArrow() && llvm::isa<clang::CXXMethodDecl>(call->getMemberDecl())) {
      object = call->getBase();
      member = call->getMemberDecl()->getNameAsString();
    } else if (const auto* unresolved = llvm::dyn_cast<clang::UnresolvedMemberExpr>(&s);
               unresolved != nullptr && !unresolved->isImplicitAccess() && !unresolved->isArrow()) {
      object = unresolved->getBase();
      member = unresolved->getMemberName().getAsString();
    } else if (const auto* assign = llvm::dyn_cast<clang::BinaryOperator>(&s); assign != nullptr && assign->getOpcode() == clang::BO_Assign) {
      if (const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(assign->getLHS()->IgnoreParenImpCasts())) {
        // `a = a + 1;`: the read on the right comes first.
        if (mentions(assign->getRHS(), var)) {
          skipped.insert(ref);
        } else {
          how[ref] = "=";
        }
      }
      return false;
    }
    const auto* ref = object != nullptr ? llvm::dyn_cast<clang::DeclRefExpr>(object->IgnoreParenImpCasts()) : nullptr;
    if (ref != nullptr && !member.empty()) how[ref] = member;
    return false;
  });
  const clang::DeclRefExpr* first = nullptr;
  for (const clang::DeclRefExpr* ref : uses) {
    if (skipped.count(ref) == 0 && (first == nullptr || sm.isBeforeInTranslationUnit(ref->getLocation(), first->getLocation()))) {
      first = ref;
    }
  }
  if (first == nullptr) return;
  const std::string name = "'" + var.getName().str() + "'";
  const auto found = how.find(first);
  if (found == how.end()) {
    ctx.report.note(first->getLocation(), name + " is used here before it is given a value");
  } else if (found->second == "=") {
    ctx.report.note(first->getLocation(), name + " is given a value here, but not on every path to where it is read");
  } else {
    ctx.report.note(first->getLocation(), "'" + found->second + "' is called on " + name +
                                              " here, before it is given a value; a member function may read it");
  }
}

/// Why the call the local is handed to (or the lambda capturing it) was
/// not taken for a write: a note in the callee's body where it is in
/// service code, else at the call.
void Uninitialized::note_call(const clang::VarDecl& var, const Blame& blame, RuleContext& ctx) {
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

}  // namespace meshwa::rules::uninitialized

namespace meshwa::rules {

std::unique_ptr<Rule> make_Uninitialized() { return std::make_unique<uninitialized::Uninitialized>(); }

}  // namespace meshwa::rules
