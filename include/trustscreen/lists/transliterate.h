// Cyrillic <-> Latin name patterns, so that a name listed in one script is found in text written
// in the other: "Сбербанк России" as "Sberbank Rossii", "Rostec" as "Ростех".
//
// Where it sits: the rules compiler may add NameVariants(name, country) as extra patterns of the
// same entry, next to NamePattern(name) (name_pattern.h). The variants are regexes of many
// spellings at once, so they have no index words (IndexWords): they go to the lead index or the
// RE2::Set as names without index words do.
//
// Romanisations covered (Cyrillic -> Latin): BGN/PCGN, GOST 7.79 / ISO 9 (simplified, no
// diacritics), the passport/ICAO 9303 system and common English and German-style spellings:
// х -> kh|h|x|ch, ц -> ts|c|tz|cz, ж -> zh|j|z, ш -> sh|sch, щ -> shch|sch|shh|sh, ю -> yu|iu|ju|u,
// я -> ya|ia|ja|a, й -> y|i|j or nothing, ё -> e|yo|jo, ы -> y|i, ь/ъ -> nothing|'|", е ->
// e|ye|je|ie, кс -> ks|x, Ukrainian і ї є ґ and Belarusian ў. Latin -> Cyrillic reverses the usual
// spellings with their ambiguities as alternations (kh -> х, ts -> ц|тс, ya -> я|ья|ия, y ->
// й|ы|и, e -> е|э|ё, x -> кс, ' -> ь|ъ, an optional ь|ъ after consonants).
//
// Patterns are for a case-insensitive RE2 (RE2 folds Cyrillic case, so "ПАО «СБЕРБАНК»" matches),
// words joined by the separator class of name patterns (guillemets and quotes included).
// Thread-safety: pure functions.
#ifndef TRUSTSCREEN_LISTS_TRANSLITERATE_H_
#define TRUSTSCREEN_LISTS_TRANSLITERATE_H_

#include <string>
#include <string_view>
#include <vector>

namespace trustscreen::lists {

// True if `name` has a Cyrillic letter (U+0400-U+04FF).
bool HasCyrillic(std::string_view name);

// True if one of `countries` (ISO 3166 alpha-2, '|'-separated, as in entity lists) writes names
// in Cyrillic: RU, BY, UA, KZ, KG, TJ, UZ, MN, BG, RS, MK.
bool IsCyrillicScriptCountry(std::string_view countries);

// The Latin spellings of a Cyrillic name as one pattern ("Сбербанк" ->
// "sberbank" with alternations: also "Sberbank", "SBERBANK"). Latin letters and digits in the
// name stay as written; other characters separate words. Empty if the name has no letters or
// digits.
std::string CyrillicToLatinPattern(std::string_view cyrillic_name);

// The Cyrillic spellings of a romanised name as one pattern ("Almaz-Antey" -> matches
// "Алмаз-Антей", "АЛМАЗ АНТЕЙ"). Only ASCII letters are transliterated; digits stay; other
// characters separate words. Empty if the name has no letters or digits.
std::string LatinToCyrillicPattern(std::string_view latin_name);

// The extra patterns of one listed name in the other script: for a Cyrillic name its Latin
// pattern; for a Latin name of an entry whose `countries` write Cyrillic
// (IsCyrillicScriptCountry), its Cyrillic pattern. Legal forms are left out as NamePattern
// leaves them out (of a distinctive name; else the name is transliterated whole). Empty for other
// names, for acronyms and for single words shorter than five letters. A variant of a one-word name
// matches without letter case ("ИНТЕГРАЛ" -> "integral"): the rules compiler asks context for it.
std::vector<std::string> NameVariants(std::string_view name, std::string_view countries);

// `text` with its Cyrillic letters romanised by BGN/PCGN (the system most Latin spellings on the
// lists follow: х kh, ц ts, ч ch, ш sh, щ shch, ж zh, ю yu, я ya, й y, ы y, ь and ъ dropped, е e,
// ё e; Ukrainian і i, ї yi, є ye, ґ g; Belarusian ў w), keeping case ("Сбербанк" -> "Sberbank",
// "РОСТЕХ" -> "ROSTEKH"); other characters are copied. `sources` (if given) receives, for every
// byte of the result, the offset of the byte in `text` where the character it comes from starts;
// `romanised` (if given), whether it comes from a Cyrillic letter. The matcher screens a text with
// Cyrillic this way a second time, so that names listed in Latin letters are found in it.
std::string RomanizeCyrillic(std::string_view text, std::vector<std::size_t>* sources = nullptr,
                             std::vector<bool>* romanised = nullptr);

}  // namespace trustscreen::lists

#endif  // TRUSTSCREEN_LISTS_TRANSLITERATE_H_
