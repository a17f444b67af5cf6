// Placeholder until the ofsi converter lands: refuses the format with a clear message.
#include "importers.h"

namespace trustscreen::lists::internal {

Result<ImportedList> ConvertOfsi(const std::vector<ImportInput>&, const ImportOptions&,
                                 ImportStats*) {
  return InvalidArgument("lists import: format 'ofsi' is not available in this build");
}

}  // namespace trustscreen::lists::internal
