#include "zip_reader.h"

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>

#include "extractors.h"
#include "utf8.h"

namespace trustscreen::extract::internal {
namespace {

constexpr std::size_t kChunkBytes = 64 << 10;

struct ZipFileCloser {
  void operator()(zip_file_t* file) const { zip_fclose(file); }
};
using ZipFilePtr = std::unique_ptr<zip_file_t, ZipFileCloser>;

ZipMemberRead Failed(ZipMemberRead read, DocumentStatus status, std::string reason) {
  read.status = status;
  read.reason = std::move(reason);
  read.bytes.clear();
  read.bytes.shrink_to_fit();
  return read;
}

std::string OverMemberLimit(std::string_view name, std::uint64_t limit) {
  return "zip bomb guard: " + std::string(name) + " expands beyond the " + FormatByteSize(limit) +
         " limit (max_member_bytes)";
}

std::string OverRatio(std::string_view name, std::string_view ratio, std::uint64_t limit) {
  return "zip bomb guard: " + std::string(name) + " expands " + std::string(ratio) +
         ":1, over the " + std::to_string(limit) + ":1 limit for members over " +
         FormatByteSize(kRatioCheckMinBytes) + " (max_compression_ratio)";
}

std::string OverBudget() {
  return "zip bomb guard: the file's members expand beyond the limit for one input "
         "(max_decompressed_bytes)";
}

bool IsEncryptionError(int code) {
  return code == ZIP_ER_NOPASSWD || code == ZIP_ER_WRONGPASSWD || code == ZIP_ER_ENCRNOTSUPP;
}

// Appends the UTF-8 sequence starting at `s[i]` (already valid) or its replacement to `out` and
// returns its length.
std::size_t AppendDisplayChar(std::string_view s, std::size_t i, std::string& out) {
  const auto c = static_cast<unsigned char>(s[i]);
  if (c < 0x20 || c == 0x7F) {
    out.push_back('?');
    return 1;
  }
  if (c == '\\') {
    out.push_back('/');
    return 1;
  }
  if (c < 0x80) {
    out.push_back(static_cast<char>(c));
    return 1;
  }
  const std::size_t length = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
  const std::string_view seq = s.substr(i, length);
  // C1 controls (U+0080-U+009F) and the bidirectional overrides/isolates (U+202A-U+202E,
  // U+2066-U+2069) can make a name display as something else in a terminal or a report viewer.
  const bool c1 = seq.size() == 2 && c == 0xC2 && static_cast<unsigned char>(seq[1]) < 0xA0;
  bool bidi = false;
  if (seq.size() == 3 && c == 0xE2) {
    const auto b1 = static_cast<unsigned char>(seq[1]);
    const auto b2 = static_cast<unsigned char>(seq[2]);
    bidi = (b1 == 0x80 && b2 >= 0xAA && b2 <= 0xAE) || (b1 == 0x81 && b2 >= 0xA6 && b2 <= 0xA9);
  }
  if (c1 || bidi) {
    out.push_back('?');
  } else {
    out.append(seq);
  }
  return seq.size();
}

}  // namespace

ZipArchivePtr OpenZipFromMemory(std::string_view bytes, std::string& error) {
  zip_error_t zip_error;
  zip_error_init(&zip_error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &zip_error);
  if (source == nullptr) {
    error = zip_error_strerror(&zip_error);
    zip_error_fini(&zip_error);
    return nullptr;
  }
  // On success the archive owns the source; on failure it is still ours to free.
  ZipArchivePtr archive(zip_open_from_source(source, ZIP_RDONLY, &zip_error));
  if (!archive) {
    zip_source_free(source);
    error = zip_error_strerror(&zip_error);
  }
  zip_error_fini(&zip_error);
  return archive;
}

ZipReadLimits ZipReadLimitsFrom(const ExtractOptions& options) {
  return ZipReadLimits{.max_member_bytes = options.max_member_bytes,
                       .max_compression_ratio = options.max_compression_ratio,
                       .budget_left = nullptr};
}

ZipMemberRead ReadZipMember(zip_t* archive, zip_uint64_t index, std::string_view display_name,
                            const ZipReadLimits& limits) {
  ZipMemberRead read;
  const std::string name(display_name);
  zip_stat_t stat;
  zip_stat_init(&stat);
  if (zip_stat_index(archive, index, 0, &stat) != 0) {
    return Failed(
        std::move(read), DocumentStatus::kCorrupt,
        name + ": cannot read its ZIP entry: " + zip_error_strerror(zip_get_error(archive)));
  }
  if ((stat.valid & ZIP_STAT_ENCRYPTION_METHOD) && stat.encryption_method != ZIP_EM_NONE) {
    return Failed(std::move(read), DocumentStatus::kEncrypted, name + ": encrypted (ZIP password)");
  }
  if ((stat.valid & ZIP_STAT_COMP_METHOD) &&
      !zip_compression_method_supported(stat.comp_method, 0)) {
    return Failed(
        std::move(read), DocumentStatus::kUnsupported,
        name + ": compression method " + std::to_string(stat.comp_method) + " is not supported");
  }
  const std::uint64_t compressed =
      std::max<std::uint64_t>((stat.valid & ZIP_STAT_COMP_SIZE) ? stat.comp_size : 0, 1);
  // The declared sizes are only a first, cheap check: honest bombs fail here without any work.
  if (stat.valid & ZIP_STAT_SIZE) {
    read.declared_size = stat.size;
    if (stat.size > limits.max_member_bytes) {
      return Failed(std::move(read), DocumentStatus::kTooLarge,
                    "zip bomb guard: " + name + " expands to " + FormatByteSize(stat.size) +
                        ", over the " + FormatByteSize(limits.max_member_bytes) +
                        " limit (max_member_bytes)");
    }
    if (stat.size > kRatioCheckMinBytes && stat.size / compressed > limits.max_compression_ratio) {
      return Failed(
          std::move(read), DocumentStatus::kTooLarge,
          OverRatio(name, std::to_string(stat.size / compressed), limits.max_compression_ratio));
    }
    if (limits.budget_left != nullptr && stat.size > *limits.budget_left) {
      read.budget_exhausted = true;
      return Failed(std::move(read), DocumentStatus::kTooLarge, OverBudget());
    }
  }
  ZipFilePtr file(zip_fopen_index(archive, index, 0));
  if (!file) {
    zip_error_t* error = zip_get_error(archive);
    const int code = zip_error_code_zip(error);
    if (IsEncryptionError(code)) {
      return Failed(std::move(read), DocumentStatus::kEncrypted,
                    name + ": encrypted (ZIP password)");
    }
    if (code == ZIP_ER_COMPNOTSUPP) {
      return Failed(std::move(read), DocumentStatus::kUnsupported,
                    name + ": compression method is not supported");
    }
    return Failed(std::move(read), DocumentStatus::kCorrupt,
                  name + ": cannot open: " + zip_error_strerror(error));
  }
  // Whatever the header says, stop at the first chunk past a limit.
  std::uint64_t limit = limits.max_member_bytes;
  const std::uint64_t ratio_limit =
      std::max(kRatioCheckMinBytes,
               compressed > UINT64_MAX / std::max<std::uint64_t>(limits.max_compression_ratio, 1)
                   ? UINT64_MAX
                   : compressed * limits.max_compression_ratio);
  limit = std::min(limit, ratio_limit);
  if (limits.budget_left != nullptr) limit = std::min(limit, *limits.budget_left);
  read.bytes.reserve(
      std::min<std::uint64_t>(read.declared_size, std::min(limit, kChunkBytes * 16)));
  char buffer[kChunkBytes];
  while (true) {
    const zip_int64_t n = zip_fread(file.get(), buffer, sizeof buffer);
    if (n < 0) {
      return Failed(std::move(read), DocumentStatus::kCorrupt,
                    name + ": " + zip_file_strerror(file.get()));
    }
    if (n == 0) break;
    if (read.bytes.size() + static_cast<std::uint64_t>(n) > limit) {
      const std::uint64_t seen = read.bytes.size() + static_cast<std::uint64_t>(n);
      if (limits.budget_left != nullptr) {
        *limits.budget_left -= std::min(*limits.budget_left, read.bytes.size());
      }
      if (limit == limits.max_member_bytes) {
        return Failed(std::move(read), DocumentStatus::kTooLarge,
                      OverMemberLimit(name, limits.max_member_bytes));
      }
      if (limit == ratio_limit) {
        return Failed(std::move(read), DocumentStatus::kTooLarge,
                      OverRatio(name, "more than " + std::to_string(seen / compressed),
                                limits.max_compression_ratio));
      }
      read.budget_exhausted = true;
      return Failed(std::move(read), DocumentStatus::kTooLarge, OverBudget());
    }
    read.bytes.append(buffer, static_cast<std::size_t>(n));
  }
  if (limits.budget_left != nullptr) *limits.budget_left -= read.bytes.size();
  return read;
}

ZipMemberRead ReadZipMember(zip_t* archive, std::string_view name, const ZipReadLimits& limits) {
  const std::string name_z(name);
  const zip_int64_t index = zip_name_locate(archive, name_z.c_str(), ZIP_FL_NOCASE);
  if (index < 0) {
    ZipMemberRead read;
    read.status = DocumentStatus::kCorrupt;
    read.reason = name_z + " is missing";
    return read;
  }
  return ReadZipMember(archive, static_cast<zip_uint64_t>(index), name, limits);
}

std::string SanitizeMemberName(std::string_view name) {
  std::string valid;
  AppendValidUtf8(name, valid);
  std::string out;
  out.reserve(valid.size());
  for (std::size_t i = 0; i < valid.size();) i += AppendDisplayChar(valid, i, out);
  const std::size_t first = out.find_first_not_of('/');
  out.erase(0, first == std::string::npos ? out.size() : first);
  return out.empty() ? "(unnamed)" : out;
}

}  // namespace trustscreen::extract::internal
