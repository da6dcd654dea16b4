import type { ModelWorkerStatus } from './queries';

/** The year as it is in Shanghai now (the register's checks are per calendar year there). */
export const shanghaiYear = () =>
  Number(new Date().toLocaleDateString('en-CA', { timeZone: 'Asia/Shanghai' }).slice(0, 4));

export const statusColour: Record<ModelWorkerStatus, string | undefined> = {
  active: 'green',
  deceased: undefined,
  disqualified: 'red',
};
