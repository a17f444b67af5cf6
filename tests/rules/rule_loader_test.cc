#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "temp_dir.h"
#include "trustscreen/digest/sha256.h"
#include "trustscreen/rules/rule_set.h"

namespace trustscreen::rules {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using trustscreen::testing::TempDir;

// A valid rule file holding one rule per id.
std::string RuleFile(const std::vector<std::string>& ids, const std::string& pattern = "abc") {
  std::string yaml = "rules:\n";
  for (const std::string& id : ids) {
    yaml += "  - id: " + id +
            "\n"
            "    title: T\n"
            "    family: sensitive-tech\n"
            "    severity: low\n"
            "    rationale: R\n"
            "    patterns: ['" +
            pattern + "']\n";
  }
  return yaml;
}

std::vector<std::string> RuleIds(const CompiledRuleSet& set) {
  std::vector<std::string> ids;
  for (const Rule& rule : set.rules()) ids.push_back(rule.id);
  return ids;
}

std::vector<std::string> RelativeFiles(const CompiledRuleSet& set, const TempDir& dir) {
  std::vector<std::string> files;
  for (const RuleFileInfo& file : set.files()) {
    files.push_back(
        std::filesystem::path(file.path).lexically_relative(dir.path()).generic_string());
  }
  return files;
}

TEST(RuleLoader, WalksDirectoriesRecursivelyInSortedOrder) {
  TempDir dir;
  dir.Write("b.yaml", RuleFile({"b1", "b2"}));
  dir.Write("a/z.yml", RuleFile({"az"}));
  dir.Write("a/c/d.yaml", RuleFile({"acd"}));
  dir.Write("c.yaml", RuleFile({"c"}));
  Result<CompiledRuleSet> set = LoadRules({dir.path()});
  ASSERT_TRUE(set.ok()) << set.status().message();
  EXPECT_THAT(RelativeFiles(*set, dir), ElementsAre("a/c/d.yaml", "a/z.yml", "b.yaml", "c.yaml"));
  EXPECT_THAT(RuleIds(*set), ElementsAre("acd", "az", "b1", "b2", "c"));
  EXPECT_EQ(set->files()[2].rule_count, 2);
}

TEST(RuleLoader, SkipsHiddenFilesDirectoriesAndOtherExtensions) {
  TempDir dir;
  dir.Write("keep.yaml", RuleFile({"keep"}));
  dir.Write(".hidden.yaml", RuleFile({"hidden-file"}));
  dir.Write(".git/x.yaml", RuleFile({"hidden-dir"}));
  dir.Write("README.md", "# not a rule file\n");
  dir.Write("notes.yaml.bak", RuleFile({"backup"}));
  Result<CompiledRuleSet> set = LoadRules({dir.path()});
  ASSERT_TRUE(set.ok()) << set.status().message();
  EXPECT_THAT(RuleIds(*set), ElementsAre("keep"));
}

TEST(RuleLoader, AcceptsASingleFileWhateverItsExtension) {
  TempDir dir;
  const std::filesystem::path file = dir.Write("custom.rules", RuleFile({"only"}));
  Result<CompiledRuleSet> set = LoadRules({file});
  ASSERT_TRUE(set.ok()) << set.status().message();
  EXPECT_THAT(RuleIds(*set), ElementsAre("only"));
  EXPECT_EQ(set->files()[0].path, file.generic_string());
}

TEST(RuleLoader, LoadsAFileReachedTwiceOnce) {
  TempDir dir;
  const std::filesystem::path file = dir.Write("a.yaml", RuleFile({"a"}));
  Result<CompiledRuleSet> set = LoadRules({dir.path(), file});
  ASSERT_TRUE(set.ok()) << set.status().message();
  EXPECT_EQ(set->files().size(), 1u);
}

TEST(RuleLoader, ReportsAMissingPathAsNotFound) {
  TempDir dir;
  dir.Write("a.yaml", RuleFile({"a"}));
  Result<CompiledRuleSet> set = LoadRules({dir.path(), dir.path() / "missing"});
  ASSERT_FALSE(set.ok());
  EXPECT_EQ(set.status().code(), ErrorCode::kNotFound);
  EXPECT_EQ(set.status().message(),
            (dir.path() / "missing").generic_string() + ": rule path does not exist");
}

TEST(RuleLoader, RejectsASetWithoutRules) {
  TempDir dir;
  dir.Write("empty.yaml", "rules: []\n");
  Result<CompiledRuleSet> set = LoadRules({dir.path()});
  ASSERT_FALSE(set.ok());
  EXPECT_EQ(set.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_THAT(set.status().message(), HasSubstr("no rules found"));
}

TEST(RuleLoader, RejectsDuplicateRuleIdNamingBothFiles) {
  TempDir dir;
  dir.Write("a.yaml", RuleFile({"first", "shared"}));
  dir.Write("b.yaml", RuleFile({"shared"}));
  Result<CompiledRuleSet> set = LoadRules({dir.path()});
  ASSERT_FALSE(set.ok());
  EXPECT_EQ(set.status().message(), (dir.path() / "b.yaml").generic_string() +
                                        ":2: rule 'shared': duplicate id (first defined at " +
                                        (dir.path() / "a.yaml").generic_string() + ":8)");
}

TEST(RuleLoader, ReportsErrorsWithThePathOfTheNestedFile) {
  TempDir dir;
  dir.Write("ok.yaml", RuleFile({"ok"}));
  dir.Write("sub/bad.yaml", RuleFile({"bad"}, "(oops"));
  Result<CompiledRuleSet> set = LoadRules({dir.path()});
  ASSERT_FALSE(set.ok());
  EXPECT_EQ(set.status().message(), (dir.path() / "sub/bad.yaml").generic_string() +
                                        ":7: rule 'bad': invalid pattern '(oops': missing ): "
                                        "(oops");
}

TEST(RuleLoader, RecordsEachFilesDigest) {
  TempDir dir;
  const std::string contents = RuleFile({"a"});
  dir.Write("a.yaml", contents);
  Result<CompiledRuleSet> set = LoadRules({dir.path()});
  ASSERT_TRUE(set.ok()) << set.status().message();
  EXPECT_EQ(set->files()[0].sha256, digest::Sha256Hex(contents));
}

TEST(RuleLoader, Sha256ChangesWhenARuleFileChanges) {
  TempDir dir;
  dir.Write("a.yaml", RuleFile({"a"}));
  dir.Write("b.yaml", RuleFile({"b"}));
  Result<CompiledRuleSet> before = LoadRules({dir.path()});
  dir.Write("b.yaml", RuleFile({"b"}, "abd"));
  Result<CompiledRuleSet> after = LoadRules({dir.path()});
  ASSERT_TRUE(before.ok() && after.ok());
  EXPECT_NE(before->sha256(), after->sha256());
}

TEST(RuleLoader, Sha256DoesNotDependOnWhereTheFilesLive) {
  TempDir one;
  TempDir two;
  one.Write("a.yaml", RuleFile({"a"}));
  one.Write("b.yaml", RuleFile({"b"}));
  two.Write("nested/a.yaml", RuleFile({"a"}));
  two.Write("nested/b.yaml", RuleFile({"b"}));
  Result<CompiledRuleSet> first = LoadRules({one.path()});
  Result<CompiledRuleSet> second = LoadRules({two.path()});
  ASSERT_TRUE(first.ok() && second.ok());
  EXPECT_EQ(first->sha256(), second->sha256());
}

TEST(RuleLoader, ReadRulesGivesTheDigestOfTheCompiledSetWithoutCompiling) {
  TempDir dir;
  dir.Write("a.yaml", RuleFile({"a"}));
  dir.Write("b.yaml", RuleFile({"b"}, "(oops"));
  Result<RuleSource> source = ReadRules({dir.path()});
  ASSERT_TRUE(source.ok()) << source.status().message() << ": a bad pattern is found by compiling";
  EXPECT_EQ(source->rules.size(), 2u);
  EXPECT_EQ(source->files.size(), 2u);
  dir.Write("b.yaml", RuleFile({"b"}, "abd"));
  Result<RuleSource> fixed = ReadRules({dir.path()});
  Result<CompiledRuleSet> compiled = LoadRules({dir.path()});
  ASSERT_TRUE(fixed.ok() && compiled.ok());
  EXPECT_EQ(fixed->sha256, compiled->sha256());
  EXPECT_NE(fixed->sha256, source->sha256);
}

TEST(LazyRuleSet, CompilesOnFirstUseAndGivesEveryCallerTheSameSet) {
  TempDir dir;
  dir.Write("a.yaml", RuleFile({"a", "b"}));
  Result<RuleSource> source = ReadRules({dir.path()});
  ASSERT_TRUE(source.ok());
  const std::string sha256 = source->sha256;
  const LazyRuleSet lazy(std::move(source).value());
  EXPECT_EQ(lazy.sha256(), sha256);
  EXPECT_EQ(lazy.rule_count(), 2u);
  EXPECT_EQ(lazy.files().size(), 1u);
  const Result<CompiledRuleSet>& first = lazy.Get();
  ASSERT_TRUE(first.ok()) << first.status().message();
  EXPECT_THAT(RuleIds(*first), ElementsAre("a", "b"));
  EXPECT_EQ(first->sha256(), sha256);
  EXPECT_EQ(&lazy.Get(), &first);
  EXPECT_FALSE(lazy.failed());
}

TEST(LazyRuleSet, ACompileErrorIsTheOutcomeOfEveryGet) {
  TempDir dir;
  dir.Write("bad.yaml", RuleFile({"bad"}, "(oops"));
  Result<RuleSource> source = ReadRules({dir.path()});
  ASSERT_TRUE(source.ok());
  const LazyRuleSet lazy(std::move(source).value());
  EXPECT_FALSE(lazy.failed()) << "nothing was compiled yet";
  ASSERT_FALSE(lazy.Get().ok());
  EXPECT_THAT(lazy.Get().status().message(), HasSubstr("rule 'bad': invalid pattern '(oops'"));
  EXPECT_TRUE(lazy.failed());
}

TEST(LazyRuleSet, WrapsAnAlreadyCompiledSet) {
  TempDir dir;
  dir.Write("a.yaml", RuleFile({"a"}));
  Result<CompiledRuleSet> compiled = LoadRules({dir.path()});
  ASSERT_TRUE(compiled.ok());
  const LazyRuleSet lazy(*compiled);
  ASSERT_TRUE(lazy.Get().ok());
  EXPECT_EQ(lazy.Get()->sha256(), compiled->sha256());
  EXPECT_EQ(lazy.sha256(), compiled->sha256());
}

}  // namespace
}  // namespace trustscreen::rules
