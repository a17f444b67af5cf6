#include "progress.h"

#include <cinttypes>

#include "trustscreen/core/text_escape.h"

namespace trustscreen::pipeline {
namespace {

using Clock = std::chrono::steady_clock;

double SecondsBetween(Clock::time_point from, Clock::time_point to) {
  return std::chrono::duration<double>(to - from).count();
}

std::string Duration(double seconds) {
  const auto total = static_cast<std::int64_t>(seconds + 0.5);
  char buffer[32];
  if (total >= 3600) {
    std::snprintf(buffer, sizeof buffer, "%" PRId64 "h%02" PRId64 "m", total / 3600,
                  total / 60 % 60);
  } else if (total >= 60) {
    std::snprintf(buffer, sizeof buffer, "%" PRId64 "m%02" PRId64 "s", total / 60, total % 60);
  } else {
    std::snprintf(buffer, sizeof buffer, "%" PRId64 "s", total);
  }
  return buffer;
}

// The end of a long path, which says more than its start; control characters escaped, so a file
// name cannot move the cursor or forge a line.
std::string Shortened(const std::string& raw_path, std::size_t width) {
  const std::string path = TerminalSafe(raw_path);
  if (path.size() <= width) return path;
  return "..." + path.substr(path.size() - (width - 3));
}

}  // namespace

ProgressLine::ProgressLine(std::size_t total, std::FILE* out, bool redraw)
    : total_(total), out_(out), redraw_(redraw), thread_([this] { Loop(); }) {}

ProgressLine::~ProgressLine() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
  if (redraw_) {
    Clear();
  } else {
    Draw();
  }
}

void ProgressLine::Started(std::size_t index, const std::string& path) {
  std::lock_guard lock(mutex_);
  running_[index] = {path, Clock::now()};
}

void ProgressLine::Finished(std::size_t index, const std::vector<DocumentResult>& results) {
  std::lock_guard lock(mutex_);
  running_.erase(index);
  ++done_;
  for (const DocumentResult& result : results) pages_ += result.document.pages.size();
}

void ProgressLine::Clear() {
  if (!redraw_) return;
  std::fputs("\r\033[K", out_);
  std::fflush(out_);
}

std::string ProgressLine::Text() const {
  std::lock_guard lock(mutex_);
  const Clock::time_point now = Clock::now();
  const double elapsed = SecondsBetween(start_, now);
  char buffer[160];
  std::snprintf(buffer, sizeof buffer, "%zu/%zu documents (%.0f%%), %.1f pages/s", done_, total_,
                total_ == 0 ? 100.0 : 100.0 * static_cast<double>(done_) / total_,
                elapsed > 0 ? static_cast<double>(pages_) / elapsed : 0.0);
  std::string text = buffer;
  if (done_ > 0 && done_ < total_) {
    const double remaining = elapsed / static_cast<double>(done_) * (total_ - done_);
    text += ", ETA " + Duration(remaining);
  }
  const Running* slowest = nullptr;
  for (const auto& [index, running] : running_) {
    if (slowest == nullptr || running.since < slowest->since) slowest = &running;
  }
  if (slowest != nullptr && SecondsBetween(slowest->since, now) >= 2) {
    text += ", slowest: " + Shortened(slowest->path, 48) + " (" +
            Duration(SecondsBetween(slowest->since, now)) + ")";
  }
  return text;
}

void ProgressLine::Draw() {
  const std::string text = Text();
  if (redraw_) {
    std::fprintf(out_, "\r\033[K%s", text.c_str());
  } else {
    std::fprintf(out_, "trustscreen: progress: %s\n", text.c_str());
  }
  std::fflush(out_);
}

void ProgressLine::Loop() {
  const auto interval = redraw_ ? std::chrono::milliseconds(500) : std::chrono::seconds(10);
  std::unique_lock lock(mutex_);
  while (!wake_.wait_for(lock, interval, [this] { return stopping_; })) {
    lock.unlock();
    Draw();
    lock.lock();
  }
}

}  // namespace trustscreen::pipeline
