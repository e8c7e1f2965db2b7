import type { IncomingMessage, Server, ServerResponse } from "node:http";
import { Server as NetServer } from "node:net";

/** How a graceful stop ended. */
export interface StopReport {
  /** From the stop's start to the last connection closed (or cut). */
  elapsedMs: number;
  /** Requests still running when the grace ran out: their connections were cut. */
  cut: number;
}

export interface GracefulStop {
  /** Whether stop() has been called. */
  readonly stopping: boolean;
  /** Requests whose responses have not finished yet. */
  readonly inFlight: number;
  /**
   * Stops accepting connections at once, lets the requests in flight finish for up to
   * `graceMs`, then cuts what is left. Resolves when no connection is left. Calling it again
   * returns the same stop.
   */
  stop(graceMs: number): Promise<StopReport>;
}

/**
 * Graceful stopping for a Node HTTP server, installed when the server is made (it must see
 * every request from the first).
 *
 * The keep-alive race is what this is about. A keep-alive socket with no request in flight is
 * not necessarily idle: the client may have sent its next request already, which the server
 * has not read yet. Closing such a socket (what Node 20's `server.close()` does through
 * `closeIdleConnections()`, and what http-terminator and stoppable do at once) resets the
 * connection under that request: the client sees ECONNRESET / "socket hang up" for a POST it
 * cannot know whether to retry. So, once stopping:
 * - the listener closes at once (new connections are refused), but through net.Server's own
 *   close, which leaves the open connections alone;
 * - every response, in flight or still to come on an open connection, carries
 *   `Connection: close`, so Node closes its socket once it is sent, after a request the client
 *   had sent, never before it;
 * - sockets without a request are never closed by us: they end when the client sends its next
 *   request (answered, with `Connection: close`), when the client closes them, or at Node's
 *   keep-alive timeout (`server.keepAliveTimeout`, 5 s, announced to the client in every
 *   response as `Keep-Alive: timeout=5`, so clients stop reusing them before then);
 * - past the grace, whatever is left is cut (closeAllConnections), and counted.
 */
export function gracefulShutdown(server: Server): GracefulStop {
  const responses = new Set<ServerResponse>();
  let stopping: Promise<StopReport> | undefined;

  // First among the listeners: the flag is set before any handler writes the head.
  server.prependListener("request", (_req: IncomingMessage, res: ServerResponse) => {
    if (stopping) res.shouldKeepAlive = false;
    responses.add(res);
    res.once("close", () => responses.delete(res));
  });

  return {
    get stopping() {
      return stopping !== undefined;
    },
    get inFlight() {
      return responses.size;
    },
    stop(graceMs) {
      stopping ??= new Promise<StopReport>((resolve) => {
        const started = performance.now();
        // Responses whose head is not sent yet close their connection after them too; one whose
        // head is out (a stream) leaves an idle socket behind, which ends like the others.
        for (const res of responses) if (!res.headersSent) res.shouldKeepAlive = false;
        const ended = (cut: number) => resolve({ elapsedMs: Math.round(performance.now() - started), cut });
        // Past the grace the stop ends, also if a connection outlives the cut (an upgraded
        // socket, such as Next.js's development websocket, is not the HTTP server's to close).
        const graceTimer = setTimeout(() => {
          const cut = responses.size;
          server.closeAllConnections();
          ended(cut);
        }, graceMs);
        // net.Server's close: stop listening, and call back once every connection has ended.
        // (http.Server's own close would first close the "idle" ones: the race above.)
        NetServer.prototype.close.call(server, () => {
          clearTimeout(graceTimer);
          ended(0);
        });
      });
      return stopping;
    },
  };
}

/** How long closing the pools may take after the last connection. */
const DISPOSE_LIMIT_MS = 5_000;

export interface StopOnSignalsOptions {
  /** SHUTDOWN_GRACE_MS. */
  graceMs: number;
  /** Closes what the server used (the database pools), after the last connection. */
  dispose: () => Promise<void>;
  /** Where the two lines (stopping, stopped) go. */
  log?: (line: string) => void;
  /** Ends the process (process.exit). */
  exit?: (code: number) => void;
}

/**
 * On SIGTERM or SIGINT: stop gracefully (see gracefulShutdown), close the pools, exit 0, also
 * when requests had to be cut (the stop itself went as configured; the line says how many).
 * A second signal while stopping is ignored: a terminal's Ctrl-C and some process managers
 * signal the whole process group, so one stop can arrive twice, and the grace bounds the stop
 * anyway.
 */
export function stopOnSignals(
  stop: GracefulStop,
  { graceMs, dispose, log = console.log, exit = (code) => process.exit(code) }: StopOnSignalsOptions,
): void {
  const onSignal = (signal: NodeJS.Signals) => {
    if (stop.stopping) return;
    log(
      `Gatehouse is stopping (${signal}): no new connections; ${stop.inFlight} request(s) in flight, ` +
        `${graceMs} ms to finish.`,
    );
    void stop
      .stop(graceMs)
      .then(async ({ elapsedMs, cut }) => {
        // Bounded: pools that wait on an unreachable database must not hold the exit.
        const closed = dispose().then(
          () => null,
          (error: Error) => `could not close its database pools: ${error.message}`,
        );
        const late = new Promise<string>((resolve) =>
          setTimeout(
            resolve,
            DISPOSE_LIMIT_MS,
            `did not close its database pools within ${DISPOSE_LIMIT_MS} ms`,
          ).unref(),
        );
        const problem = await Promise.race([closed, late]);
        if (problem) log(`Gatehouse ${problem}; exiting anyway.`);
        log(
          `Gatehouse stopped after ${elapsedMs} ms: ` +
            (cut === 0 ? "every request finished." : `${cut} request(s) still running at the grace's end were cut.`),
        );
      })
      .finally(() => exit(0));
  };
  process.on("SIGTERM", onSignal);
  process.on("SIGINT", onSignal);
}
