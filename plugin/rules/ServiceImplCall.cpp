// meshwa-service-impl-call: a service talks to another service through its
// interface (meshwa::Ref<I> from ctx.ref<I>()), never through the other
// service's implementation class. Going around the interface skips the stub,
// which is where calls are counted, where an MPK domain is entered through
// its gate and where exceptions become meshwa::Error; it also ties the two
// services' lifetimes together behind the registry's back.
//
// Inside a MESHWA_SERVICE class (its fields, bases, methods and lambdas), the
// rule rejects naming a different MESHWA_SERVICE class (or a class nested in
// one): in the type of a declaration (also inside pointers, references and
// template arguments such as std::unique_ptr<OtherService>), in a base class,
// a construction, a cast, a static or member call. A service naming its own
// class is fine; code outside every service (a factory, a test) is not
// judged by this rule. Constructing a meshwa::Ref<I> from an object (a forged
// capability: it goes around the stub just the same) is rejected anywhere in
// service code, and so is a meshwa::Ref<T> or ctx.ref<T>() whose T is no
// MESHWA_INTERFACE (no service can provide it: the deployment would not start).
#include "Annotations.h"
#include "Rule.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/TypeLoc.h"

namespace meshwa::rules {

namespace {

constexpr llvm::StringLiteral kName = "service-impl-call";

/// Is `name` meshwa::<name> (the class template itself, not an alias)?
bool is_meshwa_template(const clang::TemplateDecl* decl, llvm::StringRef name) {
  if (decl == nullptr || decl->getName() != name) return false;
  const auto* ns = llvm::dyn_cast<clang::NamespaceDecl>(decl->getDeclContext()->getRedeclContext());
  return ns != nullptr && ns->getName() == "meshwa" && ns->getParent()->getRedeclContext()->isTranslationUnit();
}

/// The T of every meshwa::Ref<T> written in `written` (also inside template
/// arguments: std::vector<meshwa::Ref<T>>) that is no MESHWA_INTERFACE.
std::vector<clang::TypeLoc> refs_to_no_interface(clang::TypeLoc written) {
  class Finder : public clang::RecursiveASTVisitor<Finder> {
   public:
    bool VisitTemplateSpecializationTypeLoc(clang::TemplateSpecializationTypeLoc tl) {
      if (tl.getNumArgs() != 1 || !is_meshwa_template(tl.getTypePtr()->getTemplateName().getAsTemplateDecl(), "Ref")) {
        return true;
      }
      const clang::TypeSourceInfo* arg = tl.getArgLoc(0).getTypeSourceInfo();
      if (arg != nullptr && names_no_interface(arg->getType())) found.push_back(arg->getTypeLoc());
      return true;
    }
    std::vector<clang::TypeLoc> found;
  };
  Finder finder;
  if (!written.isNull()) finder.TraverseTypeLoc(written);
  return finder.found;
}

/// The MESHWA_SERVICE class that `decl` is (or lies inside, semantically), or
/// nullptr.
const clang::CXXRecordDecl* service_of(const clang::Decl* decl) {
  for (const clang::Decl* d = decl; d != nullptr;) {
    if (const auto* rd = llvm::dyn_cast<clang::CXXRecordDecl>(d)) {
      if (service_name(rd)) return llvm::cast<clang::CXXRecordDecl>(rd->getCanonicalDecl());
    }
    const clang::DeclContext* parent = d->getDeclContext();
    d = parent != nullptr ? llvm::dyn_cast<clang::Decl>(parent) : nullptr;
  }
  return nullptr;
}

class ServiceImplCall final : public Rule {
 public:
  llvm::StringRef name() const override { return kName; }

  void check_decl(const clang::Decl& decl, RuleContext& ctx) override {
    const clang::CXXRecordDecl* self = service_of(&decl);
    check_ref_targets(decl, self, ctx);
    if (self == nullptr) return;
    if (const auto* record = llvm::dyn_cast<clang::CXXRecordDecl>(&decl)) {
      if (!record->isThisDeclarationADefinition()) return;
      for (const clang::CXXBaseSpecifier& base : record->bases()) {
        if (const clang::CXXRecordDecl* other = foreign_service(base.getType(), self)) {
          report(base.getBeginLoc(), other, "derives from", ctx, base.getSourceRange());
        }
      }
      return;
    }
    const auto* declarator = llvm::dyn_cast<clang::DeclaratorDecl>(&decl);
    if (declarator == nullptr || declarator->isImplicit()) return;
    clang::QualType type = declarator->getType();
    if (const auto* fn = llvm::dyn_cast<clang::FunctionDecl>(declarator)) type = fn->getReturnType();
    if (const clang::CXXRecordDecl* other = foreign_service(type, self)) {
      // A local of the class's own type is an instance of its own, not a
      // handle on the running service.
      const auto* var = llvm::dyn_cast<clang::VarDecl>(declarator);
      const bool own_instance = var != nullptr && !llvm::isa<clang::ParmVarDecl>(var) && var->hasLocalStorage() &&
                                type->getAsCXXRecordDecl() == other;
      const char* what = llvm::isa<clang::FunctionDecl>(declarator) ? "returns"
                         : own_instance                              ? "constructs its own instance of"
                                                                     : "holds";
      clang::SourceLocation loc = declarator->getTypeSpecStartLoc();
      if (loc.isInvalid()) loc = declarator->getLocation();
      report(loc, other, what, ctx, declarator->getSourceRange());
    }
  }

  void check_stmt(const clang::Stmt& stmt, RuleContext& ctx) override {
    const auto* expr = llvm::dyn_cast<clang::Expr>(&stmt);
    if (expr == nullptr) return;
    if (const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(expr); construct && forges_ref(*construct)) {
      // Anywhere in service code, not only inside a service class.
      ctx.report.error(construct->getBeginLoc(), kName,
                       "constructing a meshwa::Ref from an object makes a capability the runtime never handed out: "
                       "calls through it skip the stub (no gate, no metrics, no exception guard) and nothing keeps "
                       "the object alive; take a Ref from ctx.ref<I>() and pass that on")
          << construct->getSourceRange();
      return;
    }
    if (const auto* call = llvm::dyn_cast<clang::CXXMemberCallExpr>(expr)) check_ref_call(*call, ctx);
    const clang::Decl* context = ctx.decl_parents().empty() ? nullptr : ctx.decl_parents().back();
    const clang::CXXRecordDecl* self = service_of(context);
    if (self == nullptr) return;
    check_stmt_in_service(*expr, context, self, ctx);
  }

 private:
  void check_stmt_in_service(const clang::Expr& stmt, const clang::Decl* context, const clang::CXXRecordDecl* self,
                             RuleContext& ctx) {
    const clang::Expr* expr = &stmt;
    // Another service's class as a base was reported at the base; its
    // initialiser and the inherited members used on this object are the
    // same finding.
    const auto* ctor = llvm::dyn_cast_or_null<clang::CXXConstructorDecl>(context);
    const auto inherited = [&](const clang::CXXRecordDecl* other) {
      if (!derives_from(self, other)) return false;
      if (const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(expr)) {
        return ctor != nullptr && llvm::any_of(ctor->inits(), [&](const clang::CXXCtorInitializer* init) {
                 return init->isBaseInitializer() && init->getInit() == construct;
               });
      }
      if (const auto* member = llvm::dyn_cast<clang::MemberExpr>(expr)) {
        return llvm::isa<clang::CXXThisExpr>(member->getBase()->IgnoreParenImpCasts());
      }
      return llvm::isa<clang::DeclRefExpr>(expr);  // a static member, named as inherited
    };
    const auto report_unless_base = [&](clang::SourceLocation loc, const clang::CXXRecordDecl* other,
                                        llvm::StringRef verb, clang::SourceRange range) {
      if (!inherited(other)) report(loc, other, verb, ctx, range);
    };

    // The initialiser of a declaration already reported for its type.
    if (const auto* declarator = llvm::dyn_cast_or_null<clang::DeclaratorDecl>(context)) {
      if (!llvm::isa<clang::FunctionDecl>(declarator) && foreign_service(declarator->getType(), self) != nullptr &&
          llvm::isa<clang::CXXConstructExpr>(expr)) {
        return;
      }
    }
    // A member initialiser `currency_(ctx)` of a member reported at its declaration.
    if (ctor != nullptr) {
      for (const clang::CXXCtorInitializer* init : ctor->inits()) {
        if (init->getInit() == expr && init->getMember() != nullptr &&
            foreign_service(init->getMember()->getType(), self) != nullptr) {
          return;
        }
      }
    }
    if (const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(expr)) {
      // Copies of a flagged member are reported at its declaration.
      if (construct->getConstructor() != nullptr && construct->getConstructor()->isCopyOrMoveConstructor()) return;
      if (const clang::CXXRecordDecl* other = foreign_service(construct->getType(), self)) {
        report_unless_base(construct->getBeginLoc(), other, "constructs", construct->getSourceRange());
      }
      return;
    }
    if (const auto* cast = llvm::dyn_cast<clang::ExplicitCastExpr>(expr)) {
      if (spelled_construction(*cast)) return;
      if (const clang::CXXRecordDecl* other = foreign_service(cast->getTypeAsWritten(), self)) {
        report(cast->getBeginLoc(), other, "casts to", ctx, cast->getSourceRange());
      }
      return;
    }
    if (const auto* member = llvm::dyn_cast<clang::MemberExpr>(expr)) {
      const clang::CXXRecordDecl* other = owner_service(member->getMemberDecl(), self);
      if (other == nullptr) return;
      if (names_flagged(member->getBase(), self)) return;  // reported where it was declared
      report_unless_base(member->getMemberLoc(), other, "calls into", member->getSourceRange());
      return;
    }
    if (const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(expr)) {
      // OtherService::helper(), OtherService::kLimit, make_unique<OtherService>(...)
      if (const clang::CXXRecordDecl* other = owner_service(ref->getDecl(), self)) {
        if (inherited(other)) return;
        if (llvm::isa<clang::VarDecl, clang::EnumConstantDecl>(ref->getDecl())) {
          // A constant: nothing is called, so a Ref is no remedy; the value
          // belongs beside the interface, where both services see it.
          report_constant(ref->getBeginLoc(), other, *ref, ctx);
          return;
        }
        report_unless_base(ref->getBeginLoc(), other, "calls into", ref->getSourceRange());
        return;
      }
      for (const clang::TemplateArgumentLoc& arg : ref->template_arguments()) {
        if (arg.getArgument().getKind() != clang::TemplateArgument::Type) continue;
        if (const clang::CXXRecordDecl* other = foreign_service(arg.getArgument().getAsType(), self)) {
          report(arg.getLocation(), other, "names", ctx, arg.getSourceRange());
          return;
        }
      }
    }
  }

  /// `OtherService(ctx)`: with one argument, C++ makes a functional cast
  /// around the construction, and the construction is reported
  /// ("constructs"); the cast is no second finding (probe api13 had three
  /// errors at one temporary, one of them "casts to"). Not when the
  /// construction is a copy or move, which the construction does not report.
  static bool spelled_construction(const clang::ExplicitCastExpr& cast) {
    if (!llvm::isa<clang::CXXFunctionalCastExpr>(cast)) return false;
    const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(cast.getSubExpr()->IgnoreImplicit());
    return construct != nullptr && construct->getConstructor() != nullptr &&
           !construct->getConstructor()->isCopyOrMoveConstructor();
  }

  /// meshwa::Ref<T> written in the type of `decl` (a variable, member,
  /// parameter, function result or type alias) with a T that no service can
  /// provide. Each spelling once: a declaration whose type comes from an
  /// alias or `auto` is judged where the alias or the initialiser is written.
  void check_ref_targets(const clang::Decl& decl, const clang::CXXRecordDecl* self, RuleContext& ctx) {
    if (decl.isImplicit()) return;
    clang::TypeLoc written;
    if (const auto* fn = llvm::dyn_cast<clang::FunctionDecl>(&decl)) {
      if (const clang::FunctionTypeLoc proto = fn->getFunctionTypeLoc()) written = proto.getReturnLoc();
    } else if (const auto* declarator = llvm::dyn_cast<clang::DeclaratorDecl>(&decl)) {
      if (const clang::TypeSourceInfo* tsi = declarator->getTypeSourceInfo()) written = tsi->getTypeLoc();
    } else if (const auto* alias = llvm::dyn_cast<clang::TypedefNameDecl>(&decl)) {
      if (const clang::TypeSourceInfo* tsi = alias->getTypeSourceInfo()) written = tsi->getTypeLoc();
    }
    for (const clang::TypeLoc& target : refs_to_no_interface(written)) {
      // meshwa::Ref<OtherService> in a service: "holds the implementation" (check_decl) says it.
      if (self != nullptr && llvm::isa<clang::DeclaratorDecl>(decl) &&
          foreign_service(target.getType(), self) != nullptr) {
        continue;
      }
      report_no_interface(target, /*call=*/false, ctx);
    }
  }

  /// ctx.ref<T>() (a Context's or the Registry's) with a T that no service
  /// can provide, at the T as written.
  void check_ref_call(const clang::CXXMemberCallExpr& call, RuleContext& ctx) {
    const clang::CXXMethodDecl* method = call.getMethodDecl();
    if (method == nullptr || method->getName() != "ref") return;
    const std::string owner = method->getParent()->getQualifiedNameAsString();
    if (owner != "meshwa::Context" && owner != "meshwa::Registry") return;
    const auto* callee = llvm::dyn_cast<clang::MemberExpr>(call.getCallee()->IgnoreParenImpCasts());
    if (callee == nullptr || callee->getNumTemplateArgs() != 1) return;
    const clang::TypeSourceInfo* arg = callee->getTemplateArgs()[0].getTypeSourceInfo();
    if (arg == nullptr || !names_no_interface(arg->getType())) return;
    report_no_interface(arg->getTypeLoc(), /*call=*/true, ctx);
  }

  /// The same words as meshwa gen's (no_interface_ref_message, Annotations.h).
  void report_no_interface(clang::TypeLoc target, bool call, RuleContext& ctx) {
    clang::PrintingPolicy policy(ctx.lang());
    policy.SuppressTagKeyword = true;
    policy.SuppressUnwrittenScope = true;
    const clang::CXXRecordDecl* record = target.getType().getCanonicalType()->getAsCXXRecordDecl();
    const clang::CXXRecordDecl* service = record != nullptr ? service_of(record) : nullptr;
    const clang::CXXRecordDecl* iface = service != nullptr && service == record ? interface_of(service) : nullptr;
    ctx.report.error(target.getBeginLoc(), kName,
                     no_interface_ref_message(target.getType().getAsString(policy), call,
                                              iface != nullptr ? iface->getQualifiedNameAsString() : std::string()))
        << target.getSourceRange();
    if (service != nullptr && service == record) {
      const std::string name = record->getNameAsString();
      ctx.report.note(record->getLocation(),
                      "'" + name + "' implements service '" + service_name(record).value_or(std::string()) + "' here");
    } else if (record != nullptr && ctx.service_code.contains(record->getLocation())) {
      ctx.report.note(record->getLocation(),
                      "'" + record->getNameAsString() +
                          (llvm::isa<clang::ClassTemplateSpecializationDecl>(record)
                               ? "' is a class template here, which no MESHWA_INTERFACE can be"
                               : "' is declared here, without MESHWA_INTERFACE"));
    }
  }

  /// The first MESHWA_INTERFACE among the bases of a service class, at any depth.
  static const clang::CXXRecordDecl* interface_of(const clang::CXXRecordDecl* record, unsigned depth = 0) {
    record = record != nullptr ? record->getDefinition() : nullptr;
    if (record == nullptr || depth > 16) return nullptr;
    for (const clang::CXXBaseSpecifier& base : record->bases()) {
      const clang::CXXRecordDecl* b = base.getType()->getAsCXXRecordDecl();
      if (b == nullptr) continue;
      if (is_interface(b)) return b;
      if (const clang::CXXRecordDecl* deeper = interface_of(b, depth + 1)) return deeper;
    }
    return nullptr;
  }

  /// Is `other` a base class of `self` (at any depth)?
  static bool derives_from(const clang::CXXRecordDecl* self, const clang::CXXRecordDecl* other) {
    const clang::CXXRecordDecl* def = self != nullptr ? self->getDefinition() : nullptr;
    return def != nullptr && other != nullptr && def->isDerivedFrom(other);
  }

  /// The other service class that `type` names (through pointers,
  /// references, arrays and template arguments), or nullptr.
  const clang::CXXRecordDecl* foreign_service(clang::QualType type, const clang::CXXRecordDecl* self,
                                              unsigned depth = 0) const {
    if (type.isNull() || depth > 16) return nullptr;
    type = type.getCanonicalType();
    while (true) {
      if (const auto* pointer = type->getAs<clang::PointerType>()) {
        type = pointer->getPointeeType();
      } else if (const auto* reference = type->getAs<clang::ReferenceType>()) {
        type = reference->getPointeeType();
      } else if (const auto* array = type->getAsArrayTypeUnsafe()) {
        type = array->getElementType();
      } else {
        break;
      }
      type = type.getCanonicalType();
    }
    const auto* record = type->getAsCXXRecordDecl();
    if (record == nullptr) return nullptr;
    if (const clang::CXXRecordDecl* owner = service_of(record)) {
      if (owner != self) return owner;
      return nullptr;
    }
    if (const auto* spec = llvm::dyn_cast<clang::ClassTemplateSpecializationDecl>(record)) {
      for (const clang::TemplateArgument& arg : spec->getTemplateArgs().asArray()) {
        if (arg.getKind() != clang::TemplateArgument::Type) continue;
        if (const auto* other = foreign_service(arg.getAsType(), self, depth + 1)) return other;
      }
    }
    return nullptr;
  }

  /// `meshwa::Ref<I>(object)`: the runtime's constructor from an exit
  /// (context.hpp, registry.hpp), which service code has no business calling.
  static bool is_meshwa_ref(const clang::CXXRecordDecl* record) {
    if (record == nullptr || record->getName() != "Ref") return false;
    const auto* ns = llvm::dyn_cast<clang::NamespaceDecl>(record->getDeclContext());
    return ns != nullptr && ns->getName() == "meshwa" && ns->getParent()->getRedeclContext()->isTranslationUnit();
  }

  // Ref's one-argument constructors other than copy and move: the one from
  // an object forges; the one from a Ref of a derived interface
  // (`Ref<Base> b = derived_ref;`) hands on a capability the runtime gave,
  // like a copy.
  static bool forges_ref(const clang::CXXConstructExpr& construct) {
    const clang::CXXConstructorDecl* ctor = construct.getConstructor();
    if (ctor == nullptr || ctor->isCopyOrMoveConstructor() || ctor->getNumParams() != 1) return false;
    if (!is_meshwa_ref(ctor->getParent())) return false;
    const clang::QualType from = ctor->getParamDecl(0)->getType().getNonReferenceType();
    return !is_meshwa_ref(from->getAsCXXRecordDecl());
  }

  /// The other service class that declares `member`, or nullptr.
  static const clang::CXXRecordDecl* owner_service(const clang::Decl* member, const clang::CXXRecordDecl* self) {
    if (member == nullptr) return nullptr;
    const auto* parent = llvm::dyn_cast<clang::CXXRecordDecl>(member->getDeclContext());
    if (parent == nullptr) return nullptr;
    const clang::CXXRecordDecl* owner = service_of(parent);
    return owner != nullptr && owner != self ? owner : nullptr;
  }

  /// Does `base` name a variable or member whose declared type already
  /// names another service (reported at that declaration)?
  bool names_flagged(const clang::Expr* base, const clang::CXXRecordDecl* self, unsigned depth = 0) const {
    if (base == nullptr || depth > 8) return false;
    base = base->IgnoreParenImpCasts();
    if (const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(base)) {
      return foreign_service(ref->getDecl()->getType(), self) != nullptr;
    }
    if (const auto* member = llvm::dyn_cast<clang::MemberExpr>(base)) {
      return foreign_service(member->getMemberDecl()->getType(), self) != nullptr;
    }
    if (const auto* call = llvm::dyn_cast<clang::CXXOperatorCallExpr>(base)) {  // svc_->f() on a smart pointer
      return call->getNumArgs() > 0 && names_flagged(call->getArg(0), self, depth + 1);
    }
    if (const auto* unary = llvm::dyn_cast<clang::UnaryOperator>(base)) {
      return names_flagged(unary->getSubExpr(), self, depth + 1);
    }
    return false;
  }

  void report_constant(clang::SourceLocation loc, const clang::CXXRecordDecl* other, const clang::DeclRefExpr& ref,
                       RuleContext& ctx) {
    const std::string name = other->getNameAsString();
    const std::string member = ref.getDecl()->getNameAsString();
    ctx.report.error(loc, kName,
                     "this service reads '" + member + "' of the implementation of service '" +
                         service_name(other).value_or(std::string()) + "' (" + name +
                         "), which ties it to that class instead of its interface; declare the constant beside the "
                         "interface (in its header or namespace) and use it from there in both services")
        << ref.getSourceRange();
    ctx.report.note(ref.getDecl()->getLocation(), "'" + member + "' is declared here, in service class '" + name + "'");
  }

  void report(clang::SourceLocation loc, const clang::CXXRecordDecl* other, llvm::StringRef verb, RuleContext& ctx,
              clang::SourceRange range) {
    const std::string name = other->getNameAsString();
    const std::string service = service_name(other).value_or(std::string());
    std::string iface;
    for (const clang::CXXBaseSpecifier& base : other->getDefinition() != nullptr ? other->getDefinition()->bases()
                                                                                  : other->bases()) {
      if (const auto* rd = base.getType()->getAsCXXRecordDecl(); rd != nullptr && is_interface(rd)) {
        iface = rd->getNameAsString();
        break;
      }
    }
    std::string remedy = iface.empty()
                             ? std::string("go through its MESHWA_INTERFACE with a meshwa::Ref<I> from ctx.ref<I>()")
                             : "hold a meshwa::Ref<" + iface + "> from ctx.ref<" + iface + ">() and call through it";
    // Deriving reuses the code, not the running service: the code can move
    // into a base that is no service (an unsafe service's code would
    // otherwise run in this service's domain).
    if (verb == "derives from") {
      remedy = "to share its code, move that code into a class that is no service and derive both from it, or " +
               remedy;
    }
    ctx.report.error(loc, kName,
                     "this service " + verb.str() + " the implementation of service '" + service + "' (" + name +
                         ") instead of its interface; " + remedy)
        << range;
    ctx.report.note(other->getLocation(), "'" + name + "' implements service '" + service + "' here");
  }

};

}  // namespace

std::unique_ptr<Rule> make_ServiceImplCall() { return std::make_unique<ServiceImplCall>(); }

}  // namespace meshwa::rules
