import type { Committed } from '../fabric/ledger-port';
import type { RouteResponse, TxRoute } from './route';

/**
 * A committed write as the route answers it: { [resultKey]: result, txId, blockNumber }, or the
 * result's fields spread beside txId and blockNumber, with the route's success status. Custom
 * handlers that submit after work of their own answer through this too.
 */
export function committedResponse(route: Pick<TxRoute, 'resultKey' | 'success'>, { result, txId, blockNumber }: Committed<unknown>): RouteResponse {
  const body = route.resultKey ? { [route.resultKey]: result, txId, blockNumber } : { ...(result as object), txId, blockNumber };
  return { status: route.success.status, body };
}
