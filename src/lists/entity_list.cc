#include "trustscreen/lists/entity_list.h"

#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <system_error>
#include <vector>

#include "csv.h"
#include "trustscreen/core/strings.h"
#include "trustscreen/digest/sha256.h"

namespace trustscreen::lists {
namespace {

constexpr std::size_t kColumns = 12;
constexpr std::size_t kColumnsV1 = 9;

std::vector<std::string> SplitAliases(const std::string& field) {
  std::vector<std::string> aliases;
  for (const std::string_view alias : SplitFields(field, '|')) {
    const std::size_t first = alias.find_first_not_of(" \t");
    const std::size_t last = alias.find_last_not_of(" \t");
    if (first != std::string_view::npos) {
      aliases.emplace_back(alias.substr(first, last - first + 1));
    }
  }
  return aliases;
}

}  // namespace

namespace {

// The "# key: value" lines at the start of `text`: fills `metadata` and returns the offset of the
// first other line; `lines` counts the lines consumed.
std::size_t ReadMetadata(std::string_view text, ListMetadata* metadata, int* lines) {
  std::size_t pos = 0;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") pos = 3;
  while (pos < text.size() && text[pos] == '#') {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos + 1, end - pos - 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    const std::size_t colon = line.find(':');
    if (colon != std::string_view::npos) {
      std::string key(line.substr(0, colon));
      std::string value(line.substr(colon + 1));
      auto trim = [](std::string& field) {
        const std::size_t first = field.find_first_not_of(" \t");
        const std::size_t last = field.find_last_not_of(" \t");
        field = first == std::string::npos ? "" : field.substr(first, last - first + 1);
      };
      trim(key);
      trim(value);
      if (key == "title") {
        metadata->title = value;
      } else if (key == "publisher") {
        metadata->publisher = value;
      } else if (key == "published") {
        metadata->published = value;
      } else if (key == "source") {
        metadata->source = value;
      } else if (key == "source_sha256") {
        metadata->source_sha256 = value;
      } else if (key == "format") {
        metadata->format = value;
      } else if (key == "command") {
        metadata->command = value;
      } else {
        metadata->other.emplace_back(std::move(key), std::move(value));
      }
    }
    ++*lines;
    pos = end == text.size() ? end : end + 1;
  }
  return pos;
}

}  // namespace

Result<EntityList> ParseEntityListText(std::string_view text, const std::string& display_path) {
  EntityList list;
  list.path = display_path;
  int metadata_lines = 0;
  const std::size_t body = ReadMetadata(text, &list.metadata, &metadata_lines);
  Result<std::vector<CsvRecord>> records = ReadCsv(text.substr(body), display_path);
  if (!records.ok()) return records.status();
  for (CsvRecord& record : *records) record.line += metadata_lines;
  auto error = [&](int line, const std::string& what) {
    return InvalidArgument(display_path + ":" + std::to_string(line) + ": " + what);
  };
  if (records->empty()) {
    return error(metadata_lines + 1,
                 "empty file; expected the header " + std::string(kEntityListHeader));
  }
  std::string header;
  for (const std::string& field : (*records)[0].fields) {
    header += (header.empty() ? "" : ",") + field;
  }
  std::size_t columns = 0;
  if (header == kEntityListHeader) columns = kColumns;
  if (header == kEntityListHeaderV1) columns = kColumnsV1;
  if (columns == 0) {
    return error((*records)[0].line, "unexpected header '" + header + "' (expected " +
                                         std::string(kEntityListHeader) + ")");
  }
  std::set<std::string> ids;
  for (std::size_t r = 1; r < records->size(); ++r) {
    const CsvRecord& record = (*records)[r];
    if (record.fields.size() != columns) {
      return error(record.line, "expected " + std::to_string(columns) + " fields, got " +
                                    std::to_string(record.fields.size()));
    }
    EntityEntry entry;
    entry.id = record.fields[0];
    entry.name = record.fields[1];
    entry.aliases = SplitAliases(record.fields[2]);
    entry.list = record.fields[3];
    entry.reference = record.fields[4];
    entry.country = record.fields[5];
    entry.address = record.fields[6];
    entry.start_date = record.fields[7];
    entry.notes = record.fields[8];
    if (columns == kColumns) {
      entry.type = record.fields[9];
      entry.weak_aliases = SplitAliases(record.fields[10]);
      entry.category = record.fields[11];
    }
    entry.line = record.line;
    if (entry.id.empty()) return error(record.line, "missing id");
    if (entry.name.find_first_not_of(" \t") == std::string::npos) {
      return error(record.line, "entry '" + entry.id + "': missing name");
    }
    if (!entry.type.empty() && entry.type != kTypeEntity && entry.type != kTypeIndividual &&
        entry.type != kTypeVessel && entry.type != kTypeAircraft) {
      return error(record.line, "entry '" + entry.id + "': unknown type '" + entry.type +
                                    "' (entity, individual, vessel, aircraft or empty)");
    }
    if (!ids.insert(entry.id).second) {
      return error(record.line, "duplicate id '" + entry.id + "'");
    }
    list.entries.push_back(std::move(entry));
  }
  return list;
}

Result<std::vector<EntityEntry>> ParseEntityList(std::string_view text,
                                                 const std::string& display_path) {
  Result<EntityList> list = ParseEntityListText(text, display_path);
  if (!list.ok()) return list.status();
  return std::move(list->entries);
}

Result<EntityList> ReadEntityListFile(const std::filesystem::path& path) {
  const std::string display = path.generic_string();
  std::error_code error;
  if (!std::filesystem::is_regular_file(path, error)) {
    return NotFound(display + ": entity list file does not exist");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return IoError(display + ": cannot open for reading");
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (in.bad()) return IoError(display + ": read failed");
  const std::string text = bytes.str();
  Result<EntityList> list = ParseEntityListText(text, display);
  if (!list.ok()) return list.status();
  list->sha256 = digest::Sha256Hex(text);
  return list;
}

void WriteEntityList(const ListMetadata& metadata, const std::vector<EntityEntry>& entries,
                     std::ostream& out) {
  auto line = [&](std::string_view key, const std::string& value) {
    if (!value.empty()) out << "# " << key << ": " << value << '\n';
  };
  line("title", metadata.title);
  line("publisher", metadata.publisher);
  line("published", metadata.published);
  line("source", metadata.source);
  line("source_sha256", metadata.source_sha256);
  line("format", metadata.format);
  line("command", metadata.command);
  for (const auto& [key, value] : metadata.other) line(key, value);
  out << kEntityListHeader << '\n';
  for (const EntityEntry& entry : entries) {
    WriteCsvRecord({entry.id, entry.name, Join(entry.aliases, "|"), entry.list, entry.reference,
                    entry.country, entry.address, entry.start_date, entry.notes, entry.type,
                    Join(entry.weak_aliases, "|"), entry.category},
                   out);
  }
}

void WriteEntityList(const std::vector<EntityEntry>& entries, std::ostream& out) {
  WriteEntityList(ListMetadata(), entries, out);
}

}  // namespace trustscreen::lists
