// ZIP containers: which format a ZIP file really is (DOCX, XLSX, PPTX, ODT, ODS, ODP, other
// packages, or an archive of documents), and archives screened member by member, recursively,
// under the limits of ExtractOptions.
#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "extractors.h"
#include "zip_reader.h"

namespace trustscreen::extract::internal {
namespace {

constexpr std::string_view kOdtMimetype = "application/vnd.oasis.opendocument.text";
constexpr std::string_view kOdsMimetype = "application/vnd.oasis.opendocument.spreadsheet";
constexpr std::string_view kOdpMimetype = "application/vnd.oasis.opendocument.presentation";
constexpr std::string_view kOdfMimetypePrefix = "application/vnd.oasis.opendocument.";

void Set(Document& doc, DocumentFormat format, DocumentStatus status, std::string reason) {
  doc.format = format;
  doc.status = status;
  doc.reason = std::move(reason);
  doc.text.clear();
  doc.pages.clear();
  doc.members.clear();
}

bool HasEntry(zip_t* archive, const char* name) {
  return zip_name_locate(archive, name, ZIP_FL_NOCASE) >= 0;
}

// ODF and EPUB store their media type, uncompressed, in a first member named "mimetype".
std::string ReadMimetype(zip_t* archive) {
  ZipReadLimits limits;
  limits.max_member_bytes = 256;
  ZipMemberRead read = ReadZipMember(archive, "mimetype", limits);
  if (!read.ok()) return "";
  std::string& type = read.bytes;
  while (!type.empty() && (type.back() == '\n' || type.back() == '\r' || type.back() == ' ')) {
    type.pop_back();
  }
  return std::move(type);
}

enum class Container { kDocx, kOdt, kXlsx, kOds, kPptx, kOdp, kOtherPackage, kArchive };

// Which kind of ZIP this is; for kOtherPackage, `reason` says which and what to do.
Container Classify(zip_t* archive, std::string& reason) {
  if (HasEntry(archive, "word/document.xml")) return Container::kDocx;
  const std::string mimetype = ReadMimetype(archive);
  if (mimetype == kOdtMimetype) return Container::kOdt;
  if (mimetype == kOdsMimetype) return Container::kOds;
  if (mimetype == kOdpMimetype) return Container::kOdp;
  if (mimetype.starts_with(kOdfMimetypePrefix)) {
    reason = "OpenDocument file (" + SanitizeMemberName(mimetype) +
             ") is not supported; only text documents, spreadsheets and presentations (ODT, ODS, "
             "ODP): convert it to PDF";
    return Container::kOtherPackage;
  }
  if (mimetype == "application/epub+zip") {
    reason = "EPUB e-book is not supported; convert to PDF";
    return Container::kOtherPackage;
  }
  if (HasEntry(archive, "xl/workbook.xml")) return Container::kXlsx;
  if (HasEntry(archive, "ppt/presentation.xml")) return Container::kPptx;
  if (HasEntry(archive, "[Content_Types].xml")) {
    reason = "Office Open XML package that is not a DOCX, XLSX or PPTX is not supported";
    return Container::kOtherPackage;
  }
  return Container::kArchive;
}

struct Entry {
  std::string name;  // as stored (UTF-8, or CP437 converted by libzip)
  zip_uint64_t index = 0;
};

// The archive's file members sorted by name (then position, for duplicate names): directories
// are skipped. A member whose name cannot be read gets an empty name.
std::vector<Entry> ListFiles(zip_t* archive, zip_uint64_t count) {
  std::vector<Entry> entries;
  entries.reserve(count);
  for (zip_uint64_t i = 0; i < count; ++i) {
    const char* name = zip_get_name(archive, i, 0);
    std::string_view view = name != nullptr ? name : "";
    if (view.ends_with('/')) continue;
    entries.push_back(Entry{std::string(view), i});
  }
  std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
    return a.name != b.name ? a.name < b.name : a.index < b.index;
  });
  return entries;
}

void ExtractArchive(zip_t* archive, const ExtractOptions& options, ArchiveBudget& budget,
                    Document& doc) {
  doc.format = DocumentFormat::kZip;
  if (budget.depth >= options.max_archive_depth) {
    Set(doc, DocumentFormat::kZip, DocumentStatus::kTooLarge,
        "archive nested more than " + std::to_string(options.max_archive_depth) +
            " levels deep, not opened (max_archive_depth)");
    return;
  }
  const zip_int64_t count = zip_get_num_entries(archive, 0);
  if (count < 0) {
    Set(doc, DocumentFormat::kZip, DocumentStatus::kCorrupt, "damaged ZIP archive: no directory");
    return;
  }
  const auto members = static_cast<std::uint64_t>(count);
  if (members > options.max_archive_members) {
    Set(doc, DocumentFormat::kZip, DocumentStatus::kTooLarge,
        "archive has " + std::to_string(members) + " members, over the " +
            std::to_string(options.max_archive_members) +
            " limit (max_archive_members); none screened");
    return;
  }
  if (budget.members + members > options.max_archive_members) {
    Set(doc, DocumentFormat::kZip, DocumentStatus::kTooLarge,
        "the archives in this file have more than " + std::to_string(options.max_archive_members) +
            " members in all (max_archive_members); this one not screened");
    return;
  }
  budget.members += members;

  const std::vector<Entry> entries = ListFiles(archive, members);
  if (entries.empty()) {
    Set(doc, DocumentFormat::kZip, DocumentStatus::kEmpty, "archive holds no files");
    return;
  }
  ZipReadLimits limits = ZipReadLimitsFrom(options);
  limits.budget_left = &budget.decompressed_bytes_left;
  ++budget.depth;
  const std::uint64_t refused_before = budget.refused_for_budget;
  int not_screened = 0;
  doc.members.reserve(entries.size());
  for (const Entry& entry : entries) {
    const std::string display = SanitizeMemberName(entry.name);
    std::string path = doc.path + "!/" + display;
    ZipMemberRead read = ReadZipMember(archive, entry.index, display, limits);
    Document member;
    if (read.ok()) {
      member = ExtractMember(read.bytes, std::move(path), options, budget);
    } else {
      member.path = std::move(path);
      member.size_bytes = read.declared_size;
      member.status = read.status;
      member.reason = std::move(read.reason);
      if (read.budget_exhausted) ++budget.refused_for_budget;
    }
    if (!IsFullyScreened(member.status)) ++not_screened;
    doc.members.push_back(std::move(member));
  }
  --budget.depth;

  const std::string summary = std::to_string(not_screened) + " of " +
                              std::to_string(entries.size()) + " members not fully screened";
  SetArchiveOutcome(budget, refused_before, DocumentStatus::kOk, not_screened, summary, options,
                    doc);
}

bool HasDocxExtension(std::string_view path) {
  const std::string ext = LowerExtension(path);
  return ext == ".docx" || ext == ".docm" || ext == ".dotx" || ext == ".dotm";
}

bool HasXlsxExtension(std::string_view path) {
  const std::string ext = LowerExtension(path);
  return ext == ".xlsx" || ext == ".xlsm" || ext == ".xltx" || ext == ".xltm";
}

bool HasPptxExtension(std::string_view path) {
  const std::string ext = LowerExtension(path);
  return ext == ".pptx" || ext == ".pptm" || ext == ".potx" || ext == ".ppsx";
}

}  // namespace

void ExtractZip(std::string_view bytes, const ExtractOptions& options, ArchiveBudget& budget,
                Document& doc) {
  std::string error;
  ZipArchivePtr archive = OpenZipFromMemory(bytes, error);
  if (!archive) {
    // The name is all that says what the damaged file was meant to be.
    if (HasDocxExtension(doc.path)) {
      ExtractDocx(bytes, options, doc);
    } else if (LowerExtension(doc.path) == ".odt") {
      ExtractOdt(bytes, options, doc);
    } else if (HasXlsxExtension(doc.path)) {
      ExtractXlsx(bytes, options, doc);
    } else if (HasPptxExtension(doc.path)) {
      ExtractPptx(bytes, options, doc);
    } else if (LowerExtension(doc.path) == ".ods") {
      ExtractOds(bytes, options, doc);
    } else if (LowerExtension(doc.path) == ".odp") {
      ExtractOdp(bytes, options, doc);
    } else {
      Set(doc, DocumentFormat::kZip, DocumentStatus::kCorrupt, "damaged ZIP archive: " + error);
    }
    return;
  }
  std::string reason;
  switch (Classify(archive.get(), reason)) {
    case Container::kDocx:
      archive.reset();  // the package extractors open the package themselves
      ExtractDocx(bytes, options, doc);
      return;
    case Container::kOdt:
      archive.reset();
      ExtractOdt(bytes, options, doc);
      return;
    case Container::kXlsx:
      archive.reset();
      ExtractXlsx(bytes, options, doc);
      return;
    case Container::kOds:
      archive.reset();
      ExtractOds(bytes, options, doc);
      return;
    case Container::kPptx:
      archive.reset();
      ExtractPptx(bytes, options, doc);
      return;
    case Container::kOdp:
      archive.reset();
      ExtractOdp(bytes, options, doc);
      return;
    case Container::kOtherPackage:
      Set(doc, DocumentFormat::kUnknown, DocumentStatus::kUnsupported, std::move(reason));
      return;
    case Container::kArchive:
      ExtractArchive(archive.get(), options, budget, doc);
      return;
  }
}

}  // namespace trustscreen::extract::internal
