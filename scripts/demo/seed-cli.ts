/** npm run seed: seeds the running network through its gateway (npm start runs it). */
import path from 'node:path';
import { demoTokens, httpCall } from './api';
import { seed } from './seed';

const runDir = process.env.RXCHAIN_RUN_DIR ?? path.resolve(__dirname, '..', '..', '.run');
const url = process.env.RXCHAIN_GATEWAY_URL ?? `http://127.0.0.1:${3000 + Number(process.env.RXCHAIN_PORT_OFFSET ?? 0)}`;
const { call, close } = httpCall(url, demoTokens(runDir));
// RXCHAIN_CATALOGUE_SIZE=3000: a catalogue of that many drugs, as the benchmark compares.
const size = process.env.RXCHAIN_CATALOGUE_SIZE;
seed(call, (s) => console.log(s), size ? { catalogueSize: Number(size) } : {})
  .then(() => close())
  .catch((err: unknown) => {
    console.error((err as Error).message);
    close();
    process.exit(1);
  });
