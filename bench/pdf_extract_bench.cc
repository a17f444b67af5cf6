// pdf_extract_bench: extracts the given files N times, single-threaded, with ExtractFile and prints
// one line per file: "<pages>\t<wall seconds>\t<CPU seconds>\t<status>\t<path>" (each the best of
// N passes), then "TOTAL\t<pages>\t<wall seconds>\t<CPU seconds>".
//
// Usage: pdf_extract_bench [--repeat N] [--keep-output-intents] [--keep-empty-saves] FILE...
// The best of N passes is reported because the machine is shared: the minimum is the measurement
// least disturbed by other work.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <string>
#include <string_view>
#include <vector>

#include "trustscreen/extract/extract.h"

int main(int argc, char** argv) {
  int repeat = 1;
  trustscreen::extract::ExtractOptions options;
  std::vector<std::string> files;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--repeat" && i + 1 < argc) {
      repeat = std::max(1, std::atoi(argv[++i]));
    } else if (arg == "--keep-output-intents") {
      options.pdf_keep_output_intents = true;
    } else if (arg == "--keep-empty-saves") {
      options.pdf_keep_empty_saves = true;
    } else {
      files.emplace_back(arg);
    }
  }
  if (files.empty()) {
    std::fprintf(stderr,
                 "usage: pdf_extract_bench [--repeat N] [--keep-output-intents] "
                 "[--keep-empty-saves] FILE...\n");
    return 2;
  }
  long total_pages = 0;
  double total_seconds = 0, total_cpu = 0;
  for (const std::string& file : files) {
    double best = 1e300, best_cpu = 1e300;
    std::size_t pages = 0;
    std::string status;
    for (int r = 0; r < repeat; ++r) {
      const std::clock_t cpu_start = std::clock();
      const auto start = std::chrono::steady_clock::now();
      const trustscreen::Document doc = trustscreen::extract::ExtractFile(file, options);
      const double seconds =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      best = std::min(best, seconds);
      best_cpu = std::min(best_cpu, static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC);
      pages = doc.pages.size();
      status = std::string(trustscreen::ToString(doc.status));
    }
    total_pages += static_cast<long>(pages);
    total_seconds += best;
    total_cpu += best_cpu;
    std::printf("%zu\t%.6f\t%.6f\t%s\t%s\n", pages, best, best_cpu, status.c_str(), file.c_str());
  }
  std::printf("TOTAL\t%ld\t%.6f\t%.6f\n", total_pages, total_seconds, total_cpu);
  return 0;
}
