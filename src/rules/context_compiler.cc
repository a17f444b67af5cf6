// Context conditions (requires / unless / raise / lower) -> one RE2 alternation each.

#include <array>
#include <memory>
#include <string>
#include <string_view>
#include <tuple>

#include "trustscreen/rules/compiled_rules_internal.h"
#include "trustscreen/rules/rule_set.h"

namespace trustscreen::rules::internal {
namespace {

re2::RE2::Options TermOptions(std::int64_t max_mem) {
  re2::RE2::Options options;
  options.set_encoding(re2::RE2::Options::EncodingUTF8);
  options.set_log_errors(false);
  options.set_case_sensitive(false);
  options.set_longest_match(true);  // "controlled" rather than "control": whole-word checks see it
  options.set_max_mem(max_mem);
  return options;
}

// Where a condition's error is: the rule's file, or the file of the family context it came from.
std::string ConditionSubject(const Rule& rule, const ContextCondition& condition, int line) {
  if (condition.source_file.empty()) return RuleSubject(rule, line);
  return condition.source_file + ":" + std::to_string(line) +
         ": family_context (applied to rule '" + rule.id + "'): ";
}

Status CompileCondition(const Rule& rule, std::string_view key, const ContextCondition& condition,
                        const CompileOptions& options, CompiledCondition* out) {
  std::string alternation;
  for (std::size_t i = 0; i < condition.terms.size(); ++i) {
    const std::string& term = condition.terms[i];
    const int line = i < condition.term_lines.size() && condition.term_lines[i] > 0
                         ? condition.term_lines[i]
                         : (condition.line > 0 ? condition.line : rule.source_line);
    const std::string subject = ConditionSubject(rule, condition, line);
    const re2::RE2 regex(term, TermOptions(options.pattern_max_mem));
    if (!regex.ok()) {
      return InvalidArgument(subject + "invalid term '" + term + "' in '" + std::string(key) +
                             "': " + regex.error());
    }
    // A term that matches nothing still "occurs" everywhere: refused like an empty pattern.
    if (CanMatchEmpty(regex)) {
      return InvalidArgument(subject + "term '" + term + "' in '" + std::string(key) +
                             "' can match the empty string; every term must consume text");
    }
    if (!alternation.empty()) alternation += '|';
    alternation += "(?:" + term + ")";
  }
  auto regex = std::make_unique<const re2::RE2>(alternation, TermOptions(options.pattern_max_mem));
  if (!regex->ok()) {
    return InvalidArgument(
        ConditionSubject(rule, condition, condition.line > 0 ? condition.line : rule.source_line) +
        "the terms of '" + std::string(key) +
        "' cannot be combined (an unterminated \\Q...\\E?): " + regex->error());
  }
  out->terms = std::move(regex);
  out->within = condition.within;
  out->label = condition.label;
  return Status::Ok();
}

}  // namespace

Status CompileContext(const Rule& rule, const CompileOptions& options, CompiledContext* out) {
  if (rule.requires_context) {
    out->requires_context.emplace();
    if (Status status = CompileCondition(rule, "requires", *rule.requires_context, options,
                                         &*out->requires_context);
        !status.ok()) {
      return status;
    }
  }
  if (rule.unless_context) {
    out->unless_context.emplace();
    if (Status status =
            CompileCondition(rule, "unless", *rule.unless_context, options, &*out->unless_context);
        !status.ok()) {
      return status;
    }
  }
  for (const auto& [key, conditions, compiled] :
       {std::tuple{"raise", &rule.raise_contexts, &out->raise},
        std::tuple{"lower", &rule.lower_contexts, &out->lower}}) {
    for (const ContextCondition& condition : *conditions) {
      compiled->emplace_back();
      if (Status status = CompileCondition(rule, key, condition, options, &compiled->back());
          !status.ok()) {
        return status;
      }
    }
  }
  return Status::Ok();
}

}  // namespace trustscreen::rules::internal
