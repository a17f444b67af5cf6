#include <nlohmann/json.hpp>
#include <set>

#include "trustscreen/digest/sha256.h"
#include "trustscreen/report/report.h"

namespace trustscreen::report {
namespace {

using nlohmann::ordered_json;

ordered_json PagesNeedingOcr(const Document& document) {
  ordered_json pages = ordered_json::array();
  for (const Page& page : document.pages) {
    if (page.needs_ocr) pages.push_back(page.number);
  }
  return pages;
}

// The distinct text parts the document's blocks came from, in TextPart order ("body", "table",
// "footnote", "deleted", ...), so a reader can see what was screened.
ordered_json PartsPresent(const Document& document) {
  std::set<TextPart> parts;
  for (const TextBlock& block : document.blocks) parts.insert(block.part);
  ordered_json names = ordered_json::array();
  for (TextPart part : parts) names.push_back(ToString(part));
  return names;
}

class JsonlWriter : public ReportWriter {
 public:
  explicit JsonlWriter(std::ostream& out) : out_(out) {}

  Status WriteHeader(const RunHeader& header) override {
    ordered_json record;
    record["record"] = "run";
    record["schema_version"] = kSchemaVersion;
    record["tool"] = "trustscreen";
    record["tool_version"] = header.tool_version;
    record["build_id"] = header.build_id;
    record["started_at"] = header.started_at;
    record["host"] = header.host;
    record["command_line"] = header.command_line;
    record["extractor_version"] = header.extractor_version;
    ordered_json rules;
    rules["sha256"] = header.rules_sha256;
    rules["count"] = header.rule_count;
    rules["files"] = ordered_json::array();
    for (const RuleFileRecord& file : header.rule_files) {
      rules["files"].push_back(
          {{"path", file.path}, {"sha256", file.sha256}, {"rules", file.rule_count}});
    }
    record["rules"] = std::move(rules);
    record["inputs"] = header.inputs;
    ordered_json options = ordered_json::object();
    for (const auto& [name, value] : header.options) options[name] = value;
    record["options"] = std::move(options);
    record["skipped"] = ordered_json::array();
    for (const SkippedInput& skipped : header.skipped) {
      record["skipped"].push_back({{"path", skipped.path}, {"reason", skipped.reason}});
    }
    return Emit(record);
  }

  Status WriteDocument(const DocumentResult& result) override {
    const Document& document = result.document;
    ordered_json record;
    record["record"] = "document";
    record["path"] = document.path;
    record["sha256"] = document.sha256;
    record["size_bytes"] = document.size_bytes;
    record["format"] = ToString(document.format);
    record["status"] = ToString(document.status);
    record["fully_screened"] = IsFullyScreened(document.status);
    record["reason"] = document.reason;
    record["pages"] = document.pages.size();
    record["pages_needing_ocr"] = PagesNeedingOcr(document);
    record["replaced_invalid_bytes"] = document.replaced_invalid_bytes;
    record["encoding"] = document.encoding;
    record["text_quality"] = {{"replacement_share", document.quality.replacement_share},
                              {"nonword_share", document.quality.nonword_share}};
    record["parts"] = PartsPresent(document);
    record["findings"] = result.findings.size();
    record["timings"] = {{"extract_seconds", result.extract_seconds},
                         {"match_seconds", result.match_seconds}};
    // Only runs with a cache say where each result came from.
    if (result.cache != CacheUse::kNone) record["cache"] = ToString(result.cache);
    record["clauses"] = ordered_json::array();
    for (const ClauseExcerpt& clause : result.clauses) {
      record["clauses"].push_back({{"ref", clause.ref},
                                   {"title", clause.title},
                                   {"pages", clause.pages},
                                   {"begin", clause.begin},
                                   {"end", clause.end},
                                   {"truncated", clause.truncated},
                                   {"text", clause.text}});
    }
    if (Status status = Emit(record); !status.ok()) return status;

    for (const Finding& finding : result.findings) {
      ordered_json line;
      line["record"] = "finding";
      line["id"] = FindingId(document.sha256, finding);
      line["document"] = document.path;
      line["document_sha256"] = document.sha256;
      line["rule_id"] = finding.rule_id;
      line["title"] = finding.rule_title;
      line["family"] = ToString(finding.family);
      line["severity"] = ToString(finding.severity);
      line["base_severity"] = ToString(finding.base_severity);
      line["modifiers"] = finding.modifiers;
      line["negated"] = finding.negated;
      line["page"] = finding.page;
      line["clause"] = {{"ref", finding.clause_ref},
                        {"title", finding.clause_title},
                        {"section", finding.section},
                        {"in_references", finding.in_references}};
      line["begin"] = finding.begin;
      line["end"] = finding.end;
      line["matched_text"] = finding.matched_text;
      line["snippet"] = finding.snippet;
      if (finding.entity) {
        const EntityHit& entity = *finding.entity;
        line["entity"] = {{"list", entity.list},
                          {"entry_id", entity.entry_id},
                          {"listed_name", entity.listed_name},
                          {"matched_alias", entity.matched_alias},
                          {"reference", entity.reference},
                          {"country", entity.country},
                          {"also_listed_in", entity.also_listed_in}};
      }
      if (Status status = Emit(line); !status.ok()) return status;
    }
    return Status::Ok();
  }

  Status WriteSummary(const RunSummary& summary) override {
    ordered_json record;
    record["record"] = "summary";
    record["complete"] = summary.complete;
    record["finished_at"] = summary.finished_at;
    record["wall_seconds"] = summary.wall_seconds;
    record["documents"] = summary.documents;
    ordered_json by_status = ordered_json::object();
    for (const auto& [status, count] : summary.documents_by_status) {
      by_status[std::string(ToString(status))] = count;
    }
    record["documents_by_status"] = std::move(by_status);
    record["not_fully_screened"] = summary.not_fully_screened.size();
    record["skipped_inputs"] = summary.skipped_inputs;
    record["findings"] = summary.findings;
    ordered_json by_family = ordered_json::object();
    for (const auto& [family, by_severity] : summary.findings_by_family) {
      ordered_json severities = ordered_json::object();
      for (const auto& [severity, count] : by_severity) {
        severities[std::string(ToString(severity))] = count;
      }
      by_family[std::string(ToString(family))] = std::move(severities);
    }
    record["findings_by_family"] = std::move(by_family);
    record["fail_on"] = ToString(summary.fail_on);
    record["findings_at_or_above_fail_on"] = summary.findings_at_or_above_fail_on;
    record["exit_code"] = summary.ExitCode();
    return Emit(record);
  }

 private:
  Status Emit(const ordered_json& record) {
    // Document text is not always valid UTF-8 (paths, damaged files): replace, never throw.
    out_ << record.dump(-1, ' ', false, ordered_json::error_handler_t::replace) << '\n';
    out_.flush();
    if (!out_) return IoError("cannot write JSONL report");
    return Status::Ok();
  }

  std::ostream& out_;
};

}  // namespace

std::unique_ptr<ReportWriter> MakeJsonlWriter(std::ostream& out) {
  return std::make_unique<JsonlWriter>(out);
}

std::string FindingId(const std::string& document_sha256, const Finding& finding) {
  std::string key = document_sha256 + '\0' + finding.rule_id + '\0' +
                    std::to_string(finding.begin) + '\0' + std::to_string(finding.end);
  return digest::Sha256Hex(key).substr(0, 16);
}

}  // namespace trustscreen::report
