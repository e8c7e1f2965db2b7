// ua-parser-js 1.x ships no types; this declares the part session-client.ts uses.
declare module "ua-parser-js" {
  interface Named {
    name?: string;
    version?: string;
  }
  export class UAParser {
    constructor(userAgent?: string);
    getBrowser(): Named & { major?: string };
    getOS(): Named;
  }
}
