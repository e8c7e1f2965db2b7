import { TotpFactor } from "../../domain/mfa/totp-factor.entity";
import type { CurrentUser } from "../common/current-user";
import type { PasswordConfirmation } from "../common/password-confirmation";
import { MfaAlreadyEnabledError } from "../errors/application-error";
import type { SecondFactorDeps } from "../mfa/second-factor-check";
import type { TransactionManager } from "../ports/transaction-manager.port";

export interface TotpEnrolment {
  /** The shared secret in base32, for typing into an app by hand. */
  secret: string;
  /** The `otpauth://` URI an app reads from a QR code. */
  uri: string;
}

/**
 * The caller starts setting up an authenticator app. Their password first (counted against
 * the account's budget, see PasswordConfirmation); then a new secret, kept encrypted and
 * pending until a code made from it confirms it (ConfirmTotpEnrolmentInteractor). Beginning
 * again replaces a pending secret; an enabled factor must be disabled first.
 */
export class BeginTotpEnrolmentInteractor {
  constructor(
    private readonly deps: Pick<SecondFactorDeps, "factors" | "totp" | "cipher" | "clock"> & {
      currentUser: CurrentUser;
      confirmation: PasswordConfirmation;
      transactions: TransactionManager;
    },
  ) {}

  async execute(request: { password: string }): Promise<TotpEnrolment> {
    const { currentUser, confirmation, factors, totp, cipher, clock, transactions } = this.deps;
    const user = await currentUser.getForEnrolment();
    await confirmation.confirm(user, request.password);
    if ((await factors.read(user.id))?.isEnabled) throw new MfaAlreadyEnabledError();

    const secret = totp.newSecret();
    const factor = TotpFactor.pending(user.id, cipher.encrypt(secret, user.id), clock.now());
    await transactions.run(async () => factors.savePending(factor));
    return { secret, uri: totp.keyUri(secret, user.username.value) };
  }
}
