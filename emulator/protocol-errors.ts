// Requests Node's HTTP parser refuses before any route sees them (headers too large, a URL too long, two
// Content-Lengths, bad chunking) or that do not arrive in time: answered in the API's error shape, with the status
// that says which (431, 414, 400, 408), where Node would answer an empty 400 or close the socket.
import type { Duplex } from "node:stream";
import { ERROR, errorBody } from "../api/contract";

/** A request line longer than this is a URL too long (414); other header overflows are 431. */
const MAX_REQUEST_LINE = 8 * 1024;

const REASONS: Record<number, string> = { 400: "Bad Request", 408: "Request Timeout", 414: "URI Too Long", 431: "Request Header Fields Too Large" };

/** What Node's `clientError` carries: the parser's code and reason, and the bytes it could not parse. */
export type ClientError = Error & { code?: string; reason?: string; rawPacket?: Buffer };

/** The status and error of a refused request. */
export function protocolError(error: ClientError, requestTimeoutMs: number): { status: number; error: { code: string; message: string } } {
  switch (error.code) {
    case "HPE_HEADER_OVERFLOW": {
      const raw = error.rawPacket ?? Buffer.alloc(0);
      const lineEnd = raw.indexOf("\r\n");
      const requestLine = lineEnd < 0 ? raw.length : lineEnd;
      return requestLine > MAX_REQUEST_LINE ? { status: 414, error: ERROR.uriTooLong } : { status: 431, error: ERROR.headersTooLarge };
    }
    case "ERR_HTTP_REQUEST_TIMEOUT":
      return { status: 408, error: { ...ERROR.requestTimeout, message: `${ERROR.requestTimeout.message} (${requestTimeoutMs} ms).` } };
    default:
      // The parser's reason ("Duplicate Content-Length", "Invalid character in chunk size") is its own text.
      return { status: 400, error: { ...ERROR.badRequest, message: `${ERROR.badRequest.message}${error.reason ? `: ${error.reason}` : ""}.` } };
  }
}

/** Answers `error` on a socket no route will answer, then closes it; a socket that is gone or already answered is
 * closed only. */
export function answerClientError(socket: Duplex & { bytesWritten?: number }, error: ClientError, requestTimeoutMs: number): void {
  if (!socket.writable || (socket.bytesWritten ?? 0) > 0 || error.code === "ECONNRESET") {
    socket.destroy();
    return;
  }
  const { status, error: body } = protocolError(error, requestTimeoutMs);
  const text = JSON.stringify(errorBody(body));
  socket.end(
    `HTTP/1.1 ${status} ${REASONS[status]}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(text)}\r\n` +
      `Connection: close\r\n\r\n${text}`,
  );
}
