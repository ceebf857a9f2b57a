import type { CloseableAsyncIterable } from '@hyperledger/fabric-gateway';
import type { common } from '@hyperledger/fabric-protos';
import type { BlockSource } from '../../gateway-api/src/read-model/block-source';

/** A peer with no blocks beyond `height`: a follower on it idles until stopped. */
export const idleBlockSource = (height: () => bigint): BlockSource => ({
  blocks: async () => {
    let wake: () => void = () => undefined;
    const closed = new Promise<void>((resolve) => (wake = resolve));
    const iterable: CloseableAsyncIterable<common.Block> = {
      close: () => wake(),
      [Symbol.dispose]: () => wake(),
      [Symbol.asyncIterator]: () => ({ next: async () => (await closed, { done: true as const, value: undefined }) }),
    };
    return iterable;
  },
  chainHeight: async () => height(),
  close: () => undefined,
});
