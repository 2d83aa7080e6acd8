/*
 * Handing the terminal to $VISUAL or $EDITOR at the selected file and line,
 * then taking it back. Only the working tree is edited: a scan of HEAD or of
 * a revision shows bytes that are not the ones on disk.
 */
#include "editor.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "deputy/strbuf.h"
#include "app.h"

#define EDITOR_MAX_ARGS 16

/* The selected row's file (or the file view's) and line. */
static const char *
target(const struct app *app, unsigned *line)
{
	const struct node *n;

	if (app->page == PAGE_FILE && app->page_path) {
		*line = app->page_line;
		return app->page_path;
	}
	*line = 0;
	if (app->tree.n_visible == 0)
		return NULL;
	n = &app->tree.nodes[app->tree.cursor];
	if (n->kind == NODE_DEP || n->kind == NODE_OPTION)
		*line = n->line;
	return n->path;
}

/* Splits @cmd at blanks into @argv (pointers into @cmd); the count. */
static int
split_command(char *cmd, char **argv, int max)
{
	int argc = 0;

	for (char *tok = strtok(cmd, " \t"); tok && argc < max; tok = strtok(NULL, " \t"))
		argv[argc++] = tok;
	return argc;
}

/* Runs @argv with the terminal; its exit status, or -1 when it could not run. */
static int
run(char **argv)
{
	pid_t pid = fork();
	int status;

	if (pid < 0)
		return -1;
	if (pid == 0) {
		execvp(argv[0], argv);
		_exit(127);
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

int
editor_open(struct app *app)
{
	const char *env = getenv("VISUAL");
	char *argv[EDITOR_MAX_ARGS + 3], *cmd;
	char plus[24];
	struct strbuf path = STRBUF_INIT;
	unsigned line;
	const char *rel = target(app, &line);
	int argc, status;

	if (!rel) {
		status_set(app, false, "no file selected");
		return REACT_REDRAW;
	}
	/* A plain folder is its own working tree. */
	if (scan_is_git(app->scan) && strcmp(scan_snapshot_name(app->scan), "working tree")) {
		status_set(app, false, "e edits the working tree only; this scan shows %s",
			   scan_snapshot_name(app->scan));
		return REACT_REDRAW;
	}
	if (!env || !env[0])
		env = getenv("EDITOR");
	if (!env || !env[0])
		env = "vi";
	cmd = strdup(env);
	strbuf_printf(&path, "%s/%s", scan_root(app->scan), rel);
	if (!cmd || !strbuf_cstr(&path)) {
		free(cmd);
		strbuf_release(&path);
		status_set(app, true, "out of memory");
		return REACT_REDRAW;
	}
	argc = split_command(cmd, argv, EDITOR_MAX_ARGS);
	if (argc == 0)
		argv[argc++] = "vi";
	snprintf(plus, sizeof(plus), "+%u", line > 0 ? line : 1);
	argv[argc++] = plus;
	argv[argc++] = (char *)strbuf_cstr(&path);
	argv[argc] = NULL;
	def_prog_mode();
	endwin();
	status = run(argv);
	reset_prog_mode();
	clearok(curscr, TRUE);
	refresh();
	if (status == 127 || status < 0)
		status_set(app, true, "could not run the editor %s", argv[0]);
	else if (status != 0)
		status_set(app, false, "the editor exited with status %d", status);
	else
		status_set(app, false, "back from the editor (the scan still shows the file as it was)");
	free(cmd);
	strbuf_release(&path);
	return REACT_LAYOUT | REACT_REDRAW;
}
