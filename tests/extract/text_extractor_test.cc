#include <string>
#include <string_view>

#include "gtest/gtest.h"
#include "trustscreen/extract/extract.h"

namespace trustscreen::extract {
namespace {

using namespace std::string_view_literals;

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";

Document Extract(std::string_view bytes, std::string path = "notes.txt") {
  return ExtractBytes(bytes, std::move(path), ExtractOptions{});
}

TEST(TextExtraction, ReadsUtf8AsOnePageCoveringAllText) {
  const Document doc = Extract("Dual-use items\nshall not be exported to Zürich.\n");
  EXPECT_EQ(doc.status, DocumentStatus::kOk);
  EXPECT_EQ(doc.format, DocumentFormat::kText);
  EXPECT_EQ(doc.reason, "");
  EXPECT_EQ(doc.text, "Dual-use items\nshall not be exported to Zürich.\n");
  ASSERT_EQ(doc.pages.size(), 1u);
  EXPECT_EQ(doc.pages[0].number, 1);
  EXPECT_EQ(doc.pages[0].begin, 0u);
  EXPECT_EQ(doc.pages[0].end, doc.text.size());
  EXPECT_EQ(doc.replaced_invalid_bytes, 0u);
}

TEST(TextExtraction, StripsUtf8ByteOrderMark) {
  const Document doc = Extract("\xEF\xBB\xBFITAR"sv);
  EXPECT_EQ(doc.status, DocumentStatus::kOk);
  EXPECT_EQ(doc.text, "ITAR");
}

// Enough valid multi-byte UTF-8 that a few invalid bytes are damage, not another encoding.
std::string ManyUmlauts() {
  std::string s;
  for (int i = 0; i < 1000; ++i) s += "Zürich ";
  return s;
}

TEST(TextExtraction, ReplacesAndCountsStrayInvalidBytesInUtf8) {
  const std::string valid = ManyUmlauts();
  const Document doc = Extract(valid + "caf\xE9 na\xEFve");
  EXPECT_EQ(doc.status, DocumentStatus::kOk);
  EXPECT_EQ(doc.encoding, "utf-8");
  EXPECT_EQ(doc.replaced_invalid_bytes, 2u);
  EXPECT_EQ(doc.reason, "2 invalid UTF-8 bytes replaced with U+FFFD");
  EXPECT_EQ(doc.text,
            valid + "caf" + std::string(kReplacement) + " na" + std::string(kReplacement) + "ve");
}

TEST(TextExtraction, EightBitTextIsDecodedAsWindows1252AndReported) {
  // Latin-1/cp1252 "café naïve — “quoted” 5 €": no valid UTF-8 sequence at all.
  const Document doc = Extract("caf\xE9 na\xEFve \x97 \x93quoted\x94 5 \x80"sv);
  EXPECT_EQ(doc.status, DocumentStatus::kOk);
  EXPECT_EQ(doc.encoding, "windows-1252");
  EXPECT_EQ(doc.reason, "decoded as Windows-1252 (not valid UTF-8)");
  EXPECT_EQ(doc.replaced_invalid_bytes, 0u);
  EXPECT_EQ(doc.text, "café naïve — “quoted” 5 €");
}

TEST(TextExtraction, SetsTheEncoding) {
  EXPECT_EQ(Extract("plain ascii").encoding, "utf-8");
  EXPECT_EQ(Extract("\xEF\xBB\xBF"
                    "bom"sv)
                .encoding,
            "utf-8");
  EXPECT_EQ(Extract("\xFF\xFEh\0i\0"sv).encoding, "utf-16le");
  EXPECT_EQ(Extract("\xFE\xFF\0h\0i"sv).encoding, "utf-16be");
}

TEST(TextExtraction, ReplacesOverlongFormsSurrogatesAndTruncatedSequences) {
  // Overlong '/', an encoded surrogate, a code point above U+10FFFF, a cut-off sequence.
  const Document doc = Extract(ManyUmlauts() +
                               "a\xC0\xAF"
                               "b\xED\xA0\x80"
                               "c\xF4\x90\x80\x80"
                               "d\xE2\x82");
  EXPECT_EQ(doc.status, DocumentStatus::kOk);
  EXPECT_EQ(doc.replaced_invalid_bytes, 2u + 3u + 4u + 2u);
  EXPECT_NE(doc.text.find('a'), std::string::npos);
  EXPECT_NE(doc.text.find('d'), std::string::npos);
}

TEST(TextExtraction, DecodesUtf16WithByteOrderMark) {
  const Document le = Extract(
      "\xFF\xFE"
      "E\0x\0p\0o\0r\0t\0 \0\xFC\0"sv,
      "a.txt");
  EXPECT_EQ(le.status, DocumentStatus::kOk);
  EXPECT_EQ(le.text, "Export ü");
  const Document be = Extract("\xFE\xFF\0O\0K\xD8\x3D\xDE\x00"sv, "a.md");
  EXPECT_EQ(be.status, DocumentStatus::kOk);
  EXPECT_EQ(be.text, "OK\xF0\x9F\x98\x80");  // a surrogate pair: U+1F600
}

TEST(TextExtraction, WhitespaceOnlyIsEmpty) {
  const Document doc = Extract(" \n\t\r\n\xC2\xA0 "sv);
  EXPECT_EQ(doc.status, DocumentStatus::kEmpty);
  EXPECT_EQ(doc.reason, "no text found");
}

TEST(TextExtraction, NulBytesBeyondTheSniffedHeadMakeItUnsupported) {
  std::string bytes(kSniffBytes + 100, 'a');
  bytes[kSniffBytes + 50] = '\0';
  const Document doc = Extract(bytes, "log.log");
  EXPECT_EQ(doc.status, DocumentStatus::kUnsupported);
  EXPECT_NE(doc.reason.find("NUL bytes"), std::string::npos) << doc.reason;
  EXPECT_TRUE(doc.text.empty());
}

TEST(TextExtraction, TextWithoutTextExtensionIsUnsupported) {
  const Document doc = Extract("Export control", "data.dat");
  EXPECT_EQ(doc.status, DocumentStatus::kUnsupported);
  EXPECT_EQ(doc.reason,
            "unsupported file type (.dat); supported: PDF, DOCX, DOC, ODT, RTF, XLSX, XLS, ODS, "
            "CSV, PPTX, PPT, ODP, HTML, XML, e-mail (EML, MBOX, MSG, TNEF), ZIP, tar, 7z and RAR "
            "archives, gzip, images (PNG, JPEG, TIFF, GIF, BMP, WebP, JPEG 2000), plain text (.txt "
            ".text .md .markdown .tex .csv .tsv .rst .log .bib .json .yml .yaml .ics .vcf)");
}

TEST(TextExtraction, CalendarInvitesAndContactCardsAreUnfoldedAndUnescaped) {
  const Document invite = Extract(
      "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:Kick-off\\, with partners\r\n"
      "DESCRIPTION:Visit of Harbin Institute of Tec\r\n hnology\\nAgenda: export cont\r\n\trol\r\n"
      "END:VEVENT\r\nEND:VCALENDAR\r\n",
      "invite.ics");
  EXPECT_EQ(invite.status, DocumentStatus::kOk) << invite.reason;
  EXPECT_NE(invite.text.find("Kick-off, with partners"), std::string::npos) << invite.text;
  EXPECT_NE(invite.text.find("Visit of Harbin Institute of Technology\nAgenda: export control\n"),
            std::string::npos)
      << invite.text;
  const Document card = Extract(
      "BEGIN:VCARD\nVERSION:3.0\nFN:Zhao Lin\nORG:Harbin Institute of Technology\\; School o\n"
      " f Astronautics\nEND:VCARD\n",
      "zhao.vcf");
  EXPECT_NE(card.text.find("ORG:Harbin Institute of Technology; School of Astronautics"),
            std::string::npos)
      << card.text;
  // Other text keeps its line breaks and backslashes.
  EXPECT_EQ(Extract("a\\nb\n c", "notes.txt").text, "a\\nb\n c");
}

}  // namespace
}  // namespace trustscreen::extract
