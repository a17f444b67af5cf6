#include "worker_protocol.h"

#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <nlohmann/json.hpp>

namespace trustscreen::pipeline::worker {
namespace {

constexpr std::size_t kHeaderBytes = 9;

bool WriteAll(int fd, const char* data, std::size_t size) {
  while (size > 0) {
    // A socket, so a worker that died cannot raise SIGPIPE in the parent.
    const ssize_t written = ::send(fd, data, size, MSG_NOSIGNAL);
    if (written < 0 && errno == EINTR) continue;
    if (written <= 0) return false;
    data += written;
    size -= static_cast<std::size_t>(written);
  }
  return true;
}

bool ReadAll(int fd, char* data, std::size_t size) {
  while (size > 0) {
    const ssize_t count = ::read(fd, data, size);
    if (count < 0 && errno == EINTR) continue;
    if (count <= 0) return false;
    data += count;
    size -= static_cast<std::size_t>(count);
  }
  return true;
}

std::uint64_t PayloadLength(const char* header) {
  std::uint64_t length = 0;
  for (int i = 8; i >= 1; --i) length = (length << 8) | static_cast<unsigned char>(header[i]);
  return length;
}

}  // namespace

bool WriteFrame(int fd, char type, std::string_view payload) {
  char header[kHeaderBytes];
  header[0] = type;
  std::uint64_t length = payload.size();
  for (int i = 1; i <= 8; ++i, length >>= 8) header[i] = static_cast<char>(length & 0xff);
  return WriteAll(fd, header, sizeof header) && WriteAll(fd, payload.data(), payload.size());
}

std::optional<Frame> ReadFrame(int fd) {
  char header[kHeaderBytes];
  if (!ReadAll(fd, header, sizeof header)) return std::nullopt;
  Frame frame;
  frame.type = header[0];
  frame.payload.resize(PayloadLength(header));
  if (!ReadAll(fd, frame.payload.data(), frame.payload.size())) return std::nullopt;
  return frame;
}

void FrameReader::Add(std::string_view bytes) { buffer_.append(bytes); }

std::optional<Frame> FrameReader::Next() {
  if (buffer_.size() < kHeaderBytes) return std::nullopt;
  const std::uint64_t length = PayloadLength(buffer_.data());
  if (buffer_.size() - kHeaderBytes < length) return std::nullopt;
  Frame frame;
  frame.type = buffer_[0];
  frame.payload = buffer_.substr(kHeaderBytes, length);
  buffer_.erase(0, kHeaderBytes + length);
  return frame;
}

std::string EncodeOptions(const WorkerOptions& options) {
  const extract::ExtractOptions& extract = options.extract;
  const nlohmann::json json = {
      {"max_file_bytes", extract.max_file_bytes},
      {"max_pages", extract.max_pages},
      {"passwords", extract.passwords},
      {"pdf_keep_output_intents", extract.pdf_keep_output_intents},
      {"max_decompressed_bytes", extract.max_decompressed_bytes},
      {"max_compression_ratio", extract.max_compression_ratio},
      {"max_xml_depth", extract.max_xml_depth},
      {"max_archive_depth", extract.max_archive_depth},
      {"max_archive_members", extract.max_archive_members},
      {"max_member_bytes", extract.max_member_bytes},
      {"ocr", std::string(extract::ToString(extract.ocr))},
      {"ocr_languages", extract.ocr_languages},
      {"ocr_page_timeout_seconds", extract.ocr_page_timeout_seconds},
      {"ocr_dpi", extract.ocr_dpi},
      {"ocr_min_confidence", extract.ocr_min_confidence},
      {"ocr_tessdata_dir", extract.ocr_tessdata_dir},
      {"memory_limit_bytes", options.memory_limit_bytes},
  };
  return json.dump();
}

Result<WorkerOptions> DecodeOptions(std::string_view payload) {
  try {
    const nlohmann::json json = nlohmann::json::parse(payload);
    WorkerOptions options;
    extract::ExtractOptions& extract = options.extract;
    json.at("max_file_bytes").get_to(extract.max_file_bytes);
    json.at("max_pages").get_to(extract.max_pages);
    json.at("passwords").get_to(extract.passwords);
    json.at("pdf_keep_output_intents").get_to(extract.pdf_keep_output_intents);
    json.at("max_decompressed_bytes").get_to(extract.max_decompressed_bytes);
    json.at("max_compression_ratio").get_to(extract.max_compression_ratio);
    json.at("max_xml_depth").get_to(extract.max_xml_depth);
    json.at("max_archive_depth").get_to(extract.max_archive_depth);
    json.at("max_archive_members").get_to(extract.max_archive_members);
    json.at("max_member_bytes").get_to(extract.max_member_bytes);
    const std::string ocr = json.at("ocr").get<std::string>();
    std::optional<extract::OcrMode> mode = extract::ParseOcrMode(ocr);
    if (!mode) return ParseError("worker options: unknown OCR mode '" + ocr + "'");
    extract.ocr = *mode;
    json.at("ocr_languages").get_to(extract.ocr_languages);
    json.at("ocr_page_timeout_seconds").get_to(extract.ocr_page_timeout_seconds);
    json.at("ocr_dpi").get_to(extract.ocr_dpi);
    json.at("ocr_min_confidence").get_to(extract.ocr_min_confidence);
    json.at("ocr_tessdata_dir").get_to(extract.ocr_tessdata_dir);
    json.at("memory_limit_bytes").get_to(options.memory_limit_bytes);
    return options;
  } catch (const nlohmann::json::exception& error) {
    return ParseError(std::string("worker options: ") + error.what());
  }
}

}  // namespace trustscreen::pipeline::worker
