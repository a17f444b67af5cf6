#include "trustscreen/pipeline/walk.h"

#include <fnmatch.h>
#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <set>
#include <utility>

namespace trustscreen::pipeline {
namespace {

namespace fs = std::filesystem;

bool IsOfficeLockFile(const std::string& name) { return name.rfind("~$", 0) == 0; }
bool IsHidden(const std::string& name) { return !name.empty() && name[0] == '.'; }

class Walker {
 public:
  Walker(const WalkOptions& options, WalkResult& result) : options_(options), result_(result) {}

  // A path the user named: always screened when it is a file.
  void AddRoot(const std::string& path) {
    struct stat info {};
    if (::stat(path.c_str(), &info) == 0 && S_ISDIR(info.st_mode)) {
      root_ = path.empty() || path.back() == '/' ? path : path + "/";
      WalkDirectory(path, info);
    } else {
      // Missing, unreadable, special or a plain file: extraction gives it its status.
      result_.files.push_back(path);
    }
  }

 private:
  void WalkDirectory(const std::string& directory, const struct stat& info) {
    if (!visited_.insert({info.st_dev, info.st_ino}).second) {
      result_.skipped.push_back(
          {directory, "directory already walked (symbolic link loop or second link to it)"});
      return;
    }
    std::error_code error;
    fs::directory_iterator it(directory, fs::directory_options::none, error);
    if (error) {
      // An unreadable directory must not vanish from the report: list it as an input.
      result_.files.push_back(directory);
      return;
    }
    std::vector<std::string> names;
    for (; it != fs::directory_iterator(); it.increment(error)) {
      if (error) break;
      names.push_back(it->path().filename().string());
    }
    std::sort(names.begin(), names.end());
    const std::string prefix =
        directory.empty() || directory.back() == '/' ? directory : directory + "/";
    for (const std::string& name : names) {
      const std::string path = prefix + name;
      if (const std::string* glob = MatchingExclude(name, path)) {
        result_.skipped.push_back({path, "excluded by --exclude '" + *glob + "'"});
        continue;
      }
      if (IsHidden(name) && !options_.include_hidden) {
        result_.skipped.push_back({path, "hidden file or directory (use --hidden to include)"});
        continue;
      }
      struct stat child {};
      if (::stat(path.c_str(), &child) == 0 && S_ISDIR(child.st_mode)) {
        WalkDirectory(path, child);
        continue;
      }
      if (IsOfficeLockFile(name)) {
        result_.skipped.push_back({path, "Office lock file (~$ prefix), not a document"});
        continue;
      }
      result_.files.push_back(path);  // broken links included: reported as missing
    }
  }

  const std::string* MatchingExclude(const std::string& name, const std::string& path) const {
    const std::string relative = path.substr(root_.size());
    for (const std::string& glob : options_.exclude) {
      if (::fnmatch(glob.c_str(), name.c_str(), 0) == 0 ||
          ::fnmatch(glob.c_str(), relative.c_str(), FNM_PATHNAME) == 0) {
        return &glob;
      }
    }
    return nullptr;
  }

  const WalkOptions& options_;
  WalkResult& result_;
  std::string root_;  // the directory being walked, with a trailing '/'
  std::set<std::pair<dev_t, ino_t>> visited_;
};

}  // namespace

WalkResult EnumerateInputs(const std::vector<std::string>& paths, const WalkOptions& options) {
  WalkResult result;
  Walker walker(options, result);
  for (const std::string& path : paths) walker.AddRoot(path);
  return result;
}

std::vector<std::string> ReadPathList(std::istream& in) {
  std::vector<std::string> paths;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    paths.push_back(line);
  }
  return paths;
}

}  // namespace trustscreen::pipeline
