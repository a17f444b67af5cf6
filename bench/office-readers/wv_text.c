/* wv_text: the text of a Word .doc through libwv's (wvWare) parser callbacks, as trustscreen
 * would use the library: characters to UTF-8, a newline at each paragraph end. Used only by
 * bench/compare-doc-readers to measure libwv; not part of trustscreen.
 * Usage: wv_text FILE.doc > text  (exit 1 if libwv refuses the file) */
#include <gsf/gsf-input-stdio.h>
#include <gsf/gsf-utils.h>
#include <stdio.h>
#include <wv.h>

static void put_utf8(unsigned c) {
  if (c < 0x80) {
    putchar((int)c);
  } else if (c < 0x800) {
    putchar(0xC0 | (c >> 6));
    putchar(0x80 | (c & 0x3F));
  } else {
    putchar(0xE0 | (c >> 12));
    putchar(0x80 | ((c >> 6) & 0x3F));
    putchar(0x80 | (c & 0x3F));
  }
}

static int on_char(wvParseStruct *ps, U16 c, U8 chartype, U16 lid) {
  (void)ps;
  if (chartype) c = wvHandleCodePage(c, lid);
  switch (c) {
    case 0x0D: case 0x07: case 0x0B: case 0x0C: putchar('\n'); break;
    case 0x09: putchar('\t'); break;
    case 0x1E: putchar('-'); break;
    case 0x1F: break;
    default:
      if (c >= 0x20) put_utf8(c);
  }
  return 0;
}

static int on_special(wvParseStruct *ps, U16 c, CHP *chp) {
  (void)ps; (void)c; (void)chp;
  return 0;
}

static int on_element(wvParseStruct *ps, wvTag tag, void *props, int dirty) {
  (void)ps; (void)props; (void)dirty;
  if (tag == PARAEND) putchar('\n');
  return 0;
}

int main(int argc, char **argv) {
  if (argc != 2) return 2;
  wvInit();
  GError *err = NULL;
  GsfInput *input = gsf_input_stdio_new(argv[1], &err);
  if (input == NULL) return 1;
  wvParseStruct ps;
  int ret = wvInitParser_gsf(&ps, input);
  if (ret & 0x8000) { /* encrypted: no password given */
    fprintf(stderr, "encrypted\n");
    return 1;
  }
  if (ret) {
    fprintf(stderr, "refused (%d)\n", ret);
    return 1;
  }
  wvSetCharHandler(&ps, on_char);
  wvSetSpecialCharHandler(&ps, on_special);
  wvSetElementHandler(&ps, on_element);
  wvText(&ps);
  wvOLEFree(&ps);
  wvShutdown();
  return 0;
}
