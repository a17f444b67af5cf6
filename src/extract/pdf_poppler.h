// Poppler plumbing for the PDF extractor: process-wide set-up, a per-thread error log, opening a
// document with the configured passwords, and the in-memory edits made before pages are laid out.
#ifndef TRUSTSCREEN_SRC_EXTRACT_PDF_POPPLER_H_
#define TRUSTSCREEN_SRC_EXTRACT_PDF_POPPLER_H_

#include <cstddef>
#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

class PDFDoc;

namespace trustscreen::extract::internal {

// Poppler reports problems through one process-wide callback without a user pointer. Errors are
// raised on the thread doing the work, so a thread-local sink gives each extraction its own log.
struct PopplerErrorLog {
  int count = 0;      // errors (not warnings) so far
  std::string first;  // the first error's message
};

// Installs `log` as this thread's sink for the lifetime of the object.
class ScopedErrorLog {
 public:
  explicit ScopedErrorLog(PopplerErrorLog* log);
  ~ScopedErrorLog();
  ScopedErrorLog(const ScopedErrorLog&) = delete;
  ScopedErrorLog& operator=(const ScopedErrorLog&) = delete;

 private:
  PopplerErrorLog* previous_;
};

// Sets up globalParams and the error callback once per process; safe to call from any thread.
void InitPopplerOnce();

// The result of OpenPdf: `doc` is null only when no PDFDoc could be built at all.
struct OpenedPdf {
  // Bytes of content streams replaced in memory (DropEmptySaves); Poppler's MemStream borrows
  // them (a deque: adding one moves none of the others). Declared before `doc`, so they outlive it.
  std::deque<std::string> replaced_contents;
  std::size_t replaced_bytes = 0;  // their total size
  // Set when Poppler had to reconstruct the cross-reference table, which it may do long after
  // opening (the first time it needs an object). Shared with the callback Poppler holds, so that
  // it stays valid when the OpenedPdf is moved; read it after the pages are read.
  std::shared_ptr<bool> xref_rebuilt = std::make_shared<bool>(false);
  std::unique_ptr<PDFDoc> doc;   // isOk() false when it could not be opened
  bool password_failed = false;  // encrypted and none of the passwords (nor "") opened it
};

// Opens `bytes` (borrowed: they must outlive the PDFDoc) with the empty password, then, if the
// document is encrypted, with each of `passwords` in order, as owner and user password.
OpenedPdf OpenPdf(std::string_view bytes, const std::vector<std::string>& passwords);

// Removes /OutputIntents from the in-memory catalog of `doc` (the file is not touched). Poppler
// 22.12 reads the output intent's ICC profile and rebuilds its lcms2 transforms for every page it
// lays out (Gfx::initDisplayProfile); colour never changes the text, and for PDF/A files this is
// most of the layout time. Must be called before the first page is displayed. Returns true if the
// catalog had output intents.
bool DropOutputIntents(PDFDoc& doc);

// Replaces the content streams of page `page_number` (1-based) in the in-memory XRef of pdf.doc by
// their decoded bytes without empty "q Q" pairs (pdf_content_filter.h), when a stream holds at
// least kMinEmptyPairs of them: Poppler copies the graphics state for every q, and some files
// hold tens of thousands per page. A stream whose one filter is /FlateDecode is replaced by its
// bytes inflated with zlib even without such pairs, within half of kMaxReplacedBytes: Debian's
// Poppler would inflate it again with its own, slower decoder. The file is not touched, and every
// later display of the page (layout, the ink probe, OCR rendering) reads the replacement. A
// stream that decodes with an error, or to more than kMaxFilteredStreamBytes, is left as it is,
// so that Poppler reports its errors in their usual place. The copies live as long as the
// document: once they hold kMaxReplacedBytes, further streams are left as they are (slow, but
// memory stays bounded for a long document whose pages each carry megabytes of drawing). Returns
// the pairs removed.
inline constexpr std::size_t kMinEmptyPairs = 256;
inline constexpr std::size_t kMaxFilteredStreamBytes = 64u << 20;
inline constexpr std::size_t kMaxReplacedBytes = 256u << 20;
std::size_t DropEmptySaves(OpenedPdf& pdf, int page_number);

}  // namespace trustscreen::extract::internal

#endif  // TRUSTSCREEN_SRC_EXTRACT_PDF_POPPLER_H_
