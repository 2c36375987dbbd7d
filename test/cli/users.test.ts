import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { tokenHash } from '../../backend/app/users';
import { runGridcell } from '../faults/helpers';
import { cleanEnv } from '../support/app';

const gridcell = (env: NodeJS.ProcessEnv, ...args: string[]) => runGridcell(env, args);

const TOKEN_LINE = /^gc_[A-Za-z0-9_-]{43}$/m;

describe('gridcell users: a desk server’s users, from the command line', () => {
  jest.setTimeout(60_000);
  const env = cleanEnv();
  const usersFile = join(env.GRIDCELL_HOME!, 'users.json');
  let token = '';

  test('users add prints the token once, saying it will not be shown again; the file keeps only its hash, mode 0600', async () => {
    const r = await gridcell(env, 'users', 'add', 'jane.doe');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    token = TOKEN_LINE.exec(r.stdout)![0];
    expect(r.stdout).toContain('It will not be shown again');
    const text = readFileSync(usersFile, 'utf8');
    expect(text).not.toContain(token);
    expect(text).toContain(tokenHash(token));
    expect(statSync(usersFile).mode & 0o777).toBe(0o600);
  });

  test('a name taken (in any case) is refused, saying what to do; the first token still stands', async () => {
    for (const name of ['jane.doe', 'JANE.DOE']) {
      const r = await gridcell(env, 'users', 'add', name);
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(
        /^gridcell: There is already a user named "jane\.doe": choose another name, or .*gridcell users remove jane\.doe/,
      );
    }
    expect(readFileSync(usersFile, 'utf8')).toContain(tokenHash(token));
  });

  test('a bad name is refused, saying which names are good', async () => {
    for (const name of ['jane doe', 'a'.repeat(65), '', 'ü']) {
      const r = await gridcell(env, 'users', 'add', name);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/is not a user name: use 1 to 64 letters, digits, dots, underscores or hyphens/);
    }
  });

  test('users list shows names and dates, never a hash or token', async () => {
    await gridcell(env, 'users', 'add', 'sam_2');
    const r = await gridcell(env, 'users', 'list');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^jane\.doe +added \d{4}-\d{2}-\d{2}$/m);
    expect(r.stdout).toMatch(/^sam_2 +added \d{4}-\d{2}-\d{2}$/m);
    expect(r.stdout).not.toMatch(/[0-9a-f]{64}/);
    expect(r.stdout).not.toContain(token);
  });

  test('users remove: an unknown user is named as such with where to look; a known one is gone', async () => {
    const unknown = await gridcell(env, 'users', 'remove', 'nobody');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toBe('gridcell: There is no user named "nobody"; "gridcell users list" shows the names.\n');
    const removed = await gridcell(env, 'users', 'remove', 'jane.doe');
    expect(removed.code).toBe(0);
    expect(removed.stdout).toMatch(/^Removed jane\.doe: their token no longer works/);
    expect(readFileSync(usersFile, 'utf8')).not.toContain(tokenHash(token));
    expect((await gridcell(env, 'users', 'list')).stdout).not.toContain('jane.doe');
  });

  test('a wrong use of users prints its usage; the help lists it', async () => {
    for (const args of [[], ['add'], ['rename', 'x'], ['list', 'x'], ['add', 'a', 'b']]) {
      const r = await gridcell(env, 'users', ...args);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe('gridcell: usage: gridcell users add NAME | users list | users remove NAME\n');
    }
    expect((await gridcell(env, '--help')).stdout).toContain('gridcell users add NAME | users list | users remove NAME');
  });

  test('GRIDCELL_USERS names another users file; an empty one lists no users, saying how to add one', async () => {
    const other = join(env.GRIDCELL_HOME!, 'desk', 'people.json');
    const elsewhere = { ...env, GRIDCELL_USERS: other };
    expect((await gridcell(elsewhere, 'users', 'list')).stdout).toMatch(/^No desk users yet .*gridcell users add NAME/);
    expect((await gridcell(elsewhere, 'users', 'add', 'kim')).code).toBe(0);
    expect(readFileSync(other, 'utf8')).toContain('"kim"');
    expect((await gridcell(env, 'users', 'list')).stdout).not.toContain('kim');
  });
});
