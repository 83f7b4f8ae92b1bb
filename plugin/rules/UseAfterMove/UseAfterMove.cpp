// meshwa-use-after-move: a meshwa::Owned<T> that was moved from is empty;
// using it again is a compile error (DESIGN.md), not a run-time
// meshwa::EmptyHandle.
//
// Flow-sensitive over the function's CFG (Flow.h), in the manner of
// clang-tidy's bugprone-use-after-move but written for Owned: a local or
// parameter of type meshwa::Owned<T> becomes "moved" at std::move(x) (or
// static_cast<Owned<T>&&>(x)), whatever receives it, and "fine" again when
// it is assigned (x = ...) or declared anew (a loop iteration's fresh local).
// Any read in between on some path is an error: a later statement, a later
// loop iteration, or another argument of the same call (argument evaluation
// order is unspecified). Asking the handle whether it is empty (has_value(),
// `if (x)`) is allowed, and from there on the code is taken to handle the
// empty case itself (the analysis does not follow branches of the test).
//
// Also tracked: an Owned field of a local struct (b.inner: moved by
// std::move(b.inner) or std::move(b), fresh again when b is assigned or
// handed to a function as a whole); std::swap / std::ranges::swap with an
// empty handle (moved from, or declared `Owned<T> y;`), which empties the
// other; a call of a lambda held in a local that captures the handle by
// reference and reads it (a use) or assigns it (a new value); in a member
// function, the Owned members of its own object (`doc_`); and a call of a
// member function on such an object whose visible body moves, reads or
// assigns one of its Owned fields, itself or through the member functions
// it calls on its object (summarise_fields, up to four calls deep).
//
// A local std::unique_ptr / std::shared_ptr is checked only for a
// dereference where it is empty on every path (moved into another smart
// pointer, reset(), = nullptr, declared empty): a null dereference. Other
// uses of it are fine (its moved-from state is specified). Template
// patterns are not analysed (their instantiations are).
#include "UseAfterMove.h"

#include <algorithm>
#include <string>
#include <vector>

#include "Flow.h"
#include "clang/Basic/SourceManager.h"

namespace meshwa::rules {

namespace use_after_move {

void UseAfterMove::check_end_of_translation_unit(RuleContext& /*ctx*/) {
  summaries_.clear();
}

void UseAfterMove::check_function(const clang::FunctionDecl& pattern, RuleContext& ctx) {
  for (const clang::FunctionDecl* fn : flow::bodies_to_analyse(pattern)) {
    analyse(*fn, ctx);
    analyse_smart_pointers(*fn, ctx);
  }
}

void UseAfterMove::emit(std::vector<Finding>& findings, RuleContext& ctx) {
  const clang::SourceManager& sm = ctx.sources();
  std::sort(findings.begin(), findings.end(), [&](const Finding& a, const Finding& b) {
    return sm.isBeforeInTranslationUnit(a.use, b.use);
  });
  // The first use after each move is the one to fix; later ones follow.
  std::set<std::pair<std::string, const clang::Stmt*>> seen;
  std::set<clang::SourceLocation> at;
  for (const Finding& f : findings) {
    const std::string name = f.place.name();
    if (!seen.insert({name, f.move}).second || !at.insert(f.use).second) continue;
    if (!reported_.insert(f.use).second) continue;  // the same finding in another instantiation
    std::string message;
    if (f.method != nullptr) {
      message = "'" + name + "' is used by '" + f.method->getNameAsString() +
                "' after it was moved from; a moved-from meshwa::Owned is empty (using it throws "
                "meshwa::EmptyHandle): give it a new value first, or move it only at its last use";
    } else if (f.lambda != nullptr) {
      message = "'" + name + "' is used after it was moved from, by the lambda '" + f.lambda->getNameAsString() +
                "' that captures it by reference; a moved-from meshwa::Owned is empty (using it throws "
                "meshwa::EmptyHandle): call the lambda before the move, or capture what it needs by value";
    } else if (f.again) {
      message = "'" + name + "' is moved again after it was already moved from; a moved-from meshwa::Owned is "
                "empty, so this passes on nothing: move it once, or give it a new value first (" + name +
                " = meshwa::make_owned<T>(...))";
    } else if (f.unsequenced) {
      message = "'" + name + "' is used in the same call that moves it, and the order in which arguments are "
                "evaluated is unspecified, so it may already be empty; read what you need into a local "
                "before the call";
    } else {
      message = "'" + name + "' is used after it was moved from; a moved-from meshwa::Owned is empty "
                "(using it throws meshwa::EmptyHandle): give it a new value first (" + name +
                " = meshwa::make_owned<T>(...)), or move it only at its last use";
    }
    ctx.report.error(f.use, kName, message);
    const bool later_in_loop = !f.unsequenced && f.move != nullptr &&
                               sm.isBeforeInTranslationUnit(f.use, f.move->getBeginLoc());
    const bool swapped = swap_operands(*f.move).first != nullptr;
    std::string note;
    if (swapped) {
      note = "'" + name + "' was swapped with an empty handle here";
    } else {
      std::optional<Place> moved = local_path(moved_operand(*f.move));
      const std::string what = moved ? moved->name() : name;
      note = what == name ? "'" + name + "' was moved from here" : "'" + name + "' was moved from here, with '" + what + "'";
      if (const auto* mover = llvm::dyn_cast<clang::CXXMemberCallExpr>(f.move); mover != nullptr && mover->getMethodDecl() != nullptr) {
        note = "'" + name + "' was moved from here, by '" + mover->getMethodDecl()->getNameAsString() + "'";
      } else if (const auto* call = llvm::dyn_cast<clang::CallExpr>(f.move);
                 call != nullptr && !moved && call->getDirectCallee() != nullptr) {
        // take(d): a function whose body moves its reference parameter.
        note = "'" + name + "' was moved from here, by '" + call->getDirectCallee()->getNameAsString() + "'";
      }
    }
    if (later_in_loop) note += ", in an earlier iteration of the loop";
    ctx.report.note(f.move->getBeginLoc(), note);
  }
}

}  // namespace use_after_move

std::unique_ptr<Rule> make_UseAfterMove() { return std::make_unique<use_after_move::UseAfterMove>(); }

}  // namespace meshwa::rules
