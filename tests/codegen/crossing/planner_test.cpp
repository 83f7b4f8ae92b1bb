// The consumer's side: PlannerService against mocks of Timer and Notes. The
// interactions are recorded as contracts in contracts/ (durations, time
// points and shared_ptr<const T> as JSON, null included), which the
// deployment's contract tests replay against the real timer and notes.
#include <gmock/gmock.h>
#include <gtest/gtest-spi.h>
#include <gtest/gtest.h>

#include "crossing/planner.hpp"
#include "crossing_planner.mocks.hpp"

namespace {

using ::testing::_;
using ::testing::Eq;
using ::testing::IsNull;
using ::testing::Pointee;
using ::testing::Return;
using namespace std::chrono_literals;

const std::chrono::system_clock::time_point kDue{std::chrono::seconds(1700000000)};

// The planner behind a TestContext whose mocks record the test's contract.
class PlannerTest : public ::testing::Test {
 protected:
  PlannerTest() {
    // Calls plan() makes the same way in every test.
    EXPECT_CALL(notes, size(IsNull())).WillOnce(Return(-1));
    EXPECT_CALL(notes, since_epoch(kDue)).WillOnce(Return(std::chrono::microseconds(1700000000000000)));
  }

  meshwa::Result<std::string> plan(const std::string& id) {
    ctx.provide<crossing::Timer>(timer);
    ctx.provide<crossing::Notes>(notes);
    crossing::PlannerService planner(ctx);
    return planner.plan(id);
  }

  crossing::MockTimer timer;
  crossing::MockNotes notes;
  meshwa::gen::TestContext ctx{"planner"};
};

TEST_F(PlannerTest, RecordsDurationsTimePointsAndSharedPointers) {
  crossing::Deadline postponed;
  postponed.id = "ab";
  postponed.due = kDue;
  postponed.grace = 1500ms;
  postponed.note = std::make_shared<const std::string>("first draft");
  EXPECT_CALL(timer, postpone(_, Eq(1500ms))).WillOnce(Return(postponed));
  EXPECT_CALL(timer, remaining("ab")).WillOnce(Return(10ms));
  EXPECT_CALL(notes, upper(Pointee(Eq("ab")))).WillOnce(Return(std::make_shared<const std::string>("AB")));

  auto planned = plan("ab");
  ASSERT_TRUE(planned.has_value()) << planned.error();
  EXPECT_EQ(*planned, "AB in 10ms, grace 1500ms, 1700000000000000us, -1");

  // What the contract says, in the shapes docs/contracts.md documents.
  const nlohmann::json& log = ctx.log().interactions();
  ASSERT_EQ(log.size(), 5u);
  EXPECT_EQ(log[0]["request"]["deadline"]["due"], 1700000000000000000) << log[0];  // ns since 1970
  EXPECT_EQ(log[0]["request"]["deadline"]["note"], "first draft");
  EXPECT_EQ(log[0]["request"]["grace"], 1500);
  EXPECT_EQ(log[1]["response"], 10);
  EXPECT_EQ(log[2]["response"], "AB");
  EXPECT_TRUE(log[3]["request"]["text"].is_null()) << log[3];
  EXPECT_EQ(log[4]["response"]["value"], 1700000000000000);
}

TEST_F(PlannerTest, RecordsNullPointers) {
  crossing::Deadline sent;
  sent.due = kDue;
  crossing::Deadline postponed = sent;
  postponed.grace = 1500ms;
  EXPECT_CALL(timer, postpone(Eq(sent), Eq(1500ms))).WillOnce(Return(postponed));
  EXPECT_CALL(timer, remaining("")).WillOnce(Return(0ms));
  EXPECT_CALL(notes, upper(IsNull())).WillOnce(Return(nullptr));

  auto planned = plan("");
  ASSERT_TRUE(planned.has_value()) << planned.error();
  EXPECT_EQ(*planned, "? in 0ms, grace 1500ms, 1700000000000000us, -1");
  const nlohmann::json& log = ctx.log().interactions();
  ASSERT_EQ(log.size(), 5u);
  EXPECT_TRUE(log[0]["request"]["deadline"]["note"].is_null()) << log[0];  // a null shared_ptr member
  EXPECT_TRUE(log[0]["response"]["note"].is_null()) << log[0];
  EXPECT_TRUE(log[2]["request"]["text"].is_null()) << log[2];
  EXPECT_TRUE(log[2]["response"].is_null()) << log[2];  // a null shared_ptr result
}

// A contract missing what could not be recorded would be replayed as if it
// were whole: the test fails, and the contract is incomplete (it is not
// written: tests/codegen/recording, recording.only_tests_that_passed_write_contracts).
TEST(ContractRecording, AContractWithAnInteractionThatCouldNotBeRecordedIsIncomplete) {
  crossing::MockTimer timer;
  EXPECT_CALL(timer, remaining(_)).WillRepeatedly(Return(1ms));
  const auto record = [&](const std::string& test, const std::string& id) {
    meshwa::gen::TestContext ctx("planner", test, "");  // "": written nowhere
    ctx.provide<crossing::Timer>(timer);
    (void)ctx.ref<crossing::Timer>()->remaining("ok");
    (void)ctx.ref<crossing::Timer>()->remaining(id);
    return ctx.log().complete();
  };
  EXPECT_TRUE(record("Whole", "fine")) << "the control: both interactions recorded";
  bool complete = true;
  EXPECT_NONFATAL_FAILURE(complete = record("Cut", "caf\xc3"), "cannot be recorded in a contract");
  EXPECT_FALSE(complete) << "a text cut inside a UTF-8 sequence cannot be recorded";
}

}  // namespace
