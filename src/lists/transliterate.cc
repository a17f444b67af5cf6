#include "trustscreen/lists/transliterate.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "name_syntax.h"
#include "trustscreen/core/utf8.h"
#include "trustscreen/lists/legal_forms.h"
#include "trustscreen/lists/name_pattern.h"

namespace trustscreen::lists {
namespace {

bool IsCyrillic(char32_t c) { return c >= 0x400 && c <= 0x4FF; }

char32_t LowerCyrillic(char32_t c) {
  if (c >= 0x410 && c <= 0x42F) return c + 0x20;
  if (c >= 0x400 && c <= 0x40F) return c + 0x50;
  if (c >= 0x460 && c <= 0x4FF && c % 2 == 0) return c + 1;  // paired letters: even = capital
  return c;
}

// Latin spellings of lower-case Cyrillic letters; a pattern ending in '?' may be left out.
std::string_view LatinOf(char32_t c) {
  switch (c) {
    case U'а':
      return "a";
    case U'б':
      return "b";
    case U'в':
      return "(?:v|w)";
    case U'г':
      return "(?:g|gh|h)";
    case U'д':
      return "d";
    case U'е':
      return "(?:e|ye|je|ie)";
    case U'ё':
      return "(?:e|yo|jo|io|ye)";
    case U'ж':
      return "(?:zh|j|z|g)";
    case U'з':
      return "z";
    case U'и':
      return "(?:i|y)";
    case U'й':
      return "(?:y|i|j)?";
    case U'к':
      return "(?:k|c|ck)";
    case U'л':
      return "l";
    case U'м':
      return "m";
    case U'н':
      return "n";
    case U'о':
      return "o";
    case U'п':
      return "p";
    case U'р':
      return "r";
    case U'с':
      return "(?:s|ss)";
    case U'т':
      return "t";
    case U'у':
      return "(?:u|ou)";
    case U'ф':
      return "(?:f|ph)";
    case U'х':
      return "(?:kh|h|x|ch)";
    case U'ц':
      return "(?:ts|c|tz|cz|tc)";
    case U'ч':
      return "(?:ch|tch|c|tsch|cz)";
    case U'ш':
      return "(?:sh|sch|s)";
    case U'щ':
      return "(?:shch|sch|shh|sh|sc)";
    case U'ъ':
      return "(?:['\"’]|ie)?";
    case U'ы':
      return "(?:y|i)";
    case U'ь':
      return "['’\"]?";
    case U'э':
      return "e";
    case U'ю':
      return "(?:yu|iu|ju|u)";
    case U'я':
      return "(?:ya|ia|ja|a)";
    case U'і':
      return "i";
    case U'ї':
      return "(?:yi|i|ji)";
    case U'є':
      return "(?:ye|ie|je|e)";
    case U'ґ':
      return "g";
    case U'ў':
      return "(?:u|w)";
    default:
      return "";
  }
}

constexpr std::string_view kConsonants = "bcdfgklmnpqrstvz";

struct LatinRule {
  std::string_view latin;
  std::string_view cyrillic;  // pattern
};

// Longest first within each starting letter; matched greedily left to right.
constexpr std::array<LatinRule, 44> kLatinRules = {{
    {"shch", "щ"},
    {"sch", "(?:щ|ш)"},
    {"tch", "ч"},
    {"zh", "ж"},
    {"kh", "х"},
    {"ts", "(?:ц|тс|тц)"},
    {"tz", "ц"},
    {"cz", "(?:ц|ч)"},
    {"ch", "(?:ч|х)"},
    {"sh", "ш"},
    {"ck", "к"},
    {"ph", "ф"},
    {"ya", "(?:я|ья|ъя|ия|йа)"},
    {"ia", "(?:я|ия|ья)"},
    {"ja", "я"},
    {"yu", "(?:ю|ью|ию)"},
    {"iu", "(?:ю|ию|ью)"},
    {"ju", "ю"},
    {"ye", "(?:е|ье|ъе|йе|э)"},
    {"je", "(?:е|ье)"},
    {"yo", "(?:ё|е|ьо|йо)"},
    {"jo", "(?:ё|е)"},
    {"yi", "(?:ї|ый|ий|и)"},
    {"iy", "(?:ий|ый|ій)"},
    {"a", "а"},
    {"b", "б"},
    {"c", "(?:ц|к|с|ч)"},
    {"d", "д"},
    {"e", "(?:е|э|ё|є)"},
    {"f", "ф"},
    {"g", "(?:г|ґ)"},
    {"h", "(?:х|г)"},
    {"i", "(?:и|ы|й|і)"},
    {"j", "(?:й|ж|дж)"},
    {"k", "к"},
    {"l", "л"},
    {"m", "м"},
    {"n", "н"},
    {"o", "о"},
    {"p", "п"},
    {"q", "к"},
    {"r", "р"},
    {"s", "с"},
    {"t", "т"},
}};

std::string_view CyrillicOfLetter(char c) {
  switch (c) {
    case 'u':
      return "(?:у|ю)";
    case 'v':
      return "в";
    case 'w':
      return "в";
    case 'x':
      return "(?:кс|х)";
    case 'y':
      return "(?:й|ы|и)";
    case 'z':
      return "з";
    default:
      return "";
  }
}

bool IsAsciiAlnum(char32_t c) { return c < 0x80 && std::isalnum(static_cast<int>(c)) != 0; }

// Splits `name` into words of letters and digits (apostrophes kept inside words).
std::vector<std::u32string> Words(std::string_view name) {
  std::vector<std::u32string> words;
  std::u32string word;
  for (std::size_t i = 0; i < name.size();) {
    std::size_t length = 1;
    const char32_t c = DecodeUtf8At(name, i, &length);
    const bool apostrophe = c == '\'' || c == 0x2019 || c == 0x2018;
    if (IsAsciiAlnum(c) || (c >= 0x80 && IsCyrillic(c)) || (apostrophe && !word.empty())) {
      word += c;
    } else if (!word.empty()) {
      words.push_back(std::move(word));
      word.clear();
    }
    i += length;
  }
  if (!word.empty()) words.push_back(std::move(word));
  return words;
}

void AppendEscapedAscii(char32_t c, std::string* out) {
  if (!IsAsciiAlnum(c)) *out += '\\';
  *out += static_cast<char>(c);
}

// The name without its legal forms where NamePattern leaves them out too.
std::string CoreOf(std::string_view name) {
  std::string core = StripLegalForms(name);
  return IsDistinctiveCore(core) ? core : std::string(name);
}

}  // namespace

bool HasCyrillic(std::string_view name) {
  for (std::size_t i = 0; i < name.size();) {
    std::size_t length = 1;
    if (IsCyrillic(DecodeUtf8At(name, i, &length))) return true;
    i += length;
  }
  return false;
}

bool IsCyrillicScriptCountry(std::string_view countries) {
  static constexpr std::array<std::string_view, 11> kCodes = {"RU", "BY", "UA", "KZ", "KG", "TJ",
                                                              "UZ", "MN", "BG", "RS", "MK"};
  std::size_t start = 0;
  while (start <= countries.size()) {
    std::size_t end = countries.find('|', start);
    if (end == std::string_view::npos) end = countries.size();
    const std::string_view code = countries.substr(start, end - start);
    if (std::find(kCodes.begin(), kCodes.end(), code) != kCodes.end()) return true;
    start = end + 1;
  }
  return false;
}

std::string CyrillicToLatinPattern(std::string_view cyrillic_name) {
  std::string pattern;
  for (const std::u32string& word : Words(cyrillic_name)) {
    if (!pattern.empty()) pattern += internal::kSeparator;
    for (std::size_t i = 0; i < word.size(); ++i) {
      const char32_t c = LowerCyrillic(word[i]);
      if (c == '\'' || c == 0x2019 || c == 0x2018) {
        pattern += "['’]?";
      } else if (c == U'к' && i + 1 < word.size() && LowerCyrillic(word[i + 1]) == U'с') {
        pattern += "(?:ks|x|cs)";  // Алексеев: Alekseev, Alexeev
        ++i;
      } else if (IsCyrillic(c)) {
        const std::string_view latin = LatinOf(c);
        if (!latin.empty()) {
          pattern += latin;
        } else {
          AppendUtf8(word[i], pattern);  // a letter of another Cyrillic alphabet: as written
        }
      } else {
        AppendEscapedAscii(c, &pattern);
      }
    }
  }
  return pattern;
}

std::string LatinToCyrillicPattern(std::string_view latin_name) {
  std::string pattern;
  for (const std::u32string& word32 : Words(latin_name)) {
    if (!pattern.empty()) pattern += internal::kSeparator;
    std::string word;  // lower-case ASCII; other characters as UTF-8
    for (char32_t c : word32) {
      if (c < 0x80) {
        word += static_cast<char>(std::tolower(static_cast<int>(c)));
      } else {
        AppendUtf8(c, word);
      }
    }
    for (std::size_t i = 0; i < word.size();) {
      const char c = word[i];
      if (static_cast<unsigned char>(c) >= 0x80) {
        pattern += c;  // Cyrillic inside a Latin name: as written
        ++i;
        continue;
      }
      if (c == '\'') {
        pattern += "[ьъ]?";
        ++i;
        continue;
      }
      if (std::isdigit(static_cast<unsigned char>(c))) {
        pattern += c;
        ++i;
        continue;
      }
      std::string_view cyrillic;
      std::size_t used = 1;
      for (const LatinRule& rule : kLatinRules) {
        if (std::string_view(word).substr(i).starts_with(rule.latin)) {
          cyrillic = rule.cyrillic;
          used = rule.latin.size();
          break;
        }
      }
      if (cyrillic.empty()) cyrillic = CyrillicOfLetter(c);
      // Doubled letters are often single in one of the spellings ("Rossiya", "Gazprom Neft").
      if (i + used < word.size() && word[i + used] == c && used == 1) {
        pattern += std::string(cyrillic) + "{1,2}";
        used = 2;
      } else if (c == 'c' && i + used == word.size()) {
        pattern += "(?:ц|к|с|ч|х)";  // "Rostec": Ростех
      } else {
        pattern += cyrillic;
      }
      i += used;
      // A soft or hard sign the romanisation dropped ("Rosneft": Роснефть, "Ilyushin").
      const char last = word[i - 1];
      if (kConsonants.find(last) != std::string_view::npos &&
          (i == word.size() || kConsonants.find(word[i]) != std::string_view::npos)) {
        pattern += "[ьъ]?";
      }
    }
  }
  return pattern;
}

std::vector<std::string> NameVariants(std::string_view name, std::string_view countries) {
  std::vector<std::string> variants;
  const NameShape shape = ShapeOf(name);
  if (shape != NameShape::kWords && shape != NameShape::kSingleWord) return variants;
  const std::string core = CoreOf(name);
  const std::vector<std::u32string> words = Words(core);
  if (words.empty() || (words.size() == 1 && words.front().size() < 5)) return variants;
  std::string pattern;
  if (HasCyrillic(core)) {
    pattern = CyrillicToLatinPattern(core);
  } else if (IsCyrillicScriptCountry(countries)) {
    pattern = LatinToCyrillicPattern(core);
  }
  if (!pattern.empty()) variants.push_back(std::move(pattern));
  return variants;
}

namespace {

// BGN/PCGN romanisation of a lower-case Cyrillic letter; "" for the signs, nullptr if not one.
const char* BgnOf(char32_t c) {
  static constexpr const char* kRussian[] = {
      "a", "b", "v", "g", "d", "e",  "zh", "z",  "i",  "y",    "k", "l", "m", "n", "o",  "p",
      "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "",  "y", "",  "e", "yu", "ya"};
  if (c >= 0x430 && c <= 0x44F) return kRussian[c - 0x430];
  switch (c) {
    case 0x451:  // ё
      return "e";
    case 0x456:  // і
      return "i";
    case 0x457:  // ї
      return "yi";
    case 0x454:  // є
      return "ye";
    case 0x491:  // ґ
      return "g";
    case 0x45E:  // ў
      return "w";
    default:
      return nullptr;
  }
}

bool IsUpperCyrillic(char32_t c) {
  return (c >= 0x400 && c <= 0x42F) || (c >= 0x460 && c <= 0x4FF && c % 2 == 0);
}

}  // namespace

std::string RomanizeCyrillic(std::string_view text, std::vector<std::size_t>* sources,
                             std::vector<bool>* romanised) {
  std::string out;
  out.reserve(text.size());
  auto append = [&](std::string_view piece, std::size_t source, bool from_cyrillic) {
    out.append(piece);
    if (sources != nullptr) sources->insert(sources->end(), piece.size(), source);
    if (romanised != nullptr) romanised->insert(romanised->end(), piece.size(), from_cyrillic);
  };
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t length = 1;
    const char32_t c = DecodeUtf8At(text, i, &length);
    const char* latin = IsCyrillic(c) ? BgnOf(LowerCyrillic(c)) : nullptr;
    if (latin == nullptr) {
      append(text.substr(i, length), i, false);
      i += length;
      continue;
    }
    std::string piece = latin;
    if (IsUpperCyrillic(c) && !piece.empty()) {
      // A capital in a word of capitals ("РОСТЕХ") gives capitals; else only the first letter.
      std::size_t next_length = 1;
      const bool next_upper =
          i + length < text.size() && IsUpperCyrillic(DecodeUtf8At(text, i + length, &next_length));
      const bool previous_upper = i > 0 && IsUpperCyrillic(DecodeUtf8Before(text, i));
      for (std::size_t k = 0; k < piece.size(); ++k) {
        if (k == 0 || next_upper || previous_upper) {
          piece[k] = static_cast<char>(std::toupper(static_cast<unsigned char>(piece[k])));
        }
      }
    }
    append(piece, i, true);
    i += length;
  }
  return out;
}

}  // namespace trustscreen::lists
