#include "html_verdict.h"

#include <algorithm>
#include <cstdio>
#include <string>
#include <utility>
#include <vector>

#include "clause_rows.h"
#include "html_sections.h"
#include "trustscreen/core/text_escape.h"

namespace trustscreen::report {
namespace {

std::string Escape(std::string_view text) { return HtmlEscape(text); }

std::size_t FamilyIndex(RuleFamily family) {
  return static_cast<std::size_t>(std::find(kFamilies.begin(), kFamilies.end(), family) -
                                  kFamilies.begin());
}

// A coordinate of the chart, with two decimals: the same counts give the same bytes.
std::string Coordinate(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.2f", value);
  return text;
}

std::string RankingRowHtml(const ReviewEntry& entry, std::size_t position) {
  const std::string path = Escape(entry.path);
  std::string html = "<tr class=\"ranked-doc\" data-rank=\"" + SeverityRank(entry.highest) +
                     "\"><td class=\"num\">" + std::to_string(position) +
                     "</td><td class=\"doc-path mono\">";
  if (!entry.fully_screened) html += StatusMarker("status-problem");
  html += "<a href=\"#doc-" + std::to_string(entry.input_index) + "\" title=\"" + path + "\">" +
          path + "</a></td><td class=\"highest\"><span class=\"badge sev-" +
          SeverityName(entry.highest) + "\">" + SeverityName(entry.highest) + "</span> × " +
          std::to_string(entry.at_highest) + "</td>";
  for (int count : entry.by_family) {
    html += "<td class=\"num family-count\">" + (count > 0 ? std::to_string(count) : "–") + "</td>";
  }
  html += "<td class=\"num cleared\">" + (entry.cleared > 0 ? std::to_string(entry.cleared) : "") +
          "</td><td class=\"topics\" title=\"" + Escape(entry.topics) + "\">" +
          Escape(entry.topics) + "</td></tr>\n";
  return html;
}

void AppendRanking(std::string& html, const ReviewRanking& ranking) {
  html += "<div class=\"verdict-main\">\n<h2 id=\"needs-review-title\">What needs review</h2>\n";
  const std::vector<ReviewEntry> top = ranking.Top();
  if (top.empty()) {
    html += "<p id=\"nothing-to-review\">No document has open findings.</p>\n</div>\n";
    return;
  }
  html +=
      "<table id=\"review-ranking\"><thead><tr><th class=\"num\">#</th><th>Document</th>"
      "<th>Highest</th>";
  for (RuleFamily family : kFamilies) {
    html += "<th class=\"num family-count\">" + std::string(ToString(family)) + "</th>";
  }
  html += "<th class=\"num cleared\">Cleared</th><th>Topics</th></tr></thead><tbody>\n";
  for (std::size_t i = 0; i < top.size(); ++i) html += RankingRowHtml(top[i], i + 1);
  html += "</tbody></table>\n";
  if (ranking.needing_review() > top.size()) {
    html += "<p id=\"review-more\">and " + std::to_string(ranking.needing_review() - top.size()) +
            " more document(s) need review: see <a href=\"#flagged-clauses\">Flagged "
            "clauses</a> (in input order).</p>\n";
  }
  html += "</div>\n";
}

void AppendUnscreened(std::string& html, const RunSummary& summary) {
  const std::vector<UnscreenedDocument>& documents = summary.not_fully_screened;
  if (documents.empty()) {
    html += "<p id=\"all-screened\">Every document was fully screened.</p>\n";
    return;
  }
  html += "<div id=\"unscreened\">\n<h2>Could not be screened (" +
          std::to_string(documents.size()) + ")</h2>\n<ul id=\"unscreened-list\">\n";
  const std::size_t listed = std::min(documents.size(), kUnscreenedListed);
  for (std::size_t i = 0; i < listed; ++i) {
    const UnscreenedDocument& document = documents[i];
    html += "<li>⚠ <span class=\"mono\">" + Escape(DisplayUtf8(document.path)) + "</span> — " +
            std::string(ToString(document.status));
    if (!document.reason.empty()) html += ": " + Escape(document.reason);
    html += "</li>\n";
  }
  html += "</ul>\n";
  if (documents.size() > listed) {
    html += "<p id=\"unscreened-more\">and " + std::to_string(documents.size() - listed) +
            " more: see <a href=\"#coverage\">Coverage</a>.</p>\n";
  }
  html += "</div>\n";
}

// The warnings about the run's inputs (lists older than --max-list-age): one line, the list of
// them folded under it when there are several, so that they do not push the ranking down.
void AppendInputWarnings(std::string& html, const std::vector<std::string>& warnings) {
  if (warnings.size() == 1) {
    html += "<p class=\"warning list-age\">" + Escape(warnings[0]) + "</p>\n";
    return;
  }
  if (warnings.empty()) return;
  html += "<details class=\"warning\" id=\"input-warnings\"><summary>" +
          std::to_string(warnings.size()) +
          " warnings about the run's inputs (screening lists older than --max-list-age): "
          "show</summary>\n<ul>\n";
  for (const std::string& warning : warnings) {
    html += "<li class=\"list-age\">" + Escape(warning) + "</li>\n";
  }
  html += "</ul>\n</details>\n";
}

}  // namespace

ReviewEntry ReviewEntryOf(const DocumentResult& result, std::size_t input_index) {
  ReviewEntry entry;
  entry.input_index = input_index;
  entry.path = DisplayUtf8(result.document.path);
  entry.fully_screened = IsFullyScreened(result.document.status);
  for (const Finding& finding : result.findings) {
    if (finding.review_status == ReviewStatus::kWaived) {
      ++entry.cleared;
      continue;
    }
    if (entry.open == 0 || finding.severity > entry.highest) {
      entry.highest = finding.severity;
      entry.at_highest = 0;
    }
    if (finding.severity == entry.highest) ++entry.at_highest;
    ++entry.open;
    ++entry.by_family[FamilyIndex(finding.family)];
  }
  if (entry.open > 0) entry.topics = TopicsLine(TopicsOf(result.findings));
  return entry;
}

bool RanksBefore(const ReviewEntry& a, const ReviewEntry& b) {
  if (a.highest != b.highest) return a.highest > b.highest;
  if (a.at_highest != b.at_highest) return a.at_highest > b.at_highest;
  return a.input_index < b.input_index;
}

void ReviewRanking::Add(ReviewEntry entry) {
  if (entry.open == 0) {
    if (entry.cleared > 0) ++documents_cleared_;
    return;
  }
  ++needing_review_;
  open_findings_ += static_cast<std::size_t>(entry.open);
  if (capacity_ == 0) return;
  // heap_ is a max-heap under RanksBefore: its root is the kept entry ranked last.
  if (heap_.size() < capacity_) {
    heap_.push_back(std::move(entry));
    std::push_heap(heap_.begin(), heap_.end(), RanksBefore);
    return;
  }
  if (!RanksBefore(entry, heap_.front())) return;
  std::pop_heap(heap_.begin(), heap_.end(), RanksBefore);
  heap_.back() = std::move(entry);
  std::push_heap(heap_.begin(), heap_.end(), RanksBefore);
}

std::vector<ReviewEntry> ReviewRanking::Top() const {
  std::vector<ReviewEntry> top = heap_;
  std::sort_heap(top.begin(), top.end(), RanksBefore);
  return top;
}

void FindingCounts::Add(const Finding& finding) {
  const std::size_t family = FamilyIndex(finding.family);
  if (finding.review_status == ReviewStatus::kWaived) {
    ++cleared[family];
  } else {
    ++open[family][static_cast<std::size_t>(finding.severity)];
  }
}

std::string FindingsChartHtml(const FindingCounts& counts) {
  constexpr double kLabelEnd = 100, kBarStart = 106, kBarWidth = 150, kRowHeight = 26;
  std::array<int, 3> totals = {};
  int max_total = 0;
  std::string description;
  for (std::size_t f = 0; f < kFamilies.size(); ++f) {
    std::string parts;
    for (Severity severity : kSeveritiesDescending) {
      const int count = counts.open[f][static_cast<std::size_t>(severity)];
      totals[f] += count;
      if (count > 0) {
        parts += (parts.empty() ? "" : ", ") + std::to_string(count) + " " + SeverityName(severity);
      }
    }
    max_total = std::max(max_total, totals[f]);
    description += std::string(f == 0 ? "" : "; ") + std::string(ToString(kFamilies[f])) + ": " +
                   (parts.empty() ? "none" : parts);
  }
  const std::string height = Coordinate(kRowHeight * kFamilies.size() + 4);
  std::string html =
      "<figure id=\"findings-chart\">\n<svg id=\"findings-svg\" role=\"img\" "
      "aria-labelledby=\"chart-title chart-desc\" viewBox=\"0 0 300 " +
      height + "\" width=\"300\" height=\"" + height +
      "\">"
      "<title id=\"chart-title\">Open findings by family and severity</title><desc "
      "id=\"chart-desc\">" +
      description + "</desc>\n";
  for (std::size_t f = 0; f < kFamilies.size(); ++f) {
    const std::string family(ToString(kFamilies[f]));
    const double y = 4 + kRowHeight * static_cast<double>(f);
    html += "<g class=\"bar\" data-family=\"" + family + "\"><text class=\"label\" x=\"" +
            Coordinate(kLabelEnd) + "\" y=\"" + Coordinate(y + 15) + "\">" + family + "</text>";
    double x = kBarStart;
    for (Severity severity : kSeveritiesDescending) {
      const int count = counts.open[f][static_cast<std::size_t>(severity)];
      if (count == 0) continue;
      const double width = kBarWidth * count / std::max(max_total, 1);
      html += "<rect class=\"sev-" + SeverityName(severity) + "\" data-count=\"" +
              std::to_string(count) + "\" x=\"" + Coordinate(x) + "\" y=\"" + Coordinate(y) +
              "\" width=\"" + Coordinate(width) + "\" height=\"20\"><title>" + family + ", " +
              SeverityName(severity) + ": " + std::to_string(count) + "</title></rect>";
      x += width;
    }
    html += "<text class=\"total\" x=\"" + Coordinate(x + 4) + "\" y=\"" + Coordinate(y + 15) +
            "\">" + std::to_string(totals[f]) + "</text></g>\n";
  }
  // The numbers as a table, a row per severity (the families are the columns, as narrow as the
  // side column), and the cleared findings under them.
  html += "</svg>\n<figcaption><table id=\"chart-table\"><thead><tr><th>Open</th>";
  for (RuleFamily family : kFamilies) {
    html += "<th class=\"num\">" + std::string(ToString(family)) + "</th>";
  }
  html += "</tr></thead><tbody>\n";
  auto cell = [&](std::size_t f, const std::string& severity, int count) {
    html += "<td class=\"num\" data-family=\"" + std::string(ToString(kFamilies[f])) +
            "\" data-severity=\"" + severity + "\">" + std::to_string(count) + "</td>";
  };
  for (Severity severity : kSeveritiesDescending) {
    const std::string name = SeverityName(severity);
    html += "<tr><th><span class=\"swatch sev-" + name + "\"></span>" + name + "</th>";
    for (std::size_t f = 0; f < kFamilies.size(); ++f) {
      cell(f, name, counts.open[f][static_cast<std::size_t>(severity)]);
    }
    html += "</tr>\n";
  }
  html += "<tr class=\"cleared\"><th>cleared</th>";
  for (std::size_t f = 0; f < kFamilies.size(); ++f) cell(f, "cleared", counts.cleared[f]);
  html += "</tr>\n";
  return html + "</tbody></table></figcaption>\n</figure>\n";
}

void AppendVerdict(std::string& html, const RunSummary& summary,
                   const std::vector<std::string>& warnings, const ReviewRanking& ranking,
                   const FindingCounts& counts) {
  const int exit_code = summary.ExitCode();
  html += "<header id=\"top\">\n<h1>trustscreen report</h1>\n";
  html += "<p class=\"verdict exit-" + std::to_string(exit_code) + "\" id=\"verdict\">Exit " +
          std::to_string(exit_code) + ": " + Escape(ExitCodeMeaning(summary)) + "</p>\n";
  if (!summary.complete) {
    html +=
        "<p class=\"warning\">The run did not complete: this report is not a full record.</p>\n";
  }
  AppendInputWarnings(html, warnings);
  html += "<p id=\"verdict-counts\">" + std::to_string(summary.documents) +
          " document(s): <strong>" + std::to_string(ranking.needing_review()) +
          " need review</strong>, with " + std::to_string(ranking.open_findings()) +
          " open finding(s) · " + std::to_string(summary.not_fully_screened.size()) +
          " not fully screened · " + std::to_string(summary.findings_waived) +
          " finding(s) cleared by waivers";
  if (summary.findings_escalated > 0) {
    html += " · " + std::to_string(summary.findings_escalated) + " escalated by reviewers";
  }
  if (ranking.documents_cleared() > 0) {
    html += " (" + std::to_string(ranking.documents_cleared()) +
            " document(s) with every finding cleared)";
  }
  html += "</p>\n</header>\n";
  html += "<section id=\"needs-review\" aria-labelledby=\"needs-review-title\">\n";
  AppendRanking(html, ranking);
  html += "<div class=\"verdict-side\">\n<h2>Open findings by family</h2>\n" +
          FindingsChartHtml(counts);
  AppendUnscreened(html, summary);
  html += "</div>\n</section>\n";
}

}  // namespace trustscreen::report
