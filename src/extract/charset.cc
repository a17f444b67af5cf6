#include "charset.h"

#include <errno.h>
#include <iconv.h>

#include <algorithm>
#include <cctype>
#include <string>

#include "utf8.h"

namespace trustscreen::extract::internal {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

class Iconv {
 public:
  explicit Iconv(const std::string& from) : cd_(iconv_open("UTF-8", from.c_str())) {}
  ~Iconv() {
    if (ok()) iconv_close(cd_);
  }
  Iconv(const Iconv&) = delete;
  Iconv& operator=(const Iconv&) = delete;
  bool ok() const { return cd_ != reinterpret_cast<iconv_t>(-1); }
  iconv_t get() const { return cd_; }

 private:
  iconv_t cd_;
};

// Converts with iconv, replacing each byte iconv refuses (and a truncated sequence at the end) by
// U+FFFD and going on after it. Returns how many were replaced.
std::uint64_t ConvertWithIconv(iconv_t cd, std::string_view bytes, std::string& out) {
  std::uint64_t replaced = 0;
  char* in = const_cast<char*>(bytes.data());
  std::size_t in_left = bytes.size();
  char buffer[4096];
  while (true) {
    char* dst = buffer;
    std::size_t dst_left = sizeof buffer;
    // in == nullptr flushes a stateful encoding's shift sequence (ISO-2022-JP) at the end.
    const std::size_t result = in_left > 0 ? iconv(cd, &in, &in_left, &dst, &dst_left)
                                           : iconv(cd, nullptr, nullptr, &dst, &dst_left);
    const int error = errno;
    out.append(buffer, static_cast<std::size_t>(dst - buffer));
    if (result != static_cast<std::size_t>(-1)) {
      if (in_left == 0) {
        if (dst == buffer) break;  // flushed
        continue;
      }
      continue;
    }
    if (error == E2BIG) continue;
    // EILSEQ (invalid here) or EINVAL (incomplete at the end): skip one byte.
    if (in_left == 0) break;
    out.append(kReplacement);
    ++replaced;
    ++in;
    --in_left;
    iconv(cd, nullptr, nullptr, nullptr, nullptr);  // back to the initial shift state
  }
  return replaced;
}

}  // namespace

CharsetConversion AppendCharsetAsUtf8(std::string_view bytes, std::string_view charset,
                                      std::string& out) {
  CharsetConversion result;
  std::string name = Lower(charset);
  while (!name.empty() && (name.back() == ' ' || name.back() == '"')) name.pop_back();
  if (name == "utf8" || name == "utf-8") {
    result.used = "utf-8";
    result.replaced = AppendValidUtf8(bytes, out);
    return result;
  }
  if (name == "us-ascii" || name == "ascii" || name == "iso-8859-1" || name == "iso_8859-1" ||
      name == "latin1" || name == "latin-1" || name == "windows-1252" || name == "cp1252" ||
      name == "ansi_x3.4-1968") {
    // Mislabelled 8-bit text is common; cp1252 reads all of Latin-1 and ASCII the same way. UTF-8
    // under an ASCII label is read as UTF-8.
    if ((name == "us-ascii" || name == "ascii") && !PreferWindows1252(bytes)) {
      result.used = "utf-8";
      result.replaced = AppendValidUtf8(bytes, out);
      return result;
    }
    result.used = "windows-1252";
    AppendWindows1252AsUtf8(bytes, out);
    return result;
  }
  if (!name.empty()) {
    Iconv cd(name);
    if (cd.ok()) {
      result.used = name;
      result.replaced = ConvertWithIconv(cd.get(), bytes, out);
      return result;
    }
    result.unknown_charset = true;
  }
  if (PreferWindows1252(bytes)) {
    result.used = "windows-1252";
    AppendWindows1252AsUtf8(bytes, out);
  } else {
    result.used = "utf-8";
    result.replaced = AppendValidUtf8(bytes, out);
  }
  return result;
}

std::string CodePageCharset(std::uint32_t code_page) {
  switch (code_page) {
    case 0:
      return "";
    case 65001:
      return "UTF-8";
    case 1200:
      return "UTF-16LE";
    case 1201:
      return "UTF-16BE";
    case 20127:
      return "US-ASCII";
    case 28591:
      return "ISO-8859-1";
    case 28592:
      return "ISO-8859-2";
    case 28595:
      return "ISO-8859-5";
    case 28597:
      return "ISO-8859-7";
    case 28605:
      return "ISO-8859-15";
    case 50220:
    case 50221:
    case 50222:
      return "ISO-2022-JP";
    case 51932:
      return "EUC-JP";
    case 51949:
      return "EUC-KR";
    case 936:
      return "GBK";
    case 54936:
      return "GB18030";
    case 950:
      return "BIG5";
    case 949:
      return "CP949";
    case 932:
      return "CP932";
    case 20866:
      return "KOI8-R";
    case 21866:
      return "KOI8-U";
    default:
      // 874, 1250-1258, 437, 850, 866 …: glibc knows them as CP<n>.
      return "CP" + std::to_string(code_page);
  }
}

}  // namespace trustscreen::extract::internal
