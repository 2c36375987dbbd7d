import { RequestBatcher, type JsonAnswer } from '../../client';
import type { BatchRequest, BatchResponseItem } from '../../contract';

/** A batcher whose POST /batch is answered in memory, recording every batch it receives. */
export function stubBatcher(answer: (url: string) => JsonAnswer, options: { maxPerRequest?: number; answerAfterMs?: number } = {}) {
  const batches: BatchRequest[] = [];
  const batcher = new RequestBatcher({
    collectMs: 5,
    maxPerRequest: options.maxPerRequest,
    post: async (batch) => {
      batches.push(batch);
      if (options.answerAfterMs) await new Promise((resolve) => setTimeout(resolve, options.answerAfterMs));
      const responses: BatchResponseItem[] = batch.requests.map((r) => ({ id: r.id, ...answer(r.url) }));
      return { status: 200, body: { responses } };
    },
  });
  return { batcher, batches };
}

export const ok = (body: unknown): JsonAnswer => ({ status: 200, body });
export const apiError = (status: number, code: string, message: string): JsonAnswer => ({ status, body: { error: { code, message } } });
