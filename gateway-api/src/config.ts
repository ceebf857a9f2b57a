/** Gateway configuration from environment variables, validated at start-up. */
export interface GatewayConfig {
  port: number;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const port = Number(env.RXCHAIN_PORT ?? 3000);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`RXCHAIN_PORT must be a TCP port number, got ${env.RXCHAIN_PORT}`);
  }
  return { port };
}
