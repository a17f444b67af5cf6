// Entity-list rules: every name and alias of every entry becomes one pattern
// (lists/name_pattern.h).
//
// One pattern per name rather than one alternation per entry: the matcher then knows which alias
// matched without re-matching, and an acronym alias can carry its own context requirement. The
// RE2::Set sees all of them; with ~3,700 names of the US Entity List it still compiles and scans
// within the budgets measured in bench/ (see rules/README.md, "Entity lists").

#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "trustscreen/lists/name_pattern.h"
#include "trustscreen/rules/compiled_rules_internal.h"

namespace trustscreen::rules::internal {

const std::string& EntityName(const lists::EntityEntry& entry, int name_index) {
  return name_index == 0 ? entry.name : entry.aliases[static_cast<std::size_t>(name_index - 1)];
}

Status AddEntityPatterns(const Rule& rule, int rule_index, const CompileOptions& options,
                         re2::RE2::Set* set, std::vector<CompiledPattern>* patterns,
                         std::vector<int>* pattern_ids) {
  re2::RE2::Options regex_options;
  regex_options.set_encoding(re2::RE2::Options::EncodingUTF8);
  regex_options.set_log_errors(false);
  regex_options.set_case_sensitive(false);
  regex_options.set_longest_match(true);
  regex_options.set_max_mem(options.pattern_max_mem);
  const std::vector<lists::EntityEntry>& entries = rule.entities->entries;
  for (std::size_t e = 0; e < entries.size(); ++e) {
    const lists::EntityEntry& entry = entries[e];
    std::set<std::string> seen;  // the same pattern twice in one entry adds nothing
    const re2::RE2* primary = nullptr;
    for (std::size_t n = 0; n <= entry.aliases.size(); ++n) {
      const std::string& name = EntityName(entry, static_cast<int>(n));
      if (lists::IsFillerName(name)) continue;  // "and", "Ltd": would match everywhere (lint says)
      const std::string pattern = lists::NamePattern(name);
      const std::string subject = rule.entities->path + ":" + std::to_string(entry.line) +
                                  ": entry '" + entry.id + "' (rule '" + rule.id + "'): ";
      if (pattern.empty()) {
        return InvalidArgument(subject + "name '" + name + "' has no letters or digits");
      }
      if (!seen.insert(pattern).second) continue;
      auto regex = std::make_unique<const re2::RE2>(pattern, regex_options);
      if (!regex->ok()) {
        return InvalidArgument(subject + "name '" + name + "' gives an invalid pattern '" +
                               pattern + "': " + regex->error());
      }
      std::string error;
      const int index = set->Add("(?i:" + pattern + ")", &error);
      if (index != static_cast<int>(pattern_ids->size())) {
        return InvalidArgument(subject + "name '" + name +
                               "' cannot be added to the rule set: " + error);
      }
      pattern_ids->push_back(static_cast<int>(patterns->size()));
      CompiledPattern compiled;
      compiled.rule_index = rule_index;
      compiled.pattern_index = -1;
      compiled.regex = std::move(regex);
      compiled.entry_index = static_cast<int>(e);
      compiled.name_index = static_cast<int>(n);
      compiled.acronym = lists::NeedsContext(lists::ShapeOf(name));
      if (primary == nullptr) primary = compiled.regex.get();
      compiled.primary = primary;
      patterns->push_back(std::move(compiled));
    }
  }
  return Status::Ok();
}

}  // namespace trustscreen::rules::internal
