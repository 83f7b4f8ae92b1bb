// MESHWA_SERVICE classes: constructors, dependencies, the verdict (Walker.h).
#include "frontend/Walker.h"

#include <algorithm>

#include "TypeUtil.h"
#include "Verdict.h"
#include "clang/AST/CXXInheritance.h"
#include "clang/AST/GlobalDecl.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/SmallString.h"
#include "frontend/AstQueries.h"
#include "meshwa/control_characters.hpp"
#include "meshwa/start_text.hpp"

namespace meshwa::gen::frontend {

/// The service annotation is MESHWA_SERVICE("name") with one narrow string
/// literal, the same on every declaration of the class; the name goes into
/// generated code, --list and configuration keys, so a control character
/// in it is an error too.
bool Walker::service_annotation_ok(const CXXRecordDecl& rd, const std::string& name) {
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
  if (::meshwa::detail::has_control_character(name)) {
    out_.report(where(first != nullptr ? first->getLocation() : rd.getLocation()), "error",
                "the name of service class " + cls +
                    " contains a control character (a line break or a tab, say); use a plain name such as "
                    "MESHWA_SERVICE(\"" + rd.getNameAsString() + "\") [meshwa-gen]");
    return false;
  }
  return true;
}

// Does any member function of the service have its definition in one of
// the target's main files? (Then the service belongs to this target.)
bool Walker::defined_here(const CXXRecordDecl& rd) const {
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

// The interface a ctx.ref<I>() call asks for; nullopt for any other call,
// and for a T that is no MESHWA_INTERFACE (reported here: no service
// could provide it).
std::optional<std::string> Walker::ref_call(const CXXMemberCallExpr& call) {
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
class Walker::RefCalls : public RecursiveASTVisitor<RefCalls> {
  using Base = RecursiveASTVisitor<RefCalls>;

 public:
  static constexpr unsigned kMaxFollow = 4;
  /// Each interface asked for, with where (the ctx.ref<I>() call).
  using Found = std::vector<std::pair<std::string, SourceLocation>>;
  /// `stored`: the asks of lambdas the function stores in a std::function
  /// for later (`routes_["/x"] = [this] { ... };`, a std::function member
  /// initialized with one): they do not run while it runs, so they are no
  /// start dependency and no self-ref of a constructor (api22: a front's
  /// route table, set up in its constructor, whose "/subscribe" lambda
  /// asked for the service's own interface, was refused as a constructor
  /// asking for itself). A lambda called at once, or handed to an algorithm
  /// or a thread, runs: its asks are the function's.
  RefCalls(Walker& walker, Found& found, Found& stored)
      : walker_(walker), found_(&found), stored_found_(stored) {}
  void run(const FunctionDecl& body) {
    entered_.insert(&body);
    TraverseDecl(const_cast<FunctionDecl*>(&body));
  }
  bool VisitCXXMemberCallExpr(CXXMemberCallExpr* call) {
    if (std::optional<std::string> iface = walker_.ref_call(*call)) {
      found_->emplace_back(std::move(*iface), call->getExprLoc());
    }
    return true;
  }
  // Pre-order: the store is seen before the lambda it stores is traversed.
  bool VisitCXXOperatorCallExpr(CXXOperatorCallExpr* call) {
    if (call->getOperator() == OO_Equal && call->getNumArgs() == 2 &&
        rules::is_std_function(call->getArg(0)->getType())) {
      note_stored(call->getArg(1));
    }
    return true;
  }
  bool TraverseLambdaExpr(LambdaExpr* lambda) {
    if (stored_lambdas_.count(lambda) == 0) return Base::TraverseLambdaExpr(lambda);
    Found* const outer = found_;
    found_ = &stored_found_;
    const bool ok = Base::TraverseLambdaExpr(lambda);
    found_ = outer;
    return ok;
  }
  bool VisitCallExpr(CallExpr* call) {
    follow(call->getDirectCallee());
    return true;
  }
  bool VisitCXXConstructExpr(CXXConstructExpr* construct) {
    if (construct->getNumArgs() >= 1 && rules::is_std_function(construct->getType())) note_stored(construct->getArg(0));
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
  void note_stored(const Expr* value) {
    const Expr* e = value->IgnoreImplicit();
    while (const auto* copy = dyn_cast<CXXConstructExpr>(e)) {  // the closure copied or moved into place
      if (copy->getNumArgs() != 1 || copy->getConstructor()->getParent() == nullptr ||
          !copy->getConstructor()->getParent()->isLambda()) {
        break;
      }
      e = copy->getArg(0)->IgnoreImplicit();
    }
    if (const auto* lambda = dyn_cast<LambdaExpr>(e)) stored_lambdas_.insert(lambda);
  }
  Walker& walker_;
  Found* found_;
  Found& stored_found_;
  std::set<const LambdaExpr*> stored_lambdas_;
  std::set<const FunctionDecl*> entered_;
  unsigned depth_ = 0;
};

/// A constructor that asks for an interface its own service implements
/// (`ctx.ref<Listener>()` to subscribe itself to a hub): the provider is
/// the service being constructed, which starts only when its constructor
/// returns, so no start order exists in any deployment (meshwa deploy
/// would report the cycle `app -> app` at the class). Reported here, at
/// the call, with a remedy that works: ask later, from a method.
void Walker::report_self_ref(const Service& s, const std::string& iface, SourceLocation at, const FunctionDecl& ctor) {
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

void Walker::add_dependency(Service& s, const std::string& iface, const std::string& via, const Location& at) {
  for (Dependency& d : s.dependencies) {
    if (d.interface != iface) continue;
    // Only the translation unit with the constructor's body sees the
    // ctx.ref<I>() call; the others see the Ref<I> member. The same answer
    // whatever the order of the sources. The location goes with the `via`
    // kept (the first one seen, or the constructor's call).
    if (via == "constructor" && d.via != "constructor") {
      d.via = via;
      d.location = at;
    }
    return;
  }
  s.dependencies.push_back(Dependency{iface, via, at});
}

// For every method of the service's interfaces, the function of `service`
// (or of a base) that implements it, named by its linker symbol. Left out
// where the stub must make the qualified C++ call instead: not the Itanium
// ABI, or an implementation without external linkage (inherited from a
// base class in an anonymous namespace) whose symbol another object file
// cannot name.
std::vector<DirectCall> Walker::direct_calls(const CXXRecordDecl& service,
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

// A service that misses an interface method stays abstract (a signature
// that differs in const or in a parameter type declares a new method
// instead). Say which one here, before the generated instance fails to
// compile with clang's "abstract class" errors.
// A default argument as the check below compares it: an integer constant by
// its value (`20` and `2 * 10` alike), anything else as written.
std::string Walker::default_argument_text(const ParmVarDecl& p) const {
  const Expr* arg = p.getDefaultArg();
  if (arg == nullptr) return "";
  Expr::EvalResult value;
  if (!arg->isValueDependent() && arg->EvaluateAsInt(value, ctx_)) {
    llvm::SmallString<24> text;
    value.Val.getInt().toString(text, 10);
    return text.str().str();
  }
  return Lexer::getSourceText(CharSourceRange::getTokenRange(arg->getSourceRange()), sm_, ctx_.getLangOpts()).str();
}

/// An override whose default argument differs from the interface's (or
/// that has one where the interface has none). C++ takes a default
/// argument from the type the call is made through: every caller in a
/// deployment calls through meshwa::Ref<I>, so gets the interface's, while a
/// test calling the service object directly gets the override's, and passes
/// on behaviour no caller sees. The same default on both, or one on the
/// interface only, is what callers get anyway: accepted.
void Walker::report_override_default_arguments(const CXXRecordDecl& service,
                                               const std::vector<const CXXRecordDecl*>& interfaces) {
  for (const CXXRecordDecl* iface : interfaces) {
    for (const CXXMethodDecl* m : interface_methods(*iface)) {
      if (!m->isVirtual()) continue;
      const CXXMethodDecl* impl = m->getCorrespondingMethodInClass(&service);
      if (impl == nullptr || impl == m || impl->getNumParams() != m->getNumParams()) continue;
      for (unsigned k = 0; k < m->getNumParams(); ++k) {
        const ParmVarDecl& own = *impl->getParamDecl(k);
        const ParmVarDecl& declared = *m->getParamDecl(k);
        if (!own.hasDefaultArg() || own.hasUnparsedDefaultArg() || own.hasUninstantiatedDefaultArg()) continue;
        const std::string theirs = declared.hasDefaultArg() ? default_argument_text(declared) : "";
        const std::string mine = default_argument_text(own);
        if (declared.hasDefaultArg() && theirs == mine) continue;
        const std::string what = impl->getParent()->getNameAsString() + "::" + impl->getNameAsString();
        const std::string param = own.getName().empty() ? "#" + std::to_string(k + 1) : "'" + own.getNameAsString() + "'";
        const std::string ref = "meshwa::Ref<" + iface->getQualifiedNameAsString() + ">";
        out_.report(where(own.getDefaultArgRange().getBegin()), "error",
                    what + " gives parameter " + param + " the default argument " + mine +
                        (declared.hasDefaultArg() ? ", but a call through " + ref + " takes the interface's, " + theirs
                                                  : ", which a call through " + ref +
                                                        " never takes (the interface's parameter has none)") +
                        ": C++ takes a default argument from the type a call is made through, and every caller in "
                        "a deployment calls through the interface, so only a test calling the service directly "
                        "would see this one; give the override the interface's default argument, or none "
                        "[meshwa-gen]");
        out_.report(where(declared.getLocation()), "note",
                    "the parameter of " + m->getParent()->getQualifiedNameAsString() + "::" + m->getNameAsString() +
                        " is declared here");
      }
    }
  }
}

void Walker::report_unimplemented(const CXXRecordDecl& rd, const Service& s) {
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

void Walker::add_service(const CXXRecordDecl& rd, const std::string& name) {
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
  report_override_default_arguments(rd, interfaces);
  if (s.interfaces.empty()) {
    out_.report(s.location, "error",
                "service '" + name + "' implements no MESHWA_INTERFACE; derive " + s.class_name +
                    " from the interface its callers use (a service nobody calls, a driver running its own "
                    "loop, still needs one: give it a small interface of its own, e.g. a status() method, "
                    "docs/api.md) [meshwa-gen]");
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
    RefCalls::Found stored;
    RefCalls(*this, found, stored).run(*def);
    const std::string via = ctor ? std::string("constructor") : "method " + method->getNameAsString();
    for (const auto& [iface, at] : found) {
      add_dependency(s, iface, via, where(at.isValid() ? at : def->getLocation()));
      if (ctor) report_self_ref(s, iface, at, *def);
    }
    // Asked for when the stored lambda runs, later: as from a method.
    const std::string stored_via = ctor ? std::string("a lambda the constructor stores") : via;
    for (const auto& [iface, at] : stored) add_dependency(s, iface, stored_via, where(at.isValid() ? at : def->getLocation()));
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
        add_dependency(s, iface->getQualifiedNameAsString(), "member " + f->getNameAsString(),
                       where(f->getLocation()));
      }
    }
  }
  const rules::ServiceVerdict verdict = rules::service_verdict(rd, ctx_);
  for (const rules::UnsafeMark& mark : verdict.marks) {
    // The plugin rejects an unsafe mark without a reason in every build
    // ([meshwa-unsafe-reason]); a generator run on its own says so too
    // rather than writing a domain with an empty reason.
    if (llvm::StringRef(mark.reason).trim().empty()) {
      report_unsafe_reason(mark.loc, mark.decl_name, rules::UnsafeReasonProblem::none_given);
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
    for (const Dependency& d : s.dependencies) add_dependency(known, d.interface, d.via, d.location);
    known.safe = known.unsafe.empty();
  }
}

}  // namespace meshwa::gen::frontend
