// meshwa-dangling: references and views (std::string_view, std::span,
// iterators, std::reference_wrapper) bound to objects that die before them:
//   std::string_view v = std::string("x");      // the temporary dies at ;
//   std::string_view v = s + "x";               // same
//   std::string_view v = make_order().name;     // member of a temporary
//   const std::string& r = make_order().label(); // a reference returned by a
//                                                // method of a temporary
//   for (auto& x : make_order().items()) ...    // (before C++23) same
//   std::string_view name() { std::string s; return s; }  // a local
//   const T& r = std::max(a, T{});               // argument of matching type
//   const char& c = load()->front();             // -> of a temporary
//   auto [lo, hi] = std::minmax(a, b + 1);       // pair of references
//   return std::cref(local);  return id(local);  // through a call
//   return local_vec | std::views::filter(p);    // ref_view of a local
//   return std::find(v.begin(), v.end(), x);      // iterator of a local, via
//   return std::ranges::find(v, x);               // a std algorithm
//   return std::bind(f, std::ref(local));         // a reference in a value
//   std::string_view v{make()};                   // braces, like =
//   { std::string s; outer_view = s; } use(outer_view);  // inner block
//   catch (const std::exception& e) { msg = e.what(); } use(msg);
//   std::initializer_list<T> f() { return {...}; }
//   void f(std::string_view& out) { std::string s; out = s; }  // out-parameter
//   class P { std::string buf_; std::string_view rest_;          // a view member
//     void load() { rest_ = buf_; }  void add(char c) { buf_ += c; } };  // over a
//                                   // member another member function changes
//   class S { std::vector<std::string> names_;                   // a collection of
//     std::map<std::string_view, int> index_;                    // views over one:
//     void add(std::string n) { names_.push_back(n); index_[names_.back()] = 0; } };
//   auto parts = split(read_line(), ',');         // a container of views from a
//                                                 // function handed a temporary
//   std::optional<std::string_view> f() { return to_lower(s); }  // returned holder
//   int* f() { int x; return &x; }  g_ptr = &local;  *out = buf;  // raw pointers
//   static const int& first = k;                  // a static bound to a local
//   std::function<const int&()> f = [] { return 1; };  // reference to a temporary
//   class C { std::initializer_list<int> l_; ... };     // an array that dies
// Iterators are views, except those that own their state (std::filesystem's
// directory iterators copy their path).
// Lifetime extension is respected: `const std::string& r = f().name;` binds
// the whole temporary to r (clang records the extending declaration), and is
// accepted. What cannot be decided locally is rejected conservatively: a free
// function returning a reference or view whose argument of the matching type
// is a temporary (std::max, a trim() helper) may return that argument.
//
// This overlaps clang's -Wdangling / -Wdangling-gsl / -Wreturn-stack-address
// warnings on purpose: in service code these are errors, with a remedy, and
// the rule also covers members and methods of temporaries that clang misses.
#include "Dangling.h"

#include "TypeUtil.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/StmtCXX.h"

namespace meshwa::rules::dangling {

namespace {

/// std::initializer_list<T>.
bool is_initializer_list(clang::QualType type) {
  return !type.isNull() && !type->isDependentType() && is_std_class(type->getAsCXXRecordDecl(), {"initializer_list"});
}

}  // namespace

void Dangling::check_decl(const clang::Decl& decl, RuleContext& ctx) {
  // A local declared where the function never runs binds nothing.
  if (ctx.in_never_run_part(nullptr)) return;
  if (const auto* record = llvm::dyn_cast<clang::CXXRecordDecl>(&decl)) {
    if (record->isThisDeclarationADefinition() && !record->isLambda() && !record->isUnion()) records_.push_back(record);
    return;
  }
  if (const auto* var = llvm::dyn_cast<clang::VarDecl>(&decl)) {
    check_variable(*var, ctx);
  } else if (const auto* field = llvm::dyn_cast<clang::FieldDecl>(&decl)) {
    // (Brace-initialising an aggregate extends the array's lifetime to the
    // object's, as for a reference member: only classes with constructors.)
    if (const auto* owner = llvm::dyn_cast<clang::CXXRecordDecl>(field->getParent());
        is_initializer_list(field->getType()) && owner != nullptr && owner->hasDefinition() && !owner->isAggregate()) {
      report_initializer_list_member(*field, ctx);
      return;
    }
    // std::string_view name_ = std::string("x");
    const clang::Expr* init = field->getInClassInitializer();
    if (init == nullptr || init->isTypeDependent() || !is_view(field->getType())) return;
    Roots roots(caches_, ctx.ast);
    if (auto root = roots.of_view(init)) {
      report_binding(field->getLocation(), "member '" + field->getNameAsString() + "'", *root, ctx);
    }
  } else if (const auto* ctor = llvm::dyn_cast<clang::CXXConstructorDecl>(&decl)) {
    if (!ctor->doesThisDeclarationHaveABody() || ctor->isDependentContext()) return;
    for (const clang::CXXCtorInitializer* init : ctor->inits()) {
      if (!init->isWritten() || !init->isMemberInitializer() || init->getMember() == nullptr) continue;
      const clang::QualType type = init->getMember()->getType();
      Roots roots(caches_, ctx.ast);
      std::optional<Root> root;
      if (type->isReferenceType()) root = roots.of_object(init->getInit());
      else if (is_view(type)) root = roots.of_view(init->getInit());
      if (root) report_binding(init->getSourceLocation(), "member '" + init->getMember()->getNameAsString() + "'", *root, ctx);
    }
  }
}

void Dangling::check_end_of_translation_unit(RuleContext& ctx) {
  check_class_templates(ctx);
  caches_ = BodyCaches{};  // keyed by this translation unit's declarations
}

void Dangling::check_class_templates(RuleContext& ctx) {
  for (const clang::CXXRecordDecl* record : records_) {
    if (const clang::ClassTemplateDecl* pattern = record->getDescribedClassTemplate()) {
      // The pattern's members are dependent: look at the instantiations
      // (their member functions that were instantiated), on the pattern's
      // lines.
      unsigned limit = 8;
      for (const clang::ClassTemplateSpecializationDecl* spec : pattern->specializations()) {
        if (limit-- == 0) break;
        if (spec->isThisDeclarationADefinition() &&
            spec->getSpecializationKind() != clang::TSK_ExplicitSpecialization) {
          MemberViews(*spec, ctx, classes_reported_).run();
        }
      }
      continue;
    }
    MemberViews(*record, ctx, classes_reported_).run();
  }
  records_.clear();
}

void Dangling::check_stmt(const clang::Stmt& stmt, RuleContext& ctx) {
  // What never runs binds, stores and returns nothing.
  if (ctx.in_never_run_part(&stmt)) return;
  if (const auto* assign = llvm::dyn_cast<clang::BinaryOperator>(&stmt);
      assign != nullptr && assign->getOpcode() == clang::BO_Assign && !assign->isTypeDependent() &&
      assign->getLHS()->getType()->isPointerType() && !assign->getLHS()->getType()->isFunctionPointerType()) {
    check_pointer_store(*assign, ctx);
    return;
  }
  if (const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(&stmt)) {
    if (construct->getNumArgs() == 1) check_function_wrapper(construct->getType(), construct->getArg(0), ctx);
    return;
  }
  if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(&stmt);
      op != nullptr && op->getOperator() == clang::OO_Equal && op->getNumArgs() == 2) {
    check_function_wrapper(op->getArg(0)->getType(), op->getArg(1), ctx);  // fn = [] { ... };
  }
  if (const auto* ret = llvm::dyn_cast<clang::ReturnStmt>(&stmt)) {
    if (const clang::FunctionDecl* fn = ctx.enclosing_function()) check_return(*ret, *fn, ctx);
  } else if (const auto* range_for = llvm::dyn_cast<clang::CXXForRangeStmt>(&stmt)) {
    // The implicit `auto&& __range = <range-init>;` (the walk skips
    // implicit code).
    if (const clang::DeclStmt* range = range_for->getRangeStmt(); range != nullptr && range->isSingleDecl()) {
      if (const auto* var = llvm::dyn_cast<clang::VarDecl>(range->getSingleDecl())) check_variable(*var, ctx);
    }
  } else if (const auto* call = llvm::dyn_cast<clang::CXXMemberCallExpr>(&stmt)) {
    check_insertion(*call, ctx);
  } else if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(&stmt)) {
    // views[std::to_string(n)] = 1; optional_view = std::string("x");
    if ((op->getOperator() == clang::OO_Equal || op->getOperator() == clang::OO_Subscript) && op->getNumArgs() == 2 &&
        !op->isTypeDependent() && holds_owner_views(op->getArg(0)->getType())) {
      const clang::Expr* value = op->getArg(1);
      auto find = [&](const Roots& roots) {
        std::optional<Root> root = is_owner_view(value->getType()) ? roots.of_view(value)
                                   : op->getOperator() == clang::OO_Equal
                                       ? held_root(value, element_slot(op->getArg(0)->getType(), 0, 1), roots)
                                       : std::nullopt;
        if (!root && op->getOperator() == clang::OO_Equal) root = held_root(value, op->getArg(0)->getType(), roots);
        return root;
      };
      if (auto root = find(Roots{caches_, ctx.ast})) {
        report_binding(op->getOperatorLoc(), "a view stored in " + holder_name(op->getArg(0)), *root, ctx);
      } else if (auto local = find(local_roots(ctx))) {
        check_inner_scope(op->getArg(0), *local, op->getOperatorLoc(), ctx);
        if (!local->conservative) check_returned_holder(local_holder(op->getArg(0)), *local, op->getOperatorLoc(), ctx);
      }
      return;
    }
    // by_id[k] = make_name(); by_id[k] = local; views.at(0) = s; *o = s:
    // a view element of a holder assigned.
    if (op->getOperator() == clang::OO_Equal && op->getNumArgs() == 2 && !op->isTypeDependent() &&
        is_owner_view(op->getArg(0)->getType())) {
      if (const clang::Expr* holder = element_holder(op->getArg(0))) {
        if (auto root = Roots{caches_, ctx.ast}.of_view(op->getArg(1))) {
          report_binding(op->getOperatorLoc(), "a view stored in " + holder_name(holder), *root, ctx);
        } else if (auto local = local_roots(ctx).of_view(op->getArg(1))) {
          check_inner_scope(holder, *local, op->getOperatorLoc(), ctx);
          if (!local->conservative) check_returned_holder(local_holder(holder), *local, op->getOperatorLoc(), ctx);
        }
        return;
      }
    }
    // view = std::string("x");
    if (op->getOperator() != clang::OO_Equal || op->getNumArgs() != 2 || !is_view(op->getArg(0)->getType())) return;
    if (is_reference_tuple(op->getArg(0)->getType()) || is_atomic_ref(op->getArg(0)->getType())) {
      return;  // assigns through its references
    }
    if (op->isTypeDependent()) return;
    const clang::Expr* target = op->getArg(0)->IgnoreParenImpCasts();
    const clang::ValueDecl* named = nullptr;
    if (const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(target)) named = ref->getDecl();
    if (const auto* member = llvm::dyn_cast<clang::MemberExpr>(target)) named = member->getMemberDecl();
    if (named == nullptr && out_parameter(target) == nullptr) return;  // *out = ... is checked below
    Roots roots(caches_, ctx.ast);
    if (auto root = roots.of_view(op->getArg(1))) {
      report_binding(op->getOperatorLoc(), "'" + (named != nullptr ? named->getNameAsString() : source_text(target, ctx)) + "'",
                     *root, ctx);
    } else if (auto local = local_roots(ctx).of_view(op->getArg(1))) {
      check_inner_scope(op->getArg(0), *local, op->getOperatorLoc(), ctx);
      // `std::string_view v; v = local; return v;`, `r.view = local;
      // return r;`: the local view, or the local struct holding it, is
      // handed to the caller (Juliet's CWE-562 with the data assigned
      // after its declaration, and its struct variant).
      const auto* member = llvm::dyn_cast<clang::MemberExpr>(target);
      const clang::Expr* holder = member != nullptr && !member->isArrow() ? member->getBase() : target;
      if (!local->conservative) check_returned_holder(local_holder(holder), *local, op->getOperatorLoc(), ctx);
    }
  }
}

/// Returns in a template (a function template, a member of a class
/// template, a generic lambda, a lambda inside one of those) are judged
/// in each instantiation, where the types say what is a reference or a
/// view, and reported once, at the return as written, with a note naming
/// the instantiation. (The pattern's own walk judges a return whose value
/// and result type do not depend on a template parameter, which also
/// covers templates never instantiated.)
void Dangling::check_function(const clang::FunctionDecl& pattern, RuleContext& ctx) {
  if (!pattern.isDependentContext() || pattern.getBody() == nullptr) return;
  for (const clang::FunctionDecl* instance : flow::bodies_to_analyse(pattern, 16)) {
    returns_in(instance->getBody(), *instance, *instance, ctx);
  }
}

void Dangling::report_binding(clang::SourceLocation loc, const std::string& what, const Root& root, RuleContext& ctx) {
  if (!reported_.insert(loc).second) return;
  if (root.kind == Root::local) return;  // locals outlive what is bound to them in the same scope
  std::string message = what + " refers to a temporary that is destroyed at the end of the full-expression, so it "
                               "dangles from the next statement on; ";
  if (root.conservative) {
    message += "the function may return (a view of) its temporary argument; ";
  }
  message += "keep a value instead (std::string / std::vector / auto, not a reference or view), or store the "
             "temporary in a named variable first";
  ctx.report.error(loc, kName, message);
  ctx.report.note(root.expr->getExprLoc(), "the temporary is created here");
}

}  // namespace meshwa::rules::dangling

namespace meshwa::rules {

std::unique_ptr<Rule> make_Dangling() { return std::make_unique<dangling::Dangling>(); }

}  // namespace meshwa::rules
