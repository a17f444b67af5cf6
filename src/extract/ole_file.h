// A read-only view of an OLE2 compound file (the container of legacy .doc, .xls, .ppt and Outlook
// .msg files) held in memory, read with libgsf.
//
// Streams and storages are named by paths of directory entry names joined by '/':
// "WordDocument", "__substg1.0_0037001F", "__attach_version1.0_#00000000/__substg1.0_37010102".
// Names are compared as libgsf reports them (UTF-8, case-sensitive); a leading control character
// ("\x05SummaryInformation") is part of the name.
//
// Every read is bounded twice: by the caller's per-read limit, and by a byte budget shared by all
// reads of one input (ArchiveBudget::decompressed_bytes_left), so that a hostile directory whose
// streams claim gigabytes, or a reader that re-reads the same stream, cannot exhaust memory. The
// sizes in the directory are checked before reading and never trusted beyond the bytes that the
// sector chains actually deliver.
//
// Thread-safety: an OleFile must not be used from two threads at once; different OleFiles are
// independent (libgsf keeps no per-file global state; its one-time initialisation is done under
// std::call_once).
#ifndef TRUSTSCREEN_SRC_EXTRACT_OLE_FILE_H_
#define TRUSTSCREEN_SRC_EXTRACT_OLE_FILE_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

// libgsf's types stay out of this header (see ole_file.cc).
struct _GsfInfile;
struct _GsfInput;

namespace trustscreen::extract::internal {

class OleFile {
 public:
  // Opens `bytes`, which must outlive the OleFile (they are not copied). `budget_left`, when not
  // null, is shared with other readers of the same input and reduced by every stream read; it
  // must outlive the OleFile too. On failure returns null and sets `error` to what is wrong
  // ("not an OLE2 compound file", libgsf's message for a damaged header or directory).
  static std::unique_ptr<OleFile> Open(std::string_view bytes, std::uint64_t* budget_left,
                                       std::string& error);

  ~OleFile();
  // Owns libgsf objects: neither copyable nor movable (held through unique_ptr).
  OleFile(const OleFile&) = delete;
  OleFile& operator=(const OleFile&) = delete;

  // True if `path` names a stream (not a storage).
  bool HasStream(std::string_view path) const;
  // True if `path` names a storage (a directory); "" is the root.
  bool HasStorage(std::string_view path) const;
  // The names of the entries directly inside storage `path` ("" for the root), in directory
  // order; empty if there is no such storage.
  std::vector<std::string> List(std::string_view path = "") const;
  // The size the directory declares for stream `path` (untrusted), or -1 if there is none.
  std::int64_t StreamSize(std::string_view path) const;

  enum class Read {
    kOk,
    kMissing,   // no stream at `path`
    kTooLarge,  // over max_bytes, or over the shared budget (budget_exhausted() then true)
    kFailed,    // the sector chain is damaged; failure() says where
  };
  // Reads the whole of stream `path` into `out` (replacing its content) if it is at most
  // `max_bytes` long and the shared budget allows it. On anything but kOk, `out` is empty and
  // failure() describes the problem, naming the stream.
  Read ReadStream(std::string_view path, std::uint64_t max_bytes, std::string& out);
  // Reads at most `max_bytes` from the start of stream `path` (a header probe: never kTooLarge
  // for a long stream, but charged to the budget like any read).
  Read ReadStreamPrefix(std::string_view path, std::uint64_t max_bytes, std::string& out);

  const std::string& failure() const { return failure_; }
  bool budget_exhausted() const { return budget_exhausted_; }

 private:
  OleFile(_GsfInput* source, _GsfInfile* root, std::uint64_t* budget_left)
      : source_(source), root_(root), budget_left_(budget_left) {}
  // The entry at `path` (a new reference, released by the caller), or null.
  _GsfInput* Find(std::string_view path) const;
  Read ReadInto(std::string_view path, std::uint64_t max_bytes, bool whole, std::string& out);

  _GsfInput* source_;
  _GsfInfile* root_;
  std::uint64_t* budget_left_;
  std::string failure_ = {};
  bool budget_exhausted_ = false;
};

}  // namespace trustscreen::extract::internal

#endif  // TRUSTSCREEN_SRC_EXTRACT_OLE_FILE_H_
