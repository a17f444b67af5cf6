#include "trustscreen/text/clauses.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <optional>
#include <set>
#include <string>

namespace trustscreen::text {
namespace {

// A recognised clause marker at the start of a line.
enum class MarkerKind {
  kUnit,      // Schedule 2, Annex A, Appendix, Exhibit B
  kNumbered,  // 12, 12.3, Article IV, Section 3.2, Clause 7
  kSub,       // (b), (iii), (2), (A)
  kHeading,   // Recitals, Definitions, References, Case for Support …
};

enum class SubType { kLetter, kRoman, kDigit, kUpper };

struct Marker {
  MarkerKind kind = MarkerKind::kHeading;
  std::string label;  // "Schedule 2", "12.3", "Article IV", "(b)", "Recitals"
  int depth = 1;      // for kNumbered: number of components
  SubType sub_type = SubType::kLetter;
  std::string rest;  // the line after the marker
};

constexpr std::array<std::string_view, 55> kHeadings = {
    "recitals",
    "background",
    "whereas",
    "definitions",
    "definitions and interpretation",
    "interpretation",
    "summary",
    "executive summary",
    "abstract",
    "case for support",
    "work packages",
    "work plan",
    "workplan",
    "collaborators",
    "collaborators and partners",
    "project partners",
    "partners",
    "personnel",
    "references",
    "bibliography",
    "works cited",
    "literature cited",
    "signatures",
    "execution",
    "letters of support",
    "data management plan",
    "pathways to impact",
    "national importance",
    "project summary",
    "project description",
    "references cited",
    "bibliography and references cited",
    "broader impacts",
    "intellectual merit",
    "results from prior nsf support",
    "specific aims",
    "research strategy",
    "research plan",
    "aims and objectives",
    "objectives",
    "methodology",
    "state of the art",
    "risk management",
    "ethics",
    "timeline",
    "budget justification",
    "justification of resources",
    "facilities",
    "facilities and resources",
    "facilities, equipment and other resources",
    "management plan",
    "postdoctoral mentoring plan",
    "international collaboration",
    "biographical sketch",
    "letters of collaboration",
};

bool IsReferencesHeading(std::string_view lower) {
  return lower == "references" || lower == "bibliography" || lower == "works cited" ||
         lower == "literature cited" || lower == "references cited" ||
         lower == "bibliography and references cited";
}

std::string Lower(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower;
}

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool IsLower(char c) { return c >= 'a' && c <= 'z'; }

std::string_view TrimSpace(std::string_view text) {
  while (!text.empty() && IsSpace(text.front())) text.remove_prefix(1);
  while (!text.empty() && IsSpace(text.back())) text.remove_suffix(1);
  return text;
}

bool IsRoman(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text) {
    if (std::string_view("ivxlcdmIVXLCDM").find(c) == std::string_view::npos) return false;
  }
  return true;
}

// Body text after a numbered marker must start like a sentence or heading, not like a quantity
// ("3 months", "2019 saw"): an upper-case letter, a quote, a bracket or a digit.
bool StartsLikeClauseText(std::string_view rest) {
  if (rest.empty()) return true;  // a bare number on its own line ("9." then the title below)
  const unsigned char c = static_cast<unsigned char>(rest.front());
  return IsUpper(static_cast<char>(c)) || c == '"' || c == '\'' || c == '(' || c >= 0x80;
}

// A short line after a marker reads as a heading title ("Export Control"), not clause text
// ("The Parties acknowledge that:"). Top-level headings may be in sentence case ("Term of
// agreement"); deeper ones must look like headings (Title Case or capitals, no full stop).
std::optional<std::string> TitleOf(std::string_view rest, int depth) {
  rest = TrimSpace(rest);
  if (rest.empty() || rest.size() > 80) return std::nullopt;
  const char last = rest.back();
  if (last == ';' || last == ',' || last == ':') return std::nullopt;
  const auto words = std::count(rest.begin(), rest.end(), ' ') + 1;
  if (words > 10) return std::nullopt;
  if (last == '.' && (words > 3 || depth > 1)) return std::nullopt;
  if (depth > 1) {
    std::size_t start = 0;
    while (start < rest.size()) {
      std::size_t end = rest.find(' ', start);
      if (end == std::string_view::npos) end = rest.size();
      std::string_view word = rest.substr(start, end - start);
      if (word.size() >= 4 && IsLower(word.front())) return std::nullopt;
      start = end + 1;
    }
  }
  while (!rest.empty() && (rest.back() == '.' || rest.back() == ':')) rest.remove_suffix(1);
  return std::string(rest);
}

// US-style run-in headings: "8. Term of Joint Venture. The Joint Venture shall commence ...".
std::optional<std::string> RunInTitleOf(std::string_view rest) {
  const std::size_t stop = rest.find(". ");
  if (stop == std::string_view::npos || stop == 0 || stop > 80) return std::nullopt;
  std::string_view candidate = rest.substr(0, stop);
  if (std::count(candidate.begin(), candidate.end(), ' ') + 1 > 10) return std::nullopt;
  std::size_t start = 0;
  while (start < candidate.size()) {
    std::size_t end = candidate.find(' ', start);
    if (end == std::string_view::npos) end = candidate.size();
    std::string_view word = candidate.substr(start, end - start);
    if (word.empty() || (word.size() >= 4 && !IsUpper(word.front()))) return std::nullopt;
    start = end + 1;
  }
  return std::string(candidate);
}

std::optional<Marker> ParseUnit(std::string_view line) {
  static constexpr std::array<std::string_view, 4> kUnits = {"schedule", "annex", "appendix",
                                                             "exhibit"};
  const std::string lower = Lower(line.substr(0, 10));
  for (std::string_view unit : kUnits) {
    if (lower.rfind(unit, 0) != 0) continue;
    std::string_view after = line.substr(unit.size());
    if (!after.empty() && !IsSpace(after.front()) && after.front() != ':') return std::nullopt;
    after = TrimSpace(after);
    std::size_t id_length = 0;
    while (id_length < after.size() && id_length < 8 &&
           (IsDigit(after[id_length]) || IsUpper(after[id_length]) ||
            (after[id_length] == '.' && id_length + 1 < after.size() &&
             IsDigit(after[id_length + 1])))) {
      ++id_length;
    }
    // "Schedule 2", "Annex A", "APPENDIX" alone; but not "Schedule of payments is ...".
    if (id_length == 0 && !after.empty() && after.front() != ':' && after.front() != '-') {
      return std::nullopt;
    }
    Marker marker;
    marker.kind = MarkerKind::kUnit;
    std::string name(line.substr(0, unit.size()));
    name[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(name[0])));
    for (std::size_t i = 1; i < name.size(); ++i) {
      name[i] = static_cast<char>(std::tolower(static_cast<unsigned char>(name[i])));
    }
    marker.label = id_length > 0 ? name + " " + std::string(after.substr(0, id_length)) : name;
    std::string_view rest = TrimSpace(after.substr(id_length));
    while (!rest.empty() && (rest.front() == ':' || rest.front() == '-' || rest.front() == '.')) {
      rest = TrimSpace(rest.substr(1));
    }
    // "Exhibit A attached hereto describes ..." is a sentence, not a heading.
    if (!rest.empty() && !TitleOf(rest, 1)) return std::nullopt;
    marker.rest = std::string(rest);
    return marker;
  }
  return std::nullopt;
}

// "Article IV", "Section 3.2", "Clause 7" (the word kept in the label).
std::optional<Marker> ParseWordNumbered(std::string_view line) {
  static constexpr std::array<std::string_view, 3> kWords = {"article", "section", "clause"};
  const std::string lower = Lower(line.substr(0, 8));
  for (std::string_view word : kWords) {
    if (lower.rfind(word, 0) != 0 || line.size() <= word.size() + 1 ||
        !IsSpace(line[word.size()])) {
      continue;
    }
    std::string_view after = TrimSpace(line.substr(word.size()));
    std::size_t length = 0;
    while (length < after.size() &&
           (IsDigit(after[length]) || after[length] == '.' ||
            (IsRoman(after.substr(length, 1)) && IsUpper(after[length])))) {
      ++length;
    }
    std::string_view number = after.substr(0, length);
    while (!number.empty() && number.back() == '.') number.remove_suffix(1);
    if (number.empty()) continue;
    Marker marker;
    marker.kind = MarkerKind::kNumbered;
    std::string name(word);
    name[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(name[0])));
    marker.label = name + " " + std::string(number);
    marker.depth = 1 + static_cast<int>(std::count(number.begin(), number.end(), '.'));
    std::string_view rest = TrimSpace(after.substr(length));
    while (!rest.empty() && (rest.front() == ':' || rest.front() == '-' || rest.front() == '.')) {
      rest = TrimSpace(rest.substr(1));
    }
    marker.rest = std::string(rest);
    return marker;
  }
  return std::nullopt;
}

// "12", "12.", "12.3", "12.3.1." followed by white space.
std::optional<Marker> ParseDigits(std::string_view line) {
  std::size_t i = 0;
  int depth = 0;
  while (true) {
    std::size_t start = i;
    while (i < line.size() && IsDigit(line[i]) && i - start < 3) ++i;
    if (i == start) return std::nullopt;
    if (i < line.size() && IsDigit(line[i])) return std::nullopt;  // four digits: a year, an amount
    if (depth == 0 && (line.substr(start, i - start) == "0")) return std::nullopt;
    ++depth;
    if (i < line.size() && line[i] == '.' && i + 1 < line.size() && IsDigit(line[i + 1])) {
      ++i;
      continue;
    }
    break;
  }
  std::string label(line.substr(0, i));
  // "17.0 EXPORT LAWS" numbers a top-level clause (its sub-clauses are 17.1, 17.2 …).
  if (depth == 2 && label.ends_with(".0")) depth = 1;
  bool punctuated = false;
  if (i < line.size() && (line[i] == '.' || line[i] == ')')) {
    ++i;
    punctuated = true;
  }
  if (i < line.size() && !IsSpace(line[i])) return std::nullopt;
  std::string_view rest = TrimSpace(line.substr(i));
  // A bare "40" on its own line is a page number; "9." on its own line is a clause number.
  if (rest.empty() && !punctuated) return std::nullopt;
  if (!StartsLikeClauseText(rest)) return std::nullopt;
  Marker marker;
  marker.kind = MarkerKind::kNumbered;
  marker.label = std::move(label);
  marker.depth = depth;
  marker.rest = std::string(rest);
  return marker;
}

// "(b)", "(iii)", "(2)", "(A)", and "b)" / "iii)".
std::optional<Marker> ParseSub(std::string_view line) {
  std::size_t i = 0;
  const bool open = !line.empty() && line.front() == '(';
  if (open) ++i;
  const std::size_t start = i;
  while (i < line.size() && i - start < 5 && std::isalnum(static_cast<unsigned char>(line[i]))) ++i;
  if (i == start || i >= line.size() || line[i] != ')') return std::nullopt;
  std::string_view token = line.substr(start, i - start);
  ++i;
  if (i < line.size() && !IsSpace(line[i])) return std::nullopt;
  Marker marker;
  marker.kind = MarkerKind::kSub;
  if (std::all_of(token.begin(), token.end(), IsDigit)) {
    if (token.size() > 2) return std::nullopt;
    marker.sub_type = SubType::kDigit;
  } else if (std::all_of(token.begin(), token.end(), IsLower)) {
    if (IsRoman(token)) {
      marker.sub_type = SubType::kRoman;  // may be re-read as a letter in context
    } else if (token.size() <= 2) {
      marker.sub_type = SubType::kLetter;
    } else {
      return std::nullopt;
    }
  } else if (std::all_of(token.begin(), token.end(), IsUpper) && token.size() <= 2) {
    marker.sub_type = SubType::kUpper;
  } else {
    return std::nullopt;
  }
  marker.label = "(" + std::string(token) + ")";
  marker.rest = std::string(TrimSpace(line.substr(i)));
  return marker;
}

// A proposal's work package: "Work Package 2: Field trials", "WP3 - Dissemination", "WP 1.".
// The label is "Work Package N", the rest its title.
std::optional<Marker> ParseWorkPackage(std::string_view line) {
  const std::string lower = Lower(line.substr(0, std::min<std::size_t>(line.size(), 16)));
  std::size_t i = 0;
  if (lower.rfind("work package", 0) == 0) {
    i = 12;
  } else if (lower.rfind("wp", 0) == 0) {
    i = 2;
  } else {
    return std::nullopt;
  }
  while (i < line.size() && IsSpace(line[i])) ++i;
  const std::size_t digits = i;
  while (i < line.size() && IsDigit(line[i])) ++i;
  if (i == digits || i - digits > 2) return std::nullopt;
  const std::string number(line.substr(digits, i - digits));
  std::string_view rest = line.substr(i);
  if (!rest.empty() && !IsSpace(rest.front()) && rest.front() != ':' && rest.front() != '.' &&
      rest.front() != '-' && rest.rfind("\xE2\x80\x93", 0) != 0) {
    return std::nullopt;  // "WP12a", "wp3x"
  }
  while (!rest.empty() && (IsSpace(rest.front()) || rest.front() == ':' || rest.front() == '.' ||
                           rest.front() == '-')) {
    rest.remove_prefix(1);
  }
  if (rest.rfind("\xE2\x80\x93", 0) == 0) rest = TrimSpace(rest.substr(3));  // en dash
  Marker marker;
  marker.kind = MarkerKind::kHeading;
  marker.label = "Work Package " + number;
  marker.rest = std::string(rest);
  return marker;
}

std::optional<Marker> ParseHeading(std::string_view line) {
  std::string_view name = line;
  while (!name.empty() && (name.back() == ':' || name.back() == '.')) name.remove_suffix(1);
  name = TrimSpace(name);
  if (name.size() > 40) return std::nullopt;
  const std::string lower = Lower(name);
  for (std::string_view heading : kHeadings) {
    if (lower == heading) {
      Marker marker;
      marker.kind = MarkerKind::kHeading;
      marker.label = std::string(name);
      return marker;
    }
  }
  return std::nullopt;
}

std::optional<Marker> ParseMarker(std::string_view line) {
  if (auto unit = ParseUnit(line)) return unit;
  if (auto numbered = ParseWordNumbered(line)) return numbered;
  if (auto digits = ParseDigits(line)) return digits;
  if (auto sub = ParseSub(line)) return sub;
  if (auto work_package = ParseWorkPackage(line)) return work_package;
  return ParseHeading(line);
}

char PreviousLetter(char c) { return static_cast<char>(c - 1); }

class Segmenter {
 public:
  explicit Segmenter(std::string_view text) : text_(text) {}

  std::vector<Clause> Run() {
    std::size_t begin = 0;
    while (begin <= text_.size()) {
      // Not find_first_of("\n\f"): libstdc++ calls memchr on the two-byte set for each byte.
      const auto stop = std::find_if(text_.begin() + static_cast<std::ptrdiff_t>(begin),
                                     text_.end(), [](char c) { return c == '\n' || c == '\f'; });
      const auto end = static_cast<std::size_t>(stop - text_.begin());
      Line(begin, text_.substr(begin, end - begin));
      if (end == text_.size()) break;
      begin = end + 1;
    }
    Close(text_.size());
    return std::move(clauses_);
  }

 private:
  struct Sub {
    SubType type;
    std::string label;
  };

  void Line(std::size_t offset, std::string_view raw) {
    std::string_view line = raw;
    while (!line.empty() && IsSpace(line.front())) {
      line.remove_prefix(1);
      ++offset;
    }
    line = TrimSpace(line);
    if (line.empty()) return;
    std::optional<Marker> marker = ParseMarker(line);
    NoteContentsEntry(line, marker);
    if (clauses_.empty() && !marker) {
      // Title, parties and date before the first numbered clause: findings there still need a
      // place ("Preamble"), since the parties are named there.
      section_ = "Preamble";
      Open(offset, "Preamble", "", section_, 0);
      return;
    }
    if (!marker) return;
    switch (marker->kind) {
      case MarkerKind::kUnit:
        if (!seen_numbered_) {
          // "EXHIBIT 10.13" above an SEC filing, "Annex A" as a document's own title: a label of
          // the whole document, not a schedule after the main clauses.
          section_ = marker->label;
          Open(offset, marker->label, TitleOf(marker->rest, 1).value_or(""), section_, 0);
          return;
        }
        unit_ = marker->label;
        numbered_.clear();
        titles_.clear();
        subs_.clear();
        section_ = marker->rest.empty() ? unit_ : unit_ + " " + marker->rest;
        references_ = false;
        Open(offset, unit_, TitleOf(marker->rest, 1).value_or(""), section_, 0);
        return;
      case MarkerKind::kHeading: {
        const std::string lower = Lower(marker->label);
        unit_.clear();
        numbered_.clear();
        titles_.clear();
        subs_.clear();
        section_ = marker->label;
        references_ = IsReferencesHeading(lower);
        // A work package's title follows its label; a plain heading is its own title.
        const std::optional<std::string> title = TitleOf(marker->rest, 1);
        if (title) section_ += " " + *title;
        Open(offset, marker->label, title.value_or(marker->label), section_, 0);
        return;
      }
      case MarkerKind::kNumbered: {
        // The first heading listed in the table of contents starts the main clauses: if the
        // contents also listed the schedules, this is not a clause of the last one listed. Once
        // the main clauses have started, a schedule's own "1.0 DEFINITIONS" is the schedule's.
        if (contents_.count(EntryKey(*marker)) > 0) {
          contents_.clear();
          if (!unit_.empty()) {
            unit_.clear();
            section_.clear();
          }
        }
        seen_numbered_ = true;
        numbered_ = marker->label;
        subs_.clear();
        titles_.resize(static_cast<std::size_t>(marker->depth));
        std::optional<std::string> title = TitleOf(marker->rest, marker->depth);
        if (!title) title = RunInTitleOf(marker->rest);
        titles_.back() = title.value_or("");
        if (marker->depth == 1 && unit_.empty()) {
          section_ = title ? numbered_ + " " + *title : numbered_;
          if (title) references_ = IsReferencesHeading(Lower(*title));
        }
        Open(offset, Ref(), CurrentTitle(), section_, marker->depth);
        return;
      }
      case MarkerKind::kSub:
        PushSub(*marker);
        Open(offset, Ref(), CurrentTitle(), section_,
             static_cast<int>(titles_.size() + subs_.size()));
        return;
    }
  }

  // "1.0 definitions" for the heading "1.0 DEFINITIONS"; "" for a marker without a heading.
  static std::string EntryKey(const Marker& marker) {
    if (marker.kind != MarkerKind::kNumbered || !TitleOf(marker.rest, 1)) return "";
    return marker.label + " " + Lower(marker.rest);
  }

  // Table-of-contents entries: a run of at least three numbered headings with nothing but page
  // numbers between them ("1.0 DEFINITIONS", "1", "2.0 GRANT OF LICENSE", "6", "2.1 …").
  void NoteContentsEntry(std::string_view line, const std::optional<Marker>& marker) {
    if (!marker) {
      if (line.find_first_not_of("0123456789ivxlcdmIVXLCDM .-") == std::string_view::npos) return;
      // Text: the last heading has a body, and the run before it, if long enough, was a table of
      // contents.
      if (run_.size() >= 3) contents_.insert(run_.begin(), run_.end());
      run_.clear();
      entry_.clear();
      return;
    }
    if (!entry_.empty()) run_.push_back(entry_);
    entry_ = EntryKey(*marker);
  }

  void PushSub(const Marker& marker) {
    SubType type = marker.sub_type;
    const std::string token = marker.label.substr(1, marker.label.size() - 2);
    // "(i)" after "(h)" is a letter, not roman one; likewise (v) after (u), (x) after (w).
    if (type == SubType::kRoman && token.size() == 1) {
      for (const Sub& sub : subs_) {
        if (sub.type == SubType::kLetter && sub.label.size() == 3 &&
            sub.label[1] == PreviousLetter(token[0])) {
          type = SubType::kLetter;
        }
      }
    }
    for (std::size_t depth = 0; depth < subs_.size(); ++depth) {
      if (subs_[depth].type == type) {
        subs_.resize(depth);
        break;
      }
    }
    subs_.push_back({type, marker.label});
  }

  std::string Ref() const {
    std::string ref = unit_;
    if (!numbered_.empty()) ref += (ref.empty() ? "" : ", ") + numbered_;
    if (ref.empty() && !subs_.empty()) ref = section_ + " ";
    for (const Sub& sub : subs_) ref += sub.label;
    return ref;
  }

  std::string CurrentTitle() const {
    for (auto it = titles_.rbegin(); it != titles_.rend(); ++it) {
      if (!it->empty()) return *it;
    }
    return "";
  }

  void Open(std::size_t offset, std::string ref, std::string title, std::string section,
            int depth) {
    Close(offset);
    Clause clause;
    clause.begin = offset;
    clause.ref = std::move(ref);
    clause.title = std::move(title);
    clause.section = std::move(section);
    clause.depth = depth;
    clause.references = references_;
    clauses_.push_back(std::move(clause));
    open_ = true;
  }

  void Close(std::size_t offset) {
    if (open_) clauses_.back().end = offset;
    open_ = false;
  }

  std::string_view text_;
  std::vector<Clause> clauses_;
  bool open_ = false;  // the last clause has no end yet
  bool seen_numbered_ = false;
  std::string unit_;
  std::string numbered_;
  std::vector<std::string> titles_;  // heading title per numbered depth
  std::vector<Sub> subs_;
  std::string section_;
  bool references_ = false;
  std::string entry_;               // EntryKey of the last numbered heading, until text follows
  std::vector<std::string> run_;    // EntryKeys of the numbered headings without text so far
  std::set<std::string> contents_;  // EntryKeys of the table-of-contents entries seen so far
};

}  // namespace

std::vector<Clause> SegmentClauses(std::string_view text) { return Segmenter(text).Run(); }

bool HasRecordRows(DocumentFormat format) {
  return format == DocumentFormat::kXlsx || format == DocumentFormat::kXls ||
         format == DocumentFormat::kOds || format == DocumentFormat::kCsv;
}

std::vector<Clause> DocumentClauses(const Document& document) {
  if (!HasRecordRows(document.format)) return SegmentClauses(document.text);
  std::vector<Clause> clauses;
  const std::string_view text = document.text;
  auto block = document.blocks.begin();
  for (const Page& page : document.pages) {
    std::size_t start = std::min(page.begin, text.size());
    const std::size_t page_end = std::min(page.end, text.size());
    while (start < page_end) {
      std::size_t end = text.find('\n', start);
      end = end == std::string_view::npos || end > page_end ? page_end : end;
      // The row of the line's first cell with a locator ("B12" -> 12).
      while (block != document.blocks.end() && block->end <= start) ++block;
      std::string_view row;
      for (auto it = block; it != document.blocks.end() && it->begin < end; ++it) {
        const std::string_view locator = it->locator;
        const std::size_t digits = locator.find_last_not_of("0123456789");
        if (it->locator.empty() || digits == locator.size() - 1) continue;
        row = locator.substr(digits == std::string_view::npos ? 0 : digits + 1);
        break;
      }
      if (!row.empty()) {
        Clause clause;
        clause.begin = start;
        clause.end = std::min(end + 1, page_end);
        clause.ref = "row " + std::string(row);
        clause.section = page.label;
        clause.depth = 1;
        clauses.push_back(std::move(clause));
      }
      start = end + 1;
    }
  }
  return clauses;
}

const Clause* ClauseAt(const std::vector<Clause>& clauses, std::size_t offset) {
  auto it = std::upper_bound(
      clauses.begin(), clauses.end(), offset,
      [](std::size_t value, const Clause& clause) { return value < clause.begin; });
  if (it == clauses.begin()) return nullptr;
  --it;
  return offset < it->end ? &*it : nullptr;
}

}  // namespace trustscreen::text
