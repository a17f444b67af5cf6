// Documents and results <-> CBOR. Findings and clause excerpts take their JSON form from
// core_json (as findings.jsonl spells them). Enums are stored by name, so reordering an enum does
// not silently change what a stored value means; an unknown name fails the decode (a cache miss).
#include <nlohmann/json.hpp>

#include "trustscreen/cache/cache.h"
#include "trustscreen/core_json/finding_json.h"

namespace trustscreen::cache {
namespace {

using nlohmann::json;

// Looks `name` up among the values first..last of an enum with a ToString().
template <typename Enum>
Enum ParseByName(const std::string& name, Enum last) {
  for (int value = 0; value <= static_cast<int>(last); ++value) {
    if (ToString(static_cast<Enum>(value)) == name) return static_cast<Enum>(value);
  }
  throw std::runtime_error("unknown value '" + name + "'");
}

template <typename Enum>
Enum Parsed(std::optional<Enum> value, const std::string& name) {
  if (!value) throw std::runtime_error("unknown value '" + name + "'");
  return *value;
}

// The value of a core_json read, or its error thrown for DecodeCbor to return.
template <typename T>
T Decoded(Result<T> result) {
  if (!result.ok()) throw std::runtime_error(result.status().message());
  return std::move(result).value();
}

json DocumentToJson(const Document& document) {
  json pages = json::array();
  for (const Page& page : document.pages) {
    pages.push_back({page.number, page.begin, page.end, page.needs_ocr, ToString(page.source),
                     page.ocr_confidence, page.label});
  }
  json blocks = json::array();
  for (const TextBlock& block : document.blocks) {
    blocks.push_back({block.begin, block.end, ToString(block.part), block.label,
                      block.heading_level, block.locator});
  }
  json members = json::array();
  for (const Document& member : document.members) members.push_back(DocumentToJson(member));
  return {{"path", document.path},
          {"sha256", document.sha256},
          {"size_bytes", document.size_bytes},
          {"format", ToString(document.format)},
          {"status", ToString(document.status)},
          {"reason", document.reason},
          {"text", document.text},
          {"pages", std::move(pages)},
          {"replaced_invalid_bytes", document.replaced_invalid_bytes},
          {"encoding", document.encoding},
          {"blocks", std::move(blocks)},
          {"quality", {document.quality.replacement_share, document.quality.nonword_share}},
          {"transient_failure", document.transient_failure},
          {"members", std::move(members)}};
}

Document DocumentFromJson(const json& value) {
  Document document;
  document.path = value.at("path").get<std::string>();
  document.sha256 = value.at("sha256").get<std::string>();
  document.size_bytes = value.at("size_bytes").get<std::uint64_t>();
  const std::string format = value.at("format").get<std::string>();
  document.format = Parsed(ParseDocumentFormat(format), format);
  const std::string status = value.at("status").get<std::string>();
  document.status = Parsed(ParseDocumentStatus(status), status);
  document.reason = value.at("reason").get<std::string>();
  document.text = value.at("text").get<std::string>();
  for (const json& page : value.at("pages")) {
    const std::string source = page.at(4).get<std::string>();
    document.pages.push_back({page.at(0).get<int>(), page.at(1).get<std::size_t>(),
                              page.at(2).get<std::size_t>(), page.at(3).get<bool>(),
                              Parsed(ParseTextSource(source), source), page.at(5).get<double>(),
                              page.at(6).get<std::string>()});
  }
  document.replaced_invalid_bytes = value.at("replaced_invalid_bytes").get<std::uint64_t>();
  document.encoding = value.at("encoding").get<std::string>();
  for (const json& block : value.at("blocks")) {
    document.blocks.push_back({block.at(0).get<std::size_t>(), block.at(1).get<std::size_t>(),
                               ParseByName(block.at(2).get<std::string>(), kLastTextPart),
                               block.at(3).get<std::string>(), block.at(4).get<int>(),
                               block.at(5).get<std::string>()});
  }
  document.quality.replacement_share = value.at("quality").at(0).get<double>();
  document.quality.nonword_share = value.at("quality").at(1).get<double>();
  document.transient_failure = value.at("transient_failure").get<bool>();
  for (const json& member : value.at("members")) {
    document.members.push_back(DocumentFromJson(member));
  }
  return document;
}

template <typename Decode>
auto DecodeCbor(std::string_view bytes, const char* what, Decode decode)
    -> Result<decltype(decode(json()))> {
  try {
    return decode(json::from_cbor(bytes.begin(), bytes.end()));
  } catch (const std::exception& error) {
    return ParseError(std::string("stored ") + what + " cannot be decoded: " + error.what());
  }
}

}  // namespace

std::string EncodeDocument(const Document& document) {
  std::string bytes;
  json::to_cbor(DocumentToJson(document), bytes);
  return bytes;
}

Result<Document> DecodeDocument(std::string_view bytes) {
  return DecodeCbor(bytes, "document", [](const json& value) { return DocumentFromJson(value); });
}

std::string EncodeResults(const std::vector<DocumentResult>& results) {
  json array = json::array();
  for (const DocumentResult& result : results) {
    Document document = result.document;
    document.text.clear();
    document.members.clear();
    json findings = json::array();
    for (const Finding& finding : result.findings) {
      findings.push_back(json(core_json::FindingToJson(finding)));
    }
    json clauses = json::array();
    for (const ClauseExcerpt& clause : result.clauses) {
      clauses.push_back(json(core_json::ClauseExcerptToJson(clause)));
    }
    array.push_back({{"document", DocumentToJson(document)},
                     {"findings", std::move(findings)},
                     {"clauses", std::move(clauses)}});
  }
  std::string bytes;
  json::to_cbor(array, bytes);
  return bytes;
}

Result<std::vector<DocumentResult>> DecodeResults(std::string_view bytes) {
  return DecodeCbor(bytes, "results", [](const json& array) {
    std::vector<DocumentResult> results;
    for (const json& value : array) {
      DocumentResult result;
      result.document = DocumentFromJson(value.at("document"));
      for (const json& finding : value.at("findings")) {
        result.findings.push_back(Decoded(core_json::FindingFromJson(finding)));
      }
      for (const json& clause : value.at("clauses")) {
        result.clauses.push_back(Decoded(core_json::ClauseExcerptFromJson(clause)));
      }
      results.push_back(std::move(result));
    }
    return results;
  });
}

}  // namespace trustscreen::cache
