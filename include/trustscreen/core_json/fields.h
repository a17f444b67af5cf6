// Typed reads of the fields of a JSON object, for the readers of trustscreen's JSON records
// (core_json's finding mapping, report's findings.jsonl reader). Each throws FieldError with the
// message the report reader shows after "FILE:LINE: RECORD record: ": "missing field 'K'",
// "field 'K' is not a string" (or another type), "field 'K': unknown value 'V'".
#ifndef TRUSTSCREEN_CORE_JSON_FIELDS_H_
#define TRUSTSCREEN_CORE_JSON_FIELDS_H_

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace trustscreen::core_json {

// A field that is missing or of the wrong type, or another malformed part of a record.
struct FieldError {
  std::string message;
};

const nlohmann::ordered_json& Field(const nlohmann::ordered_json& object, const char* key);
[[noreturn]] void WrongType(const char* key, const char* expected);

std::string String(const nlohmann::ordered_json& object, const char* key);
bool Bool(const nlohmann::ordered_json& object, const char* key);
std::size_t Count(const nlohmann::ordered_json& object, const char* key);  // an integer >= 0
int Int(const nlohmann::ordered_json& object, const char* key);
double Number(const nlohmann::ordered_json& object, const char* key);
const nlohmann::ordered_json& Array(const nlohmann::ordered_json& object, const char* key);
const nlohmann::ordered_json& Object(const nlohmann::ordered_json& object, const char* key);
std::vector<std::string> Strings(const nlohmann::ordered_json& object, const char* key);

// The value `parse` (ParseSeverity, ParseRuleFamily: name -> std::optional) gives the string
// under `key`.
template <typename Parse>
auto Named(const nlohmann::ordered_json& object, const char* key, Parse parse) {
  const std::string name = String(object, key);
  if (auto value = parse(name)) return *value;
  throw FieldError{std::string("field '") + key + "': unknown value '" + name + "'"};
}

}  // namespace trustscreen::core_json

#endif  // TRUSTSCREEN_CORE_JSON_FIELDS_H_
