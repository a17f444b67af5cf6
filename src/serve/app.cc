#include "trustscreen/serve/app.h"

#include <httplib.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstring>
#include <fstream>
#include <optional>
#include <system_error>
#include <thread>
#include <utility>

#include "access.h"
#include "decisions.h"
#include "pages.h"
#include "responses.h"
#include "run_history.h"
#include "scan_queue.h"
#include "security.h"
#include "trustscreen/report/report.h"
#include "trustscreen/review/diff.h"
#include "upload_store.h"

namespace trustscreen::serve {
namespace {

using httplib::Request;
using httplib::Response;

constexpr std::size_t kTokenBytes = 24;
constexpr std::size_t kMinTokenLength = 16;
constexpr int kRunsListed = 500;
constexpr int kRunsOnHome = 20;
constexpr std::size_t kMaxLabelBytes = 300;
// Room for the form fields and multipart headers around the files of an upload.
constexpr std::size_t kFormOverheadBytes = 1 << 20;
constexpr char kUnfinishedReason[] = "the server stopped before the run finished";

std::optional<std::int64_t> ParseId(const std::string& text) {
  std::int64_t id = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (error != std::errc() || end != text.data() + text.size() || id <= 0) return std::nullopt;
  return id;
}

// What the user screened, for display: the uploaded files' names.
std::string UploadLabel(const std::vector<UploadedFile>& files) {
  std::string label;
  std::size_t shown = 0;
  for (const UploadedFile& file : files) {
    if (label.size() > kMaxLabelBytes) break;
    if (!label.empty()) label += ", ";
    label += file.original_name;
    ++shown;
  }
  if (shown < files.size()) label += " and " + std::to_string(files.size() - shown) + " more";
  return label;
}

// An access token must be safe in a cookie and a URL, and not guessable by trying.
bool IsUsableToken(std::string_view token) {
  if (token.size() < kMinTokenLength) return false;
  for (char c : token) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != '.' &&
        c != '~') {
      return false;
    }
  }
  return true;
}

}  // namespace

struct ReviewApp::Impl {
  ServeOptions options;
  std::filesystem::path data_dir;
  std::filesystem::path runs_dir;
  std::unique_ptr<AccessGuard> access;
  std::unique_ptr<RunHistory> history;
  std::unique_ptr<UploadStore> uploads;
  std::unique_ptr<DecisionLog> decisions;
  std::unique_ptr<ScanQueue> queue;
  httplib::Server server;
  std::thread listener;
  int port = 0;
  std::mutex stop_mutex;
  bool stopped = false;

  // --- pages ---------------------------------------------------------------------------------

  void Home(const Request& req, Response& res, int status = 200, std::string_view error = {}) {
    SendHtml(
        res, status,
        HomePage(history->List(kRunsOnHome), access->Form(req, res), uploads->limits(), error));
  }

  std::optional<RunRecord> RunOf(const Request& req, Response& res) const {
    const std::optional<std::int64_t> id = ParseId(req.matches[1]);
    std::optional<RunRecord> run = id ? history->Get(*id) : std::nullopt;
    if (!run) SendMessage(res, 404, "No such run", "There is no run with that number.");
    return run;
  }

  void RunPage(const Request& req, Response& res) {
    const std::optional<RunRecord> run = RunOf(req, res);
    if (!run) return;
    const FormContext form = access->Form(req, res);
    if (run->state == RunState::kQueued || run->state == RunState::kRunning) {
      SendHtml(res, 200, PendingRunPage(*run, history->QueuedBefore(run->id)));
      return;
    }
    if (run->state == RunState::kFailed) {
      SendHtml(res, 200, FailedRunPage(*run, form));
      return;
    }
    Result<report::ParsedReport> report =
        report::ReadFinishedReport(run->out_dir / "findings.jsonl");
    if (!report.ok()) {
      SendMessage(res, 500, "Report unreadable", report.status().message());
      return;
    }
    Result<std::string> page =
        RenderRunPage(*run, *report, form, decisions->ByFingerprint(), decisions->path().string(),
                      NoticeText(req.get_param_value("notice")));
    if (!page.ok()) {
      SendMessage(res, 500, "Report unreadable", page.status().message());
      return;
    }
    SendHtml(res, 200, *page);
  }

  void DiffPage(const Request& req, Response& res) {
    const std::optional<RunRecord> run = RunOf(req, res);
    if (!run) return;
    const std::optional<RunRecord> previous =
        run->state == RunState::kFinished ? history->PreviousFinished(run->id) : std::nullopt;
    if (!previous) {
      SendMessage(res, 404, "No earlier run",
                  "No earlier finished run screened the same documents.");
      return;
    }
    Result<review::LoadedReport> old_report =
        review::ReadJsonlReport(previous->out_dir / "findings.jsonl");
    Result<review::LoadedReport> new_report =
        review::ReadJsonlReport(run->out_dir / "findings.jsonl");
    if (!old_report.ok() || !new_report.ok()) {
      SendMessage(res, 500, "Report unreadable",
                  (old_report.ok() ? new_report.status() : old_report.status()).message());
      return;
    }
    const review::ReportDiff diff = review::DiffReports(*old_report, *new_report);
    SendHtml(res, 200, serve::DiffPage(*run, *previous, *old_report, diff));
  }

  void Download(const Request& req, Response& res) {
    const std::optional<RunRecord> run = RunOf(req, res);
    if (!run) return;
    const std::string name = req.matches[2];
    const ReportFormat* format = nullptr;
    for (const ReportFormat& candidate : ReportFormats()) {
      if (candidate.name == name) format = &candidate;
    }
    if (format == nullptr || run->state != RunState::kFinished) {
      SendMessage(res, 404, "No such report", "This run has no report of that name.");
      return;
    }
    const std::filesystem::path path = run->out_dir / std::string(format->file);
    auto file = std::make_shared<std::ifstream>(path, std::ios::binary);
    std::error_code error;
    const std::uintmax_t size = std::filesystem::file_size(path, error);
    if (!*file || error) {
      SendMessage(res, 404, "No such report", "This run's report of that name is missing.");
      return;
    }
    res.status = 200;
    res.set_header("Content-Disposition", "attachment; filename=\"trustscreen-run-" +
                                              std::to_string(run->id) + "-" +
                                              std::string(format->file) + "\"");
    res.set_header("Content-Security-Policy", "default-src 'none'; sandbox");
    res.set_content_provider(
        static_cast<std::size_t>(size), std::string(format->media_type),
        [file](std::size_t offset, std::size_t length, httplib::DataSink& sink) {
          char buffer[1 << 16];
          file->seekg(static_cast<std::streamoff>(offset));
          const std::size_t want = std::min(length, sizeof buffer);
          file->read(buffer, static_cast<std::streamsize>(want));
          const std::streamsize got = file->gcount();
          if (got <= 0) return false;
          return sink.write(buffer, static_cast<std::size_t>(got));
        });
  }

  // --- actions -------------------------------------------------------------------------------

  void StartRun(Response& res, const std::string& source, const std::string& label,
                const std::vector<std::string>& inputs) {
    Result<std::int64_t> id = history->CreateRun(source, label, inputs, runs_dir);
    if (!id.ok()) {
      SendMessage(res, 500, "Cannot start the run", id.status().message());
      return;
    }
    queue->Enqueue(*id);
    Redirect(res, "/runs/" + std::to_string(*id));
  }

  void UploadAction(const Request& req, Response& res, const httplib::ContentReader& reader) {
    if (!req.is_multipart_form_data()) {
      reader([](const char*, std::size_t) { return true; });  // dropped; the connection goes on
      Home(req, res, 400, "The upload was not sent as a form with files.");
      return;
    }
    // Refused requests are still read to the end (and dropped), so the connection stays usable.
    const bool allowed = access->MaySubmit(req);
    std::optional<Upload> upload;
    Status failure;
    if (allowed) {
      Result<Upload> begun = uploads->Begin();
      if (begun.ok()) {
        upload.emplace(std::move(begun).value());
      } else {
        failure = begun.status();
      }
    }
    std::string field;
    bool in_file = false;
    std::string csrf;
    const bool received = reader(
        [&](const httplib::MultipartFormData& part) {
          field = part.name;
          in_file = false;
          if (upload && failure.ok() && part.name == "files" && !part.filename.empty()) {
            failure = upload->BeginFile(part.filename);
            in_file = failure.ok();
          }
          return true;
        },
        [&](const char* data, std::size_t length) {
          if (!upload || !failure.ok()) return true;
          if (in_file) {
            failure = upload->Write({data, length});
          } else if (field == "csrf" && csrf.size() + length <= 256) {
            csrf.append(data, length);
          }
          return true;
        });
    if (!received || (upload && upload->too_large())) {
      const bool too_large = res.status == 413 || (upload && upload->too_large());
      const std::string limits =
          "At most " + std::to_string(uploads->limits().max_file_bytes >> 20) +
          " MiB per file and " + std::to_string(uploads->limits().max_total_bytes >> 20) +
          " MiB per upload.";
      Home(req, res, too_large ? 413 : 400,
           too_large ? "The upload is too large. " + limits : "The upload did not arrive whole.");
      return;
    }
    if (!access->FromOurPage(req, res, csrf)) return;
    if (!failure.ok()) {
      Home(req, res, 400, failure.message());
      return;
    }
    Result<std::filesystem::path> directory = upload->Commit();
    if (!directory.ok()) {
      Home(req, res, 400, directory.status().message());
      return;
    }
    StartRun(res, "upload", UploadLabel(upload->files()), {directory->string()});
  }

  void FolderAction(const Request& req, Response& res) {
    if (!access->FromOurPage(req, res, req.get_param_value("csrf"))) return;
    std::string folder = req.get_param_value("folder");
    while (!folder.empty() && folder.back() == ' ') folder.pop_back();
    while (!folder.empty() && folder.front() == ' ') folder.erase(0, 1);
    const std::filesystem::path path(folder);
    std::error_code error;
    const std::filesystem::path canonical =
        path.is_absolute() ? std::filesystem::canonical(path, error) : std::filesystem::path();
    if (!path.is_absolute() || error || !std::filesystem::is_directory(canonical, error)) {
      Home(req, res, 400,
           "'" + folder +
               "' is not a folder on this machine (give its full path, e.g. "
               "/srv/agreements).");
      return;
    }
    StartRun(res, "folder", canonical.string(), {canonical.string()});
  }

  void ReviewAction(const Request& req, Response& res) {
    if (!access->FromOurPage(req, res, req.get_param_value("csrf"))) return;
    const std::optional<RunRecord> run = RunOf(req, res);
    if (!run) return;
    if (run->state != RunState::kFinished) {
      SendMessage(res, 409, "Run not finished", "Decisions are recorded on finished runs.");
      return;
    }
    DecisionRequest request;
    request.fingerprint = req.get_param_value("fingerprint");
    const std::optional<ReviewDecision> decision =
        ParseReviewDecision(req.get_param_value("decision"));
    if (!decision) {
      SendMessage(res, 400, "Decision not recorded", "Choose cleared, escalated or a note.");
      return;
    }
    request.decision = *decision;
    request.reviewer = req.get_param_value("reviewer");
    request.reason = req.get_param_value("reason");
    Result<review::Waiver> recorded = decisions->Record(run->out_dir / "findings.jsonl", request);
    if (!recorded.ok()) {
      SendMessage(res, 400, "Decision not recorded", recorded.status().message());
      return;
    }
    access->RememberReviewer(res, recorded->reviewer);
    Redirect(res, "/runs/" + std::to_string(run->id) + "?notice=recorded");
  }

  void RescreenAction(const Request& req, Response& res) {
    if (!access->FromOurPage(req, res, req.get_param_value("csrf"))) return;
    const std::optional<RunRecord> run = RunOf(req, res);
    if (!run) return;
    StartRun(res, run->source, run->label, run->inputs);
  }

  void Route() {
    server.set_default_headers({{"X-Content-Type-Options", "nosniff"},
                                {"X-Frame-Options", "DENY"},
                                {"Referrer-Policy", "same-origin"},
                                {"Cache-Control", "no-store"},
                                {"Cross-Origin-Opener-Policy", "same-origin"},
                                {"Cross-Origin-Resource-Policy", "same-origin"}});
    server.set_payload_max_length(
        static_cast<std::size_t>(options.max_upload_bytes + kFormOverheadBytes));
    server.set_pre_routing_handler([this](const Request& req, Response& res) {
      return access->Admit(req, res) ? httplib::Server::HandlerResponse::Unhandled
                                     : httplib::Server::HandlerResponse::Handled;
    });
    // Every answer of 400 or more without a page of its own gets one.
    httplib::Server::HandlerWithResponse error_page = [](const Request&, Response& res) {
      if (!res.body.empty() || res.has_header("Location")) {
        return httplib::Server::HandlerResponse::Unhandled;
      }
      const bool missing = res.status == 404;
      SendMessage(res, res.status, missing ? "Not found" : "Request refused",
                  missing ? "There is nothing at this address." : "The request was refused.");
      return httplib::Server::HandlerResponse::Handled;
    };
    server.set_error_handler(std::move(error_page));
    server.set_exception_handler([](const Request&, Response& res, std::exception_ptr) {
      SendMessage(res, 500, "Internal error", "The request failed; see the server's log.");
    });
    server.Get("/", [this](const Request& req, Response& res) { Home(req, res); });
    server.Get("/history", [this](const Request&, Response& res) {
      SendHtml(res, 200, HistoryPage(history->List(kRunsListed)));
    });
    server.Get(R"(/runs/(\d+))", [this](const Request& req, Response& res) { RunPage(req, res); });
    server.Get(R"(/runs/(\d+)/diff)",
               [this](const Request& req, Response& res) { DiffPage(req, res); });
    server.Get(R"(/runs/(\d+)/download/([a-z]+))",
               [this](const Request& req, Response& res) { Download(req, res); });
    server.Post("/scan/upload",
                [this](const Request& req, Response& res, const httplib::ContentReader& reader) {
                  UploadAction(req, res, reader);
                });
    server.Post("/scan/folder",
                [this](const Request& req, Response& res) { FolderAction(req, res); });
    server.Post(R"(/runs/(\d+)/review)",
                [this](const Request& req, Response& res) { ReviewAction(req, res); });
    server.Post(R"(/runs/(\d+)/rescreen)",
                [this](const Request& req, Response& res) { RescreenAction(req, res); });
  }
};

ReviewApp::ReviewApp(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

ReviewApp::~ReviewApp() { Stop(); }

Result<std::unique_ptr<ReviewApp>> ReviewApp::Start(ServeOptions options) {
  if (options.rule_paths.empty()) return InvalidArgument("serve: no rules given");
  if (options.port < 0 || options.port > 65535) {
    return InvalidArgument("serve: --port must be 0..65535");
  }
  if (options.max_upload_bytes == 0 || options.max_file_bytes == 0) {
    return InvalidArgument("serve: upload limits must be positive");
  }
  if (options.token.empty() && !IsLoopbackHost(options.bind)) {
    options.token = RandomHex(kTokenBytes);
  }
  if (!options.token.empty() && !IsUsableToken(options.token)) {
    return InvalidArgument("serve: --token must be at least " + std::to_string(kMinTokenLength) +
                           " letters, digits or - _ . ~");
  }
  auto impl = std::make_unique<Impl>();
  std::error_code error;
  impl->data_dir = std::filesystem::absolute(options.data_dir, error);
  impl->runs_dir = impl->data_dir / "runs";
  for (const std::filesystem::path& dir : {impl->runs_dir, impl->data_dir / "uploads"}) {
    std::filesystem::create_directories(dir, error);
    if (error) return IoError(dir.string() + ": cannot create: " + error.message());
  }
  if (options.waivers_path.empty()) options.waivers_path = impl->data_dir / "waivers.yaml";
  Result<std::unique_ptr<RunHistory>> history = RunHistory::Open(impl->data_dir / "history.sqlite");
  if (!history.ok()) return history.status();
  impl->history = std::move(history).value();
  if (Result<int> failed = impl->history->FailUnfinished(kUnfinishedReason); !failed.ok()) {
    return failed.status();
  }
  UploadLimits limits;
  limits.max_total_bytes = options.max_upload_bytes;
  limits.max_file_bytes = std::min(options.max_file_bytes, options.max_upload_bytes);
  impl->uploads = std::make_unique<UploadStore>(impl->data_dir / "uploads", limits);
  impl->decisions = std::make_unique<DecisionLog>(options.waivers_path);
  ScanSettings settings;
  settings.rule_paths = options.rule_paths;
  settings.waivers_path = options.waivers_path;
  settings.cache_path = impl->data_dir / "cache.sqlite";
  settings.isolation = options.isolation;
  settings.threads = options.threads;
  impl->access = std::make_unique<AccessGuard>(options.bind, options.token);
  impl->options = std::move(options);
  impl->Route();

  Impl& app = *impl;
  if (app.options.port == 0) {
    app.port = app.server.bind_to_any_port(app.options.bind);
  } else {
    app.port = app.server.bind_to_port(app.options.bind, app.options.port) ? app.options.port : -1;
  }
  if (app.port <= 0) {
    return IoError("serve: cannot listen on " + app.options.bind + ":" +
                   std::to_string(app.options.port) + ": " + std::strerror(errno));
  }
  app.access->set_port(app.port);
  impl->queue = std::make_unique<ScanQueue>(*impl->history, std::move(settings));
  impl->listener = std::thread([&app] { app.server.listen_after_bind(); });
  return std::unique_ptr<ReviewApp>(new ReviewApp(std::move(impl)));
}

void ReviewApp::Stop() {
  std::lock_guard lock(impl_->stop_mutex);
  if (impl_->stopped) return;
  impl_->stopped = true;
  impl_->server.stop();
  if (impl_->listener.joinable()) impl_->listener.join();
  impl_->queue->Stop();
}

int ReviewApp::port() const { return impl_->port; }

std::string ReviewApp::url() const {
  const std::string& bind = impl_->options.bind;
  const std::string host = bind.find(':') != std::string::npos ? "[" + bind + "]" : bind;
  return "http://" + host + ":" + std::to_string(impl_->port) + "/";
}

const std::string& ReviewApp::token() const { return impl_->options.token; }

std::string ReviewApp::url_with_token() const {
  return token().empty() ? url() : url() + "?token=" + token();
}

}  // namespace trustscreen::serve
