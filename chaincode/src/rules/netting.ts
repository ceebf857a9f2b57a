/**
 * Multilateral netting: from what regions owe each other, each region's net position and a
 * settlement plan that moves money only from net debtors to net creditors. Pure and
 * deterministic: the plan depends on the debts alone, never on the order they are listed in.
 * Amounts are integer fen and netting only adds and subtracts them, so no fen is rounded, lost
 * or created: what each region pays out minus what it receives is exactly its net debt.
 */
import type { GrossDebt, NetPosition } from '../model/batch';

export interface NettingPlan {
  owedFenByRegion: Record<string, number>;
  grossFen: GrossDebt[];
  netFenByRegion: Record<string, number>;
  legs: NetPosition[];
}

const byCode = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

interface Balance {
  region: string;
  fen: number;
}
/** Largest first, then region code: the order the plan matches in. */
const byAmount = (a: Balance, b: Balance): number => b.fen - a.fen || byCode(a.region, b.region);

/**
 * The plan for debts among `regions`. Pairs whose debts cancel, and cycles (A owes B owes C owes
 * A the same), net to nothing and move nothing. Debtors and creditors are matched largest
 * first; a debtor and a creditor whose amounts are equal are paired before anything is split,
 * which saves a transfer. The plan has at most (debtors + creditors − 1) legs, never two for
 * one pair — not always the fewest possible (finding those is NP-hard), but always the same.
 */
export function nettingPlan(regions: readonly string[], debts: readonly GrossDebt[]): NettingPlan {
  const sorted = [...new Set(regions)].sort(byCode);
  const owedFenByRegion: Record<string, number> = Object.fromEntries(sorted.map((r) => [r, 0]));
  const netFenByRegion: Record<string, number> = Object.fromEntries(sorted.map((r) => [r, 0]));
  const pairs = new Map<string, GrossDebt>();
  for (const debt of debts) {
    const { debtorRegion, creditorRegion, amountFen } = debt;
    if (!(debtorRegion in owedFenByRegion) || !(creditorRegion in owedFenByRegion)) throw new Error(`a debt ${debtorRegion} → ${creditorRegion} is not among ${sorted.join(', ')}`);
    if (debtorRegion === creditorRegion) throw new Error(`region ${debtorRegion} cannot owe itself`);
    if (!Number.isSafeInteger(amountFen) || amountFen < 0) throw new Error(`a debt of ${amountFen} fen is not a whole, non-negative number of fen`);
    if (amountFen === 0) continue;
    owedFenByRegion[debtorRegion] += amountFen;
    netFenByRegion[debtorRegion] -= amountFen;
    netFenByRegion[creditorRegion] += amountFen;
    const key = `${debtorRegion}>${creditorRegion}`;
    const pair = pairs.get(key) ?? { debtorRegion, creditorRegion, amountFen: 0 };
    pairs.set(key, { ...pair, amountFen: pair.amountFen + amountFen });
  }
  const grossFen = [...pairs.values()].sort((a, b) => byCode(a.debtorRegion, b.debtorRegion) || byCode(a.creditorRegion, b.creditorRegion));
  return { owedFenByRegion, grossFen, netFenByRegion, legs: settlementLegs(netFenByRegion) };
}

/** The legs that settle these net positions (which must sum to zero). */
export function settlementLegs(netFenByRegion: Readonly<Record<string, number>>): NetPosition[] {
  const entries = Object.entries(netFenByRegion);
  if (entries.reduce((sum, [, fen]) => sum + fen, 0) !== 0) throw new Error('net positions must sum to zero');
  const debtors: Balance[] = entries.filter(([, fen]) => fen < 0).map(([region, fen]) => ({ region, fen: -fen })).sort(byAmount);
  let creditors: Balance[] = entries.filter(([, fen]) => fen > 0).map(([region, fen]) => ({ region, fen })).sort(byAmount);
  const legs: NetPosition[] = [];
  const rest: Balance[] = [];
  for (const debtor of debtors) {
    const match = creditors.find((c) => c.fen === debtor.fen);
    if (match) {
      legs.push({ payerRegion: debtor.region, payeeRegion: match.region, amountFen: debtor.fen });
      creditors = creditors.filter((c) => c !== match);
    } else rest.push({ ...debtor });
  }
  const open = creditors.map((c) => ({ ...c }));
  let d = 0;
  let c = 0;
  while (d < rest.length && c < open.length) {
    const amountFen = Math.min(rest[d].fen, open[c].fen);
    legs.push({ payerRegion: rest[d].region, payeeRegion: open[c].region, amountFen });
    rest[d].fen -= amountFen;
    open[c].fen -= amountFen;
    if (rest[d].fen === 0) d += 1;
    if (open[c].fen === 0) c += 1;
  }
  return legs.sort((a, b) => byCode(a.payerRegion, b.payerRegion) || byCode(a.payeeRegion, b.payeeRegion));
}
