#include "trustscreen/core/document.h"

#include <gtest/gtest.h>

namespace trustscreen {
namespace {

Document ThreePages() {
  // "aaa\fbbb\fccc": pages [0,3) [4,7) [8,11), separators at 3 and 7.
  Document document;
  document.text = "aaa\fbbb\fccc";
  document.pages = {{1, 0, 3, false}, {2, 4, 7, false}, {3, 8, 11, false}};
  return document;
}

TEST(Document, PageAtFindsThePageOfAnOffset) {
  Document document = ThreePages();
  EXPECT_EQ(document.PageAt(0), 1);
  EXPECT_EQ(document.PageAt(2), 1);
  EXPECT_EQ(document.PageAt(4), 2);
  EXPECT_EQ(document.PageAt(10), 3);
}

TEST(Document, PageAtSeparatorBelongsToTheNextPage) {
  Document document = ThreePages();
  EXPECT_EQ(document.PageAt(3), 2);
  EXPECT_EQ(document.PageAt(7), 3);
}

TEST(Document, PageAtWithoutPagesIsZero) {
  Document document;
  document.text = "text";
  EXPECT_EQ(document.PageAt(1), 0);
}

TEST(DocumentStatus, OnlyOkIsFullyScreened) {
  for (DocumentStatus status :
       {DocumentStatus::kPartial, DocumentStatus::kEmpty, DocumentStatus::kNeedsOcr,
        DocumentStatus::kEncrypted, DocumentStatus::kCorrupt, DocumentStatus::kUnsupported,
        DocumentStatus::kTooLarge, DocumentStatus::kTimeout, DocumentStatus::kCrashed,
        DocumentStatus::kMissing, DocumentStatus::kUnreadable, DocumentStatus::kNotScreened}) {
    EXPECT_FALSE(IsFullyScreened(status)) << ToString(status);
  }
  EXPECT_TRUE(IsFullyScreened(DocumentStatus::kOk));
}

TEST(DocumentStatus, NamesRoundTrip) {
  for (std::string_view name :
       {"ok", "partial", "empty", "needs_ocr", "encrypted", "corrupt", "unsupported", "too_large",
        "timeout", "crashed", "missing", "unreadable", "not_screened"}) {
    std::optional<DocumentStatus> status = ParseDocumentStatus(name);
    ASSERT_TRUE(status.has_value()) << name;
    EXPECT_EQ(ToString(*status), name);
  }
  EXPECT_FALSE(ParseDocumentStatus("clean").has_value());
}

}  // namespace
}  // namespace trustscreen
