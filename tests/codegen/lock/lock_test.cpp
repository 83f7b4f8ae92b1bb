// breaking_changes over what lock_of records: messages' fields, enums'
// enumerators and services matched by name, besides the interfaces that
// codegen.lock_rejects_removed_method covers end to end.
#include "lock/Lock.h"

#include <gtest/gtest.h>

namespace meshwa::gen {
namespace {

Model shop() {
  Model m;
  Message money;
  money.name = "Money";
  money.qualified_name = "shop::Money";
  money.fields = {{"currency_code", "std::string"}, {"units", "int64_t"}, {"nanos", "int32_t"}};
  m.messages.push_back(money);
  Enum tier;
  tier.qualified_name = "shop::Tier";
  tier.enumerators = {"basic", "gold"};
  m.enums.push_back(tier);
  Service s;
  s.name = "currency";
  s.qualified_name = "shop::CurrencyService";
  s.interfaces = {"shop::Currency"};
  m.services.push_back(s);
  return m;
}

TEST(Lock, UnchangedModelHasNoBreakingChange) {
  EXPECT_TRUE(breaking_changes(lock_of(shop()), lock_of(shop())).empty());
}

TEST(Lock, AddedFieldsAndEnumeratorsDoNotBreak) {
  Model now = shop();
  now.messages[0].fields.push_back({"note", "std::string"});
  now.enums[0].enumerators.push_back("platinum");
  EXPECT_TRUE(breaking_changes(lock_of(shop()), lock_of(now)).empty());
}

TEST(Lock, RetypedFieldBreaks) {
  Model now = shop();
  now.messages[0].fields[1].type = "int32_t";
  EXPECT_EQ(breaking_changes(lock_of(shop()), lock_of(now)),
            std::vector<std::string>{"the type of field units of message shop::Money changed from int64_t to int32_t"});
}

TEST(Lock, RemovedOrRenamedFieldBreaks) {
  Model now = shop();
  now.messages[0].fields[2].name = "nano";
  EXPECT_EQ(breaking_changes(lock_of(shop()), lock_of(now)),
            std::vector<std::string>{"field nanos of message shop::Money was removed or renamed"});
}

TEST(Lock, RemovedMessageBreaks) {
  Model now = shop();
  now.messages.clear();
  EXPECT_EQ(breaking_changes(lock_of(shop()), lock_of(now)),
            std::vector<std::string>{"message shop::Money was removed"});
}

TEST(Lock, RemovedEnumeratorBreaks) {
  Model now = shop();
  now.enums[0].enumerators = {"basic", "golden"};
  EXPECT_EQ(breaking_changes(lock_of(shop()), lock_of(now)),
            std::vector<std::string>{"enumerator gold of enum shop::Tier was removed or renamed"});
}

TEST(Lock, RenamingTheImplementingClassIsNotABreak) {
  Model now = shop();
  now.services[0].qualified_name = "shop::FastCurrencyService";
  EXPECT_TRUE(breaking_changes(lock_of(shop()), lock_of(now)).empty());
}

TEST(Lock, RenamingTheServiceBreaks) {
  Model now = shop();
  now.services[0].name = "fx";
  EXPECT_EQ(breaking_changes(lock_of(shop()), lock_of(now)),
            std::vector<std::string>{"service 'currency' (shop::CurrencyService) was renamed to 'fx'"});
  now.services[0].qualified_name = "shop::FxService";
  EXPECT_EQ(breaking_changes(lock_of(shop()), lock_of(now)),
            std::vector<std::string>{"service 'currency' (shop::CurrencyService) was removed"});
}

TEST(Lock, OlderLocksWithoutMessagesStillCompare) {
  nlohmann::json old = lock_of(shop());
  old.erase("messages");
  old.erase("enums");
  Model now = shop();
  now.messages[0].fields.clear();
  EXPECT_TRUE(breaking_changes(old, lock_of(now)).empty());
}

}  // namespace
}  // namespace meshwa::gen
