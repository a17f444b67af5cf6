// The US Consolidated Screening List CSV (importers.h): columns _id, source, entity_number, type,
// programs, name, title, addresses, federal_register_notice, start_date, end_date,
// standard_order, license_requirement, license_policy, …, alt_names, …; only the columns named
// here are read, found by header name.
//
// Per row: a trailing "(ACRONYM)" of the name becomes an alias; alt_names split on ';' with a
// leading "and " dropped; country from the trailing two-letter code of each address; reference
// from federal_register_notice; notes from the licence requirement and policy (or the CSL type
// and programs); type from the `type` column (Entity, Individual, Vessel, Aircraft). The CSL
// states no publication date: ImportOptions::published gives it.

#include <algorithm>
#include <cctype>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "csv.h"
#include "importers.h"
#include "trustscreen/lists/name_pattern.h"

namespace trustscreen::lists::internal {
namespace {

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

// The CSL `type` column -> our entry type; "" when absent (the BIS lists do not state it).
std::string EntryType(std::string_view type) {
  std::string lower(type);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lower == "entity") return std::string(kTypeEntity);
  if (lower == "individual") return std::string(kTypeIndividual);
  if (lower == "vessel") return std::string(kTypeVessel);
  if (lower == "aircraft") return std::string(kTypeAircraft);
  return "";
}

// "Specially Designated Nationals (SDN) - Treasury Department" -> "SDN"; the whole name when it
// has no parenthesised abbreviation.
std::string ListAbbreviation(const std::string& source) {
  const std::size_t open = source.find('(');
  const std::size_t close = source.find(')', open == std::string::npos ? 0 : open);
  if (open == std::string::npos || close == std::string::npos) return source;
  return source.substr(open + 1, close - open - 1);
}

}  // namespace

Result<ImportedList> ConvertCsl(const std::vector<ImportInput>& inputs,
                                const ImportOptions& options, ImportStats* stats) {
  ImportStats& counts = *stats;
  if (inputs.size() != 1) {
    return InvalidArgument("csl: expected one input file (the CSL CSV), got " +
                           std::to_string(inputs.size()));
  }
  const std::string& display_name = inputs[0].name;
  Result<std::vector<CsvRecord>> records = ReadCsv(inputs[0].bytes, display_name);
  if (!records.ok()) return records.status();
  if (records->empty()) return InvalidArgument(display_name + ": empty input");
  std::map<std::string, std::size_t> column;
  const std::vector<std::string>& header = (*records)[0].fields;
  for (std::size_t i = 0; i < header.size(); ++i) column.emplace(header[i], i);
  for (const char* required : {"_id", "name", "source"}) {
    if (column.count(required) == 0) {
      return InvalidArgument(display_name + ":1: missing column '" + required +
                             "' (is this a Consolidated Screening List CSV?)");
    }
  }
  auto field = [&](const CsvRecord& record, const char* name) -> std::string {
    auto it = column.find(name);
    if (it == column.end() || it->second >= record.fields.size()) return "";
    return CleanText(record.fields[it->second], &counts.repaired);
  };

  ImportedList list;
  list.metadata.title = "US Consolidated Screening List";
  list.metadata.publisher =
      "International Trade Administration (US Departments of Commerce, State and the Treasury)";
  if (!options.source.empty()) list.metadata.title += ": " + options.source;
  for (std::size_t r = 1; r < records->size(); ++r) {
    const CsvRecord& record = (*records)[r];
    ++counts.rows;
    EntityEntry entry;
    entry.list = field(record, "source");
    if (!options.source.empty() && entry.list != options.source) continue;
    entry.id = field(record, "_id");
    std::string name = field(record, "name");
    if (entry.id.empty() || name.empty()) {
      return InvalidArgument(display_name + ":" + std::to_string(record.line) + ": row without " +
                             (entry.id.empty() ? "_id" : "name"));
    }
    // Treasury rows use the entry number as _id, and an entry on two Treasury lists (SDN and
    // CAP) has the same _id in both: one file of every list qualifies ids by their list.
    if (options.source.empty()) entry.id += "@" + ListAbbreviation(entry.list);
    entry.name = name;
    std::string bare;
    std::string acronym;
    if (SplitTrailingAcronym(name, &bare, &acronym)) {
      entry.name = bare;
      entry.aliases.push_back(acronym);
    }
    for (const std::string& part : SplitOn(field(record, "alt_names"), ';')) {
      std::string alias = Trim(part);
      if (alias.rfind("and ", 0) == 0) alias = Trim(alias.substr(4));
      AddAlias(std::move(alias), &entry);
    }
    entry.type = EntryType(field(record, "type"));
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
    list.entries.push_back(std::move(entry));
  }
  return list;
}

}  // namespace trustscreen::lists::internal
