// Placeholder until the ofac converter lands: refuses the format with a clear message.
#include "importers.h"

namespace trustscreen::lists::internal {

Result<ImportedList> ConvertOfac(const std::vector<ImportInput>&, const ImportOptions&,
                                 ImportStats*) {
  return InvalidArgument("lists import: format 'ofac' is not available in this build");
}

}  // namespace trustscreen::lists::internal
