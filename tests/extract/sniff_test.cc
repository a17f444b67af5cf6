#include <string>
#include <string_view>

#include "gtest/gtest.h"
#include "trustscreen/extract/extract.h"

namespace trustscreen::extract {
namespace {

using namespace std::string_view_literals;

TEST(SniffFormat, PdfHeaderAtStartIsPdfWhateverTheName) {
  EXPECT_EQ(SniffFormat("%PDF-1.7\n...", "a.pdf"), DocumentFormat::kPdf);
  EXPECT_EQ(SniffFormat("%PDF-1.7\n...", "a.PDF"), DocumentFormat::kPdf);
  EXPECT_EQ(SniffFormat("%PDF-1.7\n...", "a.txt"), DocumentFormat::kPdf);
  EXPECT_EQ(SniffFormat("%PDF-1.7\n...", "no_extension"), DocumentFormat::kPdf);
}

TEST(SniffFormat, PdfHeaderAfterAPreambleIsPdfUnlessTheNameSaysText) {
  const std::string head = std::string(300, 'x') + "%PDF-1.4\n";
  EXPECT_EQ(SniffFormat(head, "mail.pdf"), DocumentFormat::kPdf);
  EXPECT_EQ(SniffFormat(head, "notes.md"), DocumentFormat::kText);
  const std::string too_late = std::string(2000, 'x') + "%PDF-1.4\n";
  EXPECT_EQ(SniffFormat(too_late, "mail.pdf"), DocumentFormat::kUnknown);
}

TEST(SniffFormat, ZipContentIsZipEvenWhenNamedPdf) {
  // DOCX, ODT or an archive: decided when the container is opened.
  EXPECT_EQ(SniffFormat("PK\x03\x04rest"sv, "contract.pdf"), DocumentFormat::kZip);
  EXPECT_EQ(SniffFormat("PK\x03\x04rest"sv, "contract.docx"), DocumentFormat::kZip);
}

TEST(SniffFormat, PlainTextOnlyWithATextExtension) {
  EXPECT_EQ(SniffFormat("Export control terms", "a.txt"), DocumentFormat::kText);
  EXPECT_EQ(SniffFormat("Export control terms", "a.TXT"), DocumentFormat::kText);
  EXPECT_EQ(SniffFormat("Export control terms", "a.Md"), DocumentFormat::kText);
  EXPECT_EQ(SniffFormat("Export control terms", "a.html"), DocumentFormat::kHtml);  // HTML text
  EXPECT_EQ(SniffFormat("Export control terms", "README"), DocumentFormat::kUnknown);
}

TEST(SniffFormat, NulBytesMeanBinaryEvenWithATextExtension) {
  EXPECT_EQ(SniffFormat("abc\0def"sv, "a.txt"), DocumentFormat::kUnknown);
}

TEST(SniffFormat, Utf16WithByteOrderMarkIsText) {
  EXPECT_EQ(SniffFormat("\xFF\xFEh\0i\0"sv, "a.txt"), DocumentFormat::kText);
  EXPECT_EQ(SniffFormat("\xFE\xFF\0h\0i"sv, "a.md"), DocumentFormat::kText);
  EXPECT_EQ(SniffFormat("\xFE\xFF\0h\0i"sv, "a.csv"), DocumentFormat::kCsv);
}

TEST(SniffFormat, KnownBinaryFormatsAreNotTextEvenWithATextExtension) {
  EXPECT_EQ(SniffFormat("\x89PNG\r\n\x1A\n...."sv, "scan.txt"), DocumentFormat::kImage);
  EXPECT_EQ(SniffFormat("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1...."sv, "old.txt"),
            DocumentFormat::kUnknown);
}

TEST(IsTextExtension, AcceptsTheListedExtensionsCaseInsensitively) {
  for (std::string_view ext :
       {".txt", ".text", ".md", ".markdown", ".tex", ".csv", ".tsv", ".rst", ".log", ".bib"}) {
    EXPECT_TRUE(IsTextExtension("dir/file" + std::string(ext))) << ext;
  }
  EXPECT_TRUE(IsTextExtension("/a/b/NOTES.TXT"));
  EXPECT_TRUE(IsTextExtension("refs.BiB"));
}

TEST(IsTextExtension, RejectsOtherNamesAndDotFiles) {
  EXPECT_FALSE(IsTextExtension("a.pdf"));
  EXPECT_FALSE(IsTextExtension("a.txt.gz"));
  EXPECT_FALSE(IsTextExtension("txt"));
  EXPECT_FALSE(IsTextExtension(".txt"));  // a hidden file named ".txt" has no extension
  EXPECT_FALSE(IsTextExtension("dir.txt/file"));
}

}  // namespace
}  // namespace trustscreen::extract
