#include "trustscreen/match/clause_severity.h"

#include <algorithm>
#include <map>
#include <string>

namespace trustscreen::match {
namespace {

void MoveBand(Finding& finding, int bands, std::string_view modifier) {
  const int band =
      std::clamp(static_cast<int>(finding.severity) + bands, static_cast<int>(Severity::kInfo),
                 static_cast<int>(Severity::kCritical));
  finding.severity = static_cast<Severity>(band);
  finding.modifiers.emplace_back(modifier);
}

bool IsListedPartner(const Finding& finding) {
  return finding.family == RuleFamily::kPartner && finding.severity >= Severity::kMedium;
}

// The findings of one clause (indices into the document's findings): a listed partner with a
// sensitive technology raises both.
void CombineFamilies(const std::vector<std::size_t>& members, std::vector<Finding>& findings) {
  const auto has = [&](auto predicate) {
    return std::any_of(members.begin(), members.end(),
                       [&](std::size_t i) { return predicate(findings[i]); });
  };
  const bool partner = has(IsListedPartner);
  const bool technology =
      has([](const Finding& finding) { return finding.family == RuleFamily::kSensitiveTech; });
  if (!partner || !technology) return;
  for (const std::size_t i : members) {
    Finding& finding = findings[i];
    if (finding.family == RuleFamily::kSensitiveTech) {
      const int to_high = static_cast<int>(Severity::kHigh) - static_cast<int>(finding.severity);
      MoveBand(finding, std::max(1, to_high), kPartnerInClause);
    } else if (IsListedPartner(finding)) {
      MoveBand(finding, 1, kTechnologyInClause);
    }
  }
}

}  // namespace

void PlaceInClauses(const std::vector<text::Clause>& clauses, std::vector<Finding>& findings) {
  std::map<const text::Clause*, std::vector<std::size_t>> by_clause;
  for (std::size_t i = 0; i < findings.size(); ++i) {
    Finding& finding = findings[i];
    const text::Clause* clause = text::ClauseAt(clauses, finding.begin);
    if (clause == nullptr) continue;
    finding.clause_ref = clause->ref;
    finding.clause_title = clause->title;
    finding.section = clause->section;
    finding.in_references = clause->references;
    if (clause->references && finding.severity > Severity::kInfo) {
      MoveBand(finding, -1, "-references section");
    }
    by_clause[clause].push_back(i);
  }
  for (const auto& [clause, members] : by_clause) CombineFamilies(members, findings);
}

}  // namespace trustscreen::match
