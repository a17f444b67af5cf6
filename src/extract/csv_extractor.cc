// CSV and TSV files -> a sheet: one line per record, one kTable block per non-empty cell located
// at its A1 reference ("B12", the cell a spreadsheet shows when it opens the file), laid out by
// PageTextWriter like XLSX and ODS so that findings name their cell and row.
//
// Reading is lenient, as spreadsheet programs and Python's csv module are: the text is decoded as
// plain text is (ExtractText); fields are separated by the file's delimiter (a tab for .tsv; for
// .csv the one a first line "sep=;" names, as Excel writes and reads it (that line is not a row),
// else whichever of ',', ';', tab and '|' splits the first records most consistently, ',' when
// none does); a field may be quoted, inside which delimiters and line breaks are data and '""' is
// one '"'; a quote inside an unquoted field, or text after a closing quote, is kept as data; a
// quoted field left open at the end takes the rest of the file. Nothing in a file is dropped for
// being malformed.
//
// A file with more cells than max_cells is screened as plain text (every line still read, but
// findings name no cell): per-cell records would cost more memory than the limit allows.
#include <algorithm>
#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "extractors.h"
#include "sheet_text.h"
#include "utf8.h"

namespace trustscreen::extract::internal {
namespace {

constexpr std::array<char, 4> kDelimiters = {',', ';', '\t', '|'};
// Records looked at to choose the delimiter.
constexpr int kSniffRecords = 50;

// Splits CSV text into records of fields with one delimiter, leniently (see the file comment).
class CsvSplitter {
 public:
  CsvSplitter(std::string_view text, char delimiter) : text_(text), delimiter_(delimiter) {}

  // The next record's fields into `fields`; false at the end of the text. Empty lines give a
  // record with one empty field.
  bool Next(std::vector<std::string>& fields) {
    fields.clear();
    if (pos_ >= text_.size()) return false;
    std::string field;
    bool quoted = false;      // inside quotes
    bool was_quoted = false;  // the field began with a quote
    while (pos_ < text_.size()) {
      const char c = text_[pos_++];
      if (quoted) {
        if (c != '"') {
          field.push_back(c);
        } else if (pos_ < text_.size() && text_[pos_] == '"') {
          field.push_back('"');
          ++pos_;
        } else {
          quoted = false;
        }
        continue;
      }
      if (c == delimiter_) {
        fields.push_back(std::move(field));
        field.clear();
        was_quoted = false;
        continue;
      }
      if (c == '\n' || c == '\r') {
        if (c == '\r' && pos_ < text_.size() && text_[pos_] == '\n') ++pos_;
        break;
      }
      if (c == '"' && field.empty() && !was_quoted) {
        quoted = true;
        was_quoted = true;
        continue;
      }
      field.push_back(c);
    }
    fields.push_back(std::move(field));
    return true;
  }

 private:
  std::string_view text_;
  char delimiter_;
  std::size_t pos_ = 0;
};

// The delimiter of a .csv file: the candidate whose first records most often have the same number
// of fields, that number being more than one; ',' when none splits them.
char SniffDelimiter(std::string_view text) {
  char best = ',';
  int best_agreeing = 0;
  std::vector<std::string> fields;
  for (const char delimiter : kDelimiters) {
    CsvSplitter splitter(text, delimiter);
    std::map<std::size_t, int> counts;
    for (int i = 0; i < kSniffRecords && splitter.Next(fields); ++i) {
      if (fields.size() > 1) ++counts[fields.size()];
    }
    int agreeing = 0;
    for (const auto& [count, records] : counts) agreeing = std::max(agreeing, records);
    if (agreeing > best_agreeing) {
      best = delimiter;
      best_agreeing = agreeing;
    }
  }
  return best;
}

// Excel's "sep=X" first line: X, with `text` moved past the line; 0 when there is none.
char ExcelSeparatorLine(std::string_view& text) {
  if (text.size() < 5 || text.substr(0, 4) != "sep=") return 0;
  const std::size_t end = text.find('\n');
  std::string_view line = text.substr(0, end);
  if (line.ends_with('\r')) line.remove_suffix(1);
  if (line.size() != 5) return 0;
  text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
  return line[4];
}

std::uint64_t CountCells(std::string_view text, char delimiter) {
  CsvSplitter splitter(text, delimiter);
  std::vector<std::string> fields;
  std::uint64_t cells = 0;
  while (splitter.Next(fields)) {
    for (const std::string& field : fields) cells += field.empty() ? 0 : 1;
  }
  return cells;
}

}  // namespace

void ExtractCsv(std::string_view bytes, const ExtractOptions& options, Document& doc) {
  doc.format = DocumentFormat::kCsv;
  std::string text;
  std::string note;
  if (!DecodePlainText(bytes, doc, text, note)) return;
  if (!HasVisibleText(text)) {
    doc.pages.push_back(Page{.number = 1, .begin = 0, .end = 0});
    doc.status = DocumentStatus::kEmpty;
    doc.reason = "no text found";
    return;
  }
  std::string_view records = text;
  char delimiter = ExcelSeparatorLine(records);
  if (delimiter == 0) {
    delimiter = LowerExtension(doc.path) == ".tsv" ? '\t' : SniffDelimiter(records);
  }
  const std::uint64_t cells = CountCells(records, delimiter);
  doc.status = DocumentStatus::kOk;
  if (cells > options.max_cells) {
    doc.text = std::move(text);
    doc.pages.push_back(Page{.number = 1, .begin = 0, .end = doc.text.size()});
    doc.reason = "more than " + std::to_string(options.max_cells) +
                 " cells (max_cells): read as plain text, findings name no cell";
  } else {
    PageTextWriter writer(doc, options);
    writer.BeginPage(1, "");
    CsvSplitter splitter(records, delimiter);
    std::vector<std::string> fields;
    std::vector<SheetCell> row;
    for (std::uint64_t number = 0; splitter.Next(fields); ++number) {
      row.clear();
      for (std::size_t column = 0; column < fields.size(); ++column) {
        if (!fields[column].empty()) row.push_back({column, std::move(fields[column])});
      }
      writer.AddRow(number, row);
    }
    writer.EndPage();
    if (!HasVisibleText(doc.text)) {  // only delimiters and white space
      doc.status = DocumentStatus::kEmpty;
      doc.reason = "no text found";
      return;
    }
  }
  if (!note.empty()) doc.reason = doc.reason.empty() ? note : doc.reason + "; " + note;
}

}  // namespace trustscreen::extract::internal
