#include "csv.h"

#include <string>
#include <utility>
#include <vector>

namespace trustscreen::lists {

Result<std::vector<CsvRecord>> ReadCsv(std::string_view text, const std::string& display_path) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  std::vector<CsvRecord> records;
  CsvRecord record;
  std::string field;
  int line = 1;
  record.line = 1;
  auto error = [&](int at, const std::string& what) {
    return ParseError(display_path + ":" + std::to_string(at) + ": " + what);
  };
  auto end_record = [&]() {
    record.fields.push_back(std::move(field));
    field.clear();
    // A blank line is one empty field: skip it rather than yield a one-column record.
    if (!(record.fields.size() == 1 && record.fields[0].empty())) {
      records.push_back(std::move(record));
    }
    record = CsvRecord();
  };
  std::size_t i = 0;
  bool field_started = false;  // something (even "") was read for the current field
  while (i < text.size()) {
    const char c = text[i];
    if (!field_started && c == '"') {
      const int quote_line = line;
      ++i;
      bool closed = false;
      while (i < text.size()) {
        if (text[i] == '"') {
          if (i + 1 < text.size() && text[i + 1] == '"') {
            field += '"';
            i += 2;
            continue;
          }
          ++i;
          closed = true;
          break;
        }
        if (text[i] == '\n') ++line;
        field += text[i++];
      }
      if (!closed) return error(quote_line, "quoted field is not closed before the end of input");
      field_started = true;
      if (i < text.size() && text[i] != ',' && text[i] != '\n' && text[i] != '\r') {
        return error(line,
                     "unexpected text after a closing quote (a quote inside a quoted field "
                     "must be doubled)");
      }
      continue;
    }
    if (c == ',') {
      record.fields.push_back(std::move(field));
      field.clear();
      field_started = false;
      ++i;
      continue;
    }
    if (c == '\r' || c == '\n') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      ++i;
      end_record();
      ++line;
      record.line = line;
      field_started = false;
      continue;
    }
    if (c == '"') {
      return error(line,
                   "quote inside an unquoted field (enclose the field in quotes and double "
                   "the quote)");
    }
    field += c;
    field_started = true;
    ++i;
  }
  if (field_started || !record.fields.empty()) end_record();
  return records;
}

void WriteCsvRecord(const std::vector<std::string>& fields, std::ostream& out) {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out << ',';
    const std::string& field = fields[i];
    const bool quote = field.find_first_of(",\"\r\n") != std::string::npos ||
                       (!field.empty() && (field.front() == ' ' || field.back() == ' '));
    if (!quote) {
      out << field;
      continue;
    }
    out << '"';
    for (char c : field) {
      if (c == '"') out << '"';
      out << c;
    }
    out << '"';
  }
  out << '\n';
}

}  // namespace trustscreen::lists
