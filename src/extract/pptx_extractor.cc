// PPTX (PresentationML, Transitional and Strict): the slides in the order of presentation.xml's
// slide list, found through the package relationships. Each slide is one Page ("slide 3"): its
// shapes' paragraphs (grouped shapes, tables, SmartArt data), then its speaker notes, then its
// comments (legacy and modern threads). Slide layouts and masters (placeholder prompts) are not
// read.
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "drawingml_text.h"
#include "extractors.h"
#include "opc_relationships.h"
#include "picture_ocr.h"
#include "sheet_text.h"
#include "utf8.h"
#include "xml_package.h"
#include "xml_reader.h"

namespace trustscreen::extract::internal {
namespace {

constexpr std::string_view kPresentationNs =
    "http://schemas.openxmlformats.org/presentationml/2006/main";
constexpr std::string_view kPresentationStrictNs = "http://purl.oclc.org/ooxml/presentationml/main";

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
  std::vector<std::string> pictures;  // the slides' raster pictures, for OCR
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
    const auto read_text = [&](const std::string& part, TextPart text_part, PartNeed need) {
      ReadPartWith(
          *package, part, problems,
          [&](std::string_view xml, DocumentStatus& status, std::string& problem) {
            return ReadDrawingParagraphs(xml, part, max_depth, text_part, writer, status, problem);
          },
          need);
    };
    read_text(slide, TextPart::kBody, PartNeed::kRequired);
    const std::vector<Relationship> slide_rels = ReadRelationships(*package, slide, max_depth);
    for (const std::string& part : TargetsOfType(slide_rels, "diagramData")) {
      read_text(part, TextPart::kBody, PartNeed::kOptional);
    }
    for (const std::string& part : TargetsOfType(slide_rels, "notesSlide")) {
      read_text(part, TextPart::kNotes, PartNeed::kOptional);
    }
    for (const std::string& part : TargetsOfType(slide_rels, "comments")) {
      read_text(part, TextPart::kComment, PartNeed::kOptional);
    }
    for (std::string& part : TargetsOfType(slide_rels, "image"))
      pictures.push_back(std::move(part));
  }
  writer.EndPage();
  // Pictures on the slides (a pasted scan) are read by OCR and appended as pages of their own.
  for (std::string& problem : ReadPictures(*package, pictures, options, doc)) {
    problems.Add(DocumentStatus::kNeedsOcr, std::move(problem));
  }
  FinishPagedDocument(problems, truncated, "PPTX", "slides", "",
                      writer.has_text() || HasVisibleText(doc.text), doc);
}

}  // namespace trustscreen::extract::internal
