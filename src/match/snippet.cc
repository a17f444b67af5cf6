#include "snippet.h"

#include <algorithm>

namespace trustscreen::match {
namespace {

bool IsContinuation(char byte) { return (static_cast<unsigned char>(byte) & 0xC0) == 0x80; }

// ASCII whitespace and every other C0 control or DEL: none of them belongs in a one-line snippet
// (reports write snippets into CSV cells and terminal lines).
bool IsSpaceOrControl(char byte) {
  const auto value = static_cast<unsigned char>(byte);
  return value <= 0x20 || value == 0x7F;
}

}  // namespace

std::string MakeSnippet(std::string_view text, std::size_t begin, std::size_t end,
                        std::size_t context_bytes) {
  end = std::min(end, text.size());
  begin = std::min(begin, end);
  std::size_t start = begin > context_bytes ? begin - context_bytes : 0;
  std::size_t stop = std::min(text.size(), end + context_bytes);
  // A code point is at most four bytes, so at most three steps reach a lead byte; the bound keeps
  // invalid UTF-8 (long runs of continuation bytes) from eating the context.
  for (int i = 0; i < 3 && start < begin && IsContinuation(text[start]); ++i) ++start;
  for (int i = 0; i < 3 && stop > end && stop < text.size() && IsContinuation(text[stop]); ++i) {
    --stop;
  }

  std::string snippet;
  snippet.reserve(stop - start);
  bool pending_space = false;
  for (std::size_t i = start; i < stop; ++i) {
    if (IsSpaceOrControl(text[i])) {
      pending_space = !snippet.empty();
      continue;
    }
    if (pending_space) snippet.push_back(' ');
    pending_space = false;
    snippet.push_back(text[i]);
  }
  return snippet;
}

}  // namespace trustscreen::match
