export const perks = {
  breakfast: {
    notEnrolled: '您还没有爱心早餐卡',
    ask: '环卫工人等职工可向所在工会申请登记',
    servedToday: '今日已领取',
    available: '今日可领取一份',
  },
  perks: {
    mine: '我的券',
    none: '暂无福利活动',
    claim: '立即抢',
    claimed: '领取成功',
    soldOut: '已抢完',
    reached: '已领取',
    startsIn: '{{t}} 后开抢',
    remaining: '剩余 {{n}} / {{total}}',
    noVouchers: '还没有券',
    state: { issued: '可使用', redeemed: '已核销' },
  },
};
