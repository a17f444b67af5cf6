// YAML rule file -> std::vector<Rule>, with schema checks that point at the offending line.
//
// yaml-cpp throws on syntax errors and on failed conversions; both are caught here so that nothing
// but Status leaves the module. Values are read from scalars directly (never Node::as<T>) so that
// each type error can name the key and line instead of surfacing as a BadConversion.

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <array>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "compiled_rules_internal.h"
#include "rule_compiler_internal.h"
#include "trustscreen/rules/rule_set.h"

namespace trustscreen::rules {
namespace {

constexpr std::array<std::string_view, 23> kRuleKeys = {
    "id",          "title",         "family",
    "category",    "severity",      "rationale",
    "reference",   "patterns",      "case_sensitive",
    "whole_word",  "tags",          "examples",
    "kind",        "list",          "requires",
    "unless",      "raise",         "lower",
    "validate",    "affiliates",    "severity_by_category",
    "short_names", "family_context"};
constexpr std::array<std::string_view, 6> kRequiredKeys = {"id",       "title",    "family",
                                                           "severity", "patterns", "rationale"};
constexpr std::array<std::string_view, 2> kExampleKeys = {"match", "no_match"};
constexpr std::array<std::string_view, 3> kContextKeys = {"terms", "within", "label"};
constexpr std::array<std::string_view, 3> kFamilyContextKeys = {"family", "raise", "lower"};
constexpr int kMaxWindowWords = 100;

int LineOf(const YAML::Node& node) {
  const YAML::Mark mark = node.Mark();
  return mark.is_null() ? 0 : mark.line + 1;
}

template <std::size_t N>
std::string JoinNames(const std::array<std::string_view, N>& names) {
  std::string joined;
  for (std::string_view name : names) {
    if (!joined.empty()) joined += ", ";
    joined += name;
  }
  return joined;
}

std::size_t EditDistance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

// "unknown key 'paterns' (did you mean 'patterns'?; allowed: ...)": typos in optional keys would
// otherwise silently drop settings such as case_sensitive.
template <std::size_t N>
std::string UnknownKeyMessage(std::string_view what, std::string_view key,
                              const std::array<std::string_view, N>& allowed) {
  std::string message = "unknown " + std::string(what) + " '" + std::string(key) + "' (";
  std::string_view closest;
  std::size_t best = 3;  // suggest only near misses: at most two edits
  for (std::string_view candidate : allowed) {
    const std::size_t distance = EditDistance(key, candidate);
    if (distance < best) best = distance, closest = candidate;
  }
  if (!closest.empty()) message += "did you mean '" + std::string(closest) + "'? ";
  return message + "allowed: " + JoinNames(allowed) + ")";
}

// Parses one entry of the `rules:` list. Holds the context that every message needs.
class RuleParser {
 public:
  RuleParser(const std::string& file, int index) : file_(file), index_(index) {}

  // One entry of the top-level `family_context:` list.
  Status ParseFamilyContext(const YAML::Node& node, FamilyContext* out) {
    subject_ = "family_context #" + std::to_string(index_ + 1);
    out->source_file = file_;
    out->line = LineOf(node);
    if (!node.IsMap()) {
      return Error(LineOf(node), "must be a mapping with 'family' and 'raise' or 'lower' (got " +
                                     Kind(node) + ")");
    }
    std::set<std::string> seen;
    if (Status status = ForEachKey(
            node, &seen,
            [&](const std::string& name, const YAML::Node& key, const YAML::Node& value) {
              if (name == "family") return ReadFamily(value, &out->family);
              if (name == "raise" || name == "lower") {
                return ParseConditionList(
                    name, value, name == "raise" ? &out->raise_contexts : &out->lower_contexts);
              }
              return Error(LineOf(key), UnknownKeyMessage("key", name, kFamilyContextKeys));
            });
        !status.ok()) {
      return status;
    }
    if (seen.count("family") == 0) return Error(out->line, "missing required key 'family'");
    if (out->raise_contexts.empty() && out->lower_contexts.empty()) {
      return Error(out->line, "needs 'raise' or 'lower' conditions");
    }
    for (auto* conditions : {&out->raise_contexts, &out->lower_contexts}) {
      for (ContextCondition& condition : *conditions) condition.source_file = file_;
    }
    return Status::Ok();
  }

  Status Parse(const YAML::Node& node, Rule* rule) {
    rule->source_file = file_;
    rule->source_line = LineOf(node);
    if (!node.IsMap()) {
      return Error(LineOf(node), "must be a mapping of keys to values (got " + Kind(node) + ")");
    }
    // Read the id first so that every later message can name the rule.
    std::set<std::string> seen;
    for (auto it = node.begin(); it != node.end(); ++it) {
      if (it->first.IsScalar() && it->first.Scalar() == "id" && it->second.IsScalar()) {
        id_ = it->second.Scalar();
      }
    }
    if (Status status =
            ForEachKey(node, &seen,
                       [&](const std::string& name, const YAML::Node& key,
                           const YAML::Node& value) { return ParseKey(name, key, value, rule); });
        !status.ok()) {
      return status;
    }
    if (Status status = CheckEntityListKeys(seen, *rule); !status.ok()) return status;
    for (std::string_view required : kRequiredKeys) {
      // An entity-list rule takes its patterns from the list (CheckEntityListKeys).
      if (required == "patterns" && rule->kind == RuleKind::kEntityList) continue;
      if (seen.count(std::string(required)) == 0) {
        return Error(rule->source_line, "missing required key '" + std::string(required) + "'");
      }
    }
    return Status::Ok();
  }

 private:
  // Calls visit(name, key, value) for each entry of mapping `node` in order, once its key is
  // known to be a plain string not met before (`seen` collects them); stops at the first error.
  template <typename Visit>
  Status ForEachKey(const YAML::Node& node, std::set<std::string>* seen, Visit&& visit) {
    for (auto it = node.begin(); it != node.end(); ++it) {
      // Copies, not references: it-> yields a temporary pair that dies with the statement.
      const YAML::Node key = it->first;
      const YAML::Node value = it->second;
      if (!key.IsScalar()) return Error(LineOf(key), "keys must be plain strings");
      const std::string& name = key.Scalar();
      if (!seen->insert(name).second) return Error(LineOf(key), "duplicate key '" + name + "'");
      if (Status status = visit(name, key, value); !status.ok()) return status;
    }
    return Status::Ok();
  }

  Status ParseKey(const std::string& name, const YAML::Node& key, const YAML::Node& value,
                  Rule* rule) {
    if (name == "id") {
      if (Status status = ReadString(name, value, &rule->id); !status.ok()) return status;
      if (!internal::IsValidRuleId(rule->id)) {
        return Error(LineOf(value),
                     "invalid id: ids are lowercase letters, digits, '-' and '.', "
                     "starting with a letter or digit ([a-z0-9][a-z0-9-.]*)");
      }
      return Status::Ok();
    }
    if (name == "title") return ReadString(name, value, &rule->title);
    if (name == "rationale") return ReadString(name, value, &rule->rationale);
    if (name == "category") return ReadString(name, value, &rule->category, /*allow_empty=*/true);
    if (name == "reference") return ReadString(name, value, &rule->reference, /*allow_empty=*/true);
    if (name == "family") return ReadFamily(value, &rule->family);
    if (name == "severity") {
      std::string text;
      if (Status status = ReadString(name, value, &text); !status.ok()) return status;
      std::optional<Severity> severity = ParseSeverity(text);
      if (!severity) {
        return Error(LineOf(value), "unknown severity '" + text +
                                        "' (allowed: critical, high, medium, low, info)");
      }
      rule->severity = *severity;
      return Status::Ok();
    }
    if (name == "severity_by_category") {
      if (!value.IsMap()) {
        return Error(LineOf(value),
                     "'severity_by_category' must be a mapping of list categories "
                     "to severities (got " +
                         Kind(value) + ")");
      }
      for (const auto& item : value) {
        const std::string category = item.first.as<std::string>();
        std::string text;
        if (Status status = ReadString(name, item.second, &text); !status.ok()) return status;
        std::optional<Severity> severity = ParseSeverity(text);
        if (!severity) {
          return Error(LineOf(item.second), "unknown severity '" + text + "' for category '" +
                                                category +
                                                "' (allowed: critical, high, medium, low, info)");
        }
        rule->severity_by_category[category] = *severity;
      }
      return Status::Ok();
    }
    if (name == "affiliates") return ReadBool(name, value, &rule->affiliates);
    if (name == "family_context") return ReadBool(name, value, &rule->family_context);
    if (name == "short_names") {
      std::string text;
      if (Status status = ReadString(name, value, &text); !status.ok()) return status;
      if (text == "affiliation") {
        rule->short_names_need_country = false;
      } else if (text == "country") {
        rule->short_names_need_country = true;
      } else {
        return Error(LineOf(value),
                     "unknown short_names '" + text + "' (allowed: affiliation, country)");
      }
      return Status::Ok();
    }
    if (name == "patterns") {
      if (Status status = ReadStringList(name, value, &rule->patterns, &rule->pattern_lines);
          !status.ok()) {
        return status;
      }
      if (rule->patterns.empty()) return Error(LineOf(value), "'patterns' must not be empty");
      for (std::size_t i = 0; i < rule->patterns.size(); ++i) {
        if (rule->patterns[i].empty()) {
          return Error(rule->pattern_lines[i], "pattern " + std::to_string(i + 1) + " is empty");
        }
      }
      return Status::Ok();
    }
    if (name == "case_sensitive") return ReadBool(name, value, &rule->case_sensitive);
    if (name == "whole_word") return ReadBool(name, value, &rule->whole_word);
    if (name == "tags") return ReadStringList(name, value, &rule->tags, nullptr);
    if (name == "examples") return ParseExamples(value, rule);
    if (name == "requires" || name == "unless") {
      ContextCondition condition;
      if (Status status = ParseContext(name, value, /*needs_label=*/false, &condition);
          !status.ok()) {
        return status;
      }
      (name == "requires" ? rule->requires_context : rule->unless_context) = std::move(condition);
      return Status::Ok();
    }
    if (name == "raise" || name == "lower") {
      return ParseConditionList(name, value,
                                name == "raise" ? &rule->raise_contexts : &rule->lower_contexts);
    }
    if (name == "kind") {
      std::string text;
      if (Status status = ReadString(name, value, &text); !status.ok()) return status;
      if (text == "patterns") {
        rule->kind = RuleKind::kPatterns;
      } else if (text == "entity-list") {
        rule->kind = RuleKind::kEntityList;
      } else {
        return Error(LineOf(value), "unknown kind '" + text + "' (allowed: patterns, entity-list)");
      }
      return Status::Ok();
    }
    if (name == "validate") {
      std::string text;
      if (Status status = ReadString(name, value, &text); !status.ok()) return status;
      if (text == "cas-check-digit") {
        rule->validate = Validator::kCasCheckDigit;
      } else {
        return Error(LineOf(value), "unknown validator '" + text + "' (allowed: cas-check-digit)");
      }
      return Status::Ok();
    }
    if (name == "list") {
      rule->list_line = LineOf(value);
      return ReadString(name, value, &rule->list);
    }
    return Error(LineOf(key), UnknownKeyMessage("key", name, kRuleKeys));
  }

  Status CheckEntityListKeys(const std::set<std::string>& seen, const Rule& rule) const {
    if (rule.kind == RuleKind::kEntityList) {
      if (seen.count("list") == 0) {
        return Error(rule.source_line, "missing required key 'list' (kind: entity-list)");
      }
      if (seen.count("patterns") != 0) {
        return Error(rule.pattern_lines.empty() ? rule.source_line : rule.pattern_lines[0],
                     "'patterns' is not allowed with kind: entity-list (names come from the list)");
      }
    } else {
      for (const char* key : {"list", "affiliates", "severity_by_category", "short_names"}) {
        if (seen.count(key) != 0) {
          return Error(key == std::string("list") ? rule.list_line : rule.source_line,
                       "'" + std::string(key) + "' needs kind: entity-list");
        }
      }
    }
    return Status::Ok();
  }

  // One context condition: {terms: [RE2...], within: sentence | clause | N words, label: ...}.
  Status ReadFamily(const YAML::Node& value, RuleFamily* out) {
    std::string text;
    if (Status status = ReadString("family", value, &text); !status.ok()) return status;
    std::optional<RuleFamily> family = ParseRuleFamily(text);
    if (!family) {
      return Error(LineOf(value), "unknown family '" + text +
                                      "' (allowed: sensitive-tech, export-control, partner)");
    }
    *out = *family;
    return Status::Ok();
  }

  // `raise:` or `lower:`, a list of labelled conditions.
  Status ParseConditionList(const std::string& name, const YAML::Node& value,
                            std::vector<ContextCondition>* out) {
    if (!value.IsSequence()) {
      return Error(LineOf(value), "'" + name +
                                      "' must be a list of mappings with 'terms', 'within' and "
                                      "'label' (got " +
                                      Kind(value) + ")");
    }
    for (const YAML::Node& item : value) {
      ContextCondition condition;
      if (Status status = ParseContext(name, item, /*needs_label=*/true, &condition);
          !status.ok()) {
        return status;
      }
      out->push_back(std::move(condition));
    }
    return Status::Ok();
  }

  Status ParseContext(const std::string& what, const YAML::Node& node, bool needs_label,
                      ContextCondition* condition) {
    condition->line = LineOf(node);
    if (!node.IsMap()) {
      return Error(LineOf(node), "'" + what + "' must be a mapping with 'terms' and 'within'" +
                                     (needs_label ? " and 'label'" : "") + " (got " + Kind(node) +
                                     ")");
    }
    std::set<std::string> seen;
    if (Status status = ForEachKey(
            node, &seen,
            [&](const std::string& name, const YAML::Node& key, const YAML::Node& value) {
              return ParseContextKey(what, name, key, value, condition);
            });
        !status.ok()) {
      return status;
    }
    for (std::string_view required : {"terms", "within", "label"}) {
      if (required == "label" && !needs_label) continue;
      if (seen.count(std::string(required)) == 0) {
        return Error(condition->line,
                     "missing key '" + std::string(required) + "' in '" + what + "'");
      }
    }
    return Status::Ok();
  }

  // One key of a context condition (ParseContext).
  Status ParseContextKey(const std::string& what, const std::string& name, const YAML::Node& key,
                         const YAML::Node& value, ContextCondition* condition) {
    if (name == "terms") {
      if (Status status =
              ReadStringList(what + ".terms", value, &condition->terms, &condition->term_lines);
          !status.ok()) {
        return status;
      }
      if (condition->terms.empty()) {
        return Error(LineOf(value), "'" + what + ".terms' must not be empty");
      }
      for (std::size_t i = 0; i < condition->terms.size(); ++i) {
        if (condition->terms[i].empty()) {
          return Error(condition->term_lines[i],
                       "'" + what + "' term " + std::to_string(i + 1) + " is empty");
        }
      }
      return Status::Ok();
    }
    if (name == "within") return ParseWindow(what, value, &condition->within);
    if (name == "label") return ReadString(what + ".label", value, &condition->label);
    return Error(LineOf(key), UnknownKeyMessage("key in '" + what + "'", name, kContextKeys));
  }

  // "sentence", "clause", or "N words" (also "1 word").
  Status ParseWindow(const std::string& what, const YAML::Node& value, ContextWindow* window) {
    const std::string problem = "'" + what +
                                ".within' must be sentence, clause or N words with N from 0 to " +
                                std::to_string(kMaxWindowWords);
    if (!value.IsScalar()) return Error(LineOf(value), problem + " (got " + Kind(value) + ")");
    const std::string& text = value.Scalar();
    if (text == "sentence") {
      window->kind = ContextWindow::Kind::kSentence;
      return Status::Ok();
    }
    if (text == "clause") {
      window->kind = ContextWindow::Kind::kClause;
      return Status::Ok();
    }
    std::size_t digits = 0;
    while (digits < text.size() && digits < 4 && text[digits] >= '0' && text[digits] <= '9') {
      ++digits;
    }
    const std::string_view unit = std::string_view(text).substr(digits);
    if (digits > 0 && digits < 4 && (unit == " words" || unit == " word")) {
      const int words = std::stoi(text.substr(0, digits));
      if (words <= kMaxWindowWords) {
        window->kind = ContextWindow::Kind::kWords;
        window->words = words;
        return Status::Ok();
      }
    }
    return Error(LineOf(value), problem + " (got '" + text + "')");
  }

  Status ParseExamples(const YAML::Node& node, Rule* rule) {
    if (node.IsNull()) return Status::Ok();
    if (!node.IsMap()) {
      return Error(LineOf(node), "'examples' must be a mapping with 'match' and/or 'no_match'");
    }
    std::set<std::string> seen;
    return ForEachKey(
        node, &seen, [&](const std::string& name, const YAML::Node& key, const YAML::Node& value) {
          if (name == "match") {
            return ReadStringList("examples.match", value, &rule->examples_match,
                                  &rule->examples_match_lines);
          }
          if (name == "no_match") {
            return ReadStringList("examples.no_match", value, &rule->examples_no_match,
                                  &rule->examples_no_match_lines);
          }
          return Error(LineOf(key), UnknownKeyMessage("key in 'examples'", name, kExampleKeys));
        });
  }

  Status ReadString(std::string_view name, const YAML::Node& value, std::string* out,
                    bool allow_empty = false) {
    if (value.IsNull()) {
      if (allow_empty) return Status::Ok();
      return Error(LineOf(value), "'" + std::string(name) + "' must not be empty");
    }
    if (!value.IsScalar()) {
      return Error(LineOf(value),
                   "'" + std::string(name) + "' must be a string (got " + Kind(value) + ")");
    }
    *out = value.Scalar();
    if (out->empty() && !allow_empty) {
      return Error(LineOf(value), "'" + std::string(name) + "' must not be empty");
    }
    return Status::Ok();
  }

  Status ReadStringList(std::string_view name, const YAML::Node& value,
                        std::vector<std::string>* out, std::vector<int>* lines) {
    if (value.IsNull()) return Status::Ok();
    if (!value.IsSequence()) {
      return Error(LineOf(value), "'" + std::string(name) + "' must be a list of strings (got " +
                                      Kind(value) + ")");
    }
    for (const YAML::Node& item : value) {
      if (!item.IsScalar()) {
        return Error(LineOf(item), "'" + std::string(name) + "' must be a list of strings (got " +
                                       Kind(item) + " in the list)");
      }
      out->push_back(item.Scalar());
      if (lines != nullptr) lines->push_back(LineOf(item));
    }
    return Status::Ok();
  }

  Status ReadBool(std::string_view name, const YAML::Node& value, bool* out) {
    if (!value.IsScalar() || !YAML::convert<bool>::decode(value, *out)) {
      return Error(LineOf(value), "'" + std::string(name) + "' must be true or false");
    }
    return Status::Ok();
  }

  static std::string Kind(const YAML::Node& node) {
    switch (node.Type()) {
      case YAML::NodeType::Map:
        return "a mapping";
      case YAML::NodeType::Sequence:
        return "a list";
      case YAML::NodeType::Scalar:
        return "'" + node.Scalar() + "'";
      case YAML::NodeType::Null:
        return "nothing";
      case YAML::NodeType::Undefined:
        break;
    }
    return "nothing";
  }

  Status Error(int line, const std::string& what) const {
    std::string subject = file_ + ":" + std::to_string(line) + ": ";
    if (!subject_.empty()) {
      subject += subject_;
    } else {
      subject += "rule ";
      subject += id_.empty() ? "#" + std::to_string(index_ + 1) : "'" + id_ + "'";
    }
    return InvalidArgument(subject + ": " + what);
  }

  const std::string& file_;
  int index_;
  std::string id_;
  std::string subject_;  // what messages name instead of a rule (a family context)
};

Status FileError(const std::string& file, int line, const std::string& what) {
  return InvalidArgument(file + ":" + std::to_string(line) + ": " + what);
}

}  // namespace

namespace internal {

Result<std::vector<Rule>> ParseRuleText(std::string_view text, const std::string& display_path,
                                        std::vector<FamilyContext>* family_contexts) {
  std::vector<YAML::Node> documents;
  try {
    documents = YAML::LoadAll(std::string(text));
  } catch (const YAML::Exception& e) {
    const int line = e.mark.is_null() ? 1 : e.mark.line + 1;
    return ParseError(display_path + ":" + std::to_string(line) + ": YAML syntax error: " + e.msg);
  }
  try {
    if (documents.size() > 1) {
      return FileError(display_path, LineOf(documents[1]),
                       "more than one YAML document; put all rules under one 'rules' list");
    }
    const YAML::Node root = documents.empty() ? YAML::Node() : documents[0];
    if (!root.IsMap()) {
      return FileError(display_path, std::max(1, LineOf(root)),
                       "file has no top-level 'rules' list");
    }
    // Node::operator= assigns through to the referenced node, so hold the list in an optional
    // and copy-construct it; `it->` yields a temporary, so keys are copies too.
    std::optional<YAML::Node> rules_node;
    std::optional<YAML::Node> family_node;
    for (auto it = root.begin(); it != root.end(); ++it) {
      const YAML::Node key = it->first;
      const std::string name = key.IsScalar() ? key.Scalar() : "?";
      std::optional<YAML::Node>* slot = name == "rules"            ? &rules_node
                                        : name == "family_context" ? &family_node
                                                                   : nullptr;
      if (slot == nullptr) {
        return FileError(display_path, LineOf(key),
                         "unknown top-level key '" + name + "' (allowed: rules, family_context)");
      }
      if (*slot) return FileError(display_path, LineOf(key), "duplicate key '" + name + "'");
      slot->emplace(it->second);
    }
    if (family_node) {
      if (!family_node->IsSequence()) {
        return FileError(display_path, LineOf(*family_node),
                         "'family_context' must be a list of mappings with 'family' and "
                         "'raise' or 'lower'");
      }
      int index = 0;
      for (const YAML::Node& node : *family_node) {
        FamilyContext context;
        RuleParser parser(display_path, index++);
        if (Status status = parser.ParseFamilyContext(node, &context); !status.ok()) return status;
        if (family_contexts != nullptr) family_contexts->push_back(std::move(context));
      }
      // A file of family contexts only holds no rules.
      if (!rules_node) return std::vector<Rule>{};
    }
    if (!rules_node) {
      return FileError(display_path, std::max(1, LineOf(root)),
                       "file has no top-level 'rules' list");
    }
    if (rules_node->IsNull()) return std::vector<Rule>{};
    if (!rules_node->IsSequence()) {
      return FileError(display_path, LineOf(*rules_node), "'rules' must be a list of rules");
    }
    std::vector<Rule> rules;
    rules.reserve(rules_node->size());
    int index = 0;
    for (const YAML::Node& node : *rules_node) {
      Rule rule;
      RuleParser parser(display_path, index++);
      if (Status status = parser.Parse(node, &rule); !status.ok()) return status;
      rules.push_back(std::move(rule));
    }
    return rules;
  } catch (const YAML::Exception& e) {
    // Not expected (values are read from scalars), but yaml-cpp must never throw past here.
    const int line = e.mark.is_null() ? 1 : e.mark.line + 1;
    return InternalError(display_path + ":" + std::to_string(line) + ": " + e.msg);
  }
}

}  // namespace internal

Result<std::vector<Rule>> ParseRuleFile(const std::filesystem::path& path,
                                        std::vector<FamilyContext>* family_contexts) {
  const std::string display = path.generic_string();
  Result<std::string> bytes = internal::ReadFileBytes(path, display);
  if (!bytes.ok()) return bytes.status();
  return internal::ParseRuleText(*bytes, display, family_contexts);
}

}  // namespace trustscreen::rules
