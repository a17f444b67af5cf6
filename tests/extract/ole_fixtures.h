// OLE2 compound files built in memory with libgsf's writer, for tests of the OLE readers.
#ifndef TRUSTSCREEN_TESTS_EXTRACT_OLE_FIXTURES_H_
#define TRUSTSCREEN_TESTS_EXTRACT_OLE_FIXTURES_H_

#include <string>
#include <utility>
#include <vector>

namespace trustscreen::extract::fixtures {

// An OLE2 file holding `streams`, each a path ("WordDocument", "storage/stream": storages are
// created as needed) and its content, in the order given.
std::string MakeOle(const std::vector<std::pair<std::string, std::string>>& streams);

}  // namespace trustscreen::extract::fixtures

#endif  // TRUSTSCREEN_TESTS_EXTRACT_OLE_FIXTURES_H_
