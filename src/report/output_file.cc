#include "trustscreen/report/output_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <streambuf>
#include <vector>

namespace trustscreen::report {

class OutputFile::Buffer : public std::streambuf {
 public:
  explicit Buffer(int fd) : fd_(fd), buffer_(1 << 16) {
    setp(buffer_.data(), buffer_.data() + buffer_.size());
  }
  ~Buffer() override {
    if (fd_ >= 0) ::close(fd_);
  }

  int error() const { return error_; }
  std::uint64_t size() const { return written_ + static_cast<std::uint64_t>(pptr() - pbase()); }

  bool Close() {
    if (fd_ < 0) return error_ == 0;
    Drain();
    if (error_ == 0 && ::fsync(fd_) != 0 && errno != EINVAL) error_ = errno;
    if (::close(fd_) != 0 && error_ == 0 && errno != EINTR) error_ = errno;
    fd_ = -1;
    return error_ == 0;
  }

  // Keeps the first error's cause.
  void Fail(int error) {
    if (error_ == 0) error_ = error;
  }

 protected:
  int_type overflow(int_type c) override {
    if (!Drain()) return traits_type::eof();
    if (!traits_type::eq_int_type(c, traits_type::eof())) {
      *pptr() = traits_type::to_char_type(c);
      pbump(1);
    }
    return traits_type::not_eof(c);
  }

  std::streamsize xsputn(const char* data, std::streamsize count) override {
    if (count < epptr() - pptr()) {
      std::memcpy(pptr(), data, static_cast<std::size_t>(count));
      pbump(static_cast<int>(count));
      return count;
    }
    if (!Drain() || !WriteAll(data, static_cast<std::size_t>(count))) return 0;
    return count;
  }

  int sync() override { return Drain() ? 0 : -1; }

 private:
  bool Drain() {
    const std::size_t pending = static_cast<std::size_t>(pptr() - pbase());
    setp(buffer_.data(), buffer_.data() + buffer_.size());
    return WriteAll(buffer_.data(), pending);
  }

  bool WriteAll(const char* data, std::size_t count) {
    if (error_ != 0) return false;
    if (fd_ < 0) {
      error_ = EBADF;
      return false;
    }
    while (count > 0) {
      const ssize_t done = ::write(fd_, data, count);
      if (done < 0) {
        if (errno == EINTR) continue;
        error_ = errno;
        return false;
      }
      data += done;
      count -= static_cast<std::size_t>(done);
      written_ += static_cast<std::uint64_t>(done);
    }
    return true;
  }

  int fd_;
  std::vector<char> buffer_;
  std::uint64_t written_ = 0;
  int error_ = 0;
};

Result<std::unique_ptr<OutputFile>> OutputFile::Create(const std::filesystem::path& path) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
  if (fd < 0) {
    return IoError(path.string() + ": cannot open for writing: " + std::strerror(errno));
  }
  return std::unique_ptr<OutputFile>(new OutputFile(path, fd));
}

OutputFile::OutputFile(std::filesystem::path path, int fd)
    : path_(std::move(path)), buffer_(std::make_unique<Buffer>(fd)), stream_(buffer_.get()) {}

OutputFile::~OutputFile() = default;

std::uint64_t OutputFile::size() const { return buffer_->size(); }

Status OutputFile::Close() {
  stream_.flush();
  if (buffer_->Close() && stream_) return Status::Ok();
  const int error = buffer_->error();
  return IoError(path_.string() + ": cannot write" +
                 (error != 0 ? std::string(": ") + std::strerror(error) : std::string()));
}

Status OutputFile::TruncateTo(std::uint64_t size) {
  (void)Close();
  if (::truncate(path_.c_str(), static_cast<off_t>(size)) != 0) {
    return IoError(path_.string() + ": cannot cut back: " + std::strerror(errno));
  }
  return Status::Ok();
}

std::string WriteFailureCause(const std::ostream& out) {
  const auto* buffer = dynamic_cast<const OutputFile::Buffer*>(out.rdbuf());
  if (buffer == nullptr || buffer->error() == 0) return "";
  return std::string(": ") + std::strerror(buffer->error());
}

}  // namespace trustscreen::report
