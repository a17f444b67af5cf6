#include "security.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <sys/random.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "trustscreen/core/text_escape.h"
#include "trustscreen/digest/sha256.h"

namespace trustscreen::serve {
namespace {

constexpr std::size_t kMaxUploadNameBytes = 120;

std::string Hex(const unsigned char* bytes, std::size_t count) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(count * 2);
  for (std::size_t i = 0; i < count; ++i) {
    hex += kDigits[bytes[i] >> 4];
    hex += kDigits[bytes[i] & 15];
  }
  return hex;
}

std::string Sha256Base64(std::string_view text) { return Base64Encode(digest::Sha256Bytes(text)); }

// Splits "host:port", "[v6]:port", "host" into host and port ("" when absent).
void SplitHostPort(std::string_view value, std::string_view& host, std::string_view& port) {
  port = {};
  host = value;
  if (!value.empty() && value.front() == '[') {
    const std::size_t close = value.find(']');
    if (close == std::string_view::npos) return;
    host = value.substr(0, close + 1);
    if (close + 1 < value.size() && value[close + 1] == ':') port = value.substr(close + 2);
    return;
  }
  const std::size_t colon = value.rfind(':');
  if (colon != std::string_view::npos && value.find(':') == colon) {
    host = value.substr(0, colon);
    port = value.substr(colon + 1);
  }
}

std::string Lower(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return lower;
}

std::string Unbracketed(std::string_view host) {
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    return std::string(host.substr(1, host.size() - 2));
  }
  return std::string(host);
}

// The inline elements' bodies: <tag ...>BODY</tag>, in order.
std::vector<std::string_view> InlineBodies(std::string_view html, std::string_view tag) {
  std::vector<std::string_view> bodies;
  const std::string open = "<" + std::string(tag);
  const std::string close = "</" + std::string(tag) + ">";
  std::size_t at = 0;
  while ((at = html.find(open, at)) != std::string_view::npos) {
    const std::size_t after = at + open.size();
    if (after >= html.size() || (html[after] != '>' && html[after] != ' ')) {
      at = after;
      continue;
    }
    const std::size_t body = html.find('>', after);
    if (body == std::string_view::npos) break;
    const std::size_t end = html.find(close, body + 1);
    if (end == std::string_view::npos) break;
    bodies.push_back(html.substr(body + 1, end - body - 1));
    at = end + close.size();
  }
  return bodies;
}

std::string HashSources(std::string_view html, std::string_view tag) {
  std::string sources;
  for (std::string_view body : InlineBodies(html, tag)) {
    if (!sources.empty()) sources += ' ';
    sources += "'sha256-" + Sha256Base64(body) + "'";
  }
  return sources.empty() ? "'none'" : sources;
}

}  // namespace

std::string RandomHex(std::size_t bytes) {
  std::vector<unsigned char> buffer(bytes);
  std::size_t filled = 0;
  while (filled < bytes) {
    const ssize_t got = ::getrandom(buffer.data() + filled, bytes - filled, 0);
    if (got < 0) {
      if (errno == EINTR) continue;
      std::fputs("trustscreen serve: getrandom failed: no secure randomness\n", stderr);
      std::abort();
    }
    filled += static_cast<std::size_t>(got);
  }
  return Hex(buffer.data(), buffer.size());
}

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  unsigned char difference = a.size() == b.size() ? 0 : 1;
  const std::size_t count = a.size() < b.size() ? a.size() : b.size();
  for (std::size_t i = 0; i < count; ++i) {
    difference |= static_cast<unsigned char>(a[i] ^ b[i]);
  }
  return difference == 0;
}

bool IsLoopbackHost(std::string_view host) {
  const std::string name = Lower(Unbracketed(host));
  if (name == "localhost" || name == "::1") return true;
  // 127.0.0.0/8, written as a dotted quad.
  if (name.rfind("127.", 0) != 0) return false;
  int dots = 0;
  for (char c : name) {
    if (c == '.') {
      ++dots;
    } else if (c < '0' || c > '9') {
      return false;
    }
  }
  return dots == 3;
}

bool IsWildcardHost(std::string_view host) {
  const std::string name = Unbracketed(host);
  return name == "0.0.0.0" || name == "::";
}

bool HostAllowed(std::string_view host_header, std::string_view bind, int port) {
  std::string_view host;
  std::string_view host_port;
  SplitHostPort(host_header, host, host_port);
  if (host.empty() || host_port != std::to_string(port)) return false;
  if (IsWildcardHost(bind)) return true;
  if (Lower(Unbracketed(host)) == Lower(Unbracketed(bind))) return true;
  return IsLoopbackHost(bind) && IsLoopbackHost(host);
}

std::string CsrfToken(std::string_view secret, std::string_view session) {
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
       reinterpret_cast<const unsigned char*>(session.data()), session.size(), mac, &length);
  return Hex(mac, length);
}

bool SameOriginRequest(std::string_view origin, std::string_view sec_fetch_site,
                       std::string_view host_header) {
  if (!sec_fetch_site.empty() && sec_fetch_site != "same-origin" && sec_fetch_site != "none") {
    return false;
  }
  if (origin.empty()) return true;
  // A page with referrer policy no-referrer (report.html's) makes the browser send "Origin: null"
  // with its own forms; Sec-Fetch-Site, which no page can set, then has to vouch for it.
  if (origin == "null") return sec_fetch_site == "same-origin";
  return Lower(origin) == "http://" + Lower(host_header);
}

std::string SanitizeUploadName(std::string_view name) {
  const std::size_t slash = name.find_last_of("/\\");
  if (slash != std::string_view::npos) name.remove_prefix(slash + 1);
  std::string clean;
  // DisplayUtf8 marks invalid bytes as "\xNN"; a backslash never survives the cut above, so a
  // backslash here came from that marking: replace the marker with '_'.
  const std::string display = DisplayUtf8(name);
  for (std::size_t i = 0; i < display.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(display[i]);
    if (c == '\\') {
      clean += '_';
      i += 3;  // "\xNN"
      continue;
    }
    if (c < 0x20 || c == 0x7f) continue;
    // C1 controls (U+0080..U+009F) are 0xC2 0x80..0x9F in UTF-8.
    if (c == 0xc2 && i + 1 < display.size() && static_cast<unsigned char>(display[i + 1]) >= 0x80 &&
        static_cast<unsigned char>(display[i + 1]) <= 0x9f) {
      ++i;
      continue;
    }
    clean += static_cast<char>(c);
  }
  const std::size_t start = clean.find_first_not_of(". ");
  clean = start == std::string::npos ? std::string() : clean.substr(start);
  if (clean.size() > kMaxUploadNameBytes) {
    std::size_t cut = kMaxUploadNameBytes;
    while (cut > 0 && (static_cast<unsigned char>(clean[cut]) & 0xc0) == 0x80) --cut;
    clean.resize(cut);
  }
  while (!clean.empty() && clean.back() == ' ') clean.pop_back();
  return clean.empty() ? "upload" : clean;
}

std::string ContentSecurityPolicyFor(std::string_view html) {
  return "default-src 'none'; style-src " + HashSources(html, "style") + "; script-src " +
         HashSources(html, "script") +
         "; img-src data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
}

std::map<std::string, std::string> ParseCookies(std::string_view header) {
  std::map<std::string, std::string> cookies;
  while (!header.empty()) {
    const std::size_t end = header.find(';');
    std::string_view pair = header.substr(0, end);
    header = end == std::string_view::npos ? std::string_view() : header.substr(end + 1);
    while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
    while (!pair.empty() && pair.back() == ' ') pair.remove_suffix(1);
    const std::size_t equals = pair.find('=');
    if (equals == std::string_view::npos || equals == 0) continue;
    cookies.emplace(std::string(pair.substr(0, equals)), std::string(pair.substr(equals + 1)));
  }
  return cookies;
}

}  // namespace trustscreen::serve
