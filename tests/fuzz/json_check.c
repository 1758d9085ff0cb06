/* A strict JSON reader for the fuzz harnesses: it says whether the
 * writer's output is valid JSON and gives back its strings, decoded, to
 * compare with what was written. Recursive descent over RFC 8259. */
#include "fuzz.h"

#include "base/utf8.h"

struct reader {
	const unsigned char *p, *end;
	struct strbuf *strings;
	int depth;
};

static void skip_space(struct reader *r)
{
	while (r->p < r->end && (*r->p == ' ' || *r->p == '\t' ||
				 *r->p == '\n' || *r->p == '\r'))
		r->p++;
}

static bool eat(struct reader *r, char c)
{
	if (r->p < r->end && *r->p == (unsigned char)c) {
		r->p++;
		return true;
	}
	return false;
}

static bool literal(struct reader *r, const char *word)
{
	size_t n = strlen(word);

	if ((size_t)(r->end - r->p) < n || memcmp(r->p, word, n) != 0)
		return false;
	r->p += n;
	return true;
}

static int hex4(struct reader *r)
{
	int v = 0;

	if (r->end - r->p < 4)
		return -1;
	for (int i = 0; i < 4; i++) {
		unsigned char c = *r->p++;

		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= c - '0';
		else if (c >= 'a' && c <= 'f')
			v |= c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			v |= c - 'A' + 10;
		else
			return -1;
	}
	return v;
}

static void add_code_point(struct reader *r, uint32_t cp)
{
	char buf[4];

	if (r->strings)
		strbuf_add(r->strings, buf, utf8_encode(cp, buf));
}

/* \uXXXX, a surrogate pair only as a pair */
static bool unicode_escape(struct reader *r)
{
	int hi = hex4(r), lo;

	if (hi < 0)
		return false;
	if (hi >= 0xdc00 && hi <= 0xdfff)
		return false;
	if (hi >= 0xd800 && hi <= 0xdbff) {
		if (!literal(r, "\\u") || (lo = hex4(r)) < 0 || lo < 0xdc00 ||
		    lo > 0xdfff)
			return false;
		add_code_point(r, 0x10000 + ((uint32_t)(hi - 0xd800) << 10) +
					  (uint32_t)(lo - 0xdc00));
		return true;
	}
	add_code_point(r, (uint32_t)hi);
	return true;
}

static bool string(struct reader *r)
{
	static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";

	if (!eat(r, '"'))
		return false;
	while (r->p < r->end && *r->p != '"') {
		uint32_t cp;
		size_t n;

		if (*r->p < 0x20)
			return false; /* raw control characters are not JSON */
		if (*r->p == '\\') {
			const char *e;

			if (++r->p == r->end)
				return false;
			if (*r->p == 'u') {
				r->p++;
				if (!unicode_escape(r))
					return false;
				continue;
			}
			e = memchr(from, *r->p, sizeof(from) - 1);
			if (!e)
				return false;
			if (r->strings)
				strbuf_addc(r->strings, to[e - from]);
			r->p++;
			continue;
		}
		n = utf8_decode(r->p, (size_t)(r->end - r->p), &cp);
		if (n == 0)
			return false;
		if (r->strings)
			strbuf_add(r->strings, r->p, n);
		r->p += n;
	}
	if (!eat(r, '"'))
		return false;
	if (r->strings)
		strbuf_addc(r->strings, '\0');
	return true;
}

static bool digits(struct reader *r)
{
	const unsigned char *start = r->p;

	while (r->p < r->end && *r->p >= '0' && *r->p <= '9')
		r->p++;
	return r->p > start;
}

static bool number(struct reader *r)
{
	eat(r, '-');
	if (eat(r, '0')) {
		if (r->p < r->end && *r->p >= '0' && *r->p <= '9')
			return false; /* no leading zeros */
	} else if (!digits(r)) {
		return false;
	}
	if (eat(r, '.') && !digits(r))
		return false;
	if (eat(r, 'e') || eat(r, 'E')) {
		if (!eat(r, '+'))
			eat(r, '-');
		if (!digits(r))
			return false;
	}
	return true;
}

static bool value(struct reader *r);

/* OPEN (member (, member)*)? CLOSE; a member is a value, or in an object
 * a string, ':', a value */
static bool container(struct reader *r, char open, char close, bool object)
{
	bool first = true;

	if (!eat(r, open) || ++r->depth > 1000)
		return false;
	skip_space(r);
	while (!eat(r, close)) {
		if (!first && !eat(r, ','))
			return false;
		first = false;
		skip_space(r);
		if (object) {
			if (!string(r))
				return false;
			skip_space(r);
			if (!eat(r, ':'))
				return false;
		}
		if (!value(r))
			return false;
		skip_space(r);
	}
	r->depth--;
	return true;
}

static bool value(struct reader *r)
{
	skip_space(r);
	if (r->p == r->end)
		return false;
	switch (*r->p) {
	case '{':
		return container(r, '{', '}', true);
	case '[':
		return container(r, '[', ']', false);
	case '"':
		return string(r);
	case 't':
		return literal(r, "true");
	case 'f':
		return literal(r, "false");
	case 'n':
		return literal(r, "null");
	default:
		return number(r);
	}
}

bool json_check(const char *s, size_t len, struct strbuf *strings)
{
	struct reader r = { (const unsigned char *)s,
			    (const unsigned char *)s + len, strings, 0 };

	if (!value(&r))
		return false;
	skip_space(&r);
	return r.p == r.end;
}
