// The messages between ScreenFiles and its extraction workers (isolation.h).
//
// A frame is one type byte, the payload length as 8 bytes little-endian, then the payload:
//   parent -> worker  'O' options (JSON: extract options and the memory limit), once, first
//                     'E' extract: the path to read
//                     'S' extract, or split a long PDF (PageRequest: the path, `first` = split
//                         above this many pages; extract::ExtractFileOrSplit)
//                     'L' lay out pages first..last of a PDF (PageRequest)
//                     'R' read page `first` of a PDF by OCR (PageRequest)
//   worker -> parent  'H' heartbeat, empty: a page was read (the parent's timeout restarts)
//                     'D' the Document (cache::EncodeDocument); the worker takes the next request
//                     'P' to 'S': the PDF is to be read in parts (EncodePlan)
//                     'A' to 'L' and 'R': the part (extract/pdf_split.h), opaque
// A worker whose allocation fails exits at once with kOutOfMemoryExit.
#ifndef TRUSTSCREEN_PIPELINE_WORKER_PROTOCOL_H_
#define TRUSTSCREEN_PIPELINE_WORKER_PROTOCOL_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "trustscreen/core/document.h"
#include "trustscreen/core/status.h"
#include "trustscreen/extract/extract.h"
#include "trustscreen/extract/pdf_split.h"

namespace trustscreen::pipeline::worker {

inline constexpr char kOptions = 'O';
inline constexpr char kExtract = 'E';
inline constexpr char kDocument = 'D';
inline constexpr char kHeartbeat = 'H';
inline constexpr char kExtractOrSplit = 'S';
inline constexpr char kLayOut = 'L';
inline constexpr char kOcrPage = 'R';
inline constexpr char kPlan = 'P';
inline constexpr char kPart = 'A';

// Exit code of a worker whose allocation failed before it could answer.
inline constexpr int kOutOfMemoryExit = 86;

struct Frame {
  char type = 0;
  std::string payload;
};

// Writes the whole frame to a socket; false when it is closed or broken.
bool WriteFrame(int fd, char type, std::string_view payload);

// Reads one whole frame, blocking. nullopt on end of file or a read error.
std::optional<Frame> ReadFrame(int fd);

// Incremental reading for a parent that must keep watching the clock and the worker's memory
// while an answer arrives: feed it whatever bytes are available.
class FrameReader {
 public:
  void Add(std::string_view bytes);
  // The next whole frame received, if any, removed from the buffer.
  std::optional<Frame> Next();

 private:
  std::string buffer_;
};

struct WorkerOptions {
  extract::ExtractOptions extract;
  std::uint64_t memory_limit_bytes = 0;
};

std::string EncodeOptions(const WorkerOptions& options);
Result<WorkerOptions> DecodeOptions(std::string_view payload);

// A request about some pages of one file (its path need not be UTF-8).
struct PageRequest {
  std::string path;
  int first = 0;
  int last = 0;
};
std::string EncodePageRequest(const PageRequest& request);
Result<PageRequest> DecodePageRequest(std::string_view payload);

// The answer to 'S' for a PDF read in parts (CBOR): its pages, its document so far and the
// layout parts already done.
std::string EncodePlan(const extract::FileOrSplit& plan);
Result<extract::FileOrSplit> DecodePlan(std::string_view payload);

}  // namespace trustscreen::pipeline::worker

#endif  // TRUSTSCREEN_PIPELINE_WORKER_PROTOCOL_H_
