// scan --shard K/N and merge as a user (or a Slurm job) runs them.
#include <gtest/gtest.h>

#include <sstream>

#include "e2e/run_cli.h"
#include "temp_dir.h"

namespace trustscreen::testing {
namespace {

const std::filesystem::path kSourceDir = TRUSTSCREEN_SOURCE_DIR;

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

// The samples with relative paths, as a job array would name them: scan and merge run in `dir`.
class ShardCli : public ::testing::Test {
 protected:
  void SetUp() override {
    std::filesystem::copy(kSourceDir / "samples", dir_.path() / "samples");
    rules_ = " --rules " + Quote(kSourceDir / "rules");
  }

  CliRun ScanShard(int k, int n) {
    return RunTrustscreen("scan samples" + rules_ + " --reproducible --threads 2 --shard " +
                              std::to_string(k) + "/" + std::to_string(n) + " --out out/shard-" +
                              std::to_string(k - 1),
                          dir_.path());
  }

  TempDir dir_;
  std::string rules_;
};

TEST_F(ShardCli, MergedShardsEqualASingleRunInEveryFormat) {
  CliRun single = RunTrustscreen(
      "scan samples" + rules_ + " --reproducible --threads 2 --out out/single", dir_.path());
  ASSERT_EQ(single.exit_code, 2) << single.output;  // the samples hold an encrypted PDF
  for (int k = 1; k <= 3; ++k) {
    CliRun shard = ScanShard(k, 3);
    EXPECT_GE(shard.exit_code, 0) << shard.output;
    EXPECT_LE(shard.exit_code, 2) << shard.output;
  }
  CliRun merge = RunTrustscreen(
      "merge out/shard-2/findings.jsonl out/shard-0/findings.jsonl out/shard-1/findings.jsonl "
      "--out out/merged",
      dir_.path());
  EXPECT_EQ(merge.exit_code, 2) << merge.output;
  EXPECT_NE(merge.output.find("Reports: "), std::string::npos) << merge.output;
  for (const char* file :
       {"findings.jsonl", "flagged-clauses.csv", "findings.sarif", "report.html"}) {
    EXPECT_TRUE(ReadFile(dir_.path() / "out/single" / file) ==
                ReadFile(dir_.path() / "out/merged" / file))
        << file;
  }
  const JsonlReport report = ReadJsonl(dir_.path() / "out/merged/findings.jsonl");
  EXPECT_EQ(report.run["options"].count("shard"), 0u);
  // Inputs in order, each followed by its members (an e-mail's attachments), which share its index.
  std::size_t input = 0;
  for (std::size_t i = 0; i < report.documents.size(); ++i) {
    const bool member =
        report.documents[i]["path"].get<std::string>().find("!/") != std::string::npos;
    if (!member && i > 0) ++input;
    EXPECT_EQ(report.documents[i]["input_index"], input) << report.documents[i]["path"];
  }
}

// A waiver matches in one shard and is stale in the others: merged, it is applied, as in a
// single run; one that matches nowhere stays stale.
TEST_F(ShardCli, MergedWaiverSummaryEqualsASingleRuns) {
  CliRun first = RunTrustscreen(
      "scan samples" + rules_ + " --reproducible --threads 2 --out out/single", dir_.path());
  ASSERT_EQ(first.exit_code, 2) << first.output;
  const JsonlReport report = ReadJsonl(dir_.path() / "out/single/findings.jsonl");
  ASSERT_GE(report.findings.size(), 2u);
  for (const auto* finding : {&report.findings.front(), &report.findings.back()}) {
    CliRun waive = RunTrustscreen("waive " + (*finding)["short_id"].get<std::string>() +
                                      " --reason test --reviewer me --date 2026-01-01 "
                                      "--report out/single/findings.jsonl",
                                  dir_.path());
    ASSERT_EQ(waive.exit_code, 0) << waive.output;
  }
  std::ofstream(dir_.path() / "waivers.yaml", std::ios::app)
      << "  - fingerprint: " << std::string(64, '0')
      << "\n    rule: x\n    reviewer: me\n    date: 2026-01-01\n    reason: stale\n";
  const std::string waivers = " --waivers waivers.yaml";
  RunTrustscreen("scan samples" + rules_ + waivers + " --reproducible --threads 2 --out out/single",
                 dir_.path());
  for (int k = 1; k <= 3; ++k) {
    RunTrustscreen("scan samples" + rules_ + waivers + " --reproducible --threads 2 --shard " +
                       std::to_string(k) + "/3 --out out/shard-" + std::to_string(k - 1),
                   dir_.path());
  }
  CliRun merge = RunTrustscreen(
      "merge out/shard-0/findings.jsonl out/shard-1/findings.jsonl out/shard-2/findings.jsonl "
      "--out out/merged",
      dir_.path());
  EXPECT_EQ(merge.exit_code, 2) << merge.output;
  for (const char* file :
       {"findings.jsonl", "flagged-clauses.csv", "findings.sarif", "report.html"}) {
    EXPECT_TRUE(ReadFile(dir_.path() / "out/single" / file) ==
                ReadFile(dir_.path() / "out/merged" / file))
        << file;
  }
  const JsonlReport merged = ReadJsonl(dir_.path() / "out/merged/findings.jsonl");
  EXPECT_EQ(merged.summary["waivers"]["applied"].size(), 2u) << merged.summary.dump();
  EXPECT_EQ(merged.summary["waivers"]["stale"].size(), 1u) << merged.summary.dump();
}

TEST_F(ShardCli, ShardRecordsItsOptionAndKeepsItsFiles) {
  CliRun shard = ScanShard(1, 2);
  ASSERT_LE(shard.exit_code, 2) << shard.output;
  const JsonlReport report = ReadJsonl(dir_.path() / "out/shard-0/findings.jsonl");
  EXPECT_EQ(report.run["options"]["shard"], "1/2");
  EXPECT_LT(report.documents.size(), 7u);
}

TEST_F(ShardCli, BadShardIsAUsageError) {
  for (const char* shard : {"0/2", "3/2", "two", "1/0"}) {
    CliRun run =
        RunTrustscreen("scan samples --shard " + std::string(shard) + " --out out/x", dir_.path());
    EXPECT_EQ(run.exit_code, 3) << shard << ": " << run.output;
    EXPECT_NE(run.output.find("K/N"), std::string::npos) << run.output;
  }
}

TEST_F(ShardCli, CancelledShardMakesItsDocumentsNotScreenedAndExitsTwo) {
  ASSERT_LE(ScanShard(1, 3).exit_code, 2);
  ASSERT_LE(ScanShard(3, 3).exit_code, 2);  // shard 2/3 was cancelled before it wrote anything
  const std::string reports =
      "out/shard-0/findings.jsonl out/shard-1/findings.jsonl out/shard-2/findings.jsonl";
  CliRun refused = RunTrustscreen("merge " + reports + " --out out/merged", dir_.path());
  EXPECT_EQ(refused.exit_code, 3) << refused.output;
  EXPECT_NE(refused.output.find("out/shard-1/findings.jsonl: no such file (--allow-missing"),
            std::string::npos)
      << refused.output;

  CliRun merge = RunTrustscreen("merge " + reports + " --shards 3 --allow-missing --out out/merged",
                                dir_.path());
  EXPECT_EQ(merge.exit_code, 2) << merge.output;
  EXPECT_NE(merge.output.find("Shard 2/3 did not finish"), std::string::npos) << merge.output;
  const JsonlReport report = ReadJsonl(dir_.path() / "out/merged/findings.jsonl");
  std::size_t samples = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir_.path() / "samples")) {
    samples += entry.is_regular_file() ? 1 : 0;
  }
  std::size_t inputs = 0;  // documents that are not members of another (an e-mail's attachment)
  for (const auto& document : report.documents) {
    inputs += document["path"].get<std::string>().find("!/") == std::string::npos ? 1 : 0;
  }
  EXPECT_EQ(inputs, samples);  // every sample accounted for
  int not_screened = 0;
  for (const auto& document : report.documents) {
    if (document["status"] == "not_screened") {
      EXPECT_EQ(document["reason"], "shard 2/3 did not finish");
      ++not_screened;
    }
  }
  EXPECT_GT(not_screened, 0);
  EXPECT_EQ(report.summary["complete"], false);
  EXPECT_EQ(report.summary["exit_code"], 2);
}

TEST_F(ShardCli, ShardsOfDifferentRunsAreAUsageError) {
  ASSERT_LE(ScanShard(1, 2).exit_code, 2);
  CliRun other = RunTrustscreen(
      "scan samples/grant-proposal.pdf" + rules_ + " --shard 2/2 --out out/other", dir_.path());
  ASSERT_LE(other.exit_code, 2) << other.output;
  CliRun merge = RunTrustscreen(
      "merge out/shard-0/findings.jsonl out/other/findings.jsonl --out out/merged", dir_.path());
  EXPECT_EQ(merge.exit_code, 3) << merge.output;
  EXPECT_NE(merge.output.find("are not shards of one run: inputs differ"), std::string::npos)
      << merge.output;
}

}  // namespace
}  // namespace trustscreen::testing
