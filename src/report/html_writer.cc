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
#include "html_sections.h"
#include "html_verdict.h"
#include "spool.h"
#include "trustscreen/core/text_escape.h"
#include "trustscreen/core/utf8.h"
#include "trustscreen/digest/sha256.h"
#include "trustscreen/report/output_file.h"
#include "trustscreen/report/report.h"

namespace trustscreen::report {
namespace {

std::string Escape(std::string_view text) { return HtmlEscape(text); }

// 'sha256-<base64>' of `text`, for the Content-Security-Policy.
std::string CspHash(std::string_view text) {
  return "'sha256-" + Base64Encode(digest::Sha256Bytes(text)) + "'";
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
// Likewise the flagged clauses: the sections of the first kFlaggedFirstDocuments documents with
// findings are in the page; the others wait in <template>s of kFlaggedChunkDocuments sections,
// added as the reader scrolls near the end, asks for more, follows a link to one of them, moves
// past the last with the keyboard, filters or prints (bench/README.md, "report.html at 10,000
// documents").
constexpr std::size_t kFlaggedFirstDocuments = 50;
constexpr std::size_t kFlaggedChunkDocuments = 200;

// One coverage-table row (one line: a line break inside a cell renders as a space).
std::string CoverageRowHtml(const DocumentResult& result, std::size_t index,
                            std::string_view status_class) {
  const Document& document = result.document;
  std::optional<Severity> highest;
  for (const Finding& finding : result.findings) {
    highest = std::max(highest.value_or(finding.severity), finding.severity);
  }
  const std::string path = Escape(DisplayUtf8(document.path));
  std::string tr = "<tr class=\"doc-row " + std::string(status_class) + "\" data-status=\"" +
                   std::string(ToString(document.status)) + "\"><td class=\"num\">" +
                   std::to_string(index) + "</td><td class=\"mono\">" + StatusMarker(status_class);
  tr += result.findings.empty() ? path
                                : "<a href=\"#doc-" + std::to_string(index) + "\">" + path + "</a>";
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
  std::replace(tr.begin(), tr.end() - 1, '\n', ' ');
  return tr;
}

class HtmlWriter : public ReportWriter {
 public:
  HtmlWriter(std::ostream& out, HtmlOptions options) : out_(out), options_(std::move(options)) {}

  Status WriteHeader(const RunHeader& header) override {
    header_ = header;
    return Status::Ok();
  }

  Status WriteDocument(const DocumentResult& result) override {
    const std::size_t index = ++documents_;
    const std::string_view status_class = StatusClass(result.document);
    for (const Finding& finding : result.findings) {
      rules_.emplace(finding.rule_id, finding.rule_title);
      counts_.Add(finding);
    }
    ranking_.Add(ReviewEntryOf(result, index));
    const std::size_t class_index = static_cast<std::size_t>(
        std::find(kStatusClasses.begin(), kStatusClasses.end(), status_class) -
        kStatusClasses.begin());
    // Rows and sections wait in temporary files, so memory does not grow with the run.
    Status status = coverage_[class_index].Append(CoverageRowHtml(result, index, status_class));
    if (!status.ok() || result.findings.empty()) return status;

    DocumentSection section = DocumentSectionHtml(result, index, options_);
    clauses_ += section.clauses;
    if (flagged_documents_ >= kFlaggedFirstDocuments &&
        (flagged_documents_ - kFlaggedFirstDocuments) % kFlaggedChunkDocuments == 0) {
      section.html.insert(
          0, std::string(flagged_documents_ > kFlaggedFirstDocuments ? "</template>\n" : "") +
                 "<template class=\"more-docs\">\n");
    }
    ++flagged_documents_;
    return sections_.Append(section.html);
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
        style + "</style>\n</head>\n<body>\n" + options_.banner_html +
        "<a class=\"skip-link\" href=\"#flagged-clauses\">Skip to the flagged clauses</a>\n";
    AppendVerdict(html, summary, header_.warnings, ranking_, counts_);
    AppendFilters(html);
    html +=
        "<section id=\"flagged-clauses\" tabindex=\"-1\">\n<h2>Flagged clauses</h2>\n"
        "<div id=\"flagged-list\">\n";
    if (sections_.empty()) html += "<p>No findings.</p>\n";
    out_ << html;
    if (Status status = sections_.CopyTo(out_); !status.ok()) return status;
    html = "";
    AppendFlaggedMore(html);
    if (Status status = AppendCoverage(html, summary); !status.ok()) return status;
    AppendManifest(html, summary);
    html += "<script>" + std::string(script) + "</script>\n</body>\n</html>\n";
    out_ << html;
    out_.flush();
    if (!out_) return IoError("cannot write HTML report" + WriteFailureCause(out_));
    return Status::Ok();
  }

 private:
  // Closes the flagged-clause list; with sections waiting in templates, the button that adds
  // them and how many are shown (the script keeps the count up to date).
  void AppendFlaggedMore(std::string& html) const {
    if (flagged_documents_ > kFlaggedFirstDocuments) html += "</template>\n";
    html += "</div>\n";
    if (flagged_documents_ > kFlaggedFirstDocuments) {
      html +=
          "<p id=\"flagged-more\"><button type=\"button\" id=\"show-more-flagged\">Show "
          "more documents</button> <span id=\"flagged-shown\" data-total=\"" +
          std::to_string(flagged_documents_) + "\">" + std::to_string(kFlaggedFirstDocuments) +
          " of " + std::to_string(flagged_documents_) +
          " documents with findings shown; more are added as you scroll.</span></p>\n";
    }
    html += "</section>\n";
  }

  // details#manifest, closed: what the run was made with (section#run-header) and its summary
  // (section#run-summary), complete for auditors.
  void AppendManifest(std::string& html, const RunSummary& summary) const {
    html +=
        "<details id=\"manifest\">\n<summary><h2>Run manifest</h2> <span class=\"summary-note\">"
        "tool and build, rule files with their SHA-256, lists, inputs, options, skipped inputs, "
        "waivers and the run summary</span></summary>\n";
    AppendRunHeader(html, summary);
    AppendSummary(html, summary);
    html += "</details>\n";
  }

  void AppendRunHeader(std::string& html, const RunSummary& summary) const {
    html += "<section id=\"run-header\">\n<table class=\"meta\" id=\"run-meta\"><tbody>\n";
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
    AppendRuleFiles(html);
    html += "<h3>Inputs and options</h3>\n<ul id=\"inputs\">\n";
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
    html += "</section>\n";
  }

  // The rule files and entity lists with their SHA-256, and the waivers file.
  void AppendRuleFiles(std::string& html) const {
    html +=
        "<h3>Rule files</h3>\n<table id=\"rule-files\"><thead><tr><th>File</th><th>SHA-256"
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
    html += "</tbody></table>\n";
  }

  // The filters of the flagged clauses. Hidden until the script runs: without it there is
  // nothing to filter with.
  void AppendFilters(std::string& html) const {
    html +=
        "<nav id=\"filters\" hidden>\n<label>Severity <select id=\"filter-severity\">"
        "<option value=\"\">any</option>";
    for (Severity severity : kSeveritiesDescending) {
      html += "<option value=\"" + SeverityRank(severity) + "\">" + SeverityName(severity) +
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
        "<span id=\"filter-count\" data-total=\"" +
        std::to_string(clauses_) +
        "\"></span>\n"
        "<span id=\"keys-help\">Keys: <kbd>j</kbd> or <kbd>n</kbd> next flagged clause, "
        "<kbd>k</kbd> or <kbd>p</kbd> previous, <kbd>/</kbd> search, <kbd>Esc</kbd> leave the "
        "search box</span>\n</nav>\n";
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
  Spool sections_{"the HTML report"};  // the flagged-clause sections, in input order
  std::size_t flagged_documents_ = 0;  // documents with findings
  std::size_t clauses_ = 0;            // flagged clauses in all of them
  ReviewRanking ranking_{kRankedDocuments};
  FindingCounts counts_;
  std::map<std::string, std::string> rules_;  // rule id -> title, of rules that found something
};

}  // namespace

std::unique_ptr<ReportWriter> MakeHtmlWriter(std::ostream& out, HtmlOptions options) {
  return std::make_unique<HtmlWriter>(out, std::move(options));
}

}  // namespace trustscreen::report
