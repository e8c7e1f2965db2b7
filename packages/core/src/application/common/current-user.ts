import { mfaRequiredFor, type MfaRequirement } from "../../domain/mfa/mfa-requirement";
import type { User } from "../../domain/user/user.entity";
import { MfaEnrolmentRequiredError, NotAuthenticatedError } from "../errors/application-error";
import type { IdentityProvider } from "../ports/identity-provider.port";
import type { TotpFactorDataMapper } from "../ports/totp-factor-data-mapper.port";
import type { UserDataMapper } from "../ports/user-data-mapper.port";

/** Who must have a second factor (REQUIRE_MFA), and where to look whether they have one. */
export interface MfaEnrolmentPolicy {
  requirement: MfaRequirement;
  factors: Pick<TotpFactorDataMapper, "read">;
}

/**
 * The calling user as an entity; NOT_AUTHENTICATED when there is none or it is deactivated.
 * A caller who must have two-factor authentication and has not set it up may only manage it
 * (`getForEnrolment`): everything else that asks for the current user is refused with
 * MFA_ENROLMENT_REQUIRED, so no use case can forget the rule.
 */
export class CurrentUser {
  constructor(
    private readonly identity: IdentityProvider,
    private readonly users: UserDataMapper,
    private readonly enrolment: MfaEnrolmentPolicy = { requirement: "none", factors: { read: async () => null } },
  ) {}

  async get(): Promise<User> {
    const user = await this.getForEnrolment();
    const { requirement, factors } = this.enrolment;
    if (mfaRequiredFor(requirement, user.role) && !(await factors.read(user.id))?.isEnabled) {
      throw new MfaEnrolmentRequiredError();
    }
    return user;
  }

  /** The caller even before the enrolment REQUIRE_MFA asks of them: for managing two-factor itself. */
  async getForEnrolment(): Promise<User> {
    const user = await this.users.readById(await this.identity.currentUserId());
    if (!user || !user.isActive) throw new NotAuthenticatedError();
    return user;
  }
}
