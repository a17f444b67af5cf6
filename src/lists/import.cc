#include "trustscreen/lists/import.h"

#include <algorithm>
#include <array>
#include <iterator>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "trustscreen/core/utf8.h"
#include "trustscreen/lists/csv.h"
#include "trustscreen/lists/name_pattern.h"

namespace trustscreen::lists {
namespace {

// Windows-1252 bytes 0x80-0x9F and the code points they decode to (0 = undefined in 1252).
constexpr std::array<char32_t, 32> kCp1252High = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

// The Windows-1252 byte that decodes to `c`, or -1.
int Cp1252Byte(char32_t c) {
  if (c >= 0xA0 && c <= 0xFF) return static_cast<int>(c);
  if (c >= 0x80 && c <= 0x9F) return static_cast<int>(c);  // C1 controls: bytes 1252 leaves open
  for (std::size_t i = 0; i < kCp1252High.size(); ++i) {
    if (kCp1252High[i] == c && c != 0) return static_cast<int>(0x80 + i);
  }
  return -1;
}

std::string CleanText(std::string_view raw, int* repaired) {
  std::string text = RepairMojibake(raw);
  if (repaired != nullptr && text != raw) ++*repaired;
  // Typographic quotes -> ASCII (names are compared on keys anyway; this keeps the CSV plain).
  static const std::array<std::pair<std::string_view, std::string_view>, 4> kQuotes = {{
      {"\xE2\x80\x99", "'"},
      {"\xE2\x80\x98", "'"},
      {"\xE2\x80\x9C", "\""},
      {"\xE2\x80\x9D", "\""},
  }};
  for (const auto& [from, to] : kQuotes) {
    for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at)) {
      text.replace(at, from.size(), to);
      at += to.size();
    }
  }
  std::string collapsed;
  bool space = false;
  for (char c : text) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = !collapsed.empty();
      continue;
    }
    if (space) collapsed += ' ';
    space = false;
    collapsed += c;
  }
  return collapsed;
}

std::vector<std::string> SplitOn(std::string_view text, char separator) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find(separator, start);
    if (end == std::string_view::npos) end = text.size();
    parts.emplace_back(text.substr(start, end - start));
    start = end + 1;
  }
  return parts;
}

std::string Trim(std::string_view text) {
  const std::size_t first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) return "";
  const std::size_t last = text.find_last_not_of(" \t");
  return std::string(text.substr(first, last - first + 1));
}

std::string Countries(std::string_view addresses) {
  std::vector<std::string> codes;
  for (const std::string& address : SplitOn(addresses, ';')) {
    const std::size_t comma = address.rfind(',');
    const std::string last = Trim(comma == std::string::npos ? address : address.substr(comma + 1));
    if (last.size() == 2 && std::isupper(static_cast<unsigned char>(last[0])) &&
        std::isupper(static_cast<unsigned char>(last[1])) &&
        std::find(codes.begin(), codes.end(), last) == codes.end()) {
      codes.push_back(last);
    }
  }
  std::string joined;
  for (const std::string& code : codes) joined += (joined.empty() ? "" : "|") + code;
  return joined;
}

}  // namespace

std::string RepairMojibake(std::string_view text) {
  // Fast path: every mojibake sequence starts with a code point from U+00C2..U+00F4 (encoded as
  // C3 82..C3 B4), so text without a C3 byte is left alone.
  if (text.find('\xC3') == std::string_view::npos) return std::string(text);
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t length = 1;
    const char32_t lead = DecodeUtf8At(text, i, &length);
    const int lead_byte = Cp1252Byte(lead);
    int needed = 0;
    if (lead_byte >= 0xC2 && lead_byte <= 0xDF) needed = 1;
    if (lead_byte >= 0xE0 && lead_byte <= 0xEF) needed = 2;
    if (lead_byte >= 0xF0 && lead_byte <= 0xF4) needed = 3;
    if (needed > 0) {
      std::string bytes(1, static_cast<char>(lead_byte));
      std::size_t j = i + length;
      for (int k = 0; k < needed && j < text.size(); ++k) {
        std::size_t next_length = 1;
        const int byte = Cp1252Byte(DecodeUtf8At(text, j, &next_length));
        if (byte < 0x80 || byte > 0xBF) break;
        bytes += static_cast<char>(byte);
        j += next_length;
      }
      std::size_t decoded_length = 0;
      if (static_cast<int>(bytes.size()) == needed + 1 &&
          DecodeUtf8At(bytes, 0, &decoded_length) != 0xFFFD && decoded_length == bytes.size()) {
        out += bytes;
        i = j;
        continue;
      }
    }
    out.append(text.substr(i, length));
    i += length;
  }
  return out;
}

Result<std::vector<EntityEntry>> ConvertCsl(std::string_view text, const ImportOptions& options,
                                            ImportStats* stats) {
  ImportStats local;
  ImportStats& counts = stats != nullptr ? *stats : local;
  counts = ImportStats();
  if (options.format != "csl") {
    return InvalidArgument("unknown list format '" + options.format + "' (supported: csl)");
  }
  Result<std::vector<CsvRecord>> records = ReadCsv(text, options.display_name);
  if (!records.ok()) return records.status();
  if (records->empty()) return InvalidArgument(options.display_name + ": empty input");
  std::map<std::string, std::size_t> column;
  const std::vector<std::string>& header = (*records)[0].fields;
  for (std::size_t i = 0; i < header.size(); ++i) column.emplace(header[i], i);
  for (const char* required : {"_id", "name", "source"}) {
    if (column.count(required) == 0) {
      return InvalidArgument(options.display_name + ":1: missing column '" + required +
                             "' (is this a Consolidated Screening List CSV?)");
    }
  }
  auto field = [&](const CsvRecord& record, const char* name) -> std::string {
    auto it = column.find(name);
    if (it == column.end() || it->second >= record.fields.size()) return "";
    return CleanText(record.fields[it->second], &counts.repaired);
  };

  std::vector<EntityEntry> entries;
  for (std::size_t r = 1; r < records->size(); ++r) {
    const CsvRecord& record = (*records)[r];
    ++counts.rows;
    EntityEntry entry;
    entry.list = field(record, "source");
    if (!options.source.empty() && entry.list != options.source) continue;
    entry.id = field(record, "_id");
    std::string name = field(record, "name");
    if (entry.id.empty() || name.empty()) {
      return InvalidArgument(options.display_name + ":" + std::to_string(record.line) +
                             ": row without " + (entry.id.empty() ? "_id" : "name"));
    }
    std::vector<std::string> candidates;
    std::string bare;
    std::string acronym;
    if (SplitTrailingAcronym(name, &bare, &acronym)) {
      name = bare;
      candidates.push_back(acronym);
    }
    entry.name = name;
    for (const std::string& part : SplitOn(field(record, "alt_names"), ';')) {
      std::string alias = Trim(part);
      if (alias.rfind("and ", 0) == 0) alias = Trim(alias.substr(4));
      std::replace(alias.begin(), alias.end(), '|', '/');
      if (alias.empty()) continue;
      if (SplitTrailingAcronym(alias, &bare, &acronym)) {
        candidates.push_back(bare);
        candidates.push_back(acronym);
      } else {
        candidates.push_back(alias);
      }
    }
    std::set<std::string> keys = {NormalizeName(entry.name)};
    for (std::string& alias : candidates) {
      const std::string key = NormalizeName(alias);
      // An acronym and a word with the same letters (NUDT vs Nudt) are different names.
      const std::string unique = ShapeOf(alias) == NameShape::kAcronym ? "A:" + alias : key;
      if (IsFillerName(alias) || !keys.insert(unique).second) {
        ++counts.dropped_aliases;
        continue;
      }
      entry.aliases.push_back(std::move(alias));
    }
    entry.reference = field(record, "federal_register_notice");
    entry.address = field(record, "addresses");
    entry.country = Countries(entry.address);
    entry.start_date = field(record, "start_date");
    const std::string requirement = field(record, "license_requirement");
    const std::string policy = field(record, "license_policy");
    if (!requirement.empty()) entry.notes = "licence requirement: " + requirement;
    if (!policy.empty()) {
      entry.notes += (entry.notes.empty() ? "" : "; ") + std::string("licence policy: ") + policy;
    }
    if (entry.notes.empty()) {
      const std::string type = field(record, "type");
      const std::string programs = field(record, "programs");
      if (!type.empty()) entry.notes = "type: " + type;
      if (!programs.empty()) {
        entry.notes += std::string(entry.notes.empty() ? "" : "; ") + "programs: " + programs;
      }
    }
    entry.line = record.line;
    counts.aliases += static_cast<int>(entry.aliases.size());
    entries.push_back(std::move(entry));
  }
  if (entries.empty()) {
    return InvalidArgument(options.display_name + ": no rows" +
                           (options.source.empty() ? "" : " with source '" + options.source + "'"));
  }
  std::sort(entries.begin(), entries.end(), [](const EntityEntry& a, const EntityEntry& b) {
    return a.name != b.name ? a.name < b.name : a.id < b.id;
  });
  std::set<std::string> ids;
  for (const EntityEntry& entry : entries) {
    if (!ids.insert(entry.id).second) {
      // CSL ids are unique; a repeated id would make our file unreadable, so refuse it here.
      return InvalidArgument(options.display_name + ":" + std::to_string(entry.line) +
                             ": duplicate _id '" + entry.id + "'");
    }
  }
  counts.entries = static_cast<int>(entries.size());
  return entries;
}

Status ImportCsl(std::istream& in, const ImportOptions& options, std::ostream& out,
                 ImportStats* stats) {
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (in.bad()) return IoError(options.display_name + ": read failed");
  Result<std::vector<EntityEntry>> entries = ConvertCsl(bytes.str(), options, stats);
  if (!entries.ok()) return entries.status();
  WriteEntityList(*entries, out);
  if (!out) return IoError("writing the entity list failed");
  return Status::Ok();
}

}  // namespace trustscreen::lists
