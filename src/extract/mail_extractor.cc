// E-mail with GMime 3: an RFC 5322/MIME message (headers, bodies, attachments as members) and an
// mbox folder (each message a member). GMime parses from memory; the MIME tree is walked without
// recursion (the nesting is the sender's choice), every decoded part is read in chunks and never
// past the budget's limit.
#include <gmime/gmime.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstring>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "charset.h"
#include "extractors.h"
#include "mail_message.h"
#include "utf8.h"

namespace trustscreen::extract::internal {
namespace {

void InitGMimeOnce() {
  static std::once_flag once;
  std::call_once(once, [] { g_mime_init(); });
}

struct GObjectUnref {
  void operator()(void* object) const {
    if (object != nullptr) g_object_unref(object);
  }
};
template <typename T>
using GPtr = std::unique_ptr<T, GObjectUnref>;

struct GFree {
  void operator()(void* p) const { g_free(p); }
};
using GString = std::unique_ptr<char, GFree>;

struct ParserOptionsFree {
  void operator()(GMimeParserOptions* options) const { g_mime_parser_options_free(options); }
};

// What GMime's parser reported while it built the tree.
struct ParseWarnings {
  bool nesting_overflow = false;  // GMime stopped at its own nesting limit
};

void OnParserWarning(gint64 /*offset*/, GMimeParserWarning code, const gchar* /*item*/,
                     gpointer data) {
  if (code == GMIME_CRIT_NESTING_OVERFLOW) {
    static_cast<ParseWarnings*>(data)->nesting_overflow = true;
  }
}

// Raw 8-bit header bytes that are not valid UTF-8 are read as Windows-1252 rather than GMime's
// ISO-8859-1 fallback, which would turn stray UTF-8 into mojibake.
std::unique_ptr<GMimeParserOptions, ParserOptionsFree> NewParserOptions(ParseWarnings* warnings) {
  std::unique_ptr<GMimeParserOptions, ParserOptionsFree> options(g_mime_parser_options_new());
  static const char* kFallback[] = {"UTF-8", "windows-1252", nullptr};
  g_mime_parser_options_set_fallback_charsets(options.get(), kFallback);
  g_mime_parser_options_set_warning_callback(options.get(), OnParserWarning, warnings);
  return options;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

bool IsAscii(std::string_view s) {
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

// A header's value, unfolded, encoded-words decoded, as UTF-8; "" when absent.
std::string HeaderValue(GMimeObject* object, GMimeParserOptions* options, const char* name) {
  GMimeHeaderList* headers = g_mime_object_get_header_list(object);
  if (headers == nullptr) return "";
  GMimeHeader* header = g_mime_header_list_get_header(headers, name);
  if (header == nullptr) return "";
  const char* raw = g_mime_header_get_raw_value(header);
  if (raw != nullptr && !IsAscii(raw)) {
    // Raw 8-bit bytes: UTF-8 when most of them are (one stray byte in a short header must not
    // turn a whole Cyrillic name into mojibake), else Windows-1252.
    std::string fixed;
    const std::uint64_t replaced = AppendValidUtf8(raw, fixed);
    const auto high = static_cast<std::uint64_t>(
        std::count_if(raw, raw + std::strlen(raw), [](char c) { return c & 0x80; }));
    if (replaced * 2 > high) {
      fixed.clear();
      AppendWindows1252AsUtf8(raw, fixed);
    }
    GString unfolded(g_mime_utils_header_unfold(fixed.c_str()));
    if (unfolded == nullptr) return fixed;
    GString decoded(g_mime_utils_header_decode_text(options, unfolded.get()));
    return decoded != nullptr ? std::string(decoded.get()) : fixed;
  }
  const char* value = g_mime_header_get_value(header);
  return value != nullptr ? std::string(value) : std::string();
}

enum class Decode { kOk, kOverLimit };

// The part's content with its transfer encoding undone, read in chunks up to `limit` bytes.
Decode DecodeContent(GMimePart* part, std::uint64_t limit, std::string& out) {
  GMimeDataWrapper* wrapper = g_mime_part_get_content(part);
  if (wrapper == nullptr) return Decode::kOk;
  GMimeStream* source = g_mime_data_wrapper_get_stream(wrapper);
  if (source == nullptr) return Decode::kOk;
  g_mime_stream_reset(source);
  GPtr<GMimeStream> filtered(g_mime_stream_filter_new(source));
  const GMimeContentEncoding encoding = g_mime_data_wrapper_get_encoding(wrapper);
  if (encoding == GMIME_CONTENT_ENCODING_BASE64 ||
      encoding == GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE ||
      encoding == GMIME_CONTENT_ENCODING_UUENCODE) {
    GPtr<GMimeFilter> decoder(g_mime_filter_basic_new(encoding, FALSE));
    g_mime_stream_filter_add(GMIME_STREAM_FILTER(filtered.get()), decoder.get());
  }
  char buffer[16384];
  while (true) {
    const ssize_t n = g_mime_stream_read(filtered.get(), buffer, sizeof buffer);
    if (n <= 0) break;
    if (out.size() + static_cast<std::size_t>(n) > limit) return Decode::kOverLimit;
    out.append(buffer, static_cast<std::size_t>(n));
  }
  return Decode::kOk;
}

struct MediaType {
  std::string type;     // "text"
  std::string subtype;  // "plain"
};

MediaType TypeOf(GMimeObject* object) {
  GMimeContentType* content_type = g_mime_object_get_content_type(object);
  if (content_type == nullptr) return {"text", "plain"};
  const char* type = g_mime_content_type_get_media_type(content_type);
  const char* subtype = g_mime_content_type_get_media_subtype(content_type);
  return {Lower(type != nullptr ? type : ""), Lower(subtype != nullptr ? subtype : "")};
}

// message/rfc822 (or its UTF-8 successor) that GMime left unparsed, e.g. because it is base64.
bool IsAttachedMessage(const MediaType& media) {
  return media.type == "message" && (media.subtype == "rfc822" || media.subtype == "global");
}

// The extension an unnamed attachment gets, so that sniffing by name (plain text) still works.
std::string ExtensionFor(const MediaType& media) {
  if (media.type == "text") return media.subtype == "html" ? ".html" : ".txt";
  if (IsAttachedMessage(media)) return ".eml";
  if (media.type == "message") return ".txt";  // delivery-status, disposition-notification
  if (media.subtype == "pdf") return ".pdf";
  if (media.subtype == "msword") return ".doc";
  if (media.subtype == "rtf") return ".rtf";
  if (media.subtype == "zip" || media.subtype == "x-zip-compressed") return ".zip";
  if (media.subtype == "ms-tnef" || media.subtype == "vnd.ms-tnef") return ".dat";
  if (media.subtype.starts_with("vnd.openxmlformats-officedocument.wordprocessingml")) {
    return ".docx";
  }
  if (media.subtype == "vnd.oasis.opendocument.text") return ".odt";
  if (media.type == "image") return "." + media.subtype;
  return ".bin";
}

bool IsAttachmentDisposition(GMimeObject* object) {
  const char* disposition = g_mime_object_get_disposition(object);
  return disposition != nullptr && Lower(disposition) == "attachment";
}

// The name an attachment carries: Content-Disposition filename, else Content-Type name (RFC 2231
// and encoded-words decoded by GMime); "" if none.
std::string AttachmentName(GMimeObject* object) {
  const char* name = nullptr;
  if (GMIME_IS_PART(object)) {
    name = g_mime_part_get_filename(GMIME_PART(object));
  } else {
    name = g_mime_object_get_content_disposition_parameter(object, "filename");
    if (name == nullptr) name = g_mime_object_get_content_type_parameter(object, "name");
  }
  if (name == nullptr) return "";
  std::string out;
  AppendValidUtf8(name, out);
  return out;
}

// A text/plain or text/html part that is the message's own text, not an attached file.
bool IsBodyText(GMimeObject* object, const MediaType& media) {
  return media.type == "text" && (media.subtype == "plain" || media.subtype == "html") &&
         !IsAttachmentDisposition(object) && AttachmentName(object).empty();
}

bool IsSignature(const MediaType& media) {
  return media.type == "application" &&
         (media.subtype == "pgp-signature" || media.subtype == "pkcs7-signature" ||
          media.subtype == "x-pkcs7-signature");
}

class MimeWalker {
 public:
  MimeWalker(MessageWriter& writer, Document& doc, const ExtractOptions& options,
             GMimeParserOptions* parser_options)
      : writer_(writer), doc_(doc), options_(options), parser_options_(parser_options) {}

  // Reads the tree under `root` depth first, in document order, without recursion.
  void Walk(GMimeObject* root);
  bool too_deep() const { return too_deep_; }
  bool too_many() const { return too_many_; }

 private:
  struct Pending {
    GMimeObject* object;
    int depth;       // multiparts enclosing it
    bool skip_text;  // an alternative not chosen: its attachments count, its text does not
  };

  void Multipart(GMimeMultipart* multipart, const Pending& at);
  int ChooseAlternative(GMimeMultipart* multipart);
  void Leaf(GMimePart* part, bool skip_text);
  void AttachedMessage(GMimeMessagePart* part);
  // The part's text in UTF-8 (charset applied); false when it is over the decode limit.
  bool ReadText(GMimePart* part, std::string& text);
  void Attachment(GMimePart* part, const MediaType& media);

  MessageWriter& writer_;
  Document& doc_;
  const ExtractOptions& options_;
  GMimeParserOptions* parser_options_;
  std::vector<Pending> stack_;
  std::uint64_t parts_ = 0;
  bool too_deep_ = false;
  bool too_many_ = false;
};

void MimeWalker::Walk(GMimeObject* root) {
  stack_.push_back({root, 0, false});
  while (!stack_.empty()) {
    const Pending at = stack_.back();
    stack_.pop_back();
    if (++parts_ > options_.max_mime_parts) {
      too_many_ = true;
      return;
    }
    if (GMIME_IS_MULTIPART_ENCRYPTED(at.object)) {
      writer_.AddUnreadAttachment(writer_.UnnamedAttachment(".pgp"), 0, DocumentStatus::kEncrypted,
                                  "PGP/MIME encrypted part; decrypt the message to screen it");
    } else if (GMIME_IS_MULTIPART(at.object)) {
      if (at.depth >= options_.max_mime_depth) {
        too_deep_ = true;
        continue;
      }
      Multipart(GMIME_MULTIPART(at.object), at);
    } else if (GMIME_IS_MESSAGE_PART(at.object)) {
      AttachedMessage(GMIME_MESSAGE_PART(at.object));
    } else if (GMIME_IS_PART(at.object)) {
      Leaf(GMIME_PART(at.object), at.skip_text);
    }
  }
}

void MimeWalker::Multipart(GMimeMultipart* multipart, const Pending& at) {
  const int count = g_mime_multipart_get_count(multipart);
  const bool alternative = TypeOf(GMIME_OBJECT(multipart)).subtype == "alternative";
  const int chosen = alternative ? ChooseAlternative(multipart) : -1;
  // Pushed last first, so that they are read in document order.
  for (int i = count - 1; i >= 0; --i) {
    GMimeObject* child = g_mime_multipart_get_part(multipart, i);
    if (child == nullptr) continue;
    stack_.push_back({child, at.depth + 1, at.skip_text || (alternative && i != chosen)});
  }
}

// The alternative to read as the message's text: the first text/plain with visible text (what
// the sender wrote, without markup), else the last one (the richest: HTML, or a multipart).
int MimeWalker::ChooseAlternative(GMimeMultipart* multipart) {
  const int count = g_mime_multipart_get_count(multipart);
  int last = count - 1;
  for (int i = 0; i < count; ++i) {
    GMimeObject* child = g_mime_multipart_get_part(multipart, i);
    if (child == nullptr || !GMIME_IS_PART(child)) continue;
    const MediaType media = TypeOf(child);
    if (!IsBodyText(child, media) || media.subtype != "plain") continue;
    std::string decoded;
    if (DecodeContent(GMIME_PART(child), writer_.DecodeLimit(), decoded) != Decode::kOk) {
      return i;  // over the limit: reading it reports that
    }
    std::string utf8;
    const char* charset = g_mime_object_get_content_type_parameter(child, "charset");
    AppendCharsetAsUtf8(decoded, charset != nullptr ? charset : "", utf8);
    if (HasVisibleText(utf8)) return i;
    if (i == last) --last;  // an empty plain text last is no better than what precedes it
  }
  return std::max(last, 0);
}

bool MimeWalker::ReadText(GMimePart* part, std::string& text) {
  std::string decoded;
  if (DecodeContent(part, writer_.DecodeLimit(), decoded) != Decode::kOk) return false;
  writer_.ChargeBody(decoded.size());
  const char* declared = g_mime_object_get_content_type_parameter(GMIME_OBJECT(part), "charset");
  std::string charset;
  if (declared != nullptr) {
    const char* iconv_name = g_mime_charset_iconv_name(declared);
    charset = iconv_name != nullptr ? iconv_name : declared;
  }
  const CharsetConversion conversion = AppendCharsetAsUtf8(decoded, charset, text);
  doc_.replaced_invalid_bytes += conversion.replaced;
  if (conversion.unknown_charset) {
    std::string name;
    AppendValidUtf8(declared, name);
    writer_.Note("unknown charset \"" + name + "\" read as " + conversion.used);
  }
  return true;
}

void MimeWalker::Leaf(GMimePart* part, bool skip_text) {
  GMimeObject* object = GMIME_OBJECT(part);
  const MediaType media = TypeOf(object);
  if (IsSignature(media)) return;  // a signature is not content
  if (IsBodyText(object, media)) {
    if (skip_text) return;
    std::string text;
    const std::string what = "text/" + media.subtype + " body";
    if (!ReadText(part, text)) {
      writer_.BodyOverLimit(what);
      return;
    }
    if (media.subtype == "html") {
      writer_.AddHtmlBody(text);
    } else {
      writer_.AddPlainBody(text);
    }
    return;
  }
  if (GMIME_IS_APPLICATION_PKCS7_MIME(object)) {
    const char* smime = g_mime_object_get_content_type_parameter(object, "smime-type");
    const std::string kind = Lower(smime != nullptr ? smime : "");
    const std::string name =
        AttachmentName(object).empty() ? writer_.UnnamedAttachment(".p7m") : AttachmentName(object);
    if (kind == "signed-data") {
      writer_.AddUnreadAttachment(name, 0, DocumentStatus::kUnsupported,
                                  "S/MIME opaque-signed part is not read; save the message "
                                  "with its signature removed");
    } else {
      writer_.AddUnreadAttachment(name, 0, DocumentStatus::kEncrypted,
                                  "S/MIME encrypted part; decrypt the message to screen it");
    }
    return;
  }
  Attachment(part, media);
}

void MimeWalker::Attachment(GMimePart* part, const MediaType& media) {
  GMimeObject* object = GMIME_OBJECT(part);
  std::string name = AttachmentName(object);
  if (name.empty()) name = writer_.UnnamedAttachment(ExtensionFor(media));
  if (!writer_.MayReadAttachment(name)) return;
  std::string bytes;
  if (DecodeContent(part, writer_.DecodeLimit(), bytes) != Decode::kOk) {
    writer_.AttachmentOverLimit(name);
    return;
  }
  writer_.AddAttachment(name, bytes,
                        IsAttachedMessage(media) ? DocumentFormat::kEml : DocumentFormat::kUnknown);
}

// An attached message (message/rfc822) is a member of its own, written back out by GMime and
// read like an .eml file: its attachments are its members ("a.eml!/fwd.eml!/x.pdf").
void MimeWalker::AttachedMessage(GMimeMessagePart* part) {
  GMimeObject* object = GMIME_OBJECT(part);
  std::string name = AttachmentName(object);
  if (name.empty()) name = writer_.UnnamedAttachment(".eml");
  if (!writer_.MayReadAttachment(name)) return;
  GMimeMessage* message = g_mime_message_part_get_message(part);
  if (message == nullptr) {
    writer_.AddAttachment(name, "", DocumentFormat::kEml);
    return;
  }
  GPtr<GMimeStream> out(g_mime_stream_mem_new());
  g_mime_object_write_to_stream(GMIME_OBJECT(message), nullptr, out.get());
  GByteArray* array = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(out.get()));
  const std::string_view bytes =
      array != nullptr ? std::string_view(reinterpret_cast<const char*>(array->data), array->len)
                       : std::string_view();
  if (bytes.size() > writer_.DecodeLimit()) {
    writer_.AttachmentOverLimit(name);
    return;
  }
  writer_.AddAttachment(name, bytes, DocumentFormat::kEml);
}

// Lines that could be MIME boundaries ("--…"). GMime builds the whole tree in memory, a few
// hundred bytes per part: a message of millions of empty parts is refused before it is parsed.
std::uint64_t CountBoundaryLines(std::string_view bytes) {
  std::uint64_t count = 0;
  if (bytes.starts_with("--")) ++count;
  for (std::size_t at = bytes.find("\n--"); at != std::string_view::npos;
       at = bytes.find("\n--", at + 3)) {
    ++count;
  }
  return count;
}

struct Parsed {
  GPtr<GMimeStream> stream;
  GPtr<GMimeParser> parser;
};

Parsed NewParser(std::string_view bytes, GMimeFormat format) {
  Parsed parsed;
  // GMime copies the bytes into the memory stream it owns.
  parsed.stream.reset(g_mime_stream_mem_new_with_buffer(bytes.data(), bytes.size()));
  parsed.parser.reset(g_mime_parser_new_with_stream(parsed.stream.get()));
  g_mime_parser_set_format(parsed.parser.get(), format);
  return parsed;
}

void ReadMessage(GMimeMessage* message, GMimeParserOptions* parser_options,
                 const ParseWarnings& warnings, const ExtractOptions& options,
                 ArchiveBudget& budget, Document& doc) {
  MessageWriter writer(doc, options, budget);
  GMimeObject* object = GMIME_OBJECT(message);
  for (const std::string_view name : kScreenedHeaders) {
    const std::string value = HeaderValue(object, parser_options, std::string(name).c_str());
    if (name == "Subject") {
      writer.AddSubject(value);
    } else {
      writer.AddHeader(name, value);
    }
  }
  MimeWalker walker(writer, doc, options, parser_options);
  if (GMimeObject* body = g_mime_message_get_mime_part(message)) walker.Walk(body);
  if (walker.too_deep()) {
    writer.NotRead("MIME parts nested more than " + std::to_string(options.max_mime_depth) +
                   " multiparts deep were not read (max_mime_depth)");
  } else if (warnings.nesting_overflow) {
    writer.NotRead("MIME parts nested deeper than the MIME parser's limit were not read");
  }
  if (walker.too_many()) {
    writer.NotRead("the message has more than " + std::to_string(options.max_mime_parts) +
                   " MIME parts; the rest were not read (max_mime_parts)");
  }
  writer.Finish();
}

// The "From " line that starts an mbox message, when a single message was saved with it.
std::string_view SkipFromLine(std::string_view bytes) {
  if (!bytes.starts_with("From ")) return bytes;
  const std::size_t end = bytes.find('\n');
  return end == std::string_view::npos ? std::string_view() : bytes.substr(end + 1);
}

std::uint64_t BoundaryLineLimit(const ExtractOptions& options) {
  return 2 * options.max_mime_parts + 1000;
}

}  // namespace

void ExtractEml(std::string_view bytes, const ExtractOptions& options, ArchiveBudget& budget,
                Document& doc) {
  InitGMimeOnce();
  doc.format = DocumentFormat::kEml;
  const std::string_view input = SkipFromLine(bytes);
  if (CountBoundaryLines(input) > BoundaryLineLimit(options)) {
    FailDocument(doc, DocumentStatus::kTooLarge,
                 "message has more than " + std::to_string(BoundaryLineLimit(options)) +
                     " MIME boundary lines (max_mime_parts); not parsed");
    return;
  }
  ParseWarnings warnings;
  const auto parser_options = NewParserOptions(&warnings);
  Parsed parsed = NewParser(input, GMIME_FORMAT_MESSAGE);
  GPtr<GMimeMessage> message(
      g_mime_parser_construct_message(parsed.parser.get(), parser_options.get()));
  if (message == nullptr) {
    // Sniffing never calls a header-less file a message, but an attachment declared
    // message/rfc822 may hold anything: its text is still screened.
    if (input.find('\0') == std::string_view::npos) {
      ExtractText(input, doc);
      doc.format = DocumentFormat::kEml;
      if (doc.status == DocumentStatus::kOk) {
        doc.reason = "no MIME header block; read as plain text";
      }
      return;
    }
    FailDocument(doc, DocumentStatus::kCorrupt, "not an e-mail message: no header block");
    return;
  }
  ReadMessage(message.get(), parser_options.get(), warnings, options, budget, doc);
}

void ExtractMbox(std::string_view bytes, const ExtractOptions& options, ArchiveBudget& budget,
                 Document& doc) {
  InitGMimeOnce();
  doc.format = DocumentFormat::kMbox;
  if (budget.depth >= options.max_archive_depth) {
    FailDocument(doc, DocumentStatus::kTooLarge,
                 "mbox nested more than " + std::to_string(options.max_archive_depth) +
                     " containers deep, not opened (max_archive_depth)");
    return;
  }
  ParseWarnings warnings;
  const auto parser_options = NewParserOptions(&warnings);
  Parsed parsed = NewParser(bytes, GMIME_FORMAT_MBOX);
  // Solaris-style folders do not escape "From " in bodies; their Content-Length says where a
  // message ends (GMime checks that a From line is there before trusting it).
  g_mime_parser_set_respect_content_length(parsed.parser.get(), TRUE);
  int messages = 0;
  int not_screened = 0;
  bool too_many = false;
  const std::uint64_t refused_before = budget.refused_for_budget;
  ++budget.depth;
  while (!g_mime_parser_eos(parsed.parser.get())) {
    GPtr<GMimeMessage> message(
        g_mime_parser_construct_message(parsed.parser.get(), parser_options.get()));
    if (message == nullptr) break;
    const gint64 begin = g_mime_parser_get_headers_begin(parsed.parser.get());
    const gint64 end = g_mime_parser_tell(parsed.parser.get());
    message.reset();
    if (budget.members >= options.max_archive_members) {
      too_many = true;
      break;
    }
    ++budget.members;
    ++messages;
    std::string_view slice;
    if (begin >= 0 && end > begin && static_cast<std::uint64_t>(end) <= bytes.size()) {
      slice = bytes.substr(static_cast<std::size_t>(begin), static_cast<std::size_t>(end - begin));
    }
    char name[32];
    std::snprintf(name, sizeof name, "%04d.eml", messages);
    Document member =
        ExtractMember(slice, doc.path + "!/" + name, options, budget, DocumentFormat::kEml);
    if (!IsFullyScreened(member.status)) ++not_screened;
    doc.members.push_back(std::move(member));
  }
  --budget.depth;
  if (messages == 0) {
    FailDocument(doc, DocumentStatus::kEmpty, "mbox holds no message");
    return;
  }
  std::string summary = std::to_string(not_screened) + " of " + std::to_string(messages) +
                        (messages == 1 ? " message" : " messages") + " not fully screened";
  if (too_many) {
    doc.status = DocumentStatus::kTooLarge;
    doc.reason = "the input has more than " + std::to_string(options.max_archive_members) +
                 " members in all (max_archive_members); the messages after the first " +
                 std::to_string(messages) + " were not read; " + summary;
  } else if (budget.refused_for_budget > refused_before) {
    doc.status = DocumentStatus::kTooLarge;
    doc.reason = "attachments decode beyond the " + FormatByteSize(options.max_decompressed_bytes) +
                 " limit for one input (max_decompressed_bytes); " + summary;
  } else if (not_screened > 0) {
    doc.status = DocumentStatus::kPartial;
    doc.reason = std::move(summary);
  } else {
    doc.status = DocumentStatus::kOk;
    doc.reason.clear();
  }
}

}  // namespace trustscreen::extract::internal
