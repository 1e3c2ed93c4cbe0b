# SPDX-License-Identifier: GPL-2.0
#
# packaging.mk - install, uninstall and DKMS (included by the top Makefile,
# which sets KVER, KDIR and the targets module and tool).  See docs/packaging.md.
#
#   make install          pymm.ko to $(DESTDIR)/lib/modules/$(KVER)/extra/ (the
#                         kernel's modules_install, INSTALL_MOD_DIR=extra),
#                         then depmod unless DESTDIR is set; pymmctl to
#                         $(SBINDIR), pymmctl(8) to $(MANDIR)/man8, bash
#                         completion, and the uapi header as <linux/pymm.h>
#   make uninstall        removes exactly what install put there
#   make install-dkms     the module's sources and dkms.conf to
#                         $(DESTDIR)/usr/src/pymm-$(PYMM_VERSION); without
#                         DESTDIR also `dkms add/build/install` for $(KVER)
#   make uninstall-dkms   `dkms remove pymm/$(PYMM_VERSION) --all` and the sources
#   make deb              the Debian packages pymm-dkms and pymmctl in
#                         $(BUILD)/deb (packaging/deb.sh: dpkg-buildpackage,
#                         debhelper, dh_dkms, then lintian)
#   make deb-check        build them, then install, load, drive and purge
#                         them in the VM (tests/packaging/test_deb_vm.sh)
#
# DESTDIR (staging root, default empty) and PREFIX (default /usr/local) are
# honoured as the GNU coding standards describe; SBINDIR, MANDIR,
# BASHCOMPDIR and INCLUDEDIR may be set one by one.

PREFIX		?= /usr/local
SBINDIR		?= $(PREFIX)/sbin
MANDIR		?= $(PREFIX)/share/man
BASHCOMPDIR	?= $(PREFIX)/share/bash-completion/completions
INCLUDEDIR	?= $(PREFIX)/include
INSTALL		?= install
DEPMOD		?= depmod
DKMS		?= dkms

# one version for modinfo, /proc/pymm, dkms.conf and the DKMS source tree
PYMM_VERSION	:= $(shell sed -n 's/^\#define[[:space:]]*PYMM_MODULE_VERSION[[:space:]]*"\(.*\)"/\1/p' \
			     module/kernel/pymm_kernel.h)
DKMS_SRC	= $(DESTDIR)/usr/src/pymm-$(PYMM_VERSION)
MODULE_DEST	= $(DESTDIR)/lib/modules/$(KVER)/extra/pymm.ko
# what DKMS needs to build the module: Kbuild and the module's sources
DKMS_FILES	= Kbuild dkms.conf $(sort $(wildcard module/uapi/*.h module/core/*.[ch] \
			module/core/types/*.[ch] module/kernel/*.[ch]))

.PHONY: install install-module install-tool uninstall install-dkms uninstall-dkms \
	packaging-check deb deb-check

install: install-module install-tool

# CONFIG_MODULE_SIG_ALL= : Debian's headers carry no signing key, and the
# kernel's attempt to sign an external module only prints SSL errors.
# The kernel's own depmod step is skipped (the headers have no System.map),
# so depmod runs here: on the live system only, never into a DESTDIR.
install-module: module
	$(MAKE) -C $(KDIR) M=$(CURDIR) INSTALL_MOD_PATH=$(DESTDIR) INSTALL_MOD_DIR=extra \
		CONFIG_MODULE_SIG_ALL= modules_install
	test -f $(MODULE_DEST)
	$(if $(DESTDIR),,$(DEPMOD) -a $(KVER))

install-tool: tool
	$(INSTALL) -d $(DESTDIR)$(SBINDIR) $(DESTDIR)$(MANDIR)/man8 \
		$(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(INCLUDEDIR)/linux
	$(INSTALL) -m 0755 userspace/pymmctl $(DESTDIR)$(SBINDIR)/pymmctl
	$(INSTALL) -m 0644 userspace/pymmctl.8 $(DESTDIR)$(MANDIR)/man8/pymmctl.8
	$(INSTALL) -m 0644 userspace/completion/pymmctl.bash $(DESTDIR)$(BASHCOMPDIR)/pymmctl
	$(INSTALL) -m 0644 module/uapi/pymm.h $(DESTDIR)$(INCLUDEDIR)/linux/pymm.h

uninstall:
	rm -f $(MODULE_DEST) $(DESTDIR)$(SBINDIR)/pymmctl \
		$(DESTDIR)$(MANDIR)/man8/pymmctl.8 $(DESTDIR)$(BASHCOMPDIR)/pymmctl \
		$(DESTDIR)$(INCLUDEDIR)/linux/pymm.h
	$(if $(DESTDIR),,$(DEPMOD) -a $(KVER))

install-dkms:
	@test -n "$(PYMM_VERSION)" || { echo "no PYMM_MODULE_VERSION in module/kernel/pymm_kernel.h" >&2; exit 1; }
	@for f in $(DKMS_FILES); do \
		$(INSTALL) -D -m 0644 $$f $(DKMS_SRC)/$$f || exit 1; done
	$(if $(DESTDIR),,$(DKMS) add pymm/$(PYMM_VERSION) && \
		$(DKMS) build pymm/$(PYMM_VERSION) -k $(KVER) && \
		$(DKMS) install pymm/$(PYMM_VERSION) -k $(KVER))

uninstall-dkms:
	$(if $(DESTDIR),,-$(DKMS) remove pymm/$(PYMM_VERSION) --all)
	rm -rf $(DKMS_SRC)

# host-side tests of all of the above (no root needed; nothing outside a temp
# dir and $(BUILD)/deb)
packaging-check:
	tests/packaging/test_install.sh
	tests/packaging/test_dkms.sh
	BUILD=$(BUILD) tests/packaging/test_deb.sh

deb:
	BUILD=$(BUILD) packaging/deb.sh

# the packages installed, loaded, driven and purged in the VM (one boot)
deb-check: deb
	BUILD=$(BUILD) tests/packaging/test_deb_vm.sh
