// Clause excerpts: the text of each flagged clause, cut from a document's text before the
// pipeline releases it, so the reports can show (and highlight) what a reviewer must read.
//
// Internal to the screen module. Thread-safety: a pure function.
#ifndef TRUSTSCREEN_SCREEN_CLAUSE_EXCERPTS_H_
#define TRUSTSCREEN_SCREEN_CLAUSE_EXCERPTS_H_

#include <cstddef>
#include <vector>

#include "trustscreen/core/finding.h"
#include "trustscreen/text/clauses.h"

namespace trustscreen::screen {

// One excerpt per flagged clause, in the order of GroupFindingsByClause(findings). `clauses` are
// text::DocumentClauses(document) and the findings have been placed in them. An excerpt is the
// whole clause (for findings outside every clause: the text between the clauses around them)
// when it is at most `max_bytes` long, else `max_bytes` of it centred on the clause's matches,
// cut on UTF-8 character boundaries.
std::vector<ClauseExcerpt> MakeClauseExcerpts(const Document& document,
                                              const std::vector<text::Clause>& clauses,
                                              const std::vector<Finding>& findings,
                                              std::size_t max_bytes = kMaxClauseExcerptBytes);

}  // namespace trustscreen::screen

#endif  // TRUSTSCREEN_SCREEN_CLAUSE_EXCERPTS_H_
