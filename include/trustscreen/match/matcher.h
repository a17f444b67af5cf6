// Matching: a CompiledRuleSet applied to a Document's text -> findings.
//
// Where it sits: after extraction, once per document, with the rule set that was loaded once per
// run. The text is normalised once (trustscreen/text/normalize.h: NFKC, whitespace runs, end-of-
// line hyphenation, quotes, dashes, zero-width characters) and all matching happens on the
// normalised text; offsets are mapped back, so findings describe the original text. First passes
// decide where each pattern can match: one scan of the text's words, which the rules library
// searches for the leads that most patterns' matches must start with (those patterns then run
// anchored at each such position only) and for the entity names' indexed words (names run near
// them), and one RE2::Set pass for the remaining patterns (those that can match run over the
// whole text).
// Context conditions (requires, unless, raise, lower) and the engine-wide negation check then look
// at windows around each occurrence.
//
// What a finding is (rules/README.md has the full description):
//   * every non-overlapping occurrence of a pattern, left to right, each the longest match at its
//     leftmost position;
//   * for whole_word rules, only occurrences whose neighbouring code points do not continue a word
//     (Unicode-aware; CJK has no word boundaries);
//   * one finding per rule per overlapping cluster of its patterns' occurrences: the longest span,
//     the earliest among equals;
//   * occurrences rejected by the rule's `requires` / `unless` conditions are dropped; the rest
//     get severity = the rule's severity (base_severity) moved one band per raise / lower that
//     hits and down one band if negated, held within info..critical, with the reasons in
//     modifiers ("+LABEL", "-LABEL", "-negated");
//   * word boundaries and context are judged on the normalised text; page
//     (Document::PageAt(begin); 0 for MatchText), byte offsets [begin, end) into the ORIGINAL
//     text (the original characters that produced the normalised match, so a name broken by
//     "Insti-\ntute" is quoted with its hyphen and line break), the exact original bytes, and a
//     one-line snippet of about 80 bytes of original context on each side.
// Findings come out in document order (begin offset, then rule order, then end offset).
//
// Cost: one normalisation pass (one copy of the text plus its offset map), one scan for the leads,
// one word scan for the entity-name index, one linear scan for the set, an anchored match per lead
// found, one scan per candidate pattern of the set, and bounded window searches per occurrence;
// clause segmentation only when an occurrence's rule has a `within: clause` window; no regex is
// compiled while matching.
//
// Thread-safety: the functions are reentrant; a CompiledRuleSet may be shared across threads.
#ifndef TRUSTSCREEN_MATCH_MATCHER_H_
#define TRUSTSCREEN_MATCH_MATCHER_H_

#include <string>
#include <string_view>
#include <vector>

#include "trustscreen/core/document.h"
#include "trustscreen/core/finding.h"
#include "trustscreen/core/status.h"
#include "trustscreen/rules/rule_set.h"
#include "trustscreen/text/clauses.h"

namespace trustscreen::match {

// All findings in the document's text. Fails (kInternal) only if RE2 itself fails (the set's DFA
// out of memory), which must never be mistaken for "no match": the document was not screened.
Result<std::vector<Finding>> MatchDocument(const rules::CompiledRuleSet& rules,
                                           const Document& document);

// The same, with the document's clauses already segmented by the caller: `clauses` must be
// text::DocumentClauses(document) (the pipeline needs them for its reports anyway). Rules with
// a `within: clause` window then use them instead of segmenting the text again; without such rules
// or without an occurrence of one, the clauses are not looked at. Same findings as above.
Result<std::vector<Finding>> MatchDocument(const rules::CompiledRuleSet& rules,
                                           const Document& document,
                                           const std::vector<text::Clause>& clauses);

// Findings in a bare string (page 0): used for rule examples and tests.
Result<std::vector<Finding>> MatchText(const rules::CompiledRuleSet& rules, std::string_view text);

}  // namespace trustscreen::match

#endif  // TRUSTSCREEN_MATCH_MATCHER_H_
