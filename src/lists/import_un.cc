// Placeholder until the un converter lands: refuses the format with a clear message.
#include "importers.h"

namespace trustscreen::lists::internal {

Result<ImportedList> ConvertUn(const std::vector<ImportInput>&, const ImportOptions&,
                               ImportStats*) {
  return InvalidArgument("lists import: format 'un' is not available in this build");
}

}  // namespace trustscreen::lists::internal
