// Long PDFs read in page ranges by several threads and worker processes: the results are those of
// reading each document whole, and a part whose worker fails costs only its own document.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "pipeline_fixtures.h"
#include "temp_dir.h"
#include "test_fixtures.h"
#include "trustscreen/pipeline/isolation.h"
#include "trustscreen/pipeline/scan.h"

namespace trustscreen::pipeline {
namespace {

using trustscreen::testing::TempDir;

// What a reader sees of one document's result.
std::string Describe(const DocumentResult& result) {
  const Document& doc = result.document;
  std::string out = std::string(ToString(doc.status)) + " | " + doc.reason + " | " + doc.sha256 +
                    " | pages " + std::to_string(doc.pages.size());
  for (const Finding& finding : result.findings) {
    out += " | " + finding.rule_id + " p" + std::to_string(finding.page) + " " +
           finding.clause_ref + " " + finding.snippet + " " + finding.fingerprint;
  }
  return out;
}

std::map<std::string, std::string> Screen(const std::vector<std::string>& files,
                                          const ScreenOptions& options) {
  TempDir rules_dir;
  Result<rules::CompiledRuleSet> rules =
      rules::LoadRules({rules_dir.Write("r.yaml", testing::kHypersonicRules)});
  EXPECT_TRUE(rules.ok()) << rules.status().ToString();
  std::map<std::string, std::string> outcomes;
  ScreenFiles(files, *rules, options, [&](DocumentResult&& result) {
    outcomes[std::filesystem::path(result.document.path).filename().string()] = Describe(result);
  });
  return outcomes;
}

ScreenOptions Options(bool isolated, int range_pages) {
  ScreenOptions options;
  options.threads = 2;
  options.pdf_range_pages = range_pages;
  if (isolated) {
    options.isolation.worker_executable = TRUSTSCREEN_BINARY;
    options.isolation.timeout_seconds = 5;
  }
  return options;
}

// A PDF of `pages` pages, "hypersonic" on every third.
std::string LongPdf(int pages) {
  std::vector<extract::fixtures::PdfPage> content;
  for (int page = 1; page <= pages; ++page) {
    content.push_back({extract::fixtures::TextContent(
        "Clause " + std::to_string(page) +
        (page % 3 == 0 ? " covers hypersonic vehicles" : " covers payment terms"))});
  }
  return extract::fixtures::BuildPdf(content);
}

// The long PDF comes last: ranges are read only for a document that would otherwise end the run.
std::vector<std::string> Inputs(const TempDir& dir) {
  std::vector<std::string> files = {dir.Write("short.pdf", LongPdf(3)).string(),
                                    dir.Write("note.txt", "a hypersonic note").string()};
  for (const char* sample : {"collaboration-agreement.pdf", "grant-proposal.pdf"}) {
    files.push_back(std::string(TRUSTSCREEN_SOURCE_DIR) + "/samples/" + sample);
  }
  files.push_back(dir.Write("long.pdf", LongPdf(40)).string());
  return files;
}

TEST(PdfParts, ReadingInRangesGivesTheResultsOfReadingWhole) {
  TempDir dir;
  const std::vector<std::string> files = Inputs(dir);
  const std::map<std::string, std::string> whole = Screen(files, Options(true, 0));
  ASSERT_EQ(whole.size(), files.size());
  EXPECT_NE(whole.at("long.pdf").find("ok |"), std::string::npos) << whole.at("long.pdf");
  for (const bool isolated : {true, false}) {
    for (const int range : {1, 3, 16}) {
      SCOPED_TRACE((isolated ? "workers, range " : "in process, range ") + std::to_string(range));
      EXPECT_EQ(Screen(files, Options(isolated, range)), whole);
    }
  }
}

// The point of the ranges: one long PDF alone keeps both threads busy. Each page takes 2 ms here
// (a slow on_page), so an idle thread has time to take a range.
TEST(PdfParts, ALongPdfAloneIsReadOnEveryThread) {
  TempDir dir;
  const std::string pdf = dir.Write("long.pdf", LongPdf(200)).string();
  std::mutex mutex;
  std::set<std::thread::id> readers;
  ScreenOptions options = Options(false, 16);
  options.extract.on_page = [&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
    const std::lock_guard lock(mutex);
    readers.insert(std::this_thread::get_id());
  };
  const std::map<std::string, std::string> outcomes = Screen({pdf}, options);
  EXPECT_EQ(outcomes.at("long.pdf").rfind("ok |", 0), 0u) << outcomes.at("long.pdf");
  EXPECT_EQ(readers.size(), 2u);
  // Read whole, one thread does it all.
  readers.clear();
  options.pdf_range_pages = 0;
  Screen({pdf}, options);
  EXPECT_EQ(readers.size(), 1u);
}

// A document read in parts is done before the files after it take the threads: a thread about to
// begin another file reads the waiting parts first. Each page takes 2 ms and each short file 20 ms
// (a slow on_start), so without that the second thread would go through the short files while
// the first read the long PDF's 200 pages alone.
TEST(PdfParts, TheWaitingPartsOfADocumentAreReadBeforeLaterFilesBegin) {
  TempDir dir;
  constexpr int kPages = 200;
  std::vector<std::string> files = {dir.Write("long.pdf", LongPdf(kPages)).string()};
  for (int i = 0; i < 12; ++i) {
    files.push_back(dir.Write("note" + std::to_string(i) + ".txt", "a note").string());
  }
  std::mutex mutex;
  int pages_read = 0;
  std::set<std::thread::id> readers;
  std::vector<int> pages_read_at_start(files.size(), -1);
  ScreenOptions options = Options(false, 16);
  options.extract.on_page = [&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
    const std::lock_guard lock(mutex);
    ++pages_read;
    readers.insert(std::this_thread::get_id());
  };
  options.on_start = [&](std::size_t index, const std::string&) {
    {
      const std::lock_guard lock(mutex);
      pages_read_at_start[index] = pages_read;
    }
    if (index > 0) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  };
  const std::map<std::string, std::string> outcomes = Screen(files, options);
  EXPECT_EQ(outcomes.at("long.pdf").rfind("ok |", 0), 0u) << outcomes.at("long.pdf");
  EXPECT_EQ(readers.size(), 2u);
  // Ranges of 50 pages (two per thread): when the other thread has taken every waiting range and
  // begins the third file, at most the range the first thread is reading is left.
  for (std::size_t index = 2; index < files.size(); ++index) {
    EXPECT_GE(pages_read_at_start[index], kPages - kPages / 4) << files[index];
  }
}

// Ranges cost a read and an open of the file each: a long PDF begun while the files not yet begun
// hold more work than it (by size) is read whole. The fault strikes only a PDF read in parts.
TEST(PdfParts, ALongPdfIsReadInRangesOnlyWhenTheRestCannotKeepTheThreadsBusy) {
  testing::FaultSwitch faults;
  TempDir dir;
  const std::string pdf =
      dir.Write("crash.pdf", "TRUSTSCREEN-TEST-FAULT: crash-part\n" + LongPdf(40)).string();
  const std::size_t size = std::filesystem::file_size(pdf);
  std::vector<std::string> files = {pdf};
  for (const char* name : {"a.txt", "b.txt"}) {
    files.push_back(dir.Write(name, std::string(size, 'x')).string());
  }
  const ScreenOptions options = Options(true, 4);
  EXPECT_EQ(Screen(files, options).at("crash.pdf").rfind("ok |", 0), 0u);
  // Last, or alone, it is read in ranges.
  std::rotate(files.begin(), files.begin() + 1, files.end());
  EXPECT_EQ(Screen(files, options).at("crash.pdf").rfind("crashed | pages 1-", 0), 0u);
  EXPECT_EQ(Screen({pdf}, options).at("crash.pdf").rfind("crashed | pages 1-", 0), 0u);
}

TEST(PdfParts, APartWhoseWorkerFailsCostsOnlyItsDocument) {
  testing::FaultSwitch faults;
  TempDir dir;
  std::vector<std::string> files = Inputs(dir);
  // The fault line comes before the PDF header, which a reader still finds.
  files.push_back(
      dir.Write("crash.pdf", "TRUSTSCREEN-TEST-FAULT: crash-part\n" + LongPdf(12)).string());
  files.push_back(
      dir.Write("hang.pdf", "TRUSTSCREEN-TEST-FAULT: hang-part\n" + LongPdf(12)).string());
  ScreenOptions options = Options(true, 4);
  options.isolation.timeout_seconds = 2;
  const std::map<std::string, std::string> outcomes = Screen(files, options);
  ASSERT_EQ(outcomes.size(), files.size());
  // "crashed (SIGSEGV)"; under AddressSanitizer, whose handler takes the signal, "exited
  // unexpectedly (exit code 1)".
  EXPECT_EQ(outcomes.at("crash.pdf").rfind("crashed | pages 1-4: the extractor ", 0), 0u)
      << outcomes.at("crash.pdf");
  EXPECT_EQ(
      outcomes.at("hang.pdf").rfind("timeout | pages 1-4: extraction took longer than 2 s", 0), 0u)
      << outcomes.at("hang.pdf");
  const std::map<std::string, std::string> whole = Screen(Inputs(dir), Options(true, 0));
  for (const auto& [name, outcome] : whole) EXPECT_EQ(outcomes.at(name), outcome) << name;
  // Read whole, the same files are fine: the faults strike only when pages are asked for.
  const std::map<std::string, std::string> unsplit = Screen(files, Options(true, 0));
  EXPECT_EQ(unsplit.at("crash.pdf").rfind("ok |", 0), 0u) << unsplit.at("crash.pdf");
}

}  // namespace
}  // namespace trustscreen::pipeline
