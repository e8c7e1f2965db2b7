#!/usr/bin/env node
// The workspace ships TypeScript; tsx compiles it on the fly so the CLI needs no build step.
import { register } from "tsx/esm/api";

register();
const { endQuietlyOnClosedPipes } = await import("../src/pipes.ts");
endQuietlyOnClosedPipes();
const { main } = await import("../src/main.ts");
process.exitCode = await main(process.argv);
