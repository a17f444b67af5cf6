// The whole shared corpus of real documents: every file accounted for, nothing crashes.
#include "corpus.h"

#include <gtest/gtest.h>

#include <set>

#include "e2e/run_cli.h"
#include "temp_dir.h"

namespace trustscreen::testing {
namespace {

const std::filesystem::path kCorpus = TRUSTSCREEN_CORPUS_DIR;
const std::filesystem::path kRules = std::filesystem::path(TRUSTSCREEN_SOURCE_DIR) / "rules";

TEST(Corpus, EveryFileAppearsInTheReportWithAStatus) {
  TRUSTSCREEN_NEED_CORPUS(kCorpus);
  TempDir dir;
  // OCR of the corpus scans has tests of its own (ocr_corpus_test, label slow).
  CliRun run = RunTrustscreen("scan " + Quote(kCorpus) + " --rules " + Quote(kRules) + " --out " +
                              Quote(dir.path() / "out") + " --ocr never -q");
  EXPECT_TRUE(run.exit_code == 1 || run.exit_code == 2) << run.output;
  JsonlReport report = ReadJsonl(dir.path() / "out" / "findings.jsonl");

  std::set<std::string> reported;
  for (const auto& document : report.documents) {
    EXPECT_FALSE(document["status"].get<std::string>().empty());
    EXPECT_NE(document["status"], "crashed") << document.dump();
    reported.insert(document["path"].get<std::string>());
  }
  std::set<std::string> skipped;
  for (const auto& entry : report.run["skipped"]) skipped.insert(entry["path"].get<std::string>());

  int files = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(kCorpus)) {
    if (!entry.is_regular_file()) continue;
    ++files;
    const std::string path = entry.path().string();
    EXPECT_TRUE(reported.count(path) == 1 || skipped.count(path) == 1) << path;
  }
  // Attachments of e-mails and members of archives are documents too, inside their file.
  int inputs = 0;
  for (const std::string& path : reported) inputs += path.find("!/") == std::string::npos ? 1 : 0;
  EXPECT_EQ(static_cast<int>(inputs + skipped.size()), files);
  EXPECT_EQ(report.summary["documents"], report.documents.size());
}

}  // namespace
}  // namespace trustscreen::testing
