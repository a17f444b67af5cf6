// Library behind the `rules list`, `rules test` and `rules lint` commands.
//
// Where it sits: the CLI loads a rule directory with rules::LoadRules and prints what these
// functions return; nothing here writes output or exits. They live in match because testing a
// rule's examples means matching them against the whole rule set.
//
// Thread-safety: pure functions of an immutable CompiledRuleSet.
#ifndef TRUSTSCREEN_MATCH_RULE_TOOLS_H_
#define TRUSTSCREEN_MATCH_RULE_TOOLS_H_

#include <string>
#include <vector>

#include "trustscreen/rules/rule_set.h"

namespace trustscreen::match {

// `rules list`: one row per rule, in load order.
struct RuleSummary {
  std::string id;
  std::string family;    // "partner", …
  std::string severity;  // "critical", …
  std::string title;
  std::string location;  // "FILE:LINE" ("(built in code)" without a file)
  std::string kind;      // "patterns" or "entity-list"
  int patterns = 0;      // patterns, or names and aliases of an entity list
};
std::vector<RuleSummary> ListRules(const rules::CompiledRuleSet& rules);

// `rules test`: every rule's examples through MatchText with the whole rule set. Each `match`
// example must produce a finding of its rule (IsFindingOfRule), each `no_match` example must not.
struct ExampleFailure {
  std::string rule_id;
  std::string location;  // "FILE:LINE" of the example ("(built in code)" without a file)
  std::string kind;      // "match" or "no_match"
  std::string example;
  std::string expected;  // "a finding of rule 'ID'" / "no finding of rule 'ID'"
  // "none", or "none (other rules found: FINDINGS)" / the unexpected FINDINGS / "matching failed:
  // ERROR"; FINDINGS are "'RULE' \"MATCHED\" at bytes BEGIN-END", comma-separated.
  std::string actual;
  // The one message about the failure, starting with its subject:
  // "LOCATION: rule 'ID': KIND example \"EXAMPLE\": expected EXPECTED, got ACTUAL", the example
  // and matched texts quoted with '"', '\\', and line breaks, tabs and form feeds escaped.
  std::string Message() const;
};
struct RuleTestReport {
  int rules = 0;
  int examples = 0;
  std::vector<ExampleFailure> failures;  // in rule order, then match before no_match examples
  // "N rules, M examples, K failures"
  std::string Summary() const;
};
// True if `finding` is of `rule`: its own, or an entity finding that names one of the rule's lists
// in also_listed_in (where several lists hit one span, one finding keeps them all).
bool IsFindingOfRule(const Finding& finding, const rules::Rule& rule);

// Every example of every rule of `rules` (the one implementation of the example check: `rules
// test` and the tests of the shipped rules both use it).
RuleTestReport TestRules(const rules::CompiledRuleSet& rules);

// `rules lint`: advice, never errors (a set that loads is valid). Codes:
//   no-match-examples, no-no-match-examples  a kind of example is missing
//   no-reference, no-category               documentation fields are empty
//   common-word                             a pattern is a plain common English word
//   plain-word                              a pattern is one bare word (often too broad)
//   duplicate-pattern                       the same pattern twice (in one rule or two)
//   filler-name                             an entity-list name that is ignored ("and", "Ltd")
//   duplicate-name                          two entries of one list share a normalised name
struct LintWarning {
  std::string location;  // "FILE:LINE"
  std::string rule_id;
  std::string code;
  std::string message;  // starts with the subject: "FILE:LINE: rule 'ID': …"
};
std::vector<LintWarning> LintRules(const rules::CompiledRuleSet& rules);

}  // namespace trustscreen::match

#endif  // TRUSTSCREEN_MATCH_RULE_TOOLS_H_
