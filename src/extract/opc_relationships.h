// Package relationships of Office Open XML (OPC, ECMA-376 part 2), shared by the DOCX, XLSX and
// PPTX readers: which part a relationship of another part points to.
//
// A part's relationships live in "<dir>/_rels/<name>.rels"; the package's own in "_rels/.rels".
// Transitional and Strict OOXML differ only in the type URI's prefix, so a Relationship keeps the
// last segment of its type ("worksheet", "comments"), which is the same in both.
#ifndef TRUSTSCREEN_SRC_EXTRACT_OPC_RELATIONSHIPS_H_
#define TRUSTSCREEN_SRC_EXTRACT_OPC_RELATIONSHIPS_H_

#include <string>
#include <string_view>
#include <vector>

#include "xml_package.h"

namespace trustscreen::extract::internal {

// The r: namespaces of relationship ids in part XML (r:id="rId3"), Transitional and Strict.
inline constexpr std::string_view kOfficeRelationshipsNs =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
inline constexpr std::string_view kOfficeRelationshipsStrictNs =
    "http://purl.oclc.org/ooxml/officeDocument/relationships";

struct Relationship {
  std::string id;      // "rId3"
  std::string type;    // the last segment of the type URI: "header", "footnotes", …
  std::string target;  // a part name inside the package, without a leading '/'
};

// Resolves `target` of a relationship of part `source` ("word/document.xml") to a part name.
std::string ResolveTarget(std::string_view source, std::string_view target);

// "word/document.xml" -> "word/_rels/document.xml.rels".
std::string RelsPartFor(std::string_view part);

// The internal relationships of `source` ("" for the package's own); external targets such as
// hyperlinks are dropped. A missing or damaged .rels part yields what could be read.
std::vector<Relationship> ReadRelationships(XmlPackage& package, std::string_view source,
                                            int max_depth);

// The distinct targets of relationships of `type`, in the order of the .rels part.
std::vector<std::string> TargetsOfType(const std::vector<Relationship>& rels,
                                       std::string_view type);

// The target of relationship `id`, or "" when there is none.
std::string TargetOfId(const std::vector<Relationship>& rels, std::string_view id);

// The main part named by the package relationships (type "officeDocument") if it exists, else
// `fallback` ("xl/workbook.xml").
std::string MainPart(XmlPackage& package, std::string_view fallback, int max_depth);

}  // namespace trustscreen::extract::internal

#endif  // TRUSTSCREEN_SRC_EXTRACT_OPC_RELATIONSHIPS_H_
