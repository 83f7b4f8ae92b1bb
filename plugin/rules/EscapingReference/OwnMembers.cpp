// Checks of a class's own members as holders: a [this] lambda kept in a
// member of a class that this file copies or moves with its implicit
// operations (the copy's callback still refers to the original object),
// and a thread member started before the members its thread uses are
// constructed (or, for a std::jthread, joined after they are destroyed).
#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "EscapingReference.h"
#include "Flow.h"
#include "TypeUtil.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"

namespace meshwa::rules::escaping_reference {

/// The member of this object that `e` (a member, an element of one) is or
/// is part of: handlers_ for handlers_[k], slot_.cb; null if none. (Where
/// member_of_this takes only `this->field` itself.)
const clang::FieldDecl* EscapingReference::member_of_this_containing(const clang::Expr* e) {
  for (int depth = 0; depth < 16 && e != nullptr; ++depth) {
    e = e->IgnoreParenImpCasts();
    if (const auto* member = llvm::dyn_cast<clang::MemberExpr>(e)) {
      if (llvm::isa<clang::CXXThisExpr>(member->getBase()->IgnoreParenImpCasts())) return member_of_this(member);
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

void EscapingReference::remember_own_store(const Capture& capture, clang::SourceLocation at) {
  if (capture.self == nullptr || capture.lambda == nullptr) return;
  own_stores_.push_back(OwnStore{capture.self, own_field_, at, capture.where,
                                 capture.where == capture.lambda->getCaptureDefaultLoc()});
}

/// Which of the class's implicit (or defaulted) copy and move operations
/// this file uses; for a class template, any of its instantiations'.
std::pair<bool, bool> EscapingReference::copies_and_moves(const clang::CXXRecordDecl& record) {
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
void EscapingReference::check_own_stores(RuleContext& ctx) {
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

/// Members are constructed in declaration order and destroyed in reverse:
/// a std::thread / std::jthread member initialised with a thread that
/// uses (through `this`) members declared after it runs before they are
/// constructed, and a std::jthread (which joins in its destructor) is
/// joined only after they are destroyed. A class template is judged in its
/// instantiations (reported once, where it is written).
void EscapingReference::check_thread_members(const clang::CXXRecordDecl& record, RuleContext& ctx) {
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

void EscapingReference::thread_members_of(const clang::CXXRecordDecl& record, RuleContext& ctx) {
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
bool EscapingReference::destructor_joins(const clang::CXXRecordDecl& record, const clang::FieldDecl* field) {
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
const clang::CXXConstructExpr* EscapingReference::thread_construction(const clang::Expr* value) {
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
const clang::Stmt* EscapingReference::thread_body(const clang::CXXConstructExpr& thread,
                                                  const clang::CXXRecordDecl& record) {
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
void EscapingReference::members_used(const clang::Stmt* root, const clang::CXXRecordDecl& record,
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

bool EscapingReference::source_before(clang::SourceLocation a, clang::SourceLocation b,
                                      const clang::CXXRecordDecl& record) {
  return record.getASTContext().getSourceManager().isBeforeInTranslationUnit(a, b);
}

void EscapingReference::check_thread_start(const clang::CXXRecordDecl& record, const clang::FieldDecl& field,
                                           const clang::Expr* value, clang::SourceLocation at, ThreadStart start,
                                           bool joined_late, RuleContext& ctx) {
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

}  // namespace meshwa::rules::escaping_reference
