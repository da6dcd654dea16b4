/** 问卷调查: the member's questionnaires and the answering page. */
export const questionnaires = {
  questionnaires: {
    title: '问卷调查',
    none: '暂时没有问卷',
    notFound: '没有找到这份问卷',
    open: '可填写',
    notOpen: '未开放或已结束',
    answered: '已提交，感谢参与',
    anonymous: '匿名问卷',
    multipleHint: '（可多选）',
    stars: '{{n}} 分',
    optional: '（选答）',
    textPlaceholder: '请填写您的意见',
    submit: '提交问卷',
    answerAll: '请先回答所有必答题',
    thanks: '提交成功，感谢参与',
  },
};
