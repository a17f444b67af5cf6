// Input enumeration: the paths a user names -> the ordered list of files to screen.
//
// Directories are walked recursively in byte-wise sorted order, so the same tree always gives
// the same order. Symbolic links are followed, but a directory reached twice (a symlink loop or
// a second link to the same tree) is walked once. Paths named explicitly are always screened;
// what the walk passes over on purpose (Office lock files "~$x.docx", hidden files and
// directories unless asked for, --exclude globs) is returned as skipped with a reason, never
// silently dropped. A path that does not exist is returned as an input; extraction reports it as
// `missing`.
#ifndef TRUSTSCREEN_PIPELINE_WALK_H_
#define TRUSTSCREEN_PIPELINE_WALK_H_

#include <istream>
#include <string>
#include <vector>

#include "trustscreen/core/status.h"
#include "trustscreen/report/report.h"

namespace trustscreen::pipeline {

struct WalkOptions {
  bool include_hidden = false;  // walk into dot-files and dot-directories
  // Shell globs (fnmatch); a walked file or directory is skipped when one matches its name or
  // its path below the walked directory ("README.md", "*.log", "drafts/*").
  std::vector<std::string> exclude;
};

struct WalkResult {
  std::vector<std::string> files;  // in screening order
  std::vector<report::SkippedInput> skipped;
};

WalkResult EnumerateInputs(const std::vector<std::string>& paths, const WalkOptions& options);

// Reads one path per line (blank lines ignored, trailing '\r' removed), as for --files-from.
std::vector<std::string> ReadPathList(std::istream& in);

}  // namespace trustscreen::pipeline

#endif  // TRUSTSCREEN_PIPELINE_WALK_H_
