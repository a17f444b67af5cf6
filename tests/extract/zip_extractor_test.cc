#include <string>
#include <utility>
#include <vector>

#include "gtest/gtest.h"
#include "test_fixtures.h"
#include "trustscreen/digest/sha256.h"
#include "trustscreen/extract/extract.h"
#include "zip_fixtures.h"

namespace trustscreen::extract {
namespace {

using fixtures::BuildDocx;
using fixtures::BuildRawZip;
using fixtures::BuildZip;
using fixtures::DeflatedMember;
using fixtures::StoredMember;
using fixtures::WordDocument;

Document Extract(const std::string& bytes, std::string path = "bundle.zip",
                 const ExtractOptions& options = ExtractOptions{}) {
  return ExtractBytes(bytes, std::move(path), options);
}

std::string Docx(std::string_view text) {
  return BuildDocx(WordDocument("<w:p><w:r><w:t>" + std::string(text) + "</w:t></w:r></w:p>"));
}

// a.zip holding b.zip holding … `levels` archives in all, the innermost holding note.txt.
std::string NestedZips(int levels) {
  std::string inner = BuildZip({{"note.txt", "Deep export control clause"}});
  for (int level = 1; level < levels; ++level) {
    inner = BuildZip({{"level" + std::to_string(levels - level) + ".zip", inner}});
  }
  return inner;
}

TEST(ZipArchive, ScreensEveryFileMemberSortedByNameWithItsOwnPathAndDigest) {
  const std::string docx = Docx("Controlled under EAR");
  const std::string note = "ITAR technical data";
  const std::string bytes =
      BuildRawZip({StoredMember("notes.txt", note), StoredMember("folder/", ""),
                   DeflatedMember("folder/inner.docx", docx)});
  const Document doc = Extract(bytes);
  ASSERT_EQ(doc.status, DocumentStatus::kOk) << doc.reason;
  EXPECT_EQ(doc.format, DocumentFormat::kZip);
  EXPECT_TRUE(doc.reason.empty());
  EXPECT_TRUE(doc.text.empty());
  EXPECT_EQ(doc.sha256, digest::Sha256Hex(bytes));
  ASSERT_EQ(doc.members.size(), 2u);  // the directory is skipped

  const Document& inner = doc.members[0];
  EXPECT_EQ(inner.path, "bundle.zip!/folder/inner.docx");
  EXPECT_EQ(inner.format, DocumentFormat::kDocx);
  EXPECT_EQ(inner.status, DocumentStatus::kOk) << inner.reason;
  EXPECT_EQ(inner.text, "Controlled under EAR\n");
  EXPECT_EQ(inner.sha256, digest::Sha256Hex(docx));
  EXPECT_EQ(inner.size_bytes, docx.size());

  const Document& notes = doc.members[1];
  EXPECT_EQ(notes.path, "bundle.zip!/notes.txt");
  EXPECT_EQ(notes.format, DocumentFormat::kText);
  EXPECT_EQ(notes.text, note);
  EXPECT_EQ(notes.sha256, digest::Sha256Hex(note));
}

TEST(ZipArchive, NestedArchivesAreScreenedWithBangSeparatedPaths) {
  const std::string c = Docx("nested");
  const std::string b = BuildZip({{"c.docx", c}});
  const Document doc = Extract(BuildZip({{"b.zip", b}}), "a.zip");
  ASSERT_EQ(doc.status, DocumentStatus::kOk) << doc.reason;
  ASSERT_EQ(doc.members.size(), 1u);
  const Document& inner_zip = doc.members[0];
  EXPECT_EQ(inner_zip.path, "a.zip!/b.zip");
  EXPECT_EQ(inner_zip.format, DocumentFormat::kZip);
  ASSERT_EQ(inner_zip.members.size(), 1u);
  EXPECT_EQ(inner_zip.members[0].path, "a.zip!/b.zip!/c.docx");
  EXPECT_EQ(inner_zip.members[0].status, DocumentStatus::kOk);
}

TEST(ZipArchive, ArchiveNestedBeyondTheDepthLimitIsTooLarge) {
  // Three levels are opened (the default max_archive_depth); the fourth is not.
  const Document three = Extract(NestedZips(3), "a.zip");
  EXPECT_EQ(three.status, DocumentStatus::kOk) << three.reason;

  const Document doc = Extract(NestedZips(4), "a.zip");
  EXPECT_EQ(doc.status, DocumentStatus::kPartial);
  EXPECT_EQ(doc.reason, "1 of 1 members not fully screened");
  const Document& deepest = doc.members.at(0).members.at(0).members.at(0);
  EXPECT_EQ(deepest.path, "a.zip!/level1.zip!/level2.zip!/level3.zip");
  EXPECT_EQ(deepest.format, DocumentFormat::kZip);
  EXPECT_EQ(deepest.status, DocumentStatus::kTooLarge);
  EXPECT_EQ(deepest.reason,
            "archive nested more than 3 levels deep, not opened (max_archive_depth)");
  EXPECT_TRUE(deepest.members.empty());

  ExtractOptions options;
  options.max_archive_depth = 1;
  const Document shallow = Extract(NestedZips(2), "a.zip", options);
  EXPECT_EQ(shallow.members.at(0).status, DocumentStatus::kTooLarge);
}

TEST(ZipArchive, MemberFailuresDoNotFailTheArchiveButAreSummarised) {
  const Document doc = Extract(BuildRawZip({
      StoredMember("a.txt", "fine"),
      fixtures::EncryptedMember("b.txt"),
      [] {
        fixtures::RawMember ppmd = StoredMember("c.txt", "compressed with PPMd");
        ppmd.method = 98;
        return ppmd;
      }(),
      StoredMember("d.bin", std::string("\x01\x02\x03", 3)),
  }));
  EXPECT_EQ(doc.status, DocumentStatus::kPartial);
  EXPECT_EQ(doc.reason, "3 of 4 members not fully screened");
  ASSERT_EQ(doc.members.size(), 4u);
  EXPECT_EQ(doc.members[0].status, DocumentStatus::kOk);
  EXPECT_EQ(doc.members[1].status, DocumentStatus::kEncrypted);
  EXPECT_EQ(doc.members[1].reason, "b.txt: encrypted (ZIP password)");
  EXPECT_EQ(doc.members[2].status, DocumentStatus::kUnsupported);
  EXPECT_EQ(doc.members[2].reason, "c.txt: compression method 98 is not supported");
  EXPECT_EQ(doc.members[3].status, DocumentStatus::kUnsupported);
}

TEST(ZipArchive, ArchiveWithoutFilesIsEmpty) {
  const Document doc = Extract(BuildRawZip({StoredMember("only/a/directory/", "")}));
  EXPECT_EQ(doc.status, DocumentStatus::kEmpty);
  EXPECT_EQ(doc.reason, "archive holds no files");
  EXPECT_EQ(doc.format, DocumentFormat::kZip);
}

TEST(ZipArchive, DuplicateNamesAreBothScreenedInArchiveOrder) {
  const Document doc =
      Extract(BuildRawZip({StoredMember("same.txt", "first"), StoredMember("same.txt", "second")}));
  ASSERT_EQ(doc.members.size(), 2u);
  EXPECT_EQ(doc.members[0].text, "first");
  EXPECT_EQ(doc.members[1].text, "second");
}

TEST(ZipArchive, DamagedArchiveIsCorrupt) {
  const std::string zip = BuildZip({{"a.txt", "some text to make it longer"}});
  const Document doc = Extract(zip.substr(0, zip.size() - 10));
  EXPECT_EQ(doc.status, DocumentStatus::kCorrupt);
  EXPECT_EQ(doc.format, DocumentFormat::kZip);
  EXPECT_TRUE(doc.reason.starts_with("damaged ZIP archive: ")) << doc.reason;
}

TEST(ZipContainer, OdtIsRecognisedByItsMimetype) {
  const Document doc =
      Extract(BuildRawZip({StoredMember("mimetype", "application/vnd.oasis.opendocument.text"),
                           StoredMember("content.xml", "<office:document-content/>")}),
              "letter.bin");
  EXPECT_EQ(doc.format, DocumentFormat::kOdt);
  EXPECT_TRUE(doc.members.empty());
  EXPECT_NE(doc.status, DocumentStatus::kCrashed) << doc.reason;
}

TEST(ZipContainer, OtherPackagesAreUnsupportedWithAHint) {
  const Document epub = Extract(BuildRawZip({StoredMember("mimetype", "application/epub+zip"),
                                             StoredMember("OEBPS/a.xhtml", "<html/>")}),
                                "book.epub");
  EXPECT_EQ(epub.status, DocumentStatus::kUnsupported);
  EXPECT_EQ(epub.reason, "EPUB e-book is not supported; convert to PDF");

  const Document odg = Extract(
      BuildRawZip({StoredMember("mimetype", "application/vnd.oasis.opendocument.graphics")}),
      "drawing.odg");
  EXPECT_EQ(odg.status, DocumentStatus::kUnsupported);
  EXPECT_NE(odg.reason.find("opendocument.graphics"), std::string::npos) << odg.reason;

  const Document vsdx = Extract(
      BuildZip({{"[Content_Types].xml", "<Types/>"}, {"visio/document.xml", "<VisioDocument/>"}}),
      "drawing.vsdx");
  EXPECT_EQ(vsdx.status, DocumentStatus::kUnsupported);
  EXPECT_NE(vsdx.reason.find("not a DOCX, XLSX or PPTX"), std::string::npos) << vsdx.reason;
}

TEST(ZipContainer, DocxInsideAnArchiveNamedAnythingIsReadAsDocx) {
  const Document doc = Extract(BuildZip({{"scan0001.dat", Docx("hidden docx")}}));
  ASSERT_EQ(doc.members.size(), 1u);
  EXPECT_EQ(doc.members[0].format, DocumentFormat::kDocx);
  EXPECT_EQ(doc.members[0].text, "hidden docx\n");
}

}  // namespace
}  // namespace trustscreen::extract
