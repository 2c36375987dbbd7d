import { GridError } from '../../domain';
import type { HttpGet, HttpRequest } from '../../http/types';

const MAX_PAGES = 1000;

/** Gives the request for the page after `body`, or undefined on the last page. */
type NextPage = (body: Buffer, previous: HttpRequest) => HttpRequest | undefined;

/** Every page of a paged answer: the first request, then each page's next one. `what` names it in the error. */
export async function fetchPages(first: HttpRequest, next: NextPage, get: HttpGet, what: string): Promise<Buffer[]> {
  const bodies: Buffer[] = [];
  let request: HttpRequest | undefined = first;
  while (request) {
    if (bodies.length >= MAX_PAGES) throw new GridError('TOO_LARGE', `${what}: more than ${MAX_PAGES} pages; ask for a shorter period.`);
    const response = await get(request);
    bodies.push(response.body);
    request = next(response.body, request);
  }
  return bodies;
}
