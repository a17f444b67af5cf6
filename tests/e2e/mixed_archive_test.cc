// The auditor's bar for issue 22: a mixed archive as a contracts office keeps it (PDF, DOCX, legacy
// DOC, XLSX, PPTX, ODS, ODT, an e-mail with attachments, and a ZIP of some of them) is screened
// through the CLI, and every file and every member appears in the report with a status; nothing
// of a supported format is reported unsupported, nothing crashes.
#include <gtest/gtest.h>
#include <zip.h>

#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "corpus.h"
#include "run_cli.h"
#include "temp_dir.h"

namespace trustscreen::testing {
namespace {

namespace fs = std::filesystem;

// A ZIP archive at `path` holding `members` (name, bytes), deflated.
void WriteZip(const fs::path& path,
              const std::vector<std::pair<std::string, std::string>>& members) {
  int error = 0;
  zip_t* archive = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
  ASSERT_NE(archive, nullptr);
  for (const auto& [name, bytes] : members) {
    zip_source_t* source = zip_source_buffer(archive, bytes.data(), bytes.size(), 0);
    ASSERT_NE(source, nullptr);
    ASSERT_GE(zip_file_add(archive, name.c_str(), source, ZIP_FL_ENC_UTF_8), 0);
  }
  ASSERT_EQ(zip_close(archive), 0) << zip_strerror(archive);
}

// A minimal OpenDocument text (mimetype stored first, as ODF requires it to be).
std::string MinimalOdt(const fs::path& dir) {
  const std::string content =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-content "
      "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
      "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\"><office:body><office:text>"
      "<text:p>The Partner is Harbin Institute of Technology.</text:p></office:text></office:body>"
      "</office:document-content>";
  const fs::path path = dir / "brief.odt";
  WriteZip(path,
           {{"mimetype", "application/vnd.oasis.opendocument.text"}, {"content.xml", content}});
  return ReadFile(path);
}

TEST(MixedArchive, EveryFileAndMemberHasAStatusAndNoSupportedFormatIsUnsupported) {
  TRUSTSCREEN_NEED_CORPUS(CorpusPath("formats"));
  TempDir temp;
  const fs::path archive = temp.path() / "archive";
  fs::create_directories(archive);
  const fs::path samples = fs::path(TRUSTSCREEN_SOURCE_DIR) / "samples";
  const std::map<std::string, fs::path> files = {
      {"agreement.pdf", samples / "collaboration-agreement.pdf"},
      {"agreement.docx", samples / "collaboration-agreement.docx"},
      {"proposal.doc", CorpusPath("proposals/HiLo_highlow_plantgenome.doc")},
      {"budget.xlsx", CorpusPath("formats/xlsx/poi__SampleSS.xlsx")},
      {"budget.ods", CorpusPath("formats/ods/poi__SampleSS.ods")},
      {"kickoff.pptx", CorpusPath("formats/pptx/poi__table_test.pptx")},
      {"thread.eml", CorpusPath("formats/eml/tika__testRFC822-mixed-with-pdf-inline")},
  };
  for (const auto& [name, source] : files) {
    if (!fs::exists(source)) {
      // The .doc may sit deeper in the proposals tree.
      bool found = false;
      for (const auto& entry : fs::recursive_directory_iterator(CorpusPath("proposals"))) {
        if (entry.path().filename() == source.filename()) {
          fs::copy_file(entry.path(), archive / name);
          found = true;
          break;
        }
      }
      ASSERT_TRUE(found) << source;
      continue;
    }
    fs::copy_file(source, archive / name);
  }
  const std::string odt = MinimalOdt(archive);
  WriteZip(archive / "bundle.zip", {{"inner/agreement.docx", ReadFile(archive / "agreement.docx")},
                                    {"inner/budget.xlsx", ReadFile(archive / "budget.xlsx")},
                                    {"inner/brief.odt", odt},
                                    {"inner/thread.eml", ReadFile(archive / "thread.eml")}});

  const fs::path out = temp.path() / "out";
  const CliRun run = RunTrustscreen("scan " + Quote(archive) + " --out " + Quote(out) + " -q");
  ASSERT_TRUE(run.exit_code == 0 || run.exit_code == 1 || run.exit_code == 2) << run.output;
  const JsonlReport report = ReadJsonl(out / "findings.jsonl");

  // Every file of the folder is a document of the report.
  std::set<std::string> reported;
  for (const auto& document : report.documents)
    reported.insert(document["path"].get<std::string>());
  for (const auto& entry : fs::directory_iterator(archive)) {
    EXPECT_EQ(reported.count(entry.path().string()), 1u) << entry.path();
  }
  // Members of the ZIP and attachments of the e-mails are listed with their container's path.
  const auto has_member_of = [&](const std::string& container) {
    for (const std::string& path : reported) {
      if (path.starts_with((archive / container).string() + "!/")) return true;
    }
    return false;
  };
  EXPECT_TRUE(has_member_of("bundle.zip"));
  EXPECT_TRUE(has_member_of("thread.eml"));
  EXPECT_TRUE(has_member_of("bundle.zip!/inner/thread.eml"));

  std::map<std::string, std::string> formats;
  for (const auto& document : report.documents) {
    const std::string path = document["path"];
    const std::string status = document["status"];
    formats[path] = document["format"];
    EXPECT_NE(status, "unsupported") << path << ": " << document["reason"];
    EXPECT_NE(status, "crashed") << path << ": " << document["reason"];
    EXPECT_FALSE(status.empty()) << path;
  }
  EXPECT_EQ(formats[(archive / "proposal.doc").string()], "doc");
  EXPECT_EQ(formats[(archive / "budget.xlsx").string()], "xlsx");
  EXPECT_EQ(formats[(archive / "budget.ods").string()], "ods");
  EXPECT_EQ(formats[(archive / "kickoff.pptx").string()], "pptx");
  EXPECT_EQ(formats[(archive / "thread.eml").string()], "eml");
  EXPECT_EQ(formats[(archive / "bundle.zip!/inner/brief.odt").string()], "odt");
  EXPECT_EQ(formats[(archive / "bundle.zip!/inner/budget.xlsx").string()], "xlsx");

  // The listed partner in the ODT inside the ZIP is found there.
  bool partner_in_odt = false;
  for (const auto& finding : report.findings) {
    if (finding["document"] == (archive / "bundle.zip!/inner/brief.odt").string() &&
        finding["family"] == "partner") {
      partner_in_odt = true;
    }
  }
  EXPECT_TRUE(partner_in_odt);
}

// The 90 real office and e-mail files of the shared corpus (POI, Tika, MimeKit, flanker… test
// files; 17 hostile) through the CLI with worker isolation: every file is in the report with a
// status, none is unsupported, nothing crashes or times out, and every status but ok has a reason.
TEST(FormatsCorpus, EveryOfficeAndMailFileIsAccountedForAndNoneCrashes) {
  TRUSTSCREEN_NEED_CORPUS(CorpusPath("formats"));
  TempDir temp;
  const fs::path out = temp.path() / "out";
  const CliRun run =
      RunTrustscreen("scan " + Quote(CorpusPath("formats")) + " --out " + Quote(out) + " -q");
  ASSERT_TRUE(run.exit_code == 0 || run.exit_code == 1 || run.exit_code == 2) << run.output;
  const JsonlReport report = ReadJsonl(out / "findings.jsonl");
  std::map<std::string, std::string> status_of;
  for (const auto& document : report.documents) {
    status_of[document["path"].get<std::string>()] = document["status"].get<std::string>();
    EXPECT_NE(document["status"], "crashed") << document["path"] << ": " << document["reason"];
    EXPECT_NE(document["status"], "timeout") << document["path"] << ": " << document["reason"];
    if (document["status"] != "ok") {
      EXPECT_FALSE(document["reason"].get<std::string>().empty()) << document["path"];
    }
  }
  // No file of the corpus is unsupported: each format is read. (Members may be: the quick.xml
  // attached to quick-winmail.dat is an XML data file of no known kind.)
  int files = 0;
  for (const auto& entry : fs::recursive_directory_iterator(CorpusPath("formats"))) {
    if (!entry.is_regular_file()) continue;
    ++files;
    const std::string path = entry.path().string();
    ASSERT_EQ(status_of.count(path), 1u) << path << " is not in the report";
    EXPECT_NE(status_of[path], "unsupported") << path;
  }
  EXPECT_GE(files, 90);
}

}  // namespace
}  // namespace trustscreen::testing
