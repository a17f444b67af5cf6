// Every generated list in rules/partners/lists/ is exactly what its recorded refresh command
// produces from the source files: the `# command:` metadata line is parsed, the import is run
// through the library with those arguments, and the bytes are compared. A list edited by hand, an
// importer change that was not followed by scripts/update-lists, or a command that no longer
// works fails here.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "corpus.h"
#include "trustscreen/lists/entity_list.h"
#include "trustscreen/lists/import.h"

namespace trustscreen::lists {
namespace {

namespace fs = std::filesystem;

const fs::path kSourceDir = TRUSTSCREEN_SOURCE_DIR;

std::string ReadAll(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

// Splits a command line on spaces; single quotes group words ("--source 'Entity List (EL)'").
std::vector<std::string> SplitCommand(const std::string& command) {
  std::vector<std::string> words;
  std::string word;
  bool quoted = false;
  bool any = false;
  for (char c : command) {
    if (c == '\'') {
      quoted = !quoted;
      any = true;
    } else if (c == ' ' && !quoted) {
      if (any) words.push_back(word);
      word.clear();
      any = false;
    } else {
      word += c;
      any = true;
    }
  }
  if (any) words.push_back(word);
  return words;
}

TEST(ShippedLists, EachIsWhatItsRecordedCommandImports) {
  int checked = 0;
  for (const fs::directory_entry& entry :
       fs::directory_iterator(kSourceDir / "rules/partners/lists")) {
    if (entry.path().extension() != ".csv") continue;
    SCOPED_TRACE(entry.path().filename().string());
    const std::string shipped = ReadAll(entry.path());
    Result<EntityList> list = ParseEntityListText(shipped, entry.path().string());
    ASSERT_TRUE(list.ok()) << list.status().message();
    EXPECT_FALSE(list->metadata.published.empty()) << "every shipped list states its date";
    if (list->metadata.command.empty()) continue;  // hand-written (the universities supplement)
    const std::vector<std::string> words = SplitCommand(list->metadata.command);
    ASSERT_GE(words.size(), 4u);
    ASSERT_EQ(words[0] + " " + words[1] + " " + words[2], "trustscreen lists import");
    ImportOptions options;
    options.command = list->metadata.command;
    std::vector<ImportInput> inputs;
    std::string out;
    for (std::size_t i = 3; i < words.size(); ++i) {
      const std::string& word = words[i];
      auto value = [&] { return i + 1 < words.size() ? words[++i] : std::string(); };
      if (word == "--format") {
        options.format = value();
      } else if (word == "--source") {
        options.source = value();
      } else if (word == "--published") {
        options.published = value();
      } else if (word == "--types") {
        std::stringstream types(value());
        for (std::string type; std::getline(types, type, ',');) options.types.push_back(type);
      } else if (word == "--out") {
        out = value();
      } else {
        // Paths are recorded relative to the repository root, as scripts/update-lists runs.
        Result<ImportInput> input = ReadImportInput(kSourceDir / word);
        if (!input.ok() && !fs::exists(kSourceDir / word)) {
          TRUSTSCREEN_CORPUS_MISSING("source file not available: " << word);
        }
        ASSERT_TRUE(input.ok()) << input.status().message();
        inputs.push_back(std::move(input).value());
      }
    }
    EXPECT_EQ(fs::path(out).filename(), entry.path().filename());
    Result<ImportedList> imported = ImportList(inputs, options);
    ASSERT_TRUE(imported.ok()) << imported.status().message();
    std::ostringstream written;
    WriteEntityList(imported->metadata, imported->entries, written);
    EXPECT_TRUE(written.str() == shipped)
        << entry.path().filename() << " is not what its command imports: run scripts/update-lists";
    ++checked;
  }
  EXPECT_GE(checked, 12);
}

}  // namespace
}  // namespace trustscreen::lists
