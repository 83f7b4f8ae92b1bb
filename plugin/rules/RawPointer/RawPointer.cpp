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
// A pointer in a C prototype (extern "C", not defined here: a C library's
// header) gets the remedy that fits a signature the user cannot change: a
// C++ redeclaration marked MESHWA_UNSAFE (is_c_prototype).
// Interface method signatures are meshwa-boundary-type's: a pointer there is
// reported once, by that rule, with the boundary's remedy.
#include "RawPointer.h"

#include <cctype>

#include "Annotations.h"
#include "TypeUtil.h"
#include "clang/Basic/Builtins.h"

namespace meshwa::rules {

namespace raw_pointer {

namespace {

/// Does `spelling` contain an identifier reserved to the implementation
/// (one that starts with `__`, or with `_` and a capital letter)?
bool names_reserved_identifier(llvm::StringRef spelling) {
  for (size_t i = 0; i + 1 < spelling.size(); ++i) {
    if (spelling[i] != '_') continue;
    const bool starts_identifier = i == 0 || !(std::isalnum(static_cast<unsigned char>(spelling[i - 1])) ||
                                               spelling[i - 1] == '_');
    const char next = spelling[i + 1];
    if (starts_identifier && (next == '_' || std::isupper(static_cast<unsigned char>(next)))) return true;
  }
  return false;
}

}  // namespace

/// The type as the code spells it, unless that spelling goes through names
/// reserved to the standard library's implementation: sugar that `auto`
/// or a deduced result type picked up inside the library (`typename
/// __strip_reference_wrapper<const char *>::__type` from std::make_tuple).
/// The code never wrote those names, so the type they stand for is shown
/// instead (`std::tuple<double, char, const char *>`).
std::string type_name(clang::QualType type, RuleContext& ctx) {
  const clang::PrintingPolicy& policy = ctx.ast.getPrintingPolicy();
  const std::string spelled = type.getAsString(policy);
  if (!names_reserved_identifier(spelled)) return spelled;
  return type.getCanonicalType().getAsString(policy);
}

namespace {

/// `size_t rle_encode(const unsigned char* in, ...);` in an `extern "C"`
/// block, with no body in this translation unit: most likely the header of
/// a C library, whose signatures the service cannot change, so the usual
/// remedy (take a reference) does not apply. Only in C++: in a C file
/// every function has C linkage, and the Reporter's note says what C can do.
bool is_c_prototype(const clang::FunctionDecl& fn, const clang::ASTContext& ast) {
  return ast.getLangOpts().CPlusPlus && fn.isExternC() && !fn.isDefined();
}

/// What to do about a pointer in a C prototype, which `hazard` says: the
/// calls pass unchecked buffers, so only unsafe code may make them; a
/// MESHWA_UNSAFE declaration says so (a caller becomes unsafe), which a C
/// header cannot carry.
std::string c_prototype_remedy(llvm::StringRef hazard) {
  return "in a C function's prototype (a C library's header?) it " + hazard.str() +
         ": keep the C header out of service code and redeclare, in a C++ header of your own, the functions your "
         "MESHWA_UNSAFE code calls, each marked unsafe (extern \"C\" MESHWA_UNSAFE(\"legacy C library\") size_t "
         "f(...);), so that only unsafe code can call them";
}

}  // namespace

void RawPointer::check_decl(const clang::Decl& decl, RuleContext& ctx) {
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
                is_c_prototype(*fn, ctx.ast) ? c_prototype_remedy("lets every caller pass any buffer")
                                    : "take a reference (const T& to read, T& to modify) to borrow, or "
                                      "std::unique_ptr / meshwa::Owned to take ownership",
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
                is_c_prototype(*fn, ctx.ast) ? c_prototype_remedy("hands every caller an address that nothing keeps valid")
                                    : "return a value, a reference to something that outlives the call, "
                                      "std::optional, or std::unique_ptr for ownership",
                ctx, fn->getReturnTypeSourceRange().getBegin());
  }
}

void RawPointer::check_stmt(const clang::Stmt& stmt, RuleContext& ctx) {
  if (ctx.runs_only_at_compile_time(&stmt)) return;
  check_binding_dereference(stmt, ctx);
  check_chars_result_read_as_c_string(stmt, ctx);
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
  // std::atomic_fetch_add(&counter, 1): the standard non-member atomic
  // operations are the members of the same name, called on *obj.
  if (is_standard_atomic_operand(passed, ctx)) return;
  // out << std::put_time(&tm, "%F"), in >> std::get_time(&tm, "%F"): the
  // manipulator keeps the pointer only until the stream operator of the
  // same expression uses it.
  if (is_streamed_time_manipulator(passed, ctx)) return;
  // SaveArg<0>(&captured), Mock::VerifyAndClearExpectations(&mock): the
  // test framework's pointer parameters, as safe as the [&captured]
  // lambda action accepted in their place.
  if (is_test_framework_parameter(passed, ctx)) return;
  // std::ostream os(&sb), std::istream(&sb) >> x: a standard stream keeps
  // the stream buffer's address and nothing else, and dies before it.
  if (is_stream_over_outliving_buffer(taken, passed, ctx)) return;
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

}  // namespace raw_pointer

std::unique_ptr<Rule> make_RawPointer() { return std::make_unique<raw_pointer::RawPointer>(); }

}  // namespace meshwa::rules
