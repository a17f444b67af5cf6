// Runs extraction over the whole shared corpus once: every file must get a status and nothing may
// crash. Files are spread over a few threads (which also exercises concurrent extraction of
// different documents); the status distribution and the time taken are printed.
#include "corpus.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "gtest/gtest.h"
#include "trustscreen/extract/extract.h"

namespace trustscreen::extract {
namespace {

// The sweep measures the parsers; OCR of the corpus scans is ocr_corpus_test's (slow) job.
ExtractOptions NoOcr() {
  ExtractOptions options;
  options.ocr = OcrMode::kNever;
  return options;
}
const ExtractOptions kNoOcr = NoOcr();

TEST(CorpusExtraction, EveryFileGetsAStatusAndNothingCrashes) {
  const std::filesystem::path root(TRUSTSCREEN_CORPUS_DIR);
  TRUSTSCREEN_NEED_CORPUS(root);
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
    if (entry.is_regular_file()) files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  ASSERT_FALSE(files.empty());

  const auto start = std::chrono::steady_clock::now();
  std::vector<Document> docs(files.size());
  std::atomic<std::size_t> next{0};
  const unsigned thread_count = std::clamp(std::thread::hardware_concurrency(), 2u, 8u);
  std::vector<std::thread> threads;
  for (unsigned t = 0; t < thread_count; ++t) {
    threads.emplace_back([&] {
      for (std::size_t i = next++; i < files.size(); i = next++) {
        docs[i] = ExtractFile(files[i], kNoOcr);
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  std::map<std::string, int> by_status;
  for (std::size_t i = 0; i < files.size(); ++i) {
    const Document& doc = docs[i];
    const std::string relative = std::filesystem::relative(files[i], root).string();
    ++by_status[std::string(ToString(doc.status))];
    EXPECT_NE(doc.status, DocumentStatus::kCrashed) << relative << ": " << doc.reason;
    EXPECT_NE(doc.status, DocumentStatus::kMissing) << relative;
    EXPECT_NE(doc.status, DocumentStatus::kUnreadable) << relative << ": " << doc.reason;
    EXPECT_EQ(doc.sha256.size(), 64u) << relative;
    EXPECT_TRUE(doc.status == DocumentStatus::kOk || !doc.reason.empty()) << relative;
    if (!doc.pages.empty()) {
      EXPECT_EQ(doc.pages.back().end, doc.text.size()) << relative;
    }
    // CUAD contracts are born-digital: fully read, except pages that really are images.
    if (relative.starts_with("contracts/cuad/pdf/")) {
      EXPECT_TRUE(doc.status == DocumentStatus::kOk ||
                  (doc.status == DocumentStatus::kPartial && doc.reason.ends_with("need OCR")))
          << relative << ": " << doc.reason;
    }
    if (relative.starts_with("contracts/docx_karaka/")) {
      EXPECT_EQ(doc.status, DocumentStatus::kOk) << relative << ": " << doc.reason;
    }
    if (doc.status != DocumentStatus::kOk) {
      std::cout << "[corpus] " << ToString(doc.status) << "\t" << relative << "\t" << doc.reason
                << "\n";
    }
  }
  std::cout << "[corpus] " << files.size() << " files in " << seconds << " s on " << thread_count
            << " threads:";
  for (const auto& [status, count] : by_status) std::cout << " " << status << "=" << count;
  std::cout << std::endl;
}

TEST(CorpusExtraction, NearEmptyDataPlanIsReadButNoticed) {
  const std::filesystem::path file = std::filesystem::path(TRUSTSCREEN_CORPUS_DIR) /
                                     "proposals/nsf_pgrp_2014_rilab/submitted/data_plan.pdf";
  TRUSTSCREEN_NEED_CORPUS(file);
  const Document doc = ExtractFile(file, ExtractOptions{});
  EXPECT_EQ(doc.status, DocumentStatus::kOk);
  EXPECT_TRUE(doc.reason.starts_with("little text: ")) << doc.reason;
  EXPECT_NE(doc.text.find("SEE APPENDIX A-1"), std::string::npos);
}

TEST(CorpusExtraction, ScannedProposalPagesNeedOcrWithoutOcr) {
  const std::filesystem::path file = std::filesystem::path(TRUSTSCREEN_CORPUS_DIR) /
                                     "proposals/doe_nsf_bapsf_2015/Additional Edits 9.1.15.pdf";
  TRUSTSCREEN_NEED_CORPUS(file);
  const Document doc = ExtractFile(file, kNoOcr);
  EXPECT_EQ(doc.status, DocumentStatus::kNeedsOcr) << doc.reason;
  EXPECT_EQ(doc.pages.size(), 11u);
}

}  // namespace
}  // namespace trustscreen::extract
