// A consumer of the global interface `Context` records a contract through
// its generated mock (scopes.mocks.hpp compiles), which the deployment's
// contract tests replay against ScopesService.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "scopes.hpp"
#include "scopes.mocks.hpp"

namespace {

TEST(ScopesTest, GlobalNamesLikeMeshwasCrossTheBoundary) {
  MockContext context;
  const Error expected{"3", Code::blue};
  EXPECT_CALL(context, check(gen::Item{3}, metrics::Sample{mpk::Level::high})).WillOnce(::testing::Return(expected));
  meshwa::gen::TestContext ctx("scopes-consumer");
  ctx.provide<Context>(context);
  const Error got = ctx.ref<Context>()->check(gen::Item{3}, metrics::Sample{mpk::Level::high});
  EXPECT_EQ(got.why, "3");
  EXPECT_EQ(got.code, Code::blue);
}

}  // namespace
