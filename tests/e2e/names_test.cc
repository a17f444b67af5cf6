// File names are shown safely and kept losslessly: control characters in a name never reach the
// terminal raw, and names that are not UTF-8 stay distinct in every report and in diff.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "run_cli.h"
#include "temp_dir.h"

namespace trustscreen {
namespace {

using trustscreen::testing::CliRun;
using trustscreen::testing::Quote;
using trustscreen::testing::ReadFile;
using trustscreen::testing::RunTrustscreen;
using trustscreen::testing::TempDir;

constexpr char kRules[] = R"(rules:
  - id: test-eccn
    title: ECCN 3A001
    family: export-control
    severity: high
    rationale: test rule
    patterns: ['3A001']
)";

std::vector<nlohmann::json> Records(const std::filesystem::path& jsonl) {
  std::vector<nlohmann::json> records;
  std::istringstream lines(ReadFile(jsonl));
  for (std::string line; std::getline(lines, line);) records.push_back(nlohmann::json::parse(line));
  return records;
}

class HostileNames : public ::testing::Test {
 protected:
  void SetUp() override { dir_.Write("rules/test.yaml", kRules); }

  CliRun Scan(const std::string& out, const std::string& progress = "never") {
    return RunTrustscreen("scan " + Quote(dir_.path() / "in") + " --out " +
                          Quote(dir_.path() / out) + " --rules " + Quote(dir_.path() / "rules") +
                          " --threads 2 --progress " + progress);
  }

  TempDir dir_;
};

// A damaged PDF whose name holds ESC sequences, BEL and a newline that spells a forged summary
// line: the terminal summary, the log warnings and the progress line show it escaped.
TEST_F(HostileNames, ControlCharactersInANameNeverReachTheTerminalRaw) {
  const std::string name = "x\x1b[2J\x07\nExit 0: no finding at or above medium.pdf";
  dir_.Write("in/" + name, "%PDF-1.7\n\x01\x02 damaged");
  const CliRun run = Scan("out", "always");
  EXPECT_EQ(run.exit_code, 2) << run.output;
  EXPECT_EQ(run.output.find('\x1b'), std::string::npos) << run.output;
  EXPECT_EQ(run.output.find('\x07'), std::string::npos) << run.output;
  EXPECT_EQ(run.output.find("\nExit 0"), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("x\\x1b[2J\\x07\\nExit 0: no finding"), std::string::npos)
      << run.output;
  // The JSONL keeps the name exactly (JSON escapes control characters itself).
  const auto records = Records(dir_.path() / "out/findings.jsonl");
  ASSERT_GE(records.size(), 2u);
  EXPECT_EQ(records[1]["path"], (dir_.path() / "in" / name).string());
  EXPECT_FALSE(records[1].contains("path_bytes"));
}

// Two names that differ only in a byte that is not UTF-8 were both "a\uFFFD.txt" in the JSONL.
TEST_F(HostileNames, NamesThatAreNotUtf8StayDistinctInEveryReportAndInDiff) {
  const std::string first = "a\xff.txt", second = "a\xfe.txt";
  dir_.Write("in/" + first, "Equipment classified under ECCN 3A001.\n");
  dir_.Write("in/" + second, "Nothing to see here.\n");
  ASSERT_EQ(Scan("monday").exit_code, 1);

  const auto records = Records(dir_.path() / "monday/findings.jsonl");
  std::set<std::string> paths, raw;
  for (const nlohmann::json& record : records) {
    if (record["record"] != "document") continue;
    paths.insert(record["path"].get<std::string>());
    ASSERT_TRUE(record.contains("path_bytes")) << record.dump();
    raw.insert(record["path_bytes"].get<std::string>());
  }
  EXPECT_EQ(paths.size(), 2u);
  EXPECT_EQ(raw.size(), 2u);
  EXPECT_TRUE(paths.count((dir_.path() / "in/a\\xff.txt").string())) << *paths.begin();
  for (const nlohmann::json& record : records) {
    if (record["record"] == "finding") {
      EXPECT_EQ(record["document"], (dir_.path() / "in/a\\xff.txt").string());
      EXPECT_TRUE(record.contains("document_bytes"));
    }
  }
  // The CSV is valid UTF-8 and names the file as the JSONL shows it.
  const std::string csv = ReadFile(dir_.path() / "monday/flagged-clauses.csv");
  EXPECT_EQ(csv.find('\xff'), std::string::npos);
  EXPECT_NE(csv.find("a\\xff.txt"), std::string::npos) << csv;

  // Tuesday: the finding moves from one file to the other. diff must not take them for one file.
  dir_.Write("in/" + first, "Nothing to see here.\n");
  dir_.Write("in/" + second, "Equipment classified under ECCN 3A001.\n");
  ASSERT_EQ(Scan("tuesday").exit_code, 1);
  const CliRun diff =
      RunTrustscreen("diff --format jsonl " + Quote(dir_.path() / "monday/findings.jsonl") + " " +
                     Quote(dir_.path() / "tuesday/findings.jsonl"));
  EXPECT_EQ(diff.exit_code, 1) << diff.output;
  const nlohmann::json head = nlohmann::json::parse(diff.output.substr(0, diff.output.find('\n')));
  EXPECT_EQ(head["new_findings"], 1) << diff.output;
  EXPECT_EQ(head["resolved_findings"], 1) << diff.output;
  EXPECT_EQ(head["unchanged_findings"], 0) << diff.output;

  // merge and the report reader give the names back byte for byte.
  const CliRun text = RunTrustscreen("diff " + Quote(dir_.path() / "monday/findings.jsonl") + " " +
                                     Quote(dir_.path() / "tuesday/findings.jsonl"));
  EXPECT_EQ(text.output.find('\xff'), std::string::npos) << text.output;
  EXPECT_NE(text.output.find("a\\xfe.txt"), std::string::npos) << text.output;
}

TEST(Waivers, AFifoNamedAsTheWaiversFileIsRefusedWithoutBlocking) {
  TempDir dir;
  dir.Write("rules/test.yaml", kRules);
  dir.Write("in/a.txt", "ECCN 3A001\n");
  const std::filesystem::path fifo = dir.path() / "waivers.fifo";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  const CliRun run =
      RunTrustscreen("scan " + Quote(dir.path() / "in") + " --out " + Quote(dir.path() / "out") +
                     " --rules " + Quote(dir.path() / "rules") + " --waivers " + Quote(fifo));
  EXPECT_EQ(run.exit_code, 3) << run.output;
  EXPECT_NE(run.output.find("waivers.fifo: is a FIFO, not a regular file"), std::string::npos)
      << run.output;
}

TEST(Walk, AnUnreadableDirectoryIsReportedWithItsReason) {
  if (::geteuid() == 0) GTEST_SKIP() << "root reads every directory";
  TempDir dir;
  dir.Write("rules/test.yaml", kRules);
  dir.Write("in/locked/a.txt", "ECCN 3A001\n");
  std::filesystem::permissions(dir.path() / "in/locked", std::filesystem::perms::none);
  const CliRun run =
      RunTrustscreen("scan " + Quote(dir.path() / "in") + " --out " + Quote(dir.path() / "out") +
                     " --rules " + Quote(dir.path() / "rules"));
  std::filesystem::permissions(dir.path() / "in/locked", std::filesystem::perms::owner_all);
  EXPECT_EQ(run.exit_code, 2) << run.output;
  EXPECT_NE(run.output.find("directory cannot be read: Permission denied"), std::string::npos)
      << run.output;
  EXPECT_EQ(run.output.find("is a directory"), std::string::npos) << run.output;
}

}  // namespace
}  // namespace trustscreen
