// ASPI's China Defence Universities Tracker as the MISP galaxy cluster JSON (importers.h):
// {"values": [{"uuid", "value": "English name (中文名)", "meta": {"aliases", "categories",
// "address", "refs", "major defence laboratories", "subsidiaries", …}, "description"}]}.
//
// Per institution: id = uuid; name = the English part of "value", the Chinese part an alias;
// meta.aliases aliases (a trailing "(ACRONYM)" split off); category = the most severe of
// meta.categories (Seven sons of national defence > Military > Security > Defence industry
// conglomerate > Civilian), all of them in the notes when there are several; country CN (HK or MO
// when the address says so); address = meta.address; reference = meta.refs[0].
//
// Laboratories and subsidiaries become entries of their own ("<uuid>/lab-N", "<uuid>/sub-N", N
// their 1-based place in the source's array, so that ids do not move when the rules below
// change), with the parent's category and reference and the notes "defence laboratory of
// <parent>" / "subsidiary of <parent>". Their strings are scraped list items, and not all are
// names (LabOrSubsidiary):
//   - ASPI's remarks on the item before ("Jointly established with …", "May be the same as …",
//     "Located in …", truncated "Norinco’s 59") are skipped: they are prose, not names;
//   - "X (中文) aka Y (中文)", "X, a.k.a. Y", "X, now known as Y", "A/B", "A or B" give several
//     names, the first the entry's name; "(B类)" (a Ministry of Education grade) and editorial
//     "[…]" insertions are dropped; a trailing "(Hong Kong)", "(Shanghai)" qualifier leaves the
//     name for the notes (a country qualifier sets the country);
//   - an item whose English names are all generic is skipped, Chinese names and all
//     (IsGenericUnitName): "Artificial Intelligence Research Center (人工智能研究中心)" names a
//     unit of every university, and its Chinese name is the same generic phrase, so no name of it
//     identifies the parent's unit without the parent's name next to it, which is matched anyway;
//   - an item repeating an earlier one of the same parent (AMS lists its Academy of Military
//     Medical Sciences as both) is skipped.
//
// Not imported: "description" and meta.topics (ASPI's text, © ASPI), supervising agencies,
// coordinates. The galaxy states no data date: ImportOptions::published gives it.

#include <algorithm>
#include <array>
#include <cctype>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "country_codes.h"
#include "importers.h"
#include "trustscreen/core/strings.h"
#include "trustscreen/core/utf8.h"
#include "trustscreen/lists/country_names.h"
#include "trustscreen/lists/name_pattern.h"

namespace trustscreen::lists::internal {
namespace {

using Json = nlohmann::json;

constexpr std::string_view kListName = "ASPI China Defence Universities Tracker";

// Most severe first.
constexpr std::array<std::string_view, 5> kCategoryOrder = {
    "Seven sons of national defence", "Military", "Security", "Defence industry conglomerate",
    "Civilian"};

bool IsHan(char32_t c) {
  return (c >= 0x3400 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) ||
         (c >= 0x20000 && c <= 0x2FFFF);
}

std::size_t CodePoints(std::string_view text) {
  std::size_t count = 0;
  for (std::size_t i = 0; i < text.size(); ++count) {
    std::size_t length = 1;
    DecodeUtf8At(text, i, &length);
    i += length;
  }
  return count;
}

bool EndsWith(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

std::string TrimPunctuation(std::string text) {
  text = Trim(text);
  while (!text.empty() && (text.back() == ',' || text.back() == ';' || text.back() == ' ')) {
    text.pop_back();
  }
  return Trim(text);
}

// "English (中文)" -> the English part and the Chinese part (without its parentheses, ASCII or
// full-width, which the source mixes). The Chinese part starts at the parenthesis before the
// first Han character; text without Han characters is all English.
void SplitEnglishChinese(const std::string& text, std::string* english, std::string* chinese) {
  std::size_t han = std::string::npos;
  for (std::size_t i = 0; i < text.size();) {
    std::size_t length = 1;
    if (IsHan(DecodeUtf8At(text, i, &length))) {
      han = i;
      break;
    }
    i += length;
  }
  if (han == std::string::npos) {
    *english = TrimPunctuation(text);
    chinese->clear();
    return;
  }
  const std::string_view before = std::string_view(text).substr(0, han);
  const std::size_t ascii = before.rfind('(');
  const std::size_t wide = before.rfind("\xEF\xBC\x88");  // U+FF08 （
  std::size_t open = std::string::npos;
  std::size_t open_length = 0;
  if (ascii != std::string::npos && (wide == std::string::npos || ascii > wide)) {
    open = ascii;
    open_length = 1;
  } else if (wide != std::string::npos) {
    open = wide;
    open_length = 3;
  }
  if (open == std::string::npos) {  // Chinese only, or "KDP晶体…" without parentheses
    *english = TrimPunctuation(text.substr(0, han));
    *chinese = Trim(text.substr(han));
    return;
  }
  *english = TrimPunctuation(text.substr(0, open));
  std::string rest = Trim(text.substr(open + open_length));
  if (EndsWith(rest, ")")) {
    rest.pop_back();
  } else if (EndsWith(rest, "\xEF\xBC\x89")) {  // ）
    rest.resize(rest.size() - 3);
  }
  *chinese = Trim(rest);
}

// Splits on any of `separators`; a piece too short to be a name on its own ("微米" of
// "微米/纳米加工技术…", "Micro" of "Micro/Nano Fabrication") is joined to the next with '/'.
std::vector<std::string> SplitAlternatives(const std::string& text,
                                           const std::vector<std::string_view>& separators,
                                           bool (*too_short)(std::string_view)) {
  std::vector<std::string> raw;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= text.size();) {
    std::size_t matched = 0;
    if (i < text.size()) {
      for (std::string_view separator : separators) {
        if (text.compare(i, separator.size(), separator) == 0) {
          matched = separator.size();
          break;
        }
      }
    }
    if (i == text.size() || matched > 0) {
      raw.push_back(Trim(text.substr(start, i - start)));
      if (i == text.size()) break;
      i += matched;
      start = i;
    } else {
      ++i;
    }
  }
  std::vector<std::string> pieces;
  std::string pending;
  for (std::string& piece : raw) {
    if (piece.empty()) continue;
    if (!pending.empty()) piece = pending + "/" + piece;
    pending.clear();
    if (too_short(piece)) {
      pending = piece;
    } else {
      pieces.push_back(std::move(piece));
    }
  }
  if (!pending.empty()) pieces.push_back(pending);
  return pieces;
}

bool ShortChinese(std::string_view piece) { return CodePoints(piece) < 3; }

bool ShortEnglish(std::string_view piece) { return piece.find(' ') == std::string_view::npos; }

// The Chinese names in the Chinese part: "甲/乙", "甲 or 乙", "XJTLU, 西交利物浦大学"; quotes and
// a trailing "(B类)" grade dropped.
std::vector<std::string> ChineseNames(std::string chinese) {
  // "区块链研究院; located in Shenzhen": a remark after the name.
  for (std::string_view stop : {";", "\xEF\xBC\x9B"}) {
    const std::size_t at = chinese.find(stop);
    if (at != std::string::npos) chinese.resize(at);
  }
  std::vector<std::string> names;
  for (std::string piece : SplitAlternatives(
           chinese, {"/", "\xEF\xBC\x8F", " or ", ",", "\xEF\xBC\x8C"}, &ShortChinese)) {
    std::string cleaned;
    for (char c : piece) {
      if (c != '"') cleaned += c;
    }
    for (std::string_view grade : {"(B类)", "（B类）", "(b类)", "（B类)", "(B类）"}) {
      if (EndsWith(cleaned, grade)) cleaned.resize(cleaned.size() - grade.size());
    }
    cleaned = Trim(cleaned);
    // Latin text among the Chinese names counts only as an acronym ("XJTLU").
    bool han = false;
    for (std::size_t i = 0; i < cleaned.size();) {
      std::size_t length = 1;
      han |= IsHan(DecodeUtf8At(cleaned, i, &length));
      i += length;
    }
    if (!cleaned.empty() && (han || ShapeOf(cleaned) == NameShape::kAcronym)) {
      names.push_back(cleaned);
    }
  }
  return names;
}

// Words of the units every university or group has: with IsGenericName's words (ministry,
// national, defence, research, centre, institute, technology, …) they make a name that needs its
// parent's name next to it to mean one unit.
bool IsGenericWord(std::string_view word) {
  static constexpr std::array<std::string_view, 46> kWords = {"academy",      "advanced",
                                                              "affiliated",   "applied",
                                                              "artificial",   "asset",
                                                              "base",         "basic",
                                                              "branch",       "campus",
                                                              "capital",      "co",
                                                              "college",      "command",
                                                              "commissioned", "engineering",
                                                              "fifth",        "first",
                                                              "fourth",       "frontier",
                                                              "graduate",     "holding",
                                                              "holdings",     "hospital",
                                                              "innovation",   "interdisciplinary",
                                                              "investment",   "key",
                                                              "lab",          "laboratory",
                                                              "ltd",          "management",
                                                              "military",     "non",
                                                              "officer",      "political",
                                                              "school",       "sciences",
                                                              "second",       "space",
                                                              "system",       "systems",
                                                              "teaching",     "third",
                                                              "training",     "unmanned"};
  static constexpr std::array<std::string_view, 3> kMore = {"university", "warfare", "work"};
  if (std::find(kWords.begin(), kWords.end(), word) != kWords.end() ||
      std::find(kMore.begin(), kMore.end(), word) != kMore.end()) {
    return true;
  }
  // "national" is generic, so the pair is generic exactly when `word` is (or is one letter).
  return IsGenericName("national " + std::string(word));
}

// An English name of generic words only, and at most five of them besides "of", "the", "for",
// "and", "on", "in": "Artificial Intelligence Research Center", "Institute of Systems
// Engineering", "Space Non-Commissioned Officer School". Longer names ("National Defense Science
// and Technology Innovation Institute") are specific enough as a phrase.
bool IsGenericUnitName(std::string_view name) {
  if (IsGenericName(name)) return true;
  const std::string key = NormalizeName(name);
  if (key.empty()) return false;
  int words = 0;
  for (const std::string& word : SplitOn(key, ' ')) {
    if (word.empty() || word == "of" || word == "the" || word == "for" || word == "and" ||
        word == "on" || word == "in") {
      continue;
    }
    if (!IsGenericWord(word)) return false;
    ++words;
  }
  return words > 0 && words <= 5;
}

// ASPI's remarks among the laboratories: the first word says so.
bool IsRemark(const std::string& text) {
  if (text.empty()) return true;
  const auto first = static_cast<unsigned char>(text[0]);
  if (text[0] == '(' || std::islower(first)) return true;
  const std::string lower = AsciiLower(text);
  if (lower.rfind("the lab ", 0) == 0) return true;
  const std::string word = lower.substr(0, lower.find(' '));
  static constexpr std::array<std::string_view, 25> kRemarkWords = {
      "a",     "aka",  "also",  "an",         "based",    "does",       "established",
      "hosts", "in",   "it",    "jointly",    "linked",   "literally",  "located",
      "may",   "not",  "one",   "originally", "possibly", "previously", "probably",
      "these", "this", "under", "unspecified"};
  return std::find(kRemarkWords.begin(), kRemarkWords.end(), word) != kRemarkWords.end();
}

// Removes editorial "[…]" insertions ("Military [Artificial] Intelligence"); "[Probable]" sets
// *probable.
std::string DropInsertions(const std::string& text, bool* probable) {
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t open = text.find('[', i);
    if (open == std::string::npos) break;
    const std::size_t close = text.find(']', open);
    if (close == std::string::npos) break;
    out += text.substr(i, open - i);
    while (!out.empty() && out.back() == ' ') out.pop_back();
    if (AsciiLower(text.substr(open + 1, close - open - 1)) == "probable") *probable = true;
    i = close + 1;
  }
  out += text.substr(i);
  // "… and EMC [Electro-magnetic Compatibility], Ministry …": no space left before the comma.
  std::string cleaned = CleanText(out, nullptr);
  for (std::size_t at = cleaned.find(" ,"); at != std::string::npos; at = cleaned.find(" ,", at)) {
    cleaned.erase(at, 1);
  }
  return cleaned;
}

struct Unit {
  std::string name;
  std::vector<std::string> aliases;
  std::string qualifier;  // "(Shanghai)" and the like, for the notes
  std::string country;    // from a country qualifier
  bool probable = false;
};

// The English names in the English part: "A / B", "A or B", and "Hospital/B" where the word
// before the slash ends a name (not "Micro/Nano Fabrication").
std::vector<std::string> EnglishNames(const std::string& english) {
  static constexpr std::array<std::string_view, 12> kNameEnds = {
      "academy",  "center",    "centre", "college",    "company", "group",
      "hospital", "institute", "lab",    "laboratory", "school",  "university"};
  std::vector<std::string> names;
  for (const std::string& spaced : SplitAlternatives(english, {" / ", " or "}, &ShortEnglish)) {
    std::size_t start = 0;
    for (std::size_t slash = spaced.find('/'); slash != std::string::npos;
         slash = spaced.find('/', slash + 1)) {
      const std::size_t word = spaced.rfind(' ', slash);
      const std::string before =
          AsciiLower(spaced.substr(word == std::string::npos ? 0 : word + 1,
                                   slash - (word == std::string::npos ? 0 : word + 1)));
      if (std::find(kNameEnds.begin(), kNameEnds.end(), before) == kNameEnds.end()) continue;
      names.push_back(Trim(spaced.substr(start, slash - start)));
      start = slash + 1;
    }
    names.push_back(Trim(spaced.substr(start)));
  }
  std::erase_if(names, [](const std::string& name) { return name.empty(); });
  return names;
}

// A sentence rather than a name: ends with '.' that closes no abbreviation ("Co.", "Ltd.").
bool IsSentence(const std::string& text) {
  if (text.empty() || text.back() != '.') return false;
  const std::size_t space = text.rfind(' ');
  const std::string last = AsciiLower(text.substr(space == std::string::npos ? 0 : space + 1));
  for (std::string_view abbreviation : {"co.", "ltd.", "inc.", "corp.", "lab.", "no."}) {
    if (last == abbreviation) return false;
  }
  return true;
}

// A laboratory or subsidiary string -> the unit's names; false if it is a remark or generic.
bool LabOrSubsidiary(const std::string& text, Unit* unit) {
  if (IsRemark(text) || IsSentence(text) || text.find("XXXX") != std::string::npos) return false;
  const std::string plain = DropInsertions(text, &unit->probable);
  // Segments: "X (中文) aka Y (中文)", "X, a.k.a. Y", "X, now known as the Y".
  std::vector<std::string> segments = {plain};
  for (std::string_view marker :
       {" a.k.a. ", " a.k.a ", " aka ", " also known as ", " now known as "}) {
    std::vector<std::string> next;
    for (const std::string& segment : segments) {
      std::size_t start = 0;
      for (std::size_t at = segment.find(marker); at != std::string::npos;
           at = segment.find(marker, start)) {
        next.push_back(TrimPunctuation(segment.substr(start, at - start)));
        start = at + marker.size();
      }
      std::string last = Trim(segment.substr(start));
      if (last.rfind("the ", 0) == 0) last = last.substr(4);
      next.push_back(TrimPunctuation(last));
    }
    segments = std::move(next);
  }
  std::vector<std::string> english_names;
  std::vector<std::string> chinese_names;
  bool had_english = false;
  for (const std::string& segment : segments) {
    std::string english;
    std::string chinese;
    SplitEnglishChinese(segment, &english, &chinese);
    std::vector<std::string> chinese_here = ChineseNames(chinese);
    // "… (jointly run with CSIC 701": a remark the source cut off.
    const std::size_t unclosed = english.rfind('(');
    if (unclosed != std::string::npos && english.find(')', unclosed) == std::string::npos) {
      english = TrimPunctuation(english.substr(0, unclosed));
    }
    if (english.empty()) {
      for (std::string& name : chinese_here) chinese_names.push_back(std::move(name));
      continue;
    }
    had_english = true;
    // A truncated remark ("China Electronics Technology Group Corporation's 13").
    const std::size_t last_space = english.rfind(' ');
    const std::string last_word =
        english.substr(last_space == std::string::npos ? 0 : last_space + 1);
    if (chinese.empty() && !last_word.empty() &&
        std::all_of(last_word.begin(), last_word.end(),
                    [](char c) { return std::isdigit(static_cast<unsigned char>(c)); })) {
      return false;
    }
    // A trailing qualifier that is no acronym: "(Hong Kong)", "(Shanghai)", "(MOE)".
    std::string bare;
    std::string acronym;
    if (english.back() == ')' && !SplitTrailingAcronym(english, &bare, &acronym)) {
      const std::size_t open = english.rfind('(');
      if (open != std::string::npos && open > 0) {
        const std::string qualifier = Trim(english.substr(open + 1, english.size() - open - 2));
        if (unit->qualifier.empty()) unit->qualifier = qualifier;
        if (unit->country.empty()) unit->country = CountryCodeOf(qualifier);
        english = TrimPunctuation(english.substr(0, open));
      }
    } else if (english.back() == ')' && acronym == "MOE") {
      english = bare;  // the Ministry of Education, not the lab's acronym
    }
    // Generic English names go, and so do the Chinese names that translate them: all of the
    // segment's when all its English names are generic, the one in the same place when the two
    // languages list as many names ("First Affiliated Hospital/Southwest Hospital (第一附属医院/
    // 西南医院)").
    const std::vector<std::string> names = EnglishNames(english);
    std::vector<bool> generic;
    for (const std::string& name : names) generic.push_back(IsGenericUnitName(name));
    const bool all_generic = std::all_of(generic.begin(), generic.end(), [](bool g) { return g; });
    for (std::size_t i = 0; i < names.size(); ++i) {
      if (!generic[i]) english_names.push_back(names[i]);
    }
    for (std::size_t i = 0; i < chinese_here.size(); ++i) {
      if (all_generic || (chinese_here.size() == names.size() && generic[i])) continue;
      chinese_names.push_back(std::move(chinese_here[i]));
    }
  }
  if (english_names.empty()) {
    // Only generic English names: skipped (see the file comment). A unit with no English name
    // at all is known by its Chinese one.
    if (had_english || chinese_names.empty()) return false;
    unit->name = chinese_names[0];
    chinese_names.erase(chinese_names.begin());
  } else {
    unit->name = english_names[0];
    english_names.erase(english_names.begin());
  }
  // AddAlias's "(ACRONYM)" splitting, applied to the name too.
  EntityEntry scratch;
  AddAlias(unit->name, &scratch);
  unit->name = scratch.aliases[0];
  for (std::size_t i = 1; i < scratch.aliases.size(); ++i) {
    unit->aliases.push_back(scratch.aliases[i]);
  }
  for (std::string& name : english_names) unit->aliases.push_back(std::move(name));
  for (std::string& name : chinese_names) unit->aliases.push_back(std::move(name));
  return true;
}

std::string StringOf(const Json& value) {
  return value.is_string() ? value.get<std::string>() : std::string();
}

std::vector<std::string> StringsOf(const Json& meta, const char* key) {
  std::vector<std::string> strings;
  auto it = meta.find(key);
  if (it == meta.end() || !it->is_array()) return strings;
  for (const Json& item : *it) {
    if (item.is_string()) strings.push_back(item.get<std::string>());
  }
  return strings;
}

}  // namespace

Result<ImportedList> ConvertAspi(const std::vector<ImportInput>& inputs,
                                 const ImportOptions& options, ImportStats* stats) {
  (void)options;
  if (inputs.size() != 1) {
    return InvalidArgument("aspi: expected one input file (china-defence-universities.json), got " +
                           std::to_string(inputs.size()));
  }
  const std::string& display_name = inputs[0].name;
  const std::string& bytes = inputs[0].bytes;
  Json galaxy;
  try {
    galaxy = Json::parse(bytes);
  } catch (const Json::parse_error& error) {
    const std::size_t at = std::min<std::size_t>(error.byte, bytes.size());
    const auto line = 1 + std::count(bytes.begin(), bytes.begin() + static_cast<long>(at), '\n');
    std::string message = error.what();
    const std::size_t detail = message.find("syntax error");
    if (detail != std::string::npos) message = message.substr(detail);
    return ParseError(display_name + ":" + std::to_string(line) + ": malformed JSON: " + message);
  }
  if (!galaxy.is_object() || !galaxy.contains("values") || !galaxy["values"].is_array()) {
    return InvalidArgument(display_name +
                           ": no \"values\" array (is this the MISP galaxy cluster "
                           "china-defence-universities.json?)");
  }
  auto clean = [&](const std::string& raw) { return CleanText(raw, &stats->repaired); };

  ImportedList list;
  list.metadata.title = std::string(kListName);
  list.metadata.publisher =
      "Australian Strategic Policy Institute (ASPI), via the MISP galaxy (CC0/BSD-2-Clause)";
  const Json& values = galaxy["values"];
  for (std::size_t index = 0; index < values.size(); ++index) {
    const Json& value = values[index];
    ++stats->rows;
    if (!value.is_object()) {
      return InvalidArgument(display_name + ": values[" + std::to_string(index) +
                             "] is not an object");
    }
    static const Json kEmpty = Json::object();
    const Json& meta = value.contains("meta") && value["meta"].is_object() ? value["meta"] : kEmpty;
    EntityEntry entry;
    entry.id = clean(StringOf(value.value("uuid", Json())));
    const std::string written = clean(StringOf(value.value("value", Json())));
    if (entry.id.empty() || written.empty()) {
      return InvalidArgument(display_name + ": values[" + std::to_string(index) + "] has no " +
                             (entry.id.empty() ? "uuid" : "value"));
    }
    std::string chinese;
    SplitEnglishChinese(written, &entry.name, &chinese);
    std::vector<std::string> chinese_names = ChineseNames(chinese);
    if (entry.name.empty()) {  // a Chinese name only
      if (chinese_names.empty()) {
        return InvalidArgument(display_name + ": values[" + std::to_string(index) +
                               "] has no name");
      }
      entry.name = chinese_names[0];
      chinese_names.erase(chinese_names.begin());
    }
    std::replace(entry.name.begin(), entry.name.end(), '|', '/');
    for (std::string& name : chinese_names) AddAlias(std::move(name), &entry);
    for (const std::string& alias : StringsOf(meta, "aliases")) AddAlias(clean(alias), &entry);

    std::vector<std::string> categories;
    for (const std::string& category : StringsOf(meta, "categories")) {
      categories.push_back(clean(category));
    }
    for (std::string_view severe : kCategoryOrder) {
      if (std::find(categories.begin(), categories.end(), severe) != categories.end()) {
        entry.category = std::string(severe);
        break;
      }
    }
    if (entry.category.empty() && !categories.empty()) entry.category = categories[0];
    if (categories.size() > 1) {
      entry.notes = "categories: ";
      for (std::size_t i = 0; i < categories.size(); ++i) {
        entry.notes += (i == 0 ? "" : "; ") + categories[i];
      }
    }
    entry.address = clean(StringOf(meta.value("address", Json())));
    const std::string lower_address = AsciiLower(entry.address);
    entry.country = lower_address.find("hong kong") != std::string::npos ? "HK"
                    : lower_address.find("macau") != std::string::npos ||
                            lower_address.find("macao") != std::string::npos
                        ? "MO"
                        : "CN";
    const std::vector<std::string> refs = StringsOf(meta, "refs");
    if (!refs.empty()) entry.reference = clean(refs[0]);
    entry.list = std::string(kListName);
    entry.type = std::string(kTypeEntity);

    // Laboratories and subsidiaries, each once per parent.
    std::vector<std::string> seen = {NormalizeName(entry.name)};
    for (const auto& [key, suffix, role] :
         {std::tuple{"major defence laboratories", "lab", "defence laboratory of "},
          std::tuple{"subsidiaries", "sub", "subsidiary of "}}) {
      const std::vector<std::string> items = StringsOf(meta, key);
      for (std::size_t n = 0; n < items.size(); ++n) {
        Unit unit;
        if (!LabOrSubsidiary(clean(items[n]), &unit)) continue;
        const std::string unit_key = NormalizeName(unit.name);
        if (std::find(seen.begin(), seen.end(), unit_key) != seen.end()) continue;
        seen.push_back(unit_key);
        EntityEntry child;
        child.id = entry.id + "/" + suffix + "-" + std::to_string(n + 1);
        child.name = unit.name;
        std::replace(child.name.begin(), child.name.end(), '|', '/');
        for (std::string& alias : unit.aliases) AddAlias(std::move(alias), &child);
        child.list = entry.list;
        child.reference = entry.reference;
        child.country = unit.country.empty() ? "CN" : unit.country;
        child.category = entry.category;
        child.type = entry.type;
        child.notes = std::string(unit.probable ? "probable " : "") + role + entry.name;
        if (!unit.qualifier.empty()) child.notes += " (source qualifier: " + unit.qualifier + ")";
        list.entries.push_back(std::move(child));
      }
    }
    list.entries.push_back(std::move(entry));
  }
  return list;
}

}  // namespace trustscreen::lists::internal
