/** What a connector asks the http layer for. Pure data: built by a report's `request`, never sent by it. */
export interface HttpRequest {
  method?: 'GET' | 'POST';
  url: string;
  headers?: Record<string, string>;
  /** Request body for POST (JSON or form text). */
  body?: string;
  /** Header or query-parameter names whose values are secrets: redacted in logs, errors and recordings, and never sent to another host. */
  secrets?: string[];
  /** Hosts (`name[:port]`) the request and every redirect it meets may go to; any host when absent. */
  allowedHosts?: readonly string[];
  /** Error statuses whose body is still the answer, for the parser to read (ENTSO-E writes "no data" as a 400 acknowledgement). */
  answersIn?: readonly number[];
  /** Override of the default response size cap, in bytes. */
  maxBytes?: number;
  timeoutMs?: number;
}

export interface HttpResponse {
  url: string;
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/** The one verb connectors with multi-step fetches get: it goes through retries, limits and replay. */
export type HttpGet = (request: HttpRequest) => Promise<HttpResponse>;
