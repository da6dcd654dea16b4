/** The activities page and its parts' titles; each part's own words sit in a file of its own. */
export const activities = {
  activities: {
    title: 'Union activities',
    empty: 'No activities running now',
    quizzes: 'Quizzes',
    quizzesHint: 'Answer and win prizes',
    walks: 'Walking challenges',
    walksHint: "Record each day's steps",
    polls: 'Public votes',
    pollsHint: 'Vote for the role models around you',
    stories: 'Workers’ stories',
    storiesHint: 'Tell your story',
    contests: 'Innovation contests',
    contestsHint: 'Enter and be judged online',
    questionnaires: 'Questionnaires',
    questionnairesHint: 'Have your say',
    skills: 'Skills competitions',
    skillsHint: 'Enter an event, see the results',
    awards: 'Award selections',
    awardsHint: 'Nominate, see the shortlist',
  },
};
