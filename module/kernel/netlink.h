/* SPDX-License-Identifier: GPL-2.0 */
/*
 * netlink.h - the generic netlink front end of pymm (family "pymm").
 *
 * main.c calls pymm_netlink_init() after the core is up and before the
 * device appears, and pymm_netlink_exit() before the core goes down: the
 * netlink sessions hold core clients, which must all be released before
 * pymm_core_exit() looks for leaks.  The core reaches netlink only through
 * pymm_plat_event() (platform.h), which is a no-op outside init..exit.
 */
#ifndef PYMM_KERNEL_NETLINK_H
#define PYMM_KERNEL_NETLINK_H

int pymm_netlink_init(void);
void pymm_netlink_exit(void);

#endif /* PYMM_KERNEL_NETLINK_H */
