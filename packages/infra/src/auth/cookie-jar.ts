/**
 * The request's cookies as the API layer sees them: the incoming `Cookie` header and a
 * sink for `Set-Cookie` headers of the response. Kept abstract so infra knows no HTTP
 * framework.
 */
export interface CookieJar {
  /** The raw `Cookie` request header, or null. */
  readonly header: string | null;
  /** Adds one serialized `Set-Cookie` value to the response (a no-op where none can be sent). */
  set(serializedCookie: string): void;
}
