#include "csv.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sstream>

#include "trustscreen/lists/entity_list.h"

namespace trustscreen::lists {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

TEST(ReadCsv, HandlesQuotedFieldsDoubledQuotesAndEmbeddedNewlines) {
  Result<std::vector<CsvRecord>> records =
      ReadCsv("a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\nlast,,\n", "t.csv");
  ASSERT_TRUE(records.ok()) << records.status().message();
  ASSERT_EQ(records->size(), 3u);
  EXPECT_THAT((*records)[1].fields, ElementsAre("x, y", "say \"hi\"", "two\nlines"));
  EXPECT_EQ((*records)[1].line, 2);
  EXPECT_THAT((*records)[2].fields, ElementsAre("last", "", ""));
  EXPECT_EQ((*records)[2].line, 4);  // the record before it spans two lines
}

TEST(ReadCsv, SkipsByteOrderMarkBlankLinesAndKeepsAFinalRecordWithoutNewline) {
  Result<std::vector<CsvRecord>> records = ReadCsv("\xEF\xBB\xBFid\n\n1\n2", "t.csv");
  ASSERT_TRUE(records.ok());
  ASSERT_EQ(records->size(), 3u);
  EXPECT_THAT((*records)[0].fields, ElementsAre("id"));
  EXPECT_THAT((*records)[2].fields, ElementsAre("2"));
  EXPECT_EQ((*records)[2].line, 4);
}

TEST(ReadCsv, ReportsFileAndLineOfMalformedRecords) {
  EXPECT_EQ(ReadCsv("a\nb\"c\n", "t.csv").status().message(),
            "t.csv:2: quote inside an unquoted field (enclose the field in quotes and double the "
            "quote)");
  EXPECT_THAT(ReadCsv("a\n\"open\nstill open", "t.csv").status().message(),
              HasSubstr("t.csv:2: quoted field is not closed"));
  EXPECT_THAT(ReadCsv("\"a\"b\n", "t.csv").status().message(),
              HasSubstr("t.csv:1: unexpected text after a closing quote"));
  EXPECT_EQ(ReadCsv("a\"", "t.csv").status().code(), ErrorCode::kParseError);
}

TEST(WriteCsvRecord, QuotesOnlyWhenNeededAndRoundTrips) {
  std::ostringstream out;
  WriteCsvRecord({"plain", "a,b", "say \"hi\"", "two\nlines", " padded", ""}, out);
  EXPECT_EQ(out.str(), "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\" padded\",\n");
  Result<std::vector<CsvRecord>> back = ReadCsv(out.str(), "t.csv");
  ASSERT_TRUE(back.ok());
  EXPECT_THAT((*back)[0].fields,
              ElementsAre("plain", "a,b", "say \"hi\"", "two\nlines", " padded", ""));
}

TEST(ParseEntityList, ReadsVersionOneFilesEntriesAndSplitsAliases) {
  Result<std::vector<EntityEntry>> entries = ParseEntityList(
      std::string(kEntityListHeaderV1) + "\n" +
          "e1,Harbin Institute of Technology,HIT| 哈尔滨工业大学 ,EL,85 FR 34497,CN,\"No. 92, "
          "Harbin\",2020-06-05,note\n",
      "l.csv");
  ASSERT_TRUE(entries.ok()) << entries.status().message();
  ASSERT_EQ(entries->size(), 1u);
  EXPECT_EQ((*entries)[0].name, "Harbin Institute of Technology");
  EXPECT_THAT((*entries)[0].aliases, ElementsAre("HIT", "哈尔滨工业大学"));
  EXPECT_EQ((*entries)[0].address, "No. 92, Harbin");
  EXPECT_EQ((*entries)[0].line, 2);
}

TEST(ParseEntityList, RejectsBadHeaderFieldCountMissingNameAndDuplicateIds) {
  const std::string header = std::string(kEntityListHeader) + "\n";
  EXPECT_THAT(ParseEntityList("id,name\n", "l.csv").status().message(),
              HasSubstr("l.csv:1: unexpected header 'id,name'"));
  EXPECT_EQ(ParseEntityList(header + "a,b\n", "l.csv").status().message(),
            "l.csv:2: expected 12 fields, got 2");
  EXPECT_EQ(ParseEntityList(header + "a,,,,,,,,,,,\n", "l.csv").status().message(),
            "l.csv:2: entry 'a': missing name");
  EXPECT_EQ(ParseEntityList(header + "a,X,,,,,,,,,,\na,Y,,,,,,,,,,\n", "l.csv").status().message(),
            "l.csv:3: duplicate id 'a'");
  EXPECT_EQ(ParseEntityList(header + "a,X,,,,,,,,person,,\n", "l.csv").status().message(),
            "l.csv:2: entry 'a': unknown type 'person' (entity, individual, vessel, aircraft or "
            "empty)");
  // Line numbers count the metadata lines.
  EXPECT_EQ(ParseEntityList("# title: T\n" + header + "a,b\n", "l.csv").status().message(),
            "l.csv:3: expected 12 fields, got 2");
}

TEST(WriteEntityList, RoundTripsThroughTheParser) {
  EntityEntry entry;
  entry.id = "x1";
  entry.name = "Acme, Ltd.";
  entry.aliases = {"Acme Limited", "ACME"};
  entry.address = "1 \"Main\" St, Springfield, US";
  entry.type = "entity";
  entry.weak_aliases = {"ACM"};
  entry.category = "Defence industry conglomerate";
  ListMetadata metadata;
  metadata.title = "Test list";
  metadata.published = "2025-04-10";
  metadata.source = "a.csv; b.csv";
  metadata.other = {{"licence", "OGL v3.0"}};
  std::ostringstream out;
  WriteEntityList(metadata, {entry}, out);
  Result<EntityList> back = ParseEntityListText(out.str(), "l.csv");
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_EQ(back->metadata.title, "Test list");
  EXPECT_EQ(back->metadata.published, "2025-04-10");
  EXPECT_EQ(back->metadata.source, "a.csv; b.csv");
  EXPECT_EQ(back->metadata.other, metadata.other);
  const EntityEntry& read = back->entries.at(0);
  EXPECT_EQ(read.name, entry.name);
  EXPECT_EQ(read.aliases, entry.aliases);
  EXPECT_EQ(read.address, entry.address);
  EXPECT_EQ(read.type, entry.type);
  EXPECT_EQ(read.weak_aliases, entry.weak_aliases);
  EXPECT_EQ(read.category, entry.category);
  EXPECT_EQ(read.line, 6);  // after five metadata lines and the header
}

}  // namespace
}  // namespace trustscreen::lists
