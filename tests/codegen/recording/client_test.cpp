// Consumer tests of recording_client, run by RunRecording.cmake (not by
// CTest one by one: several must fail). A contract is written only from a
// test that passed as a whole, decided when the test ends: GoogleMock
// verifies a mock declared before the TestContext (the documented order), or
// a fixture's members, only after the TestContext is gone.
#include <gmock/gmock.h>
#include <gtest/gtest-spi.h>
#include <gtest/gtest.h>

#include "recording/services.hpp"
#include "recording_services.mocks.hpp"

namespace {

using ::testing::Return;

// Passes: written.
TEST(Recording, Passes) {
  recording::MockStore store;
  EXPECT_CALL(store, get("a")).WillOnce(Return(1));
  EXPECT_CALL(store, get("bb")).WillOnce(Return(2));
  meshwa::gen::TestContext ctx("recording_client");
  ctx.provide<recording::Store>(store);
  recording::ClientService client(ctx);
  EXPECT_EQ(client.sum("a", "bb"), 3);
}

// The mock's expectation is not met: GoogleMock says so in the mock's
// destructor, after the TestContext's. Not written.
TEST(Recording, UnsatisfiedExpectation) {
  recording::MockStore store;
  EXPECT_CALL(store, get("a")).Times(2).WillRepeatedly(Return(1));
  meshwa::gen::TestContext ctx("recording_client");
  ctx.provide<recording::Store>(store);
  (void)ctx.ref<recording::Store>()->get("a");  // once only
}

// Fails after an inner TestContext is gone. Not written.
TEST(Recording, FailsAfterScope) {
  recording::MockStore store;
  EXPECT_CALL(store, get("a")).WillOnce(Return(1));
  {
    meshwa::gen::TestContext ctx("recording_client");
    ctx.provide<recording::Store>(store);
    (void)ctx.ref<recording::Store>()->get("a");
  }
  EXPECT_EQ(1, 2) << "a failure after the TestContext is gone";
}

// Fails while the TestContext lives. Not written.
TEST(Recording, FailsWhileRecording) {
  recording::MockStore store;
  EXPECT_CALL(store, get("a")).WillOnce(Return(1));
  meshwa::gen::TestContext ctx("recording_client");
  ctx.provide<recording::Store>(store);
  EXPECT_EQ(ctx.ref<recording::Store>()->get("a"), 2);
}

// Skipped after recording: it did not run as a whole. Not written.
TEST(Recording, SkippedAfterRecording) {
  recording::MockStore store;
  EXPECT_CALL(store, get("a")).WillOnce(Return(1));
  meshwa::gen::TestContext ctx("recording_client");
  ctx.provide<recording::Store>(store);
  (void)ctx.ref<recording::Store>()->get("a");
  GTEST_SKIP() << "the case under test: a test skipped after recording writes no contract";
}

// Passes without any interaction: an older contract would be stale, and is removed.
TEST(Recording, PassesWithoutInteractions) {
  recording::MockStore store;
  meshwa::gen::TestContext ctx("recording_client");
  ctx.provide<recording::Store>(store);
}

// Passes with a large answer (a 4 MiB key): RunRecording.cmake runs it in
// several processes at once, which write the one contract at the same time.
TEST(Recording, PassesWithALargeKey) {
  const std::string key(std::size_t{4} << 20, 'k');
  recording::MockStore store;
  EXPECT_CALL(store, get(key)).WillOnce(Return(4));
  meshwa::gen::TestContext ctx("recording_client");
  ctx.provide<recording::Store>(store);
  EXPECT_EQ(ctx.ref<recording::Store>()->get(key), 4);
}

// Two contracts of one passing test, one with an interaction that cannot be
// recorded (not UTF-8; its failure is expected here, so the test passes):
// the whole one is written, the incomplete one is not.
constexpr int kIncompleteContractTestLine = __LINE__ + 1;
TEST(Recording, IncompleteContractOfAPassingTest) {
  recording::MockStore store;
  EXPECT_CALL(store, get(::testing::_)).WillRepeatedly(Return(1));
  const auto record = [&](const std::string& test, const std::string& key) {
    meshwa::gen::TestContext ctx("recording_client", test);
    ctx.provide<recording::Store>(store);
    (void)ctx.ref<recording::Store>()->get("ok");
    (void)ctx.ref<recording::Store>()->get(key);
  };
  record("Whole", "fine");
  EXPECT_NONFATAL_FAILURE(record("Cut", "caf\xc3"), "cannot be recorded in a contract");
  // The failure is placed at this test (its TEST line), not at meshwa's
  // own source, which is a path of the machine meshwa was built on.
  ::testing::TestPartResultArray failures;
  {
    const ::testing::ScopedFakeTestPartResultReporter capture(
        ::testing::ScopedFakeTestPartResultReporter::INTERCEPT_ONLY_CURRENT_THREAD, &failures);
    record("CutAgain", "caf\xc3");
  }
  ASSERT_EQ(failures.size(), 1);
  ASSERT_NE(failures.GetTestPartResult(0).file_name(), nullptr);
  EXPECT_EQ(std::string(failures.GetTestPartResult(0).file_name()), __FILE__);
  EXPECT_EQ(failures.GetTestPartResult(0).line_number(), kIncompleteContractTestLine);
}

// A fixture holding the mock before the TestContext (members are destroyed
// in reverse: the TestContext first, then the mock, which verifies).
class RecordingFixture : public ::testing::Test {
 protected:
  recording::MockStore store;
  meshwa::gen::TestContext ctx{"recording_client"};
};

TEST_F(RecordingFixture, Passes) {
  EXPECT_CALL(store, get("x")).Times(2).WillRepeatedly(Return(7));
  ctx.provide<recording::Store>(store);
  recording::ClientService client(ctx);
  EXPECT_EQ(client.sum("x", "x"), 14);
}

TEST_F(RecordingFixture, UnsatisfiedExpectation) {
  EXPECT_CALL(store, get("x")).WillOnce(Return(7));
  EXPECT_CALL(store, get("never")).WillOnce(Return(0));
  ctx.provide<recording::Store>(store);
  (void)ctx.ref<recording::Store>()->get("x");
}

// A TEST_P's name Keys/Clash.Runs/0 and a TEST named Keys_Clash.Runs_0 (probe
// api4 #6): both pass and each writes its own contract ('/' is '~' in a file
// name, and an ordinary name stays as it was); mapping '/' to '_' wrote one
// file, and one contract was lost.
TEST(Keys_Clash, Runs_0) {
  recording::MockStore store;
  EXPECT_CALL(store, get("plain")).WillOnce(Return(1));
  meshwa::gen::TestContext ctx("recording_client");
  ctx.provide<recording::Store>(store);
  EXPECT_EQ(ctx.ref<recording::Store>()->get("plain"), 1);
}

class Clash : public ::testing::TestWithParam<int> {};
TEST_P(Clash, Runs) {
  recording::MockStore store;
  EXPECT_CALL(store, get("param")).WillOnce(Return(2));
  meshwa::gen::TestContext ctx("recording_client");
  ctx.provide<recording::Store>(store);
  EXPECT_EQ(ctx.ref<recording::Store>()->get("param"), 2);
}
INSTANTIATE_TEST_SUITE_P(Keys, Clash, ::testing::Values(0));

// A TestContext every test of a suite shares, made in SetUpTestSuite: its
// contract is named after the suite (recording_client--SuiteWide.json) and
// written when it goes away, if every test of the suite ran and passed.
// Before, it was named "default" (two such suites wrote one file), a failed
// test of the suite did not keep it from being written (Test::HasFailure()
// in TearDownTestSuite sees only the suite's own set up and tear down), and
// the run that wrote it called it stale.
template <class Tag>
class SharedContext : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    store_ = new ::testing::NiceMock<recording::MockStore>();
    ON_CALL(*store_, get(::testing::_)).WillByDefault(Return(5));
    ctx_ = new meshwa::gen::TestContext("recording_client");
    ctx_->provide<recording::Store>(*store_);
  }
  static void TearDownTestSuite() {
    delete ctx_;  // writes the contract, or says why not
    delete store_;
    ctx_ = nullptr;
    store_ = nullptr;
  }
  static std::int32_t get(const std::string& key) { return ctx_->ref<recording::Store>()->get(key); }

 private:
  static inline ::testing::NiceMock<recording::MockStore>* store_ = nullptr;
  static inline meshwa::gen::TestContext* ctx_ = nullptr;
};
struct PassingSuite {};
struct FailingSuite {};
using SuiteWide = SharedContext<PassingSuite>;
using SuiteWideFails = SharedContext<FailingSuite>;

TEST_F(SuiteWide, First) { EXPECT_EQ(get("suite-first"), 5); }
TEST_F(SuiteWide, Second) { EXPECT_EQ(get("suite-second"), 5); }
TEST_F(SuiteWideFails, Passes) { EXPECT_EQ(get("first"), 5); }
TEST_F(SuiteWideFails, Fails) {
  EXPECT_EQ(get("second"), 6) << "the case under test: a failed test keeps the suite's contract from being written";
}

}  // namespace
