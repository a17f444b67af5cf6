// Excel 97-2003 (BIFF8) and Excel 5/95 (BIFF5) workbooks: the BIFF records of the "Workbook" or
// "Book" stream, read directly ([MS-XLS]). Every sheet's cells — shared strings, inline strings,
// numbers, booleans, errors, cached formula results — and cell comments (NOTE + TXO), numbers
// shown as Excel's date, percent and general formats would show them.
//
// One Page per sheet (label = sheet name, hidden sheets included); one line per row, cells
// separated by a tab, each non-empty cell one kTable TextBlock whose locator is its A1 reference;
// comments follow the sheet's cells as kComment blocks with the cell's reference.
//
// Chosen over libfreexl by measurement and need (docs/formats.md): freexl opens only files by
// path, does not report hidden sheets or comments, and sizes its cell array from the DIMENSION
// record. Here nothing is allocated from a declared size: cells are kept as they are met, at most
// max_sheet_cells per sheet, and the text is bounded by max_decompressed_bytes.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "extractors.h"
#include "little_endian.h"
#include "ole_readers.h"
#include "utf8.h"

namespace trustscreen::extract::internal {
namespace {

constexpr std::uint16_t kBof = 0x0809;
constexpr std::uint16_t kEof = 0x000A;
constexpr std::uint16_t kContinue = 0x003C;

double F64(std::string_view s, std::size_t at) {
  double value = 0;
  if (at + 8 <= s.size()) std::memcpy(&value, s.data() + at, 8);
  return value;
}

// BOF of BIFF8/5 (0x0809), BIFF4 (0x0409), BIFF3 (0x0209), BIFF2 (0x0009).
bool IsBof(std::uint16_t type) {
  return type == kBof || type == 0x0409 || type == 0x0209 || type == 0x0009;
}

struct Record {
  std::uint16_t type = 0;
  std::string_view data;
  std::size_t offset = 0;  // of the record header in the stream
};

// Reads BIFF records one after the other; stops at the end or at a record that runs past it.
class RecordReader {
 public:
  explicit RecordReader(std::string_view stream, std::size_t at = 0) : stream_(stream), at_(at) {}
  bool Next(Record& record) {
    if (at_ + 4 > stream_.size()) return false;
    const std::uint16_t length = U16(stream_, at_ + 2);
    if (at_ + 4 + length > stream_.size()) {
      truncated_ = true;
      return false;
    }
    record = {U16(stream_, at_), stream_.substr(at_ + 4, length), at_};
    at_ += 4 + length;
    return true;
  }
  // The next record's type without consuming it (0 at the end).
  std::uint16_t PeekType() const { return at_ + 4 <= stream_.size() ? U16(stream_, at_) : 0; }
  bool truncated() const { return truncated_; }

 private:
  std::string_view stream_;
  std::size_t at_;
  bool truncated_ = false;
};

// The bytes of a record and of the CONTINUE records that follow it, with the offsets where each
// continuation starts (a string's characters restart with a flags byte there).
struct Continued {
  std::string data;
  std::vector<std::size_t> breaks;
};

Continued ReadContinued(const Record& first, RecordReader& reader) {
  Continued out;
  out.data.assign(first.data);
  Record next;
  while (reader.PeekType() == kContinue && reader.Next(next)) {
    out.breaks.push_back(out.data.size());
    out.data.append(next.data);
  }
  return out;
}

void AppendLatin1(std::string_view bytes, std::string& out) { AppendWindows1252AsUtf8(bytes, out); }

// Reads an Excel unicode string at `at` in `data` (BIFF8: flags byte, then 8-bit or UTF-16
// characters; `breaks` are CONTINUE boundaries, after which a new flags byte follows). `cch`
// characters; rich-text runs and phonetic data skipped when `rich_ext` (SST entries). Returns
// the offset after the string, or npos when it runs past the data.
std::size_t ReadUnicode(std::string_view data, const std::vector<std::size_t>& breaks,
                        std::size_t at, std::size_t cch, bool rich_ext, std::string& out) {
  if (at >= data.size()) return std::string_view::npos;
  unsigned char flags = static_cast<unsigned char>(data[at++]);
  std::size_t runs = 0;
  std::size_t ext = 0;
  if (rich_ext && (flags & 0x08)) {
    runs = U16(data, at);
    at += 2;
  }
  if (rich_ext && (flags & 0x04)) {
    ext = U32(data, at);
    at += 4;
  }
  std::u16string wide;
  std::string narrow;
  std::size_t left = cch;
  while (left > 0) {
    if (at >= data.size()) return std::string_view::npos;
    // Characters continued in a CONTINUE record start with a new flags byte (fHighByte).
    if (std::binary_search(breaks.begin(), breaks.end(), at)) {
      flags = static_cast<unsigned char>(data[at++]);
    }
    const auto next_break = std::upper_bound(breaks.begin(), breaks.end(), at);
    const std::size_t limit = next_break == breaks.end() ? data.size() : *next_break;
    const std::size_t width = (flags & 0x01) ? 2 : 1;
    const std::size_t take = std::min(left, (limit - at) / width);
    if (take == 0) return std::string_view::npos;
    for (std::size_t i = 0; i < take; ++i) {
      if (width == 2) {
        AppendUtf16AsUtf8(data.substr(at + 2 * i, 2), false, out);
      } else {
        AppendLatin1(data.substr(at + i, 1), out);
      }
    }
    at += take * width;
    left -= take;
  }
  at += 4 * runs + ext;
  return at <= data.size() ? at : std::string_view::npos;
}

// "A1" reference of a 0-based row and column.
std::string CellRef(std::uint32_t row, std::uint32_t col) {
  std::string letters;
  for (std::uint32_t c = col + 1; c > 0; c = (c - 1) / 26) {
    letters.insert(letters.begin(), static_cast<char>('A' + (c - 1) % 26));
  }
  return letters + std::to_string(row + 1);
}

// ---- number formats ----

enum class NumberKind { kGeneral, kDate, kDateTime, kTime, kPercent };

// What a format string displays, roughly: dates and times (d, m, y, h, s outside quotes and
// brackets), percentages, or a plain number.
NumberKind KindOfFormat(std::string_view format) {
  bool date = false;
  bool time = false;
  bool in_quote = false;
  for (std::size_t i = 0; i < format.size(); ++i) {
    const char c = format[i];
    if (c == '"') in_quote = !in_quote;
    if (in_quote) continue;
    if (c == '\\' || c == '_' || c == '*') {
      ++i;
      continue;
    }
    if (c == '[') {
      const std::size_t close = format.find(']', i);
      if (close == std::string_view::npos) break;
      const std::string_view inside = format.substr(i + 1, close - i - 1);
      if (!inside.empty() && (inside[0] == 'h' || inside[0] == 'm' || inside[0] == 's')) {
        time = true;
      }
      i = close;
      continue;
    }
    if (c == ';') break;  // the first section decides
    const char lower = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (lower == 'd' || lower == 'y') date = true;
    if (lower == 'h' || lower == 's') time = true;
    if (lower == 'm') date = true;  // month or minute: a date/time either way
    if (c == '%') return NumberKind::kPercent;
  }
  if (date && time) return NumberKind::kDateTime;
  if (time) return NumberKind::kTime;
  if (date) return NumberKind::kDate;
  return NumberKind::kGeneral;
}

NumberKind KindOfBuiltin(std::uint16_t id) {
  if (id == 9 || id == 10) return NumberKind::kPercent;
  if ((id >= 14 && id <= 17) || id == 30 || (id >= 27 && id <= 29) || (id >= 31 && id <= 36) ||
      (id >= 50 && id <= 58)) {
    return NumberKind::kDate;
  }
  if (id == 22) return NumberKind::kDateTime;
  if ((id >= 18 && id <= 21) || (id >= 45 && id <= 47)) return NumberKind::kTime;
  return NumberKind::kGeneral;
}

std::string FormatGeneral(double value) {
  if (!std::isfinite(value)) return "#NUM!";
  if (value == std::floor(value) && std::fabs(value) < 1e15) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.0f", value);
    return buffer;
  }
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.10g", value);
  return buffer;
}

// Excel serial date (days since 1899-12-30, or 1904-01-01) as "YYYY-MM-DD", "HH:MM:SS" or both.
std::string FormatDate(double serial, bool date1904, NumberKind kind) {
  if (!std::isfinite(serial) || serial < 0 || serial > 2958465) return FormatGeneral(serial);
  long days = static_cast<long>(std::floor(serial));
  long seconds = std::lround((serial - static_cast<double>(days)) * 86400.0);
  if (seconds >= 86400) {
    ++days;
    seconds -= 86400;
  }
  // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
  // Serial 0 is 1904-01-01 (24107 days before 1970-01-01) or 1899-12-30 (25569 days before).
  long z = days - (date1904 ? 24107 : 25569) + 719468;
  const long era = (z >= 0 ? z : z - 146096) / 146097;
  const long doe = z - era * 146097;
  const long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const long mp = (5 * doy + 2) / 153;
  const long day = doy - (153 * mp + 2) / 5 + 1;
  const long month = mp < 10 ? mp + 3 : mp - 9;
  const long year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  // serial <= 2958465 (9999-12-31): every field fits its width.
  char date[64];
  std::snprintf(date, sizeof date, "%04d-%02d-%02d", static_cast<int>(year) % 10000,
                static_cast<int>(month) % 100, static_cast<int>(day) % 100);
  char time[64];
  std::snprintf(time, sizeof time, "%02d:%02d:%02d", static_cast<int>(seconds / 3600) % 100,
                static_cast<int>(seconds / 60 % 60), static_cast<int>(seconds % 60));
  if (kind == NumberKind::kTime) return time;
  if (kind == NumberKind::kDateTime) return std::string(date) + " " + time;
  return date;
}

// A cell error code as Excel shows it.
std::string ErrorText(unsigned char code) {
  switch (code) {
    case 0x00:
      return "#NULL!";
    case 0x07:
      return "#DIV/0!";
    case 0x0F:
      return "#VALUE!";
    case 0x17:
      return "#REF!";
    case 0x1D:
      return "#NAME?";
    case 0x24:
      return "#NUM!";
    default:
      return "#N/A";
  }
}

double DecodeRk(std::uint32_t rk) {
  double value;
  if (rk & 0x02) {
    value = static_cast<double>(static_cast<std::int32_t>(rk) >> 2);
  } else {
    const std::uint64_t bits = static_cast<std::uint64_t>(rk & 0xFFFFFFFCu) << 32;
    std::memcpy(&value, &bits, 8);
  }
  return (rk & 0x01) ? value / 100 : value;
}

// ---- the workbook ----

struct Sheet {
  std::string name;
  std::uint32_t offset = 0;  // of its BOF record in the stream
  int state = 0;             // 0 visible, 1 hidden, 2 very hidden
  int type = 0;              // 0 worksheet, 1 macro sheet, 2 chart, 6 VBA module
};

struct Cell {
  std::uint32_t row = 0;
  std::uint32_t col = 0;
  std::string text;
};

struct Workbook {
  bool biff8 = true;
  bool biff2 = false;  // a BIFF2 worksheet: cell records carry 3 attribute bytes, not an XF
  bool encrypted = false;
  bool date1904 = false;
  std::vector<Sheet> sheets;
  std::vector<std::string> sst;
  std::map<std::uint16_t, NumberKind> formats;  // FORMAT id -> kind
  std::vector<std::uint16_t> xf_format;         // XF index -> FORMAT id
  std::vector<std::string> problems;

  NumberKind KindOfXf(std::uint16_t xf) const {
    if (xf >= xf_format.size()) return NumberKind::kGeneral;
    const std::uint16_t id = xf_format[xf];
    const auto it = formats.find(id);
    return it != formats.end() ? it->second : KindOfBuiltin(id);
  }
  std::string ShowNumber(double value, std::uint16_t xf) const {
    const NumberKind kind = KindOfXf(xf);
    switch (kind) {
      case NumberKind::kGeneral:
        return FormatGeneral(value);
      case NumberKind::kPercent:
        return FormatGeneral(value * 100) + "%";
      default:
        return FormatDate(value, date1904, kind);
    }
  }
  // A string of the given record layout: BIFF8 XLUnicodeString (cch u16, flags, chars) or
  // BIFF5 (cch u16, 8-bit chars).
  bool ReadString(const Continued& data, std::size_t at, bool short_length,
                  std::string& out) const {
    const std::size_t cch =
        short_length ? static_cast<unsigned char>(at < data.data.size() ? data.data[at] : 0)
                     : U16(data.data, at);
    at += short_length ? 1 : 2;
    if (!biff8) {
      if (at + cch > data.data.size()) return false;
      AppendLatin1(std::string_view(data.data).substr(at, cch), out);
      return true;
    }
    return ReadUnicode(data.data, data.breaks, at, cch, false, out) != std::string_view::npos;
  }
};

void ReadSst(const Continued& data, Workbook& book) {
  const std::uint32_t unique = U32(data.data, 4);
  std::size_t at = 8;
  for (std::uint32_t i = 0; i < unique; ++i) {
    if (at + 3 > data.data.size()) {
      book.problems.push_back("the shared string table is cut short");
      return;
    }
    const std::size_t cch = U16(data.data, at);
    std::string text;
    at = ReadUnicode(data.data, data.breaks, at + 2, cch, true, text);
    if (at == std::string_view::npos) {
      book.problems.push_back("the shared string table is damaged");
      return;
    }
    book.sst.push_back(std::move(text));
  }
}

void ReadGlobals(std::string_view stream, Workbook& book) {
  RecordReader reader(stream);
  Record record;
  bool first = true;
  while (reader.Next(record)) {
    if (first) {
      first = false;
      book.biff8 = U16(record.data, 0) == 0x0600;
      continue;
    }
    switch (record.type) {
      case kEof:
        return;
      case 0x002F:  // FILEPASS
        book.encrypted = true;
        return;
      case 0x0022:  // DATEMODE
        book.date1904 = U16(record.data, 0) == 1;
        break;
      case 0x0085: {  // BOUNDSHEET
        Sheet sheet;
        sheet.offset = U32(record.data, 0);
        sheet.state =
            static_cast<unsigned char>(record.data.size() > 4 ? record.data[4] : 0) & 0x03;
        sheet.type = static_cast<unsigned char>(record.data.size() > 5 ? record.data[5] : 0);
        Continued name{std::string(record.data), {}};
        if (!book.ReadString(name, 6, true, sheet.name) || sheet.name.empty()) {
          sheet.name = "Sheet" + std::to_string(book.sheets.size() + 1);
        }
        book.sheets.push_back(std::move(sheet));
        break;
      }
      case 0x00FC:  // SST
        ReadSst(ReadContinued(record, reader), book);
        break;
      case 0x041E: {  // FORMAT (BIFF8: id u16, XLUnicodeString; BIFF5: id u16, cch u8, chars)
        std::string format;
        Continued data{std::string(record.data), {}};
        if (book.ReadString(data, 2, !book.biff8, format)) {
          book.formats[U16(record.data, 0)] = KindOfFormat(format);
        }
        break;
      }
      case 0x00E0:  // XF: ifmt at 2
        book.xf_format.push_back(U16(record.data, 2));
        break;
      default:
        break;
    }
  }
  if (reader.truncated()) book.problems.push_back("the workbook globals are cut short");
}

struct SheetText {
  std::vector<Cell> cells;
  std::vector<Cell> comments;
  std::vector<std::string> text_boxes;  // text boxes and shapes drawn on the sheet
  bool too_many_cells = false;
  bool truncated = false;
};

// Reads the records of one sheet substream, from its BOF to its EOF (charts embedded in the sheet
// are skipped), into a SheetText.
class SheetReader {
 public:
  SheetReader(const Workbook& book, std::uint64_t max_cells, SheetText& out)
      : book_(book), max_cells_(max_cells), out_(out) {}

  void Read(std::string_view stream, std::uint32_t offset) {
    RecordReader reader(stream, offset);
    Record record;
    if (!reader.Next(record) || !IsBof(record.type)) {
      out_.truncated = true;
      return;
    }
    int depth = 0;  // embedded substreams (charts) inside the sheet
    while (reader.Next(record)) {
      if (IsBof(record.type)) {
        ++depth;
      } else if (record.type == kEof) {
        if (depth-- == 0) return;
      } else if (depth == 0 && !CellRecord(record, reader)) {
        CommentRecord(record, reader);
      }
    }
    out_.truncated = true;  // no EOF: the stream ended inside the sheet
  }

 private:
  void Add(std::uint32_t row, std::uint32_t col, std::string text) {
    if (text.empty()) return;
    if (out_.cells.size() >= max_cells_) {
      out_.too_many_cells = true;
      return;
    }
    out_.cells.push_back({row, col, std::move(text)});
  }

  // A cell value record (or a formula's STRING): false if `record` is none of them.
  bool CellRecord(const Record& record, RecordReader& reader) {
    const std::string_view d = record.data;
    const std::uint32_t row = U16(d, 0);
    const std::uint32_t col = U16(d, 2);
    const std::uint16_t xf = U16(d, 4);
    switch (record.type) {
      case 0x00FD: {  // LABELSST
        const std::uint32_t index = U32(d, 6);
        if (index < book_.sst.size()) Add(row, col, book_.sst[index]);
        break;
      }
      case 0x0204:    // LABEL
      case 0x00D6: {  // RSTRING
        std::string text;
        if (book_.ReadString(Continued{std::string(d), {}}, 6, false, text)) Add(row, col, text);
        break;
      }
      case 0x0203:  // NUMBER
        Add(row, col, book_.ShowNumber(F64(d, 6), xf));
        break;
      case 0x027E:  // RK
        Add(row, col, book_.ShowNumber(DecodeRk(U32(d, 6)), xf));
        break;
      case 0x00BD: {  // MULRK
        // rgrkrec: (xf u16, rk u32) per cell from colFirst, then colLast u16.
        for (std::size_t at = 4, c = col; at + 6 + 2 <= d.size(); at += 6, ++c) {
          Add(row, static_cast<std::uint32_t>(c),
              book_.ShowNumber(DecodeRk(U32(d, at + 2)), U16(d, at)));
        }
        break;
      }
      case 0x0205: {  // BOOLERR
        const unsigned char value = d.size() > 6 ? static_cast<unsigned char>(d[6]) : 0;
        const bool error = d.size() > 7 && d[7] != 0;
        Add(row, col, error ? ErrorText(value) : value ? "TRUE" : "FALSE");
        break;
      }
      case 0x0006:    // FORMULA (BIFF5/8; BIFF2 below)
      case 0x0206:    // FORMULA (BIFF3)
      case 0x0406: {  // FORMULA (BIFF4): the cached result
        formula_string_ = false;
        if (book_.biff2) {
          if (d.size() >= 15) Add(row, col, FormatGeneral(F64(d, 7)));
        } else if (U16(d, 12) != 0xFFFF) {
          Add(row, col, book_.ShowNumber(F64(d, 6), xf));
        } else if (d.size() > 6 && d[6] == 0) {
          formula_string_ = true;  // the text follows in a STRING record
          formula_row_ = row;
          formula_col_ = col;
        } else if (d.size() > 8 && d[6] == 1) {
          Add(row, col, d[8] ? "TRUE" : "FALSE");
        } else if (d.size() > 8 && d[6] == 2) {
          Add(row, col, ErrorText(static_cast<unsigned char>(d[8])));
        }
        break;
      }
      case 0x0207: {  // STRING: a formula's text result
        if (!formula_string_) break;
        formula_string_ = false;
        std::string text;
        const Continued data = ReadContinued(record, reader);
        if (book_.ReadString(data, 0, false, text)) Add(formula_row_, formula_col_, text);
        break;
      }
      case 0x0004: {  // LABEL (BIFF2): row, col, 3 attribute bytes, cch u8, 8-bit characters
        const std::size_t cch = d.size() > 7 ? static_cast<unsigned char>(d[7]) : 0;
        std::string text;
        if (8 + cch <= d.size()) AppendLatin1(d.substr(8, cch), text);
        Add(row, col, text);
        break;
      }
      case 0x0003:  // NUMBER (BIFF2)
        if (d.size() >= 15) Add(row, col, FormatGeneral(F64(d, 7)));
        break;
      case 0x0002:  // INTEGER (BIFF2)
        if (d.size() >= 9) Add(row, col, std::to_string(U16(d, 7)));
        break;
      case 0x0007: {  // STRING (BIFF2): a formula's text result, cch u8
        if (!formula_string_) break;
        formula_string_ = false;
        const std::size_t cch = d.empty() ? 0 : static_cast<unsigned char>(d[0]);
        std::string text;
        if (1 + cch <= d.size()) AppendLatin1(d.substr(1, cch), text);
        Add(formula_row_, formula_col_, text);
        break;
      }
      default:
        return false;
    }
    return true;
  }

  // The records of cell comments: OBJ (its id), TXO + CONTINUE (its text), NOTE (its cell).
  void CommentRecord(const Record& record, RecordReader& reader) {
    const std::string_view d = record.data;
    const std::uint32_t row = U16(d, 0);
    const std::uint32_t col = U16(d, 2);
    switch (record.type) {
      case 0x005D:  // OBJ: ftCmo first (ft u16, cb u16, ot u16, id u16)
        if (U16(d, 0) == 0x15) {
          last_obj_type_ = U16(d, 4);
          last_obj_ = U16(d, 6);
        }
        break;
      case 0x01B6: {  // TXO: the text of a comment or text box, in the CONTINUE records after it
        const std::size_t cch = U16(d, 10);
        Record text_record;
        if (cch > 0 && reader.PeekType() == kContinue && reader.Next(text_record)) {
          Continued data{std::string(text_record.data), {}};
          while (reader.PeekType() == kContinue && data.data.size() < 1 + 2 * cch) {
            Record more;
            if (!reader.Next(more)) break;
            data.breaks.push_back(data.data.size());
            data.data.append(more.data);
          }
          std::string text;
          if (book_.biff8) {
            ReadUnicode(data.data, data.breaks, 0, cch, false, text);
          } else {
            AppendLatin1(std::string_view(data.data).substr(0, cch), text);
          }
          if (last_obj_type_ == kCommentObject) {
            comment_text_[last_obj_] = std::move(text);
          } else if (!text.empty()) {
            out_.text_boxes.push_back(std::move(text));  // a text box or shape on the sheet
          }
        }
        break;
      }
      case 0x001C: {  // NOTE: BIFF8 row, col, grbit, idObj; BIFF5 row, col, cch, text
        if (!book_.biff8) {
          const std::size_t cch = U16(d, 4);
          std::string text;
          if (6 + cch <= d.size()) AppendLatin1(d.substr(6, cch), text);
          if (row != 0xFFFF && !text.empty()) out_.comments.push_back({row, col, text});
          break;
        }
        const auto it = comment_text_.find(U16(d, 6));
        if (it != comment_text_.end() && !it->second.empty()) {
          out_.comments.push_back({row, col, it->second});
        }
        break;
      }
      default:
        break;
    }
  }

  const Workbook& book_;
  std::uint64_t max_cells_;
  SheetText& out_;
  static constexpr std::uint16_t kCommentObject = 0x19;  // OBJ type of a cell comment
  std::map<std::uint16_t, std::string> comment_text_;    // OBJ id -> TXO text
  std::uint16_t last_obj_ = 0;
  std::uint16_t last_obj_type_ = 0;
  std::uint32_t formula_row_ = 0;  // of a FORMULA whose text result follows in a STRING
  std::uint32_t formula_col_ = 0;
  bool formula_string_ = false;
};

void ReadSheet(std::string_view stream, const Sheet& sheet, const Workbook& book,
               std::uint64_t max_cells, SheetText& out) {
  SheetReader(book, max_cells, out).Read(stream, sheet.offset);
}

// Appends `text` to the document as one block of `part` at `locator`.
void AppendBlock(std::string_view text, TextPart part, std::string locator, Document& doc) {
  const std::size_t begin = doc.text.size();
  doc.replaced_invalid_bytes += AppendValidUtf8(text, doc.text);
  doc.blocks.push_back(TextBlock{.begin = begin,
                                 .end = doc.text.size(),
                                 .part = part,
                                 .label = {},
                                 .heading_level = 0,
                                 .locator = std::move(locator)});
}

void WriteSheet(SheetText& sheet, Document& doc) {
  std::stable_sort(sheet.cells.begin(), sheet.cells.end(), [](const Cell& a, const Cell& b) {
    return a.row != b.row ? a.row < b.row : a.col < b.col;
  });
  for (std::size_t i = 0; i < sheet.cells.size(); ++i) {
    const Cell& cell = sheet.cells[i];
    if (i > 0) {
      const Cell& previous = sheet.cells[i - 1];
      if (previous.row == cell.row && previous.col == cell.col) continue;  // a duplicate record
      doc.text.push_back(previous.row == cell.row ? '\t' : '\n');
    }
    AppendBlock(cell.text, TextPart::kTable, CellRef(cell.row, cell.col), doc);
  }
  if (!sheet.cells.empty()) doc.text.push_back('\n');
  for (const Cell& comment : sheet.comments) {
    AppendBlock(comment.text, TextPart::kComment, CellRef(comment.row, comment.col), doc);
    doc.text.push_back('\n');
  }
  for (const std::string& text : sheet.text_boxes) {
    AppendBlock(text, TextPart::kTextBox, "", doc);
    doc.text.push_back('\n');
  }
}

std::string Quote(const std::string& name) { return "'" + name + "'"; }

}  // namespace

void ReadWorkbook(OleFile& ole, const ExtractOptions& options, Document& doc) {
  doc.format = DocumentFormat::kXls;
  std::string stream;
  const char* name = ole.HasStream("Workbook")   ? "Workbook"
                     : ole.HasStream("Book")     ? "Book"
                     : ole.HasStream("WORKBOOK") ? "WORKBOOK"
                                                 : "BOOK";
  if (ole.ReadStream(name, options.max_file_bytes, stream) != OleFile::Read::kOk) {
    FailDocument(doc, ole.budget_exhausted() ? DocumentStatus::kTooLarge : DocumentStatus::kCorrupt,
                 "damaged Excel workbook: " + ole.failure());
    return;
  }
  if (U16(stream, 0) != kBof) {
    FailDocument(doc, DocumentStatus::kCorrupt,
                 "damaged Excel workbook: the " + std::string(name) +
                     " stream does not start with a BIFF5/BIFF8 BOF record");
    return;
  }
  Workbook book;
  ReadGlobals(stream, book);
  if (book.encrypted) {
    FailDocument(doc, DocumentStatus::kEncrypted,
                 "encrypted Excel workbook (password to open: RC4/CryptoAPI or XOR); remove the "
                 "password and save as XLSX");
    return;
  }
  std::vector<std::string> problems = book.problems;
  std::vector<std::string> hidden;
  int number = 0;
  for (const Sheet& sheet : book.sheets) {
    ++number;
    if (sheet.type == 2 || sheet.type == 6) continue;  // charts and VBA modules hold no cells
    if (sheet.state != 0) hidden.push_back(Quote(sheet.name));
    SheetText text;
    ReadSheet(stream, sheet, book, options.max_sheet_cells, text);
    if (text.truncated) problems.push_back("sheet " + Quote(sheet.name) + " is cut short");
    if (text.too_many_cells) {
      problems.push_back("sheet " + Quote(sheet.name) + " has more than " +
                         std::to_string(options.max_sheet_cells) +
                         " cells (max_sheet_cells); the rest was not read");
    }
    if (!doc.pages.empty()) doc.text.push_back('\f');
    const std::size_t begin = doc.text.size();
    WriteSheet(text, doc);
    doc.pages.push_back(
        Page{.number = number, .begin = begin, .end = doc.text.size(), .label = sheet.name});
    if (doc.text.size() > options.max_decompressed_bytes) {
      problems.push_back("the text is over " + FormatByteSize(options.max_decompressed_bytes) +
                         " (max_decompressed_bytes); the sheets after " + Quote(sheet.name) +
                         " were not read");
      break;
    }
  }
  if (doc.pages.empty()) doc.pages.push_back(Page{.number = 1, .begin = 0, .end = 0});
  std::string reason;
  for (const std::string& problem : problems) reason += (reason.empty() ? "" : "; ") + problem;
  if (!problems.empty()) {
    if (HasVisibleText(doc.text)) {
      doc.status = DocumentStatus::kPartial;
      doc.reason = "damaged or oversized Excel workbook: " + reason;
    } else {
      FailDocument(doc, DocumentStatus::kCorrupt, "damaged Excel workbook: " + reason);
    }
    return;
  }
  if (!HasVisibleText(doc.text)) {
    doc.status = DocumentStatus::kEmpty;
    doc.reason = "no text found (no cells with values)";
    return;
  }
  doc.status = DocumentStatus::kOk;
  if (!hidden.empty()) {
    std::string names;
    for (const std::string& sheet_name : hidden) names += (names.empty() ? "" : ", ") + sheet_name;
    doc.reason = "hidden sheets read too: " + names;
  }
}

bool IsOldExcelWorksheet(std::string_view bytes) {
  // BOF of BIFF2 (0x0009), BIFF3 (0x0209), BIFF4 (0x0409), 4-6 bytes long, whose substream type
  // is a worksheet (0x10), chart (0x20), macro sheet (0x40) or BIFF4 workbook (0x100).
  if (bytes.size() < 8) return false;
  const std::uint16_t type = U16(bytes, 0);
  const std::uint16_t length = U16(bytes, 2);
  if ((type != 0x0009 && type != 0x0209 && type != 0x0409) || length < 4 || length > 6) {
    return false;
  }
  const std::uint16_t kind = U16(bytes, 6);
  return kind == 0x10 || kind == 0x20 || kind == 0x40 || kind == 0x100;
}

void ExtractOldExcel(std::string_view bytes, const ExtractOptions& options, Document& doc) {
  doc.format = DocumentFormat::kXls;
  Workbook book;
  book.biff8 = false;
  book.biff2 = U16(bytes, 0) == 0x0009;
  if (U16(bytes, 6) == 0x100) {
    FailDocument(doc, DocumentStatus::kUnsupported,
                 "Excel 4.0 workbook (BIFF4W, pre-OLE2) is not supported; open it in Excel or "
                 "LibreOffice and save as XLSX");
    return;
  }
  SheetText text;
  ReadSheet(bytes, Sheet{}, book, options.max_sheet_cells, text);
  WriteSheet(text, doc);
  // A worksheet file has no sheet name: Excel shows the file's name.
  std::string label = std::filesystem::path(doc.path).stem().string();
  doc.pages.push_back(Page{.number = 1, .begin = 0, .end = doc.text.size(), .label = label});
  std::string problem;
  if (text.too_many_cells) {
    problem = "more than " + std::to_string(options.max_sheet_cells) +
              " cells (max_sheet_cells); the rest was not read";
  } else if (text.truncated) {
    problem = "the worksheet is cut short";
  }
  if (!problem.empty()) {
    if (HasVisibleText(doc.text)) {
      doc.status = DocumentStatus::kPartial;
      doc.reason = "damaged or oversized Excel 2-4 worksheet: " + problem;
    } else {
      FailDocument(doc, DocumentStatus::kCorrupt, "damaged Excel 2-4 worksheet: " + problem);
    }
    return;
  }
  if (!HasVisibleText(doc.text)) {
    FailDocument(doc, DocumentStatus::kEmpty, "no text found (no cells with values)");
    return;
  }
  doc.status = DocumentStatus::kOk;
  doc.reason = "Excel 2-4 worksheet: numbers shown without their formats (dates as serials)";
}

}  // namespace trustscreen::extract::internal
