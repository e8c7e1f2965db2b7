import type { SecondFactorProof } from "../../domain/mfa/one-time-code.value-object";
import type { TotpFactor } from "../../domain/mfa/totp-factor.entity";
import type { Clock } from "../../domain/ports/clock.port";
import type { User } from "../../domain/user/user.entity";
import { InvalidMfaCodeError } from "../errors/application-error";
import type { AuditLog } from "../ports/audit-log.port";
import type { PasswordAttempts } from "../ports/password-attempts.port";
import type { RecoveryCodeGenerator } from "../ports/recovery-code-generator.port";
import type { RecoveryCodeStore } from "../ports/recovery-code-store.port";
import type { SecretCipher } from "../ports/secret-cipher.port";
import type { TotpFactorDataMapper } from "../ports/totp-factor-data-mapper.port";
import type { TotpVerifier } from "../ports/totp-verifier.port";

export interface SecondFactorDeps {
  factors: TotpFactorDataMapper;
  recoveryCodes: RecoveryCodeStore;
  totp: TotpVerifier;
  cipher: SecretCipher;
  codeGenerator: RecoveryCodeGenerator;
  clock: Clock;
}

/** The factor's shared secret, decrypted for a moment to check a code. */
export function totpSecretOf({ cipher }: Pick<SecondFactorDeps, "cipher">, factor: TotpFactor): string {
  return cipher.decrypt(factor.encryptedSecret, factor.userId);
}

/**
 * Checks a code against a user's enabled second factor: an app's code for a time step not
 * yet used, or an unused recovery code. Each check counts against the account's log-in
 * budget before it is made (a correct one forgives it), so codes cannot be guessed faster
 * than passwords; a wrong code is audited on its own (it survives the request's rollback).
 * A code that passes is spent at once and atomically: it cannot pass twice, even in parallel.
 */
export class SecondFactorCheck {
  constructor(private readonly deps: SecondFactorDeps & { attempts: PasswordAttempts; audit: AuditLog }) {}

  /** Throws InvalidMfaCodeError unless `proof` passes; says which kind passed. */
  async verify(user: User, factor: TotpFactor, proof: SecondFactorProof): Promise<SecondFactorProof["kind"]> {
    const { attempts, audit } = this.deps;
    await attempts.count(user.username);
    if (!(await this.spend(factor, proof))) {
      await audit.recordNow({ type: "login.mfa_failed", actorId: null, targetId: user.id });
      throw new InvalidMfaCodeError();
    }
    await attempts.forgive(user.username);
    if (proof.kind === "recovery") {
      await audit.recordNow({ type: "mfa.recovery_code_used", actorId: user.id, targetId: user.id });
    }
    return proof.kind;
  }

  private async spend(factor: TotpFactor, proof: SecondFactorProof): Promise<boolean> {
    const { factors, recoveryCodes, totp, codeGenerator, clock } = this.deps;
    if (proof.kind === "recovery") return recoveryCodes.use(factor.userId, codeGenerator.hash(proof.code));
    const step = totp.matchingStep(totpSecretOf(this.deps, factor), proof.code.value, clock.now());
    if (step === null || !factor.accepts(step)) return false;
    return factors.acceptStep(factor.userId, step);
  }
}

/** Ten new recovery codes: what the user is shown once, and the hashes that are kept. */
export function newRecoveryCodes({ codeGenerator }: Pick<SecondFactorDeps, "codeGenerator">): {
  shown: string[];
  hashes: string[];
} {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, () => codeGenerator.generate());
  return { shown: codes.map((code) => code.display), hashes: codes.map((code) => codeGenerator.hash(code)) };
}

export const RECOVERY_CODE_COUNT = 10;
