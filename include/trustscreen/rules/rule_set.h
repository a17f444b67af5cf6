// Rules: YAML rule files -> a validated, immutable CompiledRuleSet.
//
// Where it sits: loaded once per run, before any document is read, and shared read-only by all
// matching threads. Loading validates everything (schema, unknown keys, duplicate ids, RE2 syntax,
// patterns that can match the empty string) and reports the first problem as
// "FILE:LINE: rule 'ID': what is wrong". The file format is documented in rules/README.md.
//
// Thread-safety: a CompiledRuleSet is immutable after construction; copies share state and may be
// used from any number of threads.
#ifndef TRUSTSCREEN_RULES_RULE_SET_H_
#define TRUSTSCREEN_RULES_RULE_SET_H_

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "trustscreen/core/finding.h"
#include "trustscreen/core/status.h"

namespace trustscreen::rules {

struct Rule {
  std::string id;
  std::string title;
  RuleFamily family = RuleFamily::kSensitiveTech;
  std::string category;
  Severity severity = Severity::kMedium;
  std::string rationale;
  std::string reference;
  std::vector<std::string> patterns;  // RE2 syntax
  bool case_sensitive = false;
  bool whole_word = true;  // the match must not touch a letter or digit on either side
  std::vector<std::string> examples_match;
  std::vector<std::string> examples_no_match;
  std::vector<std::string> tags;
  std::string source_file;  // where the rule was defined, for messages
  int source_line = 0;
};

struct RuleFileInfo {
  std::string path;
  std::string sha256;
  int rule_count = 0;
};

class CompiledRuleSet {
 public:
  CompiledRuleSet(const CompiledRuleSet&) = default;  // cheap: shares the immutable state
  CompiledRuleSet& operator=(const CompiledRuleSet&) = default;
  ~CompiledRuleSet();

  const std::vector<Rule>& rules() const;
  const std::vector<RuleFileInfo>& files() const;
  // Digest over all rule files' contents in load order: identifies the rule set in reports.
  const std::string& sha256() const;

  struct Impl;  // defined in the rules library; the match library reads it
  const Impl& impl() const { return *impl_; }

 private:
  friend Result<CompiledRuleSet> CompileRules(std::vector<Rule>, std::vector<RuleFileInfo>);
  explicit CompiledRuleSet(std::shared_ptr<const Impl> impl);
  std::shared_ptr<const Impl> impl_;
};

// Parses one YAML rule file (a top-level `rules:` list). Does not compile patterns.
Result<std::vector<Rule>> ParseRuleFile(const std::filesystem::path& path);

// Validates and compiles rules (duplicate ids across files are an error).
Result<CompiledRuleSet> CompileRules(std::vector<Rule> rules, std::vector<RuleFileInfo> files);

// Loads every *.yaml / *.yml file under each path (a directory, walked recursively in sorted order,
// or a single file) and compiles them into one set. An empty result (no rules) is an error.
Result<CompiledRuleSet> LoadRules(const std::vector<std::filesystem::path>& paths);

}  // namespace trustscreen::rules

#endif  // TRUSTSCREEN_RULES_RULE_SET_H_
