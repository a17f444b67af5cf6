// The review app's security decisions, each a pure function so each can be tested alone: access
// tokens, which Host headers the server answers (DNS rebinding), whether a state-changing request
// comes from the app's own pages (CSRF), upload file names, and the Content-Security-Policy of a
// page.
//
// Where it sits: src/serve/app.cc calls these for every request; nothing here knows HTTP types.
// Thread-safety: pure functions; RandomHex reads the kernel's random source.
#ifndef TRUSTSCREEN_SERVE_SECURITY_H_
#define TRUSTSCREEN_SERVE_SECURITY_H_

#include <cstddef>
#include <map>
#include <string>
#include <string_view>

namespace trustscreen::serve {

// `bytes` random bytes from getrandom(2), as lower-case hex (2 × bytes characters). Aborts the
// process if the kernel has no randomness to give: a guessable token is worse than no server.
std::string RandomHex(std::size_t bytes);

// Compares in time independent of where the strings first differ (tokens, CSRF values).
bool ConstantTimeEquals(std::string_view a, std::string_view b);

// True for "localhost", "127.0.0.0/8" literals, "::1" and "[::1]".
bool IsLoopbackHost(std::string_view host);

// True for the addresses that listen on every interface ("0.0.0.0", "::", "[::]").
bool IsWildcardHost(std::string_view host);

// Whether the server bound to `bind`:`port` answers a request whose Host header is `host_header`.
// A browser sends the name it resolved; a page of another site that rebinds its own name to
// 127.0.0.1 sends that name, so on a loopback bind only loopback names with the bound port are
// accepted. A specific address accepts itself (and loopback names when it is loopback). A wildcard
// bind is only started with an access token, which is then the guard: any Host with the right
// port is accepted.
bool HostAllowed(std::string_view host_header, std::string_view bind, int port);

// The CSRF token of a session: HMAC-SHA256(secret, session) as hex. Forms carry it; a POST is
// accepted only when its field equals the token of the session cookie it came with.
std::string CsrfToken(std::string_view secret, std::string_view session);

// Whether the browser headers of a POST say it comes from the app's own origin: `origin` (empty
// when absent) must be "http://" + `host_header`, or "null" (what browsers send from a page whose
// referrer policy is no-referrer) with `sec_fetch_site` "same-origin"; `sec_fetch_site` (empty
// when absent) must be "same-origin" or "none". Absent headers pass (non-browser clients); the
// CSRF token still has to.
bool SameOriginRequest(std::string_view origin, std::string_view sec_fetch_site,
                       std::string_view host_header);

// The base name to store an uploaded file under (after the app's generated prefix): the part after
// the last '/' or '\\', without control characters, bytes that are not UTF-8, leading dots or
// spaces, at most 120 bytes (cut at a character boundary); "upload" when nothing is left. Never a
// path, never "." or "..".
std::string SanitizeUploadName(std::string_view name);

// A Content-Security-Policy for `html`: nothing may be fetched ('none' by default), and only the
// <style> and <script> elements the page itself holds may run, by their SHA-256; forms may post to
// the app itself, and no other site may frame the page.
std::string ContentSecurityPolicyFor(std::string_view html);

// The cookies of a Cookie header, by name (the first of a repeated name wins).
std::map<std::string, std::string> ParseCookies(std::string_view header);

}  // namespace trustscreen::serve

#endif  // TRUSTSCREEN_SERVE_SECURITY_H_
