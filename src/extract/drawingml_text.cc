#include "drawingml_text.h"

#include <vector>

#include "xml_reader.h"

namespace trustscreen::extract::internal {
namespace {

constexpr std::string_view kDrawingNs = "http://schemas.openxmlformats.org/drawingml/2006/main";
constexpr std::string_view kDrawingStrictNs = "http://purl.oclc.org/ooxml/drawingml/main";
constexpr std::string_view kPresentationNs =
    "http://schemas.openxmlformats.org/presentationml/2006/main";
constexpr std::string_view kPresentationStrictNs = "http://purl.oclc.org/ooxml/presentationml/main";
constexpr std::string_view kMarkupCompatibilityNs =
    "http://schemas.openxmlformats.org/markup-compatibility/2006";

bool IsDrawing(const XmlReader& reader, std::string_view local) {
  return reader.local_name() == local &&
         (reader.ns() == kDrawingNs || reader.ns() == kDrawingStrictNs);
}

bool IsPresentation(const XmlReader& reader, std::string_view local) {
  return reader.local_name() == local &&
         (reader.ns() == kPresentationNs || reader.ns() == kPresentationStrictNs);
}

}  // namespace

bool ReadDrawingParagraphs(std::string_view xml, const std::string& name, int max_depth,
                           TextPart part, PageTextWriter& writer, DocumentStatus& status,
                           std::string& failure) {
  XmlReader reader(xml, name, max_depth);
  std::string text;
  int paragraph_depth = -1;  // inside <a:p> (or <p:text>) at this depth
  bool plain = false;        // the paragraph is a <p:text>, whose text is its own
  int text_depth = -1;       // inside <a:t>
  int table_depth = -1;      // inside <a:tbl>
  int shape_depth = -1;      // inside the <p:sp> being skipped
  std::vector<int> shapes;   // depths of open <p:sp>
  while (reader.Next()) {
    switch (reader.node()) {
      case XmlNode::kElementStart:
        if (IsDrawing(reader, "p") || IsPresentation(reader, "text")) {
          if (paragraph_depth < 0) {
            paragraph_depth = reader.depth();
            plain = IsPresentation(reader, "text");
            text.clear();
          }
        } else if (IsDrawing(reader, "t")) {
          text_depth = reader.depth();
        } else if (IsDrawing(reader, "br") || IsDrawing(reader, "tab")) {
          if (paragraph_depth >= 0) text.push_back(' ');
        } else if (IsDrawing(reader, "tbl")) {
          if (table_depth < 0) table_depth = reader.depth();
        } else if (IsPresentation(reader, "sp")) {
          shapes.push_back(reader.depth());
        } else if (IsPresentation(reader, "ph") && part == TextPart::kNotes && !shapes.empty() &&
                   reader.Attribute("", "type").value_or("") == "sldNum") {
          shape_depth = shapes.back();
        } else if (reader.local_name() == "Fallback" && reader.ns() == kMarkupCompatibilityNs) {
          reader.SkipElement();
        } else if (IsDrawing(reader, "rPr") || IsDrawing(reader, "pPr") ||
                   IsDrawing(reader, "bodyPr") || IsDrawing(reader, "lstStyle") ||
                   IsPresentation(reader, "spPr") || IsPresentation(reader, "extLst")) {
          reader.SkipElement();
        }
        break;
      case XmlNode::kElementEnd:
        if (reader.depth() == paragraph_depth) {
          paragraph_depth = -1;
          if (shape_depth < 0) {
            writer.AddParagraph(
                table_depth >= 0 && part == TextPart::kBody ? TextPart::kTable : part, text);
          }
        } else if (reader.depth() == text_depth) {
          text_depth = -1;
        } else if (reader.depth() == table_depth) {
          table_depth = -1;
        } else if (!shapes.empty() && reader.depth() == shapes.back() &&
                   IsPresentation(reader, "sp")) {
          if (shape_depth == shapes.back()) shape_depth = -1;
          shapes.pop_back();
        }
        break;
      case XmlNode::kText:
        // <p:text> of a legacy comment holds its text directly.
        if (text_depth >= 0 || (paragraph_depth >= 0 && plain)) text += reader.value();
        break;
    }
  }
  if (!reader.failed()) return true;
  status = reader.failure_status();
  failure = reader.failure();
  return false;
}

}  // namespace trustscreen::extract::internal
