// The inverse of jsonl_writer.cc. Keep the two in step: every field the writer emits and a
// ReportWriter needs is read back here, and tests/report/jsonl_reader_test.cc checks that
// write -> read -> write gives the same bytes.
#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>

#include "trustscreen/core/text_escape.h"
#include "trustscreen/core_json/fields.h"
#include "trustscreen/core_json/finding_json.h"
#include "trustscreen/report/report.h"

namespace trustscreen::report {
namespace {

using nlohmann::ordered_json;

// A malformed record. Thrown only inside this file (and by the field reads of core_json) and
// turned into a Status per line.
using RecordError = core_json::FieldError;
using core_json::Array;
using core_json::Bool;
using core_json::Count;
using core_json::Field;
using core_json::Int;
using core_json::Number;
using core_json::Object;
using core_json::String;
using core_json::Strings;
using core_json::WrongType;

// A file name the writer's SetPath wrote: from `key`_bytes when present (the name is not UTF-8).
std::string Path(const ordered_json& object, const char* key) {
  const std::string bytes_key = std::string(key) + "_bytes";
  if (!object.contains(bytes_key)) return String(object, key);
  std::optional<std::string> bytes = Base64Decode(String(object, bytes_key.c_str()));
  if (!bytes) throw RecordError{"field '" + bytes_key + "' is not base64"};
  return *std::move(bytes);
}

// A count inside an array or map (`key` names it in the message).
std::uint64_t CountValue(const ordered_json& value, const char* key) {
  if (!value.is_number_unsigned()) WrongType(key, "a count (integer >= 0)");
  return value.get<std::uint64_t>();
}

// The enum value of `first`..`last` whose ToString is the field's value.
template <typename Enum>
Enum EnumField(const ordered_json& object, const char* key, Enum first, Enum last) {
  const std::string name = String(object, key);
  for (int i = static_cast<int>(first); i <= static_cast<int>(last); ++i) {
    if (ToString(static_cast<Enum>(i)) == name) return static_cast<Enum>(i);
  }
  throw RecordError{std::string("field '") + key + "': unknown value '" + name + "'"};
}

Severity SeverityField(const ordered_json& object, const char* key) {
  return EnumField(object, key, Severity::kInfo, Severity::kCritical);
}

template <typename Enum>
Enum EnumKey(const std::string& name, const char* what, Enum first, Enum last) {
  for (int i = static_cast<int>(first); i <= static_cast<int>(last); ++i) {
    if (ToString(static_cast<Enum>(i)) == name) return static_cast<Enum>(i);
  }
  throw RecordError{std::string("unknown ") + what + " '" + name + "'"};
}

RunHeader ReadHeader(const ordered_json& record) {
  if (Int(record, "schema_version") != kSchemaVersion) {
    throw RecordError{"schema_version " + Field(record, "schema_version").dump() +
                      " is not the one this trustscreen reads (" + std::to_string(kSchemaVersion) +
                      ")"};
  }
  RunHeader header;
  header.tool_version = String(record, "tool_version");
  header.build_id = String(record, "build_id");
  header.started_at = String(record, "started_at");
  header.host = String(record, "host");
  header.command_line = String(record, "command_line");
  header.extractor_version = String(record, "extractor_version");
  const ordered_json& rules = Object(record, "rules");
  header.rules_sha256 = String(rules, "sha256");
  header.rule_count = Int(rules, "count");
  for (const ordered_json& file : Array(rules, "files")) {
    // Entity-list CSVs carry their number of entries; rule files none (-1).
    header.rule_files.push_back({String(file, "path"), String(file, "sha256"), Int(file, "rules"),
                                 file.contains("entries") ? Int(file, "entries") : -1,
                                 file.contains("title") ? String(file, "title") : "",
                                 file.contains("published") ? String(file, "published") : ""});
  }
  header.inputs = Strings(record, "inputs");
  std::vector<std::pair<std::string, std::string>> options;
  for (const auto& [name, value] : Object(record, "options").items()) {
    if (!value.is_string()) throw RecordError{"option '" + name + "' is not a string"};
    options.emplace_back(name, value.get<std::string>());
  }
  Result<RunOptions> typed = RunOptions::FromPairs(options);
  if (!typed.ok()) throw RecordError{typed.status().message()};
  header.options = std::move(typed).value();
  if (record.contains("warnings")) header.warnings = Strings(record, "warnings");
  for (const ordered_json& skipped : Array(record, "skipped")) {
    header.skipped.push_back({Path(skipped, "path"), String(skipped, "reason")});
  }
  if (record.contains("waivers")) {
    const ordered_json& waivers = Object(record, "waivers");
    header.waivers = WaiversFileRecord{String(waivers, "path"), String(waivers, "sha256"),
                                       Int(waivers, "entries")};
  }
  return header;
}

// The "ocr" object: the pages read by OCR with their confidence (one decimal) and the mean over
// them (one decimal, of the unrounded confidences). Each page gets a confidence that rounds to
// its own and, together, to the mean, so the writer gives both back unchanged.
void ReadOcrPages(const ordered_json& ocr, std::vector<Page>& pages) {
  const ordered_json& numbers = Array(ocr, "pages");
  const ordered_json& confidences = Array(ocr, "page_confidence");
  if (numbers.size() != confidences.size() || numbers.empty()) {
    throw RecordError{"ocr: pages and page_confidence differ in length or are empty"};
  }
  const double mean = Number(ocr, "mean_confidence");
  double sum = 0;
  for (const ordered_json& confidence : confidences) {
    if (!confidence.is_number()) WrongType("page_confidence", "an array of numbers");
    sum += confidence.get<double>();
  }
  const double rounded_mean = sum / static_cast<double>(confidences.size());
  const double shift = std::clamp(mean - rounded_mean, -0.049, 0.049);
  for (std::size_t i = 0; i < numbers.size(); ++i) {
    const std::uint64_t number = CountValue(numbers[i], "ocr.pages");
    auto page = std::find_if(pages.begin(), pages.end(), [&](const Page& candidate) {
      return static_cast<std::uint64_t>(candidate.number) == number;
    });
    if (page == pages.end()) throw RecordError{"ocr: page " + std::to_string(number) + " not read"};
    page->source = TextSource::kOcr;
    page->ocr_confidence = confidences[i].get<double>() + shift;
  }
}

// Pages as the writer summarises them: a count and the numbers of the pages needing OCR.
std::vector<Page> ReadPages(const ordered_json& record) {
  const std::uint64_t count = Count(record, "pages");
  std::vector<int> needing_ocr;
  for (const ordered_json& number : Array(record, "pages_needing_ocr")) {
    needing_ocr.push_back(static_cast<int>(CountValue(number, "pages_needing_ocr")));
  }
  if (needing_ocr.size() > count) {
    throw RecordError{"more pages_needing_ocr than pages"};
  }
  std::vector<Page> pages(count);
  for (std::size_t i = 0; i < pages.size(); ++i) pages[i].number = static_cast<int>(i) + 1;
  bool numbered = true;  // every listed page within 1..count, ascending
  for (std::size_t i = 0; i < needing_ocr.size(); ++i) {
    numbered = numbered && needing_ocr[i] >= 1 &&
               static_cast<std::uint64_t>(needing_ocr[i]) <= count &&
               (i == 0 || needing_ocr[i] > needing_ocr[i - 1]);
  }
  if (numbered) {
    for (int number : needing_ocr) pages[number - 1].needs_ocr = true;
  } else {
    // Page numbers the writer took from the file as they were: keep them, in the same order.
    for (std::size_t i = 0; i < needing_ocr.size(); ++i) {
      pages[i].number = needing_ocr[i];
      pages[i].needs_ocr = true;
    }
  }
  if (record.contains("ocr")) ReadOcrPages(Object(record, "ocr"), pages);
  return pages;
}

DocumentResult ReadDocument(const ordered_json& record) {
  DocumentResult result;
  Document& document = result.document;
  document.path = Path(record, "path");
  if (record.contains("input_index")) {
    result.input_index = CountValue(record["input_index"], "input_index");
  }
  document.sha256 = String(record, "sha256");
  document.size_bytes = Count(record, "size_bytes");
  document.format = EnumField(record, "format", DocumentFormat::kUnknown, kLastDocumentFormat);
  document.status = EnumField(record, "status", DocumentStatus::kOk, DocumentStatus::kNotScreened);
  if (Bool(record, "fully_screened") != IsFullyScreened(document.status)) {
    throw RecordError{"fully_screened contradicts status '" +
                      std::string(ToString(document.status)) + "'"};
  }
  document.reason = String(record, "reason");
  document.pages = ReadPages(record);
  document.replaced_invalid_bytes = Count(record, "replaced_invalid_bytes");
  document.encoding = String(record, "encoding");
  const ordered_json& quality = Object(record, "text_quality");
  document.quality.replacement_share = Number(quality, "replacement_share");
  document.quality.nonword_share = Number(quality, "nonword_share");
  for (const std::string& part : Strings(record, "parts")) {
    TextBlock block;
    block.part = EnumKey(part, "text part", TextPart::kBody, kLastTextPart);
    document.blocks.push_back(block);
  }
  const ordered_json& timings = Object(record, "timings");
  result.extract_seconds = Number(timings, "extract_seconds");
  result.match_seconds = Number(timings, "match_seconds");
  if (record.contains("cache")) {
    result.cache = EnumField(record, "cache", CacheUse::kNone, CacheUse::kResults);
  }
  for (const ordered_json& item : Array(record, "clauses")) {
    ClauseExcerpt clause;
    clause.ref = String(item, "ref");
    clause.title = String(item, "title");
    for (const ordered_json& page : Array(item, "pages")) {
      if (!page.is_number_integer()) WrongType("pages", "an array of integers");
      clause.pages.push_back(page.get<int>());
    }
    clause.begin = Count(item, "begin");
    clause.end = Count(item, "end");
    clause.truncated = Bool(item, "truncated");
    clause.text = String(item, "text");
    result.clauses.push_back(std::move(clause));
  }
  return result;
}

Finding ReadFinding(const ordered_json& record, const Document& document) {
  if (Path(record, "document") != document.path ||
      String(record, "document_sha256") != document.sha256) {
    throw RecordError{"finding of '" + Path(record, "document") +
                      "' follows the document record of '" + document.path + "'"};
  }
  Finding finding;
  auto check = [](const Status& status) {
    if (!status.ok()) throw RecordError{status.message()};
  };
  check(core_json::ReadFindingRule(record, finding));
  check(core_json::ReadFindingMatch(record, finding));
  finding.review_status =
      EnumField(record, "status", ReviewStatus::kOpen, ReviewStatus::kEscalated);
  auto decision = [&](const ordered_json& item, const char* what) {
    Result<AppliedWaiver> waiver = core_json::AppliedWaiverFromJson(item);
    if (!waiver.ok()) throw RecordError{std::string(what) + ": " + waiver.status().message()};
    return std::move(waiver).value();
  };
  if (record.contains("waiver")) finding.waiver = decision(Object(record, "waiver"), "waiver");
  if (record.contains("notes")) {
    for (const ordered_json& note : Array(record, "notes")) {
      finding.notes.push_back(decision(note, "notes"));
    }
  }
  check(core_json::ReadFindingEntity(record, finding));
  if (String(record, "id") != FindingId(document.sha256, finding)) {
    throw RecordError{"finding id '" + String(record, "id") +
                      "' does not match its document, rule and offsets"};
  }
  return finding;
}

std::vector<WaiverUse> ReadWaiverUses(const ordered_json& waivers, const char* key) {
  std::vector<WaiverUse> uses;
  for (const ordered_json& use : Array(waivers, key)) {
    uses.push_back(
        {String(use, "id"), String(use, "location"), Int(use, "findings"), String(use, "expires")});
  }
  return uses;
}

RunSummary ReadSummary(const ordered_json& record, const std::vector<DocumentResult>& documents) {
  RunSummary summary;
  summary.complete = Bool(record, "complete");
  summary.finished_at = String(record, "finished_at");
  summary.wall_seconds = Number(record, "wall_seconds");
  summary.documents = Int(record, "documents");
  for (const auto& [name, count] : Object(record, "documents_by_status").items()) {
    summary.documents_by_status[EnumKey(name, "status", DocumentStatus::kOk,
                                        DocumentStatus::kNotScreened)] =
        static_cast<int>(CountValue(count, "documents_by_status"));
  }
  for (const DocumentResult& result : documents) {
    const Document& document = result.document;
    if (!IsFullyScreened(document.status)) {
      summary.not_fully_screened.push_back({document.path, document.status, document.reason});
    }
  }
  if (Count(record, "not_fully_screened") != summary.not_fully_screened.size()) {
    throw RecordError{"not_fully_screened " + Field(record, "not_fully_screened").dump() +
                      " but the report holds " + std::to_string(summary.not_fully_screened.size()) +
                      " document(s) not fully screened"};
  }
  summary.skipped_inputs = Int(record, "skipped_inputs");
  summary.findings = Int(record, "findings");
  for (const auto& [family_name, by_severity] : Object(record, "findings_by_family").items()) {
    const RuleFamily family =
        EnumKey(family_name, "family", RuleFamily::kSensitiveTech, RuleFamily::kPartner);
    if (!by_severity.is_object()) WrongType("findings_by_family", "an object of objects");
    for (const auto& [severity_name, count] : by_severity.items()) {
      summary.findings_by_family[family][EnumKey(severity_name, "severity", Severity::kInfo,
                                                 Severity::kCritical)] =
          static_cast<int>(CountValue(count, "findings_by_family"));
    }
  }
  // Optional: reports of trustscreen 0.1.0 from before topics lack "topics".
  if (record.contains("topics")) {
    for (const ordered_json& entry : Array(record, "topics")) {
      DocumentTopic topic;
      topic.family = EnumKey(String(entry, "family"), "family", RuleFamily::kSensitiveTech,
                             RuleFamily::kPartner);
      topic.topic = String(entry, "topic");
      topic.severity = SeverityField(entry, "severity");
      topic.findings = Int(entry, "findings");
      topic.documents = Int(entry, "documents");
      summary.topics.push_back(std::move(topic));
    }
  }
  summary.fail_on = SeverityField(record, "fail_on");
  summary.findings_at_or_above_fail_on = Int(record, "findings_at_or_above_fail_on");
  summary.findings_waived = Int(record, "findings_waived");
  summary.findings_reopened = Int(record, "findings_reopened");
  if (record.contains("findings_escalated")) {
    summary.findings_escalated = Int(record, "findings_escalated");
  }
  if (record.contains("waivers")) {
    const ordered_json& waivers = Object(record, "waivers");
    summary.waivers =
        WaiverSummary{ReadWaiverUses(waivers, "applied"), ReadWaiverUses(waivers, "expired"),
                      ReadWaiverUses(waivers, "stale")};
  }
  if (Int(record, "exit_code") != summary.ExitCode()) {
    throw RecordError{"exit_code " + Field(record, "exit_code").dump() +
                      " contradicts the summary's counts"};
  }
  if (summary.documents != static_cast<int>(documents.size())) {
    throw RecordError{"summary counts " + std::to_string(summary.documents) +
                      " document(s) but the report holds " + std::to_string(documents.size())};
  }
  return summary;
}

}  // namespace

Result<ParsedReport> ReadJsonlReport(std::istream& in, std::string_view name) {
  ParsedReport report;
  bool have_header = false;
  std::size_t expected_findings = 0;  // of the last document
  std::size_t document_line = 0;      // line of the last document record
  std::string line;
  std::size_t number = 0;
  auto located = [&](std::size_t at, const std::string& message) {
    return ParseError(std::string(name) + ":" + std::to_string(at) + ": " + message);
  };
  while (std::getline(in, line)) {
    ++number;
    const bool terminated = !in.eof();  // getline stopped at a newline, not at the end
    ordered_json record = ordered_json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (record.is_discarded()) {
      if (!terminated && have_header && !report.summary) {
        report.truncated = true;  // a killed run's last, half-written line
        break;
      }
      return located(number, "not a JSON object");
    }
    std::string kind = "record";
    try {
      if (!record.is_object()) throw RecordError{"not a JSON object"};
      kind = String(record, "record");
      if (report.summary) throw RecordError{"record after the summary"};
      if (kind != "finding" && !report.documents.empty() &&
          report.documents.back().findings.size() != expected_findings) {
        return located(document_line, "document record: 'findings' is " +
                                          std::to_string(expected_findings) + " but " +
                                          std::to_string(report.documents.back().findings.size()) +
                                          " finding record(s) follow");
      }
      if (kind == "run") {
        if (have_header) throw RecordError{"a second run record"};
        report.header = ReadHeader(record);
        have_header = true;
      } else if (!have_header) {
        throw RecordError{"the first record is not the run record"};
      } else if (kind == "document") {
        report.documents.push_back(ReadDocument(record));
        expected_findings = Count(record, "findings");
        document_line = number;
      } else if (kind == "finding") {
        if (report.documents.empty()) throw RecordError{"finding before any document"};
        DocumentResult& owner = report.documents.back();
        if (owner.findings.size() == expected_findings) {
          throw RecordError{"more finding records than the document's 'findings' count"};
        }
        owner.findings.push_back(ReadFinding(record, owner.document));
      } else if (kind == "summary") {
        report.summary = ReadSummary(record, report.documents);
      } else {
        throw RecordError{"unknown record kind"};
      }
    } catch (const RecordError& error) {
      return located(number, kind + " record: " + error.message);
    } catch (const nlohmann::json::exception& error) {
      return located(number, kind + " record: " + error.what());
    }
  }
  if (in.bad()) return IoError(std::string(name) + ": read error");
  if (!have_header) return ParseError(std::string(name) + ": empty report: no run record");
  if (!report.summary && !report.documents.empty() &&
      report.documents.back().findings.size() != expected_findings) {
    report.documents.pop_back();  // killed between a document and its last finding
    report.truncated = true;
  }
  return report;
}

Result<ParsedReport> ReadJsonlReport(const std::filesystem::path& path) {
  std::error_code error;
  if (!std::filesystem::exists(path, error)) return NotFound(path.string() + ": no such file");
  std::ifstream in(path, std::ios::binary);
  if (!in) return IoError(path.string() + ": cannot open for reading");
  return ReadJsonlReport(in, path.string());
}

Result<ParsedReport> ReadFinishedReport(const std::filesystem::path& path) {
  Result<ParsedReport> report = ReadJsonlReport(path);
  if (report.ok() && !report->summary) {
    return ParseError(path.string() +
                      ": incomplete report: no summary record (the run did not finish, or could "
                      "not write its reports); run the scan again");
  }
  return report;
}

}  // namespace trustscreen::report
