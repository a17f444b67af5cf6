// `trustscreen scan` and `trustscreen merge`: run the library's RunScan / RunMerge, print the
// terminal summary and where the reports are, and return the process exit code
// (trustscreen/core/exit_codes.h): the run's, or kExitError with the reason on `err`.
#ifndef TRUSTSCREEN_CLI_RUN_COMMANDS_H_
#define TRUSTSCREEN_CLI_RUN_COMMANDS_H_

#include <ostream>

#include "trustscreen/pipeline/merge.h"
#include "trustscreen/pipeline/scan.h"

namespace trustscreen::cli {

int RunScan(const pipeline::ScanOptions& options, std::ostream& out, std::ostream& err);

int RunMerge(const pipeline::MergeOptions& options, std::ostream& out, std::ostream& err);

}  // namespace trustscreen::cli

#endif  // TRUSTSCREEN_CLI_RUN_COMMANDS_H_
