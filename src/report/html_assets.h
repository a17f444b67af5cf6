// Internal to the report module: the inline stylesheet and script of report.html. Both are
// constant (the Content-Security-Policy allows exactly these by hash) and hold no document data;
// the script reads only data- attributes and the page's own text, sets only classes, textContent,
// hidden and open, and moves the page's own <template> contents into it (no innerHTML).
#ifndef TRUSTSCREEN_REPORT_HTML_ASSETS_H_
#define TRUSTSCREEN_REPORT_HTML_ASSETS_H_

#include <string_view>

namespace trustscreen::report {

std::string_view HtmlStyle();
std::string_view HtmlScript();

}  // namespace trustscreen::report

#endif  // TRUSTSCREEN_REPORT_HTML_ASSETS_H_
