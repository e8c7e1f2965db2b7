import { credentialProcedure, publicProcedure, router } from "../trpc/init";
import {
  changePasswordInput,
  completeMfaInput,
  createApiKeyInput,
  finishPasskeyLogInInput,
  finishPasskeyRegistrationInput,
  removePasskeyInput,
  renamePasskeyInput,
  keyIdInput,
  credentialsInput,
  passwordAndCodeInput,
  passwordInput,
  sessionIdInput,
  totpCodeInput,
} from "./inputs";
import {
  presentAccount,
  presentApiKey,
  presentMfaStatus,
  presentPasskey,
  presentSession,
  presentTotpEnrolment,
} from "./presenters";

/** The caller's API keys, managed with a session only (never with a key). */
const apiKeysRouter = router({
  list: credentialProcedure.query(async ({ ctx }) => (await ctx.scope.myApiKeys.execute()).map(presentApiKey)),

  create: credentialProcedure
    .input(createApiKeyInput)
    .mutation(({ ctx, input }) => ctx.scope.createApiKey.execute(input)),

  revoke: credentialProcedure.input(keyIdInput).mutation(({ ctx, input }) => ctx.scope.revokeMyApiKey.execute(input)),
});

/** Two-factor authentication of the caller (TOTP and recovery codes), managed with a session only. */
const mfaRouter = router({
  status: credentialProcedure.query(async ({ ctx }) => presentMfaStatus(await ctx.scope.mfaStatus.execute())),

  beginTotp: credentialProcedure
    .input(passwordInput)
    .mutation(async ({ ctx, input }) => presentTotpEnrolment(await ctx.scope.beginTotp.execute(input))),

  confirmTotp: credentialProcedure
    .input(totpCodeInput)
    .mutation(({ ctx, input }) => ctx.scope.confirmTotp.execute(input)),

  disable: publicProcedure
    .input(passwordAndCodeInput)
    .mutation(({ ctx, input }) => ctx.scope.disableMfa.execute(input)),

  regenerateRecoveryCodes: credentialProcedure
    .input(passwordAndCodeInput)
    .mutation(({ ctx, input }) => ctx.scope.regenerateRecoveryCodes.execute(input)),
});

/**
 * Passkeys (WebAuthn): the caller's, managed with a session only; and the log-in with one,
 * for anyone. Options and responses are the WebAuthn JSON forms, passed through unchanged.
 */
const passkeysRouter = router({
  list: credentialProcedure.query(async ({ ctx }) => (await ctx.scope.myPasskeys.execute()).map(presentPasskey)),

  beginRegistration: credentialProcedure
    .input(passwordInput)
    .mutation(({ ctx, input }) => ctx.scope.beginPasskeyRegistration.execute(input)),

  finishRegistration: credentialProcedure
    .input(finishPasskeyRegistrationInput)
    .mutation(({ ctx, input }) => ctx.scope.finishPasskeyRegistration.execute(input)),

  rename: credentialProcedure
    .input(renamePasskeyInput)
    .mutation(({ ctx, input }) => ctx.scope.renamePasskey.execute(input)),

  remove: credentialProcedure
    .input(removePasskeyInput)
    .mutation(({ ctx, input }) => ctx.scope.removePasskey.execute(input)),

  beginLogIn: publicProcedure.mutation(({ ctx }) => ctx.scope.beginPasskeyLogIn.execute()),

  finishLogIn: publicProcedure
    .input(finishPasskeyLogInInput)
    .mutation(({ ctx, input }) => ctx.scope.finishPasskeyLogIn.execute(input)),
});

export const accountRouter = router({
  signUp: publicProcedure.input(credentialsInput).mutation(({ ctx, input }) => ctx.scope.signUp.execute(input)),

  logIn: publicProcedure.input(credentialsInput).mutation(({ ctx, input }) => ctx.scope.logIn.execute(input)),

  completeMfa: publicProcedure
    .input(completeMfaInput)
    .mutation(({ ctx, input }) => ctx.scope.completeMfa.execute(input)),

  mfa: mfaRouter,

  apiKeys: apiKeysRouter,

  passkeys: passkeysRouter,

  logOut: publicProcedure.mutation(({ ctx }) => ctx.scope.logOut.execute()),

  changePassword: publicProcedure
    .input(changePasswordInput)
    .mutation(({ ctx, input }) => ctx.scope.changePassword.execute(input)),

  me: publicProcedure.query(async ({ ctx }) => presentAccount(await ctx.scope.currentAccount.execute())),

  sessions: publicProcedure.query(async ({ ctx }) => (await ctx.scope.mySessions.execute()).map(presentSession)),

  endSession: publicProcedure.input(sessionIdInput).mutation(({ ctx, input }) => ctx.scope.endMySession.execute(input)),

  endOtherSessions: publicProcedure.mutation(({ ctx }) => ctx.scope.endMyOtherSessions.execute()),
});
