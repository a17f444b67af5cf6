// The per-document work and the oneTBB pipeline around it.
#include <tbb/global_control.h>
#include <tbb/parallel_pipeline.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <chrono>
#include <exception>
#include <memory>
#include <thread>

#include "clause_excerpts.h"
#include "trustscreen/match/matcher.h"
#include "trustscreen/pipeline/scan.h"
#include "trustscreen/text/clauses.h"

namespace trustscreen::pipeline {
namespace {

double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// Gives each finding its clause, and lowers findings in a references section one band: a
// citation of prior work is weaker evidence than the same words in the scope of work.
void PlaceInClauses(const std::vector<text::Clause>& clauses, std::vector<Finding>& findings) {
  for (Finding& finding : findings) {
    const text::Clause* clause = text::ClauseAt(clauses, finding.begin);
    if (clause == nullptr) continue;
    finding.clause_ref = clause->ref;
    finding.clause_title = clause->title;
    finding.section = clause->section;
    finding.in_references = clause->references;
    if (clause->references && finding.severity > Severity::kInfo) {
      finding.severity = static_cast<Severity>(static_cast<int>(finding.severity) - 1);
      finding.modifiers.push_back("-references section");
    }
  }
}

// Matches one extracted document (not its members) and releases its text.
DocumentResult MatchOne(Document document, double extract_seconds,
                        const rules::CompiledRuleSet& rules) {
  DocumentResult result;
  result.document = std::move(document);
  result.extract_seconds = extract_seconds;
  // Partial documents are screened too: what was read is reported, and the status still says
  // the document was not fully screened.
  if (!result.document.text.empty()) {
    const auto start = std::chrono::steady_clock::now();
    Result<std::vector<Finding>> findings = match::MatchDocument(rules, result.document);
    result.match_seconds = SecondsSince(start);
    if (findings.ok()) {
      result.findings = std::move(findings).value();
      if (!result.findings.empty()) {
        const std::vector<text::Clause> clauses = text::SegmentClauses(result.document.text);
        PlaceInClauses(clauses, result.findings);
        // The flagged clauses' text outlives the document text, for the reports to show.
        result.clauses = MakeClauseExcerpts(result.document, clauses, result.findings);
      }
    } else {
      result.document.status = DocumentStatus::kCrashed;
      result.document.reason = "matching failed: " + findings.status().message();
    }
  }
  // The reports need only the flagged clauses' text; releasing the rest keeps memory flat over
  // long runs.
  std::string().swap(result.document.text);
  return result;
}

// Appends `document` and, depth first, the members of an archive, each as its own result.
void MatchTree(Document document, double extract_seconds, const rules::CompiledRuleSet& rules,
               std::vector<DocumentResult>& results) {
  std::vector<Document> members = std::move(document.members);
  document.members.clear();
  results.push_back(MatchOne(std::move(document), extract_seconds, rules));
  for (Document& member : members) MatchTree(std::move(member), 0, rules, results);
}

std::vector<DocumentResult> ScreenOne(const std::string& path, const rules::CompiledRuleSet& rules,
                                      const extract::ExtractOptions& extract_options) {
  std::vector<DocumentResult> results;
  try {
    const auto start = std::chrono::steady_clock::now();
    Document document = extract::ExtractFile(path, extract_options);
    MatchTree(std::move(document), SecondsSince(start), rules, results);
  } catch (const std::exception& error) {
    results.clear();
    results.emplace_back();
    results.back().document.path = path;
    results.back().document.status = DocumentStatus::kCrashed;
    results.back().document.reason = std::string("unexpected error: ") + error.what();
  } catch (...) {
    results.clear();
    results.emplace_back();
    results.back().document.path = path;
    results.back().document.status = DocumentStatus::kCrashed;
    results.back().document.reason = "unexpected error of unknown type";
  }
  return results;
}

}  // namespace

void ScreenFiles(const std::vector<std::string>& files, const rules::CompiledRuleSet& rules,
                 const extract::ExtractOptions& extract_options, int threads,
                 const std::function<void(DocumentResult&&)>& sink) {
  if (threads <= 0) threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  // Four tokens per thread keep every thread busy while a slow document holds the in-order sink
  // back, and bound how many documents (and their text) are in flight at once.
  const std::size_t max_tokens = static_cast<std::size_t>(threads) * 4;

  std::size_t next = 0;
  tbb::task_arena arena(threads);
  arena.execute([&] {
    tbb::parallel_pipeline(
        max_tokens,
        tbb::make_filter<void, std::size_t>(tbb::filter_mode::serial_in_order,
                                            [&](tbb::flow_control& control) -> std::size_t {
                                              if (next >= files.size()) {
                                                control.stop();
                                                return 0;
                                              }
                                              return next++;
                                            }) &
            tbb::make_filter<std::size_t, std::shared_ptr<std::vector<DocumentResult>>>(
                tbb::filter_mode::parallel,
                [&](std::size_t index) {
                  return std::make_shared<std::vector<DocumentResult>>(
                      ScreenOne(files[index], rules, extract_options));
                }) &
            tbb::make_filter<std::shared_ptr<std::vector<DocumentResult>>, void>(
                tbb::filter_mode::serial_in_order,
                [&](std::shared_ptr<std::vector<DocumentResult>> results) {
                  for (DocumentResult& result : *results) sink(std::move(result));
                }));
  });
}

}  // namespace trustscreen::pipeline
