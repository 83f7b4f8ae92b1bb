// The bare .data() of a buffer that carries no terminator (vector, array,
// span, string_view) read as a C string: std::string / std::string_view
// built or assigned from it, and any `const CharT*` parameter with no length
// after it (strlen, operator<<, fopen, ...), unless a terminator is in sight.
#include "Flow.h"
#include "TypeUtil.h"
#include "UnsafeBuffer/UnsafeBuffer.h"

namespace meshwa::rules::unsafe_buffer {

/// `v.data()` (or `&v[i]`, `&v.front()`) of a buffer that carries no
/// terminator: a std::vector, std::array, std::span or std::string_view
/// (not a std::string, whose data() is terminated). Exempt where a
/// terminator is visible: a const std::string_view variable made from a
/// string literal, a const std::array<char, N> initialised from a
/// literal that fits with its NUL, and a buffer the same function hands
/// as a writable `char*` to a C function (snprintf, strftime, getcwd,
/// fgets: they terminate what they write). Other pointers (e.what(),
/// std::getenv) are left to raw-pointer. The object, else nullptr.
const clang::Expr* UnsafeBuffer::unterminated_buffer(const clang::Expr* e) {
  e = e->IgnoreParenImpCasts();
  const clang::Expr* object = nullptr;
  const clang::CXXRecordDecl* record = nullptr;
  if (const auto* call = llvm::dyn_cast<clang::CXXMemberCallExpr>(e)) {
    const clang::CXXMethodDecl* method = call->getMethodDecl();
    if (method == nullptr || method->getIdentifier() == nullptr || method->getName() != "data") return nullptr;
    object = call->getImplicitObjectArgument();
    record = method->getParent();
  } else if (const auto* address = llvm::dyn_cast<clang::UnaryOperator>(e)) {
    // &v[i], &v.front()
    if (address->getOpcode() != clang::UO_AddrOf) return nullptr;
    const clang::Expr* element = address->getSubExpr()->IgnoreParens();
    if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(element)) {
      if (op->getOperator() != clang::OO_Subscript || op->getNumArgs() != 2) return nullptr;
      object = op->getArg(0);
    } else if (const auto* front = llvm::dyn_cast<clang::CXXMemberCallExpr>(element)) {
      const clang::CXXMethodDecl* method = front->getMethodDecl();
      if (method == nullptr || method->getIdentifier() == nullptr || method->getName() != "front") return nullptr;
      object = front->getImplicitObjectArgument();
    } else {
      return nullptr;
    }
    record = object->getType().getNonReferenceType()->getAsCXXRecordDecl();
  } else {
    return nullptr;
  }
  if (record == nullptr || record->getIdentifier() == nullptr || !declared_in_std(record) || object == nullptr) return nullptr;
  const llvm::StringRef cls = record->getName();
  if (cls == "basic_string_view") return is_literal_view(object) ? nullptr : object;
  if (cls == "array" && is_literal_char_array(object)) return nullptr;
  return cls == "vector" || cls == "array" || cls == "span" || cls == "inplace_vector" ? object : nullptr;
}

/// unterminated_buffer, less the buffers a C function in the enclosing
/// function writes a string into, or that get a '\0' appended there.
bool UnsafeBuffer::is_unterminated_data(const clang::Expr* e, RuleContext& ctx) {
  const clang::Expr* object = unterminated_buffer(e);
  return object != nullptr && !filled_by_c_function(object, ctx);
}

/// `snprintf(buf.data(), buf.size(), ...)`, `std::strftime(&buf[0], ...)`,
/// `getcwd(buf.data(), buf.size())` somewhere in the enclosing function:
/// a function outside namespace std (the C library's, or the user's)
/// taking the buffer as a writable `char*`. C string producers terminate
/// what they write; std::to_chars (in std) does not and is not counted.
bool UnsafeBuffer::filled_by_c_function(const clang::Expr* object, RuleContext& ctx) {
  const clang::FunctionDecl* fn = ctx.enclosing_function();
  if (fn == nullptr || !fn->hasBody() || named_object(object) == nullptr) return false;
  return flow::contains(fn->getBody(), [&](const clang::Stmt& s) {
    if (const auto* member = llvm::dyn_cast<clang::CXXMemberCallExpr>(&s)) return appends_nul(*member, object, ctx);
    const auto* call = llvm::dyn_cast<clang::CallExpr>(&s);
    const clang::FunctionDecl* callee = call != nullptr ? call->getDirectCallee() : nullptr;
    if (callee == nullptr || declared_in_std(callee) || llvm::isa<clang::CXXMethodDecl>(callee)) return false;
    for (unsigned i = 0; i < call->getNumArgs() && i < callee->getNumParams(); ++i) {
      const clang::QualType param = callee->getParamDecl(i)->getType();
      if (!param->isPointerType() || param->getPointeeType().isConstQualified() ||
          !param->getPointeeType()->isAnyCharacterType()) {
        continue;
      }
      const clang::Expr* written = unterminated_buffer(call->getArg(i));
      if (written != nullptr && same_object(written, object)) return true;
    }
    return false;
  });
}

/// `v.push_back('\0')`, `v.emplace_back(0)`: the terminator, in sight.
bool UnsafeBuffer::appends_nul(const clang::CXXMemberCallExpr& call, const clang::Expr* object, RuleContext& ctx) {
  const clang::CXXMethodDecl* method = call.getMethodDecl();
  if (method == nullptr || method->getIdentifier() == nullptr || call.getNumArgs() != 1 ||
      (method->getName() != "push_back" && method->getName() != "emplace_back")) {
    return false;
  }
  const clang::Expr* value = call.getArg(0)->IgnoreParenImpCasts();
  if (value->isValueDependent()) return false;
  clang::Expr::EvalResult result;
  if (!value->EvaluateAsInt(result, ctx.ast) || !result.Val.getInt().isZero()) return false;
  return same_object(call.getImplicitObjectArgument(), object);
}

/// A const std::array<char, N> variable initialised from a string literal
/// shorter than N: its NUL is inside the array and nothing overwrites it.
bool UnsafeBuffer::is_literal_char_array(const clang::Expr* object) {
  const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(object->IgnoreParenImpCasts());
  const auto* var = ref != nullptr ? llvm::dyn_cast<clang::VarDecl>(ref->getDecl()) : nullptr;
  if (var == nullptr || !var->getType().isConstQualified() || var->getInit() == nullptr) return false;
  const auto* spec =
      llvm::dyn_cast_or_null<clang::ClassTemplateSpecializationDecl>(var->getType()->getAsCXXRecordDecl());
  if (spec == nullptr || spec->getTemplateArgs().size() < 2 ||
      spec->getTemplateArgs()[1].getKind() != clang::TemplateArgument::Integral) {
    return false;
  }
  const uint64_t size = spec->getTemplateArgs()[1].getAsIntegral().getZExtValue();
  const clang::Expr* init = var->getInit()->IgnoreImplicit();
  for (int depth = 0; depth < 4; ++depth) {
    const auto* list = llvm::dyn_cast<clang::InitListExpr>(init);
    if (list == nullptr || list->getNumInits() != 1) break;
    init = list->getInit(0)->IgnoreImplicit();
  }
  const auto* literal = llvm::dyn_cast<clang::StringLiteral>(init->IgnoreParens());
  return literal != nullptr && literal->getLength() < size;
}

/// A const std::string_view variable initialised from a string literal.
bool UnsafeBuffer::is_literal_view(const clang::Expr* object) {
  if (object == nullptr) return false;
  const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(object->IgnoreParenImpCasts());
  const auto* var = ref != nullptr ? llvm::dyn_cast<clang::VarDecl>(ref->getDecl()) : nullptr;
  if (var == nullptr || !var->getType().isConstQualified() || var->getInit() == nullptr) return false;
  const clang::Expr* init = var->getInit()->IgnoreImplicit();
  if (const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(init)) {
    return construct->getNumArgs() >= 1 && is_literal_text(construct->getArg(0)->IgnoreParenImpCasts());
  }
  if (const auto* literal = llvm::dyn_cast<clang::UserDefinedLiteral>(init)) {
    return literal->getLiteralOperatorKind() == clang::UserDefinedLiteral::LOK_String;
  }
  return false;
}

void UnsafeBuffer::report_unterminated(const clang::Expr& arg, llvm::StringRef type, RuleContext& ctx) {
  ctx.report.error(arg.getBeginLoc(), kName,
                   ("building a " + type +
                    " from a bare pointer reads up to a NUL terminator that .data() of this buffer does not "
                    "have (strlen past its end); build it from the range: " +
                    (type == "std::bitset" ? llvm::Twine("std::bitset<N>(std::string(v.begin(), v.end()))")
                                           : type + "(v.begin(), v.end())") +
                    ", or from a std::string's c_str()")
                       .str())
      << arg.getSourceRange();
}

/// std::string s(v.data()), std::string_view sv(a.data()), and the
/// implicit conversions (f(v.data()) to a std::string_view parameter):
/// the const CharT* constructor runs strlen over the buffer.
void UnsafeBuffer::check_unterminated_construction(const clang::CXXConstructExpr& e, RuleContext& ctx) {
  if (e.getNumArgs() < 1) return;
  const clang::CXXConstructorDecl* ctor = e.getConstructor();
  const clang::CXXRecordDecl* record = ctor->getParent();
  if (record == nullptr || record->getIdentifier() == nullptr || !record->isInStdNamespace()) return;
  const llvm::StringRef cls = record->getName();
  if (cls != "basic_string" && cls != "basic_string_view") return;
  if (ctor->getNumParams() < 1 || !ctor->getParamDecl(0)->getType()->isPointerType()) return;
  // (pointer, count) and (pointer, pointer) are other constructors.
  if (e.getNumArgs() >= 2 && !llvm::isa<clang::CXXDefaultArgExpr>(e.getArg(1)) &&
      ctor->getParamDecl(1)->getType()->getAsCXXRecordDecl() == nullptr) {
    return;
  }
  if (!is_unterminated_data(e.getArg(0), ctx)) return;
  report_unterminated(*e.getArg(0), cls == "basic_string" ? "std::string" : "std::string_view", ctx);
}

/// s = v.data(), s += v.data(), s.assign(v.data()), s.append(v.data()):
/// the const CharT* overloads, strlen over the buffer.
void UnsafeBuffer::check_unterminated_assignment(const clang::CXXMethodDecl& fn, const clang::Expr& arg,
                                                 RuleContext& ctx) {
  const clang::CXXMethodDecl* method = &fn;
  if (method->getNumParams() != 1) return;
  if (!method->getParamDecl(0)->getType()->isPointerType()) return;
  const clang::CXXRecordDecl* record = method->getParent();
  if (record == nullptr || record->getIdentifier() == nullptr || !record->isInStdNamespace()) return;
  const llvm::StringRef cls = record->getName();
  if (cls != "basic_string" && cls != "basic_string_view") return;
  const clang::OverloadedOperatorKind op = method->getOverloadedOperator();
  const bool assigns = op == clang::OO_Equal || op == clang::OO_PlusEqual ||
                       (method->getIdentifier() != nullptr &&
                        (method->getName() == "assign" || method->getName() == "append"));
  if (!assigns || !is_unterminated_data(&arg, ctx)) return;
  report_unterminated(arg, cls == "basic_string" ? "std::string" : "std::string_view", ctx);
}

/// `std::strlen(v.data())`, `std::cout << sv.data()`, `std::atoi(a.data())`,
/// `fopen(name.data(), "r")`, `std::regex r(sv.data())`,
/// `std::filesystem::path p(sv.data())`: an unterminated buffer's data()
/// given where a C string is read, a `const CharT*` parameter with no
/// length after it. std::string / std::string_view's own constructors
/// and assignments are check_unterminated_construction's / _assignment's.
/// The checks on the arguments of a call or construction (not an operator
/// call, whose object is an argument): C strings where a length is
/// expected, and iterator pairs handed to a std function.
void UnsafeBuffer::check_arguments(const clang::FunctionDecl* callee, llvm::ArrayRef<const clang::Expr*> args,
                                   RuleContext& ctx) {
  check_c_string_arguments(callee, args, 0, ctx);
  if (is_std_callee(callee)) {
    check_iterator_pairs(*callee, args, ctx);
    check_reversed_range(*callee, args, ctx);
  }
}

void UnsafeBuffer::check_c_string_arguments(const clang::FunctionDecl* fn, llvm::ArrayRef<const clang::Expr*> args,
                                            unsigned first_param_arg, RuleContext& ctx) {
  if (fn == nullptr || args.empty()) return;
  if (const auto* method = llvm::dyn_cast<clang::CXXMethodDecl>(fn);
      method != nullptr && is_std_class(method->getParent(), {"basic_string", "basic_string_view"})) {
    if (llvm::isa<clang::CXXConstructorDecl>(method)) return;
    const clang::OverloadedOperatorKind op = method->getOverloadedOperator();
    if (op == clang::OO_Equal || op == clang::OO_PlusEqual ||
        (method->getIdentifier() != nullptr && (method->getName() == "assign" || method->getName() == "append"))) {
      return;
    }
  }
  // std::filesystem::path(source): a template taking `const Source&`,
  // a C string when Source is a character pointer.
  if (const auto* ctor = llvm::dyn_cast<clang::CXXConstructorDecl>(fn);
      ctor != nullptr && is_filesystem_path(ctor->getParent()) && first_param_arg == 0) {
    const clang::QualType type = args[0]->IgnoreParenImpCasts()->getType();
    if (type->isPointerType() && type->getPointeeType()->isAnyCharacterType() &&
        is_unterminated_data(args[0], ctx)) {
      report_c_string(*args[0], *fn, ctx);
    }
    return;
  }
  const clang::FunctionDecl* pattern = fn->getTemplateInstantiationPattern();
  for (unsigned p = 0; p < fn->getNumParams(); ++p) {
    const unsigned a = p + first_param_arg;
    if (a >= args.size()) break;
    if (!is_c_string_parameter(*fn, pattern, p)) continue;
    // (first, last): the next or previous argument is the other end of a
    // range (std::from_chars(v.data(), v.data() + n, x)).
    if (is_range_end(args, a + 1) || (a > first_param_arg && is_range_end(args, a - 1))) continue;
    if (!is_unterminated_data(args[a], ctx)) continue;
    report_c_string(*args[a], *fn, ctx);
  }
}

/// A parameter that points at a buffer of objects: a pointer to data
/// (void, characters, numbers, structs), not to a pointer (`char**`
/// out-parameters, strtol's end) nor to a function.
bool UnsafeBuffer::is_buffer_parameter(const clang::ParmVarDecl& param) {
  const clang::QualType type = param.getType();
  if (!type->isPointerType()) return false;
  const clang::QualType pointee = type->getPointeeType();
  return !pointee->isPointerType() && !pointee->isFunctionType() && !pointee->isDependentType();
}

/// `socklen_t* optlen`, `size_t* len`: a length the function reads and
/// updates (getsockopt, accept).
bool UnsafeBuffer::is_length_pointer_parameter(const clang::ParmVarDecl& param) {
  const clang::QualType type = param.getType();
  if (!type->isPointerType() || !type->getPointeeType()->isIntegerType() || param.getIdentifier() == nullptr) {
    return false;
  }
  const std::string name = param.getName().ltrim('_').lower();
  return llvm::StringRef(name).contains("len") || llvm::StringRef(name).contains("size");
}

/// args[i] is computed pointer arithmetic (`v.data() + n`): the end of
/// a (first, last) range.
bool UnsafeBuffer::is_range_end(llvm::ArrayRef<const clang::Expr*> args, size_t i) {
  if (i >= args.size()) return false;
  const auto* binary = llvm::dyn_cast<clang::BinaryOperator>(args[i]->IgnoreParenImpCasts());
  return binary != nullptr && binary->isAdditiveOp() && binary->getType()->isPointerType();
}

bool UnsafeBuffer::is_filesystem_path(const clang::CXXRecordDecl* record) {
  if (record == nullptr || record->getIdentifier() == nullptr || record->getName() != "path") return false;
  return in_std_namespace(record->getDeclContext(), "filesystem");
}

void UnsafeBuffer::report_c_string(const clang::Expr& arg, const clang::FunctionDecl& fn, RuleContext& ctx) {
  const bool stream = fn.getOverloadedOperator() == clang::OO_LessLess;
  std::string callee = fn.getNameAsString();
  if (const auto* ctor = llvm::dyn_cast<clang::CXXConstructorDecl>(&fn)) callee = ctor->getParent()->getNameAsString();
  ctx.report.error(arg.getBeginLoc(), kName,
                   "'" + callee +
                       "' reads this pointer as a C string, up to a NUL terminator that .data() of this buffer "
                       "does not have (it reads past the end); " +
                       (stream ? std::string("stream the view or the range itself (out << sv, "
                                             "out.write(v.data(), v.size()))")
                               : std::string("make a terminated copy first, std::string(sv) or "
                                             "std::string(v.begin(), v.end()), and pass its c_str(), or call a "
                                             "function that also takes the length")))
      << arg.getSourceRange();
}

}  // namespace meshwa::rules::unsafe_buffer
