// Reasons for content no extractor reads. A hint that names the actual format ("legacy Word .doc;
// convert to DOCX") saves the user a guess; the generic message lists what is supported.
#include <string>
#include <string_view>

#include "extractors.h"

namespace trustscreen::extract::internal {
namespace {

std::string DisplayExtension(std::string_view path) {
  const std::string ext = LowerExtension(path);
  return ext.empty() ? "no extension" : ext;
}

void Set(Document& doc, DocumentStatus status, std::string reason) {
  doc.status = status;
  doc.reason = std::move(reason);
}

}  // namespace

void DescribeUnsupported(const Sniffed& sniffed, Document& doc) {
  doc.format = DocumentFormat::kUnknown;
  const std::string ext = LowerExtension(doc.path);
  switch (sniffed.magic) {
    case Magic::kRtf:
      Set(doc, DocumentStatus::kUnsupported, "RTF is not supported; convert to DOCX or PDF");
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
              "); supported: PDF, DOCX, DOC, ODT, RTF, XLSX, XLS, ODS, CSV, PPTX, PPT, ODP, "
              "HTML, XML, e-mail (EML, MBOX, MSG, TNEF), ZIP, tar, 7z and RAR archives, gzip, "
              "images (PNG, JPEG, TIFF, GIF, BMP, WebP, JPEG 2000), plain text (" +
              std::string(TextExtensionList()) + ")");
      return;
  }
}

}  // namespace trustscreen::extract::internal
