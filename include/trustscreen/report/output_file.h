// A report file written through an std::ostream that remembers why a write failed.
//
// std::ofstream reports only that a write failed; a nightly run that fills its disk must say
// "No space left on device". OutputFile writes to a file descriptor through its own buffer and
// keeps the errno of the first failed write, flush, fsync or close. Report writers take any
// std::ostream and name the cause with WriteFailureCause.
//
// Thread-safety: one thread at a time, like the ostream it hands out.
#ifndef TRUSTSCREEN_REPORT_OUTPUT_FILE_H_
#define TRUSTSCREEN_REPORT_OUTPUT_FILE_H_

#include <cstdint>
#include <filesystem>
#include <memory>
#include <ostream>
#include <string>

#include "trustscreen/core/status.h"

namespace trustscreen::report {

class OutputFile {
 public:
  // Creates or truncates `path` for writing. Fails with kIoError naming the path and the cause.
  static Result<std::unique_ptr<OutputFile>> Create(const std::filesystem::path& path);

  ~OutputFile();  // closes the file if Close was not called; errors then go unreported
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;

  std::ostream& stream() { return stream_; }
  const std::filesystem::path& path() const { return path_; }
  // Bytes handed to the stream so far (written or still buffered).
  std::uint64_t size() const;

  // Writes out the buffer, syncs the file to disk and closes it. Fails with kIoError "PATH:
  // cannot write: CAUSE" on the first error of the file's life. Idempotent.
  Status Close();

  // Closes the file (ignoring write errors: the caller is undoing a write) and cuts it back to
  // `size` bytes, to take back a record.
  Status TruncateTo(std::uint64_t size);

 private:
  class Buffer;
  friend std::string WriteFailureCause(const std::ostream& out);
  OutputFile(std::filesystem::path path, int fd);

  std::filesystem::path path_;
  std::unique_ptr<Buffer> buffer_;
  std::ostream stream_;
};

// ": CAUSE" (": No space left on device") when `out` writes to an OutputFile whose write
// failed with a system error; "" otherwise. For messages such as "cannot write CSV report".
std::string WriteFailureCause(const std::ostream& out);

}  // namespace trustscreen::report

#endif  // TRUSTSCREEN_REPORT_OUTPUT_FILE_H_
