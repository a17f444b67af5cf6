// Little-endian integers at an offset of untrusted bytes, for the binary Office readers: a read
// past the end yields 0 instead of touching memory it does not own (callers check lengths where a
// 0 would be mistaken for data).
#ifndef TRUSTSCREEN_SRC_EXTRACT_LITTLE_ENDIAN_H_
#define TRUSTSCREEN_SRC_EXTRACT_LITTLE_ENDIAN_H_

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace trustscreen::extract::internal {

inline std::uint16_t U16(std::string_view s, std::size_t at) {
  if (at > s.size() || s.size() - at < 2) return 0;
  return static_cast<std::uint16_t>(static_cast<unsigned char>(s[at]) |
                                    static_cast<unsigned char>(s[at + 1]) << 8);
}

inline std::uint32_t U32(std::string_view s, std::size_t at) {
  if (at > s.size() || s.size() - at < 4) return 0;
  return static_cast<std::uint32_t>(U16(s, at)) | static_cast<std::uint32_t>(U16(s, at + 2)) << 16;
}

}  // namespace trustscreen::extract::internal

#endif  // TRUSTSCREEN_SRC_EXTRACT_LITTLE_ENDIAN_H_
