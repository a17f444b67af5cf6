#include "pdf_content_filter.h"

#include <array>
#include <vector>

namespace trustscreen::extract::internal {
namespace {

enum CharClass : unsigned char { kRegular, kWhite, kDelimiter };

// PDF's character classes (ISO 32000-1 7.2.2), looked up once per byte.
constexpr std::array<CharClass, 256> kClasses = [] {
  std::array<CharClass, 256> classes{};
  for (const unsigned char c : {'\0', '\t', '\n', '\f', '\r', ' '}) classes[c] = kWhite;
  for (const unsigned char c : {'(', ')', '<', '>', '[', ']', '{', '}', '/', '%'}) {
    classes[c] = kDelimiter;
  }
  return classes;
}();

CharClass ClassOf(char c) { return kClasses[static_cast<unsigned char>(c)]; }
bool IsWhite(char c) { return ClassOf(c) == kWhite; }
bool IsDelimiter(char c) { return ClassOf(c) == kDelimiter; }
bool IsRegular(char c) { return ClassOf(c) == kRegular; }

// The end of the token starting at `pos` (not white space).
std::size_t TokenEnd(std::string_view content, std::size_t pos) {
  const std::size_t n = content.size();
  const char c = content[pos];
  if (c == '%') {  // a comment runs to the end of the line
    while (pos < n && content[pos] != '\n' && content[pos] != '\r') ++pos;
    return pos;
  }
  if (c == '(') {  // a literal string: balanced parentheses, backslash escapes
    int depth = 0;
    while (pos < n) {
      const char ch = content[pos++];
      if (ch == '\\') {
        if (pos < n) ++pos;
      } else if (ch == '(') {
        ++depth;
      } else if (ch == ')' && --depth == 0) {
        break;
      }
    }
    return pos;
  }
  if (c == '<' || c == '>') {
    if (pos + 1 < n && content[pos + 1] == c) return pos + 2;  // << or >>
    if (c == '>') return pos + 1;
    while (pos < n && content[pos] != '>') ++pos;  // a hex string
    return pos < n ? pos + 1 : pos;
  }
  if (c == '/') {  // a name
    ++pos;
    while (pos < n && IsRegular(content[pos])) ++pos;
    return pos;
  }
  if (IsDelimiter(c)) return pos + 1;  // [ ] { } and a stray )
  while (pos < n && IsRegular(content[pos])) ++pos;
  return pos;
}

}  // namespace

FilteredContent DropEmptySaveRestore(std::string_view content) {
  FilteredContent result;
  std::string& out = result.content;
  out.reserve(content.size());
  // Bytes are copied in runs, at each removal: content[copied, ...) is not yet in `out`.
  std::size_t copied = 0;
  // For each "q" not yet followed by anything but another "q": where its white space begins in
  // `content`, and the size `out` has once everything before that is copied.
  struct Open {
    std::size_t at;
    std::size_t out_size;
  };
  std::vector<Open> open;
  std::size_t pos = 0;
  while (pos < content.size()) {
    const std::size_t start = pos;  // the white space before the token belongs to it
    while (pos < content.size() && IsWhite(content[pos])) ++pos;
    if (pos == content.size()) break;
    const std::size_t token_start = pos;
    pos = TokenEnd(content, pos);
    const std::string_view token = content.substr(token_start, pos - token_start);
    if (token == "q") {
      open.push_back({start, out.size() + (start - copied)});
    } else if (token == "Q" && !open.empty()) {
      // Only white space, "q" and removed pairs lie between the open "q" and this "Q".
      const Open& pair = open.back();
      if (pair.at >= copied) {
        out.append(content.substr(copied, pair.at - copied));
      } else {
        out.resize(pair.out_size);  // inside a run already copied for an inner pair
      }
      copied = pos;
      open.pop_back();
      ++result.removed;
    } else if (token == "BI" || token == "ID") {
      break;  // inline image data follows: kept as it is, with everything after it
    } else {
      open.clear();
    }
  }
  out.append(content.substr(copied));
  return result;
}

}  // namespace trustscreen::extract::internal
