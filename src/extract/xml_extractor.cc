// Generic XML (a data export, a list, a JATS or TEI article, an SVG drawing, a Word 2003 XML file):
// its character data, as Apache Tika's XML parser gives it, laid out in lines so that clauses,
// snippets and fingerprints stay readable. Formats with a reader of their own (XHTML, DOCX, ODT…)
// never come here.
//
// Layout: white space inside text is collapsed to one space. An element that ends starts a new
// line for what follows (data records: one value per line) unless text follows it directly in
// its parent ("a <b>bold</b> word" stays one line); an element that starts inside text is
// separated from it by a space. Attribute values, comments and processing instructions are not
// text, as in Tika.
//
// Safety: the hardened XmlReader (no network, no DTD loading, no entity substitution, nesting
// bounded by max_xml_depth). A document that is not well-formed is `corrupt`, or `partial` when
// text was read before the error: what was read is screened.
#include <string>
#include <string_view>

#include "extractors.h"
#include "utf8.h"
#include "xml_reader.h"

namespace trustscreen::extract::internal {
namespace {

bool IsXmlSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

class XmlTextWriter {
 public:
  explicit XmlTextWriter(std::string& out) : out_(out) {}

  void ElementStart() {
    after_end_ = false;
    if (pending_ == Separator::kNone) pending_ = Separator::kSpace;
  }

  void ElementEnd() {
    pending_ = Separator::kLine;
    after_end_ = true;
  }

  void Text(std::string_view text) {
    std::string collapsed;
    bool space = false;
    for (const char c : text) {
      if (IsXmlSpace(c)) {
        space = true;
        continue;
      }
      if (space && !collapsed.empty()) collapsed.push_back(' ');
      space = false;
      collapsed.push_back(c);
    }
    if (collapsed.empty()) return;  // white space between elements: the tags decide
    const bool leading_space = IsXmlSpace(text.front());
    // Text right after an element's end, in the same parent: inline markup, not a new record.
    if (after_end_ && pending_ == Separator::kLine) {
      pending_ = leading_space ? Separator::kSpace : Separator::kNone;
    } else if (leading_space && pending_ == Separator::kNone) {
      pending_ = Separator::kSpace;
    }
    if (!out_.empty() && out_.back() != '\n' && out_.back() != ' ') {
      if (pending_ == Separator::kLine) out_.push_back('\n');
      if (pending_ == Separator::kSpace) out_.push_back(' ');
    } else if (!out_.empty() && out_.back() == ' ' && pending_ == Separator::kLine) {
      out_.back() = '\n';
    }
    out_ += collapsed;
    if (IsXmlSpace(text.back())) out_.push_back(' ');
    pending_ = Separator::kNone;
    after_end_ = false;
  }

  // Ends the text with a line break (and no trailing space).
  void Finish() {
    while (!out_.empty() && out_.back() == ' ') out_.pop_back();
    if (!out_.empty()) out_.push_back('\n');
  }

 private:
  enum class Separator { kNone, kSpace, kLine };
  std::string& out_;
  Separator pending_ = Separator::kNone;
  bool after_end_ = false;
};

}  // namespace

void ExtractXml(std::string_view bytes, const ExtractOptions& options, Document& doc) {
  InitLibxml2Once();
  doc.format = DocumentFormat::kXml;
  XmlReader reader(bytes, "XML", options.max_xml_depth);
  XmlTextWriter writer(doc.text);
  while (reader.Next()) {
    switch (reader.node()) {
      case XmlNode::kElementStart:
        writer.ElementStart();
        break;
      case XmlNode::kElementEnd:
        writer.ElementEnd();
        break;
      case XmlNode::kText:
        writer.Text(reader.value());
        break;
    }
  }
  writer.Finish();
  doc.pages.push_back(Page{.number = 1, .begin = 0, .end = doc.text.size()});
  const bool has_text = HasVisibleText(doc.text);
  if (reader.failed()) {
    doc.status = has_text ? DocumentStatus::kPartial : reader.failure_status();
    doc.reason = reader.failure() + (has_text ? "; the text before it was screened" : "");
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
