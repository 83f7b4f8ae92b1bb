#include "Annotations.h"

#include "clang/AST/Attr.h"
#include "clang/AST/Decl.h"
#include "clang/AST/DeclBase.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/Expr.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include <dlfcn.h>

#include <algorithm>
#include <mutex>
#include <string>
#include <vector>

namespace meshwa::rules {

namespace {

/// Any AnnotateAttr named `name` on `decl` or its redeclarations.
const clang::AnnotateAttr* find_annotation(const clang::Decl* decl, llvm::StringRef name) {
  if (decl == nullptr) return nullptr;
  for (const clang::Decl* redecl : decl->redecls()) {
    if (!redecl->hasAttrs()) continue;
    for (const auto* attr : redecl->specific_attrs<clang::AnnotateAttr>()) {
      if (attr->getAnnotation() == name) return attr;
    }
  }
  return nullptr;
}

}  // namespace

std::optional<std::string> annotation_string(const clang::AnnotateAttr* attr, unsigned index) {
  if (attr == nullptr || attr->args_size() <= index) return std::nullopt;
  const clang::Expr* arg = *(attr->args_begin() + index);
  if (arg == nullptr) return std::nullopt;
  arg = arg->IgnoreParenImpCasts();
  if (const auto* constant = llvm::dyn_cast<clang::ConstantExpr>(arg)) arg = constant->getSubExpr()->IgnoreParenImpCasts();
  if (const auto* literal = llvm::dyn_cast<clang::StringLiteral>(arg)) {
    if (literal->getCharByteWidth() == 1) return literal->getString().str();
  }
  return std::nullopt;
}

bool is_message(const clang::Decl* decl) { return find_annotation(decl, kMessageAnnotation) != nullptr; }

bool is_interface(const clang::Decl* decl) { return find_annotation(decl, kInterfaceAnnotation) != nullptr; }

bool names_no_interface(clang::QualType target) {
  if (target.isNull() || target->isDependentType()) return false;
  const clang::CXXRecordDecl* record = target.getCanonicalType()->getAsCXXRecordDecl();
  if (record == nullptr) return true;  // int, an enum, a pointer ...
  if (is_interface(record)) return false;
  return record->hasDefinition() || llvm::isa<clang::ClassTemplateSpecializationDecl>(record);
}

std::string no_interface_ref_message(llvm::StringRef t, bool call, llvm::StringRef implemented) {
  const std::string type = t.str();
  const std::string head = call ? "ctx.ref<" + type + ">() asks for " + type : "meshwa::Ref<" + type + "> names " + type;
  std::string remedy = "to call another service, name its MESHWA_INTERFACE (meshwa::Ref<I> from ctx.ref<I>()); "
                       "to keep a " + type + ", hold it directly";
  if (!implemented.empty()) {
    const std::string i = implemented.str();
    remedy = "name the interface it implements: " + (call ? "ctx.ref<" + i + ">()" : "meshwa::Ref<" + i + ">");
  }
  return head + ", which is not a MESHWA_INTERFACE, so no service can provide it: a meshwa::Ref is a handle on "
                "another service's interface; " + remedy;
}

std::optional<std::string> service_name(const clang::Decl* decl) {
  const auto* attr = find_annotation(decl, kServiceAnnotation);
  if (attr == nullptr) return std::nullopt;
  return annotation_string(attr, 0).value_or(std::string());
}

std::optional<std::string> unsafe_reason(const clang::Decl* decl) {
  const auto* attr = find_annotation(decl, kUnsafeAnnotation);
  if (attr == nullptr) return std::nullopt;
  return annotation_string(attr, 0).value_or(std::string());
}

std::optional<UnsafeReasonProblem> unsafe_reason_problem(const clang::Decl* decl) {
  const auto* attr = find_annotation(decl, kUnsafeAnnotation);
  if (attr == nullptr) return std::nullopt;
  if (attr->args_size() > 1) return UnsafeReasonProblem::more_than_one;
  if (auto reason = annotation_string(attr, 0)) {
    if (!llvm::StringRef(*reason).trim().empty()) return std::nullopt;
  } else if (attr->args_size() > 0 && *attr->args_begin() != nullptr) {
    return UnsafeReasonProblem::not_a_literal;
  }
  return UnsafeReasonProblem::none_given;
}

std::optional<std::string> unsafe_reason_error(const clang::Decl* decl) {
  const std::optional<UnsafeReasonProblem> problem = unsafe_reason_problem(decl);
  if (!problem) return std::nullopt;
  if (*problem == UnsafeReasonProblem::more_than_one) {
    return std::string("MESHWA_UNSAFE takes one reason, a single string literal; join the parts into one "
                       "(adjacent literals concatenate), e.g. MESHWA_UNSAFE(\"wraps zlib\")");
  }
  if (*problem == UnsafeReasonProblem::not_a_literal) {
    // Given, but not as a literal: say so, and when the constant's value is
    // a literal, show the annotation with it written out.
    const auto* attr = find_annotation(decl, kUnsafeAnnotation);
    std::string example = "wraps zlib";
    const clang::Expr* arg = *attr->args_begin();
    if (const auto* constant = llvm::dyn_cast<clang::ConstantExpr>(arg->IgnoreParens());
        constant != nullptr && constant->hasAPValueResult()) {
      const clang::APValue value = constant->getAPValueResult();
      if (value.isLValue() && !value.isNullPointer() && value.getLValueOffset().isZero()) {
        if (const auto* base = value.getLValueBase().dyn_cast<const clang::Expr*>()) {
          const auto* literal = llvm::dyn_cast<clang::StringLiteral>(base);
          if (literal != nullptr && literal->getCharByteWidth() == 1 && !literal->getString().trim().empty()) {
            example = literal->getString().str();
          }
        }
      }
    }
    return "the reason of MESHWA_UNSAFE must be a string literal, the only form meshwa gen and the service "
           "verdict read; write it out, e.g. MESHWA_UNSAFE(\"" +
           example + "\")";
  }
  return std::string("MESHWA_UNSAFE needs a reason: it moves the service into an MPK domain, say why, "
                     "e.g. MESHWA_UNSAFE(\"wraps zlib\")");
}

const clang::Decl* unsafe_cover(const clang::Decl* decl) {
  for (const clang::Decl* d = decl; d != nullptr;) {
    if (find_annotation(d, kUnsafeAnnotation) != nullptr) return d;
    const clang::DeclContext* parent = d->getDeclContext();
    d = parent != nullptr ? llvm::dyn_cast<clang::Decl>(parent) : nullptr;
  }
  return nullptr;
}

llvm::StringRef marker_placement(llvm::StringRef annotation) {
  if (annotation == kMessageAnnotation) {
    return "a struct or class at namespace or class scope (not a template, a local or an unnamed class), the value "
           "type that crosses service boundaries, e.g. `struct MESHWA_MESSAGE Money { long cents = 0; };`";
  }
  if (annotation == kInterfaceAnnotation) {
    return "an abstract class at namespace or class scope (not a template, a local or an unnamed class), what "
           "callers of a service see, e.g. `class MESHWA_INTERFACE Greeter { public: virtual ~Greeter() = "
           "default; virtual std::string greet(std::string name) = 0; };`";
  }
  if (annotation == kServiceAnnotation) {
    return "a class at namespace or class scope (not a template, a local or an unnamed class) that implements "
           "a MESHWA_INTERFACE, e.g. `class MESHWA_SERVICE(\"greeter\") GreeterService : public Greeter`";
  }
  if (annotation == kUnsafeAnnotation) {
    return "the class, function, method, variable or data member whose code the rules are to skip (its service "
           "then runs in an MPK domain), e.g. `class MESHWA_UNSAFE(\"wraps zlib\") Codec { ... };`";
  }
  return "";
}

namespace {

llvm::StringRef marker_macro(llvm::StringRef annotation) {
  if (annotation == kMessageAnnotation) return "MESHWA_MESSAGE";
  if (annotation == kInterfaceAnnotation) return "MESHWA_INTERFACE";
  if (annotation == kUnsafeAnnotation) return "MESHWA_UNSAFE";
  return "MESHWA_SERVICE";
}

/// What `decl` is, as in "MESHWA_SERVICE cannot mark an enum", with why the
/// generator cannot use it where that is not plain; an empty `what` for a
/// class the markers belong on.
struct Kind {
  std::string what;
  std::string why;
};

Kind kind_of(const clang::Decl& decl) {
  if (const auto* rd = llvm::dyn_cast<clang::RecordDecl>(&decl)) {
    const auto* crd = llvm::dyn_cast<clang::CXXRecordDecl>(rd);
    constexpr const char* kTemplate = "the generator writes code for classes, not for templates of them (for a "
                                      "message, declare a struct per element type; for an interface or a service, "
                                      "leave the template unmarked and mark a class deriving from one of its "
                                      "specializations, `class MESHWA_INTERFACE Items : public Repo<Item> {};`)";
    if (crd != nullptr && crd->getDescribedClassTemplate() != nullptr) return {"a class template", kTemplate};
    if (llvm::isa<clang::ClassTemplatePartialSpecializationDecl>(rd)) {
      return {"a partial specialization of a class template", kTemplate};
    }
    if (llvm::isa<clang::ClassTemplateSpecializationDecl>(rd)) {
      return {"a specialization of a class template", kTemplate};
    }
    if (rd->getParentFunctionOrMethod() != nullptr) {
      return {"a local class", "the generated stubs, registration and tests (other files) cannot name a class "
                               "declared inside a function"};
    }
    if (rd->isDependentContext()) return {"a class inside a template", kTemplate};
    if (rd->getIdentifier() == nullptr) {
      return {"an unnamed class", "generated code names the class"};
    }
    return {};  // (a union too: the union rule says what is wrong with it)
  }
  if (llvm::isa<clang::EnumDecl>(decl)) return {"an enum", ""};
  if (llvm::isa<clang::EnumConstantDecl>(decl)) return {"an enumerator", ""};
  if (const auto* fn = llvm::dyn_cast<clang::FunctionDecl>(&decl)) {
    if (fn->getDescribedFunctionTemplate() != nullptr) return {"a function template", ""};
    if (llvm::isa<clang::CXXConstructorDecl>(fn)) return {"a constructor", ""};
    if (llvm::isa<clang::CXXDestructorDecl>(fn)) return {"a destructor", ""};
    if (llvm::isa<clang::CXXMethodDecl>(fn)) return {"a member function", ""};
    return {"a function", ""};
  }
  if (llvm::isa<clang::FieldDecl, clang::IndirectFieldDecl>(decl)) return {"a data member", ""};
  if (llvm::isa<clang::ParmVarDecl>(decl)) return {"a parameter", ""};
  if (const auto* var = llvm::dyn_cast<clang::VarDecl>(&decl)) {
    if (var->getDescribedVarTemplate() != nullptr) return {"a variable template", ""};
    return {var->isStaticDataMember() ? "a static data member" : "a variable", ""};
  }
  if (llvm::isa<clang::NamespaceDecl>(decl)) return {"a namespace", ""};
  if (llvm::isa<clang::TypedefNameDecl>(decl)) return {"a type alias", ""};
  if (llvm::isa<clang::UsingDecl, clang::UsingDirectiveDecl, clang::UsingEnumDecl>(decl)) {
    return {"a using-declaration", ""};
  }
  if (llvm::isa<clang::LabelDecl>(decl)) return {"a label", ""};
  if (llvm::isa<clang::TemplateTypeParmDecl, clang::NonTypeTemplateParmDecl, clang::TemplateTemplateParmDecl>(decl)) {
    return {"a template parameter", ""};
  }
  if (llvm::isa<clang::TranslationUnitDecl>(decl)) return {};
  return {"this declaration", ""};
}

/// The same for MESHWA_UNSAFE, which belongs on a class (any: the rules and
/// the verdict follow it into templates, local and unnamed classes), a
/// function or method, a variable or a data member. Elsewhere it does
/// nothing, or worse, switches the rules off without moving any service into
/// an MPK domain.
Kind unsafe_kind_of(const clang::Decl& decl) {
  if (llvm::isa<clang::RecordDecl, clang::FieldDecl>(decl)) return {};
  if (const auto* method = llvm::dyn_cast<clang::CXXMethodDecl>(&decl); method != nullptr && method->getParent()->isLambda()) {
    return {"a lambda",
            "the rules stay on inside it and its service's verdict does not change (move the code into a named "
            "function or method)"};
  }
  if (llvm::isa<clang::FunctionDecl>(decl)) return {};
  if (llvm::isa<clang::ParmVarDecl>(decl)) {
    return {"a parameter", "it would switch the rules off for the parameter without moving the service that calls "
                           "the function into an MPK domain"};
  }
  if (llvm::isa<clang::VarDecl>(decl)) return {};
  if (llvm::isa<clang::NamespaceDecl>(decl)) {
    return {"a namespace",
            "a namespace is reopened in other files without the mark, where the services that use its code would be "
            "classified safe"};
  }
  Kind kind = kind_of(decl);
  if (kind.what.empty()) kind.what = "this declaration";
  if (kind.why.empty()) kind.why = "it has no code there for the rules to skip";
  return kind;
}

/// A class marked as two of message, interface and service: gen would
/// write code for it as both (a message's JSON next to an interface's mock,
/// a stand-in deriving from a final service class) that does not compile.
std::string second_class_marker(const clang::Decl& decl, llvm::StringRef annotation, llvm::StringRef first) {
  std::string text = marker_macro(annotation).str() + " cannot mark a class that is also " + marker_macro(first).str();
  if (const auto* named = llvm::dyn_cast<clang::NamedDecl>(&decl)) text += " ('" + named->getQualifiedNameAsString() + "')";
  return text + ": a class is one of a message (a value that crosses service boundaries), an interface (what "
                "callers of a service see) or a service (the class that implements an interface); remove one of "
                "the markers, and for a service and its interface declare two classes (`class MESHWA_SERVICE(\"greeter\") "
                "GreeterService : public Greeter`)";
}

}  // namespace

std::vector<MisplacedMarker> misplaced_markers(const clang::Decl& decl) {
  std::vector<MisplacedMarker> out;
  if (!decl.hasAttrs()) return out;
  // An instantiation carries its template's markers: the template is reported.
  if (const auto* spec = llvm::dyn_cast<clang::ClassTemplateSpecializationDecl>(&decl);
      spec != nullptr && spec->getSpecializationKind() != clang::TSK_ExplicitSpecialization) {
    return out;
  }
  if (const auto* fn = llvm::dyn_cast<clang::FunctionDecl>(&decl); fn != nullptr && fn->isTemplateInstantiation()) {
    return out;
  }
  if (const auto* var = llvm::dyn_cast<clang::VarDecl>(&decl);
      var != nullptr && clang::isTemplateInstantiation(var->getTemplateSpecializationKind())) {
    return out;
  }
  std::optional<Kind> kind;
  std::optional<Kind> unsafe_kind;
  // The first of MESHWA_MESSAGE, MESHWA_INTERFACE and MESHWA_SERVICE on the
  // class (also from an earlier declaration) says what it is.
  llvm::StringRef class_marker;
  for (const auto* attr : decl.specific_attrs<clang::AnnotateAttr>()) {
    const llvm::StringRef annotation = attr->getAnnotation();
    if (annotation == kMessageAnnotation || annotation == kInterfaceAnnotation || annotation == kServiceAnnotation) {
      class_marker = annotation;
      break;
    }
  }
  for (const auto* attr : decl.specific_attrs<clang::AnnotateAttr>()) {
    const llvm::StringRef annotation = attr->getAnnotation();
    if (annotation != kMessageAnnotation && annotation != kInterfaceAnnotation && annotation != kServiceAnnotation &&
        annotation != kUnsafeAnnotation) {
      continue;
    }
    if (attr->isInherited()) continue;  // reported where it is written
    std::optional<Kind>& which = annotation == kUnsafeAnnotation ? unsafe_kind : kind;
    if (!which) which = annotation == kUnsafeAnnotation ? unsafe_kind_of(decl) : kind_of(decl);
    if (which->what.empty()) {
      if (annotation != kUnsafeAnnotation && annotation != class_marker) {
        out.push_back(MisplacedMarker{attr->getLocation(), second_class_marker(decl, annotation, class_marker)});
      }
      continue;  // in place
    }
    std::string text = marker_macro(annotation).str() + " cannot mark " + which->what;
    if (const auto* named = llvm::dyn_cast<clang::NamedDecl>(&decl)) {
      const std::string name = named->getQualifiedNameAsString();
      if (!name.empty() && named->getIdentifier() != nullptr) text += " ('" + name + "')";
    }
    if (!which->why.empty()) text += ": " + which->why;
    text += "; put it on " + marker_placement(annotation).str() + ", or remove it";
    out.push_back(MisplacedMarker{attr->getLocation(), std::move(text)});
  }
  return out;
}

namespace {

/// Every declaration of a subtree in service code, markers checked.
class MarkerWalk : public clang::RecursiveASTVisitor<MarkerWalk> {
  using Base = clang::RecursiveASTVisitor<MarkerWalk>;

 public:
  MarkerWalk(const ServiceCode& code, std::vector<MisplacedMarker>& out) : code_(code), out_(out) {}
  bool shouldVisitTemplateInstantiations() const { return false; }
  bool shouldVisitImplicitCode() const { return false; }
  bool TraverseDecl(clang::Decl* d) {
    if (d == nullptr || !code_.contains(d->getLocation())) return true;
    std::vector<MisplacedMarker> found = misplaced_markers(*d);
    out_.insert(out_.end(), std::make_move_iterator(found.begin()), std::make_move_iterator(found.end()));
    return Base::TraverseDecl(d);
  }
  // A lambda's call operator is not walked as a declaration.
  bool VisitLambdaExpr(clang::LambdaExpr* lambda) {
    if (!code_.contains(lambda->getBeginLoc())) return true;
    std::vector<MisplacedMarker> found = misplaced_markers(*lambda->getCallOperator());
    out_.insert(out_.end(), std::make_move_iterator(found.begin()), std::make_move_iterator(found.end()));
    return true;
  }

 private:
  const ServiceCode& code_;
  std::vector<MisplacedMarker>& out_;
};

}  // namespace

std::vector<MisplacedMarker> misplaced_markers_within(const clang::Decl& root, const ServiceCode& code) {
  std::vector<MisplacedMarker> out;
  MarkerWalk walk(code, out);
  walk.TraverseDecl(const_cast<clang::Decl*>(&root));
  return out;
}

namespace {

std::string real_dir(llvm::StringRef dir) {
  llvm::SmallString<256> real;
  if (llvm::sys::fs::real_path(dir, real)) return dir.str();
  return std::string(real.str());
}

/// meshwa's own include directory (it holds meshwa/annotations.hpp):
/// `<prefix>/include` next to the binary this library is linked into (the
/// plugin in <prefix>/lib, the generator in <prefix>/bin), as installed; in
/// the build tree <build>/include links to the source tree's
/// (plugin/rules/CMakeLists.txt says why no path is compiled in). Only this
/// one: a directory that merely looks like include/meshwa is the user's code,
/// and checked.
const std::vector<std::string>& meshwa_include_dirs() {
  static const std::vector<std::string> dirs = [] {
    std::vector<std::string> out;
    Dl_info info{};
    if (dladdr(reinterpret_cast<void*>(&meshwa_include_dirs), &info) != 0 && info.dli_fname != nullptr) {
      llvm::SmallString<256> prefix(llvm::sys::path::parent_path(llvm::sys::path::parent_path(info.dli_fname)));
      llvm::sys::path::append(prefix, "include");
      out.push_back(real_dir(prefix));
    }
    return out;
  }();
  return dirs;
}

std::mutex g_generated_mutex;
std::vector<std::string> g_generated_dirs;

/// Is `path` (a file) inside `dir`, after resolving links?
bool inside(llvm::StringRef path, const std::string& dir) {
  const std::string file_dir = real_dir(llvm::sys::path::parent_path(path));
  return llvm::StringRef(file_dir) == dir || llvm::StringRef(file_dir).starts_with(dir + "/");
}

}  // namespace

bool is_meshwa_header(llvm::StringRef path) {
  for (const std::string& include : meshwa_include_dirs()) {
    llvm::SmallString<256> marker(include);
    llvm::sys::path::append(marker, "meshwa", "annotations.hpp");
    if (!llvm::sys::fs::exists(marker)) continue;
    if (inside(path, include + "/meshwa")) return true;
  }
  return false;
}

bool is_generated_text(llvm::StringRef text) { return text.starts_with(kGeneratedMarker); }

void trust_generated_dir(llvm::StringRef dir) {
  // An empty path names no directory, and `inside` would take "" as the
  // root: every file with the marker would be spared.
  if (dir.empty()) return;
  std::lock_guard lock(g_generated_mutex);
  g_generated_dirs.push_back(real_dir(dir));
}

bool is_generated_file(llvm::StringRef path, llvm::StringRef text) {
  if (!is_generated_text(text)) return false;
  std::lock_guard lock(g_generated_mutex);
  for (const std::string& dir : g_generated_dirs) {
    if (inside(path, dir)) return true;
  }
  return false;
}

bool ServiceCode::contains(clang::SourceLocation loc) const {
  if (loc.isInvalid()) return false;
  const clang::SourceLocation expansion = sources_.getExpansionLoc(loc);
  return contains_file(sources_.getFileID(expansion));
}

bool ServiceCode::contains_file(clang::FileID file) const {
  if (file.isInvalid()) return false;
  auto [it, inserted] = cache_.try_emplace(file, false);
  if (inserted) it->second = decide(file);
  return it->second;
}

bool ServiceCode::decide(clang::FileID file) const {
  // A system header by its directory (-isystem), or one that says so
  // itself with `#pragma clang system_header` (from that line on, for clang;
  // the whole file for the rules, which decide per file).
  if (sources_.isInSystemHeader(sources_.getLocForStartOfFile(file)) ||
      sources_.isInSystemHeader(sources_.getLocForEndOfFile(file))) {
    return false;
  }
  const clang::OptionalFileEntryRef entry = sources_.getFileEntryRefForID(file);
  if (!entry) return false;  // <built-in>, <command line>, scratch space
  if (is_meshwa_header(entry->getName())) return false;
  bool invalid = false;
  const llvm::StringRef text = sources_.getBufferData(file, &invalid);
  if (!invalid && is_generated_file(entry->getName(), text)) return false;
  return true;
}

clang::FileID ServiceCode::single_file(clang::SourceRange range) const {
  if (range.isInvalid()) return {};
  const auto [file, begin] = sources_.getDecomposedExpansionLoc(range.getBegin());
  const auto [end_file, end] = sources_.getDecomposedExpansionLoc(range.getEnd());
  if (file.isInvalid() || file != end_file || end < begin) return {};
  if (!includes_) {
    // Every file entered so far (the translation unit is complete when the
    // rules run) and where it was included from. Only locally loaded files:
    // a file from a precompiled header is not indexed here, and its ranges
    // get no answer (the caller then decides per statement).
    includes_.emplace();
    for (unsigned i = 0, n = sources_.local_sloc_entry_size(); i < n; ++i) {
      const clang::SrcMgr::SLocEntry& entry = sources_.getLocalSLocEntry(i);
      if (!entry.isFile()) continue;
      const clang::SourceLocation from = entry.getFile().getIncludeLoc();
      if (from.isInvalid()) continue;
      const auto [parent, offset] = sources_.getDecomposedExpansionLoc(from);
      (*includes_)[parent].push_back(offset);
    }
    for (auto& [parent, offsets] : *includes_) llvm::sort(offsets);
  }
  if (sources_.isLoadedFileID(file)) return {};
  const auto it = includes_->find(file);
  if (it == includes_->end()) return file;
  const auto next = std::upper_bound(it->second.begin(), it->second.end(), begin);
  if (next != it->second.end() && *next <= end) return {};
  return file;
}

bool ServiceCode::in_foreign_macro(const clang::Stmt& stmt) const {
  const auto* e = llvm::dyn_cast<clang::Expr>(&stmt);
  return in_foreign_macro(e != nullptr ? e->getExprLoc() : stmt.getBeginLoc());
}

bool ServiceCode::in_foreign_macro(clang::SourceLocation loc) const {
  if (!loc.isMacroID()) return false;
  // The spelling of the innermost macro body that produced this token. A
  // token made by ## (gtest's `gtest_##suite##_dummy_`, Google Benchmark's
  // unique names) is spelled in clang's scratch buffer, which is no file of
  // anyone's: the macro that pasted it is the one whose code it is, as in
  // clang's SourceManager::isInSystemMacro.
  clang::SourceLocation spelling = sources_.getSpellingLoc(loc);
  while (spelling.isValid() && sources_.isWrittenInScratchSpace(spelling) && loc.isMacroID()) {
    loc = sources_.getImmediateMacroCallerLoc(loc);
    spelling = sources_.getSpellingLoc(loc);
  }
  if (spelling.isInvalid() || sources_.isWrittenInScratchSpace(spelling)) return false;
  // A -D macro is the build's own code: a target's compile definitions are
  // written by its author, not by a library (unlike <built-in>'s predefines).
  if (sources_.isWrittenInCommandLineFile(spelling)) return false;
  return !contains_file(sources_.getFileID(spelling));
}

llvm::StringRef ServiceCode::written_macro_name(clang::SourceLocation loc, const clang::LangOptions& lang) const {
  if (!loc.isMacroID()) return {};
  // Up the chain of expansions to the one written in a file, not in a
  // macro body: its name is the token where that expansion begins.
  while (true) {
    const clang::SourceLocation caller = sources_.getImmediateMacroCallerLoc(loc);
    if (!caller.isMacroID()) break;
    loc = caller;
  }
  return clang::Lexer::getImmediateMacroName(loc, sources_, lang);
}

}  // namespace meshwa::rules
