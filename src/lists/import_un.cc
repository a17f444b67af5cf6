// The UN Security Council Consolidated List XML (importers.h): CONSOLIDATED_LIST@dateGenerated,
// then INDIVIDUALS/INDIVIDUAL and ENTITIES/ENTITY, each with DATAID, REFERENCE_NUMBER ("CDi.001"),
// UN_LIST_TYPE ("DRC"), LISTED_ON, FIRST_NAME … FOURTH_NAME, NAME_ORIGINAL_SCRIPT, COMMENTS1,
// NATIONALITY/VALUE, *_ALIAS (QUALITY, ALIAS_NAME) and *_ADDRESS (STREET, CITY, STATE_PROVINCE,
// ZIP_CODE, COUNTRY, NOTE).
//
// Per record: id = REFERENCE_NUMBER (DATAID where that is missing or not unique); name = the name
// parts joined (an entity has only FIRST_NAME); NAME_ORIGINAL_SCRIPT a strong alias as written;
// aliases of quality "Low" weak, the others ("Good", "a.k.a.", "f.k.a.") strong. ALIAS_NAME is
// free text that may hold several names (SplitNames); a name's trailing "(ACRONYM)" becomes an
// alias of its own. Country from the nationalities and the address countries; address from the
// address elements; notes from the entity's COMMENTS1 (cut) or the individual's DESIGNATION.
//
// What is left out: dates and places of birth, documents (passports, national ids), gender,
// titles, an individual's street address and post code, and an individual's COMMENTS1 (which
// mixes identifying details into the text): screening needs the names, not the person's papers.
//
// Parsing: libxml2 from memory with the options the extractors use (no network, no entity
// substitution, no DTD loading), and a document with a DOCTYPE is refused outright, since the UN
// list has none and a DOCTYPE is the only way to declare entities.

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include <algorithm>
#include <cctype>
#include <climits>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "country_codes.h"
#include "importers.h"
#include "trustscreen/core/utf8.h"
#include "trustscreen/lists/name_pattern.h"

namespace trustscreen::lists::internal {
namespace {

constexpr std::string_view kListName = "UN Security Council Consolidated List";
// Enough of an entity's COMMENTS1 to say what it is; the rest is on the UN's page.
constexpr std::size_t kMaxNoteBytes = 300;

struct DocFree {
  void operator()(xmlDoc* doc) const { xmlFreeDoc(doc); }
};
struct ContextFree {
  void operator()(xmlParserCtxt* context) const { xmlFreeParserCtxt(context); }
};

std::string_view NameOf(const xmlNode* node) {
  return node->name == nullptr ? std::string_view()
                               : std::string_view(reinterpret_cast<const char*>(node->name));
}

// The text and CDATA directly inside `node`: entity references are never followed (there are
// none without a DOCTYPE, and this keeps it so should that check ever go).
std::string TextOf(const xmlNode* node) {
  std::string text;
  if (node == nullptr) return text;
  for (const xmlNode* child = node->children; child != nullptr; child = child->next) {
    if ((child->type == XML_TEXT_NODE || child->type == XML_CDATA_SECTION_NODE) &&
        child->content != nullptr) {
      text += reinterpret_cast<const char*>(child->content);
    }
  }
  return text;
}

std::vector<const xmlNode*> ChildrenNamed(const xmlNode* node, std::string_view name) {
  std::vector<const xmlNode*> found;
  if (node == nullptr) return found;
  for (const xmlNode* child = node->children; child != nullptr; child = child->next) {
    if (child->type == XML_ELEMENT_NODE && NameOf(child) == name) found.push_back(child);
  }
  return found;
}

const xmlNode* ChildNamed(const xmlNode* node, std::string_view name) {
  std::vector<const xmlNode*> found = ChildrenNamed(node, name);
  return found.empty() ? nullptr : found[0];
}

bool StartsWith(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

// True if the prolog (after a BOM, XML declaration, processing instructions, comments) holds a
// DOCTYPE.
bool HasDoctype(std::string_view xml) {
  if (StartsWith(xml, "\xEF\xBB\xBF")) xml.remove_prefix(3);
  while (true) {
    const std::size_t start = xml.find_first_not_of(" \t\r\n");
    if (start == std::string_view::npos) return false;
    xml.remove_prefix(start);
    std::string_view close;
    if (StartsWith(xml, "<?")) {
      close = "?>";
    } else if (StartsWith(xml, "<!--")) {
      close = "-->";
    } else {
      return StartsWith(xml, "<!DOCTYPE") || StartsWith(xml, "<!doctype");
    }
    const std::size_t end = xml.find(close, 2);
    if (end == std::string_view::npos) return false;
    xml.remove_prefix(end + close.size());
  }
}

// True if `text` has a letter of a script other than Latin (Arabic, Cyrillic, Han, …); general
// punctuation such as ’ and – does not count.
bool HasNonLatinLetter(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    std::size_t length = 1;
    const char32_t c = DecodeUtf8At(text, i, &length);
    i += length;
    if (c >= 0x0370 && !(c >= 0x2000 && c <= 0x2BFF) && !(c >= 0x3000 && c <= 0x303F) &&
        !(c >= 0xFF00 && c <= 0xFF0F) && c != kReplacementCharacter) {
      return true;
    }
  }
  return false;
}

// "(HTS)", "(ISIL-WA)", "(LRM/A)", "(JuA)": letters (two capitals at least), digits, '-' and '/';
// not a country "(KENYA)", a legal form or "(NGO)".
bool LooksLikeAcronym(std::string_view text) {
  if (text.size() < 2 || text.size() > 10) return false;
  int upper = 0;
  int lower = 0;
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isupper(u)) {
      ++upper;
    } else if (std::islower(u)) {
      ++lower;
    } else if (!std::isdigit(u) && c != '-' && c != '/') {
      return false;
    }
  }
  if (upper < 2 || lower > upper) return false;
  for (std::string_view word : {"NGO", "LTD", "CO", "PLC", "LLC", "INC", "JSC"}) {
    if (text == word) return false;
  }
  // Two-letter ones ("(LJ)") are split off too; ImportList then drops them as too short.
  return CountryCodeOf(text).empty();
}

// CountryCodeOf, and the UN's own names it does not know.
std::string UnCountryCode(const std::string& name) {
  std::string code = CountryCodeOf(name);
  if (!code.empty()) return code;
  if (name.find("Hong Kong") != std::string::npos) return "HK";  // "China, Hong Kong Special …"
  if (name.find("Macao") != std::string::npos) return "MO";
  if (name == "State of Palestine") return "PS";
  return "";  // "former Soviet Union", "na"
}

// Index of the '(' matching the ')' at text[close], or npos.
std::size_t MatchingOpen(std::string_view text, std::size_t close) {
  int depth = 0;
  for (std::size_t i = close + 1; i-- > 0;) {
    if (text[i] == ')') ++depth;
    if (text[i] == '(' && --depth == 0) return i;
  }
  return std::string_view::npos;
}

// Splits on `separator` outside parentheses.
std::vector<std::string> SplitTopLevel(std::string_view text, char separator) {
  std::vector<std::string> parts;
  int depth = 0;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    if (i < text.size() && text[i] == '(') ++depth;
    if (i < text.size() && text[i] == ')' && depth > 0) --depth;
    if (i == text.size() || (text[i] == separator && depth == 0)) {
      parts.push_back(Trim(text.substr(start, i - start)));
      start = i + 1;
    }
  }
  return parts;
}

// The names in one UN name field. The field is free text, and the list writes several names in
// one field in a few ways, all handled here:
//   "A; B; C" and "A; B b) C; D"                      several spellings;
//   "أبو شيماء (Abu-Shaima; Abu- Shayma)"             a name and its transliterations;
//   "Amir Khazmat (original script: Амир Хазмат)"      a name and its original script;
//   "Hay’at Tahrir al-Sham (HTS) (هيئة … (original script); …)"  all of them nested;
//   "Al-Qaida in Yemen (AQY)", "(ISIL-SEA, ISIL-South East Asia)"  acronyms;
//   "Encep Nurjaman (birth name)", "… born 1 Jan. 1953 (Oman passport …)"  annotations.
// An annotation (a trailing parenthesis that is none of the above) is dropped and *annotated set;
// ", born …" is cut (a date of birth is no name); "… - sub-unit name" loses the label.
void SplitNames(std::string text, std::vector<std::string>* names, bool* annotated) {
  text = Trim(text);
  while (!text.empty() && (text.back() == ',' || text.back() == ';' || text.back() == ' ')) {
    text.pop_back();
  }
  // "Mohammad Sabet b) M. Javad Kareemi Sabet": an enumeration the list forgot to split.
  for (std::size_t i = 0; i + 3 < text.size(); ++i) {
    if (text[i] == ' ' && std::islower(static_cast<unsigned char>(text[i + 1])) &&
        text[i + 2] == ')' && text[i + 3] == ' ') {
      text.replace(i, 3, ";");
    }
  }
  const std::vector<std::string> parts = SplitTopLevel(text, ';');
  if (parts.size() > 1) {
    for (const std::string& part : parts) SplitNames(part, names, annotated);
    return;
  }
  for (std::string_view suffix : {" - sub-unit name", " (original script)"}) {
    if (text.size() > suffix.size() && text.substr(text.size() - suffix.size()) == suffix) {
      text = Trim(text.substr(0, text.size() - suffix.size()));
    }
  }
  const std::size_t born = text.find(", born ");
  if (born != std::string::npos) {
    text = Trim(text.substr(0, born));
    *annotated = true;
  }
  if (text.empty()) return;
  const std::size_t open =
      text.back() == ')' ? MatchingOpen(text, text.size() - 1) : std::string::npos;
  if (open == std::string::npos || open == 0) {
    names->push_back(text);
    return;
  }
  const std::string head = Trim(text.substr(0, open));
  const std::string group = Trim(text.substr(open + 1, text.size() - open - 2));
  constexpr std::string_view kOriginal = "original script:";
  if (StartsWith(group, kOriginal)) {
    SplitNames(head, names, annotated);
    names->push_back(Trim(group.substr(kOriginal.size())));
    return;
  }
  if (SplitTopLevel(group, ';').size() > 1 || HasNonLatinLetter(head) != HasNonLatinLetter(group)) {
    SplitNames(head, names, annotated);
    SplitNames(group, names, annotated);
    return;
  }
  const std::vector<std::string> acronyms = SplitTopLevel(group, ',');
  SplitNames(head, names, annotated);
  if (LooksLikeAcronym(acronyms[0])) {
    for (const std::string& acronym : acronyms) names->push_back(acronym);
  } else {
    *annotated = true;
  }
}

// Joins the non-empty, distinct parts with `separator`.
std::string JoinDistinct(const std::vector<std::string>& parts, std::string_view separator) {
  std::string joined;
  std::vector<std::string> seen;
  for (const std::string& part : parts) {
    if (part.empty() || std::find(seen.begin(), seen.end(), part) != seen.end()) continue;
    seen.push_back(part);
    if (!joined.empty()) joined += separator;
    joined += part;
  }
  return joined;
}

// At most kMaxNoteBytes, cut after a whole word and marked with "...".
std::string CutNote(const std::string& text) {
  if (text.size() <= kMaxNoteBytes) return text;
  std::size_t cut = text.rfind(' ', kMaxNoteBytes);
  if (cut == std::string::npos || cut < kMaxNoteBytes / 2) {
    cut = kMaxNoteBytes;  // no space near the end: cut between UTF-8 characters
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  }
  std::string note = text.substr(0, cut);
  while (!note.empty() && (note.back() == ',' || note.back() == ';' || note.back() == ' ')) {
    note.pop_back();
  }
  return note + "...";
}

struct Record {
  EntityEntry entry;
  std::string reference_number;
  std::string data_id;
};

class UnReader {
 public:
  explicit UnReader(ImportStats* stats) : stats_(stats) {}

  Record Read(const xmlNode* node, bool individual) {
    Record record;
    EntityEntry& entry = record.entry;
    record.reference_number = Field(node, "REFERENCE_NUMBER");
    record.data_id = Field(node, "DATAID");
    entry.line = static_cast<int>(xmlGetLineNo(node));
    entry.type = std::string(individual ? kTypeIndividual : kTypeEntity);
    entry.list = std::string(kListName);
    entry.category = Field(node, "UN_LIST_TYPE");
    entry.reference = record.reference_number;
    if (!entry.category.empty()) entry.reference += " (" + entry.category + ")";
    entry.start_date = IsoDate(Field(node, "LISTED_ON"));

    if (individual) {
      for (const char* part : {"FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME"}) {
        const std::string text = Field(node, part);
        if (!text.empty()) entry.name += (entry.name.empty() ? "" : " ") + text;
      }
    } else {
      // Entity names carry acronyms and qualifiers: "AL-HARAMAIN FOUNDATION (PAKISTAN)" keeps its
      // qualifier as the name (four branches share the bare name) and gets the bare one as alias.
      const std::string written = Field(node, "FIRST_NAME");
      std::vector<std::string> names;
      bool annotated = false;
      SplitNames(written, &names, &annotated);
      if (!names.empty()) {
        entry.name = annotated ? written : names[0];
        for (std::size_t i = annotated ? 0 : 1; i < names.size(); ++i) AddAlias(names[i], &entry);
      }
    }
    std::replace(entry.name.begin(), entry.name.end(), '|', '/');
    for (const xmlNode* original : ChildrenNamed(node, "NAME_ORIGINAL_SCRIPT")) {
      AddAlias(Clean(TextOf(original)), &entry);
    }
    for (const xmlNode* alias :
         ChildrenNamed(node, individual ? "INDIVIDUAL_ALIAS" : "ENTITY_ALIAS")) {
      const bool weak = Field(alias, "QUALITY") == "Low";
      std::vector<std::string> names;
      bool annotated = false;
      SplitNames(Field(alias, "ALIAS_NAME"), &names, &annotated);
      EntityEntry scratch;  // AddAlias's splitting, then sorted into strong or weak
      for (std::string& name : names) AddAlias(std::move(name), &scratch);
      std::vector<std::string>& into = weak ? entry.weak_aliases : entry.aliases;
      for (std::string& name : scratch.aliases) into.push_back(std::move(name));
    }

    std::vector<std::string> countries;
    for (const xmlNode* nationality : ChildrenNamed(node, "NATIONALITY")) {
      for (const xmlNode* value : ChildrenNamed(nationality, "VALUE")) {
        countries.push_back(UnCountryCode(Clean(TextOf(value))));
      }
    }
    std::vector<std::string> addresses;
    for (const xmlNode* address :
         ChildrenNamed(node, individual ? "INDIVIDUAL_ADDRESS" : "ENTITY_ADDRESS")) {
      // An individual's street and post code are left out: the place is enough context.
      std::vector<std::string> parts;
      for (const char* part : {"STREET", "CITY", "STATE_PROVINCE", "ZIP_CODE", "COUNTRY"}) {
        if (individual &&
            (std::string_view(part) == "STREET" || std::string_view(part) == "ZIP_CODE")) {
          continue;
        }
        parts.push_back(Field(address, part));
      }
      addresses.push_back(JoinDistinct(parts, ", "));
      countries.push_back(UnCountryCode(Field(address, "COUNTRY")));
    }
    entry.country = JoinDistinct(countries, "|");
    entry.address = JoinDistinct(addresses, "; ");

    if (individual) {
      std::vector<std::string> designations;
      for (const xmlNode* designation : ChildrenNamed(node, "DESIGNATION")) {
        for (const xmlNode* value : ChildrenNamed(designation, "VALUE")) {
          designations.push_back(Clean(TextOf(value)));
        }
      }
      const std::string joined = JoinDistinct(designations, "; ");
      if (!joined.empty()) entry.notes = CutNote("designation: " + joined);
    } else {
      entry.notes = CutNote(Field(node, "COMMENTS1"));
    }
    return record;
  }

 private:
  std::string Clean(const std::string& raw) { return CleanText(raw, &stats_->repaired); }
  std::string Field(const xmlNode* node, std::string_view name) {
    return Clean(TextOf(ChildNamed(node, name)));
  }

  ImportStats* stats_;
};

struct FirstError {
  std::string message;
  int line = 0;
};

// libxml2's structured error callback; `data` is the parser context.
void RecordFirstError(void* data, xmlErrorPtr error) {
  auto* context = static_cast<xmlParserCtxt*>(data);
  auto* first = context != nullptr ? static_cast<FirstError*>(context->_private) : nullptr;
  if (first == nullptr || error == nullptr || error->level < XML_ERR_ERROR || first->line > 0) {
    return;
  }
  first->message = error->message != nullptr ? error->message : "";
  first->line = std::max(error->line, 1);
}

void InitLibxml2Once() {
  // libxml2 requires xmlInitParser() before parsing from several threads at once.
  static std::once_flag once;
  std::call_once(once, [] { xmlInitParser(); });
}

}  // namespace

Result<ImportedList> ConvertUn(const std::vector<ImportInput>& inputs, const ImportOptions& options,
                               ImportStats* stats) {
  (void)options;
  if (inputs.size() != 1) {
    return InvalidArgument("un: expected one input file (the Consolidated List XML), got " +
                           std::to_string(inputs.size()));
  }
  const std::string& display_name = inputs[0].name;
  const std::string& xml = inputs[0].bytes;
  if (xml.size() > static_cast<std::size_t>(INT_MAX)) {
    return InvalidArgument(display_name + ": too large to parse");
  }
  if (HasDoctype(xml)) {
    return ParseError(display_name +
                      ":1: the XML has a DOCTYPE, which the UN list has not; refused");
  }
  InitLibxml2Once();
  std::unique_ptr<xmlParserCtxt, ContextFree> context(xmlNewParserCtxt());
  if (context == nullptr) return InvalidArgument(display_name + ": libxml2 could not start");
  // The first error names the line to fix; libxml2's last one is often "Premature end of data".
  // userData must stay the context (the SAX2 callbacks use it), so the record hangs off _private.
  FirstError first_error;
  context->_private = &first_error;
  context->sax->serror = &RecordFirstError;
  // The extractors' options: no XML_PARSE_NOENT, DTDLOAD, DTDATTR, DTDVALID or HUGE.
  std::unique_ptr<xmlDoc, DocFree> doc(xmlCtxtReadMemory(
      context.get(), xml.data(), static_cast<int>(xml.size()), display_name.c_str(), nullptr,
      XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING));
  if (doc == nullptr || context->wellFormed == 0) {
    const xmlError* last = xmlCtxtGetLastError(context.get());
    const FirstError& error =
        first_error.line > 0 || last == nullptr
            ? first_error
            : FirstError{last->message != nullptr ? last->message : "", last->line};
    std::string message = error.message;
    while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) {
      message.pop_back();
    }
    return ParseError(display_name + ":" + std::to_string(std::max(error.line, 1)) +
                      ": malformed XML" + (message.empty() ? "" : ": " + message));
  }
  const xmlNode* root = xmlDocGetRootElement(doc.get());
  if (root == nullptr || NameOf(root) != "CONSOLIDATED_LIST") {
    return InvalidArgument(display_name + ": root element is not CONSOLIDATED_LIST (is this the " +
                           "UN Security Council Consolidated List XML?)");
  }

  ImportedList list;
  list.metadata.title = std::string(kListName);
  list.metadata.publisher = "United Nations Security Council";
  xmlChar* generated = xmlGetProp(root, reinterpret_cast<const xmlChar*>("dateGenerated"));
  if (generated != nullptr) {
    list.metadata.published = IsoDate(reinterpret_cast<const char*>(generated));
    xmlFree(generated);
  }

  UnReader reader(stats);
  std::vector<Record> records;
  for (const auto& [group, member, individual] :
       {std::tuple{"INDIVIDUALS", "INDIVIDUAL", true}, std::tuple{"ENTITIES", "ENTITY", false}}) {
    for (const xmlNode* section : ChildrenNamed(root, group)) {
      for (const xmlNode* node : ChildrenNamed(section, member)) {
        ++stats->rows;
        records.push_back(reader.Read(node, individual));
      }
    }
  }
  // ImportList merges rows of one id, so an id must name one record: a reference number that is
  // missing or repeated gives way to the record's DATAID.
  std::map<std::string, int> uses;
  for (const Record& record : records) ++uses[record.reference_number];
  for (Record& record : records) {
    EntityEntry& entry = record.entry;
    const bool unique = !record.reference_number.empty() && uses[record.reference_number] == 1;
    entry.id = unique ? record.reference_number : record.data_id;
    if (entry.id.empty() || entry.name.empty()) {
      return InvalidArgument(display_name + ":" + std::to_string(entry.line) + ": " +
                             (entry.id.empty() ? "record without REFERENCE_NUMBER or DATAID"
                                               : "record without a name"));
    }
    list.entries.push_back(std::move(entry));
  }
  return list;
}

}  // namespace trustscreen::lists::internal
