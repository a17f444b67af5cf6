// Plain text: UTF-8 (repaired where invalid), UTF-16 with a byte order mark, or Windows-1252 when
// the bytes are clearly 8-bit text rather than UTF-8.
#include <cstring>
#include <string>
#include <string_view>

#include "extractors.h"
#include "utf8.h"

namespace trustscreen::extract::internal {
namespace {

std::string ReplacedReason(std::uint64_t replaced, std::string_view encoding,
                           std::string_view unit) {
  return std::to_string(replaced) + " invalid " + std::string(encoding) + " " + std::string(unit) +
         (replaced == 1 ? "" : "s") + " replaced with U+FFFD";
}

// iCalendar (.ics) and vCard (.vcf) text (RFC 5545, RFC 6350): folded lines joined (a line break
// followed by a space or tab continues the line) and escapes undone ("\n" a line break, "\," a
// comma), so that a meeting's description or a contact's organisation reads as written.
std::string UnfoldCalendarText(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\r' || c == '\n') {
      std::size_t next = i + 1;
      if (c == '\r' && next < text.size() && text[next] == '\n') ++next;
      if (next < text.size() && (text[next] == ' ' || text[next] == '\t')) {
        i = next;  // a folded line: the break and the one white space character go
        continue;
      }
      out.push_back('\n');
      i = next - 1;
      continue;
    }
    if (c == '\\' && i + 1 < text.size()) {
      const char escaped = text[i + 1];
      if (escaped == 'n' || escaped == 'N') {
        out.push_back('\n');
        ++i;
        continue;
      }
      if (escaped == ',' || escaped == ';' || escaped == '\\') {
        out.push_back(escaped);
        ++i;
        continue;
      }
    }
    out.push_back(c);
  }
  return out;
}

}  // namespace

bool DecodePlainText(std::string_view bytes, Document& doc, std::string& text, std::string& note) {
  using namespace std::string_view_literals;
  std::string_view encoding = "UTF-8";
  std::string_view unit = "byte";
  if (bytes.starts_with("\xFF\xFE"sv) || bytes.starts_with("\xFE\xFF"sv)) {
    const bool big_endian = bytes[0] == '\xFE';
    encoding = big_endian ? "UTF-16BE" : "UTF-16LE";
    doc.encoding = big_endian ? "utf-16be" : "utf-16le";
    unit = "code unit";
    doc.replaced_invalid_bytes = AppendUtf16AsUtf8(bytes.substr(2), big_endian, text);
  } else {
    if (bytes.starts_with("\xEF\xBB\xBF"sv)) bytes.remove_prefix(3);
    // Sniffing saw only the head; a NUL further on still means this is not text.
    if (std::memchr(bytes.data(), '\0', bytes.size()) != nullptr) {
      doc.format = DocumentFormat::kUnknown;
      doc.status = DocumentStatus::kUnsupported;
      doc.reason =
          "binary content (NUL bytes) in a " + LowerExtension(doc.path) + " file; not plain text";
      return false;
    }
    if (PreferWindows1252(bytes)) {
      // Every byte means something in cp1252 (a superset of the printable Latin-1 range), so
      // nothing is replaced; the note still says that the encoding was a guess.
      doc.encoding = "windows-1252";
      AppendWindows1252AsUtf8(bytes, text);
      note = "decoded as Windows-1252 (not valid UTF-8)";
      return true;
    }
    doc.encoding = "utf-8";
    doc.replaced_invalid_bytes = AppendValidUtf8(bytes, text);
  }
  if (doc.replaced_invalid_bytes > 0) {
    note = ReplacedReason(doc.replaced_invalid_bytes, encoding, unit);
  }
  return true;
}

void ExtractText(std::string_view bytes, Document& doc) {
  doc.format = DocumentFormat::kText;
  std::string note;
  if (!DecodePlainText(bytes, doc, doc.text, note)) return;
  const std::string ext = LowerExtension(doc.path);
  if (ext == ".ics" || ext == ".vcf") doc.text = UnfoldCalendarText(doc.text);
  doc.pages.push_back(Page{.number = 1, .begin = 0, .end = doc.text.size()});
  if (!HasVisibleText(doc.text)) {
    doc.status = DocumentStatus::kEmpty;
    doc.reason = "no text found";
    return;
  }
  doc.status = DocumentStatus::kOk;
  // Still ok: the text was read and screened; the reason tells the user why some characters may
  // look odd.
  doc.reason = std::move(note);
}

}  // namespace trustscreen::extract::internal
