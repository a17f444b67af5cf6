#include "trustscreen/extract/extract.h"

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <string>
#include <string_view>

#include "corpus.h"
#include "gtest/gtest.h"
#include "test_fixtures.h"
#include "trustscreen/digest/sha256.h"

namespace trustscreen::extract {
namespace {

using namespace std::string_view_literals;
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
            "unsupported file type (.vsd); supported: PDF, DOCX, ODT, XLSX, ODS, PPTX, ODP, HTML, "
            "RTF, ZIP archives, plain text (.txt .text .md "
            ".markdown .tex .csv .tsv .rst .log .bib)");
  const Document no_ext = ExtractBytes("data", "Makefile", ExtractOptions{});
  EXPECT_TRUE(no_ext.reason.starts_with("unsupported file type (no extension); ")) << no_ext.reason;
}

TEST(UnsupportedFormats, LegacyWordDocGetsAConversionHint) {
  const std::string ole = std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) +
                          std::string(600, '\0') +
                          std::string("W\0o\0r\0d\0D\0o\0c\0u\0m\0e\0n\0t\0", 24);
  const Document doc = ExtractBytes(ole, "draft.doc", ExtractOptions{});
  EXPECT_EQ(doc.status, DocumentStatus::kUnsupported);
  EXPECT_EQ(doc.reason, "legacy Word .doc (OLE2) is not supported; convert to DOCX");

  const auto corpus_doc =
      fixtures::CorpusPath("proposals/nsf_pgrp_2014_rilab/drafts/HiLo_highlow_plantgenome.doc");
  if (std::filesystem::exists(corpus_doc)) {
    const Document real = ExtractFile(corpus_doc, ExtractOptions{});
    EXPECT_EQ(real.status, DocumentStatus::kUnsupported);
    EXPECT_EQ(real.reason, "legacy Word .doc (OLE2) is not supported; convert to DOCX");
  } else {
    EXPECT_FALSE(::trustscreen::testing::CorpusRequired())
        << "corpus file missing under CI: " << corpus_doc;
  }
}

TEST(UnsupportedFormats, PasswordProtectedOfficeFileIsEncrypted) {
  // What Word writes for "Encrypt with password": an OLE2 container with an EncryptionInfo stream.
  const std::string ole = std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) +
                          std::string(600, '\0') +
                          std::string("E\0n\0c\0r\0y\0p\0t\0i\0o\0n\0I\0n\0f\0o\0", 28);
  const Document doc = ExtractBytes(ole, "contract.docx", ExtractOptions{});
  EXPECT_EQ(doc.status, DocumentStatus::kEncrypted);
  EXPECT_TRUE(doc.reason.starts_with("encrypted Office document (password-protected)"))
      << doc.reason;

  const std::string plain_ole = ole.substr(0, 608);
  const Document other = ExtractBytes(plain_ole, "contract.docx", ExtractOptions{});
  EXPECT_EQ(other.status, DocumentStatus::kUnsupported);
  EXPECT_NE(other.reason.find("legacy Office format or an encrypted Office document"),
            std::string::npos)
      << other.reason;
}

TEST(ExtractBytes, RtfIsRead) {  // more in rtf_extractor_test.cc
  const Document doc = ExtractBytes("{\\rtf1\\ansi Export}", "terms.rtf", ExtractOptions{});
  EXPECT_EQ(doc.status, DocumentStatus::kOk);
  EXPECT_EQ(doc.text, "Export");
}

TEST(UnsupportedFormats, ImagesNeedOcr) {
  const Document png =
      ExtractBytes("\x89PNG\r\n\x1A\n\0\0\0\rIHDR"sv, "scan.png", ExtractOptions{});
  EXPECT_EQ(png.status, DocumentStatus::kNeedsOcr);
  EXPECT_EQ(png.reason, "image file (PNG); needs OCR");
  const Document jpeg = ExtractBytes("\xFF\xD8\xFF\xE0\0\x10JFIF"sv, "scan.JPG", ExtractOptions{});
  EXPECT_EQ(jpeg.status, DocumentStatus::kNeedsOcr);
  EXPECT_EQ(jpeg.reason, "image file (JPEG); needs OCR");
  const Document tiff = ExtractBytes("II*\0\x08\0\0\0"sv, "fax.tif", ExtractOptions{});
  EXPECT_EQ(tiff.status, DocumentStatus::kNeedsOcr);
}

TEST(UnsupportedFormats, NonZipNamedDocxIsCorrupt) {
  const Document doc = ExtractBytes("just some words", "contract.docx", ExtractOptions{});
  EXPECT_EQ(doc.status, DocumentStatus::kCorrupt);
  EXPECT_EQ(doc.reason, "not a DOCX: not a ZIP archive");
}

}  // namespace
}  // namespace trustscreen::extract
