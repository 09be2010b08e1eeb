import { createServer, type AddressInfo } from "node:net";

// Ports already handed out by this process: a probe's port is free again once the probe closes, so
// two calls in a row could name the same port (a "closed" port that the app itself then listens on).
const handedOut = new Set<number>();

/** A loopback port nobody listens on now and that this process has not handed out before, for servers (Probot's `run`) that cannot be given port 0. */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = await probePort();
    if (!handedOut.has(port)) {
      handedOut.add(port);
      return port;
    }
  }
}

function probePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}
