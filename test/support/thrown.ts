import { GridError } from '../../backend/domain';

/** What `work` threw; a test fails when it threw nothing. */
export function thrownBy<E = { code: string; message: string }>(work: () => unknown): E {
  try {
    work();
  } catch (e) {
    return e as E;
  }
  throw new Error('expected an error, and none was thrown');
}

/** What async `work` rejected with; a test fails when it settled without an error. */
export async function thrownByAsync<E = { code: string; message: string }>(work: () => Promise<unknown>): Promise<E> {
  try {
    await work();
  } catch (e) {
    return e as E;
  }
  throw new Error('expected an error, and none was thrown');
}

/** The GridError a request was refused with (anything else thrown is a failure of the test). */
export function refusal(ask: () => unknown): GridError {
  const e = thrownBy<unknown>(ask);
  if (e instanceof GridError) return e;
  throw e;
}
