#include "clause_excerpts.h"

#include <algorithm>

namespace trustscreen::screen {
namespace {

struct Span {
  std::size_t begin = 0;
  std::size_t end = 0;
};

// The clause holding `offset`, or the gap between clauses that holds it.
Span SpanAt(const std::vector<text::Clause>& clauses, std::size_t offset, std::size_t text_size) {
  if (const text::Clause* clause = text::ClauseAt(clauses, offset)) {
    return {clause->begin, clause->end};
  }
  auto next = std::upper_bound(
      clauses.begin(), clauses.end(), offset,
      [](std::size_t value, const text::Clause& clause) { return value < clause.begin; });
  Span gap{0, text_size};
  if (next != clauses.end()) gap.end = next->begin;
  if (next != clauses.begin()) gap.begin = std::prev(next)->end;
  return gap;
}

bool IsContinuationByte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// Shrinks `span` to at most `max_bytes`, keeping [match_begin, match_end) in the middle.
Span Window(Span span, std::size_t match_begin, std::size_t match_end, std::size_t max_bytes) {
  if (span.end - span.begin <= max_bytes) return span;
  if (match_end - match_begin >= max_bytes) return {match_begin, match_begin + max_bytes};
  const std::size_t slack = max_bytes - (match_end - match_begin);
  std::size_t begin = std::max(span.begin, match_begin - std::min(match_begin, slack / 2));
  const std::size_t end = std::min(span.end, begin + max_bytes);
  begin = std::max(span.begin, end - max_bytes);
  return {begin, end};
}

}  // namespace

std::vector<ClauseExcerpt> MakeClauseExcerpts(const Document& document,
                                              const std::vector<text::Clause>& clauses,
                                              const std::vector<Finding>& findings,
                                              std::size_t max_bytes) {
  const std::string& text = document.text;
  std::vector<ClauseExcerpt> excerpts;
  for (const FindingRange& range : GroupFindingsByClause(findings)) {
    const Finding& head = findings[range.first];
    Span span{text.size(), 0};
    std::size_t match_begin = text.size();
    std::size_t match_end = 0;
    for (std::size_t i = range.first; i < range.last; ++i) {
      const std::size_t begin = std::min(findings[i].begin, text.size());
      const std::size_t end = std::clamp(findings[i].end, begin, text.size());
      const Span around = SpanAt(clauses, begin, text.size());
      span = {std::min({span.begin, around.begin, begin}), std::max({span.end, around.end, end})};
      match_begin = std::min(match_begin, begin);
      match_end = std::max(match_end, end);
    }
    Span cut = Window(span, match_begin, match_end, max_bytes);
    while (cut.begin < cut.end && IsContinuationByte(text[cut.begin])) ++cut.begin;
    while (cut.end > cut.begin && cut.end < text.size() && IsContinuationByte(text[cut.end])) {
      --cut.end;
    }

    ClauseExcerpt excerpt;
    excerpt.ref = head.clause_ref;
    excerpt.title = head.clause_title;
    // Pages are in text order (Document::PageRecordAt): start at the first that ends after the
    // cut, not at page 1, so a long document's excerpts cost no pass over all its pages each.
    for (auto page = std::upper_bound(
             document.pages.begin(), document.pages.end(), cut.begin,
             [](std::size_t offset, const Page&candidate) { return offset < candidate.end; });
         page != document.pages.end() && page->begin < cut.end; ++page) {
      excerpt.pages.push_back(page->number);
    }
    excerpt.begin = cut.begin;
    excerpt.end = cut.end;
    excerpt.truncated = cut.begin != span.begin || cut.end != span.end;
    excerpt.text = text.substr(cut.begin, cut.end - cut.begin);
    excerpts.push_back(std::move(excerpt));
  }
  return excerpts;
}

}  // namespace trustscreen::screen
