#include "tracked_views.h"

#include <algorithm>
#include <string>
#include <utility>

#include "trustscreen/match/matcher.h"

namespace trustscreen::screen {
namespace {

// A view of Document::text with the blocks of one part left out: its text, and for each kept run
// of bytes where it starts in the view and in the document.
struct View {
  struct Run {
    std::size_t view_begin = 0;
    std::size_t document_begin = 0;
  };
  Document document;  // the view's text, one page; what the matcher reads
  std::vector<Run> runs;

  // The document offset of view offset `offset` (the last byte of a match: end - 1).
  std::size_t ToDocument(std::size_t offset) const {
    const auto run = std::prev(std::upper_bound(
        runs.begin(), runs.end(), offset,
        [](std::size_t value, const Run& candidate) { return value < candidate.view_begin; }));
    return run->document_begin + (offset - run->view_begin);
  }
};

bool HasPart(const Document& document, TextPart part) {
  return std::any_of(document.blocks.begin(), document.blocks.end(),
                     [&](const TextBlock& block) { return block.part == part; });
}

View MakeView(const Document& document, TextPart left_out) {
  View view;
  std::size_t kept_from = 0;
  const auto keep = [&](std::size_t until) {
    if (until <= kept_from) return;
    view.runs.push_back({view.document.text.size(), kept_from});
    view.document.text.append(document.text, kept_from, until - kept_from);
  };
  for (const TextBlock& block : document.blocks) {
    if (block.part != left_out) continue;
    keep(block.begin);
    kept_from = std::max(kept_from, block.end);
  }
  keep(document.text.size());
  if (view.runs.empty()) view.runs.push_back({0, 0});
  view.document.pages.push_back(Page{.number = 1, .begin = 0, .end = view.document.text.size()});
  return view;
}

bool Covered(const std::vector<Finding>& findings, const Finding& candidate) {
  return std::any_of(findings.begin(), findings.end(), [&](const Finding& finding) {
    return finding.rule_id == candidate.rule_id && finding.begin < candidate.end &&
           candidate.begin < finding.end;
  });
}

}  // namespace

Status AddTrackedChangeViews(const rules::CompiledRuleSet& rules, const Document& document,
                             std::vector<Finding>& findings) {
  const std::pair<TextPart, const char*> views[] = {{TextPart::kInserted, "as drafted"},
                                                    {TextPart::kDeleted, "as amended"}};
  std::vector<Finding> added;
  for (const auto& [left_out, name] : views) {
    if (!HasPart(document, left_out)) continue;
    const View view = MakeView(document, left_out);
    Result<std::vector<Finding>> matched = match::MatchDocument(rules, view.document);
    if (!matched.ok()) return matched.status();
    for (Finding& finding : *matched) {
      if (finding.end <= finding.begin) continue;
      finding.begin = view.ToDocument(finding.begin);
      finding.end = view.ToDocument(finding.end - 1) + 1;
      if (Covered(findings, finding) || Covered(added, finding)) continue;
      finding.matched_text = document.text.substr(finding.begin, finding.end - finding.begin);
      finding.page = document.PageAt(finding.begin);
      finding.modifiers.push_back(name);
      added.push_back(std::move(finding));
    }
  }
  if (added.empty()) return Status::Ok();
  for (Finding& finding : added) findings.push_back(std::move(finding));
  std::stable_sort(findings.begin(), findings.end(),
                   [](const Finding& a, const Finding& b) { return a.begin < b.begin; });
  return Status::Ok();
}

}  // namespace trustscreen::screen
