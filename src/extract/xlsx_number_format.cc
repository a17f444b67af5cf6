#include "xlsx_number_format.h"

#include <array>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

namespace trustscreen::extract::internal {
namespace {

char Lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool StartsWithNoCase(std::string_view s, std::size_t at, std::string_view prefix) {
  if (s.size() - at < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    if (Lower(s[at + i]) != Lower(prefix[i])) return false;
  }
  return true;
}

// The sections of a format code ("pos;neg;zero;text"), split at ';' outside quotes and escapes.
std::vector<std::string_view> Sections(std::string_view code) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  bool quoted = false;
  for (std::size_t i = 0; i < code.size(); ++i) {
    if (code[i] == '"') {
      quoted = !quoted;
    } else if (!quoted && code[i] == '\\') {
      ++i;
    } else if (!quoted && code[i] == ';') {
      out.push_back(code.substr(start, i - start));
      start = i + 1;
    }
  }
  out.push_back(code.substr(start));
  return out;
}

std::string General(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.15G", value);
  std::string out = buffer;
  if (out == "-0") out = "0";
  return out;
}

enum class Kind { kGeneral, kText, kDate, kNumber, kUnsupported };

// What a section formats, judged on what lies outside quotes, escapes and brackets.
Kind Classify(std::string_view section) {
  bool date = false;
  bool digits = false;
  bool general = false;
  for (std::size_t i = 0; i < section.size(); ++i) {
    const char c = section[i];
    if (c == '"') {
      const std::size_t end = section.find('"', i + 1);
      if (end == std::string_view::npos) break;
      i = end;
    } else if (c == '\\' || c == '_' || c == '*') {
      ++i;
    } else if (c == '[') {
      const std::size_t end = section.find(']', i);
      if (end == std::string_view::npos) return Kind::kUnsupported;
      const std::string_view inside = section.substr(i + 1, end - i - 1);
      // [h], [mm], [ss]: elapsed time; conditions ([>100]): both beyond this renderer.
      if (!inside.empty() && inside[0] != '$' && !StartsWithNoCase(inside, 0, "red") &&
          !StartsWithNoCase(inside, 0, "black") && !StartsWithNoCase(inside, 0, "blue") &&
          !StartsWithNoCase(inside, 0, "green") && !StartsWithNoCase(inside, 0, "color") &&
          !StartsWithNoCase(inside, 0, "white") && !StartsWithNoCase(inside, 0, "yellow") &&
          !StartsWithNoCase(inside, 0, "magenta") && !StartsWithNoCase(inside, 0, "cyan")) {
        return Kind::kUnsupported;
      }
      i = end;
    } else if (StartsWithNoCase(section, i, "general")) {
      general = true;
      i += 6;
    } else if (c == '@') {
      return Kind::kText;
    } else if (c == '0' || c == '#' || c == '?') {
      digits = true;
    } else if (c == '/') {
      if (digits) return Kind::kUnsupported;  // a fraction
    } else if (StartsWithNoCase(section, i, "am/pm") || StartsWithNoCase(section, i, "a/p")) {
      date = true;
      i += section[i + 1] == '/' ? 2 : 4;
    } else {
      const char l = Lower(c);
      if (l == 'y' || l == 'm' || l == 'd' || l == 'h' || l == 's') date = true;
    }
  }
  if (date && !digits) return Kind::kDate;
  if (date && digits) {
    // "hh:mm:ss.00": fractional seconds are digits after a date token; keep it a date.
    return section.find_first_of("#?") == std::string_view::npos ? Kind::kDate : Kind::kUnsupported;
  }
  if (digits) return Kind::kNumber;
  if (general) return Kind::kGeneral;
  return Kind::kText;  // only literals: Excel shows them
}

// "[$€-407]" -> "€"; other brackets ("[Red]") show nothing.
std::string BracketText(std::string_view inside) {
  if (inside.empty() || inside[0] != '$') return "";
  const std::size_t dash = inside.find('-');
  return std::string(inside.substr(1, dash == std::string_view::npos ? dash : dash - 1));
}

// Appends the literal at `i` (quoted text, escape, padding, bracket or plain character) and
// advances `i` past it; returns false if code[i] is not a literal but a placeholder.
bool AppendLiteral(std::string_view code, std::size_t& i, std::string& out) {
  const char c = code[i];
  if (c == '"') {
    const std::size_t end = code.find('"', i + 1);
    const std::size_t stop = end == std::string_view::npos ? code.size() : end;
    out.append(code.substr(i + 1, stop - i - 1));
    i = stop + 1;
  } else if (c == '\\') {
    if (i + 1 < code.size()) out.push_back(code[i + 1]);
    i += 2;
  } else if (c == '_') {
    out.push_back(' ');
    i += 2;
  } else if (c == '*') {
    i += 2;
  } else if (c == '[') {
    const std::size_t end = code.find(']', i);
    const std::size_t stop = end == std::string_view::npos ? code.size() : end;
    out += BracketText(code.substr(i + 1, stop - i - 1));
    i = stop + 1;
  } else {
    return false;
  }
  return true;
}

// ---- numbers ----

std::string GroupThousands(std::string digits) {
  std::string out;
  const std::size_t n = digits.size();
  for (std::size_t i = 0; i < n; ++i) {
    if (i > 0 && (n - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return out;
}

std::string FormatNumberSection(double value, std::string_view code) {
  bool percent = false;
  for (std::size_t i = 0; i < code.size(); ++i) {
    if (code[i] == '"') {
      const std::size_t end = code.find('"', i + 1);
      if (end == std::string_view::npos) break;
      i = end;
    } else if (code[i] == '\\' || code[i] == '_' || code[i] == '*') {
      ++i;
    } else if (code[i] == '%') {
      percent = true;
    }
  }
  if (percent) value *= 100;
  std::string out;
  bool placed = false;
  std::size_t i = 0;
  while (i < code.size()) {
    if (AppendLiteral(code, i, out)) continue;
    const char c = code[i];
    const bool placeholder = c == '0' || c == '#' || c == '?' || c == '.' || c == ',';
    if (!placeholder || placed) {
      if (!placeholder) out.push_back(c);
      ++i;
      continue;
    }
    // The number's pattern: placeholders, separators and an optional exponent.
    int int_zeros = 0;
    int decimals = 0;
    bool after_point = false;
    bool grouping = false;
    int scale_commas = 0;
    bool scientific = false;
    for (; i < code.size(); ++i) {
      const char p = code[i];
      if (p == '0' || p == '#' || p == '?') {
        if (scale_commas > 0 && !after_point) grouping = true;  // "#,##0": a separator
        scale_commas = 0;
        if (after_point) {
          ++decimals;
        } else if (p == '0') {
          ++int_zeros;
        }
      } else if (p == '.' && !after_point) {
        after_point = true;
      } else if (p == ',') {
        ++scale_commas;
      } else if ((p == 'E' || p == 'e') && i + 1 < code.size() &&
                 (code[i + 1] == '+' || code[i + 1] == '-')) {
        scientific = true;
        i += 2;
        while (i < code.size() && (code[i] == '0' || code[i] == '#')) ++i;
        break;
      } else {
        break;
      }
    }
    for (int k = 0; k < scale_commas; ++k) value /= 1000;  // "#,##0," shows thousands
    char buffer[400];
    if (scientific) {
      std::snprintf(buffer, sizeof buffer, "%.*E", decimals, value);
      out += buffer;
    } else {
      // Excel rounds halves away from zero; printf rounds the binary value (2.5 -> "2").
      const double scale = std::pow(10.0, decimals);
      if (value * scale < 1e15) value = std::round(value * scale) / scale;
      std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
      std::string text = buffer;
      if (text.starts_with('-')) text.erase(0, 1);  // the sign was written before the section
      const std::size_t point = text.find('.');
      std::string integer = text.substr(0, point);
      const std::string fraction = point == std::string::npos ? "" : text.substr(point);
      if (integer == "0" && int_zeros == 0) integer.clear();
      while (static_cast<int>(integer.size()) < int_zeros) integer.insert(integer.begin(), '0');
      out += grouping ? GroupThousands(integer) : integer;
      out += fraction;
    }
    placed = true;
  }
  return out;
}

// ---- dates ----

struct DateTime {
  int year = 1900, month = 1, day = 1, weekday = 0;  // weekday 0 = Sunday
  int hour = 0, minute = 0, second = 0;
  double fraction = 0;  // of a second
};

// Days since 1970-01-01 -> civil date (Howard Hinnant's algorithm).
void CivilFromDays(long long z, int& y, int& m, int& d) {
  z += 719468;
  const long long era = (z >= 0 ? z : z - 146096) / 146097;
  const long long doe = z - era * 146097;
  const long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const long long mp = (5 * doy + 2) / 153;
  d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  y = static_cast<int>(yoe + era * 400 + (m <= 2 ? 1 : 0));
}

bool ToDateTime(double serial, bool date1904, DateTime& out) {
  if (!(serial >= 0) || serial > 2958466) return false;  // after 9999-12-31
  long long days = static_cast<long long>(std::floor(serial));
  double seconds = std::round((serial - static_cast<double>(days)) * 86400.0 * 1000.0) / 1000.0;
  if (seconds >= 86400) {
    ++days;
    seconds -= 86400;
  }
  if (!date1904 && days == 60) {  // Excel's 1900-02-29, which never was
    out.year = 1900;
    out.month = 2;
    out.day = 29;
    out.weekday = 3;
  } else {
    // 1900 system: serial 1 is 1900-01-01 (day -25567), and serials after the phantom leap day
    // are one ahead. 1904 system: serial 0 is 1904-01-01 (day -24107).
    long long unix_days;
    if (date1904) {
      unix_days = days - 24107;
    } else {
      unix_days = days - 25568 - (days > 60 ? 1 : 0);
    }
    CivilFromDays(unix_days, out.year, out.month, out.day);
    out.weekday = static_cast<int>(((unix_days % 7) + 11) % 7);  // 1970-01-01 was a Thursday
  }
  const long long whole = static_cast<long long>(seconds);
  out.hour = static_cast<int>(whole / 3600);
  out.minute = static_cast<int>(whole / 60 % 60);
  out.second = static_cast<int>(whole % 60);
  out.fraction = seconds - static_cast<double>(whole);
  return true;
}

constexpr std::array<std::string_view, 12> kMonths = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};
constexpr std::array<std::string_view, 7> kDays = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                                   "Thursday", "Friday", "Saturday"};

struct DateToken {
  char letter = 0;  // y m d h s, 'a' for AM/PM, 'f' for fractional seconds; 0 for a literal
  int count = 0;
  std::string literal;
  bool minute = false;
};

std::string TwoDigits(int n) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%02d", n);
  return buffer;
}

std::string FormatDateSection(double serial, std::string_view code, bool date1904) {
  DateTime t;
  if (!ToDateTime(serial, date1904, t)) return General(serial);
  std::vector<DateToken> tokens;
  bool twelve_hour = false;
  for (std::size_t i = 0; i < code.size();) {
    std::string literal;
    if (AppendLiteral(code, i, literal)) {
      tokens.push_back({0, 0, std::move(literal)});
      continue;
    }
    if (StartsWithNoCase(code, i, "am/pm")) {
      tokens.push_back({'a', 5, ""});
      twelve_hour = true;
      i += 5;
      continue;
    }
    if (StartsWithNoCase(code, i, "a/p")) {
      tokens.push_back({'a', 3, ""});
      twelve_hour = true;
      i += 3;
      continue;
    }
    const char l = Lower(code[i]);
    if (l == 'y' || l == 'm' || l == 'd' || l == 'h' || l == 's') {
      int count = 0;
      while (i < code.size() && Lower(code[i]) == l) {
        ++count;
        ++i;
      }
      tokens.push_back({l, count, ""});
      continue;
    }
    if (code[i] == '.' && i + 1 < code.size() && code[i + 1] == '0' && !tokens.empty()) {
      int count = 0;
      ++i;
      while (i < code.size() && code[i] == '0') {
        ++count;
        ++i;
      }
      tokens.push_back({'f', count, ""});
      continue;
    }
    tokens.push_back({0, 0, std::string(1, code[i])});
    ++i;
  }
  // "m" is minutes right after hours or right before seconds, else the month.
  int previous = -1;
  for (std::size_t k = 0; k < tokens.size(); ++k) {
    if (tokens[k].letter == 0) continue;
    if (tokens[k].letter == 'm' && tokens[k].count <= 2) {
      bool minute = previous >= 0 && tokens[static_cast<std::size_t>(previous)].letter == 'h';
      for (std::size_t n = k + 1; n < tokens.size() && !minute; ++n) {
        if (tokens[n].letter == 0) continue;
        minute = tokens[n].letter == 's';
        break;
      }
      tokens[k].minute = minute;
    }
    previous = static_cast<int>(k);
  }
  std::string out;
  for (const DateToken& token : tokens) {
    switch (token.letter) {
      case 0:
        out += token.literal;
        break;
      case 'y':
        out += token.count <= 2 ? TwoDigits(t.year % 100) : std::to_string(t.year);
        break;
      case 'm':
        if (token.minute) {
          out += token.count == 2 ? TwoDigits(t.minute) : std::to_string(t.minute);
        } else if (token.count == 1) {
          out += std::to_string(t.month);
        } else if (token.count == 2) {
          out += TwoDigits(t.month);
        } else if (token.count == 3) {
          out += kMonths[static_cast<std::size_t>(t.month - 1)].substr(0, 3);
        } else if (token.count == 5) {
          out += kMonths[static_cast<std::size_t>(t.month - 1)].substr(0, 1);
        } else {
          out += kMonths[static_cast<std::size_t>(t.month - 1)];
        }
        break;
      case 'd':
        if (token.count == 1) {
          out += std::to_string(t.day);
        } else if (token.count == 2) {
          out += TwoDigits(t.day);
        } else if (token.count == 3) {
          out += kDays[static_cast<std::size_t>(t.weekday)].substr(0, 3);
        } else {
          out += kDays[static_cast<std::size_t>(t.weekday)];
        }
        break;
      case 'h': {
        int hour = t.hour;
        if (twelve_hour) hour = hour % 12 == 0 ? 12 : hour % 12;
        out += token.count >= 2 ? TwoDigits(hour) : std::to_string(hour);
        break;
      }
      case 's':
        out += token.count >= 2 ? TwoDigits(t.second) : std::to_string(t.second);
        break;
      case 'f': {
        char buffer[32];
        std::snprintf(buffer, sizeof buffer, "%.*f", token.count, t.fraction);
        out += std::string(buffer).substr(1);  // ".5"
        break;
      }
      case 'a':
        out += token.count == 5 ? (t.hour < 12 ? "AM" : "PM") : (t.hour < 12 ? "A" : "P");
        break;
      default:
        break;
    }
  }
  return out;
}

}  // namespace

std::string_view BuiltinNumberFormat(int id) {
  switch (id) {
    case 0:
      return "General";
    case 1:
      return "0";
    case 2:
      return "0.00";
    case 3:
      return "#,##0";
    case 4:
      return "#,##0.00";
    case 9:
      return "0%";
    case 10:
      return "0.00%";
    case 11:
      return "0.00E+00";
    case 14:
      return "yyyy-mm-dd";
    case 15:
      return "d-mmm-yy";
    case 16:
      return "d-mmm";
    case 17:
      return "mmm-yy";
    case 18:
      return "h:mm AM/PM";
    case 19:
      return "h:mm:ss AM/PM";
    case 20:
      return "h:mm";
    case 21:
      return "h:mm:ss";
    case 22:
      return "yyyy-mm-dd h:mm";
    case 37:
      return "#,##0 ;(#,##0)";
    case 38:
      return "#,##0 ;(#,##0)";
    case 39:
      return "#,##0.00;(#,##0.00)";
    case 40:
      return "#,##0.00;(#,##0.00)";
    case 45:
      return "mm:ss";
    case 47:
      return "mm:ss.0";
    case 48:
      return "##0.0E+0";
    case 49:
      return "@";
    default:
      return "";
  }
}

std::string FormatCellNumber(std::string_view raw, std::string_view code, bool date1904) {
  double value = 0;
  const char* end = raw.data() + raw.size();
  const auto [ptr, ec] = std::from_chars(raw.data(), end, value);
  if (ec != std::errc() || ptr != end || !std::isfinite(value)) return std::string(raw);
  const std::vector<std::string_view> sections = Sections(code);
  std::string_view section = sections[0];
  std::string sign;
  if (value < 0 && sections.size() >= 2) {
    section = sections[1];
    value = -value;
  } else if (value == 0 && sections.size() >= 3) {
    section = sections[2];
  } else if (value < 0) {
    sign = "-";
    value = -value;
  }
  switch (Classify(section)) {
    case Kind::kGeneral:
      return sign + General(value);
    case Kind::kText: {
      std::string out;
      for (std::size_t i = 0; i < section.size();) {
        if (!AppendLiteral(section, i, out)) {
          if (section[i] == '@') {
            out += General(value);
          } else if (StartsWithNoCase(section, i, "general")) {
            out += General(value);
            i += 6;
          } else {
            out.push_back(section[i]);
          }
          ++i;
        }
      }
      return sign + out;
    }
    case Kind::kDate:
      // A negative serial has no date: Excel shows ####; the number says more.
      return sign.empty() ? FormatDateSection(value, section, date1904) : "-" + General(value);
    case Kind::kNumber:
      return sign + FormatNumberSection(value, section);
    case Kind::kUnsupported:
      break;
  }
  return sign + General(value);
}

}  // namespace trustscreen::extract::internal
