// A hardened streaming XML reader (libxml2's xmlTextReader) for the XML inside DOCX and ODT
// packages, and the process-wide libxml2 set-up shared with the HTML extractor.
//
// Safety, whatever the input: no network (XML_PARSE_NONET), no DTD loading, no external entity is
// ever fetched (a refusing entity loader is installed process-wide), entities are not substituted
// (no XML_PARSE_NOENT), and element nesting is bounded by `max_depth`. Callers that read formats
// which never declare a DTD (OOXML, ODF) reject a DOCTYPE up front with HasDoctype().
//
// Not thread-safe per object; different readers may run on different threads concurrently once
// InitLibxml2Once() has run.
#ifndef TRUSTSCREEN_SRC_EXTRACT_XML_READER_H_
#define TRUSTSCREEN_SRC_EXTRACT_XML_READER_H_

#include <optional>
#include <string>
#include <string_view>

#include "trustscreen/core/document.h"

// libxml2 stays out of this header, so that tests and other code need not see its headers.
struct _xmlTextReader;
struct _xmlError;

namespace trustscreen::extract::internal {

// Initialises libxml2 for concurrent use and installs an external entity loader that refuses
// every URL (file, http, ftp), so that no parse anywhere in the process can read a local file or
// the network through an entity or a DTD. Idempotent and thread-safe.
void InitLibxml2Once();

// True if the prolog of `xml` (before the root element) holds a document type declaration.
// Skips a BOM, white space, processing instructions and comments; UTF-16 (with a BOM) is
// converted first, as XmlReader does.
bool HasDoctype(std::string_view xml);

enum class XmlNode {
  kElementStart,
  kElementEnd,  // also reported right after the start of an empty element (<a/>)
  kText,        // character data, CDATA or white space; value() holds it
};

class XmlReader {
 public:
  // Reads `xml`, which must outlive the reader. `name` (e.g. "word/document.xml") appears in
  // error messages. UTF-16 input (with a BOM) is converted to UTF-8 first.
  XmlReader(std::string_view xml, std::string name, int max_depth);
  ~XmlReader();
  XmlReader(const XmlReader&) = delete;
  XmlReader& operator=(const XmlReader&) = delete;

  // Advances to the next element start, element end or text node. Returns false at the end of the
  // document or on an error; then failed() tells which.
  bool Next();
  // Skips the rest of the element just started: the next Next() returns what follows its end.
  void SkipElement();

  XmlNode node() const { return node_; }
  int depth() const;
  std::string_view ns() const;          // namespace URI of the current element
  std::string_view local_name() const;  // local name of the current element
  std::string_view value() const;       // text of a kText node
  // An attribute of the current element start, by namespace URI ("" for none) and local name.
  std::optional<std::string> Attribute(std::string_view ns, std::string_view local) const;
  bool Is(std::string_view ns, std::string_view local) const {
    return local_name() == local && this->ns() == ns;
  }

  // After Next() returned false: whether the document was not read to its end, and why.
  bool failed() const { return failed_; }
  // kCorrupt (not well-formed) or kTooLarge (nesting over max_depth).
  DocumentStatus failure_status() const { return failure_status_; }
  // "word/document.xml: Opening and ending tag mismatch … (line 3)".
  const std::string& failure() const { return failure_; }

 private:
  static void RecordError(void* self, _xmlError* error);
  void Fail(DocumentStatus status, std::string message);

  std::string name_;
  std::string converted_;  // UTF-8 copy of UTF-16 input
  int max_depth_;
  _xmlTextReader* reader_ = nullptr;
  XmlNode node_ = XmlNode::kText;
  bool pending_end_ = false;
  int skip_depth_ = -1;
  bool failed_ = false;
  DocumentStatus failure_status_ = DocumentStatus::kOk;
  std::string failure_;
  std::string first_error_;
  int first_error_line_ = 0;
};

// Reads `reader` to the end of its document (or its failure), handing each node over:
// on_start(reader) at an element start, on_end(reader) at an element end, on_text(value) for
// character data. The story readers of DOCX, ODT, ODS and ODP differ only in these three.
template <typename OnStart, typename OnEnd, typename OnText>
void ReadNodes(XmlReader& reader, OnStart on_start, OnEnd on_end, OnText on_text) {
  while (reader.Next()) {
    switch (reader.node()) {
      case XmlNode::kElementStart:
        on_start(reader);
        break;
      case XmlNode::kElementEnd:
        on_end(reader);
        break;
      case XmlNode::kText:
        on_text(reader.value());
        break;
    }
  }
}

// An attribute value as a decimal int; nullopt when absent or not entirely a number.
std::optional<int> ParseXmlInt(const std::optional<std::string>& value);

}  // namespace trustscreen::extract::internal

#endif  // TRUSTSCREEN_SRC_EXTRACT_XML_READER_H_
