import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { requireStaff } from '../../kernel/auth.js';
import { readSingleUpload, zodRoutes } from '../../kernel/http.js';
import { jobView, maxImportBytes } from '../../kernel/imports.js';
import { xlsxMediaType } from '../../kernel/xlsx.js';
import { getHouseholdImport, householdImportErrors, householdImportTemplate, startHouseholdImport } from './imports.js';

function attachment(ascii: string, fileName: string): string {
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

const idParams = z.object({ id: z.uuid() }).strict();

/** 困难家庭批量导入: the template, the upload (a job), its progress and its error report. */
export async function householdImportRoutes(app: FastifyInstance): Promise<void> {
  const r = zodRoutes(app);
  const ctx = app.ctx;
  const tags = ['hardship'];

  r.get(
    '/api/v1/hardship/imports/template.xlsx',
    { schema: { tags, produces: [xlsxMediaType] } },
    async (req, reply) => {
      requireStaff(req.principal);
      return reply
        .type(xlsxMediaType)
        .header('content-disposition', attachment('hardship-households-template.xlsx', '困难家庭导入模板.xlsx'))
        .send(await householdImportTemplate());
    },
  );
  r.post(
    '/api/v1/hardship/imports',
    {
      schema: {
        tags,
        description:
          "multipart/form-data with one .xlsx file field (户主姓名, 身份证号, 手机号, 地区代码, 地址, 家庭人口, 人均月收入(元), 致困原因, 发现渠道, 备注): each good row becomes a lead (submitted) of orgId filed by the caller (assistance_officer over orgId); a head's ID number already on file anywhere in the federation is reported (household_exists, with the file's id and status), never filed twice. Rows run in the background: poll the job",
        consumes: ['multipart/form-data'],
        querystring: z.object({
          orgId: z.uuid().describe("the union of the households' area, in the caller's subtree"),
        }),
        response: { 202: jobView },
      },
    },
    async (req, reply) => {
      const job = await startHouseholdImport(ctx, requireStaff(req.principal), req.query.orgId, () =>
        readSingleUpload(req, maxImportBytes),
      );
      return reply.status(202).send(job);
    },
  );
  r.get(
    '/api/v1/hardship/imports/:id',
    {
      schema: {
        tags,
        description: 'the import job: progress and the first row errors',
        params: idParams,
        response: { 200: jobView },
      },
    },
    async (req) => getHouseholdImport(ctx, requireStaff(req.principal), req.params.id, req.locale),
  );
  r.get(
    '/api/v1/hardship/imports/:id/errors.xlsx',
    {
      schema: {
        tags,
        description: 'every row that was not filed, and why',
        params: idParams,
        produces: [xlsxMediaType],
      },
    },
    async (req, reply) =>
      reply
        .type(xlsxMediaType)
        .header('content-disposition', attachment('hardship-import-errors.xlsx', '困难家庭导入错误.xlsx'))
        .send(await householdImportErrors(ctx, requireStaff(req.principal), req.params.id, req.locale)),
  );
}
