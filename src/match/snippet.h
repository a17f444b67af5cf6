// One-line context snippets around a match (internal to the match library).
#ifndef TRUSTSCREEN_MATCH_SNIPPET_H_
#define TRUSTSCREEN_MATCH_SNIPPET_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace trustscreen::match {

// Bytes of context taken on each side of a match.
inline constexpr std::size_t kSnippetContextBytes = 80;

// text[begin, end) plus up to `context_bytes` bytes on each side, with both cuts moved inwards to
// UTF-8 code point boundaries. Runs of whitespace and control characters (\n, \f, \t, \r, …)
// become one space, and the result is trimmed, so a snippet is always one line. No markers: a
// report highlights the match from the finding's offsets.
std::string MakeSnippet(std::string_view text, std::size_t begin, std::size_t end,
                        std::size_t context_bytes = kSnippetContextBytes);

}  // namespace trustscreen::match

#endif  // TRUSTSCREEN_MATCH_SNIPPET_H_
