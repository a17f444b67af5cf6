// DOCX stories other than the plain body: tables, headers, footers, notes, comments, text boxes,
// tracked changes, fields, hyperlinks, symbols — and the part every block is tagged with.
#include <string>
#include <string_view>

#include "corpus.h"
#include "docx_fixtures.h"
#include "gtest/gtest.h"
#include "test_fixtures.h"
#include "trustscreen/extract/extract.h"

namespace trustscreen::extract {
namespace {

using fixtures::BlockWith;

using fixtures::BuildDocxWithParts;
using fixtures::DocxPart;
using fixtures::Para;
using fixtures::WRun;
using fixtures::XmlRoot;

Document Extract(const std::string& bytes) {
  return ExtractBytes(bytes, "agreement.docx", ExtractOptions{});
}

// The block holding the first occurrence of `needle`, or null.
TextPart PartOf(const Document& doc, std::string_view needle) {
  const TextBlock* block = BlockWith(doc, needle);
  EXPECT_NE(block, nullptr) << "no block holds \"" << needle << "\" in:\n" << doc.text;
  return block == nullptr ? TextPart::kBody : block->part;
}

TEST(DocxParts, TableCellsInOrderTaggedTable) {
  const std::string cell_a = "<w:tc>" + Para("Partner") + "</w:tc>";
  const std::string cell_b = "<w:tc>" + Para("Ruritania Institute") + "</w:tc>";
  const Document doc = Extract(BuildDocxWithParts(
      Para("Before") + "<w:tbl><w:tr>" + cell_a + cell_b + "</w:tr></w:tbl>" + Para("After"), {}));
  ASSERT_EQ(doc.status, DocumentStatus::kOk) << doc.reason;
  EXPECT_EQ(doc.text, "Before\nPartner\nRuritania Institute\nAfter\n");
  EXPECT_EQ(PartOf(doc, "Partner"), TextPart::kTable);
  EXPECT_EQ(PartOf(doc, "Ruritania"), TextPart::kTable);
  EXPECT_EQ(PartOf(doc, "After"), TextPart::kBody);
}

TEST(DocxParts, HeadersFootersNotesAndCommentsFollowTheBodyInThatOrder) {
  const std::vector<DocxPart> parts = {
      // Comments first in the relationships: the output order is still by part type.
      {"comments", "word/comments.xml",
       XmlRoot("comments", "<w:comment w:id=\"0\" w:author=\"Rev\">" +
                               Para("Check the ITAR status") + "</w:comment>")},
      // Any part name: found through the relationships, not by a fixed name.
      {"header", "word/hdr-main.xml", XmlRoot("hdr", Para("CONFIDENTIAL header"))},
      {"footer", "word/foot_a.xml", XmlRoot("ftr", Para("Page footer text"))},
      {"footnotes", "word/footnotes.xml",
       XmlRoot("footnotes",
               "<w:footnote w:type=\"separator\" w:id=\"-1\"><w:p><w:r><w:separator/></w:r>"
               "</w:p></w:footnote><w:footnote w:id=\"1\">" +
                   Para("Footnote: EAR99 classification") + "</w:footnote>")},
      {"endnotes", "word/endnotes.xml",
       XmlRoot("endnotes",
               "<w:endnote w:id=\"1\">" + Para("Endnote on dual-use") + "</w:endnote>")},
  };
  const Document doc = Extract(BuildDocxWithParts(
      Para("Body text") +
          "<w:p><w:r><w:t>Ref</w:t></w:r><w:r><w:footnoteReference w:id=\"1\"/></w:r></w:p>",
      parts));
  ASSERT_EQ(doc.status, DocumentStatus::kOk) << doc.reason;
  EXPECT_EQ(doc.text,
            "Body text\nRef\nCONFIDENTIAL header\nPage footer text\nFootnote: EAR99 "
            "classification\nEndnote on dual-use\nCheck the ITAR status\n");
  EXPECT_EQ(PartOf(doc, "Body text"), TextPart::kBody);
  EXPECT_EQ(PartOf(doc, "CONFIDENTIAL"), TextPart::kHeader);
  EXPECT_EQ(PartOf(doc, "Page footer"), TextPart::kFooter);
  EXPECT_EQ(PartOf(doc, "EAR99"), TextPart::kFootnote);
  EXPECT_EQ(PartOf(doc, "dual-use"), TextPart::kEndnote);
  EXPECT_EQ(PartOf(doc, "ITAR"), TextPart::kComment);
  ASSERT_EQ(doc.pages.size(), 1u);
  EXPECT_EQ(doc.pages[0].end, doc.text.size());
}

TEST(DocxParts, TextBoxIsReadOnceNotAgainFromItsFallback) {
  const std::string box =
      "<w:p><w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing><wps:txbx>"
      "<w:txbxContent>" +
      Para("Boxed sanctions note") +
      "</w:txbxContent></wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><v:textbox>"
      "<w:txbxContent>" +
      Para("Boxed sanctions note") +
      "</w:txbxContent></v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r>"
      "<w:r><w:t>Anchor paragraph</w:t></w:r></w:p>";
  const Document doc = Extract(BuildDocxWithParts(box, {}));
  ASSERT_EQ(doc.status, DocumentStatus::kOk) << doc.reason;
  EXPECT_EQ(doc.text, "Boxed sanctions note\nAnchor paragraph\n");
  EXPECT_EQ(PartOf(doc, "Boxed"), TextPart::kTextBox);
  EXPECT_EQ(PartOf(doc, "Anchor"), TextPart::kBody);
}

TEST(DocxParts, TrackedInsertionIsTaggedInserted) {
  const Document doc =
      Extract(BuildDocxWithParts("<w:p>" + WRun("Licence ") + "<w:ins w:id=\"1\" w:author=\"A\">" +
                                     WRun("subject to EAR review") + "</w:ins></w:p>",
                                 {}));
  ASSERT_EQ(doc.status, DocumentStatus::kOk) << doc.reason;
  EXPECT_EQ(doc.text, "Licence subject to EAR review\n");
  EXPECT_EQ(PartOf(doc, "Licence"), TextPart::kBody);
  EXPECT_EQ(PartOf(doc, "subject to EAR"), TextPart::kInserted);
}

TEST(DocxParts, TrackedDeletionIsScreenedAndTaggedDeleted) {
  const Document doc = Extract(BuildDocxWithParts(
      "<w:p>" + WRun("Kept. ") +
          "<w:del w:id=\"2\" w:author=\"A\"><w:r><w:delText>No transfer to Ruritania."
          "</w:delText></w:r></w:del></w:p>",
      {}));
  ASSERT_EQ(doc.status, DocumentStatus::kOk) << doc.reason;
  EXPECT_EQ(doc.text, "Kept. No transfer to Ruritania.\n");
  EXPECT_EQ(PartOf(doc, "Kept."), TextPart::kBody);
  EXPECT_EQ(PartOf(doc, "No transfer"), TextPart::kDeleted);
  ASSERT_EQ(doc.blocks.size(), 2u);
  EXPECT_EQ(doc.blocks[0].end, doc.blocks[1].begin);
}

TEST(DocxParts, FieldResultIsTextAndItsInstructionIsNot) {
  const Document doc = Extract(BuildDocxWithParts(
      "<w:p>" + WRun("See ") +
          "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>"
          "<w:r><w:instrText xml:space=\"preserve\"> REF export_clause \\h </w:instrText></w:r>"
          "<w:r><w:t>IGNORED</w:t></w:r>"  // stray text inside the instruction
          "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>" +
          WRun("clause 7.2") + "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>" + WRun(" below") +
          "</w:p>" + "<w:p><w:fldSimple w:instr=\" PAGE \">" + WRun("3") + "</w:fldSimple></w:p>",
      {}));
  ASSERT_EQ(doc.status, DocumentStatus::kOk) << doc.reason;
  EXPECT_EQ(doc.text, "See clause 7.2 below\n3\n");
}

TEST(DocxParts, HyperlinkTextIsRead) {
  const Document doc =
      Extract(BuildDocxWithParts("<w:p>" + WRun("Consult the ") + "<w:hyperlink r:id=\"rIdLink\">" +
                                     WRun("Entity List") + "</w:hyperlink></w:p>",
                                 {}));
  ASSERT_EQ(doc.status, DocumentStatus::kOk) << doc.reason;
  EXPECT_EQ(doc.text, "Consult the Entity List\n");
}

TEST(DocxParts, SymbolsTabsBreaksAndHyphens) {
  const Document doc = Extract(BuildDocxWithParts(
      "<w:p><w:r><w:sym w:font=\"Symbol\" w:char=\"F0B7\"/><w:t xml:space=\"preserve\"> item"
      "</w:t><w:tab/><w:sym w:font=\"Wingdings\" w:char=\"F0FC\"/><w:sym w:font=\"Calibri\" "
      "w:char=\"20AC\"/><w:br/><w:t>co</w:t><w:noBreakHyphen/><w:t>op</w:t><w:softHyphen/>"
      "<w:t>eration</w:t></w:r></w:p>",
      {}));
  ASSERT_EQ(doc.status, DocumentStatus::kOk) << doc.reason;
  EXPECT_EQ(doc.text, "\xE2\x80\xA2 item\t\xE2\x9C\x94\xE2\x82\xAC\nco-operation\n");
}

TEST(DocxParts, HeadingsFromStylesAndOutlineLevels) {
  const std::string styles = XmlRoot(
      "styles",
      "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name "
      "w:val=\"Normal\"/></w:style>"
      "<w:style w:type=\"paragraph\" w:styleId=\"berschrift2\"><w:name w:val=\"heading 2\"/>"
      "</w:style>"
      "<w:style w:type=\"paragraph\" w:styleId=\"Title\"><w:name w:val=\"Title\"/></w:style>"
      "<w:style w:type=\"paragraph\" w:styleId=\"MyHead\"><w:basedOn w:val=\"berschrift2\"/>"
      "</w:style>");
  const Document doc = Extract(
      BuildDocxWithParts(Para("Agreement", "<w:pStyle w:val=\"Title\"/>") +
                             Para("Definitions", "<w:pStyle w:val=\"berschrift2\"/>") +
                             Para("Derived", "<w:pStyle w:val=\"MyHead\"/>") +
                             Para("Outlined", "<w:outlineLvl w:val=\"2\"/>") + Para("Plain"),
                         {{"styles", "word/styles.xml", styles}}));
  ASSERT_EQ(doc.status, DocumentStatus::kOk) << doc.reason;
  EXPECT_EQ(BlockWith(doc, "Agreement")->heading_level, 1);
  EXPECT_EQ(BlockWith(doc, "Definitions")->heading_level, 2);
  EXPECT_EQ(BlockWith(doc, "Derived")->heading_level, 2);
  EXPECT_EQ(BlockWith(doc, "Outlined")->heading_level, 3);
  EXPECT_EQ(BlockWith(doc, "Plain")->heading_level, 0);
}

TEST(DocxParts, DamagedHeaderMakesThePartialButKeepsTheBody) {
  const Document doc = Extract(BuildDocxWithParts(
      Para("Body survives"), {{"header", "word/header1.xml", "<w:hdr><w:p>unclosed"}}));
  EXPECT_EQ(doc.status, DocumentStatus::kPartial) << doc.reason;
  EXPECT_TRUE(doc.reason.starts_with("damaged DOCX: word/header1.xml: ")) << doc.reason;
  EXPECT_NE(doc.text.find("Body survives"), std::string::npos);
}

TEST(DocxParts, SamplesDocxTextIsUnchanged) {
  // The shipped sample has no headers or notes: its text must stay byte-for-byte what the
  // end-to-end findings were written against.
  const auto path =
      std::filesystem::path(TRUSTSCREEN_SOURCE_DIR) / "samples/collaboration-agreement.docx";
  if (!std::filesystem::exists(path)) GTEST_SKIP() << "no sample: " << path;
  const Document doc = ExtractFile(path, ExtractOptions{});
  ASSERT_EQ(doc.status, DocumentStatus::kOk) << doc.reason;
  EXPECT_EQ(doc.text.size(), 13573u);
}

TEST(DocxParts, CorpusDocumentsGainHeadersAndFooters) {
  const auto german = fixtures::CorpusPath("contracts/docx_karaka/Muster Arbeitsvertrag.docx");
  TRUSTSCREEN_NEED_CORPUS(german);
  const Document doc = ExtractFile(german, ExtractOptions{});
  ASSERT_EQ(doc.status, DocumentStatus::kOk) << doc.reason;
  const TextBlock* footer = BlockWith(doc, "Seite 2 von");
  ASSERT_NE(footer, nullptr);
  EXPECT_EQ(footer->part, TextPart::kFooter);
  const auto letter =
      fixtures::CorpusPath("proposals/nsf_pgrp_2014_rilab/submitted/BloomMaizeLtrSupport.docx");
  const Document bloom = ExtractFile(letter, ExtractOptions{});
  ASSERT_EQ(bloom.status, DocumentStatus::kOk) << bloom.reason;
  const TextBlock* header = BlockWith(bloom, "Carlisle");
  ASSERT_NE(header, nullptr);
  EXPECT_EQ(header->part, TextPart::kHeader);
}

}  // namespace
}  // namespace trustscreen::extract
