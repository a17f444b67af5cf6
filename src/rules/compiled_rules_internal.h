// INTERNAL to the rules and match libraries (src/rules/, not an installed header: the match
// library and the tests that inspect the compiled form add this directory to their include path).
//
// The compiled form of a rule set. It lives in a header (not in a .cc) because the match library
// reads it, but it exposes RE2 types, which the architecture keeps out of every other module: only
// rules/ and match/ include RE2. Everything else uses rule_set.h.
//
// Layout: every pattern of every rule is compiled into its own RE2 (leftmost-longest, case
// folding from Options::set_case_sensitive), which finds its positions, and is filed in exactly
// one first pass that tells the matcher where (or whether) to run it:
//   * the lead index (lead_index.h), if the strings its matches start with are known: run it
//     anchored where one of them occurs (most pattern rules);
//   * the name index (name_index.h), for entity names with an indexed word: run it near that
//     word;
//   * otherwise one RE2::Set (UNANCHORED, many-match) holding the rest, which answers "which
//     of them can match anywhere in this text" in one pass; those run over the whole text.
// The matcher reaches the two indexes through index_search.h only: how they are laid out, hashed,
// built and searched is the rules library's own.
// All RE2 objects are immutable after construction and thread-safe for matching.
#ifndef TRUSTSCREEN_RULES_COMPILED_RULES_INTERNAL_H_
#define TRUSTSCREEN_RULES_COMPILED_RULES_INTERNAL_H_

#include <re2/re2.h>
#include <re2/set.h>

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "trustscreen/core/status.h"
#include "trustscreen/rules/rule_set.h"

namespace trustscreen::rules {
namespace internal {
class LeadIndex;  // lead_index.h
class NameIndex;  // name_index.h
}  // namespace internal

// RE2 memory budgets. RE2 fails (rather than slowing down) when a budget is too small: a per-
// pattern RE2 reports it at construction, an RE2::Set at Compile() or, in principle, at Match().
// Both become error Statuses, never "no match".
struct CompileOptions {
  // Most threads compiling (ScopedThreadLimit); 0: ParallelFor's own limit.
  int threads = 0;
  // For the RE2::Set: the compiled program plus its DFA state cache, shared by all threads and
  // flushed when full. A budget, not an allocation. It holds the patterns that neither the
  // lead index nor the name index can take (none of the shipped rules, whose weak leads are
  // accepted; a pattern with `.` or a negated class near its start lands here); 64 MiB runs 48
  // such patterns at full speed, while all ~5,200 names thrash even 512 MiB (bench/README.md).
  std::int64_t set_max_mem = std::int64_t{64} << 20;
  // Per pattern RE2 (RE2's default): program and DFA caches; RE2 falls back to the NFA when a
  // DFA cache fills, so this bounds memory, not correctness.
  std::int64_t pattern_max_mem = std::int64_t{8} << 20;
  // File entity names in the NameIndex (the default). Off, every name goes to the RE2::Set:
  // slower, and the reference the index is tested against.
  bool index_names = true;
  // File patterns under their leads (LeadIndex) where the leads can be worked out. Off, every
  // pattern goes to the RE2::Set: slower, and the reference the lead index is tested against.
  bool index_leads = true;
  // Search the names the RE2::Set holds that cannot match an ASCII letter or digit (names in
  // other scripts: MatchesOutsideAsciiWords) only in the text's runs free of ASCII letters and
  // digits that hold a non-ASCII byte. Off, each is searched over the whole text: slower, and
  // the reference this is tested against.
  bool index_scripts = true;
};

// An RE2 compiled on first use: the ~5,000 entity names, only a few of which ever come close to a
// match, would otherwise take most of the time it takes to load the rules. Thread-safe.
class LazyRegex {
 public:
  LazyRegex(std::string pattern, const re2::RE2::Options& options)
      : pattern_(std::move(pattern)), options_(options) {}
  // The compiled RE2; check ok(): compiling can fail (memory budget), which must never read as
  // "no match".
  const re2::RE2& Get() const {
    // The matcher asks for every run of a name; pthread_once on each ask shows in profiles.
    if (const re2::RE2* compiled = compiled_.load(std::memory_order_acquire)) return *compiled;
    std::call_once(once_, [this] {
      regex_ = std::make_unique<const re2::RE2>(pattern_, options_);
      compiled_.store(regex_.get(), std::memory_order_release);
    });
    return *regex_;
  }
  const std::string& pattern() const { return pattern_; }

 private:
  std::string pattern_;
  re2::RE2::Options options_;
  mutable std::once_flag once_;
  mutable std::unique_ptr<const re2::RE2> regex_;
  mutable std::atomic<const re2::RE2*> compiled_{nullptr};  // regex_ once it is set
};

// One pattern of one rule, compiled for finding positions.
// What an entity-list pattern stands for (CompiledPattern::origin).
enum class PatternOrigin {
  kName,         // a name or strong alias as listed (with its variant spellings)
  kWeakAlias,    // an alias the list marks weak: accepted with context only
  kOtherScript,  // a name spelled in the other script (lists::NameVariants)
  kAffiliate,    // possible affiliates of the entry: its stem, then CompiledPattern::tail
};

struct CompiledPattern {
  int rule_index = 0;     // into Impl::rules
  int pattern_index = 0;  // into Impl::rules[rule_index].patterns (-1 for entity-list names)
  std::unique_ptr<const re2::RE2> regex;  // pattern rules: compiled (and checked) when loading
  std::unique_ptr<const LazyRegex> lazy_regex;  // entity names: compiled on first use
  const re2::RE2& Regex() const { return regex != nullptr ? *regex : lazy_regex->Get(); }
  // Possible affiliates: Regex() finds the group's stem, and a match is the stem followed at once
  // by a match of this, anchored (lists::AffiliateTailPattern; one RE2 shared by every stem,
  // owned by Impl::affiliate_tail). Null for other patterns.
  const re2::RE2* tail = nullptr;
  // Entity-list rules: one pattern per name and alias (entity_rules.cc). entry_index is into
  // rules[rule_index].entities->entries; name_index 0 is the entry's name, i > 0 its alias i - 1.
  int entry_index = -1;
  int name_index = -1;
  // An acronym or single-word name (lists::NeedsContext): the matcher requires context nearby.
  bool acronym = false;
  const LazyRegex* primary = nullptr;  // the entry's name pattern (owned by a sibling pattern)
  // An acronym that is an English word ("ITS"): counts only where the primary name occurs too.
  bool needs_primary = false;
  // A generic name ("Ministry of Defence"): the entry's country names (lists::CountryNames), one
  // of which must occur near a match. Empty for other names.
  std::vector<std::string_view> country_names;
  // An acronym of a rule with `short_names: country`: its context is one of these country names
  // nearby (or the entry's full name), not an affiliation word.
  bool short_needs_country = false;
  std::vector<std::string_view> short_context_countries;
  // The entry's country names (lists::CountryNames): "FSB of Russia" is the listed FSB, while
  // "Tianjin University of Technology" is not the listed Tianjin University.
  std::vector<std::string_view> entry_countries;
  // Entity-list patterns: what the pattern stands for, and the severity of its findings before
  // context (the rule's, or the one its entry's category maps to: Rule::severity_by_category).
  PatternOrigin origin = PatternOrigin::kName;
  Severity severity = Severity::kMedium;
  // A name of the RE2::Set that matches only inside runs of the text free of ASCII letters and
  // digits (CompileOptions::index_scripts): IndexSearch::NameRanges gives those runs.
  bool outside_ascii_words = false;
};

// All patterns in one RE2::Set; Match() index i means pattern_ids[i]. Case-insensitive patterns
// are added as (?i:PATTERN), so one pass over the text serves both case modes.
struct PatternSet {
  std::unique_ptr<const re2::RE2::Set> set;  // null when the rule set has no patterns
  std::vector<int> pattern_ids;              // into Impl::patterns
};

// A context condition of a rule: its terms in one RE2 alternation (case-insensitive,
// leftmost-longest), plus the window and label copied from the rule.
struct CompiledCondition {
  // Shared by every rule whose condition has the same terms (a family context's conditions are
  // in every rule of the family): one program, and one DFA cache warmed by all of them.
  std::shared_ptr<const re2::RE2> terms;
  ContextWindow within;
  std::string label;
};

// A rule's context conditions, compiled (all empty for a rule without context keys).
struct CompiledContext {
  std::optional<CompiledCondition> requires_context;
  std::optional<CompiledCondition> unless_context;
  std::vector<CompiledCondition> raise;
  std::vector<CompiledCondition> lower;
};

struct CompiledRuleSet::Impl {
  Impl();  // empty indexes
  ~Impl();
  std::vector<Rule> rules;
  std::vector<RuleFileInfo> files;
  std::string sha256;
  std::vector<CompiledPattern> patterns;  // in rule order, then pattern order
  PatternSet prefilter;
  // Entity names in other scripts (Cyrillic, Arabic…) that neither index takes: their own set,
  // matched only over texts that have letters of such scripts (most texts have none), and
  // compiled the first time one arrives (ScriptSet()): compiling it is half of loading the rules.
  // Filled in once, under script_set_once, by ScriptSet(): hence mutable.
  mutable PatternSet script_prefilter;
  mutable std::unique_ptr<re2::RE2::Set> script_set_uncompiled;  // consumed by ScriptSet()
  mutable std::once_flag script_set_once;
  mutable Status script_set_status = Status::Ok();
  // The compiled script set (null if there is none), or the error of compiling it.
  Result<const re2::RE2::Set*> ScriptSet() const;
  // The first passes of the patterns that are not in a set (index_search.h searches them).
  std::unique_ptr<internal::NameIndex> names;
  std::unique_ptr<internal::LeadIndex> leads;
  // What follows a group's stem in its affiliates' names (CompiledPattern::tail); null if no rule
  // asks for affiliates.
  std::unique_ptr<const re2::RE2> affiliate_tail;
  std::vector<CompiledContext> contexts;  // parallel to rules
  bool uses_clause_windows = false;       // some condition looks `within: clause`
};

namespace internal {

// The only way to wrap an Impl into a CompiledRuleSet (its constructor is private so that no one
// builds a set that skipped validation).
struct RuleSetFactory {
  static CompiledRuleSet Make(std::shared_ptr<const CompiledRuleSet::Impl> impl) {
    return CompiledRuleSet(std::move(impl));
  }
};

// CompileRules with explicit memory budgets (tests use tiny ones to reach the error paths).
Result<CompiledRuleSet> CompileRulesWithOptions(std::vector<Rule> rules,
                                                std::vector<RuleFileInfo> files,
                                                const CompileOptions& options);

// LoadRules with explicit options.
Result<CompiledRuleSet> LoadRulesWithOptions(const std::vector<std::filesystem::path>& paths,
                                             const CompileOptions& options);

// The name (index 0), alias (1 .. aliases) or weak alias (after the aliases) of an entry, as
// listed; EntityNameCount: how many there are.
const std::string& EntityName(const lists::EntityEntry& entry, int name_index);
int EntityNameCount(const lists::EntityEntry& entry);

// "FILE:LINE: rule 'ID': " (or "rule 'ID': " for a rule built in code): the subject that starts
// every message about a rule.
std::string RuleSubject(const Rule& rule, int line);

}  // namespace internal
}  // namespace trustscreen::rules

#endif  // TRUSTSCREEN_RULES_COMPILED_RULES_INTERNAL_H_
