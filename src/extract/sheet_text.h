// Sheets and slides -> Document::text, pages and blocks: the one writer shared by the XLSX, ODS,
// PPTX and ODP readers, so that they lay text out the same way.
//
// Each sheet or slide is one Page (number = its 1-based index, label = the sheet's name or
// "slide N"); pages are separated by '\f' as the Document contract says. A sheet row is one line
// of its non-empty cells separated by '\t' (never padded for empty cells), each cell one kTable
// TextBlock whose locator is its A1 reference ("B12"); a phrase inside a cell stays whole and two
// cells never run together. Tabs, line breaks and form feeds inside a cell or paragraph become
// spaces, so a row stays one line and '\f' only ever separates pages. Cell notes (comments) are
// written after the sheet's rows, one line each, as kComment blocks with the cell's locator.
// A slide is one line per paragraph, each one block of the part it came from.
//
// CellLimits counts cells against ExtractOptions::max_sheet_cells and max_cells, and says in words
// which limit dropped which sheet's cells.
//
// Not thread-safe per object.
#ifndef TRUSTSCREEN_SRC_EXTRACT_SHEET_TEXT_H_
#define TRUSTSCREEN_SRC_EXTRACT_SHEET_TEXT_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "trustscreen/core/document.h"
#include "trustscreen/extract/extract.h"
#include "xml_package.h"

namespace trustscreen::extract::internal {

// The A1 reference of a 0-based cell position: (11, 1) -> "B12"; (0, 16383) -> "XFD1".
std::string CellRef(std::uint64_t row, std::uint64_t column);

// Parses an A1 reference ("B12", "$B$12"): 0-based row and column; false if it is not one.
bool ParseCellRef(std::string_view ref, std::uint64_t& row, std::uint64_t& column);

struct SheetCell {
  std::uint64_t column = 0;  // 0-based
  std::string text;          // as shown; empty cells are skipped
};

class PageTextWriter {
 public:
  // Appends to `doc` (text, pages, blocks, replaced_invalid_bytes). `options.on_page`, when set,
  // is called as each page ends (progress for a caller's time limit).
  PageTextWriter(Document& doc, const ExtractOptions& options) : doc_(doc), options_(options) {}
  PageTextWriter(const PageTextWriter&) = delete;
  PageTextWriter& operator=(const PageTextWriter&) = delete;

  // Starts page `number` labelled `label`, ending the one before (a '\f' separates them).
  void BeginPage(int number, std::string label);
  // Ends the current page: writes its buffered notes and records the Page. Idempotent.
  void EndPage();

  // One row of a sheet (0-based `row`), cells in column order: one line, one kTable block each.
  void AddRow(std::uint64_t row, const std::vector<SheetCell>& cells);
  // A note on cell (row, column), written at the end of the page as a `part` block located there.
  void AddCellNote(std::uint64_t row, std::uint64_t column, TextPart part, std::string text);
  // One paragraph of a slide: one line, one block (nothing for text without visible characters).
  void AddParagraph(TextPart part, std::string_view text);

  // Whether any page so far holds visible text.
  bool has_text() const { return has_text_; }

 private:
  struct Note {
    std::string locator;
    TextPart part;
    std::string text;
  };
  // Appends `text` with invalid UTF-8 replaced and tabs/line breaks/form feeds made spaces.
  void AppendClean(std::string_view text);

  Document& doc_;
  const ExtractOptions& options_;
  bool open_ = false;
  Page page_;
  std::vector<Note> notes_;
  bool has_text_ = false;
};

// Counts non-empty cells against max_sheet_cells (per sheet) and max_cells (per file).
class CellLimits {
 public:
  explicit CellLimits(const ExtractOptions& options)
      : max_sheet_(options.max_sheet_cells), max_file_(options.max_cells) {}

  // Starts counting sheet `name`.
  void BeginSheet(std::string_view name);
  // Counts `count` copies of one cell; returns how many fit (0 once a limit is reached). The
  // first refusal records which limit, for reasons().
  std::uint64_t Take(std::uint64_t count = 1);
  // True once the current sheet (or the whole file) takes no more cells.
  bool sheet_full() const { return sheet_full_ || file_full_; }
  bool file_full() const { return file_full_; }
  // "sheet 'Data': more than 1000000 cells (max_sheet_cells), the rest of the sheet not read",
  // one per sheet cut short; empty when nothing was dropped.
  const std::vector<std::string>& reasons() const { return reasons_; }

 private:
  std::uint64_t max_sheet_;
  std::uint64_t max_file_;
  std::uint64_t sheet_ = 0;
  std::uint64_t file_ = 0;
  std::string name_;
  bool sheet_full_ = false;
  bool file_full_ = false;
  std::vector<std::string> reasons_;
};

// What went wrong while reading the parts of one file, in the order found.
struct PartProblems {
  std::vector<std::string> reasons;
  DocumentStatus status = DocumentStatus::kOk;  // the first problem's status

  void Add(DocumentStatus problem_status, std::string reason);
  bool empty() const { return reasons.empty(); }
};

// Reads part `name` to be parsed: kOk with `xml`; kMissing; or kFailed with `status` and `problem`
// set (the package's failure: zip bomb guard, encryption, damage; or a DTD, which neither OOXML
// nor ODF ever declares: corrupt).
XmlPackage::Read ReadPackagePart(XmlPackage& package, std::string_view name, std::string& xml,
                                 DocumentStatus& status, std::string& problem);

// Reads part `part` and hands it to parse(xml, status&, problem&), which returns false (setting
// both) when the XML is damaged or over a limit; a part failing goes to `problems`, and so does a
// missing one when it is `required` (a sheet, a slide). A missing optional part (notes, comments,
// drawings) is a dangling relationship with nothing to read, as DOCX treats one.
enum class PartNeed { kRequired, kOptional };
template <typename Parse>
void ReadPartWith(XmlPackage& package, const std::string& part, PartProblems& problems,
                  Parse&& parse, PartNeed need = PartNeed::kRequired) {
  std::string xml;
  DocumentStatus status = DocumentStatus::kOk;
  std::string problem;
  switch (ReadPackagePart(package, part, xml, status, problem)) {
    case XmlPackage::Read::kOk:
      if (!parse(std::string_view(xml), status, problem)) problems.Add(status, problem);
      break;
    case XmlPackage::Read::kMissing:
      if (need == PartNeed::kRequired) problems.Add(DocumentStatus::kCorrupt, part + " is missing");
      break;
    case XmlPackage::Read::kFailed:
      problems.Add(status, problem);
      break;
  }
}

// Sets doc.status and doc.reason once every page is written. `kind` names the format ("XLSX"),
// `unit` its pages ("sheets", "slides"):
//   no visible text: the first problem's status and reason (text dropped), else empty;
//   problems or `truncated` (limits): partial, the reason saying what was not read;
//   otherwise ok, with `note` (e.g. which sheets are hidden) as the reason.
void FinishPagedDocument(const PartProblems& problems, const std::vector<std::string>& truncated,
                         std::string_view kind, std::string_view unit, std::string note,
                         bool has_text, Document& doc);

}  // namespace trustscreen::extract::internal

#endif  // TRUSTSCREEN_SRC_EXTRACT_SHEET_TEXT_H_
