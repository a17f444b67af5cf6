#include "opc_relationships.h"

#include <algorithm>

#include "xml_reader.h"

namespace trustscreen::extract::internal {

std::string ResolveTarget(std::string_view source, std::string_view target) {
  std::vector<std::string> segments;
  if (!target.starts_with('/')) {
    const std::size_t slash = source.rfind('/');
    std::string_view dir = slash == std::string_view::npos ? "" : source.substr(0, slash);
    while (!dir.empty()) {
      const std::size_t next = dir.find('/');
      segments.emplace_back(dir.substr(0, next));
      if (next == std::string_view::npos) break;
      dir.remove_prefix(next + 1);
    }
  }
  while (!target.empty()) {
    const std::size_t next = target.find('/');
    const std::string_view segment = target.substr(0, next);
    if (segment == "..") {
      if (!segments.empty()) segments.pop_back();
    } else if (!segment.empty() && segment != ".") {
      segments.emplace_back(segment);
    }
    if (next == std::string_view::npos) break;
    target.remove_prefix(next + 1);
  }
  std::string out;
  for (const std::string& segment : segments) {
    if (!out.empty()) out.push_back('/');
    out += segment;
  }
  return out;
}

std::string RelsPartFor(std::string_view part) {
  const std::size_t slash = part.rfind('/');
  if (slash == std::string_view::npos) return "_rels/" + std::string(part) + ".rels";
  return std::string(part.substr(0, slash)) + "/_rels/" + std::string(part.substr(slash + 1)) +
         ".rels";
}

std::vector<Relationship> ReadRelationships(XmlPackage& package, std::string_view source,
                                            int max_depth) {
  std::vector<Relationship> out;
  std::string xml;
  const std::string rels_part = source.empty() ? "_rels/.rels" : RelsPartFor(source);
  if (package.ReadPart(rels_part, xml) != XmlPackage::Read::kOk || HasDoctype(xml)) return out;
  XmlReader reader(xml, rels_part, max_depth);
  while (reader.Next()) {
    if (reader.node() != XmlNode::kElementStart || reader.local_name() != "Relationship") continue;
    if (reader.Attribute("", "TargetMode").value_or("") == "External") continue;
    const std::string type = reader.Attribute("", "Type").value_or("");
    const std::string target = reader.Attribute("", "Target").value_or("");
    if (target.empty()) continue;
    out.push_back({reader.Attribute("", "Id").value_or(""), type.substr(type.rfind('/') + 1),
                   ResolveTarget(source, target)});
  }
  return out;
}

std::vector<std::string> TargetsOfType(const std::vector<Relationship>& rels,
                                       std::string_view type) {
  std::vector<std::string> out;
  for (const Relationship& rel : rels) {
    if (rel.type == type && std::find(out.begin(), out.end(), rel.target) == out.end()) {
      out.push_back(rel.target);
    }
  }
  return out;
}

std::string TargetOfId(const std::vector<Relationship>& rels, std::string_view id) {
  if (id.empty()) return "";
  for (const Relationship& rel : rels) {
    if (rel.id == id) return rel.target;
  }
  return "";
}

std::string MainPart(XmlPackage& package, std::string_view fallback, int max_depth) {
  for (const Relationship& rel : ReadRelationships(package, "", max_depth)) {
    if (rel.type == "officeDocument" && package.Has(rel.target)) return rel.target;
  }
  return std::string(fallback);
}

}  // namespace trustscreen::extract::internal
