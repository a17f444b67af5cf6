// The e-mail files of the shared corpus (formats/{eml,mbox,msg,tnef}/, from the test suites of
// Apache Tika, Apache POI, MimeKit, flanker, MSGReader and php-mime-mail-parser): what each one
// exercises, as SOURCES.txt describes it, read with real content asserted.
#include <filesystem>
#include <string>
#include <string_view>

#include "corpus.h"
#include "gtest/gtest.h"
#include "trustscreen/extract/extract.h"

namespace trustscreen::extract {
namespace {

Document ExtractCorpus(std::string_view relative) {
  ExtractOptions options;
  options.ocr = OcrMode::kNever;
  return ExtractFile(testing::CorpusPath("formats/" + std::string(relative)), options);
}

bool Contains(std::string_view text, std::string_view part) {
  return text.find(part) != std::string_view::npos;
}

const Document* Member(const Document& doc, std::string_view name) {
  for (const Document& member : doc.members) {
    if (member.path == doc.path + "!/" + std::string(name)) return &member;
  }
  return nullptr;
}

#define NEED_MAIL_CORPUS() TRUSTSCREEN_NEED_CORPUS(testing::CorpusPath("formats/eml"))

TEST(MailCorpus, DecodesRfc2047HeadersInTwoCharsets) {
  NEED_MAIL_CORPUS();
  const Document doc = ExtractCorpus("eml/tika__testRFC822_i18nheaders");
  ASSERT_EQ(doc.status, DocumentStatus::kOk) << doc.reason;
  EXPECT_EQ(doc.format, DocumentFormat::kEml);  // no extension: sniffed by its headers
  EXPECT_TRUE(Contains(doc.text, "From: Keld Jørn Simonsen <keld@dkuug.dk>\n")) << doc.text;
  EXPECT_TRUE(Contains(doc.text, "Subject: If you can read this you understand the example.\n"));
  EXPECT_TRUE(Contains(doc.text, "Examples taken from RFC 2047."));
}

TEST(MailCorpus, DecodesABase64Body) {
  NEED_MAIL_CORPUS();
  const Document doc = ExtractCorpus("eml/tika__testRFC822_base64");
  ASSERT_EQ(doc.status, DocumentStatus::kOk) << doc.reason;
  EXPECT_TRUE(Contains(doc.text, "Here is some text, with international characters, voilà!"));
}

TEST(MailCorpus, ConvertsIso2022JpSubjectAndBody) {
  NEED_MAIL_CORPUS();
  const Document doc = ExtractCorpus("eml/mimekit__japanese.txt");  // a .txt that is a message
  ASSERT_EQ(doc.status, DocumentStatus::kOk) << doc.reason;
  EXPECT_EQ(doc.format, DocumentFormat::kEml);
  ASSERT_EQ(doc.pages.size(), 1u);
  EXPECT_EQ(doc.pages[0].label, "Subject: 日本語メールテスト (testing Japanese emails)");
  EXPECT_TRUE(Contains(doc.text, "日本語が\n正常に\n送れているか\nテスト.")) << doc.text;
}

TEST(MailCorpus, DecodesUtf8Base64SubjectDespiteABrokenFold) {
  NEED_MAIL_CORPUS();
  const Document doc = ExtractCorpus("eml/msgreader__UTF-8_Test.eml");
  ASSERT_EQ(doc.status, DocumentStatus::kOk) << doc.reason;
  EXPECT_TRUE(Contains(doc.text, "Subject: 【要確認】●普通自転車（")) << doc.text;
  EXPECT_TRUE(Contains(doc.text, "From: 設備予約systemシステム <system@example.com>"));
  EXPECT_TRUE(Contains(doc.text, "メッセージです。"));
}

TEST(MailCorpus, ReadsWindows1252QEncodedHeadersAndEveryAttachment) {
  NEED_MAIL_CORPUS();
  const Document doc = ExtractCorpus("eml/msgreader__TestWithAttachmentsAndInlines.eml");
  EXPECT_TRUE(Contains(doc.text, "From: Müller Peter <Peter.Mueller@domain.ch>")) << doc.text;
  EXPECT_TRUE(Contains(doc.text, "Subject: Object - subject"));
  for (const char* name : {"attachment1f.txt", "attachment2f.txt", "attachment4f.txt"}) {
    const Document* member = Member(doc, name);
    ASSERT_NE(member, nullptr) << name;
    EXPECT_EQ(member->status, DocumentStatus::kOk) << name << ": " << member->reason;
  }
  // The inline PNG is an 18×18 icon, too small to hold text: empty, and the message partial, never
  // ok with an image unread.
  const Document* png = Member(doc, "Outlook-facebook.png");
  ASSERT_NE(png, nullptr);
  EXPECT_EQ(png->format, DocumentFormat::kImage);
  EXPECT_EQ(png->status, DocumentStatus::kEmpty);
  EXPECT_EQ(png->reason, "PNG image of 18×18 pixels, too small to hold text");
  EXPECT_EQ(doc.status, DocumentStatus::kPartial) << doc.reason;
}

TEST(MailCorpus, NestedMessageAndTextAttachmentAreMembers) {
  NEED_MAIL_CORPUS();
  const Document doc = ExtractCorpus("eml/tika__testGroupWiseEml.eml");
  ASSERT_EQ(doc.status, DocumentStatus::kOk) << doc.reason;
  EXPECT_TRUE(Contains(doc.text, "Subject: test333"));
  const Document* nested = Member(doc, "test.eml");
  ASSERT_NE(nested, nullptr);
  EXPECT_EQ(nested->format, DocumentFormat::kEml);
  ASSERT_FALSE(nested->pages.empty());
  EXPECT_EQ(nested->pages[0].label, "Subject: test2");
  const Document* text = Member(doc, "Neues Textdokument.txt");
  ASSERT_NE(text, nullptr);
  EXPECT_EQ(text->status, DocumentStatus::kOk) << text->reason;
}

TEST(MailCorpus, PdfInsideAnAlternativesMixedChildIsAMember) {
  NEED_MAIL_CORPUS();
  const Document doc = ExtractCorpus("eml/tika__testRFC822-mixed-with-pdf-inline");
  EXPECT_TRUE(Contains(doc.text, "I cannot access that page")) << doc.text;
  const Document* pdf = Member(doc, "tzora-titan-4-hummer-xl-manual.pdf");
  ASSERT_NE(pdf, nullptr);
  // The fixture's PDF part is empty (Tika's test only checks that it is found): the message is
  // partial, not ok.
  EXPECT_EQ(pdf->status, DocumentStatus::kEmpty) << pdf->reason;
  EXPECT_EQ(doc.status, DocumentStatus::kPartial) << doc.reason;
}

TEST(MailCorpus, PrefersThePlainAlternativeAndListsTheGif) {
  NEED_MAIL_CORPUS();
  const Document doc = ExtractCorpus("eml/tika__testRFC822-multipart");
  EXPECT_TRUE(Contains(doc.text, "Subject: Test Multi Part Message"));
  EXPECT_TRUE(Contains(doc.text, "Text specific to body 1.")) << doc.text;
  const Document* gif = Member(doc, "logo.gif");
  ASSERT_NE(gif, nullptr);
  EXPECT_EQ(gif->format, DocumentFormat::kImage);
  EXPECT_EQ(gif->status, DocumentStatus::kEmpty) << gif->reason;  // a 310×60 logo
}

TEST(MailCorpus, ZipAttachmentsAreScreenedAndAnEncryptedOneMakesTheMessagePartial) {
  NEED_MAIL_CORPUS();
  const Document normal = ExtractCorpus("eml/tika__testRFC822_normal_zip");
  ASSERT_EQ(normal.status, DocumentStatus::kOk) << normal.reason;
  const Document* zip = Member(normal, "test.zip");
  ASSERT_NE(zip, nullptr);
  EXPECT_EQ(zip->format, DocumentFormat::kZip);
  ASSERT_EQ(zip->members.size(), 1u);
  EXPECT_EQ(zip->members[0].path, zip->path + "!/text.txt");
  EXPECT_EQ(zip->members[0].status, DocumentStatus::kOk);

  const Document encrypted = ExtractCorpus("eml/tika__testRFC822_encrypted_zip");
  EXPECT_EQ(encrypted.status, DocumentStatus::kPartial);
  EXPECT_EQ(encrypted.reason, "1 of 1 attachment not fully screened");
  EXPECT_TRUE(Contains(encrypted.text, "Subject: Test mail for Tika"));
  const Document* locked = Member(encrypted, "test.zip");
  ASSERT_NE(locked, nullptr);
  ASSERT_EQ(locked->members.size(), 1u);
  EXPECT_EQ(locked->members[0].status, DocumentStatus::kEncrypted);
}

TEST(MailCorpus, OfficeAttachmentsAndAnRfc2231NameInANestedMessage) {
  NEED_MAIL_CORPUS();
  const Document doc = ExtractCorpus("eml/phpmimemailparser__issue274.eml");
  for (const char* name : {"Hello from SwiftMailer.docx", "Hello from SwiftMailer.pdf",
                           "Hello from SwiftMailer.odt"}) {
    const Document* member = Member(doc, name);
    ASSERT_NE(member, nullptr) << name;
    EXPECT_EQ(member->status, DocumentStatus::kOk) << name << ": " << member->reason;
    EXPECT_TRUE(Contains(member->text, "Hello")) << name << ": " << member->text;
  }
  EXPECT_NE(Member(doc, "Cours-Tutoriels-Serge-Tahé-1568x268.png"), nullptr);
  const Document* nested = Member(doc, "test-localhost.eml");
  ASSERT_NE(nested, nullptr);
  EXPECT_EQ(nested->format, DocumentFormat::kEml);
  EXPECT_NE(Member(*nested, "Hello from SwiftMailer.docx"), nullptr);
}

TEST(MailCorpus, Rfc2047EncodedAttachmentName) {
  NEED_MAIL_CORPUS();
  const Document doc = ExtractCorpus("eml/phpmimemailparser__m0024");
  EXPECT_TRUE(Contains(doc.text, "Subject: Persil, abeilles ..."));
  const Document* doc_file = Member(doc, "Biodiversité de semaine en semaine.doc");
  ASSERT_NE(doc_file, nullptr);
  EXPECT_EQ(doc_file->format, DocumentFormat::kDoc);  // read by the Word 97-2003 reader
  EXPECT_EQ(doc_file->status, DocumentStatus::kOk) << doc_file->reason;
  EXPECT_FALSE(doc_file->text.empty());
  EXPECT_EQ(doc.status, DocumentStatus::kOk) << doc.reason;
}

TEST(MailCorpus, HostileMessagesAreReadWithoutCrashing) {
  NEED_MAIL_CORPUS();
  const Document malformed = ExtractCorpus("eml/flanker__mailformed-headers.eml");
  EXPECT_EQ(malformed.status, DocumentStatus::kOk) << malformed.reason;
  // Raw UTF-8 with one stray byte stays UTF-8; a lone 8-bit byte is read as Windows-1252.
  EXPECT_TRUE(Contains(malformed.text, "From: Юникод запрещен")) << malformed.text;
  EXPECT_TRUE(Contains(malformed.text, "Subject: ´!")) << malformed.text;

  const Document unterminated = ExtractCorpus("eml/flanker__missing-final-boundary.eml");
  EXPECT_EQ(unterminated.status, DocumentStatus::kOk) << unterminated.reason;
  EXPECT_TRUE(Contains(unterminated.text, "Some body"));

  // A 135 KB To: header of folded encoded-words.
  const Document long_header = ExtractCorpus("eml/mimekit__stack-overflow.txt");
  EXPECT_EQ(long_header.status, DocumentStatus::kOk) << long_header.reason;
  EXPECT_EQ(long_header.format, DocumentFormat::kEml);
  EXPECT_TRUE(Contains(long_header.text, "Subject: Message Subject"));
  EXPECT_TRUE(Contains(long_header.text, "Message Body"));
}

TEST(MailCorpus, MboxMessagesAreMembers) {
  NEED_MAIL_CORPUS();
  const Document thread = ExtractCorpus("mbox/tika__complex.mbox");
  ASSERT_EQ(thread.status, DocumentStatus::kOk) << thread.reason;
  EXPECT_EQ(thread.format, DocumentFormat::kMbox);
  ASSERT_EQ(thread.members.size(), 3u);
  for (int i = 0; i < 3; ++i) {
    const Document& message = thread.members[static_cast<std::size_t>(i)];
    EXPECT_EQ(message.path, thread.path + "!/000" + std::to_string(i + 1) + ".eml");
    ASSERT_FALSE(message.pages.empty());
    EXPECT_EQ(message.pages[0].label,
              "Subject: Re: question about when shuffle/sort start working");
  }

  const Document single = ExtractCorpus("mbox/tika__testMBOX_complex.mbox");
  ASSERT_EQ(single.status, DocumentStatus::kOk) << single.reason;
  ASSERT_EQ(single.members.size(), 1u);
  EXPECT_EQ(single.members[0].pages[0].label, "Subject: xxxxxxx");

  // Content-Length delimited, "From " unescaped inside bodies (MimeKit's benchmark folder).
  const Document large = ExtractCorpus("mbox/mimekit__content-length.mbox.txt");
  EXPECT_EQ(large.format, DocumentFormat::kMbox);
  EXPECT_EQ(large.members.size(), 29u);
  EXPECT_NE(large.status, DocumentStatus::kCrashed);
}

TEST(MailCorpus, TnefBodiesAndAttachments) {
  NEED_MAIL_CORPUS();
  const Document quick = ExtractCorpus("tnef/poi__quick-winmail.dat");
  EXPECT_EQ(quick.format, DocumentFormat::kTnef);
  EXPECT_TRUE(Contains(quick.text, "Subject: This is a test message")) << quick.text;
  // The body is compressed RTF only.
  EXPECT_TRUE(Contains(quick.text, "These are five files.")) << quick.text;
  for (const char* name : {"quick.doc", "quick.html", "quick.pdf", "quick.txt", "quick.xml"}) {
    EXPECT_NE(Member(quick, name), nullptr) << name;
  }
  ASSERT_NE(Member(quick, "quick.pdf"), nullptr);
  EXPECT_EQ(Member(quick, "quick.pdf")->status, DocumentStatus::kOk);
  EXPECT_EQ(Member(quick, "quick.txt")->status, DocumentStatus::kOk);

  const Document attached = ExtractCorpus("tnef/poi__bug52400-winmail-with-attachments.dat");
  EXPECT_TRUE(Contains(attached.text, "There are also two attachments.")) << attached.text;
  const Document* pdf = Member(attached, "scion_tc_2007_maintenanceguide.pdf");
  ASSERT_NE(pdf, nullptr);
  EXPECT_EQ(pdf->status, DocumentStatus::kOk) << pdf->reason;
  EXPECT_NE(Member(attached, "Duke_Wave.png"), nullptr);

  // A 53-byte stream whose lengths would allocate gigabytes in a naive reader.
  const Document oom = ExtractCorpus("tnef/poi__oom.tnef");
  EXPECT_EQ(oom.format, DocumentFormat::kTnef);
  EXPECT_EQ(oom.status, DocumentStatus::kCorrupt) << oom.reason;
}

TEST(MsgCorpus, HeadersBodyAndRecipientsOfASimpleMessage) {
  NEED_MAIL_CORPUS();
  const Document doc = ExtractCorpus("msg/poi__quick.msg");
  ASSERT_EQ(doc.status, DocumentStatus::kOk) << doc.reason;
  EXPECT_EQ(doc.format, DocumentFormat::kMsg);
  EXPECT_TRUE(Contains(doc.text, "From: Kevin Roast\n")) << doc.text;
  EXPECT_TRUE(Contains(doc.text, "To: Kevin Roast <kevin.roast@alfresco.org>\n"));
  EXPECT_TRUE(Contains(doc.text, "Date: 2007-06-14 09:42:53 UTC\n"));
  EXPECT_TRUE(Contains(doc.text, "The quick brown fox jumps over the lazy dog"));
  EXPECT_EQ(doc.pages[0].label, "Subject: Test the content transformer");
}

TEST(MsgCorpus, Big5String8PropertiesAreConvertedWithTheMessageCodePage) {
  NEED_MAIL_CORPUS();
  const Document doc = ExtractCorpus("msg/poi__chinese-traditional.msg");
  ASSERT_EQ(doc.status, DocumentStatus::kOk) << doc.reason;
  EXPECT_EQ(doc.pages[0].label, "Subject: Alfresco MSG format testing ( MSG 格式測試 )");
  EXPECT_TRUE(Contains(doc.text, "From: Tests Chang@FT (張毓倫)")) << doc.text;
  EXPECT_TRUE(Contains(doc.text, "中文測試"));
  EXPECT_EQ(doc.replaced_invalid_bytes, 0u);
}

TEST(MsgCorpus, UnicodeMessageWithManyRecipients) {
  NEED_MAIL_CORPUS();
  const Document doc = ExtractCorpus("msg/poi__example_received_unicode.msg");
  EXPECT_TRUE(Contains(doc.text, "'Paul Holmes-Higgin' <paul.hh@alfresco.com>")) << doc.text;
  EXPECT_TRUE(Contains(doc.text, "Cc: nickb@alfresco.com, nick.burch@alfresco.com"));
  EXPECT_TRUE(Contains(doc.text, "The quick brown fox jumps over the lazy dog"));
  EXPECT_NE(Member(doc, "alfresco.gif"), nullptr);
}

TEST(MsgCorpus, AttachmentsAreMembersAndAnAttachedMessageIsReadInPlace) {
  NEED_MAIL_CORPUS();
  const Document doc = ExtractCorpus("msg/poi__attachment_test_msg.msg");
  ASSERT_EQ(doc.status, DocumentStatus::kOk) << doc.reason;
  EXPECT_EQ(doc.pages[0].label, "Subject: test pièce jointe 1");
  const Document* word = Member(doc, "test-unicode.doc");
  ASSERT_NE(word, nullptr);
  EXPECT_EQ(word->format, DocumentFormat::kDoc);
  const Document* text = Member(doc, "pj1.txt");
  ASSERT_NE(text, nullptr);
  EXPECT_EQ(text->status, DocumentStatus::kOk);

  const Document outer = ExtractCorpus("msg/poi__attachment_msg_pdf.msg");
  ASSERT_EQ(outer.status, DocumentStatus::kOk) << outer.reason;
  const Document* inner = Member(outer, "Test Attachment.msg");
  ASSERT_NE(inner, nullptr);
  EXPECT_EQ(inner->format, DocumentFormat::kMsg);
  EXPECT_EQ(inner->pages[0].label, "Subject: Test Attachment");
  EXPECT_EQ(inner->sha256.size(), 64u);
  const Document* pdf = Member(outer, "smbprn.00009008.KdcPjl.pdf");
  ASSERT_NE(pdf, nullptr);
  EXPECT_EQ(pdf->format, DocumentFormat::kPdf);
  EXPECT_EQ(pdf->status, DocumentStatus::kOk);

  const Document jpegs = ExtractCorpus("msg/msgreader__EmailWithAttachments.msg");
  EXPECT_TRUE(Contains(jpegs.text, "Bcc: wendy@neverland.com")) << jpegs.text;
  EXPECT_NE(Member(jpegs, "peterpan.jpg"), nullptr);
  EXPECT_NE(Member(jpegs, "tinkerbell.jpg"), nullptr);
  EXPECT_EQ(jpegs.status, DocumentStatus::kPartial);  // two photos need OCR
}

TEST(MsgCorpus, CompressedRtfBodyIsDecompressedAndRead) {
  NEED_MAIL_CORPUS();
  const Document doc = ExtractCorpus("msg/msgreader__RtfSampleEmail.msg");
  ASSERT_EQ(doc.status, DocumentStatus::kOk) << doc.reason;
  EXPECT_TRUE(Contains(doc.text, "Well, Prince, so Genoa and Lucca are now just family estates"))
      << doc.text.substr(0, 500);
}

TEST(MsgCorpus, HostileMessagesDoNotCrash) {
  NEED_MAIL_CORPUS();
  const Document fuzz =
      ExtractCorpus("msg/poi__clusterfuzz-testcase-minimized-POIHSMFFuzzer-4848576776503296.msg");
  EXPECT_NE(fuzz.status, DocumentStatus::kCrashed) << fuzz.reason;
  EXPECT_TRUE(Contains(fuzz.text, "QuickBrownFox"));
  const Document unknown = ExtractCorpus("msg/poi__unknown_properties.msg");
  EXPECT_NE(unknown.status, DocumentStatus::kCrashed) << unknown.reason;
  EXPECT_EQ(unknown.format, DocumentFormat::kMsg);
}

}  // namespace
}  // namespace trustscreen::extract
