import type { UserId } from "../user/user-id.value-object";

export interface TotpFactorProps {
  userId: UserId;
  /** The shared secret, encrypted (see SecretCipher): never kept or logged in the clear. */
  encryptedSecret: string;
  /** When the user proved their authenticator works; null while enrolment is pending. */
  enabledAt: Date | null;
  /** The last RFC 6238 time step a code was accepted for; null before the first. */
  lastAcceptedStep: number | null;
  createdAt: Date;
}

/**
 * A user's authenticator app (TOTP, RFC 6238). Enrolment begins pending (the secret is shown
 * once) and becomes the user's second factor when they type a code it made. A time step, once
 * accepted, is never accepted again: a code seen over a shoulder or a network cannot be replayed.
 */
export class TotpFactor {
  readonly userId: UserId;
  readonly encryptedSecret: string;
  readonly createdAt: Date;
  private _enabledAt: Date | null;
  private _lastAcceptedStep: number | null;

  constructor(props: TotpFactorProps) {
    this.userId = props.userId;
    this.encryptedSecret = props.encryptedSecret;
    this.createdAt = props.createdAt;
    this._enabledAt = props.enabledAt;
    this._lastAcceptedStep = props.lastAcceptedStep;
  }

  static pending(userId: UserId, encryptedSecret: string, now: Date): TotpFactor {
    return new TotpFactor({ userId, encryptedSecret, enabledAt: null, lastAcceptedStep: null, createdAt: now });
  }

  get enabledAt(): Date | null {
    return this._enabledAt;
  }

  get isEnabled(): boolean {
    return this._enabledAt !== null;
  }

  get lastAcceptedStep(): number | null {
    return this._lastAcceptedStep;
  }

  /** Whether a code of this time step may still be accepted (it is later than the last one). */
  accepts(step: number): boolean {
    return this._lastAcceptedStep === null || step > this._lastAcceptedStep;
  }

  /** Enrolment done: the code of `step` proved the authenticator; that step is now used. */
  confirm(step: number, now: Date): void {
    this._enabledAt = now;
    this._lastAcceptedStep = step;
  }
}
