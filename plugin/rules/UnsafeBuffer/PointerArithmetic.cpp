// The language's own buffer operations: pointer arithmetic (p + n, ++p,
// std::next on a pointer), subscripts of raw pointers and C arrays (accepted
// when a constant or a guard keeps the index in bounds, or for argv within
// argc), and a C array decaying to a pointer that has lost its size.
#include "Annotations.h"
#include "Flow.h"
#include "TypeUtil.h"
#include "UnsafeBuffer/UnsafeBuffer.h"

namespace meshwa::rules::unsafe_buffer {

/// A note at the declaration of the pointer or array, in the user's code:
/// for a member of a library type (`res.ptr` of std::to_chars_result), at
/// the user's variable holding it; none when there is no such variable.
void UnsafeBuffer::note_declaration(const clang::Expr* e, RuleContext& ctx) {
  const clang::ValueDecl* decl = named_decl(e);
  if (decl == nullptr) return;
  // `const int (&a)[4]` is a reference to a C array, not a pointer.
  const llvm::StringRef what = decl->getType().getNonReferenceType()->isArrayType() ? "a C array" : "a raw pointer";
  if (ctx.service_code.contains(decl->getLocation())) {
    ctx.report.note(decl->getLocation(), ("'" + decl->getName() + "' is " + what + " declared here").str());
    return;
  }
  // A member declared in a library: name the user's object it belongs to.
  std::string path = decl->getNameAsString();
  const clang::Expr* base = e->IgnoreParenImpCasts();
  for (int depth = 0; depth < 8; ++depth) {
    const auto* member = llvm::dyn_cast<clang::MemberExpr>(base);
    if (member == nullptr) break;
    base = member->getBase()->IgnoreParenImpCasts();
    if (const auto* outer = llvm::dyn_cast<clang::MemberExpr>(base)) {
      path = outer->getMemberDecl()->getNameAsString() + (member->isArrow() ? "->" : ".") + path;
      continue;
    }
    const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(base);
    if (ref == nullptr || !ctx.service_code.contains(ref->getDecl()->getLocation())) return;
    const std::string owner = ref->getDecl()->getNameAsString();
    ctx.report.note(ref->getDecl()->getLocation(), "'" + owner + (member->isArrow() ? "->" : ".") + path + "' is " +
                                                       what.str() + "; '" + owner + "' is declared here");
    return;
  }
}

void UnsafeBuffer::check_subscript(const clang::ArraySubscriptExpr& e, RuleContext& ctx) {
  // `this->map_["key"]`, `a[i]` with `T& a`: with an operand of dependent
  // type, the pattern cannot tell the array from the index (getBase() takes
  // the string literal for the array) nor a class's operator[] from a
  // built-in subscript. Judged in each instantiation (check_function).
  if (e.getLHS()->isTypeDependent() || e.getRHS()->isTypeDependent()) return;
  // `kTable[I]` with a template parameter `int I`, `a_[N - 1]` on a
  // `T a_[N]`: whether the index is in bounds is known per instantiation.
  if (is_value_dependent_array_subscript(e)) return;
  const clang::Expr* base = e.getBase()->IgnoreParenImpCasts();
  const clang::QualType base_type = base->getType();
  if (base_type.isNull()) return;
  if (ctx.runs_only_at_compile_time(&e)) return;
  // The element-wise copy the compiler writes for a C array captured by
  // value (`[arr] { ... }`), bound by value (`auto [x, y] = arr;`) or a
  // member of an implicit copy: its index runs over exactly the array.
  if (llvm::isa<clang::ArrayInitIndexExpr>(e.getIdx()->IgnoreParenImpCasts())) return;
  // p[i] where p is a pointer (also i[p]: getBase() normalises the order).
  if (is_library_iterator_pointer(base_type)) return;  // std::array<T, N>::iterator: an iterator
  if (base_type->isAnyPointerType()) {
    if (is_argument_within_argc(e, ctx)) return;
    ctx.report.error(e.getExprLoc(), kName,
                     "indexing a raw pointer is not bounds-checked; keep the elements in a std::vector or "
                     "std::array and index that (operator[] is checked under -D_GLIBCXX_ASSERTIONS)")
        << e.getSourceRange();
    note_declaration(base, ctx);
    return;
  }
  if (!base_type->isArrayType()) return;  // vector extensions and the like
  if (in_bounds_constant(e, base_type, ctx)) return;
  if (in_bounds_by_guard(e, base_type, ctx)) return;
  if (in_bounds_reaching_constants(e, base_type, ctx)) return;
  if (in_bounds_in_every_instance(e, ctx)) return;
  ctx.report.error(e.getExprLoc(), kName,
                   "indexing a C array with an index not known to be in bounds is not bounds-checked; "
                   "use std::array<T, N> (operator[] is checked under -D_GLIBCXX_ASSERTIONS)")
      << e.getSourceRange();
  note_declaration(base, ctx);
}

/// A subscript of a C array (not a pointer: its index is never in bounds)
/// whose index or length depends on a template parameter's value.
bool UnsafeBuffer::is_value_dependent_array_subscript(const clang::ArraySubscriptExpr& e) {
  const clang::Expr* base = e.getBase()->IgnoreParenImpCasts();
  if (base->getType().isNull() || !base->getType()->isArrayType()) return false;
  return e.getIdx()->isValueDependent() || base->getType()->isDependentType();
}

/// a[3] on `T a[10]`: provably in bounds.
bool UnsafeBuffer::in_bounds_constant(const clang::ArraySubscriptExpr& e, clang::QualType base_type, RuleContext& ctx) {
  const auto* array = ctx.ast.getAsConstantArrayType(base_type);
  if (array == nullptr) return false;
  const clang::Expr* index = e.getIdx();
  if (index->isValueDependent() || index->isTypeDependent()) return false;
  clang::Expr::EvalResult result;
  if (!index->EvaluateAsInt(result, ctx.ast)) return false;
  const llvm::APSInt& value = result.Val.getInt();
  if (value.isSigned() && value.isNegative()) return false;
  return value.getZExtValue() < array->getSize().getZExtValue();
}

/// `int data = -1; data = 7; ... buffer[data]` on `int buffer[10]`: every
/// constant the writes before the read leave in the local index (or the
/// constructors in a private member index) is in bounds (a test in between only narrows them further).
bool UnsafeBuffer::in_bounds_reaching_constants(const clang::ArraySubscriptExpr& e, clang::QualType base_type,
                                                RuleContext& ctx) {
  const auto* array = ctx.ast.getAsConstantArrayType(base_type);
  // (`buffer[static_cast<short>(data)]`: its constants as the casts give them.)
  llvm::SmallVector<clang::QualType, 2> casts;
  const clang::VarDecl* var = flow::variable_named(under_integer_casts(e.getIdx(), casts));
  if (array == nullptr || e.getIdx()->isValueDependent()) return false;
  // (A private member index: what the constructors leave in it, Juliet 83, 84.)
  llvm::SmallVector<llvm::APSInt, 4> values =
      var != nullptr ? reaching_constants(*var, ctx.stmt_parents(), &e, ctx, /*depth=*/0, /*through_tests=*/true)
                     : member_index_constants(e.getIdx(), ctx, /*through_tests=*/true);
  for (const clang::QualType type : casts) {
    llvm::SmallVector<llvm::APSInt, 4> converted;
    add_converted(values, ctx.ast.getIntWidth(type), type->isUnsignedIntegerOrEnumerationType(), converted);
    values = std::move(converted);
  }
  const uint64_t length = array->getSize().getZExtValue();
  return !values.empty() && llvm::all_of(values, [&](const llvm::APSInt& v) {
    return !(v.isSigned() && v.isNegative()) && v.getActiveBits() <= 63 && v.getZExtValue() < length;
  });
}

/// `dr[k]` on `const int dr[4]` inside `for (int k = 0; k < 4; ++k)`: an
/// enclosing condition bounds the index by a constant no larger than the
/// array's length (`k < 4`, `k <= 3`, `k < std::size(dr)`, `k <
/// sizeof(dr) / sizeof(dr[0])`), see index_shown_in_bounds.
bool UnsafeBuffer::in_bounds_by_guard(const clang::ArraySubscriptExpr& e, clang::QualType base_type, RuleContext& ctx) {
  const auto* array = ctx.ast.getAsConstantArrayType(base_type);
  if (array == nullptr || e.getIdx()->isValueDependent() || e.getIdx()->isTypeDependent()) return false;
  const llvm::APInt length = array->getSize();
  const auto bound_ok = [&](const clang::Expr* bound, bool strict) {
    clang::Expr::EvalResult value;
    if (bound->isValueDependent()) return false;
    const auto keeps_inside = [&](const llvm::APSInt& k) {
      if (k.isSigned() && k.isNegative()) return true;  // no index passes
      if (k.getActiveBits() > 63) return false;
      const uint64_t limit = k.getZExtValue();
      return strict ? limit <= length.getZExtValue() : limit < length.getZExtValue();
    };
    if (bound->EvaluateAsInt(value, ctx.ast)) return keeps_inside(value.Val.getInt());
    // `int n = sizeof(a) / sizeof(a[0]); for (int i = 0; i < n; ++i)`:
    // a local variable of this function, initialised with a constant
    // and never written, is that constant.
    const clang::VarDecl* var = unwritten_local(bound, ctx);
    if (var != nullptr && var->getInit() != nullptr && !var->getInit()->isValueDependent() &&
        var->getInit()->EvaluateAsInt(value, ctx.ast)) {
      return keeps_inside(value.Val.getInt());
    }
    // One written again elsewhere (`n = sizeof(b) / sizeof(b[0]);` for
    // the next array): the constants that reach the test.
    const llvm::SmallVector<llvm::APSInt, 4> values = bound_constants(bound, ctx);
    return !values.empty() && llvm::all_of(values, keeps_inside);
  };
  // A C array's length never changes.
  return index_shown_in_bounds(e, e.getIdx(), e.getBase()->IgnoreParenImpCasts(), /*resizable=*/false, bound_ok,
                               ctx);
}

/// `e` names a local variable of the enclosing function that nothing in
/// it writes (only_read over the body), or null.
const clang::VarDecl* UnsafeBuffer::unwritten_local(const clang::Expr* e, RuleContext& ctx) {
  const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(e->IgnoreParenImpCasts());
  const auto* var = ref != nullptr ? llvm::dyn_cast<clang::VarDecl>(ref->getDecl()) : nullptr;
  const clang::FunctionDecl* fn = ctx.enclosing_function();
  if (var == nullptr || fn == nullptr || !var->isLocalVarDecl() || var->isStaticLocal() ||
      var->getType()->isReferenceType() || var->getDeclContext() != fn) {
    return nullptr;
  }
  // (is_only_read: one walk of the body answers for all its locals.)
  return is_only_read(*var) ? var : nullptr;
}

void UnsafeBuffer::check_binary(const clang::BinaryOperator& e, RuleContext& ctx) {
  switch (e.getOpcode()) {
    case clang::BO_Add:
    case clang::BO_Sub:
    case clang::BO_AddAssign:
    case clang::BO_SubAssign:
      break;
    default:
      return;
  }
  const clang::Expr* pointer = is_pointer(e.getLHS()) ? e.getLHS() : is_pointer(e.getRHS()) ? e.getRHS() : nullptr;
  if (pointer == nullptr) return;
  if (ctx.runs_only_at_compile_time(&e)) return;
  if (is_data_plus_size(e) && used_as_end_or_indexed(e, ctx)) return;
  if (is_whole_array_range_end(e, ctx)) return;
  if (e.getOpcode() == clang::BO_Add && is_argv_and_argc(e.getLHS(), e.getRHS())) return;
  // p - q: the distance between two pointers, an integer. It reads no
  // memory and forms no pointer (clang's -Wunsafe-buffer-usage does not
  // flag it either); `res.ptr - buf.data()` after std::to_chars is the
  // length written. What is done with the distance is judged where it is
  // used (buf.data() + n is pointer arithmetic again). Only a pointer can
  // have a pointer subtracted from it, so in a template `r.ptr -
  // buf.data()` with `r` of dependent type is that distance too.
  if (e.getOpcode() == clang::BO_Sub && e.getRHS()->getType()->isAnyPointerType() &&
      (e.getLHS()->getType()->isAnyPointerType() || e.getLHS()->isTypeDependent())) {
    return;
  }
  ctx.report.error(e.getOperatorLoc(), kName, "pointer arithmetic is not bounds-checked; " + arithmetic_remedy(e, ctx))
      << e.getSourceRange();
  note_declaration(pointer, ctx);
}

/// The remedy for pointer arithmetic `e`. std::from_chars and std::to_chars
/// take their range as two pointers only, so "indices or iterators" could
/// not be followed there (probe api18: `std::from_chars(d.data(), d.data() +
/// 4, year)` for the year of a date); the form that is accepted, a whole
/// string's data() and data() + size(), of a view cut to the part, can.
std::string UnsafeBuffer::arithmetic_remedy(const clang::BinaryOperator& e, RuleContext& ctx) {
  const std::optional<PassedTo> passed = passed_to(e, ctx);
  if (passed && is_std_callee(passed->callee) && passed->callee->getIdentifier() != nullptr) {
    const llvm::StringRef name = passed->callee->getName();
    if (name == "from_chars" || name == "to_chars") {
      return ("std::" + name +
              " takes its range as two pointers: hand it a whole string's, s.data() and s.data() + s.size() "
              "(accepted), cutting the part out first (std::string_view part = std::string_view(s).substr(0, 4);)")
          .str();
    }
  }
  return "use a container (std::vector, std::array, std::string) with indices or iterators instead";
}

/// `c.insert(pos, arr, arr + std::size(arr))`, `std::vector<int> v(arr, arr +
/// 3)`, `std::string s(arr, arr + 3)` on `int arr[3]`: `e` is one end of a C
/// array and the array plus its own length handed to a standard function's
/// (first, last) parameters. That pair is std::begin(arr), std::end(arr) by
/// another spelling: the whole array as a range, which the callee walks and
/// never passes. Either end alone, another offset, or parameters that are
/// no range (the output of std::copy) stay pointer arithmetic and a decay.
bool UnsafeBuffer::is_whole_array_range_end(const clang::Expr& e, RuleContext& ctx) {
  const std::optional<PassedTo> passed = passed_to(e, ctx);
  if (!passed || !is_std_callee(passed->callee)) return false;
  const clang::FunctionDecl* callee = passed->callee;
  const llvm::ArrayRef<const clang::Expr*> args = passed->args;
  const size_t k = passed->index;
  const auto range_from = [&](size_t first) {
    return first + 1 < args.size() && first + 1 < callee->getNumParams() && takes_as_one_range(*callee, first) &&
           is_whole_array_range(args[first], args[first + 1], ctx);
  };
  return range_from(k) || (k > 0 && range_from(k - 1));
}

/// Parameters `first` and `first + 1` of the standard function `callee`
/// are one (first, last) range it walks: those the library names so
/// (is_range_parameter_pair), and the other names libstdc++ gives a range:
/// the two parts of a range split at a point (`__first`/`__middle`,
/// `__middle`/`__last` of std::rotate and std::partial_sort, `__nth` of
/// std::nth_element), `__beg`/`__end` and `__begin`/`__end` (std::string's
/// iterator-pair constructor and insert, std::seed_seq), `__s`/`__e` and
/// `__b`/`__e` (std::regex_search, std::regex_match), and per class:
/// std::basic_string::replace's part replaced (`__i1`/`__i2`) and new text
/// (`__k1`/`__k2`), std::ranges::subrange's `__i`/`__s`, the regex
/// iterators' `__a`/`__b`. A position (insert's `__position`, the output
/// of std::copy) is never one end of a range. The one place that says
/// which parameter pairs are a range: the whole-array pair, the pair of two
/// containers and the reversed range all ask it.
bool UnsafeBuffer::takes_as_one_range(const clang::FunctionDecl& callee, size_t first) {
  const clang::ParmVarDecl& a = *callee.getParamDecl(first);
  const clang::ParmVarDecl& b = *callee.getParamDecl(first + 1);
  if (is_range_parameter_pair(a, b)) return true;
  if (a.getIdentifier() == nullptr || b.getIdentifier() == nullptr) return false;
  const std::pair<llvm::StringRef, llvm::StringRef> names{a.getName(), b.getName()};
  using Names = std::pair<llvm::StringRef, llvm::StringRef>;
  static const Names kAnyCallee[] = {{"__first", "__middle"}, {"__middle", "__last"}, {"__first", "__nth"},
                                     {"__nth", "__last"},     {"__beg", "__end"},     {"__begin", "__end"},
                                     {"__s", "__e"},          {"__b", "__e"}};
  if (llvm::is_contained(kAnyCallee, names)) return true;
  const auto* method = llvm::dyn_cast<clang::CXXMethodDecl>(&callee);
  const clang::CXXRecordDecl* record = method != nullptr ? method->getParent() : nullptr;
  if (record == nullptr) return false;
  if (is_std_record_named(record, "subrange")) return names == Names{"__i", "__s"};
  if (is_std_class(record, {"regex_iterator", "regex_token_iterator"})) return names == Names{"__a", "__b"};
  return is_std_class(record, {"basic_string"}) && (names == Names{"__i1", "__i2"} || names == Names{"__k1", "__k2"});
}

/// `e` (whose parents are `parents`, outermost first: ctx's for the
/// statement being checked) with the parentheses and implicit conversions
/// around it, and the statement that uses that (null at the top).
UnsafeBuffer::Use UnsafeBuffer::use_of(const clang::Expr& e, llvm::ArrayRef<const clang::Stmt*> parents) {
  Use use{&e, nullptr, {}};
  for (size_t i = parents.size(); i-- > 0;) {
    if (!llvm::isa<clang::ImplicitCastExpr, clang::ParenExpr>(parents[i])) {
      use.parent = parents[i];
      use.above = parents.take_front(i);
      break;
    }
    use.expr = llvm::cast<clang::Expr>(parents[i]);
  }
  return use;
}

/// The call or construction (not an operator call) whose argument the
/// used expression is; nullopt when it is none's.
std::optional<UnsafeBuffer::PassedTo> UnsafeBuffer::passed_to(const Use& use) {
  const auto [argument, call, above] = use;
  PassedTo passed;
  if (const auto* construct = llvm::dyn_cast_or_null<clang::CXXConstructExpr>(call)) {
    passed.callee = construct->getConstructor();
    passed.args = llvm::ArrayRef(construct->getArgs(), construct->getNumArgs());
  } else if (const auto* plain = llvm::dyn_cast_or_null<clang::CallExpr>(call);
             plain != nullptr && !llvm::isa<clang::CXXOperatorCallExpr>(plain)) {
    passed.callee = plain->getDirectCallee();
    passed.args = llvm::ArrayRef(plain->getArgs(), plain->getNumArgs());
  }
  const auto* at = llvm::find(passed.args, argument);
  if (passed.callee == nullptr || at == passed.args.end()) return std::nullopt;
  passed.index = static_cast<size_t>(at - passed.args.begin());
  return passed;
}

/// `first` names a C array of known length and `last` is that same array
/// plus its length in elements: `arr + 3`, `arr + std::size(arr)`, `arr +
/// sizeof arr / sizeof *arr` on `int arr[3]`.
bool UnsafeBuffer::is_whole_array_range(const clang::Expr* first, const clang::Expr* last, RuleContext& ctx) {
  const clang::Expr* array = first->IgnoreParenImpCasts();
  const auto* type = ctx.ast.getAsConstantArrayType(array->getType());
  const auto* plus = llvm::dyn_cast<clang::BinaryOperator>(last->IgnoreParenImpCasts());
  if (type == nullptr || plus == nullptr || plus->getOpcode() != clang::BO_Add) return false;
  const clang::Expr* base = plus->getLHS();
  const clang::Expr* offset = plus->getRHS();
  if (!base->getType()->isPointerType()) std::swap(base, offset);  // 3 + arr
  if (!same_object(array, base->IgnoreParenImpCasts())) return false;
  const uint64_t length = type->getSize().getZExtValue();
  clang::Expr::EvalResult value;
  if (!offset->isValueDependent() && offset->EvaluateAsInt(value, ctx.ast)) {
    const llvm::APSInt& n = value.Val.getInt();
    return !(n.isSigned() && n.isNegative()) && n.getActiveBits() <= 63 && n.getZExtValue() == length;
  }
  // std::size(arr) / std::ssize(arr) of the same array (not a constant
  // when the array is a local that is not constexpr).
  const auto* size = llvm::dyn_cast<clang::CallExpr>(without_widening_integer_casts(offset, ctx.ast));
  const clang::FunctionDecl* fn = size != nullptr ? size->getDirectCallee() : nullptr;
  return fn != nullptr && fn->isInStdNamespace() && fn->getIdentifier() != nullptr &&
         (fn->getName() == "size" || fn->getName() == "ssize") && size->getNumArgs() == 1 &&
         same_object(size->getArg(0), array);
}

/// `argv` and `argc` of `main` itself: the C runtime guarantees argv holds
/// argc pointers (and a null one after them), so `argv + argc` is its end
/// and `std::vector<std::string> args(argv, argv + argc)` or
/// `std::span(argv, argc)` take exactly the arguments.
bool UnsafeBuffer::is_argv_and_argc(const clang::Expr* pointer, const clang::Expr* count) {
  const auto* argv = llvm::dyn_cast<clang::DeclRefExpr>(pointer->IgnoreParenImpCasts());
  if (argv == nullptr) return false;
  const clang::ASTContext& ast = argv->getDecl()->getASTContext();
  // `std::span(argv, static_cast<std::size_t>(argc))`: argc is never
  // negative, and a cast to an integer at least as wide keeps it.
  count = count->IgnoreParenImpCasts();
  while (const auto* cast = llvm::dyn_cast<clang::ExplicitCastExpr>(count)) {
    const clang::QualType to = cast->getType();
    const clang::QualType from = cast->getSubExpr()->IgnoreParenImpCasts()->getType();
    if (!to->isIntegerType() || !from->isIntegerType() || to->isBooleanType()) break;
    if (ast.getIntWidth(to) < ast.getIntWidth(from)) break;
    count = cast->getSubExpr()->IgnoreParenImpCasts();
  }
  const auto* argc = llvm::dyn_cast<clang::DeclRefExpr>(count);
  if (argc == nullptr) return false;
  const auto* argv_parm = llvm::dyn_cast<clang::ParmVarDecl>(argv->getDecl());
  const auto* argc_parm = llvm::dyn_cast<clang::ParmVarDecl>(argc->getDecl());
  if (argv_parm == nullptr || argc_parm == nullptr) return false;
  const auto* main = llvm::dyn_cast<clang::FunctionDecl>(argv_parm->getDeclContext());
  if (main == nullptr || !main->isMain() || main->getNumParams() < 2) return false;
  // Neither may have been changed since (++argv, --argc): only read.
  return main->getParamDecl(0) == argc_parm && main->getParamDecl(1) == argv_parm && is_only_read(*argc_parm) &&
         is_only_read(*argv_parm);
}

/// `main`'s own argv and argc, neither changed in `main`: argv then has
/// argc + 1 elements (the last a null pointer), as the C runtime makes it.
/// The argc parameter, else nullptr.
const clang::ParmVarDecl* UnsafeBuffer::unchanged_main_argc(const clang::Expr* pointer) {
  const auto* argv = llvm::dyn_cast<clang::DeclRefExpr>(pointer->IgnoreParenImpCasts());
  const auto* argv_parm = argv != nullptr ? llvm::dyn_cast<clang::ParmVarDecl>(argv->getDecl()) : nullptr;
  if (argv_parm == nullptr) return nullptr;
  const auto* main = llvm::dyn_cast<clang::FunctionDecl>(argv_parm->getDeclContext());
  if (main == nullptr || !main->isMain() || main->getNumParams() < 2 || main->getParamDecl(1) != argv_parm) {
    return nullptr;
  }
  const clang::ParmVarDecl* argc_parm = main->getParamDecl(0);
  return is_only_read(*argc_parm) && is_only_read(*argv_parm) ? argc_parm : nullptr;
}

/// `argv[0]`, `argv[i]` where the code shows `i < argc` or `i <= argc`
/// (index_shown_in_bounds: `for (int i = 1; i < argc; ++i) argv[i]`), and
/// a constant `argv[c]` where it shows `argc >= c` (`argc > 1 ? argv[1] :
/// ""`, `if (argc < 3) return 1; ... argv[2]`). Every index up to argc is
/// within argv (argv[argc] is its terminating null).
bool UnsafeBuffer::is_argument_within_argc(const clang::ArraySubscriptExpr& e, RuleContext& ctx) {
  const clang::ParmVarDecl* argc = unchanged_main_argc(e.getBase());
  if (argc == nullptr) return false;
  const clang::Expr* index = e.getIdx()->IgnoreParenImpCasts();
  const auto is_argc = [&](const clang::Expr* x) {
    const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(x->IgnoreParenImpCasts());
    return ref != nullptr && ref->getDecl() == argc;
  };
  clang::Expr::EvalResult value;
  if (index->isValueDependent() || !index->EvaluateAsInt(value, ctx.ast)) {
    return index_shown_in_bounds(e, index, e.getBase(), /*resizable=*/false,
                                 [&](const clang::Expr* bound, bool) { return is_argc(bound); }, ctx);
  }
  if (value.Val.getInt().isNegative()) return false;
  const uint64_t wanted = value.Val.getInt().getZExtValue();
  if (wanted == 0) return true;
  // A conjunct of `cond`, as it holds where the access runs, that keeps
  // argc at `wanted` or above.
  const auto keeps_argc = [&](auto& self, const clang::Expr* cond, bool negated) -> bool {
    if (const clang::BinaryOperator* both = split(cond, negated)) {
      return self(self, both->getLHS(), negated) || self(self, both->getRHS(), negated);
    }
    const auto* cmp = llvm::dyn_cast<clang::BinaryOperator>(cond);
    if (cmp == nullptr || !cmp->isComparisonOp()) return false;
    const bool argc_left = is_argc(cmp->getLHS());
    if (argc_left == is_argc(cmp->getRHS())) return false;
    const clang::Expr* other = argc_left ? cmp->getRHS() : cmp->getLHS();
    clang::Expr::EvalResult bound;
    if (other->isValueDependent() || !other->EvaluateAsInt(bound, ctx.ast)) return false;
    const int64_t k = bound.Val.getInt().getSExtValue();
    // The comparison as it holds, written argc-first.
    clang::BinaryOperatorKind op = holding(*cmp, negated);
    if (!argc_left) op = clang::BinaryOperator::reverseComparisonOp(op);
    const int64_t at_least = op == clang::BO_GT ? k + 1 : (op == clang::BO_GE || op == clang::BO_EQ) ? k : -1;
    return !(negated && cmp->getOpcode() == clang::BO_EQ) && at_least >= 0 &&
           static_cast<uint64_t>(at_least) >= wanted;
  };
  const auto holds = [&](const clang::Expr* cond, bool negated) {
    return cond != nullptr && keeps_argc(keeps_argc, cond, negated);
  };
  const llvm::ArrayRef<const clang::Stmt*> parents = ctx.stmt_parents();
  const clang::Stmt* child = &e;
  for (size_t i = parents.size(); i-- > 0; child = parents[i]) {
    const clang::Stmt* parent = parents[i];
    if (llvm::isa<clang::LambdaExpr>(parent)) return false;
    if (const auto* s = llvm::dyn_cast<clang::IfStmt>(parent); s != nullptr && child != s->getCond()) {
      if (holds(s->getCond(), child == s->getElse())) return true;
    } else if (const auto* s = llvm::dyn_cast<clang::WhileStmt>(parent); s != nullptr && child == s->getBody()) {
      if (holds(s->getCond(), false)) return true;
    } else if (const auto* s = llvm::dyn_cast<clang::ForStmt>(parent); s != nullptr && child == s->getBody()) {
      if (holds(s->getCond(), false)) return true;
    } else if (const auto* s = llvm::dyn_cast<clang::ConditionalOperator>(parent); s != nullptr && child != s->getCond()) {
      if (holds(s->getCond(), child == s->getFalseExpr())) return true;
    } else if (const auto* s = llvm::dyn_cast<clang::BinaryOperator>(parent);
               s != nullptr && s->isLogicalOp() && child == s->getRHS()) {
      if (holds(s->getLHS(), s->getOpcode() == clang::BO_LOr)) return true;
    } else if (const auto* block = llvm::dyn_cast<clang::CompoundStmt>(parent)) {
      // `if (argc < 3) return 1;` earlier in the block: false after it.
      const clang::Stmt* const* here = llvm::find(block->body(), child);
      unsigned looked = 0;
      for (const clang::Stmt* const* it = here;
           it != block->body_begin() && here != block->body_end() && looked++ < kEarlierStatementsLooked;) {
        const auto* branch = llvm::dyn_cast<clang::IfStmt>(*--it);
        if (branch != nullptr && branch->getElse() == nullptr && always_leaves(branch->getThen()) &&
            holds(branch->getCond(), true)) {
          return true;
        }
      }
    }
  }
  return false;
}

/// `s.data() + s.size()`: the end of a standard container's own storage,
/// what std::from_chars / std::to_chars take as `last`. One past the end:
/// accepted where it is used as that end (used_as_end_or_indexed).
bool UnsafeBuffer::is_data_plus_size(const clang::BinaryOperator& e) {
  return e.getOpcode() == clang::BO_Add && is_data_and_size_of_one_object(e.getLHS(), e.getRHS());
}

/// `s.data() + s.size()` (`e`) used as the end it is, never read through:
/// compared (`ptr == s.data() + s.size()`), a pointer subtracted from or
/// from it, given to a parameter named as a range's end (`std::from_chars(
/// s.data(), s.data() + s.size(), n)`, `std::string(p, s.data() +
/// s.size())`), or held in a pointer variable or returned (raw-pointer
/// reports those). Not dereferenced, indexed, a member read through it, nor
/// handed to any other parameter (`std::copy`'s output, `std::memcpy`'s
/// destination), which would read or write the element past the last.
/// Indexed (`(s.data() + s.size())[-1]`), it is reported once, as indexing
/// a raw pointer (check_subscript).
bool UnsafeBuffer::used_as_end_or_indexed(const clang::BinaryOperator& e, RuleContext& ctx) {
  const Use used = through_choices(use_of(e, ctx));
  if (const Use element = through_holder_wrappers(used); is_holder_of(element)) return only_held(element);
  const auto [use, parent, above] = used;
  if (parent == nullptr) return false;
  if (llvm::isa<clang::ArraySubscriptExpr>(parent)) return true;
  if (const auto* binary = llvm::dyn_cast<clang::BinaryOperator>(parent)) {
    if (binary->isComparisonOp()) return true;
    if (binary->getOpcode() == clang::BO_Assign) return binary->getRHS() == use;
    return binary->getOpcode() == clang::BO_Sub && binary->getLHS()->getType()->isAnyPointerType() &&
           binary->getRHS()->getType()->isAnyPointerType();
  }
  if (llvm::isa<clang::DeclStmt, clang::ReturnStmt>(parent)) return true;
  if (const std::optional<PassedTo> passed = passed_to(used)) {
    return ends_a_range(*passed->callee, passed->index);
  }
  // In a template, `std::to_chars(buf.data(), buf.data() + buf.size(),
  // value)` with a dependent `value` is not resolved yet: every candidate
  // the name finds takes it as a range's end (a deleted one, such as
  // to_chars' for bool, is never called).
  const auto* call = llvm::dyn_cast<clang::CallExpr>(parent);
  const auto* lookup = call != nullptr ? llvm::dyn_cast<clang::UnresolvedLookupExpr>(call->getCallee()) : nullptr;
  if (lookup == nullptr || lookup->getNumDecls() == 0) return false;
  const llvm::ArrayRef<const clang::Expr*> args(call->getArgs(), call->getNumArgs());
  const auto* at = llvm::find(args, use);
  if (at == args.end()) return false;
  const auto index = static_cast<size_t>(at - args.begin());
  for (const clang::NamedDecl* candidate : lookup->decls()) {
    const clang::FunctionDecl* fn = candidate->getUnderlyingDecl()->getAsFunction();
    if (fn != nullptr && fn->isDeleted()) continue;
    if (fn == nullptr || !ends_a_range(*fn, index)) return false;
  }
  return true;
}

/// `use` seen through the `?:`s whose arm it is: a `?:` gives the pointer
/// in its arm itself, so it is used as the `?:` is (`p == (c ? s.data() +
/// s.size() : q)`). Not its condition, which only tests it.
UnsafeBuffer::Use UnsafeBuffer::through_choices(Use use) {
  while (const auto* choice = llvm::dyn_cast_or_null<clang::ConditionalOperator>(use.parent)) {
    if (use.expr == choice->getCond()) break;
    use = use_of(*choice, use.above);
  }
  return use;
}

/// An element of `{v.data(), v.data() + v.size()}` or of a std::pair of
/// pointers (`element`, is_holder_of) is kept in that object: accepted
/// where the object, through the lists and pairs around it, is held in a
/// variable or returned, as the pointer itself is (raw-pointer reports the
/// variable, the member or the return type holding a raw pointer). Handed
/// to a function or an operator, the callee may read through it.
bool UnsafeBuffer::only_held(Use element) {
  while (is_holder_of(element)) {
    const Use holder = use_of(*llvm::cast<clang::Expr>(element.parent), element.above);
    element = through_holder_wrappers(through_choices(through_holder_wrappers(holder)));
  }
  return llvm::isa_and_nonnull<clang::DeclStmt, clang::ReturnStmt>(element.parent);
}

/// The used expression is an element of what only keeps it: a braced
/// list (an aggregate, a C array), or the arguments of a std::pair or
/// std::tuple constructor, std::make_pair or std::make_tuple.
bool UnsafeBuffer::is_holder_of(const Use& use) {
  if (const auto* list = llvm::dyn_cast_or_null<clang::InitListExpr>(use.parent)) {
    return is_element_of(*list, *use.expr);
  }
  const clang::FunctionDecl* callee = nullptr;
  llvm::ArrayRef<const clang::Expr*> args;
  if (const auto* construct = llvm::dyn_cast_or_null<clang::CXXConstructExpr>(use.parent)) {
    if (!is_std_class(construct->getConstructor()->getParent(), {"pair", "tuple"})) return false;
    callee = construct->getConstructor();
    args = llvm::ArrayRef(construct->getArgs(), construct->getNumArgs());
  } else if (const auto* call = llvm::dyn_cast_or_null<clang::CallExpr>(use.parent)) {
    callee = call->getDirectCallee();
    if (callee == nullptr || !callee->isInStdNamespace() || callee->getIdentifier() == nullptr ||
        (callee->getName() != "make_pair" && callee->getName() != "make_tuple")) {
      return false;
    }
    args = llvm::ArrayRef(call->getArgs(), call->getNumArgs());
  }
  return callee != nullptr && llvm::is_contained(args, use.expr);
}

/// `e` initialises an element of the braced list `list`, or of a list
/// nested in it where braces were left out (`std::array<int*, 2> a{p,
/// q}`). The walk goes through the list as written, under its semantic
/// form: the elements there carry their conversions to the members, and
/// the elided braces are lists of their own.
bool UnsafeBuffer::is_element_of(const clang::InitListExpr& list, const clang::Expr& e) {
  return llvm::any_of(list.inits(), [&](const clang::Expr* init) {
    if (init == nullptr) return false;
    if (const auto* nested = llvm::dyn_cast<clang::InitListExpr>(init); nested != nullptr && nested != &e) {
      return is_element_of(*nested, e);
    }
    return init->IgnoreParenImpCasts() == e.IgnoreParenImpCasts();
  });
}

/// `use` (of an object holding a pointer) seen through what makes or keeps
/// that same object: a temporary's materialisation and destruction, the
/// end of a full expression, and a functional cast to its own class
/// (`Range{p, q}`, `std::pair{p, q}`).
UnsafeBuffer::Use UnsafeBuffer::through_holder_wrappers(Use use) {
  while (use.parent != nullptr) {
    const auto* cast = llvm::dyn_cast<clang::CXXFunctionalCastExpr>(use.parent);
    const bool same_object = cast != nullptr && (cast->getCastKind() == clang::CK_NoOp ||
                                                 cast->getCastKind() == clang::CK_ConstructorConversion);
    if (!same_object && !llvm::isa<clang::MaterializeTemporaryExpr, clang::ExprWithCleanups,
                                   clang::CXXBindTemporaryExpr>(use.parent)) {
      break;
    }
    use = use_of(*llvm::cast<clang::Expr>(use.parent), use.above);
  }
  return use;
}

/// Parameter `index` of `fn` is named as the end of a range: `__last`,
/// `__last1`, `__end`, `last`, `end`, or is the sentinel of
/// std::ranges::subrange's (iterator, sentinel) constructor, which
/// libstdc++ names `__s` (libc++ `__sent`): the subrange compares its
/// iterator with it and never reads through it.
bool UnsafeBuffer::ends_a_range(const clang::FunctionDecl& fn, size_t index) {
  if (index >= fn.getNumParams() || fn.getParamDecl(index)->getIdentifier() == nullptr) return false;
  const llvm::StringRef name = fn.getParamDecl(index)->getName().ltrim('_');
  if (const auto* ctor = llvm::dyn_cast<clang::CXXConstructorDecl>(&fn);
      ctor != nullptr && is_std_record_named(ctor->getParent(), "subrange")) {
    return index == 1 && (name == "s" || name == "sent");
  }
  return name == "end" || name.rtrim("0123456789") == "last";
}

void UnsafeBuffer::check_unary(const clang::UnaryOperator& e, RuleContext& ctx) {
  if (!e.isIncrementDecrementOp() || !is_pointer(e.getSubExpr())) return;
  if (ctx.runs_only_at_compile_time(&e)) return;
  ctx.report.error(e.getOperatorLoc(), kName,
                   "incrementing or decrementing a pointer is not bounds-checked; iterate a container with "
                   "range-for, iterators or indices instead")
      << e.getSourceRange();
  note_declaration(e.getSubExpr(), ctx);
}

/// std::next / std::prev / std::advance on a raw pointer: pointer
/// arithmetic under another name.
void UnsafeBuffer::check_step_call(const clang::CallExpr& call, RuleContext& ctx) {
  if (llvm::isa<clang::CXXOperatorCallExpr, clang::CXXMemberCallExpr>(call) || call.getNumArgs() == 0) return;
  const clang::FunctionDecl* callee = call.getDirectCallee();
  if (callee == nullptr || callee->getIdentifier() == nullptr || !callee->isInStdNamespace()) return;
  const llvm::StringRef fn = callee->getName();
  if (fn != "next" && fn != "prev" && fn != "advance") return;
  const clang::Expr* target = call.getArg(0);
  if (!is_pointer(target)) return;
  if (ctx.runs_only_at_compile_time(&call)) return;
  ctx.report.error(call.getBeginLoc(), kName,
                   ("std::" + fn +
                    " on a raw pointer is pointer arithmetic: nothing checks that the result stays in the "
                    "buffer; use the container's iterators, or an index")
                       .str())
      << call.getSourceRange();
  note_declaration(target, ctx);
}

/// A const array of characters initialised from a string literal
/// (`constexpr char kName[] = "svc";`, `static const char kHeader[16] =
/// "GET ";`): a named literal. Its terminator is there and nothing can
/// overwrite it, so what reads it up to the NUL stays inside, as for the
/// literal itself.
bool UnsafeBuffer::is_constant_text_array(const clang::Expr* e) {
  const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(e->IgnoreParenImpCasts());
  const auto* var = ref != nullptr ? llvm::dyn_cast<clang::VarDecl>(ref->getDecl()) : nullptr;
  if (var == nullptr || var->getInit() == nullptr) return false;
  const clang::QualType type = var->getType();
  const clang::ArrayType* array = type->getAsArrayTypeUnsafe();
  if (array == nullptr || !array->getElementType().isConstQualified() ||
      !array->getElementType()->isAnyCharacterType()) {
    return false;
  }
  return llvm::isa<clang::StringLiteral>(var->getInit()->IgnoreParenImpCasts());
}

/// The construction whose first argument `e` is (through implicit
/// conversions and parentheses), else nullptr.
const clang::CXXConstructExpr* UnsafeBuffer::constructed_from_first(const clang::Expr& e, RuleContext& ctx) {
  for (const clang::Stmt* parent : llvm::reverse(ctx.stmt_parents())) {
    if (llvm::isa<clang::ImplicitCastExpr, clang::ParenExpr>(parent)) continue;
    const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(parent);
    if (construct == nullptr || construct->getNumArgs() < 1) return nullptr;
    return construct->getArg(0)->IgnoreParenImpCasts() == e.IgnoreParenImpCasts() ? construct : nullptr;
  }
  return nullptr;
}

void UnsafeBuffer::check_decay(const clang::ImplicitCastExpr& e, RuleContext& ctx) {
  if (e.getCastKind() != clang::CK_ArrayToPointerDecay) return;
  const clang::Expr* array = e.getSubExpr()->IgnoreParens();
  if (is_literal_text(array)) return;  // "literal", __func__, b ? "ab" : "cd"
  if (is_constant_text_array(array)) return;  // constexpr char kName[] = "svc";
  // A va_list (an array type on x86-64) handed to va_start, va_arg,
  // va_end or vprintf: banned-function reports the va_list itself.
  if (is_va_list(array->getType(), ctx.ast)) return;
  if (ctx.runs_only_at_compile_time(&e)) return;
  // a[i] decays `a` first: check_subscript decides on that.
  const clang::Stmt* parent = ctx.stmt_parents().empty() ? nullptr : ctx.stmt_parents().back();
  if (parent != nullptr && llvm::isa<clang::ArraySubscriptExpr>(parent)) return;
  // a + 1: reported once, as pointer arithmetic.
  if (const auto* binary = llvm::dyn_cast_or_null<clang::BinaryOperator>(parent)) {
    if (binary->isAdditiveOp() || binary->getOpcode() == clang::BO_AddAssign ||
        binary->getOpcode() == clang::BO_SubAssign) {
      return;
    }
  }
  // std::span<int>(arr, 10) on `int arr[10]`: the count given with it is
  // the array's own size (or less).
  if (const clang::CXXConstructExpr* construct = constructed_from_first(e, ctx);
      construct != nullptr && count_fits_known_extent(*construct, ctx)) {
    return;
  }
  if (is_whole_array_range_end(e, ctx)) return;  // c.insert(pos, arr, arr + std::size(arr))
  ctx.report.error(e.getExprLoc(), kName,
                   "this C array decays to a pointer that has lost its size, so what receives it cannot "
                   "check its bounds; use std::array or std::vector and pass the container (or a "
                   "reference to it) instead")
      << array->getSourceRange();
  note_declaration(array, ctx);
}

}  // namespace meshwa::rules::unsafe_buffer
