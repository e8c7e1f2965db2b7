import type { Clock } from "@gatehouse/core";

export class SystemClock implements Clock {
  now(): Date {
    return new Date();
  }
}
