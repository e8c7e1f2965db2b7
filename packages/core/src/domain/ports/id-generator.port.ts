/** New unique ids: for users, audit events and anything else that needs one. */
export interface IdGenerator {
  /** A fresh id: a lower-case UUID that sorts by creation time. */
  next(): string;
}
