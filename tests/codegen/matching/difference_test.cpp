// How a replay words the first difference of an answer
// (codegen/support/src/json_difference.*): as a meshwa::Result's value and
// error only when the method returns one, whatever the JSON's shape.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "json_difference.hpp"

namespace {

using meshwa::gen::Returns;
using meshwa::gen::suite::first_difference;
using nlohmann::json;

const json kValue = json::parse(R"({"value": {"code": "empty", "message": "nothing to stamp"}})");
const json kError = json::parse(R"({"error": {"code": "empty", "message": "nothing to stamp"}})");

TEST(FirstDifference, AResultsValueAndErrorAreSaidSo) {
  EXPECT_EQ(first_difference(kValue, kError, Returns::result),
            R"(expected a value ({"code":"empty","message":"nothing to stamp"}), got the error empty: nothing to stamp)");
  EXPECT_EQ(first_difference(kError, kValue, Returns::result),
            R"(expected the error empty: nothing to stamp, got a value ({"code":"empty","message":"nothing to stamp"}))");
}

TEST(FirstDifference, APlainValueShapedLikeAResultIsComparedAsJson) {
  // A map keyed by severity, or a message whose only member is `value` or
  // `error`: no Result, whatever its JSON looks like.
  EXPECT_EQ(first_difference(kValue, kError, Returns::value),
            R"(remove at /value: expected {"code":"empty","message":"nothing to stamp"}, got nothing)");
  EXPECT_EQ(first_difference(kError, kValue, Returns::value),
            R"(remove at /error: expected {"code":"empty","message":"nothing to stamp"}, got nothing)");
}

TEST(FirstDifference, WithinAResultsValueThePathIsNamed) {
  EXPECT_EQ(first_difference(json::parse(R"({"value": {"n": 1}})"), json::parse(R"({"value": {"n": 2}})"),
                             Returns::result),
            "replace at /value/n: expected 1, got 2");
}

}  // namespace
