#include <png.h>

/* PNG_FORMAT_RGB_COLORMAP is a macro expression Swift does not import: the same value as a constant. */
static const unsigned int kpi_png_format_rgb_colormap = PNG_FORMAT_RGB_COLORMAP;
