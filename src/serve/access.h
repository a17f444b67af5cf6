// Access to the review app, request by request: the Host check (DNS rebinding) and the access
// token on every request, the session cookie, and whether a POST comes from one of the app's own
// pages (CSRF token and Origin / Sec-Fetch-Site). The decisions themselves are the pure functions
// of security.h; this class applies them to HTTP requests and answers the refused ones.
//
// Where it sits: the app's pre-routing handler calls Admit for every request; page handlers call
// Form (to put the CSRF token in their forms) and action handlers FromOurPage.
// Cookies are named per port (ts_token_8080, ts_session_8080, ts_reviewer_8080): browsers do not
// keep cookies apart by port, and two servers on one host must not share them.
// Thread-safety: const methods may be called from any thread once set_port has been called.
#ifndef TRUSTSCREEN_SERVE_ACCESS_H_
#define TRUSTSCREEN_SERVE_ACCESS_H_

#include <httplib.h>

#include <string>
#include <string_view>

#include "pages.h"

namespace trustscreen::serve {

class AccessGuard {
 public:
  // `token` empty: none required. A random secret keys the CSRF tokens (forms of a previous
  // server process are refused: reload the page).
  AccessGuard(std::string bind, std::string token);

  // The bound port, before the first request.
  void set_port(int port) { port_ = port; }

  // Whether the request may go on: its Host is the server's, and it carries the access token
  // when one is required. Otherwise answers it: 421 for another Host; 401 without a token, 403
  // with a wrong one; a ?token= that is right on a GET is moved into an HttpOnly SameSite=Strict
  // cookie by a redirect to the same path (without the token).
  bool Admit(const httplib::Request& req, httplib::Response& res) const;

  // The forms' context for a page: the session's CSRF token (a session is started, by cookie,
  // when the request has none) and the reviewer name remembered in a cookie.
  FormContext Form(const httplib::Request& req, httplib::Response& res) const;

  // Whether a POST comes from one of the app's pages: a session cookie, browser headers that say
  // same origin, and `csrf` equal to the session's token. Otherwise answers 403 (and logs why).
  bool FromOurPage(const httplib::Request& req, httplib::Response& res,
                   const std::string& csrf) const;

  // The part of FromOurPage that can be judged before a request's body is read: a session and
  // same-origin browser headers.
  bool MaySubmit(const httplib::Request& req) const;

  // Remembers the reviewer's name (for the next forms) in a cookie.
  void RememberReviewer(httplib::Response& res, std::string_view reviewer) const;

 private:
  bool Authorized(const httplib::Request& req, httplib::Response& res) const;
  std::string Session(const httplib::Request& req) const;
  std::string CookieName(std::string_view what) const;
  std::string Cookie(const httplib::Request& req, std::string_view what) const;
  void SetCookie(httplib::Response& res, std::string_view what, const std::string& value) const;

  const std::string bind_;
  const std::string token_;
  const std::string secret_;
  int port_ = 0;
};

}  // namespace trustscreen::serve

#endif  // TRUSTSCREEN_SERVE_ACCESS_H_
