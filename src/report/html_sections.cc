#include "html_sections.h"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "clause_rows.h"
#include "trustscreen/core/text_escape.h"

namespace trustscreen::report {
namespace {

std::string Escape(std::string_view text) { return HtmlEscape(text); }

std::string Badge(Severity severity) {
  return "<span class=\"badge sev-" + SeverityName(severity) + "\">" + SeverityName(severity) +
         "</span>";
}

// The clause's text with every match wrapped in <mark>. Overlapping matches share one mark, of
// the highest severity among them.
std::string HighlightedText(const DocumentResult& result, const ClauseRow& row) {
  const ClauseExcerpt& excerpt = *row.text;
  struct Span {
    std::size_t begin, end;
    Severity severity;
    std::vector<std::string> rules;
  };
  std::vector<Span> spans;
  for (std::size_t i = row.findings.first; i < row.findings.last; ++i) {
    const Finding& finding = result.findings[i];
    if (finding.end <= excerpt.begin || finding.begin >= excerpt.end) continue;
    const std::size_t begin = std::max(finding.begin, excerpt.begin) - excerpt.begin;
    const std::size_t end = std::min(finding.end, excerpt.end) - excerpt.begin;
    spans.push_back({begin, end, finding.severity, {finding.rule_id}});
  }
  std::stable_sort(spans.begin(), spans.end(),
                   [](const Span& a, const Span& b) { return a.begin < b.begin; });
  std::vector<Span> merged;
  for (Span& span : spans) {
    if (!merged.empty() && span.begin < merged.back().end) {
      Span& last = merged.back();
      last.end = std::max(last.end, span.end);
      last.severity = std::max(last.severity, span.severity);
      if (std::find(last.rules.begin(), last.rules.end(), span.rules[0]) == last.rules.end()) {
        last.rules.push_back(span.rules[0]);
      }
    } else {
      merged.push_back(std::move(span));
    }
  }
  const std::string_view text = excerpt.text;
  std::string html;
  std::size_t at = 0;
  for (const Span& span : merged) {
    AppendHtmlEscaped(html, text.substr(at, span.begin - at));
    html += "<mark class=\"sev-" + SeverityName(span.severity) + "\" title=\"" +
            Escape(Join(span.rules, ", ")) + "\">";
    AppendHtmlEscaped(html, text.substr(span.begin, span.end - span.begin));
    html += "</mark>";
    at = span.end;
  }
  AppendHtmlEscaped(html, text.substr(at));
  return html;
}

// One reviewer decision: who, when, why, until when, where it is recorded.
std::string DecisionHtml(const AppliedWaiver& waiver) {
  std::string html =
      "<ul class=\"waiver decision-" + std::string(ToString(waiver.decision)) + "\">";
  auto item = [&](std::string_view label, const std::string& value) {
    if (!value.empty()) html += "<li>" + std::string(label) + ": " + Escape(value) + "</li>";
  };
  item("by", waiver.reviewer + ", " + waiver.date);
  item(waiver.decision == ReviewDecision::kNote ? "note" : "reason", waiver.reason);
  item("reference", waiver.reference);
  item("expires", waiver.expires);
  item("recorded", waiver.id + " (" + waiver.location + ")");
  return html + "</ul>";
}

// The finding's short fingerprint (what `trustscreen waive` takes), the decision that set its
// review status (cleared, escalated, or an expired clearance) and reviewers' notes.
std::string ReviewCellHtml(const Finding& finding) {
  std::string html = "<td class=\"review review-" + std::string(ToString(finding.review_status)) +
                     "\"><code title=\"" + Escape(finding.fingerprint) + "\">" +
                     Escape(ShortFingerprint(finding.fingerprint)) + "</code>";
  if (finding.waiver) {
    const AppliedWaiver& waiver = *finding.waiver;
    switch (finding.review_status) {
      case ReviewStatus::kWaived:
        html += "<br><span class=\"badge waived\">cleared</span>";
        break;
      case ReviewStatus::kEscalated:
        html += "<br><span class=\"badge escalated\">&#9873; escalated</span>";
        break;
      default:
        html += "<br><span class=\"badge reopened\">&#9888; waiver expired " +
                Escape(waiver.expires) + "</span>";
    }
    html += DecisionHtml(waiver);
  }
  for (const AppliedWaiver& note : finding.notes) {
    html += "<br><span class=\"badge note\">note</span>" + DecisionHtml(note);
  }
  return html + "</td>";
}

// The finding's row and, for an entity finding, the row of its card under it. Both carry the
// filter attributes; the card row spans the table.
std::string FindingRowsHtml(const Document& document, const Finding& finding,
                            const HtmlOptions& options) {
  const std::string attributes = "data-severity=\"" + SeverityName(finding.severity) +
                                 "\" data-rank=\"" + SeverityRank(finding.severity) +
                                 "\" data-family=\"" + std::string(ToString(finding.family)) +
                                 "\" data-rule=\"" + Escape(finding.rule_id) + "\"";
  std::string html = "<tr class=\"finding\" " + attributes + "><td>" + Badge(finding.severity);
  if (finding.severity != finding.base_severity || !finding.modifiers.empty()) {
    html += "<br><span class=\"excerpt-note\">rule: " + SeverityName(finding.base_severity);
    if (!finding.modifiers.empty()) html += "; " + Escape(Join(finding.modifiers, " "));
    html += "</span>";
  }
  html += "</td><td><code>" + Escape(finding.rule_id) + "</code><br>" + Escape(finding.rule_title) +
          "</td>";
  html += "<td>" + std::string(ToString(finding.family)) + "</td>";
  html += "<td class=\"num\">" + std::to_string(finding.page);
  if (!finding.location.empty()) {
    html += "<br><span class=\"excerpt-note\">" + Escape(finding.location) + "</span>";
  }
  html += "</td><td class=\"matched\">" + Escape(finding.matched_text) + "</td>";
  std::string review = ReviewCellHtml(finding);
  if (options.finding_controls) {
    review.insert(review.size() - 5, options.finding_controls(document, finding));  // before </td>
  }
  html += review + "</tr>";
  if (finding.entity) {
    html += "\n<tr class=\"entity-row\" " + attributes + "><td colspan=\"6\">" +
            EntityCardHtml(*finding.entity) + "</td></tr>";
  }
  return html;
}

std::string ClauseHtml(const DocumentResult& result, const ClauseRow& row, const std::string& id,
                       const HtmlOptions& options) {
  std::vector<std::string> rules;
  for (std::size_t i = row.findings.first; i < row.findings.last; ++i) {
    rules.push_back(Escape(result.findings[i].rule_id));
  }
  std::string html = "<article class=\"clause sev-" + SeverityName(row.highest) + "\" id=\"" + id +
                     "\" tabindex=\"-1\" data-severity=\"" + SeverityName(row.highest) +
                     "\" data-rank=\"" + SeverityRank(row.highest) + "\" data-families=\"" +
                     Join(row.families, " ") + "\" data-rules=\"" + Join(rules, " ") + "\">\n";
  html += "<h4><span class=\"clause-ref\">" +
          (row.clause.empty() ? std::string("(outside numbered clauses)") : Escape(row.clause)) +
          "</span>";
  if (!row.title.empty()) html += " <span class=\"clause-title\">" + Escape(row.title) + "</span>";
  html += " " + Badge(row.highest) + "</h4>\n";
  html += "<p class=\"clause-meta\">";
  if (!row.section.empty()) html += "Section: " + Escape(row.section) + " · ";
  html += (row.pages.size() == 1 ? "page " : "pages ") + Escape(Join(row.pages, ", "));
  if (!row.locations.empty()) html += " (" + Escape(Join(row.locations, ", ")) + ")";
  html += " · families: " + Join(row.families, ", ") + "</p>\n";
  html +=
      "<table class=\"findings\"><thead><tr><th>Severity</th><th>Rule</th><th>Family</th>"
      "<th class=\"num\">Page</th><th>Matched text</th><th>Review</th></tr></thead><tbody>\n";
  for (std::size_t i = row.findings.first; i < row.findings.last; ++i) {
    html += FindingRowsHtml(result.document, result.findings[i], options) + "\n";
  }
  html += "</tbody></table>\n";
  if (row.text != nullptr) {
    html += "<pre class=\"clause-text\">" + HighlightedText(result, row) + "</pre>\n";
    if (row.text->truncated) {
      html += "<p class=\"excerpt-note\">Excerpt: bytes " + std::to_string(row.text->begin) + "–" +
              std::to_string(row.text->end) + " of the extracted text; the clause is longer.</p>\n";
    }
  } else {
    html += "<p class=\"excerpt-note\">Context: " + Escape(row.excerpt) + "</p>\n";
  }
  return html + "</article>\n";
}

}  // namespace

std::string SeverityName(Severity severity) { return std::string(ToString(severity)); }
std::string SeverityRank(Severity severity) { return std::to_string(static_cast<int>(severity)); }

std::string_view StatusClass(const Document& document) {
  if (!IsFullyScreened(document.status)) return "status-problem";
  return document.reason.empty() ? "status-ok" : "status-note";
}

std::string StatusMarker(std::string_view status_class) {
  if (status_class == "status-problem") {
    return "<span class=\"marker\" title=\"not fully screened\">⚠ </span>";
  }
  if (status_class == "status-note") {
    return "<span class=\"marker\" title=\"screened, with a note\">ℹ </span>";
  }
  return "";
}

std::string EntityCardHtml(const EntityHit& entity) {
  std::string html = "<div class=\"entity-card\">";
  if (entity.match_kind == kMatchPossibleAffiliate) {
    html +=
        "<p class=\"entity-warning\">⚠ <strong>Possible affiliate</strong> of the listed entry: "
        "another legal entity carrying its distinctive name. Check ownership and control.</p>";
  } else if (entity.match_kind == kMatchWeakAlias) {
    html += "<p class=\"entity-warning\">Weak alias: the list marks this alias low quality.</p>";
  }
  html += "<dl>";
  auto field = [&](std::string_view label, const std::string& value, bool wide = false) {
    if (value.empty()) return;
    html += std::string(wide ? "<div class=\"wide\">" : "<div>") + "<dt>" + std::string(label) +
            "</dt><dd>" + Escape(value) + "</dd></div>";
  };
  field("List", entity.list, true);
  field("List published", entity.list_date);
  field("Category", entity.category);
  field("Type", entity.entry_type);
  field("Entry id", entity.entry_id);
  field("Listed name", entity.listed_name);
  field("Matched alias", entity.matched_alias);
  field("Reference", entity.reference);
  field("Country", entity.country);
  field("Also listed in", Join(entity.also_listed_in, "; "), true);
  return html + "</dl></div>";
}

DocumentSection DocumentSectionHtml(const DocumentResult& result, std::size_t input_index,
                                    const HtmlOptions& options) {
  const Document& document = result.document;
  const std::string id = "doc-" + std::to_string(input_index);
  const std::string status_class(StatusClass(document));
  const std::vector<ClauseRow> rows = FlaggedClauses(result);
  std::string html = "<section class=\"document " + status_class + "\" id=\"" + id +
                     "\" tabindex=\"-1\" data-status=\"" + std::string(ToString(document.status)) +
                     "\">\n";
  html +=
      "<h3><button class=\"toggle\" type=\"button\" aria-expanded=\"true\" "
      "title=\"collapse or expand\">−</button> " +
      StatusMarker(status_class) + "<span class=\"mono\">" + Escape(DisplayUtf8(document.path)) +
      "</span> <span class=\"badge " + status_class + "\">" +
      std::string(ToString(document.status)) +
      "</span> <a class=\"back-link\" href=\"#needs-review\">↑ back to the verdict</a></h3>\n";
  html += "<p class=\"doc-meta\">" + std::to_string(result.findings.size()) + " finding(s) in " +
          std::to_string(rows.size()) + " clause(s) · " + std::string(ToString(document.format)) +
          " · " + std::to_string(document.pages.size()) + " page(s) · SHA-256 <code>" +
          Escape(document.sha256) + "</code></p>\n";
  if (!IsFullyScreened(document.status)) {
    html += "<p class=\"warning\">Not fully screened (" + std::string(ToString(document.status)) +
            "): " + Escape(document.reason) + ". Only what could be read is shown.</p>\n";
  }
  html += "<div class=\"doc-body\">\n";
  for (std::size_t i = 0; i < rows.size(); ++i) {
    html += ClauseHtml(result, rows[i], id + "-clause-" + std::to_string(i + 1), options);
  }
  return {html + "</div>\n</section>\n", rows.size()};
}

}  // namespace trustscreen::report
