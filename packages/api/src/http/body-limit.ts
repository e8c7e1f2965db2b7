import { TRPCError } from "@trpc/server";
import { PayloadTooLargeError } from "../trpc/errors";

/**
 * The request with its body capped at `maxBytes`, counted while it streams in, so no more
 * than the limit (plus one chunk) is ever held:
 * - a declared `Content-Length` over the limit fails at once, before a byte is read;
 * - a chunked body fails as soon as the count passes the limit, and reading stops there (the
 *   source is cancelled);
 * - a declared `Content-Length` within the limit is passed through as it is.
 * Either way the body read fails with a tRPC PAYLOAD_TOO_LARGE error caused by
 * `PayloadTooLargeError`, which the error map answers with 413 `PAYLOAD_TOO_LARGE`; every
 * procedure reads its body before it runs (see trpc/init.ts), so none runs on such a request.
 */
export function limitRequestBody(request: Request, maxBytes: number): Request {
  if (!request.body) return request;
  const tooLarge = () => {
    const cause = new PayloadTooLargeError(maxBytes);
    return new TRPCError({ code: "PAYLOAD_TOO_LARGE", message: cause.message, cause });
  };
  let body: ReadableStream<Uint8Array>;
  const declared = Number(request.headers.get("content-length") ?? Number.NaN);
  // The HTTP parser delivers exactly the declared length, never more: a body declared within
  // the limit needs no counting (and no extra stream on the hot path).
  if (declared <= maxBytes) return request;
  if (declared > maxBytes) {
    request.body.cancel().catch(() => undefined);
    body = new ReadableStream({ start: (controller) => controller.error(tooLarge()) });
  } else {
    let seen = 0;
    body = request.body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          seen += chunk.byteLength;
          if (seen > maxBytes) controller.error(tooLarge());
          else controller.enqueue(chunk);
        },
      }),
    );
  }
  return new Request(request.url, {
    method: request.method,
    headers: request.headers,
    body,
    signal: request.signal,
    // @ts-expect-error Node's fetch needs this for a streamed body; DOM typings do not know it.
    duplex: "half",
  });
}
