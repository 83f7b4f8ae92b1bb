// Consumer tests of 'shop' against a mock Payments whose action calls back
// into the Ref<PaymentListener> it is given, as the real provider does: the
// call and the shop's own answer are recorded with the interaction
// (contracts/shop--ShopTest.BuysAndIsToldOfTheCharge.json), and the
// payments provider's replay answers its call with it (docs/contracts.md §1).
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <string>
#include <thread>
#include <vector>

#include <gmock/gmock.h>

#include "callbacks/shop.hpp"
#include "callbacks_shop.mocks.hpp"

using ::testing::_;

TEST(ShopTest, BuysAndIsToldOfTheCharge) {
  cb::MockPayments payments;
  EXPECT_CALL(payments, charge(_, _)).WillOnce([](cb::Order order, meshwa::Ref<cb::PaymentListener> listener) {
    const meshwa::Result<std::string> ack = listener->on_charged(order.id);
    return cb::Receipt{order.id, "charged:" + ack.value()};
  });
  meshwa::gen::TestContext ctx("shop");
  ctx.provide<cb::Payments>(payments);
  cb::ShopService shop(ctx);
  ctx.provide<cb::PaymentListener>(shop);
  EXPECT_EQ(shop.buy(7, 100), "charged:ack-7");
  const nlohmann::json& interactions = ctx.log().interactions();
  ASSERT_EQ(interactions.size(), 1u);  // the callback is no interaction of its own
  EXPECT_EQ(interactions[0].at("callbacks"),
            nlohmann::json::parse(R"([{"interface": "cb::PaymentListener", "method": "on_charged",
                                      "request": {"order_id": 7}, "response": {"value": "ack-7"},
                                      "through": "listener"}])"));
}

// A mock that keeps the Ref and calls it after its interaction ended: that
// call reaches the shop, and is recorded nowhere (no interaction the replay
// makes was running), which the test's output says (before, silently).
TEST(ShopTest, ACallThroughAKeptRefAfterItsInteractionIsNotRecorded) {
  cb::MockPayments payments;
  meshwa::Ref<cb::PaymentListener> kept;
  EXPECT_CALL(payments, charge(_, _)).WillOnce([&](cb::Order order, meshwa::Ref<cb::PaymentListener> listener) {
    kept = listener;
    return cb::Receipt{order.id, "charged"};
  });
  meshwa::gen::TestContext ctx("shop", "", "");
  ctx.provide<cb::Payments>(payments);
  cb::ShopService shop(ctx);
  ctx.provide<cb::PaymentListener>(shop);
  EXPECT_EQ(shop.buy(8, 1), "charged");
  ::testing::internal::CaptureStderr();
  EXPECT_EQ(kept->on_charged(8).value(), "ack-8");
  EXPECT_EQ(kept->on_charged(8).value(), "ack-8");
  const std::string said = ::testing::internal::GetCapturedStderr();
  EXPECT_EQ(said,
            "meshwa: cb::PaymentListener::on_charged was called through the Ref listener handed to cb::Payments::charge "
            "after that call returned; it is not recorded in the contract (a callback is recorded with the interaction "
            "during which it is made): the consumer's object answered it, a replay answers such a call with a "
            "generated value. Make the mock's action call it before it returns\n");  // once
  ASSERT_EQ(ctx.log().interactions().size(), 1u);
  EXPECT_FALSE(ctx.log().interactions()[0].contains("callbacks"));
}

// Refs inside the arguments (a message's member, a vector's elements, a
// map's values, an optional): the calls through each are recorded, with the
// path of the Ref, in the order they were made
// (contracts/shop--ShopTest.NestedRefsAreRecordedWithTheirPaths.json, which
// the payments provider's replay answers and compares).
TEST(ShopTest, NestedRefsAreRecordedWithTheirPaths) {
  cb::MockNotices notices;
  EXPECT_CALL(notices, broadcast(_, _, _, _))
      .WillOnce([](cb::Notice notice, std::vector<meshwa::Ref<cb::PaymentListener>> listeners,
                   std::map<std::string, meshwa::Ref<cb::PaymentListener>> by_name,
                   std::optional<meshwa::Ref<cb::PaymentListener>> extra) {
        std::string out = notice.text + " " + notice.notify->on_charged(1).value();
        out += " " + listeners.at(0)->on_charged(10).value();
        out += " " + listeners.at(1)->on_charged(11).value();
        out += " " + by_name.at("a")->on_charged(100).value();
        out += " " + by_name.at("b")->on_charged(101).value();
        return out + " " + (*extra)->on_charged(1000).value();
      });
  meshwa::gen::TestContext ctx("shop");
  ctx.provide<cb::Notices>(notices);
  cb::ShopService shop(ctx);
  ctx.provide<cb::PaymentListener>(shop);
  const meshwa::Ref<cb::PaymentListener> me = ctx.ref<cb::PaymentListener>();
  EXPECT_EQ(ctx.ref<cb::Notices>()->broadcast(cb::Notice{"hi", me}, {me, me}, {{"a", me}, {"b", me}}, me),
            "hi ack-1 ack-10 ack-11 ack-100 ack-101 ack-1000");
  const nlohmann::json& interactions = ctx.log().interactions();
  ASSERT_EQ(interactions.size(), 1u);
  std::vector<std::string> through;
  for (const nlohmann::json& callback : interactions[0].at("callbacks")) {
    through.push_back(callback.at("through").get<std::string>() + " " + callback.at("request").dump());
  }
  EXPECT_EQ(through, (std::vector<std::string>{
                         R"(notice.notify {"order_id":1})", R"(listeners[0] {"order_id":10})",
                         R"(listeners[1] {"order_id":11})", R"(by_name["a"] {"order_id":100})",
                         R"(by_name["b"] {"order_id":101})", R"(extra {"order_id":1000})"}));
}

// A message lent by const&: the mock gets a copy whose Ref is recorded.
TEST(ShopTest, ARefInAnArgumentLentByConstRefIsRecorded) {
  cb::MockNotices notices;
  EXPECT_CALL(notices, relay(_)).WillOnce([](const cb::Notice& notice) {
    return notice.text + " " + notice.notify->on_charged(2).value();
  });
  meshwa::gen::TestContext ctx("shop", "", "");
  ctx.provide<cb::Notices>(notices);
  cb::ShopService shop(ctx);
  ctx.provide<cb::PaymentListener>(shop);
  EXPECT_EQ(ctx.ref<cb::Notices>()->relay(cb::Notice{"yo", ctx.ref<cb::PaymentListener>()}), "yo ack-2");
  ASSERT_EQ(ctx.log().interactions().size(), 1u);
  EXPECT_EQ(ctx.log().interactions()[0].at("callbacks"),
            nlohmann::json::parse(R"([{"interface": "cb::PaymentListener", "method": "on_charged",
                                      "request": {"order_id": 2}, "response": {"value": "ack-2"},
                                      "through": "notice.notify"}])"));
}

// A Ref<const I> argument is recorded as a Ref<I> is (its calls can only be
// I's const methods); callbacks of two interfaces in one list, in the order
// they were made (contracts/shop--ShopTest.AuditsThroughAConstRef.json: the
// replay checks that order, CALLBACKS_PAYMENTS=reorder fails it).
TEST(ShopTest, AuditsThroughAConstRef) {
  cb::MockNotices notices;
  EXPECT_CALL(notices, audit(_, _))
      .WillOnce([](meshwa::Ref<const cb::Ledger> ledger, meshwa::Ref<cb::PaymentListener> listener) {
        const std::int64_t balance = ledger->balance();
        return std::to_string(balance + 1) + " " + listener->on_charged(7).value();
      });
  meshwa::gen::TestContext ctx("shop");
  ctx.provide<cb::Notices>(notices);
  cb::ShopService shop(ctx);
  ctx.provide<cb::PaymentListener>(shop);
  ctx.provide<cb::Ledger>(shop);
  const meshwa::Ref<const cb::Ledger> ledger(*ctx.ref<cb::Ledger>());
  EXPECT_EQ(ctx.ref<cb::Notices>()->audit(ledger, ctx.ref<cb::PaymentListener>()), "43 ack-7");
  ASSERT_EQ(ctx.log().interactions().size(), 1u);
  EXPECT_EQ(ctx.log().interactions()[0].at("callbacks"),
            nlohmann::json::parse(R"([{"interface": "cb::Ledger", "method": "balance", "request": {},
                                       "response": 42, "through": "ledger"},
                                      {"interface": "cb::PaymentListener", "method": "on_charged",
                                       "request": {"order_id": 7}, "response": {"value": "ack-7"},
                                       "through": "listener"}])"));
}

// A consumer that hands a provider a Ref to another of its mocked
// dependencies: the provider's calls through it are recorded once, as
// callbacks of the interaction that handed it over (where the provider made
// them), answered by that dependency's mock; not also as the consumer's own
// interactions with that dependency, which it never made (before, both).
TEST(FrontTest, ARefToAnotherMockedDependencyIsRecordedOnceAsACallback) {
  cb::MockPayments payments;
  cb::MockPaymentListener listener;
  EXPECT_CALL(listener, on_charged(7)).WillOnce(::testing::Return(meshwa::Result<std::string>("mocked-7")));
  EXPECT_CALL(payments, charge(_, _)).WillOnce([](cb::Order order, meshwa::Ref<cb::PaymentListener> l) {
    return cb::Receipt{order.id, "charged:" + l->on_charged(order.id).value()};
  });
  meshwa::gen::TestContext ctx("front", "", "");
  ctx.provide<cb::Payments>(payments);
  ctx.provide<cb::PaymentListener>(listener);
  EXPECT_EQ(ctx.ref<cb::Payments>()->charge(cb::Order{7, 1}, ctx.ref<cb::PaymentListener>()).status,
            "charged:mocked-7");
  const nlohmann::json& interactions = ctx.log().interactions();
  ASSERT_EQ(interactions.size(), 1u) << interactions.dump(2);
  EXPECT_EQ(interactions[0].at("interface"), "cb::Payments");
  EXPECT_EQ(interactions[0].at("callbacks"),
            nlohmann::json::parse(R"([{"interface": "cb::PaymentListener", "method": "on_charged",
                                      "request": {"order_id": 7}, "response": {"value": "mocked-7"},
                                      "through": "listener"}])"));
}

// A mock that tells the listeners one by one (contracts/shop--ShopTest.
// FansOutToListeners.json): the real provider tells them from threads of
// its own, last first, and its replay is compared, not failed for the order
// (the order is checked per thread of the provider; docs/contracts.md §2).
TEST(ShopTest, FansOutToListeners) {
  cb::MockNotices notices;
  EXPECT_CALL(notices, fan_out(_)).WillOnce([](std::vector<meshwa::Ref<cb::PaymentListener>> listeners) {
    return listeners.at(0)->on_charged(20).value() + " " + listeners.at(1)->on_charged(21).value();
  });
  meshwa::gen::TestContext ctx("shop");
  ctx.provide<cb::Notices>(notices);
  cb::ShopService shop(ctx);
  ctx.provide<cb::PaymentListener>(shop);
  const meshwa::Ref<cb::PaymentListener> me = ctx.ref<cb::PaymentListener>();
  EXPECT_EQ(ctx.ref<cb::Notices>()->fan_out({me, me}), "ack-20 ack-21");
}

// A mock whose action calls back from threads of its own (joined before it
// returns): every call is recorded, each with its Ref's path.
TEST(ShopTest, CallbacksFromTheMocksThreadsAreRecorded) {
  cb::MockNotices notices;
  EXPECT_CALL(notices, fan_out(_)).WillOnce([](std::vector<meshwa::Ref<cb::PaymentListener>> listeners) {
    std::vector<std::string> acks(listeners.size());
    {
      std::vector<std::jthread> threads;
      for (std::size_t k = 0; k < listeners.size(); ++k) {
        threads.emplace_back([&, k] { acks[k] = listeners[k]->on_charged(20 + static_cast<std::int64_t>(k)).value(); });
      }
    }
    return acks.at(0) + " " + acks.at(1);
  });
  meshwa::gen::TestContext ctx("shop", "", "");
  ctx.provide<cb::Notices>(notices);
  cb::ShopService shop(ctx);
  ctx.provide<cb::PaymentListener>(shop);
  const meshwa::Ref<cb::PaymentListener> me = ctx.ref<cb::PaymentListener>();
  EXPECT_EQ(ctx.ref<cb::Notices>()->fan_out({me, me}), "ack-20 ack-21");
  ASSERT_EQ(ctx.log().interactions().size(), 1u);
  std::vector<std::string> through;
  for (const nlohmann::json& callback : ctx.log().interactions()[0].at("callbacks")) {
    through.push_back(callback.at("through").get<std::string>() + " " + callback.at("request").dump() + " " +
                      callback.at("response").dump());
  }
  std::sort(through.begin(), through.end());  // the threads' order is their own
  EXPECT_EQ(through, (std::vector<std::string>{R"(listeners[0] {"order_id":20} {"value":"ack-20"})",
                                               R"(listeners[1] {"order_id":21} {"value":"ack-21"})"}));
}

namespace {

// ShopTest.CallbacksFromThreadsAreWrittenInOneOrder: the contract of a
// fan_out whose mock calls back first from its own thread, then from a
// thread per listener (two calls each, the threads ending first to last,
// or last to first), then from its own thread again.
std::string fan_out_contract(bool last_first) {
  cb::MockNotices notices;
  EXPECT_CALL(notices, fan_out(_)).WillOnce([last_first](std::vector<meshwa::Ref<cb::PaymentListener>> listeners) {
    std::string acks = listeners.at(0)->on_charged(10).value();
    {
      std::vector<std::jthread> threads;
      const std::size_t n = listeners.size();
      for (std::size_t k = 0; k < n; ++k) {
        threads.emplace_back([&listeners, k, n, last_first] {
          std::this_thread::sleep_for(std::chrono::milliseconds(20 * (last_first ? n - k : k + 1)));
          const auto id = static_cast<std::int64_t>(k);
          (void)listeners[k]->on_charged(20 + id);
          (void)listeners[k]->on_charged(40 + id);
        });
      }
    }
    return acks + " " + listeners.at(0)->on_charged(11).value();
  });
  meshwa::gen::TestContext ctx("shop", "Fans", "");
  ctx.provide<cb::Notices>(notices);
  cb::ShopService shop(ctx);
  ctx.provide<cb::PaymentListener>(shop);
  const meshwa::Ref<cb::PaymentListener> me = ctx.ref<cb::PaymentListener>();
  EXPECT_EQ(ctx.ref<cb::Notices>()->fan_out({me, me, me, me}), "ack-10 ack-11");
  return ctx.contract().dump(2);
}

}  // namespace

// gen18: callbacks a mock's action makes from several threads were written
// in the order the threads happened to make them, so the contract changed
// from run to run. Between two callbacks of the action's own thread, they
// are written thread by thread (each thread's in the order it made them,
// the threads by what they called): two recordings whose threads finish in
// opposite orders are the same text, byte for byte.
TEST(ShopTest, CallbacksFromThreadsAreWrittenInOneOrder) {
  const std::string first = fan_out_contract(false);
  const std::string second = fan_out_contract(true);
  EXPECT_EQ(first, second);
  std::vector<std::string> made;
  const nlohmann::json contract = nlohmann::json::parse(first);
  for (const nlohmann::json& callback : contract.at("interactions").at(0).at("callbacks")) {
    made.push_back(callback.at("through").get<std::string>() + " " + callback.at("request").dump());
  }
  EXPECT_EQ(made, (std::vector<std::string>{
                      R"(listeners[0] {"order_id":10})", R"(listeners[0] {"order_id":20})",
                      R"(listeners[0] {"order_id":40})", R"(listeners[1] {"order_id":21})",
                      R"(listeners[1] {"order_id":41})", R"(listeners[2] {"order_id":22})",
                      R"(listeners[2] {"order_id":42})", R"(listeners[3] {"order_id":23})",
                      R"(listeners[3] {"order_id":43})", R"(listeners[0] {"order_id":11})"}));
}

// A Ref inside an argument, kept by the mock and called after its
// interaction returned: the warning names the interaction that handed it
// over and the Ref's path in its arguments.
TEST(ShopTest, ACallThroughAKeptNestedRefNamesItsPath) {
  cb::MockNotices notices;
  meshwa::Ref<cb::PaymentListener> kept;
  EXPECT_CALL(notices, fan_out(_)).WillOnce([&](std::vector<meshwa::Ref<cb::PaymentListener>> listeners) {
    kept = listeners.at(1);
    return std::string("later");
  });
  meshwa::gen::TestContext ctx("shop", "", "");
  ctx.provide<cb::Notices>(notices);
  cb::ShopService shop(ctx);
  ctx.provide<cb::PaymentListener>(shop);
  const meshwa::Ref<cb::PaymentListener> me = ctx.ref<cb::PaymentListener>();
  EXPECT_EQ(ctx.ref<cb::Notices>()->fan_out({me, me}), "later");
  ::testing::internal::CaptureStderr();
  EXPECT_EQ(kept->on_charged(21).value(), "ack-21");
  const std::string said = ::testing::internal::GetCapturedStderr();
  EXPECT_NE(said.find("meshwa: cb::PaymentListener::on_charged was called through the Ref listeners[1] handed to "
                      "cb::Notices::fan_out after that call returned; it is not recorded in the contract"),
            std::string::npos)
      << said;
  ASSERT_EQ(ctx.log().interactions().size(), 1u);
  EXPECT_FALSE(ctx.log().interactions()[0].contains("callbacks"));
}
