import { DomainValidationError } from "../../domain/errors/domain-error";
import { InputValidationError } from "../errors/application-error";

type Parsers = Record<string, () => unknown>;
type Parsed<P extends Parsers> = { [K in keyof P]: ReturnType<P[K]> };

/**
 * Builds each field's value object and reports every broken rule at once, each under the
 * name of the field it belongs to (value objects do not know which field they fill).
 */
export function validateFields<P extends Parsers>(parsers: P): Parsed<P> {
  const values: Record<string, unknown> = {};
  const fieldErrors: Record<string, string[]> = {};
  for (const [field, parse] of Object.entries(parsers)) {
    try {
      values[field] = parse();
    } catch (error) {
      if (!(error instanceof DomainValidationError)) throw error;
      fieldErrors[field] = [error.message];
    }
  }
  if (Object.keys(fieldErrors).length > 0) throw new InputValidationError(fieldErrors);
  return values as Parsed<P>;
}
