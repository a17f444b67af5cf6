// trustscreen command line: flags -> ScanOptions, logging, exit codes. Nothing else.
#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <atomic>
#include <csignal>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "commands.h"
#include "review_commands.h"
#include "run_commands.h"
#include "serve_command.h"
#include "trustscreen/core/exit_codes.h"
#include "trustscreen/core/text_escape.h"
#include "trustscreen/pipeline/isolation.h"
#include "trustscreen/pipeline/merge.h"
#include "trustscreen/pipeline/scan.h"
#include "trustscreen/pipeline/shard.h"
#include "trustscreen/pipeline/walk.h"

namespace {

using trustscreen::kExitError;

constexpr char kExitCodeHelp[] =
    "Exit codes:\n"
    "  0  every document screened, no finding at or above --fail-on\n"
    "  1  findings at or above --fail-on\n"
    "  2  at least one document not fully screened (missing, encrypted, corrupt, needs OCR, ...);\n"
    "     takes precedence over 1\n"
    "  3  usage or configuration error (bad flag, bad rule file), or the report could not be "
    "written\n";

// The command line for the report header, with password values masked: reports are shared
// and archived, passwords must not travel with them.
std::string JoinArguments(int argc, char** argv) {
  std::string line;
  bool mask_next = false;
  for (int i = 0; i < argc; ++i) {
    std::string argument = argv[i];
    if (mask_next) {
      argument = "***";
      mask_next = false;
    } else if (argument == "--password") {
      mask_next = true;
    } else if (argument.rfind("--password=", 0) == 0) {
      argument = "--password=***";
    }
    if (i > 0) line += ' ';
    line += argument;
  }
  return line;
}

// %*: the message with control characters escaped (TerminalSafe): a file name in a message
// cannot move the cursor or forge a line of its own.
class TerminalSafeMessage : public spdlog::custom_flag_formatter {
 public:
  void format(const spdlog::details::log_msg& message, const std::tm&,
              spdlog::memory_buf_t& out) override {
    const std::string safe =
        trustscreen::TerminalSafe({message.payload.data(), message.payload.size()});
    out.append(safe.data(), safe.data() + safe.size());
  }
  std::unique_ptr<custom_flag_formatter> clone() const override {
    return std::make_unique<TerminalSafeMessage>();
  }
};

void SetUpLogging(int verbosity, bool quiet) {
  auto logger = spdlog::stderr_color_mt("trustscreen");
  auto formatter = std::make_unique<spdlog::pattern_formatter>();
  formatter->add_flag<TerminalSafeMessage>('*').set_pattern("trustscreen: %^%l%$: %*");
  logger->set_formatter(std::move(formatter));
  spdlog::set_default_logger(logger);
  if (quiet) {
    spdlog::set_level(spdlog::level::err);
  } else if (verbosity >= 2) {
    spdlog::set_level(spdlog::level::debug);
  } else if (verbosity == 1) {
    spdlog::set_level(spdlog::level::info);
  } else {
    spdlog::set_level(spdlog::level::warn);
  }
}

// Set by the first SIGINT or SIGTERM: the scan stops taking documents, marks the rest
// not_screened and writes its reports, marked incomplete. A second signal ends the process.
std::atomic<bool> stop_requested{false};
static_assert(std::atomic<bool>::is_always_lock_free);
// What the first signal prints (set before the handlers are installed).
const char* stop_message =
    "\ntrustscreen: stopping: writing the reports of the documents screened so far "
    "(again to quit at once)\n";

extern "C" void OnStopSignal(int signal_number) {
  if (stop_requested.exchange(true)) {
    std::signal(signal_number, SIG_DFL);
    std::raise(signal_number);
    return;
  }
  [[maybe_unused]] const ssize_t written =
      ::write(STDERR_FILENO, stop_message, std::strlen(stop_message));
}

void InstallStopHandlers() {
  struct sigaction action {};
  action.sa_handler = OnStopSignal;
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
}

// This executable, to start extraction workers from.
std::filesystem::path SelfExecutable() {
  std::error_code error;
  std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", error);
  return error ? std::filesystem::path() : self;
}

std::filesystem::path DefaultRulesDirectory() {
  if (std::filesystem::is_directory("rules")) return "rules";
  return TRUSTSCREEN_SHIPPED_RULES_DIR;
}

}  // namespace

int main(int argc, char** argv) {
  using trustscreen::Severity;
  namespace pipeline = trustscreen::pipeline;
  namespace cli = trustscreen::cli;

  CLI::App app{
      "trustscreen: screens research agreements and proposals for export-control, "
      "sensitive-technology and restricted-partner risks"};
  app.set_version_flag("--version", pipeline::BuildId());
  app.footer(kExitCodeHelp);
  app.require_subcommand(1);

  pipeline::ScanOptions options;
  std::vector<std::string> rule_paths;
  std::string files_from;
  std::string passwords_file;
  std::string ocr_mode = "auto";
  std::string fail_on = "medium";
  int verbosity = 0;
  bool quiet = false;

  CLI::App* scan = app.add_subcommand("scan", "screen files and directories, write reports");
  scan->add_option("paths", options.inputs, "files and directories to screen (recursively)");
  scan->add_option("--rules", rule_paths,
                   "rule directory or file (repeatable; default: ./rules or the shipped rules)");
  scan->add_option(
          "--out", options.out_dir,
          "report directory (findings.jsonl, flagged-clauses.csv, findings.sarif, report.html)")
      ->capture_default_str();
  scan->add_option("--threads", options.threads, "worker threads (0 = all cores)")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  scan->add_option(
          "--pdf-range-pages", options.pdf_range_pages,
          "with 2+ threads, a PDF of more than twice this many pages that would otherwise "
          "end the run is read in ranges of at least this many pages on every thread at once, "
          "and a PDF's scanned pages one per thread; the text is the same as read whole (0: "
          "never)")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  scan->add_option("--fail-on", fail_on,
                   "lowest severity that makes the exit code 1 (critical, high, medium, low, info)")
      ->check(CLI::IsMember({"critical", "high", "medium", "low", "info"}))
      ->capture_default_str();
  scan->add_option("--files-from", files_from, "read more input paths, one per line ('-' = stdin)");
  scan->add_option("--exclude", options.walk.exclude,
                   "skip walked files/folders whose name or relative path matches this glob "
                   "(repeatable)");
  scan->add_flag("--hidden", options.walk.include_hidden, "also screen hidden files and folders");
  scan->add_option("--max-file-size", options.extract.max_file_bytes,
                   "files larger than this many bytes are reported too_large")
      ->capture_default_str();
  scan->add_option("--max-pages", options.extract.max_pages,
                   "read at most this many pages per document (more: partial)")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  scan->add_flag("--reproducible", options.reproducible,
                 "leave times, timings, host and command line out of the reports, so the same "
                 "inputs give byte-identical reports");
  scan->add_flag("--excel-csv", options.excel_csv,
                 "write flagged-clauses.csv with a UTF-8 byte-order mark for Excel");
  scan->add_option("--password", options.extract.passwords,
                   "password to try on encrypted PDFs (repeatable; tried in order)");
  scan->add_option("--passwords-file", passwords_file,
                   "file with one password per line, tried on encrypted PDFs");
  scan->add_option("--max-archive-depth", options.extract.max_archive_depth,
                   "ZIP archives nested deeper than this are not opened")
      ->capture_default_str();
  scan->add_option("--max-decompressed-bytes", options.extract.max_decompressed_bytes,
                   "most bytes one archive or DOCX/ODT part may expand to (zip-bomb guard)")
      ->capture_default_str();
  scan->add_option("--max-sheet-cells", options.extract.max_sheet_cells,
                   "most non-empty cells read from one spreadsheet sheet (more: partial)")
      ->capture_default_str();
  scan->add_option("--max-cells", options.extract.max_cells,
                   "most non-empty cells read from one spreadsheet file (more: partial)")
      ->capture_default_str();
  scan->add_option("--ocr", ocr_mode,
                   "OCR PDF pages with Tesseract: auto (pages without a usable text layer), "
                   "never, always (every page)")
      ->check(CLI::IsMember({"auto", "never", "always"}))
      ->capture_default_str();
  scan->add_option("--ocr-lang", options.extract.ocr_languages,
                   "Tesseract languages, joined by '+' (e.g. eng+chi_sim; each needs its "
                   "tesseract-ocr-* language data package)")
      ->check([](const std::string& value) {
        return trustscreen::extract::IsValidOcrLanguageList(value)
                   ? std::string()
                   : "'" + value + "' is not a Tesseract language list (e.g. eng+chi_sim)";
      })
      ->capture_default_str();
  scan->add_option("--ocr-page-timeout", options.extract.ocr_page_timeout_seconds,
                   "seconds to render and OCR one page; a page over it stays needs_ocr (0: no "
                   "limit)")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  scan->add_option("--waivers", options.waivers_path,
                   "waivers file (YAML): matching findings are reported as waived and do not "
                   "count toward the exit code");
  scan->add_option("--today", options.today,
                   "judge waiver expiry as of this date (YYYY-MM-DD; default: today, UTC)");
  scan->add_option("--max-list-age", options.max_list_age_days,
                   "warn when an entity list was published more than this many days ago "
                   "(negative: never)")
      ->capture_default_str();
  scan->add_option("--cache", options.cache_path,
                   "SQLite cache of extracted texts and results: unchanged files are not "
                   "extracted again (created when missing)");
  scan->add_option("--timeout", options.isolation.timeout_seconds,
                   "seconds extraction may go without progress: one PDF page (OCR included) or a "
                   "whole file of another format; also the most one document's matching, clause "
                   "placement and fingerprints may take (then: timeout)")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  std::uint64_t worker_memory_mib = options.isolation.memory_limit_bytes >> 20;
  scan->add_option("--worker-memory", worker_memory_mib,
                   "MiB of memory one extraction worker may use (then: too_large)")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  bool in_process = false;
  scan->add_flag("--in-process", in_process,
                 "extract in this process instead of isolated worker processes (no protection "
                 "against parser crashes and hangs; for debugging)");
  std::string progress = "auto";
  scan->add_option("--progress", progress,
                   "progress line on stderr: auto (when stderr is a terminal), always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();
  scan->add_flag("-v,--verbose", verbosity, "more log output on stderr (-vv for debug)");
  scan->add_flag("-q,--quiet", quiet, "only errors on stderr");
  std::string shard;
  scan->add_option("--shard", shard,
                   "screen only shard K of N (K/N, 1 <= K <= N) of the walked files, chosen "
                   "stably by path; combine the shards' reports with `trustscreen merge` "
                   "(docs/slurm.md)");
  scan->footer(kExitCodeHelp);

  // trustscreen merge SHARD.jsonl... --out DIR [--shards N] [--allow-missing] [--fail-on S]
  pipeline::MergeOptions merge_options;
  std::vector<std::string> merge_inputs;
  std::string merge_fail_on;
  CLI::App* merge_command = app.add_subcommand(
      "merge",
      "combine the findings.jsonl of the shards of one scan --shard K/N run into one "
      "report (all formats)");
  merge_command->add_option("reports", merge_inputs, "each shard's findings.jsonl")->required();
  merge_command
      ->add_option("--out", merge_options.out_dir,
                   "report directory (findings.jsonl, flagged-clauses.csv, findings.sarif, "
                   "report.html)")
      ->capture_default_str();
  merge_command
      ->add_option("--shards", merge_options.shards,
                   "the run's number of shards N (default: from the reports); shards "
                   "with no report are reported not_screened")
      ->check(CLI::PositiveNumber);
  merge_command->add_flag(
      "--allow-missing", merge_options.allow_missing,
      "a named report that does not exist or has no complete run record counts as a shard "
      "that did not finish (its files not_screened, exit 2), not an error");
  merge_command
      ->add_option("--fail-on", merge_fail_on,
                   "lowest severity that makes the exit code 1 (default: the shards')")
      ->check(CLI::IsMember({"critical", "high", "medium", "low", "info"}));
  merge_command->add_flag("--reproducible", merge_options.reproducible,
                          "leave times, timings, host and command line out of the reports");
  merge_command->add_flag("-v,--verbose", verbosity, "more log output on stderr (-vv for debug)");
  merge_command->add_flag("-q,--quiet", quiet, "only errors on stderr");
  merge_command->footer(
      "Exit codes: 0, 1 and 2 as for scan (2 also when a shard did not finish: its files are "
      "reported not_screened); 3 when the reports do not belong together or cannot be read or "
      "written.\nRun merge in the directory the shards ran in: a shard that did not finish is "
      "accounted for by walking the inputs again.\n");

  // The extraction worker (isolation.h), started by scan; not for people.
  CLI::App* worker_command =
      app.add_subcommand(trustscreen::pipeline::kWorkerSubcommand, "")->group("");

  // trustscreen rules test|lint|list [PATH...]
  CLI::App* rules_command = app.add_subcommand("rules", "check and list rule packs");
  rules_command->require_subcommand(1);
  std::vector<std::string> rule_check_paths;
  CLI::App* rules_test =
      rules_command->add_subcommand("test", "run every rule's match/no_match examples");
  CLI::App* rules_lint = rules_command->add_subcommand("lint", "warn about weak or unsafe rules");
  CLI::App* rules_list = rules_command->add_subcommand("list", "list the rules");
  for (CLI::App* command : {rules_test, rules_lint, rules_list}) {
    command->add_option("paths", rule_check_paths,
                        "rule directories or files (default: ./rules or the shipped rules)");
  }

  // trustscreen lists import --format FORMAT FILE... --out FILE [--source NAME] [--types T,...]
  CLI::App* lists_command = app.add_subcommand("lists", "partner (entity) lists");
  lists_command->require_subcommand(1);
  cli::ListImportOptions import_options;
  CLI::App* lists_import = lists_command->add_subcommand(
      "import", "convert an official screening list (csl, ofsi, ofac, un, aspi) to an entity list");
  lists_import->add_option("inputs", import_options.inputs, "the list's file(s)")->required();
  lists_import
      ->add_option("--format", import_options.format,
                   "input format: csl (US CSL CSV), ofsi (UK OFSI ConList XLSX/CSV), ofac "
                   "(sdn.csv/cons_prim.csv + alt/add/comments CSVs), un (UN XML), aspi (ASPI "
                   "tracker JSON)")
      ->capture_default_str();
  lists_import->add_option("--source", import_options.source,
                           "csl: keep only rows whose `source` column is this list");
  std::string import_types;
  lists_import->add_option("--types", import_types,
                           "keep only entries of these types, comma-separated (entity, "
                           "individual, vessel, aircraft)");
  lists_import->add_option("--published", import_options.published,
                           "the list's publication date, YYYY-MM-DD (required when the input "
                           "states none: csl, ofac)");
  lists_import->add_option("--out", import_options.output, "entity-list CSV to write")->required();
  // trustscreen lists status [RULE PATHS] [--max-list-age DAYS] [--today DATE]
  std::vector<std::string> status_paths;
  std::string status_today;
  int status_max_age = 90;
  CLI::App* lists_status = lists_command->add_subcommand(
      "status", "each entity list's publication date and age; exit 1 if one is too old");
  lists_status->add_option("paths", status_paths,
                           "rule directories or files (default: ./rules or the shipped rules)");
  lists_status->add_option("--max-list-age", status_max_age, "days before a list counts as old")
      ->capture_default_str();
  lists_status->add_option("--today", status_today, "judge ages as of this date (YYYY-MM-DD)");

  // trustscreen cache stats|prune --cache PATH [--keep-rules SHA]
  CLI::App* cache_command = app.add_subcommand("cache", "inspect and prune a scan --cache file");
  cache_command->require_subcommand(1);
  std::string cache_path;
  std::string keep_rules;
  CLI::App* cache_stats =
      cache_command->add_subcommand("stats", "documents, results, rule sets, size on disk");
  CLI::App* cache_prune = cache_command->add_subcommand(
      "prune",
      "drop results of other rule sets or builds and texts of other extractor versions; vacuum");
  for (CLI::App* command : {cache_stats, cache_prune}) {
    command->add_option("--cache", cache_path, "the cache file")->required();
  }
  cache_prune->add_option("--keep-rules", keep_rules,
                          "rule-set SHA-256 whose results are kept (default: the last stored)");

  // trustscreen waive FINDING-ID --reason … --reviewer … [--expires DATE] [--reference …]
  cli::WaiveOptions waive_options;
  CLI::App* waive_command =
      app.add_subcommand("waive", "record a reviewer's decision on a finding in the waivers file");
  waive_command
      ->add_option("finding", waive_options.finding_id,
                   "the finding's short id or fingerprint (from the report), or its id")
      ->required();
  waive_command->add_option("--reason", waive_options.reason, "why (for --decision note: the note)")
      ->required();
  waive_command
      ->add_option_function<std::string>(
          "--decision",
          [&waive_options](const std::string& name) {
            waive_options.decision = *trustscreen::ParseReviewDecision(name);  // checked below
          },
          "cleared (no action needed: the finding is waived), escalated (still open, marked for "
          "the export-control or security team) or note")
      ->check(CLI::IsMember({"cleared", "escalated", "note"}))
      ->default_str("cleared");
  waive_command->add_option("--reviewer", waive_options.reviewer, "who decided")->required();
  waive_command->add_option("--expires", waive_options.expires,
                            "last day the waiver holds (YYYY-MM-DD)");
  waive_command->add_option("--reference", waive_options.reference,
                            "licence number, rating enquiry or other reference");
  waive_command->add_option("--date", waive_options.date,
                            "date of the decision (YYYY-MM-DD; default: today, UTC)");
  waive_command->add_flag("--scope", waive_options.scope,
                          "waive the rule in this clause of this exact document (by its "
                          "SHA-256) instead of the finding's fingerprint");
  waive_command->add_option("--waivers", waive_options.waivers_path, "the waivers file")
      ->capture_default_str();
  waive_command
      ->add_option("--report", waive_options.report_path,
                   "the findings.jsonl report to look the finding up in")
      ->capture_default_str();

  // trustscreen diff OLD.jsonl NEW.jsonl [--format text|jsonl] [--html FILE] [--fail-on SEV]
  cli::DiffOptions diff_options;
  std::string diff_fail_on = "medium";
  CLI::App* diff_command = app.add_subcommand(
      "diff", "new, resolved and unchanged findings and document changes between two runs");
  diff_command->add_option("old", diff_options.old_report, "the earlier findings.jsonl")
      ->required();
  diff_command->add_option("new", diff_options.new_report, "the later findings.jsonl")->required();
  diff_command->add_option("--format", diff_options.format, "output on stdout: text or jsonl")
      ->check(CLI::IsMember({"text", "jsonl"}))
      ->capture_default_str();
  diff_command->add_option("--html", diff_options.html,
                           "also write a \"New since last run\" HTML page to this file");
  diff_command
      ->add_option("--fail-on", diff_fail_on,
                   "lowest severity of a new finding that makes the exit code 1")
      ->check(CLI::IsMember({"critical", "high", "medium", "low", "info"}))
      ->capture_default_str();
  diff_command->footer(
      "Exit codes:\n"
      "  0  no new finding at or above --fail-on (new waived findings do not count)\n"
      "  1  new findings at or above --fail-on\n"
      "  2  a document is newly not fully screened (unreadable, encrypted, ...); wins over 1\n"
      "  3  a report cannot be read, or the HTML page cannot be written\n");

  // trustscreen serve [--bind ADDR] [--port N] [--data DIR] [--rules DIR]... [--waivers FILE] ...
  cli::ServeFlags serve_flags;
  CLI::App* serve_command = cli::AddServeCommand(app, serve_flags);
  serve_command->add_flag("-v,--verbose", verbosity, "more log output on stderr (-vv for debug)");
  serve_command->add_flag("-q,--quiet", quiet, "only errors on stderr");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    const int code = app.exit(error);
    return code == 0 ? 0 : kExitError;
  }

  if (worker_command->parsed()) {
    return pipeline::RunExtractWorker(pipeline::kWorkerSocketFd);
  }
  SetUpLogging(verbosity, quiet);

  if (rules_command->parsed()) {
    std::vector<std::filesystem::path> paths(rule_check_paths.begin(), rule_check_paths.end());
    if (paths.empty()) paths.push_back(DefaultRulesDirectory());
    if (rules_test->parsed()) return cli::RunRulesTest(paths, std::cout);
    if (rules_lint->parsed()) return cli::RunRulesLint(paths, std::cout);
    return cli::RunRulesList(paths, std::cout);
  }
  if (lists_status->parsed()) {
    std::vector<std::filesystem::path> paths(status_paths.begin(), status_paths.end());
    if (paths.empty()) paths.push_back(DefaultRulesDirectory());
    return cli::RunListsStatus(paths, status_today, status_max_age, std::cout);
  }
  if (lists_command->parsed()) {
    std::stringstream types(import_types);
    for (std::string type; std::getline(types, type, ',');) {
      if (!type.empty()) import_options.types.push_back(type);
    }
    return cli::RunListsImport(import_options, std::cout);
  }
  if (waive_command->parsed()) return cli::RunWaive(waive_options, std::cout, std::cerr);
  if (diff_command->parsed()) {
    diff_options.fail_on = *trustscreen::ParseSeverity(diff_fail_on);
    return cli::RunDiff(diff_options, std::cout, std::cerr);
  }
  if (cache_command->parsed()) {
    if (cache_stats->parsed()) return cli::RunCacheStats(cache_path, std::cout);
    return cli::RunCachePrune(cache_path, keep_rules, std::cout);
  }
  if (serve_command->parsed()) {
    trustscreen::serve::ServeOptions serve_options =
        cli::ServeOptionsFrom(serve_flags, std::filesystem::absolute(DefaultRulesDirectory()));
    if (!serve_flags.in_process) serve_options.isolation.worker_executable = SelfExecutable();
    stop_message = "\ntrustscreen serve: stopping (again to quit at once)\n";
    InstallStopHandlers();
    return cli::RunServe(std::move(serve_options), stop_requested, std::cout, std::cerr);
  }
  if (merge_command->parsed()) {
    for (const std::string& path : merge_inputs) merge_options.shard_reports.emplace_back(path);
    if (!merge_fail_on.empty()) merge_options.fail_on = trustscreen::ParseSeverity(merge_fail_on);
    return cli::RunMerge(merge_options, std::cout, std::cerr);
  }

  if (!files_from.empty()) {
    std::vector<std::string> listed;
    if (files_from == "-") {
      listed = pipeline::ReadPathList(std::cin);
    } else {
      std::ifstream list(files_from);
      if (!list) {
        std::cerr << "trustscreen: " << files_from << ": cannot read --files-from list\n";
        return kExitError;
      }
      listed = pipeline::ReadPathList(list);
    }
    options.inputs.insert(options.inputs.end(), listed.begin(), listed.end());
  }
  if (options.inputs.empty()) {
    std::cerr << "trustscreen scan: no input paths (give PATH... or --files-from)\n";
    return kExitError;
  }

  options.extract.ocr =
      trustscreen::extract::ParseOcrMode(ocr_mode).value_or(trustscreen::extract::OcrMode::kAuto);

  if (!passwords_file.empty()) {
    std::ifstream list(passwords_file);
    if (!list) {
      std::cerr << "trustscreen: " << passwords_file << ": cannot read --passwords-file\n";
      return kExitError;
    }
    std::string password;
    while (std::getline(list, password)) {
      if (!password.empty() && password.back() == '\r') password.pop_back();
      if (!password.empty()) options.extract.passwords.push_back(password);
    }
  }

  for (const std::string& path : rule_paths) options.rule_paths.emplace_back(path);
  if (options.rule_paths.empty()) options.rule_paths.push_back(DefaultRulesDirectory());
  options.fail_on = *trustscreen::ParseSeverity(fail_on);
  options.command_line = JoinArguments(argc, argv);
  if (!shard.empty()) {
    trustscreen::Result<pipeline::ShardSpec> parsed = pipeline::ParseShardSpec(shard);
    if (!parsed.ok()) {
      std::cerr << "trustscreen scan: --shard: " << parsed.status().message() << "\n";
      return kExitError;
    }
    options.shard = *parsed;
  }
  options.isolation.memory_limit_bytes = worker_memory_mib << 20;
  if (!in_process) {
    options.isolation.worker_executable = SelfExecutable();
    if (options.isolation.worker_executable.empty()) {
      spdlog::warn("cannot find this executable to start workers: extracting in-process");
    }
  }
  options.progress = progress == "always"  ? pipeline::ScanOptions::Progress::kAlways
                     : progress == "never" ? pipeline::ScanOptions::Progress::kNever
                                           : pipeline::ScanOptions::Progress::kAuto;
  InstallStopHandlers();
  options.stop = &stop_requested;

  return cli::RunScan(options, std::cout, std::cerr);
}
