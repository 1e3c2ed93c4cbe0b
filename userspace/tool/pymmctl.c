// SPDX-License-Identifier: GPL-2.0
/*
 * pymmctl - drive pymm heaps from the command line.
 *
 *   pymmctl [-H HEAP] [--local | --netlink | --device PATH] [-j] COMMAND ...
 *
 * Commands are one-shot: each opens one client session (a /dev/pymm file,
 * a netlink socket, or the in-process core with --local), does its work and
 * exits.  Exit status: 0 success, 1 an operation or the script failed,
 * 2 a usage error.  Errors name what was being done and why (strerror).
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../lib/pymm_client.h"
#include "../script/ast.h"
#include "../script/eval.h"
#include "pymmctl.h"

struct opts g_opts;
/* the connection fail_errno() quotes (its transport's own words), or NULL */
struct pymm_conn *g_conn;

static const char *const main_usage =
"usage: pymmctl [OPTIONS] COMMAND [ARGS]\n"
"\n"
"Drive pymm, a CPython-style memory manager in the kernel.\n"
"\n"
"Commands:\n"
"  heap create NAME [--quota BYTES]   create a heap (BYTES may end in K, M, G)\n"
"  heap list                          list the heaps you may see\n"
"  heap show NAME                     one heap: owner, clients, quota, bytes, objects\n"
"  heap destroy NAME                  destroy a heap nobody is attached to\n"
"  heap quota NAME BYTES              lower (or raise, as root) a heap's quota\n"
"  stats                              allocator table (as sys._debugmallocstats()),\n"
"                                     heap and collector statistics\n"
"  verify                             check the heap's invariants\n"
"  gc collect [GEN]                   run the heap's cycle collector (gc.collect)\n"
"  gc stats | show                    collector statistics; enabled, counts, thresholds\n"
"  gc enable | disable | freeze | unfreeze | threshold T0 [T1 [T2]]\n"
"  monitor [--count N]                print pymm's events as they happen (netlink)\n"
"  arenas [--map]                     the arenas and their pools, drawn (--map)\n"
"  top [-d SECS] [-n ITER]            a refreshing view, as slabtop\n"
"  graph NAME [--depth N] [--max N] [-o FILE] [--format dot|png|svg]\n"
"                                     reference graph of a global, Graphviz DOT\n"
"  areas                              stack, variables and heap of the heap\n"
"  run FILE                           run a Python-subset script ('-': stdin)\n"
"  shell                              interactive prompt\n"
"\n"
"Options:\n"
"  -H, --heap NAME      heap to attach to (default: \"" PYMM_DEFAULT_HEAP "\", your own\n"
"                       private heap unless the module has public_heap=1)\n"
"      --other-owner    as root: attach even to a heap another user owns\n"
"                       (refused without it; warns on stderr with it)\n"
"      --local          use an in-process pymm core instead of the kernel\n"
"      --netlink        talk to the kernel over generic netlink (errors quote\n"
"                       the kernel's extended-ack message)\n"
"      --device PATH    character device (the default transport: /dev/" PYMM_DEVICE_NAME ")\n"
"  -j, --json           JSON output, for every command that prints data\n"
"  -h, --help           this text; `pymmctl COMMAND --help` for a command\n"
"\n"
"Exit status: 0 success, 1 failure, 2 usage error.  See pymmctl(8).\n";

void usage_error(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "pymmctl: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry 'pymmctl --help'.\n");
	exit(2);
}

int fail_errno(int err, const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	fprintf(stderr, "pymmctl: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, ": %s", strerror(err < 0 ? -err : err));
	if (*pymm_conn_errmsg(g_conn)) {
		/* the kernel's own words say more than any errno gloss */
		fprintf(stderr, " (kernel: %s)\n", pymm_conn_errmsg(g_conn));
		return 1;
	}
	switch (err) {
	case -EDQUOT:
		fprintf(stderr, " (heap quota exceeded)");
		break;
	case -EBUSY:
		fprintf(stderr, " (clients are attached)");
		break;
	case -EPERM:
	case -EACCES:
		fprintf(stderr, " (not the owner: needs root)");
		break;
	case -EUSERS:
		fprintf(stderr, " (per-user heap limit reached)");
		break;
	default:
		break;
	}
	fprintf(stderr, "\n");
	return 1;
}

static int conn_open_transport(struct pymm_conn **c)
{
	int err;

	if (g_opts.local) {
		err = pymm_conn_open_local(c);
		if (err)
			return fail_errno(err, "starting the in-process core");
		return 0;
	}
	if (g_opts.netlink) {
		err = pymm_conn_open_netlink(c);
		if (err) {
			fail_errno(err, "generic netlink family \"%s\"", PYMM_GENL_NAME);
			if (err == -ENOENT)
				fprintf(stderr, "pymmctl: is the pymm module loaded? "
					"(--local runs without it)\n");
			return 1;
		}
		return 0;
	}
	err = pymm_conn_open_device(c, g_opts.device);
	if (err) {
		fail_errno(err, "%s", g_opts.device ? g_opts.device : "/dev/" PYMM_DEVICE_NAME);
		if (err == -ENOENT)
			fprintf(stderr, "pymmctl: is the pymm module loaded? "
				"(--local runs without it)\n");
		if (err == -EPROTO)
			fprintf(stderr, "pymmctl: the module speaks another ABI version "
				"than this pymmctl (%d)\n", PYMM_ABI_VERSION);
		return 1;
	}
	return 0;
}

int conn_open(struct pymm_conn **c)
{
	int rc = conn_open_transport(c);

	if (!rc)
		g_conn = *c;
	return rc;
}

void conn_close(struct pymm_conn *c)
{
	if (g_conn == c)
		g_conn = NULL;
	pymm_conn_close(c);
}

uint32_t attach_flags(void)
{
	return g_opts.other_owner ? PYMM_OPF_OTHER_OWNER : 0;
}

const char *heap_name(void)
{
	return g_opts.heap ? g_opts.heap : PYMM_DEFAULT_HEAP;
}

bool is_json_opt(const char *arg)
{
	if (strcmp(arg, "-j") && strcmp(arg, "--json"))
		return false;
	g_opts.json = true;
	return true;
}

bool is_help_opt(const char *arg)
{
	return !strcmp(arg, "-h") || !strcmp(arg, "--help") || !strcmp(arg, "help");
}

/* the owner of the heap c attached to by name, or -1 if it cannot be told */
static long attached_owner(struct pymm_conn *c, const char *heap)
{
	struct pymm_heap_info *v = NULL;
	unsigned int i, n = 0;
	long owner = -1;

	if (pymm_heap_list(c, &v, &n))
		return -1;
	for (i = 0; i < n; i++) {
		if (strncmp(v[i].name, heap, sizeof(v[i].name)))
			continue;
		owner = v[i].owner_uid;
		if (v[i].owner_uid == (uint32_t)getuid())
			break;
	}
	free(v);
	return owner;
}

int conn_attach(struct pymm_conn *c)
{
	const char *heap = g_opts.heap ? g_opts.heap : PYMM_DEFAULT_HEAP;
	int err;

	if (!g_opts.other_owner) {
		err = pymm_heap_attach(c, heap);
		if (err == -EACCES) {
			fflush(stdout);
			fprintf(stderr, "pymmctl: attaching to heap '%s': %s (another user owns it; "
				"as root, --other-owner attaches anyway)\n", heap, strerror(EACCES));
			return 1;
		}
		if (err)
			return fail_errno(err, "attaching to heap '%s'", heap);
		return 0;
	}
	err = pymm_heap_attach_flags(c, heap, PYMM_OPF_OTHER_OWNER);
	if (err)
		return fail_errno(err, "attaching to heap '%s' (--other-owner)", heap);
	{
		long owner = attached_owner(c, heap);

		if (owner >= 0 && owner != (long)getuid())
			fprintf(stderr, "pymmctl: warning: heap '%s' belongs to uid %ld, not to you: "
				"attached anyway (--other-owner); that user can read and change "
				"whatever this command puts there\n", heap, owner);
		else if (owner < 0)
			fprintf(stderr, "pymmctl: warning: --other-owner: heap '%s' may belong "
				"to another user; that user can read and change whatever this "
				"command puts there\n", heap);
	}
	return 0;
}

/* ------------------------------------------------------------------ run */

static int read_all(FILE *f, char **out, size_t *len)
{
	size_t cap = 65536, n = 0;
	char *buf = malloc(cap);

	if (!buf)
		return -ENOMEM;
	for (;;) {
		size_t r;

		if (n == cap) {
			char *nb;

			cap *= 2;
			nb = realloc(buf, cap);
			if (!nb) {
				free(buf);
				return -ENOMEM;
			}
			buf = nb;
		}
		r = fread(buf + n, 1, cap - n, f);
		n += r;
		if (r == 0) {
			if (ferror(f)) {
				free(buf);
				return -EIO;
			}
			break;
		}
	}
	*out = buf;
	*len = n;
	return 0;
}

/* os.path.abspath(): cwd joined and "." / ".." folded, symlinks kept */
static void abs_name(const char *file, char *out, size_t cap)
{
	char buf[4096], *parts[512], *save = NULL, *tok;
	int n = 0, i;
	size_t len = 0;

	if (!strcmp(file, "-")) {
		snprintf(out, cap, "<stdin>");
		return;
	}
	if (file[0] == '/' || !getcwd(buf, sizeof(buf)))
		buf[0] = 0;
	if (strlen(buf) + strlen(file) + 2 >= sizeof(buf)) {
		snprintf(out, cap, "%s", file);
		return;
	}
	if (buf[0])
		strcat(buf, "/");
	strcat(buf, file);
	for (tok = strtok_r(buf, "/", &save); tok && n < 512; tok = strtok_r(NULL, "/", &save)) {
		if (!strcmp(tok, "."))
			continue;
		if (!strcmp(tok, "..")) {
			if (n)
				n--;
			continue;
		}
		parts[n++] = tok;
	}
	out[0] = 0;
	for (i = 0; i < n && len + strlen(parts[i]) + 2 < cap; i++) {
		strcat(out, "/");
		strcat(out, parts[i]);
		len += strlen(parts[i]) + 1;
	}
	if (!n)
		snprintf(out, cap, "/");
}

struct run_job {
	struct pymm_conn *conn;
	struct module *m;
	struct script_opts so;
	int rc;
};

static void *run_thread(void *arg)
{
	struct run_job *j = arg;
	struct interp *I = interp_new(j->conn, &j->so);
	int rc;

	if (!I) {
		j->rc = 1;
		return NULL;
	}
	rc = interp_run(I, j->m);
	if (interp_finish(I))
		rc = 1;
	rc = refusal_finish(I, rc);
	interp_free(I);
	j->rc = rc;
	return NULL;
}

/*
 * The evaluator recurses once per Python call (up to the heap's frame limit,
 * 1000 by default) and a few C frames per expression level: run it on a
 * thread whose stack is large enough for that under ASan too.
 */
static int run_big_stack(struct run_job *j)
{
	pthread_attr_t attr;
	pthread_t t;
	int err;

	pthread_attr_init(&attr);
	pthread_attr_setstacksize(&attr, (size_t)512 << 20);
	err = pthread_create(&t, &attr, run_thread, j);
	pthread_attr_destroy(&attr);
	if (err) {
		run_thread(j);
		return j->rc;
	}
	pthread_join(t, NULL);
	return j->rc;
}

static const char *const run_usage =
"usage: pymmctl [-H HEAP] [--local] run [--keep] [--dump-ast] [--trace-ops] FILE\n"
"\n"
"Runs FILE ('-' for standard input), a script in a subset of Python 3 that\n"
"prints what python3 prints for the same file.  Objects live in the heap\n"
"(-H, default \"" PYMM_DEFAULT_HEAP "\").\n"
"\n"
"  --keep        leave the script's globals in the heap (no interpreter\n"
"                shutdown: finalizers of what they hold do not run)\n"
"  --dump-ast    print the parsed tree and constant table, run nothing\n"
"  --trace-ops   log every pymm operation to standard error\n"
"\n"
"Exit status: 0, or 1 on a syntax error or an uncaught exception.\n";

static int cmd_run(int argc, char **argv)
{
	static const struct option lo[] = {
		{ "keep", no_argument, NULL, 'k' },
		{ "dump-ast", no_argument, NULL, 'd' },
		{ "trace-ops", no_argument, NULL, 't' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct run_job job = { 0 };
	struct parse_error pe = { 0 };
	static char shown[4096];
	const char *file;
	bool dump = false;
	char *text;
	size_t len;
	FILE *f;
	int c, err;

	optind = 1;
	while ((c = getopt_long(argc, argv, "h", lo, NULL)) != -1) {
		switch (c) {
		case 'k': job.so.keep = true; break;
		case 'd': dump = true; break;
		case 't': job.so.trace_ops = true; break;
		case 'h': fputs(run_usage, stdout); return 0;
		default: fputs(run_usage, stderr); return 2;
		}
	}
	if (optind != argc - 1) {
		fputs(run_usage, stderr);
		return 2;
	}
	file = argv[optind];
	f = strcmp(file, "-") ? fopen(file, "rb") : stdin;
	if (!f)
		return fail_errno(-errno, "%s", file);
	err = read_all(f, &text, &len);
	if (f != stdin)
		fclose(f);
	if (err)
		return fail_errno(err, "reading %s", file);
	/* tracebacks name the file as python3 (>= 3.9) does: absolute */
	abs_name(file, shown, sizeof(shown));
	job.m = parse_module(shown, text, len, &pe);
	if (!job.m) {
		script_print_syntax_error(shown, text, &pe);
		free(text);
		return 1;
	}
	free(text);
	if (dump) {
		ast_dump(job.m, stdout);
		module_free(job.m);
		return 0;
	}
	if (conn_open(&job.conn)) {
		module_free(job.m);
		return 1;
	}
	if (conn_attach(job.conn)) {
		pymm_conn_close(job.conn);
		module_free(job.m);
		return 1;
	}
	err = run_big_stack(&job);
	pymm_conn_close(job.conn);
	module_free(job.m);
	return err;
}

/* ---------------------------------------------------------------- shell */

static void *shell_thread(void *arg)
{
	struct run_job *j = arg;
	struct interp *I = interp_new(j->conn, &j->so);
	struct module **mods = NULL;
	int nmods = 0;
	char *acc = NULL;
	size_t acclen = 0;
	bool tty = isatty(0);

	if (!I) {
		j->rc = 1;
		return NULL;
	}
	for (;;) {
		char line[4096];
		bool cont = acclen > 0;
		size_t l;

		if (tty) {
			fputs(cont ? "... " : ">>> ", stdout);
			fflush(stdout);
		}
		if (!fgets(line, sizeof(line), stdin)) {
			if (!acclen)
				break;
			line[0] = 0;
		}
		l = strlen(line);
		/* a compound statement goes on until an empty line */
		if (!cont && l && line[l - 1] == '\n' && l >= 2 && line[l - 2] != ':' &&
		    line[0] != ' ' && line[0] != '\t' && line[0] != '@') {
			/* simple statement: run now */
		} else if (l > 1 || (!cont && l == 1)) {
			acc = realloc(acc, acclen + l + 1);
			memcpy(acc + acclen, line, l + 1);
			acclen += l;
			if (l > 1 || !cont)
				continue;
		}
		if (!cont) {
			acc = realloc(acc, acclen + l + 1);
			memcpy(acc + acclen, line, l + 1);
			acclen += l;
		}
		{
			struct parse_error pe = { 0 };
			struct module *m = parse_module("<stdin>", acc ? acc : "", acclen, &pe);

			if (!m) {
				script_print_syntax_error("<stdin>", acc ? acc : "", &pe);
			} else {
				mods = realloc(mods, (nmods + 1) * sizeof(*mods));
				mods[nmods++] = m;
				refusal_finish(I, interp_run(I, m));
				fflush(stdout);
			}
			acclen = 0;
		}
		if (feof(stdin))
			break;
	}
	free(acc);
	if (tty)
		fputs("\n", stdout);
	j->rc = interp_finish(I);
	interp_free(I);
	while (nmods--)
		module_free(mods[nmods]);
	free(mods);
	return NULL;
}

static int cmd_shell(int argc, char **argv)
{
	struct run_job job = { 0 };
	pthread_attr_t attr;
	pthread_t t;

	if (argc > 1 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
		printf("usage: pymmctl [-H HEAP] [--local] shell\n\n"
		       "An interactive prompt for the script language: expression values\n"
		       "are echoed, a compound statement ends with an empty line, errors\n"
		       "do not end the session.  End with Ctrl-D.\n");
		return 0;
	}
	if (argc > 1)
		usage_error("shell takes no arguments");
	job.so.interactive = true;
	if (conn_open(&job.conn))
		return 1;
	if (conn_attach(job.conn)) {
		pymm_conn_close(job.conn);
		return 1;
	}
	pthread_attr_init(&attr);
	pthread_attr_setstacksize(&attr, (size_t)512 << 20);
	if (pthread_create(&t, &attr, shell_thread, &job))
		shell_thread(&job);
	else
		pthread_join(t, NULL);
	pthread_attr_destroy(&attr);
	pymm_conn_close(job.conn);
	return job.rc;
}

/* ----------------------------------------------------------------- main */

int main(int argc, char **argv)
{
	static const struct option lo[] = {
		{ "heap", required_argument, NULL, 'H' },
		{ "local", no_argument, NULL, 'L' },
		{ "netlink", no_argument, NULL, 'N' },
		{ "device", required_argument, NULL, 'D' },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ "other-owner", no_argument, NULL, 'O' },
		{ NULL, 0, NULL, 0 },
	};
	const char *cmd;
	int c;

	/* options stop at the command: its own options follow it */
	while ((c = getopt_long(argc, argv, "+H:jh", lo, NULL)) != -1) {
		switch (c) {
		case 'H':
			if (!*optarg || strlen(optarg) >= PYMM_HEAP_NAME_MAX)
				usage_error("heap name must be 1..%d bytes", PYMM_HEAP_NAME_MAX - 1);
			g_opts.heap = optarg;
			break;
		case 'L': g_opts.local = true; break;
		case 'N': g_opts.netlink = true; break;
		case 'D': g_opts.device = optarg; break;
		case 'j': g_opts.json = true; break;
		case 'O': g_opts.other_owner = true; break;
		case 'h': fputs(main_usage, stdout); return 0;
		default: fputs(main_usage, stderr); return 2;
		}
	}
	if (g_opts.local + g_opts.netlink + (g_opts.device != NULL) > 1)
		usage_error("--local, --netlink and --device exclude each other");
	if (optind >= argc) {
		fputs(main_usage, stderr);
		return 2;
	}
	cmd = argv[optind];
	argc -= optind;
	argv += optind;
	if (!strcmp(cmd, "heap"))
		return cmd_heap(argc, argv);
	if (!strcmp(cmd, "stats"))
		return cmd_stats(argc, argv);
	if (!strcmp(cmd, "verify"))
		return cmd_verify(argc, argv);
	if (!strcmp(cmd, "gc"))
		return cmd_gc(argc, argv);
	if (!strcmp(cmd, "arenas"))
		return cmd_arenas(argc, argv);
	if (!strcmp(cmd, "top"))
		return cmd_top(argc, argv);
	if (!strcmp(cmd, "graph"))
		return cmd_graph(argc, argv);
	if (!strcmp(cmd, "areas"))
		return cmd_areas(argc, argv);
	if (!strcmp(cmd, "monitor"))
		return cmd_monitor(argc, argv);
	if (!strcmp(cmd, "run"))
		return cmd_run(argc, argv);
	if (!strcmp(cmd, "shell"))
		return cmd_shell(argc, argv);
	if (!strcmp(cmd, "help")) {
		fputs(main_usage, stdout);
		return 0;
	}
	usage_error("unknown command '%s'", cmd);
	return 2;
}
