// The per-document work and the oneTBB pipeline around it.
#include "trustscreen/screen/screen.h"

#include <spdlog/spdlog.h>
#include <tbb/global_control.h>
#include <tbb/parallel_pipeline.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <limits>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <utility>

#include "pdf_parts_reader.h"
#include "trustscreen/cache/cache.h"
#include "trustscreen/digest/sha256.h"
#include "trustscreen/extract/pdf_split.h"
#include "trustscreen/pipeline/scan.h"
#include "worker_pool.h"

namespace trustscreen::pipeline {
namespace {

double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// The document of a file that was not read, or whose reading failed, saying why.
Document Unread(const std::string& path, DocumentStatus status, std::string reason) {
  Document document;
  document.path = path;
  document.status = status;
  document.reason = std::move(reason);
  return document;
}

// Matches one extracted document (not its members) with the library's screening path
// (screen::ScreenDocument: everything after extraction, in match_seconds, bounded by
// `timeout_seconds`) and releases its text. It runs here, in the scanning process where the rules
// are compiled once, so the limit cannot be enforced by killing a worker: each step is linear in
// the text, and the deadline is checked between the steps and before each finding fingerprinted.
DocumentResult MatchOne(Document document, double extract_seconds, const rules::LazyRuleSet& rules,
                        double timeout_seconds) {
  DocumentResult result;
  result.document = std::move(document);
  result.extract_seconds = extract_seconds;
  // Partial documents are screened too: what was read is reported, and the status still says
  // the document was not fully screened.
  if (!result.document.text.empty()) {
    const Result<rules::CompiledRuleSet>& compiled = rules.Get();
    if (!compiled.ok()) {
      result.document.status = DocumentStatus::kCrashed;
      result.document.reason =
          "not matched: the rules could not be compiled: " + compiled.status().message();
    } else {
      screen::ScreenDocument(*compiled, result, timeout_seconds);
    }
  }
  // The reports need only the flagged clauses' text; releasing the rest keeps memory flat over
  // long runs.
  std::string().swap(result.document.text);
  return result;
}

// Appends `document` and, depth first, the members of an archive, each as its own result.
void MatchTree(Document document, double extract_seconds, const rules::LazyRuleSet& rules,
               double timeout_seconds, std::vector<DocumentResult>& results) {
  std::vector<Document> members = std::move(document.members);
  document.members.clear();
  results.push_back(MatchOne(std::move(document), extract_seconds, rules, timeout_seconds));
  for (Document& member : members) {
    MatchTree(std::move(member), 0, rules, timeout_seconds, results);
  }
}

void MarkCacheUse(std::vector<DocumentResult>& results, CacheUse use) {
  for (DocumentResult& result : results) result.cache = use;
}

// A file's size and the total size of the files begun after it in the run, when it is begun
// (0 where unknown): how much work is left for the other threads while it is read.
struct FileBytes {
  std::uintmax_t own = 0;
  std::uintmax_t later = 0;
};

// Files read while the rules are still being compiled (LazyRuleSet::CompileInBackground): a
// thread whose document waits for the rules reads the next files not yet begun instead, and the
// thread that begins such a file takes its Document. Without this, every thread but the
// compiling ones would sit idle until the rules are ready.
class ReadAhead {
 public:
  struct Read {
    Document document;
    double seconds = 0;  // extracting it
  };
  // Read ahead and not yet taken, at most: as many per thread as the pipeline has tokens, and
  // this much text (it waits in memory; the rules may take seconds to compile).
  static constexpr std::size_t kMaxWaitingPerThread = 32;
  static constexpr std::size_t kMaxWaitingTextBytes = std::size_t{256} << 20;

  // Called as file `index` is begun: its Document if it was read ahead (waiting for a read in
  // progress), or nothing: then it is the caller's to read.
  std::optional<Read> Take(std::size_t index) {
    std::unique_lock lock(mutex_);
    const auto it = read_.find(index);
    if (it == read_.end()) {
      next_ = std::max(next_, index + 1);
      return std::nullopt;
    }
    put_.wait(lock, [&] { return it->second.has_value(); });
    Read read = std::move(*it->second);
    read_.erase(it);
    waiting_bytes_ -= TextBytes(read.document);
    return read;
  }
  // The next file not yet begun, now the caller's to read and Put; nothing when every file is
  // begun or the waiting documents reach a limit.
  std::optional<std::size_t> Claim(std::size_t files, int threads) {
    std::lock_guard lock(mutex_);
    if (next_ >= files ||
        read_.size() >= kMaxWaitingPerThread * static_cast<std::size_t>(threads) ||
        waiting_bytes_ >= kMaxWaitingTextBytes) {
      return std::nullopt;
    }
    read_.emplace(next_, std::nullopt);
    return next_++;
  }
  void Put(std::size_t index, Read read) {
    {
      std::lock_guard lock(mutex_);
      waiting_bytes_ += TextBytes(read.document);
      read_[index] = std::move(read);
    }
    put_.notify_all();
  }

 private:
  static std::size_t TextBytes(const Document& document) {
    std::size_t bytes = document.text.size();
    for (const Document& member : document.members) bytes += TextBytes(member);
    return bytes;
  }

  std::mutex mutex_;
  std::condition_variable put_;
  std::size_t waiting_bytes_ = 0;  // the text of the documents read and not yet taken
  std::size_t next_ = 0;           // the files before it are begun or claimed
  std::map<std::size_t, std::optional<Read>> read_;  // claimed, not yet taken; nullopt: being read
};

// How one ScreenFiles call reads files and what it shares between its threads: the extraction
// (in worker processes or in this one), the cache (whose first error is logged, later ones not)
// and the stop flag.
struct ScreenContext {
  const ScreenOptions& options;
  std::unique_ptr<WorkerPool> workers;  // null: extraction in this process
  int threads = 1;                      // more than one: long PDFs are read in parts
  PartQueue parts{};                    // their parts waiting for a thread
  std::atomic<bool> warned{false};
  const std::vector<std::string>* files = nullptr;  // of the run, with their FileBytes
  std::vector<FileBytes> bytes{};
  ReadAhead ahead{};

  bool Stopped() const { return options.stop != nullptr && options.stop->load(); }

  Document Extract(const std::string& path, FileBytes bytes) {
    const int range = options.pdf_range_pages;
    if (threads <= 1 || range <= 0) {
      if (workers) return workers->Extract(path);
      return extract::ExtractFile(path, options.extract);
    }
    // Each page range reads and opens the file again (about 15 ms of CPU a range for a 154-page
    // contract): ranges pay only for a document that would otherwise be the last one running,
    // larger than the other threads' share of the files begun after it (its size the measure of
    // its work). Its pages to OCR are spread whatever (each takes about a second).
    constexpr int kNever = std::numeric_limits<int>::max();
    const bool ranges_pay = bytes.own * static_cast<std::uintmax_t>(threads - 1) >= bytes.later;
    const int split_above = !ranges_pay || range > kNever / 2 ? kNever : 2 * range;
    extract::FileOrSplit plan =
        workers ? workers->ExtractOrSplit(path, split_above)
                : extract::ExtractFileOrSplit(path, options.extract, split_above);
    if (plan.pdf_pages == 0) return std::move(plan.document);
    PartReader reader;
    if (workers) {
      reader.lay_out = [&](int first, int last) { return workers->LayOut(path, first, last); };
      reader.ocr = [&](int page) { return workers->OcrPage(path, page); };
    } else {
      reader.lay_out = [&](int first, int last) {
        return PartAnswer{extract::LayOutPdfPages(path, options.extract, first, last), {}};
      };
      reader.ocr = [&](int page) {
        return PartAnswer{extract::OcrPdfPage(path, options.extract, page), {}};
      };
    }
    // At most two ranges per thread: each range opens the file and loads its fonts again (about
    // 20 ms of CPU for a 1.5 MB, 154-page contract), and two per thread keep every thread busy.
    const int ranges = 2 * threads;
    const int range_pages = std::max(range, (plan.pdf_pages + ranges - 1) / ranges);
    return ReadPdfInParts(std::move(plan), range_pages, reader, options.extract, parts);
  }

  // Reads files ahead while the rules are being compiled (not with a cache, whose look-ups come
  // first). An exception becomes the file's `crashed` status, as in ScreenOne: a claimed file is
  // always put, or the thread that begins it would wait for it forever.
  void ReadAheadWhileCompiling(const rules::LazyRuleSet& rules) {
    if (options.cache != nullptr || files == nullptr) return;
    while (!rules.ready() && !Stopped()) {
      const std::optional<std::size_t> index = ahead.Claim(files->size(), threads);
      if (!index) return;
      const std::string& path = (*files)[*index];
      if (options.on_start) options.on_start(*index, path);
      const auto start = std::chrono::steady_clock::now();
      ReadAhead::Read read;
      try {
        read.document = Extract(path, bytes[*index]);
      } catch (const std::exception& error) {
        read.document = Unread(path, DocumentStatus::kCrashed,
                               std::string("unexpected error: ") + error.what());
      } catch (...) {
        read.document = Unread(path, DocumentStatus::kCrashed, "unexpected error of unknown type");
      }
      read.seconds = SecondsSince(start);
      ahead.Put(*index, std::move(read));
    }
  }

  void Warn(const Status& status) {
    if (!warned.exchange(true)) {
      spdlog::warn("{} (the run goes on; later cache errors are not shown)", status.message());
    }
  }
};

std::vector<DocumentResult> ExtractAndMatch(const std::string& path, FileBytes bytes,
                                            const rules::LazyRuleSet& rules,
                                            ScreenContext& context) {
  std::vector<DocumentResult> results;
  const auto start = std::chrono::steady_clock::now();
  Document document = context.Extract(path, bytes);
  const double extract_seconds = SecondsSince(start);
  context.ReadAheadWhileCompiling(rules);
  MatchTree(std::move(document), extract_seconds, rules, context.options.isolation.timeout_seconds,
            results);
  return results;
}

// With a cache: the file's SHA-256 first; stored results for these rules -> reused as they are;
// else the stored extraction -> matched again; else extracted and matched, and both stored.
// Files that are not read (missing, not regular, over --max-file-size) bypass the cache.
std::vector<DocumentResult> ScreenCached(const std::string& path, FileBytes bytes,
                                         const rules::LazyRuleSet& rules, ScreenContext& context) {
  cache::Cache& store = *context.options.cache;
  const extract::ExtractOptions& extract_options = context.options.extract;
  std::error_code error;
  const std::filesystem::path file(path);
  const bool readable = std::filesystem::is_regular_file(file, error) &&
                        std::filesystem::file_size(file, error) <= extract_options.max_file_bytes;
  Result<std::string> sha256 =
      readable && !error ? digest::Sha256FileHex(file) : Result<std::string>(IoError(path));
  if (!sha256.ok()) {
    std::vector<DocumentResult> results = ExtractAndMatch(path, bytes, rules, context);
    MarkCacheUse(results, CacheUse::kMiss);
    return results;
  }
  const cache::ExtractionKey key = cache::MakeKey(std::move(sha256).value(), extract_options);

  Result<std::optional<std::vector<DocumentResult>>> stored =
      store.LoadResults(key, rules.sha256(), path);
  if (stored.ok() && stored->has_value()) {
    std::vector<DocumentResult> results = std::move(**stored);
    MarkCacheUse(results, CacheUse::kResults);
    return results;
  }
  if (!stored.ok()) context.Warn(stored.status());

  std::vector<DocumentResult> results;
  Result<std::optional<Document>> text = store.LoadDocument(key, path);
  if (!text.ok()) context.Warn(text.status());
  std::optional<Document> extracted;  // kept for the cache: matching releases the text
  if (text.ok() && text->has_value()) {
    MatchTree(std::move(**text), 0, rules, context.options.isolation.timeout_seconds, results);
    MarkCacheUse(results, CacheUse::kText);
  } else {
    const auto start = std::chrono::steady_clock::now();
    Document document = context.Extract(path, bytes);
    const double extract_seconds = SecondsSince(start);
    // The file may have changed since it was hashed: store only what belongs to the key.
    if (cache::IsCacheable(document) && document.sha256 == key.sha256) extracted = document;
    MatchTree(std::move(document), extract_seconds, rules,
              context.options.isolation.timeout_seconds, results);
    MarkCacheUse(results, CacheUse::kMiss);
    if (!extracted) return results;
  }
  // A matching failure (crashed) or an interrupted document is not stored: the next run tries
  // again.
  for (const DocumentResult& result : results) {
    if (!cache::IsCacheable(result.document)) return results;
  }
  if (Status status = store.Store(key, extracted ? &*extracted : nullptr, rules.sha256(), results);
      !status.ok()) {
    context.Warn(status);
  }
  return results;
}

std::vector<DocumentResult> ScreenOne(const std::string& path, FileBytes bytes,
                                      const rules::LazyRuleSet& rules, ScreenContext& context,
                                      std::optional<ReadAhead::Read> read) {
  std::vector<DocumentResult> results;
  try {
    if (read) {
      context.ReadAheadWhileCompiling(rules);
      MatchTree(std::move(read->document), read->seconds, rules,
                context.options.isolation.timeout_seconds, results);
      return results;
    }
    if (rules.failed()) {
      results.emplace_back().document =
          Unread(path, DocumentStatus::kNotScreened, "not read: the rules could not be compiled");
      return results;
    }
    if (context.Stopped()) {
      results.emplace_back().document =
          Unread(path, DocumentStatus::kNotScreened, "the run was interrupted before this file");
      return results;
    }
    if (context.options.cache != nullptr) return ScreenCached(path, bytes, rules, context);
    return ExtractAndMatch(path, bytes, rules, context);
  } catch (const std::exception& error) {
    results.clear();
    results.emplace_back().document =
        Unread(path, DocumentStatus::kCrashed, std::string("unexpected error: ") + error.what());
  } catch (...) {
    results.clear();
    results.emplace_back().document =
        Unread(path, DocumentStatus::kCrashed, "unexpected error of unknown type");
  }
  if (context.options.cache != nullptr) MarkCacheUse(results, CacheUse::kMiss);
  return results;
}

}  // namespace

void ScreenFiles(const std::vector<std::string>& files, const rules::CompiledRuleSet& rules,
                 const extract::ExtractOptions& extract_options, int threads,
                 const std::function<void(DocumentResult&&)>& sink, cache::Cache* cache) {
  ScreenOptions options;
  options.extract = extract_options;
  options.threads = threads;
  options.cache = cache;
  ScreenFiles(files, rules, options, sink);
}

void ScreenFiles(const std::vector<std::string>& files, const rules::CompiledRuleSet& rules,
                 const ScreenOptions& options, const std::function<void(DocumentResult&&)>& sink) {
  const rules::LazyRuleSet compiled(rules);
  ScreenFiles(files, compiled, options, sink);
}

void ScreenFiles(const std::vector<std::string>& files, const rules::LazyRuleSet& rules,
                 const ScreenOptions& options, const std::function<void(DocumentResult&&)>& sink) {
  ScreenContext context{options, nullptr};
  if (!options.isolation.worker_executable.empty()) {
    context.workers =
        std::make_unique<WorkerPool>(options.isolation, options.extract, options.stop);
  }
  int threads = options.threads;
  if (threads <= 0) threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  context.threads = threads;
  // Tokens bound how many documents are in flight. Only `threads` of them are being read at
  // once (the arena's size); the others are results, their text already released, waiting for
  // the in-order sink behind a slow document. 32 per thread let the other threads go on through
  // the next dozens of documents while one spends seconds on a long PDF (with 4 per thread, two
  // threads over the corpus idled one core for most of the 7 s that its slowest PDF takes).
  const std::size_t max_tokens = static_cast<std::size_t>(threads) * 32;

  // Sizes decide whether a long PDF is read in page ranges (ScreenContext::Extract): not asked
  // for when no file can be.
  context.files = &files;
  context.bytes.resize(files.size());
  if (threads > 1 && options.pdf_range_pages > 0) {
    std::uintmax_t later = 0;  // the bytes of the files after this one
    for (std::size_t i = files.size(); i-- > 0;) {
      std::error_code error;
      const std::uintmax_t size = std::filesystem::file_size(files[i], error);
      context.bytes[i] = {error ? 0 : size, later};
      later += context.bytes[i].own;
    }
  }

  // Each file by its index as it is begun, and its results on their way to the sink (in input
  // order).
  using Results = std::shared_ptr<std::vector<DocumentResult>>;
  std::size_t next = 0;
  const auto begin = [&](tbb::flow_control& control) -> std::size_t {
    if (next >= files.size()) {
      control.stop();
      return 0;
    }
    return next++;
  };
  const auto screen = [&](std::size_t index) {
    context.parts.Help();  // the documents begun before this file first
    std::optional<ReadAhead::Read> read = context.ahead.Take(index);
    if (!read && options.on_start) options.on_start(index, files[index]);
    auto results = std::make_shared<std::vector<DocumentResult>>(
        ScreenOne(files[index], context.bytes[index], rules, context, std::move(read)));
    // Archive members share their archive's position.
    for (DocumentResult& result : *results) result.input_index = index;
    if (options.on_finish) options.on_finish(index, *results);
    return results;
  };
  const auto report = [&](Results results) {
    for (DocumentResult& result : *results) sink(std::move(result));
  };
  tbb::task_arena arena(threads);
  arena.execute([&] {
    tbb::parallel_pipeline(
        max_tokens, tbb::make_filter<void, std::size_t>(tbb::filter_mode::serial_in_order, begin) &
                        tbb::make_filter<std::size_t, Results>(tbb::filter_mode::parallel, screen) &
                        tbb::make_filter<Results, void>(tbb::filter_mode::serial_in_order, report));
  });
}

}  // namespace trustscreen::pipeline
