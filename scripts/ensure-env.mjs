#!/usr/bin/env node
// First start on a new machine: create .env from .env.example, with a fresh random value for each
// secret (never the example's), so the service has a configuration that is safe to keep.
// Later starts add a secret that a newer version introduced and .env lacks. Variables set in the
// environment win over .env, so a secret given there is not written.
import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { parse } from 'dotenv';

/** Secrets generated per install: name -> a new random value. */
const generatedSecrets = {
  ADMIN_API_KEY: () => randomBytes(32).toString('base64url'),
  // Signs the links in reminder emails (email actions).
  ACTION_SECRET: () => randomBytes(32).toString('base64url'),
};

const created = !existsSync('.env');
if (created) copyFileSync('.env.example', '.env');
const example = parse(readFileSync('.env.example'));
let text = readFileSync('.env', 'utf8');
const current = parse(text);
const written = [];
for (const [name, generate] of Object.entries(generatedSecrets)) {
  if (process.env[name] !== undefined) continue;
  if (current[name] !== undefined && current[name] !== example[name]) continue;
  const line = `${name}=${generate()}`;
  const existing = new RegExp(`^${name}=.*$`, 'm');
  text = existing.test(text) ? text.replace(existing, line) : `${text.replace(/\n?$/, '\n')}${line}\n`;
  written.push(name);
}
if (written.length) writeFileSync('.env', text, { mode: 0o600 });
if (created) console.log(`Created .env from .env.example${written.length ? `, with a new random ${written.join(', ')}` : ''}; edit it to change the configuration.`);
else if (written.length) console.log(`Wrote a new random ${written.join(', ')} into .env.`);
