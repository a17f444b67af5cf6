#include "index_search.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>

#include "compiled_rules_internal.h"
#include "lead_index.h"
#include "name_index.h"
#include "text_runs.h"

namespace trustscreen::rules::internal {

namespace {

// The maximal runs of `text` free of ASCII letters and digits that hold a byte >= 0x80, in text
// order, in one pass (a run is walked back to its start once: runs do not overlap).
std::vector<TextRange> NonAsciiRuns(std::string_view text) {
  std::vector<TextRange> runs;
  const auto non_ascii = [](char c) { return static_cast<unsigned char>(c) >= 0x80; };
  for (auto it = std::find_if(text.begin(), text.end(), non_ascii); it != text.end();
       it = std::find_if(text.begin() + static_cast<std::ptrdiff_t>(runs.back().end), text.end(),
                         non_ascii)) {
    auto begin = it;
    while (begin != text.begin() && !IsAsciiAlnum(*(begin - 1))) --begin;
    const auto end = std::find_if(it, text.end(), IsAsciiAlnum);
    runs.push_back({static_cast<std::size_t>(begin - text.begin()),
                    static_cast<std::size_t>(end - text.begin())});
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
