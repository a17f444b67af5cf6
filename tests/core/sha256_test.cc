#include "trustscreen/digest/sha256.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace trustscreen::digest {
namespace {

TEST(Sha256, MatchesKnownVectors) {
  EXPECT_EQ(Sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(Sha256, IncrementalEqualsWhole) {
  Sha256Hasher hasher;
  hasher.Update("a");
  hasher.Update("bc");
  EXPECT_EQ(hasher.FinishHex(), Sha256Hex("abc"));
}

TEST(Sha256, FileDigestEqualsBufferDigest) {
  const auto path = std::filesystem::temp_directory_path() / "trustscreen_sha256_test.bin";
  std::string bytes(200000, 'x');
  bytes[12345] = '\0';
  std::ofstream(path, std::ios::binary) << bytes;
  Result<std::string> digest = Sha256FileHex(path);
  ASSERT_TRUE(digest.ok()) << digest.status().ToString();
  EXPECT_EQ(*digest, Sha256Hex(bytes));
  std::filesystem::remove(path);
}

TEST(Sha256, MissingFileIsAnIoError) {
  Result<std::string> digest = Sha256FileHex("/nonexistent/trustscreen/file");
  EXPECT_FALSE(digest.ok());
  EXPECT_EQ(digest.status().code(), ErrorCode::kIoError);
}

}  // namespace
}  // namespace trustscreen::digest
