// Outlook .msg (MS-OXMSG): an OLE2 compound file of MAPI properties. Fixed-size properties are in
// each storage's "__properties_version1.0" stream, strings and binaries in "__substg1.0_IIIITTTT"
// streams; recipients and attachments are storages of their own, and an attached Outlook message
// is a storage inside the attachment's, read here recursively as a member of its own.
#include <cstdint>
#include <cstdio>
#include <ctime>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "charset.h"
#include "extractors.h"
#include "mail_message.h"
#include "mapi.h"
#include "ole_file.h"
#include "ole_readers.h"
#include "trustscreen/digest/sha256.h"
#include "utf8.h"

namespace trustscreen::extract::internal {
namespace {

constexpr std::string_view kProperties = "__properties_version1.0";
constexpr std::string_view kRecipientPrefix = "__recip_version1.0_#";
constexpr std::string_view kAttachmentPrefix = "__attach_version1.0_#";
// Header bytes before the 16-byte property entries: the top-level message, an embedded message,
// and a recipient or attachment storage.
constexpr std::size_t kTopHeader = 32;
constexpr std::size_t kEmbeddedHeader = 24;
constexpr std::size_t kChildHeader = 8;
// Fixed properties, recipient and attachment lists are small; a bigger stream is damage.
constexpr std::uint64_t kMaxPropertiesStream = 1 << 20;

std::string Join(std::string_view storage, std::string_view name) {
  return storage.empty() ? std::string(name) : std::string(storage) + "/" + std::string(name);
}

std::string SubstgName(std::uint16_t id, std::uint16_t type) {
  char name[32];
  std::snprintf(name, sizeof name, "__substg1.0_%04X%04X", id, type);
  return name;
}

std::uint32_t U32(std::string_view bytes, std::size_t at) {
  std::uint32_t value = 0;
  for (int i = 3; i >= 0; --i) {
    value = (value << 8) | static_cast<unsigned char>(bytes[at + static_cast<std::size_t>(i)]);
  }
  return value;
}

// One message storage (the file's root, or an embedded message) as the reader sees it.
class MsgReader {
 public:
  MsgReader(OleFile& ole, const ExtractOptions& options, ArchiveBudget& budget)
      : ole_(ole), options_(options), budget_(budget) {}

  // Reads the message in `storage` ("" for the root) into `doc`.
  void ReadMessage(const std::string& storage, std::size_t header, Document& doc);

 private:
  struct Fixed {
    std::uint16_t type;
    std::uint16_t id;
    std::uint64_t value;
  };

  std::vector<Fixed> ReadFixed(const std::string& storage, std::size_t header);
  std::optional<std::uint64_t> FixedValue(const std::vector<Fixed>& fixed, std::uint16_t id) const;
  // A stream's bytes, or nullopt (missing, over the limit, damaged: `problem` says which).
  std::optional<std::string> Stream(const std::string& path, std::uint64_t limit);
  // A string property: PT_UNICODE if present, else PT_STRING8 in the message's code page.
  std::string String(const std::string& storage, std::uint16_t id);
  void WriteHeaders(const std::string& storage, const std::vector<Fixed>& fixed,
                    MessageWriter& writer);
  void WriteBody(const std::string& storage, MessageWriter& writer);
  void WriteAttachment(const std::string& storage, MessageWriter& writer);
  void Note(std::string problem) {
    if (!problem.empty()) problems_.push_back(std::move(problem));
  }

  OleFile& ole_;
  const ExtractOptions& options_;
  ArchiveBudget& budget_;
  std::string charset_;  // the current message's code page as an iconv name
  std::vector<std::string> problems_;
  digest::Sha256Hasher* hasher_ = nullptr;  // the bytes read for the current message
};

std::vector<MsgReader::Fixed> MsgReader::ReadFixed(const std::string& storage, std::size_t header) {
  std::vector<Fixed> fixed;
  const std::optional<std::string> bytes = Stream(Join(storage, kProperties), kMaxPropertiesStream);
  if (!bytes || bytes->size() < header) return fixed;
  for (std::size_t at = header; at + 16 <= bytes->size(); at += 16) {
    const std::uint32_t tag = U32(*bytes, at);
    const std::uint64_t value =
        U32(*bytes, at + 8) | static_cast<std::uint64_t>(U32(*bytes, at + 12)) << 32;
    fixed.push_back(Fixed{static_cast<std::uint16_t>(tag & 0xFFFF),
                          static_cast<std::uint16_t>(tag >> 16), value});
  }
  return fixed;
}

std::optional<std::uint64_t> MsgReader::FixedValue(const std::vector<Fixed>& fixed,
                                                   std::uint16_t id) const {
  for (const Fixed& property : fixed) {
    if (property.id == id) return property.value;
  }
  return std::nullopt;
}

std::optional<std::string> MsgReader::Stream(const std::string& path, std::uint64_t limit) {
  std::string out;
  switch (ole_.ReadStream(path, limit, out)) {
    case OleFile::Read::kOk:
      if (hasher_ != nullptr) {
        hasher_->Update(path);
        hasher_->Update(out);
      }
      return out;
    case OleFile::Read::kMissing:
      return std::nullopt;
    case OleFile::Read::kTooLarge:
    case OleFile::Read::kFailed:
      Note(ole_.failure());
      return std::nullopt;
  }
  return std::nullopt;
}

std::string MsgReader::String(const std::string& storage, std::uint16_t id) {
  if (std::optional<std::string> unicode =
          Stream(Join(storage, SubstgName(id, mapi::kPtUnicode)), options_.max_member_bytes)) {
    return mapi::Utf16ToUtf8(*unicode);
  }
  if (std::optional<std::string> string8 =
          Stream(Join(storage, SubstgName(id, mapi::kPtString8)), options_.max_member_bytes)) {
    return mapi::String8ToUtf8(*string8, charset_);
  }
  return "";
}

// A FILETIME (100 ns since 1601) as "2026-11-03 10:00:00 UTC"; "" when out of range.
std::string FileTime(std::uint64_t ticks) {
  constexpr std::uint64_t kUnixEpoch = 116444736000000000ull;
  if (ticks <= kUnixEpoch) return "";
  const auto seconds = static_cast<std::time_t>((ticks - kUnixEpoch) / 10000000ull);
  std::tm utc{};
  if (gmtime_r(&seconds, &utc) == nullptr) return "";
  char text[64];
  std::strftime(text, sizeof text, "%Y-%m-%d %H:%M:%S UTC", &utc);
  return text;
}

void MsgReader::WriteHeaders(const std::string& storage, const std::vector<Fixed>& fixed,
                             MessageWriter& writer) {
  std::string from = String(storage, mapi::kSentRepresentingName);
  if (from.empty()) from = String(storage, mapi::kSenderName);
  std::string address = String(storage, mapi::kSenderSmtpAddress);
  if (address.empty()) address = String(storage, mapi::kSenderEmail);
  // An Exchange address ("/O=ORG/OU=…/CN=…") says less than the name: shown only when SMTP.
  if (!address.empty() && address.find('@') != std::string::npos && !address.starts_with("/") &&
      address != from) {
    from = from.empty() ? address : from + " <" + address + ">";
  }
  writer.AddHeader("From", from);
  // The recipient table names each recipient with an address; the display lists (PR_DISPLAY_TO,
  // …) only where the table is missing.
  std::string lists[3];
  for (const std::string& entry : ole_.List(storage)) {
    if (!entry.starts_with(kRecipientPrefix)) continue;
    const std::string recipient = Join(storage, entry);
    const std::vector<Fixed> properties = ReadFixed(recipient, kChildHeader);
    const std::string name = String(recipient, mapi::kDisplayName);
    std::string smtp = String(recipient, mapi::kSmtpAddress);
    if (smtp.empty()) smtp = String(recipient, mapi::kEmailAddress);
    if (smtp.find('@') == std::string::npos || smtp.starts_with("/")) smtp.clear();
    const std::uint64_t kind = FixedValue(properties, mapi::kRecipientType).value_or(1);
    std::string& list = lists[kind == 2 ? 1 : kind == 3 ? 2 : 0];
    const std::string shown = smtp.empty()                   ? name
                              : name.empty() || name == smtp ? smtp
                                                             : name + " <" + smtp + ">";
    if (!shown.empty()) list += list.empty() ? shown : ", " + shown;
  }
  constexpr std::uint16_t kDisplayLists[3] = {mapi::kDisplayTo, mapi::kDisplayCc,
                                              mapi::kDisplayBcc};
  for (int i = 0; i < 3; ++i) {
    if (lists[i].empty()) lists[i] = String(storage, kDisplayLists[i]);
  }
  writer.AddHeader("To", lists[0]);
  writer.AddHeader("Cc", lists[1]);
  writer.AddHeader("Bcc", lists[2]);
  std::string subject = String(storage, mapi::kSubject);
  if (subject.empty()) subject = String(storage, mapi::kConversationTopic);
  writer.AddSubject(subject);
  if (const std::optional<std::uint64_t> sent = FixedValue(fixed, mapi::kClientSubmitTime)) {
    writer.AddHeader("Date", FileTime(*sent));
  } else if (const std::optional<std::uint64_t> received =
                 FixedValue(fixed, mapi::kMessageDeliveryTime)) {
    writer.AddHeader("Date", FileTime(*received));
  }
}

// The body: PR_BODY if it has text, else PR_HTML, else the compressed RTF.
void MsgReader::WriteBody(const std::string& storage, MessageWriter& writer) {
  const std::string plain = String(storage, mapi::kBody);
  if (HasVisibleText(plain)) {
    writer.AddPlainBody(plain);
    return;
  }
  std::optional<std::string> html =
      Stream(Join(storage, SubstgName(mapi::kHtml, mapi::kPtBinary)), writer.DecodeLimit());
  if (!html) {
    const std::string unicode_html = String(storage, mapi::kHtml);
    if (!unicode_html.empty()) html = unicode_html;
  }
  if (html && !html->empty()) {
    std::string utf8;
    AppendCharsetAsUtf8(*html, charset_, utf8);
    writer.AddHtmlBody(utf8);
    return;
  }
  const std::optional<std::string> rtf = Stream(
      Join(storage, SubstgName(mapi::kRtfCompressed, mapi::kPtBinary)), options_.max_member_bytes);
  if (!rtf) return;
  writer.AddCompressedRtfBody(*rtf);
}

void MsgReader::WriteAttachment(const std::string& storage, MessageWriter& writer) {
  const std::vector<Fixed> fixed = ReadFixed(storage, kChildHeader);
  std::string name = String(storage, mapi::kAttachLongFilename);
  if (name.empty()) name = String(storage, mapi::kAttachFilename);
  if (name.empty()) name = String(storage, mapi::kDisplayNameAttach);
  const std::uint64_t method = FixedValue(fixed, mapi::kAttachMethod).value_or(1);
  const std::string embedded = Join(storage, SubstgName(mapi::kAttachDataBinary, mapi::kPtObject));
  if (method == mapi::kAttachEmbeddedMessage && ole_.HasStorage(embedded)) {
    if (name.empty()) name = writer.UnnamedAttachment(".msg");
    if (!name.ends_with(".msg")) name += ".msg";
    if (!writer.MayReadAttachment(name)) return;
    // An attached message is a member read in place: its bytes are storages of this file.
    Document member;
    member.path = writer.MemberPath(name);
    member.format = DocumentFormat::kMsg;
    digest::Sha256Hasher hasher;
    digest::Sha256Hasher* outer_hasher = hasher_;
    const std::string outer_charset = charset_;
    std::vector<std::string> outer_problems = std::move(problems_);
    problems_.clear();
    hasher_ = &hasher;
    ++budget_.depth;
    ReadMessage(embedded, kEmbeddedHeader, member);
    --budget_.depth;
    hasher_ = outer_hasher;
    charset_ = outer_charset;
    problems_ = std::move(outer_problems);
    member.sha256 = hasher.FinishHex();
    writer.AddMemberDocument(std::move(member));
    return;
  }
  if (method == mapi::kAttachOle || method == mapi::kAttachEmbeddedMessage) {
    writer.AddUnreadAttachment(name.empty() ? writer.UnnamedAttachment(".ole") : name, 0,
                               DocumentStatus::kUnsupported,
                               "embedded OLE object in an Outlook message is not read; save it "
                               "from Outlook as a file");
    return;
  }
  const std::string data = Join(storage, SubstgName(mapi::kAttachDataBinary, mapi::kPtBinary));
  if (!ole_.HasStream(data)) return;  // a link or a reference: no content here
  if (name.empty()) name = writer.UnnamedAttachment(".bin");
  if (!writer.MayReadAttachment(name)) return;
  std::string bytes;
  switch (ole_.ReadStream(data, options_.max_member_bytes, bytes)) {
    case OleFile::Read::kOk:
      if (hasher_ != nullptr) hasher_->Update(bytes);
      // Already charged to the input's budget by OleFile.
      writer.AddAttachment(name, bytes, DocumentFormat::kUnknown, /*charge=*/false);
      return;
    case OleFile::Read::kMissing:
      return;
    case OleFile::Read::kTooLarge:
      writer.AttachmentOverLimit(name);
      return;
    case OleFile::Read::kFailed:
      writer.AddUnreadAttachment(name, 0, DocumentStatus::kCorrupt, ole_.failure());
      return;
  }
}

void MsgReader::ReadMessage(const std::string& storage, std::size_t header, Document& doc) {
  doc.format = DocumentFormat::kMsg;
  const std::vector<Fixed> fixed = ReadFixed(storage, header);
  charset_.clear();
  for (const std::uint16_t id : {mapi::kInternetCodepage, mapi::kMessageCodepage}) {
    if (const std::optional<std::uint64_t> page = FixedValue(fixed, id)) {
      charset_ = CodePageCharset(static_cast<std::uint32_t>(*page));
      break;
    }
  }
  MessageWriter writer(doc, options_, budget_);
  WriteHeaders(storage, fixed, writer);
  WriteBody(storage, writer);
  for (const std::string& entry : ole_.List(storage)) {
    if (entry.starts_with(kAttachmentPrefix)) WriteAttachment(Join(storage, entry), writer);
  }
  for (std::string& problem : problems_) writer.NotRead(std::move(problem));
  problems_.clear();
  writer.Finish();
}

}  // namespace

void ReadOutlookMessage(OleFile& ole, const ExtractOptions& options, ArchiveBudget& budget,
                        Document& doc) {
  MsgReader reader(ole, options, budget);
  reader.ReadMessage("", kTopHeader, doc);
}

}  // namespace trustscreen::extract::internal
