// What banned-function reports by name, for the rules that judge the same
// calls by their arguments (unsafe-buffer's (pointer, count) check leaves
// the names on the list to banned-function, which rejects them whatever
// the arguments).
#pragma once

#include "llvm/ADT/StringRef.h"

namespace meshwa::rules {

/// A C library function on banned-function's list (memcpy, read, strftime,
/// msgrcv, ...): rejected there in every form.
bool is_banned_c_function(llvm::StringRef name);

}  // namespace meshwa::rules
