#include "clause_rows.h"

#include <unordered_set>
#include <utility>

namespace trustscreen::report {
namespace {

// Collects the distinct values of one field in their first order; a clause can hold tens of
// thousands of findings (a sanctions list's rows), so membership is a hash lookup.
class Distinct {
 public:
  explicit Distinct(std::vector<std::string>& values) : values_(values) {}
  void Add(std::string value) {
    if (seen_.insert(value).second) values_.push_back(std::move(value));
  }

 private:
  std::vector<std::string>& values_;
  std::unordered_set<std::string> seen_;
};

}  // namespace

std::vector<ClauseRow> FlaggedClauses(const DocumentResult& result) {
  const std::vector<FindingRange> ranges = GroupFindingsByClause(result.findings);
  // The pipeline keeps one excerpt per group; anything else (e.g. hand-made results) has none.
  const bool has_text = result.clauses.size() == ranges.size();
  std::vector<ClauseRow> rows;
  for (std::size_t i = 0; i < ranges.size(); ++i) {
    const Finding& head = result.findings[ranges[i].first];
    ClauseRow row;
    row.findings = ranges[i];
    row.clause = head.clause_ref;
    row.title = head.clause_title;
    row.section = head.section;
    row.highest = head.severity;
    row.excerpt = head.snippet;
    if (has_text && result.clauses[i].ref == head.clause_ref) row.text = &result.clauses[i];
    Distinct pages(row.pages), locations(row.locations), families(row.families), rules(row.rules),
        terms(row.terms), fingerprints(row.fingerprints), statuses(row.statuses);
    for (std::size_t j = ranges[i].first; j < ranges[i].last; ++j) {
      const Finding& finding = result.findings[j];
      pages.Add(std::to_string(finding.page));
      if (!finding.location.empty()) locations.Add(finding.location);
      families.Add(std::string(ToString(finding.family)));
      rules.Add(finding.rule_id);
      terms.Add(finding.matched_text);
      fingerprints.Add(ShortFingerprint(finding.fingerprint));
      statuses.Add(std::string(ToString(finding.review_status)));
      if (finding.severity > row.highest) {
        row.highest = finding.severity;
        row.excerpt = finding.snippet;
      }
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

std::string Join(const std::vector<std::string>& values, std::string_view separator) {
  std::string joined;
  for (const std::string& value : values) {
    if (!joined.empty()) joined += separator;
    joined += value;
  }
  return joined;
}

std::string ExitCodeMeaning(const RunSummary& summary) {
  switch (summary.ExitCode()) {
    case 0:
      return "every document screened, no finding at or above " +
             std::string(ToString(summary.fail_on));
    case 1:
      return std::to_string(summary.findings_at_or_above_fail_on) + " finding(s) at or above " +
             std::string(ToString(summary.fail_on));
    default:
      return summary.complete ? "some documents were not fully screened"
                              : "the run did not complete";
  }
}

}  // namespace trustscreen::report
