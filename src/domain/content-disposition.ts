/** The `Content-Disposition` of a file download, written once so the server and the mocks send the same header. */

/**
 * `attachment; filename="<basename>"; filename*=UTF-8''<basename, percent-encoded>`. The quoted
 * name is an ASCII stand-in (`"`, `\`, control and non-ASCII characters become `_`) because header
 * values must be bytes; `filename*` (RFC 6266) carries the exact name.
 */
export function attachmentDisposition(path: string): string {
  const base = path.slice(path.lastIndexOf('/') + 1);
  const fallback = base.replace(/[^\x20-\x7e]|["\\]/g, '_');
  const exact = encodeURIComponent(base).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${exact}`;
}
