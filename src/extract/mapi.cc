#include "mapi.h"

#include <cstring>

#include "charset.h"
#include "utf8.h"

namespace trustscreen::extract::internal::mapi {
namespace {

std::uint32_t ReadU32(std::string_view bytes, std::size_t at) {
  std::uint32_t value = 0;
  for (int i = 3; i >= 0; --i) {
    value = (value << 8) | static_cast<unsigned char>(bytes[at + static_cast<std::size_t>(i)]);
  }
  return value;
}

// The dictionary every compressed RTF stream starts from (MS-OXRTFCP 2.1.2.1).
constexpr std::string_view kRtfPrebuf =
    "{\\rtf1\\ansi\\mac\\deff0\\deftab720{\\fonttbl;}{\\f0\\fnil \\froman \\fswiss \\fmodern "
    "\\fscript \\fdecor MS Sans SerifSymbolArialTimes New RomanCourier{\\colortbl\\red0\\green0"
    "\\blue0\r\n\\par \\pard\\plain\\f0\\fs20\\b\\i\\u\\tab\\tx";

constexpr std::uint32_t kLzfu = 0x75465A4C;  // "LZFu"
constexpr std::uint32_t kMela = 0x414C454D;  // "MELA": stored, not compressed

}  // namespace

std::string Utf16ToUtf8(std::string_view bytes) {
  std::size_t units = bytes.size() / 2;
  for (std::size_t i = 0; i < units; ++i) {
    if (bytes[2 * i] == '\0' && bytes[2 * i + 1] == '\0') {
      units = i;
      break;
    }
  }
  std::string out;
  AppendUtf16AsUtf8(bytes.substr(0, units * 2), /*big_endian=*/false, out);
  return out;
}

std::string String8ToUtf8(std::string_view bytes, std::string_view charset) {
  const std::size_t nul = bytes.find('\0');
  if (nul != std::string_view::npos) bytes = bytes.substr(0, nul);
  std::string out;
  AppendCharsetAsUtf8(bytes, charset, out);
  return out;
}

RtfResult DecompressRtf(std::string_view compressed, std::uint64_t limit, std::string& out) {
  if (compressed.size() < 16) return RtfResult::kDamaged;
  const std::uint32_t compressed_size = ReadU32(compressed, 0);
  const std::uint32_t type = ReadU32(compressed, 8);
  // compressed_size counts from after its own field; trust it only within the data.
  std::string_view data = compressed.substr(16);
  if (compressed_size >= 12 && compressed_size - 12 < data.size()) {
    data = data.substr(0, compressed_size - 12);
  }
  if (type == kMela) {
    if (data.size() > limit) return RtfResult::kOverLimit;
    out.append(data);
    return RtfResult::kOk;
  }
  if (type != kLzfu) return RtfResult::kDamaged;
  char dictionary[4096];
  std::memcpy(dictionary, kRtfPrebuf.data(), kRtfPrebuf.size());
  std::size_t write = kRtfPrebuf.size();
  std::size_t at = 0;
  while (at < data.size()) {
    const auto control = static_cast<unsigned char>(data[at++]);
    for (int bit = 0; bit < 8; ++bit) {
      if (at >= data.size()) return RtfResult::kOk;  // ran out without an end marker: keep it
      if ((control & (1u << bit)) == 0) {
        if (out.size() >= limit) return RtfResult::kOverLimit;
        const char c = data[at++];
        out.push_back(c);
        dictionary[write] = c;
        write = (write + 1) % sizeof dictionary;
        continue;
      }
      if (at + 2 > data.size()) return RtfResult::kDamaged;
      const unsigned reference =
          (static_cast<unsigned char>(data[at]) << 8) | static_cast<unsigned char>(data[at + 1]);
      at += 2;
      const std::size_t offset = reference >> 4;
      const std::size_t length = (reference & 0xF) + 2;
      if (offset == write) return RtfResult::kOk;  // the end marker
      for (std::size_t i = 0; i < length; ++i) {
        if (out.size() >= limit) return RtfResult::kOverLimit;
        const char c = dictionary[(offset + i) % sizeof dictionary];
        out.push_back(c);
        dictionary[write] = c;
        write = (write + 1) % sizeof dictionary;
      }
    }
  }
  return RtfResult::kOk;
}

}  // namespace trustscreen::extract::internal::mapi
