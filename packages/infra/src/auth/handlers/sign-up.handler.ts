import type { SignUpInteractor, SignUpRequest, SignUpResponse } from "@gatehouse/core";
import type { AttemptThrottle } from "../../throttle/attempt-throttle";

/** Sign-up as the core defines it, throttled per client IP against mass account creation. */
export class SignUpHandler {
  constructor(
    private readonly signUp: SignUpInteractor,
    private readonly throttle: AttemptThrottle,
    private readonly clientIp: string,
  ) {}

  async execute(request: SignUpRequest): Promise<SignUpResponse> {
    await this.throttle.countSignUp(this.clientIp);
    return this.signUp.execute(request);
  }
}
