// Entity lists: organisations (and persons) of concern as data, one CSV file per list.
//
// Where it sits: rules of `kind: entity-list` name a list file (rules/README.md); LoadRules reads
// it with ReadEntityListFile and the rules compiler turns every name and alias into a pattern
// (name_pattern.h). `lists import` writes the same format (import.h).
//
// Format (UTF-8, RFC 4180, see csv.h). Optional metadata lines come first, each "# key: value"
// (keys: title, publisher, published, source, source_sha256, format, command; others are kept
// but not interpreted), then exactly this header:
//   id,name,aliases,list,reference,country,address,start_date,notes,type,weak_aliases,category
// (files of format version 1 end the header at `notes` and have no metadata). `id` and `name` are
// required; `aliases` and `weak_aliases` are separated by '|'; `type` is entity, individual,
// vessel, aircraft or empty (not stated); the other fields are free text. `id` is unique within a
// file.
//
// Errors: kParseError / kInvalidArgument "FILE:LINE: what is wrong"; kNotFound, kIoError for files.
// Thread-safety: free functions without shared state; an EntityList is a plain value.
#ifndef TRUSTSCREEN_LISTS_ENTITY_LIST_H_
#define TRUSTSCREEN_LISTS_ENTITY_LIST_H_

#include <filesystem>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "trustscreen/core/status.h"

namespace trustscreen::lists {

inline constexpr std::string_view kEntityListHeader =
    "id,name,aliases,list,reference,country,address,start_date,notes,type,weak_aliases,category";
// The header of format version 1 (no type, weak aliases or category), still read.
inline constexpr std::string_view kEntityListHeaderV1 =
    "id,name,aliases,list,reference,country,address,start_date,notes";

// Entry types as list files write them.
inline constexpr std::string_view kTypeEntity = "entity";
inline constexpr std::string_view kTypeIndividual = "individual";
inline constexpr std::string_view kTypeVessel = "vessel";
inline constexpr std::string_view kTypeAircraft = "aircraft";

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
  std::string type;  // kTypeEntity, kTypeIndividual, kTypeVessel, kTypeAircraft or empty
  // Aliases the source marks as weak or low quality (OFAC "weak aka", UN and OFSI "Low"): the
  // matcher accepts them only as exact words with supporting context.
  std::vector<std::string> weak_aliases;
  std::string category;  // the source's grouping, e.g. ASPI's "Seven sons of national defence"
  int line = 0;          // 1-based line of the record in its file (0 when built in code)
};

// What a list file says of its source (the "# key: value" lines), written by `lists import`.
struct ListMetadata {
  std::string title;          // "UK OFSI Consolidated List of Financial Sanctions Targets"
  std::string publisher;      // "HM Treasury, Office of Financial Sanctions Implementation"
  std::string published;      // YYYY-MM-DD: when the source was published or last updated
  std::string source;         // the input file name(s), ';'-separated
  std::string source_sha256;  // SHA-256 of each input's bytes as read, ';'-separated, in order
  std::string format;         // the import format (csl, ofsi, ofac, un, aspi)
  std::string command;        // the command that refreshes the file
  std::vector<std::pair<std::string, std::string>> other;  // keys not named above, in order
  bool empty() const { return title.empty() && published.empty() && source.empty(); }
};

struct EntityList {
  std::string path;  // as given to ReadEntityListFile, for messages
  std::string sha256;
  ListMetadata metadata;
  std::vector<EntityEntry> entries;
};

// Parses the text of an entity list (metadata and entries); `display_path` names it in messages.
Result<EntityList> ParseEntityListText(std::string_view text, const std::string& display_path);

// The entries only (ParseEntityListText without the metadata).
Result<std::vector<EntityEntry>> ParseEntityList(std::string_view text,
                                                 const std::string& display_path);

// Reads and parses one file; EntityList::sha256 is the digest of its bytes.
Result<EntityList> ReadEntityListFile(const std::filesystem::path& path);

// Writes metadata (its non-empty fields), header and entries (in the given order) in the format
// above. Newlines are written as "\n" whatever the platform, so the bytes depend only on the
// arguments.
void WriteEntityList(const ListMetadata& metadata, const std::vector<EntityEntry>& entries,
                     std::ostream& out);
void WriteEntityList(const std::vector<EntityEntry>& entries, std::ostream& out);

}  // namespace trustscreen::lists

#endif  // TRUSTSCREEN_LISTS_ENTITY_LIST_H_
