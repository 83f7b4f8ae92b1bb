// make_all_rules(): instantiates the rules of RuleList.def. Explicit
// registration (no static initialisers), so the order is the list's order.
#include "Rule.h"

namespace meshwa::rules {

#define MESHWA_RULE(Class) std::unique_ptr<Rule> make_##Class();
#include "RuleList.def"

Rule::~Rule() = default;

std::vector<std::unique_ptr<Rule>> make_all_rules() {
  std::vector<std::unique_ptr<Rule>> rules;
#define MESHWA_RULE(Class) rules.push_back(make_##Class());
#include "RuleList.def"
  return rules;
}

std::vector<llvm::StringRef> all_rule_names() {
  static const std::vector<std::unique_ptr<Rule>> rules = make_all_rules();
  std::vector<llvm::StringRef> names;
  names.reserve(rules.size());
  for (const auto& rule : rules) names.push_back(rule->name());
  return names;
}

}  // namespace meshwa::rules
