// libgsf's MS-OLE reader over a memory input. libgsf objects are GObjects: every reference taken
// here is released with g_object_unref.
#include "ole_file.h"

#include <glib-object.h>
#include <gsf/gsf-infile-msole.h>
#include <gsf/gsf-infile.h>
#include <gsf/gsf-input-memory.h>
#include <gsf/gsf-input.h>
#include <gsf/gsf-utils.h>

#include <algorithm>
#include <mutex>

namespace trustscreen::extract::internal {
namespace {

constexpr std::string_view kOleMagic = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

// Bytes read from libgsf at a time: a stream is never asked for more than it has delivered plus
// one chunk, whatever its directory entry declares.
constexpr std::size_t kReadChunk = 64 << 10;

void InitGsfOnce() {
  static std::once_flag once;
  std::call_once(once, [] {
    gsf_init();
    // libgsf reports damaged containers through g_log (CRITICAL) on stderr; our callers get the
    // failure as a value instead.
    g_log_set_handler(
        "libgsf:msole", static_cast<GLogLevelFlags>(G_LOG_LEVEL_MASK),
        [](const gchar*, GLogLevelFlags, const gchar*, gpointer) {}, nullptr);
  });
}

struct Unref {
  void operator()(void* object) const {
    if (object != nullptr) g_object_unref(object);
  }
};
using InputRef = std::unique_ptr<GsfInput, Unref>;

// The path's segments; empty segments (a leading, trailing or doubled '/') are dropped.
std::vector<std::string> SplitPath(std::string_view path) {
  std::vector<std::string> out;
  while (!path.empty()) {
    const std::size_t slash = path.find('/');
    if (slash != 0) out.emplace_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return out;
}

// libgsf's MS-OLE children are infiles both for storages and streams; only storages have
// children (a stream answers -1).
bool IsStorage(GsfInput* input) {
  return input != nullptr && GSF_IS_INFILE(input) &&
         gsf_infile_num_children(GSF_INFILE(input)) >= 0;
}

}  // namespace

std::unique_ptr<OleFile> OleFile::Open(std::string_view bytes, std::uint64_t* budget_left,
                                       std::string& error) {
  if (!bytes.starts_with(kOleMagic)) {
    error = "not an OLE2 compound file";
    return nullptr;
  }
  InitGsfOnce();
  GsfInput* source = gsf_input_memory_new(reinterpret_cast<const guint8*>(bytes.data()),
                                          static_cast<gsf_off_t>(bytes.size()), FALSE);
  if (source == nullptr) {
    error = "OLE2 container cannot be opened";
    return nullptr;
  }
  GError* gerror = nullptr;
  GsfInfile* root = gsf_infile_msole_new(source, &gerror);
  if (root == nullptr) {
    error = "damaged OLE2 container: ";
    error += gerror != nullptr && gerror->message != nullptr ? gerror->message : "unreadable";
    if (gerror != nullptr) g_error_free(gerror);
    g_object_unref(source);
    return nullptr;
  }
  if (gerror != nullptr) g_error_free(gerror);
  return std::unique_ptr<OleFile>(new OleFile(source, root, budget_left));
}

OleFile::~OleFile() {
  g_object_unref(root_);
  g_object_unref(source_);
}

GsfInput* OleFile::Find(std::string_view path) const {
  GsfInput* current = GSF_INPUT(g_object_ref(root_));
  for (const std::string& name : SplitPath(path)) {
    if (!IsStorage(current)) {
      g_object_unref(current);
      return nullptr;
    }
    GsfInput* child = gsf_infile_child_by_name(GSF_INFILE(current), name.c_str());
    g_object_unref(current);
    if (child == nullptr) return nullptr;
    current = child;
  }
  return current;
}

bool OleFile::HasStream(std::string_view path) const {
  InputRef entry(Find(path));
  return entry != nullptr && !IsStorage(entry.get());
}

bool OleFile::HasStorage(std::string_view path) const {
  InputRef entry(Find(path));
  return IsStorage(entry.get());
}

std::vector<std::string> OleFile::List(std::string_view path) const {
  std::vector<std::string> out;
  InputRef entry(Find(path));
  if (!IsStorage(entry.get())) return out;
  GsfInfile* storage = GSF_INFILE(entry.get());
  const int count = gsf_infile_num_children(storage);
  for (int i = 0; i < count; ++i) {
    const char* name = gsf_infile_name_by_index(storage, i);
    if (name != nullptr) out.emplace_back(name);
  }
  return out;
}

std::int64_t OleFile::StreamSize(std::string_view path) const {
  InputRef entry(Find(path));
  if (entry == nullptr || IsStorage(entry.get())) return -1;
  return gsf_input_size(entry.get());
}

OleFile::Read OleFile::ReadStream(std::string_view path, std::uint64_t max_bytes,
                                  std::string& out) {
  return ReadInto(path, max_bytes, /*whole=*/true, out);
}

OleFile::Read OleFile::ReadStreamPrefix(std::string_view path, std::uint64_t max_bytes,
                                        std::string& out) {
  return ReadInto(path, max_bytes, /*whole=*/false, out);
}

OleFile::Read OleFile::ReadInto(std::string_view path, std::uint64_t max_bytes, bool whole,
                                std::string& out) {
  out.clear();
  failure_.clear();
  budget_exhausted_ = false;
  InputRef entry(Find(path));
  if (entry == nullptr || IsStorage(entry.get())) {
    failure_ = "stream " + std::string(path) + " is missing";
    return Read::kMissing;
  }
  const gsf_off_t declared = gsf_input_size(entry.get());
  if (declared < 0) {
    failure_ = "stream " + std::string(path) + " has no size";
    return Read::kFailed;
  }
  std::uint64_t want = static_cast<std::uint64_t>(declared);
  if (want > max_bytes) {
    if (whole) {
      failure_ = "stream " + std::string(path) + " declares " + std::to_string(want) +
                 " bytes, over the limit of " + std::to_string(max_bytes);
      return Read::kTooLarge;
    }
    want = max_bytes;
  }
  if (budget_left_ != nullptr && want > *budget_left_) {
    failure_ = "stream " + std::string(path) + " (" + std::to_string(want) +
               " bytes) is over what is left of the input's decompression budget "
               "(max_decompressed_bytes)";
    budget_exhausted_ = true;
    return Read::kTooLarge;
  }
  // Grown chunk by chunk: the declared size of a hostile entry is not allocated up front.
  while (out.size() < want) {
    const std::size_t n =
        static_cast<std::size_t>(std::min<std::uint64_t>(kReadChunk, want - out.size()));
    const std::size_t at = out.size();
    out.resize(at + n);
    if (gsf_input_read(entry.get(), n, reinterpret_cast<guint8*>(out.data() + at)) == nullptr) {
      out.clear();
      failure_ = "stream " + std::string(path) + " is damaged (cannot read byte " +
                 std::to_string(at) + " of " + std::to_string(declared) + ")";
      return Read::kFailed;
    }
  }
  if (budget_left_ != nullptr) *budget_left_ -= out.size();
  return Read::kOk;
}

}  // namespace trustscreen::extract::internal
