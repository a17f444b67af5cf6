// Severity decisions that need a finding's clause, made once the document's clauses are known
// (text::SegmentClauses) and after matching (match::MatchDocument):
//   * a finding in a references or bibliography section drops one band: a citation of prior work
//     is weaker evidence than the same words in the scope of work;
//   * a clause that names a listed partner (a partner finding at medium or above) and a sensitive
//     technology combines the two families: each sensitive-technology finding there ranks at least
//     high and one band above its own, and each such partner finding one band above its own, so
//     that the clause ranks above either family alone; their modifiers say so.
//
// Thread-safety: a pure function of its arguments.
#ifndef TRUSTSCREEN_MATCH_CLAUSE_SEVERITY_H_
#define TRUSTSCREEN_MATCH_CLAUSE_SEVERITY_H_

#include <string_view>
#include <vector>

#include "trustscreen/core/finding.h"
#include "trustscreen/text/clauses.h"

namespace trustscreen::match {

// The modifiers the combination adds (Finding::modifiers).
inline constexpr std::string_view kPartnerInClause = "+listed partner in the clause";
inline constexpr std::string_view kTechnologyInClause = "+sensitive technology in the clause";

// Gives each finding (in document order) its clause (clause_ref, clause_title, section,
// in_references) from `clauses`, then applies the severity decisions above.
void PlaceInClauses(const std::vector<text::Clause>& clauses, std::vector<Finding>& findings);

}  // namespace trustscreen::match

#endif  // TRUSTSCREEN_MATCH_CLAUSE_SEVERITY_H_
