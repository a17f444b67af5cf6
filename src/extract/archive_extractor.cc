// Archives other than ZIP (tar, 7z, RAR, recognised by their signatures) and compressed single
// files (gzip, bzip2, xz, zstd): read with libarchive and screened member by member, as ZIP
// archives are, under the same limits and the same shared budget (ArchiveBudget). A compressed
// file holding another archive format libarchive knows (a .cpio.gz) is listed as that archive.
//
// A compressed single file ("minutes.pdf.gz") is an archive of one member named after the file
// without its compression suffix ("minutes.pdf.gz!/minutes.pdf"); a compressed tar ("bundle.tgz")
// lists the tar's members. Members are read in chunks and never beyond max_member_bytes or the
// input's decompression budget, whatever the headers declare. Directories, links and devices are
// not members; an encrypted member (7z, RAR, ZIP-like formats with a password) is `encrypted`.
// Damage after some members ends the listing: the archive is `partial` and says so; damage before
// any is `corrupt`.
#include <archive.h>
#include <archive_entry.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "extractors.h"
#include "zip_reader.h"

namespace trustscreen::extract::internal {
namespace {

constexpr std::size_t kChunkBytes = 64 << 10;

struct ArchiveFree {
  void operator()(archive* a) const { archive_read_free(a); }
};
using ArchivePtr = std::unique_ptr<archive, ArchiveFree>;

void Set(Document& doc, DocumentStatus status, std::string reason) {
  doc.status = status;
  doc.reason = std::move(reason);
}

std::string ArchiveError(archive* a) {
  const char* message = archive_error_string(a);
  return message != nullptr ? SanitizeMemberName(message) : "unknown error";
}

// The name of the one member of a compressed single file: the file's name without its suffix.
std::string SingleFileName(std::string_view path) {
  std::string_view name = path.substr(path.find_last_of("/!") + 1);
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 9> kSuffixes = {{
      {".tgz", ".tar"},
      {".tbz2", ".tar"},
      {".txz", ".tar"},
      {".gz", ""},
      {".bz2", ""},
      {".xz", ""},
      {".zst", ""},
      {".lz", ""},
      {".z", ""},
  }};
  std::string lower(name);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  for (const auto& [suffix, replacement] : kSuffixes) {
    if (lower.size() > suffix.size() && lower.ends_with(suffix)) {
      return std::string(name.substr(0, name.size() - suffix.size())) + std::string(replacement);
    }
  }
  return std::string(name.empty() ? "data" : name) + ".uncompressed";
}

// One member's bytes, read in chunks under the limits. Sets `member` (status, reason) and
// returns false when it could not be read whole; `damaged` when the archive cannot go on.
bool ReadMemberData(archive* a, const ExtractOptions& options, ArchiveBudget& budget,
                    std::string& bytes, Document& member, bool& damaged) {
  std::array<char, kChunkBytes> chunk{};
  while (true) {
    const la_ssize_t got = archive_read_data(a, chunk.data(), chunk.size());
    if (got == 0) return true;
    if (got < 0) {
      Set(member, DocumentStatus::kCorrupt, "damaged archive member: " + ArchiveError(a));
      damaged = got == ARCHIVE_FATAL;
      return false;
    }
    const auto size = static_cast<std::uint64_t>(got);
    if (bytes.size() + size > options.max_member_bytes) {
      Set(member, DocumentStatus::kTooLarge,
          "zip bomb guard: member expands beyond " + FormatByteSize(options.max_member_bytes) +
              " (max_member_bytes)");
      return false;
    }
    if (size > budget.decompressed_bytes_left) {
      ++budget.refused_for_budget;
      Set(member, DocumentStatus::kTooLarge,
          "zip bomb guard: the input's members expand beyond " +
              FormatByteSize(options.max_decompressed_bytes) + " (max_decompressed_bytes)");
      return false;
    }
    budget.decompressed_bytes_left -= size;
    bytes.append(chunk.data(), size);
  }
}

}  // namespace

void ExtractOtherArchive(std::string_view bytes, const ExtractOptions& options,
                         ArchiveBudget& budget, Document& doc) {
  doc.format = DocumentFormat::kArchive;
  if (budget.depth >= options.max_archive_depth) {
    Set(doc, DocumentStatus::kTooLarge,
        "archive nested more than " + std::to_string(options.max_archive_depth) +
            " levels deep, not opened (max_archive_depth)");
    return;
  }
  ArchivePtr a(archive_read_new());
  if (!a) throw std::bad_alloc();
  archive_read_support_filter_all(a.get());
  archive_read_support_format_all(a.get());
  // A compressed single file: libarchive offers it as one entry when no archive format bids.
  archive_read_support_format_raw(a.get());
  if (archive_read_open_memory(a.get(), bytes.data(), bytes.size()) != ARCHIVE_OK) {
    Set(doc, DocumentStatus::kCorrupt, "damaged or unknown archive: " + ArchiveError(a.get()));
    return;
  }

  ++budget.depth;
  const std::uint64_t refused_before = budget.refused_for_budget;
  int not_screened = 0;
  std::string damage;  // why the listing stopped early
  DocumentStatus cut_status = DocumentStatus::kOk;
  archive_entry* entry = nullptr;
  while (true) {
    const int header = archive_read_next_header(a.get(), &entry);
    if (header == ARCHIVE_EOF) break;
    if (header == ARCHIVE_FATAL || (header != ARCHIVE_OK && header != ARCHIVE_WARN)) {
      damage = "damaged (" + ArchiveError(a.get()) + ")";
      cut_status = DocumentStatus::kPartial;
      break;
    }
    if (archive_entry_filetype(entry) != AE_IFREG) continue;
    if (budget.members + 1 > options.max_archive_members) {
      damage = "more than " + std::to_string(options.max_archive_members) +
               " members in this input (max_archive_members)";
      cut_status = DocumentStatus::kTooLarge;
      break;
    }
    ++budget.members;
    const bool raw = archive_format(a.get()) == ARCHIVE_FORMAT_RAW;
    const char* stored = archive_entry_pathname_utf8(entry);
    if (stored == nullptr) stored = archive_entry_pathname(entry);
    const std::string display =
        raw ? SanitizeMemberName(SingleFileName(doc.path))
            : SanitizeMemberName(stored != nullptr && *stored != '\0' ? stored : "unnamed");
    Document member;
    member.path = doc.path + "!/" + display;
    std::string data;
    bool damaged = false;
    if (archive_entry_is_encrypted(entry)) {
      Set(member, DocumentStatus::kEncrypted, "encrypted archive member: password needed");
    } else if (ReadMemberData(a.get(), options, budget, data, member, damaged)) {
      member = ExtractMember(data, std::move(member.path), options, budget);
    }
    if (member.status == DocumentStatus::kTooLarge && member.size_bytes == 0) {
      member.size_bytes = data.size();
    }
    if (!IsFullyScreened(member.status)) ++not_screened;
    doc.members.push_back(std::move(member));
    if (damaged) {
      damage = "damaged (" + ArchiveError(a.get()) + ")";
      cut_status = DocumentStatus::kPartial;
      break;
    }
  }
  --budget.depth;

  if (doc.members.empty()) {
    if (!damage.empty()) {
      Set(doc, cut_status == DocumentStatus::kPartial ? DocumentStatus::kCorrupt : cut_status,
          "archive " + damage + "; no member read");
    } else {
      Set(doc, DocumentStatus::kEmpty, "archive holds no files");
    }
    return;
  }
  const std::size_t count = doc.members.size();
  std::string summary = std::to_string(not_screened) + " of " + std::to_string(count) +
                        (count == 1 ? " member" : " members") + " not fully screened";
  if (!damage.empty()) {
    summary = "archive " + damage + " after " + std::to_string(count) +
              (count == 1 ? " member, the rest not read; " : " members, the rest not read; ") +
              summary;
  }
  SetArchiveOutcome(budget, refused_before, cut_status, not_screened, summary, options, doc);
}

}  // namespace trustscreen::extract::internal
