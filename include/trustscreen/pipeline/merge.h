// Merge: the JSONL reports of the shards of one run (scan --shard K/N) -> one report.
//
// Where it sits: beside RunScan at the top of the library; `trustscreen merge` calls RunMerge.
// It reads each shard's findings.jsonl (report::ReadJsonlReport), checks that the shards belong
// together, puts the documents back in single-run order (by input_index) and writes every
// format with the same report writers as a scan. Over shards that all finished, the merged
// report equals a single run over the same inputs apart from timings (byte for byte when the
// shards ran with --reproducible, or merge is given --reproducible). The summary is counted again
// from the merged documents; with --waivers, a waiver's findings add up over the shards and it is
// stale only when it matched nothing in any shard.
//
// A shard that did not finish — its report is absent, its JSONL has no summary record (killed)
// or its summary says complete=false — never silently shrinks the run: merge walks the inputs
// again (the header's inputs, include_hidden and exclude, relative to the current directory, so
// run merge where the shards ran) to learn which files belonged to it, and reports each of them
// that the shard did not finish as `not_screened` with the reason "shard K/N did not finish".
// The documents such a shard did finish are kept, except the last input of a killed shard
// (an archive's members may be missing), which is reported not_screened as well. The merged
// summary then says complete=false and the exit code is 2.
//
// Memory: every shard's document records (not their text) are held until the merge is written.
#ifndef TRUSTSCREEN_PIPELINE_MERGE_H_
#define TRUSTSCREEN_PIPELINE_MERGE_H_

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "trustscreen/core/finding.h"
#include "trustscreen/core/status.h"
#include "trustscreen/pipeline/shard.h"
#include "trustscreen/report/report.h"

namespace trustscreen::pipeline {

struct MergeOptions {
  std::vector<std::filesystem::path> shard_reports;  // each shard's findings.jsonl, any order
  std::filesystem::path out_dir = "out";
  // Lowest severity that makes the exit code 1; default: the shards' own fail_on.
  std::optional<Severity> fail_on;
  // The number of shards N the run was split into. 0: take it from the shards' headers. Given,
  // it must agree with them, and it is what lets merge report shards of which no report exists.
  int shards = 0;
  // A named report that does not exist or holds no run record (the shard died before writing
  // it) counts as a shard that did not finish instead of an error. Needs N: --shards or a
  // readable shard.
  bool allow_missing = false;
  // Leave out start/end time, timings, host and command line, as scan --reproducible does.
  bool reproducible = false;
};

struct MergeOutcome {
  report::RunHeader header;
  report::RunSummary summary;
  std::vector<ShardSpec> unfinished;  // the shards that did not finish, by K
  std::filesystem::path jsonl_path;
  std::filesystem::path csv_path;
  std::filesystem::path sarif_path;
  std::filesystem::path html_path;
};

// Reads, checks and merges. Fails with kInvalidArgument when the reports do not belong together
// (different rules sha256, extractor version, tool version, inputs, walk options or shard count;
// a shard K given twice; a report of an unsharded run; no readable report at all), naming the
// files; with kParseError for a malformed report (file:line); with kIoError when the merged
// report cannot be written. Otherwise the outcome's summary holds the exit code (2 when a shard
// did not finish).
Result<MergeOutcome> RunMerge(const MergeOptions& options);

// The reason given to each document of a shard that did not finish.
std::string UnfinishedShardReason(const ShardSpec& shard);

}  // namespace trustscreen::pipeline

#endif  // TRUSTSCREEN_PIPELINE_MERGE_H_
