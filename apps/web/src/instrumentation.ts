// Runs once when the server starts (Next.js instrumentation). Node-only work lives in its
// own module so the edge build never sees it.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") await import("./instrumentation-node");
}
