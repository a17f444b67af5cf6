// The command line as a user meets it: help, version, exit codes, bad input, thread counts.
#include <gtest/gtest.h>

#include <random>

#include "e2e/run_cli.h"
#include "temp_dir.h"

namespace trustscreen::testing {
namespace {

const std::filesystem::path kSourceDir = TRUSTSCREEN_SOURCE_DIR;
const std::filesystem::path kRules = kSourceDir / "rules";

TEST(Cli, HelpDocumentsTheExitCodes) {
  CliRun run = RunTrustscreen("scan --help");
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_NE(run.output.find("Exit codes"), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("not fully screened"), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("--fail-on"), std::string::npos) << run.output;
}

TEST(Cli, VersionPrintsTheBuildId) {
  CliRun run = RunTrustscreen("--version");
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_NE(run.output.find("0.1.0+g"), std::string::npos) << run.output;
}

TEST(Cli, UnknownFlagIsAUsageError) {
  CliRun run = RunTrustscreen("scan --no-such-flag x");
  EXPECT_EQ(run.exit_code, 3) << run.output;
}

TEST(Cli, BadSeverityIsAUsageError) {
  CliRun run = RunTrustscreen("scan --fail-on severe x");
  EXPECT_EQ(run.exit_code, 3) << run.output;
}

TEST(Cli, BadRuleFileExitsThreeNamingFileAndLine) {
  TempDir dir;
  auto rule = dir.Write("rules/broken.yaml",
                        "rules:\n  - id: broken-rule\n    title: Broken\n    family: partner\n"
                        "    severity: high\n    rationale: r\n    patterns: ['(unclosed']\n");
  dir.Write("in/a.txt", "text");
  CliRun run = RunTrustscreen("scan " + Quote(dir.path() / "in") + " --rules " + Quote(rule) +
                              " --out " + Quote(dir.path() / "out"));
  EXPECT_EQ(run.exit_code, 3) << run.output;
  EXPECT_NE(run.output.find("broken.yaml:7: rule 'broken-rule'"), std::string::npos) << run.output;
}

TEST(Cli, MissingEmptyAndRandomPdfGetStatusesAndTheRunGoesOn) {
  TempDir dir;
  dir.Write("in/good.txt", "The partner is Harbin Institute of Technology.");
  dir.Write("in/empty.txt", "");
  std::string noise(4096, '\0');
  std::mt19937 random(7);
  for (char& byte : noise) byte = static_cast<char>(random());
  dir.Write("in/random.pdf", noise);
  CliRun run =
      RunTrustscreen("scan " + Quote(dir.path() / "in") + " " + Quote(dir.path() / "missing.pdf") +
                     " --rules " + Quote(kRules) + " --out " + Quote(dir.path() / "out"));
  EXPECT_EQ(run.exit_code, 2) << run.output;
  JsonlReport report = ReadJsonl(dir.path() / "out" / "findings.jsonl");
  ASSERT_EQ(report.documents.size(), 4u) << run.output;
  const std::map<std::string, std::string> expected = {{"good.txt", "ok"},
                                                       {"empty.txt", "empty"},
                                                       {"random.pdf", "corrupt"},
                                                       {"missing.pdf", "missing"}};
  for (const auto& [name, status] : expected) {
    const nlohmann::json* document = report.Document(name);
    ASSERT_NE(document, nullptr) << name;
    EXPECT_EQ((*document)["status"], status) << name;
    if (status != "ok") {
      EXPECT_FALSE((*document)["reason"].get<std::string>().empty()) << name;
    }
  }
  EXPECT_EQ(report.FindingsIn("good.txt").size(), 1u);
  // The terminal summary names each unscreened document with its reason.
  EXPECT_NE(run.output.find("missing.pdf: missing"), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("random.pdf: corrupt"), std::string::npos) << run.output;
}

TEST(Cli, FilesFromStandardInputAddsInputs) {
  TempDir dir;
  auto a = dir.Write("a.txt", "hypersonic");
  auto b = dir.Write("b.txt", "nothing here");
  auto list = dir.Write("list.txt", a.string() + "\n\n" + b.string() + "\r\n");
  CliRun run = RunTrustscreen("scan --files-from - --rules " + Quote(kRules) + " --out " +
                              Quote(dir.path() / "out") + " < " + Quote(list));
  EXPECT_EQ(run.exit_code, 1) << run.output;
  JsonlReport report = ReadJsonl(dir.path() / "out" / "findings.jsonl");
  ASSERT_EQ(report.documents.size(), 2u);
  EXPECT_EQ(report.documents[0]["path"], a.string());
  EXPECT_EQ(report.documents[1]["path"], b.string());
}

TEST(Cli, PasswordsFileOpensTheEncryptedSample) {
  TempDir dir;
  auto passwords = dir.Write("passwords.txt", "wrong\nsecret-user\n");
  const std::filesystem::path sample = kSourceDir / "samples" / "encrypted-agreement.pdf";
  CliRun locked = RunTrustscreen("scan " + Quote(sample) + " --rules " + Quote(kRules) +
                                 " --password wrong-pass-7 --out " + Quote(dir.path() / "locked"));
  EXPECT_EQ(locked.exit_code, 2) << locked.output;
  JsonlReport locked_report = ReadJsonl(dir.path() / "locked" / "findings.jsonl");
  EXPECT_EQ(locked_report.documents.at(0)["status"], "encrypted");
  // Passwords on the command line are masked in the report header.
  EXPECT_EQ(locked_report.run["command_line"].get<std::string>().find("wrong-pass-7"),
            std::string::npos);

  CliRun opened =
      RunTrustscreen("scan " + Quote(sample) + " --rules " + Quote(kRules) + " --passwords-file " +
                     Quote(passwords) + " --out " + Quote(dir.path() / "opened"));
  EXPECT_EQ(opened.exit_code, 1) << opened.output;
  JsonlReport report = ReadJsonl(dir.path() / "opened" / "findings.jsonl");
  EXPECT_EQ(report.documents.at(0)["status"], "ok");
  EXPECT_FALSE(report.FindingsIn("encrypted-agreement.pdf").empty());
}

TEST(Cli, FailOnThresholdDecidesBetweenZeroAndOne) {
  TempDir dir;
  dir.Write("in/a.txt",
            "Each Party shall comply with all applicable export control laws and "
            "regulations.");
  const std::string base = "scan " + Quote(dir.path() / "in") + " --rules " + Quote(kRules) +
                           " --out " + Quote(dir.path() / "out");
  CliRun strict = RunTrustscreen(base + " --fail-on info");
  EXPECT_EQ(strict.exit_code, 1) << strict.output;
  CliRun lenient = RunTrustscreen(base + " --fail-on critical");
  EXPECT_EQ(lenient.exit_code, 0) << lenient.output;
}

TEST(Cli, ProgressAlwaysWritesProgressLinesToANonTerminalAndNeverIsSilent) {
  TempDir dir;
  dir.Write("in/a.txt", "hypersonic");
  dir.Write("in/b.txt", "nothing here");
  const CliRun always = RunTrustscreen("scan in --out out --progress always", dir.path());
  EXPECT_NE(always.output.find("trustscreen: progress: 2/2 documents (100%)"), std::string::npos)
      << always.output;
  const CliRun never = RunTrustscreen("scan in --out out --progress never", dir.path());
  EXPECT_EQ(never.output.find("progress:"), std::string::npos) << never.output;
  const CliRun automatic = RunTrustscreen("scan in --out out", dir.path());
  EXPECT_EQ(automatic.output.find("progress:"), std::string::npos) << "stderr is not a terminal";
}

}  // namespace
}  // namespace trustscreen::testing
