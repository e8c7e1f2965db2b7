import { publicProcedure, router } from "../trpc/init";
import { credentialsInput } from "./inputs";

export const accountRouter = router({
  signUp: publicProcedure
    .input(credentialsInput)
    .mutation(({ ctx, input }) => ctx.scope.signUp.execute(input)),

  logIn: publicProcedure
    .input(credentialsInput)
    .mutation(({ ctx, input }) => ctx.scope.logIn.execute(input)),

  logOut: publicProcedure.mutation(({ ctx }) => ctx.scope.logOut.execute()),

  me: publicProcedure.query(async ({ ctx }) => {
    const account = await ctx.scope.currentAccount.execute();
    return { ...account, createdAt: account.createdAt.toISOString() };
  }),
});
