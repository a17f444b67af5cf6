// Fingerprints: an identity for a finding that survives edits elsewhere in the document.
//
// Where it sits: the pipeline fingerprints each document's findings right after placing them in
// clauses (the only moment the whole text and its clauses are at hand); waivers (waivers.h) and
// run-to-run diffs (diff.h) key on the result.
//
// A fingerprint is the SHA-256 (hex) of
//   "trustscreen-fingerprint-v1" NUL rule id NUL normalised matched text NUL normalised clause text
// where
//   * the clause text is the text of the numbered clause that holds the match
//     (text::SegmentClauses: from its marker line to the next clause marker); inside a heading or
//     "Preamble" (depth 0, which can span a whole unnumbered document) or outside every clause,
//     the paragraph that holds the match (its lines up to the nearest blank lines);
//   * a context never exceeds kMaxFingerprintContext bytes: a numbered clause longer than that
//     (a schedule or list of entities under the last clause number) gives way to the paragraph,
//     a paragraph longer than that (rows of a spreadsheet, a text without blank lines) to the
//     line holding the match, and a line longer than that to its kMaxFingerprintContext-byte
//     piece holding the match (pieces counted from the line's start). A waiver on a clause of
//     many pages would lapse at any edit anywhere in it; and every distinct matched text in a
//     context hashes the whole context (a sanctions list's spreadsheet, 86,530 findings in one
//     10 MB "clause": 32 s of its matching);
//   * normalising means: lines that are only a page number ("12", "Page 3", "Page 3 of 9") are
//     dropped (a page break that moves does not change a clause), then Unicode NFKC with full case
//     folding, every whitespace run one space (text/normalize.h), and the leading clause marker
//     ("9.2", "(b)", "Article IV", "Clause 12.3") removed, so renumbering keeps the fingerprint.
// Not part of it, on purpose: byte offsets, pages, lines, the clause reference and the document's
// SHA-256. Inserting or deleting text outside the clause leaves the fingerprint unchanged; any
// edit inside the clause (or to the matched words) changes it, which is what makes a waiver lapse.
// Two matches of the same rule on the same words in the same clause share a fingerprint: one
// decision covers both.
//
// Thread-safety: pure functions.
#ifndef TRUSTSCREEN_REVIEW_FINGERPRINT_H_
#define TRUSTSCREEN_REVIEW_FINGERPRINT_H_

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "trustscreen/core/finding.h"
#include "trustscreen/text/clauses.h"

namespace trustscreen::review {

// The longest context a fingerprint covers, in bytes of the raw text (see above).
inline constexpr std::size_t kMaxFingerprintContext = 64 * 1024;

// The normalisation described above; the leading clause marker is removed only with
// `strip_marker` (clause text, not matched text).
std::string NormalizeForFingerprint(std::string_view text, bool strip_marker = true);

// The fingerprint of a finding of `rule_id` on `matched_text` inside `clause_text` (both raw;
// they are normalised here).
std::string ComputeFingerprint(std::string_view rule_id, std::string_view matched_text,
                               std::string_view clause_text);

// The raw text the fingerprint of a match starting at `begin` of `text` uses: the numbered clause
// holding it (clauses from text::SegmentClauses(text)), or the paragraph, line or piece of a line
// holding it (at most kMaxFingerprintContext bytes). Time linear
// in the clause (or, outside every clause, the text) that holds `begin`; for all the findings of a
// document use FingerprintFindings.
std::string_view FingerprintContext(std::string_view text, const std::vector<text::Clause>& clauses,
                                    std::size_t begin);

// Sets Finding::fingerprint of every finding of a document whose full `text` (Document::text)
// and clauses are given: exactly ComputeFingerprint(rule, matched text, FingerprintContext(...))
// of each. Each clause or paragraph is found and normalised once, and hashed once per distinct
// (rule, normalised matched text) in it, however many findings it holds: time linear in the text
// and the findings, except that a context holding k different matched texts is hashed k times
// (each digest covers the whole context, at most kMaxFingerprintContext bytes; that is the
// fingerprint's definition). Returns false,
// leaving the fingerprints of the findings not reached empty, if `deadline` passes first
// (checked before each finding).
bool FingerprintFindings(
    std::string_view text, const std::vector<text::Clause>& clauses, std::vector<Finding>& findings,
    std::chrono::steady_clock::time_point deadline = std::chrono::steady_clock::time_point::max());

}  // namespace trustscreen::review

#endif  // TRUSTSCREEN_REVIEW_FINGERPRINT_H_
