// The constants a private integer member holds outside its constructors,
// read where a member function indexes with it (Juliet's flow variants 83
// and 84: a constructor sets the member, the destructor indexes with it).
#include "Flow.h"
#include "UnsafeBuffer/ReachingConstants.h"
#include "UnsafeBuffer/UnsafeBuffer.h"

namespace meshwa::rules::unsafe_buffer {

using namespace constants;

namespace {

/// `e` (through parentheses) is `this->field`, written or implicit.
bool is_own_member(const clang::Expr* e, const clang::FieldDecl& field) {
  const auto* member = llvm::dyn_cast<clang::MemberExpr>(e->IgnoreParens());
  return member != nullptr && member->getMemberDecl() == &field &&
         llvm::isa<clang::CXXThisExpr>(member->getBase()->IgnoreParenImpCasts());
}

/// How many mentions of `field` under `root` (any object's).
unsigned member_mentions(const clang::Stmt* root, const clang::FieldDecl& field) {
  unsigned count = 0;
  flow::contains(root, [&](const clang::Stmt& s) {
    const auto* member = llvm::dyn_cast<clang::MemberExpr>(&s);
    count += member != nullptr && member->getMemberDecl() == &field;
    return false;
  });
  return count;
}

/// How many of those read its value (an lvalue-to-rvalue conversion).
unsigned member_reads(const clang::Stmt* root, const clang::FieldDecl& field) {
  unsigned count = 0;
  flow::contains(root, [&](const clang::Stmt& s) {
    const auto* cast = llvm::dyn_cast<clang::ImplicitCastExpr>(&s);
    const auto* member =
        cast != nullptr && cast->getCastKind() == clang::CK_LValueToRValue
            ? llvm::dyn_cast<clang::MemberExpr>(cast->getSubExpr()->IgnoreParens())
            : nullptr;
    count += member != nullptr && member->getMemberDecl() == &field;
    return false;
  });
  return count;
}

}  // namespace

/// The constants a private integer member may hold where `index`
/// (`data`, `this->data`) reads it, in a member function of its class
/// other than a constructor, when no test of it in that function narrows
/// them (unless `through_tests`) (member_constants); empty when not known. Juliet's flow variants
/// 83 and 84: a constructor sets the member, the destructor indexes with it.
llvm::SmallVector<llvm::APSInt, 4> UnsafeBuffer::member_index_constants(const clang::Expr* index, RuleContext& ctx,
                                                                         bool through_tests) {
  const auto* member = llvm::dyn_cast<clang::MemberExpr>(index->IgnoreParenImpCasts());
  const auto* field = member != nullptr ? llvm::dyn_cast<clang::FieldDecl>(member->getMemberDecl()) : nullptr;
  const auto* reader = llvm::dyn_cast_or_null<clang::CXXMethodDecl>(ctx.enclosing_function());
  if (field == nullptr || reader == nullptr || !is_own_member(member, *field) ||
      llvm::isa<clang::CXXConstructorDecl>(reader) || reader->getParent() != field->getParent() ||
      reader->getBody() == nullptr) {
    return {};
  }
  // (Cached per member; the walk for a test below runs only for one known.)
  const llvm::SmallVector<llvm::APSInt, 4>& values = member_constants(*field, ctx);
  if (values.empty()) return {};
  // `if (data >= 0 && data < 10) buffer[data]`: a guard somewhere in the
  // function; not judged (through_tests: asked whether all are in bounds,
  // which a test only makes more so).
  const bool tested = !through_tests && flow::contains(reader->getBody(), [&](const clang::Stmt& s) {
    const auto* op = llvm::dyn_cast<clang::BinaryOperator>(&s);
    const bool test = (op != nullptr && (op->isComparisonOp() || op->isLogicalOp())) ||
                      llvm::isa<clang::IfStmt, clang::WhileStmt, clang::DoStmt, clang::ForStmt, clang::SwitchStmt,
                                clang::AbstractConditionalOperator>(s) ||
                      (llvm::isa<clang::UnaryOperator>(s) && llvm::cast<clang::UnaryOperator>(s).getOpcode() == clang::UO_LNot);
    const clang::Stmt* cond = nullptr;
    if (const auto* c = llvm::dyn_cast<clang::IfStmt>(&s)) cond = c->getCond();
    else if (const auto* c = llvm::dyn_cast<clang::WhileStmt>(&s)) cond = c->getCond();
    else if (const auto* c = llvm::dyn_cast<clang::DoStmt>(&s)) cond = c->getCond();
    else if (const auto* c = llvm::dyn_cast<clang::ForStmt>(&s)) cond = c->getCond();
    else if (const auto* c = llvm::dyn_cast<clang::SwitchStmt>(&s)) cond = c->getCond();
    else if (const auto* c = llvm::dyn_cast<clang::AbstractConditionalOperator>(&s)) cond = c->getCond();
    else cond = &s;
    return test && member_mentions(cond, *field) != 0;
  });
  if (tested) return {};
  return values;
}

/// The constants a private integer member of a class of this file holds
/// outside its constructors: every constructor leaves one in it (its last
/// write, at the top of a body with no jump, or its initialiser), and
/// nothing else writes it (every other member function only reads it, the
/// class has no friend, nested class or member template, and each member
/// function it declares is defined here). Empty when not known. Cached.
const llvm::SmallVector<llvm::APSInt, 4>& UnsafeBuffer::member_constants(const clang::FieldDecl& field,
                                                                         RuleContext& ctx) {
  auto [cached, fresh] = member_constants_.try_emplace(&field);
  if (!fresh) return cached->second;
  const auto* record = llvm::dyn_cast<clang::CXXRecordDecl>(field.getParent());
  if (record == nullptr || field.getAccess() != clang::AS_private || !field.getType()->isIntegerType() ||
      field.getType().isVolatileQualified() || field.isMutable() || field.isBitField() || record->isDependentContext() ||
      llvm::isa<clang::ClassTemplateSpecializationDecl>(record) || record->hasFriends() ||
      !ctx.sources().isInMainFile(ctx.sources().getExpansionLoc(record->getLocation()))) {
    return cached->second;
  }
  for (const clang::Decl* d : record->decls()) {
    const auto* nested = llvm::dyn_cast<clang::CXXRecordDecl>(d);
    if ((nested != nullptr && !nested->isInjectedClassName()) || llvm::isa<clang::FunctionTemplateDecl>(d)) {
      return cached->second;
    }
  }
  llvm::SmallVector<llvm::APSInt, 4> values;
  bool constructed = false;
  const unsigned width = ctx.ast.getIntWidth(field.getType());
  const bool is_unsigned = field.getType()->isUnsignedIntegerOrEnumerationType();
  for (const clang::CXXMethodDecl* method : record->methods()) {
    if (method->isImplicit() || method->isDeleted() || method->isDefaulted() || method->isPureVirtual()) continue;
    const clang::FunctionDecl* def = nullptr;
    if (!method->hasBody(def) || def == nullptr) return member_constants_[&field];  // defined elsewhere: may write it
    const auto* ctor = llvm::dyn_cast<clang::CXXConstructorDecl>(def);
    if (ctor != nullptr && !ctor->isCopyOrMoveConstructor()) {
      const std::optional<llvm::APSInt> left = constant_left_by(*ctor, field, ctx);
      if (!left) return member_constants_[&field];
      const llvm::APSInt converted(left->extOrTrunc(width), is_unsigned);
      if (!llvm::is_contained(values, converted)) values.push_back(converted);
      constructed = true;
      continue;
    }
    // A copy takes a value some constructor left: it may not write it otherwise.
    const clang::Stmt* body = def->getBody();
    if (member_mentions(body, field) != member_reads(body, field)) return member_constants_[&field];
    if (ctor != nullptr) {
      for (const clang::CXXCtorInitializer* init : ctor->inits()) {
        if (init->getMember() == &field && init->isWritten()) return member_constants_[&field];
      }
    }
  }
  if (!constructed || values.size() > kMaxValues) return member_constants_[&field];
  member_constants_[&field] = values;
  return member_constants_[&field];
}

/// The constant the constructor `ctor` surely leaves in `field`: its last
/// mention at the top of a body with no jump, lambda or call of a member
/// function, `data = 10;`, every earlier one a read or such an assignment;
/// else (not named in the body) a constant mem-initialiser or default
/// member initialiser.
std::optional<llvm::APSInt> UnsafeBuffer::constant_left_by(const clang::CXXConstructorDecl& ctor,
                                                          const clang::FieldDecl& field, RuleContext& ctx) {
  const auto* body = llvm::dyn_cast_or_null<clang::CompoundStmt>(ctor.getBody());
  if (body == nullptr || ctor.isDelegatingConstructor() || jumps_within(body, 0) ||
      flow::contains(body, [](const clang::Stmt& s) {
        return llvm::isa<clang::LambdaExpr, clang::CXXMemberCallExpr, clang::GotoStmt, clang::LabelStmt>(s) ||
               (llvm::isa<clang::CXXThisExpr>(s) && !llvm::cast<clang::CXXThisExpr>(s).isImplicit());
      })) {
    return std::nullopt;
  }
  std::optional<llvm::APSInt> last;
  unsigned plain = 0;
  for (const clang::Stmt* s : body->body()) {
    if (member_mentions(s, field) == 0) continue;
    const auto* assign = llvm::dyn_cast<clang::BinaryOperator>(s);
    if (assign == nullptr || assign->getOpcode() != clang::BO_Assign || !is_own_member(assign->getLHS(), field) ||
        member_mentions(assign->getRHS(), field) != member_reads(assign->getRHS(), field)) {
      last.reset();
      if (member_mentions(s, field) != member_reads(s, field)) return std::nullopt;
      continue;
    }
    ++plain;
    last = constant_value(assign->getRHS(), ctx);
  }
  if (plain > 0) return last;
  for (const clang::CXXCtorInitializer* init : ctor.inits()) {
    if (init->getMember() == &field) return constant_value(init->getInit(), ctx);
  }
  return field.hasInClassInitializer() ? constant_value(field.getInClassInitializer(), ctx) : std::nullopt;
}

}  // namespace meshwa::rules::unsafe_buffer
