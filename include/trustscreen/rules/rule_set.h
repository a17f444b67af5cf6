// Rules: YAML rule files -> a validated, immutable CompiledRuleSet.
//
// Where it sits: loaded once per run, before any document is read, and shared read-only by all
// matching threads (see trustscreen/match/matcher.h). Loading validates everything (schema,
// unknown keys, bad enum values, duplicate ids, RE2 syntax, patterns that can match the empty
// string) and reports the first problem as "FILE:LINE: rule 'ID': what is wrong". The file format
// is documented in rules/README.md.
//
// Errors: every function here returns a Status instead of throwing. Codes used:
//   kNotFound         a path given to LoadRules does not exist
//   kIoError          a file or directory could not be read
//   kParseError       YAML syntax error ("FILE:LINE: YAML syntax error: ...")
//   kInvalidArgument  everything else that is wrong with a rule file or rule
//
// Thread-safety: a CompiledRuleSet is immutable after construction; copies share state and may be
// used from any number of threads.
#ifndef TRUSTSCREEN_RULES_RULE_SET_H_
#define TRUSTSCREEN_RULES_RULE_SET_H_

#include <atomic>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "trustscreen/core/finding.h"
#include "trustscreen/core/status.h"
#include "trustscreen/lists/entity_list.h"

namespace trustscreen::rules {

// How a rule finds text: its own RE2 patterns, or the names and aliases of an entity list
// (`kind: entity-list`, rules/README.md "Entity lists").
enum class RuleKind { kPatterns, kEntityList };

// A check on each matched text beyond its pattern (YAML key `validate`); a match that fails it is
// dropped. kCasCheckDigit: every CAS registry number in the match (2-7 digits, 2 digits, check
// digit: "107-44-8") has the right check digit.
enum class Validator { kNone, kCasCheckDigit };

// Where a context condition looks for its terms (rules/README.md, "Context"). Windows are taken
// on the normalised text around the match, and include the match itself.
struct ContextWindow {
  enum class Kind {
    kSentence,  // from the previous sentence end ('.', '!' or '?' before a space) or paragraph
                // break to the next one
    kClause,    // the paragraph: between blank lines, form feeds or the ends of the text
    kWords,     // `words` whitespace-separated tokens either side
  };
  Kind kind = Kind::kSentence;
  int words = 0;
};

// One `requires`, `unless`, `raise` or `lower` entry: RE2 terms (case-insensitive unless a term
// says (?-i:...), whole words like patterns) looked for in a window around each match.
struct ContextCondition {
  std::vector<std::string> terms;
  ContextWindow within;
  std::string label;  // shown in Finding::modifiers; required for raise and lower
  int line = 0;       // of the condition in source_file
  std::vector<int> term_lines;
  // A condition of a family context (FamilyContext) names the file it is written in; empty for a
  // rule's own conditions (they are in the rule's source_file).
  std::string source_file;
};

// One rule as written in a rule file. The *_lines vectors run parallel to the lists they name and
// hold 1-based line numbers in source_file (0 when the rule was built in code), so that errors
// found after parsing (bad regex, failing example) can still point at the offending line.
struct Rule {
  std::string id;  // unique across the whole set; [a-z0-9][a-z0-9-.]*
  std::string title;
  RuleFamily family = RuleFamily::kSensitiveTech;
  std::string category;  // free text grouping, may be empty
  Severity severity = Severity::kMedium;
  std::string rationale;
  std::string reference;              // may be empty
  std::vector<std::string> patterns;  // RE2 syntax, at least one
  bool case_sensitive = false;
  bool whole_word = true;  // the match must not touch a letter or digit on either side
  Validator validate = Validator::kNone;
  std::vector<std::string> examples_match;
  std::vector<std::string> examples_no_match;
  std::vector<std::string> tags;
  std::string source_file;  // where the rule was defined, for messages
  int source_line = 0;      // line of the rule's first key
  std::vector<int> pattern_lines;
  std::vector<int> examples_match_lines;
  std::vector<int> examples_no_match_lines;
  // Context (YAML keys requires, unless, raise, lower): a match counts only if the `requires`
  // terms occur in its window and the `unless` terms do not; each raise (lower) whose terms occur
  // moves the finding's severity one band up (down).
  std::optional<ContextCondition> requires_context;
  std::optional<ContextCondition> unless_context;
  std::vector<ContextCondition> raise_contexts;
  std::vector<ContextCondition> lower_contexts;
  // Entity-list rules (kind: entity-list) have no patterns; `list` names a CSV file relative to
  // the rule file, which LoadRules reads into `entities` (CompileRules rejects an entity-list rule
  // whose list was not loaded).
  RuleKind kind = RuleKind::kPatterns;
  std::string list;
  int list_line = 0;
  std::shared_ptr<const lists::EntityList> entities;
  // Entity-list rules: the severity of entries by their list category (an entry whose category is
  // not named here has `severity`), e.g. ASPI's "Seven sons of national defence" above "Civilian".
  std::map<std::string, Severity> severity_by_category;
  // Entity-list rules: also report possible affiliates — another legal entity carrying an entry's
  // distinctive name ("<Name> Asset Management LLC" for a listed "<Name> Bank"), one band lower.
  bool affiliates = false;
  // Entity-list rules, YAML `short_names: country`: acronyms, single-word names and weak aliases
  // count only with one of the entry's countries named nearby or its full name in the text, not
  // with an affiliation word (University, Ltd…) nearby: sanctions lists are full of short aliases
  // that are ordinary words ("PROGRESS", "RAMAN"). Default (`affiliation`): either word.
  bool short_names_need_country = false;
  // YAML `family_context: false`: the conditions of its family's FamilyContext do not apply.
  bool family_context = true;
};

// Conditions a rule file gives every rule of one family (top-level `family_context:` list): "a
// sensitive technology licensed or transferred in its clause ranks one band higher", written once
// instead of in each of 80 rules. LoadRules appends them to the raise and lower lists of every
// rule of the family, from every directory and file it loads, unless the rule opts out.
struct FamilyContext {
  RuleFamily family = RuleFamily::kSensitiveTech;
  std::vector<ContextCondition> raise_contexts;
  std::vector<ContextCondition> lower_contexts;
  std::string source_file;
  int line = 0;
};

struct RuleFileInfo {
  std::string path;        // as found by LoadRules (the given path, or under a given directory)
  std::string sha256;      // of the file's bytes
  int rule_count = 0;      // 0 for an entity-list CSV named by a rule (listed after its rule file)
  int entries = -1;        // an entity-list CSV: its number of entries; -1 for a rule file
  std::string list_title;  // an entity-list CSV: its metadata title (may be empty)
  std::string list_published;  // an entity-list CSV: its publication date, YYYY-MM-DD or empty
};

namespace internal {
struct RuleSetFactory;  // see src/rules/compiled_rules_internal.h
}  // namespace internal

class CompiledRuleSet {
 public:
  CompiledRuleSet(const CompiledRuleSet&) = default;  // cheap: shares the immutable state
  CompiledRuleSet& operator=(const CompiledRuleSet&) = default;
  CompiledRuleSet(CompiledRuleSet&&) = default;
  CompiledRuleSet& operator=(CompiledRuleSet&&) = default;
  ~CompiledRuleSet();

  // Rules in load order (file order, then order within each file). A rule's index here is the
  // "rule order" that breaks ties when findings are sorted.
  const std::vector<Rule>& rules() const;
  const std::vector<RuleFileInfo>& files() const;
  // Identifies the rule set in reports: SHA-256 over the per-file digests in load order (each
  // digest followed by '\n'). Independent of paths; changes when any file's bytes or the load
  // order change. For rules compiled without files it is the digest of the empty string.
  const std::string& sha256() const;

  struct Impl;  // compiled RE2 state; defined in src/rules/compiled_rules_internal.h (rules and
                // match only)
  const Impl& impl() const { return *impl_; }

 private:
  friend struct internal::RuleSetFactory;
  explicit CompiledRuleSet(std::shared_ptr<const Impl> impl);
  std::shared_ptr<const Impl> impl_;
};

// Parses one YAML rule file (a top-level `rules:` list) and checks its schema: required keys,
// unknown keys, value types, enum values, id syntax. Does not compile patterns and does not look
// for duplicate ids (CompileRules does both). A top-level `family_context:` list is checked too;
// its entries go to `family_contexts` if given (LoadRules applies them to the whole set).
Result<std::vector<Rule>> ParseRuleFile(const std::filesystem::path& path,
                                        std::vector<FamilyContext>* family_contexts = nullptr);

// Validates and compiles rules: id syntax, required fields, duplicate ids (naming both
// locations), RE2 syntax, patterns that can match the empty string, and the RE2 memory budget.
// `files` is recorded as given and feeds sha256(). Compiles on at most `threads` threads (0: as
// many as the machine has, up to 8).
Result<CompiledRuleSet> CompileRules(std::vector<Rule> rules, std::vector<RuleFileInfo> files,
                                     int threads = 0);

// Rule files read, parsed and schema-checked, with their entity lists, but not compiled (see
// ReadRules).
struct RuleSource {
  std::vector<Rule> rules;
  std::vector<RuleFileInfo> files;
  std::string sha256;  // what CompiledRuleSet::sha256() of these files will be
};

// Reads every *.yaml / *.yml file under each path, and the entity lists their rules name. A
// directory is walked recursively in sorted (byte-wise path) order, skipping hidden files and
// directories (name starting with '.'); a path naming a file is read whatever its extension. A
// file reached twice is read once. A missing path is kNotFound; a set without any rule is
// kInvalidArgument. Pattern errors (RE2 syntax, empty matches, memory budgets) are found by
// compiling.
Result<RuleSource> ReadRules(const std::vector<std::filesystem::path>& paths);

// ReadRules, then CompileRules.
Result<CompiledRuleSet> LoadRules(const std::vector<std::filesystem::path>& paths);

// A rule set compiled when it is first needed: a run whose every document's results come from
// the cache does not compile its rules (most of a warm run's time). Thread-safe: concurrent
// callers of Get() wait for one compilation and all see its outcome.
class LazyRuleSet {
 public:
  explicit LazyRuleSet(CompiledRuleSet compiled);  // already compiled
  // Compiled by the first Get(), on at most `threads` threads (CompileRules).
  explicit LazyRuleSet(RuleSource source, int threads = 0);
  LazyRuleSet(const LazyRuleSet&) = delete;
  LazyRuleSet& operator=(const LazyRuleSet&) = delete;
  ~LazyRuleSet();

  const std::string& sha256() const { return sha256_; }
  const std::vector<RuleFileInfo>& files() const { return files_; }
  std::size_t rule_count() const { return rule_count_; }
  // The compiled set, or why the rules could not be compiled.
  const Result<CompiledRuleSet>& Get() const;
  // Begins compiling on a thread of its own, so that Get() may find the rules ready (the
  // destructor waits for it). Does nothing if they were compiled or are being compiled.
  void CompileInBackground();
  // CompileInBackground began compiling (it may be done by now).
  bool compiled_in_background() const { return background_.joinable(); }
  // Compiled (or failed to), so that Get() returns at once.
  bool ready() const;
  // Get() was called and failed.
  bool failed() const;

 private:
  std::string sha256_;
  std::vector<RuleFileInfo> files_;
  std::size_t rule_count_ = 0;
  int threads_ = 0;
  mutable std::optional<RuleSource> source_;
  mutable std::once_flag once_;
  mutable std::optional<Result<CompiledRuleSet>> compiled_;
  mutable std::atomic<bool> ready_{false};
  mutable std::atomic<bool> failed_{false};
  std::thread background_;
};

}  // namespace trustscreen::rules

#endif  // TRUSTSCREEN_RULES_RULE_SET_H_
