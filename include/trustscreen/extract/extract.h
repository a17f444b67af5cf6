// Extraction: the bytes of one input file -> a Document with text, pages and a status.
//
// Where it sits: first step of the per-document work, before matching. Type is detected from the
// content (magic bytes), not the file name, except that plain text is only accepted for the text
// extensions listed by IsTextExtension(). Failures never throw: they become the Document's status
// (encrypted, corrupt, unsupported, too_large, empty, needs_ocr, …) with a reason naming the file
// and what is wrong.
//
// Thread-safety: all functions are safe to call concurrently on different inputs.
#ifndef TRUSTSCREEN_EXTRACT_EXTRACT_H_
#define TRUSTSCREEN_EXTRACT_EXTRACT_H_

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "trustscreen/core/document.h"

namespace trustscreen::extract {

// Bumped whenever a change to extraction can change the text produced (cache key, run header).
inline constexpr std::string_view kExtractorVersion = "1";

struct ExtractOptions {
  std::uint64_t max_file_bytes = 256ull << 20;  // larger files -> too_large
  int max_pages = 5000;                          // more pages -> partial (first max_pages read)
};

// Format from the first bytes of the content and, for plain text only, the file name.
DocumentFormat SniffFormat(std::string_view head, std::string_view path);

// Extensions read as plain text (lower-case, with the dot): .txt .text .md .tex .csv .tsv ...
bool IsTextExtension(std::string_view path);

// Reads and extracts one file. Sets path, size, sha256, format, status, reason, text and pages.
Document ExtractFile(const std::filesystem::path& path, const ExtractOptions& options);

// Extracts an in-memory file; `path` is used for messages and the text-extension check.
Document ExtractBytes(std::string_view bytes, std::string path, const ExtractOptions& options);

}  // namespace trustscreen::extract

#endif  // TRUSTSCREEN_EXTRACT_EXTRACT_H_
