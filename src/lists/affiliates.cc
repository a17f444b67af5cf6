#include "trustscreen/lists/affiliates.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>
#include <string_view>
#include <vector>

#include "country_codes.h"
#include "name_syntax.h"
#include "trustscreen/core/strings.h"
#include "trustscreen/lists/legal_forms.h"
#include "trustscreen/lists/name_pattern.h"

namespace trustscreen::lists {
namespace {

// Words that name the group itself rather than distinguish it: dropped from the end of a name to
// find its stem ("VTB Bank" -> "VTB", "Rostec State Corporation" -> "Rostec"). Sorted.
constexpr std::array<std::string_view, 13> kGroupWords = {
    "bank",    "company", "corp",  "corporation", "group", "holding", "holdings",
    "limited", "plc",     "state", "the",         "trust", "inc"};

// Ordinary words that head many companies' names ("Financial Industry Regulatory Authority",
// "Meridian Medical Technologies"): never a group's stem on their own. Sorted.
constexpr std::array<std::string_view, 70> kOrdinaryHeads = {
    "advanced",   "allied",      "american", "asia",       "asian",    "atlantic", "best",
    "big",        "black",       "blue",     "capital",    "central",  "city",     "commerce",
    "commercial", "continental", "digital",  "east",       "eastern",  "energy",   "estate",
    "euro",       "european",    "federal",  "financial",  "first",    "future",   "general",
    "global",     "gold",        "golden",   "grand",      "great",    "green",    "home",
    "house",      "housing",     "imperial", "industrial", "life",     "meridian", "metro",
    "modern",     "national",    "new",      "north",      "northern", "ocean",    "pacific",
    "power",      "premier",     "prime",    "real",       "red",      "royal",    "silver",
    "sky",        "smart",       "south",    "southern",   "standard", "star",     "sun",
    "terminal",   "trans",       "true",     "united",     "west",     "western",  "white"};

// Words that follow a group's name in its subsidiaries' names. The alternation is case-insensitive.
constexpr std::string_view kAffiliateWords =
    "(?:holding|holdings|asset|assets|management|capital|leasing|lizing|insurance|invest|"
    "investment|investments|finance|financial|securities|trust|bank|banking|group|broker|"
    "brokerage|factoring|pension|fund|funds|life|private|partners|ventures|europe|europa|"
    "international|technologies|technology|tech|digital|solutions|services|trading|energy|"
    "development|markets|payments|cards|telecom|logistics|realty|properties|shipping|consulting|"
    "advisory|cib)";

// Latin and Cyrillic legal forms that end a subsidiary's name when its other words are not
// affiliate words ("Sberbank Technologies JSC" is covered either way; "Gazprom Neft PJSC" needs
// it). Short and common forms only: the full table (LegalFormPattern) is too large to repeat in
// every affiliate pattern.
constexpr std::string_view kTrailingLegalForm =
    R"((?:LLC|L\.L\.C\.|Ltd\.?|Limited|JSC|PJSC|OJSC|CJSC|OAO|ZAO|PAO|OOO|AO|plc|GmbH|AG|S\.?A\.?|)"
    R"(Inc\.?|Corp\.?|Co\.?|B\.?V\.?|N\.?V\.?|LLP|Pte|SARL|S\.?r\.?l\.?|KG|ООО|АО|ПАО|ОАО|ЗАО))";

// Runs of ASCII letters and digits a trailing legal form can hold at most ("S.r.l." has three).
constexpr int kLegalFormRuns = 3;
constexpr int kMaxExtraWords = 3;

bool IsAsciiAlnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

// The words of `text`: runs of characters other than ASCII separators.
std::vector<std::string> SplitWords(std::string_view text) {
  std::vector<std::string> words;
  std::string word;
  for (char c : text) {
    const bool separator = static_cast<unsigned char>(c) < 0x80 && !IsAsciiAlnum(c) && c != '\'';
    if (separator) {
      if (!word.empty()) words.push_back(std::move(word));
      word.clear();
    } else {
      word += c;
    }
  }
  if (!word.empty()) words.push_back(std::move(word));
  return words;
}

bool AllCaps(std::string_view text) {
  bool letter = false;
  for (char c : text) {
    if (std::islower(static_cast<unsigned char>(c))) return false;
    letter = letter || std::isupper(static_cast<unsigned char>(c));
  }
  return letter;
}

// "SBERBANK" -> "Sberbank": a single-word pattern accepts its word as written or in capitals, and
// lists write many names in capitals only.
std::string TitleCase(const std::vector<std::string>& words) {
  std::string text;
  for (const std::string& word : words) {
    if (!text.empty()) text += ' ';
    bool first = true;
    for (char c : word) {
      text += first ? c : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      first = false;
    }
  }
  return text;
}

}  // namespace

std::string AffiliateStem(std::string_view name) {
  // An alternative form in parentheses ("PJSC SBERBANK (PUBLIC JOINT-STOCK COMPANY SBERBANK)")
  // is another name, not part of the stem.
  const std::size_t paren = name.find('(');
  if (paren != std::string_view::npos) name = name.substr(0, paren);
  const std::string core = StripLegalForms(name);
  const NameShape shape = ShapeOf(core);
  if (shape == NameShape::kCjk || shape == NameShape::kDomain) return "";
  std::vector<std::string> words = SplitWords(core);
  // "… of Russia", "… of China": the country is not part of the group's name in subsidiaries'.
  for (std::size_t i = 1; i + 1 < words.size(); ++i) {
    if (AsciiLower(words[i]) != "of") continue;
    std::vector<std::string> rest(words.begin() + static_cast<std::ptrdiff_t>(i + 1), words.end());
    if (!internal::CountryCodeOf(Join(rest, " ")).empty()) {
      words.resize(i);
      break;
    }
  }
  while (words.size() > 1 &&
         std::binary_search(kGroupWords.begin(), kGroupWords.end(), AsciiLower(words.back()))) {
    words.pop_back();
  }
  if (words.empty()) return "";
  const std::string stem = Join(words, " ");
  // An acronym ("ARC", "STG") is shared by too many companies to find its group's affiliates.
  if (words.size() == 1 && ShapeOf(stem) == NameShape::kAcronym) return "";
  if (!IsDistinctiveCore(stem)) return "";
  // The first word heads the affiliate's name: an ordinary word there ("North", "Real Estate",
  // "Housing") starts many unrelated companies' names.
  if (std::binary_search(kOrdinaryHeads.begin(), kOrdinaryHeads.end(), AsciiLower(words.front()))) {
    return "";
  }
  return AllCaps(stem) ? TitleCase(words) : stem;
}

std::string AffiliateTailPattern() {
  const std::string sep(internal::kSeparator);
  const std::string capitalized = "(?-i:[A-Z\\p{Lu}][\\pL0-9]*)";
  return "(?:(?:" + sep + std::string(kAffiliateWords) + "){1," + std::to_string(kMaxExtraWords) +
         "}|(?:" + sep + capitalized + "){1," + std::to_string(kMaxExtraWords) + "}" + sep +
         std::string(kTrailingLegalForm) + ")";
}

int AffiliateMaxAlnumRuns(std::string_view stem) {
  // Each extra word is one run (a capitalised word may hold non-ASCII letters, which split it:
  // count two), then the legal form.
  return MaxAlnumRuns(stem) + 2 * kMaxExtraWords + kLegalFormRuns;
}

std::size_t TrimTrailingLegalForm(std::string_view matched) {
  struct Word {
    std::size_t begin;
    std::size_t end;
  };
  std::vector<Word> words;
  std::vector<std::string> keys;
  std::size_t i = 0;
  auto separator = [](char c) {
    return static_cast<unsigned char>(c) < 0x80 && !IsAsciiAlnum(c) && c != '\'';
  };
  while (i < matched.size()) {
    while (i < matched.size() && separator(matched[i])) ++i;
    const std::size_t begin = i;
    while (i < matched.size() && !separator(matched[i])) ++i;
    if (i > begin) {
      words.push_back({begin, i});
      keys.push_back(LegalFormKey(matched.substr(begin, i - begin)));
    }
  }
  // "Company Limited", "Co., Ltd.": as many forms as end the name, keeping its first word.
  std::size_t kept = keys.size();
  while (kept > 1) {
    const std::size_t form = LegalFormWordsBefore(keys, 1, kept);
    if (form == 0) break;
    kept -= form;
  }
  return kept == keys.size() ? matched.size() : words[kept - 1].end;
}

}  // namespace trustscreen::lists
