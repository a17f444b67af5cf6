#include "trustscreen/lists/legal_forms.h"

#include <gtest/gtest.h>
#include <re2/re2.h>

#include <string>

namespace trustscreen::lists {
namespace {

TEST(LegalForms, FindsDescriptorsOfFormsInAnyScriptAndSpelling) {
  ASSERT_FALSE(FindLegalForms("Public Joint-Stock Company").empty());
  EXPECT_EQ(FindLegalForms("Public Joint-Stock Company").front().display, "PJSC");
  EXPECT_EQ(FindLegalForms("ООО").front().generic, "LLC");
  EXPECT_EQ(FindLegalForms("ОБЩЕСТВО С ОГРАНИЧЕННОЙ ОТВЕТСТВЕННОСТЬЮ").front().generic, "LLC");
  EXPECT_FALSE(FindLegalForms("GmbH").empty());
  EXPECT_FALSE(FindLegalForms("有限公司").empty());
  EXPECT_TRUE(FindLegalForms("Sberbank").empty());
}

TEST(LegalForms, LegalFormWordsAreFormsOfOneWordButNotOrdinaryWords) {
  for (const char* word : {"JSC", "Ltd", "LIMITED", "GmbH", "ООО", "ПАО", "OAO", "LLC", "Corp"}) {
    EXPECT_TRUE(IsLegalFormWord(word)) << word;
  }
  for (const char* word : {"Group", "Bank", "Trust", "II", "of", "Sberbank", "f"}) {
    EXPECT_FALSE(IsLegalFormWord(word)) << word;
  }
}

TEST(LegalForms, StripLeavesTheNameWithoutLeadingAndTrailingForms) {
  EXPECT_EQ(StripLegalForms("PJSC Sberbank of Russia"), "Sberbank of Russia");
  EXPECT_EQ(StripLegalForms("Sberbank of Russia PJSC"), "Sberbank of Russia");
  EXPECT_EQ(StripLegalForms("Public Joint Stock Company Sberbank of Russia"), "Sberbank of Russia");
  EXPECT_EQ(StripLegalForms("Beijing X Technology Co., Ltd."), "Beijing X Technology");
  EXPECT_EQ(StripLegalForms("Kompaniya Gaz-Alyans, OOO"), "Kompaniya Gaz-Alyans");
  EXPECT_EQ(StripLegalForms("ПАО «Сбербанк России»"), "Сбербанк России");
  EXPECT_EQ(StripLegalForms("北京中科嘉宇科技有限公司"), "北京中科嘉宇科技");
  // Nothing but forms: kept whole.
  EXPECT_EQ(StripLegalForms("Limited Liability Company"), "Limited Liability Company");
  // A form inside the name stays.
  EXPECT_EQ(StripLegalForms("JSC Rosneft Trading SA"), "Rosneft Trading");
}

TEST(LegalForms, DistinctiveCoresAreNotGenericOrCommonWords) {
  EXPECT_TRUE(IsDistinctiveCore("Sberbank of Russia"));
  EXPECT_TRUE(IsDistinctiveCore("Rosoboronexport"));
  EXPECT_TRUE(IsDistinctiveCore("Сбербанк"));
  EXPECT_TRUE(IsDistinctiveCore("北京中科嘉宇科技"));
  EXPECT_FALSE(IsDistinctiveCore("Technical Services"));
  EXPECT_FALSE(IsDistinctiveCore("Alliance"));
  EXPECT_FALSE(IsDistinctiveCore("Apex"));  // under five letters
  EXPECT_FALSE(IsDistinctiveCore("Technology"));
  EXPECT_FALSE(IsDistinctiveCore("科技"));
  // A short word beside business words: the list keeps "ARI International Holdings" apart.
  EXPECT_FALSE(IsDistinctiveCore("ARI International"));
  EXPECT_FALSE(IsDistinctiveCore("AW Industrial"));
}

TEST(LegalForms, SharedPatternMatchesEveryFormAndCompiles) {
  RE2::Options options;
  options.set_case_sensitive(false);
  options.set_max_mem(64 << 20);
  const RE2 forms("^" + LegalFormPattern() + "\\.?$", options);  // a form's last dot is no word
  ASSERT_TRUE(forms.ok()) << forms.error();
  for (const char* form : {"Co., Ltd.", "PJSC", "Public Joint Stock Company", "ООО",
                           "ОБЩЕСТВО С ОГРАНИЧЕННОЙ ОТВЕТСТВЕННОСТЬЮ", "GmbH & Co. KG", "有限公司",
                           "S.A.", "Sp. z o.o."}) {
    EXPECT_TRUE(RE2::FullMatch(form, forms)) << form;
  }
  EXPECT_FALSE(RE2::FullMatch("Sberbank", forms));
  // Why NamePattern does not copy it into each name: it is tens of kilobytes.
  EXPECT_GT(LegalFormPattern().size(), 20000U);
}

}  // namespace
}  // namespace trustscreen::lists
