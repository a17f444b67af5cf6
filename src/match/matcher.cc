#include "trustscreen/match/matcher.h"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <exception>
#include <iterator>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "compiled_rules_internal.h"
#include "context.h"
#include "entity_match.h"
#include "index_search.h"
#include "snippet.h"
#include "trustscreen/core/utf8.h"
#include "trustscreen/lists/affiliates.h"
#include "trustscreen/lists/transliterate.h"
#include "trustscreen/text/clauses.h"
#include "trustscreen/text/normalize.h"
#include "validators.h"
#include "word_boundary.h"

namespace trustscreen::match {
namespace {

using rules::internal::IndexSearch;
using rules::internal::TextRange;

struct Occurrence {
  int rule_index = 0;
  std::size_t begin = 0;
  std::size_t end = 0;
  int pattern_id = -1;     // into Impl::patterns
  bool affiliate = false;  // a possible affiliate: a listed name of the same span wins over it
  bool primary = false;  // an entry's own name (not an alias): wins over an alias of the same span
};

// The span an occurrence reports: a possible affiliate without its trailing legal form, so that
// "Sberbank Leasing JSC" ties with a listed "Sberbank Leasing" (and loses to it).
std::size_t ReportedEnd(const rules::CompiledPattern& pattern, std::string_view text,
                        std::size_t begin, std::size_t end) {
  if (pattern.origin != rules::PatternOrigin::kAffiliate) return end;
  return begin + lists::TrimTrailingLegalForm(text.substr(begin, end - begin));
}

re2::StringPiece Piece(std::string_view text) { return re2::StringPiece(text.data(), text.size()); }

// First pass: which patterns match somewhere in the text. RE2::Set cannot fall back to the NFA, so
// a DFA that runs out of memory makes Match() return false; that false must not read as "no
// match", or an unscreened document would look clean.
Status CollectCandidates(const rules::PatternSet& prefilter, std::string_view text,
                         std::vector<int>* candidates) {
  if (prefilter.set == nullptr) return Status::Ok();
  std::vector<int> hits;
  re2::RE2::Set::ErrorInfo info{re2::RE2::Set::kNoError};
  if (prefilter.set->Match(Piece(text), &hits, &info)) {
    for (int hit : hits) candidates->push_back(prefilter.pattern_ids[hit]);
    return Status::Ok();
  }
  switch (info.kind) {
    case re2::RE2::Set::kNoError:
      return Status::Ok();
    case re2::RE2::Set::kOutOfMemory:
      return InternalError(
          "RE2::Set ran out of memory (DFA budget exhausted); the text was not screened");
    case re2::RE2::Set::kNotCompiled:
    case re2::RE2::Set::kInconsistent:
      break;
  }
  return InternalError("RE2::Set failed (error kind " +
                       std::to_string(static_cast<int>(info.kind)) +
                       "); the text was not screened");
}

// Whether a match [begin, end) of `pattern` counts: not empty, whole-word if the rule says so,
// passing the rule's validator and, for entity names, their own conditions.
bool Accepts(const rules::CompiledPattern& pattern, const rules::Rule& rule, std::string_view text,
             std::size_t begin, std::size_t end, EntityContextCache* entity_cache) {
  // An empty match is rejected when rules load; rejecting it here keeps the loops finite anyway.
  return begin != end && (!rule.whole_word || IsWholeWord(text, begin, end)) &&
         PassesValidator(rule.validate, text.substr(begin, end - begin)) &&
         (pattern.entry_index < 0 ||
          (AcceptEntityOccurrence(pattern, text, begin, end, entity_cache) &&
           (pattern.origin != rules::PatternOrigin::kAffiliate ||
            !IsListedNameOf(pattern, rule,
                            text.substr(begin, ReportedEnd(pattern, text, begin, end) - begin)))));
}

// The leftmost match of `pattern` starting in [pos, end) of `text` (at `pos` itself when
// anchored); the match ends by `end` but for an affiliate's tail. For a
// possible affiliate, Regex() finds the group's stem and the match goes on with the shared tail,
// anchored where the stem ends; a stem without it is no match, and the search resumes after the
// stem's start.
bool NextMatch(const rules::CompiledPattern& pattern, std::string_view text, std::size_t pos,
               std::size_t end, re2::RE2::Anchor anchor, re2::StringPiece* match) {
  const re2::StringPiece input = Piece(text);
  while (pos <= end) {
    if (!pattern.Regex().Match(input, pos, end, anchor, match, 1)) return false;
    if (pattern.tail == nullptr) return true;
    const auto begin = static_cast<std::size_t>(match->data() - text.data());
    // The tail may run past `end`: a stem in another script found within its run of the text
    // (IndexSearch::NameRanges) can be followed by Latin words.
    re2::StringPiece tail;
    if (pattern.tail->Match(input, begin + match->size(), text.size(), re2::RE2::ANCHOR_START,
                            &tail, 1)) {
      *match = re2::StringPiece(match->data(), match->size() + tail.size());
      return true;
    }
    if (anchor != re2::RE2::UNANCHORED) return false;
    pos = NextCodePoint(text, begin);
  }
  return false;
}

// Second pass for one candidate pattern: every whole-word occurrence in [range.begin, range.end),
// left to right.
void FindOccurrences(const rules::CompiledPattern& pattern, int pattern_id, const rules::Rule& rule,
                     std::string_view text, TextRange range, EntityContextCache* entity_cache,
                     std::vector<Occurrence>* out) {
  std::size_t pos = range.begin;
  while (pos <= range.end) {
    re2::StringPiece match;
    if (!NextMatch(pattern, text, pos, range.end, re2::RE2::UNANCHORED, &match)) break;
    const auto begin = static_cast<std::size_t>(match.data() - text.data());
    const std::size_t end = begin + match.size();
    // A match that fails the word check may overlap a valid one that starts inside it, so the
    // search resumes one code point after the rejected match's start, not after its end.
    if (!Accepts(pattern, rule, text, begin, end, entity_cache)) {
      pos = NextCodePoint(text, begin);
      continue;
    }
    out->push_back({pattern.rule_index, begin, ReportedEnd(pattern, text, begin, end), pattern_id,
                    pattern.origin == rules::PatternOrigin::kAffiliate, pattern.name_index == 0});
    pos = end;
  }
}

// The same for a pattern of the lead index, given every position where a match of it can start
// (IndexSearch::LeadStarts): anchored at each, skipping those inside the previous occurrence. The
// leftmost start at which the anchored pattern matches is where the unanchored search would have
// found it, so the occurrences are the same as FindOccurrences over the whole text.
void FindOccurrencesAt(const rules::CompiledPattern& pattern, int pattern_id,
                       const rules::Rule& rule, std::string_view text,
                       std::span<const std::size_t> starts, EntityContextCache* entity_cache,
                       std::vector<Occurrence>* out) {
  std::size_t resume = 0;
  for (const std::size_t begin : starts) {
    if (begin < resume) continue;
    re2::StringPiece match;
    if (!NextMatch(pattern, text, begin, text.size(), re2::RE2::ANCHOR_START, &match)) continue;
    const std::size_t end = begin + match.size();
    if (!Accepts(pattern, rule, text, begin, end, entity_cache)) continue;
    out->push_back({pattern.rule_index, begin, ReportedEnd(pattern, text, begin, end), pattern_id,
                    pattern.origin == rules::PatternOrigin::kAffiliate, pattern.name_index == 0});
    resume = end;
  }
}

// Several patterns of one rule can hit overlapping spans ("UK Military List entry ML10" and
// "ML10"). Keep one finding per overlap: the longest span, the earliest among equals.
void KeepLongestOfOverlaps(std::vector<Occurrence>* occurrences) {
  std::sort(occurrences->begin(), occurrences->end(), [](const Occurrence& a, const Occurrence& b) {
    const std::size_t length_a = a.end - a.begin;
    const std::size_t length_b = b.end - b.begin;
    if (length_a != length_b) return length_a > length_b;
    if (a.affiliate != b.affiliate) return !a.affiliate;
    // "Sberbank of Russia" is one entry's name and another's alias: the entry it names wins.
    if (a.primary != b.primary) return a.primary;
    // Then the first listed (two entries, or two spellings of one, on the same words): an order
    // of its own, not the sort's, so that how the occurrences were found does not change it.
    return std::tie(a.begin, a.pattern_id) < std::tie(b.begin, b.pattern_id);
  });
  std::map<std::size_t, std::size_t> kept;  // begin -> end, pairwise disjoint
  std::vector<Occurrence> result;
  for (const Occurrence& occurrence : *occurrences) {
    auto next = kept.lower_bound(occurrence.begin);
    if (next != kept.end() && next->first < occurrence.end) continue;
    if (next != kept.begin() && std::prev(next)->second > occurrence.begin) continue;
    kept.emplace(occurrence.begin, occurrence.end);
    result.push_back(occurrence);
  }
  *occurrences = std::move(result);
}

// Context of one occurrence: false if `requires` or `unless` rejects it; otherwise sets the
// finding's severity, negation flag and modifiers.
bool ApplyContext(const rules::CompiledContext* context, const ContextFinder& finder,
                  std::size_t begin, std::size_t end, Finding* finding) {
  int band = static_cast<int>(finding->base_severity);
  if (context != nullptr) {
    if (context->requires_context && !finder.Occurs(*context->requires_context, begin, end)) {
      return false;
    }
    if (context->unless_context && finder.Occurs(*context->unless_context, begin, end)) {
      return false;
    }
    for (const rules::CompiledCondition& raise : context->raise) {
      if (finder.Occurs(raise, begin, end)) {
        ++band;
        finding->modifiers.push_back("+" + raise.label);
      }
    }
    for (const rules::CompiledCondition& lower : context->lower) {
      if (finder.Occurs(lower, begin, end)) {
        --band;
        finding->modifiers.push_back("-" + lower.label);
      }
    }
  }
  if (finder.IsNegated(begin)) {
    finding->negated = true;
    --band;
    finding->modifiers.push_back("-negated");
  }
  band = std::clamp(band, static_cast<int>(Severity::kInfo), static_cast<int>(Severity::kCritical));
  finding->severity = static_cast<Severity>(band);
  return true;
}

// True if one of the rule's context conditions looks at a `clause` window.
bool UsesClauseWindow(const rules::CompiledContext& context) {
  const auto by_clause = [](const rules::CompiledCondition& condition) {
    return condition.within.kind == rules::ContextWindow::Kind::kClause;
  };
  return (context.requires_context && by_clause(*context.requires_context)) ||
         (context.unless_context && by_clause(*context.unless_context)) ||
         std::any_of(context.raise.begin(), context.raise.end(), by_clause) ||
         std::any_of(context.lower.begin(), context.lower.end(), by_clause);
}

// From this many bytes of text, a document's candidate patterns are searched on several threads
// (those of the caller's oneTBB arena). Below it, the loop's overhead is not worth it.
constexpr std::size_t kParallelMatchBytes = std::size_t{1} << 20;

// Rules match the normalised text (one pass of text::Normalize per document); findings report
// original offsets, text and snippets through the normalised text's offset map.
// `clauses`, if not null, are text::DocumentClauses(*document) (SegmentClauses(original) without a
// document), computed by the caller; `original` is document->text when there is a document.
Result<std::vector<Finding>> MatchImpl(const rules::CompiledRuleSet& rule_set,
                                       std::string_view original, const Document* document,
                                       const std::vector<text::Clause>* clauses) {
  const rules::CompiledRuleSet::Impl& impl = rule_set.impl();
  const text::NormalizedText normalized = text::Normalize(original);
  const std::string_view text = normalized.text();
  std::vector<int> candidates;
  if (Status status = CollectCandidates(impl.prefilter, text, &candidates); !status.ok()) {
    return status;
  }
  if (!impl.script_prefilter.pattern_ids.empty() && MayHaveNonLatinLetters(text)) {
    Result<const re2::RE2::Set*> script_set = impl.ScriptSet();
    if (!script_set.ok()) return script_set.status();
    if (Status status = CollectCandidates(impl.script_prefilter, text, &candidates); !status.ok()) {
      return status;
    }
  }
  const IndexSearch indexes(impl, text);
  indexes.AddCandidates(&candidates);
  if (candidates.empty()) return std::vector<Finding>{};
  // Pattern ids follow rule order, so sorting groups each rule's patterns together.
  std::sort(candidates.begin(), candidates.end());

  std::vector<Occurrence> occurrences;
  std::size_t group_start = 0;
  int patterns_in_group = 0;
  // Where each candidate can match, from the indexes (memoized there: one thread), then each
  // candidate searched on its own: on several threads over a long text (a spreadsheet of a
  // sanctions list holds thousands of names, each searched around its own words).
  std::vector<const std::vector<TextRange>*> ranges(candidates.size());
  std::vector<std::span<const std::size_t>> starts(candidates.size());
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    ranges[i] = indexes.NameRanges(candidates[i]);
    if (ranges[i] == nullptr) starts[i] = indexes.LeadStarts(candidates[i]);
  }
  // A name whose indexed words occur, but not near enough to each other, has nowhere to be
  // searched: its RE2, compiled on first use, is not needed (most candidates end here).
  const auto searched = [&](std::size_t i) { return ranges[i] == nullptr || !ranges[i]->empty(); };
  std::vector<std::vector<Occurrence>> found(candidates.size());
  const auto search = [&](std::size_t i) {
    if (!searched(i)) return;
    const rules::CompiledPattern& pattern = impl.patterns[candidates[i]];
    const rules::Rule& rule = impl.rules[pattern.rule_index];
    if (!pattern.Regex().ok()) return;  // reported below, in candidate order
    EntityContextCache entity_cache;
    if (ranges[i] != nullptr) {
      for (const TextRange& range : *ranges[i]) {
        FindOccurrences(pattern, candidates[i], rule, text, range, &entity_cache, &found[i]);
      }
    } else if (!starts[i].empty()) {
      FindOccurrencesAt(pattern, candidates[i], rule, text, starts[i], &entity_cache, &found[i]);
    } else {
      FindOccurrences(pattern, candidates[i], rule, text, {0, text.size()}, &entity_cache,
                      &found[i]);
    }
  };
  if (text.size() >= kParallelMatchBytes && candidates.size() > 1) {
    // Isolated: a thread waiting for this loop takes none of the pipeline's other documents.
    tbb::this_task_arena::isolate([&] {
      tbb::parallel_for(tbb::blocked_range<std::size_t>(0, candidates.size()),
                        [&](const tbb::blocked_range<std::size_t>& block) {
                          for (std::size_t i = block.begin(); i != block.end(); ++i) search(i);
                        });
    });
  } else {
    for (std::size_t i = 0; i < candidates.size(); ++i) search(i);
  }
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    const rules::CompiledPattern& pattern = impl.patterns[candidates[i]];
    const rules::Rule& rule = impl.rules[pattern.rule_index];
    if (i > 0 && impl.patterns[candidates[i - 1]].rule_index != pattern.rule_index) {
      group_start = occurrences.size();
      patterns_in_group = 0;
    }
    // An entity name compiled on first use, over its budget, fails the document.
    if (searched(i) && !pattern.Regex().ok()) {
      return InternalError("pattern of rule '" + rule.id + "' failed to compile: " +
                           pattern.Regex().error() + "; the text was not screened");
    }
    occurrences.insert(occurrences.end(), found[i].begin(), found[i].end());
    const bool rule_ends = i + 1 == candidates.size() ||
                           impl.patterns[candidates[i + 1]].rule_index != pattern.rule_index;
    if (++patterns_in_group > 1 && rule_ends) {
      std::vector<Occurrence> group(occurrences.begin() + group_start, occurrences.end());
      KeepLongestOfOverlaps(&group);
      occurrences.resize(group_start);
      occurrences.insert(occurrences.end(), group.begin(), group.end());
    }
  }

  std::sort(occurrences.begin(), occurrences.end(), [](const Occurrence& a, const Occurrence& b) {
    return std::tie(a.begin, a.rule_index, a.end, a.pattern_id) <
           std::tie(b.begin, b.rule_index, b.end, b.pattern_id);
  });
  std::vector<Finding> findings;
  findings.reserve(occurrences.size());
  // Segmenting clauses takes about a tenth of matching time: only when a `clause` window is asked.
  std::vector<std::size_t> clause_starts;
  if (impl.uses_clause_windows &&
      std::any_of(occurrences.begin(), occurrences.end(), [&](const Occurrence& occurrence) {
        return static_cast<std::size_t>(occurrence.rule_index) < impl.contexts.size() &&
               UsesClauseWindow(impl.contexts[occurrence.rule_index]);
      })) {
    clause_starts = clauses != nullptr ? ClauseStarts(*clauses, normalized)
                    : document != nullptr
                        ? ClauseStarts(text::DocumentClauses(*document), normalized)
                        : ClauseStarts(text::SegmentClauses(original), normalized);
  }
  const ContextFinder finder(text, normalized.paragraph_breaks(), clause_starts);
  for (const Occurrence& occurrence : occurrences) {
    const rules::Rule& rule = impl.rules[occurrence.rule_index];
    Finding finding;
    const rules::CompiledPattern& compiled = impl.patterns[occurrence.pattern_id];
    finding.base_severity =
        rule.kind == rules::RuleKind::kEntityList ? compiled.severity : rule.severity;
    const rules::CompiledContext* context =
        static_cast<std::size_t>(occurrence.rule_index) < impl.contexts.size()
            ? &impl.contexts[occurrence.rule_index]
            : nullptr;
    if (!ApplyContext(context, finder, occurrence.begin, occurrence.end, &finding)) continue;
    if (occurrence.affiliate) {
      // Another legal entity with the listed group's name: ownership decides whether it is
      // caught (OFAC's 50% rule, the UK ownership and control test), so one band lower.
      finding.severity = static_cast<Severity>(
          std::max(static_cast<int>(Severity::kInfo), static_cast<int>(finding.severity) - 1));
      finding.modifiers.push_back("-possible affiliate");
    }
    const text::Span span = normalized.ToOriginal(occurrence.begin, occurrence.end);
    finding.rule_id = rule.id;
    finding.rule_title = rule.title;
    finding.rule_category = rule.category;
    finding.family = rule.family;
    finding.page = document != nullptr ? document->PageAt(span.begin) : 0;
    finding.begin = span.begin;
    finding.end = span.end;
    finding.matched_text = std::string(original.substr(span.begin, span.end - span.begin));
    finding.snippet = MakeSnippet(original, span.begin, span.end);
    if (rule.kind == rules::RuleKind::kEntityList) {
      finding.entity = DescribeEntity(compiled, rule);
    }
    findings.push_back(std::move(finding));
  }
  MergeEntityFindings(&findings);
  return findings;
}

// Names listed in Latin letters in a text written in Cyrillic ("ПАО «Ростех»", "Сбербанк"): the
// text is romanised (lists::RomanizeCyrillic) and screened again, and the entity findings that
// cover romanised letters are mapped back onto the original text and added. Spelling every
// listed Latin name in Cyrillic instead would take ~6,200 patterns, more than an RE2::Set holds.
Status AddRomanizedEntityFindings(const rules::CompiledRuleSet& rule_set, std::string_view original,
                                  const Document* document, std::vector<Finding>* findings) {
  std::vector<std::size_t> sources;
  std::vector<bool> romanised;
  const std::string roman = lists::RomanizeCyrillic(original, &sources, &romanised);
  Result<std::vector<Finding>> found = MatchImpl(rule_set, roman, nullptr, nullptr);
  if (!found.ok()) return found.status();
  bool added = false;
  for (Finding& finding : *found) {
    if (!finding.entity || finding.begin >= finding.end || finding.end > roman.size()) continue;
    if (std::none_of(romanised.begin() + static_cast<std::ptrdiff_t>(finding.begin),
                     romanised.begin() + static_cast<std::ptrdiff_t>(finding.end),
                     [](bool from_cyrillic) { return from_cyrillic; })) {
      continue;  // found in the Latin parts: the first pass has it
    }
    const std::size_t begin = sources[finding.begin];
    std::size_t end = sources[finding.end - 1];
    std::size_t length = 1;
    DecodeUtf8At(original, end, &length);
    end += length;
    finding.begin = begin;
    finding.end = end;
    finding.matched_text = std::string(original.substr(begin, end - begin));
    finding.snippet = MakeSnippet(original, begin, end);
    finding.page = document != nullptr ? document->PageAt(begin) : 0;
    finding.modifiers.push_back("romanised Cyrillic");
    findings->push_back(std::move(finding));
    added = true;
  }
  if (!added) return Status::Ok();
  std::stable_sort(findings->begin(), findings->end(),
                   [](const Finding& a, const Finding& b) { return a.begin < b.begin; });
  MergeEntityFindings(findings);
  return Status::Ok();
}

// RE2 reports errors as values; only allocation failures can throw. Keep them inside the module.
Result<std::vector<Finding>> MatchGuarded(const rules::CompiledRuleSet& rule_set,
                                          std::string_view text, const Document* document,
                                          const std::vector<text::Clause>* clauses) {
  try {
    Result<std::vector<Finding>> findings = MatchImpl(rule_set, text, document, clauses);
    // The second pass screens the whole text again: only for texts with Cyrillic words, not for
    // one stray letter (the same test that gates the set of names in other scripts).
    if (findings.ok() && MayHaveNonLatinLetters(text) && lists::HasCyrillic(text)) {
      if (Status status = AddRomanizedEntityFindings(rule_set, text, document, &*findings);
          !status.ok()) {
        return status;
      }
    }
    return findings;
  } catch (const std::exception& e) {
    return InternalError(std::string("matching failed: ") + e.what());
  }
}

}  // namespace

Result<std::vector<Finding>> MatchDocument(const rules::CompiledRuleSet& rules,
                                           const Document& document) {
  return MatchGuarded(rules, document.text, &document, nullptr);
}

Result<std::vector<Finding>> MatchDocument(const rules::CompiledRuleSet& rules,
                                           const Document& document,
                                           const std::vector<text::Clause>& clauses) {
  return MatchGuarded(rules, document.text, &document, &clauses);
}

Result<std::vector<Finding>> MatchText(const rules::CompiledRuleSet& rules, std::string_view text) {
  return MatchGuarded(rules, text, nullptr, nullptr);
}

}  // namespace trustscreen::match
