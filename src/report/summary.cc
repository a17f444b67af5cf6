#include <algorithm>
#include <map>
#include <tuple>
#include <utility>

#include "trustscreen/core/exit_codes.h"
#include "trustscreen/report/report.h"

namespace trustscreen::report {
namespace {

void SortTopics(std::vector<DocumentTopic>& topics) {
  std::sort(topics.begin(), topics.end(), [](const DocumentTopic& a, const DocumentTopic& b) {
    return std::tuple(b.severity, a.family, a.topic) < std::tuple(a.severity, b.family, b.topic);
  });
}

}  // namespace

std::vector<DocumentTopic> TopicsOf(const std::vector<Finding>& findings) {
  std::map<std::pair<RuleFamily, std::string>, DocumentTopic> by_topic;
  for (const Finding& finding : findings) {
    if (finding.review_status == ReviewStatus::kWaived) continue;
    const std::string& name =
        finding.rule_category.empty() ? finding.rule_title : finding.rule_category;
    DocumentTopic& topic = by_topic[{finding.family, name}];
    if (topic.findings == 0) {
      topic.family = finding.family;
      topic.topic = name;
      topic.severity = finding.severity;
    }
    topic.severity = std::max(topic.severity, finding.severity);
    ++topic.findings;
  }
  std::vector<DocumentTopic> topics;
  for (auto& [key, topic] : by_topic) topics.push_back(std::move(topic));
  SortTopics(topics);
  return topics;
}

std::string TopicsLine(const std::vector<DocumentTopic>& topics) {
  std::string line;
  for (const DocumentTopic& topic : topics) {
    if (!line.empty()) line += "; ";
    line += topic.topic + " (" + std::string(ToString(topic.severity)) + ", " +
            std::to_string(topic.findings) + ")";
  }
  return line;
}

int RunSummary::ExitCode() const {
  if (!not_fully_screened.empty() || !complete) return kExitNotFullyScreened;
  if (findings_at_or_above_fail_on > 0) return kExitFindings;
  return kExitClean;
}

SummaryBuilder::SummaryBuilder(Severity fail_on) { summary_.fail_on = fail_on; }

void SummaryBuilder::Add(const DocumentResult& result) {
  const Document& document = result.document;
  ++summary_.documents;
  ++summary_.documents_by_status[document.status];
  if (!IsFullyScreened(document.status)) {
    summary_.not_fully_screened.push_back({document.path, document.status, document.reason});
  }
  for (const DocumentTopic& topic : TopicsOf(result.findings)) {
    auto same = [&](const DocumentTopic& other) {
      return other.family == topic.family && other.topic == topic.topic;
    };
    auto known = std::find_if(summary_.topics.begin(), summary_.topics.end(), same);
    if (known == summary_.topics.end()) {
      summary_.topics.push_back(topic);
      continue;
    }
    known->severity = std::max(known->severity, topic.severity);
    known->findings += topic.findings;
    ++known->documents;
  }
  SortTopics(summary_.topics);
  for (const Finding& finding : result.findings) {
    ++summary_.findings;
    ++summary_.findings_by_family[finding.family][finding.severity];
    if (finding.review_status == ReviewStatus::kWaived) {
      ++summary_.findings_waived;
      continue;
    }
    if (finding.review_status == ReviewStatus::kReopened) ++summary_.findings_reopened;
    if (finding.review_status == ReviewStatus::kEscalated) ++summary_.findings_escalated;
    if (finding.severity >= summary_.fail_on) ++summary_.findings_at_or_above_fail_on;
  }
}

}  // namespace trustscreen::report
