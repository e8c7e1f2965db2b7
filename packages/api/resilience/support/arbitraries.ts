// fast-check arbitraries for hostile input. They produce JSON *text*, built by hand, so that
// keys such as `__proto__` reach the server literally (an object literal would set a
// prototype instead), duplicate keys and odd number spellings are possible, and what is sent
// is exactly what was generated.
import fc from "fast-check";
import type { FieldKind, ProcedureInfo } from "./procedures";

/** Real values (ids of existing users, their names, real cursors...) so inputs reach past validation. */
export interface Pools {
  ids: string[];
  usernames: string[];
  passwords: string[];
  /** Real cursors and session ids, and tampered copies of them. */
  tokens: string[];
}

/** Strings that have broken parsers, normalisers, databases and templates somewhere. */
export const EDGE_STRINGS = [
  "",
  " ",
  "  padded  ",
  "\u0000",
  "a\u0000b",
  "\u0001\u001f\u007f",
  "\uD800",
  "\uDFFF",
  "x\uDBFF",
  "\uDBFF\uDFFF",
  "\uFEFF",
  "\u202Eevil",
  "\u200B",
  "a\u200Db",
  "e\u0301",
  "\u0065\u0301\u0301\u0301",
  "ｆｕｌｌｗｉｄｔｈ",
  "ﬁ",
  "Å",
  "İı",
  "ß",
  "Ⅻ",
  "🧑‍💻",
  "𝕒𝕕𝕞𝕚𝕟",
  "\u00a0",
  "\r\n",
  "\t",
  "\\",
  '"',
  "'",
  "`",
  "' OR '1'='1",
  "'; DROP TABLE users; --",
  '") OR 1=1 --',
  "%",
  "_",
  "%_%",
  "\\%",
  "[a-z]",
  ".*",
  "(a+)+$",
  "../../etc/passwd",
  "..\\..\\windows",
  "${7*7}",
  "{{7*7}}",
  "#{7*7}",
  "<script>alert(1)</script>",
  "javascript:alert(1)",
  "__proto__",
  "constructor",
  "prototype",
  "toString",
  "hasOwnProperty",
  "null",
  "undefined",
  "NaN",
  "Infinity",
  "true",
  "[]",
  "{}",
  "0",
  "-1",
  "1e309",
  "0x10",
  "super_admin",
  "SUPER_ADMIN",
  "admin",
  "user",
  "Admin",
  "asc",
  "desc",
  "username",
  "createdAt",
  "user.created",
  "2024-01-01",
  "2024-02-30T25:61:61Z",
  "9999-12-31T23:59:59.999Z",
  "-000001-01-01T00:00:00Z",
  "018f3a2b-0000-7000-8000-000000000000",
  "00000000-0000-0000-0000-000000000000",
  "ZZZZZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZZZZZZZZZ",
  "eyJhIjoxfQ",
  "e30=",
  "=====",
  "%00",
  "%2e%2e%2f",
];

/** Any UTF-16 code unit, lone surrogates and control characters included. */
const anyCodeUnit = fc.integer({ min: 0, max: 0xffff }).map((unit) => String.fromCharCode(unit));

/** Very long strings: many cross MAX_BODY_BYTES once JSON-encoded, some stay below it. */
export const hugeString = fc
  .tuple(
    fc.constantFrom("a", "é", "€", "😀", "\u0000", "\uD800", '"', "\\", "<"),
    fc.integer({ min: 1_000, max: 70_000 }),
  )
  .map(([unit, count]) => unit.repeat(count));

export function stringValue(pools: Pools): fc.Arbitrary<string> {
  const known = [...pools.ids, ...pools.usernames, ...pools.passwords, ...pools.tokens];
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...EDGE_STRINGS) },
    { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
    { weight: 2, arbitrary: fc.string({ unit: anyCodeUnit, maxLength: 40 }) },
    { weight: 2, arbitrary: fc.string({ unit: "grapheme", minLength: 8, maxLength: 140 }) }, // password-like, around the 8–128 bounds
    { weight: 2, arbitrary: fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]{3,18}[A-Za-z0-9]$/) }, // username-like
    { weight: 3, arbitrary: known.length > 0 ? fc.constantFrom(...known) : fc.constant("") },
    { weight: 1, arbitrary: hugeString },
  );
}

/** Numbers as JSON text, including spellings JSON.stringify never writes. */
export const numberText: fc.Arbitrary<string> = fc.oneof(
  fc.integer().map(String),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => JSON.stringify(n)),
  fc.constantFrom(
    "0",
    "-0",
    "1",
    "20",
    "100",
    "101",
    "-1",
    "2147483648",
    "9007199254740993",
    "1e308",
    "1e999",
    "-1e999",
    "5e-324",
    "1.5",
    "0.0000001",
    "123456789012345678901234567890",
  ),
);

const keyText = fc.oneof(
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      "__proto__",
      "constructor",
      "prototype",
      "toString",
      "valueOf",
      "hasOwnProperty",
      "__defineGetter__",
      "then",
      "",
      "0",
      "length",
    ),
  },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      "username",
      "password",
      "userId",
      "role",
      "limit",
      "cursor",
      "sessionId",
      "search",
      "isActive",
      "type",
    ),
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
);

/** Any JSON value, as text: nested arrays and objects, hostile keys, odd numbers. */
export function jsonText(pools: Pools): fc.Arbitrary<string> {
  const leaf = fc.oneof(
    stringValue(pools).map((s) => JSON.stringify(s)),
    numberText,
    fc.constantFrom("true", "false", "null"),
  );
  const { value } = fc.letrec<{ value: string; array: string; object: string }>((tie) => ({
    value: fc.oneof({ depthSize: "small", withCrossShrink: true }, leaf, tie("array"), tie("object")),
    array: fc.array(tie("value"), { maxLength: 5 }).map((items) => `[${items.join(",")}]`),
    object: fc
      .array(fc.tuple(keyText, tie("value")), { maxLength: 5 })
      .map((entries) => `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${item}`).join(",")}}`),
  }));
  return value;
}

/** Thousands of levels of nesting (objects or arrays). */
export const deepText: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom("array", "object", "mixed"), fc.integer({ min: 50, max: 20_000 }))
  .map(([shape, depth]) => {
    if (shape === "array") return `${"[".repeat(depth)}${"]".repeat(depth)}`;
    if (shape === "object") return `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`;
    return `{"username":${'[{"__proto__":'.repeat(depth)}null${"}]".repeat(depth)}}`;
  });

/** Objects meant to pollute a prototype, with or without the procedure's own fields. */
export function pollutionText(fields: readonly string[]): fc.Arbitrary<string> {
  const poison = '{"polluted":"yes","isAdmin":true,"role":"super_admin"}';
  const own = fields.map((field) => `${JSON.stringify(field)}:"x"`);
  const first = fields[0] ?? "input";
  return fc.constantFrom(
    `{"__proto__":${poison}}`,
    `{"constructor":{"prototype":${poison}}}`,
    `{"prototype":${poison}}`,
    `{${[...own, `"__proto__":${poison}`].join(",")}}`,
    `{${[`"__proto__":${poison}`, ...own].join(",")}}`,
    `{${[...own, `"constructor":{"prototype":${poison}}`].join(",")}}`,
    `{${JSON.stringify(first)}:{"__proto__":${poison}}}`,
    `{${JSON.stringify(first)}:[{"__proto__":${poison}}]}`,
    `[{"__proto__":${poison}}]`,
    `{"0":{"__proto__":${poison}},"__proto__":{"0":${poison}}}`,
    `{"__proto__":{"__proto__":${poison}}}`,
    `{"__proto__":[]}`,
    `{"__proto__":null}`,
  );
}

function fieldText(kind: FieldKind, pools: Pools): fc.Arbitrary<string> {
  const right =
    kind === "string"
      ? stringValue(pools).map((s) => JSON.stringify(s))
      : kind === "number"
        ? numberText
        : kind === "boolean"
          ? fc.constantFrom("true", "false")
          : jsonText(pools);
  return fc.oneof({ weight: 4, arbitrary: right }, { weight: 1, arbitrary: jsonText(pools) });
}

/** An object with (some of) the procedure's fields, plausibly or wrongly typed, plus stray keys. */
export function shapedText(procedure: ProcedureInfo, pools: Pools): fc.Arbitrary<string> {
  const names = Object.keys(procedure.fields);
  const own = fc
    .subarray(names)
    .chain((chosen) =>
      fc.tuple(...chosen.map((name) => fieldText(procedure.fields[name]!, pools).map((text) => [name, text] as const))),
    );
  const stray = fc.array(fc.tuple(keyText, jsonText(pools)), { maxLength: 2 });
  return fc
    .tuple(own, fc.oneof({ weight: 3, arbitrary: fc.constant([]) }, { weight: 1, arbitrary: stray }))
    .chain(([mine, extra]) => fc.shuffledSubarray([...mine, ...extra], { minLength: mine.length + extra.length }))
    .map((entries) => `{${entries.map(([key, text]) => `${JSON.stringify(key)}:${text}`).join(",")}}`);
}

/** The input of one call, as JSON text (undefined: none is sent). */
export function inputText(procedure: ProcedureInfo, pools: Pools): fc.Arbitrary<string | undefined> {
  return fc.oneof(
    { weight: 8, arbitrary: shapedText(procedure, pools) },
    { weight: 2, arbitrary: jsonText(pools) },
    { weight: 1, arbitrary: pollutionText(Object.keys(procedure.fields)) },
    { weight: 1, arbitrary: deepText },
    { weight: 1, arbitrary: fc.constant(undefined) },
  );
}

/** Bodies that are not JSON at all (or not only): random bytes, truncated JSON, broken UTF-8. */
export function rawBody(pools: Pools): fc.Arbitrary<Uint8Array<ArrayBuffer>> {
  const encoder = new TextEncoder();
  const bodies: fc.Arbitrary<Uint8Array> = fc.oneof(
    fc.uint8Array({ maxLength: 300 }),
    fc.string({ unit: anyCodeUnit, maxLength: 200 }).map((s) => encoder.encode(s)),
    jsonText(pools).chain((text) => fc.nat(text.length).map((cut) => encoder.encode(text.slice(0, cut)))),
    jsonText(pools).map((text) => encoder.encode(`${text}${text}`)),
    fc
      .constantFrom(
        "",
        " ",
        "\u0000",
        "nul\u0000l",
        "undefined",
        "NaN",
        "{",
        "}",
        "[",
        '{"a":}',
        "{'a':1}",
        "{a:1}",
        "[1,]",
        '"unterminated',
        "01",
        "\uFEFF{}",
        "null",
        "true",
        '{"0":{}}',
        "username=a&password=b",
        '--boundary\r\nContent-Disposition: form-data; name="x"\r\n\r\n1\r\n--boundary--',
      )
      .map((s) => encoder.encode(s)),
    fc
      .constantFrom(
        [0xff, 0xfe],
        [0xc0, 0xaf],
        [0xed, 0xa0, 0x80],
        [0xf4, 0x90, 0x80, 0x80],
        [0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d],
      )
      .map((bytes) => Uint8Array.from(bytes)),
  );
  return bodies.map((bytes) => Uint8Array.from(bytes));
}

/** Content types a client may claim, right or wrong. */
export const contentType = fc.constantFrom(
  "application/json",
  "application/json; charset=utf-8",
  "APPLICATION/JSON",
  "application/json; charset=latin1",
  "text/plain",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=boundary",
  "multipart/form-data",
  "application/octet-stream",
  "application/xml",
  "",
  undefined,
);
