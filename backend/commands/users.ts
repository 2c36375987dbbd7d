import { addUser, readUsers, removeUser, UsersFileError } from '../app/users';
import { ConfigFileError, loadConfig } from '../config';

export const USERS_USAGE = 'gridcell users add NAME | users list | users remove NAME';

/**
 * `gridcell users ...`: the desk server's users. Answers the exit code; what went wrong is said
 * on `err` in the terminal's words (UsersFileError and ConfigFileError are written so).
 */
export function usersCommand(args: string[], env: NodeJS.ProcessEnv, out: (s: string) => void, err: (s: string) => void): number {
  const path = loadConfig(env).usersPath;
  const [action, name, ...extra] = args;
  const needsName = action === 'add' || action === 'remove';
  if (
    (needsName && (name === undefined || extra.length)) ||
    (action === 'list' && name !== undefined) ||
    (!needsName && action !== 'list')
  ) {
    err(`gridcell: usage: ${USERS_USAGE}`);
    return 2;
  }
  try {
    if (action === 'add') {
      const token = addUser(path, name);
      out(`Added ${name}. Their gridcell token (give it to them; they enter it under Settings > Access token in the taskpane):`);
      out(token);
      out(`It will not be shown again: only its hash is kept, in ${path}.`);
    } else if (action === 'remove') {
      const removed = removeUser(path, name);
      out(`Removed ${removed.name}: their token no longer works (a running server stops taking it within a second or so).`);
    } else {
      const users = readUsers(path);
      if (!users.length) out(`No desk users yet (${path}); add one with "gridcell users add NAME".`);
      for (const u of users) out(`${u.name.padEnd(24)} added ${u.created.slice(0, 10)}`);
    }
    return 0;
  } catch (e) {
    if (!(e instanceof UsersFileError || e instanceof ConfigFileError)) throw e;
    err(`gridcell: ${e.message}`);
    return 1;
  }
}
