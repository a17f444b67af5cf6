// Numbers in XLSX cells as Excel shows them, for the formats simple enough to render without a
// locale: General, integers and fixed decimals (with thousands separators), percent, scientific,
// literal text around the number, and dates and times (built-in and custom codes such as
// "yyyy-mm-dd", "d mmm yyyy h:mm AM/PM"). Built-in format 14 (the locale's short date) and 22 are
// written as ISO 8601 ("2018-09-20", "2018-09-20 14:05"), which reads the same in every locale.
// Anything else (fractions, conditions, elapsed-time brackets) falls back to the General form.
#ifndef TRUSTSCREEN_SRC_EXTRACT_XLSX_NUMBER_FORMAT_H_
#define TRUSTSCREEN_SRC_EXTRACT_XLSX_NUMBER_FORMAT_H_

#include <string>
#include <string_view>

namespace trustscreen::extract::internal {

// The format code of built-in number format `id` (0 "General", 14 "yyyy-mm-dd", …), or "" for
// ids with no locale-independent code (those are shown as General).
std::string_view BuiltinNumberFormat(int id);

// `raw` (the cell's <v> text, a decimal number) as format `code` shows it. `date1904`: the
// workbook counts dates from 1904-01-01 (workbookPr date1904). `raw` itself when it is not a
// number.
std::string FormatCellNumber(std::string_view raw, std::string_view code, bool date1904);

}  // namespace trustscreen::extract::internal

#endif  // TRUSTSCREEN_SRC_EXTRACT_XLSX_NUMBER_FORMAT_H_
