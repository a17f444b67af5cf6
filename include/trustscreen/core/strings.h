// Small string helpers that several modules need in the same form: fields between separators,
// joining, ASCII lower case. Header-only.
//
// Thread-safety: pure functions.
#ifndef TRUSTSCREEN_CORE_STRINGS_H_
#define TRUSTSCREEN_CORE_STRINGS_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace trustscreen {

// The fields of `text` between `separator`s, in order, empty ones included: "a||b" -> "a", "",
// "b"; "" -> one empty field. The views point into `text`.
inline std::vector<std::string_view> SplitFields(std::string_view text, char separator) {
  std::vector<std::string_view> fields;
  std::size_t start = 0;
  while (true) {
    const std::size_t end = text.find(separator, start);
    if (end == std::string_view::npos) {
      fields.push_back(text.substr(start));
      return fields;
    }
    fields.push_back(text.substr(start, end - start));
    start = end + 1;
  }
}

// `values` with `separator` between each two: {"a", "b"} -> "a, b" for ", "; {} -> "".
inline std::string Join(const std::vector<std::string>& values, std::string_view separator) {
  std::string joined;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i > 0) joined += separator;
    joined += values[i];
  }
  return joined;
}

// `text` with the ASCII capitals A-Z made small; every other byte (UTF-8 included) as it is.
inline std::string AsciiLower(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return lower;
}

}  // namespace trustscreen

#endif  // TRUSTSCREEN_CORE_STRINGS_H_
