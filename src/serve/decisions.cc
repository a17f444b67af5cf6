#include "decisions.h"

#include <system_error>

#include "security.h"
#include "trustscreen/core/clock.h"
#include "trustscreen/core/text_escape.h"
#include "trustscreen/review/diff.h"

namespace trustscreen::serve {
namespace {

// One line of valid UTF-8, trimmed: what a form field may put into the waivers file.
std::string OneLine(std::string_view text) {
  std::string line;
  for (char c : DisplayUtf8(text)) {
    const unsigned char byte = static_cast<unsigned char>(c);
    line += byte < 0x20 || byte == 0x7f ? ' ' : c;
  }
  const std::size_t first = line.find_first_not_of(' ');
  if (first == std::string::npos) return std::string();
  return line.substr(first, line.find_last_not_of(' ') - first + 1);
}

// review::AppendWaiver rewrites the file in place; a scan starting meanwhile could read it half
// written. The append is made to a copy beside it, which then replaces the file in one rename.
Status AppendAtomically(const std::filesystem::path& path, const review::Waiver& waiver) {
  const std::filesystem::path copy =
      path.parent_path() / ("." + path.filename().string() + ".tmp-" + RandomHex(6));
  std::error_code error;
  if (std::filesystem::exists(path, error)) {
    std::filesystem::copy_file(path, copy, error);
    if (error) return IoError(path.string() + ": cannot copy for appending: " + error.message());
  }
  Status status = review::AppendWaiver(copy, waiver);
  if (status.ok()) {
    std::filesystem::rename(copy, path, error);
    if (error) status = IoError(path.string() + ": cannot replace: " + error.message());
  }
  if (!status.ok()) {
    std::filesystem::remove(copy, error);
    // Name the file the user knows, not the copy.
    std::string message = status.message();
    for (std::size_t at; (at = message.find(copy.string())) != std::string::npos;) {
      message.replace(at, copy.string().size(), path.string());
    }
    return Status(status.code(), message);
  }
  return status;
}

}  // namespace

DecisionLog::DecisionLog(std::filesystem::path waivers_path) : path_(std::move(waivers_path)) {}

Result<review::Waiver> DecisionLog::Record(const std::filesystem::path& report_jsonl,
                                           const DecisionRequest& request) {
  const std::string reviewer = OneLine(request.reviewer);
  const std::string reason = OneLine(request.reason);
  if (reviewer.empty() || reviewer.size() > kMaxReviewerBytes) {
    return InvalidArgument("give the reviewer's name (at most " +
                           std::to_string(kMaxReviewerBytes) + " bytes)");
  }
  if (reason.empty() || reason.size() > kMaxReasonBytes) {
    return InvalidArgument("give a reason or note (at most " + std::to_string(kMaxReasonBytes) +
                           " bytes)");
  }
  Result<review::LoadedReport> report = review::ReadJsonlReport(report_jsonl);
  if (!report.ok()) return report.status();
  const review::ReportFinding* found = nullptr;
  for (const review::ReportFinding& finding : report->findings) {
    if (!request.fingerprint.empty() && finding.fingerprint == request.fingerprint) {
      found = &finding;
      break;
    }
  }
  if (found == nullptr) return InvalidArgument("this run has no finding with that fingerprint");

  review::Waiver waiver;
  waiver.fingerprint = found->fingerprint;
  waiver.rule_id = found->rule_id;
  waiver.document = found->document;
  waiver.matched_text = found->matched_text;
  waiver.reviewer = reviewer;
  waiver.date = UtcDate();
  waiver.reason = reason;
  waiver.decision = request.decision;
  std::lock_guard lock(mutex_);
  if (Status status = AppendAtomically(path_, waiver); !status.ok()) return status;
  return waiver;
}

std::map<std::string, review::Waiver> DecisionLog::ByFingerprint() const {
  std::map<std::string, review::Waiver> decisions;
  Result<review::WaiverSet> waivers = [&] {
    std::lock_guard lock(mutex_);
    return review::LoadWaivers(path_);
  }();
  if (!waivers.ok()) return decisions;
  for (const review::Waiver& waiver : waivers->waivers) {
    if (!waiver.fingerprint.empty()) decisions[waiver.fingerprint] = waiver;
  }
  return decisions;
}

}  // namespace trustscreen::serve
