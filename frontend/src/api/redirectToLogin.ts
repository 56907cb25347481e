/** Send the browser to the login page, remembering where the user was. */
export function redirectToLogin(): void {
  const { pathname, search } = window.location;
  if (pathname === "/login") {
    return;
  }
  const next = encodeURIComponent(`${pathname}${search}`);
  window.location.assign(`/login?next=${next}`);
}
