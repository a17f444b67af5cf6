#include "worker_protocol.h"

#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <type_traits>
#include <vector>

#include "trustscreen/cache/cache.h"

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
  nlohmann::json json = {{"memory_limit_bytes", options.memory_limit_bytes}};
  extract::ForEachOption(
      options.extract, [&](const extract::OptionField& field, const auto& value) {
        if constexpr (std::is_same_v<std::decay_t<decltype(value)>, extract::OcrMode>) {
          json[std::string(field.name)] = extract::OptionText(value);
        } else {
          json[std::string(field.name)] = value;
        }
      });
  return json.dump();
}

Result<WorkerOptions> DecodeOptions(std::string_view payload) {
  try {
    const nlohmann::json json = nlohmann::json::parse(payload);
    WorkerOptions options;
    json.at("memory_limit_bytes").get_to(options.memory_limit_bytes);
    Status status;
    extract::ForEachOption(options.extract, [&](const extract::OptionField& field, auto& value) {
      const nlohmann::json& item = json.at(std::string(field.name));
      if constexpr (std::is_same_v<std::decay_t<decltype(value)>, extract::OcrMode>) {
        const std::optional<extract::OcrMode> mode = extract::ParseOcrMode(item.get<std::string>());
        if (mode) {
          value = *mode;
        } else {
          status = ParseError("worker options: unknown OCR mode " + item.dump());
        }
      } else {
        item.get_to(value);
      }
    });
    if (!status.ok()) return status;
    return options;
  } catch (const nlohmann::json::exception& error) {
    return ParseError(std::string("worker options: ") + error.what());
  }
}

// "<first> <last>\n<path>": the path as it is, since a file name need not be UTF-8.
std::string EncodePageRequest(const PageRequest& request) {
  return std::to_string(request.first) + " " + std::to_string(request.last) + "\n" + request.path;
}

Result<PageRequest> DecodePageRequest(std::string_view payload) {
  PageRequest request;
  const char* const end = payload.data() + payload.size();
  auto [space, error] = std::from_chars(payload.data(), end, request.first);
  if (error != std::errc() || space == end || *space != ' ') return ParseError("page request");
  auto [newline, error2] = std::from_chars(space + 1, end, request.last);
  if (error2 != std::errc() || newline == end || *newline != '\n')
    return ParseError("page request");
  request.path.assign(newline + 1, end);
  return request;
}

namespace {

nlohmann::json Binary(const std::string& bytes) {
  return nlohmann::json::binary(std::vector<std::uint8_t>(bytes.begin(), bytes.end()));
}

std::string FromBinary(const nlohmann::json& value) {
  const auto& bytes = value.get_binary();
  return std::string(bytes.begin(), bytes.end());
}

}  // namespace

std::string EncodePlan(const extract::FileOrSplit& plan) {
  nlohmann::json layout = nlohmann::json::array();
  for (const std::string& part : plan.layout_parts) layout.push_back(Binary(part));
  std::string bytes;
  nlohmann::json::to_cbor({{"pages", plan.pdf_pages},
                           {"document", Binary(cache::EncodeDocument(plan.document))},
                           {"layout", std::move(layout)}},
                          bytes);
  return bytes;
}

Result<extract::FileOrSplit> DecodePlan(std::string_view payload) {
  try {
    const nlohmann::json json = nlohmann::json::from_cbor(payload.begin(), payload.end());
    extract::FileOrSplit plan;
    json.at("pages").get_to(plan.pdf_pages);
    if (plan.pdf_pages <= 0) return ParseError("split plan: no pages");
    Result<Document> document = cache::DecodeDocument(FromBinary(json.at("document")));
    if (!document.ok()) return document.status();
    plan.document = std::move(document).value();
    for (const nlohmann::json& part : json.at("layout")) {
      plan.layout_parts.push_back(FromBinary(part));
    }
    return plan;
  } catch (const nlohmann::json::exception& error) {
    return ParseError(std::string("split plan: ") + error.what());
  }
}

}  // namespace trustscreen::pipeline::worker
