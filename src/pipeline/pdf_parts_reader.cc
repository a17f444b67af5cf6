#include "pdf_parts_reader.h"

#include <algorithm>
#include <functional>
#include <utility>
#include <vector>

namespace trustscreen::pipeline {
namespace {

std::string PageRange(int first, int last) {
  return first == last ? "page " + std::to_string(first)
                       : "pages " + std::to_string(first) + "-" + std::to_string(last);
}

// Runs `read(i)` for i in [0, count) as jobs of `queue`; the answers in order.
template <typename Read>
std::vector<PartAnswer> ReadAll(PartQueue& queue, std::size_t count, const Read& read) {
  std::vector<PartAnswer> answers(count);
  std::vector<std::function<void()>> jobs;
  jobs.reserve(count);
  for (std::size_t i = 0; i < count; ++i) {
    jobs.push_back([&answers, &read, i] { answers[i] = read(i); });
  }
  queue.RunAll(std::move(jobs));
  return answers;
}

// The first failure among `answers`, its reason prefixed by what was being read.
std::optional<Document> FirstFailure(std::vector<PartAnswer>& answers,
                                     const std::function<std::string(std::size_t)>& what) {
  for (std::size_t i = 0; i < answers.size(); ++i) {
    if (!answers[i].failure) continue;
    Document failure = std::move(*answers[i].failure);
    failure.reason = what(i) + ": " + failure.reason;
    return failure;
  }
  return std::nullopt;
}

std::vector<std::string> Parts(std::vector<PartAnswer>& answers) {
  std::vector<std::string> parts;
  parts.reserve(answers.size());
  for (PartAnswer& answer : answers) parts.push_back(std::move(answer.part));
  return parts;
}

}  // namespace

Document ReadPdfInParts(extract::FileOrSplit plan, int range_pages, const PartReader& reader,
                        const extract::ExtractOptions& options, PartQueue& queue) {
  const int pages = plan.pdf_pages;
  range_pages = std::max(range_pages, 1);
  const auto first_of = [&](std::size_t range) {
    return static_cast<int>(range) * range_pages + 1;
  };
  const auto last_of = [&](std::size_t range) {
    return std::min(pages, first_of(range) + range_pages - 1);
  };
  std::vector<std::string> layout_parts = std::move(plan.layout_parts);
  if (layout_parts.empty()) {  // else laid out whole already: only OCR pages are left
    const std::size_t ranges = static_cast<std::size_t>((pages + range_pages - 1) / range_pages);
    std::vector<PartAnswer> layout = ReadAll(queue, ranges, [&](std::size_t range) {
      return reader.lay_out(first_of(range), last_of(range));
    });
    if (std::optional<Document> failure = FirstFailure(layout, [&](std::size_t range) {
          return PageRange(first_of(range), last_of(range));
        })) {
      return std::move(*failure);
    }
    layout_parts = Parts(layout);
  }
  const std::vector<int> ocr_pages = extract::PdfPagesToOcr(layout_parts, options);
  std::vector<PartAnswer> ocr =
      ReadAll(queue, ocr_pages.size(), [&](std::size_t i) { return reader.ocr(ocr_pages[i]); });
  if (std::optional<Document> failure = FirstFailure(
          ocr, [&](std::size_t i) { return "OCR of " + PageRange(ocr_pages[i], ocr_pages[i]); })) {
    return std::move(*failure);
  }
  extract::AssembleSplitPdf(layout_parts, Parts(ocr), options, plan.document);
  return std::move(plan.document);
}

}  // namespace trustscreen::pipeline
