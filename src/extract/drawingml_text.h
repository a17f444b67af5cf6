// DrawingML text (a:p paragraphs), the text of PPTX slides, notes, comments and SmartArt data and
// of the shapes and text boxes drawn on XLSX sheets.
#ifndef TRUSTSCREEN_SRC_EXTRACT_DRAWINGML_TEXT_H_
#define TRUSTSCREEN_SRC_EXTRACT_DRAWINGML_TEXT_H_

#include <string>
#include <string_view>

#include "sheet_text.h"
#include "trustscreen/core/document.h"

namespace trustscreen::extract::internal {

// Writes every DrawingML paragraph (<a:p>) of part `xml` (named `name` in errors) as one paragraph
// of `part` (kTable inside a table when `part` is kBody), and the plain text of legacy PPTX
// comments (<p:text>). Line breaks and tabs inside a paragraph become spaces. With kNotes, the
// slide-number placeholder is left out. mc:Fallback repeats its mc:Choice and is skipped.
// Returns false on damaged XML or nesting over `max_depth` (status and failure set); the
// paragraphs before the damage are written.
bool ReadDrawingParagraphs(std::string_view xml, const std::string& name, int max_depth,
                           TextPart part, PageTextWriter& writer, DocumentStatus& status,
                           std::string& failure);

}  // namespace trustscreen::extract::internal

#endif  // TRUSTSCREEN_SRC_EXTRACT_DRAWINGML_TEXT_H_
