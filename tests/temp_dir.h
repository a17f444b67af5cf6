// A uniquely named temporary directory, removed with everything in it when the object dies.
#ifndef TRUSTSCREEN_TESTS_TEMP_DIR_H_
#define TRUSTSCREEN_TESTS_TEMP_DIR_H_

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

namespace trustscreen::testing {

class TempDir {
 public:
  TempDir() {
    static std::atomic<int> counter{0};
    path_ = std::filesystem::temp_directory_path() /
            ("trustscreen-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }

  // Writes `contents` to `relative` (parent directories created); returns the full path.
  std::filesystem::path Write(const std::string& relative, std::string_view contents) const {
    const std::filesystem::path file = path_ / relative;
    std::filesystem::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary).write(contents.data(), contents.size());
    return file;
  }

 private:
  std::filesystem::path path_;
};

}  // namespace trustscreen::testing

#endif  // TRUSTSCREEN_TESTS_TEMP_DIR_H_
