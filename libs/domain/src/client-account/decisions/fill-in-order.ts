import { minBigInt } from '../../money/money';

/** Spreads `total` over `items` in order, each taking up to its capacity; returns only non-zero shares. */
export const fillInOrder = <T>(total: bigint, items: readonly T[], capacity: (item: T) => bigint): { item: T; amount: bigint }[] => {
  const shares: { item: T; amount: bigint }[] = [];
  let left = total;
  for (const item of items) {
    if (left === 0n) break;
    const amount = minBigInt(capacity(item), left);
    if (amount > 0n) shares.push({ item, amount });
    left -= amount;
  }
  return shares;
};
