// meshwa-raw-pointer: raw pointers in service code. A raw pointer neither
// owns nor borrows visibly: nothing stops it from dangling, being freed
// twice, or walking off its object.
//   - variables, parameters, fields and function results of pointer type
//     (object, function and member pointers), also inside template
//     arguments (std::vector<int*>) and function types
//   - reading through a structured binding of pointer type (*end, end->x);
//     binding and comparing it is the std::from_chars idiom and accepted
//   - taking an address: &x, &obj.member, &Class::method, and the same as a
//     call: std::addressof(x), __builtin_addressof(x)
//   - a result that may be null read in the expression that makes it, with
//     no test before: *std::get_if<T>(&v), dynamic_cast<D*>(&b)->m,
//     f.target<T>()->x, *std::strchr(s, c), std::strlen(std::getenv(n)),
//     std::string_view sv = std::getenv(n), ::ttyname(fd), ::getlogin()
//     (check_unchecked_null_result)
//   - a C stream or directory opened and discarded: (void)std::fopen(..),
//     opendir(p); as a statement (check_discarded_handle): nothing closes it
// Accepted: `this` (implicitly or explicitly, when it is not stored in a
// pointer), nullptr, string literals, s.c_str()/v.data() passed straight to
// a call, std iterator types that happen to be pointers
// (std::array<T, N>::iterator), `const char* const name = "literal"`
// (a constant pointer to a literal cannot dangle nor be moved), constant
// tables of literals (`constexpr std::array<const char*, 3> kNames = {...}`,
// `const char* const kNames[] = {...}`, `constexpr std::pair<int, const
// char*> kCodes[] = {{200, "OK"}}`) and range-for loops over braced lists or
// tables of literals that never repoint the loop variable, `&x == this`
// style identity comparisons, main's argv, an operator-> whose every return
// is `this`, a member's address or the object an owning member holds
// (check_arrow_operator), the if-scoped dynamic_cast,
// std::get_if and std::any_cast idioms (also declared in an if's
// init-statement and tested by its condition), C library text
// (`if (const char* v = std::getenv(n)) return std::string(v);`: a pointer
// from getenv/strerror that the if tests and only copies into a string), deleted functions' parameters
// and results, the address of a number handed to
// a pointer parameter of a standard library function (std::stol(s, &pos),
// std::modf(x, &ip): is_standard_number_parameter), `out <<
// std::put_time(&tm, fmt)` / `in >> std::get_time(&tm, fmt)` streamed in the
// same expression, std iterators that are
// pointers (a.begin() on a std::array) handed to a user's iterator-pair
// template, and code that only
// runs in the constant evaluator (consteval functions' parameters and bodies,
// the compile-time branch of `if consteval`).
// Interface method signatures are meshwa-boundary-type's: a pointer there is
// reported once, by that rule, with the boundary's remedy.
#include "Annotations.h"
#include "Crossable.h"
#include "Flow.h"
#include "Rule.h"
#include "TypeUtil.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/Builtins.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/Path.h"

#include <cctype>

namespace meshwa::rules {

namespace {

constexpr llvm::StringLiteral kName = "raw-pointer";

std::string type_name(clang::QualType type, RuleContext& ctx) { return type.getAsString(ctx.ast.getPrintingPolicy()); }

/// `const char* const s = "literal"` / `constexpr const char* s = "literal"`.
bool is_constant_literal_pointer(const clang::VarDecl& var) {
  const clang::QualType type = var.getType();
  if (!type.isConstQualified() || !type->isPointerType()) return false;
  if (!type->getPointeeType().isConstQualified()) return false;
  const clang::Expr* init = var.getInit();
  if (init == nullptr) return false;
  init = init->IgnoreParenImpCasts();
  return llvm::isa<clang::StringLiteral>(init);
}

/// `const char* level_name(Level l) { switch (l) { case Level::debug: return
/// "debug"; ... } return "?"; }`: a function, not virtual (an override could
/// return anything), whose every `return` in its visible definition gives
/// literal text (a string literal, __func__, a conditional between them):
/// static storage with a terminator, like `constexpr const char* kName =
/// "svc"`, never null, never dangling.
bool returns_only_literal_text(const clang::FunctionDecl& fn) {
  const clang::QualType result = fn.getReturnType();
  if (result.isNull() || !result->isPointerType() || result->isDependentType()) return false;
  const clang::QualType pointee = result->getPointeeType();
  if (!pointee.isConstQualified() || !pointee->isAnyCharacterType()) return false;
  if (const auto* method = llvm::dyn_cast<clang::CXXMethodDecl>(&fn); method != nullptr && method->isVirtual()) {
    return false;
  }
  const clang::FunctionDecl* definition = fn.getDefinition();
  if (definition == nullptr || definition->getBody() == nullptr) return false;
  unsigned returns = 0;
  bool other = false;
  llvm::SmallVector<const clang::Stmt*, 32> work{definition->getBody()};
  while (!work.empty() && !other) {
    const clang::Stmt* s = work.pop_back_val();
    if (s == nullptr || llvm::isa<clang::LambdaExpr, clang::BlockExpr>(s)) continue;  // their returns are their own
    if (const auto* ret = llvm::dyn_cast<clang::ReturnStmt>(s)) {
      ++returns;
      other = ret->getRetValue() == nullptr || !is_literal_text(ret->getRetValue()->IgnoreParenImpCasts());
      continue;
    }
    for (const clang::Stmt* child : s->children()) work.push_back(child);
  }
  return returns > 0 && !other;
}

/// std::array, std::pair, std::tuple: classes whose constructors only copy
/// their arguments into the object.
bool is_plain_aggregate_class(const clang::CXXRecordDecl* record) {
  return is_std_class(record, {"array", "pair", "tuple"});
}

/// Every pointer the initialiser puts into the object is a string literal:
/// {"a", "b"} (std::array's braces included), {{200, "OK"}, {404, "Not
/// Found"}} (std::pair elements; the other values are plain numbers or
/// enumerators). A missing element (a null pointer that std::string would
/// choke on) is not.
bool only_string_literals(const clang::Expr* e, int depth = 0) {
  if (e == nullptr || depth > 8) return false;
  e = e->IgnoreImplicit()->IgnoreParens();
  if (llvm::isa<clang::StringLiteral>(e)) return true;
  if (const auto* list = llvm::dyn_cast<clang::InitListExpr>(e)) {
    if (list->hasArrayFiller()) return false;
    for (const clang::Expr* init : list->inits()) {
      if (!only_string_literals(init, depth + 1)) return false;
    }
    return list->getNumInits() > 0;
  }
  if (const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(e)) {
    if (!is_plain_aggregate_class(construct->getType()->getAsCXXRecordDecl())) return false;
    for (const clang::Expr* arg : construct->arguments()) {
      if (!only_string_literals(arg, depth + 1)) return false;
    }
    return construct->getNumArgs() > 0;
  }
  // A number or an enumerator next to the literal: no pointer in it.
  const clang::QualType type = e->getType();
  return !type.isNull() && (type->isArithmeticType() || type->isEnumeralType());
}

/// The value of a constant: every pointer in it points into a string
/// literal (numbers and enumerators besides); no null pointer, no pointer to
/// a variable or a function, no member pointer.
bool only_literal_pointers(const clang::APValue& value, int depth = 0) {
  if (depth > 16) return false;
  switch (value.getKind()) {
    case clang::APValue::Int:
    case clang::APValue::Float:
    case clang::APValue::FixedPoint:
      return true;
    case clang::APValue::LValue: {
      if (value.isNullPointer()) return false;
      const auto* base = value.getLValueBase().dyn_cast<const clang::Expr*>();
      return base != nullptr && llvm::isa<clang::StringLiteral, clang::PredefinedExpr>(base);
    }
    case clang::APValue::Array:
      for (unsigned i = 0; i < value.getArrayInitializedElts(); ++i) {
        if (!only_literal_pointers(value.getArrayInitializedElt(i), depth + 1)) return false;
      }
      return !value.hasArrayFiller() || only_literal_pointers(value.getArrayFiller(), depth + 1);
    case clang::APValue::Struct:
      for (unsigned i = 0; i < value.getStructNumBases(); ++i) {
        if (!only_literal_pointers(value.getStructBase(i), depth + 1)) return false;
      }
      for (unsigned i = 0; i < value.getStructNumFields(); ++i) {
        if (!only_literal_pointers(value.getStructField(i), depth + 1)) return false;
      }
      return true;
    default:
      return false;
  }
}

/// `constexpr const char* kNames[] = {"a", "b"}`,
/// `const std::array<const char*, 2> kNames = {"a", "b"}`,
/// `constexpr std::pair<int, const char*> kCodes[] = {{200, "OK"}}`,
/// `constexpr std::array<std::pair<Level, const char*>, 3> kTable{...}`:
/// a constant table of literals, the array form of
/// is_constant_literal_pointer. Judged on the constant's value when the
/// compiler computes one (every pointer in it into a string literal), else on
/// the initialiser as written (only std::array / std::pair / std::tuple and
/// braces around literals and numbers). (Indexing a C array is still
/// unsafe-buffer's to judge.)
bool is_constant_literal_table(const clang::VarDecl& var, clang::ASTContext& ast) {
  const clang::QualType type = var.getType();
  if (type->isDependentType() || (!type->isArrayType() && !type->isRecordType())) return false;
  if (!var.isConstexpr() && !type.isConstant(ast)) return false;
  const clang::QualType pointer = find_raw_pointer(type);
  if (pointer.isNull() || !pointer->isPointerType()) return false;
  const clang::QualType pointee = pointer->getPointeeType();
  if (!pointee.isConstQualified() || !pointee->isAnyCharacterType()) return false;
  if (var.getInit() == nullptr || var.getInit()->isValueDependent()) return false;
  if (const clang::APValue* value = var.evaluateValue()) {
    if (only_literal_pointers(*value)) return true;
  }
  // Not a constant expression (a const local initialised at run time):
  // only classes that copy their arguments, and only literals in them.
  for (clang::QualType t = type; !t.isNull();) {
    if (const clang::ArrayType* array = ast.getAsArrayType(t)) {
      t = array->getElementType();
      continue;
    }
    if (const auto* record = t->getAsCXXRecordDecl(); record != nullptr && !is_plain_aggregate_class(record)) return false;
    break;
  }
  return only_string_literals(var.getInit());
}

/// `for (const char* ext : {".jpg", ".png"})`, `for (const char* name :
/// kNames)` over a constant table of literals: the loop variable is a copy of
/// a pointer to a literal; accepted when the loop never points it elsewhere.
bool is_literal_loop_variable(const clang::VarDecl& var, RuleContext& ctx) {
  const clang::QualType type = var.getType();
  if (!type->isPointerType() || !type->getPointeeType().isConstQualified() ||
      !type->getPointeeType()->isAnyCharacterType()) {
    return false;
  }
  llvm::ArrayRef<const clang::Stmt*> parents = ctx.stmt_parents();
  if (parents.size() < 2 || !llvm::isa<clang::DeclStmt>(parents.back())) return false;
  const auto* loop = llvm::dyn_cast<clang::CXXForRangeStmt>(parents[parents.size() - 2]);
  if (loop == nullptr || loop->getLoopVariable() != &var) return false;
  const clang::Expr* range = loop->getRangeInit();
  for (int depth = 0; range != nullptr && depth < 8; ++depth) {
    range = range->IgnoreImplicit()->IgnoreParens();
    if (const auto* list = llvm::dyn_cast<clang::CXXStdInitializerListExpr>(range)) {
      range = list->getSubExpr();
      continue;
    }
    break;
  }
  bool literals = false;
  if (const auto* list = llvm::dyn_cast_or_null<clang::InitListExpr>(range)) {
    literals = only_string_literals(list);
  } else if (const auto* ref = llvm::dyn_cast_or_null<clang::DeclRefExpr>(range)) {
    const auto* table = llvm::dyn_cast<clang::VarDecl>(ref->getDecl());
    literals = table != nullptr && is_constant_literal_table(*table, ctx.ast);
  }
  if (!literals) return false;
  // Never assigned, incremented or decremented in the loop.
  const auto names_var = [&](const clang::Expr* e) { return flow::names_variable(e, var); };
  return !flow::contains(loop->getBody(), [&](const clang::Stmt& s) {
    if (const auto* binary = llvm::dyn_cast<clang::BinaryOperator>(&s)) {
      return binary->isAssignmentOp() && names_var(binary->getLHS());
    }
    if (const auto* unary = llvm::dyn_cast<clang::UnaryOperator>(&s)) {
      return (unary->isIncrementDecrementOp() || unary->getOpcode() == clang::UO_AddrOf) && names_var(unary->getSubExpr());
    }
    return false;
  });
}

bool is_main_parameter(const clang::ParmVarDecl& param) {
  const auto* fn = llvm::dyn_cast_or_null<clang::FunctionDecl>(param.getDeclContext());
  return fn != nullptr && fn->isMain();
}

/// `a.begin()`, `sv.cend()`, `il.begin()`, `std::ranges::find(a, x)`, and
/// what a std algorithm returns for them (`std::find(a.begin(), a.end(), x)`,
/// `std::next(a.begin())`: deduction drops the typedef, so the iterator
/// argument it came from is looked at). Not `std::find(v.data(), ...)`.
bool is_std_iterator_value(const clang::Expr* e, int depth = 0) {
  if (e == nullptr || depth > 8) return false;
  e = e->IgnoreParenImpCasts();
  if (is_spelled_std_iterator(e->getType())) return true;
  const auto* call = llvm::dyn_cast<clang::CallExpr>(e);
  const clang::FunctionDecl* callee = call != nullptr ? call->getDirectCallee() : nullptr;
  if (callee == nullptr || !callee->isInStdNamespace() || !is_std_iterator_pointer(e->getType())) return false;
  for (const clang::Expr* arg : call->arguments()) {
    if (arg->getType()->isPointerType() &&
        e->getType().getCanonicalType().getUnqualifiedType() == arg->getType().getCanonicalType().getUnqualifiedType()) {
      return is_std_iterator_value(arg, depth + 1);
    }
  }
  return false;
}

class RawPointer final : public Rule {
 public:
  llvm::StringRef name() const override { return kName; }

  void check_decl(const clang::Decl& decl, RuleContext& ctx) override {
    if (decl.isImplicit()) return;
    if (const auto* param = llvm::dyn_cast<clang::ParmVarDecl>(&decl)) {
      if (is_main_parameter(*param)) return;
      const auto* fn = llvm::dyn_cast_or_null<clang::FunctionDecl>(param->getDeclContext());
      // Parameters inside a function type (std::function<void(int*)>) are
      // reported with the variable of that type.
      if (fn == nullptr || param->getFunctionScopeIndex() >= fn->getNumParams() ||
          fn->getParamDecl(param->getFunctionScopeIndex()) != param) {
        return;
      }
      if (!is_signature_owner(*fn)) return;
      // A consteval function runs only in the constant evaluator.
      if (fn->isConsteval()) return;
      // `Name(const char*) = delete;`: never called, so no pointer is ever
      // passed; deleting the overload is what forbids the pointer.
      if (fn->isDeletedAsWritten()) return;
      // operator new / delete: the language fixes the void*
      // (manual-memory reports defining one).
      if (is_allocation_operator(*fn)) return;
      // `va_list args` decays to `__va_list_tag*`: banned-function's.
      if (is_va_list(param->getType(), ctx.ast)) return;
      if (is_gtest_print_to(*fn)) return;
      if (reported_as_boundary(*fn, param->getType(), Position::param, ctx)) return;
      report_type(*param, param->getType(), "parameter",
                  "take a reference (const T& to read, T& to modify) to borrow, or std::unique_ptr / "
                  "meshwa::Owned to take ownership",
                  ctx);
    } else if (const auto* var = llvm::dyn_cast<clang::VarDecl>(&decl)) {
      if (is_constant_literal_pointer(*var) || is_constant_literal_table(*var, ctx.ast)) return;
      if (var->isLocalVarDecl() && ctx.runs_only_at_compile_time(nullptr)) return;
      if (is_literal_loop_variable(*var, ctx)) return;
      if (is_checked_downcast_condition(*var, ctx)) return;
      if (is_checked_downcast_tested_first(*var, ctx)) return;
      if (holds_reported_member_pointer(*var, ctx)) return;
      // `if (const char* v = std::getenv(name)) return std::string(v);`
      if (const clang::FunctionDecl* source = library_text_source(*var, ctx)) {
        const clang::Expr* other_use = nullptr;
        if (is_copied_library_text(*var, ctx, other_use)) return;
        if (other_use == nullptr && is_tested_first_library_text(*var, ctx)) return;
        const std::string fn_name = source->getNameAsString();
        const std::string spelled = is_standard_function(*source, ctx) ? "std::" + fn_name : fn_name;
        ctx.report.error(var->getLocation(), kName,
                         "variable of raw pointer type '" + type_name(var->getType(), ctx) + "' holding what '" +
                             fn_name +
                             "' returns, C library text that may be null and that a later call may change; test it "
                             "and copy it into a std::string in one if, and use it nowhere else: if (const char* " +
                             var->getNameAsString() + " = " + spelled + "(...)) return std::string(" +
                             var->getNameAsString() +
                             "); (a helper returning std::optional<std::string> does it once for the service)")
            << var->getSourceRange();
        if (other_use != nullptr) {
          ctx.report.note(other_use->getExprLoc(),
                          "'" + var->getNameAsString() + "' is used here other than being tested or copied into a std::string");
        }
        return;
      }
      if (report_type(*var, var->getType(), "variable",
                      "use a reference to borrow, std::unique_ptr (std::make_unique) to own, std::optional for "
                      "'maybe a value', or std::string / std::string_view for text",
                      ctx)) {
        note_source(*var, ctx);
      }
    } else if (const auto* field = llvm::dyn_cast<clang::FieldDecl>(&decl)) {
      // A message crosses service boundaries, where std::unique_ptr and
      // std::function would be rejected next (meshwa-boundary-type): name
      // what crosses.
      if (is_message(field->getParent())) {
        report_type(*field, field->getType(), "message member",
                    "an address means nothing to the service that receives the message: hold the object by "
                    "value, as std::optional<T> if it may be absent, in a meshwa::Owned<T> or meshwa::Shared<T> "
                    "(the exchange heap), or as an index or id of it",
                    ctx,
                    "code cannot cross a service boundary: hold a meshwa::Ref<I> to the service that runs it, or "
                    "a value (an enum) that says what to do");
        return;
      }
      // `struct Flag { const char* name; int value; };`, a table of
      // literals: the pointer is text, and text has its own types.
      const clang::QualType type = field->getType();
      const bool text = type->isPointerType() && type->getPointeeType()->isAnyCharacterType();
      report_type(*field, type, "member",
                  text ? "hold text as std::string, or as std::string_view when it is a literal"
                       : "hold the object by value, in a std::unique_ptr / meshwa::Owned (owning), or as a "
                         "meshwa::Ref<I> to another service",
                  ctx);
    } else if (const auto* fn = llvm::dyn_cast<clang::FunctionDecl>(&decl)) {
      if (!is_signature_owner(*fn)) return;
      // `const T* raw() const = delete;`: never called, returns nothing.
      if (fn->isDeletedAsWritten()) return;
      if (is_allocation_operator(*fn)) return;  // its void* is the language's (manual-memory reports it)
      if (llvm::isa<clang::CXXConversionDecl>(fn)) {
        report_type(*fn, fn->getReturnType(), "conversion", "convert to a value or a reference", ctx);
        return;
      }
      if (reported_as_boundary(*fn, fn->getReturnType(), Position::result, ctx)) return;
      if (is_arrow_operator(*fn)) {
        check_arrow_operator(*fn, ctx);
        return;
      }
      if (returns_only_literal_text(*fn)) return;
      report_type(*fn, fn->getReturnType(), "result",
                  "return a value, a reference to something that outlives the call, std::optional, or "
                  "std::unique_ptr for ownership",
                  ctx, fn->getReturnTypeSourceRange().getBegin());
    }
  }

  void check_stmt(const clang::Stmt& stmt, RuleContext& ctx) override {
    if (ctx.runs_only_at_compile_time(&stmt)) return;
    check_binding_dereference(stmt, ctx);
    check_pointer_into_generic_code(stmt, ctx);
    check_unchecked_null_result(stmt, ctx);
    check_aliased_pointer(stmt, ctx);
    check_discarded_handle(stmt, ctx);
    const auto* op = llvm::dyn_cast<clang::UnaryOperator>(&stmt);
    const bool address_of = op != nullptr && op->getOpcode() == clang::UO_AddrOf;
    // std::addressof(x) / __builtin_addressof(x) are `&x` under another name
    // (and ignore an overloaded operator&): same rule, same exemptions.
    const clang::Expr* named_address_of = address_of ? nullptr : address_of_call(stmt);
    if (!address_of && named_address_of == nullptr) return;
    const clang::Expr& taken = address_of ? static_cast<const clang::Expr&>(*op) : *named_address_of;
    if (ctx.service_code.in_foreign_macro(taken)) return;
    // `member<E, int, &E::id>`, `global_fun<const E&, int, &key>`,
    // `Deleter<&std::fclose>`: an address given as a template argument is a
    // constant of a member, a function or an object of static storage,
    // fixed at compile time: never null, never dangling, never reassigned.
    if (ctx.in_template_argument()) return;
    if (is_identity_comparison(ctx)) return;
    // `bisect(&f, 0, 2)`: the address of a free function is `f` spelled
    // with '&' (the name decays to the same pointer, which is accepted):
    // code lives as long as the program, so nothing dangles. A variable or
    // parameter that holds it is reported for its function pointer type.
    if (address_of && names_function(*op->getSubExpr())) return;
    // std::ranges::sort(v, {}, &Item::price), v | std::views::transform(&Item::name):
    // a member pointer handed straight to a std::ranges algorithm or view is a
    // constant offset (never null, owning nothing) that the library applies
    // only to the range's own elements.
    if (address_of && (op->getType()->isMemberPointerType() || names_dependent_member(*op)) &&
        is_ranges_projection(*op, ctx)) {
      return;
    }
    // `Connection* operator->() { return &conn_; }`: the address of a member
    // returned by an operator-> that only ever returns such addresses.
    if (is_returned_by_accepted_arrow(taken, ctx)) return;
    // dynamic_cast<T*>(&x): the checked downcast idiom (its result is
    // judged where it is stored, see is_checked_downcast_condition).
    if (llvm::isa_and_nonnull<clang::CXXDynamicCastExpr>(ctx.parent_ignoring_implicit())) return;
    // std::get_if<T>(&v), std::any_cast<T>(&a): the checked std::variant
    // and std::any access, same idiom.
    if (is_checked_access(ctx.parent_ignoring_implicit())) return;
    // std::shared_ptr<M>(owner, &owner->member): the aliasing constructor,
    // whose result keeps `owner` alive.
    if (is_aliased_subobject(taken, ctx)) return;
    // std::stol(s, &pos), std::modf(x, &ip): a standard function that reads
    // or writes one number through the pointer during the call.
    const Passed passed = passed_to(taken, ctx);
    if (is_standard_number_parameter(passed, ctx)) return;
    // __builtin_add_overflow(a, b, &sum): clang's checked arithmetic writes
    // the one number during the call.
    if (is_checked_arithmetic_result(passed)) return;
    // out << std::put_time(&tm, "%F"), in >> std::get_time(&tm, "%F"): the
    // manipulator keeps the pointer only until the stream operator of the
    // same expression uses it.
    if (is_streamed_time_manipulator(passed, ctx)) return;
    // SaveArg<0>(&captured), Mock::VerifyAndClearExpectations(&mock): the
    // test framework's pointer parameters, as safe as the [&captured]
    // lambda action accepted in their place.
    if (is_test_framework_parameter(passed, ctx)) return;
    if (!address_of) {
      const bool builtin = llvm::cast<clang::CallExpr>(taken).getBuiltinCallee() == clang::Builtin::BI__builtin_addressof;
      ctx.report.error(taken.getBeginLoc(), kName,
                       std::string(builtin ? "__builtin_addressof" : "std::addressof") +
                           " takes an address like '&' and makes a raw pointer that nothing keeps valid; " +
                           address_remedy(passed, ctx))
          << taken.getSourceRange();
      return;
    }
    const bool member_pointer = op->getType()->isMemberPointerType();
    ctx.report.error(op->getOperatorLoc(), kName,
                     member_pointer ? member_pointer_message(*op, ctx)
                                    : "taking an address makes a raw pointer that nothing keeps valid; " +
                                          address_remedy(passed, ctx))
        << op->getSourceRange();
  }

 private:
  /// `f` or `ns::f` naming a function that is not a non-static member
  /// (whose address is a member pointer, a different thing).
  static bool names_function(const clang::Expr& e) {
    const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(e.IgnoreParens());
    const auto* fn = ref != nullptr ? llvm::dyn_cast<clang::FunctionDecl>(ref->getDecl()) : nullptr;
    if (fn == nullptr) return false;
    const auto* method = llvm::dyn_cast<clang::CXXMethodDecl>(fn);
    return method == nullptr || method->isStatic();
  }

  /// The function or constructor an address is handed to, as a direct
  /// argument, and the parameter it binds to (nullptr when it goes to a C
  /// variadic `...`).
  struct Passed {
    const clang::FunctionDecl* callee = nullptr;
    const clang::ParmVarDecl* param = nullptr;
  };

  static Passed passed_to(const clang::Expr& taken, RuleContext& ctx) {
    const clang::Stmt* parent = ctx.parent_ignoring_implicit();
    const clang::FunctionDecl* callee = nullptr;
    llvm::ArrayRef<const clang::Expr*> args;
    if (const auto* call = llvm::dyn_cast_or_null<clang::CallExpr>(parent)) {
      // An operator's object argument has no parameter: left alone.
      if (llvm::isa<clang::CXXOperatorCallExpr>(call)) return {};
      callee = call->getDirectCallee();
      args = llvm::ArrayRef(call->getArgs(), call->getNumArgs());
    } else if (const auto* construct = llvm::dyn_cast_or_null<clang::CXXConstructExpr>(parent)) {
      callee = construct->getConstructor();
      args = llvm::ArrayRef(construct->getArgs(), construct->getNumArgs());
    }
    if (callee == nullptr) return {};
    for (unsigned i = 0; i < args.size(); ++i) {
      if (args[i]->IgnoreParenImpCasts() != &taken) continue;
      return {callee, i < callee->getNumParams() ? callee->getParamDecl(i) : nullptr};
    }
    return {};
  }

  /// A function of the C++ standard library: declared in namespace std, or a
  /// C library function that the standard library declares in std as well
  /// (`std::modf` is libc's `modf`, brought in by `using ::modf;`), however
  /// the call names it. Declared in a system header, so that service code
  /// that opens namespace std does not count.
  static bool is_standard_function(const clang::FunctionDecl& fn, RuleContext& ctx) {
    if (!ctx.sources().isInSystemHeader(fn.getLocation())) return false;
    if (fn.isInStdNamespace()) return true;
    if (!fn.getDeclContext()->getRedeclContext()->isTranslationUnit() || fn.getIdentifier() == nullptr) return false;
    const clang::TranslationUnitDecl* tu = ctx.ast.getTranslationUnitDecl();
    for (const clang::NamedDecl* found : tu->lookup(&ctx.ast.Idents.get("std"))) {
      const auto* ns = llvm::dyn_cast<clang::NamespaceDecl>(found);
      if (ns == nullptr) continue;
      for (const clang::NamedDecl* member : ns->lookup(fn.getDeclName())) {
        const auto* shadow = llvm::dyn_cast<clang::UsingShadowDecl>(member);
        if (shadow != nullptr && shadow->getTargetDecl()->getCanonicalDecl() == fn.getCanonicalDecl()) return true;
      }
    }
    return false;
  }

  /// `std::stol(s, &pos)`, `std::modf(x, &ip)`, `std::frexp(x, &e)`,
  /// `std::time(&t)`: the address of one number handed to a pointer
  /// parameter of a standard library function, which reads or writes that
  /// number during the call (none of them keeps the pointer: the standard
  /// library keeps pointers only to buffers, resources, streams and
  /// functions). Only when the parameter is written as a pointer to a number
  /// that is not a character (a `char*`, `void*` or `std::byte*` is a buffer
  /// whose size the function is told separately: std::memcpy, std::fgets),
  /// of a function that is no template (`std::fill_n(&x, n, 0)` takes an
  /// iterator and walks it) nor a constructor or method (a class may keep
  /// what it is given), takes it as a named parameter (not C's `...`:
  /// std::scanf), and returns no pointer or reference (which could carry
  /// the address out of the call).
  static bool is_standard_number_parameter(const Passed& passed, RuleContext& ctx) {
    if (passed.callee == nullptr || passed.param == nullptr) return false;
    const clang::FunctionDecl& fn = *passed.callee;
    if (llvm::isa<clang::CXXMethodDecl>(fn) || fn.getTemplatedKind() != clang::FunctionDecl::TK_NonTemplate) {
      return false;
    }
    const clang::QualType param = passed.param->getType();
    if (!param->isPointerType()) return false;
    const clang::QualType number = param->getPointeeType().getCanonicalType();
    if (!number->isArithmeticType() || number->isAnyCharacterType() || number->isEnumeralType()) return false;
    const clang::QualType result = fn.getReturnType();
    if (result->isReferenceType() || result->isAnyPointerType() || !find_raw_pointer(result).isNull()) return false;
    return is_standard_function(fn, ctx);
  }

  /// `__builtin_add_overflow(a, b, &out)` and its sub/mul and typed
  /// (`__builtin_sadd_overflow`, ...) forms: the address of the result, a
  /// number that the builtin writes once before it returns.
  static bool is_checked_arithmetic_result(const Passed& passed) {
    if (passed.callee == nullptr) return false;
    switch (passed.callee->getBuiltinID()) {
      case clang::Builtin::BI__builtin_add_overflow:
      case clang::Builtin::BI__builtin_sub_overflow:
      case clang::Builtin::BI__builtin_mul_overflow:
      case clang::Builtin::BI__builtin_sadd_overflow:
      case clang::Builtin::BI__builtin_saddl_overflow:
      case clang::Builtin::BI__builtin_saddll_overflow:
      case clang::Builtin::BI__builtin_uadd_overflow:
      case clang::Builtin::BI__builtin_uaddl_overflow:
      case clang::Builtin::BI__builtin_uaddll_overflow:
      case clang::Builtin::BI__builtin_ssub_overflow:
      case clang::Builtin::BI__builtin_ssubl_overflow:
      case clang::Builtin::BI__builtin_ssubll_overflow:
      case clang::Builtin::BI__builtin_usub_overflow:
      case clang::Builtin::BI__builtin_usubl_overflow:
      case clang::Builtin::BI__builtin_usubll_overflow:
      case clang::Builtin::BI__builtin_smul_overflow:
      case clang::Builtin::BI__builtin_smull_overflow:
      case clang::Builtin::BI__builtin_smulll_overflow:
      case clang::Builtin::BI__builtin_umul_overflow:
      case clang::Builtin::BI__builtin_umull_overflow:
      case clang::Builtin::BI__builtin_umulll_overflow:
        return true;
      default:
        return false;
    }
  }

  /// `out << std::put_time(&tm, "%F")`, `in >> std::get_time(&tm, "%F")`:
  /// the address handed to the first parameter of std::put_time /
  /// std::get_time, whose result goes straight into a stream's << / >> in
  /// the same expression. The manipulator keeps the pointer, but only until
  /// that operator has formatted (or parsed) the time, before the
  /// expression ends; kept in a variable (`auto m = std::put_time(&tm,
  /// ...)`) it stays rejected.
  /// A pointer parameter of GoogleTest / GoogleMock (namespace ::testing,
  /// outside service code): an action that saves an argument through it
  /// (`SaveArg<0>(&captured)`, `SaveArgPointee`, `Assign(&flag, true)`,
  /// `Invoke(&fake, &Fake::Call)`) or the mock registry handed a mock
  /// (`Mock::VerifyAndClearExpectations(&mock)`, `Mock::AllowLeak`). Their
  /// pointers live in the mock's expectations, which a test declares with
  /// the objects they point to, like the by-reference lambda action
  /// (`WillOnce([&captured](const auto& a) { captured = a; })`) that is
  /// accepted in their place.
  static bool is_test_framework_parameter(const Passed& passed, RuleContext& ctx) {
    if (passed.callee == nullptr || passed.param == nullptr || ctx.service_code.contains(passed.callee->getLocation())) {
      return false;
    }
    return in_top_namespace(*passed.callee, "testing");
  }

  static bool is_streamed_time_manipulator(const Passed& passed, RuleContext& ctx) {
    if (passed.callee == nullptr || passed.param == nullptr || passed.param->getFunctionScopeIndex() != 0) return false;
    const clang::FunctionDecl& fn = *passed.callee;
    if (!fn.isInStdNamespace() || fn.getIdentifier() == nullptr || !ctx.sources().isInSystemHeader(fn.getLocation())) {
      return false;
    }
    const bool put = fn.getName() == "put_time";
    if (!put && fn.getName() != "get_time") return false;
    // The parents of the address: the call, then the stream operator.
    llvm::ArrayRef<const clang::Stmt*> parents = ctx.stmt_parents();
    size_t i = parents.size();
    while (i > 0 && llvm::isa<clang::ImplicitCastExpr, clang::ParenExpr>(parents[i - 1])) --i;
    if (i == 0 || !llvm::isa<clang::CallExpr>(parents[i - 1])) return false;
    const clang::Stmt* child = parents[--i];
    while (i > 0 && llvm::isa<clang::ImplicitCastExpr, clang::ParenExpr, clang::MaterializeTemporaryExpr,
                              clang::CXXBindTemporaryExpr>(parents[i - 1])) {
      child = parents[--i];
    }
    if (i == 0) return false;
    const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(parents[i - 1]);
    if (op == nullptr || op->getNumArgs() != 2 || op->getArg(1) != child) return false;
    return op->getOperator() == (put ? clang::OO_LessLess : clang::OO_GreaterGreater);
  }

  /// What to do instead of taking the address. Passing it by reference is
  /// the remedy, unless the address goes to a library function or class
  /// that only takes a pointer: a std::pmr allocator keeps the memory
  /// resource's address; another library function (POSIX localtime_r) may.
  static std::string address_remedy(const Passed& passed, RuleContext& ctx) {
    const std::string by_reference = "pass the object by reference instead, or own it with std::unique_ptr";
    if (passed.callee == nullptr || passed.param == nullptr || !passed.param->getType()->isPointerType() ||
        ctx.service_code.contains(passed.callee->getLocation())) {
      return by_reference;
    }
    const clang::CXXRecordDecl* pointee = passed.param->getType()->getPointeeType()->getAsCXXRecordDecl();
    if (pointee != nullptr && pointee->getQualifiedNameAsString() == "std::pmr::memory_resource") {
      return "a std::pmr container or allocator keeps this pointer to its memory resource, and nothing stops it "
             "from outliving the resource; use the default resource (std::pmr::get_default_resource(), or a plain "
             "std container), or mark the calling function MESHWA_UNSAFE(\"why\") to keep a local arena";
    }
    // A template's iterator parameter (std::fill_n(&x, ...)) is no pointer
    // parameter as written: the remedy above stands.
    const clang::FunctionDecl* pattern = passed.callee->getTemplateInstantiationPattern();
    if (pattern != nullptr) {
      const unsigned index = passed.param->getFunctionScopeIndex();
      if (index >= pattern->getNumParams() || !pattern->getParamDecl(index)->getType()->isPointerType()) {
        return by_reference;
      }
    }
    return "'" + passed.callee->getNameAsString() +
           "' takes only a pointer, and nothing shows that it lets go of it when the call returns; use a "
           "function that takes a reference or returns the value, or mark the calling function MESHWA_UNSAFE(\"why\")";
  }

  /// The message for `&Class::member`, with the lambda to write instead,
  /// spelled with the user's names: a projection reading a data member,
  /// `[](const User& u) { return u.age; }`; a predicate or projection calling
  /// a method on the element, `[](const std::string& s) { return s.empty(); }`
  /// (std::ranges::any_of(v, &std::string::empty)); `[this] { run(); }` when
  /// `this` goes along in the same call (std::thread(&W::run, this),
  /// std::bind_front(&Svc::on_event, this)).
  static std::string member_pointer_message(const clang::UnaryOperator& op, RuleContext& ctx) {
    const std::string prefix = "taking a member pointer (&Class::member) makes a raw pointer; ";
    const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(op.getSubExpr()->IgnoreParens());
    const clang::ValueDecl* member = ref != nullptr ? ref->getDecl() : nullptr;
    const auto* method = llvm::dyn_cast_or_null<clang::CXXMethodDecl>(member);
    if (member == nullptr || (method == nullptr && !llvm::isa<clang::FieldDecl>(member))) {
      return prefix + "use a lambda instead";
    }
    // The class as the user spelled it (`std::string`, not
    // `std::basic_string<char>`), and a parameter named after it.
    std::string cls;
    if (ref->getQualifierLoc()) {
      const clang::CharSourceRange range = clang::CharSourceRange::getTokenRange(ref->getQualifierLoc().getSourceRange());
      cls = clang::Lexer::getSourceText(range, ctx.sources(), ctx.lang()).str();
      while (!cls.empty() && (cls.back() == ':' || cls.back() == ' ')) cls.pop_back();
    }
    if (cls.empty() || cls.find_first_of("()") != std::string::npos) {
      const auto* record = llvm::cast<clang::CXXRecordDecl>(member->getDeclContext());
      cls = type_name(ctx.ast.getRecordType(record), ctx);
    }
    llvm::StringRef last(cls);
    last = last.substr(0, last.find('<'));
    if (const size_t colon = last.rfind("::"); colon != llvm::StringRef::npos) last = last.substr(colon + 2);
    std::string var = "x";
    for (const char c : last) {
      if (std::isalpha(static_cast<unsigned char>(c)) != 0) {
        var = std::string(1, static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
        break;
      }
    }
    const std::string name = member->getNameAsString();
    if (method == nullptr) {
      return prefix + "read the member in a lambda instead, e.g. [](const " + cls + "& " + var + ") { return " + var +
             "." + name + "; } as a projection";
    }
    const bool with_this = passed_with_this(ctx);
    std::string params = with_this ? "" : (method->isConst() ? "const " : "") + cls + "& " + var;
    std::string args;
    for (const clang::ParmVarDecl* p : method->parameters()) {
      const std::string pname = p->getName().empty() || (!with_this && p->getName() == var)
                                    ? "a" + std::to_string(p->getFunctionScopeIndex() + 1)
                                    : p->getNameAsString();
      params += (params.empty() ? "" : ", ") + type_name(p->getType(), ctx) + " " + pname;
      // A class taken by value (not trivially copyable: a copy may cost
      // or be impossible) or an rvalue reference is moved on: a socket or a
      // unique_ptr (what Asio and Beast hand a completion handler) cannot be
      // copied; an error_code is just copied.
      const clang::QualType type = p->getType();
      const bool move_on = type->isRValueReferenceType() ||
                           (!type->isReferenceType() && type->isRecordType() && !type->isDependentType() &&
                            !type.isTriviallyCopyableType(ctx.ast));
      args += (args.empty() ? "" : ", ") + (move_on ? "std::move(" + pname + ")" : pname);
    }
    const std::string ret = method->getReturnType()->isVoidType() ? "" : "return ";
    if (with_this) {
      return prefix + "call through a lambda instead, e.g. [this]" + (params.empty() ? "" : "(" + params + ")") +
             " { " + ret + name + "(" + args + "); }";
    }
    return prefix + "call it in a lambda taking the object instead, e.g. [](" + params + ") { " + ret + var + "." +
           name + "(" + args + "); }";
  }

  /// The member pointer `taken` is a direct argument of a call of a
  /// std::ranges algorithm or view adaptor (a function object:
  /// `std::ranges::sort(...)`, `std::views::transform(...)`, also not yet
  /// resolved in a template) or of a generic parameter of a function template
  /// of the service's own, with no `this` going along, and names a member
  /// of the program's classes or a data member of std's (std::pair::second).
  static bool is_ranges_projection(const clang::UnaryOperator& taken, RuleContext& ctx) {
    const auto* call = llvm::dyn_cast_or_null<clang::CallExpr>(ctx.parent_ignoring_implicit());
    if (call == nullptr || passed_with_this(ctx)) return false;
    // &std::string::empty: the standard leaves the address of its own member
    // functions unspecified ([namespace.std]); the lambda is the portable form.
    const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(taken.getSubExpr()->IgnoreParens());
    if (ref == nullptr ? !names_dependent_member(taken)
                       : llvm::isa<clang::CXXMethodDecl>(ref->getDecl()) && declared_in_std(ref->getDecl())) {
      return false;
    }
    if (declared_in_std_ranges(call->getCalleeDecl())) return true;
    if (is_generic_parameter_of_service_template(passed_to(taken, ctx), ctx)) return true;
    // A niebloid called with dependent arguments: the callee is the object.
    const clang::Expr* callee = call->getCallee()->IgnoreParenImpCasts();
    if (const auto* op_call = llvm::dyn_cast<clang::CXXOperatorCallExpr>(call)) {
      callee = op_call->getArg(0)->IgnoreParenImpCasts();
    }
    if (const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(callee)) return declared_in_std_ranges(ref->getDecl());
    if (const auto* lookup = llvm::dyn_cast<clang::UnresolvedLookupExpr>(callee)) {
      return lookup->getNumDecls() > 0 && declared_in_std_ranges(*lookup->decls_begin());
    }
    return false;
  }

  /// `repo.sorted_by(&User::age)` into `template <class Proj> ...
  /// sorted_by(Proj proj)` written in service code: the parameter is the
  /// template's own type parameter (by value or reference), so the member
  /// pointer is a projection the template applies (std::invoke, `.*`), and a
  /// member pointer has no arithmetic that the unchecked pattern could do.
  static bool is_generic_parameter_of_service_template(const Passed& passed, RuleContext& ctx) {
    if (passed.callee == nullptr || passed.param == nullptr) return false;
    const clang::FunctionDecl* pattern = passed.callee->getTemplateInstantiationPattern();
    if (pattern == nullptr || !ctx.service_code.contains(pattern->getLocation())) return false;
    const unsigned index = passed.param->getFunctionScopeIndex();
    if (index >= pattern->getNumParams()) return false;
    const clang::QualType written = pattern->getParamDecl(index)->getType().getNonReferenceType();
    return written->getAs<clang::TemplateTypeParmType>() != nullptr;
  }

  /// `&T::price` in a template, T a template parameter: a member pointer
  /// once instantiated (or a static member's address, harmless as a
  /// projection), not known yet.
  static bool names_dependent_member(const clang::UnaryOperator& taken) {
    return llvm::isa<clang::DependentScopeDeclRefExpr>(taken.getSubExpr()->IgnoreParens());
  }

  /// The member pointer is an argument of a call or construction that also
  /// takes `this`: the method is to be called on this object.
  static bool passed_with_this(RuleContext& ctx) {
    const clang::Stmt* parent = ctx.parent_ignoring_implicit();
    llvm::SmallVector<const clang::Expr*, 8> args;
    if (const auto* call = llvm::dyn_cast_or_null<clang::CallExpr>(parent)) {
      args.append(call->arg_begin(), call->arg_end());
    } else if (const auto* construct = llvm::dyn_cast_or_null<clang::CXXConstructExpr>(parent)) {
      args.append(construct->arg_begin(), construct->arg_end());
    } else if (const auto* list = llvm::dyn_cast_or_null<clang::ParenListExpr>(parent)) {
      for (unsigned k = 0; k < list->getNumExprs(); ++k) args.push_back(list->getExpr(k));
    } else if (const auto* unresolved = llvm::dyn_cast_or_null<clang::CXXUnresolvedConstructExpr>(parent)) {
      args.append(unresolved->arg_begin(), unresolved->arg_end());
    }
    return llvm::any_of(args, [](const clang::Expr* e) {
      return e != nullptr && llvm::isa<clang::CXXThisExpr>(e->IgnoreParenImpCasts());
    });
  }

  /// `std::getenv(name)`, `std::strerror(e)`: a C library function that
  /// returns a pointer to text the library owns (null when absent), not
  /// into its arguments. Returns the function when `var` is a pointer to
  /// char initialised straight by a call to one of them.
  static const clang::FunctionDecl* library_text_source(const clang::VarDecl& var, RuleContext& ctx) {
    const clang::QualType type = var.getType();
    if (!type->isPointerType() || !type->getPointeeType()->isCharType() || var.getInit() == nullptr) return nullptr;
    const auto* call = llvm::dyn_cast<clang::CallExpr>(var.getInit()->IgnoreParenImpCasts());
    const clang::FunctionDecl* callee = call != nullptr ? call->getDirectCallee() : nullptr;
    if (callee == nullptr || !is_c_library_function(*callee)) return nullptr;
    // Those that never return null, and those that do (library_text_failure).
    static const llvm::StringRef kOwnText[] = {"getenv", "secure_getenv", "strerror", "strsignal", "setlocale"};
    if (!llvm::is_contained(kOwnText, callee->getName()) && library_text_failure(callee->getName()).empty()) {
      return nullptr;
    }
    return callee;
  }

  /// The library-text pointer `var` (library_text_source) lives only in an
  /// if that tests it, and where it is not null it is only copied: into a
  /// std::string (constructed from it, `assign`/`append`/`=`/`+=`), a
  /// std::optional<std::string>, or compared through a temporary
  /// std::string_view (`std::string_view(v) == "1"`); `*v` (its first
  /// character) may be read. The if is the get_if idiom's: declared in the
  /// condition (used only in the then-branch) or in the init-statement with
  /// a condition that tests it (is_checked_init_statement). Otherwise
  /// `other_use` is the use that is neither a test nor a copy, if any.
  static bool is_copied_library_text(const clang::VarDecl& var, RuleContext& ctx, const clang::Expr*& other_use) {
    other_use = nullptr;
    const auto* if_stmt = llvm::dyn_cast_or_null<clang::IfStmt>(declaring_if_or_while(ctx));
    if (if_stmt == nullptr || if_stmt->isConsteval()) return false;
    const bool in_condition = if_stmt->getConditionVariable() == &var;
    llvm::SmallVector<const clang::Stmt*, 3> parts{if_stmt->getThen()};
    if (in_condition) {
      // Null in the else-branch.
      if (mentions(if_stmt->getElse(), var)) return false;
    } else {
      if (!is_checked_init_statement(var, *if_stmt, ctx)) return false;
      parts.push_back(if_stmt->getCond());
      parts.push_back(if_stmt->getElse());
    }
    for (const clang::Stmt* part : parts) {
      llvm::SmallVector<const clang::Stmt*, 16> ancestors;
      if (!only_tested_or_copied(part, var, ancestors, other_use)) return false;
    }
    return true;
  }

  /// Every use of `var` under `s` is a null test or a copy of the text (see
  /// is_copied_library_text). `ancestors` holds the path from the part's
  /// root to `s`.
  static bool only_tested_or_copied(const clang::Stmt* s, const clang::VarDecl& var,
                                    llvm::SmallVectorImpl<const clang::Stmt*>& ancestors, const clang::Expr*& other_use) {
    if (s == nullptr) return true;
    if (const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(s); ref != nullptr && ref->getDecl() == &var) {
      if (is_test_or_copy(ancestors, var.getASTContext())) return true;
      other_use = ref;
      return false;
    }
    ancestors.push_back(s);
    for (const clang::Stmt* child : s->children()) {
      if (!only_tested_or_copied(child, var, ancestors, other_use)) return false;
    }
    ancestors.pop_back();
    return true;
  }

  /// The nearest ancestor that is not an implicit node or parentheses.
  static const clang::Stmt* written_parent(llvm::ArrayRef<const clang::Stmt*> ancestors, size_t& index) {
    while (index > 0) {
      const clang::Stmt* s = ancestors[--index];
      if (llvm::isa<clang::ImplicitCastExpr, clang::ParenExpr, clang::MaterializeTemporaryExpr,
                    clang::CXXBindTemporaryExpr, clang::ExprWithCleanups>(s)) {
        continue;
      }
      return s;
    }
    return nullptr;
  }

  static bool is_text_copy_class(const clang::CXXRecordDecl* record) {
    if (is_std_class(record, {"basic_string"})) return true;
    const auto* spec = llvm::dyn_cast_or_null<clang::ClassTemplateSpecializationDecl>(record);
    if (spec == nullptr || !is_std_class(spec, {"optional"}) || spec->getTemplateArgs().size() != 1 ||
        spec->getTemplateArgs()[0].getKind() != clang::TemplateArgument::Type) {
      return false;
    }
    return is_std_class(spec->getTemplateArgs()[0].getAsType()->getAsCXXRecordDecl(), {"basic_string"});
  }

  /// The use at the end of `ancestors` (a reference to the pointer) tests
  /// it (`v`, `!v`, `v && ...`, `v != nullptr`), reads its first character
  /// (`*v`), or copies the text (is_copied_library_text).
  static bool is_test_or_copy(llvm::ArrayRef<const clang::Stmt*> ancestors, clang::ASTContext& ast) {
    size_t index = ancestors.size();
    const clang::Stmt* parent = written_parent(ancestors, index);
    if (parent == nullptr) return false;
    // The if's condition itself (`if (...; v)`), a conditional's (`v ? std::string(v) : ""`).
    if (llvm::isa<clang::IfStmt>(parent)) return true;
    if (const auto* conditional = llvm::dyn_cast<clang::ConditionalOperator>(parent)) {
      return index + 1 < ancestors.size() && ancestors[index + 1] == conditional->getCond();
    }
    if (const auto* op = llvm::dyn_cast<clang::UnaryOperator>(parent)) {
      return op->getOpcode() == clang::UO_LNot || op->getOpcode() == clang::UO_Deref;
    }
    if (const auto* binary = llvm::dyn_cast<clang::BinaryOperator>(parent)) {
      if (binary->isLogicalOp()) return true;
      // v == nullptr, nullptr != v: the pointer itself is no null constant.
      const auto is_null = [&](const clang::Expr* e) {
        return e->IgnoreParenImpCasts()->isNullPointerConstant(ast, clang::Expr::NPC_ValueDependentIsNotNull) !=
               clang::Expr::NPCK_NotNull;
      };
      return binary->isEqualityOp() && (is_null(binary->getLHS()) || is_null(binary->getRHS()));
    }
    if (const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(parent)) {
      const clang::CXXRecordDecl* record = construct->getConstructor()->getParent();
      if (is_text_copy_class(record)) return true;
      // A temporary std::string_view, compared right away.
      if (!is_std_class(record, {"basic_string_view"})) return false;
      const clang::Stmt* user = written_parent(ancestors, index);
      if (llvm::isa_and_nonnull<clang::CXXFunctionalCastExpr>(user)) user = written_parent(ancestors, index);
      if (const auto* copy = llvm::dyn_cast_or_null<clang::CXXConstructExpr>(user)) {
        return is_text_copy_class(copy->getConstructor()->getParent());  // std::string(std::string_view(v))
      }
      const auto* op = llvm::dyn_cast_or_null<clang::CXXOperatorCallExpr>(user);
      return op != nullptr && op->isComparisonOp();
    }
    if (const auto* call = llvm::dyn_cast<clang::CXXMemberCallExpr>(parent)) {
      const clang::CXXMethodDecl* method = call->getMethodDecl();
      return method != nullptr && is_std_class(method->getParent(), {"basic_string"}) && method->getIdentifier() != nullptr &&
             (method->getName() == "assign" || method->getName() == "append");
    }
    if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(parent)) {
      const auto* method = llvm::dyn_cast_or_null<clang::CXXMethodDecl>(op->getDirectCallee());
      return method != nullptr && is_std_class(method->getParent(), {"basic_string"}) &&
             (op->getOperator() == clang::OO_Equal || op->getOperator() == clang::OO_PlusEqual);
    }
    return false;
  }

  /// The library-text pointer `var`, declared on its own (`const char* home
  /// = std::getenv("HOME");`), is only tested and copied (is_test_or_copy),
  /// and every copy is where it is not null: its first use is `if (home ==
  /// nullptr) return fallback;` (an if with no else whose branch leaves),
  /// or each copy is on the non-null side of an if or conditional that
  /// tests it (`home ? std::string(home) : ""`, `if (home) s = home;`).
  static bool is_tested_first_library_text(const clang::VarDecl& var, RuleContext& ctx) {
    return is_tested_before_use(var, ctx, [&](llvm::ArrayRef<const clang::Stmt*> ancestors) {
      return is_test_or_copy(ancestors, ctx.ast);
    });
  }

  /// The pointer `var` is tested for null before it is used: its first use
  /// is an if with no else that tests it and leaves when it is null, or every
  /// use that is no test is on the non-null side of an if or conditional
  /// that tests it; and every use is `allowed` (given the path to it).
  template <class Allowed>
  static bool is_tested_before_use(const clang::VarDecl& var, RuleContext& ctx, Allowed&& allowed) {
    const clang::FunctionDecl* fn = ctx.enclosing_function();
    const clang::Stmt* body = fn != nullptr ? fn->getBody() : nullptr;
    if (body == nullptr || !var.isLocalVarDecl()) return false;
    const clang::SourceManager& sm = ctx.sources();
    const clang::DeclRefExpr* first = nullptr;
    bool first_leaves_when_null = false;
    bool copies_guarded = true;
    bool only_tests_and_copies = true;
    llvm::SmallVector<const clang::Stmt*, 16> ancestors;
    // Iterative pre-order walk that keeps the path to each node.
    llvm::SmallVector<std::pair<const clang::Stmt*, size_t>, 64> stack{{body, 0}};
    while (!stack.empty() && only_tests_and_copies) {
      const auto [s, depth] = stack.pop_back_val();
      if (s == nullptr) continue;
      ancestors.resize(depth);
      if (const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(s); ref != nullptr && ref->getDecl() == &var) {
        if (!allowed(llvm::ArrayRef<const clang::Stmt*>(ancestors))) only_tests_and_copies = false;
        const bool test = is_null_test(ancestors, var, ctx.ast);
        if (!test && !on_non_null_side(ancestors, var, ctx.ast)) copies_guarded = false;
        if (first == nullptr || sm.isBeforeInTranslationUnit(ref->getLocation(), first->getLocation())) {
          first = ref;
          first_leaves_when_null = test && leaves_when_null(ancestors, var, ctx.ast);
        }
        continue;
      }
      ancestors.push_back(s);
      for (const clang::Stmt* child : s->children()) stack.push_back({child, depth + 1});
    }
    return only_tests_and_copies && first != nullptr && (first_leaves_when_null || copies_guarded);
  }

  /// The use is in the condition of `if (<var is null>) <leave>;` (no else).
  static bool leaves_when_null(llvm::ArrayRef<const clang::Stmt*> ancestors, const clang::VarDecl& var,
                               clang::ASTContext& ast) {
    for (size_t k = ancestors.size(); k-- > 0;) {
      const auto* if_stmt = llvm::dyn_cast<clang::IfStmt>(ancestors[k]);
      if (if_stmt == nullptr) continue;
      return if_stmt->getElse() == nullptr && pointer_test(if_stmt->getCond(), var, ast) == Test::is_null &&
             always_leaves(if_stmt->getThen());
    }
    return false;
  }

  /// `s` never falls through: return, throw, break, continue, goto, a call
  /// of a [[noreturn]] function, or a block that ends in one.
  static bool always_leaves(const clang::Stmt* s) {
    if (s == nullptr) return false;
    if (const auto* block = llvm::dyn_cast<clang::CompoundStmt>(s)) return always_leaves(block->body_back());
    if (llvm::isa<clang::ReturnStmt, clang::BreakStmt, clang::ContinueStmt, clang::GotoStmt>(s)) return true;
    const auto* e = llvm::dyn_cast<clang::Expr>(s);
    if (e == nullptr) return false;
    e = e->IgnoreImplicit();
    if (llvm::isa<clang::CXXThrowExpr>(e)) return true;
    const auto* call = llvm::dyn_cast<clang::CallExpr>(e);
    const clang::FunctionDecl* callee = call != nullptr ? call->getDirectCallee() : nullptr;
    return callee != nullptr && callee->isNoReturn();
  }

  /// The use is on the side of an enclosing if or conditional where its
  /// condition says `var` is not null.
  static bool on_non_null_side(llvm::ArrayRef<const clang::Stmt*> ancestors, const clang::VarDecl& var,
                               clang::ASTContext& ast) {
    for (size_t k = ancestors.size(); k-- > 1;) {
      const clang::Stmt* s = ancestors[k - 1];
      const clang::Stmt* child = ancestors[k];
      const clang::Expr* cond = nullptr;
      const clang::Stmt* when_true = nullptr;
      const clang::Stmt* when_false = nullptr;
      if (const auto* if_stmt = llvm::dyn_cast<clang::IfStmt>(s)) {
        cond = if_stmt->getCond();
        when_true = if_stmt->getThen();
        when_false = if_stmt->getElse();
      } else if (const auto* conditional = llvm::dyn_cast<clang::ConditionalOperator>(s)) {
        cond = conditional->getCond();
        when_true = conditional->getTrueExpr();
        when_false = conditional->getFalseExpr();
      }
      if (cond == nullptr || child == cond) continue;
      const Test test = pointer_test(cond, var, ast);
      if ((test == Test::non_null && child == when_true) || (test == Test::is_null && child == when_false)) return true;
    }
    return false;
  }

  /// The use at the end of `ancestors` is in a condition that tests `var`
  /// for null (or not): an if's, a loop's, a conditional's, `!v`, `v ==
  /// nullptr`, `v && ...`.
  static bool is_null_test(llvm::ArrayRef<const clang::Stmt*> ancestors, const clang::VarDecl& var,
                           clang::ASTContext& ast) {
    for (size_t k = ancestors.size(); k-- > 0;) {
      const clang::Stmt* s = ancestors[k];
      const clang::Stmt* child = k + 1 < ancestors.size() ? ancestors[k + 1] : nullptr;
      const clang::Expr* cond = nullptr;
      if (const auto* if_stmt = llvm::dyn_cast<clang::IfStmt>(s)) cond = if_stmt->getCond();
      if (const auto* conditional = llvm::dyn_cast<clang::ConditionalOperator>(s)) cond = conditional->getCond();
      if (const auto* while_stmt = llvm::dyn_cast<clang::WhileStmt>(s)) cond = while_stmt->getCond();
      if (cond != nullptr) {
        const Test test = child == cond ? pointer_test(cond, var, ast) : Test::unchecked;
        return test == Test::non_null || test == Test::is_null;
      }
      if (!llvm::isa<clang::Expr>(s)) return false;
    }
    return false;
  }

  /// A user-defined `operator->` (not one of a lambda).
  static bool is_arrow_operator(const clang::FunctionDecl& fn) {
    const auto* method = llvm::dyn_cast<clang::CXXMethodDecl>(&fn);
    return method != nullptr && method->getOverloadedOperator() == clang::OO_Arrow && !method->getParent()->isLambda();
  }

  /// A class that owns the one object it points to: std::unique_ptr,
  /// std::shared_ptr, std::optional, meshwa::Owned, meshwa::Shared (also as
  /// written in a template, `std::unique_ptr<T>`).
  static bool is_owning_holder(clang::QualType type) {
    if (type.isNull()) return false;
    type = type.getNonReferenceType();
    const clang::CXXRecordDecl* record = type->getAsCXXRecordDecl();
    if (record == nullptr) {
      if (const auto* spec = type->getAs<clang::TemplateSpecializationType>()) {
        if (const auto* tmpl = llvm::dyn_cast_or_null<clang::ClassTemplateDecl>(spec->getTemplateName().getAsTemplateDecl())) {
          record = tmpl->getTemplatedDecl();
        }
      }
    }
    if (record == nullptr) return false;
    if (is_std_class(record, {"unique_ptr", "shared_ptr", "optional"})) return true;
    const std::string name = record->getQualifiedNameAsString();
    return name == "meshwa::Owned" || name == "meshwa::Shared";
  }

  /// `conn_`, `this->conn_`, `(*this).conn_`, `state_.conn` (through data
  /// members reached with `.`): a member of the object itself.
  static bool is_own_member(const clang::Expr* e, int depth = 0) {
    if (e == nullptr || depth > 8) return false;
    e = e->IgnoreParenImpCasts();
    if (const auto* member = llvm::dyn_cast<clang::MemberExpr>(e)) {
      if (!llvm::isa<clang::FieldDecl>(member->getMemberDecl())) return false;
      const clang::Expr* base = member->getBase()->IgnoreParenImpCasts();
      if (llvm::isa<clang::CXXThisExpr>(base)) return true;
      if (member->isArrow()) return false;
      if (const auto* deref = llvm::dyn_cast<clang::UnaryOperator>(base);
          deref != nullptr && deref->getOpcode() == clang::UO_Deref) {
        return llvm::isa<clang::CXXThisExpr>(deref->getSubExpr()->IgnoreParenImpCasts());
      }
      return is_own_member(base, depth + 1);
    }
    // `rep_.second` in a class template whose `rep_` is a std::pair<int, T>:
    // not resolved until instantiation, but still a data member reached
    // with `.` from a member (a member function's name cannot have its
    // address taken with this syntax).
    if (const auto* dependent = llvm::dyn_cast<clang::CXXDependentScopeMemberExpr>(e)) {
      return !dependent->isArrow() && !dependent->isImplicitAccess() && is_own_member(dependent->getBase(), depth + 1);
    }
    return false;
  }

  /// A member that owns what it points to (is_owning_holder).
  static bool is_owning_member(const clang::Expr* e) {
    return e != nullptr && is_own_member(e) && is_owning_holder(e->IgnoreParenImpCasts()->getType());
  }

  /// `*ptr_`, `ptr_.value()` of an owning member: the object it holds.
  static bool is_owned_object(const clang::Expr* e) {
    e = e->IgnoreParenImpCasts();
    if (const auto* op = llvm::dyn_cast<clang::UnaryOperator>(e); op != nullptr && op->getOpcode() == clang::UO_Deref) {
      return is_owning_member(op->getSubExpr());
    }
    if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(e);
        op != nullptr && op->getOperator() == clang::OO_Star && op->getNumArgs() == 1) {
      return is_owning_member(op->getArg(0));
    }
    return is_owning_member_call(e, {"value"});
  }

  /// A member the object holds by value (`rep_`, `state_.items`), not a
  /// reference member: its parts live exactly as long as the object.
  static bool is_own_value_member(const clang::Expr* e) {
    if (e == nullptr || !is_own_member(e)) return false;
    // Every field on the way (`state_.items`) held by value; a member of a
    // class template reached through a dependent type is not known to be.
    for (const auto* member = llvm::dyn_cast<clang::MemberExpr>(e->IgnoreParenImpCasts()); member != nullptr;
         member = llvm::dyn_cast<clang::MemberExpr>(member->getBase()->IgnoreParenImpCasts())) {
      if (member->getMemberDecl()->getType()->isReferenceType()) return false;
      const clang::Expr* base = member->getBase()->IgnoreParenImpCasts();
      if (llvm::isa<clang::CXXThisExpr>(base) || llvm::isa<clang::UnaryOperator>(base)) return true;
    }
    return false;
  }

  /// The member or the call of `e` (`obj.name(...)`, also dependent in a
  /// template), with the name called; null object otherwise.
  static const clang::Expr* called_member_object(const clang::Expr* e, clang::DeclarationName& name) {
    const clang::Expr* callee = nullptr;
    if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(e)) {
      if (op->getOperator() != clang::OO_Subscript || op->getNumArgs() != 2) return nullptr;
      name = op->getDirectCallee() != nullptr ? op->getDirectCallee()->getDeclName() : clang::DeclarationName();
      return op->getArg(0);
    }
    if (const auto* call = llvm::dyn_cast<clang::CallExpr>(e)) callee = call->getCallee()->IgnoreParenImpCasts();
    if (const auto* member = llvm::dyn_cast_or_null<clang::MemberExpr>(callee)) {
      name = member->getMemberDecl()->getDeclName();
      return member->isArrow() ? nullptr : member->getBase();
    }
    if (const auto* dependent = llvm::dyn_cast_or_null<clang::CXXDependentScopeMemberExpr>(callee)) {
      name = dependent->getMember();
      return dependent->isArrow() ? nullptr : dependent->getBase();
    }
    return nullptr;
  }

  /// `std::get<1>(x)` / `std::get<T>(x)`, resolved or (in a template) not
  /// yet: its one argument, else null.
  static const clang::Expr* std_get_argument(const clang::Expr* e) {
    const auto* call = llvm::dyn_cast<clang::CallExpr>(e);
    if (call == nullptr || call->getNumArgs() != 1 || llvm::isa<clang::CXXMemberCallExpr>(call)) return nullptr;
    const clang::Expr* callee = call->getCallee()->IgnoreParenImpCasts();
    if (const clang::FunctionDecl* fn = call->getDirectCallee()) {
      if (!fn->isInStdNamespace() || fn->getIdentifier() == nullptr || fn->getName() != "get") return nullptr;
      return call->getArg(0);
    }
    const auto* lookup = llvm::dyn_cast<clang::UnresolvedLookupExpr>(callee);
    if (lookup == nullptr || !lookup->getName().isIdentifier() || lookup->getName().getAsString() != "get" ||
        lookup->getNumDecls() == 0) {
      return nullptr;
    }
    for (const clang::NamedDecl* decl : lookup->decls()) {
      if (!decl->isInStdNamespace()) return nullptr;
    }
    return call->getArg(0);
  }

  /// A part of a member the object holds by value: `std::get<1>(rep_)` of a
  /// std::tuple / std::pair / std::variant / std::array member (the
  /// compressed-pair idiom of abseil and fmt; a wrong variant alternative
  /// throws), an element of a std container member (`items_.back()`,
  /// `items_[i]`, `items_.at(k)`; bounds-checked under _GLIBCXX_ASSERTIONS).
  /// It lives as long as the member does, exactly like what `T& operator*()
  /// { return items_.back(); }` returns; a reference member's elements
  /// (`std::vector<T>& pool_`) are someone else's and do not count.
  static bool is_member_part(const clang::Expr* e, int depth = 0) {
    if (e == nullptr || depth > 8) return false;
    e = e->IgnoreParenImpCasts();
    const auto whole = [depth](const clang::Expr* object) {
      return is_own_value_member(object) || is_member_part(object, depth + 1);
    };
    if (const clang::Expr* arg = std_get_argument(e)) return whole(arg);
    clang::DeclarationName name;
    const clang::Expr* object = called_member_object(e, name);
    if (object == nullptr || !whole(object)) return false;
    const clang::QualType type = object->IgnoreParenImpCasts()->getType().getNonReferenceType();
    const clang::CXXRecordDecl* record = type->getAsCXXRecordDecl();
    if (record == nullptr) {
      if (const auto* spec = type->getAs<clang::TemplateSpecializationType>()) {
        if (const auto* tmpl = llvm::dyn_cast_or_null<clang::ClassTemplateDecl>(spec->getTemplateName().getAsTemplateDecl())) {
          record = tmpl->getTemplatedDecl();
        }
      }
    }
    if (!is_std_class(record, {"vector", "deque", "array", "list", "forward_list", "map", "unordered_map"})) return false;
    if (name.getCXXOverloadedOperator() == clang::OO_Subscript) return true;
    if (!name.isIdentifier()) return false;
    const llvm::StringRef called = name.getAsIdentifierInfo()->getName();
    return called == "front" || called == "back" || called == "at";
  }

  /// `**this`, `operator*()`, `(*this).operator*()`: what the class's own
  /// operator* returns (the iterator idiom `return &**this;`,
  /// `std::addressof(operator*())`), as safe as that reference.
  static bool is_own_dereference(const clang::Expr* e) {
    e = e->IgnoreParenImpCasts();
    const auto is_this = [](const clang::Expr* x) {
      x = x->IgnoreParenImpCasts();
      if (llvm::isa<clang::CXXThisExpr>(x)) return true;
      const auto* deref = llvm::dyn_cast<clang::UnaryOperator>(x);
      return deref != nullptr && deref->getOpcode() == clang::UO_Deref &&
             llvm::isa<clang::CXXThisExpr>(deref->getSubExpr()->IgnoreParenImpCasts());
    };
    if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(e)) {
      return op->getOperator() == clang::OO_Star && op->getNumArgs() == 1 && is_this(op->getArg(0));
    }
    if (const auto* call = llvm::dyn_cast<clang::CXXMemberCallExpr>(e)) {
      const clang::CXXMethodDecl* method = call->getMethodDecl();
      return method != nullptr && method->getOverloadedOperator() == clang::OO_Star &&
             call->getImplicitObjectArgument() != nullptr && is_this(call->getImplicitObjectArgument());
    }
    // In a class template, `**this` before instantiation.
    const auto* deref = llvm::dyn_cast<clang::UnaryOperator>(e);
    return deref != nullptr && deref->getOpcode() == clang::UO_Deref && e->isTypeDependent() &&
           is_this(deref->getSubExpr());
  }

  /// `*it_`, `it_->first`, `(*it_).second` of an iterator member: the
  /// element the wrapped iterator designates, what `operator*` returning
  /// `*it_` gives (a key iterator, an adaptor). In a class template, a
  /// member of a dependent type reached the same way.
  static bool is_through_iterator_member(const clang::Expr* e, int depth = 0) {
    if (e == nullptr || depth > 8) return false;
    e = e->IgnoreParenImpCasts();
    const auto iterator_member = [](const clang::Expr* x) {
      x = x->IgnoreParenImpCasts();
      if (!is_own_member(x)) return false;
      const clang::QualType type = x->getType().getNonReferenceType();
      if (type->isDependentType()) return true;
      const clang::CXXRecordDecl* record = type->getAsCXXRecordDecl();
      return record != nullptr && is_iterator_class(record) && !is_owning_iterator_class(record);
    };
    if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(e)) {  // *it_, it_.operator->()
      return (op->getOperator() == clang::OO_Star || op->getOperator() == clang::OO_Arrow) && op->getNumArgs() == 1 &&
             iterator_member(op->getArg(0));
    }
    if (const auto* member = llvm::dyn_cast<clang::MemberExpr>(e)) {  // it_->first, (*it_).second
      if (!llvm::isa<clang::FieldDecl>(member->getMemberDecl())) return false;
      return is_through_iterator_member(member->getBase(), depth + 1);
    }
    if (const auto* dependent = llvm::dyn_cast<clang::CXXDependentScopeMemberExpr>(e)) {
      if (dependent->isImplicitAccess()) return false;
      const clang::Expr* base = dependent->getBase();
      return (dependent->isArrow() && iterator_member(base)) || is_through_iterator_member(base, depth + 1);
    }
    if (const auto* deref = llvm::dyn_cast<clang::UnaryOperator>(e)) {  // *it_ of a dependent type
      return deref->getOpcode() == clang::UO_Deref && e->isTypeDependent() && iterator_member(deref->getSubExpr());
    }
    return false;
  }

  /// `ptr_.get()`, `ptr_.operator->()`, `opt_.value()` (names as given) on an
  /// owning member, also as a dependent call in a template.
  static bool is_owning_member_call(const clang::Expr* e, std::initializer_list<llvm::StringRef> names) {
    const auto* call = llvm::dyn_cast<clang::CallExpr>(e->IgnoreParenImpCasts());
    if (call == nullptr || call->getNumArgs() != 0) return false;
    const clang::Expr* callee = call->getCallee()->IgnoreParenImpCasts();
    clang::DeclarationName name;
    const clang::Expr* object = nullptr;
    if (const auto* member = llvm::dyn_cast<clang::MemberExpr>(callee)) {
      name = member->getMemberDecl()->getDeclName();
      object = member->isArrow() ? nullptr : member->getBase();
    } else if (const auto* dependent = llvm::dyn_cast<clang::CXXDependentScopeMemberExpr>(callee)) {
      name = dependent->getMember();
      object = dependent->isArrow() ? nullptr : dependent->getBase();
    }
    if (object == nullptr || !is_owning_member(object)) return false;
    const bool arrow = name.getCXXOverloadedOperator() == clang::OO_Arrow;
    for (llvm::StringRef n : names) {
      if (n == "operator->" ? arrow : (name.isIdentifier() && name.getAsIdentifierInfo()->getName() == n)) return true;
    }
    return false;
  }

  /// What an accepted operator-> may return: `this`, the address of a
  /// member (`&conn_`, `std::addressof(conn_)`), or of the object an owning
  /// member holds (`ptr_.get()`, `ptr_.operator->()`, `&*ptr_`,
  /// `&opt_.value()`); either side of a `?:` of those. The `&` and
  /// addressof calls among them are appended to `addresses`.
  static bool is_owned_address(const clang::Expr* e, llvm::SmallVectorImpl<const clang::Expr*>& addresses, int depth = 0) {
    if (e == nullptr || depth > 8) return false;
    e = e->IgnoreParenImpCasts();
    if (llvm::isa<clang::CXXThisExpr>(e)) return true;
    if (const auto* cond = llvm::dyn_cast<clang::ConditionalOperator>(e)) {
      return is_owned_address(cond->getTrueExpr(), addresses, depth + 1) &&
             is_owned_address(cond->getFalseExpr(), addresses, depth + 1);
    }
    if (is_owning_member_call(e, {"get", "operator->"})) return true;
    const clang::Expr* object = nullptr;
    if (const auto* op = llvm::dyn_cast<clang::UnaryOperator>(e); op != nullptr && op->getOpcode() == clang::UO_AddrOf) {
      object = op->getSubExpr();
    } else if (const clang::CallExpr* call = address_of_call(*e); call != nullptr && call->getNumArgs() == 1) {
      object = call->getArg(0);
    }
    if (object == nullptr) return false;
    if (!is_own_member(object) && !is_owned_object(object) && !is_member_part(object) && !is_own_dereference(object) &&
        !is_through_iterator_member(object)) {
      return false;
    }
    addresses.push_back(e);
    return true;
  }

  /// The return statements of `body`, not those of lambdas in it.
  static void collect_returns(const clang::Stmt* s, llvm::SmallVectorImpl<const clang::ReturnStmt*>& out) {
    if (s == nullptr || llvm::isa<clang::LambdaExpr>(s)) return;
    if (const auto* ret = llvm::dyn_cast<clang::ReturnStmt>(s)) out.push_back(ret);
    for (const clang::Stmt* child : s->children()) collect_returns(child, out);
  }

  /// The definition of operator-> returns only what is_owned_address
  /// accepts; the first return that does not is put in `offending` (null
  /// when the body is not visible or returns nothing).
  static bool arrow_returns_owned(const clang::FunctionDecl& fn, const clang::ReturnStmt*& offending,
                                  llvm::SmallVectorImpl<const clang::Expr*>& addresses) {
    offending = nullptr;
    const clang::FunctionDecl* def = fn.getDefinition();
    if (def == nullptr) def = fn.getTemplateInstantiationPattern();
    if (def == nullptr || !def->hasBody()) return false;
    llvm::SmallVector<const clang::ReturnStmt*, 4> returns;
    collect_returns(def->getBody(), returns);
    for (const clang::ReturnStmt* ret : returns) {
      if (!is_owned_address(ret->getRetValue(), addresses)) {
        offending = ret;
        return false;
      }
    }
    return !returns.empty();
  }

  /// `Connection* operator->() { return &conn_; }`: the language requires
  /// operator-> to return a pointer (or a class with operator->), so the
  /// usual remedy (return a reference) cannot be applied. When every return
  /// gives `this`, the address of a member or the object an owning member
  /// holds, it is as safe as `Connection& operator*() { return conn_; }`:
  /// the caller writes `h->send()`; naming the pointer (`auto* p =
  /// h.operator->()`) is a pointer variable and still rejected. Otherwise
  /// the error says what operator-> may return, with a note at the return.
  void check_arrow_operator(const clang::FunctionDecl& fn, RuleContext& ctx) {
    const clang::QualType type = fn.getReturnType();
    if (!type->isPointerType() || type->isFunctionPointerType()) {
      report_type(fn, type, "result",
                  "return a value, a reference to something that outlives the call, std::optional, or "
                  "std::unique_ptr for ownership",
                  ctx, fn.getReturnTypeSourceRange().getBegin());
      return;
    }
    const clang::ReturnStmt* offending = nullptr;
    llvm::SmallVector<const clang::Expr*, 4> addresses;
    if (arrow_returns_owned(fn, offending, addresses)) return;
    ctx.report.error(fn.getReturnTypeSourceRange().getBegin(), kName,
                     "operator-> returns the raw pointer '" + type_name(type, ctx) +
                         "', which the language requires of it, but nothing shows what keeps the object alive; return "
                         "only 'this', the address of a member or of a part of one (&member_, &std::get<1>(rep_), "
                         "&items_.back()) or the object an owning member holds "
                         "(ptr_.get() or &*ptr_ of a std::unique_ptr, std::shared_ptr, std::optional, meshwa::Owned), "
                         "or drop operator-> and offer only operator* returning a reference")
        << fn.getReturnTypeSourceRange();
    if (offending != nullptr) {
      ctx.report.note(offending->getRetValue() != nullptr ? offending->getRetValue()->getExprLoc() : offending->getReturnLoc(),
                      "this returns a pointer that is not 'this', the address of a member or the object an owning "
                      "member holds");
    } else if (fn.getDefinition() == nullptr) {
      ctx.report.note(fn.getLocation(), "'operator->' is not defined in this file, so what it returns cannot be seen");
    }
  }

  /// `&conn_` (or std::addressof(conn_)) returned by an operator-> that
  /// check_arrow_operator accepts.
  static bool is_returned_by_accepted_arrow(const clang::Expr& taken, RuleContext& ctx) {
    const clang::FunctionDecl* fn = ctx.enclosing_function();
    if (fn == nullptr || !is_arrow_operator(*fn) || !fn->getReturnType()->isPointerType()) return false;
    const clang::ReturnStmt* offending = nullptr;
    llvm::SmallVector<const clang::Expr*, 4> addresses;
    if (!arrow_returns_owned(*fn, offending, addresses)) return false;
    return llvm::is_contained(addresses, &taken);
  }

  /// `auto [end, ec] = std::from_chars(...)` is the idiom (and `end` is
  /// compared with the buffer's end); reading through `end` later is a raw
  /// pointer into a buffer that may be gone by then.
  static void check_binding_dereference(const clang::Stmt& stmt, RuleContext& ctx) {
    const clang::Expr* operand = nullptr;
    if (const auto* op = llvm::dyn_cast<clang::UnaryOperator>(&stmt); op && op->getOpcode() == clang::UO_Deref) {
      operand = op->getSubExpr();
    } else if (const auto* member = llvm::dyn_cast<clang::MemberExpr>(&stmt); member && member->isArrow()) {
      operand = member->getBase();
    }
    if (operand == nullptr) return;
    const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(operand->IgnoreParenImpCasts());
    const auto* binding = ref ? llvm::dyn_cast<clang::BindingDecl>(ref->getDecl()) : nullptr;
    if (binding == nullptr || !binding->getType()->isAnyPointerType()) return;
    ctx.report.error(ref->getLocation(), kName,
                     "reading through structured binding '" + binding->getName().str() +
                         "', a raw pointer that nothing keeps valid; compare it with the buffer's end if you "
                         "must, but read from the container itself (or a std::string_view of it)")
        << ref->getSourceRange();
    ctx.report.note(binding->getLocation(), "'" + binding->getName().str() + "' is bound here");
  }

  /// `at3(v.data())` with `template <class P> auto at3(P p) { return p[3]; }`,
  /// or a generic lambda called with `v.data()`: the rules check a template
  /// as written, where `p` is not known to be a pointer, so indexing and
  /// arithmetic on it go unchecked in the instantiation. A raw pointer made
  /// for a call (`.data()`, `.c_str()`, `.get()`) may not be handed to a
  /// generic parameter of a template written in service code. Library
  /// templates (std::find on `v.data()`) are the library's; a parameter
  /// written `T*` is reported in the template itself; string literals,
  /// `this` and function pointers are no buffers to walk.
  static void check_pointer_into_generic_code(const clang::Stmt& stmt, RuleContext& ctx) {
    const auto* call = llvm::dyn_cast<clang::CallExpr>(&stmt);
    const clang::FunctionDecl* callee = call != nullptr ? call->getDirectCallee() : nullptr;
    const clang::FunctionTemplateDecl* generic = callee != nullptr ? callee->getPrimaryTemplate() : nullptr;
    const clang::FunctionDecl* pattern = generic != nullptr ? generic->getTemplatedDecl() : nullptr;
    if (pattern == nullptr || !ctx.service_code.contains(pattern->getLocation())) return;
    // obj(args) through operator(): the object is argument 0.
    const auto* method = llvm::dyn_cast<clang::CXXMethodDecl>(callee);
    const unsigned skip = llvm::isa<clang::CXXOperatorCallExpr>(call) && method != nullptr && !method->isStatic() ? 1 : 0;
    for (unsigned i = skip; i < call->getNumArgs(); ++i) {
      const clang::ParmVarDecl* written = pattern_parameter(*pattern, i - skip);
      if (written == nullptr) break;
      clang::QualType type = written->getType();
      if (const auto* pack = type->getAs<clang::PackExpansionType>()) type = pack->getPattern();
      type = type.getNonReferenceType();
      if (!type->isDependentType() || type->isPointerType()) continue;
      const clang::Expr* arg = call->getArg(i)->IgnoreParenImpCasts();
      const clang::QualType passed = arg->getType();
      if (!passed->isPointerType() || passed->isFunctionPointerType()) continue;
      // a.begin() on a std::array / std::string_view / std::initializer_list:
      // a std iterator that libstdc++ happens to implement as a pointer,
      // handed over like std::vector's (a class) and as safe as it.
      if (is_std_iterator_value(arg)) continue;
      // Reported where they are made: a pointer variable, an address.
      if (llvm::isa<clang::StringLiteral, clang::CXXThisExpr, clang::DeclRefExpr, clang::UnaryOperator>(arg) ||
          address_of_call(*arg) != nullptr) {
        continue;
      }
      const bool lambda = method != nullptr && method->getParent()->isLambda();
      ctx.report.error(arg->getExprLoc(), kName,
                       "a raw pointer handed to " + function_name(*callee, ctx) +
                           (lambda ? ", whose parameter '" : ", a template whose parameter '") +
                           written->getName().str() +
                           (lambda ? "' is generic: generic lambdas are checked as written"
                                   : "' is generic: templates are checked as written") +
                           ", so indexing or arithmetic on it there is not checked; pass the container itself or a "
                           "std::span of it")
          << arg->getSourceRange();
      ctx.report.note(written->getLocation(), "'" + written->getName().str() + "' is declared here");
    }
  }

  /// How a message names a function: 'name', or for a lambda's call
  /// operator (whose name, 'operator()', the user never wrote) "the lambda
  /// at file.cpp:4:16".
  static std::string function_name(const clang::FunctionDecl& fn, RuleContext& ctx) {
    const auto* method = llvm::dyn_cast<clang::CXXMethodDecl>(&fn);
    if (method == nullptr || !method->getParent()->isLambda()) return "'" + fn.getNameAsString() + "'";
    const clang::SourceManager& sm = ctx.sources();
    const clang::PresumedLoc where = sm.getPresumedLoc(sm.getFileLoc(method->getParent()->getLocation()));
    if (where.isInvalid()) return "the lambda";
    return "the lambda at " + llvm::sys::path::filename(where.getFilename()).str() + ":" +
           std::to_string(where.getLine()) + ":" + std::to_string(where.getColumn());
  }

  /// The parameter of `pattern` that argument `index` binds to (a pack
  /// takes every argument from its position on); nullptr past the end.
  static const clang::ParmVarDecl* pattern_parameter(const clang::FunctionDecl& pattern, unsigned index) {
    for (unsigned k = 0; k < pattern.getNumParams(); ++k) {
      const clang::ParmVarDecl* p = pattern.getParamDecl(k);
      if (p->isParameterPack() && k <= index) return p;
      if (k == index) return p;
    }
    return nullptr;
  }

  /// The declaration whose signature is reported: the first one (a method
  /// declared in its class and defined outside is reported once), and not
  /// an override (its signature is the base class's, reported there or, for
  /// a library base class, not the service's to change).
  static bool is_signature_owner(const clang::FunctionDecl& fn) {
    if (!fn.isFirstDecl()) return false;
    if (const auto* method = llvm::dyn_cast<clang::CXXMethodDecl>(&fn)) {
      if (method->size_overridden_methods() > 0) return false;
    }
    return true;
  }

  /// `void PrintTo(const Item& i, std::ostream* os)`: GoogleTest's printer
  /// customisation point, found by name; its signature is the framework's,
  /// like an override of a library base, and `os` is valid for the call.
  static bool is_gtest_print_to(const clang::FunctionDecl& fn) {
    if (fn.getIdentifier() == nullptr || fn.getName() != "PrintTo" || fn.getNumParams() != 2 ||
        !fn.getReturnType()->isVoidType()) {
      return false;
    }
    const clang::QualType stream = fn.getParamDecl(1)->getType();
    if (!stream->isPointerType()) return false;
    const auto* record = stream->getPointeeType()->getAsCXXRecordDecl();
    return record != nullptr && record->getIdentifier() != nullptr && record->getName() == "basic_ostream" &&
           record->isInStdNamespace();
  }

  /// A parameter or result of an interface method (the service boundary)
  /// that meshwa-boundary-type rejects: reported there once, with the
  /// boundary's remedy (a value, `const T&`, meshwa::Owned, meshwa::Result);
  /// raw-pointer's remedy (T&, std::unique_ptr) would not cross either.
  static bool reported_as_boundary(const clang::FunctionDecl& fn, clang::QualType type, Position position,
                                   RuleContext& ctx) {
    const auto* method = llvm::dyn_cast<clang::CXXMethodDecl>(&fn);
    if (method == nullptr || method->isImplicit() || !method->isVirtual() || llvm::isa<clang::CXXDestructorDecl>(method)) {
      return false;
    }
    const clang::CXXRecordDecl* iface = method->getParent();
    if (iface == nullptr || !is_interface(iface) || iface->isDependentContext()) return false;
    return why_not_crossable(type, ctx.ast, position).has_value();
  }

  /// A pointer variable initialised by a call: point at the function that
  /// hands out the pointer (in service code; library functions are not
  /// the user's to change).
  static void note_source(const clang::VarDecl& var, RuleContext& ctx) {
    const clang::Expr* init = var.getInit();
    if (init == nullptr) return;
    const auto* call = llvm::dyn_cast<clang::CallExpr>(init->IgnoreParenImpCasts());
    const clang::FunctionDecl* callee = call != nullptr ? call->getDirectCallee() : nullptr;
    if (callee == nullptr || !ctx.service_code.contains(callee->getLocation())) return;
    const auto* method = llvm::dyn_cast<clang::CXXMethodDecl>(callee);
    if (method != nullptr && method->getParent()->isLambda()) {
      ctx.report.note(method->getParent()->getLocation(), "the pointer comes from this lambda");
      return;
    }
    ctx.report.note(callee->getLocation(), "the pointer comes from " + function_name(*callee, ctx) + ", declared here");
  }

  bool report_type(const clang::ValueDecl& decl, clang::QualType type, llvm::StringRef what,
                   llvm::StringRef remedy, RuleContext& ctx, clang::SourceLocation loc = {}) {
    return report_type(decl, type, what, remedy, ctx,
                       "raw function pointers escape every check, use a lambda, a template parameter or "
                       "std::function",
                       loc);
  }

  bool report_type(const clang::ValueDecl& decl, clang::QualType type, llvm::StringRef what,
                   llvm::StringRef remedy, RuleContext& ctx, llvm::StringRef function_remedy,
                   clang::SourceLocation loc = {}) {
    if (type.isNull()) return false;
    const clang::QualType pointer = find_raw_pointer(type);
    if (pointer.isNull()) return false;
    if (loc.isInvalid()) loc = decl.getLocation();
    const bool is_function_pointer = pointer->isFunctionPointerType() || pointer->isMemberFunctionPointerType();
    std::string message;
    if (is_function_pointer && !ctx.ast.hasSameType(pointer, type)) {
      // std::vector<void (*)()>, a std::bind_front object: a class that
      // holds one, not a function pointer itself.
      message = what.str() + " type '" + type_name(type, ctx) + "' holds the " +
                (pointer->isMemberFunctionPointerType() ? "member function pointer '" : "function pointer '") +
                type_name(pointer, ctx) + "'; " + function_remedy.str();
    } else if (is_function_pointer) {
      message = what.str() + " of function pointer type '" + type_name(type, ctx) + "'; " + function_remedy.str();
    } else if (ctx.ast.hasSameType(pointer, type)) {
      message = what.str() + " of raw pointer type '" + type_name(type, ctx) + "'; " + remedy.str();
    } else {
      message = what.str() + " type '" + type_name(type, ctx) + "' holds the raw pointer '" +
                type_name(pointer, ctx) + "'; " + remedy.str();
    }
    clang::SourceRange range = decl.getSourceRange();
    if (const auto* fn = llvm::dyn_cast<clang::FunctionDecl>(&decl)) range = fn->getReturnTypeSourceRange();
    ctx.report.error(loc, kName, message) << range;
    return true;
  }

  /// `auto cb = std::bind_front(&Svc::on_event, this);`: a callable object
  /// (not a pointer itself) whose first raw pointer is a member or function
  /// pointer taken by an `&` in its own initialiser. That `&Class::method`
  /// is reported where it is taken, with the lambda to write instead;
  /// replacing it replaces the object, so the variable is not reported too.
  static bool holds_reported_member_pointer(const clang::VarDecl& var, RuleContext& ctx) {
    const clang::QualType type = var.getType();
    if (type.isNull() || type->isAnyPointerType() || type->isMemberPointerType() || var.getInit() == nullptr) {
      return false;
    }
    const clang::QualType pointer = find_raw_pointer(type);
    if (pointer.isNull() || !(pointer->isFunctionPointerType() || pointer->isMemberFunctionPointerType())) {
      return false;
    }
    llvm::SmallVector<const clang::Stmt*, 16> work{var.getInit()};
    for (size_t steps = 0; !work.empty() && steps < 256; ++steps) {
      const clang::Stmt* s = work.pop_back_val();
      if (s == nullptr) continue;
      if (const auto* op = llvm::dyn_cast<clang::UnaryOperator>(s);
          op != nullptr && op->getOpcode() == clang::UO_AddrOf && ctx.ast.hasSameType(op->getType(), pointer)) {
        return true;
      }
      if (llvm::isa<clang::LambdaExpr>(s)) continue;
      for (const clang::Stmt* child : s->children()) work.push_back(child);
    }
    return false;
  }

  /// `if (auto* click = dynamic_cast<Click*>(&event)) ...`, and the same
  /// with std::get_if / std::any_cast (is_checked_access): the pointer lives
  /// only in the if/while statement that tests it.
  static bool is_checked_downcast_condition(const clang::VarDecl& var, RuleContext& ctx) {
    const clang::Expr* init = var.getInit();
    if (init == nullptr) return false;
    if (!llvm::isa<clang::CXXDynamicCastExpr>(init->IgnoreParenImpCasts()) && !is_checked_access(init->IgnoreParenImpCasts())) {
      return false;
    }
    const clang::Stmt* statement = declaring_if_or_while(ctx);
    if (const auto* if_stmt = llvm::dyn_cast_or_null<clang::IfStmt>(statement)) {
      if (if_stmt->getConditionVariable() == &var) return true;
      return is_checked_init_statement(var, *if_stmt, ctx);
    }
    if (const auto* while_stmt = llvm::dyn_cast_or_null<clang::WhileStmt>(statement)) {
      return while_stmt->getConditionVariable() == &var;
    }
    return false;
  }

  /// `auto* click = dynamic_cast<Click*>(&event); if (click == nullptr)
  /// return;` then `click->x`, and the same with std::get_if / std::any_cast:
  /// tested before it is used (is_tested_before_use), and never changed
  /// (assigned, stepped, its address taken), so it stays what was tested.
  static bool is_checked_downcast_tested_first(const clang::VarDecl& var, RuleContext& ctx) {
    const clang::Expr* init = var.getInit();
    if (init == nullptr || declaring_if_or_while(ctx) != nullptr) return false;
    if (!llvm::isa<clang::CXXDynamicCastExpr>(init->IgnoreParenImpCasts()) && !is_checked_access(init->IgnoreParenImpCasts())) {
      return false;
    }
    // Tests and reads through it (`*p`, `p->m`), nothing that copies it
    // (a capture, an argument, an assignment) or changes it; at least one
    // read, the idiom's point (a pointer only ever tested is kept in the if).
    bool reads = false;
    const bool tested = is_tested_before_use(var, ctx, [&](llvm::ArrayRef<const clang::Stmt*> ancestors) {
      if (is_null_test(ancestors, var, ctx.ast)) return true;
      size_t index = ancestors.size();
      const clang::Stmt* parent = written_parent(ancestors, index);
      const auto* deref = llvm::dyn_cast_or_null<clang::UnaryOperator>(parent);
      const auto* member = llvm::dyn_cast_or_null<clang::MemberExpr>(parent);
      const bool read = (deref != nullptr && deref->getOpcode() == clang::UO_Deref) ||
                        (member != nullptr && member->isArrow());
      reads = reads || read;
      return read;
    });
    return tested && reads;
  }

  /// The if or while statement around the variable being checked, past the
  /// DeclStmt that declares it: the statement whose condition (or, for an
  /// if, init-statement) declares it. nullptr when the variable is declared
  /// anywhere else. The idioms above (is_checked_downcast_condition,
  /// is_copied_library_text) then ask which part declares it.
  static const clang::Stmt* declaring_if_or_while(RuleContext& ctx) {
    for (auto it = ctx.stmt_parents().rbegin(); it != ctx.stmt_parents().rend(); ++it) {
      if (llvm::isa<clang::IfStmt, clang::WhileStmt>(*it)) return *it;
      if (!llvm::isa<clang::DeclStmt>(*it)) return nullptr;
    }
    return nullptr;
  }

  /// How an if condition tests the pointer declared in its init-statement.
  enum class Test {
    none,      // does not mention the pointer
    non_null,  // true only when the pointer is not null: `p`, `p != nullptr`, `p && p->x`
    is_null,   // false only when the pointer is not null: `!p`, `p == nullptr`, `!p || p->x`
    unchecked  // uses the pointer without testing it first (`p->x && p`, `f(p)`)
  };

  static bool names(const clang::Expr* e, const clang::VarDecl& var) {
    const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(e->IgnoreParenImpCasts());
    return ref != nullptr && ref->getDecl() == &var;
  }

  static bool mentions(const clang::Stmt* s, const clang::VarDecl& var) {
    return flow::contains(s, [&](const clang::Stmt& t) {
      const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(&t);
      return ref != nullptr && ref->getDecl() == &var;
    });
  }

  /// `e` compares `var` with a null pointer constant.
  static bool is_null_comparison(const clang::BinaryOperator& cmp, const clang::VarDecl& var, clang::ASTContext& ast) {
    const auto is_null = [&](const clang::Expr* e) {
      return e->IgnoreParenImpCasts()->isNullPointerConstant(ast, clang::Expr::NPC_ValueDependentIsNotNull) !=
             clang::Expr::NPCK_NotNull;
    };
    return (names(cmp.getLHS(), var) && is_null(cmp.getRHS())) || (names(cmp.getRHS(), var) && is_null(cmp.getLHS()));
  }

  /// What the condition `e` says about `var`. `&&` / `||` evaluate their
  /// right side only after the left one: `p && p->x` reads through `p` only
  /// once it is known not to be null.
  static Test pointer_test(const clang::Expr* e, const clang::VarDecl& var, clang::ASTContext& ast, int depth = 0) {
    if (e == nullptr || depth > 32) return Test::unchecked;
    e = e->IgnoreImplicit()->IgnoreParens();
    if (!mentions(e, var)) return Test::none;
    if (names(e, var)) return Test::non_null;  // `if (...; p)`, the implicit conversion to bool
    if (const auto* op = llvm::dyn_cast<clang::UnaryOperator>(e); op != nullptr && op->getOpcode() == clang::UO_LNot) {
      switch (pointer_test(op->getSubExpr(), var, ast, depth + 1)) {
        case Test::non_null: return Test::is_null;
        case Test::is_null: return Test::non_null;
        default: return Test::unchecked;
      }
    }
    const auto* binary = llvm::dyn_cast<clang::BinaryOperator>(e);
    if (binary == nullptr) return Test::unchecked;
    if (binary->getOpcode() == clang::BO_NE && is_null_comparison(*binary, var, ast)) return Test::non_null;
    if (binary->getOpcode() == clang::BO_EQ && is_null_comparison(*binary, var, ast)) return Test::is_null;
    if (!binary->isLogicalOp()) return Test::unchecked;
    const Test lhs = pointer_test(binary->getLHS(), var, ast, depth + 1);
    const Test rhs = pointer_test(binary->getRHS(), var, ast, depth + 1);
    if (binary->getOpcode() == clang::BO_LAnd) {
      // `p && <anything>`: true only when p is not null, and the right side
      // runs only then. `x > 0 && p != nullptr`: the same.
      if (lhs == Test::non_null) return Test::non_null;
      if (lhs == Test::none && rhs == Test::non_null) return Test::non_null;
      return Test::unchecked;
    }
    // `!p || <anything>`, `x == 0 || p == nullptr`.
    if (lhs == Test::is_null) return Test::is_null;
    if (lhs == Test::none && rhs == Test::is_null) return Test::is_null;
    return Test::unchecked;
  }

  /// `if (auto* s = std::get_if<T>(&v); s && !s->empty()) ...`: the C++17
  /// init-statement form of the checked access idiom. The pointer lives only
  /// in the if, as in the condition form, and is accepted when the
  /// condition tests it before anything reads through it, it is used only in
  /// the branch where it is known not to be null, and nothing in the if
  /// points it elsewhere or takes its address.
  static bool is_checked_init_statement(const clang::VarDecl& var, const clang::IfStmt& if_stmt, RuleContext& ctx) {
    const auto* init = llvm::dyn_cast_or_null<clang::DeclStmt>(if_stmt.getInit());
    if (init == nullptr || !llvm::is_contained(init->decls(), &var)) return false;
    if (if_stmt.isConsteval() || if_stmt.getConditionVariable() != nullptr) return false;
    const Test test = pointer_test(if_stmt.getCond(), var, ctx.ast);
    if (test != Test::non_null && test != Test::is_null) return false;
    // The branch where the pointer may be null must not mention it.
    const clang::Stmt* unchecked_branch = test == Test::non_null ? if_stmt.getElse() : if_stmt.getThen();
    if (mentions(unchecked_branch, var)) return false;
    // Later declarations of the init-statement run before the test.
    for (const clang::Decl* d : init->decls()) {
      const auto* other = llvm::dyn_cast<clang::VarDecl>(d);
      if (other != nullptr && other != &var && mentions(other->getInit(), var)) return false;
    }
    // Never repointed, and its address never taken.
    const auto changes = [&](const clang::Stmt& s) {
      if (const auto* binary = llvm::dyn_cast<clang::BinaryOperator>(&s)) {
        return binary->isAssignmentOp() && names(binary->getLHS(), var);
      }
      if (const auto* unary = llvm::dyn_cast<clang::UnaryOperator>(&s)) {
        return (unary->isIncrementDecrementOp() || unary->getOpcode() == clang::UO_AddrOf) &&
               names(unary->getSubExpr(), var);
      }
      return false;
    };
    // Bound to a reference that could repoint it (`auto*& r = p;`, a `T*&`
    // parameter) or given to std::addressof.
    const auto binds_reference = [&](const clang::Stmt& s) {
      // Captured by a lambda, which may outlive the if.
      if (const auto* lambda = llvm::dyn_cast<clang::LambdaExpr>(&s)) {
        return llvm::any_of(lambda->captures(), [&](const clang::LambdaCapture& c) {
          return c.capturesVariable() && c.getCapturedVar() == &var;
        });
      }
      if (const auto* decl_stmt = llvm::dyn_cast<clang::DeclStmt>(&s)) {
        for (const clang::Decl* d : decl_stmt->decls()) {
          const auto* other = llvm::dyn_cast<clang::VarDecl>(d);
          if (other != nullptr && other->getType()->isReferenceType() && other->getInit() != nullptr &&
              names(other->getInit(), var)) {
            return true;
          }
        }
      }
      if (const auto* call = llvm::dyn_cast<clang::CallExpr>(&s)) {
        const clang::FunctionDecl* callee = call->getDirectCallee();
        for (unsigned i = 0; i < call->getNumArgs(); ++i) {
          if (!names(call->getArg(i), var)) continue;
          if (callee == nullptr) return true;
          if (address_of_call(*call) != nullptr) return true;
          if (i < callee->getNumParams()) {
            const clang::QualType param = callee->getParamDecl(i)->getType();
            if (param->isReferenceType() && !param.getNonReferenceType().isConstQualified()) return true;
          }
        }
      }
      return false;
    };
    for (const clang::Stmt* part : {static_cast<const clang::Stmt*>(if_stmt.getCond()), if_stmt.getThen(), if_stmt.getElse()}) {
      if (flow::contains(part, changes) || flow::contains(part, binds_reference)) return false;
    }
    return true;
  }

  /// `std::shared_ptr<Member> m(owner, &owner->member)`,
  /// `std::shared_ptr<int>(sp, &sp->field)`, `{sp, &sp.get()->a.b}`,
  /// `(std::move(sp), &sp->arr[1])`: the aliasing constructor of
  /// std::shared_ptr given the address of a subobject of the object that the
  /// shared_ptr passed as its first argument owns. The result shares that
  /// ownership and keeps the whole object alive: the pointer is owned, not
  /// raw. A subobject is reached through non-static, non-reference data
  /// members, C array and std::array elements only (not through a raw
  /// pointer member, nor into a std::vector's buffer), from `sp->`, `(*sp).`
  /// or `sp.get()->`, where `sp` names the very shared_ptr (a variable or a
  /// member) that is the first argument.
  static bool is_aliased_subobject(const clang::Expr& taken, RuleContext& ctx) {
    const auto* construct = llvm::dyn_cast_or_null<clang::CXXConstructExpr>(ctx.parent_ignoring_implicit());
    if (construct == nullptr || construct->getNumArgs() != 2) return false;
    if (!is_std_class(construct->getConstructor()->getParent(), {"shared_ptr"})) return false;
    if (construct->getArg(1)->IgnoreParenImpCasts() != &taken) return false;
    const clang::Expr* owner = shared_ptr_object(construct->getArg(0));
    if (owner == nullptr) return false;
    const clang::Expr* e = nullptr;
    if (const auto* op = llvm::dyn_cast<clang::UnaryOperator>(&taken)) {
      e = op->getSubExpr();
    } else if (const auto* call = llvm::dyn_cast<clang::CallExpr>(&taken)) {
      e = call->getArg(0);  // std::addressof(sp->member)
    }
    return is_owned_subobject(e, owner);
  }

  /// `e` is a subobject of what the shared_ptr `owner` owns: reached from
  /// `sp->`, `(*sp).` or `sp.get()->` through non-static, non-reference
  /// data members, C array and std::array elements (is_aliased_subobject).
  static bool is_owned_subobject(const clang::Expr* e, const clang::Expr* owner) {
    for (int depth = 0; depth < 16 && e != nullptr; ++depth) {
      e = e->IgnoreParens();
      if (const auto* member = llvm::dyn_cast<clang::MemberExpr>(e)) {
        const auto* field = llvm::dyn_cast<clang::FieldDecl>(member->getMemberDecl());
        if (field == nullptr || field->getType()->isReferenceType()) return false;
        if (!member->isArrow()) {
          e = member->getBase();
          continue;
        }
        // sp->member (operator->) or sp.get()->member.
        const clang::Expr* base = member->getBase()->IgnoreParenImpCasts();
        if (const auto* arrow = llvm::dyn_cast<clang::CXXOperatorCallExpr>(base)) {
          return arrow->getOperator() == clang::OO_Arrow && arrow->getNumArgs() == 1 &&
                 same_object(arrow->getArg(0), owner);
        }
        return is_get_of(base, owner);
      }
      if (const auto* subscript = llvm::dyn_cast<clang::ArraySubscriptExpr>(e)) {
        // An element of a C array member (its index is unsafe-buffer's).
        const clang::Expr* array = subscript->getBase()->IgnoreParenImpCasts();
        if (!array->getType()->isArrayType()) return false;
        e = array;
        continue;
      }
      if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(e)) {
        if (op->getOperator() == clang::OO_Subscript && op->getNumArgs() == 2 &&
            is_std_class(op->getArg(0)->getType().getNonReferenceType()->getAsCXXRecordDecl(), {"array"})) {
          e = op->getArg(0);  // an element of a std::array member
          continue;
        }
        // (*sp).member, &*sp
        return op->getOperator() == clang::OO_Star && op->getNumArgs() == 1 && same_object(op->getArg(0), owner);
      }
      if (const auto* deref = llvm::dyn_cast<clang::UnaryOperator>(e)) {
        // (*sp.get()).member
        return deref->getOpcode() == clang::UO_Deref && is_get_of(deref->getSubExpr()->IgnoreParenImpCasts(), owner);
      }
      return false;
    }
    return false;
  }

  /// `std::shared_ptr<int>(sp, sp->v.data())`, `std::shared_ptr<int>(
  /// std::shared_ptr<int>{}, local.data())`, `std::shared_ptr<const char>(
  /// std::make_shared<int>(1), s.c_str())`: the aliasing constructor given
  /// a pointer that is no subobject of what its first argument owns. A
  /// container's buffer moves when the container grows or is assigned
  /// while the owner lives (as `&sp->v[0]`, rejected as an address), and
  /// the memory of an object the owner does not own is not kept at all.
  /// Accepted: the owned object itself (`sp.get()`, also cast:
  /// `static_cast<Base*>(sp.get())`), `data()` of a std::array subobject
  /// (its first element), a null pointer; an address (`&x`) is judged
  /// where it is taken (is_aliased_subobject) and a pointer variable where
  /// it is declared.
  static void check_aliased_pointer(const clang::Stmt& stmt, RuleContext& ctx) {
    const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(&stmt);
    if (construct == nullptr || construct->getNumArgs() != 2) return;
    const clang::CXXConstructorDecl* ctor = construct->getConstructor();
    if (!is_std_class(ctor->getParent(), {"shared_ptr"}) || ctor->getNumParams() != 2) return;
    const clang::QualType owner_type = ctor->getParamDecl(0)->getType().getNonReferenceType();
    if (!is_std_class(owner_type->getAsCXXRecordDecl(), {"shared_ptr"}) ||
        !ctor->getParamDecl(1)->getType()->isPointerType()) {
      return;
    }
    const clang::Expr* pointer = construct->getArg(1)->IgnoreParenImpCasts();
    if (ctx.service_code.in_foreign_macro(*pointer)) return;
    if (pointer->isNullPointerConstant(ctx.ast, clang::Expr::NPC_ValueDependentIsNotNull) != clang::Expr::NPCK_NotNull) {
      return;
    }
    if (llvm::isa<clang::DeclRefExpr, clang::CXXThisExpr, clang::StringLiteral>(pointer) ||
        address_of_call(*pointer) != nullptr) {
      return;
    }
    if (const auto* op = llvm::dyn_cast<clang::UnaryOperator>(pointer); op != nullptr && op->getOpcode() == clang::UO_AddrOf) {
      return;
    }
    if (const clang::Expr* owner = shared_ptr_object(construct->getArg(0))) {
      // sp.get(), static_cast<Base*>(sp.get()): the owned object itself.
      const clang::Expr* object = pointer;
      while (const auto* cast = llvm::dyn_cast<clang::CastExpr>(object)) object = cast->getSubExpr()->IgnoreParens();
      if (is_get_of(object, owner)) return;
      // sp->arr.data(): the first element of a std::array subobject.
      const auto* call = llvm::dyn_cast<clang::CXXMemberCallExpr>(object);
      const clang::CXXMethodDecl* method = call != nullptr ? call->getMethodDecl() : nullptr;
      if (method != nullptr && method->getIdentifier() != nullptr && method->getName() == "data" &&
          is_std_class(method->getParent(), {"array"}) && is_owned_subobject(call->getImplicitObjectArgument(), owner)) {
        return;
      }
    }
    ctx.report.error(pointer->getExprLoc(), kName,
                     "the aliasing constructor of std::shared_ptr is given a pointer that is no subobject of what its "
                     "first argument owns, so sharing that ownership does not keep it valid (a container's buffer "
                     "moves when it grows or is assigned); alias a member of the owned object, "
                     "std::shared_ptr<M>(sp, &sp->member), or keep the owner and an index")
        << pointer->getSourceRange();
    ctx.report.note(construct->getArg(0)->getExprLoc(), "the shared ownership is that of this std::shared_ptr");
  }

  /// The std::shared_ptr a constructor argument names: a variable or a
  /// member (of `this` or of a variable, at any depth), seen through
  /// std::move / std::forward, copies and conversions. nullptr otherwise.
  static const clang::Expr* shared_ptr_object(const clang::Expr* e) {
    for (int depth = 0; depth < 8 && e != nullptr; ++depth) {
      e = e->IgnoreImplicit()->IgnoreParens();
      if (const auto* call = llvm::dyn_cast<clang::CallExpr>(e)) {
        const clang::FunctionDecl* fn = call->getDirectCallee();
        if (fn == nullptr || fn->getIdentifier() == nullptr || !fn->isInStdNamespace() || call->getNumArgs() != 1 ||
            (fn->getName() != "move" && fn->getName() != "forward")) {
          return nullptr;
        }
        e = call->getArg(0);
        continue;
      }
      if (const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(e); construct && construct->getNumArgs() == 1) {
        e = construct->getArg(0);
        continue;
      }
      break;
    }
    if (e == nullptr) return nullptr;
    e = e->IgnoreParenImpCasts();
    if (!is_std_class(e->getType().getNonReferenceType()->getAsCXXRecordDecl(), {"shared_ptr"})) return nullptr;
    return names_object(e) ? e : nullptr;
  }

  /// A variable, or a data member of `this` or of a named object.
  static bool names_object(const clang::Expr* e, int depth = 0) {
    if (depth > 8) return false;
    e = e->IgnoreParenImpCasts();
    if (const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(e)) return llvm::isa<clang::VarDecl>(ref->getDecl());
    if (const auto* member = llvm::dyn_cast<clang::MemberExpr>(e)) {
      if (!llvm::isa<clang::FieldDecl>(member->getMemberDecl())) return false;
      const clang::Expr* base = member->getBase()->IgnoreParenImpCasts();
      return llvm::isa<clang::CXXThisExpr>(base) || (!member->isArrow() && names_object(base, depth + 1));
    }
    return false;
  }



  /// `sp.get()` of the shared_ptr `owner`.
  static bool is_get_of(const clang::Expr* e, const clang::Expr* owner) {
    const auto* call = llvm::dyn_cast<clang::CXXMemberCallExpr>(e);
    const clang::CXXMethodDecl* method = call != nullptr ? call->getMethodDecl() : nullptr;
    if (method == nullptr || method->getIdentifier() == nullptr || method->getName() != "get") return false;
    return same_object(call->getImplicitObjectArgument(), owner);
  }

  /// A checked access that answers with a pointer, null when the object
  /// does not hold a T: std::get_if<T>(&variant), and std::any_cast<T>(&any)
  /// (the pointer overload; any_cast<T>(a) on a reference throws instead).
  /// In a template pattern (a function template, a generic lambda) the
  /// call is not resolved yet when its template argument or its argument is
  /// dependent (`std::get_if<T>(&v)`, `std::get_if<int>(&x)` with `const
  /// auto& x`): recognised by the functions its name found, all of them in
  /// namespace std, as the call of the ordinary function is.
  static bool is_checked_access(const clang::Stmt* s) {
    const auto* call = llvm::dyn_cast_or_null<clang::CallExpr>(s);
    if (call == nullptr || llvm::isa<clang::CXXMemberCallExpr, clang::CXXOperatorCallExpr>(call)) return false;
    const llvm::StringRef name = std_function_name(*call);
    if (name == "get_if") return true;
    if (name != "any_cast" || call->getNumArgs() != 1) return false;
    // The pointer overload: `&a` (whose type a dependent operand leaves
    // unknown), std::addressof(a), or any pointer.
    const clang::Expr* arg = call->getArg(0)->IgnoreParenImpCasts();
    if (const auto* op = llvm::dyn_cast<clang::UnaryOperator>(arg); op != nullptr && op->getOpcode() == clang::UO_AddrOf) {
      return true;
    }
    return address_of_call(*arg) != nullptr || arg->getType()->isPointerType();
  }

  /// The name of the function of namespace std that `call` calls: its
  /// direct callee, or in a template pattern the name of an unresolved call
  /// whose every candidate is in namespace std. Empty otherwise.
  static llvm::StringRef std_function_name(const clang::CallExpr& call) {
    if (const clang::FunctionDecl* callee = call.getDirectCallee()) {
      if (callee->getIdentifier() == nullptr || !callee->isInStdNamespace()) return {};
      return callee->getName();
    }
    const auto* lookup = llvm::dyn_cast<clang::UnresolvedLookupExpr>(call.getCallee()->IgnoreParenImpCasts());
    if (lookup == nullptr || !lookup->getName().isIdentifier() || lookup->getNumDecls() == 0) return {};
    for (const clang::NamedDecl* found : lookup->decls()) {
      if (!found->getUnderlyingDecl()->isInStdNamespace()) return {};
    }
    return lookup->getName().getAsIdentifierInfo()->getName();
  }

  /// What a pointer that may be null comes from (maybe_null_result).
  enum class NullSource {
    none,
    variant,   // std::get_if<T>(&v): null when v holds another alternative
    any,       // std::any_cast<T>(&a): null when a holds another type
    downcast,  // dynamic_cast<D*>(p): null when *p is no D
    target,    // std::function::target<T>(): null when it holds another callable
    env,       // std::getenv(name): null when the variable is not set
    text,      // ttyname(fd), getlogin(), ...: C library text, null on failure
    search     // std::strchr(s, c) and the other C searches: null when not found
  };

  struct MaybeNull {
    NullSource source = NullSource::none;
    std::string function;                // as the message names it: 'std::get_if'
    const clang::Expr* object = nullptr; // what it inspects, when that is a named object
  };

  /// `v` of `&v`, `std::addressof(v)`, `v.c_str()`, `v.data()`, `p.get()`:
  /// the named object (a variable or a member) an argument stands for, or
  /// nullptr.
  static const clang::Expr* inspected_object(const clang::Expr* e) {
    for (int depth = 0; e != nullptr && depth < 4; ++depth) {
      e = e->IgnoreParenImpCasts();
      if (const auto* op = llvm::dyn_cast<clang::UnaryOperator>(e); op != nullptr && op->getOpcode() == clang::UO_AddrOf) {
        e = op->getSubExpr();
        continue;
      }
      if (const clang::CallExpr* call = address_of_call(*e)) {
        e = call->getArg(0);
        continue;
      }
      if (const auto* call = llvm::dyn_cast<clang::CXXMemberCallExpr>(e); call != nullptr && call->getNumArgs() == 0) {
        const clang::CXXMethodDecl* method = call->getMethodDecl();
        if (method == nullptr || method->getIdentifier() == nullptr ||
            !llvm::is_contained({"c_str", "data", "get"}, method->getName())) {
          return nullptr;
        }
        e = call->getImplicitObjectArgument();
        continue;
      }
      break;
    }
    if (e == nullptr) return nullptr;
    return llvm::isa<clang::DeclRefExpr, clang::MemberExpr>(e) ? e : nullptr;
  }

  /// When a C library function handing out text it owns (a static buffer)
  /// returns null, as its manual page says; empty for other functions.
  /// (strerror, strsignal and nl_langinfo never return null in glibc, and
  /// ctermid(nullptr) returns "" on failure.)
  static llvm::StringRef library_text_failure(llvm::StringRef name) {
    (void)name.consume_front("std::");
    return llvm::StringSwitch<llvm::StringRef>(name)
        .Case("ttyname", "when the descriptor is not a terminal")
        .Case("getlogin", "when no login name is recorded for the controlling terminal")
        .Case("ptsname", "when the descriptor is not a pseudo-terminal master")
        .Case("getpass", "when the terminal cannot be read")
        .Case("dlerror", "when no error occurred since the last call")
        .Case("getusershell", "at the end of the list of shells")
        .Default({});
  }

  /// `s` yields a pointer that is null when what it looks for is not there:
  /// the checked accesses (std::get_if, the pointer std::any_cast,
  /// dynamic_cast to a pointer, std::function::target) and the C library's
  /// std::getenv and searches (std::strchr, std::strstr, ...).
  static MaybeNull maybe_null_result(const clang::Stmt& s, RuleContext& ctx) {
    if (const auto* cast = llvm::dyn_cast<clang::CXXDynamicCastExpr>(&s)) {
      if (!cast->getTypeAsWritten()->isPointerType()) return {};
      return {NullSource::downcast, "dynamic_cast", inspected_object(cast->getSubExpr())};
    }
    const auto* call = llvm::dyn_cast<clang::CallExpr>(&s);
    if (call == nullptr) return {};
    if (const auto* member = llvm::dyn_cast<clang::CXXMemberCallExpr>(call)) {
      const clang::CXXMethodDecl* method = member->getMethodDecl();
      if (method == nullptr || method->getIdentifier() == nullptr || method->getName() != "target" ||
          !is_std_class(method->getParent(), {"function"})) {
        return {};
      }
      return {NullSource::target, "std::function::target", inspected_object(member->getImplicitObjectArgument())};
    }
    if (llvm::isa<clang::CXXOperatorCallExpr>(call)) return {};
    if (is_checked_access(call)) {
      const bool variant = std_function_name(*call) == "get_if";
      return {variant ? NullSource::variant : NullSource::any, variant ? "std::get_if" : "std::any_cast",
              call->getNumArgs() == 1 ? inspected_object(call->getArg(0)) : nullptr};
    }
    const clang::FunctionDecl* callee = call->getDirectCallee();
    if (callee == nullptr || !is_c_library_function(*callee)) return {};
    static const llvm::StringRef kEnvironment[] = {"getenv", "secure_getenv"};
    static const llvm::StringRef kSearches[] = {"strchr", "strrchr", "strstr",  "strpbrk", "strcasestr", "memchr",
                                                "memrchr", "rawmemchr", "wcschr", "wcsrchr", "wcsstr", "wcspbrk",
                                                "wmemchr"};
    const llvm::StringRef name = callee->getName();
    const std::string spelled = (is_standard_function(*callee, ctx) ? "std::" : "") + name.str();
    if (llvm::is_contained(kEnvironment, name)) return {NullSource::env, spelled, nullptr};
    if (!library_text_failure(name).empty()) return {NullSource::text, spelled, nullptr};
    // What is searched may hold the character or not whatever else a
    // condition says of it: only a test of the same call counts.
    if (llvm::is_contained(kSearches, name)) return {NullSource::search, spelled, nullptr};
    return {};
  }

  /// `(void)std::fopen(path, "r");`, `std::fopen(path, "w");`,
  /// `opendir(".");`: the only handle to a C stream or directory that the
  /// call opened is thrown away, so nothing ever closes it (the FILE, its
  /// buffer and its descriptor leak). The variable form is a raw pointer
  /// variable and reported as such; this is the form with no variable.
  static void check_discarded_handle(const clang::Stmt& stmt, RuleContext& ctx) {
    const auto* call = llvm::dyn_cast<clang::CallExpr>(&stmt);
    if (call == nullptr || llvm::isa<clang::CXXMemberCallExpr, clang::CXXOperatorCallExpr>(call)) return;
    const clang::FunctionDecl* callee = call->getDirectCallee();
    if (callee == nullptr || !is_c_library_function(*callee)) return;
    static const llvm::StringRef kStreams[] = {"fopen",   "fopen64",   "fdopen",         "tmpfile",
                                               "tmpfile64", "fmemopen", "open_memstream", "open_wmemstream",
                                               "popen"};
    static const llvm::StringRef kDirectories[] = {"opendir", "fdopendir"};
    const llvm::StringRef name = callee->getName();
    const bool stream = llvm::is_contained(kStreams, name);
    if (!stream && !llvm::is_contained(kDirectories, name)) return;
    if (ctx.service_code.in_foreign_macro(*call)) return;
    // Discarded: a statement of its own, the operand of a cast to void, or
    // the left of a comma.
    llvm::ArrayRef<const clang::Stmt*> parents = ctx.stmt_parents();
    const clang::Stmt* child = &stmt;
    bool discarded = false;
    for (size_t i = parents.size(); i-- > 0; child = parents[i]) {
      const clang::Stmt* p = parents[i];
      if (llvm::isa<clang::ParenExpr, clang::ImplicitCastExpr, clang::FullExpr>(p)) continue;
      if (const auto* cast = llvm::dyn_cast<clang::CastExpr>(p)) {
        discarded = cast->getCastKind() == clang::CK_ToVoid;
      } else if (const auto* comma = llvm::dyn_cast<clang::BinaryOperator>(p)) {
        discarded = comma->getOpcode() == clang::BO_Comma && comma->getLHS() == child;
      } else if (const auto* if_stmt = llvm::dyn_cast<clang::IfStmt>(p)) {
        discarded = if_stmt->getThen() == child || if_stmt->getElse() == child;
      } else if (const auto* loop = llvm::dyn_cast<clang::ForStmt>(p)) {
        discarded = loop->getBody() == child || loop->getInc() == child || loop->getInit() == child;
      } else if (const auto* loop = llvm::dyn_cast<clang::WhileStmt>(p)) {
        discarded = loop->getBody() == child;
      } else if (const auto* loop = llvm::dyn_cast<clang::DoStmt>(p)) {
        discarded = loop->getBody() == child;
      } else {
        discarded = llvm::isa<clang::CompoundStmt, clang::SwitchCase, clang::LabelStmt, clang::AttributedStmt>(p);
      }
      break;
    }
    if (!discarded) return;
    const std::string what = stream ? "C stream (FILE)" : "directory stream (DIR)";
    const std::string closer = name == "popen" ? "pclose" : stream ? "fclose" : "closedir";
    const std::string remedy =
        stream ? (name == "popen" ? "run the command through a class of the service that keeps the stream and "
                                    "pclose()s it in its destructor"
                                  : "use std::ifstream / std::ofstream / std::fstream (or std::ostringstream for "
                                    "memory), which close in their destructor")
               : "list the directory with std::filesystem::directory_iterator";
    ctx.report.error(call->getBeginLoc(), kName,
                     "the " + what + " that '" + name.str() + "' opens is discarded, so nothing ever " + closer +
                         "()s it (its buffer and descriptor leak); " + remedy)
        << call->getSourceRange();
  }

  /// `*std::get_if<int>(&v)`, `dynamic_cast<D*>(&b)->m`, `f.target<F>()->x`,
  /// `std::strlen(std::getenv("X"))`, `std::string_view sv =
  /// std::getenv("X")`, `*std::strchr(s, ':')`: a result that may be null
  /// (maybe_null_result) read through, or for text handed to the library
  /// (which reads it, or builds a std::string from it), in the expression
  /// that makes it, with no test of it before (is_tested_before). Tests
  /// themselves (`std::get_if<T>(&v) != nullptr`, `!std::get_if<T>(&v)`, a
  /// condition) read nothing, and the if-condition variable is judged as
  /// a variable.
  static void check_unchecked_null_result(const clang::Stmt& stmt, RuleContext& ctx) {
    if (!llvm::isa<clang::CallExpr, clang::CXXDynamicCastExpr>(stmt)) return;
    const MaybeNull result = maybe_null_result(stmt, ctx);
    if (result.source == NullSource::none) return;
    const auto& source = llvm::cast<clang::Expr>(stmt);
    if (ctx.service_code.in_foreign_macro(source)) return;
    // The nearest enclosing node that is not a carrier of the same value.
    llvm::ArrayRef<const clang::Stmt*> parents = ctx.stmt_parents();
    const clang::Stmt* child = &stmt;
    const clang::Stmt* user = nullptr;
    for (size_t i = parents.size(); i-- > 0; child = parents[i]) {
      const clang::Stmt* p = parents[i];
      if (const auto* cast = llvm::dyn_cast<clang::ImplicitCastExpr>(p)) {
        if (cast->getCastKind() == clang::CK_NoOp || cast->getCastKind() == clang::CK_LValueToRValue) continue;
        break;
      }
      if (llvm::isa<clang::ParenExpr, clang::FullExpr, clang::MaterializeTemporaryExpr, clang::CXXBindTemporaryExpr>(p)) {
        continue;
      }
      user = p;
      break;
    }
    if (user == nullptr) return;
    const bool text = result.source == NullSource::env || result.source == NullSource::text ||
                      result.source == NullSource::search;
    clang::SourceLocation where;
    std::string use;
    if (const auto* op = llvm::dyn_cast<clang::UnaryOperator>(user); op != nullptr && op->getOpcode() == clang::UO_Deref) {
      where = op->getOperatorLoc();
    } else if (const auto* member = llvm::dyn_cast<clang::MemberExpr>(user); member != nullptr && member->isArrow() &&
                                                                                member->getBase() == child) {
      where = member->getOperatorLoc();
    } else if (const auto* member = llvm::dyn_cast<clang::CXXDependentScopeMemberExpr>(user);
               member != nullptr && member->isArrow() && !member->isImplicitAccess() && member->getBase() == child) {
      where = member->getOperatorLoc();
    } else if (const auto* subscript = llvm::dyn_cast<clang::ArraySubscriptExpr>(user);
               subscript != nullptr && subscript->getBase() == child) {
      where = subscript->getRBracketLoc();
    } else if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(user);
               op != nullptr && op->getNumArgs() >= 1 && op->getArg(0) == child &&
               ((op->getOperator() == clang::OO_Star && op->getNumArgs() == 1) ||
                op->getOperator() == clang::OO_Arrow || op->getOperator() == clang::OO_Subscript) &&
               op->isTypeDependent()) {
      where = op->getOperatorLoc();  // in a template pattern: *std::get_if<T>(&v)
    } else if (text) {
      // Handed to the library, which reads the text: std::strlen(p),
      // std::string(p), std::string_view sv = p, s += p, std::cout << p.
      const clang::FunctionDecl* callee = nullptr;
      if (const auto* call = llvm::dyn_cast<clang::CallExpr>(user); call != nullptr && call->getCallee() != child) {
        callee = call->getDirectCallee();
        if (callee != nullptr) use = "passes it to '" + callee->getNameAsString() + "'";
      } else if (const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(user)) {
        callee = construct->getConstructor();
        use = "makes a '" + type_name(construct->getType().getUnqualifiedType(), ctx) + "' of it";
      }
      if (callee == nullptr || !ctx.sources().isInSystemHeader(callee->getLocation())) return;
      where = child->getBeginLoc();
    } else {
      return;
    }
    if (is_tested_before(source, result.object, ctx)) return;
    if (use.empty()) use = "reads through it";
    std::string problem;
    std::string remedy;
    switch (result.source) {
      case NullSource::variant:
        problem = "'std::get_if' returns null when the variant holds another alternative";
        remedy = "test it in an if, if (auto* p = std::get_if<T>(&v)) ..., or use std::get<T>(v), which throws instead";
        break;
      case NullSource::any:
        problem = "'std::any_cast' of a pointer returns null when the std::any holds another type";
        remedy = "test it in an if, if (auto* p = std::any_cast<T>(&a)) ..., or use std::any_cast<T>(a) on the object, "
                 "which throws instead";
        break;
      case NullSource::downcast:
        problem = "'dynamic_cast' to a pointer returns null when the object is of another type";
        remedy = "test it in an if, if (auto* d = dynamic_cast<D*>(&b)) ..., or cast to a reference, "
                 "dynamic_cast<D&>(b), which throws instead";
        break;
      case NullSource::target:
        problem = "'std::function::target' returns null when the function holds another callable";
        remedy = "test it in an if, if (auto* t = f.target<T>()) ...";
        break;
      case NullSource::env:
        problem = "'" + result.function + "' returns null when the variable is not set";
        remedy = "test it and copy it in one if: if (const char* v = " + result.function +
                 "(...)) return std::string(v); (a helper returning std::optional<std::string> does it once for the "
                 "service)";
        break;
      case NullSource::text:
        problem = "'" + result.function + "' returns null " + library_text_failure(result.function).str();
        remedy = "test it and copy it in one if: if (const char* v = " + result.function +
                 "(...)) return std::string(v);";
        break;
      case NullSource::search:
        problem = "'" + result.function + "' returns null when it finds nothing";
        remedy = "search a std::string or std::string_view instead, whose find() returns npos when nothing is found";
        break;
      case NullSource::none:
        return;
    }
    ctx.report.error(where, kName, problem + ", and this " + use + " without testing it; " + remedy)
        << source.getSourceRange();
    ctx.report.note(source.getExprLoc(), "the pointer that may be null comes from here");
  }

  /// Before `source` runs, a condition that guards it tests the same call
  /// (`std::getenv("X") ? std::string(std::getenv("X")) : ""`, `if
  /// (std::get_if<int>(&v)) return *std::get_if<int>(&v);`) or looks at the
  /// object it inspects (`if (std::holds_alternative<int>(v))`, `if
  /// (a.type() == typeid(int))`): the right side of `&&` / `||`, a branch of
  /// `?:`, of an if or the body of a loop, or a statement after an if (an
  /// early return) or an assert in the same block. Not across a lambda.
  static bool is_tested_before(const clang::Expr& source, const clang::Expr* object, RuleContext& ctx) {
    llvm::FoldingSetNodeID id;
    source.Profile(id, ctx.ast, /*Canonical=*/true);
    const auto tests = [&](const clang::Stmt* condition) {
      return flow::contains(condition, [&](const clang::Stmt& s) {
        if (&s == &source) return false;
        if (s.getStmtClass() == source.getStmtClass()) {
          llvm::FoldingSetNodeID other;
          s.Profile(other, ctx.ast, /*Canonical=*/true);
          if (other == id) return true;
        }
        const auto* e = llvm::dyn_cast<clang::Expr>(&s);
        return object != nullptr && e != nullptr && llvm::isa<clang::DeclRefExpr, clang::MemberExpr>(e) &&
               same_object(e, object);
      });
    };
    const auto tests_if = [&](const clang::IfStmt& if_stmt) {
      return tests(if_stmt.getCond()) || tests(if_stmt.getConditionVariableDeclStmt()) || tests(if_stmt.getInit());
    };
    llvm::ArrayRef<const clang::Stmt*> parents = ctx.stmt_parents();
    const clang::Stmt* child = &source;
    for (size_t i = parents.size(); i-- > 0; child = parents[i]) {
      const clang::Stmt* p = parents[i];
      if (llvm::isa<clang::LambdaExpr>(p)) return false;
      if (const auto* binary = llvm::dyn_cast<clang::BinaryOperator>(p)) {
        if (binary->isLogicalOp() && binary->getRHS() == child && tests(binary->getLHS())) return true;
      } else if (const auto* cond = llvm::dyn_cast<clang::ConditionalOperator>(p)) {
        if (cond->getCond() != child && tests(cond->getCond())) return true;
      } else if (const auto* if_stmt = llvm::dyn_cast<clang::IfStmt>(p)) {
        if ((if_stmt->getThen() == child || if_stmt->getElse() == child) && tests_if(*if_stmt)) return true;
      } else if (const auto* loop = llvm::dyn_cast<clang::WhileStmt>(p)) {
        if (loop->getBody() == child && tests(loop->getCond())) return true;
      } else if (const auto* loop = llvm::dyn_cast<clang::ForStmt>(p)) {
        if ((loop->getBody() == child || loop->getInc() == child) && tests(loop->getCond())) return true;
      } else if (const auto* block = llvm::dyn_cast<clang::CompoundStmt>(p)) {
        // An earlier statement of the block testing it: `if (!p) return;`,
        // assert(p) (`static_cast<bool>(p) ? void(0) : __assert_fail(...)`),
        // a test framework's ASSERT_NE(p, nullptr) (an if in a switch).
        const auto tests_earlier = [&](const clang::Stmt& s) {
          const auto* earlier = llvm::dyn_cast<clang::IfStmt>(&s);
          return earlier != nullptr && tests_if(*earlier);
        };
        for (const clang::Stmt* before : block->body()) {
          if (before == child) break;
          if (flow::contains(before, tests_earlier)) return true;
          const auto* e = llvm::dyn_cast<clang::Expr>(before);
          const auto* check = e != nullptr ? llvm::dyn_cast<clang::ConditionalOperator>(e->IgnoreImplicit()->IgnoreParens())
                                           : nullptr;
          if (check != nullptr && tests(check->getCond())) return true;
        }
      }
    }
    return false;
  }

  /// `&other == this`, `this != &rhs`: comparing identities keeps no pointer.
  static bool is_identity_comparison(RuleContext& ctx) {
    const clang::Stmt* parent = ctx.parent_ignoring_implicit();
    const auto* cmp = llvm::dyn_cast_or_null<clang::BinaryOperator>(parent);
    return cmp != nullptr && cmp->isEqualityOp();
  }
};

}  // namespace

std::unique_ptr<Rule> make_RawPointer() { return std::make_unique<RawPointer>(); }

}  // namespace meshwa::rules
