// Entity-list rules: every name and alias of every entry becomes one pattern
// (lists/name_pattern.h), filed under one of its words (NameIndex) or, failing that, in the
// RE2::Set.
//
// One pattern per name rather than one alternation per entry: the matcher then knows which alias
// matched without re-matching, and an acronym alias can carry its own context requirement. The
// word index keeps them out of the RE2::Set, whose DFA could not hold ~5,200 names without
// thrashing (bench/README.md, "Rule matching").

#include <algorithm>
#include <array>
#include <cctype>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <utility>
#include <vector>

#include "compiled_rules_internal.h"
#include "lead_index.h"
#include "match_leads.h"
#include "name_index.h"
#include "parallel.h"
#include "rule_compiler_internal.h"
#include "trustscreen/core/strings.h"
#include "trustscreen/core/utf8.h"
#include "trustscreen/lists/affiliates.h"
#include "trustscreen/lists/country_names.h"
#include "trustscreen/lists/legal_forms.h"
#include "trustscreen/lists/name_pattern.h"
#include "trustscreen/lists/transliterate.h"

namespace trustscreen::rules::internal {

const std::string& EntityName(const lists::EntityEntry& entry, int name_index) {
  if (name_index == 0) return entry.name;
  const auto alias = static_cast<std::size_t>(name_index - 1);
  return alias < entry.aliases.size() ? entry.aliases[alias]
                                      : entry.weak_aliases[alias - entry.aliases.size()];
}

int EntityNameCount(const lists::EntityEntry& entry) {
  return static_cast<int>(1 + entry.aliases.size() + entry.weak_aliases.size());
}

namespace {

// Names the word index cannot take are mostly CJK names and domains (one lead each) or names of
// short words joined by separator classes, whose leads multiply; a tighter limit gives those up
// quickly (to the RE2::Set) instead of spending rule-loading time on them.
constexpr LeadLimits kNameLeadLimits{.min_length = 3, .max_leads = 32};
constexpr LeadLimits kWeakNameLeadLimits{.min_length = 3, .max_leads = 512, .min_word_bytes = 1};

// Words too common in agreements and proposals to file a name under when it has another word:
// words of up to three letters, and words frequent in contracts, in proposals and in list entries
// alike. The choice only moves work between names; no name is missed for it.
bool IsCommonWord(std::string_view word) {
  static constexpr std::array<std::string_view, 91> kCommon = {
      "action",        "aerospace",      "agreement",   "all",          "and",
      "applications",  "association",    "aviation",    "beijing",      "business",
      "center",        "centre",         "china",       "chinese",      "commercial",
      "communication", "communications", "company",     "construction", "corporation",
      "data",          "defense",        "department",  "design",       "development",
      "digital",       "document",       "electronic",  "electronics",  "energy",
      "engineering",   "enterprise",     "enterprises", "entity",       "equipment",
      "export",        "federal",        "future",      "general",      "global",
      "government",    "group",          "holding",     "holdings",     "hong",
      "import",        "industrial",     "industries",  "industry",     "information",
      "institute",     "international",  "investment",  "kong",         "limited",
      "logistics",     "long",           "machinery",   "management",   "manufacturing",
      "marine",        "materials",      "national",    "network",      "networks",
      "new",           "power",          "products",    "project",      "research",
      "science",       "sciences",       "scientific",  "security",     "service",
      "services",      "shanghai",       "shenzhen",    "software",     "solutions",
      "special",       "state",          "system",      "systems",      "technical",
      "technologies",  "technology",     "term",        "trade",        "trading",
      "university"};
  return word.size() <= 3 || std::binary_search(kCommon.begin(), kCommon.end(), word);
}

// A common word that any letter case matches (an acronym in capitals is rare even if short).
bool IsCommon(const lists::NameWord& word) {
  return word.letter_case == lists::NameWord::Case::kAny && IsCommonWord(word.spellings.front());
}

// Words in most texts (function words, company forms, single letters and digits): the matcher
// would note each of their many occurrences, and one near a name's rarer word says little. Never
// indexed.
bool IsStopWord(const lists::NameWord& word) {
  static constexpr std::array<std::string_view, 29> kStop = {
      "an", "as",  "at", "by",  "co",  "de", "del", "der", "des", "di",
      "du", "for", "in", "inc", "is",  "it", "la",  "le",  "llc", "ltd",
      "no", "of",  "on", "or",  "the", "to", "und", "von", "with"};
  const std::string& spelling = word.spellings.front();
  return word.letter_case == lists::NameWord::Case::kAny &&
         (spelling.size() == 1 || std::binary_search(kStop.begin(), kStop.end(), spelling));
}

// The words to index a name by, rarest first: a common word last, then the fewer names of the
// list share a word, the less likely it is in a text; the longest among equals. The first files
// the name; the others must occur within the name's reach of it (NameSearch), which spares most
// searches around a common first word. A stop word is never one of them; more than three would
// grow the vocabulary that the matcher probes for each word of text and save few searches.
constexpr std::size_t kIndexWords = NameIndex::kMaxWords;

std::vector<lists::NameWord> RarestWords(
    std::vector<lists::NameWord> words,
    const std::unordered_map<std::string, int>& names_with_word) {
  std::erase_if(words, [](const lists::NameWord& word) {
    return word.spellings.front().size() > NameIndex::kMaxWordBytes || IsStopWord(word);
  });
  auto rank = [&](const lists::NameWord& word) {
    const std::string& spelling = word.spellings.front();
    return std::make_tuple(IsCommon(word), names_with_word.at(NameIndex::Key(word)),
                           -static_cast<int>(spelling.size()), spelling);
  };
  std::sort(words.begin(), words.end(),
            [&](const lists::NameWord& a, const lists::NameWord& b) { return rank(a) < rank(b); });
  words.erase(std::unique(words.begin(), words.end(),
                          [](const lists::NameWord& a, const lists::NameWord& b) {
                            return a.spellings == b.spellings && a.letter_case == b.letter_case;
                          }),
              words.end());
  if (words.size() > kIndexWords) words.resize(kIndexWords);
  return words;
}

// What matching needs to know of one pattern of an entry (a name, an alias, a spelling of one in
// the other script, or the affiliates of its stem), from the lists library.
struct NameFacts {
  int name_index = 0;  // the name or alias (EntityName) the pattern comes from
  PatternOrigin origin = PatternOrigin::kName;
  std::string text;                    // what the pattern was made of, for messages
  bool filler = false;                 // lists::IsFillerName: skipped
  std::string pattern;                 // lists::NamePattern, a variant or an affiliate pattern
  std::vector<lists::NameWord> words;  // lists::IndexWords, then the RarestWords of them
  std::vector<std::string> word_keys;  // NameIndex::Key of each word, sorted, each once
  lists::NameShape shape{};
  bool english_acronym = false;  // an acronym that is an English word ("ITS")
  bool generic = false;          // lists::IsGenericName
  int max_runs = 0;              // lists::MaxAlnumRuns
};

void SetIndexWords(std::string_view name, NameFacts& fact) {
  fact.words = lists::IndexWords(name);
  for (const lists::NameWord& word : fact.words) fact.word_keys.push_back(NameIndex::Key(word));
  std::sort(fact.word_keys.begin(), fact.word_keys.end());
  fact.word_keys.erase(std::unique(fact.word_keys.begin(), fact.word_keys.end()),
                       fact.word_keys.end());
}

// A name pattern, filed after the loop over the entries (its leads, if the word index does not
// take it, are worked out in parallel); its RE2 is compiled on first use (LazyRegex).
struct PendingName {
  int pattern_id = 0;
  std::string pattern;
  std::size_t entry = 0;  // in the list, and the name's NameFacts there (for errors)
  std::size_t fact = 0;
  bool needs_first_pass = false;  // not in the NameIndex: the LeadIndex or the RE2::Set
  bool other_script = false;      // a name in a script other than Latin (to the script set)
  int primary_id = 0;             // the entry's first name's pattern
  std::optional<std::vector<std::string>> leads;
};

bool IsOrganisation(const lists::EntityEntry& entry) {
  return entry.type.empty() || entry.type == lists::kTypeEntity;
}

// Every pattern of one entry: its names and aliases (strong, then weak), their spellings in the
// other script (lists::NameVariants) and, for rules with `affiliates: true`, the affiliates of
// each distinct stem (lists::AffiliateStem) of an organisation.
// Lower-cased first words of the list's names of two or more words, with the number of entries
// whose names start with them: "sberbank" -> 9 (Sberbank Leasing, Sberbank Capital…). A stem of
// one word is taken for a group's name only where the list itself shows the group: a single
// word such as "Meridian" or "Terminal" is also an ordinary word in other companies' names.
std::unordered_map<std::string, int> GroupHeads(const std::vector<lists::EntityEntry>& entries) {
  std::unordered_map<std::string, int> heads;
  for (const lists::EntityEntry& entry : entries) {
    std::set<std::string> seen;
    for (int n = 0; n < EntityNameCount(entry); ++n) {
      const std::string& name = EntityName(entry, n);
      const std::size_t space = name.find_first_of(" -");
      if (space == std::string::npos) continue;
      const std::string head = AsciiLower(std::string_view(name).substr(0, space));
      if (seen.insert(head).second) ++heads[head];
    }
  }
  return heads;
}

constexpr int kMinGroupEntries = 2;

std::vector<NameFacts> EntryFacts(const Rule& rule, const lists::EntityEntry& entry,
                                  bool index_names,
                                  const std::unordered_map<std::string, int>& group_heads) {
  std::vector<NameFacts> facts;
  std::set<std::string> stems;
  const int strong = static_cast<int>(1 + entry.aliases.size());
  for (int n = 0; n < EntityNameCount(entry); ++n) {
    const std::string& name = EntityName(entry, n);
    NameFacts& fact = facts.emplace_back();
    fact.name_index = n;
    fact.origin = n < strong ? PatternOrigin::kName : PatternOrigin::kWeakAlias;
    fact.text = name;
    fact.filler = lists::IsFillerName(name);
    if (fact.filler) continue;
    fact.pattern = lists::NamePattern(name);
    if (index_names) SetIndexWords(name, fact);
    fact.shape = lists::ShapeOf(name);
    fact.english_acronym =
        fact.shape == lists::NameShape::kAcronym && lists::IsEnglishWordAcronym(name);
    fact.generic = lists::IsGenericName(name);
    fact.max_runs = lists::MaxAlnumRuns(name);
    if (n >= strong) continue;  // weak aliases are matched as written only
    // A name listed in Cyrillic gets its Latin spellings here. The other way round, a Latin name
    // in Cyrillic text, the matcher reads the text's Cyrillic in Latin letters instead
    // (lists::RomanizeCyrillic): Latin names of every RU and BY entry spelled in Cyrillic would
    // be ~6,200 patterns, too many for one RE2::Set.
    for (std::string& variant : lists::HasCyrillic(name) ? lists::NameVariants(name, entry.country)
                                                         : std::vector<std::string>()) {
      NameFacts& spelled = facts.emplace_back();
      spelled.name_index = n;
      spelled.origin = PatternOrigin::kOtherScript;
      spelled.text = name + " (other script)";
      spelled.pattern = std::move(variant);
      // A one-word name keeps its need for context in the other script: a romanised "ИНТЕГРАЛ" is
      // "integral", which every contract has (and the variant ignores letter case).
      const std::string core = lists::StripLegalForms(name);
      const bool one_word = core.find_first_of(" -\t") == std::string::npos;
      spelled.shape = one_word ? lists::NameShape::kSingleWord : lists::NameShape::kWords;
    }
    if (!rule.affiliates || !IsOrganisation(entry)) continue;
    std::string stem = lists::AffiliateStem(name);
    if (stem.empty() || stems.count(lists::NormalizeName(stem)) != 0) continue;
    // A one-word stem is a group's name where the listed name shows it ("VTB Bank", "Sberbank of
    // Russia": words were cut to reach the stem) or the list has other entries under it.
    std::string_view uncut = name;
    if (const std::size_t paren = uncut.find('('); paren != std::string_view::npos) {
      uncut = uncut.substr(0, paren);
    }
    const bool cut =
        lists::NormalizeName(stem) != lists::NormalizeName(lists::StripLegalForms(uncut));
    if (stem.find(' ') == std::string::npos && !cut) {
      const std::string head = AsciiLower(stem);
      const auto group = group_heads.find(head);
      if (group == group_heads.end() || group->second < kMinGroupEntries) continue;
    }
    stems.insert(lists::NormalizeName(stem));
    NameFacts& affiliate = facts.emplace_back();
    affiliate.name_index = n;
    affiliate.origin = PatternOrigin::kAffiliate;
    affiliate.text = stem + " (affiliates)";
    affiliate.pattern = lists::NamePattern(stem);  // its tail: Impl::affiliate_tail
    if (index_names) SetIndexWords(stem, affiliate);
    affiliate.shape = lists::NameShape::kWords;
    affiliate.max_runs = lists::AffiliateMaxAlnumRuns(stem);
  }
  return facts;
}

}  // namespace

class EntityNamesWork {
 public:
  // What the filing below needs of each name and alias, by entry, worked out in the pool (the
  // list functions are pure; tokenising ~5,000 names is much of loading the shipped rules).
  std::vector<std::vector<NameFacts>> facts;
  std::unordered_map<std::string, int> group_heads;
  std::shared_ptr<WorkPool::Batch> batch;
};

std::shared_ptr<EntityNamesWork> StartEntityNames(const Rule& rule, const CompileOptions& options,
                                                  WorkPool& pool) {
  auto work = std::make_shared<EntityNamesWork>();
  const std::vector<lists::EntityEntry>& entries = rule.entities->entries;
  if (rule.affiliates) work->group_heads = GroupHeads(entries);
  work->facts.resize(entries.size());
  const bool index_names = rule.whole_word && options.index_names;
  work->batch = pool.Submit(
      entries.size(), [&rule, &entries, index_names, names = work.get()](std::size_t e) {
        names->facts[e] = EntryFacts(rule, entries[e], index_names, names->group_heads);
      });
  return work;
}

Status AddEntityPatterns(const Rule& rule, int rule_index, const CompileOptions& options,
                         EntityNamesWork& names, WorkPool& pool, re2::RE2::Set* set,
                         re2::RE2::Set* script_set, CompiledRuleSet::Impl* impl) {
  re2::RE2::Options regex_options;
  regex_options.set_encoding(re2::RE2::Options::EncodingUTF8);
  regex_options.set_log_errors(false);
  regex_options.set_case_sensitive(false);
  regex_options.set_longest_match(true);
  regex_options.set_max_mem(options.pattern_max_mem);
  if (rule.affiliates && impl->affiliate_tail == nullptr) {
    auto tail = std::make_unique<const re2::RE2>(lists::AffiliateTailPattern(), regex_options);
    if (!tail->ok()) {
      return InternalError("the pattern of possible affiliates failed to compile: " +
                           tail->error());
    }
    impl->affiliate_tail = std::move(tail);
  }
  const std::vector<lists::EntityEntry>& entries = rule.entities->entries;
  // A first word of a name may sit inside a longer run of letters when the rule does not ask for
  // whole words; then only the RE2::Set can find it.
  std::unordered_map<std::string, int> names_with_word;
  const bool index_names = rule.whole_word && options.index_names;
  pool.Wait(*names.batch);
  std::vector<std::vector<NameFacts>>& facts = names.facts;
  if (index_names) {
    for (const std::vector<NameFacts>& entry_facts : facts) {
      for (const NameFacts& fact : entry_facts) {
        for (const std::string& key : fact.word_keys) ++names_with_word[key];
      }
    }
  }
  // The words each name is filed under, in the pool: ranking them needs the whole list's counts.
  if (index_names) {
    const std::shared_ptr<WorkPool::Batch> ranked = pool.Submit(
        facts.size(),
        [&](std::size_t e) {
          for (NameFacts& fact : facts[e]) {
            fact.words = RarestWords(std::move(fact.words), names_with_word);
            // A name of one common word and no other indexed word would be searched around each
            // of its many occurrences; its leads serve it better. Two common words near each
            // other are rare.
            if (fact.words.size() == 1 && IsCommon(fact.words.front())) fact.words.clear();
          }
        },
        /*urgent=*/true);
    pool.Wait(*ranked);
  }
  // "FILE:LINE: entry 'ID' (rule 'ID'): name 'NAME'", for errors.
  const auto subject = [&](std::size_t e, std::size_t f) {
    return rule.entities->path + ":" + std::to_string(entries[e].line) + ": entry '" +
           entries[e].id + "' (rule '" + rule.id + "'): name '" + facts[e][f].text + "'";
  };
  std::vector<PendingName> pending;
  impl->patterns.reserve(impl->patterns.size() + entries.size() * 2);
  for (std::size_t e = 0; e < entries.size(); ++e) {
    const lists::EntityEntry& entry = entries[e];
    const std::vector<std::string_view> countries = lists::CountryNames(entry.country);
    std::set<std::string> seen;  // the same pattern twice in one entry adds nothing
    int primary_id = -1;
    for (std::size_t f = 0; f < facts[e].size(); ++f) {
      NameFacts& fact = facts[e][f];
      if (fact.filler) continue;  // "and", "Ltd": would match everywhere (lint says)
      const std::string& pattern = fact.pattern;
      if (pattern.empty()) return InvalidArgument(subject(e, f) + " has no letters or digits");
      // (An affiliate's pattern is its stem's, which may be a name's too: its tail sets it apart.)
      const bool affiliate = fact.origin == PatternOrigin::kAffiliate;
      if (!seen.insert(affiliate ? pattern + "\n(affiliates)" : pattern).second) continue;
      const int pattern_id = static_cast<int>(impl->patterns.size());
      if (primary_id < 0) primary_id = pattern_id;
      PendingName& pending_name = pending.emplace_back();
      pending_name.pattern_id = pattern_id;
      pending_name.pattern = pattern;
      pending_name.entry = e;
      pending_name.fact = f;
      pending_name.primary_id = primary_id;
      // A Latin name's Cyrillic spelling, or a name listed in Cyrillic, Arabic…
      pending_name.other_script = fact.origin == PatternOrigin::kOtherScript
                                      ? !lists::HasCyrillic(fact.text)
                                      : MayHaveNonLatinLetters(fact.text);
      CompiledPattern compiled;
      if (!fact.words.empty()) {
        impl->names->File(pattern_id, fact.words, fact.max_runs);
      } else {
        pending_name.needs_first_pass = true;
      }
      compiled.rule_index = rule_index;
      compiled.pattern_index = -1;
      compiled.entry_index = static_cast<int>(e);
      compiled.name_index = fact.name_index;
      compiled.origin = fact.origin;
      if (affiliate) compiled.tail = impl->affiliate_tail.get();
      const bool as_listed =
          fact.origin == PatternOrigin::kName || fact.origin == PatternOrigin::kWeakAlias;
      // A weak alias counts only with context, whatever its shape ("Sber", "Gazprom Bank").
      compiled.acronym =
          (as_listed || fact.origin == PatternOrigin::kOtherScript) &&
          (lists::NeedsContext(fact.shape) || fact.origin == PatternOrigin::kWeakAlias);
      compiled.needs_primary = as_listed && fact.english_acronym;
      if (as_listed && fact.generic) compiled.country_names = countries;
      compiled.entry_countries = countries;
      if (compiled.acronym && rule.short_names_need_country) {
        compiled.short_needs_country = true;
        compiled.short_context_countries = countries;
      }
      const auto category = rule.severity_by_category.find(entry.category);
      compiled.severity =
          category != rule.severity_by_category.end() ? category->second : rule.severity;
      impl->patterns.push_back(std::move(compiled));
    }
  }
  // Leads of the names the word index does not take, in parallel (the only costly step here),
  // before the pool goes on with the lists after this one.
  const std::shared_ptr<WorkPool::Batch> leads = pool.Submit(
      pending.size(),
      [&](std::size_t i) {
        PendingName& name = pending[i];
        if (name.needs_first_pass && options.index_leads) {
          name.leads = MatchLeads(name.pattern, /*case_sensitive=*/false, kNameLeadLimits);
          // Names of short words joined by separators ("I ASH", "A C International"): weak leads
          // still cost less than a pass of the RE2::Set over the whole text.
          if (!name.leads) name.leads = MatchLeads(name.pattern, false, kWeakNameLeadLimits);
        }
      },
      /*urgent=*/true);
  pool.Wait(*leads);
  for (PendingName& name : pending) {
    if (name.needs_first_pass && name.leads) {
      impl->leads->File(*name.leads, rule.whole_word, name.pattern_id);
    } else if (name.needs_first_pass) {
      // Names in other scripts wait in a set of their own, which most texts never need.
      const bool script = name.other_script;
      PatternSet& prefilter = script ? impl->script_prefilter : impl->prefilter;
      std::string error;
      const int index = (script ? script_set : set)->Add("(?i:" + name.pattern + ")", &error);
      if (index != static_cast<int>(prefilter.pattern_ids.size())) {
        return InvalidArgument(subject(name.entry, name.fact) +
                               " cannot be added to the rule set: " + error);
      }
      prefilter.pattern_ids.push_back(name.pattern_id);
      CompiledPattern& compiled = impl->patterns[static_cast<std::size_t>(name.pattern_id)];
      // (An affiliate's tail, matched after the stem, may hold Latin words: the matcher lets it
      // run past the stem's range.)
      compiled.outside_ascii_words =
          options.index_scripts && MatchesOutsideAsciiWords(name.pattern);
    }
    impl->patterns[static_cast<std::size_t>(name.pattern_id)].lazy_regex =
        std::make_unique<const LazyRegex>(std::move(name.pattern), regex_options);
  }
  for (const PendingName& name : pending) {
    const CompiledPattern& primary = impl->patterns[static_cast<std::size_t>(name.primary_id)];
    // A primary name that itself needs context ("PJSC POLYUS" is one word) is no evidence for
    // its aliases: "Polyus" would vouch for "Polyus".
    impl->patterns[static_cast<std::size_t>(name.pattern_id)].primary =
        primary.acronym ? nullptr : primary.lazy_regex.get();
  }
  return Status::Ok();
}

}  // namespace trustscreen::rules::internal
