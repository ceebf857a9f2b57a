import http from 'node:http';
import { parseServerTiming, phaseNoter } from './phases';

/** A keep-alive HTTP client for the REST workloads: one agent, bounded sockets; notes the gateway's Server-Timing phases. */
export class RestClient {
  private readonly agent: http.Agent;

  constructor(private readonly baseUrl: string, maxSockets: number) {
    this.agent = new http.Agent({ keepAlive: true, maxSockets });
  }

  async call<T>(method: string, path: string, token: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
    const url = new URL(path, this.baseUrl);
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const notePhase = phaseNoter();
    return new Promise<T>((resolve, reject) => {
      const req = http.request(
        url,
        {
          method,
          agent: this.agent,
          headers: {
            Authorization: `Bearer ${token}`,
            ...(payload ? { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload) } : {}),
            ...headers,
          },
          timeout: 120_000,
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => (text += c));
          res.on('end', () => {
            for (const [phase, ms] of parseServerTiming(String(res.headers['server-timing'] ?? ''))) notePhase(phase, ms);
            const parsed = text ? (JSON.parse(text) as unknown) : undefined;
            if ((res.statusCode ?? 500) >= 400) {
              const e = (parsed as { error?: { code: string; message: string; details: unknown } } | undefined)?.error;
              reject(Object.assign(new Error(e?.message ?? `HTTP ${res.statusCode}`), { status: res.statusCode, code: e?.code, details: e?.details }));
            } else {
              resolve(parsed as T);
            }
          });
        },
      );
      req.on('timeout', () => req.destroy(new Error('request timeout')));
      req.on('error', reject);
      if (payload) req.write(payload);
      req.end();
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
