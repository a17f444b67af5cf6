#include "entity_match.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "trustscreen/core/strings.h"
#include "trustscreen/lists/legal_forms.h"
#include "trustscreen/lists/name_pattern.h"

namespace trustscreen::match {
namespace {

// "30 words nearby": signature blocks and affiliation lines keep the institution's words close.
constexpr int kContextWords = 30;

// Case-sensitive: "University" in an affiliation line, not "university" in running prose. The
// company forms serve single-word company names ("Hikvision Digital Technology Co.").
constexpr std::array<std::string_view, 25> kAffiliationWords = {
    "University",  "UNIVERSITY", "Institute", "INSTITUTE", "College", "Academy", "Laboratory",
    "School of",   "大学",       "大學",      "学院",      "研究所",  "研究院",  ".edu.cn",
    "Ltd",         "LTD",        "Limited",   "LIMITED",   "Co.",     "CO.",     "Corporation",
    "CORPORATION", "JSC",        "GmbH",      "LLC"};

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

// Start of the window that holds `words` whitespace-separated words before `pos`.
std::size_t WindowStart(std::string_view text, std::size_t pos, int words) {
  while (pos > 0 && words >= 0) {
    while (pos > 0 && IsSpace(text[pos - 1])) --pos;
    while (pos > 0 && !IsSpace(text[pos - 1])) --pos;
    --words;
  }
  return pos;
}

std::size_t WindowEnd(std::string_view text, std::size_t pos, int words) {
  while (pos < text.size() && words >= 0) {
    while (pos < text.size() && IsSpace(text[pos])) ++pos;
    while (pos < text.size() && !IsSpace(text[pos])) ++pos;
    --words;
  }
  return pos;
}

// The entry's full name anywhere in the text (searched once per pattern and text).
bool HasPrimaryName(const rules::CompiledPattern& pattern, std::string_view text,
                    EntityContextCache* cache) {
  if (pattern.primary == nullptr || pattern.primary == pattern.lazy_regex.get()) return false;
  if (!cache->primary_found) {
    // A primary name that cannot compile is not found (its own matching reports the error).
    const re2::RE2& primary = pattern.primary->Get();
    cache->primary_found =
        primary.ok() && primary.Match(re2::StringPiece(text.data(), text.size()), 0, text.size(),
                                      re2::RE2::UNANCHORED, nullptr, 0);
  }
  return *cache->primary_found;
}

bool HasAffiliationContext(const rules::CompiledPattern& pattern, std::string_view text,
                           std::size_t begin, std::size_t end, EntityContextCache* cache) {
  if (!pattern.needs_primary) {
    const std::size_t from = WindowStart(text, begin, kContextWords);
    const std::size_t to = WindowEnd(text, end, kContextWords);
    const std::string_view window = text.substr(from, to - from);
    for (std::string_view word : kAffiliationWords) {
      if (window.find(word) != std::string_view::npos) return true;
    }
  }
  return HasPrimaryName(pattern, text, cache);
}

// " of Technology", "\nof Science": the listed name is the start of a longer name. Not so for
// " of Russia" when the entry is Russian ("FSB of Russia"): `countries` are the entry's country
// names (lower case).
bool IsFollowedByOfName(std::string_view text, std::size_t end,
                        const std::vector<std::string_view>& countries) {
  std::size_t pos = end;
  if (pos >= text.size() || !IsSpace(text[pos])) return false;
  while (pos < text.size() && IsSpace(text[pos])) ++pos;
  if (text.substr(pos, 2) != "of" && text.substr(pos, 2) != "OF") return false;
  pos += 2;
  if (pos >= text.size() || !IsSpace(text[pos])) return false;
  while (pos < text.size() && IsSpace(text[pos])) ++pos;
  if (pos >= text.size() || !std::isupper(static_cast<unsigned char>(text[pos]))) return false;
  std::size_t word_end = pos;
  while (word_end < text.size() && std::isalpha(static_cast<unsigned char>(text[word_end]))) {
    ++word_end;
  }
  const std::string word = AsciiLower(text.substr(pos, word_end - pos));
  return std::find(countries.begin(), countries.end(), word) == countries.end();
}

}  // namespace

namespace {

// One of the entry's country names (lower case) within kContextWords words of the match.
bool HasCountryContext(const std::vector<std::string_view>& country_names, std::string_view text,
                       std::size_t begin, std::size_t end) {
  const std::size_t from = WindowStart(text, begin, kContextWords);
  const std::size_t to = WindowEnd(text, end, kContextWords);
  const std::string window = AsciiLower(text.substr(from, to - from));
  auto letter = [](char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; };
  for (std::string_view name : country_names) {
    for (std::size_t at = window.find(name); at != std::string::npos;
         at = window.find(name, at + 1)) {
      const std::size_t after = at + name.size();
      if ((at == 0 || !letter(window[at - 1])) &&
          (after == window.size() || !letter(window[after]))) {
        return true;
      }
    }
  }
  return false;
}

}  // namespace

bool AcceptEntityOccurrence(const rules::CompiledPattern& pattern, std::string_view text,
                            std::size_t begin, std::size_t end, EntityContextCache* cache) {
  if (IsFollowedByOfName(text, end, pattern.entry_countries)) return false;
  if (!pattern.country_names.empty() &&
      !HasCountryContext(pattern.country_names, text, begin, end)) {
    return false;
  }
  if (pattern.acronym && pattern.short_needs_country) {
    return HasCountryContext(pattern.short_context_countries, text, begin, end) ||
           HasPrimaryName(pattern, text, cache);
  }
  if (pattern.acronym && !HasAffiliationContext(pattern, text, begin, end, cache)) return false;
  return true;
}

bool IsListedNameOf(const rules::CompiledPattern& pattern, const rules::Rule& rule,
                    std::string_view matched) {
  if (rule.entities == nullptr || pattern.entry_index < 0) return false;
  const lists::EntityEntry& entry =
      rule.entities->entries[static_cast<std::size_t>(pattern.entry_index)];
  const std::string key = lists::NormalizeName(matched);
  for (int n = 0; n < rules::internal::EntityNameCount(entry); ++n) {
    const std::string& name = rules::internal::EntityName(entry, n);
    if (lists::NormalizeName(name) == key ||
        lists::NormalizeName(lists::StripLegalForms(name)) == key) {
      return true;
    }
  }
  return false;
}

EntityHit DescribeEntity(const rules::CompiledPattern& pattern, const rules::Rule& rule) {
  EntityHit hit;
  if (rule.entities == nullptr || pattern.entry_index < 0) return hit;
  const lists::EntityEntry& entry =
      rule.entities->entries[static_cast<std::size_t>(pattern.entry_index)];
  hit.list = entry.list;
  hit.entry_id = entry.id;
  hit.listed_name = entry.name;
  hit.matched_alias = rules::internal::EntityName(entry, pattern.name_index);
  hit.reference = entry.reference;
  hit.country = entry.country;
  hit.list_date = rule.entities->metadata.published;
  hit.category = entry.category;
  hit.entry_type = entry.type;
  if (pattern.origin == rules::PatternOrigin::kWeakAlias) hit.match_kind = kMatchWeakAlias;
  if (pattern.origin == rules::PatternOrigin::kAffiliate) hit.match_kind = kMatchPossibleAffiliate;
  return hit;
}

void MergeEntityFindings(std::vector<Finding>* findings) {
  std::vector<Finding> merged;
  merged.reserve(findings->size());
  std::size_t i = 0;
  while (i < findings->size()) {
    if (!(*findings)[i].entity) {
      merged.push_back(std::move((*findings)[i++]));
      continue;
    }
    // A cluster: entity findings whose spans chain-overlap, in begin order. Non-entity findings
    // inside the cluster's range are kept as they are.
    std::vector<std::size_t> cluster = {i};
    std::vector<std::size_t> others;
    std::size_t cluster_end = (*findings)[i].end;
    std::size_t j = i + 1;
    for (; j < findings->size() && (*findings)[j].begin < cluster_end; ++j) {
      if ((*findings)[j].entity) {
        cluster.push_back(j);
        cluster_end = std::max(cluster_end, (*findings)[j].end);
      } else {
        others.push_back(j);
      }
    }
    std::size_t best = cluster[0];
    for (std::size_t k : cluster) {
      const Finding& a = (*findings)[k];
      const Finding& b = (*findings)[best];
      const std::size_t length_a = a.end - a.begin;
      const std::size_t length_b = b.end - b.begin;
      if (length_a > length_b || (length_a == length_b && a.severity > b.severity)) best = k;
    }
    Finding winner = std::move((*findings)[best]);
    for (std::size_t k : cluster) {
      if (k == best) continue;
      const Finding& other = (*findings)[k];
      // A much shorter name inside the winner's ("AERO" in "AERO ENGINE CORPORATION OF CHINA")
      // is another organisation's acronym caught in the longer name, not the same party.
      if (2 * (other.end - other.begin) < winner.end - winner.begin) continue;
      std::string name = other.entity->list + ": " + other.entity->listed_name + " (" +
                         other.entity->entry_id + ")";
      if (other.rule_id == winner.rule_id && other.entity->entry_id == winner.entity->entry_id) {
        continue;
      }
      auto& also = winner.entity->also_listed_in;
      if (std::find(also.begin(), also.end(), name) == also.end()) also.push_back(std::move(name));
    }
    // Keep document order: the winner and the untouched findings by begin offset.
    std::vector<Finding> group;
    group.push_back(std::move(winner));
    for (std::size_t k : others) group.push_back(std::move((*findings)[k]));
    std::stable_sort(group.begin(), group.end(),
                     [](const Finding& a, const Finding& b) { return a.begin < b.begin; });
    for (Finding& finding : group) merged.push_back(std::move(finding));
    i = j;
  }
  *findings = std::move(merged);
}

}  // namespace trustscreen::match
