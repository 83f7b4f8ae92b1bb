// meshwa-unsafe-buffer: memory accessed through an address whose bounds
// nobody checks. The same constructs as clang's own -Wunsafe-buffer-usage
// gadgets (clang/Analysis/Analyses/UnsafeBufferUsage.h: ArraySubscriptGadget,
// PointerArithmeticGadget, Increment/DecrementGadget), decided locally on
// each expression so that the rule stays one cheap pass:
//   - pointer arithmetic: p + n, n + p, p - n, p += n, ++p, p--, ...
//     (not p - q: a distance between two pointers reads no memory and
//     forms no pointer)
//   - indexing a raw pointer: p[i]
//   - indexing a C array with an index not proven in bounds at compile time
//   - a C array decaying to a pointer (the bound is lost; whatever receives
//     the pointer cannot check it), except string literals
//   - std::next / std::prev / std::advance on a raw pointer
//   - std::span / std::string_view / std::string from a pointer and a length,
//     std::span from an iterator and a count, std::views::counted(it, n)
//   - std::bitset / std::regex / std::valarray from a pointer and a length
//   - std::string / std::string_view built or assigned from the bare .data()
//     of a vector, array, span or string_view (strlen past its end), and
//     that .data() (or &v[i]) given to any other C-string reader: a
//     `const CharT*` parameter with no length after it (std::strlen,
//     operator<<(ostream&, const char*), fopen, std::regex, fs::path, ...),
//     unless a terminator is in sight (see unterminated_buffer)
//   - a raw pointer made from iterator arithmetic: std::to_address(it + n),
//     &*(it + n) (v.data() + n by another spelling)
//   - operator[] that libstdc++ 12 does not check even under
//     _GLIBCXX_ASSERTIONS: std::vector<bool>, std::bitset, every range view's
//     (std::ranges::view_interface::operator[]), std::unique_ptr<T[]> /
//     std::shared_ptr<T[]>; and std::valarray's slice / gslice / mask /
//     indirect operator[], the unordered containers' bucket API
//     (bucket_size(n), begin(n), ...) unless n is m.bucket(key) or tested
//     against m.bucket_count()
//   - reading through the raw pointer of .data() (`*v.data()`, `v.data()->m`)
//     of a container that may be empty, and through std::to_address
//   - iterator preconditions libstdc++ does not check, where the code shows
//     them broken: `v.erase(v.end())`, `a.insert(b.begin(), x)` (a position
//     of another named container), `(a.begin(), b.end())` argument pairs of
//     std functions and constructors over two named owning containers or a
//     temporary one (`names().begin(), names().end()`, names() returning a
//     copy), a `>=` / `<=` comparator (lambda, std::greater_equal) given to
//     std::sort / std::nth_element (their unguarded loops leave the range)
//   - the first or last element read through an iterator straight from a
//     container (`*v.begin()`, `m.begin()->second`, `*std::prev(v.end())`)
//     where the function does not show the container is not empty
//   - std::list / std::forward_list / std::vector<bool> front(), back(),
//     pop_front(), pop_back() (unchecked by libstdc++ 12) where the function
//     does not show the container is not empty (a test of empty() / size()
//     around or before the call, an insertion just before it)
//   - node operations with another list's nodes: a.extract(b.begin()),
//     a.splice(pos, b, c.begin()), a.splice(pos, b, b.end())
//   - an iterator moved by a constant before begin() / past end() (or past
//     a std::array's N), `*v.end()`; an algorithm (std::copy, copy_n,
//     fill_n, transform) writing more than its std::array output holds, or
//     copy_n / fill_n / generate_n writing a count not shown to fit into it;
//     the difference of two different containers' iterators (CWE-469)
//   - a view from one container's ends in the wrong order:
//     std::string_view(s.end(), s.begin()) (its length wraps around)
// Accepted: container operator[] (bounds-checked, service code is built with
// -D_GLIBCXX_ASSERTIONS), std::span's and std::string_view's, std::array, iterators, range-for over a C array,
// a C array indexed by a constant that is in bounds, `s.data() + s.size()`
// on a standard container used as its end (compared, subtracted, passed
// as a range's `last`: std::from_chars / std::to_chars; not dereferenced),
// and the language's pointer operations in code that only runs in the
// constant evaluator (consteval bodies, the compile-time branch of
// `if consteval`), where out-of-bounds is a compile error.
#include <set>

#include "Annotations.h"
#include "Flow.h"
#include "Instantiations.h"
#include "Rule.h"
#include "TypeUtil.h"
#include "UnsafeBuffer/UnsafeBuffer.h"
#include "clang/AST/Attr.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"

namespace meshwa::rules {

namespace unsafe_buffer {

/// The variable or member named by `e` (looking through parens and implicit
/// casts), for a note pointing at its declaration.
const clang::ValueDecl* named_decl(const clang::Expr* e) {
  e = e->IgnoreParenImpCasts();
  if (const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(e)) return ref->getDecl();
  if (const auto* member = llvm::dyn_cast<clang::MemberExpr>(e)) return member->getMemberDecl();
  return nullptr;
}

/// What a built-in `*p` or `p->m` dereferences, else null.
const clang::Expr* built_in_dereferenced(const clang::Stmt& s) {
  if (const auto* unary = llvm::dyn_cast<clang::UnaryOperator>(&s); unary && unary->getOpcode() == clang::UO_Deref) {
    return unary->getSubExpr();
  }
  if (const auto* member = llvm::dyn_cast<clang::MemberExpr>(&s); member && member->isArrow()) return member->getBase();
  return nullptr;
}

bool is_pointer(const clang::Expr* e) {
  const clang::QualType t = e->getType();
  return !t.isNull() && t->isAnyPointerType() && !is_library_iterator_pointer(t);
}

/// While alive, the context's stacks are those of `node` inside the
/// instantiation `instance` (its enclosing statements, and the
/// instantiation as the enclosing function, or the class template
/// specialization whose default member initializer it is), so that the checks that look
/// at the guards around a node (index_shown_in_bounds) judge the code the
/// instantiation runs. The walk's own stacks come back afterwards.
class UnsafeBuffer::InstanceStacks {
 public:
  InstanceStacks(const clang::Decl& instance, const clang::Stmt& node, const ParentMap& parents, RuleContext& ctx)
      : ctx_(ctx), saved_(ctx.stacks()) {
    RuleContext::Stacks path;
    path.decls = saved_.decls;
    path.decls.push_back(&instance);
    std::vector<const clang::Stmt*> up;
    for (auto it = parents.find(&node); it != parents.end(); it = parents.find(it->second)) up.push_back(it->second);
    for (auto it = up.rbegin(); it != up.rend(); ++it) path.push_stmt(*it);
    ctx.stacks() = std::move(path);
  }
  ~InstanceStacks() { ctx_.stacks() = std::move(saved_); }
  InstanceStacks(const InstanceStacks&) = delete;
  InstanceStacks& operator=(const InstanceStacks&) = delete;

 private:
  RuleContext& ctx_;
  RuleContext::Stacks saved_;
};

void UnsafeBuffer::check_stmt(const clang::Stmt& stmt, RuleContext& ctx) {
  // Code spelled inside a system macro (FD_SET, ...) is the library's.
  if (ctx.service_code.in_foreign_macro(stmt)) return;
  // Nothing in a part of the function that never runs reaches memory.
  if (ctx.in_never_run_part(&stmt)) return;
  check_marked_unsafe_call(stmt, ctx);
  if (!ctx.runs_only_at_compile_time(&stmt)) check_iterator_arithmetic(stmt, ctx);
  if (!ctx.runs_only_at_compile_time(&stmt)) check_first_step_out_of_range(stmt, ctx);
  if (!ctx.runs_only_at_compile_time(&stmt)) check_iterator_difference(stmt, ctx);
  if (const auto* subscript = llvm::dyn_cast<clang::ArraySubscriptExpr>(&stmt)) {
    check_subscript(*subscript, ctx);
  } else if (const auto* binary = llvm::dyn_cast<clang::BinaryOperator>(&stmt)) {
    check_binary(*binary, ctx);
  } else if (const auto* unary = llvm::dyn_cast<clang::UnaryOperator>(&stmt)) {
    check_unary(*unary, ctx);
    check_pointer_from_iterator_step(*unary, ctx);
    if (unary->getOpcode() == clang::UO_Deref) {
      check_data_dereference(*unary->getSubExpr(), unary->getOperatorLoc(), ctx);
      check_end_dereference(*unary, *unary->getSubExpr(), ctx);
      check_dereference_tested_end(*unary, *unary->getSubExpr(), ctx);
      check_first_dereference(*unary, *unary->getSubExpr(), ctx);
    }
  } else if (const auto* member = llvm::dyn_cast<clang::MemberExpr>(&stmt)) {
    if (member->isArrow()) check_data_dereference(*member->getBase(), member->getOperatorLoc(), ctx);
    if (member->isArrow()) check_end_dereference(*member, *member->getBase(), ctx);
    if (member->isArrow()) check_dereference_tested_end(*member, *member->getBase(), ctx);
    if (member->isArrow()) check_first_dereference(*member, *member->getBase(), ctx);
  } else if (const auto* cast = llvm::dyn_cast<clang::ImplicitCastExpr>(&stmt)) {
    check_decay(*cast, ctx);
  } else if (const auto* call = llvm::dyn_cast<clang::CXXOperatorCallExpr>(&stmt)) {
    check_smart_array_subscript(*call, ctx);
    check_constant_index_past_end(*call, ctx);
    check_element_of_tested_empty(*call, ctx);
    check_loop_index_past_end(*call, ctx);
    check_views_counted(*call, ctx);
    if ((call->getOperator() == clang::OO_Star || call->getOperator() == clang::OO_Arrow) &&
        call->getNumArgs() == 1) {
      check_empty_optional_dereference(*call, ctx);
      check_end_dereference(*call, *call->getArg(0), ctx);
      check_dereference_tested_end(*call, *call->getArg(0), ctx);
      check_first_dereference(*call, *call->getArg(0), ctx);
    }
    if (call->getOperator() == clang::OO_Call && call->getNumArgs() > 1 && is_std_callee(call->getDirectCallee())) {
      check_iterator_pairs(*call->getDirectCallee(), llvm::ArrayRef(call->getArgs() + 1, call->getNumArgs() - 1), ctx);
      // std::ranges::for_each(c.end(), c.begin(), f): argument 0 is the niebloid.
      check_reversed_range(*call->getDirectCallee(), llvm::ArrayRef(call->getArgs() + 1, call->getNumArgs() - 1),
                           ctx);
    }
    if (call->getOperator() == clang::OO_Call) check_sort_comparator(*call, ctx);
    check_output_range_overflow(*call, ctx);  // std::ranges::copy(src, dst.begin())
    check_operator_arguments(*call, ctx);
  } else if (const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(&stmt)) {
    check_pointer_length_construction(*construct, ctx);
    check_reversed_view(*construct, ctx);
    check_unterminated_construction(*construct, ctx);
    check_arguments(construct->getConstructor(), llvm::ArrayRef(construct->getArgs(), construct->getNumArgs()), ctx);
  } else if (const auto* member_call = llvm::dyn_cast<clang::CXXMemberCallExpr>(&stmt)) {
    if (member_call->getMethodDecl() != nullptr && member_call->getNumArgs() == 1) {
      check_unterminated_assignment(*member_call->getMethodDecl(), *member_call->getArg(0), ctx);
    }
    check_position_argument(*member_call, ctx);
    check_unchecked_nonempty(*member_call, ctx);
    check_end_of_known_empty(*member_call, ctx);
    check_element_of_tested_empty(*member_call, ctx);
    check_bucket_call(*member_call, ctx);
    check_arguments(member_call->getMethodDecl(), llvm::ArrayRef(member_call->getArgs(), member_call->getNumArgs()),
                    ctx);
  } else if (const auto* call = llvm::dyn_cast<clang::CallExpr>(&stmt)) {
    check_step_call(*call, ctx);
    check_pointer_from_iterator_step(*call, ctx);
    check_output_range_overflow(*call, ctx);
    check_arguments(call->getDirectCallee(), llvm::ArrayRef(call->getArgs(), call->getNumArgs()), ctx);
    check_sort_comparator(*call, ctx);
    check_c_buffer_arguments(*call, ctx);
  }
}

/// A construction whose arguments depend on a template parameter
/// (`std::string_view(data, N + 5)` over a `char data[N]` member of a
/// class template) has no constructor in the pattern, nor a subscript
/// with an operand of dependent type an array (`a[i]` with `T& a`): judged
/// in each instantiation, reported once where it is written, with a note
/// naming the instantiation.
void UnsafeBuffer::check_function(const clang::FunctionDecl& pattern, RuleContext& ctx) {
  for_each_instantiated(pattern, judged_at, [&](const clang::FunctionDecl& instance, const clang::Stmt& s) {
    judge_instantiated(instance, instance.getBody(), s, ctx);
  });
  // Each pattern is judged once: its instantiations' parents are not asked for again.
  instance_parents_.clear();
}

/// The same for a default member initializer of a class template
/// (`std::string_view head = std::string_view(data, N + 5);`) and a default
/// argument of a template: judged in each instantiated copy.
void UnsafeBuffer::check_decl(const clang::Decl& decl, RuleContext& ctx) {
  if (!llvm::isa<clang::FieldDecl, clang::ParmVarDecl>(decl)) return;
  for_each_instantiated_default(llvm::cast<clang::ValueDecl>(decl), judged_at,
                                [&](const clang::Decl& instance, const clang::Expr& copy, const clang::Stmt& s) {
                                  judge_instantiated(instance, &copy, s, ctx);
                                });
  instance_parents_.clear();
}

/// `s`, a statement of the instantiation `instance` (a function, or the
/// class template specialization of a default member initializer) under
/// `root` (its body, or the initializer or default argument), standing
/// for a dependent statement of the template: judged with what the
/// instantiation resolves, reported once where it is written with a note
/// naming the instantiation.
void UnsafeBuffer::judge_instantiated(const clang::Decl& instance, const clang::Stmt* root, const clang::Stmt& s,
                                      RuleContext& ctx) {
  // `if (kWide) p[4]` with kWide false, in the instantiation too.
  const auto* fn = llvm::dyn_cast<clang::FunctionDecl>(&instance);
  if (fn != nullptr && ctx.never_runs(s, *fn)) return;
  const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(&s);
  const auto* call = llvm::dyn_cast<clang::CallExpr>(&s);
  const auto* subscript = llvm::dyn_cast<clang::ArraySubscriptExpr>(&s);
  // `*v.data()`, `v.data()->m` of a `std::vector<T>`: a built-in
  // dereference only in the instantiation.
  const clang::Expr* dereferenced = built_in_dereferenced(s);
  // `++it`, `it + 1` of a `std::array<T, N>`'s iterator: a pointer's
  // built-in operators only in the instantiation.
  const bool pointer_step = is_built_in_step(s);
  if ((construct == nullptr && call == nullptr && subscript == nullptr && dereferenced == nullptr &&
       !pointer_step) ||
      ctx.service_code.in_foreign_macro(s)) {
    return;
  }
  const auto* operator_call = llvm::dyn_cast<clang::CXXOperatorCallExpr>(&s);
  const auto* member_call = llvm::dyn_cast<clang::CXXMemberCallExpr>(&s);
  const bool element_access = operator_call != nullptr || (member_call != nullptr && member_call->getNumArgs() == 0);
  const clang::SourceLocation at = judged_at(s);
  if (!instantiations_reported_.insert(at).second) return;
  const unsigned before = ctx.report.error_count();
  if (increment_operand(s).first != nullptr) {
    // `auto it = c.end(); ++it;` of a `C`: what `it` holds, and whether
    // `++` is a pointer's or an iterator class's, are known only in the
    // instantiation; whether the step is its first use, in its body.
    const InstanceStacks stacks(instance, s, instance_parents(root), ctx);
    check_first_step_out_of_range(s, ctx);
  } else if (pointer_step || (operator_call != nullptr && (operator_call->getOperator() == clang::OO_Plus ||
                                                           operator_call->getOperator() == clang::OO_Minus))) {
    // `v.begin() - 1`, `b.end() - a.begin()` of `std::vector<T>`s, `it + 1`
    // of `auto it = c.end()`: an iterator's operator (or a pointer's)
    // only in the instantiation.
    const InstanceStacks stacks(instance, s, instance_parents(root), ctx);
    check_iterator_arithmetic(s, ctx);
    check_iterator_difference(s, ctx);
    if (operator_call != nullptr) check_operator_arguments(*operator_call, ctx);  // `s + v.data()`
  } else if (operator_call != nullptr && operator_call->getOperator() == clang::OO_Call) {
    // `std::ranges::copy(src, dst.begin())` with `const S& src`: a
    // niebloid's operator() with the sizes known only in the
    // instantiation.
    const InstanceStacks stacks(instance, s, instance_parents(root), ctx);
    check_output_range_overflow(*operator_call, ctx);
  } else if (operator_call != nullptr && is_binary_operator(*operator_call)) {
    // `std::cout << v.data()`, `s = v.data()` with `const V& v`: what
    // the operator is, and whether v.data() is terminated, depend on V
    // (the instantiation's body may fill it: snprintf(v.data(), ...)).
    const InstanceStacks stacks(instance, s, instance_parents(root), ctx);
    check_operator_arguments(*operator_call, ctx);
  } else if (dereferenced != nullptr) {
    const InstanceStacks stacks(instance, s, instance_parents(root), ctx);
    const auto& deref = llvm::cast<clang::Expr>(s);
    check_data_dereference(*dereferenced, at, ctx);
    check_end_dereference(deref, *dereferenced, ctx);
    check_dereference_tested_end(deref, *dereferenced, ctx);
    check_first_dereference(deref, *dereferenced, ctx);
  } else if (element_access) {
    // `*o` of an empty std::optional<T>, `v.front()` of an empty
    // std::vector<T>: what the object is, and whether anything can fill
    // it, are known only in the instantiation; the tests around it are
    // in the instantiation's body.
    const InstanceStacks stacks(instance, s, instance_parents(root), ctx);
    if (operator_call != nullptr && operator_call->getOperator() == clang::OO_Subscript) {
      // `b[i]` of a `std::vector<T>` that is a std::vector<bool>, `a[i]`
      // of a `std::unique_ptr<T[]>`: an operator only in the instantiation.
      check_smart_array_subscript(*operator_call, ctx);
      check_constant_index_past_end(*operator_call, ctx);
      check_element_of_tested_empty(*operator_call, ctx);
      check_loop_index_past_end(*operator_call, ctx);
    } else if (operator_call != nullptr) {
      check_empty_optional_dereference(*operator_call, ctx);
      // `if (it != m.end()) return 1; return it->second;` of an M::const_iterator.
      if (operator_call->getNumArgs() == 1) {
        // `*v.begin()`, `*v.end()`, `m.begin()->second`,
        // `*std::max_element(v.begin(), v.end())` of a `std::vector<T>`.
        check_end_dereference(*operator_call, *operator_call->getArg(0), ctx);
        check_dereference_tested_end(*operator_call, *operator_call->getArg(0), ctx);
        check_first_dereference(*operator_call, *operator_call->getArg(0), ctx);
      }
    } else {
      check_end_of_known_empty(*member_call, ctx);
      // `q.front()` of a `std::list<T> q` in a class template (a queue
      // of T): a std::list only in the instantiation.
      check_unchecked_nonempty(*member_call, ctx);
      // `if (c.empty()) return c.front();` with `const C& c`: the test
      // and the read are resolved only in the instantiation.
      check_element_of_tested_empty(*member_call, ctx);
    }
  } else if (subscript != nullptr) {
    // The guards around it (`if (pos < N) t[pos]`) are in the
    // instantiation's body, not on the walk's stacks (the pattern's).
    const InstanceStacks stacks(instance, *subscript, instance_parents(root), ctx);
    check_subscript(*subscript, ctx);  // an operand of dependent type in the pattern
  } else if (construct != nullptr) {
    check_pointer_length_construction(*construct, ctx);
    check_reversed_view(*construct, ctx);
    // `std::ranges::subrange(v.begin(), w.end())`, `std::vector<T>(v.end(),
    // v.begin())` of `std::vector<T>`s: the constructor, and so which of
    // its parameters are one range, exists only in the instantiation.
    if (is_std_callee(construct->getConstructor())) {
      const llvm::ArrayRef<const clang::Expr*> args(construct->getArgs(), construct->getNumArgs());
      check_iterator_pairs(*construct->getConstructor(), args, ctx);
      check_reversed_range(*construct->getConstructor(), args, ctx);
    }
    // What the pattern could not see: a dependent C array decaying into
    // the construction (not with its own length, `std::span(a, N)`).
    if (!count_fits_known_extent(*construct, ctx)) {
      for (const clang::Expr* arg : construct->arguments()) {
        if (const auto* cast = llvm::dyn_cast<clang::ImplicitCastExpr>(arg)) check_decay(*cast, ctx);
      }
    }
  } else {
    // `std::atoi(b.data())` with `const T& b`: whether b.data() is
    // terminated, and what the callee is, depend on T.
    const auto* member_call = llvm::dyn_cast<clang::CXXMemberCallExpr>(call);
    const clang::FunctionDecl* callee =
        member_call != nullptr ? member_call->getMethodDecl() : call->getDirectCallee();
    const llvm::ArrayRef<const clang::Expr*> args(call->getArgs(), call->getNumArgs());
    // What the iterators of a `std::vector<T>` or `std::array<T, N>`
    // meet only in the instantiation: `std::sort(a.begin(), b.end())`,
    // `v.erase(v.end())`, `std::next(l.end())`, `std::copy` into a
    // smaller array, a `<=` comparator; and what fills b
    // (`snprintf(b.data(), b.size(), ...)` earlier in its body).
    const InstanceStacks stacks(instance, *call, instance_parents(root), ctx);
    check_c_string_arguments(callee, args, 0, ctx);
    if (member_call == nullptr) check_c_buffer_arguments(*call, ctx);
    if (callee != nullptr && is_std_callee(callee)) {
      check_iterator_pairs(*callee, args, ctx);
      check_reversed_range(*callee, args, ctx);
    }
    if (member_call != nullptr) {
      check_position_argument(*member_call, ctx);
    } else if (!llvm::isa<clang::CXXOperatorCallExpr>(call)) {
      check_iterator_arithmetic(*call, ctx);
      check_step_call(*call, ctx);
      check_output_range_overflow(*call, ctx);
      check_sort_comparator(*call, ctx);
    }
  }
  if (ctx.report.error_count() != before) {
    note_instantiation(instance, ctx);
  } else {
    instantiations_reported_.erase(at);  // fine here: the next instantiation may not be
  }
}

/// The operands of an overloaded operator that read a C string:
/// `s = v.data()`, `out << v.data()`, `s == v.data()`.
void UnsafeBuffer::check_operator_arguments(const clang::CXXOperatorCallExpr& call, RuleContext& ctx) {
  const auto* method = llvm::dyn_cast_or_null<clang::CXXMethodDecl>(call.getDirectCallee());
  if (method != nullptr && call.getNumArgs() == 2) check_unterminated_assignment(*method, *call.getArg(1), ctx);
  check_c_string_arguments(call.getDirectCallee(), llvm::ArrayRef(call.getArgs(), call.getNumArgs()),
                           flow::object_arguments(call), ctx);
}

/// A call of a function, constructor or operator its author marked
/// `[[clang::unsafe_buffer_usage]]` (on any of its declarations): clang's
/// way for a library to say that the function touches a buffer without
/// checking its bounds (`void copy(char* dst, const char* src, int n)`),
/// with a safer overload beside it.
void UnsafeBuffer::check_marked_unsafe_call(const clang::Stmt& stmt, RuleContext& ctx) {
  const clang::FunctionDecl* callee = nullptr;
  if (const auto* call = llvm::dyn_cast<clang::CallExpr>(&stmt)) {
    callee = call->getDirectCallee();
  } else if (const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(&stmt)) {
    callee = construct->getConstructor();
  }
  if (callee == nullptr || ctx.runs_only_at_compile_time(&stmt)) return;
  const clang::FunctionDecl* marked = nullptr;
  for (const clang::FunctionDecl* redecl : callee->redecls()) {
    if (redecl->hasAttr<clang::UnsafeBufferUsageAttr>()) marked = redecl;
  }
  if (marked == nullptr) return;
  const auto* expr = llvm::cast<clang::Expr>(&stmt);
  ctx.report.error(expr->getExprLoc(), kName,
                   "'" + callee->getQualifiedNameAsString() +
                       "' is marked [[clang::unsafe_buffer_usage]]: its author says it reads or writes memory "
                       "without checking the bounds; call a bounds-checked alternative (an overload taking a "
                       "std::span or a container)")
      << expr->getSourceRange();
  if (const auto* attr = marked->getAttr<clang::UnsafeBufferUsageAttr>(); attr != nullptr) {
    ctx.report.note(attr->getLocation().isValid() ? attr->getLocation() : marked->getLocation(),
                    "marked [[clang::unsafe_buffer_usage]] here");
  }
}

/// `++p`, `p--`, `p + n`, `p - n` on a pointer: in an instantiation, what
/// the pattern's dependent `++it` / `it + n` became for an iterator that
/// is a pointer (std::array's, std::span's, a C array's std::end()).
bool UnsafeBuffer::is_built_in_step(const clang::Stmt& s) {
  if (const auto* unary = llvm::dyn_cast<clang::UnaryOperator>(&s)) {
    return unary->isIncrementDecrementOp() && unary->getSubExpr()->getType()->isPointerType();
  }
  const auto* binary = llvm::dyn_cast<clang::BinaryOperator>(&s);
  return binary != nullptr && binary->isAdditiveOp() && binary->getType()->isPointerType();
}

/// `a + b`, `out << p`, `s = p`, `a == b` as an operator call: two
/// operands, and not `it++` (whose second is the dummy int), `a[i]` or
/// `f(x)`.
bool UnsafeBuffer::is_binary_operator(const clang::CXXOperatorCallExpr& op) {
  switch (op.getOperator()) {
    case clang::OO_PlusPlus:
    case clang::OO_MinusMinus:
    case clang::OO_Subscript:
    case clang::OO_Call:
    case clang::OO_Arrow:
      return false;
    default:
      return op.getNumArgs() == 2;
  }
}

/// `for (int i = 0; i < 6; ++i) data[i].value_ = init[i];` in a template
/// with a `data` of dependent type: as written, `data[i]` may call an
/// `operator[](int&)` that writes `i`, so the loop's test says nothing at
/// `init[i]`. Each instantiation resolves the call (`std::vector`'s takes
/// the index by value), and the subscript, the same built-in one there,
/// is judged in each by the same tests with the instantiation's body
/// around it: accepted when every instantiation shows it in bounds (a
/// template that is never instantiated runs nowhere in this translation
/// unit). Not where the instances cannot all be listed (all_instances).
bool UnsafeBuffer::in_bounds_in_every_instance(const clang::ArraySubscriptExpr& e, RuleContext& ctx) {
  const clang::FunctionDecl* pattern = ctx.enclosing_function();
  if (pattern == nullptr || !pattern->isDependentContext()) return false;
  const auto instances = all_instances(*pattern);
  if (!instances) return false;
  const clang::SourceLocation at = e.getRBracketLoc();
  return llvm::all_of(*instances, [&](const clang::FunctionDecl* instance) {
    const clang::ArraySubscriptExpr* same = nullptr;
    for_each_written_stmt(instance->getBody(), [&](const clang::Stmt& s) {
      const auto* subscript = llvm::dyn_cast<clang::ArraySubscriptExpr>(&s);
      if (subscript != nullptr && subscript->getRBracketLoc() == at) same = subscript;
    });
    if (same == nullptr) return false;
    if (ctx.never_runs(*same, *instance)) return true;
    const InstanceStacks stacks(*instance, *same, instance_parents(*instance), ctx);
    const clang::QualType base_type = same->getBase()->IgnoreParenImpCasts()->getType();
    return in_bounds_constant(*same, base_type, ctx) || in_bounds_by_guard(*same, base_type, ctx) ||
           in_bounds_reaching_constants(*same, base_type, ctx);
  });
}

const UnsafeBuffer::ParentMap& UnsafeBuffer::instance_parents(const clang::FunctionDecl& instance) {
  return instance_parents(instance.getBody());
}

const UnsafeBuffer::ParentMap& UnsafeBuffer::instance_parents(const clang::Stmt* root) {
  auto [map, fresh] = instance_parents_.try_emplace(root);
  if (!fresh || root == nullptr) return map->second;
  llvm::SmallVector<const clang::Stmt*, 64> pending{root};
  while (!pending.empty()) {  // iterative: `a + b + ... + z` nests as deep as it is long
    const clang::Stmt* s = pending.pop_back_val();
    for (const clang::Stmt* child : s->children()) {
      if (child == nullptr) continue;
      map->second[child] = s;
      pending.push_back(child);
    }
  }
  return map->second;
}

/// Where the dependent code judged per instantiation is matched between
/// a template pattern and its instantiations: a construction by its first
/// argument, a call (not an operator) by its closing parenthesis.
clang::SourceLocation UnsafeBuffer::judged_at(const clang::Stmt& s) {
  // A subscript (built-in in the instantiation; an overloaded operator[]
  // there is a call, keyed nowhere, and left alone).
  if (const auto* subscript = llvm::dyn_cast<clang::ArraySubscriptExpr>(&s)) return subscript->getRBracketLoc();
  // `*o` / `o->m` of an object of dependent type: the operator (a
  // UnaryOperator or a dependent member access in the pattern, an
  // operator call in an instantiation of a class type).
  if (const auto* unary = llvm::dyn_cast<clang::UnaryOperator>(&s); unary && unary->getOpcode() == clang::UO_Deref) {
    return unary->getOperatorLoc();
  }
  if (const auto* member = llvm::dyn_cast<clang::CXXDependentScopeMemberExpr>(&s); member && member->isArrow()) {
    return member->getOperatorLoc();
  }
  // `++it`, `it--`: the operator, built in (a pointer, or dependent in the
  // pattern) or an iterator class's.
  if (const auto* unary = llvm::dyn_cast<clang::UnaryOperator>(&s); unary && unary->isIncrementDecrementOp()) {
    return unary->getOperatorLoc();
  }
  if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(&s)) {
    if (op->getOperator() == clang::OO_PlusPlus || op->getOperator() == clang::OO_MinusMinus) {
      return op->getOperatorLoc();
    }
    const bool dereference = (op->getOperator() == clang::OO_Star || op->getOperator() == clang::OO_Arrow) &&
                             op->getNumArgs() == 1;
    // An overloaded operator[] of the instantiation: its `]`, the
    // pattern's dependent subscript's; a binary operator (an iterator's
    // `+` / `-`, `out << p`): its operator, the pattern's dependent binary
    // operator's.
    if (op->getOperator() == clang::OO_Subscript) return op->getRParenLoc();
    if (is_binary_operator(*op)) return op->getOperatorLoc();
    // A function object's call (`std::ranges::copy(r, out)`): its `)`, the
    // pattern's dependent call's.
    if (op->getOperator() == clang::OO_Call && op->getNumArgs() > 1) return op->getRParenLoc();
    return dereference ? op->getOperatorLoc() : clang::SourceLocation();
  }
  if (const auto* binary = llvm::dyn_cast<clang::BinaryOperator>(&s)) return binary->getOperatorLoc();
  // `v.data()->m` of the instantiation, built in (the pattern's is a
  // dependent member access, above).
  if (const auto* member = llvm::dyn_cast<clang::MemberExpr>(&s); member && member->isArrow()) {
    return member->getOperatorLoc();
  }
  if (const auto* call = llvm::dyn_cast<clang::CallExpr>(&s)) {
    // `v.front()`: a member call without arguments, by the member's name.
    if (call->getNumArgs() == 0) return member_name_at(call->getCallee());
    return call->getRParenLoc();
  }
  return first_argument_at(s);
}

/// The member's name in the callee of `x.f()`, dependent or resolved.
clang::SourceLocation UnsafeBuffer::member_name_at(const clang::Expr* callee) {
  if (callee == nullptr) return {};
  callee = callee->IgnoreParenImpCasts();
  if (const auto* member = llvm::dyn_cast<clang::CXXDependentScopeMemberExpr>(callee)) return member->getMemberLoc();
  if (const auto* member = llvm::dyn_cast<clang::MemberExpr>(callee)) return member->getMemberLoc();
  return {};
}

/// Where a construction with two or more arguments is matched between a
/// template pattern and its instantiations: its first argument.
clang::SourceLocation UnsafeBuffer::first_argument_at(const clang::Stmt& s) {
  const clang::Expr* first = nullptr;
  if (const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(&s)) {
    if (construct->getNumArgs() >= 2) first = construct->getArg(0);
  } else if (const auto* unresolved = llvm::dyn_cast<clang::CXXUnresolvedConstructExpr>(&s)) {
    if (unresolved->getNumArgs() >= 2) first = unresolved->getArg(0);
  } else if (const auto* list = llvm::dyn_cast<clang::ParenListExpr>(&s)) {
    if (list->getNumExprs() >= 2) first = list->getExpr(0);
  } else if (const auto* init = llvm::dyn_cast<clang::InitListExpr>(&s)) {
    if (init->getNumInits() >= 2) first = init->getInit(0);
  }
  return first != nullptr ? first->getBeginLoc() : clang::SourceLocation();
}

}  // namespace unsafe_buffer

std::unique_ptr<Rule> make_UnsafeBuffer() { return std::make_unique<unsafe_buffer::UnsafeBuffer>(); }

}  // namespace meshwa::rules
