import { copyFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createApp } from '../../backend/app/create-app';
import { SqliteSeriesStore } from '../../backend/store/sqlite/sqlite-store';
import { cleanEnv, seriesOf, tempDbPath } from '../support/app';

const pause = () => new Promise((r) => setTimeout(r, 30));

describe('a cache file that cannot be used says which file, what is wrong and what to do', () => {
  test('a damaged file is refused at start and left as it was', async () => {
    const path = tempDbPath();
    writeFileSync(path, Buffer.from('this is not an SQLite database, just text that someone saved here\n'.repeat(100)));
    const before = readFileSync(path);
    expect(() => createApp({ env: cleanEnv({ GRIDCELL_DB: path }) })).toThrow(
      expect.objectContaining({ code: 'CACHE_UNUSABLE', message: expect.stringContaining(`The cache file ${path} is damaged`) }),
    );
    expect(() => new SqliteSeriesStore(path)).toThrow(/Move it aside or delete it/);
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  test('a file deleted under a running app: health and queries say so instead of answering from a ghost', async () => {
    const path = tempDbPath();
    const app = createApp({ env: cleanEnv({ GRIDCELL_DB: path }), config: { offline: true } });
    try {
      expect((await app.health()).status).toBe('ok');
      rmSync(path);
      await pause();
      await expect(app.health()).rejects.toThrow(
        `The cache file ${path} was deleted while gridcell was running. Restart gridcell to open a new one.`,
      );
      await pause(); // the file is looked at once per refresh interval, not on every lookup of a batch
      await expect(seriesOf(app, { market: 'PJM', location: 'WESTERN HUB', start: '2025-07-01' })).rejects.toMatchObject({
        code: 'CACHE_UNUSABLE',
        status: 500,
      });
    } finally {
      await app.close();
    }
  });

  test('a file replaced under a running app is not written to', async () => {
    const path = tempDbPath();
    const other = tempDbPath();
    await new SqliteSeriesStore(other).close();
    const app = createApp({ env: cleanEnv({ GRIDCELL_DB: path }), config: { offline: true } });
    try {
      rmSync(path);
      copyFileSync(other, path);
      await pause();
      await expect(app.clearCache()).rejects.toThrow(/was replaced while gridcell was running. Restart gridcell to open the new file/);
    } finally {
      await app.close();
    }
  });
});
