#include "trustscreen/core_json/fields.h"

namespace trustscreen::core_json {

using nlohmann::ordered_json;

const ordered_json& Field(const ordered_json& object, const char* key) {
  auto it = object.find(key);
  if (it == object.end()) throw FieldError{std::string("missing field '") + key + "'"};
  return *it;
}

void WrongType(const char* key, const char* expected) {
  throw FieldError{std::string("field '") + key + "' is not " + expected};
}

std::string String(const ordered_json& object, const char* key) {
  const ordered_json& value = Field(object, key);
  if (!value.is_string()) WrongType(key, "a string");
  return value.get<std::string>();
}

bool Bool(const ordered_json& object, const char* key) {
  const ordered_json& value = Field(object, key);
  if (!value.is_boolean()) WrongType(key, "true or false");
  return value.get<bool>();
}

std::size_t Count(const ordered_json& object, const char* key) {
  const ordered_json& value = Field(object, key);
  if (!value.is_number_unsigned()) WrongType(key, "a count (integer >= 0)");
  return value.get<std::size_t>();
}

int Int(const ordered_json& object, const char* key) {
  const ordered_json& value = Field(object, key);
  if (!value.is_number_integer()) WrongType(key, "an integer");
  return value.get<int>();
}

double Number(const ordered_json& object, const char* key) {
  const ordered_json& value = Field(object, key);
  if (!value.is_number()) WrongType(key, "a number");
  return value.get<double>();
}

const ordered_json& Array(const ordered_json& object, const char* key) {
  const ordered_json& value = Field(object, key);
  if (!value.is_array()) WrongType(key, "an array");
  return value;
}

const ordered_json& Object(const ordered_json& object, const char* key) {
  const ordered_json& value = Field(object, key);
  if (!value.is_object()) WrongType(key, "an object");
  return value;
}

std::vector<std::string> Strings(const ordered_json& object, const char* key) {
  std::vector<std::string> values;
  for (const ordered_json& value : Array(object, key)) {
    if (!value.is_string()) WrongType(key, "an array of strings");
    values.push_back(value.get<std::string>());
  }
  return values;
}

}  // namespace trustscreen::core_json
