// Scans with --cache: what a second run reuses, re-matches or extracts again.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "temp_dir.h"
#include "trustscreen/digest/sha256.h"
#include "trustscreen/pipeline/scan.h"

namespace trustscreen::pipeline {
namespace {

using nlohmann::json;
using trustscreen::testing::TempDir;

constexpr char kRules[] = R"(rules:
  - id: test-hypersonic
    title: Hypersonic flight
    family: sensitive-tech
    severity: high
    rationale: test rule
    patterns: ['hypersonic']
  - id: test-export
    title: Export control
    family: export-control
    severity: medium
    rationale: test rule
    patterns: ['export control']
)";

constexpr char kExtraRule[] = R"(
  - id: test-agreement
    title: Agreement
    family: sensitive-tech
    severity: low
    rationale: test rule
    patterns: ['agreement']
)";

constexpr char kBrokenRule[] = R"(
  - id: test-broken
    title: Broken
    family: sensitive-tech
    severity: low
    rationale: test rule
    patterns: ['(unclosed']
)";

struct ScanRun {
  ScanOutcome outcome;
  std::vector<json> documents;  // the document records, in order
  std::vector<json> records;    // every record but the run header and summary, "cache" removed
};

class CachedScan : public ::testing::Test {
 protected:
  void SetUp() override {
    rules_ = dir_.Write("rules/test.yaml", kRules);
    for (int i = 0; i < 12; ++i) {
      std::string text = "Agreement " + std::to_string(i) + "\n\n1. Scope\n";
      for (int j = 0; j < i % 4; ++j) text += "Work on hypersonic flight under export control.\n";
      dir_.Write("docs/" + std::to_string(100 + i) + ".txt", text);
    }
  }

  ScanRun Scan(const std::string& out, const std::filesystem::path& cache) {
    ScanOptions options;
    options.inputs = {(dir_.path() / "docs").string(), TRUSTSCREEN_SOURCE_DIR "/samples"};
    options.rule_paths = {rules_};
    options.out_dir = dir_.path() / out;
    options.threads = 2;
    options.reproducible = true;
    options.cache_path = cache;
    Result<ScanOutcome> outcome = RunScan(options);
    EXPECT_TRUE(outcome.ok()) << outcome.status().ToString();
    ScanRun run;
    if (!outcome.ok()) return run;
    run.outcome = *outcome;
    std::ifstream jsonl(outcome->jsonl_path);
    std::string line;
    while (std::getline(jsonl, line)) {
      json record = json::parse(line);
      if (record["record"] == "document") run.documents.push_back(record);
      if (record["record"] == "document" || record["record"] == "finding") {
        record.erase("cache");
        run.records.push_back(record);
      }
    }
    return run;
  }

  // The docs alone, for runs expected to fail.
  Result<ScanOutcome> ScanDocs(const std::string& out, const std::filesystem::path& cache) {
    ScanOptions options;
    options.inputs = {(dir_.path() / "docs").string()};
    options.rule_paths = {rules_};
    options.out_dir = dir_.path() / out;
    options.cache_path = cache;
    return RunScan(options);
  }

  std::filesystem::path CachePath() const { return dir_.path() / "cache.db"; }

  TempDir dir_;
  std::filesystem::path rules_;
};

std::map<std::string, std::string> CacheUseByPath(const ScanRun& run) {
  std::map<std::string, std::string> uses;
  for (const json& document : run.documents) {
    uses[document["path"]] = document.value("cache", "(absent)");
  }
  return uses;
}

TEST_F(CachedScan, FirstRunExtractsEverythingAndSecondRunExtractsNothing) {
  const ScanRun cold = Scan("out1", CachePath());
  ASSERT_FALSE(cold.documents.empty());
  for (const json& document : cold.documents) EXPECT_EQ(document["cache"], "miss") << document;
  EXPECT_EQ(cold.outcome.cache.miss, static_cast<int>(cold.documents.size()));

  const ScanRun warm = Scan("out2", CachePath());
  for (const json& document : warm.documents) EXPECT_EQ(document["cache"], "results") << document;
  EXPECT_EQ(warm.outcome.cache.miss, 0);
  EXPECT_EQ(warm.outcome.cache.text, 0);
  EXPECT_EQ(warm.outcome.cache.results, static_cast<int>(warm.documents.size()));
  EXPECT_EQ(warm.records, cold.records) << "the cached report must equal the extracted one";
  EXPECT_EQ(warm.outcome.summary.ExitCode(), cold.outcome.summary.ExitCode());
}

TEST_F(CachedScan, DocumentsThatCannotBeScreenedKeepTheirStatusFromTheCache) {
  const ScanRun cold = Scan("out1", CachePath());
  const ScanRun warm = Scan("out2", CachePath());
  std::map<std::string, std::string> statuses;
  for (const json& document : warm.documents) statuses[document["path"]] = document["status"];
  EXPECT_EQ(statuses[TRUSTSCREEN_SOURCE_DIR "/samples/encrypted-agreement.pdf"], "encrypted");
  EXPECT_EQ(statuses[TRUSTSCREEN_SOURCE_DIR "/samples/scanned-signature-page.pdf"], "needs_ocr");
  EXPECT_EQ(warm.outcome.summary.not_fully_screened.size(),
            cold.outcome.summary.not_fully_screened.size());
  EXPECT_EQ(warm.outcome.summary.ExitCode(), 2);
}

TEST_F(CachedScan, ChangedRulesAreMatchedAgainstTheCachedText) {
  Scan("out1", CachePath());
  std::ofstream(rules_, std::ios::app) << kExtraRule;

  const ScanRun rematched = Scan("out2", CachePath());
  for (const json& document : rematched.documents) {
    EXPECT_EQ(document["cache"], "text") << document;
  }
  EXPECT_EQ(rematched.outcome.cache.miss, 0);
  const ScanRun uncached = Scan("out3", "");
  EXPECT_EQ(rematched.records, uncached.records)
      << "re-matching cached text must give what extraction and matching give";
  bool new_rule_found = false;
  for (const json& record : rematched.records) {
    if (record["record"] == "finding" && record["rule_id"] == "test-agreement") {
      new_rule_found = true;
    }
  }
  EXPECT_TRUE(new_rule_found);

  const ScanRun warm = Scan("out4", CachePath());
  for (const json& document : warm.documents) EXPECT_EQ(document["cache"], "results") << document;
}

TEST_F(CachedScan, AFileWhoseBytesChangedIsExtractedAgain) {
  Scan("out1", CachePath());
  const std::filesystem::path changed = dir_.path() / "docs" / "103.txt";
  std::ofstream(changed, std::ios::app) << "Now also about hypersonic export control.\n";

  const ScanRun run = Scan("out2", CachePath());
  const std::map<std::string, std::string> uses = CacheUseByPath(run);
  for (const auto& [path, use] : uses) {
    EXPECT_EQ(use, path == changed.string() ? "miss" : "results") << path;
  }
  EXPECT_EQ(run.outcome.cache.miss, 1);
}

TEST_F(CachedScan, ANewFileInAWarmRunIsMatchedLikeInAColdRun) {
  Scan("out1", CachePath());
  dir_.Write("docs/200.txt", "New work on hypersonic flight.\n\n2. Export control applies.\n");

  // The rules are compiled only now, when the new file needs them.
  const ScanRun warm = Scan("out2", CachePath());
  const ScanRun uncached = Scan("out3", "");
  EXPECT_EQ(warm.records, uncached.records);
  EXPECT_EQ(warm.outcome.cache.miss, 1);
  int new_findings = 0;
  for (const json& record : warm.records) {
    if (record["record"] == "finding" &&
        record["document"] == (dir_.path() / "docs/200.txt").string()) {
      ++new_findings;
    }
  }
  EXPECT_EQ(new_findings, 2);
}

TEST_F(CachedScan, ABrokenRuleFailsTheRunThoughEveryDocumentIsCached) {
  Scan("out1", CachePath());
  std::ofstream(rules_, std::ios::app) << kBrokenRule;
  Result<ScanOutcome> outcome = ScanDocs("out2", CachePath());
  ASSERT_FALSE(outcome.ok());
  EXPECT_NE(outcome.status().message().find("rule 'test-broken': invalid pattern"),
            std::string::npos)
      << outcome.status().message();
}

// Stores an empty result for each of `files` under `rules_sha256` and this build, as if an earlier
// run had matched them with those rules.
void ForgeResults(const std::filesystem::path& cache_path, const std::string& rules_sha256,
                  const std::vector<std::filesystem::path>& files) {
  Result<std::unique_ptr<cache::Cache>> cache = cache::Cache::Open(cache_path, true, BuildId());
  ASSERT_TRUE(cache.ok()) << cache.status().ToString();
  for (const std::filesystem::path& file : files) {
    Document document;
    document.path = file.string();
    document.sha256 = digest::Sha256FileHex(file).value();
    DocumentResult result;
    result.document = document;
    ASSERT_TRUE((*cache)
                    ->Store(cache::MakeKey(document.sha256, {}), &document, rules_sha256, {result})
                    .ok());
  }
}

// Compiling is deferred when the cache holds results of the rules, which then compiled (here the
// results are forged for rules that cannot compile, to see what compiling when needed does).
TEST_F(CachedScan, AWarmRunWhoseResultsAreAllCachedDoesNotCompileTheRules) {
  std::ofstream(rules_, std::ios::app) << kBrokenRule;
  Result<rules::RuleSource> source = rules::ReadRules({rules_});
  ASSERT_TRUE(source.ok());
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir_.path() / "docs")) {
    files.push_back(entry.path());
  }
  ForgeResults(CachePath(), source->sha256, files);
  Result<ScanOutcome> outcome = ScanDocs("out", CachePath());
  ASSERT_TRUE(outcome.ok()) << outcome.status().message();
  EXPECT_EQ(outcome->cache.results, static_cast<int>(files.size()));
  EXPECT_EQ(outcome->cache.miss + outcome->cache.text, 0);
}

TEST_F(CachedScan, RulesThatFailToCompileWhenFirstNeededFailTheRun) {
  std::ofstream(rules_, std::ios::app) << kBrokenRule;
  Result<rules::RuleSource> source = rules::ReadRules({rules_});
  ASSERT_TRUE(source.ok());
  ForgeResults(CachePath(), source->sha256, {dir_.path() / "docs" / "100.txt"});
  // The other eleven files need matching: the rules are compiled then, and fail the run.
  Result<ScanOutcome> outcome = ScanDocs("out", CachePath());
  ASSERT_FALSE(outcome.ok());
  EXPECT_NE(outcome.status().message().find("rule 'test-broken': invalid pattern"),
            std::string::npos)
      << outcome.status().message();
}

TEST_F(CachedScan, RunsWithoutACacheHaveNoCacheField) {
  const ScanRun run = Scan("out1", "");
  for (const json& document : run.documents) EXPECT_FALSE(document.contains("cache"));
  EXPECT_FALSE(run.outcome.cache_used);
}

TEST_F(CachedScan, AGarbageCacheFileFailsTheRunNamingTheFile) {
  const std::filesystem::path garbage = dir_.Write("garbage.db", std::string(4096, '\x7f'));
  Result<ScanOutcome> outcome = ScanDocs("out", garbage);
  ASSERT_FALSE(outcome.ok());
  EXPECT_NE(outcome.status().message().find(garbage.string()), std::string::npos)
      << outcome.status().message();
}

TEST(ScreenFilesWithCache, GivesTheSameResultsAsWithoutOnTwoThreads) {
  TempDir dir;
  auto rule_file = dir.Write("rules/test.yaml", kRules);
  Result<rules::CompiledRuleSet> rules = rules::LoadRules({rule_file});
  ASSERT_TRUE(rules.ok()) << rules.status().ToString();
  std::vector<std::string> files;
  for (int i = 0; i < 40; ++i) {
    std::string text = "Document " + std::to_string(i) + "\n";
    for (int j = 0; j < i % 5; ++j) text += "hypersonic export control " + std::to_string(j) + "\n";
    files.push_back(dir.Write("docs/" + std::to_string(1000 + i) + ".txt", text).string());
  }
  auto screen = [&](cache::Cache* cache, CacheUse expected) {
    std::vector<std::pair<std::string, std::vector<std::size_t>>> screened;
    ScreenFiles(
        files, *rules, {}, 2,
        [&](DocumentResult&& result) {
          EXPECT_EQ(result.cache, expected) << result.document.path;
          std::vector<std::size_t> begins;
          for (const Finding& finding : result.findings) begins.push_back(finding.begin);
          screened.emplace_back(result.document.path, begins);
        },
        cache);
    return screened;
  };
  Result<std::unique_ptr<cache::Cache>> cache = cache::Cache::Open(dir.path() / "c.db");
  ASSERT_TRUE(cache.ok()) << cache.status().ToString();
  const auto plain = screen(nullptr, CacheUse::kNone);
  EXPECT_EQ(screen(cache->get(), CacheUse::kMiss), plain);
  EXPECT_EQ(screen(cache->get(), CacheUse::kResults), plain);
}

}  // namespace
}  // namespace trustscreen::pipeline
