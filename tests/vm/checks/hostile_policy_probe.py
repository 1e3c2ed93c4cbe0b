#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""hostile_policy_probe.py - finding 8 of issue #12, run by hostile_policy.sh
as root inside the guest.  A process opens pymm's generic netlink socket (or
/dev/pymm) as root, uses it once as an admin, drops its privilege, and then
tries what only the privilege allowed.  Raw AF_NETLINK and ioctl, so the
probe depends on nothing but python3.

  hostile_policy_probe.py setuid  ROOT_HEAP OTHER_HEAP
        netlink; setresuid(65534) after the first ops: every op refused
  hostile_policy_probe.py capdrop ROOT_HEAP OTHER_HEAP
        netlink; uid 0 kept, CAP_SYS_ADMIN dropped (capset): admin ops
        refused, root's own heap still served
  hostile_policy_probe.py device  ROOT_HEAP OTHER_HEAP
        /dev/pymm; CAP_SYS_ADMIN dropped after open: admin ops refused

ROOT_HEAP is root's and binds the global "secret"; OTHER_HEAP is owned by
uid 65534.  Prints one line per step; exit 0 if every step went as it must,
1 otherwise.
"""
import ctypes
import fcntl
import os
import socket
import struct
import sys

NETLINK_GENERIC = 16
GENL_ID_CTRL, CTRL_CMD_GETFAMILY, CTRL_ATTR_FAMILY_ID, CTRL_ATTR_FAMILY_NAME = 16, 3, 1, 2
NLM_F_REQUEST, NLM_F_ACK, NLM_F_DUMP = 1, 4, 0x300
NLMSG_ERROR, NLMSG_DONE = 2, 3

# module/uapi/pymm.h (ABI: append-only)
CMD_OP, CMD_HEAP_NEW, CMD_HEAP_DEL, CMD_HEAP_GET = 1, 2, 3, 4
A_OP_CODE, A_OP_FLAGS, A_OP_ARG0, A_OP_DATA, A_OP_DATA_CAP = 2, 3, 4, 8, 9
A_OP_ERROR, A_OP_RET0 = 10, 12
A_HEAP_NAME, A_HEAP_OWNER_UID, A_HEAP_QUOTA = 2, 3, 5
OP_HEAP_CREATE, OP_HEAP_DESTROY, OP_HEAP_ATTACH, OP_HEAP_LIST = 1, 2, 3, 4
OP_NAME_LOOKUP = 41
OPF_OTHER_OWNER = 1 << 1
HEAP_INFO_SIZE = 64
CAP_SYS_ADMIN = 21
BIG_QUOTA = 1 << 40	# above heap_quota_kib: only an admin may ask for it

fails = 0


def check(ok, what):
    global fails
    print(("ok:   " if ok else "FAIL: ") + what)
    if not ok:
        fails += 1


def attr(t, data):
    n = 4 + len(data)
    return struct.pack("=HH", n, t) + data + b"\0" * ((4 - n % 4) % 4)


def parse(buf):
    out, i = {}, 0
    while i + 4 <= len(buf):
        n, t = struct.unpack_from("=HH", buf, i)
        if n < 4:
            break
        out[t & 0x3fff] = buf[i + 4:i + n]
        i += (n + 3) & ~3
    return out


class Genl:
    def __init__(self):
        self.s = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, NETLINK_GENERIC)
        self.s.bind((0, 0))
        self.seq = 0
        err, msgs = self.req(GENL_ID_CTRL, CTRL_CMD_GETFAMILY, attr(CTRL_ATTR_FAMILY_NAME, b"pymm\0"))
        if err or not msgs:
            raise SystemExit("SKIP: no pymm genl family (%s)" % err)
        self.fam = struct.unpack("=H", msgs[0][CTRL_ATTR_FAMILY_ID][:2])[0]

    def req(self, fam, cmd, payload, flags=0):
        self.seq += 1
        body = struct.pack("=BBH", cmd, 1, 0) + payload
        self.s.send(struct.pack("=IHHII", 16 + len(body), fam,
                                NLM_F_REQUEST | NLM_F_ACK | flags, self.seq, 0) + body)
        msgs, err = [], None
        while err is None:
            data = self.s.recv(1 << 16)
            off = 0
            while off + 16 <= len(data):
                n, typ = struct.unpack_from("=IH", data, off)
                body = data[off + 16:off + n]
                if typ in (NLMSG_ERROR, NLMSG_DONE):
                    err = struct.unpack_from("=i", body)[0] if len(body) >= 4 else 0
                else:
                    msgs.append(parse(body[4:]))
                off += (n + 3) & ~3
        return err, msgs

    def op(self, code, flags=0, a0=0, data=None, cap=0):
        """-> (transport errno, op errno, ret0): refused if either is set"""
        p = attr(A_OP_CODE, struct.pack("=I", code))
        if flags:
            p += attr(A_OP_FLAGS, struct.pack("=I", flags))
        if a0:
            p += attr(A_OP_ARG0, struct.pack("=Q", a0))
        if data is not None:
            p += attr(A_OP_DATA, data)
        if cap:
            p += attr(A_OP_DATA_CAP, struct.pack("=I", cap))
        err, msgs = self.req(self.fam, CMD_OP, p)
        if err or not msgs:
            return err or -1, 0, 0
        m = msgs[0]
        return 0, struct.unpack("=i", m[A_OP_ERROR])[0], struct.unpack("=Q", m[A_OP_RET0])[0]

    def heaps(self):
        """HEAP_GET dump -> (errno, [(name, owner)])"""
        err, msgs = self.req(self.fam, CMD_HEAP_GET, b"", NLM_F_DUMP)
        return err, [(m[A_HEAP_NAME].rstrip(b"\0").decode(),
                      struct.unpack("=I", m[A_HEAP_OWNER_UID])[0]) for m in msgs
                     if A_HEAP_NAME in m]


def z(name):
    return name.encode() + b"\0"


def refused(r):
    return r[0] != 0 or r[1] != 0


def drop_cap_sys_admin():
    class Hdr(ctypes.Structure):
        _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]

    class Data(ctypes.Structure):
        _fields_ = [("effective", ctypes.c_uint32), ("permitted", ctypes.c_uint32),
                    ("inheritable", ctypes.c_uint32)]

    libc = ctypes.CDLL(None, use_errno=True)
    hdr, data = Hdr(0x20080522, 0), (Data * 2)()
    if libc.capget(ctypes.byref(hdr), data):
        raise SystemExit("capget: errno %d" % ctypes.get_errno())
    bit = ~(1 << CAP_SYS_ADMIN) & 0xffffffff
    data[0].effective &= bit
    data[0].permitted &= bit
    data[0].inheritable &= bit
    if libc.capset(ctypes.byref(hdr), data):
        raise SystemExit("capset: errno %d" % ctypes.get_errno())


def netlink(mode, root_heap, other_heap):
    nl = Genl()
    # as root, with CAP_SYS_ADMIN: the session is made, and it is an admin's
    check(nl.op(OP_HEAP_ATTACH, data=z(root_heap)) == (0, 0, 0), "root attaches " + root_heap)
    check(not refused(nl.op(OP_NAME_LOOKUP, data=b"secret")), "root reads its secret")
    check(not refused(nl.op(OP_HEAP_ATTACH, OPF_OTHER_OWNER, data=z(other_heap))),
          "root (admin) attaches %s with OTHER_OWNER (control)" % other_heap)
    check(not refused(nl.op(OP_HEAP_ATTACH, data=z(root_heap))), "root back on " + root_heap)

    if mode == "setuid":
        os.setresgid(65534, 65534, 65534)
        os.setgroups([])
        os.setresuid(65534, 65534, 65534)
        print("dropped to uid %d (setresuid), same socket" % os.getuid())
        check(refused(nl.op(OP_NAME_LOOKUP, data=b"secret")),
              "uid 65534 cannot read root's secret through root's session")
        check(refused(nl.op(OP_HEAP_ATTACH, data=z(root_heap))),
              "uid 65534 cannot attach root's heap through root's session")
        check(refused(nl.op(OP_HEAP_ATTACH, OPF_OTHER_OWNER, data=z(other_heap))),
              "uid 65534 gets no admin attach through root's session")
        check(refused(nl.op(OP_HEAP_CREATE, a0=BIG_QUOTA, data=z("hp_big_" + mode))),
              "uid 65534 cannot create a heap above the default quota")
        err, _ = nl.req(nl.fam, CMD_HEAP_DEL, attr(A_HEAP_NAME, z(root_heap)))
        check(err != 0, "uid 65534 cannot destroy root's heap on root's socket (%d)" % err)
        err, heaps = nl.heaps()
        check(err != 0 or all(o == 65534 for _, o in heaps),
              "uid 65534 lists none of root's heaps on root's socket (%d, %s)" % (err, heaps))
    else:
        drop_cap_sys_admin()
        print("dropped CAP_SYS_ADMIN (capset), uid %d kept, same socket" % os.getuid())
        check(not refused(nl.op(OP_NAME_LOOKUP, data=b"secret")),
              "uid 0 still reads its own heap (control)")
        r = nl.op(OP_HEAP_ATTACH, OPF_OTHER_OWNER, data=z(other_heap))
        check(refused(r), "no admin attach to %s without the capability %s" % (other_heap, r))
        r = nl.op(OP_HEAP_CREATE, a0=BIG_QUOTA, data=z("hp_big_" + mode))
        check(refused(r), "no heap above the default quota without the capability %s" % (r,))
        r = nl.op(OP_HEAP_LIST, cap=64 * HEAP_INFO_SIZE)
        check(not refused(r) and r[2] >= 1, "heap list still works %s" % (r,))
        err, heaps = nl.heaps()
        check(err == 0 and all(o == 0 for _, o in heaps),
              "the dump shows uid 0's heaps only (%d, %s)" % (err, heaps))


IOC_OP = 0xc050b801
FMT = "=IIiI4QQII2Q"


def dev_op(fd, code, flags=0, a0=0, data=b""):
    buf = ctypes.create_string_buffer(data, len(data)) if data else None
    req = bytearray(struct.pack(FMT, code, flags, 0, 0, a0, 0, 0, 0,
                                ctypes.addressof(buf) if buf else 0, len(data), 0, 0, 0))
    fcntl.ioctl(fd, IOC_OP, req)
    return struct.unpack(FMT, req)[2]


def device(root_heap, other_heap):
    fd = os.open("/dev/pymm", os.O_RDWR)
    check(dev_op(fd, OP_HEAP_ATTACH, OPF_OTHER_OWNER, data=z(other_heap)) == 0,
          "root (admin) attaches %s with OTHER_OWNER on the device (control)" % other_heap)
    check(dev_op(fd, OP_HEAP_ATTACH, data=z(root_heap)) == 0, "root back on " + root_heap)
    drop_cap_sys_admin()
    print("dropped CAP_SYS_ADMIN (capset), same open file")
    err = dev_op(fd, OP_HEAP_ATTACH, OPF_OTHER_OWNER, data=z(other_heap))
    check(err != 0, "no admin attach to %s on the device without the capability (%d)"
          % (other_heap, err))
    err = dev_op(fd, OP_HEAP_CREATE, a0=BIG_QUOTA, data=z("hp_big_device"))
    check(err != 0, "no heap above the default quota on the device (%d)" % err)
    check(dev_op(fd, OP_HEAP_ATTACH, data=z(root_heap)) == 0,
          "the file's own uid still reaches its heap (control)")
    os.close(fd)


def main():
    if len(sys.argv) != 4 or sys.argv[1] not in ("setuid", "capdrop", "device"):
        raise SystemExit(__doc__)
    mode, root_heap, other_heap = sys.argv[1:]
    if mode == "device":
        device(root_heap, other_heap)
    else:
        netlink(mode, root_heap, other_heap)
    print("%s: %s" % (mode, "PASS" if not fails else "%d FAILED" % fails))
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
