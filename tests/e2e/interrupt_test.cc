// A run stopped from outside (SIGTERM as a scheduler sends it, kill -9) never leaves a report
// that looks complete.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "run_cli.h"
#include "temp_dir.h"

extern char** environ;

namespace trustscreen {
namespace {

using trustscreen::testing::ReadFile;
using trustscreen::testing::TempDir;

// A scan of a.txt, then a file that hangs its worker (test fault switch), then b.txt and c.txt,
// on one thread; signalled once a.txt's record is in findings.jsonl.
class StoppedScan : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_.Write("in/a.txt", "a hypersonic glide vehicle");
    dir_.Write("in/b-hang.txt", "TRUSTSCREEN-TEST-FAULT: hang\n");
    dir_.Write("in/c.txt", "EAR99 items");
    dir_.Write("in/d.txt", "hypersonic again");
  }

  // Runs the scan, sends `signal_number` when a.txt is done; returns the wait status.
  int RunAndSignal(int signal_number) {
    const std::string in = (dir_.path() / "in").string();
    const std::string out = (dir_.path() / "out").string();
    std::vector<std::string> args = {TRUSTSCREEN_BINARY, "scan", in,   "--out",     out,
                                     "--threads",        "1",    "-q", "--timeout", "120"};
    std::vector<char*> argv;
    for (std::string& arg : args) argv.push_back(arg.data());
    argv.push_back(nullptr);
    setenv("TRUSTSCREEN_TEST_FAULTS", "1", 1);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    pid_t pid = -1;
    const int error = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    unsetenv("TRUSTSCREEN_TEST_FAULTS");
    EXPECT_EQ(error, 0);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(90);
    while (ReadFile(dir_.path() / "out/findings.jsonl").find("a.txt\"") == std::string::npos &&
           std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(300));  // b-hang.txt is being read
    kill(pid, signal_number);
    int status = 0;
    waitpid(pid, &status, 0);
    return status;
  }

  std::vector<nlohmann::json> Records() {
    std::vector<nlohmann::json> records;
    std::istringstream lines(ReadFile(dir_.path() / "out/findings.jsonl"));
    for (std::string line; std::getline(lines, line);)
      records.push_back(nlohmann::json::parse(line));
    return records;
  }

  TempDir dir_;
};

TEST_F(StoppedScan, SigtermWritesEveryReportMarkedIncompleteAndExits2) {
  const int status = RunAndSignal(SIGTERM);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 2);

  std::map<std::string, std::string> statuses;
  nlohmann::json summary;
  for (const nlohmann::json& record : Records()) {
    if (record["record"] == "document") {
      statuses[std::filesystem::path(record["path"].get<std::string>()).filename()] =
          record["status"];
    }
    if (record["record"] == "summary") summary = record;
  }
  EXPECT_EQ(statuses["a.txt"], "ok");
  EXPECT_EQ(statuses["b-hang.txt"], "not_screened");
  EXPECT_EQ(statuses["c.txt"], "not_screened");
  EXPECT_EQ(statuses["d.txt"], "not_screened");
  ASSERT_TRUE(summary.is_object()) << "the summary record is written";
  EXPECT_EQ(summary["complete"], false);
  EXPECT_NE(ReadFile(dir_.path() / "out/report.html").find("The run did not complete"),
            std::string::npos);
  EXPECT_NE(ReadFile(dir_.path() / "out/findings.sarif").find("\"executionSuccessful\": false"),
            std::string::npos);
  EXPECT_TRUE(std::filesystem::exists(dir_.path() / "out/flagged-clauses.csv"));
}

TEST_F(StoppedScan, KillNineLeavesAnUnfinishedPageAndNoSummaryRecord) {
  // An earlier complete run's reports in the same directory must not survive beside the new one.
  dir_.Write("out/flagged-clauses.csv", "stale");
  dir_.Write("out/findings.sarif", "stale");
  const int status = RunAndSignal(SIGKILL);
  ASSERT_TRUE(WIFSIGNALED(status));

  const std::string html = ReadFile(dir_.path() / "out/report.html");
  EXPECT_NE(html.find("This report is not complete"), std::string::npos) << html;
  bool has_summary = false;
  bool has_a = false;
  for (const nlohmann::json& record : Records()) {
    has_summary = has_summary || record["record"] == "summary";
    has_a = has_a || (record["record"] == "document" &&
                      record["path"].get<std::string>().ends_with("a.txt"));
  }
  EXPECT_TRUE(has_a) << "documents finished before the kill are kept";
  EXPECT_FALSE(has_summary);
  EXPECT_FALSE(std::filesystem::exists(dir_.path() / "out/flagged-clauses.csv"));
  EXPECT_FALSE(std::filesystem::exists(dir_.path() / "out/findings.sarif"));
}

}  // namespace
}  // namespace trustscreen
