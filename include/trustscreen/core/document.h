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
  kOdt,
  kHtml,
  kRtf,
  kText,
  kZip,      // an archive: its members are screened as documents of their own
  kDoc,      // Word 97-2003 (and Word 6/95) binary document
  kXlsx,     // Excel workbook (Office Open XML)
  kXls,      // Excel 97-2003 (BIFF) workbook
  kOds,      // OpenDocument spreadsheet
  kPptx,     // PowerPoint presentation (Office Open XML)
  kPpt,      // PowerPoint 97-2003 presentation
  kOdp,      // OpenDocument presentation
  kEml,      // an RFC 5322 / MIME message: its attachments are members, like an archive's
  kMbox,     // an mbox folder: each message is a member
  kMsg,      // an Outlook message (OLE compound file): its attachments are members
  kTnef,     // a TNEF (winmail.dat) envelope: its attachments are members
  kCsv,      // comma- (or tab-, semicolon-) separated values: rows of cells, like a sheet
  kXml,      // XML without a reader of its own: its character data
  kArchive,  // tar, 7z, RAR… or a gzip/bzip2/xz-compressed file: members, like a ZIP archive's
  // A raster image file (PNG, JPEG, TIFF, GIF, BMP, WebP, JPEG 2000) read by OCR: a page per
  // frame (the pages of a multi-page TIFF).
  kImage,
};

// The last DocumentFormat value, for code that walks every value.
inline constexpr DocumentFormat kLastDocumentFormat = DocumentFormat::kImage;

std::string_view ToString(DocumentFormat format);
std::optional<DocumentFormat> ParseDocumentFormat(std::string_view name);

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
  kNotScreened,  // never reached: the run was interrupted, or its shard did not finish
};

std::string_view ToString(DocumentStatus status);
std::optional<DocumentStatus> ParseDocumentStatus(std::string_view name);

// True only for kOk.
inline bool IsFullyScreened(DocumentStatus status) { return status == DocumentStatus::kOk; }

// Where the text of a page came from.
enum class TextSource {
  kTextLayer,  // the file's own text (PDF text layer, DOCX runs, ...)
  kOcr,        // recognised by OCR from the rendered page image
};

std::string_view ToString(TextSource source);  // "text_layer", "ocr"
std::optional<TextSource> ParseTextSource(std::string_view name);

struct Page {
  int number = 0;         // 1-based page number as in the original file (sheet, slide: its index)
  std::size_t begin = 0;  // byte range of this page in Document::text
  std::size_t end = 0;
  // The page was not reliably read: images without a text layer, an unreadable text layer, or OCR
  // text whose confidence is below the threshold (then source is kOcr and the text is kept).
  bool needs_ocr = false;
  TextSource source = TextSource::kTextLayer;
  // kOcr only: Tesseract's mean word confidence on this page, 0-100; 0 for kTextLayer.
  double ocr_confidence = 0;
  // What a reader calls this page when it is not a printed page: a worksheet's name
  // ("Partners"), "slide 3", "picture word/media/image1.png" (a picture read by OCR); empty for
  // PDF pages and flowing text.
  std::string label = {};
};

// Where a piece of text came from inside its document. Deleted text (a tracked deletion) is still
// screened: a clause struck out in negotiation matters to a reviewer.
enum class TextPart {
  kBody,
  kTable,
  kHeader,
  kFooter,
  kFootnote,
  kEndnote,
  kComment,
  kTextBox,
  kDeleted,
  kInserted,
  kNotes,  // a slide's speaker notes
};

// The last TextPart value, for code that walks every value.
inline constexpr TextPart kLastTextPart = TextPart::kNotes;

std::string_view ToString(TextPart part);

// A paragraph-like run of Document::text with its origin. Blocks are in text order and do not
// overlap; text outside every block (separators) belongs to no block.
struct TextBlock {
  std::size_t begin = 0;
  std::size_t end = 0;
  TextPart part = TextPart::kBody;
  std::string label;      // list label as displayed ("12.3", "(b)", "Article IV"); empty if none
  int heading_level = 0;  // 1.. for headings (style or layout), 0 for ordinary text
  // Where inside its page the block sits when a reader names it: a spreadsheet cell ("B12");
  // empty otherwise. Findings join it to the page label ("Partners!B12").
  std::string locator = {};
};

// Measures of how trustworthy the extracted text is.
struct TextQuality {
  double replacement_share = 0;  // share of characters that are U+FFFD
  double nonword_share = 0;      // share of word-like tokens that are not plausible words
};

struct Document {
  std::string path;    // as the user named it (or as found by the walk)
  std::string sha256;  // hex digest of the file's bytes; empty when unreadable
  std::uint64_t size_bytes = 0;
  DocumentFormat format = DocumentFormat::kUnknown;
  DocumentStatus status = DocumentStatus::kOk;
  std::string reason;       // human-readable; empty for kOk
  std::string text;         // UTF-8
  std::vector<Page> pages;  // formats without pages have one page covering all text
  std::uint64_t replaced_invalid_bytes = 0;  // invalid UTF-8 bytes replaced by U+FFFD
  std::string encoding;                      // source encoding of text formats ("utf-8", ...)
  std::vector<TextBlock> blocks;             // optional: origin of each paragraph
  TextQuality quality;
  // A failure a later run may not repeat (OCR timed out, or Tesseract's language data is not
  // installed): the status is honest, but the result must not be cached.
  bool transient_failure = false;
  // Archives only: one Document per member, path "bundle.zip!/folder/inner.pdf"; the archive's
  // own status says whether every member could be listed and opened.
  std::vector<Document> members;

  // The 1-based page holding byte `offset`, or 0 when there are no pages.
  int PageAt(std::size_t offset) const;
  // The page record holding byte `offset`, or nullptr when there are no pages.
  const Page* PageRecordAt(std::size_t offset) const;
};

}  // namespace trustscreen

#endif  // TRUSTSCREEN_CORE_DOCUMENT_H_
