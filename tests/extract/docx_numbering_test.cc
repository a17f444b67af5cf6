// Word's automatic list numbering: the labels must come out exactly as Word displays them.
#include <string>
#include <string_view>
#include <vector>

#include "docx_fixtures.h"
#include "gtest/gtest.h"
#include "trustscreen/extract/extract.h"

namespace trustscreen::extract {
namespace {

using fixtures::BuildDocxWithParts;
using fixtures::ListPara;
using fixtures::Para;
using fixtures::XmlRoot;

std::string Level(int ilvl, std::string_view format, std::string_view text, int start = 1,
                  std::string_view extra = "") {
  return "<w:lvl w:ilvl=\"" + std::to_string(ilvl) + "\"><w:start w:val=\"" +
         std::to_string(start) + "\"/><w:numFmt w:val=\"" + std::string(format) +
         "\"/><w:lvlText w:val=\"" + std::string(text) + "\"/>" + std::string(extra) +
         "<w:pPr><w:ind w:left=\"720\"/></w:pPr></w:lvl>";
}

std::string Abstract(int id, std::string_view levels) {
  return "<w:abstractNum w:abstractNumId=\"" + std::to_string(id) + "\">" + std::string(levels) +
         "</w:abstractNum>";
}

std::string Num(int id, int abstract_id, std::string_view overrides = "") {
  return "<w:num w:numId=\"" + std::to_string(id) + "\"><w:abstractNumId w:val=\"" +
         std::to_string(abstract_id) + "\"/>" + std::string(overrides) + "</w:num>";
}

const std::string kNumbering = XmlRoot(
    "numbering",
    Abstract(0, Level(0, "decimal", "%1.") + Level(1, "decimal", "%1.%2") +
                    Level(2, "decimal", "%1.%2.%3") + Level(3, "lowerLetter", "(%4)") +
                    Level(4, "lowerRoman", "(%5)")) +
        Abstract(1, Level(0, "upperRoman", "Article %1", 1, "<w:suff w:val=\"space\"/>")) +
        Abstract(2, Level(0, "upperRoman", "%1.") + Level(1, "decimal", "%1.%2", 1, "<w:isLgl/>")) +
        Abstract(3, Level(0, "decimal", "%1)", 5)) +
        Abstract(4, Level(0, "bullet", "\xEF\x82\xB7")) +
        Abstract(5, Level(0, "upperLetter", "%1.")) +
        // The abstract definitions first, then the instances, as Word writes them.
        Num(1, 0) + Num(2, 1) +
        Num(3, 1, "<w:lvlOverride w:ilvl=\"0\"><w:startOverride w:val=\"4\"/></w:lvlOverride>") +
        Num(4, 2) + Num(5, 3) + Num(6, 3) + Num(7, 4) + Num(8, 5));

const std::string kStyles =
    XmlRoot("styles",
            "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name "
            "w:val=\"Normal\"/></w:style>"
            "<w:style w:type=\"paragraph\" w:styleId=\"ArticleHeading\"><w:name w:val=\"Article "
            "Heading\"/><w:basedOn w:val=\"Heading1\"/><w:pPr><w:numPr><w:numId w:val=\"2\"/>"
            "</w:numPr></w:pPr></w:style>"
            "<w:style w:type=\"paragraph\" w:styleId=\"Heading1\"><w:name w:val=\"heading 1\"/>"
            "<w:pPr><w:outlineLvl w:val=\"0\"/></w:pPr></w:style>");

Document ExtractWithLists(const std::string& body) {
  return ExtractBytes(BuildDocxWithParts(body, {{"numbering", "word/numbering.xml", kNumbering},
                                                {"styles", "word/styles.xml", kStyles}}),
                      "agreement.docx", ExtractOptions{});
}

// Every block's label, in order.
std::vector<std::string> Labels(const Document& doc) {
  std::vector<std::string> labels;
  for (const TextBlock& block : doc.blocks) labels.push_back(block.label);
  return labels;
}

TEST(DocxNumbering, MultiLevelDecimalLettersAndRomanWithRestarts) {
  const Document doc = ExtractWithLists(
      ListPara(1, 0, "Definitions") + ListPara(1, 1, "Export") + ListPara(1, 2, "Items") +
      ListPara(1, 3, "hardware") + ListPara(1, 3, "software") + ListPara(1, 4, "source") +
      ListPara(1, 4, "object") + ListPara(1, 4, "libraries") + ListPara(1, 2, "Technology") +
      ListPara(1, 3, "restarted after a higher level") + ListPara(1, 1, "Re-export") +
      ListPara(1, 0, "Obligations") + ListPara(1, 1, "restarted sub-clause"));
  ASSERT_EQ(doc.status, DocumentStatus::kOk) << doc.reason;
  EXPECT_EQ(Labels(doc),
            (std::vector<std::string>{"1.", "1.1", "1.1.1", "(a)", "(b)", "(i)", "(ii)", "(iii)",
                                      "1.1.2", "(a)", "1.2", "2.", "2.1"}));
  EXPECT_EQ(doc.text,
            "1.\tDefinitions\n1.1\tExport\n1.1.1\tItems\n(a)\thardware\n(b)\tsoftware\n"
            "(i)\tsource\n(ii)\tobject\n(iii)\tlibraries\n1.1.2\tTechnology\n"
            "(a)\trestarted after a higher level\n1.2\tRe-export\n2.\tObligations\n"
            "2.1\trestarted sub-clause\n");
  // The label is part of the block.
  EXPECT_EQ(doc.blocks[0].begin, 0u);
}

TEST(DocxNumbering, UpperRomanArticlesFromAParagraphStyleAndAStartOverride) {
  const std::string article_style = "<w:pStyle w:val=\"ArticleHeading\"/>";
  const Document doc =
      ExtractWithLists(Para("Scope", article_style) + Para("plain text, no label") +
                       Para("Export Control", article_style) + Para("Term", article_style) +
                       // A later list instance that overrides the start: Article IV, V.
                       ListPara(3, 0, "Sanctions") + ListPara(3, 0, "Governing Law"));
  ASSERT_EQ(doc.status, DocumentStatus::kOk) << doc.reason;
  EXPECT_EQ(Labels(doc), (std::vector<std::string>{"Article I", "", "Article II", "Article III",
                                                   "Article IV", "Article V"}));
  EXPECT_EQ(doc.text,
            "Article I Scope\nplain text, no label\nArticle II Export Control\nArticle III "
            "Term\nArticle IV Sanctions\nArticle V Governing Law\n");
  EXPECT_EQ(doc.blocks[0].heading_level, 1);  // the style is based on Heading1
}

TEST(DocxNumbering, StartValuesSharedAbstractsLegalNumberingBulletsAndLetters) {
  const Document doc = ExtractWithLists(
      ListPara(5, 0, "five") + ListPara(5, 0, "six") +
      // Another instance of the same abstract list without an override continues it.
      ListPara(6, 0, "seven") + ListPara(4, 0, "Part") + ListPara(4, 1, "legal") +
      ListPara(7, 0, "bullet") + ListPara(8, 0, "A item") + ListPara(8, 0, "B item") +
      // numId 0 switches numbering off; an undefined list gives no label.
      ListPara(0, 0, "none") + ListPara(99, 0, "undefined"));
  ASSERT_EQ(doc.status, DocumentStatus::kOk) << doc.reason;
  EXPECT_EQ(Labels(doc), (std::vector<std::string>{"5)", "6)", "7)", "I.", "1.1", "\xE2\x80\xA2",
                                                   "A.", "B.", "", ""}));
}

TEST(DocxNumbering, LettersAndRomansBeyondTheSimpleRange) {
  std::string body;
  for (int i = 0; i < 28; ++i) body += ListPara(8, 0, "x");
  const Document doc = ExtractWithLists(body);
  ASSERT_EQ(doc.status, DocumentStatus::kOk) << doc.reason;
  ASSERT_EQ(doc.blocks.size(), 28u);
  EXPECT_EQ(doc.blocks[25].label, "Z.");
  EXPECT_EQ(doc.blocks[26].label, "AA.");  // Word repeats the letter
  EXPECT_EQ(doc.blocks[27].label, "BB.");
}

}  // namespace
}  // namespace trustscreen::extract
