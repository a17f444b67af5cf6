#include "match_leads.h"

#include <utf8proc.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstring>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "trustscreen/text/normalize.h"

namespace trustscreen::rules {
namespace internal {
namespace {

constexpr std::size_t kMaxClassMembers = 64;
constexpr std::size_t kMaxRangeWidth = 128;

// The parsed pattern, reduced to what decides how a match starts.
struct Node {
  enum class Kind {
    kEmpty,      // matches "" (also zero-width assertions, read as always true)
    kChars,      // one character out of `chars`
    kConcat,     // children in sequence
    kAlternate,  // one of the children
    kRepeat,     // child repeated min..max times (max < 0: unbounded)
    kUnknown,    // something not modelled: the analysis fails if it must look at it
  };
  Kind kind = Kind::kEmpty;
  std::vector<std::string> chars;  // kChars: UTF-8, ASCII lower-cased, distinct
  std::vector<Node> children;
  int min = 0;
  int max = 0;
};

Node Unknown() { return Node{Node::Kind::kUnknown, {}, {}, 0, 0}; }

// A non-ASCII character whose category has no case: no case folding can reach or leave it.
bool IsCaseless(char32_t c) {
  switch (utf8proc_category(static_cast<utf8proc_int32_t>(c))) {
    case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_PC:
    case UTF8PROC_CATEGORY_PD:
    case UTF8PROC_CATEGORY_PS:
    case UTF8PROC_CATEGORY_PE:
    case UTF8PROC_CATEGORY_PI:
    case UTF8PROC_CATEGORY_PF:
    case UTF8PROC_CATEGORY_PO:
    case UTF8PROC_CATEGORY_SM:
    case UTF8PROC_CATEGORY_SC:
    case UTF8PROC_CATEGORY_SK:
    case UTF8PROC_CATEGORY_ZS:
      return true;
    default:
      return false;
  }
}

std::string Utf8(char32_t c) {
  utf8proc_uint8_t buffer[4];
  const auto length = utf8proc_encode_char(static_cast<utf8proc_int32_t>(c), buffer);
  return std::string(reinterpret_cast<const char*>(buffer), static_cast<std::size_t>(length));
}

// A character class node from code points, or kUnknown when a member cannot be modelled. Members
// that never occur in normalised text are left out (a class of only those matches nothing).
Node CharsNode(const std::vector<char32_t>& members, bool case_insensitive) {
  Node node{Node::Kind::kChars, {}, {}, 0, 0};
  for (char32_t c : members) {
    if (!text::CanOccurInNormalizedText(c)) continue;
    if (c < 0x80) {
      node.chars.push_back(std::string(1, static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c)));
    } else if (!case_insensitive || IsCaseless(c)) {
      node.chars.push_back(Utf8(c));
    } else {
      return Unknown();
    }
  }
  std::sort(node.chars.begin(), node.chars.end());
  node.chars.erase(std::unique(node.chars.begin(), node.chars.end()), node.chars.end());
  if (node.chars.size() > kMaxClassMembers) return Unknown();
  return node;
}

std::vector<char32_t> Range(char32_t low, char32_t high) {
  std::vector<char32_t> members;
  for (char32_t c = low; c <= high; ++c) members.push_back(c);
  return members;
}

// A recursive-descent reader of RE2 syntax (the pattern already compiled, so it is valid).
class Parser {
 public:
  explicit Parser(std::string_view pattern) : p_(pattern) {}

  std::optional<Node> Parse(bool case_sensitive) {
    bool case_insensitive = !case_sensitive;
    Node node = ParseAlternation(&case_insensitive);
    if (failed_ || pos_ != p_.size()) return std::nullopt;
    return node;
  }

 private:
  bool AtEnd() const { return pos_ >= p_.size(); }
  char Peek() const { return p_[pos_]; }

  // Flags set by "(?i)" last until the end of the enclosing group, across its alternatives.
  Node ParseAlternation(bool* case_insensitive) {
    Node node{Node::Kind::kAlternate, {}, {}, 0, 0};
    node.children.push_back(ParseConcat(case_insensitive));
    while (!failed_ && !AtEnd() && Peek() == '|') {
      ++pos_;
      node.children.push_back(ParseConcat(case_insensitive));
    }
    if (node.children.size() == 1) return std::move(node.children.front());
    return node;
  }

  Node ParseConcat(bool* case_insensitive) {
    Node node{Node::Kind::kConcat, {}, {}, 0, 0};
    while (!failed_ && !AtEnd() && Peek() != '|' && Peek() != ')') {
      std::optional<Node> atom = ParseAtom(case_insensitive);
      if (failed_) break;
      if (!atom) continue;  // a flag group such as "(?i)"
      node.children.push_back(ParseQuantifiers(std::move(*atom)));
    }
    return node;
  }

  Node ParseQuantifiers(Node atom) {
    while (!AtEnd()) {
      int min = 0;
      int max = 0;
      const char c = Peek();
      if (c == '*') {
        min = 0, max = -1, ++pos_;
      } else if (c == '+') {
        min = 1, max = -1, ++pos_;
      } else if (c == '?') {
        min = 0, max = 1, ++pos_;
      } else if (c == '{' && ParseCount(&min, &max)) {
      } else {
        break;
      }
      if (!AtEnd() && Peek() == '?') ++pos_;  // non-greedy: the same strings
      Node repeat{Node::Kind::kRepeat, {}, {}, min, max};
      repeat.children.push_back(std::move(atom));
      atom = std::move(repeat);
    }
    return atom;
  }

  // "{n}", "{n,}" or "{n,m}" at pos_; otherwise '{' is a literal and nothing is consumed.
  bool ParseCount(int* min, int* max) {
    std::size_t i = pos_ + 1;
    const auto number = [&](int* out) {
      const std::size_t start = i;
      long value = 0;
      while (i < p_.size() && p_[i] >= '0' && p_[i] <= '9' && value < 100000) {
        value = value * 10 + (p_[i++] - '0');
      }
      *out = static_cast<int>(value);
      return i > start;
    };
    if (!number(min)) return false;
    *max = *min;
    if (i < p_.size() && p_[i] == ',') {
      ++i;
      if (!number(max)) *max = -1;
    }
    if (i >= p_.size() || p_[i] != '}') return false;
    pos_ = i + 1;
    return true;
  }

  std::optional<Node> ParseAtom(bool* case_insensitive) {
    const char c = Peek();
    if (c == '(') return ParseGroup(case_insensitive);
    if (c == '[') return ParseClass(*case_insensitive);
    if (c == '\\') return ParseEscape(*case_insensitive);
    if (c == '.') {
      ++pos_;
      return Unknown();
    }
    if (c == '^' || c == '$') {
      ++pos_;
      return Node{};
    }
    const std::optional<char32_t> literal = ReadCodePoint();
    if (!literal) return Fail();
    return CharsNode({*literal}, *case_insensitive);
  }

  std::optional<Node> ParseGroup(bool* case_insensitive) {
    ++pos_;  // '('
    bool inner = *case_insensitive;
    if (!AtEnd() && Peek() == '?') {
      ++pos_;
      if (!AtEnd() && (Peek() == 'P' || Peek() == '<')) {  // named capture
        const std::size_t close = p_.find('>', pos_);
        if (close == std::string_view::npos) return Fail();
        pos_ = close + 1;
      } else {
        bool negate = false;
        while (!AtEnd() && Peek() != ':' && Peek() != ')') {
          const char flag = p_[pos_++];
          if (flag == '-') {
            negate = true;
          } else if (flag == 'i') {
            inner = !negate;
          } else if (flag != 'm' && flag != 's' && flag != 'U') {
            return Fail();
          }
        }
        if (AtEnd()) return Fail();
        if (p_[pos_++] == ')') {  // "(?i)": flags for the rest of the enclosing group
          *case_insensitive = inner;
          return std::nullopt;
        }
      }
    }
    Node node = ParseAlternation(&inner);
    if (failed_ || AtEnd() || Peek() != ')') return Fail();
    ++pos_;
    return node;
  }

  std::optional<Node> ParseClass(bool case_insensitive) {
    ++pos_;  // '['
    bool negated = false;
    if (!AtEnd() && Peek() == '^') {
      negated = true;
      ++pos_;
    }
    std::vector<char32_t> members;
    bool unknown = negated;
    bool first = true;
    while (!AtEnd() && (Peek() != ']' || first)) {
      first = false;
      if (Peek() == '[' && pos_ + 1 < p_.size() && p_[pos_ + 1] == ':') {  // [:alpha:]
        const std::size_t close = p_.find(":]", pos_ + 2);
        if (close == std::string_view::npos) return Fail();
        pos_ = close + 2;
        unknown = true;
        continue;
      }
      std::optional<char32_t> low;
      if (Peek() == '\\') {
        std::vector<char32_t> escaped;
        if (!ReadClassEscape(&escaped, &unknown)) return Fail();
        if (escaped.size() != 1) {
          members.insert(members.end(), escaped.begin(), escaped.end());
          continue;
        }
        low = escaped.front();
      } else {
        low = ReadCodePoint();
        if (!low) return Fail();
      }
      if (pos_ + 1 < p_.size() && Peek() == '-' && p_[pos_ + 1] != ']') {
        ++pos_;
        std::optional<char32_t> high;
        if (Peek() == '\\') {
          std::vector<char32_t> escaped;
          if (!ReadClassEscape(&escaped, &unknown) || escaped.size() != 1) return Fail();
          high = escaped.front();
        } else {
          high = ReadCodePoint();
        }
        if (!high || *high < *low) return Fail();
        if (*high - *low > kMaxRangeWidth) {
          unknown = true;
        } else {
          const std::vector<char32_t> range = Range(*low, *high);
          members.insert(members.end(), range.begin(), range.end());
        }
      } else {
        members.push_back(*low);
      }
    }
    if (AtEnd()) return Fail();
    ++pos_;  // ']'
    if (unknown) return Unknown();
    return CharsNode(members, case_insensitive);
  }

  // An escape inside a class: its members (one for a literal), or `unknown` set.
  bool ReadClassEscape(std::vector<char32_t>* members, bool* unknown) {
    ++pos_;  // '\'
    if (AtEnd()) return false;
    const char c = p_[pos_];
    if (c == 'd') {
      ++pos_;
      *members = Range('0', '9');
      return true;
    }
    if (c == 's') {
      ++pos_;
      *members = {' ', '\t', '\n', '\r', '\f'};
      return true;
    }
    if (c == 'w' || c == 'W' || c == 'D' || c == 'S' || c == 'p' || c == 'P') {
      SkipUnicodeClassName();
      *unknown = true;
      members->clear();
      return true;
    }
    std::optional<char32_t> literal = ReadEscapedLiteral();
    if (!literal) return false;
    *members = {*literal};
    return true;
  }

  // After '\' at pos_ - 1, a character escape: \n \t \xHH \x{H..} or punctuation.
  std::optional<char32_t> ReadEscapedLiteral() {
    const char c = p_[pos_++];
    switch (c) {
      case 'n':
        return U'\n';
      case 't':
        return U'\t';
      case 'r':
        return U'\r';
      case 'f':
        return U'\f';
      case 'v':
        return U'\v';
      case 'a':
        return U'\a';
      case 'x':
        return ReadHex();
      default:
        break;
    }
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
      return std::nullopt;  // an escape the analysis does not model
    }
    --pos_;
    return ReadCodePoint();
  }

  std::optional<char32_t> ReadHex() {
    const bool braced = !AtEnd() && Peek() == '{';
    if (braced) ++pos_;
    char32_t value = 0;
    int digits = 0;
    while (!AtEnd() && std::isxdigit(static_cast<unsigned char>(Peek())) &&
           (braced || digits < 2)) {
      const char d = p_[pos_++];
      value = value * 16 + static_cast<char32_t>(d <= '9' ? d - '0' : (d | 0x20) - 'a' + 10);
      ++digits;
      if (value > 0x10FFFF) return std::nullopt;
    }
    if (braced) {
      if (AtEnd() || Peek() != '}') return std::nullopt;
      ++pos_;
    }
    if (digits == 0) return std::nullopt;
    return value;
  }

  void SkipUnicodeClassName() {
    const char c = p_[pos_++];
    if ((c == 'p' || c == 'P') && !AtEnd()) {
      if (Peek() == '{') {
        const std::size_t close = p_.find('}', pos_);
        pos_ = close == std::string_view::npos ? p_.size() : close + 1;
      } else {
        ++pos_;
      }
    }
  }

  std::optional<Node> ParseEscape(bool case_insensitive) {
    ++pos_;  // '\'
    if (AtEnd()) return Fail();
    const char c = Peek();
    switch (c) {
      case 'b':
      case 'B':
      case 'A':
      case 'z':
        ++pos_;
        return Node{};
      case 'd':
        ++pos_;
        return CharsNode(Range('0', '9'), case_insensitive);
      case 's':
        ++pos_;
        return CharsNode({' ', '\t', '\n', '\r', '\f'}, case_insensitive);
      case 'w': {
        ++pos_;
        std::vector<char32_t> members = Range('0', '9');
        for (char32_t l : Range('a', 'z')) members.push_back(l);
        members.push_back('_');
        return CharsNode(members, /*case_insensitive=*/true);  // its upper case is the same lead
      }
      case 'W':
      case 'D':
      case 'S':
      case 'p':
      case 'P':
      case 'C':
        SkipUnicodeClassName();
        return Unknown();
      case 'Q': {
        ++pos_;
        const std::size_t close = p_.find("\\E", pos_);
        const std::size_t end = close == std::string_view::npos ? p_.size() : close;
        Node node{Node::Kind::kConcat, {}, {}, 0, 0};
        while (pos_ < end) {
          const std::optional<char32_t> literal = ReadCodePoint();
          if (!literal) return Fail();
          node.children.push_back(CharsNode({*literal}, case_insensitive));
        }
        pos_ = close == std::string_view::npos ? p_.size() : close + 2;
        return node;
      }
      default:
        break;
    }
    const std::optional<char32_t> literal = ReadEscapedLiteral();
    if (!literal) return Fail();
    return CharsNode({*literal}, case_insensitive);
  }

  std::optional<char32_t> ReadCodePoint() {
    utf8proc_int32_t code_point = 0;
    const auto length =
        utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(p_.data() + pos_),
                         static_cast<utf8proc_ssize_t>(p_.size() - pos_), &code_point);
    if (length <= 0) return std::nullopt;
    pos_ += static_cast<std::size_t>(length);
    return static_cast<char32_t>(code_point);
  }

  std::nullopt_t Fail() {
    failed_ = true;
    return std::nullopt;
  }

  std::string_view p_;
  std::size_t pos_ = 0;
  bool failed_ = false;
};

// A prefix of possible matches. `open`: the node's match can end exactly here, so what follows
// the node continues it; otherwise the prefix is already as long as asked or nothing may follow.
struct Item {
  std::string text;
  bool open = true;
  friend bool operator<(const Item& a, const Item& b) {
    return a.text != b.text ? a.text < b.text : a.open < b.open;
  }
  friend bool operator==(const Item&, const Item&) = default;
};
using Items = std::vector<Item>;

// The prefixes (at most `budget` bytes) of the strings a node matches. False if the node holds
// something unknown within that length or the prefixes exceed `cap`.
class Expander {
 public:
  explicit Expander(std::size_t cap) : cap_(cap) {}

  bool Expand(const Node& node, std::size_t budget, Items* out) const {
    out->clear();
    switch (node.kind) {
      case Node::Kind::kEmpty:
        out->push_back({"", true});
        return true;
      case Node::Kind::kUnknown:
        return false;
      case Node::Kind::kChars:
        for (const std::string& c : node.chars) {
          const bool fits = c.size() <= budget;
          out->push_back({fits ? c : c.substr(0, budget), fits});
        }
        return Tidy(out);
      case Node::Kind::kAlternate:
        for (const Node& child : node.children) {
          Items items;
          if (!Expand(child, budget, &items)) return false;
          out->insert(out->end(), items.begin(), items.end());
        }
        return Tidy(out);
      case Node::Kind::kConcat: {
        Items current{{"", true}};
        for (const Node& child : node.children) {
          if (!Extend(child, budget, &current)) return false;
        }
        *out = std::move(current);
        return true;
      }
      case Node::Kind::kRepeat:
        return ExpandRepeat(node, budget, out);
    }
    return false;
  }

 private:
  // Continues each open item shorter than `budget` with `node`.
  bool Extend(const Node& node, std::size_t budget, Items* items) const {
    Items next;
    bool all_closed = true;
    // The node's expansion depends only on the bytes left: once per distinct remainder.
    std::vector<std::optional<Items>> by_remainder(budget + 1);
    for (const Item& item : *items) {
      if (!item.open || item.text.size() >= budget) {
        next.push_back({item.text, false});
        continue;
      }
      all_closed = false;
      std::optional<Items>& continuations = by_remainder[budget - item.text.size()];
      if (!continuations) {
        continuations.emplace();
        if (!Expand(node, budget - item.text.size(), &*continuations)) return false;
      }
      for (const Item& continuation : *continuations) {
        std::string text;
        text.reserve(item.text.size() + continuation.text.size());
        text.append(item.text).append(continuation.text);
        next.push_back({std::move(text), continuation.open});
      }
      if (next.size() > 2 * cap_) return false;  // hopeless before tidying
    }
    if (all_closed) return true;
    *items = std::move(next);
    return Tidy(items);
  }

  bool ExpandRepeat(const Node& node, std::size_t budget, Items* out) const {
    const Node& child = node.children.front();
    Items current{{"", true}};
    for (int i = 0; i < node.min; ++i) {
      if (!Extend(child, budget, &current)) return false;
      if (std::none_of(current.begin(), current.end(),
                       [&](const Item& item) { return item.open && item.text.size() < budget; })) {
        break;
      }
    }
    Items result = current;
    // Each further repetition that matters adds at least one byte; the bound also stops a child
    // that can match "" from looping.
    for (int i = node.min; (node.max < 0 || i < node.max) && i <= node.min + int(budget); ++i) {
      Items frontier;
      for (const Item& item : current) {
        if (item.open && item.text.size() < budget) frontier.push_back(item);
      }
      if (frontier.empty()) break;
      if (!Extend(child, budget, &frontier)) return false;
      result.insert(result.end(), frontier.begin(), frontier.end());
      if (result.size() > 2 * cap_) return false;  // tidied once, below
      current = std::move(frontier);
    }
    *out = std::move(result);
    return Tidy(out);
  }

  // Sorts, drops duplicates and prefixes that normalised text cannot hold (two spaces in a row).
  bool Tidy(Items* items) const {
    std::erase_if(*items,
                  [](const Item& item) { return item.text.find("  ") != std::string::npos; });
    std::sort(items->begin(), items->end());
    items->erase(std::unique(items->begin(), items->end()), items->end());
    return items->size() <= cap_;
  }

  std::size_t cap_;
};

// The letters, digits and non-ASCII bytes of a lead (LeadLimits::min_word_bytes).
std::size_t WordBytes(const std::string& lead) {
  return static_cast<std::size_t>(std::count_if(lead.begin(), lead.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80;
  }));
}

// Drops every lead that has a shorter lead as its prefix (sorted input: a prefix sorts first).
std::vector<std::string> WithoutExtensions(std::vector<std::string> leads) {
  std::sort(leads.begin(), leads.end());
  std::vector<std::string> kept;
  for (std::string& lead : leads) {
    if (!kept.empty() && lead.compare(0, kept.back().size(), kept.back()) == 0) continue;
    kept.push_back(std::move(lead));
  }
  return kept;
}

}  // namespace

namespace {

// The leads at one length: usable, too weak (some lead has too few letters or digits;
// longer ones may not), failing (unknown syntax within that length, or too many leads: so at
// every greater length too), or impossible at any length (a match shorter than the minimum).
struct Attempt {
  enum class Outcome { kLeads, kWeak, kFails, kTooShort } outcome;
  std::vector<std::string> leads;
};

Attempt LeadsOfLength(const Node& root, std::size_t length, const LeadLimits& limits) {
  using Outcome = Attempt::Outcome;
  const Expander expander(limits.max_leads);
  Items items;
  if (length < limits.min_length || !expander.Expand(root, length, &items)) {
    return {Outcome::kFails, {}};
  }
  std::vector<std::string> leads;
  for (const Item& item : items) {
    if (item.text.size() < limits.min_length) return {Outcome::kTooShort, {}};
    leads.push_back(item.text);
  }
  leads = WithoutExtensions(std::move(leads));
  if (leads.empty() || leads.size() > limits.max_leads) return {Outcome::kFails, {}};
  if (!std::all_of(leads.begin(), leads.end(), [&](const std::string& lead) {
        return WordBytes(lead) >= limits.min_word_bytes;
      })) {
    return {Outcome::kWeak, {}};
  }
  return {Outcome::kLeads, std::move(leads)};
}

}  // namespace

std::optional<std::vector<std::string>> MatchLeads(std::string_view pattern, bool case_sensitive,
                                                   const LeadLimits& limits) {
  using Outcome = Attempt::Outcome;
  const std::optional<Node> root = Parser(pattern).Parse(case_sensitive);
  if (!root) return std::nullopt;
  // Longer leads are more selective, shorter ones fewer: the longest length within the limit.
  // Counts only grow with the length, so the search starts in the middle (6 bytes) and goes up
  // (12, then 8) or down (4, then 3): two or three expansions instead of five.
  const auto at = [&](std::size_t length) { return LeadsOfLength(*root, length, limits); };
  Attempt middle = at(6);
  if (middle.outcome == Outcome::kTooShort) return std::nullopt;
  if (middle.outcome != Outcome::kFails) {
    if (Attempt longest = at(12); longest.outcome == Outcome::kLeads) return longest.leads;
    if (Attempt longer = at(8); longer.outcome == Outcome::kLeads) return longer.leads;
    if (middle.outcome == Outcome::kLeads) return middle.leads;
    return std::nullopt;
  }
  Attempt shorter = at(4);
  if (shorter.outcome == Outcome::kLeads) return shorter.leads;
  if (shorter.outcome == Outcome::kFails) {
    if (Attempt shortest = at(3); shortest.outcome == Outcome::kLeads) return shortest.leads;
  }
  return std::nullopt;
}

bool MatchesOutsideAsciiWords(std::string_view pattern) {
  const auto alnum = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  };
  bool non_ascii = false;
  bool in_class = false;
  std::size_t class_start = 0;  // the first byte after an open class's '['
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    const char c = pattern[i];
    if (c == '\\') {
      if (++i == pattern.size()) return false;
      const char escaped = pattern[i];
      if (alnum(escaped) && escaped != 's' && escaped != 'b' && escaped != 'B') return false;
    } else if (c == '(' && !in_class && i + 1 < pattern.size() && pattern[i + 1] == '?') {
      // Flags ("(?i:", "(?-i)") or a plain group ("(?:"); a named group ("(?P<") is not modelled.
      std::size_t j = i + 2;
      while (j < pattern.size() && (pattern[j] == 'i' || pattern[j] == 's' || pattern[j] == 'm' ||
                                    pattern[j] == 'U' || pattern[j] == '-')) {
        ++j;
      }
      if (j == pattern.size() || (pattern[j] != ':' && pattern[j] != ')')) return false;
      i = j;
    } else if (c == '[' && !in_class) {
      if (i + 1 < pattern.size() && pattern[i + 1] == '^') return false;
      in_class = true;
      class_start = i + 1;
    } else if (c == ']' && in_class && i > class_start) {
      in_class = false;
    } else if (c == '-' && in_class && i > class_start && i + 1 < pattern.size() &&
               pattern[i + 1] != ']') {
      return false;  // a range ("[+-=]" holds the digits)
    } else if ((c == '.' && !in_class) || alnum(c)) {
      return false;  // (a counted repetition, "{2}", is not modelled either)
    } else if (static_cast<unsigned char>(c) >= 0x80) {
      // U+017F LONG S and U+212A KELVIN SIGN are case variants of 's' and 'k'.
      const std::string_view rest = pattern.substr(i);
      if (rest.starts_with("\xC5\xBF") || rest.starts_with("\xE2\x84\xAA")) return false;
      non_ascii = true;
    }
  }
  return non_ascii;
}

}  // namespace internal

}  // namespace trustscreen::rules
