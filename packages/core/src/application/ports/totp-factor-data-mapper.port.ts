import type { TotpFactor } from "../../domain/mfa/totp-factor.entity";
import type { UserId } from "../../domain/user/user-id.value-object";

/**
 * Users' authenticator apps. `savePending`, `saveConfirmed` and `remove` register the change
 * with the unit of work; `acceptStep` writes at once, as one atomic statement.
 */
export interface TotpFactorDataMapper {
  read(userId: UserId): Promise<TotpFactor | null>;
  /** Registers a new pending enrolment, replacing a pending one (never an enabled factor). */
  savePending(factor: TotpFactor): void;
  /** Registers the confirmation of the pending enrolment this factor was read as. */
  saveConfirmed(factor: TotpFactor): void;
  /** Registers the removal of the user's factor, their recovery codes and their log-in challenges. */
  remove(userId: UserId): void;
  /**
   * Records `step` as the user's last accepted time step unless that step or a later one
   * already was: true when this call won. Two requests with one code cannot both win.
   */
  acceptStep(userId: UserId, step: number): Promise<boolean>;
}
