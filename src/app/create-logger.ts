import { pino, type DestinationStream, type Logger, type LoggerOptions } from "pino";
import { redactLogValue } from "./redact-log-value.ts";
import { withoutBodies } from "./without-bodies.ts";

// The app's one logger, handed to Probot (and through it to every Octokit): at `debug` Probot logs
// each webhook's payload and Octokit each request's body, so people's comments and tokens would
// reach the log. Three layers: request bodies and webhook payloads are dropped whole, known places
// are censored by path whatever they hold, and every string that is logged goes through the secret
// scanner.

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
  // Credentials wherever an object carries them.
  "authorization",
  "headers.authorization",
  "*.headers.authorization",
  "*.request.headers.authorization",
  "token",
  "*.token",
  "privateKey",
  "*.privateKey",
  "private_key",
  "secret",
  "*.secret",
  "password",
  "*.password",
];

export interface LoggerSettings {
  level: LoggerOptions["level"];
  /** Probot's `LOG_MESSAGE_KEY`: the JSON key of the message (`msg` by default). */
  messageKey?: string | undefined;
}

/** A pino logger that never prints a credential or a body; JSON lines to `destination` (stdout by default). */
export function createLogger(settings: LoggerSettings, destination?: DestinationStream): Logger {
  const options: LoggerOptions = {
    level: settings.level ?? "info",
    name: "probot",
    messageKey: settings.messageKey ?? "msg",
    redact: { paths: redactedLogPaths, censor: "[REDACTED]" },
    hooks: {
      // Runs before path redaction, on the message, its format arguments and merged objects alike.
      logMethod(args, method) {
        const [first, ...rest] = withoutBodies(args).map((arg) => redactLogValue(arg));
        method.apply(this, [first, ...rest] as Parameters<typeof method>);
      },
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
