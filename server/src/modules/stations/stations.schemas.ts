import { z } from 'zod';
import { pageOf, pageQuery } from '../../kernel/pagination.js';
import { regionCodeSchema } from '../orgs/index.js';
import { stationTypes } from './stations.hours.js';

const time = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/, { message: 'invalid_time' })
  .describe('HH:MM, Asia/Shanghai');
const lat = z.number().min(-90).max(90);
const lng = z.number().min(-180).max(180);
export const stationCodeSchema = z
  .string()
  .regex(/^\d{6}[A-Z]{2}\d{4,}$/)
  .describe('region code + type letters + sequence, e.g. 610104RS0001');

const editable = {
  name: z.string().trim().min(1).max(100),
  address: z.string().trim().min(1).max(200),
  lat,
  lng,
  alwaysOpen: z.boolean(),
  openDays: z.array(z.number().int().min(1).max(7)).min(1).max(7).describe('ISO weekdays, 1 = Monday'),
  opensAt: time.nullable(),
  closesAt: time.nullable(),
  services: z.array(z.string().trim().min(1).max(30)).max(30).describe('e.g. 饮水, 热饭, 充电, 如厕, 急救包, 休息座椅'),
  supplies: z.string().trim().max(500).nullable(),
  phone: z.string().trim().max(30).nullable(),
  managerId: z.uuid().nullable(),
};

export const createStationBody = z
  .object({
    orgId: z.uuid(),
    type: z.enum(stationTypes),
    regionCode: regionCodeSchema.optional().describe("defaults to the org's region code"),
    name: editable.name,
    address: editable.address,
    lat,
    lng,
    alwaysOpen: editable.alwaysOpen.default(false),
    openDays: editable.openDays.default([1, 2, 3, 4, 5, 6, 7]),
    opensAt: editable.opensAt.optional(),
    closesAt: editable.closesAt.optional(),
    services: editable.services.default([]),
    supplies: editable.supplies.optional(),
    phone: editable.phone.optional(),
    managerId: editable.managerId.optional(),
  })
  .strict();

export const updateStationBody = z.object(editable).partial().strict();

export const todayBody = z
  .object({ lat, lng, address: editable.address.optional(), opensAt: time, closesAt: time })
  .strict()
  .describe("a mobile station's position and hours for today (Asia/Shanghai)");

export const nearbyQuery = z.object({
  lat: z.coerce.number().min(-90).max(90),
  lng: z.coerce.number().min(-180).max(180),
  type: z.enum(stationTypes).optional(),
  openNow: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const nearbyItem = z.object({
  code: z.string(),
  name: z.string(),
  type: z.string(),
  lat: z.number(),
  lng: z.number(),
  distanceM: z.number().int(),
  openNow: z.boolean(),
  address: z.string(),
  services: z.array(z.string()),
});
export const nearbyReply = z.object({ items: z.array(nearbyItem) });

export const hoursView = z.object({
  alwaysOpen: z.boolean(),
  openDays: z.array(z.number().int()),
  opensAt: z.string().nullable(),
  closesAt: z.string().nullable(),
  scheduleDate: z.string().nullable().describe('for mobile stations: the day the position and hours are for'),
});

export const stationView = z.object({
  code: z.string(),
  name: z.string(),
  type: z.string(),
  regionCode: z.string(),
  address: z.string(),
  lat: z.number(),
  lng: z.number(),
  hours: hoursView,
  openNow: z.boolean(),
  services: z.array(z.string()),
  supplies: z.string().nullable(),
  phone: z.string().nullable(),
  org: z.object({ id: z.uuid(), name: z.string() }),
  photos: z.array(z.string()).describe('image URLs'),
  status: z.enum(['active', 'retired']),
  rating: z.object({ average: z.number().nullable(), count: z.number().int() }),
  memberAppUrl: z.string(),
});

export const staffStationView = stationView.extend({
  id: z.uuid(),
  managerId: z.uuid().nullable(),
  usage30d: z.object({ views: z.number().int(), qrScans: z.number().int() }),
});

export const codeParams = z.object({ code: stationCodeSchema });
export const photoParams = z.object({ code: stationCodeSchema, fileId: z.uuid() });
export const stationDetailQuery = z.object({ via: z.enum(['qr', 'map']).optional() });

export const ratingBody = z
  .object({ score: z.number().int().min(1).max(5), comment: z.string().trim().max(200).optional() })
  .strict();
export const ratingView = z.object({
  id: z.uuid(),
  score: z.number().int(),
  comment: z.string().nullable(),
  ratedOn: z.string(),
});

export const listStationsQuery = pageQuery.extend({
  orgId: z.uuid().optional(),
  type: z.enum(stationTypes).optional(),
  status: z.enum(['active', 'retired']).optional(),
  q: z.string().trim().max(50).optional(),
});
export const exportStationsQuery = listStationsQuery.omit({ limit: true, cursor: true });
export const stationPage = pageOf(staffStationView);

export const statsQuery = z.object({ days: z.coerce.number().int().min(1).max(366).default(30) });
export const statsReply = z.object({
  code: z.string(),
  days: z.array(
    z.object({
      day: z.string(),
      views: z.number().int(),
      qrScans: z.number().int(),
      ratings: z.number().int(),
      averageScore: z.number().nullable(),
    }),
  ),
  totals: z.object({
    views: z.number().int(),
    qrScans: z.number().int(),
    ratings: z.number().int(),
    averageScore: z.number().nullable(),
  }),
  recentComments: z.array(z.object({ score: z.number().int(), comment: z.string(), ratedOn: z.string() })),
});
