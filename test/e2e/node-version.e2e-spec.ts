import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import semver from 'semver';

type Lock = { packages: Record<string, { version?: string; engines?: { node?: string } | string[] }> };

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { engines: { node: string } };
const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as Lock;
const nvmrc = readFileSync('.nvmrc', 'utf8').trim();
/** The oldest release of each line the project supports, e.g. 20.19.0 and 22.12.0. */
const oldestSupported = pkg.engines.node.split('||').map((range) => semver.minVersion(range.trim())!.version);

describe('Node.js version policy', () => {
  it('the version in .nvmrc and the one running the tests are within engines', () => {
    expect(semver.satisfies(semver.coerce(nvmrc)!, pkg.engines.node)).toBe(true);
    expect([process.version, semver.satisfies(process.version, pkg.engines.node)]).toEqual([process.version, true]);
  });

  it('every installed dependency accepts the oldest Node.js of each supported line, so npm ci does not warn', () => {
    const refusing = Object.entries(lock.packages).flatMap(([path, entry]) => {
      const range = entry.engines && !Array.isArray(entry.engines) ? entry.engines.node : undefined;
      if (!range) return [];
      const refused = oldestSupported.filter((version) => !semver.satisfies(version, range));
      return refused.length ? [`${path}@${entry.version} wants node ${range}, not ${refused.join(', ')}`] : [];
    });
    expect(refusing).toEqual([]);
  });

  it('the README names the same versions', () => {
    const readme = readFileSync('README.md', 'utf8');
    for (const version of oldestSupported) expect(readme).toContain(`Node.js ${semver.major(version)}.${semver.minor(version)}`);
    expect(readme).toContain(`.nvmrc\` (${nvmrc})`);
  });
});
