// trustscreen command line: flags -> ScanOptions, logging, exit codes. Nothing else.
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "trustscreen/pipeline/commands.h"
#include "trustscreen/pipeline/scan.h"

namespace {

constexpr int kExitUsage = 3;

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

void SetUpLogging(int verbosity, bool quiet) {
  auto logger = spdlog::stderr_color_mt("trustscreen");
  logger->set_pattern("trustscreen: %^%l%$: %v");
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

std::filesystem::path DefaultRulesDirectory() {
  if (std::filesystem::is_directory("rules")) return "rules";
  return TRUSTSCREEN_SHIPPED_RULES_DIR;
}

}  // namespace

int main(int argc, char** argv) {
  using trustscreen::Severity;
  namespace pipeline = trustscreen::pipeline;

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
  scan->add_option("--cache", options.cache_path,
                   "SQLite cache of extracted texts and results: unchanged files are not "
                   "extracted again (created when missing)");
  scan->add_flag("-v,--verbose", verbosity, "more log output on stderr (-vv for debug)");
  scan->add_flag("-q,--quiet", quiet, "only errors on stderr");
  scan->footer(kExitCodeHelp);

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

  // trustscreen lists import --format csl FILE --out FILE [--source NAME]
  CLI::App* lists_command = app.add_subcommand("lists", "partner (entity) lists");
  lists_command->require_subcommand(1);
  pipeline::ListImportOptions import_options;
  CLI::App* lists_import = lists_command->add_subcommand(
      "import", "convert a screening list (US Consolidated Screening List CSV) to an entity list");
  lists_import->add_option("input", import_options.input, "the list to import")->required();
  lists_import->add_option("--format", import_options.format, "input format")
      ->capture_default_str();
  lists_import->add_option("--source", import_options.source,
                           "keep only rows whose CSL `source` column is this list");
  lists_import->add_option("--out", import_options.output, "entity-list CSV to write")->required();

  // trustscreen cache stats|prune --cache PATH [--keep-rules SHA]
  CLI::App* cache_command = app.add_subcommand("cache", "inspect and prune a scan --cache file");
  cache_command->require_subcommand(1);
  std::string cache_path;
  std::string keep_rules;
  CLI::App* cache_stats =
      cache_command->add_subcommand("stats", "documents, results, rule sets, size on disk");
  CLI::App* cache_prune = cache_command->add_subcommand(
      "prune", "drop results of other rule sets and texts of other extractor versions; vacuum");
  for (CLI::App* command : {cache_stats, cache_prune}) {
    command->add_option("--cache", cache_path, "the cache file")->required();
  }
  cache_prune->add_option("--keep-rules", keep_rules,
                          "rule-set SHA-256 whose results are kept (default: the last stored)");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    const int code = app.exit(error);
    return code == 0 ? 0 : kExitUsage;
  }

  SetUpLogging(verbosity, quiet);

  if (rules_command->parsed()) {
    std::vector<std::filesystem::path> paths(rule_check_paths.begin(), rule_check_paths.end());
    if (paths.empty()) paths.push_back(DefaultRulesDirectory());
    if (rules_test->parsed()) return pipeline::RunRulesTest(paths, std::cout);
    if (rules_lint->parsed()) return pipeline::RunRulesLint(paths, std::cout);
    return pipeline::RunRulesList(paths, std::cout);
  }
  if (lists_command->parsed()) return pipeline::RunListsImport(import_options, std::cout);
  if (cache_command->parsed()) {
    if (cache_stats->parsed()) return pipeline::RunCacheStats(cache_path, std::cout);
    return pipeline::RunCachePrune(cache_path, keep_rules, std::cout);
  }

  if (!files_from.empty()) {
    std::vector<std::string> listed;
    if (files_from == "-") {
      listed = pipeline::ReadPathList(std::cin);
    } else {
      std::ifstream list(files_from);
      if (!list) {
        std::cerr << "trustscreen: " << files_from << ": cannot read --files-from list\n";
        return kExitUsage;
      }
      listed = pipeline::ReadPathList(list);
    }
    options.inputs.insert(options.inputs.end(), listed.begin(), listed.end());
  }
  if (options.inputs.empty()) {
    std::cerr << "trustscreen scan: no input paths (give PATH... or --files-from)\n";
    return kExitUsage;
  }

  if (!passwords_file.empty()) {
    std::ifstream list(passwords_file);
    if (!list) {
      std::cerr << "trustscreen: " << passwords_file << ": cannot read --passwords-file\n";
      return kExitUsage;
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

  trustscreen::Result<pipeline::ScanOutcome> outcome = pipeline::RunScan(options);
  if (!outcome.ok()) {
    std::cerr << "trustscreen: " << outcome.status().message() << "\n";
    return kExitUsage;
  }
  trustscreen::report::PrintTerminalSummary(std::cout, outcome->summary);
  std::cout << "Reports: " << outcome->jsonl_path.string() << ", " << outcome->csv_path.string()
            << ", " << outcome->sarif_path.string() << ", " << outcome->html_path.string() << "\n";
  if (outcome->cache_used) {
    std::cout << "Cache: " << outcome->cache.results << " document(s) reused, "
              << outcome->cache.text << " re-matched from cached text, " << outcome->cache.miss
              << " extracted\n";
  }
  return outcome->summary.ExitCode();
}
