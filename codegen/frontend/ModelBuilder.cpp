// The one translation unit of meshwa gen that includes clang's headers (each
// such TU costs ~10 s to compile): LibTooling front end, AST walk, and the
// translation of what it finds into the plain model.
#include "frontend/ModelBuilder.h"

#include <algorithm>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <tuple>

#include "Annotations.h"
#include "Crossable.h"
#include "Verdict.h"
#include "clang/AST/ASTConsumer.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/CXXInheritance.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/GlobalDecl.h"
#include "clang/AST/Mangle.h"
#include "clang/AST/QualTypeNames.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Driver/Types.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendAction.h"
#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "clang/Tooling/JSONCompilationDatabase.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "meshwa/start_text.hpp"

#ifndef MESHWA_CLANG_RESOURCE_DIR
#error "MESHWA_CLANG_RESOURCE_DIR must be defined (clang++-19 -print-resource-dir)"
#endif

namespace meshwa::gen {

std::string Diagnostic::str() const { return location.str() + ": " + severity + ": " + message; }

bool BuildOutcome::ok() const {
  if (compile_failed) return false;
  return std::none_of(diagnostics.begin(), diagnostics.end(), [](const Diagnostic& d) { return d.severity == "error"; });
}

const char* clang_resource_dir() { return MESHWA_CLANG_RESOURCE_DIR; }

namespace {

using namespace clang;

std::string normalize_path(llvm::StringRef path) {
  llvm::SmallString<256> p(path);
  llvm::sys::fs::make_absolute(p);
  llvm::sys::path::remove_dots(p, /*remove_dot_dot=*/true);
  return std::string(p.str());
}

// A path as clang reports the files it read (FileEntry's real path: symlinks
// resolved), so that a source spelled through a symlinked directory is found
// again: normalize_path() alone kept "lnk/svc.hpp" while the declarations
// said "real/svc.hpp", and the unit lost its service. A path that does not
// exist stays normalized.
std::string canonical_path(llvm::StringRef path) {
  const std::string normal = normalize_path(path);
  llvm::SmallString<256> real;
  if (llvm::sys::fs::real_path(normal, real)) return normal;
  return std::string(real.str());
}

// What one run shares across translation units.
struct Collected {
  const BuildOptions* options = nullptr;
  std::set<std::string> main_files;    // canonical paths (canonical_path) of the sources with compile commands
  std::set<std::string> owned_headers;  // canonical paths of the other sources
  std::map<std::string, Interface> interfaces;
  std::map<std::string, Message> messages;
  std::map<std::string, Enum> enums;
  // Interfaces and messages declared in a source file instead of a header, by file.
  std::map<std::string, std::vector<std::string>> in_sources;
  std::map<std::string, Location> first_in_source;
  std::map<std::string, Service> services;  // by qualified class name
  // MESHWA_SERVICE classes seen that belong to another unit (defined_here),
  // by qualified class name: what a unit that defines no service may have
  // meant to claim.
  std::map<std::string, Location> services_elsewhere;
  std::set<std::string> headers;
  // Interfaces without a method declared outside the unit's own files, by
  // qualified name: warned of only where a service of the unit implements one.
  std::map<std::string, Location> methodless;
  std::vector<Diagnostic> diagnostics;
  std::set<std::string> diagnostic_keys;  // a header seen by several TUs reports once
  std::set<std::string> unsafe_reason_marks;  // declarations whose MESHWA_UNSAFE reason was reported
  std::set<std::string> inputs;
  // MESHWA_UNSAFE function definitions in the unit's own files, outside
  // service classes (see Walker::unsafe_function).
  std::vector<UnsafeMark> unit_unsafe;

  void report(const Location& loc, const std::string& severity, const std::string& message) {
    if (!diagnostic_keys.insert(loc.str() + severity + message).second) return;
    diagnostics.push_back(Diagnostic{loc, severity, message});
  }
};

void report_methodless(Collected& collected, const std::string& interface, const Location& at) {
  collected.report(at, "warning",
                   "interface " + interface + " has no virtual methods; callers can do nothing with it [meshwa-gen]");
}

class Walker {
 public:
  Walker(ASTContext& ctx, Collected& out) : ctx_(ctx), sm_(ctx.getSourceManager()), code_(sm_), out_(out) {
    policy_ = PrintingPolicy(ctx.getLangOpts());
    policy_.SuppressTagKeyword = true;
    policy_.SuppressUnwrittenScope = true;
    policy_.FullyQualifiedName = true;
    policy_.Bool = true;
  }

  /// A MESHWA_MESSAGE, MESHWA_INTERFACE or MESHWA_SERVICE on the wrong kind
  /// of declaration (an enum, a function, a class template ...): the same
  /// [meshwa-marker] error as the plugin's, at the marker.
  void check_markers(const Decl& d) {
    if (!d.hasAttrs() || isa<TranslationUnitDecl>(d) || !code_.contains(d.getLocation())) return;
    for (const rules::MisplacedMarker& marker : rules::misplaced_markers(d)) {
      out_.report(where(marker.loc), "error", marker.message + " [meshwa-" + rules::kMarkerRule.str() + "]");
    }
  }

  /// MESHWA_UNSAFE without a usable reason, on any declaration of service
  /// code, whether or not a service reaches it yet: the plugin rejects it
  /// in every build ([meshwa-unsafe-reason]), and which code a service uses
  /// changes with every edit, so a generator run on its own refuses it too.
  /// Declarations inside function bodies are the plugin's alone.
  void check_unsafe_reason(const Decl& d) {
    if (!d.hasAttrs() || !writes_unsafe_mark(d) || !code_.contains(d.getLocation())) return;
    const std::optional<std::string> error = rules::unsafe_reason_error(&d);
    if (!error) return;
    const auto* named = dyn_cast<NamedDecl>(&d);
    report_unsafe_reason(d.getLocation(), named != nullptr ? named->getQualifiedNameAsString() : "",
                         llvm::StringRef(*error).starts_with("the reason of"));
  }

  /// The declaration where MESHWA_UNSAFE is written (clang copies it onto
  /// the later redeclarations, marked inherited): one report per mark.
  static bool writes_unsafe_mark(const Decl& d) {
    for (const auto* attr : d.specific_attrs<AnnotateAttr>()) {
      if (attr->getAnnotation() == rules::kUnsafeAnnotation && !attr->isInherited()) return true;
    }
    return false;
  }

  /// Once per marked declaration, by name, whichever finds it first: the
  /// service verdict below (the marks a service reaches, at the
  /// redeclaration it uses) or check_unsafe_reason (every mark, where it is
  /// written). In every translation unit that sees it, once.
  void report_unsafe_reason(SourceLocation loc, const std::string& decl_name, bool not_a_literal) {
    const Location at = where(loc);
    if (!out_.unsafe_reason_marks.insert(decl_name.empty() ? at.str() : decl_name).second) return;
    out_.report(at, "error",
                "MESHWA_UNSAFE on " + (decl_name.empty() ? std::string("this declaration") : decl_name) +
                    (not_a_literal ? " gives its reason as something other than a string literal, the only form "
                                     "meshwa gen and the service verdict read; write it out"
                                   : " gives no reason; say why the code cannot be proven safe") +
                    ", as in MESHWA_UNSAFE(\"wraps zlib\"): --list and the domain show it [meshwa-unsafe-reason]");
  }

  /// The same for `d` and everything inside it (bodies, templates), which
  /// the RecordVisitor skips: only the markers written there are checked, and
  /// only in service code (the standard library's bodies are never walked).
  void check_markers_within(const Decl& d) {
    for (const rules::MisplacedMarker& marker : rules::misplaced_markers_within(d, code_)) {
      out_.report(where(marker.loc), "error", marker.message + " [meshwa-" + rules::kMarkerRule.str() + "]");
    }
  }

  void record(const CXXRecordDecl& rd) {
    if (!rd.isThisDeclarationADefinition() || rd.isDependentContext() || rd.isInvalidDecl()) return;
    if (isa<ClassTemplateSpecializationDecl>(rd)) return;
    const bool interface = rules::is_interface(&rd);
    const bool message = rules::is_message(&rd);
    const auto service = rules::service_name(&rd);
    if (!interface && !message && !service) return;
    // Services: service code only (meshwa's own headers, system headers and
    // generated files are not). Interfaces and messages: wherever the marker
    // is written (model_file), system headers too.
    if (service ? !code_.contains(rd.getLocation()) : !model_file(rd.getLocation())) return;
    const char* kind = service ? "service" : interface ? "interface" : "message";
    if (rd.isInAnonymousNamespace()) {
      // The generated files are other translation units: they cannot name it.
      out_.report(where(rd.getLocation()), "error",
                  std::string(kind) + " " + rd.getNameAsString() +
                      " is in an anonymous namespace, which the generated stubs, registration and tests (other "
                      "files) cannot name; move it into a named namespace [meshwa-gen]");
      return;
    }
    if (service && !service_annotation_ok(rd, *service)) return;
    if ((interface || message) && in_main_file(rd)) {
      const Location at = where(rd.getLocation());
      auto& names = out_.in_sources[at.file];
      if (names.empty()) out_.first_in_source[at.file] = at;
      if (std::find(names.begin(), names.end(), rd.getQualifiedNameAsString()) == names.end()) {
        names.push_back(rd.getQualifiedNameAsString());
      }
    }
    if (interface) add_interface(rd);
    if (message) add_message(rd);
    if (service) add_service(rd, *service);
  }

  /// A function defined in one of the unit's files may be called from
  /// another file of the unit through a declaration that shows nothing of
  /// what it runs (a local redeclaration, an extern "C" prototype, a .c
  /// file), which the caller's verdict cannot see. When the function is
  /// MESHWA_UNSAFE, a method of a MESHWA_UNSAFE class, or uses unsafe code
  /// (constructs a MESHWA_UNSAFE class, calls a MESHWA_UNSAFE function:
  /// rules::unsafe_code_of, at the end of the translation unit), every
  /// service of the unit is unsafe (build_model): "proven safe or isolated,
  /// never neither". Members of service classes are judged by the service's
  /// own verdict; static functions are seen by every caller in their file.
  void unsafe_function(const FunctionDecl& fd) {
    if (!fd.doesThisDeclarationHaveABody() || fd.isDependentContext() || fd.isInvalidDecl()) return;
    if (!fd.isExternallyVisible() || !code_.contains(fd.getLocation()) || !in_unit_file(fd.getLocation())) return;
    if (const auto* method = dyn_cast<CXXMethodDecl>(&fd)) {
      if (rules::service_name(method->getParent())) return;
      // A method of a MESHWA_UNSAFE class: a caller sees the class's mark
      // (its definition is needed for the call), and its verdict follows it.
      if (!rules::unsafe_reason(method) && rules::unsafe_cover(method->getParent()) != nullptr) return;
    }
    exported_.push_back(&fd);
  }

  /// The same for a variable the unit exports: MESHWA_UNSAFE on it (or on
  /// its class, a static data member) is not on the `extern` declaration
  /// another file reads it through.
  void unsafe_variable(const VarDecl& vd) {
    if (vd.isThisDeclarationADefinition() == VarDecl::DeclarationOnly || vd.isInvalidDecl() ||
        vd.getDeclContext()->isDependentContext() || isa<ParmVarDecl>(vd) || vd.getParentFunctionOrMethod() != nullptr) {
      return;
    }
    if (!vd.isExternallyVisible() || !code_.contains(vd.getLocation()) || !in_unit_file(vd.getLocation())) return;
    if (const auto* owner = dyn_cast<CXXRecordDecl>(vd.getDeclContext()); owner != nullptr && rules::service_name(owner)) {
      return;
    }
    const Decl* cover = rules::unsafe_cover(&vd);
    if (cover == nullptr) return;
    const auto* named = dyn_cast<NamedDecl>(cover);
    add_unit_mark(rules::unsafe_reason(cover).value_or(std::string()),
                  named != nullptr ? named->getQualifiedNameAsString() : std::string(), cover->getLocation());
  }

  /// End of the translation unit: the unsafe code its exported functions use.
  void finish_unit() {
    for (const rules::UnsafeMark& mark : rules::unsafe_code_of(exported_, ctx_)) {
      add_unit_mark(mark.reason, mark.decl_name, mark.loc);
    }
    exported_.clear();
  }

 private:
  void add_unit_mark(const std::string& reason, const std::string& decl, SourceLocation loc) {
    if (llvm::StringRef(reason).trim().empty()) return;  // no reason: the plugin reports it
    UnsafeMark mark{reason, decl, where(loc)};
    if (std::find(out_.unit_unsafe.begin(), out_.unit_unsafe.end(), mark) == out_.unit_unsafe.end()) {
      out_.unit_unsafe.push_back(std::move(mark));
    }
  }

  /// Does the file holding `loc` provide MESHWA_INTERFACE and
  /// MESHWA_MESSAGE classes to the model? Service code does, and so does a
  /// system header (reached through -isystem: CMake's SYSTEM, the default
  /// for the include directories of an imported target, such as another
  /// team's API package): the marker is explicit, and the unit's services
  /// implement, call and pass what is declared there. meshwa's own headers
  /// and generated files do not.
  bool model_file(SourceLocation loc) const {
    if (code_.contains(loc)) return true;
    if (loc.isInvalid()) return false;
    const FileID file = sm_.getFileID(sm_.getExpansionLoc(loc));
    if (file.isInvalid() || !sm_.isInSystemHeader(sm_.getLocForStartOfFile(file))) return false;
    const OptionalFileEntryRef entry = sm_.getFileEntryRefForID(file);
    if (!entry || rules::is_meshwa_header(entry->getName())) return false;
    bool invalid = false;
    const llvm::StringRef text = sm_.getBufferData(file, &invalid);
    if (invalid || rules::is_generated_file(entry->getName(), text)) return false;
    model_system_files_.insert(file);
    return true;
  }

  /// Is `loc` in one of the unit's own sources (not in a header of another
  /// target that a source includes)?
  bool in_unit_file(SourceLocation loc) const {
    const std::string file = file_path(sm_.getFileID(sm_.getFileLoc(loc)));
    return out_.main_files.count(file) != 0 || out_.owned_headers.count(file) != 0;
  }

  /// The service annotation is MESHWA_SERVICE("name") with one narrow string
  /// literal, the same on every declaration of the class; the name goes into
  /// generated code, --list and configuration keys, so a control character
  /// in it is an error too.
  bool service_annotation_ok(const CXXRecordDecl& rd, const std::string& name) {
    const std::string cls = rd.getQualifiedNameAsString();
    const AnnotateAttr* first = nullptr;
    for (const Decl* redecl : rd.redecls()) {
      for (const auto* attr : redecl->specific_attrs<AnnotateAttr>()) {
        if (attr->getAnnotation() != rules::kServiceAnnotation || attr->isInherited()) continue;
        const std::optional<std::string> text =
            attr->args_size() == 1 ? rules::annotation_string(attr, 0) : std::nullopt;
        if (!text) {
          out_.report(where(attr->getLocation()), "error",
                      "the name of service class " + cls + " must be one string literal, as in MESHWA_SERVICE(\"" +
                          rd.getNameAsString() +
                          "\"): the generator writes it into the registration, --list and configuration keys "
                          "[meshwa-gen]");
          return false;
        }
        if (first != nullptr && *text != name) {
          out_.report(where(attr->getLocation()), "error",
                      "service class " + cls + " is named twice, '" + name + "' and '" + *text +
                          "'; a service has one name: keep one MESHWA_SERVICE [meshwa-gen]");
          out_.report(where(first->getLocation()), "note", "the first MESHWA_SERVICE is here");
          return false;
        }
        if (first == nullptr) first = attr;
      }
    }
    for (char c : name) {
      if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
        out_.report(where(first != nullptr ? first->getLocation() : rd.getLocation()), "error",
                    "the name of service class " + cls +
                        " contains a control character (a line break or a tab, say); use a plain name such as "
                        "MESHWA_SERVICE(\"" + rd.getNameAsString() + "\") [meshwa-gen]");
        return false;
      }
    }
    return true;
  }

  // The place clang's own diagnostics name (TextDiagnostic: the file
  // location of a macro expansion, presumed): a #line directive's line and,
  // when it gives one, its file name as written there, so that gen's errors
  // and the compiler's agree in #line-ed (generated) sources. Without a
  // #line file name, the file's canonical path.
  Location where(SourceLocation loc) const {
    Location l;
    const SourceLocation expansion = sm_.getFileLoc(loc);
    const PresumedLoc p = sm_.getPresumedLoc(expansion);
    if (p.isInvalid()) return l;
    const PresumedLoc physical = sm_.getPresumedLoc(expansion, /*UseLineDirectives=*/false);
    if (physical.isValid() && llvm::StringRef(p.getFilename()) != physical.getFilename()) {
      l.file = p.getFilename();
    } else {
      l.file = file_path(sm_.getFileID(expansion));
      if (l.file.empty()) l.file = normalize_path(p.getFilename());
    }
    l.line = p.getLine();
    l.column = p.getColumn();
    return l;
  }

  std::string file_path(FileID fid) const {
    OptionalFileEntryRef entry = sm_.getFileEntryRefForID(fid);
    if (!entry) return {};
    llvm::StringRef real = entry->getFileEntry().tryGetRealPathName();
    return normalize_path(real.empty() ? entry->getName() : real);
  }

  // How generated code names the header declaring `decl`: its path, relative
  // to --include-root when it is under it.
  std::string header_of(const Decl& decl) const {
    std::string path = file_path(sm_.getFileID(sm_.getFileLoc(decl.getLocation())));
    const std::string& root = out_.options->include_root;
    if (!root.empty()) {
      std::string prefix = root;
      if (!prefix.empty() && prefix.back() != '/') prefix += '/';
      if (path.compare(0, prefix.size(), prefix) == 0) path = path.substr(prefix.size());
    }
    return path;
  }

  bool in_main_file(const Decl& decl) const {
    return out_.main_files.count(file_path(sm_.getFileID(sm_.getFileLoc(decl.getLocation())))) != 0;
  }
  bool in_owned_file(const Decl& decl) const {
    const std::string path = file_path(sm_.getFileID(sm_.getFileLoc(decl.getLocation())));
    return out_.main_files.count(path) != 0 || out_.owned_headers.count(path) != 0;
  }

  std::string spell(QualType t) const { return TypeName::getFullyQualifiedName(written(t), ctx_, policy_); }

  // clang's getFullyQualifiedName qualifies each template argument, but not
  // the elements of an argument pack. A type as written keeps its arguments
  // one by one; a specialization read back from its declaration (the T of a
  // Result<T>) has them as a pack: std::variant<A, B> came out without A's
  // and B's namespaces. Such a type is rebuilt here as a written
  // specialization with the pack expanded, recursively.
  //
  // decltype(expr), typeof and a named constant as a template argument
  // (`std::array<uint8_t, kKeySize>`) are printed as written, and the
  // expression names things as the interface's scope sees them, which
  // generated code in another scope cannot: the type they stand for, and the
  // constant's value, are spelled instead, also inside template arguments.
  QualType written(QualType t) const {
    if (t.isNull()) return t;
    const Qualifiers quals = t.getLocalQualifiers();
    const QualType bare = t.getLocalUnqualifiedType();
    if (const auto* ref = dyn_cast<LValueReferenceType>(bare.getTypePtr())) {
      return ctx_.getQualifiedType(ctx_.getLValueReferenceType(written(ref->getPointeeType())), quals);
    }
    if (const auto* ref = dyn_cast<RValueReferenceType>(bare.getTypePtr())) {
      return ctx_.getQualifiedType(ctx_.getRValueReferenceType(written(ref->getPointeeType())), quals);
    }
    if (is_expression_type(bare.getTypePtr())) {
      return ctx_.getQualifiedType(written(bare.getSingleStepDesugaredType(ctx_)), quals);
    }
    if (const auto* elaborated = dyn_cast<ElaboratedType>(bare.getTypePtr());
        elaborated != nullptr && names_expression_type(elaborated->getNamedType())) {
      return ctx_.getQualifiedType(written(elaborated->getNamedType()), quals);
    }
    if (const auto* tst = dyn_cast<TemplateSpecializationType>(bare.getTypePtr());
        tst != nullptr && names_expression_type(bare)) {
      llvm::SmallVector<TemplateArgument, 8> args;
      for (const TemplateArgument& arg : tst->template_arguments()) {
        if (arg.getKind() == TemplateArgument::Type) {
          args.push_back(TemplateArgument(written(arg.getAsType())));
        } else if (std::optional<llvm::APSInt> value = named_constant(arg)) {
          args.push_back(TemplateArgument(ctx_, *value, arg.getAsExpr()->getType().getUnqualifiedType()));
        } else {
          args.push_back(arg);
        }
      }
      return ctx_.getQualifiedType(
          ctx_.getTemplateSpecializationType(tst->getTemplateName(), args, bare.getCanonicalType()), quals);
    }
    if (isa<TemplateSpecializationType, TypedefType, ElaboratedType>(bare.getTypePtr())) return t;  // as written
    const auto* spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(bare->getAsCXXRecordDecl());
    if (spec == nullptr || !isa<RecordType>(bare.getTypePtr())) return t;
    llvm::SmallVector<TemplateArgument, 8> args;
    bool changed = false;
    const auto add = [&](const TemplateArgument& arg) {
      if (arg.getKind() != TemplateArgument::Type) return args.push_back(arg);
      const QualType inner = written(arg.getAsType());
      changed = changed || inner != arg.getAsType();
      args.push_back(TemplateArgument(inner));
    };
    for (const TemplateArgument& arg : spec->getTemplateArgs().asArray()) {
      if (arg.getKind() != TemplateArgument::Pack) {
        add(arg);
        continue;
      }
      changed = true;
      for (const TemplateArgument& element : arg.pack_elements()) add(element);
    }
    if (!changed) return t;
    const QualType rebuilt =
        ctx_.getTemplateSpecializationType(TemplateName(spec->getSpecializedTemplate()), args, bare.getCanonicalType());
    return ctx_.getQualifiedType(rebuilt, quals);
  }

  static bool is_expression_type(const Type* t) { return isa<DecltypeType, TypeOfExprType, TypeOfType>(t); }
  /// The value of a template argument written as an integral constant
  /// expression other than a literal (`std::array<uint8_t, kKeySize>`,
  /// `Key::kN`, `kKeySize * 2`): printed as written, it names constants as
  /// the interface's scope sees them, so generated code gets the value.
  std::optional<llvm::APSInt> named_constant(const TemplateArgument& arg) const {
    if (arg.getKind() != TemplateArgument::Expression) return std::nullopt;
    const Expr* e = arg.getAsExpr();
    if (e == nullptr || e->isValueDependent()) return std::nullopt;
    // A literal stays as written: spellings (lock entries, overload keys) do not change.
    if (isa<IntegerLiteral, CXXBoolLiteralExpr, CharacterLiteral>(e->IgnoreParenImpCasts())) return std::nullopt;
    return e->getIntegerConstantExpr(ctx_);
  }
  /// Does the type as written hold decltype/typeof or a named constant
  /// (through references, elaboration and template arguments; a typedef's
  /// name hides its own)?
  bool names_expression_type(QualType t) const {
    if (t.isNull()) return false;
    const Type* type = t.getTypePtr();
    if (is_expression_type(type)) return true;
    if (const auto* ref = dyn_cast<ReferenceType>(type)) return names_expression_type(ref->getPointeeTypeAsWritten());
    if (const auto* elaborated = dyn_cast<ElaboratedType>(type)) return names_expression_type(elaborated->getNamedType());
    if (const auto* tst = dyn_cast<TemplateSpecializationType>(type)) {
      for (const TemplateArgument& arg : tst->template_arguments()) {
        if (arg.getKind() == TemplateArgument::Type && names_expression_type(arg.getAsType())) return true;
        if (named_constant(arg)) return true;
      }
    }
    return false;
  }

  static const ClassTemplateSpecializationDecl* meshwa_template(QualType t, llvm::StringRef name) {
    const auto* spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(t.getCanonicalType()->getAsCXXRecordDecl());
    if (!spec) return nullptr;
    if (spec->getQualifiedNameAsString() != ("meshwa::" + name).str()) return nullptr;
    return spec;
  }

  /// The meshwa::Ref<T> inside `type` (through references, pointers and
  /// template arguments) whose T is no MESHWA_INTERFACE, or null.
  static const ClassTemplateSpecializationDecl* ref_to_no_interface(QualType type, int depth = 0) {
    if (type.isNull() || depth > 16 || type->isDependentType()) return nullptr;
    QualType t = type.getCanonicalType().getNonReferenceType();
    while (t->isPointerType()) t = t->getPointeeType().getCanonicalType();
    if (const auto* ref = meshwa_template(t, "Ref")) {
      return rules::names_no_interface(ref->getTemplateArgs()[0].getAsType()) ? ref : nullptr;
    }
    const auto* spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(t->getAsCXXRecordDecl());
    if (spec == nullptr) return nullptr;
    for (const TemplateArgument& arg : spec->getTemplateArgs().asArray()) {
      if (arg.getKind() == TemplateArgument::Type) {
        if (const auto* found = ref_to_no_interface(arg.getAsType(), depth + 1)) return found;
      }
      if (arg.getKind() != TemplateArgument::Pack) continue;
      for (const TemplateArgument& elem : arg.pack_elements()) {
        if (elem.getKind() != TemplateArgument::Type) continue;
        if (const auto* found = ref_to_no_interface(elem.getAsType(), depth + 1)) return found;
      }
    }
    return nullptr;
  }

  /// Where `written` (a declaration's type as written) spells the argument
  /// of the specialization `ref`, or an invalid TypeLoc (an alias hides it).
  static TypeLoc ref_argument_in(TypeLoc written, const ClassTemplateSpecializationDecl* ref) {
    class Finder : public RecursiveASTVisitor<Finder> {
     public:
      explicit Finder(const ClassTemplateSpecializationDecl* target) : target_(target) {}
      bool VisitTemplateSpecializationTypeLoc(TemplateSpecializationTypeLoc tl) {
        if (tl.getNumArgs() == 0 || tl.getType().getCanonicalType()->getAsCXXRecordDecl() != target_) return true;
        const TemplateDecl* written = tl.getTypePtr()->getTemplateName().getAsTemplateDecl();
        if (written == nullptr || written->getCanonicalDecl() != target_->getSpecializedTemplate()->getCanonicalDecl()) {
          return true;  // an alias template: its arguments need not be the Ref's
        }
        if (const TypeSourceInfo* arg = tl.getArgLoc(0).getTypeSourceInfo()) found = arg->getTypeLoc();
        return found.isNull();
      }
      TypeLoc found;

     private:
      const ClassTemplateSpecializationDecl* target_;
    };
    Finder finder(ref);
    if (!written.isNull()) finder.TraverseTypeLoc(written);
    return finder.found;
  }

  static TypeLoc type_loc(const DeclaratorDecl* d) {
    const TypeSourceInfo* tsi = d->getTypeSourceInfo();
    return tsi != nullptr ? tsi->getTypeLoc() : TypeLoc();
  }

  /// The error for `spelling` (`meshwa::Ref<T>` or `ctx.ref<T>()`) naming
  /// `target`, which is no MESHWA_INTERFACE, at `loc`.
  void report_ref_to_no_interface(QualType target, SourceLocation loc, bool call) {
    std::string implemented;
    const CXXRecordDecl* rd = target.getCanonicalType()->getAsCXXRecordDecl();
    if (rd != nullptr && rd->hasDefinition() && rules::service_name(rd)) {
      std::vector<const CXXRecordDecl*> interfaces;
      collect_interfaces(*rd->getDefinition(), interfaces);
      if (!interfaces.empty()) implemented = interfaces.front()->getQualifiedNameAsString();
    }
    out_.report(where(loc), "error",
                rules::no_interface_ref_message(spell(target), call, implemented) + " [meshwa-service-impl-call]");
  }

  /// A declaration's type holding a meshwa::Ref<T> of no interface: the
  /// error at the T as written (else at `fallback`). True when reported.
  bool check_ref_target(QualType type, TypeLoc written, SourceLocation fallback) {
    const ClassTemplateSpecializationDecl* ref = ref_to_no_interface(type);
    if (ref == nullptr) return false;
    const TypeLoc arg = ref_argument_in(written, ref);
    if (arg.isNull()) {
      report_ref_to_no_interface(ref->getTemplateArgs()[0].getAsType(), fallback, false);
    } else {
      report_ref_to_no_interface(arg.getType(), arg.getBeginLoc(), false);
    }
    return true;
  }

  /// A std::variant<> (no alternatives) in `t`, through template arguments
  /// (Result, vector, optional, ...); nullptr when there is none.
  static const ClassTemplateSpecializationDecl* empty_variant(QualType t, int depth = 0) {
    if (t.isNull() || depth > 32 || t->isDependentType()) return nullptr;
    t = t.getCanonicalType().getNonReferenceType();
    const auto* spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(t->getAsCXXRecordDecl());
    if (spec == nullptr) return nullptr;
    const llvm::ArrayRef<TemplateArgument> args = spec->getTemplateArgs().asArray();
    if (spec->isInStdNamespace() && spec->getName() == "variant" && args.size() == 1 &&
        args[0].getKind() == TemplateArgument::Pack && args[0].pack_size() == 0) {
      return spec;
    }
    for (const TemplateArgument& arg : args) {
      if (arg.getKind() == TemplateArgument::Type) {
        if (const auto* found = empty_variant(arg.getAsType(), depth + 1)) return found;
      } else if (arg.getKind() == TemplateArgument::Pack) {
        for (const TemplateArgument& element : arg.pack_elements()) {
          if (element.getKind() != TemplateArgument::Type) continue;
          if (const auto* found = empty_variant(element.getAsType(), depth + 1)) return found;
        }
      }
    }
    return nullptr;
  }

  void check_boundary(QualType type, rules::Position position, SourceLocation loc, const std::string& what) {
    if (type->isDependentType()) return;
    // Crossable as far as the rules go, but no value of it exists, and the
    // generated JSON and property tests would instantiate it: libstdc++'s
    // static_assert "variant must have at least one alternative" in a
    // generated file.
    if (const ClassTemplateSpecializationDecl* empty = empty_variant(type)) {
      const QualType whole = type.getNonReferenceType().getUnqualifiedType();
      const bool itself = whole.getCanonicalType()->getAsCXXRecordDecl() == empty;
      out_.report(where(loc), "error",
                  what + (itself ? " is std::variant<>" : " holds std::variant<> (in " + spell(whole) + ")") +
                      ", a variant of no alternatives: no value of it exists, and the generated code that reads, "
                      "writes and tests it cannot instantiate it; list the alternatives it holds "
                      "(std::variant<A, B>), or use std::monostate for a value that carries nothing [meshwa-gen]");
    }
    auto problem = rules::why_not_crossable(type, ctx_, position);
    if (!problem) return;
    // A message's anonymous union or unnamed struct: said at the member, in
    // its own words, once (not as "AnonU.(anonymous) is a class that is not
    // a message; mark it MESHWA_MESSAGE", which cannot be done).
    if (const auto* field = dyn_cast_or_null<FieldDecl>(problem->field)) {
      if (const auto* parent = dyn_cast<CXXRecordDecl>(field->getParent())) {
        Message holder;
        holder.qualified_name = parent->getQualifiedNameAsString();
        if (report_unnamed_member(*field, holder)) return;
      }
    }
    out_.report(where(loc), "error",
                what + " may not cross a service boundary: " + problem->message() + " [meshwa-boundary-type]");
    if (problem->field) {
      out_.report(where(problem->field->getLocation()), "note", "the offending member is declared here");
    }
    note_declared(*problem);
  }

  // An incomplete class: where it is declared, which is where to look for
  // the header that should define it.
  void note_declared(const rules::CrossabilityProblem& problem) {
    const auto* named = dyn_cast_or_null<NamedDecl>(problem.declared);
    if (named == nullptr) return;
    out_.report(where(named->getLocation()), "note",
                "'" + named->getQualifiedNameAsString() + "' is declared here, but not defined");
  }

  // A member function of an interface that callers may reach through Ref<I>
  // (the non-virtual ones among them are reported).
  static bool is_interface_method_candidate(const CXXMethodDecl& m) {
    return !(m.isImplicit() || m.isDeleted() || m.isStatic() || isa<CXXConstructorDecl>(m) ||
             isa<CXXDestructorDecl>(m) || m.isCopyAssignmentOperator() || m.isMoveAssignmentOperator());
  }

  // What names a method among its interface's: name, constness, parameter
  // types as generated code spells them. The interface's model and the
  // services' DirectCall keys are both built from it, so they always match.
  Method method_shape(const CXXMethodDecl& m) const {
    Method out;
    out.name = m.getNameAsString();
    out.is_const = m.isConst();
    for (const ParmVarDecl* p : m.parameters()) {
      Param param;
      // A top-level const on a by-value parameter is not part of the
      // function's type (`f(const int)` is `f(int)`): an override may drop
      // it, and GoogleMock's matchers are built from the function type.
      QualType t = p->getType();
      if (!t->isReferenceType()) t = t.getUnqualifiedType();
      param.type = spell(t);
      out.params.push_back(std::move(param));
    }
    return out;
  }

  bool itanium_abi() const { return ctx_.getTargetInfo().getCXXABI().isItaniumFamily(); }

  // An interface's methods with those it inherits (an interface may extend
  // another): the stub behind Ref<I> and the mock implement all of them. A
  // base's method that a derived class redeclares with the same shape counts
  // once, as the derived one.
  std::vector<const CXXMethodDecl*> interface_methods(const CXXRecordDecl& rd) const {
    std::vector<const CXXMethodDecl*> out;
    std::vector<std::string> seen;
    collect_methods(rd, out, seen);
    return out;
  }
  void collect_methods(const CXXRecordDecl& rd, std::vector<const CXXMethodDecl*>& out,
                       std::vector<std::string>& seen) const {
    for (const CXXMethodDecl* m : rd.methods()) {
      if (!is_interface_method_candidate(*m)) continue;
      std::string key = method_shape(*m).signature();
      if (std::find(seen.begin(), seen.end(), key) != seen.end()) continue;
      seen.push_back(std::move(key));
      out.push_back(m);
    }
    for (const CXXBaseSpecifier& base : rd.bases()) {
      const CXXRecordDecl* b = base.getType()->getAsCXXRecordDecl();
      if (b != nullptr && b->hasDefinition()) collect_methods(*b->getDefinition(), out, seen);
    }
  }

  /// Why a virtual method cannot be a call between services, or null.
  static const char* unsupported_method_shape(const CXXMethodDecl& m) {
    if (isa<CXXConversionDecl>(m)) {
      return "is a conversion operator, which a stub cannot forward as a call; make it a named method "
             "(e.g. `virtual int to_int() = 0;`)";
    }
    if (m.isOverloadedOperator()) {
      return "is an operator, which the generated GoogleMock mock cannot declare (MOCK_METHOD takes a name); "
             "make it a named method (e.g. `virtual int apply(int x) = 0;`)";
    }
    if (m.getRefQualifier() != RQ_None) {
      return "has a reference qualifier (& or &&): a caller holds a meshwa::Ref, never the object itself; "
             "remove the qualifier";
    }
    if (m.isVariadic()) {
      return "takes C variadic arguments (...), which have no type to check at the boundary; take the values as "
             "a std::vector or a message instead";
    }
    return nullptr;
  }

  // The parameters' names in generated code and JSON: as declared, and for
  // an unnamed one "arg<N>" (N its position), with "_" appended while that
  // is the name of another parameter (`f(int, int arg0)` gets arg0_ and
  // arg0), so the names are unique and the same in every run.
  static std::vector<std::string> param_names(const CXXMethodDecl& m) {
    std::set<std::string> taken;
    for (const ParmVarDecl* p : m.parameters()) {
      if (!p->getName().empty()) taken.insert(p->getNameAsString());
    }
    std::vector<std::string> out;
    for (const ParmVarDecl* p : m.parameters()) {
      if (!p->getName().empty()) {
        out.push_back(p->getNameAsString());
        continue;
      }
      std::string name = "arg" + std::to_string(out.size());
      while (taken.count(name) != 0) name += "_";
      taken.insert(name);
      out.push_back(std::move(name));
    }
    return out;
  }

  static constexpr unsigned kMaxMockParams = 15;

  /// <unit>.mocks.hpp defines the GoogleMock mock of interface I as
  /// Mock<I> in I's namespace (docs/contracts.md §1): a class of that name
  /// already there (a team's hand-written double) would be defined twice in
  /// every consumer test.
  void check_mock_name(const CXXRecordDecl& rd, const Interface& i) {
    std::string mock = "Mock";
    for (const char c : i.local_name()) {
      if (c != ':') mock += c;
    }
    std::vector<const DeclContext*> scopes;
    const DeclContext* dc = rd.getEnclosingNamespaceContext();
    scopes.push_back(dc);
    // The mock goes into the nearest namespace that is not inline.
    while (const auto* ns = dyn_cast<NamespaceDecl>(dc)) {
      if (!ns->isInline()) break;
      dc = ns->getParent();
      scopes.push_back(dc);
    }
    for (const DeclContext* scope : scopes) {
      for (const NamedDecl* found : scope->getPrimaryContext()->lookup(&ctx_.Idents.get(mock))) {
        const Decl* at = found;
        const std::string file = file_path(sm_.getFileID(sm_.getFileLoc(at->getLocation())));
        if (llvm::StringRef(file).ends_with(".mocks.hpp")) continue;  // generated: the mock itself
        out_.report(where(at->getLocation()), "error",
                    found->getQualifiedNameAsString() + " has the name of the GoogleMock mock that meshwa gen writes "
                    "for interface " + i.qualified_name + " (in <unit>.mocks.hpp, next to the interface), which "
                    "would then be defined twice in every consumer test; rename it (FakeX for a hand-written "
                    "double), or delete it and use the generated mock [meshwa-gen]");
        out_.report(where(rd.getLocation()), "note", "the interface " + i.qualified_name + " is declared here");
        return;
      }
    }
  }

  /// Why copying a value of `t` does not compile ("" when it does): as
  /// meshwa::detail::copy_compiles decides it for the gate, through
  /// containers, optional, pair, tuple, variant (their type arguments) and
  /// the members of a class, stopping at handles that copy whatever they
  /// point at (Shared, Ref, std::shared_ptr).
  std::string copy_fails(QualType t, std::set<const CXXRecordDecl*>& seen, int depth = 0) const {
    if (t.isNull() || depth > 32 || t->isDependentType()) return "";
    t = t.getCanonicalType().getNonReferenceType();
    const auto* rd = t->getAsCXXRecordDecl();
    if (rd == nullptr || !seen.insert(rd).second) return "";
    const std::string name = rd->getQualifiedNameAsString();
    if (name == "meshwa::Shared" || name == "meshwa::Ref" || name == "std::shared_ptr") return "";
    const bool owned = name == "meshwa::Owned";
    // The argument itself an Owned: the gate copies what it points at into
    // a new one (a handle); inside anything else it cannot be copied.
    if ((owned && depth > 0) || name == "std::unique_ptr") return "it holds a " + spell(t) + ", which is move-only";
    // A specialization used only by reference need not be instantiated:
    // its arguments decide (std::vector<meshwa::Owned<M>>).
    if (const auto* spec = dyn_cast<ClassTemplateSpecializationDecl>(rd)) {
      const auto arg_fails = [&](const TemplateArgument& arg) -> std::string {
        return arg.getKind() == TemplateArgument::Type ? copy_fails(arg.getAsType(), seen, depth + 1) : "";
      };
      for (const TemplateArgument& arg : spec->getTemplateArgs().asArray()) {
        if (arg.getKind() == TemplateArgument::Pack) {
          for (const TemplateArgument& element : arg.pack_elements()) {
            if (std::string why = arg_fails(element); !why.empty()) return why;
          }
        } else if (std::string why = arg_fails(arg); !why.empty()) {
          return why;
        }
      }
      if (owned || rd->isInStdNamespace()) return "";  // a library type: its arguments decide
    }
    if (!rd->hasDefinition()) return "";
    rd = rd->getDefinition();
    bool deleted = false;
    for (const CXXConstructorDecl* c : rd->ctors()) {
      if (!c->isCopyConstructor()) continue;
      if (c->isDeleted()) deleted = true;
      else if (c->isUserProvided()) return "";  // copies as its author wrote
    }
    for (const FieldDecl* f : rd->fields()) {
      if (std::string why = copy_fails(f->getType(), seen, depth + 1); !why.empty()) return why;
    }
    if (deleted || (rd->needsImplicitCopyConstructor() && rd->defaultedCopyConstructorIsDeleted())) {
      return spell(t) + "'s copy constructor is deleted";
    }
    return "";
  }

  /// A member function template of `iface` (or of a base it inherits
  /// methods from) is never virtual, and CXXRecordDecl::methods() does not
  /// list it: like any non-virtual method, a call through Ref<I> would run
  /// it in the caller, past the stub. True when one was reported.
  bool report_method_templates(const CXXRecordDecl& rd, const CXXRecordDecl& iface) {
    bool reported = false;
    for (const Decl* d : rd.decls()) {
      const auto* t = dyn_cast<FunctionTemplateDecl>(d);
      const auto* m = t ? dyn_cast<CXXMethodDecl>(t->getTemplatedDecl()) : nullptr;
      // Static members and constructors act on no service instance.
      if (m == nullptr || m->isStatic() || isa<CXXConstructorDecl>(m)) continue;
      out_.report(where(m->getLocation()), "error",
                  "method '" + m->getNameAsString() + "' of interface " + iface.getQualifiedNameAsString() +
                      " is a member template, which cannot be virtual; a call through meshwa::Ref<" +
                      iface.getNameAsString() +
                      "> would run it in the caller instead of the service: declare a virtual method per type "
                      "(`virtual int32_t get_int() = 0;`), or move it out of the interface into a free function "
                      "template [meshwa-gen]");
      reported = true;
    }
    for (const CXXBaseSpecifier& base : rd.bases()) {
      const CXXRecordDecl* b = base.getType()->getAsCXXRecordDecl();
      if (b != nullptr && b->hasDefinition() && report_method_templates(*b->getDefinition(), iface)) reported = true;
    }
    return reported;
  }

  /// A base with interface methods of its own that `rd` inherits along two
  /// non-virtual paths (`Reader : Versioned`, `Writer : Versioned`,
  /// `ReadWrite : Reader, Writer`) is two subobjects: a call of its methods
  /// through meshwa::Ref<ReadWrite> is ambiguous in C++, and so are the
  /// generated mock and contract tests, which call an inherited method through
  /// the base that declares it. True when one was reported.
  bool report_repeated_bases(const CXXRecordDecl& rd) {
    std::vector<const CXXRecordDecl*> bases;
    rd.forallBases([&bases](const CXXRecordDecl* b) {
      b = b->getCanonicalDecl();
      if (std::find(bases.begin(), bases.end(), b) == bases.end()) bases.push_back(b);
      return true;
    });
    bool reported = false;
    for (const CXXRecordDecl* b : bases) {
      const CXXRecordDecl* def = b->getDefinition();
      if (def == nullptr || !declares_interface_methods(*def)) continue;
      CXXBasePaths paths(/*FindAmbiguities=*/true, /*RecordPaths=*/true, /*DetectVirtual=*/false);
      if (!rd.isDerivedFrom(def, paths) ||
          !paths.isAmbiguous(ctx_.getCanonicalType(ctx_.getRecordType(def)).getUnqualifiedType())) {
        continue;
      }
      out_.report(where(rd.getLocation()), "error",
                  "interface " + rd.getQualifiedNameAsString() + " inherits " + def->getQualifiedNameAsString() +
                      " more than once (" + direct_bases_on(paths) + "), so a call of its methods through meshwa::Ref<" +
                      rd.getNameAsString() + "> is ambiguous, and so is the generated mock; inherit it virtually "
                      "where it is a base (`public virtual " + def->getNameAsString() + "`) [meshwa-gen]");
      out_.report(where(def->getLocation()), "note", "'" + def->getQualifiedNameAsString() + "' is declared here");
      reported = true;
    }
    return reported;
  }
  /// `int twice() { return next() + next(); }` in an interface: a public,
  /// non-virtual method defined in the class body (the non-virtual
  /// interface idiom). A call of it through Ref<I> runs in the caller, on
  /// the stub, and reaches the service only through the virtual methods it
  /// calls; its body is compiled, and checked by the plugin, in each unit
  /// that includes the interface, as the caller's own code. One defined
  /// elsewhere (maybe in an unsafe unit) or marked MESHWA_UNSAFE is not.
  static bool is_caller_side_helper(const CXXMethodDecl& m) {
    const FunctionDecl* def = nullptr;
    return m.getAccess() == AS_public && m.isDefined(def) && def->isThisDeclarationADefinition() &&
           def->getLexicalDeclContext() == m.getParent() && !rules::unsafe_reason(def) && !rules::unsafe_reason(&m);
  }
  static bool declares_interface_methods(const CXXRecordDecl& rd) {
    return std::any_of(rd.method_begin(), rd.method_end(),
                       [](const CXXMethodDecl* m) { return is_interface_method_candidate(*m); });
  }
  /// "through a::Reader and through a::Writer": the direct bases the paths start at.
  static std::string direct_bases_on(const CXXBasePaths& paths) {
    std::vector<std::string> names;
    for (const CXXBasePath& path : paths) {
      if (path.empty()) continue;
      const CXXRecordDecl* first = path.front().Base->getType()->getAsCXXRecordDecl();
      std::string name = first ? first->getQualifiedNameAsString() : path.front().Base->getType().getAsString();
      if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(std::move(name));
    }
    std::string out;
    for (std::size_t i = 0; i < names.size(); ++i) out += (i == 0 ? "through " : " and through ") + names[i];
    return out;
  }

  void add_interface(const CXXRecordDecl& rd) {
    Interface i;
    i.name = rd.getNameAsString();
    i.qualified_name = rd.getQualifiedNameAsString();
    i.header = header_of(rd);
    i.location = where(rd.getLocation());
    i.scope = enclosing_namespace_name(rd);
    // A method rejected below is still a method: the interface is not empty.
    bool rejected = false;
    check_mock_name(rd, i);
    for (const CXXBaseSpecifier& base : rd.bases()) {
      // `class MESHWA_INTERFACE Store : Reader` (private by default): the
      // generated stub, mocks and tests call Reader's methods through a
      // Store&, which they cannot, and neither can a caller of Ref<Store>.
      const CXXRecordDecl* b = base.getType()->getAsCXXRecordDecl();
      if (base.getAccessSpecifier() == AS_public || b == nullptr || !b->hasDefinition() ||
          interface_methods(*b->getDefinition()).empty()) {
        continue;
      }
      const std::string access = base.getAccessSpecifier() == AS_protected ? "protected" : "private";
      out_.report(where(base.getBeginLoc().isValid() ? base.getBeginLoc() : rd.getLocation()), "error",
                  "interface " + rd.getQualifiedNameAsString() + " inherits " + b->getQualifiedNameAsString() + " as " +
                      access + ", so a caller through meshwa::Ref<" + rd.getNameAsString() + "> cannot call " +
                      b->getNameAsString() + "'s methods; write `public " + b->getNameAsString() + "` [meshwa-gen]");
      rejected = true;
    }
    if (report_method_templates(rd, rd)) rejected = true;
    if (report_repeated_bases(rd)) rejected = true;
    for (const CXXMethodDecl* m : interface_methods(rd)) {
      if (!m->isVirtual()) {
        if (is_caller_side_helper(*m)) continue;  // sugar over the virtual methods: not a call of the service
        // A Ref<I> call of it would run in the caller, past the stub and the
        // gate, code compiled wherever its definition is (the provider's
        // unit, perhaps an unsafe one): callers must only ever reach a
        // service through its stub.
        out_.report(where(m->getLocation()), "error",
                    "method '" + m->getNameAsString() + "' of interface " + rd.getQualifiedNameAsString() +
                        " is not virtual; a call through meshwa::Ref<" + rd.getNameAsString() +
                        "> would run it in the caller instead of the service: make it `virtual ... = 0`, define it "
                        "in the interface's class body (public, not MESHWA_UNSAFE) as a helper that runs in the "
                        "caller over the virtual methods, or move it out of the interface into a free function "
                        "[meshwa-gen]");
        rejected = true;
        continue;
      }
      if (m->getAccess() != AS_public) {
        // A caller holds a Ref<I> and can call public methods only; the
        // stub, mocks and contract tests are such callers too.
        out_.report(where(m->getLocation()), "error",
                    "method '" + m->getNameAsString() + "' of interface " + rd.getQualifiedNameAsString() + " is " +
                        (m->getAccess() == AS_protected ? "protected" : "private") +
                        ", but callers reach a service only through the public methods of meshwa::Ref<" +
                        rd.getNameAsString() +
                        ">; make it public, or move it out of the interface into the service class [meshwa-gen]");
        rejected = true;
        continue;
      }
      if (m->getDeclName().isIdentifier() && m->getName().starts_with("meshwa_")) {
        // The generated stub derives from the interface and names its own
        // members meshwa_*: a method of that name would clash with them.
        out_.report(where(m->getLocation()), "error",
                    "method '" + m->getNameAsString() + "' of interface " + rd.getQualifiedNameAsString() +
                        " uses the prefix meshwa_, which generated code reserves for its own names; rename the "
                        "method [meshwa-gen]");
        rejected = true;
        continue;
      }
      if (m->getNumParams() > kMaxMockParams) {
        // GoogleMock's MOCK_METHOD takes at most 15 parameters: the
        // generated mock (<unit>.mocks.hpp) would not compile.
        out_.report(where(m->getLocation()), "error",
                    "method '" + m->getNameAsString() + "' of interface " + rd.getQualifiedNameAsString() + " has " +
                        std::to_string(m->getNumParams()) + " parameters, but the GoogleMock mock meshwa gen writes for "
                        "it (MOCK_METHOD) takes at most " + std::to_string(kMaxMockParams) +
                        "; group parameters into a MESHWA_MESSAGE and pass that [meshwa-gen]");
        rejected = true;
        continue;
      }
      if (const char* why = unsupported_method_shape(*m)) {
        out_.report(where(m->getLocation()), "error",
                    "method '" + m->getNameAsString() + "' of interface " + rd.getQualifiedNameAsString() + " " +
                        why + " [meshwa-gen]");
        rejected = true;
        continue;
      }
      Method meth = method_shape(*m);
      if (m->getParent()->getCanonicalDecl() != rd.getCanonicalDecl()) {
        // Spelled as a type: a base that is a class template's
        // specialization (`UserRepo : public Repo<User>`) keeps its
        // arguments (tp::Repo<tp::User>); its qualified name would not.
        meth.declared_in = spell(ctx_.getRecordType(m->getParent()));
      }
      meth.location = where(m->getLocation());
      const auto* proto = m->getType()->getAs<FunctionProtoType>();
      meth.is_noexcept = proto && proto->isNothrow();
      const QualType rt = m->getReturnType();
      meth.result = spell(rt);
      if (const auto* spec = meshwa_template(rt, "Result")) {
        meth.returns_result = true;
        meth.result_value = spell(spec->getTemplateArgs()[0].getAsType());
      } else {
        meth.result_value = meth.result;
      }
      const std::string method_name = i.name + "::" + meth.name;
      collect_enums(rt);
      const FunctionTypeLoc written = m->getFunctionTypeLoc();
      check_ref_target(rt, written ? written.getReturnLoc() : TypeLoc(), m->getLocation());
      if (!rt->isVoidType()) {
        check_boundary(rt, rules::Position::result, m->getReturnTypeSourceRange().getBegin().isValid()
                                                        ? m->getReturnTypeSourceRange().getBegin()
                                                        : m->getLocation(),
                       "the result of " + method_name);
      }
      const std::vector<std::string> names = param_names(*m);
      unsigned index = 0;
      for (const ParmVarDecl* p : m->parameters()) {
        Param& param = meth.params[index];
        param.name = names[index];
        const QualType t = p->getType();
        QualType value = t.getNonReferenceType();
        value.removeLocalConst();
        value = value.getUnqualifiedType();
        param.value_type = spell(value);
        if (t->isLValueReferenceType() && t.getNonReferenceType().isConstQualified()) {
          param.kind = ParamKind::const_ref;
        } else if (meshwa_template(value, "Owned")) {
          param.kind = ParamKind::owned;
        } else if (meshwa_template(value, "Shared")) {
          param.kind = ParamKind::shared;
        } else if (meshwa_template(value, "Ref")) {
          param.kind = ParamKind::ref;
        }
        if (param.kind == ParamKind::const_ref) {
          std::set<const CXXRecordDecl*> seen;
          if (const std::string why = copy_fails(value, seen); !why.empty()) {
            // The gate copies a borrowed argument into the other side's heap
            // (docs/gate-protocol.md): a stub calling across a domain (a safe
            // service called from an unsafe one, or an unsafe service) could
            // not be compiled.
            out_.report(where(p->getLocation().isValid() ? p->getLocation() : m->getLocation()), "error",
                        "parameter '" + param.name + "' of " + method_name + " is a const reference to " +
                            param.value_type + ", which cannot be copied (" + why +
                            "), but a call across an MPK domain copies a borrowed argument into the callee's heap; "
                            "take it by value (moved into the call) or as meshwa::Shared<const " + param.value_type +
                            "> [meshwa-gen]");
          }
        }
        collect_enums(t);
        check_ref_target(t, type_loc(p), p->getLocation().isValid() ? p->getLocation() : m->getLocation());
        check_boundary(t, rules::Position::param, p->getLocation().isValid() ? p->getLocation() : m->getLocation(),
                       "parameter '" + param.name + "' of " + method_name);
        ++index;
      }
      i.methods.push_back(std::move(meth));
    }
    if (i.methods.empty() && !rejected) {
      // Said once per interface, not by every unit whose sources include it
      // (each gen run is one unit): here when the unit declares it in its
      // own files, else after the walk when a service of the unit
      // implements it (report_methodless_interfaces).
      if (in_owned_file(rd)) {
        report_methodless(out_, i.qualified_name, i.location);
      } else {
        out_.methodless.emplace(i.qualified_name, i.location);
      }
    }
    out_.headers.insert(i.header);
    out_.interfaces.emplace(i.qualified_name, std::move(i));
  }

  // Enums in a boundary type (directly or as a template argument: optional,
  // vector, variant ...), with their enumerators for property tests.
  void collect_enums(QualType type, int depth = 0) {
    if (depth > 16 || type.isNull() || type->isDependentType()) return;
    const QualType t = type.getNonReferenceType().getCanonicalType().getUnqualifiedType();
    if (const auto* et = t->getAs<EnumType>()) {
      add_enum(t, *et->getDecl());
      return;
    }
    const auto* spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(t->getAsCXXRecordDecl());
    if (!spec) return;
    for (const TemplateArgument& arg : spec->getTemplateArgs().asArray()) {
      if (arg.getKind() == TemplateArgument::Type) collect_enums(arg.getAsType(), depth + 1);
      if (arg.getKind() != TemplateArgument::Pack) continue;
      for (const TemplateArgument& elem : arg.pack_elements()) {
        if (elem.getKind() == TemplateArgument::Type) collect_enums(elem.getAsType(), depth + 1);
      }
    }
  }

  void add_enum(QualType type, const EnumDecl& decl) {
    const EnumDecl* ed = decl.getDefinition();
    if (!ed || ed->getName().empty()) return;
    // In service code, or in a system header that declares a marked
    // interface or message (not the standard library's enums).
    if (!code_.contains(ed->getLocation()) &&
        model_system_files_.count(sm_.getFileID(sm_.getExpansionLoc(ed->getLocation()))) == 0) {
      return;
    }
    Enum e;
    e.qualified_name = spell(type);
    if (out_.enums.count(e.qualified_name)) return;
    e.header = header_of(*ed);
    e.location = where(ed->getLocation());
    for (const EnumConstantDecl* c : ed->enumerators()) {
      e.enumerators.push_back(c->getNameAsString());
      e.values.push_back(llvm::toString(c->getInitVal(), 10));
    }
    if (e.enumerators.empty()) return;  // std::byte-like: any value of the underlying type is one
    out_.enums.emplace(e.qualified_name, std::move(e));
  }

  // Is an operator with this name declared for `rd` (member, friend, or in
  // its namespace with `rd` as a parameter)?
  bool declares_operator(const CXXRecordDecl& rd, OverloadedOperatorKind op) const {
    const DeclarationName name = ctx_.DeclarationNames.getCXXOperatorName(op);
    for (const CXXMethodDecl* m : rd.methods()) {
      if (m->getDeclName() == name) return true;
    }
    for (const FriendDecl* f : rd.friends()) {
      if (const NamedDecl* nd = f->getFriendDecl(); nd && nd->getDeclName() == name) return true;
    }
    const DeclContext* ns = rd.getDeclContext()->getRedeclContext();
    const QualType self = ctx_.getRecordType(&rd);
    for (const NamedDecl* nd : ns->lookup(name)) {
      const auto* fn = dyn_cast<FunctionDecl>(nd->getUnderlyingDecl());
      if (!fn) continue;
      for (const ParmVarDecl* p : fn->parameters()) {
        if (ctx_.hasSameUnqualifiedType(p->getType().getNonReferenceType(), self)) return true;
      }
    }
    return false;
  }

  static bool default_constructible(const CXXRecordDecl& rd) {
    if (!rd.hasDefaultConstructor()) return false;
    for (const CXXConstructorDecl* ctor : rd.ctors()) {
      if (ctor->isDefaultConstructor() && (ctor->isDeleted() || ctor->getAccess() != AS_public)) return false;
    }
    return true;
  }

  // Qualified names leave inline namespaces out ("demo::Entry" for
  // demo::v2::Entry), so the scope does too: the emitted code reopens the
  // nearest namespace that is not inline and names the class through it.
  static std::string enclosing_namespace_name(const CXXRecordDecl& rd) {
    const auto* ns = dyn_cast<NamespaceDecl>(rd.getEnclosingNamespaceContext());
    while (ns != nullptr && ns->isInline()) ns = dyn_cast<NamespaceDecl>(ns->getParent());
    return ns != nullptr ? ns->getQualifiedNameAsString() : std::string();
  }

  /// Why generated code (std::make_unique<S>(ctx), std::unique_ptr<S>)
  /// cannot call a service's constructor or destructor: "deleted",
  /// "private" or "protected"; empty when it can.
  static std::string unusable_by_generated_code(const CXXMethodDecl& fn) {
    if (fn.isDeleted()) return "deleted";
    if (fn.getAccess() == AS_private) return "private";
    if (fn.getAccess() == AS_protected) return "protected";
    return {};
  }

  /// A message member the generated code cannot name: an anonymous union
  /// or struct (`union { int32_t x; float y; };`, no member name), or a
  /// member of an unnamed class type (`struct { int32_t x; } s;`). Said
  /// as a reader sees it, with a remedy that applies (a named std::variant
  /// for a union, a named MESHWA_MESSAGE struct), instead of "member ''".
  /// True when reported; the member's other checks are then left out.
  bool report_unnamed_member(const FieldDecl& f, const Message& m) {
    const CXXRecordDecl* type = f.getType()->getAsCXXRecordDecl();
    if (type == nullptr || !(f.isAnonymousStructOrUnion() || type->getDeclName().isEmpty())) return false;
    if (type->hasDefinition()) type = type->getDefinition();
    const char* kind = type->isUnion() ? "union" : type->isStruct() ? "struct" : "class";
    const Location at = where(type->getLocation());
    const std::string place =
        (at.file.empty() ? std::string() : std::string(llvm::sys::path::filename(at.file)) + ":") +
        std::to_string(at.line) + ":" + std::to_string(at.column);
    // The members, as `T name;` and as the types a std::variant would hold.
    std::string members;
    std::string alternatives;
    for (const FieldDecl* inner : type->fields()) {
      const std::string t = spell(inner->getType());
      members += (members.empty() ? "" : " ") + t + " " + inner->getNameAsString() + ";";
      if (alternatives.find(t) == std::string::npos) alternatives += (alternatives.empty() ? "" : ", ") + t;
    }
    if (alternatives.empty()) alternatives = "A, B";
    std::string what;
    std::string remedy;
    if (f.isAnonymousStructOrUnion()) {
      what = std::string("the anonymous ") + kind + " at " + place + " in message " + m.qualified_name;
      remedy = type->isUnion()
                   ? "hold the alternatives in one named member, `std::variant<" + alternatives + "> value;`"
                   : "declare its members in the message itself" + (members.empty() ? "" : " (`" + members + "`)");
      what += type->isUnion()
                  ? " cannot cross a service boundary: a union's members share their storage, so neither the "
                    "generated code nor a reader knows which one holds the value, and it names no member"
                  : " cannot cross a service boundary: it is no member the generated code can name (its "
                    "members belong to it, not to the message)";
    } else {
      what = "member '" + f.getNameAsString() + "' of message " + m.qualified_name + " has the unnamed " + kind +
             " at " + place + " as its type, which";
      if (type->isUnion()) {
        what += " cannot cross a service boundary: a union's members share their storage, so neither the generated "
                "code nor a reader knows which one holds the value";
        remedy = "make the member a std::variant (`std::variant<" + alternatives + "> " + f.getNameAsString() + ";`)";
      } else {
        what += " the generated code cannot name";
        remedy = "name the " + std::string(kind) + " and mark it a message (`struct MESHWA_MESSAGE Part { " +
                 (members.empty() ? std::string("...") : members) + " }; Part " + f.getNameAsString() + ";`)";
      }
    }
    out_.report(where(f.getLocation()), "error", what + "; " + remedy + " [meshwa-gen]");
    return true;
  }

  void add_message(const CXXRecordDecl& rd) {
    Message m;
    m.name = rd.getNameAsString();
    m.qualified_name = rd.getQualifiedNameAsString();
    m.header = header_of(rd);
    m.location = where(rd.getLocation());
    m.scope = enclosing_namespace_name(rd);
    for (const FieldDecl* f : rd.fields()) {
      if (report_unnamed_member(*f, m)) continue;
      if (f->getAccess() != AS_public) {
        out_.report(where(f->getLocation()), "error",
                    "member '" + f->getNameAsString() + "' of message " + m.qualified_name + " is " +
                        (f->getAccess() == AS_private ? "private" : "protected") +
                        "; make it public: a message's generated reflection, equality and JSON name every "
                        "member [meshwa-gen]");
      }
      if (f->getType().isConstQualified()) {
        out_.report(where(f->getLocation()), "error",
                    "member '" + f->getNameAsString() + "' of message " + m.qualified_name +
                        " is const; make it a plain member: reading a message from JSON and property tests make it "
                        "empty, then set each member [meshwa-gen]");
      }
      if (f->isBitField()) {
        out_.report(where(f->getLocation()), "error",
                    "member '" + f->getNameAsString() + "' of message " + m.qualified_name +
                        " is a bit-field; make it a whole member (" + spell(f->getType()) + " " +
                        f->getNameAsString() +
                        ";): a message's generated reflection and JSON reading take a reference to every member, "
                        "which a bit-field cannot give [meshwa-gen]");
      }
      // `struct Inner {...}; Inner Inner;` is valid C++, but from then on
      // Outer::Inner names the member, and generated code names the type so.
      for (const Decl* d : rd.decls()) {
        const auto* type = dyn_cast<TypeDecl>(d);
        if (type == nullptr || type->getDeclName() != f->getDeclName()) continue;
        out_.report(where(f->getLocation()), "error",
                    "member '" + f->getNameAsString() + "' of message " + m.qualified_name +
                        " has the name of a type declared in the message, which it hides (" + m.qualified_name +
                        "::" + f->getNameAsString() + " names the member); rename the member or the type [meshwa-gen]");
        out_.report(where(type->getLocation()), "note", "the type '" + type->getNameAsString() + "' is declared here");
        break;
      }
      m.fields.push_back(Field{f->getNameAsString(), spell(f->getType()), where(f->getLocation())});
      collect_enums(f->getType());
      check_boundary(f->getType(), rules::Position::member, f->getLocation(),
                     "member '" + f->getNameAsString() + "' of message " + m.name);
    }
    for (const CXXBaseSpecifier& base : rd.bases()) {
      // As the plugin's boundary-type says it: composition is the remedy
      // (marking the base MESHWA_MESSAGE would not make its members cross).
      const std::string base_name = spell(base.getType().getUnqualifiedType());
      const CXXRecordDecl* b = base.getType()->getAsCXXRecordDecl();
      std::string member = "base";
      if (b != nullptr && b->getIdentifier() != nullptr && b->getName().lower() != b->getName()) {
        member = b->getName().lower();
      }
      out_.report(base.getBeginLoc().isValid() ? where(base.getBeginLoc()) : m.location, "error",
                  "message " + m.qualified_name + " has a base class, '" + base_name +
                      "': only a message's own members cross a service boundary (meshwa gen adapts those, not a "
                      "base's); hold it as a member instead (composition: `" + base_name + " " + member +
                      ";`) [meshwa-gen]");
    }
    if (!default_constructible(rd)) {
      out_.report(m.location, "error",
                  "message " + m.qualified_name +
                      " has no default constructor; add `" + m.name +
                      "() = default;`: reading a message from JSON and property tests make it empty, then set "
                      "each member [meshwa-gen]");
    }
    m.has_equality = declares_operator(rd, OO_EqualEqual);
    m.has_printing = declares_operator(rd, OO_LessLess);
    out_.headers.insert(m.header);
    out_.messages.emplace(m.qualified_name, std::move(m));
  }

  // Does any member function of the service have its definition in one of
  // the target's main files? (Then the service belongs to this target.)
  bool defined_here(const CXXRecordDecl& rd) const {
    if (in_main_file(rd)) return true;
    bool out_of_line = false;
    bool defined_elsewhere = false;
    for (const CXXMethodDecl* m : rd.methods()) {
      const FunctionDecl* def = m->getDefinition();
      if (def && in_main_file(*def)) return true;
      if (def && def->isOutOfLine()) out_of_line = true;
      if (!def && needs_out_of_line_definition(*m)) defined_elsewhere = true;
    }
    // A header listed among the sources claims its services, except one
    // with a member defined in none of the sources this target compiles:
    // it is another target's (a header declaring the services
    // of several targets, listed in each of them, as CMake projects list
    // their headers), which claims it by defining them.
    if (in_owned_file(rd)) return !defined_elsewhere;
    // A header-only service (every member defined in the class) belongs to
    // the source of the same stem that includes its header (greeter.cpp
    // includes greeter.hpp), even when the header is not listed.
    if (out_of_line) return false;
    const FileID header = sm_.getFileID(sm_.getFileLoc(rd.getLocation()));
    const SourceLocation included_at = sm_.getIncludeLoc(header);
    if (included_at.isInvalid()) return false;
    const std::string includer = file_path(sm_.getFileID(included_at));
    return out_.main_files.count(includer) != 0 &&
           llvm::sys::path::stem(includer) == llvm::sys::path::stem(file_path(header));
  }

  // A member function declared in the class without a body that some
  // source must define (not pure, defaulted or deleted, not implicit; not a
  // copy or move declared only to be left undefined, the pre-C++11
  // non-copyable idiom).
  static bool needs_out_of_line_definition(const CXXMethodDecl& m) {
    if (m.isImplicit() || m.isPureVirtual() || m.isDefaulted() || m.isDeleted() || m.doesThisDeclarationHaveABody()) {
      return false;
    }
    if (m.isCopyAssignmentOperator() || m.isMoveAssignmentOperator()) return false;
    if (const auto* ctor = dyn_cast<CXXConstructorDecl>(&m)) return !ctor->isCopyOrMoveConstructor();
    return true;
  }

  // The interface a ctx.ref<I>() call asks for; nullopt for any other call,
  // and for a T that is no MESHWA_INTERFACE (reported here: no service
  // could provide it).
  std::optional<std::string> ref_call(const CXXMemberCallExpr& call) {
    const CXXMethodDecl* m = call.getMethodDecl();
    if (!m || m->getName() != "ref" || m->getParent()->getQualifiedNameAsString() != "meshwa::Context") return std::nullopt;
    const TemplateArgumentList* args = m->getTemplateSpecializationArgs();
    if (!args || args->size() != 1 || args->get(0).getKind() != TemplateArgument::Type) return std::nullopt;
    const QualType target = args->get(0).getAsType();
    if (rules::names_no_interface(target)) {
      // At the T as written (`ctx.ref<std::string>()`), spelled so.
      const auto* callee = dyn_cast<MemberExpr>(call.getCallee()->IgnoreParenImpCasts());
      if (callee != nullptr && callee->getNumTemplateArgs() == 1 && callee->getTemplateArgs()[0].getTypeSourceInfo()) {
        const TypeSourceInfo* written = callee->getTemplateArgs()[0].getTypeSourceInfo();
        report_ref_to_no_interface(written->getType(), written->getTypeLoc().getBeginLoc(), true);
      } else {
        report_ref_to_no_interface(target, call.getExprLoc(), true);
      }
      return std::nullopt;
    }
    if (const CXXRecordDecl* iface = target->getAsCXXRecordDecl()) return iface->getQualifiedNameAsString();
    return std::nullopt;
  }

  // ctx.ref<I>() calls in a constructor or a method, and in the functions
  // it calls whose bodies are visible in service code (a static or free
  // helper, another method, a member's constructor, a delegated-to
  // constructor), kMaxFollow calls deep: `pong_(lookup(ctx))` asks for Pong
  // while the constructor runs just as `pong_(ctx.ref<Pong>())` does, which
  // decides the start order. A constructor's work includes the default
  // member initializers of the members it does not initialize itself
  // (`int32_t x_ = ctx_.ref<B>()->b();` runs in it: clang's implicit
  // initializers, visited as implicit code). A statement that never runs is
  // no call: the discarded branch of `if constexpr`, the `if consteval`
  // branch (a service runs at run time).
  class RefCalls : public RecursiveASTVisitor<RefCalls> {
    using Base = RecursiveASTVisitor<RefCalls>;

   public:
    static constexpr unsigned kMaxFollow = 4;
    /// Each interface asked for, with where (the ctx.ref<I>() call).
    using Found = std::vector<std::pair<std::string, SourceLocation>>;
    RefCalls(Walker& walker, Found& found) : walker_(walker), found_(found) {}
    void run(const FunctionDecl& body) {
      entered_.insert(&body);
      TraverseDecl(const_cast<FunctionDecl*>(&body));
    }
    bool VisitCXXMemberCallExpr(CXXMemberCallExpr* call) {
      if (std::optional<std::string> iface = walker_.ref_call(*call)) {
        found_.emplace_back(std::move(*iface), call->getExprLoc());
      }
      return true;
    }
    bool VisitCallExpr(CallExpr* call) {
      follow(call->getDirectCallee());
      return true;
    }
    bool VisitCXXConstructExpr(CXXConstructExpr* construct) {
      follow(construct->getConstructor());
      return true;
    }
    bool shouldVisitLambdaBody() const { return true; }
    // Implicit member initializers (default member initializers), default
    // arguments and the bodies of implicit functions run as written code does.
    bool shouldVisitImplicitCode() const { return true; }
    bool TraverseIfStmt(IfStmt* s) {
      std::optional<Stmt*> runs;
      if (s->isConstexpr()) {
        runs = s->getNondiscardedCase(walker_.ctx_);  // nullopt while the condition depends on a template
      } else if (s->isConsteval()) {
        runs = s->isNegatedConsteval() ? s->getThen() : s->getElse();
      }
      if (!runs) return Base::TraverseIfStmt(s);
      if (s->getInit() != nullptr && !TraverseStmt(s->getInit())) return false;
      if (s->getConditionVariableDeclStmt() != nullptr && !TraverseStmt(s->getConditionVariableDeclStmt())) return false;
      if (s->getCond() != nullptr && !TraverseStmt(s->getCond())) return false;
      return *runs == nullptr || TraverseStmt(*runs);
    }

   private:
    void follow(const FunctionDecl* callee) {
      const FunctionDecl* def = nullptr;
      if (callee == nullptr || depth_ >= kMaxFollow || !callee->hasBody(def) || def == nullptr) return;
      if (!walker_.code_.contains(def->getLocation()) || !entered_.insert(def).second) return;
      ++depth_;
      TraverseDecl(const_cast<FunctionDecl*>(def));
      --depth_;
    }
    Walker& walker_;
    Found& found_;
    std::set<const FunctionDecl*> entered_;
    unsigned depth_ = 0;
  };

  /// A constructor that asks for an interface its own service implements
  /// (`ctx.ref<Listener>()` to subscribe itself to a hub): the provider is
  /// the service being constructed, which starts only when its constructor
  /// returns, so no start order exists in any deployment (meshwa deploy
  /// would report the cycle `app -> app` at the class). Reported here, at
  /// the call, with a remedy that works: ask later, from a method.
  void report_self_ref(const Service& s, const std::string& iface, SourceLocation at, const FunctionDecl& ctor) {
    if (std::find(s.interfaces.begin(), s.interfaces.end(), iface) == s.interfaces.end()) return;
    const SourceLocation call = at.isValid() ? at : ctor.getLocation();
    out_.report(where(call), "error",
                "service '" + s.name + "' asks for its own interface " + iface + " with ctx.ref<" + iface +
                    ">() while its constructor runs, " + meshwa::detail::self_ref_reason_and_remedy(iface) +
                    " [meshwa-gen]");
    // Through a helper the constructor calls: say which constructor.
    const SourceRange body = ctor.getSourceRange();
    const SourceLocation call_file = sm_.getFileLoc(call);
    if (!sm_.isPointWithin(call_file, sm_.getFileLoc(body.getBegin()), sm_.getFileLoc(body.getEnd()))) {
      out_.report(where(ctor.getLocation()), "note", "called while this constructor of " + s.class_name + " runs");
    }
  }

  static void add_dependency(Service& s, const std::string& iface, const std::string& via) {
    for (Dependency& d : s.dependencies) {
      if (d.interface != iface) continue;
      // Only the translation unit with the constructor's body sees the
      // ctx.ref<I>() call; the others see the Ref<I> member. The same answer
      // whatever the order of the sources.
      if (via == "constructor") d.via = via;
      return;
    }
    s.dependencies.push_back(Dependency{iface, via});
  }

  // The MESHWA_INTERFACE classes among the bases of `rd`, at any depth, each
  // once, in base order.
  static void collect_interfaces(const CXXRecordDecl& rd, std::vector<const CXXRecordDecl*>& out) {
    for (const CXXBaseSpecifier& base : rd.bases()) {
      const CXXRecordDecl* b = base.getType()->getAsCXXRecordDecl();
      if (!b || !b->hasDefinition()) continue;
      b = b->getDefinition();
      if (rules::is_interface(b) && std::find(out.begin(), out.end(), b) == out.end()) out.push_back(b);
      collect_interfaces(*b, out);
    }
  }

  // For every method of the service's interfaces, the function of `service`
  // (or of a base) that implements it, named by its linker symbol. Left out
  // where the stub must make the qualified C++ call instead: not the Itanium
  // ABI, or an implementation without external linkage (an anonymous
  // namespace) whose symbol another object file cannot name.
  std::vector<DirectCall> direct_calls(const CXXRecordDecl& service,
                                       const std::vector<const CXXRecordDecl*>& interfaces) const {
    std::vector<DirectCall> out;
    if (!itanium_abi()) return out;
    for (const CXXRecordDecl* iface : interfaces) {
      for (const CXXMethodDecl* m : interface_methods(*iface)) {
        if (!m->isVirtual()) continue;
        const CXXMethodDecl* impl = m->getCorrespondingMethodInClass(&service);
        if (!impl || impl == m || impl->isPureVirtual() || !impl->isExternallyVisible()) continue;
        std::string symbol;
        llvm::raw_string_ostream os(symbol);
        mangler_->mangleName(GlobalDecl(impl), os);
        os.flush();
        if (!symbol.empty() && symbol.front() == '\x01') symbol.erase(0, 1);  // an asm label, taken as written
        out.push_back(DirectCall{iface->getQualifiedNameAsString(), method_shape(*m).signature(),
                                 spell(ctx_.getRecordType(impl->getParent())), symbol});
      }
    }
    return out;
  }

  // meshwa::Context&, however it is spelled (a using-declaration, an alias).
  static bool is_context(QualType t) {
    if (!t->isLValueReferenceType()) return false;
    const CXXRecordDecl* rd = t.getNonReferenceType().getCanonicalType()->getAsCXXRecordDecl();
    return rd && rd->getQualifiedNameAsString() == "meshwa::Context";
  }

  // A service that misses an interface method stays abstract (a signature
  // that differs in const or in a parameter type declares a new method
  // instead). Say which one here, before the generated instance fails to
  // compile with clang's "abstract class" errors.
  void report_unimplemented(const CXXRecordDecl& rd, const Service& s) {
    if (!rd.isAbstract()) return;
    CXXFinalOverriderMap overriders;
    rd.getFinalOverriders(overriders);
    std::vector<const CXXMethodDecl*> missing;
    for (const auto& [method, by_subobject] : overriders) {
      for (const auto& [subobject, list] : by_subobject) {
        for (const UniqueVirtualMethod& u : list) {
          if (u.Method->isPureVirtual() && !isa<CXXDestructorDecl>(u.Method) &&
              std::find(missing.begin(), missing.end(), u.Method) == missing.end()) {
            missing.push_back(u.Method);
          }
        }
      }
    }
    const SourceManager& sm = ctx_.getSourceManager();
    std::sort(missing.begin(), missing.end(), [&](const CXXMethodDecl* a, const CXXMethodDecl* b) {
      return sm.isBeforeInTranslationUnit(a->getLocation(), b->getLocation());
    });
    for (const CXXMethodDecl* m : missing) {
      const std::string what = m->getParent()->getQualifiedNameAsString() + "::" + m->getNameAsString();
      out_.report(s.location, "error",
                  "service class " + s.qualified_name + " does not implement " + what +
                      ", so it stays abstract; declare it with exactly the interface's signature and `override` "
                      "[meshwa-gen]");
      out_.report(where(m->getLocation()), "note", what + " is declared here");
      for (const CXXMethodDecl* own : rd.methods()) {
        if (own->getDeclName() == m->getDeclName() && !own->isImplicit()) {
          out_.report(where(own->getLocation()), "note",
                      s.class_name + "::" + own->getNameAsString() +
                          " has the same name but does not override it: its const, parameter types or "
                          "reference qualifier differ");
        }
      }
    }
  }

  void add_service(const CXXRecordDecl& rd, const std::string& name) {
    if (!defined_here(rd)) {
      out_.services_elsewhere.emplace(rd.getQualifiedNameAsString(), where(rd.getLocation()));
      return;
    }
    if (name.empty()) {
      out_.report(where(rd.getLocation()), "error",
                  "service class " + rd.getQualifiedNameAsString() +
                      " has an empty MESHWA_SERVICE(\"\") name; name it, e.g. MESHWA_SERVICE(\"" +
                      rd.getNameAsString() + "\"): the registry, --list and the configuration file use it [meshwa-gen]");
      return;
    }
    Service s;
    s.name = name;
    s.class_name = rd.getNameAsString();
    s.qualified_name = rd.getQualifiedNameAsString();
    s.header = header_of(rd);
    s.location = where(rd.getLocation());
    std::vector<const CXXRecordDecl*> interfaces;
    collect_interfaces(rd, interfaces);
    for (const CXXRecordDecl* i : interfaces) s.interfaces.push_back(i->getQualifiedNameAsString());
    s.direct_calls = direct_calls(rd, interfaces);
    if (s.interfaces.empty()) {
      out_.report(s.location, "error",
                  "service '" + name + "' implements no MESHWA_INTERFACE; derive " + s.class_name +
                      " from the interface its callers use [meshwa-gen]");
      // Often the interface is there, only its marker is missing.
      for (const CXXBaseSpecifier& base : rd.bases()) {
        const CXXRecordDecl* b = base.getType()->getAsCXXRecordDecl();
        if (b == nullptr || !b->hasDefinition() || !b->getDefinition()->isPolymorphic()) continue;
        out_.report(where(b->getDefinition()->getLocation()), "note",
                    "base class " + b->getQualifiedNameAsString() +
                        " has virtual methods but is not marked MESHWA_INTERFACE; if callers use it, mark it: "
                        "class MESHWA_INTERFACE " + b->getNameAsString());
      }
    }
    if (in_main_file(rd)) {
      out_.report(s.location, "error",
                  "service '" + name + "' is defined in a source file; move class " + s.class_name +
                      " into a header so that the generated stub can call it [meshwa-gen]");
    }
    bool has_context_ctor = false;
    // Callable without arguments, by generated code: a service that needs
    // no Context (no dependency, no setting) may be made with S(). The
    // implicit one, not declared yet, may still be deleted (a member
    // without a default constructor): the generated code asserts it.
    bool has_default_ctor = rd.needsImplicitDefaultConstructor();
    // Deleted, private or protected: the generated registration
    // (std::make_unique<S>(ctx)) could not call it.
    std::vector<const CXXConstructorDecl*> unusable_context_ctors;
    // A ctx.ref<I>() call while the constructor runs orders the start; a
    // service that keeps its Context and calls ctx.ref<I>() later (from a
    // method) needs a provider of I all the same: not to start, but for
    // --list, --graph and meshwa deploy's provider check.
    for (const CXXMethodDecl* method : rd.methods()) {
      const auto* ctor = dyn_cast<CXXConstructorDecl>(method);
      if (ctor && ctor->getMinRequiredArguments() == 0 && unusable_by_generated_code(*ctor).empty()) {
        has_default_ctor = true;
      }
      // Callable with the Context alone: the others have default arguments.
      if (ctor && ctor->getNumParams() >= 1 && ctor->getMinRequiredArguments() <= 1 &&
          is_context(ctor->getParamDecl(0)->getType())) {
        if (!unusable_by_generated_code(*ctor).empty()) {
          unusable_context_ctors.push_back(ctor);
        } else {
          has_context_ctor = true;
        }
      }
      const FunctionDecl* def = nullptr;
      if (!method->hasBody(def)) continue;
      RefCalls::Found found;
      RefCalls(*this, found).run(*def);
      const std::string via = ctor ? std::string("constructor") : "method " + method->getNameAsString();
      for (const auto& [iface, at] : found) {
        add_dependency(s, iface, via);
        if (ctor) report_self_ref(s, iface, at, *def);
      }
    }
    if (!has_context_ctor && !unusable_context_ctors.empty()) {
      for (const CXXConstructorDecl* ctor : unusable_context_ctors) {
        const std::string access = unusable_by_generated_code(*ctor);
        const std::string fix = ctor->isDeleted() ? "define it, public: `explicit " + s.class_name +
                                                        "(meshwa::Context& ctx)`"
                                                  : "make it public";
        out_.report(s.location, "error",
                    "service '" + name + "' cannot be constructed: its constructor taking meshwa::Context& is " +
                        access + ", but the runtime constructs every service with it, from generated code "
                        "(std::make_unique<" + s.qualified_name + ">(ctx)); " + fix + " [meshwa-gen]");
        out_.report(where(ctor->getLocation()), "note", "the constructor is " + access + " here");
      }
    } else if (!has_context_ctor && has_default_ctor) {
      s.default_constructed = true;  // made with S(): it asks for nothing
    } else if (!has_context_ctor) {
      out_.report(s.location, "error",
                  "service '" + name + "' has no constructor taking meshwa::Context& and no public default "
                      "constructor; add `explicit " + s.class_name +
                      "(meshwa::Context& ctx)` (the runtime constructs services with it; ctx.ref<I>() gives the "
                      "service its dependencies, ctx.config() its settings) [meshwa-gen]");
    }
    report_unimplemented(rd, s);
    // The runtime destroys a service at stop (std::unique_ptr<S> in generated code).
    if (const CXXDestructorDecl* dtor = rd.getDestructor();
        dtor != nullptr && !dtor->isImplicit() && !unusable_by_generated_code(*dtor).empty()) {
      const std::string access = unusable_by_generated_code(*dtor);
      out_.report(s.location, "error",
                  "service '" + name + "' cannot be destroyed: its destructor is " + access +
                      ", but the runtime destroys every service at stop, from generated code (std::unique_ptr<" +
                      s.qualified_name + ">); make it public [meshwa-gen]");
      out_.report(where(dtor->getLocation()), "note", "the destructor is " + access + " here");
    }
    for (const FieldDecl* f : rd.fields()) {
      if (check_ref_target(f->getType(), type_loc(f), f->getLocation())) continue;
      if (const auto* spec = meshwa_template(f->getType(), "Ref")) {
        if (const CXXRecordDecl* iface = spec->getTemplateArgs()[0].getAsType()->getAsCXXRecordDecl()) {
          add_dependency(s, iface->getQualifiedNameAsString(), "member " + f->getNameAsString());
        }
      }
    }
    const rules::ServiceVerdict verdict = rules::service_verdict(rd, ctx_);
    for (const rules::UnsafeMark& mark : verdict.marks) {
      // The plugin rejects an unsafe mark without a reason in every build
      // ([meshwa-unsafe-reason]); a generator run on its own says so too
      // rather than writing a domain with an empty reason.
      if (llvm::StringRef(mark.reason).trim().empty()) {
        report_unsafe_reason(mark.loc, mark.decl_name, false);
        continue;
      }
      s.unsafe.push_back(UnsafeMark{mark.reason, mark.decl_name, where(mark.loc)});
    }
    s.safe = s.unsafe.empty();
    out_.headers.insert(s.header);
    auto [it, inserted] = out_.services.emplace(s.qualified_name, s);
    if (!inserted) {
      // Seen by several translation units: each may see other unsafe code.
      Service& known = it->second;
      for (const UnsafeMark& mark : s.unsafe) {
        if (std::find(known.unsafe.begin(), known.unsafe.end(), mark) == known.unsafe.end()) known.unsafe.push_back(mark);
      }
      for (const Dependency& d : s.dependencies) add_dependency(known, d.interface, d.via);
      known.safe = known.unsafe.empty();
    }
  }

  ASTContext& ctx_;
  const SourceManager& sm_;
  rules::ServiceCode code_;
  Collected& out_;
  PrintingPolicy policy_{LangOptions()};
  std::unique_ptr<MangleContext> mangler_{ctx_.createMangleContext()};
  /// The unit's exported function definitions seen so far (unsafe_function).
  std::vector<const FunctionDecl*> exported_;
  /// System headers that declare a marked interface or message (model_file):
  /// the enums declared there are modelled too (add_enum).
  mutable std::set<FileID> model_system_files_;
};

class RecordVisitor : public RecursiveASTVisitor<RecordVisitor> {
 public:
  explicit RecordVisitor(Walker& walker) : walker_(walker) {}
  bool VisitDecl(Decl* d) {
    walker_.check_markers(*d);
    walker_.check_unsafe_reason(*d);
    return true;
  }
  bool VisitCXXRecordDecl(CXXRecordDecl* rd) {
    walker_.record(*rd);
    return true;
  }
  bool VisitVarDecl(VarDecl* vd) {
    walker_.unsafe_variable(*vd);
    return true;
  }
  // Bodies and templates hold no annotated classes worth generating for
  // (a marker there is misplaced: check_markers_within); skipping them
  // keeps the walk cheap.
  bool TraverseDecl(Decl* d) {
    if (d == nullptr) return true;
    if (auto* fd = dyn_cast<FunctionDecl>(d)) {  // methods, constructors, destructors, conversions too
      walker_.unsafe_function(*fd);
      walker_.check_unsafe_reason(*fd);
      return markers(d);
    }
    if (auto* tmpl = dyn_cast<TemplateDecl>(d); tmpl != nullptr && tmpl->getTemplatedDecl() != nullptr) {
      walker_.check_unsafe_reason(*tmpl->getTemplatedDecl());  // the mark sits on the templated declaration
    }
    if (isa<FunctionTemplateDecl, ClassTemplateDecl, ClassTemplateSpecializationDecl>(d)) return markers(d);
    return RecursiveASTVisitor::TraverseDecl(d);
  }

 private:
  Walker& walker_;
  bool markers(Decl* d) {
    walker_.check_markers_within(*d);
    return true;
  }
};

class Consumer : public ASTConsumer {
 public:
  explicit Consumer(Collected& out) : out_(out) {}
  void HandleTranslationUnit(ASTContext& ctx) override {
    if (ctx.getDiagnostics().hasErrorOccurred()) return;
    Walker walker(ctx, out_);
    RecordVisitor visitor(walker);
    visitor.TraverseDecl(ctx.getTranslationUnitDecl());
    walker.finish_unit();
    const SourceManager& sm = ctx.getSourceManager();
    for (auto it = sm.fileinfo_begin(); it != sm.fileinfo_end(); ++it) {
      const FileEntryRef file = it->first;
      llvm::StringRef real = file.getFileEntry().tryGetRealPathName();
      const std::string path = normalize_path(real.empty() ? file.getName() : real);
      if (path.rfind("/usr/", 0) == 0) continue;  // system headers do not change between builds
      out_.inputs.insert(path);
    }
  }

 private:
  Collected& out_;
};

class Action : public ASTFrontendAction {
 public:
  explicit Action(Collected& out) : out_(out) {}
  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance&, llvm::StringRef) override {
    return std::make_unique<Consumer>(out_);
  }

 private:
  Collected& out_;
};

class Factory : public tooling::FrontendActionFactory {
 public:
  explicit Factory(Collected& out) : out_(out) {}
  std::unique_ptr<FrontendAction> create() override { return std::make_unique<Action>(out_); }

 private:
  Collected& out_;
};

// Drops -fplugin=... (the generator must not load the plugin: it links the
// same rules itself) and whatever would write files.
tooling::ArgumentsAdjuster strip_plugin_flags() {
  return [](const tooling::CommandLineArguments& args, llvm::StringRef) {
    tooling::CommandLineArguments out;
    for (const std::string& a : args) {
      llvm::StringRef arg(a);
      if (arg.starts_with("-fplugin=") || arg.starts_with("-fpass-plugin=")) continue;
      // The plugin's arguments: the same generated directories are trusted
      // here, where the rules decide each service's verdict.
      if (arg.consume_front("-fplugin-arg-meshwa-")) {
        if (arg.consume_front("generated-dir=")) rules::trust_generated_dir(arg);
        continue;
      }
      out.push_back(a);
    }
    // Warnings are the compiler's to give when it builds the target; the
    // generator reports errors only, so a warning is not printed twice.
    // Before a "--" (a command the database interpolated for a file it does
    // not list ends with `-- file`): after it, -w would be a file name.
    out.insert(std::find(out.begin(), out.end(), "--"), "-w");
    return out;
  };
}

}  // namespace

/// Why -p names no compilation database, said of the file when there is
/// one: loadFromDirectory's own message lists every kind of database it
/// tried ("fixed-compilation-database: ... No such file or directory") over
/// two lines, and never says which file is broken.
Diagnostic database_problem(const std::string& build_dir) {
  const std::string remedy = "configure the build with -DCMAKE_EXPORT_COMPILE_COMMANDS=ON and pass its directory with -p";
  llvm::SmallString<256> file(build_dir);
  llvm::sys::path::append(file, "compile_commands.json");
  if (!llvm::sys::fs::exists(file)) {
    return Diagnostic{Location{normalize_path(build_dir), 0, 0}, "error", "no compile_commands.json here; " + remedy};
  }
  std::string error;
  if (tooling::JSONCompilationDatabase::loadFromFile(file, error, tooling::JSONCommandLineSyntax::AutoDetect)) {
    error = "it could not be loaded";  // read now: it was replaced while gen ran
  }
  // LLVM's JSON reader says "Expected array." and the like: one line, no dot.
  while (!error.empty() && (error.back() == '\n' || error.back() == '.')) error.pop_back();
  return Diagnostic{Location{normalize_path(std::string(file)), 0, 0}, "error",
                    "not a compilation database (" + error + "); " + remedy};
}

// A header listed among the sources that no source includes is never read
// (headers are not parsed on their own): what it declares would be
// silently missing from the unit. Said for a header that uses meshwa's
// markers; one that does not (constants, helpers) loses nothing.
static void report_unread_headers(Collected& collected, const std::string& unit) {
  for (const std::string& header : collected.owned_headers) {
    if (collected.inputs.count(header) != 0) continue;
    const auto text = llvm::MemoryBuffer::getFile(header);
    if (!text || (*text)->getBuffer().find("MESHWA_") == llvm::StringRef::npos) continue;
    collected.report(Location{header, 1, 1}, "warning",
                     "this header is listed among the sources of unit '" + unit +
                         "' but none of them includes it, so meshwa gen did not read it: its services, interfaces "
                         "and messages are not in the unit; include it from one of the unit's sources [meshwa-gen]");
  }
}

// An interface without a method declared in a header of another target's
// (one the unit's sources include but do not list) is said by the unit
// whose service implements it, if any, and not by every unit that includes
// it: the unit that lists the header says it (Walker::add_interface).
static void report_methodless_interfaces(Collected& collected, const Model& m) {
  for (const auto& [name, at] : collected.methodless) {
    const bool implemented_here = std::any_of(m.services.begin(), m.services.end(), [&](const Service& s) {
      return std::find(s.interfaces.begin(), s.interfaces.end(), name) != s.interfaces.end();
    });
    if (implemented_here) report_methodless(collected, name, at);
  }
}

// A unit that defines no service: either its sources see none (no header
// of services included: listing a header that is not included changes
// nothing), or the ones they see belong to other units: name those.
static void report_no_service(Collected& collected, const std::string& unit, const Location& at) {
  if (collected.services_elsewhere.empty()) {
    collected.report(at, "warning",
                     "unit '" + unit + "' defines no service: none of its sources declares or includes a "
                     "MESHWA_SERVICE class (a unit of interfaces and messages only needs none) [meshwa-gen]");
    return;
  }
  std::string seen;
  for (const auto& [name, location] : collected.services_elsewhere) seen += (seen.empty() ? "" : ", ") + name;
  collected.report(at, "warning",
                   "unit '" + unit + "' defines no service: its sources see " + seen +
                       ", but a MESHWA_SERVICE class belongs to the unit whose sources define one of its member "
                       "functions, or whose sources list its header; to make it this unit's, list its header among "
                       "the sources or define its member functions in one of them [meshwa-gen]");
  const auto& [first, location] = *collected.services_elsewhere.begin();
  collected.report(location, "note", "service class " + first + " is declared here");
}

BuildOutcome build_model(const BuildOptions& given) {
  BuildOutcome outcome;
  Collected collected;
  // Paths are made absolute now: ClangTool changes into each command's directory.
  BuildOptions options = given;
  // Canonical like the header paths it is compared with (header_of).
  if (!options.include_root.empty()) options.include_root = canonical_path(options.include_root);
  collected.options = &options;
  std::string error;
  std::unique_ptr<tooling::CompilationDatabase> db =
      tooling::CompilationDatabase::loadFromDirectory(options.build_dir, error);
  if (!db) {
    outcome.diagnostics.push_back(database_problem(options.build_dir));
    return outcome;
  }
  std::vector<std::string> parsed;
  bool only_headers = true;
  for (const std::string& source : options.sources) {
    const std::string path = normalize_path(source);
    if (!llvm::sys::fs::exists(path)) {
      outcome.diagnostics.push_back(Diagnostic{Location{path, 0, 0}, "error", "no such source file"});
      continue;
    }
    if (llvm::sys::fs::is_directory(path)) {
      outcome.diagnostics.push_back(Diagnostic{Location{path, 0, 0}, "error",
                                               "is a directory, not a source file; pass the target's source files "
                                               "(.cpp) and the headers that declare its services"});
      continue;
    }
    // Headers by their extension: the database would interpolate a command for them.
    const llvm::StringRef ext = llvm::sys::path::extension(path);
    const driver::types::ID type = driver::types::lookupTypeForExtension(ext.drop_front());
    const bool header = ext == ".h" || ext == ".hh" || ext == ".hpp" || ext == ".hxx" || ext == ".inl" ||
                        (type != driver::types::TY_INVALID && driver::types::onlyPrecompileType(type));
    if (!header) only_headers = false;
    // Anything else clang would not compile as C or C++ (data.txt, a .o):
    // the database would interpolate a command for it too, and clang's
    // driver then fails with a cc1 command line kilobytes long.
    if (!header && type != driver::types::TY_C && !driver::types::isCXX(type) && !driver::types::isObjC(type)) {
      outcome.diagnostics.push_back(Diagnostic{
          Location{path, 0, 0}, "error",
          "not a C or C++ source file or header (clang compiles no language from " +
              (ext.empty() ? std::string("a file name without an extension") : "the extension '" + ext.str() + "'") +
              "); pass the target's .cpp files and the headers that declare its services"});
      continue;
    }
    // The database is asked by the path as given (its entries are spelled
    // as the build spelled them), then by the real path; the sets hold
    // canonical paths, as file_path() gives the files clang read.
    const std::string real = canonical_path(path);
    std::string command_path;
    if (!header) {
      if (!db->getCompileCommands(path).empty()) {
        command_path = path;
      } else if (real != path && !db->getCompileCommands(real).empty()) {
        command_path = real;
      }
    }
    if (command_path.empty()) {
      collected.owned_headers.insert(real);  // a header of the target: services defined in it belong here
    } else {
      collected.main_files.insert(real);
      parsed.push_back(command_path);
    }
  }
  if (parsed.empty() && outcome.diagnostics.empty()) {  // else those errors say why
    // Only headers: they have no compile command of their own, gen reads
    // them through a source that includes them.
    outcome.diagnostics.push_back(Diagnostic{
        Location{normalize_path(options.build_dir), 0, 0}, "error",
        only_headers ? "only headers were given, and meshwa gen reads a header through a source that includes it "
                       "(a header has no compile command in compile_commands.json); pass the target's .cpp files, "
                       "or one that includes the headers (meshwa_add_service writes <target>.headers.cpp for a unit "
                       "of headers only)"
                     : "none of the sources has a compile command in compile_commands.json; "
                       "pass the target's .cpp files"});
  }
  if (!outcome.diagnostics.empty()) return outcome;

  std::vector<std::string> extra = options.extra_args;
  extra.push_back(std::string("-resource-dir=") + MESHWA_CLANG_RESOURCE_DIR);
  Factory factory(collected);
  // One ClangTool per file: given several, ClangTool prints "[i/n]
  // Processing file ..." for each on stderr, which is noise in a build log
  // where only diagnostics belong.
  for (const std::string& file : parsed) {
    tooling::ClangTool tool(*db, {file});
    tool.appendArgumentsAdjuster(tooling::getStripPluginsAdjuster());
    tool.appendArgumentsAdjuster(strip_plugin_flags());
    tool.appendArgumentsAdjuster(tooling::getClangSyntaxOnlyAdjuster());
    tool.appendArgumentsAdjuster(tooling::getClangStripOutputAdjuster());
    tool.appendArgumentsAdjuster(tooling::getClangStripDependencyFileAdjuster());
    tool.appendArgumentsAdjuster(tooling::getInsertArgumentAdjuster(extra, tooling::ArgumentInsertPosition::END));
    if (tool.run(&factory) != 0) outcome.compile_failed = true;
  }

  Model& m = outcome.model;
  m.unit = options.unit;
  for (auto& [name, i] : collected.interfaces) m.interfaces.push_back(std::move(i));
  for (auto& [name, msg] : collected.messages) m.messages.push_back(std::move(msg));
  for (auto& [name, e] : collected.enums) m.enums.push_back(std::move(e));
  std::map<std::string, const Service*> by_service_name;
  for (auto& [name, s] : collected.services) {
    auto [it, fresh] = by_service_name.emplace(s.name, &s);
    if (!fresh) {
      collected.report(s.location, "error",
                       "service name '" + s.name + "' is used by both " + it->second->qualified_name + " and " +
                           s.qualified_name + "; give each service its own MESHWA_SERVICE name [meshwa-gen]");
    }
  }
  for (auto& [name, s] : collected.services) {
    for (const UnsafeMark& mark : collected.unit_unsafe) {
      if (std::find(s.unsafe.begin(), s.unsafe.end(), mark) == s.unsafe.end()) s.unsafe.push_back(mark);
    }
    s.safe = s.unsafe.empty();
    // Translation units add what they see in their own order: sort.
    std::sort(s.dependencies.begin(), s.dependencies.end(),
              [](const Dependency& a, const Dependency& b) { return a.interface < b.interface; });
    // The service's own MESHWA_UNSAFE first (--list and --graph show the
    // reasons in this order), then its helpers' by where they are written.
    const std::string& self = s.qualified_name;
    std::sort(s.unsafe.begin(), s.unsafe.end(), [&self](const UnsafeMark& a, const UnsafeMark& b) {
      if ((a.declaration == self) != (b.declaration == self)) return a.declaration == self;
      return std::tie(a.location.file, a.location.line, a.location.column, a.reason) <
             std::tie(b.location.file, b.location.line, b.location.column, b.reason);
    });
    m.services.push_back(std::move(s));
  }
  m.headers.assign(collected.headers.begin(), collected.headers.end());
  m.normalize();
  // Generated files include the file that declares an interface or message:
  // a source file would be compiled twice, and other services cannot see it.
  for (const auto& [file, names] : collected.in_sources) {
    std::string list;
    for (const std::string& n : names) list += (list.empty() ? "" : ", ") + n;
    collected.report(collected.first_in_source[file], "error",
                     "interfaces and messages must be declared in headers, but this source file declares " + list +
                         "; move them into a header that the services include [meshwa-gen]");
  }
  const bool errors = std::any_of(collected.diagnostics.begin(), collected.diagnostics.end(),
                                  [](const Diagnostic& d) { return d.severity == "error"; });
  report_methodless_interfaces(collected, m);
  if (!outcome.compile_failed) report_unread_headers(collected, m.unit);
  if (m.services.empty() && !errors && !outcome.compile_failed && !parsed.empty()) {
    report_no_service(collected, m.unit, Location{parsed.front(), 1, 1});
  }
  outcome.diagnostics = std::move(collected.diagnostics);
  outcome.inputs.assign(collected.inputs.begin(), collected.inputs.end());
  return outcome;
}

}  // namespace meshwa::gen
