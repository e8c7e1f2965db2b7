import type { IncomingMessage, ServerResponse } from "node:http";
import { TRPCError } from "@trpc/server";
import { resolveResponse } from "@trpc/server/http";
import { BatchTooLargeError, InternalError, MethodNotSupportedError, PayloadTooLargeError } from "../api-errors";
import type { AppContainer } from "../composition/app-container";
import { appRouter } from "../routers/app.router";
import { createContext } from "../trpc/context";
import { API_ENDPOINT, MAX_BATCH_CALLS } from "./api-endpoint";
import { RequestCookies } from "./cookies";
import { errorEnvelope } from "./error-envelope";

/**
 * What is still read (and dropped) of a body the handler left unread, e.g. one refused as too
 * large, so that the client sees the answer instead of a reset; past it the connection closes.
 */
const DRAIN_LIMIT_BYTES = 1_048_576;
const DRAIN_LIMIT_MS = 2_000;
const METHODS = new Set(["GET", "POST", "HEAD"]);

/**
 * The API's way in: a Node request under /api/trpc, handed to tRPC's `resolveResponse` as a
 * fetch `Request`, its answer written back to the Node response. (tRPC's own Node adapter
 * does the same but pipes every answer through a web stream; measured here, it served about
 * 10 % fewer `account.me` calls.)
 *
 * Before tRPC sees a request: a batch of more than MAX_BATCH_CALLS calls is refused (400
 * BATCH_TOO_LARGE), and the body is capped at MAX_BODY_BYTES while it streams in (413
 * PAYLOAD_TOO_LARGE, see bodyOf). Cookies are read tolerantly (see cookies.ts).
 */
export function createApiHandler(container: AppContainer, securityHeaders: ReadonlyArray<readonly [string, string]>) {
  const { maxBodyBytes } = container.config;
  // Every answer's fixed headers, written with the rest in one writeHead (many setHeader
  // calls cost a twentieth of a read's CPU).
  const fixedHeaders = [...securityHeaders, ["content-type", "application/json"], ["cache-control", "no-store"]].flat();
  const refuse = (req: IncomingMessage, res: ServerResponse, { status, body }: { status: number; body: string }) => {
    if (!req.complete) res.on("finish", () => drainThenClose(req));
    res.writeHead(status, [...fixedHeaders, "content-length", String(Buffer.byteLength(body))]).end(body);
  };
  const logUnexpected = (error: unknown, requestId?: string, procedure?: string) =>
    container.logger.error({ requestId, procedure, err: error }, "unexpected error");

  return async function handleApi(req: IncomingMessage, res: ServerResponse, clientIp: string | null): Promise<void> {
    try {
      // The front door sent only URLs under API_ENDPOINT here.
      const target = req.url ?? API_ENDPOINT;
      const queryStart = target.indexOf("?");
      const path = target.slice(API_ENDPOINT.length + 1, queryStart === -1 ? undefined : queryStart);
      const query = new URLSearchParams(queryStart === -1 ? "" : target.slice(queryStart + 1));
      if (!METHODS.has(req.method ?? "")) {
        return refuse(req, res, errorEnvelope(new MethodNotSupportedError()));
      }
      if (query.get("batch") === "1" && path.split(",").length > MAX_BATCH_CALLS) {
        return refuse(req, res, errorEnvelope(new BatchTooLargeError(MAX_BATCH_CALLS)));
      }
      const cookies = new RequestCookies(req.headers.cookie);
      const body = req.method === "POST" ? bodyOf(req, maxBodyBytes) : undefined;
      const url = `http://gatehouse.internal${target}`;
      const request =
        req.method === "POST"
          ? new Request(url, {
              method: "POST",
              headers: headersOf(req),
              body: body!.stream,
              // @ts-expect-error Node's fetch needs this for a streamed body; DOM typings do not know it.
              duplex: "half",
            })
          : bodilessRequest(req.method!, url, headersOf(req));
      const response = await resolveResponse({
        router: appRouter,
        req: request,
        path,
        error: null,
        createContext: async () =>
          createContext(container, { header: (name) => headerOf(req, name), cookies, clientIp }),
        onError({ error, path: procedure, ctx }) {
          if (error.code === "INTERNAL_SERVER_ERROR") logUnexpected(error.cause ?? error, ctx?.requestId, procedure);
        },
      });
      // Every answer is JSON (tRPC's early refusals, e.g. 415, come as text/plain): its
      // content-type is in fixedHeaders, so tRPC's is dropped.
      const headers = [...fixedHeaders];
      response.headers.forEach((value, key) => key !== "content-type" && headers.push(key, value));
      for (const cookie of cookies.toSend()) headers.push("set-cookie", cookie);
      const text = await response.text();
      headers.push("content-length", String(Buffer.byteLength(text)));
      if (!req.complete) {
        body?.detach();
        res.on("finish", () => drainThenClose(req));
      }
      res.writeHead(response.status, headers).end(text);
    } catch (error) {
      logUnexpected(error);
      if (res.headersSent) res.destroy();
      else refuse(req, res, errorEnvelope(new InternalError()));
    }
  };
}

/**
 * A GET or HEAD request as `resolveResponse` reads it (its method, URL, headers and signal),
 * without building a fetch `Request`: undici's constructor (URL and header validation, an
 * AbortController) cost a twentieth of an `account.me` call's CPU. A request with a body
 * (POST) is a real `Request`. Every query goes through here, so the whole API test suite
 * checks that tRPC asks nothing more of it.
 */
function bodilessRequest(method: string, url: string, headers: Headers): Request {
  return { method, url, headers, signal: new AbortController().signal } as Partial<Request> as Request;
}

function headerOf(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(", ") : value;
}

function headersOf(req: IncomingMessage): Headers {
  const headers = new Headers();
  const raw = req.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) headers.append(raw[i]!, raw[i + 1]!);
  return headers;
}

/**
 * The request body as a web stream, read only as fast as it is consumed and capped at
 * `maxBytes` while it streams in, so that no more than the limit (plus one chunk) is held:
 * - a declared `Content-Length` over the limit fails at once, before a byte is read;
 * - a chunked body fails as soon as the count passes the limit, and reading stops there.
 * Either way reading fails with a tRPC PAYLOAD_TOO_LARGE error caused by
 * `PayloadTooLargeError` (413 `PAYLOAD_TOO_LARGE`); every procedure reads its body before
 * it runs (see trpc/init.ts), so none runs on such a request. Unlike `Readable.toWeb`,
 * cancelling the stream only stops reading: the socket must live on to carry the answer.
 * `detach` lets go of the request.
 */
function bodyOf(req: IncomingMessage, maxBytes: number): { stream: ReadableStream<Uint8Array>; detach(): void } {
  const tooLarge = () => {
    const cause = new PayloadTooLargeError(maxBytes);
    return new TRPCError({ code: "PAYLOAD_TOO_LARGE", message: cause.message, cause });
  };
  let done = false;
  let seen = 0;
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const detach = () => {
    done = true;
    req.off("data", onData).off("end", onEnd).off("error", onError);
    req.pause();
  };
  const fail = (error: unknown) => {
    if (done) return;
    detach();
    controller.error(error);
  };
  const onData = (chunk: Buffer) => {
    if (done) return;
    seen += chunk.byteLength;
    if (seen > maxBytes) return fail(tooLarge());
    controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    if ((controller.desiredSize ?? 0) <= 0) req.pause();
  };
  const onEnd = () => {
    if (done) return;
    detach();
    controller.close();
  };
  const onError = (error: Error) => fail(error);
  const stream = new ReadableStream<Uint8Array>(
    {
      start(c) {
        controller = c;
        req.pause();
        if (Number(req.headers["content-length"] ?? 0) > maxBytes) return fail(tooLarge());
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
