/**
 * Where the smee proxy hands deliveries: the address the server listens on (Probot's `server.host`
 * after listen, "[::1]" style for IPv6), with a wildcard address replaced by loopback on the same family.
 */
export function localWebhookTarget(host: string, port: number, webhookPath: string): string {
  const reachable = host === "0.0.0.0" || host === "" ? "127.0.0.1" : host === "[::]" || host === "::" ? "[::1]" : host.includes(":") && !host.startsWith("[") ? `[${host}]` : host;
  return `http://${reachable}:${port}${webhookPath}`;
}
