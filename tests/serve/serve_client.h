// A test's browser for the review app: an httplib::Client that keeps cookies, sends Origin on
// POSTs as a browser does, and knows the app's forms (CSRF token, run ids, finding fingerprints).
#ifndef TRUSTSCREEN_TESTS_SERVE_SERVE_CLIENT_H_
#define TRUSTSCREEN_TESTS_SERVE_SERVE_CLIENT_H_

#include <httplib.h>

#include <chrono>
#include <map>
#include <memory>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include "trustscreen/serve/app.h"

namespace trustscreen::testing {

class AppClient {
 public:
  explicit AppClient(int port)
      : client_("127.0.0.1", port), origin_("http://127.0.0.1:" + std::to_string(port)) {
    client_.set_read_timeout(120);
  }

  httplib::Result Get(const std::string& path, httplib::Headers headers = {}) {
    AddCookies(headers);
    httplib::Result result = client_.Get(path, headers);
    KeepCookies(result);
    return result;
  }

  httplib::Result Post(const std::string& path, const httplib::Params& params,
                       httplib::Headers headers = {}) {
    AddBrowserHeaders(headers);
    httplib::Result result = client_.Post(path, headers, params);
    KeepCookies(result);
    return result;
  }

  httplib::Result PostFiles(const std::string& path, const httplib::MultipartFormDataItems& items,
                            httplib::Headers headers = {}) {
    AddBrowserHeaders(headers);
    httplib::Result result = client_.Post(path, headers, items);
    KeepCookies(result);
    return result;
  }

  // The CSRF token of the home page's forms (starting a session when there is none).
  std::string Csrf() {
    httplib::Result home = Get("/");
    std::smatch match;
    if (!home ||
        !std::regex_search(home->body, match, std::regex("name=\"csrf\" value=\"([0-9a-f]+)\""))) {
      return "";
    }
    return match[1];
  }

  // Uploads files (name, bytes) with the page's CSRF token; returns the run id the app redirects
  // to, or 0.
  std::int64_t Upload(const std::vector<std::pair<std::string, std::string>>& files) {
    httplib::MultipartFormDataItems items = {{"csrf", Csrf(), "", ""}};
    for (const auto& [name, bytes] : files) {
      items.push_back({"files", bytes, name, "application/octet-stream"});
    }
    return RunIdOf(PostFiles("/scan/upload", items));
  }

  static std::int64_t RunIdOf(const httplib::Result& result) {
    if (!result || result->status != 303) return 0;
    std::smatch match;
    const std::string location = result->get_header_value("Location");
    if (!std::regex_match(location, match, std::regex("/runs/([0-9]+)"))) return 0;
    return std::stoll(match[1]);
  }

  // Waits until the run's page is its report (or it failed); returns the last page.
  std::string WaitForRun(std::int64_t id, std::chrono::seconds limit = std::chrono::seconds(240)) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    std::string body;
    while (std::chrono::steady_clock::now() < deadline) {
      httplib::Result page = Get("/runs/" + std::to_string(id));
      body = page ? page->body : "";
      if (body.find("data-state=\"queued\"") == std::string::npos &&
          body.find("data-state=\"running\"") == std::string::npos) {
        return body;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(250));
    }
    return body;
  }

  const std::string& origin() const { return origin_; }
  std::map<std::string, std::string>& cookies() { return cookies_; }

 private:
  void AddCookies(httplib::Headers& headers) const {
    std::string cookie;
    for (const auto& [name, value] : cookies_) {
      if (!cookie.empty()) cookie += "; ";
      cookie += name + "=" + value;
    }
    if (!cookie.empty() && headers.find("Cookie") == headers.end()) {
      headers.emplace("Cookie", cookie);
    }
  }

  void AddBrowserHeaders(httplib::Headers& headers) const {
    AddCookies(headers);
    if (headers.find("Origin") == headers.end()) headers.emplace("Origin", origin_);
  }

  void KeepCookies(const httplib::Result& result) {
    if (!result) return;
    const auto [begin, end] = result->headers.equal_range("Set-Cookie");
    for (auto it = begin; it != end; ++it) {
      const std::string& value = it->second;
      const std::size_t equals = value.find('=');
      const std::size_t semicolon = value.find(';');
      if (equals == std::string::npos) continue;
      cookies_[value.substr(0, equals)] = value.substr(equals + 1, semicolon - equals - 1);
    }
  }

  httplib::Client client_;
  std::string origin_;
  std::map<std::string, std::string> cookies_;
};

}  // namespace trustscreen::testing

#endif  // TRUSTSCREEN_TESTS_SERVE_SERVE_CLIENT_H_
