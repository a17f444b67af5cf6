// Small DocumentResult builders shared by the report tests.
#ifndef TRUSTSCREEN_TESTS_REPORT_REPORT_FIXTURES_H_
#define TRUSTSCREEN_TESTS_REPORT_REPORT_FIXTURES_H_

#include <string>

#include "trustscreen/core/finding.h"

namespace trustscreen::report {

inline Finding MakeFinding(std::string rule_id, RuleFamily family, Severity severity,
                           std::size_t begin, std::string text) {
  Finding finding;
  finding.rule_id = std::move(rule_id);
  finding.rule_title = "title of " + finding.rule_id;
  finding.family = family;
  finding.severity = severity;
  finding.page = 2;
  finding.begin = begin;
  finding.end = begin + text.size();
  finding.matched_text = text;
  finding.snippet = "... " + text + " ...";
  return finding;
}

inline DocumentResult MakeResult(std::string path, DocumentStatus status,
                                 std::vector<Finding> findings = {}) {
  DocumentResult result;
  result.document.path = std::move(path);
  result.document.sha256 = std::string(64, 'a');
  result.document.status = status;
  result.document.format = DocumentFormat::kPdf;
  if (status != DocumentStatus::kOk) result.document.reason = "reason for " + result.document.path;
  result.document.pages = {{1, 0, 10, false}, {2, 11, 20, true}};
  result.findings = std::move(findings);
  return result;
}

}  // namespace trustscreen::report

#endif  // TRUSTSCREEN_TESTS_REPORT_REPORT_FIXTURES_H_
