import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { writeAtomically } from '../config';

/**
 * A desk server's users: `users.json` in gridcell's home (or `$GRIDCELL_USERS`), holding each
 * user's name, the sha256 of their token and when they were added. A token is shown once, when
 * its user is added, and never stored.
 */

export const TOKEN_PREFIX = 'gc_';
const NAME = /^[A-Za-z0-9._-]{1,64}$/;
const HEX_SHA256 = /^[0-9a-f]{64}$/;

export interface DeskUser {
  name: string;
  tokenSha256: string;
  /** ISO date-time. */
  created: string;
}

export interface UsersFileContent {
  users: DeskUser[];
}

/** The users file cannot be read or changed as asked; the message says what to do, never a token. */
export class UsersFileError extends Error {}

export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function newToken(): string {
  return TOKEN_PREFIX + randomBytes(32).toString('base64url');
}

/** The users in the file; none when there is no file. */
export function readUsers(path: string): DeskUser[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new UsersFileError(`Cannot read ${path} (${(e as NodeJS.ErrnoException).code ?? 'error'}); check its permissions.`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  const users = (parsed as Partial<UsersFileContent> | undefined)?.users;
  if (!Array.isArray(users) || !users.every(isDeskUser))
    throw new UsersFileError(
      `${path} is not a gridcell users file; fix it, or move it away and add the users again with "gridcell users add NAME".`,
    );
  return users;
}

function isDeskUser(u: unknown): u is DeskUser {
  const user = u as Partial<DeskUser> | null;
  return (
    typeof user === 'object' &&
    user !== null &&
    typeof user.name === 'string' &&
    NAME.test(user.name) &&
    typeof user.tokenSha256 === 'string' &&
    HEX_SHA256.test(user.tokenSha256) &&
    typeof user.created === 'string'
  );
}

function writeUsers(path: string, users: DeskUser[]): void {
  const content: UsersFileContent = { users };
  writeAtomically(path, `${JSON.stringify(content, null, 2)}\n`);
}

function find(users: DeskUser[], name: string): DeskUser | undefined {
  return users.find((u) => u.name.toLowerCase() === name.toLowerCase());
}

/** Adds a user and answers their new token: the only time it exists outside the user's hands. */
export function addUser(path: string, name: string, now: Date = new Date()): string {
  if (!NAME.test(name))
    throw new UsersFileError(
      `${JSON.stringify(name.slice(0, 80))} is not a user name: use 1 to 64 letters, digits, dots, underscores or hyphens, e.g. jane.doe.`,
    );
  const users = readUsers(path);
  const taken = find(users, name);
  if (taken)
    throw new UsersFileError(
      `There is already a user named "${taken.name}": choose another name, or to give them a new token run "gridcell users remove ${taken.name}" and add them again.`,
    );
  const token = newToken();
  writeUsers(path, [...users, { name, tokenSha256: tokenHash(token), created: now.toISOString() }]);
  return token;
}

/** Removes a user: their token stops working (a running server sees it within a second or so). */
export function removeUser(path: string, name: string): DeskUser {
  const users = readUsers(path);
  const user = find(users, name);
  if (!user)
    throw new UsersFileError(`There is no user named ${JSON.stringify(name.slice(0, 80))}; "gridcell users list" shows the names.`);
  writeUsers(
    path,
    users.filter((u) => u !== user),
  );
  return user;
}

export interface UserTokensOptions {
  /** The file is looked at no more often than this. */
  recheckMs?: number;
  now?: () => number;
  /** Told when the file changed into something unreadable (its users' tokens stop working meanwhile). */
  warn?: (message: string) => void;
}

/**
 * The users' tokens as a running server sees them: the file is read again when it changes. Once
 * the server has seen a user it stays a desk server, so that removing the last user (or the file)
 * does not open the API to everyone.
 */
export class UserTokens {
  private byHash = new Map<string, string>();
  private stamp: string;
  private checkedAt: number;
  private desk = false;
  private readonly recheckMs: number;
  private readonly now: () => number;
  private readonly warn: (message: string) => void;

  /** Throws UsersFileError when the file is there but unreadable: a server should not start so. */
  constructor(
    readonly path: string,
    options: UserTokensOptions = {},
  ) {
    this.recheckMs = options.recheckMs ?? 1000;
    this.now = options.now ?? Date.now;
    this.warn = options.warn ?? ((message) => process.stderr.write(`gridcell: ${message}\n`));
    this.stamp = fileStamp(path);
    this.checkedAt = this.now();
    this.use(readUsers(path));
  }

  /** True when requests need a user's token: the file has (or had, since the start) a user. */
  get isDesk(): boolean {
    this.refresh();
    return this.desk;
  }

  /** The name of the user whose token this is. */
  userOf(token: string): string | undefined {
    this.refresh();
    return this.byHash.get(tokenHash(token));
  }

  private refresh(): void {
    const now = this.now();
    if (now - this.checkedAt < this.recheckMs) return;
    this.checkedAt = now;
    const stamp = fileStamp(this.path);
    if (stamp === this.stamp) return;
    this.stamp = stamp;
    try {
      this.use(readUsers(this.path));
    } catch (e) {
      this.byHash = new Map();
      this.warn(`${(e as Error).message} Until then no user's token is accepted.`);
    }
  }

  private use(users: DeskUser[]): void {
    this.byHash = new Map(users.map((u) => [u.tokenSha256, u.name]));
    if (users.length) this.desk = true;
  }
}

/** What changes when the file is replaced or written: an atomic rename gives it a new inode. */
function fileStamp(path: string): string {
  try {
    const s = statSync(path);
    return `${s.ino}:${s.mtimeMs}:${s.size}`;
  } catch (e) {
    return `none:${(e as NodeJS.ErrnoException).code ?? ''}`;
  }
}
