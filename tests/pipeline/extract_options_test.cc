// ExtractOptions' fields are listed once (extract::ForEachOption); the worker protocol, the cache
// key and the run header are made from that list. These tests fail when a field is missing from
// it, or when one of the three does not follow it.
#include <gtest/gtest.h>

#include <cstddef>
#include <set>
#include <string>
#include <type_traits>
#include <vector>

#include "trustscreen/cache/cache.h"
#include "trustscreen/extract/extract.h"
#include "worker_protocol.h"

namespace trustscreen::extract {
namespace {

// How many members an aggregate has: the most initialisers T{...} accepts.
struct AnyValue {
  template <typename T>
  operator T() const;  // NOLINT(google-explicit-constructor): declared only, never called
};

template <typename T, typename... Values>
constexpr std::size_t AggregateFields() {
  if constexpr (requires { T{Values{}..., AnyValue{}}; }) {
    return AggregateFields<T, Values..., AnyValue>();
  } else {
    return sizeof...(Values);
  }
}

std::vector<std::string> FieldNames() {
  std::vector<std::string> names;
  const ExtractOptions options;
  ForEachOption(options,
                [&](const OptionField& field, const auto&) { names.emplace_back(field.name); });
  return names;
}

// A value of the same type that differs from `value`.
template <typename T>
void Change(T& value) {
  if constexpr (std::is_same_v<T, bool>) {
    value = !value;
  } else if constexpr (std::is_same_v<T, OcrMode>) {
    value = value == OcrMode::kAlways ? OcrMode::kAuto : OcrMode::kAlways;
  } else if constexpr (std::is_same_v<T, std::string>) {
    value += "x";
  } else if constexpr (std::is_same_v<T, std::vector<std::string>>) {
    value.push_back("secret");
  } else {
    value += 1;
  }
}

// `options` with its field number `index` (in ForEachOption's order) changed.
ExtractOptions WithFieldChanged(ExtractOptions options, std::size_t index, OptionField* field) {
  std::size_t at = 0;
  ForEachOption(options, [&](const OptionField& each, auto& value) {
    if (at++ != index) return;
    Change(value);
    *field = each;
  });
  return options;
}

TEST(ExtractOptions, EveryFieldIsListedOnceInForEachOption) {
  const std::vector<std::string> names = FieldNames();
  // on_page is a callback, not an option.
  EXPECT_EQ(names.size() + 1, AggregateFields<ExtractOptions>())
      << "a field of ExtractOptions is missing from extract::ForEachOption";
  EXPECT_EQ(std::set<std::string>(names.begin(), names.end()).size(), names.size());
}

TEST(ExtractOptions, EveryFieldThatCanChangeTheTextChangesTheCacheKey) {
  ExtractOptions base;
  base.ocr = OcrMode::kAuto;
  const std::string key = cache::OptionsKey(base);
  for (std::size_t i = 0; i < FieldNames().size(); ++i) {
    OptionField field;
    const ExtractOptions changed = WithFieldChanged(base, i, &field);
    if (field.key == OptionKey::kNever) {
      EXPECT_EQ(cache::OptionsKey(changed), key) << field.name << " is marked kNever";
    } else {
      EXPECT_NE(cache::OptionsKey(changed), key) << field.name;
    }
  }
}

TEST(ExtractOptions, OcrSettingsDoNotChangeTheCacheKeyWhileOcrIsOff) {
  ExtractOptions base;
  base.ocr = OcrMode::kNever;
  const std::string key = cache::OptionsKey(base);
  for (std::size_t i = 0; i < FieldNames().size(); ++i) {
    OptionField field;
    const ExtractOptions changed = WithFieldChanged(base, i, &field);
    if (field.key != OptionKey::kWithOcr) continue;
    EXPECT_EQ(cache::OptionsKey(changed), key) << field.name;
  }
}

TEST(ExtractOptions, EveryFieldTravelsToTheWorker) {
  for (std::size_t i = 0; i < FieldNames().size(); ++i) {
    OptionField field;
    pipeline::worker::WorkerOptions sent{WithFieldChanged({}, i, &field), 123};
    Result<pipeline::worker::WorkerOptions> received =
        pipeline::worker::DecodeOptions(pipeline::worker::EncodeOptions(sent));
    ASSERT_TRUE(received.ok()) << received.status().message();
    EXPECT_EQ(received->memory_limit_bytes, 123u);
    // Compared field by field: what the worker received is what was sent.
    std::vector<std::string> sent_text;
    std::vector<std::string> received_text;
    ForEachOption(sent.extract, [&](const OptionField&, const auto& value) {
      sent_text.push_back(OptionText(value));
    });
    ForEachOption(received->extract, [&](const OptionField&, const auto& value) {
      received_text.push_back(OptionText(value));
    });
    EXPECT_EQ(received_text, sent_text) << field.name;
    EXPECT_EQ(received->extract.passwords, sent.extract.passwords);
  }
}

}  // namespace
}  // namespace trustscreen::extract

namespace trustscreen::pipeline::worker {
namespace {

TEST(WorkerProtocol, PageRequestsCarryAnyFileNameExactly) {
  const PageRequest request{"/in/a\xff\nb.pdf", 17, 32};
  Result<PageRequest> decoded = DecodePageRequest(EncodePageRequest(request));
  ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
  EXPECT_EQ(decoded->path, request.path);
  EXPECT_EQ(decoded->first, 17);
  EXPECT_EQ(decoded->last, 32);
  for (const char* bad : {"", "17", "17 32", "x 32\n/a", "17 y\n/a"}) {
    EXPECT_FALSE(DecodePageRequest(bad).ok()) << bad;
  }
}

TEST(WorkerProtocol, APlanCarriesThePageCountTheDocumentSoFarAndItsLayout) {
  extract::FileOrSplit sent;
  sent.pdf_pages = 11;
  sent.document.path = "/in/a\xff.pdf";
  sent.document.sha256 = std::string(64, 'a');
  sent.document.format = DocumentFormat::kPdf;
  sent.layout_parts = {std::string("\0\x01part", 6), "second"};
  Result<extract::FileOrSplit> plan = DecodePlan(EncodePlan(sent));
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  EXPECT_EQ(plan->pdf_pages, 11);
  EXPECT_EQ(plan->document.path, sent.document.path);
  EXPECT_EQ(plan->document.sha256, sent.document.sha256);
  EXPECT_EQ(plan->layout_parts, sent.layout_parts);
  sent.pdf_pages = 0;
  EXPECT_FALSE(DecodePlan(EncodePlan(sent)).ok());
  EXPECT_FALSE(DecodePlan("154").ok());
}

}  // namespace
}  // namespace trustscreen::pipeline::worker
