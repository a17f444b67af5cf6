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
//   * the LeadIndex, if the strings its matches start with are known: run it anchored where one
//     of them occurs (most pattern rules);
//   * the NameIndex, for entity names with a literal word: run it near that word;
//   * otherwise one RE2::Set (UNANCHORED, many-match) holding the rest, which answers "which
//     of them can match anywhere in this text" in one pass; those run over the whole text.
// All RE2 objects are immutable after construction and thread-safe for matching.
#ifndef TRUSTSCREEN_RULES_COMPILED_RULES_INTERNAL_H_
#define TRUSTSCREEN_RULES_COMPILED_RULES_INTERNAL_H_

#include <re2/re2.h>
#include <re2/set.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "trustscreen/core/status.h"
#include "trustscreen/rules/rule_set.h"
#include "word_table.h"

namespace trustscreen::rules {

// RE2 memory budgets. RE2 fails (rather than slowing down) when a budget is too small: a per-
// pattern RE2 reports it at construction, an RE2::Set at Compile() or, in principle, at Match().
// Both become error Statuses, never "no match".
struct CompileOptions {
  // For the RE2::Set: the compiled program plus its DFA state cache, shared by all threads and
  // flushed when full. A budget, not an allocation. It holds the patterns that neither the
  // LeadIndex nor the NameIndex can take (none of the shipped rules since weak leads are
  // accepted; a pattern with `.` or a negated class near its start still lands here); 64 MiB
  // ran the shipped set at full speed when it held 48 of them. (With all ~5,200 names in it, even
  // 512 MiB thrashed: bench/README.md.)
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
    // The matcher asks for every run of a name; pthread_once on each ask showed in profiles.
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
  // Names in the NameIndex: the ids of the indexed words every match contains (the first is the
  // word the name is filed under), and how many runs of ASCII letters and digits a match can span
  // at most (lists::MaxAlnumRuns): the matcher searches only that far around each occurrence.
  std::vector<int> literal_words;
  int anchor_word = -1;
  int max_runs = 0;
  // Entity-list patterns: what the pattern stands for, and the severity of its findings before
  // context (the rule's, or the one its entry's category maps to: Rule::severity_by_category).
  PatternOrigin origin = PatternOrigin::kName;
  Severity severity = Severity::kMedium;
};

// All patterns in one RE2::Set; Match() index i means pattern_ids[i]. Case-insensitive patterns
// are added as (?i:PATTERN), so one pass over the text serves both case modes.
struct PatternSet {
  std::unique_ptr<const re2::RE2::Set> set;  // null when the rule set has no patterns
  std::vector<int> pattern_ids;              // into Impl::patterns
};

// Entity names found by their words instead of the RE2::Set. A name whose matches always contain
// certain words as whole runs of ASCII letters and digits (lists::IndexWords) is filed under the
// rarest of them (its anchor word); the matcher splits the text into such runs, notes where
// indexed words occur, and searches a name only around those occurrences of its anchor word that
// have its other indexed words (up to two) within its reach. With ~5,200 names of the US lists in
// the RE2::Set its DFA state cache thrashed (12-40 MB/s on CUAD contracts); here the first pass is
// one probe per word.
struct NameIndex {
  static constexpr std::size_t kMaxWordBytes = 64;  // longer words are not indexed
  // A word that must be in capitals (an acronym) or capitalised (a single-word name) is stored
  // followed by a marker byte that no run of letters and digits contains (a suffix, so that the
  // matcher extends a run's hash by one step instead of hashing the run again).
  static constexpr char kUpperMarker = '\x01';
  static constexpr char kCapitalizedMarker = '\x02';
  WordTable words;  // lower-cased spellings -> word ids
  // A name as filed under its anchor word: its pattern and its other indexed words (-1: none), in
  // one place for the matcher's check that they occur.
  static constexpr std::size_t kMaxWords = 3;  // indexed words per name, the anchor included
  struct FiledName {
    int pattern_id = 0;
    std::array<int, kMaxWords - 1> others{-1, -1};
  };
  std::vector<std::vector<FiledName>> filed_under;  // word id -> names filed under it
  std::size_t longest_word = 0;                     // bytes, without a marker

  // A gate before the word table: a Bloom filter (two bits in one 64-bit word) on a spelling's
  // first (up to) eight bytes, its length and whether it starts with a capital. Most runs of a
  // text differ from every indexed word there, and one load from 16 KiB answers them without
  // hashing the whole run. `first8`: the run's first 8 bytes, lower-cased (bit 0x20 set in
  // letters; bytes past the run's end may be anything); `capital`: its first byte is a capital.
  static constexpr int kGateBits = 17;
  static std::uint64_t GateHash(std::uint64_t first8, std::size_t length, bool capital) {
    const std::uint64_t prefix =
        length >= 8 ? first8 : first8 & ((std::uint64_t{1} << (8 * length)) - 1);
    const std::uint64_t shape = (std::min<std::size_t>(length, 127) << 1) | (capital ? 1 : 0);
    const std::uint64_t hash = (prefix ^ (shape << 56)) * 0x9E3779B97F4A7C15ull;
    return hash ^ (hash >> 31);
  }
  static std::uint64_t GateBits(std::uint64_t hash) {
    return (std::uint64_t{1} << (hash & 63)) | (std::uint64_t{1} << ((hash >> 6) & 63));
  }
  bool MayBeWord(std::uint64_t first8, std::size_t length, bool capital) const {
    const std::uint64_t hash = GateHash(first8, length, capital);
    const std::uint64_t bits = GateBits(hash);
    return (gate[hash >> (64 - (kGateBits - 6))] & bits) == bits;
  }
  // `spelling`: lower-cased, without a marker; `capital_only`: the word must start with a capital
  // (a marked key).
  void AddToGate(std::string_view spelling, bool capital_only) {
    std::uint64_t first8 = 0;
    std::memcpy(&first8, spelling.data(), std::min<std::size_t>(8, spelling.size()));
    for (const bool capital : {true, false}) {
      if (!capital && capital_only) continue;
      const std::uint64_t hash = GateHash(first8, spelling.size(), capital);
      gate[hash >> (64 - (kGateBits - 6))] |= GateBits(hash);
    }
  }
  std::vector<std::uint64_t> gate = std::vector<std::uint64_t>((1u << kGateBits) / 64);
};

// The first pass for patterns with known leads (rules/match_leads.h: the strings every match
// starts with, lower-cased). Leads are cut to one of a few lengths (kLengths; a shorter lead is
// still a lead). One scan of the text reads, at each position, the next 16 bytes with bit 0x20
// set in each (so an ASCII capital reads as its small letter; other bytes may collide, which the
// comparison sorts out), looks the first 4 (and 3) up in small tables of the lead lengths that
// start with them (Lengths) and, for each such length (3, 4, 6, 8 or 12), tests the hash of that
// many bytes in a Bloom filter. Only where its bits are set are the leads with that hash compared
// with the text; each pattern whose lead is there is then run anchored at that position. Leads of
// whole-word patterns that start with an ASCII letter or digit are looked for at word starts
// only (after a byte that is not one). Patterns without leads (or all of them, with
// CompileOptions::index_leads off) stay in the RE2::Set.
struct LeadIndex {
  static constexpr std::size_t kLengths[] = {3, 4, 6, 8, 12};
  static constexpr int kFilterBits = 18;
  struct Lead {
    std::string text;  // lower-cased (ASCII); one of kLengths bytes
    int pattern_id = 0;
    bool word_start = false;
  };
  // The hash of the first kLengths[length_class] bytes of `first8` and `next8` (little-endian
  // loads of 16 bytes, bit 0x20 set in each).
  static std::uint64_t Hash(std::uint64_t first8, std::uint64_t next8, int length_class) {
    const std::size_t length = kLengths[length_class];
    std::uint64_t low = length >= 8 ? first8 : first8 & ((std::uint64_t{1} << (8 * length)) - 1);
    std::uint64_t high = length > 8 ? next8 & ((std::uint64_t{1} << (8 * (length - 8))) - 1) : 0;
    std::uint64_t h =
        (low ^ (static_cast<std::uint64_t>(length_class) << 61)) * 0x9E3779B97F4A7C15ull;
    h ^= high * 0xC2B2AE3D27D4EB4Full;
    return h ^ (h >> 29);
  }
  // The filter is a Bloom filter of two bits in one 64-bit word: 32 KiB, small enough to stay in
  // cache while the text streams past (a 128 KiB one-bit filter was a cache miss per test).
  static std::uint64_t FilterBits(std::uint64_t hash) {
    return (std::uint64_t{1} << (hash & 63)) | (std::uint64_t{1} << ((hash >> 6) & 63));
  }
  static std::size_t FilterWord(std::uint64_t hash) { return hash >> (64 - (kFilterBits - 6)); }
  static bool Test(const std::vector<std::uint64_t>& filter, std::uint64_t hash) {
    const std::uint64_t bits = FilterBits(hash);
    return (filter[FilterWord(hash)] & bits) == bits;
  }
  // The first, cheaper test: small tables on the first bytes, giving the lengths (bit i:
  // kLengths[i]) of the leads that may start with them. Leads of 4 bytes or more are looked up
  // by their first 4 bytes (with 3, most words of a text passed: "the", "com", "ser" start some
  // lead), 3-byte leads by their 3 in a bit table of their own.
  static constexpr int kPrefixBits = 15;
  static std::uint32_t PrefixSlot(std::uint64_t first8) {
    return (static_cast<std::uint32_t>(first8) * 0x9E3779B1u) >> (32 - kPrefixBits);
  }
  static std::uint32_t ShortSlot(std::uint64_t first8) {
    return (static_cast<std::uint32_t>(first8 & 0xFFFFFF) * 0x85EBCA6Bu) >> (32 - kPrefixBits);
  }
  unsigned Lengths(bool word_start, std::uint64_t first8) const {
    const std::uint32_t short_slot = ShortSlot(first8);
    const std::vector<std::uint64_t>& shorts = word_start ? short_at_word_start : short_inside_word;
    return (word_start ? lengths_at_word_start : lengths_inside_word)[PrefixSlot(first8)] |
           static_cast<unsigned>((shorts[short_slot >> 6] >> (short_slot & 63)) & 1);
  }
  void Add(std::string_view lead, int pattern_id, bool word_start);  // match_leads.cc

  // Filters: every lead (tested at word starts), and leads that are not word_start (elsewhere).
  std::vector<std::uint64_t> at_word_start = std::vector<std::uint64_t>((1u << kFilterBits) / 64);
  std::vector<std::uint64_t> inside_word = std::vector<std::uint64_t>((1u << kFilterBits) / 64);
  std::vector<std::uint8_t> lengths_at_word_start = std::vector<std::uint8_t>(1u << kPrefixBits);
  std::vector<std::uint8_t> lengths_inside_word = std::vector<std::uint8_t>(1u << kPrefixBits);
  std::vector<std::uint64_t> short_at_word_start =
      std::vector<std::uint64_t>((1u << kPrefixBits) / 64);
  std::vector<std::uint64_t> short_inside_word =
      std::vector<std::uint64_t>((1u << kPrefixBits) / 64);
  // Some lead that is not word_start starts with an ASCII byte (else ASCII bytes inside words
  // need no test at all).
  bool ascii_inside_word = false;
  std::vector<Lead> leads;
  std::unordered_map<std::uint64_t, std::vector<int>> by_hash;  // Hash -> indices into leads
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
  std::vector<Rule> rules;
  std::vector<RuleFileInfo> files;
  std::string sha256;
  std::vector<CompiledPattern> patterns;  // in rule order, then pattern order
  PatternSet prefilter;
  // Entity names in other scripts (Cyrillic, Arabic…) that neither index takes: their own set,
  // matched only over texts that have letters of such scripts (most texts have none), and
  // compiled the first time one arrives (ScriptSet()): compiling it was half of loading the rules.
  // Filled in once, under script_set_once, by ScriptSet(): hence mutable.
  mutable PatternSet script_prefilter;
  mutable std::unique_ptr<re2::RE2::Set> script_set_uncompiled;  // consumed by ScriptSet()
  mutable std::once_flag script_set_once;
  mutable Status script_set_status = Status::Ok();
  // The compiled script set (null if there is none), or the error of compiling it.
  Result<const re2::RE2::Set*> ScriptSet() const;
  NameIndex names;
  LeadIndex leads;
  // What follows a group's stem in its affiliates' names (CompiledPattern::tail); null if no rule
  // asks for affiliates.
  std::unique_ptr<const re2::RE2> affiliate_tail;
  std::vector<CompiledContext> contexts;  // parallel to rules
  bool uses_clause_windows = false;       // some condition looks `within: clause`
};

namespace internal {

// True if `regex` can match an empty span anywhere (patterns and context terms must not).
bool CanMatchEmpty(const re2::RE2& regex);

// The only way to wrap an Impl into a CompiledRuleSet (its constructor is private so that no one
// builds a set that skipped validation).
struct RuleSetFactory {
  static CompiledRuleSet Make(std::shared_ptr<const CompiledRuleSet::Impl> impl) {
    return CompiledRuleSet(std::move(impl));
  }
};

// ParseRuleFile on bytes already read; `display_path` names the file in messages and in
// Rule::source_file. LoadRules reads each file once, hashes and parses the same bytes.
// Its `family_context:` entries are appended to `family_contexts` (if not null).
Result<std::vector<Rule>> ParseRuleText(std::string_view text, const std::string& display_path,
                                        std::vector<FamilyContext>* family_contexts = nullptr);

// The bytes of one file; `display_path` names it in messages.
Result<std::string> ReadFileBytes(const std::filesystem::path& path,
                                  const std::string& display_path);

// CompileRules with explicit memory budgets (tests use tiny ones to reach the error paths).
Result<CompiledRuleSet> CompileRulesWithOptions(std::vector<Rule> rules,
                                                std::vector<RuleFileInfo> files,
                                                const CompileOptions& options);

// LoadRules with explicit options.
Result<CompiledRuleSet> LoadRulesWithOptions(const std::vector<std::filesystem::path>& paths,
                                             const CompileOptions& options);

// Reads the entity list of every `kind: entity-list` rule in `rules` (paths relative to
// `rule_file`'s directory) into Rule::entities and appends each list file to `files`.
Status LoadEntityLists(const std::filesystem::path& rule_file, std::vector<Rule>* rules,
                       std::vector<RuleFileInfo>* files);

// Compiles the names and aliases of entity-list rule `rule_index` into `impl->patterns`, filing
// each under a word in `impl->names` or, if it has no literal word (CJK names, domains) or the
// rule is not whole-word, adding it to `set` (and to `impl->prefilter.pattern_ids`) or, for a
// pattern with non-ASCII text, to `script_set` (`impl->script_prefilter`).
Status AddEntityPatterns(const Rule& rule, int rule_index, const CompileOptions& options,
                         re2::RE2::Set* set, re2::RE2::Set* script_set,
                         CompiledRuleSet::Impl* impl);

// The name (index 0), alias (1 .. aliases) or weak alias (after the aliases) of an entry, as
// listed; EntityNameCount: how many there are.
const std::string& EntityName(const lists::EntityEntry& entry, int name_index);
int EntityNameCount(const lists::EntityEntry& entry);

// The compiled terms of the conditions compiled so far, by their alternation: rules that share a
// condition share its RE2. Thread-safe.
class ConditionCache {
 public:
  // The RE2 of `alternation`, compiled by `compile` the first time it is asked for.
  std::shared_ptr<const re2::RE2> Get(
      const std::string& alternation,
      const std::function<std::shared_ptr<const re2::RE2>()>& compile);

 private:
  std::mutex mutex_;
  std::unordered_map<std::string, std::shared_ptr<const re2::RE2>> compiled_;
};

// Compiles the context conditions of `rule` (context_compiler.cc): RE2 syntax of each term,
// terms that can match the empty string. Conditions already in `cache` are not compiled again.
Status CompileContext(const Rule& rule, const CompileOptions& options, ConditionCache* cache,
                      CompiledContext* out);

// CompiledRuleSet::sha256() of a set read from `files`.
std::string DigestOfFiles(const std::vector<RuleFileInfo>& files);

// [a-z0-9][a-z0-9-.]*
bool IsValidRuleId(std::string_view id);

// "FILE:LINE: rule 'ID': " (or "rule 'ID': " for a rule built in code): the subject that starts
// every message about a rule.
std::string RuleSubject(const Rule& rule, int line);

}  // namespace internal
}  // namespace trustscreen::rules

#endif  // TRUSTSCREEN_RULES_COMPILED_RULES_INTERNAL_H_
