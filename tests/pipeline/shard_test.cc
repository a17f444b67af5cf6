// Shard assignment (scan --shard K/N): stable by path, and a partition of the walked files.
#include "trustscreen/pipeline/shard.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

#include "pipeline_fixtures.h"
#include "temp_dir.h"
#include "trustscreen/pipeline/scan.h"

namespace trustscreen::pipeline {
namespace {

std::vector<std::string> ManyPaths(int count, const std::string& prefix) {
  std::vector<std::string> paths;
  for (int i = 0; i < count; ++i)
    paths.push_back(prefix + "/dir" + std::to_string(i % 7) + "/f" + std::to_string(i) + ".pdf");
  return paths;
}

TEST(ShardSpec, ParsesKOverN) {
  Result<ShardSpec> shard = ParseShardSpec("2/8");
  ASSERT_TRUE(shard.ok());
  EXPECT_EQ(*shard, (ShardSpec{2, 8}));
  EXPECT_EQ(shard->ToString(), "2/8");
  EXPECT_TRUE(ParseShardSpec("1/1").ok());
}

TEST(ShardSpec, RejectsOutOfRangeAndMalformed) {
  for (const char* text : {"0/3", "4/3", "3", "1/0", "a/b", "1/3x", "-1/3", "/3", "1/", ""}) {
    Result<ShardSpec> shard = ParseShardSpec(text);
    EXPECT_FALSE(shard.ok()) << text;
    if (!shard.ok()) {
      EXPECT_NE(shard.status().message().find("K/N"), std::string::npos);
    }
  }
}

TEST(ShardOfPath, IsInRangeAndPinned) {
  for (const std::string& path : ManyPaths(200, "x")) {
    const int shard = ShardOfPath(path, 5);
    EXPECT_GE(shard, 1);
    EXPECT_LE(shard, 5);
  }
  EXPECT_EQ(ShardOfPath("anything", 1), 1);
  // Pinned, so shards written by one build can be merged by another: sha256 of the path
  // "samples/grant-proposal.pdf" starts 8da772d31b1a8c31, and that value mod 1000 is 105.
  EXPECT_EQ(ShardOfPath("samples/grant-proposal.pdf", 1000), 106);
}

TEST(FilesOfShard, ShardsPartitionTheFiles) {
  const std::vector<std::string> files = ManyPaths(500, "/archive");
  for (int count : {1, 2, 3, 8, 13}) {
    std::vector<int> seen(files.size(), 0);
    std::size_t total = 0;
    for (int k = 1; k <= count; ++k) {
      const std::vector<std::size_t> positions = FilesOfShard(files, {k, count});
      EXPECT_TRUE(std::is_sorted(positions.begin(), positions.end()));
      for (std::size_t position : positions) ++seen[position];
      total += positions.size();
      if (count <= 8) {
        EXPECT_GT(positions.size(), 0u) << k << "/" << count;
      }
    }
    EXPECT_EQ(total, files.size());
    EXPECT_EQ(std::count(seen.begin(), seen.end(), 1), static_cast<long>(files.size()));
  }
}

TEST(FilesOfShard, AddingOrRemovingFilesMovesNoOtherFile) {
  const std::vector<std::string> files = ManyPaths(300, "/archive");
  std::vector<std::string> changed(files.begin() + 40, files.end());  // 40 removed
  for (const std::string& path : ManyPaths(50, "/new")) changed.insert(changed.begin(), path);
  for (const std::string& path : files) {
    if (std::find(changed.begin(), changed.end(), path) == changed.end()) continue;
    const int shard = ShardOfPath(path, 6);
    bool found = false;
    const std::vector<std::size_t> positions = FilesOfShard(changed, {shard, 6});
    for (std::size_t position : positions) found = found || changed[position] == path;
    EXPECT_TRUE(found) << path;
  }
}

// scan --shard keeps one shard of the walked files, says so in the header, and gives every
// document its position in the full walked list.
TEST(ScanShard, KeepsOneShardAndRecordsInputIndex) {
  trustscreen::testing::TempDir dir;
  const auto rules = dir.Write("rules/r.yaml", testing::kHypersonicRules);
  std::vector<std::string> walked;
  for (int i = 0; i < 20; ++i) {
    walked.push_back(
        dir.Write("docs/" + std::to_string(100 + i) + ".txt", "hypersonic " + std::to_string(i))
            .string());
  }
  std::set<std::size_t> all;
  for (int k = 1; k <= 3; ++k) {
    ScanOptions options;
    options.inputs = {(dir.path() / "docs").string()};
    options.rule_paths = {rules};
    options.out_dir = dir.path() / ("out" + std::to_string(k));
    options.threads = 2;
    options.shard = ShardSpec{k, 3};
    Result<ScanOutcome> outcome = RunScan(options);
    ASSERT_TRUE(outcome.ok()) << outcome.status().message();
    EXPECT_EQ(outcome->header.options.shard, std::to_string(k) + "/3");
    std::ifstream in(outcome->jsonl_path);
    std::string line;
    while (std::getline(in, line)) {
      const nlohmann::json record = nlohmann::json::parse(line);
      if (record["record"] != "document") continue;
      const std::size_t index = record["input_index"];
      ASSERT_LT(index, walked.size());
      EXPECT_EQ(record["path"], walked[index]);
      EXPECT_EQ(ShardOfPath(walked[index], 3), k);
      EXPECT_TRUE(all.insert(index).second) << index;
    }
  }
  EXPECT_EQ(all.size(), walked.size());
}

}  // namespace
}  // namespace trustscreen::pipeline
