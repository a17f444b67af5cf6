#include "serve_command.h"

#include <chrono>
#include <thread>

#include "trustscreen/core/exit_codes.h"

namespace trustscreen::cli {

CLI::App* AddServeCommand(CLI::App& app, ServeFlags& flags) {
  CLI::App* command = app.add_subcommand(
      "serve",
      "the review app: a local web page to screen documents, record review decisions in the "
      "waivers file, re-screen and download reports");
  command
      ->add_option("--bind", flags.bind,
                   "address to listen on; any but loopback requires an access token")
      ->capture_default_str();
  command->add_option("--port", flags.port, "port (0: any free port)")
      ->check(CLI::Range(0, 65535))
      ->capture_default_str();
  command
      ->add_option("--data", flags.data_dir,
                   "data directory: run history, uploads, each run's reports, cache")
      ->capture_default_str();
  command->add_option("--rules", flags.rule_paths,
                      "rule directory or file (repeatable; default: ./rules or the shipped rules)");
  command->add_option("--waivers", flags.waivers,
                      "the waivers file decisions are written to and scans read (default: "
                      "DATA/waivers.yaml)");
  command->add_option("--token", flags.token,
                      "access token every request must carry (default: none on loopback, "
                      "generated on any other address)");
  command->add_option("--max-upload-mib", flags.max_upload_mib, "largest upload (all its files)")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  command->add_option("--max-file-mib", flags.max_file_mib, "largest uploaded file")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  command->add_option("--threads", flags.threads, "scan threads (0 = all cores)")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  command->add_flag("--in-process", flags.in_process,
                    "extract in the server process instead of isolated workers (debugging)");
  command->footer(
      "Exit codes:\n"
      "  0  stopped by Ctrl-C or SIGTERM\n"
      "  3  cannot start: bad flag or token, a data directory it cannot create, or an address it "
      "cannot listen on\n");
  return command;
}

serve::ServeOptions ServeOptionsFrom(const ServeFlags& flags,
                                     const std::filesystem::path& default_rules) {
  serve::ServeOptions options;
  options.bind = flags.bind;
  options.port = flags.port;
  options.data_dir = flags.data_dir;
  for (const std::string& path : flags.rule_paths) options.rule_paths.emplace_back(path);
  if (options.rule_paths.empty()) options.rule_paths.push_back(default_rules);
  options.waivers_path = flags.waivers;
  options.token = flags.token;
  options.max_upload_bytes = flags.max_upload_mib << 20;
  options.max_file_bytes = flags.max_file_mib << 20;
  options.threads = flags.threads;
  return options;
}

int RunServe(serve::ServeOptions options, const std::atomic<bool>& stop, std::ostream& out,
             std::ostream& err) {
  Result<std::unique_ptr<serve::ReviewApp>> app = serve::ReviewApp::Start(std::move(options));
  if (!app.ok()) {
    err << "trustscreen " << app.status().message() << "\n";
    return kExitError;
  }
  out << "trustscreen serve: listening on " << (*app)->url() << "\n";
  if (!(*app)->token().empty()) {
    out << "trustscreen serve: an access token is required; open " << (*app)->url_with_token()
        << "\n";
  }
  out << "trustscreen serve: Ctrl-C stops the server" << std::endl;
  while (!stop.load()) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  (*app)->Stop();
  out << "trustscreen serve: stopped" << std::endl;
  return 0;
}

}  // namespace trustscreen::cli
