import client from 'prom-client';
import { registry } from '../http/metrics';

/** The read model's Prometheus metrics, on the gateway's /metrics registry. */
export const readModelHeight = new client.Gauge({
  name: 'rxchain_read_model_height',
  help: 'Blocks the oversight read model has applied (its checkpoint: last applied block number + 1)',
  registers: [registry],
});

export const readModelChainHeight = new client.Gauge({
  name: 'rxchain_read_model_chain_height',
  help: 'Channel height as last seen by the read-model follower',
  registers: [registry],
});

export const readModelLag = new client.Gauge({
  name: 'rxchain_read_model_lag_blocks',
  help: 'Blocks the read model is behind the chain: chain height minus read-model height',
  registers: [registry],
});

export const readModelBlocks = new client.Counter({
  name: 'rxchain_read_model_blocks_total',
  help: 'Blocks applied to the read model',
  registers: [registry],
});

export const readModelVersions = new client.Counter({
  name: 'rxchain_read_model_record_versions_total',
  help: 'Record versions written to the read model',
  registers: [registry],
});

export const readModelBatches = new client.Counter({
  name: 'rxchain_read_model_batches_total',
  help: 'Database transactions the follower committed; blocks_total / batches_total is the mean batch size',
  registers: [registry],
});

export const readModelApplySeconds = new client.Histogram({
  name: 'rxchain_read_model_batch_apply_seconds',
  help: 'Time to decode a batch of consecutive blocks and commit it to the read-model database in one transaction',
  buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
  registers: [registry],
});

export const readModelErrors = new client.Counter({
  name: 'rxchain_read_model_errors_total',
  help: 'Follower failures (stream lost, database error, chain mismatch); it retries from its checkpoint',
  registers: [registry],
});

export const readModelUnprojected = new client.Counter({
  name: 'rxchain_read_model_unprojected_total',
  help: 'Record versions kept in record_versions but left out of the risk and timeline projections: their value lacks the fields of its model',
  registers: [registry],
});
