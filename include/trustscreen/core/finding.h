// Finding: one rule match in one document, and the severity and family scales.
#ifndef TRUSTSCREEN_CORE_FINDING_H_
#define TRUSTSCREEN_CORE_FINDING_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "trustscreen/core/document.h"

namespace trustscreen {

// Ordered: a higher value is more severe.
enum class Severity { kInfo = 0, kLow, kMedium, kHigh, kCritical };

std::string_view ToString(Severity severity);  // "info" … "critical"
std::optional<Severity> ParseSeverity(std::string_view name);

enum class RuleFamily { kSensitiveTech, kExportControl, kPartner };

std::string_view ToString(RuleFamily family);  // "sensitive-tech", "export-control", "partner"
std::optional<RuleFamily> ParseRuleFamily(std::string_view name);

// What an entity-list rule matched (rules/README.md, "Entity lists"): the listed entry, and the
// name or alias whose pattern matched. When several entity-list rules hit the same span, the
// finding keeps the most severe rule and names the other lists in also_listed_in.
struct EntityHit {
  std::string list;  // the entry's list, e.g. "Entity List (EL) - Bureau of Industry and Security"
  std::string entry_id;                     // the entry's id in its list file
  std::string listed_name;                  // the entry's primary name
  std::string matched_alias;                // the name or alias (as listed) whose pattern matched
  std::string reference;                    // e.g. the Federal Register citation
  std::string country;                      // ISO codes, '|'-separated
  std::vector<std::string> also_listed_in;  // "LIST: NAME (ID)" of merged hits from other rules
  std::string list_date;   // the list's publication date (YYYY-MM-DD), empty if it states none
  std::string category;    // the entry's category in its list (ASPI category, sanctions regime)
  std::string entry_type;  // entity, individual, vessel, aircraft or empty (not stated)
  // How the text names the entry: kMatchListedName (a name or alias, in any of its accepted
  // spellings), kMatchWeakAlias (an alias the list marks weak, accepted with context) or
  // kMatchPossibleAffiliate (another legal entity carrying the entry's distinctive name: its
  // ownership must be checked).
  std::string match_kind = "listed-name";
};

inline constexpr std::string_view kMatchListedName = "listed-name";
inline constexpr std::string_view kMatchWeakAlias = "weak-alias";
inline constexpr std::string_view kMatchPossibleAffiliate = "possible-affiliate";

// Where a finding stands after the run's reviewer decisions (review/waivers.h) were applied: open
// (no decision), waived (cleared by a decision in force: it is reported but does not count toward
// the exit code), reopened (cleared by a decision that has expired: it counts again, with a
// warning) or escalated (a reviewer passed it to the export-control or security team: it still
// counts, and is marked so).
enum class ReviewStatus { kOpen, kWaived, kReopened, kEscalated };

std::string_view ToString(ReviewStatus status);  // "open", "waived", "reopened", "escalated"

// What a reviewer decided about a finding: cleared with a reason (a waiver), escalated, or a
// note that leaves its status as it is.
enum class ReviewDecision { kCleared, kEscalated, kNote };

std::string_view ToString(ReviewDecision decision);  // "cleared", "escalated", "note"
std::optional<ReviewDecision> ParseReviewDecision(std::string_view name);

// A reviewer decision (a waiver, an escalation or a note) that matched a finding, as the reports
// show it.
struct AppliedWaiver {
  std::string id;        // the waiver's id in its file (a fingerprint prefix, or its own id)
  std::string location;  // "waivers.yaml:12"
  std::string reviewer;
  std::string date;  // YYYY-MM-DD, when it was granted
  std::string reason;
  std::string reference;  // licence number, rating enquiry…; may be empty
  std::string expires;    // YYYY-MM-DD; empty: does not expire
  bool expired = false;   // expires is before the run's date: the finding is reopened
  ReviewDecision decision = ReviewDecision::kCleared;
};

struct Finding {
  std::string rule_id;
  std::string rule_title;
  // The rule's category: a technology area ("Computing Hardware", one of the NSI Act's 17), an
  // export-control topic, a list; empty if the rule has none.
  std::string rule_category;
  RuleFamily family = RuleFamily::kSensitiveTech;
  Severity severity = Severity::kInfo;       // after context modifiers
  Severity base_severity = Severity::kInfo;  // the rule's severity, before modifiers
  bool negated = false;  // a negation ("not", "without", ...) shortly before, same sentence
  // Why severity differs from base_severity, in order: "+LABEL" per raise, "-LABEL" per lower,
  // "-negated" (rules/README.md, "Context"); and notes that do not move it: "in a tracked
  // deletion" / "in a tracked insertion" (the match lies in a DOCX/ODT tracked change), "as
  // drafted" / "as amended" (the phrase only reads so with the insertions, or the deletions, of
  // a tracked change left out), "romanised Cyrillic".
  std::vector<std::string> modifiers;
  int page = 0;  // 1-based; 0 when the document has no pages
  // Where the match is when a page number alone does not say it: the page's label, and the
  // block's locator after '!' — "Partners!B12" (a worksheet cell), "slide 3"; empty for PDF pages
  // and flowing text. A sheet name that is not one word is quoted as Excel does: 'Our
  // Partners'!B12.
  std::string location = {};
  std::size_t begin = 0;  // byte offsets of the match in Document::text
  std::size_t end = 0;
  std::string matched_text;  // exactly Document::text.substr(begin, end - begin)
  std::string snippet;       // the match with some context around it, on one line
  // Where the match sits in the document's structure (text/clauses.h); empty when unknown.
  std::string clause_ref;           // "12.3(b)", "Schedule 2, 4.1", "Preamble"
  std::string clause_title;         // "Export Control"
  std::string section;              // "9 Export Control", "Recitals", "References"
  bool in_references = false;       // in a references / bibliography section
  std::optional<EntityHit> entity;  // set for findings of entity-list rules
  // SHA-256 (hex) of the rule id, the normalised matched text and the normalised text of the
  // clause holding the match (review/fingerprint.h): stable across edits elsewhere in the
  // document, renumbering and page breaks; empty until the pipeline computes it.
  std::string fingerprint;
  ReviewStatus review_status = ReviewStatus::kOpen;
  // The decision that set review_status (cleared or escalated); unset when it is kOpen.
  std::optional<AppliedWaiver> waiver;
  // Reviewers' notes in force on the finding, oldest first; they do not change review_status.
  std::vector<AppliedWaiver> notes = {};
};

// The short form of a fingerprint used on the command line (`trustscreen waive ID`) and in the
// CSV and HTML reports: its first 16 hex digits.
inline constexpr std::size_t kShortFingerprintLength = 16;
std::string ShortFingerprint(std::string_view fingerprint);

// One flagged clause: a run of adjacent findings (findings are in document order) with the same
// clause_ref, as [first, last) indices into the findings. Findings outside every clause form runs
// with an empty clause_ref. Every report groups findings this way (the CSV row, the HTML clause).
struct FindingRange {
  std::size_t first = 0;
  std::size_t last = 0;
  bool operator==(const FindingRange&) const = default;
};

std::vector<FindingRange> GroupFindingsByClause(const std::vector<Finding>& findings);

// The most text kept per flagged clause (ClauseExcerpt::text).
inline constexpr std::size_t kMaxClauseExcerptBytes = 4000;

// The text of one flagged clause, kept for the reports after the document's text is released:
// the whole clause, or at most kMaxClauseExcerptBytes of it around its matches, cut on UTF-8
// character boundaries.
struct ClauseExcerpt {
  std::string ref;         // the clause_ref of its findings ("" outside every clause)
  std::string title;       // the clause_title of its findings
  std::vector<int> pages;  // the pages the excerpt spans, ascending
  std::size_t begin = 0;   // byte range of `text` in Document::text
  std::size_t end = 0;
  bool truncated = false;  // the clause is longer than the excerpt
  std::string text;        // exactly Document::text.substr(begin, end - begin)
};

// Where a result came from when the run has a cache (`scan --cache`): not looked up (no cache),
// extracted and matched afresh (miss), matched again from the cached text (text: the rules
// changed), or taken whole from the cache (results).
enum class CacheUse { kNone, kMiss, kText, kResults };

std::string_view ToString(CacheUse use);  // "none", "miss", "text", "results"

// The outcome of screening one input: the document (its text may have been released after
// matching), its findings in document order and, when findings were placed in clauses, the text
// of each flagged clause: clauses[i] belongs to GroupFindingsByClause(findings)[i].
struct DocumentResult {
  Document document;
  std::vector<Finding> findings;
  std::vector<ClauseExcerpt> clauses;
  double extract_seconds = 0;
  double match_seconds = 0;
  CacheUse cache = CacheUse::kNone;
  // The position of the input this result came from in the run's full walked list (before
  // `--shard` kept a part of it); archive members carry their archive's. Set by RunScan; merge
  // restores single-run order from it. Absent in results not made by a run.
  std::optional<std::size_t> input_index;
};

}  // namespace trustscreen

#endif  // TRUSTSCREEN_CORE_FINDING_H_
