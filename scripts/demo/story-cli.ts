/** npm run demo: plays the whole story on the running network (npm start first), printing each step. */
import path from 'node:path';
import { demoTokens, httpCall } from './api';
import { seed } from './seed';
import { playStory } from './story';

const runDir = process.env.RXCHAIN_RUN_DIR ?? path.resolve(__dirname, '..', '..', '.run');
const url = process.env.RXCHAIN_GATEWAY_URL ?? `http://127.0.0.1:${3000 + Number(process.env.RXCHAIN_PORT_OFFSET ?? 0)}`;

async function main(): Promise<void> {
  let tokens: Record<string, string>;
  try {
    tokens = demoTokens(runDir);
  } catch {
    throw new Error(`no demo users in ${runDir}: start the network first (npm start)`);
  }
  const { call, close } = httpCall(url, tokens);
  try {
    // Idempotent: a network started by npm start is seeded already.
    await seed(call);
    console.log(`rxchain demo on ${url}\n`);
    const result = await playStory(call, (line) => console.log(line));
    console.log(`\nclaim ${result.claimId}: submission to REMITTED in ${Math.round(result.claimToRemittedMs)} ms`);
  } finally {
    close();
  }
}

main().catch((err: unknown) => {
  const e = err as Error & { status?: number; details?: unknown };
  console.error(`demo failed: ${e.message}${e.status ? ` (HTTP ${e.status})` : ''}${e.details ? ` ${JSON.stringify(e.details)}` : ''}`);
  process.exit(1);
});
