#include "trustscreen/core/text_escape.h"

#include <cstdint>

#include "trustscreen/core/utf8.h"

namespace trustscreen {
namespace {

constexpr char kHex[] = "0123456789abcdef";
constexpr char kBase64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

void AppendHexEscape(unsigned char byte, std::string& out) {
  out += "\\x";
  out += kHex[byte >> 4];
  out += kHex[byte & 0xf];
}

// The length of the valid UTF-8 sequence at text[pos], or 0 when the byte there starts none.
std::size_t ValidSequenceAt(std::string_view text, std::size_t pos) {
  std::size_t length = 1;
  const char32_t code_point = DecodeUtf8At(text, pos, &length);
  // DecodeUtf8At gives U+FFFD with length 1 for a bad byte; a real U+FFFD is three bytes.
  if (code_point == kReplacementCharacter && length == 1) return 0;
  return length;
}

template <bool kEscapeControls>
std::string Escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t pos = 0; pos < text.size();) {
    const auto byte = static_cast<unsigned char>(text[pos]);
    if (byte < 0x80) {
      if (kEscapeControls && (byte < 0x20 || byte == 0x7f)) {
        if (byte == '\n') {
          out += "\\n";
        } else if (byte == '\r') {
          out += "\\r";
        } else if (byte == '\t') {
          out += "\\t";
        } else {
          AppendHexEscape(byte, out);
        }
      } else {
        out += static_cast<char>(byte);
      }
      ++pos;
      continue;
    }
    const std::size_t length = ValidSequenceAt(text, pos);
    if (length == 0) {
      AppendHexEscape(byte, out);
      ++pos;
      continue;
    }
    std::size_t ignored = 0;
    const char32_t code_point = DecodeUtf8At(text, pos, &ignored);
    if (kEscapeControls && code_point >= 0x80 && code_point <= 0x9f) {
      AppendHexEscape(static_cast<unsigned char>(code_point), out);
    } else {
      out.append(text.substr(pos, length));
    }
    pos += length;
  }
  return out;
}

int Base64Value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}

}  // namespace

bool IsValidUtf8(std::string_view text) {
  for (std::size_t pos = 0; pos < text.size();) {
    if (static_cast<unsigned char>(text[pos]) < 0x80) {
      ++pos;
      continue;
    }
    const std::size_t length = ValidSequenceAt(text, pos);
    if (length == 0) return false;
    pos += length;
  }
  return true;
}

std::string DisplayUtf8(std::string_view text) {
  return IsValidUtf8(text) ? std::string(text) : Escape<false>(text);
}

std::string TerminalSafe(std::string_view text) { return Escape<true>(text); }

std::string Base64Encode(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  for (std::size_t i = 0; i < bytes.size(); i += 3) {
    std::uint32_t group = static_cast<unsigned char>(bytes[i]) << 16;
    if (i + 1 < bytes.size()) group |= static_cast<unsigned char>(bytes[i + 1]) << 8;
    if (i + 2 < bytes.size()) group |= static_cast<unsigned char>(bytes[i + 2]);
    out += kBase64[(group >> 18) & 63];
    out += kBase64[(group >> 12) & 63];
    out += i + 1 < bytes.size() ? kBase64[(group >> 6) & 63] : '=';
    out += i + 2 < bytes.size() ? kBase64[group & 63] : '=';
  }
  return out;
}

std::optional<std::string> Base64Decode(std::string_view text) {
  if (text.size() % 4 != 0) return std::nullopt;
  std::string out;
  for (std::size_t i = 0; i < text.size(); i += 4) {
    const bool last = i + 4 == text.size();
    std::uint32_t group = 0;
    int padding = 0;
    for (std::size_t j = 0; j < 4; ++j) {
      const char c = text[i + j];
      if (c == '=' && last && j >= 2 && (j == 3 || text[i + 3] == '=')) {
        ++padding;
        group <<= 6;
        continue;
      }
      const int value = Base64Value(c);
      if (value < 0) return std::nullopt;
      group = group << 6 | static_cast<std::uint32_t>(value);
    }
    out += static_cast<char>(group >> 16);
    if (padding < 2) out += static_cast<char>((group >> 8) & 0xff);
    if (padding < 1) out += static_cast<char>(group & 0xff);
  }
  if (Base64Encode(out) != text) return std::nullopt;  // non-canonical (stray low bits)
  return out;
}

void AppendHtmlEscaped(std::string& out, std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const char c = text[i];
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x80) {
      switch (c) {
        case '&':
          out += "&amp;";
          break;
        case '<':
          out += "&lt;";
          break;
        case '>':
          out += "&gt;";
          break;
        case '"':
          out += "&quot;";
          break;
        case '\'':
          out += "&#39;";
          break;
        case '\f':
          out += '\n';
          break;
        default:
          if (byte < 0x20 && c != '\t' && c != '\n' && c != '\r') {
            AppendUtf8(kReplacementCharacter, out);
          } else if (byte == 0x7F) {
            AppendUtf8(kReplacementCharacter, out);
          } else {
            out += c;
          }
      }
      ++i;
      continue;
    }
    std::size_t length = 1;
    const char32_t code_point = DecodeUtf8At(text, i, &length);
    if (code_point == kReplacementCharacter && length == 1) {
      AppendUtf8(kReplacementCharacter, out);
    } else if (code_point >= 0x80 && code_point < 0xA0) {
      AppendUtf8(kReplacementCharacter, out);  // C1 controls
    } else {
      out.append(text.substr(i, length));
    }
    i += length;
  }
}

std::string HtmlEscape(std::string_view text) {
  std::string out;
  AppendHtmlEscaped(out, text);
  return out;
}

}  // namespace trustscreen
