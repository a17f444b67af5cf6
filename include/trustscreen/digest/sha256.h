// SHA-256 digests (OpenSSL libcrypto), as lowercase hex.
//
// Thread-safe: every call and every Sha256Hasher object is independent.
#ifndef TRUSTSCREEN_DIGEST_SHA256_H_
#define TRUSTSCREEN_DIGEST_SHA256_H_

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "trustscreen/core/status.h"

namespace trustscreen::digest {

// Digest of a whole buffer.
std::string Sha256Hex(std::string_view bytes);
// The same as 32 raw bytes (for base64 forms such as a Content-Security-Policy hash).
std::string Sha256Bytes(std::string_view bytes);

// Digest of a file's contents, read in chunks.
Result<std::string> Sha256FileHex(const std::filesystem::path& path);

// Incremental digest for data that arrives in pieces (e.g. several rule files).
class Sha256Hasher {
 public:
  Sha256Hasher();
  ~Sha256Hasher();
  Sha256Hasher(const Sha256Hasher&) = delete;
  Sha256Hasher& operator=(const Sha256Hasher&) = delete;

  void Update(std::string_view bytes);
  // Finishes the digest; the hasher must not be updated afterwards.
  std::string FinishHex();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace trustscreen::digest

#endif  // TRUSTSCREEN_DIGEST_SHA256_H_
