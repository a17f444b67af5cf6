#include "trustscreen/pipeline/walk.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>

#include "temp_dir.h"

namespace trustscreen::pipeline {
namespace {

using trustscreen::testing::TempDir;
namespace fs = std::filesystem;

std::vector<std::string> Relative(const std::vector<std::string>& paths, const fs::path& root) {
  std::vector<std::string> relative;
  for (const std::string& path : paths) relative.push_back(fs::relative(path, root).string());
  return relative;
}

TEST(EnumerateInputs, WalksDirectoriesRecursivelyInSortedOrder) {
  TempDir dir;
  dir.Write("b/z.txt", "z");
  dir.Write("b/a.txt", "a");
  dir.Write("a.pdf", "p");
  dir.Write("B.docx", "d");
  dir.Write("c/d/e.txt", "e");
  WalkResult result = EnumerateInputs({dir.path().string()}, {});
  EXPECT_EQ(Relative(result.files, dir.path()),
            (std::vector<std::string>{"B.docx", "a.pdf", "b/a.txt", "b/z.txt", "c/d/e.txt"}));
  EXPECT_TRUE(result.skipped.empty());
}

TEST(EnumerateInputs, SkipsOfficeLockFilesAndHiddenEntriesWithAReason) {
  TempDir dir;
  dir.Write("agreement.docx", "d");
  dir.Write("~$agreement.docx", "lock");
  dir.Write(".hidden.txt", "h");
  dir.Write(".git/config", "c");
  WalkResult result = EnumerateInputs({dir.path().string()}, {});
  EXPECT_EQ(Relative(result.files, dir.path()), (std::vector<std::string>{"agreement.docx"}));
  ASSERT_EQ(result.skipped.size(), 3u);
  EXPECT_NE(result.skipped[0].reason.find("hidden"), std::string::npos);
  EXPECT_NE(result.skipped[2].reason.find("Office lock file"), std::string::npos);
}

TEST(EnumerateInputs, IncludesHiddenEntriesWhenAsked) {
  TempDir dir;
  dir.Write(".hidden.txt", "h");
  WalkOptions options;
  options.include_hidden = true;
  WalkResult result = EnumerateInputs({dir.path().string()}, options);
  EXPECT_EQ(Relative(result.files, dir.path()), (std::vector<std::string>{".hidden.txt"}));
}

TEST(EnumerateInputs, ExcludeGlobsMatchNamesAndRelativePaths) {
  TempDir dir;
  dir.Write("README.md", "r");
  dir.Write("a.pdf", "a");
  dir.Write("drafts/b.pdf", "b");
  dir.Write("final/drafts.txt", "c");
  WalkOptions options;
  options.exclude = {"README.md", "drafts/*"};
  WalkResult result = EnumerateInputs({dir.path().string()}, options);
  EXPECT_EQ(Relative(result.files, dir.path()),
            (std::vector<std::string>{"a.pdf", "final/drafts.txt"}));
  ASSERT_EQ(result.skipped.size(), 2u);
  EXPECT_EQ(result.skipped[0].reason, "excluded by --exclude 'README.md'");
  EXPECT_EQ(result.skipped[1].reason, "excluded by --exclude 'drafts/*'");
}

TEST(EnumerateInputs, ExplicitlyNamedFilesAreAlwaysScreened) {
  TempDir dir;
  fs::path lock = dir.Write("~$x.docx", "lock");
  fs::path hidden = dir.Write(".h.txt", "h");
  WalkResult result = EnumerateInputs({lock.string(), hidden.string()}, {});
  EXPECT_EQ(result.files, (std::vector<std::string>{lock.string(), hidden.string()}));
}

TEST(EnumerateInputs, MissingPathsAndBrokenLinksStayInTheListForExtractionToReport) {
  TempDir dir;
  fs::create_symlink(dir.path() / "nowhere", dir.path() / "broken.pdf");
  const std::string missing = (dir.path() / "missing.pdf").string();
  WalkResult result = EnumerateInputs({missing, dir.path().string()}, {});
  EXPECT_EQ(result.files,
            (std::vector<std::string>{missing, (dir.path() / "broken.pdf").string()}));
}

TEST(EnumerateInputs, SymlinkLoopsAreWalkedOnce) {
  TempDir dir;
  dir.Write("docs/a.txt", "a");
  fs::create_directory_symlink(dir.path(), dir.path() / "docs" / "loop");
  WalkResult result = EnumerateInputs({dir.path().string()}, {});
  EXPECT_EQ(Relative(result.files, dir.path()), (std::vector<std::string>{"docs/a.txt"}));
  ASSERT_EQ(result.skipped.size(), 1u);
  EXPECT_NE(result.skipped[0].reason.find("symbolic link loop"), std::string::npos);
}

TEST(ReadPathList, ReadsOnePathPerLineIgnoringBlankLinesAndCarriageReturns) {
  std::istringstream in("a.pdf\r\n\n  \nb dir/c.docx\n");
  EXPECT_EQ(ReadPathList(in), (std::vector<std::string>{"a.pdf", "b dir/c.docx"}));
}

}  // namespace
}  // namespace trustscreen::pipeline
