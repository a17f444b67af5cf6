// Cache: extracted documents and their match results in an SQLite file, so a re-run over the same
// files skips extraction (and, with unchanged rules, matching too).
//
// Keys. An extracted document (the whole Document tree with its text, pages, blocks and archive
// members) is stored under (file SHA-256, extractor version, extraction-options key); the match
// results of that document tree (findings and clause excerpts of the document and of each member,
// text released) are stored under that key plus the rule set's SHA-256 and the build of
// trustscreen that matched them (Open's `tool_build`: a new build matches again, from the stored
// text). Paths are not part of a key: a file moved or copied elsewhere is still a hit, and loaded
// results carry the new path.
//
// Durability: each document's rows are written in one transaction (WAL journal), so a crash or
// kill -9 in the middle of a run leaves every stored document complete or absent.
//
// Journal: no read is held open between calls, so checkpoints can copy the journal (FILE-wal)
// into the file while a run goes on; it is checkpointed after every few megabytes and cut back to
// kJournalSizeLimitBytes, so during a run it stays near that size plus one document's rows
// (whatever the number of documents), unless another connection keeps a read open for long.
//
// Damage: a stored entry that SQLite reports as malformed, or that does not decode, is removed
// when it is read, and the read fails with a message that says so; the caller treats the entry
// as absent and its next Store replaces it.
//
// Thread-safety: one Cache may be used from many threads; calls on the one SQLite connection are
// serialised by a mutex, and encoding/decoding runs outside it.
#ifndef TRUSTSCREEN_CACHE_CACHE_H_
#define TRUSTSCREEN_CACHE_CACHE_H_

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "trustscreen/core/finding.h"
#include "trustscreen/core/status.h"
#include "trustscreen/extract/extract.h"

namespace trustscreen::cache {

// The layout of the tables and of the stored results' encoding (findings as core_json spells
// them); a file with another version is refused (delete it to start over). Versions 1 (results
// without a build) and 2 (findings in an encoding of their own) are upgraded in place when opened:
// their documents are kept, their results dropped (they are matched again from the stored text).
inline constexpr int kSchemaVersion = 3;

// The journal's size that a Cache cuts it back to (see Journal above).
inline constexpr std::int64_t kJournalSizeLimitBytes = 16 << 20;

// What identifies one extraction of one file.
struct ExtractionKey {
  std::string sha256;             // of the file's bytes
  std::string extractor_version;  // extract::kExtractorVersion
  std::string options_key;        // OptionsKey(options)
};

// A digest of every extraction option that can change the text or status produced (page and size
// limits, archive limits, the passwords, the OCR mode, languages, resolution, confidence threshold,
// language data directory and Tesseract version; not the OCR page timeout, see IsCacheable). The
// passwords enter only through this digest.
std::string OptionsKey(const extract::ExtractOptions& options);

// The key of `sha256` extracted by this build with `options`.
ExtractionKey MakeKey(std::string sha256, const extract::ExtractOptions& options);

// Documents whose status may change on a retry (kCrashed, kTimeout, kMissing, kUnreadable, or
// Document::transient_failure: OCR timed out or could not start) are not stored; every other
// status, kOk or not, is stored and comes back with its status and reason.
bool IsCacheable(const Document& document);

struct ExtractorVersionStats {
  std::int64_t documents = 0;
  std::int64_t document_bytes = 0;  // size of the stored (encoded) documents
};

struct CacheStats {
  std::int64_t documents = 0;    // stored extractions
  std::int64_t results = 0;      // stored match results (one per document and rule set)
  std::int64_t rule_sets = 0;    // distinct rule-set digests among the results
  std::uint64_t file_bytes = 0;  // the database file and its write-ahead log
  std::map<std::string, ExtractorVersionStats> by_extractor_version;
  std::map<std::string, std::int64_t> results_by_rule_set;  // rules SHA-256 -> results
};

struct PruneOutcome {
  std::string kept_rules_sha256;  // empty when no results were kept
  std::int64_t documents_removed = 0;
  std::int64_t results_removed = 0;
  std::uint64_t bytes_before = 0;
  std::uint64_t bytes_after = 0;
};

class Cache {
 public:
  // Opens the cache at `path`, creating it (and its schema) when `create` and it does not exist.
  // Fails with a message naming the file when it cannot be opened, is not an SQLite database, is
  // damaged, or is not a trustscreen cache of this schema version (those say to delete it), and
  // when this process may not write the file or its folder (that says so, with the system's
  // reason: the cache is not damaged). Results are stored and found under `tool_build` (scan
  // passes pipeline::BuildId()).
  static Result<std::unique_ptr<Cache>> Open(const std::filesystem::path& path, bool create = true,
                                             std::string tool_build = "");
  ~Cache();
  Cache(const Cache&) = delete;
  Cache& operator=(const Cache&) = delete;

  const std::filesystem::path& path() const;

  // The stored extraction (with text and members), paths rebased onto `path`; nullopt when absent.
  // A damaged entry is removed (with its results) and gives an error saying so.
  Result<std::optional<Document>> LoadDocument(const ExtractionKey& key, const std::string& path);

  // The stored results of the document tree under `rules_sha256`, in the order they were stored
  // (the document, then its members depth first), paths rebased onto `path`, timings zero.
  // Damaged results are removed (the document's text is kept) and give an error saying so.
  Result<std::optional<std::vector<DocumentResult>>> LoadResults(const ExtractionKey& key,
                                                                 std::string_view rules_sha256,
                                                                 const std::string& path);

  // Stores the extraction `document` (text and members included; may be omitted when only the
  // results are new, i.e. the text was loaded from the cache) and the `results` matched from it
  // under `rules_sha256`, in one transaction. Result texts are not stored (they are released).
  Status Store(const ExtractionKey& key, const Document* document, std::string_view rules_sha256,
               const std::vector<DocumentResult>& results);

  // Some document has results stored under `rules_sha256` by this build, i.e. these rules
  // compiled before.
  Result<bool> HasResults(std::string_view rules_sha256);

  Result<CacheStats> Stats();

  // Removes the documents of other extractor versions than `extractor_version` (with their
  // results), the results of other rule sets than `keep_rules_sha256` (empty: the rule set whose
  // results this build stored last) and the results of other builds, then VACUUMs the file.
  Result<PruneOutcome> Prune(std::string_view keep_rules_sha256,
                             std::string_view extractor_version = extract::kExtractorVersion);

 private:
  struct Impl;
  explicit Cache(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// Encoding of documents and results (CBOR, binary-safe); exposed for tests.
std::string EncodeDocument(const Document& document);
Result<Document> DecodeDocument(std::string_view bytes);
std::string EncodeResults(const std::vector<DocumentResult>& results);
Result<std::vector<DocumentResult>> DecodeResults(std::string_view bytes);

}  // namespace trustscreen::cache

#endif  // TRUSTSCREEN_CACHE_CACHE_H_
