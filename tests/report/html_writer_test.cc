#include <gtest/gtest.h>

#include <regex>
#include <sstream>

#include "report_fixtures.h"
#include "trustscreen/report/report.h"

namespace trustscreen::report {
namespace {

std::size_t Count(const std::string& haystack, const std::string& needle) {
  std::size_t count = 0;
  for (std::size_t at = haystack.find(needle); at != std::string::npos;
       at = haystack.find(needle, at + needle.size())) {
    ++count;
  }
  return count;
}

// The element whose opening tag holds `marker`, up to the first `end` after it.
std::string Between(const std::string& html, const std::string& marker, const std::string& end) {
  const std::size_t begin = html.find(marker);
  if (begin == std::string::npos) return "";
  return html.substr(begin, html.find(end, begin) - begin);
}

RunHeader Header() {
  RunHeader header;
  header.tool_version = "0.1.0";
  header.build_id = "0.1.0+gabc";
  header.extractor_version = "7";
  header.rules_sha256 = std::string(64, 'b');
  header.rule_count = 2;
  header.rule_files = {{"rules/export.yaml", std::string(64, 'c'), 2, -1, "", ""}};
  header.inputs = {"samples"};
  header.options.threads = 1;
  return header;
}

std::string Write(const std::vector<DocumentResult>& results, RunHeader header = Header()) {
  std::ostringstream out;
  auto writer = MakeHtmlWriter(out);
  EXPECT_TRUE(writer->WriteHeader(header).ok());
  SummaryBuilder summary(Severity::kMedium);
  for (const DocumentResult& result : results) {
    summary.Add(result);
    EXPECT_TRUE(writer->WriteDocument(result).ok());
  }
  EXPECT_TRUE(writer->WriteSummary(summary.summary()).ok());
  return out.str();
}

// A document whose clause 9.2 reads `clause_text`, starting at byte 100 of the extracted text,
// with one finding on each of `matches` (found in the clause text).
DocumentResult WithClause(std::string path, const std::string& clause_text,
                          const std::vector<std::pair<std::string, Severity>>& matches) {
  constexpr std::size_t kClauseBegin = 100;
  std::vector<Finding> findings;
  for (const auto& [match, severity] : matches) {
    const std::size_t at = clause_text.find(match);
    Finding finding = MakeFinding("rule-" + std::to_string(findings.size() + 1),
                                  RuleFamily::kExportControl, severity, kClauseBegin + at, match);
    finding.clause_ref = "9.2";
    finding.clause_title = "Export Control";
    findings.push_back(std::move(finding));
  }
  DocumentResult result = MakeResult(std::move(path), DocumentStatus::kOk, std::move(findings));
  result.clauses = {{"9.2",
                     "Export Control",
                     {2},
                     kClauseBegin,
                     kClauseBegin + clause_text.size(),
                     false,
                     clause_text}};
  return result;
}

// A document with one open finding per (family, severity) pair given, each in its own clause.
DocumentResult WithFindings(std::string path,
                            const std::vector<std::pair<RuleFamily, Severity>>& findings) {
  std::vector<Finding> made;
  for (const auto& [family, severity] : findings) {
    Finding finding = MakeFinding("rule-" + std::string(ToString(family)), family, severity,
                                  10 * made.size(), "term");
    finding.clause_ref = std::to_string(made.size() + 1);
    made.push_back(std::move(finding));
  }
  return MakeResult(std::move(path), DocumentStatus::kOk, std::move(made));
}

// The rows of the verdict's ranking, each as its text between <tr class="ranked-doc" and </tr>.
std::vector<std::string> RankedRows(const std::string& html) {
  const std::string table = Between(html, "<table id=\"review-ranking\"", "</table>");
  std::vector<std::string> rows;
  for (std::size_t at = table.find("<tr class=\"ranked-doc\""); at != std::string::npos;
       at = table.find("<tr class=\"ranked-doc\"", at + 1)) {
    rows.push_back(table.substr(at, table.find("</tr>", at) - at));
  }
  return rows;
}

TEST(HtmlWriter, EscapesHostileFileNamesMatchedTextAndClauseText) {
  const std::string script = "<script>alert(1)</script>";
  const std::string image = "<img src=x onerror=alert(1)>";
  DocumentResult result =
      WithClause(script + "\"'&.pdf", "9.2 Ship " + image + " to " + script + " now.",
                 {{image, Severity::kHigh}, {script, Severity::kCritical}});
  result.findings[0].rule_title = script;
  result.findings[0].clause_title = image;
  result.findings[0].entity = EntityHit{script, "1", image, script, "", "", {}, "", "", ""};
  DocumentResult unreadable = MakeResult(image + ".pdf", DocumentStatus::kEncrypted);
  unreadable.document.reason = "needs a password " + script;

  const std::string html = Write({result, unreadable});
  EXPECT_EQ(Count(html, "<script"), 1u) << "only the report's own script element";
  EXPECT_EQ(Count(html, "</script>"), 1u);
  EXPECT_EQ(html.find("<img"), std::string::npos);
  EXPECT_EQ(Count(html, "onerror=alert(1)"), Count(html, "&lt;img src=x onerror=alert(1)&gt;"));
  EXPECT_NE(html.find("&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;.pdf"),
            std::string::npos);
  EXPECT_NE(html.find("<mark class=\"sev-critical\" title=\"rule-2\">"
                      "&lt;script&gt;alert(1)&lt;/script&gt;</mark>"),
            std::string::npos);
  EXPECT_NE(html.find("needs a password &lt;script&gt;"), std::string::npos);
  // Nothing document-derived inside the script element.
  const std::string inline_script = Between(html, "<script>", "</script>");
  EXPECT_EQ(inline_script.find("alert"), std::string::npos);
  EXPECT_EQ(inline_script.find("innerHTML"), std::string::npos);
}

TEST(HtmlWriter, CoverageTableListsEveryDocumentUnscreenedFirst) {
  DocumentResult clean = MakeResult("clean.pdf", DocumentStatus::kOk);
  DocumentResult noted = MakeResult("latin1.txt", DocumentStatus::kOk);
  noted.document.reason = "not valid UTF-8; read as Windows-1252";
  DocumentResult locked = MakeResult("locked.pdf", DocumentStatus::kEncrypted);
  DocumentResult scanned = MakeResult("scan.pdf", DocumentStatus::kNeedsOcr);

  const std::string html = Write({clean, noted, locked, scanned});
  const std::string table = Between(html, "<table id=\"coverage-table\"", "</table>");
  ASSERT_FALSE(table.empty()) << html;
  EXPECT_EQ(Count(table, "<tr class=\"doc-row"), 4u);
  for (const char* path : {"clean.pdf", "latin1.txt", "locked.pdf", "scan.pdf"}) {
    EXPECT_NE(table.find(path), std::string::npos) << path;
  }
  EXPECT_NE(table.find("<tr class=\"doc-row status-problem\" data-status=\"encrypted\">"),
            std::string::npos);
  EXPECT_NE(table.find("<tr class=\"doc-row status-problem\" data-status=\"needs_ocr\">"),
            std::string::npos);
  EXPECT_NE(table.find("<tr class=\"doc-row status-note\" data-status=\"ok\">"), std::string::npos);
  EXPECT_NE(table.find("reason for locked.pdf"), std::string::npos);
  EXPECT_NE(table.find("reason for scan.pdf"), std::string::npos);
  EXPECT_NE(table.find("read as Windows-1252"), std::string::npos);
  EXPECT_NE(table.find("needs_ocr — not fully screened"), std::string::npos);
  // Not fully screened, then screened with a note, then clean; input order within each.
  EXPECT_LT(table.find("locked.pdf"), table.find("scan.pdf"));
  EXPECT_LT(table.find("scan.pdf"), table.find("latin1.txt"));
  EXPECT_LT(table.find("latin1.txt"), table.find("clean.pdf"));
  EXPECT_NE(html.find("id=\"not-fully-screened-warning\""), std::string::npos);
  EXPECT_NE(html.find("Exit 2: some documents were not fully screened"), std::string::npos);
}

TEST(HtmlWriter, HighlightWrapsExactlyTheMatchedText) {
  DocumentResult result = WithClause("a.pdf", "9.2 No export of 9A012 items to ACME Ltd.",
                                     {{"9A012", Severity::kHigh}, {"ACME Ltd", Severity::kLow}});
  const std::string html = Write({result});
  EXPECT_NE(html.find("<pre class=\"clause-text\">9.2 No export of <mark class=\"sev-high\" "
                      "title=\"rule-1\">9A012</mark> items to <mark class=\"sev-low\" "
                      "title=\"rule-2\">ACME Ltd</mark>.</pre>"),
            std::string::npos)
      << html;
}

TEST(HtmlWriter, OverlappingMatchesShareOneMarkOfTheHighestSeverity) {
  DocumentResult result =
      WithClause("a.pdf", "Ship to Acme Rocket Works today.",
                 {{"Acme Rocket", Severity::kLow}, {"Rocket", Severity::kHigh}});
  result.findings[1].begin = result.findings[0].begin + 5;
  result.findings[1].end = result.findings[1].begin + 12;  // "Rocket Works"
  const std::string html = Write({result});
  EXPECT_NE(html.find("Ship to <mark class=\"sev-high\" title=\"rule-1, rule-2\">Acme Rocket "
                      "Works</mark> today."),
            std::string::npos)
      << html;
}

TEST(HtmlWriter, FlaggedClauseCarriesFilterAttributesOnItsFindingRows) {
  DocumentResult result = WithClause("a.pdf", "9.2 Ship 9A012 to ACME.",
                                     {{"9A012", Severity::kHigh}, {"ACME", Severity::kMedium}});
  result.findings[1].family = RuleFamily::kPartner;
  const std::string html = Write({result});
  EXPECT_NE(html.find("<article class=\"clause sev-high\" id=\"doc-1-clause-1\" tabindex=\"-1\" "
                      "data-severity=\"high\" data-rank=\"3\" "
                      "data-families=\"export-control partner\" data-rules=\"rule-1 rule-2\">"),
            std::string::npos)
      << html;
  EXPECT_NE(html.find("<tr class=\"finding\" data-severity=\"medium\" data-rank=\"2\" "
                      "data-family=\"partner\" data-rule=\"rule-2\">"),
            std::string::npos);
  EXPECT_NE(html.find("<option value=\"rule-2\">rule-2 — title of rule-2</option>"),
            std::string::npos);
  for (const char* id : {"filter-severity", "filter-family", "filter-rule", "filter-text"}) {
    EXPECT_NE(html.find("id=\"" + std::string(id) + "\""), std::string::npos) << id;
  }
  EXPECT_NE(html.find("@media print"), std::string::npos);
}

TEST(HtmlWriter, FetchesNothing) {
  DocumentResult result =
      WithClause("a.pdf", "9.2 No export of 9A012 items.", {{"9A012", Severity::kHigh}});
  const std::string html = Write({result, MakeResult("b.pdf", DocumentStatus::kCorrupt)});
  EXPECT_EQ(html.find("http://"), std::string::npos);
  EXPECT_EQ(html.find("https://"), std::string::npos);
  EXPECT_EQ(html.find("src="), std::string::npos);
  EXPECT_EQ(html.find("url("), std::string::npos);
  EXPECT_EQ(html.find("@import"), std::string::npos);
  const std::regex href("href=\"([^\"]*)\"");
  for (auto it = std::sregex_iterator(html.begin(), html.end(), href); it != std::sregex_iterator();
       ++it) {
    EXPECT_EQ((*it)[1].str().rfind('#', 0), 0u) << (*it)[0];
  }
  EXPECT_NE(html.find("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                      "style-src 'sha256-"),
            std::string::npos);
}

TEST(HtmlWriter, SameRecordsGiveIdenticalBytes) {
  DocumentResult result =
      WithClause("a.pdf", "9.2 No export of 9A012 items.", {{"9A012", Severity::kHigh}});
  const std::vector<DocumentResult> run = {result, MakeResult("b.pdf", DocumentStatus::kPartial)};
  EXPECT_EQ(Write(run), Write(run));
}

TEST(HtmlWriter, LeavesOutTimesHostAndCommandLineWhenTheHeaderHasNone) {
  RunHeader header = Header();
  const std::string reproducible = Write({}, header);
  EXPECT_EQ(reproducible.find("<th>Started</th>"), std::string::npos);
  EXPECT_EQ(reproducible.find("<th>Host</th>"), std::string::npos);
  EXPECT_EQ(reproducible.find("<th>Command line</th>"), std::string::npos);
  header.started_at = "2026-11-26T12:00:00Z";
  header.host = "builder";
  header.command_line = "trustscreen scan samples";
  const std::string timed = Write({}, header);
  EXPECT_NE(timed.find("<th>Started</th><td>2026-11-26T12:00:00Z</td>"), std::string::npos);
  EXPECT_NE(timed.find("<th>Host</th><td>builder</td>"), std::string::npos);
}

TEST(HtmlWriter, EmptyRunStillWritesACompletePage) {
  const std::string html = Write({});
  EXPECT_EQ(html.rfind("<!DOCTYPE html>\n<html lang=\"en\">", 0), 0u);
  EXPECT_NE(html.find("<table id=\"coverage-table\""), std::string::npos);
  EXPECT_NE(html.find("0 document(s); 0 not fully screened"), std::string::npos);
  EXPECT_NE(html.find("<section id=\"run-summary\">"), std::string::npos);
  EXPECT_NE(html.find("Exit 0: every document screened"), std::string::npos);
  EXPECT_EQ(html.substr(html.size() - 8), "</html>\n");
  EXPECT_EQ(Count(html, "<section"), Count(html, "</section>"));
  EXPECT_EQ(Count(html, "<table"), Count(html, "</table>"));
}

TEST(HtmlWriter, ShowsTheSnippetWhenTheClauseTextIsNotKept) {
  DocumentResult result =
      MakeResult("a.pdf", DocumentStatus::kOk,
                 {MakeFinding("ec-eccn", RuleFamily::kExportControl, Severity::kHigh, 5, "9A012")});
  const std::string html = Write({result});
  EXPECT_EQ(html.find("<pre class=\"clause-text\">"), std::string::npos);
  EXPECT_NE(html.find("Context: ... 9A012 ..."), std::string::npos);
}

TEST(HtmlWriter, MarksATruncatedClauseExcerpt) {
  DocumentResult result = WithClause("a.pdf", "of 9A012 items", {{"9A012", Severity::kHigh}});
  result.clauses[0].truncated = true;
  const std::string html = Write({result});
  EXPECT_NE(html.find("Excerpt: bytes 100–114 of the extracted text; the clause is longer."),
            std::string::npos);
}

TEST(HtmlWriter, ShowsEachDocumentsTopicsAndTheRunsTopics) {
  DocumentResult result = WithClause("a.pdf", "The GaN process is licensed to the Partner.",
                                     {{"GaN", Severity::kMedium}});
  result.findings[0].family = RuleFamily::kSensitiveTech;
  result.findings[0].rule_category = "Computing Hardware";
  const std::string html = Write({result});
  EXPECT_NE(html.find("Computing Hardware (medium, 1)"), std::string::npos);  // coverage row
  const std::size_t topics = html.find("id=\"summary-topics\"");
  ASSERT_NE(topics, std::string::npos);
  EXPECT_NE(html.find("<td>Computing Hardware</td>", topics), std::string::npos);
}

TEST(HtmlWriter, ALongCoverageTableOpensWithItsFirstRowsAndKeepsTheRestForLater) {
  std::vector<DocumentResult> results;
  for (int i = 0; i < 1200; ++i) {
    results.push_back(MakeResult("doc" + std::to_string(i) + ".txt", DocumentStatus::kOk));
  }
  results.push_back(MakeResult("late-problem.pdf", DocumentStatus::kEncrypted));
  const std::string html = Write(results);
  const std::size_t table_end = html.find("</tbody></table>", html.find("id=\"coverage-table\""));
  const std::size_t more = html.find("id=\"coverage-more\"");
  ASSERT_NE(more, std::string::npos);
  EXPECT_LT(table_end, more);
  // The document that could not be screened is still first, although it came last.
  EXPECT_LT(html.find("late-problem.pdf"), html.find("doc0.txt"));
  // 1,000 rows open; the other 201 wait in a template, in input order.
  EXPECT_LT(html.find(">doc998.txt<"), table_end);
  EXPECT_GT(html.find(">doc999.txt<"), html.find("<template class=\"more-rows\">"));
  EXPECT_NE(html.find("id=\"show-more-documents\" data-remaining=\"201\""), std::string::npos);
  EXPECT_NE(html.find("1000 of 1201 shown."), std::string::npos);
}

TEST(HtmlWriter, AShortCoverageTableHasNoShowMoreButton) {
  const std::string html = Write({MakeResult("a.pdf", DocumentStatus::kOk)});
  EXPECT_EQ(html.find("show-more-documents\" data"), std::string::npos);
  EXPECT_EQ(html.find("<template"), std::string::npos);
}

TEST(HtmlWriter, ServedPageCarriesTheAppsControlsBannerStyleAndFormPolicy) {
  const DocumentResult result =
      WithClause("a.pdf", "Items classified 3A001 are exported.", {{"3A001", Severity::kHigh}});
  std::ostringstream out;
  HtmlOptions options;
  options.finding_controls = [](const Document& document, const Finding& finding) {
    return "<form class=\"decide\" data-doc=\"" + document.path + "\">" + finding.rule_id +
           "</form>";
  };
  options.banner_html = "<nav id=\"app-nav\">runs</nav>";
  options.extra_style = "#app-nav{color:red}";
  options.allow_forms = true;
  auto writer = MakeHtmlWriter(out, options);
  ASSERT_TRUE(writer->WriteHeader(Header()).ok());
  SummaryBuilder summary(Severity::kMedium);
  summary.Add(result);
  ASSERT_TRUE(writer->WriteDocument(result).ok());
  ASSERT_TRUE(writer->WriteSummary(summary.summary()).ok());
  const std::string html = out.str();

  const std::string review = Between(html, "<td class=\"review", "</td>");
  EXPECT_NE(review.find("<form class=\"decide\" data-doc=\"a.pdf\">rule-1</form>"),
            std::string::npos)
      << review;
  EXPECT_EQ(html.find("<body>\n<nav id=\"app-nav\">runs</nav>") != std::string::npos, true);
  EXPECT_NE(html.find("#app-nav{color:red}</style>"), std::string::npos);
  EXPECT_NE(html.find("form-action 'self'"), std::string::npos);

  const std::string standalone = Write({result});
  EXPECT_NE(standalone.find("form-action 'none'"), std::string::npos);
  EXPECT_EQ(standalone.find("<form"), std::string::npos);
}

TEST(HtmlWriter, VerdictRanksDocumentsBySeverityThenFindingsAtItThenInputOrder) {
  using F = RuleFamily;
  using S = Severity;
  const std::string html = Write({
      WithFindings("one-high.pdf", {{F::kPartner, S::kHigh}, {F::kPartner, S::kMedium}}),
      WithFindings("two-high.pdf", {{F::kPartner, S::kHigh}, {F::kExportControl, S::kHigh}}),
      WithFindings("clean.pdf", {}),
      WithFindings("low.pdf", {{F::kSensitiveTech, S::kLow}}),
      WithFindings("critical-late.pdf", {{F::kExportControl, S::kCritical}}),
      WithFindings("one-high-later.pdf", {{F::kSensitiveTech, S::kHigh}}),
  });
  const std::vector<std::string> rows = RankedRows(html);
  ASSERT_EQ(rows.size(), 5u) << html;  // clean.pdf has nothing to review
  const std::vector<std::string> expected = {"critical-late.pdf", "two-high.pdf", "one-high.pdf",
                                             "one-high-later.pdf", "low.pdf"};
  for (std::size_t i = 0; i < rows.size(); ++i) {
    EXPECT_NE(rows[i].find(">" + expected[i] + "</a>"), std::string::npos) << i << ": " << rows[i];
    EXPECT_NE(rows[i].find("<td class=\"num\">" + std::to_string(i + 1) + "</td>"),
              std::string::npos);
  }
  EXPECT_NE(rows[0].find("href=\"#doc-5\""), std::string::npos) << "links to the section";
  EXPECT_NE(rows[1].find("<span class=\"badge sev-high\">high</span> × 2"), std::string::npos);
  EXPECT_NE(html.find("6 document(s): <strong>5 need review</strong>, with 7 open finding(s)"),
            std::string::npos);
  EXPECT_LT(html.find("id=\"review-ranking\""), html.find("id=\"flagged-clauses\""));
  EXPECT_EQ(html.find("id=\"review-more\""), std::string::npos);
}

TEST(HtmlWriter, VerdictCountsEachDocumentsFindingsPerFamilyAndNamesItsTopics) {
  DocumentResult result =
      WithFindings("mixed.docx", {{RuleFamily::kPartner, Severity::kHigh},
                                  {RuleFamily::kPartner, Severity::kMedium},
                                  {RuleFamily::kPartner, Severity::kLow},
                                  {RuleFamily::kSensitiveTech, Severity::kLow},
                                  {RuleFamily::kExportControl, Severity::kInfo},
                                  {RuleFamily::kExportControl, Severity::kInfo}});
  result.findings[0].rule_category = "Entity List";
  const std::vector<std::string> rows = RankedRows(Write({result}));
  ASSERT_EQ(rows.size(), 1u);
  // sensitive-tech, export-control, partner: the columns' order.
  EXPECT_NE(rows[0].find("<td class=\"num family-count\">1</td><td class=\"num family-count\">2"
                         "</td><td class=\"num family-count\">3</td>"),
            std::string::npos)
      << rows[0];
  EXPECT_NE(rows[0].find("Entity List (high, 1)"), std::string::npos) << rows[0];
}

TEST(HtmlWriter, VerdictListsTheDocumentsThatCouldNotBeScreenedWithTheirReasons) {
  DocumentResult locked = MakeResult("locked.pdf", DocumentStatus::kEncrypted);
  DocumentResult scanned = MakeResult("scan.pdf", DocumentStatus::kNeedsOcr);
  const std::string html = Write({WithFindings("a.pdf", {}), locked, scanned});
  const std::string unscreened = Between(html, "<div id=\"unscreened\">", "</div>");
  ASSERT_FALSE(unscreened.empty()) << html;
  EXPECT_NE(unscreened.find("Could not be screened (2)"), std::string::npos);
  EXPECT_NE(unscreened.find("locked.pdf</span> — encrypted: reason for locked.pdf"),
            std::string::npos)
      << unscreened;
  EXPECT_NE(unscreened.find("scan.pdf</span> — needs_ocr: reason for scan.pdf"), std::string::npos);
  EXPECT_LT(html.find("id=\"unscreened\""), html.find("id=\"flagged-clauses\""));
  EXPECT_NE(Write({WithFindings("a.pdf", {})})
                .find("<p id=\"all-screened\">Every document was fully screened.</p>"),
            std::string::npos);
}

TEST(HtmlWriter, WaivedFindingsAreShownAsClearedAndDoNotCountAsNeedingReview) {
  DocumentResult waived_only =
      WithFindings("waived.pdf", {{RuleFamily::kPartner, Severity::kCritical}});
  waived_only.findings[0].review_status = ReviewStatus::kWaived;
  waived_only.findings[0].waiver =
      AppliedWaiver{"abc", "waivers.yaml:3", "Ana", "2026-12-01", "known partner", "", "", false};
  DocumentResult partly = WithFindings("partly.pdf", {{RuleFamily::kPartner, Severity::kCritical},
                                                      {RuleFamily::kPartner, Severity::kLow}});
  partly.findings[0].review_status = ReviewStatus::kWaived;
  const std::string html = Write({waived_only, partly});
  const std::vector<std::string> rows = RankedRows(html);
  ASSERT_EQ(rows.size(), 1u) << "a document whose findings are all waived needs no review";
  EXPECT_NE(rows[0].find("partly.pdf"), std::string::npos);
  // Ranked by its open finding (low), not the waived critical one; the waived one is cleared.
  EXPECT_NE(rows[0].find("<span class=\"badge sev-low\">low</span> × 1"), std::string::npos);
  EXPECT_NE(rows[0].find("<td class=\"num cleared\">1</td>"), std::string::npos) << rows[0];
  EXPECT_NE(
      html.find("<strong>1 need review</strong>, with 1 open finding(s) · 0 not fully screened "
                "· 2 finding(s) cleared by waivers (1 document(s) with every finding "
                "cleared)"),
      std::string::npos)
      << Between(html, "<p id=\"verdict-counts\">", "</p>");
  EXPECT_NE(html.find("<span class=\"badge waived\">cleared</span>"), std::string::npos);
}

TEST(HtmlWriter, ChartNumbersEqualTheSummary) {
  using F = RuleFamily;
  using S = Severity;
  std::vector<DocumentResult> run = {
      WithFindings("a.pdf", {{F::kPartner, S::kHigh}, {F::kPartner, S::kHigh}}),
      WithFindings("b.pdf", {{F::kSensitiveTech, S::kMedium}, {F::kExportControl, S::kCritical}}),
      WithFindings("c.pdf", {{F::kSensitiveTech, S::kInfo}, {F::kPartner, S::kLow}}),
      MakeResult("d.pdf", DocumentStatus::kPartial)};
  run[2].findings[1].review_status = ReviewStatus::kWaived;
  SummaryBuilder builder(Severity::kMedium);
  for (const DocumentResult& result : run) builder.Add(result);
  const RunSummary& summary = builder.summary();
  const std::string html = Write(run);
  const std::string chart = Between(html, "<figure id=\"findings-chart\">", "</figure>");
  ASSERT_FALSE(chart.empty()) << html;
  EXPECT_NE(chart.find("<svg id=\"findings-svg\" role=\"img\" aria-labelledby=\"chart-title "
                       "chart-desc\""),
            std::string::npos);
  EXPECT_NE(chart.find("<title id=\"chart-title\">Open findings by family and severity</title>"),
            std::string::npos);
  for (RuleFamily family : {F::kSensitiveTech, F::kExportControl, F::kPartner}) {
    const std::string name(ToString(family));
    const std::string table = Between(chart, "<table id=\"chart-table\">", "</table>");
    const std::string cell = "data-family=\"" + name + "\" data-severity=\"";
    const std::string bar =
        Between(chart, "<g class=\"bar\" data-family=\"" + name + "\">", "</g>");
    ASSERT_FALSE(table.empty());
    int open_total = 0;
    int summary_total = 0;
    for (Severity severity : {S::kCritical, S::kHigh, S::kMedium, S::kLow, S::kInfo}) {
      int in_summary = 0;
      if (auto it = summary.findings_by_family.find(family);
          it != summary.findings_by_family.end()) {
        if (auto at = it->second.find(severity); at != it->second.end()) in_summary = at->second;
      }
      summary_total += in_summary;
      // The summary counts waived findings too; the chart shows them as cleared.
      const int waived = (family == F::kPartner && severity == S::kLow) ? 1 : 0;
      const std::string severity_name(ToString(severity));
      const std::string open = std::to_string(in_summary - waived);
      EXPECT_NE(table.find(cell + severity_name + "\">" + open + "</td>"), std::string::npos)
          << name << " " << severity_name << ": " << table;
      if (in_summary - waived > 0) {
        EXPECT_NE(bar.find("<title>" + name + ", " + severity_name + ": " + open + "</title>"),
                  std::string::npos)
            << bar;
      } else {
        EXPECT_EQ(bar.find(", " + severity_name + ":"), std::string::npos) << bar;
      }
      open_total += in_summary - waived;
    }
    const int cleared = family == F::kPartner ? 1 : 0;
    EXPECT_EQ(open_total + cleared, summary_total);
    EXPECT_NE(table.find(cell + "cleared\">" + std::to_string(cleared) + "</td>"),
              std::string::npos);
    EXPECT_NE(bar.find("\">" + std::to_string(open_total) + "</text>"), std::string::npos) << bar;
  }
  EXPECT_NE(chart.find("partner: 2 high</desc>"), std::string::npos) << chart;
}

TEST(HtmlWriter, ManifestComesAfterTheClausesCollapsedAndComplete) {
  RunHeader header = Header();
  header.skipped = {{"samples/~$lock.docx", "Office lock file"}};
  header.waivers = WaiversFileRecord{"waivers.yaml", std::string(64, 'd'), 3};
  header.options.exclude = {"*.tmp"};
  DocumentResult result =
      WithClause("a.pdf", "9.2 No export of 9A012 items.", {{"9A012", Severity::kHigh}});
  const std::string html = Write({result, MakeResult("b.pdf", DocumentStatus::kCorrupt)}, header);
  const std::size_t manifest = html.find("<details id=\"manifest\">");
  ASSERT_NE(manifest, std::string::npos) << "collapsed: no open attribute";
  EXPECT_EQ(html.find("<details id=\"manifest\" open"), std::string::npos);
  EXPECT_LT(html.find("id=\"doc-1-clause-1\""), manifest);
  EXPECT_LT(html.find("id=\"coverage-table\""), manifest);
  EXPECT_LT(html.find("id=\"verdict\""), html.find("id=\"flagged-clauses\""));
  const std::string details = Between(html, "<details id=\"manifest\">", "</details>");
  for (const char* expected :
       {"<th>Tool</th><td>trustscreen 0.1.0</td>", "<th>Build</th><td><code>0.1.0+gabc</code>",
        "<th>Extractor version</th>", "<th>Rules SHA-256</th>", "id=\"rule-files\"",
        "rules/export.yaml</td><td><code>cccc", "waivers.yaml (waivers)</td><td><code>dddd",
        "<ul id=\"inputs\">\n<li class=\"mono\">samples</li>", "<table id=\"options\">",
        "<th>exclude</th><td><code>*.tmp</code>", "<table id=\"skipped\">", "Office lock file",
        "<section id=\"run-summary\">", "id=\"summary-findings\"", "id=\"summary-status\""}) {
    EXPECT_NE(details.find(expected), std::string::npos) << expected;
  }
}

TEST(HtmlWriter, EntityDetailsAreACardUnderTheFindingWithEveryField) {
  DocumentResult result = WithClause("a.pdf", "9.2 Results go to Acme Rocket Works.",
                                     {{"Acme Rocket", Severity::kHigh}});
  result.findings[0].family = RuleFamily::kPartner;
  EntityHit entity{"Entity List (EL)",  "EL-42", "Acme Rocket Works Ltd",  "Acme Rocket",
                   "85 FR 1234",        "CN|HK", {"SDN: ACME ROCKET (7)"}, "2026-11-01",
                   "Military End User", "entity"};
  entity.match_kind = std::string(kMatchPossibleAffiliate);
  result.findings[0].entity = entity;
  const std::string html = Write({result});
  const std::string card = Between(html, "<tr class=\"entity-row\"", "</tr>");
  ASSERT_FALSE(card.empty()) << html;
  EXPECT_NE(card.find("data-rank=\"3\" data-family=\"partner\" data-rule=\"rule-1\"><td "
                      "colspan=\"6\"><div class=\"entity-card\">"),
            std::string::npos)
      << card;
  EXPECT_NE(card.find("<strong>Possible affiliate</strong>"), std::string::npos);
  for (const auto& [label, value] : std::vector<std::pair<std::string, std::string>>{
           {"List", "Entity List (EL)"},
           {"List published", "2026-11-01"},
           {"Category", "Military End User"},
           {"Type", "entity"},
           {"Entry id", "EL-42"},
           {"Listed name", "Acme Rocket Works Ltd"},
           {"Matched alias", "Acme Rocket"},
           {"Reference", "85 FR 1234"},
           {"Country", "CN|HK"},
           {"Also listed in", "SDN: ACME ROCKET (7)"}}) {
    EXPECT_NE(card.find("<dt>" + label + "</dt><dd>" + value + "</dd>"), std::string::npos)
        << label;
  }
  // The card follows its finding's row; the findings table has no entity column.
  EXPECT_LT(html.find("<tr class=\"finding\""), html.find("<tr class=\"entity-row\""));
  EXPECT_EQ(html.find("<th>Entity</th>"), std::string::npos);
}

TEST(HtmlWriter, EscapesHostileStringsInTheVerdictAndTheEntityCard) {
  const std::string script = "<script>alert(1)</script>";
  const std::string quote = "\"onmouseover=\"alert(2)";
  DocumentResult result =
      WithFindings(script + quote + ".pdf", {{RuleFamily::kPartner, Severity::kHigh}});
  result.findings[0].rule_category = script;
  result.findings[0].entity =
      EntityHit{script, quote, script, script, script, script, {script}, script, script, script};
  DocumentResult unreadable = MakeResult(script + "-locked.pdf", DocumentStatus::kEncrypted);
  unreadable.document.reason = script + quote;
  RunHeader header = Header();
  header.warnings = {"list " + script + " is old"};
  header.skipped = {{script, quote}};
  const std::string html = Write({result, unreadable}, header);
  EXPECT_EQ(Count(html, "<script"), 1u) << "only the report's own script element";
  EXPECT_EQ(html.find("\"onmouseover"), std::string::npos);
  const std::string top = html.substr(0, html.find("<nav id=\"filters\""));
  EXPECT_NE(top.find("title=\"&lt;script&gt;alert(1)&lt;/script&gt;&quot;onmouseover=&quot;"),
            std::string::npos)
      << "ranking path in its title attribute";
  EXPECT_NE(top.find("&lt;script&gt;alert(1)&lt;/script&gt; (high, 1)"), std::string::npos)
      << "topics";
  EXPECT_NE(top.find("encrypted: &lt;script&gt;alert(1)&lt;/script&gt;&quot;onmouseover"),
            std::string::npos)
      << "unscreened reason";
  EXPECT_NE(top.find("list &lt;script&gt;alert(1)&lt;/script&gt; is old"), std::string::npos);
  const std::string card = Between(html, "<div class=\"entity-card\">", "</div></td>");
  EXPECT_EQ(Count(card, "&lt;script&gt;alert(1)&lt;/script&gt;"), 9u) << card;
  EXPECT_NE(card.find("<dt>Entry id</dt><dd>&quot;onmouseover=&quot;alert(2)</dd>"),
            std::string::npos);
}

TEST(HtmlWriter, VerdictOfTwentyThousandDocumentsListsTheTopAndCountsTheRest) {
  std::ostringstream out;
  auto writer = MakeHtmlWriter(out);
  ASSERT_TRUE(writer->WriteHeader(Header()).ok());
  SummaryBuilder summary(Severity::kMedium);
  constexpr int kDocuments = 20000;
  std::size_t clauses = 0;
  for (int i = 0; i < kDocuments; ++i) {
    // Every 997th document has a critical finding, every 7th two high ones, the rest a low one.
    std::vector<std::pair<RuleFamily, Severity>> findings = {
        {RuleFamily::kPartner, Severity::kLow}};
    if (i % 7 == 0)
      findings = {{RuleFamily::kPartner, Severity::kHigh}, {RuleFamily::kPartner, Severity::kHigh}};
    if (i % 997 == 996) findings = {{RuleFamily::kExportControl, Severity::kCritical}};
    const DocumentResult result = WithFindings("doc" + std::to_string(i) + ".txt", findings);
    clauses += findings.size();  // one clause per finding
    summary.Add(result);
    ASSERT_TRUE(writer->WriteDocument(result).ok());
  }
  ASSERT_TRUE(writer->WriteSummary(summary.summary()).ok());
  const std::string html = out.str();
  const std::vector<std::string> rows = RankedRows(html);
  ASSERT_EQ(rows.size(), 20u);
  // 20 critical documents (996, 1993, …, 19936) lead, in input order.
  for (int i = 0; i < 20; ++i) {
    EXPECT_NE(rows[i].find(">doc" + std::to_string(996 + 997 * i) + ".txt</a>"), std::string::npos)
        << i << ": " << rows[i];
  }
  EXPECT_NE(html.find("<p id=\"review-more\">and 19980 more document(s) need review"),
            std::string::npos);
  // The first flagged sections are in the page; the others wait in templates.
  const std::size_t first_template = html.find("<template class=\"more-docs\">");
  ASSERT_NE(first_template, std::string::npos);
  EXPECT_LT(html.find("id=\"doc-50\""), first_template);
  EXPECT_GT(html.find("id=\"doc-51\""), first_template);
  EXPECT_EQ(Count(html, "<template class=\"more-docs\">"),
            Count(html, "</template>") - Count(html, "<template class=\"more-rows\">"));
  EXPECT_NE(html.find("<span id=\"flagged-shown\" data-total=\"20000\">50 of 20000"),
            std::string::npos);
  EXPECT_NE(html.find("<span id=\"filter-count\" data-total=\"" + std::to_string(clauses) + "\">"),
            std::string::npos);
}

TEST(HtmlWriter, ARunWithFewDocumentsHasNoWaitingSections) {
  const std::string html = Write({WithFindings("a.pdf", {{RuleFamily::kPartner, Severity::kLow}})});
  EXPECT_EQ(html.find("<template"), std::string::npos);
  EXPECT_EQ(html.find("id=\"show-more-flagged\""), std::string::npos);
}

TEST(HtmlWriter, KeyboardUsersGetASkipLinkFocusableClausesAndTheKeysExplained) {
  const std::string html =
      Write({WithClause("a.pdf", "9.2 No export of 9A012 items.", {{"9A012", Severity::kHigh}})});
  EXPECT_NE(html.find("<body>\n<a class=\"skip-link\" href=\"#flagged-clauses\">"),
            std::string::npos);
  EXPECT_NE(html.find("<section id=\"flagged-clauses\" tabindex=\"-1\">"), std::string::npos);
  EXPECT_NE(html.find("id=\"doc-1-clause-1\" tabindex=\"-1\""), std::string::npos);
  EXPECT_NE(html.find("<span id=\"keys-help\">Keys: <kbd>j</kbd> or <kbd>n</kbd> next flagged "
                      "clause, <kbd>k</kbd> or <kbd>p</kbd> previous"),
            std::string::npos);
  EXPECT_NE(html.find("<a class=\"back-link\" href=\"#needs-review\">"), std::string::npos);
  const std::string script = Between(html, "<script>", "</script>");
  EXPECT_NE(script.find("tag === 'INPUT'"), std::string::npos) << "no keys while typing";
}

TEST(HtmlWriter, PrintStylesheetHidesControlsOpensDetailsAndBreaksPagesBetweenDocuments) {
  const std::string html = Write({});
  const std::string print = Between(html, "@media print {", "\n}\n");
  ASSERT_FALSE(print.empty());
  EXPECT_NE(print.find("#filters"), std::string::npos);
  EXPECT_NE(print.find("button"), std::string::npos);
  EXPECT_NE(print.find("section.document { break-before: page;"), std::string::npos);
  EXPECT_NE(print.find("details::details-content { content-visibility: visible;"),
            std::string::npos);
  EXPECT_NE(Between(html, "<script>", "</script>").find("beforeprint"), std::string::npos);
}

TEST(HtmlWriter, ShowsEscalationsAndReviewersNotesEscaped) {
  DocumentResult result =
      WithClause("a.pdf", "Items classified 3A001 are exported.", {{"3A001", Severity::kHigh}});
  Finding& finding = result.findings[0];
  finding.review_status = ReviewStatus::kEscalated;
  finding.waiver = AppliedWaiver{"eeee",
                                 "waivers.yaml:9",
                                 "B. Officer",
                                 "2026-12-05",
                                 "<b>end user</b> unclear",
                                 "",
                                 "",
                                 false,
                                 ReviewDecision::kEscalated};
  finding.notes = {AppliedWaiver{"dddd", "waivers.yaml:14", "C. Reader", "2026-12-06",
                                 "asked the partner", "", "", false, ReviewDecision::kNote}};
  const std::string html = Write({result});
  const std::string review = Between(html, "<td class=\"review review-escalated", "</td>");
  ASSERT_FALSE(review.empty());
  EXPECT_NE(review.find("escalated</span>"), std::string::npos) << review;
  EXPECT_NE(review.find("reason: &lt;b&gt;end user&lt;/b&gt; unclear"), std::string::npos);
  EXPECT_NE(review.find("<span class=\"badge note\">note</span>"), std::string::npos);
  EXPECT_NE(review.find("note: asked the partner"), std::string::npos);
  EXPECT_NE(review.find("by: C. Reader, 2026-12-06"), std::string::npos);
  // An escalated finding still needs review, and the verdict says it was escalated.
  ASSERT_EQ(RankedRows(html).size(), 1u);
  EXPECT_NE(
      html.find("<strong>1 need review</strong>, with 1 open finding(s) · 0 not fully screened "
                "· 0 finding(s) cleared by waivers · 1 escalated by reviewers</p>"),
      std::string::npos)
      << Between(html, "<p id=\"verdict-counts\">", "</p>");
}

}  // namespace
}  // namespace trustscreen::report
