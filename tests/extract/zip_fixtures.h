// ZIP archives written byte by byte for the archive and hostile-input tests: members whose headers
// lie about their size, encrypted members, unknown compression methods, huge deflated members
// produced in chunks (never held in memory), tens of thousands of members.
#ifndef TRUSTSCREEN_TESTS_EXTRACT_ZIP_FIXTURES_H_
#define TRUSTSCREEN_TESTS_EXTRACT_ZIP_FIXTURES_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace trustscreen::extract::fixtures {

struct RawMember {
  std::string name;
  std::string data;          // written as is: already compressed for method 8
  std::uint16_t method = 0;  // 0 stored, 8 deflated, anything else for unsupported methods
  std::uint16_t flags = 0;   // bit 0: encrypted
  std::uint32_t crc = 0;
  std::uint64_t size = 0;  // declared uncompressed size (both headers); may lie
};

// A member stored (method 0) or deflated (method 8) with the right CRC and sizes.
RawMember StoredMember(std::string name, std::string_view content);
RawMember DeflatedMember(std::string name, std::string_view content);

// A deflated member whose content is `prefix`, `count` copies of `fill`, then `suffix`,
// compressed chunk by chunk: 200 MiB of zeros costs a few hundred KiB of memory.
RawMember DeflatedRepeatMember(std::string name, std::string_view prefix, char fill,
                               std::uint64_t count, std::string_view suffix);

// A member flagged as encrypted with the traditional PKWARE cipher (content is random-looking).
RawMember EncryptedMember(std::string name);

// Local headers, data, central directory and end record (no ZIP64: fewer than 65536 members,
// each under 4 GiB).
std::string BuildRawZip(const std::vector<RawMember>& members);

}  // namespace trustscreen::extract::fixtures

#endif  // TRUSTSCREEN_TESTS_EXTRACT_ZIP_FIXTURES_H_
