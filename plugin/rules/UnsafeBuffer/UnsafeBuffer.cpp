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
// on a standard container (its end, for std::from_chars / std::to_chars),
// and the language's pointer operations in code that only runs in the
// constant evaluator (consteval bodies, the compile-time branch of
// `if consteval`), where out-of-bounds is a compile error.
#include <map>
#include <optional>
#include <set>

#include "Annotations.h"
#include "BannedFunction.h"
#include "Flow.h"
#include "Instantiations.h"
#include "Rule.h"
#include "TypeUtil.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Lex/Lexer.h"
#include "clang/AST/LambdaCapture.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/StringSet.h"

namespace meshwa::rules {

namespace {

constexpr llvm::StringLiteral kName = "unsafe-buffer";

/// How many earlier statements of each enclosing block are searched for the
/// check of a copy_n / fill_n count (bounded_around).
constexpr unsigned kEarlierStatementsLooked = 16;

/// The variable or member named by `e` (looking through parens and implicit
/// casts), for a note pointing at its declaration.
const clang::ValueDecl* named_decl(const clang::Expr* e) {
  e = e->IgnoreParenImpCasts();
  if (const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(e)) return ref->getDecl();
  if (const auto* member = llvm::dyn_cast<clang::MemberExpr>(e)) return member->getMemberDecl();
  return nullptr;
}

bool is_pointer(const clang::Expr* e) {
  const clang::QualType t = e->getType();
  return !t.isNull() && t->isAnyPointerType() && !is_std_iterator_pointer(t);
}

class UnsafeBuffer final : public Rule {
 public:
  llvm::StringRef name() const override { return kName; }

  void check_stmt(const clang::Stmt& stmt, RuleContext& ctx) override {
    // Code spelled inside a system macro (FD_SET, ...) is the library's.
    if (ctx.service_code.in_foreign_macro(stmt)) return;
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
        check_iterator_pairs(llvm::ArrayRef(call->getArgs() + 1, call->getNumArgs() - 1), ctx);
        // std::ranges::for_each(c.end(), c.begin(), f): argument 0 is the niebloid.
        check_reversed_range(*call->getDirectCallee(), llvm::ArrayRef(call->getArgs() + 1, call->getNumArgs() - 1),
                             ctx);
      }
      if (call->getOperator() == clang::OO_Call) check_sort_comparator(*call, ctx);
      const auto* method = llvm::dyn_cast_or_null<clang::CXXMethodDecl>(call->getDirectCallee());
      if (method != nullptr && call->getNumArgs() == 2) check_unterminated_assignment(*method, *call->getArg(1), ctx);
      // A member operator's object is argument 0; a free operator's is a parameter.
      const bool member_operator = method != nullptr && !method->isStatic();
      check_c_string_arguments(call->getDirectCallee(), llvm::ArrayRef(call->getArgs(), call->getNumArgs()),
                               member_operator ? 1 : 0, ctx);
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
  void check_function(const clang::FunctionDecl& pattern, RuleContext& ctx) override {
    for_each_instantiated(pattern, judged_at, [&](const clang::FunctionDecl& instance, const clang::Stmt& s) {
      const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(&s);
      const auto* call = llvm::dyn_cast<clang::CallExpr>(&s);
      const auto* subscript = llvm::dyn_cast<clang::ArraySubscriptExpr>(&s);
      if ((construct == nullptr && call == nullptr && subscript == nullptr) || ctx.service_code.in_foreign_macro(s)) {
        return;
      }
      const auto* operator_call = llvm::dyn_cast<clang::CXXOperatorCallExpr>(&s);
      const auto* member_call = llvm::dyn_cast<clang::CXXMemberCallExpr>(&s);
      const bool element_access = operator_call != nullptr || (member_call != nullptr && member_call->getNumArgs() == 0);
      const clang::SourceLocation at = judged_at(s);
      if (!instantiations_reported_.insert(at).second) return;
      const unsigned before = ctx.report.error_count();
      if (element_access) {
        // `*o` of an empty std::optional<T>, `v.front()` of an empty
        // std::vector<T>: what the object is, and whether anything can fill
        // it, are known only in the instantiation; the tests around it are
        // in the instantiation's body.
        const InstanceStacks stacks(instance, s, instance_parents(instance), ctx);
        if (operator_call != nullptr) {
          check_empty_optional_dereference(*operator_call, ctx);
          // `if (it != m.end()) return 1; return it->second;` of an M::const_iterator.
          if (operator_call->getNumArgs() == 1) check_dereference_tested_end(*operator_call, *operator_call->getArg(0), ctx);
        } else {
          check_end_of_known_empty(*member_call, ctx);
        }
      } else if (subscript != nullptr) {
        // The guards around it (`if (pos < N) t[pos]`) are in the
        // instantiation's body, not on the walk's stacks (the pattern's).
        const InstanceStacks stacks(instance, *subscript, instance_parents(instance), ctx);
        check_subscript(*subscript, ctx);  // an operand of dependent type in the pattern
      } else if (construct != nullptr) {
        check_pointer_length_construction(*construct, ctx);
        check_reversed_view(*construct, ctx);
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
        check_c_string_arguments(callee, llvm::ArrayRef(call->getArgs(), call->getNumArgs()), 0, ctx);
        if (member_call == nullptr) check_c_buffer_arguments(*call, ctx);
      }
      if (ctx.report.error_count() != before) {
        note_instantiation(instance, ctx);
      } else {
        instantiations_reported_.erase(at);  // fine here: the next instantiation may not be
      }
    });
    // Each pattern is judged once: its instantiations' parents are not asked for again.
    instance_parents_.clear();
  }

 private:
  /// A call of a function, constructor or operator its author marked
  /// `[[clang::unsafe_buffer_usage]]` (on any of its declarations): clang's
  /// way for a library to say that the function touches a buffer without
  /// checking its bounds (`void copy(char* dst, const char* src, int n)`),
  /// with a safer overload beside it.
  static void check_marked_unsafe_call(const clang::Stmt& stmt, RuleContext& ctx) {
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

  /// Each statement of an instantiation's body and the statement around it,
  /// found by one walk per instantiation (not one per subscript in it).
  using ParentMap = llvm::DenseMap<const clang::Stmt*, const clang::Stmt*>;
  const ParentMap& instance_parents(const clang::FunctionDecl& instance) {
    auto [map, fresh] = instance_parents_.try_emplace(&instance);
    if (!fresh || instance.getBody() == nullptr) return map->second;
    llvm::SmallVector<const clang::Stmt*, 64> pending{instance.getBody()};
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
  llvm::DenseMap<const clang::FunctionDecl*, ParentMap> instance_parents_;

  /// While alive, the context's stacks are those of `node` inside the
  /// instantiation `instance` (its enclosing statements, and the
  /// instantiation as the enclosing function), so that the checks that look
  /// at the guards around a node (index_shown_in_bounds) judge the code the
  /// instantiation runs. The walk's own stacks come back afterwards.
  class InstanceStacks {
   public:
    InstanceStacks(const clang::FunctionDecl& instance, const clang::Stmt& node, const ParentMap& parents,
                   RuleContext& ctx)
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

  /// Where the dependent code judged per instantiation is matched between
  /// a template pattern and its instantiations: a construction by its first
  /// argument, a call (not an operator) by its closing parenthesis.
  static clang::SourceLocation judged_at(const clang::Stmt& s) {
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
    if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(&s)) {
      const bool dereference = (op->getOperator() == clang::OO_Star || op->getOperator() == clang::OO_Arrow) &&
                               op->getNumArgs() == 1;
      return dereference ? op->getOperatorLoc() : clang::SourceLocation();
    }
    if (const auto* call = llvm::dyn_cast<clang::CallExpr>(&s)) {
      // `v.front()`: a member call without arguments, by the member's name.
      if (call->getNumArgs() == 0) return member_name_at(call->getCallee());
      return call->getRParenLoc();
    }
    return first_argument_at(s);
  }

  /// The member's name in the callee of `x.f()`, dependent or resolved.
  static clang::SourceLocation member_name_at(const clang::Expr* callee) {
    if (callee == nullptr) return {};
    callee = callee->IgnoreParenImpCasts();
    if (const auto* member = llvm::dyn_cast<clang::CXXDependentScopeMemberExpr>(callee)) return member->getMemberLoc();
    if (const auto* member = llvm::dyn_cast<clang::MemberExpr>(callee)) return member->getMemberLoc();
    return {};
  }

  /// Where a construction with two or more arguments is matched between a
  /// template pattern and its instantiations: its first argument.
  static clang::SourceLocation first_argument_at(const clang::Stmt& s) {
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

  std::set<clang::SourceLocation> instantiations_reported_;  // dependent constructions reported

  /// A note at the declaration of the pointer or array, in the user's code:
  /// for a member of a library type (`res.ptr` of std::to_chars_result), at
  /// the user's variable holding it; none when there is no such variable.
  static void note_declaration(const clang::Expr* e, llvm::StringRef /*unused*/, RuleContext& ctx) {
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

  void check_subscript(const clang::ArraySubscriptExpr& e, RuleContext& ctx) {
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
    if (is_std_iterator_pointer(base_type)) return;  // std::array<T, N>::iterator: an iterator
    if (base_type->isAnyPointerType()) {
      if (is_argument_within_argc(e, ctx)) return;
      ctx.report.error(e.getExprLoc(), kName,
                       "indexing a raw pointer is not bounds-checked; keep the elements in a std::vector or "
                       "std::array and index that (operator[] is checked under -D_GLIBCXX_ASSERTIONS)")
          << e.getSourceRange();
      note_declaration(base, "a raw pointer", ctx);
      return;
    }
    if (!base_type->isArrayType()) return;  // vector extensions and the like
    if (in_bounds_constant(e, base_type, ctx)) return;
    if (in_bounds_by_guard(e, base_type, ctx)) return;
    ctx.report.error(e.getExprLoc(), kName,
                     "indexing a C array with an index not known to be in bounds is not bounds-checked; "
                     "use std::array<T, N> (operator[] is checked under -D_GLIBCXX_ASSERTIONS)")
        << e.getSourceRange();
    note_declaration(base, "a C array", ctx);
  }

  /// A subscript of a C array (not a pointer: its index is never in bounds)
  /// whose index or length depends on a template parameter's value.
  static bool is_value_dependent_array_subscript(const clang::ArraySubscriptExpr& e) {
    const clang::Expr* base = e.getBase()->IgnoreParenImpCasts();
    if (base->getType().isNull() || !base->getType()->isArrayType()) return false;
    return e.getIdx()->isValueDependent() || base->getType()->isDependentType();
  }

  /// a[3] on `T a[10]`: provably in bounds.
  static bool in_bounds_constant(const clang::ArraySubscriptExpr& e, clang::QualType base_type, RuleContext& ctx) {
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

  /// `dr[k]` on `const int dr[4]` inside `for (int k = 0; k < 4; ++k)`: an
  /// enclosing condition bounds the index by a constant no larger than the
  /// array's length (`k < 4`, `k <= 3`, `k < std::size(dr)`, `k <
  /// sizeof(dr) / sizeof(dr[0])`), see index_shown_in_bounds.
  bool in_bounds_by_guard(const clang::ArraySubscriptExpr& e, clang::QualType base_type, RuleContext& ctx) {
    const auto* array = ctx.ast.getAsConstantArrayType(base_type);
    if (array == nullptr || e.getIdx()->isValueDependent() || e.getIdx()->isTypeDependent()) return false;
    const llvm::APInt length = array->getSize();
    const auto bound_ok = [&](const clang::Expr* bound, bool strict) {
      clang::Expr::EvalResult value;
      if (bound->isValueDependent()) return false;
      if (!bound->EvaluateAsInt(value, ctx.ast)) {
        // `int n = sizeof(a) / sizeof(a[0]); for (int i = 0; i < n; ++i)`:
        // a local variable of this function, initialised with a constant
        // and never written, is that constant.
        const clang::VarDecl* var = unwritten_local(bound, ctx);
        if (var == nullptr || var->getInit() == nullptr || var->getInit()->isValueDependent() ||
            !var->getInit()->EvaluateAsInt(value, ctx.ast)) {
          return false;
        }
      }
      const llvm::APSInt& k = value.Val.getInt();
      if (k.isSigned() && k.isNegative()) return true;  // no index passes
      const uint64_t limit = k.getZExtValue();
      return strict ? limit <= length.getZExtValue() : limit < length.getZExtValue();
    };
    // A C array's length never changes.
    return index_shown_in_bounds(e, e.getIdx(), e.getBase()->IgnoreParenImpCasts(), /*resizable=*/false, bound_ok,
                                 ctx);
  }

  /// `e` names a local variable of the enclosing function that nothing in
  /// it writes (only_read over the body, once per variable), or null.
  const clang::VarDecl* unwritten_local(const clang::Expr* e, RuleContext& ctx) {
    const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(e->IgnoreParenImpCasts());
    const auto* var = ref != nullptr ? llvm::dyn_cast<clang::VarDecl>(ref->getDecl()) : nullptr;
    const clang::FunctionDecl* fn = ctx.enclosing_function();
    if (var == nullptr || fn == nullptr || !var->isLocalVarDecl() || var->isStaticLocal() ||
        var->getType()->isReferenceType() || var->getDeclContext() != fn) {
      return nullptr;
    }
    auto [known, inserted] = unwritten_.try_emplace(var, false);
    if (inserted) known->second = only_read(fn->getBody(), *var);
    return known->second ? var : nullptr;
  }

  /// Which local variables nothing in their function writes (unwritten_local).
  llvm::DenseMap<const clang::VarDecl*, bool> unwritten_;

  void check_binary(const clang::BinaryOperator& e, RuleContext& ctx) {
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
    if (is_data_plus_size(e)) return;
    if (e.getOpcode() == clang::BO_Add && is_argv_and_argc(e.getLHS(), e.getRHS())) return;
    // p - q: the distance between two pointers, an integer. It reads no
    // memory and forms no pointer (clang's -Wunsafe-buffer-usage does not
    // flag it either); `res.ptr - buf.data()` after std::to_chars is the
    // length written. What is done with the distance is judged where it is
    // used (buf.data() + n is pointer arithmetic again).
    if (e.getOpcode() == clang::BO_Sub && e.getLHS()->getType()->isAnyPointerType() &&
        e.getRHS()->getType()->isAnyPointerType()) {
      return;
    }
    ctx.report.error(e.getOperatorLoc(), kName,
                     "pointer arithmetic is not bounds-checked; use a container (std::vector, std::array, "
                     "std::string) with indices or iterators instead")
        << e.getSourceRange();
    note_declaration(pointer, "a raw pointer", ctx);
  }

  /// `argv` and `argc` of `main` itself: the C runtime guarantees argv holds
  /// argc pointers (and a null one after them), so `argv + argc` is its end
  /// and `std::vector<std::string> args(argv, argv + argc)` or
  /// `std::span(argv, argc)` take exactly the arguments.
  bool is_argv_and_argc(const clang::Expr* pointer, const clang::Expr* count) {
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
  const clang::ParmVarDecl* unchanged_main_argc(const clang::Expr* pointer) {
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
  bool is_argument_within_argc(const clang::ArraySubscriptExpr& e, RuleContext& ctx) {
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
  /// what std::from_chars / std::to_chars take as `last`. Always in bounds
  /// (one past the end, never dereferenced by them).
  static bool is_data_plus_size(const clang::BinaryOperator& e) {
    return e.getOpcode() == clang::BO_Add && is_data_and_size_of_one_object(e.getLHS(), e.getRHS());
  }




  void check_unary(const clang::UnaryOperator& e, RuleContext& ctx) {
    if (!e.isIncrementDecrementOp() || !is_pointer(e.getSubExpr())) return;
    if (ctx.runs_only_at_compile_time(&e)) return;
    ctx.report.error(e.getOperatorLoc(), kName,
                     "incrementing or decrementing a pointer is not bounds-checked; iterate a container with "
                     "range-for, iterators or indices instead")
        << e.getSourceRange();
    note_declaration(e.getSubExpr(), "a raw pointer", ctx);
  }

  /// std::unique_ptr<T[]> / std::shared_ptr<T[]> operator[]: not checked,
  /// not even under -D_GLIBCXX_ASSERTIONS (the pointer knows no size).
  static bool is_bool_vector(const clang::CXXRecordDecl* record) {
    const auto* spec = llvm::dyn_cast<clang::ClassTemplateSpecializationDecl>(record);
    if (spec == nullptr || spec->getTemplateArgs().size() < 1) return false;
    const clang::TemplateArgument& element = spec->getTemplateArgs()[0];
    return element.getKind() == clang::TemplateArgument::Type && element.getAsType()->isBooleanType();
  }

  static bool is_std_record_named(const clang::CXXRecordDecl* record, llvm::StringRef name) {
    return record != nullptr && record->getIdentifier() != nullptr && record->getName() == name && declared_in_std(record);
  }

  void check_smart_array_subscript(const clang::CXXOperatorCallExpr& call, RuleContext& ctx) {
    if (call.getOperator() != clang::OO_Subscript) return;
    if (call.getNumArgs() < 1) return;
    // The class declaring the operator[] that is called: a range adaptor
    // or a user's view inherits it from std::ranges::view_interface.
    const auto* method = llvm::dyn_cast_or_null<clang::CXXMethodDecl>(call.getDirectCallee());
    const clang::CXXRecordDecl* owner = method != nullptr ? method->getParent() : nullptr;
    if (is_std_record_named(owner, "view_interface")) {
      // libstdc++ 12: `return ranges::begin(_M_derived())[__n];`, no
      // comparison with the view's size; the begin iterator's own
      // operator[] (a vector's, a pointer) checks nothing either.
      ctx.report.error(call.getOperatorLoc(), kName,
                       "operator[] of a range view (std::ranges::view_interface) is not bounds-checked: it indexes "
                       "the view's begin iterator without looking at the view's size; index the container itself "
                       "(operator[] / .at(i)), step with std::ranges::next(it, n, end), which stops at the bound, "
                       "or iterate the view")
          << call.getSourceRange();
      return;
    }
    if (is_std_record_named(owner, "bitset")) {
      // libstdc++ 12: `reference(*this, __pos)` / `_Unchecked_test(__pos)`,
      // no assertion: b[200] on a std::bitset<128> writes past it.
      ctx.report.error(call.getOperatorLoc(), kName,
                       "std::bitset::operator[] is not bounds-checked by this standard library, even with "
                       "_GLIBCXX_ASSERTIONS; use .test(i) to read and .set(i, value) / .reset(i) to write, "
                       "which check i and throw std::out_of_range")
          << call.getSourceRange();
      return;
    }
    if (is_std_record_named(owner, "valarray") && method->getNumParams() == 1 &&
        !method->getParamDecl(0)->getType()->isIntegerType()) {
      // libstdc++ 12: operator[](slice / gslice / valarray<bool> /
      // valarray<size_t>) makes a slice_array, gslice_array, mask_array or
      // indirect_array (or, const, a valarray copy) from the indices as
      // given: none is compared with size() (only operator[](size_t) is).
      const clang::QualType index = method->getParamDecl(0)->getType().getNonReferenceType();
      const clang::CXXRecordDecl* kind = index->getAsCXXRecordDecl();
      const std::string what = is_std_record_named(kind, "slice")    ? "a std::slice"
                               : is_std_record_named(kind, "gslice") ? "a std::gslice"
                               : is_bool_valarray(kind)              ? "a mask (std::valarray<bool>)"
                                                                     : "an index array (std::valarray<std::size_t>)";
      ctx.report.error(call.getOperatorLoc(), kName,
                       "std::valarray::operator[] with " + what +
                           " is not bounds-checked by this standard library, even with _GLIBCXX_ASSERTIONS: the "
                           "indices it selects are not compared with the valarray's size; index single elements "
                           "(va[i], checked), or keep the data in a std::vector and take a std::span of it "
                           "(.subspan(offset, n), which checks)")
          << call.getSourceRange();
      return;
    }
    // The object's class (shared_ptr's operator[] lives in a base class).
    const clang::CXXRecordDecl* record = call.getArg(0)->IgnoreImpCasts()->getType()->getAsCXXRecordDecl();
    if (record == nullptr || record->getIdentifier() == nullptr || !record->isInStdNamespace()) return;
    if (record->getName() == "vector" && is_bool_vector(record)) {
      // libstdc++ 12 has no assertion in vector<bool>::operator[]: unlike
      // every other container's, it is not bounds-checked. Accepted where
      // the function itself shows the index below the size.
      if (bool_index_shown_in_bounds(call, ctx)) return;
      ctx.report.error(call.getOperatorLoc(), kName,
                       "std::vector<bool>::operator[] is not bounds-checked by this standard library, even with "
                       "_GLIBCXX_ASSERTIONS; use .at(i), or a std::vector<char>")
          << call.getSourceRange();
      return;
    }
    if (record->getName() != "unique_ptr" && record->getName() != "shared_ptr") return;
    ctx.report.error(call.getOperatorLoc(), kName,
                     ("indexing a std::" + record->getName() +
                      "<T[]> is not bounds-checked (the pointer knows no size); use std::vector<T>")
                         .str())
        << call.getSourceRange();
  }


  // ---- std::vector<bool>::operator[] with an index shown in bounds ----

  /// `b[i]` of a std::vector<bool> where the function shows that i is below
  /// b's size: an enclosing condition (of a `for` / `while` whose body holds
  /// the access, of an `if` whose then-branch does, the left of an `&&`,
  /// the condition of a `?:`) has a conjunct `i < b.size()`, or, for a
  /// local `std::vector<bool> b(n, ...)` whose size nothing changes, `i < n`
  /// (also `i <= n` / `i < n` for `b(n + 1, ...)`, where n + 1 cannot wrap).
  /// i is a variable nothing writes between the test and the access, and
  /// not negative: compared as an unsigned value, or counted up from a
  /// non-negative constant by the `for` that tests it.
  bool bool_index_shown_in_bounds(const clang::CXXOperatorCallExpr& call, RuleContext& ctx) {
    if (call.getNumArgs() != 2) return false;
    const clang::Expr* object = call.getArg(0)->IgnoreParenImpCasts();
    const auto bound_ok = [&](const clang::Expr* bound, bool strict) {
      return (strict && is_size_of(bound, object, ctx)) || below_declared_count(bound, strict, object, ctx);
    };
    return index_shown_in_bounds(call, call.getArg(1), object, /*resizable=*/true, bound_ok, ctx);
  }

  /// Does `bound` (compared with an index: `i < bound` when `strict`, else
  /// `i <= bound`) keep the index inside the object?
  using BoundTest = llvm::function_ref<bool(const clang::Expr* bound, bool strict)>;

  /// `access` indexes `object` with `index_expr`: is it a variable that an
  /// enclosing condition (of a `for` / `while` whose body holds the access,
  /// of an `if` whose then-branch does, the left of an `&&`, the condition
  /// of a `?:`) bounds with a conjunct `i < bound` / `i <= bound` that
  /// `bound_ok` accepts, not negative, and not written between the test
  /// and the access (nor the object shrunk)?
  bool index_shown_in_bounds(const clang::Stmt& access, const clang::Expr* index_expr, const clang::Expr* object,
                             bool resizable, BoundTest bound_ok, RuleContext& ctx) {
    const auto* index_ref = llvm::dyn_cast<clang::DeclRefExpr>(index_expr->IgnoreParenImpCasts());
    const auto* index = index_ref != nullptr ? llvm::dyn_cast<clang::VarDecl>(index_ref->getDecl()) : nullptr;
    if (index == nullptr || index->getType()->isReferenceType()) return false;
    // A test of a global, a static or an aliased local says nothing at the
    // access: a call between them, or a write through the alias, changes it
    // without naming it.
    if (!index->hasLocalStorage() || aliased(*index)) return false;
    const llvm::ArrayRef<const clang::Stmt*> parents = ctx.stmt_parents();
    const clang::Stmt* child = &access;
    for (std::size_t k = parents.size(); k-- > 0; child = parents[k]) {
      const clang::Stmt* parent = parents[k];
      if (llvm::isa<clang::LambdaExpr>(parent)) return false;  // runs later, when the test may no longer hold
      const clang::Expr* cond = nullptr;
      bool negated = false;  // the access runs where `cond` is false
      const clang::ForStmt* loop = nullptr;
      if (const auto* s = llvm::dyn_cast<clang::ForStmt>(parent); s != nullptr && child == s->getBody()) {
        cond = s->getCond();
        loop = s;
      } else if (const auto* s = llvm::dyn_cast<clang::WhileStmt>(parent); s != nullptr && child == s->getBody()) {
        cond = s->getCond();
      } else if (const auto* s = llvm::dyn_cast<clang::IfStmt>(parent); s != nullptr && child == s->getThen()) {
        cond = s->getCond();
      } else if (const auto* s = llvm::dyn_cast<clang::IfStmt>(parent); s != nullptr && child == s->getElse()) {
        cond = s->getCond();
        negated = true;
      } else if (const auto* s = llvm::dyn_cast<clang::BinaryOperator>(parent);
                 s != nullptr && s->getOpcode() == clang::BO_LAnd && child == s->getRHS()) {
        cond = s->getLHS();
      } else if (const auto* s = llvm::dyn_cast<clang::BinaryOperator>(parent);
                 s != nullptr && s->getOpcode() == clang::BO_LOr && child == s->getRHS()) {
        cond = s->getLHS();  // `x < 0 || x >= n || seen[x]`
        negated = true;
      } else if (const auto* s = llvm::dyn_cast<clang::ConditionalOperator>(parent); s != nullptr) {
        cond = s->getCond();
        negated = child == s->getFalseExpr();
        if (child != s->getTrueExpr() && !negated) cond = nullptr;
      } else if (const auto* block = llvm::dyn_cast<clang::CompoundStmt>(parent)) {
        // `if (x < 0 || x >= n) continue;` earlier in the block.
        if (const clang::IfStmt* exit =
                earlier_exit_guard(*block, child, *index, named_decl(object), loop, bound_ok, ctx)) {
          if (!read_only_in(block, *index) && written_before(block, *index, access, exit->getEndLoc())) return false;
          return !resizable || !resized_in(block, object, ctx);
        }
        continue;
      }
      if (cond == nullptr || !bounds_index(cond, *index, loop, bound_ok, ctx, negated)) continue;
      // The test holds at the access only if nothing between them changes
      // i or shrinks the object. Each region is walked once per variable
      // (most loop counters are not written in their body at all); only a
      // region that writes i is looked at again, access by access.
      if (!read_only_in(child, *index) && written_before(child, *index, access)) return false;
      return !resizable || !resized_in(child, object, ctx);
    }
    return false;
  }

  /// A statement of `block` before `child`, `if (cond) continue;` (or
  /// break, return, throw: a then-branch that always leaves, and no else),
  /// after which `cond` is false and bounds the index.
  const clang::IfStmt* earlier_exit_guard(const clang::CompoundStmt& block, const clang::Stmt* child,
                                          const clang::VarDecl& index, const clang::Decl* object,
                                          const clang::ForStmt* loop, BoundTest bound_ok, RuleContext& ctx) {
    // Positions of the block's statements, once per block; the first guard
    // of the block for this index and object, once per such pair: each
    // access then costs a look-up, however long the block.
    auto [positions, inserted] = block_positions_.try_emplace(&block);
    if (inserted) {
      unsigned n = 0;
      for (const clang::Stmt* s : block.body()) positions->second[s] = n++;
    }
    const auto at = positions->second.find(child);
    if (at == positions->second.end()) return nullptr;
    const unsigned here = at->second;
    const auto first_guard = [&](unsigned end) -> const clang::IfStmt* {
      for (unsigned i = 0; i < end; ++i) {
        const auto* guard = llvm::dyn_cast<clang::IfStmt>(block.body_begin()[i]);
        if (guard == nullptr || guard->getElse() != nullptr || guard->getInit() != nullptr ||
            guard->getConditionVariable() != nullptr || !always_leaves(guard->getThen())) {
          continue;
        }
        if (bounds_index(guard->getCond(), index, loop, bound_ok, ctx, /*negated=*/true)) return guard;
      }
      return nullptr;
    };
    if (object == nullptr) return first_guard(here);
    auto [cached, fresh] = block_guards_.try_emplace({{&block, &index}, object}, nullptr);
    if (fresh) cached->second = first_guard(static_cast<unsigned>(block.size()));
    const clang::IfStmt* guard = cached->second;
    return guard != nullptr && positions->second.lookup(guard) < here ? guard : nullptr;
  }

  /// The first exit guard of a block for an index variable and an indexed
  /// object (earlier_exit_guard).
  llvm::DenseMap<std::pair<std::pair<const clang::CompoundStmt*, const clang::VarDecl*>, const clang::Decl*>,
                 const clang::IfStmt*>
      block_guards_;

  /// Each block's statements by position (earlier_exit_guard).
  llvm::DenseMap<const clang::CompoundStmt*, llvm::DenseMap<const clang::Stmt*, unsigned>> block_positions_;

  /// `continue;`, `break;`, `return ...;`, `throw ...;`, or a block ending
  /// with one.
  static bool always_leaves(const clang::Stmt* s) {
    if (const auto* block = llvm::dyn_cast_or_null<clang::CompoundStmt>(s)) {
      return !block->body_empty() && always_leaves(block->body_back());
    }
    if (const auto* e = llvm::dyn_cast_or_null<clang::Expr>(s)) {
      return llvm::isa<clang::CXXThrowExpr>(e->IgnoreParenImpCasts());
    }
    return llvm::isa_and_nonnull<clang::ContinueStmt, clang::BreakStmt, clang::ReturnStmt>(s);
  }

  /// only_read(region, var), once per region and variable.
  bool read_only_in(const clang::Stmt* region, const clang::VarDecl& var) {
    auto [known, inserted] = region_reads_.try_emplace({region, &var}, false);
    if (inserted) known->second = only_read(region, var);
    return known->second;
  }

  /// may_resize(region, object) for a named object, once per region and
  /// object.
  bool resized_in(const clang::Stmt* region, const clang::Expr* object, RuleContext& ctx) {
    const clang::ValueDecl* decl = named_decl(object);
    if (decl == nullptr) return may_resize(region, object, ctx);
    auto [known, inserted] = region_resizes_.try_emplace({region, decl}, false);
    if (inserted) known->second = may_resize(region, object, ctx);
    return known->second;
  }

  /// Can `var` change without being named: is it bound to a non-const
  /// reference (`int& r = i;`, an `int&` parameter, `std::ref(i)`), its
  /// address taken, or captured by reference by a lambda, anywhere in the
  /// function? Once per variable.
  bool aliased(const clang::VarDecl& var) {
    auto [known, inserted] = aliased_.try_emplace(&var, true);
    if (!inserted) return known->second;
    // The function the variable belongs to (an instantiation's own, for a
    // variable of an instantiated template).
    const auto* fn = llvm::dyn_cast_or_null<clang::FunctionDecl>(var.getParentFunctionOrMethod());
    const clang::Stmt* body = fn != nullptr ? fn->getBody() : nullptr;
    if (body == nullptr) return true;
    const auto names_var = [&](const clang::Expr* e) {
      const auto* ref = e != nullptr ? llvm::dyn_cast<clang::DeclRefExpr>(e->IgnoreParens()) : nullptr;
      return ref != nullptr && ref->getDecl() == &var;
    };
    // The uses that cannot make an alias: reads, writes by name, and
    // arguments bound to a const reference.
    llvm::SmallPtrSet<const clang::Expr*, 16> harmless;
    bool escapes = false;
    flow::contains(body, [&](const clang::Stmt& node) {
      if (const auto* lambda = llvm::dyn_cast<clang::LambdaExpr>(&node)) {
        for (const clang::LambdaCapture& capture : lambda->captures()) {
          if (capture.capturesVariable() && capture.getCapturedVar() == &var &&
              capture.getCaptureKind() == clang::LCK_ByRef) {
            escapes = true;
          }
        }
      } else if (const auto* cast = llvm::dyn_cast<clang::ImplicitCastExpr>(&node)) {
        if (cast->getCastKind() == clang::CK_LValueToRValue && names_var(cast->getSubExpr())) {
          harmless.insert(cast->getSubExpr()->IgnoreParens());
        }
      } else if (const auto* op = llvm::dyn_cast<clang::BinaryOperator>(&node)) {
        if (op->isAssignmentOp() && names_var(op->getLHS())) harmless.insert(op->getLHS()->IgnoreParens());
      } else if (const auto* op = llvm::dyn_cast<clang::UnaryOperator>(&node)) {
        if (op->isIncrementDecrementOp() && names_var(op->getSubExpr())) {
          harmless.insert(op->getSubExpr()->IgnoreParens());
        }
      } else if (const auto* call = llvm::dyn_cast<clang::CallExpr>(&node)) {
        const clang::FunctionDecl* callee = call->getDirectCallee();
        for (unsigned i = 0; callee != nullptr && i < call->getNumArgs() && i < callee->getNumParams(); ++i) {
          const clang::QualType param = callee->getParamDecl(i)->getType();
          // (The argument carries a no-op cast adding const.)
          const clang::Expr* arg = call->getArg(i)->IgnoreParenImpCasts();
          if (names_var(arg) && param->isReferenceType() && param.getNonReferenceType().isConstQualified()) {
            harmless.insert(arg);
          }
        }
      }
      return escapes;
    });
    if (!escapes) {
      escapes = flow::contains(body, [&](const clang::Stmt& node) {
        const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(&node);
        return ref != nullptr && ref->getDecl() == &var && !harmless.contains(ref);
      });
    }
    aliased_[&var] = escapes;
    return escapes;
  }

  llvm::DenseMap<const clang::VarDecl*, bool> aliased_;
  llvm::DenseMap<std::pair<const clang::Stmt*, const clang::Decl*>, bool> region_reads_;
  llvm::DenseMap<std::pair<const clang::Stmt*, const clang::Decl*>, bool> region_resizes_;

  /// Does a conjunct of `cond` (split at `&&`) bound `index` by a bound
  /// `bound_ok` accepts?
  bool bounds_index(const clang::Expr* cond, const clang::VarDecl& index, const clang::ForStmt* loop,
                    BoundTest bound_ok, RuleContext& ctx, bool negated = false) {
    // `x >= 0 && x < 8`: the usual range test shows x not negative itself.
    const bool tested_from_below = has_lower_bound(cond, index, ctx, negated);
    return bounds_conjunct(cond, index, negated ? nullptr : loop, tested_from_below, bound_ok, ctx, negated);
  }

  /// The comparison `cmp` as it holds where its condition is true, or (when
  /// `negated`) false: `x >= n` false is `x < n`.
  static clang::BinaryOperatorKind holding(const clang::BinaryOperator& cmp, bool negated) {
    if (!negated) return cmp.getOpcode();
    switch (cmp.getOpcode()) {
      case clang::BO_LT: return clang::BO_GE;
      case clang::BO_LE: return clang::BO_GT;
      case clang::BO_GT: return clang::BO_LE;
      case clang::BO_GE: return clang::BO_LT;
      default: return cmp.getOpcode();
    }
  }

  /// The parts of `cond` that all hold: its `&&` operands, or (negated)
  /// its `||` operands, through `!`.
  static const clang::BinaryOperator* split(const clang::Expr*& cond, bool& negated) {
    cond = cond->IgnoreParenImpCasts();
    while (const auto* no = llvm::dyn_cast<clang::UnaryOperator>(cond)) {
      if (no->getOpcode() != clang::UO_LNot) break;
      negated = !negated;
      cond = no->getSubExpr()->IgnoreParenImpCasts();
    }
    const auto* both = llvm::dyn_cast<clang::BinaryOperator>(cond);
    if (both != nullptr && both->getOpcode() == (negated ? clang::BO_LOr : clang::BO_LAnd)) return both;
    return nullptr;
  }

  /// Does a comparison that holds with `cond` keep `index` at 0 or above
  /// (`i >= c` / `i > c` / `c <= i` / `c < i` with a constant c)?
  static bool has_lower_bound(const clang::Expr* cond, const clang::VarDecl& index, RuleContext& ctx, bool negated) {
    if (const clang::BinaryOperator* both = split(cond, negated)) {
      return has_lower_bound(both->getLHS(), index, ctx, negated) || has_lower_bound(both->getRHS(), index, ctx, negated);
    }
    const auto* cmp = llvm::dyn_cast<clang::BinaryOperator>(cond);
    if (cmp == nullptr || !cmp->isRelationalOp()) return false;
    const clang::BinaryOperatorKind op = holding(*cmp, negated);
    const bool index_left = op == clang::BO_GE || op == clang::BO_GT;
    const clang::Expr* var = index_left ? cmp->getLHS() : cmp->getRHS();
    const clang::Expr* low = index_left ? cmp->getRHS() : cmp->getLHS();
    if (!names_var(var, index) || low->isValueDependent()) return false;
    clang::Expr::EvalResult value;
    if (!low->EvaluateAsInt(value, ctx.ast)) return false;
    const bool strict = op == clang::BO_GT || op == clang::BO_LT;
    const llvm::APSInt& c = value.Val.getInt();
    return strict ? c.getSExtValue() >= -1 : c.getSExtValue() >= 0;
  }

  bool bounds_conjunct(const clang::Expr* cond, const clang::VarDecl& index, const clang::ForStmt* loop,
                       bool tested_from_below, BoundTest bound_ok, RuleContext& ctx, bool negated) {
    if (const clang::BinaryOperator* both = split(cond, negated)) {
      return bounds_conjunct(both->getLHS(), index, loop, tested_from_below, bound_ok, ctx, negated) ||
             bounds_conjunct(both->getRHS(), index, loop, tested_from_below, bound_ok, ctx, negated);
    }
    const auto* cmp = llvm::dyn_cast<clang::BinaryOperator>(cond);
    if (cmp == nullptr || !cmp->isRelationalOp()) return false;
    const clang::BinaryOperatorKind op = holding(*cmp, negated);
    const bool index_left = op == clang::BO_LT || op == clang::BO_LE;
    const clang::Expr* small = index_left ? cmp->getLHS() : cmp->getRHS();
    const clang::Expr* big = index_left ? cmp->getRHS() : cmp->getLHS();
    const bool strict = op == clang::BO_LT || op == clang::BO_GT;
    // A negative i passes `i < n` in a signed comparison, and b[i] then
    // indexes at SIZE_MAX - ...; compared as unsigned it cannot pass.
    const bool unsigned_compare = small->getType()->isUnsignedIntegerType();
    const bool non_negative =
        unsigned_compare || tested_from_below || counts_up_from_non_negative(loop, index, ctx);
    if (!names_var(small, index)) {
      // `i * i <= n` (a sieve's outer loop): i <= i * i for i >= 0, unless
      // the product wraps around.
      const auto* square = llvm::dyn_cast<clang::BinaryOperator>(small->IgnoreParenImpCasts());
      if (square == nullptr || square->getOpcode() != clang::BO_Mul || !names_var(square->getLHS(), index) ||
          !names_var(square->getRHS(), index) || !cannot_wrap(*square, index.getType(), ctx) ||
          !(index.getType()->isUnsignedIntegerType() || counts_up_from_non_negative(loop, index, ctx))) {
        return false;
      }
    } else if (!non_negative) {
      return false;
    }
    // An integer cast of the bound (`static_cast<int>(b.size())`) keeps it
    // or makes it smaller (or negative, when no i passes).
    big = big->IgnoreParenCasts();
    return bound_ok(big, strict);
  }

  /// `e` (casts aside) names `var`.
  static bool names_var(const clang::Expr* e, const clang::VarDecl& var) {
    const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(e->IgnoreParenImpCasts());
    return ref != nullptr && ref->getDecl() == &var;
  }

  /// `object.size()` or `std::size(object)`.
  static bool is_size_of(const clang::Expr* e, const clang::Expr* object, RuleContext& ctx) {
    if (const auto* member = llvm::dyn_cast<clang::CXXMemberCallExpr>(e)) {
      const clang::CXXMethodDecl* m = member->getMethodDecl();
      return m != nullptr && m->getIdentifier() != nullptr && m->getName() == "size" &&
             same_container(member->getImplicitObjectArgument(), object, ctx);
    }
    if (const auto* call = llvm::dyn_cast<clang::CallExpr>(e); call != nullptr && call->getNumArgs() == 1) {
      const clang::FunctionDecl* callee = call->getDirectCallee();
      return callee != nullptr && callee->getIdentifier() != nullptr && callee->getName() == "size" &&
             declared_in_std(callee) && same_container(call->getArg(0), object, ctx);
    }
    return false;
  }

  /// `object` is a local `std::vector<bool> b(count, ...)` of this function
  /// whose size nothing in the function changes, and `bound` (compared
  /// with the index: `i < bound` when `strict`, else `i <= bound`) is at
  /// most count: `bound` is count (strict), or count is `bound + 1`
  /// computed in a type where it cannot wrap around to 0. `bound` is a
  /// variable the function never writes.
  bool below_declared_count(const clang::Expr* bound, bool strict, const clang::Expr* object, RuleContext& ctx) {
    const auto* object_ref = llvm::dyn_cast<clang::DeclRefExpr>(object);
    const auto* vec = object_ref != nullptr ? llvm::dyn_cast<clang::VarDecl>(object_ref->getDecl()) : nullptr;
    const clang::FunctionDecl* fn = ctx.enclosing_function();
    if (vec == nullptr || fn == nullptr || !vec->isLocalVarDecl() || vec->isStaticLocal() ||
        vec->getType()->isReferenceType() || vec->getDeclContext() != fn || vec->getInit() == nullptr) {
      return false;
    }
    const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(vec->getInit()->IgnoreImplicit());
    if (construct == nullptr || construct->getNumArgs() == 0 || construct->isListInitialization()) return false;
    const clang::Expr* count = construct->getArg(0)->IgnoreImplicit();
    if (!count->getType()->isIntegerType()) return false;
    const clang::Stmt* body = fn->getBody();
    const auto keeps_size = [&] {
      auto [known, inserted] = size_fixed_.try_emplace(vec, false);
      if (inserted) known->second = !may_resize(body, object, ctx);
      return known->second;
    };
    // `std::vector<bool> seen(25)` and `id < 25`: two constants.
    clang::Expr::EvalResult declared;
    clang::Expr::EvalResult limit;
    if (!count->isValueDependent() && !bound->isValueDependent() && count->EvaluateAsInt(declared, ctx.ast) &&
        bound->EvaluateAsInt(limit, ctx.ast)) {
      const llvm::APSInt& n = declared.Val.getInt();
      const llvm::APSInt& k = limit.Val.getInt();
      if (n.isSigned() && n.isNegative()) return false;
      if (k.isSigned() && k.isNegative()) return keeps_size();  // no index passes
      const bool fits = strict ? k.getZExtValue() <= n.getZExtValue() : k.getZExtValue() < n.getZExtValue();
      return fits && keeps_size();
    }
    const auto* bound_ref = llvm::dyn_cast<clang::DeclRefExpr>(bound);
    const auto* bound_var = bound_ref != nullptr ? llvm::dyn_cast<clang::VarDecl>(bound_ref->getDecl()) : nullptr;
    if (bound_var == nullptr) return false;
    const auto names_bound = [&](const clang::Expr* e) {
      const auto* r = llvm::dyn_cast<clang::DeclRefExpr>(e->IgnoreParenImpCasts());
      return r != nullptr && r->getDecl() == bound_var;
    };
    bool fits = strict && names_bound(count);
    if (!fits) {
      const auto* plus = llvm::dyn_cast<clang::BinaryOperator>(count->IgnoreParens());
      clang::Expr::EvalResult one;
      fits = plus != nullptr && plus->getOpcode() == clang::BO_Add && names_bound(plus->getLHS()) &&
             !plus->getRHS()->isValueDependent() && plus->getRHS()->EvaluateAsInt(one, ctx.ast) &&
             one.Val.getInt() == 1 && cannot_wrap(*plus, bound_var->getType(), ctx);
    }
    if (!fits) return false;
    if (!read_only_in(body, *bound_var)) return false;
    return keeps_size();
  }

  /// `n + 1` does not wrap around to 0: computed in a type wider than n's,
  /// or a signed one (where overflow is undefined, not a wrap).
  static bool cannot_wrap(const clang::BinaryOperator& plus, clang::QualType operand, RuleContext& ctx) {
    const clang::QualType sum = plus.getType();
    if (sum->isDependentType() || operand->isDependentType() || !operand->isIntegerType()) return false;
    if (sum->isSignedIntegerType()) return true;
    return ctx.ast.getTypeSize(sum) > ctx.ast.getTypeSize(operand.getCanonicalType());
  }

  /// `loop` is `for (i = s; ...; ++i)` (or `i++`, `i += t`) with s and t
  /// non-negative (non_negative): i never goes below 0.
  bool counts_up_from_non_negative(const clang::ForStmt* loop, const clang::VarDecl& index, RuleContext& ctx,
                                          int depth = 0) {
    if (loop == nullptr || loop->getInit() == nullptr || loop->getInc() == nullptr || depth > 2) return false;
    const clang::Expr* start = nullptr;
    if (const auto* decl = llvm::dyn_cast<clang::DeclStmt>(loop->getInit());
        decl != nullptr && decl->isSingleDecl() && decl->getSingleDecl() == &index) {
      start = index.getInit();
    } else if (const auto* assign = llvm::dyn_cast<clang::BinaryOperator>(loop->getInit());
               assign != nullptr && assign->getOpcode() == clang::BO_Assign && names_var(assign->getLHS(), index)) {
      start = assign->getRHS();
    }
    if (start == nullptr || !non_negative(start, ctx, depth)) return false;
    const clang::Expr* inc = loop->getInc()->IgnoreParenImpCasts();
    if (const auto* unary = llvm::dyn_cast<clang::UnaryOperator>(inc); unary != nullptr && unary->isIncrementOp()) {
      return names_var(unary->getSubExpr(), index);
    }
    const auto* add = llvm::dyn_cast<clang::CompoundAssignOperator>(inc);
    return add != nullptr && add->getOpcode() == clang::BO_AddAssign && names_var(add->getLHS(), index) &&
           non_negative(add->getRHS(), ctx, depth);
  }

  /// Is `e` never negative: of unsigned type, a non-negative constant, a
  /// sum or product of such (signed: overflow is undefined, not a wrap),
  /// or the counter of an enclosing `for` that counts up from one and
  /// that nothing else in that loop writes (`for (int i = p * p; i <= n; i
  /// += p)` inside `for (int p = 2; ...; ++p)`)?
  bool non_negative(const clang::Expr* e, RuleContext& ctx, int depth) {
    e = e->IgnoreParenImpCasts();
    if (e->isValueDependent()) return false;
    if (e->getType()->isUnsignedIntegerType()) return true;
    if (clang::Expr::EvalResult value; e->EvaluateAsInt(value, ctx.ast)) return !value.Val.getInt().isNegative();
    if (const auto* op = llvm::dyn_cast<clang::BinaryOperator>(e);
        op != nullptr && (op->getOpcode() == clang::BO_Mul || op->getOpcode() == clang::BO_Add)) {
      return non_negative(op->getLHS(), ctx, depth) && non_negative(op->getRHS(), ctx, depth);
    }
    const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(e);
    const auto* var = ref != nullptr ? llvm::dyn_cast<clang::VarDecl>(ref->getDecl()) : nullptr;
    if (var == nullptr) return false;
    for (const clang::Stmt* parent : ctx.stmt_parents()) {
      const auto* loop = llvm::dyn_cast<clang::ForStmt>(parent);
      const auto* decl = loop != nullptr ? llvm::dyn_cast_or_null<clang::DeclStmt>(loop->getInit()) : nullptr;
      if (decl == nullptr || !decl->isSingleDecl() || decl->getSingleDecl() != var) continue;
      return read_only_in(loop->getBody(), *var) && counts_up_from_non_negative(loop, *var, ctx, depth + 1);
    }
    return false;
  }

  /// Does `accounted` vouch for every mention of `var` under `root`? It is
  /// asked about each statement and answers how many mentions of `var` that
  /// statement accounts for (a read, a harmless call ...); a mention nothing
  /// accounts for (an assignment, a reference bound, an address taken ...)
  /// makes the answer no. One walk of `root`, mentions counted as it goes.
  static bool every_mention_accounted(const clang::Stmt* root, const clang::VarDecl& var,
                                      llvm::function_ref<unsigned(const clang::Stmt&)> accounted) {
    unsigned mentions = 0;
    unsigned vouched = 0;
    flow::contains(root, [&](const clang::Stmt& node) {
      if (const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(&node); ref != nullptr && ref->getDecl() == &var) {
        ++mentions;
      }
      vouched += accounted(node);
      return false;
    });
    return mentions == vouched;
  }

  /// `node` reads the value of `var` (an lvalue-to-rvalue conversion of it).
  static bool reads_value_of(const clang::Stmt& node, const clang::VarDecl& var) {
    const auto* cast = llvm::dyn_cast<clang::ImplicitCastExpr>(&node);
    if (cast == nullptr || cast->getCastKind() != clang::CK_LValueToRValue) return false;
    const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(cast->getSubExpr()->IgnoreParens());
    return ref != nullptr && ref->getDecl() == &var;
  }

  /// Every mention of `var` under `root` is a read of its value (an
  /// lvalue-to-rvalue conversion): nothing assigns it, increments it,
  /// takes its address or binds a reference to it.
  static bool only_read(const clang::Stmt* root, const clang::VarDecl& var) {
    return every_mention_accounted(root, var, [&](const clang::Stmt& node) { return reads_value_of(node, var) ? 1u : 0u; });
  }

  /// Is `var` written (anything but a read of its value) inside `region`
  /// before `access` runs: earlier in the source, or anywhere in a loop
  /// nested in `region` that also holds `access` (its next turn reaches
  /// the access again without the test)?
  static bool written_before(const clang::Stmt* region, const clang::VarDecl& var, const clang::Stmt& access,
                             clang::SourceLocation from = {}) {
    bool written = false;
    const clang::SourceLocation at = access.getBeginLoc();
    // Walk with the innermost enclosing loop that holds the access.
    const auto walk = [&](auto& self, const clang::Stmt* s, const clang::Stmt* parent, bool in_access_loop) -> void {
      if (s == nullptr || written) return;
      const bool loop = llvm::isa<clang::ForStmt, clang::WhileStmt, clang::DoStmt, clang::CXXForRangeStmt>(s);
      const bool holds_access = loop && flow::contains(s, [&](const clang::Stmt& n) { return &n == &access; });
      if (const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(s); ref != nullptr && ref->getDecl() == &var) {
        const auto* cast = llvm::dyn_cast_or_null<clang::ImplicitCastExpr>(parent);
        const bool read = cast != nullptr && cast->getCastKind() == clang::CK_LValueToRValue;
        // Writes before `from` (the test) are not between the test and the access.
        const bool after_test = from.isInvalid() || from < ref->getBeginLoc();
        if (!read && after_test && (in_access_loop || ref->getBeginLoc() < at)) written = true;
        return;
      }
      for (const clang::Stmt* c : s->children()) self(self, c, s, in_access_loop || holds_access);
    };
    walk(walk, region, nullptr, false);
    return written;
  }

  /// May something under `root` change the size of `object`: a non-const
  /// member call other than the element accessors and the insertions
  /// (clear, pop_back, resize, erase, assign, swap, operator=, ...), or
  /// passing it on as a non-const reference (std::move, std::swap, a
  /// function of the user's)?
  static bool may_resize(const clang::Stmt* root, const clang::Expr* object, RuleContext& ctx) {
    const bool owned = owned_local(object);
    return flow::contains(root, [&](const clang::Stmt& node) {
      // A member, a global or a referenced container may also be resized by
      // a call that does not name it: a member function of the class, a
      // function of the program, whatever a std::function holds.
      if (const auto* call = llvm::dyn_cast<clang::CallExpr>(&node); call != nullptr && !owned &&
                                                                      may_reach_other_objects(*call, object, ctx)) {
        return true;
      }
      if (const auto* member = llvm::dyn_cast<clang::CXXMemberCallExpr>(&node)) {
        const clang::CXXMethodDecl* m = member->getMethodDecl();
        if (m == nullptr || m->isConst() || !same_container(member->getImplicitObjectArgument(), object, ctx)) {
          return false;
        }
        const bool harmless = m->getIdentifier() != nullptr &&
                              llvm::is_contained({"at", "front", "back", "begin", "end", "rbegin", "rend", "flip",
                                                  "push_back", "emplace_back", "insert", "emplace", "reserve"},
                                                 m->getName());
        return !harmless;
      }
      if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(&node)) {
        return op->getNumArgs() > 0 && op->isAssignmentOp() && same_container(op->getArg(0), object, ctx);
      }
      if (const auto* call = llvm::dyn_cast<clang::CallExpr>(&node)) {
        const clang::FunctionDecl* callee = call->getDirectCallee();
        if (callee == nullptr) return false;
        for (unsigned i = 0; i < call->getNumArgs() && i < callee->getNumParams(); ++i) {
          const clang::QualType param = callee->getParamDecl(i)->getType();
          if (param->isReferenceType() && !param.getNonReferenceType().isConstQualified() &&
              same_container(call->getArg(i)->IgnoreParenImpCasts(), object, ctx)) {
            return true;
          }
        }
      }
      return false;
    });
  }

  /// A local container of the function, held by value (not a reference,
  /// not static) and captured by reference by no lambda: only code that
  /// names it can change its size.
  static bool owned_local(const clang::Expr* object) {
    const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(object->IgnoreParenImpCasts());
    const auto* var = ref != nullptr ? llvm::dyn_cast<clang::VarDecl>(ref->getDecl()) : nullptr;
    if (var == nullptr || !var->hasLocalStorage() || var->getType()->isReferenceType()) return false;
    const auto* fn = llvm::dyn_cast_or_null<clang::FunctionDecl>(var->getParentFunctionOrMethod());
    return fn != nullptr && !flow::contains(fn->getBody(), [&](const clang::Stmt& node) {
      const auto* lambda = llvm::dyn_cast<clang::LambdaExpr>(&node);
      if (lambda == nullptr) return false;
      return llvm::any_of(lambda->captures(), [&](const clang::LambdaCapture& capture) {
        return capture.capturesVariable() && capture.getCapturedVar() == var &&
               capture.getCaptureKind() == clang::LCK_ByRef;
      });
    });
  }

  /// Could `call` change a container other than the ones it names: a call
  /// of a function of the program (a member function of the class may
  /// resize a member), through a pointer, or of a std::function? The
  /// standard library's functions and members act on what they are given
  /// (calls on `object` itself are judged by may_resize).
  static bool may_reach_other_objects(const clang::CallExpr& call, const clang::Expr* object, RuleContext& ctx) {
    const clang::FunctionDecl* callee = call.getDirectCallee();
    if (callee == nullptr) return true;
    if (callee->getBuiltinID() != 0) return false;
    if (const auto* member = llvm::dyn_cast<clang::CXXMemberCallExpr>(&call);
        member != nullptr && same_container(member->getImplicitObjectArgument(), object, ctx)) {
      return false;
    }
    // std::function's operator() runs whatever it holds.
    if (callee->getOverloadedOperator() == clang::OO_Call) return true;
    return !declared_in_std(callee);
  }

  /// Whether each local std::vector<bool> keeps its declared size in its
  /// function (may_resize over the body, once per variable).
  llvm::DenseMap<const clang::VarDecl*, bool> size_fixed_;

  /// std::valarray<bool>: the mask of `va[mask]`.
  static bool is_bool_valarray(const clang::CXXRecordDecl* record) {
    return is_std_record_named(record, "valarray") && is_bool_vector(record);
  }

  /// `m.bucket_size(n)`, `m.begin(n)`, `m.end(n)`, `m.cbegin(n)`, `m.cend(n)`
  /// of an unordered container: libstdc++ 12 indexes its bucket array with
  /// n, unchecked even with _GLIBCXX_ASSERTIONS. Accepted where n is known
  /// to be a bucket of `m`: `m.bucket(key)` (a local variable initialised
  /// from it too), or an index an enclosing condition compares with
  /// `m.bucket_count()` (`for (std::size_t b = 0; b < m.bucket_count(); ++b)`).
  void check_bucket_call(const clang::CXXMemberCallExpr& call, RuleContext& ctx) {
    const clang::CXXMethodDecl* method = call.getMethodDecl();
    if (method == nullptr || method->getIdentifier() == nullptr || call.getNumArgs() != 1) return;
    const llvm::StringRef fn = method->getName();
    if (!llvm::is_contained({"bucket_size", "begin", "end", "cbegin", "cend"}, fn)) return;
    const clang::CXXRecordDecl* record = method->getParent();
    if (!is_std_class(record, {"unordered_map", "unordered_multimap", "unordered_set", "unordered_multiset"})) return;
    const clang::Expr* index = call.getArg(0);
    if (!index->getType()->isIntegerType() || ctx.runs_only_at_compile_time(&call)) return;
    const clang::Expr* object = call.getImplicitObjectArgument();
    if (is_bucket_of(index, object, ctx)) return;
    const std::string name = object_name(object, ctx);
    ctx.report.error(call.getExprLoc(), kName,
                     "'" + fn.str() + "(n)' of a std::" + record->getName().str() +
                         " is not checked by this standard library, even with _GLIBCXX_ASSERTIONS: a bucket "
                         "number that is not below bucket_count() reads past the bucket array; pass '" + name +
                         ".bucket(key)', or test the number against '" + name + ".bucket_count()' (`for "
                         "(std::size_t b = 0; b < " + name + ".bucket_count(); ++b)`) in this function")
        << call.getSourceRange();
  }

  /// `index` is a bucket of `object`: `object.bucket(key)`, a local variable
  /// initialised from it, or a variable an enclosing condition compares with
  /// `object.bucket_count()`.
  static bool is_bucket_of(const clang::Expr* index, const clang::Expr* object, RuleContext& ctx) {
    const auto calls = [&](const clang::Stmt* s, llvm::StringRef name) {
      return flow::contains(s, [&](const clang::Stmt& node) {
        const auto* member = llvm::dyn_cast<clang::CXXMemberCallExpr>(&node);
        const clang::CXXMethodDecl* m = member != nullptr ? member->getMethodDecl() : nullptr;
        return m != nullptr && m->getIdentifier() != nullptr && m->getName() == name &&
               same_container(member->getImplicitObjectArgument(), object, ctx);
      });
    };
    const clang::Expr* e = index->IgnoreParenImpCasts();
    if (calls(e, "bucket")) return true;
    const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(e);
    const auto* var = ref != nullptr ? llvm::dyn_cast<clang::VarDecl>(ref->getDecl()) : nullptr;
    if (var == nullptr) return false;
    if (var->getInit() != nullptr && !llvm::isa<clang::ParmVarDecl>(var) && calls(var->getInit(), "bucket")) {
      return true;
    }
    const auto mentions_var = [&](const clang::Stmt* s) {
      return flow::contains(s, [&](const clang::Stmt& node) {
        const auto* use = llvm::dyn_cast<clang::DeclRefExpr>(&node);
        return use != nullptr && use->getDecl() == var;
      });
    };
    for (const clang::Stmt* parent : ctx.stmt_parents()) {
      const clang::Stmt* cond = nullptr;
      if (const auto* s = llvm::dyn_cast<clang::ForStmt>(parent)) cond = s->getCond();
      if (const auto* s = llvm::dyn_cast<clang::WhileStmt>(parent)) cond = s->getCond();
      if (const auto* s = llvm::dyn_cast<clang::IfStmt>(parent)) cond = s->getCond();
      if (const auto* s = llvm::dyn_cast<clang::AbstractConditionalOperator>(parent)) cond = s->getCond();
      if (const auto* s = llvm::dyn_cast<clang::BinaryOperator>(parent); s != nullptr && s->isLogicalOp()) {
        cond = s->getLHS();
      }
      if (cond != nullptr && calls(cond, "bucket_count") && mentions_var(cond)) return true;
    }
    return false;
  }

  /// std::views::counted(it, n): a view of the n elements from `it`, n
  /// trusted like std::span(it, n) (for a contiguous iterator it IS that
  /// span). Every call is reported: nothing compares n with the range.
  void check_views_counted(const clang::CXXOperatorCallExpr& call, RuleContext& ctx) {
    if (call.getOperator() != clang::OO_Call || call.getNumArgs() < 1) return;
    const auto* object = llvm::dyn_cast<clang::DeclRefExpr>(call.getArg(0)->IgnoreParenImpCasts());
    const auto* var = object != nullptr ? llvm::dyn_cast<clang::VarDecl>(object->getDecl()) : nullptr;
    if (var == nullptr || var->getIdentifier() == nullptr || var->getName() != "counted" || !declared_in_std(var)) return;
    ctx.report.error(call.getBeginLoc(), kName,
                     "std::views::counted(it, n) trusts n, which nobody checks against the range (it is "
                     "std::span(it, n) by another name); take the view from the container itself, e.g. "
                     "v | std::views::take(n), which stops at its end")
        << call.getSourceRange();
  }

  /// `std::string_view(s.end(), s.begin())`, `std::span(v.end(), v.begin())`,
  /// `std::ranges::subrange(v.end(), v.begin())` (also cend/cbegin,
  /// rend/rbegin): a view from the two ends of one container in the wrong
  /// order. Its length is `last - first`, negative, which the size_t wraps
  /// around to nearly SIZE_MAX: every later bounds check of the view passes.
  void check_reversed_view(const clang::CXXConstructExpr& e, RuleContext& ctx) {
    if (e.getNumArgs() < 2) return;
    const clang::CXXRecordDecl* view = e.getConstructor()->getParent();
    if (!is_std_class(view, {"span", "basic_string_view"}) && !is_std_record_named(view, "subrange")) return;
    const IteratorOf first = iterator_of(e.getArg(0));
    const IteratorOf last = iterator_of(e.getArg(1));
    const bool reversed = (first.which == IteratorEnd::end && last.which == IteratorEnd::begin) ||
                          (first.which == IteratorEnd::rend && last.which == IteratorEnd::rbegin);
    if (!reversed || first.object == nullptr || last.object == nullptr) return;
    if (!same_object(first.object, last.object) && !same_container(first.object, last.object, ctx)) return;
    if (is_temporary(first.object)) return;  // two calls, two objects: check_iterator_pairs' case
    const std::string name = object_name(first.object, ctx);
    ctx.report.error(e.getArg(0)->getBeginLoc(), kName,
                     "this view goes from the end of '" + name + "' back to its beginning: its length, last - "
                         "first, is negative and wraps around to nearly SIZE_MAX, so every later bounds check of "
                         "the view passes; give the ends in order, (" + name + ".begin(), " + name +
                         ".end()), or build the view from the container itself")
        << clang::SourceRange(e.getArg(0)->getBeginLoc(), e.getArg(1)->getEndLoc());
  }

  /// Does `record` (a std::span, std::basic_string_view or std::basic_string)
  /// hold elements of the type `data` points to?
  static bool same_element_type(const clang::CXXRecordDecl& record, const clang::Expr* data) {
    const auto* spec = llvm::dyn_cast<clang::ClassTemplateSpecializationDecl>(&record);
    const clang::QualType pointer = data->IgnoreParenImpCasts()->getType();
    if (spec == nullptr || spec->getTemplateArgs().size() < 1 || !pointer->isPointerType()) return false;
    const clang::TemplateArgument& element = spec->getTemplateArgs()[0];
    if (element.getKind() != clang::TemplateArgument::Type) return false;
    return record.getASTContext().hasSameUnqualifiedType(element.getAsType(), pointer->getPointeeType());
  }

  /// std::span<T>(p, n), std::string_view(p, n), std::string(p, n): the view
  /// or copy trusts n. From a string literal it is fine (its size is known
  /// and the compiler warns about overreads of it).
  void check_pointer_length_construction(const clang::CXXConstructExpr& e, RuleContext& ctx) {
    if (e.getNumArgs() < 2) return;
    const clang::CXXRecordDecl* record = e.getConstructor()->getParent();
    if (record == nullptr || record->getIdentifier() == nullptr || !record->isInStdNamespace()) return;
    const llvm::StringRef cls = record->getName();
    // std::bitset(p, n), std::regex(p, n), std::valarray(p, n): the same
    // (pointer, length) constructor; libstdc++ reads n elements from p.
    // std::ostrstream(p, n), std::istrstream(p, n), std::strstreambuf(p, n):
    // a stream over the caller's buffer, n trusted.
    const bool strstream = cls == "ostrstream" || cls == "istrstream" || cls == "strstream" || cls == "strstreambuf";
    const bool other = cls == "bitset" || cls == "basic_regex" || cls == "valarray" || strstream;
    if (cls != "span" && cls != "basic_string_view" && cls != "basic_string" && !other) return;
    const clang::Expr* first = e.getArg(0);
    const clang::Expr* second = e.getArg(1);
    if (second->getType().isNull() || !second->getType()->isIntegerType() || second->getType()->isEnumeralType() ||
        second->getType()->isBooleanType()) {
      return;
    }
    if (other && (e.getConstructor()->getNumParams() < 2 ||
                  !e.getConstructor()->getParamDecl(0)->getType()->isPointerType())) {
      return;  // std::valarray(value, n), std::bitset(unsigned long long)
    }
    // std::span(first, count) trusts the count whether `first` is a pointer
    // or an iterator (v.begin()): the same constructor.
    const bool iterator_and_count = cls == "span" && !first->getType().isNull() &&
                                    !first->getType()->isIntegerType() && !is_pointer(first);
    if (!is_pointer(first) && !iterator_and_count) return;
    const clang::Expr* source = first->IgnoreParenImpCasts();
    // From a string literal the length is known: accepted, unless the count
    // is a constant past it (`std::string_view("abc", 10)` reads 6 bytes
    // beyond the literal, and no compiler warning says so).
    if (llvm::isa<clang::StringLiteral, clang::PredefinedExpr>(source) &&
        !constant_count_past_literal(*source, *second, ctx)) {
      return;
    }
    // std::valarray<int>(v.data(), v.size()): the pointer and the size of
    // one container, the way to make a valarray (or a bitset / regex) of a
    // vector's elements, which these classes take no container for.
    if (other && is_data_and_size_of_one_object(first, second)) return;
    // std::string_view(buf_.data(), buf_.size()) of a std::vector<char>:
    // the whole of one container, its own count, and elements of the view's
    // type (not a vector of a derived class seen as its base).
    if (!other && is_data_and_size_of_one_object(first, second) && same_element_type(*record, first)) return;
    if (cls == "span" && is_argv_and_argc(first, second)) return;
    if (!other && count_fits_known_extent(e, ctx)) return;
    const std::string type = cls == "span"                ? "std::span"
                             : cls == "basic_string_view" ? "std::string_view"
                             : cls == "basic_string"      ? "std::string"
                             : cls == "basic_regex"       ? "std::regex"
                                                          : "std::" + cls.str();
    // std::bitset<N>(p): the length defaults to npos, and the constructor
    // runs strlen over p: a C string reader.
    if (llvm::isa<clang::CXXDefaultArgExpr>(second)) {
      if (cls == "bitset" && is_unterminated_data(first, ctx)) report_unterminated(*first, type, ctx);
      return;
    }
    const std::string remedy =
        strstream ? "use std::ostringstream / std::istringstream, which own their buffer (std::istringstream "
                    "over a std::string of the text)"
        : other ? (cls == "valarray" ? "copy the elements from the container itself (it knows its size), or from a "
                                     "std::span's .subspan(offset, n), which checks"
                                   : "build it from a std::string of the text (std::string(v.begin(), v.end()), or "
                                     "s.substr(pos, n), which checks)")
              : "build it from the container itself (it knows its size), or use .substr / .subspan / .first(n), "
                "which check";
    ctx.report.error(e.getBeginLoc(), kName,
                     "building a " + type +
                         (cls == "span" ? " from a pointer (or an iterator)" : " from a pointer") +
                         " and a length trusts the length, which nobody checks against the buffer; " + remedy)
        << e.getSourceRange();
  }

  /// A constant count larger than the literal's array (its characters and
  /// the terminator).
  static bool constant_count_past_literal(const clang::Expr& literal, const clang::Expr& count, RuleContext& ctx) {
    const auto* array = ctx.ast.getAsConstantArrayType(literal.getType());
    clang::Expr::EvalResult value;
    if (array == nullptr || count.isValueDependent() || !count.EvaluateAsInt(value, ctx.ast)) return false;
    const llvm::APSInt& n = value.Val.getInt();
    return n.isNegative() || n.getZExtValue() > array->getSize().getZExtValue();
  }

  /// `std::span<int>(arr, 10)` on an `int arr[10]`, `std::string_view(a.data(),
  /// 4)` on a `std::array<char, 8>`, `std::span<int>(p, 0)`: a constant count
  /// no larger than what the pointer is known to have in front of it (a C
  /// array's length, a container's size fixed by its type or its
  /// construction), of the view's own element type; a count of 0 reads
  /// nothing. The pointer form of what the container itself would give.
  bool count_fits_known_extent(const clang::CXXConstructExpr& e, RuleContext& ctx) {
    if (e.getNumArgs() < 2) return false;
    const clang::CXXRecordDecl* record = e.getConstructor()->getParent();
    if (!is_std_class(record, {"span", "basic_string_view", "basic_string"})) return false;
    const clang::Expr* count = e.getArg(1);
    clang::Expr::EvalResult value;
    if (count->isValueDependent() || !count->EvaluateAsInt(value, ctx.ast) || value.Val.getInt().isNegative()) {
      return false;
    }
    const uint64_t n = value.Val.getInt().getZExtValue();
    if (n == 0) return true;
    const clang::Expr* first = e.getArg(0);
    // std::span<int>(a.begin(), 4) on a std::array<int, 4>: the iterator
    // form of the same constructor, from the container's own begin().
    if (const IteratorOf it = iterator_of(first); it.which == IteratorEnd::begin && it.object != nullptr) {
      const std::optional<uint64_t> size = known_element_count(it.object, it.container, ctx);
      return size && n <= *size;
    }
    // The argument as passed (a decayed array is a pointer by then) points
    // at elements of the view's type, not a derived class seen as its base.
    const auto* spec = llvm::dyn_cast<clang::ClassTemplateSpecializationDecl>(record);
    const clang::QualType passed = first->getType();
    if (spec == nullptr || spec->getTemplateArgs().size() < 1 || passed.isNull() || !passed->isPointerType() ||
        spec->getTemplateArgs()[0].getKind() != clang::TemplateArgument::Type ||
        !ctx.ast.hasSameUnqualifiedType(spec->getTemplateArgs()[0].getAsType(), passed->getPointeeType())) {
      return false;
    }
    const clang::Expr* source = first->IgnoreParenImpCasts();
    if (const auto* array = ctx.ast.getAsConstantArrayType(source->getType())) {
      return n <= array->getSize().getZExtValue();
    }
    const std::optional<CBuffer> buffer = c_buffer_of(first, ctx);
    if (!buffer || !buffer->bytes || buffer->element.isNull() || buffer->element->isIncompleteType()) return false;
    const uint64_t element = ctx.ast.getTypeSizeInChars(buffer->element).getQuantity();
    return element != 0 && n <= *buffer->bytes / element;
  }

  /// `a[4]` on a `std::array<int, 4>`, `s[3]` on a `std::span<int, 3>`,
  /// `v[3]` on a local `std::vector<int> v(3)` whose size nothing changes:
  /// a constant index the compiler can see is past the end. Under
  /// -D_GLIBCXX_ASSERTIONS the read aborts, and with it every service in
  /// the binary; without, it reads past the buffer.
  void check_constant_index_past_end(const clang::CXXOperatorCallExpr& call, RuleContext& ctx) {
    if (call.getOperator() != clang::OO_Subscript || call.getNumArgs() != 2) return;
    if (ctx.runs_only_at_compile_time(&call)) return;
    const clang::Expr* object = call.getArg(0);
    const clang::CXXRecordDecl* record = object->getType().getNonReferenceType()->getAsCXXRecordDecl();
    const clang::Expr* index = call.getArg(1);
    // A std::string_view has no terminator to read at its size.
    if (is_std_class(record, {"array", "span", "vector", "basic_string_view", "deque"}) && !is_bool_vector(record) &&
        is_own_size(index, object)) {
      report_index_at_size(call, ctx);
      return;
    }
    if (is_std_class(record, {"basic_string"}) && is_own_size(index, object) && writes_non_nul(call, ctx) &&
        !in_death_test_statement(call.getExprLoc(), ctx)) {
      report_terminator_write(call, object_name(object, ctx) + ".size()", ctx);
      return;
    }
    // `std::vector<char> buf(len); buf[len] = 0;`: the count it was built with.
    if (const clang::VarDecl* count = index_is_built_count(object, index)) {
      if (is_std_class(record, {"vector"}) && !is_bool_vector(record)) {
        report_index_at_built_count(call, *count, ctx);
      } else if (is_std_class(record, {"basic_string"}) && writes_non_nul(call, ctx) &&
                 !in_death_test_statement(call.getExprLoc(), ctx)) {
        report_terminator_write(call, count->getNameAsString(), ctx);
      }
      return;
    }
    if (!is_std_class(record, {"array", "span", "vector", "basic_string"})) return;
    // A constant, or a local that holds one (`int last = 4; a[last]`).
    const std::optional<llvm::APSInt> value = known_integer(index, ctx);
    if (!value) return;
    const std::optional<uint64_t> size = known_element_count(object, record, ctx);
    if (!size) return;
    // `EXPECT_DEATH(v[3] = 1, "")`: the assertion's abort is what the
    // test's child process is there to show.
    if (in_death_test_statement(call.getExprLoc(), ctx)) return;
    const llvm::APSInt& at = *value;
    // A string's terminator, s[s.size()], is readable; writing anything
    // but a NUL there is undefined (and not caught by the assertions).
    const bool string = record->getName() == "basic_string";
    const uint64_t limit = string ? *size + 1 : *size;
    if (string && !at.isNegative() && at.getZExtValue() == *size && writes_non_nul(call, ctx)) {
      report_terminator_write(call, std::to_string(*size) + (*size == 0   ? " of an empty string"
                                                             : *size == 1 ? " of a string of 1 character"
                                                                          : " of a string of " +
                                                                                std::to_string(*size) + " characters"),
                              ctx);
      return;
    }
    if (!at.isNegative() && at.getZExtValue() < limit) return;
    report_constant_past_end(call, at, *size, record, ctx);
  }

  /// `s[s.size()] = 'x'`: the terminator given another value.
  void report_terminator_write(const clang::CXXOperatorCallExpr& call, const std::string& index, RuleContext& ctx) {
    const clang::Expr* object = call.getArg(0);
    const std::string name = object_name(object, ctx);
    ctx.report.error(object->getExprLoc(), kName,
                       "this writes the terminator of '" + name + "' (index " + index +
                           "): anything but '\\0' there is undefined behaviour, and "
                           "-D_GLIBCXX_ASSERTIONS does not catch it; append with push_back or +=, or size the "
                           "string first (resize)")
        << call.getSourceRange();
  }

  /// `a[4]` of a container of 4 elements (check_constant_index_past_end).
  void report_constant_past_end(const clang::CXXOperatorCallExpr& call, const llvm::APSInt& at, uint64_t size,
                                const clang::CXXRecordDecl* record, RuleContext& ctx) {
    const clang::Expr* object = call.getArg(0);
    const std::string name = object_name(object, ctx);
    llvm::SmallString<16> shown;
    at.toString(shown);
    // An empty container has no index to suggest: it needs elements first.
    const std::string held = size == 0   ? "which is empty"
                             : size == 1 ? "which has 1 element"
                                          : "which has " + std::to_string(size) + " elements";
    const std::string remedy = size == 0 ? empty_remedy(record) : "use an index below " + std::to_string(size);
    ctx.report.error(object->getExprLoc(), kName,
                     "index " + std::string(shown) + " is past the end of '" + name + "', " + held +
                         ": -D_GLIBCXX_ASSERTIONS stops the access by aborting the whole binary, every "
                         "service in it (without it, it reaches past the buffer); " +
                         remedy + ", or .at(i), which throws")
        << call.getSourceRange();
  }

  /// `for (std::size_t i = 0; i <= v.size(); ++i) use(v[i]);`, `for (int i
  /// = 0; i < 5; ++i) a[i]` on a `std::array<int, 4>`: an off-by-one loop
  /// whose last iteration indexes past the end. Judged only when that
  /// iteration surely reads it: the counter starts at a constant, steps by
  /// one, is not written in the body, and the body has no way out (break,
  /// return, goto, throw) and reads `v[i]` on every path through it;
  /// nothing in the body but element accesses names the container.
  void check_loop_index_past_end(const clang::CXXOperatorCallExpr& call, RuleContext& ctx) {
    if (call.getOperator() != clang::OO_Subscript || call.getNumArgs() != 2 || ctx.runs_only_at_compile_time(&call)) {
      return;
    }
    const clang::Expr* object = call.getArg(0);
    const clang::CXXRecordDecl* record = object->getType().getNonReferenceType()->getAsCXXRecordDecl();
    // std::vector<bool>'s operator[] is not checked at all, and reported as such (check_smart_array_subscript).
    // A local or a parameter: a member may grow through any call of a
    // member function in the body, unseen here.
    const clang::Expr* named = named_object(object);
    if (!is_std_class(record, {"array", "span", "vector", "deque"}) || is_bool_vector(record) || named == nullptr ||
        !llvm::isa<clang::DeclRefExpr>(named)) {
      return;
    }
    const auto* index_ref = llvm::dyn_cast<clang::DeclRefExpr>(call.getArg(1)->IgnoreParenImpCasts());
    const auto* index = index_ref != nullptr ? llvm::dyn_cast<clang::VarDecl>(index_ref->getDecl()) : nullptr;
    if (index == nullptr || !index->getType()->isIntegerType()) return;
    const clang::ForStmt* loop = unconditional_counting_loop(call, *index, ctx);
    if (loop == nullptr) return;
    const auto* cond = llvm::dyn_cast_or_null<clang::BinaryOperator>(loop->getCond()->IgnoreParenImpCasts());
    if (cond == nullptr || !flow::names_variable(cond->getLHS(), *index)) return;
    const bool inclusive = cond->getOpcode() == clang::BO_LE;
    if (!inclusive && cond->getOpcode() != clang::BO_LT) return;
    const std::optional<llvm::APSInt> start = loop_start(*loop, *index, ctx);
    if (!start || start->isNegative() || start->getActiveBits() > 63) return;
    std::string bound;
    if (inclusive && is_own_size(cond->getRHS(), object)) {
      if (!start->isZero()) return;  // from 0 it reaches size() whatever the size
      bound = "'" + object_name(object, ctx) + ".size()'";
    } else {
      const std::optional<llvm::APSInt> limit = known_integer(cond->getRHS(), ctx);
      const std::optional<uint64_t> size = static_element_count(record);
      if (!limit || !size || limit->isNegative() || limit->getActiveBits() > 63) return;
      const uint64_t last = inclusive ? limit->getZExtValue() : limit->getZExtValue() - 1;
      if (limit->isZero() || last < *size || start->getZExtValue() > last) return;
      bound = std::to_string(last);
    }
    // The walks of the body last: only a loop whose bounds reach past the end pays for them.
    if (!body_runs_through(loop->getBody(), *index) || !only_indexed_in(loop->getBody(), object) ||
        in_death_test_statement(call.getExprLoc(), ctx)) {
      return;
    }
    const std::string name = object_name(object, ctx);
    ctx.report.error(object->getExprLoc(), kName,
                     "the last iteration of this loop reads '" + name + "' at " + bound + ", past its last element: "
                         "-D_GLIBCXX_ASSERTIONS stops the access by aborting the whole binary, every service in it "
                         "(without it, it reaches past the buffer); stop the loop before the size (`i < " + name +
                         ".size()`), or iterate with a range-for")
        << call.getSourceRange();
    ctx.report.note(loop->getCond()->getExprLoc(), "the loop's condition lets the index reach " + bound);
  }

  /// The `for` loop around `at` whose counter is `index`, stepped by one
  /// (`++i`, `i++`, `i += 1`), when `at` runs on every iteration that gets
  /// to it: only blocks and expressions other than conditional ones between
  /// them (body_runs_through says whether every iteration gets there).
  const clang::ForStmt* unconditional_counting_loop(const clang::Stmt& at, const clang::VarDecl& index,
                                                    RuleContext& ctx) {
    const llvm::ArrayRef<const clang::Stmt*> parents = ctx.stmt_parents();
    const clang::Stmt* child = &at;
    for (size_t i = parents.size(); i-- > 0; child = parents[i]) {
      const clang::Stmt* parent = parents[i];
      if (const auto* loop = llvm::dyn_cast<clang::ForStmt>(parent)) {
        if (child != loop->getBody() || loop->getCond() == nullptr || !steps_by_one(loop->getInc(), index)) {
          return nullptr;
        }
        return loop;
      }
      if (llvm::isa<clang::CompoundStmt, clang::ExprWithCleanups, clang::DeclStmt, clang::ReturnStmt>(parent)) continue;
      const auto* e = llvm::dyn_cast<clang::Expr>(parent);
      if (e == nullptr || llvm::isa<clang::AbstractConditionalOperator, clang::LambdaExpr>(e)) return nullptr;
      if (const auto* op = llvm::dyn_cast<clang::BinaryOperator>(e); op != nullptr && op->isLogicalOp()) return nullptr;
    }
    return nullptr;
  }

  /// `++i`, `i++`, `i += 1`.
  static bool steps_by_one(const clang::Expr* inc, const clang::VarDecl& index) {
    if (inc == nullptr) return false;
    inc = inc->IgnoreParenImpCasts();
    if (const auto* op = llvm::dyn_cast<clang::UnaryOperator>(inc)) {
      return op->isIncrementOp() && flow::names_variable(op->getSubExpr(), index);
    }
    const auto* add = llvm::dyn_cast<clang::CompoundAssignOperator>(inc);
    const auto* one = add != nullptr ? llvm::dyn_cast<clang::IntegerLiteral>(add->getRHS()->IgnoreParenImpCasts()) : nullptr;
    return add != nullptr && add->getOpcode() == clang::BO_AddAssign && flow::names_variable(add->getLHS(), index) &&
           one != nullptr && one->getValue() == 1;
  }

  /// A body that neither leaves early (break, continue, return, goto,
  /// throw, co_return) nor writes the counter (assigns it, steps it, takes
  /// its address or a reference to it).
  static bool body_runs_through(const clang::Stmt* body, const clang::VarDecl& index) {
    return !flow::contains(body, [&](const clang::Stmt& sub) {
      if (llvm::isa<clang::BreakStmt, clang::ContinueStmt, clang::ReturnStmt, clang::GotoStmt,
                    clang::IndirectGotoStmt, clang::CXXThrowExpr, clang::CoreturnStmt>(sub)) {
        return true;
      }
      if (const auto* op = llvm::dyn_cast<clang::BinaryOperator>(&sub); op != nullptr && op->isAssignmentOp()) {
        return flow::names_variable(op->getLHS(), index);
      }
      if (const auto* op = llvm::dyn_cast<clang::UnaryOperator>(&sub)) {
        return (op->isIncrementDecrementOp() || op->getOpcode() == clang::UO_AddrOf) &&
               flow::names_variable(op->getSubExpr(), index);
      }
      return false;
    }) && !binds_reference_to(body, index);
  }

  /// Is `index` handed to a reference anywhere in `body` (a non-const
  /// reference parameter, a local reference)? Then it may be written.
  static bool binds_reference_to(const clang::Stmt* body, const clang::VarDecl& index) {
    return flow::contains(body, [&](const clang::Stmt& sub) {
      const auto* call = llvm::dyn_cast<clang::CallExpr>(&sub);
      if (call != nullptr && call->getDirectCallee() != nullptr) {
        const clang::FunctionDecl* fn = call->getDirectCallee();
        const unsigned shift = llvm::isa<clang::CXXOperatorCallExpr>(call) && llvm::isa<clang::CXXMethodDecl>(fn) ? 1 : 0;
        for (unsigned a = shift; a < call->getNumArgs(); ++a) {
          if (a - shift >= fn->getNumParams() || !flow::names_variable(call->getArg(a), index)) continue;
          const clang::QualType param = fn->getParamDecl(a - shift)->getType();
          if (param->isReferenceType() && !param->getPointeeType().isConstQualified()) return true;
        }
      }
      if (const auto* decl = llvm::dyn_cast<clang::DeclStmt>(&sub)) {
        for (const clang::Decl* d : decl->decls()) {
          const auto* var = llvm::dyn_cast<clang::VarDecl>(d);
          if (var != nullptr && var->getType()->isReferenceType() && var->getInit() != nullptr &&
              flow::names_variable(var->getInit(), index)) {
            return true;
          }
        }
      }
      if (const auto* lambda = llvm::dyn_cast<clang::LambdaExpr>(&sub)) {
        for (const clang::LambdaCapture& capture : lambda->captures()) {
          if (capture.capturesVariable() && capture.getCapturedVar() == &index &&
              capture.getCaptureKind() == clang::LCK_ByRef) {
            return true;
          }
        }
      }
      return false;
    });
  }

  /// The constant the loop's init gives its counter (`std::size_t i = 0`, `i = 0`).
  std::optional<llvm::APSInt> loop_start(const clang::ForStmt& loop, const clang::VarDecl& index, RuleContext& ctx) {
    const clang::Stmt* init = loop.getInit();
    if (const auto* decl = llvm::dyn_cast_or_null<clang::DeclStmt>(init)) {
      if (!decl->isSingleDecl() || decl->getSingleDecl() != &index || index.getInit() == nullptr) return std::nullopt;
      return constant_value(index.getInit(), ctx);
    }
    const auto* assign = llvm::dyn_cast_or_null<clang::BinaryOperator>(init);
    if (assign == nullptr || assign->getOpcode() != clang::BO_Assign || !flow::names_variable(assign->getLHS(), index)) {
      return std::nullopt;
    }
    return constant_value(assign->getRHS(), ctx);
  }

  static std::optional<llvm::APSInt> constant_value(const clang::Expr* e, RuleContext& ctx) {
    clang::Expr::EvalResult value;
    if (e->isValueDependent() || !e->EvaluateAsInt(value, ctx.ast)) return std::nullopt;
    return value.Val.getInt();
  }

  /// Every mention of the container `object` in `body` is the object of a
  /// subscript (`v[i]`, `v[i] = x`) or of a const member function: nothing
  /// there changes its size.
  static bool only_indexed_in(const clang::Stmt* body, const clang::Expr* object) {
    const clang::Expr* named = named_object(object);
    unsigned mentions = 0;
    unsigned indexed = 0;
    flow::contains(body, [&](const clang::Stmt& sub) {
      const auto* e = llvm::dyn_cast<clang::Expr>(&sub);
      if (e != nullptr && (llvm::isa<clang::DeclRefExpr, clang::MemberExpr>(e)) && same_object(e, named)) ++mentions;
      if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(&sub);
          op != nullptr && op->getOperator() == clang::OO_Subscript && op->getNumArgs() == 2 &&
          same_object(op->getArg(0)->IgnoreParenImpCasts(), named)) {
        ++indexed;
      } else if (const auto* member = llvm::dyn_cast<clang::CXXMemberCallExpr>(&sub);
                 member != nullptr && member->getMethodDecl() != nullptr && member->getMethodDecl()->isConst() &&
                 same_object(member->getImplicitObjectArgument()->IgnoreParenImpCasts(), named)) {
        ++indexed;
      }
      return false;
    });
    return mentions == indexed;
  }

  /// Is the element `element` the target of an assignment (or ++, --, a
  /// compound assignment) of anything but a constant zero?
  bool writes_non_nul(const clang::Expr& element, RuleContext& ctx) {
    const llvm::ArrayRef<const clang::Stmt*> parents = ctx.stmt_parents();
    const clang::Stmt* child = &element;
    for (size_t i = parents.size(); i-- > 0; child = parents[i]) {
      const clang::Stmt* parent = parents[i];
      if (llvm::isa<clang::ParenExpr, clang::ImplicitCastExpr>(parent)) continue;
      if (const auto* op = llvm::dyn_cast<clang::BinaryOperator>(parent)) {
        if (!op->isAssignmentOp() || op->getLHS() != child) return false;
        if (op->getOpcode() != clang::BO_Assign) return true;
        clang::Expr::EvalResult value;
        return op->getRHS()->isValueDependent() || !op->getRHS()->EvaluateAsInt(value, ctx.ast) ||
               !value.Val.getInt().isZero();
      }
      if (const auto* op = llvm::dyn_cast<clang::UnaryOperator>(parent)) return op->isIncrementDecrementOp();
      return false;
    }
    return false;
  }

  /// `v.size()` or `std::size(v)` of the very object `object` names.
  static bool is_own_size(const clang::Expr* index, const clang::Expr* object) {
    const auto* call = llvm::dyn_cast<clang::CallExpr>(index->IgnoreParenImpCasts());
    const clang::FunctionDecl* fn = call != nullptr ? call->getDirectCallee() : nullptr;
    if (fn == nullptr || fn->getIdentifier() == nullptr || fn->getName() != "size") return false;
    const clang::Expr* sized = nullptr;
    if (const auto* member = llvm::dyn_cast<clang::CXXMemberCallExpr>(call)) {
      sized = member->getImplicitObjectArgument();
    } else if (call->getNumArgs() == 1 && fn->isInStdNamespace()) {
      sized = call->getArg(0);
    }
    return sized != nullptr && same_object(sized->IgnoreParenImpCasts(), object->IgnoreParenImpCasts());
  }

  /// `v[n]` of a local `std::vector<T> v(n)` (or `v(n, x)`, a `std::string
  /// s(n, c)`) where neither the size of `v` nor `n` changes in the
  /// function: the index is the size, one past the last element, whatever
  /// `n` is. The count variable, or null.
  const clang::VarDecl* index_is_built_count(const clang::Expr* object, const clang::Expr* index) {
    const clang::VarDecl* container = local_container_var(object);
    if (container == nullptr) return nullptr;
    const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(container->getInit()->IgnoreImplicit());
    if (construct == nullptr || construct->getNumArgs() < 1 || construct->getNumArgs() > 3 ||
        construct->isListInitialization() || construct->getConstructor()->getNumParams() < 1 ||
        !construct->getConstructor()->getParamDecl(0)->getType()->isIntegerType()) {
      return nullptr;
    }
    const clang::VarDecl* count = integer_var_read(construct->getArg(0));
    if (count == nullptr || count != integer_var_read(index)) return nullptr;
    if (!is_only_read(*count) || !size_never_changes(*container)) return nullptr;
    return count;
  }

  /// The integer variable `e` reads (through casts), or null.
  static const clang::VarDecl* integer_var_read(const clang::Expr* e) {
    const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(e->IgnoreParenImpCasts());
    const auto* var = ref != nullptr ? llvm::dyn_cast<clang::VarDecl>(ref->getDecl()) : nullptr;
    return var != nullptr && var->getType()->isIntegerType() ? var : nullptr;
  }

  /// `v[n]` of `std::vector<T> v(n)` (index_is_built_count).
  void report_index_at_built_count(const clang::CXXOperatorCallExpr& call, const clang::VarDecl& count,
                                   RuleContext& ctx) {
    if (in_death_test_statement(call.getExprLoc(), ctx)) return;
    const std::string name = object_name(call.getArg(0), ctx);
    const std::string n = count.getNameAsString();
    ctx.report.error(call.getArg(0)->getExprLoc(), kName,
                     "index " + n + " is the size '" + name + "' was built with, one past its last element: "
                     "-D_GLIBCXX_ASSERTIONS stops the access by aborting the whole binary, every service in it "
                     "(without it, it reaches past the buffer); the last element is at " + n +
                     " - 1, or build it with " + n + " + 1 elements")
        << call.getSourceRange();
    ctx.report.note(local_container_var(call.getArg(0))->getLocation(),
                    "'" + name + "' is built with " + n + " elements here");
  }

  /// `v[v.size()]` of a std::vector, std::array, std::span, std::deque or
  /// std::string_view: one past the
  /// last element, whatever the size (a std::string's terminator is there,
  /// and readable).
  void report_index_at_size(const clang::CXXOperatorCallExpr& call, RuleContext& ctx) {
    if (in_death_test_statement(call.getExprLoc(), ctx)) return;
    const std::string name = object_name(call.getArg(0), ctx);
    ctx.report.error(call.getArg(0)->getExprLoc(), kName,
                     "index " + name + ".size() is one past the last element of '" + name +
                         "', whatever its size: -D_GLIBCXX_ASSERTIONS stops the access by aborting the whole "
                         "binary, every service in it (without it, it reaches past the buffer); the last element is "
                         "at size() - 1 (" + name + ".back(), after checking that it is not empty)")
        << call.getSourceRange();
  }

  /// `v.data()` (or `&v[i]`, `&v.front()`) of a buffer that carries no
  /// terminator: a std::vector, std::array, std::span or std::string_view
  /// (not a std::string, whose data() is terminated). Exempt where a
  /// terminator is visible: a const std::string_view variable made from a
  /// string literal, a const std::array<char, N> initialised from a
  /// literal that fits with its NUL, and a buffer the same function hands
  /// as a writable `char*` to a C function (snprintf, strftime, getcwd,
  /// fgets: they terminate what they write). Other pointers (e.what(),
  /// std::getenv) are left to raw-pointer. The object, else nullptr.
  static const clang::Expr* unterminated_buffer(const clang::Expr* e) {
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
  static bool is_unterminated_data(const clang::Expr* e, RuleContext& ctx) {
    const clang::Expr* object = unterminated_buffer(e);
    return object != nullptr && !filled_by_c_function(object, ctx);
  }

  /// `snprintf(buf.data(), buf.size(), ...)`, `std::strftime(&buf[0], ...)`,
  /// `getcwd(buf.data(), buf.size())` somewhere in the enclosing function:
  /// a function outside namespace std (the C library's, or the user's)
  /// taking the buffer as a writable `char*`. C string producers terminate
  /// what they write; std::to_chars (in std) does not and is not counted.
  static bool filled_by_c_function(const clang::Expr* object, RuleContext& ctx) {
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
  static bool appends_nul(const clang::CXXMemberCallExpr& call, const clang::Expr* object, RuleContext& ctx) {
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
  static bool is_literal_char_array(const clang::Expr* object) {
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
  static bool is_literal_view(const clang::Expr* object) {
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

  static void report_unterminated(const clang::Expr& arg, llvm::StringRef type, RuleContext& ctx) {
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
  void check_unterminated_construction(const clang::CXXConstructExpr& e, RuleContext& ctx) {
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
  void check_unterminated_assignment(const clang::CXXMethodDecl& fn, const clang::Expr& arg, RuleContext& ctx) {
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
  void check_arguments(const clang::FunctionDecl* callee, llvm::ArrayRef<const clang::Expr*> args, RuleContext& ctx) {
    check_c_string_arguments(callee, args, 0, ctx);
    if (is_std_callee(callee)) {
      check_iterator_pairs(args, ctx);
      check_reversed_range(*callee, args, ctx);
    }
  }

  /// `std::for_each(c.end(), c.begin(), f)`, `std::vector<int> w(v.end(),
  /// v.begin())`, `std::sort(v.rend(), v.rbegin())` (CERT CTR53-CPP): a
  /// standard function's (first, last) range given from the end of one
  /// container back to its beginning. The walk from end() steps forward
  /// and never meets begin(): it runs off the buffer. Only where the
  /// library names the two parameters as a range (`__first`/`__last`,
  /// `__first1`/`__last1`, ...), so that (x.end(), x.begin()) of an
  /// algorithm where one range ends and its output starts,
  /// `std::copy(v.begin(), v.end(), v.begin())`, is not taken for one.
  void check_reversed_range(const clang::FunctionDecl& callee, llvm::ArrayRef<const clang::Expr*> args,
                            RuleContext& ctx) {
    // A view's own (first, last) constructor is check_reversed_view's.
    if (const auto* ctor = llvm::dyn_cast<clang::CXXConstructorDecl>(&callee);
        ctor != nullptr && (is_std_class(ctor->getParent(), {"span", "basic_string_view"}) ||
                            is_std_record_named(ctor->getParent(), "subrange"))) {
      return;
    }
    for (size_t i = 0; i + 1 < args.size() && i + 1 < callee.getNumParams(); ++i) {
      if (!is_range_parameter_pair(*callee.getParamDecl(i), *callee.getParamDecl(i + 1))) continue;
      const IteratorOf first = iterator_of(args[i]);
      const IteratorOf last = iterator_of(args[i + 1]);
      const bool reversed = (first.which == IteratorEnd::end && last.which == IteratorEnd::begin) ||
                            (first.which == IteratorEnd::rend && last.which == IteratorEnd::rbegin);
      if (!reversed || first.object == nullptr || last.object == nullptr || is_temporary(first.object) ||
          !same_object(first.object, last.object)) {
        continue;
      }
      const std::string name = object_name(first.object, ctx);
      ctx.report.error(args[i]->getBeginLoc(), kName,
                       "this range goes from the end of '" + name + "' back to its beginning: the walk steps "
                           "forward from the end and runs off the buffer before it meets the beginning; give "
                           "the ends in order, (" + name + ".begin(), " + name + ".end()), or pass '" + name +
                           "' itself as a range")
          << clang::SourceRange(args[i]->getBeginLoc(), args[i + 1]->getEndLoc());
    }
  }

  /// Two parameters the library names as one range: `__first` and
  /// `__last` (libstdc++), with the same suffix (`__first2`, `__last2`).
  static bool is_range_parameter_pair(const clang::ParmVarDecl& first, const clang::ParmVarDecl& last) {
    if (first.getIdentifier() == nullptr || last.getIdentifier() == nullptr) return false;
    llvm::StringRef a = first.getName();
    llvm::StringRef b = last.getName();
    if (!a.consume_front("__first") || !b.consume_front("__last")) return false;
    return a == b;
  }

  void check_c_string_arguments(const clang::FunctionDecl* fn, llvm::ArrayRef<const clang::Expr*> args,
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

  /// Parameter `p` of `fn` reads a C string: its type is `const CharT*`
  /// (written as a pointer in the template it comes from, not a deduced
  /// iterator such as std::find's), and no length follows it: the next
  /// parameter is not an integer, and no later one is a size_t.
  static bool is_c_string_parameter(const clang::FunctionDecl& fn, const clang::FunctionDecl* pattern, unsigned p) {
    const clang::QualType type = fn.getParamDecl(p)->getType();
    if (!type->isPointerType() || !type->getPointeeType().isConstQualified() ||
        !type->getPointeeType()->isAnyCharacterType()) {
      return false;
    }
    if (pattern != nullptr) {
      if (p >= pattern->getNumParams() || !pattern->getParamDecl(p)->getType()->isPointerType()) return false;
    }
    if (p + 1 < fn.getNumParams() && is_length_parameter(*fn.getParamDecl(p + 1))) return false;
    // (first, last), (begin, end): a range (std::from_chars, std::to_chars).
    if (is_range_parameter(*fn.getParamDecl(p)) ||
        (p + 1 < fn.getNumParams() && is_range_parameter(*fn.getParamDecl(p + 1)))) {
      return false;
    }
    for (unsigned k = p + 1; k < fn.getNumParams(); ++k) {
      if (is_size_type(fn.getParamDecl(k)->getType())) return false;
    }
    return true;
  }

  /// A parameter that points at a buffer of objects: a pointer to data
  /// (void, characters, numbers, structs), not to a pointer (`char**`
  /// out-parameters, strtol's end) nor to a function.
  static bool is_buffer_parameter(const clang::ParmVarDecl& param) {
    const clang::QualType type = param.getType();
    if (!type->isPointerType()) return false;
    const clang::QualType pointee = type->getPointeeType();
    return !pointee->isPointerType() && !pointee->isFunctionType() && !pointee->isDependentType();
  }

  /// `socklen_t* optlen`, `size_t* len`: a length the function reads and
  /// updates (getsockopt, accept).
  static bool is_length_pointer_parameter(const clang::ParmVarDecl& param) {
    const clang::QualType type = param.getType();
    if (!type->isPointerType() || !type->getPointeeType()->isIntegerType() || param.getIdentifier() == nullptr) {
      return false;
    }
    const std::string name = param.getName().ltrim('_').lower();
    return llvm::StringRef(name).contains("len") || llvm::StringRef(name).contains("size");
  }

  /// A buffer of the service that a C function receives through a pointer:
  /// `x.data()` / `x.c_str()` of a standard container, string or view,
  /// `&x[i]`, `&x.front()`: its object, element and what is known of its
  /// capacity from the pointer on.
  struct CBuffer {
    const clang::Expr* object = nullptr;
    const clang::CXXRecordDecl* record = nullptr;
    clang::QualType element;
    bool from_data = false;         // x.data() / x.c_str(): the start of the storage
    std::optional<uint64_t> bytes;  // std::array<T, N>: known at compile time
  };

  /// The element count fixed by the type: N of std::array<T, N>, and of a
  /// std::span<T, N> with a static extent (not std::dynamic_extent).
  static std::optional<uint64_t> static_element_count(const clang::CXXRecordDecl* record) {
    const auto* spec = llvm::dyn_cast_or_null<clang::ClassTemplateSpecializationDecl>(record);
    if (spec == nullptr || (record->getName() != "array" && record->getName() != "span") ||
        spec->getTemplateArgs().size() < 2 ||
        spec->getTemplateArgs()[1].getKind() != clang::TemplateArgument::Integral) {
      return std::nullopt;
    }
    const llvm::APSInt extent = spec->getTemplateArgs()[1].getAsIntegral();
    if (record->getName() == "span" && extent.isMaxValue()) return std::nullopt;  // std::dynamic_extent
    return extent.getZExtValue();
  }

  /// A local std::vector or std::string built with a constant count
  /// (`std::vector<int> dst(50);`, `std::string s(8, ' ')`), empty
  /// (`std::vector<int> dst;`) or from an initializer list, whose size
  /// nothing in the function can change: every mention of it is an element
  /// access or a read of its ends or size (`dst[i]`, `dst.at(i)`,
  /// `dst.begin()`, `dst.data()`, `dst.size()`), none a push_back, resize,
  /// assignment, swap, or a hand-over to a function. Its size is then that
  /// constant wherever it is used.
  std::optional<uint64_t> fixed_local_size(const clang::Expr* object, RuleContext& ctx) {
    const clang::VarDecl* var = local_container_var(object);
    if (var == nullptr) return std::nullopt;
    const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(var->getInit()->IgnoreImplicit());
    const std::optional<uint64_t> count = constructed_size(construct, ctx);
    if (!count || !size_never_changes(*var)) return std::nullopt;
    return count;
  }

  /// The local std::vector / std::string (not a parameter, not a reference,
  /// with an initialiser) that `object` names, or null.
  static const clang::VarDecl* local_container_var(const clang::Expr* object) {
    const auto* ref = object != nullptr ? llvm::dyn_cast<clang::DeclRefExpr>(object->IgnoreParenImpCasts()) : nullptr;
    const auto* var = ref != nullptr ? llvm::dyn_cast<clang::VarDecl>(ref->getDecl()) : nullptr;
    if (var == nullptr || !var->hasLocalStorage() || llvm::isa<clang::ParmVarDecl>(var) ||
        var->getType()->isReferenceType() || var->getInit() == nullptr ||
        !is_std_class(var->getType()->getAsCXXRecordDecl(), {"vector", "basic_string"})) {
      return nullptr;
    }
    return var;
  }

  /// Every mention of the local container `var` in its function calls a
  /// member that only reads (begin(), size() ...) or indexes it: nothing
  /// resizes it.
  bool size_never_changes(const clang::VarDecl& var) {
    auto [cached, fresh] = unchanged_locals_.try_emplace(&var, false);
    if (!fresh) return cached->second;
    const auto* fn = llvm::dyn_cast_or_null<clang::FunctionDecl>(var.getParentFunctionOrMethod());
    if (fn == nullptr || fn->getBody() == nullptr) return false;
    cached->second = every_mention_accounted(fn->getBody(), var, [&](const clang::Stmt& st) {
      const auto* member = llvm::dyn_cast<clang::MemberExpr>(&st);
      if (member != nullptr && flow::names_variable(member->getBase(), var)) {
        const clang::NamedDecl* callee = member->getMemberDecl();
        static const llvm::StringSet<> kReads = {"begin", "end", "cbegin", "cend", "rbegin", "rend", "crbegin",
                                                 "crend", "data", "c_str", "size", "length", "empty", "at",
                                                 "front", "back", "capacity"};
        return callee->getIdentifier() != nullptr && kReads.contains(callee->getName()) ? 1u : 0u;
      }
      const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(&st);
      return op != nullptr && op->getOperator() == clang::OO_Subscript && op->getNumArgs() == 2 &&
                     flow::names_variable(op->getArg(0), var)
                 ? 1u
                 : 0u;
    });
    return cached->second;
  }

  /// The element count a std::vector / std::string construction gives, when
  /// it is in the code: a constant count (`(n)`, `(n, value)`, `(n, value,
  /// allocator)`), the default constructor (`std::vector<int> dest;`,
  /// `dest{}`: empty), or an initializer list (`{1, 2, 3}`: 3, and `{5}`
  /// is one element). Not a copy, nor a (first, last) range.
  static std::optional<uint64_t> constructed_size(const clang::CXXConstructExpr* construct, RuleContext& ctx) {
    if (construct == nullptr) return std::nullopt;
    const clang::CXXConstructorDecl* ctor = construct->getConstructor();
    if (construct->getNumArgs() == 0) {
      if (ctor->isDefaultConstructor()) return 0;
      return std::nullopt;
    }
    if (const auto* list = llvm::dyn_cast<clang::CXXStdInitializerListExpr>(
            construct->getArg(0)->IgnoreImplicit())) {
      const auto* array = ctx.ast.getAsConstantArrayType(list->getSubExpr()->IgnoreImplicit()->getType());
      if (array == nullptr || construct->getNumArgs() > 2) return std::nullopt;  // ({...}, allocator)
      return array->getSize().getZExtValue();
    }
    // `std::string s = "abc";` (or `s("abc")`): the literal's length, up to
    // its first NUL, as the constructor measures it.
    const bool only_first = construct->getNumArgs() == 1 || llvm::isa<clang::CXXDefaultArgExpr>(construct->getArg(1));
    if (const auto* literal = llvm::dyn_cast<clang::StringLiteral>(construct->getArg(0)->IgnoreParenImpCasts());
        literal != nullptr && only_first && literal->isOrdinary() && is_std_class(ctor->getParent(), {"basic_string"})) {
      const llvm::StringRef text = literal->getString();
      return std::min<uint64_t>(text.size(), text.find('\0'));
    }
    if (construct->getNumArgs() > 3 || construct->isListInitialization() || ctor->getNumParams() < 1 ||
        !ctor->getParamDecl(0)->getType()->isIntegerType()) {
      return std::nullopt;
    }
    clang::Expr::EvalResult count;
    const clang::Expr* first = construct->getArg(0);
    if (first->isValueDependent() || !first->EvaluateAsInt(count, ctx.ast) || count.Val.getInt().isNegative()) {
      return std::nullopt;
    }
    return count.Val.getInt().getZExtValue();
  }

  std::map<const clang::VarDecl*, bool> unchanged_locals_;  // fixed_local_size: nothing changes its size
  std::map<const clang::VarDecl*, bool> empty_optionals_;   // always_empty_optional, by local

  /// `*o` / `o->f` of a local `std::optional<T> o;` (or `{}`, `{std::nullopt}`,
  /// `= std::nullopt`) that nothing in the function can give a value: no
  /// value there, and the storage holds no object. -D_GLIBCXX_ASSERTIONS
  /// aborts the binary; without, it reads what was never constructed.
  /// Not under a condition naming it (`if (o) use(*o);`: code that never
  /// runs, written as the idiom is).
  void check_empty_optional_dereference(const clang::CXXOperatorCallExpr& call, RuleContext& ctx) {
    const clang::Expr* object = call.getArg(0);
    const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(object->IgnoreParenImpCasts());
    const auto* var = ref != nullptr ? llvm::dyn_cast<clang::VarDecl>(ref->getDecl()) : nullptr;
    if (var == nullptr || !always_empty_optional(*var) || ctx.runs_only_at_compile_time(&call)) return;
    if (in_death_test_statement(call.getExprLoc(), ctx) || under_condition_naming(call, *var, ctx)) return;
    ctx.report.error(call.getExprLoc(), kName,
                     "'" + var->getNameAsString() +
                         "' is an empty std::optional here, and nothing in the function gives it a value: there is "
                         "no object to read; -D_GLIBCXX_ASSERTIONS stops the access by aborting the whole binary, "
                         "every service in it (without it, it reads storage that holds no object); give it a value "
                         "first, or read it with value_or(default) or value(), which throws")
        << call.getSourceRange();
  }

  /// A local std::optional made empty, whose every mention is a read that
  /// cannot give it a value: `*o`, `o->`, has_value(), value(),
  /// value_or(), its bool conversion.
  bool always_empty_optional(const clang::VarDecl& var) {
    if (!var.hasLocalStorage() || llvm::isa<clang::ParmVarDecl>(var) || var.getType()->isReferenceType() ||
        var.getInit() == nullptr || var.isStaticLocal() ||
        !is_std_class(var.getType()->getAsCXXRecordDecl(), {"optional"})) {
      return false;
    }
    const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(var.getInit()->IgnoreImplicit());
    if (construct == nullptr) return false;
    const bool empty = construct->getNumArgs() == 0 ||
                       (construct->getNumArgs() == 1 && is_nullopt(construct->getArg(0)));
    if (!empty) return false;
    auto [cached, fresh] = empty_optionals_.try_emplace(&var, false);
    if (!fresh) return cached->second;
    const auto* fn = llvm::dyn_cast_or_null<clang::FunctionDecl>(var.getParentFunctionOrMethod());
    if (fn == nullptr || fn->getBody() == nullptr) return false;
    // Each mention reads it (`*o`, `o->`, has_value(), value(), value_or(),
    // a conversion): nothing gives it a value.
    cached->second = every_mention_accounted(fn->getBody(), var, [&](const clang::Stmt& st) {
      if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(&st);
          op != nullptr && op->getNumArgs() == 1 &&
          (op->getOperator() == clang::OO_Star || op->getOperator() == clang::OO_Arrow) && flow::names_variable(op->getArg(0), var)) {
        return 1u;
      }
      const auto* member = llvm::dyn_cast<clang::CXXMemberCallExpr>(&st);
      if (member == nullptr || !flow::names_variable(member->getImplicitObjectArgument(), var)) return 0u;
      const clang::CXXMethodDecl* method = member->getMethodDecl();
      return method != nullptr && (llvm::isa<clang::CXXConversionDecl>(method) ||
                                   (method->getIdentifier() != nullptr &&
                                    llvm::is_contained({"has_value", "value", "value_or"}, method->getName())))
                 ? 1u
                 : 0u;
    });
    return cached->second;
  }

  /// `std::nullopt` (as constructed from, through conversions).
  static bool is_nullopt(const clang::Expr* e) {
    const clang::CXXRecordDecl* record = e->IgnoreImplicit()->IgnoreParens()->getType()->getAsCXXRecordDecl();
    return record != nullptr && record->getIdentifier() != nullptr && record->getName() == "nullopt_t" &&
           record->isInStdNamespace();
  }

  /// Is `at` in a branch of an if, ?:, && or || or a loop whose condition
  /// names `var` (`if (o) return *o;`)?
  static bool under_condition_naming(const clang::Stmt& at, const clang::VarDecl& var, RuleContext& ctx) {
    const llvm::ArrayRef<const clang::Stmt*> parents = ctx.stmt_parents();
    const clang::Stmt* child = &at;
    auto names = [&](const clang::Stmt* cond) {
      return cond != nullptr && flow::contains(cond, [&](const clang::Stmt& sub) {
               const auto* r = llvm::dyn_cast<clang::DeclRefExpr>(&sub);
               return r != nullptr && r->getDecl() == &var;
             });
    };
    for (size_t i = parents.size(); i-- > 0; child = parents[i]) {
      const clang::Stmt* parent = parents[i];
      const clang::Stmt* cond = nullptr;
      if (const auto* s = llvm::dyn_cast<clang::IfStmt>(parent)) {
        cond = child != s->getCond() ? s->getCond() : nullptr;
      } else if (const auto* s = llvm::dyn_cast<clang::WhileStmt>(parent)) {
        cond = child != s->getCond() ? s->getCond() : nullptr;
      } else if (const auto* s = llvm::dyn_cast<clang::AbstractConditionalOperator>(parent)) {
        cond = child != s->getCond() ? s->getCond() : nullptr;
      } else if (const auto* s = llvm::dyn_cast<clang::BinaryOperator>(parent); s != nullptr && s->isLogicalOp()) {
        cond = child == s->getRHS() ? s->getLHS() : nullptr;
      }
      if (names(cond)) return true;
    }
    return false;
  }

  /// The element count of a container expression when it is known: fixed by
  /// the type (std::array, static-extent span) or a fixed-size local.
  std::optional<uint64_t> known_element_count(const clang::Expr* object, const clang::CXXRecordDecl* record,
                                                     RuleContext& ctx) {
    if (std::optional<uint64_t> count = static_element_count(record)) return count;
    return fixed_local_size(object, ctx);
  }

  std::optional<CBuffer> c_buffer_of(const clang::Expr* arg, RuleContext& ctx) {
    const clang::Expr* e = arg->IgnoreParenImpCasts();
    CBuffer buffer;
    std::optional<uint64_t> skipped = 0;  // elements before the pointer (&a[2])
    if (const auto* call = llvm::dyn_cast<clang::CXXMemberCallExpr>(e)) {
      const clang::CXXMethodDecl* method = call->getMethodDecl();
      if (method == nullptr || method->getIdentifier() == nullptr ||
          (method->getName() != "data" && method->getName() != "c_str") || call->getNumArgs() != 0) {
        return std::nullopt;
      }
      buffer.object = call->getImplicitObjectArgument();
      buffer.record = method->getParent();
      buffer.from_data = true;
    } else if (const auto* address = llvm::dyn_cast<clang::UnaryOperator>(e);
               address != nullptr && address->getOpcode() == clang::UO_AddrOf) {
      const clang::Expr* element = address->getSubExpr()->IgnoreParens();
      if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(element)) {
        if (op->getOperator() != clang::OO_Subscript || op->getNumArgs() != 2) return std::nullopt;
        buffer.object = op->getArg(0);
        const clang::Expr* index = op->getArg(1);
        clang::Expr::EvalResult value;
        if (index->isValueDependent() || !index->EvaluateAsInt(value, ctx.ast) || value.Val.getInt().isNegative()) {
          skipped.reset();
        } else {
          skipped = value.Val.getInt().getZExtValue();
        }
      } else if (const auto* front = llvm::dyn_cast<clang::CXXMemberCallExpr>(element)) {
        const clang::CXXMethodDecl* method = front->getMethodDecl();
        if (method == nullptr || method->getIdentifier() == nullptr || method->getName() != "front") {
          return std::nullopt;
        }
        buffer.object = front->getImplicitObjectArgument();
      } else {
        return std::nullopt;
      }
      buffer.record = buffer.object->getType().getNonReferenceType()->getAsCXXRecordDecl();
    } else {
      return std::nullopt;
    }
    if (buffer.object == nullptr || e->getType().isNull() || !e->getType()->isPointerType() ||
        !is_std_class(buffer.record, {"vector", "array", "basic_string", "basic_string_view", "span",
                                      "inplace_vector"})) {
      return std::nullopt;
    }
    buffer.element = e->getType()->getPointeeType();
    if (buffer.element.isNull() || buffer.element->isDependentType()) return std::nullopt;
    // std::array<T, N> and std::span<T, N> (a static extent): N elements of T.
    if (const std::optional<uint64_t> count = known_element_count(buffer.object, buffer.record, ctx);
        count && skipped && !buffer.element->isIncompleteType()) {
      const uint64_t size = ctx.ast.getTypeSizeInChars(buffer.element).getQuantity();
      buffer.bytes = *count > *skipped ? (*count - *skipped) * size : 0;
    }
    return buffer;
  }

  /// The bytes one unit of a count stands for when it counts the elements
  /// of a `T*` parameter (1 for void).
  static uint64_t unit_bytes(clang::QualType pointer, RuleContext& ctx) {
    const clang::QualType pointee = pointer->getPointeeType();
    if (pointee->isVoidType() || pointee->isIncompleteType()) return 1;
    return ctx.ast.getTypeSizeInChars(pointee).getQuantity();
  }

  /// Another argument of the pointer run [first, last] of `call` is a
  /// string literal at least as long as the constant count after the run.
  static bool compares_with_literal_prefix(const clang::CallExpr& call, unsigned first, unsigned last,
                                           RuleContext& ctx) {
    if (last == first || last + 1 >= call.getNumArgs()) return false;
    clang::Expr::EvalResult value;
    const clang::Expr* count = call.getArg(last + 1);
    if (count->isValueDependent() || !count->EvaluateAsInt(value, ctx.ast)) return false;
    for (unsigned i = first; i <= last; ++i) {
      const auto* literal = llvm::dyn_cast<clang::StringLiteral>(call.getArg(i)->IgnoreParenImpCasts());
      if (literal != nullptr && !value.Val.getInt().isNegative() &&
          value.Val.getInt().getZExtValue() <= literal->getLength()) {
        return true;
      }
    }
    return false;
  }

  /// `v.size()` / `v.length()` of the buffer's own object, from its data().
  static bool is_own_size(const clang::Expr* count, const CBuffer& buffer) {
    // static_cast<int>(v.size()) for an `int` count: no larger.
    const auto* call = llvm::dyn_cast<clang::CXXMemberCallExpr>(count->IgnoreParenCasts());
    if (!buffer.from_data || call == nullptr || call->getMethodDecl() == nullptr ||
        call->getMethodDecl()->getIdentifier() == nullptr) {
      return false;
    }
    const llvm::StringRef name = call->getMethodDecl()->getName();
    return (name == "size" || name == "length") && same_object(call->getImplicitObjectArgument(), buffer.object);
  }

  /// Does `count` units of `unit` bytes (times `factor`, a constant when
  /// known) fit the buffer? The buffer's own size (`v.data(), v.size()`,
  /// the shape the stream members accept too), `v.size() * sizeof(T)` for
  /// a byte count, or a constant no larger than a std::array's bytes.
  static bool count_fits(const clang::Expr* count, const CBuffer& buffer, uint64_t unit,
                         std::optional<uint64_t> factor, RuleContext& ctx) {
    if (count->isValueDependent()) return true;  // judged per instantiation
    const uint64_t element = buffer.element->isIncompleteType()
                                 ? 1
                                 : static_cast<uint64_t>(ctx.ast.getTypeSizeInChars(buffer.element).getQuantity());
    const uint64_t per = unit * factor.value_or(1);
    if (is_own_size(count, buffer)) return factor.has_value() ? per <= element : unit <= element;
    if (const auto* product = llvm::dyn_cast<clang::BinaryOperator>(count->IgnoreParenImpCasts());
        product != nullptr && product->getOpcode() == clang::BO_Mul && unit == 1 && !factor) {
      for (const clang::Expr* side : {product->getLHS(), product->getRHS()}) {
        const clang::Expr* other = side == product->getLHS() ? product->getRHS() : product->getLHS();
        clang::Expr::EvalResult value;
        if (is_own_size(side, buffer) && !other->isValueDependent() && other->EvaluateAsInt(value, ctx.ast) &&
            !value.Val.getInt().isNegative() && value.Val.getInt().getZExtValue() <= element) {
          return true;
        }
      }
    }
    clang::Expr::EvalResult value;
    if (!buffer.bytes || !count->EvaluateAsInt(value, ctx.ast)) return false;
    const llvm::APSInt& n = value.Val.getInt();
    if (n.isNegative()) return true;  // no bytes (a negative size_t is a different bug)
    return n.getZExtValue() <= *buffer.bytes / std::max<uint64_t>(per, 1);
  }

  /// `epoll_wait(ep, evs.data(), 4096, 0)`, `poll(fds.data(), 64, 0)`,
  /// `setsockopt(fd, l, o, v.data(), 4096)`, `strnlen(a.data(), 4096)`,
  /// `if_indextoname(i, a.data())`: a C library function given the storage
  /// of a container and either a separate count (the parameter after the
  /// pointer is a length: size_t, socklen_t, `int maxevents`, `int
  /// nelem`) that is not the container's own size, or no count at all
  /// while it writes into a character (or void) buffer as much as it
  /// decides itself (IF_NAMESIZE, L_ctermid, an address's 16 bytes). The
  /// count is trusted: nothing checks it against the buffer. Names on
  /// banned-function's list are left to it (it rejects them in every form).
  /// A terminated std::string handed to a `const char*` reader with a bound
  /// (strnlen, strncmp, mblen) is accepted: those stop at its NUL.
  void check_c_buffer_arguments(const clang::CallExpr& call, RuleContext& ctx) {
    const clang::FunctionDecl* fn = call.getDirectCallee();
    if (fn == nullptr || llvm::isa<clang::CXXMethodDecl>(fn) || !is_c_library_function(*fn) ||
        is_banned_c_function(fn->getName())) {
      return;
    }
    const unsigned n = std::min(fn->getNumParams(), call.getNumArgs());
    bool counted = false;
    for (unsigned p = 0; p < fn->getNumParams(); ++p) {
      const clang::ParmVarDecl& param = *fn->getParamDecl(p);
      if (is_length_parameter(param) || is_length_pointer_parameter(param)) counted = true;
    }
    for (unsigned p = 0; p < n; ++p) {
      const clang::ParmVarDecl& param = *fn->getParamDecl(p);
      if (!is_buffer_parameter(param)) continue;
      // The run of pointers this one belongs to and the length after it:
      // (buf, len), (s1, s2, n) of strncmp (one n bounds both), (src, dst,
      // size) of inet_ntop (the size is the last one's, the writable dst).
      unsigned last = p;
      while (last + 1 < fn->getNumParams() && is_buffer_parameter(*fn->getParamDecl(last + 1))) ++last;
      const bool bounded_here =
          last + 1 < fn->getNumParams() && is_length_parameter(*fn->getParamDecl(last + 1)) &&
          (last == p || ctx.ast.hasSameType(param.getType(), fn->getParamDecl(last)->getType()));
      const std::optional<CBuffer> buffer = c_buffer_of(call.getArg(p), ctx);
      if (!buffer) continue;
      const clang::QualType pointee = param.getType()->getPointeeType();
      const bool writes = !pointee.isConstQualified();
      if (bounded_here) {
        const unsigned length = last + 1;
        if (length >= call.getNumArgs()) continue;
        // A reader of characters with a bound stops at the NUL of a
        // std::string (or a literal's view).
        if (!writes && pointee->isAnyCharacterType() && unterminated_buffer(call.getArg(p)) == nullptr) continue;
        // strncmp(v.data(), "GET ", 4): a prefix test against a literal,
        // the count no longer than the literal. Where the buffer's size is
        // in its type (std::array<char, 2>) the count is held against that
        // instead: the literal says nothing about the other buffer.
        if (!writes && pointee->isAnyCharacterType() && !buffer->bytes &&
            compares_with_literal_prefix(call, p, last, ctx)) {
          continue;
        }
        // (pointer, count, size): qsort's element size, a second factor.
        std::optional<uint64_t> factor;
        if (length + 1 < n && is_length_parameter(*fn->getParamDecl(length + 1)) &&
            is_size_type(fn->getParamDecl(length + 1)->getType())) {
          clang::Expr::EvalResult value;
          const clang::Expr* size = call.getArg(length + 1);
          if (size->isValueDependent() || !size->EvaluateAsInt(value, ctx.ast)) continue;
          factor = value.Val.getInt().getZExtValue();
        }
        if (count_fits(call.getArg(length), *buffer, unit_bytes(param.getType(), ctx), factor, ctx)) continue;
        ctx.report.error(call.getArg(p)->getBeginLoc(), kName,
                         "'" + fn->getNameAsString() + "' " + (writes ? "writes into" : "reads") +
                             " this buffer as far as a separate count says, and nothing checks the count "
                             "against the buffer (it can run past its end); pass the container's own size as "
                             "the count (" + object_name(buffer->object, ctx) + ".data(), " +
                             object_name(buffer->object, ctx) +
                             ".size()), or a constant that fits a std::array")
            << call.getArg(p)->getSourceRange() << call.getArg(length)->getSourceRange();
        continue;
      }
      // No length anywhere: a writer of characters (or bytes) that writes
      // as much as it decides. A std::string's data() is left alone: in-place
      // editors of a terminated string (mkstemp, basename) take it too.
      if (counted || !writes || (!pointee->isAnyCharacterType() && !pointee->isVoidType() &&
                                 !(pointee->isIntegerType() && unit_bytes(param.getType(), ctx) == 1))) {
        continue;
      }
      if (is_std_class(buffer->record, {"basic_string"})) continue;
      ctx.report.error(call.getArg(p)->getBeginLoc(), kName,
                       "'" + fn->getNameAsString() +
                           "' writes into this buffer as many bytes as it decides itself (a size fixed by the "
                           "function, not passed to it), and nothing checks them against the buffer; use a C++ "
                           "interface that returns a std::string or a container, or keep the call in a function "
                           "marked MESHWA_UNSAFE(\"why\")")
          << call.getArg(p)->getSourceRange();
    }
  }

  /// An integer parameter that is a length: as wide as a pointer
  /// (size_t, std::streamsize, ssize_t), or named like one (`int len`,
  /// `int nByte`, `__n`). Not open()'s `int flags` nor setenv's `int
  /// replace`, after which the string is still read up to its NUL.
  static bool is_length_parameter(const clang::ParmVarDecl& param) {
    const clang::QualType type = param.getType();
    if (!type->isIntegerType() || type->isBooleanType() || type->isEnumeralType() || type->isAnyCharacterType()) {
      return false;
    }
    const auto* builtin = type.getCanonicalType()->getAs<clang::BuiltinType>();
    if (builtin != nullptr && (builtin->getKind() == clang::BuiltinType::Long ||
                               builtin->getKind() == clang::BuiltinType::LongLong || is_size_type(type))) {
      return true;
    }
    if (param.getIdentifier() == nullptr) return false;
    const std::string name = param.getName().ltrim('_').lower();
    return name == "n" || name == "sz" || llvm::StringRef(name).contains("len") ||
           llvm::StringRef(name).contains("size") || llvm::StringRef(name).contains("count") ||
           llvm::StringRef(name).contains("byte") || llvm::StringRef(name).contains("max") ||
           llvm::StringRef(name).starts_with("num") || name == "nelem" || name == "nmemb" || name == "nitems" ||
           name == "nfds";
  }

  /// A parameter named as one end of a range: first, last, begin, end.
  static bool is_range_parameter(const clang::ParmVarDecl& param) {
    if (param.getIdentifier() == nullptr) return false;
    const llvm::StringRef name = param.getName().ltrim('_');
    return name == "first" || name == "last" || name == "begin" || name == "end";
  }

  /// size_t (std::size_t, size_type, ...): an unsigned integer as wide as
  /// a pointer.
  static bool is_size_type(clang::QualType type) {
    const auto* builtin = type.getCanonicalType()->getAs<clang::BuiltinType>();
    return builtin != nullptr && (builtin->getKind() == clang::BuiltinType::ULong ||
                                  builtin->getKind() == clang::BuiltinType::ULongLong);
  }

  /// args[i] is computed pointer arithmetic (`v.data() + n`): the end of
  /// a (first, last) range.
  static bool is_range_end(llvm::ArrayRef<const clang::Expr*> args, size_t i) {
    if (i >= args.size()) return false;
    const auto* binary = llvm::dyn_cast<clang::BinaryOperator>(args[i]->IgnoreParenImpCasts());
    return binary != nullptr && binary->isAdditiveOp() && binary->getType()->isPointerType();
  }

  static bool is_filesystem_path(const clang::CXXRecordDecl* record) {
    if (record == nullptr || record->getIdentifier() == nullptr || record->getName() != "path") return false;
    return in_std_namespace(record->getDeclContext(), "filesystem");
  }

  static void report_c_string(const clang::Expr& arg, const clang::FunctionDecl& fn, RuleContext& ctx) {
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

  /// An iterator moved by an integer: `it + n`, `n + it`, `it - n` (the
  /// operators of an iterator class or of a pointer), `std::next(it, n)`,
  /// `std::prev(it, n)` (also with the default n of 1). `backward` for `-`
  /// and prev.
  struct IteratorStep {
    const clang::Expr* base;
    const clang::Expr* offset;
    bool backward;
  };
  static std::optional<IteratorStep> iterator_step(const clang::Expr* e) {
    std::optional<IteratorStep> step;
    if (const auto* binary = llvm::dyn_cast<clang::BinaryOperator>(e)) {
      if (!binary->isAdditiveOp()) return std::nullopt;
      const bool iterator_left = !binary->getLHS()->getType()->isIntegerType();
      if (binary->getOpcode() == clang::BO_Sub && !iterator_left) return std::nullopt;
      step = IteratorStep{iterator_left ? binary->getLHS() : binary->getRHS(),
                          iterator_left ? binary->getRHS() : binary->getLHS(), binary->getOpcode() == clang::BO_Sub};
    } else if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(e)) {
      if ((op->getOperator() != clang::OO_Plus && op->getOperator() != clang::OO_Minus) || op->getNumArgs() != 2) {
        return std::nullopt;
      }
      const bool iterator_left = !op->getArg(0)->getType()->isIntegerType();
      if (op->getOperator() == clang::OO_Minus && !iterator_left) return std::nullopt;
      step = IteratorStep{iterator_left ? op->getArg(0) : op->getArg(1), iterator_left ? op->getArg(1) : op->getArg(0),
                          op->getOperator() == clang::OO_Minus};
    } else if (const auto* call = llvm::dyn_cast<clang::CallExpr>(e);
               call != nullptr && !llvm::isa<clang::CXXOperatorCallExpr, clang::CXXMemberCallExpr>(call) &&
               call->getNumArgs() == 2) {
      const clang::FunctionDecl* callee = call->getDirectCallee();
      if (callee == nullptr || callee->getIdentifier() == nullptr || !declared_in_std(callee) ||
          (callee->getName() != "next" && callee->getName() != "prev")) {
        return std::nullopt;
      }
      step = IteratorStep{call->getArg(0), call->getArg(1), callee->getName() == "prev"};
    }
    if (!step || step->offset == nullptr || !step->offset->getType()->isIntegerType()) return std::nullopt;
    return step;
  }

  /// `it + n`, `it - n`, `std::next(it, n)`, `std::prev(it, n)` on a
  /// standard iterator (a class, or a std iterator that is a pointer):
  /// the iterator expression it steps from, else nullptr. Not
  /// `c.begin() + c.size()` (the end, like c.data() + c.size()).
  static const clang::Expr* stepped_iterator(const clang::Expr* e) {
    e = e->IgnoreImplicit()->IgnoreParens();
    for (int depth = 0; depth < 4; ++depth) {  // copies of the iterator
      const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(e);
      if (construct == nullptr || construct->getNumArgs() != 1) break;
      e = construct->getArg(0)->IgnoreImplicit()->IgnoreParens();
    }
    const std::optional<IteratorStep> step = iterator_step(e);
    if (!step) return nullptr;
    const clang::Expr* base = step->base;
    const clang::Expr* offset = step->offset;
    if (llvm::isa<clang::BinaryOperator>(e) && !is_std_iterator_pointer(base->getType())) return nullptr;
    if (offset == nullptr || !offset->getType()->isIntegerType()) return nullptr;
    const clang::QualType type = base->getType().getNonReferenceType();
    if (!is_iterator_class(type->getAsCXXRecordDecl()) && !is_std_iterator_pointer(type)) return nullptr;
    // c.begin() + c.size(): the end.
    const IteratorOf from = iterator_of(base);
    if (const auto* size = llvm::dyn_cast<clang::CXXMemberCallExpr>(offset->IgnoreParenImpCasts());
        from.which == IteratorEnd::begin && size != nullptr && size->getMethodDecl() != nullptr &&
        size->getMethodDecl()->getIdentifier() != nullptr && size->getMethodDecl()->getName() == "size" &&
        same_object(size->getImplicitObjectArgument(), from.object)) {
      return nullptr;
    }
    return base;
  }

  /// `std::to_address(it + n)`, `&*(it + n)`, `&*std::next(it, n)`: a raw
  /// pointer n elements from `it`, with no check that it stays in the
  /// container: `v.data() + n` (pointer arithmetic) by another spelling.
  /// The iterator arithmetic alone (`v.begin() + i`, `erase(v.begin() + i)`,
  /// `std::sort(v.begin(), v.begin() + k)`) stays accepted: its bound is
  /// not known here, and whether it was checked is not followed.
  void check_pointer_from_iterator_step(const clang::Expr& e, RuleContext& ctx) {
    const clang::Expr* stepped = nullptr;
    if (const auto* call = llvm::dyn_cast<clang::CallExpr>(&e); call != nullptr && is_to_address_call(*call)) {
      stepped = call->getArg(0);
    } else if (const auto* address = llvm::dyn_cast<clang::UnaryOperator>(&e);
               address != nullptr && address->getOpcode() == clang::UO_AddrOf) {
      const clang::Expr* inner = address->getSubExpr()->IgnoreParens();
      if (const auto* star = llvm::dyn_cast<clang::CXXOperatorCallExpr>(inner);
          star != nullptr && star->getOperator() == clang::OO_Star && star->getNumArgs() == 1) {
        stepped = star->getArg(0);
      } else if (const auto* deref = llvm::dyn_cast<clang::UnaryOperator>(inner);
                 deref != nullptr && deref->getOpcode() == clang::UO_Deref) {
        stepped = deref->getSubExpr();
      }
    }
    if (stepped == nullptr || stepped_iterator(stepped) == nullptr || ctx.runs_only_at_compile_time(&e)) return;
    ctx.report.error(e.getBeginLoc(), kName,
                     "a raw pointer made from iterator arithmetic (std::to_address(it + n), &*(it + n)) is "
                     "pointer arithmetic by another name: nothing checks that it stays in the container; index "
                     "the container (v[i], checked under _GLIBCXX_ASSERTIONS), or take a std::span of it and "
                     "use .subspan(n), which checks")
        << e.getSourceRange();
  }

  /// std::to_address(x), one argument.
  static bool is_to_address_call(const clang::CallExpr& call) {
    const clang::FunctionDecl* callee = call.getDirectCallee();
    return callee != nullptr && callee->getIdentifier() != nullptr && callee->getName() == "to_address" &&
           declared_in_std(callee) && call.getNumArgs() == 1;
  }

  /// `v.begin() - 5`, `v.end() + 1`, `std::prev(v.begin())`,
  /// `std::next(v.end())`, `a.begin() + 6` on a std::array<T, 4>: an
  /// iterator moved by a constant to before the first element or past the
  /// end. Iterator arithmetic is not checked, even under
  /// _GLIBCXX_ASSERTIONS (a vector's iterator is a pointer inside), and
  /// such an iterator is undefined behaviour to form, let alone to read or
  /// write through (CWE-124/127 under, CWE-121/122/126 over).
  void check_iterator_step_out_of_range(const clang::Expr& step, const clang::Expr* iterator,
                                        const clang::Expr* offset, bool negate, RuleContext& ctx) {
    const IteratorOf end = held_iterator(iterator).first;
    if (end.which == IteratorEnd::none || offset == nullptr || offset->isValueDependent() ||
        !offset->getType()->isIntegerType()) {
      return;
    }
    const std::optional<llvm::APSInt> known = known_integer(offset, ctx);
    if (!known || known->getSignificantBits() > 63) return;
    const int64_t by = negate ? -known->getExtValue() : known->getExtValue();
    // A reverse iterator steps the other way, and its end is before the
    // first element; "before" / "past" below are in the iterator's order.
    const bool is_end = end.which == IteratorEnd::end || end.which == IteratorEnd::rend;
    const std::optional<uint64_t> extent = known_element_count(end.object, end.container, ctx);
    const bool before_begin = is_end ? (extent && by < -static_cast<int64_t>(*extent)) : by < 0;
    const bool past_end = is_end ? by > 0 : (extent && by > static_cast<int64_t>(*extent));
    if (!before_begin && !past_end) return;
    const std::string name = object_name(end.object, ctx);
    ctx.report.error(step.getBeginLoc(), kName,
                     "this iterator is moved " +
                         std::string(before_begin ? "before the beginning" : "past the end") + " of '" + name +
                         "' by a constant, and iterator arithmetic is not bounds-checked (forming it is already "
                         "undefined behaviour); stay within [begin(), end()], or index the container with .at() "
                         "or operator[] (checked under -D_GLIBCXX_ASSERTIONS)")
        << step.getSourceRange();
  }

  /// `auto it = v.end(); ++it;`, `auto it = v.begin(); --it;` (also
  /// `it++`, and rend() / rbegin()): a local iterator whose first use,
  /// a statement of its own in the block that declares it, with nothing
  /// between them naming it, steps it out of [begin(), end()]. A step
  /// after other uses (`--it` in a loop, after a test) is not judged:
  /// stepping back from end() is the usual way to the last element.
  void check_first_step_out_of_range(const clang::Stmt& stmt, RuleContext& ctx) {
    const auto [operand, forward] = increment_operand(stmt);
    const auto* ref = operand != nullptr ? llvm::dyn_cast<clang::DeclRefExpr>(operand->IgnoreParens()) : nullptr;
    const auto* var = ref != nullptr ? llvm::dyn_cast<clang::VarDecl>(ref->getDecl()) : nullptr;
    if (var == nullptr || !var->hasLocalStorage() || llvm::isa<clang::ParmVarDecl>(var) ||
        var->getType()->isReferenceType() || var->getInit() == nullptr) {
      return;
    }
    const IteratorOf held = iterator_or_sized_end(var->getInit());
    const bool past_end = forward && (held.which == IteratorEnd::end || held.which == IteratorEnd::rend);
    const bool before_begin = !forward && (held.which == IteratorEnd::begin || held.which == IteratorEnd::rbegin);
    if ((!past_end && !before_begin) || !is_first_use_after_declaration(stmt, *var, ctx)) return;
    const std::string name = object_name(held.object, ctx);
    ctx.report.error(stmt.getBeginLoc(), kName,
                     "this steps '" + var->getNameAsString() + "' " +
                         (past_end ? "past the end" : "before the beginning") + " of '" + name +
                         "', and iterator arithmetic is not bounds-checked (forming it is already undefined "
                         "behaviour); stay within [begin(), end()], or index the container with .at() or "
                         "operator[] (checked under -D_GLIBCXX_ASSERTIONS)")
        << stmt.getSourceRange();
    ctx.report.note(var->getLocation(), "'" + var->getNameAsString() + "' holds " +
                                            (past_end ? "the end" : "the beginning") + " of '" + name + "' here");
  }

  /// The iterator `++it`, `it++`, `--it`, `it--` steps (built-in or an
  /// operator of a class iterator), and whether forward; null otherwise.
  static std::pair<const clang::Expr*, bool> increment_operand(const clang::Stmt& stmt) {
    if (const auto* unary = llvm::dyn_cast<clang::UnaryOperator>(&stmt); unary != nullptr && unary->isIncrementDecrementOp()) {
      return {unary->getSubExpr(), unary->isIncrementOp()};
    }
    const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(&stmt);
    if (op == nullptr || op->getNumArgs() < 1 ||
        (op->getOperator() != clang::OO_PlusPlus && op->getOperator() != clang::OO_MinusMinus)) {
      return {nullptr, false};
    }
    return {op->getArg(0), op->getOperator() == clang::OO_PlusPlus};
  }

  /// Is `step` a statement of its own in the block that declares `var`,
  /// with no statement between the declaration and it naming `var` (nor a
  /// label, which a goto could reach from elsewhere)?
  static bool is_first_use_after_declaration(const clang::Stmt& step, const clang::VarDecl& var, RuleContext& ctx) {
    const llvm::ArrayRef<const clang::Stmt*> parents = ctx.stmt_parents();
    if (parents.empty()) return false;
    const auto* block = llvm::dyn_cast<clang::CompoundStmt>(parents.back());
    if (block == nullptr) return false;
    bool declared = false;
    for (const clang::Stmt* child : block->body()) {
      if (child == &step) return declared;
      if (const auto* decl = llvm::dyn_cast<clang::DeclStmt>(child);
          decl != nullptr && llvm::is_contained(decl->decls(), &var)) {
        declared = true;
        continue;
      }
      if (!declared) continue;
      if (llvm::isa<clang::LabelStmt>(child) || flow::contains(child, [&](const clang::Stmt& sub) {
            const auto* r = llvm::dyn_cast<clang::DeclRefExpr>(&sub);
            return r != nullptr && r->getDecl() == &var;
          })) {
        return false;
      }
    }
    return false;
  }

  /// The iterator steps: `it + n`, `n + it`, `it - n`, `it += n` on a class
  /// iterator or a pointer the library uses as one, and std::next /
  /// std::prev (one step when the count is left out).
  void check_iterator_arithmetic(const clang::Stmt& stmt, RuleContext& ctx) {
    const auto* e = llvm::dyn_cast<clang::Expr>(&stmt);
    if (e == nullptr) return;
    if (const std::optional<IteratorStep> step = iterator_step(e)) {
      check_iterator_step_out_of_range(*e, step->base, step->offset, step->backward, ctx);
    }
  }

  /// The number of elements of a range given as `(x.begin(), x.end())` of
  /// one object whose type fixes its size (std::array<T, N>, std::span<T, N>).
  std::optional<uint64_t> static_range_length(const clang::Expr* first, const clang::Expr* last,
                                                     RuleContext& ctx) {
    const IteratorOf from = iterator_of(first);
    const IteratorOf to = iterator_of(last);
    const bool forward = from.which == IteratorEnd::begin && to.which == IteratorEnd::end;
    const bool backward = from.which == IteratorEnd::rbegin && to.which == IteratorEnd::rend;
    if ((!forward && !backward) || !same_object(from.object, to.object)) return std::nullopt;
    return known_element_count(from.object, from.container, ctx);
  }

  /// `std::copy(src.begin(), src.end(), dst.begin())`, `std::copy_n(it, 100,
  /// dst.begin())`, `std::fill_n(dst.begin(), 11, 0)`, `std::transform`:
  /// an algorithm writing more elements than its output has, where both
  /// numbers are in the code (a constant count, or a std::array source) and
  /// the output is the begin() of a std::array or a static-extent std::span.
  /// The library writes through the output iterator without looking at its
  /// end, under _GLIBCXX_ASSERTIONS too (CWE-121/122).
  void check_output_range_overflow(const clang::CallExpr& call, RuleContext& ctx) {
    const clang::FunctionDecl* callee = call.getDirectCallee();
    if (callee == nullptr || callee->getIdentifier() == nullptr || !callee->isInStdNamespace() ||
        llvm::isa<clang::CXXMethodDecl>(callee)) {
      return;
    }
    const llvm::StringRef fn = callee->getName();
    const unsigned args = call.getNumArgs();
    std::optional<uint64_t> written;
    const clang::Expr* out = nullptr;
    const auto constant = [&](const clang::Expr* e) -> std::optional<uint64_t> {
      const std::optional<llvm::APSInt> value = e->isValueDependent() ? std::nullopt : known_integer(e, ctx);
      if (!value || value->isNegative() || value->getActiveBits() > 64) return std::nullopt;
      return value->getZExtValue();
    };
    if ((fn == "copy" || fn == "move" || (fn == "transform" && args == 4)) && args >= 3) {
      written = static_range_length(call.getArg(0), call.getArg(1), ctx);
      out = call.getArg(2);
    } else if (fn == "transform" && args == 5) {
      written = static_range_length(call.getArg(0), call.getArg(1), ctx);
      out = call.getArg(3);
    } else if (fn == "copy_n" && args == 3) {
      written = constant(call.getArg(1));
      out = call.getArg(2);
    } else if (fn == "copy_if" && args == 4) {
      out = call.getArg(2);
    } else if ((fn == "fill_n" || fn == "generate_n") && args == 3) {
      written = constant(call.getArg(1));
      out = call.getArg(0);
    }
    if (!written && out != nullptr && check_write_into_empty(call, fn, out, ctx)) return;
    if (!written && (fn == "copy_n" || fn == "fill_n" || fn == "generate_n") && args == 3 && out != nullptr) {
      check_unbounded_count(call, fn, call.getArg(1), out, /*range=*/false, ctx);
      return;
    }
    if (!written && (fn == "copy" || fn == "move") && args == 3) {
      // `std::copy(src.begin(), src.begin() + n, dst.begin())`: n elements.
      if (const clang::Expr* n = offset_from_begin(call.getArg(0), call.getArg(1))) {
        written = constant(n);
        if (!written) check_unbounded_count(call, fn, n, out, /*range=*/true, ctx);
      }
    }
    if (!written || out == nullptr) return;
    if (fn == "copy_n") check_input_range_overread(call, *written, ctx);
    const IteratorOf target = start_of(out);
    if (target.which != IteratorEnd::begin && target.which != IteratorEnd::rbegin) return;
    const std::optional<uint64_t> room = known_element_count(target.object, target.container, ctx);
    if (!room || *written <= *room) return;
    ctx.report.error(out->getBeginLoc(), kName,
                     "'std::" + fn.str() + "' writes " + std::to_string(*written) + " elements through this " +
                         (iterator_of(out).which == IteratorEnd::none ? "pointer" : "iterator") + " into '" +
                         object_name(target.object, ctx) + "', which has " + std::to_string(*room) +
                         ", and nothing checks the output's end; size the destination to the source, or write with "
                         "std::back_inserter into a std::vector")
        << out->getSourceRange() << call.getSourceRange();
  }

  /// `std::vector<int> dest; std::copy(src.begin(), src.end(),
  /// dest.begin());` (CERT CTR52-CPP): an algorithm writing a number of
  /// elements not known here through the begin() of a local container that
  /// is empty and that nothing in the function fills. Whatever the source
  /// holds goes past the end, unless the count is the output's own size
  /// (`std::min(n, dest.size())`). The usual fix is std::back_inserter.
  /// True when reported.
  bool check_write_into_empty(const clang::CallExpr& call, llvm::StringRef fn, const clang::Expr* out,
                              RuleContext& ctx) {
    const IteratorOf target = start_of(out);
    if (target.which != IteratorEnd::begin && target.which != IteratorEnd::rbegin) return false;
    const std::optional<uint64_t> room = fixed_local_size(target.object, ctx);
    if (!room || *room != 0 || ctx.runs_only_at_compile_time(&call)) return false;
    const bool counted = fn == "copy_n" || fn == "fill_n" || fn == "generate_n";
    if (counted && mentions_size_of(call.getArg(1), target.object)) return false;
    const std::string name = object_name(target.object, ctx);
    ctx.report.error(out->getBeginLoc(), kName,
                     "'std::" + fn.str() + "' writes " + (counted ? "as many elements as its count says" : "the source's elements") +
                         " through this iterator into '" + name +
                         "', which is empty here, and nothing checks the output's end; write with "
                         "std::back_inserter(" + name + "), or size '" + name + "' to the source first")
        << out->getSourceRange() << call.getSourceRange();
    return true;
  }

  /// Does the count `e` read `object.size()` (`std::min(n, dest.size())`)?
  static bool mentions_size_of(const clang::Expr* e, const clang::Expr* object) {
    return flow::contains(e, [&](const clang::Stmt& s) {
      const auto* call = llvm::dyn_cast<clang::CXXMemberCallExpr>(&s);
      const clang::CXXMethodDecl* method = call != nullptr ? call->getMethodDecl() : nullptr;
      return method != nullptr && method->getIdentifier() != nullptr &&
             (method->getName() == "size" || method->getName() == "length") &&
             same_object(call->getImplicitObjectArgument(), object);
    });
  }

  /// `std::copy_n(src.begin(), n, dst.begin())`, `std::fill_n(dst.begin(),
  /// n, 0)`, `std::generate_n`: a count that is not a constant, written
  /// into an output whose size is known (a std::array, a static-extent
  /// std::span, a fixed-size local). Nothing checks the output's end, so the
  /// count must be shown to fit where it is written: it is taken from a
  /// size (`src.size()`, `sizeof`, `std::min(n, dst.size())`,
  /// `std::clamp`), or every variable in it is compared in an enclosing
  /// condition or an earlier `if` that leaves, from both sides when it is
  /// signed (`if (data > 0 && data < 100)`): Juliet's CWE-194/195 sign
  /// extension to size_t passes `if (data < 100)` with `data == -1`, and
  /// CWE-680/789 counts are not compared at all.
  void check_unbounded_count(const clang::CallExpr& call, llvm::StringRef fn, const clang::Expr* count,
                             const clang::Expr* out, bool range, RuleContext& ctx) {
    if (count->isValueDependent() || !count->getType()->isIntegerType() || ctx.runs_only_at_compile_time(&call)) {
      return;
    }
    const IteratorOf target = start_of(out);
    if (target.which != IteratorEnd::begin && target.which != IteratorEnd::rbegin) return;
    const std::optional<uint64_t> room = known_element_count(target.object, target.container, ctx);
    if (!room) return;
    const clang::ValueDecl* unchecked = unbounded_variable(count, range, call, ctx);
    if (unchecked == nullptr) return;
    const std::string name = object_name(target.object, ctx);
    const bool is_signed = wraps_negative(unchecked, count, range);
    ctx.report.error(count->getBeginLoc(), kName,
                     "'std::" + fn.str() + "' writes as many elements as this count says into '" + name +
                         "', which has " + std::to_string(*room) +
                         ", and nothing checks the output's end; compare the count with '" + name +
                         ".size()' first" +
                         (is_signed ? " (a signed one from both sides: `if (n > 0 && n <= ...)`)" : "") +
                         ", or write std::min(n, " + name + ".size()) elements")
        << count->getSourceRange() << call.getSourceRange();
    ctx.report.note(unchecked->getLocation(),
                    "'" + unchecked->getNameAsString() +
                        "' is declared here, and no condition before the call bounds it" +
                        (is_signed ? " from both sides (it is signed: a negative value becomes a huge count)" : ""));
  }

  /// The first variable of the integer expression `count` that the code
  /// around the call does not bound (nullptr: every one is bounded, or the
  /// count is taken from a size).
  const clang::ValueDecl* unbounded_variable(const clang::Expr* count, bool range, const clang::Stmt& at,
                                            RuleContext& ctx) {
    if (takes_a_size(count)) return nullptr;
    llvm::SmallVector<const clang::ValueDecl*, 4> variables;
    flow::contains(count, [&](const clang::Stmt& node) {
      const auto* e = llvm::dyn_cast<clang::Expr>(&node);
      const clang::ValueDecl* d = e != nullptr ? counted_variable(e) : nullptr;
      if (d != nullptr && !llvm::is_contained(variables, d)) variables.push_back(d);
      return false;
    });
    for (const clang::ValueDecl* d : variables) {
      // A data member (`std::copy_n(other.buf_.begin(), other.len_,
      // buf_.begin())`) is kept in range by its class, which one function
      // does not show.
      if (llvm::isa<clang::FieldDecl>(d)) continue;
      // A local read-only count initialised from a size or a constant:
      // `const auto n = std::min(a, b.size());`, `const auto n = 2 * b.size();`.
      const auto* var = llvm::dyn_cast<clang::VarDecl>(d);
      if (var != nullptr && var->hasLocalStorage() && !llvm::isa<clang::ParmVarDecl>(var) &&
          var->getInit() != nullptr && is_only_read(*var) &&
          (takes_a_size(var->getInit()) || known_integer(var->getInit(), ctx))) {
        continue;
      }
      // `std::size_t n = 16; if (compact) n = 8;`: the code chose the count.
      if (var != nullptr && var->hasLocalStorage() && !llvm::isa<clang::ParmVarDecl>(var) &&
          only_given_constants(*var)) {
        continue;
      }
      if (!bounded_around(d, wraps_negative(d, count, range), at, ctx)) return d;
    }
    return nullptr;
  }

  /// A signed variable in an unsigned count (`static_cast<std::size_t>(data)`):
  /// a negative value becomes a huge count. A signed count itself is
  /// harmless below zero (the _n algorithms write nothing for `n <= 0`), but
  /// not as the end of a range (`src.begin() + n`, a negative length that
  /// libstdc++'s memmove takes as a huge one).
  static bool wraps_negative(const clang::ValueDecl* d, const clang::Expr* count, bool range) {
    return d->getType()->isSignedIntegerType() && (range || count->getType()->isUnsignedIntegerType());
  }

  /// `n` of a range `(x.begin(), x.begin() + n)` or `(x.begin(),
  /// std::next(x.begin(), n))` of one object; nullptr for any other pair.
  static const clang::Expr* offset_from_begin(const clang::Expr* first, const clang::Expr* last) {
    const IteratorOf from = iterator_of(first);
    if (from.which != IteratorEnd::begin || from.object == nullptr) return nullptr;
    last = last->IgnoreImplicit()->IgnoreParens();
    if (const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(last);
        construct != nullptr && construct->getNumArgs() == 1) {
      last = construct->getArg(0)->IgnoreImplicit()->IgnoreParens();  // iterator to const_iterator
    }
    // `x.begin() + n`, `n + x.begin()`, `std::next(x.begin(), n)`: a step forward.
    const std::optional<IteratorStep> step = iterator_step(last);
    if (!step || step->backward) return nullptr;
    const clang::Expr* base = step->base;
    const clang::Expr* offset = step->offset;
    const IteratorOf to = iterator_of(base);
    if (to.which != IteratorEnd::begin || to.object == nullptr || !same_object(from.object, to.object)) return nullptr;
    return offset;
  }

  /// An integer variable or member named by `e` itself (not through a call).
  static const clang::ValueDecl* counted_variable(const clang::Expr* e) {
    const clang::ValueDecl* d = nullptr;
    if (const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(e)) d = ref->getDecl();
    if (const auto* member = llvm::dyn_cast<clang::MemberExpr>(e)) d = member->getMemberDecl();
    if (d == nullptr || !llvm::isa<clang::VarDecl, clang::FieldDecl>(d) || !d->getType()->isIntegerType()) {
      return nullptr;
    }
    return d;
  }

  /// The count comes from a size: it calls `size()` / `length()` /
  /// `std::size` / `std::min` / `std::clamp`, or holds a `sizeof`.
  static bool takes_a_size(const clang::Expr* count) {
    return flow::contains(count, [](const clang::Stmt& node) {
      if (const auto* sizeof_expr = llvm::dyn_cast<clang::UnaryExprOrTypeTraitExpr>(&node)) {
        return sizeof_expr->getKind() == clang::UETT_SizeOf;
      }
      const auto* call = llvm::dyn_cast<clang::CallExpr>(&node);
      const clang::FunctionDecl* callee = call != nullptr ? call->getDirectCallee() : nullptr;
      return callee != nullptr && callee->getIdentifier() != nullptr &&
             llvm::is_contained({"size", "length", "ssize", "min", "clamp"}, callee->getName());
    });
  }

  /// Is `d` compared where the current statement runs: in the condition of
  /// an enclosing `if` (either branch), loop, `?:` or `&&` / `||`, or of an
  /// earlier `if` of an enclosing block whose branch leaves? Which way a
  /// test goes is not followed (an early `if (n < 0 || n > 9) return;` and
  /// `if (n >= 0 && n <= 9)` both bound `n`; one comparison is enough), but
  /// with `both_sides` (a signed variable in an unsigned count) it must be
  /// compared from both sides: `if (data < 100)` lets -1 through.
  bool bounded_around(const clang::ValueDecl* d, bool both_sides, const clang::Stmt& at, RuleContext& ctx) {
    bool below = false;
    bool above = false;
    const auto look_at = [&](const clang::Stmt* cond) {
      if (cond != nullptr) comparisons_of(cond, d, below, above);
    };
    const llvm::ArrayRef<const clang::Stmt*> parents = ctx.stmt_parents();
    const auto enough = [&] { return both_sides ? below && above : below || above; };
    const clang::Stmt* child = &at;
    for (size_t i = parents.size(); i-- > 0; child = parents[i]) {
      const clang::Stmt* parent = parents[i];
      if (const auto* s = llvm::dyn_cast<clang::IfStmt>(parent)) {
        if (child != s->getCond()) look_at(s->getCond());
      } else if (const auto* s = llvm::dyn_cast<clang::WhileStmt>(parent)) {
        if (child == s->getBody()) look_at(s->getCond());
      } else if (const auto* s = llvm::dyn_cast<clang::ForStmt>(parent)) {
        if (child == s->getBody()) look_at(s->getCond());
      } else if (const auto* s = llvm::dyn_cast<clang::AbstractConditionalOperator>(parent)) {
        if (child != s->getCond()) look_at(s->getCond());
      } else if (const auto* s = llvm::dyn_cast<clang::BinaryOperator>(parent)) {
        if (s->isLogicalOp() && child == s->getRHS()) look_at(s->getLHS());
      } else if (const auto* s = llvm::dyn_cast<clang::SwitchStmt>(parent)) {
        // `switch (n) { case 1: case 2: fill_n(b.begin(), n, 0); }`: the labels bound it.
        const auto* cond = s->getCond() != nullptr ? s->getCond()->IgnoreParenImpCasts() : nullptr;
        if (child == s->getBody() && cond != nullptr && counted_variable(cond) == d) return true;
      } else if (const auto* block = llvm::dyn_cast<clang::CompoundStmt>(parent)) {
        // The few statements before it in each block (a check is written
        // just before its use): many calls in one long body stay linear.
        const clang::Stmt* const* here = llvm::find(block->body(), child);
        unsigned looked = 0;
        for (const clang::Stmt* const* it = here;
             it != block->body_begin() && here != block->body_end() && looked++ < kEarlierStatementsLooked;) {
          const clang::Stmt* earlier = *--it;
          if (assigns_a_size(earlier, d)) return true;  // `n = std::min(n, buf.size());`
          if (const auto* branch = llvm::dyn_cast<clang::IfStmt>(earlier);
              branch != nullptr && (leaves(branch) || assigns_to(branch, d))) {
            look_at(branch->getCond());  // `if (n > 9) return;`, `if (n > buf.size()) n = buf.size();`
          } else if (llvm::isa<clang::Expr>(earlier) && asserts(earlier)) {
            look_at(earlier);  // `assert(n <= buf.size());`
          } else if (const auto* loop = llvm::dyn_cast<clang::WhileStmt>(earlier)) {
            look_at(loop->getCond());  // `while (n > buf.size()) n /= 2;`: false after it
          } else if (const auto* loop = llvm::dyn_cast<clang::DoStmt>(earlier)) {
            look_at(loop->getCond());  // `do { n = read(); } while (n > 9);`
          }
        }
      }
      if (enough()) return true;
    }
    return false;
  }

  /// `d = <an expression taking a size>` as a statement of its own.
  static bool assigns_a_size(const clang::Stmt* s, const clang::ValueDecl* d) {
    const auto* e = llvm::dyn_cast<clang::Expr>(s);
    const auto* assign = e != nullptr ? llvm::dyn_cast<clang::BinaryOperator>(e->IgnoreImplicit()) : nullptr;
    return assign != nullptr && assign->getOpcode() == clang::BO_Assign &&
           counted_variable(assign->getLHS()->IgnoreParenImpCasts()) == d && takes_a_size(assign->getRHS());
  }

  /// The branches of `branch` assign `d` (`if (n > buf.size()) n = buf.size();`).
  static bool assigns_to(const clang::IfStmt* branch, const clang::ValueDecl* d) {
    const auto assigning = [d](const clang::Stmt& node) {
      const auto* assign = llvm::dyn_cast<clang::BinaryOperator>(&node);
      return assign != nullptr && assign->isAssignmentOp() &&
             counted_variable(assign->getLHS()->IgnoreParenImpCasts()) == d;
    };
    return flow::contains(branch->getThen(), assigning) || flow::contains(branch->getElse(), assigning);
  }

  /// An expression statement that stops the program when its test fails:
  /// `assert(cond)`, a `?:` with a [[noreturn]] call in an arm.
  static bool asserts(const clang::Stmt* s) {
    return flow::contains(s, [](const clang::Stmt& node) {
      const auto* call = llvm::dyn_cast<clang::CallExpr>(&node);
      const clang::FunctionDecl* callee = call != nullptr ? call->getDirectCallee() : nullptr;
      return callee != nullptr && callee->isNoReturn();
    });
  }

  /// An `if` whose branch leaves the block (return, throw, break,
  /// continue, goto, a [[noreturn]] call).
  static bool leaves(const clang::IfStmt* branch) {
    const auto leaving = [](const clang::Stmt& node) {
      if (llvm::isa<clang::ReturnStmt, clang::CXXThrowExpr, clang::BreakStmt, clang::ContinueStmt, clang::GotoStmt>(
              node)) {
        return true;
      }
      const auto* call = llvm::dyn_cast<clang::CallExpr>(&node);
      const clang::FunctionDecl* callee = call != nullptr ? call->getDirectCallee() : nullptr;
      return callee != nullptr && callee->isNoReturn();
    };
    return flow::contains(branch->getThen(), leaving) || flow::contains(branch->getElse(), leaving);
  }

  /// Records the relational comparisons of `d` in `cond`: `d < x`, `x > d`
  /// (and `<=`, `>=`) compare it with something above (`below` = it is
  /// held below that), `d > x`, `x < d` with something under it; `d == x`
  /// and a call with `d` as an argument (a validator) both.
  static void comparisons_of(const clang::Stmt* cond, const clang::ValueDecl* d, bool& below, bool& above) {
    flow::contains(cond, [&](const clang::Stmt& node) {
      // `if (valid_length(n))`: a check of the program's own, taken to bound it.
      if (const auto* call = llvm::dyn_cast<clang::CallExpr>(&node)) {
        for (const clang::Expr* arg : call->arguments()) {
          if (counted_variable(arg->IgnoreParenImpCasts()) == d) below = above = true;
        }
      }
      const auto* cmp = llvm::dyn_cast<clang::BinaryOperator>(&node);
      if (cmp == nullptr || (!cmp->isRelationalOp() && cmp->getOpcode() != clang::BO_EQ)) return false;
      const auto is_d = [&](const clang::Expr* side) {
        return flow::contains(side, [&](const clang::Stmt& n) {
          const auto* e = llvm::dyn_cast<clang::Expr>(&n);
          return e != nullptr && counted_variable(e) == d;
        });
      };
      const bool left = is_d(cmp->getLHS());
      const bool right = is_d(cmp->getRHS());
      if (left == right) return false;
      const clang::BinaryOperatorKind op = cmp->getOpcode();
      if (op == clang::BO_EQ) {
        below = above = true;
      } else if ((op == clang::BO_LT || op == clang::BO_LE) == left) {
        below = true;
      } else {
        above = true;
      }
      return false;
    });
  }

  /// `std::copy_n(src.begin(), 100, out)` on a std::array<T, 50> (or a
  /// fixed-size local): the algorithm reads as many elements as the count
  /// says, past the source's end, and nothing checks it (CWE-126).
  void check_input_range_overread(const clang::CallExpr& call, uint64_t count, RuleContext& ctx) {
    const clang::Expr* in = call.getArg(0);
    const IteratorOf source = start_of(in);
    if (source.which != IteratorEnd::begin && source.which != IteratorEnd::rbegin) return;
    const std::optional<uint64_t> has = known_element_count(source.object, source.container, ctx);
    if (!has || count <= *has) return;
    const std::string name = object_name(source.object, ctx);
    ctx.report.error(in->getBeginLoc(), kName,
                     "'std::copy_n' reads " + std::to_string(count) + " elements through this " +
                         (iterator_of(in).which == IteratorEnd::none ? "pointer" : "iterator") + " from '" + name +
                         "', which has " + std::to_string(*has) +
                         ", and nothing checks the input's end; copy at most " + name + ".size() elements, or the "
                         "whole range with std::copy(" + name + ".begin(), " + name + ".end(), ...)")
        << in->getSourceRange() << call.getSourceRange();
  }

  /// `*v.end()`, `v.end()->m`, `*v.rend()`: reading the element after the
  /// last one (or before the first), which is not there; nothing checks it.
  /// Also through a local iterator that holds it and that nothing moves
  /// (`auto last = v.end(); auto copy = last; *copy = 1;`).
  void check_end_dereference(const clang::Expr& deref, const clang::Expr& iterator, RuleContext& ctx) {
    const auto [end, holder] = held_iterator(&iterator);
    if (end.which != IteratorEnd::end && end.which != IteratorEnd::rend) return;
    ctx.report.error(deref.getBeginLoc(), kName,
                     "dereferencing the end iterator of '" + object_name(end.object, ctx) +
                         "' reads past its elements, and nothing checks it; use .back() or .front() (checked under "
                         "-D_GLIBCXX_ASSERTIONS), or an iterator tested against end()")
        << deref.getSourceRange();
    if (holder != nullptr) {
      ctx.report.note(holder->getLocation(), "'" + holder->getNameAsString() + "' holds that end iterator, and nothing "
                                             "in the function moves it");
    }
  }

  /// `if (it == m.end()) return it->second;`, `it != end ? 0 : *it`: a
  /// local iterator read where the enclosing test has just said it is
  /// end(), with nothing in the function moving it (is_unmoved: an
  /// iterator given a new value, `it = m.emplace(k, v).first;`, is not
  /// judged). There is no element there.
  void check_dereference_tested_end(const clang::Expr& deref, const clang::Expr& iterator, RuleContext& ctx) {
    const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(iterator.IgnoreImplicit()->IgnoreParens());
    const clang::VarDecl* var = local_iterator_var(&iterator);
    if (ref == nullptr || var == nullptr || ref->getDecl() != var || ctx.runs_only_at_compile_time(&deref)) return;
    const clang::Expr* test = test_saying_end(deref, *var, ctx);
    if (test == nullptr || !is_unmoved(*var)) return;
    ctx.report.error(deref.getBeginLoc(), kName,
                     "'" + var->getNameAsString() +
                         "' is read where the test says it is end(): there is no element there, and nothing checks "
                         "it; read it only where it is not end() (`if (it != m.end()) use(it->second);`)")
        << deref.getSourceRange();
    ctx.report.note(test->getExprLoc(), "this test finds '" + var->getNameAsString() + "' equal to end()");
  }

  /// The condition `parent` (an if, ?:, && or ||) tests before `child`
  /// runs, and the value it has whenever `child` runs; nullopt when
  /// `parent` is none of those, `child` is its condition, or the if
  /// declares a variable (or has an init statement, unless `with_init`).
  struct Guard {
    const clang::Expr* cond;
    bool when;
  };
  static std::optional<Guard> guard_of(const clang::Stmt& parent, const clang::Stmt& child, bool with_init) {
    if (const auto* s = llvm::dyn_cast<clang::IfStmt>(&parent)) {
      if (s->getConditionVariable() != nullptr || (!with_init && s->getInit() != nullptr) ||
          (&child != s->getThen() && &child != s->getElse())) {
        return std::nullopt;
      }
      return Guard{s->getCond(), &child == s->getThen()};
    }
    if (const auto* s = llvm::dyn_cast<clang::ConditionalOperator>(&parent)) {
      if (&child == s->getCond()) return std::nullopt;
      return Guard{s->getCond(), &child == s->getTrueExpr()};
    }
    if (const auto* s = llvm::dyn_cast<clang::BinaryOperator>(&parent)) {
      if (!s->isLogicalOp() || &child != s->getRHS()) return std::nullopt;
      return Guard{s->getLHS(), s->getOpcode() == clang::BO_LAnd};
    }
    return std::nullopt;
  }

  /// The condition of an if, ?:, && or || around `at` that holds, where
  /// `at` runs, only when `var` equals an end() iterator; nullptr if none.
  const clang::Expr* test_saying_end(const clang::Stmt& at, const clang::VarDecl& var, RuleContext& ctx) {
    const llvm::ArrayRef<const clang::Stmt*> parents = ctx.stmt_parents();
    const clang::Stmt* child = &at;
    for (size_t i = parents.size(); i-- > 0; child = parents[i]) {
      const clang::Stmt* parent = parents[i];
      // A lambda's body runs elsewhere, later.
      if (llvm::isa<clang::LambdaExpr, clang::BlockExpr>(parent)) return nullptr;
      if (const auto* block = llvm::dyn_cast<clang::CompoundStmt>(parent)) {
        if (const clang::Expr* test = earlier_exit_saying_end(*block, *child, var)) return test;
        continue;
      }
      const std::optional<Guard> guard = guard_of(*parent, *child, /*with_init=*/true);
      if (guard && says_end(guard->cond, var, guard->when, 0)) return guard->cond;
    }
    return nullptr;
  }

  /// `if (it != m.end()) return it->second;` earlier in `block`, before
  /// `child`: past it, `it` is end(). The test, or nullptr. A label in
  /// between (a jump may come from elsewhere) ends the search.
  const clang::Expr* earlier_exit_saying_end(const clang::CompoundStmt& block, const clang::Stmt& child,
                                             const clang::VarDecl& var) {
    // Positions of the block's statements, once per block (as for
    // earlier_exit_guard): each read then costs a look-up.
    auto [positions, inserted] = block_positions_.try_emplace(&block);
    if (inserted) {
      unsigned n = 0;
      for (const clang::Stmt* s : block.body()) positions->second[s] = n++;
    }
    const auto at = positions->second.find(&child);
    if (at == positions->second.end()) return nullptr;
    const clang::Stmt* const* here = block.body_begin() + at->second;
    unsigned looked = 0;
    for (const clang::Stmt* const* it = here; it != block.body_begin() && looked++ < kEarlierStatementsLooked;) {
      const clang::Stmt* earlier = *--it;
      if (llvm::isa<clang::SwitchCase, clang::LabelStmt>(earlier)) return nullptr;
      const auto* branch = llvm::dyn_cast<clang::IfStmt>(earlier);
      if (branch != nullptr && branch->getElse() == nullptr && branch->getConditionVariable() == nullptr &&
          always_leaves(branch->getThen()) && says_end(branch->getCond(), var, false, 0)) {
        return branch->getCond();
      }
    }
    return nullptr;
  }

  /// Does `cond` having the value `when` mean `var == <an end() iterator>`?
  /// `it == m.end()` true, `it != end` false, `!(...)`, either side of an
  /// `&&` that is true, of an `||` that is false.
  bool says_end(const clang::Expr* cond, const clang::VarDecl& var, bool when, int depth) {
    if (cond == nullptr || depth > 8) return false;
    cond = cond->IgnoreParenImpCasts();
    if (const auto* op = llvm::dyn_cast<clang::UnaryOperator>(cond); op != nullptr && op->getOpcode() == clang::UO_LNot) {
      return says_end(op->getSubExpr(), var, !when, depth + 1);
    }
    if (const auto* op = llvm::dyn_cast<clang::BinaryOperator>(cond); op != nullptr && op->isLogicalOp()) {
      if ((op->getOpcode() == clang::BO_LAnd) != when) return false;
      return says_end(op->getLHS(), var, when, depth + 1) || says_end(op->getRHS(), var, when, depth + 1);
    }
    const clang::Expr* lhs = nullptr;
    const clang::Expr* rhs = nullptr;
    bool equal = false;
    if (const auto* rewritten = llvm::dyn_cast<clang::CXXRewrittenBinaryOperator>(cond)) {
      const clang::CXXRewrittenBinaryOperator::DecomposedForm form = rewritten->getDecomposedForm();
      if (form.Opcode != clang::BO_EQ && form.Opcode != clang::BO_NE) return false;
      lhs = form.LHS;
      rhs = form.RHS;
      equal = form.Opcode == clang::BO_EQ;
    } else if (const auto* call = llvm::dyn_cast<clang::CXXOperatorCallExpr>(cond);
               call != nullptr && call->getNumArgs() == 2 &&
               (call->getOperator() == clang::OO_EqualEqual || call->getOperator() == clang::OO_ExclaimEqual)) {
      lhs = call->getArg(0);
      rhs = call->getArg(1);
      equal = call->getOperator() == clang::OO_EqualEqual;
    } else if (const auto* op = llvm::dyn_cast<clang::BinaryOperator>(cond);
               op != nullptr && (op->getOpcode() == clang::BO_EQ || op->getOpcode() == clang::BO_NE)) {
      lhs = op->getLHS();
      rhs = op->getRHS();
      equal = op->getOpcode() == clang::BO_EQ;
    } else {
      return false;
    }
    if (equal != when) return false;
    auto names_var = [&](const clang::Expr* e) {
      const auto* r = llvm::dyn_cast<clang::DeclRefExpr>(e->IgnoreImplicit()->IgnoreParens());
      return r != nullptr && r->getDecl() == &var;
    };
    auto is_end = [&](const clang::Expr* e) {
      const IteratorEnd which = held_iterator(e).first.which;
      return which == IteratorEnd::end || which == IteratorEnd::rend;
    };
    return (names_var(lhs) && is_end(rhs)) || (names_var(rhs) && is_end(lhs));
  }

  /// `*v.begin()`, `m.begin()->second`, `*s.rbegin()`, `*std::prev(v.end())`,
  /// `*(v.end() - 1)`: the first or last element read through an iterator
  /// straight from the container, which on an empty one is end() — a read
  /// past the elements (a null pointer for an empty vector, the header node
  /// of a list or map) that no assertion checks, unlike .front()/.back() of
  /// vector and deque. Reported unless the function shows the container is
  /// not empty there (shown_not_empty: a test around or before, an insertion
  /// just before). Not: std::string (never without its terminator), a
  /// std::array / std::span of static size > 0, C arrays, iterators kept
  /// in variables (whether those were checked is the loop's business).
  void check_first_dereference(const clang::Expr& deref, const clang::Expr& iterator, RuleContext& ctx) {
    IteratorOf it = iterator_of(&iterator);
    bool last = false;
    llvm::StringRef extremum;  // "max_element" or "min_element"
    if (it.which == IteratorEnd::none) {
      std::tie(it, extremum) = extremum_of_whole(&iterator);
    }
    if (it.which == IteratorEnd::none) {
      it = last_element_iterator(&iterator, ctx);
      last = true;
    }
    if (it.which != IteratorEnd::begin && it.which != IteratorEnd::rbegin) return;
    // A bucket's begin(n) is check_bucket_call's.
    if (const auto* member = llvm::dyn_cast<clang::CXXMemberCallExpr>(iterator.IgnoreImplicit()->IgnoreParens());
        member != nullptr && member->getNumArgs() != 0) {
      return;
    }
    if (it.object == nullptr || it.container == nullptr || never_empty(it.container) ||
        !is_std_class(it.container, {"vector", "deque", "list", "forward_list", "set", "multiset", "map", "multimap",
                                     "unordered_set", "unordered_multiset", "unordered_map", "unordered_multimap",
                                     "span", "basic_string_view", "array", "inplace_vector"})) {
      return;
    }
    if (ctx.runs_only_at_compile_time(&deref) || shown_not_empty(deref, it.object, ctx)) return;
    const std::string name = object_name(it.object, ctx);
    const bool has_front = is_std_class(it.container, {"vector", "deque", "span", "basic_string_view"}) &&
                           !is_bool_vector(it.container);
    if (!extremum.empty()) {
      ctx.report.error(deref.getBeginLoc(), kName,
                       "this reads the element std::" + extremum.str() + " finds in '" + name +
                           "', and nothing checks that '" + name + "' is not empty (then it gives end(), past the "
                           "elements); test '" + name + ".empty()' first in this function (`if (" + name +
                           ".empty()) return ...;`)")
          << deref.getSourceRange();
      return;
    }
    const std::string element = (last != (it.which == IteratorEnd::rbegin)) ? "last" : "first";
    const std::string checked = element == "first" ? ".front()" : ".back()";
    ctx.report.error(deref.getBeginLoc(), kName,
                     "this reads the " + element + " element of '" + name +
                         "' through an iterator, and nothing checks that '" + name +
                         "' is not empty (then that iterator is end(), past the elements); " +
                         (has_front ? "use " + checked + " (checked under -D_GLIBCXX_ASSERTIONS), or test '"
                                    : "test '") +
                         name + ".empty()' first in this function (`if (" + name + ".empty()) return ...;`)")
        << deref.getSourceRange();
  }

  /// std::next / std::prev (the std function templates, not a method).
  static bool is_std_next_or_prev(const clang::CallExpr& call) {
    const clang::FunctionDecl* callee = call.getDirectCallee();
    return callee != nullptr && callee->getIdentifier() != nullptr && callee->isInStdNamespace() &&
           !llvm::isa<clang::CXXMethodDecl>(callee) && (callee->getName() == "next" || callee->getName() == "prev");
  }

  /// The value of an integer expression: a constant, or a local integer
  /// variable whose initialiser has a known value and that nothing in its
  /// function writes (`std::size_t n = 100; std::size_t copy = n;` is 100
  /// at every read of `copy`: Juliet's data-flow variants, and the count
  /// real code names before using it).
  std::optional<llvm::APSInt> known_integer(const clang::Expr* e, RuleContext& ctx, int depth = 0) {
    if (e == nullptr || e->isValueDependent() || e->isTypeDependent() || e->containsErrors()) return std::nullopt;
    clang::Expr::EvalResult value;
    if (e->EvaluateAsInt(value, ctx.ast)) return value.Val.getInt();
    if (std::optional<uint64_t> size = known_size_call(e, ctx)) {
      return llvm::APSInt(llvm::APInt(ctx.ast.getIntWidth(e->getType()), *size), /*isUnsigned=*/true);
    }
    const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(e->IgnoreParenImpCasts());
    const auto* var = ref != nullptr ? llvm::dyn_cast<clang::VarDecl>(ref->getDecl()) : nullptr;
    if (depth > 4 || var == nullptr || !var->hasLocalStorage() || llvm::isa<clang::ParmVarDecl>(var) ||
        !var->getType()->isIntegerType() || var->getType().isVolatileQualified() || var->getInit() == nullptr ||
        !is_only_read(*var)) {
      return std::nullopt;
    }
    std::optional<llvm::APSInt> init = known_integer(var->getInit(), ctx, depth + 1);
    if (!init || var->getType()->isDependentType()) return std::nullopt;
    // The variable's own type: `int data = 10;` read as a size_t count.
    return llvm::APSInt(init->extOrTrunc(ctx.ast.getIntWidth(var->getType())),
                        var->getType()->isUnsignedIntegerOrEnumerationType());
  }

  /// `x.size()` (or `x.length()`) of a container whose size is known here:
  /// a std::array, or a fixed-size local (`std::string src(20, 'x');`).
  std::optional<uint64_t> known_size_call(const clang::Expr* e, RuleContext& ctx) {
    const auto* call = llvm::dyn_cast<clang::CXXMemberCallExpr>(e->IgnoreParenImpCasts());
    const clang::CXXMethodDecl* method = call != nullptr ? call->getMethodDecl() : nullptr;
    if (method == nullptr || method->getIdentifier() == nullptr || call->getNumArgs() != 0 ||
        (method->getName() != "size" && method->getName() != "length") || !declared_in_std(method->getParent())) {
      return std::nullopt;
    }
    return known_element_count(call->getImplicitObjectArgument(), method->getParent(), ctx);
  }

  /// Every value the local scalar `var` is given in its function is a
  /// constant: its initialiser, each assignment (`n = 50;`, `n /= 2;`, in a
  /// lambda too) and `++n` / `--n`; every other mention reads it. Its value
  /// at a use is one of a few constants the code chose, not input.
  bool only_given_constants(const clang::VarDecl& var) {
    auto [cached, fresh] = constant_scalars_.try_emplace(&var, false);
    if (!fresh) return cached->second;
    const auto* fn = llvm::dyn_cast_or_null<clang::FunctionDecl>(var.getParentFunctionOrMethod());
    const auto constant = [&](const clang::Expr* e) {
      clang::Expr::EvalResult value;
      return e != nullptr && !e->isValueDependent() && e->EvaluateAsInt(value, var.getASTContext());
    };
    if (fn == nullptr || fn->getBody() == nullptr || !constant(var.getInit())) return false;
    const auto is_var = [&](const clang::Expr* e) {
      const auto* r = llvm::dyn_cast<clang::DeclRefExpr>(e->IgnoreParens());
      return r != nullptr && r->getDecl() == &var;
    };
    cached->second = every_mention_accounted(fn->getBody(), var, [&](const clang::Stmt& st) -> unsigned {
      if (reads_value_of(st, var)) return 1;
      if (const auto* assign = llvm::dyn_cast<clang::BinaryOperator>(&st); assign != nullptr && assign->isAssignmentOp()) {
        return is_var(assign->getLHS()) && constant(assign->getRHS());
      }
      if (const auto* step = llvm::dyn_cast<clang::UnaryOperator>(&st); step != nullptr && step->isIncrementDecrementOp()) {
        return is_var(step->getSubExpr());
      }
      unsigned captured = 0;
      if (const auto* lambda = llvm::dyn_cast<clang::LambdaExpr>(&st)) {
        // `[&n] { n = 10; }`: the capture names it; the body's uses count on their own.
        for (const clang::Expr* init : lambda->capture_inits()) captured += init != nullptr && is_var(init);
      }
      return captured;
    });
    return cached->second;
  }

  /// Every mention of the local scalar `var` in its function reads its
  /// value (an lvalue-to-rvalue conversion): no assignment, increment,
  /// reference, address or by-reference capture can change it.
  bool is_only_read(const clang::VarDecl& var) {
    auto [cached, fresh] = only_read_scalars_.try_emplace(&var, false);
    if (!fresh) return cached->second;
    const auto* fn = llvm::dyn_cast_or_null<clang::FunctionDecl>(var.getParentFunctionOrMethod());
    if (fn == nullptr || fn->getBody() == nullptr) return false;
    cached->second = only_read(fn->getBody(), var);
    return cached->second;
  }

  std::map<const clang::VarDecl*, bool> only_read_scalars_;  // is_only_read
  std::map<const clang::VarDecl*, bool> constant_scalars_;    // only_given_constants

  /// The local variable (not a reference, not a parameter, with an
  /// initialiser) that `e` reads, also through a class iterator's copy.
  static const clang::VarDecl* local_iterator_var(const clang::Expr* e) {
    if (e == nullptr) return nullptr;
    e = e->IgnoreImplicit()->IgnoreParens();
    if (const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(e);
        construct != nullptr && construct->getNumArgs() == 1 && construct->getConstructor()->isCopyOrMoveConstructor()) {
      e = construct->getArg(0)->IgnoreImplicit()->IgnoreParens();
    }
    const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(e);
    const auto* var = ref != nullptr ? llvm::dyn_cast<clang::VarDecl>(ref->getDecl()) : nullptr;
    if (var == nullptr || !var->hasLocalStorage() || llvm::isa<clang::ParmVarDecl>(var) ||
        var->getType()->isReferenceType() || var->getInit() == nullptr) {
      return nullptr;
    }
    return var;
  }

  /// Nothing in its function changes the value of the local `var`: every
  /// mention of it is a dereference, a comparison or a copy's source. Not
  /// an iterator that is stepped (`++it`, `it += n`, std::advance(it, n)),
  /// assigned, or handed to a function, which may have moved it.
  bool is_unmoved(const clang::VarDecl& local) { return iterator_uses(local).unmoved; }

  /// Every mention of the local iterator `var` is one is_unmoved allows or
  /// a step (`++it`, `it--`, `it += n`): it may move, but only along the
  /// container it was taken from, never assigned from another.
  bool stays_in_its_container(const clang::VarDecl& local) { return iterator_uses(local).stays; }

  /// How many of `args` hand a copy of the local iterator `var` to a
  /// parameter taken by value or by reference to const (`std::find(v.begin(), end, k)`,
  /// `std::vector<int> w(first, end)`): the callee moves its own copy, never
  /// `var`. A reference to non-const, or an argument past the declared ones,
  /// is not counted.
  static unsigned by_value_arguments_naming(const clang::FunctionDecl* callee,
                                            llvm::ArrayRef<const clang::Expr*> args,
                                            const clang::VarDecl& var) {
    if (callee == nullptr) return 0;
    unsigned count = 0;
    unsigned index = 0;
    for (const clang::Expr* arg : args) {
      const unsigned at = index++;
      if (at >= callee->getNumParams()) continue;
      // A reference to const cannot move it either (the conversion of an
      // iterator to a const_iterator takes one).
      const clang::QualType param = callee->getParamDecl(at)->getType();
      if (param->isReferenceType() && !param.getNonReferenceType().isConstQualified()) continue;
      count += local_iterator_var(arg) == &var;
    }
    return count;
  }

  struct IteratorUses {
    bool unmoved = false;
    bool stays = false;
  };
  IteratorUses iterator_uses(const clang::VarDecl& local) {
    const clang::VarDecl* var = &local;
    auto [cached, fresh] = unmoved_iterators_.try_emplace(var, IteratorUses{});
    if (!fresh) return cached->second;
    const auto* fn = llvm::dyn_cast_or_null<clang::FunctionDecl>(var->getParentFunctionOrMethod());
    if (fn == nullptr || fn->getBody() == nullptr) return {};
    auto names_var = [&](const clang::Expr* x) {
      const auto* r = x != nullptr ? llvm::dyn_cast<clang::DeclRefExpr>(x->IgnoreImplicit()->IgnoreParens()) : nullptr;
      return r != nullptr && r->getDecl() == var;
    };
    unsigned mentions = 0;
    unsigned reads = 0;
    unsigned steps = 0;  // ++it, it += n: along its own container
    flow::contains(fn->getBody(), [&](const clang::Stmt& st) {
      if (const auto* r = llvm::dyn_cast<clang::DeclRefExpr>(&st); r != nullptr && r->getDecl() == var) ++mentions;
      if (const auto* unary = llvm::dyn_cast<clang::UnaryOperator>(&st);
          unary != nullptr && unary->isIncrementDecrementOp() && names_var(unary->getSubExpr())) {
        ++steps;
      } else if (const auto* compound = llvm::dyn_cast<clang::CompoundAssignOperator>(&st);
                 compound != nullptr &&
                 (compound->getOpcode() == clang::BO_AddAssign || compound->getOpcode() == clang::BO_SubAssign) &&
                 names_var(compound->getLHS())) {
        steps += 1 + names_var(compound->getRHS());
      } else if (const auto* unary = llvm::dyn_cast<clang::UnaryOperator>(&st);
          unary != nullptr && unary->getOpcode() == clang::UO_Deref && names_var(unary->getSubExpr())) {
        ++reads;
      } else if (const auto* member = llvm::dyn_cast<clang::MemberExpr>(&st);
                 member != nullptr && member->isArrow() && names_var(member->getBase())) {
        ++reads;
      } else if (const auto* binary = llvm::dyn_cast<clang::BinaryOperator>(&st);
                 binary != nullptr && (binary->isComparisonOp() || binary->getOpcode() == clang::BO_Add ||
                                       binary->getOpcode() == clang::BO_Sub)) {
        reads += names_var(binary->getLHS()) + names_var(binary->getRHS());
      } else if (const auto* call = llvm::dyn_cast<clang::CallExpr>(&st);
                 call != nullptr && call->getNumArgs() >= 1 && is_std_next_or_prev(*call)) {
        // std::next(it, n) / std::prev(it, n) take the iterator by value.
        reads += local_iterator_var(call->getArg(0)) == var;
      } else if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(&st)) {
        const clang::OverloadedOperatorKind kind = op->getOperator();
        if ((kind == clang::OO_Star || kind == clang::OO_Arrow) && op->getNumArgs() == 1) {
          reads += names_var(op->getArg(0));
        } else if ((kind == clang::OO_Plus || kind == clang::OO_Minus) && op->getNumArgs() == 2) {
          // `it - 8` makes a new iterator; `it` stays where it is.
          reads += names_var(op->getArg(0)) + names_var(op->getArg(1));
        } else if ((kind == clang::OO_EqualEqual || kind == clang::OO_ExclaimEqual) && op->getNumArgs() == 2) {
          reads += names_var(op->getArg(0)) + names_var(op->getArg(1));
        } else if ((kind == clang::OO_PlusPlus || kind == clang::OO_MinusMinus) && op->getNumArgs() >= 1) {
          steps += names_var(op->getArg(0));
        } else if ((kind == clang::OO_PlusEqual || kind == clang::OO_MinusEqual) && op->getNumArgs() == 2 &&
                   names_var(op->getArg(0))) {
          steps += 1 + names_var(op->getArg(1));
        }
      } else if (const auto* call = llvm::dyn_cast<clang::CallExpr>(&st);
                 call != nullptr && !llvm::isa<clang::CXXOperatorCallExpr>(call)) {
        reads += by_value_arguments_naming(call->getDirectCallee(), {call->getArgs(), call->getNumArgs()}, *var);
      } else if (const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(&st);
                 construct != nullptr && !construct->getConstructor()->isCopyOrMoveConstructor()) {
        reads += by_value_arguments_naming(construct->getConstructor(), {construct->getArgs(), construct->getNumArgs()}, *var);
      } else if (const auto* decl_stmt = llvm::dyn_cast<clang::DeclStmt>(&st)) {
        for (const clang::Decl* d : decl_stmt->decls()) {
          const auto* other = llvm::dyn_cast<clang::VarDecl>(d);
          if (other == nullptr || other->getInit() == nullptr) continue;
          const auto* copy = llvm::dyn_cast<clang::CXXConstructExpr>(other->getInit()->IgnoreImplicit());
          if (names_var(other->getInit()) ||
              (copy != nullptr && copy->getNumArgs() == 1 && names_var(copy->getArg(0)))) {
            ++reads;
          }
        }
      }
      return false;
    });
    cached->second = IteratorUses{mentions == reads, mentions == reads + steps};
    return cached->second;
  }

  std::map<const clang::VarDecl*, IteratorUses> unmoved_iterators_;  // is_unmoved, stays_in_its_container

  /// std::next / std::prev / std::advance on a raw pointer: pointer
  /// arithmetic under another name.
  void check_step_call(const clang::CallExpr& call, RuleContext& ctx) {
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
    note_declaration(target, "the pointer", ctx);
  }

  /// `*v.data()`, `v.data()->m`, `*std::to_address(it)`: element 0 (or
  /// whatever the iterator points at) read through a raw pointer, with no
  /// check that the container is not empty (or the iterator not end()),
  /// while `v.data()[0]` is already reported as raw-pointer indexing.
  /// std::string's data() is exempt: it is never empty (the terminator).
  void check_data_dereference(const clang::Expr& pointer, clang::SourceLocation loc, RuleContext& ctx) {
    const clang::Expr* e = pointer.IgnoreParenImpCasts();
    if (!llvm::isa<clang::CallExpr>(e) || ctx.runs_only_at_compile_time(&pointer)) return;
    if (const auto* call = llvm::dyn_cast<clang::CXXMemberCallExpr>(e)) {
      const clang::CXXMethodDecl* method = call->getMethodDecl();
      if (method == nullptr || method->getIdentifier() == nullptr || method->getName() != "data") return;
      if (!is_std_class(method->getParent(), {"vector", "array", "span", "basic_string_view", "inplace_vector"})) {
        return;
      }
      if (never_empty(method->getParent())) return;
      ctx.report.error(loc, kName,
                       "reading element 0 through the raw pointer of .data() is not checked: an empty container's "
                       "data() points at nothing; use .front() (checked under -D_GLIBCXX_ASSERTIONS) or .at(0)")
          << pointer.getSourceRange();
      return;
    }
    const auto* call = llvm::dyn_cast<clang::CallExpr>(e);
    const clang::FunctionDecl* callee = call != nullptr ? call->getDirectCallee() : nullptr;
    if (callee == nullptr || callee->getIdentifier() == nullptr || callee->getName() != "to_address" ||
        !declared_in_std(callee) || call->getNumArgs() != 1) {
      return;
    }
    // std::to_address(smart_pointer) is .get(): not an iterator.
    const clang::QualType arg = call->getArg(0)->getType().getNonReferenceType();
    if (is_std_class(arg->getAsCXXRecordDecl(), {"unique_ptr", "shared_ptr"})) return;
    // *std::to_address(it + n): reported once, as the pointer it makes.
    if (stepped_iterator(call->getArg(0)) != nullptr) return;
    ctx.report.error(loc, kName,
                     "reading through std::to_address is not checked: the iterator may be end() (one past the "
                     "last element); read from the container with .front(), .back() or .at(i)")
        << pointer.getSourceRange();
  }

  /// `v.front()` / `v.back()` of a local `std::vector<int> v;` (or a
  /// `std::string s;`, a `std::array<int, 0>`) that nothing in the function
  /// fills: the same access as `v[0]`, judged by the same test as a constant
  /// index past the end (check_constant_index_past_end). The element is not
  /// there: -D_GLIBCXX_ASSERTIONS aborts the binary, without it the read
  /// goes past the buffer. (A std::list or std::vector<bool> is
  /// check_unchecked_nonempty's.)
  void check_end_of_known_empty(const clang::CXXMemberCallExpr& call, RuleContext& ctx) {
    const clang::CXXMethodDecl* method = call.getMethodDecl();
    if (method == nullptr || method->getIdentifier() == nullptr || call.getNumArgs() != 0) return;
    const llvm::StringRef fn = method->getName();
    if (fn != "front" && fn != "back") return;
    const clang::CXXRecordDecl* record = method->getParent();
    if (!is_std_class(record, {"array", "span", "vector", "basic_string"}) || is_bool_vector(record)) return;
    const clang::Expr* object = call.getImplicitObjectArgument();
    if (object == nullptr || ctx.runs_only_at_compile_time(&call)) return;
    const std::optional<uint64_t> size = known_element_count(object, record, ctx);
    if (!size || *size != 0 || in_death_test_statement(call.getExprLoc(), ctx)) return;
    // `if (!v.empty()) use(v.front());`: code that never runs, written as
    // the idiom is; not reported.
    if (shown_not_empty(call, object, ctx)) return;
    const std::string name = object_name(object, ctx);
    ctx.report.error(call.getExprLoc(), kName,
                     "'" + fn.str() + "()' of '" + name +
                         "', which is empty here: there is no element; -D_GLIBCXX_ASSERTIONS stops the access by "
                         "aborting the whole binary, every service in it (without it, it reaches past the buffer); " +
                         empty_remedy(record))
        << call.getSourceRange();
  }

  /// `if (v.empty()) return v.front();`, `v.size() == 0 ? v[0] : 0`, `if
  /// (!v.empty()) return 1; return v.back();`: an element of a std::vector,
  /// std::deque, std::span or std::string_view (front()/back() of a
  /// std::string too) read where the test just made says it is empty,
  /// with nothing between the test and the read that could fill it (no
  /// call, no other mention of it, no loop around the read).
  /// -D_GLIBCXX_ASSERTIONS aborts the binary; without it the read goes past
  /// the buffer. (A std::list's front()/back() is check_unchecked_nonempty's.)
  void check_element_of_tested_empty(const clang::CallExpr& call, RuleContext& ctx) {
    const clang::Expr* object = nullptr;
    std::string access;
    if (const auto* member = llvm::dyn_cast<clang::CXXMemberCallExpr>(&call)) {
      const clang::CXXMethodDecl* method = member->getMethodDecl();
      if (method == nullptr || method->getIdentifier() == nullptr || member->getNumArgs() != 0 ||
          (method->getName() != "front" && method->getName() != "back") ||
          !is_std_class(method->getParent(), {"vector", "deque", "span", "basic_string_view", "basic_string"})) {
        return;
      }
      object = member->getImplicitObjectArgument();
      access = "'" + method->getName().str() + "()'";
    } else if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(&call);
               op != nullptr && op->getOperator() == clang::OO_Subscript && op->getNumArgs() == 2) {
      object = op->getArg(0);
      // A std::string's s[0] is its terminator when empty: readable.
      if (!is_std_class(object->getType().getNonReferenceType()->getAsCXXRecordDecl(),
                        {"vector", "deque", "span", "basic_string_view"})) {
        return;
      }
      access = "index";
    } else {
      return;
    }
    const clang::ValueDecl* root = container_root(object);
    if (root == nullptr || is_bool_vector(object->getType().getNonReferenceType()->getAsCXXRecordDecl()) ||
        ctx.runs_only_at_compile_time(&call) || in_death_test_statement(call.getExprLoc(), ctx)) {
      return;
    }
    const clang::Expr* test = test_saying_empty(call, object, *root, ctx);
    if (test == nullptr) return;
    const std::string name = object_name(object, ctx);
    const bool emptied = empties(test, object) != nullptr;
    ctx.report.error(call.getExprLoc(), kName,
                     "this " + access + " reads an element of '" + name +
                         (emptied ? "' just after it was emptied" : "' where the test says it is empty") +
                         ": there is no element; -D_GLIBCXX_ASSERTIONS stops the "
                         "access by aborting the whole binary, every service in it (without it, it reaches past the "
                         "buffer); read it only where it is not empty")
        << call.getSourceRange();
    ctx.report.note(test->getExprLoc(), emptied ? "'" + name + "' is emptied here"
                                                : "where the read runs, this test says '" + name + "' is empty");
  }

  /// The variable or field a container expression names (`v`, `this->items_`,
  /// `req.items`: the field), or null when it is no named object.
  static const clang::ValueDecl* container_root(const clang::Expr* object) {
    const clang::Expr* named = named_object(object);
    if (named == nullptr) return nullptr;
    named = named->IgnoreParenImpCasts();
    if (const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(named)) return ref->getDecl();
    if (const auto* member = llvm::dyn_cast<clang::MemberExpr>(named)) return member->getMemberDecl();
    return nullptr;
  }

  /// The condition of an if, ?:, && or || around `at`, or of an `if` that
  /// leaves just before it in an enclosing block, that holds where `at`
  /// runs only when `object` is empty; nullptr if none, or if something
  /// between the test and `at` (a call, a mention of `root`, a loop, a
  /// label) may have filled it.
  const clang::Expr* test_saying_empty(const clang::Stmt& at, const clang::Expr* object, const clang::ValueDecl& root,
                                       RuleContext& ctx) {
    const llvm::ArrayRef<const clang::Stmt*> parents = ctx.stmt_parents();
    const clang::Stmt* child = &at;
    for (size_t i = parents.size(); i-- > 0; child = parents[i]) {
      const clang::Stmt* parent = parents[i];
      if (llvm::isa<clang::LambdaExpr, clang::BlockExpr, clang::ForStmt, clang::WhileStmt, clang::DoStmt,
                    clang::CXXForRangeStmt, clang::SwitchStmt>(parent)) {
        return nullptr;
      }
      if (const auto* block = llvm::dyn_cast<clang::CompoundStmt>(parent)) {
        bool blocked = false;
        if (const clang::Expr* test = earlier_exit_saying_empty(*block, *child, object, root, blocked, ctx.ast)) {
          return test;
        }
        if (blocked) return nullptr;
        continue;
      }
      const std::optional<Guard> guard = guard_of(*parent, *child, /*with_init=*/false);
      if (guard && says_empty(guard->cond, object, guard->when, 0, ctx.ast)) return guard->cond;
    }
    return nullptr;
  }

  /// `if (!v.empty()) return ...;` among the statements of `block` before
  /// `child`, with none between that calls anything or names `root`. Sets
  /// `blocked` when such a statement (or a label) ends the search.
  const clang::Expr* earlier_exit_saying_empty(const clang::CompoundStmt& block, const clang::Stmt& child,
                                               const clang::Expr* object, const clang::ValueDecl& root,
                                               bool& blocked, const clang::ASTContext& ast) {
    auto [positions, inserted] = block_positions_.try_emplace(&block);
    if (inserted) {
      unsigned n = 0;
      for (const clang::Stmt* s : block.body()) positions->second[s] = n++;
    }
    const auto at = positions->second.find(&child);
    if (at == positions->second.end()) return nullptr;
    const clang::Stmt* const* here = block.body_begin() + at->second;
    unsigned looked = 0;
    for (const clang::Stmt* const* it = here; it != block.body_begin();) {
      const clang::Stmt* earlier = *--it;
      if (looked++ >= kEarlierStatementsLooked || llvm::isa<clang::SwitchCase, clang::LabelStmt>(earlier)) {
        blocked = true;
        return nullptr;
      }
      const auto* branch = llvm::dyn_cast<clang::IfStmt>(earlier);
      if (branch != nullptr && branch->getElse() == nullptr && branch->getConditionVariable() == nullptr &&
          branch->getInit() == nullptr && always_leaves(branch->getThen()) &&
          says_empty(branch->getCond(), object, false, 0, ast)) {
        return branch->getCond();
      }
      if (const clang::Expr* emptied = empties(earlier, object)) return emptied;
      if (may_fill(earlier, root)) {
        blocked = true;
        return nullptr;
      }
    }
    return nullptr;
  }

  /// `v.clear();` or `v.resize(0);` as a statement of its own on `object`:
  /// the call, or null.
  static const clang::CXXMemberCallExpr* empties(const clang::Stmt* s, const clang::Expr* object) {
    const auto* call = llvm::dyn_cast<clang::CXXMemberCallExpr>(s);
    const clang::CXXMethodDecl* method = call != nullptr ? call->getMethodDecl() : nullptr;
    if (method == nullptr || method->getIdentifier() == nullptr ||
        !same_object(call->getImplicitObjectArgument()->IgnoreParenImpCasts(), object->IgnoreParenImpCasts())) {
      return nullptr;
    }
    if (method->getName() == "clear" && call->getNumArgs() == 0) return call;
    if (method->getName() != "resize" || call->getNumArgs() != 1) return nullptr;
    const clang::Expr* size = call->getArg(0)->IgnoreParenImpCasts();
    if (size->isValueDependent() || size->isTypeDependent()) return nullptr;
    const std::optional<llvm::APSInt> value = size->getIntegerConstantExpr(method->getASTContext());
    return value && value->isZero() ? call : nullptr;
  }

  /// Could `s` give the container `root` elements: does it call anything,
  /// or name it?
  static bool may_fill(const clang::Stmt* s, const clang::ValueDecl& root) {
    return flow::contains(s, [&](const clang::Stmt& sub) {
      if (llvm::isa<clang::CallExpr, clang::CXXConstructExpr>(sub)) return true;
      if (const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(&sub)) return ref->getDecl() == &root;
      if (const auto* member = llvm::dyn_cast<clang::MemberExpr>(&sub)) return member->getMemberDecl() == &root;
      return false;
    });
  }

  /// Does `cond` having the value `when` mean `object` is empty? `v.empty()`,
  /// `v.size() == 0`, `!v.size()` true, `!v.empty()`, `v.size() != 0`,
  /// `v.size() > 0` false; either side of an `&&` that is true, of an `||`
  /// that is false.
  static bool says_empty(const clang::Expr* cond, const clang::Expr* object, bool when, int depth,
                         const clang::ASTContext& ast) {
    if (cond == nullptr || depth > 8) return false;
    cond = cond->IgnoreParenImpCasts();
    if (const auto* op = llvm::dyn_cast<clang::UnaryOperator>(cond); op != nullptr && op->getOpcode() == clang::UO_LNot) {
      return says_empty(op->getSubExpr(), object, !when, depth + 1, ast);
    }
    if (const auto* op = llvm::dyn_cast<clang::BinaryOperator>(cond); op != nullptr && op->isLogicalOp()) {
      if ((op->getOpcode() == clang::BO_LAnd) != when) return false;
      return says_empty(op->getLHS(), object, when, depth + 1, ast) ||
             says_empty(op->getRHS(), object, when, depth + 1, ast);
    }
    if (const clang::Expr* sized = size_query(cond, "empty")) return when && same_object(sized, object);
    // `v.size()` as a condition: true when not empty.
    if (const clang::Expr* sized = size_query(cond, "size")) return !when && same_object(sized, object);
    const auto* op = llvm::dyn_cast<clang::BinaryOperator>(cond);
    if (op == nullptr || !op->isComparisonOp()) return false;
    clang::BinaryOperatorKind kind = op->getOpcode();
    const clang::Expr* size = op->getLHS();
    const clang::Expr* other = op->getRHS();
    if (size_query(size->IgnoreParenImpCasts(), "size") == nullptr) {
      std::swap(size, other);
      kind = clang::BinaryOperator::reverseComparisonOp(kind);
    }
    const clang::Expr* sized = size_query(size->IgnoreParenImpCasts(), "size");
    clang::Expr::EvalResult zero;
    if (sized == nullptr || !same_object(sized, object) || other->isValueDependent() ||
        !other->EvaluateAsInt(zero, ast) || !zero.Val.getInt().isZero()) {
      return false;
    }
    // size() == 0 true, size() != 0 / size() > 0 false: empty.
    if (kind == clang::BO_EQ || kind == clang::BO_LE) return when;
    if (kind == clang::BO_NE || kind == clang::BO_GT) return !when;
    return false;
  }

  /// `x.empty()` / `x.size()` (the member `name`, or `std::empty(x)` /
  /// `std::size(x)`): the object `x`, or null.
  static const clang::Expr* size_query(const clang::Expr* e, llvm::StringRef name) {
    const auto* call = llvm::dyn_cast<clang::CallExpr>(e);
    const clang::FunctionDecl* fn = call != nullptr ? call->getDirectCallee() : nullptr;
    if (fn == nullptr || fn->getIdentifier() == nullptr || fn->getName() != name) return nullptr;
    if (const auto* member = llvm::dyn_cast<clang::CXXMemberCallExpr>(call)) {
      return member->getNumArgs() == 0 ? member->getImplicitObjectArgument()->IgnoreParenImpCasts() : nullptr;
    }
    return call->getNumArgs() == 1 && fn->isInStdNamespace() ? call->getArg(0)->IgnoreParenImpCasts() : nullptr;
  }

  /// What to do about an element access of an empty container: a
  /// std::vector or std::string can be given elements; a std::array or
  /// std::span of size 0 never has any.
  static std::string empty_remedy(const clang::CXXRecordDecl* record) {
    if (is_std_class(record, {"vector", "basic_string"})) {
      return "give it elements first (push_back, resize, a size at construction)";
    }
    return "its size is 0, so it never has an element: give it a size, or do not read it";
  }

  /// `l.front()`, `l.back()`, `l.pop_front()`, `l.pop_back()` of a
  /// std::list, `f.front()` / `f.pop_front()` of a std::forward_list,
  /// `b.front()` / `b.back()` / `b.pop_back()` of a std::vector<bool>:
  /// libstdc++ 12 has no assertion in them (unlike vector<T>, deque, string
  /// and the adaptors queue / stack / priority_queue, which assert
  /// !empty() under _GLIBCXX_ASSERTIONS). Reported unless the function
  /// shows the container is not empty there (shown_not_empty).
  void check_unchecked_nonempty(const clang::CXXMemberCallExpr& call, RuleContext& ctx) {
    const clang::CXXMethodDecl* method = call.getMethodDecl();
    if (method == nullptr || method->getIdentifier() == nullptr || call.getNumArgs() != 0) return;
    const llvm::StringRef fn = method->getName();
    if (fn != "front" && fn != "back" && fn != "pop_front" && fn != "pop_back") return;
    const clang::CXXRecordDecl* record = method->getParent();
    std::string what;
    std::string effect;
    const bool pops = fn.starts_with("pop_");
    if (is_std_class(record, {"list"})) {
      what = "std::list";
      effect = pops ? "frees the list's own header node, which lives inside the list object"
                    : "gives the list's own header node as the element: using it reads or writes over the list "
                      "object and what follows it";
    } else if (is_std_class(record, {"forward_list"})) {
      what = "std::forward_list";
      effect = "follows the empty list's null head pointer";
    } else if (is_std_class(record, {"vector"}) && is_bool_vector(record)) {
      what = "std::vector<bool>";
      effect = pops ? "moves the end before the start: size() wraps around to SIZE_MAX and every later bounds "
                      "check (.at(i)) passes"
                    : "reads or writes a bit outside the vector's storage";
    } else {
      return;
    }
    if (ctx.runs_only_at_compile_time(&call)) return;
    const clang::Expr* object = call.getImplicitObjectArgument();
    if (object == nullptr || shown_not_empty(call, object, ctx)) return;
    const std::string name = object_name(object, ctx);
    ctx.report.error(call.getExprLoc(), kName,
                     "'" + fn.str() + "()' of a " + what +
                         " is not checked by this standard library, even with _GLIBCXX_ASSERTIONS: on an empty " +
                         (what == "std::vector<bool>" ? "vector" : "list") + " it " + effect + "; test '" + name +
                         ".empty()' first in this function (`if (" + name + ".empty()) return;`, or call it under `if (!" +
                         name + ".empty())` / `while (!" + name + ".empty())`)")
        << call.getSourceRange();
    if (const clang::ValueDecl* decl = named_decl(object);
        decl != nullptr && ctx.service_code.contains(decl->getLocation())) {
      ctx.report.note(decl->getLocation(), "'" + decl->getNameAsString() + "' is declared here");
    }
  }

  /// Two expressions for one container: the same object (same_object), or
  /// the same spelling in the source (`it->second`, `queues_[i]`), which in
  /// one function is taken to be one container.
  static bool same_container(const clang::Expr* a, const clang::Expr* b, RuleContext& ctx) {
    if (a == nullptr || b == nullptr) return false;
    if (same_object(a, b)) return true;
    const clang::SourceManager& sm = ctx.ast.getSourceManager();
    if (a->getBeginLoc().isMacroID() || b->getBeginLoc().isMacroID() || a->getEndLoc().isMacroID() ||
        b->getEndLoc().isMacroID()) {
      return false;
    }
    const auto text = [&](const clang::Expr* e) {
      return clang::Lexer::getSourceText(clang::CharSourceRange::getTokenRange(e->getSourceRange()), sm,
                                         ctx.ast.getLangOpts());
    };
    const llvm::StringRef ta = text(a);
    // `this->x` and `x` are same_object's; text is only for the rest.
    return !ta.empty() && ta == text(b) && !llvm::isa<clang::CXXThisExpr>(a->IgnoreParenImpCasts());
  }

  /// Does `s` (a condition, or a whole earlier statement, lambdas included)
  /// ask whether `object` is empty: `object.empty()`, `object.size()`,
  /// `object.begin()` (compared with end()), `std::empty(object)`,
  /// `std::size(object)`, or a local variable initialised from one of
  /// those (`const auto n = l.size(); if (n == 0) return;`)?
  static bool tests_emptiness(const clang::Stmt* s, const clang::Expr* object, RuleContext& ctx, int depth = 0,
                              bool begin_asks = true) {
    return flow::contains(s, [&](const clang::Stmt& node) {
      if (const auto* member = llvm::dyn_cast<clang::CXXMemberCallExpr>(&node)) {
        const clang::CXXMethodDecl* m = member->getMethodDecl();
        return m != nullptr && m->getIdentifier() != nullptr &&
               (llvm::is_contained({"empty", "size"}, m->getName()) ||
                (begin_asks && llvm::is_contained({"begin", "cbegin"}, m->getName()))) &&
               same_container(member->getImplicitObjectArgument(), object, ctx);
      }
      if (const auto* call = llvm::dyn_cast<clang::CallExpr>(&node);
          call != nullptr && !llvm::isa<clang::CXXOperatorCallExpr>(call) && call->getNumArgs() == 1) {
        const clang::FunctionDecl* callee = call->getDirectCallee();
        return callee != nullptr && callee->getIdentifier() != nullptr && declared_in_std(callee) &&
               llvm::is_contained({"empty", "size", "ssize"}, callee->getName()) &&
               same_container(call->getArg(0), object, ctx);
      }
      if (const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(&node); ref != nullptr && depth < 2) {
        const auto* var = llvm::dyn_cast<clang::VarDecl>(ref->getDecl());
        return var != nullptr && var->isLocalVarDecl() && var->getInit() != nullptr &&
               !llvm::isa<clang::ParmVarDecl>(var) && tests_emptiness(var->getInit(), object, ctx, depth + 1);
      }
      return false;
    });
  }

  /// `s` is an expression statement that puts an element into `object`
  /// (`l.push_back(x);`, `l.emplace_front(...)`, `l.insert(pos, x)`), or
  /// the declaration of `object` with elements (`std::list<int> l{1, 2};`,
  /// `std::vector<bool> b(n > 0 ? n : 1, false)` is not seen: only a
  /// constant count `(3, x)` or a non-empty braced list).
  static bool inserts_into(const clang::Stmt* s, const clang::Expr* object, RuleContext& ctx) {
    const auto* e = llvm::dyn_cast<clang::Expr>(s);
    if (e != nullptr) {
      const auto* call = llvm::dyn_cast<clang::CXXMemberCallExpr>(e->IgnoreImplicit()->IgnoreParens());
      if (call == nullptr) {
        // (void)l.emplace_back(x);
        if (const auto* cast = llvm::dyn_cast<clang::CastExpr>(e->IgnoreImplicit()->IgnoreParens())) {
          call = llvm::dyn_cast<clang::CXXMemberCallExpr>(cast->getSubExpr()->IgnoreImplicit()->IgnoreParens());
        }
      }
      const clang::CXXMethodDecl* m = call != nullptr ? call->getMethodDecl() : nullptr;
      return m != nullptr && m->getIdentifier() != nullptr &&
             llvm::is_contained({"push_back", "push_front", "emplace_back", "emplace_front", "emplace", "insert",
                                 "emplace_after", "insert_after"},
                                m->getName()) &&
             same_container(call->getImplicitObjectArgument(), object, ctx);
    }
    const auto* decl_stmt = llvm::dyn_cast<clang::DeclStmt>(s);
    const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(object->IgnoreParenImpCasts());
    if (decl_stmt == nullptr || ref == nullptr) return false;
    for (const clang::Decl* d : decl_stmt->decls()) {
      const auto* var = llvm::dyn_cast<clang::VarDecl>(d);
      if (var == nullptr || var != ref->getDecl() || var->getInit() == nullptr) continue;
      const clang::Expr* init = var->getInit()->IgnoreImplicit();
      const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(init);
      if (construct == nullptr || construct->getNumArgs() == 0) return false;
      const clang::Expr* first = construct->getArg(0)->IgnoreImplicit();
      if (const auto* list = llvm::dyn_cast<clang::CXXStdInitializerListExpr>(first)) {
        const auto* elements =
            llvm::dyn_cast<clang::InitListExpr>(list->getSubExpr()->IgnoreImplicit()->IgnoreParens());
        return elements != nullptr && elements->getNumInits() > 0;
      }
      clang::Expr::EvalResult count;
      return first->getType()->isIntegerType() && !first->isValueDependent() &&
             first->EvaluateAsInt(count, ctx.ast) && count.Val.getInt().isStrictlyPositive();
    }
    return false;
  }

  /// `l.clear();` as a statement of its own: the container is empty after it.
  static bool clears(const clang::Stmt* s, const clang::Expr* object, RuleContext& ctx) {
    const auto* e = llvm::dyn_cast<clang::Expr>(s);
    const auto* call = e != nullptr ? llvm::dyn_cast<clang::CXXMemberCallExpr>(e->IgnoreImplicit()) : nullptr;
    const clang::CXXMethodDecl* m = call != nullptr ? call->getMethodDecl() : nullptr;
    return m != nullptr && m->getIdentifier() != nullptr && m->getName() == "clear" &&
           same_container(call->getImplicitObjectArgument(), object, ctx);
  }

  /// An earlier statement after which `object` is taken to be not empty:
  /// an `if` testing it whose branch leaves (return, throw, break,
  /// continue, goto, a [[noreturn]] call) or puts an element into it (`if
  /// (l.empty()) return;`, `if (l.empty()) l.push_back(0);`); a `while` /
  /// `for` loop testing it (`while (q.empty()) cv.wait(lock);`); an
  /// expression statement testing it (`cv.wait(lock, [&] { return
  /// !q.empty(); });`, `assert(!l.empty());`).
  static bool guards(const clang::Stmt* s, const clang::Expr* object, RuleContext& ctx) {
    if (const auto* branch = llvm::dyn_cast<clang::IfStmt>(s)) {
      if (!tests_emptiness(branch->getCond(), object, ctx) && !tests_emptiness(branch->getInit(), object, ctx) &&
          !tests_emptiness(branch->getConditionVariableDeclStmt(), object, ctx)) {
        return false;
      }
      const auto leaves_or_fills = [&](const clang::Stmt& node) {
        if (llvm::isa<clang::ReturnStmt, clang::CXXThrowExpr, clang::BreakStmt, clang::ContinueStmt,
                      clang::GotoStmt>(node)) {
          return true;
        }
        if (const auto* call = llvm::dyn_cast<clang::CallExpr>(&node)) {
          const clang::FunctionDecl* callee = call->getDirectCallee();
          if (callee != nullptr && callee->isNoReturn()) return true;
        }
        return llvm::isa<clang::Expr>(node) && inserts_into(&node, object, ctx);
      };
      return flow::contains(branch->getThen(), leaves_or_fills) || flow::contains(branch->getElse(), leaves_or_fills);
    }
    // An earlier loop leaves `object` non-empty only if it runs while it
    // is empty (`while (q.empty()) cv.wait(lock);`) and no `break` ends it
    // early; `while (!q.empty()) q.pop_front();` leaves it empty.
    if (const auto* loop = llvm::dyn_cast<clang::WhileStmt>(s)) {
      return loops_while_empty(loop->getCond(), object, ctx) && !has_break(loop->getBody());
    }
    if (const auto* loop = llvm::dyn_cast<clang::ForStmt>(s)) {
      return loops_while_empty(loop->getCond(), object, ctx) && !has_break(loop->getBody());
    }
    // An expression statement that asks (`assert(!c.empty());`, `cv.wait(lock,
    // [&] { return !q.empty(); });`), itself, with empty() or size(): not a
    // begin() handed to an algorithm (`std::sort(c.begin(), c.end());` asks
    // nothing), nor a mere mention of a local once initialised from such a
    // call (`r += x;` after `int r = *std::max_element(c.begin(), c.end());`).
    return llvm::isa<clang::Expr>(s) && tests_emptiness(s, object, ctx, /*depth=*/2, /*begin_asks=*/false);
  }

  /// `object.empty()`, `std::empty(object)` or `object.size() == 0` as a
  /// whole loop condition: the loop ends only once `object` has elements.
  static bool loops_while_empty(const clang::Expr* cond, const clang::Expr* object, RuleContext& ctx) {
    if (cond == nullptr) return false;
    cond = cond->IgnoreParenImpCasts();
    if (const auto* member = llvm::dyn_cast<clang::CXXMemberCallExpr>(cond)) {
      const clang::CXXMethodDecl* m = member->getMethodDecl();
      return m != nullptr && m->getIdentifier() != nullptr && m->getName() == "empty" &&
             same_container(member->getImplicitObjectArgument(), object, ctx);
    }
    if (const auto* call = llvm::dyn_cast<clang::CallExpr>(cond);
        call != nullptr && !llvm::isa<clang::CXXOperatorCallExpr>(call) && call->getNumArgs() == 1) {
      const clang::FunctionDecl* callee = call->getDirectCallee();
      return callee != nullptr && callee->getIdentifier() != nullptr && declared_in_std(callee) &&
             callee->getName() == "empty" && same_container(call->getArg(0), object, ctx);
    }
    if (const auto* compare = llvm::dyn_cast<clang::BinaryOperator>(cond);
        compare != nullptr && compare->getOpcode() == clang::BO_EQ) {
      const auto* literal = llvm::dyn_cast<clang::IntegerLiteral>(compare->getRHS()->IgnoreParenImpCasts());
      const auto* size = llvm::dyn_cast<clang::CXXMemberCallExpr>(compare->getLHS()->IgnoreParenImpCasts());
      return literal != nullptr && literal->getValue() == 0 && size != nullptr && size->getMethodDecl() != nullptr &&
             size->getMethodDecl()->getIdentifier() != nullptr && size->getMethodDecl()->getName() == "size" &&
             same_container(size->getImplicitObjectArgument(), object, ctx);
    }
    return false;
  }

  static bool has_break(const clang::Stmt* body) {
    return flow::contains(body, [](const clang::Stmt& node) { return llvm::isa<clang::BreakStmt>(node); });
  }

  /// Does the code around `call` show that `object` is not empty there?
  /// - an enclosing condition tests its emptiness or size: the call is in a
  ///   branch of an `if`, the body of a `while` / `for`, an arm of `?:`, the
  ///   right of `&&` / `||` (polarity is not looked at);
  /// - the call is in the body of a range-for over `object`;
  /// - an earlier statement of an enclosing block tests it (`if
  ///   (l.empty()) return;`, `cv.wait(lock, [&] { return !q.empty(); });`),
  ///   puts an element into it (`l.push_back(x);`), or declares it with
  ///   elements, and no `object.clear();` comes between.
  static bool shown_not_empty(const clang::Stmt& call, const clang::Expr* object, RuleContext& ctx) {
    const llvm::ArrayRef<const clang::Stmt*> parents = ctx.stmt_parents();
    const clang::Stmt* child = &call;
    for (size_t i = parents.size(); i-- > 0; child = parents[i]) {
      const clang::Stmt* parent = parents[i];
      if (const auto* s = llvm::dyn_cast<clang::IfStmt>(parent)) {
        if ((child == s->getThen() || child == s->getElse()) &&
            (tests_emptiness(s->getCond(), object, ctx) || tests_emptiness(s->getInit(), object, ctx) ||
             tests_emptiness(s->getConditionVariableDeclStmt(), object, ctx))) {
          return true;
        }
      } else if (const auto* s = llvm::dyn_cast<clang::WhileStmt>(parent)) {
        if (child == s->getBody() && tests_emptiness(s->getCond(), object, ctx)) return true;
      } else if (const auto* s = llvm::dyn_cast<clang::ForStmt>(parent)) {
        if ((child == s->getBody() || child == s->getInc()) && tests_emptiness(s->getCond(), object, ctx)) {
          return true;
        }
      } else if (const auto* s = llvm::dyn_cast<clang::CXXForRangeStmt>(parent)) {
        if (child == s->getBody() && s->getRangeInit() != nullptr &&
            same_container(s->getRangeInit(), object, ctx)) {
          return true;
        }
      } else if (const auto* s = llvm::dyn_cast<clang::AbstractConditionalOperator>(parent)) {
        if (child != s->getCond() && tests_emptiness(s->getCond(), object, ctx)) return true;
      } else if (const auto* s = llvm::dyn_cast<clang::BinaryOperator>(parent)) {
        if (s->isLogicalOp() && child == s->getRHS() && tests_emptiness(s->getLHS(), object, ctx)) return true;
      } else if (const auto* block = llvm::dyn_cast<clang::CompoundStmt>(parent)) {
        const clang::Stmt* const* at = llvm::find(block->body(), child);
        if (at == block->body_end()) continue;
        for (const clang::Stmt* const* it = at; it != block->body_begin();) {
          const clang::Stmt* earlier = *--it;
          if (clears(earlier, object, ctx)) return false;
          if (inserts_into(earlier, object, ctx) || guards(earlier, object, ctx)) return true;
        }
      }
    }
    return false;
  }

  /// std::array<T, N> with N > 0, std::span<T, N> with a static extent
  /// N > 0: data() always points at an element.
  static bool never_empty(const clang::CXXRecordDecl* record) {
    const auto* spec = llvm::dyn_cast<clang::ClassTemplateSpecializationDecl>(record);
    if (spec == nullptr || spec->getTemplateArgs().size() < 2) return false;
    const clang::TemplateArgument& size = spec->getTemplateArgs()[1];
    if (size.getKind() != clang::TemplateArgument::Integral) return false;
    const llvm::APSInt value = size.getAsIntegral();
    return value.getBoolValue() && !value.isAllOnes();  // std::dynamic_extent is size_t(-1)
  }

  /// A container that owns its elements: two different ones never share
  /// storage (two std::span / std::string_view / subranges may view one
  /// buffer, and a range from one to the other can be fine).
  static bool is_owning_container(const clang::CXXRecordDecl* record) {
    return is_std_class(record, {"vector", "deque", "list", "forward_list", "basic_string", "array", "set",
                                 "multiset", "map", "multimap", "unordered_set", "unordered_multiset",
                                 "unordered_map", "unordered_multimap", "inplace_vector"});
  }

  /// A callee the iterator-pair and position checks look at: a function,
  /// constructor or member function of the standard library, except the
  /// plain holders (std::pair, std::tuple, std::make_pair ...), which keep
  /// two iterators without making a range of them.
  static bool is_std_callee(const clang::FunctionDecl* fn) {
    if (fn == nullptr || !declared_in_std(fn)) return false;
    if (fn->getIdentifier() != nullptr &&
        llvm::is_contained({"make_pair", "make_tuple", "tie", "forward_as_tuple", "swap", "exchange"},
                           fn->getName())) {
      return false;
    }
    if (const auto* method = llvm::dyn_cast<clang::CXXMethodDecl>(fn)) {
      if (is_std_class(method->getParent(), {"pair", "tuple", "optional", "variant", "function", "move_only_function"})) {
        return false;
      }
    }
    return true;
  }

  enum class IteratorEnd { none, begin, end, rbegin, rend };

  struct IteratorOf {
    IteratorEnd which = IteratorEnd::none;
    const clang::Expr* object = nullptr;              // the container expression
    const clang::CXXRecordDecl* container = nullptr;  // its class
  };

  /// `x.begin()`, `x.cend()`, `std::rbegin(x)`, ... seen through the
  /// iterator's copies and conversions (iterator to const_iterator).
  static IteratorOf iterator_of(const clang::Expr* e) {
    for (int depth = 0; depth < 6 && e != nullptr; ++depth) {
      e = e->IgnoreImplicit()->IgnoreParens();
      const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(e);
      if (construct == nullptr || construct->getNumArgs() != 1) break;
      e = construct->getArg(0);
    }
    if (e == nullptr) return {};
    llvm::StringRef name;
    const clang::Expr* object = nullptr;
    const clang::CXXRecordDecl* container = nullptr;
    if (const auto* member = llvm::dyn_cast<clang::CXXMemberCallExpr>(e)) {
      const clang::CXXMethodDecl* method = member->getMethodDecl();
      if (method == nullptr || method->getIdentifier() == nullptr || !declared_in_std(method->getParent())) return {};
      name = method->getName();
      object = member->getImplicitObjectArgument();
      container = method->getParent();
    } else if (const auto* call = llvm::dyn_cast<clang::CallExpr>(e)) {
      const clang::FunctionDecl* fn = call->getDirectCallee();
      if (fn == nullptr || fn->getIdentifier() == nullptr || !declared_in_std(fn) || call->getNumArgs() != 1) return {};
      if (llvm::isa<clang::CXXOperatorCallExpr>(call) || fn->getDeclContext()->isRecord()) return {};
      name = fn->getName();
      object = call->getArg(0);
      container = object->getType().getNonReferenceType()->getAsCXXRecordDecl();
    } else {
      return {};
    }
    IteratorEnd which = IteratorEnd::none;
    if (name == "begin" || name == "cbegin") which = IteratorEnd::begin;
    if (name == "end" || name == "cend") which = IteratorEnd::end;
    if (name == "rbegin" || name == "crbegin") which = IteratorEnd::rbegin;
    if (name == "rend" || name == "crend") which = IteratorEnd::rend;
    if (which == IteratorEnd::none) return {};
    return {which, object, container};
  }

  /// iterator_of, and `c.begin() + c.size()` (also `std::next(c.begin(),
  /// c.size())`, `c.rbegin() + c.size()`) as the end it is: `*(v.begin() +
  /// v.size())` reads past the elements as `*v.end()` does.
  static IteratorOf iterator_or_sized_end(const clang::Expr* e) {
    const IteratorOf it = iterator_of(e);
    if (it.which != IteratorEnd::none || e == nullptr) return it;
    e = e->IgnoreImplicit()->IgnoreParens();
    for (int depth = 0; depth < 4; ++depth) {  // copies of the iterator
      const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(e);
      if (construct == nullptr || construct->getNumArgs() != 1) break;
      e = construct->getArg(0)->IgnoreImplicit()->IgnoreParens();
    }
    const std::optional<IteratorStep> step = iterator_step(e);
    if (!step || step->backward) return {};
    IteratorOf from = iterator_of(step->base);
    if (from.which != IteratorEnd::begin && from.which != IteratorEnd::rbegin) return {};
    const auto* size = llvm::dyn_cast<clang::CXXMemberCallExpr>(step->offset->IgnoreParenImpCasts());
    const clang::CXXMethodDecl* method = size != nullptr ? size->getMethodDecl() : nullptr;
    if (method == nullptr || method->getIdentifier() == nullptr ||
        (method->getName() != "size" && method->getName() != "length") ||
        !same_object(size->getImplicitObjectArgument(), from.object)) {
      return {};
    }
    from.which = from.which == IteratorEnd::begin ? IteratorEnd::end : IteratorEnd::rend;
    return from;
  }

  /// The last element's iterator taken straight from a container:
  /// `std::prev(x.end())`, `x.end() - 1`, as the begin()/rbegin() of
  /// iterator_of with `which` = begin (one element in from an end).
  IteratorOf last_element_iterator(const clang::Expr* e, RuleContext& ctx) {
    e = e->IgnoreImplicit()->IgnoreParens();
    for (int depth = 0; depth < 4; ++depth) {
      const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(e);
      if (construct == nullptr || construct->getNumArgs() != 1) break;
      e = construct->getArg(0)->IgnoreImplicit()->IgnoreParens();
    }
    const std::optional<IteratorStep> step = iterator_step(e);
    if (!step || !step->backward) return {};
    const std::optional<llvm::APSInt> by = known_integer(step->offset, ctx);
    if (!by || *by != 1) return {};
    IteratorOf end = iterator_of(step->base);
    if (end.which != IteratorEnd::end) return {};
    end.which = IteratorEnd::begin;
    return end;
  }

  /// `std::max_element(c.begin(), c.end())` (or min_element, with or
  /// without a comparator) over the whole of one container: on an empty one
  /// it gives end(), so reading through it is reading through c.begin()
  /// (returned as that begin()) with the same need to show c is not empty.
  static std::pair<IteratorOf, llvm::StringRef> extremum_of_whole(const clang::Expr* e) {
    e = e->IgnoreImplicit()->IgnoreParens();
    for (int depth = 0; depth < 4; ++depth) {  // copies of the iterator
      const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(e);
      if (construct == nullptr || construct->getNumArgs() != 1) break;
      e = construct->getArg(0)->IgnoreImplicit()->IgnoreParens();
    }
    // `std::ranges::max_element(v)`: operator() of the niebloid, the range
    // whole (a named container) as its one argument after the object.
    if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(e);
        op != nullptr && op->getOperator() == clang::OO_Call && op->getNumArgs() >= 2) {
      const auto* object = llvm::dyn_cast<clang::DeclRefExpr>(op->getArg(0)->IgnoreImplicit()->IgnoreParens());
      const auto* niebloid = object != nullptr ? llvm::dyn_cast<clang::VarDecl>(object->getDecl()) : nullptr;
      if (niebloid == nullptr || niebloid->getIdentifier() == nullptr || !declared_in_std_ranges(niebloid) ||
          (niebloid->getName() != "max_element" && niebloid->getName() != "min_element")) {
        return {};
      }
      // `(s.begin(), s.end())`, as for std::max_element.
      if (op->getNumArgs() >= 3) {
        const IteratorOf first = iterator_of(op->getArg(1));
        const IteratorOf last = iterator_of(op->getArg(2));
        if (first.which == IteratorEnd::begin && last.which == IteratorEnd::end && first.object != nullptr &&
            same_object(first.object, last.object)) {
          return {first, niebloid->getName()};
        }
      }
      const clang::Expr* range = op->getArg(1)->IgnoreParenImpCasts();
      const clang::CXXRecordDecl* container = range->getType().getNonReferenceType()->getAsCXXRecordDecl();
      if (!llvm::isa<clang::DeclRefExpr, clang::MemberExpr>(range) || !is_owning_container(container)) return {};
      return {{IteratorEnd::begin, range, container}, niebloid->getName()};
    }
    const auto* call = llvm::dyn_cast<clang::CallExpr>(e);
    const clang::FunctionDecl* callee = call != nullptr ? call->getDirectCallee() : nullptr;
    if (callee == nullptr || callee->getIdentifier() == nullptr || !callee->isInStdNamespace() ||
        llvm::isa<clang::CXXMethodDecl>(callee) ||
        (callee->getName() != "max_element" && callee->getName() != "min_element") || call->getNumArgs() < 2) {
      return {};
    }
    const IteratorOf first = iterator_of(call->getArg(0));
    const IteratorOf last = iterator_of(call->getArg(1));
    if (first.which != IteratorEnd::begin || last.which != IteratorEnd::end || first.object == nullptr ||
        !same_object(first.object, last.object)) {
      return {};
    }
    return {first, callee->getName()};
  }

  /// The first element an algorithm's iterator argument starts at:
  /// `x.begin()`, `x.rbegin()` (iterator_of), or the pointer `x.data()` of
  /// a standard container, which is its begin() as a raw pointer.
  static IteratorOf start_of(const clang::Expr* e) {
    const IteratorOf it = iterator_of(e);
    if (it.which != IteratorEnd::none) return it;
    const auto* call = llvm::dyn_cast<clang::CXXMemberCallExpr>(e->IgnoreParenImpCasts());
    const clang::CXXMethodDecl* method = call != nullptr ? call->getMethodDecl() : nullptr;
    if (method == nullptr || method->getIdentifier() == nullptr || method->getName() != "data" ||
        call->getNumArgs() != 0 || !declared_in_std(method->getParent())) {
      return {};
    }
    return {IteratorEnd::begin, call->getImplicitObjectArgument(), method->getParent()};
  }

  /// `slash - a.begin()` where `slash` walks another container (`auto
  /// slash = std::find(b.begin(), b.end(), '/')`), `b.end() - a.begin()`:
  /// the distance between iterators of two different containers is
  /// undefined, a meaningless number that the code goes on to use as a
  /// length or an offset (Juliet CWE-469, pointer subtraction to determine
  /// size). Only named owning containers are compared, as for iterator
  /// pairs (two views may share one buffer).
  ///
  /// Likewise a comparison of two such iterators (CERT CTR54-CPP): `it !=
  /// b.end()` where `it` walks `a` never holds where the loop expects it
  /// to, and the walk runs off `a`.
  void check_iterator_difference(const clang::Stmt& stmt, RuleContext& ctx) {
    const clang::Expr* left = nullptr;
    const clang::Expr* right = nullptr;
    bool compares = false;
    if (const auto* binary = llvm::dyn_cast<clang::BinaryOperator>(&stmt);
        binary != nullptr && (binary->getOpcode() == clang::BO_Sub || binary->isComparisonOp())) {
      left = binary->getLHS();
      right = binary->getRHS();
      compares = binary->isComparisonOp();
    } else if (const auto* rewritten = llvm::dyn_cast<clang::CXXRewrittenBinaryOperator>(&stmt)) {
      // `a != b`, `a < b` in C++20, rewritten from == or <=>: its own
      // operands (the call it stands for is not judged again, below).
      left = rewritten->getLHS();
      right = rewritten->getRHS();
      compares = true;
    } else if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(&stmt);
               op != nullptr && op->getNumArgs() == 2 &&
               (op->getOperator() == clang::OO_Minus || op->isComparisonOp())) {
      if (op->isComparisonOp() && llvm::isa_and_nonnull<clang::CXXRewrittenBinaryOperator>(ctx.parent_ignoring_implicit())) {
        return;
      }
      left = op->getArg(0);
      right = op->getArg(1);
      compares = op->isComparisonOp();
    }
    if (left == nullptr || left->getType()->isIntegerType() || right->getType()->isIntegerType() ||
        left->isTypeDependent() || right->isTypeDependent()) {
      return;
    }
    const IteratorOf a = walked_container(left);
    const IteratorOf b = walked_container(right);
    if (a.object == nullptr || b.object == nullptr || !is_owning_container(a.container) ||
        !is_owning_container(b.container) || is_temporary(a.object) || is_temporary(b.object) ||
        same_object(a.object, b.object) || same_container(a.object, b.object, ctx)) {
      return;
    }
    const std::string first = object_name(a.object, ctx);
    const std::string second = object_name(b.object, ctx);
    if (first == second) return;  // one spelling: taken to be one container
    if (compares) {
      ctx.report.error(stmt.getBeginLoc(), kName,
                       "this compares an iterator of '" + first + "' with one of '" + second +
                           "': iterators of two containers are not comparable (undefined), and a loop or bound "
                           "check built on the comparison walks out of the container; compare with '" + first +
                           ".end()' (or the bound of the container the iterator walks)")
          << stmt.getSourceRange();
      return;
    }
    ctx.report.error(stmt.getBeginLoc(), kName,
                     "this subtracts an iterator of '" + second + "' from one of '" + first +
                         "': the distance between two containers' iterators is undefined, and used as a length or "
                         "an offset it walks out of both; subtract iterators of one container (`it - " + first +
                         ".begin()`), or search the container you measure")
        << stmt.getSourceRange();
  }

  /// The named container an iterator expression walks: `c.begin()`,
  /// `c.end()`, ... (iterator_of), `c.find(x)` / `c.lower_bound(x)` /
  /// `c.upper_bound(x)`, a std algorithm's result over `(c.begin(),
  /// c.end())` (`std::find`, `std::search`, `std::max_element`, ...), also
  /// through local iterators that nothing moves (`auto slash =
  /// std::find(b.begin(), b.end(), '/');`).
  IteratorOf walked_container(const clang::Expr* e) {
    for (int depth = 0; depth < 4 && e != nullptr; ++depth) {
      const IteratorOf it = iterator_of(e);
      if (it.which != IteratorEnd::none) return it;
      const clang::Expr* bare = e->IgnoreImplicit()->IgnoreParens();
      if (const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(bare);
          construct != nullptr && construct->getNumArgs() == 1) {
        bare = construct->getArg(0)->IgnoreImplicit()->IgnoreParens();  // a copy, iterator to const_iterator
      }
      if (const auto* member = llvm::dyn_cast<clang::CXXMemberCallExpr>(bare)) {
        const clang::CXXMethodDecl* method = member->getMethodDecl();
        if (method != nullptr && method->getIdentifier() != nullptr &&
            llvm::is_contained({"find", "lower_bound", "upper_bound"}, method->getName()) &&
            is_owning_container(method->getParent())) {
          return {IteratorEnd::begin, member->getImplicitObjectArgument(), method->getParent()};
        }
        return {};
      }
      if (const auto* call = llvm::dyn_cast<clang::CallExpr>(bare); call != nullptr && call->getNumArgs() >= 2) {
        const clang::FunctionDecl* callee = call->getDirectCallee();
        // Algorithms that return a position in the range they search (not
        // std::copy & co., whose result is in their output).
        if (callee == nullptr || !declared_in_std(callee) || llvm::isa<clang::CXXMethodDecl>(callee) ||
            callee->getIdentifier() == nullptr ||
            !llvm::is_contained({"find", "find_if", "find_if_not", "find_end", "find_first_of", "adjacent_find",
                                 "search", "search_n", "lower_bound", "upper_bound", "partition_point",
                                 "max_element", "min_element", "is_sorted_until", "is_heap_until", "remove",
                                 "remove_if", "unique", "partition", "stable_partition"},
                                callee->getName())) {
          return {};
        }
        const IteratorOf from = iterator_of(call->getArg(0));
        const IteratorOf to = iterator_of(call->getArg(1));
        // The result is an iterator into the searched range only when it is of its type.
        if (from.which != IteratorEnd::begin || to.which != IteratorEnd::end || from.object == nullptr ||
            !same_object(from.object, to.object) ||
            !same_unqualified_type(call->getType(), call->getArg(0)->getType())) {
          return {};
        }
        return from;
      }
      const clang::VarDecl* var = local_iterator_var(bare);
      if (var == nullptr || !stays_in_its_container(*var)) return {};
      e = var->getInit();
    }
    return {};
  }

  static bool same_unqualified_type(clang::QualType a, clang::QualType b) {
    return a.getCanonicalType().getUnqualifiedType() == b.getCanonicalType().getUnqualifiedType();
  }

  /// `x.begin()`, `x.end()`, ... also through the chain of local copies
  /// that hold it (`auto last = v.end(); auto copy = last;`) when nothing in
  /// the function moves any of them; the second member is the first local
  /// of that chain (nullptr when `e` names the end() call itself).
  std::pair<IteratorOf, const clang::VarDecl*> held_iterator(const clang::Expr* e) {
    IteratorOf end = iterator_or_sized_end(e);
    if (end.which != IteratorEnd::none) return {end, nullptr};
    // Followed first, cheaply; only then is each local checked unmoved.
    llvm::SmallVector<const clang::VarDecl*, 4> chain;
    for (const clang::VarDecl* var = local_iterator_var(e); var != nullptr && chain.size() < 4;) {
      chain.push_back(var);
      end = iterator_or_sized_end(var->getInit());
      var = end.which == IteratorEnd::none ? local_iterator_var(var->getInit()) : nullptr;
    }
    if (end.which == IteratorEnd::none ||
        !std::all_of(chain.begin(), chain.end(), [&](const clang::VarDecl* var) { return is_unmoved(*var); })) {
      return {};
    }
    return {end, chain.front()};
  }

  /// The object a container expression names, seen through local references
  /// initialised from a named object (`auto& r = a;` is `a`): a variable,
  /// a parameter, a binding, or a member of such or of `this`. nullptr when
  /// it is anything else (a call, an element, a reference initialised from
  /// a call), whose identity is not known here.
  static const clang::Expr* named_object(const clang::Expr* e, int depth = 0) {
    if (e == nullptr || depth > 8) return nullptr;
    e = e->IgnoreParenImpCasts();
    if (const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(e)) {
      const auto* var = llvm::dyn_cast<clang::VarDecl>(ref->getDecl());
      if (var == nullptr) return llvm::isa<clang::BindingDecl>(ref->getDecl()) ? e : nullptr;
      if (!var->getType()->isReferenceType() || llvm::isa<clang::ParmVarDecl>(var)) return e;
      return var->getInit() != nullptr ? named_object(var->getInit(), depth + 1) : nullptr;
    }
    if (const auto* member = llvm::dyn_cast<clang::MemberExpr>(e)) {
      if (!llvm::isa<clang::FieldDecl>(member->getMemberDecl())) return nullptr;
      const clang::Expr* base = member->getBase()->IgnoreParenImpCasts();
      if (llvm::isa<clang::CXXThisExpr>(base)) return e;
      if (member->isArrow()) return nullptr;
      return named_object(base, depth + 1) != nullptr ? e : nullptr;
    }
    return nullptr;
  }

  /// A container that is a temporary made right here: a prvalue, such as
  /// the result of a call returning by value (not by reference), a
  /// construction, a braced list. No other expression names the same object.
  static bool is_temporary(const clang::Expr* e) {
    if (e == nullptr) return false;
    e = e->IgnoreImplicit()->IgnoreParens();
    return e->isPRValue() && e->getType()->isRecordType();
  }

  /// Two named objects that are certainly different: different variables
  /// or members (a member of two different variables, two members of one).
  static bool different_objects(const clang::Expr* a, const clang::Expr* b) {
    if (named_object(a) == nullptr || named_object(b) == nullptr) return false;
    return !same_object(a, b);
  }



  static std::string object_name(const clang::Expr* e, RuleContext& ctx) {
    const clang::CharSourceRange range = clang::CharSourceRange::getTokenRange(e->getSourceRange());
    const llvm::StringRef text = clang::Lexer::getSourceText(range, ctx.ast.getSourceManager(), ctx.ast.getLangOpts());
    if (!text.empty() && text.size() < 60) return text.str();
    if (const clang::ValueDecl* decl = named_decl(e)) return decl->getNameAsString();
    return "the container";
  }

  /// `a.insert(b.begin(), x)`, `a.erase(b.begin())`: a position that is an
  /// iterator of another container (the library does not check it: it
  /// writes into `b`'s storage as if it were `a`'s); `v.erase(v.end())`:
  /// erasing the end, which the library does not check either (size()
  /// wraps around and every later bounds check of v passes).
  void check_position_argument(const clang::CXXMemberCallExpr& call, RuleContext& ctx) {
    const clang::CXXMethodDecl* method = call.getMethodDecl();
    if (method == nullptr || method->getIdentifier() == nullptr || call.getNumArgs() < 1 ||
        method->getNumParams() < 1 || !declared_in_std(method->getParent())) {
      return;
    }
    const llvm::StringRef fn = method->getName();
    if (!llvm::is_contained({"insert", "emplace", "emplace_hint", "erase", "insert_after", "emplace_after",
                             "erase_after", "splice", "splice_after", "extract"},
                            fn)) {
      return;
    }
    if (fn == "splice" || fn == "splice_after") check_splice_source(call, ctx);
    // The position parameter is the container's own iterator type (not
    // set::insert(first, last), nor map::erase(key)).
    const auto* alias = method->getParamDecl(0)->getType().getNonReferenceType()->getAs<clang::TypedefType>();
    if (alias == nullptr || alias->getDecl()->getIdentifier() == nullptr ||
        !llvm::is_contained({"iterator", "const_iterator", "__const_iterator"}, alias->getDecl()->getName())) {
      return;
    }
    IteratorOf position = iterator_of(call.getArg(0));
    // `auto it = b.find(k); a.erase(it);`: a local iterator (or a search's
    // result) is known only by the container it walks, not by where in it.
    const bool only_container = position.which == IteratorEnd::none;
    if (only_container) position = walked_container(call.getArg(0));
    if (position.which == IteratorEnd::none || position.container != method->getParent() ||
        !is_owning_container(position.container)) {
      return;
    }
    const clang::Expr* object = call.getImplicitObjectArgument();
    if (different_objects(object, position.object)) {
      ctx.report.error(call.getArg(0)->getBeginLoc(), kName,
                       "the position given to '" + fn.str() + "' is an iterator of '" +
                           object_name(position.object, ctx) + "', not of '" + object_name(object, ctx) +
                           "': the standard library does not check it and the call " +
                           (fn == "extract" ? std::string("unlinks the other container's node as if it were this "
                                                          "one's (both then free it)")
                                            : std::string("writes into the other container's storage")) +
                           "; take the position from '" + object_name(object, ctx) + "' itself")
          << call.getArg(0)->getSourceRange();
      return;
    }
    if (fn == "erase" && call.getNumArgs() == 1 && !only_container && position.which == IteratorEnd::end &&
        named_object(object) != nullptr && !different_objects(object, position.object) &&
        named_object(position.object) != nullptr) {
      ctx.report.error(call.getArg(0)->getBeginLoc(), kName,
                       "erasing end() is not checked by the standard library: there is no element there, the "
                       "size wraps around and every later bounds check of the container passes; erase the last "
                       "element after testing !empty(): pop_back(), or erase(end() - 1)")
          << call.getArg(0)->getSourceRange();
    }
  }

  /// `a.splice(pos, b, c.begin())`, `a.splice(pos, b, c.begin(), c.end())`:
  /// the nodes to move must be `b`'s, the list named as the source; the
  /// library unlinks them from wherever they are and takes their count off
  /// `b`'s size (which wraps around). `a.splice(pos, b, b.end())`: end() is
  /// the list's own header node, not an element (also splice_after).
  void check_splice_source(const clang::CXXMemberCallExpr& call, RuleContext& ctx) {
    if (call.getNumArgs() < 3) return;
    const clang::CXXRecordDecl* record = call.getMethodDecl()->getParent();
    const clang::Expr* source = call.getArg(1)->IgnoreImplicit()->IgnoreParens();
    if (flow::is_std_move_call(source)) source = llvm::cast<clang::CallExpr>(source)->getArg(0);
    const std::string fn = call.getMethodDecl()->getNameAsString();
    for (unsigned i = 2; i < call.getNumArgs(); ++i) {
      const IteratorOf from = iterator_of(call.getArg(i));
      if (from.which == IteratorEnd::none || from.container != record) continue;
      if (different_objects(source, from.object)) {
        ctx.report.error(call.getArg(i)->getBeginLoc(), kName,
                         "the iterator given to '" + fn + "' is an iterator of '" + object_name(from.object, ctx) +
                             "', not of '" + object_name(source, ctx) +
                             "', the list the elements are taken from: the standard library does not check it; "
                             "the nodes are unlinked from '" + object_name(from.object, ctx) +
                             "' while the size of '" + object_name(source, ctx) +
                             "' goes down (it wraps around), and both lists then free them; take the iterators "
                             "from '" + object_name(source, ctx) + "', or splice from '" +
                             object_name(from.object, ctx) + "' itself")
            << call.getArg(i)->getSourceRange();
        return;
      }
      if (call.getNumArgs() == 3 && from.which == IteratorEnd::end && named_object(source) != nullptr &&
          named_object(from.object) != nullptr) {
        ctx.report.error(call.getArg(i)->getBeginLoc(), kName,
                         "'" + object_name(call.getArg(i), ctx) + "' given to '" + fn +
                             "' as the element to move is no element: it is the list's own header node, which "
                             "the call moves into the other list (the standard library does not check it); "
                             "give an iterator to an element, after testing !" + object_name(source, ctx) +
                             ".empty()")
            << call.getArg(i)->getSourceRange();
        return;
      }
    }
  }

  /// `std::sort(a.begin(), b.end())`, `std::vector<int> c(a.begin(),
  /// b.end())`, `std::span<int> s(a.begin(), b.end())`: two adjacent
  /// arguments that are the begin of one named container and the end of
  /// another make no range; the library walks from one container off into
  /// memory it does not own. (a.end(), b.begin()) is no pair: it is where
  /// one range ends and the next (an output) starts, as in std::copy.
  void check_iterator_pairs(llvm::ArrayRef<const clang::Expr*> args, RuleContext& ctx) {
    for (size_t i = 0; i + 1 < args.size(); ++i) {
      const IteratorOf first = iterator_of(args[i]);
      if (first.which != IteratorEnd::begin && first.which != IteratorEnd::rbegin) continue;
      const IteratorOf last = iterator_of(args[i + 1]);
      const IteratorEnd expected = first.which == IteratorEnd::begin ? IteratorEnd::end : IteratorEnd::rend;
      if (last.which != expected || !is_owning_container(first.container) || !is_owning_container(last.container)) {
        continue;
      }
      // names().begin(), names().end() with names() returning a copy: each
      // call makes its own temporary container.
      if (is_temporary(first.object) || is_temporary(last.object)) {
        const clang::Expr* temporary = is_temporary(first.object) ? first.object : last.object;
        ctx.report.error(args[i]->getBeginLoc(), kName,
                         "this range starts in '" + object_name(first.object, ctx) + "' and ends in '" +
                             object_name(last.object, ctx) + "', but '" + object_name(temporary, ctx) +
                             "' is a temporary container (a copy returned by value), a new one at every call: "
                             "the two ends are in different objects, and the walk from one runs off into "
                             "memory the other does not own; store the container in a local variable first "
                             "(`const auto copy = ...;`) and take both ends from it")
            << clang::SourceRange(args[i]->getBeginLoc(), args[i + 1]->getEndLoc());
        continue;
      }
      if (!different_objects(first.object, last.object)) continue;
      ctx.report.error(args[i]->getBeginLoc(), kName,
                       "this range starts in '" + object_name(first.object, ctx) + "' and ends in '" +
                           object_name(last.object, ctx) +
                           "', another container: nothing checks the pair, and the walk from one runs off into "
                           "memory the other does not own; take both ends from the same container, or pass the "
                           "container itself as a range")
          << clang::SourceRange(args[i]->getBeginLoc(), args[i + 1]->getEndLoc());
    }
  }

  /// The sorting algorithm `call` runs whose unguarded loops rely on a
  /// strict weak order: std::sort and std::nth_element (libstdc++'s
  /// __unguarded_partition / __unguarded_linear_insert stop only where the
  /// comparator says false, and run past the range's ends when it says true
  /// for equal elements), also as std::ranges:: niebloids. Empty otherwise.
  static std::string unguarded_sort_name(const clang::CallExpr& call) {
    const auto named = [](const clang::NamedDecl* d) -> std::string {
      if (d == nullptr || d->getIdentifier() == nullptr) return {};
      const llvm::StringRef name = d->getName();
      if (name != "sort" && name != "nth_element") return {};
      const auto* ns = llvm::dyn_cast<clang::NamespaceDecl>(d->getDeclContext()->getRedeclContext());
      if (ns == nullptr) return {};
      if (ns->isStdNamespace()) return "std::" + name.str();
      const auto* outer = llvm::dyn_cast<clang::NamespaceDecl>(ns->getDeclContext()->getRedeclContext());
      if (ns->getName() == "ranges" && outer != nullptr && outer->isStdNamespace()) return "std::ranges::" + name.str();
      return {};
    };
    if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(&call)) {
      // std::ranges::sort(...): operator() of the object std::ranges::sort.
      if (op->getNumArgs() < 1) return {};
      const auto* object = llvm::dyn_cast<clang::DeclRefExpr>(op->getArg(0)->IgnoreImplicit()->IgnoreParens());
      return object != nullptr ? named(object->getDecl()) : std::string();
    }
    if (const clang::FunctionDecl* fn = call.getDirectCallee()) return named(fn);
    // In a template: std::ranges::sort(v, ...) with a dependent argument.
    if (const auto* object = llvm::dyn_cast<clang::DeclRefExpr>(call.getCallee()->IgnoreParenImpCasts());
        object != nullptr && llvm::isa<clang::VarDecl>(object->getDecl())) {
      return named(object->getDecl());
    }
    // In a template: `std::sort(v.begin(), v.end(), ...)` with dependent arguments.
    if (const auto* lookup = llvm::dyn_cast<clang::UnresolvedLookupExpr>(call.getCallee()->IgnoreParenImpCasts())) {
      std::string found;
      for (const clang::NamedDecl* d : lookup->decls()) {
        const clang::NamedDecl* target = d->getUnderlyingDecl();
        if (const auto* tmpl = llvm::dyn_cast<clang::FunctionTemplateDecl>(target)) target = tmpl->getTemplatedDecl();
        std::string name = named(target);
        if (name.empty() || (!found.empty() && name != found)) return {};
        found = name;
      }
      return found;
    }
    return {};
  }

  /// std::less_equal / std::greater_equal (also std::ranges::, and
  /// `std::greater_equal<T>` in a template): its class or template.
  static const clang::NamedDecl* non_strict_function_object(clang::QualType type) {
    type = type.getNonReferenceType();
    const clang::NamedDecl* decl = type->getAsCXXRecordDecl();
    if (const auto* spec = type->getAs<clang::TemplateSpecializationType>(); spec != nullptr && decl == nullptr) {
      decl = spec->getTemplateName().getAsTemplateDecl();
    }
    if (decl == nullptr || decl->getIdentifier() == nullptr || !declared_in_std(decl)) return nullptr;
    return decl->getName() == "less_equal" || decl->getName() == "greater_equal" ? decl : nullptr;
  }

  /// The comparison that makes a comparator non-strict: the `a >= b` /
  /// `a <= b` a two-parameter lambda returns as its only statement (written
  /// in place, or a local variable initialised with it), or the comparator
  /// object itself when it is std::less_equal / std::greater_equal (also
  /// std::ranges::). nullptr for anything else.
  static const clang::Expr* non_strict_comparison(const clang::Expr* arg) {
    const clang::Expr* e = arg->IgnoreImplicit()->IgnoreParens();
    for (int depth = 0; depth < 4; ++depth) {
      if (const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(e);
          construct != nullptr && construct->getNumArgs() == 1 && !llvm::isa<clang::CXXTemporaryObjectExpr>(e)) {
        e = construct->getArg(0)->IgnoreImplicit()->IgnoreParens();
        continue;
      }
      const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(e);
      const auto* var = ref != nullptr ? llvm::dyn_cast<clang::VarDecl>(ref->getDecl()) : nullptr;
      if (var == nullptr || !var->isLocalVarDecl() || var->getInit() == nullptr ||
          !llvm::isa<clang::LambdaExpr>(var->getInit()->IgnoreImplicit()->IgnoreParens())) {
        break;
      }
      e = var->getInit()->IgnoreImplicit()->IgnoreParens();
    }
    if (!llvm::isa<clang::LambdaExpr>(e) && non_strict_function_object(e->getType()) != nullptr) return e;
    const auto* lambda = llvm::dyn_cast<clang::LambdaExpr>(e);
    if (lambda == nullptr) return nullptr;
    const clang::CXXMethodDecl* call = lambda->getCallOperator();
    if (call == nullptr || call->getNumParams() != 2) return nullptr;
    const clang::Expr* value = flow::only_returned_value(lambda->getBody());
    if (value == nullptr) return nullptr;
    value = value->IgnoreImplicit()->IgnoreParens();
    if (const auto* binary = llvm::dyn_cast<clang::BinaryOperator>(value)) {
      return binary->getOpcode() == clang::BO_GE || binary->getOpcode() == clang::BO_LE ? binary : nullptr;
    }
    if (const auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(value)) {
      return op->getOperator() == clang::OO_GreaterEqual || op->getOperator() == clang::OO_LessEqual ? op : nullptr;
    }
    // `a.name <= b.name` through operator<=> (C++20 rewritten comparison).
    if (const auto* rewritten = llvm::dyn_cast<clang::CXXRewrittenBinaryOperator>(value)) {
      return rewritten->getOpcode() == clang::BO_GE || rewritten->getOpcode() == clang::BO_LE ? rewritten : nullptr;
    }
    return nullptr;
  }

  /// `std::sort(v.begin(), v.end(), [](const Job& a, const Job& b) { return
  /// a.prio >= b.prio; })`: a comparator that is true for equal elements is
  /// no strict weak order, and std::sort / std::nth_element then read
  /// outside the range (not checked even under _GLIBCXX_ASSERTIONS).
  void check_sort_comparator(const clang::CallExpr& call, RuleContext& ctx) {
    const std::string algorithm = unguarded_sort_name(call);
    if (algorithm.empty()) return;
    const unsigned first = llvm::isa<clang::CXXOperatorCallExpr>(call) ? 1 : 0;
    for (unsigned i = first; i < call.getNumArgs(); ++i) {
      const clang::Expr* arg = call.getArg(i);
      const clang::Expr* comparison = non_strict_comparison(arg);
      if (comparison == nullptr) continue;
      const bool is_object =
          !llvm::isa<clang::BinaryOperator, clang::CXXOperatorCallExpr, clang::CXXRewrittenBinaryOperator>(comparison);
      bool greater = false;
      clang::SourceLocation at;
      if (is_object) {
        greater = non_strict_function_object(comparison->getType())->getName() == "greater_equal";
      } else if (const auto* binary = llvm::dyn_cast<clang::BinaryOperator>(comparison)) {
        greater = binary->getOpcode() == clang::BO_GE;
        at = binary->getOperatorLoc();
      } else if (const auto* rewritten = llvm::dyn_cast<clang::CXXRewrittenBinaryOperator>(comparison)) {
        greater = rewritten->getOpcode() == clang::BO_GE;
        at = rewritten->getOperatorLoc();
      } else {
        const auto* op = llvm::cast<clang::CXXOperatorCallExpr>(comparison);
        greater = op->getOperator() == clang::OO_GreaterEqual;
        at = op->getOperatorLoc();
      }
      const std::string used = is_object ? (greater ? "std::greater_equal" : "std::less_equal") : (greater ? "'>='" : "'<='");
      const std::string strict = is_object ? (greater ? "std::greater" : "std::less") : (greater ? "'>'" : "'<'");
      ctx.report.error(arg->getBeginLoc(), kName,
                       "this comparator compares with " + used +
                           ", which is not a strict weak order (it says an element comes before an equal one): "
                           "'" + algorithm + "' then reads outside the range (its unguarded loops rely on "
                           "comp(x, x) being false, and nothing checks them, not even -D_GLIBCXX_ASSERTIONS); "
                           "compare with " + strict + " instead")
          << arg->getSourceRange();
      if (at.isValid()) ctx.report.note(at, "the non-strict comparison is here");
    }
  }

  /// A const array of characters initialised from a string literal
  /// (`constexpr char kName[] = "svc";`, `static const char kHeader[16] =
  /// "GET ";`): a named literal. Its terminator is there and nothing can
  /// overwrite it, so what reads it up to the NUL stays inside, as for the
  /// literal itself.
  static bool is_constant_text_array(const clang::Expr* e) {
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
  static const clang::CXXConstructExpr* constructed_from_first(const clang::Expr& e, RuleContext& ctx) {
    for (const clang::Stmt* parent : llvm::reverse(ctx.stmt_parents())) {
      if (llvm::isa<clang::ImplicitCastExpr, clang::ParenExpr>(parent)) continue;
      const auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(parent);
      if (construct == nullptr || construct->getNumArgs() < 1) return nullptr;
      return construct->getArg(0)->IgnoreParenImpCasts() == e.IgnoreParenImpCasts() ? construct : nullptr;
    }
    return nullptr;
  }

  void check_decay(const clang::ImplicitCastExpr& e, RuleContext& ctx) {
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
    ctx.report.error(e.getExprLoc(), kName,
                     "this C array decays to a pointer that has lost its size, so what receives it cannot "
                     "check its bounds; use std::array or std::vector and pass the container (or a "
                     "reference to it) instead")
        << array->getSourceRange();
    note_declaration(array, "a C array", ctx);
  }
};

}  // namespace

std::unique_ptr<Rule> make_UnsafeBuffer() { return std::make_unique<UnsafeBuffer>(); }

}  // namespace meshwa::rules
