#include "trustscreen/extract/extract.h"

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <string>
#include <string_view>

#include "corpus.h"
#include "gtest/gtest.h"
#include "ole_fixtures.h"
#include "test_fixtures.h"
#include "trustscreen/digest/sha256.h"

namespace trustscreen::extract {
namespace {

using namespace std::string_view_literals;
using namespace std::string_literals;
using fixtures::TempDir;

TEST(ExtractFile, MissingPathIsMissing) {
  TempDir dir;
  const Document doc = ExtractFile(dir.path() / "nope.pdf", ExtractOptions{});
  EXPECT_EQ(doc.status, DocumentStatus::kMissing);
  EXPECT_EQ(doc.reason, "No such file or directory");
  EXPECT_EQ(doc.path, (dir.path() / "nope.pdf").string());
  EXPECT_TRUE(doc.sha256.empty());
}

TEST(ExtractFile, DirectoryIsUnreadable) {
  TempDir dir;
  const Document doc = ExtractFile(dir.path(), ExtractOptions{});
  EXPECT_EQ(doc.status, DocumentStatus::kUnreadable);
  EXPECT_EQ(doc.reason, "is a directory");
}

TEST(ExtractFile, FifoIsUnreadableAndDoesNotBlock) {
  TempDir dir;
  const auto fifo = dir.path() / "pipe.txt";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  const Document doc = ExtractFile(fifo, ExtractOptions{});
  EXPECT_EQ(doc.status, DocumentStatus::kUnreadable);
  EXPECT_EQ(doc.reason, "not a regular file (FIFO)");
}

TEST(ExtractFile, FileWithoutReadPermissionIsUnreadable) {
  if (::geteuid() == 0) GTEST_SKIP() << "root reads everything";
  TempDir dir;
  const auto path = dir.Write("secret.txt", "text");
  std::filesystem::permissions(path, std::filesystem::perms::none);
  const Document doc = ExtractFile(path, ExtractOptions{});
  EXPECT_EQ(doc.status, DocumentStatus::kUnreadable);
  EXPECT_EQ(doc.reason, "Permission denied");
}

TEST(ExtractFile, EmptyFileIsEmpty) {
  TempDir dir;
  const Document doc = ExtractFile(dir.Write("empty.pdf", ""), ExtractOptions{});
  EXPECT_EQ(doc.status, DocumentStatus::kEmpty);
  EXPECT_EQ(doc.reason, "file is empty (0 bytes)");
  EXPECT_EQ(doc.size_bytes, 0u);
}

TEST(ExtractFile, FileOverTheSizeLimitIsTooLargeAndNotRead) {
  TempDir dir;
  ExtractOptions options;
  options.max_file_bytes = 1000;
  const Document doc = ExtractFile(dir.Write("big.txt", std::string(1001, 'a')), options);
  EXPECT_EQ(doc.status, DocumentStatus::kTooLarge);
  EXPECT_EQ(doc.reason, "file is 1001 bytes, over the 1000 bytes limit (max_file_bytes)");
  EXPECT_EQ(doc.size_bytes, 1001u);
  EXPECT_TRUE(doc.sha256.empty());
  EXPECT_TRUE(doc.text.empty());
}

TEST(ExtractFile, SetsPathSizeAndDigestOfTheBytes) {
  TempDir dir;
  const std::string content = "Export Administration Regulations\n";
  const auto path = dir.Write("ear.md", content);
  const Document doc = ExtractFile(path, ExtractOptions{});
  EXPECT_EQ(doc.status, DocumentStatus::kOk);
  EXPECT_EQ(doc.path, path.string());
  EXPECT_EQ(doc.size_bytes, content.size());
  EXPECT_EQ(doc.sha256, digest::Sha256Hex(content));
  EXPECT_EQ(doc.text, content);
}

TEST(ExtractFile, Latin1TextIsDecodedAsWindows1252AndSaysSo) {
  TempDir dir;
  const Document doc = ExtractFile(dir.Write("latin1.TXT",
                                             "Stra\xDF"
                                             "e"),
                                   ExtractOptions{});
  EXPECT_EQ(doc.status, DocumentStatus::kOk);
  EXPECT_EQ(doc.text,
            "Stra\xC3\x9F"
            "e");
  EXPECT_EQ(doc.encoding, "windows-1252");
  EXPECT_EQ(doc.reason, "decoded as Windows-1252 (not valid UTF-8)");
}

TEST(ExtractBytes, NeverThrowsAndLimitsSizeToo) {
  ExtractOptions options;
  options.max_file_bytes = 3;
  const Document doc = ExtractBytes("abcd", "a.txt", options);
  EXPECT_EQ(doc.status, DocumentStatus::kTooLarge);
}

TEST(UnsupportedFormats, UnknownTypeNamesTheExtensionAndWhatIsSupported) {
  const Document doc = ExtractBytes("\x01\x02\x03 binary"sv, "drawing.vsd", ExtractOptions{});
  EXPECT_EQ(doc.status, DocumentStatus::kUnsupported);
  EXPECT_EQ(doc.format, DocumentFormat::kUnknown);
  EXPECT_EQ(doc.reason,
            "unsupported file type (.vsd); supported: PDF, DOCX, DOC, ODT, RTF, XLSX, XLS, ODS, "
            "CSV, PPTX, PPT, ODP, HTML, XML, e-mail (EML, MBOX, MSG, TNEF), ZIP, tar, 7z and RAR "
            "archives, gzip, images (PNG, JPEG, TIFF, GIF, BMP, WebP, JPEG 2000), plain text (.txt "
            ".text .md .markdown .tex .csv .tsv .rst .log .bib .json .yml .yaml .ics .vcf)");
  const Document no_ext = ExtractBytes("data", "Makefile", ExtractOptions{});
  EXPECT_TRUE(no_ext.reason.starts_with("unsupported file type (no extension); ")) << no_ext.reason;
}

TEST(OleFormats, ContainerThatCannotBeOpenedIsCorrupt) {
  const std::string ole = std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) +
                          std::string(600, '\0') +
                          std::string("W\0o\0r\0d\0D\0o\0c\0u\0m\0e\0n\0t\0", 24);
  const Document doc = ExtractBytes(ole, "draft.doc", ExtractOptions{});
  EXPECT_EQ(doc.status, DocumentStatus::kCorrupt);
  EXPECT_TRUE(doc.reason.starts_with("damaged OLE2 container")) << doc.reason;
}

TEST(OleFormats, PasswordProtectedOfficeFileIsEncrypted) {
  // What Word writes for "Encrypt with password": an OLE2 container with an EncryptionInfo stream.
  const std::string ole = fixtures::MakeOle(
      {{"EncryptionInfo", std::string(64, '\x04')}, {"EncryptedPackage", std::string(600, 'x')}});
  const Document doc = ExtractBytes(ole, "contract.docx", ExtractOptions{});
  EXPECT_EQ(doc.status, DocumentStatus::kEncrypted);
  EXPECT_TRUE(doc.reason.starts_with("encrypted Office document (password-protected)"))
      << doc.reason;
}

TEST(OleFormats, UnknownContainerIsUnsupportedAndNamesItsEntries) {
  const std::string ole = fixtures::MakeOle({{"VisioDocument", std::string(700, 'v')}});
  const Document doc = ExtractBytes(ole, "drawing.vsd", ExtractOptions{});
  EXPECT_EQ(doc.status, DocumentStatus::kUnsupported);
  EXPECT_NE(doc.reason.find("entries: VisioDocument"), std::string::npos) << doc.reason;
}

TEST(OleFormats, OutlookMessageIsReadAsAnEmail) {
  const std::string ole =
      fixtures::MakeOle({{"__substg1.0_0037001F", std::string("S\0u\0b\0j\0"sv)},
                         {"__properties_version1.0", std::string(32, '\0')}});
  const Document doc = ExtractBytes(ole, "mail.msg", ExtractOptions{});
  EXPECT_EQ(doc.status, DocumentStatus::kOk) << doc.reason;
  EXPECT_EQ(doc.format, DocumentFormat::kMsg);
  EXPECT_EQ(doc.text, "Subject: Subj\n");
}

TEST(Word2, HeaderWithoutTextIsEmptyAndFastSavedIsUnsupported) {
  std::string word2(0x80, '\0');
  word2[0] = '\xDB';
  word2[1] = '\xA5';
  const Document empty = ExtractBytes(word2, "old.doc", ExtractOptions{});
  EXPECT_EQ(empty.format, DocumentFormat::kDoc);
  EXPECT_NE(empty.status, DocumentStatus::kOk) << empty.reason;
  word2[0x0A] = 0x04;  // fComplex
  const Document fast = ExtractBytes(word2, "old.doc", ExtractOptions{});
  EXPECT_EQ(fast.status, DocumentStatus::kUnsupported);
  EXPECT_TRUE(fast.reason.starts_with("fast-saved Word for Windows 2.0")) << fast.reason;
}

TEST(OldExcel, Biff4WorksheetWithoutEndIsCorrupt) {
  const Document excel4 =
      ExtractBytes("\x09\x04\x06\x00\x00\x00\x10\x00"sv, "old.xls", ExtractOptions{});
  EXPECT_EQ(excel4.format, DocumentFormat::kXls);
  EXPECT_EQ(excel4.status, DocumentStatus::kCorrupt) << excel4.reason;
}

TEST(OldExcel, Biff2LabelCellIsRead) {
  // BOF (BIFF2 worksheet), LABEL at B3 "Harbin", EOF.
  const std::string sheet = "\x09\x00\x04\x00\x02\x00\x10\x00"s +
                            "\x04\x00\x0E\x00\x02\x00\x01\x00\x00\x00\x00\x06Harbin"s +
                            "\x0A\x00\x00\x00"s;
  const Document doc = ExtractBytes(sheet, "partners.xls", ExtractOptions{});
  EXPECT_EQ(doc.status, DocumentStatus::kOk) << doc.reason;
  EXPECT_EQ(doc.text, "Harbin\n");
  ASSERT_EQ(doc.blocks.size(), 1u);
  EXPECT_EQ(doc.blocks[0].locator, "B3");
  ASSERT_EQ(doc.pages.size(), 1u);
  EXPECT_EQ(doc.pages[0].label, "partners");
}

TEST(ExtractBytes, RtfIsRead) {  // more in rtf_extractor_test.cc
  const Document doc = ExtractBytes("{\\rtf1\\ansi Export}", "terms.rtf", ExtractOptions{});
  EXPECT_EQ(doc.status, DocumentStatus::kOk);
  EXPECT_EQ(doc.text, "Export");
}

TEST(ExtractBytes, ImageFilesAreReadAsImages) {  // more in image_extractor_test.cc
  // Signatures alone: recognised as images, too short to decode.
  const Document png =
      ExtractBytes("\x89PNG\r\n\x1A\n\0\0\0\rIHDR"sv, "scan.png", ExtractOptions{});
  EXPECT_EQ(png.format, DocumentFormat::kImage);
  EXPECT_EQ(png.status, DocumentStatus::kCorrupt);
  EXPECT_EQ(png.reason, "PNG image could not be decoded");
  const Document jpeg = ExtractBytes("\xFF\xD8\xFF\xE0\0\x10JFIF"sv, "scan.JPG", ExtractOptions{});
  EXPECT_EQ(jpeg.format, DocumentFormat::kImage);
  EXPECT_EQ(jpeg.reason, "JPEG image could not be decoded");
  const Document tiff = ExtractBytes("II*\0\x08\0\0\0"sv, "fax.tif", ExtractOptions{});
  EXPECT_EQ(tiff.format, DocumentFormat::kImage);
  EXPECT_EQ(tiff.status, DocumentStatus::kCorrupt);
}

TEST(UnsupportedFormats, NonZipNamedDocxIsCorrupt) {
  const Document doc = ExtractBytes("just some words", "contract.docx", ExtractOptions{});
  EXPECT_EQ(doc.status, DocumentStatus::kCorrupt);
  EXPECT_EQ(doc.reason, "not a DOCX: not a ZIP archive");
}

}  // namespace
}  // namespace trustscreen::extract
