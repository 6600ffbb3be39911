/* jsonw — JSON string output. */
#include "mlcert/jsonw.h"

#include <stdint.h>
#include <string.h>

#include "mlcert/text.h"

void jsonw_string(FILE *out, const char *s)
{
	fputc('"', out);
	const char *p = s ? s : "";
	size_t len = strlen(p);
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t n = text_utf8_decode(p + i, len - i, &cp);
		if (n == 0) {
			fputs("\\ufffd", out); /* not UTF-8: JSON cannot hold it */
			i++;
			continue;
		}
		switch (cp) {
		case '"': fputs("\\\"", out); break;
		case '\\': fputs("\\\\", out); break;
		case '\n': fputs("\\n", out); break;
		case '\t': fputs("\\t", out); break;
		case '\r': fputs("\\r", out); break;
		default:
			/* Controls, C1, bidi overrides and zero-width characters as
			 * escapes: JSON read on a terminal is still read on a terminal. */
			if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || cp == 0x061c || cp == 0x180e ||
			    (cp >= 0x200b && cp <= 0x200f) || (cp >= 0x2028 && cp <= 0x202e) ||
			    (cp >= 0x2060 && cp <= 0x2069) || cp == 0xfeff)
				fprintf(out, "\\u%04x", (unsigned)cp);
			else
				fwrite(p + i, 1, n, out);
		}
		i += n;
	}
	fputc('"', out);
}
