// HTML and XHTML: libxml2's forgiving HTML parser (no network, errors recovered), then a walk over
// the tree that keeps what a browser shows as text: script, style, template, noscript and the head
// (except its title) are skipped; block elements start new paragraphs; headings and table cells
// become blocks of their own.
#include <libxml/HTMLparser.h>
#include <libxml/encoding.h>
#include <libxml/tree.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>

#include "extractors.h"
#include "utf8.h"
#include "xml_reader.h"
#include "xml_text.h"

namespace trustscreen::extract::internal {
namespace {

struct DocFreer {
  void operator()(xmlDoc* doc) const { xmlFreeDoc(doc); }
};

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string_view Name(const xmlNode* node) {
  return node->name == nullptr ? std::string_view()
                               : std::string_view(reinterpret_cast<const char*>(node->name));
}

// The charset declared by a <meta charset> or <meta http-equiv content="…; charset=…"> near the
// start, lower-cased; "" if none.
std::string MetaCharset(std::string_view bytes) {
  const std::string head = Lower(bytes.substr(0, 4096));
  std::size_t at = 0;
  while ((at = head.find("<meta", at)) != std::string::npos) {
    const std::size_t end = head.find('>', at);
    const std::string_view tag = std::string_view(head).substr(at, end - at);
    at += 5;
    const std::size_t charset = tag.find("charset");
    if (charset == std::string_view::npos) continue;
    std::size_t i = charset + 7;
    while (i < tag.size() && (tag[i] == ' ' || tag[i] == '=' || tag[i] == '"' || tag[i] == '\'')) {
      ++i;
    }
    std::size_t j = i;
    while (j < tag.size() && (std::isalnum(static_cast<unsigned char>(tag[j])) || tag[j] == '-' ||
                              tag[j] == '_' || tag[j] == ':' || tag[j] == '.')) {
      ++j;
    }
    if (j > i) return std::string(tag.substr(i, j - i));
  }
  return "";
}

enum class Kind { kInline, kBlock, kSkip, kBreak, kHeading, kCell, kListItem, kOrderedList };

Kind Classify(std::string_view name) {
  static constexpr std::string_view kSkipped[] = {"script", "style",  "template", "noscript",
                                                  "head",   "object", "iframe",   "svg",
                                                  "math",   "canvas", "select"};
  static constexpr std::string_view kBlocks[] = {
      "p",        "div",        "section",    "article",  "header",  "footer",    "nav",
      "aside",    "main",       "blockquote", "pre",      "ul",      "dl",        "dt",
      "dd",       "table",      "thead",      "tbody",    "tfoot",   "tr",        "caption",
      "figure",   "figcaption", "form",       "fieldset", "legend",  "address",   "hr",
      "title",    "details",    "summary",    "body",     "html",    "center",    "option",
      "textarea", "menu",       "dir",        "hgroup",   "listing", "plaintext", "xmp"};
  if (std::find(std::begin(kSkipped), std::end(kSkipped), name) != std::end(kSkipped)) {
    return Kind::kSkip;
  }
  if (name == "br") return Kind::kBreak;
  if (name.size() == 2 && name[0] == 'h' && name[1] >= '1' && name[1] <= '6') return Kind::kHeading;
  if (name == "td" || name == "th") return Kind::kCell;
  if (name == "li") return Kind::kListItem;
  if (name == "ol") return Kind::kOrderedList;
  if (std::find(std::begin(kBlocks), std::end(kBlocks), name) != std::end(kBlocks)) {
    return Kind::kBlock;
  }
  return Kind::kInline;
}

class HtmlWalker {
 public:
  HtmlWalker(Document& doc, int max_depth) : doc_(doc), max_depth_(max_depth) {}

  // Walks the tree under `root` without recursion (nesting depth is the attacker's choice).
  void Walk(xmlNode* root);
  bool too_deep() const { return too_deep_; }

 private:
  struct Open {
    Kind kind;
    int ordered_counter;  // for kOrderedList: the next item number
  };

  void Enter(xmlNode* node);
  void Leave(xmlNode* node);
  void AddText(std::string_view text);
  void Flush();
  TextPart Part() const { return table_ > 0 ? TextPart::kTable : TextPart::kBody; }

  Document& doc_;
  int max_depth_;
  bool too_deep_ = false;
  Paragraph paragraph_;
  bool pending_space_ = false;
  int pre_ = 0;
  int table_ = 0;
  int heading_ = 0;
  std::vector<int> ordered_;  // open <ol>: next number; 0 for an open <ul>
};

void HtmlWalker::Flush() {
  if (!paragraph_.empty()) {
    for (TextSegment& segment : paragraph_.segments) {
      while (!segment.text.empty() && segment.text.back() == ' ') segment.text.pop_back();
    }
    AppendParagraph(paragraph_, doc_);
  }
  paragraph_ = Paragraph{};
  paragraph_.heading_level = heading_;
  pending_space_ = false;
}

void HtmlWalker::AddText(std::string_view text) {
  if (pre_ > 0) {
    paragraph_.Append(Part(), text);
    return;
  }
  // White space collapses to one space, and none at the start of a paragraph.
  std::string collapsed;
  for (const char c : text) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
      pending_space_ = true;
      continue;
    }
    if (pending_space_ && !(paragraph_.segments.empty() && collapsed.empty())) {
      const bool after_break = collapsed.empty() && !paragraph_.segments.empty() &&
                               paragraph_.segments.back().text.ends_with('\n');
      if (!after_break) collapsed.push_back(' ');
    }
    pending_space_ = false;
    collapsed.push_back(c);
  }
  paragraph_.Append(Part(), collapsed);
}

void HtmlWalker::Enter(xmlNode* node) {
  const std::string_view name = Name(node);
  switch (Classify(name)) {
    case Kind::kBreak:
      paragraph_.Append(Part(), "\n");
      pending_space_ = false;
      return;
    case Kind::kHeading:
      Flush();
      heading_ = name[1] - '0';
      paragraph_.heading_level = heading_;
      return;
    case Kind::kCell:
      Flush();
      return;
    case Kind::kListItem:
      Flush();
      if (!ordered_.empty() && ordered_.back() > 0) {
        paragraph_.label = std::to_string(ordered_.back()++) + ".";
        paragraph_.label_suffix = " ";
      }
      return;
    case Kind::kOrderedList: {
      Flush();
      int start = 1;
      if (xmlChar* value = xmlGetProp(node, reinterpret_cast<const xmlChar*>("start"))) {
        start = std::atoi(reinterpret_cast<const char*>(value));
        xmlFree(value);
      }
      ordered_.push_back(std::max(start, 1));
      return;
    }
    case Kind::kBlock:
      Flush();
      if (name == "ul" || name == "menu" || name == "dir") ordered_.push_back(0);
      if (name == "table") ++table_;
      if (name == "pre" || name == "listing" || name == "plaintext" || name == "xmp") ++pre_;
      return;
    case Kind::kInline:
    case Kind::kSkip:
      return;
  }
}

void HtmlWalker::Leave(xmlNode* node) {
  const std::string_view name = Name(node);
  switch (Classify(name)) {
    case Kind::kHeading:
      heading_ = 0;
      Flush();
      return;
    case Kind::kCell:
    case Kind::kListItem:
      Flush();
      return;
    case Kind::kOrderedList:
      Flush();
      if (!ordered_.empty()) ordered_.pop_back();
      return;
    case Kind::kBlock:
      Flush();
      if ((name == "ul" || name == "menu" || name == "dir") && !ordered_.empty()) {
        ordered_.pop_back();
      }
      if (name == "table" && table_ > 0) --table_;
      if ((name == "pre" || name == "listing" || name == "plaintext" || name == "xmp") &&
          pre_ > 0) {
        --pre_;
      }
      return;
    default:
      return;
  }
}

void HtmlWalker::Walk(xmlNode* root) {
  xmlNode* node = root;
  int depth = 0;
  while (node != nullptr) {
    bool descend = false;
    if (node->type == XML_ELEMENT_NODE) {
      const std::string_view name = Name(node);
      if (name == "head") {
        // Only the title of the head is text a reader sees.
        for (xmlNode* child = node->children; child != nullptr; child = child->next) {
          if (child->type == XML_ELEMENT_NODE && Name(child) == "title") {
            Flush();
            for (xmlNode* t = child->children; t != nullptr; t = t->next) {
              if (t->type == XML_TEXT_NODE && t->content != nullptr) {
                AddText(reinterpret_cast<const char*>(t->content));
              }
            }
            Flush();
          }
        }
      } else if (Classify(name) != Kind::kSkip) {
        if (depth >= max_depth_) {
          too_deep_ = true;  // the subtree is skipped
        } else {
          Enter(node);
          descend = node->children != nullptr;
          if (!descend) Leave(node);
        }
      }
    } else if ((node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) &&
               node->content != nullptr) {
      AddText(reinterpret_cast<const char*>(node->content));
    }
    if (descend) {
      node = node->children;
      ++depth;
      continue;
    }
    // Next sibling, or climb until an ancestor has one.
    while (node != nullptr && node != root && node->next == nullptr) {
      node = node->parent;
      --depth;
      if (node != nullptr && node->type == XML_ELEMENT_NODE) Leave(node);
    }
    if (node == nullptr || node == root) break;
    node = node->next;
  }
  Flush();
}

}  // namespace

void ExtractHtml(std::string_view bytes, const ExtractOptions& options, Document& doc) {
  using namespace std::string_view_literals;
  InitLibxml2Once();
  doc.format = DocumentFormat::kHtml;
  // Decide the encoding here and tell the parser to ignore <meta charset>: libxml2 would otherwise
  // default to ISO-8859-1, and switch encodings half-way through the document.
  std::string converted;
  std::string_view input = bytes;
  std::string encoding = "UTF-8";
  bool guessed_1252 = false;
  if (bytes.starts_with("\xEF\xBB\xBF"sv)) {
    input.remove_prefix(3);
    doc.encoding = "utf-8";
  } else if (const WideEncoding wide = DetectWideEncoding(bytes.substr(0, kSniffBytes));
             wide.unit_bytes != 0) {
    doc.replaced_invalid_bytes = AppendWideAsUtf8(bytes, wide, converted);
    input = converted;
    doc.encoding = wide.name;
  } else {
    std::string charset = MetaCharset(bytes);
    // As browsers do: Latin-1 labels mean Windows-1252.
    if (charset == "iso-8859-1" || charset == "latin1" || charset == "us-ascii" ||
        charset == "cp1252" || charset == "windows-1252" || charset == "ascii") {
      charset = "windows-1252";
    }
    if (charset == "windows-1252") {
      AppendWindows1252AsUtf8(bytes, converted);
      input = converted;
      doc.encoding = charset;
    } else if (!charset.empty() && charset != "utf-8" && charset != "utf8") {
      xmlCharEncodingHandlerPtr handler = xmlFindCharEncodingHandler(charset.c_str());
      if (handler != nullptr) {
        xmlCharEncCloseFunc(handler);
        encoding = charset;
        doc.encoding = charset;
      }
    }
    if (doc.encoding.empty()) {
      const bool declared_utf8 = charset == "utf-8" || charset == "utf8";
      if (!declared_utf8 && PreferWindows1252(bytes)) {
        AppendWindows1252AsUtf8(bytes, converted);
        input = converted;
        doc.encoding = "windows-1252";
        guessed_1252 = true;
      } else {
        // Invalid bytes are repaired before parsing, so the parser never changes its mind.
        doc.replaced_invalid_bytes = AppendValidUtf8(bytes, converted);
        input = converted;
        doc.encoding = "utf-8";
      }
    }
  }
  if (input.size() > static_cast<std::size_t>(INT32_MAX)) {
    doc.status = DocumentStatus::kTooLarge;
    doc.reason = "HTML too large to parse";
    return;
  }
  const std::unique_ptr<xmlDoc, DocFreer> tree(
      htmlReadMemory(input.data(), static_cast<int>(input.size()), nullptr, encoding.c_str(),
                     HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                         HTML_PARSE_RECOVER | HTML_PARSE_IGNORE_ENC | HTML_PARSE_NOIMPLIED));
  converted.clear();
  converted.shrink_to_fit();
  HtmlWalker walker(doc, options.max_xml_depth);
  if (tree != nullptr) {
    for (xmlNode* child = tree->children; child != nullptr; child = child->next) {
      walker.Walk(child);
    }
  }
  doc.pages.push_back(Page{.number = 1, .begin = 0, .end = doc.text.size()});
  const std::string depth_reason = "elements nested deeper than " +
                                   std::to_string(options.max_xml_depth) +
                                   " levels (max_xml_depth)";
  if (!HasVisibleText(doc.text)) {
    doc.status = walker.too_deep() ? DocumentStatus::kTooLarge : DocumentStatus::kEmpty;
    doc.reason = walker.too_deep() ? "HTML " + depth_reason : "no text found";
    return;
  }
  if (walker.too_deep()) {
    doc.status = DocumentStatus::kPartial;
    doc.reason = "HTML " + depth_reason + " were not read";
    return;
  }
  doc.status = DocumentStatus::kOk;
  if (guessed_1252) {
    doc.reason = "decoded as Windows-1252 (not valid UTF-8)";
  } else if (doc.replaced_invalid_bytes > 0) {
    doc.reason = std::to_string(doc.replaced_invalid_bytes) + " invalid " +
                 (doc.encoding == "utf-8" ? "UTF-8 byte" : "UTF-16 code unit") +
                 (doc.replaced_invalid_bytes == 1 ? "" : "s") + " replaced with U+FFFD";
  }
}

}  // namespace trustscreen::extract::internal
