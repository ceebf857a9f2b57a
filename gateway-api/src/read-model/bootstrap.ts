import type { Logger } from 'pino';
import type { GatewayConfig } from '../config';
import type { AuthenticatedUser, IdentityStore } from '../fabric/identities';
import type { NetworkProfile } from '../fabric/network-profile';
import type { PeerClients } from '../fabric/peer-clients';
import { FabricBlockSource } from './block-source';
import { loadReadModelConfig, type ReadModelConfig } from './config';
import { openDatabase } from './database';
import { ReadModelService } from './service';

export interface ReadModelDeps {
  config: GatewayConfig;
  profile: NetworkProfile;
  clients: PeerClients;
  identities: IdentityStore;
  logger: Logger;
}

/**
 * The gateway's read-model service from its configuration, or undefined when
 * RXCHAIN_READ_MODEL=off. Not started: the caller starts it (main.ts at boot).
 */
export function createReadModelService(deps: ReadModelDeps, config: ReadModelConfig = loadReadModelConfig()): ReadModelService | undefined {
  if (!config.enabled) return undefined;
  const logger = deps.logger.child({ component: 'read-model' });
  return new ReadModelService(
    async () => {
      const user = serviceUser(deps.identities, config);
      const database = await openDatabase(config.database);
      return { database, source: new FabricBlockSource(deps.profile, deps.clients, user, deps.config.deadlines.evaluateMs) };
    },
    { databaseKind: config.database.kind, channel: deps.profile.channel, namespace: deps.profile.chaincode, logger },
  );
}

/** The enrolled user the follower reads blocks as: the named one, or the service MSP's first admin. */
export function serviceUser(identities: IdentityStore, config: Pick<ReadModelConfig, 'serviceMsp' | 'serviceUser'>): AuthenticatedUser {
  if (config.serviceUser) {
    const record = identities.user(config.serviceUser);
    if (!record) throw new Error(`RXCHAIN_READ_MODEL_USER ${config.serviceUser} is not enrolled`);
    return { ...record, name: config.serviceUser, tokenHash: '' };
  }
  const admin = identities.serviceUsersByOrg().find((u) => u.mspId === config.serviceMsp);
  if (!admin) throw new Error(`no enrolled admin of ${config.serviceMsp} to run the read model as`);
  return admin;
}
