// Archives other than ZIP (tar, 7z) and compressed single files (gzip, xz) are screened member by
// member, under the same limits as ZIP archives; damage or a bomb never crashes a run and is never
// clean. The fixtures are written with libarchive itself.
#include <archive.h>
#include <archive_entry.h>

#include <string>
#include <utility>
#include <vector>

#include "gtest/gtest.h"
#include "trustscreen/extract/extract.h"

namespace trustscreen::extract {
namespace {

using Files = std::vector<std::pair<std::string, std::string>>;

// An archive in `format` (ARCHIVE_FORMAT_*) through `filter` (ARCHIVE_FILTER_*) holding `files`
// (a name ending in '/' is a directory). ARCHIVE_FORMAT_RAW takes one file: a compressed file.
std::string Write(int format, int filter, const Files& files) {
  archive* a = archive_write_new();
  EXPECT_EQ(archive_write_set_format(a, format), ARCHIVE_OK) << archive_error_string(a);
  EXPECT_EQ(archive_write_add_filter(a, filter), ARCHIVE_OK) << archive_error_string(a);
  std::string buffer(4 << 20, '\0');
  std::size_t used = 0;
  EXPECT_EQ(archive_write_open_memory(a, buffer.data(), buffer.size(), &used), ARCHIVE_OK);
  for (const auto& [name, content] : files) {
    archive_entry* entry = archive_entry_new();
    archive_entry_set_pathname(entry, name.c_str());
    const bool directory = name.ends_with('/');
    archive_entry_set_filetype(entry, directory ? AE_IFDIR : AE_IFREG);
    archive_entry_set_perm(entry, 0644);
    archive_entry_set_size(entry, directory ? 0 : static_cast<la_int64_t>(content.size()));
    EXPECT_EQ(archive_write_header(a, entry), ARCHIVE_OK) << archive_error_string(a);
    if (!directory) archive_write_data(a, content.data(), content.size());
    archive_entry_free(entry);
  }
  archive_write_close(a);
  archive_write_free(a);
  buffer.resize(used);
  return buffer;
}

constexpr char kPartner[] = "We will work with Harbin Institute of Technology.";

TEST(OtherArchives, AGzipCompressedFileIsOneMemberNamedWithoutTheSuffix) {
  const std::string gz =
      Write(ARCHIVE_FORMAT_RAW, ARCHIVE_FILTER_GZIP, {{"data", std::string(kPartner)}});
  const Document doc = ExtractBytes(gz, "inbox/minutes.txt.gz", {});
  EXPECT_EQ(doc.format, DocumentFormat::kArchive);
  EXPECT_EQ(doc.status, DocumentStatus::kOk) << doc.reason;
  ASSERT_EQ(doc.members.size(), 1u);
  EXPECT_EQ(doc.members[0].path, "inbox/minutes.txt.gz!/minutes.txt");
  EXPECT_EQ(doc.members[0].format, DocumentFormat::kText);
  EXPECT_EQ(doc.members[0].text, kPartner);
}

TEST(OtherArchives, ACompressedTarListsItsFilesAndSkipsDirectories) {
  const std::string tgz = Write(ARCHIVE_FORMAT_TAR_PAX_RESTRICTED, ARCHIVE_FILTER_GZIP,
                                {{"proposal/", ""},
                                 {"proposal/summary.txt", kPartner},
                                 {"proposal/budget.csv", "Partner,Amount\nHIT,100\n"}});
  const Document doc = ExtractBytes(tgz, "bundle.tgz", {});
  EXPECT_EQ(doc.status, DocumentStatus::kOk) << doc.reason;
  ASSERT_EQ(doc.members.size(), 2u);
  EXPECT_EQ(doc.members[0].path, "bundle.tgz!/proposal/summary.txt");
  EXPECT_EQ(doc.members[0].text, kPartner);
  EXPECT_EQ(doc.members[1].path, "bundle.tgz!/proposal/budget.csv");
  EXPECT_EQ(doc.members[1].format, DocumentFormat::kCsv);
}

TEST(OtherArchives, SevenZipAndXzAreReadToo) {
  const Document seven =
      ExtractBytes(Write(ARCHIVE_FORMAT_7ZIP, ARCHIVE_FILTER_NONE, {{"a/notes.txt", kPartner}}),
                   "papers.7z", {});
  EXPECT_EQ(seven.status, DocumentStatus::kOk) << seven.reason;
  ASSERT_EQ(seven.members.size(), 1u);
  EXPECT_EQ(seven.members[0].text, kPartner);
  const Document xz = ExtractBytes(
      Write(ARCHIVE_FORMAT_TAR_PAX_RESTRICTED, ARCHIVE_FILTER_XZ, {{"notes.txt", kPartner}}),
      "papers.tar.xz", {});
  ASSERT_EQ(xz.members.size(), 1u) << xz.reason;
  EXPECT_EQ(xz.members[0].text, kPartner);
}

TEST(OtherArchives, AMemberOverMaxMemberBytesIsTooLargeAndTheArchivePartial) {
  ExtractOptions options;
  options.max_member_bytes = 1 << 20;
  const std::string tgz = Write(ARCHIVE_FORMAT_TAR_PAX_RESTRICTED, ARCHIVE_FILTER_GZIP,
                                {{"zeros.txt", std::string(3 << 20, '0')}, {"ok.txt", kPartner}});
  const Document doc = ExtractBytes(tgz, "bomb.tar.gz", options);
  EXPECT_EQ(doc.status, DocumentStatus::kPartial) << doc.reason;
  ASSERT_EQ(doc.members.size(), 2u);
  EXPECT_EQ(doc.members[0].status, DocumentStatus::kTooLarge);
  EXPECT_NE(doc.members[0].reason.find("max_member_bytes"), std::string::npos);
  EXPECT_EQ(doc.members[1].status, DocumentStatus::kOk);
}

TEST(OtherArchives, TheInputsDecompressionBudgetBoundsEveryMemberTogether) {
  ExtractOptions options;
  options.max_decompressed_bytes = 2 << 20;
  const std::string tgz =
      Write(ARCHIVE_FORMAT_TAR_PAX_RESTRICTED, ARCHIVE_FILTER_GZIP,
            {{"a.txt", std::string(1500 << 10, 'a')}, {"b.txt", std::string(1500 << 10, 'b')}});
  const Document doc = ExtractBytes(tgz, "bomb.tar.gz", options);
  EXPECT_EQ(doc.status, DocumentStatus::kTooLarge) << doc.reason;
  EXPECT_NE(doc.reason.find("max_decompressed_bytes"), std::string::npos) << doc.reason;
}

TEST(OtherArchives, ATruncatedArchiveIsNeverCleanAndKeepsWhatWasRead) {
  std::string tgz = Write(ARCHIVE_FORMAT_TAR_PAX_RESTRICTED, ARCHIVE_FILTER_NONE,
                          {{"first.txt", kPartner}, {"second.txt", std::string(20000, 'x')}});
  tgz.resize(tgz.size() / 2);
  const Document doc = ExtractBytes(tgz, "cut.tar", {});
  EXPECT_TRUE(doc.status == DocumentStatus::kPartial || doc.status == DocumentStatus::kCorrupt)
      << ToString(doc.status) << ": " << doc.reason;
  ASSERT_FALSE(doc.members.empty());
  EXPECT_EQ(doc.members[0].text, kPartner);
  const Document garbage = ExtractBytes(std::string("\x1F\x8B\x08\x00garbage", 12), "x.gz", {});
  EXPECT_NE(garbage.status, DocumentStatus::kOk) << garbage.reason;
  EXPECT_NE(garbage.status, DocumentStatus::kCrashed) << garbage.reason;
}

TEST(OtherArchives, MoreMembersThanMaxArchiveMembersIsTooLargeWithTheFirstOnesListed) {
  ExtractOptions options;
  options.max_archive_members = 1;
  const Document doc = ExtractBytes(Write(ARCHIVE_FORMAT_TAR_PAX_RESTRICTED, ARCHIVE_FILTER_NONE,
                                          {{"a.txt", kPartner}, {"b.txt", kPartner}}),
                                    "many.tar", options);
  EXPECT_EQ(doc.status, DocumentStatus::kTooLarge) << doc.reason;
  EXPECT_NE(doc.reason.find("max_archive_members"), std::string::npos) << doc.reason;
  ASSERT_EQ(doc.members.size(), 1u);
  EXPECT_EQ(doc.members[0].text, kPartner);
}

TEST(OtherArchives, NestingIsBoundedByMaxArchiveDepth) {
  ExtractOptions options;
  options.max_archive_depth = 1;
  const std::string inner =
      Write(ARCHIVE_FORMAT_TAR_PAX_RESTRICTED, ARCHIVE_FILTER_NONE, {{"a.txt", kPartner}});
  const std::string outer =
      Write(ARCHIVE_FORMAT_TAR_PAX_RESTRICTED, ARCHIVE_FILTER_GZIP, {{"inner.tar", inner}});
  const Document doc = ExtractBytes(outer, "outer.tgz", options);
  ASSERT_EQ(doc.members.size(), 1u);
  EXPECT_EQ(doc.members[0].status, DocumentStatus::kTooLarge);
  EXPECT_EQ(doc.status, DocumentStatus::kPartial);
}

}  // namespace
}  // namespace trustscreen::extract
