package dev.understudy.plugins.office.x11;

/**
 * A top-level window as the X server describes it.
 *
 * @param id the X window id
 * @param appId the WM_CLASS class ("Xmessage"), what the policy's app lists match; empty when unset
 * @param instance the WM_CLASS instance name ("xmessage"); empty when unset
 * @param title _NET_WM_NAME, else WM_NAME; empty when unset
 */
record WindowInfo(long id, String appId, String instance, String title) {}
