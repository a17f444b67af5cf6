// Internal to the report module: the top of report.html — the verdict, the documents that need
// review ranked by severity, the documents that could not be screened and a chart of the open
// findings by family and severity. The writer feeds it one document at a time; it keeps a bounded
// number of documents (the top of the ranking) and counts, so its memory does not grow with the
// run.
#ifndef TRUSTSCREEN_REPORT_HTML_VERDICT_H_
#define TRUSTSCREEN_REPORT_HTML_VERDICT_H_

#include <array>
#include <cstddef>
#include <string>
#include <vector>

#include "trustscreen/core/finding.h"
#include "trustscreen/report/report.h"

namespace trustscreen::report {

// How many documents the verdict ranks by name; the others are counted ("and 180 more").
inline constexpr std::size_t kRankedDocuments = 20;
// How many documents not fully screened the verdict names; the coverage table lists them all.
inline constexpr std::size_t kUnscreenedListed = 10;

// One document's standing in the verdict: its open findings (not waived) by family and their
// highest severity.
struct ReviewEntry {
  std::size_t input_index = 0;  // 1-based; its section is #doc-N
  std::string path;             // as shown (DisplayUtf8), not escaped
  bool fully_screened = true;
  Severity highest = Severity::kInfo;
  int at_highest = 0;                 // open findings at `highest`
  int open = 0;                       // open and reopened findings
  std::array<int, 3> by_family = {};  // open findings per family, in kFamilies order
  int cleared = 0;                    // waived findings
  std::string topics;                 // TopicsLine of the open findings
};

// A document's entry from its result.
ReviewEntry ReviewEntryOf(const DocumentResult& result, std::size_t input_index);

// True when `a` is listed before `b`: higher severity, then more findings at it, then earlier in
// the input. A strict total order (input indices differ).
bool RanksBefore(const ReviewEntry& a, const ReviewEntry& b);

// The documents with open findings, best first, keeping only the top `capacity` of them (a heap
// whose root is the last kept) and counting the rest.
class ReviewRanking {
 public:
  explicit ReviewRanking(std::size_t capacity) : capacity_(capacity) {}

  // Counts `entry`; an entry without open findings is counted as cleared when it has waived
  // findings and otherwise ignored.
  void Add(ReviewEntry entry);

  // The kept entries, best first.
  std::vector<ReviewEntry> Top() const;
  std::size_t needing_review() const { return needing_review_; }
  std::size_t open_findings() const { return open_findings_; }
  std::size_t documents_cleared() const { return documents_cleared_; }  // all findings waived

 private:
  std::size_t capacity_;
  std::vector<ReviewEntry> heap_;
  std::size_t needing_review_ = 0;
  std::size_t open_findings_ = 0;
  std::size_t documents_cleared_ = 0;
};

// Findings by family and severity: open ones for the chart, waived ones beside them.
struct FindingCounts {
  std::array<std::array<int, 5>, 3> open = {};  // [family][severity], kFamilies order, by enum
  std::array<int, 3> cleared = {};              // waived, per family
  void Add(const Finding& finding);
};

// header#top (title, verdict line with id "verdict", warnings and counts) and
// section#needs-review (ranking, chart and the documents not fully screened).
void AppendVerdict(std::string& html, const RunSummary& summary,
                   const std::vector<std::string>& warnings, const ReviewRanking& ranking,
                   const FindingCounts& counts);

// The chart: an inline SVG (role="img", <title> and <desc> spelling out every number) of one
// stacked bar per family, and table#chart-table with the same numbers and the cleared ones.
std::string FindingsChartHtml(const FindingCounts& counts);

}  // namespace trustscreen::report

#endif  // TRUSTSCREEN_REPORT_HTML_VERDICT_H_
