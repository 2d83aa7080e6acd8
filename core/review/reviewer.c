/*
 * Who records a decision and when: user.name and user.email from the git
 * configuration (read with libgit2, never by running git), and today's date.
 */
#include "review/review_impl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <git2.h>

#include "deputy/escape.h"
#include "deputy/strbuf.h"

bool
review_date_is_valid(const char *s)
{
	static const char shape[] = "dddd-dd-dd";
	int month, day;

	if (!s || strlen(s) != sizeof(shape) - 1)
		return false;
	for (size_t i = 0; shape[i]; i++)
		if (shape[i] == 'd' ? (s[i] < '0' || s[i] > '9') : s[i] != '-')
			return false;
	month = (s[5] - '0') * 10 + (s[6] - '0');
	day = (s[8] - '0') * 10 + (s[9] - '0');
	return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

void
review_date_of(char out[11], time_t now)
{
	struct tm tm;

	if (!gmtime_r(&now, &tm) || strftime(out, 11, "%Y-%m-%d", &tm) != 10)
		strcpy(out, "1970-01-01");
}

/*
 * The files git reads user.name from, built by hand rather than through
 * libgit2's search paths: those are process-wide, and the scan empties them
 * so that the audited repository is read with no outside configuration.
 */
static int
open_config(git_config **out, const char *root)
{
	git_repository *repo = NULL;
	const char *home = getenv("HOME"), *xdg = getenv("XDG_CONFIG_HOME");
	struct strbuf path = STRBUF_INIT;
	int rc = git_config_new(out);

	if (rc < 0)
		return rc;
	if (xdg && xdg[0])
		strbuf_printf(&path, "%s/git/config", xdg);
	else if (home && home[0])
		strbuf_printf(&path, "%s/.config/git/config", home);
	if (path.len)
		git_config_add_file_ondisk(*out, strbuf_cstr(&path), GIT_CONFIG_LEVEL_XDG, NULL, 0);
	strbuf_reset(&path);
	if (home && home[0]) {
		strbuf_printf(&path, "%s/.gitconfig", home);
		git_config_add_file_ondisk(*out, strbuf_cstr(&path), GIT_CONFIG_LEVEL_GLOBAL, NULL,
					   0);
	}
	strbuf_reset(&path);
	if (git_repository_open_ext(&repo, root, GIT_REPOSITORY_OPEN_NO_SEARCH, NULL) == 0) {
		strbuf_printf(&path, "%s/config", git_repository_path(repo));
		git_config_add_file_ondisk(*out, strbuf_cstr(&path), GIT_CONFIG_LEVEL_LOCAL, repo,
					   0);
		git_repository_free(repo);
	}
	strbuf_release(&path);
	return 0;
}

/* The value of @key in @cfg, appended to @out; false when unset or empty. */
static bool
add_value(struct strbuf *out, git_config *cfg, const char *key)
{
	git_buf buf = { NULL, 0, 0 };
	bool found = false;

	if (git_config_get_string_buf(&buf, cfg, key) == 0 && buf.ptr && buf.ptr[0]) {
		/* our own configuration, but kept printable all the same */
		escape_text(out, sv_from_cstr(buf.ptr), false);
		found = true;
	}
	git_buf_dispose(&buf);
	return found;
}

char *
review_reviewer(const char *root)
{
	struct strbuf who = STRBUF_INIT;
	git_config *cfg = NULL;
	const char *user;

	if (git_libgit2_init() >= 0) {
		if (open_config(&cfg, root) == 0) {
			bool name = add_value(&who, cfg, "user.name");
			struct strbuf email = STRBUF_INIT;
			if (add_value(&email, cfg, "user.email"))
				strbuf_printf(&who, name ? " <%s>" : "<%s>", strbuf_cstr(&email));
			strbuf_release(&email);
			git_config_free(cfg);
		}
		git_libgit2_shutdown();
	}
	if (who.len == 0 && (user = getenv("USER")) && user[0])
		escape_text(&who, sv_from_cstr(user), false);
	if (who.len == 0)
		strbuf_adds(&who, "unknown");
	if (who.failed) {
		strbuf_release(&who);
		return NULL;
	}
	return strbuf_detach(&who, NULL);
}
