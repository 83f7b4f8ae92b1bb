// A consumer of archive::Archive that uses only its current API, through
// the generated mock (its mocks header compiles under -Werror).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "archive.hpp"
#include "deprecated_archive.mocks.hpp"

namespace {

TEST(ArchiveTest, PutsAnEntry) {
  archive::MockArchive mock;
  const archive::Entry entry{"hello", archive::Format::binary};
  EXPECT_CALL(mock, put(entry)).WillOnce(::testing::Return(entry));
  meshwa::gen::TestContext ctx("archive-consumer");
  ctx.provide<archive::Archive>(mock);
  EXPECT_EQ(ctx.ref<archive::Archive>()->put(entry), entry);
}

}  // namespace
