// libFuzzer entry point shared by the fuzz_<format> targets: the whole input is one file, named
// TRUSTSCREEN_FUZZ_FILE_NAME ("fuzz.docx", ...), extracted as the pipeline would. The name only
// matters for the text-extension check and for hints; content sniffing does the rest, so every
// target reaches every extractor, but its seed corpus steers it to one.
//
// What counts as a bug: a crash, a sanitizer report, a leak, a hang (-timeout) or an allocation
// over -rss_limit_mb. Statuses such as corrupt or too_large are the expected outcome of garbage.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "trustscreen/extract/extract.h"

#ifndef TRUSTSCREEN_FUZZ_FILE_NAME
#error "define TRUSTSCREEN_FUZZ_FILE_NAME, e.g. \"fuzz.docx\""
#endif

#ifdef TRUSTSCREEN_FUZZ_PACKAGE_PART
#include <zlib.h>
#endif

namespace {

#ifdef TRUSTSCREEN_FUZZ_PACKAGE_PART
// The _xml targets: the input is one XML part (TRUSTSCREEN_FUZZ_PACKAGE_PART, e.g.
// "word/document.xml"), stored uncompressed in an otherwise valid package, so that mutations reach
// the XML reader instead of failing the ZIP's CRC check.
void Put16(std::string& out, std::uint32_t v) {
  out.push_back(static_cast<char>(v & 0xFF));
  out.push_back(static_cast<char>((v >> 8) & 0xFF));
}
void Put32(std::string& out, std::uint32_t v) {
  Put16(out, v & 0xFFFF);
  Put16(out, v >> 16);
}

using Member = std::pair<std::string_view, std::string_view>;  // name, content

std::string StoredZip(const std::vector<Member>& members) {
  std::string out;
  std::string directory;
  for (const auto& [name, data] : members) {
    const auto crc = static_cast<std::uint32_t>(
        crc32(0, reinterpret_cast<const Bytef*>(data.data()), static_cast<uInt>(data.size())));
    const auto offset = static_cast<std::uint32_t>(out.size());
    for (std::string* header : {&out, &directory}) {
      const bool central = header == &directory;
      Put32(*header, central ? 0x02014b50 : 0x04034b50);
      if (central) Put16(*header, 20);
      Put16(*header, 20);
      Put16(*header, 0);           // flags
      Put16(*header, 0);           // stored
      Put32(*header, 0x00210000);  // 1980-01-01 00:00
      Put32(*header, crc);
      Put32(*header, static_cast<std::uint32_t>(data.size()));
      Put32(*header, static_cast<std::uint32_t>(data.size()));
      Put16(*header, static_cast<std::uint32_t>(name.size()));
      Put16(*header, 0);
      if (central) {
        for (int k = 0; k < 4; ++k) Put16(*header, 0);  // comment, disk, attributes
        Put16(*header, 0);
        Put32(*header, offset);
      }
      *header += name;
    }
    out += data;
  }
  const auto directory_offset = static_cast<std::uint32_t>(out.size());
  out += directory;
  Put32(out, 0x06054b50);
  Put32(out, 0);
  Put16(out, static_cast<std::uint32_t>(members.size()));
  Put16(out, static_cast<std::uint32_t>(members.size()));
  Put32(out, static_cast<std::uint32_t>(directory.size()));
  Put32(out, directory_offset);
  Put16(out, 0);
  return out;
}

constexpr std::string_view kRels =
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
    "relationships/";

std::string WrapInPackage(std::string_view part) {
  const std::string_view part_name = TRUSTSCREEN_FUZZ_PACKAGE_PART;
  if (part_name == "content.xml") {  // ODF: "mimetype" must come first
    return StoredZip({{"mimetype", TRUSTSCREEN_FUZZ_MIMETYPE}, {part_name, part}});
  }
  // A sheet or a slide: the workbook or presentation that lists it, and its relationship.
  if (part_name == "xl/worksheets/sheet1.xml") {
    const std::string rels =
        std::string(kRels) + "worksheet\" Target=\"worksheets/sheet1.xml\"/>" + "</Relationships>";
    return StoredZip(
        {{"[Content_Types].xml", "<Types/>"},
         {"xl/workbook.xml",
          "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
          "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
          "<sheets><sheet name=\"Fuzz\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"},
         {"xl/_rels/workbook.xml.rels", rels},
         {part_name, part}});
  }
  if (part_name == "ppt/slides/slide1.xml") {
    const std::string rels =
        std::string(kRels) + "slide\" Target=\"slides/slide1.xml\"/></Relationships>";
    return StoredZip(
        {{"[Content_Types].xml", "<Types/>"},
         {"ppt/presentation.xml",
          "<p:presentation xmlns:p=\"http://schemas.openxmlformats.org/presentationml/2006/main\" "
          "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
          "<p:sldIdLst><p:sldId id=\"256\" r:id=\"rId1\"/></p:sldIdLst></p:presentation>"},
         {"ppt/_rels/presentation.xml.rels", rels},
         {part_name, part}});
  }
  return StoredZip({{"[Content_Types].xml", "<Types/>"}, {part_name, part}});
}
#endif

trustscreen::extract::ExtractOptions FuzzOptions() {
  trustscreen::extract::ExtractOptions options;
  // Smaller than the defaults so that a decompression bomb costs milliseconds, not seconds, and
  // stays far below -rss_limit_mb; the guards under test are the same.
  options.max_member_bytes = 32ull << 20;
  options.max_decompressed_bytes = 64ull << 20;
  options.max_pages = 200;
  return options;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const trustscreen::extract::ExtractOptions options = FuzzOptions();
  std::string_view input(reinterpret_cast<const char*>(data), size);
#ifdef TRUSTSCREEN_FUZZ_PACKAGE_PART
  const std::string package = WrapInPackage(input);
  input = package;
#endif
  const trustscreen::Document doc =
      trustscreen::extract::ExtractBytes(input, TRUSTSCREEN_FUZZ_FILE_NAME, options);
  // Invariants every extractor promises: pages are in-bounds, ascending ranges of the text.
  std::size_t previous_end = 0;
  for (const trustscreen::Page& page : doc.pages) {
    if (page.begin > page.end || page.end > doc.text.size() || page.begin < previous_end) {
      std::abort();
    }
    previous_end = page.end;
  }
  // Only kOk documents may omit a reason.
  if (doc.status != trustscreen::DocumentStatus::kOk && doc.reason.empty()) std::abort();
  return 0;
}
