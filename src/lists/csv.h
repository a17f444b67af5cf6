// CSV (RFC 4180) reading and writing for entity lists and list imports, internal to the lists
// library (its tests read it from src/lists/).
//
// Where it sits: the lists module reads entity-list files (rules/partners/lists/*.csv) and US
// Consolidated Screening List exports with this reader; rules loading and `lists import` use it.
//
// Dialect: fields separated by ',', records by CRLF or LF; a field may be enclosed in double
// quotes, inside which ',' and line breaks are data and '""' is one '"'. A UTF-8 byte-order mark at
// the start is skipped. No other dialect (no ';' separators, no backslash escapes).
//
// Errors: kParseError "FILE:LINE: what is wrong" (LINE is where the bad record starts): a quote
// inside an unquoted field, text after a closing quote, a quoted field left open at the end.
//
// Thread-safety: free functions without shared state.
#ifndef TRUSTSCREEN_LISTS_CSV_H_
#define TRUSTSCREEN_LISTS_CSV_H_

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "trustscreen/core/status.h"

namespace trustscreen::lists {

struct CsvRecord {
  std::vector<std::string> fields;
  int line = 0;  // 1-based line where the record starts
};

// All records of `text`, the header included. A final line break does not start a record, and
// empty lines are skipped. `display_path` names the input in messages.
Result<std::vector<CsvRecord>> ReadCsv(std::string_view text, const std::string& display_path);

// Writes one record, quoting a field only when it holds ',', '"', CR or LF, or starts/ends with a
// space; ends the record with "\n".
void WriteCsvRecord(const std::vector<std::string>& fields, std::ostream& out);

}  // namespace trustscreen::lists

#endif  // TRUSTSCREEN_LISTS_CSV_H_
