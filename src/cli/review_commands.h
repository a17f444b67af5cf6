// The review commands: `trustscreen waive` (record a reviewer's decision in the waivers file) and
// `trustscreen diff` (what changed between two runs). Each writes its human-readable output to
// `out`, errors to `err`, and returns the process exit code, so the CLI stays glue.
#ifndef TRUSTSCREEN_CLI_REVIEW_COMMANDS_H_
#define TRUSTSCREEN_CLI_REVIEW_COMMANDS_H_

#include <filesystem>
#include <ostream>
#include <string>

#include "trustscreen/core/finding.h"

namespace trustscreen::cli {

struct WaiveOptions {
  // A finding's short id or fingerprint (any unique prefix of at least 8 hex digits) or its
  // report `id`.
  std::string finding_id;
  std::string reason;  // for a note: the note
  std::string reviewer;
  ReviewDecision decision = ReviewDecision::kCleared;
  std::string expires;    // YYYY-MM-DD or empty
  std::string reference;  // licence number, rating enquiry…
  std::string date;       // when decided, YYYY-MM-DD; empty: today (UTC)
  // Waive every finding of the rule in that clause of that exact document (a scope waiver)
  // instead of the fingerprint.
  bool scope = false;
  std::filesystem::path waivers_path = "waivers.yaml";
  std::filesystem::path report_path = "out/findings.jsonl";
};

// `trustscreen waive`: looks the finding up in the report (to record rule, document and matched
// text for humans) and appends a waiver. Exit 0 on success; 3 when the report cannot be read, the
// id matches no finding or several different ones, an argument is invalid or the waivers file is
// malformed or cannot be written.
int RunWaive(const WaiveOptions& options, std::ostream& out, std::ostream& err);

struct DiffOptions {
  std::filesystem::path old_report;
  std::filesystem::path new_report;
  std::string format = "text";  // "text" or "jsonl", on `out`
  std::filesystem::path html;   // also write the "New since last run" page here; empty: no
  Severity fail_on = Severity::kMedium;
};

// `trustscreen diff OLD.jsonl NEW.jsonl`. Exit codes: 0 no new finding at or above fail_on (new
// waived findings do not count); 1 new findings at or above it; 2 a document that OLD screened
// fully (or that is new) is not fully screened in NEW (wins over 1); 3 a report cannot be read or
// the HTML page cannot be written.
int RunDiff(const DiffOptions& options, std::ostream& out, std::ostream& err);

}  // namespace trustscreen::cli

#endif  // TRUSTSCREEN_CLI_REVIEW_COMMANDS_H_
