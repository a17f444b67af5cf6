// Plain text: UTF-8 (repaired where invalid) or UTF-16 with a byte order mark.
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

}  // namespace

void ExtractText(std::string_view bytes, Document& doc) {
  using namespace std::string_view_literals;
  doc.format = DocumentFormat::kText;
  std::string_view encoding = "UTF-8";
  std::string_view unit = "byte";
  if (bytes.starts_with("\xFF\xFE"sv) || bytes.starts_with("\xFE\xFF"sv)) {
    const bool big_endian = bytes[0] == '\xFE';
    encoding = big_endian ? "UTF-16BE" : "UTF-16LE";
    unit = "code unit";
    doc.replaced_invalid_bytes = AppendUtf16AsUtf8(bytes.substr(2), big_endian, doc.text);
  } else {
    if (bytes.starts_with("\xEF\xBB\xBF"sv)) bytes.remove_prefix(3);
    // Sniffing saw only the head; a NUL further on still means this is not text.
    if (std::memchr(bytes.data(), '\0', bytes.size()) != nullptr) {
      doc.format = DocumentFormat::kUnknown;
      doc.status = DocumentStatus::kUnsupported;
      doc.reason =
          "binary content (NUL bytes) in a " + LowerExtension(doc.path) + " file; not plain text";
      return;
    }
    doc.replaced_invalid_bytes = AppendValidUtf8(bytes, doc.text);
  }
  doc.pages.push_back(Page{.number = 1, .begin = 0, .end = doc.text.size()});
  if (!HasVisibleText(doc.text)) {
    doc.status = DocumentStatus::kEmpty;
    doc.reason = "no text found";
    return;
  }
  doc.status = DocumentStatus::kOk;
  // Still ok: the text was read and screened; the count tells the user why some characters look
  // odd (usually a Latin-1 or Windows-1252 file).
  if (doc.replaced_invalid_bytes > 0)
    doc.reason = ReplacedReason(doc.replaced_invalid_bytes, encoding, unit);
}

}  // namespace trustscreen::extract::internal
