#include "responses.h"

#include "pages.h"
#include "security.h"

namespace trustscreen::serve {

void SendHtml(httplib::Response& res, int status, const std::string& html) {
  res.status = status;
  res.set_header("Content-Security-Policy", ContentSecurityPolicyFor(html));
  res.set_content(html, "text/html; charset=utf-8");
}

void SendMessage(httplib::Response& res, int status, std::string_view title,
                 std::string_view message) {
  SendHtml(res, status, MessagePage(title, message));
}

void Redirect(httplib::Response& res, const std::string& location) {
  res.status = 303;
  res.set_header("Location", location);
}

}  // namespace trustscreen::serve
