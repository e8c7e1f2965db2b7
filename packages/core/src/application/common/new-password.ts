import type { PasswordPolicy } from "../../domain/ports/password-policy.port";
import type { RawPassword } from "../../domain/user/raw-password.value-object";
import { InputValidationError } from "../errors/application-error";

/**
 * Every new password (sign-up, change, admin create and set, bootstrap) must also pass the
 * password policy: refused as an error of the input field that holds it, like its length.
 */
export async function checkNewPassword(policy: PasswordPolicy, field: string, password: RawPassword): Promise<void> {
  const refusal = await policy.refusal(password);
  if (refusal) throw new InputValidationError({ [field]: [refusal] });
}
