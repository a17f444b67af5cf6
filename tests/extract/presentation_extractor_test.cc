// PPTX and ODP on generated packages: slide order, one page per slide, tables, grouped shapes,
// speaker notes, comments, master footers, and a zip bomb in a slide.
#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "package_fixtures.h"
#include "test_fixtures.h"
#include "trustscreen/extract/extract.h"
#include "zip_fixtures.h"

namespace trustscreen::extract {
namespace {

using fixtures::BlockWith;
using fixtures::BuildZip;
using fixtures::PptxShape;

constexpr std::uint64_t kMiB = 1 << 20;

std::string PageText(const Document& doc, std::size_t index) {
  const Page& page = doc.pages.at(index);
  return doc.text.substr(page.begin, page.end - page.begin);
}

TEST(PptxExtractor, SlidesInShowOrderWithTablesGroupsAndNotes) {
  const std::string table =
      "<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id=\"4\" name=\"Table\"/></p:nvGraphicFramePr>"
      "<a:graphic><a:graphicData><a:tbl><a:tr><a:tc><a:txBody><a:p><a:r><a:t>Partner</a:t></a:r>"
      "</a:p></a:txBody></a:tc><a:tc><a:txBody><a:p><a:r><a:t>Harbin Institute of "
      "Technology</a:t></a:r></a:p></a:txBody></a:tc></a:tr></a:tbl></a:graphicData></a:graphic>"
      "</p:graphicFrame>";
  const std::string group = "<p:grpSp><p:nvGrpSpPr/>" + PptxShape({"grouped one"}) + "<p:grpSp>" +
                            PptxShape({"grouped two"}) + "</p:grpSp></p:grpSp>";
  const std::string notes =
      PptxShape({"Speaker: mention the ECCN 3A001"}) +
      "<p:sp><p:nvSpPr><p:cNvPr id=\"9\" name=\"Slide Number\"/><p:cNvSpPr/><p:nvPr>"
      "<p:ph type=\"sldNum\"/></p:nvPr></p:nvSpPr><p:txBody><a:p><a:fld type=\"slidenum\">"
      "<a:t>2</a:t></a:fld></a:p></p:txBody></p:sp>";
  const std::string pptx = BuildZip(fixtures::PptxMembers(
      {{.shapes = PptxShape({"Title of the deck", "Second <a:br/>line"}), .notes = {}},
       {.shapes = table + group, .notes = notes}}));
  const Document doc = ExtractBytes(pptx, "deck.pptx", ExtractOptions{});
  ASSERT_EQ(doc.status, DocumentStatus::kOk) << doc.reason;
  EXPECT_EQ(doc.format, DocumentFormat::kPptx);
  ASSERT_EQ(doc.pages.size(), 2u);
  EXPECT_EQ(doc.pages[0].label, "slide 1");
  EXPECT_EQ(doc.pages[1].label, "slide 2");
  EXPECT_EQ(doc.pages[1].number, 2);
  EXPECT_EQ(PageText(doc, 0), "Title of the deck\nSecond  line\n");
  EXPECT_EQ(PageText(doc, 1),
            "Partner\nHarbin Institute of Technology\ngrouped one\ngrouped two\n"
            "Speaker: mention the ECCN 3A001\n");
  EXPECT_EQ(BlockWith(doc, "Harbin")->part, TextPart::kTable);
  EXPECT_EQ(BlockWith(doc, "grouped two")->part, TextPart::kBody);
  EXPECT_EQ(BlockWith(doc, "Speaker")->part, TextPart::kNotes);
}

TEST(PptxExtractor, ZipBombInASlideIsTooLarge) {
  std::vector<fixtures::RawMember> members;
  for (auto& [name, content] : fixtures::PptxMembers({{.shapes = "", .notes = {}}})) {
    if (name == "ppt/slides/slide1.xml") continue;
    members.push_back(fixtures::DeflatedMember(name, content));
  }
  members.push_back(fixtures::DeflatedRepeatMember(
      "ppt/slides/slide1.xml",
      std::string(fixtures::kXmlDeclaration) + "<p:sld " + std::string(fixtures::kPmlNs) +
          "><p:cSld><p:spTree><p:sp><p:txBody><a:p><a:r><a:t>",
      ' ', 96 * kMiB, "</a:t></a:r></a:p></p:txBody></p:sp></p:spTree></p:cSld></p:sld>"));
  ExtractOptions options;
  options.max_decompressed_bytes = 64 * kMiB;
  const Document doc = ExtractBytes(fixtures::BuildRawZip(members), "bomb.pptx", options);
  EXPECT_EQ(doc.format, DocumentFormat::kPptx);
  EXPECT_EQ(doc.status, DocumentStatus::kTooLarge) << doc.reason;
  EXPECT_NE(doc.reason.find("ppt/slides/slide1.xml"), std::string::npos) << doc.reason;
}

TEST(PptxExtractor, LegacyCommentsAreCommentBlocksOfTheirSlide) {
  fixtures::PackageMembers members =
      fixtures::PptxMembers({{.shapes = PptxShape({"Body"}), .notes = {}}});
  members.emplace_back("ppt/slides/_rels/slide1.xml.rels",
                       fixtures::Rels(fixtures::Rel("rIdC", "comments", "../comments/c1.xml")));
  members.emplace_back("ppt/comments/c1.xml",
                       std::string(fixtures::kXmlDeclaration) + "<p:cmLst " +
                           std::string(fixtures::kPmlNs) +
                           "><p:cm authorId=\"1\"><p:pos x=\"1\" y=\"1\"/><p:text>Is NUDT a "
                           "partner?</p:text></p:cm></p:cmLst>");
  const Document doc = ExtractBytes(BuildZip(members), "c.pptx", ExtractOptions{});
  ASSERT_EQ(doc.status, DocumentStatus::kOk) << doc.reason;
  const TextBlock* comment = BlockWith(doc, "Is NUDT a partner?");
  ASSERT_NE(comment, nullptr);
  EXPECT_EQ(comment->part, TextPart::kComment);
  EXPECT_EQ(doc.PageRecordAt(comment->begin)->label, "slide 1");
}

TEST(PptxExtractor, MissingSlideIsPartialButADanglingNotesLinkIsNot) {
  fixtures::PackageMembers members = fixtures::PptxMembers(
      {{.shapes = PptxShape({"kept"}), .notes = {}}, {.shapes = PptxShape({"gone"}), .notes = {}}});
  // Slide parts are named in reverse: the second slide is ppt/slides/slide1.xml.
  std::erase_if(members,
                [](const auto& member) { return member.first == "ppt/slides/slide1.xml"; });
  members.emplace_back(
      "ppt/slides/_rels/slide2.xml.rels",
      fixtures::Rels(fixtures::Rel("rIdN", "notesSlide", "../notesSlides/no.xml")));
  const Document doc = ExtractBytes(BuildZip(members), "gap.pptx", ExtractOptions{});
  EXPECT_EQ(doc.status, DocumentStatus::kPartial);
  EXPECT_EQ(doc.reason,
            "damaged PPTX: ppt/slides/slide1.xml is missing; the other slides were read");
  EXPECT_EQ(doc.text, "kept\n\f");
  ASSERT_EQ(doc.pages.size(), 2u);
  EXPECT_EQ(doc.pages[1].label, "slide 2");
}

TEST(OdpExtractor, PagesNotesTablesCommentsAndFooters) {
  const std::string pages =
      "<presentation:footer-decl presentation:name=\"ftr1\">Confidential: Partner list"
      "</presentation:footer-decl>"
      "<draw:page draw:name=\"page1\" presentation:use-footer-name=\"ftr1\">"
      "<draw:frame><draw:text-box><text:p>First <text:span>slide</text:span></text:p>"
      "<text:list><text:list-item><text:p>a bullet</text:p></text:list-item></text:list>"
      "</draw:text-box></draw:frame>"
      "<office:annotation><dc:creator>R</dc:creator><text:p>check this</text:p>"
      "</office:annotation>"
      "<presentation:notes><draw:page-thumbnail/><draw:frame><draw:text-box>"
      "<text:p>Presenter note</text:p></draw:text-box></draw:frame></presentation:notes>"
      "</draw:page>"
      "<draw:page draw:name=\"page2\"><draw:frame><table:table><table:table-row>"
      "<table:table-cell><text:p>cell text</text:p></table:table-cell></table:table-row>"
      "</table:table></draw:frame></draw:page>";
  const Document doc =
      ExtractBytes(BuildZip(fixtures::OdpMembers(pages)), "talk.odp", ExtractOptions{});
  ASSERT_EQ(doc.status, DocumentStatus::kOk) << doc.reason;
  EXPECT_EQ(doc.format, DocumentFormat::kOdp);
  ASSERT_EQ(doc.pages.size(), 2u);
  EXPECT_EQ(doc.pages[0].label, "slide 1");
  EXPECT_EQ(PageText(doc, 0),
            "First slide\na bullet\ncheck this\nPresenter note\nConfidential: Partner list\n");
  EXPECT_EQ(PageText(doc, 1), "cell text\n");
  EXPECT_EQ(BlockWith(doc, "check this")->part, TextPart::kComment);
  EXPECT_EQ(BlockWith(doc, "Presenter note")->part, TextPart::kNotes);
  EXPECT_EQ(BlockWith(doc, "Confidential")->part, TextPart::kFooter);
  EXPECT_EQ(BlockWith(doc, "cell text")->part, TextPart::kTable);
}

TEST(OdfPackages, OtherOpenDocumentTypesStayUnsupportedWithAHint) {
  const std::string odg = BuildZip(fixtures::OdfMembers(
      "application/vnd.oasis.opendocument.graphics", "drawing", "<draw:page/>"));
  const Document doc = ExtractBytes(odg, "drawing.odg", ExtractOptions{});
  EXPECT_EQ(doc.status, DocumentStatus::kUnsupported);
  EXPECT_NE(doc.reason.find("opendocument.graphics"), std::string::npos) << doc.reason;
  EXPECT_NE(doc.reason.find("convert"), std::string::npos) << doc.reason;
}

}  // namespace
}  // namespace trustscreen::extract
