import { connect, type Gateway, type Network } from '@hyperledger/fabric-gateway';
import type { GatewayConfig } from '../config';
import type { AuthenticatedUser } from './identities';
import type { PeerClients } from './peer-clients';
import { signingAs } from './signing';

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
        ...signingAs(user),
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
