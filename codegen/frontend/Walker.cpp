// Markers, MESHWA_UNSAFE marks and where things are (Walker.h).
#include "frontend/Walker.h"

#include <algorithm>

#include "Verdict.h"
#include "frontend/AstQueries.h"
#include "frontend/Paths.h"

namespace meshwa::gen::frontend {

/// A MESHWA_MESSAGE, MESHWA_INTERFACE or MESHWA_SERVICE on the wrong kind
/// of declaration (an enum, a function, a class template ...): the same
/// [meshwa-marker] error as the plugin's, at the marker.
void Walker::check_markers(const Decl& d) {
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
void Walker::check_unsafe_reason(const Decl& d) {
  if (!d.hasAttrs() || !writes_unsafe_mark(d) || !code_.contains(d.getLocation())) return;
  const std::optional<rules::UnsafeReasonProblem> problem = rules::unsafe_reason_problem(&d);
  if (!problem) return;
  const auto* named = dyn_cast<NamedDecl>(&d);
  report_unsafe_reason(d.getLocation(), named != nullptr ? named->getQualifiedNameAsString() : "", *problem);
}

/// Once per marked declaration, by name, whichever finds it first: the
/// service verdict below (the marks a service reaches, at the
/// redeclaration it uses) or check_unsafe_reason (every mark, where it is
/// written). In every translation unit that sees it, once.
void Walker::report_unsafe_reason(SourceLocation loc, const std::string& decl_name,
                                  rules::UnsafeReasonProblem problem) {
  const Location at = where(loc);
  if (!out_.unsafe_reason_marks.insert(decl_name.empty() ? at.str() : decl_name).second) return;
  const char* what = " gives no reason; say why the code cannot be proven safe";
  if (problem == rules::UnsafeReasonProblem::not_a_literal) {
    what = " gives its reason as something other than a string literal, the only form meshwa gen and the service "
           "verdict read; write it out";
  } else if (problem == rules::UnsafeReasonProblem::more_than_one) {
    what = " gives more than one argument; write the reason as one string literal (adjacent literals concatenate)";
  }
  out_.report(at, "error",
              "MESHWA_UNSAFE on " + (decl_name.empty() ? std::string("this declaration") : decl_name) + what +
                  ", as in MESHWA_UNSAFE(\"wraps zlib\"): --list and the domain show it [meshwa-unsafe-reason]");
}

/// A marked class that is a private or protected member of a class (or
/// nested in one): generated code names it from outside every class. True
/// when reported.
bool Walker::report_non_public(const CXXRecordDecl& rd, const char* kind) {
  const NamedDecl* hidden = non_public_member(rd);
  if (hidden == nullptr) return false;
  out_.report(where(rd.getLocation()), "error",
              std::string(kind) + " " + rd.getQualifiedNameAsString() + " is " + non_public_text(rd, *hidden) +
                  " [meshwa-gen]");
  return true;
}

/// The same for `d` and everything inside it (bodies, templates), which
/// the RecordVisitor skips: only the markers written there are checked, and
/// only in service code (the standard library's bodies are never walked).
void Walker::check_markers_within(const Decl& d) {
  for (const rules::MisplacedMarker& marker : rules::misplaced_markers_within(d, code_)) {
    out_.report(where(marker.loc), "error", marker.message + " [meshwa-" + rules::kMarkerRule.str() + "]");
  }
}

void Walker::record(const CXXRecordDecl& rd) {
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
                std::string(kind) + " " + rd.getNameAsString() + " is " + anonymous_namespace_text() + " [meshwa-gen]");
    return;
  }
  if (report_non_public(rd, kind)) return;
  if (service && !service_annotation_ok(rd, *service)) return;
  if ((interface || message) && in_main_file(rd)) {
    const Location at = where(rd.getLocation());
    auto& names = out_.in_sources[at.file];
    if (names.empty()) out_.first_in_source[at.file] = at;
    if (std::find(names.begin(), names.end(), rd.getQualifiedNameAsString()) == names.end()) {
      names.push_back(rd.getQualifiedNameAsString());
    }
  }
  if ((interface || message) && in_owned_file(rd)) out_.declares_interfaces_or_messages = true;
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
void Walker::unsafe_function(const FunctionDecl& fd) {
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
void Walker::unsafe_variable(const VarDecl& vd) {
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
void Walker::finish_unit() {
  for (const rules::UnsafeMark& mark : rules::unsafe_code_of(exported_, ctx_)) {
    add_unit_mark(mark.reason, mark.decl_name, mark.loc);
  }
  exported_.clear();
}

void Walker::add_unit_mark(const std::string& reason, const std::string& decl, SourceLocation loc) {
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
bool Walker::model_file(SourceLocation loc) const {
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
bool Walker::in_unit_file(SourceLocation loc) const {
  const std::string file = file_path(sm_.getFileID(sm_.getFileLoc(loc)));
  return out_.main_files.count(file) != 0 || out_.owned_headers.count(file) != 0;
}

// The place clang's own diagnostics name (TextDiagnostic: the file
// location of a macro expansion, presumed): a #line directive's line and,
// when it gives one, its file name as written there, so that gen's errors
// and the compiler's agree in #line-ed (generated) sources. Without a
// #line file name, the file's canonical path.
Location Walker::where(SourceLocation loc) const {
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

std::string Walker::file_path(FileID fid) const {
  OptionalFileEntryRef entry = sm_.getFileEntryRefForID(fid);
  if (!entry) return {};
  llvm::StringRef real = entry->getFileEntry().tryGetRealPathName();
  return normalize_path(real.empty() ? entry->getName() : real);
}

// How generated code names the header declaring `decl`: its path, relative
// to --include-root when it is under it.
std::string Walker::header_of(const Decl& decl) const {
  std::string path = file_path(sm_.getFileID(sm_.getFileLoc(decl.getLocation())));
  const std::string& root = out_.options->include_root;
  if (!root.empty()) {
    std::string prefix = root;
    if (!prefix.empty() && prefix.back() != '/') prefix += '/';
    if (path.compare(0, prefix.size(), prefix) == 0) path = path.substr(prefix.size());
  }
  return path;
}

bool Walker::in_main_file(const Decl& decl) const {
  return out_.main_files.count(file_path(sm_.getFileID(sm_.getFileLoc(decl.getLocation())))) != 0;
}

bool Walker::in_owned_file(const Decl& decl) const {
  const std::string path = file_path(sm_.getFileID(sm_.getFileLoc(decl.getLocation())));
  return out_.main_files.count(path) != 0 || out_.owned_headers.count(path) != 0;
}

}  // namespace meshwa::gen::frontend
