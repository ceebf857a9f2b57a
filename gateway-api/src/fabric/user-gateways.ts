import { connect, hash, signers, type Gateway, type Network } from '@hyperledger/fabric-gateway';
import crypto from 'node:crypto';
import fs from 'node:fs';
import type { GatewayConfig } from '../config';
import type { AuthenticatedUser } from './identities';
import type { PeerClients } from './peer-clients';

/**
 * One fabric-gateway connection per user, signing as that user's own enrolled identity over
 * their org's shared peer client, with explicit deadlines on every call.
 */
export class UserGateways {
  private readonly gateways = new Map<string, Gateway>();

  constructor(
    private readonly clients: Pick<PeerClients, 'forOrg'>,
    private readonly channel: string,
    private readonly deadlines: GatewayConfig['deadlines'],
  ) {}

  networkOf(user: AuthenticatedUser): Network {
    let gateway = this.gateways.get(user.name);
    if (!gateway) {
      const { deadlines } = this;
      gateway = connect({
        client: this.clients.forOrg(user.org),
        identity: { mspId: user.mspId, credentials: fs.readFileSync(user.certPath) },
        signer: signers.newPrivateKeySigner(crypto.createPrivateKey(fs.readFileSync(user.keyPath))),
        hash: hash.sha256,
        evaluateOptions: () => ({ deadline: Date.now() + deadlines.evaluateMs }),
        endorseOptions: () => ({ deadline: Date.now() + deadlines.endorseMs }),
        submitOptions: () => ({ deadline: Date.now() + deadlines.submitMs }),
        commitStatusOptions: () => ({ deadline: Date.now() + deadlines.commitMs }),
      });
      this.gateways.set(user.name, gateway);
    }
    return gateway.getNetwork(this.channel);
  }

  close(): void {
    for (const gateway of this.gateways.values()) gateway.close();
    this.gateways.clear();
  }
}
