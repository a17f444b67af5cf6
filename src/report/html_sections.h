// Internal to the report module: the HTML of one document's flagged clauses in report.html — the
// section with its heading, each clause with its finding rows, entity cards and highlighted text
// — and the small vocabulary (severity and family order, status classes) the page's other parts
// share. Every string taken from a document, a finding or a file name is HTML-escaped here.
#ifndef TRUSTSCREEN_REPORT_HTML_SECTIONS_H_
#define TRUSTSCREEN_REPORT_HTML_SECTIONS_H_

#include <array>
#include <cstddef>
#include <string>
#include <string_view>

#include "trustscreen/core/finding.h"
#include "trustscreen/report/report.h"

namespace trustscreen::report {

inline constexpr std::array<Severity, 5> kSeveritiesDescending = {
    Severity::kCritical, Severity::kHigh, Severity::kMedium, Severity::kLow, Severity::kInfo};
inline constexpr std::array<RuleFamily, 3> kFamilies = {
    RuleFamily::kSensitiveTech, RuleFamily::kExportControl, RuleFamily::kPartner};

std::string SeverityName(Severity severity);
// The severity as the number the page's filters compare ("0" info … "4" critical).
std::string SeverityRank(Severity severity);

// How a document looks in the coverage table and its section: "status-problem" (not fully
// screened), "status-note" (fully screened, with a note in its reason) or "status-ok".
std::string_view StatusClass(const Document& document);
// The ⚠ or ℹ marker that goes before a document's name for those classes; empty for status-ok.
std::string StatusMarker(std::string_view status_class);

// The entity of a partner finding as a card: possible-affiliate and weak-alias warnings first,
// then list, list published, category, type, entry id, listed name, matched alias, reference,
// country and the other lists, each field labelled and only when it is set.
std::string EntityCardHtml(const EntityHit& entity);

// `<section class="document" id="doc-N">` for a document with findings (N = `input_index`, its
// 1-based input number): heading with a link back to the verdict, its flagged clauses
// (article.clause, focusable for keyboard navigation), each with a findings table (an entity
// card row under each entity finding) and the clause text with its matches marked.
// `options.finding_controls` adds the caller's HTML to each finding's review cell.
struct DocumentSection {
  std::string html;
  std::size_t clauses = 0;  // flagged clauses in it
};
DocumentSection DocumentSectionHtml(const DocumentResult& result, std::size_t input_index,
                                    const HtmlOptions& options);

}  // namespace trustscreen::report

#endif  // TRUSTSCREEN_REPORT_HTML_SECTIONS_H_
