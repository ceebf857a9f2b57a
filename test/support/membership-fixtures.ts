/**
 * The channel membership the chaincode authorises against, for unit tests: the five demo orgs
 * as scripts/deploy-chaincode.sh founds them, an admin identity per org, and the one helper
 * every contract test starts from, a fake ledger whose membership was founded by real
 * Membership transactions (proposed by one founder, approved by two more).
 */
import { MembershipContract } from '../../chaincode/src/contracts/membership-contract';
import type { Actor } from '../../chaincode/src/model/audit';
import type { Caller, Member, MembershipProposalView } from '../../chaincode/src/model/membership';
import { type FakeIdentity, FakeLedger } from './fake-ledger';

export const membershipcc = new MembershipContract();

export const DEFAULT_MEMBERS: Member[] = [
  { mspId: 'HospitalMSP', kind: 'hospital', roles: ['admin', 'doctor'] },
  { mspId: 'PharmacyMSP', kind: 'pharmacy', roles: ['admin', 'pharmacist'] },
  { mspId: 'InsurerSHMSP', kind: 'insurer', region: '310000', roles: ['admin', 'insurer'] },
  { mspId: 'InsurerBJMSP', kind: 'insurer', region: '110000', roles: ['admin', 'insurer'] },
  { mspId: 'RegulatorMSP', kind: 'regulator', roles: ['admin', 'investigator', 'observer'] },
];

/** An org-level admin of an MSP, as each org's CA enrols its own (no institution, no region). */
export const adminOf = (mspId: string): FakeIdentity => ({ mspId, cn: `orgadmin-${mspId}`, attrs: { role: 'admin' } });

export const propose = (ledger: FakeLedger, who: FakeIdentity, args: Record<string, unknown>): Promise<MembershipProposalView> =>
  ledger.tx(who, (ctx) => membershipcc.Propose(ctx, JSON.stringify(args)));

export const approve = (ledger: FakeLedger, who: FakeIdentity, proposalId: string): Promise<MembershipProposalView> =>
  ledger.tx(who, (ctx) => membershipcc.Approve(ctx, JSON.stringify({ proposalId })));

/** Founds the membership: the first founder proposes, the next ones approve until a strict majority has. */
export async function foundMembership(ledger: FakeLedger, members: Member[] = DEFAULT_MEMBERS): Promise<void> {
  const [first, ...others] = members.map((m) => adminOf(m.mspId));
  await propose(ledger, first, { proposalId: 'FOUNDING', change: 'found', members });
  for (const admin of others.slice(0, Math.floor(members.length / 2))) await approve(ledger, admin, 'FOUNDING');
}

/** A fresh fake ledger with the default membership founded; the founding's events are not the test's, so they are cleared. */
export async function memberLedger(): Promise<FakeLedger> {
  const ledger = new FakeLedger();
  await foundMembership(ledger);
  ledger.events = [];
  return ledger;
}

/** An actor with its org's default member entry, as authorise would hand it to the pure rules. */
export function asCaller(actor: Actor): Caller {
  const member = DEFAULT_MEMBERS.find((m) => m.mspId === actor.mspId);
  if (!member) throw new Error(`${actor.mspId} is not a default member`);
  return { ...actor, member };
}
