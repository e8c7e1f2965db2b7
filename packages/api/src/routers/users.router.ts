import { credentialProcedure, publicProcedure, router } from "../trpc/init";
import { createUserInput, listUsersInput, setPasswordInput, userIdInput } from "./inputs";
import { presentApiKey, presentPasskey, presentSession, presentUser } from "./presenters";

/** Administration. Who may do what is decided by the use cases (core's permissions). */
export const usersRouter = router({
  create: publicProcedure.input(createUserInput).mutation(({ ctx, input }) => ctx.scope.createUser.execute(input)),

  list: publicProcedure.input(listUsersInput).query(async ({ ctx, input }) => {
    const page = await ctx.scope.listUsers.execute(input ?? {});
    return {
      items: page.items.map(presentUser),
      nextCursor: page.nextCursor,
      ...(page.total !== undefined && { total: page.total }),
    };
  }),

  get: publicProcedure
    .input(userIdInput)
    .query(async ({ ctx, input }) => presentUser(await ctx.scope.getUser.execute(input))),

  setPassword: publicProcedure
    .input(setPasswordInput)
    .mutation(({ ctx, input }) => ctx.scope.setUserPassword.execute(input)),

  grantAdmin: publicProcedure.input(userIdInput).mutation(({ ctx, input }) => ctx.scope.grantAdmin.execute(input)),

  revokeAdmin: publicProcedure.input(userIdInput).mutation(({ ctx, input }) => ctx.scope.revokeAdmin.execute(input)),

  activate: publicProcedure.input(userIdInput).mutation(({ ctx, input }) => ctx.scope.activateUser.execute(input)),

  deactivate: publicProcedure.input(userIdInput).mutation(({ ctx, input }) => ctx.scope.deactivateUser.execute(input)),

  sessions: publicProcedure
    .input(userIdInput)
    .query(async ({ ctx, input }) => (await ctx.scope.userSessions.execute(input)).map(presentSession)),

  endSessions: publicProcedure
    .input(userIdInput)
    .mutation(({ ctx, input }) => ctx.scope.endUserSessions.execute(input)),

  resetMfa: credentialProcedure.input(userIdInput).mutation(({ ctx, input }) => ctx.scope.resetUserMfa.execute(input)),

  apiKeys: publicProcedure
    .input(userIdInput)
    .query(async ({ ctx, input }) => (await ctx.scope.userApiKeys.execute(input)).map(presentApiKey)),

  revokeApiKeys: credentialProcedure
    .input(userIdInput)
    .mutation(({ ctx, input }) => ctx.scope.revokeUserApiKeys.execute(input)),

  passkeys: publicProcedure
    .input(userIdInput)
    .query(async ({ ctx, input }) => (await ctx.scope.userPasskeys.execute(input)).map(presentPasskey)),

  removePasskeys: credentialProcedure
    .input(userIdInput)
    .mutation(({ ctx, input }) => ctx.scope.removeUserPasskeys.execute(input)),
});
