import type { User } from "../../domain/user/user.entity";
import { MfaEnrolmentRequiredError, NotAuthenticatedError } from "../errors/application-error";
import { MfaEnrolment } from "../mfa/mfa-enrolment";
import type { IdentityProvider } from "../ports/identity-provider.port";
import type { UserDataMapper } from "../ports/user-data-mapper.port";

/**
 * The calling user as an entity; NOT_AUTHENTICATED when there is none or it is deactivated.
 * A caller who must have two-factor authentication and has not set it up may only manage their
 * factors (`getForEnrolment`): everything else that asks for the current user is refused with
 * MFA_ENROLMENT_REQUIRED, so no use case can forget the rule.
 */
export class CurrentUser {
  constructor(
    private readonly identity: IdentityProvider,
    private readonly users: UserDataMapper,
    private readonly enrolment: MfaEnrolment = MfaEnrolment.none(),
  ) {}

  async get(): Promise<User> {
    const user = await this.getForEnrolment();
    if (await this.enrolment.isMissing(user)) throw new MfaEnrolmentRequiredError();
    return user;
  }

  /** The caller even before the enrolment REQUIRE_MFA asks of them: for managing two-factor itself. */
  async getForEnrolment(): Promise<User> {
    const user = await this.users.readById(await this.identity.currentUserId());
    if (!user || !user.isActive) throw new NotAuthenticatedError();
    return user;
  }
}
