// Validators: CAS registry numbers with check digits, directly and through a rule's `validate`.
#include "validators.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "match_test_util.h"
#include "temp_dir.h"
#include "trustscreen/rules/rule_set.h"

namespace trustscreen::match {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

TEST(IsValidCasNumber, AcceptsRealNumbersAndRejectsWrongCheckDigits) {
  EXPECT_TRUE(IsValidCasNumber("107-44-8"));    // sarin
  EXPECT_TRUE(IsValidCasNumber("7732-18-5"));   // water
  EXPECT_TRUE(IsValidCasNumber("50782-69-9"));  // VX
  EXPECT_FALSE(IsValidCasNumber("107-44-9"));
  EXPECT_FALSE(IsValidCasNumber("7732-18-4"));
}

TEST(IsValidCasNumber, RejectsOtherShapes) {
  EXPECT_FALSE(IsValidCasNumber("1-44-8"));  // first part has 2 to 7 digits
  EXPECT_FALSE(IsValidCasNumber("12345678-44-8"));
  EXPECT_FALSE(IsValidCasNumber("107-4-8"));
  EXPECT_FALSE(IsValidCasNumber("107-44-18"));
  EXPECT_FALSE(IsValidCasNumber("107448"));
  EXPECT_FALSE(IsValidCasNumber(""));
}

TEST(PassesValidator, NeedsEveryCasNumberInTheMatchToBeValid) {
  EXPECT_TRUE(PassesValidator(rules::Validator::kNone, "anything"));
  EXPECT_TRUE(PassesValidator(rules::Validator::kCasCheckDigit, "CAS No. 107-44-8"));
  EXPECT_FALSE(PassesValidator(rules::Validator::kCasCheckDigit, "CAS No. 107-44-9"));
  EXPECT_FALSE(PassesValidator(rules::Validator::kCasCheckDigit, "107-44-8 and 107-44-9"));
  EXPECT_FALSE(PassesValidator(rules::Validator::kCasCheckDigit, "CAS number pending"));
}

constexpr char kCasRule[] = R"(rules:
  - id: test-cas
    title: CAS numbers
    family: export-control
    severity: high
    rationale: test
    patterns: ['[0-9]{2,7}-[0-9]{2}-[0-9]']
    validate: cas-check-digit
)";

TEST(ValidateKey, DropsMatchesThatFailTheCheckDigit) {
  ::trustscreen::testing::TempDir dir;
  dir.Write("cas.yaml", kCasRule);
  Result<rules::CompiledRuleSet> loaded = rules::LoadRules({dir.path()});
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  std::vector<std::string> matched;
  for (const Finding& finding :
       testing::Match(*loaded, "Sarin (107-44-8), not 107-44-9; order ref 2024-11-3.")) {
    matched.push_back(finding.matched_text);
  }
  EXPECT_THAT(matched, ElementsAre("107-44-8"));
}

TEST(ValidateKey, AnUnknownValidatorIsAnErrorWithItsLine) {
  ::trustscreen::testing::TempDir dir;
  std::string text = kCasRule;
  text.replace(text.find("cas-check-digit"), 15, "luhn");
  dir.Write("cas.yaml", text);
  Result<rules::CompiledRuleSet> loaded = rules::LoadRules({dir.path()});
  ASSERT_FALSE(loaded.ok());
  EXPECT_THAT(loaded.status().message(), HasSubstr("cas.yaml:8"));
  EXPECT_THAT(loaded.status().message(), HasSubstr("unknown validator 'luhn'"));
}

}  // namespace
}  // namespace trustscreen::match
