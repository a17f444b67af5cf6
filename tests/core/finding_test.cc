#include "trustscreen/core/finding.h"

#include <gtest/gtest.h>

namespace trustscreen {
namespace {

TEST(Severity, IsOrderedFromInfoToCritical) {
  EXPECT_LT(Severity::kInfo, Severity::kLow);
  EXPECT_LT(Severity::kLow, Severity::kMedium);
  EXPECT_LT(Severity::kMedium, Severity::kHigh);
  EXPECT_LT(Severity::kHigh, Severity::kCritical);
}

TEST(Severity, ParsesOnlyKnownNames) {
  EXPECT_EQ(ParseSeverity("critical"), Severity::kCritical);
  EXPECT_EQ(ParseSeverity("info"), Severity::kInfo);
  EXPECT_FALSE(ParseSeverity("Critical").has_value());
  EXPECT_FALSE(ParseSeverity("S1").has_value());
  EXPECT_EQ(ToString(Severity::kMedium), "medium");
}

TEST(RuleFamily, NamesRoundTrip) {
  for (RuleFamily family :
       {RuleFamily::kSensitiveTech, RuleFamily::kExportControl, RuleFamily::kPartner}) {
    EXPECT_EQ(ParseRuleFamily(ToString(family)), family);
  }
  EXPECT_FALSE(ParseRuleFamily("partners").has_value());
}

TEST(GroupFindingsByClause, GroupsAdjacentFindingsOfTheSameClause) {
  auto in = [](std::string ref) {
    Finding finding;
    finding.clause_ref = std::move(ref);
    return finding;
  };
  const std::vector<Finding> findings = {in(""), in("9.1"), in("9.1"), in("9.2"), in("9.1")};
  EXPECT_EQ(GroupFindingsByClause(findings),
            (std::vector<FindingRange>{{0, 1}, {1, 3}, {3, 4}, {4, 5}}));
  EXPECT_TRUE(GroupFindingsByClause({}).empty());
}

}  // namespace
}  // namespace trustscreen
