/** Where the API is mounted in the web app. */
export const API_ENDPOINT = "/api/trpc";
