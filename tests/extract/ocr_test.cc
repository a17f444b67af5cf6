// OCR of PDF pages without a usable text layer (issue 9): a sample agreement rendered to an
// image-only PDF is read back with Tesseract, screened with the shipped rules, and findings land
// on the right pages; failures (no language data, timeouts, bad language lists) keep needs_ocr.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "ocr_fixtures.h"
#include "test_fixtures.h"
#include "trustscreen/cache/cache.h"
#include "trustscreen/extract/extract.h"
#include "trustscreen/extract/pdf_split.h"
#include "trustscreen/match/matcher.h"
#include "trustscreen/report/report.h"
#include "trustscreen/rules/rule_set.h"
#include "trustscreen/text/clauses.h"

namespace trustscreen::extract {
namespace {

const std::filesystem::path kAgreement =
    std::filesystem::path(TRUSTSCREEN_SOURCE_DIR) / "samples/collaboration-agreement.pdf";

// Pages 4 (clause 9, Export Control) and 5 (Harbin Institute of Technology in the contact table
// and the signature block) of the sample agreement as a two-page scan, rendered once.
const std::string& ScannedAgreement() {
  static const std::string* const kPdf = [] {
    const auto images = testing::RenderPdfPages(kAgreement, {4, 5}, 200);
    return new std::string(images.size() == 2 ? testing::ImageOnlyPdf(images, 200) : "");
  }();
  return *kPdf;
}

// The scan read with the default options (auto, eng, 200 dpi), once for the tests that only look.
const Document& OcrdAgreement() {
  static const Document* const kDoc =
      new Document(ExtractBytes(ScannedAgreement(), "scan.pdf", ExtractOptions{}));
  return *kDoc;
}

const rules::CompiledRuleSet& ShippedRules() {
  static const rules::CompiledRuleSet* const kRules = [] {
    auto loaded = rules::LoadRules({std::filesystem::path(TRUSTSCREEN_SOURCE_DIR) / "rules"});
    if (!loaded.ok()) {
      ADD_FAILURE() << loaded.status().message();
      std::abort();
    }
    return new rules::CompiledRuleSet(std::move(loaded).value());
  }();
  return *kRules;
}

std::string PageText(const Document& doc, std::size_t index) {
  const Page& page = doc.pages.at(index);
  return doc.text.substr(page.begin, page.end - page.begin);
}

TEST(Ocr, ScannedAgreementIsReadAndScreenedOnTheRightPages) {
  ASSERT_FALSE(ScannedAgreement().empty());
  // Without OCR the fixture is what a scan is today.
  ExtractOptions never;
  never.ocr = OcrMode::kNever;
  const Document unread = ExtractBytes(ScannedAgreement(), "scan.pdf", never);
  ASSERT_EQ(unread.status, DocumentStatus::kNeedsOcr) << unread.reason;

  const Document& doc = OcrdAgreement();
  ASSERT_EQ(doc.status, DocumentStatus::kOk) << doc.reason;
  ASSERT_EQ(doc.pages.size(), 2u);
  for (const Page& page : doc.pages) {
    EXPECT_EQ(page.source, TextSource::kOcr);
    EXPECT_FALSE(page.needs_ocr);
    EXPECT_GE(page.ocr_confidence, 80) << "page " << page.number;
    EXPECT_LE(page.ocr_confidence, 100);
  }
  EXPECT_NE(PageText(doc, 0).find("Export Control"), std::string::npos) << PageText(doc, 0);
  EXPECT_NE(PageText(doc, 1).find("Harbin Institute of Technology"), std::string::npos)
      << PageText(doc, 1);
  // Text building made paragraphs (blocks) of the OCR lines, as for a text layer.
  EXPECT_GE(doc.blocks.size(), 6u);

  auto findings = match::MatchDocument(ShippedRules(), doc);
  ASSERT_TRUE(findings.ok()) << findings.status().message();
  bool partner_on_2 = false, export_control_on_1 = false, partner_on_1 = false;
  for (const Finding& finding : *findings) {
    if (finding.family == RuleFamily::kPartner &&
        finding.matched_text.find("Harbin") != std::string::npos) {
      (finding.page == 2 ? partner_on_2 : partner_on_1) = true;
    }
    if (finding.family == RuleFamily::kExportControl && finding.page == 1) {
      export_control_on_1 = true;
    }
  }
  EXPECT_TRUE(partner_on_2);
  EXPECT_FALSE(partner_on_1);
  EXPECT_TRUE(export_control_on_1);
  // Clauses are segmented on OCR text as on a text layer: export-control findings sit in clause 9.
  const std::vector<text::Clause> clauses = text::SegmentClauses(doc.text);
  int in_clause_9 = 0;
  for (const Finding& finding : *findings) {
    const text::Clause* clause = text::ClauseAt(clauses, finding.begin);
    if (finding.family == RuleFamily::kExportControl && clause != nullptr &&
        clause->section.starts_with("9")) {
      ++in_clause_9;
    }
  }
  EXPECT_GE(in_clause_9, 3);
}

TEST(Ocr, JsonlRecordsMarkOcrPagesAndFindings) {
  const Document& doc = OcrdAgreement();
  ASSERT_EQ(doc.status, DocumentStatus::kOk) << doc.reason;
  DocumentResult result;
  result.document = doc;
  auto findings = match::MatchDocument(ShippedRules(), doc);
  ASSERT_TRUE(findings.ok());
  result.findings = *findings;
  ASSERT_FALSE(result.findings.empty());
  std::ostringstream out;
  ASSERT_TRUE(report::MakeJsonlWriter(out)->WriteDocument(result).ok());
  std::istringstream lines(out.str());
  std::string line;
  std::getline(lines, line);
  const auto record = nlohmann::json::parse(line);
  ASSERT_TRUE(record.contains("ocr")) << line;
  EXPECT_EQ(record["ocr"]["pages"], nlohmann::json::array({1, 2}));
  EXPECT_EQ(record["ocr"]["page_confidence"].size(), 2u);
  EXPECT_GE(record["ocr"]["mean_confidence"].get<double>(), 80);
  EXPECT_EQ(record["pages_needing_ocr"], nlohmann::json::array());
  int with_ocr = 0;
  while (std::getline(lines, line)) {
    const auto finding = nlohmann::json::parse(line);
    ASSERT_TRUE(finding.contains("ocr")) << line;
    EXPECT_TRUE(finding["ocr"]["reliable"].get<bool>());
    ++with_ocr;
  }
  EXPECT_EQ(with_ocr, static_cast<int>(result.findings.size()));
}

TEST(Ocr, MissingLanguageDataKeepsNeedsOcrAndSaysWhy) {
  ASSERT_FALSE(ScannedAgreement().empty());
  const std::filesystem::path empty_dir =
      std::filesystem::temp_directory_path() / "trustscreen-ocr-test-no-tessdata";
  std::filesystem::create_directories(empty_dir);
  ExtractOptions options;
  options.ocr_tessdata_dir = empty_dir.string();
  options.ocr_languages = "eng+chi_sim";
  const Document doc = ExtractBytes(ScannedAgreement(), "scan.pdf", options);
  EXPECT_EQ(doc.status, DocumentStatus::kNeedsOcr);
  EXPECT_NE(doc.reason.find("OCR unavailable: Tesseract language data not installed: eng "
                            "(tesseract-ocr-eng), chi_sim (tesseract-ocr-chi-sim)"),
            std::string::npos)
      << doc.reason;
  EXPECT_TRUE(doc.transient_failure);
  EXPECT_FALSE(cache::IsCacheable(doc));
  for (const Page& page : doc.pages) EXPECT_TRUE(page.needs_ocr);
}

TEST(Ocr, InvalidLanguageListIsRefusedBeforeTesseract) {
  EXPECT_TRUE(IsValidOcrLanguageList("eng"));
  EXPECT_TRUE(IsValidOcrLanguageList("eng+chi_sim"));
  EXPECT_FALSE(IsValidOcrLanguageList(""));
  EXPECT_FALSE(IsValidOcrLanguageList("eng+"));
  EXPECT_FALSE(IsValidOcrLanguageList("../../etc/passwd"));
  ExtractOptions options;
  options.ocr_languages = "../eng";
  const Document doc = ExtractBytes(ScannedAgreement(), "scan.pdf", options);
  EXPECT_EQ(doc.status, DocumentStatus::kNeedsOcr);
  EXPECT_NE(doc.reason.find("invalid OCR language list '../eng'"), std::string::npos) << doc.reason;
}

TEST(Ocr, PageTimeoutKeepsNeedsOcrAndIsNotCached) {
  ExtractOptions options;
  options.ocr_page_timeout_seconds = 0.001;
  const Document doc = ExtractBytes(ScannedAgreement(), "scan.pdf", options);
  EXPECT_EQ(doc.status, DocumentStatus::kNeedsOcr);
  EXPECT_NE(doc.reason.find("OCR timed out (0.0 s per page) on pages 1-2"), std::string::npos)
      << doc.reason;
  EXPECT_TRUE(doc.transient_failure);
  EXPECT_FALSE(cache::IsCacheable(doc));
}

TEST(Ocr, LowConfidenceIsPartialNeverClean) {
  // Nothing reaches a confidence above 100: every OCR'd page is "low". One page at 150 dpi: speed.
  ExtractOptions options;
  options.ocr_min_confidence = 101;
  options.ocr_dpi = 150;
  options.max_pages = 1;
  const Document doc = ExtractBytes(ScannedAgreement(), "scan.pdf", options);
  EXPECT_EQ(doc.status, DocumentStatus::kPartial);
  EXPECT_NE(doc.reason.find("OCR confidence below 101.0 on page 1 (1: "), std::string::npos)
      << doc.reason;
  EXPECT_NE(doc.reason.find("OCR text not reliably screened"), std::string::npos);
  ASSERT_EQ(doc.pages.size(), 1u);
  EXPECT_EQ(doc.pages[0].source, TextSource::kOcr);
  EXPECT_TRUE(doc.pages[0].needs_ocr);  // text kept and screened, page still flagged
  EXPECT_NE(doc.text.find("Export Control"), std::string::npos);
}

TEST(Ocr, AlwaysModeKeepsATextLayerPageNumbersAndMarksSource) {
  ExtractOptions options;
  options.ocr = OcrMode::kAlways;
  options.ocr_dpi = 150;  // speed: the text layer pages are only re-read
  options.max_pages = 1;
  const Document doc = ExtractFile(kAgreement, options);
  ASSERT_EQ(doc.pages.size(), 1u);
  EXPECT_EQ(doc.pages[0].source, TextSource::kOcr);
  EXPECT_GT(doc.pages[0].ocr_confidence, 0);
  EXPECT_NE(doc.text.find("RESEARCH COLLABORATION AGREEMENT"), std::string::npos);
}

TEST(Ocr, TextLayerPagesAreNotOcrdInAutoMode) {
  const Document doc = ExtractFile(kAgreement, ExtractOptions{});
  ASSERT_EQ(doc.status, DocumentStatus::kOk);
  for (const Page& page : doc.pages) {
    EXPECT_EQ(page.source, TextSource::kTextLayer);
    EXPECT_EQ(page.ocr_confidence, 0);
  }
}

// A process keeps its started Tesseract instances for the next pages and documents: a page reads
// the same whatever the process read before it, in whichever order, and after a timed-out page.
TEST(Ocr, APageReadsTheSameWhateverTheProcessReadBefore) {
  fixtures::TempDir dir;
  const auto scan = dir.Write("scan.pdf", ScannedAgreement());
  const ExtractOptions options;
  const std::string second = OcrPdfPage(scan, options, 2);
  const std::string first = OcrPdfPage(scan, options, 1);
  ExtractOptions hurried;
  hurried.ocr_page_timeout_seconds = 0.001;
  EXPECT_EQ(ExtractFile(scan, hurried).status, DocumentStatus::kNeedsOcr);
  const Document whole = ExtractBytes(ScannedAgreement(), "scan.pdf", options);
  ASSERT_EQ(whole.status, DocumentStatus::kOk) << whole.reason;
  EXPECT_EQ(cache::EncodeDocument(whole), cache::EncodeDocument(OcrdAgreement()));
  EXPECT_EQ(OcrPdfPage(scan, options, 2), second);
  EXPECT_EQ(OcrPdfPage(scan, options, 1), first);
  EXPECT_EQ(OcrPdfPage(scan, options, 1), first);
}

TEST(Ocr, PageFieldsRoundTripThroughTheCodec) {
  const Document& doc = OcrdAgreement();
  Document copy_source = doc;
  copy_source.transient_failure = true;
  auto decoded = cache::DecodeDocument(cache::EncodeDocument(copy_source));
  ASSERT_TRUE(decoded.ok()) << decoded.status().message();
  ASSERT_EQ(decoded->pages.size(), doc.pages.size());
  for (std::size_t i = 0; i < doc.pages.size(); ++i) {
    EXPECT_EQ(decoded->pages[i].source, doc.pages[i].source);
    EXPECT_EQ(decoded->pages[i].ocr_confidence, doc.pages[i].ocr_confidence);
    EXPECT_EQ(decoded->pages[i].needs_ocr, doc.pages[i].needs_ocr);
  }
  EXPECT_TRUE(decoded->transient_failure);
}

TEST(Ocr, OcrOptionsAreInTheCacheKey) {
  const std::string base = cache::OptionsKey({});
  ExtractOptions never;
  never.ocr = OcrMode::kNever;
  ExtractOptions chinese;
  chinese.ocr_languages = "eng+chi_sim";
  ExtractOptions dpi;
  dpi.ocr_dpi = ExtractOptions{}.ocr_dpi + 100;
  ExtractOptions threshold;
  threshold.ocr_min_confidence = 70;
  for (const ExtractOptions& options : {never, chinese, dpi, threshold}) {
    EXPECT_NE(cache::OptionsKey(options), base);
  }
  // A timed-out document is never stored, so the timeout does not change what is stored.
  ExtractOptions timeout;
  timeout.ocr_page_timeout_seconds = 5;
  EXPECT_EQ(cache::OptionsKey(timeout), base);
}

}  // namespace
}  // namespace trustscreen::extract
