#include "trustscreen/pipeline/shard.h"

#include <charconv>
#include <cstdint>

#include "trustscreen/digest/sha256.h"

namespace trustscreen::pipeline {
namespace {

bool ParsePositive(std::string_view text, int& value) {
  if (text.empty()) return false;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  return error == std::errc() && end == text.data() + text.size() && value >= 1;
}

}  // namespace

std::string ShardSpec::ToString() const {
  return std::to_string(index) + "/" + std::to_string(count);
}

Result<ShardSpec> ParseShardSpec(std::string_view text) {
  const std::size_t slash = text.find('/');
  ShardSpec shard;
  if (slash == std::string_view::npos || !ParsePositive(text.substr(0, slash), shard.index) ||
      !ParsePositive(text.substr(slash + 1), shard.count) || shard.index > shard.count) {
    return InvalidArgument("shard '" + std::string(text) +
                           "': expected K/N with 1 <= K <= N (e.g. 2/8)");
  }
  return shard;
}

int ShardOfPath(std::string_view path, int count) {
  const std::string hex = digest::Sha256Hex(path).substr(0, 16);
  std::uint64_t value = 0;
  std::from_chars(hex.data(), hex.data() + hex.size(), value, 16);
  return static_cast<int>(value % static_cast<std::uint64_t>(count)) + 1;
}

std::vector<std::size_t> FilesOfShard(const std::vector<std::string>& files,
                                      const ShardSpec& shard) {
  std::vector<std::size_t> positions;
  for (std::size_t i = 0; i < files.size(); ++i) {
    if (ShardOfPath(files[i], shard.count) == shard.index) positions.push_back(i);
  }
  return positions;
}

}  // namespace trustscreen::pipeline
