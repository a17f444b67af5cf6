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
//         A long PDF can also be read in parts, in several processes, with the same result
//         (pdf_split.h).
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
//         order and blocks as DOCX. Parts encrypted with a password (the manifest's
//         encryption-data: AES or Blowfish) -> encrypted.
//   DOCX/ODT XML: no DTD is accepted (corrupt), no entity is expanded, nothing is fetched;
//         elements nested deeper than max_xml_depth -> too_large (partial if text came before).
//         order and blocks as DOCX.
//   XLSX  (Transitional and Strict) every sheet of the workbook in workbook order, hidden ones
//         too, one Page per sheet (number: its 1-based index; label: its name), pages separated
//         by '\f'. A row is one line of its non-empty cells separated by '\t'; each cell is a
//         kTable TextBlock whose locator is its A1 reference ("B12"). Cells as Excel shows them:
//         shared strings (rich runs joined, phonetic runs dropped), inline strings, numbers in
//         their number format where it needs no locale (General, decimals, separators, percent,
//         scientific, dates and times; built-in short dates as ISO "2018-09-20"; anything else as
//         the General number), booleans TRUE/FALSE, errors, formulas' cached values (never the
//         formula). Text boxes and shapes drawn on a sheet (its drawing part) are kTextBox
//         paragraphs after its rows; comments (its comments part) follow as kComment blocks
//         located at their cell. A document with hidden sheets has the reason "hidden
//         sheets read: 'A', 'B'" (status ok).
//   ODS   the same layout: every table:table, cells' display text (else their typed value),
//         annotations, text boxes on the sheet (kTextBox), hidden tables (table:display="false").
//         Repeated rows and cells are written copy by copy and count against the cell limits; empty
//         ones cost nothing.
//   Cell limits (XLSX, ODS): more than max_sheet_cells non-empty cells in one sheet, or
//         max_cells in the file -> the rest of that sheet (or file) is not read and the document
//         is partial, the reason naming the sheet and the limit. More than max_pages sheets or
//         slides -> partial, the first max_pages read.
//   PPTX  the slides in presentation.xml's order, hidden ones too, one Page each (label "slide
//         3"): every paragraph (a:p) of the slide's shapes, grouped shapes, tables (kTable) and
//         SmartArt data, one TextBlock each; then the slide's speaker notes (kNotes; not the
//         slide-number placeholder), then its comments (kComment; legacy and modern threads).
//         Layouts and masters (placeholder prompts) are not read.
//   ODP   every draw:page, one Page each ("slide N"): paragraphs of its frames (tables kTable),
//         annotations (kComment), presenter notes (kNotes), then the footer the page shows
//         (presentation:footer-decl, else its master page's literal footer in styles.xml, kFooter).
//   XLSX/ODS/PPTX/ODP: a part that cannot be read (damaged, over a limit; a missing sheet or
//         slide) makes the document partial when other sheets or slides were read, else it takes
//         the part's status (a zip bomb in the only sheet -> too_large). A relationship to a
//         notes, comments or drawing part that does not exist is ignored, as in DOCX.
//   DOCX/ODT/XLSX/ODS/PPTX/ODP XML: no DTD is accepted (corrupt), no entity is expanded, nothing
//         is fetched; elements nested deeper than max_xml_depth -> too_large (partial if text came
//         before).
//   HTML  content starting with "<!DOCTYPE html" or "<html" (after a BOM, white space, an XML
//         declaration or comments), or a .html/.htm/.xhtml name: libxml2's HTML parser, no network;
//         script, style, template, noscript and the head (except its title) skipped; block
//         elements end paragraphs, h1-h6 set heading_level, table cells are kTable blocks.
//         Encoding from a BOM or <meta charset>, else UTF-8, else Windows-1252 as for text;
//         UTF-16 and UTF-32 (either byte order) also without a BOM, from where ASCII's zero bytes
//         fall (sniffed as HTML that way too).
//   RTF   a small reader: text, \par/\line/\tab, \'hh (cp1252) and \uN escapes; font, colour and
//         style tables, info, pictures, objects and {\*…} destinations skipped.
//   text  UTF-8 (BOM stripped; invalid bytes replaced by U+FFFD and counted), UTF-16 with a BOM, or
//         Windows-1252 when more than 2% of the non-ASCII sequences are not UTF-8 (status ok,
//         reason "decoded as Windows-1252 (not valid UTF-8)"), one Page. Only for the extensions
//         of IsTextExtension(). Document::encoding names the encoding read ("utf-8", "utf-16le",
//         "utf-16be", "windows-1252") for text, HTML and RTF.
//   CSV   .csv and .tsv names (csv_extractor.cc): decoded as text, then laid out as one sheet
//         (label empty): one line per record, each non-empty cell a kTable block located at its
//         A1 reference; delimiter tab for .tsv, else sniffed among , ; tab |; quoting as RFC 4180,
//         leniently (malformed quotes kept as text). Over max_cells cells: the decoded text as
//         plain text, status ok, the reason saying so.
//   XML   an XML declaration, or an XML name (.xml, .svg, …) starting with markup, when no other
//         reader claims it (xml_extractor.cc): character data, one Page, a line per element that
//         ends unless text follows it in its parent; same hardened reader as DOCX (a DTD is
//         allowed here but never loaded or expanded). Not well-formed -> corrupt, or partial
//         when text came before the error.
//   archive  tar, 7z, RAR, and gzip/bzip2/xz/zstd-compressed files, with libarchive
//         (archive_extractor.cc): members as for ZIP below (archive order; a compressed single
//         file is one member named without its suffix, "a.pdf.gz!/a.pdf"), read in chunks under
//         max_member_bytes and the input's decompression budget; encrypted members encrypted;
//         damage after some members -> partial, before any -> corrupt; over
//         max_archive_members -> too_large, the members before the limit listed.
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
//         encrypted; an Outlook .msg -> MSG below; anything else unsupported,
//         naming the container's entries; a container that cannot be opened -> corrupt. Every
//         stream read counts against max_decompressed_bytes.
//   EML   an RFC 5322/MIME message (GMime 3), detected by its header block (see SniffFormat):
//         the headers worth screening (From, Sender, To, Cc, Bcc, Subject, Date; RFC 2047
//         encoded-words decoded; raw 8-bit as UTF-8, or Windows-1252 when mostly not UTF-8) as
//         kHeader blocks, then the bodies (transfer encodings undone, charsets converted): plain
//         text one kBody block per paragraph, HTML through the HTML reader above. Of a
//         multipart/alternative the first text/plain with text is read, else the last part; the
//         attachments of every alternative are kept. One Page labelled "Subject: …". Attachments
//         (any part with a file name or disposition attachment, and message/rfc822 parts) are
//         members "thread.eml!/draft.docx" ("a.eml!/fwd.eml!/x.pdf" for an attached message),
//         each extracted like a file under the input's archive limits (they count as members;
//         decoded bytes against max_member_bytes and max_decompressed_bytes, read in chunks and
//         never past them; depth against max_archive_depth); unnamed ones "attachment-3.pdf",
//         duplicates "x (2).txt". PGP/MIME and S/MIME encrypted parts are encrypted members;
//         signatures are skipped. A message is partial when an attachment is not fully screened,
//         a body is over a limit, or parts are nested deeper than max_mime_depth multiparts or
//         come after the first max_mime_parts; its own text is kept and screened. A message with
//         too many boundary lines to parse safely is too_large.
//   MBOX  a "From " line then headers: every message a member "folder.mbox!/0001.eml" read as
//         EML (Content-Length respected where it points at the next "From " line).
//   MSG   an Outlook message (OLE2 with __substg1.0_ property streams): sender, recipients (the
//         recipient table, else the display lists), subject, sent date, body (PR_BODY, else
//         PR_HTML, else PR_RTF_COMPRESSED decompressed and read as RTF; PT_STRING8 in the
//         message's code page), attachments as members by their long file name; an attached
//         Outlook message is read in place as a member of its own (format msg).
//   TNEF  winmail.dat (signature 78 9F 3E 22): subject, sender, recipients, body (as for MSG)
//         and attachments as members, embedded messages recursed into; every attribute length is
//         checked against the stream before it is read (a damaged stream is corrupt, or partial
//         when something was read before the damage).
//   IMAGE PNG, JPEG, TIFF, GIF, BMP, WebP and JPEG 2000 files (by their magic bytes; format
//         kImage), decoded by Leptonica and read by OCR under kAuto and kAlways alike: one Page per
//         frame (every page of a multi-page TIFF, its thumbnails skipped; the first frame of an
//         animated GIF), numbered from 1, no label, its text built as OCR'd PDF pages are. Status
//         as for a scanned PDF (below): confidence below ocr_min_confidence -> text kept, page
//         needs_ocr, partial; no words, timeout, Tesseract unavailable or kNever -> the page
//         needs_ocr, the document needs_ocr (partial when other frames gave text). Frames too small
//         to hold text (under 100 pixels a side or 0.1 megapixel: an icon, a signature logo) are
//         blank pages; an image that is only that is empty ("PNG image of 16×16 pixels, too small
//         to hold text"). A frame over 40 megapixels is not decoded (too_large when nothing else
//         was read); an image whose header or data Leptonica cannot decode is corrupt. More than
//         max_pages frames -> the first max_pages read, partial.
// OCR (ExtractOptions::ocr): a PDF page that needs OCR (above: images or outlined text
//         without a text layer, or an unreadable text layer) is rendered with Poppler's Splash
//         rasteriser (8-bit grey, ocr_dpi) and read by Tesseract (ocr_languages); pictures in
//         DOCX, ODT and PPTX files and image files are decoded by Leptonica. Their lines go
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
//         One Tesseract instance per extraction: thread-safe, nothing shared but Tesseract's
//         read-only globals (set once).
// Everything else is unsupported, with a hint for formats we recognise (other Office/ZIP
// formats, gzip). Exceptions: a file named .pdf, .docx, .xlsx or .pptx whose content is not that
// format is corrupt; a password-protected Office file is encrypted.
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
inline constexpr std::string_view kExtractorVersion = "8";

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
  // PDF: keep page content streams as they are. By default a stream with many empty "q Q" pairs
  // (a graphics state saved and restored at once) is replaced in memory by a copy without them
  // before the page is laid out: they draw nothing, and Poppler copies the graphics state for each
  // (11.8 million pairs made one 154-page CUAD contract take 3.2 s); and a stream compressed with
  // /FlateDecode alone is replaced by its bytes inflated with zlib, faster than Poppler's own
  // decoder. True only to verify that the text is unchanged (tests) or to compare timings.
  bool pdf_keep_empty_saves = false;
  // ZIP-based formats (DOCX, ODT, XLSX, ODS, PPTX, ODP, archives): total bytes decompressed from
  // one file, and the largest compression ratio accepted for a member over 10 MiB -> too_large
  // (zip bomb guard).
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
  // E-mail (eml, mbox, msg, tnef): MIME parts inside more than max_mime_depth nested multiparts,
  // and the parts of one message past its first max_mime_parts, are not read (the message is
  // partial). Attachments are members: the archive limits above apply to them. Real mail nests
  // 2-5 levels; GMime itself stops at 1024.
  int max_mime_depth = 32;
  std::uint64_t max_mime_parts = 10000;
  // Spreadsheets (XLSX, ODS, XLS): non-empty cells read from one sheet, and (XLSX, ODS) from all
  // the sheets of one file (a repeated ODS cell counts once per copy; Excel 97-2003 allows 16.7
  // million cells, and a hostile file can repeat one cell record naming a long shared string).
  // Beyond either, the rest of that sheet (or of the file) is not read and the document is partial,
  // its reason naming the sheet and the limit.
  std::uint64_t max_sheet_cells = 1'000'000;
  std::uint64_t max_cells = 4'000'000;
  // OCR of PDF pages (see the OCR notes above). Every field below changes the text produced and
  // is part of the cache key.
  OcrMode ocr = OcrMode::kAuto;
  std::string ocr_languages = "eng";     // Tesseract language list, '+'-separated
  double ocr_page_timeout_seconds = 60;  // render + recognise one page; <= 0: no limit
  // Rendering resolution. Tesseract's LSTM scales every text line to a fixed height, so its cost
  // does not depend on the resolution; rendering, thresholding and layout analysis do. Measured on
  // the corpus's 14 scanned pages (bench/README.md, "OCR settings", CPU seconds per page with
  // Tesseract single-threaded): 300 dpi 1.51, 250 dpi 1.38, 200 dpi 1.21, 150 dpi 1.09. From 300
  // to 200 dpi the words agree with the 300 dpi text as closely as a 1 dpi change does (F1 96.4%
  // vs 96.8-97.2%), as large a share are dictionary words, and the mean confidence drops 0.5;
  // at 150 dpi words are lost (F1 95.0%, confidence -2). A page over 40 megapixels is rendered at
  // less.
  int ocr_dpi = 200;
  double ocr_min_confidence = 60;  // below: the page keeps needs_ocr, the document is partial
  // Directory holding <lang>.traineddata; empty: Tesseract's default (TESSDATA_PREFIX, else the
  // path compiled into libtesseract).
  std::string ocr_tessdata_dir;
  // Called on the extracting thread after each PDF page is laid out, after each page read by
  // OCR, and after each sheet or slide, so that a caller enforcing a time limit can tell a long
  // document from a hung parser.
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
  // Neither do the empty graphics-state saves.
  visit(OptionField{"pdf_keep_empty_saves", kNever, false, ""}, options.pdf_keep_empty_saves);
  visit(OptionField{"max_compression_ratio", kAlways, false, ""}, options.max_compression_ratio);
  visit(OptionField{"max_xml_depth", kAlways, false, ""}, options.max_xml_depth);
  visit(OptionField{"max_archive_members", kAlways, false, ""}, options.max_archive_members);
  visit(OptionField{"max_member_bytes", kAlways, false, ""}, options.max_member_bytes);
  visit(OptionField{"max_mime_depth", kAlways, false, ""}, options.max_mime_depth);
  visit(OptionField{"max_mime_parts", kAlways, false, ""}, options.max_mime_parts);
  visit(OptionField{"max_sheet_cells", kAlways, false, ""}, options.max_sheet_cells);
  visit(OptionField{"max_cells", kAlways, false, ""}, options.max_cells);
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
//   an e-mail header block at the start -> kEml (an .eml name needs one known mail header; a text
//   extension needs From and one of To, Date, Message-ID, Received, MIME-Version, Return-Path;
//   any other name two known headers, one of them written by a mail system: From, Received,
//   Message-ID, MIME-Version, Return-Path, …), a "From " line followed by such headers -> kMbox
//   (kEml for an .eml name), the TNEF signature -> kTnef;
//   PNG, JPEG, TIFF, GIF, WebP, JPEG 2000 and BMP signatures -> kImage;
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
