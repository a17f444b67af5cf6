// The review app end to end: a real server on a loopback port, real SQLite history, real files,
// scans through the batch pipeline with the shipped rules and extraction workers, driven over HTTP.
#include "trustscreen/serve/app.h"

#include <gtest/gtest.h>
#include <sys/wait.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <regex>
#include <sstream>
#include <string>

#include "serve_client.h"
#include "temp_dir.h"
#include "test_fixtures.h"
#include "trustscreen/review/waivers.h"

namespace trustscreen::serve {
namespace {

using testing::AppClient;
using testing::TempDir;

constexpr char kPartner[] = "Harbin Institute of Technology";

std::string PartnerDocx() {
  return extract::fixtures::BuildDocx(extract::fixtures::WordDocument(
      "<w:p><w:r><w:t>1. Parties</w:t></w:r></w:p>"
      "<w:p><w:r><w:t>This Agreement is made between the University and Harbin Institute of "
      "Technology as the partner.</w:t></w:r></w:p>"));
}

std::string ReadAll(const std::filesystem::path& path) {
  std::ifstream file(path, std::ios::binary);
  std::stringstream contents;
  contents << file.rdbuf();
  return contents.str();
}

std::unique_ptr<ReviewApp> StartApp(const TempDir& dir,
                                    const std::function<void(ServeOptions&)>& adjust = {}) {
  ServeOptions options;
  options.port = 0;
  options.data_dir = dir.path() / "data";
  options.rule_paths = {std::filesystem::path(TRUSTSCREEN_SOURCE_DIR) / "rules"};
  options.isolation.worker_executable = TRUSTSCREEN_BINARY;
  options.threads = 2;
  if (adjust) adjust(options);
  Result<std::unique_ptr<ReviewApp>> app = ReviewApp::Start(options);
  EXPECT_TRUE(app.ok()) << app.status().message();
  return app.ok() ? std::move(app).value() : nullptr;
}

// The fingerprint of the first review form on a run page.
std::string FirstFingerprint(const std::string& page) {
  std::smatch match;
  if (!std::regex_search(page, match, std::regex("data-fingerprint=\"([0-9a-f]{64})\""))) return "";
  return match[1];
}

int RunCli(const std::string& args) {
  const std::string command =
      std::string("'") + TRUSTSCREEN_BINARY + "' " + args + " >/dev/null 2>&1";
  const int status = std::system(command.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

TEST(ServeApp, UploadReviewAndRescreenShowTheFindingCleared) {
  TempDir dir;
  std::unique_ptr<ReviewApp> app = StartApp(dir);
  ASSERT_NE(app, nullptr);
  AppClient client(app->port());

  const std::int64_t first = client.Upload({{"agreement.docx", PartnerDocx()}});
  ASSERT_GT(first, 0);
  const std::string page = client.WaitForRun(first);
  ASSERT_NE(page.find("id=\"ts-verdict\""), std::string::npos) << page.substr(0, 2000);
  EXPECT_NE(page.find(kPartner), std::string::npos);
  EXPECT_NE(page.find("finding(s) to review"), std::string::npos);
  const std::string fingerprint = FirstFingerprint(page);
  ASSERT_FALSE(fingerprint.empty());

  // A cleared decision, by a named reviewer, lands in the waivers file.
  std::smatch csrf;
  ASSERT_TRUE(std::regex_search(page, csrf, std::regex("name=\"csrf\" value=\"([0-9a-f]+)\"")));
  httplib::Result recorded = client.Post("/runs/" + std::to_string(first) + "/review",
                                         {{"csrf", csrf[1]},
                                          {"fingerprint", fingerprint},
                                          {"decision", "cleared"},
                                          {"reason", "teaching exchange only, no controlled items"},
                                          {"reviewer", "A. Reviewer"}});
  ASSERT_TRUE(recorded);
  ASSERT_EQ(recorded->status, 303) << recorded->body;
  const std::string waivers = ReadAll(dir.path() / "data" / "waivers.yaml");
  EXPECT_NE(waivers.find("fingerprint: " + fingerprint), std::string::npos) << waivers;
  EXPECT_NE(waivers.find("reviewer: A. Reviewer"), std::string::npos) << waivers;
  EXPECT_NE(waivers.find("teaching exchange only"), std::string::npos) << waivers;
  EXPECT_NE(waivers.find("document: "), std::string::npos) << waivers;

  // The run page says the decision is recorded and remembers the reviewer.
  httplib::Result after = client.Get("/runs/" + std::to_string(first) + "?notice=recorded");
  ASSERT_TRUE(after);
  EXPECT_NE(after->body.find("Decision recorded"), std::string::npos);
  EXPECT_NE(after->body.find("Recorded: cleared by A. Reviewer"), std::string::npos);
  EXPECT_NE(after->body.find("value=\"A. Reviewer\""), std::string::npos);

  // Re-screen: a new run over the same inputs with the waivers file shows the finding waived.
  httplib::Result rescreen =
      client.Post("/runs/" + std::to_string(first) + "/rescreen", {{"csrf", csrf[1]}});
  const std::int64_t second = AppClient::RunIdOf(rescreen);
  ASSERT_GT(second, first);
  const std::string rescreened = client.WaitForRun(second);
  EXPECT_NE(rescreened.find("data-fingerprint=\"" + fingerprint + "\" data-status=\"waived\""),
            std::string::npos);
  EXPECT_NE(rescreened.find("teaching exchange only"), std::string::npos);
  EXPECT_NE(rescreened.find("(1 cleared, 0 escalated)"), std::string::npos);  // the verdict

  // History: both runs, the second compared with the first.
  httplib::Result history = client.Get("/history");
  ASSERT_TRUE(history);
  EXPECT_NE(history->body.find("data-run=\"" + std::to_string(first) + "\""), std::string::npos);
  EXPECT_NE(history->body.find("data-run=\"" + std::to_string(second) + "\""), std::string::npos);
  EXPECT_NE(history->body.find("since #" + std::to_string(first)), std::string::npos);
  httplib::Result diff = client.Get("/runs/" + std::to_string(second) + "/diff");
  ASSERT_TRUE(diff);
  EXPECT_EQ(diff->status, 200);
  EXPECT_NE(diff->body.find("0 new, 0 resolved"), std::string::npos) << diff->body;
  EXPECT_NE(diff->body.find("open → waived"), std::string::npos) << diff->body;

  // Every report format downloads, named for the run.
  for (const auto& [name, file] :
       std::vector<std::pair<std::string, std::string>>{{"jsonl", "findings.jsonl"},
                                                        {"html", "report.html"},
                                                        {"csv", "flagged-clauses.csv"},
                                                        {"sarif", "findings.sarif"}}) {
    httplib::Result download = client.Get("/runs/" + std::to_string(second) + "/download/" + name);
    ASSERT_TRUE(download);
    EXPECT_EQ(download->status, 200) << name;
    EXPECT_EQ(
        download->get_header_value("Content-Disposition"),
        "attachment; filename=\"trustscreen-run-" + std::to_string(second) + "-" + file + "\"");
    EXPECT_NE(download->body.find(name == "csv" ? "waived" : kPartner), std::string::npos) << name;
  }

  // The nightly batch agrees: scan --waivers with the same file waives the same finding.
  const std::filesystem::path upload_dir =
      *std::filesystem::directory_iterator(dir.path() / "data" / "uploads");
  const std::filesystem::path batch_out = dir.path() / "batch";
  RunCli("scan '" + upload_dir.string() + "' --rules '" + TRUSTSCREEN_SOURCE_DIR +
         "/rules' --waivers '" + (dir.path() / "data" / "waivers.yaml").string() + "' --out '" +
         batch_out.string() + "' -q");
  const std::string batch = ReadAll(batch_out / "findings.jsonl");
  EXPECT_NE(batch.find("\"status\":\"waived\""), std::string::npos) << batch.substr(0, 400);
  app->Stop();
}

TEST(ServeApp, EscalationsAndNotesGoToTheWaiversFileAndShowAfterARescreen) {
  TempDir dir;
  std::unique_ptr<ReviewApp> app = StartApp(dir);
  ASSERT_NE(app, nullptr);
  AppClient client(app->port());
  const std::int64_t first = client.Upload({{"agreement.docx", PartnerDocx()}});
  ASSERT_GT(first, 0);
  const std::string fingerprint = FirstFingerprint(client.WaitForRun(first));
  ASSERT_FALSE(fingerprint.empty());
  const std::string csrf = client.Csrf();
  const std::string review = "/runs/" + std::to_string(first) + "/review";
  for (const auto& [decision, reason] : std::vector<std::pair<std::string, std::string>>{
           {"escalated", "partner on the ASPI tracker: export control to confirm"},
           {"note", "asked the PI for the project plan"}}) {
    httplib::Result result = client.Post(review, {{"csrf", csrf},
                                                  {"fingerprint", fingerprint},
                                                  {"decision", decision},
                                                  {"reason", reason},
                                                  {"reviewer", "B. Officer"}});
    ASSERT_TRUE(result);
    EXPECT_EQ(result->status, 303) << result->body;
  }
  httplib::Result bad = client.Post(review, {{"csrf", csrf},
                                             {"fingerprint", fingerprint},
                                             {"decision", "ignored"},
                                             {"reason", "x"},
                                             {"reviewer", "B. Officer"}});
  EXPECT_EQ(bad->status, 400);
  Result<review::WaiverSet> waivers = review::LoadWaivers(dir.path() / "data" / "waivers.yaml");
  ASSERT_TRUE(waivers.ok()) << waivers.status().message();
  ASSERT_EQ(waivers->waivers.size(), 2u);
  EXPECT_EQ(waivers->waivers[0].decision, ReviewDecision::kEscalated);
  EXPECT_EQ(waivers->waivers[1].decision, ReviewDecision::kNote);
  EXPECT_EQ(waivers->waivers[1].fingerprint, fingerprint);

  const std::int64_t second = AppClient::RunIdOf(
      client.Post("/runs/" + std::to_string(first) + "/rescreen", {{"csrf", csrf}}));
  ASSERT_GT(second, 0);
  const std::string page = client.WaitForRun(second);
  EXPECT_NE(page.find("data-fingerprint=\"" + fingerprint +
                      "\" data-status=\"escalated\" data-notes=\"1\""),
            std::string::npos);
  EXPECT_NE(page.find("asked the PI for the project plan"), std::string::npos);
  EXPECT_NE(page.find("finding(s) to review (0 cleared, 1 escalated)"), std::string::npos);
  EXPECT_EQ(page.find("class=\"ts-pending\""), std::string::npos);  // both applied
  httplib::Result diff = client.Get("/runs/" + std::to_string(second) + "/diff");
  EXPECT_NE(diff->body.find("open → escalated"), std::string::npos);
}

TEST(ServeApp, AZipUploadIsScreenedAsAnArchive) {
  TempDir dir;
  std::unique_ptr<ReviewApp> app = StartApp(dir);
  ASSERT_NE(app, nullptr);
  AppClient client(app->port());
  const std::int64_t run = client.Upload(
      {{"bundle.zip", extract::fixtures::BuildZip({{"drafts/agreement.docx", PartnerDocx()},
                                                   {"notes.txt", "Nothing here.\n"}})}});
  ASSERT_GT(run, 0);
  const std::string page = client.WaitForRun(run);
  EXPECT_NE(page.find(kPartner), std::string::npos);
  EXPECT_NE(page.find("0001-bundle.zip!/drafts/agreement.docx"), std::string::npos);
  EXPECT_NE(page.find("finding(s) to review"), std::string::npos);
}

TEST(ServeApp, DownloadsAreChosenByRunAndFormatNeverByPath) {
  TempDir dir;
  std::unique_ptr<ReviewApp> app = StartApp(dir);
  ASSERT_NE(app, nullptr);
  AppClient client(app->port());
  const std::int64_t run = client.Upload({{"notes.txt", "Nothing of interest here.\n"}});
  ASSERT_GT(run, 0);
  client.WaitForRun(run);
  const std::string base = "/runs/" + std::to_string(run) + "/download/";
  for (const std::string& path :
       {base + "../../history.sqlite", base + "..%2f..%2fhistory.sqlite", base + "findings.jsonl",
        base + "%2e%2e", base + "JSONL", std::string("/runs/99/download/jsonl"),
        std::string("/runs/0/download/jsonl"), std::string("/runs/../history.sqlite"),
        std::string("/runs/%2e%2e/history.sqlite"), std::string("/../../etc/passwd")}) {
    httplib::Result result = client.Get(path);
    ASSERT_TRUE(result) << path;
    EXPECT_EQ(result->status, 404) << path;
    EXPECT_EQ(result->body.find("SQLite format"), std::string::npos) << path;
    EXPECT_EQ(result->body.find("root:"), std::string::npos) << path;
  }
  httplib::Result ok = client.Get(base + "jsonl");
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->status, 200);
}

TEST(ServeApp, RefusesPostsWithoutTheCsrfTokenOrFromAnotherSite) {
  TempDir dir;
  dir.Write("folder/a.txt", "Nothing of interest here.\n");
  std::unique_ptr<ReviewApp> app = StartApp(dir);
  ASSERT_NE(app, nullptr);
  AppClient client(app->port());
  const std::string csrf = client.Csrf();
  ASSERT_FALSE(csrf.empty());
  const std::string folder = (dir.path() / "folder").string();

  auto status = [&](const httplib::Params& params, httplib::Headers headers) {
    httplib::Result result = client.Post("/scan/folder", params, std::move(headers));
    return result ? result->status : -1;
  };
  EXPECT_EQ(status({{"folder", folder}}, {}), 403);                         // no token
  EXPECT_EQ(status({{"folder", folder}, {"csrf", "00" + csrf}}, {}), 403);  // wrong token
  EXPECT_EQ(status({{"folder", folder}, {"csrf", csrf}}, {{"Origin", "http://evil.example"}}), 403);
  EXPECT_EQ(status({{"folder", folder}, {"csrf", csrf}}, {{"Origin", "null"}}), 403);
  EXPECT_EQ(status({{"folder", folder}, {"csrf", csrf}}, {{"Sec-Fetch-Site", "cross-site"}}), 403);
  // Another session's token is not this session's.
  AppClient stranger(app->port());
  stranger.Csrf();
  httplib::Result foreign = stranger.Post("/scan/folder", {{"folder", folder}, {"csrf", csrf}});
  ASSERT_TRUE(foreign);
  EXPECT_EQ(foreign->status, 403);
  // An upload without the token leaves nothing behind.
  httplib::Result upload =
      client.PostFiles("/scan/upload", {{"files", "text", "a.txt", "text/plain"}});
  ASSERT_TRUE(upload);
  EXPECT_EQ(upload->status, 403);
  EXPECT_TRUE(std::filesystem::is_empty(dir.path() / "data" / "uploads"));
  // Not a form with files: refused, and the connection still answers the next request.
  httplib::Result plain = client.Post("/scan/upload", {{"csrf", csrf}});
  ASSERT_TRUE(plain);
  EXPECT_EQ(plain->status, 400);
  // No run was started by any of them; the right token and origin start one.
  httplib::Result history = client.Get("/history");
  ASSERT_TRUE(history);
  EXPECT_NE(history->body.find("No runs yet"), std::string::npos);
  EXPECT_EQ(status({{"folder", folder}, {"csrf", csrf}}, {{"Sec-Fetch-Site", "same-origin"}}), 303);
}

TEST(ServeApp, FolderMustBeAnExistingDirectoryGivenInFull) {
  TempDir dir;
  dir.Write("folder/a.txt", "Nothing of interest here.\n");
  std::unique_ptr<ReviewApp> app = StartApp(dir);
  ASSERT_NE(app, nullptr);
  AppClient client(app->port());
  const std::string csrf = client.Csrf();
  for (const std::string& folder :
       {(dir.path() / "missing").string(), (dir.path() / "folder" / "a.txt").string(),
        std::string("folder"), std::string("")}) {
    httplib::Result result = client.Post("/scan/folder", {{"folder", folder}, {"csrf", csrf}});
    ASSERT_TRUE(result);
    EXPECT_EQ(result->status, 400) << folder;
  }
  const std::int64_t run = AppClient::RunIdOf(
      client.Post("/scan/folder", {{"folder", (dir.path() / "folder").string()}, {"csrf", csrf}}));
  ASSERT_GT(run, 0);
  const std::string page = client.WaitForRun(run);
  EXPECT_NE(page.find("Clear: no findings"), std::string::npos) << page.substr(0, 3000);
  EXPECT_NE(page.find("a.txt"), std::string::npos);
}

TEST(ServeApp, RequiresTheAccessTokenWhenOneIsSet) {
  TempDir dir;
  std::unique_ptr<ReviewApp> app =
      StartApp(dir, [](ServeOptions& options) { options.token = "s3cret-token-0123"; });
  ASSERT_NE(app, nullptr);
  EXPECT_EQ(app->url_with_token(), app->url() + "?token=s3cret-token-0123");
  AppClient client(app->port());
  httplib::Result none = client.Get("/");
  ASSERT_TRUE(none);
  EXPECT_EQ(none->status, 401);
  EXPECT_EQ(client.Get("/history")->status, 401);
  EXPECT_EQ(client.Get("/runs/1/download/jsonl")->status, 401);
  EXPECT_EQ(client.Get("/", {{"Authorization", "Bearer wrong"}})->status, 403);
  EXPECT_EQ(client.Get("/?token=wrong")->status, 403);
  EXPECT_EQ(client.Get("/", {{"Authorization", "Bearer s3cret-token-0123"}})->status, 200);
  // ?token= once: a redirect that drops it from the address, and a cookie that carries it.
  httplib::Result once = client.Get("/history?token=s3cret-token-0123");
  ASSERT_TRUE(once);
  EXPECT_EQ(once->status, 303);
  EXPECT_EQ(once->get_header_value("Location"), "/history");
  EXPECT_NE(once->get_header_value("Set-Cookie").find("HttpOnly; SameSite=Strict"),
            std::string::npos);
  EXPECT_EQ(client.Get("/history")->status, 200);
  // The redirect goes only to a path of the app's own shape.
  EXPECT_EQ(
      client.Get("/%0d%0aSet-Cookie:%20x=1?token=s3cret-token-0123")->get_header_value("Location"),
      "/");
  EXPECT_EQ(client.Get("//evil.example/?token=s3cret-token-0123")->get_header_value("Location"),
            "/");
  // A wrong cookie is refused.
  AppClient forger(app->port());
  forger.cookies()["ts_token_" + std::to_string(app->port())] = "s3cret-token-0124";
  EXPECT_EQ(forger.Get("/")->status, 403);
}

TEST(ServeApp, RefusesATokenThatIsShortOrUnsafeInACookie) {
  TempDir dir;
  for (const std::string& token : {std::string("short"), std::string("has space in it 0123"),
                                   std::string("semi;colon;0123456789")}) {
    ServeOptions options;
    options.port = 0;
    options.data_dir = dir.path() / "data";
    options.rule_paths = {std::filesystem::path(TRUSTSCREEN_SOURCE_DIR) / "rules"};
    options.token = token;
    Result<std::unique_ptr<ReviewApp>> app = ReviewApp::Start(options);
    ASSERT_FALSE(app.ok()) << token;
    EXPECT_EQ(app.status().code(), ErrorCode::kInvalidArgument);
  }
}

TEST(ServeApp, BindingBeyondLoopbackGeneratesAToken) {
  TempDir dir;
  std::unique_ptr<ReviewApp> app =
      StartApp(dir, [](ServeOptions& options) { options.bind = "0.0.0.0"; });
  ASSERT_NE(app, nullptr);
  EXPECT_GE(app->token().size(), 32u);
  EXPECT_NE(app->url_with_token().find("?token=" + app->token()), std::string::npos);
  AppClient client(app->port());
  EXPECT_EQ(client.Get("/")->status, 401);
  EXPECT_EQ(client.Get("/", {{"Authorization", "Bearer " + app->token()}})->status, 200);
}

TEST(ServeApp, AnswersOnlyItsOwnHostName) {
  TempDir dir;
  std::unique_ptr<ReviewApp> app = StartApp(dir);
  ASSERT_NE(app, nullptr);
  AppClient client(app->port());
  const std::string port = std::to_string(app->port());
  EXPECT_EQ(client.Get("/", {{"Host", "attacker.example:" + port}})->status, 421);
  EXPECT_EQ(client.Get("/", {{"Host", "127.0.0.1:1"}})->status, 421);
  EXPECT_EQ(client.Get("/", {{"Host", "localhost:" + port}})->status, 200);
}

TEST(ServeApp, RefusesOversizeUploadsWith413) {
  TempDir dir;
  std::unique_ptr<ReviewApp> app = StartApp(dir, [](ServeOptions& options) {
    options.max_upload_bytes = 3ull << 20;
    options.max_file_bytes = 1ull << 20;
  });
  ASSERT_NE(app, nullptr);
  AppClient client(app->port());
  const std::string big((1u << 20) + 1, 'x');
  const std::string csrf = client.Csrf();
  httplib::Result one_file = client.PostFiles(
      "/scan/upload", {{"csrf", csrf, "", ""}, {"files", big, "big.txt", "text/plain"}});
  ASSERT_TRUE(one_file);
  EXPECT_EQ(one_file->status, 413);
  EXPECT_NE(one_file->body.find("too large"), std::string::npos);
  const std::string part((900u << 10), 'y');
  httplib::Result total =
      client.PostFiles("/scan/upload", {{"csrf", csrf, "", ""},
                                        {"files", part, "1.txt", "text/plain"},
                                        {"files", part, "2.txt", "text/plain"},
                                        {"files", part, "3.txt", "text/plain"},
                                        {"files", part, "4.txt", "text/plain"}});
  ASSERT_TRUE(total);
  EXPECT_EQ(total->status, 413);
  const std::string huge((5u << 20), 'z');
  httplib::Result body = client.PostFiles(
      "/scan/upload", {{"csrf", csrf, "", ""}, {"files", huge, "huge.txt", "text/plain"}});
  ASSERT_TRUE(body);
  EXPECT_EQ(body->status, 413);
  EXPECT_TRUE(std::filesystem::is_empty(dir.path() / "data" / "uploads"));
}

TEST(ServeApp, UploadNamesNeverBecomePaths) {
  TempDir dir;
  std::unique_ptr<ReviewApp> app = StartApp(dir);
  ASSERT_NE(app, nullptr);
  AppClient client(app->port());
  const std::int64_t run = client.Upload({{"../../escaped.txt", "one\n"},
                                          {"..\\..\\escaped2.txt", "two\n"},
                                          {"/etc/cron.d/x", "three\n"},
                                          {"..", "four\n"}});
  ASSERT_GT(run, 0);
  client.WaitForRun(run);
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "escaped.txt"));
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "data" / "escaped.txt"));
  std::vector<std::string> stored;
  for (const auto& entry :
       std::filesystem::recursive_directory_iterator(dir.path() / "data" / "uploads")) {
    if (entry.is_regular_file()) {
      stored.push_back(entry.path().lexically_relative(dir.path() / "data" / "uploads").string());
    }
  }
  std::sort(stored.begin(), stored.end());
  ASSERT_EQ(stored.size(), 4u);
  const std::string id = std::filesystem::path(stored[0]).parent_path().string();
  EXPECT_EQ(id.size(), 24u);
  EXPECT_EQ(stored[0], id + "/0001-escaped.txt");
  EXPECT_EQ(stored[1], id + "/0002-escaped2.txt");
  EXPECT_EQ(stored[2], id + "/0003-x");
  EXPECT_EQ(stored[3], id + "/0004-upload");
}

TEST(ServeApp, HostileFileNamesAndClauseTextAreShownAsText) {
  TempDir dir;
  std::unique_ptr<ReviewApp> app = StartApp(dir);
  ASSERT_NE(app, nullptr);
  AppClient client(app->port());
  const std::string name = "<img src=x onerror=alert(1)>.txt";
  const std::int64_t run =
      client.Upload({{name, std::string("1. Parties\n\nThis Agreement is made with ") + kPartner +
                                " <script>alert('clause')</script> as partner.\n"}});
  ASSERT_GT(run, 0);
  const std::string page = client.WaitForRun(run);
  EXPECT_NE(page.find(kPartner), std::string::npos);
  EXPECT_NE(page.find("&lt;img src=x onerror=alert(1)&gt;"), std::string::npos);
  EXPECT_EQ(page.find("<img src=x"), std::string::npos);
  EXPECT_EQ(page.find("<script>alert"), std::string::npos);
  for (const std::string& path : {std::string("/"), std::string("/history")}) {
    httplib::Result listing = client.Get(path);
    ASSERT_TRUE(listing);
    EXPECT_NE(listing->body.find("&lt;img src=x onerror=alert(1)&gt;"), std::string::npos) << path;
    EXPECT_EQ(listing->body.find("<img src=x"), std::string::npos) << path;
  }
  // Every page forbids what it does not hold itself: no fetches, only its own inline blocks.
  httplib::Result report = client.Get("/runs/" + std::to_string(run));
  const std::string policy = report->get_header_value("Content-Security-Policy");
  EXPECT_NE(policy.find("default-src 'none'"), std::string::npos);
  EXPECT_NE(policy.find("form-action 'self'"), std::string::npos);
  EXPECT_NE(policy.find("frame-ancestors 'none'"), std::string::npos);
  EXPECT_EQ(policy.find("unsafe"), std::string::npos);
  EXPECT_EQ(report->get_header_value("X-Content-Type-Options"), "nosniff");
}

TEST(ServeApp, RefusesADecisionForAFindingTheRunDoesNotHave) {
  TempDir dir;
  std::unique_ptr<ReviewApp> app = StartApp(dir);
  ASSERT_NE(app, nullptr);
  AppClient client(app->port());
  const std::int64_t run = client.Upload({{"agreement.docx", PartnerDocx()}});
  ASSERT_GT(run, 0);
  const std::string page = client.WaitForRun(run);
  const std::string csrf = client.Csrf();
  const std::string path = "/runs/" + std::to_string(run) + "/review";
  httplib::Result unknown = client.Post(path, {{"csrf", csrf},
                                               {"fingerprint", std::string(64, 'a')},
                                               {"decision", "cleared"},
                                               {"reason", "r"},
                                               {"reviewer", "R"}});
  EXPECT_EQ(unknown->status, 400);
  httplib::Result no_reviewer = client.Post(path, {{"csrf", csrf},
                                                   {"fingerprint", FirstFingerprint(page)},
                                                   {"decision", "cleared"},
                                                   {"reason", "r"},
                                                   {"reviewer", " "}});
  EXPECT_EQ(no_reviewer->status, 400);
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "data" / "waivers.yaml"));
  // A reason with line breaks stays one entry of the waivers file.
  httplib::Result multiline =
      client.Post(path, {{"csrf", csrf},
                         {"fingerprint", FirstFingerprint(page)},
                         {"decision", "cleared"},
                         {"reason", "ok\n  - fingerprint: " + std::string(64, 'b')},
                         {"reviewer", "R"}});
  EXPECT_EQ(multiline->status, 303);
  Result<review::WaiverSet> waivers = review::LoadWaivers(dir.path() / "data" / "waivers.yaml");
  ASSERT_TRUE(waivers.ok()) << waivers.status().message();
  EXPECT_EQ(waivers->waivers.size(), 1u);
}

}  // namespace
}  // namespace trustscreen::serve
