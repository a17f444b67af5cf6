// The XLSX reader behind `lists import --format ofsi` (xlsx_sheet.h): libzip for the package,
// libxml2's streaming reader for the parts.

#include "xlsx_sheet.h"

#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlreader.h>
#include <zip.h>

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace trustscreen::lists::internal {
namespace {

// Excel's own sheet size: 1,048,576 rows by 16,384 columns (A..XFD).
constexpr std::size_t kMaxRows = std::size_t{1} << 20;
constexpr std::size_t kMaxColumns = std::size_t{1} << 14;

constexpr std::string_view kRelationshipsNs =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

struct ZipDiscard {
  void operator()(zip_t* archive) const { zip_discard(archive); }
};
using ZipPtr = std::unique_ptr<zip_t, ZipDiscard>;

struct ZipFileClose {
  void operator()(zip_file_t* file) const { zip_fclose(file); }
};
using ZipFilePtr = std::unique_ptr<zip_file_t, ZipFileClose>;

Result<ZipPtr> OpenZip(std::string_view bytes, const std::string& name) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  if (source == nullptr) {
    const std::string message = zip_error_strerror(&error);
    zip_error_fini(&error);
    return ParseError(name + ": not a readable XLSX workbook (" + message + ")");
  }
  // On success the archive owns the source; on failure it is still ours to free.
  ZipPtr archive(zip_open_from_source(source, ZIP_RDONLY, &error));
  if (!archive) {
    zip_source_free(source);
    const std::string message = zip_error_strerror(&error);
    zip_error_fini(&error);
    return ParseError(name + ": not a readable XLSX workbook (" + message + ")");
  }
  zip_error_fini(&error);
  return archive;
}

// Reads the part `part` into *out; false if the package has no such part. The size is checked
// while inflating: a ZIP header's sizes are the writer's claim, not a fact.
Result<bool> ReadPart(zip_t* archive, const std::string& part, const std::string& name,
                      std::size_t max_bytes, std::string* out) {
  out->clear();
  // OPC part names compare case-insensitively.
  const zip_int64_t index = zip_name_locate(archive, part.c_str(), ZIP_FL_NOCASE);
  if (index < 0) return false;
  const std::string where = name + ": " + part;
  zip_stat_t stat;
  zip_stat_init(&stat);
  if (zip_stat_index(archive, static_cast<zip_uint64_t>(index), 0, &stat) == 0 &&
      (stat.valid & ZIP_STAT_SIZE) && stat.size > max_bytes) {
    return InvalidArgument(where + ": inflates to " + std::to_string(stat.size) +
                           " bytes, over the " + std::to_string(max_bytes) + "-byte limit");
  }
  ZipFilePtr file(zip_fopen_index(archive, static_cast<zip_uint64_t>(index), 0));
  if (!file) {
    return ParseError(where + ": cannot open (" +
                      std::string(zip_error_strerror(zip_get_error(archive))) + ")");
  }
  char buffer[1 << 16];
  while (true) {
    const zip_int64_t n = zip_fread(file.get(), buffer, sizeof buffer);
    if (n < 0) return ParseError(where + ": " + zip_file_strerror(file.get()));
    if (n == 0) break;
    if (out->size() + static_cast<std::size_t>(n) > max_bytes) {
      out->clear();
      return InvalidArgument(where + ": inflates to more than " + std::to_string(max_bytes) +
                             " bytes; refused");
    }
    out->append(buffer, static_cast<std::size_t>(n));
  }
  return true;
}

// A streaming reader over one XML part. Entities stay unexpanded (no XML_PARSE_NOENT), nothing is
// fetched (XML_PARSE_NONET, no DTD loading), and a DOCTYPE is an error: OOXML parts never carry
// one, so one is either a broken or a hostile file.
class XmlPart {
 public:
  XmlPart(const std::string& xml, std::string where) : where_(std::move(where)) {
    static std::once_flag once;
    std::call_once(once, [] { xmlInitParser(); });
    if (xml.size() > static_cast<std::size_t>(INT32_MAX)) {
      error_ = "too large to parse";
      return;
    }
    reader_ = xmlReaderForMemory(xml.data(), static_cast<int>(xml.size()), nullptr, nullptr,
                                 XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (reader_ == nullptr) {
      error_ = "libxml2 could not create a reader";
      return;
    }
    xmlTextReaderSetStructuredErrorHandler(reader_, &XmlPart::RecordError, this);
  }
  ~XmlPart() {
    if (reader_ != nullptr) xmlFreeTextReader(reader_);
  }
  XmlPart(const XmlPart&) = delete;
  XmlPart& operator=(const XmlPart&) = delete;

  // Advances to the next element start, element end or text node; false at the end of the part
  // or on an error (then status() says what).
  bool Next() {
    if (!error_.empty() || reader_ == nullptr) return false;
    while (true) {
      const int ret = xmlTextReaderRead(reader_);
      if (ret == 0) return false;
      if (ret < 0) {
        if (error_.empty()) error_ = "malformed XML";
        return false;
      }
      type_ = xmlTextReaderNodeType(reader_);
      switch (type_) {
        case XML_READER_TYPE_DOCUMENT_TYPE:
          error_ = "has a DOCTYPE, which OOXML parts never have; refused";
          return false;
        case XML_READER_TYPE_ELEMENT:
        case XML_READER_TYPE_END_ELEMENT:
        case XML_READER_TYPE_TEXT:
        case XML_READER_TYPE_CDATA:
        case XML_READER_TYPE_WHITESPACE:
        case XML_READER_TYPE_SIGNIFICANT_WHITESPACE:
          return true;
        default:
          break;  // comments, processing instructions, unexpanded entity references
      }
    }
  }

  bool IsStart() const { return type_ == XML_READER_TYPE_ELEMENT; }
  bool IsEnd() const { return type_ == XML_READER_TYPE_END_ELEMENT; }
  bool IsText() const {
    return type_ == XML_READER_TYPE_TEXT || type_ == XML_READER_TYPE_CDATA ||
           type_ == XML_READER_TYPE_WHITESPACE || type_ == XML_READER_TYPE_SIGNIFICANT_WHITESPACE;
  }
  // An empty element (<v/>) reports no end.
  bool IsEmptyElement() const { return xmlTextReaderIsEmptyElement(reader_) == 1; }
  std::string_view LocalName() const { return View(xmlTextReaderConstLocalName(reader_)); }
  std::string_view Value() const { return View(xmlTextReaderConstValue(reader_)); }

  // The attribute's value ("" if absent); `ns` empty for an unqualified attribute.
  std::string Attribute(std::string_view local, std::string_view ns = {}) const {
    const std::string local_z(local);
    xmlChar* value;
    if (ns.empty()) {
      value = xmlTextReaderGetAttribute(reader_, reinterpret_cast<const xmlChar*>(local_z.c_str()));
    } else {
      const std::string ns_z(ns);
      value =
          xmlTextReaderGetAttributeNs(reader_, reinterpret_cast<const xmlChar*>(local_z.c_str()),
                                      reinterpret_cast<const xmlChar*>(ns_z.c_str()));
    }
    if (value == nullptr) return "";
    std::string out(reinterpret_cast<const char*>(value));
    xmlFree(value);
    return out;
  }

  // OK, or the first error met, naming the part (and the line, where libxml2 gave one).
  Status status() const {
    if (error_.empty()) return Status();
    return ParseError(where_ + ": " + error_ +
                      (error_line_ > 0 ? " (line " + std::to_string(error_line_) + ")" : ""));
  }

 private:
  static std::string_view View(const xmlChar* s) {
    return s == nullptr ? std::string_view() : std::string_view(reinterpret_cast<const char*>(s));
  }
  static void RecordError(void* self, _xmlError* error) {
    auto* part = static_cast<XmlPart*>(self);
    if (error == nullptr || error->level < XML_ERR_ERROR || !part->error_.empty()) return;
    std::string message = error->message != nullptr ? error->message : "malformed XML";
    while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) {
      message.pop_back();
    }
    part->error_ = message.empty() ? "malformed XML" : message;
    part->error_line_ = error->line;
  }

  std::string where_;
  xmlTextReaderPtr reader_ = nullptr;
  int type_ = 0;
  std::string error_;
  int error_line_ = 0;
};

// A relationship target resolved against the directory of the part that names it ("xl/"):
// "worksheets/sheet1.xml" -> "xl/worksheets/sheet1.xml", "/xl/styles.xml" -> "xl/styles.xml".
std::string ResolveTarget(const std::string& base_dir, const std::string& target) {
  if (!target.empty() && target[0] == '/') return target.substr(1);
  std::string dir = base_dir;
  std::string rest = target;
  while (rest.rfind("../", 0) == 0) {
    rest.erase(0, 3);
    if (!dir.empty()) dir.pop_back();  // the trailing '/'
    const std::size_t slash = dir.rfind('/');
    dir = slash == std::string::npos ? "" : dir.substr(0, slash + 1);
  }
  if (rest.rfind("./", 0) == 0) rest.erase(0, 2);
  return dir + rest;
}

struct Relationship {
  std::string type;
  std::string target;  // resolved
};

// The relationships part of `source_part` ("xl/workbook.xml" -> "xl/_rels/workbook.xml.rels"),
// by Id; empty if the package has none.
Result<std::map<std::string, Relationship>> ReadRelationships(zip_t* archive,
                                                              const std::string& source_part,
                                                              const std::string& name,
                                                              const XlsxLimits& limits) {
  const std::size_t slash = source_part.rfind('/');
  const std::string dir = slash == std::string::npos ? "" : source_part.substr(0, slash + 1);
  const std::string file = slash == std::string::npos ? source_part : source_part.substr(slash + 1);
  const std::string rels_part = dir + "_rels/" + file + ".rels";
  std::string xml;
  Result<bool> found = ReadPart(archive, rels_part, name, limits.max_part_bytes, &xml);
  if (!found.ok()) return found.status();
  std::map<std::string, Relationship> out;
  if (!*found) return out;
  XmlPart part(xml, name + ": " + rels_part);
  while (part.Next()) {
    if (part.IsStart() && part.LocalName() == "Relationship" &&
        part.Attribute("TargetMode") != "External") {
      out.emplace(part.Attribute("Id"), Relationship{part.Attribute("Type"),
                                                     ResolveTarget(dir, part.Attribute("Target"))});
    }
  }
  if (Status status = part.status(); !status.ok()) return status;
  return out;
}

bool EndsWith(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

// The parts of the workbook this reader needs, found through the package's relationships (with
// the usual names as a fallback for packages that omit them).
struct WorkbookParts {
  std::string sheet;
  std::string shared_strings;
  std::string styles;
  bool date1904 = false;
};

Result<WorkbookParts> FindParts(zip_t* archive, const std::string& name, const XlsxLimits& limits) {
  WorkbookParts parts;
  std::string workbook = "xl/workbook.xml";
  Result<std::map<std::string, Relationship>> package_rels =
      ReadRelationships(archive, "", name, limits);
  if (!package_rels.ok()) return package_rels.status();
  for (const auto& [id, rel] : *package_rels) {
    if (EndsWith(rel.type, "/officeDocument")) workbook = rel.target;
  }
  std::string xml;
  Result<bool> found = ReadPart(archive, workbook, name, limits.max_part_bytes, &xml);
  if (!found.ok()) return found.status();
  if (!*found) {
    return ParseError(name + ": not an XLSX workbook (no " + workbook + " in the ZIP file)");
  }
  std::string first_sheet_id;
  {
    XmlPart part(xml, name + ": " + workbook);
    while (part.Next()) {
      if (!part.IsStart()) continue;
      if (part.LocalName() == "workbookPr") {
        const std::string date1904 = part.Attribute("date1904");
        parts.date1904 = date1904 == "1" || date1904 == "true";
      } else if (part.LocalName() == "sheet" && first_sheet_id.empty()) {
        first_sheet_id = part.Attribute("id", kRelationshipsNs);
      }
    }
    if (Status status = part.status(); !status.ok()) return status;
  }
  const std::size_t slash = workbook.rfind('/');
  const std::string dir = slash == std::string::npos ? "" : workbook.substr(0, slash + 1);
  parts.sheet = dir + "worksheets/sheet1.xml";
  parts.shared_strings = dir + "sharedStrings.xml";
  parts.styles = dir + "styles.xml";
  Result<std::map<std::string, Relationship>> rels =
      ReadRelationships(archive, workbook, name, limits);
  if (!rels.ok()) return rels.status();
  for (const auto& [id, rel] : *rels) {
    if (id == first_sheet_id && !first_sheet_id.empty()) parts.sheet = rel.target;
    if (EndsWith(rel.type, "/sharedStrings")) parts.shared_strings = rel.target;
    if (EndsWith(rel.type, "/styles")) parts.styles = rel.target;
  }
  return parts;
}

Result<std::vector<std::string>> ReadSharedStrings(zip_t* archive, const std::string& part_name,
                                                   const std::string& name,
                                                   const XlsxLimits& limits) {
  std::vector<std::string> strings;
  std::string xml;
  Result<bool> found = ReadPart(archive, part_name, name, limits.max_part_bytes, &xml);
  if (!found.ok()) return found.status();
  if (!*found) return strings;  // a workbook without text cells needs none
  XmlPart part(xml, name + ": " + part_name);
  std::string current;
  bool in_item = false;
  bool in_text = false;
  int phonetic_depth = 0;  // inside <rPh>: reading aids, not part of the string
  while (part.Next()) {
    const std::string_view local = part.IsText() ? std::string_view() : part.LocalName();
    if (part.IsStart()) {
      const bool empty = part.IsEmptyElement();
      if (local == "si") {
        current.clear();
        in_item = !empty;
        if (empty) strings.emplace_back();
      } else if (local == "rPh" && !empty) {
        ++phonetic_depth;
      } else if (local == "t" && in_item && phonetic_depth == 0 && !empty) {
        in_text = true;
      }
    } else if (part.IsEnd()) {
      if (local == "si" && in_item) {
        strings.push_back(std::move(current));
        current.clear();
        in_item = false;
      } else if (local == "rPh" && phonetic_depth > 0) {
        --phonetic_depth;
      } else if (local == "t") {
        in_text = false;
      }
    } else if (in_text) {
      current.append(part.Value());
    }
  }
  if (Status status = part.status(); !status.ok()) return status;
  return strings;
}

// A number format shows a date if it has day or year codes outside quoted text, escapes and
// [colour/locale] brackets ("dd/MM/yyyy", "[$-809]d mmmm yyyy"); 'm' alone may be minutes.
bool IsDateFormatCode(std::string_view code) {
  bool quoted = false;
  bool bracket = false;
  for (std::size_t i = 0; i < code.size(); ++i) {
    const char c = code[i];
    if (quoted) {
      quoted = c != '"';
    } else if (bracket) {
      bracket = c != ']';
    } else if (c == '"') {
      quoted = true;
    } else if (c == '[') {
      bracket = true;
    } else if (c == '\\' || c == '_' || c == '*') {
      ++i;  // the next character is literal (or padding)
    } else if (c == 'd' || c == 'D' || c == 'y' || c == 'Y') {
      return true;
    }
  }
  return false;
}

// Built-in number formats that show dates (ECMA-376 18.8.30, with the East Asian date ids).
bool IsBuiltInDateFormat(int id) {
  return (id >= 14 && id <= 17) || id == 22 || (id >= 27 && id <= 36) || (id >= 50 && id <= 58);
}

// For each cell format (the `s` attribute of a cell), whether it shows a date.
Result<std::vector<bool>> ReadDateStyles(zip_t* archive, const std::string& part_name,
                                         const std::string& name, const XlsxLimits& limits) {
  std::vector<bool> is_date;
  std::string xml;
  Result<bool> found = ReadPart(archive, part_name, name, limits.max_part_bytes, &xml);
  if (!found.ok()) return found.status();
  if (!*found) return is_date;
  XmlPart part(xml, name + ": " + part_name);
  std::map<int, bool> custom;  // numFmtId -> shows a date
  bool in_cell_xfs = false;
  auto to_int = [](const std::string& text) {
    int value = -1;
    std::from_chars(text.data(), text.data() + text.size(), value);
    return value;
  };
  while (part.Next()) {
    if (part.IsStart()) {
      const std::string_view local = part.LocalName();
      if (local == "numFmt") {
        custom[to_int(part.Attribute("numFmtId"))] = IsDateFormatCode(part.Attribute("formatCode"));
      } else if (local == "cellXfs") {
        in_cell_xfs = !part.IsEmptyElement();
      } else if (local == "xf" && in_cell_xfs) {
        const int id = to_int(part.Attribute("numFmtId"));
        auto it = custom.find(id);
        is_date.push_back(it != custom.end() ? it->second : IsBuiltInDateFormat(id));
      }
    } else if (part.IsEnd() && part.LocalName() == "cellXfs") {
      in_cell_xfs = false;
    }
  }
  if (Status status = part.status(); !status.ok()) return status;
  return is_date;
}

// "AB12" -> column 27 (0-based); -1 if `ref` does not start with 1-3 letters and then digits.
int ColumnOf(std::string_view ref) {
  int column = 0;
  std::size_t i = 0;
  while (i < ref.size() && i < 4 && ref[i] >= 'A' && ref[i] <= 'Z') {
    column = column * 26 + (ref[i] - 'A' + 1);
    ++i;
  }
  if (i == 0 || i > 3 || i == ref.size() || ref[i] < '0' || ref[i] > '9') return -1;
  return column - 1;
}

// A positive decimal integer (a row number, a shared-string index); -1 otherwise.
long long ParseIndex(std::string_view text) {
  long long value = -1;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size() || value < 0) return -1;
  return value;
}

// "2025-04-10T00:00:00" (a cell of type d) -> "10/04/2025"; other text unchanged.
std::string IsoToDayMonthYear(const std::string& text) {
  if (text.size() < 10 || text[4] != '-' || text[7] != '-') return text;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (text[i] < '0' || text[i] > '9') return text;
  }
  return text.substr(8, 2) + "/" + text.substr(5, 2) + "/" + text.substr(0, 4);
}

struct SheetContext {
  const std::string& name;
  const std::string& part_name;
  const XlsxLimits& limits;
  const std::vector<std::string>& shared;
  const std::vector<bool>& date_styles;
  bool date1904;
};

Result<XlsxRows> ReadSheet(const std::string& xml, const SheetContext& context) {
  const std::string where = context.name + ": " + context.part_name;
  XmlPart part(xml, where);
  XlsxRows rows;
  std::size_t cells = 0;  // rows.size() plus every row's size: what the limit counts
  long long row = -1;     // 0-based, of the <row> being read
  long long column = -1;  // 0-based, of the <c> being read
  std::string type;
  long long style = -1;
  std::string value;        // <v>
  std::string inline_text;  // <is><t>…</t></is>
  bool in_cell = false;
  bool in_value = false;
  bool in_inline = false;
  bool in_inline_text = false;
  int phonetic_depth = 0;
  std::string cell_ref;

  auto too_many = [&]() {
    return InvalidArgument(where + ": more than " + std::to_string(context.limits.max_cells) +
                           " cells (counting the empty ones before each); refused");
  };
  auto finish_cell = [&]() -> Status {
    std::string text;
    if (type == "s" && !value.empty()) {
      const long long index = ParseIndex(value);
      if (index < 0 || static_cast<std::size_t>(index) >= context.shared.size()) {
        return ParseError(where + ": cell " + cell_ref + " refers to shared string '" + value +
                          "' of " + std::to_string(context.shared.size()));
      }
      text = context.shared[static_cast<std::size_t>(index)];
    } else if (type == "inlineStr") {
      text = std::move(inline_text);
    } else if (type == "b") {
      text = value == "1" ? "TRUE" : value == "0" ? "FALSE" : value;
    } else if (type == "d") {
      text = IsoToDayMonthYear(value);
    } else {  // n (the default), str (a formula's text), e (#N/A, …)
      text = std::move(value);
      if ((type.empty() || type == "n") && style >= 0 &&
          static_cast<std::size_t>(style) < context.date_styles.size() &&
          context.date_styles[static_cast<std::size_t>(style)]) {
        std::string date = XlsxSerialToDate(text, context.date1904);
        if (!date.empty()) text = std::move(date);
      }
    }
    if (text.empty()) return Status();  // an empty cell reads as if it were left out
    if (static_cast<std::size_t>(row) >= rows.size()) {
      cells += static_cast<std::size_t>(row) + 1 - rows.size();
      if (cells > context.limits.max_cells) return too_many();
      rows.resize(static_cast<std::size_t>(row) + 1);
    }
    std::vector<std::string>& cells_of_row = rows[static_cast<std::size_t>(row)];
    if (static_cast<std::size_t>(column) >= cells_of_row.size()) {
      cells += static_cast<std::size_t>(column) + 1 - cells_of_row.size();
      if (cells > context.limits.max_cells) return too_many();
      cells_of_row.resize(static_cast<std::size_t>(column) + 1);
    }
    cells_of_row[static_cast<std::size_t>(column)] = std::move(text);
    return Status();
  };

  while (part.Next()) {
    if (part.IsText()) {
      if (in_value) value.append(part.Value());
      if (in_inline_text) inline_text.append(part.Value());
      continue;
    }
    const std::string_view local = part.LocalName();
    if (part.IsStart()) {
      const bool empty = part.IsEmptyElement();
      if (local == "row") {
        const std::string r = part.Attribute("r");
        // Rows without a number follow the previous row (the format allows leaving it out).
        const long long number = r.empty() ? row + 2 : ParseIndex(r);
        if (number < 1 || static_cast<std::size_t>(number) > kMaxRows) {
          return ParseError(where + ": row number '" + r + "' is not between 1 and " +
                            std::to_string(kMaxRows));
        }
        row = number - 1;
        column = -1;
      } else if (local == "c") {
        if (row < 0) row = 0;  // a cell outside any <row>: tolerated as row 1
        cell_ref = part.Attribute("r");
        const int at = cell_ref.empty() ? static_cast<int>(column + 1) : ColumnOf(cell_ref);
        if (at < 0 || static_cast<std::size_t>(at) >= kMaxColumns) {
          return ParseError(where + ": cell reference '" + cell_ref +
                            "' is not a column A..XFD and a row");
        }
        column = at;
        if (cell_ref.empty()) cell_ref = "#" + std::to_string(column + 1);
        type = part.Attribute("t");
        const std::string s = part.Attribute("s");
        style = s.empty() ? -1 : ParseIndex(s);
        value.clear();
        inline_text.clear();
        in_cell = !empty;
        if (empty) {
          if (Status status = finish_cell(); !status.ok()) return status;
        }
      } else if (in_cell && local == "v" && !empty) {
        in_value = true;
      } else if (in_cell && local == "is" && !empty) {
        in_inline = true;
      } else if (in_inline && local == "rPh" && !empty) {
        ++phonetic_depth;
      } else if (in_inline && local == "t" && phonetic_depth == 0 && !empty) {
        in_inline_text = true;
      }
    } else if (part.IsEnd()) {
      if (local == "c" && in_cell) {
        in_cell = in_value = in_inline = in_inline_text = false;
        phonetic_depth = 0;
        if (Status status = finish_cell(); !status.ok()) return status;
      } else if (local == "v") {
        in_value = false;
      } else if (local == "is") {
        in_inline = false;
      } else if (local == "rPh" && phonetic_depth > 0) {
        --phonetic_depth;
      } else if (local == "t") {
        in_inline_text = false;
      }
    }
  }
  if (Status status = part.status(); !status.ok()) return status;
  return rows;
}

}  // namespace

bool LooksLikeZip(std::string_view bytes) { return bytes.substr(0, 4) == "PK\x03\x04"; }

Result<XlsxRows> ReadFirstXlsxSheet(std::string_view bytes, const std::string& display_name,
                                    const XlsxLimits& limits) {
  Result<ZipPtr> archive = OpenZip(bytes, display_name);
  if (!archive.ok()) return archive.status();
  zip_t* zip = archive->get();
  Result<WorkbookParts> parts = FindParts(zip, display_name, limits);
  if (!parts.ok()) return parts.status();
  Result<std::vector<std::string>> shared =
      ReadSharedStrings(zip, parts->shared_strings, display_name, limits);
  if (!shared.ok()) return shared.status();
  Result<std::vector<bool>> date_styles = ReadDateStyles(zip, parts->styles, display_name, limits);
  if (!date_styles.ok()) return date_styles.status();
  std::string xml;
  Result<bool> found = ReadPart(zip, parts->sheet, display_name, limits.max_part_bytes, &xml);
  if (!found.ok()) return found.status();
  if (!*found) {
    return ParseError(display_name + ": the workbook's first sheet (" + parts->sheet +
                      ") is missing from the ZIP file");
  }
  const SheetContext context{display_name, parts->sheet, limits,
                             *shared,      *date_styles, parts->date1904};
  return ReadSheet(xml, context);
}

std::string XlsxSerialToDate(std::string_view serial, bool date1904) {
  double value = 0;
  const auto [ptr, ec] = std::from_chars(serial.data(), serial.data() + serial.size(), value);
  if (ec != std::errc() || ptr != serial.data() + serial.size() || !(value >= 1) ||
      value >= 2958466) {
    return "";
  }
  // Days since 1970-01-01, then Howard Hinnant's civil_from_days.
  const long long z =
      static_cast<long long>(std::floor(value)) + (date1904 ? -24107 : -25569) + 719468;
  const long long era = (z >= 0 ? z : z - 146096) / 146097;
  const long long doe = z - era * 146097;
  const long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const long long mp = (5 * doy + 2) / 153;
  const long long day = doy - (153 * mp + 2) / 5 + 1;
  const long long month = mp < 10 ? mp + 3 : mp - 9;
  const long long year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  char text[64];  // room for any year a long long holds: no truncation
  std::snprintf(text, sizeof text, "%02lld/%02lld/%04lld", day, month, year);
  return text;
}

}  // namespace trustscreen::lists::internal
