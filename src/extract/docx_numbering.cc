#include "docx_numbering.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <vector>

#include "docx_xml.h"
#include "xml_reader.h"

namespace trustscreen::extract::internal {
namespace {

// w:isLgl, w:vanish …: present means true unless w:val says otherwise.
bool OnOff(const std::optional<std::string>& val) {
  return !val || !(*val == "0" || *val == "false" || *val == "off");
}

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string Roman(int n) {
  static constexpr std::pair<int, const char*> kDigits[] = {
      {1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"}, {100, "c"}, {90, "xc"}, {50, "l"},
      {40, "xl"},  {10, "x"},   {9, "ix"},  {5, "v"},    {4, "iv"},  {1, "i"}};
  std::string out;
  for (const auto& [value, digits] : kDigits) {
    while (n >= value) {
      out += digits;
      n -= value;
    }
  }
  return out;
}

}  // namespace

std::string FormatListNumber(int n, std::string_view format) {
  if (format == "none") return "";
  if (n <= 0 && format != "decimal" && format != "decimalZero") return std::to_string(n);
  if (format == "lowerRoman" || format == "upperRoman") {
    if (n >= 4000) return std::to_string(n);
    std::string roman = Roman(n);
    if (format == "upperRoman") {
      std::transform(roman.begin(), roman.end(), roman.begin(),
                     [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    }
    return roman;
  }
  if (format == "lowerLetter" || format == "upperLetter") {
    // Word goes a…z, aa…zz, aaa…: the letter repeated, not base 26.
    const char letter = static_cast<char>((format == "lowerLetter" ? 'a' : 'A') + (n - 1) % 26);
    return std::string(static_cast<std::size_t>((n - 1) / 26 + 1), letter);
  }
  if (format == "decimalZero" && n < 10 && n >= 0) return "0" + std::to_string(n);
  return std::to_string(n);
}

// ---- styles ----

bool DocxStyles::Parse(std::string_view xml, int max_depth, std::string& error) {
  XmlReader reader(xml, "word/styles.xml", max_depth);
  Style* style = nullptr;
  std::string style_id;
  int in_ppr = 0;
  while (reader.Next()) {
    if (reader.node() == XmlNode::kElementEnd) {
      if (reader.Is(kWordNs, "style")) style = nullptr;
      if (reader.Is(kWordNs, "pPr")) --in_ppr;
      continue;
    }
    if (reader.node() != XmlNode::kElementStart) continue;
    if (reader.ns() != kWordNs && reader.ns() != kWordStrictNs) continue;
    const std::string_view name = reader.local_name();
    if (name == "style") {
      style = nullptr;
      if (reader.Attribute(reader.ns(), "type").value_or("paragraph") != "paragraph") {
        reader.SkipElement();
        continue;
      }
      style_id = reader.Attribute(reader.ns(), "styleId").value_or("");
      style = &styles_[style_id];
      if (OnOff(reader.Attribute(reader.ns(), "default")) &&
          reader.Attribute(reader.ns(), "default")) {
        default_paragraph_style_ = style_id;
      }
    } else if (style == nullptr) {
      continue;
    } else if (name == "pPrChange" || name == "rPr" || name == "tblPr") {
      reader.SkipElement();  // former properties of a tracked change, or not about paragraphs
    } else if (name == "pPr") {
      ++in_ppr;
    } else if (name == "name") {
      style->name = reader.Attribute(reader.ns(), "val").value_or("");
    } else if (name == "basedOn") {
      style->based_on = reader.Attribute(reader.ns(), "val").value_or("");
    } else if (in_ppr > 0 && name == "numId") {
      style->num_pr.num_id = ParseXmlInt(reader.Attribute(reader.ns(), "val"));
    } else if (in_ppr > 0 && name == "ilvl") {
      style->num_pr.ilvl = ParseXmlInt(reader.Attribute(reader.ns(), "val"));
    } else if (in_ppr > 0 && name == "outlineLvl") {
      style->outline_level = ParseXmlInt(reader.Attribute(reader.ns(), "val"));
    }
  }
  if (reader.failed()) error = reader.failure();
  return !reader.failed();
}

const DocxStyles::Style* DocxStyles::Find(const std::string& id) const {
  const auto it = styles_.find(id);
  return it == styles_.end() ? nullptr : &it->second;
}

DocxNumPr DocxStyles::NumPr(const std::string& style_id) const {
  DocxNumPr out;
  std::string id = style_id;
  // basedOn chains are short; the bound stops a cycle.
  for (int hops = 0; hops < 32 && !id.empty(); ++hops) {
    const Style* style = Find(id);
    if (style == nullptr) break;
    if (!out.num_id) out.num_id = style->num_pr.num_id;
    if (!out.ilvl) out.ilvl = style->num_pr.ilvl;
    if (out.num_id && out.ilvl) break;
    id = style->based_on;
  }
  return out;
}

int DocxStyles::HeadingLevel(const std::string& style_id) const {
  std::string id = style_id;
  for (int hops = 0; hops < 32 && !id.empty(); ++hops) {
    const Style* style = Find(id);
    const std::string name = Lower(style != nullptr && !style->name.empty() ? style->name : id);
    if (name == "title") return 1;
    for (std::string_view prefix : {"heading ", "heading"}) {
      if (name.size() == prefix.size() + 1 && name.starts_with(prefix) && name.back() >= '1' &&
          name.back() <= '9') {
        return name.back() - '0';
      }
    }
    if (style == nullptr) break;
    if (style->outline_level && *style->outline_level >= 0 && *style->outline_level < 9) {
      return *style->outline_level + 1;
    }
    id = style->based_on;
  }
  return 0;
}

// ---- numbering ----

bool DocxNumbering::Parse(std::string_view xml, int max_depth, std::string& error) {
  XmlReader reader(xml, "word/numbering.xml", max_depth);
  Abstract* abstract = nullptr;
  Num* num = nullptr;
  Override* override_entry = nullptr;
  Level* level = nullptr;
  while (reader.Next()) {
    if (reader.node() == XmlNode::kElementEnd) {
      if (reader.ns() != kWordNs && reader.ns() != kWordStrictNs) continue;
      const std::string_view name = reader.local_name();
      if (name == "abstractNum") abstract = nullptr;
      if (name == "num") num = nullptr;
      if (name == "lvlOverride") override_entry = nullptr;
      if (name == "lvl") level = nullptr;
      continue;
    }
    if (reader.node() != XmlNode::kElementStart) continue;
    const std::string_view ns = reader.ns();
    if (ns != kWordNs && ns != kWordStrictNs) continue;
    const std::string_view name = reader.local_name();
    const auto val = [&] { return reader.Attribute(ns, "val"); };
    if (name == "abstractNum") {
      const auto id = ParseXmlInt(reader.Attribute(ns, "abstractNumId"));
      abstract = id ? &abstracts_[*id] : nullptr;
    } else if (name == "num") {
      const auto id = ParseXmlInt(reader.Attribute(ns, "numId"));
      num = id ? &nums_[*id] : nullptr;
    } else if (name == "lvlOverride" && num != nullptr) {
      const auto ilvl = ParseXmlInt(reader.Attribute(ns, "ilvl"));
      override_entry = ilvl && *ilvl >= 0 && *ilvl < kLevels ? &num->overrides[*ilvl] : nullptr;
    } else if (name == "abstractNumId" && num != nullptr) {
      num->abstract_id = ParseXmlInt(val()).value_or(-1);
    } else if (name == "startOverride" && override_entry != nullptr) {
      override_entry->start = ParseXmlInt(val());
    } else if (name == "numStyleLink" && abstract != nullptr) {
      abstract->num_style_link = val().value_or("");
    } else if (name == "lvl") {
      const auto ilvl = ParseXmlInt(reader.Attribute(ns, "ilvl"));
      level = nullptr;
      if (!ilvl || *ilvl < 0 || *ilvl >= kLevels) continue;
      if (override_entry != nullptr) {
        override_entry->level.emplace(Level{});  // clang: not emplace()
        level = &*override_entry->level;
      } else if (abstract != nullptr) {
        abstract->levels[*ilvl].emplace(Level{});
        level = &*abstract->levels[*ilvl];
      }
    } else if (level == nullptr) {
      continue;
    } else if (name == "pPr" || name == "rPr") {
      reader.SkipElement();
    } else if (name == "start") {
      level->start = ParseXmlInt(val()).value_or(1);
    } else if (name == "numFmt") {
      level->format = val().value_or("decimal");
    } else if (name == "lvlText") {
      level->text = val().value_or("");
      level->has_text = true;
    } else if (name == "isLgl") {
      level->legal = OnOff(val());
    } else if (name == "lvlRestart") {
      level->restart = ParseXmlInt(val()).value_or(-1);
    } else if (name == "suff") {
      const std::string suffix = val().value_or("tab");
      level->suffix = suffix == "space" ? " " : suffix == "nothing" ? "" : "\t";
    } else if (name == "pStyle") {
      level->style = val().value_or("");
    }
  }
  if (reader.failed()) error = reader.failure();
  return !reader.failed();
}

const DocxNumbering::Abstract* DocxNumbering::AbstractFor(int num_id,
                                                          const DocxStyles* styles) const {
  for (int hops = 0; hops < 4; ++hops) {
    const auto num = nums_.find(num_id);
    if (num == nums_.end()) return nullptr;
    const auto abstract = abstracts_.find(num->second.abstract_id);
    if (abstract == abstracts_.end()) return nullptr;
    // A list style: the abstract only points at a style whose numPr names the real list.
    if (abstract->second.num_style_link.empty() || styles == nullptr) return &abstract->second;
    const auto linked = styles->NumPr(abstract->second.num_style_link).num_id;
    if (!linked || *linked == num_id) return &abstract->second;
    num_id = *linked;
  }
  return nullptr;
}

std::optional<int> DocxNumbering::LevelForStyle(int num_id, const std::string& style_id) const {
  const Abstract* abstract = AbstractFor(num_id, nullptr);
  if (abstract == nullptr || style_id.empty()) return std::nullopt;
  for (int i = 0; i < kLevels; ++i) {
    if (abstract->levels[i] && abstract->levels[i]->style == style_id) return i;
  }
  return std::nullopt;
}

bool DocxNumbering::Counter::Next(int num_id, int ilvl, std::string& label, std::string& suffix) {
  if (ilvl < 0 || ilvl >= kLevels) return false;
  const auto num_it = numbering_.nums_.find(num_id);
  if (num_it == numbering_.nums_.end()) return false;
  const Num& num = num_it->second;
  const Abstract* abstract = numbering_.AbstractFor(num_id, &styles_);
  if (abstract == nullptr) return false;
  // The effective definition of every level: the abstract's, or the num's full override.
  std::array<const Level*, kLevels> levels{};
  std::array<int, kLevels> starts{};
  for (int i = 0; i < kLevels; ++i) {
    levels[i] = abstract->levels[i] ? &*abstract->levels[i] : nullptr;
    const auto o = num.overrides.find(i);
    if (o != num.overrides.end() && o->second.level) levels[i] = &*o->second.level;
    starts[i] = levels[i] != nullptr ? levels[i]->start : 1;
    if (o != num.overrides.end() && o->second.start) starts[i] = *o->second.start;
  }
  if (levels[ilvl] == nullptr) return false;
  // Lists sharing an abstract definition continue each other's numbering, as in Word, unless a
  // num overrides a start value: then it is a list of its own that restarts.
  bool restarts = false;
  for (const auto& [level_index, entry] : num.overrides) restarts |= entry.start.has_value();
  const std::string key =
      restarts ? "n" + std::to_string(num_id) : "a" + std::to_string(num.abstract_id);
  auto& counters = counters_[key];
  counters[ilvl] = counters[ilvl] ? *counters[ilvl] + 1 : starts[ilvl];
  for (int deeper = ilvl + 1; deeper < kLevels; ++deeper) {
    const int restart = levels[deeper] != nullptr ? levels[deeper]->restart : -1;
    // w:lvlRestart N: restart after level N (1-based) is used; 0: never restart.
    if (restart == 0) continue;
    if (restart < 0 || ilvl < restart) counters[deeper].reset();
  }
  const Level& level = *levels[ilvl];
  suffix = level.suffix;
  if (level.format == "bullet") {
    // Bullets are usually a Symbol or Wingdings private-use code point; show them as "•".
    const bool private_use = level.text.size() == 3 &&
                             static_cast<unsigned char>(level.text[0]) == 0xEF &&
                             static_cast<unsigned char>(level.text[1]) >= 0x80 &&
                             static_cast<unsigned char>(level.text[1]) <= 0xA3;
    label = private_use || level.text.empty() ? "\xE2\x80\xA2" : level.text;
    return true;
  }
  const std::string& pattern = level.has_text ? level.text : "%" + std::to_string(ilvl + 1) + ".";
  label.clear();
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] == '%' && i + 1 < pattern.size() && pattern[i + 1] >= '1' &&
        pattern[i + 1] <= '9') {
      const int referenced = pattern[i + 1] - '1';
      const int value = counters[referenced] ? *counters[referenced] : starts[referenced];
      const Level* ref = levels[referenced];
      const std::string format = level.legal && referenced != ilvl
                                     ? std::string("decimal")
                                     : (ref != nullptr ? ref->format : "decimal");
      label += FormatListNumber(value, format);
      ++i;
    } else {
      label.push_back(pattern[i]);
    }
  }
  return true;
}

}  // namespace trustscreen::extract::internal
