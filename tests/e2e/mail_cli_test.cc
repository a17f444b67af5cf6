// E-mail end to end: a saved message whose attached draft names a listed partner is screened
// through the CLI with the shipped rules, and the finding is reported on the attachment's path.
#include <gtest/gtest.h>

#include <string>

#include "e2e/run_cli.h"
#include "extract/mail_fixtures.h"
#include "extract/test_fixtures.h"
#include "temp_dir.h"

namespace trustscreen::testing {
namespace {

const std::filesystem::path kSourceDir = TRUSTSCREEN_SOURCE_DIR;
const std::filesystem::path kRules = kSourceDir / "rules";

std::string ThreadWithDraft() {
  const std::string docx = extract::fixtures::BuildDocx(extract::fixtures::WordDocument(
      "<w:p><w:r><w:t>This Agreement is made with Harbin Institute of Technology, the "
      "Partner.</w:t></w:r></w:p>"));
  return "From: Jane Doe <jane@example.org>\r\n"
         "To: Legal <legal@example.org>\r\n"
         "Subject: =?UTF-8?Q?Draft_agreement_=E2=80=93_please_review?=\r\n"
         "Date: Tue, 3 Nov 2026 10:00:00 +0000\r\n"
         "Message-ID: <draft@example.org>\r\n"
         "MIME-Version: 1.0\r\n"
         "Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n"
         "--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
         "Please review the attached draft before Friday.\r\n"
         "--b\r\nContent-Type: application/vnd.openxmlformats-officedocument."
         "wordprocessingml.document\r\n"
         "Content-Disposition: attachment; filename=\"draft.docx\"\r\n"
         "Content-Transfer-Encoding: base64\r\n\r\n" +
         extract::fixtures::Base64(docx) + "\r\n--b--\r\n";
}

TEST(MailCli, FindingInAnAttachedDraftIsReportedOnTheAttachmentsPath) {
  TempDir dir;
  const std::filesystem::path thread = dir.Write("in/thread.eml", ThreadWithDraft());
  const CliRun run = RunTrustscreen("scan " + Quote(dir.path() / "in") + " --rules " +
                                    Quote(kRules) + " --out " + Quote(dir.path() / "out"));
  EXPECT_EQ(run.exit_code, 1) << run.output;  // a finding, and everything screened
  const JsonlReport report = ReadJsonl(dir.path() / "out" / "findings.jsonl");
  const nlohmann::json* message = report.Document("thread.eml");
  ASSERT_NE(message, nullptr) << run.output;
  EXPECT_EQ((*message)["status"], "ok") << (*message).dump();
  EXPECT_EQ((*message)["format"], "eml");
  const nlohmann::json* draft = report.Document("draft.docx");
  ASSERT_NE(draft, nullptr) << run.output;
  EXPECT_EQ((*draft)["path"], thread.string() + "!/draft.docx");
  EXPECT_EQ((*draft)["status"], "ok");
  const std::vector<nlohmann::json> findings = report.FindingsIn("draft.docx");
  ASSERT_FALSE(findings.empty()) << run.output;
  bool partner = false;
  for (const nlohmann::json& finding : findings) {
    partner = partner || finding.dump().find("Harbin Institute of Technology") != std::string::npos;
  }
  EXPECT_TRUE(partner) << findings.front().dump();
}

}  // namespace
}  // namespace trustscreen::testing
