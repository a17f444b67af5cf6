// Reasons for content no extractor reads. A hint that names the actual format ("legacy Word .doc;
// convert to DOCX") saves the user a guess; the generic message lists what is supported.
#include <string>
#include <string_view>

#include "extractors.h"

namespace trustscreen::extract::internal {
namespace {

// Encrypted OOXML files (Office "password to open") are OLE2 containers whose directory holds an
// "EncryptionInfo" stream; directory entry names are UTF-16LE.
bool OleHasEncryptionInfo(std::string_view bytes) {
  using namespace std::string_view_literals;
  constexpr std::string_view kName = "E\0n\0c\0r\0y\0p\0t\0i\0o\0n\0I\0n\0f\0o\0"sv;
  return bytes.find(kName) != std::string_view::npos;
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
    case Magic::kOle:
      if (OleHasEncryptionInfo(bytes)) {
        Set(doc, DocumentStatus::kEncrypted,
            "encrypted Office document (password-protected); remove the password and save as DOCX");
      } else if (ext == ".docx" || ext == ".xlsx" || ext == ".pptx") {
        Set(doc, DocumentStatus::kUnsupported,
            "OLE2 file named " + ext +
                ": legacy Office format or an encrypted Office document; save it as DOCX");
      } else if (ext == ".xls" || ext == ".ppt") {
        Set(doc, DocumentStatus::kUnsupported,
            "legacy Office file (" + ext + ", OLE2) is not supported; convert to DOCX or PDF");
      } else {
        Set(doc, DocumentStatus::kUnsupported,
            "legacy Word .doc (OLE2) is not supported; convert to DOCX");
      }
      return;
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
      if (ext == ".docx" || ext == ".xlsx" || ext == ".pptx") {
        std::string kind = ext.substr(1);
        for (char& c : kind) c = static_cast<char>(c - 'a' + 'A');
        Set(doc, DocumentStatus::kCorrupt, "not a " + kind + ": not a ZIP archive");
        return;
      }
      Set(doc, DocumentStatus::kUnsupported,
          "unsupported file type (" + DisplayExtension(doc.path) +
              "); supported: PDF, DOCX, ODT, XLSX, ODS, PPTX, ODP, HTML, RTF, ZIP archives, "
              "plain text (" +
              std::string(TextExtensionList()) + ")");
      return;
  }
}

}  // namespace trustscreen::extract::internal
