import { RequestBatcher, type JsonAnswer } from '../../client';
import type { BatchRequest, CompactBatchResponse } from '../../contract';

/** A batcher whose POST /batch is answered in memory in the compact form, recording every batch it receives. */
export function stubBatcher(answer: (url: string) => JsonAnswer, options: { maxPerRequest?: number; answerAfterMs?: number } = {}) {
  const batches: BatchRequest[] = [];
  const batcher = new RequestBatcher({
    collectMs: 5,
    maxPerRequest: options.maxPerRequest,
    post: async (batch) => {
      batches.push(batch);
      if (options.answerAfterMs) await new Promise((resolve) => setTimeout(resolve, options.answerAfterMs));
      const answers = batch.requests.map((r) => answer(r.url));
      const compact: CompactBatchResponse = { statuses: answers.map((a) => a.status), bodies: answers.map((a) => a.body) };
      return { status: 200, body: compact };
    },
  });
  return { batcher, batches };
}

export const ok = (body: unknown): JsonAnswer => ({ status: 200, body });
export const apiError = (status: number, code: string, message: string): JsonAnswer => ({ status, body: { error: { code, message } } });
