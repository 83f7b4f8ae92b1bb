// Taking an address (`&x`, `&Class::member`, std::addressof): where the
// address goes (passed_to), the calls that only use it during the call
// (standard number parameters, checked arithmetic, put_time, the test
// framework), member pointers handed to ranges projections, and the remedy
// the error suggests, with the lambda to write instead of `&Class::method`.
#include "RawPointer.h"

#include <cctype>

#include "Annotations.h"
#include "Instantiations.h"
#include "TypeUtil.h"
#include "clang/Lex/Lexer.h"

namespace meshwa::rules::raw_pointer {

/// `f` or `ns::f` naming a function that is not a non-static member
/// (whose address is a member pointer, a different thing).
bool RawPointer::names_function(const clang::Expr& e) {
  const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(e.IgnoreParens());
  const auto* fn = ref != nullptr ? llvm::dyn_cast<clang::FunctionDecl>(ref->getDecl()) : nullptr;
  if (fn == nullptr) return false;
  const auto* method = llvm::dyn_cast<clang::CXXMethodDecl>(fn);
  return method == nullptr || method->isStatic();
}

RawPointer::Passed RawPointer::passed_to(const clang::Expr& taken, RuleContext& ctx) {
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
bool RawPointer::is_standard_function(const clang::FunctionDecl& fn, RuleContext& ctx) {
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
bool RawPointer::is_standard_number_parameter(const Passed& passed, RuleContext& ctx) {
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

/// `std::atomic_fetch_add_explicit(&counter, 1, order)`,
/// `std::atomic_compare_exchange_strong(&flag, &expected, 2)`,
/// `std::atomic_flag_test_and_set(&lock)`: the address of a std::atomic or
/// std::atomic_flag handed to the standard non-member atomic operations
/// (and, for compare_exchange, the address of `expected`). The standard
/// defines each as the member function of the same name called on the
/// object the first parameter points to, with the other arguments
/// ([atomics.nonmembers]); a member function uses the object only during
/// the call, and none keeps a pointer it was given (compare_exchange
/// writes `expected` before it returns). Not std::atomic_load of a
/// std::shared_ptr (no atomic object), nor an operation whose result holds
/// a pointer (atomic_load of a std::atomic<T*>: judged where it is kept).
bool RawPointer::is_standard_atomic_operand(const Passed& passed, RuleContext& ctx) {
  if (passed.callee == nullptr || passed.param == nullptr) return false;
  const clang::FunctionDecl& fn = *passed.callee;
  if (llvm::isa<clang::CXXMethodDecl>(fn) || fn.getIdentifier() == nullptr || !fn.getName().starts_with("atomic_") ||
      !is_standard_function(fn, ctx) || !find_raw_pointer(fn.getReturnType()).isNull()) {
    return false;
  }
  const clang::QualType param = passed.param->getType();
  if (!param->isPointerType()) return false;
  const clang::CXXRecordDecl* pointee = param->getPointeeType()->getAsCXXRecordDecl();
  if (is_std_class(pointee, {"atomic", "atomic_flag"})) return true;
  // atomic_compare_exchange_{weak,strong}[_explicit](obj, expected, ...).
  return fn.getName().contains("compare_exchange") && passed.param->getFunctionScopeIndex() == 1;
}

/// `__builtin_add_overflow(a, b, &out)` and its sub/mul and typed
/// forms: the address of the result, a number that the builtin writes once
/// before it returns.
bool RawPointer::is_checked_arithmetic_result(const Passed& passed) {
  return passed.callee != nullptr && is_checked_arithmetic_builtin(*passed.callee);
}

/// A pointer parameter of GoogleTest / GoogleMock (namespace ::testing,
/// outside service code): an action that saves an argument through it
/// (`SaveArg<0>(&captured)`, `SaveArgPointee`, `Assign(&flag, true)`,
/// `Invoke(&fake, &Fake::Call)`) or the mock registry handed a mock
/// (`Mock::VerifyAndClearExpectations(&mock)`, `Mock::AllowLeak`). Their
/// pointers live in the mock's expectations, which a test declares with
/// the objects they point to, like the by-reference lambda action
/// (`WillOnce([&captured](const auto& a) { captured = a; })`) that is
/// accepted in their place.
bool RawPointer::is_test_framework_parameter(const Passed& passed, RuleContext& ctx) {
  if (passed.callee == nullptr || passed.param == nullptr || ctx.service_code.contains(passed.callee->getLocation())) {
    return false;
  }
  return in_top_namespace(*passed.callee, "testing");
}

/// `out << std::put_time(&tm, "%F")`, `in >> std::get_time(&tm, "%F")`:
/// the address handed to the first parameter of std::put_time /
/// std::get_time, whose result goes straight into a stream's << / >> in
/// the same expression. The manipulator keeps the pointer, but only until
/// that operator has formatted (or parsed) the time, before the
/// expression ends; kept in a variable (`auto m = std::put_time(&tm,
/// ...)`) it stays rejected.
bool RawPointer::is_streamed_time_manipulator(const Passed& passed, RuleContext& ctx) {
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

/// `std::ostream os(&sb);` (an Asio streambuf, a std::filebuf) or a
/// temporary `std::istream(&sb) >> x`: the address of a variable held by
/// value (a local, a parameter, a global) or of a member held by value,
/// handed to the constructor of a standard stream that is a temporary or a
/// plain local. The stream only keeps the buffer's address, cannot be
/// copied (nor moved: its move constructor is protected), and dies before
/// the buffer: a local declared after the buffer it names, in the buffer's
/// scope or an inner one, is destroyed first; a temporary at the end of
/// its statement. A static or reference holder stays rejected.
bool RawPointer::is_stream_over_outliving_buffer(const clang::Expr& taken, const Passed& passed, RuleContext& ctx) {
  const auto* ctor = llvm::dyn_cast_or_null<clang::CXXConstructorDecl>(passed.callee);
  if (ctor == nullptr || passed.param == nullptr || !passed.param->getType()->isPointerType() ||
      !is_std_class(ctor->getParent(), {"basic_istream", "basic_ostream", "basic_iostream"})) {
    return false;
  }
  const auto* op = llvm::dyn_cast<clang::UnaryOperator>(&taken);
  if (op == nullptr || op->getOpcode() != clang::UO_AddrOf) return false;
  const clang::Expr* buffer = op->getSubExpr()->IgnoreParenImpCasts();
  const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(buffer);
  const auto* var = ref != nullptr ? llvm::dyn_cast<clang::VarDecl>(ref->getDecl()) : nullptr;
  const bool held_by_value = (var != nullptr && !var->getType()->isReferenceType()) || is_own_value_member(buffer);
  if (!held_by_value) return false;
  const auto* construct = llvm::dyn_cast_or_null<clang::CXXConstructExpr>(ctx.parent_ignoring_implicit());
  if (construct == nullptr) return false;
  // A temporary (`std::istream(&sb) >> x`): it dies at the end of the
  // statement, unless a reference bound to it extends its life.
  const clang::Stmt* cast = nullptr;
  for (const clang::Stmt* up : ctx.stmt_parents()) {
    if (const auto* functional = llvm::dyn_cast<clang::CXXFunctionalCastExpr>(up);
        functional != nullptr && functional->getSubExpr()->IgnoreImplicit() == construct) {
      cast = functional;
    }
  }
  if (cast != nullptr || llvm::isa<clang::CXXTemporaryObjectExpr>(construct)) {
    for (const clang::Stmt* up : ctx.stmt_parents()) {
      const auto* materialized = llvm::dyn_cast<clang::MaterializeTemporaryExpr>(up);
      if (materialized != nullptr && materialized->getExtendingDecl() != nullptr) return false;
    }
    return true;
  }
  const auto* holder = ctx.decl_parents().empty() ? nullptr : llvm::dyn_cast<clang::VarDecl>(ctx.decl_parents().back());
  return holder != nullptr && holder->hasLocalStorage() && !holder->isStaticLocal() &&
         !llvm::isa<clang::ParmVarDecl>(holder) && !holder->getType()->isReferenceType() &&
         holder->getInit() != nullptr && holder->getInit()->IgnoreImplicit() == construct;
}

/// What to do instead of taking the address. Passing it by reference is
/// the remedy, unless the address goes to a library function or class
/// that only takes a pointer: a std::pmr allocator keeps the memory
/// resource's address; another library function (POSIX localtime_r) may.
std::string RawPointer::address_remedy(const Passed& passed, RuleContext& ctx) {
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

std::string RawPointer::parameter_named_after(llvm::StringRef cls) {
  llvm::StringRef last = cls.substr(0, cls.find('<'));
  if (const size_t colon = last.rfind("::"); colon != llvm::StringRef::npos) last = last.substr(colon + 2);
  for (const char c : last) {
    if (std::isalpha(static_cast<unsigned char>(c)) != 0) {
      return std::string(1, static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    }
  }
  return "x";
}

/// The message for `&Class::member`, with the lambda to write instead,
/// spelled with the user's names: a projection reading a data member,
/// `[](const User& u) { return u.age; }`; a predicate or projection calling
/// a method on the element, `[](const std::string& s) { return s.empty(); }`
/// (std::ranges::any_of(v, &std::string::empty)); `[this] { run(); }` when
/// `this` goes along in the same call (std::thread(&W::run, this),
/// std::bind_front(&Svc::on_event, this)).
std::string RawPointer::member_pointer_message(const clang::UnaryOperator& op, RuleContext& ctx) {
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
  const std::string var = parameter_named_after(cls);
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
bool RawPointer::is_ranges_projection(const clang::UnaryOperator& taken, RuleContext& ctx) {
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
bool RawPointer::is_generic_parameter_of_service_template(const Passed& passed, RuleContext& ctx) {
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
bool RawPointer::names_dependent_member(const clang::UnaryOperator& taken) {
  return llvm::isa<clang::DependentScopeDeclRefExpr>(taken.getSubExpr()->IgnoreParens());
}

/// The member pointer is an argument of a call or construction that also
/// takes `this`: the method is to be called on this object.
bool RawPointer::passed_with_this(RuleContext& ctx) {
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

/// `&other == this`, `this != &rhs`: comparing identities keeps no pointer.
/// In a template pattern whose operands depend on a parameter, an
/// `operator==` that unqualified lookup finds where the template is
/// written (any in namespace boost::intrusive, say) makes the comparison
/// an unresolved operator call, `&*i == &values[4]`: accepted when every
/// instantiation resolves it to the built-in comparison of two pointers,
/// which keeps neither; one that picks an overloaded operator== (a class
/// operand whose `operator==(const C&, T*)` receives the address) is not.
bool RawPointer::is_identity_comparison(RuleContext& ctx) {
  const clang::Stmt* parent = ctx.parent_ignoring_implicit();
  if (const auto* cmp = llvm::dyn_cast_or_null<clang::BinaryOperator>(parent)) return cmp->isEqualityOp();
  const auto* call = llvm::dyn_cast_or_null<clang::CXXOperatorCallExpr>(parent);
  if (call == nullptr || !call->isTypeDependent() ||
      (call->getOperator() != clang::OO_EqualEqual && call->getOperator() != clang::OO_ExclaimEqual)) {
    return false;
  }
  const clang::FunctionDecl* fn = ctx.enclosing_function();
  return fn != nullptr && builtin_in_every_instance(*fn, call->getOperatorLoc());
}

/// Is the comparison whose operator is at `op` in `pattern` the built-in
/// `==` / `!=` in each instantiation of `pattern`? Where the instances
/// cannot all be listed (all_instances: a lambda or a nested class inside
/// a template, 64 of them or more) the answer is no; a template with no
/// instantiation runs nowhere in this translation unit (one that
/// instantiates it judges its own), so the answer is yes.
bool RawPointer::builtin_in_every_instance(const clang::FunctionDecl& pattern, clang::SourceLocation op) {
  auto [known, fresh] = builtin_comparisons_.try_emplace({&pattern, op}, false);
  if (!fresh) return known->second;
  const auto instances = all_instances(pattern);
  if (!instances) return false;
  const bool builtin = llvm::all_of(*instances, [&](const clang::FunctionDecl* instance) {
    bool seen = false;
    bool overloaded = false;
    for_each_written_stmt(instance->getBody(), [&](const clang::Stmt& s) {
      if (const auto* cmp = llvm::dyn_cast<clang::BinaryOperator>(&s); cmp != nullptr && cmp->getOperatorLoc() == op) {
        seen = seen || cmp->isEqualityOp();
      } else if (const auto* call = llvm::dyn_cast<clang::CXXOperatorCallExpr>(&s);
                 call != nullptr && call->getOperatorLoc() == op) {
        overloaded = true;
      } else if (const auto* rewritten = llvm::dyn_cast<clang::CXXRewrittenBinaryOperator>(&s);
                 rewritten != nullptr && rewritten->getOperatorLoc() == op) {
        overloaded = true;  // `a != b` as `!(a == b)` of an operator==
      }
    });
    return seen && !overloaded;
  });
  known->second = builtin;
  return builtin;
}

}  // namespace meshwa::rules::raw_pointer
