import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { HeadersTooLargeError, MalformedRequestError, NothingServedError } from "../api-errors";
import type { AppContainer } from "../composition/app-container";
import { listeningOn } from "../config";
import { API_ENDPOINT } from "./api-endpoint";
import { createApiHandler } from "./api-handler";
import { clientAddress } from "./client-address";
import { errorEnvelope } from "./error-envelope";
import { gracefulShutdown, type GracefulStop } from "./graceful-shutdown";
import { createOperationsEndpoints, isOperationsPath } from "./operations-endpoints";
import { securityHeaders } from "./security-headers";

/** What the front door serves: a running Gatehouse (see createGatehouse in server.ts). */
interface Gatehouse {
  container: AppContainer;
}

/** Serves everything that is not the API: Next.js's request handler in the web app. */
export type PageHandler = (req: IncomingMessage, res: ServerResponse) => unknown;

export interface FrontDoorOptions {
  /** Pages; without them (tests, the CLI's tests) every other path answers 404. */
  pages?: PageHandler;
  /** Next.js's development server: its scripts need a looser policy (see securityHeaders). */
  development?: boolean;
}

/**
 * Gatehouse's one way in: every request to the process passes here. It sets the security
 * headers of every response, learns the client's address from the socket (see
 * client-address.ts), sends `/api/trpc/*` straight to tRPC at Node speed, and everything else
 * to the pages (Next.js), telling Next.js the page's script nonce through the request's
 * Content-Security-Policy header, where Next.js looks for it.
 */
function frontDoor(gatehouse: Gatehouse, headers: ReturnType<typeof securityHeaders>, pages: PageHandler | undefined) {
  const { config } = gatehouse.container;
  const handleApi = createApiHandler(gatehouse.container, headers.apiHeaders);
  const handleOperations = createOperationsEndpoints(gatehouse.container, headers.apiHeaders);

  return (req: IncomingMessage, res: ServerResponse): void => {
    const url = req.url ?? "/";
    if (
      url.startsWith(API_ENDPOINT) &&
      (url.length === API_ENDPOINT.length || "/?".includes(url[API_ENDPOINT.length]!))
    ) {
      const forwardedFor = [req.headers["x-forwarded-for"] ?? []].flat().join(",");
      void handleApi(req, res, clientAddress(req.socket.remoteAddress, forwardedFor, config.trustProxy));
      return;
    }
    const path = url.split("?")[0]!;
    if (isOperationsPath(path)) {
      void handleOperations(req, res, path);
      return;
    }
    for (const [name, value] of headers.common) res.setHeader(name, value);
    if (!pages) {
      const { status, body } = errorEnvelope(new NothingServedError(path));
      res
        .writeHead(status, { "content-type": "application/json", "content-security-policy": headers.apiPolicy })
        .end(body);
      return;
    }
    const policy = headers.pagePolicy();
    res.setHeader("content-security-policy", policy);
    // Replaces whatever the client sent: Next.js takes the nonce for its scripts from here.
    req.headers["content-security-policy"] = policy;
    delete req.headers["content-security-policy-report-only"];
    void pages(req, res);
  };
}

/**
 * A Node HTTP server with the front door. Requests Node refuses before they reach it
 * (headers or URL too large, malformed HTTP) get an answer shaped like every API error
 * instead of a bare status line.
 */
export function createGatehouseServer(gatehouse: Gatehouse, options: FrontDoorOptions = {}): Server {
  const { pages, development = false } = options;
  const headers = securityHeaders({ appOrigin: gatehouse.container.config.appOrigin, development });
  const server = createServer(frontDoor(gatehouse, headers, pages));
  const headerLines = headers.apiHeaders.map(([name, value]) => `${name}: ${value}\r\n`).join("");
  server.on("clientError", (error: NodeJS.ErrnoException, socket: Socket) => {
    if (!socket.writable || (socket as Socket & { _httpMessage?: unknown })._httpMessage) {
      socket.destroy();
      return;
    }
    const [statusLine, { body }] =
      error.code === "HPE_HEADER_OVERFLOW"
        ? ["431 Request Header Fields Too Large", errorEnvelope(new HeadersTooLargeError(), { httpStatus: 431 })]
        : ["400 Bad Request", errorEnvelope(new MalformedRequestError())];
    socket.end(
      `HTTP/1.1 ${statusLine}\r\n${headerLines}content-type: application/json\r\n` +
        `content-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
    );
  });
  return server;
}

export interface RunningServer {
  /** Its base URL (`http://host:port`). */
  url: string;
  server: Server;
  /** Stops listening and waits for the connections in flight to finish. */
  close(): Promise<void>;
  /** Stops without the keep-alive race, within a grace (see gracefulShutdown): what SIGTERM does. */
  graceful: GracefulStop;
}

/**
 * Serves Gatehouse through the front door on `port` (0: a free one; the default) and `host`
 * (default: every interface). `pnpm start` serves it with the pages; tests and benchmarks
 * without them.
 */
export async function serveGatehouse(
  gatehouse: Gatehouse,
  { port = 0, host, ...frontDoor }: FrontDoorOptions & { port?: number; host?: string } = {},
): Promise<RunningServer> {
  const server = createGatehouseServer(gatehouse, frontDoor);
  const graceful = gracefulShutdown(server);
  const boundPort = await new Promise<number>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      const bound = (server.address() as AddressInfo).port;
      // Here, before any connection is read: on PORT=0 the app's own origin, which the origin
      // check admits, becomes the port the OS gave.
      gatehouse.container.config = listeningOn(gatehouse.container.config, bound);
      resolve(bound);
    });
  });
  return {
    url: `http://${host ?? "localhost"}:${boundPort}`,
    server,
    graceful,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
