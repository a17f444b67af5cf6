// Entity lists: organisations (and persons) of concern as data, one CSV file per list.
//
// Where it sits: rules of `kind: entity-list` name a list file (rules/README.md); LoadRules reads
// it with ReadEntityListFile and the rules compiler turns every name and alias into a pattern
// (name_pattern.h). `lists import` writes the same format (import.h).
//
// Format (UTF-8, RFC 4180, see csv.h), with exactly this header:
//   id,name,aliases,list,reference,country,address,start_date,notes
// `id` and `name` are required; `aliases` are separated by '|'; the other fields are free text.
// `id` is unique within a file.
//
// Errors: kParseError / kInvalidArgument "FILE:LINE: what is wrong"; kNotFound, kIoError for files.
// Thread-safety: free functions without shared state; an EntityList is a plain value.
#ifndef TRUSTSCREEN_LISTS_ENTITY_LIST_H_
#define TRUSTSCREEN_LISTS_ENTITY_LIST_H_

#include <filesystem>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "trustscreen/core/status.h"

namespace trustscreen::lists {

inline constexpr std::string_view kEntityListHeader =
    "id,name,aliases,list,reference,country,address,start_date,notes";

struct EntityEntry {
  std::string id;
  std::string name;
  std::vector<std::string> aliases;
  std::string list;       // e.g. "Entity List (EL) - Bureau of Industry and Security"
  std::string reference;  // e.g. Federal Register citation
  std::string country;    // ISO 3166 alpha-2 codes, '|'-separated when several
  std::string address;
  std::string start_date;
  std::string notes;
  int line = 0;  // 1-based line of the record in its file (0 when built in code)
};

struct EntityList {
  std::string path;  // as given to ReadEntityListFile, for messages
  std::string sha256;
  std::vector<EntityEntry> entries;
};

// Parses the CSV text of an entity list; `display_path` names it in messages.
Result<std::vector<EntityEntry>> ParseEntityList(std::string_view text,
                                                 const std::string& display_path);

// Reads and parses one file; EntityList::sha256 is the digest of its bytes.
Result<EntityList> ReadEntityListFile(const std::filesystem::path& path);

// Writes header and entries (in the given order) in the format above. Newlines are written as
// "\n" whatever the platform, so the bytes depend only on the entries.
void WriteEntityList(const std::vector<EntityEntry>& entries, std::ostream& out);

}  // namespace trustscreen::lists

#endif  // TRUSTSCREEN_LISTS_ENTITY_LIST_H_
