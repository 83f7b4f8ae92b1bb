// What the files that follow an integer's constant values share: the
// limits of the search and a small test. ReachingConstants.cpp follows a
// local's writes before a read, MemberConstants.cpp a private member's
// constructors, CallConstants.cpp the calls of a function only this file can
// call, LocalMentions.cpp how a local is mentioned (tested, assigned, left
// unchanged).
#pragma once

#include <clang/AST/Expr.h>

#include <cstddef>

namespace meshwa::rules::unsafe_buffer::constants {

/// Enough values to follow a few branches; more is input, not a constant.
inline constexpr size_t kMaxValues = 4;
/// How deep one value may come from another local (`int copy = data;`).
inline constexpr int kMaxDepth = 6;

/// `const T&`: what binds to it cannot be written through it.
inline bool is_const_lvalue_reference(clang::QualType type) {
  return type->isLValueReferenceType() && type.getNonReferenceType().isConstQualified();
}

}  // namespace meshwa::rules::unsafe_buffer::constants
