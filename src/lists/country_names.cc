#include "trustscreen/lists/country_names.h"

#include <algorithm>
#include <array>
#include <string>
#include <utility>

#include "trustscreen/core/strings.h"
#include "trustscreen/lists/name_pattern.h"

namespace trustscreen::lists {
namespace {

// Sorted for binary search. Words of the bodies every state has; not words that identify one.
constexpr std::array<std::string_view, 88> kGenericWords = {
    "administration", "affair",      "affairs",      "agency",        "air",
    "airline",        "airlines",    "and",          "armed",         "army",
    "bank",           "banking",     "bureau",       "center",        "central",
    "centre",         "commercial",  "commission",   "committee",     "company",
    "complex",        "cooperative", "corporation",  "council",       "credit",
    "defense",        "department",  "development",  "directorate",   "economy",
    "education",      "energy",      "finance",      "for",           "force",
    "forces",         "foreign",     "general",      "government",    "group",
    "headquarters",   "health",      "holding",      "holdings",      "home",
    "industrial",     "industry",    "information",  "institute",     "insurance",
    "intelligence",   "interior",    "internal",     "international", "investment",
    "investments",    "islamic",     "justice",      "limited",       "main",
    "ministry",       "national",    "navy",         "new",           "of",
    "office",         "oil",         "petroleum",    "police",        "public",
    "research",       "saving",      "savings",      "science",       "security",
    "service",        "services",    "shipping",     "solutions",     "staff",
    "state",          "technical",   "technologies", "technology",    "the",
    "trade",          "trading",     "union"};

struct Country {
  std::string_view code;
  std::string_view names;  // lower case, '|'-separated
};

constexpr std::array<Country, 40> kCountries = {{
    {"AE", "united arab emirates|uae|emirati"},
    {"AF", "afghanistan|afghan"},
    {"AM", "armenia|armenian"},
    {"BY", "belarus|belarusian"},
    {"CN", "china|chinese|prc|people's republic of china"},
    {"CU", "cuba|cuban"},
    {"EG", "egypt|egyptian"},
    {"ER", "eritrea|eritrean"},
    {"GE", "georgia|georgian"},
    {"HK", "hong kong"},
    {"IN", "india|indian"},
    {"IQ", "iraq|iraqi"},
    {"IR", "iran|iranian|persian"},
    {"JO", "jordan|jordanian"},
    {"KG", "kyrgyzstan|kyrgyz"},
    {"KP", "north korea|dprk|korean people's|democratic people's republic of korea"},
    {"KZ", "kazakhstan|kazakh"},
    {"LB", "lebanon|lebanese"},
    {"LY", "libya|libyan"},
    {"MM", "burma|myanmar|burmese"},
    {"MO", "macau|macao"},
    {"MY", "malaysia|malaysian"},
    {"NI", "nicaragua|nicaraguan"},
    {"OM", "oman|omani"},
    {"PK", "pakistan|pakistani"},
    // Russian legal forms say the company is Russian ("PJSC Sberbank").
    {"RU", "russia|russian|rossii|rossiya|rossiyskaya|rossiyskoy|pjsc|pao|oao"},
    {"SA", "saudi arabia|saudi"},
    {"SD", "sudan|sudanese"},
    {"SG", "singapore|singaporean"},
    {"SO", "somalia|somali"},
    {"SS", "south sudan"},
    {"SY", "syria|syrian"},
    {"TH", "thailand|thai"},
    {"TR", "turkey|türkiye|turkish"},
    {"TW", "taiwan|taiwanese"},
    {"UA", "ukraine|ukrainian"},
    {"UZ", "uzbekistan|uzbek"},
    {"VE", "venezuela|venezuelan"},
    {"VN", "vietnam|viet nam|vietnamese"},
    {"YE", "yemen|yemeni"},
}};

}  // namespace

bool IsGenericName(std::string_view name) {
  static const std::array<std::string_view, kGenericWords.size()> sorted = [] {
    auto words = kGenericWords;
    std::sort(words.begin(), words.end());
    return words;
  }();
  const std::string key = NormalizeName(name);
  if (key.empty()) return false;
  const std::vector<std::string_view> words = SplitFields(key, ' ');
  for (const std::string_view word : words) {
    // A single letter ("Group A") names nothing either.
    if (word.size() > 1 && !std::binary_search(sorted.begin(), sorted.end(), word)) {
      return false;
    }
  }
  return words.size() >= 2;
}

std::vector<std::string_view> CountryNames(std::string_view countries) {
  std::vector<std::string_view> names;
  for (const std::string_view code : SplitFields(countries, '|')) {
    for (const Country& country : kCountries) {
      if (country.code != code) continue;
      for (const std::string_view name : SplitFields(country.names, '|')) names.push_back(name);
    }
  }
  return names;
}

}  // namespace trustscreen::lists
