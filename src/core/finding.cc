#include "trustscreen/core/finding.h"

#include <array>
#include <utility>

namespace trustscreen {
namespace {

constexpr std::array<std::pair<Severity, std::string_view>, 5> kSeverityNames = {{
    {Severity::kInfo, "info"},
    {Severity::kLow, "low"},
    {Severity::kMedium, "medium"},
    {Severity::kHigh, "high"},
    {Severity::kCritical, "critical"},
}};

constexpr std::array<std::pair<RuleFamily, std::string_view>, 3> kFamilyNames = {{
    {RuleFamily::kSensitiveTech, "sensitive-tech"},
    {RuleFamily::kExportControl, "export-control"},
    {RuleFamily::kPartner, "partner"},
}};

constexpr std::array<std::pair<ReviewDecision, std::string_view>, 3> kDecisionNames = {{
    {ReviewDecision::kCleared, "cleared"},
    {ReviewDecision::kEscalated, "escalated"},
    {ReviewDecision::kNote, "note"},
}};

template <typename Enum, std::size_t N>
std::string_view NameOf(const std::array<std::pair<Enum, std::string_view>, N>& table, Enum value) {
  for (const auto& [candidate, name] : table) {
    if (candidate == value) return name;
  }
  return "unknown";
}

template <typename Enum, std::size_t N>
std::optional<Enum> ValueOf(const std::array<std::pair<Enum, std::string_view>, N>& table,
                            std::string_view name) {
  for (const auto& [value, candidate] : table) {
    if (candidate == name) return value;
  }
  return std::nullopt;
}

}  // namespace

std::string_view ToString(Severity severity) { return NameOf(kSeverityNames, severity); }
std::optional<Severity> ParseSeverity(std::string_view name) {
  return ValueOf(kSeverityNames, name);
}

std::string_view ToString(RuleFamily family) { return NameOf(kFamilyNames, family); }
std::optional<RuleFamily> ParseRuleFamily(std::string_view name) {
  return ValueOf(kFamilyNames, name);
}

std::string_view ToString(ReviewStatus status) {
  switch (status) {
    case ReviewStatus::kOpen:
      return "open";
    case ReviewStatus::kWaived:
      return "waived";
    case ReviewStatus::kReopened:
      return "reopened";
    case ReviewStatus::kEscalated:
      return "escalated";
  }
  return "unknown";
}

std::string_view ToString(ReviewDecision decision) { return NameOf(kDecisionNames, decision); }
std::optional<ReviewDecision> ParseReviewDecision(std::string_view name) {
  return ValueOf(kDecisionNames, name);
}

std::string ShortFingerprint(std::string_view fingerprint) {
  return std::string(fingerprint.substr(0, kShortFingerprintLength));
}

std::string_view ToString(CacheUse use) {
  switch (use) {
    case CacheUse::kNone:
      return "none";
    case CacheUse::kMiss:
      return "miss";
    case CacheUse::kText:
      return "text";
    case CacheUse::kResults:
      return "results";
  }
  return "none";
}

std::vector<FindingRange> GroupFindingsByClause(const std::vector<Finding>& findings) {
  std::vector<FindingRange> ranges;
  for (std::size_t i = 0; i < findings.size(); ++i) {
    if (ranges.empty() || findings[ranges.back().first].clause_ref != findings[i].clause_ref) {
      ranges.push_back({i, i});
    }
    ranges.back().last = i + 1;
  }
  return ranges;
}

}  // namespace trustscreen
