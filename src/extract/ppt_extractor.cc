// PowerPoint 97-2003 .ppt ([MS-PPT]): the text atoms of the "PowerPoint Document" record stream.
// Slide text comes from two places: placeholder text (titles, bullet bodies) in the document's
// SlideListWithText, one group per slide after its SlidePersistAtom, and shape text (text boxes,
// tables, groups) inside each Slide container's drawing. Notes containers hold the speaker notes;
// Comment10 containers the comments. One Page per slide, label "slide N"; notes are kNotes
// blocks, comments kComment, on the page of their slide.
//
// Slides are found through the persist directory (Current User -> the chain of UserEditAtoms ->
// PersistDirectoryAtoms), so a file saved incrementally reads its current slides in order. When
// that chain cannot be followed, Slide and Notes containers are taken in stream order, which may
// include superseded slide versions (screened too: never less text). Records nest at most
// kMaxDepth deep; every length is checked against its parent's.
#include <algorithm>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "extractors.h"
#include "little_endian.h"
#include "ole_readers.h"
#include "utf8.h"

namespace trustscreen::extract::internal {
namespace {

constexpr int kMaxDepth = 64;

constexpr std::uint16_t kDocument = 0x03E8;
constexpr std::uint16_t kSlide = 0x03EE;
constexpr std::uint16_t kNotes = 0x03F0;
constexpr std::uint16_t kMainMaster = 0x03F8;
constexpr std::uint16_t kSlideListWithText = 0x0FF0;
constexpr std::uint16_t kSlidePersistAtom = 0x03F3;
constexpr std::uint16_t kTextCharsAtom = 0x0FA0;
constexpr std::uint16_t kTextBytesAtom = 0x0FA8;
constexpr std::uint16_t kCString = 0x0FBA;
constexpr std::uint16_t kComment10 = 0x2EE0;
constexpr std::uint16_t kCryptSession10 = 0x2F14;
constexpr std::uint16_t kProgBinaryTagDataBlob = 0x138B;

struct SlideText {
  std::vector<std::string> body;
  std::vector<std::string> notes;
  std::vector<std::string> comments;
};

struct Presentation {
  std::vector<SlideText> slides;                       // from the SlideListWithText, in slide order
  std::vector<std::vector<std::string>> slide_shapes;  // Slide containers in stream order
  std::vector<std::vector<std::string>> slide_comments;
  std::vector<std::vector<std::string>> notes;  // Notes containers in stream order
  bool encrypted = false;
  bool damaged = false;
};

std::string AtomText(std::uint16_t type, std::string_view data) {
  std::string out;
  if (type == kTextBytesAtom) {
    AppendWindows1252AsUtf8(data, out);
  } else {
    AppendUtf16AsUtf8(data.substr(0, data.size() & ~std::size_t{1}), false, out);
  }
  // PowerPoint ends paragraphs with '\r' and uses '\v' for line breaks inside one.
  for (char& c : out) {
    if (c == '\r' || c == '\v') c = '\n';
  }
  return out;
}

enum class Where { kNone, kSlideList, kNotesList, kSlide, kNotes, kMaster };

class Walker {
 public:
  explicit Walker(Presentation& out) : out_(out) {}

  void Walk(std::string_view data, int depth, Where where, bool in_comment) {
    std::size_t at = 0;
    while (at + 8 <= data.size()) {
      const std::uint16_t ver_instance = U16(data, at);
      const std::uint16_t type = U16(data, at + 2);
      const std::uint32_t length = U32(data, at + 4);
      if (length > data.size() - at - 8) {
        out_.damaged = true;
        return;
      }
      const std::string_view body = data.substr(at + 8, length);
      at += 8 + length;
      // A ProgBinaryTagDataBlob is an atom whose body is records (comments live there).
      const bool container = (ver_instance & 0x0F) == 0x0F || type == kProgBinaryTagDataBlob;
      if (type == kCryptSession10) out_.encrypted = true;
      if (container) {
        if (depth >= kMaxDepth) {
          out_.damaged = true;
          continue;
        }
        Where inner = where;
        if (type == kSlideListWithText) {
          const int instance = ver_instance >> 4;
          inner = instance == 0   ? Where::kSlideList
                  : instance == 2 ? Where::kNotesList
                                  : Where::kNone;
        } else if (type == kSlide) {
          inner = Where::kSlide;
          out_.slide_shapes.emplace_back();
          out_.slide_comments.emplace_back();
        } else if (type == kNotes) {
          inner = Where::kNotes;
          out_.notes.emplace_back();
        } else if (type == kMainMaster || type == 0x0FC9 /* handout */) {
          inner = Where::kMaster;
        }
        Walk(body, depth + 1, inner, in_comment || type == kComment10);
        continue;
      }
      if (type == kSlidePersistAtom && where == Where::kSlideList) {
        out_.slides.emplace_back();
        continue;
      }
      const bool text = type == kTextCharsAtom || type == kTextBytesAtom;
      if (in_comment && type == kCString && (ver_instance >> 4) == 1 && where == Where::kSlide) {
        out_.slide_comments.back().push_back(AtomText(kTextCharsAtom, body));
        continue;
      }
      if (!text) continue;
      std::string value = AtomText(type, body);
      switch (where) {
        case Where::kSlideList:
          if (!out_.slides.empty()) out_.slides.back().body.push_back(std::move(value));
          break;
        case Where::kSlide:
          out_.slide_shapes.back().push_back(std::move(value));
          break;
        case Where::kNotes:
          out_.notes.back().push_back(std::move(value));
          break;
        default:  // masters' placeholder prompts ("Click to edit Master title style"), lists
          break;
      }
    }
    if (at != data.size()) out_.damaged = true;
  }

 private:
  Presentation& out_;
};

// The persist directory ([MS-PPT] 2.3.4): persist id -> stream offset, newest edit first, found
// from the "Current User" stream through the chain of UserEditAtoms. Empty when it cannot be
// read (then slides are taken in stream order).
struct PersistDirectory {
  std::map<std::uint32_t, std::uint32_t> offsets;
  std::uint32_t document = 0;  // persist id of the Document container
};

PersistDirectory ReadPersistDirectory(std::string_view stream, std::string_view current_user) {
  PersistDirectory out;
  // 64-bit: offsets near 4 GiB must not wrap when 8 or 28 is added.
  std::uint64_t edit = U32(current_user, 16);  // CurrentUserAtom.offsetToCurrentEdit
  for (int hops = 0; hops < 256 && edit != 0 && edit + 28 <= stream.size(); ++hops) {
    if (U16(stream, edit + 2) != 0x0FF5) break;  // UserEditAtom
    if (hops == 0) out.document = U32(stream, edit + 24);
    const std::uint64_t directory = U32(stream, edit + 20);
    if (directory + 8 <= stream.size() && U16(stream, directory + 2) == 0x1772) {
      const std::uint32_t length = U32(stream, directory + 4);
      const std::string_view entries = stream.substr(
          directory + 8, std::min<std::size_t>(length, stream.size() - directory - 8));
      std::size_t at = 0;
      while (at + 4 <= entries.size()) {
        const std::uint32_t head = U32(entries, at);
        const std::uint32_t first = head & 0xFFFFF;
        const std::uint32_t count = head >> 20;
        at += 4;
        for (std::uint32_t i = 0; i < count && at + 4 <= entries.size(); ++i, at += 4) {
          out.offsets.emplace(first + i, U32(entries, at));  // older edits never override
        }
      }
    }
    const std::uint64_t older = U32(stream, edit + 16);
    if (older >= edit) break;  // edits are written in order; anything else is a loop
    edit = older;
  }
  return out;
}

// The record starting at `offset` (header included), or empty when it runs past the stream.
std::string_view RecordAt(std::string_view stream, std::uint64_t offset) {
  if (offset + 8 > stream.size()) return {};
  const std::uint32_t length = U32(stream, offset + 4);
  if (length > stream.size() - offset - 8) return {};
  return stream.substr(offset, 8 + length);
}

// Slides in presentation order through the persist directory: the Document's SlideListWithText
// names each slide's persist id, its SlideAtom the notes id, the notes list the notes' persist id.
bool ReadByPersist(std::string_view stream, const PersistDirectory& persist, Presentation& out) {
  const auto document_at = persist.offsets.find(persist.document);
  if (document_at == persist.offsets.end()) return false;
  const std::string_view document = RecordAt(stream, document_at->second);
  if (document.size() < 8 || U16(document, 2) != kDocument) return false;
  std::vector<std::uint32_t> slide_ids;                // persist ids, slide order
  std::map<std::uint32_t, std::uint32_t> notes_by_id;  // notes id -> persist id
  std::size_t at = 8;
  while (at + 8 <= document.size()) {
    const std::uint16_t ver_instance = U16(document, at);
    const std::uint16_t type = U16(document, at + 2);
    const std::uint32_t length = U32(document, at + 4);
    if (length > document.size() - at - 8) break;
    if (type == kSlideListWithText) {
      const int instance = ver_instance >> 4;
      const std::string_view list = document.substr(at + 8, length);
      for (std::size_t r = 0; r + 8 <= list.size();) {
        const std::uint32_t size = U32(list, r + 4);
        if (size > list.size() - r - 8) break;
        if (U16(list, r + 2) == kSlidePersistAtom) {
          if (instance == 0) slide_ids.push_back(U32(list, r + 8));
          if (instance == 2) notes_by_id[U32(list, r + 8 + 12)] = U32(list, r + 8);
        }
        r += 8 + size;
      }
    }
    at += 8 + length;
  }
  Presentation placeholders;  // the current Document's slide lists only
  Walker(placeholders).Walk(document, 0, Where::kNone, false);
  if (slide_ids.empty() || placeholders.slides.size() != slide_ids.size()) return false;
  out.slides = std::move(placeholders.slides);
  out.slide_shapes.clear();
  out.slide_comments.clear();
  out.notes.clear();
  for (std::uint32_t id : slide_ids) {
    Presentation one;
    const auto slide_at = persist.offsets.find(id);
    const std::string_view slide =
        slide_at == persist.offsets.end() ? std::string_view() : RecordAt(stream, slide_at->second);
    Walker walker(one);
    if (!slide.empty()) walker.Walk(slide, 0, Where::kNone, false);
    out.damaged = out.damaged || one.damaged;
    out.slide_shapes.push_back(one.slide_shapes.empty() ? std::vector<std::string>()
                                                        : one.slide_shapes.front());
    out.slide_comments.push_back(one.slide_comments.empty() ? std::vector<std::string>()
                                                            : one.slide_comments.front());
    // SlideAtom.notesIdRef -> the notes' persist id.
    std::vector<std::string> notes;
    if (slide.size() > 8 + 8 + 24 && U16(slide, 8 + 2) == 0x03EF) {
      const auto notes_id = notes_by_id.find(U32(slide, 8 + 8 + 16));
      if (notes_id != notes_by_id.end()) {
        const auto notes_at = persist.offsets.find(notes_id->second);
        if (notes_at != persist.offsets.end()) {
          Presentation n;
          Walker(n).Walk(RecordAt(stream, notes_at->second), 0, Where::kNone, false);
          if (!n.notes.empty()) notes = n.notes.front();
        }
      }
    }
    out.notes.push_back(std::move(notes));
  }
  return true;
}

// Appends each non-empty line of `texts` as one block of `part`.
void AppendTexts(const std::vector<std::string>& texts, TextPart part, Document& doc) {
  for (const std::string& text : texts) {
    std::size_t start = 0;
    while (start <= text.size()) {
      std::size_t end = text.find('\n', start);
      if (end == std::string::npos) end = text.size();
      const std::string_view line = std::string_view(text).substr(start, end - start);
      if (HasVisibleText(line)) {
        const std::size_t begin = doc.text.size();
        doc.replaced_invalid_bytes += AppendValidUtf8(line, doc.text);
        doc.blocks.push_back(
            TextBlock{.begin = begin, .end = doc.text.size(), .part = part, .label = {}});
        doc.text.push_back('\n');
      }
      start = end + 1;
    }
  }
}

// PowerPoint 95 keeps a plain-text copy of its slides in "Text_Content" (8-bit, '\r' between
// paragraphs); its record stream is another format, not read here.
void ReadPowerPoint95(OleFile& ole, const ExtractOptions& options, Document& doc) {
  std::string text;
  if (ole.ReadStream("Text_Content", options.max_file_bytes, text) != OleFile::Read::kOk) {
    FailDocument(doc, ole.budget_exhausted() ? DocumentStatus::kTooLarge : DocumentStatus::kCorrupt,
                 "damaged PowerPoint 95 presentation: " + ole.failure());
    return;
  }
  AppendTexts({AtomText(kTextBytesAtom, text)}, TextPart::kBody, doc);
  doc.pages.push_back(Page{.number = 1, .begin = 0, .end = doc.text.size()});
  if (!HasVisibleText(doc.text)) {
    FailDocument(doc, DocumentStatus::kEmpty, "no text found (PowerPoint 95 Text_Content)");
    return;
  }
  doc.status = DocumentStatus::kOk;
  doc.reason = "PowerPoint 95 presentation: text from its Text_Content copy, not split by slide";
}

}  // namespace

void ReadPresentation(OleFile& ole, const ExtractOptions& options, Document& doc) {
  doc.format = DocumentFormat::kPpt;
  if (ole.HasStream("EncryptedSummary")) {
    FailDocument(doc, DocumentStatus::kEncrypted,
                 "encrypted PowerPoint presentation (password to open); remove the password and "
                 "save as PPTX");
    return;
  }
  std::string stream;
  if (ole.HasStream("PersistentStorage Directory") && ole.HasStream("Text_Content")) {
    ReadPowerPoint95(ole, options, doc);
    return;
  }
  if (ole.ReadStream("PowerPoint Document", options.max_file_bytes, stream) != OleFile::Read::kOk) {
    FailDocument(doc, ole.budget_exhausted() ? DocumentStatus::kTooLarge : DocumentStatus::kCorrupt,
                 "damaged PowerPoint presentation: " + ole.failure());
    return;
  }
  Presentation presentation;
  Walker(presentation).Walk(stream, 0, Where::kNone, false);
  std::string current_user;
  if (ole.ReadStream("Current User", 4096, current_user) == OleFile::Read::kOk) {
    ReadByPersist(stream, ReadPersistDirectory(stream, current_user), presentation);
  }
  if (presentation.encrypted) {
    FailDocument(doc, DocumentStatus::kEncrypted,
                 "encrypted PowerPoint presentation (password to open); remove the password and "
                 "save as PPTX");
    return;
  }
  std::vector<SlideText>& slides = presentation.slides;
  const std::size_t count =
      std::max({slides.size(), presentation.slide_shapes.size(), presentation.notes.size()});
  slides.resize(count);
  for (std::size_t i = 0; i < presentation.slide_shapes.size(); ++i) {
    auto& shapes = presentation.slide_shapes[i];
    slides[i].body.insert(slides[i].body.end(), shapes.begin(), shapes.end());
    slides[i].comments = presentation.slide_comments[i];
  }
  for (std::size_t i = 0; i < presentation.notes.size(); ++i)
    slides[i].notes = presentation.notes[i];
  for (std::size_t i = 0; i < slides.size(); ++i) {
    if (static_cast<int>(i) >= options.max_pages) break;
    if (!doc.pages.empty()) doc.text.push_back('\f');
    const std::size_t begin = doc.text.size();
    AppendTexts(slides[i].body, TextPart::kBody, doc);
    AppendTexts(slides[i].notes, TextPart::kNotes, doc);
    AppendTexts(slides[i].comments, TextPart::kComment, doc);
    const int number = static_cast<int>(i) + 1;
    doc.pages.push_back(Page{.number = number,
                             .begin = begin,
                             .end = doc.text.size(),
                             .label = "slide " + std::to_string(number)});
  }
  if (doc.pages.empty()) doc.pages.push_back(Page{.number = 1, .begin = 0, .end = 0});
  const bool too_many = static_cast<int>(slides.size()) > options.max_pages;
  if (presentation.damaged || too_many) {
    const std::string what = too_many ? "more than " + std::to_string(options.max_pages) +
                                            " slides (max_pages); the rest were not read"
                                      : "damaged PowerPoint record stream; the records after "
                                        "the damage were not read";
    if (HasVisibleText(doc.text)) {
      doc.status = DocumentStatus::kPartial;
      doc.reason = what;
    } else {
      FailDocument(doc, too_many ? DocumentStatus::kTooLarge : DocumentStatus::kCorrupt, what);
    }
    return;
  }
  if (!HasVisibleText(doc.text)) {
    FailDocument(doc, DocumentStatus::kEmpty, "no text found on any slide");
    return;
  }
  doc.status = DocumentStatus::kOk;
}

}  // namespace trustscreen::extract::internal
