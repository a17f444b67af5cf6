// Namespaces of WordprocessingML shared by the DOCX readers.
#ifndef TRUSTSCREEN_SRC_EXTRACT_DOCX_XML_H_
#define TRUSTSCREEN_SRC_EXTRACT_DOCX_XML_H_

#include <string_view>

namespace trustscreen::extract::internal {

inline constexpr std::string_view kWordNs =
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
inline constexpr std::string_view kWordStrictNs =
    "http://purl.oclc.org/ooxml/wordprocessingml/main";
inline constexpr std::string_view kMarkupCompatibilityNs =
    "http://schemas.openxmlformats.org/markup-compatibility/2006";
inline constexpr std::string_view kRelationshipsNs =
    "http://schemas.openxmlformats.org/package/2006/relationships";

}  // namespace trustscreen::extract::internal

#endif  // TRUSTSCREEN_SRC_EXTRACT_DOCX_XML_H_
