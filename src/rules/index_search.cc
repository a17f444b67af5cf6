#include "index_search.h"

#include <cstdint>

#include "compiled_rules_internal.h"
#include "lead_index.h"
#include "name_index.h"
#include "text_runs.h"

namespace trustscreen::rules::internal {

namespace {

// The maximal runs of `text` free of ASCII letters and digits that hold a byte >= 0x80, in text
// order: found from the non-ASCII bytes, each run walked once.
std::vector<TextRange> NonAsciiRuns(std::string_view text) {
  std::vector<TextRange> runs;
  for (const std::size_t position : NonAsciiPositions(text)) {
    if (!runs.empty() && position < runs.back().end) continue;
    std::size_t begin = position;
    while (begin > 0 && !IsAsciiAlnum(text[begin - 1])) --begin;
    std::size_t end = position + 1;
    while (end < text.size() && !IsAsciiAlnum(text[end])) ++end;
    runs.push_back({begin, end});
  }
  return runs;
}

}  // namespace

IndexSearch::IndexSearch(const CompiledRuleSet::Impl& impl, std::string_view text)
    : impl_(impl),
      text_(text),
      leads_(std::make_unique<LeadSearch>(*impl.leads, text)),
      names_(std::make_unique<NameSearch>(*impl.names, text)) {
  LeadSearch& leads = *leads_;
  NameSearch& names = *names_;
  // Inlined into ForEachRun's loop: most runs fail both first tests, which cost about as much
  // as a call.
  const auto at_run = [&](std::size_t start, std::size_t end) __attribute__((always_inline)) {
    const std::uint64_t first8 = Load8(text, start);
    leads.AtRunStart(start, first8);
    names.AtRun(start, end, first8);
  };
  ForEachRun(AlnumBits(text), text.size(), at_run);
  leads.Finish();
  names.Finish();
}

IndexSearch::~IndexSearch() = default;

void IndexSearch::AddCandidates(std::vector<int>* candidates) const {
  leads_->AddCandidates(candidates);
  names_->AddCandidates(candidates);
}

const std::vector<TextRange>* IndexSearch::NameRanges(int pattern_id) const {
  if (impl_.names->Contains(pattern_id)) return &names_->SearchRanges(pattern_id);
  if (!impl_.patterns[static_cast<std::size_t>(pattern_id)].outside_ascii_words) return nullptr;
  if (!non_ascii_runs_) non_ascii_runs_ = NonAsciiRuns(text_);
  return &*non_ascii_runs_;
}

std::span<const std::size_t> IndexSearch::LeadStarts(int pattern_id) const {
  return leads_->Starts(pattern_id);
}

}  // namespace trustscreen::rules::internal
