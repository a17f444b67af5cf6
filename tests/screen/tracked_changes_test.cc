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

}  // namespace
}  // namespace trustscreen::screen
