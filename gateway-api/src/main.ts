import pino from 'pino';
import { API_VERSION, createApp } from './app';
import { loadConfig } from './config';
import type { AppDeps } from './deps';
import { IdentityStore } from './fabric/identities';
import { FabricLedger } from './fabric/fabric-ledger';
import { loadNetworkProfile } from './fabric/network-profile';
import { reloadNetwork } from './fabric/network-reload';
import { PeerClients } from './fabric/peer-clients';
import { IdempotencyStore } from './http/idempotency';
import { ledgerMetrics } from './http/metrics';
import { Operations } from './http/operations';
import { createReadModelService } from './read-model/bootstrap';
import { loadReadModelConfig } from './read-model/config';
import { allRoutes } from './routes';
import { Sessions } from './sessions/sessions';

function main(): void {
  let config;
  let readModelConfig;
  try {
    config = loadConfig();
    readModelConfig = loadReadModelConfig();
  } catch (err) {
    console.error(`configuration error: ${(err as Error).message}`);
    process.exit(2);
  }
  const logger = pino({ level: config.logLevel, base: { service: 'rxchain-gateway', version: API_VERSION } });
  const profile = loadNetworkProfile(config.gatewayDir);
  const clients = new PeerClients(profile);
  const ledger = new FabricLedger(profile, clients, config, ledgerMetrics);
  const identities = new IdentityStore(config.gatewayDir);
  ledger.watchPeers(identities.serviceUsersByOrg());
  const idempotency = new IdempotencyStore(config.idempotencyFile);
  const inFlight: { count: number; stopping?: boolean } = { count: 0 };
  const operations = new Operations();
  const readModel = createReadModelService({ config, profile, clients, identities, logger }, readModelConfig);
  // Following starts in the background; while its database cannot be opened the rest of the
  // gateway serves, with the reason on /health, and the read model keeps trying.
  readModel?.startInBackground();
  const sessions = new Sessions(identities, config.sessions);
  const deps: AppDeps = { config, profile, clients, ledger, identities, sessions, idempotency, operations, logger, inFlight, readModel };
  const app = createApp(deps, allRoutes(deps));

  const server = app.listen(config.port, config.host, () => {
    logger.info({ url: `http://${config.host}:${config.port}` }, 'gateway listening');
  });

  // Graceful shutdown: stop accepting, let in-flight requests (and their commits) finish, then
  // close the gRPC connections.
  const shutdown = (signal: string) => {
    if (inFlight.stopping) return;
    inFlight.stopping = true;
    logger.info({ signal, inFlight: inFlight.count }, 'shutting down');
    server.close(() => {
      // The read model stops after its current block commits, before the gRPC connections close.
      void (readModel?.stop() ?? Promise.resolve())
        .catch((err: unknown) => logger.warn({ err }, 'read model did not stop cleanly'))
        .finally(() => {
          ledger.close();
          clients.close();
          logger.info('stopped');
          process.exit(0);
        });
    });
    server.closeIdleConnections();
    setTimeout(() => {
      logger.warn({ inFlight: inFlight.count, pendingOperations: operations.pending() }, 'forced exit after 30 s');
      process.exit(1);
    }, 30_000).unref();
  };
  // An org joined the channel (npm run org:add): learn its peer and its users without a restart.
  process.on('SIGHUP', () => {
    try {
      logger.info({ added: reloadNetwork(config.gatewayDir, profile, identities, ledger) }, 'network profile reloaded');
    } catch (err) {
      logger.error({ err }, 'network profile reload failed; the gateway keeps the profile it had');
    }
  });
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main();
