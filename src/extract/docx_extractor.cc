// DOCX: every story of an OOXML package — body, headers, footers, footnotes, endnotes, comments —
// read with libzip from memory and the hardened streaming XML reader, with Word's list labels
// computed from numbering.xml and headings from styles.xml.
#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "docx_numbering.h"
#include "docx_xml.h"
#include "extractors.h"
#include "opc_relationships.h"
#include "picture_ocr.h"
#include "trustscreen/core/utf8.h"
#include "utf8.h"
#include "xml_package.h"
#include "xml_reader.h"
#include "xml_text.h"

namespace trustscreen::extract::internal {
namespace {

constexpr std::string_view kDefaultMainPart = "word/document.xml";

bool IsWordNs(std::string_view ns) { return ns == kWordNs || ns == kWordStrictNs; }

// ---- symbols ----

// w:sym with a Symbol or Wingdings code point: the Unicode character it looks like.
char32_t MapSymbol(std::string_view font, char32_t code) {
  if (code < 0xF000 || code > 0xF0FF) return code;
  const char32_t low = code - 0xF000;
  std::string lower_font(font);
  std::transform(lower_font.begin(), lower_font.end(), lower_font.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (lower_font == "symbol") {
    static constexpr char32_t kUpper[26] = {
        0x391, 0x392, 0x3A7, 0x394, 0x395, 0x3A6, 0x393, 0x397, 0x399, 0x3D1, 0x39A, 0x39B, 0x39C,
        0x39D, 0x39F, 0x3A0, 0x398, 0x3A1, 0x3A3, 0x3A4, 0x3A5, 0x3C2, 0x3A9, 0x39E, 0x3A8, 0x396};
    static constexpr char32_t kLower[26] = {
        0x3B1, 0x3B2, 0x3C7, 0x3B4, 0x3B5, 0x3C6, 0x3B3, 0x3B7, 0x3B9, 0x3D5, 0x3BA, 0x3BB, 0x3BC,
        0x3BD, 0x3BF, 0x3C0, 0x3B8, 0x3C1, 0x3C3, 0x3C4, 0x3C5, 0x3D6, 0x3C9, 0x3BE, 0x3C8, 0x3B6};
    if (low >= 'A' && low <= 'Z') return kUpper[low - 'A'];
    if (low >= 'a' && low <= 'z') return kLower[low - 'a'];
    switch (low) {
      case 0xA0:
        return 0x20AC;  // €
      case 0xA3:
        return 0x2264;  // ≤
      case 0xA5:
        return 0x221E;  // ∞
      case 0xAC:
        return 0x2190;  // ←
      case 0xAD:
        return 0x2191;  // ↑
      case 0xAE:
        return 0x2192;  // →
      case 0xAF:
        return 0x2193;  // ↓
      case 0xB0:
        return 0xB0;  // °
      case 0xB1:
        return 0xB1;  // ±
      case 0xB3:
        return 0x2265;  // ≥
      case 0xB4:
        return 0xD7;  // ×
      case 0xB6:
        return 0x2202;  // ∂
      case 0xB7:
        return 0x2022;  // •
      case 0xB8:
        return 0xF7;  // ÷
      case 0xB9:
        return 0x2260;  // ≠
      case 0xBB:
        return 0x2248;  // ≈
      case 0xD2:
      case 0xE2:
        return 0xAE;  // ®
      case 0xD3:
      case 0xE3:
        return 0xA9;  // ©
      case 0xD4:
      case 0xE4:
        return 0x2122;  // ™
      case 0xD6:
        return 0x221A;  // √
      case 0xDE:
        return 0x21D2;  // ⇒
      case 0xE5:
        return 0x2211;  // ∑
      default:
        return low < 0x80 ? low : code;
    }
  }
  if (lower_font.starts_with("wingdings")) {
    switch (low) {
      case 0x6C:
        return 0x25CF;  // ●
      case 0x6E:
        return 0x25A0;  // ■
      case 0x6F:
        return 0x25A1;  // □
      case 0x71:
        return 0x2751;  // ❑
      case 0x9F:
        return 0x2022;  // •
      case 0xA7:
        return 0x25AA;  // ▪
      case 0xA8:
        return 0x25FB;  // ◻
      case 0xD8:
        return 0x27A2;  // ➢
      case 0xE0:
        return 0x2192;  // →
      case 0xFB:
        return 0x2718;  // ✘
      case 0xFC:
        return 0x2714;  // ✔
      case 0xFD:
        return 0x2612;  // ☒
      case 0xFE:
        return 0x2611;  // ☑
      default:
        return code;
    }
  }
  return low;  // a text font addressed through the private-use range
}

// ---- stories ----

struct DocxContext {
  const DocxStyles& styles;
  const DocxNumbering& numbering;
  int max_depth;
};

// Reads one story (the body, a header, the footnotes …) into paragraphs.
class StoryReader {
 public:
  StoryReader(const DocxContext& context, TextPart base_part)
      : context_(context), base_part_(base_part), counter_(context.numbering, context.styles) {}

  // False if the XML is damaged or too deep; the paragraphs read before that are kept.
  bool Read(std::string_view xml, const std::string& name);
  const std::string& failure() const { return failure_; }
  DocumentStatus failure_status() const { return failure_status_; }
  std::vector<Paragraph>& paragraphs() { return paragraphs_; }

 private:
  struct OpenParagraph {
    Paragraph paragraph;
    int depth = 0;
    std::string style;
    DocxNumPr num_pr;
    std::optional<int> outline_level;
  };

  TextPart CurrentPart() const {
    if (deleted_ > 0) return TextPart::kDeleted;
    if (inserted_ > 0) return TextPart::kInserted;
    if (text_box_ > 0) return TextPart::kTextBox;
    if (table_ > 0) return TextPart::kTable;
    return base_part_;
  }
  bool InFieldInstruction() const {
    return std::find(fields_.begin(), fields_.end(), true) != fields_.end();
  }
  void Append(std::string_view text) {
    if (!open_.empty() && !InFieldInstruction()) open_.back().paragraph.Append(CurrentPart(), text);
  }
  void StartElement(XmlReader& reader);
  void EndElement(XmlReader& reader);
  void FinishParagraph();

  const DocxContext& context_;
  TextPart base_part_;
  DocxNumbering::Counter counter_;
  std::vector<Paragraph> paragraphs_;
  std::vector<OpenParagraph> open_;  // nested through text boxes
  std::vector<bool> fields_;         // open complex fields: true while in the instruction
  int in_text_ = 0;
  int in_paragraph_properties_ = 0;
  int deleted_ = 0;
  int inserted_ = 0;
  int text_box_ = 0;
  int table_ = 0;
  std::string failure_;
  DocumentStatus failure_status_ = DocumentStatus::kOk;
};

bool StoryReader::Read(std::string_view xml, const std::string& name) {
  XmlReader reader(xml, name, context_.max_depth);
  ReadNodes(
      reader, [this](XmlReader& r) { StartElement(r); }, [this](XmlReader& r) { EndElement(r); },
      [this](std::string_view text) {
        if (in_text_ > 0) Append(text);
      });
  while (!open_.empty()) FinishParagraph();  // keep the text of a cut-off paragraph
  if (!reader.failed()) return true;
  failure_ = reader.failure();
  failure_status_ = reader.failure_status();
  return false;
}

void StoryReader::StartElement(XmlReader& reader) {
  const std::string_view ns = reader.ns();
  const std::string_view name = reader.local_name();
  if (ns == kMarkupCompatibilityNs) {
    // mc:Fallback repeats mc:Choice (e.g. a VML copy of a text box).
    if (name == "Fallback") reader.SkipElement();
    return;
  }
  if (!IsWordNs(ns)) return;
  if (name == "p") {
    open_.emplace_back();
    open_.back().depth = reader.depth();
  } else if (name == "pPr") {
    if (!open_.empty() && reader.depth() == open_.back().depth + 1) ++in_paragraph_properties_;
  } else if (name == "rPr" || name == "pPrChange" || name == "tabs" || name == "sectPr" ||
             name == "instrText" || name == "delInstrText") {
    // Run properties (incl. the paragraph mark's tracked changes), former paragraph
    // properties, tab stops and field instructions hold no displayed text.
    reader.SkipElement();
  } else if (in_paragraph_properties_ > 0) {
    OpenParagraph& open = open_.back();
    if (name == "pStyle") {
      open.style = reader.Attribute(ns, "val").value_or("");
    } else if (name == "numId") {
      open.num_pr.num_id = ParseXmlInt(reader.Attribute(ns, "val"));
    } else if (name == "ilvl") {
      open.num_pr.ilvl = ParseXmlInt(reader.Attribute(ns, "val"));
    } else if (name == "outlineLvl") {
      open.outline_level = ParseXmlInt(reader.Attribute(ns, "val"));
    }
  } else if (name == "t" || name == "delText") {
    ++in_text_;
  } else if (name == "tab" || name == "ptab") {
    Append("\t");
  } else if (name == "br" || name == "cr") {
    Append("\n");
  } else if (name == "noBreakHyphen") {
    Append("-");
  } else if (name == "sym") {
    std::uint32_t code = 0;
    const std::string hex = reader.Attribute(ns, "char").value_or("");
    const auto [ptr, ec] = std::from_chars(hex.data(), hex.data() + hex.size(), code, 16);
    if (ec == std::errc() && ptr == hex.data() + hex.size() && code > 0) {
      std::string utf8;
      trustscreen::AppendUtf8(MapSymbol(reader.Attribute(ns, "font").value_or(""), code), utf8);
      Append(utf8);
    }
  } else if (name == "del" || name == "moveFrom") {
    ++deleted_;
  } else if (name == "ins" || name == "moveTo") {
    ++inserted_;
  } else if (name == "tbl") {
    ++table_;
  } else if (name == "txbxContent") {
    ++text_box_;
  } else if (name == "fldChar") {
    const std::string type = reader.Attribute(ns, "fldCharType").value_or("");
    if (type == "begin") {
      fields_.push_back(true);
    } else if (type == "separate" && !fields_.empty()) {
      fields_.back() = false;
    } else if (type == "end" && !fields_.empty()) {
      fields_.pop_back();
    }
  } else if (name == "footnote" || name == "endnote") {
    const std::string type = reader.Attribute(ns, "type").value_or("normal");
    if (type != "normal") reader.SkipElement();  // separator lines and continuation notices
  }
}

void StoryReader::EndElement(XmlReader& reader) {
  if (!IsWordNs(reader.ns())) return;
  const std::string_view name = reader.local_name();
  if (name == "p") {
    if (!open_.empty()) FinishParagraph();
  } else if (name == "pPr") {
    if (in_paragraph_properties_ > 0 && reader.depth() == open_.back().depth + 1) {
      --in_paragraph_properties_;
    }
  } else if (name == "t" || name == "delText") {
    if (in_text_ > 0) --in_text_;
  } else if (name == "del" || name == "moveFrom") {
    if (deleted_ > 0) --deleted_;
  } else if (name == "ins" || name == "moveTo") {
    if (inserted_ > 0) --inserted_;
  } else if (name == "tbl") {
    if (table_ > 0) --table_;
  } else if (name == "txbxContent") {
    if (text_box_ > 0) --text_box_;
  }
}

void StoryReader::FinishParagraph() {
  OpenParagraph open = std::move(open_.back());
  open_.pop_back();
  // A field whose instruction runs past the paragraph end is damaged: show the text that follows
  // rather than hiding the rest of the story.
  std::fill(fields_.begin(), fields_.end(), false);
  in_paragraph_properties_ = 0;
  Paragraph& paragraph = open.paragraph;
  const DocxStyles& styles = context_.styles;
  const std::string style = open.style.empty() ? styles.default_paragraph_style() : open.style;
  const DocxNumPr from_style = styles.NumPr(style);
  const std::optional<int> num_id = open.num_pr.num_id ? open.num_pr.num_id : from_style.num_id;
  if (num_id && *num_id > 0) {
    std::optional<int> ilvl = open.num_pr.ilvl ? open.num_pr.ilvl : from_style.ilvl;
    if (!ilvl) ilvl = context_.numbering.LevelForStyle(*num_id, style);
    counter_.Next(*num_id, ilvl.value_or(0), paragraph.label, paragraph.label_suffix);
  }
  if (open.outline_level) {
    paragraph.heading_level =
        *open.outline_level >= 0 && *open.outline_level < 9 ? *open.outline_level + 1 : 0;
  } else {
    paragraph.heading_level = styles.HeadingLevel(style);
  }
  paragraphs_.push_back(std::move(paragraph));
}

// ---- the package ----

std::string NotDocxReason(XmlPackage& package) {
  if (package.Has("xl/workbook.xml")) {
    return "Excel workbook (XLSX) is not supported; only DOCX";
  }
  if (package.Has("ppt/presentation.xml")) {
    return "PowerPoint presentation (PPTX) is not supported; only DOCX";
  }
  const std::string mimetype = package.ReadSmallPart("mimetype", 100);
  if (mimetype.starts_with("application/vnd.oasis.opendocument")) {
    return "OpenDocument file (" + mimetype + ") is not supported; only text documents (ODT)";
  }
  return "ZIP archive that is not a DOCX (no word/document.xml)";
}

}  // namespace

void ExtractDocx(std::string_view bytes, const ExtractOptions& options, Document& doc) {
  InitLibxml2Once();
  doc.format = DocumentFormat::kDocx;
  const std::unique_ptr<XmlPackage> package = XmlPackage::Open(bytes, "DOCX", options, doc);
  if (!package) return;
  const int max_depth = options.max_xml_depth;

  const std::string main_part = MainPart(*package, kDefaultMainPart, max_depth);
  std::string main_xml;
  switch (package->ReadPart(main_part, main_xml)) {
    case XmlPackage::Read::kOk:
      break;
    case XmlPackage::Read::kMissing:
      if (package->ReadSmallPart("mimetype", 100) == "application/vnd.oasis.opendocument.text") {
        ExtractOdt(bytes, options, doc);
        return;
      }
      doc.format = DocumentFormat::kUnknown;
      FailDocument(doc, DocumentStatus::kUnsupported, NotDocxReason(*package));
      return;
    case XmlPackage::Read::kFailed:
      FailDocument(doc, package->failure_status(), package->failure());
      return;
  }
  if (HasDoctype(main_xml)) {
    FailDocument(
        doc, DocumentStatus::kCorrupt,
        "damaged DOCX: " + main_part + " declares a DTD, which OOXML never does; not parsed");
    return;
  }

  std::vector<std::string> problems;     // parts not (fully) read: the document is partial
  std::vector<std::string> label_notes;  // styles/numbering not read: labels may be missing
  const std::vector<Relationship> rels = ReadRelationships(*package, main_part, max_depth);
  // Styles and numbering only shape labels and headings; the text does not depend on them.
  const auto read_aux = [&](std::string_view type, std::string_view fallback, std::string& xml) {
    std::vector<std::string> targets = TargetsOfType(rels, type);
    if (targets.empty()) targets.emplace_back(fallback);
    const XmlPackage::Read read = package->ReadPart(targets.front(), xml);
    if (read == XmlPackage::Read::kFailed) label_notes.push_back(package->failure());
    if (read == XmlPackage::Read::kOk && HasDoctype(xml)) {
      label_notes.push_back(targets.front() + " declares a DTD; not parsed");
      xml.clear();
    }
    return !xml.empty();
  };
  DocxStyles styles;
  DocxNumbering numbering;
  std::string error;
  std::string aux_xml;
  if (read_aux("styles", "word/styles.xml", aux_xml) && !styles.Parse(aux_xml, max_depth, error)) {
    label_notes.push_back(error);
  }
  if (read_aux("numbering", "word/numbering.xml", aux_xml) &&
      !numbering.Parse(aux_xml, max_depth, error)) {
    label_notes.push_back(error);
  }
  aux_xml.clear();
  aux_xml.shrink_to_fit();
  const DocxContext context{styles, numbering, max_depth};

  StoryReader body(context, TextPart::kBody);
  const bool body_ok = body.Read(main_xml, main_part);
  main_xml.clear();
  main_xml.shrink_to_fit();
  for (const Paragraph& paragraph : body.paragraphs()) AppendParagraph(paragraph, doc);

  if (!body_ok) {
    const std::string reason =
        (body.failure_status() == DocumentStatus::kCorrupt ? "damaged DOCX: " : "DOCX ") +
        body.failure();
    doc.pages.push_back(Page{.number = 1, .begin = 0, .end = doc.text.size()});
    if (HasVisibleText(doc.text)) {
      doc.status = DocumentStatus::kPartial;
      doc.reason = reason + "; only the text before the error was read";
    } else {
      FailDocument(doc, body.failure_status(), reason);
    }
    return;
  }

  static constexpr std::pair<std::string_view, TextPart> kStories[] = {
      {"header", TextPart::kHeader},
      {"footer", TextPart::kFooter},
      {"footnotes", TextPart::kFootnote},
      {"endnotes", TextPart::kEndnote},
      {"comments", TextPart::kComment}};
  for (const auto& [type, part] : kStories) {
    for (const std::string& target : TargetsOfType(rels, type)) {
      std::string xml;
      const XmlPackage::Read read = package->ReadPart(target, xml);
      if (read == XmlPackage::Read::kMissing) continue;  // a dangling relationship: nothing to read
      if (read == XmlPackage::Read::kFailed) {
        problems.push_back(package->failure());
        continue;
      }
      if (HasDoctype(xml)) {
        problems.push_back(target + " declares a DTD, which OOXML never does; not parsed");
        continue;
      }
      StoryReader story(context, part);
      if (!story.Read(xml, target)) problems.push_back(story.failure());
      for (const Paragraph& paragraph : story.paragraphs()) AppendParagraph(paragraph, doc);
    }
  }

  doc.pages.push_back(Page{.number = 1, .begin = 0, .end = doc.text.size()});
  // Pictures in the body (a pasted scan) are read by OCR and appended as pages of their own.
  const std::vector<std::string> unread_pictures =
      ReadPictures(*package, TargetsOfType(rels, "image"), options, doc);
  std::string reason;
  for (const std::string& problem : problems) reason += (reason.empty() ? "" : "; ") + problem;
  if (!problems.empty()) reason = "damaged DOCX: " + reason + "; the other parts were read";
  for (const std::string& problem : unread_pictures) {
    reason += (reason.empty() ? "" : "; ") + problem;
  }
  if (!HasVisibleText(doc.text)) {
    // Pictures that were not read may hold the text: the document needs OCR, it is not empty.
    doc.status = unread_pictures.empty() ? DocumentStatus::kEmpty : DocumentStatus::kNeedsOcr;
    doc.reason = unread_pictures.empty() ? "no text found" : reason;
    return;
  }
  if (!problems.empty() || !unread_pictures.empty()) {
    doc.status = DocumentStatus::kPartial;
    doc.reason = reason;
    return;
  }
  reason.clear();
  doc.status = DocumentStatus::kOk;
  for (const std::string& note : label_notes) reason += (reason.empty() ? "" : "; ") + note;
  if (!label_notes.empty()) doc.reason = "list labels or headings may be missing: " + reason;
}

}  // namespace trustscreen::extract::internal
