// Helpers for the e-mail tests: MIME transfer encodings written by hand.
#ifndef TRUSTSCREEN_TESTS_EXTRACT_MAIL_FIXTURES_H_
#define TRUSTSCREEN_TESTS_EXTRACT_MAIL_FIXTURES_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace trustscreen::extract::fixtures {

// `bytes` in base64 (RFC 2045), lines of 76 characters ending in CRLF.
inline std::string Base64(std::string_view bytes) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  std::size_t line = 0;
  for (std::size_t i = 0; i < bytes.size(); i += 3) {
    const std::size_t n = bytes.size() - i < 3 ? bytes.size() - i : 3;
    unsigned value = 0;
    for (std::size_t j = 0; j < 3; ++j) {
      value = (value << 8) | (j < n ? static_cast<unsigned char>(bytes[i + j]) : 0u);
    }
    for (std::size_t j = 0; j < 4; ++j) {
      out.push_back(j <= n ? kAlphabet[(value >> (18 - 6 * j)) & 0x3F] : '=');
    }
    line += 4;
    if (line == 76) {
      out += "\r\n";
      line = 0;
    }
  }
  return out;
}

}  // namespace trustscreen::extract::fixtures

#endif  // TRUSTSCREEN_TESTS_EXTRACT_MAIL_FIXTURES_H_
