// Every procedure of the public HTTP router, read from the router itself: a procedure added
// tomorrow is fuzzed (and listed) without touching the tests.
import { appRouter } from "../../src/routers/app.router";

export type FieldKind = "string" | "number" | "boolean" | "other";

export interface ProcedureInfo {
  /** Dotted path, as in the URL: `account.logIn`. */
  path: string;
  type: "query" | "mutation";
  /** The input object's fields and the JSON type each expects ({} when it takes no input). */
  fields: Record<string, FieldKind>;
}

interface SchemaDef {
  type?: string;
  innerType?: SchemaLike;
  shape?: Record<string, SchemaLike>;
  in?: SchemaLike;
}
interface SchemaLike {
  _zod?: { def?: SchemaDef };
}

/** Unwraps optional / nullable / default / pipe layers of a zod schema. */
function core(schema: SchemaLike | undefined): SchemaDef | undefined {
  let def = schema?._zod?.def;
  for (let i = 0; i < 10 && def; i++) {
    if (def.innerType) def = def.innerType._zod?.def;
    else if (def.type === "pipe" && def.in) def = def.in._zod?.def;
    else break;
  }
  return def;
}

function kindOf(schema: SchemaLike): FieldKind {
  const type = core(schema)?.type;
  return type === "string" || type === "number" || type === "boolean" ? type : "other";
}

function fieldsOf(inputs: readonly unknown[]): Record<string, FieldKind> {
  const fields: Record<string, FieldKind> = {};
  for (const input of inputs) {
    const shape = core(input as SchemaLike)?.shape ?? {};
    for (const [name, schema] of Object.entries(shape)) fields[name] = kindOf(schema);
  }
  return fields;
}

interface ProcedureLike {
  _def: { type: string; inputs: readonly unknown[] };
}

export const PROCEDURES: readonly ProcedureInfo[] = Object.entries(
  appRouter._def.procedures as unknown as Record<string, ProcedureLike>,
).map(([path, procedure]) => {
  const { type, inputs } = procedure._def;
  if (type !== "query" && type !== "mutation")
    throw new Error(`${path}: a ${type} is not fuzzed yet; teach support/procedures.ts`);
  return { path, type, fields: fieldsOf(inputs) };
});
