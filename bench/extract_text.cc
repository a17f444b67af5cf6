// extract_text: prints Document::text of one file (pages separated by '\f', as extracted) to
// stdout, and its status and reason to stderr. With --blocks, prints the text blocks instead:
// "<part> h<heading_level> p<page>: <text>" one per line, the page's label and the block's
// locator after the page when a reader names them ("p2 Partners!B12").
//
// Usage: extract_text [--blocks] [--keep-empty-saves] [--password P]... FILE
// (--keep-empty-saves: ExtractOptions::pdf_keep_empty_saves, to compare the text with it)
#include <cstdio>
#include <iostream>
#include <string>
#include <string_view>

#include "trustscreen/extract/extract.h"

int main(int argc, char** argv) {
  trustscreen::extract::ExtractOptions options;
  bool blocks = false;
  std::string file;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--blocks") {
      blocks = true;
    } else if (arg == "--keep-empty-saves") {
      options.pdf_keep_empty_saves = true;
    } else if (arg == "--password" && i + 1 < argc) {
      options.passwords.emplace_back(argv[++i]);
    } else {
      file = std::string(arg);
    }
  }
  if (file.empty()) {
    std::cerr << "usage: extract_text [--blocks] [--keep-empty-saves] [--password P]... FILE\n";
    return 2;
  }
  const trustscreen::Document doc = trustscreen::extract::ExtractFile(file, options);
  std::cerr << trustscreen::ToString(doc.status) << (doc.reason.empty() ? "" : ": ") << doc.reason
            << " (quality: replacement " << doc.quality.replacement_share << ", non-words "
            << doc.quality.nonword_share << ")\n";
  if (!blocks) {
    std::cout << doc.text;
    return 0;
  }
  for (const trustscreen::TextBlock& block : doc.blocks) {
    std::string text = doc.text.substr(block.begin, block.end - block.begin);
    for (char& c : text) {
      if (c == '\n') c = ' ';
    }
    const trustscreen::Page* page = doc.PageRecordAt(block.begin);
    std::string where;
    if (page != nullptr && !page->label.empty()) where = " " + page->label;
    if (!block.locator.empty()) where += "!" + block.locator;
    std::cout << trustscreen::ToString(block.part) << " h" << block.heading_level << " p"
              << doc.PageAt(block.begin) << where << ": " << text << "\n";
  }
  return 0;
}
