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
//         A page whose text is mostly not words (> 30% of 40+ tokens: private-use glyphs, U+FFFD,
//         letters mixed with symbols — a font without a usable encoding) also gets needs_ocr
//         ("text layer unreadable (broken font encoding?) on pages …"); Document::quality holds
//         the shares. Text is normalised while it is built (ligatures expanded; soft hyphens and
//         zero-width characters dropped; words hyphenated at line ends rejoined). One TextBlock per
//         paragraph (Poppler block; blocks separated by a blank line); lines repeated at the top or
//         bottom of most pages (digits ignored) are kHeader/kFooter blocks; short bold or larger
//         lines have heading_level 1. Encrypted: the empty password, then options.passwords.
//   DOCX  every story, one Page, in this order: body (with tables, text boxes, tracked insertions
//         and deletions, field results but not field instructions), headers, footers, footnotes,
//         endnotes, comments — parts found through the package relationships. One TextBlock per
//         paragraph (or per run of one part inside it: a tracked deletion is its own kDeleted
//         block), tagged with its TextPart; list labels as Word displays them (numbering.xml,
//         styles.xml) are written before the paragraph text ("12.3\t…") and kept in
//         TextBlock::label; headings (Heading1-9, Title, outline levels) set heading_level. A part
//         other than the body that cannot be read makes the document partial.
//   ODT   content.xml (paragraphs, headings, numbered lists, tables, text boxes, notes,
//         annotations, tracked changes) and the master pages' headers and footers, one Page, same
//         order and blocks as DOCX.
//   DOCX/ODT XML: no DTD is accepted (corrupt), no entity is expanded, nothing is fetched;
//         elements nested deeper than max_xml_depth -> too_large (partial if text came before).
//   HTML  content starting with "<!DOCTYPE html" or "<html" (after a BOM, white space, an XML
//         declaration or comments), or a .html/.htm/.xhtml name: libxml2's HTML parser, no network;
//         script, style, template, noscript and the head (except its title) skipped; block
//         elements end paragraphs, h1-h6 set heading_level, table cells are kTable blocks.
//         Encoding from a BOM or <meta charset>, else UTF-8, else Windows-1252 as for text.
//   RTF   a small reader: text, \par/\line/\tab, \'hh (cp1252) and \uN escapes; font, colour and
//         style tables, info, pictures, objects and {\*…} destinations skipped.
//   text  UTF-8 (BOM stripped; invalid bytes replaced by U+FFFD and counted), UTF-16 with a BOM, or
//         Windows-1252 when more than 2% of the non-ASCII sequences are not UTF-8 (status ok,
//         reason "decoded as Windows-1252 (not valid UTF-8)"), one Page. Only for the extensions
//         of IsTextExtension(). Document::encoding names the encoding read ("utf-8", "utf-16le",
//         "utf-16be", "windows-1252") for text, HTML and RTF.
//   ZIP   an archive of documents (a ZIP that is not a DOCX, ODT, XLSX, PPTX, EPUB or other
//         package): format zip, text empty, one Document in `members` per file member, sorted by
//         name, directories skipped, path "bundle.zip!/folder/inner.pdf" (nested archives:
//         "a.zip!/b.zip!/c.docx"), each extracted like a file of its own (sha256, format, status).
//         Member names are sanitised for display (control characters -> '?') and never used to
//         write anything. A member that cannot be read is encrypted (ZIP password), unsupported
//         (compression method) or too_large (a limit below); the archive is then partial ("2 of
//         14 members not fully screened"), or too_large when the input's decompression budget
//         ran out, or when it has too many members (then no member is listed). An archive whose
//         directory cannot be read is corrupt. Limits: max_archive_depth, max_archive_members,
//         max_member_bytes, max_decompressed_bytes, max_compression_ratio; members are
//         decompressed in chunks and never beyond a limit, whatever the ZIP headers declare.
//   OLE2  legacy Office files are OLE2 compound files (opened with libgsf), classified by their
//         streams, not their name (an Excel workbook named .doc is read as a workbook):
//   DOC   Word 97-2003 and Word 6/95 (WordDocument stream), and Word 2.0 (no container): every
//         story through the piece table, one Page, in this order: body (with table cells as
//         kTable), text boxes, headers and footers, footnotes, endnotes, comments; tracked
//         deletions and insertions (Word 97+) as kDeleted/kInserted blocks; field instructions
//         dropped, field results kept; list numbers are not generated. Word 6/95/2.0 mark no
//         tables or tracked changes (reason says so). Password-protected (fEncrypted) ->
//         encrypted; fast-saved Word 2.0 -> unsupported.
//   XLS   Excel 97-2003 (BIFF8) and 5/95 (BIFF5), and Excel 2-4 worksheets (no container): one
//         Page per sheet (number = sheet index, label = sheet name; hidden sheets read, and named
//         in the reason), one line per row, cells separated by '\t', each non-empty cell a
//         kTable TextBlock with its A1 locator ("B12"); shared and inline strings, numbers as
//         shown (general, date, time, percent formats), booleans, errors, cached formula
//         results; cell comments after the sheet's cells as kComment blocks with the cell's
//         locator, then text boxes drawn on the sheet as kTextBox. Charts and VBA modules
//         skipped. FILEPASS -> encrypted. More than
//         max_sheet_cells cells in a sheet -> partial.
//   PPT   PowerPoint 97-2003: slides in order through the persist directory, one Page each
//         (label "slide N"): placeholder and shape text (tables, groups) as kBody, speaker notes
//         as kNotes, comments as kComment. PowerPoint 95: the Text_Content copy, one Page.
//         Encrypted -> encrypted. More than max_pages slides -> partial.
//   OLE2 files that are none of these: a password-protected DOCX/XLSX/PPTX (EncryptionInfo) ->
//         encrypted; an Outlook .msg -> unsupported with a hint; anything else unsupported,
//         naming the container's entries; a container that cannot be opened -> corrupt. Every
//         stream read counts against max_decompressed_bytes.
// OCR (PDF only; ExtractOptions::ocr): a page that needs OCR (above: images or outlined text
//         without a text layer, or an unreadable text layer) is rendered with Poppler's Splash
//         rasteriser (8-bit grey, ocr_dpi) and read by Tesseract (ocr_languages); its lines go
//         through the same text building as a text layer (blocks, headers, hyphenation), and the
//         Page gets source kOcr and ocr_confidence (Tesseract's mean word confidence, 0-100).
//         A page read with confidence >= ocr_min_confidence no longer needs OCR; below it the text
//         is kept and screened, but the page keeps needs_ocr and the document is partial
//         ("OCR confidence low on page 3 (41.0)…") — low-quality OCR never makes a document
//         clean. A page where OCR finds no words, runs out of ocr_page_timeout_seconds, or
//         cannot run (language data not installed, bad language name) keeps needs_ocr and the
//         reason says why; timeouts and missing language data set Document::transient_failure.
//         OcrMode::kAlways reads every page that draws anything, and OCR text replaces a page's
//         text layer when it is confident (or the text layer is unreadable).
//         One Tesseract instance per ExtractPdf call: thread-safe, nothing shared but Tesseract's
//         read-only globals (set once).
// Everything else is unsupported, with a hint for formats we recognise (other Office/ZIP
// formats, gzip). Exceptions: a file named .pdf or .docx whose content is not that format is
// corrupt; an image file is needs_ocr; a password-protected Office file is encrypted.
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
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "trustscreen/core/document.h"

namespace trustscreen::extract {

// Bumped whenever a change to extraction can change the text produced (cache key, run header).
inline constexpr std::string_view kExtractorVersion = "6";

// How many leading bytes SniffFormat() looks at; passing fewer may miss a late "%PDF-" header.
inline constexpr std::size_t kSniffBytes = 4096;

// When PDF pages are read with OCR (see the format notes above).
enum class OcrMode {
  kNever,   // pages without a usable text layer stay needs_ocr
  kAuto,    // only pages without a usable text layer (default)
  kAlways,  // every page that draws anything
};

std::string_view ToString(OcrMode mode);  // "never", "auto", "always"
std::optional<OcrMode> ParseOcrMode(std::string_view name);

// True if `languages` is a Tesseract language list: names of [A-Za-z0-9_] joined by '+'
// ("eng", "eng+chi_sim"). Anything else (paths, empty names) is refused before Tesseract sees it.
bool IsValidOcrLanguageList(std::string_view languages);

// "tesseract 5.3.0": the OCR engine linked in; part of the cache key, since another version may
// read the same image differently.
std::string OcrEngineVersion();

struct ExtractOptions {
  std::uint64_t max_file_bytes = 256ull << 20;  // larger files -> too_large
  int max_pages = 5000;                         // more pages -> partial (first max_pages read)
  // PDF passwords, tried in order (each as owner and as user password) when a PDF does not open
  // with the empty password. Empty: only the empty password is tried.
  std::vector<std::string> passwords;
  // PDF: keep the catalog's /OutputIntents (ICC colour management) while laying out pages. Colour
  // never changes the text, and Poppler rebuilds the colour transforms on every page, so they are
  // dropped by default; true only to verify that (tests) or to compare timings.
  bool pdf_keep_output_intents = false;
  // ZIP-based formats (DOCX, ODT, archives): total bytes decompressed from one file, and the
  // largest compression ratio accepted for a member over 10 MiB -> too_large (zip bomb guard).
  std::uint64_t max_decompressed_bytes = 512ull << 20;
  std::uint64_t max_compression_ratio = 100;
  // XML and HTML: deeper element nesting -> too_large.
  int max_xml_depth = 256;
  // ZIP archives (format zip), screened member by member (see ExtractBytes):
  //   an archive nested deeper than max_archive_depth archives -> that member too_large;
  //   more than max_archive_members members in one input (nested archives included) -> the
  //   archive too_large, no member read;
  //   a member that decompresses to more than max_member_bytes -> that member too_large.
  // max_decompressed_bytes and max_compression_ratio above apply to archive members as well,
  // the total counting every member of every nested archive of one input.
  int max_archive_depth = 3;
  std::uint64_t max_archive_members = 10000;
  std::uint64_t max_member_bytes = 256ull << 20;
  // Spreadsheets: more non-empty cells in one sheet -> the document partial, the rest of the
  // sheet not read (Excel 97-2003 allows 16.7 million; a hostile file can repeat one cell record
  // referencing a long shared string).
  std::uint64_t max_sheet_cells = 1000000;
  // OCR of PDF pages (see the OCR notes above). Every field below changes the text produced and
  // is part of the cache key.
  OcrMode ocr = OcrMode::kAuto;
  std::string ocr_languages = "eng";     // Tesseract language list, '+'-separated
  double ocr_page_timeout_seconds = 60;  // render + recognise one page; <= 0: no limit
  // Rendering resolution. Measured on the corpus scans (12 pages, CPU seconds per page incl.
  // rendering / mean confidence): 150 dpi 2.0 / 91.5, 200 dpi 2.4 / 91.4, 300 dpi 2.8 / 91.6.
  // 300 dpi costs ~20% more than 200 for the best confidence, is Tesseract's documented optimum
  // for small print (footnotes), and is what most scanners produce (no resampling). A page over
  // 40 megapixels is rendered at less.
  int ocr_dpi = 300;
  double ocr_min_confidence = 60;  // below: the page keeps needs_ocr, the document is partial
  // Directory holding <lang>.traineddata; empty: Tesseract's default (TESSDATA_PREFIX, else the
  // path compiled into libtesseract).
  std::string ocr_tessdata_dir;
  // Called on the extracting thread after each PDF page is laid out and after each page read by
  // OCR, so that a caller enforcing a time limit can tell a long document from a hung parser.
  // Changes nothing in the text; not an option (ForEachOption leaves it out).
  std::function<void()> on_page;
};

// When an option is part of the cache key of extracted texts (cache::OptionsKey).
enum class OptionKey {
  kAlways,   // it can change the text produced
  kWithOcr,  // it changes the text only while OCR is on (ocr is not kNever)
  kNever,    // it never changes a stored text (see the field's comment)
};

// One field of ExtractOptions as ForEachOption presents it.
struct OptionField {
  std::string_view name;  // in the worker protocol and the cache key
  OptionKey key = OptionKey::kAlways;
  // The cache key holds a digest of the value, and the run header only how many there are.
  bool secret = false;
  std::string_view header;  // the option's name in the run header; empty: not recorded there
};

// Every option of ExtractOptions, once: calls visit(OptionField, value) for each, in the order
// the run header lists them. The worker protocol, the cache key and the run header are all made
// from this list, so a new option is added here and where it is used, nowhere else (a test fails
// when a field of ExtractOptions is missing here). `Options` is ExtractOptions, const or not.
template <typename Options, typename Visit>
void ForEachOption(Options& options, Visit&& visit) {
  using enum OptionKey;
  visit(OptionField{"max_file_bytes", kAlways, false, "max_file_bytes"}, options.max_file_bytes);
  visit(OptionField{"max_pages", kAlways, false, "max_pages"}, options.max_pages);
  visit(OptionField{"passwords", kAlways, true, "passwords_given"}, options.passwords);
  visit(OptionField{"max_archive_depth", kAlways, false, "max_archive_depth"},
        options.max_archive_depth);
  visit(OptionField{"max_decompressed_bytes", kAlways, false, "max_decompressed_bytes"},
        options.max_decompressed_bytes);
  visit(OptionField{"ocr", kAlways, false, "ocr"}, options.ocr);
  visit(OptionField{"ocr_languages", kWithOcr, false, "ocr_lang"}, options.ocr_languages);
  // A document where the page timeout struck is never stored (transient_failure), so every
  // stored OCR text is complete whatever the timeout: changing it must not re-OCR an archive.
  visit(OptionField{"ocr_page_timeout_seconds", kNever, false, "ocr_page_timeout"},
        options.ocr_page_timeout_seconds);
  // Colour management never changes the text.
  visit(OptionField{"pdf_keep_output_intents", kNever, false, ""}, options.pdf_keep_output_intents);
  visit(OptionField{"max_compression_ratio", kAlways, false, ""}, options.max_compression_ratio);
  visit(OptionField{"max_xml_depth", kAlways, false, ""}, options.max_xml_depth);
  visit(OptionField{"max_archive_members", kAlways, false, ""}, options.max_archive_members);
  visit(OptionField{"max_member_bytes", kAlways, false, ""}, options.max_member_bytes);
  visit(OptionField{"max_sheet_cells", kAlways, false, ""}, options.max_sheet_cells);
  visit(OptionField{"ocr_dpi", kWithOcr, false, ""}, options.ocr_dpi);
  visit(OptionField{"ocr_min_confidence", kWithOcr, false, ""}, options.ocr_min_confidence);
  visit(OptionField{"ocr_tessdata_dir", kWithOcr, false, ""}, options.ocr_tessdata_dir);
}

// An option's value as the run header shows it: numbers ("%g" for fractions), "true"/"false",
// the OCR mode's name, and for a list how many values it holds (passwords are never written).
std::string OptionText(std::uint64_t value);
std::string OptionText(int value);
std::string OptionText(double value);
std::string OptionText(bool value);
std::string OptionText(const std::string& value);
std::string OptionText(OcrMode value);
std::string OptionText(const std::vector<std::string>& value);

// Format from the first bytes of the content and, for plain text only, the file name:
//   "%PDF-" at the start (or within the first 1024 bytes, unless the name has a text extension)
//   -> kPdf; a ZIP container -> kZip (whether it is a DOCX, an ODT or an archive of documents is
//   decided when it is opened); "{\rtf" -> kRtf; "<!DOCTYPE html" or "<html" first (after a BOM,
//   white space, an XML declaration, comments) -> kHtml, as is a .html/.htm/.xhtml name with no
//   NUL bytes in `head` (or a UTF-16 BOM);
//   a text extension and no NUL bytes in `head` (or a UTF-16 BOM) -> kText; else kUnknown.
// A DOCX named .pdf is kZip here and a DOCX once opened: content wins over the name.
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
