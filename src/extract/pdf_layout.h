// PDF page text with its layout: lines collected from Poppler's TextPage (reading order), then
// assembled into Document::text with running headers/footers, headings and paragraph blocks.
//
// Normalisation happens here, while the text is built, because later stages keep byte offsets into
// Document::text: ligatures (U+FB00-FB06) are expanded, U+037E (Greek question mark, canonically
// ';') becomes ';', soft hyphens and zero-width characters (U+00AD, U+200B-U+200D, U+2060, U+FEFF)
// removed, control characters turned into spaces, and words hyphenated across line ends rejoined
// (see AssemblePdfText).
#ifndef TRUSTSCREEN_SRC_EXTRACT_PDF_LAYOUT_H_
#define TRUSTSCREEN_SRC_EXTRACT_PDF_LAYOUT_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "trustscreen/core/document.h"

class TextFlow;

namespace trustscreen::extract::internal {

// How a line ends, before normalisation removed anything.
enum class LineEnd {
  kPlain,
  kHyphen,      // '-' or U+2010 right after a letter
  kSoftHyphen,  // U+00AD right after a letter: always a word broken by the layout
};

struct PdfLine {
  std::string text;  // normalised UTF-8, without a line break; a hyphen at the end is kept
  double x_min = 0;  // left and right edges, in points from the left of the page
  double x_max = 0;
  double y_min = 0;  // top and bottom, in points from the top of the page
  double y_max = 0;
  double font_size = 0;  // the size of most of its characters
  bool bold = false;     // most of its characters are in a bold font
  int flow = 0;          // Poppler's flow and block (paragraph) index in reading order
  int block = 0;
  int chars = 0;  // characters (code points) in `text`
  int words = 0;
  LineEnd end = LineEnd::kPlain;
  bool lower_before_hyphen = false;  // the letter before the hyphen is lower case
};

struct PdfPageLines {
  std::vector<PdfLine> lines;  // in reading order
  double height = 0;           // page height in points (as displayed)
  std::uint64_t replaced = 0;  // invalid code points replaced by U+FFFD
};

// Collects the lines of a laid-out page from its flows (TextOutputDev::getFlows(), reading order),
// then joins clause numbers set in a column of their own (JoinClauseNumbers).
PdfPageLines CollectPdfLines(const TextFlow* flows, double page_height);

// True if `text` is only a clause number: "18.", "18.1", "16.6.2", "17.0", "12.3(b)", "(a)",
// "(iv)", "(12)", "(A)", "a)", "iv)", "2)". A bare integer ("18", a page number) is not.
bool IsClauseNumber(std::string_view text);

// Many contracts set clause numbers in a column of their own ("18." at the margin, "EXPORT CONTROL"
// at a tab stop). Poppler makes the number a block of its own and may put it far from its heading
// in reading order ("18." before the last items of clause 17), so the number would not start the
// clause's line. Each line that IsClauseNumber is moved to the front of the line it stands beside:
// the nearest line starting to its right (within 6 line heights) on the same text line (vertical
// overlap of at least half the smaller height, heights within a factor of 1.6) that has a letter.
// Numbers are joined right to left, so "18." "(a)" "Text" becomes "18. (a) Text". The joined line
// keeps its place in reading order, block, flow, font and boldness. A number with nothing beside
// it (a table cell, a page number in the margin) is left alone.
void JoinClauseNumbers(PdfPageLines& page);

// Appends the lines of `pages` to doc.text (pages separated by '\f'), filling doc.pages (number,
// begin, end; `needs_ocr` from the parallel vector) and doc.blocks:
//   - running headers/footers: one of the two top (bottom) lines of a page whose text, with digits
//     replaced, recurs at the top (bottom) of at least half the pages with text (3 pages or more)
//     -> TextBlock part kHeader / kFooter;
//   - headings: a short line (≤ 15 words) in bold, or ≥ 1.15 × the page's body font size, on a page
//     whose text is not mostly bold -> heading_level 1;
//   - other lines -> kBody blocks, one per Poppler block (paragraph).
// Lines of a block are separated by '\n', blocks by a blank line.
// Hyphenation: a body line ending in a soft hyphen is joined to the next body line of the same
// flow. A line ending in '-' after a lower-case letter is joined to a next line starting with a
// lower-case letter: the hyphen is dropped ("collabo-/ration" -> "collaboration") unless the
// document uses the hyphenated form elsewhere and never the joined one, or the first part is one of
// a few compound-forming words (non, self, cross, well, quasi, third) and the joined form is not
// used elsewhere. Before an upper-case letter ("Non-/Competition") the lines are joined keeping the
// hyphen.
void AssemblePdfText(const std::vector<PdfPageLines>& pages, const std::vector<int>& numbers,
                     const std::vector<bool>& needs_ocr, Document& doc);

// Sets line.end and line.lower_before_hyphen from the last two code points the line was built
// from (before normalisation), and turns a final U+2010 into '-'.
void SetLineEnd(PdfLine& line, std::uint32_t last, std::uint32_t before_last);

// Appends code point `u` to `out` normalised as described above; returns false if nothing was
// appended (removed character). Invalid code points become U+FFFD and count in `replaced`.
bool AppendNormalised(std::uint32_t u, std::string& out, std::uint64_t& replaced);

}  // namespace trustscreen::extract::internal

#endif  // TRUSTSCREEN_SRC_EXTRACT_PDF_LAYOUT_H_
