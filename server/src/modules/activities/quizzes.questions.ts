import type { QuestionKind, QuizOption } from './quizzes.tables.js';

/**
 * A question's options and right answers, checked once for the API and the Excel import: options are lettered A–F
 * in order; a true/false question (判断) always has A 正确 and B 错误; single choice and true/false have exactly one
 * right option, multiple choice one or more (scored all-or-nothing: quizzes.service.ts `isRight`).
 */
export const optionKeys = ['A', 'B', 'C', 'D', 'E', 'F'] as const;

export const trueFalseOptions: QuizOption[] = [
  { key: 'A', text: '正确' },
  { key: 'B', text: '错误' },
];

export interface NormalQuestion {
  kind: QuestionKind;
  options: QuizOption[];
  correct: string[];
}

/** A problem with a question, as the field and code of a 400 issue or an import row's error. */
export interface QuestionProblem {
  field: 'options' | 'correct';
  code: 'too_few_options' | 'invalid_answer';
}

export function normalQuestion(
  kind: QuestionKind,
  optionTexts: readonly string[] | undefined,
  correct: readonly string[],
): NormalQuestion | QuestionProblem {
  const options =
    kind === 'true_false' ? trueFalseOptions : (optionTexts ?? []).map((text, i) => ({ key: optionKeys[i]!, text }));
  if (kind !== 'true_false' && options.length < 2) return { field: 'options', code: 'too_few_options' };
  const keys = new Set(options.map((o) => o.key));
  const chosen = [...new Set(correct)].sort();
  if (chosen.length === 0 || chosen.some((k) => !keys.has(k))) return { field: 'correct', code: 'invalid_answer' };
  if (kind !== 'multiple' && chosen.length !== 1) return { field: 'correct', code: 'invalid_answer' };
  return { kind, options, correct: chosen };
}

export function isProblem(q: NormalQuestion | QuestionProblem): q is QuestionProblem {
  return 'code' in q;
}

/** 单选 / 多选 / 判断 (and the English words) → the kind. */
export function kindFromCell(text: string): QuestionKind | null {
  const t = text.trim().toLowerCase();
  if (['单选', '单选题', 'single', 'single choice'].includes(t)) return 'single';
  if (['多选', '多选题', 'multiple', 'multiple choice'].includes(t)) return 'multiple';
  if (['判断', '判断题', 'true/false', 'true_false', 'truefalse'].includes(t)) return 'true_false';
  return null;
}

export const kindWords: Record<QuestionKind, string> = { single: '单选', multiple: '多选', true_false: '判断' };

/**
 * The right answer as typed in a sheet: letters ("AC", "A,C", "a、c"); for true/false also 对/错, 正确/错误, √/×, T/F.
 * Anything else gives no letters (→ invalid_answer).
 */
export function answerFromCell(kind: QuestionKind, text: string): string[] {
  const t = text.trim();
  if (kind === 'true_false') {
    if (['对', '正确', '√', '✓', 'T', 't', 'true', 'TRUE', 'A', 'a', 'Y', 'y'].includes(t)) return ['A'];
    if (['错', '错误', '×', '✗', 'X', 'x', 'F', 'f', 'false', 'FALSE', 'B', 'b', 'N', 'n'].includes(t)) return ['B'];
    return [];
  }
  const letters = t.toUpperCase().replace(/[\s,，、;；]/g, '');
  if (!/^[A-F]+$/.test(letters)) return [];
  return letters.split('');
}
