// Runs the trustscreen binary as a user would and reads its JSONL report back.
#ifndef TRUSTSCREEN_TESTS_E2E_RUN_CLI_H_
#define TRUSTSCREEN_TESTS_E2E_RUN_CLI_H_

#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

namespace trustscreen::testing {

struct CliRun {
  int exit_code = -1;
  std::string output;  // stdout and stderr together
};

// Runs `trustscreen ARGS` through the shell (arguments must already be quoted). With a working
// directory `dir`, the command runs there, so relative paths in ARGS (and in the reports) are
// relative to `dir`.
inline CliRun RunTrustscreen(const std::string& args, const std::filesystem::path& dir = {}) {
  CliRun run;
  std::string command = std::string("'") + TRUSTSCREEN_BINARY + "' " + args + " 2>&1";
  if (!dir.empty()) command = "cd '" + dir.string() + "' && " + command;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) return run;
  char buffer[4096];
  std::size_t count;
  while ((count = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) run.output.append(buffer, count);
  const int status = ::pclose(pipe);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

inline std::string Quote(const std::filesystem::path& path) { return "'" + path.string() + "'"; }

// The whole file, bytes as they are ("" if it cannot be read).
inline std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream file(path, std::ios::binary);
  std::stringstream contents;
  contents << file.rdbuf();
  return contents.str();
}

struct JsonlReport {
  nlohmann::json run;
  std::vector<nlohmann::json> documents;
  std::vector<nlohmann::json> findings;
  nlohmann::json summary;

  const nlohmann::json* Document(const std::string& filename) const {
    for (const auto& document : documents) {
      if (std::filesystem::path(document["path"].get<std::string>()).filename() == filename) {
        return &document;
      }
    }
    return nullptr;
  }
  std::vector<nlohmann::json> FindingsIn(const std::string& filename) const {
    std::vector<nlohmann::json> found;
    for (const auto& finding : findings) {
      if (std::filesystem::path(finding["document"].get<std::string>()).filename() == filename) {
        found.push_back(finding);
      }
    }
    return found;
  }
};

inline JsonlReport ReadJsonl(const std::filesystem::path& path) {
  JsonlReport report;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    nlohmann::json record = nlohmann::json::parse(line);
    const std::string kind = record["record"];
    if (kind == "run") report.run = record;
    if (kind == "document") report.documents.push_back(record);
    if (kind == "finding") report.findings.push_back(record);
    if (kind == "summary") report.summary = record;
  }
  return report;
}

// The report with everything that legitimately differs between runs removed (timings, dates,
// command line, options naming the thread count and output directory).
inline std::string ComparableJsonl(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::string line, out;
  while (std::getline(in, line)) {
    nlohmann::json record = nlohmann::json::parse(line);
    for (const char* key :
         {"timings", "started_at", "finished_at", "wall_seconds", "command_line", "options"}) {
      record.erase(key);
    }
    out += record.dump() + "\n";
  }
  return out;
}

}  // namespace trustscreen::testing

#endif  // TRUSTSCREEN_TESTS_E2E_RUN_CLI_H_
