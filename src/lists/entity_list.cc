#include "trustscreen/lists/entity_list.h"

#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <system_error>
#include <vector>

#include "trustscreen/digest/sha256.h"
#include "trustscreen/lists/csv.h"

namespace trustscreen::lists {
namespace {

constexpr int kColumns = 9;

std::vector<std::string> SplitAliases(const std::string& field) {
  std::vector<std::string> aliases;
  std::size_t start = 0;
  while (start <= field.size()) {
    std::size_t bar = field.find('|', start);
    if (bar == std::string::npos) bar = field.size();
    std::string alias = field.substr(start, bar - start);
    const std::size_t first = alias.find_first_not_of(" \t");
    const std::size_t last = alias.find_last_not_of(" \t");
    if (first != std::string::npos) aliases.push_back(alias.substr(first, last - first + 1));
    start = bar + 1;
  }
  return aliases;
}

}  // namespace

Result<std::vector<EntityEntry>> ParseEntityList(std::string_view text,
                                                 const std::string& display_path) {
  Result<std::vector<CsvRecord>> records = ReadCsv(text, display_path);
  if (!records.ok()) return records.status();
  auto error = [&](int line, const std::string& what) {
    return InvalidArgument(display_path + ":" + std::to_string(line) + ": " + what);
  };
  if (records->empty())
    return error(1, "empty file; expected the header " + std::string(kEntityListHeader));
  std::string header;
  for (const std::string& field : (*records)[0].fields) {
    header += (header.empty() ? "" : ",") + field;
  }
  if (header != kEntityListHeader) {
    return error(
        1, "unexpected header '" + header + "' (expected " + std::string(kEntityListHeader) + ")");
  }
  std::vector<EntityEntry> entries;
  std::set<std::string> ids;
  for (std::size_t r = 1; r < records->size(); ++r) {
    const CsvRecord& record = (*records)[r];
    if (record.fields.size() != kColumns) {
      return error(record.line, "expected " + std::to_string(kColumns) + " fields, got " +
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
    entry.line = record.line;
    if (entry.id.empty()) return error(record.line, "missing id");
    if (entry.name.find_first_not_of(" \t") == std::string::npos) {
      return error(record.line, "entry '" + entry.id + "': missing name");
    }
    if (!ids.insert(entry.id).second) {
      return error(record.line, "duplicate id '" + entry.id + "'");
    }
    entries.push_back(std::move(entry));
  }
  return entries;
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
  Result<std::vector<EntityEntry>> entries = ParseEntityList(text, display);
  if (!entries.ok()) return entries.status();
  EntityList list;
  list.path = display;
  list.sha256 = digest::Sha256Hex(text);
  list.entries = std::move(entries).value();
  return list;
}

void WriteEntityList(const std::vector<EntityEntry>& entries, std::ostream& out) {
  out << kEntityListHeader << '\n';
  for (const EntityEntry& entry : entries) {
    std::string aliases;
    for (const std::string& alias : entry.aliases) {
      aliases += (aliases.empty() ? "" : "|") + alias;
    }
    WriteCsvRecord({entry.id, entry.name, aliases, entry.list, entry.reference, entry.country,
                    entry.address, entry.start_date, entry.notes},
                   out);
  }
}

}  // namespace trustscreen::lists
