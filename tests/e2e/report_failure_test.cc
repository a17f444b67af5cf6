// A run that cannot write its reports (a full disk, a file-size limit) leaves a set of reports
// that is unmistakably incomplete — no summary record, no CSV or SARIF, the "not finished" page —
// says why, and `diff` refuses it.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "run_cli.h"
#include "temp_dir.h"

namespace trustscreen {
namespace {

using trustscreen::testing::ReadFile;
using trustscreen::testing::TempDir;

struct CliResult {
  int exit_code = -1;
  std::string output;
};

// Runs trustscreen ARGS in a child whose files may not grow beyond `file_size_limit` bytes
// (0: no limit), with SIGXFSZ ignored so that a write past the limit fails with EFBIG as a write
// to a full disk fails with ENOSPC. Output goes to `log` (which is written first, well below any
// limit used here).
CliResult RunTrustscreen(std::vector<std::string> args, const std::filesystem::path& log,
                         rlim_t file_size_limit = 0) {
  args.insert(args.begin(), TRUSTSCREEN_BINARY);
  std::vector<char*> argv;
  for (std::string& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);
  const pid_t pid = ::fork();
  if (pid == 0) {
    const int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    ::dup2(fd, STDOUT_FILENO);
    ::dup2(fd, STDERR_FILENO);
    ::signal(SIGXFSZ, SIG_IGN);
    if (file_size_limit > 0) {
      const rlimit limit{file_size_limit, file_size_limit};
      ::setrlimit(RLIMIT_FSIZE, &limit);
    }
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, ReadFile(log)};
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

class ReportWriteFailure : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_.Write("rules/test.yaml", R"(rules:
  - id: test-eccn
    title: ECCN 3A001
    family: export-control
    severity: high
    rationale: test rule
    patterns: ['3A001']
  - id: test-hypersonic
    title: Hypersonic flight
    family: sensitive-tech
    severity: medium
    rationale: test rule
    patterns: ['hypersonic']
)");
    for (int i = 0; i < 40; ++i) {
      dir_.Write("in/agreement-" + std::to_string(i) + ".txt",
                 "RESEARCH AGREEMENT\n\n2.1 Equipment classified under ECCN 3A001 shall not be "
                 "exported. Hypersonic glide vehicle test data, set " +
                     std::to_string(i) + ".\n");
    }
    const CliResult good = Scan("good");
    ASSERT_EQ(good.exit_code, 1) << good.output;
  }

  CliResult Scan(const std::string& out, rlim_t file_size_limit = 0) {
    return RunTrustscreen(
        {"scan", (dir_.path() / "in").string(), "--out", (dir_.path() / out).string(), "--rules",
         (dir_.path() / "rules").string(), "--threads", "2", "-q"},
        dir_.path() / (out + ".log"), file_size_limit);
  }

  CliResult Diff(const std::string& old_out, const std::string& new_out) {
    return RunTrustscreen({"diff", (dir_.path() / old_out / "findings.jsonl").string(),
                           (dir_.path() / new_out / "findings.jsonl").string()},
                          dir_.path() / "diff.log");
  }

  // Every report of `out` says the run is incomplete, and nothing half-written is left.
  void ExpectUnmistakablyIncomplete(const std::string& out) {
    const std::filesystem::path dir = dir_.path() / out;
    for (const std::string& line : Lines(ReadFile(dir / "findings.jsonl"))) {
      EXPECT_EQ(line.find("\"record\":\"summary\""), std::string::npos) << out << ": " << line;
    }
    EXPECT_FALSE(std::filesystem::exists(dir / "flagged-clauses.csv")) << out;
    EXPECT_FALSE(std::filesystem::exists(dir / "findings.sarif")) << out;
    EXPECT_NE(ReadFile(dir / "report.html").find("This report is not complete"), std::string::npos)
        << out;
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
      EXPECT_NE(entry.path().extension(), ".partial") << "left behind: " << entry.path();
    }
  }

  TempDir dir_;
};

// The issue's case: findings.jsonl fits, a report written whole at the end does not.
TEST_F(ReportWriteFailure, FullDiskAfterTheJsonlLeavesNoReportClaimingCompletion) {
  const std::filesystem::path good = dir_.path() / "good";
  const auto jsonl = std::filesystem::file_size(good / "findings.jsonl");
  ASSERT_GT(std::filesystem::file_size(good / "report.html"), jsonl)
      << "the test needs a report larger than findings.jsonl";

  const CliResult full = Scan("full", jsonl + 1);
  EXPECT_EQ(full.exit_code, 3) << full.output;
  EXPECT_NE(full.output.find("File too large"), std::string::npos) << full.output;
  ExpectUnmistakablyIncomplete("full");
  // Every document record is there: the run screened them; only the summary is missing.
  EXPECT_EQ(Lines(ReadFile(dir_.path() / "full/findings.jsonl")).size(),
            Lines(ReadFile(good / "findings.jsonl")).size() - 1);

  const CliResult diff = Diff("good", "full");
  EXPECT_EQ(diff.exit_code, 3) << diff.output;
  EXPECT_NE(diff.output.find("incomplete report: no summary record"), std::string::npos)
      << diff.output;
}

TEST_F(ReportWriteFailure, AnyFileSizeLimitLeavesAnIncompleteSet) {
  const auto jsonl = std::filesystem::file_size(dir_.path() / "good/findings.jsonl");
  for (const rlim_t limit : {rlim_t{2048}, rlim_t{jsonl / 2}, rlim_t{jsonl - 10}}) {
    const std::string out = "limit-" + std::to_string(limit);
    const CliResult run = Scan(out, limit);
    EXPECT_EQ(run.exit_code, 3) << out << ": " << run.output;
    EXPECT_NE(run.output.find("File too large"), std::string::npos) << out << ": " << run.output;
    ExpectUnmistakablyIncomplete(out);
    EXPECT_EQ(Diff("good", out).exit_code, 3) << out;
  }
}

// /dev/full fails every write with ENOSPC: the message carries the system's reason.
TEST_F(ReportWriteFailure, NoSpaceIsNamedAsTheCause) {
  std::filesystem::create_directories(dir_.path() / "nospace");
  std::filesystem::create_symlink("/dev/full", dir_.path() / "nospace/.findings.sarif.partial");
  const CliResult run = Scan("nospace");
  EXPECT_EQ(run.exit_code, 3) << run.output;
  EXPECT_NE(run.output.find("SARIF report: No space left on device"), std::string::npos)
      << run.output;
  ExpectUnmistakablyIncomplete("nospace");
  EXPECT_EQ(Diff("good", "nospace").exit_code, 3);

  // The next run that can write commits a whole, consistent set again.
  const CliResult again = Scan("nospace");
  EXPECT_EQ(again.exit_code, 1) << again.output;
  EXPECT_TRUE(std::filesystem::exists(dir_.path() / "nospace/findings.sarif"));
  EXPECT_EQ(Diff("good", "nospace").exit_code, 0);
}

}  // namespace
}  // namespace trustscreen
