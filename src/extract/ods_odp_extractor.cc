// ODS and ODP (OpenDocument spreadsheets and presentations): content.xml read with the hardened
// streaming XML reader, laid out by PageTextWriter like XLSX and PPTX.
//   ODS: every table (sheet) in order, one Page each labelled with its name; cells as shown (the
//        text:p the writer stored, else the typed value); text boxes drawn on the sheet
//        (table:shapes) as kTextBox paragraphs; repeated rows and cells
//        (table:number-*-repeated) are counted copy by copy against the cell limits, and empty
//        ones cost nothing however many they claim; annotations are notes on their cell; sheets
//        whose table style has table:display="false" are hidden, and read.
//   ODP: every draw:page in order, one Page each ("slide N"): its frames' paragraphs (tables as
//        kTable), presenter notes (presentation:notes, kNotes), annotations (kComment), and the
//        footer it shows (presentation:footer-decl, or the literal footer of its master page in
//        styles.xml) as kFooter.
#include <algorithm>
#include <cstdint>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "extractors.h"
#include "sheet_text.h"
#include "utf8.h"
#include "xml_package.h"
#include "xml_reader.h"

namespace trustscreen::extract::internal {
namespace {

constexpr std::string_view kOfficeNs = "urn:oasis:names:tc:opendocument:xmlns:office:1.0";
constexpr std::string_view kTextNs = "urn:oasis:names:tc:opendocument:xmlns:text:1.0";
constexpr std::string_view kTableNs = "urn:oasis:names:tc:opendocument:xmlns:table:1.0";
constexpr std::string_view kStyleNs = "urn:oasis:names:tc:opendocument:xmlns:style:1.0";
constexpr std::string_view kDrawNs = "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0";
constexpr std::string_view kPresentationNs =
    "urn:oasis:names:tc:opendocument:xmlns:presentation:1.0";
constexpr std::string_view kOdsMimetype = "application/vnd.oasis.opendocument.spreadsheet";
constexpr std::string_view kOdpMimetype = "application/vnd.oasis.opendocument.presentation";

// The largest repeat count honoured: more than a sheet can hold (1048576 rows, 16384 columns).
constexpr int kMaxRepeat = 1 << 20;

bool IsParagraph(const XmlReader& reader) {
  return reader.ns() == kTextNs && (reader.local_name() == "p" || reader.local_name() == "h");
}

// Text that a text:s, text:tab or text:line-break inside a paragraph stands for ("" otherwise).
std::string SpacingText(const XmlReader& reader) {
  if (reader.ns() != kTextNs) return "";
  if (reader.local_name() == "s") {
    const int count = std::clamp(ParseXmlInt(reader.Attribute(kTextNs, "c")).value_or(1), 1, 1000);
    return std::string(static_cast<std::size_t>(count), ' ');
  }
  if (reader.local_name() == "tab" || reader.local_name() == "line-break") return " ";
  return "";
}

// Opens an ODF package of media type `mimetype` and reads its content.xml (and styles.xml when
// `styles` is not null). On failure sets doc's status and returns false.
bool OpenOdf(std::string_view bytes, const ExtractOptions& options, std::string_view kind,
             std::string_view mimetype, std::string& content, std::string* styles,
             PartProblems& problems, Document& doc) {
  const std::unique_ptr<XmlPackage> package =
      XmlPackage::Open(bytes, std::string(kind), options, doc);
  if (!package) return false;
  const std::string found = package->ReadSmallPart("mimetype", 100);
  if (found != mimetype) {
    doc.format = DocumentFormat::kUnknown;
    FailDocument(doc, DocumentStatus::kUnsupported,
                 "ZIP archive that is not an " + std::string(kind) + " (mimetype '" + found + "')");
    return false;
  }
  if (std::string reason = OdfEncryptionReason(*package); !reason.empty()) {
    FailDocument(doc, DocumentStatus::kEncrypted, std::move(reason));
    return false;
  }
  DocumentStatus status = DocumentStatus::kOk;
  std::string problem;
  switch (ReadPackagePart(*package, "content.xml", content, status, problem)) {
    case XmlPackage::Read::kOk:
      break;
    case XmlPackage::Read::kMissing:
      FailDocument(doc, DocumentStatus::kCorrupt,
                   "damaged " + std::string(kind) + ": no content.xml");
      return false;
    case XmlPackage::Read::kFailed:
      FailDocument(doc, status,
                   (status == DocumentStatus::kCorrupt ? "damaged " + std::string(kind) + ": "
                                                       : std::string()) +
                       problem);
      return false;
  }
  if (styles != nullptr && ReadPackagePart(*package, "styles.xml", *styles, status, problem) ==
                               XmlPackage::Read::kFailed) {
    problems.Add(status, problem + " (master page footers not read)");
  }
  return true;
}

// ---- ODS ----

class OdsReader {
 public:
  OdsReader(const ExtractOptions& options, PageTextWriter& writer)
      : options_(options), writer_(writer), limits_(options) {}

  // Reads content.xml; false on damaged XML or nesting over the limit (status(), failure()).
  bool Read(std::string_view xml);
  DocumentStatus status() const { return status_; }
  const std::string& failure() const { return failure_; }
  const CellLimits& limits() const { return limits_; }
  const std::vector<std::string>& truncated() const { return truncated_; }
  const std::string& hidden() const { return hidden_; }

 private:
  void StartElement(XmlReader& reader);
  void EndElement(XmlReader& reader);
  void EndCell();
  void EndRow();
  // Where text goes now: the annotation, the cell, or a shape's paragraph.
  std::string& Sink() {
    if (annotation_depth_ >= 0) return annotation_;
    return cell_depth_ >= 0 ? cell_text_ : shape_text_;
  }

  const ExtractOptions& options_;
  PageTextWriter& writer_;
  CellLimits limits_;
  std::set<std::string> hidden_styles_;
  std::string style_;  // the table style being read in automatic-styles
  int sheets_ = 0;
  int table_depth_ = -1;
  bool skipping_ = false;  // the sheet is over a limit: the rest of it is not read
  std::uint64_t row_ = 0;
  std::uint64_t row_repeat_ = 1;
  std::vector<SheetCell> cells_;
  std::uint64_t column_ = 0;
  int cell_depth_ = -1;
  std::uint64_t cell_repeat_ = 1;
  std::string cell_text_;
  std::string cell_value_;  // office:value and the like, for a cell without text:p
  int paragraphs_ = 0;      // open text:p inside the cell (or annotation)
  int cell_paragraphs_ = 0;
  int annotation_depth_ = -1;
  std::string annotation_;
  int shapes_depth_ = -1;  // inside table:shapes (drawings and text boxes on the sheet)
  std::string shape_text_;
  std::vector<std::string> truncated_;
  std::string hidden_;
  DocumentStatus status_ = DocumentStatus::kOk;
  std::string failure_;
};

bool OdsReader::Read(std::string_view xml) {
  XmlReader reader(xml, "content.xml", options_.max_xml_depth);
  ReadNodes(
      reader, [this](XmlReader& r) { StartElement(r); }, [this](XmlReader& r) { EndElement(r); },
      [this](std::string_view text) {
        if (paragraphs_ > 0) Sink() += text;
      });
  writer_.EndPage();
  if (!reader.failed()) return true;
  status_ = reader.failure_status();
  failure_ = reader.failure();
  return false;
}

void OdsReader::StartElement(XmlReader& reader) {
  const std::string_view ns = reader.ns();
  const std::string_view name = reader.local_name();
  if (table_depth_ < 0) {
    if (ns == kStyleNs && name == "style") {
      style_ = reader.Attribute(kStyleNs, "family").value_or("") == "table"
                   ? reader.Attribute(kStyleNs, "name").value_or("")
                   : "";
    } else if (ns == kStyleNs && name == "table-properties" && !style_.empty() &&
               reader.Attribute(kTableNs, "display").value_or("") == "false") {
      hidden_styles_.insert(style_);
    } else if (ns == kTableNs && name == "table") {
      ++sheets_;
      if (sheets_ > options_.max_pages) {
        if (truncated_.empty()) {
          truncated_.push_back("more than " + std::to_string(options_.max_pages) +
                               " sheets (max_pages); the rest not read");
        }
        reader.SkipElement();
        return;
      }
      if (limits_.file_full()) {
        reader.SkipElement();
        return;
      }
      const std::string sheet = reader.Attribute(kTableNs, "name").value_or("");
      writer_.BeginPage(sheets_, sheet);
      limits_.BeginSheet(sheet);
      if (hidden_styles_.count(reader.Attribute(kTableNs, "style-name").value_or("")) > 0) {
        hidden_ += (hidden_.empty() ? "'" : ", '") + sheet + "'";
      }
      table_depth_ = reader.depth();
      skipping_ = false;
      row_ = 0;
    } else if (ns == kOfficeNs &&
               (name == "scripts" || name == "font-face-decls" || name == "forms")) {
      reader.SkipElement();
    }
    return;
  }
  if (skipping_) {
    reader.SkipElement();
    return;
  }
  if (ns == kTableNs) {
    if (name == "table-row") {
      row_repeat_ = static_cast<std::uint64_t>(
          std::clamp(ParseXmlInt(reader.Attribute(kTableNs, "number-rows-repeated")).value_or(1), 1,
                     kMaxRepeat));
      cells_.clear();
      column_ = 0;
    } else if ((name == "table-cell" || name == "covered-table-cell") && cell_depth_ < 0) {
      cell_depth_ = reader.depth();
      cell_repeat_ = static_cast<std::uint64_t>(
          std::clamp(ParseXmlInt(reader.Attribute(kTableNs, "number-columns-repeated")).value_or(1),
                     1, kMaxRepeat));
      cell_text_.clear();
      cell_paragraphs_ = 0;
      const std::string type = reader.Attribute(kOfficeNs, "value-type").value_or("");
      cell_value_.clear();
      for (const char* attribute :
           {"string-value", "date-value", "time-value", "boolean-value", "value"}) {
        if (auto value = reader.Attribute(kOfficeNs, attribute)) {
          cell_value_ = std::move(*value);
          break;
        }
      }
      if (type.empty()) cell_value_.clear();
    } else if (name == "table-column" || name == "table-columns" ||
               name == "table-header-columns" || name == "named-expressions" ||
               name == "table-source" || name == "scenario") {
      reader.SkipElement();
    } else if (name == "shapes" && cell_depth_ < 0) {
      shapes_depth_ = reader.depth();
    }
    return;
  }
  if (cell_depth_ < 0 && shapes_depth_ < 0) return;
  if (ns == kOfficeNs && name == "annotation") {
    annotation_depth_ = reader.depth();
    annotation_.clear();
  } else if (IsParagraph(reader)) {
    ++paragraphs_;
    std::string& sink = Sink();
    if (!sink.empty()) sink.push_back(' ');  // paragraphs of one cell, on one line
    if (annotation_depth_ < 0 && cell_depth_ >= 0) ++cell_paragraphs_;
  } else if (paragraphs_ > 0) {
    Sink() += SpacingText(reader);
  }
}

void OdsReader::EndElement(XmlReader& reader) {
  if (table_depth_ < 0) return;
  if (reader.depth() == table_depth_) {
    table_depth_ = -1;
    writer_.EndPage();
    return;
  }
  if (reader.depth() == annotation_depth_) {
    annotation_depth_ = -1;
    writer_.AddCellNote(row_, column_, TextPart::kComment, std::move(annotation_));
    annotation_.clear();
    return;
  }
  if (reader.depth() == cell_depth_) {
    EndCell();
    return;
  }
  if (IsParagraph(reader) && paragraphs_ > 0) {
    --paragraphs_;
    // A text box on the sheet: each paragraph a line of its own, before the rows that follow.
    if (paragraphs_ == 0 && cell_depth_ < 0 && annotation_depth_ < 0) {
      writer_.AddParagraph(TextPart::kTextBox, shape_text_);
      shape_text_.clear();
    }
    return;
  }
  if (reader.depth() == shapes_depth_) {
    shapes_depth_ = -1;
    return;
  }
  if (reader.ns() == kTableNs && reader.local_name() == "table-row") EndRow();
}

void OdsReader::EndCell() {
  cell_depth_ = -1;
  std::string text = cell_paragraphs_ > 0 ? std::move(cell_text_) : std::move(cell_value_);
  if (!text.empty()) {
    const std::uint64_t copies = limits_.Take(cell_repeat_);
    for (std::uint64_t k = 0; k < copies; ++k) cells_.push_back({column_ + k, text});
    if (copies < cell_repeat_) skipping_ = true;
  }
  column_ += cell_repeat_;
}

void OdsReader::EndRow() {
  if (!cells_.empty()) {
    writer_.AddRow(row_, cells_);
    // A repeated row is written once per copy: each copy is a row a reader of the sheet sees.
    for (std::uint64_t k = 1; k < row_repeat_ && !skipping_; ++k) {
      const std::uint64_t fit = limits_.Take(cells_.size());
      if (fit < cells_.size()) {
        cells_.resize(fit);
        skipping_ = true;
      }
      writer_.AddRow(row_ + k, cells_);
    }
  }
  cells_.clear();
  row_ += row_repeat_;
  column_ = 0;
}

// ---- ODP ----

class OdpReader {
 public:
  OdpReader(const ExtractOptions& options, PageTextWriter& writer)
      : options_(options), writer_(writer) {}

  // styles.xml: the literal footer text of each master page.
  void ReadMasterFooters(std::string_view xml);
  // content.xml; false on damaged XML or nesting over the limit (status(), failure()).
  bool Read(std::string_view xml);
  DocumentStatus status() const { return status_; }
  const std::string& failure() const { return failure_; }
  const std::vector<std::string>& truncated() const { return truncated_; }

 private:
  TextPart Part() const {
    if (annotation_depth_ >= 0) return TextPart::kComment;
    if (notes_depth_ >= 0) return TextPart::kNotes;
    if (tables_ > 0) return TextPart::kTable;
    return TextPart::kBody;
  }
  void StartElement(XmlReader& reader);
  void EndElement(XmlReader& reader);

  const ExtractOptions& options_;
  PageTextWriter& writer_;
  std::map<std::string, std::vector<std::string>> master_footers_;
  std::map<std::string, std::string> footer_decls_;  // presentation:footer-decl by name
  std::string footer_decl_;                          // the one being read
  std::string footer_decl_name_;
  int footer_decl_depth_ = -1;
  int slides_ = 0;
  int page_depth_ = -1;
  std::string page_master_;
  std::string page_footer_;
  int notes_depth_ = -1;
  int annotation_depth_ = -1;
  int tables_ = 0;
  std::vector<std::string> paragraphs_;  // open text:p, innermost last
  std::vector<std::string> truncated_;
  DocumentStatus status_ = DocumentStatus::kOk;
  std::string failure_;
};

void OdpReader::ReadMasterFooters(std::string_view xml) {
  XmlReader reader(xml, "styles.xml", options_.max_xml_depth);
  std::string master;
  int footer_depth = -1;
  int paragraph = 0;
  std::string text;
  while (reader.Next()) {
    if (reader.node() == XmlNode::kElementStart) {
      if (reader.ns() == kStyleNs && reader.local_name() == "master-page") {
        master = reader.Attribute(kStyleNs, "name").value_or("");
      } else if (reader.ns() == kPresentationNs && reader.local_name() == "notes") {
        reader.SkipElement();
      } else if (reader.ns() == kDrawNs && reader.local_name() == "frame" && !master.empty() &&
                 reader.Attribute(kPresentationNs, "class").value_or("") == "footer") {
        footer_depth = reader.depth();
      } else if (footer_depth >= 0 && IsParagraph(reader)) {
        ++paragraph;
        text.clear();
      } else if (paragraph > 0) {
        text += SpacingText(reader);
      }
    } else if (reader.node() == XmlNode::kElementEnd) {
      if (reader.depth() == footer_depth) {
        footer_depth = -1;
      } else if (footer_depth >= 0 && IsParagraph(reader) && paragraph > 0) {
        --paragraph;
        if (HasVisibleText(text)) master_footers_[master].push_back(text);
      }
    } else if (paragraph > 0) {
      text += reader.value();
    }
  }
  // A damaged styles.xml leaves the footers read before the damage: they are extras.
}

bool OdpReader::Read(std::string_view xml) {
  XmlReader reader(xml, "content.xml", options_.max_xml_depth);
  ReadNodes(
      reader, [this](XmlReader& r) { StartElement(r); }, [this](XmlReader& r) { EndElement(r); },
      [this](std::string_view text) {
        if (!paragraphs_.empty()) {
          paragraphs_.back() += text;
        } else if (footer_decl_depth_ >= 0) {
          footer_decl_ += text;
        }
      });
  writer_.EndPage();
  if (!reader.failed()) return true;
  status_ = reader.failure_status();
  failure_ = reader.failure();
  return false;
}

void OdpReader::StartElement(XmlReader& reader) {
  const std::string_view ns = reader.ns();
  const std::string_view name = reader.local_name();
  if (page_depth_ < 0) {
    if (ns == kDrawNs && name == "page") {
      ++slides_;
      if (slides_ > options_.max_pages) {
        if (truncated_.empty()) {
          truncated_.push_back("more than " + std::to_string(options_.max_pages) +
                               " slides (max_pages); the rest not read");
        }
        reader.SkipElement();
        return;
      }
      writer_.BeginPage(slides_, "slide " + std::to_string(slides_));
      page_depth_ = reader.depth();
      page_master_ = reader.Attribute(kDrawNs, "master-page-name").value_or("");
      page_footer_ = reader.Attribute(kPresentationNs, "use-footer-name").value_or("");
    } else if (ns == kPresentationNs && name == "footer-decl") {
      footer_decl_depth_ = reader.depth();
      footer_decl_.clear();
      footer_decl_name_ = reader.Attribute(kPresentationNs, "name").value_or("");
    } else if (ns == kOfficeNs &&
               (name == "scripts" || name == "font-face-decls" || name == "automatic-styles")) {
      reader.SkipElement();
    }
    return;
  }
  if (IsParagraph(reader)) {
    paragraphs_.emplace_back();
  } else if (!paragraphs_.empty()) {
    paragraphs_.back() += SpacingText(reader);
  } else if (ns == kPresentationNs && name == "notes") {
    notes_depth_ = reader.depth();
  } else if (ns == kOfficeNs && name == "annotation") {
    annotation_depth_ = reader.depth();
  } else if (ns == kTableNs && name == "table") {
    ++tables_;
  } else if (ns == kDrawNs && name == "page-thumbnail") {
    reader.SkipElement();
  }
}

void OdpReader::EndElement(XmlReader& reader) {
  const int depth = reader.depth();
  if (depth == footer_decl_depth_) {
    footer_decl_depth_ = -1;
    footer_decls_[footer_decl_name_] = footer_decl_;
    return;
  }
  if (IsParagraph(reader) && !paragraphs_.empty()) {
    const std::string text = std::move(paragraphs_.back());
    paragraphs_.pop_back();
    if (page_depth_ >= 0) writer_.AddParagraph(Part(), text);
    return;
  }
  if (depth == notes_depth_) {
    notes_depth_ = -1;
  } else if (depth == annotation_depth_) {
    annotation_depth_ = -1;
  } else if (reader.ns() == kTableNs && reader.local_name() == "table" && tables_ > 0) {
    --tables_;
  } else if (depth == page_depth_) {
    page_depth_ = -1;
    // The footer the slide shows: its own declaration, else its master page's literal text.
    const auto decl = footer_decls_.find(page_footer_);
    if (!page_footer_.empty() && decl != footer_decls_.end()) {
      writer_.AddParagraph(TextPart::kFooter, decl->second);
    } else if (const auto master = master_footers_.find(page_master_);
               master != master_footers_.end()) {
      for (const std::string& text : master->second) {
        writer_.AddParagraph(TextPart::kFooter, text);
      }
    }
    writer_.EndPage();
  }
}

}  // namespace

void ExtractOds(std::string_view bytes, const ExtractOptions& options, Document& doc) {
  InitLibxml2Once();
  doc.format = DocumentFormat::kOds;
  std::string content;
  PartProblems problems;
  if (!OpenOdf(bytes, options, "ODS", kOdsMimetype, content, nullptr, problems, doc)) return;
  PageTextWriter writer(doc, options);
  OdsReader reader(options, writer);
  if (!reader.Read(content)) {
    problems.Add(
        reader.status(),
        reader.failure() + (writer.has_text() ? "; only the text before it was read" : ""));
  }
  std::vector<std::string> truncated = reader.truncated();
  for (const std::string& reason : reader.limits().reasons()) truncated.push_back(reason);
  FinishPagedDocument(problems, truncated, "ODS", "sheets",
                      reader.hidden().empty() ? "" : "hidden sheets read: " + reader.hidden(),
                      writer.has_text(), doc);
}

void ExtractOdp(std::string_view bytes, const ExtractOptions& options, Document& doc) {
  InitLibxml2Once();
  doc.format = DocumentFormat::kOdp;
  std::string content;
  std::string styles;
  PartProblems problems;
  if (!OpenOdf(bytes, options, "ODP", kOdpMimetype, content, &styles, problems, doc)) return;
  PageTextWriter writer(doc, options);
  OdpReader reader(options, writer);
  if (!styles.empty()) reader.ReadMasterFooters(styles);
  styles.clear();
  if (!reader.Read(content)) {
    problems.Add(
        reader.status(),
        reader.failure() + (writer.has_text() ? "; only the text before it was read" : ""));
  }
  FinishPagedDocument(problems, reader.truncated(), "ODP", "slides", "", writer.has_text(), doc);
}

}  // namespace trustscreen::extract::internal
