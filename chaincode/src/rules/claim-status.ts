import type { Stamp } from '../model/audit';
import type { ClaimRecord, ClaimStatus } from '../model/claim';

/**
 * The claim moved on to a status, with the history entry naming who, when, which transaction
 * and why (PT-04). Pure: the claim store moves the queue index when the new version is saved.
 */
export function withStatus(claim: ClaimRecord, status: ClaimStatus, reason: string, stamp: Stamp): ClaimRecord {
  return {
    ...claim,
    status,
    statusHistory: [...claim.statusHistory, { status, reason, by: stamp.by, at: stamp.at, txId: stamp.txId }],
    updated: stamp,
  };
}
