#include "trustscreen/lists/legal_forms.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <iterator>
#include <set>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "name_syntax.h"
#include "trustscreen/core/utf8.h"
#include "trustscreen/lists/country_names.h"

namespace trustscreen::lists {
namespace {

struct LegalFormEntryData {
  std::string_view display;
  std::string_view generic;
};

struct LegalFormAliasData {
  std::string_view key;
  int entry;
};

#include "legal_forms_table.inc"

bool IsCjk(char32_t c) {
  return (c >= 0x3040 && c <= 0x9FFF) || (c >= 0xAC00 && c <= 0xD7AF) ||
         (c >= 0xF900 && c <= 0xFAFF) || c >= 0x20000;
}

bool IsApostrophe(char32_t c) { return c == '\'' || c == 0x2019 || c == 0x2018; }

// As scripts/gen-legal-forms `is_separator` (the keys of the table depend on it).
bool IsSeparator(char32_t c) {
  if (c < 0x80) return std::isalnum(static_cast<int>(c)) == 0 && !IsApostrophe(c) && c != '&';
  return c == 0xA0 || c == 0xAB || c == 0xBB || (c >= 0x2000 && c <= 0x206F) || c == 0x3000 ||
         c == 0xFEFF || (c >= 0xFF01 && c <= 0xFF0F) || c == 0xFFFD;
}

char32_t Lower(char32_t c) {
  if (c < 0x80) return static_cast<char32_t>(std::tolower(static_cast<int>(c)));
  if (c >= 0x410 && c <= 0x42F) return c + 0x20;
  if (c >= 0x400 && c <= 0x40F) return c + 0x50;
  return c;
}

struct Word {
  std::string key;
  std::size_t begin = 0;  // bytes of the word in the text
  std::size_t end = 0;
};

std::vector<Word> SplitWords(std::string_view text) {
  std::vector<Word> words;
  Word word;
  auto flush = [&] {
    if (!word.key.empty()) words.push_back(std::move(word));
    word = Word();
  };
  for (std::size_t i = 0; i < text.size();) {
    std::size_t length = 1;
    const char32_t c = DecodeUtf8At(text, i, &length);
    if (c == '&') {
      flush();
      words.push_back({"and", i, i + 1});
    } else if (IsSeparator(c)) {
      flush();
    } else if (!IsApostrophe(c)) {
      if (word.key.empty()) word.begin = i;
      AppendUtf8(Lower(c), word.key);
      word.end = i + length;
    }
    i += length;
  }
  flush();
  return words;
}

std::vector<std::string> Keys(const std::vector<Word>& words) {
  std::vector<std::string> keys;
  keys.reserve(words.size());
  for (const Word& word : words) keys.push_back(word.key);
  return keys;
}

auto AliasesOf(std::string_view key) {
  return std::equal_range(
      std::begin(kLegalFormAliases), std::end(kLegalFormAliases), LegalFormAliasData{key, 0},
      [](const LegalFormAliasData& a, const LegalFormAliasData& b) { return a.key < b.key; });
}

bool IsFormKey(std::string_view key) {
  const auto [first, last] = AliasesOf(key);
  return first != last;
}

// The first and the last word of every form's key. A run of words can be a form only if it begins
// (ends) with one of them, and most words of names do not: this runs for every name at loading.
struct FormEdgeWords {
  std::unordered_set<std::string_view> first;
  std::unordered_set<std::string_view> last;
};

const FormEdgeWords& FormWords() {
  static const FormEdgeWords* const edges = [] {
    auto* words = new FormEdgeWords;
    for (const LegalFormAliasData& alias : kLegalFormAliases) {
      const std::string_view key = alias.key;
      words->first.insert(key.substr(0, key.find(' ')));
      const std::size_t space = key.rfind(' ');
      words->last.insert(space == std::string_view::npos ? key : key.substr(space + 1));
    }
    return words;
  }();
  return *edges;
}

std::string JoinWords(const std::vector<std::string>& words, std::size_t begin, std::size_t end) {
  std::string key;
  for (std::size_t i = begin; i < end; ++i) {
    if (i > begin) key += ' ';
    key += words[i];
  }
  return key;
}

bool HasCjk(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    std::size_t length = 1;
    if (IsCjk(DecodeUtf8At(text, i, &length))) return true;
    i += length;
  }
  return false;
}

// Words that do not identify an organisation on their own although IsGenericName does not list
// them: common English words that are whole names of many firms ("Alliance", "Premier"), and
// business and place words of list entries ("Industrial", "International", "Trading",
// "Beijing"). Sorted.
constexpr std::array<std::string_view, 139> kCommonWords = {
    "access",        "action",      "active",     "advance",      "advanced",      "aerospace",
    "alliance",      "allied",      "alpha",      "applications", "association",   "atlantic",
    "aviation",      "base",        "beijing",    "business",     "capital",       "century",
    "china",         "chinese",     "classic",    "commercial",   "communication", "communications",
    "construction",  "continental", "crown",      "data",         "delta",         "design",
    "diamond",       "digital",     "dynamic",    "eagle",        "east",          "eastern",
    "electronic",    "electronics", "elite",      "emerald",      "empire",        "engineering",
    "enterprise",    "enterprises", "equipment",  "estate",       "export",        "express",
    "falcon",        "federal",     "first",      "frontier",     "future",        "galaxy",
    "general",       "global",      "golden",     "grand",        "great",         "green",
    "harmony",       "holding",     "holdings",   "hong",         "horizon",       "housing",
    "imperial",      "import",      "industrial", "industries",   "infinity",      "investment",
    "kong",          "large",       "liberty",    "logistics",    "machinery",     "management",
    "manufacturing", "marine",      "market",     "materials",    "modern",        "network",
    "networks",      "north",       "northern",   "ocean",        "omega",         "pacific",
    "phoenix",       "pioneer",     "planet",     "point",        "power",         "precision",
    "premier",       "premium",     "prime",      "products",     "project",       "quality",
    "range",         "real",        "royal",      "sciences",     "scientific",    "second",
    "shanghai",      "shenzhen",    "silver",     "small",        "smart",         "software",
    "south",         "southern",    "special",    "standard",     "star",          "summit",
    "supply",        "support",     "supreme",    "system",       "systems",       "terminal",
    "third",         "trading",     "union",      "united",       "universal",     "value",
    "victory",       "vision",      "west",       "western",      "world",         "worldwide",
    "xinjiang"};

int Letters(std::string_view word) {
  int letters = 0;
  for (std::size_t i = 0; i < word.size();) {
    std::size_t length = 1;
    DecodeUtf8At(word, i, &length);
    ++letters;
    i += length;
  }
  return letters;
}

}  // namespace

std::string LegalFormKey(std::string_view text) {
  std::string key;
  for (const Word& word : SplitWords(text)) key += (key.empty() ? "" : " ") + word.key;
  return key;
}

std::vector<LegalForm> FindLegalForms(std::string_view form) {
  std::vector<LegalForm> forms;
  const std::string key = LegalFormKey(form);
  const auto [first, last] = AliasesOf(key);
  for (auto it = first; it != last; ++it) {
    const LegalFormEntryData& entry = kLegalFormEntries[it->entry];
    forms.push_back({entry.display, entry.generic});
  }
  return forms;
}

bool IsLegalFormWord(std::string_view word) {
  const std::string key = LegalFormKey(word);
  return !key.empty() && key.find(' ') == std::string::npos && IsFormKey(key);
}

std::size_t LegalFormWordsAt(const std::vector<std::string>& words, std::size_t begin,
                             std::size_t end) {
  if (begin >= end || FormWords().first.count(words[begin]) == 0) return 0;
  const std::size_t most = std::min(end - begin, static_cast<std::size_t>(kLegalFormMaxWords));
  for (std::size_t n = most; n > 0; --n) {
    if (IsFormKey(JoinWords(words, begin, begin + n))) return n;
  }
  return 0;
}

std::size_t LegalFormWordsBefore(const std::vector<std::string>& words, std::size_t begin,
                                 std::size_t end) {
  if (begin >= end || FormWords().last.count(words[end - 1]) == 0) return 0;
  const std::size_t most = std::min(end - begin, static_cast<std::size_t>(kLegalFormMaxWords));
  for (std::size_t n = most; n > 0; --n) {
    if (IsFormKey(JoinWords(words, end - n, end))) return n;
  }
  return 0;
}

std::vector<std::string> LegalFormVariants(std::string_view form) {
  std::set<int> entries;
  const auto [first, last] = AliasesOf(LegalFormKey(form));
  for (auto it = first; it != last; ++it) entries.insert(it->entry);
  std::vector<std::string> variants;
  if (entries.empty()) return variants;
  for (const LegalFormAliasData& alias : kLegalFormAliases) {
    if (entries.count(alias.entry) > 0 && (variants.empty() || variants.back() != alias.key)) {
      variants.emplace_back(alias.key);
    }
  }
  return variants;
}

std::size_t CjkLegalFormSuffix(std::string_view name) {
  std::size_t end = name.size();
  while (end > 0 && std::isspace(static_cast<unsigned char>(name[end - 1]))) --end;
  const std::string_view text = name.substr(0, end);
  // CJK characters are three- or four-byte sequences (lead byte E3 and above): a name without one
  // cannot end with a CJK form, and most names are Latin (this runs for every name at loading).
  if (std::none_of(text.begin(), text.end(),
                   [](char c) { return static_cast<unsigned char>(c) >= 0xE3; })) {
    return 0;
  }
  std::size_t longest = 0;
  for (const LegalFormAliasData& alias : kLegalFormAliases) {
    if (alias.key.size() > longest && text.ends_with(alias.key) && HasCjk(alias.key)) {
      longest = alias.key.size();
    }
  }
  return longest;
}

std::string StripLegalForms(std::string_view name) {
  const std::vector<Word> words = SplitWords(name);
  if (words.empty()) return std::string();
  const std::vector<std::string> keys = Keys(words);
  std::size_t begin = 0;
  std::size_t end = words.size();
  // At least one word stays: a name that is only a legal form is that form.
  for (std::size_t n; (n = LegalFormWordsAt(keys, begin, end)) > 0 && n < end - begin;) begin += n;
  for (std::size_t n; (n = LegalFormWordsBefore(keys, begin, end)) > 0 && n < end - begin;) {
    end -= n;
  }
  std::string core(name.substr(words[begin].begin, words[end - 1].end - words[begin].begin));
  const std::size_t suffix = CjkLegalFormSuffix(core);
  if (suffix > 0 && suffix < core.size()) core.resize(core.size() - suffix);
  return core;
}

bool IsDistinctiveCore(std::string_view core) {
  if (HasCjk(core)) return Letters(LegalFormKey(core)) >= 4;
  const std::vector<Word> words = SplitWords(core);
  // One word of at least five letters that names no kind of body: "Sberbank", "Rosoboronexport",
  // "Chengdu Xiwu" but not "ARI International", "AW Industrial", "B-WORK" (four-letter words are
  // too often ordinary ones: "b) Work").
  const int least = 5;
  return std::any_of(words.begin(), words.end(), [&](const Word& word) {
    // IsGenericName wants two words; a generic word twice is generic.
    return Letters(word.key) >= least && !IsGenericName(word.key + " " + word.key) &&
           !std::binary_search(kCommonWords.begin(), kCommonWords.end(), word.key);
  });
}

std::string LegalFormKeyPattern(std::string_view key) {
  std::string pattern;
  std::size_t start = 0;
  while (start < key.size()) {
    std::size_t end = key.find(' ', start);
    if (end == std::string_view::npos) end = key.size();
    const std::string_view word = key.substr(start, end - start);
    if (!pattern.empty()) pattern += internal::kSeparator;
    if (word == "and") {
      pattern += "(?:and|&)";
    } else {
      for (char c : word) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x80 && std::isalnum(u) == 0) pattern += '\\';
        pattern += c;
      }
    }
    start = end + 1;
  }
  return pattern;
}

int LegalFormKeyMaxAlnumRuns(std::string_view key) {
  int runs = 0;
  bool in_run = false;
  for (char c : key) {
    const bool alnum = std::isalnum(static_cast<unsigned char>(c)) != 0;
    if (alnum && !in_run) ++runs;
    in_run = alnum;
  }
  return runs;
}

const std::string& LegalFormPattern() {
  static const std::string* const pattern = [] {
    auto* alternation = new std::string("(?:");
    std::string_view previous;
    // Longest first, so that a leftmost-first RE2 also prefers "co ltd" to "co".
    std::vector<std::string_view> keys;
    for (const LegalFormAliasData& alias : kLegalFormAliases) {
      if (alias.key != previous) keys.push_back(alias.key);
      previous = alias.key;
    }
    std::stable_sort(keys.begin(), keys.end(),
                     [](std::string_view a, std::string_view b) { return a.size() > b.size(); });
    for (std::string_view key : keys) {
      if (alternation->size() > 3) *alternation += '|';
      *alternation += LegalFormKeyPattern(key);
    }
    *alternation += ')';
    return alternation;
  }();
  return *pattern;
}

}  // namespace trustscreen::lists
