// INTERNAL to the rules library: the steps of reading and compiling a rule set that its source
// files share (parsing, entity lists, entity patterns, context conditions). The compiled form they
// produce is in compiled_rules_internal.h.
#ifndef TRUSTSCREEN_RULES_RULE_COMPILER_INTERNAL_H_
#define TRUSTSCREEN_RULES_RULE_COMPILER_INTERNAL_H_

#include <re2/re2.h>
#include <re2/set.h>

#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "compiled_rules_internal.h"
#include "parallel.h"
#include "trustscreen/core/status.h"
#include "trustscreen/rules/rule_set.h"

namespace trustscreen::rules::internal {

// True if `regex` can match an empty span anywhere (patterns and context terms must not).
bool CanMatchEmpty(const re2::RE2& regex);

// ParseRuleFile on bytes already read; `display_path` names the file in messages and in
// Rule::source_file. LoadRules reads each file once, hashes and parses the same bytes.
// Its `family_context:` entries are appended to `family_contexts` (if not null).
Result<std::vector<Rule>> ParseRuleText(std::string_view text, const std::string& display_path,
                                        std::vector<FamilyContext>* family_contexts = nullptr);

// The bytes of one file; `display_path` names it in messages.
Result<std::string> ReadFileBytes(const std::filesystem::path& path,
                                  const std::string& display_path);

// Reads the entity list of every `kind: entity-list` rule in `rules` (paths relative to
// `rule_file`'s directory) into Rule::entities and appends each list file to `files`.
Status LoadEntityLists(const std::filesystem::path& rule_file, std::vector<Rule>* rules,
                       std::vector<RuleFileInfo>* files);

// An entity-list rule's names on their way to AddEntityPatterns: what the lists library says of
// each name and alias, worked out by a WorkPool while the rules before it are filed.
class EntityNamesWork;

// Submits the working out of `rule`'s names (an entity-list rule) to `pool`; `rule` must outlive
// the work.
std::shared_ptr<EntityNamesWork> StartEntityNames(const Rule& rule, const CompileOptions& options,
                                                  WorkPool& pool);

// Compiles the names and aliases of entity-list rule `rule_index` into `impl->patterns`, filing
// each under a word in `impl->names` or, if it has no literal word (CJK names, domains) or the
// rule is not whole-word, adding it to `set` (and to `impl->prefilter.pattern_ids`) or, for a
// pattern with non-ASCII text, to `script_set` (`impl->script_prefilter`). `names` is
// StartEntityNames' work for the rule; its leads are worked out in `pool`.
Status AddEntityPatterns(const Rule& rule, int rule_index, const CompileOptions& options,
                         EntityNamesWork& names, WorkPool& pool, re2::RE2::Set* set,
                         re2::RE2::Set* script_set, CompiledRuleSet::Impl* impl);

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

}  // namespace trustscreen::rules::internal

#endif  // TRUSTSCREEN_RULES_RULE_COMPILER_INTERNAL_H_
