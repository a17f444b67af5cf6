// Removes graphics-state saves that are restored at once ("q Q") from a PDF content stream.
//
// Some generators wrap every drawing step in q ... Q and leave millions of those pairs empty: the
// 154-page CERES collaboration agreement of the CUAD corpus holds 11.8 million of them, and
// Poppler copies the whole graphics state for each q (GfxState's copy constructor, malloc and
// free, an operator lookup by strcmp): 3.2 s of layout, where the same pages without the empty
// pairs take a tenth of it. An empty pair changes nothing a page draws, so dropping it leaves the
// text, the images and every operator's effect as they were.
//
// The content is tokenised as PDF content streams are (ISO 32000-1 7.2 and 8.9.7): white space,
// comments, literal strings with nesting and escapes, hex strings, names, numbers and operators.
// A "q" whose next token is "Q" is removed with that "Q" (and with the white space before the
// "q"); nested pairs ("q q Q Q") go too. Anything between them — an operand, a comment — keeps the
// pair. At an inline image (BI ... ID <binary data> EI) filtering stops and the rest of the
// stream is kept byte for byte: its data could hold anything.
#ifndef TRUSTSCREEN_SRC_EXTRACT_PDF_CONTENT_FILTER_H_
#define TRUSTSCREEN_SRC_EXTRACT_PDF_CONTENT_FILTER_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace trustscreen::extract::internal {

struct FilteredContent {
  std::string content;      // the stream without its empty pairs
  std::size_t removed = 0;  // pairs removed
};

FilteredContent DropEmptySaveRestore(std::string_view content);

}  // namespace trustscreen::extract::internal

#endif  // TRUSTSCREEN_SRC_EXTRACT_PDF_CONTENT_FILTER_H_
