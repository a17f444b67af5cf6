// Sharding: splitting one run's walked files into N disjoint parts, one per machine or job.
//
// Where it sits: RunScan (scan --shard K/N) keeps the files of one shard after the walk; merge
// re-enumerates the inputs to learn which files belonged to a shard that did not finish.
//
// A file's shard depends only on its walked path string and N (the first 8 bytes of the path's
// SHA-256, big-endian, modulo N), never on the other files: adding or removing files does not
// move any other file to another shard. The shards of one N partition the walked list: every
// file is in exactly one. Pure functions; thread-safe.
#ifndef TRUSTSCREEN_PIPELINE_SHARD_H_
#define TRUSTSCREEN_PIPELINE_SHARD_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "trustscreen/core/status.h"

namespace trustscreen::pipeline {

// Shard `index` of `count`, 1 <= index <= count.
struct ShardSpec {
  int index = 1;
  int count = 1;

  std::string ToString() const;  // "K/N", as in the report header's "shard" option
  bool operator==(const ShardSpec&) const = default;
};

// Parses "K/N" (decimal, 1 <= K <= N). Fails with kInvalidArgument naming the text.
Result<ShardSpec> ParseShardSpec(std::string_view text);

// The 1-based shard of `count` that `path` belongs to. `count` must be >= 1.
int ShardOfPath(std::string_view path, int count);

// The positions in `files` of the files of `shard`, ascending.
std::vector<std::size_t> FilesOfShard(const std::vector<std::string>& files,
                                      const ShardSpec& shard);

}  // namespace trustscreen::pipeline

#endif  // TRUSTSCREEN_PIPELINE_SHARD_H_
