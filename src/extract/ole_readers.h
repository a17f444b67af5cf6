// The readers of the legacy Office formats stored in OLE2 compound files (ole_extractor.cc
// classifies the container and calls one of them). Each fills `doc` like an Extract* function
// (format, status, reason, text, pages, blocks); `ole` is already open, its reads charged to the
// input's decompression budget.
#ifndef TRUSTSCREEN_SRC_EXTRACT_OLE_READERS_H_
#define TRUSTSCREEN_SRC_EXTRACT_OLE_READERS_H_

#include "extractors.h"
#include "ole_file.h"
#include "trustscreen/core/document.h"
#include "trustscreen/extract/extract.h"

namespace trustscreen::extract::internal {

// Word 97-2003 (and Word 6/95): the "WordDocument" stream and its table stream.
void ReadWordDocument(OleFile& ole, const ExtractOptions& options, Document& doc);

// Excel 97-2003 (BIFF8) and Excel 5/95 (BIFF5): the "Workbook" or "Book" stream.
void ReadWorkbook(OleFile& ole, const ExtractOptions& options, Document& doc);

// PowerPoint 97-2003: the "PowerPoint Document" stream.
void ReadPresentation(OleFile& ole, const ExtractOptions& options, Document& doc);

// Outlook .msg (msg_extractor.cc): the message's text as an e-mail (mail_message.h), its
// attachments members, attached Outlook messages read in place as members of their own.
void ReadOutlookMessage(OleFile& ole, const ExtractOptions& options, ArchiveBudget& budget,
                        Document& doc);

}  // namespace trustscreen::extract::internal

#endif  // TRUSTSCREEN_SRC_EXTRACT_OLE_READERS_H_
