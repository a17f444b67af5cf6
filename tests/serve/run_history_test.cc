#include "run_history.h"

#include <gtest/gtest.h>

#include "temp_dir.h"

namespace trustscreen::serve {
namespace {

using testing::TempDir;

TEST(RunHistory, RecordsRunsAndFindsThePreviousOverTheSameInputs) {
  TempDir dir;
  Result<std::unique_ptr<RunHistory>> opened = RunHistory::Open(dir.path() / "history.sqlite");
  ASSERT_TRUE(opened.ok()) << opened.status().message();
  RunHistory& history = **opened;
  const std::int64_t a = *history.CreateRun("folder", "/srv/a", {"/srv/a"}, dir.path() / "runs");
  const std::int64_t b = *history.CreateRun("folder", "/srv/b", {"/srv/b"}, dir.path() / "runs");
  const std::int64_t a2 = *history.CreateRun("folder", "/srv/a", {"/srv/a"}, dir.path() / "runs");
  EXPECT_EQ(history.QueuedBefore(a2), 2);
  ASSERT_TRUE(history.MarkRunning(a).ok());
  RunCounts counts;
  counts.documents = 3;
  counts.findings = 2;
  counts.exit_code = 1;
  ASSERT_TRUE(history.MarkFinished(a, counts).ok());
  ASSERT_TRUE(history.MarkFailed(b, "rules did not load").ok());

  const std::optional<RunRecord> run = history.Get(a);
  ASSERT_TRUE(run);
  EXPECT_EQ(run->state, RunState::kFinished);
  EXPECT_EQ(run->inputs, std::vector<std::string>{"/srv/a"});
  EXPECT_EQ(run->out_dir, dir.path() / "runs" / std::to_string(a));
  EXPECT_EQ(run->counts.documents, 3);
  EXPECT_EQ(run->counts.exit_code, 1);
  EXPECT_FALSE(run->started.empty());
  EXPECT_EQ(history.Get(b)->error, "rules did not load");

  EXPECT_EQ(history.PreviousFinished(a2)->id, a);
  EXPECT_FALSE(history.PreviousFinished(a));
  EXPECT_FALSE(history.PreviousFinished(b));
  EXPECT_EQ(history.List(10).front().id, a2);
  EXPECT_EQ(history.List(10).size(), 3u);
  EXPECT_FALSE(history.Get(999));
}

TEST(RunHistory, RunsLeftUnfinishedByAStoppedServerBecomeFailed) {
  TempDir dir;
  const std::filesystem::path path = dir.path() / "history.sqlite";
  std::int64_t id = 0;
  {
    std::unique_ptr<RunHistory> history = std::move(RunHistory::Open(path)).value();
    id = *history->CreateRun("upload", "a.pdf", {"/u/1"}, dir.path());
    ASSERT_TRUE(history->MarkRunning(id).ok());
  }
  std::unique_ptr<RunHistory> reopened = std::move(RunHistory::Open(path)).value();
  EXPECT_EQ(*reopened->FailUnfinished("the server stopped"), 1);
  EXPECT_EQ(reopened->Get(id)->state, RunState::kFailed);
  EXPECT_EQ(reopened->Get(id)->error, "the server stopped");
}

}  // namespace
}  // namespace trustscreen::serve
