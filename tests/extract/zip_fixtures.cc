#include "zip_fixtures.h"

#include <zlib.h>

#include <stdexcept>

namespace trustscreen::extract::fixtures {
namespace {

void Put16(std::string& out, std::uint32_t v) {
  out.push_back(static_cast<char>(v & 0xFF));
  out.push_back(static_cast<char>((v >> 8) & 0xFF));
}
void Put32(std::string& out, std::uint32_t v) {
  Put16(out, v & 0xFFFF);
  Put16(out, v >> 16);
}

// Deflates (raw, no zlib header) what `next` produces, chunk by chunk.
class Deflater {
 public:
  Deflater() {
    if (deflateInit2(&stream_, Z_BEST_COMPRESSION, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) !=
        Z_OK) {
      throw std::runtime_error("deflateInit2 failed");
    }
  }
  ~Deflater() { deflateEnd(&stream_); }
  Deflater(const Deflater&) = delete;
  Deflater& operator=(const Deflater&) = delete;

  void Add(std::string_view data, bool finish) {
    crc_ = crc32(crc_, reinterpret_cast<const Bytef*>(data.data()), static_cast<uInt>(data.size()));
    size_ += data.size();
    stream_.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    stream_.avail_in = static_cast<uInt>(data.size());
    int ret;
    do {
      char buffer[1 << 16];
      stream_.next_out = reinterpret_cast<Bytef*>(buffer);
      stream_.avail_out = sizeof buffer;
      ret = deflate(&stream_, finish ? Z_FINISH : Z_NO_FLUSH);
      out_.append(buffer, sizeof buffer - stream_.avail_out);
    } while (stream_.avail_out == 0 || (finish && ret != Z_STREAM_END));
  }

  RawMember Member(std::string name) {
    RawMember member;
    member.name = std::move(name);
    member.data = std::move(out_);
    member.method = 8;
    member.crc = static_cast<std::uint32_t>(crc_);
    member.size = size_;
    return member;
  }

 private:
  z_stream stream_{};
  uLong crc_ = crc32(0, nullptr, 0);
  std::uint64_t size_ = 0;
  std::string out_;
};

}  // namespace

RawMember StoredMember(std::string name, std::string_view content) {
  RawMember member;
  member.name = std::move(name);
  member.data = std::string(content);
  member.crc = static_cast<std::uint32_t>(
      crc32(0, reinterpret_cast<const Bytef*>(content.data()), static_cast<uInt>(content.size())));
  member.size = content.size();
  return member;
}

RawMember DeflatedMember(std::string name, std::string_view content) {
  Deflater deflater;
  deflater.Add(content, true);
  return deflater.Member(std::move(name));
}

RawMember DeflatedRepeatMember(std::string name, std::string_view prefix, char fill,
                               std::uint64_t count, std::string_view suffix) {
  Deflater deflater;
  deflater.Add(prefix, false);
  const std::string chunk(1 << 20, fill);
  while (count > 0) {
    const std::uint64_t n = std::min<std::uint64_t>(count, chunk.size());
    deflater.Add(std::string_view(chunk).substr(0, n), false);
    count -= n;
  }
  deflater.Add(suffix, true);
  return deflater.Member(std::move(name));
}

RawMember EncryptedMember(std::string name) {
  RawMember member =
      StoredMember(std::move(name), "\x13\x57\x9b\xdf\x02\x46\x8a\xce\x11\x22\x33\x44secret");
  member.flags = 1;
  member.size = member.data.size() - 12;  // the 12-byte encryption header is not content
  return member;
}

std::string BuildRawZip(const std::vector<RawMember>& members) {
  std::string out;
  std::string directory;
  for (const RawMember& m : members) {
    const auto offset = static_cast<std::uint32_t>(out.size());
    Put32(out, 0x04034b50);
    Put16(out, 20);
    Put16(out, m.flags);
    Put16(out, m.method);
    Put16(out, 0);     // time
    Put16(out, 0x21);  // date: 1980-01-01
    Put32(out, m.crc);
    Put32(out, static_cast<std::uint32_t>(m.data.size()));
    Put32(out, static_cast<std::uint32_t>(m.size));
    Put16(out, static_cast<std::uint32_t>(m.name.size()));
    Put16(out, 0);
    out += m.name;
    out += m.data;

    Put32(directory, 0x02014b50);
    Put16(directory, 20);
    Put16(directory, 20);
    Put16(directory, m.flags);
    Put16(directory, m.method);
    Put16(directory, 0);
    Put16(directory, 0x21);
    Put32(directory, m.crc);
    Put32(directory, static_cast<std::uint32_t>(m.data.size()));
    Put32(directory, static_cast<std::uint32_t>(m.size));
    Put16(directory, static_cast<std::uint32_t>(m.name.size()));
    Put16(directory, 0);  // extra
    Put16(directory, 0);  // comment
    Put16(directory, 0);  // disk
    Put16(directory, 0);  // internal attributes
    Put32(directory, 0);  // external attributes
    Put32(directory, offset);
    directory += m.name;
  }
  const auto directory_offset = static_cast<std::uint32_t>(out.size());
  out += directory;
  Put32(out, 0x06054b50);
  Put16(out, 0);
  Put16(out, 0);
  Put16(out, static_cast<std::uint32_t>(members.size()));
  Put16(out, static_cast<std::uint32_t>(members.size()));
  Put32(out, static_cast<std::uint32_t>(directory.size()));
  Put32(out, directory_offset);
  Put16(out, 0);
  return out;
}

}  // namespace trustscreen::extract::fixtures
