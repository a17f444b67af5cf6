// Entity-list matching rules applied around RE2 matches (internal to the match library).
//
// Patterns generated from entity lists find names; these guards decide which occurrences count
// and describe them (rules/README.md, "Entity lists"):
//   * follow-on guard: "Tianjin University" followed by " of Technology" is another institution,
//     so a name followed by "of" and a capitalised word is dropped (a longer listed name that
//     covers the whole phrase is matched by its own pattern and wins as the longest overlap);
//   * acronyms (HIT, BUAA, NUDT…) count only with affiliation context within 30 words on either
//     side (University, Institute, College, Academy, Laboratory, 大学, 学院, 研究所, .edu.cn) or
//     the entry's full name anywhere in the text (case sensitivity is in the pattern itself);
//   * generic names ("Ministry of Defence", listed for Burma) count only with one of the entry's
//     country names within 30 words ("Myanmar Ministry of Defence");
//   * findings of several entity-list rules on overlapping spans merge into one.
#ifndef TRUSTSCREEN_MATCH_ENTITY_MATCH_H_
#define TRUSTSCREEN_MATCH_ENTITY_MATCH_H_

#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

#include "compiled_rules_internal.h"
#include "trustscreen/core/finding.h"

namespace trustscreen::match {

// Per pattern and text: whether the entry's full name occurs anywhere (searched at most once).
struct EntityContextCache {
  std::optional<bool> primary_found;
};

// False if the occurrence [begin, end) of an entity-list pattern must be dropped. `cache` belongs
// to one pattern and one text.
bool AcceptEntityOccurrence(const rules::CompiledPattern& pattern, std::string_view text,
                            std::size_t begin, std::size_t end, EntityContextCache* cache);

// True if `matched` (a possible affiliate, without its legal form) is one of the entry's own names
// once normalised: then it is the listed entry, which its name pattern reports.
bool IsListedNameOf(const rules::CompiledPattern& pattern, const rules::Rule& rule,
                    std::string_view matched);

// What an entity-list pattern matched: list, entry and the name or alias.
EntityHit DescribeEntity(const rules::CompiledPattern& pattern, const rules::Rule& rule);

// One finding per overlapping cluster of entity-list findings from different rules: the longest
// span wins, then the higher severity, then the earlier finding; the others are named in the
// winner's EntityHit::also_listed_in. Other findings are left alone. Keeps document order.
void MergeEntityFindings(std::vector<Finding>* findings);

}  // namespace trustscreen::match

#endif  // TRUSTSCREEN_MATCH_ENTITY_MATCH_H_
