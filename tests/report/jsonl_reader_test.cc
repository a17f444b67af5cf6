// ReadJsonlReport: the exact inverse of the JSONL writer, and its errors.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "corpus.h"
#include "report/report_fixtures.h"
#include "temp_dir.h"
#include "trustscreen/report/report.h"

namespace trustscreen::report {
namespace {

const std::filesystem::path kSourceDir = TRUSTSCREEN_SOURCE_DIR;
const std::filesystem::path kCorpusDir = TRUSTSCREEN_CORPUS_DIR;

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

// Writes a parsed report again with the JSONL writer.
std::string Rewrite(const ParsedReport& report) {
  std::ostringstream out;
  std::unique_ptr<ReportWriter> writer = MakeJsonlWriter(out);
  EXPECT_TRUE(writer->WriteHeader(report.header).ok());
  for (const DocumentResult& result : report.documents) {
    EXPECT_TRUE(writer->WriteDocument(result).ok());
  }
  if (report.summary) {
    EXPECT_TRUE(writer->WriteSummary(*report.summary).ok());
  }
  return out.str();
}

Result<ParsedReport> Parse(const std::string& jsonl, std::string_view name = "r.jsonl") {
  std::istringstream in(jsonl);
  return ReadJsonlReport(in, name);
}

// Reads `jsonl` and writes it again: the bytes must not change.
void ExpectRoundTrip(const std::string& jsonl) {
  Result<ParsedReport> parsed = Parse(jsonl);
  ASSERT_TRUE(parsed.ok()) << parsed.status().message();
  EXPECT_EQ(Rewrite(*parsed), jsonl);
}

// A report written by the writer from hand-made results that use every field.
std::string FixtureReport() {
  RunHeader header;
  header.tool_version = "0.1.0";
  header.build_id = "0.1.0+gabc";
  header.started_at = "2026-11-26T10:00:00Z";
  header.host = "node17";
  header.command_line = "trustscreen scan in --shard 1/2";
  header.extractor_version = "x7";
  header.rules_sha256 = std::string(64, 'b');
  header.rule_count = 2;
  header.rule_files = {{"rules/a.yaml", std::string(64, 'c'), 2, -1, "", ""},
                       {"rules/lists/el.csv", std::string(64, 'd'), 0, 2001, "", ""}};
  header.waivers = WaiversFileRecord{"waivers.yaml", std::string(64, 'e'), 3};
  header.inputs = {"in", "extra.pdf"};
  header.options.threads = 2;
  header.options.exclude = {"*.log", "drafts/*"};
  header.options.extraction = {{"max_pages", "5000"}, {"an_option_of_a_newer_version", "x"}};
  header.options.shard = "1/2";
  header.skipped = {{"in/.git", "hidden"}};

  Finding entity = MakeFinding("partner-el", RuleFamily::kPartner, Severity::kHigh, 40, "Huawei");
  entity.base_severity = Severity::kMedium;
  entity.modifiers = {"+export-context"};
  entity.clause_ref = "9.2(a)";
  entity.clause_title = "Export Control";
  entity.section = "9 Export Control";
  entity.entity = EntityHit{"Entity List",
                            "el-12",
                            "Huawei Technologies",
                            "Huawei",
                            "84 FR 22961",
                            "CN",
                            {"MEU List: HUAWEI (m-3)"},
                            "",
                            "",
                            ""};
  entity.fingerprint = std::string(64, 'f');
  entity.review_status = ReviewStatus::kReopened;
  entity.waiver = AppliedWaiver{"ffff",         "waivers.yaml:3", "A. Reviewer", "2026-01-02",
                                "licence held", "GBSIEL/1",       "2026-06-30",  true};
  Finding negated = MakeFinding("ec-eccn", RuleFamily::kExportControl, Severity::kLow, 50, "3A001");
  negated.negated = true;
  negated.in_references = true;
  negated.review_status = ReviewStatus::kEscalated;
  negated.waiver = AppliedWaiver{
      "eeee", "waivers.yaml:9",          "B. Officer", "2026-12-05", "end user unclear", "", "",
      false,  ReviewDecision::kEscalated};
  negated.notes = {AppliedWaiver{"dddd", "waivers.yaml:14", "C. Reader", "2026-12-06",
                                 "asked the partner", "", "", false, ReviewDecision::kNote}};
  DocumentResult flagged = MakeResult("in/a.pdf", DocumentStatus::kOk, {entity, negated});
  flagged.input_index = 3;
  flagged.extract_seconds = 0.123456789;
  flagged.match_seconds = 1.0 / 3;
  flagged.cache = CacheUse::kText;
  flagged.document.size_bytes = 123456;
  flagged.document.encoding = "windows-1252";
  flagged.document.replaced_invalid_bytes = 2;
  flagged.document.quality = {0.25, 0.1};
  for (TextPart part : {TextPart::kBody, TextPart::kDeleted, TextPart::kFootnote}) {
    TextBlock block;
    block.part = part;
    flagged.document.blocks.push_back(block);
  }
  flagged.clauses = {{"9.2(a)", "Export Control", {2}, 30, 60, true, "clause \"text\" é 中"},
                     {"", "", {2, 3}, 45, 70, false, "another\ttext"}};
  DocumentResult scanned = MakeResult("in/scan.pdf", DocumentStatus::kNeedsOcr);
  // OCR'd pages whose rounded confidences (1.0, 1.1) average 1.1, the unrounded ones 1.0.
  scanned.document.pages[0].source = TextSource::kOcr;
  scanned.document.pages[0].ocr_confidence = 1.04;
  scanned.document.pages[1].source = TextSource::kOcr;
  scanned.document.pages[1].ocr_confidence = 1.05;
  scanned.input_index = 5;
  DocumentResult member = MakeResult("in/b.zip!/x.txt", DocumentStatus::kOk);
  member.input_index = 5;
  member.document.pages.clear();
  DocumentResult unindexed = MakeResult("extra.pdf", DocumentStatus::kNotScreened);
  unindexed.document.pages = {{7, 0, 1, true}, {3, 2, 3, true}, {9, 4, 5, false}};

  std::ostringstream out;
  std::unique_ptr<ReportWriter> writer = MakeJsonlWriter(out);
  SummaryBuilder summary(Severity::kLow);
  EXPECT_TRUE(writer->WriteHeader(header).ok());
  for (const DocumentResult* result : {&flagged, &scanned, &member, &unindexed}) {
    summary.Add(*result);
    EXPECT_TRUE(writer->WriteDocument(*result).ok());
  }
  summary.mutable_summary().skipped_inputs = 1;
  summary.mutable_summary().complete = false;
  summary.mutable_summary().finished_at = "2026-11-26T10:01:00Z";
  summary.mutable_summary().wall_seconds = 61.5;
  summary.mutable_summary().waivers =
      WaiverSummary{{}, {{"ffff", "waivers.yaml:3", 1, "2026-06-30"}}, {{"aaaa", "w:9", 0, ""}}};
  EXPECT_TRUE(writer->WriteSummary(summary.summary()).ok());
  return out.str();
}

TEST(JsonlReader, RoundTripsEveryFieldOfHandMadeResults) { ExpectRoundTrip(FixtureReport()); }

TEST(JsonlReader, RestoresDocumentsFindingsAndSummary) {
  Result<ParsedReport> parsed = Parse(FixtureReport());
  ASSERT_TRUE(parsed.ok()) << parsed.status().message();
  EXPECT_EQ(parsed->header.options.shard, "1/2");
  EXPECT_EQ(parsed->header.options.exclude, (std::vector<std::string>{"*.log", "drafts/*"}));
  EXPECT_EQ(parsed->header.options.extraction.back().first, "an_option_of_a_newer_version");
  ASSERT_EQ(parsed->documents.size(), 4u);
  const DocumentResult& flagged = parsed->documents[0];
  EXPECT_EQ(flagged.input_index, 3u);
  EXPECT_EQ(flagged.cache, CacheUse::kText);
  ASSERT_EQ(flagged.findings.size(), 2u);
  ASSERT_TRUE(flagged.findings[0].entity.has_value());
  EXPECT_EQ(flagged.findings[0].entity->also_listed_in.size(), 1u);
  EXPECT_EQ(flagged.document.pages.size(), 2u);
  EXPECT_TRUE(flagged.document.pages[1].needs_ocr);
  EXPECT_FALSE(parsed->documents[3].input_index.has_value());
  ASSERT_TRUE(parsed->summary.has_value());
  EXPECT_FALSE(parsed->summary->complete);
  EXPECT_EQ(parsed->summary->not_fully_screened.size(), 2u);
  EXPECT_FALSE(parsed->truncated);
}

// The reports of a real run: every sample (findings of all families, an encrypted PDF, a
// scanned page, a DOCX) with timings, so doubles must come back exactly too.
TEST(JsonlReader, RoundTripsARunOverTheSamples) {
  testing::TempDir dir;
  const std::string command = std::string("'") + TRUSTSCREEN_BINARY + "' scan '" +
                              (kSourceDir / "samples").string() + "' --rules '" +
                              (kSourceDir / "rules").string() + "' --out '" +
                              (dir.path() / "out").string() + "' -q > /dev/null 2>&1";
  ASSERT_NE(std::system(command.c_str()), -1);
  const std::string jsonl = ReadFile(dir.path() / "out" / "findings.jsonl");
  ASSERT_NE(jsonl.find("\"record\":\"summary\""), std::string::npos) << jsonl;
  ExpectRoundTrip(jsonl);
}

TEST(JsonlReader, RoundTripsARunOverACorpusSubset) {
  TRUSTSCREEN_NEED_CORPUS(kCorpusDir / "proposals");
  testing::TempDir dir;
  const std::string command = std::string("'") + TRUSTSCREEN_BINARY + "' scan '" +
                              (kCorpusDir / "proposals/erc_stg_2021_icecube").string() + "' '" +
                              (kCorpusDir / "contracts/docx_karaka").string() + "' '" +
                              (kCorpusDir / "contracts/cla_ironcore").string() + "' --rules '" +
                              (kSourceDir / "rules").string() + "' --out '" +
                              (dir.path() / "out").string() + "' -q > /dev/null 2>&1";
  ASSERT_NE(std::system(command.c_str()), -1);
  const std::string jsonl = ReadFile(dir.path() / "out" / "findings.jsonl");
  ASSERT_NE(jsonl.find("\"record\":\"finding\""), std::string::npos);
  ExpectRoundTrip(jsonl);
}

// The fixture report with line `number` (1-based) replaced.
std::string WithLine(std::size_t number, const std::string& replacement) {
  std::istringstream in(FixtureReport());
  std::string line, out;
  for (std::size_t i = 1; std::getline(in, line); ++i)
    out += (i == number ? replacement : line) + "\n";
  return out;
}

std::string Lines(std::size_t first, std::size_t last) {
  std::istringstream in(FixtureReport());
  std::string line, out;
  for (std::size_t i = 1; std::getline(in, line); ++i) {
    if (i >= first && i <= last) out += line + "\n";
  }
  return out;
}

// Two names that differ only in bytes that are not UTF-8 come back byte for byte, and apart.
TEST(JsonlReader, RestoresFileNamesThatAreNotUtf8) {
  std::ostringstream out;
  std::unique_ptr<ReportWriter> writer = MakeJsonlWriter(out);
  RunHeader header;
  header.skipped = {{"in/.h\xfe", "hidden"}};
  SummaryBuilder summary(Severity::kLow);
  EXPECT_TRUE(writer->WriteHeader(header).ok());
  for (const char* name : {"in/a\xff.txt", "in/a\xfe.txt"}) {
    DocumentResult result =
        MakeResult(name, DocumentStatus::kOk,
                   {MakeFinding("r", RuleFamily::kPartner, Severity::kLow, 0, "x")});
    summary.Add(result);
    EXPECT_TRUE(writer->WriteDocument(result).ok());
  }
  EXPECT_TRUE(writer->WriteSummary(summary.summary()).ok());
  Result<ParsedReport> parsed = Parse(out.str());
  ASSERT_TRUE(parsed.ok()) << parsed.status().message();
  ASSERT_EQ(parsed->documents.size(), 2u);
  EXPECT_EQ(parsed->documents[0].document.path, "in/a\xff.txt");
  EXPECT_EQ(parsed->documents[1].document.path, "in/a\xfe.txt");
  EXPECT_EQ(parsed->header.skipped[0].path, "in/.h\xfe");
  EXPECT_EQ(Rewrite(*parsed), out.str());
}

TEST(JsonlReader, MalformedJsonNamesFileAndLine) {
  Result<ParsedReport> parsed = Parse(WithLine(3, "{\"record\": "), "shard-2/findings.jsonl");
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.status().code(), ErrorCode::kParseError);
  EXPECT_EQ(parsed.status().message().rfind("shard-2/findings.jsonl:3: ", 0), 0u)
      << parsed.status().message();
}

TEST(JsonlReader, MissingFieldNamesLineRecordAndField) {
  std::string document = Lines(2, 2);
  document.pop_back();
  const std::size_t at = document.find("\"sha256\"");
  document.replace(at, 1, "\"x");  // "xsha256": the field is gone
  Result<ParsedReport> parsed = Parse(WithLine(2, document));
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.status().message(), "r.jsonl:2: document record: missing field 'sha256'");
}

TEST(JsonlReader, UnknownStatusIsAnError) {
  std::string document = Lines(5, 5);
  document.pop_back();
  document.replace(document.find("\"needs_ocr\""), 11, "\"smudged\"");
  Result<ParsedReport> parsed = Parse(WithLine(5, document));
  ASSERT_FALSE(parsed.ok());
  EXPECT_NE(parsed.status().message().find("r.jsonl:5: document record: field 'status': unknown "
                                           "value 'smudged'"),
            std::string::npos)
      << parsed.status().message();
}

TEST(JsonlReader, MissingFindingRecordIsAnErrorInAFinishedReport) {
  std::string jsonl = FixtureReport();
  const std::size_t third = jsonl.find('\n', jsonl.find('\n', jsonl.find('\n') + 1) + 1);
  const std::size_t fourth = jsonl.find('\n', third + 1);
  jsonl.erase(third + 1, fourth - third);  // the second finding of the first document
  Result<ParsedReport> parsed = Parse(jsonl);
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.status().message(),
            "r.jsonl:2: document record: 'findings' is 2 but 1 finding record(s) follow");
}

TEST(JsonlReader, FirstRecordMustBeTheRunRecord) {
  Result<ParsedReport> parsed = Parse(Lines(2, 4));
  ASSERT_FALSE(parsed.ok());
  EXPECT_NE(parsed.status().message().find("r.jsonl:1: document record: the first record is not"),
            std::string::npos)
      << parsed.status().message();
}

TEST(JsonlReader, EmptyReportIsAnError) {
  Result<ParsedReport> parsed = Parse("");
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.status().message(), "r.jsonl: empty report: no run record");
}

TEST(JsonlReader, RecordAfterTheSummaryIsAnError) {
  const std::string jsonl = FixtureReport();
  Result<ParsedReport> parsed = Parse(jsonl + Lines(5, 5));
  ASSERT_FALSE(parsed.ok());
  EXPECT_NE(parsed.status().message().find("record after the summary"), std::string::npos);
}

TEST(JsonlReader, ReportWithoutSummaryIsAnUnfinishedRun) {
  Result<ParsedReport> parsed = Parse(Lines(1, 5));
  ASSERT_TRUE(parsed.ok()) << parsed.status().message();
  EXPECT_FALSE(parsed->summary.has_value());
  EXPECT_EQ(parsed->documents.size(), 2u);
  EXPECT_FALSE(parsed->truncated);
}

TEST(JsonlReader, KilledRunsHalfWrittenLastLineIsLeftOut) {
  std::string jsonl = Lines(1, 5);
  const std::string next = Lines(6, 6);
  jsonl += next.substr(0, next.size() / 2);  // no newline: the process died mid-write
  Result<ParsedReport> parsed = Parse(jsonl);
  ASSERT_TRUE(parsed.ok()) << parsed.status().message();
  EXPECT_TRUE(parsed->truncated);
  EXPECT_EQ(parsed->documents.size(), 2u);
}

TEST(JsonlReader, KilledRunsDocumentWithoutAllItsFindingsIsLeftOut) {
  Result<ParsedReport> parsed = Parse(Lines(1, 3));  // header, document, its first finding
  ASSERT_TRUE(parsed.ok()) << parsed.status().message();
  EXPECT_TRUE(parsed->truncated);
  EXPECT_TRUE(parsed->documents.empty());
}

TEST(JsonlReader, FindingIdMustMatchItsDocument) {
  std::string finding = Lines(3, 3);
  finding.pop_back();
  const std::size_t at = finding.find("\"id\":\"") + 6;
  finding[at] = finding[at] == '0' ? '1' : '0';
  Result<ParsedReport> parsed = Parse(WithLine(3, finding));
  ASSERT_FALSE(parsed.ok());
  EXPECT_NE(parsed.status().message().find("r.jsonl:3: finding record: finding id"),
            std::string::npos)
      << parsed.status().message();
}

}  // namespace
}  // namespace trustscreen::report
