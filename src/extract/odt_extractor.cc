// ODT (OpenDocument text): content.xml — paragraphs, headings, lists with their labels, tables,
// text boxes, notes, annotations and tracked changes — then the headers and footers of the master
// pages in styles.xml. Same package reader and hardened XML reader as DOCX.
#include <algorithm>
#include <array>
#include <charconv>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "docx_numbering.h"
#include "extractors.h"
#include "picture_ocr.h"
#include "utf8.h"
#include "xml_package.h"
#include "xml_reader.h"
#include "xml_text.h"

namespace trustscreen::extract::internal {
namespace {

constexpr std::string_view kOdtMimetype = "application/vnd.oasis.opendocument.text";
constexpr std::string_view kTextNs = "urn:oasis:names:tc:opendocument:xmlns:text:1.0";
constexpr std::string_view kOfficeNs = "urn:oasis:names:tc:opendocument:xmlns:office:1.0";
constexpr std::string_view kStyleNs = "urn:oasis:names:tc:opendocument:xmlns:style:1.0";
constexpr std::string_view kTableNs = "urn:oasis:names:tc:opendocument:xmlns:table:1.0";
constexpr std::string_view kDrawNs = "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0";
constexpr std::string_view kDcNs = "http://purl.org/dc/elements/1.1/";
constexpr int kListLevels = 10;

struct ListLevelStyle {
  bool bullet = false;
  std::string bullet_char;
  std::string format = "1";  // style:num-format: "1", "a", "A", "i", "I", ""
  std::string prefix;
  std::string suffix;
  int display_levels = 1;
  int start = 1;
};
using ListStyle = std::array<std::optional<ListLevelStyle>, kListLevels>;

std::string FormatOdfNumber(int n, std::string_view format) {
  if (format == "1") return FormatListNumber(n, "decimal");
  if (format == "a") return FormatListNumber(n, "lowerLetter");
  if (format == "A") return FormatListNumber(n, "upperLetter");
  if (format == "i") return FormatListNumber(n, "lowerRoman");
  if (format == "I") return FormatListNumber(n, "upperRoman");
  if (format.empty()) return "";
  return std::to_string(n);
}

class OdtReader {
 public:
  explicit OdtReader(int max_depth) : max_depth_(max_depth) {}

  // content.xml, or styles.xml (list styles and master page headers/footers).
  bool Read(std::string_view xml, const std::string& name, bool styles_part);
  const std::string& failure() const { return failure_; }
  DocumentStatus failure_status() const { return failure_status_; }

  std::vector<Paragraph> body;
  std::vector<Paragraph> headers;
  std::vector<Paragraph> footers;
  std::vector<Paragraph> footnotes;
  std::vector<Paragraph> endnotes;
  std::vector<Paragraph> comments;

 private:
  struct OpenParagraph {
    Paragraph paragraph;
    std::vector<Paragraph>* destination = nullptr;
  };
  struct OpenList {
    std::string style;
    int level = 0;  // 1-based
  };
  // Where paragraphs go right now, and what part they are.
  struct Story {
    std::vector<Paragraph>* destination;
    TextPart part;
    int depth;  // element depth of the story's root
  };

  TextPart CurrentPart() const {
    if (inserted_ > 0) return TextPart::kInserted;
    if (text_box_ > 0) return TextPart::kTextBox;
    if (table_ > 0 && stories_.back().part == TextPart::kBody) return TextPart::kTable;
    return stories_.back().part;
  }
  void Append(std::string_view text) {
    if (!open_.empty()) open_.back().paragraph.Append(CurrentPart(), text);
  }
  void StartElement(XmlReader& reader, bool styles_part);
  void EndElement(XmlReader& reader);
  void StartParagraph(XmlReader& reader, bool heading);
  std::string ListLabel();
  static std::string FormatLabel(const ListStyle& style,
                                 const std::array<int, kListLevels>& counters, int level);

  int max_depth_;
  std::map<std::string, ListStyle> list_styles_;
  ListStyle outline_style_;  // chapter numbering of headings
  std::array<int, kListLevels> outline_counters_{};
  std::map<std::string, std::array<int, kListLevels>> continued_;  // last counters per style
  ListStyle* list_style_ = nullptr;                                // being defined
  std::vector<OpenList> lists_;
  std::array<int, kListLevels> counters_{};
  bool item_pending_ = false;  // a list item started; its first paragraph gets the label
  std::vector<OpenParagraph> open_;
  std::vector<Story> stories_;
  std::map<std::string, std::string> deletions_;  // change id -> deleted text
  std::map<std::string, bool> insertion_ids_;
  std::string change_id_;     // inside text:changed-region
  bool in_deletion_ = false;  // inside text:deletion of a changed region
  std::string deletion_text_;
  int inserted_ = 0;
  int text_box_ = 0;
  int table_ = 0;
  std::vector<std::string> header_texts_;  // to drop master pages' repeated headers/footers
  std::string failure_;
  DocumentStatus failure_status_ = DocumentStatus::kOk;
};

bool OdtReader::Read(std::string_view xml, const std::string& name, bool styles_part) {
  XmlReader reader(xml, name, max_depth_);
  stories_ = {{&body, TextPart::kBody, -1}};
  ReadNodes(
      reader, [&](XmlReader& r) { StartElement(r, styles_part); },
      [this](XmlReader& r) { EndElement(r); },
      [this](std::string_view text) {
        if (!(in_deletion_ && open_.empty())) Append(text);
      });
  while (!open_.empty()) {
    open_.back().destination->push_back(std::move(open_.back().paragraph));
    open_.pop_back();
  }
  if (!reader.failed()) return true;
  failure_ = reader.failure();
  failure_status_ = reader.failure_status();
  return false;
}

std::string OdtReader::ListLabel() {
  if (lists_.empty()) return "";
  const int level = std::min(lists_.back().level, kListLevels);
  const auto style_it = list_styles_.find(lists_.back().style);
  if (style_it == list_styles_.end()) return "";
  return FormatLabel(style_it->second, counters_, level);
}

std::string OdtReader::FormatLabel(const ListStyle& style,
                                   const std::array<int, kListLevels>& counters, int level) {
  const auto& spec = style[level - 1];
  if (!spec) return "";
  if (spec->bullet) {
    return spec->bullet_char.empty() ? std::string("\xE2\x80\xA2") : spec->bullet_char;
  }
  std::string numbers;
  const int first = std::max(1, level - std::max(spec->display_levels, 1) + 1);
  for (int l = first; l <= level; ++l) {
    const auto& level_spec = style[l - 1];
    const int value = counters[l - 1] > 0 ? counters[l - 1] : (level_spec ? level_spec->start : 1);
    if (!numbers.empty()) numbers += ".";
    numbers += FormatOdfNumber(value, level_spec ? level_spec->format : "1");
  }
  if (numbers.empty() && spec->prefix.empty() && spec->suffix.empty()) return "";
  return spec->prefix + numbers + spec->suffix;
}

void OdtReader::StartParagraph(XmlReader& reader, bool heading) {
  open_.emplace_back();
  OpenParagraph& open = open_.back();
  open.destination = stories_.back().destination;
  if (heading) {
    const int level = std::clamp(
        ParseXmlInt(reader.Attribute(kTextNs, "outline-level")).value_or(1), 1, kListLevels);
    open.paragraph.heading_level = level;
    // Chapter numbering of headings outside lists ("2.1 Scope"), from text:outline-style.
    const auto& spec = outline_style_[level - 1];
    if (!item_pending_ && lists_.empty() && spec && !spec->bullet && !spec->format.empty() &&
        reader.Attribute(kTextNs, "is-list-header").value_or("") != "true") {
      const auto restart = ParseXmlInt(reader.Attribute(kTextNs, "restart-numbering"));
      outline_counters_[level - 1] =
          outline_counters_[level - 1] > 0 ? outline_counters_[level - 1] + 1 : spec->start;
      if (restart) {
        outline_counters_[level - 1] =
            ParseXmlInt(reader.Attribute(kTextNs, "start-value")).value_or(spec->start);
      }
      for (int l = level; l < kListLevels; ++l) outline_counters_[l] = 0;
      open.paragraph.label = FormatLabel(outline_style_, outline_counters_, level);
      open.paragraph.label_suffix = open.paragraph.label.empty() ? "" : "\t";
    }
  }
  if (item_pending_) {
    item_pending_ = false;
    open.paragraph.label = ListLabel();
    open.paragraph.label_suffix = open.paragraph.label.empty() ? "" : "\t";
  }
}

void OdtReader::StartElement(XmlReader& reader, bool styles_part) {
  const std::string_view ns = reader.ns();
  const std::string_view name = reader.local_name();
  if (ns == kTextNs) {
    if (name == "p" || name == "h") {
      StartParagraph(reader, name == "h");
    } else if (name == "number") {
      reader.SkipElement();  // a label cached by the writer; ours is computed from the list
    } else if (name == "s") {
      const int count =
          std::clamp(ParseXmlInt(reader.Attribute(kTextNs, "c")).value_or(1), 1, 1000);
      Append(std::string(static_cast<std::size_t>(count), ' '));
    } else if (name == "tab") {
      Append("\t");
    } else if (name == "line-break") {
      Append("\n");
    } else if (name == "note") {
      const bool endnote = reader.Attribute(kTextNs, "note-class").value_or("") == "endnote";
      stories_.push_back({endnote ? &endnotes : &footnotes,
                          endnote ? TextPart::kEndnote : TextPart::kFootnote, reader.depth()});
    } else if (name == "note-citation") {
      reader.SkipElement();
    } else if (name == "list") {
      OpenList list;
      list.level = lists_.empty() ? 1 : lists_.back().level + 1;
      list.style = reader.Attribute(kTextNs, "style-name")
                       .value_or(lists_.empty() ? std::string() : lists_.back().style);
      if (list.level == 1) {
        const bool continues =
            reader.Attribute(kTextNs, "continue-numbering").value_or("") == "true" ||
            reader.Attribute(kTextNs, "continue-list").has_value();
        const auto previous = continued_.find(list.style);
        if (continues && previous != continued_.end()) {
          counters_ = previous->second;
        } else {
          counters_.fill(0);
        }
      }
      if (list.level <= kListLevels) {
        for (int l = list.level; l < kListLevels; ++l) counters_[l] = 0;
      }
      lists_.push_back(list);
    } else if (name == "list-item") {
      if (!lists_.empty()) {
        const int level = std::min(lists_.back().level, kListLevels);
        const auto style = list_styles_.find(lists_.back().style);
        const int start = style != list_styles_.end() && style->second[level - 1]
                              ? style->second[level - 1]->start
                              : 1;
        const auto restart = ParseXmlInt(reader.Attribute(kTextNs, "start-value"));
        counters_[level - 1] =
            restart ? *restart : (counters_[level - 1] > 0 ? counters_[level - 1] + 1 : start);
        for (int l = level; l < kListLevels; ++l) counters_[l] = 0;
        item_pending_ = true;
      }
    } else if (name == "list-header") {
      item_pending_ = false;
    } else if (name == "list-style") {
      list_style_ = &list_styles_[reader.Attribute(kStyleNs, "name").value_or("")];
    } else if (name == "outline-style") {
      list_style_ = &outline_style_;
    } else if ((name == "list-level-style-number" || name == "list-level-style-bullet" ||
                name == "outline-level-style") &&
               list_style_ != nullptr) {
      const int level = ParseXmlInt(reader.Attribute(kTextNs, "level")).value_or(1);
      if (level < 1 || level > kListLevels) return;
      ListLevelStyle& spec = (*list_style_)[level - 1].emplace();
      spec.bullet = name == "list-level-style-bullet";
      spec.bullet_char = reader.Attribute(kTextNs, "bullet-char").value_or("");
      spec.format = reader.Attribute(kStyleNs, "num-format").value_or(spec.bullet ? "" : "1");
      spec.prefix = reader.Attribute(kStyleNs, "num-prefix").value_or("");
      spec.suffix = reader.Attribute(kStyleNs, "num-suffix").value_or("");
      spec.display_levels = ParseXmlInt(reader.Attribute(kTextNs, "display-levels")).value_or(1);
      spec.start = ParseXmlInt(reader.Attribute(kTextNs, "start-value")).value_or(1);
    } else if (name == "changed-region") {
      change_id_ =
          reader.Attribute(kTextNs, "id")
              .value_or(
                  reader.Attribute("http://www.w3.org/XML/1998/namespace", "id").value_or(""));
    } else if (name == "deletion") {
      in_deletion_ = true;
      deletion_text_.clear();
      stories_.push_back({nullptr, TextPart::kDeleted, reader.depth()});
    } else if (name == "insertion") {
      insertion_ids_[change_id_] = true;
    } else if (name == "change") {
      const auto it = deletions_.find(reader.Attribute(kTextNs, "change-id").value_or(""));
      if (it != deletions_.end() && !open_.empty()) {
        open_.back().paragraph.Append(TextPart::kDeleted, it->second);
      }
    } else if (name == "change-start") {
      if (insertion_ids_.count(reader.Attribute(kTextNs, "change-id").value_or(""))) ++inserted_;
    } else if (name == "change-end") {
      if (insertion_ids_.count(reader.Attribute(kTextNs, "change-id").value_or("")) &&
          inserted_ > 0) {
        --inserted_;
      }
    } else if (name == "sequence-decls" || name == "variable-decls" || name == "user-field-decls" ||
               name == "dde-connection-decls") {
      reader.SkipElement();
    }
    return;
  }
  if (ns == kOfficeNs) {
    if (name == "annotation") {
      stories_.push_back({&comments, TextPart::kComment, reader.depth()});
    } else if (name == "change-info" || name == "forms" || name == "scripts" ||
               name == "font-face-decls" || name == "meta") {
      reader.SkipElement();
    }
    return;
  }
  if (ns == kDcNs) {
    reader.SkipElement();  // annotation author and date
    return;
  }
  if (ns == kTableNs && name == "table") {
    ++table_;
  } else if (ns == kDrawNs && name == "text-box") {
    ++text_box_;
  } else if (ns == kStyleNs && styles_part) {
    if (name == "header" || name == "header-left" || name == "header-first") {
      stories_.push_back({&headers, TextPart::kHeader, reader.depth()});
    } else if (name == "footer" || name == "footer-left" || name == "footer-first") {
      stories_.push_back({&footers, TextPart::kFooter, reader.depth()});
    }
  }
}

void OdtReader::EndElement(XmlReader& reader) {
  const std::string_view ns = reader.ns();
  const std::string_view name = reader.local_name();
  if (stories_.size() > 1 && reader.depth() == stories_.back().depth) {
    const Story story = stories_.back();
    stories_.pop_back();
    if (story.part == TextPart::kDeleted) {
      in_deletion_ = false;
      if (!change_id_.empty()) deletions_[change_id_] = deletion_text_;
    }
    return;
  }
  if (ns == kTextNs) {
    if ((name == "p" || name == "h") && !open_.empty()) {
      OpenParagraph open = std::move(open_.back());
      open_.pop_back();
      if (open.destination == nullptr) {  // a paragraph of a tracked deletion
        for (const TextSegment& segment : open.paragraph.segments) {
          if (!deletion_text_.empty() && !segment.text.empty()) deletion_text_ += " ";
          deletion_text_ += segment.text;
        }
        return;
      }
      open.destination->push_back(std::move(open.paragraph));
    } else if (name == "list") {
      if (!lists_.empty()) {
        if (lists_.back().level == 1) continued_[lists_.back().style] = counters_;
        lists_.pop_back();
      }
      item_pending_ = false;
    } else if (name == "list-item") {
      item_pending_ = false;
    } else if (name == "list-style" || name == "outline-style") {
      list_style_ = nullptr;
    } else if (name == "changed-region") {
      change_id_.clear();
    }
  } else if (ns == kTableNs && name == "table") {
    if (table_ > 0) --table_;
  } else if (ns == kDrawNs && name == "text-box") {
    if (text_box_ > 0) --text_box_;
  }
}

// Drops a master page's header or footer paragraphs that repeat one already read.
void AppendUnique(const std::vector<Paragraph>& paragraphs, Document& doc,
                  std::vector<std::string>& seen) {
  for (const Paragraph& paragraph : paragraphs) {
    std::string text;
    for (const TextSegment& segment : paragraph.segments) text += segment.text;
    if (std::find(seen.begin(), seen.end(), text) != seen.end()) continue;
    seen.push_back(text);
    AppendParagraph(paragraph, doc);
  }
}

}  // namespace

void ExtractOdt(std::string_view bytes, const ExtractOptions& options, Document& doc) {
  InitLibxml2Once();
  doc.format = DocumentFormat::kOdt;
  const std::unique_ptr<XmlPackage> package = XmlPackage::Open(bytes, "ODT", options, doc);
  if (!package) return;
  const std::string mimetype = package->ReadSmallPart("mimetype", 100);
  if (mimetype != kOdtMimetype) {
    doc.format = DocumentFormat::kUnknown;
    doc.status = DocumentStatus::kUnsupported;
    doc.reason = mimetype.empty() ? "ZIP archive that is not an ODT (no mimetype)"
                                  : "OpenDocument file (" + mimetype +
                                        ") is not supported; only text documents (ODT)";
    return;
  }
  if (std::string reason = OdfEncryptionReason(*package); !reason.empty()) {
    doc.status = DocumentStatus::kEncrypted;
    doc.reason = std::move(reason);
    return;
  }
  std::string content;
  switch (package->ReadPart("content.xml", content)) {
    case XmlPackage::Read::kOk:
      break;
    case XmlPackage::Read::kMissing:
      doc.status = DocumentStatus::kCorrupt;
      doc.reason = "damaged ODT: no content.xml";
      return;
    case XmlPackage::Read::kFailed:
      doc.status = package->failure_status();
      doc.reason = package->failure();
      return;
  }
  if (HasDoctype(content)) {
    doc.status = DocumentStatus::kCorrupt;
    doc.reason = "damaged ODT: content.xml declares a DTD, which ODF never does; not parsed";
    return;
  }
  OdtReader reader(options.max_xml_depth);
  std::vector<std::string> problems;
  // styles.xml first: named list styles live there, and the master pages' headers and footers.
  std::string styles;
  const XmlPackage::Read styles_read = package->ReadPart("styles.xml", styles);
  if (styles_read == XmlPackage::Read::kFailed) {
    problems.push_back(package->failure());
  } else if (styles_read == XmlPackage::Read::kOk) {
    if (HasDoctype(styles)) {
      problems.push_back("styles.xml declares a DTD, which ODF never does; not parsed");
    } else if (!reader.Read(styles, "styles.xml", /*styles_part=*/true)) {
      problems.push_back(reader.failure());
    }
  }
  styles.clear();
  reader.body.clear();  // styles.xml has no body text
  const bool content_ok = reader.Read(content, "content.xml", /*styles_part=*/false);
  content.clear();
  content.shrink_to_fit();

  for (const Paragraph& paragraph : reader.body) AppendParagraph(paragraph, doc);
  std::vector<std::string> seen;
  AppendUnique(reader.headers, doc, seen);
  seen.clear();
  AppendUnique(reader.footers, doc, seen);
  for (const auto* notes : {&reader.footnotes, &reader.endnotes, &reader.comments}) {
    for (const Paragraph& paragraph : *notes) AppendParagraph(paragraph, doc);
  }
  doc.pages.push_back(Page{.number = 1, .begin = 0, .end = doc.text.size()});
  const bool has_text = HasVisibleText(doc.text);
  if (!content_ok) {
    const std::string reason =
        (reader.failure_status() == DocumentStatus::kCorrupt ? "damaged ODT: " : "ODT ") +
        reader.failure();
    if (has_text) {
      doc.status = DocumentStatus::kPartial;
      doc.reason = reason + "; only the text before the error was read";
    } else {
      doc.status = reader.failure_status();
      doc.reason = reason;
      doc.text.clear();
      doc.pages.clear();
      doc.blocks.clear();
    }
    return;
  }
  // Pictures (a pasted scan) are read by OCR and appended as pages of their own.
  const std::vector<std::string> unread_pictures =
      ReadPictures(*package, package->NamesUnder("Pictures/"), options, doc);
  std::string reason;
  for (const std::string& problem : problems) reason += (reason.empty() ? "" : "; ") + problem;
  if (!problems.empty()) reason = "damaged ODT: " + reason + "; headers and footers not read";
  for (const std::string& problem : unread_pictures) {
    reason += (reason.empty() ? "" : "; ") + problem;
  }
  if (!HasVisibleText(doc.text)) {
    // Pictures that were not read may hold the text: the document needs OCR, it is not empty.
    doc.status = unread_pictures.empty() ? DocumentStatus::kEmpty : DocumentStatus::kNeedsOcr;
    doc.reason = unread_pictures.empty() ? "no text found" : reason;
    return;
  }
  if (!reason.empty()) {
    doc.status = DocumentStatus::kPartial;
    doc.reason = reason;
    return;
  }
  doc.status = DocumentStatus::kOk;
}

}  // namespace trustscreen::extract::internal
