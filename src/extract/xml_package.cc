#include "xml_package.h"

#include <algorithm>

#include "extractors.h"

namespace trustscreen::extract::internal {
namespace {

// The ratio check only applies to large parts: small XML parts legitimately compress far beyond
// 100:1 (runs of identical markup), and cannot do harm.
constexpr std::uint64_t kRatioCheckMinBytes = 10ull << 20;

struct ZipFileCloser {
  void operator()(zip_file_t* file) const { zip_fclose(file); }
};
using ZipFilePtr = std::unique_ptr<zip_file_t, ZipFileCloser>;

}  // namespace

std::unique_ptr<XmlPackage> XmlPackage::Open(std::string_view bytes, std::string kind,
                                             const ExtractOptions& options, Document& doc) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  if (source == nullptr) {
    doc.status = DocumentStatus::kCrashed;
    doc.reason = std::string("libzip could not wrap the buffer: ") + zip_error_strerror(&error);
    zip_error_fini(&error);
    return nullptr;
  }
  // On success the archive owns the source; on failure it is still ours to free.
  zip_t* archive = zip_open_from_source(source, ZIP_RDONLY, &error);
  if (archive == nullptr) {
    zip_source_free(source);
    doc.status = DocumentStatus::kCorrupt;
    doc.reason = "not a valid ZIP/" + kind + ": " + zip_error_strerror(&error);
    zip_error_fini(&error);
    return nullptr;
  }
  zip_error_fini(&error);
  return std::unique_ptr<XmlPackage>(new XmlPackage(archive, std::move(kind), options));
}

XmlPackage::XmlPackage(zip_t* archive, std::string kind, const ExtractOptions& options)
    : archive_(archive),
      kind_(std::move(kind)),
      max_total_(options.max_decompressed_bytes),
      max_ratio_(options.max_compression_ratio) {}

XmlPackage::~XmlPackage() { zip_discard(archive_); }

bool XmlPackage::Has(std::string_view name) const {
  return zip_name_locate(archive_, std::string(name).c_str(), ZIP_FL_NOCASE) >= 0;
}

XmlPackage::Read XmlPackage::Failed(DocumentStatus status, std::string reason) {
  failure_status_ = status;
  failure_ = std::move(reason);
  return Read::kFailed;
}

std::vector<std::string> XmlPackage::NamesUnder(std::string_view prefix) const {
  std::vector<std::string> names;
  const zip_int64_t entries = zip_get_num_entries(archive_, 0);
  for (zip_int64_t i = 0; i < entries; ++i) {
    const char* name = zip_get_name(archive_, static_cast<zip_uint64_t>(i), 0);
    if (name != nullptr && std::string_view(name).starts_with(prefix)) names.emplace_back(name);
  }
  return names;
}

std::string XmlPackage::ReadSmallPart(std::string_view name, std::size_t max_bytes) {
  ZipFilePtr file(zip_fopen(archive_, std::string(name).c_str(), ZIP_FL_NOCASE));
  if (!file) return "";
  std::string data(max_bytes, '\0');
  const zip_int64_t n = zip_fread(file.get(), data.data(), data.size());
  data.resize(n > 0 ? static_cast<std::size_t>(n) : 0);
  return data;
}

XmlPackage::Read XmlPackage::ReadPart(std::string_view name, std::string& out) {
  out.clear();
  const std::string name_z(name);
  const zip_int64_t located = zip_name_locate(archive_, name_z.c_str(), ZIP_FL_NOCASE);
  if (located < 0) return Read::kMissing;
  const auto index = static_cast<zip_uint64_t>(located);
  zip_stat_t stat;
  zip_stat_init(&stat);
  if (zip_stat_index(archive_, index, 0, &stat) != 0) {
    return Failed(DocumentStatus::kCorrupt, "damaged " + kind_ + ": cannot stat " + name_z + ": " +
                                                zip_error_strerror(zip_get_error(archive_)));
  }
  if ((stat.valid & ZIP_STAT_ENCRYPTION_METHOD) && stat.encryption_method != ZIP_EM_NONE) {
    return Failed(DocumentStatus::kEncrypted, kind_ + " package is encrypted (ZIP password)");
  }
  const std::uint64_t budget = max_total_ > total_ ? max_total_ - total_ : 0;
  if (stat.valid & ZIP_STAT_SIZE) {
    if (stat.size > budget) {
      return Failed(DocumentStatus::kTooLarge,
                    "zip bomb guard: " + name_z + " expands to " + FormatByteSize(stat.size) +
                        " (limit " + FormatByteSize(max_total_) +
                        " decompressed per file, max_decompressed_bytes)");
    }
    if (stat.size >= kRatioCheckMinBytes && (stat.valid & ZIP_STAT_COMP_SIZE)) {
      const std::uint64_t ratio = stat.size / std::max<std::uint64_t>(stat.comp_size, 1);
      if (ratio > max_ratio_) {
        return Failed(DocumentStatus::kTooLarge,
                      "zip bomb guard: " + name_z + " is compressed " + std::to_string(ratio) +
                          ":1 (limit " + std::to_string(max_ratio_) + ":1 for parts over " +
                          FormatByteSize(kRatioCheckMinBytes) + ", max_compression_ratio)");
      }
    }
  }
  ZipFilePtr file(zip_fopen_index(archive_, index, 0));
  if (!file) {
    zip_error_t* error = zip_get_error(archive_);
    const int code = zip_error_code_zip(error);
    if (code == ZIP_ER_NOPASSWD || code == ZIP_ER_WRONGPASSWD || code == ZIP_ER_ENCRNOTSUPP) {
      return Failed(DocumentStatus::kEncrypted, kind_ + " package is encrypted (ZIP password)");
    }
    return Failed(DocumentStatus::kCorrupt, "damaged " + kind_ + ": cannot open " + name_z + ": " +
                                                zip_error_strerror(error));
  }
  if (stat.valid & ZIP_STAT_SIZE) out.reserve(stat.size);
  char buffer[64 << 10];
  while (true) {
    const zip_int64_t n = zip_fread(file.get(), buffer, sizeof buffer);
    if (n < 0) {
      out.clear();
      return Failed(DocumentStatus::kCorrupt,
                    "damaged " + kind_ + ": " + name_z + ": " + zip_file_strerror(file.get()));
    }
    if (n == 0) break;
    // The declared size can lie; count what actually comes out.
    if (out.size() + static_cast<std::uint64_t>(n) > budget) {
      out.clear();
      return Failed(DocumentStatus::kTooLarge,
                    "zip bomb guard: " + name_z + " expands beyond " + FormatByteSize(max_total_) +
                        " decompressed per file (max_decompressed_bytes)");
    }
    out.append(buffer, static_cast<std::size_t>(n));
    // Likewise the ratio: judge it on the bytes that came out, against the stored size.
    if (out.size() >= kRatioCheckMinBytes && (stat.valid & ZIP_STAT_COMP_SIZE) &&
        out.size() / std::max<std::uint64_t>(stat.comp_size, 1) > max_ratio_) {
      out.clear();
      return Failed(DocumentStatus::kTooLarge,
                    "zip bomb guard: " + name_z + " expands more than " +
                        std::to_string(max_ratio_) + ":1 (limit for parts over " +
                        FormatByteSize(kRatioCheckMinBytes) + ", max_compression_ratio)");
    }
  }
  total_ += out.size();
  return Read::kOk;
}

std::string OdfEncryptionReason(XmlPackage& package) {
  // A manifest lists every part; 1 MiB is far more than any real one.
  const std::string manifest = package.ReadSmallPart("META-INF/manifest.xml", 1u << 20);
  if (manifest.find("encryption-data") == std::string::npos) return "";
  // The cipher is named by URI: "…#aes256-cbc", "…/xmlenc#aes256-gcm", or "Blowfish CFB".
  std::string cipher = "unknown cipher";
  if (manifest.find("Blowfish") != std::string::npos) {
    cipher = "Blowfish";
  } else if (manifest.find("aes256") != std::string::npos) {
    cipher = "AES-256";
  } else if (manifest.find("aes128") != std::string::npos) {
    cipher = "AES-128";
  }
  return "password-protected OpenDocument file (" + cipher +
         "); remove the password (File > Properties) and save again";
}

}  // namespace trustscreen::extract::internal
