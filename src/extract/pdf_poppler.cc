#include "pdf_poppler.h"

// PDFDoc.h first: Poppler's Object.h and Dict.h need each other in that order.
#include <PDFDoc.h>
//
#include <Dict.h>
#include <Error.h>
#include <ErrorCodes.h>
#include <GlobalParams.h>
#include <Object.h>
#include <Stream.h>
#include <XRef.h>
#include <zlib.h>

#include <algorithm>
#include <mutex>
#include <optional>

#include "pdf_content_filter.h"

namespace trustscreen::extract::internal {
namespace {

thread_local PopplerErrorLog* tl_error_log = nullptr;

void OnPopplerError(ErrorCategory category, Goffset /*pos*/, const char* message) {
  PopplerErrorLog* log = tl_error_log;
  if (log == nullptr || category == errSyntaxWarning) return;
  if (log->count++ == 0 && message != nullptr) log->first = message;
}

std::unique_ptr<PDFDoc> NewDoc(std::string_view bytes, const std::optional<GooString>& password,
                               std::shared_ptr<bool> xref_rebuilt) {
  // MemStream borrows `bytes`; PDFDoc takes ownership of the stream.
  return std::make_unique<PDFDoc>(
      new MemStream(bytes.data(), 0, static_cast<Goffset>(bytes.size()), Object(objNull)), password,
      password, nullptr, [xref_rebuilt] { *xref_rebuilt = true; });
}

// The decoded bytes of `stream`, or nothing when they are more than kMaxFilteredStreamBytes.
std::optional<std::string> DecodedContent(Stream& stream) {
  std::string bytes;
  unsigned char chunk[1 << 16];
  stream.reset();
  for (;;) {
    const int count = stream.doGetChars(static_cast<int>(sizeof chunk), chunk);
    if (count <= 0) break;
    bytes.append(reinterpret_cast<const char*>(chunk), static_cast<std::size_t>(count));
    if (bytes.size() > kMaxFilteredStreamBytes) break;
  }
  stream.close();
  if (bytes.size() > kMaxFilteredStreamBytes) return std::nullopt;
  return bytes;
}

// The bytes of `stream` read through its one filter, /FlateDecode without parameters (what nearly
// every content stream is), inflated by zlib; nothing for any other stream, or when zlib does not
// reach the stream's end cleanly (a damaged stream is left to Poppler, which reports it in its
// usual place). Debian builds Poppler without ENABLE_ZLIB_UNCOMPRESS, and Poppler's own decoder
// takes several times zlib's time for the same bytes.
std::optional<std::string> InflatedContent(Stream& stream) {
  Stream* const raw = stream.getNextStream();
  if (stream.getKind() != strFlate || raw == nullptr || raw != stream.getUndecodedStream()) {
    return std::nullopt;
  }
  Dict* const dict = stream.getDict();
  if (dict == nullptr || !dict->lookupNF("DecodeParms").isNull() ||
      !dict->lookupNF("DP").isNull()) {
    return std::nullopt;  // a predictor: Poppler's path
  }
  std::optional<std::string> compressed = DecodedContent(*raw);  // the bytes under the filter
  if (!compressed) return std::nullopt;

  z_stream z{};
  if (inflateInit(&z) != Z_OK) return std::nullopt;
  z.next_in = reinterpret_cast<Bytef*>(compressed->data());
  z.avail_in = static_cast<uInt>(compressed->size());
  std::string bytes(std::max<std::size_t>(4 * compressed->size(), 4096), '\0');
  int status = Z_OK;
  while (status == Z_OK) {
    if (z.total_out == bytes.size()) {
      if (bytes.size() >= kMaxFilteredStreamBytes) break;
      bytes.resize(std::min(2 * bytes.size(), kMaxFilteredStreamBytes + 1));
    }
    z.next_out = reinterpret_cast<Bytef*>(bytes.data() + z.total_out);
    z.avail_out = static_cast<uInt>(bytes.size() - z.total_out);
    status = inflate(&z, Z_NO_FLUSH);
  }
  const std::size_t size = z.total_out;
  inflateEnd(&z);
  if (status != Z_STREAM_END || size > kMaxFilteredStreamBytes) return std::nullopt;
  bytes.resize(size);
  return bytes;
}

// The references of a page's content streams: /Contents is a stream reference or an array of
// them (itself possibly indirect).
std::vector<Ref> ContentRefs(XRef& xref, ::Page& page) {
  std::vector<Ref> refs;
  Object page_dict = xref.fetch(page.getRef());
  if (!page_dict.isDict()) return refs;
  Object contents = page_dict.dictLookupNF("Contents").copy();
  if (contents.isRef()) {
    Object target = xref.fetch(contents.getRef());
    if (!target.isArray()) {
      refs.push_back(contents.getRef());
      return refs;
    }
    contents = std::move(target);
  }
  if (!contents.isArray()) return refs;
  for (int i = 0; i < contents.arrayGetLength(); ++i) {
    const Object& element = contents.arrayGetNF(i);
    if (element.isRef()) refs.push_back(element.getRef());
  }
  return refs;
}

}  // namespace

ScopedErrorLog::ScopedErrorLog(PopplerErrorLog* log) : previous_(tl_error_log) {
  tl_error_log = log;
}
ScopedErrorLog::~ScopedErrorLog() { tl_error_log = previous_; }

void InitPopplerOnce() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (!globalParams) globalParams = std::make_unique<GlobalParams>();
    // Poppler would otherwise print every complaint about a damaged file to stderr.
    setErrorCallback(&OnPopplerError);
  });
}

OpenedPdf OpenPdf(std::string_view bytes, const std::vector<std::string>& passwords) {
  OpenedPdf opened;
  opened.doc = NewDoc(bytes, std::nullopt, opened.xref_rebuilt);
  if (opened.doc->isOk() || opened.doc->getErrorCode() != errEncrypted) return opened;
  for (const std::string& password : passwords) {
    auto rebuilt = std::make_shared<bool>(false);
    auto doc = NewDoc(bytes, GooString(password), rebuilt);
    if (doc->isOk() || doc->getErrorCode() != errEncrypted) {
      opened.doc = std::move(doc);
      opened.xref_rebuilt = std::move(rebuilt);
      return opened;
    }
  }
  opened.password_failed = !passwords.empty();
  return opened;
}

bool DropOutputIntents(PDFDoc& doc) {
  XRef* xref = doc.getXRef();
  if (xref == nullptr) return false;
  Object catalog = xref->getCatalog();
  if (!catalog.isDict() || catalog.getDict()->lookupNF("OutputIntents").isNull()) return false;
  const Ref root = xref->getRoot();
  if (root.num < 0) return false;
  // A modified entry is returned by XRef::fetch in place of the parsed object, so every later
  // lookup of the catalog (Gfx::initDisplayProfile among them) sees the copy without the key.
  Dict* copy = catalog.getDict()->copy(xref);
  copy->remove("OutputIntents");
  const Object replacement(copy);
  xref->setModifiedObject(&replacement, root);
  return true;
}

std::size_t DropEmptySaves(OpenedPdf& pdf, int page_number) {
  XRef* xref = pdf.doc->getXRef();
  ::Page* page = pdf.doc->getPage(page_number);
  if (xref == nullptr || page == nullptr) return 0;
  // Problems met here are Poppler's to report when it displays the page: a stream that raises any
  // is left alone, and the messages go to a log of their own.
  PopplerErrorLog errors;
  ScopedErrorLog scoped(&errors);
  std::size_t removed = 0;
  for (const Ref ref : ContentRefs(*xref, *page)) {
    const int errors_before = errors.count;
    // Already replaced: a stream shared with an earlier page.
    const XRefEntry* entry = xref->getEntry(ref.num, /*complainIfMissing=*/false);
    if (entry == nullptr || entry->getFlag(XRefEntry::Updated)) continue;
    Object stream = xref->fetch(ref);
    if (!stream.isStream()) continue;
    // A stream zlib inflated is replaced even without empty pairs (while half the budget is left
    // for those that have them), so that Poppler does not decode it again.
    std::optional<std::string> bytes = InflatedContent(*stream.getStream());
    const bool inflated = bytes.has_value();
    if (!inflated) bytes = DecodedContent(*stream.getStream());
    if (!bytes || errors.count != errors_before) continue;
    // Every pair removed holds a "Q" byte: fewer of them than kMinEmptyPairs, no filtering.
    std::size_t pairs = 0;
    if (static_cast<std::size_t>(std::count(bytes->begin(), bytes->end(), 'Q')) >= kMinEmptyPairs) {
      FilteredContent without_pairs = DropEmptySaveRestore(*bytes);
      if (without_pairs.removed >= kMinEmptyPairs) {
        pairs = without_pairs.removed;
        *bytes = std::move(without_pairs.content);
      }
    }
    const std::size_t size = bytes->size();
    const std::size_t budget = pairs > 0 ? kMaxReplacedBytes : kMaxReplacedBytes / 2;
    if ((pairs == 0 && !inflated) || pdf.replaced_bytes + size > budget) continue;
    removed += pairs;
    pdf.replaced_bytes += size;
    const std::string& kept = pdf.replaced_contents.emplace_back(std::move(*bytes));
    Dict* dict = new Dict(xref);
    dict->add("Length", Object(static_cast<int>(size)));
    const Object replacement(static_cast<Stream*>(
        new MemStream(kept.data(), 0, static_cast<Goffset>(size), Object(dict))));
    xref->setModifiedObject(&replacement, ref);
  }
  return removed;
}

}  // namespace trustscreen::extract::internal
