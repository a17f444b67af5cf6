// Isolated extraction: parsers run in worker processes, so a crash, a hang or a memory blow-up
// in Poppler, libxml2 or libzip on one hostile document becomes that document's status instead
// of ending the run.
//
// Where it sits: ScreenFiles (scan.h) hands each file to a pool of worker processes when
// IsolationOptions::worker_executable is set; the worker is the trustscreen binary itself, run as
// `trustscreen extract-worker` (a hidden subcommand that calls RunExtractWorker). Requests and
// answers travel over a Unix socket pair (file descriptor 3 in the worker); the answer is the
// extracted Document encoded as in the cache (cache::EncodeDocument). Matching stays in the parent,
// where the rules are compiled once. A long PDF may be read in parts (ScreenOptions::
// pdf_range_pages): each range of pages, and each page read by OCR, is then a request of its own,
// to whichever worker is free, under the same limits; a part that fails fails its document.
//
// What becomes of a document whose worker fails:
//   the worker exits or is killed by a signal        -> crashed ("extractor crashed (SIGSEGV)")
//   no progress for timeout_seconds (a PDF worker
//   reports each page it reads; other formats must
//   finish within it)                                -> timeout (the worker is killed)
//   the worker's resident memory exceeds the limit,
//   or an allocation fails in the worker             -> too_large ("used more than 2048 MiB")
//   the run is interrupted (stop flag) meanwhile     -> not_screened (the worker is killed)
// The failed worker is replaced by a fresh one for the next document. Workers are also replaced
// after documents_per_worker documents, so heap fragmentation in a long-lived parser process
// cannot build up over a nightly run.
//
// Test-only fault switch: with TRUSTSCREEN_TEST_FAULTS=1 in the environment, a worker asked to
// extract a file whose content starts with "TRUSTSCREEN-TEST-FAULT: crash" (or hang, alloc,
// abort) crashes, hangs, allocates without bound or aborts instead; "crash-part" (hang-part, …)
// does so only when asked for some pages of a long PDF read in parts (a PDF may follow the line).
// Without the variable such a file is plain text like any other.
#ifndef TRUSTSCREEN_PIPELINE_ISOLATION_H_
#define TRUSTSCREEN_PIPELINE_ISOLATION_H_

#include <cstdint>
#include <filesystem>

namespace trustscreen::pipeline {

struct IsolationOptions {
  // The trustscreen executable to start workers from. Empty: extract in the calling process,
  // without protection against crashes and hangs (library use, some tests).
  std::filesystem::path worker_executable;
  // Wall-clock seconds extraction may go without progress: one PDF page (laid out, or read by
  // OCR), or a whole document of another format (archives counted whole). ScreenFiles also gives
  // each document's matching (in the calling process, with or without workers) this long; a
  // document over either limit is kTimeout.
  double timeout_seconds = 300;
  // Resident memory one worker may use while extracting a document.
  std::uint64_t memory_limit_bytes = 2048ull << 20;
  int documents_per_worker = 500;
};

// The name of the hidden subcommand that runs a worker.
inline constexpr char kWorkerSubcommand[] = "extract-worker";

// The file descriptor on which a worker finds its socket.
inline constexpr int kWorkerSocketFd = 3;

// The worker's main loop: reads requests from the socket `fd` and answers on it until the parent
// closes its end. Returns the process exit code.
int RunExtractWorker(int fd);

}  // namespace trustscreen::pipeline

#endif  // TRUSTSCREEN_PIPELINE_ISOLATION_H_
