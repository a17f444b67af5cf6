#include "security.h"

#include <gtest/gtest.h>

#include <string>

namespace trustscreen::serve {
namespace {

TEST(RandomHex, IsHexOfTheAskedLengthAndDiffers) {
  const std::string a = RandomHex(16);
  const std::string b = RandomHex(16);
  EXPECT_EQ(a.size(), 32u);
  EXPECT_EQ(a.find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_NE(a, b);
}

TEST(ConstantTimeEquals, ComparesWholeStrings) {
  EXPECT_TRUE(ConstantTimeEquals("token", "token"));
  EXPECT_FALSE(ConstantTimeEquals("token", "tokem"));
  EXPECT_FALSE(ConstantTimeEquals("token", "token2"));
  EXPECT_FALSE(ConstantTimeEquals("", "x"));
}

TEST(IsLoopbackHost, KnowsLoopbackNamesAndAddresses) {
  for (const char* host : {"localhost", "LOCALHOST", "127.0.0.1", "127.1.2.3", "::1", "[::1]"}) {
    EXPECT_TRUE(IsLoopbackHost(host)) << host;
  }
  for (const char* host : {"0.0.0.0", "192.168.1.5", "127.0.0.1.evil.example", "localhost.evil",
                           "::", "128.0.0.1", ""}) {
    EXPECT_FALSE(IsLoopbackHost(host)) << host;
  }
}

TEST(HostAllowed, LoopbackBindAnswersOnlyLoopbackNamesOnItsPort) {
  EXPECT_TRUE(HostAllowed("127.0.0.1:8080", "127.0.0.1", 8080));
  EXPECT_TRUE(HostAllowed("localhost:8080", "127.0.0.1", 8080));
  EXPECT_TRUE(HostAllowed("[::1]:8080", "127.0.0.1", 8080));
  // DNS rebinding: the attacker's name resolves to 127.0.0.1, the browser sends the name.
  EXPECT_FALSE(HostAllowed("rebind.attacker.example:8080", "127.0.0.1", 8080));
  EXPECT_FALSE(HostAllowed("127.0.0.1:8081", "127.0.0.1", 8080));
  EXPECT_FALSE(HostAllowed("127.0.0.1", "127.0.0.1", 8080));
  EXPECT_FALSE(HostAllowed("", "127.0.0.1", 8080));
}

TEST(HostAllowed, SpecificAndWildcardBinds) {
  EXPECT_TRUE(HostAllowed("192.168.1.5:9000", "192.168.1.5", 9000));
  EXPECT_FALSE(HostAllowed("localhost:9000", "192.168.1.5", 9000));
  EXPECT_FALSE(HostAllowed("other.example:9000", "192.168.1.5", 9000));
  // A wildcard bind always has a token, which is then the guard.
  EXPECT_TRUE(HostAllowed("review.example.org:9000", "0.0.0.0", 9000));
  EXPECT_FALSE(HostAllowed("review.example.org:9001", "0.0.0.0", 9000));
  EXPECT_TRUE(HostAllowed("[fe80::1]:9000", "::", 9000));
}

TEST(CsrfToken, DependsOnSecretAndSession) {
  const std::string token = CsrfToken("secret", "session");
  EXPECT_EQ(token.size(), 64u);
  EXPECT_EQ(token, CsrfToken("secret", "session"));
  EXPECT_NE(token, CsrfToken("secret", "session2"));
  EXPECT_NE(token, CsrfToken("secret2", "session"));
}

TEST(SameOriginRequest, RefusesOtherOriginsAndCrossSiteFetches) {
  EXPECT_TRUE(SameOriginRequest("http://127.0.0.1:8080", "same-origin", "127.0.0.1:8080"));
  EXPECT_TRUE(SameOriginRequest("", "", "127.0.0.1:8080"));
  EXPECT_TRUE(SameOriginRequest("", "none", "127.0.0.1:8080"));
  EXPECT_FALSE(SameOriginRequest("http://evil.example", "", "127.0.0.1:8080"));
  EXPECT_FALSE(SameOriginRequest("null", "", "127.0.0.1:8080"));
  EXPECT_FALSE(SameOriginRequest("null", "cross-site", "127.0.0.1:8080"));
  EXPECT_TRUE(SameOriginRequest("null", "same-origin", "127.0.0.1:8080"));  // no-referrer pages
  EXPECT_FALSE(SameOriginRequest("http://127.0.0.1:8081", "", "127.0.0.1:8080"));
  EXPECT_FALSE(SameOriginRequest("", "cross-site", "127.0.0.1:8080"));
  EXPECT_FALSE(SameOriginRequest("", "same-site", "127.0.0.1:8080"));
}

TEST(SanitizeUploadName, KeepsOnlyASafeBaseName) {
  EXPECT_EQ(SanitizeUploadName("agreement.docx"), "agreement.docx");
  EXPECT_EQ(SanitizeUploadName("../../etc/passwd"), "passwd");
  EXPECT_EQ(SanitizeUploadName("C:\\Users\\me\\a.pdf"), "a.pdf");
  EXPECT_EQ(SanitizeUploadName(".."), "upload");
  EXPECT_EQ(SanitizeUploadName("dir/"), "upload");
  EXPECT_EQ(SanitizeUploadName(".hidden.txt"), "hidden.txt");
  EXPECT_EQ(SanitizeUploadName(""), "upload");
  EXPECT_EQ(SanitizeUploadName("a\nb\x1b[31m.txt"), "ab[31m.txt");
  EXPECT_EQ(SanitizeUploadName("bad\xff.txt"), "bad_.txt");
  EXPECT_EQ(SanitizeUploadName("<img src=x onerror=alert(1)>.txt"),
            "<img src=x onerror=alert(1)>.txt");  // legal; escaped wherever it is shown
  EXPECT_EQ(SanitizeUploadName("\xe5\x8d\x8f\xe8\xae\xae.docx"), "\xe5\x8d\x8f\xe8\xae\xae.docx");
  const std::string long_name = std::string(200, 'a') + ".pdf";
  EXPECT_LE(SanitizeUploadName(long_name).size(), 120u);
  const std::string long_utf8 = std::string(119, 'a') + "\xe5\x8d\x8f";
  EXPECT_EQ(SanitizeUploadName(long_utf8), std::string(119, 'a'));
}

TEST(ContentSecurityPolicyFor, AllowsOnlyThePagesOwnInlineBlocks) {
  const std::string policy = ContentSecurityPolicyFor(
      "<html><head><style>body{}</style></head><body><script>1</script></body></html>");
  EXPECT_NE(policy.find("default-src 'none'"), std::string::npos);
  EXPECT_NE(policy.find("style-src 'sha256-"), std::string::npos);
  EXPECT_NE(policy.find("script-src 'sha256-"), std::string::npos);
  EXPECT_NE(policy.find("form-action 'self'"), std::string::npos);
  EXPECT_NE(policy.find("frame-ancestors 'none'"), std::string::npos);
  const std::string none = ContentSecurityPolicyFor("<p>no blocks</p>");
  EXPECT_NE(none.find("script-src 'none'"), std::string::npos);
  EXPECT_NE(none.find("style-src 'none'"), std::string::npos);
  // Escaped markup is not a block.
  EXPECT_NE(ContentSecurityPolicyFor("&lt;script&gt;x&lt;/script&gt;").find("script-src 'none'"),
            std::string::npos);
}

TEST(ParseCookies, SplitsPairs) {
  const auto cookies = ParseCookies("a=1; ts_session_80=abc;b=; =x; c");
  EXPECT_EQ(cookies.at("a"), "1");
  EXPECT_EQ(cookies.at("ts_session_80"), "abc");
  EXPECT_EQ(cookies.at("b"), "");
  EXPECT_EQ(cookies.size(), 3u);
}

}  // namespace
}  // namespace trustscreen::serve
