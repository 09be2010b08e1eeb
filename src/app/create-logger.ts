import { pino, type DestinationStream, type Logger, type LoggerOptions } from "pino";
import { PinoPretty } from "pino-pretty";
import { redactLogValue } from "./redact-log-value.ts";
import { withoutBodies } from "./without-bodies.ts";

// The app's one logger, handed to Probot (and through it to every Octokit): at `debug` Probot logs
// each webhook's payload and Octokit each request's body, so people's comments and tokens would
// reach the log. Three layers: request bodies and webhook payloads are dropped whole, known places
// are censored by path whatever they hold, and every string that is logged goes through the secret
// scanner.

/** Headers that carry a credential or something made from one (a webhook's HMAC signature). */
const secretHeaders = ["authorization", "proxy-authorization", "cookie", "set-cookie", "x-hub-signature", "x-hub-signature-256", "x-api-key", "api-key", "x-github-token"];
/** Field names that hold a credential, whatever object they are in. */
const credentialKeys = ["authorization", "token", "privateKey", "private_key", "secret", "webhookSecret", "password", "apiKey", "api_key", "clientSecret", "client_secret", "pem", "dashboardToken"];

/** Where bodies, tokens and keys sit in Probot's, Octokit's and Pitwall's log objects. */
export const redactedLogPaths = [
  // Octokit request logging puts the request body's fields at the top level.
  "body",
  "title",
  "message",
  "content",
  "description",
  "commit_title",
  "output.title",
  "output.summary",
  "output.text",
  "output.annotations",
  "tree[*].content",
  // Webhook payloads (Probot's "Webhook received") and request errors.
  "event.payload.*.body",
  "event.payload.*.title",
  "payload.*.body",
  "*.request.body",
  "*.response.data",
  // Credentials wherever an object carries them: request headers (pino-http's `req`, Octokit's
  // errors' `request` and `response`) and fields named like a credential, at the top and one or
  // two levels down. The logMethod hook also censors these names at any depth in what is logged;
  // paths are what reaches child loggers' bindings (pino-http's `req`), which no hook sees.
  ...credentialKeys.flatMap((name) => [`["${name}"]`, `*["${name}"]`, `*.*["${name}"]`]),
  ...secretHeaders.flatMap((name) => [`headers["${name}"]`, `*.headers["${name}"]`, `*.*.headers["${name}"]`]),
];

export interface LoggerSettings {
  level: LoggerOptions["level"];
  /** Probot's `LOG_FORMAT`: JSON lines, or pino-pretty's lines for people (JSON by default). */
  format?: "json" | "pretty" | undefined;
  /** Probot's `LOG_MESSAGE_KEY`: the JSON key of the message (`msg` by default). */
  messageKey?: string | undefined;
}

/** A pino logger that never prints a credential or a body, to `destination` (stdout by default). */
export function createLogger(settings: LoggerSettings, destination?: DestinationStream): Logger {
  const options: LoggerOptions = {
    level: settings.level ?? "info",
    name: "probot",
    messageKey: settings.messageKey ?? "msg",
    redact: { paths: redactedLogPaths, censor: "[REDACTED]" },
    hooks: {
      // Runs before path redaction, on the message, its format arguments and merged objects alike.
      logMethod(args, method) {
        const [first, ...rest] = withoutBodies(args).map((arg) => redactLogValue(arg, censoredKeys));
        method.apply(this, [first, ...rest] as Parameters<typeof method>);
      },
    },
  };
  // Pretty lines are made from the JSON line after redaction, so both formats print the same values.
  // Synchronous, as Probot's: nothing is lost when the process exits right after a line.
  if (settings.format === "pretty") return pino(options, PinoPretty({ destination: destination ?? 1, sync: true, messageKey: options.messageKey, ignore: "pid,hostname,req,res,responseTime" }));
  return destination ? pino(options, destination) : pino(options);
}

const censoredKeys: ReadonlySet<string> = new Set([...secretHeaders, ...credentialKeys].map((name) => name.toLowerCase()));
