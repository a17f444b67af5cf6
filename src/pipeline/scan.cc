#include "trustscreen/pipeline/scan.h"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <thread>

#include "progress.h"
#include "report_files.h"
#include "trustscreen/cache/cache.h"
#include "trustscreen/core/clock.h"
#include "trustscreen/lists/freshness.h"
#include "trustscreen/review/waivers.h"
#include "trustscreen/rules/rule_set.h"
#include "version.h"

namespace trustscreen::pipeline {
namespace {

std::string HostName() {
  char buffer[256] = {};
  if (gethostname(buffer, sizeof buffer - 1) != 0) return "unknown";
  return buffer;
}

report::RunHeader MakeHeader(const ScanOptions& options, const rules::LazyRuleSet& rules,
                             int threads) {
  report::RunHeader header;
  header.tool_version = ToolVersion();
  header.build_id = BuildId();
  header.started_at = UtcTimestamp();
  header.host = HostName();
  header.command_line = options.command_line;
  header.extractor_version = std::string(extract::kExtractorVersion);
  header.rules_sha256 = rules.sha256();
  header.rule_count = static_cast<int>(rules.rule_count());
  const std::string today = options.today.empty() ? UtcDate() : options.today;
  for (const rules::RuleFileInfo& file : rules.files()) {
    header.rule_files.push_back({file.path, file.sha256, file.rule_count, file.entries,
                                 file.list_title, file.list_published});
    if (file.entries < 0) continue;
    std::string warning = lists::ListAgeWarning(file.path, file.list_title, file.list_published,
                                                today, options.max_list_age_days);
    if (!warning.empty()) header.warnings.push_back(std::move(warning));
  }
  header.inputs = options.inputs;
  report::RunOptions& recorded = header.options;
  recorded.threads = threads;
  recorded.fail_on = options.fail_on;
  recorded.include_hidden = options.walk.include_hidden;
  recorded.exclude = options.walk.exclude;
  recorded.excel_csv = options.excel_csv;
  recorded.reproducible = options.reproducible;
  extract::ForEachOption(
      options.extract, [&](const extract::OptionField& field, const auto& value) {
        if (!field.header.empty()) {
          recorded.extraction.emplace_back(field.header, extract::OptionText(value));
        }
      });
  recorded.in_process = options.isolation.worker_executable.empty();
  recorded.timeout_seconds = options.isolation.timeout_seconds;
  recorded.worker_memory_mib = options.isolation.memory_limit_bytes >> 20;
  recorded.max_list_age_days = options.max_list_age_days;
  if (!options.cache_path.empty()) recorded.cache = options.cache_path.string();
  if (options.shard) recorded.shard = options.shard->ToString();
  return header;
}

// The rules of a run. Compiling them is most of a warm run's time, so it is deferred when the
// cache holds results of these rules from this build: they compiled then, and will again when a
// document that is not in the cache needs them. With more than one thread they are compiled in
// the background while the first files are read (ScreenFiles reads ahead until they are ready);
// a rule error then fails the run once it is found. Otherwise they are compiled now, so that a
// rule error fails the run before any document is read.
// Compilation uses at most the run's `threads`.
Result<std::unique_ptr<rules::LazyRuleSet>> PrepareRules(rules::RuleSource source,
                                                         cache::Cache* cache, int threads) {
  if (cache != nullptr) {
    Result<bool> known = cache->HasResults(source.sha256);
    if (known.ok() && *known) {
      spdlog::info("rules compiled when first needed: the cache holds results of them");
      return std::make_unique<rules::LazyRuleSet>(std::move(source), threads);
    }
  }
  if (threads > 1) {
    auto lazy = std::make_unique<rules::LazyRuleSet>(std::move(source), threads);
    lazy->CompileInBackground();
    return lazy;
  }
  Result<rules::CompiledRuleSet> compiled =
      rules::CompileRules(std::move(source.rules), std::move(source.files), threads);
  if (!compiled.ok()) return InvalidArgument(compiled.status().message());
  return std::make_unique<rules::LazyRuleSet>(std::move(compiled).value());
}

}  // namespace

std::string ToolVersion() { return TRUSTSCREEN_VERSION; }
std::string BuildId() { return std::string(TRUSTSCREEN_VERSION) + "+g" + TRUSTSCREEN_GIT_COMMIT; }

Result<ScanOutcome> RunScan(const ScanOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  if (options.inputs.empty()) return InvalidArgument("no input paths given");

  Result<rules::RuleSource> source = rules::ReadRules(options.rule_paths);
  if (!source.ok()) return InvalidArgument(source.status().message());
  spdlog::info("read {} rules from {} file(s), sha256 {}", source->rules.size(),
               source->files.size(), source->sha256);

  // Waivers are configuration: a malformed file stops the run before any document is read.
  std::optional<review::WaiverApplier> waivers;
  if (!options.waivers_path.empty()) {
    Result<review::WaiverSet> loaded = review::LoadWaivers(options.waivers_path);
    if (!loaded.ok()) return InvalidArgument(loaded.status().message());
    spdlog::info("loaded {} waiver(s) from {}", loaded->waivers.size(), loaded->path);
    waivers.emplace(std::move(loaded).value(), options.today.empty() ? UtcDate() : options.today);
  }

  std::unique_ptr<cache::Cache> cache;
  if (!options.cache_path.empty()) {
    Result<std::unique_ptr<cache::Cache>> opened =
        cache::Cache::Open(options.cache_path, true, BuildId());
    if (!opened.ok()) return opened.status();
    cache = std::move(opened).value();
    spdlog::info("using cache {}", options.cache_path.string());
  }
  const int threads = options.threads > 0
                          ? options.threads
                          : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  Result<std::unique_ptr<rules::LazyRuleSet>> rules =
      PrepareRules(std::move(source).value(), cache.get(), threads);
  if (!rules.ok()) return rules.status();

  ScanOutcome outcome;
  outcome.cache_used = cache != nullptr;
  Result<std::unique_ptr<ReportFiles>> files = ReportFiles::Open(
      options.out_dir, {.excel_bom = options.excel_csv,
                        .reproducible = options.reproducible,
                        .started_at = options.reproducible ? "" : UtcTimestamp()});
  if (!files.ok()) return files.status();
  ReportFiles& reports = **files;
  outcome.jsonl_path = reports.paths().jsonl;
  outcome.csv_path = reports.paths().csv;
  outcome.sarif_path = reports.paths().sarif;
  outcome.html_path = reports.paths().html;

  WalkResult walk = EnumerateInputs(options.inputs, options.walk);
  outcome.header = MakeHeader(options, **rules, threads);
  for (const std::string& warning : outcome.header.warnings) spdlog::warn("{}", warning);
  outcome.header.skipped = walk.skipped;
  if (waivers) {
    const review::WaiverSet& set = waivers->waivers();
    outcome.header.waivers =
        report::WaiversFileRecord{set.path, set.sha256, static_cast<int>(set.waivers.size())};
  }
  for (const report::SkippedInput& skipped : walk.skipped) {
    spdlog::info("skipped {}: {}", skipped.path, skipped.reason);
  }
  // The position of each screened file in the full walked list: its input_index.
  std::vector<std::size_t> positions;
  if (options.shard) {
    positions = FilesOfShard(walk.files, *options.shard);
    std::vector<std::string> kept;
    kept.reserve(positions.size());
    for (std::size_t position : positions) kept.push_back(walk.files[position]);
    spdlog::info("shard {}: {} of {} file(s)", options.shard->ToString(), kept.size(),
                 walk.files.size());
    walk.files = std::move(kept);
  } else {
    positions.resize(walk.files.size());
    for (std::size_t i = 0; i < positions.size(); ++i) positions[i] = i;
  }
  spdlog::info("screening {} file(s) on {} thread(s)", walk.files.size(), threads);

  reports.WriteHeader(outcome.header);
  report::SummaryBuilder summary(options.fail_on);
  summary.mutable_summary().skipped_inputs = static_cast<int>(walk.skipped.size());

  std::unique_ptr<ProgressLine> progress;
  const bool terminal = isatty(STDERR_FILENO) != 0;
  if (options.progress == ScanOptions::Progress::kAlways ||
      (options.progress == ScanOptions::Progress::kAuto && terminal)) {
    progress = std::make_unique<ProgressLine>(walk.files.size(), stderr, terminal);
  }
  ScreenOptions screen;
  screen.extract = options.extract;
  screen.threads = threads;
  screen.pdf_range_pages = options.pdf_range_pages;
  screen.isolation = options.isolation;
  screen.cache = cache.get();
  screen.stop = options.stop;
  if (progress) {
    screen.on_start = [&](std::size_t index, const std::string& path) {
      progress->Started(index, path);
    };
    screen.on_finish = [&](std::size_t index, const std::vector<DocumentResult>& results) {
      progress->Finished(index, results);
    };
  }
  std::string strip_prefix;
  if (!options.report_paths_relative_to.empty()) {
    strip_prefix = options.report_paths_relative_to.lexically_normal().string();
    if (strip_prefix.back() != '/') strip_prefix += '/';
  }
  ScreenFiles(walk.files, **rules, screen, [&](DocumentResult&& result) {
    if (!strip_prefix.empty() && result.document.path.size() > strip_prefix.size() &&
        result.document.path.compare(0, strip_prefix.size(), strip_prefix) == 0) {
      result.document.path.erase(0, strip_prefix.size());
    }
    const Document& document = result.document;
    if (progress) progress->Clear();
    if (result.input_index) result.input_index = positions[*result.input_index];
    if (!IsFullyScreened(document.status)) {
      spdlog::warn("{}: {}: {}", document.path, ToString(document.status), document.reason);
    } else {
      spdlog::debug("{}: ok, {} finding(s)", document.path, result.findings.size());
    }
    if (result.cache == CacheUse::kResults) ++outcome.cache.results;
    if (result.cache == CacheUse::kText) ++outcome.cache.text;
    if (result.cache == CacheUse::kMiss) ++outcome.cache.miss;
    if (waivers) {
      waivers->Apply(result);
      for (const Finding& finding : result.findings) {
        if (finding.review_status != ReviewStatus::kReopened) continue;
        spdlog::warn("{}: finding {} ({}) reopened: waiver {} expired on {}", document.path,
                     ShortFingerprint(finding.fingerprint), finding.rule_id,
                     finding.waiver->location, finding.waiver->expires);
      }
    }
    summary.Add(result);
    reports.WriteDocument(result);
  });
  progress.reset();
  // Compiled in the background (PrepareRules): done before the run ends, whether or not a
  // document needed the rules, so that a rule error fails the run as it would have had they been
  // compiled first.
  if ((*rules)->compiled_in_background()) (*rules)->Get();
  if ((*rules)->failed()) {
    // Only when compilation was deferred or in the background (PrepareRules) and then failed:
    // the run fails as it would have had the rules been compiled first; the reports stay marked
    // unfinished.
    return InvalidArgument((*rules)->Get().status().message());
  }
  const bool stopped = options.stop != nullptr && options.stop->load();
  if (stopped) {
    const auto& by_status = summary.summary().documents_by_status;
    const auto not_screened = by_status.find(DocumentStatus::kNotScreened);
    spdlog::warn("the run was interrupted: {} document(s) not screened; the reports say so",
                 not_screened == by_status.end() ? 0 : not_screened->second);
  }
  if (cache) {
    spdlog::info("cache: {} document(s) reused, {} re-matched from cached text, {} extracted",
                 outcome.cache.results, outcome.cache.text, outcome.cache.miss);
  }

  report::RunSummary& final_summary = summary.mutable_summary();
  if (stopped) final_summary.complete = false;
  if (waivers) {
    final_summary.waivers = waivers->Summary();
    for (const report::WaiverUse& stale : final_summary.waivers->stale) {
      spdlog::warn("{}: waiver {} is stale: it matched no finding in this run", stale.location,
                   stale.id);
    }
  }
  final_summary.finished_at = UtcTimestamp();
  final_summary.wall_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (Status written = reports.Finish(final_summary); !written.ok()) return written;
  outcome.summary = final_summary;
  outcome.rules = std::move(*rules);
  return outcome;
}

}  // namespace trustscreen::pipeline
