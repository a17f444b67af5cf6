// Paragraphs of structured documents (DOCX, ODT, HTML) -> Document::text and Document::blocks.
//
// A paragraph is a list of segments, each with the part it came from (a tracked deletion inside a
// body paragraph is its own kDeleted segment), an optional list label and a heading level. It is
// written as "<label><suffix><text>\n"; every non-empty segment becomes one TextBlock, the label
// belonging to the first. A tracked deletion or insertion that meets its neighbour mid-word is
// set apart by a space that belongs to neither block.
#ifndef TRUSTSCREEN_SRC_EXTRACT_XML_TEXT_H_
#define TRUSTSCREEN_SRC_EXTRACT_XML_TEXT_H_

#include <string>
#include <string_view>
#include <vector>

#include "trustscreen/core/document.h"

namespace trustscreen::extract::internal {

struct TextSegment {
  TextPart part = TextPart::kBody;
  std::string text;
};

struct Paragraph {
  std::string label;         // "12.3", "(b)"; empty if none
  std::string label_suffix;  // between label and text: "\t", " " or ""
  int heading_level = 0;
  std::vector<TextSegment> segments;

  // Appends `text` to the last segment if it has the same part, else starts a new segment.
  void Append(TextPart part, std::string_view text);
  bool empty() const;
};

// Appends `paragraph` and a '\n' to doc.text, with its blocks; invalid UTF-8 is replaced and
// counted in doc.replaced_invalid_bytes.
void AppendParagraph(const Paragraph& paragraph, Document& doc);

}  // namespace trustscreen::extract::internal

#endif  // TRUSTSCREEN_SRC_EXTRACT_XML_TEXT_H_
