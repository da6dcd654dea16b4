import type { StaffPrincipal } from '../../kernel/auth.js';
import type { AppContext } from '../../kernel/context.js';
import { AppError } from '../../kernel/errors.js';
import { issueMessage, type Locale } from '../../kernel/i18n/messages.js';
import {
  importErrorWorkbook,
  importInScope,
  presentJob,
  startImport,
  type ColumnLabels,
  type ImportRun,
} from '../../kernel/imports.js';
import { finishJob, reportJobProgress, type JobError } from '../../kernel/jobs.js';
import { auditIn } from '../../kernel/use-case.js';
import { cellText, countDataRows, mapHeaders, sheetRows, workbookOf } from '../../kernel/xlsx.js';
import { authorizeRunActivities } from './activities.policy.js';
import { answerFromCell, isProblem, kindFromCell, normalQuestion, optionKeys } from './quizzes.questions.js';
import * as repo from './quizzes.repository.js';
import { questionSheetColumns } from './quizzes.service.js';

/**
 * 题库导入: staff upload a quiz's questions as a workbook, one question a row (题型, 题目, 选项A–F, 正确答案, 解析; the
 * export's columns, so an exported bank imports into another quiz). Rows run in the background (kernel/imports.ts);
 * each row that cannot be added is reported with its number, column and code: required, invalid_kind,
 * too_few_options, invalid_answer, too_big, duplicate_in_file, question_exists (the same text is in the bank).
 */
export const questionImportKind = 'quiz_question_import';

const importColumns = {
  kind: ['题型', '类型', 'kind', 'type'],
  text: ['题目', '题干', '问题', 'question', 'text'],
  ...Object.fromEntries(
    optionKeys.map((k) => [`option${k}`, [`选项${k.toLowerCase()}`, k.toLowerCase(), `option${k.toLowerCase()}`]]),
  ),
  correct: ['正确答案', '答案', 'answer', 'correct'],
  explanation: ['解析', '答案解析', 'explanation'],
} as Record<string, readonly string[]>;

export const questionColumnLabels: ColumnLabels = {
  kind: { 'zh-CN': '题型', en: 'Type' },
  text: { 'zh-CN': '题目', en: 'Question' },
  ...Object.fromEntries(optionKeys.map((k) => [`option${k}`, { 'zh-CN': `选项${k}`, en: `Option ${k}` }])),
  options: { 'zh-CN': '选项', en: 'Options' },
  correct: { 'zh-CN': '正确答案', en: 'Answer' },
  explanation: { 'zh-CN': '解析', en: 'Explanation' },
};

export function questionImportTemplate(): Promise<Buffer> {
  return workbookOf('题库', questionSheetColumns, [
    {
      kind: '单选',
      text: '（示例，导入前请删除）劳动合同期限三个月以上不满一年的，试用期不得超过多久？',
      optionA: '一个月',
      optionB: '二个月',
      optionC: '三个月',
      optionD: '六个月',
      correct: 'A',
      explanation: '《劳动合同法》第十九条',
    },
  ]);
}

/** Reads the rows and adds each good one to the quiz's bank, in batches of 200, each batch in one transaction. */
export async function runQuestionImport(ctx: AppContext, quizId: string, job: ImportRun, bytes: Buffer): Promise<void> {
  const total = await countDataRows(bytes);
  await reportJobProgress(ctx.db, job.id, { total, processed: 0, succeeded: 0, failed: 0, newErrors: [] });
  const counts = { processed: 0, succeeded: 0, failed: 0 };
  const existing = new Set((await repo.allQuestions(ctx.db, quizId)).map((q) => q.text));
  const seen = new Set<string>();
  let columns: Partial<Record<string, number>> | null = null;
  let batch: (typeof import('./quizzes.tables.js').quizQuestions.$inferInsert)[] = [];
  let batchFirstRow = 0;
  let errors: JobError[] = [];
  const fail = (row: number, field: string, code: string) =>
    errors.push({ row, field, code, message: issueMessage(code, 'zh-CN') });

  const flush = async () => {
    const rows = batch;
    batch = [];
    if (rows.length > 0)
      await ctx.db.transaction(async (tx) => {
        await repo.insertQuestions(tx, rows);
        await auditIn(
          ctx,
          tx,
          { kind: 'staff', id: job.createdBy },
          {
            action: 'quiz.question_import_batch',
            objectType: 'job',
            objectId: job.id,
            orgId: job.org.id,
            details: { quizId, added: rows.length, firstRow: batchFirstRow },
          },
        );
      });
    counts.succeeded += rows.length;
    counts.failed = counts.processed - counts.succeeded;
    const newErrors = errors.sort((a, b) => a.row - b.row);
    errors = [];
    await reportJobProgress(ctx.db, job.id, { ...counts, newErrors });
  };

  for await (const row of sheetRows(bytes)) {
    if (!columns) {
      columns = mapHeaders(row, importColumns);
      const missing = (['kind', 'text', 'correct'] as const).filter((f) => columns![f] === undefined);
      if (missing.length > 0)
        return finishJob(ctx.db, job.id, 'failed', `missing_column:${missing.join(',')}`, ctx.clock.now());
      continue;
    }
    const get = (f: string) => (columns![f] === undefined ? '' : cellText(row.values[columns![f]!]));
    const kindText = get('kind');
    const text = get('text');
    const optionTexts = optionKeys.map((k) => get(`option${k}`));
    const correctText = get('correct');
    const explanation = get('explanation');
    if (!kindText && !text && !correctText && optionTexts.every((o) => !o)) continue; // a blank line
    counts.processed++;
    const before = errors.length;
    const kind = kindFromCell(kindText);
    if (!kindText) fail(row.number, 'kind', 'required');
    else if (!kind) fail(row.number, 'kind', 'invalid_kind');
    if (!text) fail(row.number, 'text', 'required');
    else if (text.length > 1000) fail(row.number, 'text', 'too_big');
    optionKeys.forEach((k, i) => {
      if (optionTexts[i]!.length > 200) fail(row.number, `option${k}`, 'too_big');
    });
    if (explanation.length > 1000) fail(row.number, 'explanation', 'too_big');
    if (!correctText) fail(row.number, 'correct', 'required');
    if (errors.length > before || !kind) continue;
    // Options are the filled cells in order: a gap (A, C filled, B empty) is an error, not a silent shift.
    const lastFilled = optionTexts.reduce((last, o, i) => (o ? i : last), -1);
    const options = optionTexts.slice(0, lastFilled + 1);
    if (kind !== 'true_false' && options.some((o) => !o)) {
      fail(row.number, `option${optionKeys[options.findIndex((o) => !o)]}`, 'required');
      continue;
    }
    const normal = normalQuestion(kind, options, answerFromCell(kind, correctText));
    if (isProblem(normal)) {
      fail(row.number, normal.field, normal.code);
      continue;
    }
    if (seen.has(text)) {
      fail(row.number, 'text', 'duplicate_in_file');
      continue;
    }
    if (existing.has(text)) {
      fail(row.number, 'text', 'question_exists');
      continue;
    }
    seen.add(text);
    const now = ctx.clock.now();
    if (batch.length === 0) batchFirstRow = row.number;
    batch.push({ quizId, ...normal, text, explanation: explanation || null, createdAt: now, updatedAt: now });
    if (batch.length >= 200) await flush();
  }
  if (!columns) return finishJob(ctx.db, job.id, 'failed', 'missing_column:kind,text,correct', ctx.clock.now());
  await flush();
  await finishJob(ctx.db, job.id, 'succeeded', null, ctx.clock.now());
}

/** Starts the import of questions into a quiz of the caller's subtree (else 404; without the role 403). */
export async function startQuestionImport(
  ctx: AppContext,
  principal: StaffPrincipal,
  quizId: string,
  readUpload: () => Promise<{ fileName: string; bytes: Buffer }>,
) {
  const quiz = await repo.findQuiz(ctx.db, quizId);
  if (!quiz) throw new AppError('NOT_FOUND');
  return startImport(ctx, principal, {
    kind: questionImportKind,
    orgId: quiz.orgId,
    authorize: authorizeRunActivities,
    readUpload,
    run: (job, bytes) => runQuestionImport(ctx, quizId, job, bytes),
  });
}

function importOf(ctx: AppContext, principal: StaffPrincipal, id: string) {
  return importInScope(ctx, principal, id, questionImportKind, authorizeRunActivities);
}

export async function getQuestionImport(ctx: AppContext, principal: StaffPrincipal, id: string, locale: Locale) {
  return presentJob(await importOf(ctx, principal, id), { locale, labels: questionColumnLabels });
}

export async function questionImportErrors(ctx: AppContext, principal: StaffPrincipal, id: string, locale: Locale) {
  const job = await importOf(ctx, principal, id);
  return importErrorWorkbook(job.errors, { locale, labels: questionColumnLabels });
}
