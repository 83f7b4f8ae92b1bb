// "Did you mean": one rule for the configuration's check, the contract
// replay's misspelt consumer and interface, and meshwa's CMake functions.
#include "meshwa/closest_name.hpp"

#include <gtest/gtest.h>

namespace {

using meshwa::detail::closest_name;
using meshwa::detail::edit_distance;

TEST(ClosestName, ATranspositionIsOneEdit) {
  EXPECT_EQ(edit_distance("stroe", "store"), 1u);
  EXPECT_EQ(edit_distance("usres", "users"), 1u);
  EXPECT_EQ(edit_distance("checkuot", "checkout"), 1u);
  EXPECT_EQ(edit_distance("", "abc"), 3u);
  EXPECT_EQ(edit_distance("kitten", "sitting"), 3u);
}

// Counted as two edits (a plain Levenshtein distance, which the contract
// replay used), "stroe" was not within a third of "store"'s length.
TEST(ClosestName, AFiveLetterNameWithTwoLettersSwappedIsSuggested) {
  EXPECT_EQ(closest_name({"cache", "store"}, "stroe"), "store");
  EXPECT_EQ(closest_name({"auth", "recommender", "webui"}, "recomender"), "recommender");
}

TEST(ClosestName, NothingForAnExactNameOrOneFarFromEvery) {
  EXPECT_EQ(closest_name({"store", "cache"}, "store"), "");
  EXPECT_EQ(closest_name({"store", "cache"}, "pinger-typo"), "");
  EXPECT_EQ(closest_name({"ab", "cd"}, "ac"), "");  // short names all look alike
  EXPECT_EQ(closest_name({}, "x"), "");
}

}  // namespace
