// One e-mail message -> one Document, whatever container it came in (MIME .eml, Outlook .msg,
// TNEF winmail.dat): the readers hand over headers, bodies and attachments; MessageWriter lays out
// the text, screens each attachment as a member and decides the message's status.
//
// Layout of Document::text, one Page labelled "Subject: …":
//   one kHeader block per header worth screening ("From: Jane Doe <jane@example.org>"),
//   then the bodies, one kBody block per paragraph (plain text split at blank lines; HTML through
//   the HTML extractor's blocks, table cells kTable; RTF through the RTF extractor).
// Attachments are members "<message path>!/<name>" (names sanitised for display, made unique),
// each extracted by ExtractMember under the input's ArchiveBudget: a member counts against
// max_archive_members, its bytes against max_member_bytes and max_decompressed_bytes, and a
// message nested max_archive_depth containers deep lists its attachments as too_large without
// reading them. Anything not read (an attachment not fully screened, a body over a limit, MIME
// parts too deep) makes the message partial with a reason; its own text is kept and screened.
#ifndef TRUSTSCREEN_SRC_EXTRACT_MAIL_MESSAGE_H_
#define TRUSTSCREEN_SRC_EXTRACT_MAIL_MESSAGE_H_

#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "extractors.h"
#include "trustscreen/core/document.h"
#include "trustscreen/extract/extract.h"

namespace trustscreen::extract::internal {

class MessageWriter {
 public:
  // Writes into `doc` (format already set by the caller); `budget` is the input's.
  MessageWriter(Document& doc, const ExtractOptions& options, ArchiveBudget& budget);
  MessageWriter(const MessageWriter&) = delete;
  MessageWriter& operator=(const MessageWriter&) = delete;

  // "Name: value" as a kHeader block; skipped when `value` has no visible text. `value` is
  // UTF-8 (invalid bytes are replaced); line breaks and tabs become spaces.
  void AddHeader(std::string_view name, std::string_view value);
  // Remembered for the page label ("Subject: …") and written as a header.
  void AddSubject(std::string_view subject);

  // A plain-text body (UTF-8): paragraphs at blank lines, CRLF read as LF.
  void AddPlainBody(std::string_view text);
  // An HTML body already converted to UTF-8: read by ExtractHtml (limits: max_xml_depth).
  void AddHtmlBody(std::string_view html);
  // An RTF body (bytes as stored): read by ExtractRtf.
  void AddRtfBody(std::string_view rtf);
  // A compressed RTF body (PR_RTF_COMPRESSED, in .msg and TNEF): decompressed within
  // DecodeLimit() and read as AddRtfBody; over the limit or damaged, the message says so.
  void AddCompressedRtfBody(std::string_view compressed);

  // Whether one more attachment may be read: false, and the attachment listed as too_large, when
  // the message is nested max_archive_depth containers deep or the input already has
  // max_archive_members members. Counts the member either way.
  bool MayReadAttachment(std::string_view name);
  // How many bytes the next attachment or body may decode to: the smaller of max_member_bytes and
  // what is left of the input's max_decompressed_bytes. Decoders stop reading past it.
  std::uint64_t DecodeLimit() const;
  // An attachment that decodes to more than DecodeLimit(): listed as too_large.
  void AttachmentOverLimit(std::string_view name);
  // A body that decodes to more than DecodeLimit(): not read, the message partial.
  void BodyOverLimit(std::string_view what);
  // Charges a decoded body's bytes to the input's budget.
  void ChargeBody(std::uint64_t size);
  // Extracts `bytes` as the member "<path>!/<name>" (after MayReadAttachment) and charges them to
  // the budget. `known` skips sniffing (kEml for an attached message); kUnknown sniffs the content
  // as for any file.
  // `charge` false: the bytes were already charged by their reader (OleFile does).
  void AddAttachment(std::string_view name, std::string_view bytes,
                     DocumentFormat known = DocumentFormat::kUnknown, bool charge = true);
  // A member its reader extracted itself (an Outlook message attached to one, read in place),
  // after MayReadAttachment; its path from MemberPath().
  void AddMemberDocument(Document member) { AddMember(std::move(member)); }
  // "<path>!/<name>", the name sanitised and made unique within this message.
  std::string MemberPath(std::string_view name);
  // An attachment that is listed but cannot be read (encrypted, unsupported, damaged).
  void AddUnreadAttachment(std::string_view name, std::uint64_t size, DocumentStatus status,
                           std::string reason);

  // Something of the message itself that was not read (over a limit, damaged): the message is
  // partial and `reason` is part of its reason.
  void NotRead(std::string reason);
  // A remark that leaves the message ok ("decoded as Windows-1252").
  void Note(std::string remark);

  // Sets the page, status and reason. Call once, last.
  void Finish();

  // A name for an attachment without one: "attachment-3" + `extension` (".pdf").
  std::string UnnamedAttachment(std::string_view extension) const;

 private:
  void AddMember(Document member);
  std::string OverLimitReason() const;

  Document& doc_;
  const ExtractOptions& options_;
  ArchiveBudget& budget_;
  std::string subject_;
  bool has_subject_ = false;
  int attachments_ = 0;
  int not_screened_ = 0;
  std::vector<std::string> not_read_;
  std::vector<std::string> notes_;
  std::set<std::string> names_;
  std::uint64_t refused_before_ = 0;  // budget.refused_for_budget when the message began
};

// The headers worth screening, in the order the readers write them.
inline constexpr std::string_view kScreenedHeaders[] = {"From", "Sender",  "To",  "Cc",
                                                        "Bcc",  "Subject", "Date"};

}  // namespace trustscreen::extract::internal

#endif  // TRUSTSCREEN_SRC_EXTRACT_MAIL_MESSAGE_H_
