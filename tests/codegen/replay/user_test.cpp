// Consumer tests of 'user' against a mock Counter.
#include <gmock/gmock.h>

#include <meshwa/registry.hpp>

#include "user.hpp"
#include "replay_user.mocks.hpp"

// docs/contracts.md §2: the replay starts only the provider (counter) and
// what it depends on, not the consumer: UserService's constructor calls
// add() once at start, recorded here as answering 1; the replay of the
// checked-in contract (contracts/user--UserTest.RegistersAtStart.json) must
// get 1 from a fresh counter, not 2.
TEST(UserTest, RegistersAtStart) {
  rp::MockCounter counter;
  EXPECT_CALL(counter, add()).WillOnce(::testing::Return(1));
  meshwa::gen::TestContext ctx("user");
  ctx.provide<rp::Counter>(counter);
  rp::UserService user(ctx);
  EXPECT_EQ(user.seen(), 1);
}

// docs/contracts.md §1: the recorder may be called from several threads
// (it used to append to one vector without a lock: a double free, or lost
// interactions). Recorded nowhere (no contracts dir): 64000 interactions.
TEST(UserTest, RecordsCallsFromManyThreads) {
  rp::MockCounter counter;
  EXPECT_CALL(counter, add()).WillOnce(::testing::Return(1));
  EXPECT_CALL(counter, total()).WillRepeatedly(::testing::Return(1));
  meshwa::gen::TestContext ctx("user", "", "");
  ctx.provide<rp::Counter>(counter);
  rp::UserService user(ctx);
  for (int round = 0; round < 4; ++round) EXPECT_EQ(user.fan(8, 2000), 16000);
  EXPECT_EQ(ctx.log().interactions().size(), 64001u);
}

// docs/contracts.md §1: provide<I>() again, after a service took its Ref,
// sets the target of later ctx.ref<I>() calls only (a service made after it);
// the Ref a service already holds keeps reaching the first target, which
// lives as long as the TestContext. Its recorder used to be destroyed, and
// the service's next call went through freed memory (SIGSEGV). Recorded
// nowhere.
TEST(UserTest, ProvidingAgainKeepsTheRefsHandedOut) {
  rp::MockCounter first;
  rp::MockCounter second;
  EXPECT_CALL(first, add()).WillOnce(::testing::Return(1));
  EXPECT_CALL(first, total()).WillRepeatedly(::testing::Return(3));
  EXPECT_CALL(second, add()).WillOnce(::testing::Return(7));
  meshwa::gen::TestContext ctx("user", "", "");
  ctx.provide<rp::Counter>(first);
  rp::UserService user(ctx);
  ctx.provide<rp::Counter>(second);
  rp::UserService later(ctx);
  EXPECT_EQ(user.fan(1, 2), 6);  // through the first mock, recorded
  EXPECT_EQ(later.seen(), 7);
  EXPECT_EQ(ctx.log().interactions().size(), 4u);  // add, add, total, total
}

#ifdef REPLAY_TWO_CONTEXTS_DIR
// docs/contracts.md §1: two TestContexts of one consumer in one test make
// one contract with the interactions of both (RunTwoContexts.cmake reads it).
TEST(UserTest, TwoContexts) {
  rp::MockCounter counter;
  EXPECT_CALL(counter, add()).WillOnce(::testing::Return(1)).WillOnce(::testing::Return(2));
  EXPECT_CALL(counter, total()).WillOnce(::testing::Return(2));
  {
    meshwa::gen::TestContext ctx("user", "", REPLAY_TWO_CONTEXTS_DIR);
    ctx.provide<rp::Counter>(counter);
    rp::UserService user(ctx);
    EXPECT_EQ(user.seen(), 1);
  }
  {
    meshwa::gen::TestContext ctx("user", "", REPLAY_TWO_CONTEXTS_DIR);
    ctx.provide<rp::Counter>(counter);
    rp::UserService user(ctx);
    EXPECT_EQ(user.seen(), 2);
    EXPECT_EQ(user.fan(1, 1), 2);
  }
}

// Two TestContexts alive in one scope: their interactions are merged in the
// order the calls were made (add -> 1 by the first, add -> 2 by the second),
// not in the order the contexts went away (the second first).
TEST(UserTest, TwoContextsOneScope) {
  rp::MockCounter counter;
  EXPECT_CALL(counter, add()).WillOnce(::testing::Return(1)).WillOnce(::testing::Return(2));
  meshwa::gen::TestContext first("user", "", REPLAY_TWO_CONTEXTS_DIR);
  first.provide<rp::Counter>(counter);
  rp::UserService a(first);
  meshwa::gen::TestContext second("user", "", REPLAY_TWO_CONTEXTS_DIR);
  second.provide<rp::Counter>(counter);
  rp::UserService b(second);
  EXPECT_EQ(a.seen(), 1);
  EXPECT_EQ(b.seen(), 2);
}
#endif

// docs/contracts.md §1: a Ref to the service under test itself (its own
// interface, provided after constructing it) is the consumer in every
// deployment, so calls through it (a mock calling back, as the provider
// would) are no interaction with a provider and are not recorded; replayed
// alone against the service they missed the state the test had given it
// (probe api14: compose-review's callbacks). The consumer's own calls they
// cause are still recorded.
TEST(UserTest, CallsIntoItsOwnInterfaceAreNotRecorded) {
  rp::MockCounter counter;
  EXPECT_CALL(counter, add()).WillOnce(::testing::Return(1));
  EXPECT_CALL(counter, total()).WillRepeatedly(::testing::Return(3));
  meshwa::gen::TestContext ctx("user", "", "");
  ctx.provide<rp::Counter>(counter);
  rp::UserService user(ctx);
  ctx.provide<rp::User>(user);
  EXPECT_EQ(ctx.ref<rp::User>()->fan(1, 2), 6);
  const auto& log = ctx.log().interactions();
  ASSERT_EQ(log.size(), 3u);  // add() at start, total() twice; no User::fan
  for (const auto& interaction : log) EXPECT_EQ(interaction["interface"], "rp::Counter");
}

// The near miss: a consumer that does not provide the interface itself (a
// front end) records its calls to it like any other.
TEST(UserTest, ACallerThatDoesNotProvideTheInterfaceRecordsItsCalls) {
  rp::MockUser mock;
  EXPECT_CALL(mock, seen()).WillOnce(::testing::Return(4));
  meshwa::gen::TestContext ctx("front-end", "", "");
  ctx.provide<rp::User>(mock);
  EXPECT_EQ(ctx.ref<rp::User>()->seen(), 4);
  ASSERT_EQ(ctx.log().interactions().size(), 1u);
  EXPECT_EQ(ctx.log().interactions()[0]["interface"], "rp::User");
}

// A consumer that asks for a Ref to itself before the test provided the
// service: the TestContext knows it provides the interface, so it names
// the one remedy that fits (it used to offer a mock first).
TEST(UserTest, ARefToItselfNotProvidedNamesTheRemedy) {
  meshwa::gen::TestContext ctx("user", "", "");
  try {
    (void)ctx.ref<rp::User>();
    ADD_FAILURE() << "no error";
  } catch (const meshwa::StartError& e) {
    EXPECT_THAT(e.what(), ::testing::HasSubstr("service 'user' provides rp::User itself"));
    EXPECT_THAT(e.what(), ::testing::HasSubstr("ctx.provide<rp::User>(service) after constructing"));
  }
}

// The near miss: a consumer that does not provide it hears both remedies.
TEST(UserTest, AMissingProviderOfAnotherInterfaceNamesBothRemedies) {
  meshwa::gen::TestContext ctx("front-end", "", "");
  try {
    (void)ctx.ref<rp::User>();
    ADD_FAILURE() << "no error";
  } catch (const meshwa::StartError& e) {
    EXPECT_THAT(e.what(), ::testing::HasSubstr("ctx.provide<rp::User>(mock) before constructing"));
  }
}
