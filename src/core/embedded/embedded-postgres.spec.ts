import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { assertReachableAsPostgres } from './embedded-postgres.js';

/** The ids of the `postgres` system user, when the tests run as root and it exists (as in CI). */
function postgresUser(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  try {
    const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    return null;
  }
}

const user = postgresUser();
const asRoot = user ? describe : describe.skip;

asRoot('assertReachableAsPostgres (as root)', () => {
  let base: string;
  beforeEach(() => {
    base = mkdtempSync(path.join(os.tmpdir(), 'reach-'));
  });
  afterEach(() => rmSync(base, { recursive: true, force: true }));

  const inside = (mode: number, owner?: { uid: number; gid: number }) => {
    const dir = path.join(base, 'private');
    mkdirSync(path.join(dir, 'data'), { recursive: true });
    chmodSync(base, 0o755);
    if (owner) chownSync(dir, owner.uid, owner.gid);
    chmodSync(dir, mode);
    return path.join(dir, 'data');
  };

  it('names a directory the postgres user cannot enter', () => {
    expect(() => assertReachableAsPostgres([inside(0o700)])).toThrow(/cannot enter .*private.*chmod o\+x/);
  });

  it('lets through a directory others may enter', () => {
    expect(() => assertReachableAsPostgres([inside(0o701)])).not.toThrow();
  });

  it('lets through a private directory the postgres user owns, or reaches through its group', () => {
    expect(() => assertReachableAsPostgres([inside(0o700, user!)])).not.toThrow();
    rmSync(path.join(base, 'private'), { recursive: true });
    expect(() => assertReachableAsPostgres([inside(0o710, { uid: 0, gid: user!.gid })])).not.toThrow();
  });
});
