import type { Logger } from 'pino';
import type { GatewayConfig } from './config';
import type { IdentityStore } from './fabric/identities';
import type { LedgerPort } from './fabric/ledger-port';
import type { NetworkProfile } from './fabric/network-profile';
import type { PeerClients } from './fabric/peer-clients';
import type { IdempotencyStore } from './http/idempotency';
import type { Operations } from './http/operations';
import type { ReadModelService } from './read-model/service';
import type { Sessions } from './sessions/sessions';

/** Everything the HTTP app is built from; tests pass a fake ledger port. */
export interface AppDeps {
  config: GatewayConfig;
  profile: NetworkProfile;
  clients: Pick<PeerClients, 'allReady'>;
  ledger: LedgerPort;
  identities: IdentityStore;
  /** Password sign-in and the console's sessions. */
  sessions: Sessions;
  idempotency: IdempotencyStore;
  operations: Operations;
  logger: Logger;
  /** In-flight requests, so shutdown can let acknowledged writes finish; set stopping on shutdown. */
  inFlight: { count: number; stopping?: boolean };
  /** The oversight read model; absent when RXCHAIN_READ_MODEL=off. */
  readModel?: ReadModelService;
}
