/** What the API tests look at in an answer: its status, its body parsed as JSON where it is JSON, its headers. */
export interface ReadResponse {
  status: number;
  body: unknown;
  headers: Headers;
}

/** Reads an answer; a body that is not JSON is kept as text, so that a failing assertion shows it. */
export async function readResponse(res: Response): Promise<ReadResponse> {
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, body, headers: res.headers };
}
