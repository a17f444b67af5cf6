#include "trustscreen/review/waivers.h"

#include <gtest/gtest.h>

#include "review_fixtures.h"
#include "temp_dir.h"

namespace trustscreen::review {
namespace {

using trustscreen::testing::TempDir;
using namespace trustscreen::review::testing;

std::string FingerprintWaiver(const std::string& fingerprint, const std::string& extra = "") {
  return "  - fingerprint: " + fingerprint +
         "\n"
         "    reviewer: A. Reviewer\n"
         "    date: 2026-11-01\n"
         "    reason: fundamental research, no controlled items\n" +
         extra;
}

// The fingerprint of `rule_id` in a first, waiver-less run over `file`.
std::string FirstRunFingerprint(const TempDir& dir, const std::filesystem::path& file,
                                const std::string& rule_id) {
  Result<pipeline::ScanOutcome> outcome = Scan(dir, {file.string()}, "first");
  EXPECT_TRUE(outcome.ok()) << outcome.status().ToString();
  const Report report = ReadReport(outcome->jsonl_path);
  const nlohmann::json* finding = report.FindingOf(rule_id);
  EXPECT_NE(finding, nullptr);
  return finding == nullptr ? "" : (*finding)["fingerprint"].get<std::string>();
}

TEST(ParseWaivers, ReadsFingerprintAndScopeWaivers) {
  const std::string sha(64, 'a');
  Result<WaiverSet> set = ParseWaivers(
      "waivers:\n" + FingerprintWaiver(std::string(64, 'b'), "    expires: 2027-01-31\n") +
          "  - scope:\n      rule: test-eccn\n      document_sha256: " + sha +
          "\n      clause: \"2.1\"\n    reviewer: B\n    date: 2026-11-02\n    reason: licensed\n"
          "    reference: GBSIEL/2026/0001\n",
      "waivers.yaml");
  ASSERT_TRUE(set.ok()) << set.status().ToString();
  ASSERT_EQ(set->waivers.size(), 2u);
  EXPECT_EQ(set->waivers[0].id, std::string(16, 'b'));
  EXPECT_EQ(set->waivers[0].expires, "2027-01-31");
  EXPECT_EQ(set->waivers[0].line, 2);
  EXPECT_TRUE(set->waivers[1].scoped);
  EXPECT_EQ(set->waivers[1].clause_ref, "2.1");
  EXPECT_EQ(set->waivers[1].reference, "GBSIEL/2026/0001");
  EXPECT_EQ(set->waivers[1].line, 7);
}

TEST(ParseWaivers, NamesFileAndLineOfAMalformedEntry) {
  struct Case {
    std::string text;
    std::string message;
  };
  const std::vector<Case> cases = {
      {"waivers:\n" + FingerprintWaiver(std::string(64, 'b'), "    expiry: 2027-01-01\n"),
       "waivers.yaml:6: unknown key 'expiry' in waiver"},
      {"waivers:\n  - fingerprint: " + std::string(64, 'b') + "\n    reviewer: A\n    reason: r\n",
       "waivers.yaml:2: waiver has no 'date'"},
      {"waivers:\n" + FingerprintWaiver(std::string(64, 'b'), "    expires: 31/01/2027\n"),
       "waivers.yaml:6: expires '31/01/2027' is not a date (YYYY-MM-DD)"},
      {"waivers:\n" + FingerprintWaiver("xyz"), "waivers.yaml:2: fingerprint 'xyz' must be"},
      {"waivers:\n  - reviewer: A\n    date: 2026-01-01\n    reason: r\n",
       "waivers.yaml:2: waiver has neither 'fingerprint' nor 'scope'"},
      {"waivers:\n  - fingerprint: [\n", "waivers.yaml:"},
  };
  for (const Case& c : cases) {
    Result<WaiverSet> set = ParseWaivers(c.text, "waivers.yaml");
    ASSERT_FALSE(set.ok()) << c.text;
    EXPECT_EQ(set.status().message().rfind(c.message, 0), 0u)
        << set.status().message() << "\nexpected: " << c.message;
  }
}

TEST(AppendWaiver, AppendsToTheListKeepingWhatIsThere) {
  TempDir dir;
  const auto path = dir.Write("waivers.yaml", "# cleared by the export control office\nwaivers:\n" +
                                                  FingerprintWaiver(std::string(64, 'b')));
  Waiver waiver;
  waiver.fingerprint = std::string(64, 'c');
  waiver.rule_id = "test-eccn";
  waiver.matched_text = "3A001: \"quoted\"";
  waiver.reviewer = "C. Officer";
  waiver.date = "2026-11-26";
  waiver.reason = "rating enquiry: not controlled";
  waiver.reference = "CRE-123";
  ASSERT_TRUE(AppendWaiver(path, waiver).ok());
  Result<WaiverSet> set = LoadWaivers(path);
  ASSERT_TRUE(set.ok()) << set.status().ToString();
  ASSERT_EQ(set->waivers.size(), 2u);
  EXPECT_EQ(set->waivers[1].fingerprint, std::string(64, 'c'));
  EXPECT_EQ(set->waivers[1].matched_text, "3A001: \"quoted\"");
  EXPECT_EQ(set->waivers[1].reference, "CRE-123");

  // A new file gets its list.
  const auto fresh = dir.path() / "new.yaml";
  ASSERT_TRUE(AppendWaiver(fresh, waiver).ok());
  EXPECT_EQ(LoadWaivers(fresh)->waivers.size(), 1u);
}

TEST(WaiverApplier, WaivedFindingStaysInTheReportButNotInTheExitCode) {
  TempDir dir;
  const auto file = dir.Write("docs/agreement.txt", Agreement());
  const std::string eccn = FirstRunFingerprint(dir, file, "test-eccn");
  const std::string hypersonic = FirstRunFingerprint(dir, file, "test-hypersonic");
  const auto waivers =
      dir.Write("waivers.yaml", "waivers:\n" +
                                    FingerprintWaiver(eccn, "    reference: EC-RATING-2026-041\n") +
                                    FingerprintWaiver(hypersonic.substr(0, 16)));

  Result<pipeline::ScanOutcome> outcome = Scan(dir, {file.string()}, "out", waivers);
  ASSERT_TRUE(outcome.ok()) << outcome.status().ToString();
  EXPECT_EQ(outcome->summary.ExitCode(), 0);
  const Report report = ReadReport(outcome->jsonl_path);
  ASSERT_EQ(report.findings.size(), 2u);
  const nlohmann::json& finding = *report.FindingOf("test-eccn");
  EXPECT_EQ(finding["status"], "waived");
  EXPECT_EQ(finding["waiver"]["reviewer"], "A. Reviewer");
  EXPECT_EQ(finding["waiver"]["date"], "2026-11-01");
  EXPECT_EQ(finding["waiver"]["reason"], "fundamental research, no controlled items");
  EXPECT_EQ(finding["waiver"]["reference"], "EC-RATING-2026-041");
  EXPECT_EQ(finding["waiver"]["location"], waivers.string() + ":2");
  EXPECT_EQ(report.summary["findings"], 2);
  EXPECT_EQ(report.summary["findings_waived"], 2);
  EXPECT_EQ(report.summary["findings_at_or_above_fail_on"], 0);
  EXPECT_EQ(report.summary["exit_code"], 0);
  EXPECT_EQ(report.summary["waivers"]["applied"].size(), 2u);
  EXPECT_EQ(report.summary["waivers"]["stale"].size(), 0u);
  EXPECT_EQ(report.run["waivers"]["path"], waivers.string());
  EXPECT_EQ(report.run["waivers"]["entries"], 2);
  EXPECT_EQ(report.run["waivers"]["sha256"].get<std::string>().size(), 64u);
}

TEST(WaiverApplier, ScopeWaiverCoversTheRuleInThatClauseOfThatDocument) {
  TempDir dir;
  const auto file = dir.Write("docs/agreement.txt", Agreement());
  Result<pipeline::ScanOutcome> first = Scan(dir, {file.string()}, "first");
  ASSERT_TRUE(first.ok());
  const Report before = ReadReport(first->jsonl_path);
  const nlohmann::json& eccn = *before.FindingOf("test-eccn");
  const auto waivers = dir.Write(
      "waivers.yaml", "waivers:\n  - scope:\n      rule: test-eccn\n      document_sha256: " +
                          eccn["document_sha256"].get<std::string>() + "\n      clause: \"" +
                          eccn["clause"]["ref"].get<std::string>() +
                          "\"\n    reviewer: B\n    date: 2026-11-02\n    reason: licensed\n");
  Result<pipeline::ScanOutcome> outcome = Scan(dir, {file.string()}, "out", waivers);
  ASSERT_TRUE(outcome.ok()) << outcome.status().ToString();
  const Report report = ReadReport(outcome->jsonl_path);
  EXPECT_EQ((*report.FindingOf("test-eccn"))["status"], "waived");
  EXPECT_EQ((*report.FindingOf("test-hypersonic"))["status"], "open");
  EXPECT_EQ(outcome->summary.ExitCode(), 1);  // the hypersonic finding is medium
}

TEST(WaiverApplier, ExpiredWaiverReopensTheFindingWithAWarning) {
  TempDir dir;
  const auto file = dir.Write("docs/agreement.txt", Agreement());
  const std::string eccn = FirstRunFingerprint(dir, file, "test-eccn");
  const auto waivers = dir.Write(
      "waivers.yaml", "waivers:\n" + FingerprintWaiver(eccn, "    expires: 2026-12-31\n"));

  // On its last day the waiver holds…
  Result<pipeline::ScanOutcome> holds = Scan(dir, {file.string()}, "holds", waivers, "2026-12-31");
  ASSERT_TRUE(holds.ok());
  EXPECT_EQ((*ReadReport(holds->jsonl_path).FindingOf("test-eccn"))["status"], "waived");

  // …the next day it has expired: the finding counts again.
  Result<pipeline::ScanOutcome> lapsed =
      Scan(dir, {file.string()}, "lapsed", waivers, "2027-01-01");
  ASSERT_TRUE(lapsed.ok());
  const Report report = ReadReport(lapsed->jsonl_path);
  const nlohmann::json& finding = *report.FindingOf("test-eccn");
  EXPECT_EQ(finding["status"], "reopened");
  EXPECT_EQ(finding["waiver"]["expired"], true);
  EXPECT_EQ(finding["waiver"]["expires"], "2026-12-31");
  EXPECT_EQ(report.summary["findings_reopened"], 1);
  EXPECT_EQ(report.summary["waivers"]["expired"].size(), 1u);
  EXPECT_EQ(report.summary["waivers"]["expired"][0]["id"], eccn.substr(0, 16));
  EXPECT_EQ(lapsed->summary.ExitCode(), 1);
}

TEST(WaiverApplier, EscalatedFindingStaysOpenForTheExitCodeAndIsMarked) {
  TempDir dir;
  const auto file = dir.Write("docs/agreement.txt", Agreement());
  const std::string eccn = FirstRunFingerprint(dir, file, "test-eccn");
  const auto waivers = dir.Write(
      "waivers.yaml", "waivers:\n" + FingerprintWaiver(eccn, "    decision: escalated\n") +
                          FingerprintWaiver(eccn, "    decision: note\n    expires: 2027-06-30\n"));

  Result<pipeline::ScanOutcome> outcome = Scan(dir, {file.string()}, "out", waivers, "2026-12-05");
  ASSERT_TRUE(outcome.ok()) << outcome.status().ToString();
  const Report report = ReadReport(outcome->jsonl_path);
  const nlohmann::json& finding = *report.FindingOf("test-eccn");
  EXPECT_EQ(finding["status"], "escalated");
  EXPECT_EQ(finding["waiver"]["decision"], "escalated");
  ASSERT_EQ(finding["notes"].size(), 1u);
  EXPECT_EQ(finding["notes"][0]["decision"], "note");
  EXPECT_EQ(finding["notes"][0]["location"], waivers.string() + ":7");
  EXPECT_EQ(report.summary["findings_escalated"], 1);
  EXPECT_EQ(report.summary["findings_waived"], 0);
  EXPECT_EQ(outcome->summary.ExitCode(), 1);  // escalated is not cleared
}

TEST(WaiverApplier, LaterDecisionOverridesAnEarlierOneAndNotesChangeNoStatus) {
  TempDir dir;
  const auto file = dir.Write("docs/agreement.txt", Agreement());
  const std::string eccn = FirstRunFingerprint(dir, file, "test-eccn");
  const std::string hypersonic = FirstRunFingerprint(dir, file, "test-hypersonic");
  // ECCN: escalated, then cleared by the export control office. Hypersonic: only a note.
  const auto waivers = dir.Write(
      "waivers.yaml", "waivers:\n" + FingerprintWaiver(eccn, "    decision: escalated\n") +
                          FingerprintWaiver(eccn) +
                          FingerprintWaiver(hypersonic, "    decision: note\n"));
  Result<pipeline::ScanOutcome> outcome = Scan(dir, {file.string()}, "out", waivers);
  ASSERT_TRUE(outcome.ok()) << outcome.status().ToString();
  const Report report = ReadReport(outcome->jsonl_path);
  EXPECT_EQ((*report.FindingOf("test-eccn"))["status"], "waived");
  EXPECT_EQ((*report.FindingOf("test-eccn"))["waiver"]["location"], waivers.string() + ":7");
  const nlohmann::json& noted = *report.FindingOf("test-hypersonic");
  EXPECT_EQ(noted["status"], "open");
  EXPECT_FALSE(noted.contains("waiver"));
  EXPECT_EQ(noted["notes"][0]["reason"], "fundamental research, no controlled items");
  EXPECT_EQ(outcome->summary.ExitCode(), 1);  // the noted hypersonic finding still counts
}

TEST(ParseWaivers, RejectsAnUnknownDecisionAndAppendWritesTheDecision) {
  Result<WaiverSet> bad =
      ParseWaivers("waivers:\n" + FingerprintWaiver(std::string(64, 'b'), "    decision: ignore\n"),
                   "waivers.yaml");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message(),
            "waivers.yaml:6: decision 'ignore' is not cleared, escalated or note");

  TempDir dir;
  Waiver waiver;
  waiver.fingerprint = std::string(64, 'c');
  waiver.decision = ReviewDecision::kEscalated;
  waiver.reviewer = "C. Officer";
  waiver.date = "2026-12-05";
  waiver.reason = "ask the export control office: end user in the partner list";
  const auto path = dir.path() / "waivers.yaml";
  ASSERT_TRUE(AppendWaiver(path, waiver).ok());
  waiver.decision = ReviewDecision::kCleared;
  ASSERT_TRUE(AppendWaiver(path, waiver).ok());
  Result<WaiverSet> set = LoadWaivers(path);
  ASSERT_TRUE(set.ok()) << set.status().ToString();
  ASSERT_EQ(set->waivers.size(), 2u);
  EXPECT_EQ(set->waivers[0].decision, ReviewDecision::kEscalated);
  EXPECT_EQ(set->waivers[1].decision, ReviewDecision::kCleared);
}

TEST(WaiverApplier, WaiverOfAnEditedClauseIsStaleAndTheFindingOpen) {
  TempDir dir;
  const auto file = dir.Write("docs/agreement.txt", Agreement());
  const std::string eccn = FirstRunFingerprint(dir, file, "test-eccn");
  const auto waivers = dir.Write("waivers.yaml", "waivers:\n" + FingerprintWaiver(eccn));
  dir.Write("docs/agreement.txt",
            Agreement("", "Equipment under ECCN 3A001 may be exported to any country."));

  Result<pipeline::ScanOutcome> outcome = Scan(dir, {file.string()}, "out", waivers);
  ASSERT_TRUE(outcome.ok());
  const Report report = ReadReport(outcome->jsonl_path);
  EXPECT_EQ((*report.FindingOf("test-eccn"))["status"], "open");
  EXPECT_FALSE(report.FindingOf("test-eccn")->contains("waiver"));
  ASSERT_EQ(report.summary["waivers"]["stale"].size(), 1u);
  EXPECT_EQ(report.summary["waivers"]["stale"][0]["id"], eccn.substr(0, 16));
  EXPECT_EQ(report.summary["waivers"]["stale"][0]["location"], waivers.string() + ":2");
  EXPECT_EQ(outcome->summary.ExitCode(), 1);
}

TEST(WaiverApplier, MalformedWaiversFileStopsTheRunBeforeAnyDocument) {
  TempDir dir;
  const auto file = dir.Write("docs/agreement.txt", Agreement());
  const auto waivers = dir.Write("waivers.yaml", "waivers:\n  - fingerprint: abc\n");
  Result<pipeline::ScanOutcome> outcome = Scan(dir, {file.string()}, "out", waivers);
  ASSERT_FALSE(outcome.ok());
  EXPECT_EQ(outcome.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_NE(outcome.status().message().find(waivers.string() + ":2:"), std::string::npos)
      << outcome.status().message();
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "out" / "findings.jsonl"));
}

TEST(WaiverApplier, ReproducibleRunsWithWaiversAreByteIdentical) {
  TempDir dir;
  const auto file = dir.Write("docs/agreement.txt", Agreement());
  const std::string eccn = FirstRunFingerprint(dir, file, "test-eccn");
  const auto waivers = dir.Write("waivers.yaml", "waivers:\n" + FingerprintWaiver(eccn));
  auto read = [](const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
  };
  Result<pipeline::ScanOutcome> one = Scan(dir, {file.string()}, "one", waivers);
  Result<pipeline::ScanOutcome> two = Scan(dir, {file.string()}, "two", waivers);
  ASSERT_TRUE(one.ok() && two.ok());
  EXPECT_EQ(read(one->jsonl_path), read(two->jsonl_path));
  EXPECT_EQ(read(one->html_path), read(two->html_path));
  EXPECT_EQ(read(one->sarif_path), read(two->sarif_path));
  EXPECT_EQ(read(one->csv_path), read(two->csv_path));
}

}  // namespace
}  // namespace trustscreen::review
