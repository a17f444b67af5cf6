#include "trustscreen/core_json/finding_json.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace trustscreen::core_json {
namespace {

using nlohmann::ordered_json;

Finding SampleFinding() {
  Finding finding;
  finding.rule_id = "partner-x";
  finding.rule_title = "Listed partner";
  finding.rule_category = "Entity List";
  finding.family = RuleFamily::kPartner;
  finding.severity = Severity::kCritical;
  finding.base_severity = Severity::kHigh;
  finding.negated = true;
  finding.modifiers = {"+military", "-negated"};
  finding.page = 2;
  finding.begin = 9;
  finding.end = 24;
  finding.matched_text = "hypersonic";
  finding.snippet = "… hypersonic …";
  finding.clause_ref = "12.3(b)";
  finding.clause_title = "Export Control";
  finding.section = "12 Export";
  finding.in_references = true;
  finding.fingerprint = std::string(64, 'a');
  finding.entity = EntityHit{"Entity List",
                             "el-1",
                             "ACME",
                             "Acme Ltd",
                             "85 FR 1",
                             "CN|HK",
                             {"MEU: ACME (m-2)"},
                             "2024-05-01",
                             "Military",
                             "entity",
                             std::string(kMatchWeakAlias)};
  return finding;
}

std::vector<std::string> Keys(const ordered_json& object) {
  std::vector<std::string> keys;
  for (const auto& [key, value] : object.items()) keys.push_back(key);
  return keys;
}

void ExpectSameFinding(const Finding& a, const Finding& b) {
  EXPECT_EQ(a.rule_id, b.rule_id);
  EXPECT_EQ(a.rule_title, b.rule_title);
  EXPECT_EQ(a.rule_category, b.rule_category);
  EXPECT_EQ(a.family, b.family);
  EXPECT_EQ(a.severity, b.severity);
  EXPECT_EQ(a.base_severity, b.base_severity);
  EXPECT_EQ(a.negated, b.negated);
  EXPECT_EQ(a.modifiers, b.modifiers);
  EXPECT_EQ(a.page, b.page);
  EXPECT_EQ(a.begin, b.begin);
  EXPECT_EQ(a.end, b.end);
  EXPECT_EQ(a.matched_text, b.matched_text);
  EXPECT_EQ(a.snippet, b.snippet);
  EXPECT_EQ(a.clause_ref, b.clause_ref);
  EXPECT_EQ(a.clause_title, b.clause_title);
  EXPECT_EQ(a.section, b.section);
  EXPECT_EQ(a.in_references, b.in_references);
  EXPECT_EQ(a.fingerprint, b.fingerprint);
  ASSERT_EQ(a.entity.has_value(), b.entity.has_value());
  if (!a.entity) return;
  EXPECT_EQ(a.entity->list, b.entity->list);
  EXPECT_EQ(a.entity->entry_id, b.entity->entry_id);
  EXPECT_EQ(a.entity->listed_name, b.entity->listed_name);
  EXPECT_EQ(a.entity->matched_alias, b.entity->matched_alias);
  EXPECT_EQ(a.entity->reference, b.entity->reference);
  EXPECT_EQ(a.entity->country, b.entity->country);
  EXPECT_EQ(a.entity->also_listed_in, b.entity->also_listed_in);
  EXPECT_EQ(a.entity->list_date, b.entity->list_date);
  EXPECT_EQ(a.entity->category, b.entity->category);
  EXPECT_EQ(a.entity->entry_type, b.entity->entry_type);
  EXPECT_EQ(a.entity->match_kind, b.entity->match_kind);
}

// The published order of docs/report-format.md and docs/report-schema.json.
TEST(FindingJson, WritesTheReportsKeysInTheReportsOrder) {
  const ordered_json value = FindingToJson(SampleFinding());
  EXPECT_EQ(Keys(value), (std::vector<std::string>{
                             "rule_id", "title", "category", "family", "severity", "base_severity",
                             "modifiers", "negated", "page", "clause", "begin", "end",
                             "matched_text", "snippet", "fingerprint", "entity"}));
  EXPECT_EQ(Keys(value["clause"]),
            (std::vector<std::string>{"ref", "title", "section", "in_references"}));
  EXPECT_EQ(Keys(value["entity"]),
            (std::vector<std::string>{"list", "entry_id", "listed_name", "matched_alias",
                                      "reference", "country", "also_listed_in", "list_date",
                                      "category", "entry_type", "match_kind"}));
  EXPECT_EQ(value["family"], "partner");
  EXPECT_EQ(value["severity"], "critical");
  EXPECT_EQ(value["base_severity"], "high");
}

TEST(FindingJson, PartsAppendInTurnAroundFieldsOfTheCaller) {
  const Finding finding = SampleFinding();
  ordered_json line = {{"record", "finding"}};
  AppendFindingRule(finding, line);
  line["between"] = 1;
  AppendFindingMatch(finding, line);
  AppendFindingEntity(finding, line);
  const std::vector<std::string> keys = Keys(line);
  ASSERT_EQ(keys.size(), 18u);
  EXPECT_EQ(keys[0], "record");
  EXPECT_EQ(keys[9], "page");
  EXPECT_EQ(keys[10], "between");
  EXPECT_EQ(keys[11], "clause");
  EXPECT_EQ(keys[17], "entity");
}

TEST(FindingJson, RoundTripsEveryField) {
  const Finding finding = SampleFinding();
  Result<Finding> read = FindingFromJson(FindingToJson(finding));
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  ExpectSameFinding(*read, finding);
}

TEST(FindingJson, AFindingWithoutEntityHasNoEntityKeyAndReadsBackWithout) {
  Finding finding = SampleFinding();
  finding.entity.reset();
  const ordered_json value = FindingToJson(finding);
  EXPECT_FALSE(value.contains("entity"));
  Result<Finding> read = FindingFromJson(value);
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  EXPECT_FALSE(read->entity.has_value());
}

TEST(FindingJson, FieldsOlderReportsLackTakeTheirDefaults) {
  ordered_json value = FindingToJson(SampleFinding());
  value.erase("category");
  for (const char* key : {"list_date", "category", "entry_type", "match_kind"}) {
    value["entity"].erase(key);
  }
  Result<Finding> read = FindingFromJson(value);
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  EXPECT_EQ(read->rule_category, "");
  EXPECT_EQ(read->entity->list_date, "");
  EXPECT_EQ(read->entity->category, "");
  EXPECT_EQ(read->entity->entry_type, "");
  EXPECT_EQ(read->entity->match_kind, kMatchListedName);
}

TEST(FindingJson, NamesTheFirstFieldThatIsMissingOrWrong) {
  const ordered_json good = FindingToJson(SampleFinding());
  struct Case {
    const char* key;
    ordered_json value;  // null: remove the key
    const char* message;
  };
  const std::vector<Case> cases = {
      {"rule_id", nullptr, "missing field 'rule_id'"},
      {"title", 3, "field 'title' is not a string"},
      {"family", "partners", "field 'family': unknown value 'partners'"},
      {"severity", "severe", "field 'severity': unknown value 'severe'"},
      {"modifiers", ordered_json::array({1}), "field 'modifiers' is not an array of strings"},
      {"negated", "yes", "field 'negated' is not true or false"},
      {"page", 1.5, "field 'page' is not an integer"},
      {"clause", "12.3", "field 'clause' is not an object"},
      {"begin", -1, "field 'begin' is not a count (integer >= 0)"},
      {"fingerprint", nullptr, "missing field 'fingerprint'"},
      {"entity", ordered_json::array(), "field 'entity' is not an object"},
  };
  for (const Case& c : cases) {
    ordered_json value = good;
    if (c.value.is_null()) {
      value.erase(c.key);
    } else {
      value[c.key] = c.value;
    }
    Result<Finding> read = FindingFromJson(value);
    ASSERT_FALSE(read.ok()) << c.key;
    EXPECT_EQ(read.status().code(), ErrorCode::kParseError);
    EXPECT_EQ(read.status().message(), c.message);
  }
  ordered_json value = good;
  value["entity"].erase("listed_name");
  EXPECT_EQ(FindingFromJson(value).status().message(), "missing field 'listed_name'");
}

TEST(ClauseExcerptJson, RoundTripsInTheReportsOrder) {
  const ClauseExcerpt clause{"12.3(b)", "Export Control", {1, 2}, 9, 24, true, "hypersonic"};
  const ordered_json value = ClauseExcerptToJson(clause);
  EXPECT_EQ(Keys(value), (std::vector<std::string>{"ref", "title", "pages", "begin", "end",
                                                   "truncated", "text"}));
  Result<ClauseExcerpt> read = ClauseExcerptFromJson(value);
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  EXPECT_EQ(read->ref, clause.ref);
  EXPECT_EQ(read->title, clause.title);
  EXPECT_EQ(read->pages, clause.pages);
  EXPECT_EQ(read->begin, clause.begin);
  EXPECT_EQ(read->end, clause.end);
  EXPECT_EQ(read->truncated, clause.truncated);
  EXPECT_EQ(read->text, clause.text);

  ordered_json bad = value;
  bad["pages"] = {1, "2"};
  EXPECT_EQ(ClauseExcerptFromJson(bad).status().message(),
            "field 'pages' is not an array of integers");
}

}  // namespace
}  // namespace trustscreen::core_json
