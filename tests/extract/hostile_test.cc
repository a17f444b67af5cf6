// Hostile inputs: every one must end in a status and a reason, never in a crash, a hang or
// unbounded memory. Each test says why its input is hard.
#include <sys/resource.h>
#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "test_fixtures.h"
#include "trustscreen/extract/extract.h"
#include "zip_fixtures.h"
#include "zip_reader.h"

namespace trustscreen::extract {
namespace {

using fixtures::BuildRawZip;
using fixtures::DeflatedMember;
using fixtures::DeflatedRepeatMember;
using fixtures::RawMember;
using fixtures::StoredMember;

constexpr std::uint64_t kMiB = 1 << 20;

// Peak resident memory of the process since the last Reset(). The kernel's high-water mark
// (VmHWM) can be reset through /proc/self/clear_refs; where it cannot, getrusage's lifetime peak
// is used and the measure only sees growth above earlier peaks.
class PeakRss {
 public:
  PeakRss() {
    std::ofstream clear("/proc/self/clear_refs");
    clear << "5";
    clear.flush();
    resettable_ = clear.good();
    start_ = resettable_ ? CurrentHighWater() : LifetimePeak();
  }
  // How much the peak grew since construction.
  std::uint64_t GrowthBytes() const {
    const std::uint64_t now = resettable_ ? CurrentHighWater() : LifetimePeak();
    return now > start_ ? now - start_ : 0;
  }

 private:
  static std::uint64_t CurrentHighWater() {
    std::ifstream status("/proc/self/status");
    std::string key;
    while (status >> key) {
      if (key == "VmHWM:") {
        std::uint64_t kib = 0;
        status >> kib;
        return kib * 1024;
      }
      status.ignore(1 << 10, '\n');
    }
    return LifetimePeak();
  }
  static std::uint64_t LifetimePeak() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<std::uint64_t>(usage.ru_maxrss) * 1024;
  }
  bool resettable_ = false;
  std::uint64_t start_ = 0;
};

// 200 MiB of zeros deflate to about 200 KiB: 1000:1.
RawMember ZeroBomb(std::string name) {
  return DeflatedRepeatMember(std::move(name), "", '\0', 200 * kMiB, "");
}

TEST(HostileZip, BombWithHonestHeadersIsRefusedBeforeDecompressing) {
  const std::string zip = BuildRawZip({ZeroBomb("zeros.bin"), StoredMember("a.txt", "fine")});
  ASSERT_LT(zip.size(), kMiB);
  PeakRss rss;
  const Document doc = ExtractBytes(zip, "bomb.zip", ExtractOptions{});
  EXPECT_EQ(doc.status, DocumentStatus::kPartial) << doc.reason;
  ASSERT_EQ(doc.members.size(), 2u);
  EXPECT_EQ(doc.members[1].path, "bomb.zip!/zeros.bin");
  EXPECT_EQ(doc.members[1].status, DocumentStatus::kTooLarge);
  EXPECT_TRUE(doc.members[1].reason.starts_with("zip bomb guard: zeros.bin expands 10"))
      << doc.members[1].reason;
  EXPECT_NE(doc.members[1].reason.find("(max_compression_ratio)"), std::string::npos);
  EXPECT_EQ(doc.members[0].status, DocumentStatus::kOk);
  EXPECT_LT(rss.GrowthBytes(), 32 * kMiB);
}

TEST(HostileZip, BombThatLiesAboutItsSizeIsStoppedWhileStreaming) {
  // The headers claim 1000 bytes: only counting what comes out of the decompressor stops it.
  RawMember bomb = ZeroBomb("zeros.bin");
  bomb.size = 1000;
  const std::string zip = BuildRawZip({bomb});
  PeakRss rss;
  const Document doc = ExtractBytes(zip, "bomb.zip", ExtractOptions{});
  ASSERT_EQ(doc.members.size(), 1u);
  const Document& member = doc.members[0];
  EXPECT_NE(member.status, DocumentStatus::kOk);
  EXPECT_TRUE(member.status == DocumentStatus::kTooLarge ||
              member.status == DocumentStatus::kCorrupt)
      << member.reason;
  const std::uint64_t growth = rss.GrowthBytes();
  EXPECT_LT(growth, 96 * kMiB);
  std::printf("peak RSS growth while extracting a lying 200 MiB bomb: %.1f MiB (%s: %s)\n",
              static_cast<double>(growth) / kMiB, std::string(ToString(member.status)).c_str(),
              member.reason.c_str());
}

TEST(HostileZip, NestedBombHitsTheTotalDecompressionBudget) {
  // 42.zip in small: 10 archives of 10 members of 8 MiB of zeros each. No member is over the
  // per-member or ratio limits (8 MiB is under the 10 MiB ratio threshold); only the budget for
  // the whole input stops it.
  const RawMember leaf = DeflatedRepeatMember("", "", '\0', 8 * kMiB, "");
  std::vector<RawMember> leaves;
  for (int i = 0; i < 10; ++i) {
    RawMember copy = leaf;
    copy.name = "zeros" + std::to_string(i) + ".bin";
    leaves.push_back(std::move(copy));
  }
  const std::string middle = BuildRawZip(leaves);
  std::vector<RawMember> middles;
  for (int i = 0; i < 10; ++i)
    middles.push_back(StoredMember("m" + std::to_string(i) + ".zip", middle));
  const std::string zip = BuildRawZip(middles);
  ASSERT_LT(zip.size(), 2 * kMiB);

  ExtractOptions options;
  options.max_decompressed_bytes = 100 * kMiB;
  PeakRss rss;
  const Document doc = ExtractBytes(zip, "42.zip", options);
  EXPECT_EQ(doc.status, DocumentStatus::kTooLarge);
  EXPECT_TRUE(doc.reason.starts_with("zip bomb guard: members expand beyond the 100 MiB limit"))
      << doc.reason;
  EXPECT_NE(doc.reason.find("(max_decompressed_bytes)"), std::string::npos);
  ASSERT_EQ(doc.members.size(), 10u);
  EXPECT_EQ(doc.members.back().status, DocumentStatus::kTooLarge) << doc.members.back().reason;
  EXPECT_LT(rss.GrowthBytes(), 64 * kMiB);
}

TEST(HostileZip, TwentyThousandMembersHitTheMemberLimit) {
  std::vector<RawMember> members;
  for (int i = 0; i < 20000; ++i) members.push_back(StoredMember("f" + std::to_string(i), "x"));
  const Document doc = ExtractBytes(BuildRawZip(members), "many.zip", ExtractOptions{});
  EXPECT_EQ(doc.status, DocumentStatus::kTooLarge);
  EXPECT_EQ(doc.reason,
            "archive has 20000 members, over the 10000 limit (max_archive_members); none screened");
  EXPECT_TRUE(doc.members.empty());
}

TEST(HostileZip, MemberLimitCountsNestedArchivesToo) {
  std::vector<RawMember> inner;
  for (int i = 0; i < 30; ++i) inner.push_back(StoredMember("f" + std::to_string(i), "x"));
  const std::string inner_zip = BuildRawZip(inner);
  ExtractOptions options;
  options.max_archive_members = 50;
  const Document doc = ExtractBytes(
      BuildRawZip({StoredMember("a.zip", inner_zip), StoredMember("b.zip", inner_zip)}), "o.zip",
      options);
  ASSERT_EQ(doc.members.size(), 2u);
  EXPECT_EQ(doc.members[0].members.size(), 30u);
  EXPECT_EQ(doc.members[1].status, DocumentStatus::kTooLarge);
  EXPECT_NE(doc.members[1].reason.find("max_archive_members"), std::string::npos);
}

RawMember Utf8Named(RawMember member) {
  member.flags |= 0x800;  // general purpose bit 11: the name is UTF-8, not CP437
  return member;
}

TEST(HostileZip, TraversalAndControlCharactersInNamesAreShownSafelyAndNothingIsWritten) {
  fixtures::TempDir dir;
  const std::filesystem::path cwd = std::filesystem::current_path();
  std::filesystem::current_path(dir.path());
  const Document doc = ExtractBytes(
      BuildRawZip({StoredMember("../../etc/passwd", "root:x:0:0"),
                   StoredMember("/etc/shadow", "abs"), StoredMember("C:\\Windows\\evil.txt", "dos"),
                   // U+202E RIGHT-TO-LEFT OVERRIDE: would display as "exe.txt".
                   Utf8Named(StoredMember("\xe2\x80\xaetxt.exe", "rlo")),
                   // Without bit 11 libzip reads a name that is not UTF-8 as CP437, where the
                   // control bytes are graphic characters (ESC is an arrow).
                   StoredMember("title\x1b]0;pwned\x07.txt", "esc"),
                   StoredMember("zcp437\x1b\x82.txt", "cp437")}),
      "evil.zip", ExtractOptions{});
  std::filesystem::current_path(cwd);
  EXPECT_TRUE(std::filesystem::is_empty(dir.path()));
  ASSERT_EQ(doc.members.size(), 6u);
  std::vector<std::string> paths;
  for (const Document& member : doc.members) paths.push_back(member.path);
  EXPECT_EQ(paths, (std::vector<std::string>{
                       "evil.zip!/../../etc/passwd", "evil.zip!/etc/shadow",
                       "evil.zip!/C:/Windows/evil.txt",
                       "evil.zip!/title\xe2\x86\x90]0;pwned\xe2\x80\xa2.txt",
                       "evil.zip!/zcp437\xe2\x86\x90\xc3\xa9.txt",
                       "evil.zip!/?txt.exe",  // sorted by the stored name, U+202E last
                   }));
  for (const std::string& path : paths) {
    for (const char c : path) EXPECT_GE(static_cast<unsigned char>(c), 0x20) << path;
  }
}

TEST(HostileZip, ControlCharactersInNamesFlaggedUtf8MakeTheArchiveCorrupt) {
  // libzip refuses such a directory as inconsistent; nothing is listed.
  for (const std::string name : {"title\x1b]0;pwned\x07.txt", "bad\xff.txt"}) {
    const Document doc = ExtractBytes(BuildRawZip({Utf8Named(StoredMember(name, "x"))}), "evil.zip",
                                      ExtractOptions{});
    EXPECT_EQ(doc.status, DocumentStatus::kCorrupt) << doc.reason;
    EXPECT_TRUE(doc.members.empty());
  }
}

TEST(ZipMemberName, SanitisedForDisplay) {
  using internal::SanitizeMemberName;
  EXPECT_EQ(SanitizeMemberName("a\x1b[31mb\x7f.txt"), "a?[31mb?.txt");
  EXPECT_EQ(SanitizeMemberName("\xc2\x9b"
                               "c1.txt"),
            "?c1.txt");
  EXPECT_EQ(SanitizeMemberName("\xe2\x81\xa6isolate"), "?isolate");
  EXPECT_EQ(SanitizeMemberName("bad\xff.txt"), "bad\xef\xbf\xbd.txt");
  EXPECT_EQ(SanitizeMemberName("//abs\\dos.txt"), "abs/dos.txt");
  EXPECT_EQ(SanitizeMemberName("../x"), "../x");
  EXPECT_EQ(SanitizeMemberName("caf\xc3\xa9"), "caf\xc3\xa9");
  EXPECT_EQ(SanitizeMemberName(""), "(unnamed)");
  EXPECT_EQ(SanitizeMemberName("/"), "(unnamed)");
}

TEST(HostileZip, TruncatedArchiveIsCorrupt) {
  const std::string zip = BuildRawZip({DeflatedMember("a.txt", std::string(5000, 'a'))});
  for (const std::size_t keep : {zip.size() / 2, zip.size() - 1, std::size_t{30}, std::size_t{4}}) {
    const Document doc = ExtractBytes(zip.substr(0, keep), "cut.zip", ExtractOptions{});
    EXPECT_EQ(doc.status, DocumentStatus::kCorrupt) << keep << ": " << doc.reason;
  }
}

TEST(HostileZip, ArchiveWhoseMemberDataIsDamagedReportsTheMemberCorrupt) {
  RawMember member = DeflatedMember("a.txt", std::string(5000, 'a'));
  member.crc ^= 1;
  const Document doc = ExtractBytes(BuildRawZip({member}), "crc.zip", ExtractOptions{});
  ASSERT_EQ(doc.members.size(), 1u);
  EXPECT_EQ(doc.members[0].status, DocumentStatus::kCorrupt) << doc.members[0].reason;
  EXPECT_EQ(doc.status, DocumentStatus::kPartial);
}

TEST(HostileDocx, DocumentXmlBombIsTooLarge) {
  // A DOCX whose word/document.xml inflates to 300 MiB of one paragraph, headers honest.
  const std::string open =
      "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
      "<w:body><w:p><w:r><w:t>";
  const std::string close = "</w:t></w:r></w:p></w:body></w:document>";
  RawMember xml = DeflatedRepeatMember("word/document.xml", open, 'a', 300 * kMiB, close);
  const std::string docx = BuildRawZip({StoredMember("[Content_Types].xml", "<Types/>"), xml});
  PeakRss rss;
  const Document doc = ExtractBytes(docx, "bomb.docx", ExtractOptions{});
  EXPECT_EQ(doc.format, DocumentFormat::kDocx);
  EXPECT_EQ(doc.status, DocumentStatus::kTooLarge) << doc.reason;
  EXPECT_TRUE(doc.reason.starts_with("zip bomb guard: ")) << doc.reason;
  EXPECT_LT(rss.GrowthBytes(), 32 * kMiB);

  // The same with headers that claim 2 KiB: only the decompression limits stop it, and memory
  // stays within them (here 64 MiB for the whole file).
  xml.size = 2048;
  ExtractOptions options;
  options.max_decompressed_bytes = 64 * kMiB;
  options.max_member_bytes = 64 * kMiB;
  PeakRss lying_rss;
  const Document lying = ExtractBytes(
      BuildRawZip({StoredMember("[Content_Types].xml", "<Types/>"), xml}), "bomb.docx", options);
  EXPECT_NE(lying.status, DocumentStatus::kOk);
  EXPECT_NE(lying.status, DocumentStatus::kCrashed) << lying.reason;
  const std::uint64_t growth = lying_rss.GrowthBytes();
  EXPECT_LT(growth, 64 * kMiB) << lying.reason;
  std::printf(
      "peak RSS growth while extracting a DOCX whose document.xml lies: %.1f MiB (%s: %s)\n",
      static_cast<double>(growth) / kMiB, std::string(ToString(lying.status)).c_str(),
      lying.reason.c_str());
}

TEST(HostilePdf, TruncatedPdfIsNeverFullyRead) {
  // Also covered in pdf_extractor_test; here with every cut of a small PDF.
  const std::string pdf = fixtures::BuildPdf({{fixtures::TextContent("Export control")}});
  for (std::size_t keep = 1; keep < pdf.size(); keep += 37) {
    const Document doc = ExtractBytes(pdf.substr(0, keep), "cut.pdf", ExtractOptions{});
    EXPECT_NE(doc.status, DocumentStatus::kCrashed) << keep << ": " << doc.reason;
    if (doc.status == DocumentStatus::kOk) {
      // Poppler reconstructs a missing xref; only a cut after the page content can be complete.
      EXPECT_NE(doc.text.find("Export control"), std::string::npos) << keep;
    }
  }
}

}  // namespace
}  // namespace trustscreen::extract
