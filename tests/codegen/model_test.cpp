// Texts the model makes for --list, --graph and generated comments.
#include <gtest/gtest.h>

#include "model/Model.h"

namespace meshwa::gen {
namespace {

UnsafeMark mark(std::string reason, std::string declaration, std::string file, unsigned line) {
  return UnsafeMark{std::move(reason), std::move(declaration), Location{std::move(file), line, 1}};
}

Service memcached() {
  Service s;
  s.name = "memcached";
  s.qualified_name = "hotel::MemcachedService";
  s.safe = false;
  return s;
}

// Every function of a C file marked with one reason (a hotel deployment's
// memcached had 14 marks) was the reason 14 times on the --list line.
TEST(UnsafeDescription, MarksOfOneReasonAreOneEntryNamingThreeAndCountingTheRest) {
  Service s = memcached();
  s.unsafe = {mark("wraps mc_table.c", "hotel::MemcachedService", "/src/memcached.hpp", 5),
              mark("C slab", "mc_slot", "/src/mc_table.c", 9), mark("C slab", "mc_hash", "/src/mc_table.c", 21),
              mark("C slab", "mc_create", "/src/mc_table.c", 27), mark("C slab", "mc_set", "/src/mc_table.c", 50),
              mark("C slab", "mc_create", "/src/mc_table.h", 15)};
  EXPECT_EQ(s.unsafe_description(),
            "wraps mc_table.c; C slab, via mc_slot at /src/mc_table.c:9, mc_hash at /src/mc_table.c:21, "
            "mc_create at /src/mc_table.c:27 and 2 more in /src/mc_table.c, /src/mc_table.h");
  EXPECT_EQ(s.unsafe_reason(), "wraps mc_table.c; C slab");
}

TEST(UnsafeDescription, AFewMarksAreAllNamed) {
  Service s = memcached();
  s.unsafe = {mark("legacy C file", "c_count", "/src/legacy_count.c", 4),
              mark("raw ring buffer", "Ring", "/src/ring.cpp", 10), mark("legacy C file", "c_peek", "/src/legacy_count.c", 9)};
  EXPECT_EQ(s.unsafe_description(),
            "legacy C file, via c_count at /src/legacy_count.c:4, c_peek at /src/legacy_count.c:9; "
            "raw ring buffer, via Ring at /src/ring.cpp:10");
}

TEST(UnsafeDescription, TheServiceClassMarkSharingAReasonIsNotAVia) {
  Service s = memcached();
  s.unsafe = {mark("C slab", "hotel::MemcachedService", "/src/memcached.hpp", 5),
              mark("C slab", "mc_set", "/src/mc_table.c", 50), mark("", "poke", "/src/poke.cpp", 3)};
  EXPECT_EQ(s.unsafe_description(), "C slab, via mc_set at /src/mc_table.c:50; (no reason given), via poke at /src/poke.cpp:3");
}

// The Ref<I> a service's methods receive (Model::refs_received), which
// --graph draws as calls back: in a parameter, inside a container, and in a
// field of a message (walked once, though it holds itself); a Ref the
// service only returns, or a message of another model, adds none.
TEST(RefsReceived, FindsRefsInParametersContainersAndMessageFields) {
  Model m;
  Message sub;
  sub.qualified_name = "chat::Subscription";
  sub.fields.push_back(Field{"to", "meshwa::Ref<chat::Pager>", {}, "meshwa::Ref<chat::Pager>"});
  sub.fields.push_back(Field{"next", "meshwa::Owned<chat::Subscription>", {}, "meshwa::Owned<chat::Subscription>"});
  m.messages.push_back(sub);
  Interface hub;
  hub.qualified_name = "chat::Hub";
  Method subscribe;
  subscribe.name = "subscribe";
  subscribe.params.push_back(Param{"l", "meshwa::Ref<Listener>", "", "meshwa::Ref<chat::Listener>"});
  subscribe.params.push_back(Param{"more", "std::vector<meshwa::Ref<const chat::Listener>>", "",
                                   "std::vector<meshwa::Ref<const chat::Listener>, std::allocator<meshwa::Ref<const "
                                   "chat::Listener>>>"});
  subscribe.params.push_back(Param{"s", "const chat::Subscription &", "", "const chat::Subscription &"});
  subscribe.params.push_back(Param{"o", "other::Message", "", "other::Message"});
  subscribe.result = "meshwa::Ref<chat::Store>";
  hub.methods.push_back(subscribe);
  m.interfaces.push_back(hub);
  Service s;
  s.interfaces = {"chat::Hub"};
  EXPECT_EQ(m.refs_received(s), (std::vector<std::string>{"chat::Listener", "chat::Pager"}));
  Service none;
  none.interfaces = {"chat::Other"};
  EXPECT_TRUE(m.refs_received(none).empty());
}

}  // namespace

}  // namespace meshwa::gen
