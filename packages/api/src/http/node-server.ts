import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { TRPC_ERROR_CODES_BY_KEY } from "@trpc/server/rpc";

export type FetchHandler = (request: Request, connection?: { remoteAddress?: string }) => Promise<Response>;

/**
 * What is still read (and dropped) of a body the handler left unread, e.g. one refused as too
 * large, so that the client sees the answer instead of a reset; past it the connection closes.
 */
const DRAIN_LIMIT_BYTES = 1_048_576;
const DRAIN_LIMIT_MS = 2_000;

/** Serves a fetch-style handler on Node's HTTP server (tests, the CLI's local server). */
export async function serveFetchHandler(
  handler: FetchHandler,
  options: { port?: number; host?: string } = {},
): Promise<{ url: string; server: Server; close(): Promise<void> }> {
  const server = createServer(async (req, res) => {
    try {
      const { request, releaseBody } = toRequest(req);
      const response = await handler(request, { remoteAddress: req.socket.remoteAddress });
      res.statusCode = response.status;
      response.headers.forEach((value, key) => {
        if (key !== "set-cookie") res.setHeader(key, value);
      });
      const cookies = response.headers.getSetCookie();
      if (cookies.length > 0) res.setHeader("set-cookie", cookies);
      const body = Buffer.from(await response.arrayBuffer());
      if (!req.complete) {
        releaseBody();
        res.on("finish", () => drainThenClose(req));
      }
      res.end(body);
    } catch {
      res.statusCode = 500;
      res.end();
    }
  });
  // Requests Node refuses before they reach the handler (headers or URL too large, malformed
  // HTTP) get an answer shaped like every other API error instead of a bare status line.
  server.on("clientError", (error: NodeJS.ErrnoException, socket: Socket) => {
    if (!socket.writable || (socket as Socket & { _httpMessage?: unknown })._httpMessage) {
      socket.destroy();
      return;
    }
    const tooLarge = error.code === "HPE_HEADER_OVERFLOW";
    const status = tooLarge ? 431 : 400;
    const body = JSON.stringify({
      error: {
        code: TRPC_ERROR_CODES_BY_KEY[tooLarge ? "PAYLOAD_TOO_LARGE" : "BAD_REQUEST"],
        message: tooLarge ? "The request's URL or headers are too large." : "The request is not valid HTTP.",
        data: {
          code: tooLarge ? "PAYLOAD_TOO_LARGE" : "BAD_REQUEST",
          httpStatus: status,
          appCode: tooLarge ? "PAYLOAD_TOO_LARGE" : "VALIDATION_FAILED",
        },
      },
    });
    socket.end(
      `HTTP/1.1 ${status} ${tooLarge ? "Request Header Fields Too Large" : "Bad Request"}\r\n` +
        `content-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
    );
  });
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    server,
    close: () => new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}

function toRequest(req: IncomingMessage): { request: Request; releaseBody(): void } {
  const url = new URL(req.url ?? "/", `http://${req.headers.host ?? "localhost"}`);
  const headers = new Headers();
  for (const [key, value] of Object.entries(req.headers)) {
    for (const item of [value].flat()) if (item !== undefined) headers.append(key, item);
  }
  const body = req.method !== "GET" && req.method !== "HEAD" ? bodyOf(req) : undefined;
  const request = new Request(url, {
    method: req.method,
    headers,
    body: body?.stream,
    // @ts-expect-error Node's fetch needs this for a streamed body; DOM typings do not know it.
    duplex: "half",
  });
  return { request, releaseBody: () => body?.detach() };
}

/**
 * The request body as a web stream, read only as fast as it is consumed. Unlike
 * `Readable.toWeb`, cancelling it (the handler stopped reading, e.g. at the body limit) only
 * stops reading: the socket must live on to carry the answer. `detach` lets go of the request.
 */
function bodyOf(req: IncomingMessage): { stream: ReadableStream<Uint8Array>; detach(): void } {
  let done = false;
  const detach = () => {
    done = true;
    req.off("data", onData).off("end", onEnd).off("error", onError);
    req.pause();
  };
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const onData = (chunk: Buffer) => {
    if (done) return;
    controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    if ((controller.desiredSize ?? 0) <= 0) req.pause();
  };
  const onEnd = () => {
    if (done) return;
    detach();
    controller.close();
  };
  const onError = (error: Error) => {
    if (done) return;
    detach();
    controller.error(error);
  };
  const stream = new ReadableStream<Uint8Array>(
    {
      start(c) {
        controller = c;
        req.pause();
        req.on("data", onData).on("end", onEnd).on("error", onError);
      },
      pull() {
        if (!done) req.resume();
      },
      cancel() {
        detach();
      },
    },
    { highWaterMark: 65_536, size: (chunk) => chunk.byteLength },
  );
  return { stream, detach };
}

/**
 * After answering a request whose body was left unread: read and drop the rest for a moment
 * (a client still sending then reads our answer rather than a reset) and keep the connection
 * if the body ends soon; otherwise close it, so an endless body cannot hold it.
 */
function drainThenClose(req: IncomingMessage): void {
  if (req.complete) return;
  let drained = 0;
  const close = () => req.socket.destroy();
  const timer = setTimeout(close, DRAIN_LIMIT_MS);
  timer.unref();
  req.on("data", (chunk: Buffer) => {
    drained += chunk.byteLength;
    if (drained > DRAIN_LIMIT_BYTES) close();
  });
  req.on("end", () => clearTimeout(timer));
  req.on("close", () => clearTimeout(timer));
  req.resume();
}
