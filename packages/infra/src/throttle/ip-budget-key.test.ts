import { describe, expect, it } from "vitest";
import { ipBudgetKey } from "./ip-budget-key";

describe("ipBudgetKey", () => {
  it.each([
    ["203.0.113.9", "203.0.113.9"],
    ["2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64"],
    ["2001:db8:1:2::1", "2001:db8:1:2::/64"], // same /64: same budget
    ["2001:0db8:0001:0002:0000:0000:0000:0002", "2001:db8:1:2::/64"], // written out in full
    ["2001:db8:1:3::1", "2001:db8:1:3::/64"], // the next /64: its own budget
    ["::1", "0:0:0:0::/64"],
    ["::ffff:198.51.100.7", "198.51.100.7"], // IPv4-mapped: the IPv4 address
    ["fe80::1%eth0", "fe80:0:0:0::/64"], // a zone index does not make a new budget
  ])("%s counts as %s", (ip, key) => {
    expect(ipBudgetKey(ip)).toBe(key);
  });

  it("puts clients whose address is unknown in one budget", () => {
    expect(ipBudgetKey(null)).toBe("unknown");
  });
});
