#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "temp_dir.h"
#include "trustscreen/pipeline/scan.h"

namespace trustscreen::pipeline {
namespace {

using trustscreen::testing::TempDir;

constexpr char kRules[] = R"(rules:
  - id: test-hypersonic
    title: Hypersonic flight
    family: sensitive-tech
    severity: high
    rationale: test rule
    patterns: ['hypersonic']
  - id: test-ear99
    title: EAR99
    family: export-control
    severity: low
    rationale: test rule
    case_sensitive: true
    patterns: ['EAR99']
)";

struct Screened {
  std::string path;
  DocumentStatus status;
  std::vector<std::pair<std::string, std::size_t>> findings;  // rule id, begin
  bool operator==(const Screened&) const = default;
};

std::vector<Screened> ScreenWithThreads(const std::vector<std::string>& files,
                                        const rules::CompiledRuleSet& rules, int threads) {
  std::vector<Screened> screened;
  ScreenFiles(files, rules, {}, threads, [&](DocumentResult&& result) {
    Screened entry{result.document.path, result.document.status, {}};
    for (const Finding& finding : result.findings) {
      entry.findings.emplace_back(finding.rule_id, finding.begin);
    }
    screened.push_back(std::move(entry));
  });
  return screened;
}

TEST(ScreenFiles, GivesTheSameResultsInTheSameOrderOnOneAndManyThreads) {
  TempDir dir;
  auto rule_file = dir.Write("rules/test.yaml", kRules);
  Result<rules::CompiledRuleSet> rules = rules::LoadRules({rule_file});
  ASSERT_TRUE(rules.ok()) << rules.status().ToString();
  std::vector<std::string> files;
  for (int i = 0; i < 60; ++i) {
    std::string text = "Document " + std::to_string(i) + "\n";
    for (int j = 0; j < i % 7; ++j) text += "hypersonic test " + std::to_string(j) + " EAR99\n";
    files.push_back(dir.Write("docs/" + std::to_string(1000 + i) + ".txt", text).string());
  }
  files.push_back((dir.path() / "docs/missing.pdf").string());

  const std::vector<Screened> one = ScreenWithThreads(files, *rules, 1);
  const std::vector<Screened> many = ScreenWithThreads(files, *rules, 4);
  ASSERT_EQ(one.size(), files.size());
  EXPECT_EQ(one, many);
  for (std::size_t i = 0; i < files.size(); ++i) EXPECT_EQ(one[i].path, files[i]);
  EXPECT_EQ(one[6].findings.size(), 12u);
  EXPECT_EQ(one.back().status, DocumentStatus::kMissing);
}

TEST(RunScan, BadRuleFileIsAConfigurationError) {
  TempDir dir;
  auto rule_file = dir.Write("rules/bad.yaml", "rules:\n  - id: x\n    title: [unclosed\n");
  ScanOptions options;
  options.inputs = {dir.path().string()};
  options.rule_paths = {rule_file};
  options.out_dir = dir.path() / "out";
  Result<ScanOutcome> outcome = RunScan(options);
  ASSERT_FALSE(outcome.ok());
  EXPECT_EQ(outcome.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_NE(outcome.status().message().find("bad.yaml"), std::string::npos)
      << outcome.status().message();
}

TEST(RunScan, WritesEveryInputToTheJsonlReportWithItsStatus) {
  TempDir dir;
  auto rule_file = dir.Write("rules/test.yaml", kRules);
  dir.Write("in/a.txt", "A hypersonic glide vehicle.");
  dir.Write("in/b.txt", "");
  dir.Write("in/c.xyz", "binary?");
  ScanOptions options;
  options.inputs = {(dir.path() / "in").string(), (dir.path() / "nope.pdf").string()};
  options.rule_paths = {rule_file};
  options.out_dir = dir.path() / "out";
  options.threads = 2;
  Result<ScanOutcome> outcome = RunScan(options);
  ASSERT_TRUE(outcome.ok()) << outcome.status().ToString();
  EXPECT_EQ(outcome->summary.documents, 4);
  EXPECT_EQ(outcome->summary.ExitCode(), 2);

  std::ifstream in(outcome->jsonl_path);
  std::map<std::string, std::string> status_by_name;
  std::string line;
  int findings = 0;
  while (std::getline(in, line)) {
    auto record = nlohmann::json::parse(line);
    if (record["record"] == "document") {
      status_by_name[std::filesystem::path(record["path"].get<std::string>()).filename()] =
          record["status"];
    }
    if (record["record"] == "finding") ++findings;
  }
  EXPECT_EQ(status_by_name["a.txt"], "ok");
  EXPECT_EQ(status_by_name["b.txt"], "empty");
  EXPECT_EQ(status_by_name["c.xyz"], "unsupported");
  EXPECT_EQ(status_by_name["nope.pdf"], "missing");
  EXPECT_EQ(findings, 1);
}

}  // namespace
}  // namespace trustscreen::pipeline
