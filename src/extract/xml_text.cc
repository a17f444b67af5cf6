#include "xml_text.h"

#include "utf8.h"

namespace trustscreen::extract::internal {

void Paragraph::Append(TextPart part, std::string_view text) {
  if (text.empty()) return;
  if (segments.empty() || segments.back().part != part) segments.push_back({part, ""});
  segments.back().text.append(text);
}

bool Paragraph::empty() const {
  for (const TextSegment& segment : segments) {
    if (!segment.text.empty()) return false;
  }
  return label.empty();
}

namespace {

bool IsTrackedChange(TextPart part) {
  return part == TextPart::kDeleted || part == TextPart::kInserted;
}

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

}  // namespace

void AppendParagraph(const Paragraph& paragraph, Document& doc) {
  const std::size_t start = doc.text.size();
  bool first = true;
  if (!paragraph.label.empty()) {
    doc.replaced_invalid_bytes += AppendValidUtf8(paragraph.label, doc.text);
    doc.text += paragraph.label_suffix;
  }
  TextPart previous = TextPart::kBody;
  for (const TextSegment& segment : paragraph.segments) {
    if (segment.text.empty()) continue;
    // Where a tracked deletion or insertion meets other text mid-word ("Harbin Institute of
    // Technology" deleted, "the Partner" inserted), a space outside both blocks keeps their words
    // apart, so neither is read as part of the other.
    if (!first && (IsTrackedChange(previous) || IsTrackedChange(segment.part)) &&
        !doc.text.empty() && !IsSpace(doc.text.back()) && !IsSpace(segment.text.front())) {
      doc.text.push_back(' ');
    }
    previous = segment.part;
    const std::size_t begin = first ? start : doc.text.size();
    doc.replaced_invalid_bytes += AppendValidUtf8(segment.text, doc.text);
    doc.blocks.push_back(TextBlock{.begin = begin,
                                   .end = doc.text.size(),
                                   .part = segment.part,
                                   .label = first ? paragraph.label : std::string(),
                                   .heading_level = paragraph.heading_level});
    first = false;
  }
  if (first && !paragraph.label.empty()) {  // a numbered paragraph without text
    doc.blocks.push_back(TextBlock{.begin = start,
                                   .end = doc.text.size(),
                                   .part = TextPart::kBody,
                                   .label = paragraph.label,
                                   .heading_level = paragraph.heading_level});
  }
  doc.text.push_back('\n');
}

}  // namespace trustscreen::extract::internal
