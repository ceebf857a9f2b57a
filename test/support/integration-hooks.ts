import { seed } from '../../scripts/demo/seed';
import { appCall, closeNetworkClients } from './network';

/**
 * Root hooks for the integration suites: seed the reference data once (idempotent), and
 * release the shared gRPC connections at the end.
 */
export const mochaHooks = {
  async beforeAll(this: Mocha.Context): Promise<void> {
    this.timeout(120_000);
    await seed(appCall);
  },
  afterAll(): void {
    closeNetworkClients();
  },
};
