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
  Method balance;  // reaches the message and the enum
  balance.name = "balance";
  balance.params = {{"of", "const shop::Money &", "shop::Money"}};
  balance.result = "meshwa::Result<shop::Tier>";
  rooms.methods.push_back(balance);
  m.interfaces.push_back(rooms);
  Service s;
  s.name = "currency";
  s.qualified_name = "shop::CurrencyService";
  s.interfaces = {"chat::Rooms"};
  m.services.push_back(s);
  return m;
}

// A unit's lock records what its services provide or use, and the messages
// and enums those reach (through fields too), not everything its headers
// declare: one interface change in a shared header fails only the units that
// provide or use it.
TEST(Lock, RecordsOnlyWhatTheUnitsServicesProvideOrUse) {
  Model m = shop();
  Message wallet;  // reached through a field of a reached message
  wallet.qualified_name = "shop::Wallet";
  wallet.fields = {{"coins", "std::vector<shop::Coin>"}};
  Message coin;
  coin.qualified_name = "shop::Coin";
  Message coin_bag;  // a longer name that contains "shop::Coin"
  coin_bag.qualified_name = "shop::CoinBag";
  m.messages.push_back(wallet);
  m.messages.push_back(coin);
  m.messages.push_back(coin_bag);
  m.messages[0].fields.push_back({"wallet", "std::optional<shop::Wallet>"});
  Interface other;  // declared in the same header, neither provided nor used
  other.qualified_name = "chat::Other";
  Method ping;
  ping.name = "ping";
  ping.result = "shop::CoinBag";
  other.methods.push_back(ping);
  m.interfaces.push_back(other);
  Interface used;  // a dependency of the service
  used.qualified_name = "chat::Used";
  m.interfaces.push_back(used);
  m.services[0].dependencies.push_back({"chat::Used", "constructor"});
  const nlohmann::json lock = lock_of(m);
  EXPECT_TRUE(lock["interfaces"].contains("chat::Rooms"));
  EXPECT_TRUE(lock["interfaces"].contains("chat::Used"));
  EXPECT_FALSE(lock["interfaces"].contains("chat::Other"));
  EXPECT_TRUE(lock["messages"].contains("shop::Money"));
  EXPECT_TRUE(lock["messages"].contains("shop::Wallet"));
  EXPECT_TRUE(lock["messages"].contains("shop::Coin"));
  EXPECT_FALSE(lock["messages"].contains("shop::CoinBag"));
  EXPECT_TRUE(lock["enums"].contains("shop::Tier"));
  // So a change to chat::Other is no break for this unit.
  Model changed = m;
  changed.interfaces[1].methods.clear();
  EXPECT_TRUE(breaking_changes(lock, lock_of(changed)).empty());
  // A lock that recorded everything (earlier versions did) is compared on
  // what the unit records now: chat::Other leaving it is no removal, but an
  // interface gone from the headers still is.
  Model everything = m;
  everything.services.clear();
  const nlohmann::json old_lock = lock_of(everything);
  EXPECT_TRUE(breaking_changes(recorded_part(old_lock, m), lock).empty());
  Model gone = m;
  gone.interfaces.pop_back();  // chat::Used
  gone.services[0].dependencies.clear();
  EXPECT_EQ(breaking_changes(recorded_part(old_lock, gone), lock_of(gone)),
            std::vector<std::string>{"interface chat::Used was removed"});
  // A unit without services records all it declares.
  Model declarations = m;
  declarations.services.clear();
  EXPECT_TRUE(lock_of(declarations)["interfaces"].contains("chat::Other"));
}

// An interface the unit's service only reaches through a meshwa::Ref<I> (a
// listener handed to it as an argument, a Ref a dependency's result brings)
// is one it calls: the lock records it, so removing a method of it breaks
// the unit. It was left out, and payment passed a change to the
// PaymentListener it calls back (probe api20).
TEST(Lock, RecordsTheInterfacesReachedThroughRefs) {
  Model m = shop();
  Interface listener;  // handed to the service: Rooms::watch(Ref<chat::Listener>)
  listener.qualified_name = "chat::Listener";
  Method on_post;
  on_post.name = "on_post";
  on_post.params = {{"text", "std::string", "std::string"}};
  on_post.result = "void";
  listener.methods.push_back(on_post);
  m.interfaces.push_back(listener);
  Interface directory;  // brought by a dependency's result: Used::find() -> Ref<chat::Directory>
  directory.qualified_name = "chat::Directory";
  Method size;
  size.name = "size";
  size.result = "int64_t";
  directory.methods.push_back(size);
  m.interfaces.push_back(directory);
  Interface used;
  used.qualified_name = "chat::Used";
  Method find;
  find.name = "find";
  find.result = "meshwa::Result<meshwa::Ref<chat::Directory>>";
  used.methods.push_back(find);
  m.interfaces.push_back(used);
  m.services[0].dependencies.push_back({"chat::Used", "constructor"});
  Method watch;
  watch.name = "watch";
  watch.params = {{"listener", "meshwa::Ref<chat::Listener>", "meshwa::Ref<chat::Listener>"}};
  watch.result = "void";
  m.interfaces[0].methods.push_back(watch);
  const nlohmann::json lock = lock_of(m);
  EXPECT_TRUE(lock["interfaces"].contains("chat::Listener"));
  EXPECT_TRUE(lock["interfaces"].contains("chat::Directory"));
  Model changed = m;
  changed.interfaces[1].methods.clear();
  EXPECT_EQ(breaking_changes(lock, lock_of(changed)),
            std::vector<std::string>{"method chat::Listener::on_post was removed"});
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

// shop() with aliases, as meshwa gen records them: spelled as written,
// and with every alias resolved. `Cash` names shop::Money, `Units` int64_t,
// `Grade` meshwa::Result<shop::Tier>.
Model shop_with_aliases() {
  Model m = shop();
  for (Method& meth : m.interfaces[0].methods) {
    meth.result_canonical = meth.result;
    for (Param& p : meth.params) p.canonical = p.type;
  }
  for (Field& f : m.messages[0].fields) f.canonical = f.type;
  Method& balance = m.interfaces[0].methods[1];
  balance.params[0].type = "const shop::Cash &";
  balance.result = "shop::Grade";
  m.messages[0].fields[1].type = "shop::Units";
  m.messages[0].fields[1].canonical = "long";
  return m;
}

// An alias that now names another type (`using Cash = Euro;`) changes what
// crosses while its spelling stays: a break, said with the types it
// resolves to (it passed unnoticed). An alias replaced by the type it names,
// or the other way round, changes nothing for callers: no break (it was one).
TEST(Lock, AnAliasNamingAnotherTypeBreaksAndAnAliasReplacedByItsTypeDoesNot) {
  // Reached through the alias `Cash` alone, shop::Money is recorded too.
  ASSERT_TRUE(lock_of(shop_with_aliases())["messages"].contains("shop::Money"));
  Model retargeted = shop_with_aliases();
  Method& balance = retargeted.interfaces[0].methods[1];
  balance.params[0].canonical = "const shop::Euro &";
  balance.result_canonical = "meshwa::Result<shop::Rank>";
  EXPECT_EQ(breaking_changes(recorded_part(lock_of(shop_with_aliases()), retargeted), lock_of(retargeted)),
            (std::vector<std::string>{
                "the result of chat::Rooms::balance changed from shop::Grade (meshwa::Result<shop::Tier>) to "
                "shop::Grade (meshwa::Result<shop::Rank>)",
                "the parameters of chat::Rooms::balance changed from (const shop::Money &) to "
                "(const shop::Euro &)"}));
  Model field_retargeted = shop_with_aliases();
  field_retargeted.messages[0].fields[1].canonical = "double";
  EXPECT_EQ(breaking_changes(lock_of(shop_with_aliases()), lock_of(field_retargeted)),
            std::vector<std::string>{
                "the type of field units of message shop::Money changed from shop::Units (long) to shop::Units "
                "(double)"});

  Model spelled_out = shop_with_aliases();
  Method& plain = spelled_out.interfaces[0].methods[1];
  plain.params[0].type = "const shop::Money &";
  plain.result = "meshwa::Result<shop::Tier>";
  spelled_out.messages[0].fields[1].type = "int64_t";
  EXPECT_TRUE(breaking_changes(lock_of(shop_with_aliases()), lock_of(spelled_out)).empty());
  EXPECT_TRUE(breaking_changes(lock_of(spelled_out), lock_of(shop_with_aliases())).empty());

  // A lock written before the resolved types were recorded compares the
  // spellings, as it did.
  nlohmann::json older = lock_of(shop_with_aliases());
  for (auto& [key, method] : older["interfaces"]["chat::Rooms"]["methods"].items()) {
    method.erase("canonical_params");
    method.erase("canonical_result");
  }
  older["messages"]["shop::Money"].erase("canonical_fields");
  EXPECT_EQ(breaking_changes(older, lock_of(spelled_out)).size(), 3u);
  EXPECT_TRUE(lock_problems(lock_of(shop_with_aliases())).empty());
  // Such a lock with nothing else to add needs no writing (a read-only
  // checkout builds); with an addition it is written, resolved types and all.
  EXPECT_EQ(without_unrecorded_resolved_types(lock_of(shop_with_aliases()), older), older);
  Model added = shop_with_aliases();
  added.messages[0].fields.push_back({"note", "std::string"});
  EXPECT_NE(without_unrecorded_resolved_types(lock_of(added), older), older);
  EXPECT_EQ(without_unrecorded_resolved_types(lock_of(added), lock_of(shop_with_aliases())), lock_of(added));
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
  // The remedy is an enumerator's, not a method's "keep the old signature";
  // the break is about the enum, which meshwa gen reports at its declaration.
  const std::vector<Break> breaks = breaks_between(lock_of(shop()), lock_of(now));
  ASSERT_EQ(breaks.size(), 1u);
  EXPECT_EQ(breaks[0].kind, "enum");
  EXPECT_EQ(breaks[0].name, "shop::Tier");
  EXPECT_EQ(breaks[0].remedy, "keep gold, as an alias of the new name if you renamed it (`gold = new_name`)");
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
            std::vector<std::string>{
                "the parameter names of chat::Rooms::role_of changed from (room, user) to (user, room)"});
  const std::vector<Break> breaks = breaks_between(lock_of(shop()), lock_of(now));
  ASSERT_EQ(breaks.size(), 1u);
  EXPECT_EQ(breaks[0].consequence,
            "recorded contracts name each argument and would no longer replay, and a caller passing two arguments "
            "of one type by position may now mean the other one");
}

// Parameters of distinct types cannot trade places in a call that compiles:
// their renaming breaks recorded contracts only, and says no more.
TEST(Lock, RenamedParametersOfDistinctTypesBreakOnlyContracts) {
  Model old = shop();
  old.interfaces[0].methods[0].params[1] = {"nights", "int32_t", "int32_t"};
  Model now = old;
  std::swap(now.interfaces[0].methods[0].params[0].name, now.interfaces[0].methods[0].params[1].name);
  const std::vector<Break> breaks = breaks_between(lock_of(old), lock_of(now));
  ASSERT_EQ(breaks.size(), 1u);
  EXPECT_EQ(breaks[0].text,
            "the parameter names of chat::Rooms::role_of changed from (room, nights) to (nights, room)");
  EXPECT_EQ(breaks[0].consequence, "recorded contracts name each argument and would no longer replay");
}

// The near misses: one of two parameters of one type renamed (no swap by
// name) may still have changed which argument is which; so may one taken by
// const reference next to one taken by value, which take the same argument.
TEST(Lock, ARenamedParameterThatSharesItsArgumentTypeMaySwapArguments) {
  Model now = shop();
  now.interfaces[0].methods[0].params[0].name = "place";
  std::vector<Break> breaks = breaks_between(lock_of(shop()), lock_of(now));
  ASSERT_EQ(breaks.size(), 1u);
  EXPECT_EQ(breaks[0].text, "the parameter names of chat::Rooms::role_of changed from (room, user) to (place, user)");
  EXPECT_NE(breaks[0].consequence.find("two arguments of one type by position may now mean the other one"),
            std::string::npos);
  Model old = shop();
  old.interfaces[0].methods[0].params[1].type = "const std::string &";
  now = old;
  now.interfaces[0].methods[0].params[1].name = "member";
  breaks = breaks_between(lock_of(old), lock_of(now));
  ASSERT_EQ(breaks.size(), 1u);
  EXPECT_NE(breaks[0].consequence.find("two arguments of one type by position may now mean the other one"),
            std::string::npos);
}

// A borrow made a copy (`const std::string &` -> `std::string`) takes the
// same arguments: callers still compile, the overrides do not. An rvalue
// reference or another type is a change callers see, and says the usual.
TEST(Lock, ABorrowMadeACopyBreaksOnlyTheOverrides) {
  Model old = shop();
  old.interfaces[0].methods[0].params[0].type = "const std::string &";
  Model now = shop();
  std::vector<Break> breaks = breaks_between(lock_of(old), lock_of(now));
  ASSERT_EQ(breaks.size(), 1u);
  EXPECT_EQ(breaks[0].text,
            "the parameters of chat::Rooms::role_of changed from (const std::string &, std::string) to "
            "(std::string, std::string)");
  EXPECT_EQ(breaks[0].consequence,
            "callers still compile (they pass the same arguments), but every implementation's override must "
            "change with it");
  breaks = breaks_between(lock_of(now), lock_of(old));
  ASSERT_EQ(breaks.size(), 1u);
  EXPECT_EQ(breaks[0].consequence.find("callers still compile"), 0u);

  // Recorded with aliases resolved, those are compared: `const Key &` (Key
  // is std::string) -> `std::string`.
  const auto resolved = [](Model m, const std::string& first) {
    Method& role_of = m.interfaces[0].methods[0];
    role_of.result_canonical = role_of.result;
    for (Param& p : role_of.params) p.canonical = p.type;
    role_of.params[0].canonical = first;
    return m;
  };
  Model keyed = resolved(shop(), "const std::string &");
  keyed.interfaces[0].methods[0].params[0].type = "const chat::Key &";
  breaks = breaks_between(lock_of(keyed), lock_of(resolved(shop(), "std::string")));
  ASSERT_EQ(breaks.size(), 1u);
  EXPECT_EQ(breaks[0].consequence.find("callers still compile"), 0u);

  Model moved = shop();
  moved.interfaces[0].methods[0].params[0].type = "std::string &&";
  breaks = breaks_between(lock_of(shop()), lock_of(moved));
  ASSERT_EQ(breaks.size(), 1u);
  EXPECT_EQ(breaks[0].consequence, "callers built against the lock would break");
  Model retyped = shop();
  retyped.interfaces[0].methods[0].params[0].type = "const int32_t &";
  breaks = breaks_between(lock_of(shop()), lock_of(retyped));
  ASSERT_EQ(breaks.size(), 1u);
  EXPECT_EQ(breaks[0].consequence, "callers built against the lock would break");
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

// A second overload re-keys the first ("role_of" -> "role_of(std::string,
// std::string)"): the same method, so no break, and rekeys_between names it
// for the warning about contracts recorded under the old key. Removing the
// overload again re-keys it back.
TEST(Lock, AddingOrRemovingAnOverloadRekeysTheMethodWithoutABreak) {
  Model now = shop();
  Method one = now.interfaces[0].methods[0];
  one.params.pop_back();
  now.interfaces[0].methods.push_back(one);
  EXPECT_TRUE(breaking_changes(lock_of(shop()), lock_of(now)).empty());
  const std::vector<Rekey> added = rekeys_between(lock_of(shop()), lock_of(now));
  ASSERT_EQ(added.size(), 1u);
  EXPECT_EQ(added[0].interface, "chat::Rooms");
  EXPECT_EQ(added[0].old_key, "role_of");
  EXPECT_EQ(added[0].new_key, "role_of(std::string, std::string)");
  EXPECT_TRUE(added[0].old_spelling.empty() && added[0].new_spelling.empty());  // spelled alike
  // Removing the new overload again: the old one is back under its name.
  const std::vector<Rekey> back = rekeys_between(lock_of(now), lock_of(shop()));
  ASSERT_EQ(back.size(), 1u);
  EXPECT_EQ(back[0].old_key, "role_of(std::string, std::string)");
  EXPECT_EQ(back[0].new_key, "role_of");
  EXPECT_EQ(breaking_changes(lock_of(now), lock_of(shop())),
            std::vector<std::string>{"method chat::Rooms::role_of(std::string) was removed"});
  EXPECT_TRUE(rekeys_between(lock_of(shop()), lock_of(shop())).empty());
}

// An overload is keyed by its parameter types as spelled: spelling out an
// alias (`role_of(chat::Room, std::string)` -> `role_of(std::string,
// std::string)`, `using Room = std::string;`) re-keys it, and the lock
// matches it by the types resolved: the same method, no break (it read as
// "removed" plus an addition). A parameter that takes another type now,
// spelled out or through the same alias, still breaks, and a lock written
// before the resolved types were recorded compares the spellings.
Model overloaded_with_alias() {
  Model m = shop();
  for (Method& meth : m.interfaces[0].methods) {
    meth.result_canonical = meth.result;
    for (Param& p : meth.params) p.canonical = p.type;
  }
  Method& role_of = m.interfaces[0].methods[0];
  role_of.params[0].type = "chat::Room";
  Method by_id = role_of;
  by_id.params = {{"id", "int32_t", "int32_t", "int"}};
  m.interfaces[0].methods.push_back(by_id);
  return m;
}

TEST(Lock, AnOverloadWhoseAliasIsSpelledOutIsRekeyedWithoutABreak) {
  const nlohmann::json locked = lock_of(overloaded_with_alias());
  ASSERT_TRUE(locked["interfaces"]["chat::Rooms"]["methods"].contains("role_of(chat::Room, std::string)"));
  Model spelled_out = overloaded_with_alias();
  spelled_out.interfaces[0].methods[0].params[0].type = "std::string";
  EXPECT_TRUE(breaking_changes(locked, lock_of(spelled_out)).empty());
  const std::vector<Rekey> rekeys = rekeys_between(locked, lock_of(spelled_out));
  ASSERT_EQ(rekeys.size(), 1u);
  EXPECT_EQ(rekeys[0].old_key, "role_of(chat::Room, std::string)");
  EXPECT_EQ(rekeys[0].new_key, "role_of(std::string, std::string)");
  EXPECT_EQ(rekeys[0].old_spelling, "chat::Room, std::string");
  EXPECT_EQ(rekeys[0].new_spelling, "std::string, std::string");
  // And back: the alias written again.
  EXPECT_TRUE(breaking_changes(lock_of(spelled_out), locked).empty());
}

// A lock whose only change is re-keys needs no update (a read-only lock
// then fails nothing): with the re-keys recorded it is what the lock would
// be now. A re-key that comes with an added overload, or with another
// change to the method (its noexcept), is not all that changed.
TEST(Lock, ALockWithItsRekeysRecordedIsTheLockNowWhenNothingElseChanged) {
  const nlohmann::json locked = lock_of(overloaded_with_alias());
  Model spelled_out = overloaded_with_alias();
  spelled_out.interfaces[0].methods[0].params[0].type = "std::string";
  const nlohmann::json now = lock_of(spelled_out);
  EXPECT_EQ(with_rekeys_recorded(locked, rekeys_between(locked, now), now), now);
  Model qualified = spelled_out;
  qualified.interfaces[0].methods[0].is_noexcept = !qualified.interfaces[0].methods[0].is_noexcept;
  const nlohmann::json qualified_now = lock_of(qualified);
  EXPECT_NE(with_rekeys_recorded(locked, rekeys_between(locked, qualified_now), qualified_now), qualified_now);
  Model added = shop();
  Method one = added.interfaces[0].methods[0];
  one.params.pop_back();
  added.interfaces[0].methods.push_back(one);
  const nlohmann::json added_now = lock_of(added);
  const std::vector<Rekey> rekeys = rekeys_between(lock_of(shop()), added_now);
  ASSERT_EQ(rekeys.size(), 1u);
  EXPECT_NE(with_rekeys_recorded(lock_of(shop()), rekeys, added_now), added_now);
}

TEST(Lock, AnOverloadThatTakesAnotherTypeStillBreaks) {
  const nlohmann::json locked = lock_of(overloaded_with_alias());
  // Spelled out as another type: the overload of the lock is gone.
  Model retyped = overloaded_with_alias();
  retyped.interfaces[0].methods[0].params[0] = {"room", "int64_t", "int64_t", "long"};
  EXPECT_EQ(breaking_changes(locked, lock_of(retyped)),
            std::vector<std::string>{"method chat::Rooms::role_of(chat::Room, std::string) was removed"});
  EXPECT_TRUE(rekeys_between(locked, lock_of(retyped)).empty());
  // The alias names another type now: the same key, another type.
  Model retargeted = overloaded_with_alias();
  retargeted.interfaces[0].methods[0].params[0].canonical = "long";
  EXPECT_EQ(breaking_changes(locked, lock_of(retargeted)),
            std::vector<std::string>{"the parameters of chat::Rooms::role_of(chat::Room, std::string) changed from "
                                     "(std::string, std::string) to (long, std::string)"});
  // A lock written before the resolved types were recorded knows only the
  // spelling: spelling the alias out reads as the removal, as it did.
  nlohmann::json older = locked;
  for (auto& [key, method] : older["interfaces"]["chat::Rooms"]["methods"].items()) {
    method.erase("canonical_params");
    method.erase("canonical_result");
  }
  Model spelled_out = overloaded_with_alias();
  spelled_out.interfaces[0].methods[0].params[0].type = "std::string";
  EXPECT_EQ(breaking_changes(older, lock_of(spelled_out)),
            std::vector<std::string>{"method chat::Rooms::role_of(chat::Room, std::string) was removed"});
  // Unchanged, it is only read (it lacks only the resolved types).
  EXPECT_TRUE(breaking_changes(older, locked).empty());
  EXPECT_EQ(without_unrecorded_resolved_types(locked, older), older);
}

// A const method gets a non-const twin: the lock's "role_of" (const) is now
// "role_of(...) const", not the new non-const one ("is no longer const"
// would be a false break). Removing the non-const twin is its removal, not
// the const one "made const".
TEST(Lock, ANonConstTwinOfAConstMethodIsAnAdditionAndItsRemovalARemoval) {
  Model old = shop();
  old.interfaces[0].methods[0].is_const = true;
  Model now = old;
  Method twin = now.interfaces[0].methods[0];
  twin.is_const = false;
  now.interfaces[0].methods.push_back(twin);
  EXPECT_TRUE(breaking_changes(lock_of(old), lock_of(now)).empty());
  const std::vector<Rekey> rekeys = rekeys_between(lock_of(old), lock_of(now));
  ASSERT_EQ(rekeys.size(), 1u);
  EXPECT_EQ(rekeys[0].new_key, "role_of(std::string, std::string) const");
  EXPECT_EQ(breaking_changes(lock_of(now), lock_of(old)),
            std::vector<std::string>{"method chat::Rooms::role_of(std::string, std::string) was removed"});
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

// A lock file not as lock_of writes it is an error naming the entry, never
// read leniently: a "methods" that is null read as no methods would have
// the lock rewritten without them.
std::vector<std::string> problems_of(const nlohmann::json& lock) {
  std::vector<std::string> out;
  for (const LockProblem& p : lock_problems(lock)) out.push_back(p.str());
  return out;
}

TEST(LockProblems, WhatLockOfWritesAndOlderLocksHaveNone) {
  EXPECT_TRUE(lock_problems(lock_of(shop())).empty());
  nlohmann::json old = lock_of(shop());
  old.erase("unit");
  old.erase("messages");
  old.erase("enums");
  old["interfaces"]["chat::Rooms"]["methods"]["role_of"].erase("param_names");
  old["interfaces"]["chat::Rooms"]["methods"]["role_of"].erase("const");
  old["future_key"] = 3;  // keys meshwa does not write are no problem
  EXPECT_TRUE(lock_problems(old).empty());
}

TEST(LockProblems, EachMalformedEntryIsNamed) {
  nlohmann::json lock = lock_of(shop());
  nlohmann::json& methods = lock["interfaces"]["chat::Rooms"]["methods"];
  methods["role_of"].erase("params");
  methods["balance"]["params"][0] = 5;
  lock["services"]["shop::CurrencyService"]["name"] = nullptr;
  lock["messages"]["shop::Money"]["fields"]["units"] = 64;
  lock["enums"]["shop::Tier"]["values"]["gold"] = 2;
  EXPECT_EQ(problems_of(lock),
            (std::vector<std::string>{
                "method chat::Rooms::balance: \"params\" has a number (5) as item 1, where meshwa writes its "
                "parameter types (strings)",
                "method chat::Rooms::role_of: has no \"params\", where meshwa writes an array of its parameter types",
                "service shop::CurrencyService: \"name\" is null, where meshwa writes a string",
                "message shop::Money: \"fields\" has a number (64) as \"units\", where meshwa writes its fields' "
                "types (strings)",
                "enum shop::Tier: \"values\" has a number (2) as \"gold\", where meshwa writes its enumerators' "
                "values (strings)"}));
  lock = lock_of(shop());
  lock["interfaces"]["chat::Rooms"]["methods"] = nullptr;
  EXPECT_EQ(problems_of(lock), (std::vector<std::string>{"interface chat::Rooms: \"methods\" is null, where meshwa "
                                                         "writes an object of its methods"}));
  lock["interfaces"]["chat::Rooms"] = 5;
  EXPECT_EQ(problems_of(lock), (std::vector<std::string>{"interface chat::Rooms: is a number (5), where meshwa "
                                                         "writes an object of its \"methods\""}));
}

TEST(LockProblems, TheFileItself) {
  nlohmann::json lock = lock_of(shop());
  lock["version"] = 2;
  EXPECT_EQ(problems_of(lock), (std::vector<std::string>{"the lock file's \"version\" is 2; this meshwa reads "
                                                         "version 1 (a newer meshwa wrote it: use that one)"}));
  lock["version"] = "1";
  EXPECT_EQ(problems_of(lock),
            (std::vector<std::string>{"the lock file's \"version\" is \"1\"; this meshwa reads version 1"}));
  lock = lock_of(shop());
  lock.erase("interfaces");
  lock["services"] = "x";
  EXPECT_EQ(problems_of(lock), (std::vector<std::string>{
                                   "the lock file has no \"interfaces\", where meshwa writes an object of interfaces",
                                   "the lock file's \"services\" is a string, where meshwa writes an object of "
                                   "services"}));
  EXPECT_EQ(problems_of(nlohmann::json::array()), (std::vector<std::string>{"the lock file is not a JSON object"}));
}

// JSON keeps the last of two entries of one name: the other would be lost
// silently, so parse_lock says which entry is written twice.
TEST(LockProblems, AnEntryWrittenTwice) {
  std::vector<LockProblem> problems;
  const nlohmann::json lock = parse_lock(
      R"({"version": 1, "interfaces": {"a::I": {"methods": {"f": {"params": [], "result": "int32_t"},
                                                           "f": {"params": [], "result": "int32_t"}}},
                                       "a::I": {"methods": {}}},
          "services": {}})",
      problems);
  ASSERT_FALSE(lock.is_discarded());
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_EQ(problems[0].str(), "method a::I::f: is written twice, and JSON keeps only the last one (the other would "
                               "be silently lost)");
  EXPECT_EQ(problems[1].entry, "interface a::I");
  problems.clear();
  // Keys repeated in different objects are no repetition.
  parse_lock(lock_of(shop()).dump(2), problems);
  EXPECT_TRUE(problems.empty());
  EXPECT_TRUE(parse_lock("{\"version\": ", problems).is_discarded());
}

// Copying JSON recurses once per level: a lock nested thousands of levels
// deep (under a key meshwa does not even read) is refused while it is parsed.
TEST(LockProblems, NestedFarDeeperThanALock) {
  std::vector<LockProblem> problems;
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  EXPECT_TRUE(parse_lock(R"({"version": 1, "interfaces": {}, "services": {}, "x": )" + deep + "}", problems)
                  .is_discarded());
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].str(), "the lock file's JSON is nested more than 64 levels deep, far deeper than meshwa writes");
}

}  // namespace
}  // namespace meshwa::gen
