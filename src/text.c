/* text — UTF-8, sanitising, width, wrap. */
#include "mlcert/text.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "mlcert/xalloc.h"

size_t text_utf8_decode(const char *s, size_t len, uint32_t *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	if (len == 0)
		return 0;
	if (u[0] < 0x80) {
		*cp = u[0];
		return 1;
	}
	size_t need;
	uint32_t c, min;
	if ((u[0] & 0xE0) == 0xC0) {
		need = 2, c = u[0] & 0x1F, min = 0x80;
	} else if ((u[0] & 0xF0) == 0xE0) {
		need = 3, c = u[0] & 0x0F, min = 0x800;
	} else if ((u[0] & 0xF8) == 0xF0) {
		need = 4, c = u[0] & 0x07, min = 0x10000;
	} else {
		return 0;
	}
	if (len < need)
		return 0;
	for (size_t i = 1; i < need; i++) {
		if ((u[i] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (u[i] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	*cp = c;
	return need;
}

bool text_utf8_valid(const char *s, size_t len, size_t *bad_offset)
{
	size_t i = 0;
	while (i < len) {
		uint32_t cp;
		size_t n = text_utf8_decode(s + i, len - i, &cp);
		if (n == 0) {
			if (bad_offset)
				*bad_offset = i;
			return false;
		}
		i += n;
	}
	return true;
}

static bool is_invisible(uint32_t cp)
{
	return cp == 0x7F || (cp >= 0x80 && cp <= 0x9F) ||          /* DEL, C1 */
	       cp == 0x200B || cp == 0x200C || cp == 0x200D ||         /* zero width */
	       cp == 0x200E || cp == 0x200F || cp == 0x061C ||         /* marks */
	       (cp >= 0x202A && cp <= 0x202E) ||                       /* embeddings, overrides */
	       (cp >= 0x2066 && cp <= 0x2069) ||                       /* isolates */
	       cp == 0x2060 || cp == 0xFEFF || cp == 0x180E;           /* joiners, BOM */
}

struct translit {
	uint32_t cp;
	const char *ascii;
};

static const struct translit ascii_forms[] = {
	{0x00A0, " "},   {0x00A9, "(c)"}, {0x00AB, "<<"},  {0x00AE, "(R)"}, {0x00B7, "."},
	{0x00BB, ">>"},  {0x00D7, "x"},   {0x00F7, "/"},   {0x2010, "-"},   {0x2011, "-"},
	{0x2012, "-"},   {0x2013, "-"},   {0x2014, "--"},  {0x2015, "--"},  {0x2018, "'"},
	{0x2019, "'"},   {0x201A, "'"},   {0x201C, "\""},  {0x201D, "\""},  {0x201E, "\""},
	{0x2022, "*"},   {0x2026, "..."}, {0x2028, " "},   {0x2029, " "},   {0x2032, "'"},
	{0x2033, "\""},  {0x2190, "<-"},  {0x2192, "->"},  {0x2194, "<->"}, {0x21D2, "=>"},
	{0x2212, "-"},   {0x2248, "~"},   {0x2260, "!="},  {0x2264, "<="},  {0x2265, ">="},
	{0x2500, "-"},   {0x2502, "|"},   {0x2588, "#"},   {0x2591, "."},   {0x2592, ":"},
	{0x2593, "#"},   {0x25CB, "o"},   {0x25CF, "*"},   {0x2713, "+"},   {0x2717, "x"},
	{0xFFFD, "?"},
};

static const char *ascii_form(uint32_t cp)
{
	size_t lo = 0, hi = sizeof ascii_forms / sizeof ascii_forms[0];
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (ascii_forms[mid].cp == cp)
			return ascii_forms[mid].ascii;
		if (ascii_forms[mid].cp < cp)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

int text_codepoint_width(uint32_t cp)
{
	if (cp < 0x20)
		return 0;
	if (cp < 0x7F)
		return 1;
	int w = wcwidth((wchar_t)cp);
	return w < 0 ? 1 : w;
}

char *text_clean(const char *s, unsigned flags)
{
	bool ascii = flags & TEXT_ASCII;
	size_t len = strlen(s);
	/* Worst case: each byte becomes U+FFFD (3 bytes) or a 3-byte ASCII form. */
	char *out = xmalloc(len * 3 + 1);
	size_t o = 0;
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t n = text_utf8_decode(s + i, len - i, &cp);
		if (n == 0) {
			cp = 0xFFFD;
			n = 1;
		}
		i += n;
		if (cp == '\n') {
			out[o++] = flags & TEXT_ONE_LINE ? ' ' : '\n';
			continue;
		}
		if (cp == '\t' || cp == 0x2028 || cp == 0x2029) {
			out[o++] = ' ';
			continue;
		}
		if (cp < 0x20 || is_invisible(cp))
			continue;
		/* Printability from the locale is for laying out a screen; text for a
		 * stream keeps every character that is not a control. */
		if (cp >= 0x80 && !(flags & TEXT_ANY_LOCALE) && wcwidth((wchar_t)cp) < 0 && !ascii)
			cp = 0xFFFD;
		if (cp < 0x80) {
			out[o++] = (char)cp;
		} else if (ascii) {
			const char *form = ascii_form(cp);
			size_t fl = form ? strlen(form) : 1;
			memcpy(out + o, form ? form : "?", fl);
			o += fl;
		} else if (cp == 0xFFFD) {
			memcpy(out + o, "\xEF\xBF\xBD", 3);
			o += 3;
		} else {
			memcpy(out + o, s + i - n, n);
			o += n;
		}
	}
	out[o] = '\0';
	return out;
}

char *text_sanitize(const char *s, bool ascii)
{
	return text_clean(s, ascii ? TEXT_ASCII : 0);
}

void text_fputs(FILE *out, const char *s, bool one_line)
{
	char *clean = text_clean(s ? s : "", TEXT_ANY_LOCALE | (one_line ? TEXT_ONE_LINE : 0));
	if (clean)
		fputs(clean, out);
	free(clean);
}

void text_printf(FILE *out, const char *fmt, ...)
{
	va_list ap, copy;
	va_start(ap, fmt);
	va_copy(copy, ap);
	int n = vsnprintf(NULL, 0, fmt, copy);
	va_end(copy);
	char *s = n >= 0 ? malloc((size_t)n + 1) : NULL;
	if (s) {
		vsnprintf(s, (size_t)n + 1, fmt, ap);
		text_fputs(out, s, false);
		free(s);
	}
	va_end(ap);
}

int text_width(const char *s, size_t len)
{
	int w = 0;
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t n = text_utf8_decode(s + i, len - i, &cp);
		if (n == 0) {
			n = 1;
			cp = '?';
		}
		w += text_codepoint_width(cp);
		i += n;
	}
	return w;
}

size_t text_fit(const char *s, size_t len, int width, int *used)
{
	int w = 0;
	size_t i = 0;
	while (i < len) {
		uint32_t cp;
		size_t n = text_utf8_decode(s + i, len - i, &cp);
		if (n == 0) {
			n = 1;
			cp = '?';
		}
		int cw = text_codepoint_width(cp);
		if (w + cw > width)
			break;
		w += cw;
		i += n;
	}
	if (used)
		*used = w;
	return i;
}

void text_wrap(const char *s, size_t len, int width, text_emit_fn emit, void *ctx)
{
	if (width < 1)
		width = 1;
	size_t start = 0;
	while (start < len && s[start] == ' ')
		start++;
	if (start >= len) {
		emit(ctx, s + len, 0);
		return;
	}
	while (start < len) {
		int used;
		size_t fit = text_fit(s + start, len - start, width, &used);
		size_t end = start + fit;
		if (end < len && s[end] != ' ') {
			/* Back up to the last space inside the line, if there is one. */
			size_t space = end;
			while (space > start && s[space - 1] != ' ')
				space--;
			if (space > start)
				end = space;
			else if (fit == 0) {
				/* a character wider than the line: give it a line of its own */
				uint32_t cp;
				size_t n = text_utf8_decode(s + start, len - start, &cp);
				end = start + (n ? n : 1);
			}
		}
		size_t line_end = end;
		while (line_end > start && s[line_end - 1] == ' ')
			line_end--;
		emit(ctx, s + start, line_end - start);
		start = end;
		while (start < len && s[start] == ' ')
			start++;
	}
}

const char *text_find_caseless(const char *haystack, size_t len, const char *needle)
{
	size_t n = strlen(needle);
	if (n == 0)
		return haystack;
	for (size_t i = 0; i + n <= len; i++) {
		size_t k = 0;
		while (k < n && tolower((unsigned char)haystack[i + k]) == tolower((unsigned char)needle[k]))
			k++;
		if (k == n)
			return haystack + i;
	}
	return NULL;
}

uint64_t text_hash(uint64_t h, const void *data, size_t len)
{
	const unsigned char *p = data;
	for (size_t i = 0; i < len; i++)
		h = (h ^ p[i]) * 1099511628211ull;
	return h;
}

static const char *ellipsis(bool ascii, int *width)
{
	*width = ascii ? 3 : 1;
	return ascii ? "..." : "\xE2\x80\xA6";
}

int text_ellipsize(const char *s, int width, bool ascii, char *out, size_t size)
{
	size_t len = strlen(s);
	int dots_w, used;
	const char *dots = ellipsis(ascii, &dots_w);
	if (size == 0)
		return 0;
	if (width < 0)
		width = 0;
	bool cut = text_width(s, len) > width;
	/* what fits beside the ellipsis (and in out, which must end whole) */
	size_t room = size - 1 - (cut ? strlen(dots) : 0);
	size_t fit = text_fit(s, len < room ? len : room, cut && width >= dots_w ? width - dots_w : width, &used);
	if (!cut || width < dots_w) {
		memcpy(out, s, fit);
		out[fit] = '\0';
		return used;
	}
	while (fit && s[fit - 1] == ' ')
		fit--, used--;
	memcpy(out, s, fit);
	strcpy(out + fit, dots);
	return used + dots_w;
}

/* Bytes s and t share from their start, whole characters only. */
static size_t shared_prefix(const char *s, const char *t)
{
	size_t n = 0;
	while (s[n] && s[n] == t[n])
		n++;
	while (n && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--; /* back to the start of a character */
	return n;
}

int text_ellipsize_apart(const char *s, const char *const *siblings, size_t count, int width, bool ascii,
			 char *out, size_t size)
{
	int used = text_ellipsize(s, width, ascii, out, size);
	if (text_width(s, strlen(s)) <= width)
		return used;
	char *other = xmalloc(size);
	size_t words = 0, chars = 0; /* the longest start shared with a sibling cut alike */
	int dots_w;
	size_t kept = strlen(out), dots_len = strlen(ellipsis(ascii, &dots_w));
	kept = kept >= dots_len ? kept - dots_len : kept; /* the bytes of s the cut keeps */
	for (size_t i = 0; i < count; i++) {
		/* only a sibling that starts alike can be cut alike: most are passed over here */
		if (!siblings[i] || strncmp(siblings[i], s, kept) != 0 || strcmp(siblings[i], s) == 0)
			continue;
		text_ellipsize(siblings[i], width, ascii, other, size);
		if (strcmp(other, out) != 0)
			continue;
		size_t n = shared_prefix(s, siblings[i]);
		chars = n > chars ? n : chars;
		while (n && s[n - 1] != ' ')
			n--;
		words = n > words ? n : words;
	}
	free(other);
	size_t skip = words ? words : chars;
	if (!skip)
		return used;
	/* Keep the first word for context when it leaves room for what differs. */
	const char *dots = ellipsis(ascii, &dots_w);
	size_t head = strcspn(s, " ");
	if (!words || head >= skip || text_width(s, head) + dots_w + 4 > width)
		head = 0;
	size_t len = head + strlen(dots) + strlen(s + skip) + 1;
	char *apart = xmalloc(len);
	snprintf(apart, len, "%.*s%s%s", (int)head, s, dots, s + skip);
	used = text_ellipsize(apart, width, ascii, out, size);
	free(apart);
	return used;
}

void text_ranges(const size_t *numbers, size_t count, char *out, size_t size)
{
	size_t n = 0;
	if (size)
		out[0] = '\0';
	for (size_t i = 0; i < count && n < size;) {
		size_t j = i;
		while (j + 1 < count && numbers[j + 1] == numbers[j] + 1)
			j++;
		int w = j == i ? snprintf(out + n, size - n, "%s%zu", n ? ", " : "", numbers[i])
			       : snprintf(out + n, size - n, "%s%zu-%zu", n ? ", " : "", numbers[i], numbers[j]);
		if (w < 0)
			break;
		n += (size_t)w;
		i = j + 1;
	}
}

static void count_line(void *ctx, const char *line, size_t len)
{
	(void)line, (void)len;
	++*(size_t *)ctx;
}

static size_t wrapped_lines(const char *s, int width)
{
	size_t lines = 0;
	text_wrap(s, strlen(s), width, count_line, &lines);
	return lines;
}

struct first_lines {
	text_emit_fn emit;
	void *ctx;
	size_t emitted, max;
};

static void emit_first(void *ctx, const char *line, size_t len)
{
	struct first_lines *f = ctx;
	if (f->emitted < f->max) {
		f->emit(f->ctx, line, len);
		f->emitted++;
	}
}

size_t text_wrap_keep_end(const char *s, int width, size_t max_lines, bool ascii, text_emit_fn emit, void *ctx)
{
	if (max_lines == 0)
		max_lines = 1;
	if (width < 1)
		width = 1;
	size_t len = strlen(s), lines = wrapped_lines(s, width);
	if (lines <= max_lines) {
		text_wrap(s, len, width, emit, ctx);
		return lines;
	}
	int dots_w;
	const char *dots = ellipsis(ascii, &dots_w);
	int total = text_width(s, len), budget = width * (int)max_lines;
	/* The start, up to a third of the room and ending at a word, then the
	 * end, as long as it goes on fitting. */
	int used;
	size_t head = text_fit(s, len, budget / 3, &used);
	for (size_t h = head; h > 0; h--)
		if (s[h - 1] == ' ') {
			head = h;
			break;
		}
	used = text_width(s, head);
	char *joined = xmalloc(len + strlen(dots) + 1);
	for (int tail_w = budget - used - dots_w; tail_w > 0; tail_w -= width / 2 > 0 ? width / 2 : 1) {
		/* the shortest end of s that is tail_w columns or less */
		size_t tail = text_fit(s, len, total - tail_w, &used);
		if (used < total - tail_w) {
			uint32_t cp;
			size_t n = text_utf8_decode(s + tail, len - tail, &cp);
			tail += n ? n : 1;
		}
		if (tail < head)
			tail = head;
		snprintf(joined, len + strlen(dots) + 1, "%.*s%s%s", (int)head, s, dots, s + tail);
		size_t n = wrapped_lines(joined, width);
		if (n <= max_lines) {
			text_wrap(joined, strlen(joined), width, emit, ctx);
			free(joined);
			return n;
		}
	}
	free(joined);
	/* no room for any of the end: the first lines as they come */
	struct first_lines first = {emit, ctx, 0, max_lines};
	text_wrap(s, len, width, emit_first, &first);
	return first.emitted;
}
