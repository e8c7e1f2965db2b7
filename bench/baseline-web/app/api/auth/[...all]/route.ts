// P2 baseline: better-auth mounted in a Next.js route handler as its docs show
// (`toNextJsHandler(auth)` under app/api/auth/[...all]). Configuration in lib/better-auth.ts.
import { toNextJsHandler } from "better-auth/next-js";
import { getAuth } from "../../../../lib/better-auth";

export const dynamic = "force-dynamic";

export const { GET, POST } = toNextJsHandler(async (request: Request) => (await getAuth()).handler(request));
