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

#include <mutex>
#include <optional>

namespace trustscreen::extract::internal {
namespace {

thread_local PopplerErrorLog* tl_error_log = nullptr;

void OnPopplerError(ErrorCategory category, Goffset /*pos*/, const char* message) {
  PopplerErrorLog* log = tl_error_log;
  if (log == nullptr || category == errSyntaxWarning) return;
  if (log->count++ == 0 && message != nullptr) log->first = message;
}

std::unique_ptr<PDFDoc> NewDoc(std::string_view bytes, const std::optional<GooString>& password,
                               bool& xref_rebuilt) {
  // MemStream borrows `bytes`; PDFDoc takes ownership of the stream.
  return std::make_unique<PDFDoc>(
      new MemStream(bytes.data(), 0, static_cast<Goffset>(bytes.size()), Object(objNull)), password,
      password, nullptr, [&xref_rebuilt] { xref_rebuilt = true; });
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
    bool rebuilt = false;
    auto doc = NewDoc(bytes, GooString(password), rebuilt);
    if (doc->isOk() || doc->getErrorCode() != errEncrypted) {
      opened.doc = std::move(doc);
      opened.xref_rebuilt = rebuilt;
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

}  // namespace trustscreen::extract::internal
