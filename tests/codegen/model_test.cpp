// Texts the model makes for --list, --graph and generated comments.
#include <gtest/gtest.h>

#include "emit/Emit.h"
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
              mark("C slab", "mc_get", "/src/mc_table.h", 15)};
  EXPECT_EQ(s.unsafe_description(),
            "wraps mc_table.c; C slab, via mc_slot at /src/mc_table.c:9, mc_hash at /src/mc_table.c:21, "
            "mc_create at /src/mc_table.c:27 and 2 more in /src/mc_table.c, /src/mc_table.h");
  EXPECT_EQ(s.unsafe_reason(), "wraps mc_table.c; C slab");
}

// A helper marked on its header declaration and on its definition (as the
// unsafe-reason rule asks) is one declaration: a payment service wrapping
// four card-check helpers, three of them declared in a header, said
// "g_digits, normalise, luhn_ok and 4 more" for one more helper (api25).
TEST(UnsafeDescription, AHelperMarkedOnItsDeclarationAndDefinitionIsCountedOnce) {
  Service s = memcached();
  s.unsafe = {mark("card check", "cardcheck::g_digits", "/src/cardcheck.cpp", 7),
              mark("card check", "cardcheck::normalise", "/src/cardcheck.cpp", 9),
              mark("card check", "cardcheck::luhn_ok", "/src/cardcheck.cpp", 23),
              mark("card check", "cardcheck::mask", "/src/cardcheck.cpp", 36),
              mark("card check", "cardcheck::normalise", "/src/cardcheck.hpp", 12),
              mark("card check", "cardcheck::luhn_ok", "/src/cardcheck.hpp", 14),
              mark("card check", "cardcheck::mask", "/src/cardcheck.hpp", 16)};
  EXPECT_EQ(s.unsafe_description(),
            "card check, via cardcheck::g_digits at /src/cardcheck.cpp:7, cardcheck::normalise at /src/cardcheck.cpp:9, "
            "cardcheck::luhn_ok at /src/cardcheck.cpp:23 and 1 more in /src/cardcheck.cpp, /src/cardcheck.hpp");
  // Three helpers, each marked twice, are all named, each at its first mark.
  s.unsafe.erase(s.unsafe.begin());
  EXPECT_EQ(s.unsafe_description(),
            "card check, via cardcheck::normalise at /src/cardcheck.cpp:9, cardcheck::luhn_ok at /src/cardcheck.cpp:23, "
            "cardcheck::mask at /src/cardcheck.cpp:36");
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

// The Ref<I> the calls a service makes return to it (Model::refs_returned):
// in the results of what it asks for, of what it is handed as an argument,
// and of what those results bring in turn (a directory's Ref<Listener>
// whose listener hands out a Ref<Pager>), inside a Result and a message;
// none it asks for or receives as an argument already, and none from the
// results of its own interfaces (those go out).
TEST(RefsReturned, FollowsTheResultsOfWhatItCallsTransitively) {
  Model m;
  Message found;
  found.qualified_name = "chat::Found";
  found.fields.push_back(Field{"listener", "meshwa::Ref<chat::Listener>", {}, "meshwa::Ref<chat::Listener>"});
  m.messages.push_back(found);
  const auto iface = [](const std::string& name, const std::string& result, const std::string& param = "") {
    Interface i;
    i.qualified_name = name;
    Method method;
    method.name = "call";
    method.result = result;
    method.result_canonical = result;
    if (!param.empty()) method.params.push_back(Param{"p", param, "", param});
    i.methods.push_back(method);
    return i;
  };
  m.interfaces.push_back(iface("chat::Directory", "meshwa::Result<chat::Found>"));
  m.interfaces.push_back(iface("chat::Listener", "meshwa::Result<meshwa::Ref<chat::Pager>>"));
  m.interfaces.push_back(iface("chat::Pager", "meshwa::Ref<chat::Directory>"));
  m.interfaces.push_back(iface("chat::Hub", "meshwa::Ref<chat::Store>", "meshwa::Ref<chat::Relay>"));
  m.interfaces.push_back(iface("chat::Relay", "std::vector<meshwa::Ref<chat::Archive>>"));
  Service s;
  s.interfaces = {"chat::Hub"};
  s.dependencies.push_back(Dependency{"chat::Directory", "constructor", {}});
  EXPECT_EQ(m.refs_returned(s), (std::vector<std::string>{"chat::Listener", "chat::Archive", "chat::Pager"}));
  Service alone;
  alone.interfaces = {"chat::Other"};
  EXPECT_TRUE(m.refs_returned(alone).empty());
}

// An interface of namespace cb without methods yet, as the mock tests need them.
Interface cb_interface(const std::string& name) {
  Interface i;
  i.qualified_name = "cb::" + name;
  i.scope = "cb";
  return i;
}

// A mock hands the Ref arguments its action may call back through a
// recorder of those calls (docs/contracts.md §1): also a parameter whose
// type is an alias of a Ref, found by its canonical spelling.
TEST(MockCallbacks, ARefParameterIsRecordedAlsoWhenItsTypeIsAnAlias) {
  Model m;
  m.interfaces.push_back(cb_interface("PaymentListener"));
  Interface payments = cb_interface("Payments");
  Method charge;
  charge.name = "charge";
  charge.result = "void";
  charge.result_value = "void";
  charge.params.push_back(Param{"direct", "meshwa::Ref<cb::PaymentListener>", "meshwa::Ref<cb::PaymentListener>",
                                "meshwa::Ref<cb::PaymentListener>"});
  charge.params.push_back(Param{"aliased", "const cb::ListenerRef &", "cb::ListenerRef",
                                "const meshwa::Ref<cb::PaymentListener> &", ParamKind::const_ref});
  charge.params.push_back(Param{"id", "long", "long", "long"});
  payments.methods.push_back(charge);
  m.interfaces.push_back(payments);
  const std::string mocks = emit_mocks_header(m);
  EXPECT_NE(mocks.find("meshwa_callbacks.wrap_in(direct, \"direct\", meshwa_record);"), std::string::npos) << mocks;
  EXPECT_NE(mocks.find("meshwa_callback_aliased = meshwa_callbacks.wrapped(aliased, \"aliased\", meshwa_record);"),
            std::string::npos)
      << mocks;
  EXPECT_EQ(mocks.find("\"id\", meshwa_record"), std::string::npos) << mocks;
}

// Also a Ref nested in an argument (a message's member, a container's
// element) and a Ref<const I>: the recorder wraps each such argument, and
// declares the recorders of their interfaces (before, neither was wrapped:
// their callbacks went unrecorded and the contract was skipped).
TEST(MockCallbacks, NestedRefsAndConstRefsAreRecorded) {
  Model m;
  m.interfaces.push_back(cb_interface("Listener"));
  m.interfaces.push_back(cb_interface("Ledger"));
  Message notice;
  notice.name = "Notice";
  notice.qualified_name = "cb::Notice";
  notice.scope = "cb";
  notice.fields.push_back(Field{"notify", "meshwa::Ref<cb::Listener>", {}, "meshwa::Ref<cb::Listener>"});
  m.messages.push_back(notice);
  Interface notices = cb_interface("Notices");
  Method send;
  send.name = "send";
  send.result = "void";
  send.result_value = "void";
  send.params.push_back(Param{"notice", "cb::Notice", "cb::Notice", "cb::Notice"});
  send.params.push_back(Param{"all", "std::vector<meshwa::Ref<cb::Listener>>", "std::vector<meshwa::Ref<cb::Listener>>",
                              "std::vector<meshwa::Ref<cb::Listener>>"});
  send.params.push_back(Param{"ledger", "meshwa::Ref<const cb::Ledger>", "meshwa::Ref<const cb::Ledger>",
                              "meshwa::Ref<const cb::Ledger>"});
  // Declared const by value: the recorder cannot replace it, so the mock gets a wrapped copy.
  send.params.push_back(Param{"fixed", "const meshwa::Ref<cb::Listener>", "meshwa::Ref<cb::Listener>",
                              "const meshwa::Ref<cb::Listener>"});
  notices.methods.push_back(send);
  m.interfaces.push_back(notices);
  const std::string mocks = emit_mocks_header(m);
  for (const char* wrapped : {"wrap_in(notice, \"notice\"", "wrap_in(all, \"all\"", "wrap_in(ledger, \"ledger\"",
                              "meshwa_callback_fixed = meshwa_callbacks.wrapped(fixed, \"fixed\"",
                              "meshwa_target_.send(std::move(notice), std::move(all), std::move(ledger), "
                              "meshwa_callback_fixed.get())"}) {
    EXPECT_NE(mocks.find(wrapped), std::string::npos) << wrapped << "\n" << mocks;
  }
  EXPECT_NE(mocks.find("std::shared_ptr<::cb::Listener> meshwa_record_callbacks(::cb::Listener& meshwa_target"),
            std::string::npos)
      << mocks;
  EXPECT_NE(mocks.find("std::shared_ptr<::cb::Ledger> meshwa_record_callbacks(::cb::Ledger& meshwa_target"),
            std::string::npos)
      << mocks;
}

}  // namespace

}  // namespace meshwa::gen
