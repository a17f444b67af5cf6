// Reasons for content no extractor reads. A hint that names the actual format ("legacy Word .doc;
// convert to DOCX") saves the user a guess; the generic message lists what is supported.
#include <string>
#include <string_view>

#include "extractors.h"

namespace trustscreen::extract::internal {
namespace {

// Word 1.x/2.0 and Excel 2-4 predate OLE2: their files start with a bare record, not a container.
bool IsWord2(std::string_view bytes) {
  using namespace std::string_view_literals;
  return bytes.starts_with("\xDB\xA5"sv) || bytes.starts_with("\x9B\xA5"sv);
}

bool IsOldExcel(std::string_view bytes) {
  // BOF record of BIFF2, BIFF3, BIFF4: type 0x0009, 0x0209, 0x0409, length 4-6 bytes.
  return bytes.size() >= 4 && (bytes[0] == '\x09') &&
         (bytes[1] == '\x00' || bytes[1] == '\x02' || bytes[1] == '\x04') &&
         (bytes[2] == '\x04' || bytes[2] == '\x06') && bytes[3] == '\x00';
}

std::string DisplayExtension(std::string_view path) {
  const std::string ext = LowerExtension(path);
  return ext.empty() ? "no extension" : ext;
}

void Set(Document& doc, DocumentStatus status, std::string reason) {
  doc.status = status;
  doc.reason = std::move(reason);
}

}  // namespace

void DescribeUnsupported(std::string_view bytes, const Sniffed& sniffed, Document& doc) {
  doc.format = DocumentFormat::kUnknown;
  const std::string ext = LowerExtension(doc.path);
  switch (sniffed.magic) {
    case Magic::kRtf:
      Set(doc, DocumentStatus::kUnsupported, "RTF is not supported; convert to DOCX or PDF");
      return;
    case Magic::kPng:
    case Magic::kJpeg:
    case Magic::kTiff:
    case Magic::kGif:
    case Magic::kWebp:
    case Magic::kJpeg2000: {
      static constexpr std::string_view kNames[] = {"PNG", "JPEG", "TIFF",
                                                    "GIF", "WebP", "JPEG 2000"};
      const auto index = static_cast<int>(sniffed.magic) - static_cast<int>(Magic::kPng);
      Set(doc, DocumentStatus::kNeedsOcr,
          "image file (" + std::string(kNames[index]) + "); needs OCR");
      return;
    }
    case Magic::kGzip:
      Set(doc, DocumentStatus::kUnsupported, "gzip-compressed file; decompress it first");
      return;
    case Magic::kBinaryText:
      Set(doc, DocumentStatus::kUnsupported,
          "binary content (NUL bytes) in a " + ext + " file; not plain text");
      return;
    default:
      // The name claims a format we read, but the content is not it: damaged or mislabelled.
      if (ext == ".pdf") {
        Set(doc, DocumentStatus::kCorrupt, "not a PDF: no %PDF- header in the first 1024 bytes");
        return;
      }
      if (ext == ".docx") {
        Set(doc, DocumentStatus::kCorrupt, "not a DOCX: not a ZIP archive");
        return;
      }
      if (IsWord2(bytes)) {
        Set(doc, DocumentStatus::kUnsupported,
            "Word for Windows 1.x/2.0 document (pre-OLE2 binary) is not supported; open it in "
            "Word or LibreOffice and save as DOCX");
        return;
      }
      if (IsOldExcel(bytes)) {
        Set(doc, DocumentStatus::kUnsupported,
            "Excel 2.x-4.0 worksheet (BIFF2-4, pre-OLE2) is not supported; open it in Excel or "
            "LibreOffice and save as XLSX");
        return;
      }
      Set(doc, DocumentStatus::kUnsupported,
          "unsupported file type (" + DisplayExtension(doc.path) +
              "); supported: PDF, DOCX, ODT, HTML, RTF, ZIP archives, plain text (" +
              std::string(TextExtensionList()) + ")");
      return;
  }
}

}  // namespace trustscreen::extract::internal
