#include "trustscreen/screen/screen.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "clause_excerpts.h"
#include "tracked_views.h"
#include "trustscreen/match/clause_severity.h"
#include "trustscreen/match/matcher.h"
#include "trustscreen/review/fingerprint.h"
#include "trustscreen/text/clauses.h"

namespace trustscreen::screen {
namespace {

using Clock = std::chrono::steady_clock;

// `timeout_seconds` from `start` as a deadline; none for a limit too large to represent.
Clock::time_point Deadline(Clock::time_point start, double timeout_seconds) {
  const std::chrono::duration<double> limit(timeout_seconds);
  const std::chrono::duration<double> room = Clock::time_point::max() - start;
  if (!(limit < room)) return Clock::time_point::max();
  return start + std::chrono::duration_cast<Clock::duration>(limit);
}

void MarkTimeout(DocumentResult& result, double timeout_seconds, std::string_view step) {
  char limit[32];
  std::snprintf(limit, sizeof limit, "%g", timeout_seconds);
  const std::size_t found = result.findings.size();
  result.document.status = DocumentStatus::kTimeout;
  result.document.reason = std::string("matching took longer than ") + limit + " s (--timeout), " +
                           std::string(step) + "; its " + std::to_string(found) +
                           " finding(s) are not reported";
  result.findings.clear();
  result.clauses.clear();
}

// A sheet name as a cell reference spells it: quoted ('Our Partners') unless it is one word of
// letters, digits, '_' and '.', with a quote inside doubled.
std::string SheetReference(std::string_view name) {
  const bool plain = !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return std::isalnum(byte) || c == '_' || c == '.' || byte >= 0x80;
  });
  if (plain) return std::string(name);
  std::string quoted = "'";
  for (char c : name) {
    quoted += c;
    if (c == '\'') quoted += '\'';
  }
  return quoted + "'";
}

// What the blocks and pages say about each finding's place:
//  - a finding whose match lies in a tracked deletion or insertion (DOCX w:del/w:ins, ODT tracked
//    changes) says so in its modifiers: a reviewer must know that a partner was struck from the
//    draft, or added to it;
//  - location: the page's label and the block's locator ("Partners!B12", "slide 3").
void DescribePlaces(const Document& document, std::vector<Finding>& findings) {
  for (Finding& finding : findings) {
    bool deleted = false;
    bool inserted = false;
    const TextBlock* located = nullptr;
    // Blocks are in text order and do not overlap: start at the first that ends after the match.
    const auto first =
        std::partition_point(document.blocks.begin(), document.blocks.end(),
                             [&](const TextBlock& block) { return block.end <= finding.begin; });
    for (auto block = first; block != document.blocks.end() && block->begin < finding.end;
         ++block) {
      deleted = deleted || block->part == TextPart::kDeleted;
      inserted = inserted || block->part == TextPart::kInserted;
      if (located == nullptr && !block->locator.empty()) located = &*block;
    }
    if (deleted) finding.modifiers.push_back("in a tracked deletion");
    if (inserted) finding.modifiers.push_back("in a tracked insertion");
    const Page* page = document.PageRecordAt(finding.begin);
    if (page != nullptr && !page->label.empty()) {
      finding.location =
          located != nullptr ? SheetReference(page->label) + "!" + located->locator : page->label;
    } else if (located != nullptr) {
      finding.location = located->locator;
    }
  }
}

// Places the findings in their clauses, fingerprints them and cuts out the flagged clauses'
// text. Returns the step during which `deadline` passed, or nullptr when all was done in time.
const char* PlaceFindings(DocumentResult& result, Clock::time_point deadline) {
  const auto late = [&] { return Clock::now() >= deadline; };
  if (late()) return "while matching";
  if (result.findings.empty()) return nullptr;
  const std::vector<text::Clause> clauses = text::DocumentClauses(result.document);
  if (late()) return "while segmenting its clauses";
  match::PlaceInClauses(clauses, result.findings);
  if (late()) return "while placing its findings in clauses";
  if (!review::FingerprintFindings(result.document.text, clauses, result.findings, deadline)) {
    return "while fingerprinting its findings";
  }
  result.clauses = MakeClauseExcerpts(result.document, clauses, result.findings);
  if (late()) return "while cutting clause excerpts";
  return nullptr;
}

}  // namespace

void ScreenDocument(const rules::CompiledRuleSet& rules, DocumentResult& result,
                    double timeout_seconds) {
  if (result.document.text.empty()) return;
  const auto start = Clock::now();
  const auto deadline = Deadline(start, timeout_seconds);
  Result<std::vector<Finding>> findings = match::MatchDocument(rules, result.document);
  Status views = Status::Ok();
  if (findings.ok()) views = AddTrackedChangeViews(rules, result.document, *findings);
  if (!views.ok()) findings = std::move(views);
  if (findings.ok()) {
    result.findings = std::move(findings).value();
    DescribePlaces(result.document, result.findings);
    if (const char* step = PlaceFindings(result, deadline)) {
      MarkTimeout(result, timeout_seconds, step);
    }
  } else {
    result.document.status = DocumentStatus::kCrashed;
    result.document.reason = "matching failed: " + findings.status().message();
  }
  result.match_seconds = std::chrono::duration<double>(Clock::now() - start).count();
}

}  // namespace trustscreen::screen
