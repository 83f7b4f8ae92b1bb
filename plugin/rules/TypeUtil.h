// Type questions shared by several of the syntactic rules.
#pragma once

#include "clang/AST/Expr.h"
#include "clang/AST/Type.h"

#include <initializer_list>
#include <cstdint>
#include <optional>
#include <utility>

#include "clang/AST/DeclTemplate.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"

namespace clang {
class ASTContext;
class CXXRecordDecl;
class CXXOperatorCallExpr;
class FunctionDecl;
}

namespace meshwa::rules {

/// A pointer that the standard library, or a library class declared in a
/// system header, hands out as an iterator: its type is spelled through a
/// typedef named like an iterator (std::array<T, N>::iterator,
/// std::string_view::const_iterator are plain pointers in libstdc++;
/// absl::InlinedVector<T, N>::iterator). Treated like any other std
/// iterator: accepted.
bool is_library_iterator_pointer(clang::QualType type);

/// Stricter: a type spelled as a std iterator, through a std typedef or
/// alias template named like an iterator (std::array<T, N>::iterator,
/// std::string_view::const_iterator, std::ranges::borrowed_iterator_t<R>;
/// also std::find(a.begin(), ...)'s result, where the argument's sugar
/// survives deduction), but not every pointer a std algorithm returns:
/// std::find(v.data(), ..., x) is v.data() again.
bool is_spelled_std_iterator(clang::QualType type);

/// A raw (object, function or member) pointer the user works with: not an
/// iterator pointer (above).
bool is_raw_pointer(clang::QualType type);

/// The raw pointer inside `type`, if any: the type itself, an array element,
/// a template argument (std::vector<int*>), a function type's parameter or
/// result (std::function<void(int*)>). Null type when there is none.
clang::QualType find_raw_pointer(clang::QualType type);

/// Is `dc` inside namespace std::<name> (std::filesystem, std::pmr,
/// std::ranges), looking through inline and `__`-named implementation
/// namespaces (libstdc++'s __cxx11)?
bool in_std_namespace(const clang::DeclContext* dc, llvm::StringRef name);

/// A function of the C library (or POSIX, Linux): declared in a system
/// header at global scope or in std (std::strlen is ::strlen brought in),
/// extern "C" or at global scope (glibc's extern "C++" const overloads of
/// strchr), not a class member nor an implementation-reserved `__` name.
/// Not a C++ function of the standard library (std::getline), nor a
/// library's own `write` in its namespace.
bool is_c_library_function(const clang::FunctionDecl& fn);

/// The two sides of `lhs = rhs`: a built-in assignment, or a call of an
/// operator= (then `overloaded` is that call). Not compound assignments.
struct Assignment {
  const clang::Expr* lhs = nullptr;
  const clang::Expr* rhs = nullptr;
  const clang::CXXOperatorCallExpr* overloaded = nullptr;
};
std::optional<Assignment> as_assignment(const clang::Expr* e);

/// The arguments of `std::tie(a, b, ...)` when `lhs` is that call (the left
/// side of `std::tie(a, b) = f();`, which assigns each one whole), or none.
std::optional<llvm::ArrayRef<const clang::Expr*>> std_tie_arguments(const clang::Expr* lhs);

/// The two operands of `base[index]`: a built-in subscript (with the
/// operands in their written roles: getBase() / getIdx()), or a call of an
/// operator[] with one argument.
struct Subscript {
  const clang::Expr* base = nullptr;
  const clang::Expr* index = nullptr;
  const clang::CXXOperatorCallExpr* overloaded = nullptr;
};
std::optional<Subscript> as_subscript(const clang::Expr* e);

/// The definition of `fn` whose body this translation unit sees (that of
/// any of its redeclarations), or nullptr: only declared here, or a body
/// clang did not build. Null-safe.
const clang::FunctionDecl* definition_with_body(const clang::FunctionDecl* fn);

/// A class of namespace std with one of these names (std::vector, ...).
bool is_std_class(const clang::CXXRecordDecl* record, std::initializer_list<llvm::StringRef> names);

/// A std::function, std::move_only_function or std::copyable_function (or
/// a reference to one): a holder that keeps the callable it is given.
bool is_std_function(clang::QualType type);

/// The first template argument of a class template specialization when it
/// is a type (std::vector<T>'s T, std::unique_ptr<T>'s T, as written, not
/// canonical), else a null type. Null-safe.
clang::QualType first_type_argument(const clang::CXXRecordDecl* record);

/// The canonical type a member typedef `name` of `record` declares
/// (std::map<K, V>'s value_type, key_type, mapped_type), looked up among
/// the class's own declarations, else a null type. Null-safe.
clang::QualType member_typedef(const clang::CXXRecordDecl* record, llvm::StringRef name);

/// A class that declares itself an iterator (it has an iterator_category).
bool is_iterator_class(const clang::CXXRecordDecl* record);

/// An iterator that owns what it walks, so it is no view of its constructor's
/// arguments: std::filesystem::directory_iterator and
/// recursive_directory_iterator copy the path and hold the open directory
/// themselves (a shared_ptr to their own state).
bool is_owning_iterator_class(const clang::CXXRecordDecl* record);

/// Does default-initialisation (`T x;`) leave part of a T indeterminate?
/// Scalars, arrays of them, and classes without a user-provided default
/// constructor (a constructor template callable without arguments,
/// `template <class... A> explicit value(A&&... a)`, is one) whose fields
/// (or bases) are such and have no default member initialiser. Dependent
/// types: false (decided on instantiation).
bool default_init_leaves_garbage(clang::QualType type, clang::ASTContext& ctx);

/// Every constructor `record` declares, constructor templates included (as
/// their templated declaration): record.ctors() leaves the templates out.
llvm::SmallVector<const clang::CXXConstructorDecl*, 8> declared_constructors(const clang::CXXRecordDecl& record);

/// The name of the function of namespace std that `call` calls: its
/// direct callee, or in a template pattern the name of an unresolved call
/// whose every candidate is in namespace std. Empty otherwise.
llvm::StringRef std_function_name(const clang::CallExpr& call);

/// clang's checked arithmetic, `__builtin_add_overflow(a, b, &out)` and its
/// sub/mul and typed (`__builtin_sadd_overflow`, ...) forms: it writes the
/// result through its third argument once, overflow or not, before it
/// returns (the raw-pointer rule accepts that address, the uninitialized
/// rule takes the call for a write).
bool is_checked_arithmetic_builtin(const clang::FunctionDecl& fn);

/// `std::addressof(x)`, `__builtin_addressof(x)` (also std::__addressof,
/// libstdc++'s internal name, and the unresolved call in a template
/// pattern): `&x` under another name. The call, else nullptr.
const clang::CallExpr* address_of_call(const clang::Stmt& stmt);

/// Two expressions naming the same object: the same variable, `this`, or the
/// same member of the same object (this->buf_, order.text), seeing through
/// local references (`auto& r = v;` names v) at every level. One reference
/// names one object whatever it was bound to (`const std::string& s =
/// it->second;`, a range-for `auto& s`).
bool same_object(const clang::Expr* a, const clang::Expr* b);

/// `e` without parentheses, implicit casts and explicit casts of an integer
/// to an integer type at least as wide (`static_cast<std::streamsize>(n)`),
/// which keep any real count; a narrowing cast is kept.
const clang::Expr* without_widening_integer_casts(const clang::Expr* e, const clang::ASTContext& ctx);

/// `data` is `x.data()` (or `x.c_str()`) and `size` is `x.size()` (or
/// `x.length()`) of one object `x` of one std class: a pointer and the
/// length of the range it starts. The size may be cast explicitly to an
/// integer type at least as wide (`static_cast<std::streamsize>(s.size())`).
bool is_data_and_size_of_one_object(const clang::Expr* data, const clang::Expr* size);

/// The copy and move operations of a class.
enum class CopyMove { copy_constructor, copy_assignment, move_constructor, move_assignment };

/// Is the copy / move operation `op` of `record` defaulted (implicitly, or
/// `= default`), not deleted, and used in this translation unit? A defaulted
/// copy copies every member as is; one that nothing calls does no harm
/// (clang declares implicit ones lazily, and marks the ones a copy, a return
/// or a container's growth calls as used). Ask at the end of the
/// translation unit, when every use has been seen.
bool defaulted_and_used(const clang::CXXRecordDecl& record, CopyMove op);

/// meshwa::Context (a reference to it is the runtime's, not a borrow).
bool is_meshwa_context(clang::QualType type);
/// A type whose value refers to memory it does not own: a reference (not to
/// meshwa::Context), std::string_view, std::span, std::reference_wrapper, an
/// iterator that does not own its state.
bool is_reference_like(clang::QualType type, unsigned depth = 0);
/// Integers, floating point, bool, enums, nullptr_t, member pointers: a
/// value that refers to nothing.
bool is_plain_scalar(clang::QualType type);
/// A std pair, tuple or optional whose parts are handles (views, iterators,
/// references, pointers) and plain scalars, at least one a handle.
bool holds_only_handles(clang::QualType type, unsigned depth = 0);
/// Declared in namespace std or one nested in it (std::ranges).
bool declared_in_std(const clang::Decl* decl);
/// Declared in namespace std::ranges or one nested in it (std::ranges::views,
/// libstdc++'s std::ranges::views::__adaptor).
bool declared_in_std_ranges(const clang::Decl* decl);
/// A call of a standard algorithm: a function of std (or of a namespace in
/// it), or a std::ranges niebloid called through its operator(), not a
/// member function: its name, and its arguments without the niebloid.
bool std_algorithm(const clang::CallExpr& call, llvm::StringRef& name, llvm::ArrayRef<const clang::Expr*>& args);
/// Is an algorithm's argument a range (a C array, or a class with a
/// begin() of its own or of a base), not an iterator? What tells the
/// std::ranges forms apart: `copy(range, out)` from `copy(first, last,
/// out)`. (Iterators such as std::istream_iterator take their
/// iterator_category from a base, so the test is on the range's side.)
bool is_range_argument(const clang::Expr* e);
/// A class of the program whose fields are all handles or plain numbers, at
/// least one a handle: a cursor or reader over data it does not own
/// (`struct Cur { std::string_view buf; std::size_t pos; };`).
bool is_view_holder(clang::QualType type, unsigned depth = 0);
/// is_view_holder, where a field or base that is a class of numbers only
/// (or of nothing) counts as the holder's own numbers too (Eigen's
/// evaluators: `const Scalar* m_data; variable_if_dynamic<Index, Dynamic>
/// m_innerStride;`). dangling asks it of a cursor whose method returns a
/// reference through a pointer member; the rules that ask is_view_holder
/// whether a copy may refer into its arguments keep to the narrower class.
bool is_view_holder_with_number_classes(clang::QualType type);

/// Is `decl` declared in the top-level namespace `name` or one nested in it
/// (`testing` for GoogleTest / GoogleMock's `::testing::SaveArg`,
/// `::testing::Mock`)?
bool in_top_namespace(const clang::Decl& decl, llvm::StringRef name);

/// CLI11's class `CLI::<name>` (`App`, `Option`, `OptionBase`), whose
/// ownership the rules model (Uninitialized/CommandLineOptions.cpp,
/// EscapingReference/CommandLineApps.cpp).
bool is_cli11_class(const clang::CXXRecordDecl* record, llvm::StringRef name);

/// The number of elements and the element type of a C array or a
/// std::array of constant size (`int[4]`, `std::array<double, 3>`).
std::optional<std::pair<uint64_t, clang::QualType>> elements_of(clang::QualType type, clang::ASTContext& ast);

/// The element count fixed by the type: N of std::array<T, N>, and of a
/// std::span<T, N> with a static extent (not std::dynamic_extent).
std::optional<uint64_t> static_element_count(const clang::CXXRecordDecl* record);

/// `operator new`, `operator new[]`, `operator delete`, `operator delete[]`
/// (any form: global, class-specific, placement): the language fixes their
/// `void*` result and parameter.
bool is_allocation_operator(const clang::FunctionDecl& fn);

/// A string literal, __func__, or a conditional choosing between such (two
/// literals of one length make a conditional of array type, which decays as
/// a whole; of different lengths, each decays): text with static storage
/// whose end the terminator marks.
bool is_literal_text(const clang::Expr* e);

/// `va_list` (also as a parameter, where the array type decays to a pointer,
/// and by reference).
bool is_va_list(clang::QualType type, const clang::ASTContext& ast);

/// The template arguments of `spec` with each argument pack spread in place
/// (`std::tuple<int, char>` has one pack argument holding two types): the
/// list a walk over a specialization's arguments looks at one by one.
llvm::SmallVector<clang::TemplateArgument, 4> flat_template_arguments(const clang::ClassTemplateSpecializationDecl& spec);

/// Parameter `p` of `fn` reads a C string: its type is `const CharT*`
/// (written as a pointer in `pattern`, the template it comes from, not a
/// deduced iterator such as std::find's), and no length follows it.
bool is_c_string_parameter(const clang::FunctionDecl& fn, const clang::FunctionDecl* pattern, unsigned p);

/// An integer parameter that is a length: as wide as a pointer, or named
/// like one (`int len`, `__n`).
bool is_length_parameter(const clang::ParmVarDecl& param);

/// A parameter named as one end of a range: first, last, begin, end.
bool is_range_parameter(const clang::ParmVarDecl& param);

/// size_t (std::size_t, size_type, ...): an unsigned integer as wide as a pointer.
bool is_size_type(clang::QualType type);

}  // namespace meshwa::rules
