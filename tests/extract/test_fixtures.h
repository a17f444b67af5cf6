// Fixtures for the extract tests: temporary directories, files built at test time (DOCX packages,
// small PDFs) and paths into the shared corpus.
#ifndef TRUSTSCREEN_TESTS_EXTRACT_TEST_FIXTURES_H_
#define TRUSTSCREEN_TESTS_EXTRACT_TEST_FIXTURES_H_

#include <filesystem>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "trustscreen/core/document.h"

namespace trustscreen::extract::fixtures {

// A fresh directory under the system temp dir, removed with everything in it on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  // Writes `bytes` to `name` inside the directory and returns the full path.
  std::filesystem::path Write(std::string_view name, std::string_view bytes) const;

 private:
  std::filesystem::path path_;
};

std::string ReadFileBytes(const std::filesystem::path& path);

// A path inside TRUSTSCREEN_CORPUS_DIR.
std::filesystem::path CorpusPath(std::string_view relative);

// A ZIP archive with the given (name, content) members, deflated.
std::string BuildZip(const std::vector<std::pair<std::string, std::string>>& members);

// A minimal but real DOCX package ([Content_Types].xml, _rels/.rels, word/document.xml, its
// relationships) around `document_xml`.
std::string BuildDocx(const std::string& document_xml);

// Wraps body XML (paragraphs, tables) in <w:document><w:body>…</w:body></w:document>.
std::string WordDocument(std::string_view body_xml);

// One page of a generated PDF, described by its content stream.
struct PdfPage {
  std::string content;  // e.g. "BT /F1 12 Tf 72 720 Td (Hello) Tj ET"; "" for a blank page
};
// A small valid PDF (Helvetica as /F1 on every page) with a correct xref table.
std::string BuildPdf(const std::vector<PdfPage>& pages);
// A PDF file of `objects` (object i+1 is objects[i]; object 1 must be the catalog) after
// `header`, with a correct xref table and trailer.
std::string AssemblePdf(std::string header, const std::vector<std::string>& objects);
// Content stream showing `text` (ASCII, no parentheses or backslashes) on a page.
std::string TextContent(std::string_view text);

// The text block holding the first occurrence of `needle` in the document's text, or nullptr.
const TextBlock* BlockWith(const Document& doc, std::string_view needle);

// True if `program` is found on PATH.
bool HaveProgram(std::string_view program);
// Runs a shell command; true on exit status 0.
bool RunCommand(const std::string& command);
// Quotes a path for /bin/sh.
std::string ShellQuote(const std::string& s);

}  // namespace trustscreen::extract::fixtures

#endif  // TRUSTSCREEN_TESTS_EXTRACT_TEST_FIXTURES_H_
