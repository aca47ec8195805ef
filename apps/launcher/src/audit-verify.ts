import 'reflect-metadata';
import * as fs from 'node:fs';
import { DataSource } from 'typeorm';
import { AuditAnchorsService, AuditService, parseAnchorLine, type AuditAnchorRef } from '../../../libs/audit/src/index.js';
import { dataSourceOptions } from '../../../libs/database/src/index.js';

/**
 * `npm run audit:verify [-- --anchor-seq N --anchor-hash H | --anchor-file published.txt]`: walks the audit
 * chain against every stored anchor (and the one given), prints the JSON answer and exits 0 when the chain is
 * valid, 1 when it is broken, 2 on bad arguments or an error. Read-only: safe to run with a reporting role.
 */
const usage = 'usage: audit-verify [--anchor-seq N --anchor-hash <64 hex>] [--anchor-file <file with a published anchor>]';

function parseArgs(argv: string[]): AuditAnchorRef[] {
  const anchors: AuditAnchorRef[] = [];
  let seq: number | undefined;
  let hash: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (flag === '--anchor-seq' && value !== undefined) (seq = Number(value)), i++;
    else if (flag === '--anchor-hash' && value !== undefined) (hash = value), i++;
    else if (flag === '--anchor-file' && value !== undefined) {
      const line = fs.readFileSync(value, 'utf8').split('\n').map(parseAnchorLine).find((a) => a);
      if (!line) throw new Error(`--anchor-file: no "gongkai-audit-head seq=… sha256=…" line in ${value}`);
      anchors.push({ ...line, source: `anchor file ${value}` });
      i++;
    } else throw new Error(`unknown argument ${flag}\n${usage}`);
  }
  if ((seq === undefined) !== (hash === undefined)) throw new Error(`--anchor-seq and --anchor-hash go together\n${usage}`);
  if (seq !== undefined) {
    if (!Number.isInteger(seq) || seq < 1) throw new Error('--anchor-seq must be a positive integer');
    if (!/^[0-9a-f]{64}$/.test(hash!)) throw new Error('--anchor-hash must be 64 lowercase hex characters');
    anchors.push({ seq, hash: hash!, source: 'anchor given on the command line' });
  }
  return anchors;
}

async function main(): Promise<number> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error('config: DATABASE_URL is required but not set');
    return 78;
  }
  const given = parseArgs(process.argv.slice(2));
  const db = new DataSource({ ...dataSourceOptions(url), extra: { max: 2, connectionTimeoutMillis: 5000 } });
  await db.initialize();
  try {
    const audit = new AuditService(db);
    const stored = await new AuditAnchorsService(db, audit).refs();
    const result = await audit.verify({ anchors: [...stored, ...given] });
    console.log(JSON.stringify({ valid: result.valid, checked: result.checked, firstBrokenSeq: result.firstBrokenSeq, head: result.head,
      anchorsChecked: result.anchorsChecked, unsealed: result.unsealed, reason: result.reason ?? null }));
    return result.valid ? 0 : 1;
  } finally {
    await db.destroy();
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`audit:verify: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(2);
  },
);
