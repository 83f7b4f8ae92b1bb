// Runs every rule over a translation unit in ONE walk of the AST. Used by the
// plugin (plugin/MeshwaPlugin.cpp) and by anything else that wants the
// plugin's verdict on a translation unit (meshwa gen).
#pragma once

#include <memory>
#include <vector>

#include "Rule.h"

namespace meshwa::rules {

class Checker {
 public:
  /// Checks with every rule of RuleList.def.
  Checker();
  explicit Checker(std::vector<std::unique_ptr<Rule>> rules);
  ~Checker();

  /// Walks the translation unit of `ast` and reports through `report`.
  /// Also reports MESHWA_UNSAFE without a reason ([meshwa-unsafe-reason])
  /// and markers on the wrong kind of declaration ([meshwa-marker]): both
  /// always on, whichever rules it runs.
  void check(clang::ASTContext& ast, Reporter& report);

  [[nodiscard]] const std::vector<std::unique_ptr<Rule>>& rules() const { return rules_; }

  /// -fplugin-arg-meshwa-time-rules: check() measures the CPU time of each
  /// rule's hooks and prints it to stderr, slowest first (docs/plugin.md).
  void set_time_rules(bool on) { time_rules_ = on; }

 private:
  std::vector<std::unique_ptr<Rule>> rules_;
  bool time_rules_ = false;
  void print_rule_times(const std::vector<double>& seconds, double total) const;
};

/// Convenience: check `ast` with every rule, diagnostics into its engine.
/// Returns the number of errors reported. The engine's consumer must still
/// be live (inside an ASTConsumer, as in the plugin); after an ASTUnit has
/// finished parsing, give a Reporter its own engine instead (see
/// tests/plugin/verdict/verdict_test.cpp, count_errors).
unsigned check_translation_unit(clang::ASTContext& ast);

}  // namespace meshwa::rules
