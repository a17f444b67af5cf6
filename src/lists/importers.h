// The per-format converters behind ImportList (import.h), and the text helpers they share.
//
// A converter reads its inputs and returns entries whose fields are cleaned (CleanText) but whose
// aliases are not yet deduplicated: ImportList drops aliases that repeat the name or an earlier
// alias and filler aliases, filters by type, sorts, checks ids and fills the metadata's source,
// hashes and format. A converter sets the metadata's title, publisher and, where its input states
// one, published date (YYYY-MM-DD), and counts ImportStats::rows and ::repaired.
//
// Internal to the lists module.
#ifndef TRUSTSCREEN_LISTS_IMPORTERS_H_
#define TRUSTSCREEN_LISTS_IMPORTERS_H_

#include <string>
#include <string_view>
#include <vector>

#include "trustscreen/core/status.h"
#include "trustscreen/lists/import.h"

namespace trustscreen::lists::internal {

Result<ImportedList> ConvertCsl(const std::vector<ImportInput>& inputs,
                                const ImportOptions& options, ImportStats* stats);
Result<ImportedList> ConvertOfsi(const std::vector<ImportInput>& inputs,
                                 const ImportOptions& options, ImportStats* stats);
Result<ImportedList> ConvertOfac(const std::vector<ImportInput>& inputs,
                                 const ImportOptions& options, ImportStats* stats);
Result<ImportedList> ConvertUn(const std::vector<ImportInput>& inputs, const ImportOptions& options,
                               ImportStats* stats);
Result<ImportedList> ConvertAspi(const std::vector<ImportInput>& inputs,
                                 const ImportOptions& options, ImportStats* stats);

// Mojibake repaired, typographic quotes -> ASCII, whitespace runs collapsed to one space,
// trimmed; counts a repair in *repaired (may be null).
std::string CleanText(std::string_view raw, int* repaired);

std::vector<std::string> SplitOn(std::string_view text, char separator);
std::string Trim(std::string_view text);

// "DD/MM/YYYY" -> "YYYY-MM-DD"; "YYYY-MM-DD…" (ISO, maybe with a time) -> its date; "" otherwise.
std::string IsoDate(std::string_view text);

// Appends `alias` to entry->aliases, splitting a trailing "(ACRONYM)" off as a second alias
// ("National University of Defense Technology (NUDT)"); '|' becomes '/'. Empty aliases are
// ignored. Deduplication happens later, in ImportList.
void AddAlias(std::string alias, EntityEntry* entry);

}  // namespace trustscreen::lists::internal

#endif  // TRUSTSCREEN_LISTS_IMPORTERS_H_
