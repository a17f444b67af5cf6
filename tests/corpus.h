// The shared corpus of real documents (../shared/corpus beside the checkout,
// TRUSTSCREEN_CORPUS_DIR) and what a test does when it is missing: locally it skips, under CI
// (environment variable CI set to anything but "", "0" or "false", as CI systems and .ci/run set
// it) it fails, so that a CI run without the corpus cannot pass by skipping the tests that need it.
//
//   TRUSTSCREEN_NEED_CORPUS(where);                // skips / fails unless `where` exists
//   if (files.empty()) TRUSTSCREEN_CORPUS_MISSING("no texts under " << dir);
//
// Both return from the calling function (GTEST_SKIP/GTEST_FAIL), so use them in the TEST body.
// tests/e2e/report_schema_test.py applies the same rule to CI.
#ifndef TRUSTSCREEN_TESTS_CORPUS_H_
#define TRUSTSCREEN_TESTS_CORPUS_H_

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <string_view>

namespace trustscreen::testing {

inline std::filesystem::path CorpusDir() { return TRUSTSCREEN_CORPUS_DIR; }

// A path inside the corpus, e.g. CorpusPath("contracts/cuad/txt").
inline std::filesystem::path CorpusPath(std::string_view relative) {
  return CorpusDir() / std::filesystem::path(std::string(relative));
}

// True under CI: a missing corpus is then a failure, not a reason to skip.
inline bool CorpusRequired() {
  const char* ci = std::getenv("CI");
  if (ci == nullptr) return false;
  std::string value(ci);
  std::transform(value.begin(), value.end(), value.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return !value.empty() && value != "0" && value != "false";
}

}  // namespace trustscreen::testing

// Skips the test (fails it under CI) with `message`, a stream expression: "no corpus at " << dir.
#define TRUSTSCREEN_CORPUS_MISSING(message)                              \
  do {                                                                   \
    if (::trustscreen::testing::CorpusRequired()) {                      \
      GTEST_FAIL() << message << " (CI is set: the corpus is required)"; \
    }                                                                    \
    GTEST_SKIP() << message;                                             \
  } while (false)

// Skips the test (fails it under CI) unless `where` (a file or directory) exists.
#define TRUSTSCREEN_NEED_CORPUS(where)                                                  \
  do {                                                                                  \
    const std::filesystem::path trustscreen_corpus_path_ = (where);                     \
    if (!std::filesystem::exists(trustscreen_corpus_path_)) {                           \
      TRUSTSCREEN_CORPUS_MISSING("corpus not available: " << trustscreen_corpus_path_); \
    }                                                                                   \
  } while (false)

#endif  // TRUSTSCREEN_TESTS_CORPUS_H_
