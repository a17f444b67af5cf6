// Text that came from outside (file names above all) made safe to show, and carried losslessly.
//
// A file name is any sequence of bytes but NUL and '/': it may hold ESC, BEL or a newline (and so
// forge a line of the terminal summary) or bytes that are not UTF-8 (which JSON cannot hold).
// TerminalSafe is for every line meant for a terminal or log; DisplayUtf8 for text that must be
// valid UTF-8 (JSON strings, CSV cells, HTML); Base64 for the raw bytes beside a display form
// (docs/report-format.md, `path_bytes`).
//
// Thread-safety: pure functions.
#ifndef TRUSTSCREEN_CORE_TEXT_ESCAPE_H_
#define TRUSTSCREEN_CORE_TEXT_ESCAPE_H_

#include <optional>
#include <string>
#include <string_view>

namespace trustscreen {

// True when `text` is well-formed, shortest-form UTF-8.
bool IsValidUtf8(std::string_view text);

// `text` with each byte that is not part of valid UTF-8 written as "\xNN" (two lower-case hex
// digits); valid UTF-8 is returned unchanged. Not reversible on its own: a name may spell "\x"
// itself; keep the raw bytes (Base64Encode) beside it where identity matters.
std::string DisplayUtf8(std::string_view text);

// DisplayUtf8, and control characters escaped too: "\n", "\r", "\t", other C0 controls, DEL
// and C1 controls (U+0080-U+009F) as "\xNN" ("\x1b" for ESC, "\x9b" for U+009B). The result
// holds no byte a terminal acts on.
std::string TerminalSafe(std::string_view text);

// Appends `text` escaped for HTML text and double- or single-quoted attribute values. Bytes that
// are not valid UTF-8 and control characters (other than tab and line ends) become U+FFFD; a form
// feed (the page separator of extracted text) becomes a line break. HtmlEscape returns it.
void AppendHtmlEscaped(std::string& out, std::string_view text);
std::string HtmlEscape(std::string_view text);

// RFC 4648 base64 with padding.
std::string Base64Encode(std::string_view bytes);
// Its inverse; nullopt for text that is not canonical padded base64.
std::optional<std::string> Base64Decode(std::string_view text);

}  // namespace trustscreen

#endif  // TRUSTSCREEN_CORE_TEXT_ESCAPE_H_
