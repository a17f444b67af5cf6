#include "index_search.h"

#include <cstdint>

#include "compiled_rules_internal.h"
#include "lead_index.h"
#include "name_index.h"
#include "text_runs.h"

namespace trustscreen::rules::internal {

IndexSearch::IndexSearch(const CompiledRuleSet::Impl& impl, std::string_view text)
    : impl_(impl),
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
  return impl_.names->Contains(pattern_id) ? &names_->SearchRanges(pattern_id) : nullptr;
}

std::span<const std::size_t> IndexSearch::LeadStarts(int pattern_id) const {
  return leads_->Starts(pattern_id);
}

}  // namespace trustscreen::rules::internal
