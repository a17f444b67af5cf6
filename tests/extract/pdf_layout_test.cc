// PDF text layout and normalisation: hyphenation, ligatures, invisible characters, headings,
// running headers/footers and clause numbers set in a column of their own.
#include "pdf_layout.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "corpus.h"
#include "gtest/gtest.h"
#include "test_fixtures.h"
#include "trustscreen/extract/extract.h"

namespace trustscreen::extract {
namespace {

// A PDF whose pages use /F1 (Helvetica, with /Differences mapping codes 1-4 to the glyphs fi,
// uni00AD, uni200B and uniE000, a private-use character) and /F2 (Helvetica-Bold). Like
// fixtures::BuildPdf, with a correct xref.
std::string BuildPdfWithFonts(const std::vector<std::string>& pages) {
  std::vector<std::string> objects;
  std::string kids;
  for (std::size_t i = 0; i < pages.size(); ++i) kids += std::to_string(5 + 2 * i) + " 0 R ";
  objects.push_back("<< /Type /Catalog /Pages 2 0 R >>");
  objects.push_back("<< /Type /Pages /Kids [" + kids + "] /Count " + std::to_string(pages.size()) +
                    " >>");
  objects.push_back(
      "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding << /Type /Encoding "
      "/BaseEncoding /WinAnsiEncoding /Differences [1 /fi /uni00AD /uni200B /uniE000] >> >>");
  objects.push_back("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold >>");
  for (std::size_t i = 0; i < pages.size(); ++i) {
    objects.push_back(
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R "
        "/F2 4 0 R >> >> /Contents " +
        std::to_string(6 + 2 * i) + " 0 R >>");
    objects.push_back("<< /Length " + std::to_string(pages[i].size()) + " >>\nstream\n" + pages[i] +
                      "\nendstream");
  }
  return fixtures::AssemblePdf("%PDF-1.4\n", objects);
}

// Content stream with one line of `font` at `size` per entry, 14 points apart, from the top.
std::string Lines(const std::vector<std::string>& lines, std::string_view font = "/F1",
                  int size = 11, int top = 720) {
  std::string content = "BT " + std::string(font) + " " + std::to_string(size) + " Tf 14 TL 72 " +
                        std::to_string(top) + " Td";
  for (const std::string& line : lines) content += " (" + line + ") Tj T*";
  return content + " ET\n";
}

// Text layers only: pages judged unreadable are left for OCR (ocr_test.cc), not read here.
Document Extract(const std::string& pdf) {
  ExtractOptions options;
  options.ocr = OcrMode::kNever;
  return ExtractBytes(pdf, "layout.pdf", options);
}

TEST(PdfHyphenation, RejoinsWordsBrokenAtLineEnds) {
  const Document doc = Extract(BuildPdfWithFonts(
      {Lines({"The parties agree to a research collabo-", "ration on export-controlled items",
              "and shall keep all non-", "exclusive rights under the Anti-",
              "Bribery Act and well-", "known rules. Pages 12-", "14 apply."})}));
  ASSERT_EQ(doc.status, DocumentStatus::kOk) << doc.reason;
  EXPECT_NE(doc.text.find("research collaboration on export-controlled items"), std::string::npos)
      << doc.text;
  // "non" forms compounds: the hyphen stays.
  EXPECT_NE(doc.text.find("all non-exclusive rights"), std::string::npos) << doc.text;
  // Before a capital the hyphen belongs to a compound.
  EXPECT_NE(doc.text.find("the Anti-Bribery Act"), std::string::npos) << doc.text;
  // "well" forms compounds too.
  EXPECT_NE(doc.text.find("and well-known rules"), std::string::npos) << doc.text;
  // Not after a letter: a line break, not a hyphenation.
  EXPECT_NE(doc.text.find("Pages 12-\n14 apply."), std::string::npos) << doc.text;
}

TEST(PdfHyphenation, KeepsTheHyphenTheDocumentUsesElsewhere) {
  const Document doc =
      Extract(BuildPdfWithFonts({Lines({"A cost-sharing plan is attached.",
                                        "Each party bears its cost-", "sharing obligations."})}));
  EXPECT_NE(doc.text.find("its cost-sharing obligations"), std::string::npos) << doc.text;
}

TEST(PdfHyphenation, SoftHyphenAtLineEndJoinsAndDisappears) {
  // \002 is U+00AD (soft hyphen) in /F1.
  const Document doc = Extract(BuildPdfWithFonts({Lines({"the encryp\\002", "tion technology"})}));
  EXPECT_NE(doc.text.find("the encryption technology"), std::string::npos) << doc.text;
}

TEST(PdfNormalisation, ExpandsLigaturesAndDropsInvisibleCharacters) {
  // \001 is the fi ligature (U+FB01), \002 a soft hyphen, \003 a zero-width space.
  const Document doc = Extract(BuildPdfWithFonts(
      {Lines({"de\\001ned \\001nancial terms", "dual\\002use and in\\003terim"})}));
  ASSERT_EQ(doc.status, DocumentStatus::kOk) << doc.reason;
  EXPECT_NE(doc.text.find("defined financial terms"), std::string::npos) << doc.text;
  EXPECT_NE(doc.text.find("dualuse and interim"), std::string::npos) << doc.text;
  EXPECT_EQ(doc.text.find("\xC2\xAD"), std::string::npos);
  EXPECT_EQ(doc.text.find("\xE2\x80\x8B"), std::string::npos);
}

TEST(PdfNormalisation, AppendNormalisedMapsEveryListedCharacter) {
  std::string out;
  std::uint64_t replaced = 0;
  for (std::uint32_t u : {0xFB00u, 0xFB01u, 0xFB02u, 0xFB03u, 0xFB04u, 0xFB06u, 0x37Eu}) {
    EXPECT_TRUE(internal::AppendNormalised(u, out, replaced));
  }
  EXPECT_EQ(out, "fffiflffifflst;");  // U+037E, Greek question mark, is canonically ';'
  out.clear();
  for (std::uint32_t u : {0xADu, 0x200Bu, 0x200Cu, 0x200Du, 0x2060u, 0xFEFFu}) {
    EXPECT_FALSE(internal::AppendNormalised(u, out, replaced));
  }
  EXPECT_EQ(out, "");
  EXPECT_TRUE(internal::AppendNormalised('\f', out, replaced));
  EXPECT_TRUE(internal::AppendNormalised(0xD800, out, replaced));
  EXPECT_EQ(out, " \xEF\xBF\xBD");
  EXPECT_EQ(replaced, 1u);
}

TEST(PdfHeadings, BoldAndLargeLinesAreHeadings) {
  const std::string content = Lines({"ARTICLE 7 EXPORT CONTROL"}, "/F2", 11, 740) +
                              Lines({"Sanctions and Embargoes"}, "/F1", 16, 700) +
                              Lines({"Each party shall comply with all applicable export laws",
                                     "and regulations, including the EAR and ITAR, and shall not",
                                     "export any item without the required licence."},
                                    "/F1", 11, 660);
  const Document doc = Extract(BuildPdfWithFonts({content}));
  ASSERT_EQ(doc.status, DocumentStatus::kOk) << doc.reason;
  std::vector<std::string> headings, body;
  for (const TextBlock& block : doc.blocks) {
    const std::string text = doc.text.substr(block.begin, block.end - block.begin);
    (block.heading_level == 1 ? headings : body).push_back(text);
    EXPECT_EQ(block.part, TextPart::kBody) << text;
  }
  EXPECT_EQ(headings,
            (std::vector<std::string>{"ARTICLE 7 EXPORT CONTROL", "Sanctions and Embargoes"}));
  ASSERT_EQ(body.size(), 1u);
  EXPECT_TRUE(body[0].starts_with("Each party shall comply")) << body[0];
}

TEST(PdfRunningHeaders, RepeatedTopAndBottomLinesAreTaggedAndKept) {
  std::vector<std::string> pages;
  for (int i = 1; i <= 4; ++i) {
    pages.push_back(Lines({"CONFIDENTIAL - Research Agreement No. 2024-" + std::to_string(7 * i)},
                          "/F1", 9, 770) +
                    Lines({"Clause " + std::to_string(i) + " text of the agreement that goes on",
                           "and continues on the next line of page " + std::to_string(i) + "."},
                          "/F1", 11, 600) +
                    Lines({"Page " + std::to_string(i) + " of 4"}, "/F1", 9, 30));
  }
  const Document doc = Extract(BuildPdfWithFonts(pages));
  ASSERT_EQ(doc.status, DocumentStatus::kOk) << doc.reason;
  int headers = 0, footers = 0;
  for (const TextBlock& block : doc.blocks) {
    const std::string text = doc.text.substr(block.begin, block.end - block.begin);
    if (block.part == TextPart::kHeader) {
      ++headers;
      EXPECT_TRUE(text.starts_with("CONFIDENTIAL")) << text;
    } else if (block.part == TextPart::kFooter) {
      ++footers;
      EXPECT_TRUE(text.starts_with("Page ")) << text;
    } else {
      EXPECT_TRUE(text.starts_with("Clause ")) << text;
    }
  }
  EXPECT_EQ(headers, 4);
  EXPECT_EQ(footers, 4);
  EXPECT_NE(doc.text.find("Page 3 of 4"), std::string::npos);  // kept in the text
}

TEST(PdfRunningHeaders, CorpusContractFootersAreTaggedOnEveryPage) {
  // Every page of this CUAD contract ends with "Source: AIMMUNE THERAPEUTICS, INC., 8-K, 2/5/2020".
  const auto pdf = fixtures::CorpusPath(
      "contracts/cuad/pdf/Part_I/Development/AimmuneTherapeuticsInc_20200205_8-K_EX-10.3_11967170_"
      "EX-10.3_Development Agreement.pdf");
  TRUSTSCREEN_NEED_CORPUS(pdf);
  const Document doc = ExtractFile(pdf, ExtractOptions{});
  ASSERT_EQ(doc.status, DocumentStatus::kOk) << doc.reason;
  std::vector<int> footer_pages;
  for (const TextBlock& block : doc.blocks) {
    if (block.part != TextPart::kFooter) continue;
    EXPECT_EQ(doc.text.substr(block.begin, block.end - block.begin),
              "Source: AIMMUNE THERAPEUTICS, INC., 8-K, 2/5/2020");
    footer_pages.push_back(doc.PageAt(block.begin));
  }
  ASSERT_EQ(footer_pages.size(), doc.pages.size());
  for (std::size_t i = 0; i < footer_pages.size(); ++i) {
    EXPECT_EQ(footer_pages[i], static_cast<int>(i) + 1);
  }
  // Blocks are in text order, inside their page, and do not overlap.
  for (std::size_t i = 1; i < doc.blocks.size(); ++i) {
    EXPECT_LE(doc.blocks[i - 1].end, doc.blocks[i].begin);
    EXPECT_EQ(doc.PageAt(doc.blocks[i].begin), doc.PageAt(doc.blocks[i].end - 1));
  }
}

// One run of text at (x, y) points from the bottom left, in `font` at `size`.
std::string TextAt(int x, int y, std::string_view text, std::string_view font = "/F1",
                   int size = 11) {
  return "BT " + std::string(font) + " " + std::to_string(size) + " Tf " + std::to_string(x) + " " +
         std::to_string(y) + " Td (" + std::string(text) + ") Tj ET\n";
}

// The lines of `text` (split at '\n' and '\f'), without empty ones.
std::vector<std::string> TextLines(std::string_view text) {
  std::vector<std::string> lines;
  std::size_t begin = 0;
  while (begin <= text.size()) {
    std::size_t end = text.find_first_of("\n\f", begin);
    if (end == std::string_view::npos) end = text.size();
    if (end > begin) lines.emplace_back(text.substr(begin, end - begin));
    begin = end + 1;
  }
  return lines;
}

bool HasLine(const Document& doc, std::string_view line) {
  const std::vector<std::string> lines = TextLines(doc.text);
  return std::find(lines.begin(), lines.end(), line) != lines.end();
}

TEST(PdfClauseNumbers, NumberInAColumnOfItsOwnStartsTheLineBesideIt) {
  // As in the CUAD AZUL-ATR maintenance agreement: clause numbers at the margin, headings and text
  // at a tab stop, sub-clause labels in a column of their own.
  const std::string content =
      TextAt(72, 720, "17.", "/F2") + TextAt(110, 720, "CONDITIONS PRECEDENT", "/F2") +
      TextAt(110, 700, "The obligations of the Repairer are subject to the following:") +
      TextAt(110, 680, "(i)") + TextAt(140, 680, "the Security Deposit being available; and") +
      TextAt(110, 660, "(ii)") + TextAt(140, 660, "a signed statement of each Main Element.") +
      TextAt(72, 630, "18.", "/F2") + TextAt(110, 630, "EXPORT CONTROL", "/F2") +
      TextAt(110, 610, "The Company shall comply with all export control laws and") +
      TextAt(110, 596, "regulations applicable to the Items and the Aircraft.") +
      TextAt(72, 566, "18.1", "/F2") + TextAt(72, 546, "(a)") +
      TextAt(110, 546, "Re-exports require the consent of the Repairer.");
  const Document doc = Extract(BuildPdfWithFonts({content}));
  ASSERT_EQ(doc.status, DocumentStatus::kOk) << doc.reason;
  EXPECT_TRUE(HasLine(doc, "17. CONDITIONS PRECEDENT")) << doc.text;
  EXPECT_TRUE(HasLine(doc, "(i) the Security Deposit being available; and")) << doc.text;
  EXPECT_TRUE(HasLine(doc, "(ii) a signed statement of each Main Element.")) << doc.text;
  EXPECT_TRUE(HasLine(doc, "18. EXPORT CONTROL")) << doc.text;
  EXPECT_TRUE(HasLine(doc, "(a) Re-exports require the consent of the Repairer.")) << doc.text;
  // "18.1" has nothing beside it: it stays a line of its own, where it was.
  EXPECT_TRUE(HasLine(doc, "18.1")) << doc.text;
  EXPECT_FALSE(HasLine(doc, "18.")) << doc.text;
  // The heading stays a heading, in reading order before its clause text.
  const TextBlock* heading = fixtures::BlockWith(doc, "18. EXPORT CONTROL");
  ASSERT_NE(heading, nullptr);
  EXPECT_EQ(heading->heading_level, 1);
  EXPECT_LT(doc.text.find("18. EXPORT CONTROL"), doc.text.find("The Company shall comply"));
  EXPECT_LT(doc.text.find("(ii) a signed"), doc.text.find("18. EXPORT CONTROL"));
}

TEST(PdfClauseNumbers, NumbersNotBesideTextStayWhereTheyAre) {
  // A table: the row number sits between two text rows, on neither line.
  // A page number at the margin, on the line of the body text: a bare number is no clause number.
  // A clause number far from the next column (another column of a two-column page).
  const std::string content = TextAt(72, 700, "2.1") + TextAt(140, 710, "Delivery of the samples") +
                              TextAt(140, 690, "Analysis of the results") + TextAt(30, 600, "12") +
                              TextAt(72, 600, "Each party shall keep complete records.") +
                              TextAt(72, 500, "3.") +
                              TextAt(330, 500, "Results of the second work package.");
  const Document doc = Extract(BuildPdfWithFonts({content}));
  ASSERT_EQ(doc.status, DocumentStatus::kOk) << doc.reason;
  EXPECT_TRUE(HasLine(doc, "2.1")) << doc.text;
  EXPECT_TRUE(HasLine(doc, "Delivery of the samples")) << doc.text;
  EXPECT_TRUE(HasLine(doc, "Analysis of the results")) << doc.text;
  EXPECT_TRUE(HasLine(doc, "12")) << doc.text;
  EXPECT_TRUE(HasLine(doc, "Each party shall keep complete records.")) << doc.text;
  EXPECT_TRUE(HasLine(doc, "3.")) << doc.text;
  EXPECT_TRUE(HasLine(doc, "Results of the second work package.")) << doc.text;
}

TEST(PdfClauseNumbers, IsClauseNumberAcceptsLabelsNotQuantities) {
  for (std::string_view label : {"18.", "18.1", "16.6.2", "17.0", "12.3(b)", "12.3(b)(iv)", "2)",
                                 "(a)", "(iv)", "(12)", "(A)", "(IV)", "a)", "iv)", "1.1."}) {
    EXPECT_TRUE(internal::IsClauseNumber(label)) << label;
  }
  for (std::string_view text : {"", "18", "2019", "1,000", "1.2.3456", "(a", "a.", "(abc)", "(123)",
                                "Page 3", "18. EXPORT", "$3.50", "-12-", "1.2a"}) {
    EXPECT_FALSE(internal::IsClauseNumber(text)) << text;
  }
}

internal::PdfLine LineAt(std::string text, double x_min, double x_max, double y_min, int block) {
  internal::PdfLine line;
  line.text = std::move(text);
  line.x_min = x_min;
  line.x_max = x_max;
  line.y_min = y_min;
  line.y_max = y_min + 10;
  line.font_size = 10;
  line.block = block;
  line.chars = static_cast<int>(line.text.size());
  line.words = 1;
  return line;
}

TEST(PdfClauseNumbers, JoinsRightToLeftAndKeepsTheLinesPlaceInReadingOrder) {
  internal::PdfPageLines page;
  page.height = 792;
  page.lines = {
      LineAt("18.", 50, 61, 100, 0),          LineAt("Previous clause text", 70, 300, 80, 1),
      LineAt("(a)", 70, 80, 100, 2),          LineAt("Export Control", 90, 160, 100, 3),
      LineAt("Far column", 300, 400, 130, 4), LineAt("(b)", 70, 80, 130, 5)};
  internal::JoinClauseNumbers(page);
  std::vector<std::string> texts;
  for (const internal::PdfLine& line : page.lines) texts.push_back(line.text);
  EXPECT_EQ(texts, (std::vector<std::string>{"Previous clause text", "18. (a) Export Control",
                                             "Far column", "(b)"}));
  EXPECT_EQ(page.lines[1].block, 3);
  EXPECT_DOUBLE_EQ(page.lines[1].x_min, 50);
  EXPECT_EQ(page.lines[1].chars, static_cast<int>(page.lines[1].text.size()));
}

TEST(PdfTextQuality, PageOfPrivateUseGlyphsNeedsOcr) {
  // What a font without a usable encoding produces: private-use characters instead of letters.
  std::vector<std::string> garbage;
  for (int i = 0; i < 10; ++i)
    garbage.push_back("\\004\\004a \\004b\\004 c\\004\\004 \\004\\004 \\004d");
  const Document doc = Extract(
      BuildPdfWithFonts({Lines({"An ordinary page of readable contract text."}), Lines(garbage)}));
  EXPECT_EQ(doc.status, DocumentStatus::kPartial);
  EXPECT_EQ(doc.reason, "text layer unreadable (broken font encoding?) on page 2; OCR needed");
  ASSERT_EQ(doc.pages.size(), 2u);
  EXPECT_FALSE(doc.pages[0].needs_ocr);
  EXPECT_TRUE(doc.pages[1].needs_ocr);
  EXPECT_GT(doc.quality.nonword_share, 0.5);

  const Document only = Extract(BuildPdfWithFonts({Lines(garbage)}));
  EXPECT_EQ(only.status, DocumentStatus::kNeedsOcr);
  EXPECT_EQ(only.reason, "text layer unreadable (broken font encoding?) on page 1; OCR needed");
}

}  // namespace
}  // namespace trustscreen::extract
