#include "trustscreen/cache/cache.h"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "temp_dir.h"

namespace trustscreen::cache {
namespace {

using trustscreen::testing::TempDir;

constexpr char kRulesA[] = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
constexpr char kRulesB[] = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";

Document SampleDocument(const std::string& path, const std::string& sha256) {
  Document document;
  document.path = path;
  document.sha256 = sha256;
  document.size_bytes = 1234;
  document.format = DocumentFormat::kDocx;
  document.status = DocumentStatus::kPartial;
  document.reason = "page 3 could not be read";
  document.text = "Recitals\n\xE2\x80\x9Chypersonic\xE2\x80\x9D\fPage two";
  document.pages = {{1, 0, 24, false}, {2, 25, 33, true}};
  document.replaced_invalid_bytes = 2;
  document.encoding = "utf-8";
  document.blocks = {{0, 8, TextPart::kHeader, "", 1}, {9, 24, TextPart::kDeleted, "12.3(b)", 0}};
  document.quality = {0.25, 0.5};
  Document member;
  member.path = path + "!/inner/a.txt";
  member.sha256 = "ff";
  member.format = DocumentFormat::kText;
  member.status = DocumentStatus::kEncrypted;
  member.reason = "needs a password";
  document.members.push_back(member);
  return document;
}

std::vector<DocumentResult> SampleResults(const std::string& path) {
  DocumentResult result;
  result.document = SampleDocument(path, "00");
  result.document.text.clear();
  result.document.members.clear();
  Finding finding;
  finding.rule_id = "partner-x";
  finding.rule_title = "Listed partner";
  finding.family = RuleFamily::kPartner;
  finding.severity = Severity::kCritical;
  finding.base_severity = Severity::kHigh;
  finding.negated = true;
  finding.modifiers = {"+military", "-negated"};
  finding.page = 2;
  finding.begin = 9;
  finding.end = 24;
  finding.matched_text = "hypersonic";
  finding.snippet = "… hypersonic …";
  finding.clause_ref = "12.3(b)";
  finding.clause_title = "Export Control";
  finding.section = "12 Export";
  finding.in_references = true;
  finding.entity = EntityHit{"Entity List",       "el-1", "ACME", "Acme Ltd", "85 FR 1", "CN|HK",
                             {"MEU: ACME (m-2)"}, "",     "",     ""};
  result.findings.push_back(finding);
  result.clauses.push_back({"12.3(b)", "Export Control", {1, 2}, 9, 24, true, "hypersonic"});
  DocumentResult member;
  member.document.path = path + "!/inner/a.txt";
  member.document.status = DocumentStatus::kEncrypted;
  member.document.reason = "needs a password";
  return {result, member};
}

void ExpectSameDocument(const Document& a, const Document& b) {
  EXPECT_EQ(a.path, b.path);
  EXPECT_EQ(a.sha256, b.sha256);
  EXPECT_EQ(a.size_bytes, b.size_bytes);
  EXPECT_EQ(a.format, b.format);
  EXPECT_EQ(a.status, b.status);
  EXPECT_EQ(a.reason, b.reason);
  EXPECT_EQ(a.text, b.text);
  ASSERT_EQ(a.pages.size(), b.pages.size());
  for (std::size_t i = 0; i < a.pages.size(); ++i) {
    EXPECT_EQ(a.pages[i].number, b.pages[i].number);
    EXPECT_EQ(a.pages[i].begin, b.pages[i].begin);
    EXPECT_EQ(a.pages[i].end, b.pages[i].end);
    EXPECT_EQ(a.pages[i].needs_ocr, b.pages[i].needs_ocr);
  }
  EXPECT_EQ(a.replaced_invalid_bytes, b.replaced_invalid_bytes);
  EXPECT_EQ(a.encoding, b.encoding);
  ASSERT_EQ(a.blocks.size(), b.blocks.size());
  for (std::size_t i = 0; i < a.blocks.size(); ++i) {
    EXPECT_EQ(a.blocks[i].begin, b.blocks[i].begin);
    EXPECT_EQ(a.blocks[i].end, b.blocks[i].end);
    EXPECT_EQ(a.blocks[i].part, b.blocks[i].part);
    EXPECT_EQ(a.blocks[i].label, b.blocks[i].label);
    EXPECT_EQ(a.blocks[i].heading_level, b.blocks[i].heading_level);
  }
  EXPECT_EQ(a.quality.replacement_share, b.quality.replacement_share);
  EXPECT_EQ(a.quality.nonword_share, b.quality.nonword_share);
  ASSERT_EQ(a.members.size(), b.members.size());
  for (std::size_t i = 0; i < a.members.size(); ++i) ExpectSameDocument(a.members[i], b.members[i]);
}

std::unique_ptr<Cache> OpenOrDie(const std::filesystem::path& path, const std::string& build = "") {
  Result<std::unique_ptr<Cache>> cache = Cache::Open(path, true, build);
  EXPECT_TRUE(cache.ok()) << cache.status().ToString();
  return cache.ok() ? std::move(cache).value() : nullptr;
}

TEST(Cache, StoresAndLoadsADocumentWithItsTextPagesBlocksAndMembers) {
  TempDir dir;
  auto cache = OpenOrDie(dir.path() / "c.db");
  ASSERT_TRUE(cache);
  const Document document = SampleDocument("in/a.docx", "00");
  const ExtractionKey key = MakeKey("00", {});
  ASSERT_TRUE(cache->Store(key, &document, kRulesA, SampleResults("in/a.docx")).ok());

  Result<std::optional<Document>> loaded = cache->LoadDocument(key, "in/a.docx");
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  ASSERT_TRUE(loaded->has_value());
  ExpectSameDocument(**loaded, document);
}

TEST(Cache, StoresAndLoadsResultsWithEveryFindingFieldAndClause) {
  TempDir dir;
  auto cache = OpenOrDie(dir.path() / "c.db");
  ASSERT_TRUE(cache);
  const Document document = SampleDocument("a.docx", "00");
  const std::vector<DocumentResult> results = SampleResults("a.docx");
  const ExtractionKey key = MakeKey("00", {});
  ASSERT_TRUE(cache->Store(key, &document, kRulesA, results).ok());

  auto loaded = cache->LoadResults(key, kRulesA, "a.docx");
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  ASSERT_TRUE(loaded->has_value());
  const std::vector<DocumentResult>& got = **loaded;
  ASSERT_EQ(got.size(), 2u);
  ExpectSameDocument(got[0].document, results[0].document);
  EXPECT_EQ(got[1].document.status, DocumentStatus::kEncrypted);
  EXPECT_EQ(got[1].document.reason, "needs a password");
  ASSERT_EQ(got[0].findings.size(), 1u);
  const Finding& f = got[0].findings[0];
  const Finding& e = results[0].findings[0];
  EXPECT_EQ(f.rule_id, e.rule_id);
  EXPECT_EQ(f.rule_title, e.rule_title);
  EXPECT_EQ(f.family, e.family);
  EXPECT_EQ(f.severity, e.severity);
  EXPECT_EQ(f.base_severity, e.base_severity);
  EXPECT_EQ(f.negated, e.negated);
  EXPECT_EQ(f.modifiers, e.modifiers);
  EXPECT_EQ(f.page, e.page);
  EXPECT_EQ(f.begin, e.begin);
  EXPECT_EQ(f.end, e.end);
  EXPECT_EQ(f.matched_text, e.matched_text);
  EXPECT_EQ(f.snippet, e.snippet);
  EXPECT_EQ(f.clause_ref, e.clause_ref);
  EXPECT_EQ(f.clause_title, e.clause_title);
  EXPECT_EQ(f.section, e.section);
  EXPECT_EQ(f.in_references, e.in_references);
  ASSERT_TRUE(f.entity.has_value());
  EXPECT_EQ(f.entity->listed_name, "ACME");
  EXPECT_EQ(f.entity->also_listed_in, e.entity->also_listed_in);
  ASSERT_EQ(got[0].clauses.size(), 1u);
  EXPECT_EQ(got[0].clauses[0].pages, (std::vector<int>{1, 2}));
  EXPECT_EQ(got[0].clauses[0].text, "hypersonic");
  EXPECT_TRUE(got[0].clauses[0].truncated);
}

TEST(Cache, LoadedResultsCarryThePathTheFileHasNow) {
  TempDir dir;
  auto cache = OpenOrDie(dir.path() / "c.db");
  ASSERT_TRUE(cache);
  const Document document = SampleDocument("old/a.zip", "00");
  const ExtractionKey key = MakeKey("00", {});
  ASSERT_TRUE(cache->Store(key, &document, kRulesA, SampleResults("old/a.zip")).ok());

  auto results = cache->LoadResults(key, kRulesA, "new/b.zip");
  ASSERT_TRUE(results.ok() && results->has_value());
  EXPECT_EQ((**results)[0].document.path, "new/b.zip");
  EXPECT_EQ((**results)[1].document.path, "new/b.zip!/inner/a.txt");
  auto text = cache->LoadDocument(key, "new/b.zip");
  ASSERT_TRUE(text.ok() && text->has_value());
  EXPECT_EQ((**text).members[0].path, "new/b.zip!/inner/a.txt");
}

TEST(Cache, MissesForOtherRulesOtherOptionsAndOtherBytes) {
  TempDir dir;
  auto cache = OpenOrDie(dir.path() / "c.db");
  ASSERT_TRUE(cache);
  const Document document = SampleDocument("a.docx", "00");
  ASSERT_TRUE(cache->Store(MakeKey("00", {}), &document, kRulesA, SampleResults("a.docx")).ok());

  auto other_rules = cache->LoadResults(MakeKey("00", {}), kRulesB, "a.docx");
  ASSERT_TRUE(other_rules.ok());
  EXPECT_FALSE(other_rules->has_value());
  auto text = cache->LoadDocument(MakeKey("00", {}), "a.docx");
  ASSERT_TRUE(text.ok());
  EXPECT_TRUE(text->has_value()) << "the text is still there for new rules";

  extract::ExtractOptions fewer_pages;
  fewer_pages.max_pages = 3;
  auto other_options = cache->LoadDocument(MakeKey("00", fewer_pages), "a.docx");
  ASSERT_TRUE(other_options.ok());
  EXPECT_FALSE(other_options->has_value());
  extract::ExtractOptions password;
  password.passwords = {"secret"};
  EXPECT_NE(OptionsKey(password), OptionsKey({}));

  auto other_bytes = cache->LoadDocument(MakeKey("01", {}), "a.docx");
  ASSERT_TRUE(other_bytes.ok());
  EXPECT_FALSE(other_bytes->has_value());
}

TEST(Cache, StoresNewResultsForCachedTextWithoutTheDocument) {
  TempDir dir;
  auto cache = OpenOrDie(dir.path() / "c.db");
  ASSERT_TRUE(cache);
  const Document document = SampleDocument("a.docx", "00");
  const ExtractionKey key = MakeKey("00", {});
  ASSERT_TRUE(cache->Store(key, &document, kRulesA, SampleResults("a.docx")).ok());
  ASSERT_TRUE(cache->Store(key, nullptr, kRulesB, SampleResults("a.docx")).ok());
  auto results = cache->LoadResults(key, kRulesB, "a.docx");
  ASSERT_TRUE(results.ok() && results->has_value());

  EXPECT_FALSE(cache->Store(MakeKey("99", {}), nullptr, kRulesB, SampleResults("x")).ok())
      << "results need their document";
}

TEST(Cache, RefusesAGarbageFileNamingIt) {
  TempDir dir;
  const auto path = dir.Write("garbage.db", std::string(8192, 'x'));
  Result<std::unique_ptr<Cache>> cache = Cache::Open(path);
  ASSERT_FALSE(cache.ok());
  EXPECT_NE(cache.status().message().find(path.string()), std::string::npos)
      << cache.status().message();
  EXPECT_NE(cache.status().message().find("not a"), std::string::npos) << cache.status().message();
}

TEST(Cache, RefusesATruncatedCacheNamingIt) {
  TempDir dir;
  const auto path = dir.path() / "c.db";
  {
    auto cache = OpenOrDie(path);
    ASSERT_TRUE(cache);
    for (int i = 0; i < 50; ++i) {
      const std::string sha = std::to_string(i);
      Document document = SampleDocument("a" + sha, sha);
      document.text = std::string(20000, 'a' + i % 26);
      ASSERT_TRUE(cache->Store(MakeKey(sha, {}), &document, kRulesA, SampleResults("a")).ok());
    }
  }  // closing checkpoints the WAL into the file
  std::filesystem::resize_file(path, 100);
  Result<std::unique_ptr<Cache>> cache = Cache::Open(path);
  ASSERT_FALSE(cache.ok());
  EXPECT_NE(cache.status().message().find(path.string()), std::string::npos)
      << cache.status().message();
}

TEST(Cache, RefusesAnSqliteFileThatIsNotACache) {
  TempDir dir;
  const auto path = dir.path() / "other.db";
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "CREATE TABLE t (x)", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  Result<std::unique_ptr<Cache>> cache = Cache::Open(path);
  ASSERT_FALSE(cache.ok());
  EXPECT_NE(cache.status().message().find("not a trustscreen cache"), std::string::npos)
      << cache.status().message();
}

TEST(Cache, RefusesAnotherSchemaVersion) {
  TempDir dir;
  const auto path = dir.path() / "c.db";
  { ASSERT_TRUE(OpenOrDie(path)); }
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "UPDATE schema_version SET version = 99", nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  Result<std::unique_ptr<Cache>> cache = Cache::Open(path);
  ASSERT_FALSE(cache.ok());
  EXPECT_NE(cache.status().message().find("schema version 99"), std::string::npos)
      << cache.status().message();
}

TEST(Cache, OpenWithoutCreateRefusesAMissingFile) {
  TempDir dir;
  Result<std::unique_ptr<Cache>> cache = Cache::Open(dir.path() / "none.db", false);
  ASSERT_FALSE(cache.ok());
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "none.db"));
}

TEST(Cache, UsesWalJournalAndForeignKeys) {
  TempDir dir;
  const auto path = dir.path() / "c.db";
  auto cache = OpenOrDie(path);
  ASSERT_TRUE(cache);
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  sqlite3_stmt* stmt = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &stmt, nullptr), SQLITE_OK);
  ASSERT_EQ(sqlite3_step(stmt), SQLITE_ROW);
  EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0)), "wal");
  sqlite3_finalize(stmt);
  sqlite3_close(db);
}

TEST(Cache, TwoThreadsStoreAndLoadConcurrently) {
  TempDir dir;
  auto cache = OpenOrDie(dir.path() / "c.db");
  ASSERT_TRUE(cache);
  auto work = [&](int thread) {
    for (int i = 0; i < 100; ++i) {
      const std::string sha = std::to_string(thread) + "-" + std::to_string(i);
      const Document document = SampleDocument("d" + sha, sha);
      EXPECT_TRUE(
          cache->Store(MakeKey(sha, {}), &document, kRulesA, SampleResults("d" + sha)).ok());
      auto loaded = cache->LoadResults(MakeKey(sha, {}), kRulesA, "d" + sha);
      EXPECT_TRUE(loaded.ok() && loaded->has_value());
    }
  };
  std::thread first(work, 0);
  std::thread second(work, 1);
  first.join();
  second.join();
  Result<CacheStats> stats = cache->Stats();
  ASSERT_TRUE(stats.ok()) << stats.status().ToString();
  EXPECT_EQ(stats->documents, 200);
  EXPECT_EQ(stats->results, 200);
}

TEST(Cache, StatsCountDocumentsResultsRuleSetsAndExtractorVersions) {
  TempDir dir;
  auto cache = OpenOrDie(dir.path() / "c.db");
  ASSERT_TRUE(cache);
  const Document document = SampleDocument("a", "00");
  ExtractionKey old_key = MakeKey("00", {});
  old_key.extractor_version = "1";
  ASSERT_TRUE(cache->Store(old_key, &document, kRulesA, SampleResults("a")).ok());
  ASSERT_TRUE(cache->Store(MakeKey("00", {}), &document, kRulesA, SampleResults("a")).ok());
  ASSERT_TRUE(cache->Store(MakeKey("00", {}), nullptr, kRulesB, SampleResults("a")).ok());

  Result<CacheStats> stats = cache->Stats();
  ASSERT_TRUE(stats.ok()) << stats.status().ToString();
  EXPECT_EQ(stats->documents, 2);
  EXPECT_EQ(stats->results, 3);
  EXPECT_EQ(stats->rule_sets, 2);
  EXPECT_GT(stats->file_bytes, 0u);
  EXPECT_EQ(stats->by_extractor_version["1"].documents, 1);
  EXPECT_EQ(stats->by_extractor_version[std::string(extract::kExtractorVersion)].documents, 1);
  EXPECT_EQ(stats->results_by_rule_set[kRulesB], 1);
}

TEST(Cache, PruneKeepsOneRuleSetAndThisExtractorVersion) {
  TempDir dir;
  auto cache = OpenOrDie(dir.path() / "c.db");
  ASSERT_TRUE(cache);
  const Document document = SampleDocument("a", "00");
  ExtractionKey old_key = MakeKey("00", {});
  old_key.extractor_version = "1";
  ASSERT_TRUE(cache->Store(old_key, &document, kRulesA, SampleResults("a")).ok());
  ASSERT_TRUE(cache->Store(MakeKey("00", {}), &document, kRulesA, SampleResults("a")).ok());
  ASSERT_TRUE(cache->Store(MakeKey("00", {}), nullptr, kRulesB, SampleResults("a")).ok());

  Result<PruneOutcome> pruned = cache->Prune(kRulesB);
  ASSERT_TRUE(pruned.ok()) << pruned.status().ToString();
  EXPECT_EQ(pruned->documents_removed, 1);
  EXPECT_EQ(pruned->results_removed, 2);
  Result<CacheStats> stats = cache->Stats();
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->documents, 1);
  EXPECT_EQ(stats->results, 1);
  auto kept = cache->LoadResults(MakeKey("00", {}), kRulesB, "a");
  ASSERT_TRUE(kept.ok() && kept->has_value());
}

TEST(Cache, ResultsOfAnotherBuildAreNotReusedButItsTextIs) {
  TempDir dir;
  const auto path = dir.path() / "c.db";
  const Document document = SampleDocument("a", "00");
  {
    auto cache = OpenOrDie(path, "0.1.0+gaaaa");
    ASSERT_TRUE(cache);
    ASSERT_TRUE(cache->Store(MakeKey("00", {}), &document, kRulesA, SampleResults("a")).ok());
    EXPECT_TRUE(cache->HasResults(kRulesA).value());
    EXPECT_FALSE(cache->HasResults(kRulesB).value());
  }
  auto cache = OpenOrDie(path, "0.1.1+gbbbb");
  ASSERT_TRUE(cache);
  EXPECT_FALSE(cache->HasResults(kRulesA).value());
  auto results = cache->LoadResults(MakeKey("00", {}), kRulesA, "a");
  ASSERT_TRUE(results.ok());
  EXPECT_FALSE(results->has_value()) << "another build may match differently";
  auto text = cache->LoadDocument(MakeKey("00", {}), "a");
  ASSERT_TRUE(text.ok());
  EXPECT_TRUE(text->has_value());

  ASSERT_TRUE(cache->Store(MakeKey("00", {}), nullptr, kRulesA, SampleResults("a")).ok());
  EXPECT_TRUE(cache->HasResults(kRulesA).value());
  Result<PruneOutcome> pruned = cache->Prune(kRulesA);
  ASSERT_TRUE(pruned.ok()) << pruned.status().ToString();
  EXPECT_EQ(pruned->results_removed, 0) << "the new build's results replaced the old ones";
}

TEST(Cache, PruneRemovesResultsOfOtherBuilds) {
  TempDir dir;
  const auto path = dir.path() / "c.db";
  const Document document = SampleDocument("a", "00");
  {
    auto old_build = OpenOrDie(path, "old");
    ASSERT_TRUE(old_build);
    ASSERT_TRUE(old_build->Store(MakeKey("00", {}), &document, kRulesA, SampleResults("a")).ok());
  }
  auto cache = OpenOrDie(path, "new");
  ASSERT_TRUE(cache);
  ASSERT_TRUE(cache->Store(MakeKey("01", {}), &document, kRulesA, SampleResults("a")).ok());
  Result<PruneOutcome> pruned = cache->Prune("");
  ASSERT_TRUE(pruned.ok()) << pruned.status().ToString();
  EXPECT_EQ(pruned->kept_rules_sha256, kRulesA);
  EXPECT_EQ(pruned->results_removed, 1);
  EXPECT_EQ(cache->Stats()->results, 1);
}

TEST(Cache, UpgradesASchema1CacheKeepingItsTextsAndDroppingItsResults) {
  TempDir dir;
  const auto path = dir.path() / "c.db";
  const Document document = SampleDocument("a", "00");
  {
    auto cache = OpenOrDie(path, "");
    ASSERT_TRUE(cache);
    ASSERT_TRUE(cache->Store(MakeKey("00", {}), &document, kRulesA, SampleResults("a")).ok());
  }
  // What a schema 1 file looks like: results without a build.
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db,
                         "DROP INDEX results_by_rule_set; ALTER TABLE results DROP COLUMN "
                         "tool_build; UPDATE schema_version SET version = 1",
                         nullptr, nullptr, nullptr),
            SQLITE_OK)
      << sqlite3_errmsg(db);
  sqlite3_close(db);

  auto cache = OpenOrDie(path, "0.1.0+gaaaa");
  ASSERT_TRUE(cache);
  auto text = cache->LoadDocument(MakeKey("00", {}), "a");
  ASSERT_TRUE(text.ok() && text->has_value());
  ExpectSameDocument(**text, document);
  auto results = cache->LoadResults(MakeKey("00", {}), kRulesA, "a");
  ASSERT_TRUE(results.ok());
  EXPECT_FALSE(results->has_value());
  ASSERT_TRUE(cache->Store(MakeKey("00", {}), nullptr, kRulesA, SampleResults("a")).ok());
  cache.reset();
  auto reopened = OpenOrDie(path, "0.1.0+gaaaa");
  ASSERT_TRUE(reopened);
  EXPECT_TRUE(reopened->HasResults(kRulesA).value());
}

TEST(Cache, UpgradesASchema2CacheKeepingItsTextsAndDroppingItsResults) {
  TempDir dir;
  const auto path = dir.path() / "c.db";
  const Document document = SampleDocument("a", "00");
  {
    auto cache = OpenOrDie(path, "0.1.0+gaaaa");
    ASSERT_TRUE(cache);
    ASSERT_TRUE(cache->Store(MakeKey("00", {}), &document, kRulesA, SampleResults("a")).ok());
  }
  // A schema 2 file has the same tables; its results hold findings in an older encoding.
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "UPDATE schema_version SET version = 2", nullptr, nullptr, nullptr),
            SQLITE_OK)
      << sqlite3_errmsg(db);
  sqlite3_close(db);

  auto cache = OpenOrDie(path, "0.1.0+gaaaa");
  ASSERT_TRUE(cache);
  auto text = cache->LoadDocument(MakeKey("00", {}), "a");
  ASSERT_TRUE(text.ok() && text->has_value());
  ExpectSameDocument(**text, document);
  auto results = cache->LoadResults(MakeKey("00", {}), kRulesA, "a");
  ASSERT_TRUE(results.ok());
  EXPECT_FALSE(results->has_value());
  EXPECT_FALSE(cache->HasResults(kRulesA).value());
  ASSERT_TRUE(cache->Store(MakeKey("00", {}), nullptr, kRulesA, SampleResults("a")).ok());
  cache.reset();
  auto reopened = OpenOrDie(path, "0.1.0+gaaaa");
  ASSERT_TRUE(reopened);
  EXPECT_TRUE(reopened->HasResults(kRulesA).value());
}

// Runs `sql` on the cache file through a connection of its own, as a damaged disk or another
// program might have changed it.
void ExecOnFile(const std::filesystem::path& path, const char* sql) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  EXPECT_EQ(sqlite3_exec(db, sql, nullptr, nullptr, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
  sqlite3_close(db);
}

std::uint64_t WalBytes(const std::filesystem::path& path) {
  std::error_code error;
  const auto size = std::filesystem::file_size(path.string() + "-wal", error);
  return error ? 0 : size;
}

TEST(Cache, JournalStaysUnderItsLimitWhileTenThousandDocumentsAreStored) {
  TempDir dir;
  const auto path = dir.path() / "c.db";
  auto cache = OpenOrDie(path);
  ASSERT_TRUE(cache);
  std::uint64_t peak = 0;
  for (int i = 0; i < 10000; ++i) {
    // What a scan does for a new file: both look-ups miss, then the document is stored.
    const std::string sha = std::to_string(i);
    const ExtractionKey key = MakeKey(sha, {});
    ASSERT_FALSE(cache->LoadResults(key, kRulesA, "d").value().has_value());
    ASSERT_FALSE(cache->LoadDocument(key, "d").value().has_value());
    const Document document = SampleDocument("d" + sha, sha);
    ASSERT_TRUE(cache->Store(key, &document, kRulesA, SampleResults("d" + sha)).ok());
    peak = std::max(peak, WalBytes(path));
  }
  EXPECT_LT(peak, static_cast<std::uint64_t>(kJournalSizeLimitBytes) + (1 << 20))
      << "the journal must be checkpointed during the run, not only when it ends";
  EXPECT_EQ(cache->Stats()->documents, 10000);
}

TEST(Cache, DamagedResultsAreRemovedSoThatTheNextStoreReplacesThem) {
  TempDir dir;
  const auto path = dir.path() / "c.db";
  const Document document = SampleDocument("a", "00");
  const ExtractionKey key = MakeKey("00", {});
  {
    auto cache = OpenOrDie(path);
    ASSERT_TRUE(cache);
    ASSERT_TRUE(cache->Store(key, &document, kRulesA, SampleResults("a")).ok());
  }
  ExecOnFile(path, "UPDATE results SET results = x'ff00ff'");
  auto cache = OpenOrDie(path);
  ASSERT_TRUE(cache);

  auto damaged = cache->LoadResults(key, kRulesA, "a");
  ASSERT_FALSE(damaged.ok());
  EXPECT_NE(damaged.status().message().find(path.string()), std::string::npos);
  EXPECT_NE(damaged.status().message().find("damaged"), std::string::npos)
      << damaged.status().message();
  auto again = cache->LoadResults(key, kRulesA, "a");
  ASSERT_TRUE(again.ok()) << "read once, removed: " << again.status().ToString();
  EXPECT_FALSE(again->has_value());
  auto text = cache->LoadDocument(key, "a");
  ASSERT_TRUE(text.ok() && text->has_value()) << "the text was not damaged and is kept";

  ASSERT_TRUE(cache->Store(key, nullptr, kRulesA, SampleResults("a")).ok());
  auto replaced = cache->LoadResults(key, kRulesA, "a");
  ASSERT_TRUE(replaced.ok()) << replaced.status().ToString();
  EXPECT_TRUE(replaced->has_value());
}

TEST(Cache, ADamagedDocumentIsRemovedWithItsResultsSoThatTheNextStoreReplacesIt) {
  TempDir dir;
  const auto path = dir.path() / "c.db";
  const Document document = SampleDocument("a", "00");
  const ExtractionKey key = MakeKey("00", {});
  {
    auto cache = OpenOrDie(path);
    ASSERT_TRUE(cache);
    ASSERT_TRUE(cache->Store(key, &document, kRulesA, SampleResults("a")).ok());
  }
  ExecOnFile(path, "UPDATE documents SET document = x'ff00ff'");
  auto cache = OpenOrDie(path);
  ASSERT_TRUE(cache);

  auto damaged = cache->LoadDocument(key, "a");
  ASSERT_FALSE(damaged.ok());
  EXPECT_NE(damaged.status().message().find("damaged"), std::string::npos)
      << damaged.status().message();
  auto again = cache->LoadDocument(key, "a");
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_FALSE(again->has_value());
  EXPECT_EQ(cache->Stats()->results, 0) << "results matched from a damaged text go with it";

  ASSERT_TRUE(cache->Store(key, &document, kRulesA, SampleResults("a")).ok());
  auto replaced = cache->LoadDocument(key, "a");
  ASSERT_TRUE(replaced.ok() && replaced->has_value());
  ExpectSameDocument(**replaced, document);
}

TEST(Cache, RefusesACacheWithDamagedPagesSayingToDeleteIt) {
  TempDir dir;
  const auto path = dir.path() / "c.db";
  {
    auto cache = OpenOrDie(path);
    ASSERT_TRUE(cache);
    for (int i = 0; i < 200; ++i) {
      const std::string sha = std::to_string(i);
      const Document document = SampleDocument("a" + sha, sha);
      ASSERT_TRUE(cache->Store(MakeKey(sha, {}), &document, kRulesA, SampleResults("a")).ok());
    }
  }  // closing checkpoints the journal into the file
  // Garbage over the second half of the file: table and index pages, not the schema on page 1.
  const auto size = std::filesystem::file_size(path);
  {
    std::fstream file(path, std::ios::in | std::ios::out | std::ios::binary);
    file.seekp(static_cast<std::streamoff>(size / 2));
    const std::string garbage(size / 4, '\xA5');
    file.write(garbage.data(), static_cast<std::streamsize>(garbage.size()));
  }
  Result<std::unique_ptr<Cache>> cache = Cache::Open(path);
  ASSERT_FALSE(cache.ok()) << "damage inside the file must stop the run, not only warn";
  EXPECT_NE(cache.status().message().find(path.string()), std::string::npos);
  EXPECT_NE(cache.status().message().find("damaged"), std::string::npos)
      << cache.status().message();
  EXPECT_NE(cache.status().message().find("delete the file"), std::string::npos);
}

TEST(Cache, AReadOnlyCacheFileIsCalledReadOnlyNotDamaged) {
  if (::geteuid() == 0) GTEST_SKIP() << "root writes everything";
  TempDir dir;
  const auto path = dir.path() / "c.db";
  {
    auto cache = OpenOrDie(path);
    ASSERT_TRUE(cache);
  }
  std::filesystem::permissions(path, std::filesystem::perms::owner_read);
  Result<std::unique_ptr<Cache>> cache = Cache::Open(path);
  ASSERT_FALSE(cache.ok());
  const std::string& message = cache.status().message();
  EXPECT_NE(message.find(path.string()), std::string::npos) << message;
  EXPECT_NE(message.find("read-only"), std::string::npos) << message;
  EXPECT_NE(message.find("Permission denied"), std::string::npos) << message;
  EXPECT_EQ(message.find("delete"), std::string::npos) << "the cache is good: " << message;
  std::filesystem::permissions(path, std::filesystem::perms::owner_all);
}

TEST(Cache, ACacheInAReadOnlyFolderIsCalledSoNotDamaged) {
  if (::geteuid() == 0) GTEST_SKIP() << "root writes everything";
  TempDir dir;
  const auto folder = dir.path() / "shared";
  const auto path = folder / "c.db";
  std::filesystem::create_directories(folder);
  {
    auto cache = OpenOrDie(path);
    ASSERT_TRUE(cache);
  }
  std::filesystem::permissions(
      folder, std::filesystem::perms::owner_read | std::filesystem::perms::owner_exec);
  for (const auto& target : {path, folder / "new.db"}) {
    Result<std::unique_ptr<Cache>> cache = Cache::Open(target);
    ASSERT_FALSE(cache.ok());
    const std::string& message = cache.status().message();
    EXPECT_NE(message.find(folder.string()), std::string::npos) << message;
    EXPECT_NE(message.find("not writable"), std::string::npos) << message;
    EXPECT_NE(message.find("Permission denied"), std::string::npos) << message;
    EXPECT_EQ(message.find("delete"), std::string::npos) << "the cache is good: " << message;
  }
  std::filesystem::permissions(folder, std::filesystem::perms::owner_all);
}

// Stored findings are spelled as in findings.jsonl (core_json): "title", a "clause" object.
TEST(Cache, StoresFindingsInTheReportsForm) {
  const nlohmann::json stored = nlohmann::json::from_cbor(EncodeResults(SampleResults("a")));
  const nlohmann::json& finding = stored.at(0).at("findings").at(0);
  EXPECT_EQ(finding.at("title"), "Listed partner");
  EXPECT_EQ(finding.at("clause").at("ref"), "12.3(b)");
  EXPECT_EQ(finding.at("entity").at("listed_name"), "ACME");
  EXPECT_FALSE(finding.contains("rule_title"));
}

TEST(Cache, UndecodableStoredValueIsAnErrorNotACrash) {
  EXPECT_FALSE(DecodeDocument("\xff\x00garbage").ok());
  EXPECT_FALSE(DecodeResults("").ok());
}

TEST(IsCacheable, KeepsFailedStatusesThatARetryCannotChangeButNotCrashes) {
  Document document;
  document.sha256 = "00";
  document.status = DocumentStatus::kEncrypted;
  EXPECT_TRUE(IsCacheable(document));
  document.status = DocumentStatus::kCrashed;
  EXPECT_FALSE(IsCacheable(document));
  document.status = DocumentStatus::kTimeout;
  EXPECT_FALSE(IsCacheable(document));
}

}  // namespace
}  // namespace trustscreen::cache
