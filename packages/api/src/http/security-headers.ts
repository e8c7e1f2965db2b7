import { randomBytes } from "node:crypto";

export interface SecurityHeaderOptions {
  /** An https origin adds Strict-Transport-Security. */
  appOrigin: string;
  /** Next.js's development server needs `eval` (React's debugging) and a websocket (hot reload). */
  development: boolean;
}

/**
 * The headers every response carries, pages and API alike. The Content-Security-Policy lets
 * scripts run only from this origin and, on pages, the inline scripts Next.js writes with the
 * page's nonce (a fresh one per page response); nothing may frame the app, load plugins or
 * move the base URL.
 */
export function securityHeaders({ appOrigin, development }: SecurityHeaderOptions) {
  const common: Array<[string, string]> = [
    ["x-content-type-options", "nosniff"],
    ["referrer-policy", "same-origin"],
    ["x-frame-options", "DENY"], // for browsers older than frame-ancestors
    ["cross-origin-opener-policy", "same-origin"],
  ];
  if (appOrigin.startsWith("https:")) common.push(["strict-transport-security", "max-age=31536000; includeSubDomains"]);

  const policy = (nonce: string | null) =>
    [
      "default-src 'self'",
      `script-src 'self'${nonce ? ` 'nonce-${nonce}'` : ""}${development ? " 'unsafe-eval'" : ""}`,
      // In development Next.js's overlay sets inline styles; a nonce would void 'unsafe-inline'.
      `style-src 'self'${development ? " 'unsafe-inline'" : nonce ? ` 'nonce-${nonce}'` : ""}`,
      "img-src 'self' data:",
      "font-src 'self'",
      `connect-src 'self'${development ? " ws: wss:" : ""}`,
      "object-src 'none'",
      "base-uri 'self'",
      "form-action 'self'",
      "frame-ancestors 'none'",
    ].join("; ");
  const apiPolicy = policy(null);

  return {
    /** Headers that are the same on every response. */
    common,
    /** The policy of API answers (JSON: nothing on them runs). */
    apiPolicy,
    /** Every header of an API answer or an early refusal: `common` and `apiPolicy`. */
    apiHeaders: [...common, ["content-security-policy", apiPolicy]] as Array<[string, string]>,
    /** A page response's policy with a new nonce, which Next.js also writes on its scripts. */
    pagePolicy: () => policy(randomBytes(16).toString("base64")),
  };
}
