// Builders for DOCX and ODT packages with several parts, for the structured-format tests.
#ifndef TRUSTSCREEN_TESTS_EXTRACT_DOCX_FIXTURES_H_
#define TRUSTSCREEN_TESTS_EXTRACT_DOCX_FIXTURES_H_

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "test_fixtures.h"

namespace trustscreen::extract::fixtures {

inline constexpr std::string_view kWordNamespaces =
    "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" "
    "xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\" "
    "xmlns:wps=\"http://schemas.microsoft.com/office/word/2010/wordprocessingShape\" "
    "xmlns:v=\"urn:schemas-microsoft-com:vml\" "
    "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"";

inline std::string WRun(std::string_view text) {
  return "<w:r><w:t xml:space=\"preserve\">" + std::string(text) + "</w:t></w:r>";
}
inline std::string Para(std::string_view text, std::string_view ppr = "") {
  return "<w:p>" + (ppr.empty() ? std::string() : "<w:pPr>" + std::string(ppr) + "</w:pPr>") +
         WRun(text) + "</w:p>";
}
// A paragraph in list `num_id` at level `ilvl`.
inline std::string ListPara(int num_id, int ilvl, std::string_view text) {
  return Para(text, "<w:numPr><w:ilvl w:val=\"" + std::to_string(ilvl) + "\"/><w:numId w:val=\"" +
                        std::to_string(num_id) + "\"/></w:numPr>");
}

// A part of a story type (header, footer, footnotes, endnotes, comments) under a chosen name.
struct DocxPart {
  std::string type;  // relationship type suffix: "header", "footnotes", "numbering", "styles" …
  std::string name;  // part name inside the package, e.g. "word/hdr-main.xml"
  std::string xml;
};

inline std::string XmlRoot(std::string_view root, std::string_view inner) {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:" + std::string(root) +
         " " + std::string(kWordNamespaces) + ">" + std::string(inner) +
         "</w:" + std::string(root) + ">";
}

inline std::string BuildDocxWithParts(std::string_view body_xml,
                                      const std::vector<DocxPart>& parts) {
  std::string rels =
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
      "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
      "<Relationship Id=\"rIdLink\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
      "relationships/hyperlink\" Target=\"https://example.org/\" TargetMode=\"External\"/>";
  std::vector<std::pair<std::string, std::string>> members = {
      {"[Content_Types].xml",
       "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types "
       "xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"},
      {"_rels/.rels",
       "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships "
       "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship "
       "Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
       "officeDocument\" Target=\"word/document.xml\"/></Relationships>"},
      {"word/document.xml",
       XmlRoot("document", "<w:body>" + std::string(body_xml) + "<w:sectPr/></w:body>")}};
  int id = 10;
  for (const DocxPart& part : parts) {
    // Targets are relative to word/.
    const std::string target =
        part.name.starts_with("word/") ? part.name.substr(5) : "../" + part.name;
    rels += "<Relationship Id=\"rId" + std::to_string(id++) +
            "\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/" +
            part.type + "\" Target=\"" + target + "\"/>";
    members.emplace_back(part.name, part.xml);
  }
  rels += "</Relationships>";
  members.emplace_back("word/_rels/document.xml.rels", rels);
  return BuildZip(members);
}

inline constexpr std::string_view kOdfNamespaces =
    "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
    "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" "
    "xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\" "
    "xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" "
    "xmlns:draw=\"urn:oasis:names:tc:opendocument:xmlns:drawing:1.0\" "
    "xmlns:fo=\"urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0\" "
    "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" office:version=\"1.3\"";

// An ODT package: mimetype first and stored, content.xml around `text_xml` (the children of
// office:text), with `automatic_styles` and a styles.xml holding `master_styles`.
inline std::string BuildOdt(std::string_view text_xml, std::string_view automatic_styles = "",
                            std::string_view master_styles = "") {
  const std::string content =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<office:document-content " +
      std::string(kOdfNamespaces) + "><office:automatic-styles>" + std::string(automatic_styles) +
      "</office:automatic-styles><office:body><office:text>" + std::string(text_xml) +
      "</office:text></office:body></office:document-content>";
  const std::string styles =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<office:document-styles " +
      std::string(kOdfNamespaces) + "><office:master-styles>" + std::string(master_styles) +
      "</office:master-styles></office:document-styles>";
  return BuildZip({{"mimetype", "application/vnd.oasis.opendocument.text"},
                   {"content.xml", content},
                   {"styles.xml", styles},
                   {"META-INF/manifest.xml", "<manifest/>"}});
}

}  // namespace trustscreen::extract::fixtures

#endif  // TRUSTSCREEN_TESTS_EXTRACT_DOCX_FIXTURES_H_
