#include "trustscreen/lists/name_pattern.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <iterator>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "name_syntax.h"
#include "trustscreen/core/utf8.h"
#include "trustscreen/lists/legal_forms.h"

namespace trustscreen::lists {
namespace {

using internal::kSeparator;

// Beyond this, a legal form's pattern takes no more of its spellings (see LegalFormToken).
constexpr std::size_t kMaxFormPatternBytes = 1024;
constexpr std::string_view kApostrophe = "['’‘]?";

struct Variant {
  std::array<std::string_view, 2> spellings;  // normalised forms that map to the key
  std::string_view key;
  std::string_view pattern;
};

constexpr std::array<Variant, 10> kVariants = {{
    {{"university", "univ"}, "university", "univ(?:ersity)?"},
    {{"institute", "inst"}, "institute", "inst(?:itute)?"},
    {{"technology", "tech"}, "technology", "tech(?:nology)?"},
    {{"company", "co"}, "company", "co(?:mpany)?"},
    {{"limited", "ltd"}, "limited", "(?:limited|ltd)"},
    {{"corporation", "corp"}, "corporation", "corp(?:oration)?"},
    {{"international", "intl"}, "international", "(?:international|intl)"},
    {{"national", "natl"}, "national", "(?:national|natl)"},
    {{"defense", "defence"}, "defense", "defen[cs]e"},
    {{"and", "&"}, "and", "(?:and|&)"},
}};

bool IsAsciiAlnum(unsigned char c) { return std::isalnum(c) != 0; }

bool IsCjk(char32_t c) {
  return (c >= 0x3040 && c <= 0x9FFF) || (c >= 0xAC00 && c <= 0xD7AF) ||
         (c >= 0xF900 && c <= 0xFAFF) || c >= 0x20000;
}

bool IsApostrophe(char32_t c) { return c == '\'' || c == 0x2019 || c == 0x2018; }

// Non-ASCII characters that separate words like ASCII punctuation does (guillemets: «Сбербанк»).
bool IsUnicodeSeparator(char32_t c) {
  return c == 0xA0 || c == 0xAB || c == 0xBB || (c >= 0x2000 && c <= 0x206F) || c == 0x3000 ||
         c == 0xFEFF || (c >= 0xFF01 && c <= 0xFF0F);
}

struct Token {
  std::string key;      // normalised
  std::string pattern;  // the token's own spelling, escaped, apostrophes optional
  std::string written;  // the key before abbreviations were expanded ("ltd", not "limited")
  // For a legal form that the name requires (NamePieces): the pattern accepts the form as written
  // and every other form of its descriptor; not a word to index; at most this many ASCII runs.
  bool legal_form = false;
  int max_runs = 0;
};

void AppendEscaped(std::string_view bytes, std::string* out) {
  for (char c : bytes) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x80 && !IsAsciiAlnum(u)) *out += '\\';
    *out += c;
  }
}

std::vector<Token> Tokenize(std::string_view name) {
  std::vector<Token> tokens;
  tokens.reserve(8);
  Token current;
  auto flush = [&]() {
    if (!current.key.empty()) tokens.push_back(std::move(current));
    current = Token();
  };
  for (std::size_t i = 0; i < name.size();) {
    std::size_t length = 1;
    const char32_t c = DecodeUtf8At(name, i, &length);
    if (c < 0x80 && IsAsciiAlnum(static_cast<unsigned char>(c))) {
      const char letter = name[i];  // needs no escape in a pattern
      current.key +=
          letter >= 'A' && letter <= 'Z' ? static_cast<char>(letter - 'A' + 'a') : letter;
      current.pattern += letter;
    } else if (IsApostrophe(c)) {
      if (!current.key.empty()) current.pattern += kApostrophe;
    } else if (c == '&') {
      flush();
      current.key = "and";
      current.pattern = "and";
      flush();
    } else if (c < 0x80 || IsUnicodeSeparator(c) || c == 0xFFFD) {
      flush();
    } else {
      current.key.append(name.substr(i, length));
      current.pattern.append(name.substr(i, length));
    }
    i += length;
  }
  flush();
  // An apostrophe at the end of a token ("Peoples'") is optional text that the pattern may skip.
  for (Token& token : tokens) {
    while (token.pattern.size() >= kApostrophe.size() &&
           std::string_view(token.pattern).substr(token.pattern.size() - kApostrophe.size()) ==
               kApostrophe) {
      token.pattern.resize(token.pattern.size() - kApostrophe.size());
    }
  }
  if (tokens.size() > 1 && tokens.front().key == "the") tokens.erase(tokens.begin());
  for (Token& token : tokens) {
    token.written = token.key;
    for (const Variant& variant : kVariants) {
      if (token.key == variant.spellings[0] || token.key == variant.spellings[1]) {
        token.key = std::string(variant.key);
        token.pattern = std::string(variant.pattern);
        break;
      }
    }
  }
  return tokens;
}

// The ASCII runs a token's pattern can match: one, plus one per optional apostrophe and per
// non-ASCII letter (either can split a word into runs).
int TokenMaxRuns(const Token& token) {
  if (token.legal_form) return token.max_runs;
  int runs = 1;
  for (std::size_t at = token.pattern.find(kApostrophe); at != std::string::npos;
       at = token.pattern.find(kApostrophe, at + kApostrophe.size())) {
    ++runs;
  }
  for (char c : token.key) {
    const auto u = static_cast<unsigned char>(c);
    if (u >= 0x80 && (u & 0xC0) != 0x80) ++runs;  // the first byte of a non-ASCII letter
  }
  return runs;
}

bool IsAsciiText(std::string_view text) {
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

// Tokens [begin, end), a legal form, as one token whose pattern accepts the form as written (with
// the abbreviation variants) or any other form of its descriptors ("Ltd": "Limited", "Limited
// Company", "Ltd. Co."…; "OAO": "ОАО", "Open Joint Stock Company"…).
Token LegalFormToken(const std::vector<Token>& tokens, std::size_t begin, std::size_t end) {
  Token form;
  form.legal_form = true;
  std::string written;
  std::string as_written;
  for (std::size_t i = begin; i < end; ++i) {
    written += (i == begin ? "" : " ") + tokens[i].written;
    form.key += (i == begin ? "" : " ") + tokens[i].key;
    if (i > begin) as_written += kSeparator;
    as_written += tokens[i].pattern;
    form.max_runs += TokenMaxRuns(tokens[i]);
  }
  form.written = written;
  form.pattern = "(?:" + as_written;
  const bool latin = IsAsciiText(written);
  for (const std::string& variant : LegalFormVariants(written)) {
    // The rest of the name is in the script of the form as written, and so is the text that names
    // it; long forms of other scripts would only make the pattern large (Cyrillic phrases of 100
    // bytes and more).
    if (IsAsciiText(variant) != latin || std::count(variant.begin(), variant.end(), ' ') >= 4) {
      continue;
    }
    // A form with dozens of spellings (ООО: "oсoo", "ликвидационная комиссия"…) would make every
    // such name's pattern tens of kilobytes; past this size the other spellings are left out.
    if (form.pattern.size() > kMaxFormPatternBytes) break;
    form.pattern += "|" + LegalFormKeyPattern(variant);
    form.max_runs = std::max(form.max_runs, LegalFormKeyMaxAlnumRuns(variant));
  }
  form.pattern += ")";
  return form;
}

// The tokens of an ordinary name as its pattern matches them: a name with leading or trailing
// legal forms ("PJSC Sberbank of Russia", "Beijing X Technology Co., Ltd.") loses them when the
// rest is distinctive (IsDistinctiveCore), since then any legal form or none may surround it; else
// each form becomes one token that accepts the variants of that form ("Technical Services Ltd").
std::vector<Token> NamePiecesUncached(std::string_view name) {
  std::vector<Token> tokens = Tokenize(name);
  std::vector<std::string> words;
  for (Token& token : tokens) words.push_back(LegalFormKey(token.written));
  std::size_t begin = 0;
  std::size_t end = tokens.size();
  std::vector<std::pair<std::size_t, std::size_t>> forms;  // [begin, end) of each form
  for (std::size_t n; (n = LegalFormWordsAt(words, begin, end)) > 0 && n < end - begin;) {
    forms.emplace_back(begin, begin + n);
    begin += n;
  }
  for (std::size_t n; (n = LegalFormWordsBefore(words, begin, end)) > 0 && n < end - begin;) {
    forms.emplace_back(end - n, end);
    end -= n;
  }
  if (forms.empty()) return tokens;
  std::string core;
  for (std::size_t i = begin; i < end; ++i) core += (i == begin ? "" : " ") + tokens[i].key;
  if (IsDistinctiveCore(core)) {
    return std::vector<Token>(std::make_move_iterator(tokens.begin() + begin),
                              std::make_move_iterator(tokens.begin() + end));
  }
  std::sort(forms.begin(), forms.end());
  std::vector<Token> pieces;
  std::size_t next = 0;
  for (const auto& [form_begin, form_end] : forms) {
    while (next < form_begin) pieces.push_back(std::move(tokens[next++]));
    pieces.push_back(LegalFormToken(tokens, form_begin, form_end));
    next = form_end;
  }
  while (next < tokens.size()) pieces.push_back(std::move(tokens[next++]));
  return pieces;
}

// NamePattern, IndexWords and MaxAlnumRuns each split the same name, one after the other, when the
// rules load: the last few splits of each thread are kept (legal-form lookups are most of it).
// (A copy is returned: a caller may split another name before it is done with these tokens.)
std::vector<Token> NamePieces(std::string_view name) {
  struct Split {
    std::string name;
    std::vector<Token> tokens;
  };
  constexpr std::size_t kKept = 4;
  thread_local std::array<Split, kKept> splits;
  thread_local std::size_t next = 0;
  for (const Split& split : splits) {
    if (!split.name.empty() && split.name == name) return split.tokens;
  }
  Split& split = splits[next];
  next = (next + 1) % kKept;
  split.name = std::string(name);
  split.tokens = NamePiecesUncached(name);
  return split.tokens;
}

bool IsDomain(std::string_view name) {
  if (name.find('.') == std::string_view::npos) return false;
  std::size_t label_length = 0;
  bool last_label_alpha = true;
  for (char c : name) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '.') {
      if (label_length == 0) return false;
      label_length = 0;
      last_label_alpha = true;
      continue;
    }
    if (!(std::islower(u) || std::isdigit(u) || c == '-')) return false;
    if (!std::islower(u)) last_label_alpha = false;
    ++label_length;
  }
  return label_length >= 2 && last_label_alpha;
}

}  // namespace

namespace {

// "PROGRESS AO" -> "PROGRESS", "Gazprom PJSC" -> "Gazprom": a name whose legal form NamePattern
// leaves out and whose rest is one word or an acronym is matched as that word is (as written or in
// capitals, with context): "progress" in prose is not the listed company. "" for other names.
std::string SingleWordCoreUncached(std::string_view name) {
  std::string core = StripLegalForms(name);
  // "THE PLANAR COMPANY", "THE BASE": the pattern drops a leading "the" too, so the name is one
  // word.
  if (core.size() > 4 &&
      (core.rfind("the ", 0) == 0 || core.rfind("The ", 0) == 0 || core.rfind("THE ", 0) == 0)) {
    core.erase(0, 4);
  }
  if (core.size() == name.size() || core.empty()) return "";
  const NameShape core_shape = ShapeOf(core);
  // A word left alone by dropping "the" is one word whether distinctive or not ("THE BASE").
  if (!IsDistinctiveCore(core) && StripLegalForms(name).size() != name.size()) return "";
  if (core_shape == NameShape::kSingleWord || core_shape == NameShape::kAcronym) return core;
  return "";
}

// Loading the rules asks this of every name several times over (ShapeOf, NamePattern, IndexWords,
// MaxAlnumRuns, for the name and then its core), and StripLegalForms is most of loading's time:
// the last few answers of each thread are kept.
std::string SingleWordCore(std::string_view name) {
  struct Answer {
    std::string name;
    std::string core;
  };
  constexpr std::size_t kKept = 4;
  thread_local std::array<Answer, kKept> answers;
  thread_local std::size_t next = 0;
  for (const Answer& answer : answers) {
    if (answer.name == name && !name.empty()) return answer.core;
  }
  Answer& answer = answers[next];
  next = (next + 1) % kKept;
  answer.name = std::string(name);
  answer.core = SingleWordCoreUncached(name);
  return answer.core;
}

}  // namespace

NameShape ShapeOf(std::string_view name) {
  for (std::size_t i = 0; i < name.size();) {
    std::size_t length = 1;
    if (IsCjk(DecodeUtf8At(name, i, &length))) return NameShape::kCjk;
    i += length;
  }
  if (IsDomain(name)) return NameShape::kDomain;
  if (const std::string core = SingleWordCore(name); !core.empty()) return ShapeOf(core);
  if (name.size() >= 2 && name.size() <= 5 && std::isupper(static_cast<unsigned char>(name[0]))) {
    bool acronym = true;
    for (char c : name) {
      const auto u = static_cast<unsigned char>(c);
      acronym = acronym && (std::isupper(u) || std::isdigit(u));
    }
    if (acronym) return NameShape::kAcronym;
  }
  // Letters and digits only: one token (Tokenize), a word unless it is "and".
  const bool plain = !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    return IsAsciiAlnum(static_cast<unsigned char>(c));
  });
  const auto is_and = [](std::string_view word) {
    return word.size() == 3 && std::tolower(static_cast<unsigned char>(word[0])) == 'a' &&
           std::tolower(static_cast<unsigned char>(word[1])) == 'n' &&
           std::tolower(static_cast<unsigned char>(word[2])) == 'd';
  };
  return plain && !is_and(name) ? NameShape::kSingleWord : NameShape::kWords;
}

bool IsEnglishWordAcronym(std::string_view name) {
  // Sorted. Common words of two to five letters that contracts set in capitals.
  static constexpr std::array<std::string_view, 60> kWords = {
      "ACT", "ADD", "AGE", "AID", "AIM",   "AIR", "ALL", "AND", "ANY", "ARE", "ART",  "AS",
      "AT",  "BE",  "BUT", "BY",  "CAN",   "DAY", "DUE", "END", "FEE", "FOR", "FORM", "FROM",
      "HAS", "HE",  "HER", "HIS", "IF",    "IN",  "IS",  "IT",  "ITS", "KEY", "LAW",  "MAY",
      "NET", "NEW", "NO",  "NOR", "NOT",   "NOW", "OF",  "ON",  "ONE", "OR",  "OUR",  "OUT",
      "OWN", "PAY", "PER", "SET", "SHALL", "THE", "TO",  "TOP", "USE", "VIA", "WAY",  "WHO"};
  return std::binary_search(kWords.begin(), kWords.end(), name);
}

bool NeedsContext(NameShape shape) {
  return shape == NameShape::kAcronym || shape == NameShape::kSingleWord;
}

bool IsFillerName(std::string_view name) {
  static constexpr std::array<std::string_view, 16> kFiller = {
      "and", "the", "of",   "limited", "company", "corporation", "incorporated", "inc",
      "llc", "jsc", "pjsc", "cjsc",    "ojsc",    "gmbh",        "group",        "company limited"};
  const std::string key = NormalizeName(name);
  for (std::string_view filler : kFiller) {
    if (key == filler) return true;
  }
  // One or two characters ("Al", "EC", "ED"): too short to mean anything on their own.
  return key.size() < 3;
}

std::string NormalizeName(std::string_view name) {
  std::string key;
  for (const Token& token : Tokenize(name)) {
    if (!key.empty()) key += ' ';
    key += token.key;
  }
  return key;
}

std::string NamePattern(std::string_view name) {
  if (const std::string core = SingleWordCore(name); !core.empty()) return NamePattern(core);
  switch (ShapeOf(name)) {
    case NameShape::kCjk: {
      // "北京X科技有限公司" is also "北京X科技股份有限公司" and "北京X科技": its legal form is
      // optional where the rest is distinctive (no word boundaries in CJK text).
      const std::string core = StripLegalForms(name);
      std::string pattern;
      AppendEscaped(IsDistinctiveCore(core) ? std::string_view(core) : name, &pattern);
      return pattern;
    }
    case NameShape::kDomain: {
      std::string pattern;
      AppendEscaped(name, &pattern);
      return pattern;
    }
    case NameShape::kAcronym:
      return "(?-i:" + std::string(name) + ")";
    case NameShape::kSingleWord: {
      std::string upper(name);
      for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      if (upper != name) return "(?-i:" + std::string(name) + "|" + upper + ")";
      // Lists write most names in capitals ("SBERBANK", "ROSOBORONEXPORT"); text writes them
      // capitalised.
      std::string capitalized = upper;
      for (std::size_t i = 1; i < capitalized.size(); ++i) {
        capitalized[i] =
            static_cast<char>(std::tolower(static_cast<unsigned char>(capitalized[i])));
      }
      return "(?-i:" + upper + "|" + capitalized + ")";
    }
    case NameShape::kWords:
      break;
  }
  std::string pattern;
  for (const Token& token : NamePieces(name)) {
    if (!pattern.empty()) pattern += kSeparator;
    pattern += token.pattern;
  }
  return pattern;
}

std::vector<NameWord> IndexWords(std::string_view name) {
  if (const std::string core = SingleWordCore(name); !core.empty()) return IndexWords(core);
  auto lower_alnum = [](std::string_view text) {
    std::string word;
    for (char c : text) {
      const auto u = static_cast<unsigned char>(c);
      if (!IsAsciiAlnum(u)) return std::string();
      word += static_cast<char>(std::tolower(u));
    }
    return word;
  };
  std::vector<NameWord> words;
  switch (ShapeOf(name)) {
    case NameShape::kCjk:
    case NameShape::kDomain:
      return words;
    case NameShape::kAcronym:
    case NameShape::kSingleWord: {
      std::string word = lower_alnum(name);
      if (word.empty()) return words;
      NameWord::Case letter_case = NameWord::Case::kAny;
      if (std::isupper(static_cast<unsigned char>(name[0]))) {
        letter_case = ShapeOf(name) == NameShape::kAcronym ? NameWord::Case::kUpper
                                                           : NameWord::Case::kCapitalized;
      }
      words.push_back({{std::move(word)}, letter_case});
      return words;
    }
    case NameShape::kWords:
      break;
  }
  for (const Token& token : NamePieces(name)) {
    if (token.key == "and" || token.legal_form) continue;  // "&" is no word; a form has many
    const Variant* variant = nullptr;
    for (const Variant& candidate : kVariants) {
      if (token.key == candidate.key) variant = &candidate;
    }
    if (variant != nullptr && token.pattern == variant->pattern) {
      words.push_back({{std::string(variant->spellings[0]), std::string(variant->spellings[1])}});
      continue;
    }
    // An optional apostrophe makes the pattern more than the word; so does a non-ASCII letter.
    std::string word = lower_alnum(token.pattern);
    if (!word.empty() && word == token.key) words.push_back({{std::move(word)}});
  }
  return words;
}

int MaxAlnumRuns(std::string_view name) {
  if (const std::string core = SingleWordCore(name); !core.empty()) return MaxAlnumRuns(core);
  switch (ShapeOf(name)) {
    case NameShape::kCjk:
    case NameShape::kDomain:
      return 0;
    case NameShape::kAcronym:
    case NameShape::kSingleWord:
      return 1;
    case NameShape::kWords:
      break;
  }
  int runs = 0;
  for (const Token& token : NamePieces(name)) runs += TokenMaxRuns(token);
  return runs;
}

bool SplitTrailingAcronym(std::string_view listed, std::string* name, std::string* acronym) {
  std::size_t end = listed.find_last_not_of(' ');
  if (end == std::string_view::npos || listed[end] != ')') return false;
  const std::size_t open = listed.rfind('(', end);
  if (open == std::string_view::npos || open == 0) return false;
  const std::string_view inner = listed.substr(open + 1, end - open - 1);
  // Three to eight capitals: "(NUDT)", "(BUAA)"; not a country "(UK)" or a legal form "(LIMITED)".
  if (inner.size() < 3 || inner.size() > 8 || IsFillerName(inner)) return false;
  for (char c : inner) {
    if (!std::isupper(static_cast<unsigned char>(c)) &&
        !std::isdigit(static_cast<unsigned char>(c))) {
      return false;
    }
  }
  std::string_view head = listed.substr(0, open);
  while (!head.empty() && head.back() == ' ') head.remove_suffix(1);
  if (head.empty()) return false;
  *name = std::string(head);
  *acronym = std::string(inner);
  return true;
}

}  // namespace trustscreen::lists
