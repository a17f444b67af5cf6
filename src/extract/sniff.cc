// Type detection from magic bytes. Content wins over the file name; the name only decides whether
// bytes without a recognised magic are read as plain text.
#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "extractors.h"
#include "trustscreen/extract/extract.h"
#include "utf8.h"

namespace trustscreen::extract {
namespace internal {
namespace {

constexpr std::array<std::string_view, 15> kTextExtensions = {
    ".txt", ".text", ".md",   ".markdown", ".tex",  ".csv", ".tsv", ".rst",
    ".log", ".bib",  ".json", ".yml",      ".yaml", ".ics", ".vcf"};

// Acrobat accepts a PDF header anywhere in the first 1024 bytes (e.g. after a MacBinary header or
// an HTTP preamble); so does Poppler.
constexpr std::size_t kPdfHeaderWindow = 1024;

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

// "BM" alone starts many words ("BMW"): a BMP also needs a DIB header size Leptonica reads (the
// OS/2 and Windows headers, 12 to 124 bytes), a little-endian word with zero bytes text lacks.
bool LooksLikeBmp(std::string_view head) {
  if (head.size() < 18 || !StartsWith(head, "BM")) return false;
  std::uint32_t dib = 0;
  for (int i = 3; i >= 0; --i) dib = dib << 8 | static_cast<unsigned char>(head[14 + i]);
  return dib == 12 || dib == 40 || dib == 52 || dib == 56 || dib == 64 || dib == 108 || dib == 124;
}

Magic SniffBinaryMagic(std::string_view head) {
  using namespace std::string_view_literals;
  if (StartsWith(head, "%PDF-")) return Magic::kPdf;
  if (StartsWith(head, "PK\x03\x04"sv) || StartsWith(head, "PK\x05\x06"sv)) return Magic::kZip;
  if (StartsWith(head, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"sv)) return Magic::kOle;
  if (StartsWith(head, "{\\rtf")) return Magic::kRtf;
  if (StartsWith(head, "\x89PNG\r\n\x1A\n"sv)) return Magic::kPng;
  if (StartsWith(head, "\xFF\xD8\xFF"sv)) return Magic::kJpeg;
  if (StartsWith(head, "II*\0"sv) || StartsWith(head, "MM\0*"sv)) return Magic::kTiff;
  if (StartsWith(head, "GIF87a") || StartsWith(head, "GIF89a")) return Magic::kGif;
  if (StartsWith(head, "RIFF") && head.substr(8, 4) == "WEBP") return Magic::kWebp;
  if (StartsWith(head, "\0\0\0\x0CjP  "sv) || StartsWith(head, "\xFF\x4F\xFF\x51"sv)) {
    return Magic::kJpeg2000;
  }
  if (LooksLikeBmp(head)) return Magic::kBmp;
  if (StartsWith(head, "\x1F\x8B"sv)) return Magic::kGzip;
  if (StartsWith(head, "BZh") && head.size() > 3 && head[3] >= '1' && head[3] <= '9') {
    return Magic::kBzip2;
  }
  if (StartsWith(head,
                 "\xFD"
                 "7zXZ\0"sv))
    return Magic::kXz;
  if (StartsWith(head, "\x28\xB5\x2F\xFD"sv)) return Magic::kZstd;
  if (StartsWith(head, "7z\xBC\xAF\x27\x1C"sv)) return Magic::kSevenZip;
  if (StartsWith(head, "Rar!\x1A\x07"sv)) return Magic::kRar;
  if (head.size() >= 262 && head.substr(257, 5) == "ustar") return Magic::kTar;
  if (StartsWith(head, "\x78\x9F\x3E\x22"sv)) return Magic::kTnef;
  return Magic::kNone;
}

// "<!DOCTYPE html" or "<html" first, after a BOM, white space, an XML declaration and comments.
bool LooksLikeHtml(std::string_view head) {
  using namespace std::string_view_literals;
  if (StartsWith(head, "\xEF\xBB\xBF"sv)) head.remove_prefix(3);
  while (true) {
    const std::size_t start = head.find_first_not_of(" \t\r\n\f");
    if (start == std::string_view::npos) return false;
    head.remove_prefix(start);
    std::size_t end = std::string_view::npos;
    if (StartsWith(head, "<?")) {
      end = head.find("?>");
      if (end != std::string_view::npos) end += 2;
    } else if (StartsWith(head, "<!--")) {
      end = head.find("-->", 4);
      if (end != std::string_view::npos) end += 3;
    } else {
      std::string lower(head.substr(0, 14));
      std::transform(lower.begin(), lower.end(), lower.begin(),
                     [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
      if (lower.starts_with("<!doctype html")) return true;
      return lower.starts_with("<html") &&
             (lower.size() == 5 || lower[5] == '>' || lower[5] == ' ' || lower[5] == '\t' ||
              lower[5] == '\r' || lower[5] == '\n');
    }
    if (end == std::string_view::npos) return false;
    head.remove_prefix(end);
  }
}

// Header names that mark an e-mail message (RFC 5322, RFC 2045, common transport headers).
constexpr std::string_view kMailHeaders[] = {"from",
                                             "to",
                                             "cc",
                                             "bcc",
                                             "subject",
                                             "date",
                                             "received",
                                             "message-id",
                                             "mime-version",
                                             "return-path",
                                             "reply-to",
                                             "sender",
                                             "in-reply-to",
                                             "references",
                                             "delivered-to",
                                             "x-mailer",
                                             "content-type",
                                             "content-transfer-encoding",
                                             "user-agent",
                                             "thread-topic",
                                             "dkim-signature",
                                             "authentication-results",
                                             "x-original-to",
                                             "envelope-to"};
// Those that a note or a form rarely starts with: a mail system wrote them.
constexpr std::string_view kTransportHeaders[] = {"from",           "received",     "message-id",
                                                  "mime-version",   "return-path",  "delivered-to",
                                                  "dkim-signature", "x-original-to"};

struct HeaderBlock {
  int known = 0;               // distinct known header names
  bool from = false;           // a From: header
  bool transport = false;      // one of kTransportHeaders
  bool second_strong = false;  // To, Date, Message-ID, Received, MIME-Version or Return-Path
  bool malformed = false;      // a line that is neither a header nor a folded continuation
};

// The RFC 5322 header block at the start of `head`: "Name: value" lines (names of printable ASCII
// without ':' or space) and folded continuations, up to a blank line or the end of `head` (a
// line cut off by the end of `head` is not judged). nullopt when the first line is something else;
// a later line that is neither ends the block (malformed: a broken fold, as mailers write them).
std::optional<HeaderBlock> ReadHeaderBlock(std::string_view head) {
  HeaderBlock block;
  std::vector<std::string> seen;
  bool first = true;
  while (true) {
    const std::size_t end = head.find('\n');
    if (end == std::string_view::npos) break;  // the last, partial line
    std::string_view line = head.substr(0, end);
    head.remove_prefix(end + 1);
    if (line.ends_with('\r')) line.remove_suffix(1);
    if (line.empty()) break;  // end of the header block
    if (line[0] == ' ' || line[0] == '\t') {
      if (first) return std::nullopt;
      continue;
    }
    const std::size_t colon = line.find(':');
    std::string name(line.substr(0, colon == std::string_view::npos ? 0 : colon));
    bool valid = colon != 0 && colon != std::string_view::npos && colon <= 76;
    for (char& c : name) {
      const auto u = static_cast<unsigned char>(c);
      valid = valid && u > 0x20 && u < 0x7F;
      c = static_cast<char>(std::tolower(u));
    }
    if (!valid) {
      if (first) return std::nullopt;
      block.malformed = true;
      break;
    }
    first = false;
    if (std::find(seen.begin(), seen.end(), name) != seen.end()) continue;
    seen.push_back(name);
    if (std::find(std::begin(kMailHeaders), std::end(kMailHeaders), name) ==
        std::end(kMailHeaders)) {
      continue;
    }
    ++block.known;
    if (name == "from") block.from = true;
    if (std::find(std::begin(kTransportHeaders), std::end(kTransportHeaders), name) !=
        std::end(kTransportHeaders)) {
      block.transport = true;
    }
    if (name == "to" || name == "date" || name == "message-id" || name == "received" ||
        name == "mime-version" || name == "return-path") {
      block.second_strong = true;
    }
  }
  if (first) return std::nullopt;
  return block;
}

// Whether `head` starts like an e-mail message. How much evidence is needed depends on the name:
// an .eml needs one known header; a file with a text extension needs From and one of To, Date,
// Message-ID, Received, MIME-Version, Return-Path (a note that starts "Subject: …" or "Note: …"
// stays text); any other name needs two known headers, one written by a mail system.
bool LooksLikeMessage(std::string_view head, std::string_view path, bool text_name) {
  const std::optional<HeaderBlock> block = ReadHeaderBlock(head);
  if (!block) return false;
  const std::string ext = LowerExtension(path);
  if (ext == ".eml" || ext == ".mht" || ext == ".mhtml") return block->known >= 1;
  if (text_name) {
    return !block->malformed && block->from && block->second_strong && block->known >= 2;
  }
  return block->known >= 2 && block->transport;
}

// An mbox folder: a "From " envelope line, then a message.
bool LooksLikeMbox(std::string_view head, std::string_view path, bool text_name) {
  if (!StartsWith(head, "From ")) return false;
  const std::size_t end = head.find('\n');
  if (end == std::string_view::npos) return false;
  const std::optional<HeaderBlock> block = ReadHeaderBlock(head.substr(end + 1));
  if (!block) return false;
  const std::string ext = LowerExtension(path);
  if (ext == ".mbox" || ext == ".mbx" || ext == ".eml") return block->known >= 1;
  return text_name ? !block->malformed && block->known >= 2 && block->second_strong
                   : block->known >= 2;
}

// An XML declaration first (after a UTF-8 BOM and white space), or a name that says XML and markup
// first. Formats with a reader of their own (HTML, packages, RTF) are sniffed before this.
bool LooksLikeXml(std::string_view head, std::string_view path) {
  using namespace std::string_view_literals;
  if (StartsWith(head, "\xEF\xBB\xBF"sv)) head.remove_prefix(3);
  const std::size_t start = head.find_first_not_of(" \t\r\n");
  if (start == std::string_view::npos) return false;
  head.remove_prefix(start);
  if (StartsWith(head, "<?xml") && head.size() > 5 &&
      (head[5] == ' ' || head[5] == '\t' || head[5] == '\r' || head[5] == '\n')) {
    return true;
  }
  static constexpr std::array<std::string_view, 8> kXmlExtensions = {
      ".xml", ".svg", ".rdf", ".xlf", ".xliff", ".kml", ".gpx", ".xsd"};
  const std::string ext = LowerExtension(path);
  return StartsWith(head, "<") &&
         std::find(kXmlExtensions.begin(), kXmlExtensions.end(), ext) != kXmlExtensions.end();
}

}  // namespace

bool IsImageMagic(Magic magic) {
  return static_cast<int>(magic) >= static_cast<int>(Magic::kPng) &&
         static_cast<int>(magic) <= static_cast<int>(Magic::kBmp);
}

std::string_view ImageFormatName(Magic magic) {
  switch (magic) {
    case Magic::kPng:
      return "PNG";
    case Magic::kJpeg:
      return "JPEG";
    case Magic::kTiff:
      return "TIFF";
    case Magic::kGif:
      return "GIF";
    case Magic::kWebp:
      return "WebP";
    case Magic::kJpeg2000:
      return "JPEG 2000";
    case Magic::kBmp:
      return "BMP";
    default:
      return "image";
  }
}

bool IsHtmlExtension(std::string_view path) {
  const std::string ext = LowerExtension(path);
  return ext == ".html" || ext == ".htm" || ext == ".xhtml";
}

std::string LowerExtension(std::string_view path) {
  // filesystem::path knows that ".bashrc" has no extension and "a.b/c" has none either.
  std::string ext = std::filesystem::path(path).extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return ext;
}

std::string_view TextExtensionList() {
  return ".txt .text .md .markdown .tex .csv .tsv .rst .log .bib .json .yml .yaml .ics .vcf";
}

Sniffed SniffContent(std::string_view head, std::string_view path) {
  const Magic magic = SniffBinaryMagic(head);
  switch (magic) {
    case Magic::kPdf:
      return {DocumentFormat::kPdf, magic};
    case Magic::kZip:
      // DOCX, ODT, another package or an archive: decided when it is opened (ExtractZip).
      return {DocumentFormat::kZip, magic};
    case Magic::kRtf:
      return {DocumentFormat::kRtf, magic};
    case Magic::kTnef:
      return {DocumentFormat::kTnef, magic};
    case Magic::kGzip:
    case Magic::kBzip2:
    case Magic::kXz:
    case Magic::kZstd:
    case Magic::kSevenZip:
    case Magic::kRar:
    case Magic::kTar:
      return {DocumentFormat::kArchive, magic};
    case Magic::kPng:
    case Magic::kJpeg:
    case Magic::kTiff:
    case Magic::kGif:
    case Magic::kWebp:
    case Magic::kJpeg2000:
    case Magic::kBmp:
      return {DocumentFormat::kImage, magic};
    case Magic::kNone:
      break;
    default:
      return {DocumentFormat::kUnknown, magic};
  }
  if (LooksLikeHtml(head)) return {DocumentFormat::kHtml, Magic::kNone};
  // HTML saved as UTF-16 or UTF-32 (Windows "Unicode" HTML), with or without a BOM.
  const WideEncoding wide = DetectWideEncoding(head);
  std::string decoded_head;
  if (wide.unit_bytes != 0) {
    AppendWideAsUtf8(head.substr(0, head.size() - head.size() % wide.unit_bytes), wide,
                     decoded_head);
    if (LooksLikeHtml(decoded_head)) return {DocumentFormat::kHtml, Magic::kNone};
  }
  const bool text_name = IsTextExtension(path);
  // A saved message with its "From " envelope line and an .eml name is one message.
  if (LowerExtension(path) != ".eml" && LooksLikeMbox(head, path, text_name)) {
    return {DocumentFormat::kMbox, Magic::kNone};
  }
  if (LooksLikeMessage(head, path, text_name) ||
      (StartsWith(head, "From ") && LooksLikeMbox(head, path, text_name))) {
    return {DocumentFormat::kEml, Magic::kNone};
  }
  // A late "%PDF-" is a PDF with a preamble, unless the name says text: a note that mentions
  // "%PDF-1.7" near its start must stay a note.
  if (!text_name && head.substr(0, kPdfHeaderWindow).find("%PDF-") != std::string_view::npos) {
    return {DocumentFormat::kPdf, Magic::kPdf};
  }
  using namespace std::string_view_literals;
  if (IsHtmlExtension(path) &&
      (wide.unit_bytes != 0 || head.find('\0') == std::string_view::npos)) {
    return {DocumentFormat::kHtml, Magic::kNone};
  }
  if (!text_name && (LooksLikeXml(head, path) || LooksLikeXml(decoded_head, path))) {
    return {DocumentFormat::kXml, Magic::kNone};
  }
  if (!text_name) return {};
  const std::string ext = LowerExtension(path);
  const DocumentFormat text_format =
      ext == ".csv" || ext == ".tsv" ? DocumentFormat::kCsv : DocumentFormat::kText;
  if (StartsWith(head, "\xFF\xFE"sv) || StartsWith(head, "\xFE\xFF"sv)) {
    return {text_format, Magic::kUtf16Bom};
  }
  if (head.find('\0') != std::string_view::npos)
    return {DocumentFormat::kUnknown, Magic::kBinaryText};
  return {text_format, Magic::kNone};
}

}  // namespace internal

bool IsTextExtension(std::string_view path) {
  const std::string ext = internal::LowerExtension(path);
  return std::find(internal::kTextExtensions.begin(), internal::kTextExtensions.end(), ext) !=
         internal::kTextExtensions.end();
}

DocumentFormat SniffFormat(std::string_view head, std::string_view path) {
  return internal::SniffContent(head, path).format;
}

}  // namespace trustscreen::extract
