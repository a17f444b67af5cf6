// `trustscreen serve`: starts the review app (trustscreen/serve/app.h), prints where it listens,
// and serves until `stop` is set (SIGINT/SIGTERM), then stops it cleanly.
#ifndef TRUSTSCREEN_CLI_SERVE_COMMAND_H_
#define TRUSTSCREEN_CLI_SERVE_COMMAND_H_

#include <CLI/CLI.hpp>
#include <atomic>
#include <cstdint>
#include <filesystem>
#include <ostream>
#include <string>
#include <vector>

#include "trustscreen/serve/app.h"

namespace trustscreen::cli {

// The serve subcommand's flags, as given.
struct ServeFlags {
  std::string bind = "127.0.0.1";
  int port = 8080;
  std::string data_dir = "trustscreen-data";
  std::vector<std::string> rule_paths;
  std::string waivers;
  std::string token;
  std::uint64_t max_upload_mib = 256;
  std::uint64_t max_file_mib = 256;
  int threads = 0;
  bool in_process = false;
};

// Adds `serve` and its flags to `app`, parsed into `flags`.
CLI::App* AddServeCommand(CLI::App& app, ServeFlags& flags);

// The options the flags ask for; `default_rules` when no --rules was given. The caller sets the
// worker executable.
serve::ServeOptions ServeOptionsFrom(const ServeFlags& flags,
                                     const std::filesystem::path& default_rules);

// Prints "trustscreen serve: listening on http://HOST:PORT/" (and, when a token is required, the
// address with it) on `out` once the port is bound. Exit 0 after a clean stop; 3 when the app
// cannot start (bad options, the port in use, the data directory not writable).
int RunServe(serve::ServeOptions options, const std::atomic<bool>& stop, std::ostream& out,
             std::ostream& err);

}  // namespace trustscreen::cli

#endif  // TRUSTSCREEN_CLI_SERVE_COMMAND_H_
