import { describe, expect, it } from 'vitest';
import { livePriceOption } from './live';

describe('livePriceOption', () => {
  it('draws closes and splits fills into buys and sells', () => {
    const o = livePriceOption(
      [
        { time: 1, close: 10, fills: [] },
        { time: 2, close: 11, fills: [{ time: 2, quantity: 3, price: 10.5 }] },
        { time: 3, close: 12, fills: [{ time: 3, quantity: -3, price: 11.9 }] },
      ],
      'BTC/USDT',
    ) as { series: { name: string; data: number[][] }[] };
    expect(o.series[0].data).toEqual([
      [1, 10],
      [2, 11],
      [3, 12],
    ]);
    expect(o.series[1]).toMatchObject({ name: 'Buy fills', data: [[2, 10.5]] });
    expect(o.series[2]).toMatchObject({ name: 'Sell fills', data: [[3, 11.9]] });
  });
});
