// Prints (and with --write, updates) FRAME_BOOTSTRAP_SHA256 in workers/executor/frame-bootstrap.ts
// after the bootstrap changed. `npx tsx scripts/frame-bootstrap-hash.ts --write`
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { FRAME_BOOTSTRAP } from '../workers/executor/frame-bootstrap.ts';

const file = new URL('../workers/executor/frame-bootstrap.ts', import.meta.url);
const hash = createHash('sha256').update(FRAME_BOOTSTRAP).digest('base64');
console.log(hash);
if (process.argv.includes('--write')) {
  const text = readFileSync(file, 'utf8').replace(/(FRAME_BOOTSTRAP_SHA256 = ')[^']*(')/, `$1${hash}$2`);
  writeFileSync(file, text);
}
