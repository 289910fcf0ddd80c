#!/usr/bin/env node
/**
 * The floor: what any tool must spend to look at every record. Lists the folder, reads each YAML
 * file and parses it, nothing more, in one process. `kmsw check` is measured against this.
 *
 *   node bench/floor.mjs <folder> [js-yaml|yaml]
 *
 * - js-yaml (the default, issue 17's floor): js-yaml 4's `load`, the fastest parser at hand, no positions;
 * - yaml: `yaml`'s `parse`, the parser kmsw itself uses for positions (the floor of issue 5).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// kmsw's own devDependencies (bench/node_modules holds ajv-cli's older js-yaml 3).
const require = createRequire(path.join(path.dirname(path.dirname(fileURLToPath(import.meta.url))), 'package.json'));
const which = process.argv[3] ?? 'js-yaml';
const parse = which === 'yaml' ? require('yaml').parse : which === 'js-yaml' ? require('js-yaml').load : undefined;
if (!parse) throw new Error(`floor.mjs: the parser is js-yaml or yaml, not ${which}`);

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
