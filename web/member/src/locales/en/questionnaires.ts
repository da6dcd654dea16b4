import type { questionnaires as zhCN } from '../zh-CN/questionnaires';

export const questionnaires: typeof zhCN = {
  questionnaires: {
    title: 'Questionnaires',
    none: 'No questionnaires now',
    notFound: 'Questionnaire not found',
    open: 'Open',
    notOpen: 'Not open',
    answered: 'Sent — thank you',
    anonymous: 'Anonymous',
    multipleHint: ' (choose any)',
    stars: '{{n}}',
    optional: ' (optional)',
    textPlaceholder: 'Your views',
    submit: 'Send',
    answerAll: 'Answer every required question first',
    thanks: 'Sent — thank you for taking part',
  },
};
