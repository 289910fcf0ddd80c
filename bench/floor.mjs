#!/usr/bin/env node
/**
 * The floor: what any tool must spend to look at every record. Lists the folder, reads each YAML
 * file and parses it, nothing more. `kmsw check` is measured against this.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

const root = path.resolve(process.argv[2] ?? '.');
let files = 0;
const walk = (dir) => {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full);
    else if (entry.name.endsWith('.yaml') && entry.name !== 'kmsw.yaml') {
      parse(readFileSync(full, 'utf8'));
      files++;
    }
  }
};
walk(root);
process.stdout.write(`${files}\n`);
