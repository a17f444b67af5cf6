#include "spool.h"

#include <cerrno>
#include <cstring>

namespace trustscreen::report {
namespace {

std::string Cause() { return std::string(": ") + std::strerror(errno); }

}  // namespace

Status Spool::Append(std::string_view text) {
  if (!file_) {
    file_.reset(std::tmpfile());
    if (!file_) return IoError("cannot create a temporary file for " + what_ + Cause());
  }
  if (std::fwrite(text.data(), 1, text.size(), file_.get()) != text.size()) {
    return IoError("cannot write the temporary file of " + what_ + Cause());
  }
  return Status::Ok();
}

Status Spool::CopyTo(std::ostream& out) {
  if (!file_) return Status::Ok();
  // rewind() would flush the buffered tail and clear its error: flush first, so a full
  // temporary directory is an error and not a report missing its last documents.
  if (std::fflush(file_.get()) != 0) {
    return IoError("cannot write the temporary file of " + what_ + Cause());
  }
  std::rewind(file_.get());
  std::string chunk(1 << 16, '\0');
  while (const std::size_t count = std::fread(chunk.data(), 1, chunk.size(), file_.get())) {
    out.write(chunk.data(), static_cast<std::streamsize>(count));
  }
  if (std::ferror(file_.get())) {
    return IoError("cannot read the temporary file of " + what_ + Cause());
  }
  std::fseek(file_.get(), 0, SEEK_END);  // further appends go after what was copied
  return Status::Ok();
}

Status Spool::ForEachLine(const std::function<void(std::string_view)>& line) {
  if (!file_) return Status::Ok();
  if (std::fflush(file_.get()) != 0) {
    return IoError("cannot write the temporary file of " + what_ + Cause());
  }
  std::rewind(file_.get());
  std::string chunk(1 << 16, '\0');
  std::string pending;
  while (const std::size_t count = std::fread(chunk.data(), 1, chunk.size(), file_.get())) {
    std::string_view data(chunk.data(), count);
    for (std::size_t end; (end = data.find('\n')) != std::string_view::npos;) {
      if (pending.empty()) {
        line(data.substr(0, end));
      } else {
        pending.append(data.substr(0, end));
        line(pending);
        pending.clear();
      }
      data.remove_prefix(end + 1);
    }
    pending.append(data);
  }
  if (std::ferror(file_.get())) {
    return IoError("cannot read the temporary file of " + what_ + Cause());
  }
  if (!pending.empty()) line(pending);
  std::fseek(file_.get(), 0, SEEK_END);
  return Status::Ok();
}

}  // namespace trustscreen::report
