// The smaller commands beside `scan`: rule-pack checks, list import and cache upkeep. Each writes
// its human-readable output to `out` and returns the process exit code, so the CLI stays glue.
//
// Exit codes follow the scan's: 0 success, 1 the check found problems (failed examples, lint
// warnings), 3 usage or configuration error (unloadable rules, unreadable input).
#ifndef TRUSTSCREEN_CLI_COMMANDS_H_
#define TRUSTSCREEN_CLI_COMMANDS_H_

#include <filesystem>
#include <ostream>
#include <string>
#include <vector>

namespace trustscreen::cli {

// `trustscreen rules test`: loads the rules and runs every rule's examples. Each failure names
// file:line, rule, example, expected and actual; the last line is "N rules, M examples, K
// failures".
int RunRulesTest(const std::vector<std::filesystem::path>& rule_paths, std::ostream& out);

// `trustscreen rules lint`: style and quality warnings (missing examples, common-word patterns…).
int RunRulesLint(const std::vector<std::filesystem::path>& rule_paths, std::ostream& out);

// `trustscreen rules list`: one line per rule: id, family, severity, kind, patterns, location,
// title.
int RunRulesList(const std::vector<std::filesystem::path>& rule_paths, std::ostream& out);

struct ListImportOptions {
  std::string format = "csl";
  std::vector<std::filesystem::path> inputs;  // the list's files (lists/import.h, per format)
  std::string source;  // keep only rows of this list (CSL `source` column); empty keeps all
  std::vector<std::string> types;  // keep only entries of these types; empty keeps all
  std::string published;           // YYYY-MM-DD, when the input states none (or to override)
  std::filesystem::path output;
};

// `trustscreen lists import`: converts a screening list into trustscreen's entity-list CSV; the
// output's metadata records the command (as given) that refreshes it.
int RunListsImport(const ListImportOptions& options, std::ostream& out);

// `trustscreen lists status`: one line per entity list of the rule set: path, entries,
// publication date, age in days as of `today` (YYYY-MM-DD; empty: today, UTC), title. Returns 0
// when every list is at most `max_age_days` old, 1 when one is older or states no date, 2 (usage)
// when the rules cannot be read.
int RunListsStatus(const std::vector<std::filesystem::path>& rule_paths, const std::string& today,
                   int max_age_days, std::ostream& out);

// `trustscreen cache stats`: documents, results, rule sets, size on disk, per extractor version.
int RunCacheStats(const std::filesystem::path& cache_path, std::ostream& out);

// `trustscreen cache prune`: drops the results of other rule sets than `keep_rules_sha256` (empty:
// the rule set stored last) and the documents of other extractor versions, then VACUUMs.
int RunCachePrune(const std::filesystem::path& cache_path, const std::string& keep_rules_sha256,
                  std::ostream& out);

}  // namespace trustscreen::cli

#endif  // TRUSTSCREEN_CLI_COMMANDS_H_
