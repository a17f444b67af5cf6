// merge: shards of one run give the single run's report; unfinished shards are never silent.
#include "trustscreen/pipeline/merge.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "corpus.h"
#include "extract/zip_fixtures.h"
#include "pipeline_fixtures.h"
#include "temp_dir.h"
#include "trustscreen/pipeline/scan.h"

namespace trustscreen::pipeline {
namespace {

using nlohmann::json;
using trustscreen::testing::TempDir;

const std::filesystem::path kSourceDir = TRUSTSCREEN_SOURCE_DIR;
const std::filesystem::path kCorpusDir = TRUSTSCREEN_CORPUS_DIR;
constexpr const char* kReportFiles[] = {"findings.jsonl", "flagged-clauses.csv", "findings.sarif",
                                        "report.html"};

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

std::vector<json> Records(const std::filesystem::path& jsonl, const std::string& kind) {
  std::vector<json> records;
  std::ifstream in(jsonl);
  std::string line;
  while (std::getline(in, line)) {
    json record = json::parse(line);
    if (record["record"] == kind) records.push_back(std::move(record));
  }
  return records;
}

// Document records by input_index (an archive and its members share one), each in file order.
std::map<std::size_t, std::vector<json>> ByInput(const std::vector<json>& documents) {
  std::map<std::size_t, std::vector<json>> by_input;
  for (const json& document : documents)
    by_input[document["input_index"].get<std::size_t>()].push_back(document);
  return by_input;
}

bool SortedByInput(const std::vector<json>& documents) {
  return std::is_sorted(documents.begin(), documents.end(), [](const json& a, const json& b) {
    return a["input_index"].get<std::size_t>() < b["input_index"].get<std::size_t>();
  });
}

class Merge : public ::testing::Test {
 protected:
  // A reproducible scan of `inputs` into dir_/out, of one shard when `shard` is set.
  ScanOutcome Scan(const std::vector<std::string>& inputs, const std::string& out,
                   std::optional<ShardSpec> shard = std::nullopt,
                   std::vector<std::filesystem::path> rules = {kSourceDir / "rules"}) {
    ScanOptions options;
    options.inputs = inputs;
    options.rule_paths = std::move(rules);
    options.out_dir = dir_.path() / out;
    options.threads = 2;
    options.reproducible = true;
    options.shard = shard;
    Result<ScanOutcome> outcome = RunScan(options);
    EXPECT_TRUE(outcome.ok()) << outcome.status().message();
    return outcome.ok() ? *outcome : ScanOutcome{};
  }

  // Shards K of N into dir_/shard-K; returns their findings.jsonl.
  std::vector<std::filesystem::path> ScanShards(const std::vector<std::string>& inputs, int count,
                                                std::vector<std::filesystem::path> rules = {
                                                    kSourceDir / "rules"}) {
    std::vector<std::filesystem::path> reports;
    for (int k = 1; k <= count; ++k) {
      reports.push_back(
          Scan(inputs, "shard-" + std::to_string(k), ShardSpec{k, count}, rules).jsonl_path);
    }
    return reports;
  }

  Result<MergeOutcome> MergeInto(const std::string& out, std::vector<std::filesystem::path> reports,
                                 MergeOptions options = {}) {
    options.shard_reports = std::move(reports);
    options.out_dir = dir_.path() / out;
    return RunMerge(options);
  }

  void ExpectSameReports(const std::string& single, const std::string& merged) {
    for (const char* file : kReportFiles) {
      const std::string expected = ReadFile(dir_.path() / single / file);
      ASSERT_FALSE(expected.empty()) << file;
      EXPECT_TRUE(expected == ReadFile(dir_.path() / merged / file))
          << file << " of the merge differs from the single run's";
    }
  }

  // Twenty small text files, some with findings, and two archives whose members have findings.
  std::vector<std::string> TextInputs() {
    rules_ = dir_.Write("rules/r.yaml", testing::kHypersonicRules);
    for (int i = 0; i < 20; ++i) {
      dir_.Write("docs/" + std::to_string(100 + i) + ".txt",
                 i % 3 == 0 ? "Work on hypersonic flight." : "Nothing to see.");
    }
    namespace fixtures = extract::fixtures;
    for (const char* name : {"docs/105-bundle.zip", "docs/112-bundle.zip"}) {
      dir_.Write(name, fixtures::BuildRawZip(
                           {fixtures::StoredMember("a/one.txt", "hypersonic one"),
                            fixtures::StoredMember("b.txt", "nothing"),
                            fixtures::DeflatedMember("c/two.txt", "more hypersonic work")}));
    }
    return {(dir_.path() / "docs").string()};
  }

  TempDir dir_;
  std::filesystem::path rules_;
};

TEST_F(Merge, ThreeShardsOfTheSamplesEqualASingleRun) {
  const std::vector<std::string> inputs = {(kSourceDir / "samples").string()};
  const ScanOutcome single = Scan(inputs, "single");
  Result<MergeOutcome> merged = MergeInto("merged", ScanShards(inputs, 3));
  ASSERT_TRUE(merged.ok()) << merged.status().message();
  EXPECT_TRUE(merged->unfinished.empty());
  EXPECT_EQ(merged->summary.ExitCode(), single.summary.ExitCode());
  ExpectSameReports("single", "merged");
}

TEST_F(Merge, ThreeShardsOfACorpusSubsetEqualASingleRun) {
  TRUSTSCREEN_NEED_CORPUS(kCorpusDir / "proposals");
  // Small folders of proposals (PDF) and contracts (DOCX, PDF), and the samples.
  const std::vector<std::string> inputs = {
      (kCorpusDir / "proposals/erc_stg_2021_icecube").string(),
      (kCorpusDir / "proposals/nih_f32_2019_kalekundert").string(),
      (kCorpusDir / "contracts/docx_karaka").string(),
      (kCorpusDir / "contracts/cla_ironcore").string(), (kSourceDir / "samples").string()};
  Scan(inputs, "single");
  Result<MergeOutcome> merged = MergeInto("merged", ScanShards(inputs, 3));
  ASSERT_TRUE(merged.ok()) << merged.status().message();
  ExpectSameReports("single", "merged");
}

TEST_F(Merge, ShardOrderOnTheCommandLineDoesNotMatter) {
  const std::vector<std::string> inputs = TextInputs();
  Scan(inputs, "single", std::nullopt, {rules_});
  std::vector<std::filesystem::path> reports = ScanShards(inputs, 4, {rules_});
  std::reverse(reports.begin(), reports.end());
  Result<MergeOutcome> merged = MergeInto("merged", reports);
  ASSERT_TRUE(merged.ok()) << merged.status().message();
  ExpectSameReports("single", "merged");
  // Archive members come right after their archive, as in the single run.
  EXPECT_NE(ReadFile(dir_.path() / "merged/findings.jsonl").find("112-bundle.zip!/c/two.txt"),
            std::string::npos);
}

TEST_F(Merge, MissingShardIsReportedNotScreenedAndExitsTwo) {
  const std::vector<std::string> inputs = TextInputs();
  const ScanOutcome single = Scan(inputs, "single", std::nullopt, {rules_});
  std::vector<std::filesystem::path> reports = ScanShards(inputs, 3, {rules_});
  reports.erase(reports.begin() + 1);  // shard 2/3 never wrote a report
  Result<MergeOutcome> merged = MergeInto("merged", reports);
  ASSERT_TRUE(merged.ok()) << merged.status().message();
  ASSERT_EQ(merged->unfinished.size(), 1u);
  EXPECT_EQ(merged->unfinished[0], (ShardSpec{2, 3}));
  EXPECT_FALSE(merged->summary.complete);
  EXPECT_EQ(merged->summary.ExitCode(), 2);

  const std::vector<json> documents = Records(merged->jsonl_path, "document");
  EXPECT_TRUE(SortedByInput(documents));
  auto expected = ByInput(Records(single.jsonl_path, "document"));
  auto got = ByInput(documents);
  ASSERT_EQ(got.size(), expected.size());  // every input accounted for: the run did not shrink
  int not_screened = 0;
  for (const auto& [index, records] : expected) {
    const std::vector<json>& merged_records = got[index];
    if (ShardOfPath(records[0]["path"].get<std::string>(), 3) == 2) {
      ASSERT_EQ(merged_records.size(), 1u);
      EXPECT_EQ(merged_records[0]["path"], records[0]["path"]);
      EXPECT_EQ(merged_records[0]["status"], "not_screened");
      EXPECT_EQ(merged_records[0]["reason"], "shard 2/3 did not finish");
      EXPECT_EQ(merged_records[0]["fully_screened"], false);
      ++not_screened;
    } else {
      EXPECT_EQ(merged_records, records);
    }
  }
  EXPECT_GT(not_screened, 0);
  const json summary = Records(merged->jsonl_path, "summary").at(0);
  EXPECT_EQ(summary["complete"], false);
  EXPECT_EQ(summary["exit_code"], 2);
  EXPECT_EQ(summary["documents_by_status"]["not_screened"], not_screened);
}

TEST_F(Merge, KilledShardKeepsWhatItFinishedButItsLastInput) {
  const std::vector<std::string> inputs = TextInputs();
  const ScanOutcome single = Scan(inputs, "single", std::nullopt, {rules_});
  std::vector<std::filesystem::path> reports = ScanShards(inputs, 2, {rules_});
  // Shard 1/2 killed after its third document: no summary, the last line half written.
  std::ifstream in(reports[0]);
  std::string line, cut;
  int documents_kept = 0;
  std::set<std::size_t> inputs_written;
  while (std::getline(in, line)) {
    const json record = json::parse(line);
    if (record["record"] == "document" && ++documents_kept > 3) {
      cut += line.substr(0, line.size() / 2);
      break;
    }
    if (record["record"] == "document")
      inputs_written.insert(record["input_index"].get<std::size_t>());
    cut += line + "\n";
  }
  in.close();
  std::ofstream(reports[0], std::ios::binary | std::ios::trunc) << cut;

  Result<MergeOutcome> merged = MergeInto("merged", reports);
  ASSERT_TRUE(merged.ok()) << merged.status().message();
  EXPECT_EQ(merged->summary.ExitCode(), 2);
  auto expected = ByInput(Records(single.jsonl_path, "document"));
  auto got = ByInput(Records(merged->jsonl_path, "document"));
  ASSERT_EQ(got.size(), expected.size());
  std::size_t kept = 0, not_screened = 0;
  for (const auto& [index, records] : expected) {
    if (ShardOfPath(records[0]["path"].get<std::string>(), 2) != 1) continue;
    if (got[index].size() == 1 && got[index][0]["status"] == "not_screened") {
      EXPECT_EQ(got[index][0]["reason"], "shard 1/2 did not finish");
      ++not_screened;
    } else {
      EXPECT_EQ(got[index], records);
      ++kept;
    }
  }
  // Of the inputs the killed shard wrote, the last may be incomplete: it is not kept.
  EXPECT_EQ(kept, inputs_written.size() - 1);
  EXPECT_GT(not_screened, 0u);
}

TEST_F(Merge, ShardSayingIncompleteIsUnfinished) {
  const std::vector<std::string> inputs = TextInputs();
  std::vector<std::filesystem::path> reports = ScanShards(inputs, 2, {rules_});
  std::string jsonl = ReadFile(reports[1]);
  const std::size_t at = jsonl.find("\"complete\":true");
  ASSERT_NE(at, std::string::npos);
  jsonl.replace(at, 15, "\"complete\":false");
  const std::size_t exit_at = jsonl.find("\"exit_code\":", at);
  jsonl.replace(exit_at, 13, "\"exit_code\":2");
  std::ofstream(reports[1], std::ios::binary | std::ios::trunc) << jsonl;
  Result<MergeOutcome> merged = MergeInto("merged", reports);
  ASSERT_TRUE(merged.ok()) << merged.status().message();
  EXPECT_EQ(merged->unfinished, (std::vector<ShardSpec>{{2, 2}}));
  EXPECT_FALSE(merged->summary.complete);
  EXPECT_EQ(merged->summary.ExitCode(), 2);
}

TEST_F(Merge, AbsentReportIsAnErrorUnlessAllowedMissing) {
  const std::vector<std::string> inputs = TextInputs();
  std::vector<std::filesystem::path> reports = ScanShards(inputs, 3, {rules_});
  std::filesystem::remove(reports[2]);
  Result<MergeOutcome> refused = MergeInto("merged", reports);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.status().message().find(reports[2].string() + ": no such file"),
            std::string::npos)
      << refused.status().message();

  MergeOptions options;
  options.allow_missing = true;
  Result<MergeOutcome> merged = MergeInto("merged", reports, options);
  ASSERT_TRUE(merged.ok()) << merged.status().message();
  EXPECT_EQ(merged->unfinished, (std::vector<ShardSpec>{{3, 3}}));
  EXPECT_EQ(merged->summary.ExitCode(), 2);

  // Shard 2 died while writing its first line.
  std::ofstream(reports[1], std::ios::binary | std::ios::trunc) << "{\"record\":\"ru";
  merged = MergeInto("merged", reports, options);
  ASSERT_TRUE(merged.ok()) << merged.status().message();
  EXPECT_EQ(merged->unfinished, (std::vector<ShardSpec>{{2, 3}, {3, 3}}));
}

TEST_F(Merge, ShardsOptionCountsShardsWithoutAnyReport) {
  const std::vector<std::string> inputs = TextInputs();
  std::vector<std::filesystem::path> reports = ScanShards(inputs, 3, {rules_});
  MergeOptions options;
  options.shards = 4;  // these are shards of 3
  Result<MergeOutcome> refused = MergeInto("merged", reports, options);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.status().message().find("is not one of 4 shards"), std::string::npos)
      << refused.status().message();
  options.shards = 3;
  Result<MergeOutcome> merged = MergeInto("merged", {reports[0]}, options);
  ASSERT_TRUE(merged.ok()) << merged.status().message();
  EXPECT_EQ(merged->unfinished, (std::vector<ShardSpec>{{2, 3}, {3, 3}}));
}

TEST_F(Merge, SameShardTwiceIsAnErrorNamingBothFiles) {
  const std::vector<std::string> inputs = TextInputs();
  std::vector<std::filesystem::path> reports = ScanShards(inputs, 2, {rules_});
  const std::filesystem::path copy = dir_.path() / "copy.jsonl";
  std::filesystem::copy_file(reports[0], copy);
  Result<MergeOutcome> merged = MergeInto("merged", {reports[0], reports[1], copy});
  ASSERT_FALSE(merged.ok());
  EXPECT_EQ(merged.status().message(),
            reports[0].string() + " and " + copy.string() + " are both shard 1/2");
}

TEST_F(Merge, ShardsOfDifferentRunsAreRefused) {
  const std::vector<std::string> inputs = TextInputs();
  const std::filesystem::path first = Scan(inputs, "a", ShardSpec{1, 2}, {rules_}).jsonl_path;
  const std::filesystem::path other =
      Scan({(kSourceDir / "samples").string()}, "b", ShardSpec{2, 2}, {rules_}).jsonl_path;
  Result<MergeOutcome> merged = MergeInto("merged", {first, other});
  ASSERT_FALSE(merged.ok());
  EXPECT_EQ(merged.status().message(), other.string() + " and " + first.string() +
                                           " are not shards of one run: inputs differ");

  const std::filesystem::path unsharded = Scan(inputs, "c", std::nullopt, {rules_}).jsonl_path;
  merged = MergeInto("merged", {first, unsharded});
  ASSERT_FALSE(merged.ok());
  EXPECT_NE(merged.status().message().find(unsharded.string() + ": not a shard report"),
            std::string::npos);
}

TEST_F(Merge, MalformedShardReportNamesFileAndLine) {
  const std::vector<std::string> inputs = TextInputs();
  std::vector<std::filesystem::path> reports = ScanShards(inputs, 2, {rules_});
  std::ofstream(reports[1], std::ios::app) << "not json\n";
  Result<MergeOutcome> merged = MergeInto("merged", reports);
  ASSERT_FALSE(merged.ok());
  EXPECT_EQ(merged.status().code(), ErrorCode::kParseError);
  EXPECT_EQ(merged.status().message().rfind(reports[1].string() + ":", 0), 0u)
      << merged.status().message();
}

}  // namespace
}  // namespace trustscreen::pipeline
