// Public entry points: reading the file, sniffing, dispatch to one extractor, and the module edge
// where every exception becomes a status.
#include "trustscreen/extract/extract.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <exception>
#include <new>
#include <optional>
#include <string>
#include <system_error>

#include "extractors.h"
#include "pdf_parts.h"
#include "trustscreen/digest/sha256.h"
#include "trustscreen/extract/pdf_split.h"

namespace trustscreen::extract {
namespace {

std::string TooLargeReason(std::uint64_t size, std::uint64_t limit) {
  return "file is " + internal::FormatByteSize(size) + ", over the " +
         internal::FormatByteSize(limit) + " limit (max_file_bytes)";
}

std::string_view DescribeFileType(std::filesystem::file_type type) {
  using std::filesystem::file_type;
  switch (type) {
    case file_type::directory:
      return "is a directory";
    case file_type::fifo:
      return "not a regular file (FIFO)";
    case file_type::socket:
      return "not a regular file (socket)";
    case file_type::block:
    case file_type::character:
      return "not a regular file (device)";
    default:
      return "not a regular file";
  }
}

class FileDescriptor {
 public:
  explicit FileDescriptor(int fd) : fd_(fd) {}
  ~FileDescriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

// A PDF or image whose pages carry only a few words ("SEE APPENDIX A-1") was read completely, but
// a reviewer should know the content may live elsewhere: say so in the reason, keep status ok.
constexpr std::size_t kSparseCharactersPerPage = 200;

void NoteSparseText(Document& doc) {
  if (doc.status != DocumentStatus::kOk || doc.pages.empty() || !doc.reason.empty()) return;
  std::size_t visible = 0;
  for (char c : doc.text) {
    if (!std::isspace(static_cast<unsigned char>(c))) ++visible;
  }
  if (visible >= kSparseCharactersPerPage * doc.pages.size()) return;
  doc.reason = "little text: " + std::to_string(visible) + " characters on " +
               std::to_string(doc.pages.size()) + (doc.pages.size() == 1 ? " page" : " pages") +
               "; the content may be elsewhere";
}

// What ExtractFileOrSplit asks of a PDF: split it when worth it (internal::ExtractPdfOrSplit).
struct SplitRequest {
  int split_above = 0;
  int split_ocr_pages = 0;
  internal::PdfSplit result;
};

void ExtractInto(std::string_view bytes, const ExtractOptions& options,
                 internal::ArchiveBudget& budget, DocumentFormat known, Document& doc,
                 SplitRequest* split) {
  if (bytes.empty()) {
    internal::FailDocument(doc, DocumentStatus::kEmpty, "file is empty (0 bytes)");
    return;
  }
  if (bytes.size() > options.max_file_bytes) {
    internal::FailDocument(doc, DocumentStatus::kTooLarge,
                           TooLargeReason(bytes.size(), options.max_file_bytes));
    return;
  }
  const internal::Sniffed sniffed =
      known != DocumentFormat::kUnknown
          ? internal::Sniffed{known, internal::Magic::kNone}
          : internal::SniffContent(bytes.substr(0, kSniffBytes), doc.path);
  switch (sniffed.format) {
    case DocumentFormat::kPdf:
      if (split != nullptr) {
        split->result = internal::ExtractPdfOrSplit(bytes, options, split->split_above,
                                                    split->split_ocr_pages, doc);
        if (split->result.pages > 0) return;
      } else {
        internal::ExtractPdf(bytes, options, doc);
      }
      NoteSparseText(doc);
      return;
    case DocumentFormat::kDocx:
      internal::ExtractDocx(bytes, options, doc);
      return;
    case DocumentFormat::kOdt:
      internal::ExtractOdt(bytes, options, doc);
      return;
    case DocumentFormat::kHtml:
      internal::ExtractHtml(bytes, options, doc);
      return;
    case DocumentFormat::kRtf:
      internal::ExtractRtf(bytes, doc);
      return;
    case DocumentFormat::kText:
      internal::ExtractText(bytes, doc);
      return;
    case DocumentFormat::kCsv:
      internal::ExtractCsv(bytes, options, doc);
      return;
    case DocumentFormat::kXml:
      internal::ExtractXml(bytes, options, doc);
      return;
    case DocumentFormat::kZip:
      internal::ExtractZip(bytes, options, budget, doc);
      return;
    case DocumentFormat::kArchive:
      internal::ExtractOtherArchive(bytes, options, budget, doc);
      return;
    case DocumentFormat::kDoc:
    case DocumentFormat::kXlsx:
    case DocumentFormat::kXls:
    case DocumentFormat::kOds:
    case DocumentFormat::kPptx:
    case DocumentFormat::kPpt:
    case DocumentFormat::kOdp:
    case DocumentFormat::kEml:
      internal::ExtractEml(bytes, options, budget, doc);
      return;
    case DocumentFormat::kMbox:
      internal::ExtractMbox(bytes, options, budget, doc);
      return;
    case DocumentFormat::kTnef:
      internal::ExtractTnef(bytes, options, budget, doc);
      return;
    case DocumentFormat::kImage:
      internal::ExtractImage(bytes, sniffed.magic, options, doc);
      NoteSparseText(doc);
      return;
    case DocumentFormat::kMsg:
    case DocumentFormat::kUnknown:
      if (sniffed.magic == internal::Magic::kOle) {
        internal::ExtractOle(bytes, options, budget, doc);
        return;
      }
      if (sniffed.magic == internal::Magic::kNone && internal::IsWord2Document(bytes)) {
        internal::ExtractWord2(bytes, doc);
        return;
      }
      if (sniffed.magic == internal::Magic::kNone && internal::IsOldExcelWorksheet(bytes)) {
        internal::ExtractOldExcel(bytes, options, doc);
        return;
      }
      internal::DescribeUnsupported(sniffed, doc);
      return;
  }
}

Document ExtractBytesWithin(std::string_view bytes, std::string path, const ExtractOptions& options,
                            internal::ArchiveBudget& budget,
                            DocumentFormat known = DocumentFormat::kUnknown,
                            SplitRequest* split = nullptr) {
  Document doc;
  doc.path = std::move(path);
  doc.size_bytes = bytes.size();
  // Parsers see hostile input and third-party code may throw; nothing crosses this edge.
  try {
    doc.sha256 = digest::Sha256Hex(bytes);
    ExtractInto(bytes, options, budget, known, doc, split);
  } catch (const std::bad_alloc&) {
    internal::FailDocument(doc, DocumentStatus::kCrashed, "extractor ran out of memory");
  } catch (const std::exception& e) {
    internal::FailDocument(doc, DocumentStatus::kCrashed,
                           std::string("extractor failed: ") + e.what());
  } catch (...) {
    internal::FailDocument(doc, DocumentStatus::kCrashed,
                           "extractor failed with an unknown exception");
  }
  return doc;
}

// Reads the whole file at `path` as ExtractFile does (ExtractFile's notes on missing, special,
// too large and unreadable files); nothing when it cannot, `doc` then saying why.
std::optional<std::string> ReadWholeFile(const std::filesystem::path& path,
                                         const ExtractOptions& options, Document& doc) {
  try {
    std::error_code ec;
    const std::filesystem::file_status status = std::filesystem::status(path, ec);
    if (status.type() == std::filesystem::file_type::not_found) {
      internal::FailDocument(doc, DocumentStatus::kMissing, std::strerror(ENOENT));
      return std::nullopt;
    }
    if (ec) {
      internal::FailDocument(doc, DocumentStatus::kUnreadable, ec.message());
      return std::nullopt;
    }
    if (status.type() != std::filesystem::file_type::regular) {
      std::string reason(DescribeFileType(status.type()));
      // The walk lists a directory as an input only when it could not list its contents.
      if (status.type() == std::filesystem::file_type::directory) {
        std::error_code listing;
        std::filesystem::directory_iterator unused(path, listing);
        if (listing) reason = "directory cannot be read: " + listing.message();
      }
      internal::FailDocument(doc, DocumentStatus::kUnreadable, reason);
      return std::nullopt;
    }
    // O_NONBLOCK: if the path was swapped for a FIFO since the stat, open must not hang.
    FileDescriptor fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK));
    if (fd.get() < 0) {
      const int error = errno;
      internal::FailDocument(
          doc, error == ENOENT ? DocumentStatus::kMissing : DocumentStatus::kUnreadable,
          std::strerror(error));
      return std::nullopt;
    }
    struct stat info;
    if (::fstat(fd.get(), &info) != 0) {
      internal::FailDocument(doc, DocumentStatus::kUnreadable, std::strerror(errno));
      return std::nullopt;
    }
    if (!S_ISREG(info.st_mode)) {
      internal::FailDocument(doc, DocumentStatus::kUnreadable, "not a regular file");
      return std::nullopt;
    }
    const auto size = static_cast<std::uint64_t>(info.st_size);
    doc.size_bytes = size;
    if (size > options.max_file_bytes) {
      internal::FailDocument(doc, DocumentStatus::kTooLarge,
                             TooLargeReason(size, options.max_file_bytes));
      return std::nullopt;
    }
    std::string bytes(size, '\0');
    std::size_t have = 0;
    while (have < bytes.size()) {
      const ssize_t n = ::read(fd.get(), bytes.data() + have, bytes.size() - have);
      if (n < 0) {
        if (errno == EINTR) continue;
        internal::FailDocument(doc, DocumentStatus::kUnreadable, std::strerror(errno));
        return std::nullopt;
      }
      if (n == 0) break;  // shrank since fstat: take what is there
      have += static_cast<std::size_t>(n);
    }
    bytes.resize(have);
    return bytes;
  } catch (const std::bad_alloc&) {
    internal::FailDocument(doc, DocumentStatus::kCrashed, "extractor ran out of memory");
  } catch (const std::exception& e) {
    internal::FailDocument(doc, DocumentStatus::kCrashed,
                           std::string("extractor failed: ") + e.what());
  }
  return std::nullopt;
}

}  // namespace

namespace internal {

void SetArchiveOutcome(const ArchiveBudget& budget, std::uint64_t refused_before,
                       DocumentStatus cut_status, int not_screened, const std::string& summary,
                       const ExtractOptions& options, Document& doc) {
  // The budget is the input's: when a member in this archive or in one nested in it was refused
  // for lack of it, every enclosing archive is too_large, not merely partial.
  if (budget.refused_for_budget > refused_before) {
    doc.status = DocumentStatus::kTooLarge;
    doc.reason = "zip bomb guard: members expand beyond the " +
                 FormatByteSize(options.max_decompressed_bytes) +
                 " limit for one input (max_decompressed_bytes); " + summary;
  } else if (cut_status != DocumentStatus::kOk) {
    doc.status = cut_status;
    doc.reason = summary;
  } else if (not_screened > 0) {
    doc.status = DocumentStatus::kPartial;
    doc.reason = summary;
  } else {
    doc.status = DocumentStatus::kOk;
    doc.reason.clear();
  }
}

Document ExtractMember(std::string_view bytes, std::string path, const ExtractOptions& options,
                       ArchiveBudget& budget, DocumentFormat known) {
  return ExtractBytesWithin(bytes, std::move(path), options, budget, known);
}

}  // namespace internal

Document ExtractBytes(std::string_view bytes, std::string path, const ExtractOptions& options) {
  internal::ArchiveBudget budget(options);
  return ExtractBytesWithin(bytes, std::move(path), options, budget);
}

Document ExtractFile(const std::filesystem::path& path, const ExtractOptions& options) {
  Document doc;
  doc.path = path.string();
  std::optional<std::string> bytes = ReadWholeFile(path, options, doc);
  if (!bytes) return doc;
  return ExtractBytes(*bytes, std::move(doc.path), options);
}

FileOrSplit ExtractFileOrSplit(const std::filesystem::path& path, const ExtractOptions& options,
                               int split_above) {
  FileOrSplit result;
  Document& doc = result.document;
  doc.path = path.string();
  std::optional<std::string> bytes = ReadWholeFile(path, options, doc);
  if (!bytes) return result;
  if (split_above <= 0) {
    result.document = ExtractBytes(*bytes, std::move(doc.path), options);
    return result;
  }
  // Two pages to recognise are worth two tasks: OCR costs a second or more a page.
  SplitRequest split{split_above, /*split_ocr_pages=*/2, {}};
  internal::ArchiveBudget budget(options);
  result.document = ExtractBytesWithin(*bytes, std::move(doc.path), options, budget,
                                       DocumentFormat::kUnknown, &split);
  result.pdf_pages = split.result.pages;
  for (const internal::PdfLayoutPart& part : split.result.layout) {
    result.layout_parts.push_back(internal::EncodeLayoutPart(part));
  }
  return result;
}

namespace {

// `read(bytes)` on the file's bytes, encoded; a file that cannot be read, or an exception, becomes
// the part's failure.
template <typename Part, typename Read>
std::string PartOfFile(const std::filesystem::path& path, const ExtractOptions& options, Read read,
                       std::string (*encode)(const Part&)) {
  Part part;
  try {
    Document doc;
    if (std::optional<std::string> bytes = ReadWholeFile(path, options, doc)) {
      part = read(*bytes);
    } else {
      part.failure = doc.reason;
    }
  } catch (const std::exception& error) {
    part = {};
    part.failure = std::string("extractor failed: ") + error.what();
  }
  return encode(part);
}

}  // namespace

std::string LayOutPdfPages(const std::filesystem::path& path, const ExtractOptions& options,
                           int first, int last) {
  return PartOfFile<internal::PdfLayoutPart>(
      path, options,
      [&](std::string_view bytes) { return internal::LayOutPdfRange(bytes, options, first, last); },
      &internal::EncodeLayoutPart);
}

std::string OcrPdfPage(const std::filesystem::path& path, const ExtractOptions& options,
                       int number) {
  return PartOfFile<internal::PdfOcrPart>(
      path, options,
      [&](std::string_view bytes) { return internal::OcrPdfPageAlone(bytes, options, number); },
      &internal::EncodeOcrPart);
}

namespace {

// Every part decoded, or the first that does not decode.
template <typename Part>
Result<std::vector<Part>> DecodeParts(const std::vector<std::string>& parts,
                                      Result<Part> (*decode)(std::string_view)) {
  std::vector<Part> decoded;
  for (const std::string& bytes : parts) {
    Result<Part> part = decode(bytes);
    if (!part.ok()) return part.status();
    decoded.push_back(std::move(part).value());
  }
  return decoded;
}

}  // namespace

std::vector<int> PdfPagesToOcr(const std::vector<std::string>& layout_parts,
                               const ExtractOptions& options) {
  // Parts that do not decode name no page: AssembleSplitPdf reports them.
  Result<std::vector<internal::PdfLayoutPart>> parts =
      DecodeParts(layout_parts, &internal::DecodeLayoutPart);
  return parts.ok() ? internal::PagesToOcr(*parts, options) : std::vector<int>();
}

void AssembleSplitPdf(const std::vector<std::string>& layout_parts,
                      const std::vector<std::string>& ocr_parts, const ExtractOptions& options,
                      Document& doc) {
  try {
    Result<std::vector<internal::PdfLayoutPart>> layout =
        DecodeParts(layout_parts, &internal::DecodeLayoutPart);
    Result<std::vector<internal::PdfOcrPart>> ocr =
        DecodeParts(ocr_parts, &internal::DecodeOcrPart);
    for (const Status& status : {layout.status(), ocr.status()}) {
      if (!status.ok()) {
        internal::FailDocument(doc, DocumentStatus::kCrashed, status.message());
        return;
      }
    }
    if (layout->empty()) {
      internal::FailDocument(doc, DocumentStatus::kCrashed, "no pages were read");
      return;
    }
    internal::AssemblePdfDocument(std::move(layout).value(), std::move(ocr).value(), options, doc);
    NoteSparseText(doc);
  } catch (const std::bad_alloc&) {
    internal::FailDocument(doc, DocumentStatus::kCrashed, "extractor ran out of memory");
  } catch (const std::exception& e) {
    internal::FailDocument(doc, DocumentStatus::kCrashed,
                           std::string("extractor failed: ") + e.what());
  }
}

std::string OptionText(std::uint64_t value) { return std::to_string(value); }
std::string OptionText(int value) { return std::to_string(value); }
std::string OptionText(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%g", value);
  return buffer;
}
std::string OptionText(bool value) { return value ? "true" : "false"; }
std::string OptionText(const std::string& value) { return value; }
std::string OptionText(OcrMode value) { return std::string(ToString(value)); }
std::string OptionText(const std::vector<std::string>& value) {
  return std::to_string(value.size());
}

}  // namespace trustscreen::extract
