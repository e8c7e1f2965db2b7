import { readFileSync, readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { lowerHelperThreadPriority } from "./helper-thread-priority";

/** The nice value of each thread of this process (field 19 of /proc/<pid>/task/<tid>/stat). */
function niceValues(): Map<number, number> {
  const values = new Map<number, number>();
  for (const task of readdirSync("/proc/self/task")) {
    const stat = readFileSync(`/proc/self/task/${task}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    values.set(Number(task), Number(fields[16]));
  }
  return values;
}

describe.runIf(process.platform === "linux")("lowerHelperThreadPriority (Linux)", () => {
  it("lowers every helper thread and leaves the event loop's thread as it was", async () => {
    const before = niceValues().get(process.pid);

    const lowered = await lowerHelperThreadPriority(5);

    const after = niceValues();
    expect(lowered).toBeGreaterThan(0);
    expect(after.get(process.pid)).toBe(before);
    const helpers = [...after].filter(([thread]) => thread !== process.pid).map(([, nice]) => nice);
    expect(helpers.filter((nice) => nice >= 5).length).toBeGreaterThanOrEqual(lowered);
  });
});
