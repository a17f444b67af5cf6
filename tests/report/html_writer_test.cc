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
  EXPECT_NE(html.find("<article class=\"clause sev-high\" id=\"doc-1-clause-1\" "
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
}

}  // namespace
}  // namespace trustscreen::report
