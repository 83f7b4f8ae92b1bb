// What the standard containers' (and meshwa's handles') member functions do
// to the iterators, references and views into them: the invalidation table
// of meshwa-iterator-invalidation (docs/rules/iterator-invalidation.md),
// apart from the rule's flow analysis.
#pragma once

#include <optional>
#include <string>

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/StringRef.h"

namespace meshwa::rules::containers {

/// How a type holds elements, as far as invalidation goes: `contiguous`
/// (vector, string), `deque`, `node` (list, map, set, ...), `unordered`,
/// `owner` (unique_ptr, optional, variant, any, node handles, meshwa::Shared
/// and Result), `adaptor` (queue, stack, priority_queue: judged by their
/// underlying container), `owned` (meshwa::Owned, whose moves hand the value
/// on).
enum class Kind { none, contiguous, deque, node, unordered, owner, adaptor, owned };

/// What a variable into a container is. `wrapper`: a std::reference_wrapper<T>
/// or std::optional of one, a reference that assignment rebinds (like a
/// pointer).
enum class Handle { none, iterator, reference, pointer, view, wrapper };

/// Which handles a member function may invalidate. `all` = every handle;
/// `relocation` = every handle into the storage, which moves, but not into
/// what its elements own (vector<unique_ptr<T>>::push_back moves the
/// unique_ptrs, not the Ts); `iterators` = iterators only; `argument` = only
/// the handle passed as the argument (node-based erase); `key` = the element
/// of a key (associative erase(key)): every handle, unless it was looked up
/// with another constant key.
enum class Effect { none, all, relocation, iterators, argument, key };

/// The kind of container of `type` (seen through a std::reference_wrapper).
Kind container_kind(clang::QualType type);

/// What kind of handle into a container a variable of this type can be.
Handle handle_kind(clang::QualType type);

/// What `method` (with `args` arguments; `by_key`: erase/extract of a key,
/// not an iterator) does to the handles into a container of kind `kind`.
Effect effect_of(Kind kind, llvm::StringRef method, unsigned args, bool by_key);

/// What `method` does to the handles into a container of type `type`. The
/// adaptors are judged by what they do to their underlying container
/// (template argument 2: deque for queue and stack, vector for
/// priority_queue; an unknown one is taken to reallocate like a vector).
Effect effect_on(clang::QualType type, llvm::StringRef method, unsigned args, bool by_key);

/// What `a.swap(b)` / `std::swap(a, b)` does to the handles into a container
/// of type `type` when the analysis follows the elements to the other side:
/// the elements of a vector, deque, list, map, set or unordered container
/// stay where they are and belong to the other container from then on, so
/// references, pointers and views stay valid (and are carried over); only
/// end() is not an element, and any iterator may have become end(), so
/// iterators do not survive. A std::string's short buffer lies inside the
/// object (swapping copies it), an adaptor's or an owner's (optional,
/// variant, ...) value may be destroyed or replaced: every handle.
Effect swap_effect(clang::QualType type);

/// The record of a std::queue / std::stack / std::priority_queue, or null.
const clang::ClassTemplateSpecializationDecl* adaptor_of(clang::QualType type);

/// std::reference_wrapper<T>.
bool is_reference_wrapper(clang::QualType type);

/// std::optional<std::reference_wrapper<T>>: the safe subset's nullable
/// pointer. Its value is a reference; resetting it destroys no T.
bool is_optional_wrapper(clang::QualType type);

/// A std node handle: libstdc++ / MSVC _Node_handle, libc++ __basic_node_handle.
bool is_node_handle(clang::QualType type);

/// std::unique_ptr<T>.
bool is_unique_ptr(clang::QualType type);

/// std::shared_ptr<T>: an owner only where it may hold the last reference
/// (the rule decides where).
bool is_shared_ptr(clang::QualType type);

/// std::unique_ptr, std::shared_ptr, meshwa::Owned, meshwa::Shared: an
/// element of this type keeps its value elsewhere, which stays put when the
/// element moves.
bool owns_pointee(clang::QualType type);

/// std::vector<bool>::reference: a proxy naming a bit of the vector's
/// storage (libstdc++ _Bit_reference, libc++ __bit_reference, MSVC
/// _Vb_reference). Assigning to it writes that bit; it is never re-seated.
bool is_bit_reference(const clang::CXXRecordDecl* record);

/// erase(key) / extract(key) rather than erase(iterator): the first
/// parameter is not an iterator.
bool takes_key(const clang::CXXMethodDecl& method);

/// A key written as a constant: an integer (or enumerator, or constexpr
/// value) or a string literal, possibly converted to std::string. Two
/// different constants are obviously different keys.
std::optional<std::string> constant_key(const clang::Expr* e, const clang::ASTContext& ast);

}  // namespace meshwa::rules::containers
