#include "xml_reader.h"

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlreader.h>

#include <charconv>
#include <mutex>

#include "utf8.h"

namespace trustscreen::extract::internal {
namespace {

std::string_view AsView(const xmlChar* s) {
  return s == nullptr ? std::string_view() : std::string_view(reinterpret_cast<const char*>(s));
}

// Every entity or DTD that libxml2 would fetch ends here: nothing is ever loaded.
xmlParserInputPtr RefuseExternalEntity(const char* /*url*/, const char* /*id*/,
                                       xmlParserCtxtPtr /*ctxt*/) {
  return nullptr;
}

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

}  // namespace

void InitLibxml2Once() {
  // libxml2 requires xmlInitParser() before parsing from several threads at once.
  static std::once_flag once;
  std::call_once(once, [] {
    xmlInitParser();
    xmlSetExternalEntityLoader(&RefuseExternalEntity);
  });
}

bool HasDoctype(std::string_view xml) {
  using namespace std::string_view_literals;
  std::string converted;
  if (StartsWith(xml, "\xFF\xFE"sv) || StartsWith(xml, "\xFE\xFF"sv)) {
    AppendUtf16AsUtf8(xml.substr(2), xml[0] == '\xFE', converted);
    xml = converted;
  }
  if (StartsWith(xml, "\xEF\xBB\xBF"sv)) xml.remove_prefix(3);
  while (true) {
    const std::size_t start = xml.find_first_not_of(" \t\r\n");
    if (start == std::string_view::npos) return false;
    xml.remove_prefix(start);
    if (StartsWith(xml, "<?")) {
      const std::size_t end = xml.find("?>");
      if (end == std::string_view::npos) return false;
      xml.remove_prefix(end + 2);
    } else if (StartsWith(xml, "<!--")) {
      const std::size_t end = xml.find("-->", 4);
      if (end == std::string_view::npos) return false;
      xml.remove_prefix(end + 3);
    } else {
      return StartsWith(xml, "<!DOCTYPE") || StartsWith(xml, "<!doctype");
    }
  }
}

XmlReader::XmlReader(std::string_view xml, std::string name, int max_depth)
    : name_(std::move(name)), max_depth_(max_depth) {
  InitLibxml2Once();
  using namespace std::string_view_literals;
  const char* encoding = nullptr;
  if (StartsWith(xml, "\xFF\xFE"sv) || StartsWith(xml, "\xFE\xFF"sv)) {
    // Converting here keeps HasDoctype() and the reader looking at the same bytes; the encoding
    // argument overrides the declaration that still says UTF-16.
    AppendUtf16AsUtf8(xml.substr(2), xml[0] == '\xFE', converted_);
    xml = converted_;
    encoding = "UTF-8";
  }
  if (xml.size() > static_cast<std::size_t>(INT32_MAX)) {
    Fail(DocumentStatus::kTooLarge, "too large to parse");
    return;
  }
  // No XML_PARSE_NOENT (entities stay references), no XML_PARSE_DTDLOAD / DTDATTR / DTDVALID, no
  // XML_PARSE_HUGE (libxml2 keeps its own caps on text node size and nesting).
  reader_ = xmlReaderForMemory(xml.data(), static_cast<int>(xml.size()), nullptr, encoding,
                               XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (reader_ == nullptr) {
    Fail(DocumentStatus::kCrashed, "libxml2 could not create a reader");
    return;
  }
  xmlTextReaderSetStructuredErrorHandler(reader_, &XmlReader::RecordError, this);
}

XmlReader::~XmlReader() {
  if (reader_ != nullptr) xmlFreeTextReader(reader_);
}

void XmlReader::RecordError(void* self, _xmlError* error) {
  auto* reader = static_cast<XmlReader*>(self);
  if (error == nullptr || error->level < XML_ERR_ERROR || !reader->first_error_.empty()) return;
  std::string message = error->message != nullptr ? error->message : "malformed XML";
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
  reader->first_error_ = message.empty() ? "malformed XML" : message;
  reader->first_error_line_ = error->line;
}

void XmlReader::Fail(DocumentStatus status, std::string message) {
  if (failed_) return;
  failed_ = true;
  failure_status_ = status;
  failure_ = name_ + ": " + message;
}

bool XmlReader::Next() {
  if (failed_ || reader_ == nullptr) return false;
  if (pending_end_) {
    pending_end_ = false;
    node_ = XmlNode::kElementEnd;
    return true;
  }
  while (true) {
    const int ret = xmlTextReaderRead(reader_);
    if (ret == 0) return false;
    if (ret < 0) {
      std::string message = first_error_.empty() ? "malformed XML" : first_error_;
      // libxml2's own nesting cap (256 without XML_PARSE_HUGE) may trip before ours.
      const bool too_deep = message.find("Excessive depth") != std::string::npos;
      if (first_error_line_ > 0) message += " (line " + std::to_string(first_error_line_) + ")";
      if (too_deep) {
        Fail(DocumentStatus::kTooLarge, "elements nested too deeply: " + message);
      } else {
        Fail(DocumentStatus::kCorrupt, message);
      }
      return false;
    }
    const int type = xmlTextReaderNodeType(reader_);
    if (skip_depth_ >= 0) {
      if (type == XML_READER_TYPE_END_ELEMENT && xmlTextReaderDepth(reader_) == skip_depth_) {
        skip_depth_ = -1;
      }
      continue;
    }
    switch (type) {
      case XML_READER_TYPE_ELEMENT:
        if (xmlTextReaderDepth(reader_) >= max_depth_) {
          Fail(DocumentStatus::kTooLarge, "elements nested deeper than " +
                                              std::to_string(max_depth_) +
                                              " levels (max_xml_depth)");
          return false;
        }
        node_ = XmlNode::kElementStart;
        pending_end_ = xmlTextReaderIsEmptyElement(reader_) == 1;
        return true;
      case XML_READER_TYPE_END_ELEMENT:
        node_ = XmlNode::kElementEnd;
        return true;
      case XML_READER_TYPE_TEXT:
      case XML_READER_TYPE_CDATA:
      case XML_READER_TYPE_WHITESPACE:
      case XML_READER_TYPE_SIGNIFICANT_WHITESPACE:
        node_ = XmlNode::kText;
        return true;
      default:
        break;  // entity references stay unexpanded; comments, PIs and the DTD carry no text
    }
  }
}

void XmlReader::SkipElement() {
  if (node_ != XmlNode::kElementStart) return;
  if (pending_end_) {
    pending_end_ = false;  // empty element: nothing inside, and its end is not reported
    return;
  }
  skip_depth_ = xmlTextReaderDepth(reader_);
}

int XmlReader::depth() const { return xmlTextReaderDepth(reader_); }

std::string_view XmlReader::ns() const { return AsView(xmlTextReaderConstNamespaceUri(reader_)); }

std::string_view XmlReader::local_name() const {
  return AsView(xmlTextReaderConstLocalName(reader_));
}

std::string_view XmlReader::value() const { return AsView(xmlTextReaderConstValue(reader_)); }

std::optional<std::string> XmlReader::Attribute(std::string_view ns, std::string_view local) const {
  const std::string local_z(local);
  xmlChar* value;
  if (ns.empty()) {
    value = xmlTextReaderGetAttribute(reader_, reinterpret_cast<const xmlChar*>(local_z.c_str()));
  } else {
    const std::string ns_z(ns);
    value = xmlTextReaderGetAttributeNs(reader_, reinterpret_cast<const xmlChar*>(local_z.c_str()),
                                        reinterpret_cast<const xmlChar*>(ns_z.c_str()));
  }
  if (value == nullptr) return std::nullopt;
  std::string out(reinterpret_cast<const char*>(value));
  xmlFree(value);
  return out;
}

std::optional<int> ParseXmlInt(const std::optional<std::string>& value) {
  if (!value) return std::nullopt;
  int number = 0;
  const char* begin = value->data();
  const char* end = begin + value->size();
  if (begin != end && *begin == '+') ++begin;  // xsd:integer allows an explicit plus sign
  const auto [ptr, ec] = std::from_chars(begin, end, number);
  if (ec != std::errc() || ptr != end) return std::nullopt;
  return number;
}

}  // namespace trustscreen::extract::internal
