// PDF extraction options: dropping /OutputIntents and empty graphics-state saves, and inflating
// content streams with zlib (speed) must not change the text; passwords.
#include <zlib.h>

#include <filesystem>
#include <functional>
#include <string>

#include "corpus.h"
#include "gtest/gtest.h"
#include "test_fixtures.h"
#include "trustscreen/extract/extract.h"

namespace trustscreen::extract {
namespace {

TEST(PdfOutputIntents, DroppingThemLeavesTheTextByteIdentical) {
  // A PDF/A contract whose catalog has /OutputIntents with an ICC profile.
  const auto pdf = fixtures::CorpusPath(
      "contracts/cuad/pdf/Part_III/Agency Agreements/"
      "BLUEROCKRESIDENTIALGROWTHREIT,INC_06_01_2016-EX-1.1-AGENCY AGREEMENT.PDF");
  TRUSTSCREEN_NEED_CORPUS(pdf);
  ASSERT_NE(fixtures::ReadFileBytes(pdf).find("/OutputIntents"), std::string::npos);
  ExtractOptions keep;
  keep.pdf_keep_output_intents = true;
  const Document fast = ExtractFile(pdf, ExtractOptions{});
  const Document slow = ExtractFile(pdf, keep);
  ASSERT_EQ(fast.status, DocumentStatus::kOk) << fast.reason;
  EXPECT_EQ(fast.status, slow.status);
  EXPECT_EQ(fast.text, slow.text);
  ASSERT_EQ(fast.pages.size(), slow.pages.size());
  ASSERT_EQ(fast.blocks.size(), slow.blocks.size());
  for (std::size_t i = 0; i < fast.blocks.size(); ++i) {
    EXPECT_EQ(fast.blocks[i].begin, slow.blocks[i].begin);
    EXPECT_EQ(fast.blocks[i].part, slow.blocks[i].part);
    EXPECT_EQ(fast.blocks[i].heading_level, slow.blocks[i].heading_level);
  }
}

// Extracts `pdf` with and without dropping empty graphics-state saves; expects the same document.
void ExpectSameWithAndWithoutEmptySaves(const std::filesystem::path& pdf) {
  ExtractOptions keep;
  keep.pdf_keep_empty_saves = true;
  const Document fast = ExtractFile(pdf, ExtractOptions{});
  const Document slow = ExtractFile(pdf, keep);
  EXPECT_EQ(fast.status, slow.status);
  EXPECT_EQ(fast.reason, slow.reason);
  EXPECT_EQ(fast.text, slow.text);
  ASSERT_EQ(fast.pages.size(), slow.pages.size());
  for (std::size_t i = 0; i < fast.pages.size(); ++i) {
    EXPECT_EQ(fast.pages[i].begin, slow.pages[i].begin);
    EXPECT_EQ(fast.pages[i].needs_ocr, slow.pages[i].needs_ocr);
  }
  ASSERT_EQ(fast.blocks.size(), slow.blocks.size());
  for (std::size_t i = 0; i < fast.blocks.size(); ++i) {
    EXPECT_EQ(fast.blocks[i].begin, slow.blocks[i].begin);
    EXPECT_EQ(fast.blocks[i].part, slow.blocks[i].part);
    EXPECT_EQ(fast.blocks[i].heading_level, slow.blocks[i].heading_level);
  }
}

std::string Repeat(std::string_view text, int times) {
  std::string out;
  for (int i = 0; i < times; ++i) out += text;
  return out;
}

TEST(PdfEmptySaves, DroppingThemLeavesTheTextByteIdentical) {
  // The CUAD contract with 11.8 million empty q/Q pairs (78,000 a page).
  const auto pdf = fixtures::CorpusPath(
      "contracts/cuad/pdf/Part_III/Collaboration/"
      "CERES,INC_01_25_2012-EX-10.20-Collaboration Agreement.PDF");
  TRUSTSCREEN_NEED_CORPUS(pdf);
  ExpectSameWithAndWithoutEmptySaves(pdf);
}

TEST(PdfEmptySaves, TextInsideSavesAndStringsIsKept) {
  fixtures::TempDir dir;
  const std::string pairs = Repeat("q\nQ\n", 2000);
  const auto pdf = dir.Write(
      "saves.pdf",
      fixtures::BuildPdf(
          {{pairs + "q q Q BT /F1 12 Tf 72 720 Td (Export of q Q controlled items) Tj ET Q " +
            pairs + "q 0 g BT /F1 12 Tf 72 700 Td (under licence) Tj ET Q"},
           {pairs},
           {pairs + fixtures::TextContent("Second page of the agreement")}}));
  ExpectSameWithAndWithoutEmptySaves(pdf);
  const Document doc = ExtractFile(pdf, ExtractOptions{});
  EXPECT_EQ(doc.status, DocumentStatus::kOk) << doc.reason;
  EXPECT_NE(doc.text.find("Export of q Q controlled items"), std::string::npos) << doc.text;
  EXPECT_NE(doc.text.find("Second page of the agreement"), std::string::npos) << doc.text;
}

TEST(PdfEmptySaves, APageOfOnlyEmptySavesIsStillBlank) {
  fixtures::TempDir dir;
  const auto pdf = dir.Write("blank.pdf", fixtures::BuildPdf({{Repeat("q Q ", 5000)}}));
  ExpectSameWithAndWithoutEmptySaves(pdf);
  EXPECT_EQ(ExtractFile(pdf, ExtractOptions{}).status, DocumentStatus::kEmpty);
}

// A one-page PDF whose content stream is `content` deflated (/FlateDecode), after `damage` has
// had its way with the compressed bytes.
std::string FlatePdf(
    const std::string& content,
    const std::function<void(std::string&)>& damage = [](std::string&) {}) {
  uLongf size = compressBound(content.size());
  std::string deflated(size, '\0');
  EXPECT_EQ(compress2(reinterpret_cast<Bytef*>(deflated.data()), &size,
                      reinterpret_cast<const Bytef*>(content.data()), content.size(), 6),
            Z_OK);
  deflated.resize(size);
  damage(deflated);
  return fixtures::AssemblePdf(
      "%PDF-1.4\n",
      {"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
       "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
       "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> "
       ">> /Contents 5 0 R >>",
       "<< /Length " + std::to_string(deflated.size()) + " /Filter /FlateDecode >>\nstream\n" +
           deflated + "\nendstream"});
}

std::string Lines(int count) {
  std::string content = "BT /F1 10 Tf 72 740 Td 12 TL ";
  for (int i = 0; i < count; ++i) {
    content += "(Clause " + std::to_string(i) + ": no export of controlled items) ' ";
  }
  return content + "ET";
}

TEST(PdfFlateContent, ReadsAsPopplersOwnDecoderReadsIt) {
  fixtures::TempDir dir;
  const auto pdf = dir.Write("flate.pdf", FlatePdf(Lines(50)));
  ExpectSameWithAndWithoutEmptySaves(pdf);
  const Document doc = ExtractFile(pdf, ExtractOptions{});
  EXPECT_EQ(doc.status, DocumentStatus::kOk) << doc.reason;
  EXPECT_NE(doc.text.find("Clause 49: no export of controlled items"), std::string::npos);
}

TEST(PdfFlateContent, AWrongChecksumIsLeftToPopplerWhichReadsTheText) {
  // zlib refuses the stream at its Adler-32; Poppler's decoder does not check it.
  fixtures::TempDir dir;
  const auto pdf = dir.Write("checksum.pdf",
                             FlatePdf(Lines(5), [](std::string& bytes) { bytes.back() ^= 0x5A; }));
  ExpectSameWithAndWithoutEmptySaves(pdf);
  const Document doc = ExtractFile(pdf, ExtractOptions{});
  EXPECT_NE(doc.text.find("Clause 4: no export of controlled items"), std::string::npos)
      << doc.text;
}

TEST(PdfFlateContent, ATruncatedStreamReadsAsPopplerReadsIt) {
  fixtures::TempDir dir;
  const auto pdf =
      dir.Write("truncated.pdf",
                FlatePdf(Lines(200), [](std::string& bytes) { bytes.resize(bytes.size() / 2); }));
  ExpectSameWithAndWithoutEmptySaves(pdf);
  const Document doc = ExtractFile(pdf, ExtractOptions{});
  EXPECT_NE(doc.text.find("Clause 1: no export"), std::string::npos) << doc.text;
}

class PdfPasswords : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!fixtures::HaveProgram("qpdf")) GTEST_SKIP() << "qpdf not on PATH";
    const auto plain = dir_.Write(
        "plain.pdf", fixtures::BuildPdf({{fixtures::TextContent("Secret export terms")}}));
    encrypted_ = dir_.path() / "encrypted.pdf";
    const std::string command = "qpdf --encrypt user-pw owner-pw 256 -- " +
                                fixtures::ShellQuote(plain.string()) + " " +
                                fixtures::ShellQuote(encrypted_.string());
    ASSERT_TRUE(fixtures::RunCommand(command)) << command;
  }
  Document ExtractWith(std::vector<std::string> passwords) {
    ExtractOptions options;
    options.passwords = std::move(passwords);
    return ExtractFile(encrypted_, options);
  }

  fixtures::TempDir dir_;
  std::filesystem::path encrypted_;
};

TEST_F(PdfPasswords, UserPasswordInTheListOpensIt) {
  const Document doc = ExtractWith({"wrong", "user-pw"});
  EXPECT_EQ(doc.status, DocumentStatus::kOk) << doc.reason;
  EXPECT_NE(doc.text.find("Secret export terms"), std::string::npos);
}

TEST_F(PdfPasswords, OwnerPasswordOpensIt) {
  const Document doc = ExtractWith({"owner-pw"});
  EXPECT_EQ(doc.status, DocumentStatus::kOk) << doc.reason;
  EXPECT_NE(doc.text.find("Secret export terms"), std::string::npos);
}

TEST_F(PdfPasswords, WrongPasswordsSayHowManyWereTried) {
  const Document doc = ExtractWith({"a", "b"});
  EXPECT_EQ(doc.status, DocumentStatus::kEncrypted);
  EXPECT_EQ(doc.reason, "PDF is encrypted (none of the 2 passwords given opened it)");
  EXPECT_TRUE(doc.text.empty());
  EXPECT_EQ(ExtractWith({"x"}).reason, "PDF is encrypted (none of the 1 password given opened it)");
}

TEST_F(PdfPasswords, NoPasswordsMeansOnlyTheEmptyOne) {
  const Document doc = ExtractWith({});
  EXPECT_EQ(doc.status, DocumentStatus::kEncrypted);
  EXPECT_EQ(doc.reason, "PDF is encrypted and needs a password");
}

}  // namespace
}  // namespace trustscreen::extract
