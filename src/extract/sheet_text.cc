#include "sheet_text.h"

#include <algorithm>
#include <utility>

#include "extractors.h"
#include "utf8.h"
#include "xml_reader.h"

namespace trustscreen::extract::internal {

std::string CellRef(std::uint64_t row, std::uint64_t column) {
  std::string letters;
  for (std::uint64_t n = column + 1; n > 0; n = (n - 1) / 26) {
    letters.insert(letters.begin(), static_cast<char>('A' + (n - 1) % 26));
  }
  return letters + std::to_string(row + 1);
}

bool ParseCellRef(std::string_view ref, std::uint64_t& row, std::uint64_t& column) {
  std::size_t i = 0;
  if (i < ref.size() && ref[i] == '$') ++i;
  std::uint64_t col = 0;
  const std::size_t letters_begin = i;
  // Seven letters reach far past any real sheet (XFD is the last Excel column) without overflow.
  for (; i < ref.size() && i - letters_begin < 7; ++i) {
    const char c = ref[i];
    if (c >= 'A' && c <= 'Z') {
      col = col * 26 + static_cast<std::uint64_t>(c - 'A' + 1);
    } else if (c >= 'a' && c <= 'z') {
      col = col * 26 + static_cast<std::uint64_t>(c - 'a' + 1);
    } else {
      break;
    }
  }
  if (i == letters_begin) return false;
  if (i < ref.size() && ref[i] == '$') ++i;
  std::uint64_t r = 0;
  const std::size_t digits_begin = i;
  for (; i < ref.size() && i - digits_begin < 10; ++i) {
    if (ref[i] < '0' || ref[i] > '9') return false;
    r = r * 10 + static_cast<std::uint64_t>(ref[i] - '0');
  }
  if (i == digits_begin || i != ref.size() || r == 0) return false;
  row = r - 1;
  column = col - 1;
  return true;
}

void PageTextWriter::BeginPage(int number, std::string label) {
  EndPage();
  if (!doc_.pages.empty()) doc_.text.push_back('\f');
  page_ = Page{.number = number, .begin = doc_.text.size(), .end = 0, .label = std::move(label)};
  open_ = true;
}

void PageTextWriter::EndPage() {
  if (!open_) return;
  open_ = false;
  for (Note& note : notes_) {
    const std::size_t begin = doc_.text.size();
    AppendClean(note.text);
    doc_.blocks.push_back(TextBlock{.begin = begin,
                                    .end = doc_.text.size(),
                                    .part = note.part,
                                    .label = {},
                                    .heading_level = 0,
                                    .locator = std::move(note.locator)});
    doc_.text.push_back('\n');
  }
  notes_.clear();
  page_.end = doc_.text.size();
  doc_.pages.push_back(std::move(page_));
  if (options_.on_page) options_.on_page();
}

void PageTextWriter::AppendClean(std::string_view text) {
  const std::size_t begin = doc_.text.size();
  doc_.replaced_invalid_bytes += AppendValidUtf8(text, doc_.text);
  for (std::size_t i = begin; i < doc_.text.size(); ++i) {
    char& c = doc_.text[i];
    if (c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') c = ' ';
  }
  if (!has_text_ && HasVisibleText(std::string_view(doc_.text).substr(begin))) has_text_ = true;
}

void PageTextWriter::AddRow(std::uint64_t row, const std::vector<SheetCell>& cells) {
  bool first = true;
  for (const SheetCell& cell : cells) {
    if (cell.text.empty()) continue;
    if (!first) doc_.text.push_back('\t');
    first = false;
    const std::size_t begin = doc_.text.size();
    AppendClean(cell.text);
    doc_.blocks.push_back(TextBlock{.begin = begin,
                                    .end = doc_.text.size(),
                                    .part = TextPart::kTable,
                                    .label = {},
                                    .heading_level = 0,
                                    .locator = CellRef(row, cell.column)});
  }
  if (!first) doc_.text.push_back('\n');
}

void PageTextWriter::AddCellNote(std::uint64_t row, std::uint64_t column, TextPart part,
                                 std::string text) {
  if (!HasVisibleText(text)) return;
  notes_.push_back(Note{CellRef(row, column), part, std::move(text)});
}

void PageTextWriter::AddParagraph(TextPart part, std::string_view text) {
  if (!HasVisibleText(text)) return;
  const std::size_t begin = doc_.text.size();
  AppendClean(text);
  doc_.blocks.push_back(TextBlock{.begin = begin,
                                  .end = doc_.text.size(),
                                  .part = part,
                                  .label = {},
                                  .heading_level = 0,
                                  .locator = {}});
  doc_.text.push_back('\n');
}

void CellLimits::BeginSheet(std::string_view name) {
  name_ = name;
  sheet_ = 0;
  sheet_full_ = false;
}

std::uint64_t CellLimits::Take(std::uint64_t count) {
  if (sheet_full_ || file_full_) return 0;
  const std::uint64_t sheet_room = max_sheet_ > sheet_ ? max_sheet_ - sheet_ : 0;
  const std::uint64_t file_room = max_file_ > file_ ? max_file_ - file_ : 0;
  const std::uint64_t taken = std::min({count, sheet_room, file_room});
  sheet_ += taken;
  file_ += taken;
  if (taken < count) {
    if (file_room <= sheet_room) {
      file_full_ = true;
      reasons_.push_back("sheet '" + name_ + "': the file has more than " +
                         std::to_string(max_file_) +
                         " cells (max_cells); the rest of the workbook not read");
    } else {
      sheet_full_ = true;
      reasons_.push_back("sheet '" + name_ + "': more than " + std::to_string(max_sheet_) +
                         " cells (max_sheet_cells); the rest of the sheet not read");
    }
  }
  return taken;
}

void PartProblems::Add(DocumentStatus problem_status, std::string reason) {
  if (reasons.empty()) status = problem_status;
  reasons.push_back(std::move(reason));
}

XmlPackage::Read ReadPackagePart(XmlPackage& package, std::string_view name, std::string& xml,
                                 DocumentStatus& status, std::string& problem) {
  const XmlPackage::Read read = package.ReadPart(name, xml);
  if (read == XmlPackage::Read::kFailed) {
    status = package.failure_status();
    problem = package.failure();
  } else if (read == XmlPackage::Read::kOk && HasDoctype(xml)) {
    xml.clear();
    status = DocumentStatus::kCorrupt;
    problem = std::string(name) + " declares a DTD, which Office formats never do; not parsed";
    return XmlPackage::Read::kFailed;
  }
  return read;
}

namespace {

std::string JoinReasons(const std::vector<std::string>& reasons) {
  std::string out;
  for (const std::string& reason : reasons) out += (out.empty() ? "" : "; ") + reason;
  return out;
}

}  // namespace

void FinishPagedDocument(const PartProblems& problems, const std::vector<std::string>& truncated,
                         std::string_view kind, std::string_view unit, std::string note,
                         bool has_text, Document& doc) {
  const std::string prefix =
      problems.status == DocumentStatus::kCorrupt ? "damaged " + std::string(kind) + ": " : "";
  if (!has_text) {
    if (!problems.empty()) {
      FailDocument(doc, problems.status, prefix + JoinReasons(problems.reasons));
    } else if (!truncated.empty()) {
      FailDocument(doc, DocumentStatus::kTooLarge, JoinReasons(truncated));
    } else {
      doc.status = DocumentStatus::kEmpty;
      doc.reason = "no text found";
    }
    return;
  }
  std::string reason;
  if (!problems.empty()) {
    reason =
        prefix + JoinReasons(problems.reasons) + "; the other " + std::string(unit) + " were read";
  }
  if (!truncated.empty()) reason += (reason.empty() ? "" : "; ") + JoinReasons(truncated);
  if (!reason.empty()) {
    if (!note.empty()) reason += "; " + note;
    doc.status = DocumentStatus::kPartial;
    doc.reason = std::move(reason);
    return;
  }
  doc.status = DocumentStatus::kOk;
  doc.reason = std::move(note);
}

}  // namespace trustscreen::extract::internal
