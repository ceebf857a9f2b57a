/**
 * Rebuilds indexes on a running network through the gateway, page by page to the end:
 *
 *   node -r ts-node/register/transpile-only scripts/reindex.ts [index …]
 *
 * Without names it rebuilds the date-keyed indexes stop 17 added, which a ledger written by an
 * earlier chaincode version lacks. Runs as the demo user RXCHAIN_REINDEX_USER (regulatoradmin),
 * or with the bearer token RXCHAIN_TOKEN, against RXCHAIN_GATEWAY_URL (port 3000 + offset).
 * Idempotent: a run after a complete one writes nothing.
 */
import path from 'node:path';
import { RestClient } from '../bench/clients';
import { demoTokens } from './demo/api';

/** Records per rebuild transaction (MAX_REBUILD_IDS). */
const PAGE = 200;
const STOP_17 = ['rx-by-patient-date', 'encounter-by-patient-date', 'claim-by-patient-visit-date', 'claim-by-rx', 'case-open-by-due'];

interface Page {
  docType: string;
  ids: string[];
  bookmark: string;
}

interface Rebuilt {
  written: number;
  missing: string[];
}

async function main(): Promise<void> {
  const runDir = process.env.RXCHAIN_RUN_DIR ?? path.resolve(__dirname, '..', '.run');
  const url = process.env.RXCHAIN_GATEWAY_URL ?? `http://127.0.0.1:${3000 + Number(process.env.RXCHAIN_PORT_OFFSET ?? 0)}`;
  const token = process.env.RXCHAIN_TOKEN ?? demoTokens(runDir)[process.env.RXCHAIN_REINDEX_USER ?? 'regulatoradmin'];
  if (!token) throw new Error('no token: set RXCHAIN_TOKEN, or RXCHAIN_REINDEX_USER to a demo admin');
  const indexes = process.argv.slice(2).length ? process.argv.slice(2) : STOP_17;
  const client = new RestClient(url, 1);
  try {
    for (const index of indexes) {
      let bookmark = '';
      let records = 0;
      let written = 0;
      let docType = '';
      do {
        const page = await client.call<Page>('GET', `/admin/indexes/${index}/records?pageSize=${PAGE}${bookmark ? `&bookmark=${encodeURIComponent(bookmark)}` : ''}`, token);
        ({ docType, bookmark } = page);
        if (page.ids.length) {
          const rebuilt = await client.call<Rebuilt>('POST', `/admin/indexes/${index}/rebuild`, token, { ids: page.ids });
          records += page.ids.length;
          written += rebuilt.written;
          if (rebuilt.missing.length) console.warn(`  ${index}: ids without a record: ${rebuilt.missing.join(', ')}`);
        }
      } while (bookmark);
      console.log(`${index} (${docType}): ${records} records, ${written} entries written`);
    }
  } finally {
    client.close();
  }
}

main().catch((err: unknown) => {
  const e = err as Error & { status?: number; details?: unknown };
  console.error(`reindex failed: ${e.message}${e.status ? ` (HTTP ${e.status})` : ''}${e.details ? ` ${JSON.stringify(e.details)}` : ''}`);
  process.exit(1);
});
