// Placeholder until the aspi converter lands: refuses the format with a clear message.
#include "importers.h"

namespace trustscreen::lists::internal {

Result<ImportedList> ConvertAspi(const std::vector<ImportInput>&, const ImportOptions&,
                                 ImportStats*) {
  return InvalidArgument("lists import: format 'aspi' is not available in this build");
}

}  // namespace trustscreen::lists::internal
