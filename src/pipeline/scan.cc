#include "trustscreen/pipeline/scan.h"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <chrono>
#include <ctime>
#include <fstream>
#include <thread>

#include "trustscreen/rules/rule_set.h"
#include "version.h"

namespace trustscreen::pipeline {
namespace {

std::string UtcNow() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  gmtime_r(&now, &utc);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return buffer;
}

std::string HostName() {
  char buffer[256] = {};
  if (gethostname(buffer, sizeof buffer - 1) != 0) return "unknown";
  return buffer;
}

std::string JoinGlobs(const std::vector<std::string>& globs) {
  std::string joined;
  for (const std::string& glob : globs) joined += (joined.empty() ? "" : " ") + glob;
  return joined;
}

report::RunHeader MakeHeader(const ScanOptions& options, const rules::CompiledRuleSet& rules,
                             int threads) {
  report::RunHeader header;
  header.tool_version = ToolVersion();
  header.build_id = BuildId();
  header.started_at = UtcNow();
  header.host = HostName();
  header.command_line = options.command_line;
  header.extractor_version = std::string(extract::kExtractorVersion);
  header.rules_sha256 = rules.sha256();
  header.rule_count = static_cast<int>(rules.rules().size());
  for (const rules::RuleFileInfo& file : rules.files()) {
    header.rule_files.push_back({file.path, file.sha256, file.rule_count});
  }
  header.inputs = options.inputs;
  header.options = {
      {"threads", std::to_string(threads)},
      {"fail_on", std::string(ToString(options.fail_on))},
      {"include_hidden", options.walk.include_hidden ? "true" : "false"},
      {"exclude", JoinGlobs(options.walk.exclude)},
      {"max_file_bytes", std::to_string(options.extract.max_file_bytes)},
      {"max_pages", std::to_string(options.extract.max_pages)},
      {"excel_csv", options.excel_csv ? "true" : "false"},
      {"reproducible", options.reproducible ? "true" : "false"},
      {"passwords_given", std::to_string(options.extract.passwords.size())},
      {"max_archive_depth", std::to_string(options.extract.max_archive_depth)},
      {"max_decompressed_bytes", std::to_string(options.extract.max_decompressed_bytes)},
  };
  return header;
}

}  // namespace

std::string ToolVersion() { return TRUSTSCREEN_VERSION; }
std::string BuildId() { return std::string(TRUSTSCREEN_VERSION) + "+g" + TRUSTSCREEN_GIT_COMMIT; }

Result<ScanOutcome> RunScan(const ScanOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  if (options.inputs.empty()) return InvalidArgument("no input paths given");

  Result<rules::CompiledRuleSet> rules = rules::LoadRules(options.rule_paths);
  if (!rules.ok()) return InvalidArgument(rules.status().message());
  spdlog::info("loaded {} rules from {} file(s), sha256 {}", rules->rules().size(),
               rules->files().size(), rules->sha256());

  std::error_code error;
  std::filesystem::create_directories(options.out_dir, error);
  if (error) {
    return IoError(options.out_dir.string() +
                   ": cannot create output directory: " + error.message());
  }

  std::unique_ptr<cache::Cache> cache;
  if (!options.cache_path.empty()) {
    Result<std::unique_ptr<cache::Cache>> opened = cache::Cache::Open(options.cache_path);
    if (!opened.ok()) return opened.status();
    cache = std::move(opened).value();
    spdlog::info("using cache {}", options.cache_path.string());
  }

  ScanOutcome outcome;
  outcome.cache_used = cache != nullptr;
  outcome.jsonl_path = options.out_dir / "findings.jsonl";
  outcome.csv_path = options.out_dir / "flagged-clauses.csv";
  std::ofstream jsonl(outcome.jsonl_path, std::ios::binary | std::ios::trunc);
  if (!jsonl) return IoError(outcome.jsonl_path.string() + ": cannot open for writing");
  std::ofstream csv(outcome.csv_path, std::ios::binary | std::ios::trunc);
  if (!csv) return IoError(outcome.csv_path.string() + ": cannot open for writing");
  outcome.sarif_path = options.out_dir / "findings.sarif";
  std::ofstream sarif(outcome.sarif_path, std::ios::binary | std::ios::trunc);
  if (!sarif) return IoError(outcome.sarif_path.string() + ": cannot open for writing");
  outcome.html_path = options.out_dir / "report.html";
  std::ofstream html(outcome.html_path, std::ios::binary | std::ios::trunc);
  if (!html) return IoError(outcome.html_path.string() + ": cannot open for writing");
  std::vector<std::unique_ptr<report::ReportWriter>> writers;
  writers.push_back(report::MakeJsonlWriter(jsonl));
  writers.push_back(report::MakeCsvWriter(csv, {.excel_bom = options.excel_csv}));
  writers.push_back(report::MakeSarifWriter(sarif));
  writers.push_back(report::MakeHtmlWriter(html));

  const int threads = options.threads > 0
                          ? options.threads
                          : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  WalkResult walk = EnumerateInputs(options.inputs, options.walk);
  outcome.header = MakeHeader(options, *rules, threads);
  if (options.reproducible) {
    outcome.header.started_at.clear();
    outcome.header.host.clear();
    outcome.header.command_line.clear();
  }
  if (cache) outcome.header.options.push_back({"cache", options.cache_path.string()});
  outcome.header.skipped = walk.skipped;
  for (const report::SkippedInput& skipped : walk.skipped) {
    spdlog::info("skipped {}: {}", skipped.path, skipped.reason);
  }
  spdlog::info("screening {} file(s) on {} thread(s)", walk.files.size(), threads);

  // The first write error stops all further writing; the run still screens and summarises.
  Status write_status;
  auto write_all = [&](const auto& write) {
    for (auto& writer : writers) {
      if (write_status.ok()) write_status = write(*writer);
    }
  };
  write_all([&](report::ReportWriter& writer) { return writer.WriteHeader(outcome.header); });
  report::SummaryBuilder summary(options.fail_on);
  summary.mutable_summary().skipped_inputs = static_cast<int>(walk.skipped.size());

  ScreenFiles(
      walk.files, *rules, options.extract, threads,
      [&](DocumentResult&& result) {
        const Document& document = result.document;
        if (!IsFullyScreened(document.status)) {
          spdlog::warn("{}: {}: {}", document.path, ToString(document.status), document.reason);
        } else {
          spdlog::debug("{}: ok, {} finding(s)", document.path, result.findings.size());
        }
        if (options.reproducible) result.extract_seconds = result.match_seconds = 0;
        if (result.cache == CacheUse::kResults) ++outcome.cache.results;
        if (result.cache == CacheUse::kText) ++outcome.cache.text;
        if (result.cache == CacheUse::kMiss) ++outcome.cache.miss;
        summary.Add(result);
        write_all([&](report::ReportWriter& writer) { return writer.WriteDocument(result); });
      },
      cache.get());
  if (cache) {
    spdlog::info("cache: {} document(s) reused, {} re-matched from cached text, {} extracted",
                 outcome.cache.results, outcome.cache.text, outcome.cache.miss);
  }

  report::RunSummary& final_summary = summary.mutable_summary();
  final_summary.finished_at = UtcNow();
  final_summary.wall_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  report::RunSummary written_summary = final_summary;
  if (options.reproducible) {
    written_summary.finished_at.clear();
    written_summary.wall_seconds = 0;
  }
  write_all([&](report::ReportWriter& writer) { return writer.WriteSummary(written_summary); });
  if (!write_status.ok()) {
    return IoError(options.out_dir.string() + ": " + write_status.message());
  }
  outcome.summary = final_summary;
  return outcome;
}

}  // namespace trustscreen::pipeline
