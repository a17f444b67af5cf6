// OLE2 compound files: opens the container and decides, from the streams it holds (never from the
// file name), which reader gets it. An Excel workbook named .doc is read as a workbook.
#include <string>
#include <string_view>
#include <vector>

#include "extractors.h"
#include "ole_file.h"
#include "ole_readers.h"

namespace trustscreen::extract::internal {
namespace {

// What the container holds, by its root entries.
enum class OleKind {
  kEncryptedOoxml,  // "Encrypt with password" on a DOCX/XLSX/PPTX: EncryptionInfo +
                    // EncryptedPackage
  kWord,            // WordDocument
  kExcel,           // Workbook (BIFF8) or Book (BIFF5)
  kPowerPoint,      // "PowerPoint Document"
  kOutlook,         // __substg1.0_* property streams, __properties_version1.0
  kOther,
};

OleKind Classify(const std::vector<std::string>& root) {
  auto has = [&root](std::string_view name) {
    for (const std::string& entry : root) {
      if (entry == name) return true;
    }
    return false;
  };
  if (has("EncryptionInfo") || has("EncryptedPackage")) return OleKind::kEncryptedOoxml;
  if (has("WordDocument")) return OleKind::kWord;
  if (has("Workbook") || has("Book") || has("WORKBOOK") || has("BOOK")) return OleKind::kExcel;
  if (has("PowerPoint Document")) return OleKind::kPowerPoint;
  for (const std::string& entry : root) {
    if (entry.starts_with("__substg1.0_") || entry == "__properties_version1.0") {
      return OleKind::kOutlook;
    }
  }
  return OleKind::kOther;
}

// Root entry names for a reason: printable, at most a few.
std::string DescribeEntries(const std::vector<std::string>& root) {
  std::string out;
  int shown = 0;
  for (const std::string& entry : root) {
    if (shown == 6) {
      out += ", …";
      break;
    }
    std::string name;
    for (char c : entry) name.push_back(static_cast<unsigned char>(c) < 0x20 ? '?' : c);
    out += (out.empty() ? "" : ", ") + name;
    ++shown;
  }
  return out.empty() ? "no entries" : "entries: " + out;
}

}  // namespace

void ExtractOle(std::string_view bytes, const ExtractOptions& options, ArchiveBudget& budget,
                Document& doc) {
  std::string error;
  std::unique_ptr<OleFile> ole = OleFile::Open(bytes, &budget.decompressed_bytes_left, error);
  if (ole == nullptr) {
    FailDocument(doc, DocumentStatus::kCorrupt, error);
    return;
  }
  const std::vector<std::string> root = ole->List();
  switch (Classify(root)) {
    case OleKind::kEncryptedOoxml:
      FailDocument(
          doc, DocumentStatus::kEncrypted,
          "encrypted Office document (password-protected); remove the password and save as DOCX");
      return;
    case OleKind::kWord:
      ReadWordDocument(*ole, options, doc);
      return;
    case OleKind::kExcel:
      ReadWorkbook(*ole, options, doc);
      return;
    case OleKind::kPowerPoint:
      ReadPresentation(*ole, options, doc);
      return;
    case OleKind::kOutlook:
      ReadOutlookMessage(*ole, options, budget, doc);
      return;
    case OleKind::kOther:
      FailDocument(doc, DocumentStatus::kUnsupported,
                   "OLE2 compound file that is no Word, Excel, PowerPoint or Outlook file (" +
                       DescribeEntries(root) + "); not supported");
      return;
  }
}

}  // namespace trustscreen::extract::internal
