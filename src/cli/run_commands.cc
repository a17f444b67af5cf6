#include "run_commands.h"

#include <memory>
#include <vector>

#include "trustscreen/core/exit_codes.h"
#include "trustscreen/report/report.h"
#include "trustscreen/rules/rule_set.h"

namespace trustscreen::cli {
namespace {

// Rule sets left to the end of the process, which returns their memory at once: freeing the
// shipped rules' ~100,000 objects one by one took 50 ms at the end of every scan, as long as
// matching a short contract (compilers skip freeing at exit for the same reason). Reachable from
// this pointer, so leak checkers do not count them.
std::vector<std::shared_ptr<rules::LazyRuleSet>>* const kRulesLeftToExit =
    new std::vector<std::shared_ptr<rules::LazyRuleSet>>();

void PrintReportPaths(std::ostream& out, const std::filesystem::path& jsonl,
                      const std::filesystem::path& csv, const std::filesystem::path& sarif,
                      const std::filesystem::path& html) {
  out << "Reports: " << jsonl.string() << ", " << csv.string() << ", " << sarif.string() << ", "
      << html.string() << "\n";
}

}  // namespace

int RunScan(const pipeline::ScanOptions& options, std::ostream& out, std::ostream& err) {
  Result<pipeline::ScanOutcome> outcome = pipeline::RunScan(options);
  if (!outcome.ok()) {
    err << "trustscreen: " << outcome.status().message() << "\n";
    return kExitError;
  }
  if (outcome->rules) kRulesLeftToExit->push_back(outcome->rules);
  report::PrintTerminalSummary(out, outcome->summary);
  PrintReportPaths(out, outcome->jsonl_path, outcome->csv_path, outcome->sarif_path,
                   outcome->html_path);
  if (outcome->cache_used) {
    out << "Cache: " << outcome->cache.results << " document(s) reused, " << outcome->cache.text
        << " re-matched from cached text, " << outcome->cache.miss << " extracted\n";
  }
  return outcome->summary.ExitCode();
}

int RunMerge(const pipeline::MergeOptions& options, std::ostream& out, std::ostream& err) {
  Result<pipeline::MergeOutcome> merged = pipeline::RunMerge(options);
  if (!merged.ok()) {
    err << "trustscreen merge: " << merged.status().message() << "\n";
    return kExitError;
  }
  report::PrintTerminalSummary(out, merged->summary);
  for (const pipeline::ShardSpec& unfinished : merged->unfinished) {
    out << "Shard " << unfinished.ToString()
        << " did not finish: its files are reported not_screened\n";
  }
  PrintReportPaths(out, merged->jsonl_path, merged->csv_path, merged->sarif_path,
                   merged->html_path);
  return merged->summary.ExitCode();
}

}  // namespace trustscreen::cli
