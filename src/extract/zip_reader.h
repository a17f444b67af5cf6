// Reading members of a ZIP container (an archive, or the parts of a DOCX/ODT package) from memory
// with libzip, under the zip bomb guards of ExtractOptions.
//
// A member is decompressed in chunks and reading stops as soon as a limit is passed: the sizes in
// the ZIP headers are checked first (cheap rejection of honest bombs) but never trusted, since a
// hostile archive can declare 1 KiB and inflate to gigabytes.
//
// Thread-safety: a zip_t must not be used from two threads at once; the functions keep no state.
#ifndef TRUSTSCREEN_SRC_EXTRACT_ZIP_READER_H_
#define TRUSTSCREEN_SRC_EXTRACT_ZIP_READER_H_

#include <zip.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "trustscreen/core/document.h"
#include "trustscreen/extract/extract.h"

namespace trustscreen::extract::internal {

struct ZipDiscarder {
  void operator()(zip_t* archive) const { zip_discard(archive); }
};
using ZipArchivePtr = std::unique_ptr<zip_t, ZipDiscarder>;

// Opens `bytes` read-only; `bytes` must outlive the archive. On failure returns null and sets
// `error` to libzip's message ("Not a zip archive").
ZipArchivePtr OpenZipFromMemory(std::string_view bytes, std::string& error);

// The compression ratio is only checked for members that decompress to more than this: small
// members cannot do harm whatever their ratio, and tiny text files compress very well.
inline constexpr std::uint64_t kRatioCheckMinBytes = 10ull << 20;

// Limits for reading members. `budget_left`, when not null, is shared by several reads (all the
// members of one input, nested archives included) and reduced by what each read decompresses.
struct ZipReadLimits {
  std::uint64_t max_member_bytes = 256ull << 20;
  std::uint64_t max_compression_ratio = 100;  // decompressed : compressed, over kRatioCheckMinBytes
  std::uint64_t* budget_left = nullptr;
};

// The limits of `options` (max_member_bytes, max_compression_ratio); no shared budget.
ZipReadLimits ZipReadLimitsFrom(const ExtractOptions& options);

// The outcome of reading one member.
struct ZipMemberRead {
  // kOk; kEncrypted (ZIP password); kUnsupported (compression method libzip cannot decode);
  // kTooLarge (a limit; `reason` starts "zip bomb guard: " and names the option); kCorrupt.
  DocumentStatus status = DocumentStatus::kOk;
  std::string reason;  // empty when ok; starts with the member's name otherwise, except for the
                       // zip bomb guard
  std::string bytes;   // the content when ok; empty otherwise
  std::uint64_t declared_size = 0;  // uncompressed size from the central directory (untrusted)
  bool budget_exhausted = false;    // kTooLarge because *budget_left ran out

  bool ok() const { return status == DocumentStatus::kOk; }
};

// Reads member `index`; `display_name` is used in reasons. Never reads more than the limits
// allow plus one chunk (64 KiB).
ZipMemberRead ReadZipMember(zip_t* archive, zip_uint64_t index, std::string_view display_name,
                            const ZipReadLimits& limits);

// Reads member `name` (compared case-insensitively, as Office does); kCorrupt "<name> is missing"
// when there is none.
ZipMemberRead ReadZipMember(zip_t* archive, std::string_view name, const ZipReadLimits& limits);

// Member `name` for display in a path ("bundle.zip!/<here>"): invalid UTF-8 replaced by U+FFFD,
// control and bidirectional-override characters by '?', '\' by '/', leading '/' dropped; ".."
// stays visible (member names are never used to write files). "(unnamed)" for an empty name.
std::string SanitizeMemberName(std::string_view name);

}  // namespace trustscreen::extract::internal

#endif  // TRUSTSCREEN_SRC_EXTRACT_ZIP_READER_H_
