import { stationTypeLabels } from '../../../../../shared/labels.js';

export const stations = {
  map: {
    all: '全部',
    openNow: '只看营业中',
    nearest: '定位最近',
    navigate: '导航',
    open: '开放中',
    closed: '未开放',
    none: '附近暂无站点',
    noLocation: '无法获取您的位置，已显示市中心附近的站点',
    defaultCentre: '正在显示市中心（钟楼）附近的站点，点“定位最近”查看您身边的站点',
  },
  stationType: stationTypeLabels['zh-CN'],
  station: {
    allDay: '全天开放',
    retired: '已停用',
    rating: '服务评价',
    ratingSummary: '{{avg}} 分 · {{n}} 人评价',
    noRatings: '还没有评价',
    signInToRate: '登录后评价',
    ratedToday: '今天已评价，感谢您的反馈',
    yourScore: '满意度',
    comment: '说说您的感受（选填）',
    submit: '提交评价',
    thanks: '感谢评价',
    notFound: '该站点不存在',
    notFoundHint: '二维码可能已失效，或站点已撤除',
    backToMap: '返回爱心地图',
  },
};
