// A listed partner struck from a draft agreement by a tracked deletion is still found, and the
// finding says it lies in deleted text.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "extract/test_fixtures.h"
#include "trustscreen/extract/extract.h"
#include "trustscreen/rules/rule_set.h"
#include "trustscreen/screen/screen.h"

namespace trustscreen::screen {
namespace {

using extract::fixtures::BuildDocx;
using extract::fixtures::WordDocument;

constexpr char kChange[] = " w:author=\"Contracts\" w:date=\"2026-11-30T10:00:00Z\"";

bool Has(const std::vector<std::string>& values, const std::string& value) {
  return std::find(values.begin(), values.end(), value) != values.end();
}

TEST(TrackedChanges, APartnerInATrackedDeletionIsAFindingMarkedAsDeleted) {
  const std::string body =
      std::string(
          "<w:p><w:r><w:t xml:space=\"preserve\">This Agreement is made with </w:t></w:r>") +
      "<w:del w:id=\"1\"" + kChange +
      "><w:r><w:delText>Harbin Institute of Technology</w:delText></w:r></w:del>"
      "<w:ins w:id=\"2\"" +
      kChange +
      "><w:r><w:t>the Partner</w:t></w:r></w:ins>"
      "<w:r><w:t>.</w:t></w:r></w:p>";
  DocumentResult result;
  result.document = extract::ExtractBytes(BuildDocx(WordDocument(body)), "draft.docx", {});
  ASSERT_EQ(result.document.status, DocumentStatus::kOk) << result.document.reason;

  Result<rules::CompiledRuleSet> rules =
      rules::LoadRules({std::filesystem::path(TRUSTSCREEN_SOURCE_DIR) / "rules"});
  ASSERT_TRUE(rules.ok()) << rules.status().message();
  ScreenDocument(*rules, result);

  const auto partner =
      std::find_if(result.findings.begin(), result.findings.end(), [](const Finding& finding) {
        return finding.family == RuleFamily::kPartner && finding.matched_text.find(
                                                             "Harbin Institute of "
                                                             "Technology") == 0;
      });
  ASSERT_NE(partner, result.findings.end()) << result.document.text;
  EXPECT_TRUE(Has(partner->modifiers, "in a tracked deletion"));
  EXPECT_FALSE(Has(partner->modifiers, "in a tracked insertion"));
}

// The partner's name reads whole only when the tracked insertion or deletion inside it is left out.
DocumentResult ScreenDraft(const std::string& paragraph) {
  DocumentResult result;
  result.document = extract::ExtractBytes(BuildDocx(WordDocument("<w:p>" + paragraph + "</w:p>")),
                                          "draft.docx", {});
  EXPECT_EQ(result.document.status, DocumentStatus::kOk) << result.document.reason;
  Result<rules::CompiledRuleSet> rules =
      rules::LoadRules({std::filesystem::path(TRUSTSCREEN_SOURCE_DIR) / "rules"});
  EXPECT_TRUE(rules.ok()) << rules.status().message();
  if (rules.ok()) ScreenDocument(*rules, result);
  return result;
}

const Finding* PartnerFinding(const DocumentResult& result) {
  for (const Finding& finding : result.findings) {
    if (finding.family == RuleFamily::kPartner) return &finding;
  }
  return nullptr;
}

TEST(TrackedChanges, APartnerNamedOnlyAsDraftedIsFoundAndSaysSo) {
  const DocumentResult result = ScreenDraft(
      std::string(
          "<w:r><w:t xml:space=\"preserve\">Work with Harbin </w:t></w:r><w:ins w:id=\"3\"") +
      kChange +
      "><w:r><w:t xml:space=\"preserve\">Medical </w:t></w:r></w:ins>"
      "<w:r><w:t>Institute of Technology on robotics.</w:t></w:r>");
  const Finding* partner = PartnerFinding(result);
  ASSERT_NE(partner, nullptr) << result.document.text;
  EXPECT_TRUE(Has(partner->modifiers, "as drafted"));
  EXPECT_TRUE(Has(partner->modifiers, "in a tracked insertion"));
  // The finding spans the document's text, insertion included.
  EXPECT_EQ(partner->matched_text, "Harbin Medical Institute of Technology");
  EXPECT_EQ(result.document.text.substr(partner->begin, partner->end - partner->begin),
            partner->matched_text);
}

TEST(TrackedChanges, APartnerNamedOnlyAsAmendedIsFoundAndSaysSo) {
  const DocumentResult result = ScreenDraft(
      std::string("<w:r><w:t xml:space=\"preserve\">Work with Harbin Institute of </w:t></w:r>") +
      "<w:del w:id=\"4\"" + kChange +
      "><w:r><w:delText xml:space=\"preserve\">Marine </w:delText></w:r></w:del>"
      "<w:r><w:t>Technology on robotics.</w:t></w:r>");
  const Finding* partner = PartnerFinding(result);
  ASSERT_NE(partner, nullptr) << result.document.text;
  EXPECT_TRUE(Has(partner->modifiers, "as amended"));
  EXPECT_TRUE(Has(partner->modifiers, "in a tracked deletion"));
}

TEST(TrackedChanges, AFindingInTheFullTextIsNotRepeatedByTheViews) {
  const DocumentResult result =
      ScreenDraft(std::string("<w:r><w:t xml:space=\"preserve\">Work with Harbin Institute of "
                              "Technology </w:t></w:r>") +
                  "<w:ins w:id=\"5\"" + kChange + "><w:r><w:t>on robotics</w:t></w:r></w:ins>");
  int partners = 0;
  for (const Finding& finding : result.findings) {
    if (finding.family != RuleFamily::kPartner) continue;
    ++partners;
    EXPECT_FALSE(Has(finding.modifiers, "as drafted"));
    EXPECT_FALSE(Has(finding.modifiers, "as amended"));
  }
  EXPECT_EQ(partners, 1) << result.document.text;
}

}  // namespace
}  // namespace trustscreen::screen
