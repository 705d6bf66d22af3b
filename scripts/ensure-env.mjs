#!/usr/bin/env node
// First start on a new machine: create .env from .env.example so the service has a configuration.
import { randomBytes } from 'node:crypto';
import { appendFileSync, copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';

if (!existsSync('.env')) {
  copyFileSync('.env.example', '.env');
  console.log('Created .env from .env.example; edit it to change the configuration.');
}

// The secret that signs email action links: generated once, kept with the rest of the configuration.
const env = readFileSync('.env', 'utf8');
const secret = randomBytes(32).toString('base64url');
if (/^ACTION_SECRET=[ \t]*$/m.test(env)) {
  writeFileSync('.env', env.replace(/^ACTION_SECRET=[ \t]*$/m, `ACTION_SECRET=${secret}`));
  console.log('Generated ACTION_SECRET in .env.');
} else if (!/^ACTION_SECRET=/m.test(env)) {
  appendFileSync('.env', `${env.endsWith('\n') || env === '' ? '' : '\n'}ACTION_SECRET=${secret}\n`);
  console.log('Generated ACTION_SECRET in .env.');
}
