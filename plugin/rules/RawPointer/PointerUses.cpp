// Pointers a statement reads through or hands on: through a structured
// binding (check_binding_dereference), std::from_chars' / std::to_chars'
// `ptr` read as a C string (check_chars_result_read_as_c_string), into a
// generic template written in
// service code (check_pointer_into_generic_code), a result that may be null
// read in the expression that makes it (check_unchecked_null_result), and a
// C stream or directory opened and thrown away (check_discarded_handle).
#include "RawPointer.h"

#include "Annotations.h"
#include "Flow.h"
#include "TypeUtil.h"
#include "llvm/ADT/StringSwitch.h"

namespace meshwa::rules::raw_pointer {

namespace {

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
  if (callee == nullptr || !callee->isInStdNamespace() || !is_library_iterator_pointer(e->getType())) return false;
  for (const clang::Expr* arg : call->arguments()) {
    if (arg->getType()->isPointerType() &&
        e->getType().getCanonicalType().getUnqualifiedType() == arg->getType().getCanonicalType().getUnqualifiedType()) {
      return is_std_iterator_value(arg, depth + 1);
    }
  }
  return false;
}

}  // namespace

/// `auto [end, ec] = std::from_chars(...)` is the idiom (and `end` is
/// compared with the buffer's end); reading through `end` later is a raw
/// pointer into a buffer that may be gone by then.
void RawPointer::check_binding_dereference(const clang::Stmt& stmt, RuleContext& ctx) {
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

namespace {

/// The `ptr` of a std::from_chars_result / std::to_chars_result: the
/// structured binding that takes it (`auto [ptr, ec] = std::from_chars(...)`)
/// or the member itself (`res.ptr`). Where parsing stopped, or the end of
/// what was written: a position in the caller's buffer, not the start of a
/// terminated string. The binding or the field, else null.
const clang::ValueDecl* chars_result_position(const clang::Expr* e) {
  e = e->IgnoreParenImpCasts();
  if (const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(e)) {
    const auto* binding = llvm::dyn_cast<clang::BindingDecl>(ref->getDecl());
    const clang::ValueDecl* whole = binding != nullptr ? binding->getDecomposedDecl() : nullptr;
    if (whole == nullptr || !binding->getType()->isPointerType()) return nullptr;
    const clang::CXXRecordDecl* record = whole->getType().getNonReferenceType()->getAsCXXRecordDecl();
    return is_std_class(record, {"from_chars_result", "to_chars_result"}) ? binding : nullptr;
  }
  const auto* member = llvm::dyn_cast<clang::MemberExpr>(e);
  const auto* field = member != nullptr ? llvm::dyn_cast<clang::FieldDecl>(member->getMemberDecl()) : nullptr;
  if (field == nullptr || !field->getType()->isPointerType()) return nullptr;
  return is_std_class(llvm::dyn_cast<clang::CXXRecordDecl>(field->getParent()), {"from_chars_result", "to_chars_result"})
             ? field
             : nullptr;
}

/// How the code names the position: `ptr` for a binding, `res.ptr` for the
/// member of a variable.
std::string position_name(const clang::Expr* e, const clang::ValueDecl& position) {
  const auto* member = llvm::dyn_cast<clang::MemberExpr>(e->IgnoreParenImpCasts());
  const auto* owner = member != nullptr ? llvm::dyn_cast<clang::DeclRefExpr>(member->getBase()->IgnoreParenImpCasts())
                                        : nullptr;
  if (owner == nullptr) return position.getNameAsString();
  return owner->getDecl()->getNameAsString() + (member->isArrow() ? "->" : ".") + position.getNameAsString();
}

/// A note at the structured binding, or at the user's variable whose
/// member the position is (the field itself is the library's).
void note_position(const clang::Expr* e, const clang::ValueDecl& position, const std::string& name,
                   RuleContext& ctx) {
  if (ctx.service_code.contains(position.getLocation())) {
    ctx.report.note(position.getLocation(), "'" + name + "' is bound here");
    return;
  }
  const auto* member = llvm::dyn_cast<clang::MemberExpr>(e->IgnoreParenImpCasts());
  const auto* owner = member != nullptr ? llvm::dyn_cast<clang::DeclRefExpr>(member->getBase()->IgnoreParenImpCasts())
                                        : nullptr;
  if (owner != nullptr && ctx.service_code.contains(owner->getDecl()->getLocation())) {
    ctx.report.note(owner->getDecl()->getLocation(), "'" + owner->getDecl()->getNameAsString() + "' is declared here");
  }
}

}  // namespace

/// `std::cout << ptr`, `std::string(ptr)`, `std::quoted(ptr)` with the `ptr`
/// of std::from_chars / std::to_chars: a parameter that reads a C string
/// (is_c_string_parameter) walks from there to a NUL the buffer need not
/// have: from_chars parses a std::string_view or a range of a larger text,
/// to_chars writes no terminator. The rest has a known end: the `last`
/// the call was given.
void RawPointer::check_chars_result_read_as_c_string(const clang::Stmt& stmt, RuleContext& ctx) {
  const clang::FunctionDecl* callee = nullptr;
  llvm::ArrayRef<const clang::Expr*> args;
  unsigned object_args = 0;  // a member operator's object comes before its parameters
  if (const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(&stmt)) {
    callee = construct->getConstructor();
    args = llvm::ArrayRef(construct->getArgs(), construct->getNumArgs());
  } else if (const auto* call = llvm::dyn_cast<clang::CallExpr>(&stmt)) {
    callee = call->getDirectCallee();
    args = llvm::ArrayRef(call->getArgs(), call->getNumArgs());
    const auto* method = llvm::dyn_cast_or_null<clang::CXXMethodDecl>(callee);
    if (llvm::isa<clang::CXXOperatorCallExpr>(call) && method != nullptr && !method->isStatic()) object_args = 1;
  }
  if (callee == nullptr) return;
  const clang::FunctionDecl* pattern = callee->getTemplateInstantiationPattern();
  for (unsigned a = object_args; a < args.size() && a - object_args < callee->getNumParams(); ++a) {
    const clang::ValueDecl* position = chars_result_position(args[a]);
    if (position == nullptr || !is_c_string_parameter(*callee, pattern, a - object_args)) continue;
    const auto* ctor = llvm::dyn_cast<clang::CXXConstructorDecl>(callee);
    const std::string reader = ctor != nullptr ? ctor->getParent()->getNameAsString() : callee->getNameAsString();
    const std::string name = position_name(args[a], *position);
    ctx.report.error(args[a]->getExprLoc(), kName,
                     "'" + reader + "' reads '" + name +
                         "' as a C string, up to a NUL terminator that the buffer std::from_chars or "
                         "std::to_chars worked on need not have there; read the rest with its end, the 'last' "
                         "you passed: std::string(" + name + ", last) or std::string_view(" + name +
                         ", static_cast<std::size_t>(last - " + name + "))")
        << args[a]->getSourceRange();
    note_position(args[a], *position, name, ctx);
  }
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
void RawPointer::check_pointer_into_generic_code(const clang::Stmt& stmt, RuleContext& ctx) {
  const auto* call = llvm::dyn_cast<clang::CallExpr>(&stmt);
  const clang::FunctionDecl* callee = call != nullptr ? call->getDirectCallee() : nullptr;
  const clang::FunctionTemplateDecl* generic = callee != nullptr ? callee->getPrimaryTemplate() : nullptr;
  const clang::FunctionDecl* pattern = generic != nullptr ? generic->getTemplatedDecl() : nullptr;
  if (pattern == nullptr || !ctx.service_code.contains(pattern->getLocation())) return;
  // obj(args) through operator(): the object is argument 0.
  const auto* method = llvm::dyn_cast<clang::CXXMethodDecl>(callee);
  const unsigned skip = flow::object_arguments(*call);
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

/// The parameter of `pattern` that argument `index` binds to (a pack
/// takes every argument from its position on); nullptr past the end.
const clang::ParmVarDecl* RawPointer::pattern_parameter(const clang::FunctionDecl& pattern, unsigned index) {
  for (unsigned k = 0; k < pattern.getNumParams(); ++k) {
    const clang::ParmVarDecl* p = pattern.getParamDecl(k);
    if (p->isParameterPack() && k <= index) return p;
    if (k == index) return p;
  }
  return nullptr;
}

/// A checked access that answers with a pointer, null when the object
/// does not hold a T: std::get_if<T>(&variant), and std::any_cast<T>(&any)
/// (the pointer overload; any_cast<T>(a) on a reference throws instead).
/// In a template pattern (a function template, a generic lambda) the
/// call is not resolved yet when its template argument or its argument is
/// dependent (`std::get_if<T>(&v)`, `std::get_if<int>(&x)` with `const
/// auto& x`): recognised by the functions its name found, all of them in
/// namespace std, as the call of the ordinary function is.
bool RawPointer::is_checked_access(const clang::Stmt* s) {
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

/// `v` of `&v`, `std::addressof(v)`, `v.c_str()`, `v.data()`, `p.get()`:
/// the named object (a variable or a member) an argument stands for, or
/// nullptr.
const clang::Expr* RawPointer::inspected_object(const clang::Expr* e) {
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
llvm::StringRef RawPointer::library_text_failure(llvm::StringRef name) {
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
RawPointer::MaybeNull RawPointer::maybe_null_result(const clang::Stmt& s, RuleContext& ctx) {
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
void RawPointer::check_discarded_handle(const clang::Stmt& stmt, RuleContext& ctx) {
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
void RawPointer::check_unchecked_null_result(const clang::Stmt& stmt, RuleContext& ctx) {
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
bool RawPointer::is_tested_before(const clang::Expr& source, const clang::Expr* object, RuleContext& ctx) {
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

}  // namespace meshwa::rules::raw_pointer
