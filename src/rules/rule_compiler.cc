// Validated rules -> CompiledRuleSet: per-pattern RE2 objects plus one RE2::Set per case mode.

#include <algorithm>
#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "compiled_rules_internal.h"
#include "lead_index.h"
#include "match_leads.h"
#include "name_index.h"
#include "parallel.h"
#include "rule_compiler_internal.h"
#include "trustscreen/digest/sha256.h"
#include "trustscreen/rules/rule_set.h"

namespace trustscreen::rules {
namespace {

re2::RE2::Options BaseOptions(bool case_sensitive, std::int64_t max_mem) {
  re2::RE2::Options options;
  options.set_encoding(re2::RE2::Options::EncodingUTF8);
  options.set_log_errors(false);  // errors come back as Status; RE2 must not write to stderr
  options.set_case_sensitive(case_sensitive);
  options.set_max_mem(max_mem);
  return options;
}

// Leftmost-longest: a phrase pattern such as `UAVs?` or `quantum (computer|computing)` reports
// the whole phrase, and the whole-word check sees the real end of the phrase.
re2::RE2::Options PositionOptions(bool case_sensitive, std::int64_t max_mem) {
  re2::RE2::Options options = BaseOptions(case_sensitive, max_mem);
  options.set_longest_match(true);
  return options;
}

std::string Location(const Rule& rule) {
  return rule.source_file.empty() ? "(built in code)"
                                  : rule.source_file + ":" + std::to_string(rule.source_line);
}

// ParseRuleFile has already checked rules from files (with better line numbers); this catches
// rules built in code.
Status ValidateRule(const Rule& rule) {
  if (!internal::IsValidRuleId(rule.id)) {
    return InvalidArgument(internal::RuleSubject(rule, rule.source_line) +
                           "invalid id: ids are lowercase letters, digits, '-' and '.', starting "
                           "with a letter or digit ([a-z0-9][a-z0-9-.]*)");
  }
  auto missing = [&](std::string_view key) {
    return InvalidArgument(internal::RuleSubject(rule, rule.source_line) +
                           "missing required key '" + std::string(key) + "'");
  };
  if (rule.title.empty()) return missing("title");
  if (rule.rationale.empty()) return missing("rationale");
  if (rule.kind == RuleKind::kEntityList) {
    if (rule.entities == nullptr) {
      return InvalidArgument(internal::RuleSubject(rule, rule.list_line) + "entity list '" +
                             rule.list + "' was not loaded (use LoadRules)");
    }
    return Status::Ok();
  }
  if (rule.patterns.empty()) return missing("patterns");
  return Status::Ok();
}

int LineOrDefault(const std::vector<int>& lines, std::size_t index, int fallback) {
  return index < lines.size() && lines[index] > 0 ? lines[index] : fallback;
}

std::string FormatBytes(std::int64_t bytes) {
  if (bytes >= (std::int64_t{1} << 20) && bytes % (std::int64_t{1} << 20) == 0) {
    return std::to_string(bytes >> 20) + " MiB";
  }
  return std::to_string(bytes) + " byte";
}

}  // namespace

namespace internal {

std::string DigestOfFiles(const std::vector<RuleFileInfo>& files) {
  digest::Sha256Hasher hasher;
  for (const RuleFileInfo& file : files) {
    hasher.Update(file.sha256);
    hasher.Update("\n");
  }
  return hasher.FinishHex();
}

// True if the pattern can match an empty span. Checking "" alone misses patterns that only match
// empty in context (`\b`, `(?m)$`), so every position of a few probes is tried too: an empty match
// depends only on the characters either side, and the probes contain every pairing of start/end
// of text, word character, space, punctuation, newline and non-ASCII.
bool CanMatchEmpty(const re2::RE2& regex) {
  static constexpr std::array<std::string_view, 3> kProbes = {
      "", "a", "a b\nc.\n\n d-\xC3\xA9 \xE4\xB8\xAD\xE6\x96\x87 x"};
  for (std::string_view probe : kProbes) {
    const re2::StringPiece text(probe.data(), probe.size());
    for (std::size_t pos = 0; pos <= probe.size(); ++pos) {
      if (regex.Match(text, pos, pos, re2::RE2::ANCHOR_BOTH, nullptr, 0)) return true;
    }
  }
  return false;
}

bool IsValidRuleId(std::string_view id) {
  auto lower_or_digit = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
  if (id.empty() || !lower_or_digit(id[0])) return false;
  return std::all_of(id.begin(), id.end(),
                     [&](char c) { return lower_or_digit(c) || c == '-' || c == '.'; });
}

std::string RuleSubject(const Rule& rule, int line) {
  std::string subject;
  if (!rule.source_file.empty()) subject = rule.source_file + ":" + std::to_string(line) + ": ";
  return subject + "rule '" + rule.id + "': ";
}

Result<CompiledRuleSet> CompileRulesWithOptions(std::vector<Rule> rules,
                                                std::vector<RuleFileInfo> files,
                                                const CompileOptions& options) {
  const ScopedThreadLimit thread_limit(options.threads);
  std::unordered_map<std::string, std::size_t> first_by_id;
  for (std::size_t i = 0; i < rules.size(); ++i) {
    if (Status status = ValidateRule(rules[i]); !status.ok()) return status;
    auto [it, inserted] = first_by_id.emplace(rules[i].id, i);
    if (!inserted) {
      return InvalidArgument(RuleSubject(rules[i], rules[i].source_line) +
                             "duplicate id (first defined at " + Location(rules[it->second]) + ")");
    }
  }

  auto impl = std::make_shared<CompiledRuleSet::Impl>();
  auto set = std::make_unique<re2::RE2::Set>(
      BaseOptions(/*case_sensitive=*/true, options.set_max_mem), re2::RE2::UNANCHORED);
  auto script_set = std::make_unique<re2::RE2::Set>(
      BaseOptions(/*case_sensitive=*/true, 4 * options.set_max_mem), re2::RE2::UNANCHORED);
  // Each pattern's RE2 and leads, compiled in parallel; filed in rule order below.
  struct PatternWork {
    std::size_t rule = 0;
    std::size_t pattern = 0;
    std::unique_ptr<const re2::RE2> regex;
    std::optional<std::vector<std::string>> leads;
  };
  std::vector<PatternWork> work;
  for (std::size_t r = 0; r < rules.size(); ++r) {
    if (rules[r].kind == RuleKind::kEntityList) continue;
    for (std::size_t p = 0; p < rules[r].patterns.size(); ++p) work.push_back({r, p, {}, {}});
  }
  // The work is submitted to the pool now and waited for where it is filed, in rule order: the
  // pool goes on with later lists' names while this thread files an earlier one's. (Declared after
  // the data its items use, so that it stops first.)
  std::vector<std::shared_ptr<EntityNamesWork>> entity_names(rules.size());
  WorkPool pool;
  const std::shared_ptr<WorkPool::Batch> pattern_batch =
      pool.Submit(work.size(), [&](std::size_t i) {
        PatternWork& item = work[i];
        const Rule& rule = rules[item.rule];
        const std::string& pattern = rule.patterns[item.pattern];
        item.regex = std::make_unique<const re2::RE2>(
            pattern, PositionOptions(rule.case_sensitive, options.pattern_max_mem));
        if (options.index_leads && item.regex->ok()) {
          item.leads = MatchLeads(pattern, rule.case_sensitive);
          // Weak leads ("0 -" for `(?:zero|0)[\s-]+day`) are found at a few hundred places in a
          // long contract; the RE2::Set costs a pass over the whole text even for one pattern.
          if (!item.leads)
            item.leads = MatchLeads(pattern, rule.case_sensitive, {.min_word_bytes = 1});
        }
      });
  for (std::size_t r = 0; r < rules.size(); ++r) {
    if (rules[r].kind == RuleKind::kEntityList) {
      entity_names[r] = StartEntityNames(rules[r], options, pool);
    }
  }
  pool.Wait(*pattern_batch);
  std::size_t next_work = 0;
  for (std::size_t r = 0; r < rules.size(); ++r) {
    const Rule& rule = rules[r];
    if (rule.kind == RuleKind::kEntityList) {
      if (Status status = AddEntityPatterns(rule, static_cast<int>(r), options, *entity_names[r],
                                            pool, set.get(), script_set.get(), impl.get());
          !status.ok()) {
        return status;
      }
      entity_names[r].reset();
      continue;
    }
    for (std::size_t p = 0; p < rule.patterns.size(); ++p) {
      PatternWork& item = work[next_work++];
      const std::string& pattern = rule.patterns[p];
      const std::string subject =
          RuleSubject(rule, LineOrDefault(rule.pattern_lines, p, rule.source_line));
      std::unique_ptr<const re2::RE2> regex = std::move(item.regex);
      if (!regex->ok()) {
        return InvalidArgument(subject + "invalid pattern '" + pattern + "': " + regex->error());
      }
      if (CanMatchEmpty(*regex)) {
        return InvalidArgument(subject + "pattern '" + pattern +
                               "' can match the empty string; every match must consume text");
      }
      // In the RE2::Set a case-insensitive pattern is wrapped in (?i:...), which only an
      // unterminated \Q breaks (it quotes the wrapper's ')'). Checked wherever the pattern is
      // filed, so that whether a rule loads does not depend on the first pass it lands in.
      if (!rule.case_sensitive && pattern.find("\\Q") != std::string::npos &&
          !re2::RE2("(?i:" + pattern + ")", BaseOptions(false, options.pattern_max_mem)).ok()) {
        return InvalidArgument(subject + "pattern '" + pattern +
                               "' cannot be combined into the rule set (an unterminated "
                               "\\Q...\\E?)");
      }
      const int pattern_id = static_cast<int>(impl->patterns.size());
      if (item.leads) {
        impl->leads->File(*item.leads, rule.whole_word, pattern_id);
        impl->patterns.push_back({static_cast<int>(r), static_cast<int>(p), std::move(regex)});
        continue;
      }
      // One set for both case modes: scanning the text once instead of once per mode makes the
      // first pass 1.8x faster on CUAD contracts. (?i:...) gives the wrapped pattern the same
      // meaning as Options::set_case_sensitive(false); the only pattern the wrapper could change
      // is one with an unterminated \Q, and that fails to parse here instead.
      std::string error;
      const int set_index =
          set->Add(rule.case_sensitive ? pattern : "(?i:" + pattern + ")", &error);
      if (set_index != static_cast<int>(impl->prefilter.pattern_ids.size())) {
        return InvalidArgument(subject + "pattern '" + pattern +
                               "' cannot be combined into the rule set (an unterminated "
                               "\\Q...\\E?): " +
                               error);
      }
      impl->prefilter.pattern_ids.push_back(pattern_id);
      impl->patterns.push_back({static_cast<int>(r), static_cast<int>(p), std::move(regex)});
    }
  }
  impl->contexts.resize(rules.size());
  std::vector<Status> context_status(rules.size(), Status::Ok());
  ConditionCache conditions;
  ParallelFor(rules.size(), [&](std::size_t r) {
    context_status[r] = CompileContext(rules[r], options, &conditions, &impl->contexts[r]);
  });
  for (std::size_t r = 0; r < rules.size(); ++r) {
    if (!context_status[r].ok()) return context_status[r];
    const Rule& rule = rules[r];
    auto by_clause = [](const ContextCondition& condition) {
      return condition.within.kind == ContextWindow::Kind::kClause;
    };
    if ((rule.requires_context && by_clause(*rule.requires_context)) ||
        (rule.unless_context && by_clause(*rule.unless_context)) ||
        std::any_of(rule.raise_contexts.begin(), rule.raise_contexts.end(), by_clause) ||
        std::any_of(rule.lower_contexts.begin(), rule.lower_contexts.end(), by_clause)) {
      impl->uses_clause_windows = true;
    }
  }
  if (!impl->prefilter.pattern_ids.empty()) {
    if (!set->Compile()) {
      return InvalidArgument("rule set too large: RE2 could not compile its " +
                             std::to_string(impl->prefilter.pattern_ids.size()) +
                             " patterns within the " + FormatBytes(options.set_max_mem) +
                             " memory budget");
    }
    impl->prefilter.set = std::move(set);
  }
  if (!impl->script_prefilter.pattern_ids.empty()) {
    impl->script_set_uncompiled = std::move(script_set);
  }
  impl->sha256 = DigestOfFiles(files);
  impl->rules = std::move(rules);
  impl->files = std::move(files);
  return RuleSetFactory::Make(std::move(impl));
}

}  // namespace internal

CompiledRuleSet::Impl::Impl()
    : names(std::make_unique<internal::NameIndex>()),
      leads(std::make_unique<internal::LeadIndex>()) {}
CompiledRuleSet::Impl::~Impl() = default;

Result<const re2::RE2::Set*> CompiledRuleSet::Impl::ScriptSet() const {
  std::call_once(script_set_once, [this] {
    if (script_set_uncompiled == nullptr) return;
    if (!script_set_uncompiled->Compile()) {
      script_set_status = InternalError(
          "RE2 could not compile the " + std::to_string(script_prefilter.pattern_ids.size()) +
          " entity names in other scripts within their memory budget");
      return;
    }
    script_prefilter.set = std::move(script_set_uncompiled);
  });
  if (!script_set_status.ok()) return script_set_status;
  return script_prefilter.set.get();
}

CompiledRuleSet::CompiledRuleSet(std::shared_ptr<const Impl> impl) : impl_(std::move(impl)) {}
CompiledRuleSet::~CompiledRuleSet() = default;

const std::vector<Rule>& CompiledRuleSet::rules() const { return impl_->rules; }
const std::vector<RuleFileInfo>& CompiledRuleSet::files() const { return impl_->files; }
const std::string& CompiledRuleSet::sha256() const { return impl_->sha256; }

Result<CompiledRuleSet> CompileRules(std::vector<Rule> rules, std::vector<RuleFileInfo> files,
                                     int threads) {
  CompileOptions options;
  options.threads = threads;
  return internal::CompileRulesWithOptions(std::move(rules), std::move(files), options);
}

}  // namespace trustscreen::rules
