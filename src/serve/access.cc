#include "access.h"

#include <spdlog/spdlog.h>

#include <cctype>
#include <utility>

#include "responses.h"
#include "security.h"

namespace trustscreen::serve {
namespace {

using httplib::Request;
using httplib::Response;

constexpr std::size_t kSessionBytes = 16;
constexpr std::size_t kSecretBytes = 32;

bool IsHexOfLength(std::string_view text, std::size_t length) {
  if (text.size() != length) return false;
  for (char c : text) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

// "/", "/history", "/runs/12/diff": the only paths a redirect goes back to.
bool IsPlainPath(std::string_view path) {
  if (path.empty() || path.front() != '/' || path.find("//") != std::string_view::npos) {
    return false;
  }
  for (char c : path) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '/' && c != '-' && c != '_') {
      return false;
    }
  }
  return true;
}

std::string PercentEncode(std::string_view text) {
  static constexpr char kDigits[] = "0123456789ABCDEF";
  std::string encoded;
  for (char c : text) {
    const unsigned char byte = static_cast<unsigned char>(c);
    if (std::isalnum(byte) || c == '-' || c == '.' || c == '_') {
      encoded += c;
    } else {
      encoded += '%';
      encoded += kDigits[byte >> 4];
      encoded += kDigits[byte & 15];
    }
  }
  return encoded;
}

}  // namespace

AccessGuard::AccessGuard(std::string bind, std::string token)
    : bind_(std::move(bind)), token_(std::move(token)), secret_(RandomHex(kSecretBytes)) {}

std::string AccessGuard::CookieName(std::string_view what) const {
  // Cookies are not kept apart by port: each server on this host names its own.
  return "ts_" + std::string(what) + "_" + std::to_string(port_);
}

std::string AccessGuard::Cookie(const Request& req, std::string_view what) const {
  const auto cookies = ParseCookies(req.get_header_value("Cookie"));
  const auto found = cookies.find(CookieName(what));
  return found == cookies.end() ? std::string() : found->second;
}

void AccessGuard::SetCookie(Response& res, std::string_view what, const std::string& value) const {
  res.set_header("Set-Cookie",
                 CookieName(what) + "=" + value + "; Path=/; HttpOnly; SameSite=Strict");
}

// Whether the request carries the access token; otherwise answers it (401, 403, or a redirect
// that moves a ?token= into the cookie).
bool AccessGuard::Authorized(const Request& req, Response& res) const {
  const std::string& token = token_;
  if (req.has_param("token")) {
    if (!ConstantTimeEquals(req.get_param_value("token"), token)) {
      SendMessage(res, 403, "Access refused", "The access token is not right.");
      return false;
    }
    SetCookie(res, "token", token);
    if (req.method == "GET" || req.method == "HEAD") {
      // Move the token out of the address bar (and the browser's history) at once; only to a
      // path of the app's own shape (no other host, nothing to break the header with).
      Redirect(res, IsPlainPath(req.path) ? req.path : "/");
      return false;
    }
    return true;
  }
  const std::string authorization = req.get_header_value("Authorization");
  if (!authorization.empty()) {
    if (authorization.rfind("Bearer ", 0) == 0 &&
        ConstantTimeEquals(authorization.substr(7), token)) {
      return true;
    }
    SendMessage(res, 403, "Access refused", "The access token is not right.");
    return false;
  }
  const std::string cookie = Cookie(req, "token");
  if (!cookie.empty()) {
    if (ConstantTimeEquals(cookie, token)) return true;
    SendMessage(res, 403, "Access refused", "The access token is not right.");
    return false;
  }
  res.set_header("WWW-Authenticate", "Bearer realm=\"trustscreen\"");
  SendMessage(res, 401, "Access token required",
              "Open the address trustscreen serve printed, with its ?token=, once.");
  return false;
}

bool AccessGuard::Admit(const Request& req, Response& res) const {
  if (!HostAllowed(req.get_header_value("Host"), bind_, port_)) {
    SendMessage(res, 421, "Wrong address",
                "This server answers only at the address it listens on.");
    return false;
  }
  return token_.empty() || Authorized(req, res);
}

// The request's session (from its cookie); empty when it has none.
std::string AccessGuard::Session(const Request& req) const {
  const std::string session = Cookie(req, "session");
  return IsHexOfLength(session, kSessionBytes * 2) ? session : std::string();
}

// The forms' context for a page: the session (started here when the request has none), its
// CSRF token, the remembered reviewer.
FormContext AccessGuard::Form(const Request& req, Response& res) const {
  std::string session = Session(req);
  if (session.empty()) {
    session = RandomHex(kSessionBytes);
    SetCookie(res, "session", session);
  }
  FormContext form;
  form.csrf = CsrfToken(secret_, session);
  form.reviewer = httplib::detail::decode_url(Cookie(req, "reviewer"), true);
  return form;
}

// Whether a POST comes from one of the app's pages: its browser headers say same-origin and
// `csrf` is its session's token. Otherwise answers 403.
bool AccessGuard::FromOurPage(const Request& req, Response& res, const std::string& csrf) const {
  const std::string session = Session(req);
  const char* refused = nullptr;
  if (session.empty()) {
    refused = "no session cookie";
  } else if (!MaySubmit(req)) {
    refused = "Origin or Sec-Fetch-Site of another site";
  } else if (!ConstantTimeEquals(csrf, CsrfToken(secret_, session))) {
    refused = "CSRF token missing or wrong";
  }
  if (refused == nullptr) return true;
  spdlog::warn("serve: refused POST {}: {}", req.path, refused);
  SendMessage(res, 403, "Request refused",
              "This form is out of date or was sent from another site. Reload the page and "
              "try again.");
  return false;
}

bool AccessGuard::MaySubmit(const Request& req) const {
  return !Session(req).empty() &&
         SameOriginRequest(req.get_header_value("Origin"), req.get_header_value("Sec-Fetch-Site"),
                           req.get_header_value("Host"));
}

void AccessGuard::RememberReviewer(Response& res, std::string_view reviewer) const {
  SetCookie(res, "reviewer", PercentEncode(reviewer));
}

}  // namespace trustscreen::serve
