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
  kPng,   // the raster images, kPng to kBmp: read by OCR (ExtractImage)
  kJpeg,
  kTiff,  // "II*\0" / "MM\0*" (not BigTIFF)
  kGif,
  kWebp,
  kJpeg2000,
  kBmp,  // "BM" with a known DIB header size
  kGzip,
  kBzip2,
  kXz,
  kZstd,
  kSevenZip,
  kRar,
  kTar,         // "ustar" at offset 257
  kTnef,        // 78 9F 3E 22: a TNEF (winmail.dat) stream
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
// Decodes plain text as ExtractText does (UTF-8 with invalid bytes replaced, UTF-16 with a BOM, or
// Windows-1252), appending it to `text` and setting doc.encoding and doc.replaced_invalid_bytes;
// `note` says when the encoding was a guess or bytes were replaced. False, with the document
// unsupported, for binary content (NUL bytes).
bool DecodePlainText(std::string_view bytes, Document& doc, std::string& text, std::string& note);
// CSV and TSV files: rows of cells laid out as a sheet (csv_extractor.cc).
void ExtractCsv(std::string_view bytes, const ExtractOptions& options, Document& doc);
// XML without a reader of its own: its character data (xml_extractor.cc).
void ExtractXml(std::string_view bytes, const ExtractOptions& options, Document& doc);

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

// ExtractBytes for bytes inside an archive or a message (a member): same result, under `budget`.
// `known` is the member's format when its container says what it is (an attached message is kEml)
// and content sniffing could miss it; kUnknown sniffs the content as for a file.
Document ExtractMember(std::string_view bytes, std::string path, const ExtractOptions& options,
                       ArchiveBudget& budget, DocumentFormat known = DocumentFormat::kUnknown);

// The status of an archive whose members were listed (ZIP and libarchive alike): too_large when a
// member in it, or in an archive nested in it, was refused because the input's decompression
// budget ran out (`refused_before` is budget.refused_for_budget when the archive was opened);
// else `cut_status` when the listing stopped early (kOk when it did not); else partial when a
// member is not fully screened; else ok. `summary` ("2 of 14 members not fully screened", with
// why the listing stopped) ends the reason.
void SetArchiveOutcome(const ArchiveBudget& budget, std::uint64_t refused_before,
                       DocumentStatus cut_status, int not_screened, const std::string& summary,
                       const ExtractOptions& options, Document& doc);

// A ZIP container (zip_extractor.cc): opens it and hands a DOCX (word/document.xml), XLSX
// (xl/workbook.xml), PPTX (ppt/presentation.xml) or ODT/ODS/ODP ("mimetype") package to its
// extractor, gives other packages (EPUB, other OpenDocument types, …) unsupported with a hint, and
// screens any other archive member by member (format kZip, Document::members).
void ExtractZip(std::string_view bytes, const ExtractOptions& options, ArchiveBudget& budget,
                Document& doc);
// Other archives (tar, 7z, RAR) and compressed single files (gzip, bzip2, xz, zstd)
// with libarchive, member by member under the same limits (archive_extractor.cc).
void ExtractOtherArchive(std::string_view bytes, const ExtractOptions& options,
                         ArchiveBudget& budget, Document& doc);

// E-mail (mail_extractor.cc, with GMime; see mail_message.h for the layout of a message): an
// RFC 5322/MIME message, its attachments screened as members; an mbox folder, each message a
// member "folder.mbox!/0001.eml". Limits: max_mime_depth, max_mime_parts, and the archive limits
// for attachments and messages.
void ExtractEml(std::string_view bytes, const ExtractOptions& options, ArchiveBudget& budget,
                Document& doc);
void ExtractMbox(std::string_view bytes, const ExtractOptions& options, ArchiveBudget& budget,
                 Document& doc);
// A TNEF stream (tnef_extractor.cc): its message text and its attachments as members.
void ExtractTnef(std::string_view bytes, const ExtractOptions& options, ArchiveBudget& budget,
                 Document& doc);

// An OLE2 compound file (ole_extractor.cc): opens it and hands it to the reader of what it holds,
// decided by its streams, not its name: WordDocument -> .doc, Workbook/Book -> .xls,
// "PowerPoint Document" -> .ppt; EncryptionInfo (a password-protected OOXML file) -> encrypted;
// Outlook property streams -> .msg; anything else unsupported with a hint. A container that
// cannot be opened is corrupt. Stream reads are charged to budget.decompressed_bytes_left.
void ExtractOle(std::string_view bytes, const ExtractOptions& options, ArchiveBudget& budget,
                Document& doc);

// Word for Windows 2.0 predates OLE2: the file is the bare document (doc_extractor.cc).
// IsWord2Document checks its header (wIdent 0xA5DB); ExtractWord2 reads it as a .doc (fast-saved
// files are unsupported).
bool IsWord2Document(std::string_view bytes);
void ExtractWord2(std::string_view bytes, Document& doc);

// Excel 2.x-4.0 worksheets predate OLE2: the file is a bare BIFF2-4 record stream
// (xls_extractor.cc). IsOldExcelWorksheet checks its BOF record; ExtractOldExcel reads its cells
// like a sheet of an .xls (one Page labelled with the file's stem), numbers without formats.
bool IsOldExcelWorksheet(std::string_view bytes);
void ExtractOldExcel(std::string_view bytes, const ExtractOptions& options, Document& doc);

// True for the raster image magics (kPng to kBmp); their name in reasons ("PNG", "JPEG 2000").
bool IsImageMagic(Magic magic);
std::string_view ImageFormatName(Magic magic);

// A raster image file (image_extractor.cc; `magic` as sniffed, an image magic): format kImage,
// read by OCR as picture_ocr.h reads pictures, one Page per frame. See the "Images" notes in
// extract.h for its statuses.
void ExtractImage(std::string_view bytes, Magic magic, const ExtractOptions& options,
                  Document& doc);

// Sets status and reason for content that no extractor reads (format kUnknown), with a hint for
// the formats recognised by their magic bytes.
void DescribeUnsupported(const Sniffed& sniffed, Document& doc);

// Sets a failure status and reason and drops whatever text, pages and blocks were extracted, so a
// failed document never carries half its text into matching.
void FailDocument(Document& doc, DocumentStatus status, std::string reason);

// "41.0": confidences and seconds in reasons, one decimal.
std::string OneDecimal(double value);

// "12 bytes", "3.4 KiB", "256 MiB": sizes in reasons.
std::string FormatByteSize(std::uint64_t bytes);

// "page 3", "pages 3, 7, 10-12": ascending 1-based page numbers in reasons.
std::string FormatPageList(const std::vector<int>& pages);

}  // namespace trustscreen::extract::internal

#endif  // TRUSTSCREEN_SRC_EXTRACT_EXTRACTORS_H_
