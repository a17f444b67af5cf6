// MAPI pieces shared by the Outlook readers (TNEF winmail.dat, .msg): property tags, property
// values as text, and compressed RTF (MS-OXRTFCP).
#ifndef TRUSTSCREEN_SRC_EXTRACT_MAPI_H_
#define TRUSTSCREEN_SRC_EXTRACT_MAPI_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace trustscreen::extract::internal::mapi {

// Property types (the low 16 bits of a property tag).
inline constexpr std::uint16_t kPtShort = 0x0002;
inline constexpr std::uint16_t kPtLong = 0x0003;
inline constexpr std::uint16_t kPtFloat = 0x0004;
inline constexpr std::uint16_t kPtDouble = 0x0005;
inline constexpr std::uint16_t kPtCurrency = 0x0006;
inline constexpr std::uint16_t kPtAppTime = 0x0007;
inline constexpr std::uint16_t kPtError = 0x000A;
inline constexpr std::uint16_t kPtBoolean = 0x000B;
inline constexpr std::uint16_t kPtObject = 0x000D;
inline constexpr std::uint16_t kPtI8 = 0x0014;
inline constexpr std::uint16_t kPtString8 = 0x001E;
inline constexpr std::uint16_t kPtUnicode = 0x001F;
inline constexpr std::uint16_t kPtSysTime = 0x0040;
inline constexpr std::uint16_t kPtClsid = 0x0048;
inline constexpr std::uint16_t kPtBinary = 0x0102;
inline constexpr std::uint16_t kMultiValued = 0x1000;

// Property ids (the high 16 bits of a property tag).
inline constexpr std::uint16_t kSubject = 0x0037;
inline constexpr std::uint16_t kSentRepresentingName = 0x0042;
inline constexpr std::uint16_t kConversationTopic = 0x0070;
inline constexpr std::uint16_t kSentRepresentingEmail = 0x0065;
inline constexpr std::uint16_t kSenderName = 0x0C1A;
inline constexpr std::uint16_t kSenderEmail = 0x0C1F;
inline constexpr std::uint16_t kSenderSmtpAddress = 0x5D01;
inline constexpr std::uint16_t kDisplayBcc = 0x0E02;
inline constexpr std::uint16_t kDisplayCc = 0x0E03;
inline constexpr std::uint16_t kDisplayTo = 0x0E04;
inline constexpr std::uint16_t kClientSubmitTime = 0x0039;
inline constexpr std::uint16_t kMessageDeliveryTime = 0x0E06;
inline constexpr std::uint16_t kBody = 0x1000;
inline constexpr std::uint16_t kRtfCompressed = 0x1009;
inline constexpr std::uint16_t kHtml = 0x1013;
inline constexpr std::uint16_t kInternetCodepage = 0x3FDE;
inline constexpr std::uint16_t kMessageCodepage = 0x3FFD;
inline constexpr std::uint16_t kDisplayName = 0x3001;
inline constexpr std::uint16_t kEmailAddress = 0x3003;
inline constexpr std::uint16_t kSmtpAddress = 0x39FE;
inline constexpr std::uint16_t kRecipientType = 0x0C15;
inline constexpr std::uint16_t kAttachDataBinary = 0x3701;  // PT_BINARY, or PT_OBJECT (embedded)
inline constexpr std::uint16_t kAttachFilename = 0x3704;
inline constexpr std::uint16_t kAttachMethod = 0x3705;
inline constexpr std::uint16_t kAttachLongFilename = 0x3707;
inline constexpr std::uint16_t kAttachMimeTag = 0x370E;
inline constexpr std::uint16_t kDisplayNameAttach = 0x3001;

// PR_ATTACH_METHOD values.
inline constexpr std::uint32_t kAttachByValue = 1;
inline constexpr std::uint32_t kAttachEmbeddedMessage = 5;
inline constexpr std::uint32_t kAttachOle = 6;

// A PT_UNICODE value (UTF-16LE, maybe NUL-terminated) as UTF-8, up to the first NUL.
std::string Utf16ToUtf8(std::string_view bytes);
// A PT_STRING8 value in `charset` (an iconv name; "" for undeclared) as UTF-8, up to the first NUL.
std::string String8ToUtf8(std::string_view bytes, std::string_view charset);

enum class RtfResult {
  kOk,
  kOverLimit,  // the RTF decompresses to more than the limit given
  kDamaged,    // not compressed RTF, or a reference outside the data
};

// Decompresses PR_RTF_COMPRESSED (LZFu, or MELA stored) into `out`, never beyond `limit` bytes
// whatever the header declares.
RtfResult DecompressRtf(std::string_view compressed, std::uint64_t limit, std::string& out);

}  // namespace trustscreen::extract::internal::mapi

#endif  // TRUSTSCREEN_SRC_EXTRACT_MAPI_H_
