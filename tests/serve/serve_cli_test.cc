// `trustscreen serve` as a user starts it: the line it prints, the token beyond loopback, a clean
// stop on SIGTERM, and a bind that cannot work.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <regex>
#include <string>
#include <vector>

#include "serve_client.h"
#include "temp_dir.h"

extern char** environ;

namespace trustscreen::serve {
namespace {

using testing::AppClient;
using testing::TempDir;

// The server process with its standard output on a pipe.
class ServeProcess {
 public:
  explicit ServeProcess(std::vector<std::string> args) {
    args.insert(args.begin(), {TRUSTSCREEN_BINARY, "serve"});
    std::vector<char*> argv;
    for (std::string& arg : args) argv.push_back(arg.data());
    argv.push_back(nullptr);
    int fds[2];
    EXPECT_EQ(::pipe2(fds, O_CLOEXEC), 0);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
    EXPECT_EQ(posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), environ), 0);
    posix_spawn_file_actions_destroy(&actions);
    ::close(fds[1]);
    out_ = fds[0];
  }
  ~ServeProcess() {
    if (pid_ > 0 && !exited_) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
    ::close(out_);
  }

  // Reads output until `pattern` matches a line (or the process ends, or 60 s pass).
  std::smatch WaitFor(const std::string& pattern) {
    const std::regex re(pattern);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (std::chrono::steady_clock::now() < deadline) {
      std::smatch match;
      if (std::regex_search(output_, match, re)) return match;
      pollfd poll_fd{out_, POLLIN, 0};
      if (::poll(&poll_fd, 1, 100) <= 0) continue;
      char buffer[512];
      const ssize_t got = ::read(out_, buffer, sizeof buffer);
      if (got <= 0) break;
      output_.append(buffer, static_cast<std::size_t>(got));
    }
    std::smatch match;
    std::regex_search(output_, match, re);
    return match;
  }

  // SIGTERM, then the exit status (-1 if it was not a normal exit within 60 s).
  int Stop() {
    ::kill(pid_, SIGTERM);
    for (int i = 0; i < 600; ++i) {
      int status = 0;
      if (::waitpid(pid_, &status, WNOHANG) == pid_) {
        exited_ = true;
        return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
      }
      ::usleep(100000);
    }
    return -1;
  }

  int Wait() {
    int status = 0;
    ::waitpid(pid_, &status, 0);
    exited_ = true;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }

  const std::string& output() const { return output_; }

 private:
  pid_t pid_ = -1;
  int out_ = -1;
  bool exited_ = false;
  std::string output_;
};

const std::string kRules = std::string(TRUSTSCREEN_SOURCE_DIR) + "/rules";

TEST(ServeCli, PrintsWhereItListensAndStopsCleanlyOnSigterm) {
  TempDir dir;
  ServeProcess server({"--port", "0", "--data", (dir.path() / "data").string(), "--rules", kRules});
  const std::smatch listening =
      server.WaitFor(R"(trustscreen serve: listening on http://127\.0\.0\.1:([0-9]+)/\n)");
  ASSERT_FALSE(listening.empty()) << server.output();
  EXPECT_EQ(server.output().find("token"), std::string::npos);
  AppClient client(std::stoi(listening[1]));
  httplib::Result home = client.Get("/");
  ASSERT_TRUE(home);
  EXPECT_EQ(home->status, 200);
  EXPECT_EQ(server.Stop(), 0);
  EXPECT_TRUE(std::filesystem::exists(dir.path() / "data" / "history.sqlite"));
}

TEST(ServeCli, BindingBeyondLoopbackPrintsTheAddressWithAGeneratedToken) {
  TempDir dir;
  ServeProcess server({"--bind", "0.0.0.0", "--port", "0", "--data", (dir.path() / "data").string(),
                       "--rules", kRules});
  const std::smatch listening = server.WaitFor(R"(listening on http://0\.0\.0\.0:([0-9]+)/\n)");
  ASSERT_FALSE(listening.empty()) << server.output();
  const std::smatch token =
      server.WaitFor(R"(open http://0\.0\.0\.0:[0-9]+/\?token=([0-9a-f]{48})\n)");
  ASSERT_FALSE(token.empty()) << server.output();
  AppClient client(std::stoi(listening[1]));
  EXPECT_EQ(client.Get("/")->status, 401);
  EXPECT_EQ(client.Get("/", {{"Authorization", "Bearer " + token[1].str()}})->status, 200);
  EXPECT_EQ(server.Stop(), 0);
}

TEST(ServeCli, FailsWithExitCode3WhenItCannotListen) {
  TempDir dir;
  ServeProcess server({"--bind", "192.0.2.77", "--port", "0", "--data",
                       (dir.path() / "data").string(), "--rules", kRules});
  EXPECT_EQ(server.Wait(), 3);
}

}  // namespace
}  // namespace trustscreen::serve
