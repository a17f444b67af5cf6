#include "xlsx_number_format.h"

#include <gtest/gtest.h>

namespace trustscreen::extract::internal {
namespace {

std::string Show(std::string_view raw, std::string_view code, bool date1904 = false) {
  return FormatCellNumber(raw, code, date1904);
}

TEST(XlsxNumberFormat, General) {
  EXPECT_EQ(Show("42", "General"), "42");
  EXPECT_EQ(Show("0.30000000000000004", "General"), "0.3");
  EXPECT_EQ(Show("-1.5", "General"), "-1.5");
  EXPECT_EQ(Show("1E+20", "General"), "1E+20");
  EXPECT_EQ(Show("not a number", "General"), "not a number");
}

TEST(XlsxNumberFormat, IntegersDecimalsAndSeparators) {
  EXPECT_EQ(Show("3.14159", "0.00"), "3.14");
  EXPECT_EQ(Show("2.5", "0"), "3");
  EXPECT_EQ(Show("1234567.891", "#,##0.00"), "1,234,567.89");
  EXPECT_EQ(Show("-1234", "#,##0 ;(#,##0)"), "(1,234)");
  EXPECT_EQ(Show("-1234", "0"), "-1234");
  EXPECT_EQ(Show("0.5", "#.00"), ".50");
  EXPECT_EQ(Show("1500000", "#,##0,\"K\""), "1,500K");
  EXPECT_EQ(Show("12345.678", "0.00E+00"), "1.23E+04");
  EXPECT_EQ(Show("99.5", "\"USD \"#,##0.00"), "USD 99.50");
  EXPECT_EQ(Show("1234.5", "[$\xE2\x82\xAC-407]#,##0.00"),
            "\xE2\x82\xAC"
            "1,234.50");
}

TEST(XlsxNumberFormat, Percent) {
  EXPECT_EQ(Show("0.125", "0.00%"), "12.50%");
  EXPECT_EQ(Show("0.5", "0%"), "50%");
}

TEST(XlsxNumberFormat, DatesAndTimes) {
  EXPECT_EQ(Show("43363", std::string(BuiltinNumberFormat(14))), "2018-09-20");
  EXPECT_EQ(Show("35287", "yyyy-mm-dd"), "1996-08-10");
  EXPECT_EQ(Show("35287", "d mmm yyyy"), "10 Aug 1996");
  EXPECT_EQ(Show("35287", "dddd, mmmm d, yyyy"), "Saturday, August 10, 1996");
  EXPECT_EQ(Show("35287", "mm/dd/yy"), "08/10/96");
  EXPECT_EQ(Show("43363.5", "yyyy-mm-dd h:mm"), "2018-09-20 12:00");
  EXPECT_EQ(Show("0.75", "h:mm AM/PM"), "6:00 PM");
  EXPECT_EQ(Show("0.000694444444", "hh:mm:ss"), "00:01:00");
  EXPECT_EQ(Show("1", "yyyy-mm-dd"), "1900-01-01");
  EXPECT_EQ(Show("60", "yyyy-mm-dd"), "1900-02-29");  // Excel's phantom leap day
  EXPECT_EQ(Show("61", "yyyy-mm-dd"), "1900-03-01");
  EXPECT_EQ(Show("0", "yyyy-mm-dd", /*date1904=*/true), "1904-01-01");
}

TEST(XlsxNumberFormat, UnsupportedFormatsShowTheGeneralForm) {
  EXPECT_EQ(Show("0.5", "# ?/?"), "0.5");
  EXPECT_EQ(Show("1.5", "[h]:mm"), "1.5");
  EXPECT_EQ(Show("150", "[>100]0;0.00"), "150");
  EXPECT_EQ(Show("7", "@"), "7");
}

}  // namespace
}  // namespace trustscreen::extract::internal
