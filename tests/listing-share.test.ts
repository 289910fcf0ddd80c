/**
 * check starts its worker threads while the folder is listed, once they will pay (scan/parallel.ts's ScanWorkers):
 * the listing tells it, after each year, what share of the years is listed, so that a folder of ten years starts them
 * after the first, not only once 10,000 files are counted.
 */
import { describe, expect, it } from 'vitest';
import { listRecordFiles } from '../src/records/load.js';
import { tempFolder } from './helpers.js';

describe('the listing says what share of the years it has listed', () => {
  it('after each folder of the top level, with the files so far; the files listed as before', async () => {
    const dir = tempFolder({
      'kmsw.yaml': 'centre: x\n',
      '2024/01/log/2024-01-02-a.yaml': 'form: log\n',
      '2024/02/log/2024-02-02-a.yaml': 'form: log\n',
      '2025/01/log/2025-01-02-a.yaml': 'form: log\n',
      'templates/log.yaml': 'form: log\n',
      'notes.yaml': 'form: log\n',
    });
    const told: Array<[number, number | undefined]> = [];
    const files = await listRecordFiles(dir, [], (n, share) => told.push([n, share]));
    expect(files).toEqual([
      '2024/01/log/2024-01-02-a.yaml',
      '2024/02/log/2024-02-02-a.yaml',
      '2025/01/log/2025-01-02-a.yaml',
      'notes.yaml',
    ]);
    // templates/ is not walked: the shares are of 2024 and 2025 only.
    expect(told.filter(([, share]) => share !== undefined)).toEqual([
      [3, 0.5],
      [4, 1],
    ]);
    expect(told.at(-1)).toEqual([4, undefined]);
  });
});
