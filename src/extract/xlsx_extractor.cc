// XLSX (SpreadsheetML, Transitional and Strict): the workbook's sheets in workbook order, found
// through the package relationships; every cell as Excel shows it (shared and inline strings,
// numbers through their number format, booleans, errors, formulas' cached values); cell comments
// from each sheet's comments part; text boxes and shapes from its drawing part. Laid out by
// PageTextWriter: one Page per sheet.
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "drawingml_text.h"
#include "extractors.h"
#include "opc_relationships.h"
#include "sheet_text.h"
#include "xlsx_number_format.h"
#include "xml_package.h"
#include "xml_reader.h"

namespace trustscreen::extract::internal {
namespace {

constexpr std::string_view kSheetNs = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
constexpr std::string_view kSheetStrictNs = "http://purl.oclc.org/ooxml/spreadsheetml/main";

bool IsSheetNs(std::string_view ns) { return ns == kSheetNs || ns == kSheetStrictNs; }

// An element of SpreadsheetML (either flavour) named `local`.
bool IsSml(const XmlReader& reader, std::string_view local) {
  return reader.local_name() == local && IsSheetNs(reader.ns());
}

struct SheetEntry {
  std::string name;
  bool hidden = false;  // state="hidden" or "veryHidden"
  std::string rel_id;
};

struct Workbook {
  std::vector<SheetEntry> sheets;
  bool date1904 = false;
};

bool ReadWorkbook(std::string_view xml, const std::string& name, int max_depth, Workbook& out,
                  DocumentStatus& status, std::string& failure) {
  XmlReader reader(xml, name, max_depth);
  while (reader.Next()) {
    if (reader.node() != XmlNode::kElementStart) continue;
    if (IsSml(reader, "sheet")) {
      SheetEntry sheet;
      sheet.name = reader.Attribute("", "name").value_or("");
      const std::string state = reader.Attribute("", "state").value_or("visible");
      sheet.hidden = state == "hidden" || state == "veryHidden";
      sheet.rel_id =
          reader.Attribute(kOfficeRelationshipsNs, "id")
              .value_or(reader.Attribute(kOfficeRelationshipsStrictNs, "id").value_or(""));
      out.sheets.push_back(std::move(sheet));
    } else if (IsSml(reader, "workbookPr")) {
      const std::string date1904 = reader.Attribute("", "date1904").value_or("");
      out.date1904 = date1904 == "1" || date1904 == "true";
    } else if (IsSml(reader, "definedNames") || IsSml(reader, "extLst")) {
      reader.SkipElement();
    }
  }
  if (!reader.failed()) return true;
  status = reader.failure_status();
  failure = reader.failure();
  return false;
}

// The text of a rich or plain string (<si>, <is>, <text>): its <t> elements, phonetic runs
// (<rPh>, a reading guide for East Asian text) left out. Call at the start of the element.
std::string ReadStringItem(XmlReader& reader) {
  std::string text;
  const int depth = reader.depth();
  int t_depth = -1;
  while (reader.Next()) {
    if (reader.node() == XmlNode::kElementStart) {
      if (IsSml(reader, "rPh")) {
        reader.SkipElement();
      } else if (IsSml(reader, "t")) {
        t_depth = reader.depth();
      }
    } else if (reader.node() == XmlNode::kElementEnd) {
      if (reader.depth() == depth) break;
      if (reader.depth() == t_depth) t_depth = -1;
    } else if (t_depth >= 0) {
      text += reader.value();
    }
  }
  return text;
}

// The shared string table, at most `max_strings` entries: a table of millions of tiny items would
// otherwise cost far more memory than its compressed size suggests.
bool ReadSharedStrings(std::string_view xml, const std::string& name, int max_depth,
                       std::uint64_t max_strings, std::vector<std::string>& out,
                       DocumentStatus& status, std::string& failure) {
  XmlReader reader(xml, name, max_depth);
  while (reader.Next()) {
    if (reader.node() == XmlNode::kElementStart && IsSml(reader, "si")) {
      if (out.size() >= max_strings) {
        status = DocumentStatus::kTooLarge;
        failure = name + ": more than " + std::to_string(max_strings) +
                  " shared strings (max_cells); the cells using the others show nothing";
        return false;
      }
      out.push_back(ReadStringItem(reader));
    }
  }
  if (!reader.failed()) return true;
  status = reader.failure_status();
  failure = reader.failure();
  return false;
}

// styles.xml: the number format code of each cell style (cellXfs), by style index.
std::vector<std::string> ReadCellFormats(std::string_view xml, int max_depth) {
  std::map<int, std::string> custom;
  std::vector<int> format_ids;
  XmlReader reader(xml, "styles.xml", max_depth);
  bool in_cell_xfs = false;
  while (reader.Next()) {
    if (reader.node() == XmlNode::kElementEnd) {
      if (IsSml(reader, "cellXfs")) in_cell_xfs = false;
      continue;
    }
    if (reader.node() != XmlNode::kElementStart) continue;
    if (IsSml(reader, "numFmt")) {
      const auto id = ParseXmlInt(reader.Attribute("", "numFmtId"));
      if (id) custom[*id] = reader.Attribute("", "formatCode").value_or("");
    } else if (IsSml(reader, "cellXfs")) {
      in_cell_xfs = true;
    } else if (in_cell_xfs && IsSml(reader, "xf")) {
      format_ids.push_back(ParseXmlInt(reader.Attribute("", "numFmtId")).value_or(0));
      reader.SkipElement();
    } else if (IsSml(reader, "fonts") || IsSml(reader, "fills") || IsSml(reader, "borders") ||
               IsSml(reader, "cellStyleXfs") || IsSml(reader, "dxfs") || IsSml(reader, "extLst")) {
      reader.SkipElement();
    }
  }
  // A damaged styles part leaves what was read: numbers then show in General.
  std::vector<std::string> out;
  out.reserve(format_ids.size());
  for (const int id : format_ids) {
    const auto it = custom.find(id);
    out.emplace_back(it != custom.end() ? it->second : std::string(BuiltinNumberFormat(id)));
  }
  return out;
}

struct WorkbookContext {
  const std::vector<std::string>& shared_strings;
  const std::vector<std::string>& cell_formats;
  bool date1904;
  int max_depth;
};

// The text a cell shows, from its type attribute t, style s and its <v> or inline string.
std::string CellText(const WorkbookContext& context, std::string_view type, int style,
                     const std::string& value, const std::string& inline_text) {
  if (type == "inlineStr") return inline_text;
  if (type == "s") {
    const auto index = ParseXmlInt(value);
    if (!index || *index < 0 || static_cast<std::size_t>(*index) >= context.shared_strings.size()) {
      return "";
    }
    return context.shared_strings[static_cast<std::size_t>(*index)];
  }
  if (type == "b") return value == "1" ? "TRUE" : value == "0" ? "FALSE" : value;
  if (type == "str" || type == "e" || type == "d") return value;  // formula text, #N/A, ISO date
  if (value.empty()) return inline_text;
  std::string_view code = "General";
  if (style >= 0 && static_cast<std::size_t>(style) < context.cell_formats.size() &&
      !context.cell_formats[static_cast<std::size_t>(style)].empty()) {
    code = context.cell_formats[static_cast<std::size_t>(style)];
  }
  return FormatCellNumber(value, code, context.date1904);
}

// One worksheet part -> rows of the writer's current page, under `limits`.
bool ReadSheet(std::string_view xml, const std::string& name, const WorkbookContext& context,
               CellLimits& limits, PageTextWriter& writer, DocumentStatus& status,
               std::string& failure) {
  XmlReader reader(xml, name, context.max_depth);
  std::uint64_t row = 0;
  bool any_row = false;
  std::vector<SheetCell> cells;
  std::uint64_t column = 0;
  bool any_cell = false;
  std::string type;
  int style = -1;
  std::string value;
  std::string inline_text;
  bool in_value = false;
  while (!limits.sheet_full() && reader.Next()) {
    if (reader.node() == XmlNode::kText) {
      if (in_value) value += reader.value();
      continue;
    }
    if (reader.node() == XmlNode::kElementEnd) {
      if (IsSml(reader, "v")) {
        in_value = false;
      } else if (IsSml(reader, "c")) {
        std::string text = CellText(context, type, style, value, inline_text);
        if (!text.empty() && limits.Take() > 0) cells.push_back({column, std::move(text)});
      } else if (IsSml(reader, "row")) {
        writer.AddRow(row, cells);
        cells.clear();
      }
      continue;
    }
    if (IsSml(reader, "row")) {
      const auto r = ParseXmlInt(reader.Attribute("", "r"));
      row = r && *r > 0 ? static_cast<std::uint64_t>(*r - 1) : (any_row ? row + 1 : 0);
      any_row = true;
      any_cell = false;
      cells.clear();
    } else if (IsSml(reader, "c")) {
      std::uint64_t ref_row = 0;
      std::uint64_t ref_column = 0;
      if (ParseCellRef(reader.Attribute("", "r").value_or(""), ref_row, ref_column)) {
        column = ref_column;
        row = ref_row;  // the cell's own reference wins over a row without (or with a wrong) r
      } else {
        column = any_cell ? column + 1 : 0;
      }
      any_cell = true;
      type = reader.Attribute("", "t").value_or("n");
      style = ParseXmlInt(reader.Attribute("", "s")).value_or(-1);
      value.clear();
      inline_text.clear();
    } else if (IsSml(reader, "v")) {
      in_value = true;
    } else if (IsSml(reader, "is")) {
      inline_text = ReadStringItem(reader);
    } else if (IsSml(reader, "f") || IsSml(reader, "sheetViews") || IsSml(reader, "cols") ||
               IsSml(reader, "extLst") || IsSml(reader, "conditionalFormatting") ||
               IsSml(reader, "dataValidations")) {
      reader.SkipElement();
    }
  }
  if (!cells.empty()) writer.AddRow(row, cells);  // a row cut short by a limit
  if (!reader.failed()) return true;
  status = reader.failure_status();
  failure = reader.failure();
  return false;
}

// A comments part: each <comment ref="B2"> as a note on its cell.
bool ReadComments(std::string_view xml, const std::string& name, int max_depth,
                  PageTextWriter& writer, DocumentStatus& status, std::string& failure) {
  XmlReader reader(xml, name, max_depth);
  std::string ref;
  while (reader.Next()) {
    if (reader.node() != XmlNode::kElementStart) continue;
    if (IsSml(reader, "authors")) {
      reader.SkipElement();
    } else if (IsSml(reader, "comment")) {
      ref = reader.Attribute("", "ref").value_or("");
    } else if (IsSml(reader, "text")) {
      std::string text = ReadStringItem(reader);
      std::uint64_t row = 0;
      std::uint64_t column = 0;
      // A range ("B2:C3") is located at its first cell.
      if (ParseCellRef(ref.substr(0, ref.find(':')), row, column)) {
        writer.AddCellNote(row, column, TextPart::kComment, std::move(text));
      }
    }
  }
  if (!reader.failed()) return true;
  status = reader.failure_status();
  failure = reader.failure();
  return false;
}

}  // namespace

void ExtractXlsx(std::string_view bytes, const ExtractOptions& options, Document& doc) {
  InitLibxml2Once();
  doc.format = DocumentFormat::kXlsx;
  const std::unique_ptr<XmlPackage> package = XmlPackage::Open(bytes, "XLSX", options, doc);
  if (!package) return;
  const int max_depth = options.max_xml_depth;
  const std::string workbook_part = MainPart(*package, "xl/workbook.xml", max_depth);

  PartProblems problems;
  Workbook workbook;
  ReadPartWith(*package, workbook_part, problems,
               [&](std::string_view xml, DocumentStatus& status, std::string& problem) {
                 return ReadWorkbook(xml, workbook_part, max_depth, workbook, status, problem);
               });
  if (!problems.empty() && workbook.sheets.empty()) {
    FinishPagedDocument(problems, {}, "XLSX", "sheets", "", false, doc);
    return;
  }
  const std::vector<Relationship> rels = ReadRelationships(*package, workbook_part, max_depth);

  std::vector<std::string> shared_strings;
  for (const std::string& part : TargetsOfType(rels, "sharedStrings")) {
    ReadPartWith(*package, part, problems,
                 [&](std::string_view xml, DocumentStatus& status, std::string& problem) {
                   return ReadSharedStrings(xml, part, max_depth, options.max_cells, shared_strings,
                                            status, problem);
                 });
  }
  std::vector<std::string> cell_formats;
  for (const std::string& part : TargetsOfType(rels, "styles")) {
    std::string xml;
    DocumentStatus status;
    std::string problem;
    // Styles only shape how numbers look; without them they show as General.
    if (ReadPackagePart(*package, part, xml, status, problem) == XmlPackage::Read::kOk) {
      cell_formats = ReadCellFormats(xml, max_depth);
    }
  }
  const WorkbookContext context{shared_strings, cell_formats, workbook.date1904, max_depth};

  PageTextWriter writer(doc, options);
  CellLimits limits(options);
  std::vector<std::string> truncated;
  std::string hidden;
  int number = 0;
  for (const SheetEntry& sheet : workbook.sheets) {
    ++number;
    if (number > options.max_pages) {
      truncated.push_back("more than " + std::to_string(options.max_pages) +
                          " sheets (max_pages); the rest not read");
      break;
    }
    if (limits.file_full()) break;
    writer.BeginPage(number, sheet.name);
    limits.BeginSheet(sheet.name);
    if (sheet.hidden) hidden += (hidden.empty() ? "'" : ", '") + sheet.name + "'";
    const std::string part = TargetOfId(rels, sheet.rel_id);
    if (part.empty()) {
      problems.Add(DocumentStatus::kCorrupt, "sheet '" + sheet.name + "' has no part");
      continue;
    }
    if (!part.ends_with(".xml") || part.find("chartsheets/") != std::string::npos) {
      continue;  // a chart sheet or dialog sheet holds no cells
    }
    ReadPartWith(*package, part, problems,
                 [&](std::string_view xml, DocumentStatus& status, std::string& problem) {
                   return ReadSheet(xml, part, context, limits, writer, status, problem);
                 });
    const std::vector<Relationship> sheet_rels = ReadRelationships(*package, part, max_depth);
    for (const std::string& comments : TargetsOfType(sheet_rels, "comments")) {
      ReadPartWith(
          *package, comments, problems,
          [&](std::string_view xml, DocumentStatus& status, std::string& problem) {
            return ReadComments(xml, comments, max_depth, writer, status, problem);
          },
          PartNeed::kOptional);
    }
    // Shapes and text boxes drawn on the sheet.
    for (const std::string& drawing : TargetsOfType(sheet_rels, "drawing")) {
      ReadPartWith(
          *package, drawing, problems,
          [&](std::string_view xml, DocumentStatus& status, std::string& problem) {
            return ReadDrawingParagraphs(xml, drawing, max_depth, TextPart::kTextBox, writer,
                                         status, problem);
          },
          PartNeed::kOptional);
    }
  }
  writer.EndPage();
  for (const std::string& reason : limits.reasons()) truncated.push_back(reason);
  FinishPagedDocument(problems, truncated, "XLSX", "sheets",
                      hidden.empty() ? "" : "hidden sheets read: " + hidden, writer.has_text(),
                      doc);
}

}  // namespace trustscreen::extract::internal
