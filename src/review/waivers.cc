#include "trustscreen/review/waivers.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <fstream>
#include <sstream>

#include "trustscreen/core/text_escape.h"
#include "trustscreen/digest/sha256.h"

namespace trustscreen::review {
namespace {

constexpr std::array<std::string_view, 13> kWaiverKeys = {
    "id",        "fingerprint", "scope",    "reviewer",     "date", "reason",  "expires",
    "reference", "rule",        "document", "matched_text", "note", "decision"};
constexpr std::array<std::string_view, 3> kScopeKeys = {"rule", "document_sha256", "clause"};

int LineOf(const YAML::Node& node) {
  const YAML::Mark mark = node.Mark();
  return mark.is_null() ? 0 : mark.line + 1;
}

Status FileError(const std::string& path, int line, const std::string& message) {
  return InvalidArgument(path + ":" + std::to_string(std::max(line, 1)) + ": " + message);
}

bool IsLowerHex(std::string_view text) {
  return !text.empty() && text.find_first_not_of("0123456789abcdef") == std::string_view::npos;
}

std::string ToLower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

template <std::size_t N>
bool IsOneOf(const std::array<std::string_view, N>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

// The scalar under `key` of `entry`, or "" when absent; an error when it is not a scalar.
Result<std::string> ScalarAt(const YAML::Node& entry, const char* key, const std::string& path) {
  const YAML::Node value = entry[key];
  if (!value) return std::string();
  if (!value.IsScalar()) {
    return FileError(path, LineOf(value), std::string("'") + key + "' must be a single value");
  }
  return value.as<std::string>();
}

Result<Waiver> ParseEntry(const YAML::Node& entry, const std::string& path) {
  const int line = LineOf(entry);
  if (!entry.IsMap()) return FileError(path, line, "a waiver must be a mapping of keys to values");
  for (const auto& item : entry) {
    const std::string key = item.first.as<std::string>();
    if (!IsOneOf(kWaiverKeys, key)) {
      return FileError(path, LineOf(item.first), "unknown key '" + key + "' in waiver");
    }
  }
  Waiver waiver;
  waiver.line = line;
  struct Field {
    const char* key;
    std::string* value;
  };
  const std::array<Field, 10> fields = {{{"id", &waiver.id},
                                         {"fingerprint", &waiver.fingerprint},
                                         {"reviewer", &waiver.reviewer},
                                         {"date", &waiver.date},
                                         {"reason", &waiver.reason},
                                         {"expires", &waiver.expires},
                                         {"reference", &waiver.reference},
                                         {"rule", &waiver.rule_id},
                                         {"document", &waiver.document},
                                         {"matched_text", &waiver.matched_text}}};
  for (const Field& field : fields) {
    Result<std::string> value = ScalarAt(entry, field.key, path);
    if (!value.ok()) return value.status();
    *field.value = std::move(value).value();
  }
  for (const char* key : {"reviewer", "date", "reason"}) {
    if (!entry[key] || entry[key].as<std::string>().empty()) {
      return FileError(path, line, std::string("waiver has no '") + key + "'");
    }
  }
  Result<std::string> decision = ScalarAt(entry, "decision", path);
  if (!decision.ok()) return decision.status();
  if (!decision->empty()) {
    const std::optional<ReviewDecision> parsed = ParseReviewDecision(*decision);
    if (!parsed) {
      return FileError(path, LineOf(entry["decision"]),
                       "decision '" + *decision + "' is not cleared, escalated or note");
    }
    waiver.decision = *parsed;
  }
  if (!IsIsoDate(waiver.date)) {
    return FileError(path, LineOf(entry["date"]),
                     "date '" + waiver.date + "' is not a date (YYYY-MM-DD)");
  }
  if (!waiver.expires.empty() && !IsIsoDate(waiver.expires)) {
    return FileError(path, LineOf(entry["expires"]),
                     "expires '" + waiver.expires + "' is not a date (YYYY-MM-DD)");
  }

  const YAML::Node scope = entry["scope"];
  if (entry["fingerprint"] && scope) {
    return FileError(path, line, "waiver has both 'fingerprint' and 'scope'; give one");
  }
  if (!entry["fingerprint"] && !scope) {
    return FileError(path, line, "waiver has neither 'fingerprint' nor 'scope'");
  }
  if (entry["fingerprint"]) {
    waiver.fingerprint = ToLower(waiver.fingerprint);
    if (!IsLowerHex(waiver.fingerprint) || waiver.fingerprint.size() < kShortFingerprintLength ||
        waiver.fingerprint.size() > 64) {
      return FileError(path, LineOf(entry["fingerprint"]),
                       "fingerprint '" + waiver.fingerprint + "' must be 16 to 64 hex digits");
    }
    if (waiver.id.empty()) waiver.id = ShortFingerprint(waiver.fingerprint);
    return waiver;
  }

  if (!scope.IsMap()) {
    return FileError(path, LineOf(scope), "'scope' must hold rule, document_sha256 and clause");
  }
  for (const auto& item : scope) {
    const std::string key = item.first.as<std::string>();
    if (!IsOneOf(kScopeKeys, key)) {
      return FileError(path, LineOf(item.first), "unknown key '" + key + "' in scope");
    }
  }
  for (const char* key : {"rule", "document_sha256", "clause"}) {
    if (!scope[key])
      return FileError(path, LineOf(scope), std::string("scope has no '") + key + "'");
    if (!scope[key].IsScalar() && !scope[key].IsNull()) {
      return FileError(path, LineOf(scope[key]), std::string("'") + key + "' must be one value");
    }
  }
  waiver.scoped = true;
  if (!waiver.rule_id.empty() && waiver.rule_id != scope["rule"].as<std::string>()) {
    return FileError(path, LineOf(entry["rule"]), "'rule' differs from the scope's rule");
  }
  waiver.rule_id = scope["rule"].as<std::string>();
  waiver.document_sha256 = ToLower(scope["document_sha256"].as<std::string>());
  waiver.clause_ref = scope["clause"].IsNull() ? "" : scope["clause"].as<std::string>();
  if (waiver.rule_id.empty()) return FileError(path, LineOf(scope), "scope's rule is empty");
  if (!IsLowerHex(waiver.document_sha256) || waiver.document_sha256.size() != 64) {
    return FileError(path, LineOf(scope["document_sha256"]),
                     "document_sha256 must be 64 hex digits");
  }
  if (waiver.id.empty()) {
    waiver.id =
        waiver.rule_id + "@" + waiver.document_sha256.substr(0, 12) + "#" + waiver.clause_ref;
  }
  return waiver;
}

bool Matches(const Waiver& waiver, const Finding& finding, const std::string& document_sha256) {
  if (waiver.scoped) {
    return finding.rule_id == waiver.rule_id && document_sha256 == waiver.document_sha256 &&
           finding.clause_ref == waiver.clause_ref;
  }
  return !finding.fingerprint.empty() && finding.fingerprint.rfind(waiver.fingerprint, 0) == 0;
}

AppliedWaiver ToApplied(const Waiver& waiver, const std::string& path, bool expired) {
  AppliedWaiver applied;
  applied.id = waiver.id;
  applied.location = path + ":" + std::to_string(waiver.line);
  applied.reviewer = waiver.reviewer;
  applied.date = waiver.date;
  applied.reason = waiver.reason;
  applied.reference = waiver.reference;
  applied.expires = waiver.expires;
  applied.expired = expired;
  applied.decision = waiver.decision;
  return applied;
}

// The waiver as a YAML list item ("- key: value" lines), keys in a fixed order.
std::string EmitEntry(const Waiver& waiver) {
  YAML::Emitter out;
  out << YAML::BeginSeq << YAML::BeginMap;
  if (waiver.scoped) {
    if (!waiver.id.empty()) out << YAML::Key << "id" << YAML::Value << waiver.id;
    out << YAML::Key << "scope" << YAML::Value << YAML::BeginMap;
    out << YAML::Key << "rule" << YAML::Value << waiver.rule_id;
    out << YAML::Key << "document_sha256" << YAML::Value << waiver.document_sha256;
    out << YAML::Key << "clause" << YAML::Value << YAML::DoubleQuoted << waiver.clause_ref;
    out << YAML::EndMap;
  } else {
    out << YAML::Key << "fingerprint" << YAML::Value << waiver.fingerprint;
  }
  auto optional = [&](const char* key, const std::string& value) {
    if (!value.empty()) out << YAML::Key << key << YAML::Value << value;
  };
  optional("rule", waiver.scoped ? "" : waiver.rule_id);
  optional("document", DisplayUtf8(waiver.document));  // a note for humans: valid UTF-8
  if (!waiver.matched_text.empty()) {
    out << YAML::Key << "matched_text" << YAML::Value << YAML::DoubleQuoted << waiver.matched_text;
  }
  out << YAML::Key << "reviewer" << YAML::Value << waiver.reviewer;
  out << YAML::Key << "date" << YAML::Value << waiver.date;
  if (waiver.decision != ReviewDecision::kCleared) {
    out << YAML::Key << "decision" << YAML::Value << std::string(ToString(waiver.decision));
  }
  out << YAML::Key << "reason" << YAML::Value << waiver.reason;
  optional("reference", waiver.reference);
  optional("expires", waiver.expires);
  out << YAML::EndMap << YAML::EndSeq;
  return out.c_str();
}

std::string FileKind(mode_t mode) {
  if (S_ISDIR(mode)) return "a directory";
  if (S_ISFIFO(mode)) return "a FIFO";
  if (S_ISSOCK(mode)) return "a socket";
  if (S_ISCHR(mode) || S_ISBLK(mode)) return "a device";
  return "not a regular file";
}

// The whole of a regular file. Opened without blocking and checked before reading: a FIFO or a
// device named as the waivers file is refused, never waited on.
Result<std::string> ReadBytes(const std::filesystem::path& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) {
    return IoError(path.string() + ": cannot open for reading: " + std::strerror(errno));
  }
  struct stat info {};
  if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
    const std::string kind =
        S_ISREG(info.st_mode) ? std::string(std::strerror(errno)) : FileKind(info.st_mode);
    ::close(fd);
    return InvalidArgument(path.string() + ": is " + kind + ", not a regular file");
  }
  std::string bytes;
  char chunk[1 << 16];
  for (;;) {
    const ssize_t count = ::read(fd, chunk, sizeof chunk);
    if (count < 0 && errno == EINTR) continue;
    if (count < 0) {
      const std::string cause = std::strerror(errno);
      ::close(fd);
      return IoError(path.string() + ": read failed: " + cause);
    }
    if (count == 0) break;
    bytes.append(chunk, static_cast<std::size_t>(count));
  }
  ::close(fd);
  return bytes;
}

}  // namespace

bool IsIsoDate(std::string_view date) {
  if (date.size() != 10 || date[4] != '-' || date[7] != '-') return false;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (date[i] < '0' || date[i] > '9') return false;
  }
  const int year = std::stoi(std::string(date.substr(0, 4)));
  const unsigned month = static_cast<unsigned>(std::stoi(std::string(date.substr(5, 2))));
  const unsigned day = static_cast<unsigned>(std::stoi(std::string(date.substr(8, 2))));
  return std::chrono::year_month_day(std::chrono::year(year), std::chrono::month(month),
                                     std::chrono::day(day))
      .ok();
}

Result<WaiverSet> ParseWaivers(std::string_view text, const std::string& display_path) {
  WaiverSet set;
  set.path = display_path;
  set.sha256 = digest::Sha256Hex(text);
  YAML::Node root;
  try {
    root = YAML::Load(std::string(text));
  } catch (const YAML::Exception& e) {
    const int line = e.mark.is_null() ? 1 : e.mark.line + 1;
    return ParseError(display_path + ":" + std::to_string(line) + ": YAML syntax error: " + e.msg);
  }
  try {
    if (!root || root.IsNull()) return set;
    if (!root.IsMap()) return FileError(display_path, LineOf(root), "expected a 'waivers' list");
    for (const auto& item : root) {
      const std::string key = item.first.as<std::string>();
      if (key != "waivers") {
        return FileError(display_path, LineOf(item.first),
                         "unknown top-level key '" + key + "' (expected 'waivers')");
      }
    }
    const YAML::Node list = root["waivers"];
    if (!list || list.IsNull()) return set;
    if (!list.IsSequence())
      return FileError(display_path, LineOf(list), "'waivers' must be a list");
    for (const YAML::Node& entry : list) {
      Result<Waiver> waiver = ParseEntry(entry, display_path);
      if (!waiver.ok()) return waiver.status();
      set.waivers.push_back(std::move(waiver).value());
    }
  } catch (const YAML::Exception& e) {
    const int line = e.mark.is_null() ? 1 : e.mark.line + 1;
    return FileError(display_path, line, e.msg);
  }
  return set;
}

Result<WaiverSet> LoadWaivers(const std::filesystem::path& path) {
  std::error_code error;
  if (!std::filesystem::exists(path, error)) return NotFound(path.string() + ": no such file");
  Result<std::string> bytes = ReadBytes(path);
  if (!bytes.ok()) return bytes.status();
  return ParseWaivers(*bytes, path.string());
}

Status AppendWaiver(const std::filesystem::path& path, const Waiver& waiver) {
  std::string existing;
  std::error_code error;
  if (std::filesystem::exists(path, error)) {
    Result<std::string> bytes = ReadBytes(path);
    if (!bytes.ok()) return bytes.status();
    existing = std::move(bytes).value();
  }
  Result<WaiverSet> before = ParseWaivers(existing, path.string());
  if (!before.ok()) return before.status();

  std::string text = existing;
  if (before->waivers.empty() && text.find("waivers:") == std::string::npos) {
    if (!text.empty() && text.back() != '\n') text += '\n';
    text += "# trustscreen waivers (README.md, \"Reviewing findings: waivers\")\nwaivers:\n";
  }
  if (!text.empty() && text.back() != '\n') text += '\n';
  std::istringstream lines(EmitEntry(waiver));
  for (std::string line; std::getline(lines, line);) text += "  " + line + "\n";

  // The new text must parse and hold exactly one more waiver, equal to the one given: anything
  // else (a 'waivers: []' flow list, other keys after the list) is left for a human to fix.
  Result<WaiverSet> after = ParseWaivers(text, path.string());
  if (!after.ok()) {
    return InvalidArgument(path.string() +
                           ": cannot append the waiver: " + after.status().message());
  }
  if (after->waivers.size() != before->waivers.size() + 1) {
    return InvalidArgument(path.string() +
                           ": cannot append the waiver: the 'waivers' list must be the last "
                           "thing in the file, in block style");
  }
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) return IoError(path.string() + ": cannot open for writing: " + std::strerror(errno));
  out << text;
  out.flush();
  if (!out) return IoError(path.string() + ": write failed: " + std::strerror(errno));
  return Status::Ok();
}

WaiverApplier::WaiverApplier(WaiverSet waivers, std::string today)
    : waivers_(std::move(waivers)), today_(std::move(today)), matched_(waivers_.waivers.size()) {}

int WaiverApplier::Apply(DocumentResult& result) {
  int reopened = 0;
  for (Finding& finding : result.findings) {
    int in_force = -1;  // the last cleared or escalated decision in force
    int expired = -1;   // the first cleared decision that has expired
    finding.notes.clear();
    for (std::size_t i = 0; i < waivers_.waivers.size(); ++i) {
      const Waiver& waiver = waivers_.waivers[i];
      if (!Matches(waiver, finding, result.document.sha256)) continue;
      ++matched_[i];
      const bool lapsed = !waiver.expires.empty() && waiver.expires < today_;
      if (waiver.decision == ReviewDecision::kNote) {
        if (!lapsed) finding.notes.push_back(ToApplied(waiver, waivers_.path, false));
      } else if (!lapsed) {
        in_force = static_cast<int>(i);
      } else if (waiver.decision == ReviewDecision::kCleared && expired < 0) {
        expired = static_cast<int>(i);
      }
    }
    if (in_force >= 0) {
      const Waiver& waiver = waivers_.waivers[in_force];
      finding.review_status = waiver.decision == ReviewDecision::kEscalated
                                  ? ReviewStatus::kEscalated
                                  : ReviewStatus::kWaived;
      finding.waiver = ToApplied(waiver, waivers_.path, false);
    } else if (expired >= 0) {
      finding.review_status = ReviewStatus::kReopened;
      finding.waiver = ToApplied(waivers_.waivers[expired], waivers_.path, true);
      ++reopened;
    } else {
      finding.review_status = ReviewStatus::kOpen;
      finding.waiver.reset();
    }
  }
  return reopened;
}

report::WaiverSummary WaiverApplier::Summary() const {
  report::WaiverSummary summary;
  for (std::size_t i = 0; i < waivers_.waivers.size(); ++i) {
    const Waiver& waiver = waivers_.waivers[i];
    report::WaiverUse use{waiver.id, waivers_.path + ":" + std::to_string(waiver.line), matched_[i],
                          waiver.expires};
    if (matched_[i] == 0) {
      summary.stale.push_back(std::move(use));
    } else if (!waiver.expires.empty() && waiver.expires < today_) {
      summary.expired.push_back(std::move(use));
    } else {
      summary.applied.push_back(std::move(use));
    }
  }
  return summary;
}

}  // namespace trustscreen::review
