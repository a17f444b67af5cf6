// ImportList: reading inputs, choosing the converter, and what every import does after it
// (import.h): alias deduplication, type filter, order, ids, metadata.

#include "trustscreen/lists/import.h"

#include <zlib.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

#include "country_codes.h"
#include "importers.h"
#include "trustscreen/digest/sha256.h"
#include "trustscreen/lists/name_pattern.h"

namespace trustscreen::lists {
namespace {

// Lists are tens of megabytes at most; a larger inflated size is refused as hostile.
constexpr std::size_t kMaxInflatedBytes = std::size_t{1} << 30;

Result<std::string> Gunzip(const std::string& bytes, const std::string& name) {
  z_stream stream{};
  if (inflateInit2(&stream, 16 + MAX_WBITS) != Z_OK) return IoError(name + ": zlib init failed");
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  stream.avail_in = static_cast<uInt>(bytes.size());
  std::string out;
  char buffer[1 << 16];
  int result = Z_OK;
  while (result != Z_STREAM_END) {
    stream.next_out = reinterpret_cast<Bytef*>(buffer);
    stream.avail_out = sizeof buffer;
    result = inflate(&stream, Z_NO_FLUSH);
    if (result != Z_OK && result != Z_STREAM_END) {
      inflateEnd(&stream);
      return ParseError(name + ": not a valid gzip file (" +
                        (stream.msg != nullptr ? stream.msg : "truncated") + ")");
    }
    out.append(buffer, sizeof buffer - stream.avail_out);
    if (out.size() > kMaxInflatedBytes) {
      inflateEnd(&stream);
      return InvalidArgument(name + ": inflates to more than 1 GiB; refused");
    }
    if (result == Z_OK && stream.avail_in == 0 && stream.avail_out != 0) {
      inflateEnd(&stream);
      return ParseError(name + ": gzip data ends early");
    }
  }
  inflateEnd(&stream);
  return out;
}

bool TypeWanted(const EntityEntry& entry, const std::vector<std::string>& types) {
  if (types.empty()) return true;
  const std::string type = entry.type.empty() ? std::string(kTypeEntity) : entry.type;
  return std::find(types.begin(), types.end(), type) != types.end();
}

// "'NDRANGHETA ORGANIZATION" and "'FEDERAL STATE OF NOVOROSSIYA'": lists quote some names, or
// leave a quote open. A quote that encloses the whole name, or is the only one, is dropped; a
// quoted word inside a name ("'WOLF' HOLDING") stays.
std::string StripStrayQuotes(std::string name) {
  auto quote = [](char c) { return c == '\'' || c == '"'; };
  if (name.size() >= 2 && quote(name.front()) && name.back() == name.front()) {
    name = name.substr(1, name.size() - 2);
  } else if (!name.empty() && quote(name.front()) &&
             name.find(name.front(), 1) == std::string::npos) {
    name.erase(0, 1);
  } else if (!name.empty() && quote(name.back()) && name.find(name.back()) == name.size() - 1) {
    name.pop_back();
  }
  return name;
}

// Drops aliases that repeat the name or an earlier alias (strong ones first, then weak) and
// filler aliases; counts what it drops and keeps.
void DeduplicateAliases(EntityEntry* entry, ImportStats* stats) {
  entry->name = StripStrayQuotes(std::move(entry->name));
  for (std::string& alias : entry->aliases) alias = StripStrayQuotes(std::move(alias));
  for (std::string& alias : entry->weak_aliases) alias = StripStrayQuotes(std::move(alias));
  std::set<std::string> keys = {NormalizeName(entry->name)};
  auto keep = [&](std::vector<std::string>* aliases) {
    std::vector<std::string> kept;
    for (std::string& alias : *aliases) {
      // An acronym and a word with the same letters (NUDT vs Nudt) are different names.
      const std::string key =
          ShapeOf(alias) == NameShape::kAcronym ? "A:" + alias : NormalizeName(alias);
      // "UKRAINE" as an alias of a bank in Kiev (OFAC data): a country is nobody's name.
      if (key.empty() || IsFillerName(alias) || !internal::CountryCodeOf(alias).empty() ||
          !keys.insert(key).second) {
        ++stats->dropped_aliases;
        continue;
      }
      kept.push_back(std::move(alias));
    }
    *aliases = std::move(kept);
  };
  keep(&entry->aliases);
  keep(&entry->weak_aliases);
  stats->aliases += static_cast<int>(entry->aliases.size());
  stats->weak_aliases += static_cast<int>(entry->weak_aliases.size());
}

}  // namespace

Result<ImportInput> ReadImportInput(const std::filesystem::path& path) {
  const std::string name = path.filename().string();
  std::error_code error;
  if (std::filesystem::is_directory(path, error)) {
    return InvalidArgument(path.string() + ": is a directory; name the list's files");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return IoError(path.string() + ": cannot open for reading");
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (in.bad()) return IoError(path.string() + ": read failed");
  ImportInput input = MakeImportInput(name, bytes.str());
  if (input.bytes.size() >= 2 && static_cast<unsigned char>(input.bytes[0]) == 0x1f &&
      static_cast<unsigned char>(input.bytes[1]) == 0x8b) {
    Result<std::string> inflated = Gunzip(input.bytes, path.string());
    if (!inflated.ok()) return inflated.status();
    input.bytes = std::move(inflated).value();
    if (input.name.size() > 3 && input.name.substr(input.name.size() - 3) == ".gz") {
      input.name.resize(input.name.size() - 3);
    }
  }
  return input;
}

ImportInput MakeImportInput(std::string name, std::string bytes) {
  ImportInput input;
  input.sha256 = digest::Sha256Hex(bytes);
  input.name = std::move(name);
  input.bytes = std::move(bytes);
  return input;
}

const std::vector<std::string>& ImportFormats() {
  static const std::vector<std::string> kFormats = {"csl", "ofsi", "ofac", "un", "aspi"};
  return kFormats;
}

Result<ImportedList> ImportList(const std::vector<ImportInput>& inputs,
                                const ImportOptions& options, ImportStats* stats) {
  ImportStats local;
  ImportStats& counts = stats != nullptr ? *stats : local;
  counts = ImportStats();
  if (inputs.empty()) return InvalidArgument("lists import: no input file");
  for (const std::string& type : options.types) {
    if (type != kTypeEntity && type != kTypeIndividual && type != kTypeVessel &&
        type != kTypeAircraft) {
      return InvalidArgument("lists import: unknown type '" + type +
                             "' (entity, individual, vessel, aircraft)");
    }
  }
  if (!options.published.empty() && internal::IsoDate(options.published) != options.published) {
    return InvalidArgument("lists import: --published '" + options.published +
                           "' is not a date (YYYY-MM-DD)");
  }
  Result<ImportedList> converted = InvalidArgument("");
  if (options.format == "csl") {
    converted = internal::ConvertCsl(inputs, options, &counts);
  } else if (options.format == "ofsi") {
    converted = internal::ConvertOfsi(inputs, options, &counts);
  } else if (options.format == "ofac") {
    converted = internal::ConvertOfac(inputs, options, &counts);
  } else if (options.format == "un") {
    converted = internal::ConvertUn(inputs, options, &counts);
  } else if (options.format == "aspi") {
    converted = internal::ConvertAspi(inputs, options, &counts);
  } else {
    return InvalidArgument("unknown list format '" + options.format +
                           "' (supported: csl, ofsi, ofac, un, aspi)");
  }
  if (!converted.ok()) return converted.status();
  ImportedList list = std::move(converted).value();

  // Rows with the same id describe one entry (a source may repeat a row, or list one entry's
  // names on several rows): their names and addresses are merged into the first.
  std::vector<EntityEntry> kept;
  std::map<std::string, std::size_t> by_id;
  for (EntityEntry& entry : list.entries) {
    if (!TypeWanted(entry, options.types)) {
      ++counts.dropped_types;
      continue;
    }
    auto [it, inserted] = by_id.emplace(entry.id, kept.size());
    if (inserted) {
      kept.push_back(std::move(entry));
      continue;
    }
    ++counts.merged_rows;
    EntityEntry& first = kept[it->second];
    if (entry.name != first.name) first.aliases.push_back(entry.name);
    for (std::string& alias : entry.aliases) first.aliases.push_back(std::move(alias));
    for (std::string& alias : entry.weak_aliases) first.weak_aliases.push_back(std::move(alias));
    if (!entry.address.empty() && first.address.find(entry.address) == std::string::npos) {
      first.address += (first.address.empty() ? "" : "; ") + entry.address;
    }
  }
  for (EntityEntry& entry : kept) DeduplicateAliases(&entry, &counts);
  list.entries = std::move(kept);
  if (list.entries.empty()) {
    return InvalidArgument(inputs[0].name + ": no entries" +
                           (options.source.empty() ? "" : " with source '" + options.source + "'") +
                           (options.types.empty() ? "" : " of the types asked for"));
  }
  std::sort(list.entries.begin(), list.entries.end(),
            [](const EntityEntry& a, const EntityEntry& b) {
              return a.name != b.name ? a.name < b.name : a.id < b.id;
            });
  counts.entries = static_cast<int>(list.entries.size());

  ListMetadata& metadata = list.metadata;
  if (!options.published.empty()) metadata.published = options.published;
  if (metadata.published.empty()) {
    return InvalidArgument(inputs[0].name +
                           ": the input states no publication date; give it with --published "
                           "YYYY-MM-DD (the date the list was downloaded or published)");
  }
  metadata.format = options.format;
  metadata.command = options.command;
  metadata.source.clear();
  metadata.source_sha256.clear();
  for (const ImportInput& input : inputs) {
    metadata.source += (metadata.source.empty() ? "" : "; ") + input.name;
    metadata.source_sha256 += (metadata.source_sha256.empty() ? "" : "; ") + input.sha256;
  }
  return list;
}

}  // namespace trustscreen::lists
