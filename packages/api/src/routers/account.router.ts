import { publicProcedure, router } from "../trpc/init";
import {
  changePasswordInput,
  completeMfaInput,
  credentialsInput,
  passwordAndCodeInput,
  passwordInput,
  sessionIdInput,
  totpCodeInput,
} from "./inputs";
import { presentAccount, presentMfaStatus, presentSession, presentTotpEnrolment } from "./presenters";

/** Two-factor authentication of the caller (TOTP and recovery codes). */
const mfaRouter = router({
  status: publicProcedure.query(async ({ ctx }) => presentMfaStatus(await ctx.scope.mfaStatus.execute())),

  beginTotp: publicProcedure
    .input(passwordInput)
    .mutation(async ({ ctx, input }) => presentTotpEnrolment(await ctx.scope.beginTotp.execute(input))),

  confirmTotp: publicProcedure.input(totpCodeInput).mutation(({ ctx, input }) => ctx.scope.confirmTotp.execute(input)),

  disable: publicProcedure
    .input(passwordAndCodeInput)
    .mutation(({ ctx, input }) => ctx.scope.disableMfa.execute(input)),

  regenerateRecoveryCodes: publicProcedure
    .input(passwordAndCodeInput)
    .mutation(({ ctx, input }) => ctx.scope.regenerateRecoveryCodes.execute(input)),
});

export const accountRouter = router({
  signUp: publicProcedure.input(credentialsInput).mutation(({ ctx, input }) => ctx.scope.signUp.execute(input)),

  logIn: publicProcedure.input(credentialsInput).mutation(({ ctx, input }) => ctx.scope.logIn.execute(input)),

  completeMfa: publicProcedure
    .input(completeMfaInput)
    .mutation(({ ctx, input }) => ctx.scope.completeMfa.execute(input)),

  mfa: mfaRouter,

  logOut: publicProcedure.mutation(({ ctx }) => ctx.scope.logOut.execute()),

  changePassword: publicProcedure
    .input(changePasswordInput)
    .mutation(({ ctx, input }) => ctx.scope.changePassword.execute(input)),

  me: publicProcedure.query(async ({ ctx }) => presentAccount(await ctx.scope.currentAccount.execute())),

  sessions: publicProcedure.query(async ({ ctx }) => (await ctx.scope.mySessions.execute()).map(presentSession)),

  endSession: publicProcedure.input(sessionIdInput).mutation(({ ctx, input }) => ctx.scope.endMySession.execute(input)),

  endOtherSessions: publicProcedure.mutation(({ ctx }) => ctx.scope.endMyOtherSessions.execute()),
});
