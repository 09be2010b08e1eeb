const loopbackNames = new Set(["localhost", "127.0.0.1", "[::1]"]);

/**
 * Whether a request's Host (or X-Forwarded-Host) names this machine: a loopback name, or the
 * host of PITWALL_PUBLIC_URL. A page on another site that rebinds its own name to 127.0.0.1 is
 * same-origin for the browser, so Origin alone cannot tell it apart (DNS rebinding); its Host can.
 */
export function isServedHost(host: string | undefined, publicUrl: string | undefined): boolean {
  // A name or bracketed IPv6 address and a port: nothing a URL parser could read another way.
  if (host === undefined || !/^(?:[\w.-]+|\[[\da-f:.]+\])(?::\d{1,5})?$/i.test(host)) return false;
  let name: string;
  try {
    name = new URL(`http://${host}`).hostname;
  } catch {
    return false;
  }
  if (loopbackNames.has(name)) return true;
  return publicUrl !== undefined && name === new URL(publicUrl).hostname;
}
