// A test file of a service, compiled with the plugin the way a project that
// passes `meshwa cxxflags` to every target compiles it: the code that
// GoogleTest's, GoogleMock's, Google Benchmark's and Boost.Hana's macros
// write into this file (registration globals, raw-pointer statics and
// parameters, EXPECT_DEATH's uninitialised local and fprintf, Hana's name
// accessors) is the libraries', and only the code written here is judged
// (docs/plugin.md, "What is checked").
// expected-no-diagnostics
#include <benchmark/benchmark.h>
#include <boost/hana.hpp>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace tfm {

struct Person {
  BOOST_HANA_DEFINE_STRUCT(Person, (std::string, name), (int, age));
};

class Clock {
 public:
  virtual ~Clock() = default;
  virtual long now() const = 0;
  virtual void advance(long by, const std::string& why) = 0;
};

class MockClock : public Clock {
 public:
  MOCK_METHOD(long, now, (), (const, override));
  MOCK_METHOD(void, advance, (long by, const std::string& why), (override));
};

MATCHER(IsEven, "is even") { return arg % 2 == 0; }
MATCHER_P(IsNear, x, "is near") { return arg - x < 2 && x - arg < 2; }

int age_sum(const std::vector<Person>& people) {
  int sum = 0;
  for (const Person& p : people) sum += p.age;
  return sum;
}

int member_count(const Person& p) {
  int n = 0;
  boost::hana::for_each(boost::hana::members(p), [&](const auto&) { ++n; });
  return n;
}

TEST(PersonTest, SumsAges) {
  std::vector<Person> people{{"ada", 36}, {"alan", 41}};
  EXPECT_EQ(age_sum(people), 77);
  EXPECT_THAT(age_sum(people), ::testing::Not(IsEven()));
  EXPECT_THAT(age_sum(people), IsNear(78));
  EXPECT_EQ(member_count(people.front()), 2);
}

class ClockTest : public ::testing::Test {
 protected:
  ::testing::StrictMock<MockClock> clock_;
};

TEST_F(ClockTest, Advances) {
  EXPECT_CALL(clock_, now()).WillOnce(::testing::Return(5));
  EXPECT_CALL(clock_, advance(::testing::Gt(0), ::testing::HasSubstr("tick")));
  clock_.advance(clock_.now(), "tick");
}

// GoogleMock's pointer parameters: an action saving an argument, the mock
// registry handed a mock (the same as a [&seen] lambda action).
TEST_F(ClockTest, SavesArguments) {
  std::string why;
  long by = 0;
  EXPECT_CALL(clock_, advance(::testing::_, ::testing::_))
      .WillOnce(::testing::DoAll(::testing::SaveArg<0>(&by), ::testing::SaveArg<1>(&why)));
  clock_.advance(3, "tick");
  EXPECT_EQ(by, 3);
  EXPECT_EQ(why, "tick");
  ::testing::Mock::VerifyAndClearExpectations(&clock_);
}

// GoogleTest's registration takes ownership of what new made: the documented
// AddGlobalTestEnvironment(new Env), and InitGoogleTest(&argc, argv).
class GlobalEnv : public ::testing::Environment {};

TEST(VectorDeathTest, AtThrowsOutOfRange) {
  std::vector<int> v;
  EXPECT_THROW((void)v.at(3), std::out_of_range);
  EXPECT_DEATH(v[3] = 1, "");  // _GLIBCXX_ASSERTIONS stops the process
}

class Widths : public ::testing::TestWithParam<int> {};
TEST_P(Widths, ArePositive) { EXPECT_GT(GetParam(), 0); }
INSTANTIATE_TEST_SUITE_P(Small, Widths, ::testing::Values(1, 2, 3));

template <class T>
class Numbers : public ::testing::Test {};
using NumberTypes = ::testing::Types<int, long>;
TYPED_TEST_SUITE(Numbers, NumberTypes);
TYPED_TEST(Numbers, ZeroIsFalse) { EXPECT_FALSE(TypeParam{}); }

void BM_AgeSum(benchmark::State& state) {
  const std::vector<Person> people{{"ada", 36}, {"alan", 41}};
  for (auto _ : state) benchmark::DoNotOptimize(age_sum(people));
}
BENCHMARK(BM_AgeSum);

}  // namespace tfm

int main(int argc, char** argv) {
  ::testing::InitGoogleTest(&argc, argv);
  ::testing::AddGlobalTestEnvironment(new tfm::GlobalEnv);
  return RUN_ALL_TESTS();
}
