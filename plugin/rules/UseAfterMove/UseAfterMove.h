// meshwa-use-after-move, private to this folder: the rule's one class and
// the helpers its files share (the rule's comment, what it reports and
// accepts, is at the top of UseAfterMove.cpp):
//   UseAfterMove.cpp    the hooks, and the error and notes for each finding
//   TrackedHandles.cpp  what is tracked and what empties or refills it: Owned
//                       locals and fields (Place), moves, swaps, lambdas,
//                       and what a member function does to its Owned fields
//   OwnedFlow.cpp       the flow analysis of meshwa::Owned handles over the
//                       CFG, and uses unsequenced with the move
//   SmartPointers.cpp   dereferences of a std::unique_ptr / std::shared_ptr
//                       that is empty on every path
#pragma once

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "Rule.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMap.h"
#include "llvm/ADT/SmallVector.h"

namespace meshwa::rules::use_after_move {

constexpr llvm::StringLiteral kName = "use-after-move";

/// A tracked handle: a local variable or parameter of type meshwa::Owned<T>,
/// or an Owned field (through `.`, not `->`) of a local struct: b.inner.
struct Place {
  const clang::VarDecl* root = nullptr;
  llvm::SmallVector<const clang::FieldDecl*, 2> fields;
  bool operator==(const Place& o) const { return root == o.root && fields == o.fields; }
  /// `this` names `other` or something inside it (b is a prefix of b.inner).
  bool is_prefix_of(const Place& other) const {
    if (root != other.root || fields.size() > other.fields.size()) return false;
    return std::equal(fields.begin(), fields.end(), other.fields.begin());
  }
  std::string name() const {
    // (No root: a member of the object a member function runs on, `doc_`.)
    std::string text = root != nullptr ? root->getNameAsString() : "";
    for (const clang::FieldDecl* f : fields) text += (text.empty() ? "" : ".") + f->getNameAsString();
    return text;
  }
};

/// What a member function's visible body does to the meshwa::Owned fields
/// of its own object: `p.move_doc()` with `return std::move(doc);` empties
/// `p.doc`, `p.access()` with `return doc->n;` reads it, `p.reload()` with
/// `doc = meshwa::make_owned<Doc>();` gives it a new value. For a
/// non-virtual member of a class of the program, with the effects of the
/// member functions it calls on its object (up to four calls deep).
struct FieldEffects {
  llvm::SmallVector<const clang::FieldDecl*, 2> reads;    // used (not only tested, moved or assigned)
  llvm::SmallVector<const clang::FieldDecl*, 2> moves;    // moved away and not given a new value
  llvm::SmallVector<const clang::FieldDecl*, 2> refills;  // given a new value
};

struct Finding {
  clang::SourceLocation use;
  Place place;
  const clang::Stmt* move;
  bool again;       // the use is a second move
  bool unsequenced; // the use is another argument of the call that moves
  const clang::VarDecl* lambda = nullptr;  // the use is a call of a lambda that captures it by reference
  const clang::CXXMethodDecl* method = nullptr;  // the use is a call of a member function that reads it
};

// TrackedHandles.cpp
bool is_owned(clang::QualType type);
const clang::VarDecl* owned_var(const clang::Expr* e);
bool leaves_empty(const clang::Expr* replacement);
const clang::Expr* moved_operand(const clang::Stmt& s);
bool is_emptiness_test(const clang::ParentMap& parents, const clang::Expr* ref);
std::optional<Place> local_path(const clang::Expr* e, unsigned depth = 0);
std::optional<Place> owned_place(const clang::Expr* e);
Place field_of(const Place& object, const clang::FieldDecl* field);
std::pair<const clang::Expr*, const clang::Expr*> swap_operands(const clang::Stmt& s);
const clang::LambdaExpr* lambda_of(const clang::VarDecl* var);

/// What the visible bodies of other functions do to Owned handles: a
/// member function to its object's Owned fields, a function to its
/// `Owned<T>&` parameters. Each body is summarised once and kept for the
/// rest of the translation unit (the keys are its declarations), so the
/// rule owns one and clears it at the end of each translation unit.
/// (TrackedHandles.cpp)
class Summaries {
 public:
  /// `p.move_doc()` on a local struct `p` (or a field of one) whose method's
  /// effects are followed: the object's place and those effects.
  std::optional<std::pair<Place, const FieldEffects*>> followed_member_call(const clang::Stmt& s);
  /// `take(d)`: the call that moves the Owned lvalue `e` away inside its body.
  const clang::CallExpr* moving_call(const clang::ParentMap& parents, const clang::Expr* e);
  /// `refill(d)`: the call whose body first gives `e` a new value.
  const clang::CallExpr* refilling_call(const clang::ParentMap& parents, const clang::Expr* e);
  /// Does the call `s` hand an Owned lvalue to a parameter it moves away?
  bool may_move_an_argument(const clang::Stmt& s);
  void clear();

 private:
  bool holds_owned_field(const clang::CXXRecordDecl* record, unsigned depth = 0);
  bool owned_fields_are_direct(const clang::CXXRecordDecl* record);
  std::optional<FieldEffects> summarise_fields(const clang::CXXMethodDecl& method, unsigned depth);
  const FieldEffects* field_effects(const clang::CXXMethodDecl* method, unsigned depth);
  bool moves_argument(const clang::CallExpr& call, const clang::FunctionDecl& callee, unsigned k);
  bool refills_argument(const clang::CallExpr& call, const clang::FunctionDecl& callee, unsigned k);

  std::map<const clang::CXXRecordDecl*, bool> holds_owned_;
  std::map<const clang::CXXMethodDecl*, std::optional<FieldEffects>> field_effects_;
  std::map<const clang::ParmVarDecl*, bool> parameter_moves_;
  std::map<const clang::ParmVarDecl*, bool> parameter_refills_;
};

class UseAfterMove final : public Rule {
 public:
  llvm::StringRef name() const override { return kName; }

  // UseAfterMove.cpp
  void check_end_of_translation_unit(RuleContext& /*ctx*/) override;
  void check_function(const clang::FunctionDecl& pattern, RuleContext& ctx) override;

 private:
  /// Where a move empties the handle: the call or construction that
  /// receives it, the argument it is there, and whether it is emptied on the
  /// spot. std::exchange empties the handle where it is called; std::move
  /// and friends only cast, and the handle is emptied where a new object is
  /// built from the cast: at the call for a by-value parameter, inside the
  /// callee for a reference parameter (`take(std::move(x), x->n)` with
  /// `Owned<T>&&`, `m.emplace(x->n, std::move(x))`, `v[x->n] =
  /// std::move(x)`), after every argument has been evaluated.
  struct Receiver {
    const clang::Stmt* call = nullptr;      // CallExpr or CXXConstructExpr, else the parent
    const clang::Stmt* argument = nullptr;  // the move with its wrappers
    bool emptied_here = true;
  };

  /// A local reference bound to one of the tracked smart pointers, or to
  /// another such reference (`std::unique_ptr<T>& copy = data;`, Juliet's
  /// data-flow variants 31/32): whatever is done through it is done to the
  /// local itself.
  using Aliases = std::map<const clang::ValueDecl*, const clang::VarDecl*>;

  // UseAfterMove.cpp
  void emit(std::vector<Finding>& findings, RuleContext& ctx);

  // OwnedFlow.cpp
  void analyse(const clang::FunctionDecl& fn, RuleContext& ctx);
  static std::vector<int> lambda_reads(const clang::LambdaExpr& lambda, const std::vector<Place>& places,
                                       const clang::ParentMap& parents, std::vector<int>& assigns,
                                       std::vector<int>& moves);
  void analyse_flow(const clang::FunctionDecl& fn, const std::vector<Place>& places, RuleContext& ctx);
  static Receiver receiver_of(const clang::Stmt& move, const clang::ParentMap& parents);
  static bool is_argument_of(const clang::Stmt* call, const clang::Stmt* argument);
  static llvm::SmallVector<const clang::Expr*, 2> moved_into_call(const clang::Stmt& s, const clang::ParentMap& parents);
  static void find_unsequenced(const clang::Stmt& move, const Place& place, const clang::ParentMap& parents,
                               std::vector<Finding>& findings);
  static const clang::Stmt* outside_wrappers(const clang::Stmt*& e, const clang::ParentMap& parents,
                                             bool* constructed = nullptr);
  static llvm::SmallVector<const clang::Expr*, 8> unsequenced_arguments(const clang::Stmt& s);

  // SmartPointers.cpp
  void analyse_smart_pointers(const clang::FunctionDecl& fn, RuleContext& ctx);
  static Aliases local_aliases(const clang::FunctionDecl& fn, const std::vector<const clang::VarDecl*>& vars);
  static const clang::VarDecl* aliased(const Aliases& aliases, const clang::ValueDecl* d);
  static const clang::DeclRefExpr* copied_from(const clang::VarDecl& var);
  static bool is_std_smart_pointer(clang::QualType type);
  static bool is_null_argument(const clang::Expr* e, clang::ASTContext& ast);
  void analyse_smart_pointer_flow(const clang::FunctionDecl& fn, const std::vector<const clang::VarDecl*>& vars,
                                  const Aliases& aliases, RuleContext& ctx);

  std::set<clang::SourceLocation> reported_;  // across instantiations of one template
  Summaries summaries_;
};

}  // namespace meshwa::rules::use_after_move
