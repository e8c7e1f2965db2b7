/**
 * Where someone goes whose administrator requires two-factor authentication (REQUIRE_MFA)
 * before they have set it up: the two-factor section of their account page, which then says
 * so. Until they have set it up, every other page would refuse them (MFA_ENROLMENT_REQUIRED).
 */
export const MFA_ENROLMENT_PAGE = "/account?mfa=required";
export const MFA_SECTION_ID = "two-factor";
export const MFA_ENROLMENT_PATH = `${MFA_ENROLMENT_PAGE}#${MFA_SECTION_ID}`;

/**
 * The `meta` of a mutation that takes a second factor away (turning off the app, removing a
 * passkey). Its MFA_ENROLMENT_REQUIRED means "keep a second factor" (REQUIRE_MFA and it is the
 * last one): its form says so, instead of the set-up page taking over (providers.tsx).
 */
export const KEEPS_LAST_FACTOR = { refusalShownInPlace: true } as const;
