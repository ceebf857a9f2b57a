import * as grpc from '@grpc/grpc-js';
import fs from 'node:fs';
import type { NetworkProfile } from './network-profile';

/**
 * One long-lived gRPC connection per peer, shared by every user of that org: a Fabric
 * Gateway connection is only a signing identity over such a client, so connecting per request
 * costs nothing while opening a TLS channel per request would.
 */
export class PeerClients {
  private readonly clients = new Map<string, grpc.Client>();

  constructor(private readonly profile: NetworkProfile) {}

  forOrg(org: string): grpc.Client {
    let client = this.clients.get(org);
    if (!client) {
      const o = this.profile.orgs[org];
      if (!o) throw new Error(`unknown org ${org}`);
      const credentials = grpc.credentials.createSsl(fs.readFileSync(o.tlsRootCert));
      client = new grpc.Client(o.peerEndpoint, credentials, {
        'grpc.ssl_target_name_override': o.peerHostAlias,
        'grpc.keepalive_time_ms': 120_000,
      });
      this.clients.set(org, client);
    }
    return client;
  }

  /** True when every peer's channel is READY within the deadline. */
  async allReady(deadlineMs: number): Promise<Record<string, boolean>> {
    const result: Record<string, boolean> = {};
    await Promise.all(
      Object.keys(this.profile.orgs).map(
        (org) =>
          new Promise<void>((resolve) => {
            this.forOrg(org).waitForReady(Date.now() + deadlineMs, (err) => {
              result[org] = !err;
              resolve();
            });
          }),
      ),
    );
    return result;
  }

  close(): void {
    for (const client of this.clients.values()) client.close();
    this.clients.clear();
  }
}
