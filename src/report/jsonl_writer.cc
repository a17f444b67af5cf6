#include <cmath>
#include <nlohmann/json.hpp>
#include <set>

#include "trustscreen/core/text_escape.h"
#include "trustscreen/core_json/finding_json.h"
#include "trustscreen/digest/sha256.h"
#include "trustscreen/report/output_file.h"
#include "trustscreen/report/report.h"

namespace trustscreen::report {
namespace {

using nlohmann::ordered_json;

// A file name under `key`, valid UTF-8 for JSON (bytes that are not UTF-8 as "\xNN"), and when
// that is not the name itself, its bytes in base64 under `key`_bytes: two names never collide.
void SetPath(ordered_json& record, const std::string& key, const std::string& path) {
  if (IsValidUtf8(path)) {
    record[key] = path;
    return;
  }
  record[key] = DisplayUtf8(path);
  record[key + "_bytes"] = Base64Encode(path);
}

// Document and summary records: what kinds of risk were found (report::TopicsOf).
ordered_json TopicsJson(const std::vector<DocumentTopic>& topics, bool with_documents) {
  ordered_json list = ordered_json::array();
  for (const DocumentTopic& topic : topics) {
    ordered_json entry = {{"family", ToString(topic.family)},
                          {"topic", topic.topic},
                          {"severity", ToString(topic.severity)},
                          {"findings", topic.findings}};
    if (with_documents) entry["documents"] = topic.documents;
    list.push_back(std::move(entry));
  }
  return list;
}

ordered_json PagesNeedingOcr(const Document& document) {
  ordered_json pages = ordered_json::array();
  for (const Page& page : document.pages) {
    if (page.needs_ocr) pages.push_back(page.number);
  }
  return pages;
}

// Pages read by OCR, with Tesseract's mean word confidence on each and over them all; null when no
// page was (the record then has no "ocr" key).
ordered_json OcrSummary(const Document& document) {
  ordered_json pages = ordered_json::array(), confidences = ordered_json::array();
  double sum = 0;
  for (const Page& page : document.pages) {
    if (page.source != TextSource::kOcr) continue;
    pages.push_back(page.number);
    // One decimal: Tesseract's confidences are not more precise, and reports stay stable.
    confidences.push_back(std::round(page.ocr_confidence * 10) / 10);
    sum += page.ocr_confidence;
  }
  if (pages.empty()) return nullptr;
  ordered_json ocr;
  ocr["pages"] = std::move(pages);
  ocr["page_confidence"] = std::move(confidences);
  ocr["mean_confidence"] = std::round(sum / ocr["pages"].size() * 10) / 10;
  return ocr;
}

// On a finding whose page was read by OCR: the page's confidence, and whether it reached the
// run's threshold (a page below it is also in the document's pages_needing_ocr). Null otherwise.
ordered_json FindingOcr(const Document& document, int page_number) {
  for (const Page& page : document.pages) {
    if (page.number != page_number) continue;
    if (page.source != TextSource::kOcr) return nullptr;
    return {{"confidence", std::round(page.ocr_confidence * 10) / 10},
            {"reliable", !page.needs_ocr}};
  }
  return nullptr;
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

ordered_json WaiverUsesJson(const std::vector<WaiverUse>& uses) {
  ordered_json list = ordered_json::array();
  for (const WaiverUse& use : uses) {
    list.push_back({{"id", use.id},
                    {"location", use.location},
                    {"findings", use.findings},
                    {"expires", use.expires}});
  }
  return list;
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
      ordered_json entry = {
          {"path", file.path}, {"sha256", file.sha256}, {"rules", file.rule_count}};
      // Entity-list CSVs (named by entity-list rules) also say how many entries they hold.
      if (file.entries >= 0) {
        entry["kind"] = "entity-list";
        entry["entries"] = file.entries;
        if (!file.list_title.empty()) entry["title"] = file.list_title;
        if (!file.list_published.empty()) entry["published"] = file.list_published;
      } else {
        entry["kind"] = "rules";
      }
      rules["files"].push_back(std::move(entry));
    }
    record["rules"] = std::move(rules);
    record["inputs"] = header.inputs;
    ordered_json options = ordered_json::object();
    for (const auto& [name, value] : header.options.ToPairs()) options[name] = value;
    record["options"] = std::move(options);
    record["skipped"] = ordered_json::array();
    for (const SkippedInput& skipped : header.skipped) {
      ordered_json entry;
      SetPath(entry, "path", skipped.path);
      entry["reason"] = skipped.reason;
      record["skipped"].push_back(std::move(entry));
    }
    if (!header.warnings.empty()) record["warnings"] = header.warnings;
    if (header.waivers) {
      record["waivers"] = {{"path", header.waivers->path},
                           {"sha256", header.waivers->sha256},
                           {"entries", header.waivers->entries}};
    }
    return Emit(record);
  }

  Status WriteDocument(const DocumentResult& result) override {
    const Document& document = result.document;
    ordered_json record;
    record["record"] = "document";
    SetPath(record, "path", document.path);
    if (result.input_index) record["input_index"] = *result.input_index;
    record["sha256"] = document.sha256;
    record["size_bytes"] = document.size_bytes;
    record["format"] = ToString(document.format);
    record["status"] = ToString(document.status);
    record["fully_screened"] = IsFullyScreened(document.status);
    record["reason"] = document.reason;
    record["pages"] = document.pages.size();
    record["pages_needing_ocr"] = PagesNeedingOcr(document);
    if (ordered_json ocr = OcrSummary(document); !ocr.is_null()) record["ocr"] = std::move(ocr);
    record["replaced_invalid_bytes"] = document.replaced_invalid_bytes;
    record["encoding"] = document.encoding;
    record["text_quality"] = {{"replacement_share", document.quality.replacement_share},
                              {"nonword_share", document.quality.nonword_share}};
    record["parts"] = PartsPresent(document);
    record["findings"] = result.findings.size();
    record["topics"] = TopicsJson(TopicsOf(result.findings), /*with_documents=*/false);
    record["timings"] = {{"extract_seconds", result.extract_seconds},
                         {"match_seconds", result.match_seconds}};
    // Only runs with a cache say where each result came from.
    if (result.cache != CacheUse::kNone) record["cache"] = ToString(result.cache);
    record["clauses"] = ordered_json::array();
    for (const ClauseExcerpt& clause : result.clauses) {
      record["clauses"].push_back(core_json::ClauseExcerptToJson(clause));
    }
    if (Status status = Emit(record); !status.ok()) return status;

    for (const Finding& finding : result.findings) {
      ordered_json line;
      line["record"] = "finding";
      line["id"] = FindingId(document.sha256, finding);
      SetPath(line, "document", document.path);
      line["document_sha256"] = document.sha256;
      core_json::AppendFindingRule(finding, line);
      if (ordered_json ocr = FindingOcr(document, finding.page); !ocr.is_null()) {
        line["ocr"] = std::move(ocr);
      }
      core_json::AppendFindingMatch(finding, line);
      line["short_id"] = ShortFingerprint(finding.fingerprint);
      line["status"] = ToString(finding.review_status);
      if (finding.waiver) line["waiver"] = core_json::AppliedWaiverToJson(*finding.waiver);
      if (!finding.notes.empty()) line["notes"] = core_json::NotesToJson(finding.notes);
      core_json::AppendFindingEntity(finding, line);
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
    record["topics"] = TopicsJson(summary.topics, /*with_documents=*/true);
    record["fail_on"] = ToString(summary.fail_on);
    record["findings_at_or_above_fail_on"] = summary.findings_at_or_above_fail_on;
    record["findings_waived"] = summary.findings_waived;
    record["findings_reopened"] = summary.findings_reopened;
    record["findings_escalated"] = summary.findings_escalated;
    if (summary.waivers) {
      record["waivers"] = {{"applied", WaiverUsesJson(summary.waivers->applied)},
                           {"expired", WaiverUsesJson(summary.waivers->expired)},
                           {"stale", WaiverUsesJson(summary.waivers->stale)}};
    }
    record["exit_code"] = summary.ExitCode();
    return Emit(record);
  }

 private:
  Status Emit(const ordered_json& record) {
    // Document text is not always valid UTF-8 (paths, damaged files): replace, never throw.
    out_ << record.dump(-1, ' ', false, ordered_json::error_handler_t::replace) << '\n';
    out_.flush();
    if (!out_) return IoError("cannot write JSONL report" + WriteFailureCause(out_));
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
