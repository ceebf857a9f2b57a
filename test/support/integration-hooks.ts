import { closeNetworkClients } from './network';

/** Root hooks for the integration suite: release the shared gRPC connections at the end. */
export const mochaHooks = {
  afterAll(): void {
    closeNetworkClients();
  },
};
