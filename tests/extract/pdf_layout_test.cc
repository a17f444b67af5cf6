// PDF text layout and normalisation: hyphenation, ligatures, invisible characters, headings and
// running headers/footers.
#include "pdf_layout.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

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

Document Extract(const std::string& pdf) {
  return ExtractBytes(pdf, "layout.pdf", ExtractOptions{});
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
  for (std::uint32_t u : {0xFB00u, 0xFB01u, 0xFB02u, 0xFB03u, 0xFB04u, 0xFB06u}) {
    EXPECT_TRUE(internal::AppendNormalised(u, out, replaced));
  }
  EXPECT_EQ(out, "fffiflffifflst");
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
  if (!std::filesystem::exists(pdf)) GTEST_SKIP() << "corpus file missing: " << pdf;
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
