// Matching: a CompiledRuleSet applied to a Document's text -> findings.
//
// A first pass with RE2::Set finds which rules can match at all; only those run again for
// positions. Each finding carries page, byte offsets, the exact matched text and a one-line snippet.
// Findings come out in document order (begin offset, then rule order, then end offset).
//
// Thread-safety: the functions are reentrant; a CompiledRuleSet may be shared across threads.
#ifndef TRUSTSCREEN_MATCH_MATCHER_H_
#define TRUSTSCREEN_MATCH_MATCHER_H_

#include <string>
#include <string_view>
#include <vector>

#include "trustscreen/core/document.h"
#include "trustscreen/core/finding.h"
#include "trustscreen/core/status.h"
#include "trustscreen/rules/rule_set.h"

namespace trustscreen::match {

// All findings in the document's text. Fails only if RE2 itself fails (e.g. DFA out of memory),
// which must never be mistaken for "no match".
Result<std::vector<Finding>> MatchDocument(const rules::CompiledRuleSet& rules,
                                           const Document& document);

// Findings in a bare string (page 0): used for rule examples and tests.
Result<std::vector<Finding>> MatchText(const rules::CompiledRuleSet& rules, std::string_view text);

// Runs every rule's examples: each `match` example must produce a finding of that rule, each
// `no_match` example must not. Returns one message per failure, naming file:line, rule, example,
// expected and actual; empty when all pass.
std::vector<std::string> CheckRuleExamples(const rules::CompiledRuleSet& rules);

}  // namespace trustscreen::match

#endif  // TRUSTSCREEN_MATCH_MATCHER_H_
