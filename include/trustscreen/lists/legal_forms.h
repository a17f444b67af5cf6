// Legal forms of organisations ("PJSC", "Co., Ltd.", "ООО", "GmbH", "有限公司"), so that a listed
// name is found with any legal form or none: "Sberbank of Russia PJSC" as "PJSC Sberbank of
// Russia" or "Public Joint Stock Company Sberbank of Russia".
//
// Where it sits: NamePattern (name_pattern.h) asks which words at the start and end of a name are
// legal forms and whether the rest is distinctive enough to be matched without them; the table is
// OpenSanctions' rigour org_types.yml (MIT), generated into legal_forms_table.inc by
// scripts/gen-legal-forms, less one-letter forms, most two-letter ones and forms that are ordinary
// words ("Group", "Trust", "Bank").
//
// Words and keys: a text is split into words at ASCII characters other than letters and digits,
// at Unicode spaces and punctuation (U+2000-U+206F), NBSP and guillemets « »; apostrophes inside a
// word are dropped and '&' is the word "and". A key is the words, ASCII and Cyrillic letters
// lower-cased, joined by single spaces ("Co., Ltd." -> "co ltd", "ПАО" -> "пао"). Forms compare by
// key. CJK forms ("有限公司") are found as suffixes of CJK text, without words.
//
// Thread-safety: pure functions over constant tables (the patterns are built once, thread-safely).
#ifndef TRUSTSCREEN_LISTS_LEGAL_FORMS_H_
#define TRUSTSCREEN_LISTS_LEGAL_FORMS_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace trustscreen::lists {

// One descriptor of the table: its display form ("PJSC", "ООО", "Co Ltd") and its generic type
// ("JSC", "LLC", "" when the source gives none).
struct LegalForm {
  std::string_view display;
  std::string_view generic;
};

// The key of `text` as described above.
std::string LegalFormKey(std::string_view text);

// The descriptors that list `form` (compared by key; "Public Joint-Stock Company" -> PJSC).
// Empty if `form` is not a legal form.
std::vector<LegalForm> FindLegalForms(std::string_view form);

// True if `word` on its own is a legal form: "JSC", "Ltd", "LIMITED", "GmbH", "ООО", "ПАО".
bool IsLegalFormWord(std::string_view word);

// The number of leading words of `words` (keys of single words, in order) that form the longest
// legal form starting at words[begin], 0 if none; never more than end - begin.
std::size_t LegalFormWordsAt(const std::vector<std::string>& words, std::size_t begin,
                             std::size_t end);
// The same for the longest legal form ending at words[end - 1].
std::size_t LegalFormWordsBefore(const std::vector<std::string>& words, std::size_t begin,
                                 std::size_t end);

// The keys of every form of every descriptor that lists `form` ("OAO" -> "oao", "o a o", "ОАО",
// "открытое акционерное общество"…), sorted; empty if `form` is no legal form.
std::vector<std::string> LegalFormVariants(std::string_view form);

// The byte length of the CJK legal form that `name` ends with ("…科技有限公司" -> 12 for
// "有限公司"; the longest such form), 0 if none.
std::size_t CjkLegalFormSuffix(std::string_view name);

// `name` without its leading and trailing legal forms (as many as there are: "Co., Ltd."), trimmed
// of the separators around them: "PJSC Sberbank of Russia" -> "Sberbank of Russia", "Beijing X
// Technology Co., Ltd." -> "Beijing X Technology", "北京X科技有限公司" -> "北京X科技". A name that
// is nothing but legal forms ("Limited Liability Company") is returned trimmed but whole.
std::string StripLegalForms(std::string_view name);

// True if `core` (a name without legal forms) identifies an organisation on its own, so that its
// legal form may be left out: it has a word that is neither generic (IsGenericName), nor a common
// English, business or place word, of at least five letters if it is the only word and four if
// not ("Rosoboronexport", "Sberbank of Russia", "Chengdu Xiwu Security System Alliance"; not
// "Technical Services", "Alliance", "ARI International", "AW Industrial"); for CJK, at least four
// characters.
bool IsDistinctiveCore(std::string_view core);

// The RE2 pattern of one form key: its words joined by runs of separators, "and" also as '&'
// (for a case-insensitive RE2; Cyrillic letters fold too, RE2 folds all of Unicode).
std::string LegalFormKeyPattern(std::string_view key);

// An upper bound on the runs of ASCII letters and digits in any match of
// LegalFormKeyPattern(key): the ASCII runs of its words (a Cyrillic or CJK word has none).
int LegalFormKeyMaxAlnumRuns(std::string_view key);

// The RE2 alternation (non-capturing group, case-insensitive RE2 assumed) of every form of the
// table: Latin, Cyrillic, CJK and others. Large (see legal_forms_test.cc for its size): for one
// shared regex (finding or stripping forms in text), not for each name's pattern; NamePattern
// leaves an optional legal form out of a name's pattern instead (name_pattern.h).
const std::string& LegalFormPattern();

}  // namespace trustscreen::lists

#endif  // TRUSTSCREEN_LISTS_LEGAL_FORMS_H_
