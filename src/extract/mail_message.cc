#include "mail_message.h"

#include <algorithm>
#include <string>
#include <utility>

#include "mapi.h"
#include "utf8.h"
#include "xml_text.h"
#include "zip_reader.h"

namespace trustscreen::extract::internal {
namespace {

// Header values on one line: controls (folding, tabs) become spaces, runs of spaces one space.
std::string OneLine(std::string_view value) {
  std::string valid;
  AppendValidUtf8(value, valid);
  std::string out;
  out.reserve(valid.size());
  for (const char c : valid) {
    const bool space = static_cast<unsigned char>(c) < 0x20 || c == ' ' || c == '\x7F';
    if (space) {
      if (!out.empty() && out.back() != ' ') out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

bool IsBlankLine(std::string_view line) {
  return line.find_first_not_of(" \t\f\v") == std::string_view::npos;
}

std::string Join(const std::vector<std::string>& parts) {
  std::string out;
  for (const std::string& part : parts) {
    if (!out.empty()) out += "; ";
    out += part;
  }
  return out;
}

}  // namespace

MessageWriter::MessageWriter(Document& doc, const ExtractOptions& options, ArchiveBudget& budget)
    : doc_(doc), options_(options), budget_(budget), refused_before_(budget.refused_for_budget) {}

void MessageWriter::AddHeader(std::string_view name, std::string_view value) {
  const std::string line = OneLine(value);
  if (!HasVisibleText(line)) return;
  Paragraph paragraph;
  paragraph.Append(TextPart::kHeader, std::string(name) + ": " + line);
  AppendParagraph(paragraph, doc_);
}

void MessageWriter::AddSubject(std::string_view subject) {
  subject_ = OneLine(subject);
  AddHeader("Subject", subject_);
}

void MessageWriter::AddPlainBody(std::string_view text) {
  // A blank line (outside every block) between the headers and each body.
  if (!doc_.text.empty()) doc_.text.push_back('\n');
  Paragraph paragraph;
  std::string lines;
  const auto flush = [&] {
    while (!lines.empty() && lines.back() == '\n') lines.pop_back();
    if (HasVisibleText(lines)) {
      paragraph.Append(TextPart::kBody, lines);
      AppendParagraph(paragraph, doc_);
    }
    paragraph = Paragraph{};
    lines.clear();
  };
  std::size_t at = 0;
  while (at < text.size()) {
    std::size_t end = text.find_first_of("\r\n", at);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = text.substr(at, end - at);
    at = end;
    if (at < text.size() && text[at] == '\r') ++at;
    if (at < text.size() && text[at] == '\n') ++at;
    if (IsBlankLine(line)) {
      flush();
      continue;
    }
    lines.append(line);
    lines.push_back('\n');
  }
  flush();
}

void MessageWriter::AddHtmlBody(std::string_view html) {
  Document body;
  body.path = doc_.path;
  // The BOM tells the HTML extractor that the bytes are UTF-8 whatever <meta charset> says: the
  // MIME charset has already been applied.
  std::string bytes = "\xEF\xBB\xBF";
  bytes.append(html);
  ExtractHtml(bytes, options_, body);
  if (body.status == DocumentStatus::kPartial || body.status == DocumentStatus::kTooLarge) {
    NotRead("HTML body: " + body.reason);
  }
  if (body.text.empty()) return;
  if (!doc_.text.empty()) doc_.text.push_back('\n');
  const std::size_t offset = doc_.text.size();
  doc_.text += body.text;
  for (TextBlock& block : body.blocks) {
    block.begin += offset;
    block.end += offset;
    doc_.blocks.push_back(std::move(block));
  }
  doc_.replaced_invalid_bytes += body.replaced_invalid_bytes;
}

void MessageWriter::AddRtfBody(std::string_view rtf) {
  Document body;
  body.path = doc_.path;
  ExtractRtf(rtf, body);
  if (body.status != DocumentStatus::kOk && body.status != DocumentStatus::kEmpty) {
    NotRead("RTF body: " + body.reason);
  }
  if (!HasVisibleText(body.text)) return;
  AddPlainBody(body.text);
}

void MessageWriter::AddCompressedRtfBody(std::string_view compressed) {
  std::string decompressed;
  switch (mapi::DecompressRtf(compressed, DecodeLimit(), decompressed)) {
    case mapi::RtfResult::kOk:
      ChargeBody(decompressed.size());
      AddRtfBody(decompressed);
      return;
    case mapi::RtfResult::kOverLimit:
      BodyOverLimit("compressed RTF body");
      return;
    case mapi::RtfResult::kDamaged:
      NotRead("the compressed RTF body is damaged");
      return;
  }
}

bool MessageWriter::MayReadAttachment(std::string_view name) {
  ++attachments_;
  std::string reason;
  if (budget_.depth >= options_.max_archive_depth) {
    reason = "attachment nested more than " + std::to_string(options_.max_archive_depth) +
             " containers deep, not read (max_archive_depth)";
  } else if (budget_.members >= options_.max_archive_members) {
    reason = "the input has more than " + std::to_string(options_.max_archive_members) +
             " members in all (max_archive_members); not read";
  } else {
    ++budget_.members;
    return true;
  }
  Document member;
  member.path = MemberPath(name);
  member.status = DocumentStatus::kTooLarge;
  member.reason = std::move(reason);
  AddMember(std::move(member));
  return false;
}

std::uint64_t MessageWriter::DecodeLimit() const {
  return std::min(options_.max_member_bytes, budget_.decompressed_bytes_left);
}

std::string MessageWriter::OverLimitReason() const {
  if (budget_.decompressed_bytes_left < options_.max_member_bytes) {
    return "decodes beyond the " + FormatByteSize(options_.max_decompressed_bytes) +
           " limit for one input (max_decompressed_bytes)";
  }
  return "decodes to more than " + FormatByteSize(options_.max_member_bytes) +
         " (max_member_bytes)";
}

void MessageWriter::AttachmentOverLimit(std::string_view name) {
  Document member;
  member.path = MemberPath(name);
  member.status = DocumentStatus::kTooLarge;
  member.reason = "attachment " + OverLimitReason() + "; not read";
  if (budget_.decompressed_bytes_left < options_.max_member_bytes) ++budget_.refused_for_budget;
  AddMember(std::move(member));
}

void MessageWriter::BodyOverLimit(std::string_view what) {
  NotRead(std::string(what) + " " + OverLimitReason() + "; not read");
  if (budget_.decompressed_bytes_left < options_.max_member_bytes) ++budget_.refused_for_budget;
}

void MessageWriter::ChargeBody(std::uint64_t size) {
  budget_.decompressed_bytes_left -= std::min(size, budget_.decompressed_bytes_left);
}

void MessageWriter::AddAttachment(std::string_view name, std::string_view bytes,
                                  DocumentFormat known, bool charge) {
  if (charge) ChargeBody(bytes.size());
  std::string path = MemberPath(name);
  ++budget_.depth;
  Document member = ExtractMember(bytes, std::move(path), options_, budget_, known);
  --budget_.depth;
  AddMember(std::move(member));
}

void MessageWriter::AddUnreadAttachment(std::string_view name, std::uint64_t size,
                                        DocumentStatus status, std::string reason) {
  ++attachments_;
  ++budget_.members;
  Document member;
  member.path = MemberPath(name);
  member.size_bytes = size;
  member.status = status;
  member.reason = std::move(reason);
  AddMember(std::move(member));
}

void MessageWriter::AddMember(Document member) {
  if (!IsFullyScreened(member.status)) ++not_screened_;
  doc_.members.push_back(std::move(member));
}

void MessageWriter::NotRead(std::string reason) { not_read_.push_back(std::move(reason)); }

void MessageWriter::Note(std::string remark) {
  if (std::find(notes_.begin(), notes_.end(), remark) == notes_.end()) {
    notes_.push_back(std::move(remark));
  }
}

std::string MessageWriter::UnnamedAttachment(std::string_view extension) const {
  return "attachment-" + std::to_string(attachments_ + 1) + std::string(extension);
}

std::string MessageWriter::MemberPath(std::string_view name) {
  std::string display = SanitizeMemberName(name);
  // An attachment name is one name, not a folder path.
  std::replace(display.begin(), display.end(), '/', '_');
  if (names_.contains(display)) {
    const std::size_t dot = display.rfind('.');
    const std::size_t split = dot == std::string::npos || dot == 0 ? display.size() : dot;
    for (int copy = 2;; ++copy) {
      std::string candidate =
          display.substr(0, split) + " (" + std::to_string(copy) + ")" + display.substr(split);
      if (!names_.contains(candidate)) {
        display = std::move(candidate);
        break;
      }
    }
  }
  names_.insert(display);
  return doc_.path + "!/" + display;
}

void MessageWriter::Finish() {
  Page page{.number = 1, .begin = 0, .end = doc_.text.size()};
  if (!subject_.empty()) page.label = "Subject: " + subject_;
  doc_.pages.clear();
  doc_.pages.push_back(std::move(page));

  std::vector<std::string> reasons;
  if (not_screened_ > 0) {
    reasons.push_back(std::to_string(not_screened_) + " of " + std::to_string(attachments_) +
                      (attachments_ == 1 ? " attachment" : " attachments") + " not fully screened");
  }
  reasons.insert(reasons.end(), not_read_.begin(), not_read_.end());
  const bool has_text = HasVisibleText(doc_.text);
  if (!has_text && doc_.members.empty()) {
    doc_.status = not_read_.empty() ? DocumentStatus::kEmpty : DocumentStatus::kTooLarge;
    doc_.reason = not_read_.empty() ? "message holds no text and no attachment" : Join(not_read_);
    return;
  }
  if (!reasons.empty()) {
    doc_.status = DocumentStatus::kPartial;
    doc_.reason = Join(reasons);
    if (budget_.refused_for_budget > refused_before_ && not_read_.empty() && not_screened_ > 0) {
      doc_.reason += " (the input's max_decompressed_bytes budget ran out)";
    }
    return;
  }
  doc_.status = DocumentStatus::kOk;
  doc_.reason = Join(notes_);
}

}  // namespace trustscreen::extract::internal
