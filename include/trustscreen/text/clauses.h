// Clause segmentation: a Document's text -> the numbered clauses, headings and sections a
// reviewer navigates by ("12.3(b)", "Schedule 2", "Article IV", "Recitals", "References").
//
// Where it sits: after extraction, before reporting; findings are placed in the clause that holds
// their offset. Works line by line on the extracted text (PDF, DOCX with its numbering labels
// already in the text, OCR text alike), so it needs no format-specific input.
//
// Thread-safety: pure functions.
#ifndef TRUSTSCREEN_TEXT_CLAUSES_H_
#define TRUSTSCREEN_TEXT_CLAUSES_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "trustscreen/core/document.h"

namespace trustscreen::text {

struct Clause {
  std::size_t begin = 0;  // byte range in the text: from its marker line to the next clause
  std::size_t end = 0;
  std::string ref;    // full reference as a reviewer cites it: "12.3(b)", "Schedule 2, 4.1"
  std::string title;  // nearest heading title: "Export Control"; empty if none
  std::string
      section;    // top-level unit: "9 Export Control", "Recitals", "Schedule 2", "References"
  int depth = 0;  // 0 for sections/headings, 1 for "12", 2 for "12.3", 3 for "(b)"…
  bool references = false;  // inside a references / bibliography section
};

// Clauses in text order, non-overlapping. Text before the first marker is not in any clause.
std::vector<Clause> SegmentClauses(std::string_view text);

// Whether a document's text is rows of records (spreadsheets, CSV): each row is then a clause of
// its own, not prose that numbered markers divide.
bool HasRecordRows(DocumentFormat format);

// The clauses of `document`: SegmentClauses(document.text), except for a document with record
// rows (HasRecordRows), where each line of a sheet is one clause: ref "row 12" (the row of its
// first located cell, as the block locators give it), section the sheet's name, depth 1. A number
// or a heading word at the start of a row is a cell's value, not a clause marker, and two rows
// are never one clause (a `clause` window or a combination of families does not reach across
// rows).
std::vector<Clause> DocumentClauses(const Document& document);

// The clause holding `offset`, or nullptr. `clauses` must come from SegmentClauses or
// DocumentClauses.
const Clause* ClauseAt(const std::vector<Clause>& clauses, std::size_t offset);

}  // namespace trustscreen::text

#endif  // TRUSTSCREEN_TEXT_CLAUSES_H_
