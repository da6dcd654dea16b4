import { Button, Card, Form, Input, Select, Space, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { questionKinds, type NewQuestionnaire, type QuestionKind, type Questionnaire } from './questionnaires.queries';

/** A question as the builder's form holds it. */
export interface QuestionForm {
  kind: QuestionKind;
  text: string;
  /** One choice a line (single and multiple). */
  options?: string;
  required?: boolean;
}

const hasOptions = (kind: QuestionKind | undefined) => kind === 'single' || kind === 'multiple';

/** The form's questions as the API takes them. */
export function questionsBody(questions: readonly QuestionForm[]): NewQuestionnaire['questions'] {
  return questions.map((q) => ({
    kind: q.kind,
    text: q.text,
    ...(hasOptions(q.kind)
      ? {
          options: (q.options ?? '')
            .split('\n')
            .map((o) => o.trim())
            .filter(Boolean),
        }
      : {}),
    required: q.required ?? true,
  }));
}

/** A questionnaire's questions as the builder's form holds them (to edit them). */
export function questionsForm(questions: Questionnaire['questions']): QuestionForm[] {
  return questions.map((q) => ({ kind: q.kind, text: q.text, options: q.options.join('\n'), required: q.required }));
}

/** The builder's list of questions (the form field `questions`): kind, required, text and the choices. */
export function QuestionsEditor() {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  return (
    <Form.List name="questions">
      {(items, { add, remove }) => (
        <>
          {items.map((item, i) => (
            <Card
              key={item.key}
              size="small"
              style={{ marginBottom: 8 }}
              title={t('questionnaires.questionN', { n: i + 1 })}
              extra={
                items.length > 1 && (
                  <Button size="small" type="link" danger onClick={() => remove(item.name)}>
                    {t('questionnaires.removeQuestion')}
                  </Button>
                )
              }
              data-testid="question-card"
            >
              <Space align="start" wrap style={{ width: '100%' }}>
                <Form.Item name={[item.name, 'kind']} label={t('questionnaires.kind')} rules={[{ required: true }]}>
                  <Select<QuestionKind>
                    style={{ width: 120 }}
                    options={questionKinds.map((k) => ({ value: k, label: t(`questionnaires.kinds.${k}`) }))}
                    data-testid={`question-kind-${i}`}
                  />
                </Form.Item>
                <Form.Item name={[item.name, 'required']} label={t('questionnaires.required')} valuePropName="checked">
                  <Switch />
                </Form.Item>
              </Space>
              <Form.Item
                name={[item.name, 'text']}
                label={t('questionnaires.questionText')}
                rules={[{ required: true, max: 300 }]}
              >
                <Input data-testid={`question-text-${i}`} />
              </Form.Item>
              <Form.Item noStyle dependencies={[['questions', item.name, 'kind']]}>
                {() =>
                  hasOptions(form.getFieldValue(['questions', item.name, 'kind']) as QuestionKind) && (
                    <Form.Item
                      name={[item.name, 'options']}
                      label={t('questionnaires.options')}
                      extra={t('questionnaires.optionsHint')}
                      rules={[{ required: true }]}
                    >
                      <Input.TextArea rows={3} data-testid={`question-options-${i}`} />
                    </Form.Item>
                  )
                }
              </Form.Item>
            </Card>
          ))}
          <Button
            block
            type="dashed"
            onClick={() => add({ kind: 'single', text: '', options: '', required: true })}
            data-testid="add-question"
          >
            {t('questionnaires.addQuestion')}
          </Button>
        </>
      )}
    </Form.List>
  );
}
