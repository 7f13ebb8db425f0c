// How a file download is named (RFC 6266): an ASCII `filename` for old clients, and the name in the
// user's language as `filename*`, UTF-8 percent-encoded (RFC 5987). Shared by the exports and the
// survey-form template.

/** RFC 5987 `ext-value` characters: what encodeURIComponent leaves alone, less ' ( ) *. */
function encodeRfc5987(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function attachmentDisposition(file: { fileName: string; asciiFileName: string }): string {
  return `attachment; filename="${file.asciiFileName}"; filename*=UTF-8''${encodeRfc5987(file.fileName)}`;
}
