#include "worker_pool.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <fstream>
#include <string_view>
#include <vector>

#include "trustscreen/cache/cache.h"
#include "trustscreen/digest/sha256.h"
#include "worker_protocol.h"

extern char** environ;

namespace trustscreen::pipeline {
namespace {

// How often a waiting thread looks at the clock, the worker's memory and the stop flag.
constexpr int kWatchMilliseconds = 50;

std::uint64_t ResidentBytes(pid_t pid) {
  std::ifstream statm("/proc/" + std::to_string(pid) + "/statm");
  std::uint64_t size = 0;
  std::uint64_t resident = 0;
  if (!(statm >> size >> resident)) return 0;
  return resident * static_cast<std::uint64_t>(sysconf(_SC_PAGESIZE));
}

std::string SignalName(int signal_number) {
  if (const char* name = sigabbrev_np(signal_number)) return std::string("SIG") + name;
  return "signal " + std::to_string(signal_number);
}

std::string MiB(std::uint64_t bytes) { return std::to_string(bytes >> 20) + " MiB"; }

std::string Seconds(double seconds) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%g", seconds);
  return buffer;
}

}  // namespace

WorkerPool::WorkerPool(IsolationOptions isolation, extract::ExtractOptions extract,
                       const std::atomic<bool>* stop)
    : isolation_(std::move(isolation)), extract_(std::move(extract)), stop_(stop) {
  options_payload_ = worker::EncodeOptions({extract_, isolation_.memory_limit_bytes});
}

WorkerPool::~WorkerPool() {
  for (std::unique_ptr<Process>& process : idle_) {
    ::close(process->fd);  // the worker reads end of file and exits
    process->fd = -1;
    Reap(*process, /*kill_first=*/false);
  }
}

Result<std::unique_ptr<WorkerPool::Process>> WorkerPool::Spawn() {
  int sockets[2];
  if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sockets) != 0) {
    return IoError(std::string("cannot create a socket for an extraction worker: ") +
                   std::strerror(errno));
  }
  // The child's end is moved above the standard descriptors first, so that dup2 onto
  // kWorkerSocketFd cannot clobber it; it keeps close-on-exec, only the dup2 copy survives exec.
  const int child_end = ::fcntl(sockets[1], F_DUPFD_CLOEXEC, 10);
  ::close(sockets[1]);
  if (child_end < 0) {
    ::close(sockets[0]);
    return IoError(std::string("cannot set up an extraction worker: ") + std::strerror(errno));
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  // Anything a parser prints goes to stderr, never into the parent's stdout.
  posix_spawn_file_actions_adddup2(&actions, STDERR_FILENO, STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, child_end, kWorkerSocketFd);
  const std::string executable = isolation_.worker_executable.string();
  std::string subcommand = kWorkerSubcommand;
  char* argv[] = {const_cast<char*>(executable.c_str()), subcommand.data(), nullptr};
  // One worker per pipeline thread already uses every core: Tesseract's OpenMP teams would only
  // compete with the other workers.
  std::vector<char*> environment;
  for (char** variable = environ; *variable != nullptr; ++variable) {
    if (std::string_view(*variable).starts_with("OMP_THREAD_LIMIT=")) continue;
    environment.push_back(*variable);
  }
  std::string thread_limit = "OMP_THREAD_LIMIT=1";
  environment.push_back(thread_limit.data());
  environment.push_back(nullptr);
  pid_t pid = -1;
  const int error =
      posix_spawn(&pid, executable.c_str(), &actions, nullptr, argv, environment.data());
  posix_spawn_file_actions_destroy(&actions);
  ::close(child_end);
  if (error != 0) {
    ::close(sockets[0]);
    return IoError("cannot start extraction worker " + executable + ": " + std::strerror(error));
  }
  auto process = std::make_unique<Process>();
  process->pid = pid;
  process->fd = sockets[0];
  ++started_;
  if (!worker::WriteFrame(process->fd, worker::kOptions, options_payload_)) {
    Reap(*process, /*kill_first=*/true);
    return IoError("extraction worker " + executable + " exited at start");
  }
  return process;
}

std::unique_ptr<WorkerPool::Process> WorkerPool::TakeIdle() {
  std::lock_guard lock(mutex_);
  if (idle_.empty()) return nullptr;
  std::unique_ptr<Process> process = std::move(idle_.back());
  idle_.pop_back();
  return process;
}

void WorkerPool::ReturnIdle(std::unique_ptr<Process> process) {
  std::lock_guard lock(mutex_);
  idle_.push_back(std::move(process));
}

int WorkerPool::Reap(Process& process, bool kill_first) {
  if (process.fd >= 0) {
    ::close(process.fd);
    process.fd = -1;
  }
  if (kill_first) ::kill(process.pid, SIGKILL);
  int status = 0;
  while (::waitpid(process.pid, &status, 0) < 0 && errno == EINTR) {
  }
  return status;
}

WorkerPool::Outcome WorkerPool::Run(Process& process, char type, const std::string& payload,
                                    Answer& answer) {
  if (!worker::WriteFrame(process.fd, type, payload)) return Outcome::kNotSent;
  const auto timeout = std::chrono::duration_cast<std::chrono::steady_clock::duration>(
      std::chrono::duration<double>(isolation_.timeout_seconds));
  auto deadline = std::chrono::steady_clock::now() + timeout;
  worker::FrameReader reader;
  std::string chunk(1 << 16, '\0');
  for (;;) {
    pollfd watch{process.fd, POLLIN, 0};
    const int ready = ::poll(&watch, 1, kWatchMilliseconds);
    if (ready < 0 && errno != EINTR) return Outcome::kDied;
    if (ready > 0) {
      const ssize_t count = ::read(process.fd, chunk.data(), chunk.size());
      if (count < 0 && errno == EINTR) continue;
      if (count <= 0) return Outcome::kDied;
      reader.Add(std::string_view(chunk.data(), static_cast<std::size_t>(count)));
      while (std::optional<worker::Frame> frame = reader.Next()) {
        if (frame->type == worker::kHeartbeat) {
          deadline = std::chrono::steady_clock::now() + timeout;  // a page was read: progress
          continue;
        }
        if (frame->type != worker::kDocument && frame->type != worker::kPlan &&
            frame->type != worker::kPart) {
          return Outcome::kDied;  // not our protocol: the worker is killed and replaced
        }
        answer.type = frame->type;
        answer.payload = std::move(frame->payload);
        return Outcome::kAnswered;
      }
      continue;
    }
    if (stop_ != nullptr && stop_->load()) return Outcome::kStopped;
    if (std::chrono::steady_clock::now() >= deadline) return Outcome::kTimeout;
    if (isolation_.memory_limit_bytes > 0 &&
        ResidentBytes(process.pid) > isolation_.memory_limit_bytes) {
      return Outcome::kTooMuchMemory;
    }
  }
}

Document WorkerPool::Failed(const std::string& path, DocumentStatus status,
                            std::string reason) const {
  Document document;
  document.path = path;
  document.status = status;
  document.reason = std::move(reason);
  // What the auditor needs to recognise the file, read here in the parent (no parsing).
  std::error_code error;
  const auto size = std::filesystem::file_size(path, error);
  if (!error) {
    document.size_bytes = size;
    std::ifstream file(path, std::ios::binary);
    std::string head(extract::kSniffBytes, '\0');
    file.read(head.data(), static_cast<std::streamsize>(head.size()));
    head.resize(static_cast<std::size_t>(file.gcount()));
    document.format = extract::SniffFormat(head, path);
    if (size <= extract_.max_file_bytes) {
      if (Result<std::string> sha256 = digest::Sha256FileHex(path); sha256.ok()) {
        document.sha256 = std::move(sha256).value();
      }
    }
  }
  return document;
}

WorkerPool::Answer WorkerPool::Exchange(const std::string& path, char type,
                                        const std::string& payload) {
  auto fail = [&](DocumentStatus status, std::string reason) {
    Answer answer;
    answer.failure = Failed(path, status, std::move(reason));
    return answer;
  };
  if (stop_ != nullptr && stop_->load()) {
    return fail(DocumentStatus::kNotScreened, "the run was interrupted before this file");
  }
  // A worker that died while idle (killed from outside, or with the thread that started it: it
  // has PR_SET_PDEATHSIG) is found out by the first write and replaced; a fresh worker that
  // exits before taking the request gets one retry.
  for (int fresh = 0; fresh < 2;) {
    std::unique_ptr<Process> process = TakeIdle();
    if (process == nullptr) {
      ++fresh;
      Result<std::unique_ptr<Process>> spawned = Spawn();
      if (!spawned.ok()) return fail(DocumentStatus::kCrashed, spawned.status().message());
      process = std::move(spawned).value();
    }
    Answer answer;
    const Outcome outcome = Run(*process, type, payload, answer);
    if (outcome == Outcome::kAnswered) {
      if (++process->documents >= isolation_.documents_per_worker) {
        Reap(*process, /*kill_first=*/false);
      } else {
        ReturnIdle(std::move(process));
      }
      return answer;
    }
    const bool killed = outcome != Outcome::kDied && outcome != Outcome::kNotSent;
    const int status = Reap(*process, killed);
    // A worker that died while idle (killed from outside) never saw the request: try another.
    if (outcome == Outcome::kNotSent) continue;
    switch (outcome) {
      case Outcome::kStopped:
        return fail(DocumentStatus::kNotScreened,
                    "the run was interrupted while this file was being read");
      case Outcome::kTimeout:
        return fail(DocumentStatus::kTimeout, "extraction took longer than " +
                                                  Seconds(isolation_.timeout_seconds) +
                                                  " s; the worker was stopped");
      case Outcome::kTooMuchMemory:
        return fail(DocumentStatus::kTooLarge, "extraction used more than " +
                                                   MiB(isolation_.memory_limit_bytes) +
                                                   " of memory; the worker was stopped");
      case Outcome::kAnswered:
      case Outcome::kNotSent:
      case Outcome::kDied:
        break;
    }
    if (stop_ != nullptr && stop_->load()) {
      return fail(DocumentStatus::kNotScreened,
                  "the run was interrupted while this file was being read");
    }
    if (WIFEXITED(status) && WEXITSTATUS(status) == worker::kOutOfMemoryExit) {
      return fail(DocumentStatus::kTooLarge, "extraction ran out of memory (worker limit " +
                                                 MiB(isolation_.memory_limit_bytes) + ")");
    }
    if (WIFSIGNALED(status)) {
      return fail(
          DocumentStatus::kCrashed,
          "the extractor crashed (" + SignalName(WTERMSIG(status)) + "); the worker was replaced");
    }
    return fail(DocumentStatus::kCrashed,
                "the extractor exited unexpectedly (exit code " +
                    std::to_string(WIFEXITED(status) ? WEXITSTATUS(status) : -1) +
                    "); the worker was replaced");
  }
  return fail(DocumentStatus::kCrashed, "extraction workers exited before taking the file");
}

Document WorkerPool::Extract(const std::string& path) {
  Answer answer = Exchange(path, worker::kExtract, path);
  if (answer.failure) return std::move(*answer.failure);
  return DecodeDocumentAnswer(path, answer);
}

Document WorkerPool::DecodeDocumentAnswer(const std::string& path, const Answer& answer) const {
  if (answer.type != worker::kDocument) {
    return Failed(path, DocumentStatus::kCrashed, "extraction worker gave an unexpected answer");
  }
  Result<Document> document = cache::DecodeDocument(answer.payload);
  if (!document.ok()) {
    return Failed(path, DocumentStatus::kCrashed,
                  "extraction worker gave an unreadable answer: " + document.status().message());
  }
  return std::move(document).value();
}

extract::FileOrSplit WorkerPool::ExtractOrSplit(const std::string& path, int split_above) {
  extract::FileOrSplit result;
  Answer answer =
      Exchange(path, worker::kExtractOrSplit, worker::EncodePageRequest({path, split_above, 0}));
  if (answer.failure) {
    result.document = std::move(*answer.failure);
  } else if (answer.type == worker::kPlan) {
    Result<extract::FileOrSplit> plan = worker::DecodePlan(answer.payload);
    if (plan.ok()) {
      result = std::move(plan).value();
    } else {
      result.document =
          Failed(path, DocumentStatus::kCrashed,
                 "extraction worker gave an unreadable answer: " + plan.status().message());
    }
  } else {
    result.document = DecodeDocumentAnswer(path, answer);
  }
  return result;
}

PartAnswer WorkerPool::Part(const std::string& path, char type, int first, int last) {
  Answer answer = Exchange(path, type, worker::EncodePageRequest({path, first, last}));
  PartAnswer part;
  if (answer.failure) {
    part.failure = std::move(answer.failure);
  } else if (answer.type != worker::kPart) {
    part.failure =
        Failed(path, DocumentStatus::kCrashed, "extraction worker gave an unexpected answer");
  } else {
    part.part = std::move(answer.payload);
  }
  return part;
}

PartAnswer WorkerPool::LayOut(const std::string& path, int first, int last) {
  return Part(path, worker::kLayOut, first, last);
}

PartAnswer WorkerPool::OcrPage(const std::string& path, int page) {
  return Part(path, worker::kOcrPage, page, page);
}

}  // namespace trustscreen::pipeline
