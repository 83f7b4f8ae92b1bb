// meshwa-mutable-global: state that outlives a call and is not a member of
// a service: mutable namespace-scope variables, static data members, static
// locals, thread_local variables, and non-const references to any of them.
// Every service in the binary shares that state (no isolation, data races),
// and the runtime cannot restart it. Keep state in service members instead.
// Accepted: const, constexpr and `constinit const` globals of types without
// mutable members (the standard library's internal caches do not count:
// `const std::unordered_map` is accepted), globals of empty types (captureless lambdas, tag
// objects), static member functions.
#include "Annotations.h"
#include "LeastDepth.h"
#include "Rule.h"
#include "TypeUtil.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"

namespace meshwa::rules {

namespace {

constexpr llvm::StringLiteral kName = "mutable-global";

/// A class with a `mutable` field somewhere (also in bases, fields of fields):
/// a const object of it still changes.
bool has_mutable_field(const clang::CXXRecordDecl* record, int depth, LeastDepth& searched) {
  if (record == nullptr || !record->hasDefinition() || depth > 8) return false;
  record = record->getDefinition();
  if (!searched.worth_walking(record, depth)) return false;
  // The standard library's own `mutable` members are caches its const
  // operations do not let anyone observe (std::unordered_map's rehash
  // policy): a const std::unordered_map is as constant as a const std::map.
  if (record->isInStdNamespace()) return false;
  for (const clang::FieldDecl* field : record->fields()) {
    if (field->isMutable()) return true;
    if (has_mutable_field(field->getType()->getBaseElementTypeUnsafe()->getAsCXXRecordDecl(), depth + 1, searched)) {
      return true;
    }
  }
  for (const clang::CXXBaseSpecifier& base : record->bases()) {
    if (has_mutable_field(base.getType()->getAsCXXRecordDecl(), depth + 1, searched)) return true;
  }
  return false;
}

bool has_mutable_field(const clang::CXXRecordDecl* record) {
  LeastDepth searched;
  return has_mutable_field(record, 0, searched);
}

/// Can a program change the object named by this variable?
/// A const smart pointer to a non-const object: `const std::unique_ptr<
/// std::vector<int>> g; g->push_back(1);` changes shared state all the same.
bool owns_mutable_pointee(clang::QualType type) {
  const clang::CXXRecordDecl* record = type->getAsCXXRecordDecl();
  if (!is_std_class(record, {"unique_ptr", "shared_ptr"})) return false;
  const clang::QualType element = first_type_argument(record);
  return !element.isNull() && !element.isConstQualified();
}

bool is_mutable_state(const clang::VarDecl& var, clang::ASTContext& ctx) {
  clang::QualType type = var.getType();
  if (type.isNull()) return false;
  if (type->isDependentType()) {
    // In a template (`static T n{};`, a generic lambda's `static decltype(x)
    // n{};`): every instantiation is a mutable variable unless declared const.
    if (type->isReferenceType()) return !type->getPointeeType().isConstQualified();
    return !type.isConstQualified() && !var.isConstexpr();
  }
  if (type->isReferenceType()) return !type->getPointeeType().isConstQualified();
  if (!type.isConstQualified() && !var.isConstexpr()) {
    // An object with no state at all: a captureless lambda, a tag.
    const auto* record = ctx.getBaseElementType(type)->getAsCXXRecordDecl();
    return !(record != nullptr && record->hasDefinition() && record->isEmpty());
  }
  if (owns_mutable_pointee(ctx.getBaseElementType(type))) return true;
  return has_mutable_field(ctx.getBaseElementType(type)->getAsCXXRecordDecl());
}

/// A GoogleTest fixture: a class deriving, directly or not, from the
/// framework's ::testing::Test (declared outside service code, so that a
/// service's own `testing::Test` does not count).
bool is_gtest_fixture(const clang::CXXRecordDecl* record, RuleContext& ctx, int depth = 0) {
  if (record == nullptr || !record->hasDefinition() || depth > 8) return false;
  for (const clang::CXXBaseSpecifier& base : record->getDefinition()->bases()) {
    const clang::CXXRecordDecl* parent = base.getType()->getAsCXXRecordDecl();
    if (parent == nullptr) continue;
    if (parent->getIdentifier() != nullptr && parent->getName() == "Test" && in_top_namespace(*parent, "testing") &&
        !ctx.service_code.contains(parent->getLocation())) {
      return true;
    }
    if (is_gtest_fixture(parent, ctx, depth + 1)) return true;
  }
  return false;
}

class MutableGlobal final : public Rule {
 public:
  llvm::StringRef name() const override { return kName; }

  void check_decl(const clang::Decl& decl, RuleContext& ctx) override {
    const auto* var = llvm::dyn_cast<clang::VarDecl>(&decl);
    if (var == nullptr || var->isImplicit() || llvm::isa<clang::ParmVarDecl>(var)) return;
    if (!var->hasGlobalStorage()) return;  // locals and parameters
    // A static data member declared in its class and defined outside is one
    // variable: report it where it is first declared.
    if (!var->isFirstDecl()) return;
    // `g_counter<int>` of `template <class T> T g_counter{};`: the
    // instantiation (implicit, or `template int g_counter<int>;`) is the
    // template's variable, already reported at the template (an explicit
    // specialization `template <> int g_counter<char> = 1;` is its own).
    if (clang::isTemplateInstantiation(var->getTemplateSpecializationKind())) return;
    if (!is_mutable_state(*var, ctx.ast)) return;
    // `static std::unique_ptr<Db> db_;` of a test fixture, set up by
    // SetUpTestSuite and shared by that suite's tests: state of the test
    // binary, which runs no service of its own in it.
    if (var->isStaticDataMember() && is_gtest_fixture(llvm::dyn_cast<clang::CXXRecordDecl>(var->getDeclContext()), ctx)) {
      return;
    }
    std::string kind;
    if (var->getTLSKind() != clang::VarDecl::TLS_None) {
      kind = "thread_local variable";
    } else if (var->isStaticLocal()) {
      kind = "static local variable";
    } else if (var->isStaticDataMember()) {
      kind = "static data member";
    } else {
      kind = "global variable";
    }
    // printName, not getName: a structured binding's variable has no name
    // of its own, and prints as its bindings (`[key, value]`).
    std::string shown;
    llvm::raw_string_ostream out(shown);
    var->printName(out);
    ctx.report.error(var->getLocation(), kName,
                     "mutable " + kind + " '" + shown +
                         "' is state shared by every service in the binary (no isolation, no restart); "
                         "make it a member of the service class, or const/constexpr if it never changes")
        << var->getSourceRange();
  }
};

}  // namespace

std::unique_ptr<Rule> make_MutableGlobal() { return std::make_unique<MutableGlobal>(); }

}  // namespace meshwa::rules
