// Document: what extraction makes of one input file, and its screening status.
//
// A Document is a plain value. Its text is UTF-8; pages are consecutive, non-overlapping byte
// ranges of that text in page order, separated by a form feed ('\f') that belongs to no page.
// Offsets anywhere in trustscreen (findings, clauses) are byte offsets into Document::text.
#ifndef TRUSTSCREEN_CORE_DOCUMENT_H_
#define TRUSTSCREEN_CORE_DOCUMENT_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace trustscreen {

enum class DocumentFormat {
  kUnknown,
  kPdf,
  kDocx,
  kText,
};

std::string_view ToString(DocumentFormat format);

// What happened to one input. Only kOk means "every page was read and screened"; every other status
// means the document was not (fully) screened and must never be reported as clean.
enum class DocumentStatus {
  kOk,           // fully extracted and screened
  kPartial,      // some pages or parts could not be read (reason says which)
  kEmpty,        // the file or its text layer holds no text at all
  kNeedsOcr,     // pages are images without a text layer
  kEncrypted,    // cannot be opened without a password
  kCorrupt,      // damaged or not what its type claims to be
  kUnsupported,  // a format trustscreen does not read
  kTooLarge,     // over a configured limit (size, pages)
  kTimeout,      // extraction exceeded its time limit
  kCrashed,      // the extractor failed unexpectedly
  kMissing,      // the path does not exist
  kUnreadable,   // exists but cannot be read (permissions, I/O error, not a regular file)
};

std::string_view ToString(DocumentStatus status);
std::optional<DocumentStatus> ParseDocumentStatus(std::string_view name);

// True only for kOk.
inline bool IsFullyScreened(DocumentStatus status) { return status == DocumentStatus::kOk; }

struct Page {
  int number = 0;          // 1-based page number as in the original file
  std::size_t begin = 0;   // byte range of this page in Document::text
  std::size_t end = 0;
  bool needs_ocr = false;  // the page has images but no text layer
};

struct Document {
  std::string path;         // as the user named it (or as found by the walk)
  std::string sha256;       // hex digest of the file's bytes; empty when unreadable
  std::uint64_t size_bytes = 0;
  DocumentFormat format = DocumentFormat::kUnknown;
  DocumentStatus status = DocumentStatus::kOk;
  std::string reason;       // human-readable; empty for kOk
  std::string text;         // UTF-8
  std::vector<Page> pages;  // formats without pages have one page covering all text
  std::uint64_t replaced_invalid_bytes = 0;  // invalid UTF-8 bytes replaced by U+FFFD

  // The 1-based page holding byte `offset`, or 0 when there are no pages.
  int PageAt(std::size_t offset) const;
};

}  // namespace trustscreen

#endif  // TRUSTSCREEN_CORE_DOCUMENT_H_
