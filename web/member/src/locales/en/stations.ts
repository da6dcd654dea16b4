import { stationTypeLabels } from '../../../../../shared/labels.js';
import type { stations as zhCN } from '../zh-CN/stations.js';

export const stations: typeof zhCN = {
  map: {
    all: 'All',
    openNow: 'Open now',
    nearest: 'Nearest',
    navigate: 'Navigate',
    open: 'Open',
    closed: 'Closed',
    none: 'No stations nearby',
    noLocation: 'Your location is unavailable; showing stations near the city centre',
    defaultCentre: 'Showing stations near the Bell Tower; tap Nearest to see those around you',
  },
  stationType: stationTypeLabels.en,
  station: {
    allDay: 'Open 24 hours',
    retired: 'Retired',
    rating: 'Rate the service',
    ratingSummary: '{{avg}} · {{n}} ratings',
    noRatings: 'No ratings yet',
    signInToRate: 'Sign in to rate',
    ratedToday: 'Rated today, thank you',
    yourScore: 'Satisfaction',
    comment: 'Tell us more (optional)',
    submit: 'Submit',
    thanks: 'Thank you',
    notFound: 'This station does not exist',
    notFoundHint: 'The QR code may be outdated, or the station was removed',
    backToMap: 'Back to the love map',
  },
};
