// Internal interface of the extract module: content sniffing details and one function per format.
//
// Each Extract* function fills `doc` (format, status, reason, text, pages) for bytes already
// sniffed as its format. They may throw (std::bad_alloc, or a third-party exception); the public
// entry points in extract.cc catch everything and turn it into DocumentStatus::kCrashed.
#ifndef TRUSTSCREEN_SRC_EXTRACT_EXTRACTORS_H_
#define TRUSTSCREEN_SRC_EXTRACT_EXTRACTORS_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "trustscreen/core/document.h"
#include "trustscreen/extract/extract.h"

namespace trustscreen::extract::internal {

// What the magic bytes say, finer than DocumentFormat so that unsupported files get a useful hint.
enum class Magic {
  kNone,  // nothing recognised
  kPdf,   // "%PDF-"
  kZip,   // "PK\3\4" / "PK\5\6": DOCX, XLSX, ODT, plain ZIP …
  kOle,   // OLE2 compound file: legacy .doc/.xls/.ppt, or an encrypted OOXML file
  kRtf,   // "{\rtf"
  kPng,
  kJpeg,
  kTiff,
  kGif,
  kWebp,
  kJpeg2000,
  kGzip,
  kUtf16Bom,    // FF FE or FE FF: UTF-16 text (only accepted with a text extension)
  kBinaryText,  // a text extension, but NUL bytes in the content
};

struct Sniffed {
  DocumentFormat format = DocumentFormat::kUnknown;
  Magic magic = Magic::kNone;
};

// Classifies `head` (the first kSniffBytes bytes or more) with `path` for the text-extension check.
Sniffed SniffContent(std::string_view head, std::string_view path);

// The lower-cased extension of `path` with its dot (".pdf"), or "" when there is none.
std::string LowerExtension(std::string_view path);

// True for .html, .htm and .xhtml (case-insensitive).
bool IsHtmlExtension(std::string_view path);

// The text extensions as one display string: ".txt .text .md …".
std::string_view TextExtensionList();

void ExtractPdf(std::string_view bytes, const ExtractOptions& options, Document& doc);
// DOCX and ODT take the whole file's bytes (a ZIP package); a package that turns out not to be one
// gets a status and reason of its own. Limits: options.max_decompressed_bytes,
// max_compression_ratio and max_xml_depth.
void ExtractDocx(std::string_view bytes, const ExtractOptions& options, Document& doc);
void ExtractOdt(std::string_view bytes, const ExtractOptions& options, Document& doc);
// Spreadsheets and slides (XLSX, ODS, PPTX, ODP) take the whole package too: one Page per sheet
// or slide (see sheet_text.h). Limits: as DOCX, plus max_sheet_cells, max_cells and max_pages.
void ExtractXlsx(std::string_view bytes, const ExtractOptions& options, Document& doc);
void ExtractOds(std::string_view bytes, const ExtractOptions& options, Document& doc);
void ExtractPptx(std::string_view bytes, const ExtractOptions& options, Document& doc);
void ExtractOdp(std::string_view bytes, const ExtractOptions& options, Document& doc);
void ExtractHtml(std::string_view bytes, const ExtractOptions& options, Document& doc);
void ExtractRtf(std::string_view bytes, Document& doc);
void ExtractText(std::string_view bytes, Document& doc);

// What the archives of one input have used up so far. One budget is shared by the whole tree of
// archives nested in one file, so that limits hold for the input, not per archive.
struct ArchiveBudget {
  explicit ArchiveBudget(const ExtractOptions& options)
      : decompressed_bytes_left(options.max_decompressed_bytes) {}
  int depth = 0;                          // archives enclosing the bytes being extracted
  std::uint64_t members = 0;              // members listed so far
  std::uint64_t decompressed_bytes_left;  // of options.max_decompressed_bytes
  std::uint64_t refused_for_budget = 0;   // members refused because the budget ran out
};

// ExtractBytes for bytes inside an archive (a member): same result, under `budget`.
Document ExtractMember(std::string_view bytes, std::string path, const ExtractOptions& options,
                       ArchiveBudget& budget);

// A ZIP container (zip_extractor.cc): opens it and hands a DOCX (word/document.xml), XLSX
// (xl/workbook.xml), PPTX (ppt/presentation.xml) or ODT/ODS/ODP ("mimetype") package to its
// extractor, gives other packages (EPUB, other OpenDocument types, …) unsupported with a hint, and
// screens any other archive member by member (format kZip, Document::members).
void ExtractZip(std::string_view bytes, const ExtractOptions& options, ArchiveBudget& budget,
                Document& doc);

// Sets status and reason for content that no extractor reads (format kUnknown), with a hint for
// the formats recognised by their magic bytes.
void DescribeUnsupported(std::string_view bytes, const Sniffed& sniffed, Document& doc);

// Sets a failure status and reason and drops whatever text, pages and blocks were extracted, so a
// failed document never carries half its text into matching.
void FailDocument(Document& doc, DocumentStatus status, std::string reason);

// "12 bytes", "3.4 KiB", "256 MiB": sizes in reasons.
std::string FormatByteSize(std::uint64_t bytes);

// "page 3", "pages 3, 7, 10-12": ascending 1-based page numbers in reasons.
std::string FormatPageList(const std::vector<int>& pages);

}  // namespace trustscreen::extract::internal

#endif  // TRUSTSCREEN_SRC_EXTRACT_EXTRACTORS_H_
