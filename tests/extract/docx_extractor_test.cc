#include <string>
#include <string_view>

#include "corpus.h"
#include "gtest/gtest.h"
#include "test_fixtures.h"
#include "trustscreen/extract/extract.h"

namespace trustscreen::extract {
namespace {

using fixtures::BuildDocx;
using fixtures::BuildZip;
using fixtures::WordDocument;

Document ExtractDocxBytes(const std::string& bytes, std::string path = "agreement.docx") {
  return ExtractBytes(bytes, std::move(path), ExtractOptions{});
}

std::string TextRun(std::string_view text) {
  return "<w:r><w:t xml:space=\"preserve\">" + std::string(text) + "</w:t></w:r>";
}
std::string Paragraph(std::string_view runs) { return "<w:p>" + std::string(runs) + "</w:p>"; }
std::string Cell(std::string_view text) { return "<w:tc>" + Paragraph(TextRun(text)) + "</w:tc>"; }

TEST(DocxExtraction, ReadsParagraphsAsLinesWithTabsAndBreaks) {
  const std::string body =
      // The w:tab inside w:pPr/w:tabs is a tab stop definition, not text.
      "<w:p><w:pPr><w:tabs><w:tab w:val=\"left\" w:pos=\"720\"/></w:tabs></w:pPr>" +
      TextRun("Export") + TextRun(" control") + "<w:r><w:tab/><w:t>clause</w:t></w:r></w:p>" +
      Paragraph("<w:r><w:t>Line one</w:t><w:br/><w:t>Line two</w:t><w:cr/><w:t>three</w:t></w:r>") +
      "<w:p/>" + Paragraph(TextRun("R&amp;D in Zürich"));
  const Document doc = ExtractDocxBytes(BuildDocx(WordDocument(body)));
  ASSERT_EQ(doc.status, DocumentStatus::kOk) << doc.reason;
  EXPECT_EQ(doc.format, DocumentFormat::kDocx);
  EXPECT_EQ(doc.text, "Export control\tclause\nLine one\nLine two\nthree\n\nR&D in Zürich\n");
  ASSERT_EQ(doc.pages.size(), 1u);
  EXPECT_EQ(doc.pages[0].number, 1);
  EXPECT_EQ(doc.pages[0].end, doc.text.size());
}

TEST(DocxExtraction, ReadsTablesCellByCellWithoutMergingWords) {
  const std::string body = "<w:tbl><w:tr>" + Cell("Partner") + Cell("Country") + "</w:tr><w:tr>" +
                           Cell("Acme Institute") + Cell("Ruritania") + "</w:tr></w:tbl>" +
                           Paragraph(TextRun("After the table"));
  const Document doc = ExtractDocxBytes(BuildDocx(WordDocument(body)));
  ASSERT_EQ(doc.status, DocumentStatus::kOk) << doc.reason;
  EXPECT_EQ(doc.text, "Partner\nCountry\nAcme Institute\nRuritania\nAfter the table\n");
}

TEST(DocxExtraction, KeepsTrackedDeletions) {
  const std::string body =
      Paragraph(TextRun("Kept. ") +
                "<w:del w:id=\"1\" w:author=\"A\" w:date=\"2024-01-01T00:00:00Z\">"
                "<w:r><w:delText>Struck ITAR clause.</w:delText></w:r></w:del>");
  const Document doc = ExtractDocxBytes(BuildDocx(WordDocument(body)));
  ASSERT_EQ(doc.status, DocumentStatus::kOk) << doc.reason;
  EXPECT_EQ(doc.text, "Kept. Struck ITAR clause.\n");
}

// A deletion followed at once by an insertion must not run their words together
// ("Technologythe"): a space outside both blocks keeps them apart.
TEST(DocxExtraction, KeepsATrackedDeletionApartFromTheInsertionAfterIt) {
  const std::string body =
      Paragraph(TextRun("Made with ") +
                "<w:del w:id=\"1\" w:author=\"A\" w:date=\"2024-01-01T00:00:00Z\">"
                "<w:r><w:delText>Harbin Institute of Technology</w:delText></w:r></w:del>"
                "<w:ins w:id=\"2\" w:author=\"A\" w:date=\"2024-01-01T00:00:00Z\">"
                "<w:r><w:t>the Partner</w:t></w:r></w:ins>" +
                TextRun("."));
  const Document doc = ExtractDocxBytes(BuildDocx(WordDocument(body)));
  ASSERT_EQ(doc.status, DocumentStatus::kOk) << doc.reason;
  EXPECT_EQ(doc.text, "Made with Harbin Institute of Technology the Partner .\n");
  ASSERT_EQ(doc.blocks.size(), 4u);
  EXPECT_EQ(doc.blocks[1].part, TextPart::kDeleted);
  EXPECT_EQ(doc.text.substr(doc.blocks[1].begin, doc.blocks[1].end - doc.blocks[1].begin),
            "Harbin Institute of Technology");
  EXPECT_EQ(doc.blocks[2].part, TextPart::kInserted);
  EXPECT_EQ(doc.text.substr(doc.blocks[2].begin, doc.blocks[2].end - doc.blocks[2].begin),
            "the Partner");
}

TEST(DocxExtraction, SkipsFieldCodesAndFallbackCopiesOfContent) {
  const std::string body =
      Paragraph(
          "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>"
          "<w:r><w:instrText xml:space=\"preserve\"> HYPERLINK \"https://x\" </w:instrText></w:r>"
          "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>" +
          TextRun("link text") + "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>") +
      Paragraph(
          "<w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:t>shown once</w:t>"
          "</mc:Choice><mc:Fallback><w:t>shown once</w:t></mc:Fallback>"
          "</mc:AlternateContent></w:r>");
  const Document doc = ExtractDocxBytes(BuildDocx(WordDocument(body)));
  ASSERT_EQ(doc.status, DocumentStatus::kOk) << doc.reason;
  EXPECT_EQ(doc.text, "link text\nshown once\n");
}

TEST(DocxExtraction, BodyWithoutTextIsEmpty) {
  const Document doc =
      ExtractDocxBytes(BuildDocx(WordDocument("<w:p/><w:p><w:r><w:t> </w:t></w:r></w:p>")));
  EXPECT_EQ(doc.status, DocumentStatus::kEmpty);
  EXPECT_EQ(doc.reason, "no text found");
}

TEST(DocxExtraction, ZipWithoutDocumentXmlIsScreenedAsAnArchive) {
  // Content wins over the name: a plain ZIP named .docx is an archive whose members are screened.
  const Document doc = ExtractDocxBytes(BuildZip({{"readme.txt", "hello"}}), "bundle.docx");
  EXPECT_EQ(doc.status, DocumentStatus::kOk) << doc.reason;
  EXPECT_EQ(doc.format, DocumentFormat::kZip);
  ASSERT_EQ(doc.members.size(), 1u);
  EXPECT_EQ(doc.members[0].path, "bundle.docx!/readme.txt");
}

TEST(DocxExtraction, SpreadsheetPackageIsReadAsXlsx) {
  const Document doc = ExtractDocxBytes(
      BuildZip({{"[Content_Types].xml", "<Types/>"}, {"xl/workbook.xml", "<workbook/>"}}),
      "budget.xlsx");
  EXPECT_EQ(doc.format, DocumentFormat::kXlsx);
  EXPECT_EQ(doc.status, DocumentStatus::kEmpty) << doc.reason;  // a workbook without sheets
}

TEST(DocxExtraction, TruncatedZipIsCorrupt) {
  const std::string docx = BuildDocx(WordDocument(Paragraph(TextRun("text"))));
  const Document doc = ExtractDocxBytes(docx.substr(0, docx.size() / 2));
  EXPECT_EQ(doc.status, DocumentStatus::kCorrupt);
  EXPECT_TRUE(doc.reason.starts_with("not a valid ZIP/DOCX: ")) << doc.reason;
}

TEST(DocxExtraction, MalformedXmlKeepsTextBeforeTheErrorAsPartial) {
  const std::string xml =
      WordDocument(Paragraph(TextRun("Before the damage")) + "<w:p><w:r><w:t>oops");
  const Document doc = ExtractDocxBytes(BuildDocx(xml.substr(0, xml.size() - 30)));
  EXPECT_EQ(doc.status, DocumentStatus::kPartial);
  EXPECT_TRUE(doc.reason.starts_with("damaged DOCX: word/document.xml: ")) << doc.reason;
  EXPECT_NE(doc.text.find("Before the damage"), std::string::npos);
}

TEST(DocxExtraction, MalformedXmlWithoutTextIsCorrupt) {
  const Document doc = ExtractDocxBytes(BuildDocx("<w:document><<<"));
  EXPECT_EQ(doc.status, DocumentStatus::kCorrupt);
  EXPECT_TRUE(doc.reason.starts_with("damaged DOCX: word/document.xml: ")) << doc.reason;
}

TEST(DocxExtraction, RefusesDocumentTypeDeclarations) {
  // The classic entity expansion attack; OOXML never has a DTD.
  const std::string xml =
      "<?xml version=\"1.0\"?>\n"
      "<!DOCTYPE w:document [<!ENTITY a \"aaaaaaaaaa\">"
      "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]>\n"
      "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
      "<w:body><w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:body></w:document>";
  const Document doc = ExtractDocxBytes(BuildDocx(xml));
  EXPECT_EQ(doc.status, DocumentStatus::kCorrupt);
  EXPECT_NE(doc.reason.find("DTD"), std::string::npos) << doc.reason;
}

TEST(DocxExtraction, HighlyCompressedLargeDocumentXmlHitsTheZipBombGuard) {
  // 12 MiB of one repeated paragraph deflates far beyond 100:1.
  std::string body;
  const std::string paragraph = Paragraph(TextRun("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"));
  while (body.size() < (12u << 20)) body += paragraph;
  const Document doc = ExtractDocxBytes(BuildDocx(WordDocument(body)));
  EXPECT_EQ(doc.status, DocumentStatus::kTooLarge);
  EXPECT_TRUE(doc.reason.starts_with("zip bomb guard: ")) << doc.reason;
  EXPECT_TRUE(doc.text.empty());
}

TEST(DocxExtraction, OversizedDocumentXmlHitsTheZipBombGuard) {
  ExtractOptions options;
  options.max_decompressed_bytes = 64 << 10;
  const std::string big = WordDocument(Paragraph(TextRun(std::string(100 << 10, 'a'))));
  const Document doc = ExtractBytes(BuildDocx(big), "big.docx", options);
  EXPECT_EQ(doc.status, DocumentStatus::kTooLarge);
  EXPECT_TRUE(doc.reason.starts_with("zip bomb guard: word/document.xml expands to 100.") &&
              doc.reason.ends_with("(limit 64 KiB decompressed per file, max_decompressed_bytes)"))
      << doc.reason;
}

TEST(DocxExtraction, DocxNamedPdfIsReadAsDocx) {
  fixtures::TempDir dir;
  const auto path =
      dir.Write("really_a_docx.pdf", BuildDocx(WordDocument(Paragraph(TextRun("Hidden docx")))));
  const Document doc = ExtractFile(path, ExtractOptions{});
  ASSERT_EQ(doc.status, DocumentStatus::kOk) << doc.reason;
  EXPECT_EQ(doc.format, DocumentFormat::kDocx);
  EXPECT_EQ(doc.text, "Hidden docx\n");
}

TEST(DocxExtraction, ReadsCorpusDocuments) {
  const auto nda = fixtures::CorpusPath("contracts/docx_karaka/NDA.docx");
  TRUSTSCREEN_NEED_CORPUS(nda);
  const Document doc = ExtractFile(nda, ExtractOptions{});
  ASSERT_EQ(doc.status, DocumentStatus::kOk) << doc.reason;
  EXPECT_NE(doc.text.find("Orange Management"), std::string::npos);
  EXPECT_NE(doc.text.find("onfidential"), std::string::npos);

  const auto german = fixtures::CorpusPath("contracts/docx_karaka/Muster Arbeitsvertrag.docx");
  const Document de = ExtractFile(german, ExtractOptions{});
  ASSERT_EQ(de.status, DocumentStatus::kOk) << de.reason;
  EXPECT_NE(de.text.find("Arbeitsvertrag"), std::string::npos);
}

}  // namespace
}  // namespace trustscreen::extract
