// `lists import`: official restricted-party list exports -> trustscreen entity-list files
// (entity_list.h).
//
// Where it sits: run by hand (or by a scheduled job) when a list is updated; the output goes under
// rules/partners/lists/ and is named by an `entity-list` rule. The CLI's `lists import` command is
// a thin wrapper around ImportList.
//
// Formats (ImportOptions::format), one converter each:
//   csl   US Consolidated Screening List CSV (trade.gov): every source list in one file; `source`
//         keeps one of them. Columns found by header name.
//   ofsi  UK OFSI Consolidated List of Financial Sanctions Targets, "2022 format", as the XLSX
//         workbook or its CSV export (first row "Last Updated,DD/MM/YYYY", then the header): one
//         row per name, grouped into entries by Group ID; "Name Non-Latin Script" names become
//         aliases; "Alias Quality: Low quality" aliases are weak.
//   ofac  OFAC's legacy CSV files: sdn.csv (or cons_prim.csv) with, when given, alt.csv, add.csv
//         and sdn_comments.csv (cons_alt.csv, cons_add.csv, cons_comments.csv), merged by entry
//         number; "weak" aliases (alt remarks) are weak.
//   un    UN Security Council Consolidated List XML: individuals and entities, aliases with
//         quality "Low" weak.
//   aspi  ASPI China Defence Universities Tracker as the MISP galaxy JSON: English and Chinese
//         names, aliases, category; descriptive text is not imported.
// Inputs may be gzip-compressed (ReadImportInput inflates them).
//
// What every import does: text cleaned (mojibake from a UTF-8 -> Windows-1252 -> UTF-8 round trip
// repaired, typographic quotes to ASCII, whitespace collapsed and trimmed); aliases whose
// normalised key equals the name's or an earlier alias's dropped, filler aliases ("and", "Ltd",
// two-letter strings) dropped; a '|' inside a name becomes '/'; rows of one id merged into one
// entry; entries of types not in `types` dropped; entries sorted by name (bytes), then id; metadata
// recorded (title, publisher, publication date, input names and SHA-256s, format). The same inputs
// and options give the same bytes.
//
// Errors: kParseError "NAME:LINE: …" for malformed input, kInvalidArgument for a missing required
// column or element, an unknown format, a missing publication date, or no entry left.
//
// Thread-safety: pure functions of their arguments.
#ifndef TRUSTSCREEN_LISTS_IMPORT_H_
#define TRUSTSCREEN_LISTS_IMPORT_H_

#include <filesystem>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "trustscreen/core/status.h"
#include "trustscreen/lists/entity_list.h"

namespace trustscreen::lists {

// One input file: its name (for messages and the metadata) and its bytes (inflated if it was
// gzip-compressed).
struct ImportInput {
  std::string name;
  std::string bytes;
  std::string sha256;  // of the file's bytes as read (before inflating)
};

// Reads a file; a gzip file (magic 1f 8b) is inflated. Errors name the file.
Result<ImportInput> ReadImportInput(const std::filesystem::path& path);

// An input made in memory (tests): the name and the bytes; sha256 is computed.
ImportInput MakeImportInput(std::string name, std::string bytes);

struct ImportOptions {
  std::string format = "csl";  // csl, ofsi, ofac, un, aspi
  // csl: keep only rows whose `source` column equals this (e.g. "Entity List (EL) - Bureau of
  // Industry and Security"); empty keeps every row.
  std::string source;
  // Keep only entries of these types (kTypeEntity, …); empty keeps all. An entry whose source
  // does not state its type is kept unless `types` is given and lacks "entity".
  std::vector<std::string> types;
  // YYYY-MM-DD publication date; required when the input does not state one (csl, ofac), and
  // overrides the input's own date otherwise.
  std::string published;
  // The command that refreshes the output, recorded in the metadata (may be empty).
  std::string command;
};

struct ImportStats {
  int rows = 0;             // records read (CSV rows, XML entries, JSON values)
  int entries = 0;          // entries written
  int aliases = 0;          // aliases written
  int weak_aliases = 0;     // weak aliases written
  int repaired = 0;         // fields whose mojibake was repaired
  int dropped_aliases = 0;  // duplicates of the name or of another alias, and fillers
  int dropped_types = 0;    // entries dropped for their type
  int merged_rows = 0;      // rows merged into an earlier row of the same id
};

struct ImportedList {
  ListMetadata metadata;
  std::vector<EntityEntry> entries;
};

// The formats ImportList accepts, for usage messages.
const std::vector<std::string>& ImportFormats();

// Converts `inputs` (see the formats above for which files each takes) into a list.
Result<ImportedList> ImportList(const std::vector<ImportInput>& inputs,
                                const ImportOptions& options, ImportStats* stats = nullptr);

// Repairs text that was UTF-8, decoded as Windows-1252 and encoded as UTF-8 again ("â€™" ->
// "’", "Ã©" -> "é"); text without such sequences is returned unchanged.
std::string RepairMojibake(std::string_view text);

}  // namespace trustscreen::lists

#endif  // TRUSTSCREEN_LISTS_IMPORT_H_
