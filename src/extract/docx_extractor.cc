// DOCX: the main story (word/document.xml) of an OOXML package, read with libzip from memory and
// libxml2's streaming reader (memory stays proportional to the text, not to the DOM).
#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlreader.h>
#include <zip.h>

#include <algorithm>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "extractors.h"
#include "utf8.h"

namespace trustscreen::extract::internal {
namespace {

constexpr const char* kDocumentPart = "word/document.xml";

// Zip bomb guards. A real document.xml is a few MiB at most and compresses 5-20:1; a part far
// above either bound is an attack or not worth the memory.
constexpr std::uint64_t kMaxPartBytes = 200ull << 20;
constexpr std::uint64_t kRatioCheckMinBytes = 10ull << 20;
constexpr std::uint64_t kMaxCompressionRatio = 100;

// OOXML never declares a DTD; refusing one up front rules out entity expansion attacks whatever
// libxml2 would do with it. A DOCTYPE can only sit in the prolog, before the root element.
constexpr std::size_t kDoctypeScanBytes = 64 << 10;

constexpr std::string_view kWordNs = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
constexpr std::string_view kWordStrictNs = "http://purl.oclc.org/ooxml/wordprocessingml/main";
constexpr std::string_view kMarkupCompatibilityNs =
    "http://schemas.openxmlformats.org/markup-compatibility/2006";

struct ZipDiscarder {
  void operator()(zip_t* archive) const { zip_discard(archive); }
};
struct ZipFileCloser {
  void operator()(zip_file_t* file) const { zip_fclose(file); }
};
struct XmlReaderFreer {
  void operator()(xmlTextReader* reader) const { xmlFreeTextReader(reader); }
};
using ZipPtr = std::unique_ptr<zip_t, ZipDiscarder>;
using ZipFilePtr = std::unique_ptr<zip_file_t, ZipFileCloser>;
using XmlReaderPtr = std::unique_ptr<xmlTextReader, XmlReaderFreer>;

void InitLibxml2Once() {
  // libxml2 requires xmlInitParser() before parsing from several threads at once.
  static std::once_flag once;
  std::call_once(once, [] { xmlInitParser(); });
}

void Fail(Document& doc, DocumentStatus status, std::string reason) {
  doc.status = status;
  doc.reason = std::move(reason);
  doc.text.clear();
  doc.pages.clear();
}

bool HasEntry(zip_t* archive, const char* name) {
  return zip_name_locate(archive, name, ZIP_FL_NOCASE) >= 0;
}

// Reads at most `max_bytes` of a small member (e.g. ODF's "mimetype"); "" if absent or unreadable.
std::string ReadSmallEntry(zip_t* archive, const char* name, std::size_t max_bytes) {
  ZipFilePtr file(zip_fopen(archive, name, ZIP_FL_NOCASE));
  if (!file) return "";
  std::string data(max_bytes, '\0');
  const zip_int64_t n = zip_fread(file.get(), data.data(), data.size());
  data.resize(n > 0 ? static_cast<std::size_t>(n) : 0);
  return data;
}

std::string NotDocxReason(zip_t* archive) {
  if (HasEntry(archive, "xl/workbook.xml")) {
    return "Excel workbook (XLSX) is not supported; only DOCX";
  }
  if (HasEntry(archive, "ppt/presentation.xml")) {
    return "PowerPoint presentation (PPTX) is not supported; only DOCX";
  }
  const std::string mimetype = ReadSmallEntry(archive, "mimetype", 100);
  if (mimetype.starts_with("application/vnd.oasis.opendocument")) {
    return "OpenDocument file (" + mimetype + ") is not supported yet; convert to DOCX or PDF";
  }
  return "ZIP archive that is not a DOCX (no word/document.xml)";
}

// Reads the part at `index` into `xml`, enforcing the zip bomb guards. On failure sets the
// document's status and returns false.
bool ReadPart(zip_t* archive, zip_uint64_t index, std::string& xml, Document& doc) {
  zip_stat_t stat;
  zip_stat_init(&stat);
  if (zip_stat_index(archive, index, 0, &stat) != 0) {
    Fail(doc, DocumentStatus::kCorrupt,
         std::string("damaged DOCX: cannot stat word/document.xml: ") +
             zip_error_strerror(zip_get_error(archive)));
    return false;
  }
  if ((stat.valid & ZIP_STAT_ENCRYPTION_METHOD) && stat.encryption_method != ZIP_EM_NONE) {
    Fail(doc, DocumentStatus::kEncrypted, "DOCX package is encrypted (ZIP password)");
    return false;
  }
  if (stat.valid & ZIP_STAT_SIZE) {
    if (stat.size > kMaxPartBytes) {
      Fail(doc, DocumentStatus::kTooLarge,
           "zip bomb guard: word/document.xml expands to " + FormatByteSize(stat.size) +
               " (limit " + FormatByteSize(kMaxPartBytes) + ")");
      return false;
    }
    if (stat.size >= kRatioCheckMinBytes && (stat.valid & ZIP_STAT_COMP_SIZE)) {
      const std::uint64_t ratio = stat.size / std::max<std::uint64_t>(stat.comp_size, 1);
      if (ratio > kMaxCompressionRatio) {
        Fail(doc, DocumentStatus::kTooLarge,
             "zip bomb guard: word/document.xml is compressed " + std::to_string(ratio) +
                 ":1 (limit " + std::to_string(kMaxCompressionRatio) + ":1 for parts over " +
                 FormatByteSize(kRatioCheckMinBytes) + ")");
        return false;
      }
    }
  }
  ZipFilePtr file(zip_fopen_index(archive, index, 0));
  if (!file) {
    zip_error_t* error = zip_get_error(archive);
    const int code = zip_error_code_zip(error);
    if (code == ZIP_ER_NOPASSWD || code == ZIP_ER_WRONGPASSWD || code == ZIP_ER_ENCRNOTSUPP) {
      Fail(doc, DocumentStatus::kEncrypted, "DOCX package is encrypted (ZIP password)");
    } else {
      Fail(
          doc, DocumentStatus::kCorrupt,
          std::string("damaged DOCX: cannot open word/document.xml: ") + zip_error_strerror(error));
    }
    return false;
  }
  if (stat.valid & ZIP_STAT_SIZE) xml.reserve(stat.size);
  char buffer[64 << 10];
  while (true) {
    const zip_int64_t n = zip_fread(file.get(), buffer, sizeof buffer);
    if (n < 0) {
      Fail(doc, DocumentStatus::kCorrupt,
           std::string("damaged DOCX: word/document.xml: ") + zip_file_strerror(file.get()));
      return false;
    }
    if (n == 0) break;
    // The declared size can lie; count what actually comes out.
    if (xml.size() + static_cast<std::uint64_t>(n) > kMaxPartBytes) {
      Fail(doc, DocumentStatus::kTooLarge,
           "zip bomb guard: word/document.xml expands beyond " + FormatByteSize(kMaxPartBytes));
      return false;
    }
    xml.append(buffer, static_cast<std::size_t>(n));
  }
  return true;
}

// What an open element means for the text.
enum class Tag {
  kOther,
  kParagraph,  // w:p: ends a line
  kRun,        // w:r: w:tab/w:br count only inside a run (w:pPr/w:tabs/w:tab is a tab stop)
  kText,       // w:t, w:delText: its character data is text
  kTableCell,  // w:tc: must not run into the next cell
  kSkipped,    // subtree ignored: field codes, mc:Fallback (a duplicate of mc:Choice)
};

std::string_view AsView(const xmlChar* s) {
  return s == nullptr ? std::string_view() : std::string_view(reinterpret_cast<const char*>(s));
}

// Classifies an element start and appends what an empty-content element stands for.
Tag OpenElement(xmlTextReaderPtr reader, Tag parent, std::string& text) {
  const std::string_view ns = AsView(xmlTextReaderConstNamespaceUri(reader));
  const std::string_view name = AsView(xmlTextReaderConstLocalName(reader));
  if (ns == kMarkupCompatibilityNs) return name == "Fallback" ? Tag::kSkipped : Tag::kOther;
  if (ns != kWordNs && ns != kWordStrictNs) return Tag::kOther;
  if (name == "p") return Tag::kParagraph;
  if (name == "r") return Tag::kRun;
  // Tracked deletions stay in: a struck export-control clause is still worth a reviewer's look.
  if (name == "t" || name == "delText") return Tag::kText;
  if (name == "tc") return Tag::kTableCell;
  if (name == "instrText" || name == "delInstrText") return Tag::kSkipped;
  if (parent == Tag::kRun) {
    if (name == "tab" || name == "ptab") {
      text.push_back('\t');
    } else if (name == "br" || name == "cr") {
      text.push_back('\n');
    } else if (name == "noBreakHyphen") {
      text.push_back('-');
    }
  }
  return Tag::kOther;
}

void CloseElement(Tag tag, std::string& text) {
  if (tag == Tag::kParagraph) {
    text.push_back('\n');
  } else if (tag == Tag::kTableCell && !text.empty() && text.back() != '\n') {
    text.push_back('\n');
  }
}

struct XmlError {
  std::string message;
  int line = 0;
};

void RecordXmlError(void* user_data, xmlErrorPtr error) {
  auto* first = static_cast<XmlError*>(user_data);
  if (error == nullptr || error->level < XML_ERR_ERROR || !first->message.empty()) return;
  first->message = error->message != nullptr ? error->message : "malformed XML";
  while (!first->message.empty() &&
         (first->message.back() == '\n' || first->message.back() == ' ')) {
    first->message.pop_back();
  }
  first->line = error->line;
}

// Appends the body text of `xml` to `text`. Returns false (with `error` set) if the XML is not
// well-formed; the text before the error is kept.
bool CollectBodyText(const std::string& xml, std::string& text, XmlError& error) {
  XmlReaderPtr reader(
      xmlReaderForMemory(xml.data(), static_cast<int>(xml.size()), kDocumentPart, nullptr,
                         XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING));
  if (!reader) {
    error.message = "libxml2 could not create a reader";
    return false;
  }
  xmlTextReaderSetStructuredErrorHandler(reader.get(), &RecordXmlError, &error);
  std::vector<Tag> open;
  int skip_depth = -1;  // while >= 0: inside a skipped subtree whose root is at this depth
  int ret;
  while ((ret = xmlTextReaderRead(reader.get())) == 1) {
    const int type = xmlTextReaderNodeType(reader.get());
    if (skip_depth >= 0) {
      if (type == XML_READER_TYPE_END_ELEMENT && xmlTextReaderDepth(reader.get()) == skip_depth) {
        skip_depth = -1;
      }
      continue;
    }
    switch (type) {
      case XML_READER_TYPE_ELEMENT: {
        const bool empty = xmlTextReaderIsEmptyElement(reader.get()) == 1;
        const Tag tag = OpenElement(reader.get(), open.empty() ? Tag::kOther : open.back(), text);
        if (tag == Tag::kSkipped) {
          if (!empty) skip_depth = xmlTextReaderDepth(reader.get());
        } else if (empty) {
          CloseElement(tag, text);
        } else {
          open.push_back(tag);
        }
        break;
      }
      case XML_READER_TYPE_END_ELEMENT:
        if (!open.empty()) {
          CloseElement(open.back(), text);
          open.pop_back();
        }
        break;
      case XML_READER_TYPE_TEXT:
      case XML_READER_TYPE_CDATA:
      case XML_READER_TYPE_WHITESPACE:
      case XML_READER_TYPE_SIGNIFICANT_WHITESPACE:
        if (!open.empty() && open.back() == Tag::kText) {
          text.append(AsView(xmlTextReaderConstValue(reader.get())));
        }
        break;
      default:
        break;  // entity references stay unexpanded; comments and PIs carry no text
    }
  }
  if (ret == 0) return true;
  if (error.message.empty()) error.message = "malformed XML";
  return false;
}

}  // namespace

void ExtractDocx(std::string_view bytes, Document& doc) {
  InitLibxml2Once();
  doc.format = DocumentFormat::kDocx;

  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  if (source == nullptr) {
    Fail(doc, DocumentStatus::kCrashed,
         std::string("libzip could not wrap the buffer: ") + zip_error_strerror(&error));
    zip_error_fini(&error);
    return;
  }
  // On success the archive owns the source; on failure it is still ours to free.
  ZipPtr archive(zip_open_from_source(source, ZIP_RDONLY, &error));
  if (!archive) {
    zip_source_free(source);
    Fail(doc, DocumentStatus::kCorrupt,
         std::string("not a valid ZIP/DOCX: ") + zip_error_strerror(&error));
    zip_error_fini(&error);
    return;
  }
  zip_error_fini(&error);

  const zip_int64_t index = zip_name_locate(archive.get(), kDocumentPart, ZIP_FL_NOCASE);
  if (index < 0) {
    doc.format = DocumentFormat::kUnknown;
    Fail(doc, DocumentStatus::kUnsupported, NotDocxReason(archive.get()));
    return;
  }

  std::string xml;
  if (!ReadPart(archive.get(), static_cast<zip_uint64_t>(index), xml, doc)) return;
  archive.reset();  // the XML is ours now; release libzip's state before parsing

  if (std::string_view(xml).substr(0, kDoctypeScanBytes).find("<!DOCTYPE") !=
      std::string_view::npos) {
    Fail(doc, DocumentStatus::kCorrupt,
         "damaged DOCX: word/document.xml declares a DTD, which OOXML never does; not parsed");
    return;
  }

  std::string text;
  XmlError xml_error;
  const bool well_formed = CollectBodyText(xml, text, xml_error);
  xml.clear();
  xml.shrink_to_fit();

  // libxml2 hands out valid UTF-8; re-validating costs little and keeps the invariant local.
  doc.replaced_invalid_bytes = AppendValidUtf8(text, doc.text);
  doc.pages.push_back(Page{.number = 1, .begin = 0, .end = doc.text.size()});
  const bool has_text = HasVisibleText(doc.text);
  if (!well_formed) {
    std::string reason = "damaged DOCX: word/document.xml: " + xml_error.message;
    if (xml_error.line > 0) reason += " (line " + std::to_string(xml_error.line) + ")";
    if (has_text) {
      doc.status = DocumentStatus::kPartial;
      doc.reason = reason + "; only the text before the error was read";
    } else {
      Fail(doc, DocumentStatus::kCorrupt, reason);
    }
    return;
  }
  if (!has_text) {
    doc.status = DocumentStatus::kEmpty;
    doc.reason = "no text found";
    return;
  }
  doc.status = DocumentStatus::kOk;
}

}  // namespace trustscreen::extract::internal
