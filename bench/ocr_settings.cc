// ocr_settings: OCR of chosen PDF pages with one candidate setting, timed page by page; driven by
// bench/ocr-settings, which compares the words of each candidate with today's defaults.
//
//   ocr_settings --list FILE...
//     prints "FILE<TAB>PAGE" for every page that needs OCR (ExtractFile with --ocr never).
//   ocr_settings [--dpi N] [--psm N] [--oem N] [--no-antialias] [--threads single|dynamic] [--var
//   NAME=VALUE]...
//                --out DIR FILE<TAB>PAGE lines on stdin
//     renders and reads each page as the PDF extractor does (OcrPdfPage) and prints
//     "FILE<TAB>PAGE<TAB>cpu_seconds<TAB>words<TAB>confidence<TAB>render_seconds<TAB>recognise_seconds"
//     (the last two wall clock); the page's text (lines joined by '\n') goes to DIR/<n>.txt, n
//     counting the input lines from 0, and every field of its lines (flow, block, box, font size,
//     counts, line end, text) to DIR/<n>.lines. CPU seconds are the process's (user + system, all
//     threads) for rendering and recognition; the engine is started before the first page, so
//     Tesseract's start-up is left out. Options not given are the product's.
#include <PDFDoc.h>
#include <sys/resource.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "ocr.h"
#include "pdf_poppler.h"
#include "trustscreen/extract/extract.h"

namespace {

using trustscreen::extract::ExtractOptions;
namespace internal = trustscreen::extract::internal;

double CpuSeconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  auto seconds = [](const timeval& t) { return t.tv_sec + t.tv_usec / 1e6; };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

int List(const std::vector<std::string>& files) {
  ExtractOptions options;
  options.ocr = trustscreen::extract::OcrMode::kNever;
  for (const std::string& file : files) {
    const trustscreen::Document doc = trustscreen::extract::ExtractFile(file, options);
    for (const trustscreen::Page& page : doc.pages) {
      if (page.needs_ocr) std::cout << file << '\t' << page.number << '\n';
    }
  }
  return 0;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

// Every field of every line, so that a change meant to leave the reading alone can be checked
// byte for byte (cmp of two runs' .lines files).
void WriteLineRecords(const internal::PdfPageLines& lines, const std::filesystem::path& path) {
  std::ofstream out(path);
  char buffer[160];
  std::snprintf(buffer, sizeof buffer, "height %.3f replaced %llu\n", lines.height,
                static_cast<unsigned long long>(lines.replaced));
  out << buffer;
  for (const internal::PdfLine& l : lines.lines) {
    std::snprintf(buffer, sizeof buffer, "%d %d %.3f %.3f %.3f %.3f %.1f %d %d %d %d %d\t", l.flow,
                  l.block, l.x_min, l.y_min, l.x_max, l.y_max, l.font_size, l.bold ? 1 : 0, l.chars,
                  l.words, static_cast<int>(l.end), l.lower_before_hyphen ? 1 : 0);
    out << buffer << l.text << '\n';
  }
}

int Read(const ExtractOptions& options, const internal::OcrSettings& settings,
         const std::filesystem::path& out) {
  internal::InitPopplerOnce();
  internal::OcrEngine engine(options, settings);
  if (!engine.Start()) {
    std::cerr << "ocr_settings: " << engine.error() << "\n";
    return 1;
  }
  std::filesystem::create_directories(out);
  // Documents stay open (and their bytes alive) while their pages are read.
  std::map<std::string, std::pair<std::string, std::unique_ptr<PDFDoc>>> open;
  std::string line;
  int n = 0;
  while (std::getline(std::cin, line)) {
    const std::size_t tab = line.rfind('\t');
    if (tab == std::string::npos) continue;
    const std::string file = line.substr(0, tab);
    const int number = std::stoi(line.substr(tab + 1));
    auto [it, inserted] = open.try_emplace(file);
    if (inserted) {
      it->second.first = ReadFile(file);
      internal::OpenedPdf pdf = internal::OpenPdf(it->second.first, {});
      if (pdf.doc == nullptr || !pdf.doc->isOk()) {
        std::cerr << "ocr_settings: " << file << ": cannot open\n";
        return 1;
      }
      internal::DropOutputIntents(*pdf.doc);
      it->second.second = std::move(pdf.doc);
    }
    const double start = CpuSeconds();
    const internal::OcrPage page = internal::OcrPdfPage(*it->second.second, number, engine, options,
                                                        internal::OcrClock::time_point::max());
    const double cpu = CpuSeconds() - start;
    std::ofstream text(out / (std::to_string(n) + ".txt"));
    for (const auto& l : page.lines.lines) text << l.text << '\n';
    WriteLineRecords(page.lines, out / (std::to_string(n++) + ".lines"));
    std::printf("%s\t%d\t%.3f\t%d\t%.1f\t%.3f\t%.3f\n", file.c_str(), number, cpu, page.words,
                page.mean_confidence, page.render_seconds, page.recognise_seconds);
    std::fflush(stdout);
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  ExtractOptions options;
  internal::OcrSettings settings;
  std::filesystem::path out;
  std::vector<std::string> files;
  bool list = false;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    const bool has_value = i + 1 < argc;
    if (arg == "--list") {
      list = true;
    } else if (arg == "--dpi" && has_value) {
      options.ocr_dpi = std::stoi(argv[++i]);
    } else if (arg == "--psm" && has_value) {
      settings.page_segmentation = std::stoi(argv[++i]);
    } else if (arg == "--oem" && has_value) {
      settings.engine_mode = std::stoi(argv[++i]);
    } else if (arg == "--threads" && has_value) {
      settings.single_thread = std::string_view(argv[++i]) != "dynamic";
    } else if (arg == "--no-antialias") {
      settings.antialias = false;
    } else if (arg == "--var" && has_value) {
      const std::string var = argv[++i];
      const std::size_t eq = var.find('=');
      if (eq == std::string::npos) {
        std::cerr << "ocr_settings: --var wants NAME=VALUE\n";
        return 2;
      }
      settings.variables.emplace_back(var.substr(0, eq), var.substr(eq + 1));
    } else if (arg == "--out" && has_value) {
      out = argv[++i];
    } else if (list) {
      files.emplace_back(arg);
    } else {
      std::cerr << "ocr_settings: unknown argument " << arg << "\n";
      return 2;
    }
  }
  if (list) return List(files);
  if (out.empty()) {
    std::cerr
        << "usage: ocr_settings --list FILE... | [--dpi N] [--psm N] [--oem N] "
           "[--no-antialias] [--threads single|dynamic] [--var NAME=VALUE]... --out DIR < pages\n";
    return 2;
  }
  return Read(options, settings, out);
}
