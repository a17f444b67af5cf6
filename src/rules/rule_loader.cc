// Paths -> rule files in a deterministic order -> one CompiledRuleSet.
//
// The order matters twice: it is the rule order that breaks ties between findings, and it feeds
// the rule-set digest. Directory iteration order is unspecified, hence the explicit sort.

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <sstream>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

#include "compiled_rules_internal.h"
#include "rule_compiler_internal.h"
#include "trustscreen/digest/sha256.h"
#include "trustscreen/rules/rule_set.h"

namespace trustscreen::rules {
namespace {

namespace fs = std::filesystem;

bool IsRuleFileName(const fs::path& path) {
  const std::string extension = path.extension().string();
  return extension == ".yaml" || extension == ".yml";
}

bool IsHidden(const fs::path& path) {
  const std::string name = path.filename().string();
  return !name.empty() && name[0] == '.';
}

// Appends the rule files under `root` in sorted order.
Status CollectDirectory(const fs::path& root, std::vector<fs::path>* out) {
  std::vector<fs::path> found;
  std::error_code error;
  fs::recursive_directory_iterator it(root, fs::directory_options::none, error);
  if (error) return IoError(root.generic_string() + ": cannot read directory: " + error.message());
  for (; it != fs::recursive_directory_iterator(); it.increment(error)) {
    if (error) break;
    const fs::path& path = it->path();
    if (IsHidden(path)) {
      if (it->is_directory(error)) it.disable_recursion_pending();
      continue;
    }
    if (it->is_regular_file(error) && IsRuleFileName(path)) found.push_back(path);
  }
  if (error) return IoError(root.generic_string() + ": cannot read directory: " + error.message());
  std::sort(found.begin(), found.end(), [](const fs::path& a, const fs::path& b) {
    return a.generic_string() < b.generic_string();
  });
  out->insert(out->end(), found.begin(), found.end());
  return Status::Ok();
}

}  // namespace

namespace internal {

Result<std::string> ReadFileBytes(const fs::path& path, const std::string& display_path) {
  std::error_code error;
  if (!fs::exists(path, error)) return NotFound(display_path + ": no such file");
  std::ifstream in(path, std::ios::binary);
  if (!in) return IoError(display_path + ": cannot open for reading");
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (in.bad()) return IoError(display_path + ": read failed");
  return bytes.str();
}

Status LoadEntityLists(const fs::path& rule_file, std::vector<Rule>* rules,
                       std::vector<RuleFileInfo>* files) {
  for (Rule& rule : *rules) {
    if (rule.kind != RuleKind::kEntityList) continue;
    const fs::path list_path = rule_file.parent_path() / rule.list;
    Result<lists::EntityList> list = lists::ReadEntityListFile(list_path);
    if (!list.ok()) {
      return Status(list.status().code(),
                    RuleSubject(rule, rule.list_line) + "entity list: " + list.status().message());
    }
    files->push_back({list->path, list->sha256, 0, static_cast<int>(list->entries.size()),
                      list->metadata.title, list->metadata.published});
    rule.entities = std::make_shared<const lists::EntityList>(std::move(list).value());
  }
  return Status::Ok();
}

}  // namespace internal

Result<CompiledRuleSet> LoadRules(const std::vector<fs::path>& paths) {
  return internal::LoadRulesWithOptions(paths, CompileOptions{});
}

namespace {

// Each family context's conditions join the raise and lower lists of every rule of its family
// that has not opted out, after the rule's own.
void ApplyFamilyContexts(const std::vector<FamilyContext>& contexts, std::vector<Rule>* rules) {
  for (const FamilyContext& context : contexts) {
    for (Rule& rule : *rules) {
      if (rule.family != context.family || !rule.family_context) continue;
      rule.raise_contexts.insert(rule.raise_contexts.end(), context.raise_contexts.begin(),
                                 context.raise_contexts.end());
      rule.lower_contexts.insert(rule.lower_contexts.end(), context.lower_contexts.begin(),
                                 context.lower_contexts.end());
    }
  }
}

}  // namespace

Result<RuleSource> ReadRules(const std::vector<fs::path>& paths) {
  if (paths.empty()) return InvalidArgument("no rule paths given");
  std::vector<fs::path> files;
  for (const fs::path& path : paths) {
    std::error_code error;
    const fs::file_status status = fs::status(path, error);
    if (!fs::exists(status)) {
      return NotFound(path.generic_string() + ": rule path does not exist");
    }
    if (fs::is_directory(status)) {
      if (Status collected = CollectDirectory(path, &files); !collected.ok()) return collected;
    } else if (fs::is_regular_file(status)) {
      files.push_back(path);
    } else {
      return InvalidArgument(path.generic_string() + ": not a file or directory");
    }
  }

  RuleSource source;
  std::vector<FamilyContext> family_contexts;
  std::set<fs::path> loaded;  // canonical paths: a file named twice is loaded once
  for (const fs::path& file : files) {
    std::error_code error;
    fs::path canonical = fs::weakly_canonical(file, error);
    if (error) canonical = file;
    if (!loaded.insert(canonical).second) continue;

    const std::string display = file.generic_string();
    Result<std::string> bytes = internal::ReadFileBytes(file, display);
    if (!bytes.ok()) return bytes.status();
    Result<std::vector<Rule>> parsed = internal::ParseRuleText(*bytes, display, &family_contexts);
    if (!parsed.ok()) return parsed.status();
    source.files.push_back({display, digest::Sha256Hex(*bytes), static_cast<int>(parsed->size())});
    if (Status lists = internal::LoadEntityLists(file, &*parsed, &source.files); !lists.ok()) {
      return lists;
    }
    std::move(parsed->begin(), parsed->end(), std::back_inserter(source.rules));
  }
  if (source.rules.empty()) {
    std::string named;
    for (const fs::path& path : paths) named += (named.empty() ? "" : ", ") + path.generic_string();
    return InvalidArgument(named + ": no rules found (rule files are *.yaml or *.yml)");
  }
  ApplyFamilyContexts(family_contexts, &source.rules);
  source.sha256 = internal::DigestOfFiles(source.files);
  return source;
}

namespace internal {

Result<CompiledRuleSet> LoadRulesWithOptions(const std::vector<fs::path>& paths,
                                             const CompileOptions& options) {
  Result<RuleSource> source = ReadRules(paths);
  if (!source.ok()) return source.status();
  return CompileRulesWithOptions(std::move(source->rules), std::move(source->files), options);
}

}  // namespace internal

}  // namespace trustscreen::rules
