// Review decisions: what a reviewer decides about a finding in the app — cleared with a reason,
// escalated, or a note (ReviewDecision) — written to the waivers file that `trustscreen scan
// --waivers` reads (review/waivers.h), so the app and the nightly batch agree. Each decision is a
// fingerprint entry carrying the finding's rule, document and matched text for the humans who read
// the file.
//
// Where it sits: the app's review handler records decisions; run pages show the decisions already
// in the file for findings a re-screen has not applied yet.
// Thread-safety: a DecisionLog may be shared; appends are serialised, and each replaces the file in
// one rename, so a scan reading it meanwhile sees it before or after, never half written.
#ifndef TRUSTSCREEN_SERVE_DECISIONS_H_
#define TRUSTSCREEN_SERVE_DECISIONS_H_

#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "trustscreen/core/finding.h"
#include "trustscreen/core/status.h"
#include "trustscreen/review/waivers.h"

namespace trustscreen::serve {

struct DecisionRequest {
  std::string fingerprint;  // the finding's full fingerprint (hex)
  ReviewDecision decision = ReviewDecision::kCleared;
  std::string reviewer;
  std::string reason;  // the reason (cleared), or the note; required
};

// Longest reviewer name and reason accepted, in bytes.
inline constexpr std::size_t kMaxReviewerBytes = 200;
inline constexpr std::size_t kMaxReasonBytes = 4000;

class DecisionLog {
 public:
  explicit DecisionLog(std::filesystem::path waivers_path);

  // Records `request` for the finding with that fingerprint in the finished run whose report is
  // `report_jsonl`. kInvalidArgument: empty or overlong reviewer or reason, a fingerprint that no
  // finding of the report has; kParseError/kIoError from
  // the report or the waivers file. Line breaks and control characters in the reviewer and reason
  // become spaces (a waiver is one YAML entry).
  Result<review::Waiver> Record(const std::filesystem::path& report_jsonl,
                                const DecisionRequest& request);

  // The decisions in the waivers file by fingerprint, the last entry for a fingerprint winning
  // (the order decisions take effect in); empty when the file does not exist or does not parse.
  std::map<std::string, review::Waiver> ByFingerprint() const;

  const std::filesystem::path& path() const { return path_; }

 private:
  const std::filesystem::path path_;
  mutable std::mutex mutex_;
};

}  // namespace trustscreen::serve

#endif  // TRUSTSCREEN_SERVE_DECISIONS_H_
