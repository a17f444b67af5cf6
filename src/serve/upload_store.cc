#include "upload_store.h"

#include <cstdio>
#include <system_error>
#include <utility>

#include "security.h"

namespace trustscreen::serve {
namespace {

constexpr std::size_t kUploadIdBytes = 12;

std::string Mib(std::uint64_t bytes) { return std::to_string(bytes >> 20) + " MiB"; }

}  // namespace

Upload::Upload(std::filesystem::path staging_dir, std::filesystem::path final_dir,
               UploadLimits limits)
    : staging_dir_(std::move(staging_dir)), final_dir_(std::move(final_dir)), limits_(limits) {}

Upload::Upload(Upload&& other) noexcept
    : staging_dir_(std::exchange(other.staging_dir_, {})),
      final_dir_(std::move(other.final_dir_)),
      limits_(other.limits_),
      files_(std::move(other.files_)),
      current_(std::move(other.current_)),
      total_bytes_(other.total_bytes_),
      too_large_(other.too_large_),
      committed_(other.committed_) {}

Upload::~Upload() {
  if (committed_ || staging_dir_.empty()) return;
  current_.close();
  std::error_code ignored;
  std::filesystem::remove_all(staging_dir_, ignored);
}

Status Upload::BeginFile(std::string_view original_name) {
  if (static_cast<int>(files_.size()) >= limits_.max_files) {
    return InvalidArgument("more than " + std::to_string(limits_.max_files) +
                           " files in one upload (put them in a ZIP)");
  }
  current_.close();
  char number[16];
  std::snprintf(number, sizeof number, "%04zu-", files_.size() + 1);
  UploadedFile file;
  file.original_name = std::string(original_name);
  file.stored_name = number + SanitizeUploadName(original_name);
  current_.open(staging_dir_ / file.stored_name, std::ios::binary | std::ios::trunc);
  if (!current_) return IoError("cannot store the uploaded file " + file.stored_name);
  files_.push_back(std::move(file));
  return Status();
}

Status Upload::Write(std::string_view bytes) {
  if (files_.empty() || too_large_) return InvalidArgument("no file is being received");
  UploadedFile& file = files_.back();
  if (file.bytes + bytes.size() > limits_.max_file_bytes) {
    too_large_ = true;
    return InvalidArgument("a file is larger than " + Mib(limits_.max_file_bytes));
  }
  if (total_bytes_ + bytes.size() > limits_.max_total_bytes) {
    too_large_ = true;
    return InvalidArgument("the upload is larger than " + Mib(limits_.max_total_bytes));
  }
  current_.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!current_) return IoError("cannot store the uploaded file " + file.stored_name);
  file.bytes += bytes.size();
  total_bytes_ += bytes.size();
  return Status();
}

Result<std::filesystem::path> Upload::Commit() {
  if (files_.empty()) return InvalidArgument("no file was uploaded");
  current_.close();
  if (current_.fail()) return IoError("cannot store the uploaded files");
  std::error_code error;
  std::filesystem::rename(staging_dir_, final_dir_, error);
  if (error) return IoError("cannot store the upload: " + error.message());
  committed_ = true;
  return final_dir_;
}

UploadStore::UploadStore(std::filesystem::path uploads_dir, UploadLimits limits)
    : uploads_dir_(std::move(uploads_dir)), limits_(limits) {}

Result<Upload> UploadStore::Begin() const {
  const std::string id = RandomHex(kUploadIdBytes);
  const std::filesystem::path staging = uploads_dir_ / (".staging-" + id);
  std::error_code error;
  std::filesystem::create_directories(staging, error);
  if (error) return IoError(uploads_dir_.string() + ": cannot store uploads: " + error.message());
  return Upload(staging, uploads_dir_ / id, limits_);
}

}  // namespace trustscreen::serve
