// PPTX (PresentationML, Transitional and Strict): the slides in the order of presentation.xml's
// slide list, found through the package relationships. Each slide is one Page ("slide 3"): its
// shapes' paragraphs (grouped shapes, tables, SmartArt data), then its speaker notes, then its
// comments (legacy and modern threads). Slide layouts and masters (placeholder prompts) are not
// read.
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "extractors.h"
#include "opc_relationships.h"
#include "sheet_text.h"
#include "xml_package.h"
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

std::string RelationshipId(const XmlReader& reader) {
  return reader.Attribute(kOfficeRelationshipsNs, "id")
      .value_or(reader.Attribute(kOfficeRelationshipsStrictNs, "id").value_or(""));
}

// presentation.xml: the relationship ids of the slides, in show order.
bool ReadSlideList(std::string_view xml, const std::string& name, int max_depth,
                   std::vector<std::string>& out, DocumentStatus& status, std::string& failure) {
  XmlReader reader(xml, name, max_depth);
  while (reader.Next()) {
    if (reader.node() != XmlNode::kElementStart) continue;
    if (IsPresentation(reader, "sldId")) {
      out.push_back(RelationshipId(reader));
    } else if (IsPresentation(reader, "notesMasterIdLst") ||
               IsPresentation(reader, "handoutMasterIdLst") ||
               IsPresentation(reader, "defaultTextStyle") || IsPresentation(reader, "extLst")) {
      reader.SkipElement();
    }
  }
  if (!reader.failed()) return true;
  status = reader.failure_status();
  failure = reader.failure();
  return false;
}

// Every DrawingML paragraph (<a:p>) of a slide, notes, diagram or comments part as one paragraph
// of `part` (kTable inside a table), and the plain text of legacy comments (<p:text>). In notes,
// the slide-number placeholder is left out. mc:Fallback repeats its mc:Choice and is skipped.
bool ReadParagraphs(std::string_view xml, const std::string& name, int max_depth, TextPart part,
                    PageTextWriter& writer, DocumentStatus& status, std::string& failure) {
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

}  // namespace

void ExtractPptx(std::string_view bytes, const ExtractOptions& options, Document& doc) {
  InitLibxml2Once();
  doc.format = DocumentFormat::kPptx;
  const std::unique_ptr<XmlPackage> package = XmlPackage::Open(bytes, "PPTX", options, doc);
  if (!package) return;
  const int max_depth = options.max_xml_depth;
  const std::string main_part = MainPart(*package, "ppt/presentation.xml", max_depth);

  PartProblems problems;
  std::vector<std::string> slide_ids;
  ReadPartWith(*package, main_part, problems,
               [&](std::string_view xml, DocumentStatus& status, std::string& problem) {
                 return ReadSlideList(xml, main_part, max_depth, slide_ids, status, problem);
               });
  const std::vector<Relationship> rels = ReadRelationships(*package, main_part, max_depth);

  PageTextWriter writer(doc, options);
  std::vector<std::string> truncated;
  int number = 0;
  for (const std::string& id : slide_ids) {
    ++number;
    if (number > options.max_pages) {
      truncated.push_back("more than " + std::to_string(options.max_pages) +
                          " slides (max_pages); the rest not read");
      break;
    }
    writer.BeginPage(number, "slide " + std::to_string(number));
    const std::string slide = TargetOfId(rels, id);
    if (slide.empty()) {
      problems.Add(DocumentStatus::kCorrupt, "slide " + std::to_string(number) + " has no part");
      continue;
    }
    const auto read_text = [&](const std::string& part, TextPart text_part) {
      ReadPartWith(*package, part, problems,
                   [&](std::string_view xml, DocumentStatus& status, std::string& problem) {
                     return ReadParagraphs(xml, part, max_depth, text_part, writer, status,
                                           problem);
                   });
    };
    read_text(slide, TextPart::kBody);
    const std::vector<Relationship> slide_rels = ReadRelationships(*package, slide, max_depth);
    for (const std::string& part : TargetsOfType(slide_rels, "diagramData")) {
      read_text(part, TextPart::kBody);
    }
    for (const std::string& part : TargetsOfType(slide_rels, "notesSlide")) {
      read_text(part, TextPart::kNotes);
    }
    for (const std::string& part : TargetsOfType(slide_rels, "comments")) {
      read_text(part, TextPart::kComment);
    }
  }
  writer.EndPage();
  FinishPagedDocument(problems, truncated, "PPTX", "slides", "", writer.has_text(), doc);
}

}  // namespace trustscreen::extract::internal
