import type { perks as zhCN } from '../zh-CN/perks.js';

export const perks: typeof zhCN = {
  breakfast: {
    notEnrolled: 'You have no breakfast card',
    ask: 'Ask your union to enrol you',
    servedToday: 'Had today',
    available: 'One breakfast available today',
  },
  perks: {
    mine: 'My vouchers',
    none: 'No campaigns',
    claim: 'Claim',
    claimed: 'Claimed',
    soldOut: 'Sold out',
    reached: 'Claimed',
    startsIn: 'Opens in {{t}}',
    remaining: '{{n}} of {{total}} left',
    noVouchers: 'No vouchers yet',
    state: { issued: 'Valid', redeemed: 'Redeemed' },
  },
};
