// RTF: a small reader for the text of an RTF file — paragraphs, line breaks, tabs, cp1252 and
// Unicode escapes, table cells — skipping destinations that hold no body text (font and colour
// tables, style sheets, document info, pictures, embedded objects, and every {\*…} group).
// Group nesting is bounded; everything else about the layout is ignored.
#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "extractors.h"
#include "trustscreen/core/utf8.h"
#include "utf8.h"

namespace trustscreen::extract::internal {
namespace {

// RTF writers nest groups a few dozen deep at most.
constexpr int kMaxGroupDepth = 1000;

struct GroupState {
  bool skip = false;  // inside a destination whose text is not shown
  int uc = 1;         // \ucN: characters that follow a \uN as its fallback
};

bool IsSkippedDestination(std::string_view word) {
  static constexpr std::string_view kSkipped[] = {"fonttbl",    "colortbl",
                                                  "stylesheet", "info",
                                                  "pict",       "object",
                                                  "header",     "footer",
                                                  "headerl",    "headerr",
                                                  "headerf",    "footerl",
                                                  "footerr",    "footerf",
                                                  "listtable",  "listoverridetable",
                                                  "revtbl",     "rsidtbl",
                                                  "generator",  "xmlnstbl",
                                                  "themedata",  "colorschememapping",
                                                  "datastore",  "latentstyles",
                                                  "filetbl",    "fldinst",
                                                  "bkmkstart",  "bkmkend",
                                                  "nonshppict", "shpinst",
                                                  "objdata",    "blipuid",
                                                  "mmathPr"};
  for (std::string_view skipped : kSkipped) {
    if (word == skipped) return true;
  }
  return false;
}

}  // namespace

void ExtractRtf(std::string_view bytes, Document& doc) {
  doc.format = DocumentFormat::kRtf;
  doc.encoding = "windows-1252";
  std::vector<GroupState> groups{GroupState{}};
  std::string text;
  std::string pending_8bit;  // \'hh bytes, decoded together
  int fallback_to_skip = 0;  // characters after \uN still to drop
  bool too_deep = false;
  const auto flush_8bit = [&] {
    if (!pending_8bit.empty()) {
      AppendWindows1252AsUtf8(pending_8bit, text);
      pending_8bit.clear();
    }
  };
  const auto emit = [&](std::string_view s) {
    if (groups.back().skip) return;
    flush_8bit();
    text.append(s);
  };
  std::size_t i = 0;
  const std::size_t n = bytes.size();
  while (i < n) {
    const char c = bytes[i];
    if (c == '{') {
      ++i;
      if (groups.size() >= kMaxGroupDepth) {
        too_deep = true;
        break;
      }
      groups.push_back(groups.back());
      // "{\*\dest …}": an optional destination this reader does not know.
      if (bytes.substr(i, 2) == "\\*") groups.back().skip = true;
      continue;
    }
    if (c == '}') {
      ++i;
      if (groups.size() > 1) groups.pop_back();
      continue;
    }
    if (c == '\r' || c == '\n') {
      ++i;
      continue;
    }
    if (c != '\\') {
      if (fallback_to_skip > 0) {
        --fallback_to_skip;
      } else if (!groups.back().skip) {
        const auto b = static_cast<unsigned char>(c);
        if (b >= 0x80) {
          pending_8bit.push_back(c);
        } else if (b >= 0x20 || c == '\t') {
          emit(std::string_view(&c, 1));
        }
      }
      ++i;
      continue;
    }
    // A control symbol or word.
    ++i;
    if (i >= n) break;
    const char s = bytes[i];
    if (!std::isalpha(static_cast<unsigned char>(s))) {
      ++i;
      if (s == '\'') {
        if (i + 2 <= n) {
          const std::string hex(bytes.substr(i, 2));
          i += 2;
          const long value = std::isxdigit(static_cast<unsigned char>(hex[0])) &&
                                     std::isxdigit(static_cast<unsigned char>(hex[1]))
                                 ? std::strtol(hex.c_str(), nullptr, 16)
                                 : 0;
          if (fallback_to_skip > 0) {
            --fallback_to_skip;
          } else if (!groups.back().skip && value > 0) {
            pending_8bit.push_back(static_cast<char>(value));
          }
        }
      } else if (s == '\\' || s == '{' || s == '}') {
        if (fallback_to_skip > 0) {
          --fallback_to_skip;
        } else {
          emit(std::string_view(&s, 1));
        }
      } else if (s == '~') {
        emit("\xC2\xA0");
      } else if (s == '-') {
        // optional hyphen: invisible
      } else if (s == '_') {
        emit("-");
      } else if (s == '\n' || s == '\r') {
        emit("\n");  // "\<newline>" is \par
      }
      continue;
    }
    const std::size_t word_start = i;
    while (i < n && std::isalpha(static_cast<unsigned char>(bytes[i]))) ++i;
    const std::string_view word = bytes.substr(word_start, i - word_start);
    bool has_param = false;
    long param = 0;
    const std::size_t param_start = i;
    if (i < n && (bytes[i] == '-' || std::isdigit(static_cast<unsigned char>(bytes[i])))) {
      ++i;
      while (i < n && std::isdigit(static_cast<unsigned char>(bytes[i])) && i - param_start < 10) {
        ++i;
      }
      param =
          std::strtol(std::string(bytes.substr(param_start, i - param_start)).c_str(), nullptr, 10);
      has_param = true;
    }
    if (i < n && bytes[i] == ' ') ++i;  // the delimiter space belongs to the control word
    if (word == "bin" && has_param && param > 0) {
      i += std::min<std::size_t>(static_cast<std::size_t>(param), n - i);  // raw binary data
      continue;
    }
    if (IsSkippedDestination(word)) {
      groups.back().skip = true;
      continue;
    }
    if (word == "uc" && has_param) {
      groups.back().uc = static_cast<int>(std::max(0L, param));
    } else if (word == "u" && has_param) {
      if (!groups.back().skip) {
        flush_8bit();
        long cp = param < 0 ? param + 65536 : param;
        std::string utf8;
        AppendUtf8(static_cast<char32_t>(cp), utf8);
        text += utf8;
      }
      fallback_to_skip = groups.back().uc;
      continue;
    } else if (word == "par" || word == "sect" || word == "page" || word == "row" ||
               word == "cell" || word == "nestcell") {
      emit("\n");
    } else if (word == "line") {
      emit("\n");
    } else if (word == "tab") {
      emit("\t");
    } else if (word == "emdash") {
      emit("\xE2\x80\x94");
    } else if (word == "endash") {
      emit("\xE2\x80\x93");
    } else if (word == "bullet") {
      emit("\xE2\x80\xA2");
    } else if (word == "lquote") {
      emit("\xE2\x80\x98");
    } else if (word == "rquote") {
      emit("\xE2\x80\x99");
    } else if (word == "ldblquote") {
      emit("\xE2\x80\x9C");
    } else if (word == "rdblquote") {
      emit("\xE2\x80\x9D");
    }
    fallback_to_skip = 0;
  }
  flush_8bit();
  doc.replaced_invalid_bytes = AppendValidUtf8(text, doc.text);
  doc.pages.push_back(Page{.number = 1, .begin = 0, .end = doc.text.size()});
  if (too_deep) {
    const bool has_text = HasVisibleText(doc.text);
    doc.status = has_text ? DocumentStatus::kPartial : DocumentStatus::kTooLarge;
    doc.reason = "RTF groups nested deeper than " + std::to_string(kMaxGroupDepth) + " levels" +
                 (has_text ? "; only the text before them was read" : "");
    return;
  }
  if (!HasVisibleText(doc.text)) {
    doc.status = DocumentStatus::kEmpty;
    doc.reason = "no text found";
    return;
  }
  doc.status = DocumentStatus::kOk;
}

}  // namespace trustscreen::extract::internal
