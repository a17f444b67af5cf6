// Golden reports: samples/ screened with --reproducible writes, byte for byte, the reports
// committed in tests/e2e/golden/ — on one thread and on two. Each report format is one entry of
// kFormats.
//
// The CLI runs in the source directory with relative paths (`samples`, `rules`), so the reports
// hold `samples/grant-proposal.pdf` wherever the checkout is. Before comparing, the few values that
// change without the report's content changing are masked, in the output and in the golden alike
// (kFormats lists them per format): the build id (it carries the git commit), the tool version and
// the thread count among the effective options.
//
// On a mismatch the masked output is written beside the golden as NAME.got.EXT and the first
// difference is printed. To accept the new output as the golden:
//
//   scripts/update-goldens          (or: TRUSTSCREEN_UPDATE_GOLDEN=1 ctest --preset dev -R Golden)
#include <gtest/gtest.h>

#include <cctype>
#include <cstdlib>
#include <iostream>
#include <regex>
#include <sstream>

#include "e2e/run_cli.h"
#include "temp_dir.h"

namespace trustscreen::testing {
namespace {

const std::filesystem::path kSourceDir = TRUSTSCREEN_SOURCE_DIR;
const std::filesystem::path kGoldenDir = kSourceDir / "tests" / "e2e" / "golden";

// A value that legitimately changes between builds or runs: every match of `pattern` is replaced
// by `replacement` (ECMAScript syntax, `$1` for groups).
struct Mask {
  std::string what;
  std::string pattern;
  std::string replacement;
};

struct Format {
  std::string file;  // as written into --out
  std::vector<Mask> masks;
};

// Names the parameter in test output (and in the test names ctest discovers).
void PrintTo(const Format& format, std::ostream* out) { *out << format.file; }

const std::vector<Format> kFormats = {
    {"findings.jsonl",
     {{"build id", R"re("build_id":"[^"]*")re", R"("build_id":"[masked]")"},
      {"tool version", R"re("tool_version":"[^"]*")re", R"("tool_version":"[masked]")"},
      {"thread count", R"re("threads":"[0-9]+")re", R"("threads":"[masked]")"}}},
    {"flagged-clauses.csv", {}},
    {"findings.sarif",
     {{"build id", R"re("buildId": "[^"]*")re", R"("buildId": "[masked]")"},
      {"tool version", R"re(("name": "trustscreen",\s*"version": )"[^"]*")re", R"($1"[masked]")"},
      {"tool version", R"re("semanticVersion": "[^"]*")re", R"("semanticVersion": "[masked]")"}}},
    {"report.html",
     {{"build id", R"re((<th>Build</th><td><code>)[^<]*)re", "$1[masked]"},
      {"tool version", R"re((<th>Tool</th><td>trustscreen )[^<]*)re", "$1[masked]"},
      {"thread count", R"re((<th>threads</th><td><code>)[0-9]+)re", "$1[masked]"}}},
};

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

void WriteFile(const std::filesystem::path& path, const std::string& contents) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary | std::ios::trunc) << contents;
}

// `text` with every mask applied; `unmatched` collects masks that matched nothing (a renamed
// field would otherwise leave a volatile value unmasked, or a mask that hides nothing).
std::string Masked(std::string text, const std::vector<Mask>& masks,
                   std::vector<std::string>* unmatched) {
  for (const Mask& mask : masks) {
    const std::regex pattern(mask.pattern);
    if (!std::regex_search(text, pattern)) unmatched->push_back(mask.what + ": " + mask.pattern);
    text = std::regex_replace(text, pattern, mask.replacement);
  }
  return text;
}

// "foo.sarif" -> "foo.got.sarif".
std::filesystem::path GotPath(const std::filesystem::path& golden) {
  return golden.parent_path() / (golden.stem().string() + ".got" + golden.extension().string());
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  if (!text.empty() && text.back() != '\n') lines.back() += "  (no newline at end)";
  return lines;
}

// Up to 160 bytes of `line` around byte `at`, so long JSONL lines stay readable.
std::string Around(const std::string& line, std::size_t at) {
  const std::size_t begin = at > 60 ? at - 60 : 0;
  std::string cut = line.substr(begin, 160);
  if (begin > 0) cut = "…" + cut;
  if (begin + 160 < line.size()) cut += "…";
  return cut;
}

// The first differing line of the two texts, with a line of context, in unified-diff style.
std::string FirstDifference(const std::string& golden, const std::string& got) {
  const std::vector<std::string> a = Lines(golden), b = Lines(got);
  std::size_t line = 0;
  while (line < a.size() && line < b.size() && a[line] == b[line]) ++line;
  std::ostringstream out;
  out << "@@ line " << line + 1 << " (golden " << a.size() << " lines, got " << b.size()
      << ") @@\n";
  std::size_t column = 0;
  if (line < a.size() && line < b.size()) {
    while (column < a[line].size() && column < b[line].size() &&
           a[line][column] == b[line][column]) {
      ++column;
    }
  }
  if (line > 0) out << " " << Around(a[line - 1], column) << "\n";
  out << "-" << (line < a.size() ? Around(a[line], column) : "(end of golden)") << "\n";
  out << "+" << (line < b.size() ? Around(b[line], column) : "(end of output)") << "\n";
  return out.str();
}

bool UpdateRequested() {
  const char* update = std::getenv("TRUSTSCREEN_UPDATE_GOLDEN");
  return update != nullptr && std::string(update) == "1";
}

class GoldenReport : public ::testing::TestWithParam<Format> {
 protected:
  struct Run {
    std::filesystem::path out;  // the --out directory
    CliRun cli;
  };

  // Screens samples/ once on one thread and once on two, as a user in the checkout would.
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    runs_ = new std::vector<Run>();
    for (const int threads : {1, 2}) {
      const std::filesystem::path out = dir_->path() / ("threads-" + std::to_string(threads));
      const CliRun run = RunTrustscreen(
          // A fixed --today: the header's list-age warnings must not change with the date.
          "scan samples --exclude README.md --rules rules --reproducible -q --today 2026-12-01 "
          "--threads " +
              std::to_string(threads) + " --out " + Quote(out),
          kSourceDir);
      runs_->push_back({out, run});
    }
  }
  static void TearDownTestSuite() {
    delete runs_;
    delete dir_;
  }

  static TempDir* dir_;
  static std::vector<Run>* runs_;
};

TempDir* GoldenReport::dir_ = nullptr;
std::vector<GoldenReport::Run>* GoldenReport::runs_ = nullptr;

TEST_P(GoldenReport, SamplesReportMatchesTheGoldenOnOneAndTwoThreads) {
  const Format& format = GetParam();
  const std::filesystem::path golden_path = kGoldenDir / format.file;
  const std::filesystem::path got_path = GotPath(golden_path);
  ASSERT_EQ(runs_->size(), 2u);
  if (!std::filesystem::exists(runs_->front().out / format.file) &&
      !std::filesystem::exists(golden_path)) {
    GTEST_SKIP() << format.file << " is neither written by this build nor has a golden";
  }

  std::string first_output;
  for (const Run& run : *runs_) {
    SCOPED_TRACE(run.out.filename().string());
    ASSERT_EQ(run.cli.exit_code, 2) << run.cli.output;  // two samples cannot be screened
    const std::filesystem::path output = run.out / format.file;
    ASSERT_TRUE(std::filesystem::exists(output)) << output << " was not written";
    std::vector<std::string> unmatched;
    const std::string got = Masked(ReadFile(output), format.masks, &unmatched);
    EXPECT_TRUE(unmatched.empty())
        << format.file << ": masks that matched nothing (update "
        << "kFormats in golden_test.cc): " << ::testing::PrintToString(unmatched);
    if (first_output.empty()) {
      first_output = got;
    } else {
      EXPECT_EQ(got, first_output) << format.file << " differs between one and two threads:\n"
                                   << FirstDifference(first_output, got);
    }

    if (UpdateRequested()) {
      WriteFile(golden_path, got);
      std::filesystem::remove(got_path);
      std::cout << "updated " << golden_path << "\n";
      continue;
    }
    ASSERT_TRUE(std::filesystem::exists(golden_path))
        << "no golden " << golden_path << "; create it with scripts/update-goldens";
    const std::string golden = ReadFile(golden_path);
    if (got == golden) {
      std::filesystem::remove(got_path);
      continue;
    }
    WriteFile(got_path, got);
    ADD_FAILURE() << format.file << " differs from its golden.\n--- " << golden_path.string()
                  << "\n+++ " << got_path.string() << "\n"
                  << FirstDifference(golden, got) << "Compare: diff -u " << golden_path << " "
                  << got_path << "\nIf the change is intended, regenerate the goldens with "
                  << "scripts/update-goldens (TRUSTSCREEN_UPDATE_GOLDEN=1) and review the diff.";
    return;
  }
}

INSTANTIATE_TEST_SUITE_P(Formats, GoldenReport, ::testing::ValuesIn(kFormats),
                         [](const ::testing::TestParamInfo<Format>& info) {
                           std::string name = info.param.file;
                           for (char& c : name) {
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           }
                           return name;
                         });

}  // namespace
}  // namespace trustscreen::testing
