// OFAC's legacy CSV files (importers.h), as published for the SDN list (sdn.csv, alt.csv,
// add.csv, sdn_comments.csv) and the Consolidated non-SDN list (cons_prim.csv, cons_alt.csv,
// cons_add.csv, cons_comments.csv). OFAC's data specification (dat_spec.txt): no header row;
// records end with CR LF; "-0-" (written "-0- ", unquoted) is null; the files end with a DOS
// end-of-file byte (0x1A), which is dropped here. Columns:
//   primary   ent_num, SDN_Name, SDN_Type, Program, Title, Call_Sign, Vess_type, Tonnage, GRT,
//             Vess_flag, Vess_owner, Remarks (at most 1000 characters)        12 fields
//   alias     ent_num, alt_num, alt_type (aka, fka, nka), alt_name, alt_remarks  5 fields
//   address   ent_num, add_num, address, city/state/postal code, country, add_remarks  6 fields
//   comments  ent_num, the rest of a Remarks that did not fit in 1000 characters  2 fields
//
// Inputs are told apart by their field count, since users rename downloads; a file without any
// record falls back to its name ("alt", "add", "comments", else primary). Exactly one primary file
// is required, the others are optional, at most one of each kind. They are merged by ent_num; rows
// of the other files whose ent_num is not in the primary file (e.g. a newer alt.csv with an older
// sdn.csv) are skipped and counted in the metadata key `skipped_rows`. A comments row continues
// the Remarks byte for byte (the cut falls mid-word), so it is appended only to a Remarks that
// is at the 1000-character limit; one for a shorter Remarks belongs to a different version of
// the entry and is skipped too.
//
// Per entry: id = ent_num; name = SDN_Name as listed; type from SDN_Type (-0- is an entity). For
// individuals OFAC writes "SURNAME, Given Names": the natural order "Given Names SURNAME" is
// added as an alias of the name and of each "SURNAME, Given" alias. Aliases: every alt.csv name
// (aka, fka and nka alike: former and new names identify the party too). Weak aliases: OFAC's FAQ
// on weak AKAs says the TXT and PDF lists quote them and the CSV files carry them in the Remarks
// field; in sdn.csv they are the quoted names after "a.k.a." / "f.k.a." / "n.k.a." in Remarks
// ("a.k.a. 'BNC'."), and the word "weak" appears nowhere. Category = the programs ("SDGT; IRGC"
// for OFAC's "SDGT] [IRGC"), reference = "OFAC program: …"; address and country from add.csv
// (country names -> ISO codes); notes = title, vessel details and Remarks without the weak
// aliases and, for individuals, without personal identifiers (dates and places of birth,
// gender, passport, ID and phone numbers), cut to about 300 characters at a "; " boundary. The
// legacy files state no publication date: ImportOptions::published gives it.

#include <algorithm>
#include <array>
#include <cctype>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "country_codes.h"
#include "csv.h"
#include "importers.h"
#include "trustscreen/core/strings.h"
#include "trustscreen/lists/name_pattern.h"

namespace trustscreen::lists::internal {
namespace {

constexpr std::string_view kSdnTitle = "OFAC Specially Designated Nationals (SDN) List";
constexpr std::string_view kConsolidatedTitle = "OFAC Consolidated (non-SDN) List";
constexpr std::string_view kPublisher =
    "US Department of the Treasury, Office of Foreign Assets Control (OFAC)";

// dat_spec.txt: Remarks holds at most this many characters; the comments file continues longer
// ones.
constexpr std::size_t kRemarksLimit = 1000;
constexpr std::size_t kNotesLimit = 300;

enum class Kind { kPrimary, kAlias, kAddress, kComments };

struct KindInfo {
  Kind kind;
  std::size_t fields;
  std::string_view label;
};

constexpr std::array<KindInfo, 4> kKinds = {{
    {Kind::kPrimary, 12, "primary (sdn.csv or cons_prim.csv)"},
    {Kind::kAlias, 5, "alias (alt.csv)"},
    {Kind::kAddress, 6, "address (add.csv)"},
    {Kind::kComments, 2, "comments (sdn_comments.csv)"},
}};

const KindInfo& InfoOf(Kind kind) {
  return *std::find_if(kKinds.begin(), kKinds.end(),
                       [kind](const KindInfo& info) { return info.kind == kind; });
}

bool StartsWith(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

// A file without records has no shape: its name decides.
Kind KindFromName(const std::string& name) {
  const std::string lower = AsciiLower(name);
  if (lower.find("alt") != std::string::npos) return Kind::kAlias;
  if (lower.find("add") != std::string::npos) return Kind::kAddress;
  if (lower.find("comment") != std::string::npos) return Kind::kComments;
  return Kind::kPrimary;
}

struct ParsedFile {
  const ImportInput* input = nullptr;
  Kind kind = Kind::kPrimary;
  std::vector<CsvRecord> records;
};

Result<ParsedFile> ParseFile(const ImportInput& input) {
  std::string_view text = input.bytes;
  // The DOS end-of-file byte OFAC appends would otherwise read as a last record of one field.
  while (!text.empty() && (text.back() == '\x1A' || text.back() == '\r' || text.back() == '\n')) {
    text.remove_suffix(1);
  }
  Result<std::vector<CsvRecord>> records = ReadCsv(text, input.name);
  if (!records.ok()) return records.status();
  ParsedFile file;
  file.input = &input;
  file.records = std::move(records).value();
  if (file.records.empty()) {
    file.kind = KindFromName(input.name);
    return file;
  }
  const CsvRecord& first = file.records.front();
  const auto info = std::find_if(kKinds.begin(), kKinds.end(), [&](const KindInfo& candidate) {
    return candidate.fields == first.fields.size();
  });
  if (info == kKinds.end()) {
    return ParseError(input.name + ":" + std::to_string(first.line) + ": " +
                      std::to_string(first.fields.size()) +
                      " fields, which is no OFAC legacy CSV file (sdn.csv has 12, alt.csv 5, "
                      "add.csv 6, sdn_comments.csv 2)");
  }
  file.kind = info->kind;
  for (const CsvRecord& record : file.records) {
    if (record.fields.size() != info->fields) {
      return ParseError(input.name + ":" + std::to_string(record.line) + ": " +
                        std::to_string(record.fields.size()) + " fields, expected " +
                        std::to_string(info->fields) + " as in the rest of this " +
                        std::string(info->label) + " file");
    }
    const std::string number = Trim(record.fields[0]);
    if (number.empty() || !std::all_of(number.begin(), number.end(), [](char c) {
          return std::isdigit(static_cast<unsigned char>(c)) != 0;
        })) {
      return ParseError(input.name + ":" + std::to_string(record.line) + ": ent_num '" +
                        record.fields[0] + "' is not a number");
    }
  }
  return file;
}

// "-0-" (OFAC's null, written "-0- ") -> "".
std::string_view Raw(const std::string& field) {
  std::string_view view = field;
  while (!view.empty() && view.back() == ' ') view.remove_suffix(1);
  while (!view.empty() && view.front() == ' ') view.remove_prefix(1);
  return view == "-0-" ? std::string_view() : std::string_view(field);
}

std::size_t CodePoints(std::string_view text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

// The ISO code of an add.csv country. OFAC writes some names its own way ("Bahamas, The",
// "Cote d Ivoire", "Region: Gaza") that the shared table does not know; "Region: Kafia Kingi"
// (disputed), "Region: Commonwealth of Independent States", "Netherlands Antilles" (no longer a
// code) and "undetermined" have no code and give "".
std::string OfacCountryCode(std::string_view name) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 9> kOfacNames = {{
      {"bahamas, the", "BS"},
      {"congo, republic of the", "CG"},
      {"cote d ivoire", "CI"},
      {"man, isle of", "IM"},
      {"north macedonia, the republic of", "MK"},
      {"palestinian", "PS"},
      {"region: gaza", "PS"},
      {"region: west bank", "PS"},
      {"region: northern mali", "ML"},
  }};
  const std::string lower = AsciiLower(Trim(name));
  for (const auto& [ofac, code] : kOfacNames) {
    if (lower == ofac) return std::string(code);
  }
  if (StartsWith(lower, "region: ")) return CountryCodeOf(lower.substr(8));
  return CountryCodeOf(name);
}

// "SURNAME, Given Names" -> "Given Names SURNAME"; "SURNAME, Given, Jr." -> "Given SURNAME Jr.";
// "" when the name is not written that way.
std::string NaturalOrder(const std::string& listed) {
  std::vector<std::string> parts;
  for (const std::string& part : SplitOn(listed, ',')) parts.push_back(Trim(part));
  if (std::any_of(parts.begin(), parts.end(), [](const std::string& p) { return p.empty(); })) {
    return "";
  }
  auto suffix = [](const std::string& part) {
    const std::string lower = AsciiLower(part);
    return lower == "jr." || lower == "jr" || lower == "sr." || lower == "sr" || lower == "ii" ||
           lower == "iii" || lower == "iv";
  };
  if (parts.size() == 2) return parts[1] + " " + parts[0];
  if (parts.size() == 3 && suffix(parts[2])) return parts[1] + " " + parts[0] + " " + parts[2];
  if (parts.size() == 3 && suffix(parts[1])) return parts[2] + " " + parts[0] + " " + parts[1];
  return "";
}

// OFAC's "SDGT] [IRGC" (the brackets of the TXT list, between programs) -> "SDGT; IRGC".
std::string Programs(std::string_view program) {
  std::string joined;
  for (std::string part : SplitOn(program, ']')) {
    part = Trim(part);
    if (!part.empty() && part.front() == '[') part = Trim(part.substr(1));
    if (!part.empty()) joined += (joined.empty() ? "" : "; ") + part;
  }
  return joined;
}

// Remarks parts about a person's papers are left out of an individual's notes (notes are shown
// in reports; screening needs the name, not the person's identifiers): parts starting with these
// words, and any other part holding a digit (an ID, passport, phone or tax number under one of
// dozens of national names: "Cedula No.", "C.U.R.P.", "NIT #"), unless it starts with one of the
// sanctions phrases below.
constexpr std::array<std::string_view, 6> kPersonalParts = {
    "dob", "pob", "gender", "passport", "diplomatic passport", "email"};
constexpr std::array<std::string_view, 9> kSanctionsParts = {"linked to",
                                                             "additional sanctions information",
                                                             "secondary sanctions risk",
                                                             "transactions prohibited",
                                                             "executive order",
                                                             "caatsa",
                                                             "listing date",
                                                             "effective date",
                                                             "ifca determination"};

bool IsPersonalPart(std::string_view part) {
  std::string lower = AsciiLower(part);
  if (StartsWith(lower, "alt. ")) lower.erase(0, 5);
  auto starts = [&](std::string_view prefix) { return StartsWith(lower, prefix); };
  if (std::any_of(kPersonalParts.begin(), kPersonalParts.end(), starts)) return true;
  const bool digit = std::any_of(lower.begin(), lower.end(), [](char c) {
    return std::isdigit(static_cast<unsigned char>(c));
  });
  return digit && std::none_of(kSanctionsParts.begin(), kSanctionsParts.end(), starts);
}

bool IsAliasPart(std::string_view part) {
  const std::string lower = AsciiLower(part.substr(0, 7));
  return lower == "a.k.a. " || lower == "f.k.a. " || lower == "n.k.a. ";
}

// The quoted names after "a.k.a." / "f.k.a." / "n.k.a." in Remarks. Names hold apostrophes
// ("ABU-'UMAR", "AL-WARD, 'Abd") and OFAC sometimes doubles the quotes ("''FOOPIE''"), so a name
// ends at a quote followed by ';', ')' or a final '.', not at the next quote.
std::vector<std::string> RemarkAliases(std::string_view remarks) {
  std::vector<std::string> aliases;
  std::size_t at = 0;
  while (at < remarks.size()) {
    std::size_t found = std::string_view::npos;
    for (std::string_view marker : {"a.k.a. ", "f.k.a. ", "n.k.a. "}) {
      found = std::min(found, remarks.find(marker, at));
    }
    if (found == std::string_view::npos) break;
    std::size_t start = found + 7;
    at = start;
    if (start >= remarks.size() || (remarks[start] != '\'' && remarks[start] != '"')) continue;
    const char quote = remarks[start];
    ++start;
    std::size_t end = start;
    for (; end < remarks.size(); ++end) {
      if (remarks[end] != quote) continue;
      const std::string_view after = remarks.substr(end + 1);
      if (after.empty() || after[0] == ';' || after[0] == ')' ||
          (after[0] == '.' && (after.size() == 1 || after[1] == ' ' || after[1] == ';'))) {
        break;
      }
    }
    std::string alias(remarks.substr(start, end - start));
    at = end;
    // Doubled quotes ("''FOOPIE''") and an unbalanced last one ("'EL PATRON''").
    while (alias.size() >= 2 && alias.front() == quote && alias.back() == quote) {
      alias = alias.substr(1, alias.size() - 2);
    }
    if (!alias.empty() && alias.back() == quote &&
        std::count(alias.begin(), alias.end(), quote) == 1) {
      alias.pop_back();
    }
    alias = Trim(alias);
    if (!alias.empty()) aliases.push_back(std::move(alias));
  }
  return aliases;
}

// Whole parts of `parts` joined with "; " up to about kNotesLimit characters; a first part that
// is longer is cut at a word.
std::string Shorten(const std::vector<std::string>& parts) {
  std::string notes;
  for (const std::string& part : parts) {
    const std::size_t added = (notes.empty() ? 0 : 2) + part.size();
    if (notes.size() + added <= kNotesLimit) {
      notes += (notes.empty() ? "" : "; ") + part;
      continue;
    }
    if (notes.empty()) {
      std::size_t cut = part.rfind(' ', kNotesLimit - 4);
      if (cut == std::string::npos || cut == 0) cut = kNotesLimit - 4;
      notes = part.substr(0, cut) + " ...";
    } else {
      notes += "; ...";
    }
    break;
  }
  return notes;
}

// Appends an alias as it is: a natural-order name ends with the surname, which AddAlias would
// take for an acronym ("Jose Francisco ANGULO OROBIO (SEGUNDO)"), and weak aliases go to their
// own list.
void AddPlainAlias(std::string alias, std::vector<std::string>* aliases) {
  std::replace(alias.begin(), alias.end(), '|', '/');
  alias = Trim(alias);
  if (!alias.empty()) aliases->push_back(std::move(alias));
}

struct Pending {
  EntityEntry entry;
  std::string remarks;  // raw, comments appended
  std::vector<std::string> notes_head;
  std::vector<std::string> addresses;
  std::vector<std::string> countries;
};

}  // namespace

Result<ImportedList> ConvertOfac(const std::vector<ImportInput>& inputs, const ImportOptions&,
                                 ImportStats* stats) {
  ImportStats& counts = *stats;
  std::map<Kind, ParsedFile> files;
  for (const ImportInput& input : inputs) {
    Result<ParsedFile> file = ParseFile(input);
    if (!file.ok()) return file.status();
    const Kind kind = file->kind;
    auto [it, inserted] = files.emplace(kind, std::move(file).value());
    if (!inserted) {
      return InvalidArgument("ofac: " + it->second.input->name + " and " + input.name +
                             " are both " + std::string(InfoOf(kind).label) +
                             " files; give one file of each kind");
    }
  }
  auto primary_it = files.find(Kind::kPrimary);
  if (primary_it == files.end()) {
    std::string names;
    for (const ImportInput& input : inputs) names += (names.empty() ? "" : ", ") + input.name;
    return InvalidArgument(
        "ofac: no primary file among " + names +
        " (sdn.csv or cons_prim.csv, 12 fields a row, is required; alt.csv, add.csv and "
        "sdn_comments.csv are optional)");
  }
  const ParsedFile& primary = primary_it->second;
  const bool consolidated = StartsWith(AsciiLower(primary.input->name), "cons");

  ImportedList list;
  list.metadata.title = std::string(consolidated ? kConsolidatedTitle : kSdnTitle);
  list.metadata.publisher = std::string(kPublisher);
  auto clean = [&](std::string_view raw) { return CleanText(raw, &counts.repaired); };

  std::vector<Pending> pending;
  std::map<std::string, std::size_t> by_number;
  for (const CsvRecord& record : primary.records) {
    ++counts.rows;
    const std::vector<std::string>& f = record.fields;
    Pending item;
    EntityEntry& entry = item.entry;
    entry.id = Trim(f[0]);
    entry.name = clean(Raw(f[1]));
    std::replace(entry.name.begin(), entry.name.end(), '|', '/');
    if (entry.name.empty()) {
      return ParseError(primary.input->name + ":" + std::to_string(record.line) + ": entry " +
                        entry.id + " has no SDN_Name");
    }
    const std::string type = AsciiLower(Trim(Raw(f[2])));
    if (type.empty()) {
      entry.type = std::string(kTypeEntity);
    } else if (type == kTypeIndividual || type == kTypeVessel || type == kTypeAircraft) {
      entry.type = type;
    } else {
      return ParseError(primary.input->name + ":" + std::to_string(record.line) + ": SDN_Type '" +
                        f[2] + "' is not individual, vessel, aircraft or -0- (entity)");
    }
    if (!by_number.emplace(entry.id, pending.size()).second) {
      return ParseError(primary.input->name + ":" + std::to_string(record.line) + ": ent_num " +
                        entry.id + " appears twice");
    }
    entry.list = list.metadata.title;
    entry.category = Programs(clean(Raw(f[3])));
    if (!entry.category.empty()) {
      entry.reference =
          std::string(entry.category.find(';') == std::string::npos ? "OFAC program: "
                                                                    : "OFAC programs: ") +
          entry.category;
    }
    entry.line = record.line;
    if (entry.type == kTypeIndividual) {
      AddPlainAlias(NaturalOrder(entry.name), &entry.aliases);
    } else {
      std::string bare;
      std::string acronym;
      if (SplitTrailingAcronym(entry.name, &bare, &acronym)) AddAlias(entry.name, &entry);
    }
    const std::string title = clean(Raw(f[4]));
    if (!title.empty()) item.notes_head.push_back("title: " + title);
    std::vector<std::string> vessel;
    constexpr std::array<std::pair<std::size_t, std::string_view>, 6> kVessel = {{
        {6, "type "},
        {9, "flag "},
        {5, "call sign "},
        {7, "tonnage "},
        {8, "GRT "},
        {10, "owner "},
    }};
    for (const auto& [column, label] : kVessel) {
      const std::string value = clean(Raw(f[column]));
      if (!value.empty()) vessel.push_back(std::string(label) + value);
    }
    if (!vessel.empty()) {
      std::string joined;
      for (const std::string& part : vessel) joined += (joined.empty() ? "" : ", ") + part;
      item.notes_head.push_back("vessel: " + joined);
    }
    item.remarks = std::string(Raw(f[11]));
    pending.push_back(std::move(item));
  }

  std::map<std::string, int> skipped;  // by file name
  auto target = [&](const ParsedFile& file, const CsvRecord& record) -> Pending* {
    ++counts.rows;
    auto it = by_number.find(Trim(record.fields[0]));
    if (it == by_number.end()) {
      ++skipped[file.input->name];
      return nullptr;
    }
    return &pending[it->second];
  };
  if (auto it = files.find(Kind::kComments); it != files.end()) {
    for (const CsvRecord& record : it->second.records) {
      Pending* item = target(it->second, record);
      if (item == nullptr) continue;
      if (CodePoints(item->remarks) < kRemarksLimit) {
        ++skipped[it->second.input->name];
        continue;
      }
      item->remarks += record.fields[1];
    }
  }
  if (auto it = files.find(Kind::kAlias); it != files.end()) {
    for (const CsvRecord& record : it->second.records) {
      Pending* item = target(it->second, record);
      if (item == nullptr) continue;
      const std::string alias = clean(Raw(record.fields[3]));
      AddAlias(alias, &item->entry);
      if (item->entry.type == kTypeIndividual) {
        AddPlainAlias(NaturalOrder(alias), &item->entry.aliases);
      }
    }
  }
  if (auto it = files.find(Kind::kAddress); it != files.end()) {
    for (const CsvRecord& record : it->second.records) {
      Pending* item = target(it->second, record);
      if (item == nullptr) continue;
      std::string address;
      for (std::size_t column : {2, 3, 4}) {
        const std::string part = clean(Raw(record.fields[column]));
        if (!part.empty()) address += (address.empty() ? "" : ", ") + part;
      }
      if (!address.empty() && std::find(item->addresses.begin(), item->addresses.end(), address) ==
                                  item->addresses.end()) {
        item->addresses.push_back(address);
      }
      const std::string code = OfacCountryCode(clean(Raw(record.fields[4])));
      if (!code.empty() && std::find(item->countries.begin(), item->countries.end(), code) ==
                               item->countries.end()) {
        item->countries.push_back(code);
      }
    }
  }

  for (Pending& item : pending) {
    EntityEntry& entry = item.entry;
    const std::string remarks = clean(item.remarks);
    const bool individual = entry.type == kTypeIndividual;
    for (const std::string& alias : RemarkAliases(remarks)) {
      AddPlainAlias(alias, &entry.weak_aliases);
      if (individual) AddPlainAlias(NaturalOrder(alias), &entry.weak_aliases);
    }
    std::vector<std::string> notes = std::move(item.notes_head);
    for (std::string part : SplitOn(remarks, ';')) {
      part = Trim(part);
      if (part.empty() || IsAliasPart(part) || (individual && IsPersonalPart(part))) continue;
      notes.push_back(part);
    }
    entry.notes = Shorten(notes);
    for (const std::string& address : item.addresses) {
      entry.address += (entry.address.empty() ? "" : "; ") + address;
    }
    for (const std::string& code : item.countries) {
      entry.country += (entry.country.empty() ? "" : "|") + code;
    }
    list.entries.push_back(std::move(entry));
  }

  int skipped_total = 0;
  std::string skipped_detail;
  for (const auto& [name, count] : skipped) {
    skipped_total += count;
    skipped_detail += (skipped_detail.empty() ? "" : ", ") + name + " " + std::to_string(count);
  }
  if (skipped_total > 0) {
    list.metadata.other.emplace_back(
        "skipped_rows", std::to_string(skipped_total) + " (" + skipped_detail + "): entry not in " +
                            primary.input->name +
                            ", or a continuation of a Remarks that is not "
                            "cut at 1000 characters");
  }
  return list;
}

}  // namespace trustscreen::lists::internal
