/** How the seed and the demo talk to the gateway: one call signature over HTTP or in-process. */
import fs from 'node:fs';
import path from 'node:path';
import { RestClient } from '../../bench/clients';
import { chinaDateOf } from '../../chaincode/src/rules/dates';

export type Call = <T = unknown>(method: 'GET' | 'POST' | 'DELETE', path: string, user: string, body?: unknown, headers?: Record<string, string>) => Promise<T>;

export interface CallError extends Error {
  status?: number;
  code?: string;
  details?: unknown;
}

export function demoTokens(runDir: string): Record<string, string> {
  return JSON.parse(fs.readFileSync(path.join(runDir, 'gateway', 'demo-tokens.json'), 'utf8')) as Record<string, string>;
}

/** Calls a running gateway over HTTP as the named demo user. */
export function httpCall(baseUrl: string, tokens: Record<string, string>): { call: Call; close: () => void } {
  const client = new RestClient(baseUrl, 8);
  const call: Call = (method, urlPath, user, body, headers) => client.call(method, urlPath, tokens[user], body, headers);
  return { call, close: () => client.close() };
}

/** Today's date in China (UTC+8), the calendar the chaincode's date rules use. */
export function chinaToday(now = new Date()): string {
  return chinaDateOf(now.getTime());
}
