/*
 * Opaque cursors: base64url of a small JSON array of strings. Everything put in a cursor is
 * ASCII (usernames, ISO dates, UUIDs), which keeps the codec in plain TypeScript with no
 * runtime library.
 */
const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

function encodeAscii(text: string): string {
  let out = "";
  for (let i = 0; i < text.length; i += 3) {
    const [a, b, c] = [text.charCodeAt(i), text.charCodeAt(i + 1), text.charCodeAt(i + 2)];
    const bits = (a << 16) | ((b || 0) << 8) | (c || 0);
    out += ALPHABET[(bits >> 18) & 63]! + ALPHABET[(bits >> 12) & 63]!;
    if (i + 1 < text.length) out += ALPHABET[(bits >> 6) & 63]!;
    if (i + 2 < text.length) out += ALPHABET[bits & 63]!;
  }
  return out;
}

function decodeAscii(encoded: string): string {
  let bits = 0;
  let count = 0;
  let out = "";
  for (const char of encoded) {
    const value = ALPHABET.indexOf(char);
    // Stryker disable next-line StringLiteral: decodeCursor catches this error and never reads its message
    if (value < 0) throw new Error("not base64url");
    bits = (bits << 6) | value;
    count += 6;
    if (count >= 8) {
      count -= 8;
      out += String.fromCharCode((bits >> count) & 255);
    }
  }
  return out;
}

export function encodeCursor(parts: readonly string[]): string {
  return encodeAscii(JSON.stringify(parts));
}

/** The cursor's parts, or null when it is not one of ours with `length` parts. */
export function decodeCursor(cursor: string, length: number): string[] | null {
  let parsed: unknown;
  // Stryker disable BlockStatement: an emptied catch leaves `parsed` undefined, which the array test below refuses alike
  try {
    parsed = JSON.parse(decodeAscii(cursor));
  } catch {
    return null;
  }
  // Stryker restore BlockStatement
  if (!Array.isArray(parsed) || parsed.length !== length || !parsed.every((part) => typeof part === "string"))
    return null;
  return parsed;
}
