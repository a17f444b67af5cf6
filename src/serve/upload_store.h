// Upload store: documents uploaded to the review app, each upload in a directory of its own under
// DATA/uploads/ whose name the app generates.
//
// Where it sits: the upload handler streams each file of a multipart request into an Upload; the
// committed directory becomes the scan's one input, so the pipeline reads the files in place (a
// ZIP is screened as an archive there). Nothing the client sends becomes a path: each file is
// stored as "NNNN-" + SanitizeUploadName(its name) (the number keeps the upload's order and makes
// names unique); the original name is kept only for display.
//
// Limits: at most `max_file_bytes` per file and `max_total_bytes` per upload; the write that
// passes one fails and marks the upload too large (the handler answers 413).
// Thread-safety: an UploadStore may be shared; each Upload is used by one thread.
#ifndef TRUSTSCREEN_SERVE_UPLOAD_STORE_H_
#define TRUSTSCREEN_SERVE_UPLOAD_STORE_H_

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#include "trustscreen/core/status.h"

namespace trustscreen::serve {

struct UploadLimits {
  std::uint64_t max_total_bytes = 256ull << 20;
  std::uint64_t max_file_bytes = 256ull << 20;
  int max_files = 10000;
};

struct UploadedFile {
  std::string original_name;  // as the client sent it (display only, escaped where shown)
  std::string stored_name;    // the file's name in the upload directory
  std::uint64_t bytes = 0;
};

// One upload being received. Files are staged in a hidden directory and only appear under their
// generated upload id at Commit; an Upload destroyed without Commit removes everything it wrote.
// Move-only.
class Upload {
 public:
  Upload(std::filesystem::path staging_dir, std::filesystem::path final_dir, UploadLimits limits);
  ~Upload();
  Upload(Upload&& other) noexcept;  // `other` is left owning nothing
  Upload& operator=(Upload&&) = delete;
  Upload(const Upload&) = delete;
  Upload& operator=(const Upload&) = delete;

  // Starts the next file. kInvalidArgument past max_files; kIoError when it cannot be created.
  Status BeginFile(std::string_view original_name);
  // Appends to the current file. kInvalidArgument (and too_large()) past a limit.
  Status Write(std::string_view bytes);
  // Closes the last file and moves the upload to its final directory, which is returned.
  // kInvalidArgument when no file was received.
  Result<std::filesystem::path> Commit();

  bool too_large() const { return too_large_; }
  const std::vector<UploadedFile>& files() const { return files_; }

 private:
  std::filesystem::path staging_dir_;
  std::filesystem::path final_dir_;
  UploadLimits limits_;
  std::vector<UploadedFile> files_;
  std::ofstream current_;
  std::uint64_t total_bytes_ = 0;
  bool too_large_ = false;
  bool committed_ = false;
};

class UploadStore {
 public:
  // `uploads_dir` is created when missing.
  UploadStore(std::filesystem::path uploads_dir, UploadLimits limits);

  // A new upload with a fresh random id. kIoError when its staging directory cannot be made.
  Result<Upload> Begin() const;

  const UploadLimits& limits() const { return limits_; }

 private:
  std::filesystem::path uploads_dir_;
  UploadLimits limits_;
};

}  // namespace trustscreen::serve

#endif  // TRUSTSCREEN_SERVE_UPLOAD_STORE_H_
