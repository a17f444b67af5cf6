// The PDF parts (pdf_parts.h) as CBOR, for the way between an extraction worker and its parent.
// Lines are arrays of their fields in declaration order; a decoder that meets a missing field, a
// wrong type or an enum out of range refuses the whole part.
#include <nlohmann/json.hpp>

#include "pdf_parts.h"

namespace trustscreen::extract::internal {
namespace {

using json = nlohmann::json;

template <typename Enum>
Enum EnumAt(const json& value, Enum last) {
  const int number = value.get<int>();
  if (number < 0 || number > static_cast<int>(last)) throw std::out_of_range("enum out of range");
  return static_cast<Enum>(number);
}

json LinesToJson(const PdfPageLines& lines) {
  json array = json::array();
  for (const PdfLine& line : lines.lines) {
    array.push_back(
        json::array({line.text, line.x_min, line.x_max, line.y_min, line.y_max, line.font_size,
                     line.bold, line.flow, line.block, line.chars, line.words,
                     static_cast<int>(line.end), line.lower_before_hyphen}));
  }
  return {{"lines", std::move(array)}, {"height", lines.height}, {"replaced", lines.replaced}};
}

PdfPageLines LinesFromJson(const json& value) {
  PdfPageLines lines;
  for (const json& item : value.at("lines")) {
    PdfLine line;
    line.text = item.at(0).get<std::string>();
    line.x_min = item.at(1).get<double>();
    line.x_max = item.at(2).get<double>();
    line.y_min = item.at(3).get<double>();
    line.y_max = item.at(4).get<double>();
    line.font_size = item.at(5).get<double>();
    line.bold = item.at(6).get<bool>();
    line.flow = item.at(7).get<int>();
    line.block = item.at(8).get<int>();
    line.chars = item.at(9).get<int>();
    line.words = item.at(10).get<int>();
    line.end = EnumAt(item.at(11), LineEnd::kSoftHyphen);
    line.lower_before_hyphen = item.at(12).get<bool>();
    lines.lines.push_back(std::move(line));
  }
  lines.height = value.at("height").get<double>();
  lines.replaced = value.at("replaced").get<std::uint64_t>();
  return lines;
}

template <typename Part, typename FromJson>
Result<Part> Decode(std::string_view bytes, std::string_view what, FromJson from_json) {
  try {
    const json value = json::from_cbor(bytes.begin(), bytes.end());
    return from_json(value);
  } catch (const std::exception& error) {
    return InvalidArgument("unreadable PDF " + std::string(what) + ": " + error.what());
  }
}

std::string ToCbor(const json& value) {
  std::string bytes;
  json::to_cbor(value, bytes);
  return bytes;
}

}  // namespace

std::string EncodeLayoutPart(const PdfLayoutPart& part) {
  json pages = json::array();
  for (const LaidOutPage& page : part.pages) {
    pages.push_back({{"number", page.number},
                     {"kind", static_cast<int>(page.kind)},
                     {"lines", LinesToJson(page.lines)}});
  }
  return ToCbor({{"sha256", part.sha256},
                 {"failure", part.failure},
                 {"page_count", part.page_count},
                 {"pages_to_read", part.pages_to_read},
                 {"truncated", part.truncated},
                 {"first_error", part.first_error},
                 {"pages", std::move(pages)},
                 {"counts", json::array({part.counts.chars, part.counts.replacements,
                                         part.counts.tokens, part.counts.nonwords})},
                 {"blank_pages", part.blank_pages}});
}

Result<PdfLayoutPart> DecodeLayoutPart(std::string_view bytes) {
  return Decode<PdfLayoutPart>(bytes, "page layout", [](const json& value) {
    PdfLayoutPart part;
    part.sha256 = value.at("sha256").get<std::string>();
    part.failure = value.at("failure").get<std::string>();
    part.page_count = value.at("page_count").get<int>();
    part.pages_to_read = value.at("pages_to_read").get<int>();
    part.truncated = value.at("truncated").get<bool>();
    part.first_error = value.at("first_error").get<std::string>();
    for (const json& item : value.at("pages")) {
      LaidOutPage page;
      page.number = item.at("number").get<int>();
      page.kind = EnumAt(item.at("kind"), PageKind::kDamaged);
      page.lines = LinesFromJson(item.at("lines"));
      part.pages.push_back(std::move(page));
    }
    const json& counts = value.at("counts");
    part.counts.chars = counts.at(0).get<std::uint64_t>();
    part.counts.replacements = counts.at(1).get<std::uint64_t>();
    part.counts.tokens = counts.at(2).get<std::uint64_t>();
    part.counts.nonwords = counts.at(3).get<std::uint64_t>();
    part.blank_pages = value.at("blank_pages").get<int>();
    return part;
  });
}

std::string EncodeOcrPart(const PdfOcrPart& part) {
  return ToCbor({{"sha256", part.sha256},
                 {"failure", part.failure},
                 {"truncated", part.truncated},
                 {"number", part.number},
                 {"outcome", static_cast<int>(part.page.outcome)},
                 {"lines", LinesToJson(part.page.lines)},
                 {"words", part.page.words},
                 {"mean_confidence", part.page.mean_confidence},
                 {"error", part.page.error},
                 {"first_error", part.first_error}});
}

Result<PdfOcrPart> DecodeOcrPart(std::string_view bytes) {
  return Decode<PdfOcrPart>(bytes, "OCR page", [](const json& value) {
    PdfOcrPart part;
    part.sha256 = value.at("sha256").get<std::string>();
    part.failure = value.at("failure").get<std::string>();
    part.truncated = value.at("truncated").get<bool>();
    part.number = value.at("number").get<int>();
    part.page.outcome = EnumAt(value.at("outcome"), OcrOutcome::kFailed);
    part.page.lines = LinesFromJson(value.at("lines"));
    part.page.words = value.at("words").get<int>();
    part.page.mean_confidence = value.at("mean_confidence").get<double>();
    part.page.error = value.at("error").get<std::string>();
    part.first_error = value.at("first_error").get<std::string>();
    return part;
  });
}

}  // namespace trustscreen::extract::internal
