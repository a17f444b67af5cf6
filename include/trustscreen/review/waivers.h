// Waivers: reviewers' recorded decisions on findings — cleared (no further action: a waiver),
// escalated (passed to the export-control or security team), or a note.
//
// Where it sits: `scan --waivers FILE` loads the file before any document is read and applies it
// in the pipeline's serial sink, after matching and before the reports; `trustscreen waive`
// appends to it. Waived findings stay in every report (status `waived` with the waiver's
// details) but do not count toward the exit code.
//
// The file is YAML, meant to be kept under version control by the compliance office:
//
//   waivers:
//     - fingerprint: 3f2a…            # a finding's fingerprint (all 64 hex digits, or >= 16)
//       reviewer: A. Reviewer
//       date: 2026-11-26              # when the decision was taken (YYYY-MM-DD)
//       decision: cleared             # optional: cleared (default), escalated or note
//       reason: fundamental research, no controlled items   # for a note: the note
//       expires: 2027-11-26           # optional: the last day the waiver holds
//       reference: EC-RATING-2026-041 # optional: licence number, rating enquiry…
//       rule: ec-eccn                 # optional, for humans (written by `trustscreen waive`)
//       document: agreements/a.pdf    # optional, for humans
//       matched_text: "3A001"         # optional, for humans
//     - scope:                        # or: every finding of a rule in one clause of one file
//         rule: ec-eccn
//         document_sha256: 9c1e…      # the document's SHA-256 (64 hex digits)
//         clause: "9.2"               # the clause reference ("" outside every clause)
//       id: cleared-9.2               # optional name in reports (default: derived)
//       reviewer: …
//       date: …
//       reason: …
//
// A fingerprint waiver follows the clause's text wherever it moves and lapses when the clause is
// edited (fingerprint.h); a scope waiver is tied to the exact bytes of one document.
//
// Decisions are kept in the order they were taken (AppendWaiver appends): of the cleared and
// escalated decisions in force that match a finding, the last one sets its status (waived or
// escalated), so a later decision overrides an earlier one; notes in force are all attached and
// change no status. A finding whose only cleared decisions have expired is reopened.
//
// Errors: kParseError / kInvalidArgument "FILE:LINE: what is wrong" (unknown keys, missing
// reviewer/date/reason, bad dates, neither or both of fingerprint and scope); kNotFound and
// kIoError for the file itself.
// Thread-safety: a WaiverSet is a plain value; a WaiverApplier is used by one thread at a time.
#ifndef TRUSTSCREEN_REVIEW_WAIVERS_H_
#define TRUSTSCREEN_REVIEW_WAIVERS_H_

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "trustscreen/core/finding.h"
#include "trustscreen/core/status.h"
#include "trustscreen/report/report.h"

namespace trustscreen::review {

struct Waiver {
  std::string id;           // given, or the fingerprint's first 16 hex digits, or derived scope
  std::string fingerprint;  // lower-case hex; empty for a scope waiver
  // Scope waiver: every finding of `rule_id` in clause `clause_ref` of the document whose SHA-256
  // is `document_sha256`.
  bool scoped = false;
  std::string rule_id;
  std::string document_sha256;
  std::string clause_ref;
  ReviewDecision decision = ReviewDecision::kCleared;
  std::string reviewer;
  std::string date;  // YYYY-MM-DD
  std::string reason;
  std::string reference;
  std::string expires;  // YYYY-MM-DD or empty
  // For humans reading the file; not used for matching (fingerprint waivers).
  std::string document;
  std::string matched_text;
  int line = 0;  // 1-based line of the entry in its file (0 when built in code)
};

struct WaiverSet {
  std::string path;    // as given, for messages and the run manifest
  std::string sha256;  // of the file's bytes
  std::vector<Waiver> waivers;
};

// True for a valid calendar date written YYYY-MM-DD.
bool IsIsoDate(std::string_view date);

// Parses the YAML text of a waivers file; `display_path` names it in messages. An empty file or
// one without entries gives an empty set.
Result<WaiverSet> ParseWaivers(std::string_view text, const std::string& display_path);

// Reads and parses one file; WaiverSet::sha256 is the digest of its bytes.
Result<WaiverSet> LoadWaivers(const std::filesystem::path& path);

// Appends `waiver` to the file (created, with a `waivers:` list, when missing), keeping
// everything already in it byte for byte. The waiver must be valid (reviewer, date, reason, a
// fingerprint or scope); the file's existing text must parse; both are checked before anything
// is written.
Status AppendWaiver(const std::filesystem::path& path, const Waiver& waiver);

// Applies a waiver set to the findings of a run, document by document, and remembers which
// waivers matched, for the run summary. `today` (YYYY-MM-DD) decides expiry: a waiver whose
// `expires` is before today has expired.
class WaiverApplier {
 public:
  WaiverApplier(WaiverSet waivers, std::string today);

  // Sets review_status, waiver and notes of every finding of `result`: the last cleared or
  // escalated decision in force that matches makes it waived or escalated; else the first expired
  // cleared one that matches makes it reopened. Notes in force that match are attached. Returns
  // the number of findings reopened (each deserves a warning).
  int Apply(DocumentResult& result);

  // Applied, expired and stale waivers, in file order.
  report::WaiverSummary Summary() const;

  const WaiverSet& waivers() const { return waivers_; }

 private:
  WaiverSet waivers_;
  std::string today_;
  std::vector<int> matched_;  // per waiver: findings matched
};

}  // namespace trustscreen::review

#endif  // TRUSTSCREEN_REVIEW_WAIVERS_H_
