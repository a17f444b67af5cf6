// Per-document work in time linear in the document, and bounded by --timeout: a long text with no
// blank line and a match every few dozen bytes is one paragraph that every finding's fingerprint,
// clause and excerpt is taken from.
#include <gtest/gtest.h>

#include <chrono>

#include "e2e/run_cli.h"
#include "temp_dir.h"

namespace trustscreen::testing {
namespace {

constexpr char kRules[] = R"(rules:
  - id: test-eccn
    title: ECCN 3A001
    family: export-control
    severity: high
    rationale: test rule
    patterns: ['ECCN 3A001']
  - id: test-licence
    title: Export licence
    family: export-control
    severity: medium
    rationale: test rule
    patterns: ['export licen[cs]e']
)";

// `bytes` of repeated sentences, each with an export licence and an ECCN, with no line break.
std::string OneParagraph(std::size_t bytes) {
  const std::string sentence =
      "The Recipient shall obtain an export licence before shipping items classified under "
      "ECCN 3A001 to any third party. ";
  std::string text;
  text.reserve(bytes + sentence.size());
  while (text.size() < bytes) text += sentence;
  text.resize(bytes);
  return text;
}

double Seconds(const nlohmann::json& document) {
  return document["timings"]["extract_seconds"].get<double>() +
         document["timings"]["match_seconds"].get<double>();
}

// 1.6 MB, 27,826 findings: before fingerprints were taken from each paragraph normalised once,
// this took minutes (every finding normalised the whole paragraph again), unbounded by --timeout.
TEST(LargeParagraph, IsScreenedInUnderOneSecondWithinTimeout) {
  TempDir dir;
  const auto rules = dir.Write("rules/test.yaml", kRules);
  dir.Write("in/one-paragraph.txt", OneParagraph(1600 * 1000));
  const auto start = std::chrono::steady_clock::now();
  CliRun run = RunTrustscreen("scan " + Quote(dir.path() / "in") + " --rules " + Quote(rules) +
                              " --timeout 1 -q --out " + Quote(dir.path() / "out"));
  const double wall =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_EQ(run.exit_code, 1) << run.output;
  const JsonlReport report = ReadJsonl(dir.path() / "out" / "findings.jsonl");
  const nlohmann::json* document = report.Document("one-paragraph.txt");
  ASSERT_NE(document, nullptr);
  EXPECT_EQ((*document)["status"], "ok") << (*document)["reason"];
  EXPECT_LT(Seconds(*document), 1.0) << document->dump();
  EXPECT_EQ(report.findings.size(), 27826u);
  for (const auto& finding : report.findings) {
    ASSERT_EQ(finding["fingerprint"].get<std::string>().size(), 64u) << finding.dump();
  }
  // The run as a whole (start-up, four reports of 27,826 findings) on a loaded test machine.
  EXPECT_LT(wall, 15.0);
}

// Matching runs in the scanning process, not in an extraction worker that could be killed: it
// keeps to --timeout by checking a deadline between its steps and for each finding.
TEST(LargeParagraph, MatchingOverTimeoutIsReportedTimeoutAndTheRunGoesOn) {
  TempDir dir;
  const auto rules = dir.Write("rules/test.yaml", kRules);
  dir.Write("in/a-one-paragraph.txt", OneParagraph(1600 * 1000));
  dir.Write("in/b-short.txt", "Items under ECCN 3A001 need an export licence.\n");
  CliRun run = RunTrustscreen("scan " + Quote(dir.path() / "in") + " --rules " + Quote(rules) +
                              " --in-process --threads 1 --timeout 0.01 -q --out " +
                              Quote(dir.path() / "out"));
  EXPECT_EQ(run.exit_code, 2) << run.output;
  const JsonlReport report = ReadJsonl(dir.path() / "out" / "findings.jsonl");
  const nlohmann::json* large = report.Document("a-one-paragraph.txt");
  ASSERT_NE(large, nullptr);
  EXPECT_EQ((*large)["status"], "timeout");
  EXPECT_FALSE((*large)["fully_screened"].get<bool>());
  EXPECT_NE((*large)["reason"].get<std::string>().find("matching took longer than 0.01 s"),
            std::string::npos)
      << (*large)["reason"];
  EXPECT_TRUE(report.FindingsIn("a-one-paragraph.txt").empty());
  // The time spent before the deadline struck is the document's.
  EXPECT_GE((*large)["timings"]["match_seconds"].get<double>(), 0.01);

  const nlohmann::json* short_text = report.Document("b-short.txt");
  ASSERT_NE(short_text, nullptr);
  EXPECT_EQ((*short_text)["status"], "ok") << (*short_text)["reason"];
  EXPECT_FALSE(report.FindingsIn("b-short.txt").empty());
}

}  // namespace
}  // namespace trustscreen::testing
