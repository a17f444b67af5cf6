// Small formatting helpers for reasons, so that every extractor words sizes and page lists alike.
#include <cstdio>
#include <string>
#include <vector>

#include "extractors.h"

namespace trustscreen::extract::internal {

void FailDocument(Document& doc, DocumentStatus status, std::string reason) {
  doc.status = status;
  doc.reason = std::move(reason);
  doc.text.clear();
  doc.pages.clear();
  doc.blocks.clear();
  doc.replaced_invalid_bytes = 0;
}

std::string OneDecimal(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f", value);
  return buffer;
}

std::string FormatByteSize(std::uint64_t bytes) {
  static constexpr const char* kUnits[] = {"KiB", "MiB", "GiB", "TiB"};
  if (bytes < 1024) return std::to_string(bytes) + (bytes == 1 ? " byte" : " bytes");
  double value = static_cast<double>(bytes) / 1024;
  int unit = 0;
  while (value >= 1024 && unit < 3) {
    value /= 1024;
    ++unit;
  }
  char buffer[32];
  // Whole numbers read better for limits ("256 MiB"); one decimal otherwise.
  if (value == static_cast<double>(static_cast<std::uint64_t>(value))) {
    std::snprintf(buffer, sizeof buffer, "%.0f %s", value, kUnits[unit]);
  } else {
    std::snprintf(buffer, sizeof buffer, "%.1f %s", value, kUnits[unit]);
  }
  return buffer;
}

std::string FormatPageList(const std::vector<int>& pages) {
  // Runs of consecutive pages collapse to "4-9"; long lists are cut after kMaxItems runs.
  constexpr int kMaxItems = 12;
  std::string out = pages.size() == 1 ? "page " : "pages ";
  int items = 0;
  for (std::size_t i = 0; i < pages.size();) {
    std::size_t j = i;
    while (j + 1 < pages.size() && pages[j + 1] == pages[j] + 1) ++j;
    if (items == kMaxItems) {
      out += ", … (" + std::to_string(pages.size()) + " pages in all)";
      break;
    }
    if (items > 0) out += ", ";
    out += std::to_string(pages[i]);
    if (j > i) out += "-" + std::to_string(pages[j]);
    ++items;
    i = j + 1;
  }
  return out;
}

}  // namespace trustscreen::extract::internal
