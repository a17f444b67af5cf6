// The extraction worker process (isolation.h): one request at a time — a document, or some pages
// of a long PDF — as long as the parent keeps sending.
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <new>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "trustscreen/cache/cache.h"
#include "trustscreen/extract/pdf_split.h"
#include "trustscreen/pipeline/isolation.h"
#include "worker_protocol.h"

namespace trustscreen::pipeline {
namespace {

// The address-space cap is a backstop behind the parent's watch on resident memory: generous,
// because address space counts mapped libraries and untouched reservations. Sanitizer builds
// reserve terabytes of shadow memory and get none.
void CapAddressSpace(std::uint64_t memory_limit_bytes) {
#if !defined(__SANITIZE_ADDRESS__) && !defined(__SANITIZE_THREAD__)
  if (memory_limit_bytes == 0) return;
  const rlim_t cap = static_cast<rlim_t>(memory_limit_bytes) * 2 + (1ull << 30);
  const rlimit limit{cap, cap};
  setrlimit(RLIMIT_AS, &limit);
#else
  (void)memory_limit_bytes;
#endif
}

[[noreturn]] void OutOfMemory() { _exit(worker::kOutOfMemoryExit); }

// The test-only fault switch (isolation.h). `part`: the request is for some pages of a PDF.
void MaybeInjectFault(const std::string& path, bool part) {
  const char* enabled = std::getenv("TRUSTSCREEN_TEST_FAULTS");
  if (enabled == nullptr || std::strcmp(enabled, "1") != 0) return;
  std::ifstream file(path, std::ios::binary);
  std::string head(64, '\0');
  file.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<std::size_t>(file.gcount()));
  constexpr std::string_view kPrefix = "TRUSTSCREEN-TEST-FAULT: ";
  if (head.rfind(kPrefix, 0) != 0) return;
  std::string fault = head.substr(kPrefix.size(), head.find_first_of("\r\n") - kPrefix.size());
  constexpr std::string_view kPartSuffix = "-part";  // only when reading some pages
  if (fault.ends_with(kPartSuffix)) {
    if (!part) return;
    fault.resize(fault.size() - kPartSuffix.size());
  }
  if (fault == "crash") {
    raise(SIGSEGV);
  } else if (fault == "abort") {
    std::abort();
  } else if (fault == "hang") {
    for (;;) std::this_thread::sleep_for(std::chrono::seconds(1));
  } else if (fault == "alloc") {
    std::vector<char*> blocks;
    for (;;) {
      char* block = static_cast<char*>(std::malloc(16u << 20));
      if (block == nullptr) OutOfMemory();
      std::memset(block, 1, 16u << 20);
      blocks.push_back(block);
    }
  }
}

}  // namespace

int RunExtractWorker(int fd) {
  // The parent decides what an interrupt means; a worker whose parent dies goes with it.
  signal(SIGINT, SIG_IGN);
  signal(SIGTERM, SIG_IGN);
  signal(SIGPIPE, SIG_IGN);
  prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (getppid() == 1) return 0;  // the parent died before the line above took effect
  std::set_new_handler(OutOfMemory);

  std::optional<worker::Frame> first = worker::ReadFrame(fd);
  if (!first || first->type != worker::kOptions) return 2;
  Result<worker::WorkerOptions> options = worker::DecodeOptions(first->payload);
  if (!options.ok()) return 2;
  CapAddressSpace(options->memory_limit_bytes);
  // Each page read tells the parent the worker is making progress (its timeout restarts).
  bool connected = true;
  options->extract.on_page = [&] {
    if (connected) connected = worker::WriteFrame(fd, worker::kHeartbeat, {});
  };

  while (std::optional<worker::Frame> request = worker::ReadFrame(fd)) {
    char type = worker::kDocument;
    std::string answer;
    if (request->type == worker::kExtract) {
      MaybeInjectFault(request->payload, /*part=*/false);
      answer = cache::EncodeDocument(extract::ExtractFile(request->payload, options->extract));
    } else {
      Result<worker::PageRequest> pages = worker::DecodePageRequest(request->payload);
      if (!pages.ok()) return 2;
      MaybeInjectFault(pages->path, /*part=*/request->type != worker::kExtractOrSplit);
      if (request->type == worker::kExtractOrSplit) {
        extract::FileOrSplit plan =
            extract::ExtractFileOrSplit(pages->path, options->extract, pages->first);
        if (plan.pdf_pages > 0) {
          type = worker::kPlan;
          answer = worker::EncodePlan(plan);
        } else {
          answer = cache::EncodeDocument(plan.document);
        }
      } else if (request->type == worker::kLayOut) {
        type = worker::kPart;
        answer = extract::LayOutPdfPages(pages->path, options->extract, pages->first, pages->last);
      } else if (request->type == worker::kOcrPage) {
        type = worker::kPart;
        answer = extract::OcrPdfPage(pages->path, options->extract, pages->first);
      } else {
        return 2;
      }
    }
    if (!worker::WriteFrame(fd, type, answer)) return 0;
  }
  return 0;
}

}  // namespace trustscreen::pipeline
