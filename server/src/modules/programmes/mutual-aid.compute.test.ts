import { describe, expect, it } from 'vitest';
import { mutualAidRules } from './programmes.kind-schemas.js';
import { computeBill } from './mutual-aid.service.js';

const bill = (totalFen: number, basicInsuranceFen = 0, majorIllnessFen = 0) => ({
  totalFen,
  basicInsuranceFen,
  majorIllnessFen,
  admittedOn: '2026-02-10',
});

describe('a bill by the tiers', () => {
  it('rounds each band down to the fen, and pays nothing above a last band that has an upper bound', () => {
    const tiers = [
      { uptoFen: 3, percent: 50 },
      { uptoFen: 10, percent: 33 },
    ];
    const line = computeBill(bill(20, 5, 2), 0, tiers);
    expect(line.selfPaidFen).toBe(13);
    expect(line.tiers).toEqual([
      { fromFen: 0, uptoFen: 3, percent: 50, baseFen: 3, paidFen: 1 },
      { fromFen: 3, uptoFen: 10, percent: 33, baseFen: 7, paidFen: 2 },
    ]);
    expect(line.computedFen).toBe(3);
  });

  it('stops at the self-paid part: a bill inside the first band touches no other', () => {
    const line = computeBill(bill(50_000), 2, [{ uptoFen: 100_000, percent: 40 }, { percent: 90 }]);
    expect(line).toMatchObject({ index: 2, selfPaidFen: 50_000, computedFen: 20_000 });
    expect(line.tiers[1]).toEqual({ fromFen: 100_000, uptoFen: null, percent: 90, baseFen: 0, paidFen: 0 });
  });

  it('pays a whole bill at 100% with one unbounded band, and nothing when insurance paid it all', () => {
    expect(computeBill(bill(123_457), 0, [{ percent: 100 }]).computedFen).toBe(123_457);
    expect(computeBill(bill(1_000, 600, 400), 0, [{ percent: 100 }]).computedFen).toBe(0);
  });

  it('defaults the cap to 50,000,000 fen and refuses bands out of order', () => {
    expect(mutualAidRules.parse({ tiers: [{ percent: 10 }] }).perMemberCapFen).toBe(50_000_000);
    expect(
      mutualAidRules.safeParse({
        tiers: [
          { uptoFen: 200, percent: 10 },
          { uptoFen: 100, percent: 20 },
        ],
      }).success,
    ).toBe(false);
    expect(mutualAidRules.safeParse({ tiers: [{ percent: 10.5 }] }).success).toBe(false);
  });
});
