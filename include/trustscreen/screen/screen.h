// Screening one extracted document end to end: matching (match::MatchDocument), clause placement
// and every severity decision that needs the clause (match::PlaceInClauses), fingerprints
// (review::FingerprintFindings) and the text of each flagged clause (the reports show it after
// the document's text is released). The pipeline schedules documents and calls this; tests and a
// review app call it directly, without the pipeline.
//
// Thread-safety: ScreenDocument may run on many threads at once with one rule set.
#ifndef TRUSTSCREEN_SCREEN_SCREEN_H_
#define TRUSTSCREEN_SCREEN_SCREEN_H_

#include <limits>

#include "trustscreen/core/finding.h"
#include "trustscreen/rules/rule_set.h"

namespace trustscreen::screen {

// Screens `result.document` (its text extracted; the text is left in place for the caller to
// release) with `rules`, filling result.findings, result.clauses and result.match_seconds. Every
// step is linear in the text; `timeout_seconds` (scan --timeout) bounds them all: a document over
// it becomes DocumentStatus::kTimeout with no findings (a partial set without fingerprints would
// mislead waivers and diffs), never clean. A matching error makes it kCrashed with the reason.
// A document without text is left as it is.
void ScreenDocument(const rules::CompiledRuleSet& rules, DocumentResult& result,
                    double timeout_seconds = std::numeric_limits<double>::infinity());

}  // namespace trustscreen::screen

#endif  // TRUSTSCREEN_SCREEN_SCREEN_H_
