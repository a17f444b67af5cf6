// Isolated extraction: a worker that crashes, hangs, allocates without bound or aborts costs
// only its own document; the other documents' results are those of an in-process run.
#include "trustscreen/pipeline/isolation.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <atomic>
#include <chrono>
#include <map>
#include <thread>

#include "pipeline_fixtures.h"
#include "temp_dir.h"
#include "trustscreen/pipeline/scan.h"

namespace trustscreen::pipeline {
namespace {

using trustscreen::testing::TempDir;

struct Outcome {
  DocumentStatus status;
  std::string reason;
  std::size_t findings;
};

std::map<std::string, Outcome> Screen(const std::vector<std::string>& files,
                                      const ScreenOptions& options) {
  TempDir rules_dir;
  Result<rules::CompiledRuleSet> rules =
      rules::LoadRules({rules_dir.Write("r.yaml", testing::kHypersonicRules)});
  EXPECT_TRUE(rules.ok()) << rules.status().ToString();
  std::map<std::string, Outcome> outcomes;
  ScreenFiles(files, *rules, options, [&](DocumentResult&& result) {
    outcomes[std::filesystem::path(result.document.path).filename().string()] = {
        result.document.status, result.document.reason, result.findings.size()};
  });
  return outcomes;
}

ScreenOptions Isolated(int threads) {
  ScreenOptions options;
  options.threads = threads;
  options.isolation.worker_executable = TRUSTSCREEN_BINARY;
  options.isolation.timeout_seconds = 3;
  options.isolation.memory_limit_bytes = 256ull << 20;
  return options;
}

class IsolatedExtraction : public ::testing::TestWithParam<int> {};

TEST_P(IsolatedExtraction, CrashHangAndMemoryBombCostOnlyTheirOwnDocument) {
  testing::FaultSwitch faults;
  TempDir dir;
  std::vector<std::string> files;
  for (const char* fault : {"crash", "hang", "alloc", "abort"}) {
    files.push_back(
        dir.Write(std::string("before-") + fault + ".txt", "hypersonic glide").string());
    files.push_back(dir.Write(std::string(fault) + ".txt",
                              std::string("TRUSTSCREEN-TEST-FAULT: ") + fault + "\nhypersonic")
                        .string());
  }
  files.push_back(dir.Write("last.txt", "a hypersonic vehicle").string());

  const auto start = std::chrono::steady_clock::now();
  std::map<std::string, Outcome> outcomes = Screen(files, Isolated(GetParam()));
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  ASSERT_EQ(outcomes.size(), files.size());
  EXPECT_EQ(outcomes["crash.txt"].status, DocumentStatus::kCrashed);
  EXPECT_NE(outcomes["crash.txt"].reason.find("SIGSEGV"), std::string::npos)
      << outcomes["crash.txt"].reason;
  EXPECT_EQ(outcomes["abort.txt"].status, DocumentStatus::kCrashed);
  EXPECT_NE(outcomes["abort.txt"].reason.find("SIGABRT"), std::string::npos);
  EXPECT_EQ(outcomes["hang.txt"].status, DocumentStatus::kTimeout);
  EXPECT_NE(outcomes["hang.txt"].reason.find("longer than 3 s"), std::string::npos);
  EXPECT_EQ(outcomes["alloc.txt"].status, DocumentStatus::kTooLarge);
  EXPECT_NE(outcomes["alloc.txt"].reason.find("256 MiB"), std::string::npos)
      << outcomes["alloc.txt"].reason;
  for (const char* name : {"before-crash.txt", "before-hang.txt", "before-alloc.txt",
                           "before-abort.txt", "last.txt"}) {
    EXPECT_EQ(outcomes[name].status, DocumentStatus::kOk) << name << ": " << outcomes[name].reason;
    EXPECT_EQ(outcomes[name].findings, 1u) << name;
  }
  EXPECT_LT(seconds, 30) << "a hung worker must be stopped at its timeout";
}

INSTANTIATE_TEST_SUITE_P(Threads, IsolatedExtraction, ::testing::Values(1, 2));

TEST(IsolatedExtraction, GivesTheSameResultsAsInProcessExtraction) {
  std::vector<std::string> files;
  for (const auto& entry :
       std::filesystem::directory_iterator(std::string(TRUSTSCREEN_SOURCE_DIR) + "/samples")) {
    if (entry.is_regular_file()) files.push_back(entry.path().string());
  }
  std::sort(files.begin(), files.end());
  ASSERT_GE(files.size(), 3u);
  ScreenOptions in_process;
  in_process.threads = 2;
  std::map<std::string, Outcome> expected = Screen(files, in_process);
  std::map<std::string, Outcome> isolated = Screen(files, Isolated(2));
  ASSERT_EQ(isolated.size(), expected.size());
  for (const auto& [name, outcome] : expected) {
    EXPECT_EQ(isolated[name].status, outcome.status) << name;
    EXPECT_EQ(isolated[name].reason, outcome.reason) << name;
    EXPECT_EQ(isolated[name].findings, outcome.findings) << name;
  }
}

TEST(IsolatedExtraction, TheFaultSwitchIsOffUnlessTheEnvironmentSetsIt) {
  TempDir dir;
  const std::string file =
      dir.Write("crash.txt", "TRUSTSCREEN-TEST-FAULT: crash\nhypersonic").string();
  std::map<std::string, Outcome> outcomes = Screen({file}, Isolated(1));
  EXPECT_EQ(outcomes["crash.txt"].status, DocumentStatus::kOk);
  EXPECT_EQ(outcomes["crash.txt"].findings, 1u);
}

TEST(IsolatedExtraction, AMissingWorkerExecutableMakesEachDocumentCrashedNotClean) {
  TempDir dir;
  const std::string file = dir.Write("a.txt", "hypersonic").string();
  ScreenOptions options = Isolated(1);
  options.isolation.worker_executable = dir.path() / "no-such-binary";
  std::map<std::string, Outcome> outcomes = Screen({file}, options);
  EXPECT_EQ(outcomes["a.txt"].status, DocumentStatus::kCrashed);
  EXPECT_NE(outcomes["a.txt"].reason.find("no-such-binary"), std::string::npos)
      << outcomes["a.txt"].reason;
}

TEST(StoppedRun, DocumentsNotFinishedWhenTheRunStopsAreNotScreened) {
  testing::FaultSwitch faults;
  TempDir dir;
  std::vector<std::string> files = {
      dir.Write("first.txt", "hypersonic").string(),
      dir.Write("hang.txt", "TRUSTSCREEN-TEST-FAULT: hang\n").string(),
  };
  for (int i = 0; i < 20; ++i) {
    files.push_back(dir.Write("later-" + std::to_string(i) + ".txt", "hypersonic").string());
  }
  std::atomic<bool> stop{false};
  ScreenOptions options = Isolated(1);
  options.isolation.timeout_seconds = 60;
  options.stop = &stop;
  std::thread stopper([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    stop = true;
  });
  const auto start = std::chrono::steady_clock::now();
  std::map<std::string, Outcome> outcomes = Screen(files, options);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  stopper.join();

  ASSERT_EQ(outcomes.size(), files.size()) << "every input is accounted for";
  EXPECT_EQ(outcomes["first.txt"].status, DocumentStatus::kOk);
  EXPECT_EQ(outcomes["hang.txt"].status, DocumentStatus::kNotScreened);
  EXPECT_EQ(outcomes["later-19.txt"].status, DocumentStatus::kNotScreened);
  EXPECT_LT(seconds, 20) << "the hanging worker is stopped, not waited for";
}

}  // namespace
}  // namespace trustscreen::pipeline
