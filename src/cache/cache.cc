#include "trustscreen/cache/cache.h"

#include <sqlite3.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <initializer_list>
#include <mutex>
#include <nlohmann/json.hpp>
#include <system_error>
#include <type_traits>

#include "trustscreen/digest/sha256.h"

namespace trustscreen::cache {
namespace {

constexpr int kBusyTimeoutMs = 10000;

// SQLite checkpoints the journal into the file after a commit that leaves it over this many pages
// (4 MiB at the default page size), and cuts the journal back to kJournalSizeLimitBytes when it
// starts over.
constexpr int kAutoCheckpointPages = 1000;
// Every this many stores the journal's size is looked at, and checkpointed (TRUNCATE) when over
// kJournalSizeLimitBytes: another process's reads can make the automatic checkpoints fall short.
constexpr int kJournalCheckEveryStores = 64;
// How long that checkpoint waits for other connections' transactions to end before it gives up
// until the next check.
constexpr int kCheckpointBusyTimeoutMs = 1000;

// quick_check's first line of a report about the main database.
constexpr char kQuickCheckPrefix[] = "*** in database main ***\n";

constexpr char kSchema[] = R"sql(
CREATE TABLE schema_version (version INTEGER NOT NULL);
CREATE TABLE documents (
  id INTEGER PRIMARY KEY,
  sha256 TEXT NOT NULL,
  extractor_version TEXT NOT NULL,
  options_key TEXT NOT NULL,
  status TEXT NOT NULL,
  size_bytes INTEGER NOT NULL,
  document BLOB NOT NULL,
  stored_at INTEGER NOT NULL,
  UNIQUE (sha256, extractor_version, options_key)
);
CREATE TABLE results (
  document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  rules_sha256 TEXT NOT NULL,
  results BLOB NOT NULL,
  stored_at INTEGER NOT NULL,
  tool_build TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (document_id, rules_sha256)
);
CREATE INDEX results_by_rule_set ON results (rules_sha256, tool_build);
)sql";

// Schema 1 -> 2: results also keyed by the build that matched them.
constexpr char kUpgradeFrom1[] = R"sql(
ALTER TABLE results ADD COLUMN tool_build TEXT NOT NULL DEFAULT '';
CREATE INDEX results_by_rule_set ON results (rules_sha256, tool_build);
)sql";

// Schema 2 -> 3: findings stored as core_json writes them. Results of older schemas (no build, or
// findings in another encoding) are dropped and matched again from the stored text.
constexpr char kUpgradeFrom2[] = R"sql(
DELETE FROM results;
UPDATE schema_version SET version = 3;
)sql";

std::int64_t UnixNow() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// A prepared statement, finalized on destruction.
class Statement {
 public:
  Statement(sqlite3* db, const char* sql) {
    rc_ = sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr);
  }
  ~Statement() { sqlite3_finalize(stmt_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  bool prepared() const { return rc_ == SQLITE_OK; }
  void Bind(int index, std::string_view text) {
    sqlite3_bind_text(stmt_, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
  }
  void BindBlob(int index, std::string_view bytes) {
    sqlite3_bind_blob(stmt_, index, bytes.data(), static_cast<int>(bytes.size()), SQLITE_STATIC);
  }
  void Bind(int index, std::int64_t value) { sqlite3_bind_int64(stmt_, index, value); }
  // ?1 the file's SHA-256, ?2 the extractor version, ?3 the options key.
  void BindKey(const ExtractionKey& key) {
    Bind(1, key.sha256);
    Bind(2, key.extractor_version);
    Bind(3, key.options_key);
  }
  // SQLITE_ROW, SQLITE_DONE or an error code.
  int Step() { return sqlite3_step(stmt_); }
  // Ends the statement's read of the database. A statement left on a row keeps a read snapshot
  // open, and a checkpoint cannot pass a snapshot: reset it before the transaction commits.
  void Reset() { sqlite3_reset(stmt_); }
  std::int64_t Int(int column) { return sqlite3_column_int64(stmt_, column); }
  std::string Text(int column) {
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
    return text ? std::string(text, sqlite3_column_bytes(stmt_, column)) : std::string();
  }
  std::string Blob(int column) {
    const auto* data = static_cast<const char*>(sqlite3_column_blob(stmt_, column));
    return data ? std::string(data, sqlite3_column_bytes(stmt_, column)) : std::string();
  }

 private:
  sqlite3_stmt* stmt_ = nullptr;
  int rc_ = SQLITE_OK;
};

// Replaces the stored top-level path (and the "path!/" prefix of archive members) by `path`.
// `from` must not alias a path inside `document`.
void Rebase(Document& document, const std::string& from, const std::string& to) {
  if (document.path == from) {
    document.path = to;
  } else if (document.path.compare(0, from.size() + 2, from + "!/") == 0) {
    document.path = to + document.path.substr(from.size());
  }
  for (Document& member : document.members) Rebase(member, from, to);
}

// SQLite's word for a file whose pages do not hold what they should.
bool IsDamage(int rc) {
  const int primary = rc & 0xff;
  return primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB;
}

// SQLite's word for a file or folder it may not write.
bool IsPermission(int rc) {
  const int primary = rc & 0xff;
  return primary == SQLITE_READONLY || primary == SQLITE_CANTOPEN || primary == SQLITE_PERM ||
         primary == SQLITE_AUTH;
}

std::uint64_t WalBytes(const std::filesystem::path& path) {
  std::error_code error;
  const auto size = std::filesystem::file_size(path.string() + "-wal", error);
  return error ? 0 : size;
}

// Refuses a cache this process may not write: SQLite needs to write the file and, for its
// journal (FILE-wal, FILE-shm), the folder. Says so with the system's reason, not "damaged".
Status CheckWritable(const std::filesystem::path& path, bool exists) {
  const std::filesystem::path folder =
      path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
  if (exists && ::access(path.c_str(), W_OK) != 0) {
    return IoError(path.string() + ": the cache file is read-only (" + std::strerror(errno) +
                   "): make it writable (chmod u+w) or give --cache a copy in a writable folder");
  }
  if (::access(folder.c_str(), W_OK | X_OK) != 0) {
    return IoError(path.string() + ": the cache's folder " + folder.string() +
                   " is not writable (" + std::strerror(errno) +
                   "): SQLite keeps the cache's journal beside it; make the folder writable or "
                   "give --cache a file in a writable folder");
  }
  return Status::Ok();
}

std::uint64_t FileBytes(const std::filesystem::path& path) {
  std::uint64_t total = 0;
  for (const char* suffix : {"", "-wal"}) {
    std::error_code error;
    const auto size = std::filesystem::file_size(path.string() + suffix, error);
    if (!error) total += size;
  }
  return total;
}

}  // namespace

std::string OptionsKey(const extract::ExtractOptions& options) {
  // Each option that can change the text, as name=JSON value (unambiguous for any string); the
  // whole is hashed, so passwords are not stored. With OCR off no other OCR setting matters;
  // with it on, so does the engine's version.
  const bool ocr = options.ocr != extract::OcrMode::kNever;
  digest::Sha256Hasher hasher;
  extract::ForEachOption(options, [&](const extract::OptionField& field, const auto& value) {
    using enum extract::OptionKey;
    if (field.key == kNever || (field.key == kWithOcr && !ocr)) return;
    nlohmann::json json;
    if constexpr (std::is_same_v<std::decay_t<decltype(value)>, extract::OcrMode>) {
      json = extract::OptionText(value);
    } else {
      json = value;
    }
    hasher.Update(std::string(field.name) + "=" + json.dump() + ";");
  });
  if (ocr) hasher.Update("ocr_engine=" + extract::OcrEngineVersion());
  return hasher.FinishHex();
}

ExtractionKey MakeKey(std::string sha256, const extract::ExtractOptions& options) {
  return {std::move(sha256), std::string(extract::kExtractorVersion), OptionsKey(options)};
}

bool IsCacheable(const Document& document) {
  switch (document.status) {
    case DocumentStatus::kCrashed:
    case DocumentStatus::kTimeout:
    case DocumentStatus::kMissing:
    case DocumentStatus::kUnreadable:
    case DocumentStatus::kNotScreened:
      return false;
    default:
      break;
  }
  // OCR that timed out or could not start may succeed next run (less load, data installed).
  if (document.transient_failure) return false;
  for (const Document& member : document.members) {
    if (!IsCacheable(member)) return false;
  }
  return !document.sha256.empty();
}

struct Cache::Impl {
  std::filesystem::path path;
  std::string tool_build;
  sqlite3* db = nullptr;
  std::mutex mutex;
  int stores_since_journal_check = 0;  // guarded by mutex

  ~Impl() { sqlite3_close_v2(db); }

  // Checkpoints the journal into the file and truncates it when it has outgrown
  // kJournalSizeLimitBytes. A BUSY answer (another connection is reading or writing) leaves it
  // for the next check. Call with the mutex held and no transaction open.
  void BoundJournal() {
    if (++stores_since_journal_check < kJournalCheckEveryStores) return;
    stores_since_journal_check = 0;
    if (WalBytes(path) <= kJournalSizeLimitBytes) return;
    sqlite3_busy_timeout(db, kCheckpointBusyTimeoutMs);
    sqlite3_wal_checkpoint_v2(db, nullptr, SQLITE_CHECKPOINT_TRUNCATE, nullptr, nullptr);
    sqlite3_busy_timeout(db, kBusyTimeoutMs);
  }

  // The rows of `key` hold something that cannot be read back (`detail`): removes them (the
  // document with its results when `with_document`, else its results) so that the caller's
  // next Store replaces them, and returns the error that says so. Call with the mutex held.
  Status RemoveDamaged(const ExtractionKey& key, bool with_document, std::string_view what,
                       std::string_view detail) {
    const std::string subject = path.string() + ": the cached " + std::string(what) + " of " +
                                key.sha256 + " is damaged (" + std::string(detail) + ")";
    const char* sql =
        with_document ? "DELETE FROM documents WHERE sha256 = ?1 AND extractor_version = ?2 AND "
                        "options_key = ?3"
                      : "DELETE FROM results WHERE document_id IN (SELECT id FROM documents WHERE "
                        "sha256 = ?1 AND extractor_version = ?2 AND options_key = ?3)";
    Statement remove(db, sql);
    if (remove.prepared()) {
      remove.BindKey(key);
      if (remove.Step() == SQLITE_DONE) {
        return IoError(subject + ": removed, the document is read again and stored anew");
      }
    }
    return IoError(subject + " and cannot be removed (" + sqlite3_errmsg(db) +
                   "): delete the file to start a new cache");
  }

  // The entry of `key` that `sql` selects (one blob column; ?1..?3 the key, ?4 on `more`), decoded
  // by `decode`; nullopt when there is none. An entry that SQLite reports as damaged or that does
  // not decode is removed (see RemoveDamaged) and gives the error that says so.
  template <typename T>
  Result<std::optional<T>> Load(const char* sql, const ExtractionKey& key,
                                std::initializer_list<std::string_view> more, bool with_document,
                                std::string_view what, Result<T> (*decode)(std::string_view)) {
    const std::string failure = "cannot read " + std::string(what);
    std::string bytes;
    {
      std::lock_guard lock(mutex);
      Statement statement(db, sql);
      if (!statement.prepared()) return Error(failure);
      statement.BindKey(key);
      int index = 4;
      for (std::string_view value : more) statement.Bind(index++, value);
      const int rc = statement.Step();
      if (rc == SQLITE_DONE) return std::optional<T>();
      if (IsDamage(rc)) {
        const std::string detail = sqlite3_errmsg(db);
        statement.Reset();
        return RemoveDamaged(key, with_document, what, detail);
      }
      if (rc != SQLITE_ROW) return Error(failure);
      bytes = statement.Blob(0);
    }
    Result<T> decoded = decode(bytes);
    if (!decoded.ok()) {
      std::lock_guard lock(mutex);
      return RemoveDamaged(key, with_document, what, decoded.status().message());
    }
    return std::optional<T>(std::move(decoded).value());
  }

  // "PATH: what: sqlite message".
  Status Error(std::string_view what) const {
    std::string message = path.string() + ": " + std::string(what) + ": " + sqlite3_errmsg(db);
    if (IsDamage(sqlite3_extended_errcode(db))) {
      message += " (the cache is damaged: delete the file to start a new cache)";
    }
    return IoError(std::move(message));
  }

  Status Exec(const char* sql, std::string_view what) {
    if (sqlite3_exec(db, sql, nullptr, nullptr, nullptr) != SQLITE_OK) return Error(what);
    return Status::Ok();
  }

  // The one-column integer of `sql`, or an error.
  Result<std::int64_t> QueryInt(const char* sql) {
    Statement statement(db, sql);
    if (!statement.prepared() || statement.Step() != SQLITE_ROW) return Error("query failed");
    return statement.Int(0);
  }

  // Schema 1 or 2 -> kSchemaVersion, in one transaction (another process may be doing the same).
  Status Upgrade() {
    if (Status status = Exec("BEGIN IMMEDIATE", "cannot upgrade the cache"); !status.ok()) {
      return status;
    }
    // Read again inside the transaction: another process may have upgraded the file meanwhile.
    Result<std::int64_t> version = QueryInt("SELECT version FROM schema_version");
    std::string sql;
    if (version.ok() && *version == 1) sql += kUpgradeFrom1;
    if (version.ok() && (*version == 1 || *version == 2)) sql += kUpgradeFrom2;
    if (!sql.empty() && sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) {
      Status status = Error("cannot upgrade the cache");
      sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
      return status;
    }
    return Exec("COMMIT", "cannot upgrade the cache");
  }

  // Damage to SQLite's own structure (a page that does not hold what it should) cannot be
  // removed entry by entry: found here, it stops the run. quick_check reads every page once
  // (about 1.5 s per GB), little next to hashing the files whose results the cache holds.
  Status CheckStructure() {
    Statement check(db, "PRAGMA quick_check(1)");
    const int rc = check.prepared() ? check.Step() : sqlite3_errcode(db);
    if (rc == SQLITE_ROW && check.Text(0) == "ok") return Status::Ok();
    std::string detail = rc == SQLITE_ROW ? check.Text(0) : sqlite3_errmsg(db);
    if (detail.rfind(kQuickCheckPrefix, 0) == 0) detail.erase(0, sizeof kQuickCheckPrefix - 1);
    return IoError(path.string() + ": the cache is damaged (" + detail +
                   "): delete the file to start a new cache");
  }

  Status OpenSchema() {
    // A file that is not SQLite fails here ("file is not a database").
    Result<std::int64_t> tables =
        QueryInt("SELECT count(*) FROM sqlite_schema WHERE type = 'table'");
    if (!tables.ok()) {
      const int rc = sqlite3_extended_errcode(db);
      if (IsPermission(rc)) {
        return IoError(path.string() + ": cannot use the cache: " + sqlite3_errmsg(db) +
                       " (check that this user may write the file and its folder)");
      }
      if (!IsDamage(rc)) return Error("cannot read cache");
      return IoError(path.string() + ": not a usable trustscreen cache: " + sqlite3_errmsg(db) +
                     " (delete the file to start a new cache)");
    }
    if (*tables == 0) {
      if (Status status = Exec("BEGIN IMMEDIATE", "cannot create schema"); !status.ok()) {
        return status;
      }
      // Another process may have created it meanwhile.
      Result<std::int64_t> again =
          QueryInt("SELECT count(*) FROM sqlite_schema WHERE type = 'table'");
      if (again.ok() && *again == 0) {
        const std::string sql = std::string(kSchema) +
                                "INSERT INTO schema_version (version) VALUES (" +
                                std::to_string(kSchemaVersion) + ");";
        if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) {
          Status status = Error("cannot create schema");
          sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
          return status;
        }
      }
      if (Status status = Exec("COMMIT", "cannot create schema"); !status.ok()) return status;
    }
    Result<std::int64_t> version = QueryInt("SELECT version FROM schema_version");
    if (!version.ok()) {
      return IoError(path.string() + ": not a trustscreen cache (no schema_version table: " +
                     sqlite3_errmsg(db) + ")");
    }
    if (*version == 1 || *version == 2) {
      if (Status status = Upgrade(); !status.ok()) return status;
      version = kSchemaVersion;
    }
    if (*version != kSchemaVersion) {
      return IoError(path.string() + ": cache schema version " + std::to_string(*version) +
                     ", this build uses " + std::to_string(kSchemaVersion) +
                     " (delete the file to start a new cache)");
    }
    return CheckStructure();
  }
};

Cache::Cache(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Cache::~Cache() = default;

const std::filesystem::path& Cache::path() const { return impl_->path; }

Result<std::unique_ptr<Cache>> Cache::Open(const std::filesystem::path& path, bool create,
                                           std::string tool_build) {
  auto impl = std::make_unique<Impl>();
  impl->path = path;
  impl->tool_build = std::move(tool_build);
  std::error_code error;
  if (std::filesystem::is_directory(path, error)) {
    return IoError(path.string() + ": is a directory, not a cache file");
  }
  const bool exists = std::filesystem::exists(path, error);
  if (!create && !exists) return NotFound(path.string() + ": no such cache file");
  if (Status status = CheckWritable(path, exists); !status.ok()) return status;
  const int flags =
      SQLITE_OPEN_READWRITE | SQLITE_OPEN_FULLMUTEX | (create ? SQLITE_OPEN_CREATE : 0);
  if (sqlite3_open_v2(path.c_str(), &impl->db, flags, nullptr) != SQLITE_OK) {
    return impl->Error("cannot open cache");
  }
  // Opened read-only although asked for read-write: the permission checks above cannot see
  // everything (ACLs, read-only mounts).
  if (sqlite3_db_readonly(impl->db, "main") == 1) {
    return IoError(path.string() + ": the cache file is read-only (" + std::strerror(EACCES) +
                   "; SQLite could open it only for reading): make it "
                   "writable or give --cache a copy in a writable folder");
  }
  sqlite3_extended_result_codes(impl->db, 1);
  sqlite3_busy_timeout(impl->db, kBusyTimeoutMs);
  if (Status status = impl->OpenSchema(); !status.ok()) return status;
  // WAL: readers do not block the writer, and a killed run leaves committed rows intact.
  // synchronous=NORMAL: a power loss may lose the last transactions, never corrupt the file.
  // The journal is bounded by the automatic checkpoints (their limit set here, not left to the
  // library's default), journal_size_limit (which cuts the file back when the journal starts
  // over) and BoundJournal.
  const std::string pragmas =
      "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; "
      "PRAGMA wal_autocheckpoint = " +
      std::to_string(kAutoCheckpointPages) +
      "; PRAGMA journal_size_limit = " + std::to_string(kJournalSizeLimitBytes) + ";";
  if (Status status = impl->Exec(pragmas.c_str(), "cannot configure cache"); !status.ok()) {
    return status;
  }
  return std::unique_ptr<Cache>(new Cache(std::move(impl)));
}

Result<std::optional<Document>> Cache::LoadDocument(const ExtractionKey& key,
                                                    const std::string& path) {
  Result<std::optional<Document>> document = impl_->Load<Document>(
      "SELECT document FROM documents WHERE sha256 = ?1 AND extractor_version = ?2 AND "
      "options_key = ?3",
      key, {}, /*with_document=*/true, "document", DecodeDocument);
  if (document.ok() && document->has_value()) {
    const std::string stored_path = (*document)->path;
    Rebase(**document, stored_path, path);
  }
  return document;
}

Result<std::optional<std::vector<DocumentResult>>> Cache::LoadResults(const ExtractionKey& key,
                                                                      std::string_view rules_sha256,
                                                                      const std::string& path) {
  Result<std::optional<std::vector<DocumentResult>>> results =
      impl_->Load<std::vector<DocumentResult>>(
          "SELECT r.results FROM results r JOIN documents d ON d.id = r.document_id "
          "WHERE d.sha256 = ?1 AND d.extractor_version = ?2 AND d.options_key = ?3 "
          "AND r.rules_sha256 = ?4 AND r.tool_build = ?5",
          key, {rules_sha256, impl_->tool_build}, /*with_document=*/false, "results",
          DecodeResults);
  if (results.ok() && results->has_value() && !(*results)->empty()) {
    const std::string from = (*results)->front().document.path;
    for (DocumentResult& result : **results) Rebase(result.document, from, path);
  }
  return results;
}

Status Cache::Store(const ExtractionKey& key, const Document* document,
                    std::string_view rules_sha256, const std::vector<DocumentResult>& results) {
  const std::string document_bytes = document ? EncodeDocument(*document) : std::string();
  const std::string results_bytes = EncodeResults(results);
  const std::int64_t now = UnixNow();

  std::lock_guard lock(impl_->mutex);
  sqlite3* db = impl_->db;
  if (Status status = impl_->Exec("BEGIN IMMEDIATE", "cannot store"); !status.ok()) return status;
  auto fail = [&](std::string_view what) {
    Status status = impl_->Error(what);
    sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
    return status;
  };
  if (document) {
    Statement insert(db,
                     "INSERT INTO documents (sha256, extractor_version, options_key, status, "
                     "size_bytes, document, stored_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) "
                     "ON CONFLICT (sha256, extractor_version, options_key) DO UPDATE SET "
                     "status = excluded.status, size_bytes = excluded.size_bytes, "
                     "document = excluded.document, stored_at = excluded.stored_at");
    if (!insert.prepared()) return fail("cannot store document");
    insert.BindKey(key);
    insert.Bind(4, ToString(document->status));
    insert.Bind(5, static_cast<std::int64_t>(document->size_bytes));
    insert.BindBlob(6, document_bytes);
    insert.Bind(7, now);
    if (insert.Step() != SQLITE_DONE) return fail("cannot store document");
  }
  Statement find(db,
                 "SELECT id FROM documents WHERE sha256 = ?1 AND extractor_version = ?2 AND "
                 "options_key = ?3");
  if (!find.prepared()) return fail("cannot store results");
  find.BindKey(key);
  const int rc = find.Step();
  if (rc == SQLITE_DONE) {
    sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
    return InvalidArgument(impl_->path.string() +
                           ": cannot store results: the document is not stored");
  }
  if (rc != SQLITE_ROW) return fail("cannot store results");
  const std::int64_t id = find.Int(0);
  find.Reset();
  Statement insert(db,
                   "INSERT OR REPLACE INTO results (document_id, rules_sha256, results, "
                   "stored_at, tool_build) VALUES (?1, ?2, ?3, ?4, ?5)");
  if (!insert.prepared()) return fail("cannot store results");
  insert.Bind(1, id);
  insert.Bind(2, rules_sha256);
  insert.BindBlob(3, results_bytes);
  insert.Bind(4, now);
  insert.Bind(5, impl_->tool_build);
  if (insert.Step() != SQLITE_DONE) return fail("cannot store results");
  if (Status status = impl_->Exec("COMMIT", "cannot store"); !status.ok()) {
    sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);  // else the next BEGIN fails too
    return status;
  }
  impl_->BoundJournal();
  return Status::Ok();
}

Result<bool> Cache::HasResults(std::string_view rules_sha256) {
  std::lock_guard lock(impl_->mutex);
  Statement statement(impl_->db,
                      "SELECT 1 FROM results WHERE rules_sha256 = ?1 AND tool_build = ?2 LIMIT 1");
  if (!statement.prepared()) return impl_->Error("cannot read results");
  statement.Bind(1, rules_sha256);
  statement.Bind(2, impl_->tool_build);
  const int rc = statement.Step();
  if (rc != SQLITE_ROW && rc != SQLITE_DONE) return impl_->Error("cannot read results");
  return rc == SQLITE_ROW;
}

Result<CacheStats> Cache::Stats() {
  std::lock_guard lock(impl_->mutex);
  CacheStats stats;
  for (auto [sql, field] :
       {std::pair{"SELECT count(*) FROM documents", &stats.documents},
        std::pair{"SELECT count(*) FROM results", &stats.results},
        std::pair{"SELECT count(DISTINCT rules_sha256) FROM results", &stats.rule_sets}}) {
    Result<std::int64_t> value = impl_->QueryInt(sql);
    if (!value.ok()) return value.status();
    *field = *value;
  }
  {
    Statement statement(impl_->db,
                        "SELECT extractor_version, count(*), sum(length(document)) FROM documents "
                        "GROUP BY extractor_version ORDER BY extractor_version");
    if (!statement.prepared()) return impl_->Error("query failed");
    int rc;
    while ((rc = statement.Step()) == SQLITE_ROW) {
      stats.by_extractor_version[statement.Text(0)] = {statement.Int(1), statement.Int(2)};
    }
    if (rc != SQLITE_DONE) return impl_->Error("query failed");
  }
  {
    Statement statement(impl_->db,
                        "SELECT rules_sha256, count(*) FROM results GROUP BY rules_sha256");
    if (!statement.prepared()) return impl_->Error("query failed");
    int rc;
    while ((rc = statement.Step()) == SQLITE_ROW) {
      stats.results_by_rule_set[statement.Text(0)] = statement.Int(1);
    }
    if (rc != SQLITE_DONE) return impl_->Error("query failed");
  }
  stats.file_bytes = FileBytes(impl_->path);
  return stats;
}

Result<PruneOutcome> Cache::Prune(std::string_view keep_rules_sha256,
                                  std::string_view extractor_version) {
  std::lock_guard lock(impl_->mutex);
  sqlite3* db = impl_->db;
  PruneOutcome outcome;
  outcome.bytes_before = FileBytes(impl_->path);
  outcome.kept_rules_sha256 = std::string(keep_rules_sha256);
  if (outcome.kept_rules_sha256.empty()) {
    Statement latest(db,
                     "SELECT rules_sha256 FROM results WHERE tool_build = ?1 "
                     "ORDER BY stored_at DESC, rowid DESC LIMIT 1");
    if (!latest.prepared()) return impl_->Error("cannot prune");
    latest.Bind(1, impl_->tool_build);
    const int rc = latest.Step();
    if (rc == SQLITE_ROW) {
      outcome.kept_rules_sha256 = latest.Text(0);
    } else if (rc != SQLITE_DONE) {
      return impl_->Error("cannot prune");
    }
  }
  if (Status status = impl_->Exec("BEGIN IMMEDIATE", "cannot prune"); !status.ok()) return status;
  auto fail = [&]() {
    Status status = impl_->Error("cannot prune");
    sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
    return status;
  };
  {
    // Results of the dropped documents go with them (ON DELETE CASCADE); count them first.
    Statement count(db,
                    "SELECT count(*) FROM results WHERE rules_sha256 != ?1 OR tool_build != ?3 "
                    "OR document_id IN (SELECT id FROM documents WHERE extractor_version != ?2)");
    if (!count.prepared()) return fail();
    count.Bind(1, outcome.kept_rules_sha256);
    count.Bind(2, extractor_version);
    count.Bind(3, impl_->tool_build);
    if (count.Step() != SQLITE_ROW) return fail();
    outcome.results_removed = count.Int(0);
  }
  {
    Statement remove(db, "DELETE FROM documents WHERE extractor_version != ?1");
    if (!remove.prepared()) return fail();
    remove.Bind(1, extractor_version);
    if (remove.Step() != SQLITE_DONE) return fail();
    outcome.documents_removed = sqlite3_changes(db);
  }
  {
    Statement remove(db, "DELETE FROM results WHERE rules_sha256 != ?1 OR tool_build != ?2");
    if (!remove.prepared()) return fail();
    remove.Bind(1, outcome.kept_rules_sha256);
    remove.Bind(2, impl_->tool_build);
    if (remove.Step() != SQLITE_DONE) return fail();
  }
  if (Status status = impl_->Exec("COMMIT", "cannot prune"); !status.ok()) return status;
  if (Status status = impl_->Exec("VACUUM; PRAGMA wal_checkpoint(TRUNCATE);", "cannot vacuum");
      !status.ok()) {
    return status;
  }
  outcome.bytes_after = FileBytes(impl_->path);
  return outcome;
}

}  // namespace trustscreen::cache
