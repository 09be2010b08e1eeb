// One Pitwall replica of the multi-replica wind tunnel, in its own OS process: `npm start`'s
// start-up (src/app/prepare-start.ts: settings checked, store opened on DATABASE_URL, GitHub asked
// who the app is, providers built) and then startPitwall in a Probot Server, as main.ts does.
// Two differences from main.ts, both as the in-process wind tunnel runs the app: Octokit's
// throttling and retries are off (the plugin spaces writes 1-3 s apart per process, which would
// make every figure a measure of the throttle, and a retry would hide a fault), and the worker
// polls every PITWALL_WINDTUNNEL_POLL_MS (200 ms by default, not 2 s).
import type { AddressInfo } from "node:net";
import { Probot, ProbotOctokit, Server } from "probot";
import { githubApiUrl } from "../../src/app/github-api-url.ts";
import { prepareStart } from "../../src/app/prepare-start.ts";
import { readPrivateKey } from "../../src/app/read-private-key.ts";
import { startPitwall, type PitwallRuntime } from "../../src/app/start-pitwall.ts";

/** What the replica prints once it listens; spawn-replica.ts waits for it. */
const readyLine = "windtunnel replica listening on ";

const prepared = await prepareStart(process.env);
if (!prepared.pitwall) throw new Error("a replica needs APP_ID and a private key");
const pitwall = prepared.pitwall;
const log = prepared.log;
const key = readPrivateKey(process.env, process.cwd());
if (key.kind !== "read") throw new Error("a replica needs PRIVATE_KEY");
const privateKey = key.pem;
const Octokit = ProbotOctokit.defaults((defaults: Record<string, unknown>) => ({ ...defaults, throttle: { enabled: false }, retry: { enabled: false } }));
let runtime: PitwallRuntime | undefined;
const server = new Server({
  host: "127.0.0.1",
  port: Number(process.env.PORT),
  log,
  Probot: Probot.defaults({ appId: process.env.APP_ID, privateKey, secret: pitwall.env.webhookSecret, baseUrl: githubApiUrl(process.env), Octokit, log }),
});
await server.load(async (app, { addHandler }) => {
  runtime = await startPitwall(app, { addHandler, ...pitwall, pollMs: Number(process.env.PITWALL_WINDTUNNEL_POLL_MS ?? "200") });
});
const http = await server.start();

// SIGTERM as main.ts: stop taking webhooks, let running jobs finish, close the store.
process.on("SIGTERM", () => {
  void (async () => {
    await server.stop();
    await runtime?.stop();
    await prepared.close();
    process.exit(0);
  })();
});
console.log(`${readyLine}http://127.0.0.1:${(http.address() as AddressInfo).port} pid ${process.pid}`);
