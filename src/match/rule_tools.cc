#include "trustscreen/match/rule_tools.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "compiled_rules_internal.h"
#include "trustscreen/lists/name_pattern.h"
#include "trustscreen/match/matcher.h"

namespace trustscreen::match {
namespace {

std::string Location(const std::string& file, int line) {
  return file.empty() ? "(built in code)" : file + ":" + std::to_string(line);
}

int LineAt(const std::vector<int>& lines, std::size_t index, int fallback) {
  return index < lines.size() && lines[index] > 0 ? lines[index] : fallback;
}

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

// "'RULE' \"MATCHED\" at bytes BEGIN-END"
std::string Describe(const Finding& finding) {
  return "'" + finding.rule_id + "' " + Quote(finding.matched_text) + " at bytes " +
         std::to_string(finding.begin) + "-" + std::to_string(finding.end);
}

// Words that, as a whole pattern, match in almost any contract or proposal.
constexpr std::array<std::string_view, 40> kCommonWords = {
    "agreement", "and",     "data",     "defense",  "defence",   "design",   "device",
    "energy",    "export",  "field",    "group",    "hit",       "import",   "industry",
    "institute", "laser",   "license",  "licence",  "material",  "military", "network",
    "nuclear",   "party",   "power",    "project",  "quantum",   "research", "science",
    "security",  "service", "software", "space",    "system",    "systems",  "technology",
    "test",      "the",     "training", "transfer", "university"};

// The pattern without an inline case flag, if what remains is letters only.
std::string PlainWord(std::string_view pattern) {
  for (std::string_view prefix : {"(?i)", "(?-i)"}) {
    if (pattern.substr(0, prefix.size()) == prefix) pattern.remove_prefix(prefix.size());
  }
  if (pattern.empty()) return "";
  std::string word;
  for (char c : pattern) {
    if (!std::isalpha(static_cast<unsigned char>(c))) return "";
    word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return word;
}

}  // namespace

std::vector<RuleSummary> ListRules(const rules::CompiledRuleSet& rule_set) {
  std::vector<int> counts(rule_set.rules().size(), 0);
  for (const rules::CompiledPattern& pattern : rule_set.impl().patterns) {
    ++counts[static_cast<std::size_t>(pattern.rule_index)];
  }
  std::vector<RuleSummary> summaries;
  for (std::size_t i = 0; i < rule_set.rules().size(); ++i) {
    const rules::Rule& rule = rule_set.rules()[i];
    RuleSummary summary;
    summary.id = rule.id;
    summary.family = std::string(ToString(rule.family));
    summary.severity = std::string(ToString(rule.severity));
    summary.title = rule.title;
    summary.location = Location(rule.source_file, rule.source_line);
    summary.kind = rule.kind == rules::RuleKind::kEntityList ? "entity-list" : "patterns";
    summary.patterns = counts[i];
    summaries.push_back(std::move(summary));
  }
  return summaries;
}

std::string ExampleFailure::Message() const {
  return location + ": rule '" + rule_id + "': " + kind + " example " + Quote(example) +
         ": expected " + expected + ", got " + actual;
}

std::string RuleTestReport::Summary() const {
  return std::to_string(rules) + " rules, " + std::to_string(examples) + " examples, " +
         std::to_string(failures.size()) + " failures";
}

bool IsFindingOfRule(const Finding& finding, const rules::Rule& rule) {
  if (finding.rule_id == rule.id) return true;
  if (!finding.entity || rule.entities == nullptr) return false;
  for (const std::string& also : finding.entity->also_listed_in) {
    // "LIST: NAME (ID)": the entry of that list with that id (two rules can share a list name).
    const std::size_t colon = also.find(": ");
    const std::size_t open = also.rfind(" (");
    if (colon == std::string::npos || open == std::string::npos || also.back() != ')') continue;
    const std::string_view list = std::string_view(also).substr(0, colon);
    const std::string_view id = std::string_view(also).substr(open + 2, also.size() - open - 3);
    for (const lists::EntityEntry& entry : rule.entities->entries) {
      if (entry.id == id && entry.list == list) return true;
    }
  }
  return false;
}

RuleTestReport TestRules(const rules::CompiledRuleSet& rule_set) {
  RuleTestReport report;
  report.rules = static_cast<int>(rule_set.rules().size());
  for (const rules::Rule& rule : rule_set.rules()) {
    for (int kind = 0; kind < 2; ++kind) {
      const bool want = kind == 0;
      const std::vector<std::string>& examples =
          want ? rule.examples_match : rule.examples_no_match;
      const std::vector<int>& lines =
          want ? rule.examples_match_lines : rule.examples_no_match_lines;
      for (std::size_t i = 0; i < examples.size(); ++i) {
        ++report.examples;
        ExampleFailure failure;
        failure.rule_id = rule.id;
        failure.location = Location(rule.source_file, LineAt(lines, i, rule.source_line));
        failure.kind = want ? "match" : "no_match";
        failure.example = examples[i];
        failure.expected = (want ? "a finding of rule '" : "no finding of rule '") + rule.id + "'";
        Result<std::vector<Finding>> found = MatchText(rule_set, examples[i]);
        if (!found.ok()) {
          failure.actual = "matching failed: " + found.status().message();
          report.failures.push_back(std::move(failure));
          continue;
        }
        std::string own;
        std::string others;
        for (const Finding& finding : *found) {
          std::string& into = IsFindingOfRule(finding, rule) ? own : others;
          into += (into.empty() ? "" : ", ") + Describe(finding);
        }
        if (want && own.empty()) {
          failure.actual = "none" + (others.empty() ? "" : " (other rules found: " + others + ")");
          report.failures.push_back(std::move(failure));
        } else if (!want && !own.empty()) {
          failure.actual = own;
          report.failures.push_back(std::move(failure));
        }
      }
    }
  }
  return report;
}

std::vector<LintWarning> LintRules(const rules::CompiledRuleSet& rule_set) {
  std::vector<LintWarning> warnings;
  auto warn = [&](const rules::Rule& rule, int line, std::string code, const std::string& what) {
    LintWarning warning;
    warning.location = Location(rule.source_file, line);
    warning.rule_id = rule.id;
    warning.code = std::move(code);
    warning.message = rules::internal::RuleSubject(rule, line) + what + " [" + warning.code + "]";
    warnings.push_back(std::move(warning));
  };
  std::map<std::string, std::string> first_pattern;  // pattern -> "rule 'ID' (FILE:LINE)"
  for (const rules::Rule& rule : rule_set.rules()) {
    const int line = rule.source_line;
    if (rule.examples_match.empty()) warn(rule, line, "no-match-examples", "no match examples");
    if (rule.examples_no_match.empty()) {
      warn(rule, line, "no-no-match-examples", "no no_match examples");
    }
    if (rule.reference.empty()) warn(rule, line, "no-reference", "no reference");
    if (rule.category.empty()) warn(rule, line, "no-category", "no category");
    for (std::size_t p = 0; p < rule.patterns.size(); ++p) {
      const std::string& pattern = rule.patterns[p];
      const int pattern_line = LineAt(rule.pattern_lines, p, line);
      const std::string word = PlainWord(pattern);
      if (!word.empty()) {
        const bool common =
            std::find(kCommonWords.begin(), kCommonWords.end(), word) != kCommonWords.end();
        warn(rule, pattern_line, common ? "common-word" : "plain-word",
             "pattern '" + pattern + "' is " +
                 (common ? "a common English word: it will match ordinary text"
                         : "a single bare word: consider a phrase or co-term"));
      }
      const std::string here =
          "rule '" + rule.id + "' (" + Location(rule.source_file, pattern_line) + ")";
      auto [it, inserted] = first_pattern.emplace(pattern, here);
      if (!inserted) {
        warn(rule, pattern_line, "duplicate-pattern",
             "pattern '" + pattern + "' also appears in " + it->second);
      }
    }
    if (rule.kind == rules::RuleKind::kEntityList && rule.entities != nullptr) {
      std::map<std::string, const lists::EntityEntry*> by_key;
      for (const lists::EntityEntry& entry : rule.entities->entries) {
        const std::string subject = "entity list " + rule.entities->path + ":" +
                                    std::to_string(entry.line) + ": entry '" + entry.id + "': ";
        for (int n = 0; n < rules::internal::EntityNameCount(entry); ++n) {
          const std::string& name = rules::internal::EntityName(entry, n);
          if (lists::IsFillerName(name)) {
            warn(rule, rule.list_line, "filler-name",
                 subject + "name '" + name + "' is ignored (a filler word or too short)");
            continue;
          }
          if (n != 0) continue;
          auto [it, inserted] = by_key.emplace(lists::NormalizeName(name), &entry);
          if (!inserted) {
            warn(rule, rule.list_line, "duplicate-name",
                 subject + "name '" + name + "' is also the name of entry '" + it->second->id +
                     "' (line " + std::to_string(it->second->line) + ")");
          }
        }
      }
    }
  }
  return warnings;
}

}  // namespace trustscreen::match
