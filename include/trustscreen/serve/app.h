// trustscreen serve: a local web application for reviewers who do not use a terminal. They screen
// documents (uploaded, or a folder on this machine) through the batch pipeline (pipeline::RunScan),
// read each run as the verdict-first report.html with a review form on every finding, record
// decisions (cleared with a reason, by a named reviewer) into the same waivers file that
// `trustscreen scan --waivers` reads, re-screen, and look back at past runs: the changes since the
// previous run over the same documents, and every report format for download.
//
// Where it sits: above `pipeline` and `review`, beside the CLI commands; the CLI's `serve`
// subcommand turns flags into ServeOptions and calls ReviewApp::Start. The HTTP server
// (cpp-httplib), the run history (SQLite) and the pages are private to src/serve/.
//
// Security: binds 127.0.0.1 unless told otherwise; any other address needs an access token (given,
// or generated), which every request must then carry (?token= once, kept in an HttpOnly
// SameSite=Strict cookie; or Authorization: Bearer). Host headers are checked against the bound
// address (DNS rebinding). POSTs need the session's CSRF token and a same-origin Origin /
// Sec-Fetch-Site. Uploads are size-limited and stored under DATA/uploads/ with generated names;
// downloads are chosen by run id and format name, never by a path. Every page has a strict
// Content-Security-Policy and escapes every document-derived string.
//
// Data directory: history.sqlite (runs), uploads/, runs/<id>/ (each run's reports), cache.sqlite
// (the scan cache), waivers.yaml (the default waivers file).
//
// Thread-safety: Start, Stop and the accessors may be called from any thread.
#ifndef TRUSTSCREEN_SERVE_APP_H_
#define TRUSTSCREEN_SERVE_APP_H_

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "trustscreen/core/status.h"
#include "trustscreen/pipeline/isolation.h"

namespace trustscreen::serve {

struct ServeOptions {
  std::string bind = "127.0.0.1";
  int port = 8080;  // 0: any free port (ReviewApp::port() says which)
  std::filesystem::path data_dir = "trustscreen-data";
  std::vector<std::filesystem::path> rule_paths;  // must not be empty
  std::filesystem::path waivers_path;             // empty: data_dir/waivers.yaml
  // Required from every request when not empty (at least 16 letters, digits or - _ . ~). Empty on
  // a non-loopback bind: one is generated.
  std::string token;
  std::uint64_t max_upload_bytes = 256ull << 20;  // per upload (all its files)
  std::uint64_t max_file_bytes = 256ull << 20;    // per uploaded file
  // Extraction workers for the scans (isolation.h); no worker_executable: in this process.
  pipeline::IsolationOptions isolation;
  int threads = 0;  // scan threads; 0: all cores
};

class ReviewApp {
 public:
  // Creates the data directory, opens the history (runs a previous server left unfinished are
  // marked failed), binds and starts serving on a background thread. kInvalidArgument for bad
  // options (no rules, a port out of range, a token too short or with other characters), kIoError
  // when the data directory or history cannot be made or the address cannot be bound.
  static Result<std::unique_ptr<ReviewApp>> Start(ServeOptions options);
  // Stop().
  ~ReviewApp();
  ReviewApp(const ReviewApp&) = delete;
  ReviewApp& operator=(const ReviewApp&) = delete;

  // Stops accepting requests, stops a running scan (its reports are written, marked incomplete)
  // and waits for the threads. Idempotent.
  void Stop();

  int port() const;
  // "http://HOST:PORT/" (IPv6 hosts in brackets).
  std::string url() const;
  // The access token requests need; empty when none is required.
  const std::string& token() const;
  // url() with "?token=…" when a token is required, else url().
  std::string url_with_token() const;

 private:
  struct Impl;
  explicit ReviewApp(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace trustscreen::serve

#endif  // TRUSTSCREEN_SERVE_APP_H_
