// Text a report writer appends document by document and copies out when the run ends, kept in a
// temporary file so that the writer's memory does not grow with the number of documents.
#ifndef TRUSTSCREEN_REPORT_SPOOL_H_
#define TRUSTSCREEN_REPORT_SPOOL_H_

#include <cstdio>
#include <functional>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>

#include "trustscreen/core/status.h"

namespace trustscreen::report {

class Spool {
 public:
  // `what` names the report in error messages ("the SARIF report").
  explicit Spool(std::string what) : what_(std::move(what)) {}

  Status Append(std::string_view text);
  bool empty() const { return file_ == nullptr; }
  // Copies everything appended so far to `out`.
  Status CopyTo(std::ostream& out);
  // Calls `line` with each line appended so far (without its '\n'), in order.
  Status ForEachLine(const std::function<void(std::string_view)>& line);

 private:
  struct FileCloser {
    void operator()(std::FILE* file) const { std::fclose(file); }
  };
  std::string what_;
  std::unique_ptr<std::FILE, FileCloser> file_;  // created on the first Append
};

}  // namespace trustscreen::report

#endif  // TRUSTSCREEN_REPORT_SPOOL_H_
