import { childAnswer } from './child';
import { SERVER_CHILD } from './compile';
import type { Figure } from './figures';
import type { BenchStore } from './server';

/** bench/server.ts's reads through the server, run in the compiled child (bench/server-child.ts). */
export async function serverBench(market: string, target: BenchStore, env: NodeJS.ProcessEnv, times: number): Promise<Figure[]> {
  return (await childAnswer<Figure[]>(process.execPath, [SERVER_CHILD, JSON.stringify({ market, target, times })], { env })).answer;
}
