import type { IdentityStore } from './identities';
import type { FabricLedger } from './fabric-ledger';
import { learnNewOrgs, type NetworkProfile } from './network-profile';

/**
 * What a running gateway does on SIGHUP (scripts/org-add.sh sends it): learns the orgs and users
 * scripts/enroll-users.sh wrote since start-up, and follows the new orgs' peers. Returns the new orgs.
 */
export function reloadNetwork(gatewayDir: string, profile: NetworkProfile, identities: IdentityStore, ledger: Pick<FabricLedger, 'watchPeers'>): string[] {
  const added = learnNewOrgs(profile, gatewayDir);
  identities.reload();
  ledger.watchPeers(identities.serviceUsersByOrg().filter((u) => added.includes(u.org)));
  return added;
}
