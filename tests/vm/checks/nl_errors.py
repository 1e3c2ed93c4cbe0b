#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""nl_errors.py - run by nl_errors.sh inside the guest: pymm's generic
netlink commands refused for each reason they have, over a raw AF_NETLINK
socket with extended acks on, each checked for its errno and for the words
the kernel put in the ack (module/kernel/netlink.c: pymm_nl_core_errmsg()
for the core's errors, the commands' own messages for theirs).  Raw
sockets, so a refusal pymmctl never provokes (an empty name, a missing
attribute, another family version, a dump refused) is reached too.

  nl_errors.py root HEAP          as root; HEAP is root's own heap
  nl_errors.py nobody HEAP        as uid 65534; HEAP is root's
  nl_errors.py busy HEAP          as root, HEAP attached through /dev/pymm
  nl_errors.py enomem HEAP        as root, /sys/module/pymm/parameters/fail_nth
                                  armed: a heap's first allocation fails
  nl_errors.py edquot HEAP        as uid 65534, module loaded with
                                  user_quota_kib=256 (one arena) and
                                  heap_quota_kib=512: the account refuses
  nl_errors.py enospc HEAP        as root, module loaded with mem_limit_mb=1
                                  and heap_quota_kib=512: the cap refuses

Prints one line per case; exit 0 if each was refused as it must be.
"""
import ctypes
import errno
import fcntl
import os
import socket
import struct
import sys

# the raw netlink helpers and the uapi numbers of the other probe
from hostile_policy_probe import (attr, parse as tlvs, NETLINK_GENERIC, GENL_ID_CTRL,
                                  CTRL_CMD_GETFAMILY, CTRL_ATTR_FAMILY_ID,
                                  CTRL_ATTR_FAMILY_NAME, NLM_F_REQUEST, NLM_F_ACK,
                                  NLM_F_DUMP, NLMSG_ERROR, NLMSG_DONE, CMD_OP,
                                  CMD_HEAP_NEW, CMD_HEAP_DEL, CMD_HEAP_GET, A_HEAP_NAME,
                                  A_HEAP_QUOTA, BIG_QUOTA, IOC_OP, FMT, OP_HEAP_ATTACH)

SOL_NETLINK, NETLINK_CAP_ACK, NETLINK_EXT_ACK = 270, 10, 11
NLM_F_ACK_TLVS, NLMSGERR_ATTR_MSG = 0x200, 1
# module/uapi/pymm.h (ABI: append-only)
CMD_ALLOC_STATS_GET, CMD_ARENA_GET, CMD_GC_COLLECT, CMD_GC_STATS_GET = 5, 6, 7, 8
A_OP_DATA_CAP = 9

fails = 0


def name(s):
    return attr(A_HEAP_NAME, s.encode() + b"\0")


class Genl:
    def __init__(self):
        self.s = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, NETLINK_GENERIC)
        self.s.setsockopt(SOL_NETLINK, NETLINK_EXT_ACK, 1)
        self.s.setsockopt(SOL_NETLINK, NETLINK_CAP_ACK, 1)
        self.s.bind((0, 0))
        self.seq = 0
        err, _, msgs = self.req(GENL_ID_CTRL, CTRL_CMD_GETFAMILY,
                                attr(CTRL_ATTR_FAMILY_NAME, b"pymm\0"))
        if err or not msgs:
            raise SystemExit("SKIP: no pymm genl family (%s)" % err)
        self.fam = struct.unpack("=H", msgs[0][CTRL_ATTR_FAMILY_ID][:2])[0]

    def req(self, fam, cmd, payload, flags=0, version=1):
        """-> (errno, extack message, [attrs of each reply])"""
        self.seq += 1
        body = struct.pack("=BBH", cmd, version, 0) + payload
        self.s.send(struct.pack("=IHHII", 16 + len(body), fam,
                                NLM_F_REQUEST | NLM_F_ACK | flags, self.seq, 0) + body)
        msgs, err, msg = [], None, ""
        while err is None:
            data = self.s.recv(1 << 16)
            off = 0
            while off + 16 <= len(data):
                n, typ, fl = struct.unpack_from("=IHH", data, off)
                body = data[off + 16:off + n]
                if typ in (NLMSG_ERROR, NLMSG_DONE):
                    err = struct.unpack_from("=i", body)[0] if len(body) >= 4 else 0
                    # an error carries the request's header (CAP_ACK: not its
                    # payload), a dump's DONE only the errno; then the TLVs
                    rest = body[4 + 16:] if typ == NLMSG_ERROR else body[4:]
                    if fl & NLM_F_ACK_TLVS:
                        m = tlvs(rest).get(NLMSGERR_ATTR_MSG, b"")
                        msg = m.rstrip(b"\0").decode(errors="replace")
                else:
                    msgs.append(tlvs(body[4:]))
                off += (n + 3) & ~3
        return -err if err else 0, msg, msgs


def case(nl, what, want_errno, want_text, cmd, payload=b"", flags=0, version=1):
    global fails
    err, msg, _ = nl.req(nl.fam, cmd, payload, flags, version)
    ok = err == want_errno and want_text in msg
    print("%s %s: %s, \"%s\"" % ("ok:  " if ok else "FAIL:", what,
                                 errno.errorcode.get(err, err) if err else "no error", msg))
    if not ok:
        print("      want %s, \"...%s...\"" % (errno.errorcode.get(want_errno, "no error"),
                                           want_text))
        fails += 1


def as_root(nl, heap):
    nosuch = "nosuch%d" % os.getpid()
    no_heap = "pymm: no such heap (or not yours to see)"
    case(nl, "alloc stats of no such heap", errno.ENOENT, no_heap,
         CMD_ALLOC_STATS_GET, name(nosuch))
    case(nl, "gc stats of no such heap", errno.ENOENT, no_heap,
         CMD_GC_STATS_GET, name(nosuch))
    case(nl, "gc collect of no such heap", errno.ENOENT, no_heap,
         CMD_GC_COLLECT, name(nosuch))
    case(nl, "heap del of no such heap", errno.ENOENT, no_heap,
         CMD_HEAP_DEL, name(nosuch))
    case(nl, "heap get of no such heap", errno.ENOENT, no_heap,
         CMD_HEAP_GET, name(nosuch))
    case(nl, "arena dump of no such heap", errno.ENOENT, no_heap,
         CMD_ARENA_GET, name(nosuch), NLM_F_DUMP)
    case(nl, "heap new of an existing heap", errno.EEXIST,
         "pymm: a heap with this name already exists", CMD_HEAP_NEW, name(heap))
    case(nl, "alloc stats of a bad name", errno.EINVAL,
         "pymm: invalid heap name, quota or generation", CMD_ALLOC_STATS_GET,
         name("bad/name"))
    case(nl, "alloc stats of an empty name", errno.EINVAL, "pymm: empty heap name",
         CMD_ALLOC_STATS_GET, name(""))
    case(nl, "heap new with an empty name", errno.EINVAL, "pymm: empty heap name",
         CMD_HEAP_NEW, name(""))
    case(nl, "heap new without a name", errno.EINVAL,
         "pymm: missing the heap name (PYMM_A_HEAP_NAME)", CMD_HEAP_NEW)
    case(nl, "heap get without a name", errno.EINVAL,
         "pymm: missing the heap name (PYMM_A_HEAP_NAME)", CMD_HEAP_GET)
    case(nl, "op without an op code", errno.EINVAL,
         "pymm: missing the op code (PYMM_A_OP_CODE)", CMD_OP,
         attr(A_OP_DATA_CAP, struct.pack("=I", 16)))
    vers = "pymm: unsupported family version (this module speaks version 1)"
    case(nl, "gc stats, family version 2", errno.EOPNOTSUPP, vers,
         CMD_GC_STATS_GET, name(heap), version=2)
    case(nl, "heap dump, family version 2", errno.EOPNOTSUPP, vers,
         CMD_HEAP_GET, b"", NLM_F_DUMP, version=2)
    case(nl, "arena dump, family version 2", errno.EOPNOTSUPP, vers,
         CMD_ARENA_GET, name(heap), NLM_F_DUMP, version=2)
    # controls: the same commands succeed on the heap that exists
    case(nl, "gc stats of the heap (control)", 0, "", CMD_GC_STATS_GET, name(heap))
    case(nl, "arena dump of the heap (control)", 0, "", CMD_ARENA_GET, name(heap), NLM_F_DUMP)


def as_nobody(nl, heap):
    other = "pymm: permission denied: the heap belongs to another user"
    case(nl, "alloc stats of root's heap", errno.EACCES, other,
         CMD_ALLOC_STATS_GET, name(heap))
    case(nl, "gc collect of root's heap", errno.EACCES, other,
         CMD_GC_COLLECT, name(heap))
    case(nl, "heap del of root's heap", errno.EPERM, other, CMD_HEAP_DEL, name(heap))
    case(nl, "heap new above the default quota", errno.EPERM,
         "pymm: permission denied: a quota above the default needs CAP_SYS_ADMIN",
         CMD_HEAP_NEW, name("nlbig%d" % os.getpid()) +
         attr(A_HEAP_QUOTA, struct.pack("=Q", BIG_QUOTA)))
    # max_heaps_per_user (16 by default): create until refused, then clean up
    made, err, msg = [], 0, ""
    for i in range(64):
        h = "nlmax%d.%d" % (os.getpid(), i)
        err, msg, _ = nl.req(nl.fam, CMD_HEAP_NEW, name(h))
        if err:
            break
        made.append(h)
    limit = int(open("/sys/module/pymm/parameters/max_heaps_per_user").read())
    ok = (err == errno.EUSERS and len(made) <= limit and
          "pymm: too many heaps for this user (max_heaps_per_user)" in msg)
    global fails
    print("%s heap new past max_heaps_per_user=%d: %d made, then %s, \"%s\"" %
          ("ok:  " if ok else "FAIL:", limit, len(made), errno.errorcode.get(err, err), msg))
    fails += not ok
    for h in made:
        nl.req(nl.fam, CMD_HEAP_DEL, name(h))


def busy(nl, heap):
    fd = os.open("/dev/pymm", os.O_RDWR)
    data = ctypes.create_string_buffer(heap.encode() + b"\0")
    req = bytearray(struct.pack(FMT, OP_HEAP_ATTACH, 0, 0, 0, 0, 0, 0, 0,
                                ctypes.addressof(data), len(heap) + 1, 0, 0, 0))
    fcntl.ioctl(fd, IOC_OP, req)
    if struct.unpack(FMT, req)[2]:
        raise SystemExit("FAIL: attach %s: %d" % (heap, struct.unpack(FMT, req)[2]))
    case(nl, "heap del of a heap a device client is attached to", errno.EBUSY,
         "pymm: the heap has attached clients", CMD_HEAP_DEL, name(heap))
    os.close(fd)


def enomem(nl, heap):
    with open("/sys/module/pymm/parameters/fail_nth", "w") as f:
        f.write("1")
    case(nl, "heap new, its first allocation failed (fail_nth=1)", errno.ENOMEM,
         "pymm: out of memory", CMD_HEAP_NEW, name(heap))


def edquot(nl, heap):
    case(nl, "heap new past user_quota_kib", errno.EDQUOT,
         "pymm: quota exceeded: the heap's or the user's (user_quota_kib) is too small for a heap",
         CMD_HEAP_NEW, name(heap))
    case(nl, "alloc stats making the default heap past user_quota_kib", errno.EDQUOT,
         "pymm: quota exceeded (the heap's, or the user's user_quota_kib)",
         CMD_ALLOC_STATS_GET)


def enospc(nl, heap):
    global fails
    made, err, msg = [], 0, ""
    for i in range(16):
        h = "%s.%d" % (heap, i)
        err, msg, _ = nl.req(nl.fam, CMD_HEAP_NEW, name(h))
        if err:
            break
        made.append(h)
    ok = err == errno.ENOSPC and "pymm: module memory limit reached (mem_limit_mb)" in msg
    print("%s heap new past mem_limit_mb=1: %d made, then %s, \"%s\"" %
          ("ok:  " if ok else "FAIL:", len(made), errno.errorcode.get(err, err), msg))
    fails += not ok
    for h in made:
        nl.req(nl.fam, CMD_HEAP_DEL, name(h))


def main():
    mode, heap = sys.argv[1], sys.argv[2]
    nl = Genl()
    {"root": as_root, "nobody": as_nobody, "busy": busy, "enomem": enomem,
     "edquot": edquot, "enospc": enospc}[mode](nl, heap)
    sys.exit(1 if fails else 0)


main()
