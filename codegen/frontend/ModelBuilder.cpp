// The LibTooling front end of meshwa gen: runs clang over the unit's
// sources, hands each translation unit's declarations to the Walker
// (Walker.h), and turns what it collected into the plain model.
#include "frontend/ModelBuilder.h"

#include <algorithm>
#include <map>
#include <memory>
#include <set>
#include <tuple>

#include "Annotations.h"
#include "clang/AST/ASTConsumer.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Driver/Types.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendAction.h"
#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "clang/Tooling/JSONCompilationDatabase.h"
#include "clang/Tooling/Tooling.h"
#include "frontend/Collected.h"
#include "frontend/ConfigCommands.h"
#include "frontend/Paths.h"
#include "frontend/Walker.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

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

using frontend::canonical_path;
using frontend::Collected;
using frontend::normalize_path;
using frontend::Walker;

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
    if (implemented_here) frontend::report_methodless(collected, name, at);
  }
}

// A unit that defines no service: either its sources see none (no header
// of services included: listing a header that is not included changes
// nothing), or the ones they see belong to other units: name those.
// A unit of interfaces and messages (an API library that service units
// link) is said nothing of: it needs no service, and a warning on every
// build of it would teach users to ignore the warning.
static void report_no_service(Collected& collected, const std::string& unit, const Location& at) {
  if (collected.services_elsewhere.empty()) {
    if (collected.declares_interfaces_or_messages) return;
    collected.report(at, "warning",
                     "unit '" + unit + "' defines no service: none of its sources declares or includes a "
                     "MESHWA_SERVICE class, nor does any declare an interface or a message; list the sources "
                     "or headers that define the unit's services [meshwa-gen]");
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
  db = frontend::one_command_per_file(std::move(db), options.config);
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
      collected.report(it->second->location, "note",
                       "'" + it->second->qualified_name + "' is named '" + s.name + "' here");
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
