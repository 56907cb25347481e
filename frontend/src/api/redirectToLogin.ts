let leavingForLogin = false;

/**
 * Send the browser to the login page, remembering where the user was. `reason` selects the
 * login page which message to show, for example "session_expired".
 */
export function redirectToLogin(reason?: string): void {
  const { pathname, search } = window.location;
  if (pathname === "/login") {
    return;
  }
  const params = new URLSearchParams({ next: `${pathname}${search}` });
  if (reason) {
    params.set("reason", reason);
  }
  leavingForLogin = true;
  window.location.assign(`/login?${params.toString()}`);
}

/**
 * True once redirectToLogin() has started the page load. The unsaved-changes prompt stays
 * quiet then: the session is over, so staying could save nothing, and the forms keep
 * their input as drafts that come back after the next login.
 */
export function isLeavingForLogin(): boolean {
  return leavingForLogin;
}
