// The commands beside scan: rules test / lint / list and lists import.
#include <gtest/gtest.h>

#include "e2e/run_cli.h"
#include "temp_dir.h"

namespace trustscreen::testing {
namespace {

const std::filesystem::path kRules = std::filesystem::path(TRUSTSCREEN_SOURCE_DIR) / "rules";

TEST(RulesCommand, ShippedRulesPassTheirExamples) {
  CliRun run = RunTrustscreen("rules test " + Quote(kRules));
  EXPECT_EQ(run.exit_code, 0) << run.output;
  EXPECT_NE(run.output.find(" 0 failures"), std::string::npos) << run.output;
}

TEST(RulesCommand, BrokenExampleFailsNamingRuleExampleExpectedAndActual) {
  TempDir dir;
  auto rule = dir.Write("r.yaml",
                        "rules:\n  - id: t-hyper\n    title: Hypersonic\n    family: "
                        "sensitive-tech\n    severity: high\n    rationale: r\n    reference: x\n"
                        "    patterns: ['hypersonic']\n    examples:\n      match: ['supersonic "
                        "flow']\n      no_match: ['subsonic']\n");
  CliRun run = RunTrustscreen("rules test " + Quote(rule));
  EXPECT_EQ(run.exit_code, 1) << run.output;
  EXPECT_NE(run.output.find("r.yaml:10: rule 't-hyper'"), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("supersonic flow"), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("expected a finding of rule 't-hyper'"), std::string::npos)
      << run.output;
  EXPECT_NE(run.output.find("1 failures"), std::string::npos) << run.output;
}

TEST(RulesCommand, ListNamesEveryRuleWithItsLocation) {
  CliRun run = RunTrustscreen("rules list " + Quote(kRules));
  EXPECT_EQ(run.exit_code, 0) << run.output;
  EXPECT_NE(run.output.find("ec-eccn"), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("identifiers.yaml:"), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("entity-list"), std::string::npos) << run.output;
}

TEST(RulesCommand, LintRunsOnTheShippedRules) {
  CliRun run = RunTrustscreen("rules lint " + Quote(kRules));
  EXPECT_TRUE(run.exit_code == 0 || run.exit_code == 1) << run.output;
  EXPECT_NE(run.output.find("warning(s)"), std::string::npos) << run.output;
}

TEST(ListsCommand, ImportsTheConsolidatedScreeningListFormat) {
  TempDir dir;
  auto csv = dir.Write(
      "csl.csv",
      "_id,source,entity_number,type,programs,name,title,addresses,federal_register_notice,"
      "start_date,end_date,standard_order,license_requirement,license_policy,call_sign,"
      "vessel_type,gross_tonnage,gross_registered_tonnage,vessel_flag,vessel_owner,remarks,"
      "source_list_url,alt_names,citizenships,dates_of_birth,nationalities,places_of_birth,"
      "source_information_url,ids\n"
      "abc,Entity List (EL) - Bureau of Industry and Security,,,,Example Institute of "
      "Testing,,\"1 Road, Harbin, CN\",85 FR 1,2020-06-05,,,,,,,,,,,,,EIT; and Example "
      "Inst.,,,,,,\n");
  const auto out = dir.path() / "list.csv";
  CliRun undated =
      RunTrustscreen("lists import --format csl " + Quote(csv) + " --out " + Quote(out));
  EXPECT_EQ(undated.exit_code, 3) << undated.output;
  EXPECT_NE(undated.output.find("--published"), std::string::npos) << undated.output;
  CliRun run = RunTrustscreen("lists import --format csl --published 2025-01-03 " + Quote(csv) +
                              " --out " + Quote(out));
  EXPECT_EQ(run.exit_code, 0) << run.output;
  EXPECT_NE(run.output.find("1 entries"), std::string::npos) << run.output;
  std::ifstream in(out);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_NE(text.find("Example Institute of Testing"), std::string::npos) << text;
  EXPECT_NE(text.find("EIT"), std::string::npos) << text;
  EXPECT_NE(text.find("# published: 2025-01-03\n"), std::string::npos) << text;
  EXPECT_NE(text.find("# command: trustscreen lists import --format csl --published 2025-01-03"),
            std::string::npos)
      << text;

  CliRun missing = RunTrustscreen("lists import " + Quote(dir.path() / "none.csv") + " --out " +
                                  Quote(dir.path() / "x.csv"));
  EXPECT_EQ(missing.exit_code, 3) << missing.output;
}

}  // namespace
}  // namespace trustscreen::testing
