// Values written only when a parse succeeds, read only where it did: a
// standard stream extraction (`while (in >> v) use(v);`), std::from_chars
// tested through its error code (and another library's from_chars of the
// same protocol, fast_float's), and std::to_chars into a buffer, of which
// only the written prefix is read, where the call cannot fail or succeeded.
#include "Uninitialized.h"
#include "Flow.h"
#include "TypeUtil.h"

namespace meshwa::rules::uninitialized {

namespace {

/// A function of the standard's from_chars protocol: std::from_chars, or
/// another library's `from_chars(first, last, value, ...)` returning a
/// class whose `ec` is a std::errc (fast_float::from_chars). Such a call
/// writes `value` (a non-const reference) only where it succeeds, which `ec`
/// tells: a local it parses into is judged as for std::from_chars, its reads
/// where `ec` says it failed still reported. (The body of fast_float's is
/// visible, but too deep to follow.)
bool is_from_chars(const clang::FunctionDecl* fn) {
  if (fn == nullptr || fn->getIdentifier() == nullptr || fn->getName() != "from_chars" || fn->getNumParams() < 3) {
    return false;
  }
  const clang::QualType value = fn->getParamDecl(2)->getType();
  if (!value->isLValueReferenceType() || value->getPointeeType().isConstQualified()) return false;
  if (declared_in_std(fn)) return true;
  const clang::CXXRecordDecl* result = fn->getReturnType()->getAsCXXRecordDecl();
  if (result == nullptr || result->getDefinition() == nullptr) return false;
  for (const clang::FieldDecl* field : result->getDefinition()->fields()) {
    if (field->getIdentifier() == nullptr || field->getName() != "ec") continue;
    const auto* code = field->getType()->getAsTagDecl();
    return code != nullptr && code->getIdentifier() != nullptr && code->getName() == "errc" && declared_in_std(code);
  }
  return false;
}

std::optional<Charconv> charconv_call(const clang::Stmt* s, llvm::StringRef name, unsigned part) {
  const auto* decl_stmt = llvm::dyn_cast_or_null<clang::DeclStmt>(s);
  if (decl_stmt == nullptr || !decl_stmt->isSingleDecl()) return std::nullopt;
  const auto* result = llvm::dyn_cast<clang::VarDecl>(decl_stmt->getSingleDecl());
  if (result == nullptr || result->getInit() == nullptr || result->getType()->isReferenceType()) return std::nullopt;
  const auto* call = llvm::dyn_cast<clang::CallExpr>(result->getInit()->IgnoreImplicit()->IgnoreParens());
  const clang::FunctionDecl* fn = call != nullptr ? call->getDirectCallee() : nullptr;
  const bool known = name == "from_chars" ? is_from_chars(fn)
                                          : fn != nullptr && fn->getIdentifier() != nullptr && fn->getName() == name &&
                                                declared_in_std(fn);
  if (!known || call->getNumArgs() < 3) return std::nullopt;
  if (const auto* bindings = llvm::dyn_cast<clang::DecompositionDecl>(result)) {
    if (bindings->bindings().size() != 2) return std::nullopt;
    return Charconv{call, bindings->bindings()[part], nullptr};
  }
  return Charconv{call, nullptr, result};
}

}  // namespace

/// `auto [ptr, ec] = std::from_chars(first, last, x);` (or `auto r =
/// std::from_chars(...);` and then `r.ec`): from_chars writes x only when
/// it succeeds, which `ec` tells.
std::optional<Charconv> from_chars_into(const clang::Stmt* s, const clang::VarDecl& var) {
  const std::optional<Charconv> parse = charconv_call(s, "from_chars", 1);
  if (!parse) return std::nullopt;
  const clang::CallExpr* call = parse->call;
  const auto* out = llvm::dyn_cast<clang::DeclRefExpr>(call->getArg(2)->IgnoreParenImpCasts());
  if (out == nullptr || out->getDecl() != &var) return std::nullopt;
  for (unsigned i = 0; i < call->getNumArgs(); ++i) {
    if (i != 2 && mentions(call->getArg(i), var)) return std::nullopt;
  }
  return parse;
}

/// `if (std::from_chars(first, last, x).ec != std::errc{}) return ...;`:
/// the parse made in the condition itself, its `.ec` read on the spot (the
/// Charconv has neither a binding nor a result variable).
std::optional<Charconv> from_chars_tested_in(const clang::Expr* cond, const clang::VarDecl& var) {
  const clang::CallExpr* found = nullptr;
  flow::contains(cond, [&](const clang::Stmt& sub) {
    const auto* member = llvm::dyn_cast<clang::MemberExpr>(&sub);
    const clang::ValueDecl* named = member != nullptr ? member->getMemberDecl() : nullptr;
    if (named == nullptr || named->getIdentifier() == nullptr || named->getName() != "ec") return false;
    const auto* call = llvm::dyn_cast<clang::CallExpr>(member->getBase()->IgnoreImplicit()->IgnoreParens());
    const clang::FunctionDecl* fn = call != nullptr ? call->getDirectCallee() : nullptr;
    if (!is_from_chars(fn) || call->getNumArgs() < 3) return false;
    const auto* out = llvm::dyn_cast<clang::DeclRefExpr>(call->getArg(2)->IgnoreParenImpCasts());
    if (out == nullptr || out->getDecl() != &var) return false;
    for (unsigned i = 0; i < call->getNumArgs(); ++i) {
      if (i != 2 && mentions(call->getArg(i), var)) return false;
    }
    found = call;
    return true;
  });
  if (found == nullptr) return std::nullopt;
  return Charconv{found, nullptr, nullptr};
}

namespace {

/// The most characters std::to_chars can write for an integer of `type` in
/// `base` (a sign and the digits of the largest magnitude).
unsigned most_to_chars_characters(clang::QualType type, unsigned base, clang::ASTContext& ast) {
  const unsigned width = static_cast<unsigned>(ast.getTypeSize(type));
  const bool is_signed = type->isSignedIntegerType();
  // The largest magnitude: 2^(width-1) for a signed type, 2^width - 1 for an unsigned one.
  llvm::APInt magnitude = is_signed ? llvm::APInt::getOneBitSet(width + 1, width - 1)
                                    : llvm::APInt::getMaxValue(width).zext(width + 1);
  unsigned digits = 0;
  for (; !magnitude.isZero(); ++digits) magnitude = magnitude.udiv(base);
  return digits + (is_signed ? 1 : 0);
}

/// At least as many characters as the shortest round-trip text of any
/// value of the floating-point `type` can have: a sign, the significant
/// digits, a point and an exponent (`-1.17549435e-38` for a float, 15;
/// `-2.2250738585072014e-308` for a double, 24; a long double or wider,
/// under 48).
unsigned most_shortest_float_characters(clang::QualType type, clang::ASTContext& ast) {
  const uint64_t bits = ast.getTypeSize(type);
  return bits <= 32 ? 16 : bits <= 64 ? 25 : 48;
}

}  // namespace

/// `auto [p, ec] = std::to_chars(buf.data(), buf.data() + buf.size(), v);`
/// (or `auto r = ...;` and `r.ptr`) into the whole of a local char array
/// (C or std::array): where it succeeds it writes [buf, p). What it
/// returns, and whether it cannot fail: an integer into a buffer big
/// enough for any value of its type in that base, a floating-point one in
/// its shortest form into one big enough for any. (On failure p is the
/// buffer's end and its contents are unspecified: a smaller buffer, or a
/// format or precision given, needs `ec` tested before [buf, p) is read.)
std::optional<ToChars> to_chars_into(const clang::Stmt* s, const clang::VarDecl& var, clang::ASTContext& ast) {
  const std::optional<Charconv> written = charconv_call(s, "to_chars", 0);
  if (!written || written->call->getNumArgs() > 5) return std::nullopt;  // (.., value, format, precision)
  const clang::CallExpr* call = written->call;
  const std::optional<std::pair<uint64_t, clang::QualType>> elements =
      elements_of(var.getType().getNonReferenceType(), ast);
  if (!elements || !elements->second->isCharType()) return std::nullopt;
  const FillTarget whole{&var, {}};
  const clang::Expr* last = call->getArg(1)->IgnoreParenImpCasts();
  const auto* add = llvm::dyn_cast<clang::BinaryOperator>(last);
  const bool to_the_end = is_end_of(last, whole, elements->first, ast) ||
                          (add != nullptr && add->getOpcode() == clang::BO_Add && is_begin_of(add->getLHS(), whole) &&
                           is_call_on_target(add->getRHS(), whole, {"size"}));
  if (!is_begin_of(call->getArg(0), whole) || !to_the_end) return std::nullopt;
  for (unsigned i = 2; i < call->getNumArgs(); ++i) {
    if (mentions(call->getArg(i), var)) return std::nullopt;
  }
  ToChars result{*written, *charconv_call(s, "to_chars", 1), false};
  const clang::QualType value = call->getArg(2)->IgnoreParenImpCasts()->getType();
  // A floating-point number in its shortest round-trip text (no format or
  // precision given: `std::chars_format::fixed` of 1e308 is 309 digits).
  if (value->isRealFloatingType() && call->getNumArgs() == 3) {
    result.always_fits = elements->first >= most_shortest_float_characters(value, ast);
    return result;
  }
  // An integer in a constant base: it fits when the buffer holds its longest text.
  if (!value->isIntegerType() || value->isBooleanType() || value->isEnumeralType()) return result;
  unsigned base = 10;
  if (call->getNumArgs() == 4) {
    clang::Expr::EvalResult constant;
    if (call->getArg(3)->isValueDependent() || !call->getArg(3)->EvaluateAsInt(constant, ast)) return result;
    const llvm::APSInt& b = constant.Val.getInt();
    if (b.isNegative() || b.getZExtValue() < 2 || b.getZExtValue() > 36) return result;
    base = static_cast<unsigned>(b.getZExtValue());
  }
  result.always_fits = elements->first >= most_to_chars_characters(value, base, ast);
  return result;
}

namespace {

/// A part of a std::to_chars / std::from_chars result: the structured
/// binding `binding` (`p`, `ec`), or `result.<field>` (`r.ptr`, `r.ec`).
bool names_result_part(const clang::Expr* e, const clang::ValueDecl* binding, const clang::VarDecl* result,
                       llvm::StringRef field) {
  if (const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(e)) return binding != nullptr && ref->getDecl() == binding;
  const auto* member = llvm::dyn_cast<clang::MemberExpr>(e);
  if (member == nullptr || member->isArrow() || result == nullptr) return false;
  const auto* base = llvm::dyn_cast<clang::DeclRefExpr>(member->getBase()->IgnoreParenImpCasts());
  const clang::ValueDecl* named = member->getMemberDecl();
  return base != nullptr && base->getDecl() == result && named->getIdentifier() != nullptr && named->getName() == field;
}

/// `p`, `r.ptr`.
bool names_written_end(const clang::Expr* e, const Charconv& written) {
  return names_result_part(e->IgnoreParenCasts(), written.binding, written.result, "ptr");
}

/// How many arguments were written: not the defaulted ones at the end
/// (`std::string(first, last)` passes an allocator too).
template <class Range>
unsigned written_arguments(const Range& args) {
  unsigned count = 0;
  for (const clang::Expr* arg : args) {
    if (llvm::isa<clang::CXXDefaultArgExpr>(arg)) break;
    ++count;
  }
  return count;
}

}  // namespace

namespace {

/// `p - buf.data()`, `r.ptr - std::begin(buf)`: the length to_chars wrote.
bool is_written_length(const clang::Expr* e, const FillTarget& whole, const Charconv& written) {
  const auto* length = llvm::dyn_cast<clang::BinaryOperator>(e->IgnoreParenCasts());
  return length != nullptr && length->getOpcode() == clang::BO_Sub && names_written_end(length->getLHS(), written) &&
         (is_begin_of(length->getRHS(), whole) || is_start_of(length->getRHS(), whole));
}

/// A local holding that length (`const auto len = static_cast<std::size_t>(p
/// - buf.data());`), if `e` names one; whether something writes it is
/// checked by the caller.
const clang::VarDecl* written_length_local(const clang::Expr* e, const FillTarget& whole, const Charconv& written) {
  const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(e->IgnoreParenCasts());
  const auto* local = ref != nullptr ? llvm::dyn_cast<clang::VarDecl>(ref->getDecl()) : nullptr;
  if (local == nullptr || !local->hasLocalStorage() || llvm::isa<clang::ParmVarDecl>(local) ||
      local->getType()->isReferenceType() || local->getInit() == nullptr ||
      !is_written_length(local->getInit(), whole, written)) {
    return nullptr;
  }
  return local;
}

/// The variable an assignment, `++` / `--` or address-of in `s` may
/// change, if it names one.
const clang::ValueDecl* changed_variable(const clang::Stmt& s) {
  const clang::Expr* target = nullptr;
  if (const auto* op = llvm::dyn_cast<clang::BinaryOperator>(&s); op != nullptr && op->isAssignmentOp()) {
    target = op->getLHS();
  } else if (const auto* unary = llvm::dyn_cast<clang::UnaryOperator>(&s);
             unary != nullptr && (unary->isIncrementDecrementOp() || unary->getOpcode() == clang::UO_AddrOf)) {
    target = unary->getSubExpr();
  }
  const auto* ref = target != nullptr ? llvm::dyn_cast<clang::DeclRefExpr>(target->IgnoreParenImpCasts()) : nullptr;
  return ref != nullptr ? ref->getDecl() : nullptr;
}

/// The (first, last-or-length) arguments of a call or construction that
/// copies characters out of a buffer: a std::string / std::string_view
/// built from two arguments, `s.append(first, n)` / `s.assign(...)`,
/// `s.insert(pos, first, last)`, `os.write(first, n)`.
std::optional<std::pair<const clang::Expr*, const clang::Expr*>> copied_characters(const clang::Stmt& s) {
  if (const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(&s);
      construct != nullptr && written_arguments(construct->arguments()) == 2 &&
      is_std_class(construct->getConstructor()->getParent(), {"basic_string", "basic_string_view"})) {
    return std::pair{construct->getArg(0), construct->getArg(1)};
  }
  const auto* member = llvm::dyn_cast<clang::CXXMemberCallExpr>(&s);
  const clang::CXXMethodDecl* method = member != nullptr ? member->getMethodDecl() : nullptr;
  if (method == nullptr || method->getIdentifier() == nullptr) return std::nullopt;
  const llvm::StringRef name = method->getName();
  const unsigned args = written_arguments(member->arguments());
  if (args == 2 && (name == "append" || name == "assign") && is_std_class(member->getRecordDecl(), {"basic_string"})) {
    return std::pair{member->getArg(0), member->getArg(1)};
  }
  if (args == 3 && name == "insert" && is_std_class(member->getRecordDecl(), {"basic_string", "vector"})) {
    return std::pair{member->getArg(1), member->getArg(2)};
  }
  if (args == 2 && name == "write" && is_std_class(method->getParent(), {"basic_ostream"})) {
    return std::pair{member->getArg(0), member->getArg(1)};
  }
  return std::nullopt;
}

}  // namespace

/// Only what to_chars wrote is read: every other mention of `var` in its
/// function is the start of characters copied out of [buf, p) (a
/// std::string or std::string_view built from it, appended, assigned or
/// inserted from it, written to a stream: `std::string(buf.data(), p)`,
/// `os.write(buf.data(), p - buf.data())`, the length also through a local
/// that nothing changes; the length alone, returned or compared, reads
/// nothing), and nothing gives `p` another value. An end
/// chosen by the call's own test, `ec == std::errc{} ? p : buf.data()`
/// (nothing where it failed), counts too; `each_tested` says whether every
/// read is such a one, safe whether or not the call can fail.
bool reads_only_written_prefix(const clang::VarDecl& var, const clang::Stmt& parse, const ToChars& written,
                               clang::ASTContext& ast, bool& each_tested) {
  const auto* fn = llvm::dyn_cast_or_null<clang::FunctionDecl>(var.getParentFunctionOrMethod());
  if (fn == nullptr || fn->getBody() == nullptr) return false;
  const FillTarget whole{&var, {}};
  const Charconv& end = written.end;
  llvm::SmallPtrSet<const clang::VarDecl*, 4> lengths;  // length locals read
  llvm::SmallPtrSet<const clang::ValueDecl*, 8> changed;  // variables written
  each_tested = true;
  const auto is_start = [&](const clang::Expr* e) { return is_begin_of(e, whole) || is_start_of(e, whole); };
  // `ec == std::errc{} ? p : buf.data()`: the written end only where the test says it succeeded.
  const auto is_tested_end = [&](const clang::Expr* e) {
    const auto* pick = llvm::dyn_cast<clang::ConditionalOperator>(e->IgnoreParenImpCasts());
    if (pick == nullptr || mentions(pick->getCond(), var)) return false;
    const auto arm_ok = [&](const clang::Expr* arm, bool when) {
      return is_start(arm) ||
             (names_written_end(arm, end) && parse_succeeded_when(pick->getCond(), written.status, when, ast));
    };
    return arm_ok(pick->getTrueExpr(), true) && arm_ok(pick->getFalseExpr(), false);
  };
  auto is_prefix = [&](const clang::Expr* first, const clang::Expr* second) {
    if (!is_start(first)) return false;
    if (is_tested_end(second)) return true;
    each_tested = false;
    if (names_written_end(second, end) || is_written_length(second, whole, end)) return true;
    const clang::VarDecl* length = written_length_local(second, whole, end);
    if (length != nullptr) lengths.insert(length);
    return length != nullptr;
  };
  unsigned accounted = uses_in(&parse, var);
  bool moved = false;
  flow::contains(fn->getBody(), [&](const clang::Stmt& sub) {
    if (const auto* op = llvm::dyn_cast<clang::BinaryOperator>(&sub); op != nullptr && op->isAssignmentOp()) {
      moved = moved || names_written_end(op->getLHS(), end);
    } else if (const auto* step = llvm::dyn_cast<clang::UnaryOperator>(&sub); step && step->isIncrementDecrementOp()) {
      moved = moved || names_written_end(step->getSubExpr(), end);
    }
    if (const clang::ValueDecl* target = changed_variable(sub)) changed.insert(target);
    // `p - buf.data()` anywhere (a length returned, compared, kept) reads
    // no character: it is counted here, once, wherever it stands.
    if (const auto* length = llvm::dyn_cast<clang::BinaryOperator>(&sub);
        length != nullptr && is_written_length(length, whole, end)) {
      accounted += uses_in(length, var);
    }
    if (const auto copied = copied_characters(sub); copied && is_prefix(copied->first, copied->second)) {
      const bool length_given = is_written_length(copied->second, whole, end);  // counted above
      accounted += uses_in(&sub, var) - (length_given ? uses_in(copied->second, var) : 0);
    }
    return false;
  });
  bool length_changed = false;
  for (const clang::VarDecl* length : lengths) length_changed = length_changed || changed.contains(length);
  return !moved && !length_changed && accounted == uses_in(fn->getBody(), var);
}

namespace {

/// `ec`, `r.ec`, or `std::from_chars(...).ec` of the call itself.
bool names_error_code(const clang::Expr* e, const Charconv& parse) {
  e = e->IgnoreParenImpCasts();
  if (parse.binding == nullptr && parse.result == nullptr) {
    const auto* member = llvm::dyn_cast<clang::MemberExpr>(e);
    const clang::ValueDecl* named = member != nullptr ? member->getMemberDecl() : nullptr;
    return named != nullptr && named->getIdentifier() != nullptr && named->getName() == "ec" &&
           member->getBase()->IgnoreImplicit()->IgnoreParens() == parse.call;
  }
  return names_result_part(e, parse.binding, parse.result, "ec");
}

}  // namespace

/// Does `cond` having the value `when` mean the parse succeeded (`ec ==
/// std::errc{}`)? `ec != std::errc{}` false, `ec == std::errc()` true,
/// `ec != std::errc{} || ptr != end` false.
bool parse_succeeded_when(const clang::Expr* cond, const Charconv& parse, bool when, clang::ASTContext& ast) {
  const auto says_parsed = [&](const clang::Expr* e, bool value) -> std::optional<bool> {
    const auto* op = llvm::dyn_cast<clang::BinaryOperator>(e);
    if (op == nullptr || (op->getOpcode() != clang::BO_EQ && op->getOpcode() != clang::BO_NE)) return std::nullopt;
    const bool compares = (names_error_code(op->getLHS(), parse) && evaluates_to(op->getRHS(), 0, ast)) ||
                          (names_error_code(op->getRHS(), parse) && evaluates_to(op->getLHS(), 0, ast));
    return compares && value == (op->getOpcode() == clang::BO_EQ);
  };
  const auto strip = [](const clang::Expr* e) { return e->IgnoreParenImpCasts(); };
  return holds_when(cond, when, ConditionTest{strip, says_parsed});
}

/// `if (ec != std::errc{}) return ...;` (not reading x): past it, x holds
/// what was parsed. `check` may be the if the parse is the init of.
bool leaves_unless_parsed(const clang::Stmt* s, const Charconv& parse, const clang::VarDecl& var,
                          clang::ASTContext& ast) {
  const auto* check = llvm::dyn_cast_or_null<clang::IfStmt>(s);
  return check != nullptr && check->getConditionVariable() == nullptr && check->getElse() == nullptr &&
         !check->isConsteval() && parse_succeeded_when(check->getCond(), parse, false, ast) &&
         always_leaves(check->getThen()) && !mentions(check->getCond(), var) && !mentions(check->getThen(), var);
}

/// What follows `auto [p, ec] = std::from_chars(b, e, x);` (`parse_stmt`,
/// then `next`) when it reads x only where `ec` says the parse succeeded:
/// an if on that test (`if (ec == std::errc{}) return x;`, judged as an if
/// on an extraction), or `return ec == std::errc() ? x : fallback;`. When
/// every use of x is in the two statements, they are all it needs
/// (confined). Nothing otherwise.
std::optional<FirstUse> first_use_where_parsed(const clang::Stmt& parse_stmt, const clang::Stmt* next,
                                               const Charconv& parse, const clang::VarDecl& var, const Walk& walk) {
  const bool only_uses = walk.call_depth == 0 && next != nullptr &&
                         uses_in(&parse_stmt, var) + uses_in(next, var) == walk.uses.lookup(&var);
  if (const auto* branch = llvm::dyn_cast_or_null<clang::IfStmt>(next)) {
    if (branch->getConditionVariable() != nullptr || branch->isConsteval() || mentions(branch->getCond(), var) ||
        (branch->getInit() != nullptr && mentions(branch->getInit(), var))) {
      return std::nullopt;
    }
    const bool when_true = parse_succeeded_when(branch->getCond(), parse, true, walk.ast);
    const bool when_false = parse_succeeded_when(branch->getCond(), parse, false, walk.ast);
    if (when_true == when_false) return std::nullopt;
    const FirstUse use = first_use_after_extraction(*branch, when_true, var, walk, &parse_stmt);
    const clang::Stmt* failed = when_true ? branch->getElse() : branch->getThen();
    if (use == FirstUse::none && only_uses && !mentions(failed, var)) return FirstUse::confined;
    return use;
  }
  const auto* ret = llvm::dyn_cast_or_null<clang::ReturnStmt>(next);
  const clang::Expr* value = ret != nullptr ? ret->getRetValue() : nullptr;
  if (value == nullptr || !only_uses) return std::nullopt;
  const clang::ConditionalOperator* pick = returned_choice(value);
  if (pick == nullptr || mentions(pick->getCond(), var) || !reads_only_where_parsed(*pick, value, parse, var, walk.ast)) {
    return std::nullopt;
  }
  return FirstUse::confined;  // x read only where the parse wrote it, and nowhere after
}

/// `return ok ? std::optional<int>(x) : std::nullopt;` and `return ok ? x :
/// d;` into a std::optional<int>: the conditional, through the result's
/// converting constructor; else null.
const clang::ConditionalOperator* returned_choice(const clang::Expr* value) {
  const clang::Expr* picked = value->IgnoreImplicit()->IgnoreParenImpCasts();
  if (const auto* convert = llvm::dyn_cast<clang::CXXConstructExpr>(picked);
      convert != nullptr && convert->getNumArgs() == 1) {
    picked = convert->getArg(0)->IgnoreImplicit()->IgnoreParenImpCasts();
  }
  return llvm::dyn_cast<clang::ConditionalOperator>(picked);
}

/// Is x, in all of `value`, read only in the arm of `pick` taken where the
/// condition says `parse` succeeded (besides the parse's own output, when
/// the parse is made in the condition)?
bool reads_only_where_parsed(const clang::ConditionalOperator& pick, const clang::Expr* value, const Charconv& parse,
                             const clang::VarDecl& var, clang::ASTContext& ast) {
  const bool when_true = parse_succeeded_when(pick.getCond(), parse, true, ast);
  if (when_true == parse_succeeded_when(pick.getCond(), parse, false, ast)) return false;
  const clang::Expr* failed = when_true ? pick.getFalseExpr() : pick.getTrueExpr();
  const clang::Expr* parsed = when_true ? pick.getTrueExpr() : pick.getFalseExpr();
  const unsigned in_condition = uses_in(pick.getCond(), var);
  return !mentions(failed, var) && in_condition <= 1 && uses_in(value, var) == in_condition + uses_in(parsed, var);
}

namespace {

/// `in >> x`, `in >> a >> x`: a standard operator>> (of a std stream, into
/// a number) that writes x when the stream is still good after it. (A
/// class's operator>> of the user's may write nothing, even through the
/// standard one for rvalue streams.)
bool extracts_into(const clang::Expr* e, const clang::VarDecl& var) {
  if (!var.getType().getNonReferenceType()->isArithmeticType()) return false;
  for (int depth = 0; e != nullptr && depth < 16; ++depth) {
    // `in.get(c)`: reads one character into c.
    if (const auto* get = llvm::dyn_cast<clang::CXXMemberCallExpr>(e->IgnoreParenImpCasts());
        get != nullptr && get->getNumArgs() == 1 && get->getMethodDecl() != nullptr &&
        get->getMethodDecl()->getIdentifier() != nullptr && get->getMethodDecl()->getName() == "get" &&
        is_std_class(get->getRecordDecl(), {"basic_istream"})) {
      const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(get->getArg(0)->IgnoreParenImpCasts());
      return ref != nullptr && ref->getDecl() == &var && !mentions(get->getImplicitObjectArgument(), var);
    }
    const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(e->IgnoreParenImpCasts());
    if (op == nullptr || op->getOperator() != clang::OO_GreaterGreater || op->getNumArgs() != 2) return false;
    const clang::FunctionDecl* callee = op->getDirectCallee();
    if (callee == nullptr) return false;
    const auto* method = llvm::dyn_cast<clang::CXXMethodDecl>(callee);  // istream::operator>>(int&)
    if (!(method != nullptr ? method->getParent()->isInStdNamespace() : callee->isInStdNamespace())) return false;
    const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(op->getArg(1)->IgnoreParenImpCasts());
    if (ref != nullptr && ref->getDecl() == &var) return !mentions(op->getArg(0), var);
    e = op->getArg(0);
  }
  return false;
}

/// `in >> x` tested as a condition: the stream's `operator bool` called on
/// the extraction; the extraction itself.
const clang::Expr* without_stream_test(const clang::Expr* e) {
  for (int depth = 0; e != nullptr && depth < 16; ++depth) {
    e = e->IgnoreParenImpCasts();
    const auto* call = llvm::dyn_cast<clang::CXXMemberCallExpr>(e);
    if (call == nullptr || !llvm::isa_and_nonnull<clang::CXXConversionDecl>(call->getMethodDecl())) return e;
    e = call->getImplicitObjectArgument();
  }
  return e;
}

}  // namespace

/// Does `cond` having the value `when` mean the standard extraction into x
/// succeeded (so x holds a value there)? `in >> x` true, `!(in >> x)`
/// false, `(in >> x) && x > 0` true, `!(in >> x) || x < 0` false. In each
/// of these forms x is read in the condition only after the extraction
/// succeeded (the right operand of && or || runs only then). With `walk`,
/// a call x is handed to by reference counts too where its body shows it
/// writes x when it returns that (`!parse(s, x)` false, `get(k, x) == 0`).
bool extracted_when(const clang::Expr* cond, const clang::VarDecl& var, bool when, const Walk* walk) {
  const auto says_extracted = [&](const clang::Expr* e, bool value) -> std::optional<bool> {
    if (extracts_into(e, var)) return value;
    if (walk != nullptr && call_writes_when(e, var, value, *walk)) return true;
    return std::nullopt;
  };
  const auto stream_not = [](const clang::Expr* e) -> const clang::Expr* {
    const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(e);
    return op != nullptr && op->getOperator() == clang::OO_Exclaim && op->getNumArgs() == 1 ? op->getArg(0) : nullptr;
  };
  return holds_when(cond, when, ConditionTest{without_stream_test, says_extracted, stream_not, &var});
}

/// `if (in >> x) A else B` (or `if (!(in >> x)) B else A`): A runs with x
/// written, whatever it does with it; B may run without. Past the if, x
/// holds a value when B gives it one or leaves (`if (!(in >> n)) return
/// std::nullopt;`), and when A leaves the walk goes on as before. An if
/// whose branches hold every use of x (`if (ls >> key >> value) kv[key] =
/// value;`) needs nothing after it, and so does one holding every use but
/// those of the statement that wrote x right before it (`bool ok = parse(s,
/// x); if (ok) use(x);`, CLI11's add_option_function).
FirstUse first_use_after_extraction(const clang::IfStmt& branch, bool written_when, const clang::VarDecl& var,
                                    const Walk& walk, const clang::Stmt* write) {
  const clang::Stmt* written = written_when ? branch.getThen() : branch.getElse();
  const clang::Stmt* other = written_when ? branch.getElse() : branch.getThen();
  const FirstUse with_value = written != nullptr && always_leaves(written) ? FirstUse::leaves : FirstUse::assigned;
  const FirstUse without = first_use(other, var, walk);
  const FirstUse joined = join_branches(with_value, without);
  if (joined == FirstUse::assigned || joined == FirstUse::leaves || joined == FirstUse::confined) return joined;
  const bool other_reads_nothing =
      without == FirstUse::none || without == FirstUse::leaves || without == FirstUse::confined;
  const bool all_uses_here = walk.call_depth == 0 && uses_in(&branch, var) + (write != nullptr ? uses_in(write, var) : 0) ==
                                                       walk.uses.lookup(&var);
  if (other_reads_nothing && all_uses_here) return FirstUse::confined;
  return joined == FirstUse::none ? FirstUse::none : FirstUse::stop;
}

std::optional<FirstUse> first_use_after_parse_in_condition(const clang::IfStmt& branch, const clang::VarDecl& var,
                                                           const Walk& walk) {
  const std::optional<Charconv> parse = from_chars_tested_in(branch.getCond(), var);
  if (!parse || uses_in(branch.getCond(), var) != 1) return std::nullopt;
  const bool parsed_when_true = parse_succeeded_when(branch.getCond(), *parse, true, walk.ast);
  if (parsed_when_true == parse_succeeded_when(branch.getCond(), *parse, false, walk.ast)) return std::nullopt;
  return first_use_after_extraction(branch, parsed_when_true, var, walk);
}

}  // namespace meshwa::rules::uninitialized
