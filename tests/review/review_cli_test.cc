// `trustscreen waive`, `scan --waivers` and `trustscreen diff` as a user runs them.
#include <gtest/gtest.h>

#include "e2e/run_cli.h"
#include "review_fixtures.h"
#include "temp_dir.h"

namespace trustscreen::review {
namespace {

using trustscreen::testing::Quote;
using trustscreen::testing::RunTrustscreen;
using trustscreen::testing::TempDir;
using namespace trustscreen::review::testing;

TEST(ReviewCli, WaiveThenScanShowsWaivedAndTheExitCodeDrops) {
  TempDir dir;
  dir.Write("rules/test.yaml", kRules);
  dir.Write("docs/agreement.txt",
            Agreement("", "Equipment under ECCN 3A001 is rated fundamental research."));
  // Only the ECCN finding (high) is at or above --fail-on high.
  const std::string scan =
      "scan docs --rules rules --fail-on high --reproducible --in-process --today 2026-11-26 ";
  auto first = RunTrustscreen(scan + "--out out", dir.path());
  ASSERT_EQ(first.exit_code, 1) << first.output;
  const Report before = ReadReport(dir.path() / "out" / "findings.jsonl");
  const std::string short_id = (*before.FindingOf("test-eccn"))["short_id"];

  auto waive =
      RunTrustscreen("waive " + short_id +
                         " --reason 'rating enquiry: not controlled' --reviewer 'A. Reviewer'"
                         " --reference CRE-2026-7 --expires 2027-06-30 --date 2026-11-26",
                     dir.path());
  ASSERT_EQ(waive.exit_code, 0) << waive.output;
  EXPECT_NE(waive.output.find("Waived " + short_id), std::string::npos) << waive.output;
  ASSERT_TRUE(std::filesystem::exists(dir.path() / "waivers.yaml"));

  auto second = RunTrustscreen(scan + "--out out2 --waivers waivers.yaml", dir.path());
  EXPECT_EQ(second.exit_code, 0) << second.output;
  const Report after = ReadReport(dir.path() / "out2" / "findings.jsonl");
  const nlohmann::json& finding = *after.FindingOf("test-eccn");
  EXPECT_EQ(finding["status"], "waived");
  EXPECT_EQ(finding["waiver"]["reviewer"], "A. Reviewer");
  EXPECT_EQ(finding["waiver"]["reference"], "CRE-2026-7");
  EXPECT_EQ(finding["waiver"]["expires"], "2027-06-30");

  // After the expiry date the finding is open again and fails the run, with a warning.
  auto lapsed = RunTrustscreen(
      "scan docs --rules rules --fail-on high --reproducible --in-process --today 2027-07-01 "
      "--out out3 --waivers waivers.yaml",
      dir.path());
  EXPECT_EQ(lapsed.exit_code, 1) << lapsed.output;
  EXPECT_NE(lapsed.output.find("reopened"), std::string::npos) << lapsed.output;
}

TEST(ReviewCli, EscalateThenClearLeavesTheLastDecisionInForce) {
  TempDir dir;
  dir.Write("rules/test.yaml", kRules);
  dir.Write("docs/agreement.txt",
            Agreement("", "Equipment under ECCN 3A001 is rated fundamental research."));
  const std::string scan =
      "scan docs --rules rules --fail-on high --reproducible --in-process --today 2026-12-05 ";
  ASSERT_EQ(RunTrustscreen(scan + "--out out", dir.path()).exit_code, 1);
  const Report before = ReadReport(dir.path() / "out" / "findings.jsonl");
  const std::string short_id = (*before.FindingOf("test-eccn"))["short_id"];

  auto escalate = RunTrustscreen("waive " + short_id +
                                     " --decision escalated --reason 'end user unclear'"
                                     " --reviewer 'A. Reviewer'",
                                 dir.path());
  ASSERT_EQ(escalate.exit_code, 0) << escalate.output;
  EXPECT_NE(escalate.output.find("Escalated " + short_id), std::string::npos) << escalate.output;
  auto escalated = RunTrustscreen(scan + "--out out2 --waivers waivers.yaml", dir.path());
  EXPECT_EQ(escalated.exit_code, 1) << escalated.output;  // still needs action
  EXPECT_EQ((*ReadReport(dir.path() / "out2" / "findings.jsonl").FindingOf("test-eccn"))["status"],
            "escalated");

  ASSERT_EQ(RunTrustscreen("waive " + short_id +
                               " --reason 'rated EAR99 by the export control office'"
                               " --reviewer 'B. Officer'",
                           dir.path())
                .exit_code,
            0);
  auto cleared = RunTrustscreen(scan + "--out out3 --waivers waivers.yaml", dir.path());
  EXPECT_EQ(cleared.exit_code, 0) << cleared.output;
  EXPECT_EQ((*ReadReport(dir.path() / "out3" / "findings.jsonl").FindingOf("test-eccn"))["status"],
            "waived");

  auto wrong = RunTrustscreen("waive " + short_id + " --decision ignore --reason r --reviewer me",
                              dir.path());
  EXPECT_NE(wrong.exit_code, 0);
  EXPECT_NE(wrong.output.find("ignore"), std::string::npos) << wrong.output;
}

TEST(ReviewCli, UnknownOrMalformedInputsAreConfigurationErrors) {
  TempDir dir;
  dir.Write("rules/test.yaml", kRules);
  dir.Write("docs/agreement.txt", Agreement());
  ASSERT_EQ(RunTrustscreen("scan docs --rules rules --in-process --out out", dir.path()).exit_code,
            1);
  auto unknown = RunTrustscreen("waive 0123456789abcdef --reason r --reviewer me", dir.path());
  EXPECT_EQ(unknown.exit_code, 3) << unknown.output;
  EXPECT_NE(unknown.output.find("no finding with id"), std::string::npos) << unknown.output;

  dir.Write("bad.yaml", "waivers:\n  - fingerprint: 0123456789abcdef\n    reviewer: me\n");
  auto bad = RunTrustscreen("scan docs --rules rules --in-process --out out2 --waivers bad.yaml",
                            dir.path());
  EXPECT_EQ(bad.exit_code, 3) << bad.output;
  EXPECT_NE(bad.output.find("bad.yaml:2: waiver has no 'date'"), std::string::npos) << bad.output;
}

TEST(ReviewCli, DiffExitCodes) {
  TempDir dir;
  dir.Write("rules/test.yaml", kRules);
  dir.Write("docs/agreement.txt", Agreement("", "Nothing controlled here."));
  const std::string scan = "scan docs --rules rules --reproducible --in-process ";
  ASSERT_EQ(RunTrustscreen(scan + "--out monday", dir.path()).exit_code, 1);
  dir.Write("docs/agreement.txt", Agreement());
  ASSERT_EQ(RunTrustscreen(scan + "--out tuesday", dir.path()).exit_code, 1);

  auto same = RunTrustscreen("diff tuesday/findings.jsonl tuesday/findings.jsonl", dir.path());
  EXPECT_EQ(same.exit_code, 0) << same.output;
  auto diff = RunTrustscreen("diff monday/findings.jsonl tuesday/findings.jsonl --html new.html",
                             dir.path());
  EXPECT_EQ(diff.exit_code, 1) << diff.output;
  EXPECT_NE(diff.output.find("New since last run (1)"), std::string::npos) << diff.output;
  EXPECT_TRUE(std::filesystem::exists(dir.path() / "new.html"));
  auto high = RunTrustscreen(
      "diff monday/findings.jsonl tuesday/findings.jsonl --fail-on critical --format jsonl",
      dir.path());
  EXPECT_EQ(high.exit_code, 0) << high.output;
  EXPECT_NE(high.output.find("\"change\":\"new\""), std::string::npos) << high.output;
  auto missing = RunTrustscreen("diff nothing.jsonl tuesday/findings.jsonl", dir.path());
  EXPECT_EQ(missing.exit_code, 3) << missing.output;
}

}  // namespace
}  // namespace trustscreen::review
