// Runs once when the server starts: building Gatehouse here validates the configuration
// and opens the database then, so a bad setting stops `pnpm start` with a clear message
// instead of failing the first request.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getGatehouse } = await import("./server/gatehouse");
  try {
    getGatehouse();
  } catch (error) {
    if ((error as Error).name !== "ConfigError") throw error;
    console.error(`Gatehouse cannot start. ${(error as Error).message}`);
    process.exit(1);
  }
}
