// Pattern text shared by the name patterns of the lists module (internal to src/lists).
#ifndef TRUSTSCREEN_LISTS_NAME_SYNTAX_H_
#define TRUSTSCREEN_LISTS_NAME_SYNTAX_H_

#include <string_view>

namespace trustscreen::lists::internal {

// Between two words of a name: any run of spaces (line breaks and tabs included), hyphens and name
// punctuation, guillemets and quotes around a name part («Сбербанк», „…“), table-cell bars and
// e-mail quote markers (a name broken over lines of a quoted e-mail: "Harbin Institute\n> of
// Technology", which normalised text reads as "Institute > of").
inline constexpr std::string_view kSeparator = R"([\s\-.,/()'’‘"“”„:;«»|>]+)";

}  // namespace trustscreen::lists::internal

#endif  // TRUSTSCREEN_LISTS_NAME_SYNTAX_H_
