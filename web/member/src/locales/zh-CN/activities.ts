/** The activities page (活动) and its parts' titles; each part's own words sit in a file of its own. */
export const activities = {
  activities: {
    title: '工会活动',
    empty: '暂时没有进行中的活动',
    quizzes: '知识竞赛',
    quizzesHint: '答题赢奖品',
    walks: '健步走',
    walksHint: '每天记录步数',
    polls: '网络投票',
    pollsHint: '为身边的榜样投票',
    stories: '职工故事',
    storiesHint: '讲述你的故事',
    contests: '五小创新',
    contestsHint: '网报网评',
    questionnaires: '问卷调查',
    questionnairesHint: '说出你的意见',
    skills: '技能大赛',
    skillsHint: '报名参赛，查看成绩',
    awards: '先进评选',
    awardsHint: '推荐先进，查看公示',
  },
};
