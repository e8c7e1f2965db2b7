import { publicProcedure, router } from "../trpc/init";
import { changePasswordInput, credentialsInput, sessionIdInput } from "./inputs";
import { presentAccount, presentSession } from "./presenters";

export const accountRouter = router({
  signUp: publicProcedure.input(credentialsInput).mutation(({ ctx, input }) => ctx.scope.signUp.execute(input)),

  logIn: publicProcedure.input(credentialsInput).mutation(({ ctx, input }) => ctx.scope.logIn.execute(input)),

  logOut: publicProcedure.mutation(({ ctx }) => ctx.scope.logOut.execute()),

  changePassword: publicProcedure
    .input(changePasswordInput)
    .mutation(({ ctx, input }) => ctx.scope.changePassword.execute(input)),

  me: publicProcedure.query(async ({ ctx }) => presentAccount(await ctx.scope.currentAccount.execute())),

  sessions: publicProcedure.query(async ({ ctx }) => (await ctx.scope.mySessions.execute()).map(presentSession)),

  endSession: publicProcedure.input(sessionIdInput).mutation(({ ctx, input }) => ctx.scope.endMySession.execute(input)),

  endOtherSessions: publicProcedure.mutation(({ ctx }) => ctx.scope.endMyOtherSessions.execute()),
});
