const entities: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/**
 * Text made safe for HTML element content and for attribute values in either kind of quotes:
 * a browser decodes it back to exactly `text` (app.yml's description once cut the manifest short
 * at its apostrophe).
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => entities[character] ?? character);
}
