import { isGridError } from '../../domain';

/** The source answered that it has nothing (yet) for what was asked: a 404 for a dated file, an empty answer. */
export function isNotPublished(e: unknown): boolean {
  return isGridError(e, 'NOT_PUBLISHED');
}

/** The answer, or undefined when it is not published; any other failure goes on. For "this file, else that one". */
export async function ifPublished<T>(answer: Promise<T>): Promise<T | undefined> {
  try {
    return await answer;
  } catch (e) {
    if (isNotPublished(e)) return undefined;
    throw e;
  }
}
