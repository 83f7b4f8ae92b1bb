// May a type cross a service boundary? The AST-level twin of
// include/meshwa/crossable.hpp (DESIGN.md's table): same classification, same
// member paths ("Order.items[].owner"), same wording of the reasons. Used by
// the boundary-type rule and by the generator (meshwa gen), which reports
// boundary errors at generation time: both say every part that may not cross,
// in the words made here (boundary_error and the subjects below), each once,
// at the member of a message that holds it or else at the parameter or result.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "clang/AST/Type.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringRef.h"

namespace clang {
class ASTContext;
class CXXRecordDecl;
class Decl;
class FieldDecl;
}  // namespace clang

namespace meshwa::rules {

/// Where the type sits: a parameter may be a `const T&` borrow; a result and a
/// member of a message may not be a reference at all.
enum class Position { param, result, member };

/// What is wrong with the first part of a type that may not cross. Mirrors
/// meshwa::detail::Problem in include/meshwa/crossable.hpp.
enum class CrossProblem {
  reference,
  raw_pointer,
  c_array,
  function,
  view,
  std_function,
  mutable_shared_ptr,
  unique_ptr,
  weak_ptr,
  iterator,
  /// __int128 / unsigned __int128: JSON numbers are at most 64-bit.
  wide_integer,
  not_a_message,
  /// A `mutable` data member of a message. AST only: crossable.hpp's C++
  /// twin cannot see `mutable` (no reflection), so it has no mirror there.
  mutable_member,
  /// A class of namespace std that is none of the crossable ones
  /// (std::bitset, std::complex, std::wstring, ...): not_a_message, in words
  /// that do not ask to mark it MESHWA_MESSAGE. AST only: crossable.hpp
  /// cannot see a class's namespace and says not_a_message.
  library_class,
  /// A specialization of a class template of the user's (`Page<Sock>`, often
  /// behind an alias, `using SockPage = Page<Sock>;`): not_a_message, in
  /// words that do not ask to mark it MESHWA_MESSAGE, which marks no
  /// template or specialization (meshwa-marker). AST only, like
  /// library_class: crossable.hpp says not_a_message.
  template_specialization,
  /// A message's anonymous union (`union { int32_t i; float f; };`): its
  /// members share their storage, and it has no name the generated code or
  /// a reader could use. AST only, like the two below: crossable.hpp sees a
  /// message through the generator's adaptation, which refuses these.
  anonymous_union,
  /// A message's anonymous struct (`struct { int32_t x; int32_t y; };`):
  /// its members belong to it, and it has no name.
  anonymous_struct,
  /// A member whose type is an unnamed class (`struct { int32_t x; } s;`),
  /// which cannot be marked MESHWA_MESSAGE (the marker needs a name).
  unnamed_class,
  /// A lambda's closure type (`decltype(kOnDone)`): code, like a
  /// std::function, not an unnamed class to name and mark. AST only:
  /// crossable.hpp cannot tell a closure from any class that is not a
  /// message.
  lambda,
  /// A class only declared (`struct Order;`), defined nowhere in the
  /// translation unit: its members cannot be checked or carried. AST only:
  /// crossable.hpp cannot be instantiated with an incomplete type.
  incomplete,
};

/// "is a raw pointer; pass a value, meshwa::Owned<T> or meshwa::Shared<T>"
/// (the text of describe(Problem) in crossable.hpp; for not_a_message
/// without its "or use a crossable type in its place": crossable.hpp cannot
/// tell a parameter from a member, CrossabilityProblem::message() can and
/// names it).
llvm::StringRef describe(CrossProblem problem);

struct CrossabilityProblem {
  /// The member path of the offending part, in the user's terms, starting at
  /// the checked type: "Order.items[].owner", "std::vector<int *>[]".
  std::string path;
  CrossProblem problem = CrossProblem::not_a_message;
  /// The field of a message that holds the offending part (nullptr when the
  /// problem is in the checked type itself); a good place for a note.
  const clang::Decl* field = nullptr;
  /// What to write instead for this particular type, where there is more to
  /// say than describe(problem) ("" when there is not).
  std::string hint;
  /// For `incomplete`: the class's declaration, a good place for a note
  /// (nullptr otherwise).
  const clang::Decl* declared = nullptr;
  /// For a pointer or reference at the top of a parameter or result, what
  /// replaces it at a boundary ("to hand a result back, return it ..."),
  /// without the leading "; " ("" otherwise). Here, not in each user, so
  /// that the plugin and meshwa gen (which runs first) say the same.
  std::string remedy;
  /// What holds the offending part: the checked parameter or result (its
  /// type arguments included), or a member (of the checked message, or of
  /// a message inside the checked type). Names the thing to change in the
  /// words of not_a_message's alternative ("give the parameter a crossable
  /// type").
  Position holder = Position::member;
  /// The outermost message member on the path ("Order.items" for
  /// "Order.items[].owner"; nullptr when no message is on it): for
  /// message_member_problems, the member of the checked message that holds
  /// the part, where a report goes.
  const clang::Decl* member = nullptr;

  /// "Order.items[].owner is a raw pointer; pass a value, ..."
  [[nodiscard]] std::string message() const {
    return path + " " + describe(problem).str() + alternative() + (hint.empty() ? "" : " (" + hint + ")") +
           (remedy.empty() ? "" : "; " + remedy);
  }

  /// For a class that is not a message, the other remedy than marking it.
  [[nodiscard]] std::string alternative() const {
    if (problem != CrossProblem::not_a_message && problem != CrossProblem::template_specialization) return "";
    const char* what = holder == Position::param ? "parameter" : holder == Position::result ? "result" : "member";
    return std::string(" or give the ") + what + " a crossable type";
  }
};

/// At most this many problems are reported for one type or message.
inline constexpr std::size_t kMaxProblems = 16;

/// Why a value of type `type` at `position` may not cross a service boundary:
/// the first part that may not, or std::nullopt when it may. Dependent types
/// (template patterns) are not decided: std::nullopt, check the instantiation
/// instead.
std::optional<CrossabilityProblem> why_not_crossable(clang::QualType type, clang::ASTContext& ctx, Position position);

/// Every part of `type` at `position` that may not cross, in the order of the
/// type (at most kMaxProblems). A message met twice in the type (std::pair<Item,
/// Item>, or through a recursion) has its members walked once.
std::vector<CrossabilityProblem> crossability_problems(clang::QualType type, clang::ASTContext& ctx,
                                                       Position position);

/// Every part of the members of a MESHWA_MESSAGE that may not cross, paths
/// starting at the message ("Order.items[].owner"), `member` the message's
/// own member that holds each (at most kMaxProblems). The members of messages
/// held by it are walked too: a caller that reports those at their own
/// message skips problems whose `field` is not a member of this one.
std::vector<CrossabilityProblem> message_member_problems(const clang::CXXRecordDecl& message, clang::ASTContext& ctx);

// Where a part is reported: at the member of a message that holds it, when
// that message's members are checked where they are written, else at every
// parameter or result whose type holds it. `written_here` says which
// messages the caller checks: the plugin, those of this translation unit's
// service code; meshwa gen, those of its model files.
using WrittenHere = llvm::function_ref<bool(const clang::CXXRecordDecl&)>;

/// Are the members of `record` checked at the members themselves? A
/// MESHWA_MESSAGE's own definition (not a template's instantiation or
/// specialization: its pattern is dependent, and a report at an instantiated
/// member would not be seen) that `written_here` accepts.
bool checked_at_members(const clang::CXXRecordDecl& record, WrittenHere written_here);

/// Is the part held by `field` (CrossabilityProblem::field) reported at that
/// member, its message being checked_at_members?
bool said_at_its_member(const clang::Decl* field, WrittenHere written_here);

/// The reports at the members of message `record`: its
/// message_member_problems that have a member of `record` to be reported
/// at, less the parts held by a member of another message that is
/// checked_at_members (said there, once).
std::vector<CrossabilityProblem> member_reports(const clang::CXXRecordDecl& record, clang::ASTContext& ctx,
                                                WrittenHere written_here);

/// The problem of a `mutable` member of a message ("Doc.reads is a mutable
/// member: ..."), as message_member_problems finds it: for a report at every
/// such member, that of a message template's pattern included, which the
/// walk of instantiated types does not reach.
CrossabilityProblem mutable_member_problem(const clang::FieldDecl& member, clang::ASTContext& ctx);

// The words of a boundary report, the same from the plugin and from meshwa
// gen: "<subject> cannot cross a service boundary: <problem.message()>".

/// "parameter 'order' of interface method 'Orders::place'" ("a parameter of
/// ..." when it has no name).
std::string param_subject(llvm::StringRef param, llvm::StringRef method);
/// "the result of interface method 'Orders::place'".
std::string result_subject(llvm::StringRef method);
/// "member 'owner' of message 'Item'", "the anonymous union in message 'Mixed'".
std::string member_subject(const clang::FieldDecl& member, clang::ASTContext& ctx);
/// "<subject> cannot cross a service boundary: <problem.message()>".
std::string boundary_error(llvm::StringRef subject, const CrossabilityProblem& problem);
/// The note at a member that holds a part that may not cross: "'Item::owner'
/// is declared here".
std::string declared_here(const clang::Decl& member);

}  // namespace meshwa::rules
