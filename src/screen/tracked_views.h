// Matching a document with tracked changes as it was drafted and as it now reads.
//
// A DOCX or ODT with tracked changes is extracted with both its deletions and its insertions in
// the text (each its own TextBlock), so each is screened. A phrase that only forms once one side of
// a change is left out — "export of [military]{civil} technology" reads "export of military
// technology" as drafted — is not in that text. This module matches the two views too: as
// drafted (insertions left out) and as amended (deletions left out), and keeps the findings that
// the full text does not already have, mapped back to the document's offsets.
#ifndef TRUSTSCREEN_SRC_SCREEN_TRACKED_VIEWS_H_
#define TRUSTSCREEN_SRC_SCREEN_TRACKED_VIEWS_H_

#include <vector>

#include "trustscreen/core/document.h"
#include "trustscreen/core/finding.h"
#include "trustscreen/core/status.h"
#include "trustscreen/rules/rule_set.h"

namespace trustscreen::screen {

// Adds to `findings` (the full text's, in document order) the findings of the views "as drafted"
// and "as amended" that no finding of the same rule already covers, in document order. Each
// spans, in Document::text, the view's match with the change inside it; its modifiers say
// "as drafted" or "as amended". Nothing is done for a document without tracked changes.
Status AddTrackedChangeViews(const rules::CompiledRuleSet& rules, const Document& document,
                             std::vector<Finding>& findings);

}  // namespace trustscreen::screen

#endif  // TRUSTSCREEN_SRC_SCREEN_TRACKED_VIEWS_H_
