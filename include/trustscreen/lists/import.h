// `lists import`: restricted-party list exports -> trustscreen entity-list CSV (entity_list.h).
//
// Where it sits: run by hand (or by a scheduled job) when a list is updated; the output goes
// under rules/partners/lists/ and is named by an `entity-list` rule. The CLI's `lists import`
// command is a thin wrapper around ImportCsl.
//
// Supported format: the US Consolidated Screening List CSV (api.trade.gov / trade.gov download):
// columns _id, source, entity_number, type, programs, name, title, addresses,
// federal_register_notice, start_date, end_date, standard_order, license_requirement,
// license_policy, …, alt_names, …; only the columns named here are read, found by header name.
//
// What the import does with each row:
//   * text: mojibake from a UTF-8 -> Windows-1252 -> UTF-8 round trip is repaired ("â€™" -> "’");
//     typographic quotes become ASCII; whitespace runs collapse; leading/trailing space is trimmed;
//   * name: a trailing "(ACRONYM)" becomes an alias ("… Technology (NUDT)");
//   * aliases: alt_names split on ';' with a leading "and " dropped ("A; and B" -> A, B); aliases
//     whose normalised key equals the name's or an earlier alias's are dropped; '|' inside an
//     alias becomes '/' (it separates aliases in our format);
//   * country: the trailing two-letter code of each address ("…, Harbin, CN"), distinct, in
//     order, '|'-separated;
//   * reference: federal_register_notice; notes: licence requirement and policy (and, for lists
//     without them, the CSL type and programs).
// Output is deterministic: entries sorted by name (bytes), then id; the same input gives the same
// bytes.
//
// Errors: kParseError "NAME:LINE: …" for malformed CSV, kInvalidArgument for a missing required
// column (`_id`, `name`, `source`), an unknown format, or no row left after filtering.
//
// Thread-safety: pure functions of their arguments.
#ifndef TRUSTSCREEN_LISTS_IMPORT_H_
#define TRUSTSCREEN_LISTS_IMPORT_H_

#include <istream>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "trustscreen/core/status.h"
#include "trustscreen/lists/entity_list.h"

namespace trustscreen::lists {

struct ImportOptions {
  std::string format = "csl";  // only "csl" is supported
  // Keep only rows whose `source` column equals this (e.g. "Entity List (EL) - Bureau of
  // Industry and Security"); empty keeps every row.
  std::string source;
  std::string display_name = "<input>";  // names the input in messages
};

struct ImportStats {
  int rows = 0;             // data rows read
  int entries = 0;          // entries written (rows that passed the source filter)
  int aliases = 0;          // aliases written
  int repaired = 0;         // fields whose mojibake was repaired
  int dropped_aliases = 0;  // duplicates of the name or of another alias
};

// The CSL rows of `text` as entries, sorted as described above.
Result<std::vector<EntityEntry>> ConvertCsl(std::string_view text, const ImportOptions& options,
                                            ImportStats* stats = nullptr);

// Reads all of `in`, converts it and writes the entity-list CSV to `out`.
Status ImportCsl(std::istream& in, const ImportOptions& options, std::ostream& out,
                 ImportStats* stats = nullptr);

// Repairs text that was UTF-8, decoded as Windows-1252 and encoded as UTF-8 again ("â€™" ->
// "’", "Ã©" -> "é"); text without such sequences is returned unchanged.
std::string RepairMojibake(std::string_view text);

}  // namespace trustscreen::lists

#endif  // TRUSTSCREEN_LISTS_IMPORT_H_
