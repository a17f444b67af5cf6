// E-mail: MIME messages (.eml) built here, mbox folders and TNEF streams; headers decoded, bodies
// chosen, attachments screened as members under the archive limits, hostile nesting and sizes.
#include <string>
#include <string_view>
#include <vector>

#include "gtest/gtest.h"
#include "mail_fixtures.h"
#include "mapi.h"
#include "ole_fixtures.h"
#include "test_fixtures.h"
#include "trustscreen/extract/extract.h"

namespace trustscreen::extract {
namespace {

using fixtures::Base64;
using fixtures::BuildDocx;
using fixtures::BuildZip;
using fixtures::WordDocument;

Document Extract(const std::string& bytes, std::string path = "thread.eml",
                 const ExtractOptions& options = ExtractOptions{}) {
  return ExtractBytes(bytes, std::move(path), options);
}

bool Contains(std::string_view text, std::string_view part) {
  return text.find(part) != std::string_view::npos;
}

const Document* Member(const Document& doc, std::string_view path) {
  for (const Document& member : doc.members) {
    if (member.path == path) return &member;
  }
  return nullptr;
}

std::string Headers(std::string_view subject = "Draft agreement") {
  return "From: Jane Doe <jane@example.org>\r\n"
         "To: Legal <legal@example.org>\r\n"
         "Subject: " +
         std::string(subject) +
         "\r\n"
         "Date: Tue, 3 Nov 2026 10:00:00 +0000\r\n"
         "Message-ID: <1@example.org>\r\n"
         "MIME-Version: 1.0\r\n";
}

std::string Docx(std::string_view text) {
  return BuildDocx(WordDocument("<w:p><w:r><w:t>" + std::string(text) + "</w:t></w:r></w:p>"));
}

// A multipart/mixed message: a plain body and one base64 attachment.
std::string WithAttachment(std::string_view body, std::string_view filename, std::string_view type,
                           std::string_view content) {
  return Headers() +
         "Content-Type: multipart/mixed; boundary=\"outer\"\r\n\r\n"
         "--outer\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" +
         std::string(body) + "\r\n--outer\r\nContent-Type: " + std::string(type) +
         "\r\nContent-Disposition: attachment; filename=\"" + std::string(filename) +
         "\"\r\nContent-Transfer-Encoding: base64\r\n\r\n" + Base64(content) + "\r\n--outer--\r\n";
}

TEST(EmlExtractor, ReadsDecodedHeadersAndThePlainBodyAsParagraphs) {
  const std::string bytes =
      "From: =?ISO-8859-1?Q?Keld_J=F8rn_Simonsen?= <keld@dkuug.dk>\n"
      "To: Nobody <a@example.com>\n"
      "Subject: =?UTF-8?B?5Lit5paH?= export licence\n"
      "Date: Fri, 3 Nov 2017 12:00:00 -0800\n"
      "Content-Type: text/plain; charset=iso-8859-1\n"
      "Content-Transfer-Encoding: quoted-printable\n\n"
      "First paragraph, caf=E9\nsame paragraph.\n\nSecond paragraph.\n";
  const Document doc = Extract(bytes);
  ASSERT_EQ(doc.status, DocumentStatus::kOk) << doc.reason;
  EXPECT_EQ(doc.format, DocumentFormat::kEml);
  EXPECT_EQ(doc.text,
            "From: Keld Jørn Simonsen <keld@dkuug.dk>\n"
            "To: Nobody <a@example.com>\n"
            "Subject: 中文 export licence\n"
            "Date: Fri, 3 Nov 2017 12:00:00 -0800\n"
            "\n"
            "First paragraph, café\nsame paragraph.\n"
            "Second paragraph.\n");
  ASSERT_EQ(doc.pages.size(), 1u);
  EXPECT_EQ(doc.pages[0].label, "Subject: 中文 export licence");
  EXPECT_EQ(doc.pages[0].end, doc.text.size());
  ASSERT_EQ(doc.blocks.size(), 6u);
  EXPECT_EQ(doc.blocks[0].part, TextPart::kHeader);
  EXPECT_EQ(doc.blocks[4].part, TextPart::kBody);
  EXPECT_EQ(doc.text.substr(doc.blocks[5].begin, doc.blocks[5].end - doc.blocks[5].begin),
            "Second paragraph.");
  EXPECT_TRUE(doc.members.empty());
}

TEST(EmlExtractor, PrefersAPlainAlternativeWithText) {
  const std::string bytes = Headers() +
                            "Content-Type: multipart/alternative; boundary=b\n\n"
                            "--b\nContent-Type: text/plain\n\nPlain words\n"
                            "--b\nContent-Type: text/html\n\n<p>Html words</p>\n--b--\n";
  const Document doc = Extract(bytes);
  ASSERT_EQ(doc.status, DocumentStatus::kOk) << doc.reason;
  EXPECT_TRUE(Contains(doc.text, "Plain words"));
  EXPECT_FALSE(Contains(doc.text, "Html words"));
}

TEST(EmlExtractor, ReadsTheHtmlAlternativeWhenThePlainOneIsEmpty) {
  const std::string bytes =
      Headers() +
      "Content-Type: multipart/alternative; boundary=b\n\n"
      "--b\nContent-Type: text/plain\n\n   \n"
      "--b\nContent-Type: text/html; charset=windows-1252\nContent-Transfer-Encoding: base64\n\n" +
      Base64(
          "<html><head><meta charset=\"utf-8\"><style>p{}</style></head><body>"
          "<p>Joint venture with S\xE9ville Labs</p><table><tr><td>Cell</td></tr></table>"
          "</body></html>") +
      "\n--b--\n";
  const Document doc = Extract(bytes);
  ASSERT_EQ(doc.status, DocumentStatus::kOk) << doc.reason;
  // The MIME charset wins over the <meta> inside the HTML.
  EXPECT_TRUE(Contains(doc.text, "Joint venture with Séville Labs\n")) << doc.text;
  EXPECT_FALSE(Contains(doc.text, "p{}"));
  bool table = false;
  for (const TextBlock& block : doc.blocks) table = table || block.part == TextPart::kTable;
  EXPECT_TRUE(table);
}

TEST(EmlExtractor, ScreensAnAttachedDocxAsAMemberWithItsOwnPath) {
  const std::string docx = Docx("The partner is Harbin Institute of Technology.");
  const std::string bytes = WithAttachment(
      "Please review the attached draft.", "draft.docx",
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document", docx);
  const Document doc = Extract(bytes);
  ASSERT_EQ(doc.status, DocumentStatus::kOk) << doc.reason;
  EXPECT_TRUE(Contains(doc.text, "Please review the attached draft."));
  ASSERT_EQ(doc.members.size(), 1u);
  const Document& member = doc.members[0];
  EXPECT_EQ(member.path, "thread.eml!/draft.docx");
  EXPECT_EQ(member.format, DocumentFormat::kDocx);
  EXPECT_EQ(member.status, DocumentStatus::kOk) << member.reason;
  EXPECT_EQ(member.size_bytes, docx.size());
  EXPECT_EQ(member.text, "The partner is Harbin Institute of Technology.\n");
}

TEST(EmlExtractor, AttachedMessagesNestTheirAttachmentsInTheirPaths) {
  const std::string inner =
      WithAttachment("Inner body", "note.txt", "text/plain", "Controlled under EAR 3A001");
  const std::string bytes = Headers("Fwd: draft") +
                            "Content-Type: multipart/mixed; boundary=o\n\n"
                            "--o\nContent-Type: text/plain\n\nSee below.\n"
                            "--o\nContent-Type: message/rfc822\n"
                            "Content-Disposition: attachment; filename=fwd.eml\n\n" +
                            inner + "\n--o--\n";
  const Document doc = Extract(bytes, "a.eml");
  ASSERT_EQ(doc.status, DocumentStatus::kOk) << doc.reason;
  const Document* fwd = Member(doc, "a.eml!/fwd.eml");
  ASSERT_NE(fwd, nullptr);
  EXPECT_EQ(fwd->format, DocumentFormat::kEml);
  EXPECT_TRUE(Contains(fwd->text, "Inner body"));
  ASSERT_EQ(fwd->members.size(), 1u);
  EXPECT_EQ(fwd->members[0].path, "a.eml!/fwd.eml!/note.txt");
  EXPECT_EQ(fwd->members[0].text, "Controlled under EAR 3A001");
}

TEST(EmlExtractor, UnnamedAndDuplicateAttachmentsGetDistinctNames) {
  const std::string bytes = Headers() +
                            "Content-Type: multipart/mixed; boundary=o\n\n"
                            "--o\nContent-Type: text/plain\n\nBody\n"
                            "--o\nContent-Type: text/csv\nContent-Disposition: attachment\n\n"
                            "a,b\n"
                            "--o\nContent-Type: text/plain; name=x.txt\n\none\n"
                            "--o\nContent-Type: text/plain; name=x.txt\n\ntwo\n--o--\n";
  const Document doc = Extract(bytes);
  ASSERT_EQ(doc.members.size(), 3u);
  EXPECT_EQ(doc.members[0].path, "thread.eml!/attachment-1.txt");
  EXPECT_EQ(doc.members[1].path, "thread.eml!/x.txt");
  EXPECT_EQ(doc.members[2].path, "thread.eml!/x (2).txt");
  EXPECT_EQ(doc.status, DocumentStatus::kOk) << doc.reason;
}

TEST(EmlExtractor, AnAttachmentNotFullyScreenedMakesTheMessagePartial) {
  const std::string bytes = WithAttachment("Body text", "scan.png", "image/png",
                                           std::string("\x89PNG\r\n\x1A\n", 8) + "0000");
  const Document doc = Extract(bytes);
  EXPECT_EQ(doc.status, DocumentStatus::kPartial);
  EXPECT_EQ(doc.reason, "1 of 1 attachment not fully screened");
  EXPECT_TRUE(Contains(doc.text, "Body text"));  // the message's own text is kept
  ASSERT_EQ(doc.members.size(), 1u);
  EXPECT_EQ(doc.members[0].status, DocumentStatus::kCorrupt);  // a PNG signature, no picture
}

std::string NestedMultiparts(int levels) {
  std::string bytes = Headers("nested") + "Content-Type: multipart/mixed; boundary=b0\n\n";
  for (int i = 0; i < levels; ++i) {
    bytes += "--b" + std::to_string(i) + "\n";
    if (i + 1 < levels) {
      bytes += "Content-Type: multipart/mixed; boundary=b" + std::to_string(i + 1) + "\n\n";
    }
  }
  bytes += "Content-Type: text/plain\n\nDeep export control clause\n";
  for (int i = levels - 1; i >= 0; --i) bytes += "--b" + std::to_string(i) + "--\n";
  return bytes;
}

TEST(EmlExtractor, MultipartsNestedOverTheLimitArePartialNotLost) {
  ExtractOptions options;
  options.max_mime_depth = 8;
  const Document shallow = Extract(NestedMultiparts(5), "n.eml", options);
  EXPECT_EQ(shallow.status, DocumentStatus::kOk) << shallow.reason;
  EXPECT_TRUE(Contains(shallow.text, "Deep export control clause"));

  const Document deep = Extract(NestedMultiparts(40), "n.eml", options);
  EXPECT_EQ(deep.status, DocumentStatus::kPartial);
  EXPECT_TRUE(Contains(deep.reason, "max_mime_depth")) << deep.reason;
  EXPECT_TRUE(Contains(deep.text, "Subject: nested"));  // the headers are still screened
}

TEST(EmlExtractor, ThousandsOfNestedMultipartsDoNotOverflowTheStack) {
  // Deeper than GMime's own limit (1024).
  const Document doc = Extract(NestedMultiparts(5000), "n.eml");
  EXPECT_EQ(doc.status, DocumentStatus::kPartial) << doc.reason;
  EXPECT_TRUE(Contains(doc.reason, "max_mime_depth")) << doc.reason;
  // So many boundary lines that the tree would not fit in memory: refused before parsing.
  ExtractOptions options;
  options.max_mime_parts = 1000;
  const Document refused = Extract(NestedMultiparts(5000), "n.eml", options);
  EXPECT_EQ(refused.status, DocumentStatus::kTooLarge) << refused.reason;
  EXPECT_TRUE(Contains(refused.reason, "max_mime_parts")) << refused.reason;
}

TEST(EmlExtractor, TooManyPartsAreCountedAndTheRestNotRead) {
  ExtractOptions options;
  options.max_mime_parts = 10;
  std::string bytes = Headers() + "Content-Type: multipart/mixed; boundary=b\n\n";
  for (int i = 0; i < 30; ++i)
    bytes += "--b\nContent-Type: text/plain\n\npart " + std::to_string(i) + "\n";
  bytes += "--b--\n";
  const Document doc = Extract(bytes, "m.eml", options);
  EXPECT_EQ(doc.status, DocumentStatus::kPartial);
  EXPECT_TRUE(Contains(doc.reason, "max_mime_parts")) << doc.reason;
  EXPECT_TRUE(Contains(doc.text, "part 0"));
  EXPECT_FALSE(Contains(doc.text, "part 29"));
}

TEST(EmlExtractor, AHugeBase64BodyOverTheMemberLimitIsNotRead) {
  ExtractOptions options;
  options.max_member_bytes = 64 * 1024;
  const std::string body(200 * 1024, 'A');
  const std::string bytes = Headers("huge") +
                            "Content-Type: multipart/mixed; boundary=b\n\n"
                            "--b\nContent-Type: text/plain\n\nSmall first body\n"
                            "--b\nContent-Type: text/plain\nContent-Transfer-Encoding: base64\n\n" +
                            Base64(body) +
                            "\n--b\nContent-Type: application/pdf; name=big.pdf\n"
                            "Content-Transfer-Encoding: base64\n\n" +
                            Base64("%PDF-1.4\n" + body) + "\n--b--\n";
  const Document doc = Extract(bytes, "h.eml", options);
  EXPECT_EQ(doc.status, DocumentStatus::kPartial);
  EXPECT_TRUE(
      Contains(doc.reason, "text/plain body decodes to more than 64 KiB (max_member_bytes)"))
      << doc.reason;
  EXPECT_TRUE(Contains(doc.text, "Small first body"));
  const Document* big = Member(doc, "h.eml!/big.pdf");
  ASSERT_NE(big, nullptr);
  EXPECT_EQ(big->status, DocumentStatus::kTooLarge);
  EXPECT_TRUE(Contains(big->reason, "max_member_bytes")) << big->reason;
}

TEST(EmlExtractor, AttachmentsCountAgainstTheInputsDecompressionBudget) {
  ExtractOptions options;
  options.max_decompressed_bytes = 4096;
  const Document doc =
      Extract(Headers() +
                  "Content-Type: multipart/mixed; boundary=o\n\n--o\nContent-Type: text/plain\n\n"
                  "Body\n--o\nContent-Type: text/plain; name=a.txt\n\n" +
                  std::string(3000, 'a') + "\n--o\nContent-Type: text/plain; name=b.txt\n\n" +
                  std::string(3000, 'b') + "\n--o--\n",
              "budget.eml", options);
  EXPECT_EQ(doc.status, DocumentStatus::kPartial);
  ASSERT_EQ(doc.members.size(), 2u);
  EXPECT_EQ(doc.members[0].status, DocumentStatus::kOk);
  EXPECT_EQ(doc.members[1].status, DocumentStatus::kTooLarge);
  EXPECT_TRUE(Contains(doc.members[1].reason, "max_decompressed_bytes")) << doc.members[1].reason;
}

TEST(EmlExtractor, AMessageNestedTooDeepListsItsAttachmentsWithoutReadingThem) {
  ExtractOptions options;
  options.max_archive_depth = 1;
  const std::string eml = WithAttachment("Inner", "note.txt", "text/plain", "inner note");
  const std::string zip = BuildZip({{"thread.eml", eml}});
  const Document doc = Extract(zip, "bundle.zip", options);
  ASSERT_EQ(doc.members.size(), 1u);
  const Document& message = doc.members[0];
  EXPECT_EQ(message.format, DocumentFormat::kEml);
  EXPECT_EQ(message.status, DocumentStatus::kPartial);
  EXPECT_TRUE(Contains(message.text, "Inner"));
  ASSERT_EQ(message.members.size(), 1u);
  EXPECT_EQ(message.members[0].status, DocumentStatus::kTooLarge);
  EXPECT_TRUE(Contains(message.members[0].reason, "max_archive_depth"));
}

TEST(EmlExtractor, EncryptedPartsAreEncryptedMembers) {
  const std::string bytes =
      Headers() +
      "Content-Type: multipart/encrypted; protocol=\"application/pgp-encrypted\"; boundary=e\n\n"
      "--e\nContent-Type: application/pgp-encrypted\n\nVersion: 1\n"
      "--e\nContent-Type: application/octet-stream\n\n-----BEGIN PGP MESSAGE-----\n--e--\n";
  const Document doc = Extract(bytes);
  EXPECT_EQ(doc.status, DocumentStatus::kPartial);
  ASSERT_EQ(doc.members.size(), 1u);
  EXPECT_EQ(doc.members[0].status, DocumentStatus::kEncrypted);
}

TEST(MboxExtractor, EachMessageIsAMemberLabelledWithItsSubject) {
  const std::string mbox =
      "From alice@example.org Mon Jan  1 00:00:00 2024\n" + Headers("First") +
      "\nFirst body\n>From here on\n\n"
      "From bob@example.org Mon Jan  1 00:00:01 2024\n" +
      WithAttachment("Second body", "draft.docx",
                     "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                     Docx("Harbin Institute of Technology")) +
      "\n";
  const Document doc = Extract(mbox, "archive.mbox");
  ASSERT_EQ(doc.status, DocumentStatus::kOk) << doc.reason;
  EXPECT_EQ(doc.format, DocumentFormat::kMbox);
  EXPECT_TRUE(doc.text.empty());
  ASSERT_EQ(doc.members.size(), 2u);
  EXPECT_EQ(doc.members[0].path, "archive.mbox!/0001.eml");
  EXPECT_EQ(doc.members[0].format, DocumentFormat::kEml);
  ASSERT_EQ(doc.members[0].pages.size(), 1u);
  EXPECT_EQ(doc.members[0].pages[0].label, "Subject: First");
  EXPECT_TRUE(Contains(doc.members[0].text, "First body\n>From here on"));
  EXPECT_EQ(doc.members[1].path, "archive.mbox!/0002.eml");
  ASSERT_EQ(doc.members[1].members.size(), 1u);
  EXPECT_EQ(doc.members[1].members[0].path, "archive.mbox!/0002.eml!/draft.docx");
  EXPECT_EQ(doc.members[1].members[0].text, "Harbin Institute of Technology\n");
}

TEST(MailSniffing, DetectsMessagesByTheirHeaderBlock) {
  const std::string message = Headers() + "\nBody\n";
  EXPECT_EQ(SniffFormat(message, "tika__testRFC822"), DocumentFormat::kEml);
  EXPECT_EQ(SniffFormat(message, "saved.eml"), DocumentFormat::kEml);
  EXPECT_EQ(SniffFormat(message, "message.txt"), DocumentFormat::kEml);
  EXPECT_EQ(SniffFormat("From a@b Mon Jan  1 00:00:00 2024\n" + message, "folder"),
            DocumentFormat::kMbox);
  EXPECT_EQ(SniffFormat("From a@b Mon Jan  1 00:00:00 2024\n" + message, "one.eml"),
            DocumentFormat::kEml);
  EXPECT_EQ(SniffFormat(std::string("\x78\x9F\x3E\x22\x01\x00", 6), "winmail.dat"),
            DocumentFormat::kTnef);
}

TEST(MailSniffing, NotesThatStartLikeHeadersStayText) {
  EXPECT_EQ(SniffFormat("Note: call the partner\nTodo: budget\n\nText\n", "note.txt"),
            DocumentFormat::kText);
  EXPECT_EQ(SniffFormat("Subject: budget\nDate: today\n\nText\n", "minutes.txt"),
            DocumentFormat::kText);
  EXPECT_EQ(SniffFormat("Subject: budget\n\nText\n", "minutes"), DocumentFormat::kUnknown);
  EXPECT_EQ(SniffFormat("From: Alice\nTo: Bob\nSubject: lunch\n\nHi", "note.md"),
            DocumentFormat::kEml);
  EXPECT_EQ(SniffFormat("Title: A\nAuthor: B\n\nText", "paper.md"), DocumentFormat::kText);
  EXPECT_EQ(SniffFormat("From the desk of the director\nDear all,\n", "letter.txt"),
            DocumentFormat::kText);
}

TEST(TnefExtractor, ADamagedStreamIsCorruptWithoutAHugeAllocation) {
  // A message attribute that claims 4 GiB of data.
  const std::string bytes = std::string("\x78\x9F\x3E\x22\x01\x00", 6) +
                            std::string("\x01\x04\x80\x01\x00\xF0\xFF\xFF\xFF", 9) + "abc";
  const Document doc = Extract(bytes, "winmail.dat");
  EXPECT_EQ(doc.format, DocumentFormat::kTnef);
  EXPECT_EQ(doc.status, DocumentStatus::kCorrupt) << doc.reason;
  EXPECT_TRUE(Contains(doc.reason, "runs past the end")) << doc.reason;
}

TEST(EmlExtractor, ATnefAttachmentIsRecursedInto) {
  // A minimal TNEF stream: subject, one attachment with a title and data.
  const auto attribute = [](char level, std::uint32_t id, std::string_view data) {
    std::string out(1, level);
    for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>((id >> (8 * i)) & 0xFF));
    const auto size = static_cast<std::uint32_t>(data.size());
    for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>((size >> (8 * i)) & 0xFF));
    out.append(data);
    unsigned sum = 0;
    for (const char c : data) sum += static_cast<unsigned char>(c);
    out.push_back(static_cast<char>(sum & 0xFF));
    out.push_back(static_cast<char>((sum >> 8) & 0xFF));
    return out;
  };
  const std::string tnef = std::string("\x78\x9F\x3E\x22\x01\x00", 6) +
                           attribute(1, 0x00018004, std::string("TNEF subject\0", 13)) +
                           attribute(2, 0x00069002, std::string(14, '\0')) +
                           attribute(2, 0x00018010, std::string("memo.txt\0", 9)) +
                           attribute(2, 0x0006800F, "Wassenaar dual-use memo");
  const std::string bytes =
      WithAttachment("See winmail", "winmail.dat", "application/ms-tnef", tnef);
  const Document doc = Extract(bytes);
  ASSERT_EQ(doc.status, DocumentStatus::kOk) << doc.reason;
  const Document* winmail = Member(doc, "thread.eml!/winmail.dat");
  ASSERT_NE(winmail, nullptr);
  EXPECT_EQ(winmail->format, DocumentFormat::kTnef);
  EXPECT_TRUE(Contains(winmail->text, "Subject: TNEF subject"));
  ASSERT_EQ(winmail->members.size(), 1u);
  EXPECT_EQ(winmail->members[0].path, "thread.eml!/winmail.dat!/memo.txt");
  EXPECT_EQ(winmail->members[0].text, "Wassenaar dual-use memo");
}

TEST(CompressedRtf, DecompressesNeverPastTheLimitWhateverTheHeaderSays) {
  // LZFu: header (sizes, "LZFu", CRC), then control bytes whose set bits are 2-byte dictionary
  // references (offset 0, length 17): every 17 input bytes expand to 136.
  std::string data;
  for (int i = 0; i < 200; ++i) {
    data.push_back('\xFF');
    for (int r = 0; r < 8; ++r) data += std::string("\x00\x0F", 2);
  }
  std::string stream;
  const auto put = [&stream](std::uint32_t v) {
    for (int i = 0; i < 4; ++i) stream.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
  };
  put(static_cast<std::uint32_t>(data.size() + 12));
  put(0xFFFFFFF0u);  // the raw size it claims
  put(0x75465A4C);
  put(0);
  stream += data;
  std::string out;
  EXPECT_EQ(internal::mapi::DecompressRtf(stream, 1000, out),
            internal::mapi::RtfResult::kOverLimit);
  EXPECT_EQ(out.size(), 1000u);
  EXPECT_TRUE(out.starts_with("{\\rtf1\\ansi\\mac"));  // copied from the preset dictionary
  out.clear();
  EXPECT_EQ(internal::mapi::DecompressRtf("short", 1000, out), internal::mapi::RtfResult::kDamaged);
}

std::string Utf16(std::string_view ascii) {
  std::string out;
  for (const char c : ascii) {
    out.push_back(c);
    out.push_back('\0');
  }
  return out;
}

// An attachment storage's fixed properties: PR_ATTACH_METHOD = `method`.
std::string AttachProperties(std::uint32_t method) {
  std::string out(8, '\0');
  const std::uint32_t tag = 0x37050003;
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>((tag >> (8 * i)) & 0xFF));
  out.append(4, '\0');
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>((method >> (8 * i)) & 0xFF));
  out.append(4, '\0');
  return out;
}

TEST(MsgExtractor, AttachmentsAndAttachedMessagesAreMembers) {
  const std::string attach = "__attach_version1.0_#00000000/";
  const std::string embedded = "__attach_version1.0_#00000001/";
  const std::string inner = embedded + "__substg1.0_3701000D/";
  const std::string ole = fixtures::MakeOle({
      {"__properties_version1.0", std::string(32, '\0')},
      {"__substg1.0_0037001F", Utf16("Draft agreement")},
      {"__substg1.0_1000001F", Utf16("Please review.\r\n\r\nThanks")},
      {"__substg1.0_0E04001F", Utf16("Legal")},
      {attach + "__properties_version1.0", AttachProperties(1)},
      {attach + "__substg1.0_3707001F", Utf16("draft.docx")},
      {attach + "__substg1.0_37010102", Docx("Harbin Institute of Technology")},
      {embedded + "__properties_version1.0", AttachProperties(5)},
      {embedded + "__substg1.0_3707001F", Utf16("Earlier thread")},
      {inner + "__properties_version1.0", std::string(24, '\0')},
      {inner + "__substg1.0_0037001F", Utf16("Re: partner list")},
      {inner + "__substg1.0_1000001F", Utf16("Listed entity named inside.")},
  });
  const Document doc = ExtractBytes(ole, "mail.msg", ExtractOptions{});
  ASSERT_EQ(doc.status, DocumentStatus::kOk) << doc.reason;
  EXPECT_EQ(doc.text, "To: Legal\nSubject: Draft agreement\n\nPlease review.\nThanks\n");
  ASSERT_EQ(doc.members.size(), 2u);
  EXPECT_EQ(doc.members[0].path, "mail.msg!/draft.docx");
  EXPECT_EQ(doc.members[0].format, DocumentFormat::kDocx);
  EXPECT_EQ(doc.members[0].text, "Harbin Institute of Technology\n");
  EXPECT_EQ(doc.members[1].path, "mail.msg!/Earlier thread.msg");
  EXPECT_EQ(doc.members[1].format, DocumentFormat::kMsg);
  EXPECT_EQ(doc.members[1].status, DocumentStatus::kOk) << doc.members[1].reason;
  EXPECT_TRUE(Contains(doc.members[1].text, "Listed entity named inside."));
  EXPECT_EQ(doc.members[1].pages[0].label, "Subject: Re: partner list");
}

}  // namespace
}  // namespace trustscreen::extract
