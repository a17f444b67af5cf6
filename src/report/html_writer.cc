#include <algorithm>
#include <array>
#include <cstdio>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "clause_rows.h"
#include "html_assets.h"
#include "spool.h"
#include "trustscreen/core/text_escape.h"
#include "trustscreen/core/utf8.h"
#include "trustscreen/digest/sha256.h"
#include "trustscreen/report/output_file.h"
#include "trustscreen/report/report.h"

namespace trustscreen::report {
namespace {

constexpr std::array<Severity, 5> kSeveritiesDescending = {
    Severity::kCritical, Severity::kHigh, Severity::kMedium, Severity::kLow, Severity::kInfo};
constexpr std::array<RuleFamily, 3> kFamilies = {RuleFamily::kSensitiveTech,
                                                 RuleFamily::kExportControl, RuleFamily::kPartner};

std::string Escape(std::string_view text) { return HtmlEscape(text); }

// 'sha256-<base64>' of `text`, for the Content-Security-Policy.
std::string CspHash(std::string_view text) {
  const std::string hex = digest::Sha256Hex(text);
  std::string bytes;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
    bytes += static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16));
  }
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string base64;
  for (std::size_t i = 0; i < bytes.size(); i += 3) {
    unsigned value = static_cast<unsigned char>(bytes[i]) << 16;
    if (i + 1 < bytes.size()) value |= static_cast<unsigned char>(bytes[i + 1]) << 8;
    if (i + 2 < bytes.size()) value |= static_cast<unsigned char>(bytes[i + 2]);
    base64 += kAlphabet[(value >> 18) & 63];
    base64 += kAlphabet[(value >> 12) & 63];
    base64 += i + 1 < bytes.size() ? kAlphabet[(value >> 6) & 63] : '=';
    base64 += i + 2 < bytes.size() ? kAlphabet[value & 63] : '=';
  }
  return "'sha256-" + base64 + "'";
}

std::string SeverityName(Severity severity) { return std::string(ToString(severity)); }
std::string Rank(Severity severity) { return std::to_string(static_cast<int>(severity)); }

// How a coverage row looks: not fully screened, fully screened with a note, or clean.
std::string_view StatusClass(const Document& document) {
  if (!IsFullyScreened(document.status)) return "status-problem";
  return document.reason.empty() ? "status-ok" : "status-note";
}

// The coverage table's order: not fully screened first, then screened with a note, then clean.
constexpr std::array<std::string_view, 3> kStatusClasses = {"status-problem", "status-note",
                                                            "status-ok"};
// The coverage table shows this many rows when the page opens; the rest wait in <template>s of
// kCoverageChunkRows rows that "Show more documents" adds: a browser lays out 1,000 rows at once,
// not 100,000 (a page with all 100,000 rows does not open within 90 s: bench/README.md,
// "Archive scale").
constexpr std::size_t kCoverageFirstRows = 1000;
constexpr std::size_t kCoverageChunkRows = 5000;

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

std::string EntityDetails(const EntityHit& entity) {
  std::string html = "<ul class=\"entity\">";
  auto item = [&](std::string_view label, const std::string& value) {
    if (value.empty()) return;
    html += "<li>" + std::string(label) + ": " + Escape(value) + "</li>";
  };
  if (entity.match_kind == kMatchPossibleAffiliate) {
    html +=
        "<li><strong>possible affiliate</strong> of the listed entry: check ownership and "
        "control</li>";
  }
  if (entity.match_kind == kMatchWeakAlias)
    html += "<li>weak alias (the list marks it low quality)</li>";
  item("list", entity.list);
  item("list published", entity.list_date);
  item("category", entity.category);
  item("type", entity.entry_type);
  item("entry id", entity.entry_id);
  item("listed name", entity.listed_name);
  item("matched alias", entity.matched_alias);
  item("reference", entity.reference);
  item("country", entity.country);
  item("also listed in", Join(entity.also_listed_in, "; "));
  return html + "</ul>";
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

std::string FindingRowHtml(const Document& document, const Finding& finding,
                           const HtmlOptions& options) {
  std::string html = "<tr class=\"finding\" data-severity=\"" + SeverityName(finding.severity) +
                     "\" data-rank=\"" + Rank(finding.severity) + "\" data-family=\"" +
                     std::string(ToString(finding.family)) + "\" data-rule=\"" +
                     Escape(finding.rule_id) + "\">";
  html += "<td><span class=\"badge sev-" + SeverityName(finding.severity) + "\">" +
          SeverityName(finding.severity) + "</span>";
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
  html += "</td>";
  html += "<td class=\"matched\">" + Escape(finding.matched_text) + "</td><td>";
  if (finding.entity) html += EntityDetails(*finding.entity);
  std::string review = ReviewCellHtml(finding);
  if (options.finding_controls) {
    review.insert(review.size() - 5, options.finding_controls(document, finding));  // before </td>
  }
  html += "</td>" + review;
  return html + "</tr>";
}

std::string ClauseHtml(const DocumentResult& result, const ClauseRow& row, const std::string& id,
                       const HtmlOptions& options) {
  std::vector<std::string> rules;
  for (std::size_t i = row.findings.first; i < row.findings.last; ++i) {
    rules.push_back(Escape(result.findings[i].rule_id));
  }
  std::string html = "<article class=\"clause sev-" + SeverityName(row.highest) + "\" id=\"" + id +
                     "\" data-severity=\"" + SeverityName(row.highest) + "\" data-rank=\"" +
                     Rank(row.highest) + "\" data-families=\"" + Join(row.families, " ") +
                     "\" data-rules=\"" + Join(rules, " ") + "\">\n";
  html += "<h4><span class=\"clause-ref\">" +
          (row.clause.empty() ? std::string("(outside numbered clauses)") : Escape(row.clause)) +
          "</span>";
  if (!row.title.empty()) html += " <span class=\"clause-title\">" + Escape(row.title) + "</span>";
  html += " <span class=\"badge sev-" + SeverityName(row.highest) + "\">" +
          SeverityName(row.highest) + "</span></h4>\n";
  html += "<p class=\"clause-meta\">";
  if (!row.section.empty()) html += "Section: " + Escape(row.section) + " · ";
  html += (row.pages.size() == 1 ? "page " : "pages ") + Escape(Join(row.pages, ", "));
  if (!row.locations.empty()) html += " (" + Escape(Join(row.locations, ", ")) + ")";
  html += " · families: " + Join(row.families, ", ") + "</p>\n";
  html +=
      "<table class=\"findings\"><thead><tr><th>Severity</th><th>Rule</th><th>Family</th>"
      "<th class=\"num\">Page</th><th>Matched text</th><th>Entity</th><th>Review</th></tr>"
      "</thead><tbody>\n";
  for (std::size_t i = row.findings.first; i < row.findings.last; ++i) {
    html += FindingRowHtml(result.document, result.findings[i], options) + "\n";
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

class HtmlWriter : public ReportWriter {
 public:
  HtmlWriter(std::ostream& out, HtmlOptions options) : out_(out), options_(std::move(options)) {}

  Status WriteHeader(const RunHeader& header) override {
    header_ = header;
    return Status::Ok();
  }

  Status WriteDocument(const DocumentResult& result) override {
    const Document& document = result.document;
    const std::size_t index = ++documents_;
    const std::string id = "doc-" + std::to_string(index);
    const std::string status_class(StatusClass(document));
    const std::vector<ClauseRow> rows = FlaggedClauses(result);
    std::optional<Severity> highest;
    for (const Finding& finding : result.findings) {
      highest = std::max(highest.value_or(finding.severity), finding.severity);
      rules_.emplace(finding.rule_id, finding.rule_title);
    }

    std::string marker;
    if (status_class == "status-problem") {
      marker = "<span class=\"marker\" title=\"not fully screened\">⚠ </span>";
    } else if (status_class == "status-note") {
      marker = "<span class=\"marker\" title=\"screened, with a note\">ℹ </span>";
    }
    std::string tr = "<tr class=\"doc-row " + status_class + "\" data-status=\"" +
                     std::string(ToString(document.status)) + "\"><td class=\"num\">" +
                     std::to_string(index) + "</td><td class=\"mono\">" + marker;
    tr += rows.empty() ? Escape(DisplayUtf8(document.path))
                       : "<a href=\"#" + id + "\">" + Escape(DisplayUtf8(document.path)) + "</a>";
    tr += "</td><td class=\"status\">" + std::string(ToString(document.status));
    if (!IsFullyScreened(document.status)) tr += " — not fully screened";
    tr += "</td><td>" + Escape(document.reason) + "</td><td>" +
          std::string(ToString(document.format)) + "</td><td class=\"num\">" +
          std::to_string(document.pages.size()) + "</td><td class=\"num\">" +
          std::to_string(result.findings.size()) + "</td><td>" +
          (highest ? "<span class=\"badge sev-" + SeverityName(*highest) + "\">" +
                         SeverityName(*highest) + "</span>"
                   : std::string()) +
          "</td><td>" + Escape(TopicsLine(TopicsOf(result.findings))) + "</td></tr>\n";
    // One row per spool line: a line break inside a cell (a reason) renders as a space.
    std::replace(tr.begin(), tr.end() - 1, '\n', ' ');
    const std::size_t class_index = static_cast<std::size_t>(
        std::find(kStatusClasses.begin(), kStatusClasses.end(), status_class) -
        kStatusClasses.begin());
    // Rows wait in temporary files, by status class, so that memory does not grow with the
    // number of documents.
    if (Status status = coverage_[class_index].Append(tr); !status.ok()) return status;

    if (rows.empty()) return Status::Ok();
    std::string section = "<section class=\"document " + status_class + "\" id=\"" + id +
                          "\" data-status=\"" + std::string(ToString(document.status)) + "\">\n";
    section +=
        "<h3><button class=\"toggle\" type=\"button\" aria-expanded=\"true\" "
        "title=\"collapse or expand\">−</button> " +
        marker + "<span class=\"mono\">" + Escape(DisplayUtf8(document.path)) +
        "</span> <span class=\"badge " + status_class + "\">" +
        std::string(ToString(document.status)) + "</span></h3>\n";
    section += "<p class=\"doc-meta\">" + std::to_string(result.findings.size()) +
               " finding(s) in " + std::to_string(rows.size()) + " clause(s) · " +
               std::string(ToString(document.format)) + " · " +
               std::to_string(document.pages.size()) + " page(s) · SHA-256 <code>" +
               Escape(document.sha256) + "</code></p>\n";
    if (!IsFullyScreened(document.status)) {
      section += "<p class=\"warning\">Not fully screened (" +
                 std::string(ToString(document.status)) + "): " + Escape(document.reason) +
                 ". Only what could be read is shown.</p>\n";
    }
    section += "<div class=\"doc-body\">\n";
    for (std::size_t i = 0; i < rows.size(); ++i) {
      section += ClauseHtml(result, rows[i], id + "-clause-" + std::to_string(i + 1), options_);
    }
    section += "</div>\n</section>\n";
    // Sections go to a temporary file until the end, so memory does not grow with the run.
    return spool_.Append(section);
  }

  Status WriteSummary(const RunSummary& summary) override {
    const std::string style = std::string(HtmlStyle()) + options_.extra_style;
    const std::string_view script = HtmlScript();
    std::string html =
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src " +
        CspHash(style) + "; script-src " + CspHash(script) + "; base-uri 'none'; form-action " +
        (options_.allow_forms ? "'self'" : "'none'") +
        "\">\n"
        "<meta name=\"referrer\" content=\"no-referrer\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        "<title>trustscreen report</title>\n<style>" +
        style + "</style>\n</head>\n<body>\n" + options_.banner_html;
    AppendHeader(html, summary);
    if (Status status = AppendCoverage(html, summary); !status.ok()) return status;
    AppendFilters(html);  // above what they filter: the coverage table is never filtered
    html += "<section id=\"flagged-clauses\">\n<h2>Flagged clauses</h2>\n";
    if (spool_.empty()) html += "<p>No findings.</p>\n";
    out_ << html;
    if (Status status = spool_.CopyTo(out_); !status.ok()) return status;
    html = "</section>\n";
    AppendSummary(html, summary);
    html += "<script>" + std::string(script) + "</script>\n</body>\n</html>\n";
    out_ << html;
    out_.flush();
    if (!out_) return IoError("cannot write HTML report" + WriteFailureCause(out_));
    return Status::Ok();
  }

 private:
  void AppendHeader(std::string& html, const RunSummary& summary) const {
    const int exit_code = summary.ExitCode();
    html += "<header id=\"run-header\">\n<h1>trustscreen report</h1>\n";
    html += "<p class=\"verdict exit-" + std::to_string(exit_code) + "\" id=\"verdict\">Exit " +
            std::to_string(exit_code) + ": " + Escape(ExitCodeMeaning(summary)) + "</p>\n";
    if (!summary.complete) {
      html +=
          "<p class=\"warning\">The run did not complete: this report is not a full record.</p>\n";
    }
    for (const std::string& warning : header_.warnings) {
      html += "<p class=\"warning list-age\">" + Escape(warning) + "</p>\n";
    }
    html += "<table class=\"meta\" id=\"run-meta\"><tbody>\n";
    auto row = [&](std::string_view label, const std::string& value, bool code = false) {
      if (value.empty()) return;  // reproducible runs leave times, host and command line out
      html += "<tr><th>" + std::string(label) + "</th><td>" + (code ? "<code>" : "") +
              Escape(value) + (code ? "</code>" : "") + "</td></tr>\n";
    };
    row("Tool", "trustscreen " + header_.tool_version);
    row("Build", header_.build_id, true);
    row("Extractor version", header_.extractor_version);
    row("Rules", std::to_string(header_.rule_count) + " rule(s) in " +
                     std::to_string(header_.rule_files.size()) + " file(s)");
    row("Rules SHA-256", header_.rules_sha256, true);
    row("Started", header_.started_at);
    row("Finished", summary.finished_at);
    if (summary.wall_seconds > 0) {
      char seconds[32];
      std::snprintf(seconds, sizeof seconds, "%.2f s", summary.wall_seconds);
      row("Wall time", seconds);
    }
    row("Host", header_.host);
    row("Command line", header_.command_line, true);
    html += "</tbody></table>\n";

    html +=
        "<h2>Rule files</h2>\n<table id=\"rule-files\"><thead><tr><th>File</th><th>SHA-256"
        "</th><th class=\"num\">Rules</th><th class=\"num\">Entries</th><th>List, published"
        "</th></tr></thead><tbody>\n";
    for (const RuleFileRecord& file : header_.rule_files) {
      std::string list = file.list_title;
      if (!file.list_published.empty()) {
        list += (list.empty() ? "" : ", ") + file.list_published;
      }
      html += "<tr><td class=\"mono\">" + Escape(file.path) + "</td><td><code>" +
              Escape(file.sha256) + "</code></td><td class=\"num\">" +
              std::to_string(file.rule_count) + "</td><td class=\"num\">" +
              (file.entries >= 0 ? std::to_string(file.entries) : std::string()) + "</td><td>" +
              Escape(list) + "</td></tr>\n";
    }
    if (header_.waivers) {
      html += "<tr class=\"waivers-file\"><td class=\"mono\">" + Escape(header_.waivers->path) +
              " (waivers)</td><td><code>" + Escape(header_.waivers->sha256) +
              "</code></td><td></td><td class=\"num\">" + std::to_string(header_.waivers->entries) +
              "</td><td></td></tr>\n";
    }
    html += "</tbody></table>\n<h2>Inputs and options</h2>\n<ul id=\"inputs\">\n";
    for (const std::string& input : header_.inputs) {
      html += "<li class=\"mono\">" + Escape(input) + "</li>\n";
    }
    html += "</ul>\n<table id=\"options\"><tbody>\n";
    for (const auto& [name, value] : header_.options.ToPairs()) {
      html += "<tr><th>" + Escape(name) + "</th><td><code>" + Escape(value) + "</code></td></tr>\n";
    }
    html += "</tbody></table>\n";
    if (!header_.skipped.empty()) {
      html +=
          "<h3>Inputs skipped by the walk</h3>\n<table id=\"skipped\"><thead><tr><th>Path</th>"
          "<th>Reason</th></tr></thead><tbody>\n";
      for (const SkippedInput& skipped : header_.skipped) {
        html += "<tr><td class=\"mono\">" + Escape(DisplayUtf8(skipped.path)) + "</td><td>" +
                Escape(skipped.reason) + "</td></tr>\n";
      }
      html += "</tbody></table>\n";
    }
    html += "</header>\n";
  }

  void AppendFilters(std::string& html) const {
    // Hidden until the script runs: without it there is nothing to filter with.
    html +=
        "<nav id=\"filters\" hidden>\n<label>Severity <select id=\"filter-severity\">"
        "<option value=\"\">any</option>";
    for (Severity severity : kSeveritiesDescending) {
      html += "<option value=\"" + Rank(severity) + "\">" + SeverityName(severity) +
              (severity == Severity::kCritical ? "" : " and above") + "</option>";
    }
    html +=
        "</select></label>\n<label>Family <select id=\"filter-family\">"
        "<option value=\"\">any</option>";
    for (RuleFamily family : kFamilies) {
      const std::string name(ToString(family));
      html += "<option value=\"" + name + "\">" + name + "</option>";
    }
    html +=
        "</select></label>\n<label>Rule <select id=\"filter-rule\">"
        "<option value=\"\">any</option>";
    for (const auto& [id, title] : rules_) {
      html += "<option value=\"" + Escape(id) + "\">" + Escape(id) + " — " + Escape(title) +
              "</option>";
    }
    html +=
        "</select></label>\n<label>Search <input id=\"filter-text\" type=\"search\" "
        "placeholder=\"text, name, clause, file\"></label>\n"
        "<button type=\"button\" id=\"clear-filters\">Clear</button>\n"
        "<button type=\"button\" id=\"expand-all\">Expand all</button>\n"
        "<button type=\"button\" id=\"collapse-all\">Collapse all</button>\n"
        "<span id=\"filter-count\"></span>\n</nav>\n";
  }

  Status AppendCoverage(std::string& html, const RunSummary& summary) {
    html += "<section id=\"coverage\">\n<h2>Coverage</h2>\n<p>" + std::to_string(documents_) +
            " document(s); " + std::to_string(summary.not_fully_screened.size()) +
            " not fully screened.</p>\n";
    if (!summary.not_fully_screened.empty()) {
      html += "<p class=\"warning\" id=\"not-fully-screened-warning\">⚠ " +
              std::to_string(summary.not_fully_screened.size()) +
              " document(s) were not fully screened and may hide findings; they are listed "
              "first.</p>\n";
    }
    html +=
        "<table id=\"coverage-table\"><thead><tr><th class=\"num\">#</th><th>Document</th>"
        "<th>Status</th><th>Reason</th><th>Format</th><th class=\"num\">Pages</th>"
        "<th class=\"num\">Findings</th><th>Highest</th><th>Topics</th></tr></thead><tbody>\n";
    // Not fully screened first, then screened with a note, then clean; each in input order.
    // The first rows go into the table, the rest into <template>s added on demand.
    std::size_t written = 0;
    std::size_t chunks = 0;
    for (Spool& rows : coverage_) {
      Status status = rows.ForEachLine([&](std::string_view row) {
        if (written == kCoverageFirstRows) html += "</tbody></table>\n<div id=\"coverage-more\">";
        if (written >= kCoverageFirstRows &&
            (written - kCoverageFirstRows) % kCoverageChunkRows == 0) {
          if (chunks++ > 0) html += "</template>";
          html += "<template class=\"more-rows\">";
        }
        html.append(row);
        html += '\n';
        ++written;
        if (html.size() > (1 << 20)) {  // keep the page text out of memory as it grows
          out_ << html;
          html.clear();
        }
      });
      if (!status.ok()) return status;
    }
    if (written <= kCoverageFirstRows) {
      html += "</tbody></table>\n</section>\n";
      return Status::Ok();
    }
    html += "</template><p><button type=\"button\" id=\"show-more-documents\" data-remaining=\"" +
            std::to_string(written - kCoverageFirstRows) + "\">Show more documents</button> " +
            std::to_string(kCoverageFirstRows) + " of " + std::to_string(written) +
            " shown.</p></div>\n</section>\n";
    return Status::Ok();
  }

  void AppendSummary(std::string& html, const RunSummary& summary) const {
    html += "<section id=\"run-summary\">\n<h2>Run summary</h2>\n<p>" +
            std::to_string(summary.documents) + " document(s), " +
            std::to_string(summary.skipped_inputs) + " input(s) skipped, " +
            std::to_string(summary.findings) + " finding(s).</p>\n";
    html +=
        "<h3>Documents by status</h3>\n<table id=\"summary-status\"><thead><tr><th>Status"
        "</th><th class=\"num\">Documents</th></tr></thead><tbody>\n";
    for (const auto& [status, count] : summary.documents_by_status) {
      html += std::string("<tr class=\"") +
              (IsFullyScreened(status) ? "status-ok" : "status-problem") + "\"><td>" +
              std::string(ToString(status)) + "</td><td class=\"num\">" + std::to_string(count) +
              "</td></tr>\n";
    }
    html += "</tbody></table>\n";
    if (!summary.not_fully_screened.empty()) {
      html += "<h3>Not fully screened</h3>\n<ul id=\"summary-unscreened\">\n";
      for (const UnscreenedDocument& document : summary.not_fully_screened) {
        html += "<li><span class=\"mono\">" + Escape(DisplayUtf8(document.path)) +
                "</span>: " + std::string(ToString(document.status));
        if (!document.reason.empty()) html += ": " + Escape(document.reason);
        html += "</li>\n";
      }
      html += "</ul>\n";
    }
    html +=
        "<h3>Findings by family and severity</h3>\n<table id=\"summary-findings\"><thead>"
        "<tr><th>Family</th>";
    for (Severity severity : kSeveritiesDescending) {
      html += "<th class=\"num\">" + SeverityName(severity) + "</th>";
    }
    html += "</tr></thead><tbody>\n";
    for (RuleFamily family : kFamilies) {
      html += "<tr><td>" + std::string(ToString(family)) + "</td>";
      const auto by_family = summary.findings_by_family.find(family);
      for (Severity severity : kSeveritiesDescending) {
        int count = 0;
        if (by_family != summary.findings_by_family.end()) {
          const auto it = by_family->second.find(severity);
          if (it != by_family->second.end()) count = it->second;
        }
        html += "<td class=\"num\">" + std::to_string(count) + "</td>";
      }
      html += "</tr>\n";
    }
    html += "</tbody></table>\n";
    AppendTopics(html, summary);
    AppendWaivers(html, summary);
    const int exit_code = summary.ExitCode();
    html += "<p>" + std::to_string(summary.findings_at_or_above_fail_on) +
            " finding(s) at or above <code>--fail-on " + SeverityName(summary.fail_on) +
            "</code>.</p>\n<p class=\"verdict exit-" + std::to_string(exit_code) + "\">Exit " +
            std::to_string(exit_code) + ": " + Escape(ExitCodeMeaning(summary)) +
            ". (0: every document screened, no finding at or above the threshold; 1: findings "
            "at or above it; 2: some document not fully screened, or the run did not "
            "complete.)</p>\n</section>\n";
  }

  // What kinds of risk the run found: each topic (technology area, export-control topic, list)
  // with its highest severity and how many documents have it.
  static void AppendTopics(std::string& html, const RunSummary& summary) {
    if (summary.topics.empty()) return;
    html +=
        "<h3>Topics</h3>\n<table id=\"summary-topics\"><thead><tr><th>Topic</th><th>Family</th>"
        "<th>Highest</th><th class=\"num\">Documents</th><th class=\"num\">Findings</th></tr>"
        "</thead><tbody>\n";
    for (const DocumentTopic& topic : summary.topics) {
      html += "<tr><td>" + Escape(topic.topic) + "</td><td>" + std::string(ToString(topic.family)) +
              "</td><td><span class=\"badge sev-" + SeverityName(topic.severity) + "\">" +
              SeverityName(topic.severity) + "</span></td><td class=\"num\">" +
              std::to_string(topic.documents) + "</td><td class=\"num\">" +
              std::to_string(topic.findings) + "</td></tr>\n";
    }
    html += "</tbody></table>\n";
  }

  // Waived and reopened counts and, with a waivers file, its applied, expired and stale waivers.
  static void AppendWaivers(std::string& html, const RunSummary& summary) {
    if (!summary.waivers && summary.findings_waived == 0) return;
    html +=
        "<h3>Waivers</h3>\n<p id=\"summary-waivers\">" + std::to_string(summary.findings_waived) +
        " finding(s) waived (not counted toward the exit code), " +
        std::to_string(summary.findings_reopened) + " reopened because their waiver expired.</p>\n";
    if (!summary.waivers) return;
    html +=
        "<table id=\"waivers\"><thead><tr><th>Waiver</th><th>State</th><th>Where</th>"
        "<th class=\"num\">Findings</th><th>Expires</th></tr></thead><tbody>\n";
    auto rows = [&](const std::vector<WaiverUse>& uses, std::string_view state) {
      for (const WaiverUse& use : uses) {
        html += "<tr class=\"waiver-" + std::string(state) + "\"><td><code>" + Escape(use.id) +
                "</code></td><td>" + (state == "applied" ? "" : "&#9888; ") + std::string(state) +
                "</td><td class=\"mono\">" + Escape(use.location) + "</td><td class=\"num\">" +
                std::to_string(use.findings) + "</td><td>" + Escape(use.expires) + "</td></tr>\n";
      }
    };
    rows(summary.waivers->applied, "applied");
    rows(summary.waivers->expired, "expired");
    rows(summary.waivers->stale, "stale");
    html += "</tbody></table>\n";
  }

  std::ostream& out_;
  HtmlOptions options_;
  RunHeader header_;
  std::size_t documents_ = 0;
  std::array<Spool, kStatusClasses.size()> coverage_{
      Spool("the HTML report"), Spool("the HTML report"), Spool("the HTML report")};
  Spool spool_{"the HTML report"};            // the documents' sections, in order
  std::map<std::string, std::string> rules_;  // rule id -> title, of rules that found something
};

}  // namespace

std::unique_ptr<ReportWriter> MakeHtmlWriter(std::ostream& out, HtmlOptions options) {
  return std::make_unique<HtmlWriter>(out, std::move(options));
}

}  // namespace trustscreen::report
