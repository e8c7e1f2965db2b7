// Safe to import in clients: what a client needs to know to call the API.

/** Where the API is mounted. */
export const API_ENDPOINT = "/api/trpc";

/**
 * The most calls one batched request may carry; a longer batch is refused (400
 * `BATCH_TOO_LARGE`). Clients batch at most this many (`httpBatchLink`'s `maxItems`).
 */
export const MAX_BATCH_CALLS = 10;
