/*
 * One GET over HTTP(S) with libcurl into a temporary file beside the
 * destination, renamed over it only when the whole body arrived with 200.
 */
#include "fetch/fetch.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <curl/curl.h>

#include "deputy/ascii.h"
#include "deputy/diag.h"

#define FETCH_USER_AGENT "deputy"
#define FETCH_PROTOCOLS "http,https"

/* Why a callback stopped the transfer (curl then says only CURLE_WRITE_ERROR). */
enum fetch_stop {
	STOP_NONE,
	STOP_LIMIT,     /* the body is larger than max_bytes */
	STOP_STATUS,    /* a final status other than 200 */
	STOP_WRITE,     /* the temporary file could not be written */
};

struct transfer {
	int fd;                 /* the temporary file */
	const char *tmp;        /* its path, for messages */
	uint64_t max_bytes;
	uint64_t got;           /* body bytes written */
	long status;            /* of the response whose headers are being read */
	uint64_t length;        /* its Content-Length */
	bool has_length;
	enum fetch_stop stop;
	int write_errno;
};

/* @url for a message: control bytes made '?', user and password left out. */
static void
describe_url(char *out, size_t out_size, const char *url)
{
	const char *rest = strstr(url, "://");
	const char *at = NULL;
	size_t o = 0;

	if (out_size == 0)
		return;
	if (rest) {
		size_t host_len = strcspn(rest + 3, "/?#");
		const char *a = memchr(rest + 3, '@', host_len);

		while (a) {             /* the last '@' ends the user information */
			at = a;
			a = memchr(a + 1, '@', host_len - (size_t)(a + 1 - (rest + 3)));
		}
	}
	for (const char *p = url; *p && o + 1 < out_size; p++) {
		if (at && p == rest + 3) {
			p = at;         /* the loop's p++ steps past the '@' */
			continue;
		}
		unsigned char c = (unsigned char)*p;
		out[o++] = c < 0x20 || c == 0x7f ? '?' : (char)c;
	}
	out[o] = '\0';
}

static void __attribute__((format(printf, 4, 5)))
fail(char *err, size_t err_size, const char *url, const char *fmt, ...)
{
	char shown[512];
	char cause[512];
	va_list ap;

	if (!err || err_size == 0)
		return;
	describe_url(shown, sizeof(shown), url);
	va_start(ap, fmt);
	vsnprintf(cause, sizeof(cause), fmt, ap);
	va_end(ap);
	snprintf(err, err_size, "%s: %s", shown, cause);
}

static bool
is_http_url(const char *url)
{
	return strncasecmp(url, "http://", 7) == 0 || strncasecmp(url, "https://", 8) == 0;
}

/* Makes the folders of @path before its last '/' (mode 0700). 0 or errno. */
static int
make_parents(const char *path)
{
	char *copy = strdup(path);
	char *last;
	int e = 0;

	if (!copy)
		return ENOMEM;
	last = strrchr(copy, '/');
	if (!last || last == copy) {
		free(copy);
		return 0;
	}
	*last = '\0';
	for (char *p = copy + 1;; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		char c = *p;
		*p = '\0';
		if (mkdir(copy, 0700) != 0 && errno != EEXIST) {
			e = errno;
			break;
		}
		*p = c;
		if (c == '\0')
			break;
	}
	free(copy);
	return e;
}

/* "<folder>/.<name>.part-XXXXXX" for @dest, on the heap; NULL when out of memory. */
static char *
temp_template(const char *dest)
{
	const char *slash = strrchr(dest, '/');
	size_t folder = slash ? (size_t)(slash - dest) + 1 : 0;
	const char *name = dest + folder;
	size_t size = strlen(dest) + sizeof("..part-XXXXXX");
	char *t = malloc(size);

	if (t)
		snprintf(t, size, "%.*s.%s.part-XXXXXX", (int)folder, dest, name);
	return t;
}

/* A decimal Content-Length; saturates at UINT64_MAX. false when not a number. */
static bool
parse_length(const char *p, const char *end, uint64_t *out)
{
	uint64_t v = 0;
	bool digits = false;

	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	for (; p < end && *p >= '0' && *p <= '9'; p++) {
		unsigned d = (unsigned)(*p - '0');
		v = v > (UINT64_MAX - d) / 10 ? UINT64_MAX : v * 10 + d;
		digits = true;
	}
	*out = v;
	return digits;
}

/*
 * Each header line of each response (redirects and "100 Continue" too).
 * At the end of a final response's headers a status of 400 or more, or a
 * Content-Length over the cap, stops the transfer before any body.
 */
static size_t
on_header(char *buf, size_t size, size_t n, void *payload)
{
	struct transfer *t = payload;
	size_t len = size * n;
	static const char cl[] = "content-length:";

	if (len >= 5 && memcmp(buf, "HTTP/", 5) == 0) {
		const char *sp = memchr(buf, ' ', len);

		t->status = 0;
		for (const char *p = sp ? sp + 1 : buf + len; p < buf + len && *p >= '0' &&
		     *p <= '9' && t->status < 1000; p++)
			t->status = t->status * 10 + (*p - '0');
		t->has_length = false;
	} else if (len > sizeof(cl) - 1 && strncasecmp(buf, cl, sizeof(cl) - 1) == 0) {
		t->has_length = parse_length(buf + sizeof(cl) - 1, buf + len, &t->length);
	} else if ((len == 2 && buf[0] == '\r' && buf[1] == '\n') || (len == 1 && buf[0] == '\n')) {
		if (t->status >= 400) {
			t->stop = STOP_STATUS;
			return 0;
		}
		if (t->status == 200 && t->has_length && t->length > t->max_bytes) {
			t->stop = STOP_LIMIT;
			return 0;
		}
	}
	return len;
}

/* Body bytes of the final response, into the temporary file. */
static size_t
on_body(char *buf, size_t size, size_t n, void *payload)
{
	struct transfer *t = payload;
	size_t len = size * n;

	if (t->status != 200) {
		t->stop = STOP_STATUS;
		return 0;
	}
	if (len > t->max_bytes - t->got) {
		t->stop = STOP_LIMIT;
		return 0;
	}
	for (size_t done = 0; done < len;) {
		ssize_t w = write(t->fd, buf + done, len - done);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			t->write_errno = w < 0 ? errno : EIO;
			t->stop = STOP_WRITE;
			return 0;
		}
		done += (size_t)w;
	}
	t->got += len;
	return len;
}

static int
setup(CURL *c, const char *url, const struct fetch_opts *o, struct transfer *t, char *errbuf)
{
	bool bad = false;

	bad |= curl_easy_setopt(c, CURLOPT_URL, url) != CURLE_OK;
#if LIBCURL_VERSION_NUM >= 0x075500     /* 7.85: the _STR forms; the long ones deprecated */
	bad |= curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, FETCH_PROTOCOLS) != CURLE_OK;
	bad |= curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, FETCH_PROTOCOLS) != CURLE_OK;
#else
	bad |= curl_easy_setopt(c, CURLOPT_PROTOCOLS, (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS))
	       != CURLE_OK;
	bad |= curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS,
				(long)(CURLPROTO_HTTP | CURLPROTO_HTTPS)) != CURLE_OK;
#endif
	bad |= curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L) != CURLE_OK;
	bad |= curl_easy_setopt(c, CURLOPT_MAXREDIRS, (long)FETCH_MAX_REDIRECTS) != CURLE_OK;
	bad |= curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L) != CURLE_OK;
	bad |= curl_easy_setopt(c, CURLOPT_TIMEOUT, o->timeout_s) != CURLE_OK;
	bad |= curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, o->connect_timeout_s) != CURLE_OK;
	bad |= curl_easy_setopt(c, CURLOPT_USERAGENT, FETCH_USER_AGENT) != CURLE_OK;
	bad |= curl_easy_setopt(c, CURLOPT_NETRC, (long)CURL_NETRC_IGNORED) != CURLE_OK;
	bad |= curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf) != CURLE_OK;
	bad |= curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header) != CURLE_OK;
	bad |= curl_easy_setopt(c, CURLOPT_HEADERDATA, t) != CURLE_OK;
	bad |= curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body) != CURLE_OK;
	bad |= curl_easy_setopt(c, CURLOPT_WRITEDATA, t) != CURLE_OK;
	return bad ? ERR_IO : 0;
}

/* The code and message for a transfer that did not end with a whole 200 body. */
static int
explain(CURL *c, CURLcode rc, const struct transfer *t, const struct fetch_opts *o,
	const char *errbuf, const char *url, char *err, size_t err_size)
{
	long status = t->status, os_errno = 0, redirects = 0;
	curl_off_t connect_us = 0;

	if (t->stop == STOP_LIMIT) {
		fail(err, err_size, url, "larger than the limit of %" PRIu64 " bytes",
		     t->max_bytes);
		return ERR_LIMIT;
	}
	if (t->stop == STOP_WRITE) {
		fail(err, err_size, url, "cannot write %s: %s", t->tmp, strerror(t->write_errno));
		return ERR_IO;
	}
	if (t->stop == STOP_STATUS || rc == CURLE_OK) {
		curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
		fail(err, err_size, url, "HTTP %ld", status);
		return status == 404 || status == 410 ? ERR_NOTFOUND : ERR_IO;
	}
	switch (rc) {
	case CURLE_OUT_OF_MEMORY:
		fail(err, err_size, url, "out of memory");
		return ERR_NOMEM;
	case CURLE_OPERATION_TIMEDOUT:
		curl_easy_getinfo(c, CURLINFO_CONNECT_TIME_T, &connect_us);
		if (connect_us == 0 && o->connect_timeout_s < o->timeout_s)
			fail(err, err_size, url, "timed out connecting after %ld s",
			     o->connect_timeout_s);
		else
			fail(err, err_size, url, "timed out after %ld s", o->timeout_s);
		return ERR_IO;
	case CURLE_COULDNT_CONNECT:
		curl_easy_getinfo(c, CURLINFO_OS_ERRNO, &os_errno);
		if (os_errno)
			fail(err, err_size, url, "could not connect: %s", strerror((int)os_errno));
		else
			fail(err, err_size, url, "could not connect: %s",
			     errbuf[0] ? errbuf : curl_easy_strerror(rc));
		return ERR_IO;
	case CURLE_TOO_MANY_REDIRECTS:
		fail(err, err_size, url, "more than %d redirects", FETCH_MAX_REDIRECTS);
		return ERR_IO;
	case CURLE_UNSUPPORTED_PROTOCOL:
		curl_easy_getinfo(c, CURLINFO_REDIRECT_COUNT, &redirects);
		if (redirects > 0) {
			fail(err, err_size, url,
			     "redirect refused: only http and https are followed");
			return ERR_IO;
		}
		break;
	default:
		break;
	}
	/* libcurl's own words, lower case like ours. */
	const char *why = errbuf[0] ? errbuf : curl_easy_strerror(rc);
	fail(err, err_size, url, "%c%s", ascii_lower(why[0]), why[0] ? why + 1 : "");
	return ERR_IO;
}

/* Runs the transfer into t->fd; 0 when a whole 200 body arrived. */
static int
transfer_run(const char *url, const struct fetch_opts *o, struct transfer *t, char *err,
	     size_t err_size)
{
	char errbuf[CURL_ERROR_SIZE] = "";
	CURL *c = curl_easy_init();
	CURLcode rc;
	int ret;

	if (!c) {
		fail(err, err_size, url, "cannot start libcurl");
		return ERR_NOMEM;
	}
	ret = setup(c, url, o, t, errbuf);
	if (ret < 0) {
		fail(err, err_size, url, "this libcurl lacks an option deputy needs");
		curl_easy_cleanup(c);
		return ret;
	}
	rc = curl_easy_perform(c);
	/* The status of the final response, also when headers ended it early. */
	if (rc == CURLE_OK)
		curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &t->status);
	if (rc == CURLE_OK && t->status == 200 && t->stop == STOP_NONE)
		ret = 0;
	else
		ret = explain(c, rc, t, o, errbuf, url, err, err_size);
	curl_easy_cleanup(c);
	return ret;
}

int
fetch_to_file(const char *url, const char *dest, const struct fetch_opts *opts, char *err,
	      size_t err_size)
{
	struct fetch_opts o = opts ? *opts : (struct fetch_opts){ 0 };
	struct transfer t = { .fd = -1 };
	char *tmp;
	int e, ret;

	if (err && err_size)
		err[0] = '\0';
	if (!url || !dest || !dest[0] || dest[strlen(dest) - 1] == '/') {
		if (url)
			fail(err, err_size, url, "no file to download into");
		else if (err && err_size)
			snprintf(err, err_size, "no url to download");
		return ERR_USAGE;
	}
	if (!is_http_url(url)) {
		fail(err, err_size, url, "only http and https urls are downloaded");
		return ERR_USAGE;
	}
	if (o.timeout_s < 0 || o.connect_timeout_s < 0) {
		fail(err, err_size, url, "negative timeout");
		return ERR_USAGE;
	}
	o.timeout_s = o.timeout_s ? o.timeout_s : FETCH_TIMEOUT_S;
	o.connect_timeout_s = o.connect_timeout_s ? o.connect_timeout_s : FETCH_CONNECT_TIMEOUT_S;
	o.max_bytes = o.max_bytes ? o.max_bytes : FETCH_MAX_BYTES;

	e = make_parents(dest);
	if (e) {
		fail(err, err_size, url, "cannot create the folder of %s: %s", dest, strerror(e));
		return e == ENOMEM ? ERR_NOMEM : ERR_IO;
	}
	tmp = temp_template(dest);
	if (!tmp) {
		fail(err, err_size, url, "out of memory");
		return ERR_NOMEM;
	}
	t.fd = mkstemp(tmp);
	if (t.fd < 0) {
		fail(err, err_size, url, "cannot create a file beside %s: %s", dest,
		     strerror(errno));
		free(tmp);
		return ERR_IO;
	}
	(void)fcntl(t.fd, F_SETFD, FD_CLOEXEC);
	t.tmp = tmp;
	t.max_bytes = o.max_bytes;

	ret = transfer_run(url, &o, &t, err, err_size);
	if (ret == 0 && fsync(t.fd) != 0) {
		fail(err, err_size, url, "cannot write %s: %s", tmp, strerror(errno));
		ret = ERR_IO;
	}
	if (close(t.fd) != 0 && ret == 0) {
		fail(err, err_size, url, "cannot write %s: %s", tmp, strerror(errno));
		ret = ERR_IO;
	}
	if (ret == 0 && rename(tmp, dest) != 0) {
		fail(err, err_size, url, "cannot rename %s to %s: %s", tmp, dest, strerror(errno));
		ret = ERR_IO;
	}
	if (ret != 0)
		unlink(tmp);
	free(tmp);
	return ret;
}

char *
fetch_join_url(const char *base, const char *path)
{
	size_t n = strlen(base), len;
	char *out;

	while (n > 0 && base[n - 1] == '/')
		n--;
	len = n + 1 + strlen(path) + 1;
	if ((out = malloc(len)) != NULL)
		snprintf(out, len, "%.*s/%s", (int)n, base, path);
	return out;
}
