// Placeholder readers until the .doc, .xls and .ppt readers land: each reports its format as
// unsupported with a conversion hint, as before the OLE2 container was read.
#include "extractors.h"
#include "ole_readers.h"

namespace trustscreen::extract::internal {

void ReadWordDocument(OleFile&, const ExtractOptions&, Document& doc) {
  doc.format = DocumentFormat::kDoc;
  FailDocument(doc, DocumentStatus::kUnsupported,
               "legacy Word .doc (OLE2) is not supported; convert to DOCX");
}

void ReadWorkbook(OleFile&, const ExtractOptions&, Document& doc) {
  doc.format = DocumentFormat::kXls;
  FailDocument(doc, DocumentStatus::kUnsupported,
               "legacy Excel .xls (OLE2) is not supported; convert to XLSX or PDF");
}

void ReadPresentation(OleFile&, const ExtractOptions&, Document& doc) {
  doc.format = DocumentFormat::kPpt;
  FailDocument(doc, DocumentStatus::kUnsupported,
               "legacy PowerPoint .ppt (OLE2) is not supported; convert to PPTX or PDF");
}

}  // namespace trustscreen::extract::internal
