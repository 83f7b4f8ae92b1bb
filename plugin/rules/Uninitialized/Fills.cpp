// Statements that write the whole of an array or a struct: an index loop or a
// range-for over every element, std::fill / std::copy / memset and the like,
// and fields assigned one by one (`data.a = 1; data.b = 2;`).
#include "Uninitialized.h"
#include "Flow.h"
#include "TypeUtil.h"
#include "clang/Basic/Builtins.h"

namespace meshwa::rules::uninitialized {

/// `p.x = 1;` of a field of the target (`ps[i].x = 1;`, x not named on the
/// right): that field.
const clang::FieldDecl* assigned_field(const clang::Stmt* s, const FillTarget& target,
                                      const llvm::SmallPtrSetImpl<const clang::FieldDecl*>* ready) {
  const auto* e = llvm::dyn_cast<clang::Expr>(s);
  if (e == nullptr) return nullptr;
  const std::optional<Assignment> assignment = as_assignment(e->IgnoreImplicit()->IgnoreParens());
  if (!assignment) return nullptr;
  // `s.mean = s.count > 0 ? ... : 0.0;` after `s.count = n;`: the right side
  // reads a field that holds a value already.
  if (mentions(assignment->rhs, *target.var) &&
      (ready == nullptr || !target.indices.empty() || !reads_only_ready_fields(assignment->rhs, *target.var, *ready))) {
    return nullptr;
  }
  const auto* member = llvm::dyn_cast<clang::MemberExpr>(assignment->lhs->IgnoreParenImpCasts());
  if (member == nullptr || member->isArrow() || !target.is(member->getBase())) return nullptr;
  const auto* field = llvm::dyn_cast<clang::FieldDecl>(member->getMemberDecl());
  if (field == nullptr) return nullptr;
  if (assignment->overloaded != nullptr) {
    const auto* method = llvm::dyn_cast_or_null<clang::CXXMethodDecl>(assignment->overloaded->getDirectCallee());
    const bool plain = method != nullptr && (method->isTrivial() || method->isDefaulted());
    // `p.name = text.substr(0, n);`: std::string's operator= reads the
    // field it writes, which its own constructor built; it reads no other
    // field of p. A user operator= of a type with indeterminate fields
    // might read them: not counted.
    if (!plain && default_init_leaves_garbage(field->getType(), member->getMemberDecl()->getASTContext())) {
      return nullptr;
    }
  }
  return field;
}

/// Are all the fields of `type` (a class) that default-initialisation
/// leaves indeterminate among `assigned` (Juliet's `twoints data; data.a =
/// 1; data.b = 2;`)? A class without bases, not a union.
bool every_field_assigned(clang::QualType type, const llvm::SmallPtrSetImpl<const clang::FieldDecl*>& assigned,
                          clang::ASTContext& ast) {
  const clang::CXXRecordDecl* record = type->getAsCXXRecordDecl();
  if (record == nullptr || !record->hasDefinition() || record->isUnion() || record->getNumBases() != 0) return false;
  for (const clang::FieldDecl* field : record->fields()) {
    if (field->hasInClassInitializer() || !default_init_leaves_garbage(field->getType(), ast)) continue;
    if (field->isUnnamedBitField()) continue;
    if (assigned.count(field) == 0) return false;
  }
  return true;
}

/// Does `e` evaluate to `count`?
bool evaluates_to(const clang::Expr* e, uint64_t count, clang::ASTContext& ast) {
  clang::Expr::EvalResult value;
  if (e == nullptr || e->isValueDependent() || !e->EvaluateAsInt(value, ast)) return false;
  const llvm::APSInt& n = value.Val.getInt();
  return !n.isNegative() && n.getZExtValue() == count;
}

/// `f(target)` or `target.f()` for one of `names` (std::begin(a), a.end(),
/// std::size(a), a.data()): a std function or a member of std::array.
bool is_call_on_target(const clang::Expr* e, const FillTarget& target, std::initializer_list<llvm::StringRef> names) {
  e = e->IgnoreParenImpCasts();
  const auto* call = llvm::dyn_cast<clang::CallExpr>(e);
  const auto* fn = call != nullptr ? call->getDirectCallee() : nullptr;
  if (fn == nullptr || fn->getIdentifier() == nullptr || !declared_in_std(fn)) return false;
  if (llvm::find(names, fn->getName()) == names.end()) return false;
  if (const auto* member = llvm::dyn_cast<clang::CXXMemberCallExpr>(call)) {
    return member->getNumArgs() == 0 && target.is(member->getImplicitObjectArgument());
  }
  return call->getNumArgs() == 1 && target.is(call->getArg(0));
}

/// The first element of the target: `a` (decayed), std::begin(a),
/// a.begin(), a.data().
bool is_begin_of(const clang::Expr* e, const FillTarget& target) {
  return target.is(e) || is_call_on_target(e, target, {"begin", "data"});
}

/// Past its last element: std::end(a), a.end(), `a + N`, `a.data() + N`.
bool is_end_of(const clang::Expr* e, const FillTarget& target, uint64_t count, clang::ASTContext& ast) {
  if (is_call_on_target(e, target, {"end"})) return true;
  const auto* add = llvm::dyn_cast<clang::BinaryOperator>(e->IgnoreParenImpCasts());
  return add != nullptr && add->getOpcode() == clang::BO_Add && is_begin_of(add->getLHS(), target) &&
         evaluates_to(add->getRHS(), count, ast);
}

/// The start of the target's storage, as handed to a C function: `a`
/// (decayed), `&x`, `a.data()`.
bool is_start_of(const clang::Expr* e, const FillTarget& target) {
  e = e->IgnoreParenImpCasts();
  if (const auto* addr = llvm::dyn_cast<clang::UnaryOperator>(e); addr != nullptr && addr->getOpcode() == clang::UO_AddrOf) {
    e = addr->getSubExpr();
  }
  return target.is(e) || is_call_on_target(e, target, {"data"});
}

namespace {

/// A C function that writes the object its argument `index` points to:
/// all `size_index`'s bytes of it (memset, memcpy, snprintf's terminated
/// text), or all of it whatever it returns (va_start, clock_gettime,
/// sigemptyset: `size_index` empty).
struct OutArgument {
  unsigned index = 0;
  std::optional<unsigned> size_index;
};

std::optional<OutArgument> c_out_argument(const clang::FunctionDecl& fn, unsigned args) {
  switch (fn.getBuiltinID()) {
    case clang::Builtin::BI__builtin_va_start:
    case clang::Builtin::BI__va_start:
    case clang::Builtin::BI__builtin_va_copy:
      return OutArgument{0, std::nullopt};
    default:
      break;
  }
  if (fn.getIdentifier() == nullptr || !(is_c_library_function(fn) || declared_in_std(&fn))) return std::nullopt;
  const llvm::StringRef name = fn.getName();
  struct Known {
    llvm::StringRef name;
    unsigned args;
    OutArgument out;
  };
  static const Known known[] = {
      {"memset", 3, {0, 2}},          {"memcpy", 3, {0, 2}},         {"memmove", 3, {0, 2}},
      {"snprintf", 0, {0, 1}},        {"vsnprintf", 4, {0, 1}},      {"clock_gettime", 2, {1, std::nullopt}},
      {"gettimeofday", 2, {0, std::nullopt}}, {"timespec_get", 2, {0, std::nullopt}},
      {"sigemptyset", 1, {0, std::nullopt}},  {"sigfillset", 1, {0, std::nullopt}},
  };
  for (const Known& k : known) {
    // snprintf is variadic: at least the format.
    if (name == k.name && (k.args == 0 ? args >= 3 : args == k.args)) return k.out;
  }
  return std::nullopt;
}

/// The variable other than `target` that `object` names, whose element
/// count is fixed by its type (a std::array, a C array, a parameter
/// std::span of static extent), and that cannot be
/// the target under another name (a local reference may be bound to it,
/// `auto& alias = dst;`: copying its garbage onto itself; a parameter
/// cannot be): that count.
std::optional<uint64_t> fixed_source_size(const clang::Expr* object, const clang::VarDecl& target,
                                          clang::ASTContext& ast, const clang::VarDecl** named = nullptr) {
  const auto* ref = object != nullptr ? llvm::dyn_cast<clang::DeclRefExpr>(object->IgnoreParenImpCasts()) : nullptr;
  const auto* source = ref != nullptr ? llvm::dyn_cast<clang::VarDecl>(ref->getDecl()) : nullptr;
  if (source == nullptr || source == &target ||
      (source->getType()->isReferenceType() && !llvm::isa<clang::ParmVarDecl>(source))) {
    return std::nullopt;
  }
  const clang::QualType type = source->getType().getNonReferenceType();
  const std::optional<std::pair<uint64_t, clang::QualType>> elements = elements_of(type, ast);
  // A std::span<const T, N> parameter (static extent) views N elements, and
  // not the local target (a local span may: `std::span<int, 4> s(dst);`).
  const std::optional<uint64_t> count =
      elements ? std::optional(elements->first)
      : llvm::isa<clang::ParmVarDecl>(source) ? static_element_count(type->getAsCXXRecordDecl())
                                              : std::nullopt;
  if (!count) return std::nullopt;
  if (named != nullptr) *named = source;
  return count;
}

/// `src.begin(), src.end()` (or cbegin/cend, std::begin/std::end) of one
/// variable other than `target` whose element count is fixed by its type
/// (a std::array, a C array): that count.
std::optional<uint64_t> whole_range_size(const clang::Expr* first, const clang::Expr* last, const clang::VarDecl& target,
                                         clang::ASTContext& ast) {
  const auto* call = llvm::dyn_cast<clang::CallExpr>(first->IgnoreParenImpCasts());
  if (call == nullptr) return std::nullopt;
  const clang::Expr* object = nullptr;
  if (const auto* member = llvm::dyn_cast<clang::CXXMemberCallExpr>(call)) {
    object = member->getImplicitObjectArgument();
  } else if (call->getNumArgs() == 1) {
    object = call->getArg(0);
  }
  const clang::VarDecl* source = nullptr;
  const std::optional<uint64_t> count = fixed_source_size(object, target, ast, &source);
  if (!count) return std::nullopt;
  const FillTarget whole{source, {}};
  if (!is_call_on_target(first, whole, {"begin", "cbegin"}) || !is_call_on_target(last, whole, {"end", "cend"})) {
    return std::nullopt;
  }
  return count;
}

/// A standard algorithm writing every element of the target, in its std::
/// form or its std::ranges:: one (whose input may be a whole range, the
/// target itself for fill / generate): std::fill, std::iota,
/// std::generate over all of it, std::fill_n / std::generate_n /
/// std::copy_n of its element count, std::copy / std::transform from
/// another array of as many elements; nothing but the output naming the
/// target.
bool fills_by_algorithm(const clang::CallExpr& call, const FillTarget& target, clang::QualType type,
                        clang::ASTContext& ast) {
  llvm::StringRef name;
  llvm::ArrayRef<const clang::Expr*> args;
  if (!std_algorithm(call, name, args)) return false;
  const std::optional<std::pair<uint64_t, clang::QualType>> elements = elements_of(type, ast);
  if (!elements) return false;
  auto value_free = [&](size_t i) { return i < args.size() && !mentions(args[i], *target.var); };
  // The ranges forms taking a whole range first: `std::ranges::fill(a, 0)`.
  const bool whole = llvm::isa<clang::CXXOperatorCallExpr>(call) && !args.empty() && is_range_argument(args[0]);
  const auto over_all = [&] {
    return whole ? target.is(args[0]) : args.size() >= 2 && is_begin_of(args[0], target) &&
                                            is_end_of(args[1], target, elements->first, ast);
  };
  const size_t after = whole ? 1 : 2;  // the index of what follows the input
  if (name == "fill" || name == "iota" || name == "generate") {
    return args.size() == after + 1 && over_all() && value_free(after);
  }
  if (name == "fill_n" || name == "generate_n") {
    return args.size() == 3 && is_begin_of(args[0], target) && evaluates_to(args[1], elements->first, ast) &&
           value_free(2);
  }
  // `std::copy(src.begin(), src.end(), dst.begin())` from another array of
  // as many elements (`std::transform` with a function not naming the
  // target; a projection too for the ranges form), `std::ranges::copy(src,
  // dst.begin())`, `std::copy_n(src.begin(), N, dst.begin())`: every
  // element written.
  const bool copies = name == "copy" && args.size() == after + 1;
  const bool ranges = llvm::isa<clang::CXXOperatorCallExpr>(call);
  const bool transforms =
      name == "transform" && (args.size() == after + 2 || (ranges && args.size() == after + 3));  // (.., f, proj)
  // Two inputs, `std::ranges::transform(a, b, out.begin(), f)` /
  // `std::transform(a.begin(), a.end(), b.begin(), out.begin(), f)`: as
  // many elements written as the shorter input (the first for std::) has.
  const bool two_inputs = name == "transform" && (ranges ? whole && args.size() >= 4 && is_range_argument(args[1])
                                                         : !whole && args.size() == 5);
  if (two_inputs) {
    const size_t out = ranges ? 2 : 3;
    std::optional<uint64_t> count =
        ranges ? fixed_source_size(args[0], *target.var, ast) : whole_range_size(args[0], args[1], *target.var, ast);
    if (ranges && count) {
      const std::optional<uint64_t> second = fixed_source_size(args[1], *target.var, ast);
      count = second ? std::optional<uint64_t>(std::min(*count, *second)) : std::nullopt;
    }
    if (!count || *count != elements->first || !is_begin_of(args[out], target)) return false;
    for (size_t i = 0; i < args.size(); ++i) {
      if (i != out && !value_free(i)) return false;
    }
    return true;
  }
  if (copies || transforms) {
    const std::optional<uint64_t> count =
        whole ? fixed_source_size(args[0], *target.var, ast) : whole_range_size(args[0], args[1], *target.var, ast);
    if (!count || *count != elements->first || !is_begin_of(args[after], target)) return false;
    for (size_t i = 0; i < args.size(); ++i) {
      if (i != after && !value_free(i)) return false;
    }
    return true;
  }
  if (name == "copy_n" && args.size() == 3) {
    return is_begin_of(args[2], target) && evaluates_to(args[1], elements->first, ast) && value_free(0);
  }
  return false;
}

/// std::fill, std::iota, std::generate over [begin, end) of the whole
/// target, std::fill_n / std::generate_n of all its elements,
/// `a.fill(v)` of a std::array, memset of all its bytes; the value (or the
/// generator) not naming the target.
bool fills_by_call(const clang::Expr* e, const FillTarget& target, clang::QualType type, clang::ASTContext& ast) {
  const auto* call = llvm::dyn_cast<clang::CallExpr>(e->IgnoreImplicit()->IgnoreParens());
  const clang::FunctionDecl* fn = call != nullptr ? call->getDirectCallee() : nullptr;
  if (fn == nullptr) return false;
  // `std::ranges::fill(a, 0)`: a niebloid's operator(), judged as an algorithm below.
  if (llvm::isa<clang::CXXOperatorCallExpr>(call)) return fills_by_algorithm(*call, target, type, ast);
  if (fn->getIdentifier() == nullptr) return false;
  const llvm::StringRef name = fn->getName();
  auto value_free = [&](unsigned i) { return i < call->getNumArgs() && !mentions(call->getArg(i), *target.var); };
  if (const auto* member = llvm::dyn_cast<clang::CXXMemberCallExpr>(call)) {
    return name == "fill" && is_std_class(member->getRecordDecl(), {"array"}) &&
           target.is(member->getImplicitObjectArgument()) && value_free(0);
  }
  if (const std::optional<OutArgument> out = c_out_argument(*fn, call->getNumArgs())) {
    if (!is_start_of(call->getArg(out->index), target)) return false;
    for (unsigned i = 0; i < call->getNumArgs(); ++i) {
      if (i != out->index && i != out->size_index && !value_free(i)) return false;  // `sizeof x` reads nothing
    }
    if (!out->size_index) return true;
    // Its whole size (for snprintf, a char array: the text is terminated).
    if (!type->isConstantSizeType() || type->isIncompleteType() || (name.ends_with("snprintf") && !type->isArrayType())) return false;
    const int64_t bytes = ast.getTypeSizeInChars(type).getQuantity();
    return bytes > 0 && evaluates_to(call->getArg(*out->size_index), static_cast<uint64_t>(bytes), ast);
  }
  return fills_by_algorithm(*call, target, type, ast);
}

/// Is `index` only read under `s` (not assigned, incremented, or bound to a
/// reference or an address that could change it)?
bool only_read(const clang::Stmt* s, const clang::VarDecl& index) {
  unsigned reads = 0;
  flow::contains(s, [&](const clang::Stmt& sub) {
    const auto* cast = llvm::dyn_cast<clang::ImplicitCastExpr>(&sub);
    if (cast == nullptr || cast->getCastKind() != clang::CK_LValueToRValue) return false;
    const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(cast->getSubExpr()->IgnoreParens());
    if (ref != nullptr && ref->getDecl() == &index) ++reads;
    return false;
  });
  return reads == uses_in(s, index);
}

/// `for (int i = 0; i < N; ++i)` (also `i != N`, `i++`, `i += 1`, an
/// unsigned or size_t index, `i < a.size()`, `i < std::size(a)`) over every
/// element of the target, the index not changed in the body: the index.
const clang::VarDecl* index_over_all(const clang::ForStmt& loop, const FillTarget& target, uint64_t count,
                                     clang::ASTContext& ast) {
  const auto* init = llvm::dyn_cast_or_null<clang::DeclStmt>(loop.getInit());
  const auto* index = init != nullptr && init->isSingleDecl() ? llvm::dyn_cast<clang::VarDecl>(init->getSingleDecl())
                                                              : nullptr;
  if (index == nullptr || !index->getType()->isIntegerType() || !evaluates_to(index->getInit(), 0, ast)) return nullptr;
  auto is_index = [&](const clang::Expr* e) {
    const auto* ref = e != nullptr ? llvm::dyn_cast<clang::DeclRefExpr>(e->IgnoreParenImpCasts()) : nullptr;
    return ref != nullptr && ref->getDecl() == index;
  };
  const auto* cond = llvm::dyn_cast_or_null<clang::BinaryOperator>(loop.getCond());
  if (cond == nullptr || (cond->getOpcode() != clang::BO_LT && cond->getOpcode() != clang::BO_NE) ||
      !is_index(cond->getLHS())) {
    return nullptr;
  }
  if (!evaluates_to(cond->getRHS(), count, ast) && !is_call_on_target(cond->getRHS(), target, {"size"})) return nullptr;
  const clang::Expr* inc = loop.getInc();
  const auto* step = inc != nullptr ? llvm::dyn_cast<clang::UnaryOperator>(inc->IgnoreParens()) : nullptr;
  const auto* add = inc != nullptr ? llvm::dyn_cast<clang::CompoundAssignOperator>(inc->IgnoreParens()) : nullptr;
  const bool by_one = (step != nullptr && step->isIncrementOp() && is_index(step->getSubExpr())) ||
                      (add != nullptr && add->getOpcode() == clang::BO_AddAssign && is_index(add->getLHS()) &&
                       evaluates_to(add->getRHS(), 1, ast));
  if (!by_one || !only_read(loop.getBody(), *index)) return nullptr;
  return index;
}

/// A loop body that writes the element whole before it reads the target,
/// and cannot skip that (no break, continue or goto before it; a return or
/// a throw leaves the function, which is fine); no break at all (it would
/// leave the later elements unwritten).
bool body_fills(const clang::Stmt* body, const FillTarget& element, clang::QualType type, const Walk& walk,
                int depth) {
  if (body == nullptr || flow::contains(body, [](const clang::Stmt& sub) {
        return llvm::isa<clang::BreakStmt, clang::GotoStmt, clang::IndirectGotoStmt, clang::LabelStmt,
                         clang::SwitchCase>(sub);
      })) {
    return false;
  }
  return fills(body, element, type, walk, depth);
}

}  // namespace

/// Does `s`, when it completes, leave every element of the target written,
/// without reading any of the target's storage first? `a[i] = f(i);` for
/// the element, a block doing so before any other use, an index loop or a
/// range-for by reference over all the elements doing so in its body, the
/// std algorithms of fills_by_call.
bool fills(const clang::Stmt* s, const FillTarget& target, clang::QualType type, const Walk& walk, int depth) {
  // Loops nested deeper than arrays of arrays usually are: not followed
  // (each level walks its body again).
  constexpr int kMaxNesting = 8;
  if (s == nullptr || depth > kMaxNesting) return false;
  if (const auto* block = llvm::dyn_cast<clang::CompoundStmt>(s)) {
    llvm::SmallPtrSet<const clang::FieldDecl*, 8> fields;  // `p.x = 0; p.y = 0;`: the fields written so far
    for (const clang::Stmt* part : block->body()) {
      if (fills(part, target, type, walk, depth + 1)) return true;
      if (const clang::FieldDecl* field = assigned_field(part, target)) {
        fields.insert(field);
        if (every_field_assigned(type, fields, walk.ast)) return true;
        continue;
      }
      if (mentions(part, *target.var) || flow::contains(part, [](const clang::Stmt& sub) {
            return llvm::isa<clang::ContinueStmt>(sub);
          })) {
        return false;
      }
    }
    return false;
  }
  if (const auto* e = llvm::dyn_cast<clang::Expr>(s)) {
    if (const std::optional<Assignment> assignment = as_assignment(e->IgnoreImplicit()->IgnoreParens())) {
      if (assignment->overloaded != nullptr) {
        const auto* method = llvm::dyn_cast_or_null<clang::CXXMethodDecl>(assignment->overloaded->getDirectCallee());
        if (method == nullptr || !(method->isTrivial() || method->isDefaulted())) return false;
      }
      return target.is(assignment->lhs) && !mentions(assignment->rhs, *target.var);
    }
    return fills_by_call(e, target, type, walk.ast);
  }
  const std::optional<std::pair<uint64_t, clang::QualType>> elements = elements_of(type, walk.ast);
  if (!elements) return false;
  if (const auto* loop = llvm::dyn_cast<clang::ForStmt>(s)) {
    const clang::VarDecl* index = index_over_all(*loop, target, elements->first, walk.ast);
    return index != nullptr && body_fills(loop->getBody(), target.element(*index), elements->second, walk, depth + 1);
  }
  if (const auto* loop = llvm::dyn_cast<clang::CXXForRangeStmt>(s)) {
    // `for (auto& x : a) x = 0;`: a reference to each element in turn.
    const clang::VarDecl* element = loop->getLoopVariable();
    const clang::QualType ref = element->getType();
    if (loop->getInit() != nullptr || !ref->isLValueReferenceType() || ref->getPointeeType().isConstQualified() ||
        !target.is(loop->getRangeInit())) {
      return false;
    }
    FillTarget each;
    each.var = element;
    return body_fills(loop->getBody(), each, elements->second, walk, depth + 1) && !mentions(loop->getBody(), *target.var);
  }
  return false;
}

}  // namespace meshwa::rules::uninitialized
