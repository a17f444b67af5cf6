// The UK OFSI Consolidated List of Financial Sanctions Targets, "2022 format" (importers.h), as
// the XLSX workbook or its CSV export: row 1 "Last Updated,DD/MM/YYYY", row 2 the header (Name 6,
// Name 1..Name 5, Title, Name Non-Latin Script, …, Address 1..6, Post/Zip Code, Country, Other
// Information, Group Type, Alias Type, Alias Quality, Regime, Listed On, …, Group ID), then one
// row per name of a target. Columns are found by header name; only those named here are read.
//
// The rows of one Group ID are one entry. Its name is that of its "Primary name" row (the first
// row's if none is marked): Name 6 for entities and ships, "Name 1 … Name 5 Name 6" (forenames,
// then the family name) for individuals. The other rows' names are aliases, weak for "Alias
// Quality: Low quality". Every "Name Non-Latin Script" is an alias as written (a low-quality row's
// is weak: it is the same nickname in another script, "Север" for SEVER); an individual's
// "SURNAME, Forenames" form also gives "Forenames SURNAME", the order running text uses.
// Rows repeat a name once per address or date of birth: the repeats are merged here and by
// ImportList's alias deduplication.
//
// Also read: "(UK Sanctions List Ref):RUS0256" from Other Information and the regime(s) for the
// reference; ISO codes of the Country column; the address lines; the earliest "Listed On" as the
// start date; the regime(s) as the category. The Statement of Reasons in Other Information is not
// copied: it is long prose, and the reference leads to it.
//
// Dates: the CSV shows DD/MM/YYYY; an XLSX cell may hold an Excel date serial instead, which the
// XLSX reader (or, for a cell without a date format, this converter) turns into the same text,
// so that both files give the same entries.

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "country_codes.h"
#include "csv.h"
#include "importers.h"
#include "trustscreen/core/strings.h"
#include "trustscreen/lists/name_pattern.h"
#include "xlsx_sheet.h"

namespace trustscreen::lists::internal {
namespace {

constexpr std::string_view kListName = "UK OFSI Consolidated List";

// The sheet as rows of text with the line (CSV) or row number (XLSX) each starts at.
struct Table {
  std::vector<std::vector<std::string>> rows;
  std::vector<int> lines;
};

bool IsBlank(const std::vector<std::string>& row) {
  return std::all_of(row.begin(), row.end(),
                     [](const std::string& field) { return Trim(field).empty(); });
}

Result<Table> ReadTable(const ImportInput& input) {
  Table table;
  if (LooksLikeZip(input.bytes)) {
    Result<XlsxRows> rows = ReadFirstXlsxSheet(input.bytes, input.name);
    if (!rows.ok()) return rows.status();
    for (std::size_t i = 0; i < rows->size(); ++i) {
      // Blank rows are skipped, as the CSV reader skips empty lines.
      if (IsBlank((*rows)[i])) continue;
      table.rows.push_back(std::move((*rows)[i]));
      table.lines.push_back(static_cast<int>(i + 1));
    }
    return table;
  }
  Result<std::vector<CsvRecord>> records = ReadCsv(input.bytes, input.name);
  if (!records.ok()) return records.status();
  for (CsvRecord& record : *records) {
    if (IsBlank(record.fields)) continue;
    table.rows.push_back(std::move(record.fields));
    table.lines.push_back(record.line);
  }
  return table;
}

// "10/04/2025", an ISO date or an Excel date serial -> "2025-04-10"; "" if `text` is none of
// these (callers report that) or names no real day.
std::string OfsiDate(std::string_view text) {
  const std::string trimmed = Trim(text);
  std::string iso = IsoDate(trimmed);
  if (iso.empty()) iso = IsoDate(XlsxSerialToDate(trimmed));
  if (iso.empty()) return "";
  const int month = std::stoi(iso.substr(5, 2));
  const int day = std::stoi(iso.substr(8, 2));
  if (month < 1 || month > 12 || day < 1 || day > 31) return "";
  return iso;
}

// The Group Type column -> our entry type; "" for a type this converter does not know.
std::string EntryType(std::string_view group_type) {
  const std::string lower = AsciiLower(Trim(group_type));
  if (lower == "individual") return std::string(kTypeIndividual);
  if (lower == "entity") return std::string(kTypeEntity);
  if (lower == "ship" || lower == "vessel") return std::string(kTypeVessel);
  if (lower == "aircraft") return std::string(kTypeAircraft);
  return "";
}

// "(UK Sanctions List Ref):RUS0256. (UK Statement of Reasons):…" -> "RUS0256"; "" if absent.
// The reference ends at a space or '('; a trailing '.' (the sentence's) is not part of it.
std::string UkSanctionsListRef(std::string_view other_information) {
  constexpr std::string_view kLabel = "(UK Sanctions List Ref):";
  const std::size_t at = other_information.find(kLabel);
  if (at == std::string_view::npos) return "";
  std::size_t start = at + kLabel.size();
  while (start < other_information.size() && other_information[start] == ' ') ++start;
  std::size_t end = start;
  while (end < other_information.size() && other_information[end] != ' ' &&
         other_information[end] != '(') {
    ++end;
  }
  std::string ref(other_information.substr(start, end - start));
  while (!ref.empty() && ref.back() == '.') ref.pop_back();
  return ref;
}

// The ISO code of a Country cell: "Russia" -> "RU"; a trailing remark in parentheses is tried
// without ("Iraq (previous address)" -> "IQ") when the whole is not a known name, since some
// names carry meaningful parentheses ("Congo (Democratic Republic)").
std::string CountryCode(const std::string& country) {
  std::string code = CountryCodeOf(country);
  const std::size_t open = country.find(" (");
  if (code.empty() && open != std::string::npos) code = CountryCodeOf(country.substr(0, open));
  return code;
}

void AppendDistinct(std::string value, std::vector<std::string>* values) {
  if (!value.empty() && std::find(values->begin(), values->end(), value) == values->end()) {
    values->push_back(std::move(value));
  }
}

// "АЛЕШКЕВИЧ, Александр Михайлович" -> "Александр Михайлович АЛЕШКЕВИЧ"; "" unless `name` is
// one family name, one comma and forenames.
std::string ForenamesFirst(const std::string& name) {
  const std::size_t comma = name.find(',');
  if (comma == std::string::npos || name.find(',', comma + 1) != std::string::npos) return "";
  const std::string family = Trim(name.substr(0, comma));
  const std::string forenames = Trim(name.substr(comma + 1));
  if (family.empty() || forenames.empty()) return "";
  return forenames + " " + family;
}

// Column positions by header name; -1 for a column the file lacks.
class Columns {
 public:
  explicit Columns(const std::vector<std::string>& header) {
    for (std::size_t i = 0; i < header.size(); ++i) {
      by_name_.emplace(Trim(header[i]), static_cast<int>(i));
    }
  }
  int operator[](std::string_view name) const {
    auto it = by_name_.find(std::string(name));
    return it == by_name_.end() ? -1 : it->second;
  }

 private:
  std::map<std::string, int> by_name_;
};

class Converter {
 public:
  Converter(const std::string& name, const Table& table, const Columns& columns, int* repaired)
      : name_(name), table_(table), columns_(columns), repaired_(repaired) {}

  // A cleaned field of data row `row`; "" when the column is absent or the row is short.
  std::string Field(std::size_t row, std::string_view column) const {
    const int at = columns_[column];
    const std::vector<std::string>& fields = table_.rows[row];
    if (at < 0 || static_cast<std::size_t>(at) >= fields.size()) return "";
    return CleanText(fields[static_cast<std::size_t>(at)], repaired_);
  }

  // The row's name: Name 6 for entities and ships (Name 1..5 if Name 6 is empty), forenames then
  // family name for individuals.
  std::string NameOf(std::size_t row, bool individual) const {
    std::vector<std::string> parts;
    for (const char* column : {"Name 1", "Name 2", "Name 3", "Name 4", "Name 5"}) {
      AppendPart(Field(row, column), &parts);
    }
    const std::string family = Field(row, "Name 6");
    if (!individual && !family.empty()) return family;
    AppendPart(family, &parts);
    return Join(parts, " ");
  }

  std::string Where(std::size_t row) const {
    return name_ + ":" + std::to_string(table_.lines[row]);
  }

  // One entry from the rows of one Group ID (`rows` in file order).
  Result<EntityEntry> Entry(const std::string& id, const std::vector<std::size_t>& rows) const {
    EntityEntry entry;
    entry.id = id;
    entry.list = std::string(kListName);
    entry.line = table_.lines[rows.front()];
    for (std::size_t row : rows) {
      entry.type = EntryType(Field(row, "Group Type"));
      if (!entry.type.empty()) break;
    }
    const bool individual = entry.type == kTypeIndividual;

    std::vector<std::string> names;
    names.reserve(rows.size());
    std::size_t primary = rows.size();
    for (std::size_t i = 0; i < rows.size(); ++i) {
      names.push_back(NameOf(rows[i], individual));
      if (primary == rows.size() && !names.back().empty() &&
          AsciiLower(Trim(Field(rows[i], "Alias Type"))) == "primary name") {
        primary = i;
      }
    }
    for (std::size_t i = 0; i < rows.size() && primary == rows.size(); ++i) {
      if (!names[i].empty()) primary = i;
    }
    if (primary == rows.size()) {
      return ParseError(Where(rows.front()) + ": Group ID " + id + " has no name in any row");
    }
    std::string name = names[primary];
    std::replace(name.begin(), name.end(), '|', '/');
    std::string bare;
    std::string acronym;
    if (SplitTrailingAcronym(name, &bare, &acronym)) {
      entry.name = bare;
      entry.aliases.push_back(acronym);
    } else {
      entry.name = name;
    }

    std::vector<std::string> refs;
    std::vector<std::string> regimes;
    std::vector<std::string> codes;
    std::vector<std::string> addresses;
    EntityEntry weak;  // AddAlias fills `aliases`; these become entry.weak_aliases
    for (std::size_t i = 0; i < rows.size(); ++i) {
      const std::size_t row = rows[i];
      const bool low = AsciiLower(Trim(Field(row, "Alias Quality"))) == "low quality";
      EntityEntry* aliases = low ? &weak : &entry;
      if (i != primary && names[i] != names[primary]) AddAlias(names[i], aliases);
      const std::string script = Field(row, "Name Non-Latin Script");
      if (!script.empty()) {
        AddAlias(script, aliases);
        if (individual) AddAlias(ForenamesFirst(script), aliases);
      }
      AppendDistinct(UkSanctionsListRef(Field(row, "Other Information")), &refs);
      AppendDistinct(Field(row, "Regime"), &regimes);
      const std::string country = Field(row, "Country");
      AppendDistinct(CountryCode(country), &codes);
      std::vector<std::string> lines;
      for (const char* column : {"Address 1", "Address 2", "Address 3", "Address 4", "Address 5",
                                 "Address 6", "Post/Zip Code"}) {
        AppendPart(Field(row, column), &lines);
      }
      AppendPart(country, &lines);
      AppendDistinct(Join(lines, ", "), &addresses);
      const std::string listed_on = Field(row, "Listed On");
      if (!listed_on.empty()) {
        const std::string date = OfsiDate(listed_on);
        if (date.empty()) {
          return ParseError(Where(row) + ": 'Listed On' is not a date (DD/MM/YYYY): '" + listed_on +
                            "'");
        }
        if (entry.start_date.empty() || date < entry.start_date) entry.start_date = date;
      }
    }
    entry.weak_aliases = std::move(weak.aliases);
    // Regimes sorted: a target under several is listed in whatever row order the file has.
    std::sort(regimes.begin(), regimes.end());
    std::vector<std::string> reference = refs;
    reference.insert(reference.end(), regimes.begin(), regimes.end());
    entry.reference = Join(reference, "; ");
    entry.category = Join(regimes, "; ");
    if (!regimes.empty()) entry.notes = "regime: " + entry.category;
    entry.country = Join(codes, "|");
    entry.address = Join(addresses, "; ");
    return entry;
  }

 private:
  static void AppendPart(std::string part, std::vector<std::string>* parts) {
    if (!part.empty()) parts->push_back(std::move(part));
  }

  const std::string& name_;
  const Table& table_;
  const Columns& columns_;
  int* repaired_;
};

}  // namespace

Result<ImportedList> ConvertOfsi(const std::vector<ImportInput>& inputs, const ImportOptions&,
                                 ImportStats* stats) {
  ImportStats& counts = *stats;
  if (inputs.size() != 1) {
    return InvalidArgument(
        "ofsi: expected one input file (the Consolidated List as XLSX or CSV), got " +
        std::to_string(inputs.size()));
  }
  const std::string& name = inputs[0].name;
  Result<Table> read = ReadTable(inputs[0]);
  if (!read.ok()) return read.status();
  const Table& table = *read;
  if (table.rows.empty()) return InvalidArgument(name + ": empty input");

  ImportedList list;
  list.metadata.title = "UK OFSI Consolidated List of Financial Sanctions Targets";
  list.metadata.publisher = "HM Treasury, Office of Financial Sanctions Implementation (OFSI)";
  std::size_t header_row = 0;
  const std::vector<std::string>& first = table.rows[0];
  if (!first.empty() && Trim(first[0]) == "Last Updated") {
    const std::string stated = first.size() > 1 ? Trim(first[1]) : "";
    list.metadata.published = OfsiDate(stated);
    if (list.metadata.published.empty()) {
      return ParseError(name + ":" + std::to_string(table.lines[0]) +
                        ": 'Last Updated' is not a date (DD/MM/YYYY): '" + stated + "'");
    }
    header_row = 1;
  }
  if (header_row >= table.rows.size()) return InvalidArgument(name + ": no header row");
  const Columns columns(table.rows[header_row]);
  for (const char* required : {"Group ID", "Name 6"}) {
    if (columns[required] < 0) {
      return InvalidArgument(name + ":" + std::to_string(table.lines[header_row]) +
                             ": missing column '" + required +
                             "' (is this the OFSI Consolidated List in its 2022 format?)");
    }
  }

  const Converter converter(name, table, columns, &counts.repaired);
  std::vector<std::string> order;
  std::map<std::string, std::vector<std::size_t>> groups;
  for (std::size_t row = header_row + 1; row < table.rows.size(); ++row) {
    ++counts.rows;
    std::string id = converter.Field(row, "Group ID");
    if (id.empty()) return ParseError(converter.Where(row) + ": row without a Group ID");
    auto [it, inserted] = groups.try_emplace(id);
    if (inserted) order.push_back(std::move(id));
    it->second.push_back(row);
  }
  list.entries.reserve(order.size());
  for (const std::string& id : order) {
    Result<EntityEntry> entry = converter.Entry(id, groups[id]);
    if (!entry.ok()) return entry.status();
    list.entries.push_back(std::move(entry).value());
  }
  return list;
}

}  // namespace trustscreen::lists::internal
