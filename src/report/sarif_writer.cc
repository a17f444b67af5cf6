#include <map>
#include <nlohmann/json.hpp>

#include "spool.h"
#include "trustscreen/core/text_escape.h"
#include "trustscreen/core_json/finding_json.h"
#include "trustscreen/report/output_file.h"
#include "trustscreen/report/report.h"

namespace trustscreen::report {
namespace {

using nlohmann::ordered_json;

// SARIF has three result levels; info and low findings are "note".
std::string_view SarifLevel(Severity severity) {
  if (severity >= Severity::kHigh) return "error";
  if (severity == Severity::kMedium) return "warning";
  return "note";
}

std::string Dump(const ordered_json& value) {
  return value.dump(2, ' ', false, ordered_json::error_handler_t::replace);
}

// A JSON array printed as nlohmann's dump(2) prints it `depth` spaces deep, built element by
// element in a temporary file (Spool), so that a long run's results are not held in memory.
class SpooledArray {
 public:
  explicit SpooledArray(int depth) : depth_(depth) {}

  Status Add(const ordered_json& element) {
    std::string text = count_++ == 0 ? "[\n" : ",\n";
    text.append(static_cast<std::size_t>(depth_), ' ');
    for (char c : Dump(element)) {  // strings cannot hold a raw line break: each is a new line
      text.push_back(c);
      if (c == '\n') text.append(static_cast<std::size_t>(depth_), ' ');
    }
    return spool_.Append(text);
  }

  std::size_t size() const { return count_; }

  Status CopyTo(std::ostream& out) {
    if (count_ == 0) {
      out << "[]";
      return Status::Ok();
    }
    if (Status status = spool_.CopyTo(out); !status.ok()) return status;
    out << '\n' << std::string(static_cast<std::size_t>(depth_ - 2), ' ') << ']';
    return Status::Ok();
  }

 private:
  int depth_;
  std::size_t count_ = 0;
  Spool spool_{"the SARIF report"};
};

class SarifWriter : public ReportWriter {
 public:
  explicit SarifWriter(std::ostream& out) : out_(out) {}

  Status WriteHeader(const RunHeader& header) override {
    header_ = header;
    return Status::Ok();
  }

  Status WriteDocument(const DocumentResult& result) override {
    const Document& document = result.document;
    const int artifact_index = static_cast<int>(artifacts_.size());
    ordered_json artifact = {
        {"location", {{"uri", DisplayUtf8(document.path)}}},
        {"length", document.size_bytes},
        {"properties",
         {{"status", ToString(document.status)}, {"format", ToString(document.format)}}}};
    if (!document.sha256.empty()) artifact["hashes"] = {{"sha-256", document.sha256}};
    if (Status status = artifacts_.Add(artifact); !status.ok()) return status;

    if (!IsFullyScreened(document.status)) {
      notifications_.push_back(
          {{"level", "error"},
           {"message",
            {{"text", DisplayUtf8(document.path) + ": not fully screened: " +
                          std::string(ToString(document.status)) + ": " + document.reason}}},
           {"locations",
            ordered_json::array(
                {{{"physicalLocation",
                   {{"artifactLocation",
                     {{"uri", DisplayUtf8(document.path)}, {"index", artifact_index}}}}}}})}});
    }

    for (const Finding& finding : result.findings) {
      if (rule_index_.emplace(finding.rule_id, rules_.size()).second) {
        rules_.push_back({{"id", finding.rule_id},
                          {"shortDescription", {{"text", finding.rule_title}}},
                          {"properties", {{"family", ToString(finding.family)}}}});
      }
      std::string message = finding.rule_title + ": \"" + finding.matched_text + "\"";
      if (!finding.clause_ref.empty()) message += " in clause " + finding.clause_ref;
      if (finding.page > 0) message += ", page " + std::to_string(finding.page);
      if (!finding.location.empty()) message += ", " + finding.location;
      ordered_json fingerprints = {{"trustscreenFindingId", FindingId(document.sha256, finding)}};
      if (!finding.fingerprint.empty()) fingerprints["trustscreen/v1"] = finding.fingerprint;
      ordered_json sarif_result(
          {{"ruleId", finding.rule_id},
           {"ruleIndex", rule_index_[finding.rule_id]},
           {"level", SarifLevel(finding.severity)},
           {"message", {{"text", message}}},
           {"locations", ordered_json::array(
                             {{{"physicalLocation",
                                {{"artifactLocation",
                                  {{"uri", DisplayUtf8(document.path)}, {"index", artifact_index}}},
                                 {"region",
                                  {{"charOffset", finding.begin},
                                   {"charLength", finding.end - finding.begin},
                                   {"snippet", {{"text", finding.matched_text}}}}}}}}})},
           {"partialFingerprints", std::move(fingerprints)},
           {"properties",
            {{"severity", ToString(finding.severity)},
             {"family", ToString(finding.family)},
             {"page", finding.page},
             {"clause", finding.clause_ref},
             {"clauseTitle", finding.clause_title},
             {"section", finding.section},
             {"reviewStatus", ToString(finding.review_status)}}}});
      if (!finding.location.empty()) sarif_result["properties"]["location"] = finding.location;
      if (finding.waiver) {
        const AppliedWaiver& waiver = *finding.waiver;
        ordered_json& properties = sarif_result["properties"];
        properties["waiver"] = core_json::AppliedWaiverToJson(waiver);
        // SARIF's own way to say a result was reviewed and accepted; an expired waiver is not.
        if (finding.review_status == ReviewStatus::kWaived) {
          sarif_result["suppressions"] = ordered_json::array(
              {{{"kind", "external"},
                {"status", "accepted"},
                {"justification", waiver.reason},
                {"properties",
                 {{"waiver", waiver.id}, {"reviewer", waiver.reviewer}, {"date", waiver.date}}}}});
        }
      }
      if (!finding.notes.empty()) {
        sarif_result["properties"]["reviewNotes"] = core_json::NotesToJson(finding.notes);
      }
      if (Status status = results_.Add(sarif_result); !status.ok()) return status;
    }
    return Status::Ok();
  }

  Status WriteSummary(const RunSummary& summary) override {
    ordered_json invocation = {
        {"executionSuccessful", summary.complete}, {"commandLine", header_.command_line},
        {"startTimeUtc", header_.started_at},      {"endTimeUtc", summary.finished_at},
        {"exitCode", summary.ExitCode()},          {"toolExecutionNotifications", notifications_}};
    ordered_json sarif = {
        {"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
        {"version", "2.1.0"},
        {"runs", ordered_json::array(
                     {{{"tool",
                        {{"driver",
                          {{"name", "trustscreen"},
                           {"version", header_.tool_version},
                           {"semanticVersion", header_.tool_version},
                           {"properties",
                            {{"buildId", header_.build_id}, {"rulesSha256", header_.rules_sha256}}},
                           {"rules", rules_}}}}},
                       {"invocations", ordered_json::array({invocation})},
                       {"artifacts", ordered_json::array()},
                       {"results", ordered_json::array()}}})}};
    // The two arrays that grow with the run were spooled: print the rest around them.
    const std::string text = Dump(sarif);
    const std::string marker = "\"artifacts\": [],\n      \"results\": []";
    const std::size_t at = text.rfind(marker);
    if (at == std::string::npos) return InternalError("SARIF layout changed: no artifacts marker");
    out_ << text.substr(0, at) << "\"artifacts\": ";
    if (Status status = artifacts_.CopyTo(out_); !status.ok()) return status;
    out_ << ",\n      \"results\": ";
    if (Status status = results_.CopyTo(out_); !status.ok()) return status;
    out_ << text.substr(at + marker.size()) << '\n';
    out_.flush();
    if (!out_) return IoError("cannot write SARIF report" + WriteFailureCause(out_));
    return Status::Ok();
  }

 private:
  std::ostream& out_;
  RunHeader header_;
  // runs[0].artifacts and runs[0].results: their elements are 8 spaces deep in the output.
  SpooledArray artifacts_{8};
  SpooledArray results_{8};
  ordered_json rules_ = ordered_json::array();
  ordered_json notifications_ = ordered_json::array();
  std::map<std::string, std::size_t> rule_index_;
};

}  // namespace

std::unique_ptr<ReportWriter> MakeSarifWriter(std::ostream& out) {
  return std::make_unique<SarifWriter>(out);
}

}  // namespace trustscreen::report
