#!/usr/bin/env node
// The only place that ends the process: commands return or throw, main() maps that to an exit code.
import { main } from '../dist/cli.js';

process.exitCode = await main(process.argv.slice(2));
