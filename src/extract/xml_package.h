// Reading the XML parts of a ZIP-based document (DOCX, ODT) from memory with libzip, under the
// zip bomb guards of ExtractOptions: the bytes decompressed from one file in total
// (max_decompressed_bytes) and the compression ratio of large parts (max_compression_ratio).
//
// Not thread-safe per object.
#ifndef TRUSTSCREEN_SRC_EXTRACT_XML_PACKAGE_H_
#define TRUSTSCREEN_SRC_EXTRACT_XML_PACKAGE_H_

#include <zip.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "trustscreen/core/document.h"
#include "trustscreen/extract/extract.h"

namespace trustscreen::extract::internal {

class XmlPackage {
 public:
  enum class Read { kOk, kMissing, kFailed };

  // Opens `bytes` (which must outlive the package) as a ZIP archive. On failure returns null and
  // sets doc.status/reason (corrupt: "not a valid ZIP/<kind>: …"). `kind` names the format in
  // messages ("DOCX", "ODT").
  static std::unique_ptr<XmlPackage> Open(std::string_view bytes, std::string kind,
                                          const ExtractOptions& options, Document& doc);
  ~XmlPackage();
  XmlPackage(const XmlPackage&) = delete;
  XmlPackage& operator=(const XmlPackage&) = delete;

  // Whether a member of that name exists (compared case-insensitively, as Office does).
  bool Has(std::string_view name) const;

  // Reads member `name` into `out`. kMissing if there is none; kFailed (encrypted, damaged, or
  // over a limit) sets failure_status() and failure().
  Read ReadPart(std::string_view name, std::string& out);
  // The names of the members under `prefix` ("Pictures/"), in archive order.
  std::vector<std::string> NamesUnder(std::string_view prefix) const;

  // Reads at most `max_bytes` of a small member (e.g. ODF's "mimetype"); "" if absent.
  std::string ReadSmallPart(std::string_view name, std::size_t max_bytes);

  DocumentStatus failure_status() const { return failure_status_; }
  const std::string& failure() const { return failure_; }

 private:
  XmlPackage(zip_t* archive, std::string kind, const ExtractOptions& options);
  Read Failed(DocumentStatus status, std::string reason);

  zip_t* archive_;
  std::string kind_;
  std::uint64_t max_total_;
  std::uint64_t max_ratio_;
  std::uint64_t total_ = 0;  // bytes decompressed so far
  DocumentStatus failure_status_ = DocumentStatus::kOk;
  std::string failure_;
};

// OpenDocument packages (ODT, ODS, ODP) encrypt their parts with a password and say so in
// META-INF/manifest.xml (manifest:encryption-data). Returns the reason for an `encrypted` status
// ("password-protected OpenDocument file (AES-256); …"), or "" when the parts are not encrypted.
std::string OdfEncryptionReason(XmlPackage& package);

}  // namespace trustscreen::extract::internal

#endif  // TRUSTSCREEN_SRC_EXTRACT_XML_PACKAGE_H_
