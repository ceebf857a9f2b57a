import { answer, api } from './client';
import type { MembershipRecord } from './model';
import { useLoad } from '../components/data';

/** The regions with an insurance office on the channel, as the ledger's membership records them (it grows as regions join). */
export function useInsurerRegions(): string[] {
  const membership = useLoad(() => answer<MembershipRecord>(api.GET('/membership')), []);
  return (membership.data?.members ?? []).flatMap((m) => (m.kind === 'insurer' && m.region ? [m.region] : [])).sort();
}
