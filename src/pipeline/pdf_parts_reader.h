// One long PDF read in page ranges spread over the pipeline's threads (extract/pdf_split.h): its
// ranges are laid out at once, each by whichever thread (and worker process) takes it first from
// the run's PartQueue, then its pages that need OCR are read one per job, and the document is put
// together in page order — the same Document a single extraction gives. With two threads and one
// 154-page document among short ones, the other thread no longer waits for it.
#ifndef TRUSTSCREEN_PIPELINE_PDF_PARTS_READER_H_
#define TRUSTSCREEN_PIPELINE_PDF_PARTS_READER_H_

#include <functional>
#include <optional>
#include <string>

#include "part_queue.h"
#include "trustscreen/core/document.h"
#include "trustscreen/extract/pdf_split.h"

namespace trustscreen::pipeline {

// A part of a PDF, or the Document saying why it could not be read (a worker that crashed, timed
// out, ran out of memory, or a stopped run).
struct PartAnswer {
  std::string part;
  std::optional<Document> failure;
};

// How parts are read: by worker processes (WorkerPool) or in this process.
struct PartReader {
  std::function<PartAnswer(int first, int last)> lay_out;
  std::function<PartAnswer(int page)> ocr;
};

// Reads plan.document's pages (plan.pdf_pages of them) in ranges of `range_pages` as jobs of
// `queue` (unless plan.layout_parts holds them already), then its OCR pages one per job. A part
// that fails makes the document that failure (its reason naming the pages).
Document ReadPdfInParts(extract::FileOrSplit plan, int range_pages, const PartReader& reader,
                        const extract::ExtractOptions& options, PartQueue& queue);

}  // namespace trustscreen::pipeline

#endif  // TRUSTSCREEN_PIPELINE_PDF_PARTS_READER_H_
