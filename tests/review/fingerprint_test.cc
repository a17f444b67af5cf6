#include "trustscreen/review/fingerprint.h"

#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <random>

#include "extract/docx_fixtures.h"
#include "review_fixtures.h"
#include "temp_dir.h"
#include "trustscreen/pipeline/scan.h"
#include "trustscreen/rules/rule_set.h"

namespace trustscreen::review {
namespace {

using trustscreen::testing::TempDir;
using namespace trustscreen::review::testing;

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.remove_suffix(1);
  return text;
}

// Rule id -> fingerprint, from screening `file` with kRules through the real pipeline.
std::map<std::string, std::string> FingerprintsOf(const TempDir& dir,
                                                  const std::filesystem::path& file) {
  const std::filesystem::path rule_file = dir.Write("rules/test.yaml", kRules);
  Result<rules::CompiledRuleSet> rules = rules::LoadRules({rule_file});
  EXPECT_TRUE(rules.ok()) << rules.status().ToString();
  std::map<std::string, std::string> fingerprints;
  pipeline::ScreenFiles(
      {file.string()}, *rules, extract::ExtractOptions{}, 1, [&](DocumentResult&& result) {
        EXPECT_EQ(result.document.status, DocumentStatus::kOk) << result.document.reason;
        for (const Finding& finding : result.findings) {
          EXPECT_EQ(finding.fingerprint.size(), 64u);
          fingerprints[finding.rule_id] = finding.fingerprint;
        }
      });
  return fingerprints;
}

TEST(NormalizeForFingerprint, DropsClauseMarkerCaseWhitespaceAndPageNumberLines) {
  EXPECT_EQ(NormalizeForFingerprint("9.2  The  Recipient\nshall"), "the recipient shall");
  EXPECT_EQ(NormalizeForFingerprint("12.3(b) The Recipient shall"), "the recipient shall");
  EXPECT_EQ(NormalizeForFingerprint("(b) The Recipient shall"), "the recipient shall");
  EXPECT_EQ(NormalizeForFingerprint("Article IV The Recipient shall"), "the recipient shall");
  EXPECT_EQ(NormalizeForFingerprint("4.1 The Recipient\nPage 3 of 9\nshall"),
            "the recipient shall");
  EXPECT_EQ(NormalizeForFingerprint("ＥＣＣＮ 3A001"), "eccn 3a001");
}

TEST(ComputeFingerprint, DependsOnRuleMatchedTextAndClauseOnly) {
  const std::string base = ComputeFingerprint("r", "3A001", "2.1 Items under 3A001.");
  EXPECT_EQ(base, ComputeFingerprint("r", "3a001", "7.4 Items  under\n3A001."));
  EXPECT_NE(base, ComputeFingerprint("other", "3A001", "2.1 Items under 3A001."));
  EXPECT_NE(base, ComputeFingerprint("r", "3A002", "2.1 Items under 3A001."));
  EXPECT_NE(base, ComputeFingerprint("r", "3A001", "2.1 Items not under 3A001."));
}

TEST(FingerprintContext, IsTheNumberedClauseOrElseTheParagraph) {
  const std::string text =
      "Preamble text about hypersonic work.\nSecond line.\n\nAnother paragraph on 3A001.\n\n"
      "1. Scope\n\n1.1 Work on 3A001 items.\nMore of 1.1.\n\n1.2 Other work.\n";
  const std::vector<text::Clause> clauses = text::SegmentClauses(text);
  EXPECT_EQ(FingerprintContext(text, clauses, text.find("hypersonic")),
            "Preamble text about hypersonic work.\nSecond line.");
  EXPECT_EQ(FingerprintContext(text, clauses, text.find("3A001")), "Another paragraph on 3A001.");
  EXPECT_EQ(Trim(FingerprintContext(text, clauses, text.find("3A001 items"))),
            "1.1 Work on 3A001 items.\nMore of 1.1.");
}

// The paragraph rule as first written: walk line by line from the match to the nearest blank
// lines, within [low, high). FingerprintContext must give the same text for every offset.
std::string_view ReferenceParagraph(std::string_view text, std::size_t offset, std::size_t low,
                                    std::size_t high) {
  auto blank = [&](std::size_t from, std::size_t to) {
    for (std::size_t i = from; i < to; ++i) {
      if (!std::isspace(static_cast<unsigned char>(text[i]))) return false;
    }
    return true;
  };
  auto line_start = [&](std::size_t pos) {
    const std::size_t newline = pos == 0 ? std::string_view::npos : text.rfind('\n', pos - 1);
    return newline == std::string_view::npos ? std::size_t{0} : newline + 1;
  };
  auto line_end = [&](std::size_t pos) {
    const std::size_t newline = text.find('\n', pos);
    return newline == std::string_view::npos ? text.size() : newline;
  };
  std::size_t from = std::max(low, line_start(offset));
  while (from > low) {
    const std::size_t previous = std::max(low, line_start(from - 1));
    if (blank(previous, from - 1)) break;
    from = previous;
  }
  std::size_t to = std::min(high, line_end(offset));
  while (to < high) {
    const std::size_t next = std::min(high, line_end(to + 1));
    if (blank(to + 1, next)) break;
    to = next;
  }
  return text.substr(from, to - from);
}

std::string_view ReferenceContext(std::string_view text, const std::vector<text::Clause>& clauses,
                                  std::size_t begin) {
  begin = std::min(begin, text.size());
  std::size_t low = 0;
  std::size_t high = text.size();
  if (const text::Clause* clause = text::ClauseAt(clauses, begin)) {
    high = std::min(clause->end, text.size());
    low = std::min(clause->begin, high);
    if (clause->depth >= 1 && high - low <= kMaxFingerprintContext) {
      return text.substr(low, high - low);
    }
  }
  const std::string_view paragraph = ReferenceParagraph(text, begin, low, high);
  if (paragraph.size() <= kMaxFingerprintContext) return paragraph;
  std::size_t from = begin;
  while (from > low && text[from - 1] != '\n') --from;
  std::size_t to = begin;
  while (to < high && text[to] != '\n') ++to;
  if (to - from <= kMaxFingerprintContext) return text.substr(from, to - from);
  std::size_t piece_from = from;
  while (piece_from + kMaxFingerprintContext <= std::min(begin, to - 1)) {
    piece_from += kMaxFingerprintContext;
  }
  return text.substr(piece_from, std::min(kMaxFingerprintContext, to - piece_from));
}

Finding FindingAt(std::string_view text, std::string rule_id, std::size_t begin, std::size_t size) {
  Finding finding;
  finding.rule_id = std::move(rule_id);
  finding.begin = begin;
  finding.end = begin + size;
  finding.matched_text = std::string(text.substr(begin, size));
  return finding;
}

// Waivers key on fingerprints: these values were computed by the first version and must never
// change (a change lapses every reviewer's decision).
TEST(Fingerprint, KnownValuesNeverChange) {
  EXPECT_EQ(ComputeFingerprint("test-eccn", "ECCN 3A001", "2.1 Items under ECCN 3A001."),
            "b3181be93d7a42771ea8ca4607753aa8ec2a3af57f2f0396ecad2075d68c23d6");
  const std::string text =
      "Preamble on hypersonic work.\nSecond line.\n\n1. Scope\n\n1.1 Work on 3A001 items.\n"
      "Page 2 of 9\nMore of 1.1 on 3A001.\n\n1.2 Other work.\n";
  std::vector<Finding> findings = {FindingAt(text, "test-hypersonic", text.find("hypersonic"), 10),
                                   FindingAt(text, "test-eccn", text.find("3A001"), 5),
                                   FindingAt(text, "test-eccn", text.rfind("3A001"), 5)};
  FingerprintFindings(text, text::SegmentClauses(text), findings);
  EXPECT_EQ(findings[0].fingerprint,
            "585aed80e0231695bfa618a22f61cb2da228664d51c6eb63c7846f508900899c");
  EXPECT_EQ(findings[1].fingerprint,
            "a023d98deded95476c7a2930b5d09aee0bcba7c46c730517c1ebc954d510db91");
  EXPECT_EQ(findings[2].fingerprint, findings[1].fingerprint);
}

// Random texts of short lines, blank lines, whitespace-only lines and clause markers: the
// paragraph or clause found for every offset, and every fingerprint, are those of the
// line-by-line definition.
TEST(FingerprintContext, MatchesTheLineByLineDefinitionAtEveryOffset) {
  const std::vector<std::string> pieces = {
      "word ",      "ECCN 3A001 ", "\n",     "\n\n", " \n",      "\t\r\n", "1. Scope\n",
      "1.1 Terms ", "Recitals\n",  "(b) x ", "\f",   "Page 3\n", "é "};
  std::mt19937 random(20);
  for (int round = 0; round < 300; ++round) {
    std::string text;
    const int count = std::uniform_int_distribution<int>(0, 40)(random);
    for (int i = 0; i < count; ++i) {
      text += pieces[std::uniform_int_distribution<std::size_t>(0, pieces.size() - 1)(random)];
    }
    const std::vector<text::Clause> clauses = text::SegmentClauses(text);
    std::vector<Finding> findings;
    for (std::size_t offset = 0; offset <= text.size(); ++offset) {
      ASSERT_EQ(FingerprintContext(text, clauses, offset), ReferenceContext(text, clauses, offset))
          << "offset " << offset << " in\n"
          << text;
      findings.push_back(FindingAt(text, offset % 2 ? "a" : "b", offset,
                                   std::min<std::size_t>(3, text.size() - offset)));
    }
    FingerprintFindings(text, clauses, findings);
    for (const Finding& finding : findings) {
      ASSERT_EQ(finding.fingerprint,
                ComputeFingerprint(finding.rule_id, finding.matched_text,
                                   ReferenceContext(text, clauses, finding.begin)))
          << "offset " << finding.begin << " [" << finding.matched_text << "] context ["
          << ReferenceContext(text, clauses, finding.begin) << "] in\n"
          << text;
    }
  }
}

TEST(FingerprintContext, IsNeverLongerThanItsBound) {
  const std::string filler(kMaxFingerprintContext, 'x');
  // A numbered clause running on past the bound: its paragraph.
  const std::string long_clause = "1. Scope\n\n1.1 Work on 3A001 items.\n\n" + filler + "\n";
  EXPECT_EQ(
      FingerprintContext(long_clause, text::SegmentClauses(long_clause), long_clause.find("3A001")),
      "1.1 Work on 3A001 items.");
  // A paragraph past the bound (spreadsheet rows): the line.
  const std::string rows = "Name\tCountry\n" + filler + "\nACME 3A001 Ltd\tIran\nLast row\n";
  EXPECT_EQ(FingerprintContext(rows, text::SegmentClauses(rows), rows.find("3A001")),
            "ACME 3A001 Ltd\tIran");
  // A line past the bound: its piece, counted from the line's start.
  const std::string line = "Head\n" + filler + "3A001" + filler + "\n";
  const std::string_view piece =
      FingerprintContext(line, text::SegmentClauses(line), line.find("3A001"));
  EXPECT_EQ(piece.size(), kMaxFingerprintContext);
  EXPECT_EQ(piece.substr(0, 5), "3A001");
  // The last piece is the rest of the line, its end included.
  EXPECT_EQ(FingerprintContext(line, text::SegmentClauses(line), line.size() - 2).size(), 5u);
  EXPECT_EQ(FingerprintContext(line, text::SegmentClauses(line), line.size() - 1).size(), 5u);
}

// Long texts (clauses, paragraphs and lines around the bound): the context of every sampled
// offset, and every fingerprint, are those of the line-by-line definition.
TEST(FingerprintContext, MatchesTheLineByLineDefinitionAroundTheBound) {
  const std::size_t bound = kMaxFingerprintContext;
  std::mt19937 random(24);
  for (int round = 0; round < 24; ++round) {
    std::string text;
    const int count = std::uniform_int_distribution<int>(1, 12)(random);
    for (int i = 0; i < count; ++i) {
      switch (std::uniform_int_distribution<int>(0, 4)(random)) {
        case 0:
          text += std::to_string(i + 1) + ". Clause\n";
          break;
        case 1:
          text += "\n";
          break;
        case 2:
          text += "ECCN 3A001 row\tcell\n";
          break;
        default: {
          const std::size_t size =
              std::uniform_int_distribution<std::size_t>(bound / 3, 2 * bound + 7)(random);
          text += std::string(size, 'w');
          if (std::uniform_int_distribution<int>(0, 1)(random)) text += '\n';
        }
      }
    }
    const std::vector<text::Clause> clauses = text::SegmentClauses(text);
    std::vector<Finding> findings;
    for (std::size_t offset = 0; offset <= text.size();
         offset += std::uniform_int_distribution<std::size_t>(1, 997)(random)) {
      ASSERT_EQ(FingerprintContext(text, clauses, offset), ReferenceContext(text, clauses, offset))
          << "round " << round << " offset " << offset;
      findings.push_back(
          FindingAt(text, "r", offset, std::min<std::size_t>(3, text.size() - offset)));
    }
    FingerprintFindings(text, clauses, findings);
    for (const Finding& finding : findings) {
      ASSERT_EQ(finding.fingerprint,
                ComputeFingerprint(finding.rule_id, finding.matched_text,
                                   ReferenceContext(text, clauses, finding.begin)))
          << "round " << round << " offset " << finding.begin;
    }
  }
}

TEST(FingerprintFindings, StopsAtItsDeadline) {
  const std::string text = "Work on 3A001 items. More 3A001.";
  std::vector<Finding> findings = {FindingAt(text, "r", text.find("3A001"), 5),
                                   FindingAt(text, "r", text.rfind("3A001"), 5)};
  const auto clauses = text::SegmentClauses(text);
  EXPECT_FALSE(FingerprintFindings(text, clauses, findings,
                                   std::chrono::steady_clock::now() - std::chrono::seconds(1)));
  EXPECT_TRUE(findings[0].fingerprint.empty());
  EXPECT_TRUE(FingerprintFindings(text, clauses, findings,
                                  std::chrono::steady_clock::now() + std::chrono::hours(1)));
  EXPECT_EQ(findings[0].fingerprint.size(), 64u);
  EXPECT_EQ(findings[1].fingerprint, findings[0].fingerprint);
}

TEST(Fingerprint, SurvivesAParagraphInsertedAboveAndChangesWhenTheClauseIsEdited) {
  TempDir dir;
  const auto original = FingerprintsOf(dir, dir.Write("a/agreement.txt", Agreement()));
  ASSERT_EQ(original.size(), 2u);

  // A new clause above renumbers "2.1" to "3.1": the fingerprint stays.
  const auto inserted = FingerprintsOf(
      dir, dir.Write("b/agreement.txt",
                     Agreement("2. Confidentiality\n\n2.1 Each Party keeps the other's "
                               "information confidential for five years.\n\n")));
  EXPECT_EQ(inserted, original);

  // One word of clause 2.1 changed: its finding's fingerprint changes, 2.2's does not.
  const auto edited = FingerprintsOf(
      dir, dir.Write("c/agreement.txt",
                     Agreement("",
                               "The Parties acknowledge that equipment classified under "
                               "ECCN 3A001 may be exported without a licence.")));
  EXPECT_NE(edited.at("test-eccn"), original.at("test-eccn"));
  EXPECT_EQ(edited.at("test-hypersonic"), original.at("test-hypersonic"));
}

TEST(Fingerprint, SurvivesAParagraphInsertedAboveInDocx) {
  using extract::fixtures::BuildDocxWithParts;
  using extract::fixtures::Para;
  auto docx = [](const std::string& above, const std::string& clause) {
    return BuildDocxWithParts(Para("RESEARCH COLLABORATION AGREEMENT") + Para("1. Definitions") +
                                  Para("1.1 \"Results\" means all data generated.") + above +
                                  Para("2. Export Control") + Para("2.1 " + clause) +
                                  Para("2.2 No hypersonic data shall be shared.") +
                                  Para("3. Term") + Para("3.1 This Agreement ends in 2027."),
                              {});
  };
  const std::string clause = "Equipment under ECCN 3A001 shall not be exported.";
  TempDir dir;
  const auto original = FingerprintsOf(dir, dir.Write("a/agreement.docx", docx("", clause)));
  ASSERT_EQ(original.size(), 2u);
  const auto inserted = FingerprintsOf(
      dir, dir.Write("b/agreement.docx",
                     docx(Para("1.2 The Project is fundamental research."), clause)));
  EXPECT_EQ(inserted, original);
  const auto edited = FingerprintsOf(
      dir, dir.Write("c/agreement.docx",
                     docx("", "Equipment under ECCN 3A001 may be exported after review.")));
  EXPECT_NE(edited.at("test-eccn"), original.at("test-eccn"));
}

TEST(Fingerprint, IsInEveryReport) {
  TempDir dir;
  const auto file = dir.Write("docs/agreement.txt", Agreement());
  Result<pipeline::ScanOutcome> outcome = Scan(dir, {file.string()}, "out");
  ASSERT_TRUE(outcome.ok()) << outcome.status().ToString();
  const Report report = ReadReport(outcome->jsonl_path);
  ASSERT_EQ(report.findings.size(), 2u);
  const std::string fingerprint = report.findings[0]["fingerprint"];
  EXPECT_EQ(fingerprint.size(), 64u);
  EXPECT_EQ(report.findings[0]["short_id"], fingerprint.substr(0, 16));
  EXPECT_EQ(report.findings[0]["status"], "open");

  auto read = [](const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
  };
  EXPECT_NE(read(outcome->csv_path).find(fingerprint.substr(0, 16)), std::string::npos);
  EXPECT_NE(read(outcome->html_path).find(fingerprint.substr(0, 16)), std::string::npos);
  const std::string sarif = read(outcome->sarif_path);
  EXPECT_NE(sarif.find("trustscreen/v1"), std::string::npos);
  EXPECT_NE(sarif.find(fingerprint), std::string::npos);
}

}  // namespace
}  // namespace trustscreen::review
