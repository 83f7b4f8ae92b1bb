// What banned-function reports by name, for the rules that judge the same
// calls by their arguments (unsafe-buffer's (pointer, count) check leaves
// the names on the list to banned-function, which rejects them whatever
// the arguments).
#pragma once

#include "Rule.h"
#include "clang/Basic/SourceLocation.h"
#include "llvm/ADT/StringRef.h"

namespace meshwa::rules {

/// A C library function on banned-function's list (memcpy, read, strftime,
/// msgrcv, ...): rejected there in every form.
bool is_banned_c_function(llvm::StringRef name);

/// Is `loc` in the statement of a GoogleTest death test (`EXPECT_DEATH(v[3]
/// = 1, "")`, `ASSERT_EXIT(std::exit(3), ...)`)? That statement runs in a
/// child process that is meant to end.
bool in_death_test_statement(clang::SourceLocation loc, const RuleContext& ctx);

}  // namespace meshwa::rules
