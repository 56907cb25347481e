/** Return `next` when it is a path inside this app, else "/": an open redirect would let a link send users elsewhere. */
export function safeNextPath(next: string | null): string {
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) {
    return "/";
  }
  if (next.startsWith("/login")) {
    return "/";
  }
  return next;
}
