/**
 * `fn` over `items`, at most `limit` at a time; the results in the items' order. Once `stopped()`
 * says so no new item starts (those in flight finish) and the unstarted ones stay empty.
 */
export async function boundedMap<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>, stopped: () => boolean = () => false): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length && !stopped()) {
        const i = next++;
        out[i] = await fn(items[i]);
      }
    }),
  );
  return out;
}
