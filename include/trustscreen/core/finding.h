// Finding: one rule match in one document, and the severity and family scales.
#ifndef TRUSTSCREEN_CORE_FINDING_H_
#define TRUSTSCREEN_CORE_FINDING_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "trustscreen/core/document.h"

namespace trustscreen {

// Ordered: a higher value is more severe.
enum class Severity { kInfo = 0, kLow, kMedium, kHigh, kCritical };

std::string_view ToString(Severity severity);  // "info" … "critical"
std::optional<Severity> ParseSeverity(std::string_view name);

enum class RuleFamily { kSensitiveTech, kExportControl, kPartner };

std::string_view ToString(RuleFamily family);  // "sensitive-tech", "export-control", "partner"
std::optional<RuleFamily> ParseRuleFamily(std::string_view name);

struct Finding {
  std::string rule_id;
  std::string rule_title;
  RuleFamily family = RuleFamily::kSensitiveTech;
  Severity severity = Severity::kInfo;
  int page = 0;            // 1-based; 0 when the document has no pages
  std::size_t begin = 0;   // byte offsets of the match in Document::text
  std::size_t end = 0;
  std::string matched_text;  // exactly Document::text.substr(begin, end - begin)
  std::string snippet;       // the match with some context around it, on one line
};

// The outcome of screening one input: the document (its text may have been released after
// matching) and its findings in document order.
struct DocumentResult {
  Document document;
  std::vector<Finding> findings;
  double extract_seconds = 0;
  double match_seconds = 0;
};

}  // namespace trustscreen

#endif  // TRUSTSCREEN_CORE_FINDING_H_
