// One memo for the recursive walks over types and records that stop at the
// first find: `F<B, B, B>` with `using B = F<A, A, A>` and so on, or a struct
// of eight fields of a struct of eight fields, names each node many times,
// and looking into every mention is exponential in the nesting (clang's
// CodeGenCXX/pr29160 took over a minute). Each node is looked into once per
// depth it is met at no deeper than before: a walk limited by depth still
// sees everything it saw without the memo, in polynomial time.
#pragma once

#include "llvm/ADT/DenseMap.h"

namespace meshwa::rules {

class LeastDepth {
 public:
  /// Should the walk look into `node` (a type or a declaration) at `depth`?
  /// No if it has looked into it before from no deeper: it found nothing
  /// there then (a find ends the walk), and would find nothing now.
  bool worth_walking(const void* node, int depth) {
    auto [seen, first] = least_.try_emplace(node, depth);
    if (first) return true;
    if (seen->second <= depth) return false;
    seen->second = depth;
    return true;
  }

 private:
  llvm::DenseMap<const void*, int> least_;
};

}  // namespace meshwa::rules
