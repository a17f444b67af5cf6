// TNEF (MS-OXTNEF, winmail.dat): a small reader of its attribute stream. Every length is checked
// against the bytes that remain before anything is read or allocated, so a hostile length field
// ("poi__oom.tnef") costs nothing; a damaged stream keeps what was read before the damage.
//
// libytnef (Debian) was measured and not used: it reads the corpus, but prints "ERROR: …" to
// standard output on malformed input (the CLI's report stream), its header is not C++-clean
// (no extern "C", BYTE/WORD macros) and it garbles 8-bit subjects.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "charset.h"
#include "extractors.h"
#include "mail_message.h"
#include "mapi.h"
#include "utf8.h"

namespace trustscreen::extract::internal {
namespace {

constexpr std::uint32_t kSignature = 0x223E9F78;
constexpr std::uint8_t kLevelMessage = 1;
constexpr std::uint8_t kLevelAttachment = 2;

// Attribute ids (the low 16 bits of an attribute's id; the high 16 bits are its type).
constexpr std::uint16_t kAttFrom = 0x8000;
constexpr std::uint16_t kAttSubject = 0x8004;
constexpr std::uint16_t kAttDateSent = 0x8005;
constexpr std::uint16_t kAttBody = 0x800C;
constexpr std::uint16_t kAttAttachData = 0x800F;
constexpr std::uint16_t kAttAttachTitle = 0x8010;
constexpr std::uint16_t kAttAttachRenddata = 0x9002;
constexpr std::uint16_t kAttMapiProps = 0x9003;
constexpr std::uint16_t kAttRecipTable = 0x9004;
constexpr std::uint16_t kAttAttachment = 0x9005;
constexpr std::uint16_t kAttOemCodepage = 0x9007;

class Reader {
 public:
  explicit Reader(std::string_view bytes) : bytes_(bytes) {}
  std::size_t left() const { return bytes_.size() - at_; }
  bool Skip(std::size_t n) {
    if (n > left()) return false;
    at_ += n;
    return true;
  }
  std::optional<std::uint32_t> U32() {
    if (left() < 4) return std::nullopt;
    std::uint32_t value = 0;
    for (int i = 3; i >= 0; --i) {
      value = (value << 8) | static_cast<unsigned char>(bytes_[at_ + static_cast<std::size_t>(i)]);
    }
    at_ += 4;
    return value;
  }
  std::optional<std::uint16_t> U16() {
    if (left() < 2) return std::nullopt;
    const auto value = static_cast<std::uint16_t>(static_cast<unsigned char>(bytes_[at_]) |
                                                  static_cast<unsigned char>(bytes_[at_ + 1]) << 8);
    at_ += 2;
    return value;
  }
  std::optional<std::string_view> Bytes(std::size_t n) {
    if (n > left()) return std::nullopt;
    const std::string_view out = bytes_.substr(at_, n);
    at_ += n;
    return out;
  }

 private:
  std::string_view bytes_;
  std::size_t at_ = 0;
};

struct Property {
  std::uint16_t type = 0;
  std::uint16_t id = 0;
  bool named = false;                    // a named property (id >= 0x8000): ours are never named
  std::vector<std::string_view> values;  // variable-size values, or the raw fixed-size value
};

std::size_t FixedSize(std::uint16_t type) {
  switch (type) {
    case mapi::kPtShort:
    case mapi::kPtLong:
    case mapi::kPtFloat:
    case mapi::kPtError:
    case mapi::kPtBoolean:
      return 4;  // stored padded to 4 bytes
    case mapi::kPtDouble:
    case mapi::kPtCurrency:
    case mapi::kPtAppTime:
    case mapi::kPtI8:
    case mapi::kPtSysTime:
      return 8;
    case mapi::kPtClsid:
      return 16;
    default:
      return 0;
  }
}

std::size_t Padded(std::size_t n) { return (n + 3) & ~static_cast<std::size_t>(3); }

// A MAPI property list (attMAPIProps, attAttachment, a recipient row); false when damaged.
bool ReadProperties(Reader& reader, std::vector<Property>& properties) {
  const std::optional<std::uint32_t> count = reader.U32();
  if (!count || *count > reader.left() / 4) return false;
  for (std::uint32_t p = 0; p < *count; ++p) {
    const std::optional<std::uint16_t> type = reader.U16();
    const std::optional<std::uint16_t> id = reader.U16();
    if (!type || !id) return false;
    Property property;
    property.type = *type & ~mapi::kMultiValued;
    property.id = *id;
    if (*id >= 0x8000) {  // a named property: GUID, kind, then an id or a name
      property.named = true;
      if (!reader.Skip(16)) return false;
      const std::optional<std::uint32_t> kind = reader.U32();
      if (!kind) return false;
      if (*kind == 0) {
        if (!reader.Skip(4)) return false;
      } else {
        const std::optional<std::uint32_t> length = reader.U32();
        if (!length || !reader.Skip(Padded(*length))) return false;
      }
    }
    const bool variable = property.type == mapi::kPtString8 || property.type == mapi::kPtUnicode ||
                          property.type == mapi::kPtBinary || property.type == mapi::kPtObject;
    std::uint32_t values = 1;
    if (variable || (*type & mapi::kMultiValued) != 0) {
      const std::optional<std::uint32_t> n = reader.U32();
      if (!n || *n > reader.left() / 4 + 1) return false;
      values = *n;
    }
    for (std::uint32_t v = 0; v < values; ++v) {
      if (variable) {
        const std::optional<std::uint32_t> length = reader.U32();
        if (!length) return false;
        const std::optional<std::string_view> data = reader.Bytes(*length);
        if (!data || !reader.Skip(Padded(*length) - *length)) return false;
        property.values.push_back(*data);
      } else {
        const std::size_t size = FixedSize(property.type);
        if (size == 0) return false;  // an unknown type: its size is unknown
        const std::optional<std::string_view> data = reader.Bytes(size);
        if (!data) return false;
        property.values.push_back(*data);
      }
    }
    properties.push_back(std::move(property));
  }
  return true;
}

const Property* Find(const std::vector<Property>& properties, std::uint16_t id) {
  for (const Property& property : properties) {
    if (!property.named && property.id == id && !property.values.empty()) return &property;
  }
  return nullptr;
}

std::uint32_t LongValue(const Property& property) {
  Reader reader(property.values.front());
  return reader.U32().value_or(0);
}

std::string Text(const Property* property, std::string_view charset) {
  if (property == nullptr) return "";
  if (property->type == mapi::kPtUnicode) return mapi::Utf16ToUtf8(property->values.front());
  if (property->type == mapi::kPtString8) {
    return mapi::String8ToUtf8(property->values.front(), charset);
  }
  return "";
}

struct TnefAttachment {
  std::string title;  // attAttachTitle (8-bit)
  std::string_view data;
  bool has_data = false;
  std::vector<Property> properties;
};

struct TnefMessage {
  std::string subject;  // attSubject, raw 8-bit
  std::string from;     // attFrom triple, "Name <address>", raw 8-bit
  std::string body;     // attBody, raw 8-bit
  std::uint32_t oem_codepage = 0;
  std::vector<Property> properties;
  std::vector<std::vector<Property>> recipients;
  std::vector<TnefAttachment> attachments;
  std::string damage;  // why reading stopped early; empty when the stream was read to its end
};

std::string CString(std::string_view data) {
  const std::size_t nul = data.find('\0');
  return std::string(nul == std::string_view::npos ? data : data.substr(0, nul));
}

// attFrom: a TRP header (id, size, name length, address length), the name, the address.
std::string FromTriple(std::string_view data) {
  Reader reader(data);
  reader.Skip(4);
  const std::optional<std::uint16_t> name_length = reader.U16();
  const std::optional<std::uint16_t> address_length = reader.U16();
  if (!name_length || !address_length) return "";
  const std::string name = CString(reader.Bytes(*name_length).value_or(""));
  const std::string address = CString(reader.Bytes(*address_length).value_or(""));
  if (address.empty()) return name;
  return name.empty() ? address : name + " <" + address + ">";
}

void ReadRecipients(std::string_view data, TnefMessage& message) {
  Reader reader(data);
  const std::optional<std::uint32_t> rows = reader.U32();
  if (!rows || *rows > reader.left() / 4) return;
  for (std::uint32_t r = 0; r < *rows; ++r) {
    std::vector<Property> row;
    if (!ReadProperties(reader, row)) return;
    message.recipients.push_back(std::move(row));
  }
}

TnefMessage ParseTnef(std::string_view bytes) {
  TnefMessage message;
  Reader reader(bytes);
  reader.Skip(6);  // signature and legacy key
  while (reader.left() > 0) {
    // Mailers pad the stream with a line break or NULs; that is no damage.
    if (reader.left() < 9) {
      const std::string_view tail = reader.Bytes(reader.left()).value_or("");
      if (tail.find_first_not_of(std::string_view("\r\n\0", 3)) == std::string_view::npos) break;
      message.damage = "TNEF stream ends inside an attribute header";
      return message;
    }
    const std::optional<std::string_view> level = reader.Bytes(1);
    const std::optional<std::uint32_t> id = reader.U32();
    const std::optional<std::uint32_t> length = reader.U32();
    if (!level || !id || !length) {
      message.damage = "TNEF stream ends inside an attribute header";
      return message;
    }
    const std::optional<std::string_view> data = reader.Bytes(*length);
    if (!data || !reader.Skip(2)) {  // the data, then its checksum
      message.damage =
          "TNEF attribute of " + FormatByteSize(*length) + " runs past the end of the stream";
      return message;
    }
    const auto attribute = static_cast<std::uint16_t>(*id & 0xFFFF);
    const auto at_level = static_cast<std::uint8_t>((*level)[0]);
    if (at_level == kLevelMessage) {
      switch (attribute) {
        case kAttSubject:
          message.subject = CString(*data);
          break;
        case kAttFrom:
          message.from = FromTriple(*data);
          break;
        case kAttBody:
          message.body = CString(*data);
          break;
        case kAttOemCodepage: {
          Reader codepage(*data);
          message.oem_codepage = codepage.U32().value_or(0);
          break;
        }
        case kAttMapiProps: {
          Reader properties(*data);
          if (!ReadProperties(properties, message.properties)) {
            message.damage = "damaged MAPI property list in the TNEF stream";
          }
          break;
        }
        case kAttRecipTable:
          ReadRecipients(*data, message);
          break;
        default:
          break;
      }
    } else if (at_level == kLevelAttachment) {
      // attAttachRenddata starts each attachment; anything else belongs to the current one.
      if (attribute == kAttAttachRenddata || message.attachments.empty()) {
        message.attachments.emplace_back();
      }
      TnefAttachment& attachment = message.attachments.back();
      switch (attribute) {
        case kAttAttachTitle:
          attachment.title = CString(*data);
          break;
        case kAttAttachData:
          attachment.data = *data;
          attachment.has_data = true;
          break;
        case kAttAttachment: {
          Reader properties(*data);
          if (!ReadProperties(properties, attachment.properties)) {
            message.damage = "damaged attachment property list in the TNEF stream";
          }
          break;
        }
        default:
          break;
      }
    } else {
      message.damage = "unknown TNEF attribute level " + std::to_string(at_level);
      return message;
    }
  }
  return message;
}

std::string Charset(const TnefMessage& message) {
  for (const std::uint16_t id : {mapi::kInternetCodepage, mapi::kMessageCodepage}) {
    if (const Property* property = Find(message.properties, id)) {
      if (property->type == mapi::kPtLong) return CodePageCharset(LongValue(*property));
    }
  }
  return CodePageCharset(message.oem_codepage);
}

void WriteHeaders(const TnefMessage& message, const std::string& charset, MessageWriter& writer) {
  std::string from = Text(Find(message.properties, mapi::kSentRepresentingName), charset);
  if (from.empty()) from = Text(Find(message.properties, mapi::kSenderName), charset);
  if (from.empty()) from = mapi::String8ToUtf8(message.from, charset);
  writer.AddHeader("From", from);
  std::string to = Text(Find(message.properties, mapi::kDisplayTo), charset);
  std::string cc = Text(Find(message.properties, mapi::kDisplayCc), charset);
  std::string bcc = Text(Find(message.properties, mapi::kDisplayBcc), charset);
  for (const std::vector<Property>& row : message.recipients) {
    std::string name = Text(Find(row, mapi::kDisplayName), charset);
    const std::string address = Text(Find(row, mapi::kSmtpAddress), charset);
    if (!address.empty() && address != name) name += name.empty() ? address : " <" + address + ">";
    const Property* type = Find(row, mapi::kRecipientType);
    const std::uint32_t kind =
        type != nullptr && type->type == mapi::kPtLong ? LongValue(*type) : 1;
    std::string& list = kind == 2 ? cc : kind == 3 ? bcc : to;
    if (!name.empty() && list.find(name) == std::string::npos)
      list += list.empty() ? name : ", " + name;
  }
  writer.AddHeader("To", to);
  writer.AddHeader("Cc", cc);
  writer.AddHeader("Bcc", bcc);
  std::string subject = Text(Find(message.properties, mapi::kSubject), charset);
  if (subject.empty()) subject = mapi::String8ToUtf8(message.subject, charset);
  if (subject.empty()) subject = Text(Find(message.properties, mapi::kConversationTopic), charset);
  writer.AddSubject(subject);
}

// The body: plain text if it has any, else HTML, else the compressed RTF.
void WriteBody(const TnefMessage& message, const std::string& charset, MessageWriter& writer) {
  std::string plain = Text(Find(message.properties, mapi::kBody), charset);
  if (!HasVisibleText(plain)) plain = mapi::String8ToUtf8(message.body, charset);
  if (HasVisibleText(plain)) {
    writer.AddPlainBody(plain);
    return;
  }
  if (const Property* html = Find(message.properties, mapi::kHtml)) {
    std::string utf8;
    AppendCharsetAsUtf8(html->values.front(), charset, utf8);
    writer.AddHtmlBody(utf8);
    return;
  }
  if (const Property* rtf = Find(message.properties, mapi::kRtfCompressed)) {
    writer.AddCompressedRtfBody(rtf->values.front());
    return;
  }
}

void WriteAttachment(const TnefAttachment& attachment, const std::string& charset,
                     MessageWriter& writer) {
  std::string name = Text(Find(attachment.properties, mapi::kAttachLongFilename), charset);
  if (name.empty()) name = mapi::String8ToUtf8(attachment.title, charset);
  if (name.empty()) name = Text(Find(attachment.properties, mapi::kAttachFilename), charset);
  const Property* method = Find(attachment.properties, mapi::kAttachMethod);
  const Property* object = Find(attachment.properties, mapi::kAttachDataBinary);
  const bool embedded = method != nullptr && method->type == mapi::kPtLong &&
                        LongValue(*method) == mapi::kAttachEmbeddedMessage && object != nullptr &&
                        object->type == mapi::kPtObject;
  if (embedded) {
    // PT_OBJECT data: the interface id (16 bytes), then the embedded message as a TNEF stream.
    if (name.empty()) name = Text(Find(attachment.properties, mapi::kDisplayNameAttach), charset);
    if (name.empty()) name = writer.UnnamedAttachment(".dat");
    if (!writer.MayReadAttachment(name)) return;
    const std::string_view data = object->values.front();
    const std::string_view stream = data.size() > 16 ? data.substr(16) : std::string_view();
    if (stream.size() > writer.DecodeLimit()) {
      writer.AttachmentOverLimit(name);
      return;
    }
    writer.AddAttachment(name, stream);
    return;
  }
  if (name.empty()) name = writer.UnnamedAttachment(".bin");
  if (!writer.MayReadAttachment(name)) return;
  if (attachment.data.size() > writer.DecodeLimit()) {
    writer.AttachmentOverLimit(name);
    return;
  }
  writer.AddAttachment(name, attachment.data);
}

}  // namespace

void ExtractTnef(std::string_view bytes, const ExtractOptions& options, ArchiveBudget& budget,
                 Document& doc) {
  doc.format = DocumentFormat::kTnef;
  Reader signature(bytes);
  if (signature.U32().value_or(0) != kSignature) {
    FailDocument(doc, DocumentStatus::kCorrupt, "not a TNEF stream: no signature");
    return;
  }
  const TnefMessage message = ParseTnef(bytes);
  const std::string charset = Charset(message);
  MessageWriter writer(doc, options, budget);
  WriteHeaders(message, charset, writer);
  WriteBody(message, charset, writer);
  for (const TnefAttachment& attachment : message.attachments) {
    if (!attachment.has_data && attachment.properties.empty()) continue;
    WriteAttachment(attachment, charset, writer);
  }
  if (!message.damage.empty()) writer.NotRead(message.damage);
  writer.Finish();
  if (doc.members.empty() && !HasVisibleText(doc.text) && !message.damage.empty()) {
    FailDocument(doc, DocumentStatus::kCorrupt, message.damage);
  }
}

}  // namespace trustscreen::extract::internal
