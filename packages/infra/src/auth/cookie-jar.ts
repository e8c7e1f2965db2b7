/**
 * The request's cookies as the API layer sees them: the incoming cookies by name and a sink
 * for `Set-Cookie` headers of the response. Kept abstract so infra knows no HTTP framework;
 * parsing the `Cookie` header (tolerantly) is the HTTP layer's job.
 */
export interface CookieJar {
  /** The value of the cookie `name`, or null when absent or not usable (e.g. sent twice). */
  get(name: string): string | null;
  /** Adds one serialized `Set-Cookie` value to the response (a no-op where none can be sent). */
  set(serializedCookie: string): void;
}
