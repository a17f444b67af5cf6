// A minimal XLSX reader for the list importers: the cell texts of a workbook's first worksheet.
//
// Where it sits: `lists import --format ofsi` accepts OFSI's XLSX workbook as well as its CSV
// export (importers.h); this reader turns the workbook into the same rows of text the CSV gives.
// It reads only what list exports use: shared strings (rich-text runs concatenated, phonetic runs
// skipped), inline strings, formula string results, numbers, booleans and error values. No
// formulas are evaluated and no formatting is applied, except that a number in a date-formatted
// cell (styles.xml) becomes "DD/MM/YYYY" text, the way UK exports show dates.
//
// Hostile input: every ZIP part read is capped (XlsxLimits::max_part_bytes, checked while
// inflating, not trusted from the header); rows and columns beyond Excel's own limits and sheets
// of more than XlsxLimits::max_cells cells are refused; XML parts are parsed without network
// access, without entity expansion, and a part with a DOCTYPE is refused (OOXML parts never have
// one).
//
// Errors: kParseError "NAME: what is wrong" (NAME is the display name given, then the part) for a
// file that is not a readable workbook; kInvalidArgument for one over the limits.
//
// Thread-safety: free functions without shared state (libxml2 is initialised once, thread-safely).
// Internal to the lists module.
#ifndef TRUSTSCREEN_LISTS_XLSX_SHEET_H_
#define TRUSTSCREEN_LISTS_XLSX_SHEET_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "trustscreen/core/status.h"

namespace trustscreen::lists::internal {

struct XlsxLimits {
  // Inflated size of one part (the sheet, the shared strings, …). OFSI's sheet is 13 MB.
  std::size_t max_part_bytes = std::size_t{512} << 20;
  // Cells held in memory, counting the empty cells left of a cell and the empty rows above it
  // (a sheet with one cell at XFD1048576 would otherwise be cheap to write and costly to read).
  std::size_t max_cells = std::size_t{20} << 20;
};

// The rows of a sheet: rows[i] is row i + 1 ("A1" is rows[0][0]). A row is as long as its last
// cell; cells left out of the file, and cells past a row's end, are empty.
using XlsxRows = std::vector<std::vector<std::string>>;

// True if `bytes` starts like a ZIP file (a local file header, "PK\x03\x04").
bool LooksLikeZip(std::string_view bytes);

// The first worksheet of the workbook in `bytes` (in the workbook's sheet order, as Excel shows
// it). `display_name` names the file in errors.
Result<XlsxRows> ReadFirstXlsxSheet(std::string_view bytes, const std::string& display_name,
                                    const XlsxLimits& limits = XlsxLimits());

// An Excel date serial ("45757", "45757.5") as "DD/MM/YYYY" ("10/04/2025"): days since 1899-12-30
// (the 1900 date system; Excel's phantom 29/02/1900 makes serials before 61 one day off, which no
// list date reaches), or since 1904-01-01 when `date1904`. "" if `serial` is not a number from 1
// up to 2958465 (31/12/9999).
std::string XlsxSerialToDate(std::string_view serial, bool date1904 = false);

}  // namespace trustscreen::lists::internal

#endif  // TRUSTSCREEN_LISTS_XLSX_SHEET_H_
