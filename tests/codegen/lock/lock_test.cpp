// breaking_changes over what lock_of records: messages' fields, enums'
// enumerators and their values, methods' parameter names and qualifiers,
// and services matched by name, besides the interfaces that
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
  tier.values = {"1", "2"};
  m.enums.push_back(tier);
  Interface rooms;
  rooms.qualified_name = "chat::Rooms";
  Method role_of;
  role_of.name = "role_of";
  role_of.params = {{"room", "std::string", "std::string"}, {"user", "std::string", "std::string"}};
  role_of.result = "int32_t";
  rooms.methods.push_back(role_of);
  m.interfaces.push_back(rooms);
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
  now.enums[0].values.push_back("3");
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
  now.enums[0].values = {"1", "2"};
  EXPECT_EQ(breaking_changes(lock_of(shop()), lock_of(now)),
            std::vector<std::string>{"enumerator gold of enum shop::Tier was removed or renamed"});
}

// Contracts carry an enum as its number: swapped values replay with the
// meaning reversed.
TEST(Lock, ChangedEnumeratorValueBreaks) {
  Model now = shop();
  now.enums[0].values = {"2", "1"};
  EXPECT_EQ(breaking_changes(lock_of(shop()), lock_of(now)),
            (std::vector<std::string>{
                "the value of enumerator basic of enum shop::Tier changed from 1 to 2: contracts and callers built "
                "earlier carry the number",
                "the value of enumerator gold of enum shop::Tier changed from 2 to 1: contracts and callers built "
                "earlier carry the number"}));
}

// Swapped parameters of one type still compile in every caller.
TEST(Lock, RenamedOrSwappedParametersBreak) {
  Model now = shop();
  std::swap(now.interfaces[0].methods[0].params[0].name, now.interfaces[0].methods[0].params[1].name);
  EXPECT_EQ(breaking_changes(lock_of(shop()), lock_of(now)),
            std::vector<std::string>{"the parameter names of chat::Rooms::role_of changed from ([\"room\",\"user\"]) "
                                     "to ([\"user\",\"room\"])"});
  const std::vector<Break> breaks = breaks_between(lock_of(shop()), lock_of(now));
  ASSERT_EQ(breaks.size(), 1u);
  EXPECT_EQ(breaks[0].consequence,
            "recorded contracts name each argument and would no longer replay, and a caller passing two arguments "
            "of one type by position may now mean the other one");
}

TEST(Lock, AMethodMadeConstOrNoexceptBreaks) {
  Model now = shop();
  now.interfaces[0].methods[0].is_const = true;
  now.interfaces[0].methods[0].is_noexcept = true;
  EXPECT_EQ(breaking_changes(lock_of(shop()), lock_of(now)),
            (std::vector<std::string>{
                "chat::Rooms::role_of became const: every implementation's override must change with it",
                "chat::Rooms::role_of became noexcept: an implementation's override that may throw no longer "
                "compiles"}));
  // Dropping noexcept loosens the contract: overrides that are noexcept still compile.
  EXPECT_EQ(breaking_changes(lock_of(now), lock_of(shop())),
            std::vector<std::string>{
                "chat::Rooms::role_of is no longer const: every implementation's override must change with it"});
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

TEST(Lock, OlderLocksWithoutValuesOrQualifiersStillCompare) {
  nlohmann::json old = lock_of(shop());
  old["enums"]["shop::Tier"].erase("values");
  nlohmann::json& method = old["interfaces"]["chat::Rooms"]["methods"]["role_of"];
  method.erase("param_names");
  method.erase("const");
  method.erase("noexcept");
  Model now = shop();
  now.enums[0].values = {"5", "6"};
  now.interfaces[0].methods[0].params[0].name = "where";
  now.interfaces[0].methods[0].is_const = true;
  EXPECT_TRUE(breaking_changes(old, lock_of(now)).empty());
}

}  // namespace
}  // namespace meshwa::gen
