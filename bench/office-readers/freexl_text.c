/* freexl_text: every cell of every sheet of an .xls through libfreexl, one row per line, cells
 * separated by tabs, sheets by a form feed. Used only by bench/compare-office-readers to measure
 * libfreexl; not part of trustscreen. Usage: freexl_text FILE.xls > text (exit 1 if refused) */
#include <freexl.h>
#include <stdio.h>

int main(int argc, char **argv) {
  const void *handle = NULL;
  if (argc != 2 || freexl_open(argv[1], &handle) != FREEXL_OK) return 1;
  unsigned int password = 0, sheets = 0;
  if (freexl_get_info(handle, FREEXL_BIFF_PASSWORD, &password) == FREEXL_OK &&
      password == FREEXL_BIFF_OBFUSCATED) {
    fprintf(stderr, "encrypted\n");
    freexl_close(handle);
    return 1;
  }
  freexl_get_info(handle, FREEXL_BIFF_SHEET_COUNT, &sheets);
  for (unsigned short s = 0; s < sheets; ++s) {
    unsigned int rows = 0;
    unsigned short cols = 0;
    if (freexl_select_active_worksheet(handle, s) != FREEXL_OK ||
        freexl_worksheet_dimensions(handle, &rows, &cols) != FREEXL_OK) {
      continue;
    }
    for (unsigned int r = 0; r < rows; ++r) {
      for (unsigned short c = 0; c < cols; ++c) {
        FreeXL_CellValue value;
        if (freexl_get_cell_value(handle, r, c, &value) != FREEXL_OK) continue;
        if (c > 0) putchar('\t');
        switch (value.type) {
          case FREEXL_CELL_INT: printf("%d", value.value.int_value); break;
          case FREEXL_CELL_DOUBLE: printf("%.15g", value.value.double_value); break;
          case FREEXL_CELL_TEXT:
          case FREEXL_CELL_SST_TEXT:
          case FREEXL_CELL_DATE:
          case FREEXL_CELL_DATETIME:
          case FREEXL_CELL_TIME: fputs(value.value.text_value, stdout); break;
          default: break;
        }
      }
      putchar('\n');
    }
    putchar('\f');
  }
  freexl_close(handle);
  return 0;
}
