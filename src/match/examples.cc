// Rules that carry their own examples (gitleaks' habit): every shipped rule states text it must
// flag and text it must leave alone, and this check keeps the two honest as patterns change.

#include <string>
#include <string_view>
#include <vector>

#include "compiled_rules_internal.h"
#include "trustscreen/match/matcher.h"
#include "trustscreen/match/rule_tools.h"

namespace trustscreen::match {
namespace {

// Double-quoted, with the characters that would break a one-line message escaped.
std::string Quote(std::string_view text) {
  std::string quoted = "\"";
  for (char c : text) {
    switch (c) {
      case '"':
        quoted += "\\\"";
        break;
      case '\\':
        quoted += "\\\\";
        break;
      case '\n':
        quoted += "\\n";
        break;
      case '\t':
        quoted += "\\t";
        break;
      case '\f':
        quoted += "\\f";
        break;
      case '\r':
        quoted += "\\r";
        break;
      default:
        quoted += c;
    }
  }
  return quoted + "\"";
}

std::string Describe(const Finding& finding) {
  return "'" + finding.rule_id + "' " + Quote(finding.matched_text) + " at bytes " +
         std::to_string(finding.begin) + "-" + std::to_string(finding.end);
}

int LineAt(const std::vector<int>& lines, std::size_t index, int fallback) {
  return index < lines.size() && lines[index] > 0 ? lines[index] : fallback;
}

}  // namespace

std::vector<std::string> CheckRuleExamples(const rules::CompiledRuleSet& rules) {
  std::vector<std::string> failures;
  for (const rules::Rule& rule : rules.rules()) {
    for (std::size_t i = 0; i < rule.examples_match.size(); ++i) {
      const std::string& example = rule.examples_match[i];
      const std::string subject = rules::internal::RuleSubject(
          rule, LineAt(rule.examples_match_lines, i, rule.source_line));
      Result<std::vector<Finding>> found = MatchText(rules, example);
      if (!found.ok()) {
        failures.push_back(subject + "match example " + Quote(example) +
                           ": matching failed: " + found.status().message());
        continue;
      }
      std::string others;
      bool matched = false;
      for (const Finding& finding : *found) {
        if (IsFindingOfRule(finding, rule)) {
          matched = true;
          break;
        }
        others += (others.empty() ? "" : ", ") + Describe(finding);
      }
      if (!matched) {
        failures.push_back(subject + "match example " + Quote(example) +
                           ": expected a finding of rule '" + rule.id + "', got none" +
                           (others.empty() ? "" : " (other rules found: " + others + ")"));
      }
    }
    for (std::size_t i = 0; i < rule.examples_no_match.size(); ++i) {
      const std::string& example = rule.examples_no_match[i];
      const std::string subject = rules::internal::RuleSubject(
          rule, LineAt(rule.examples_no_match_lines, i, rule.source_line));
      Result<std::vector<Finding>> found = MatchText(rules, example);
      if (!found.ok()) {
        failures.push_back(subject + "no_match example " + Quote(example) +
                           ": matching failed: " + found.status().message());
        continue;
      }
      std::string unexpected;
      for (const Finding& finding : *found) {
        if (IsFindingOfRule(finding, rule)) {
          unexpected += (unexpected.empty() ? "" : ", ") + Describe(finding);
        }
      }
      if (!unexpected.empty()) {
        failures.push_back(subject + "no_match example " + Quote(example) +
                           ": expected no finding of rule '" + rule.id + "', got " + unexpected);
      }
    }
  }
  return failures;
}

}  // namespace trustscreen::match
