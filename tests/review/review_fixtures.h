// Shared by the review tests: a small rule pack, agreement texts to edit, and a scan that returns
// its JSONL report parsed.
#ifndef TRUSTSCREEN_TESTS_REVIEW_REVIEW_FIXTURES_H_
#define TRUSTSCREEN_TESTS_REVIEW_REVIEW_FIXTURES_H_

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "temp_dir.h"
#include "trustscreen/pipeline/scan.h"

namespace trustscreen::review::testing {

inline constexpr char kRules[] = R"(rules:
  - id: test-eccn
    title: ECCN 3A001
    family: export-control
    severity: high
    rationale: test rule
    patterns: ['3A001']
  - id: test-hypersonic
    title: Hypersonic flight
    family: sensitive-tech
    severity: medium
    rationale: test rule
    patterns: ['hypersonic']
)";

// Clause 2.1 holds the ECCN, clause 2.2 the hypersonic term.
inline std::string Agreement(const std::string& above = "",
                             const std::string& clause_2_1 =
                                 "The Parties acknowledge that equipment classified under ECCN "
                                 "3A001 shall not be exported without a licence.") {
  return "RESEARCH COLLABORATION AGREEMENT\n\n"
         "1. Definitions\n\n"
         "1.1 \"Results\" means all data and know-how generated in the Project.\n\n" +
         above +
         "2. Export Control\n\n"
         "2.1 " +
         clause_2_1 +
         "\n\n"
         "2.2 Hypersonic test data may be shared with the Sponsor.\n\n"
         "3. Term\n\n"
         "3.1 This Agreement ends on 31 December 2027.\n";
}

struct Report {
  nlohmann::json run;
  std::vector<nlohmann::json> documents;
  std::vector<nlohmann::json> findings;
  nlohmann::json summary;

  const nlohmann::json* FindingOf(const std::string& rule_id) const {
    for (const nlohmann::json& finding : findings) {
      if (finding["rule_id"] == rule_id) return &finding;
    }
    return nullptr;
  }
};

inline Report ReadReport(const std::filesystem::path& jsonl) {
  Report report;
  std::ifstream in(jsonl);
  for (std::string line; std::getline(in, line);) {
    nlohmann::json record = nlohmann::json::parse(line);
    const std::string kind = record["record"];
    if (kind == "run") report.run = record;
    if (kind == "document") report.documents.push_back(record);
    if (kind == "finding") report.findings.push_back(record);
    if (kind == "summary") report.summary = record;
  }
  return report;
}

// Screens `inputs` with kRules into `out` (reproducible); returns the outcome.
inline Result<pipeline::ScanOutcome> Scan(const trustscreen::testing::TempDir& dir,
                                          const std::vector<std::string>& inputs,
                                          const std::string& out,
                                          const std::filesystem::path& waivers = {},
                                          const std::string& today = "2026-11-26") {
  pipeline::ScanOptions options;
  options.inputs = inputs;
  const std::filesystem::path rules = dir.path() / "rules" / "test.yaml";
  if (!std::filesystem::exists(rules)) dir.Write("rules/test.yaml", kRules);
  options.rule_paths = {rules};
  options.out_dir = dir.path() / out;
  options.threads = 2;
  options.reproducible = true;
  options.waivers_path = waivers;
  options.today = today;
  return pipeline::RunScan(options);
}

}  // namespace trustscreen::review::testing

#endif  // TRUSTSCREEN_TESTS_REVIEW_REVIEW_FIXTURES_H_
