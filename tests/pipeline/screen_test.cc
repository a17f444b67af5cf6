#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
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

std::vector<DocumentResult> ScreenTexts(const TempDir& dir, const std::vector<std::string>& texts) {
  Result<rules::CompiledRuleSet> rules = rules::LoadRules({dir.Write("rules/test.yaml", kRules)});
  EXPECT_TRUE(rules.ok()) << rules.status().ToString();
  std::vector<std::string> files;
  for (std::size_t i = 0; i < texts.size(); ++i) {
    files.push_back(dir.Write("docs/" + std::to_string(i) + ".txt", texts[i]).string());
  }
  std::vector<DocumentResult> results;
  ScreenFiles(files, *rules, {}, 1,
              [&](DocumentResult&& result) { results.push_back(std::move(result)); });
  return results;
}

// The clause text must hold each finding's match at the finding's offset.
void ExpectMatchesInClauseText(const DocumentResult& result) {
  const std::vector<FindingRange> groups = GroupFindingsByClause(result.findings);
  ASSERT_EQ(result.clauses.size(), groups.size());
  for (std::size_t i = 0; i < groups.size(); ++i) {
    const ClauseExcerpt& clause = result.clauses[i];
    EXPECT_EQ(clause.text.size(), clause.end - clause.begin);
    for (std::size_t j = groups[i].first; j < groups[i].last; ++j) {
      const Finding& finding = result.findings[j];
      EXPECT_EQ(clause.ref, finding.clause_ref);
      ASSERT_GE(finding.begin, clause.begin);
      ASSERT_LE(finding.end, clause.end);
      EXPECT_EQ(clause.text.substr(finding.begin - clause.begin, finding.end - finding.begin),
                finding.matched_text);
    }
  }
}

TEST(ScreenFiles, KeepsTheTextOfEachFlaggedClause) {
  TempDir dir;
  const std::vector<DocumentResult> results = ScreenTexts(
      dir, {"1. Definitions\n1.1 Terms.\n9. Export Control\n9.1 The hypersonic vehicle is "
            "EAR99.\n9.2 Nothing else.\n12. Term\n12.1 A hypersonic year.\n"});
  ASSERT_EQ(results.size(), 1u);
  const DocumentResult& result = results[0];
  ASSERT_EQ(result.findings.size(), 3u);
  ASSERT_EQ(result.clauses.size(), 2u);
  EXPECT_EQ(result.clauses[0].ref, "9.1");
  EXPECT_EQ(result.clauses[0].title, "Export Control");
  EXPECT_EQ(result.clauses[0].text.rfind("9.1 The hypersonic vehicle is EAR99.", 0), 0u)
      << result.clauses[0].text;
  EXPECT_EQ(result.clauses[0].text.find("Nothing else"), std::string::npos);
  EXPECT_FALSE(result.clauses[0].truncated);
  EXPECT_EQ(result.clauses[0].pages, std::vector<int>{1});
  EXPECT_EQ(result.clauses[1].ref, "12.1");
  ExpectMatchesInClauseText(result);
  EXPECT_TRUE(result.document.text.empty()) << "the full text is still released";
}

TEST(ScreenFiles, CutsALongClauseAroundItsMatchesOnCharacterBoundaries) {
  TempDir dir;
  std::string accents;
  for (int i = 0; i < 3001; ++i) accents += "\xC3\xA9";  // é
  const std::vector<DocumentResult> results = ScreenTexts(
      dir, {"9. Export Control\n9.1 x" + accents + " hypersonic " + accents + "\n9.2 End.\n"});
  ASSERT_EQ(results.size(), 1u);
  const DocumentResult& result = results[0];
  ASSERT_EQ(result.clauses.size(), 1u);
  const ClauseExcerpt& clause = result.clauses[0];
  EXPECT_TRUE(clause.truncated);
  EXPECT_LE(clause.text.size(), kMaxClauseExcerptBytes);
  EXPECT_GE(clause.text.size(), kMaxClauseExcerptBytes - 3);
  EXPECT_EQ(clause.text.rfind("\xC3\xA9", 0), 0u) << "starts on a character";
  EXPECT_EQ(clause.text.substr(clause.text.size() - 2), "\xC3\xA9") << "ends on a character";
  EXPECT_NE(clause.text.find(" hypersonic "), std::string::npos);
  ExpectMatchesInClauseText(result);
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

TEST(RunScan, APatternThatDoesNotCompileFailsATwoThreadRunThatCompilesInTheBackground) {
  TempDir dir;
  auto rule_file = dir.Write("rules/bad.yaml", R"(rules:
  - id: test-unclosed
    title: Unclosed group
    family: sensitive-tech
    severity: high
    rationale: test rule
    patterns: ['hyper(sonic']
)");
  for (int i = 0; i < 20; ++i) dir.Write("docs/" + std::to_string(i) + ".txt", "hypersonic");
  ScanOptions options;
  options.inputs = {(dir.path() / "docs").string()};
  options.rule_paths = {rule_file};
  options.out_dir = dir.path() / "out";
  options.threads = 2;
  Result<ScanOutcome> outcome = RunScan(options);
  ASSERT_FALSE(outcome.ok());
  EXPECT_EQ(outcome.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_NE(outcome.status().message().find("test-unclosed"), std::string::npos)
      << outcome.status().message();
}

TEST(ScreenFiles, ReadsTheNextFilesWhileTheRulesCompileInTheBackground) {
  // The shipped rules take a good part of a second to compile; a small text file, a millisecond.
  Result<rules::RuleSource> source =
      rules::ReadRules({std::filesystem::path(TRUSTSCREEN_SOURCE_DIR) / "rules"});
  ASSERT_TRUE(source.ok()) << source.status().ToString();
  TempDir dir;
  std::vector<std::string> files;
  for (int i = 0; i < 40; ++i) {
    files.push_back(dir.Write("docs/" + std::to_string(100 + i) + ".txt",
                              "Clause " + std::to_string(i) + ". No hypersonic glide vehicle.")
                        .string());
  }
  rules::LazyRuleSet rules(std::move(source).value(), 2);
  std::atomic<int> begun_before_ready{0};
  ScreenOptions options;
  options.threads = 2;
  options.on_start = [&](std::size_t, const std::string&) {
    if (!rules.ready()) ++begun_before_ready;
  };
  rules.CompileInBackground();
  std::vector<DocumentResult> results;
  ScreenFiles(files, rules, options,
              [&](DocumentResult&& result) { results.push_back(std::move(result)); });

  // Without reading ahead, each thread would begin one file and wait for the rules.
  EXPECT_GT(begun_before_ready.load(), 2);
  ASSERT_EQ(results.size(), files.size());
  for (std::size_t i = 0; i < files.size(); ++i) {
    EXPECT_EQ(results[i].document.path, files[i]);
    EXPECT_EQ(results[i].document.status, DocumentStatus::kOk) << results[i].document.reason;
    EXPECT_FALSE(results[i].findings.empty()) << files[i];
  }
}

TEST(RunScan, ReportsPathsRelativeToTheGivenFolderAndOthersAsWalked) {
  TempDir dir;
  auto rule_file = dir.Write("rules/test.yaml", kRules);
  dir.Write("uploads/7f3a/0001-agreement.txt", "A hypersonic glide vehicle.");
  dir.Write("uploads/7f3a/sub/0002-annex.txt", "Hypersonic tests.");
  dir.Write("elsewhere/c.txt", "nothing");
  ScanOptions options;
  options.inputs = {(dir.path() / "uploads/7f3a").string(), (dir.path() / "elsewhere").string()};
  options.rule_paths = {rule_file};
  options.out_dir = dir.path() / "out";
  options.report_paths_relative_to = dir.path() / "uploads/7f3a/";
  Result<ScanOutcome> outcome = RunScan(options);
  ASSERT_TRUE(outcome.ok()) << outcome.status().ToString();
  std::ifstream in(outcome->jsonl_path);
  std::vector<std::string> documents;
  std::vector<std::string> finding_documents;
  for (std::string line; std::getline(in, line);) {
    auto record = nlohmann::json::parse(line);
    if (record["record"] == "document") documents.push_back(record["path"]);
    if (record["record"] == "finding") finding_documents.push_back(record["document"]);
    if (record["record"] == "run") {
      EXPECT_EQ(record["inputs"][0], (dir.path() / "uploads/7f3a").string());  // as given
    }
  }
  EXPECT_EQ(documents, (std::vector<std::string>{"0001-agreement.txt", "sub/0002-annex.txt",
                                                 (dir.path() / "elsewhere/c.txt").string()}));
  EXPECT_EQ(finding_documents,
            (std::vector<std::string>{"0001-agreement.txt", "sub/0002-annex.txt"}));
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

  std::ifstream html_in(outcome->html_path, std::ios::binary);
  const std::string html((std::istreambuf_iterator<char>(html_in)),
                         std::istreambuf_iterator<char>());
  EXPECT_EQ(outcome->html_path, dir.path() / "out" / "report.html");
  for (const char* name : {"a.txt", "b.txt", "c.xyz", "nope.pdf"}) {
    EXPECT_NE(html.find(name), std::string::npos) << name;
  }
  EXPECT_NE(html.find("<mark class=\"sev-high\" title=\"test-hypersonic\">hypersonic</mark>"),
            std::string::npos);
}

}  // namespace
}  // namespace trustscreen::pipeline
