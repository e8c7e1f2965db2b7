/**
 * Sends the changes registered so far to the database inside the current transaction, so
 * that a rule the database enforces (a taken username) surfaces here as a domain error.
 */
export interface Flusher {
  flush(): Promise<void>;
}
