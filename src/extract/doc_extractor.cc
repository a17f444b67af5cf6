// Word 97-2003 .doc ([MS-DOC]) and Word 6/95: the character positions (CPs) of every story, read
// through the piece table (CLX) of the table stream, with tracked deletions and insertions from
// the character properties (CHPX) and table cells from the paragraph properties (PAPX).
//
// Chosen over libwv, antiword, catdoc and LibreOffice by measurement (docs/formats.md): libwv
// crashes on a fuzzed file in-process, the CLIs lose stories or structure, LibreOffice takes
// seconds per file. Everything read from the file is bounds-checked; the text is never longer
// than the WordDocument stream (each character is stored at least once), so a hostile piece
// table cannot amplify it.
#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "extractors.h"
#include "ole_readers.h"
#include "trustscreen/core/utf8.h"
#include "utf8.h"
#include "xml_text.h"

namespace trustscreen::extract::internal {
namespace {

constexpr std::uint16_t kWord97Ident = 0xA5EC;
constexpr std::uint16_t kWord6Ident = 0xA5DC;
constexpr std::size_t kFkpPageBytes = 512;

std::uint16_t U16(std::string_view s, std::size_t at) {
  if (at + 2 > s.size()) return 0;
  return static_cast<std::uint16_t>(static_cast<unsigned char>(s[at]) |
                                    static_cast<unsigned char>(s[at + 1]) << 8);
}

std::uint32_t U32(std::string_view s, std::size_t at) {
  if (at + 4 > s.size()) return 0;
  return static_cast<std::uint32_t>(U16(s, at)) | static_cast<std::uint32_t>(U16(s, at + 2)) << 16;
}

// The stories of a Word document in CP order ([MS-DOC] 2.3.1 ff.).
enum Story { kMain, kFootnotes, kHeaders, kMacros, kComments, kEndnotes, kTextBoxes, kHeaderBoxes };
constexpr int kStoryCount = 8;

struct FcLcb {
  std::uint32_t fc = 0;
  std::uint32_t lcb = 0;
};

struct Fib {
  bool word97 = false;  // false: Word 6/95
  bool complex = false;
  bool encrypted = false;
  bool table1 = false;  // the table stream is "1Table" (else "0Table")
  std::uint32_t fc_min = 0;
  std::uint32_t fc_mac = 0;
  std::array<std::uint32_t, kStoryCount> ccp = {};
  FcLcb clx, bte_chpx, bte_papx, hdd;
};

Fib ReadFib(std::string_view word) {
  Fib fib;
  fib.word97 = U16(word, 0) == kWord97Ident;
  const std::uint16_t flags = U16(word, 0x0A);
  fib.complex = (flags & 0x0004) != 0;
  fib.encrypted = (flags & 0x0100) != 0;
  fib.table1 = (flags & 0x0200) != 0;
  fib.fc_min = U32(word, 0x18);
  fib.fc_mac = U32(word, 0x1C);
  if (fib.word97) {
    for (int i = 0; i < kStoryCount; ++i) fib.ccp[i] = U32(word, 0x4C + 4 * i);
    auto fc_lcb = [&](int index) {
      return FcLcb{U32(word, 0x9A + 8 * index), U32(word, 0x9E + 8 * index)};
    };
    fib.hdd = fc_lcb(11);
    fib.bte_chpx = fc_lcb(12);
    fib.bte_papx = fc_lcb(13);
    fib.clx = fc_lcb(33);
  } else {
    for (int i = 0; i < kStoryCount; ++i) fib.ccp[i] = U32(word, 0x34 + 4 * i);
    fib.hdd = {U32(word, 0xF0), U32(word, 0xF4)};
    fib.clx = {U32(word, 0x160), U32(word, 0x164)};
  }
  return fib;
}

// One piece of the piece table: CPs [cp, cp_end) stored at byte `fc` of the WordDocument stream,
// as cp1252 bytes (compressed) or UTF-16LE.
struct Piece {
  std::uint32_t cp = 0;
  std::uint32_t cp_end = 0;
  std::uint32_t fc = 0;
  bool compressed = false;
};

// Parses the CLX ([MS-DOC] 2.9.38): Prc entries (skipped) then one Pcdt. Empty on damage.
std::vector<Piece> ReadPieceTable(std::string_view clx, bool word97) {
  std::size_t at = 0;
  while (at < clx.size() && clx[at] == 0x01) {
    at += 3 + U16(clx, at + 1);
  }
  if (at + 5 > clx.size() || clx[at] != 0x02) return {};
  const std::uint32_t lcb = U32(clx, at + 1);
  const std::string_view plc = clx.substr(at + 5);
  if (lcb > plc.size() || lcb < 4 || (lcb - 4) % 12 != 0) return {};
  const std::size_t n = (lcb - 4) / 12;
  std::vector<Piece> pieces;
  pieces.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    Piece piece;
    piece.cp = U32(plc, 4 * i);
    piece.cp_end = U32(plc, 4 * (i + 1));
    const std::uint32_t fc = U32(plc, 4 * (n + 1) + 8 * i + 2);
    if (word97) {
      piece.compressed = (fc & 0x40000000u) != 0;
      piece.fc = piece.compressed ? (fc & ~0x40000000u) / 2 : fc;
    } else {
      piece.compressed = true;  // Word 6/95 stores 8-bit text
      piece.fc = fc;
    }
    if (piece.cp_end < piece.cp) return {};
    pieces.push_back(piece);
  }
  return pieces;
}

// Character or paragraph property runs by file offset, from the FKPs of a PlcfBte.
struct Run {
  std::uint32_t fc = 0;
  std::uint32_t fc_end = 0;
  std::uint8_t flags = 0;
};
constexpr std::uint8_t kDeleted = 1;
constexpr std::uint8_t kInserted = 2;
constexpr std::uint8_t kInTable = 4;

// Operand size of a Word 97 sprm ([MS-DOC] 2.2.5.1), or nullopt when it runs past `grpprl`.
std::optional<std::size_t> SprmSize(std::string_view grpprl, std::size_t at) {
  const std::uint16_t sprm = U16(grpprl, at);
  switch (sprm >> 13) {
    case 0:
    case 1:
      return 2 + 1;
    case 2:
    case 4:
    case 5:
      return 2 + 2;
    case 3:
      return 2 + 4;
    case 7:
      return 2 + 3;
    default:                                   // 6: variable
      if (sprm == 0xD608 || sprm == 0xD606) {  // sprmTDefTable(10): a 2-byte size
        if (at + 4 > grpprl.size()) return std::nullopt;
        return 2 + 2 + static_cast<std::size_t>(U16(grpprl, at + 2)) - 1;
      }
      if (at + 3 > grpprl.size()) return std::nullopt;
      return 2 + 1 + static_cast<unsigned char>(grpprl[at + 2]);
  }
}

// The flags that a grpprl sets: tracked deletion/insertion (CHPX), in a table (PAPX).
std::uint8_t SprmFlags(std::string_view grpprl) {
  std::uint8_t flags = 0;
  std::size_t at = 0;
  while (at + 2 <= grpprl.size()) {
    const std::optional<std::size_t> size = SprmSize(grpprl, at);
    if (!size || at + *size > grpprl.size()) break;
    const std::uint16_t sprm = U16(grpprl, at);
    const unsigned char operand = *size > 2 ? static_cast<unsigned char>(grpprl[at + 2]) : 0;
    const bool on = operand == 1 || operand == 0x81;
    if (sprm == 0x0800 && on) flags |= kDeleted;                       // sprmCFRMarkDel
    if (sprm == 0x0801 && on) flags |= kInserted;                      // sprmCFRMarkIns
    if (sprm == 0x2416 && operand != 0) flags |= kInTable;             // sprmPFInTable
    if (sprm == 0x6649 && U32(grpprl, at + 2) > 0) flags |= kInTable;  // sprmPItap
    at += *size;
  }
  return flags;
}

// Reads every FKP named by the PlcfBte `plc` from `word`. `paragraphs`: PAPX FKPs (13-byte BX
// entries, istd before the grpprl), else CHPX FKPs.
std::vector<Run> ReadRuns(std::string_view word, std::string_view plc, bool paragraphs) {
  std::vector<Run> runs;
  if (plc.size() < 4 || (plc.size() - 4) % 8 != 0) return runs;
  const std::size_t n = (plc.size() - 4) / 8;
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint64_t page = (U32(plc, 4 * (n + 1) + 4 * i) & 0x3FFFFF) * kFkpPageBytes;
    if (page + kFkpPageBytes > word.size()) continue;
    const std::string_view fkp = word.substr(page, kFkpPageBytes);
    const std::size_t count = static_cast<unsigned char>(fkp[511]);
    const std::size_t entry = paragraphs ? 13 : 1;
    if (4 * (count + 1) + entry * count > 511) continue;
    for (std::size_t r = 0; r < count; ++r) {
      Run run{U32(fkp, 4 * r), U32(fkp, 4 * (r + 1)), 0};
      const std::size_t offset =
          2 *
          static_cast<std::size_t>(static_cast<unsigned char>(fkp[4 * (count + 1) + entry * r]));
      if (offset != 0 && offset < 511) {
        if (paragraphs) {
          std::size_t cb = static_cast<unsigned char>(fkp[offset]);
          std::size_t start = offset + 1;
          if (cb == 0 && offset + 1 < 511) {
            cb = 2 * static_cast<std::size_t>(static_cast<unsigned char>(fkp[offset + 1]));
            start = offset + 2;
          } else {
            cb = 2 * cb - 1;
          }
          if (cb >= 2 && start + cb <= 511) run.flags = SprmFlags(fkp.substr(start + 2, cb - 2));
        } else {
          const std::size_t cb = static_cast<unsigned char>(fkp[offset]);
          if (offset + 1 + cb <= 511) run.flags = SprmFlags(fkp.substr(offset + 1, cb));
        }
      }
      if (run.flags != 0 && run.fc_end > run.fc) runs.push_back(run);
    }
  }
  std::sort(runs.begin(), runs.end(), [](const Run& a, const Run& b) { return a.fc < b.fc; });
  return runs;
}

std::uint8_t FlagsAt(const std::vector<Run>& runs, std::uint32_t fc) {
  auto it = std::upper_bound(runs.begin(), runs.end(), fc,
                             [](std::uint32_t value, const Run& run) { return value < run.fc; });
  if (it == runs.begin()) return 0;
  --it;
  return fc < it->fc_end ? it->flags : 0;
}

// cp1252 bytes 0x80-0x9F as Unicode (the rest of the range is Latin-1).
char16_t FromCp1252(unsigned char c) {
  static constexpr char16_t kHigh[32] = {
      0x20AC, 0x81,   0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
      0x2039, 0x0152, 0x8D,   0x017D, 0x8F,   0x90,   0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
      0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D,   0x017E, 0x0178};
  return c >= 0x80 && c < 0xA0 ? kHigh[c - 0x80] : c;
}

// The document's characters by CP, each with its run flags.
struct CharStream {
  std::u16string chars;
  std::vector<std::uint8_t> flags;
  bool truncated = false;  // a piece pointed outside the WordDocument stream
};

CharStream Decode(std::string_view word, const std::vector<Piece>& pieces,
                  const std::vector<Run>& chpx, const std::vector<Run>& papx) {
  CharStream out;
  for (const Piece& piece : pieces) {
    const std::uint64_t count = piece.cp_end - piece.cp;
    const std::uint64_t width = piece.compressed ? 1 : 2;
    if (piece.cp != out.chars.size() || piece.fc + count * width > word.size() ||
        out.chars.size() + count > word.size()) {
      out.truncated = true;
      break;
    }
    for (std::uint64_t i = 0; i < count; ++i) {
      const std::uint32_t fc = static_cast<std::uint32_t>(piece.fc + i * width);
      out.chars.push_back(piece.compressed ? FromCp1252(static_cast<unsigned char>(word[fc]))
                                           : static_cast<char16_t>(U16(word, fc)));
      out.flags.push_back(static_cast<std::uint8_t>(FlagsAt(chpx, fc) | FlagsAt(papx, fc)));
    }
  }
  return out;
}

// Writes CPs [begin, end) of `stream` as paragraphs of `part` (tracked changes and table cells
// as their own parts), dropping field instructions and Word's control characters.
class StoryWriter {
 public:
  StoryWriter(const CharStream& stream, Document& doc) : stream_(stream), doc_(doc) {}

  void Write(std::size_t begin, std::size_t end, TextPart part) {
    end = std::min(end, stream_.chars.size());
    fields_.clear();
    for (std::size_t cp = begin; cp < end; ++cp) {
      const char16_t c = stream_.chars[cp];
      const std::uint8_t flags = stream_.flags[cp];
      switch (c) {
        case 0x13:
          fields_.push_back(true);
          continue;
        case 0x14:
          if (!fields_.empty()) fields_.back() = false;
          continue;
        case 0x15:
          if (!fields_.empty()) fields_.pop_back();
          continue;
        default:
          break;
      }
      if (std::find(fields_.begin(), fields_.end(), true) != fields_.end()) continue;
      if (c == 0x0D || c == 0x07 || c == 0x0C) {
        Flush();
        continue;
      }
      char32_t code = c;
      if (c >= 0xD800 && c < 0xDC00 && cp + 1 < end && stream_.chars[cp + 1] >= 0xDC00 &&
          stream_.chars[cp + 1] < 0xE000) {
        code = 0x10000 + ((c - 0xD800) << 10) + (stream_.chars[cp + 1] - 0xDC00);
        ++cp;
      } else if (c >= 0xD800 && c < 0xE000) {
        code = 0xFFFD;
      }
      std::string utf8;
      if (code == 0x09 || code == 0x0B) {
        utf8 = code == 0x09 ? "\t" : "\n";
      } else if (code == 0x1E || code == 0x2011) {
        utf8 = "-";
      } else if (code < 0x20 || code == 0x1F) {
        continue;  // anchors of pictures, notes, comments, drawn objects; soft hyphens
      } else {
        AppendUtf8(code, utf8);
      }
      paragraph_.Append(SegmentPart(part, flags), utf8);
    }
    Flush();
  }

 private:
  TextPart SegmentPart(TextPart part, std::uint8_t flags) const {
    if (flags & kDeleted) return TextPart::kDeleted;
    if (flags & kInserted) return TextPart::kInserted;
    if (part == TextPart::kBody && (flags & kInTable)) return TextPart::kTable;
    return part;
  }
  void Flush() {
    if (!paragraph_.empty()) AppendParagraph(paragraph_, doc_);
    paragraph_ = Paragraph();
  }

  const CharStream& stream_;
  Document& doc_;
  Paragraph paragraph_;
  std::vector<bool> fields_;  // open fields: true while in the instruction
};

// Header story CPs split into headers and footers by the PlcfHdd ([MS-DOC] 2.9.95): six
// separator stories, then per section even/odd header, even/odd footer, first header/footer.
void WriteHeaders(StoryWriter& writer, std::string_view plc, std::size_t begin, std::size_t end) {
  if (plc.size() < 8 || plc.size() % 4 != 0) {
    writer.Write(begin, end, TextPart::kHeader);
    return;
  }
  const std::size_t n = plc.size() / 4 - 1;
  for (std::size_t i = 6; i < n; ++i) {
    const std::size_t from = begin + U32(plc, 4 * i);
    const std::size_t to = std::min<std::size_t>(begin + U32(plc, 4 * (i + 1)), end);
    if (from >= to) continue;
    const std::size_t kind = (i - 6) % 6;
    const bool footer = kind == 2 || kind == 3 || kind == 5;
    writer.Write(from, to, footer ? TextPart::kFooter : TextPart::kHeader);
  }
}

}  // namespace

void ReadWordDocument(OleFile& ole, const ExtractOptions& options, Document& doc) {
  doc.format = DocumentFormat::kDoc;
  std::string word;
  if (ole.ReadStream("WordDocument", options.max_file_bytes, word) != OleFile::Read::kOk) {
    FailDocument(doc, ole.budget_exhausted() ? DocumentStatus::kTooLarge : DocumentStatus::kCorrupt,
                 "damaged Word document: " + ole.failure());
    return;
  }
  const std::uint16_t ident = U16(word, 0);
  if (word.size() < 0x200 || (ident != kWord97Ident && ident != kWord6Ident)) {
    FailDocument(doc, DocumentStatus::kCorrupt,
                 "damaged Word document: the WordDocument stream has no Word 6-2003 header");
    return;
  }
  const Fib fib = ReadFib(word);
  if (fib.encrypted) {
    FailDocument(doc, DocumentStatus::kEncrypted,
                 "encrypted Word document (password to open: RC4/CryptoAPI or XOR); remove the "
                 "password and save as DOCX");
    return;
  }
  std::string table;
  if (fib.word97) {
    const char* name = fib.table1 ? "1Table" : "0Table";
    if (ole.ReadStream(name, options.max_file_bytes, table) != OleFile::Read::kOk) {
      FailDocument(doc,
                   ole.budget_exhausted() ? DocumentStatus::kTooLarge : DocumentStatus::kCorrupt,
                   "damaged Word document: " + ole.failure());
      return;
    }
  } else {
    table = word;  // Word 6/95 keep their tables in the WordDocument stream
  }
  auto slice = [&table](FcLcb where) -> std::string_view {
    if (where.lcb == 0 || where.fc > table.size() || where.lcb > table.size() - where.fc) return {};
    return std::string_view(table).substr(where.fc, where.lcb);
  };

  std::vector<Piece> pieces;
  if (fib.word97 || fib.complex) pieces = ReadPieceTable(slice(fib.clx), fib.word97);
  if (pieces.empty() && !fib.word97 && fib.fc_mac > fib.fc_min) {
    pieces.push_back({0, fib.fc_mac - fib.fc_min, fib.fc_min, true});  // Word 6 non-complex
  }
  if (pieces.empty()) {
    FailDocument(doc, DocumentStatus::kCorrupt,
                 "damaged Word document: the piece table (text positions) cannot be read");
    return;
  }
  const std::vector<Run> chpx =
      fib.word97 ? ReadRuns(word, slice(fib.bte_chpx), false) : std::vector<Run>();
  const std::vector<Run> papx =
      fib.word97 ? ReadRuns(word, slice(fib.bte_papx), true) : std::vector<Run>();
  const CharStream stream = Decode(word, pieces, chpx, papx);

  std::array<std::size_t, kStoryCount + 1> start = {};
  for (int i = 0; i < kStoryCount; ++i) start[i + 1] = start[i] + fib.ccp[i];
  const bool short_text = start[kStoryCount] > stream.chars.size();

  StoryWriter writer(stream, doc);
  writer.Write(start[kMain], start[kMain + 1], TextPart::kBody);
  writer.Write(start[kTextBoxes], start[kTextBoxes + 1], TextPart::kTextBox);
  WriteHeaders(writer, slice(fib.hdd), start[kHeaders], start[kHeaders + 1]);
  writer.Write(start[kHeaderBoxes], start[kHeaderBoxes + 1], TextPart::kTextBox);
  writer.Write(start[kFootnotes], start[kFootnotes + 1], TextPart::kFootnote);
  writer.Write(start[kEndnotes], start[kEndnotes + 1], TextPart::kEndnote);
  writer.Write(start[kComments], start[kComments + 1], TextPart::kComment);

  doc.pages.push_back(Page{.number = 1, .begin = 0, .end = doc.text.size()});
  if (stream.truncated || short_text) {
    const std::string what = stream.truncated
                                 ? "the piece table points outside the WordDocument stream"
                                 : "the text is shorter than the story lengths in the header";
    if (HasVisibleText(doc.text)) {
      doc.status = DocumentStatus::kPartial;
      doc.reason = "damaged Word document: " + what + "; only the text before it was read";
    } else {
      FailDocument(doc, DocumentStatus::kCorrupt, "damaged Word document: " + what);
    }
    return;
  }
  if (!HasVisibleText(doc.text)) {
    doc.status = DocumentStatus::kEmpty;
    doc.reason = "no text found";
    return;
  }
  doc.status = DocumentStatus::kOk;
  if (!fib.word97) doc.reason = "Word 6/95 document: tracked changes and tables are not marked";
}

}  // namespace trustscreen::extract::internal
