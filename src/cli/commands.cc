#include "commands.h"

#include <fstream>
#include <iomanip>
#include <sstream>

#include "trustscreen/cache/cache.h"
#include "trustscreen/core/clock.h"
#include "trustscreen/core/exit_codes.h"
#include "trustscreen/lists/freshness.h"
#include "trustscreen/lists/import.h"
#include "trustscreen/match/rule_tools.h"
#include "trustscreen/pipeline/scan.h"
#include "trustscreen/rules/rule_set.h"

namespace trustscreen::cli {
namespace {

// Loads the rule set or reports why not; nullopt means exit 3.
std::optional<rules::CompiledRuleSet> Load(const std::vector<std::filesystem::path>& paths,
                                           std::ostream& out) {
  Result<rules::CompiledRuleSet> loaded = rules::LoadRules(paths);
  if (!loaded.ok()) {
    out << loaded.status().message() << "\n";
    return std::nullopt;
  }
  return std::move(loaded).value();
}

}  // namespace

int RunRulesTest(const std::vector<std::filesystem::path>& rule_paths, std::ostream& out) {
  std::optional<rules::CompiledRuleSet> rules = Load(rule_paths, out);
  if (!rules) return kExitError;
  const match::RuleTestReport report = match::TestRules(*rules);
  for (const match::ExampleFailure& failure : report.failures) {
    out << failure.Message() << "\n";
  }
  out << report.Summary() << "\n";
  return report.failures.empty() ? 0 : kExitFindings;
}

int RunRulesLint(const std::vector<std::filesystem::path>& rule_paths, std::ostream& out) {
  std::optional<rules::CompiledRuleSet> rules = Load(rule_paths, out);
  if (!rules) return kExitError;
  const std::vector<match::LintWarning> warnings = match::LintRules(*rules);
  for (const match::LintWarning& warning : warnings) {
    out << warning.message << " [" << warning.code << "]\n";
  }
  out << rules->rules().size() << " rules, " << warnings.size() << " warning(s)\n";
  return warnings.empty() ? 0 : kExitFindings;
}

int RunRulesList(const std::vector<std::filesystem::path>& rule_paths, std::ostream& out) {
  std::optional<rules::CompiledRuleSet> rules = Load(rule_paths, out);
  if (!rules) return kExitError;
  for (const match::RuleSummary& rule : match::ListRules(*rules)) {
    out << std::left << std::setw(36) << rule.id << " " << std::setw(15) << rule.family << " "
        << std::setw(9) << rule.severity << " " << std::setw(12) << rule.kind << std::right
        << std::setw(6) << rule.patterns << "  " << rule.location << "  " << rule.title << "\n";
  }
  out << rules->rules().size() << " rules, rule set sha256 " << rules->sha256() << "\n";
  return 0;
}

int RunListsStatus(const std::vector<std::filesystem::path>& rule_paths, const std::string& today,
                   int max_age_days, std::ostream& out) {
  // Reading the rule files is enough: the lists' metadata is there, nothing needs compiling.
  Result<rules::RuleSource> source = rules::ReadRules(rule_paths);
  if (!source.ok()) {
    out << source.status().message() << "\n";
    return kExitError;
  }
  const std::string as_of = today.empty() ? UtcDate() : today;
  int stale = 0;
  int lists = 0;
  out << std::left << std::setw(11) << "published" << std::right << std::setw(6) << "age"
      << std::setw(8) << "entries"
      << "  "
      << "list\n";
  for (const rules::RuleFileInfo& file : source->files) {
    if (file.entries < 0) continue;
    ++lists;
    const std::optional<int> age = lists::DaysBetween(file.list_published, as_of);
    const bool old = !age || (max_age_days >= 0 && *age > max_age_days);
    stale += old ? 1 : 0;
    out << std::left << std::setw(11) << (file.list_published.empty() ? "-" : file.list_published)
        << std::right << std::setw(6) << (age ? std::to_string(*age) : "?") << std::setw(8)
        << file.entries << "  " << file.path
        << (file.list_title.empty() ? "" : " (" + file.list_title + ")") << (old ? "  OLD" : "")
        << "\n";
  }
  out << lists << " lists as of " << as_of << "; " << stale << " older than " << max_age_days
      << " days or undated\n";
  return stale > 0 ? 1 : 0;
}

namespace {

// The command line that refreshes a list, recorded in its metadata.
std::string ImportCommand(const ListImportOptions& options) {
  std::string command = "trustscreen lists import --format " + options.format;
  if (!options.source.empty()) command += " --source '" + options.source + "'";
  if (!options.types.empty()) {
    command += " --types ";
    for (std::size_t i = 0; i < options.types.size(); ++i) {
      command += (i == 0 ? "" : ",") + options.types[i];
    }
  }
  if (!options.published.empty()) command += " --published " + options.published;
  for (const std::filesystem::path& input : options.inputs) {
    command += " " + input.generic_string();
  }
  return command + " --out " + options.output.generic_string();
}

}  // namespace

int RunListsImport(const ListImportOptions& options, std::ostream& out) {
  std::vector<lists::ImportInput> inputs;
  for (const std::filesystem::path& path : options.inputs) {
    Result<lists::ImportInput> input = lists::ReadImportInput(path);
    if (!input.ok()) {
      out << input.status().message() << "\n";
      return kExitError;
    }
    inputs.push_back(std::move(input).value());
  }
  lists::ImportOptions import;
  import.format = options.format;
  import.source = options.source;
  import.types = options.types;
  import.published = options.published;
  import.command = ImportCommand(options);
  lists::ImportStats stats;
  Result<lists::ImportedList> list = lists::ImportList(inputs, import, &stats);
  if (!list.ok()) {
    out << list.status().message() << "\n";
    return kExitError;
  }
  // Write to a temporary file first so a failed import never leaves a half-written list.
  const std::filesystem::path partial = options.output.string() + ".partial";
  std::ofstream csv(partial, std::ios::binary | std::ios::trunc);
  if (!csv) {
    out << partial.string() << ": cannot open for writing\n";
    return kExitError;
  }
  lists::WriteEntityList(list->metadata, list->entries, csv);
  csv.close();
  std::error_code ignored;
  if (!csv) {
    std::filesystem::remove(partial, ignored);
    out << options.output.string() << ": write failed\n";
    return kExitError;
  }
  std::filesystem::rename(partial, options.output, ignored);
  if (ignored) {
    out << options.output.string() << ": " << ignored.message() << "\n";
    return kExitError;
  }
  out << options.output.string() << ": " << stats.entries << " entries, " << stats.aliases
      << " aliases, " << stats.weak_aliases << " weak aliases from " << stats.rows
      << " records (published " << list->metadata.published << "; " << stats.repaired
      << " mis-encoded fields repaired";
  if (stats.dropped_types > 0) out << "; " << stats.dropped_types << " entries of other types";
  out << ")\n";
  return 0;
}

namespace {

std::string Mebibytes(std::uint64_t bytes) {
  std::ostringstream text;
  text << std::fixed << std::setprecision(1) << static_cast<double>(bytes) / (1 << 20) << " MiB";
  return text.str();
}

}  // namespace

int RunCacheStats(const std::filesystem::path& cache_path, std::ostream& out) {
  Result<std::unique_ptr<cache::Cache>> opened = cache::Cache::Open(cache_path, false);
  if (!opened.ok()) {
    out << opened.status().message() << "\n";
    return kExitError;
  }
  Result<cache::CacheStats> stats = (*opened)->Stats();
  if (!stats.ok()) {
    out << stats.status().message() << "\n";
    return kExitError;
  }
  out << "cache:      " << cache_path.string() << "\n"
      << "documents:  " << stats->documents << "\n"
      << "results:    " << stats->results << "\n"
      << "rule sets:  " << stats->rule_sets << "\n"
      << "size:       " << Mebibytes(stats->file_bytes) << "\n";
  for (const auto& [version, counts] : stats->by_extractor_version) {
    out << "extractor " << version << ": " << counts.documents << " document(s), "
        << Mebibytes(static_cast<std::uint64_t>(counts.document_bytes)) << " stored"
        << (version == extract::kExtractorVersion ? " (this build)" : "") << "\n";
  }
  for (const auto& [rules_sha256, count] : stats->results_by_rule_set) {
    out << "rules " << rules_sha256 << ": " << count << " result(s)\n";
  }
  return 0;
}

int RunCachePrune(const std::filesystem::path& cache_path, const std::string& keep_rules_sha256,
                  std::ostream& out) {
  Result<std::unique_ptr<cache::Cache>> opened =
      cache::Cache::Open(cache_path, false, pipeline::BuildId());
  if (!opened.ok()) {
    out << opened.status().message() << "\n";
    return kExitError;
  }
  Result<cache::PruneOutcome> pruned = (*opened)->Prune(keep_rules_sha256);
  if (!pruned.ok()) {
    out << pruned.status().message() << "\n";
    return kExitError;
  }
  out << "kept results of rules "
      << (pruned->kept_rules_sha256.empty() ? "(none)" : pruned->kept_rules_sha256)
      << " matched by " << pipeline::BuildId() << " and documents of extractor "
      << extract::kExtractorVersion << "\n"
      << "removed " << pruned->documents_removed << " document(s) and " << pruned->results_removed
      << " result(s); " << Mebibytes(pruned->bytes_before) << " -> "
      << Mebibytes(pruned->bytes_after) << "\n";
  return 0;
}

}  // namespace trustscreen::cli
