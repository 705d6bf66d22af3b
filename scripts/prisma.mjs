#!/usr/bin/env node
// Runs the Prisma CLI. Prisma downloads a native schema engine on first use; where that download is
// not possible (closed networks), fall back to the WebAssembly engine shipped on npm, bridged by
// schema-engine-wasm.mjs. Users never have to know which one ran.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const enginesDir = path.join(root, 'node_modules', '@prisma', 'engines');
const hasNativeEngine = existsSync(enginesDir) && readdirSync(enginesDir).some((f) => f.startsWith('schema-engine'));

const env = { ...process.env };
if (!env.PRISMA_SCHEMA_ENGINE_BINARY && !hasNativeEngine) {
  env.PRISMA_SCHEMA_ENGINE_BINARY = path.join(root, 'scripts', 'schema-engine-wasm.mjs');
}
env.PRISMA_HIDE_UPDATE_MESSAGE = '1';

const cli = path.join(root, 'node_modules', 'prisma', 'build', 'index.js');
const result = spawnSync(process.execPath, [cli, ...process.argv.slice(2)], { stdio: 'inherit', env, cwd: root });
process.exit(result.status ?? 1);
