// Variables, parameters, members and function results of raw pointer type:
// the message that names the pointer inside the type (report_type), and the
// declarations accepted or left to another rule: constant pointers and
// tables of literal text, loops over them, main's argv, a signature that is
// a library's (an override, GoogleTest's PrintTo) or the boundary's.
#include "RawPointer.h"

#include "Annotations.h"
#include "Flow.h"
#include "TypeUtil.h"
#include "clang/AST/StmtCXX.h"
#include "llvm/Support/Path.h"

namespace meshwa::rules::raw_pointer {

namespace {

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

/// `const auto kExts = {".jpg", ".png"};`: a std::initializer_list variable
/// made from braces in its own declaration. The array behind those braces
/// lives as long as the variable (the language extends its lifetime to the
/// initializer_list's, as for a reference bound to a temporary), its
/// elements are const, and a const variable cannot be pointed at another
/// list. (A list nested in another object's initialiser, `std::pair<int,
/// std::initializer_list<const char*>>{1, {"a"}}`, gets no such extension:
/// its array dies with the full-expression, so only the variable's own
/// initialiser counts.)
const clang::CXXStdInitializerListExpr* braced_initializer_list(const clang::VarDecl& var) {
  if (!is_std_class(var.getType()->getAsCXXRecordDecl(), {"initializer_list"})) return nullptr;
  if (var.getInit() == nullptr) return nullptr;
  return llvm::dyn_cast<clang::CXXStdInitializerListExpr>(var.getInit()->IgnoreImplicit()->IgnoreParens());
}

}  // namespace

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

/// `constexpr const char* kNames[] = {"a", "b"}`,
/// `const std::array<const char*, 2> kNames = {"a", "b"}`,
/// `constexpr std::pair<int, const char*> kCodes[] = {{200, "OK"}}`,
/// `constexpr std::array<std::pair<Level, const char*>, 3> kTable{...}`,
/// `const auto kExts = {".jpg", ".png"};` (a std::initializer_list):
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
  if (const clang::CXXStdInitializerListExpr* list = braced_initializer_list(var)) {
    return only_string_literals(list->getSubExpr());
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
/// `for (const auto& w : {"a", "b"})` binds a `const char* const&` to the
/// element itself instead: a const pointer into a literal, which the loop
/// cannot point elsewhere at all.
bool is_literal_loop_variable(const clang::VarDecl& var, RuleContext& ctx) {
  clang::QualType type = var.getType();
  if (type->isReferenceType()) {
    type = type->getPointeeType();
    if (!type.isConstQualified()) return false;
  }
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

/// The declaration whose signature is reported: the first one (a method
/// declared in its class and defined outside is reported once), and not
/// an override (its signature is the base class's, reported there or, for
/// a library base class, not the service's to change).
bool RawPointer::is_signature_owner(const clang::FunctionDecl& fn) {
  if (!fn.isFirstDecl()) return false;
  if (const auto* method = llvm::dyn_cast<clang::CXXMethodDecl>(&fn)) {
    if (method->size_overridden_methods() > 0) return false;
  }
  return true;
}

/// `void PrintTo(const Item& i, std::ostream* os)`: GoogleTest's printer
/// customisation point, found by name; its signature is the framework's,
/// like an override of a library base, and `os` is valid for the call.
bool RawPointer::is_gtest_print_to(const clang::FunctionDecl& fn) {
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
bool RawPointer::reported_as_boundary(const clang::FunctionDecl& fn, clang::QualType type, Position position,
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
void RawPointer::note_source(const clang::VarDecl& var, RuleContext& ctx) {
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

/// How a message names a function: 'name', or for a lambda's call
/// operator (whose name, 'operator()', the user never wrote) "the lambda
/// at file.cpp:4:16".
std::string RawPointer::function_name(const clang::FunctionDecl& fn, RuleContext& ctx) {
  const auto* method = llvm::dyn_cast<clang::CXXMethodDecl>(&fn);
  if (method == nullptr || !method->getParent()->isLambda()) return "'" + fn.getNameAsString() + "'";
  const clang::SourceManager& sm = ctx.sources();
  const clang::PresumedLoc where = sm.getPresumedLoc(sm.getFileLoc(method->getParent()->getLocation()));
  if (where.isInvalid()) return "the lambda";
  return "the lambda at " + llvm::sys::path::filename(where.getFilename()).str() + ":" +
         std::to_string(where.getLine()) + ":" + std::to_string(where.getColumn());
}

bool RawPointer::report_type(const clang::ValueDecl& decl, clang::QualType type, llvm::StringRef what,
                             llvm::StringRef remedy, RuleContext& ctx, clang::SourceLocation loc) {
  return report_type(decl, type, what, remedy, ctx,
                     "raw function pointers escape every check, use a lambda, a template parameter or "
                     "std::function",
                     loc);
}

bool RawPointer::report_type(const clang::ValueDecl& decl, clang::QualType type, llvm::StringRef what,
                             llvm::StringRef remedy, RuleContext& ctx, llvm::StringRef function_remedy,
                             clang::SourceLocation loc) {
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
    message = what.str() + (pointer->isMemberFunctionPointerType() ? " of member function pointer type '"
                                                                    : " of function pointer type '") +
              type_name(type, ctx) + "'; " + function_remedy.str();
  } else if (pointer->isMemberDataPointerType()) {
    // `int S::*`: an offset into any S, not an address; it cannot dangle,
    // but it may be null, and `s.*p` of a null one is undefined behaviour.
    // A reference or std::unique_ptr (the other remedies) would not do
    // its job: a function that reads the member does.
    const clang::QualType owner(pointer->castAs<clang::MemberPointerType>()->getClass(), 0);
    const std::string cls = type_name(owner, ctx);
    const std::string var = parameter_named_after(cls);
    message = what.str() + (ctx.ast.hasSameType(pointer, type) ? " of member pointer type '" + type_name(type, ctx) + "'"
                                                                : " type '" + type_name(type, ctx) +
                                                                      "' holds the member pointer '" +
                                                                      type_name(pointer, ctx) + "'") +
              "; a member pointer may be null, and reading through a null one is undefined behaviour: use a "
              "callable that reads the member instead (a template parameter or std::function given [](const " +
              cls + "& " + var + ") { return " + var + ".<member>; }), or an enum that names the member";
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
bool RawPointer::holds_reported_member_pointer(const clang::VarDecl& var, RuleContext& ctx) {
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

}  // namespace meshwa::rules::raw_pointer
