#!/usr/bin/env node
// First start on a new machine: create .env from .env.example so the service has a configuration.
import { copyFileSync, existsSync } from 'node:fs';

if (!existsSync('.env')) {
  copyFileSync('.env.example', '.env');
  console.log('Created .env from .env.example; edit it to change the configuration.');
}
