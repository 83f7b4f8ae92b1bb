// The rules library's API as meshwa gen calls it: annotations, the
// service-code predicate, service_verdict() and the Checker.
#include <gtest/gtest.h>

#include <fstream>
#include <memory>
#include <string>

#include "Annotations.h"
#include "Checker.h"
#include "Rule.h"
#include "Verdict.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/Frontend/ASTUnit.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/Support/FileSystem.h"

namespace {

using meshwa::rules::ServiceVerdict;

const std::string kPrelude = R"(
#include <meshwa/annotations.hpp>
#include <string>
class MESHWA_INTERFACE Api { public: virtual ~Api() = default; virtual int run() = 0; };
)";

std::unique_ptr<clang::ASTUnit> parse(const std::string& code,
                                      const clang::tooling::FileContentMappings& files = {}) {
  std::vector<std::string> args = {"-std=c++20", "-I" MESHWA_SOURCE_INCLUDE, "-I/virtual"};
  auto unit = clang::tooling::buildASTFromCodeWithArgs(kPrelude + code, args, "service.cpp", "clang-tool",
                                                       std::make_shared<clang::PCHContainerOperations>(),
                                                       clang::tooling::getClangStripDependencyFileAdjuster(), files);
  EXPECT_NE(unit, nullptr);
  return unit;
}

const clang::CXXRecordDecl* find_class(clang::ASTContext& ctx, const std::string& name) {
  for (const clang::Decl* d : ctx.getTranslationUnitDecl()->decls()) {
    if (const auto* rd = llvm::dyn_cast<clang::CXXRecordDecl>(d)) {
      if (rd->getName() == name && rd->isThisDeclarationADefinition()) return rd;
    }
  }
  return nullptr;
}

const clang::VarDecl* find_var(clang::ASTContext& ctx, const std::string& name) {
  for (const clang::Decl* d : ctx.getTranslationUnitDecl()->decls()) {
    if (const auto* var = llvm::dyn_cast<clang::VarDecl>(d); var != nullptr && var->getName() == name) return var;
  }
  return nullptr;
}

ServiceVerdict verdict_of(clang::ASTUnit& unit, const std::string& name) {
  const clang::CXXRecordDecl* rd = find_class(unit.getASTContext(), name);
  EXPECT_NE(rd, nullptr) << name;
  if (rd == nullptr) return {};
  return meshwa::rules::service_verdict(*rd, unit.getASTContext());
}

TEST(Annotations, ReadsNamesAndReasons) {
  auto unit = parse(R"(
struct MESHWA_MESSAGE Money { long units = 0; };
class MESHWA_SERVICE("currency") Currency final : public Api { public: int run() override { return 1; } };
class MESHWA_UNSAFE("wraps zlib") Codec {};
class MESHWA_UNSAFE("") Blank {};
)");
  auto& ctx = unit->getASTContext();
  EXPECT_TRUE(meshwa::rules::is_message(find_class(ctx, "Money")));
  EXPECT_FALSE(meshwa::rules::is_message(find_class(ctx, "Currency")));
  EXPECT_TRUE(meshwa::rules::is_interface(find_class(ctx, "Api")));
  EXPECT_EQ(meshwa::rules::service_name(find_class(ctx, "Currency")), "currency");
  EXPECT_EQ(meshwa::rules::service_name(find_class(ctx, "Money")), std::nullopt);
  EXPECT_EQ(meshwa::rules::unsafe_reason(find_class(ctx, "Codec")), "wraps zlib");
  EXPECT_EQ(meshwa::rules::unsafe_reason(find_class(ctx, "Blank")), "");
  EXPECT_EQ(meshwa::rules::unsafe_reason(find_class(ctx, "Currency")), std::nullopt);
}

// The text of the [meshwa-unsafe-reason] error for each kind of bad reason:
// none, blank, or given but not as a string literal (a constant, a number).
TEST(Annotations, ReasonErrors) {
  auto unit = parse(R"(
constexpr const char* kReason = "calls zlib";
class MESHWA_UNSAFE("wraps zlib") Codec {};
class MESHWA_UNSAFE("  ") Blank {};
struct [[clang::annotate("meshwa::unsafe")]] Bare {};
struct [[clang::annotate("meshwa::unsafe", kReason)]] Named {};
struct [[clang::annotate("meshwa::unsafe", 7)]] Number {};
)");
  auto& ctx = unit->getASTContext();
  using meshwa::rules::unsafe_reason_error;
  EXPECT_EQ(unsafe_reason_error(find_class(ctx, "Codec")), std::nullopt);
  EXPECT_EQ(unsafe_reason_error(find_class(ctx, "Api")), std::nullopt);
  const std::string needs =
      "MESHWA_UNSAFE needs a reason: it moves the service into an MPK domain, say why, e.g. "
      "MESHWA_UNSAFE(\"wraps zlib\")";
  EXPECT_EQ(unsafe_reason_error(find_class(ctx, "Blank")), needs);
  EXPECT_EQ(unsafe_reason_error(find_class(ctx, "Bare")), needs);
  EXPECT_EQ(unsafe_reason_error(find_class(ctx, "Named")),
            "the reason of MESHWA_UNSAFE must be a string literal, the only form meshwa gen and the service verdict "
            "read; write it out, e.g. MESHWA_UNSAFE(\"calls zlib\")");
  EXPECT_EQ(unsafe_reason_error(find_class(ctx, "Number")),
            "the reason of MESHWA_UNSAFE must be a string literal, the only form meshwa gen and the service verdict "
            "read; write it out, e.g. MESHWA_UNSAFE(\"wraps zlib\")");
  // What the verdict reads: the literal only.
  EXPECT_EQ(meshwa::rules::unsafe_reason(find_class(ctx, "Named")), "");
}

TEST(Verdict, SafeServiceNeedsNoDomain) {
  auto unit = parse(R"(
class MESHWA_SERVICE("safe") Safe final : public Api {
 public:
  int run() override { return helper(); }
 private:
  int helper() { return 4; }
};
)");
  const ServiceVerdict v = verdict_of(*unit, "Safe");
  EXPECT_FALSE(v.needs_domain);
  EXPECT_TRUE(v.marks.empty());
}

TEST(Verdict, UnsafeClassMethodAndField) {
  auto unit = parse(R"(
class MESHWA_SERVICE("a") MESHWA_UNSAFE("legacy codec") A final : public Api { public: int run() override { return 1; } };
class MESHWA_SERVICE("b") B final : public Api {
 public:
  int run() override;
};
MESHWA_UNSAFE("hand-written parser") int B::run() { return 2; }
class MESHWA_UNSAFE("C buffer") Buffer { public: int n = 0; };
class MESHWA_SERVICE("c") C final : public Api {
 public:
  int run() override { return buffer_.n; }
 private:
  Buffer buffer_;
};
)");
  const ServiceVerdict a = verdict_of(*unit, "A");
  ASSERT_TRUE(a.needs_domain);
  ASSERT_EQ(a.marks.size(), 1U);
  EXPECT_EQ(a.marks[0].reason, "legacy codec");
  EXPECT_EQ(a.marks[0].decl_name, "A");
  EXPECT_TRUE(a.marks[0].loc.isValid());

  const ServiceVerdict b = verdict_of(*unit, "B");
  ASSERT_TRUE(b.needs_domain);
  ASSERT_EQ(b.marks.size(), 1U);
  EXPECT_EQ(b.marks[0].reason, "hand-written parser");
  EXPECT_EQ(b.marks[0].decl_name, "B::run");

  const ServiceVerdict c = verdict_of(*unit, "C");
  ASSERT_TRUE(c.needs_domain);
  EXPECT_EQ(c.marks[0].decl_name, "Buffer");
}

TEST(Verdict, UnsafeHelperReachedThroughSafeCode) {
  auto unit = parse(R"(
MESHWA_UNSAFE("memcpy into a C struct") int copy_raw(int x) { return x; }
int middle(int x) { return copy_raw(x) + 1; }
int unrelated(int x) { return x; }
class MESHWA_SERVICE("d") D final : public Api { public: int run() override { return middle(1); } };
class MESHWA_SERVICE("e") E final : public Api { public: int run() override { return unrelated(1); } };
)");
  const ServiceVerdict d = verdict_of(*unit, "D");
  ASSERT_TRUE(d.needs_domain);
  ASSERT_EQ(d.marks.size(), 1U);
  EXPECT_EQ(d.marks[0].decl_name, "copy_raw");
  EXPECT_EQ(d.marks[0].reason, "memcpy into a C struct");
  EXPECT_FALSE(verdict_of(*unit, "E").needs_domain);
}

// The verdict walks a callee's body from inside its caller's: a chain of
// 100,000 calls (clang takes it) used to overflow the stack of meshwa gen.
TEST(Verdict, UnsafeHelperAtTheEndOfALongCallChain) {
  constexpr int kLength = 100000;
  std::string code = "MESHWA_UNSAFE(\"the last link\") int h" + std::to_string(kLength - 1) + "() { return 1; }\n";
  for (int i = kLength - 2; i >= 0; --i) {
    code += "int h" + std::to_string(i) + "() { return h" + std::to_string(i + 1) + "(); }\n";
  }
  code += "class MESHWA_SERVICE(\"chain\") Chain final : public Api { public: int run() override { return h0(); } };\n";
  auto unit = parse(code);
  const ServiceVerdict verdict = verdict_of(*unit, "Chain");
  ASSERT_TRUE(verdict.needs_domain);
  ASSERT_EQ(verdict.marks.size(), 1U);
  EXPECT_EQ(verdict.marks[0].decl_name, "h" + std::to_string(kLength - 1));
}

// Unsafe code a service runs without naming it: a comparator's unsafe
// operator() inside std::sort, a field's unsafe destructor, an unsafe class
// made by std::make_unique and called through its base, an unsafe functor
// made by aggregate initialisation.
TEST(Verdict, UnsafeCodeReachedThroughObjectsAndTemplates) {
  auto unit = parse(R"(
#include <algorithm>
#include <functional>
#include <memory>
#include <vector>
struct Cmp { MESHWA_UNSAFE("compares raw bytes") bool operator()(int a, int b) const { return a < b; } };
struct Guard { MESHWA_UNSAFE("wipes a buffer") ~Guard() {} };
struct Codec { virtual ~Codec() = default; virtual int go() = 0; };
struct MESHWA_UNSAFE("calls a C codec") Fast final : Codec { int go() override { return 1; } };
std::unique_ptr<Codec> make_codec() { return std::make_unique<Fast>(); }
struct MESHWA_UNSAFE("legacy") Functor { int operator()() const { return 2; } };
struct Plain { bool operator()(int a, int b) const { return a < b; } };
class MESHWA_SERVICE("sorts") Sorts final : public Api {
 public: int run() override { std::vector<int> v{2, 1}; std::sort(v.begin(), v.end(), Cmp{}); return v[0]; } };
class MESHWA_SERVICE("guards") Guards final : public Api { public: int run() override { return 0; } Guard g_; };
class MESHWA_SERVICE("codes") Codes final : public Api { public: int run() override { return make_codec()->go(); } };
class MESHWA_SERVICE("invokes") Invokes final : public Api { public: int run() override { return std::invoke(Functor{}); } };
class MESHWA_SERVICE("plain") PlainSort final : public Api {
 public: int run() override { std::vector<int> v{2, 1}; std::sort(v.begin(), v.end(), Plain{}); return v[0]; } };
)");
  for (const char* name : {"Sorts", "Guards", "Codes", "Invokes"}) {
    EXPECT_TRUE(verdict_of(*unit, name).needs_domain) << name << " runs MESHWA_UNSAFE code";
  }
  EXPECT_EQ(verdict_of(*unit, "Sorts").marks.at(0).decl_name, "Cmp::operator()");
  EXPECT_EQ(verdict_of(*unit, "Guards").marks.at(0).decl_name, "Guard::~Guard");
  EXPECT_FALSE(verdict_of(*unit, "PlainSort").needs_domain);
}

TEST(ServiceCode, ExcludesGeneratedFilesMeshwaHeadersAndSystemHeaders) {
  // A real file on disk, as meshwa gen writes it.
  const std::string dir = testing::TempDir() + "meshwa_rules_test_gen";
  llvm::sys::fs::create_directories(dir);
  {
    std::ofstream out(dir + "/gen.h");
    out << "// Generated by meshwa gen from x.hpp. Do not edit.\nint generated = 0;\n";
  }
  std::vector<std::string> args = {"-std=c++20", "-I" MESHWA_SOURCE_INCLUDE, "-I" + dir};
  auto unit = clang::tooling::buildASTFromCodeWithArgs(kPrelude + R"(
#include "gen.h"
#include <vector>
int user_code = 0;
)",
                                                       args, "service.cpp");
  ASSERT_NE(unit, nullptr);
  auto& ctx = unit->getASTContext();
  meshwa::rules::ServiceCode code(ctx.getSourceManager());
  const clang::Decl* user = nullptr;
  const clang::Decl* generated = nullptr;
  for (const clang::Decl* d : ctx.getTranslationUnitDecl()->decls()) {
    if (const auto* v = llvm::dyn_cast<clang::VarDecl>(d)) {
      if (v->getName() == "user_code") user = v;
      if (v->getName() == "generated") generated = v;
    }
  }
  ASSERT_NE(user, nullptr);
  ASSERT_NE(generated, nullptr);
  EXPECT_TRUE(code.contains(user->getLocation()));
  // The marker alone exempts nothing: anyone can write the comment.
  EXPECT_TRUE(code.contains(generated->getLocation())) << "a marker outside meshwa gen's output directory";
  // In a directory the build names as meshwa gen's output, it is generated code.
  meshwa::rules::trust_generated_dir(dir);
  meshwa::rules::ServiceCode trusted(ctx.getSourceManager());
  EXPECT_FALSE(trusted.contains(generated->getLocation()));
  EXPECT_TRUE(trusted.contains(user->getLocation()));
  EXPECT_TRUE(code.contains(find_class(ctx, "Api")->getLocation()));  // the main file is service code

  EXPECT_TRUE(meshwa::rules::is_meshwa_header(MESHWA_SOURCE_INCLUDE "/meshwa/owned.hpp"));
  EXPECT_FALSE(meshwa::rules::is_meshwa_header("/elsewhere/include/meshwa/owned.hpp"));
  // A look-alike include/meshwa with an annotations.hpp of its own is user code.
  const std::string fake = dir + "/fake/include/meshwa";
  llvm::sys::fs::create_directories(fake);
  std::ofstream(fake + "/annotations.hpp") << "#pragma once\n";
  EXPECT_FALSE(meshwa::rules::is_meshwa_header(fake + "/helpers.hpp"));
  EXPECT_FALSE(meshwa::rules::is_meshwa_header(MESHWA_SOURCE_INCLUDE "/../samples/x.hpp"));
  EXPECT_TRUE(meshwa::rules::is_generated_text("// Generated by meshwa gen\n"));
  EXPECT_FALSE(meshwa::rules::is_generated_text("// hand-written\n// Generated by meshwa gen\n"));
}

/// Runs every rule over the parsed unit, counting errors in a silent
/// diagnostics engine (the unit's own printer is finished after parsing).
unsigned count_errors(clang::ASTUnit& unit) {
  clang::ASTContext& ctx = unit.getASTContext();
  clang::DiagnosticsEngine diags(llvm::makeIntrusiveRefCnt<clang::DiagnosticIDs>(),
                                 llvm::makeIntrusiveRefCnt<clang::DiagnosticOptions>(),
                                 new clang::IgnoringDiagConsumer(), /*ShouldOwnClient=*/true);
  diags.setSourceManager(&ctx.getSourceManager());
  meshwa::rules::Reporter report(diags);
  meshwa::rules::Checker checker;
  checker.check(ctx, report);
  return report.error_count();
}

TEST(Checker, CountsViolationsAndHonoursUnsafe) {
  auto bad = parse(R"(
int* leak() { return new int(1); }
)");
  // raw-pointer (the result type) and manual-memory (new).
  EXPECT_EQ(count_errors(*bad), 2U);

  auto suppressed = parse(R"(
MESHWA_UNSAFE("returns memory to a C caller") int* leak() { return new int(1); }
)");
  EXPECT_EQ(count_errors(*suppressed), 0U);
}

/// Counts the errors and notes a DiagnosticsEngine passes on.
class Counting final : public clang::DiagnosticConsumer {
 public:
  void HandleDiagnostic(clang::DiagnosticsEngine::Level level, const clang::Diagnostic& info) override {
    DiagnosticConsumer::HandleDiagnostic(level, info);
    if (level == clang::DiagnosticsEngine::Error) ++errors;
    if (level == clang::DiagnosticsEngine::Note) ++notes;
  }
  unsigned errors = 0;
  unsigned notes = 0;
};

// A rule that meets the same written code again (a template's instantiations)
// reports it once: the same error at the same place, and its note, are
// dropped; the same text elsewhere, or another text here, is not.
TEST(Reporter, GivesTheSameErrorAtTheSamePlaceOnce) {
  auto unit = parse("int a = 1;\nint b = 2;\n");
  clang::ASTContext& ctx = unit->getASTContext();
  auto* counting = new Counting();
  clang::DiagnosticsEngine diags(llvm::makeIntrusiveRefCnt<clang::DiagnosticIDs>(),
                                 llvm::makeIntrusiveRefCnt<clang::DiagnosticOptions>(), counting,
                                 /*ShouldOwnClient=*/true);
  diags.setSourceManager(&ctx.getSourceManager());
  meshwa::rules::Reporter report(diags);
  const clang::SourceLocation here = find_var(ctx, "a")->getLocation();
  const clang::SourceLocation there = find_var(ctx, "b")->getLocation();
  for (int instantiation = 0; instantiation < 3; ++instantiation) {
    report.error(here, "unsafe-buffer", "indexing a raw pointer is not bounds-checked");
    report.note(there, "the pointer comes from here");
  }
  report.error(there, "unsafe-buffer", "indexing a raw pointer is not bounds-checked");
  report.error(here, "raw-pointer", "a raw pointer");
  EXPECT_EQ(counting->errors, 3U);
  EXPECT_EQ(counting->notes, 1U);
  EXPECT_EQ(report.error_count(), 3U);
}

}  // namespace
