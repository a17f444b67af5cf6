// Members of minimal but real XLSX, PPTX, ODS and ODP packages, for the spreadsheet and slide
// tests: pass them to BuildZip (test_fixtures.h), or swap one for a hostile member and use
// BuildRawZip (zip_fixtures.h).
#ifndef TRUSTSCREEN_TESTS_EXTRACT_PACKAGE_FIXTURES_H_
#define TRUSTSCREEN_TESTS_EXTRACT_PACKAGE_FIXTURES_H_

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace trustscreen::extract::fixtures {

using PackageMembers = std::vector<std::pair<std::string, std::string>>;

inline constexpr std::string_view kXmlDeclaration =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
inline constexpr std::string_view kSmlNs =
    "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
    "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"";
inline constexpr std::string_view kRelsNs =
    "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"";
inline constexpr std::string_view kRelType =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";

inline std::string Rel(std::string_view id, std::string_view type, std::string_view target) {
  return "<Relationship Id=\"" + std::string(id) + "\" Type=\"" + std::string(kRelType) +
         std::string(type) + "\" Target=\"" + std::string(target) + "\"/>";
}
inline std::string Rels(std::string_view inner) {
  return std::string(kXmlDeclaration) + "<Relationships " + std::string(kRelsNs) + ">" +
         std::string(inner) + "</Relationships>";
}

struct XlsxSheet {
  std::string name;
  std::string sheet_data;  // the inside of <sheetData>: <row><c>…</c></row>…
  std::string state;       // "" (visible), "hidden", "veryHidden"
  std::string comments;    // the inside of <commentList>; "" for no comments part
};

// An XLSX package: workbook, sheets in order, shared strings (each <si> given as its inner XML)
// and styles.xml's <numFmts>/<cellXfs> (inner XML given whole; "" for no styles part).
inline PackageMembers XlsxMembers(const std::vector<XlsxSheet>& sheets,
                                  const std::vector<std::string>& shared_strings = {},
                                  std::string_view styles_inner = "") {
  std::string workbook_sheets;
  std::string workbook_rels;
  PackageMembers members = {
      {"[Content_Types].xml",
       "<?xml version=\"1.0\"?><Types "
       "xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"},
      {"_rels/.rels", Rels(Rel("rId1", "officeDocument", "xl/workbook.xml"))}};
  for (std::size_t i = 0; i < sheets.size(); ++i) {
    const std::string n = std::to_string(i + 1);
    workbook_sheets += "<sheet name=\"" + sheets[i].name + "\" sheetId=\"" + n + "\"" +
                       (sheets[i].state.empty() ? "" : " state=\"" + sheets[i].state + "\"") +
                       " r:id=\"rIdS" + n + "\"/>";
    workbook_rels += Rel("rIdS" + n, "worksheet", "worksheets/sheet" + n + ".xml");
    members.emplace_back("xl/worksheets/sheet" + n + ".xml",
                         std::string(kXmlDeclaration) + "<worksheet " + std::string(kSmlNs) +
                             "><sheetData>" + sheets[i].sheet_data + "</sheetData></worksheet>");
    if (!sheets[i].comments.empty()) {
      members.emplace_back("xl/worksheets/_rels/sheet" + n + ".xml.rels",
                           Rels(Rel("rIdC", "comments", "../comments" + n + ".xml")));
      members.emplace_back("xl/comments" + n + ".xml",
                           std::string(kXmlDeclaration) + "<comments " + std::string(kSmlNs) +
                               "><authors><author>A. Reviewer</author></authors><commentList>" +
                               sheets[i].comments + "</commentList></comments>");
    }
  }
  if (!shared_strings.empty()) {
    workbook_rels += Rel("rIdSST", "sharedStrings", "sharedStrings.xml");
    std::string sst = std::string(kXmlDeclaration) + "<sst " + std::string(kSmlNs) + ">";
    for (const std::string& si : shared_strings) sst += "<si>" + si + "</si>";
    members.emplace_back("xl/sharedStrings.xml", sst + "</sst>");
  }
  if (!styles_inner.empty()) {
    workbook_rels += Rel("rIdStyles", "styles", "styles.xml");
    members.emplace_back("xl/styles.xml", std::string(kXmlDeclaration) + "<styleSheet " +
                                              std::string(kSmlNs) + ">" +
                                              std::string(styles_inner) + "</styleSheet>");
  }
  members.emplace_back("xl/workbook.xml", std::string(kXmlDeclaration) + "<workbook " +
                                              std::string(kSmlNs) + "><sheets>" + workbook_sheets +
                                              "</sheets></workbook>");
  members.emplace_back("xl/_rels/workbook.xml.rels", Rels(workbook_rels));
  return members;
}

inline constexpr std::string_view kPmlNs =
    "xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" "
    "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" "
    "xmlns:p=\"http://schemas.openxmlformats.org/presentationml/2006/main\"";

// A shape with one paragraph per entry of `paragraphs`.
inline std::string PptxShape(const std::vector<std::string>& paragraphs) {
  std::string out =
      "<p:sp><p:nvSpPr><p:cNvPr id=\"2\" name=\"Text\"/><p:cNvSpPr/><p:nvPr/>"
      "</p:nvSpPr><p:spPr/><p:txBody><a:bodyPr/>";
  for (const std::string& text : paragraphs) {
    out += "<a:p><a:r><a:rPr lang=\"en-US\"/><a:t>" + text + "</a:t></a:r></a:p>";
  }
  return out + "</p:txBody></p:sp>";
}

struct PptxSlide {
  std::string shapes;  // the inside of <p:spTree>
  std::string notes;   // the inside of the notes' <p:spTree>; "" for no notes part
};

// A PPTX package whose presentation.xml lists the slides in the given order; the slide parts are
// named in reverse so that the order can only come from the slide list.
inline PackageMembers PptxMembers(const std::vector<PptxSlide>& slides) {
  std::string list;
  std::string rels;
  PackageMembers members = {
      {"[Content_Types].xml",
       "<?xml version=\"1.0\"?><Types "
       "xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"},
      {"_rels/.rels", Rels(Rel("rId1", "officeDocument", "ppt/presentation.xml"))}};
  for (std::size_t i = 0; i < slides.size(); ++i) {
    const std::string n = std::to_string(slides.size() - i);  // reverse part names
    list += "<p:sldId id=\"" + std::to_string(256 + i) + "\" r:id=\"rIdSlide" + n + "\"/>";
    rels += Rel("rIdSlide" + n, "slide", "slides/slide" + n + ".xml");
    members.emplace_back("ppt/slides/slide" + n + ".xml",
                         std::string(kXmlDeclaration) + "<p:sld " + std::string(kPmlNs) +
                             "><p:cSld><p:spTree>" + slides[i].shapes +
                             "</p:spTree></p:cSld></p:sld>");
    if (!slides[i].notes.empty()) {
      members.emplace_back(
          "ppt/slides/_rels/slide" + n + ".xml.rels",
          Rels(Rel("rIdN", "notesSlide", "../notesSlides/notesSlide" + n + ".xml")));
      members.emplace_back("ppt/notesSlides/notesSlide" + n + ".xml",
                           std::string(kXmlDeclaration) + "<p:notes " + std::string(kPmlNs) +
                               "><p:cSld><p:spTree>" + slides[i].notes +
                               "</p:spTree></p:cSld></p:notes>");
    }
  }
  members.emplace_back("ppt/presentation.xml", std::string(kXmlDeclaration) + "<p:presentation " +
                                                   std::string(kPmlNs) + "><p:sldIdLst>" + list +
                                                   "</p:sldIdLst></p:presentation>");
  members.emplace_back("ppt/_rels/presentation.xml.rels", Rels(rels));
  return members;
}

inline constexpr std::string_view kOdfNs =
    "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
    "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" "
    "xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" "
    "xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\" "
    "xmlns:draw=\"urn:oasis:names:tc:opendocument:xmlns:drawing:1.0\" "
    "xmlns:presentation=\"urn:oasis:names:tc:opendocument:xmlns:presentation:1.0\" "
    "xmlns:dc=\"http://purl.org/dc/elements/1.1/\"";

// An ODF package of `mimetype` whose content.xml holds `automatic_styles` and `body` (the inside
// of office:spreadsheet or office:presentation, per `body_element`).
inline PackageMembers OdfMembers(std::string_view mimetype, std::string_view body_element,
                                 std::string_view body, std::string_view automatic_styles = "") {
  return {{"mimetype", std::string(mimetype)},
          {"content.xml",
           std::string(kXmlDeclaration) + "<office:document-content " + std::string(kOdfNs) +
               " office:version=\"1.3\">" + "<office:automatic-styles>" +
               std::string(automatic_styles) +
               "</office:automatic-styles><office:body><office:" + std::string(body_element) + ">" +
               std::string(body) + "</office:" + std::string(body_element) +
               "></office:body></office:document-content>"},
          {"META-INF/manifest.xml",
           "<?xml version=\"1.0\"?><manifest:manifest "
           "xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\"/>"}};
}

inline PackageMembers OdsMembers(std::string_view tables, std::string_view automatic_styles = "") {
  return OdfMembers("application/vnd.oasis.opendocument.spreadsheet", "spreadsheet", tables,
                    automatic_styles);
}

inline PackageMembers OdpMembers(std::string_view pages) {
  return OdfMembers("application/vnd.oasis.opendocument.presentation", "presentation", pages);
}

}  // namespace trustscreen::extract::fixtures

#endif  // TRUSTSCREEN_TESTS_EXTRACT_PACKAGE_FIXTURES_H_
