// meshwa-banned-function, private to this folder: the checks of the rule
// that live in their own files (the rule's comment, what it reports and
// accepts, is at the top of BannedFunction.cpp):
//   BannedFunction.cpp       the hooks: names of banned functions (and the
//                            C variadic ones), va_list / va_arg / va_start,
//                            variable-length arrays, [[assume]]
//   CLibraryNames.cpp        the list of banned C library functions, with
//                            why and what instead, and what counts as the C
//                            library's function of a listed name
//   StdFunctions.cpp         the standard library's C++ spellings of the same
//                            (std::terminate, std::locale::global,
//                            std::char_traits copies, current_path(p))
//   BufferAndCount.cpp       stream and string members that take a raw
//                            buffer and a separate count, and the pairs
//                            accepted because the count fits the buffer
//   SharedProcessState.cpp   the process's standard streams and
//                            descriptors (fclose(stdout), close(1)), and
//                            pipe(fds) into an array that holds two
#pragma once

#include <string>

#include "Rule.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"

namespace meshwa::rules::banned_function {

constexpr llvm::StringLiteral kName = "banned-function";

// CLibraryNames.cpp
/// name -> "why; what instead" (the message after "'name' ...").
const llvm::StringMap<llvm::StringRef>& banned_c_functions();
/// Is `fn` the C library's function (or a builtin), not a C++ function that
/// happens to share a listed name?
bool is_library_function(const clang::FunctionDecl& fn);
/// The library function a compiler builtin stands for (__builtin_memcpy ->
/// memcpy).
std::string library_name(llvm::StringRef builtin);

// StdFunctions.cpp
/// Reports `fn`, named by `ref`, when it is one of the standard library's
/// C++ functions on the list; true when reported.
bool check_std_function(const clang::Expr& ref, const clang::FunctionDecl& fn, RuleContext& ctx);

// BufferAndCount.cpp
/// Reports a standard stream's or string's member call that reads or writes
/// through a raw pointer as many characters as a separate count says (and
/// rdbuf(buffer) / tie(stream) on the standard streams).
void check_buffer_and_count_call(const clang::CXXMemberCallExpr& call, RuleContext& ctx);

// SharedProcessState.cpp
/// pipe/pipe2/socketpair into an array that holds two ints: accepted.
bool writes_int_pair_safely(llvm::StringRef name, const clang::CallExpr* call, RuleContext& ctx);
/// Reports fclose/freopen of stdin/stdout/stderr and close(0..2), `call`
/// being the call whose callee `ref` is (or nullptr); true when reported.
bool check_shared_c_stream(const clang::Expr& ref, const clang::FunctionDecl& fn, const clang::CallExpr* call,
                           RuleContext& ctx);

}  // namespace meshwa::rules::banned_function
