#include "trustscreen/pipeline/merge.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <map>
#include <set>

#include "report_files.h"
#include "trustscreen/pipeline/walk.h"

namespace trustscreen::pipeline {
namespace {

struct ShardReport {
  std::filesystem::path path;
  ShardSpec shard;
  report::ParsedReport report;
};

// The walk options a shard ran with, as its header records them.
WalkOptions WalkOptionsOf(const report::RunHeader& header) {
  return {.include_hidden = header.options.include_hidden, .exclude = header.options.exclude};
}

// Why `other` does not belong with `first`, or "" when it does.
std::string Mismatch(const report::RunHeader& first, const report::RunHeader& other) {
  if (other.rules_sha256 != first.rules_sha256) return "rule sets differ (rules.sha256)";
  if (other.extractor_version != first.extractor_version) return "extractor versions differ";
  if (other.tool_version != first.tool_version) return "trustscreen versions differ";
  if (other.inputs != first.inputs) return "inputs differ";
  if (other.options.include_hidden != first.options.include_hidden) {
    return "walk option 'include_hidden' differs";
  }
  if (other.options.exclude != first.options.exclude) return "walk option 'exclude' differs";
  return "";
}

Result<ShardReport> ReadShard(const std::filesystem::path& path) {
  Result<report::ParsedReport> parsed = report::ReadJsonlReport(path);
  if (!parsed.ok()) return parsed.status();
  const std::string& option = parsed->header.options.shard;
  if (option.empty()) {
    return InvalidArgument(path.string() +
                           ": not a shard report (no 'shard' option: the run "
                           "was not made with scan --shard K/N)");
  }
  Result<ShardSpec> shard = ParseShardSpec(option);
  if (!shard.ok()) return InvalidArgument(path.string() + ": " + shard.status().message());
  for (const DocumentResult& result : parsed->documents) {
    if (!result.input_index) {
      return InvalidArgument(path.string() + ": document '" + result.document.path +
                             "' has no input_index (written by an older trustscreen?)");
    }
  }
  return ShardReport{path, *shard, std::move(parsed).value()};
}

// False for a report the shard died before finishing its first record in (empty, or cut short).
bool HasCompleteLine(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::string line;
  return std::getline(in, line) && !in.eof();
}

// The line of a waiver's location ("waivers.yaml:12"), which orders a run's waiver summary.
long LocationLine(const std::string& location) {
  const std::size_t colon = location.rfind(':');
  return colon == std::string::npos ? 0 : std::strtol(location.c_str() + colon + 1, nullptr, 10);
}

// The waiver summary of the whole run from the shards': a waiver's findings add up; it is stale
// only when it matched nothing in any shard; in the waivers file's order, as a single run has it.
std::optional<report::WaiverSummary> MergeWaivers(const std::vector<ShardReport>& shards) {
  struct Use {
    report::WaiverUse use;
    bool expired = false;
  };
  std::map<std::string, Use> by_location;
  bool any = false;
  for (const ShardReport& shard : shards) {
    if (!shard.report.summary || !shard.report.summary->waivers) continue;
    any = true;
    const report::WaiverSummary& waivers = *shard.report.summary->waivers;
    for (const auto* list : {&waivers.applied, &waivers.expired, &waivers.stale}) {
      for (const report::WaiverUse& use : *list) {
        auto [it, inserted] = by_location.emplace(use.location, Use{use, false});
        if (!inserted) it->second.use.findings += use.findings;
        if (list == &waivers.expired) it->second.expired = true;
      }
    }
  }
  if (!any) return std::nullopt;
  std::vector<Use> uses;
  for (auto& [location, use] : by_location) uses.push_back(std::move(use));
  std::stable_sort(uses.begin(), uses.end(), [](const Use& a, const Use& b) {
    return LocationLine(a.use.location) < LocationLine(b.use.location);
  });
  report::WaiverSummary merged;
  for (Use& use : uses) {
    auto& list =
        use.use.findings == 0 ? merged.stale : (use.expired ? merged.expired : merged.applied);
    list.push_back(std::move(use.use));
  }
  return merged;
}

bool Finished(const report::ParsedReport& report) {
  return report.summary.has_value() && report.summary->complete;
}

}  // namespace

std::string UnfinishedShardReason(const ShardSpec& shard) {
  return "shard " + shard.ToString() + " did not finish";
}

Result<MergeOutcome> RunMerge(const MergeOptions& options) {
  if (options.shard_reports.empty()) return InvalidArgument("no shard reports given");
  if (options.shards < 0) return InvalidArgument("--shards must be at least 1");

  std::vector<ShardReport> shards;
  for (const std::filesystem::path& path : options.shard_reports) {
    std::error_code error;
    const bool exists = std::filesystem::exists(path, error);
    if (!exists || !HasCompleteLine(path)) {
      const std::string what =
          exists ? "no run record (the shard died as it started)" : "no such file";
      if (!options.allow_missing) {
        return InvalidArgument(path.string() + ": " + what +
                               " (--allow-missing reports its shard's files as not_screened)");
      }
      spdlog::warn("{}: {}: its shard did not finish", path.string(), what);
      continue;
    }
    Result<ShardReport> shard = ReadShard(path);
    if (!shard.ok()) return shard.status();
    shards.push_back(std::move(shard).value());
  }
  if (shards.empty()) {
    return InvalidArgument("no readable shard report among the " +
                           std::to_string(options.shard_reports.size()) + " given");
  }

  // Check that the shards belong together, in the order given; then order them by K.
  const ShardReport& first = shards.front();
  const int count = options.shards > 0 ? options.shards : first.shard.count;
  std::map<int, ShardReport*> by_index;
  for (ShardReport& shard : shards) {
    if (shard.shard.count != count) {
      return InvalidArgument(shard.path.string() + ": shard " + shard.shard.ToString() +
                             " is not one of " + std::to_string(count) + " shards (" +
                             (options.shards > 0
                                  ? "--shards"
                                  : first.path.string() + " is shard " + first.shard.ToString()) +
                             ")");
    }
    if (std::string why = Mismatch(first.report.header, shard.report.header); !why.empty()) {
      return InvalidArgument(shard.path.string() + " and " + first.path.string() +
                             " are not shards of one run: " + why);
    }
    auto [it, inserted] = by_index.emplace(shard.shard.index, &shard);
    if (!inserted) {
      return InvalidArgument(it->second->path.string() + " and " + shard.path.string() +
                             " are both shard " + shard.shard.ToString());
    }
  }
  const ShardReport& head = *by_index.begin()->second;

  // The merged header: the first shard's, without the shard option, with the earliest start.
  MergeOutcome outcome;
  outcome.header = head.report.header;
  outcome.header.options.shard.clear();
  for (const ShardReport& shard : shards) {
    const std::string& started = shard.report.header.started_at;
    if (!started.empty() &&
        (outcome.header.started_at.empty() || started < outcome.header.started_at)) {
      outcome.header.started_at = started;
    }
  }
  Severity fail_on = Severity::kMedium;
  if (options.fail_on) {
    fail_on = *options.fail_on;
  } else if (head.report.summary) {
    fail_on = head.report.summary->fail_on;
  } else {
    fail_on = outcome.header.options.fail_on;
  }
  outcome.header.options.fail_on = fail_on;
  if (options.reproducible) outcome.header.options.reproducible = true;

  // Every document the shards finished, and the inputs of the shards that did not finish.
  std::vector<DocumentResult> documents;
  std::set<std::size_t> present;
  std::map<std::size_t, int> owner;  // input_index -> K, to catch overlapping shards
  std::vector<ShardSpec> unfinished;
  for (int k = 1; k <= count; ++k) {
    auto it = by_index.find(k);
    if (it == by_index.end() || !Finished(it->second->report)) unfinished.push_back({k, count});
  }
  for (auto& [k, shard_pointer] : by_index) {
    ShardReport& shard = *shard_pointer;
    std::vector<DocumentResult>& results = shard.report.documents;
    if (!shard.report.summary && !results.empty()) {
      // Killed: its last input may be cut short (an archive without all its members).
      const std::size_t last = *results.back().input_index;
      std::erase_if(results, [&](const DocumentResult& r) { return *r.input_index == last; });
    }
    for (DocumentResult& result : results) {
      auto [it, inserted] = owner.emplace(*result.input_index, k);
      if (!inserted && it->second != k) {
        return InvalidArgument(shard.path.string() + ": input " +
                               std::to_string(*result.input_index) + " ('" + result.document.path +
                               "') is also in shard " + std::to_string(it->second) + "/" +
                               std::to_string(count));
      }
      present.insert(*result.input_index);
      documents.push_back(std::move(result));
    }
  }
  if (!unfinished.empty()) {
    const WalkResult walk = EnumerateInputs(outcome.header.inputs, WalkOptionsOf(outcome.header));
    for (const ShardSpec& shard : unfinished) {
      int added = 0;
      for (std::size_t position : FilesOfShard(walk.files, shard)) {
        if (present.count(position) > 0) continue;
        DocumentResult result;
        result.document.path = walk.files[position];
        result.document.status = DocumentStatus::kNotScreened;
        result.document.reason = UnfinishedShardReason(shard);
        result.input_index = position;
        documents.push_back(std::move(result));
        ++added;
      }
      spdlog::warn("shard {} did not finish: {} of its file(s) reported not_screened",
                   shard.ToString(), added);
    }
  }
  // Single-run order: by input, and within one input (an archive) as its shard wrote them.
  std::stable_sort(documents.begin(), documents.end(),
                   [](const DocumentResult& a, const DocumentResult& b) {
                     return *a.input_index < *b.input_index;
                   });

  Result<std::unique_ptr<ReportFiles>> files = ReportFiles::Open(
      options.out_dir, {.excel_bom = outcome.header.options.excel_csv,
                        .reproducible = options.reproducible,
                        .started_at = options.reproducible ? "" : outcome.header.started_at});
  if (!files.ok()) return files.status();
  ReportFiles& reports = **files;
  outcome.jsonl_path = reports.paths().jsonl;
  outcome.csv_path = reports.paths().csv;
  outcome.sarif_path = reports.paths().sarif;
  outcome.html_path = reports.paths().html;
  reports.WriteHeader(outcome.header);
  report::SummaryBuilder builder(fail_on);
  for (DocumentResult& result : documents) {
    builder.Add(result);
    reports.WriteDocument(result);
  }
  report::RunSummary& summary = builder.mutable_summary();
  summary.skipped_inputs = static_cast<int>(outcome.header.skipped.size());
  summary.complete = unfinished.empty();
  summary.waivers = MergeWaivers(shards);
  for (const ShardReport& shard : shards) {
    if (!shard.report.summary) continue;
    summary.finished_at = std::max(summary.finished_at, shard.report.summary->finished_at);
    summary.wall_seconds = std::max(summary.wall_seconds, shard.report.summary->wall_seconds);
  }
  if (Status written = reports.Finish(summary); !written.ok()) return written;
  outcome.summary = summary;
  outcome.unfinished = std::move(unfinished);
  return outcome;
}

}  // namespace trustscreen::pipeline
