// Extraction: the bytes of one input file -> a Document with text, pages and a status.
//
// Where it sits: first step of the per-document work, before matching. Type is detected from the
// content (magic bytes), not the file name, except that plain text is only accepted for the text
// extensions listed by IsTextExtension(). Failures never throw: they become the Document's status
// (encrypted, corrupt, unsupported, too_large, empty, needs_ocr, …) with a reason saying what is
// wrong. The reason does not repeat the path; callers prefix it when printing.
//
// Formats:
//   PDF   Poppler (core API), text in reading order, one Page per PDF page. A page without text
//         that draws an image (16x16 pixels or more) or many dark filled shapes (text turned into
//         outlines) gets Page::needs_ocr; the document is then needs_ocr (no page has text) or
//         partial (some pages have text). A page that draws nothing, or only white fills and a
//         few rules, is blank and needs no OCR. A document with only blank pages is empty.
//   DOCX  word/document.xml of the package (body paragraphs, tables, tracked deletions), one Page.
//         Headers, footers, footnotes and comments are not read yet.
//   text  UTF-8 (BOM stripped; invalid bytes replaced by U+FFFD and counted) or UTF-16 with a BOM,
//         one Page. Only for the extensions of IsTextExtension().
// Everything else is unsupported, with a hint for formats we recognise (legacy .doc, RTF, other
// Office/ZIP formats, gzip). Exceptions: a file named .pdf or .docx whose content is not that
// format is corrupt; an image file is needs_ocr; a password-protected Office file is encrypted.
//
// Thread-safety: all functions are safe to call concurrently on different inputs. The first call
// initialises Poppler's and libxml2's process-wide state once; Poppler's error output is
// redirected for the whole process (extraction reports errors through Document::reason).
// Extraction of hostile files runs in-process here: isolation against crashes and hangs is the
// pipeline's job (worker processes).
#ifndef TRUSTSCREEN_EXTRACT_EXTRACT_H_
#define TRUSTSCREEN_EXTRACT_EXTRACT_H_

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "trustscreen/core/document.h"

namespace trustscreen::extract {

// Bumped whenever a change to extraction can change the text produced (cache key, run header).
inline constexpr std::string_view kExtractorVersion = "1";

// How many leading bytes SniffFormat() looks at; passing fewer may miss a late "%PDF-" header.
inline constexpr std::size_t kSniffBytes = 4096;

struct ExtractOptions {
  std::uint64_t max_file_bytes = 256ull << 20;  // larger files -> too_large
  int max_pages = 5000;                         // more pages -> partial (first max_pages read)
};

// Format from the first bytes of the content and, for plain text only, the file name:
//   "%PDF-" at the start (or within the first 1024 bytes, unless the name has a text extension)
//   -> kPdf; a ZIP archive -> kDocx (whether it really is a DOCX is decided when it is opened);
//   a text extension and no NUL bytes in `head` (or a UTF-16 BOM) -> kText; else kUnknown.
// A DOCX named .pdf is kDocx: content wins over the name.
DocumentFormat SniffFormat(std::string_view head, std::string_view path);

// True for the extensions read as plain text, compared case-insensitively:
// .txt .text .md .markdown .tex .csv .tsv .rst .log .bib
bool IsTextExtension(std::string_view path);

// Reads and extracts one file. Sets path, size, sha256, format, status, reason, text and pages.
// The file is stat'ed first: missing -> kMissing; a directory or special file -> kUnreadable;
// larger than options.max_file_bytes -> kTooLarge without reading it (sha256 stays empty);
// a read error -> kUnreadable; 0 bytes -> kEmpty.
Document ExtractFile(const std::filesystem::path& path, const ExtractOptions& options);

// Extracts an in-memory file; `path` is used for the text-extension check and copied into the
// Document. Sets the same fields as ExtractFile (sha256 and size of `bytes`).
Document ExtractBytes(std::string_view bytes, std::string path, const ExtractOptions& options);

}  // namespace trustscreen::extract

#endif  // TRUSTSCREEN_EXTRACT_EXTRACT_H_
