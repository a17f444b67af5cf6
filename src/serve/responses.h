// Answers the app sends: HTML pages with their own Content-Security-Policy, short message pages,
// redirects after a POST.
//
// Where it sits: used by the app's handlers (app.cc) and its access checks (access.cc).
// Thread-safety: pure functions on the response given.
#ifndef TRUSTSCREEN_SERVE_RESPONSES_H_
#define TRUSTSCREEN_SERVE_RESPONSES_H_

#include <httplib.h>

#include <string>
#include <string_view>

namespace trustscreen::serve {

// `html` with `status`, and a CSP that allows only the page's own inline blocks.
void SendHtml(httplib::Response& res, int status, const std::string& html);

// A short page with a title and a plain-text message.
void SendMessage(httplib::Response& res, int status, std::string_view title,
                 std::string_view message);

// 303 See Other to `location` (a path of the app).
void Redirect(httplib::Response& res, const std::string& location);

}  // namespace trustscreen::serve

#endif  // TRUSTSCREEN_SERVE_RESPONSES_H_
