import { Writable } from "node:stream";

/** A log stream that keeps each JSON line the app writes in `lines`, for tests that read the log. */
export function logLinesStream(lines: string[]): Writable {
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString("utf8").split("\n").filter((line) => line !== ""));
      done();
    },
  });
}
