/** npm run seed: seeds the running network through its gateway (npm start runs it). */
import path from 'node:path';
import { demoTokens, httpCall } from './api';
import { seed } from './seed';

const runDir = process.env.RXCHAIN_RUN_DIR ?? path.resolve(__dirname, '..', '..', '.run');
const url = process.env.RXCHAIN_GATEWAY_URL ?? `http://127.0.0.1:${3000 + Number(process.env.RXCHAIN_PORT_OFFSET ?? 0)}`;
const { call, close } = httpCall(url, demoTokens(runDir));
seed(call, (s) => console.log(s))
  .then(() => close())
  .catch((err: unknown) => {
    console.error((err as Error).message);
    close();
    process.exit(1);
  });
