// DOCX paragraph styles (word/styles.xml) and automatic list numbering (word/numbering.xml): what
// a paragraph's style says about numbering and headings, and the list label Word displays
// ("12.3", "(b)", "Article IV").
//
// Not thread-safe per object.
#ifndef TRUSTSCREEN_SRC_EXTRACT_DOCX_NUMBERING_H_
#define TRUSTSCREEN_SRC_EXTRACT_DOCX_NUMBERING_H_

#include <array>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace trustscreen::extract::internal {

// A paragraph's w:numPr, direct or from its style; either field may be absent.
struct DocxNumPr {
  std::optional<int> num_id;
  std::optional<int> ilvl;
};

class DocxStyles {
 public:
  // Parses word/styles.xml. Returns false with `error` set if it is not well-formed (the styles
  // read before the error are kept).
  bool Parse(std::string_view xml, int max_depth, std::string& error);

  // The style of a paragraph without w:pStyle (w:default="1"), or "".
  const std::string& default_paragraph_style() const { return default_paragraph_style_; }
  // Numbering inherited through w:basedOn.
  DocxNumPr NumPr(const std::string& style_id) const;
  // 1-9 for "heading N" styles, 1 for "Title", else the inherited w:outlineLvl + 1, else 0.
  int HeadingLevel(const std::string& style_id) const;

 private:
  struct Style {
    std::string name;
    std::string based_on;
    DocxNumPr num_pr;
    std::optional<int> outline_level;
  };
  const Style* Find(const std::string& id) const;

  std::map<std::string, Style> styles_;
  std::string default_paragraph_style_;
};

class DocxNumbering {
 public:
  static constexpr int kLevels = 9;

  // Parses word/numbering.xml; as DocxStyles::Parse.
  bool Parse(std::string_view xml, int max_depth, std::string& error);

  // The level of list `num_id` that is linked to paragraph style `style_id` (w:lvl/w:pStyle).
  std::optional<int> LevelForStyle(int num_id, const std::string& style_id) const;

  // Per-story counters: numbering in the body, in headers and in notes count separately.
  class Counter {
   public:
    Counter(const DocxNumbering& numbering, const DocxStyles& styles)
        : numbering_(numbering), styles_(styles) {}
    // Advances the counters for a paragraph at (num_id, ilvl) and sets its label and the text
    // between label and paragraph text. False (no label) if the list or level is not defined.
    bool Next(int num_id, int ilvl, std::string& label, std::string& suffix);

   private:
    const DocxNumbering& numbering_;
    const DocxStyles& styles_;
    std::map<std::string, std::array<std::optional<int>, kLevels>> counters_;
  };

 private:
  struct Level {
    int start = 1;
    std::string format = "decimal";
    std::string text;
    bool has_text = false;
    bool legal = false;  // w:isLgl
    int restart = -1;    // w:lvlRestart; -1: after any higher level
    std::string suffix = "\t";
    std::string style;  // w:pStyle
  };
  struct Abstract {
    std::array<std::optional<Level>, kLevels> levels;
    std::string num_style_link;
  };
  struct Override {
    std::optional<int> start;
    std::optional<Level> level;
  };
  struct Num {
    int abstract_id = -1;
    std::map<int, Override> overrides;
  };
  const Abstract* AbstractFor(int num_id, const DocxStyles* styles) const;

  std::map<int, Abstract> abstracts_;
  std::map<int, Num> nums_;
};

// Number `n` in a w:numFmt ("decimal", "lowerRoman", "upperLetter", …); decimal for unknown ones.
std::string FormatListNumber(int n, std::string_view format);

}  // namespace trustscreen::extract::internal

#endif  // TRUSTSCREEN_SRC_EXTRACT_DOCX_NUMBERING_H_
