import type { FastifyInstance } from 'fastify';
import { requireStaff, requireWorker } from '../../kernel/auth.js';
import { readSingleUpload, sendJsonText, zodRoutes } from '../../kernel/http.js';
import { sendStoredFile } from '../../kernel/files.js';
import { jobView, maxImportBytes } from '../../kernel/imports.js';
import { xlsxMediaType } from '../../kernel/xlsx.js';
import { z } from 'zod';
import {
  exportStations,
  getStationImport,
  startStationImport,
  stationImportErrors,
  stationTemplate,
} from './stations.import.js';
import * as s from './stations.schemas.js';
import {
  addStationPhoto,
  createStation,
  findNearbyStations,
  getPublicStation,
  getStationForStaff,
  listStations,
  maxPhotoBytes,
  rateStation,
  retireStation,
  setTodayPosition,
  stationPhoto,
  stationQrPng,
  stationQrSvg,
  stationStats,
  updateStation,
} from './stations.service.js';

export async function stationRoutes(app: FastifyInstance): Promise<void> {
  const r = zodRoutes(app);
  const ctx = app.ctx;
  const tags = ['stations'];
  const pub = { tags, security: [] };

  r.get(
    '/api/v1/stations/nearby',
    {
      schema: {
        ...pub,
        description:
          'Nearest first, by great-circle distance. Answered from an in-memory grid of the active stations (STATION_INDEX=memory, the default; ' +
          "this process's writes at once, other processes' within seconds) or by PostgreSQL's KNN on the GiST index (STATION_INDEX=sql); both give the same answer",
        querystring: s.nearbyQuery,
        response: { 200: s.nearbyReply },
      },
    },
    async (req, reply) => sendJsonText(reply, await findNearbyStations(ctx, req.query)),
  );
  r.get(
    '/api/v1/stations/:code',
    { schema: { ...pub, params: s.codeParams, querystring: s.stationDetailQuery, response: { 200: s.stationView } } },
    async (req) => getPublicStation(ctx, req.params.code, req.query.via),
  );
  r.get(
    '/api/v1/stations/:code/qr.svg',
    { schema: { ...pub, params: s.codeParams, produces: ['image/svg+xml'] } },
    async (req, reply) =>
      reply
        .type('image/svg+xml')
        .header('cache-control', 'public, max-age=86400')
        .send(await stationQrSvg(ctx, req.params.code)),
  );
  r.get(
    '/api/v1/stations/:code/qr.png',
    { schema: { ...pub, params: s.codeParams, produces: ['image/png'] } },
    async (req, reply) =>
      reply
        .type('image/png')
        .header('cache-control', 'public, max-age=86400')
        .send(await stationQrPng(ctx, req.params.code)),
  );
  r.get(
    '/api/v1/stations/:code/photos/:fileId',
    { schema: { ...pub, params: s.photoParams, produces: ['image/png', 'image/jpeg'] } },
    async (req, reply) => {
      return sendStoredFile(
        reply,
        await stationPhoto(ctx, req.params.code, req.params.fileId),
        'public, max-age=604800, immutable',
      );
    },
  );
  r.post(
    '/api/v1/stations/:code/ratings',
    { schema: { tags, params: s.codeParams, body: s.ratingBody, response: { 201: s.ratingView } } },
    async (req, reply) =>
      reply.status(201).send(await rateStation(ctx, requireWorker(req.principal), req.params.code, req.body)),
  );

  r.post(
    '/api/v1/stations',
    { schema: { tags, body: s.createStationBody, response: { 201: s.staffStationView } } },
    async (req, reply) => reply.status(201).send(await createStation(ctx, requireStaff(req.principal), req.body)),
  );
  r.get(
    '/api/v1/stations',
    { schema: { tags, querystring: s.listStationsQuery, response: { 200: s.stationPage } } },
    async (req) => listStations(ctx, requireStaff(req.principal), req.query),
  );
  r.get(
    '/api/v1/stations/:code/manage',
    { schema: { tags, params: s.codeParams, response: { 200: s.staffStationView } } },
    async (req) => getStationForStaff(ctx, requireStaff(req.principal), req.params.code),
  );
  r.patch(
    '/api/v1/stations/:code',
    { schema: { tags, params: s.codeParams, body: s.updateStationBody, response: { 200: s.staffStationView } } },
    async (req) => updateStation(ctx, requireStaff(req.principal), req.params.code, req.body),
  );
  r.put(
    '/api/v1/stations/:code/today',
    { schema: { tags, params: s.codeParams, body: s.todayBody, response: { 200: s.staffStationView } } },
    async (req) => setTodayPosition(ctx, requireStaff(req.principal), req.params.code, req.body),
  );
  r.post(
    '/api/v1/stations/:code/retire',
    { schema: { tags, params: s.codeParams, response: { 200: s.staffStationView } } },
    async (req) => retireStation(ctx, requireStaff(req.principal), req.params.code),
  );
  r.get(
    '/api/v1/stations/:code/stats',
    { schema: { tags, params: s.codeParams, querystring: s.statsQuery, response: { 200: s.statsReply } } },
    async (req) => stationStats(ctx, requireStaff(req.principal), req.params.code, req.query.days),
  );
  r.post(
    '/api/v1/stations/:code/photos',
    {
      schema: {
        tags,
        description: 'multipart/form-data with one PNG or JPEG file field (5 MB at most)',
        consumes: ['multipart/form-data'],
        params: s.codeParams,
        response: { 200: s.staffStationView },
      },
    },
    async (req) =>
      addStationPhoto(ctx, requireStaff(req.principal), req.params.code, () => readSingleUpload(req, maxPhotoBytes)),
  );

  const attachment = (name: string) =>
    `attachment; filename="stations.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`;
  r.get(
    '/api/v1/stations/export.xlsx',
    { schema: { tags, querystring: s.exportStationsQuery, produces: [xlsxMediaType] } },
    async (req, reply) =>
      reply
        .type(xlsxMediaType)
        .header('content-disposition', attachment('站点台账.xlsx'))
        .send(await exportStations(ctx, requireStaff(req.principal), req.query)),
  );
  r.get(
    '/api/v1/stations/import-template.xlsx',
    { schema: { tags, produces: [xlsxMediaType] } },
    async (req, reply) => {
      requireStaff(req.principal);
      return reply
        .type(xlsxMediaType)
        .header('content-disposition', attachment('站点导入模板.xlsx'))
        .send(await stationTemplate());
    },
  );
  r.post(
    '/api/v1/stations/imports',
    {
      schema: {
        tags,
        description: 'multipart/form-data with one .xlsx file field; poll the job for progress',
        consumes: ['multipart/form-data'],
        querystring: z.object({ orgId: z.uuid() }),
        response: { 202: jobView },
      },
    },
    async (req, reply) => {
      const job = await startStationImport(ctx, requireStaff(req.principal), req.query.orgId, () =>
        readSingleUpload(req, maxImportBytes),
      );
      return reply.status(202).send(job);
    },
  );
  r.get(
    '/api/v1/stations/imports/:id',
    { schema: { tags, params: z.object({ id: z.uuid() }), response: { 200: jobView } } },
    async (req) => getStationImport(ctx, requireStaff(req.principal), req.params.id, req.locale),
  );
  r.get(
    '/api/v1/stations/imports/:id/errors.xlsx',
    { schema: { tags, params: z.object({ id: z.uuid() }), produces: [xlsxMediaType] } },
    async (req, reply) =>
      reply
        .type(xlsxMediaType)
        .header('content-disposition', attachment('站点导入错误.xlsx'))
        .send(await stationImportErrors(ctx, requireStaff(req.principal), req.params.id, req.locale)),
  );
}
