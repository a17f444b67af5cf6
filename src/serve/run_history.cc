#include "run_history.h"

#include <sqlite3.h>

#include <mutex>
#include <nlohmann/json.hpp>
#include <utility>

#include "trustscreen/core/clock.h"

namespace trustscreen::serve {
namespace {

constexpr int kBusyTimeoutMs = 10000;

constexpr char kSchema[] = R"sql(
CREATE TABLE IF NOT EXISTS runs (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  created TEXT NOT NULL,
  started TEXT NOT NULL DEFAULT '',
  finished TEXT NOT NULL DEFAULT '',
  source TEXT NOT NULL,
  label TEXT NOT NULL,
  inputs TEXT NOT NULL,
  out_dir TEXT NOT NULL DEFAULT '',
  state TEXT NOT NULL,
  error TEXT NOT NULL DEFAULT '',
  counts TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX IF NOT EXISTS runs_by_inputs ON runs (inputs, id);
)sql";

constexpr char kColumns[] =
    "id, created, started, finished, source, label, inputs, out_dir, state, error, counts";

// One prepared statement, finalised when it goes out of scope.
class Statement {
 public:
  Statement(sqlite3* db, const char* sql) { sqlite3_prepare_v2(db, sql, -1, &statement_, nullptr); }
  ~Statement() { sqlite3_finalize(statement_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  bool ok() const { return statement_ != nullptr; }
  Statement& Bind(int index, const std::string& text) {
    sqlite3_bind_text(statement_, index, text.data(), static_cast<int>(text.size()),
                      SQLITE_TRANSIENT);
    return *this;
  }
  Statement& Bind(int index, std::int64_t value) {
    sqlite3_bind_int64(statement_, index, value);
    return *this;
  }
  int Step() { return sqlite3_step(statement_); }
  std::string Text(int column) const {
    const unsigned char* text = sqlite3_column_text(statement_, column);
    return text == nullptr ? std::string()
                           : std::string(reinterpret_cast<const char*>(text),
                                         sqlite3_column_bytes(statement_, column));
  }
  std::int64_t Int(int column) const { return sqlite3_column_int64(statement_, column); }

 private:
  sqlite3_stmt* statement_ = nullptr;
};

RunState ParseState(const std::string& text) {
  if (text == "running") return RunState::kRunning;
  if (text == "finished") return RunState::kFinished;
  if (text == "failed") return RunState::kFailed;
  return RunState::kQueued;
}

nlohmann::json CountsJson(const RunCounts& counts) {
  return {{"documents", counts.documents},
          {"not_fully_screened", counts.not_fully_screened},
          {"findings", counts.findings},
          {"open_findings", counts.open_findings},
          {"waived", counts.waived},
          {"escalated", counts.escalated},
          {"exit_code", counts.exit_code},
          {"complete", counts.complete},
          {"previous_run", counts.previous_run},
          {"new_findings", counts.new_findings},
          {"resolved_findings", counts.resolved_findings}};
}

RunCounts CountsFromJson(const std::string& text) {
  RunCounts counts;
  const nlohmann::json json = nlohmann::json::parse(text, nullptr, false);
  if (!json.is_object()) return counts;
  counts.documents = json.value("documents", 0);
  counts.not_fully_screened = json.value("not_fully_screened", 0);
  counts.findings = json.value("findings", 0);
  counts.open_findings = json.value("open_findings", 0);
  counts.waived = json.value("waived", 0);
  counts.escalated = json.value("escalated", 0);
  counts.exit_code = json.value("exit_code", 0);
  counts.complete = json.value("complete", true);
  counts.previous_run = json.value("previous_run", std::int64_t{0});
  counts.new_findings = json.value("new_findings", 0);
  counts.resolved_findings = json.value("resolved_findings", 0);
  return counts;
}

RunRecord ReadRecord(const Statement& row) {
  RunRecord record;
  record.id = row.Int(0);
  record.created = row.Text(1);
  record.started = row.Text(2);
  record.finished = row.Text(3);
  record.source = row.Text(4);
  record.label = row.Text(5);
  const nlohmann::json inputs = nlohmann::json::parse(row.Text(6), nullptr, false);
  if (inputs.is_array()) {
    for (const nlohmann::json& input : inputs) {
      if (input.is_string()) record.inputs.push_back(input.get<std::string>());
    }
  }
  record.out_dir = row.Text(7);
  record.state = ParseState(row.Text(8));
  record.error = row.Text(9);
  record.counts = CountsFromJson(row.Text(10));
  return record;
}

}  // namespace

std::string_view ToString(RunState state) {
  switch (state) {
    case RunState::kQueued:
      return "queued";
    case RunState::kRunning:
      return "running";
    case RunState::kFinished:
      return "finished";
    case RunState::kFailed:
      return "failed";
  }
  return "queued";
}

struct RunHistory::Impl {
  sqlite3* db = nullptr;
  mutable std::mutex mutex;

  ~Impl() { sqlite3_close(db); }

  Status Error(const std::string& what) const {
    return IoError("run history: " + what + ": " + sqlite3_errmsg(db));
  }

  Status Execute(Statement& statement, const std::string& what) {
    if (!statement.ok() || statement.Step() != SQLITE_DONE) return Error(what);
    return Status();
  }
};

RunHistory::RunHistory(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
RunHistory::~RunHistory() = default;

Result<std::unique_ptr<RunHistory>> RunHistory::Open(const std::filesystem::path& path) {
  auto impl = std::make_unique<Impl>();
  if (sqlite3_open_v2(path.c_str(), &impl->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                      nullptr) != SQLITE_OK) {
    return IoError(path.string() + ": cannot open the run history: " +
                   (impl->db ? sqlite3_errmsg(impl->db) : "out of memory"));
  }
  sqlite3_busy_timeout(impl->db, kBusyTimeoutMs);
  char* message = nullptr;
  const std::string setup = std::string("PRAGMA journal_mode = WAL; ") + kSchema;
  if (sqlite3_exec(impl->db, setup.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
    const std::string text = message ? message : "unknown error";
    sqlite3_free(message);
    return IoError(path.string() + ": cannot create the run history: " + text);
  }
  return std::unique_ptr<RunHistory>(new RunHistory(std::move(impl)));
}

Result<std::int64_t> RunHistory::CreateRun(const std::string& source, const std::string& label,
                                           const std::vector<std::string>& inputs,
                                           const std::filesystem::path& runs_dir) {
  std::lock_guard lock(impl_->mutex);
  Statement insert(impl_->db,
                   "INSERT INTO runs (created, source, label, inputs, state) "
                   "VALUES (?, ?, ?, ?, 'queued')");
  insert.Bind(1, UtcTimestamp())
      .Bind(2, source)
      .Bind(3, label)
      .Bind(4, nlohmann::json(inputs).dump());
  if (Status status = impl_->Execute(insert, "cannot record a run"); !status.ok()) return status;
  const std::int64_t id = sqlite3_last_insert_rowid(impl_->db);
  Statement update(impl_->db, "UPDATE runs SET out_dir = ? WHERE id = ?");
  update.Bind(1, (runs_dir / std::to_string(id)).string()).Bind(2, id);
  if (Status status = impl_->Execute(update, "cannot record a run"); !status.ok()) return status;
  return id;
}

Status RunHistory::MarkRunning(std::int64_t id) {
  std::lock_guard lock(impl_->mutex);
  Statement update(impl_->db, "UPDATE runs SET state = 'running', started = ? WHERE id = ?");
  update.Bind(1, UtcTimestamp()).Bind(2, id);
  return impl_->Execute(update, "cannot mark run " + std::to_string(id) + " running");
}

Status RunHistory::MarkFinished(std::int64_t id, const RunCounts& counts) {
  std::lock_guard lock(impl_->mutex);
  Statement update(impl_->db,
                   "UPDATE runs SET state = 'finished', finished = ?, counts = ? WHERE id = ?");
  update.Bind(1, UtcTimestamp()).Bind(2, CountsJson(counts).dump()).Bind(3, id);
  return impl_->Execute(update, "cannot mark run " + std::to_string(id) + " finished");
}

Status RunHistory::MarkFailed(std::int64_t id, const std::string& error) {
  std::lock_guard lock(impl_->mutex);
  Statement update(impl_->db,
                   "UPDATE runs SET state = 'failed', finished = ?, error = ? WHERE id = ?");
  update.Bind(1, UtcTimestamp()).Bind(2, error).Bind(3, id);
  return impl_->Execute(update, "cannot mark run " + std::to_string(id) + " failed");
}

Result<int> RunHistory::FailUnfinished(const std::string& reason) {
  std::lock_guard lock(impl_->mutex);
  Statement update(impl_->db,
                   "UPDATE runs SET state = 'failed', finished = ?, error = ? "
                   "WHERE state IN ('queued', 'running')");
  update.Bind(1, UtcTimestamp()).Bind(2, reason);
  if (Status status = impl_->Execute(update, "cannot close unfinished runs"); !status.ok()) {
    return status;
  }
  return sqlite3_changes(impl_->db);
}

std::optional<RunRecord> RunHistory::Get(std::int64_t id) const {
  std::lock_guard lock(impl_->mutex);
  Statement select(impl_->db,
                   (std::string("SELECT ") + kColumns + " FROM runs WHERE id = ?").c_str());
  select.Bind(1, id);
  if (!select.ok() || select.Step() != SQLITE_ROW) return std::nullopt;
  return ReadRecord(select);
}

std::vector<RunRecord> RunHistory::List(int limit) const {
  std::lock_guard lock(impl_->mutex);
  Statement select(
      impl_->db,
      (std::string("SELECT ") + kColumns + " FROM runs ORDER BY id DESC LIMIT ?").c_str());
  select.Bind(1, std::int64_t{limit});
  std::vector<RunRecord> runs;
  while (select.ok() && select.Step() == SQLITE_ROW) runs.push_back(ReadRecord(select));
  return runs;
}

std::optional<RunRecord> RunHistory::PreviousFinished(std::int64_t id) const {
  std::lock_guard lock(impl_->mutex);
  Statement select(impl_->db, (std::string("SELECT ") + kColumns +
                               " FROM runs WHERE state = 'finished' AND id < ?1 AND inputs = "
                               "(SELECT inputs FROM runs WHERE id = ?1) ORDER BY id DESC LIMIT 1")
                                  .c_str());
  select.Bind(1, id);
  if (!select.ok() || select.Step() != SQLITE_ROW) return std::nullopt;
  return ReadRecord(select);
}

int RunHistory::QueuedBefore(std::int64_t id) const {
  std::lock_guard lock(impl_->mutex);
  Statement select(impl_->db, "SELECT COUNT(*) FROM runs WHERE state = 'queued' AND id < ?");
  select.Bind(1, id);
  if (!select.ok() || select.Step() != SQLITE_ROW) return 0;
  return static_cast<int>(select.Int(0));
}

}  // namespace trustscreen::serve
