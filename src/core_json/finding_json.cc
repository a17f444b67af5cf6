#include "trustscreen/core_json/finding_json.h"

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "trustscreen/core_json/fields.h"

namespace trustscreen::core_json {
namespace {

using nlohmann::ordered_json;

template <typename Read>
Status Catching(Read read) {
  try {
    read();
    return Status::Ok();
  } catch (const FieldError& error) {
    return ParseError(error.message);
  }
}

// The string under `key`, or `fallback` when there is none (a field older reports lack).
std::string OptionalString(const ordered_json& object, const char* key, std::string fallback) {
  return object.contains(key) ? String(object, key) : std::move(fallback);
}

}  // namespace

void AppendFindingRule(const Finding& finding, ordered_json& out) {
  out["rule_id"] = finding.rule_id;
  out["title"] = finding.rule_title;
  out["category"] = finding.rule_category;
  out["family"] = ToString(finding.family);
  out["severity"] = ToString(finding.severity);
  out["base_severity"] = ToString(finding.base_severity);
  out["modifiers"] = finding.modifiers;
  out["negated"] = finding.negated;
  out["page"] = finding.page;
  if (!finding.location.empty()) out["location"] = finding.location;
}

void AppendFindingMatch(const Finding& finding, ordered_json& out) {
  out["clause"] = {{"ref", finding.clause_ref},
                   {"title", finding.clause_title},
                   {"section", finding.section},
                   {"in_references", finding.in_references}};
  out["begin"] = finding.begin;
  out["end"] = finding.end;
  out["matched_text"] = finding.matched_text;
  out["snippet"] = finding.snippet;
  out["fingerprint"] = finding.fingerprint;
}

void AppendFindingEntity(const Finding& finding, ordered_json& out) {
  if (!finding.entity) return;
  const EntityHit& entity = *finding.entity;
  out["entity"] = {{"list", entity.list},
                   {"entry_id", entity.entry_id},
                   {"listed_name", entity.listed_name},
                   {"matched_alias", entity.matched_alias},
                   {"reference", entity.reference},
                   {"country", entity.country},
                   {"also_listed_in", entity.also_listed_in},
                   {"list_date", entity.list_date},
                   {"category", entity.category},
                   {"entry_type", entity.entry_type},
                   {"match_kind", entity.match_kind}};
}

Status ReadFindingRule(const ordered_json& in, Finding& finding) {
  return Catching([&] {
    finding.rule_id = String(in, "rule_id");
    finding.rule_title = String(in, "title");
    finding.rule_category = OptionalString(in, "category", "");
    finding.family = Named(in, "family", ParseRuleFamily);
    finding.severity = Named(in, "severity", ParseSeverity);
    finding.base_severity = Named(in, "base_severity", ParseSeverity);
    finding.modifiers = Strings(in, "modifiers");
    finding.negated = Bool(in, "negated");
    finding.page = Int(in, "page");
    finding.location = OptionalString(in, "location", "");
  });
}

Status ReadFindingMatch(const ordered_json& in, Finding& finding) {
  return Catching([&] {
    const ordered_json& clause = Object(in, "clause");
    finding.clause_ref = String(clause, "ref");
    finding.clause_title = String(clause, "title");
    finding.section = String(clause, "section");
    finding.in_references = Bool(clause, "in_references");
    finding.begin = Count(in, "begin");
    finding.end = Count(in, "end");
    finding.matched_text = String(in, "matched_text");
    finding.snippet = String(in, "snippet");
    finding.fingerprint = String(in, "fingerprint");
  });
}

Status ReadFindingEntity(const ordered_json& in, Finding& finding) {
  return Catching([&] {
    if (!in.contains("entity")) return;
    const ordered_json& item = Object(in, "entity");
    EntityHit entity;
    entity.list = String(item, "list");
    entity.entry_id = String(item, "entry_id");
    entity.listed_name = String(item, "listed_name");
    entity.matched_alias = String(item, "matched_alias");
    entity.reference = String(item, "reference");
    entity.country = String(item, "country");
    entity.also_listed_in = Strings(item, "also_listed_in");
    entity.list_date = OptionalString(item, "list_date", "");
    entity.category = OptionalString(item, "category", "");
    entity.entry_type = OptionalString(item, "entry_type", "");
    entity.match_kind = OptionalString(item, "match_kind", std::move(entity.match_kind));
    finding.entity = std::move(entity);
  });
}

ordered_json AppliedWaiverToJson(const AppliedWaiver& waiver) {
  return {{"id", waiver.id},
          {"location", waiver.location},
          {"reviewer", waiver.reviewer},
          {"date", waiver.date},
          {"reason", waiver.reason},
          {"reference", waiver.reference},
          {"expires", waiver.expires},
          {"expired", waiver.expired},
          {"decision", ToString(waiver.decision)}};
}

ordered_json NotesToJson(const std::vector<AppliedWaiver>& notes) {
  ordered_json list = ordered_json::array();
  for (const AppliedWaiver& note : notes) list.push_back(AppliedWaiverToJson(note));
  return list;
}

Result<AppliedWaiver> AppliedWaiverFromJson(const ordered_json& value) {
  AppliedWaiver waiver;
  Status status = Catching([&] {
    waiver.id = String(value, "id");
    waiver.location = String(value, "location");
    waiver.reviewer = String(value, "reviewer");
    waiver.date = String(value, "date");
    waiver.reason = String(value, "reason");
    waiver.reference = String(value, "reference");
    waiver.expires = String(value, "expires");
    waiver.expired = Bool(value, "expired");
    if (value.contains("decision")) {
      waiver.decision = Named(value, "decision", ParseReviewDecision);
    }
  });
  if (!status.ok()) return status;
  return waiver;
}

ordered_json FindingToJson(const Finding& finding) {
  ordered_json value = ordered_json::object();
  AppendFindingRule(finding, value);
  AppendFindingMatch(finding, value);
  AppendFindingEntity(finding, value);
  return value;
}

Result<Finding> FindingFromJson(const ordered_json& value) {
  Finding finding;
  for (auto read : {ReadFindingRule, ReadFindingMatch, ReadFindingEntity}) {
    if (Status status = read(value, finding); !status.ok()) return status;
  }
  return finding;
}

ordered_json ClauseExcerptToJson(const ClauseExcerpt& clause) {
  return {{"ref", clause.ref},     {"title", clause.title}, {"pages", clause.pages},
          {"begin", clause.begin}, {"end", clause.end},     {"truncated", clause.truncated},
          {"text", clause.text}};
}

Result<ClauseExcerpt> ClauseExcerptFromJson(const ordered_json& value) {
  ClauseExcerpt clause;
  Status status = Catching([&] {
    clause.ref = String(value, "ref");
    clause.title = String(value, "title");
    for (const ordered_json& page : Array(value, "pages")) {
      if (!page.is_number_integer()) WrongType("pages", "an array of integers");
      clause.pages.push_back(page.get<int>());
    }
    clause.begin = Count(value, "begin");
    clause.end = Count(value, "end");
    clause.truncated = Bool(value, "truncated");
    clause.text = String(value, "text");
  });
  if (!status.ok()) return status;
  return clause;
}

}  // namespace trustscreen::core_json
