#include "ole_fixtures.h"

#include <glib-object.h>
#include <gsf/gsf-outfile-msole.h>
#include <gsf/gsf-outfile.h>
#include <gsf/gsf-output-memory.h>
#include <gsf/gsf-output.h>
#include <gsf/gsf-utils.h>

#include <map>
#include <mutex>

namespace trustscreen::extract::fixtures {

std::string MakeOle(const std::vector<std::pair<std::string, std::string>>& streams) {
  static std::once_flag once;
  std::call_once(once, [] { gsf_init(); });
  GsfOutput* sink = gsf_output_memory_new();
  GsfOutfile* root = gsf_outfile_msole_new(sink);
  std::map<std::string, GsfOutfile*> storages;  // by path, closed after their streams
  std::vector<std::string> order;
  for (const auto& [path, content] : streams) {
    GsfOutfile* parent = root;
    std::string prefix;
    std::size_t start = 0;
    for (std::size_t slash = path.find('/'); slash != std::string::npos;
         slash = path.find('/', start)) {
      prefix = path.substr(0, slash);
      auto it = storages.find(prefix);
      if (it == storages.end()) {
        GsfOutput* dir =
            gsf_outfile_new_child(parent, path.substr(start, slash - start).c_str(), TRUE);
        it = storages.emplace(prefix, GSF_OUTFILE(dir)).first;
        order.push_back(prefix);
      }
      parent = it->second;
      start = slash + 1;
    }
    GsfOutput* child = gsf_outfile_new_child(parent, path.substr(start).c_str(), FALSE);
    gsf_output_write(child, content.size(), reinterpret_cast<const guint8*>(content.data()));
    gsf_output_close(child);
    g_object_unref(child);
  }
  for (auto it = order.rbegin(); it != order.rend(); ++it) {
    gsf_output_close(GSF_OUTPUT(storages[*it]));
    g_object_unref(storages[*it]);
  }
  gsf_output_close(GSF_OUTPUT(root));
  g_object_unref(root);
  const auto* bytes = gsf_output_memory_get_bytes(GSF_OUTPUT_MEMORY(sink));
  std::string out(reinterpret_cast<const char*>(bytes),
                  static_cast<std::size_t>(gsf_output_size(sink)));
  g_object_unref(sink);
  return out;
}

}  // namespace trustscreen::extract::fixtures
