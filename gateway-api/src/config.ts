import path from 'node:path';

/** Gateway configuration from environment variables, validated at start-up. */
export interface GatewayConfig {
  port: number;
  host: string;
  /** Folder written by scripts/enroll-users.sh: network.json, identities.json. */
  gatewayDir: string;
  /** Durable store of Idempotency-Key results. */
  idempotencyFile: string;
  corsOrigins: string[];
  bodyLimit: string;
  rateLimitPerMinute: number;
  deadlines: { evaluateMs: number; endorseMs: number; submitMs: number; commitMs: number; resubmitMs: number };
  mvccRetries: number;
  /** How long an endorsement waits for every peer to reach the gateway's newest block; 0 = not at all. */
  endorseSyncMs: number;
  logLevel: string;
  /** Password sign-in: session lifetimes and the lockout after repeated failures (sessions/). */
  sessions: { idleSeconds: number; maxSeconds: number; maxFailures: number; failureWindowSeconds: number; lockSeconds: number; secureCookie: boolean };
  /** The built console (index.html, assets/) served at / when it exists. */
  consoleDir: string;
}

function int(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${name} must be an integer from ${min} to ${max}, got ${raw}`);
  }
  return value;
}

function flag(env: NodeJS.ProcessEnv, name: string): boolean {
  const raw = env[name] ?? '';
  if (!['', 'true', 'false'].includes(raw)) throw new Error(`${name} must be true or false, got ${raw}`);
  return raw === 'true';
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const root = path.resolve(__dirname, '..', '..');
  const runDir = env.RXCHAIN_RUN_DIR ?? path.join(root, '.run');
  const gatewayDir = env.RXCHAIN_GATEWAY_DIR ?? path.join(runDir, 'gateway');
  const logLevel = env.RXCHAIN_LOG_LEVEL ?? 'info';
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(logLevel)) {
    throw new Error(`RXCHAIN_LOG_LEVEL must be a pino level, got ${logLevel}`);
  }
  const bodyLimit = env.RXCHAIN_BODY_LIMIT ?? '100kb';
  if (!/^\d+(b|kb|mb)$/.test(bodyLimit)) throw new Error(`RXCHAIN_BODY_LIMIT must look like 100kb, got ${bodyLimit}`);
  return {
    port: int(env, 'RXCHAIN_PORT', 3000, 0, 65535),
    host: env.RXCHAIN_HOST ?? '127.0.0.1',
    gatewayDir,
    idempotencyFile: env.RXCHAIN_IDEMPOTENCY_FILE ?? path.join(gatewayDir, 'idempotency.jsonl'),
    corsOrigins: (env.RXCHAIN_CORS_ORIGINS ?? '').split(',').map((s) => s.trim()).filter(Boolean),
    bodyLimit,
    rateLimitPerMinute: int(env, 'RXCHAIN_RATE_LIMIT_PER_MINUTE', 600, 1, 1_000_000),
    deadlines: {
      evaluateMs: int(env, 'RXCHAIN_EVALUATE_DEADLINE_MS', 5_000, 100, 600_000),
      endorseMs: int(env, 'RXCHAIN_ENDORSE_DEADLINE_MS', 15_000, 100, 600_000),
      submitMs: int(env, 'RXCHAIN_SUBMIT_DEADLINE_MS', 5_000, 100, 600_000),
      commitMs: int(env, 'RXCHAIN_COMMIT_DEADLINE_MS', 60_000, 100, 600_000),
      resubmitMs: int(env, 'RXCHAIN_RESUBMIT_AFTER_MS', 8_000, 100, 600_000),
    },
    mvccRetries: int(env, 'RXCHAIN_MVCC_RETRIES', 3, 0, 20),
    endorseSyncMs: int(env, 'RXCHAIN_ENDORSE_SYNC_MS', 2_000, 0, 60_000),
    logLevel,
    sessions: {
      idleSeconds: int(env, 'RXCHAIN_SESSION_IDLE_SECONDS', 30 * 60, 1, 86_400),
      maxSeconds: int(env, 'RXCHAIN_SESSION_MAX_SECONDS', 12 * 3600, 1, 7 * 86_400),
      maxFailures: int(env, 'RXCHAIN_SIGNIN_MAX_FAILURES', 5, 1, 100),
      failureWindowSeconds: int(env, 'RXCHAIN_SIGNIN_FAILURE_WINDOW_SECONDS', 15 * 60, 1, 86_400),
      lockSeconds: int(env, 'RXCHAIN_SIGNIN_LOCK_SECONDS', 15 * 60, 1, 86_400),
      // The gateway itself listens on plain HTTP; behind a TLS proxy set this so the cookie is Secure.
      secureCookie: flag(env, 'RXCHAIN_SESSION_COOKIE_SECURE'),
    },
    consoleDir: env.RXCHAIN_CONSOLE_DIR ?? path.join(root, 'console', 'dist'),
  };
}
