import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ok, type ApiData } from '../../../../shared/api';
import { api } from '../../api';

export type CalendarDay = ApiData<'/api/v1/calendar'>['days'][number];

export const calendarKeys = { year: (year: number) => ['/api/v1/calendar', year] as const };

export function useCalendar(year: number) {
  return useQuery({
    queryKey: calendarKeys.year(year),
    queryFn: ({ signal }) =>
      ok(api.GET('/api/v1/calendar', { params: { query: { year } }, signal })).then((r) => r.days),
  });
}

/** Saves a year's holidays and make-up working days; the answer is the year as kept. */
export function useSaveCalendar(year: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (days: CalendarDay[]) =>
      ok(api.PUT('/api/v1/calendar/{year}', { params: { path: { year } }, body: { days } })).then((r) => r.days),
    onSuccess: (days) => client.setQueryData(calendarKeys.year(year), days),
  });
}
