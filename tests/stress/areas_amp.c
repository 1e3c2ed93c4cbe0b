// SPDX-License-Identifier: GPL-2.0
/*
 * areas_amp.c - /proc/pymm/areas must not print what a user makes it print
 * without bound (issue #12, next round).  A namespace key may be any str
 * (the globals dict is reachable through gc.get_referrers, a frame's
 * locals through PYMM_OP_FRAME_LOCALS, as a class body's are), so a
 * user can make every name the areas walk shows NBYTES long, and the same
 * keys sit in every frame's locals of every client.  The reader's seq_file
 * buffer then grows to the whole section: kernel memory the user never paid
 * for, and a read that takes as long as the user likes.
 *
 *   areas_amp NBYTES NKEYS NCLIENTS NFRAMES
 *
 * Builds that picture in the caller's default heap and leaves it in place:
 * prints "ready" and waits for a line on stdin (the caller measures the
 * read meanwhile), then destroys the heap (no state left for the checks
 * that follow) and exits.  Exit 0 if both went well, 1 if not.
 */
#include <stdio.h>
#include <stdlib.h>

#include "pymm_dev.h"

#define MAXC 64

static int fds[MAXC];

static void die(const char *what, int err)
{
	fprintf(stderr, "areas_amp: %s: %d\n", what, err);
	exit(1);
}

/*
 * The current namespace: a frame's locals (no GC object since 3.11's
 * frames, so FRAME_LOCALS hands it out), or the globals dict, the only
 * referrer of a fresh int bound there.
 */
static uint64_t ns_dict(int fd, uint32_t flags, uint64_t unique, uint64_t *val)
{
	uint64_t out[8], n = 0;
	int err;

	err = dev_op(fd, PYMM_OP_NEW_INT, 0, unique, 0, 0, NULL, 0, val);
	if (err)
		die("new int", err);
	err = dev_op(fd, PYMM_OP_NAME_BIND, flags, *val, 0, 0, "anchor", 6, NULL);
	if (err)
		die("bind", err);
	if (flags & PYMM_OPF_LOCAL) {
		err = dev_op(fd, PYMM_OP_FRAME_LOCALS, 0, 0, 0, 0, NULL, 0, &out[0]);
		if (err)
			die("frame locals", err);
		return out[0];
	}
	err = dev_op(fd, PYMM_OP_GC_GET_REFERRERS, 0, *val, 0, 0, out, sizeof(out), &n);
	if (err || n != 1)
		die("get_referrers", err ? err : (int)n);
	return out[0];
}

int main(int argc, char **argv)
{
	uint32_t nbytes, nkeys, nclients, nframes, i, c, f;
	uint64_t *keys, list, g, val, dummy;
	char *buf, line[16];
	int err;

	if (argc != 5)
		die("usage: NBYTES NKEYS NCLIENTS NFRAMES", 0);
	nbytes = strtoul(argv[1], NULL, 0);
	nkeys = strtoul(argv[2], NULL, 0);
	nclients = strtoul(argv[3], NULL, 0);
	nframes = strtoul(argv[4], NULL, 0);
	if (nclients > MAXC || nbytes > PYMM_DATA_MAX || !nbytes)
		die("bad arguments", 0);
	keys = calloc(nkeys, sizeof(*keys));
	buf = malloc(nbytes);
	if (!keys || !buf)
		die("malloc", 0);
	for (c = 0; c < nclients; c++) {
		fds[c] = dev_open();
		if (fds[c] < 0)
			die("open", -errno);
		err = dev_name_op(fds[c], PYMM_OP_HEAP_ATTACH, PYMM_DEFAULT_HEAP, 0);
		if (err)
			die("attach", err);
	}
	for (i = 0; i < nkeys; i++) {
		memset(buf, 'A' + i % 26, nbytes);
		snprintf(buf, 12, "k%08u", i);
		buf[9] = 'x';
		err = dev_op(fds[0], PYMM_OP_NEW_STR, 0, 0, 0, 0, buf, nbytes, &keys[i]);
		if (err)
			die("new str", err);
	}
	err = dev_op(fds[0], PYMM_OP_NEW_LIST, 0, 0, 0, 0, keys, nkeys * 8, &list);
	if (!err)
		err = dev_op(fds[0], PYMM_OP_NAME_BIND, 0, list, 0, 0, "K", 1, NULL);
	if (err)
		die("keys list", err);
	g = ns_dict(fds[0], 0, 1000000007, &val);
	for (i = 0; i < nkeys; i++) {
		err = dev_op(fds[0], PYMM_OP_SETITEM, 0, g, keys[i], val, NULL, 0, NULL);
		if (err)
			die("setitem globals", err);
	}
	for (c = 0; c < nclients; c++) {
		int fd = fds[c];
		uint64_t l, *ks = keys;

		if (c) {
			uint64_t idx = 0;

			err = dev_op(fd, PYMM_OP_NAME_LOOKUP, 0, 0, 0, 0, "K", 1, &l);
			if (err)
				die("lookup K", err);
			for (i = 0; i < nkeys; i++) {
				err = dev_op(fd, PYMM_OP_NEW_INT, 0, i, 0, 0, NULL, 0, &idx);
				if (!err)
					err = dev_op(fd, PYMM_OP_GETITEM, 0, l, idx, 0, NULL, 0,
						     &ks[i]);
				if (err)
					die("getitem K", err);
			}
		}
		for (f = 0; f < nframes; f++) {
			uint64_t d;

			err = dev_op(fd, PYMM_OP_FRAME_PUSH, 0, 0, 0, 0, "f", 1, &dummy);
			if (err)
				die("frame push", err);
			d = ns_dict(fd, PYMM_OPF_LOCAL, 2000000000ull + c * 1000 + f, &val);
			for (i = 0; i < nkeys; i++) {
				err = dev_op(fd, PYMM_OP_SETITEM, 0, d, ks[i], val, NULL, 0,
					     NULL);
				if (err)
					die("setitem locals", err);
			}
		}
	}
	printf("ready\n");
	fflush(stdout);
	if (!fgets(line, sizeof(line), stdin))
		line[0] = 0;
	/* leave no default heap of ours behind for the checks that follow */
	for (c = 1; c < nclients; c++)
		close(fds[c]);
	err = dev_name_op(fds[0], PYMM_OP_HEAP_DESTROY, PYMM_DEFAULT_HEAP, 0);
	if (err)
		die("destroy", err);
	return 0;
}
