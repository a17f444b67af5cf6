// core_json: the JSON form of a Finding (with its EntityHit) and of a ClauseExcerpt, written and
// read in one place for the two users that store them: findings.jsonl (report/jsonl_writer.cc and
// jsonl_reader.cc) and the cache's stored results (cache/codec.cc, the CBOR of this JSON). The keys
// and their order are the published report format (docs/report-format.md,
// docs/report-schema.json): a change here changes the report and the cache's encoding (bump
// cache::kSchemaVersion) together.
//
// A finding record of findings.jsonl carries fields of the report's own (id, document, ocr,
// short_id, status, waiver) between the shared ones, so a finding is written and read in three
// parts, in the report's order: the rule (rule_id ... page), the match (clause ... fingerprint) and
// the entity. FindingToJson and FindingFromJson are the three parts together: what the cache
// stores. Fields that only the reports derive or hold (review status, waiver) are not part of it.
//
// Reading checks each field's type and fails (kParseError) with the first field that is wrong:
// "missing field 'K'", "field 'K' is not a string" (or another type), "field 'K': unknown value
// 'V'". Fields that older reports lack are optional: the finding's category and the entity's
// list_date, category, entry_type and match_kind (their defaults when absent).
//
// The interface speaks nlohmann::ordered_json because mapping to that library's values is all this
// module does; it links it publicly. Thread-safety: plain functions of their arguments.
#ifndef TRUSTSCREEN_CORE_JSON_FINDING_JSON_H_
#define TRUSTSCREEN_CORE_JSON_FINDING_JSON_H_

#include <nlohmann/json.hpp>
#include <vector>

#include "trustscreen/core/finding.h"
#include "trustscreen/core/status.h"

namespace trustscreen::core_json {

// Appends to the object `out`: rule_id, title, category, family, severity, base_severity,
// modifiers, negated, page.
void AppendFindingRule(const Finding& finding, nlohmann::ordered_json& out);
// Appends clause {ref, title, section, in_references}, begin, end, matched_text, snippet,
// fingerprint.
void AppendFindingMatch(const Finding& finding, nlohmann::ordered_json& out);
// Appends entity {list, entry_id, listed_name, matched_alias, reference, country, also_listed_in,
// list_date, category, entry_type, match_kind} when the finding has one; nothing otherwise.
void AppendFindingEntity(const Finding& finding, nlohmann::ordered_json& out);

// The inverses: set the fields of `finding` that the matching Append writes.
Status ReadFindingRule(const nlohmann::ordered_json& in, Finding& finding);
Status ReadFindingMatch(const nlohmann::ordered_json& in, Finding& finding);
// No "entity" key leaves finding.entity empty.
Status ReadFindingEntity(const nlohmann::ordered_json& in, Finding& finding);

// The three parts in one object, and back.
nlohmann::ordered_json FindingToJson(const Finding& finding);
Result<Finding> FindingFromJson(const nlohmann::ordered_json& value);

// A reviewer decision applied to a finding, as the reports write it: {id, location, reviewer,
// date, reason, reference, expires, expired, decision}, and back ("decision" is optional when
// read: reports before decisions hold waivers only, "cleared").
nlohmann::ordered_json AppliedWaiverToJson(const AppliedWaiver& waiver);
// A finding's notes (Finding::notes) as an array of the same objects.
nlohmann::ordered_json NotesToJson(const std::vector<AppliedWaiver>& notes);
Result<AppliedWaiver> AppliedWaiverFromJson(const nlohmann::ordered_json& value);

// {ref, title, pages, begin, end, truncated, text}, and back.
nlohmann::ordered_json ClauseExcerptToJson(const ClauseExcerpt& clause);
Result<ClauseExcerpt> ClauseExcerptFromJson(const nlohmann::ordered_json& value);

}  // namespace trustscreen::core_json

#endif  // TRUSTSCREEN_CORE_JSON_FINDING_JSON_H_
