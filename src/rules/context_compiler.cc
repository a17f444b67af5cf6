// Context conditions (requires / unless / raise / lower) -> one RE2 alternation each.

#include <array>
#include <memory>
#include <string>
#include <string_view>
#include <tuple>

#include "compiled_rules_internal.h"
#include "rule_compiler_internal.h"
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
                        const CompileOptions& options, ConditionCache* cache,
                        CompiledCondition* out) {
  std::string alternation;
  for (const std::string& term : condition.terms) {
    if (!alternation.empty()) alternation += '|';
    alternation += "(?:" + term + ")";
  }
  // Each term is checked on its own (an error names it) the first time the condition is seen.
  Status status = Status::Ok();
  const auto compile = [&]() -> std::shared_ptr<const re2::RE2> {
    for (std::size_t i = 0; i < condition.terms.size(); ++i) {
      const std::string& term = condition.terms[i];
      const int line = i < condition.term_lines.size() && condition.term_lines[i] > 0
                           ? condition.term_lines[i]
                           : (condition.line > 0 ? condition.line : rule.source_line);
      const std::string subject = ConditionSubject(rule, condition, line);
      const re2::RE2 regex(term, TermOptions(options.pattern_max_mem));
      if (!regex.ok()) {
        status = InvalidArgument(subject + "invalid term '" + term + "' in '" + std::string(key) +
                                 "': " + regex.error());
        return nullptr;
      }
      // A term that matches nothing still "occurs" everywhere: refused like an empty pattern.
      if (CanMatchEmpty(regex)) {
        status = InvalidArgument(subject + "term '" + term + "' in '" + std::string(key) +
                                 "' can match the empty string; every term must consume text");
        return nullptr;
      }
    }
    auto regex =
        std::make_shared<const re2::RE2>(alternation, TermOptions(options.pattern_max_mem));
    if (!regex->ok()) {
      status =
          InvalidArgument(ConditionSubject(rule, condition,
                                           condition.line > 0 ? condition.line : rule.source_line) +
                          "the terms of '" + std::string(key) +
                          "' cannot be combined (an unterminated \\Q...\\E?): " + regex->error());
      return nullptr;
    }
    return regex;
  };
  out->terms = cache->Get(alternation, compile);
  // The same terms failed for another rule (threads compile rules in any order): this rule's own
  // message, so that the error reported is the same in every run.
  if (out->terms == nullptr && status.ok()) compile();
  if (!status.ok()) return status;
  out->within = condition.within;
  out->label = condition.label;
  return Status::Ok();
}

}  // namespace

std::shared_ptr<const re2::RE2> ConditionCache::Get(
    const std::string& alternation,
    const std::function<std::shared_ptr<const re2::RE2>()>& compile) {
  {
    const std::lock_guard<std::mutex> lock(mutex_);
    if (const auto found = compiled_.find(alternation); found != compiled_.end()) {
      return found->second;
    }
  }
  // Compiled outside the lock; two threads may both compile the first time, one result is kept.
  std::shared_ptr<const re2::RE2> regex = compile();
  const std::lock_guard<std::mutex> lock(mutex_);
  return compiled_.try_emplace(alternation, std::move(regex)).first->second;
}

Status CompileContext(const Rule& rule, const CompileOptions& options, ConditionCache* cache,
                      CompiledContext* out) {
  if (rule.requires_context) {
    out->requires_context.emplace();
    if (Status status = CompileCondition(rule, "requires", *rule.requires_context, options, cache,
                                         &*out->requires_context);
        !status.ok()) {
      return status;
    }
  }
  if (rule.unless_context) {
    out->unless_context.emplace();
    if (Status status = CompileCondition(rule, "unless", *rule.unless_context, options, cache,
                                         &*out->unless_context);
        !status.ok()) {
      return status;
    }
  }
  for (const auto& [key, conditions, compiled] :
       {std::tuple{"raise", &rule.raise_contexts, &out->raise},
        std::tuple{"lower", &rule.lower_contexts, &out->lower}}) {
    for (const ContextCondition& condition : *conditions) {
      compiled->emplace_back();
      if (Status status = CompileCondition(rule, key, condition, options, cache, &compiled->back());
          !status.ok()) {
        return status;
      }
    }
  }
  return Status::Ok();
}

}  // namespace trustscreen::rules::internal
