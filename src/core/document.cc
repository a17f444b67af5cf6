#include "trustscreen/core/document.h"

#include <algorithm>
#include <array>
#include <utility>

namespace trustscreen {
namespace {

constexpr std::array<std::pair<DocumentStatus, std::string_view>, 13> kStatusNames = {{
    {DocumentStatus::kOk, "ok"},
    {DocumentStatus::kPartial, "partial"},
    {DocumentStatus::kEmpty, "empty"},
    {DocumentStatus::kNeedsOcr, "needs_ocr"},
    {DocumentStatus::kEncrypted, "encrypted"},
    {DocumentStatus::kCorrupt, "corrupt"},
    {DocumentStatus::kUnsupported, "unsupported"},
    {DocumentStatus::kTooLarge, "too_large"},
    {DocumentStatus::kTimeout, "timeout"},
    {DocumentStatus::kCrashed, "crashed"},
    {DocumentStatus::kMissing, "missing"},
    {DocumentStatus::kUnreadable, "unreadable"},
    {DocumentStatus::kNotScreened, "not_screened"},
}};

}  // namespace

std::string_view ToString(DocumentFormat format) {
  switch (format) {
    case DocumentFormat::kUnknown:
      return "unknown";
    case DocumentFormat::kPdf:
      return "pdf";
    case DocumentFormat::kDocx:
      return "docx";
    case DocumentFormat::kOdt:
      return "odt";
    case DocumentFormat::kHtml:
      return "html";
    case DocumentFormat::kRtf:
      return "rtf";
    case DocumentFormat::kText:
      return "text";
    case DocumentFormat::kZip:
      return "zip";
    case DocumentFormat::kDoc:
      return "doc";
    case DocumentFormat::kXlsx:
      return "xlsx";
    case DocumentFormat::kXls:
      return "xls";
    case DocumentFormat::kOds:
      return "ods";
    case DocumentFormat::kPptx:
      return "pptx";
    case DocumentFormat::kPpt:
      return "ppt";
    case DocumentFormat::kOdp:
      return "odp";
    case DocumentFormat::kEml:
      return "eml";
    case DocumentFormat::kMbox:
      return "mbox";
    case DocumentFormat::kMsg:
      return "msg";
    case DocumentFormat::kTnef:
      return "tnef";
    case DocumentFormat::kCsv:
      return "csv";
    case DocumentFormat::kXml:
      return "xml";
    case DocumentFormat::kArchive:
      return "archive";
    case DocumentFormat::kImage:
      return "image";
  }
  return "unknown";
}

std::optional<DocumentFormat> ParseDocumentFormat(std::string_view name) {
  for (int value = 0; value <= static_cast<int>(kLastDocumentFormat); ++value) {
    const auto format = static_cast<DocumentFormat>(value);
    if (ToString(format) == name) return format;
  }
  return std::nullopt;
}

std::string_view ToString(DocumentStatus status) {
  for (const auto& [value, name] : kStatusNames) {
    if (value == status) return name;
  }
  return "unknown";
}

std::optional<DocumentStatus> ParseDocumentStatus(std::string_view name) {
  for (const auto& [value, candidate] : kStatusNames) {
    if (candidate == name) return value;
  }
  return std::nullopt;
}

std::string_view ToString(TextPart part) {
  switch (part) {
    case TextPart::kBody:
      return "body";
    case TextPart::kTable:
      return "table";
    case TextPart::kHeader:
      return "header";
    case TextPart::kFooter:
      return "footer";
    case TextPart::kFootnote:
      return "footnote";
    case TextPart::kEndnote:
      return "endnote";
    case TextPart::kComment:
      return "comment";
    case TextPart::kTextBox:
      return "text_box";
    case TextPart::kDeleted:
      return "deleted";
    case TextPart::kInserted:
      return "inserted";
    case TextPart::kNotes:
      return "notes";
  }
  return "body";
}

std::string_view ToString(TextSource source) {
  switch (source) {
    case TextSource::kTextLayer:
      return "text_layer";
    case TextSource::kOcr:
      return "ocr";
  }
  return "text_layer";
}

std::optional<TextSource> ParseTextSource(std::string_view name) {
  if (name == "text_layer") return TextSource::kTextLayer;
  if (name == "ocr") return TextSource::kOcr;
  return std::nullopt;
}

const Page* Document::PageRecordAt(std::size_t offset) const {
  if (pages.empty()) return nullptr;
  // First page whose end is beyond offset; an offset on a separator belongs to the next page.
  auto it = std::upper_bound(pages.begin(), pages.end(), offset,
                             [](std::size_t value, const Page& page) { return value < page.end; });
  if (it == pages.end()) return &pages.back();
  return &*it;
}

int Document::PageAt(std::size_t offset) const {
  const Page* page = PageRecordAt(offset);
  return page == nullptr ? 0 : page->number;
}

}  // namespace trustscreen
